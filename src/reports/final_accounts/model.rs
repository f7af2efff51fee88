//! 部门决算 — the final-accounts disclosure of one unit for one year, as
//! written in `units/<unit>/<year>/final-accounts.toml`. Every amount is in
//! the file's [`MoneyUnit`]; every percentage is written in percent
//! (`share_pct = 26.99` means 26.99%). Anything the source does not state is
//! simply left out: the derive stage computes it and says so on the page.

use serde::Deserialize;

use crate::number::{Figure, MoneyUnit};
use crate::source::Located;

pub use super::statements::model::*;

/// Sections of the 部门决算 page a narrative file may be placed in.
pub const SECTIONS: &[(&str, &str)] = &[
    ("overview", "收入支出决算总体情况"),
    ("appropriation", "财政拨款收入支出决算总体情况"),
    ("general-budget", "一般公共预算财政拨款支出决算情况"),
    ("government-fund", "政府性基金预算财政拨款支出决算情况"),
    ("state-capital", "国有资本经营预算财政拨款收支情况"),
    ("basic-expenditure", "财政拨款基本支出决算情况"),
    ("three-public", "“三公”经费财政拨款决算情况"),
    ("operating-costs", "机关运行经费支出情况"),
    ("procurement", "政府采购支出情况"),
    ("assets", "国有资产占用情况"),
    ("performance", "预算绩效情况"),
    ("purchased-services", "政府购买服务支出说明"),
    ("livelihood", "各类民生支出情况"),
    ("glossary", "专业名词解释"),
    ("tables", "部门决算报表"),
];

/// 部门决算.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FinalAccounts {
    /// 金额单位 for every amount in this file.
    pub unit: MoneyUnit,
    /// 部门决算 or 单位决算 (default 部门): the default title and the page
    /// and year-page labels say which.
    #[serde(default)]
    pub scope: Scope,
    /// Title as the source gives it (defaults to "<year>年度<unit name>部门决算",
    /// or 单位决算 by `scope`).
    pub title: Option<String>,
    /// 收入支出决算总体情况 — 收、支总计. Like every section, optional: a
    /// unit may publish only part of the template (e.g. only the 三公 说明).
    pub overview: Option<Totals>,
    /// 收入决算.
    pub income: Option<Composition>,
    /// 支出决算.
    pub expenditure: Option<Composition>,
    /// 财政拨款收入支出决算总体情况.
    pub appropriation: Option<Totals>,
    /// 一般公共预算财政拨款支出.
    pub general_budget: Option<FunctionalBudget>,
    /// 政府性基金预算财政拨款支出.
    pub government_fund: Option<FunctionalBudget>,
    /// 国有资本经营预算财政拨款收支.
    pub state_capital: Option<StateCapital>,
    /// 财政拨款基本支出.
    pub basic_expenditure: Option<BasicExpenditure>,
    /// “三公”经费财政拨款.
    pub three_public: Option<ThreePublic>,
    /// 机关运行经费.
    pub operating_costs: Option<OperatingCosts>,
    /// 政府采购支出.
    pub procurement: Option<Procurement>,
    /// 国有资产占用情况.
    pub assets: Option<Assets>,
    /// 预算绩效情况.
    pub performance: Option<Performance>,
    /// 政府购买服务支出.
    pub purchased_services: Option<PurchasedServices>,
    /// 各类民生支出 — figures the 民生 narrative states.
    #[serde(default)]
    pub livelihood: Vec<LivelihoodItem>,
    /// 专业名词解释: glossary terms (from glossary.toml) this report explains, in order.
    #[serde(default)]
    pub glossary: Vec<Located<String>>,
    /// 决算报表 note (where the statutory tables are published).
    pub tables_note: Option<String>,
    /// 部门决算公开表: the nine standard tables, those published (`[tables.<kind>]`).
    #[serde(default)]
    pub tables: super::tables::Tables,
}

impl FinalAccounts {
    /// A 部门决算 of the 部门决算公开表 alone, in `unit`: what a year folder
    /// holding only the reporting software's workbook (no
    /// `final-accounts.toml`) publishes — the tables, no 情况说明 sections,
    /// the default title and scope.
    pub fn tables_only(unit: MoneyUnit, tables: super::tables::Tables) -> Self {
        FinalAccounts {
            unit,
            scope: Scope::default(),
            title: None,
            overview: None,
            income: None,
            expenditure: None,
            appropriation: None,
            general_budget: None,
            government_fund: None,
            state_capital: None,
            basic_expenditure: None,
            three_public: None,
            operating_costs: None,
            procurement: None,
            assets: None,
            performance: None,
            purchased_services: None,
            livelihood: vec![],
            glossary: vec![],
            tables_note: None,
            tables,
        }
    }
}

/// 部门决算 (a department with its subordinate units) or 单位决算 (one
/// unit): the same national template, published under either name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub enum Scope {
    /// 部门决算.
    #[default]
    #[serde(rename = "部门")]
    Department,
    /// 单位决算.
    #[serde(rename = "单位")]
    Unit,
}

impl Scope {
    /// "部门决算" or "单位决算".
    pub fn report_name(self) -> &'static str {
        match self {
            Scope::Department => "部门决算",
            Scope::Unit => "单位决算",
        }
    }
}

/// A total with its 比上年 change, as the seeds state it
/// ("比上年减少1170.82万元，下降2.84%"). Write `prior` (上年数) when known;
/// otherwise the stated change, and the prior year is derived from it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Totals {
    /// 本年合计.
    pub total: Figure,
    /// 上年合计.
    pub prior: Option<Figure>,
    /// 比上年增减 (negative = 减少).
    pub change: Option<Figure>,
    /// 比上年增减率, percent (negative = 下降).
    pub change_pct: Option<Figure>,
    /// 主要原因.
    pub reason: Option<String>,
}

