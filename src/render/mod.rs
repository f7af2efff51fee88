//! The render stage: turn the model and derived figures into HTML pages
//! (askama templates, compiled in) with inline SVG charts. Rendering only
//! formats; every number it prints was computed by the derive stage.

pub mod chart;
pub mod checks;
pub mod csv;
pub mod dataset;
pub mod emit;
pub mod format;
pub mod markdown;
pub mod route;
pub mod search;
pub mod view;

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use askama::Template;
use rayon::prelude::*;

use crate::check::Diagnostic;
use crate::derive::YearFigures;
use crate::error::{Error, Result};
use crate::model::{Site, Unit, Year};
use crate::reports::{ReportKind, cost, evaluation, final_accounts, tracking};
use emit::Emit;
pub use emit::{Kept, Sink};
use format::esc;
use route::Route;
use view::{Block, Card, Cell, Crumb, Figures, Frame, Row, Section, Table};

/// One output file: path relative to the output root, and its content —
/// an HTML page (`html`, minified when written) or other bytes (CSV).
pub struct Page {
    pub path: String,
    pub html: String,
    pub bytes: Option<Vec<u8>>,
}

#[derive(Template)]
#[template(path = "index.html")]
struct IndexPage<'a> {
    frame: Frame,
    intro_html: String,
    units: Vec<UnitLink<'a>>,
}

struct UnitLink<'a> {
    name: &'a str,
    short_name: &'a str,
    region: &'a str,
    href: String,
    years: Vec<(u16, String)>,
}

#[derive(Template)]
#[template(path = "unit.html")]
struct UnitPage<'a> {
    frame: Frame,
    unit: &'a Unit,
    duties_html: String,
    setup_html: String,
    offices: Option<Table>,
    years: Vec<(u16, String)>,
    /// Link to the site-wide 单项定额 index when the unit has norms.
    norms_href: Option<String>,
}

#[derive(Template)]
#[template(path = "year.html")]
struct YearPage {
    frame: Frame,
    heading: String,
    reports: Vec<(String, String, String)>,
    /// Link to the site-wide 单项定额 index when this year has norms.
    norms_href: Option<String>,
    /// The year's whole dataset (data.json) on the year page itself.
    data_href: Option<String>,
}

/// A report page (部门决算, 绩效跟踪 …): banner, 摘要 cards, sections.
#[derive(Template)]
#[template(path = "report.html")]
struct ReportPage {
    frame: Frame,
    heading: String,
    cards: Vec<Card>,
    sections: Vec<Section>,
    errors: usize,
    warnings: usize,
    /// Number the sections (1. 2. …); off when their titles carry numbers.
    numbered: bool,
    /// Offer the 显示来源 toggle (pages whose figures carry data-src).
    sources: bool,
    /// Write each table as CSV beside the page and link it.
    csv: bool,
    /// What the CSV file names start with (set by [`ReportPage::pages`] from
    /// the page's path): "" beside an `index.html`, `<stem>-` beside a
    /// `<stem>.html` that shares its folder with others.
    csv_prefix: String,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    frame: Frame,
}

#[derive(Template)]
#[template(path = "glossary.html")]
struct GlossaryPage<'a> {
    frame: Frame,
    entries: Vec<(&'a str, String)>,
}

/// What the site-wide frame needs from the site.
pub struct SiteInfo<'a> {
    pub site: &'a Site,
    pub generator: String,
}

impl SiteInfo<'_> {
    /// The frame of the page at `here`.
    fn frame(&self, here: &Route, title: String, crumbs: Vec<Crumb>) -> Frame {
        let c = &self.site.config;
        Frame {
            root: here.root(),
            title,
            site_title: c.title.clone(),
            crumbs,
            publisher: c.publisher.clone(),
            data_date: c.data_date.clone(),
            contact: c.contact.clone(),
            footer_html: c.footer.as_deref().map(markdown::to_html).unwrap_or_default(),
            generator: self.generator.clone(),
        }
    }
}

