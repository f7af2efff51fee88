//! The page types every page is made of, and what a report kind's page code
//! gets to make its pages in one unit/year ([`YearCx`]): the frame, the
//! breadcrumbs, the report page template and the year page's entries.

use askama::Template;

use super::Page;
use super::csv;
use super::partial;
use super::publication::{self, AttachmentLink, Pair};
use super::route::Route;
use super::search;
use super::view::{Anchors, Block, Card, Crumb, Figures, Frame, Heading, Section};
use crate::check::Diagnostic;
use crate::derive::YearFigures;
use crate::error::{Error, Result};
use crate::model::{Site, Unit, Year};
use crate::reports::ReportKind;
use crate::source::FileId;

/// A list of pages with a heading: the year page, and the year's 成本定额 list.
#[derive(Template)]
#[template(path = "year.html")]
pub struct YearPage {
    /// The page frame.
    pub frame: Frame,
    /// The page heading.
    pub heading: String,
    /// One entry per page listed: title, link, summary.
    pub reports: Vec<Entry>,
    /// Link to the site-wide 单项定额 index when this year has norms.
    pub norms_href: Option<String>,
    /// The year's whole dataset (data.json) on the year page itself.
    pub data_href: Option<String>,
    /// The year's 附件 (its attachments and the workbooks read as data).
    pub attachments: Vec<AttachmentLink>,
}

/// An entry on the year page (or a list page): title, link and summary.
pub type Entry = (String, String, String);

/// A report page (部门决算, 绩效跟踪 …): banner, 摘要 cards, sections.
#[derive(Template)]
#[template(path = "report.html")]
pub struct ReportPage {
    /// The page frame.
    pub frame: Frame,
    /// The page heading.
    pub heading: String,
    /// 摘要 cards.
    pub cards: Vec<Card>,
    /// The sections.
    pub sections: Vec<Section>,
    /// Errors of the page's source file (banner).
    pub errors: usize,
    /// Warnings of the page's source file (banner).
    pub warnings: usize,
    /// The kinds of finding among them, in plain words with counts (banner).
    pub kinds: String,
    /// Number the sections (1. 2. …); off when their titles carry numbers.
    pub numbered: bool,
    /// Offer the 显示来源 toggle (pages whose figures carry data-src).
    pub sources: bool,
    /// Write each table as CSV beside the page and link it.
    pub csv: bool,
    /// What the CSV file names start with (set by [`ReportPage::pages`] from
    /// the page's path): "" beside an `index.html`, `<stem>-` beside a
    /// `<stem>.html` that shares its folder with others.
    pub csv_prefix: String,
    /// The 信息公开 block above the title (a report page; set by [`YearCx::push`]).
    pub meta: Vec<Pair>,
    /// 附件 listed at the end (a report page; set by [`YearCx::push`]).
    pub attachments: Vec<AttachmentLink>,
}

impl ReportPage {
    /// A report page with no banner counts, numbered sections, sources shown
    /// and CSV files written; change the fields that differ.
    pub fn new(frame: Frame, heading: String, cards: Vec<Card>, sections: Vec<Section>) -> Self {
        ReportPage {
            frame,
            heading,
            cards,
            sections,
            errors: 0,
            warnings: 0,
            kinds: String::new(),
            numbered: true,
            sources: true,
            csv: true,
            csv_prefix: String::new(),
            meta: vec![],
            attachments: vec![],
        }
    }

    /// A site-wide or 数据核验 page: no numbering, no source toggle.
    pub fn plain(frame: Frame, heading: String, cards: Vec<Card>, sections: Vec<Section>) -> Self {
        ReportPage { numbered: false, sources: false, ..Self::new(frame, heading, cards, sections) }
    }

    /// The same page with the banner's counts.
    pub fn counted(self, c: super::checks::Counts) -> Self {
        ReportPage { errors: c.errors, warnings: c.warnings, kinds: c.kinds, ..self }
    }

