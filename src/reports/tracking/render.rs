//! 绩效跟踪's pages in one unit/year: the report page, one page per key
//! project, and its entry on the year page.

use super::pages;
use crate::error::Result;
use crate::render::page::{ReportPage, YearCx};
use crate::reports::ReportKind;

/// The 绩效跟踪 pages of the unit/year in `cx`, if it has the report.
pub fn pages(cx: &mut YearCx) -> Result<()> {
    let (year, figures) = (cx.year, cx.figures);
    let (Some(t), Some(d)) = (&year.reports.tracking, &figures.reports.tracking) else { return Ok(()) };
    let title = ReportKind::Tracking.spec().title;
    let heading = cx.heading(t.title.as_ref(), || format!("{}{}年度绩效跟踪报告", cx.unit.profile.name, year.year));
    let file = cx.file(year.reports.tracking_file);
    let report = cx.route(ReportKind::Tracking);
    let (cards, sections) = pages::sections(t, d, cx.figures_on(&report), year.year, &year.narratives, file);
    cx.entry(title, &report, format!("{} 个重点跟踪项目的预算执行，按科室分析", d.projects.len()));
    let frame = cx.frame(&report, format!("{}年度绩效跟踪 · {}", year.year, cx.short()), cx.crumbs(&report, &report, title, None));
    cx.push(ReportPage::new(frame, heading, cards, sections).counted(cx.counts_with_book(file, year.reports.tracking_workbook)), &report)?;
    for p in &d.projects {
        let name = p.project.name.value.as_str();
        let here = report.below(&pages::project_href(p.index));
        let form = crate::reports::cross::form_page(cx.slug(), year, name).map(|to| here.href_to(&to));
        let up = here.href_to(&report);
        let sections = pages::project_page(d, p, cx.figures().checks_at(up.clone()), form.as_deref(), &up);
        let frame = cx.frame(&here, format!("{name} · {}年度绩效跟踪 · {}", year.year, cx.short()), cx.crumbs(&here, &report, title, Some(name)));
        // A project's figures are rows of the report's tables, which have CSVs;
        // thousands of tiny CSVs per report would only cost file-system time.
        cx.push(ReportPage { csv: false, ..ReportPage::new(frame, name.to_string(), vec![], sections) }, &here)?;
    }
    Ok(())
}
