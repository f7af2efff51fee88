//! The home page (`index.html`), 专业名词解释 (`glossary/index.html`) and
//! each unit's page (`units/<unit>/index.html`).

use askama::Template;

use super::trends::{self, ProjectLink, TurnoverView};
use super::{site_frame, year_links};
use crate::error::Result;
use crate::model::Unit;
use crate::render::Page;
use crate::render::csv;
use crate::render::markdown;
use crate::render::page::{SiteInfo, crumb, link, page_templates, render};
use crate::render::route::Route;
use crate::render::search;
use crate::render::view::{Block, Cell, Frame, Row, Section, Table, Term};
use crate::reports::ReportKind;

#[derive(Template)]
#[template(path = "index.html")]
struct IndexPage<'a> {
    frame: Frame,
    intro_html: String,
    /// The report kinds the site holds (at least one unit/year has one), in registry order.
    kinds: Vec<&'static str>,
    units: Vec<UnitLink<'a>>,
    /// The link to 单位比较 (sites of two units or more).
    peers_href: Option<String>,
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
    /// 历年变化: per group of figures, each a chart beside its table (none with fewer than two years).
    trends: Vec<Section>,
    /// What the trend tables' download names start with (`<unit>-`).
    trends_prefix: String,
    /// 项目增减 between consecutive tracked years.
    turnover: Vec<TurnoverView>,
    /// Links to the history pages of its recurring projects.
    histories: Vec<ProjectLink>,
    /// 联系方式 (only the keys with a value).
    contact: Vec<crate::render::publication::Pair>,
}

#[derive(Template)]
#[template(path = "glossary.html")]
struct GlossaryPage<'a> {
    frame: Frame,
    entries: Vec<(&'a str, String)>,
}

page_templates!(IndexPage<'a>, UnitPage<'a>, GlossaryPage<'a>);

/// The home page and the glossary page.
pub fn pages(info: &SiteInfo) -> Result<Vec<Page>> {
    let site = info.site;
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
            kinds: kinds_held(site),
            units,
            peers_href: super::peers::index_route(info).map(|to| Route::index().href_to(&to)),
        },
        Route::index().path(),
    )?);
    let entries = site.glossary.iter().map(|g| (g.name.as_str(), markdown::to_html(&g.definition))).collect();
    let mut glossary = render(&GlossaryPage { frame: site_frame(info, "glossary", "专业名词解释"), entries }, Route::site("glossary").path())?;
    // Each term's <dt id="term-…"> as glossary.html writes it.
    glossary.terms = site.glossary.iter().map(|g| Term { id: format!("term-{}", g.name.as_str()), text: g.name.to_string() }).collect();
    glossary.prose = site.glossary.iter().map(|g| (format!("term-{}", g.name.as_str()), markdown::to_text(&g.definition))).collect();
    pages.push(glossary);
    Ok(pages)
}

/// The titles of the report kinds some unit/year of the site has, in registry order.
fn kinds_held(site: &crate::model::Site) -> Vec<&'static str> {
    let held = |k: &ReportKind| site.units.iter().flat_map(|u| &u.years).any(|y| k.held(y));
    ReportKind::ALL.iter().filter(|k| held(k)).map(|k| k.spec().title).collect()
}

/// Unit `ui`'s page, with the CSV and xlsx files of its trend tables and
/// its project history pages: made from that unit alone (its `unit.toml`,
/// its years, the site-wide files), so it is reused like a unit/year.
pub fn unit_pages(info: &SiteInfo, ui: usize) -> Result<Vec<Page>> {
    let mut pages = vec![];
    let none = crate::analytics::UnitTrends::default();
    let u = &info.site.units[ui];
    let across = info.trends.units.get(ui).unwrap_or(&none);
    let offices = (!u.profile.offices.is_empty()).then(|| Table {
        id: "offices".into(),
        caption: format!("{}内设机构", u.profile.short_name),
        cols: vec!["内设机构".into(), "职责 / 整合的工作组".into()],
        rows: u
            .profile
            .offices
            .iter()
            .map(|o| Row {
                head: Cell::text(&o.name),
                cells: vec![Cell::markup(
                    o.duties.as_deref().map(markdown::to_html).unwrap_or_default(),
                    o.duties.as_deref().map(markdown::to_text).unwrap_or_default(),
                )],
                total: false,
            })
            .collect(),
    });
    let here = Route::unit(&u.slug);
    let trends = trends::sections(&u.profile.short_name, across);
    let trend_tables = trends.iter().flat_map(|s| &s.blocks).filter_map(Block::table);
    let tables = offices.iter().chain(trend_tables).map(search::table_terms).collect();
    let about = format!("单位：{}；来源：{}（{}，网页 {}）", u.profile.name, info.site.config.publisher, info.site.config.title, here.path());
    let downloads = csv::pages_for(&here.path(), &trends, &about)?;
    pages.push(
        render(
            &UnitPage {
                frame: Frame {
                    region: Some(u.profile.region.clone()),
                    ..info.frame(&here, u.profile.name.clone(), vec![link("首页", &here, &Route::index()), crumb(u.profile.short_name.clone(), None)])
                },
                unit: u,
                duties_html: u.profile.duties.as_deref().map(markdown::to_html).unwrap_or_default(),
                setup_html: u.profile.setup.as_deref().map(markdown::to_html).unwrap_or_default(),
                offices,
                years: year_links(u, &here),
                norms_href: u.years.iter().find_map(ReportKind::site_index_of).map(|index| here.href_to(&index)),
                trends_prefix: csv::prefix(&here.path()),
                turnover: trends::turnover(&here, &u.slug, &across.projects),
                histories: trends::histories(&here, &u.slug, &across.projects),
                trends,
                contact: crate::render::publication::contact_pairs(&u.profile.contact),
            },
            here.path(),
        )
        .map(|page| Page { tables, ..page })?,
    );
    pages.extend(downloads);
    pages.extend(super::history::pages(info, u, &across.projects.histories)?);
    Ok(pages)
}
