//! 部门决算's pages in one unit/year: the report page, and its entry on the
//! year page.

use super::pages;
use crate::error::Result;
use crate::render::page::{ReportPage, YearCx};
use crate::reports::ReportKind;

/// The 部门决算 page of the unit/year in `cx`, if it has one.
pub fn pages(cx: &mut YearCx) -> Result<()> {
    let (year, figures) = (cx.year, cx.figures);
    let (Some(fa), Some(d)) = (&year.reports.final_accounts, &figures.reports.final_accounts) else { return Ok(()) };
    // 部门决算 or 单位决算, as the report says.
    let name = fa.scope.report_name();
    let heading = cx.heading(fa.title.as_ref(), || format!("{}年度{}{name}", year.year, cx.unit.profile.name));
    let file = cx.file(year.reports.final_accounts_file);
    let here = cx.route(ReportKind::FinalAccounts);
    let (cards, sections) = pages::sections(fa, d, cx.figures_on(&here), year.year, &year.narratives, file);
    cx.entry(name, &here, pages::summary(fa));
    cx.disclosure = Some(name);
    let frame = cx.frame(&here, format!("{}年度{name}公开 · {}", year.year, cx.short()), cx.crumbs(&here, &here, name, None));
    // The workbook's diagnostics (if the tables came from one) count too.
    let counts = cx.counts_with_book(file, year.reports.final_accounts_workbook.iter().copied());
    cx.push(ReportPage::new(frame, heading, cards, sections).counted(counts), &here)?;
    // All the 部门决算公开表 as one workbook beside the page.
    if let Some(bytes) = crate::reports::final_accounts::tables::download::workbook(&fa.tables, d.unit.label())? {
        let dir = here.path().rsplit_once('/').map_or(String::new(), |(d, _)| format!("{d}/"));
        cx.pages.push(crate::render::Page::file(format!("{dir}{}", crate::reports::final_accounts::tables::download::file_name(&here.path())), bytes));
    }
    Ok(())
}
