//! A unit/year's year page (`units/<unit>/<year>/index.html`), listing the
//! entries its report kinds made and its 数据核验, and the year's whole
//! dataset beside it (`data.json`).

use super::checks::year_files;
use crate::error::Result;
use crate::render::page::{Entry, YearCx, YearPage, crumb, link, render};
use crate::render::route::Route;
use crate::render::{Page, checks, dataset, publication};
use crate::reports::ReportKind;

/// The pages `cx` made, followed by the year's `data.json` and year page
/// (with the entries `cx` collected, then 数据核验).
pub fn pages(cx: YearCx) -> Result<Vec<Page>> {
    let (info, unit, year, diagnostics) = (cx.info, cx.unit, cx.year, cx.diagnostics);
    let (slug, short) = (unit.slug.as_str(), &unit.profile.short_name);
    let year_route = Route::year(slug, year.year);
    let books = cx.books();
    let YearCx { mut pages, entries, disclosure, .. } = cx;
    let mut reports: Vec<Entry> = entries;
    let data = Route::year_file(slug, year.year, "data.json");
    pages.push(Page::file(data.path(), dataset::year_json(info.site, unit, year).into_bytes()));
    let files = year_files(info.site, year);
    let (errors, warnings) = checks::counts(diagnostics.iter().filter(|d| files.contains(&d.file)));
    let summary = if errors + warnings == 0 {
        "每一个可推算的数字都与原文一致".to_string()
    } else {
        format!("{errors} 处错误、{warnings} 处警告，逐条列出原文、计算值、公式和来源行")
    };
    reports.push(("数据核验".to_string(), year_route.href_to(&Route::report(slug, year.year, "checks")), summary));
    let norms_href = ReportKind::site_index_of(year).map(|index| year_route.href_to(&index));
    let here = &year_route;
    let attachments = publication::attachment_links(info.site, unit, year, here, None, &books);
    pages.extend(publication::attachment_files(info.site, unit, year, &books));
    pages.push(render(
        &YearPage {
            frame: crate::render::view::Frame {
                region: Some(unit.profile.region.clone()),
                ..info.frame(
                    here,
                    format!("{}年度 · {short}", year.year),
                    vec![link("首页", here, &Route::index()), link(short.clone(), here, &Route::unit(slug)), crumb(format!("{}年度", year.year), None)],
                )
            },
            // A year with final accounts is a 决算公开 (部门 or 单位).
            heading: format!("{}{}年度{}公开", unit.profile.name, year.year, disclosure.unwrap_or("预算")),
            reports,
            norms_href,
            data_href: Some(here.href_to(&data)),
            attachments,
        },
        here.path(),
    )?);
    Ok(pages)
}
