//! The 具体情况 of 一般公共预算财政拨款支出 in plain sentences: 年初预算,
//! 全年预算, 决算, 完成% and the reason, for the section and each 项. A
//! figure not given is left out of its sentence (never “—万元”).

use crate::render::format::esc;
use crate::render::view::Block;
use crate::reports::final_accounts::execution::{ExecutionFigures, ExecutionRow};
use crate::reports::final_accounts::model::BudgetBase;

use super::context::FinalAccountsPageContext;

/// A sentence ending in “。” unless it already ends in one.
pub(super) fn closed(s: &str) -> String {
    let s = s.trim();
    if s.ends_with('。') { s.to_string() } else { format!("{s}。") }
}

/// “全年预算为52.00万元，支出决算为51.32万元，完成全年预算数的98.69%。决算数小于全年预算数的主要原因：…”
fn sentence(cx: &FinalAccountsPageContext, r: &ExecutionRow) -> String {
    let mut parts = vec![];
    if r.budget.value.is_some() {
        parts.push(format!("年初预算为{}", cx.amount(&r.budget)));
    }
    if r.adjusted.value.is_some() {
        parts.push(format!("全年预算为{}", cx.amount(&r.adjusted)));
    }
    parts.push(format!("支出决算为{}", cx.amount(&r.actual)));
    if r.completion.value.is_some() {
        parts.push(format!("完成{}数的{}", r.completion_of.label(), cx.percent(&r.completion)));
    }
    let mut s = closed(&parts.join("，"));
    let (base, label) = match (r.adjusted.value, r.budget.value) {
        (Some(b), _) => (Some(b), BudgetBase::Adjusted.label()),
        (None, b) => (b, BudgetBase::Initial.label()),
    };
    let comparison = base.zip(r.actual.value).map(|(b, a)| match a.cmp(&b) {
        std::cmp::Ordering::Less => format!("决算数小于{label}数"),
        std::cmp::Ordering::Greater => format!("决算数大于{label}数"),
        std::cmp::Ordering::Equal => format!("决算数与{label}数持平"),
    });
    match (comparison, r.reason) {
        (Some(c), Some(reason)) => s.push_str(&closed(&format!("{c}的主要原因：{}", esc(reason)))),
        (None, Some(reason)) => s.push_str(&closed(&format!("决算数与预算数差异的主要原因：{}", esc(reason)))),
        (Some(c), None) if c.ends_with("持平") => s.push_str(&closed(&c)),
        _ => {}
    }
    s
}

/// “（三）预算完成情况”: the section's sentence and one per 项.
pub(super) fn blocks(cx: &FinalAccountsPageContext, e: &ExecutionFigures) -> Vec<Block> {
    let mut html = format!("<h3>（三）预算完成情况</h3><p>{}年度一般公共预算财政拨款支出{}</p>", cx.year, sentence(cx, &e.whole));
    if !e.items.is_empty() {
        html.push_str("<p>其中：</p><ol>");
        for item in &e.items {
            let mut li = closed(&esc(item.name.unwrap_or("")));
            if let Some(uses) = item.uses {
                li.push_str(&closed(&format!("主要用于：{}", esc(uses))));
            }
            li.push_str(&sentence(cx, item));
            html.push_str(&format!("<li>{li}</li>"));
        }
        html.push_str("</ol>");
    }
    vec![Block::Prose(html)]
}