/// 收入 or 支出 by type, each with its share of the total.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Composition {
    pub total: Figure,
    pub prior: Option<Figure>,
    pub change: Option<Figure>,
    pub change_pct: Option<Figure>,
    pub items: Vec<ShareItem>,
}

/// One category with its amount and stated share of its parent total.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShareItem {
    pub name: String,
    pub amount: Figure,
    /// 占合计的比例, percent.
    pub share_pct: Option<Figure>,
}

/// Expenditure by 支出功能分类 (类, with 款/项 where given).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FunctionalBudget {
    /// 支出合计.
    pub total: Figure,
    /// 类.
    pub classes: Vec<FunctionClass>,
    /// The statement names only the main 类 (“主要用于A、B”), not all of
    /// them: `total` is then not their sum, and their shares need not make
    /// 100%. Either way the 类 it names must be the largest of the
    /// published table (the rank check, [`crate::check::Code::Rank`]).
    #[serde(default)]
    pub main_only: bool,
    /// Rows the source lists in the same 按大类 sentence although they belong
    /// to another fund (the seed lists 国有资本经营预算支出 and 其他支出 beside
    /// the 一般公共预算 classes). Shown and checked, not added to `total`.
    #[serde(default)]
    pub also_listed: Vec<ShareItem>,
    /// 具体情况: 年初预算, 全年预算, 决算 and 完成预算%, with the reason and
    /// the same per 项 (`[general_budget.execution]`).
    pub execution: Option<Execution>,
}

/// 一般公共预算财政拨款支出决算具体情况 (“年初预算为0万元，全年预算为321.02万元，
/// 支出决算为307.82万元，完成年初预算的95.89%。决算数小于预算数的主要原因：…”),
/// and the same per 项 in `items` (an item names its 科目 and has no items).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Execution {
    /// 科目编码 of an item's 项 (e.g. "2013901"); matched with 一般公共预算支出表.
    pub code: Option<String>,
    /// An item's 科目 as written, e.g. "一般公共服务支出（类）社会工作事务（款）行政运行（项）".
    pub name: Option<String>,
    /// 主要用于.
    pub uses: Option<String>,
    /// 年初预算数.
    pub budget: Option<Figure>,
    /// 全年预算数 (年初预算 with the year's adjustments).
    pub adjusted: Option<Figure>,
    /// 支出决算数.
    pub actual: Figure,
    /// 完成预算的百分比, percent, of the budget `completion_of` names.
    pub completion_pct: Option<Figure>,
    /// Which budget the text says the 完成% is of (default 全年预算).
    #[serde(default)]
    pub completion_of: BudgetBase,
    /// 决算数与预算数差异的主要原因.
    pub reason: Option<String>,
    /// The 项 (“其中：1、…（项）…”), of the section only.
    #[serde(default)]
    pub items: Vec<Execution>,
}

/// The budget a 完成预算% is of, as the text names it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub enum BudgetBase {
    /// 年初预算.
    #[serde(rename = "年初预算")]
    Initial,
    /// 全年预算 (调整后预算).
    #[default]
    #[serde(rename = "全年预算")]
    Adjusted,
}

impl BudgetBase {
    /// "年初预算" or "全年预算".
    pub fn label(self) -> &'static str {
        match self {
            BudgetBase::Initial => "年初预算",
            BudgetBase::Adjusted => "全年预算",
        }
    }
}

/// One 类 of 支出功能分类 with 决算数 and its comparison with 年初预算.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FunctionClass {
    /// 科目编码 (e.g. "201"), if given.
    pub code: Option<String>,
    pub name: String,
    /// 决算数.
    pub amount: Figure,
    /// 占本年财政拨款支出的比例, percent.
    pub share_pct: Option<Figure>,
    /// 年初预算数.
    pub budget: Option<Figure>,
    /// 比年初预算增减 (negative = 减少).
    pub budget_change: Option<Figure>,
    /// 比年初预算增减率, percent.
    pub budget_change_pct: Option<Figure>,
    /// 款/项 rows where the source gives them.
    #[serde(default)]
    pub details: Vec<FunctionDetail>,
}

/// A 款 or 项 row under a 类.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FunctionDetail {
    pub code: Option<String>,
    /// "款" or "项".
    pub level: String,
    pub name: String,
    pub amount: Figure,
    pub budget: Option<Figure>,
}

/// 国有资本经营预算财政拨款收支.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateCapital {
    pub income: Figure,
    pub expenditure: Figure,
}

/// 财政拨款基本支出.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BasicExpenditure {
    /// 使用一般公共预算财政拨款安排的基本支出.
    pub general_budget: Figure,
    /// 使用政府性基金财政拨款安排的基本支出.
    pub government_fund: Option<Figure>,
    /// 经济分类 categories (工资福利支出, 商品和服务支出, …).
    #[serde(default)]
    pub categories: Vec<BasicCategory>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BasicCategory {
    pub name: String,
    /// What it covers ("包括基本工资、津贴补贴…").
    pub covers: String,
    pub amount: Option<Figure>,
}

/// 机关运行经费.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperatingCosts {
    pub amount: Figure,
    pub prior: Option<Figure>,
    pub change: Option<Figure>,
    pub change_pct: Option<Figure>,
    /// 增减的主要原因 (“主要原因是单位于2024年成立”).
    pub reason: Option<String>,
}

/// 政府购买服务.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PurchasedServices {
    pub amount: Figure,
}

/// A 民生支出 line with its comparison with the prior year.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LivelihoodItem {
    pub name: String,
    pub amount: Figure,
    pub prior: Option<Figure>,
    pub change: Option<Figure>,
}
