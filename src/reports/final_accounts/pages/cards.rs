//! The 部门决算 page's 摘要 cards and the year page's one-line summary of
//! the report: both name only what the disclosure gives.

use super::FinalAccountsPageContext;
use crate::derive::Shown;
use crate::render::view::Card;
use crate::reports::final_accounts::derive::FinalAccountsFigures;
use crate::reports::final_accounts::model::FinalAccounts;

/// What the year page says the report covers: the parts the disclosure
/// gives ("收入支出、财政拨款、“三公”经费、政府采购、国有资产、预算绩效" for a full one).
pub fn summary(fa: &FinalAccounts) -> String {
    let parts = [
        ("收入支出", fa.overview.is_some() || fa.income.is_some() || fa.expenditure.is_some()),
        ("财政拨款", fa.appropriation.is_some() || fa.general_budget.is_some()),
        ("“三公”经费", fa.three_public.is_some()),
        ("政府采购", fa.procurement.is_some()),
        ("国有资产", fa.assets.is_some()),
        ("预算绩效", fa.performance.is_some()),
    ];
    parts.iter().filter(|(_, given)| *given).map(|(p, _)| *p).collect::<Vec<_>>().join("、")
}

/// The 摘要 cards: one per figure the disclosure gives (no card reads “—”).
pub(super) fn cards(d: &FinalAccountsFigures, cx: &FinalAccountsPageContext) -> Vec<Card> {
    let mut cards = vec![];
    if let Some(o) = d.overview.as_ref().filter(|o| o.current.value.is_some()) {
        cards.push(Card { label: "收、支总计".into(), value: cx.amount(&o.current), note: String::new() });
        let change = cx.change_phrase(o, "上年");
        if !change.is_empty() {
            cards.push(Card { label: "比上年".into(), value: change.trim_start_matches("比上年").to_string(), note: String::new() });
        }
    }
    if let Some(e) = &d.expenditure {
        let shares: Vec<&Shown> = e.items.iter().take(2).map(|i| &i.share).collect();
        if shares.len() == 2 && shares.iter().all(|s| s.value.is_some()) {
            cards.push(Card {
                label: "基本支出 / 项目支出".into(),
                value: shares.iter().map(|s| cx.percent(s)).collect::<Vec<_>>().join(" / "),
                note: "占支出合计".into(),
            });
        }
    }
    match d.three_public.as_ref().filter(|t| t.actual.value.is_some()) {
        Some(t) => cards.push(Card {
            label: "“三公”经费决算".into(),
            value: cx.amount(&t.actual),
            note: if t.budget.value.is_some() { format!("年初预算 {}", cx.amount(&t.budget)) } else { String::new() },
        }),
        // A full disclosure without 三公 figures says so; a partial one leaves the card out.
        None if d.overview.is_some() => cards.push(Card { label: "“三公”经费决算".into(), value: "未填报".into(), note: String::new() }),
        None => {}
    }
    cards
}
