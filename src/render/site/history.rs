//! 项目历年情况 — one page per project a unit tracks in two years or more
//! (`units/<unit>/projects/<page>.html`, named by `analytics::history::page_name`): a chart of its adjusted budget and
//! spending over the years beside the table of its budget, adjusted budget,
//! spending, rate and 自评 score per year, each year linking to its page in
//! that year's 绩效跟踪. Amounts are in the unit of its latest year (converted
//! by `analytics`).

use rust_decimal::Decimal;

use super::trends::{GAP, history_route, value_text, year_project_route};
use crate::analytics::Measure;
use crate::analytics::history::ProjectHistory;
use crate::error::Result;
use crate::model::Unit;
use crate::render::Page;
use crate::render::chart;
use crate::render::page::{ReportPage, SiteInfo, crumb, link};
use crate::render::route::Route;
use crate::render::view::{Block, Cell, Frame, Row, Section, Table};

/// The history table and chart of one project.
fn history_block(here: &Route, slug: &str, h: &ProjectHistory) -> Block {
    let unit = h.unit;
    let money = Measure::Money(unit);
    let u = unit.label();
    let amount = |v: Option<Decimal>| v.map_or_else(|| Cell::text(GAP), |v| Cell::number(value_text(v, money)));
    let rows = h
        .years
        .iter()
        .map(|y| Row {
            head: Cell::link(&here.href_to(&year_project_route(slug, y.year, y.index)), &format!("{}年", y.year)),
            cells: vec![
                amount(y.budget),
                amount(y.adjusted),
                amount(y.actual),
                y.rate.map_or_else(|| Cell::text(GAP), |r| Cell::number(value_text(r, Measure::Percent))),
                y.score.map_or_else(|| Cell::text("无自评表"), |s| Cell::number(value_text(s, Measure::Score))),
            ],
            total: false,
        })
        .collect();
    let table = Table {
        id: "history".into(),
        caption: format!("{}历年预算与执行（{u}）", h.name),
        cols: vec!["年度".into(), "年初预算".into(), "调整后预算".into(), "实际支出".into(), "执行率".into(), "自评得分".into()],
        rows,
    };
    let groups: Vec<(String, Vec<Option<Decimal>>)> = h.years.iter().map(|y| (format!("{}年", y.year), vec![y.adjusted, y.actual])).collect();
    let words: Vec<String> = h
        .years
        .iter()
        .map(|y| {
            let text = |v: Option<Decimal>| v.map_or_else(|| GAP.to_string(), |v| format!("{}{u}", value_text(v, money)));
            format!("{}年调整后预算{}、实际支出{}", y.year, text(y.adjusted), text(y.actual))
        })
        .collect();
    let title = format!("{}历年调整后预算与实际支出", h.name);
    let svg = chart::grouped_bars("history-chart", &title, &["调整后预算", "实际支出"], &groups, u, &format!("{title}：{}", words.join("；")));
    Block::Chart { svg, table }
}

/// The history pages of `unit`'s recurring projects (and their CSV and xlsx files).
pub fn pages(info: &SiteInfo, unit: &Unit, histories: &[ProjectHistory]) -> Result<Vec<Page>> {
    let mut out = vec![];
    for h in histories {
        let here = history_route(&unit.slug, &h.page);
        let frame = Frame {
            region: Some(unit.profile.region.clone()),
            ..info.frame(
                &here,
                format!("{}：{}历年情况", unit.profile.short_name, h.name),
                vec![link("首页", &here, &Route::index()), link(unit.profile.short_name.clone(), &here, &Route::unit(&unit.slug)), crumb(h.name.clone(), None)],
            )
        };
        let mut intro = format!("本页汇总“{}”在{}个年度的绩效跟踪数据", h.name, h.years.len());
        if let Some(code) = &h.code {
            intro.push_str(&format!("（项目代码 {code}）"));
        }
        intro.push_str("；点击年度可查看当年的项目页面。没有数据的年度写作“未公开”。");
        let section = Section {
            id: "years".into(),
            title: "历年预算与执行".into(),
            blocks: vec![Block::Prose(format!("<p>{}</p>", crate::render::format::esc(&intro))), history_block(&here, &unit.slug, h)],
        };
        let heading = format!("{}历年情况", h.name);
        out.extend(ReportPage::plain(frame, heading, vec![], vec![section]).pages(here.path())?);
    }
    Ok(out)
}
