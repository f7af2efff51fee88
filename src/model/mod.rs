//! The typed content model: what `content/` says, with exact decimals and
//! source spans, and nothing about HTML. The loader fills it; the check and
//! derive stages read it.

pub mod bound;
pub mod document;
pub mod look;
pub mod publication;

use std::collections::BTreeMap;

use serde::Deserialize;

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
    /// Every report file as written, parsed once by the loader; binding
    /// and `data.json` read it.
    pub documents: document::Documents,
    /// The header and footer partials (`_header.md`, `_footer.md`), if present.
    pub partials: look::Partials,
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
    /// 信息公开 defaults of every report (`[publication]`).
    #[serde(default)]
    pub publication: publication::Publication,
    /// The footer's identifiers (`[identity]`: 网站标识码, ICP备案号 …).
    #[serde(default)]
    pub identity: publication::Identity,
    /// The site's own look (`[look]`: logo, colours, extra stylesheet).
    #[serde(default)]
    pub look: look::Look,
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
    /// 常住人口 (人) of the area the unit serves; gives per-resident amounts on the 单位比较 pages.
    pub population: Option<u32>,
    /// 信息公开 defaults of the unit's reports (`[publication]`).
    #[serde(default)]
    pub publication: publication::Publication,
    /// 联系方式 (`[contact]`).
    #[serde(default)]
    pub contact: publication::Contact,
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
    /// Its reports, one field per kind (see `reports::ReportKind`).
    pub reports: crate::reports::Reports,
    /// Narrative Markdown files, by file name order.
    pub narratives: Vec<Narrative>,
    /// Each report file's `[publication]` table, by the file.
    pub publications: BTreeMap<FileId, publication::Publication>,
    /// 附件: the files of the year folder's `attachments/`, by name.
    pub attachments: Vec<publication::Attachment>,
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
