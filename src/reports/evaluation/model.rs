//! 绩效评价 — a unit's department-level performance evaluation for one year
//! (`units/<unit>/<year>/evaluation.toml`): the overall score and its
//! categories with their indicators, the distribution of project
//! self-evaluation scores, budget execution, execution-rate buckets of
//! monitored projects, ratios stated with their formulas (结转结余率,
//! 预决算差异率), 中央直达资金 contract tables and other project tables.
//! A project's 项目支出绩效自评表 is a separate kind, `reports::form`.
//! Categories, indicators and weights are data, never built in.

use serde::Deserialize;

use crate::number::{Figure, MoneyUnit};
use crate::source::Located;

/// Sections of the 绩效评价 page a narrative file may be placed in.
pub const SECTIONS: &[(&str, &str)] = &[
    ("overview", "预算绩效工作开展情况"),
    ("unit", "部门概况"),
    ("goals", "绩效目标设立情况"),
    ("execution", "当年预算执行情况"),
    ("outputs", "绩效目标实现情况"),
    ("management", "预算管理情况"),
    ("contracts", "项目执行与合同支付情况"),
    ("score", "评价得分"),
    ("problems", "存在的问题及原因分析"),
    ("suggestions", "措施建议"),
    ("forms", "项目绩效评价报告"),
    ("other", "其他需要说明的问题"),
];

/// 部门整体绩效评价.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evaluation {
    /// 金额单位 of this file's amounts (tables may declare their own).
    pub unit: MoneyUnit,
    pub title: Option<String>,
    /// 评价得分.
    pub score: Option<Score>,
    /// 项目支出绩效自评 — how many projects were self-evaluated and the distribution of their scores.
    pub self_evaluation: Option<SelfEvaluation>,
    /// 当年预算执行情况.
    pub execution: Option<EvaluationExecution>,
    /// 监控项目的预算执行率分布.
    pub monitoring: Option<Buckets>,
    /// Ratios the report states with their formula (结转结余率, 预决算差异率 …).
    #[serde(default)]
    pub ratios: Vec<Ratio>,
    /// 中央直达资金 (and other) project contract tables.
    #[serde(default)]
    pub contract_tables: Vec<ContractTable>,
    /// Other project tables (e.g. 500万及以上年初预算项目): budget, actual, rate.
    #[serde(default)]
    pub project_tables: Vec<ProjectTable>,
}

/// The overall score: a total, optionally 基础分 + 超标分, and categories.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Score {
    /// 评价得分 (总分).
    pub total: Figure,
    /// 满分 (usually 100).
    pub max: Option<Figure>,
    /// 基础分, where the total is split into 基础分 + 超标分.
    pub basic: Option<Figure>,
    /// 超标分.
    pub bonus: Option<Figure>,
    /// 评价等级 (优/良/中/差) as stated.
    pub grade: Option<String>,
    /// Categories (一级指标) such as 预算执行, 产出, 效益, 满意度.
    #[serde(default)]
    pub categories: Vec<Category>,
}

/// 一级指标 with its weight (分值) and score (得分).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub name: String,
    /// 分值 — the category's weight.
    pub max: Figure,
    /// 得分.
    pub score: Figure,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
}

/// An indicator (二级/三级指标) with target, actual, 分值 and 得分.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// 二级指标.
    pub level2: Option<String>,
    /// 三级指标 — the indicator itself.
    pub name: String,
    /// 年度指标值 / 目标值, as written (a number, or text such as 高中低, 好坏).
    pub target: Option<String>,
    /// 实际完成值, as written.
    pub actual: Option<String>,
    /// 分值.
    pub max: Option<Figure>,
    /// 得分.
    pub score: Option<Figure>,
    /// 偏差原因分析及改进措施.
    pub deviation: Option<String>,
}

/// 项目支出绩效自评: counts, amount and the distribution of scores.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelfEvaluation {
    /// 评价项目个数.
    pub projects: Located<u32>,
    /// 部门项目总数 (when stated), for the coverage share.
    pub all_projects: Option<Located<u32>>,
    /// 占部门项目总数的比例, percent.
    pub coverage_pct: Option<Figure>,
    /// 涉及金额.
    pub amount: Option<Figure>,
    /// 自评得分 as stated for the whole (e.g. 自评得分总计97.87分).
    pub score: Option<Figure>,
    /// Score bands with their counts and shares.
    #[serde(default)]
    pub buckets: Vec<Bucket>,
}

/// A band of a distribution: label, count, share of the whole.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bucket {
    /// e.g. "100分", "90-100分", "预算执行率50%以下（不含0%）".
    pub label: String,
    pub count: Located<u32>,
    /// 占比, percent.
    pub share_pct: Option<Figure>,
}

