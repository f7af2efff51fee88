//! 绩效跟踪 — a performance-tracking report of one unit for one year, as
//! written in `units/<unit>/<year>/tracking.toml`: the key projects with
//! their budget execution (年初预算, 年中追加/追减, 调整后预算, 实际支出, 比例),
//! grouped by office (科室) with subtotals and findings; the selection rule;
//! the unit's budget 批复/调整/执行 summary; budget tables by 功能分类 with
//! the 基本/项目 split; execution by 类; and the 财政资金投入重点 table.
//!
//! Amounts are in the file's [`MoneyUnit`] unless a section declares its own
//! `unit` (the seeds write tables in 元 and prose in 万元).

use serde::Deserialize;

use crate::number::{Figure, MoneyUnit};
use crate::source::Located;

/// Sections of the 绩效跟踪 page a narrative file may be placed in.
pub const SECTIONS: &[(&str, &str)] = &[
    ("organization", "绩效跟踪工作组织实施情况"),
    ("budget", "年度预算执行情况"),
    ("goals", "绩效目标完成情况及分析"),
    ("projects", "重点跟踪项目"),
    ("offices", "各科室重点项目执行情况分析"),
    ("benefits", "预计社会效益实现情况"),
    ("suggestions", "意见和建议"),
    ("other", "其他需要说明的问题"),
];

/// 绩效跟踪报告.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tracking {
    /// 金额单位 of the project tables.
    pub unit: MoneyUnit,
    pub title: Option<String>,
    /// What 比例 (支出比例) is measured against: "adjusted" (实际支出 ÷
    /// 调整后预算, the default) or "budget" (实际支出 ÷ 年初预算/项目预算).
    #[serde(default)]
    pub rate_base: RateBase,
    /// 重点跟踪项目的选取.
    pub selection: Option<Selection>,
    /// 预算批复、调整、执行 summary.
    pub budget: Option<BudgetSummary>,
    /// Budget tables by 功能分类 (年初预算, 调整后预算), each split 基本/项目.
    #[serde(default)]
    pub function_tables: Vec<FunctionTable>,
    /// 预算执行 by 功能分类 (“X全年支出a万元，全部预算b万元。完成全年预算c%”).
    pub execution: Option<TrackingExecution>,
    /// 财政资金投入重点 table.
    pub key_spending: Option<ShareTable>,
    /// The key projects' amounts grouped by 预算功能分类, as the source tabulates them.
    pub by_function: Option<ShareTable>,
    /// 重点跟踪项目 — the master table, in source order (empty here when
    /// the list is in a 绩效跟踪工作簿 beside the file: see `load::workbook::tracking`).
    #[serde(default)]
    pub projects: Vec<Project>,
    /// Findings and restated figures of projects named by 项目名称, for a
    /// project list kept in a workbook (cells hold no Markdown).
    #[serde(default)]
    pub project_notes: Vec<ProjectNote>,
    /// The master table's 合计 row as stated.
    pub totals: Option<ProjectTotals>,
    /// Per-office (科室) sections, in source order.
    #[serde(default)]
    pub offices: Vec<OfficeSection>,
}

/// 比例的分母.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RateBase {
    /// 实际支出 ÷ 调整后预算.
    #[default]
    Adjusted,
    /// 实际支出 ÷ 年初预算 (项目预算).
    Budget,
}

