//! 绩效评价 — a unit's department-level performance evaluation for one year
//! (`evaluation.toml`) and its 项目支出绩效自评表 forms
//! (`projects/<slug>.toml`): their models, derived figures and pages.

pub mod derive;
pub mod model;
pub mod pages;
pub mod render;