fn crumb(label: impl Into<String>, href: Option<String>) -> Crumb {
    Crumb { label: label.into(), href }
}

/// A crumb linking from the page at `here` to the page at `to`.
fn link(label: impl Into<String>, here: &Route, to: &Route) -> Crumb {
    crumb(label, Some(here.href_to(to)))
}

/// The frame of a site-wide page (`<folder>/index.html`): 首页 › `title`.
fn site_frame(info: &SiteInfo, folder: &str, title: &str) -> Frame {
    let here = Route::site(folder);
    info.frame(&here, title.into(), vec![link("首页", &here, &Route::index()), crumb(title, None)])
}

fn render<T: Template>(t: &T, path: String) -> Result<Page> {
    t.render().map(|html| Page { path, html, bytes: None }).map_err(|e| Error::Render(e.to_string()))
}

impl ReportPage {
    /// The page and a CSV file for each of its tables, beside it.
    fn pages(mut self, path: String) -> Result<Vec<Page>> {
        self.csv_prefix = csv::prefix(&path);
        let mut out = if self.csv { csv::pages_for(&path, &self.sections)? } else { vec![] };
        out.insert(0, render(&self, path)?);
        Ok(out)
    }
}

/// Links from the page at `here` to each year page of `unit`.
fn year_links(unit: &Unit, here: &Route) -> Vec<(u16, String)> {
    unit.years.iter().map(|y| (y.year, here.href_to(&Route::year(&unit.slug, y.year)))).collect()
}

/// Render every page of the site into `sink`, unit/years in parallel, each
/// page handed on as soon as it is made; `year_done` is called after each
/// unit/year (progress). `derived` holds one entry per unit/year. Returns the
/// number of HTML pages.
pub fn render_site(info: &SiteInfo, derived: &[YearFigures], diagnostics: &[Diagnostic], sink: &dyn Sink, year_done: &(dyn Fn() + Sync)) -> Result<usize> {
    let site = info.site;
    let emit = Emit { sink, site_title: &site.config.title };
    let home = || crumb("首页", None);
    let mut pages = vec![];
    let units = site
        .units
        .iter()
        .map(|u| UnitLink {
            name: &u.profile.name,
            short_name: &u.profile.short_name,
            region: &u.profile.region,
            href: Route::index().href_to(&Route::unit(&u.slug)),
            years: year_links(u, &Route::index()),
        })
        .collect();
    pages.push(render(
        &IndexPage {
            frame: info.frame(&Route::index(), site.config.title.clone(), vec![home()]),
            intro_html: site.config.intro.as_deref().map(markdown::to_html).unwrap_or_default(),
            units,
        },
        Route::index().path(),
    )?);
    let entries = site.glossary.iter().map(|g| (g.name.as_str(), markdown::to_html(&g.definition))).collect();
    pages.push(render(&GlossaryPage { frame: site_frame(info, "glossary", "专业名词解释"), entries }, Route::site("glossary").path())?);
    pages.extend(norms_index(info, derived)?);
    // What is kept of the pages, in site order, in groups (a unit/year's
    // group is shared with the build cache).
    let mut kept: Vec<Arc<Vec<Kept>>> = vec![Arc::new(emit.pages(pages)?)];
    let mut pages = vec![];
    for u in &site.units {
        let offices = (!u.profile.offices.is_empty()).then(|| Table {
            id: "offices".into(),
            caption: format!("{}内设机构", u.profile.short_name),
            cols: vec!["内设机构".into(), "职责 / 整合的工作组".into()],
            rows: u
                .profile
                .offices
                .iter()
                .map(|o| Row {
                    head: esc(&o.name),
                    cells: vec![Cell { html: o.duties.as_deref().map(markdown::to_html).unwrap_or_default(), num: false }],
                    total: false,
                })
                .collect(),
        });
        let here = Route::unit(&u.slug);
        pages.push(render(
            &UnitPage {
                frame: info.frame(&here, u.profile.name.clone(), vec![link("首页", &here, &Route::index()), crumb(u.profile.short_name.clone(), None)]),
                unit: u,
                duties_html: u.profile.duties.as_deref().map(markdown::to_html).unwrap_or_default(),
                setup_html: u.profile.setup.as_deref().map(markdown::to_html).unwrap_or_default(),
                offices,
                years: year_links(u, &here),
                norms_href: u.years.iter().any(|y| y.costs.iter().any(|c| !c.analysis.norms.is_empty())).then(|| here.href_to(&Route::site("norms"))),
            },
            here.path(),
        )?);
    }
    kept.push(Arc::new(emit.pages(pages)?));
    let base = emit::site_hash(site, &info.generator);
    let mut by_file: HashMap<&str, Vec<&Diagnostic>> = HashMap::new();
    for d in diagnostics {
        by_file.entry(d.file.as_str()).or_default().push(d);
    }
    let years: Vec<Result<Arc<Vec<Kept>>>> = derived
        .par_iter()
        .map(|yf| {
            let (unit, year) = (&site.units[yf.unit], &site.units[yf.unit].years[yf.year]);
            let fingerprint = emit::fingerprint(site, &base, unit, year, &by_file);
            let kept = emit.year(format!("{}/{}", unit.slug, year.year), fingerprint, || year_pages(info, yf, diagnostics));
            year_done();
            kept
        })
        .collect();
    for r in years {
        kept.push(r?);
    }
    let anchors = kept.iter().flat_map(|g| g.iter()).map(|k| (k.path.as_str(), &k.anchors)).collect();
    let checks = checks_pages(info, diagnostics, &anchors)?;
    kept.push(Arc::new(emit.pages(checks)?));
    kept.push(Arc::new(emit.pages(projects_index(info)?)?));
    let index = search::index_js(kept.iter().flat_map(|g| g.iter()).map(|k| k.search.as_str()));
    let search_page = render(&SearchPage { frame: site_frame(info, "search", "搜索") }, Route::site("search").path())?;
    let last = emit.pages(vec![Page { path: "search-index.js".into(), html: String::new(), bytes: Some(index.into_bytes()) }, search_page])?;
    Ok(kept.iter().map(|g| g.len()).sum::<usize>() + last.len())
}

