//! The changes a 部门决算 states against the year before, checked against the
//! previous year's own figures: the 上年数 of “三公”经费 and of 机关运行经费
//! (written, or implied as 本年数 − 比上年增减) must equal what the previous
//! year's 部门决算 gives. A disagreement is an `E-CROSS` naming both
//! `file:line`s. (The four totals — 收支总计, 收入, 支出, 财政拨款 — are
//! checked the same way by `reports::final_accounts::cross`.)

use super::{Measure, Series};
use crate::check::Approx;
use crate::derive::cross::agree;
use crate::derive::{Ctx, Shown, YearFigures};
use crate::model::Unit;
use crate::number::{Figure, MoneyUnit};
use crate::reports::final_accounts::cross::prior_of;

/// A stated 上年数 (or 本年数 and 增减额) of one figure.
struct Stated<'a> {
    /// The series it belongs to.
    name: &'static str,
    /// The field paths of its 上年数 and 比上年增减 in the file.
    paths: [&'static str; 2],
    total: &'a Figure,
    prior: Option<&'a Figure>,
    change: Option<&'a Figure>,
}

/// The figure of a year's derived 决算 a stated 上年数 is compared with.
fn last_year_figure<'y>(yf: &'y YearFigures, name: &str) -> Option<(&'y Shown, MoneyUnit)> {
    let fa = yf.reports.final_accounts.as_ref()?;
    let shown = match name {
        "“三公”经费合计" => &fa.three_public.as_ref()?.actual,
        _ => &fa.operating_costs.as_ref()?.current,
    };
    Some((shown, fa.unit))
}

/// Check every change `unit`'s 部门决算 state against the previous calendar
/// year's (`years`: its unit-years' figures, in year order); only figures that
/// have a series (values in two years) can disagree.
pub fn check(ctx: &mut Ctx, unit: &Unit, years: &[&YearFigures], series: &[Series]) {
    for pair in years.windows(2) {
        let (before, now) = (pair[0], pair[1]);
        let (last_year, this_year) = (unit.years[before.year].year, unit.years[now.year].year);
        let Some(fa) = &unit.years[now.year].reports.final_accounts else { continue };
        if last_year + 1 != this_year {
            continue;
        }
        let mut stated = vec![];
        if let Some(t) = &fa.three_public {
            stated.push(Stated {
                name: "“三公”经费合计",
                paths: ["three_public.prior", "three_public.prior_change"],
                total: &t.actual,
                prior: t.prior.as_ref(),
                change: t.prior_change.as_ref(),
            });
        }
        if let Some(o) = &fa.operating_costs {
            stated.push(Stated {
                name: "机关运行经费",
                paths: ["operating_costs.prior", "operating_costs.change"],
                total: &o.amount,
                prior: o.prior.as_ref(),
                change: o.change.as_ref(),
            });
        }
        for s in stated {
            if !series.iter().any(|x| x.name == s.name && matches!(x.measure, Measure::Money(_))) {
                continue;
            }
            let Some((shown, other_unit)) = last_year_figure(before, s.name) else { continue };
            let (Some(value), Some(span)) = (shown.value, shown.src) else { continue };
            let Some((prior, written)) = prior_of(s.total, s.prior, s.change) else { continue };
            let field = s.paths[usize::from(!written)].to_string();
            let what = if written { format!("{}上年数", s.name) } else { format!("{}上年数（本年数 − 比上年增减）", s.name) };
            let source = format!("{last_year}年度部门决算的{}", s.name);
            agree(ctx, Some(&prior), fa.unit, Some(Approx::exact(value)), other_unit, span, field, &what, &source);
        }
    }
}
