//! The typed content model: what `content/` says, with exact decimals and
//! source spans, and nothing about HTML. The loader fills it; the check and
//! derive stages read it.

pub mod bound;

use std::collections::BTreeMap;

use serde::Deserialize;

pub use crate::reports::cost::model::CostAnalysis;
pub use crate::reports::evaluation::model::{Evaluation, ProjectForm};
pub use crate::reports::final_accounts::model::FinalAccounts;
pub use crate::reports::tracking::model::Tracking;

use crate::source::{FileId, Located, SourceMap};

/// The sections (id, title) a narrative may be placed in for a report kind
/// (its file name without `.toml`); check and render both read them here.
pub fn sections_of(report: &str) -> Option<&'static [(&'static str, &'static str)]> {
    crate::reports::ReportKind::by_reference(report).and_then(|k| k.spec().sections)
}

/// Everything loaded from a content folder.
#[derive(Debug)]
pub struct Site {
    pub config: SiteConfig,
    /// 专业名词解释, shared by all pages, in file order.
    pub glossary: Vec<GlossaryEntry>,
    /// Units in folder-name order.
    pub units: Vec<Unit>,
    pub sources: SourceMap,
}

/// `site.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// 网站标题.
    pub title: String,
    /// 主办单位 — publisher named in the footer.
    pub publisher: String,
    /// 数据日期 shown in the footer (e.g. "2024-08-30").
    pub data_date: Option<String>,
    /// 联系方式.
    pub contact: Option<String>,
    /// Short introduction on the home page (Markdown).
    pub intro: Option<String>,
    /// Footer note (Markdown).
    pub footer: Option<String>,
    /// Publish even when figures contradict each other, each disputed
    /// figure carrying a 核验提示 (for faithful transcriptions of source
    /// documents that contain errors). Structural errors still stop a build.
    #[serde(default)]
    pub publish_as_is: bool,
}

/// `glossary.toml`: `[[term]]` entries.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryFile {
    #[serde(default)]
    pub term: Vec<GlossaryEntry>,
}

/// 专业名词 — a term and its definition.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryEntry {
    pub name: Located<String>,
    pub definition: String,
}

/// 预算单位 — one budget unit and its years.
#[derive(Debug)]
pub struct Unit {
    /// Folder name; used in URLs.
    pub slug: String,
    pub profile: UnitProfile,
    pub profile_file: FileId,
    /// Years in ascending order.
    pub years: Vec<Year>,
}

/// `units/<unit>/unit.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitProfile {
    /// 单位全称.
    pub name: String,
    /// 简称.
    pub short_name: String,
    /// 所属地区 (e.g. "北京市西城区").
    pub region: String,
    /// 机构职责 (Markdown).
    pub duties: Option<String>,
    /// 机构设置 statement (Markdown), e.g. "我单位政府机关机构数1个，与上年一致。"
    pub setup: Option<String>,
    /// 内设机构.
    #[serde(default)]
    pub offices: Vec<Office>,
    /// 人员编制.
    pub staffing: Option<Staffing>,
}

/// 内设机构 / 科室.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Office {
    pub name: String,
    /// 职责 or 整合的工作组 (Markdown).
    pub duties: Option<String>,
}

/// 编制/实有 staffing numbers.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Staffing {
    /// 编制数.
    pub authorized: Option<u32>,
    /// 实有人数.
    pub actual: Option<u32>,
    /// 备注 on the staffing (e.g. 含借调人员).
    #[allow(dead_code, reason = "accepted in unit.toml; no page shows it yet")]
    pub note: Option<String>,
}

/// One 年度 of a unit: its reports and narrative.
#[derive(Debug, Default)]
pub struct Year {
    pub year: u16,
    pub final_accounts: Option<FinalAccounts>,
    pub final_accounts_file: Option<FileId>,
    /// 部门决算工作簿 (`*.xlsx`/`*.xls`/`*.ods` in the year folder) the
    /// 部门决算公开表 were read from, if any (see `load::workbook`).
    pub final_accounts_workbook: Option<FileId>,
    pub tracking: Option<Tracking>,
    pub tracking_file: Option<FileId>,
    pub evaluation: Option<Evaluation>,
    pub evaluation_file: Option<FileId>,
    /// 项目支出绩效自评表, from `projects/<slug>.toml`, by slug order.
    pub forms: Vec<Form>,
    /// 成本绩效分析, from `cost/<slug>.toml`, by slug order.
    pub costs: Vec<Cost>,
    /// Narrative Markdown files, by file name order.
    pub narratives: Vec<Narrative>,
}

/// A 成本绩效分析 and where it came from.
#[derive(Debug)]
pub struct Cost {
    /// File stem; used in URLs.
    pub slug: String,
    pub analysis: CostAnalysis,
    pub file: FileId,
}

/// A 项目支出绩效自评表 and where it came from.
#[derive(Debug)]
pub struct Form {
    /// File stem; used in URLs.
    pub slug: String,
    pub form: ProjectForm,
    pub file: FileId,
}

/// A Markdown narrative file with TOML front matter (`+++ … +++`).
#[derive(Debug)]
pub struct Narrative {
    pub front: NarrativeFront,
    /// Markdown body, as written.
    pub body: String,
    pub file: FileId,
    /// The body with its `{{ … }}` references bound, set by `bind`; empty
    /// when the body has none (then the body is all there is to render).
    pub segments: Vec<bound::Segment>,
}

/// Front matter of a narrative file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NarrativeFront {
    pub title: String,
    /// The report it belongs to: "final-accounts", "tracking" or "evaluation".
    pub report: Located<String>,
    /// The section of that report it is placed in (see docs/content-format.md).
    pub section: Located<String>,
}

impl Site {
    /// Glossary entries by name.
    pub fn glossary_index(&self) -> BTreeMap<&str, &GlossaryEntry> {
        self.glossary.iter().map(|g| (g.name.as_str(), g)).collect()
    }
}