/// 项目索引: every project page, by name — the way to find a project without JavaScript.
fn projects_index(info: &SiteInfo) -> Result<Vec<Page>> {
    let rows = search::project_rows(info.site);
    let blocks = if rows.is_empty() {
        vec![Block::Prose("<p>本站尚无项目页面。</p>".into())]
    } else {
        vec![
            Block::Prose(format!("<p>全站 {} 个项目页面（绩效跟踪的重点项目、项目支出绩效自评表、成本绩效分析），按项目名称排序。</p>", rows.len())),
            Block::Table(Table {
                id: "projects-index".into(),
                caption: "项目索引".into(),
                cols: vec!["项目".into(), "单位".into(), "年度".into(), "报告".into(), "科室".into()],
                rows,
            }),
        ]
    };
    let page = ReportPage {
        frame: site_frame(info, "projects", "项目索引"),
        heading: "项目索引".into(),
        cards: vec![],
        sections: vec![Section { id: "projects".into(), title: "全部项目".into(), blocks }],
        errors: 0,
        warnings: 0,
        numbered: false,
        sources: false,
        csv: true,
        csv_prefix: String::new(),
    };
    page.pages(Route::site("projects").path())
}

/// The source files of one unit/year, as diagnostics name them.
fn year_files(site: &Site, year: &Year) -> std::collections::BTreeSet<String> {
    emit::year_file_ids(year).map(|id| site.sources.file(id).display.clone()).collect()
}

