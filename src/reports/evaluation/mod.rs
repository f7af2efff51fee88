//! 绩效评价 — a unit's department-level performance evaluation for one year
//! (`evaluation.toml`): its model, derived figures and page. Its
//! 项目支出绩效自评表 are a kind of their own (`reports::form`) whose pages
//! lie in its folder.

pub mod cross;
pub mod derive;
pub mod model;
pub mod pages;
pub mod render;
