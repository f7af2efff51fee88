//! 部门决算公开表 — the nine standard tables of a final-accounts disclosure
//! (收入支出决算总表 … “三公”经费支出决算表): the layout-free model, how
//! `final-accounts.toml` writes them, the identities checked within and
//! across them, and their page.

pub mod check;
mod cross;
pub mod model;
pub mod pages;
pub mod toml;

pub use model::Tables;

use crate::derive::Ctx;
use crate::reports::final_accounts::model::FinalAccounts;

/// Check every table, the tables against each other and the 情况说明
/// figures against the tables.
pub fn check(ctx: &mut Ctx, fa: &FinalAccounts) {
    let unit = fa.unit.label();
    for t in &fa.tables.tables {
        check::check_table(ctx, t, unit);
    }
    cross::check_across(ctx, &fa.tables, unit);
    cross::check_statements(ctx, fa, unit);
}
