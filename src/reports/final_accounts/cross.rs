//! 部门决算 across years: the 上年数 a 部门决算 states (or implies through
//! its 比上年增减) against the previous year's own 决算.

use super::model::{Composition, FinalAccounts, Totals};
use crate::derive::cross::agree;
use crate::derive::{Ctx, approx};
use crate::model::Unit;
use crate::number::Figure;

/// The cross-year check of the 部门决算 of `unit`'s year `index`, against
/// the year before when that is the previous calendar year.
pub fn check(ctx: &mut Ctx, unit: &Unit, index: usize) {
    let Some(last_index) = index.checked_sub(1) else { return };
    let (year, last_year) = (&unit.years[index], &unit.years[last_index]);
    if let (Some(this), Some(last)) = (&year.reports.final_accounts, &last_year.reports.final_accounts)
        && last_year.year + 1 == year.year
    {
        prior_year(ctx, this, last, last_year.year);
    }
}

/// The 上年数 a total states, or implies as 本年数 − 增减额 (with whether
/// it is written); also used by the cross-year model (`analytics::stated`).
pub fn prior_of(total: &Figure, prior: Option<&Figure>, change: Option<&Figure>) -> Option<(Figure, bool)> {
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

/// The four totals, `None` where the disclosure leaves the section out.
fn totals(fa: &FinalAccounts) -> [Option<Total<'_>>; 4] {
    fn t<'a>(path: &'static str, what: &'static str, x: &'a Option<Totals>) -> Option<Total<'a>> {
        x.as_ref().map(|x| Total { path, what, total: &x.total, prior: x.prior.as_ref(), change: x.change.as_ref() })
    }
    fn c<'a>(path: &'static str, what: &'static str, x: &'a Option<Composition>) -> Option<Total<'a>> {
        x.as_ref().map(|x| Total { path, what, total: &x.total, prior: x.prior.as_ref(), change: x.change.as_ref() })
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
        let (Some(now), Some(before)) = (now, before) else { continue };
        let Some((stated, written)) = prior_of(now.total, now.prior, now.change) else { continue };
        let field = if written { format!("{}.prior", now.path) } else { format!("{}.change", now.path) };
        let w = if written { format!("{}上年数", now.what) } else { format!("{}上年数（本年数 − 增减额）", now.what) };
        let source = format!("{last_year}年度部门决算的{}", now.what);
        agree(ctx, Some(&stated), this.unit, approx(Some(before.total)), last.unit, before.total.span, field, &w, &source);
    }
}
