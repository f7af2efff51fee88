//! 部门决算公开表 — the nine standard tables of a final-accounts disclosure
//! (收入支出决算总表 … “三公”经费支出决算表): the layout-free model, how
//! `final-accounts.toml` writes them, the identities checked within and
//! across them, and their page.

pub mod check;
mod cross;
pub mod download;
pub mod model;
pub mod pages;
mod rank;
pub mod toml;

pub use model::Tables;

use crate::check::Verdict;
use crate::derive::Ctx;
use crate::reports::final_accounts::model::FinalAccounts;
use crate::source::Span;

/// The verdicts of the disputed table cells, by where each is written.
#[derive(Debug, Default)]
pub struct Verdicts(Vec<(Span, Verdict)>);

impl Verdicts {
    /// The verdict of the cell written at `span` (`Ok` when undisputed).
    pub(crate) fn of(&self, span: Span) -> Verdict {
        self.0.iter().find(|(s, _)| *s == span).map_or(Verdict::Ok, |(_, v)| v.clone())
    }
}

/// Check every table, the tables against each other and the 情况说明
/// figures (and its “主要用于” ranks) against the tables; the disputed cells' verdicts, for the page.
pub fn check(ctx: &mut Ctx, fa: &FinalAccounts) -> Verdicts {
    let unit = fa.unit.label();
    let mut cx = check::Cx { ctx, verdicts: vec![] };
    for t in &fa.tables.tables {
        check::check_table(&mut cx, t, unit);
    }
    cross::check_across(&mut cx, &fa.tables, unit);
    cross::check_statements(&mut cx, fa, unit);
    rank::check_ranks(&mut cx, fa, unit);
    Verdicts(cx.verdicts)
}
