//! 成本绩效分析 / 支出定额 — a cost-performance analysis of one project
//! (`cost/<slug>.toml`): its model, derived figures with the 单项定额
//! checks (`derive/norms.rs`), and its page with the norms tables; the
//! site's 单项定额一览 (`index.rs`) compares the same service across units
//! (`compare.rs`).

pub mod compare;
pub mod derive;
pub mod index;
pub mod model;
pub mod pages;
pub mod render;
