//! The report kinds, one folder each: 部门决算 (`final_accounts`), 绩效跟踪
//! (`tracking`), 绩效评价 (`evaluation`), its 项目支出绩效自评表 (`form`) and
//! 成本绩效分析 (`cost`). Each folder holds the kind's content model
//! (`model`), its derived and checked figures (`derive`) and its pages
//! (`pages`); what all kinds share stays in `model`, `derive` and `render`.
//!
//! [`ReportKind::spec`] is the registry: one line per kind saying where its
//! files sit in a year folder, its URL folder, title and narrative
//! sections. The loader, binding, `data.json` and incremental builds iterate
//! [`ReportKind::ALL`]; the only `match` on the kind is here, so the compiler
//! names every place a new kind must fill in.

pub mod cost;
pub mod cross;
pub mod evaluation;
pub mod final_accounts;
pub mod form;
pub mod tracking;

use std::collections::BTreeMap;

use crate::check::{Checker, Diagnostic};
use crate::derive::Ctx;
use crate::derive::YearFigures;
use crate::error::Result;
use crate::load::parse_toml;
use crate::model::publication::{Publication, cut_publication};
use crate::model::{GlossaryEntry, Site, Unit, Year};
use crate::render::Page;
use crate::render::page::{SiteInfo, YearCx};
use crate::render::route::Route;
use crate::source::{FileId, SourceMap};
use cost::derive::CostFigures;
use cost::model::{Cost, CostAnalysis};
use evaluation::derive::EvaluationFigures;
use evaluation::model::Evaluation;
use final_accounts::derive::FinalAccountsFigures;
use final_accounts::model::FinalAccounts;
use form::derive::FormFigures;
use form::model::{Form, ProjectForm};
use tracking::derive::TrackingFigures;
use tracking::model::Tracking;