/// The site-wide and per unit/year 数据核验 pages, linking to the `fig-N`
/// `anchors` of the pages rendered before them.
fn checks_pages(info: &SiteInfo, diagnostics: &[Diagnostic], anchors: &HashMap<&str, &BTreeSet<String>>) -> Result<Vec<Page>> {
    let site = info.site;
    let files = checks::pages_of_files(site);
    let years: Vec<checks::YearChecks> = site
        .units
        .iter()
        .flat_map(|u| {
            u.years.iter().map(move |y| checks::YearChecks {
                unit: &u.profile.short_name,
                slug: &u.slug,
                year: y.year,
                route: Route::report(&u.slug, y.year, "checks"),
                files: year_files(site, y),
            })
        })
        .collect();
    let mut out = vec![];
    let (cards, sections) = checks::site_sections(diagnostics, &years, &files, anchors);
    let page = ReportPage {
        frame: site_frame(info, "checks", "数据核验"),
        heading: "数据核验（全站）".into(),
        cards,
        sections,
        // The counts are the page's subject (cards), not a banner.
        errors: 0,
        warnings: 0,
        numbered: false,
        sources: false,
        csv: true,
        csv_prefix: String::new(),
    };
    out.extend(page.pages(Route::site("checks").path())?);
    for y in &years {
        let (cards, sections) = checks::year_sections(diagnostics, y, &files, anchors);
        let crumbs = report_crumbs(&y.route, y.slug, y.unit, y.year, &y.route, "数据核验", None);
        let page = ReportPage {
            frame: info.frame(&y.route, format!("{}年度数据核验 · {}", y.year, y.unit), crumbs),
            heading: format!("{} {}年度数据核验", y.unit, y.year),
            cards,
            sections,
            errors: 0,
            warnings: 0,
            numbered: false,
            sources: false,
            csv: true,
            csv_prefix: String::new(),
        };
        out.extend(page.pages(y.route.path())?);
    }
    Ok(out)
}