/// A distribution of projects over bands (执行率 buckets of monitored projects).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Buckets {
    /// What is counted, in words (“监控项目”).
    pub title: String,
    /// Total as stated (“监控项目共218个”).
    pub total: Option<Located<u32>>,
    pub buckets: Vec<Bucket>,
    /// Narrative (Markdown).
    pub text: Option<String>,
}

/// 当年预算执行情况: 全年预算数, 执行数, 执行率, split into parts.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvaluationExecution {
    pub unit: Option<MoneyUnit>,
    /// 全年预算数.
    pub budget: Figure,
    /// 全年执行数.
    pub actual: Figure,
    /// 预算执行率, percent.
    pub rate_pct: Option<Figure>,
    /// 基本支出, 项目支出, 其他支出 …
    #[serde(default)]
    pub parts: Vec<ExecutionPart>,
    /// Narrative (Markdown), e.g. the report's sentence.
    pub text: Option<String>,
    /// The same budget, spending and rate as stated elsewhere in the report
    /// (e.g. in 产出成本): each must agree with the figures above.
    #[serde(default)]
    pub also_stated: Vec<AlsoStated>,
}

/// 全年预算数, 执行数 and 执行率 as another part of the report states them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlsoStated {
    /// Where (“三、3.产出成本”).
    #[serde(rename = "where")]
    pub place: String,
    pub budget: Option<Figure>,
    pub actual: Option<Figure>,
    pub rate_pct: Option<Figure>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExecutionPart {
    pub name: String,
    pub budget: Option<Figure>,
    pub actual: Option<Figure>,
    pub rate_pct: Option<Figure>,
}

/// A ratio the report states with its formula, evaluated from the data.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ratio {
    /// e.g. "结转结余率".
    pub name: String,
    /// The formula as the report prints it.
    pub formula_text: String,
    /// How to evaluate it: "a/b" (a ÷ b × 100) or "(a-b)/b" ((a − b) ÷ b × 100).
    pub formula: RatioFormula,
    /// The figures, with their names as the formula uses them.
    pub a_name: String,
    /// `a` in the formula: the figure measured (分子, or 决算数 in "(a-b)/b").
    #[serde(rename = "a")]
    pub measured: Option<Figure>,
    pub b_name: String,
    /// `b` in the formula: the base it is measured against (分母, e.g. 年初预算数).
    #[serde(rename = "b")]
    pub base: Option<Figure>,
    /// The ratio as stated, percent.
    pub stated_pct: Option<Figure>,
    /// Explanation (Markdown).
    pub text: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum RatioFormula {
    #[serde(rename = "a/b")]
    Quotient,
    #[serde(rename = "(a-b)/b")]
    Difference,
}

/// A project's contracts (合同名称, 施工/服务单位, 合同金额, 支付金额, 累计申请比例).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContractTable {
    /// The project (e.g. 2019年老旧小区综合整治-农光里…项目).
    pub project: String,
    pub unit: Option<MoneyUnit>,
    /// Funding sentence (Markdown).
    pub text: Option<String>,
    /// 年度资金安排.
    pub budget: Option<Figure>,
    /// 实际支付.
    pub paid: Option<Figure>,
    /// 执行率, percent.
    pub rate_pct: Option<Figure>,
    pub rows: Vec<Contract>,
    /// The 合计 row as stated.
    pub total_amount: Option<Figure>,
    pub total_paid: Option<Figure>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    pub no: Option<u32>,
    /// 合同名称.
    pub name: String,
    /// 施工（服务）单位名称.
    pub contractor: String,
    /// 合同金额.
    pub amount: Option<Figure>,
    /// 支付金额.
    pub paid: Option<Figure>,
    /// 累计申请比例, percent.
    pub cumulative_pct: Option<Figure>,
    /// 累计申请比例 as written when it is not a number (e.g. "20%进度款").
    pub cumulative_text: Option<String>,
    /// Rows sharing merged 支付金额 / 累计申请比例 cells carry the same key;
    /// the figures stated on one of them are checked against the group's sums.
    pub merged: Option<String>,
}

/// A table of projects with budget, actual and rate.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectTable {
    pub title: String,
    pub unit: Option<MoneyUnit>,
    /// Number of projects as stated (“500万及以上年初预算项目：3个”).
    pub count: Option<Located<u32>>,
    pub rows: Vec<ProjectRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectRow {
    pub name: String,
    /// 预算金额.
    pub budget: Option<Figure>,
    /// 支出金额.
    pub actual: Option<Figure>,
    /// 预算执行率, percent.
    pub rate_pct: Option<Figure>,
}