/// Defines [`ReportKind`] and [`ReportKind::ALL`] from one list, so no
/// variant can be left out of `ALL`.
macro_rules! report_kinds {
    ($($(#[$doc:meta])* $variant:ident,)*) => {
        /// A kind of report a year folder may hold.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum ReportKind {
            $($(#[$doc])* $variant,)*
        }

        impl ReportKind {
            /// Every kind, in the order their files are listed (binding,
            /// `data.json`, fingerprints, messages): the order of the list
            /// that defines them.
            pub const ALL: [ReportKind; [$(Self::$variant),*].len()] = [$(Self::$variant),*];
        }
    };
}

report_kinds! {
    /// 部门决算
    FinalAccounts,
    /// 绩效跟踪
    Tracking,
    /// 绩效评价
    Evaluation,
    /// 项目支出绩效自评表
    Form,
    /// 成本绩效分析
    Cost,
}

/// Where a kind's files sit in a year folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// One file `<stem>.toml`, at most one a year.
    File(&'static str),
    /// A folder of files `<folder>/<slug>.toml`, any number a year.
    Folder(&'static str),
}

/// One line of the registry.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// Where its files sit in the year folder.
    pub place: Place,
    /// Its URL folder below `units/<unit>/<year>/` (a 自评表's page lies in
    /// its 绩效评价's folder, at `projects/<slug>.html`).
    pub url: &'static str,
    /// Its title (部门决算 …).
    pub title: &'static str,
    /// The sections (id, title) a narrative may be placed in; `None` when
    /// narratives cannot name this kind.
    pub sections: Option<&'static [(&'static str, &'static str)]>,
}

/// A report file as parsed, before it is placed in its [`Year`].
pub enum Parsed {
    FinalAccounts(Box<FinalAccounts>),
    Tracking(Box<Tracking>),
    Evaluation(Box<Evaluation>),
    Form(Box<ProjectForm>),
    Cost(Box<CostAnalysis>),
}

/// The reports of one unit/year (`Year::reports`), one field per kind.
#[derive(Debug, Default)]
pub struct Reports {
    /// 部门决算, from `final-accounts.toml`.
    pub final_accounts: Option<FinalAccounts>,
    /// Its file.
    pub final_accounts_file: Option<FileId>,
    /// The files its 部门决算公开表 were read from, if any (see
    /// `load::workbook`): one 部门决算工作簿 (`*.xlsx`/`*.xls`/`*.ods` in the
    /// year folder) or the year's 公开表 CSV files.
    pub final_accounts_workbook: Vec<FileId>,
    /// 绩效跟踪, from `tracking.toml`.
    pub tracking: Option<Tracking>,
    /// Its file.
    pub tracking_file: Option<FileId>,
    /// 绩效跟踪工作簿 its project list was read from, if any (see
    /// `load::workbook::tracking`).
    pub tracking_workbook: Option<FileId>,
    /// 绩效评价, from `evaluation.toml`.
    pub evaluation: Option<Evaluation>,
    /// Its file.
    pub evaluation_file: Option<FileId>,
    /// 项目支出绩效自评表, from `projects/<slug>.toml`, by slug order.
    pub forms: Vec<Form>,
    /// 成本绩效分析, from `cost/<slug>.toml`, by slug order.
    pub costs: Vec<Cost>,
}

/// The derived figures of one unit/year's reports (`YearFigures::reports`),
/// one field per kind, each beside its report in [`Reports`].
pub struct ReportFigures<'a> {
    /// 部门决算.
    pub final_accounts: Option<FinalAccountsFigures<'a>>,
    /// 绩效跟踪.
    pub tracking: Option<TrackingFigures<'a>>,
    /// 绩效评价.
    pub evaluation: Option<EvaluationFigures<'a>>,
    /// One per `Reports::forms`, in the same order.
    pub forms: Vec<FormFigures<'a>>,
    /// One per `Reports::costs`, in the same order.
    pub costs: Vec<CostFigures<'a>>,
}

/// Derive and check the figures of every report of `year`, kind by kind in
/// [`ReportKind::ALL`] order; `glossary` is the site's glossary by name.
pub fn derive<'a>(ctx: &mut Ctx, year: &'a Year, glossary: &BTreeMap<&str, &'a GlossaryEntry>) -> ReportFigures<'a> {
    let r = &year.reports;
    ReportFigures {
        final_accounts: r.final_accounts.as_ref().map(|fa| {
            let terms: Vec<_> = fa.glossary.iter().filter_map(|t| glossary.get(t.value.as_str()).copied()).collect();
            final_accounts::derive::derive(ctx, fa, &terms)
        }),
        tracking: r.tracking.as_ref().map(|t| tracking::derive::derive(ctx, t)),
        evaluation: r.evaluation.as_ref().map(|e| evaluation::derive::derive(ctx, e)),
        forms: r.forms.iter().map(|f| form::derive::derive(ctx, &f.form)).collect(),
        costs: r.costs.iter().map(|c| cost::derive::derive(ctx, &c.analysis, year.year)).collect(),
    }
}

impl ReportKind {
    /// The registry.
    pub const fn spec(self) -> Spec {
        match self {
            Self::FinalAccounts => {
                Spec { place: Place::File("final-accounts"), url: "final-accounts", title: "部门决算", sections: Some(final_accounts::model::SECTIONS) }
            }
            Self::Tracking => Spec { place: Place::File("tracking"), url: "tracking", title: "绩效跟踪", sections: Some(tracking::model::SECTIONS) },
            Self::Evaluation => {
                Spec { place: Place::File("evaluation"), url: "evaluation", title: "绩效评价", sections: Some(evaluation::model::SECTIONS) }
            }
            Self::Form => Spec { place: Place::Folder("projects"), url: "evaluation", title: "项目支出绩效自评表", sections: None },
            Self::Cost => Spec { place: Place::Folder("cost"), url: "cost", title: "成本绩效分析", sections: None },
        }
    }

    /// This kind's source files in a year, each with its reference name (the
    /// path in the year folder without `.toml`: `tracking`, `cost/<slug>`).
    pub fn sources(self, year: &Year) -> Vec<(String, FileId)> {
        let name = |slug: &str| self.reference(slug);
        match self {
            Self::FinalAccounts => year.reports.final_accounts_file.map(|f| (name(""), f)).into_iter().collect(),
            Self::Tracking => year.reports.tracking_file.map(|f| (name(""), f)).into_iter().collect(),
            Self::Evaluation => year.reports.evaluation_file.map(|f| (name(""), f)).into_iter().collect(),
            Self::Form => year.reports.forms.iter().map(|f| (name(&f.slug), f.file)).collect(),
            Self::Cost => year.reports.costs.iter().map(|c| (name(&c.slug), c.file)).collect(),
        }
    }

    /// Whether `year` holds this kind's report: a source file, or for
    /// 部门决算 and 绩效跟踪 a workbook (or 公开表 CSV files) alone.
    pub fn held(self, year: &Year) -> bool {
        !self.sources(year).is_empty()
            || match self {
                Self::FinalAccounts => !year.reports.final_accounts_workbook.is_empty(),
                Self::Tracking => year.reports.tracking_workbook.is_some(),
                Self::Evaluation | Self::Form | Self::Cost => false,
            }
    }

    /// The page that shows each of this kind's files of `year` (unit
    /// `slug`): where the 数据核验 pages send a reader to see a file's figures.
    /// A file whose figures no page shows is left out.
    pub fn file_pages(self, slug: &str, year: &Year) -> Vec<(FileId, Route)> {
        match self {
            Self::FinalAccounts | Self::Tracking | Self::Evaluation => {
                let page = Route::report(slug, year.year, self.spec().url);
                // The kind's workbook (or 公开表 CSV files), if any, is shown on its page too.
                let workbook: Vec<FileId> = match self {
                    Self::FinalAccounts => year.reports.final_accounts_workbook.clone(),
                    Self::Tracking => year.reports.tracking_workbook.into_iter().collect(),
                    _ => vec![],
                };
                self.sources(year).into_iter().map(|(_, file)| file).chain(workbook).map(|file| (file, page.clone())).collect()
            }
            Self::Form => form::render::file_pages(slug, year),
            Self::Cost => cost::render::file_pages(slug, year),
        }
    }

    /// This kind's cross-report checks of `unit`'s year `index` (its figures
    /// against the other reports of the year, or of the year before).
    pub fn cross_check(self, ctx: &mut Ctx, unit: &Unit, index: usize) {
        match self {
            Self::FinalAccounts => final_accounts::cross::check(ctx, unit, index),
            Self::Evaluation => evaluation::cross::check(ctx, &unit.years[index]),
            Self::Form => form::cross::check(ctx, &unit.years[index]),
            Self::Tracking | Self::Cost => {}
        }
    }

    /// This kind's structure checks of `unit`'s `year`: references to what
    /// other files declare (`glossary.toml`'s terms, `unit.toml`'s offices).
    pub fn check_structure(self, site: &Site, checker: &mut Checker, unit: &Unit, year: &Year) {
        match self {
            Self::FinalAccounts => final_accounts::check::glossary(site, checker, year),
            Self::Tracking => tracking::check::offices(&site.sources, checker, unit, year),
            Self::Evaluation | Self::Form | Self::Cost => {}
        }
    }

    /// Make this kind's pages of one unit/year and its entries on the year
    /// page, into `cx` (nothing when the year has no report of this kind).
    pub fn pages(self, cx: &mut YearCx) -> Result<()> {
        match self {
            Self::FinalAccounts => final_accounts::render::pages(cx),
            Self::Tracking => tracking::render::pages(cx),
            Self::Evaluation => evaluation::render::pages(cx),
            Self::Form => form::render::pages(cx),
            Self::Cost => cost::render::pages(cx),
        }
    }

    /// This kind's site-wide pages (成本定额: 单项定额一览), made from every
    /// unit/year's figures `derived`.
    pub fn site_pages(self, info: &SiteInfo, derived: &[YearFigures]) -> Result<Vec<Page>> {
        match self {
            Self::Cost => cost::index::pages(info, derived),
            Self::FinalAccounts | Self::Tracking | Self::Evaluation | Self::Form => Ok(vec![]),
        }
    }

    /// This kind's site-wide page that lists something of `year`, which the
    /// unit and year pages link to (成本定额: 单项定额一览, when the year has norms).
    pub fn site_index(self, year: &Year) -> Option<Route> {
        match self {
            Self::Cost => cost::index::of_year(year),
            Self::FinalAccounts | Self::Tracking | Self::Evaluation | Self::Form => None,
        }
    }

    /// The first kind's [`site_index`](Self::site_index) for `year`.
    pub fn site_index_of(year: &Year) -> Option<Route> {
        Self::ALL.into_iter().find_map(|k| k.site_index(year))
    }

    /// This kind's project pages in a year, for the 项目索引: 绩效跟踪's
    /// 重点项目, the 自评表 (shown when the year has its 绩效评价) and the
    /// 成本绩效分析, in file order.
    pub fn projects(self, year: &Year) -> Vec<ProjectPage> {
        let page = |name: &str, below: String, office: Option<&str>| ProjectPage { name: name.to_string(), below, office: office.unwrap_or("").to_string() };
        match self {
            Self::FinalAccounts | Self::Evaluation => vec![],
            Self::Tracking => year
                .reports
                .tracking
                .iter()
                .flat_map(|t| t.projects.iter().enumerate())
                .map(|(i, p)| page(&p.name.value, tracking::pages::project_href(i), p.office.as_ref().map(|o| o.value.as_str())))
                .collect(),
            Self::Form if year.reports.evaluation.is_none() => vec![],
            Self::Form => year.reports.forms.iter().map(|f| page(&f.form.name, form::pages::form_href(&f.slug), None)).collect(),
            Self::Cost => year.reports.costs.iter().map(|c| page(&c.analysis.project, cost::render::page_of(c), None)).collect(),
        }
    }

    /// The reference name of one of its files: `tracking`, `cost/<slug>`.
    pub fn reference(self, slug: &str) -> String {
        match self.spec().place {
            Place::File(stem) => stem.to_string(),
            Place::Folder(folder) => format!("{folder}/{slug}"),
        }
    }

    /// Parse one of this kind's files, and its `[publication]` table (信息公开,
    /// the same for every kind: cut out before the kind's own parse).
    pub fn parse(self, map: &SourceMap, id: FileId, text: &str) -> std::result::Result<(Parsed, Publication), Diagnostic> {
        let (own, has_publication) = cut_publication(text);
        let text = own.as_str();
        let parsed = match self {
            Self::FinalAccounts => Parsed::FinalAccounts(Box::new(parse_toml(map, id, text, 0)?)),
            Self::Tracking => Parsed::Tracking(Box::new(parse_toml(map, id, text, 0)?)),
            Self::Evaluation => Parsed::Evaluation(Box::new(parse_toml(map, id, text, 0)?)),
            Self::Form => Parsed::Form(Box::new(parse_toml(map, id, text, 0)?)),
            Self::Cost => Parsed::Cost(Box::new(parse_toml(map, id, text, 0)?)),
        };
        /// The file as the publication table sees it: every other key ignored.
        #[derive(serde::Deserialize)]
        struct WithPublication {
            #[serde(default)]
            publication: Publication,
        }
        let publication = if has_publication { parse_toml::<WithPublication>(map, id, &map.file(id).text, 0)?.publication } else { Publication::default() };
        Ok((parsed, publication))
    }

    /// The kind whose single file in the year folder is `name`.
    pub fn by_file_name(name: &str) -> Option<ReportKind> {
        Self::ALL.into_iter().find(|k| matches!(k.spec().place, Place::File(stem) if name.strip_suffix(".toml") == Some(stem)))
    }

    /// The kind whose files sit in the year folder's subfolder `name`.
    pub fn by_folder(name: &str) -> Option<ReportKind> {
        Self::ALL.into_iter().find(|k| matches!(k.spec().place, Place::Folder(folder) if folder == name))
    }

    /// The kind a narrative names in its front matter (`report = "tracking"`).
    pub fn by_reference(name: &str) -> Option<ReportKind> {
        Self::ALL.into_iter().find(|k| matches!(k.spec().place, Place::File(stem) if stem == name))
    }

    /// How its files are written in a year folder, for messages:
    /// `tracking.toml`, `cost/<slug>.toml`.
    pub fn file_pattern(self) -> String {
        match self.spec().place {
            Place::File(stem) => format!("{stem}.toml"),
            Place::Folder(folder) => format!("{folder}/<slug>.toml"),
        }
    }
}

/// A project's page (项目页面) as the 项目索引 lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectPage {
    /// 项目名称.
    pub name: String,
    /// Its page below the kind's URL folder (`projects/3.html`, `<slug>/index.html`).
    pub below: String,
    /// 科室 — the office in charge, where the report names one ("" otherwise).
    pub office: String,
}

impl Parsed {
    /// Put a parsed file (`slug`: its stem, for folder kinds) into its year.
    pub fn attach(self, year: &mut Year, slug: &str, file: FileId) {
        let year = &mut year.reports;
        match self {
            Parsed::FinalAccounts(fa) => {
                year.final_accounts = Some(*fa);
                year.final_accounts_file = Some(file);
            }
            Parsed::Tracking(t) => {
                year.tracking = Some(*t);
                year.tracking_file = Some(file);
            }
            Parsed::Evaluation(e) => {
                year.evaluation = Some(*e);
                year.evaluation_file = Some(file);
            }
            Parsed::Form(form) => year.forms.push(Form { slug: slug.to_string(), form: *form, file, notes: None }),
            Parsed::Cost(analysis) => year.costs.push(Cost { slug: slug.to_string(), analysis: *analysis, file, workbook: None }),
        }
    }
}

/// Every report file of a unit/year with its reference name, kind by kind
/// in [`ReportKind::ALL`] order.
pub fn year_sources(year: &Year) -> Vec<(String, FileId)> {
    ReportKind::ALL.into_iter().flat_map(|k| k.sources(year)).collect()
}

#[cfg(test)]
mod tests;
