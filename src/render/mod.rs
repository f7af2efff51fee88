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
pub mod page;
pub mod route;
pub mod search;
pub mod view;

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use askama::Template;
use rayon::prelude::*;

use crate::check::Diagnostic;
use crate::derive::YearFigures;
use crate::error::Result;
use crate::model::{Site, Unit, Year};
use crate::reports::ReportKind;
use emit::Emit;
pub use emit::{Kept, Sink};
use format::esc;
pub use page::SiteInfo;
use page::{ReportPage, YearCx, YearPage, crumb, link, render, report_crumbs};
use route::Route;
use view::{Block, Cell, Frame, Row, Section, Table};

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

/// The frame of a site-wide page (`<folder>/index.html`): 首页 › `title`.
fn site_frame(info: &SiteInfo, folder: &str, title: &str) -> Frame {
    let here = Route::site(folder);
    info.frame(&here, title.into(), vec![link("首页", &here, &Route::index()), crumb(title, None)])
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
                norms_href: u.years.iter().any(|y| y.reports.costs.iter().any(|c| !c.analysis.norms.is_empty())).then(|| here.href_to(&Route::site("norms"))),
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
    let page = ReportPage::plain(
        site_frame(info, "projects", "项目索引"),
        "项目索引".into(),
        vec![],
        vec![Section { id: "projects".into(), title: "全部项目".into(), blocks }],
    );
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
    // The counts are the page's subject (cards), not a banner.
    let (cards, sections) = checks::site_sections(diagnostics, &years, &files, anchors);
    let page = ReportPage::plain(site_frame(info, "checks", "数据核验"), "数据核验（全站）".into(), cards, sections);
    out.extend(page.pages(Route::site("checks").path())?);
    for y in &years {
        let (cards, sections) = checks::year_sections(diagnostics, y, &files, anchors);
        let crumbs = report_crumbs(&y.route, y.slug, y.unit, y.year, &y.route, "数据核验", None);
        let page = ReportPage::plain(
            info.frame(&y.route, format!("{}年度数据核验 · {}", y.year, y.unit), crumbs),
            format!("{} {}年度数据核验", y.unit, y.year),
            cards,
            sections,
        );
        out.extend(page.pages(y.route.path())?);
    }
    Ok(out)
}

fn year_pages(info: &SiteInfo, yf: &YearFigures, diagnostics: &[Diagnostic]) -> Result<Vec<Page>> {
    let unit: &Unit = &info.site.units[yf.unit];
    let year: &Year = &unit.years[yf.year];
    let (slug, short) = (unit.slug.as_str(), &unit.profile.short_name);
    let year_route = Route::year(slug, year.year);
    let mut cx = YearCx { info, unit, year, figures: yf, diagnostics, pages: vec![], entries: vec![] };
    for kind in ReportKind::ALL {
        kind.pages(&mut cx)?;
    }
    let YearCx { mut pages, entries: mut reports, .. } = cx;
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
    let norms_href = year.reports.costs.iter().any(|c| !c.analysis.norms.is_empty()).then(|| year_route.href_to(&Route::site("norms")));
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

/// The site-wide 单项定额 index: every norm of every cost analysis, with
/// links back to its row on the analysis page.
fn norms_index(info: &SiteInfo, derived: &[YearFigures]) -> Result<Vec<Page>> {
    let here = Route::site("norms");
    let mut rows = vec![];
    for yf in derived {
        let unit = &info.site.units[yf.unit];
        let year = &unit.years[yf.year];
        for c in &year.reports.costs {
            for n in &c.analysis.norms {
                let analysis = Route::report(&unit.slug, year.year, ReportKind::Cost.spec().url).below(&crate::reports::cost::render::page_of(c));
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
    let page = ReportPage::plain(
        site_frame(info, "norms", "单项定额一览"),
        "单项定额一览".into(),
        vec![],
        vec![Section { id: "norms".into(), title: "各单位单项定额".into(), blocks }],
    );
    page.pages(here.path())
}
