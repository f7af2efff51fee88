//! 历年变化 on a unit's page, from the cross-year model (`analytics`): per
//! figure a small bar chart over the years beside the table of its values
//! and changes (a year without the figure is written 未公开, never 0); the
//! projects that appeared and disappeared between tracked years; and the
//! links to each recurring project's history page ([`super::history`]).

use rust_decimal::Decimal;

use crate::analytics::history::{Listed, UnitProjects};
use crate::analytics::{Group, Measure, Series, UnitTrends};
use crate::number::format::{money, percent};
use crate::render::chart;
use crate::render::route::Route;
use crate::render::view::{Block, Cell, Row, Section, Table};
use crate::reports::tracking::pages::project_href;

/// What a gap (a year without the figure) is written as.
pub const GAP: &str = "未公开";

/// A value of a series as shown: money with its decimals, a rate or score as is.
pub fn value_text(v: Decimal, measure: Measure) -> String {
    match measure {
        Measure::Money(_) => money(v),
        Measure::Percent => percent(v, false),
        Measure::Score => v.normalize().to_string(),
    }
}

/// A change with its sign (`+1,200.00`, `-3.5`).
pub fn signed(v: Decimal, measure: Measure) -> String {
    let text = match measure {
        Measure::Money(_) => money(v),
        _ => crate::number::round_half_up(v, 2).normalize().to_string(),
    };
    if v > Decimal::ZERO { format!("+{text}") } else { text }
}

/// The table of one series: a row per year, its value, 比上年增减 and (for money) 增减率.
fn series_table(id: &str, s: &Series) -> Table {
    let money = matches!(s.measure, Measure::Money(_));
    let mut cols = vec!["年度".to_string(), format!("{}（{}）", s.name, s.measure.label()), format!("比上年增减（{}）", s.measure.change_label())];
    if money {
        cols.push("比上年增减率".into());
    }
    let rows = s
        .points
        .iter()
        .map(|p| {
            let mut cells = vec![
                p.value.map_or_else(|| Cell::text(GAP), |v| Cell::number(value_text(v, s.measure))),
                p.change.map_or_else(|| Cell::text("—"), |c| Cell::number(signed(c, s.measure))),
            ];
            if money {
                cells.push(p.change_pct.map_or_else(|| Cell::text("—"), |c| Cell::number(format!("{}%", signed(c, Measure::Percent)))));
            }
            Row { head: Cell::text(&format!("{}年", p.year)), cells, total: false }
        })
        .collect();
    Table { id: id.to_string(), caption: format!("{}历年情况", s.name), cols, rows }
}

/// The chart of one series: a bar per year (a gap is written 未公开).
fn series_chart(id: &str, short: &str, s: &Series) -> chart::Chart {
    let groups: Vec<(String, Vec<Option<Decimal>>)> = s.points.iter().map(|p| (format!("{}年", p.year), vec![p.value])).collect();
    let words: Vec<String> = s
        .points
        .iter()
        .map(|p| format!("{}年{}", p.year, p.value.map_or_else(|| GAP.to_string(), |v| format!("{}{}", value_text(v, s.measure), s.measure.label()))))
        .collect();
    let (first, last) = (s.points.first().map_or(0, |p| p.year), s.points.last().map_or(0, |p| p.year));
    let title = format!("{short}{first}—{last}年{}", s.name);
    let desc = format!("{title}：{}", words.join("；"));
    chart::grouped_bars(&format!("{id}-chart"), &title, &[&s.name], &groups, s.measure.label(), &desc)
}

/// The 历年变化 sections of a unit's page: one per group that has series,
/// each series a chart beside its table.
pub fn sections(short: &str, trends: &UnitTrends) -> Vec<Section> {
    Group::ALL
        .iter()
        .filter_map(|&group| {
            let blocks: Vec<Block> = trends
                .series
                .iter()
                .filter(|s| s.group == group)
                .enumerate()
                .map(|(k, s)| {
                    let id = format!("trend-{}-{}", group.id(), k + 1);
                    Block::Chart { svg: series_chart(&id, short, s), table: series_table(&id, s) }
                })
                .collect();
            (!blocks.is_empty()).then(|| Section { id: format!("trend-{}", group.id()), title: group.title().to_string(), blocks })
        })
        .collect()
}

/// A project listed on the unit page: its name, linking to its history page
/// when it recurs, else to its page in the year it is listed in.
pub struct ProjectLink {
    /// 项目名称.
    pub name: String,
    /// The link.
    pub href: String,
}

/// 项目增减 between two tracked years, as listed on the unit page.
pub struct TurnoverView {
    /// “2024年比2023年”.
    pub title: String,
    /// 新增跟踪的项目.
    pub appeared: Vec<ProjectLink>,
    /// 不再跟踪的项目.
    pub disappeared: Vec<ProjectLink>,
}

/// The route of a unit's project history page named `page` (see `analytics::history::page_name`).
pub fn history_route(slug: &str, page: &str) -> Route {
    Route::unit(slug).below(&format!("projects/{page}.html"))
}

/// The route of a project's page in the 绩效跟踪 of `year`.
pub fn year_project_route(slug: &str, year: u16, index: usize) -> Route {
    Route::report(slug, year, crate::reports::ReportKind::Tracking.spec().url).below(&project_href(index))
}

/// The link to a listed project from the page at `here`.
fn link_of(here: &Route, slug: &str, l: &Listed) -> ProjectLink {
    let to = match &l.history {
        Some(page) => history_route(slug, page),
        None => year_project_route(slug, l.year, l.index),
    };
    ProjectLink { name: l.name.clone(), href: here.href_to(&to) }
}

/// 项目增减 of a unit, per pair of consecutive tracked years, linked from its page.
pub fn turnover(here: &Route, slug: &str, projects: &UnitProjects) -> Vec<TurnoverView> {
    projects
        .turnover
        .iter()
        .map(|t| TurnoverView {
            title: format!("{}年比{}年", t.after, t.before),
            appeared: t.appeared.iter().map(|l| link_of(here, slug, l)).collect(),
            disappeared: t.disappeared.iter().map(|l| link_of(here, slug, l)).collect(),
        })
        .collect()
}

/// The links to a unit's project history pages, with the years each spans.
pub fn histories(here: &Route, slug: &str, projects: &UnitProjects) -> Vec<ProjectLink> {
    projects
        .histories
        .iter()
        .map(|h| {
            let years: Vec<String> = h.years.iter().map(|y| y.year.to_string()).collect();
            ProjectLink { name: format!("{}（{}年）", h.name, years.join("、")), href: here.href_to(&history_route(slug, &h.page)) }
        })
        .collect()
}
