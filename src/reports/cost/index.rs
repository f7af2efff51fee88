//! 单项定额一览 (`norms/index.html`): every norm of every 成本绩效分析 of
//! the site — 成本定额's site-wide page (the registry's
//! [`ReportKind::site_pages`]), and the link to it from the unit and year
//! pages ([`ReportKind::site_index`]); with the same service's norms compared
//! across units and years ([`super::compare`]).

use super::compare::{self, Entry, Group};
use crate::derive::YearFigures;
use crate::error::Result;
use crate::model::Year;
use crate::number::format::money2;
use crate::render::Page;
use crate::render::chart::grouped_bars;
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
    let (mut rows, mut compared) = (vec![], vec![]);
    for yf in derived {
        let unit = &info.site.units[yf.unit];
        let year = &unit.years[yf.year];
        for c in &year.reports.costs {
            let figures = yf.reports.costs.iter().find(|f| std::ptr::eq(f.analysis, &c.analysis));
            for (index, n) in c.analysis.norms.iter().enumerate() {
                let analysis = Route::report(&unit.slug, year.year, ReportKind::Cost.spec().url).below(&super::render::page_of(c));
                let href = here.href_to(&analysis.with_fragment(&format!("norm-{}", n.id.value)));
                if let Some((norm, per)) = compare::per_unit(n) {
                    let actual = figures.and_then(|f| compare::actual_price(f, index));
                    let entry = Entry { unit: unit.profile.short_name.clone(), year: year.year, norm, actual, href: href.clone() };
                    compared.push((n.name.clone(), per, entry));
                }
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
    let mut sections = vec![Section { id: "norms".into(), title: "各单位单项定额".into(), blocks }];
    let groups = compare::groups(compared);
    if !groups.is_empty() {
        sections.push(comparison(&groups));
    }
    let page = ReportPage::plain(site_frame(info, "norms", "单项定额一览"), "单项定额一览".into(), vec![], sections);
    page.pages(here.path())
}

/// 同类服务比较: what is matched, a summary row per service, then per service
/// a chart of its 单项定额 and 实际单价 by unit-year with the table beside.
fn comparison(groups: &[Group]) -> Section {
    let mut blocks = vec![Block::Prose(
        "<p>同一服务内容（名称去掉编号、空格后相同）且计量单位相同的单项定额放在一起比较，计量单位不同的不作比较；\
         万元折算为元。实际单价是该分析最近一年预算中按此定额计价的明细单价（多条明细按数量加权）。\
         与中位数相差30%以上的标为“偏离较大”。</p>"
            .into(),
    )];
    let mut summary = vec![];
    let mut charts = vec![];
    for (k, g) in groups.iter().enumerate() {
        let values: Vec<_> = g.entries.iter().map(|e| e.norm).collect();
        let Some(s) = compare::spread(&values) else { continue };
        let unit = format!("元/{}", g.per);
        let units = g.entries.iter().map(|e| e.unit.as_str()).collect::<std::collections::BTreeSet<_>>().len();
        summary.push(Row {
            head: Cell::text(&g.name),
            cells: vec![
                Cell::text(&unit),
                Cell::number(units.to_string()),
                Cell::number(g.entries.len().to_string()),
                Cell::number(money2(g.entries[s.min].norm)),
                Cell::number(money2(s.median)),
                Cell::number(money2(g.entries[s.max].norm)),
                Cell::number(s.ratio.map_or("—".into(), |r| format!("{}倍", r.normalize()))),
            ],
            total: false,
        });
        let id = format!("norms-compare-{}", k + 1);
        let title = format!("{}（{unit}）各单位单项定额比较", g.name);
        let bars: Vec<(String, Vec<Option<rust_decimal::Decimal>>)> = g.entries.iter().map(|e| (compare::label(e), vec![Some(e.norm), e.actual])).collect();
        let words = compare::spread_words(g, &s);
        let mut svg = grouped_bars(&id, &title, &["单项定额", "实际单价"], &bars, &unit, &words);
        svg.message = words;
        let rows = g
            .entries
            .iter()
            .zip(&s.from_median)
            .map(|(e, p)| Row {
                head: Cell::link(&e.href, &compare::label(e)),
                cells: vec![Cell::number(money2(e.norm)), Cell::number(e.actual.map_or("—".into(), money2)), Cell::text(&compare::from_median_words(*p))],
                total: false,
            })
            .collect();
        let cols = vec!["单位和年度".into(), format!("单项定额（{unit}）"), format!("实际单价（{unit}）"), "与中位数相比".into()];
        charts.push(Block::Chart { svg, table: Table { id, caption: title, cols, rows } });
    }
    blocks.push(Block::Table(Table {
        id: "norms-compare".into(),
        caption: "同类服务单项定额差异".into(),
        cols: ["内容", "计量单位", "单位数", "定额条数", "最低", "中位数", "最高", "最高/最低"].map(String::from).to_vec(),
        rows: summary,
    }));
    blocks.extend(charts);
    // (Not "norms-compare": that is the summary table's id, and its CSV's name.)
    Section { id: "norms-peers".into(), title: "同类服务跨单位比较".into(), blocks }
}
