//! 绩效评价 against the other reports of its unit/year: its 全年执行数 (and
//! its 基本支出/项目支出 parts) against the 部门决算's 支出 total and items;
//! a project table's 支出金额 against the same project in the 绩效跟踪
//! report.

use crate::check::Approx;
use crate::derive::Ctx;
use crate::derive::cross::agree;
use crate::model::Year;

/// Every cross-report check of the 绩效评价 of `year`.
pub fn check(ctx: &mut Ctx, year: &Year) {
    evaluation_vs_final_accounts(ctx, year);
    evaluation_projects_vs_tracking(ctx, year);
}

/// 全年执行数 of the evaluation against the 决算's 支出.
fn evaluation_vs_final_accounts(ctx: &mut Ctx, year: &Year) {
    let (Some(fa), Some(ev)) = (&year.reports.final_accounts, &year.reports.evaluation) else { return };
    let (Some(ex), Some(expenditure)) = (&ev.execution, &fa.expenditure) else { return };
    let unit = ex.unit.unwrap_or(ev.unit);
    let total = &expenditure.total;
    agree(ctx, Some(&ex.actual), unit, Approx::of(total), fa.unit, total.span, "execution.actual".into(), "全年执行数", "部门决算支出合计");
    for (i, part) in ex.parts.iter().enumerate() {
        let Some(item) = expenditure.items.iter().find(|it| it.name == part.name) else { continue };
        let what = format!("{}执行数", part.name);
        let source = format!("部门决算支出中的{}", item.name);
        agree(ctx, part.actual.as_ref(), unit, Approx::of(&item.amount), fa.unit, item.amount.span, format!("execution.parts[{i}].actual"), &what, &source);
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
