//! 一般公共预算财政拨款支出决算具体情况 — 年初预算, 全年预算, 决算 and
//! 完成预算% of the section and of each 项, as `[general_budget.execution]`
//! states them: the section's 决算 is checked against its total and every
//! 完成% against 决算 ÷ the budget the text names (a 完成% of a 年初预算 of
//! 0 is a rate on a zero base). The 项 amounts are checked against
//! 一般公共预算财政拨款支出决算表 in [`super::tables::cross`].

use crate::check::{Approx, Code, Subject};
use crate::derive::{Ctx, Shown, approx, pct};
use crate::number::Figure;
use crate::reports::final_accounts::model::{BudgetBase, Execution};

/// The 具体情况 of the section or of one 项, checked.
#[derive(Debug)]
pub struct ExecutionRow<'a> {
    /// An item's 科目 as written (none for the section).
    pub name: Option<&'a str>,
    /// 主要用于.
    pub uses: Option<&'a str>,
    /// 年初预算数.
    pub budget: Shown,
    /// 全年预算数.
    pub adjusted: Shown,
    /// 支出决算数.
    pub actual: Shown,
    /// 完成预算%, of `completion_of`.
    pub completion: Shown,
    /// The budget the 完成% is of.
    pub completion_of: BudgetBase,
    /// 决算数与预算数差异的主要原因.
    pub reason: Option<&'a str>,
}

/// The 具体情况: the section's row and its 项.
#[derive(Debug)]
pub struct ExecutionFigures<'a> {
    /// The whole section.
    pub whole: ExecutionRow<'a>,
    /// The 项.
    pub items: Vec<ExecutionRow<'a>>,
}

/// Check one row: its 完成% against 决算 ÷ the named budget × 100.
fn row<'a>(ctx: &mut Ctx, e: &'a Execution, path: &str, what: &str, actual: Shown) -> ExecutionRow<'a> {
    let base = match e.completion_of {
        BudgetBase::Initial => &e.budget,
        BudgetBase::Adjusted => &e.adjusted,
    };
    let formula = format!("支出决算数 ÷ {}数 × 100", e.completion_of.label());
    let what = format!("{what}完成{}的比例", e.completion_of.label());
    let completion = ctx.reconcile(
        e.completion_pct.as_ref(),
        pct(Approx::of(&e.actual), approx(base.as_ref())),
        Subject { field: format!("{path}.completion_pct"), formula: &formula, what: &what, unit: "%" },
    );
    ExecutionRow {
        name: e.name.as_deref(),
        uses: e.uses.as_deref(),
        budget: Shown::stated_opt(&e.budget),
        adjusted: Shown::stated_opt(&e.adjusted),
        actual,
        completion,
        completion_of: e.completion_of,
        reason: e.reason.as_deref(),
    }
}

/// Derive and check the 具体情况 of a section whose total is `total`.
pub fn derive<'a>(ctx: &mut Ctx, e: &'a Execution, total: &Figure, path: &str, what: &str, unit: &str) -> ExecutionFigures<'a> {
    let actual = ctx.reconcile(
        Some(&e.actual),
        total.value.map(Approx::exact),
        Subject { field: format!("{path}.actual"), formula: "本节支出合计", what: &format!("{what}决算数"), unit },
    );
    let whole = row(ctx, e, path, what, actual);
    let items = e
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let p = format!("{path}.items[{i}]");
            if let Some(nested) = item.items.first() {
                let message = "具体情况的每一项（items）不能再含 items：各项按“其中：1、2、…”逐项并列写在同一层";
                ctx.checker.error(ctx.map, nested.actual.span, Code::Parse, format!("{p}.items"), message);
            }
            let name = item.name.as_deref().unwrap_or("该项");
            row(ctx, item, &p, name, Shown::stated(&item.actual))
        })
        .collect();
    ExecutionFigures { whole, items }
}
