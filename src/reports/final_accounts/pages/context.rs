//! What the 部门决算 page's writers share ([`FinalAccountsPageContext`]):
//! figures as HTML with their verdicts, and the phrases every section's
//! sentences are built from — an amount reads 未填报 when not reported and
//! a missing change or share is left out, so no sentence breaks.

use crate::derive::{Change, Shown};
use crate::number::format::change_words;
use crate::render::format::esc;
use crate::render::view::{Cell, Figures, Fmt};

/// What the 部门决算 page's writers share: the figures (to mark each with its verdict), the money unit (万元/元) and the year.
pub(super) struct FinalAccountsPageContext<'a> {
    /// The page's figures and how to mark their verdicts.
    pub figures: Figures<'a>,
    /// The 金额单位 (money unit) label: 万元 or 元.
    pub unit: &'static str,
    /// The 年度 (year) the accounts are for.
    pub year: u16,
}

impl FinalAccountsPageContext<'_> {
    /// A 金额 (money amount) as HTML, with its verdict mark.
    pub fn money(&self, s: &Shown) -> String {
        self.figures.html(s, Fmt::Money)
    }
    /// A 百分比 (percentage) as HTML, with its verdict mark.
    pub fn percent(&self, s: &Shown) -> String {
        self.figures.html(s, Fmt::Percent)
    }
    /// An amount in a sentence: the figure and its unit, or 未填报 (never “—万元”).
    pub fn amount(&self, s: &Shown) -> String {
        match s.value {
            Some(_) => format!("{}{}", self.money(s), self.unit),
            None => "未填报".into(),
        }
    }
    /// "，比上年减少…" — the change phrase with its leading comma, or nothing
    /// when no change is reported (never “，。”).
    pub fn and_change(&self, c: &Change, base_word: &str) -> String {
        let phrase = self.change_phrase(c, base_word);
        if phrase.is_empty() { phrase } else { format!("，{phrase}") }
    }
    /// "基本支出10,795.86万元，占支出合计的26.99%": an item with its share
    /// of `base`, the share left out when not reported.
    pub fn share_item(&self, name: &str, amount: &Shown, share: &Shown, base: &str) -> String {
        let share = if share.value.is_some() { format!("，占{base}{}", self.percent(share)) } else { String::new() };
        format!("{}{}{share}", esc(name), self.amount(amount))
    }
    /// "比上年减少1,170.82万元，下降2.84%" from a change.
    pub fn change_phrase(&self, c: &Change, base_word: &str) -> String {
        let Some(v) = c.change.value else { return String::new() };
        let (amount_word, rate_word) = change_words(v);
        let mut s = format!("比{base_word}{amount_word}{}{}", self.figures.html(&c.change, Fmt::MoneyAbs), self.unit);
        if c.change_pct.value.is_some() && !v.is_zero() {
            s.push_str(&format!("，{rate_word}{}", self.figures.html(&c.change_pct, Fmt::PercentAbs)));
        }
        s
    }
    /// "<lead>0.53万元，比2023年度<what>5.17万元减少4.63万元" (三公经费 phrasing).
    pub fn vs_budget_phrase(&self, lead: &str, what: &str, actual: &Shown, budget: &Shown, change: &Shown) -> String {
        let mut s = format!("{lead}{}", self.amount(actual));
        if budget.value.is_some() {
            s.push_str(&format!("，比{}年度{what}{}", self.year, self.amount(budget)));
            if let Some(v) = change.value {
                s.push_str(&format!("{}{}{}", change_words(v).0, self.figures.html(change, Fmt::MoneyAbs), self.unit));
            }
        }
        s
    }

    /// A 金额 (money amount) as a numeric table cell.
    pub fn money_cell(&self, s: &Shown) -> Cell {
        self.figures.cell(s, Fmt::Money)
    }
    /// A 百分比 (percentage) as a numeric table cell.
    pub fn percent_cell(&self, s: &Shown) -> Cell {
        self.figures.cell(s, Fmt::Percent)
    }
}
