//! 绩效评价's pages in one unit/year: the report page and its entry on the
//! year page.

use super::pages;
use crate::error::Result;
use crate::render::page::{ReportPage, YearCx};
use crate::reports::ReportKind;

/// The 绩效评价 page of the unit/year in `cx`, if it has one.
pub fn pages(cx: &mut YearCx) -> Result<()> {
    let (year, figures) = (cx.year, cx.figures);
    let (Some(e), Some(d)) = (&year.reports.evaluation, &figures.reports.evaluation) else { return Ok(()) };
    let title = ReportKind::Evaluation.spec().title;
    let heading = cx.heading(e.title.as_ref(), || format!("{}{}年度部门绩效评价", cx.unit.profile.name, year.year));
    let file = cx.file(year.reports.evaluation_file);
    let report = cx.route(ReportKind::Evaluation);
    let (cards, sections) = pages::sections(d, cx.figures_on(&report), year.year, &year.narratives, &year.reports.forms, file);
    let summary = match &d.score {
        Some(s) => format!("评价得分 {} 分；预算执行、自评得分分布、评价指标", s.score.total.text),
        None => "预算执行、项目自评与合同支付情况".to_string(),
    };
    cx.entry(title, &report, summary);
    let frame = cx.frame(&report, format!("{}年度绩效评价 · {}", year.year, cx.short()), cx.crumbs(&report, &report, title, None));
    cx.push(ReportPage::new(frame, heading, cards, sections).counted(cx.counts(file)), &report)
}
