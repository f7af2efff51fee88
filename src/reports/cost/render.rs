//! 成本绩效分析's pages in one unit/year: one page per analysis, the year's
//! 成本定额 list, and its entry on the year page.

use super::pages;
use crate::error::Result;
use crate::model::Year;
use crate::render::page::{ReportPage, YearCx, YearPage, render};
use crate::render::route::Route;
use crate::reports::ReportKind;
use crate::reports::cost::model::Cost;
use crate::source::FileId;

/// What the year page and the crumbs call the year's cost analyses.
const LABEL: &str = "成本定额";

/// The 成本绩效分析 pages of the unit/year in `cx`, if it has any.
pub fn pages(cx: &mut YearCx) -> Result<()> {
    let (year, figures) = (cx.year, cx.figures);
    let costs = &year.reports.costs;
    if costs.is_empty() {
        return Ok(());
    }
    let names: Vec<&str> = costs.iter().map(|c| c.analysis.project.as_str()).collect();
    let norms: usize = costs.iter().map(|c| c.analysis.norms.len()).sum();
    let report = cx.route(ReportKind::Cost);
    cx.entry(LABEL, &report, format!("成本绩效分析：{}；单项定额 {norms} 项", names.join("、")));
    let mut list = vec![];
    for (c, cd) in costs.iter().zip(&figures.reports.costs) {
        let file = cx.file(Some(c.file));
        let (cards, sections) = pages::sections(cd, cx.figures(), file);
        let name = c.analysis.project.as_str();
        let here = report.below(&page_of(c));
        let frame = cx.frame(&here, format!("{name} · {}年度成本绩效分析 · {}", year.year, cx.short()), cx.crumbs(&here, &report, LABEL, Some(name)));
        let heading = format!("{}{}", cx.unit.profile.name, c.analysis.title);
        cx.push(ReportPage { numbered: false, ..ReportPage::new(frame, heading, cards, sections).counted(cx.counts(file)) }, &here)?;
        let summary = format!("单项定额 {} 项；{} 个年度的预算构成", c.analysis.norms.len(), c.analysis.budgets.len());
        list.push((c.analysis.title.clone(), report.href_to(&here), summary));
    }
    let page = YearPage {
        frame: cx.frame(&report, format!("{}年度成本定额 · {}", year.year, cx.short()), cx.crumbs(&report, &report, LABEL, None)),
        heading: format!("{}{}年度成本绩效分析与支出定额", cx.unit.profile.name, year.year),
        reports: list,
        norms_href: Some(report.href_to(&Route::site("norms"))),
        data_href: None,
        attachments: vec![],
    };
    cx.pages.push(render(&page, report.path())?);
    Ok(())
}

/// An analysis's page below the year's 成本定额 list: `<slug>/index.html`.
pub fn page_of(cost: &Cost) -> String {
    format!("{}/index.html", cost.slug)
}

/// The page of each 成本绩效分析 file of `year` (unit `slug`).
pub fn file_pages(slug: &str, year: &Year) -> Vec<(FileId, Route)> {
    let report = Route::report(slug, year.year, ReportKind::Cost.spec().url);
    year.reports.costs.iter().flat_map(|c| std::iter::once(c.file).chain(c.workbook).map(|f| (f, report.below(&page_of(c))))).collect()
}