    /// The page and a CSV file for each of its tables, beside it.
    pub fn pages(mut self, path: String) -> Result<Vec<Page>> {
        self.csv_prefix = csv::prefix(&path);
        let about = format!("报告：{}；来源：{}（{}，网页 {path}）", self.heading, self.frame.publisher, self.frame.site_title);
        let mut out = if self.csv { csv::pages_for(&path, &self.sections, &about)? } else { vec![] };
        let mut page = render(&self, path)?;
        let blocks = || self.sections.iter().flat_map(|s| &s.blocks);
        page.tables = blocks().filter_map(Block::table).map(search::table_terms).collect();
        // Each section's <h2 id="<id>-h"> (as report.html writes it), then the headings in its prose.
        for (i, s) in self.sections.iter().enumerate() {
            let text = if self.numbered { format!("{}. {}", i + 1, s.title) } else { s.title.clone() };
            page.headings.push(Heading { level: 2, id: s.id.clone(), text });
            page.headings.extend(s.blocks.iter().filter_map(Block::marked).flat_map(|m| m.headings.iter().cloned()));
        }
        // Each section's prose, found under its heading.
        for s in &self.sections {
            let text: Vec<String> = s.blocks.iter().filter_map(Block::prose_html).map(search::html_text).filter(|t| !t.is_empty()).collect();
            if !text.is_empty() {
                page.prose.push((s.id.clone(), text.join(" ")));
            }
        }
        page.terms = blocks().filter_map(Block::marked).flat_map(|m| m.terms.iter().cloned()).collect();
        out.insert(0, page);
        Ok(out)
    }
}

/// A page template: what it renders, and its frame, which names the page.
pub trait PageTemplate: Template {
    /// The page's frame.
    fn frame(&self) -> &Frame;
}

/// `impl PageTemplate` for templates whose frame is their field `frame`.
macro_rules! page_templates {
    ($($page:ident $(<$lt:lifetime>)?),* $(,)?) => {
        $(impl $(<$lt>)? $crate::render::page::PageTemplate for $page $(<$lt>)? {
            fn frame(&self) -> &$crate::render::view::Frame {
                &self.frame
            }
        })*
    };
}
pub(crate) use page_templates;

page_templates!(YearPage, ReportPage);

/// Render a template to the page at `path`, titled as its frame.
pub fn render<T: PageTemplate>(t: &T, path: String) -> Result<Page> {
    t.render().map(|html| Page::html(path, html, t.frame().title.clone())).map_err(|e| Error::Render(e.to_string()))
}

/// What the site-wide frame needs from the site.
pub struct SiteInfo<'a> {
    /// The loaded site.
    pub site: &'a Site,
    /// The generator named in the footer.
    pub generator: String,
    /// Per content file, how its stated figures fared (for the 数据核验 pages).
    pub tallies: &'a std::collections::BTreeMap<String, crate::check::Tally>,
    /// Every figure of the narratives' prose and how it fared (正文数字).
    pub prose: &'a [crate::prose::ProseFigure],
    /// The cross-year model of each unit (跨年度分析: trends, project histories).
    pub trends: &'a crate::analytics::Trends,
}

impl SiteInfo<'_> {
    /// The frame of the page at `here`.
    pub fn frame(&self, here: &Route, title: String, crumbs: Vec<Crumb>) -> Frame {
        let c = &self.site.config;
        let root = here.root();
        let partials = &self.site.partials;
        let header_html = partials.header.as_ref().map(|p| partial::to_html_from_root(&p.text, &root)).unwrap_or_default();
        // site.toml's `footer`, then the footer partial.
        let footer_md = [c.footer.as_deref(), partials.footer.as_ref().map(|p| p.text.as_str())];
        let footer_html = footer_md.into_iter().flatten().map(|md| partial::to_html_from_root(md, &root)).collect();
        Frame {
            emblem: c.identity.emblem.as_ref().filter(|e| !e.value.trim().is_empty()).map(|e| format!("{root}{}", e.value)),
            logo: c.look.logo.as_ref().filter(|e| !e.value.trim().is_empty()).map(|e| format!("{root}{}", e.value)),
            styles: super::look::stylesheets(&c.look).into_iter().map(|s| format!("{root}{s}")).collect(),
            header_html,
            identity: publication::identity_pairs(&c.identity),
            root,
            title,
            site_title: c.title.clone(),
            crumbs,
            publisher: c.identity.sponsor.clone().filter(|s| !s.trim().is_empty()).unwrap_or_else(|| c.publisher.clone()),
            data_date: c.data_date.clone(),
            contact: c.contact.clone(),
            region: None,
            footer_html,
            generator: self.generator.clone(),
            norms: self.site.units.iter().flat_map(|u| &u.years).any(|y| ReportKind::site_index_of(y).is_some()),
        }
    }
}

