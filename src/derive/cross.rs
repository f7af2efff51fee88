//! Cross-report checks: figures that two reports state about the same
//! thing must agree. Each kind checks its own figures against the other
//! reports (`reports/<kind>/cross.rs`, run through the registry,
//! `ReportKind::cross_check`); here is what they share: [`agree`], whose
//! mismatch is an `E-CROSS` (or a rounding warning) whose message names
//! both sources, and the run over the site.

use super::{Ctx, convert, subject};
use crate::check::Code;
use crate::check::{Approx, Verdict};
use crate::model::Site;
use crate::number::{Figure, MoneyUnit};
use crate::reports::ReportKind;
use crate::source::Span;

/// `file:line` of a span, for naming the other source.
fn at(ctx: &Ctx, span: Span) -> String {
    let l = ctx.map.locate(span);
    format!("{}:{}", l.file, l.line)
}

/// Compare `stated` (in `unit`) with `other` (in `other_unit`), which another
/// report states at `other_span`; a mismatch becomes `E-CROSS`.
#[allow(clippy::too_many_arguments)]
pub fn agree(
    ctx: &mut Ctx,
    stated: Option<&Figure>,
    unit: MoneyUnit,
    other: Option<Approx>,
    other_unit: MoneyUnit,
    other_span: Span,
    field: String,
    what: &str,
    source: &str,
) {
    let Some(other) = other else { return };
    let formula = format!("{source}（{}）", at(ctx, other_span));
    let shown = ctx.reconcile(stated, Some(convert(other, other_unit, unit)), subject(field, &formula, what, unit.label()));
    let (Verdict::Mismatch { diagnostic, .. } | Verdict::Rounding { diagnostic, .. }) = shown.verdict else { return };
    let d = &mut ctx.checker.diagnostics[diagnostic];
    let error = matches!(shown.verdict, Verdict::Mismatch { .. });
    if error {
        d.code = Code::Cross;
    }
    d.message = format!(
        "{what}{}：本报告写作 {}，{formula}为 {}",
        if error { "与另一报告不一致" } else { "与另一报告有舍入差异" },
        d.stated.as_deref().unwrap_or(""),
        d.computed.as_deref().unwrap_or("")
    );
}

/// Run every cross-report check of the site: each unit/year, kind by kind.
pub fn check(ctx: &mut Ctx, site: &Site) {
    for unit in &site.units {
        for index in 0..unit.years.len() {
            for kind in ReportKind::ALL {
                kind.cross_check(ctx, unit, index);
            }
        }
    }
}
