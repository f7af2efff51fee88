//! 项目支出绩效自评表 pages in one unit/year: one per form, in the
//! 绩效评价's folder (`evaluation/projects/<slug>.html`), shown only with
//! the 绩效评价 they belong to; no entry of their own on the year page.

use super::pages;
use crate::error::Result;
use crate::model::Year;
use crate::render::page::{ReportPage, YearCx};
use crate::render::route::Route;
use crate::reports::ReportKind;
use crate::source::FileId;

/// The 项目支出绩效自评表 pages of the unit/year in `cx`: shown only with
/// the 绩效评价 they belong to.
pub fn pages(cx: &mut YearCx) -> Result<()> {
    let (year, figures) = (cx.year, cx.figures);
    if year.reports.evaluation.is_none() || figures.reports.evaluation.is_none() {
        return Ok(());
    }
    let report = cx.route(ReportKind::Evaluation);
    let label = ReportKind::Evaluation.spec().title;
    for (form, fd) in year.reports.forms.iter().zip(&figures.reports.forms) {
        let file = cx.file(Some(form.file));
        let here = report.below(&pages::form_href(&form.slug));
        let tracked = crate::reports::cross::tracked_page(cx.slug(), year, &form.form.name).map(|to| here.href_to(&to));
        let sections = pages::form_sections(fd, cx.figures(), file, tracked.as_deref(), &here.href_to(&report));
        let frame =
            cx.frame(&here, format!("{} · 项目支出绩效自评表 · {}", form.form.name, cx.short()), cx.crumbs(&here, &report, label, Some(&form.form.name)));
        cx.push(ReportPage::new(frame, format!("{}项目支出绩效自评表", form.form.name), vec![], sections).counted(cx.counts(file)), &here)?;
    }
    Ok(())
}

/// The page of each 自评表 file of `year` (unit `slug`): its own page, when
/// the year has the 绩效评价 it belongs to.
pub fn file_pages(slug: &str, year: &Year) -> Vec<(FileId, Route)> {
    if year.reports.evaluation.is_none() {
        return vec![];
    }
    let report = Route::report(slug, year.year, ReportKind::Form.spec().url);
    year.reports.forms.iter().map(|f| (f.file, report.below(&pages::form_href(&f.slug)))).collect()
}
