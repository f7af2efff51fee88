//! 项目支出绩效自评表 — a project's self-evaluation form
//! (`projects/<slug>.toml`), any number a year: its model, derived figures
//! and page, which lies in its 绩效评价's folder.

pub mod cross;
pub mod derive;
pub mod model;
pub mod pages;
pub mod render;