/// 重点跟踪项目的选取 and its statistics as the report states them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Selection {
    /// The rule in words (“年初预算100万元（含）以上项目纳入重点跟踪范畴”).
    pub rule: String,
    /// 年初预算 threshold (≥), in this section's unit, when the rule is one.
    pub threshold: Option<Figure>,
    /// Unit of this section's amounts (defaults to the file's).
    pub unit: Option<MoneyUnit>,
    /// 重点跟踪项目个数 as stated.
    pub count: Option<Located<u32>>,
    /// 重点跟踪项目预算合计 (年初).
    pub budget_total: Option<Figure>,
    /// 年初部门整体项目支出预算 — all project budget of the unit.
    pub all_projects_budget: Option<Figure>,
    /// 重点跟踪项目预算占全年项目预算的比例, percent.
    pub share_pct: Option<Figure>,
    /// 重点跟踪项目调整后预算合计.
    pub adjusted_total: Option<Figure>,
    /// 重点跟踪项目实际支出合计.
    pub actual_total: Option<Figure>,
    /// 预算完成比例, percent.
    pub rate_pct: Option<Figure>,
}

/// 年度预算执行情况: 批复, 调整, 执行.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetSummary {
    pub unit: Option<MoneyUnit>,
    /// （一）预算批复情况 — narrative (Markdown).
    pub approval_text: Option<String>,
    /// 批复总支出.
    pub approved: Option<Figure>,
    /// Parts of the approval (预算内资金, 其他资金 …).
    #[serde(default)]
    pub approved_parts: Vec<NamedAmount>,
    /// （二）预算调整情况 — narrative.
    pub adjustment_text: Option<String>,
    /// 调整后预算.
    pub adjusted: Option<Figure>,
    /// Parts of the adjusted budget (基本支出, 项目支出 …).
    #[serde(default)]
    pub adjusted_parts: Vec<NamedAmount>,
    /// （三）预算执行情况 — narrative.
    pub execution_text: Option<String>,
    /// 当年整体支出.
    pub actual: Option<Figure>,
    #[serde(default)]
    pub actual_parts: Vec<NamedAmount>,
    /// 支出完成预算的比例, percent (against `rate_of`, default `adjusted`).
    pub rate_pct: Option<Figure>,
    /// The budget the rate is measured against, when not `adjusted`
    /// (e.g. 收回后预算指标).
    pub rate_of: Option<Figure>,
}

/// A named amount (one part of a total).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamedAmount {
    pub name: String,
    pub amount: Figure,
    /// Rate stated for this part (e.g. 基本支出完成比例 100%), percent.
    pub rate_pct: Option<Figure>,
    /// The budget this part's rate is measured against.
    pub rate_of: Option<Figure>,
}

/// A budget table by 功能分类 with the 基本/项目 split.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FunctionTable {
    /// e.g. "年初预算", "调整后预算".
    pub title: String,
    pub unit: Option<MoneyUnit>,
    pub rows: Vec<FunctionRow>,
    /// The 合计/总计 row as stated.
    pub total: FunctionRow,
}

/// One 功能分类 row: total = 基本支出 + 项目支出.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FunctionRow {
    pub name: String,
    pub total: Figure,
    /// 基本支出 (empty cell = not reported).
    pub basic: Option<Figure>,
    /// 项目支出.
    pub project: Option<Figure>,
}

/// 预算执行 by 功能分类.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrackingExecution {
    pub unit: Option<MoneyUnit>,
    /// 部门整体支出.
    pub actual: Figure,
    /// 全年预算.
    pub budget: Figure,
    /// 完成全年预算比例, percent.
    pub rate_pct: Option<Figure>,
    pub rows: Vec<ExecutionRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExecutionRow {
    pub name: String,
    /// 全年支出.
    pub actual: Figure,
    /// 全部预算.
    pub budget: Figure,
    pub rate_pct: Option<Figure>,
    /// The rows of the 调整后预算 function table this line covers, when the
    /// list groups several of them (文化 = 文化 + 体育). Without it the row
    /// of the same name is used.
    #[serde(default)]
    pub budget_rows: Vec<Located<String>>,
}

/// A table of amounts with shares of a base (财政资金投入重点; projects by 功能分类).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShareTable {
    pub title: String,
    pub unit: Option<MoneyUnit>,
    /// Narrative before the table (Markdown).
    pub text: Option<String>,
    /// What the shares are of, in words (“项目支出”).
    pub base_name: String,
    /// The base amount the shares are of.
    pub base: Figure,
    pub rows: Vec<ShareTableRow>,
    /// 合计 as stated.
    pub total: Option<Figure>,
    /// 合计 share as stated, percent.
    pub total_share_pct: Option<Figure>,
}

