//! 项目支出绩效自评表 — a project's self-evaluation form
//! (`units/<unit>/<year>/projects/<slug>.toml`): its facts, funds block
//! with scores, goals and indicator table. Its page lies in the 绩效评价's
//! folder.

use serde::Deserialize;

use crate::number::{Figure, MoneyUnit};

/// 项目支出绩效自评表 — `units/<unit>/<year>/projects/<slug>.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectForm {
    /// 项目名称.
    pub name: String,
    /// 主管部门.
    pub department: String,
    /// 实施单位.
    pub implementer: Option<String>,
    /// 项目负责人.
    pub manager: Option<String>,
    /// 联系电话, as disclosed.
    pub phone: Option<String>,
    /// 金额单位 of the funds block.
    pub unit: MoneyUnit,
    /// 项目资金: 年度资金总额 and its 其中 rows.
    pub funds: Vec<FundsRow>,
    /// 年度总体目标 — 预期目标.
    pub goal_expected: Option<String>,
    /// 年度总体目标 — 实际完成情况.
    pub goal_actual: Option<String>,
    /// 绩效指标.
    #[serde(default)]
    pub indicators: Vec<FormIndicator>,
    /// 总分 — 分值 column as stated.
    pub total_max: Option<Figure>,
    /// 总分 — 得分 column as stated.
    pub total_score: Option<Figure>,
    /// Weights that must sum to 100 (预算执行率 10 + 一级指标), when the form says so.
    #[serde(default)]
    pub weights_sum_to_100: bool,
    /// 评价结论 / further narrative (Markdown).
    pub text: Option<String>,
}

/// A row of the funds block: 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundsRow {
    /// 年度资金总额, 其中：当年财政拨款, 上年结转资金, 其他资金.
    pub name: String,
    pub initial: Option<Figure>,
    pub full_year: Option<Figure>,
    pub executed: Option<Figure>,
    /// 分值 (only on 年度资金总额; "—" elsewhere).
    pub max: Option<Figure>,
    pub rate_pct: Option<Figure>,
    pub score: Option<Figure>,
}

/// A row of the indicator table of a 自评表.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormIndicator {
    /// 一级指标 (产出指标, 效益指标, 满意度指标).
    pub level1: String,
    /// 二级指标 (数量指标, 质量指标, 时效指标, 成本指标 …).
    pub level2: String,
    /// 三级指标.
    pub name: String,
    /// 年度指标值, as written.
    pub target: String,
    /// 实际完成值, as written.
    pub actual: String,
    pub max: Figure,
    pub score: Figure,
    /// 偏差原因分析及改进措施.
    pub deviation: Option<String>,
}

/// A 项目支出绩效自评表 and where it came from (`projects/<slug>.toml`).
#[derive(Debug)]
pub struct Form {
    /// File stem; used in URLs.
    pub slug: String,
    /// The form.
    pub form: ProjectForm,
    /// Its file: the TOML, or the workbook `projects/<slug>.xlsx`.
    pub file: crate::source::FileId,
    /// The TOML beside its workbook ([`FormNotes`]), if any.
    pub notes: Option<crate::source::FileId>,
}

/// What a `projects/<slug>.toml` beside a 自评表 workbook `projects/<slug>.xlsx`
/// holds: only what the sheet has no cell for (the form itself is the workbook's).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormNotes {
    /// Weights that must sum to 100, as [`ProjectForm::weights_sum_to_100`].
    #[serde(default)]
    pub weights_sum_to_100: bool,
    /// 评价结论 / further narrative (Markdown), as [`ProjectForm::text`].
    pub text: Option<String>,
}
