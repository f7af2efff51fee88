//! 部门决算 — a unit's final-accounts disclosure for one year
//! (`final-accounts.toml`): its model, derived figures and page.

pub mod check;
pub mod cross;
pub mod derive;
pub mod execution;
pub mod model;
pub mod pages;
pub mod render;
pub mod statements;
pub mod tables;
