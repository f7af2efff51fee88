//! 成本绩效分析 / 支出定额 — a cost-performance analysis of one project
//! (`units/<unit>/<year>/cost/<slug>.toml`): contract history, each year's
//! budget composition as lines of 数量 × 单价 with management fee and tax
//! as rates of their base, peers' contract amounts, and the outcome — the
//! 单项定额 (unit-cost norms) with the indicator system, the 压减 results
//! and the 原/新支出标准 table that restate them. Prose is Markdown in
//! `sections`, which also place the generated tables in the report's order.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::number::{Figure, MoneyUnit};
use crate::quantity::{Expression, UnitValue};
use crate::source::Located;

/// 成本绩效分析.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CostAnalysis {
    pub title: String,
    /// 项目名称.
    pub project: String,
    /// The report's headings and prose in order, with generated tables placed.
    #[serde(default)]
    pub sections: Vec<CostSection>,
    /// 各年度委托服务情况 (表1).
    pub contracts: Option<Contracts>,
    /// 预算（合同）情况表, one per year (表2, 表3).
    #[serde(default)]
    pub budgets: Vec<Budget>,
    /// 其他街道合同对比 (表9).
    pub peers: Option<Peers>,
    /// 单项定额.
    #[serde(default)]
    pub norms: Vec<Norm>,
    /// 成本绩效分析指标体系表 (附件1).
    pub indicators: Option<Indicators>,
    /// 成本绩效分析成果汇总表 — 资金压减成果 (附件2).
    pub reductions: Option<Reductions>,
    /// 支出定额标准汇总表 — 原支出标准 vs 新支出标准 (附件3).
    pub standards: Option<Standards>,
}

/// A top-level heading (一、基本情况) and its parts.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CostSection {
    pub title: String,
    #[serde(default)]
    pub parts: Vec<Part>,
}

/// A part: optional sub-heading, prose, one generated table, more prose.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    pub title: Option<String>,
    /// Heading level: 3 (（一）…, default) or 4 (（1）…).
    pub level: Option<Located<u8>>,
    /// Markdown before the table.
    pub text: Option<String>,
    /// Which table: contracts, budgets, comparison, service:<服务内容>,
    /// peers, norms, indicators, reductions, standards.
    pub show: Option<Located<String>>,
    /// Caption of a `service:` table (e.g. 表5 需求评估工作成本情况表).
    pub caption: Option<String>,
    /// Markdown after the table.
    pub after: Option<String>,
}

/// 委托服务情况统计表.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contracts {
    pub title: String,
    pub unit: MoneyUnit,
    pub rows: Vec<ContractYear>,
    /// 合计 — 合同金额.
    pub total_amount: Option<Figure>,
    /// 合计 — 支出金额.
    pub total_spent: Option<Figure>,
    /// 备注.
    pub note: Option<String>,
}

/// One year's service contract.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContractYear {
    pub year: u16,
    /// 服务单位.
    pub provider: String,
    /// 合同期间, as written.
    pub period: String,
    /// 合同金额.
    pub amount: Figure,
    /// 支出金额.
    pub spent: Option<Figure>,
}

/// 项目预算（合同）情况表 of one year.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    pub year: Located<u16>,
    pub title: String,
    pub unit: MoneyUnit,
    /// 服务内容 with their lines.
    pub services: Vec<Service>,
    /// 管理费, 税费 … as rates of a base.
    #[serde(default)]
    pub charges: Vec<Charge>,
    /// 费用总计 as stated.
    pub total: Option<Figure>,
    /// The total as other tables state it (表4 …).
    #[serde(default)]
    pub restated: BTreeMap<String, Expression>,
}

/// 服务内容: lines and their 小计, with the share of the total.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// As written (“1.需求评估”); matched across years without the numbering.
    pub name: String,
    /// The subtotal row's label when it is not 小计 (e.g. 合计).
    pub subtotal_label: Option<String>,
    /// 小计 as stated.
    pub subtotal: Option<Figure>,
    /// 占比, percent of the total.
    pub share_pct: Option<Figure>,
    #[serde(default)]
    pub restated: BTreeMap<String, Expression>,
    /// A norm priced for the service as a whole (its lines together).
    pub norm: Option<Located<String>>,
    /// The service's count in the norm's unit, when its lines count otherwise.
    pub norm_quantity: Option<Expression>,
    /// The budget lines; may instead come from the workbook `cost/<slug>.xlsx`.
    #[serde(default)]
    pub lines: Vec<Line>,
}

/// A budget line: 成本类别, 数量 × 单价 = 金额.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Line {
    /// 成本类别 (may be empty when the service has one line).
    pub item: String,
    /// 工作内容, where a table describes the line.
    pub description: Option<String>,
    /// 单位 column, when the table has one (人.次, 份, 天).
    pub unit: Option<String>,
    /// 数量 as written: `3人*180次`, `966`.
    pub quantity: Expression,
    /// 单价.
    pub price: Figure,
    /// 金额, when written as a number.
    pub amount: Option<Figure>,
    /// 金额 cell written as an expression: `3人*180次*200=108000元`.
    pub formula: Option<Expression>,
    /// The line as other tables write it: { "表4" = "…", "表5" = "…" }.
    #[serde(default)]
    pub restated: BTreeMap<String, Expression>,
    /// The 单项定额 this line is priced under (a norm id).
    pub norm: Option<Located<String>>,
    /// The line's count in the norm's unit, when it counts otherwise (`4次` for 8人次).
    pub norm_quantity: Option<Expression>,
}

