//! The report kinds, one folder each: 部门决算 (`final_accounts`), 绩效跟踪
//! (`tracking`), 绩效评价 with its 项目支出绩效自评表 (`evaluation`) and
//! 成本绩效分析 (`cost`). Each folder holds the kind's content model
//! (`model`), its derived and checked figures (`derive`) and its pages
//! (`pages`); what all kinds share stays in `model`, `derive` and `render`.

pub mod cost;
pub mod evaluation;
pub mod final_accounts;
pub mod tracking;
