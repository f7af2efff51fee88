//! The 情况说明 sections from “三公”经费 on, as `final-accounts.toml`
//! states them: “三公”经费 (per item and in total: 决算, 预算, 完成预算%,
//! 比上年, 占比, 团组/批次/人次, 车辆), 政府采购 (货物/工程/服务 and the
//! 中小企业 statements), 国有资产占用 (车辆 by kind, 设备) and 预算绩效情况.
//! Every field beyond the amounts is optional: a unit states what its text
//! states, and the page leaves the rest out.

use serde::Deserialize;

use crate::number::Figure;
use crate::source::Located;

/// “三公”经费财政拨款决算 vs 年初预算 (and 上年).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThreePublic {
    /// 决算数合计.
    pub actual: Figure,
    /// 年初预算数合计.
    pub budget: Figure,
    /// 决算比预算增减 (negative = 减少), as stated.
    pub change: Option<Figure>,
    /// 因公出国（境）费, 公务用车购置及运行维护费, 公务接待费.
    pub items: Vec<ThreePublicItem>,
    /// e.g. "本部门本年度未安排政府性基金财政拨款“三公”经费相关支出。"
    pub note: Option<String>,
    /// 完成预算的百分比 (决算 ÷ 预算 × 100), percent.
    pub completion_pct: Option<Figure>,
    /// 决算数与预算数差异的主要原因.
    pub reason: Option<String>,
    /// 上年决算数.
    pub prior: Option<Figure>,
    /// 比上年增减 (negative = 减少; 0 = 持平).
    pub prior_change: Option<Figure>,
    /// 比上年增减率, percent.
    pub prior_change_pct: Option<Figure>,
    /// 比上年增减的主要原因.
    pub prior_reason: Option<String>,
}

/// 因公出国（境）费, 公务接待费 or 公务用车购置及运行维护费.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThreePublicItem {
    /// 项目名称.
    pub name: String,
    /// 决算数.
    pub actual: Figure,
    /// 年初预算数.
    pub budget: Figure,
    /// 决算比预算增减.
    pub change: Option<Figure>,
    /// 公务用车购置费 (for the vehicle item, where given).
    pub purchase: Option<Figure>,
    /// 公务用车运行维护费 (for the vehicle item, where given).
    pub operation: Option<Figure>,
    /// 完成预算的百分比, percent.
    pub completion_pct: Option<Figure>,
    /// 决算数与预算数差异的主要原因.
    pub reason: Option<String>,
    /// 上年决算数.
    pub prior: Option<Figure>,
    /// 比上年增减 (0 = 持平).
    pub prior_change: Option<Figure>,
    /// 比上年增减率, percent.
    pub prior_change_pct: Option<Figure>,
    /// 比上年增减的主要原因.
    pub prior_reason: Option<String>,
    /// 占“三公”经费决算合计的比例, percent.
    pub share_pct: Option<Figure>,
    /// 主要用于 (what the spending was for).
    pub uses: Option<String>,
    /// 因公出国（境）团组数 (个).
    pub groups: Option<Located<u32>>,
    /// 因公出国（境）or 公务接待 人次.
    pub people: Option<Located<u32>>,
    /// 公务用车保有量 (辆).
    pub vehicles: Option<Located<u32>>,
    /// 本年购置公务用车 (辆).
    pub vehicles_bought: Option<Located<u32>>,
    /// 公务接待批次.
    pub batches: Option<Located<u32>>,
    /// 其中：接待外宾批次.
    pub foreign_batches: Option<Located<u32>>,
    /// 其中：接待外宾人次.
    pub foreign_people: Option<Located<u32>>,
    /// 国内公务接待支出.
    pub domestic: Option<Figure>,
    /// 外宾接待支出.
    pub foreign: Option<Figure>,
    /// The text counts 外宾接待 within 国内公务接待 (“国内公务接待支出0.39万元（含外宾接待支出0.00万元）”):
    /// then 国内 = 决算数, else 国内 + 外宾 = 决算数.
    #[serde(default)]
    pub foreign_within_domestic: bool,
}