/// A row of a [`ShareTable`]: name, 金额 and 占比.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShareTableRow {
    pub name: String,
    pub amount: Figure,
    pub share_pct: Option<Figure>,
}

/// 重点跟踪项目.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// 序号 as stated.
    pub no: Option<u32>,
    /// 科室 — must be an office declared in unit.toml.
    pub office: Option<Located<String>>,
    pub name: Located<String>,
    /// 项目代码.
    pub code: Option<String>,
    /// 项目功能代码 (支出功能分类科目编码).
    pub function_code: Option<String>,
    /// 预算功能分类 name.
    pub function_name: Option<String>,
    /// 年初预算 (财政拨款金额, 项目预算).
    pub budget: Figure,
    /// 年中追加.
    pub added: Option<Figure>,
    /// 年中追减.
    pub cut: Option<Figure>,
    /// 调整后预算 (derived as 年初 + 追加 − 追减 when not stated).
    pub adjusted: Option<Figure>,
    /// 实际支出.
    pub actual: Option<Figure>,
    /// 比例 (支出比例), percent.
    pub rate_pct: Option<Figure>,
    /// 绩效跟踪发现 for this project (Markdown).
    pub findings: Option<String>,
    /// Figures a second table of the source states for this project, where
    /// they differ from (or must be checked against) the master table.
    #[serde(default)]
    pub restated: Vec<Restatement>,
}

/// What `tracking.toml` adds to one project of the list (绩效跟踪发现, 重述的数字).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectNote {
    /// The project's 项目名称, as the list writes it.
    pub project: Located<String>,
    /// 绩效跟踪发现 for this project (Markdown).
    pub findings: Option<String>,
    /// Figures a second table of the source states for this project.
    #[serde(default)]
    pub restated: Vec<Restatement>,
}

/// A figure restated in another table of the source.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Restatement {
    /// Which table (“综合办公室重点跟踪项目的全年预算执行情况表”).
    pub table: String,
    /// One of budget, added, cut, adjusted, actual, rate_pct.
    pub field: Located<String>,
    pub value: Figure,
}

/// The 合计 row of the master table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectTotals {
    pub budget: Option<Figure>,
    pub added: Option<Figure>,
    pub cut: Option<Figure>,
    pub adjusted: Option<Figure>,
    pub actual: Option<Figure>,
    pub rate_pct: Option<Figure>,
}

/// A per-office section: what the report says about one 科室's projects.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficeSection {
    /// Must match the projects' `office` and an office in unit.toml.
    pub name: Located<String>,
    /// Number of key projects stated (“重点跟踪项目共计11个”).
    pub count: Option<Located<u32>>,
    /// The projects the office's own table lists, by name, when that list
    /// differs from the master table's 部门 column (otherwise the projects
    /// whose `office` is this office). A listed project of another office is
    /// reported as a conflict between the two tables.
    #[serde(default)]
    pub projects: Vec<Located<String>>,
    /// The totals the section's prose states (“11个重点跟踪项目年初预算合计金额…”).
    pub text: Option<OfficeTotals>,
    /// The office table's 合计 row.
    pub subtotal: Option<OfficeTotals>,
    /// Findings (原因分析, 存在的问题), Markdown.
    pub findings: Option<String>,
}

/// An office's totals as stated.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficeTotals {
    /// 年初预算合计.
    pub budget: Option<Figure>,
    /// 调整后预算合计.
    pub adjusted: Option<Figure>,
    /// 实际支出合计.
    pub actual: Option<Figure>,
    /// 预算执行率, percent.
    pub rate_pct: Option<Figure>,
}
