//! Cross-report checks: figures that two reports state about the same
//! thing must agree. Within a unit/year, the 绩效评价's 全年执行数 (and its
//! 基本支出/项目支出 parts) against the 部门决算's 支出 total and items, and
//! a 自评表's 年度资金总额 and an evaluation project table's 支出金额
//! against the same project in the 绩效跟踪 report;
//! across years, the 上年数 a 部门决算 states (or implies through its
//! 比上年增减) against the previous year's own 决算. Each mismatch is an
//! `E-CROSS` (or a rounding warning) whose message names both sources.

use super::{Ctx, approx, subject};
use crate::check::Code;
use crate::check::{Approx, Verdict};
use crate::model::{Site, Year};
use crate::number::{Figure, MoneyUnit};
use crate::reports::final_accounts::model::{Composition, FinalAccounts, Totals};
use crate::reports::tracking::derive::convert;
use crate::source::Span;

/// `file:line` of a span, for naming the other source.
fn at(ctx: &Ctx, span: Span) -> String {
    let l = ctx.map.locate(span);
    format!("{}:{}", l.file, l.line)
}

/// Compare `stated` (in `unit`) with `other` (in `other_unit`), which another
/// report states at `other_span`; a mismatch becomes `E-CROSS`.
#[allow(clippy::too_many_arguments)]
fn agree(
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

/// 全年执行数 of the evaluation against the 决算's 支出.
fn evaluation_vs_final_accounts(ctx: &mut Ctx, year: &Year) {
    let (Some(fa), Some(ev)) = (&year.reports.final_accounts, &year.reports.evaluation) else { return };
    let Some(ex) = &ev.execution else { return };
    let unit = ex.unit.unwrap_or(ev.unit);
    let total = &fa.expenditure.total;
    agree(ctx, Some(&ex.actual), unit, Approx::of(total), fa.unit, total.span, "execution.actual".into(), "全年执行数", "部门决算支出合计");
    for (i, part) in ex.parts.iter().enumerate() {
        let Some(item) = fa.expenditure.items.iter().find(|it| it.name == part.name) else { continue };
        let what = format!("{}执行数", part.name);
        let source = format!("部门决算支出中的{}", item.name);
        agree(ctx, part.actual.as_ref(), unit, Approx::of(&item.amount), fa.unit, item.amount.span, format!("execution.parts[{i}].actual"), &what, &source);
    }
}

/// A project in both the 绩效跟踪 report and a 自评表 (same name): the
/// form's 年度资金总额 row against the tracking report's project.
fn forms_vs_tracking(ctx: &mut Ctx, year: &Year) {
    let Some(t) = &year.reports.tracking else { return };
    for f in &year.reports.forms {
        let Some(p) = t.projects.iter().find(|p| p.name.value == f.form.name) else { continue };
        let Some(row) = f.form.funds.first() else { continue };
        let name = &f.form.name;
        let pairs = [
            (&row.initial, Some(&p.budget), "initial", "年初预算数", "年初预算"),
            (&row.full_year, p.adjusted.as_ref(), "full_year", "全年预算数", "调整后预算"),
            (&row.executed, p.actual.as_ref(), "executed", "全年执行数", "实际支出"),
        ];
        for (stated, other, key, what, word) in pairs {
            let Some(o) = other else { continue };
            let w = format!("自评表{what}");
            let source = format!("绩效跟踪报告中“{name}”的{word}");
            agree(ctx, stated.as_ref(), f.form.unit, Approx::of(o), t.unit, o.span, format!("funds[0].{key}"), &w, &source);
        }
    }
}

/// A project listed in both the 绩效评价's project tables and the 绩效跟踪
/// report (same name): its 支出金额 against the tracking report's 实际支出.
fn evaluation_projects_vs_tracking(ctx: &mut Ctx, year: &Year) {
    let (Some(t), Some(ev)) = (&year.reports.tracking, &year.reports.evaluation) else { return };
    for (ti, table) in ev.project_tables.iter().enumerate() {
        let unit = table.unit.unwrap_or(ev.unit);
        for (ri, row) in table.rows.iter().enumerate() {
            let Some(p) = t.projects.iter().find(|p| p.name.value == row.name) else { continue };
            let Some(actual) = &p.actual else { continue };
            let source = format!("绩效跟踪报告中“{}”的实际支出", row.name);
            agree(
                ctx,
                row.actual.as_ref(),
                unit,
                Approx::of(actual),
                t.unit,
                actual.span,
                format!("project_tables[{ti}].rows[{ri}].actual"),
                "项目支出金额",
                &source,
            );
        }
    }
}

/// The 上年数 a total states, or implies as 本年数 − 增减额.
fn prior_of(total: &Figure, prior: Option<&Figure>, change: Option<&Figure>) -> Option<(Figure, bool)> {
    if let Some(p) = prior.filter(|p| p.is_reported()) {
        return Some((p.clone(), true));
    }
    let c = change.filter(|c| c.is_reported())?;
    let v = total.value? - c.value?;
    let dp = total.decimals().max(c.decimals());
    let mut v = v;
    v.rescale(dp);
    Some((Figure { value: Some(v), text: v.to_string(), span: c.span }, false))
}

/// A total with its 上年数 and 增减额, as a 决算 states it.
struct Total<'a> {
    path: &'static str,
    what: &'static str,
    total: &'a Figure,
    prior: Option<&'a Figure>,
    change: Option<&'a Figure>,
}

fn totals(fa: &FinalAccounts) -> [Total<'_>; 4] {
    fn t<'a>(path: &'static str, what: &'static str, x: &'a Totals) -> Total<'a> {
        Total { path, what, total: &x.total, prior: x.prior.as_ref(), change: x.change.as_ref() }
    }
    fn c<'a>(path: &'static str, what: &'static str, x: &'a Composition) -> Total<'a> {
        Total { path, what, total: &x.total, prior: x.prior.as_ref(), change: x.change.as_ref() }
    }
    [
        t("overview", "收支总计", &fa.overview),
        c("income", "收入合计", &fa.income),
        c("expenditure", "支出合计", &fa.expenditure),
        t("appropriation", "财政拨款收支总计", &fa.appropriation),
    ]
}

/// This year's 上年数 against last year's 决算.
fn prior_year(ctx: &mut Ctx, this: &FinalAccounts, last: &FinalAccounts, last_year: u16) {
    for (now, before) in totals(this).into_iter().zip(totals(last)) {
        let Some((stated, written)) = prior_of(now.total, now.prior, now.change) else { continue };
        let field = if written { format!("{}.prior", now.path) } else { format!("{}.change", now.path) };
        let w = if written { format!("{}上年数", now.what) } else { format!("{}上年数（本年数 − 增减额）", now.what) };
        let source = format!("{last_year}年度部门决算的{}", now.what);
        agree(ctx, Some(&stated), this.unit, approx(Some(before.total)), last.unit, before.total.span, field, &w, &source);
    }
}

/// Run every cross-report check of the site.
pub fn check(ctx: &mut Ctx, site: &Site) {
    for unit in &site.units {
        for (i, year) in unit.years.iter().enumerate() {
            evaluation_vs_final_accounts(ctx, year);
            forms_vs_tracking(ctx, year);
            evaluation_projects_vs_tracking(ctx, year);
            if i > 0
                && let (Some(this), Some(last)) = (&year.reports.final_accounts, &unit.years[i - 1].reports.final_accounts)
                && unit.years[i - 1].year + 1 == year.year
            {
                prior_year(ctx, this, last, unit.years[i - 1].year);
            }
        }
    }
}