/// 政府采购支出.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Procurement {
    /// 政府采购支出总额.
    pub total: Figure,
    /// 货物.
    pub goods: Figure,
    /// 工程.
    pub works: Figure,
    /// 服务.
    pub services: Figure,
    /// 货物占总额的比例, percent.
    pub goods_share_pct: Option<Figure>,
    /// 工程占总额的比例, percent.
    pub works_share_pct: Option<Figure>,
    /// 服务占总额的比例, percent.
    pub services_share_pct: Option<Figure>,
    /// 授予中小企业合同金额.
    pub sme: Option<Figure>,
    /// 授予中小企业合同金额占总额的比例, percent.
    pub sme_share_pct: Option<Figure>,
    /// 其中：授予小微企业合同金额.
    pub small_micro: Option<Figure>,
    /// 授予小微企业合同金额占总额的比例, percent.
    pub small_micro_share_pct: Option<Figure>,
    /// 面向中小企业预留政府采购项目预算金额 (the Shanghai form).
    pub sme_reserved: Option<Figure>,
    /// 面向小微企业预留政府采购项目预算金额 (part of `sme_reserved`).
    pub small_micro_reserved: Option<Figure>,
    /// 在面向中小企业预留的项目中，由中小企业供应商中标或成交的采购金额.
    pub sme_reserved_awarded: Option<Figure>,
    /// 在面向小微企业预留的项目中，由小微企业供应商中标或成交的采购金额.
    pub small_micro_reserved_awarded: Option<Figure>,
    /// 在其他政府采购项目中，由中小企业供应商中标或成交的采购金额.
    pub sme_other_awarded: Option<Figure>,
}

/// 国有资产占用情况.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assets {
    /// 截止日期, e.g. "2023年12月31日".
    pub as_of: String,
    /// 固定资产总额 (many texts do not state it).
    pub fixed_assets: Option<Figure>,
    /// 车辆数 (辆).
    pub vehicles: Option<Located<u32>>,
    /// 车辆金额.
    pub vehicles_amount: Option<Figure>,
    /// What counts as a vehicle here (the seed's parenthesis).
    pub vehicles_note: Option<String>,
    /// 车辆按用途: 部级领导干部用车, 主要领导干部用车, 机要通信用车, 应急保障用车,
    /// 执法执勤用车, 特种专业技术用车, 离退休干部服务用车, 其他用车 (sum = `vehicles`).
    #[serde(default)]
    pub vehicle_kinds: Vec<VehicleKind>,
    /// 单价50万元以上通用设备 (台/套).
    pub general_equipment: Option<u32>,
    /// 上述通用设备金额.
    pub general_equipment_amount: Option<Figure>,
    /// 单价100万元以上（专用）设备 (台/套).
    pub large_equipment: Option<u32>,
    /// 上述设备金额.
    pub large_equipment_amount: Option<Figure>,
}

/// Vehicles of one kind (用途).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VehicleKind {
    /// 用途, e.g. "执法执勤用车".
    pub name: String,
    /// 辆.
    pub count: Located<u32>,
}

/// 预算绩效情况 (预算绩效管理工作开展情况).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Performance {
    /// 制度与工作机制 as the text describes them (plain text).
    pub note: Option<String>,
    /// 编报绩效目标的项目.
    pub targets: Option<Projects>,
    /// 绩效跟踪（评价）的项目.
    pub tracking: Option<Projects>,
    /// 绩效自评的项目, with the score and ratings.
    pub self_evaluation: Option<SelfEvaluation>,
    /// 重点评价的项目.
    pub key_evaluation: Option<Projects>,
    /// 绩效自评中发现的问题与整改.
    pub problems: Option<Problems>,
}

/// A number of projects and the budget they involve.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Projects {
    /// 项目数 (个).
    pub projects: Located<u32>,
    /// 涉及预算金额.
    pub amount: Option<Figure>,
}

/// 绩效自评: projects, amount, 平均得分 and the count of each rating.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelfEvaluation {
    /// 项目数 (个).
    pub projects: Located<u32>,
    /// 涉及预算金额.
    pub amount: Option<Figure>,
    /// 平均得分 (分).
    pub average_score: Option<Figure>,
    /// 绩效评级为“优”的项目数.
    pub excellent: Option<Located<u32>>,
    /// 绩效评级为“良”的项目数.
    pub good: Option<Located<u32>>,
    /// 绩效评级为“合格”的项目数.
    pub pass: Option<Located<u32>>,
    /// 绩效评级为“不合格”的项目数.
    pub fail: Option<Located<u32>>,
}

/// 发现问题, 已经完成整改, 正在整改.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Problems {
    /// 共发现问题 (个).
    pub found: Located<u32>,
    /// 已经完成整改的.
    pub fixed: Option<Located<u32>>,
    /// 正在整改的.
    pub fixing: Option<Located<u32>>,
}
