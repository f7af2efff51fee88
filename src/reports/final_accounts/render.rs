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
    let title = ReportKind::FinalAccounts.spec().title;
    let heading = fa.title.clone().unwrap_or_else(|| format!("{}年度{}部门决算", year.year, cx.unit.profile.name));
    let file = cx.file(year.reports.final_accounts_file);
    let here = cx.route(ReportKind::FinalAccounts);
    let (cards, sections) = pages::sections(fa, d, cx.figures_on(&here), year.year, &year.narratives, file);
    cx.entry(title, &here, "收入支出、财政拨款、“三公”经费、政府采购、国有资产".to_string());
    let frame = cx.frame(&here, format!("{}年度部门决算 · {}", year.year, cx.short()), cx.crumbs(&here, &here, title, None));
    cx.push(ReportPage::new(frame, heading, cards, sections).counted(cx.counts(file)), &here)
}
