//! 项目支出绩效自评表 against the 绩效跟踪 report of its unit/year: a
//! project in both (same name), the form's 年度资金总额 row against the
//! tracking report's project.

use crate::check::Approx;
use crate::derive::Ctx;
use crate::derive::cross::agree;
use crate::model::Year;

/// Every cross-report check of the 自评表 of `year`.
pub fn check(ctx: &mut Ctx, year: &Year) {
    forms_vs_tracking(ctx, year);
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
