//! 单项定额一览 (`norms/index.html`): every norm of every 成本绩效分析 of
//! the site — 成本定额's site-wide page (the registry's
//! [`ReportKind::site_pages`]), and the link to it from the unit and year
//! pages ([`ReportKind::site_index`]).

use crate::derive::YearFigures;
use crate::error::Result;
use crate::model::Year;
use crate::render::Page;
use crate::render::page::{ReportPage, SiteInfo};
use crate::render::route::Route;
use crate::render::site::site_frame;
use crate::render::view::{Block, Cell, Row, Section, Table};
use crate::reports::ReportKind;

/// The 单项定额一览, when `year` has norms.
pub fn of_year(year: &Year) -> Option<Route> {
    year.reports.costs.iter().any(|c| !c.analysis.norms.is_empty()).then(|| Route::site("norms"))
}

/// The site-wide 单项定额 index: every norm of every cost analysis, with
/// links back to its row on the analysis page.
pub fn pages(info: &SiteInfo, derived: &[YearFigures]) -> Result<Vec<Page>> {
    let here = Route::site("norms");
    let mut rows = vec![];
    for yf in derived {
        let unit = &info.site.units[yf.unit];
        let year = &unit.years[yf.year];
        for c in &year.reports.costs {
            for n in &c.analysis.norms {
                let analysis = Route::report(&unit.slug, year.year, ReportKind::Cost.spec().url).below(&super::render::page_of(c));
                let href = here.href_to(&analysis.with_fragment(&format!("norm-{}", n.id.value)));
                rows.push(Row {
                    head: Cell::link(&href, &n.name),
                    cells: vec![
                        Cell::number(&n.value.text),
                        Cell::text(n.conditions.as_deref().unwrap_or("")),
                        Cell::number(n.history.as_ref().map(|h| h.text.as_str()).unwrap_or_default()),
                        Cell::text(&unit.profile.short_name),
                        Cell::number(year.year.to_string()),
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