/// A breadcrumb with an optional link.
pub fn crumb(label: impl Into<String>, href: Option<String>) -> Crumb {
    Crumb { label: label.into(), href }
}

/// A crumb linking from the page at `here` to the page at `to`.
pub fn link(label: impl Into<String>, here: &Route, to: &Route) -> Crumb {
    crumb(label, Some(here.href_to(to)))
}

/// Breadcrumbs of the page at `here`: 首页 › unit › year › the report at
/// `report` (labelled `label`), and, for a page below the report (a project
/// page, a cost analysis), `extra`, that page's name.
pub fn report_crumbs(here: &Route, slug: &str, short: &str, year: u16, report: &Route, label: &str, extra: Option<&str>) -> Vec<Crumb> {
    let mut c = vec![
        link("首页", here, &Route::index()),
        link(short, here, &Route::unit(slug)),
        link(format!("{year}年度"), here, &Route::year(slug, year)),
        crumb(label, extra.map(|_| here.href_to(report))),
    ];
    if let Some(e) = extra {
        c.push(crumb(e, None));
    }
    c
}

/// Errors and warnings of some source files, and their kinds.
pub fn counts(diagnostics: &[Diagnostic], files: &[&str]) -> super::checks::Counts {
    super::checks::Counts::of(diagnostics.iter().filter(|d| files.contains(&d.file.as_str())))
}

/// What a report kind's page code gets to make its pages in one unit/year,
/// and where it puts them: the pages, in order, and its entries on the year
/// page.
pub struct YearCx<'a> {
    /// The site and generator.
    pub info: &'a SiteInfo<'a>,
    /// The unit.
    pub unit: &'a Unit,
    /// The year.
    pub year: &'a Year,
    /// The year's derived figures.
    pub figures: &'a YearFigures<'a>,
    /// Every diagnostic of the run.
    pub diagnostics: &'a [Diagnostic],
    /// The pages made so far, in order.
    pub pages: Vec<Page>,
    /// The year page's entries so far, in order.
    pub entries: Vec<Entry>,
    /// What the year's disclosure is called on its year page when a kind
    /// says (部门决算 or 单位决算: “…年度部门决算公开”); 预算公开 otherwise.
    pub disclosure: Option<&'static str>,
    /// The `fig-…` anchors the figures it hands out wrote since the last
    /// page was added: the next page [`push`](Self::push)ed defines them.
    anchors: Anchors,
}

impl<'a> YearCx<'a> {
    /// Nothing made yet for `unit`'s `year`.
    pub fn new(info: &'a SiteInfo<'a>, unit: &'a Unit, year: &'a Year, figures: &'a YearFigures<'a>, diagnostics: &'a [Diagnostic]) -> Self {
        YearCx { info, unit, year, figures, diagnostics, pages: vec![], entries: vec![], disclosure: None, anchors: Anchors::default() }
    }

