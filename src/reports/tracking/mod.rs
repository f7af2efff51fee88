//! 绩效跟踪 — a unit's performance-tracking report for one year
//! (`tracking.toml`): its model, derived figures, the report page and one
//! page per key project.

pub mod check;
pub mod derive;
pub mod model;
pub mod pages;
pub mod render;
