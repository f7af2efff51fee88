//! 绩效评价's pages in one unit/year: the report page and its entry on the
//! year page; and the 项目支出绩效自评表 pages, in the 绩效评价's folder.

use super::pages;
use crate::error::Result;
use crate::model::Year;
use crate::render::page::{ReportPage, YearCx};
use crate::render::route::Route;
use crate::reports::ReportKind;
use crate::source::FileId;

/// The 绩效评价 page of the unit/year in `cx`, if it has one.
pub fn pages(cx: &mut YearCx) -> Result<()> {
    let (year, figures) = (cx.year, cx.figures);
    let (Some(e), Some(d)) = (&year.reports.evaluation, &figures.reports.evaluation) else { return Ok(()) };
    let title = ReportKind::Evaluation.spec().title;
    let heading = e.title.clone().unwrap_or_else(|| format!("{}{}年度部门绩效评价", cx.unit.profile.name, year.year));
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

/// The 项目支出绩效自评表 pages of the unit/year in `cx`: shown only with
/// the 绩效评价 they belong to.
pub fn form_pages(cx: &mut YearCx) -> Result<()> {
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
pub fn form_file_pages(slug: &str, year: &Year) -> Vec<(FileId, Route)> {
    if year.reports.evaluation.is_none() {
        return vec![];
    }
    let report = Route::report(slug, year.year, ReportKind::Form.spec().url);
    year.reports.forms.iter().map(|f| (f.file, report.below(&pages::form_href(&f.slug)))).collect()
}