/// 管理费 / 税费: a rate of a base.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Charge {
    /// 服务内容 column (“6.管理”, “税费”).
    pub name: String,
    /// 成本类别 column (“管理费”, “税金”).
    pub item: Option<String>,
    /// 费率, percent.
    pub rate_pct: Option<Figure>,
    /// What the rate applies to.
    pub base: ChargeBase,
    pub amount: Figure,
    /// 小计 row under the charge, when the table has one.
    pub subtotal: Option<Figure>,
    pub share_pct: Option<Figure>,
    #[serde(default)]
    pub restated: BTreeMap<String, Expression>,
}

/// The base of a charge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChargeBase {
    /// The sum of the services (管理费).
    Services,
    /// Everything above: services and earlier charges (税费).
    Above,
}

/// 其他街道合同对比.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Peers {
    pub title: String,
    pub unit: MoneyUnit,
    /// Months a contract covers, for 平均每月金额.
    pub months: Figure,
    pub rows: Vec<Peer>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Peer {
    pub name: String,
    /// 合同金额.
    pub amount: Figure,
    /// 平均每月金额 as written (“3.48万元/月”).
    pub monthly: Option<UnitValue>,
    /// This analysis's own unit (highlighted; checked against 表1).
    #[serde(default, rename = "self")]
    pub is_self: bool,
}

/// 单项定额 — a unit-cost norm.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Norm {
    /// Key lines and tables cite it by.
    pub id: Located<String>,
    /// 内容.
    pub name: String,
    /// 单项定额 with its unit of measure: `200元/人次`.
    pub value: UnitValue,
    /// 备注 — conditions (2人一组，每户时长不低于2小时).
    pub conditions: Option<String>,
    /// 历史值 (原支出标准).
    pub history: Option<UnitValue>,
    /// Basis in words (Markdown), optional.
    #[allow(dead_code, reason = "accepted in cost files; no page shows it yet")]
    pub basis: Option<String>,
}

/// 指标体系表.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicators {
    pub title: String,
    pub rows: Vec<IndicatorRow>,
}

/// A row; empty cells continue the row above (merged in the source).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorRow {
    pub level1: Option<String>,
    pub level2: Option<String>,
    pub level3: Option<String>,
    /// 历史值, as written.
    pub history: Option<Located<String>>,
    /// 目标值, as written.
    pub target: Option<Located<String>>,
    /// 指标说明.
    pub description: Option<String>,
    /// The norm whose history and value this row states.
    pub norm: Option<Located<String>>,
}

/// 成果汇总表: 资金压减成果 and 支出标准体系建设成果.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reductions {
    pub title: String,
    /// 分析主责部门.
    pub department: Option<String>,
    /// 合计 — 新设标准数量.
    pub total_new: Option<Figure>,
    pub rows: Vec<Reduction>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reduction {
    /// 分析领域（项目）.
    pub name: String,
    pub norm: Option<Located<String>>,
    /// 压减前.
    pub before: UnitValue,
    /// 压减后.
    pub after: UnitValue,
    /// 压减金额.
    pub amount: Option<UnitValue>,
    /// 压减率, percent.
    pub rate_pct: Option<Figure>,
    /// 新设标准数量.
    pub new: Option<Figure>,
    /// 优化标准数量 — 标准下降.
    pub lowered: Option<Figure>,
    /// 优化标准数量 — 标准上升.
    pub raised: Option<Figure>,
}

/// 支出定额标准汇总表.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Standards {
    pub title: String,
    /// 分析主责部门.
    pub department: Option<String>,
    /// 项目单位.
    pub implementer: Option<String>,
    /// 领域（项目）名称.
    pub field: Option<String>,
    /// 支出成本明细.
    pub detail: Option<String>,
    /// 是否有全市基础标准.
    pub citywide: Option<String>,
    pub note: Option<String>,
    pub rows: Vec<Standard>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Standard {
    pub norm: Option<Located<String>>,
    /// 原支出标准 — 分档, 计量单位, 标准值.
    pub old_tier: Option<String>,
    pub old_unit: Option<Located<String>>,
    pub old_value: Option<Figure>,
    /// 新支出标准 — 分档, 计量单位, 标准值.
    pub new_tier: String,
    pub new_unit: Located<String>,
    pub new_value: Figure,
    /// 备注.
    pub note: Option<String>,
}

/// A 成本绩效分析 and where it came from (`cost/<slug>.toml`).
#[derive(Debug)]
pub struct Cost {
    /// File stem; used in URLs.
    pub slug: String,
    /// The analysis.
    pub analysis: CostAnalysis,
    /// Its file.
    pub file: crate::source::FileId,
    /// The workbook `cost/<slug>.xlsx` its budget lines come from, if any.
    pub workbook: Option<crate::source::FileId>,
}