fn year_pages(info: &SiteInfo, yf: &YearFigures, diagnostics: &[Diagnostic]) -> Result<Vec<Page>> {
    let unit: &Unit = &info.site.units[yf.unit];
    let year: &Year = &unit.years[yf.year];
    let (slug, short) = (unit.slug.as_str(), &unit.profile.short_name);
    let year_route = Route::year(slug, year.year);
    let mut pages = vec![];
    let mut reports = vec![];
    if let (Some(fa), Some(d)) = (&year.final_accounts, &yf.final_accounts) {
        let heading = fa.title.clone().unwrap_or_else(|| format!("{}年度{}部门决算", year.year, unit.profile.name));
        let file = year.final_accounts_file.map(|f| info.site.sources.file(f).display.as_str()).unwrap_or("");
        let here = Route::report(slug, year.year, ReportKind::FinalAccounts.spec().url);
        let figures = Figures::new(diagnostics, &info.site.sources).on_report_page(here.clone(), Route::report(slug, year.year, "checks"));
        let (cards, sections) = final_accounts::pages::sections(fa, d, figures, year.year, &year.narratives, file);
        let (mut errors, mut warnings) = counts(diagnostics, file);
        if let Some(book) = year.final_accounts_workbook {
            let (e, w) = counts(diagnostics, &info.site.sources.file(book).display);
            (errors, warnings) = (errors + e, warnings + w);
        }
        reports.push((
            ReportKind::FinalAccounts.spec().title.to_string(),
            year_route.href_to(&here),
            "收入支出、财政拨款、“三公”经费、政府采购、国有资产".to_string(),
        ));
        let page = ReportPage {
            frame: info.frame(
                &here,
                format!("{}年度部门决算 · {short}", year.year),
                report_crumbs(&here, slug, short, year.year, &here, ReportKind::FinalAccounts.spec().title, None),
            ),
            heading,
            cards,
            sections,
            errors,
            warnings,
            numbered: true,
            sources: true,
            csv: true,
            csv_prefix: String::new(),
        };
        pages.extend(page.pages(here.path())?);
    }
    if let (Some(t), Some(d)) = (&year.tracking, &yf.tracking) {
        let heading = t.title.clone().unwrap_or_else(|| format!("{}{}年度绩效跟踪报告", unit.profile.name, year.year));
        let file = year.tracking_file.map(|f| info.site.sources.file(f).display.as_str()).unwrap_or("");
        let report = Route::report(slug, year.year, ReportKind::Tracking.spec().url);
        let figures = Figures::new(diagnostics, &info.site.sources).on_report_page(report.clone(), Route::report(slug, year.year, "checks"));
        let (cards, sections) = tracking::pages::sections(t, d, figures, year.year, &year.narratives, file);
        let (errors, warnings) = counts(diagnostics, file);
        reports.push((
            ReportKind::Tracking.spec().title.to_string(),
            year_route.href_to(&report),
            format!("{} 个重点跟踪项目的预算执行，按科室分析", d.projects.len()),
        ));
        let crumbs = |here: &Route, extra: Option<&str>| report_crumbs(here, slug, short, year.year, &report, ReportKind::Tracking.spec().title, extra);
        let page = ReportPage {
            frame: info.frame(&report, format!("{}年度绩效跟踪 · {short}", year.year), crumbs(&report, None)),
            heading,
            cards,
            sections,
            errors,
            warnings,
            numbered: true,
            sources: true,
            csv: true,
            csv_prefix: String::new(),
        };
        pages.extend(page.pages(report.path())?);
        let evaluation_report = Route::report(slug, year.year, ReportKind::Evaluation.spec().url);
        for p in &d.projects {
            let name = p.project.name.value.as_str();
            let here = report.below(&tracking::pages::project_href(p.index));
            let form = year
                .forms
                .iter()
                .find(|f| f.form.name == p.project.name.value)
                .map(|f| here.href_to(&evaluation_report.below(&evaluation::pages::form_href(&f.slug))));
            let up = here.href_to(&report);
            let sections = tracking::pages::project_page(d, p, Figures::new(diagnostics, &info.site.sources).checks_at(up.clone()), form.as_deref(), &up);
            let page = ReportPage {
                frame: info.frame(&here, format!("{name} · {}年度绩效跟踪 · {short}", year.year), crumbs(&here, Some(name))),
                heading: name.to_string(),
                cards: vec![],
                sections,
                errors: 0,
                warnings: 0,
                // A project's figures are rows of the report's tables, which have CSVs;
                // thousands of tiny CSVs per report would only cost file-system time.
                numbered: true,
                sources: true,
                csv: false,
                csv_prefix: String::new(),
            };
            pages.extend(page.pages(here.path())?);
        }
    }
    if let (Some(e), Some(d)) = (&year.evaluation, &yf.evaluation) {
        let heading = e.title.clone().unwrap_or_else(|| format!("{}{}年度部门绩效评价", unit.profile.name, year.year));
        let file = year.evaluation_file.map(|f| info.site.sources.file(f).display.as_str()).unwrap_or("");
        let report = Route::report(slug, year.year, ReportKind::Evaluation.spec().url);
        let figures = Figures::new(diagnostics, &info.site.sources).on_report_page(report.clone(), Route::report(slug, year.year, "checks"));
        let (cards, sections) = evaluation::pages::sections(d, figures, year.year, &year.narratives, &year.forms, file);
        let (errors, warnings) = counts(diagnostics, file);
        let summary = match &d.score {
            Some(s) => format!("评价得分 {} 分；预算执行、自评得分分布、评价指标", s.score.total.text),
            None => "预算执行、项目自评与合同支付情况".to_string(),
        };
        reports.push((ReportKind::Evaluation.spec().title.to_string(), year_route.href_to(&report), summary));
        let crumbs = |here: &Route, extra: Option<&str>| report_crumbs(here, slug, short, year.year, &report, ReportKind::Evaluation.spec().title, extra);
        let page = ReportPage {
            frame: info.frame(&report, format!("{}年度绩效评价 · {short}", year.year), crumbs(&report, None)),
            heading,
            cards,
            sections,
            errors,
            warnings,
            numbered: true,
            sources: true,
            csv: true,
            csv_prefix: String::new(),
        };
        pages.extend(page.pages(report.path())?);
        for (form, fd) in year.forms.iter().zip(&yf.forms) {
            let file = info.site.sources.file(form.file).display.as_str();
            let (errors, warnings) = counts(diagnostics, file);
            let here = report.below(&evaluation::pages::form_href(&form.slug));
            let page = ReportPage {
                frame: info.frame(&here, format!("{} · 项目支出绩效自评表 · {short}", form.form.name), crumbs(&here, Some(&form.form.name))),
                heading: format!("{}项目支出绩效自评表", form.form.name),
                cards: vec![],
                sections: evaluation::pages::form_sections(
                    fd,
                    Figures::new(diagnostics, &info.site.sources),
                    file,
                    tracked_href(&here, slug, year, &form.form.name).as_deref(),
                    &here.href_to(&report),
                ),
                errors,
                warnings,
                numbered: true,
                sources: true,
                csv: true,
                csv_prefix: String::new(),
            };
            pages.extend(page.pages(here.path())?);
        }
    }
    if !year.costs.is_empty() {
        let names: Vec<&str> = year.costs.iter().map(|c| c.analysis.project.as_str()).collect();
        let norms: usize = year.costs.iter().map(|c| c.analysis.norms.len()).sum();
        let report = Route::report(slug, year.year, ReportKind::Cost.spec().url);
        reports.push(("成本定额".to_string(), year_route.href_to(&report), format!("成本绩效分析：{}；单项定额 {norms} 项", names.join("、"))));
        let mut list = vec![];
        for (c, cd) in year.costs.iter().zip(&yf.costs) {
            let file = info.site.sources.file(c.file).display.as_str();
            let (errors, warnings) = counts(diagnostics, file);
            let (cards, sections) = cost::pages::sections(cd, Figures::new(diagnostics, &info.site.sources), file);
            let name = c.analysis.project.as_str();
            let here = report.below(&format!("{}/index.html", c.slug));
            let crumbs = report_crumbs(&here, slug, short, year.year, &report, "成本定额", Some(name));
            let page = ReportPage {
                frame: info.frame(&here, format!("{name} · {}年度成本绩效分析 · {short}", year.year), crumbs),
                heading: format!("{}{}", unit.profile.name, c.analysis.title),
                cards,
                sections,
                errors,
                warnings,
                numbered: false,
                sources: true,
                csv: true,
                csv_prefix: String::new(),
            };
            pages.extend(page.pages(here.path())?);
            let summary = format!("单项定额 {} 项；{} 个年度的预算构成", c.analysis.norms.len(), c.analysis.budgets.len());
            list.push((c.analysis.title.clone(), report.href_to(&here), summary));
        }
        pages.push(render(
            &YearPage {
                frame: info.frame(
                    &report,
                    format!("{}年度成本定额 · {short}", year.year),
                    report_crumbs(&report, slug, short, year.year, &report, "成本定额", None),
                ),
                heading: format!("{}{}年度成本绩效分析与支出定额", unit.profile.name, year.year),
                reports: list,
                norms_href: Some(report.href_to(&Route::site("norms"))),
                data_href: None,
            },
            report.path(),
        )?);
    }
    let data = Route::year_file(slug, year.year, "data.json");
    pages.push(Page { path: data.path(), html: String::new(), bytes: Some(dataset::year_json(info.site, unit, year).into_bytes()) });
    let files = year_files(info.site, year);
    let (errors, warnings) = checks::counts(diagnostics.iter().filter(|d| files.contains(&d.file)));
    let summary = if errors + warnings == 0 {
        "每一个可推算的数字都与原文一致".to_string()
    } else {
        format!("{errors} 处错误、{warnings} 处警告，逐条列出原文、计算值、公式和来源行")
    };
    reports.push(("数据核验".to_string(), year_route.href_to(&Route::report(slug, year.year, "checks")), summary));
    let norms_href = year.costs.iter().any(|c| !c.analysis.norms.is_empty()).then(|| year_route.href_to(&Route::site("norms")));
    let here = &year_route;
    pages.push(render(
        &YearPage {
            frame: info.frame(
                here,
                format!("{}年度 · {short}", year.year),
                vec![link("首页", here, &Route::index()), link(short.clone(), here, &Route::unit(slug)), crumb(format!("{}年度", year.year), None)],
            ),
            heading: format!("{}{}年度预算公开", unit.profile.name, year.year),
            reports,
            norms_href,
            data_href: Some(here.href_to(&data)),
        },
        here.path(),
    )?);
    Ok(pages)
}