    /// The unit's folder name.
    pub fn slug(&self) -> &'a str {
        &self.unit.slug
    }

    /// The unit's 简称.
    pub fn short(&self) -> &'a str {
        &self.unit.profile.short_name
    }

    /// A report's heading: the title its data gives, or `default`; a title
    /// that names neither the unit nor its 简称 gets the unit's name in
    /// front, so that every report's heading says whose report it is.
    pub fn heading(&self, title: Option<&String>, default: impl FnOnce() -> String) -> String {
        let p = &self.unit.profile;
        match title {
            Some(t) if t.contains(&p.name) || t.contains(&p.short_name) => t.clone(),
            Some(t) => format!("{}{t}", p.name),
            None => default(),
        }
    }

    /// The report page of `kind` in this unit/year.
    pub fn route(&self, kind: ReportKind) -> Route {
        Route::report(&self.unit.slug, self.year.year, kind.spec().url)
    }

    /// The unit/year's 数据核验 page.
    pub fn checks_route(&self) -> Route {
        Route::report(&self.unit.slug, self.year.year, "checks")
    }

    /// A source file as diagnostics name it ("" for none).
    pub fn file(&self, id: Option<FileId>) -> &'a str {
        id.map(|f| self.info.site.sources.file(f).display.as_str()).unwrap_or("")
    }

    /// Errors and warnings of one source file, and their kinds.
    pub fn counts(&self, file: &str) -> super::checks::Counts {
        counts(self.diagnostics, &[file])
    }

    /// Errors and warnings of a report's file and of the workbook (or 公开表
    /// CSV files) its figures were read from, if any.
    pub fn counts_with_book(&self, file: &str, books: impl IntoIterator<Item = FileId>) -> super::checks::Counts {
        let mut files = vec![file];
        files.extend(books.into_iter().map(|b| self.file(Some(b))));
        counts(self.diagnostics, &files)
    }

    /// Is `file` a workbook read as data (published as 附件)?
    pub fn is_book(&self, file: FileId) -> bool {
        crate::source::is_workbook(&self.info.site.sources.file(file).display)
    }

    /// Every workbook of the year read as data, for the year page's 附件.
    pub fn books(&self) -> Vec<FileId> {
        let mut books: Vec<FileId> =
            ReportKind::ALL.into_iter().flat_map(|k| k.file_pages(self.slug(), self.year)).map(|(f, _)| f).filter(|&f| self.is_book(f)).collect();
        books.sort();
        books.dedup();
        books
    }

    /// Figures for a page below a report (notes point at its own 数据核验 rows).
    pub fn figures(&self) -> Figures<'a> {
        Figures::new(self.diagnostics, &self.info.site.sources).with_documents(&self.info.site.documents).writing_to(self.anchors.clone())
    }

    /// Figures for the report page at `here` (narratives' figures link to
    /// the unit/year's 数据核验 page).
    pub fn figures_on(&self, here: &Route) -> Figures<'a> {
        self.figures().on_report_page(here.clone(), self.checks_route()).with_prose(self.info.prose)
    }

    /// The frame of the page at `here` (its footer names the unit's region).
    pub fn frame(&self, here: &Route, title: String, crumbs: Vec<Crumb>) -> Frame {
        Frame { region: Some(self.unit.profile.region.clone()), ..self.info.frame(here, title, crumbs) }
    }

    /// Breadcrumbs of the page at `here` (see [`report_crumbs`]).
    pub fn crumbs(&self, here: &Route, report: &Route, label: &str, extra: Option<&str>) -> Vec<Crumb> {
        report_crumbs(here, &self.unit.slug, &self.unit.profile.short_name, self.year.year, report, label, extra)
    }

    /// Add an entry to the year page, linking to `to`.
    pub fn entry(&mut self, title: &str, to: &Route, summary: String) {
        let href = Route::year(&self.unit.slug, self.year.year).href_to(to);
        self.entries.push((title.to_string(), href, summary));
    }

    /// Add a report page at `here` (and its CSV files).
    /// It defines the `fig-…` anchors written by the figures handed out since
    /// the last page was added.
    /// A report page (one that shows a report file's figures) gets its
    /// 信息公开 block and its 附件.
    pub fn push(&mut self, mut page: ReportPage, here: &Route) -> Result<()> {
        let files: Vec<FileId> =
            ReportKind::ALL.into_iter().flat_map(|k| k.file_pages(self.slug(), self.year)).filter(|(_, r)| r == here).map(|(f, _)| f).collect();
        if !files.is_empty() {
            let (books, own): (Vec<FileId>, Vec<FileId>) = files.into_iter().partition(|&f| self.is_book(f));
            let site = self.info.site;
            page.meta = publication::report_meta(site, self.unit, self.year, own.first().copied());
            let names: Vec<String> =
                own.iter().filter_map(|f| self.year.publications.get(f)).flat_map(|p| p.attachments.iter().map(|a| a.value.clone())).collect();
            page.attachments = publication::attachment_links(site, self.unit, self.year, here, Some(&names), &books);
        }
        let mut pages = page.pages(here.path())?;
        pages[0].anchors = self.anchors.take();
        self.pages.extend(pages);
        Ok(())
    }
}