/// Errors and warnings of one source file.
fn counts(diagnostics: &[Diagnostic], file: &str) -> (usize, usize) {
    checks::counts(diagnostics.iter().filter(|d| d.file == file))
}

/// Breadcrumbs of the page at `here`: 首页 › unit › year › the report at
/// `report` (labelled `label`), and, for a page below the report (a project
/// page, a cost analysis), `extra`, that page's name.
fn report_crumbs(here: &Route, slug: &str, short: &str, year: u16, report: &Route, label: &str, extra: Option<&str>) -> Vec<Crumb> {
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

/// The 绩效跟踪 project page of the project with this name, seen from the
/// page at `here`: matched by name within the unit/year.
fn tracked_href(here: &Route, slug: &str, year: &Year, name: &str) -> Option<String> {
    let t = year.tracking.as_ref()?;
    let i = t.projects.iter().position(|p| p.name.value == name)?;
    Some(here.href_to(&Route::report(slug, year.year, ReportKind::Tracking.spec().url).below(&tracking::pages::project_href(i))))
}

/// The site-wide 单项定额 index: every norm of every cost analysis, with
/// links back to its row on the analysis page.
fn norms_index(info: &SiteInfo, derived: &[YearFigures]) -> Result<Vec<Page>> {
    let here = Route::site("norms");
    let mut rows = vec![];
    for yf in derived {
        let unit = &info.site.units[yf.unit];
        let year = &unit.years[yf.year];
        for c in &year.costs {
            for n in &c.analysis.norms {
                let analysis = Route::report(&unit.slug, year.year, ReportKind::Cost.spec().url).below(&format!("{}/index.html", c.slug));
                let href = here.href_to(&analysis.with_fragment(&format!("norm-{}", n.id.value)));
                rows.push(Row {
                    head: format!("<a href=\"{}\">{}</a>", esc(&href), esc(&n.name)),
                    cells: vec![
                        Cell::num(esc(&n.value.text)),
                        Cell::text(n.conditions.as_deref().unwrap_or("")),
                        Cell::num(n.history.as_ref().map(|h| esc(&h.text)).unwrap_or_default()),
                        Cell::text(&unit.profile.short_name),
                        Cell::num(year.year.to_string()),
                        Cell::text(&c.analysis.project),
                    ],
                    total: false,
                });
            }
        }
    }
    let blocks = if rows.is_empty() {
        vec![Block::Prose("<p>本站尚无成本绩效分析的单项定额。</p>".into())]
    } else {
        vec![
            Block::Prose(format!("<p>全站 {} 项单项定额，来自各单位各年度的成本绩效分析；点击内容名称查看定额所在的分析报告及其依据。</p>", rows.len())),
            Block::Table(Table {
                id: "norms-index".into(),
                caption: "单项定额一览".into(),
                cols: vec!["内容".into(), "单项定额".into(), "备注（条件）".into(), "历史值".into(), "单位".into(), "年度".into(), "分析项目".into()],
                rows,
            }),
        ]
    };
    let page = ReportPage {
        frame: site_frame(info, "norms", "单项定额一览"),
        heading: "单项定额一览".into(),
        cards: vec![],
        sections: vec![Section { id: "norms".into(), title: "各单位单项定额".into(), blocks }],
        errors: 0,
        warnings: 0,
        numbered: false,
        sources: false,
        csv: true,
        csv_prefix: String::new(),
    };
    page.pages(here.path())
}
