//! The 数据核验 pages: the site's (`checks/index.html`) and each
//! unit/year's (`units/<u>/<y>/checks/index.html`), made of the sections
//! `render::checks` writes.

use std::collections::{BTreeSet, HashMap};

use super::site_frame;
use crate::check::Diagnostic;
use crate::error::Result;
use crate::model::{Site, Year};
use crate::render::page::{ReportPage, SiteInfo, report_crumbs};
use crate::render::route::Route;
use crate::render::{Page, checks, emit};

/// The source files of one unit/year, as diagnostics name them.
pub fn year_files(site: &Site, year: &Year) -> std::collections::BTreeSet<String> {
    emit::year_file_ids(year).map(|id| site.sources.file(id).display.clone()).collect()
}

/// The site-wide and per unit/year 数据核验 pages, linking to the `fig-N`
/// `anchors` of the pages rendered before them.
pub fn pages(info: &SiteInfo, diagnostics: &[Diagnostic], anchors: &HashMap<&str, &BTreeSet<String>>) -> Result<Vec<Page>> {
    let site = info.site;
    let files = checks::pages_of_files(site);
    let years: Vec<checks::YearChecks> = site
        .units
        .iter()
        .flat_map(|u| {
            u.years.iter().map(move |y| checks::YearChecks {
                unit: &u.profile.short_name,
                slug: &u.slug,
                year: y.year,
                route: Route::report(&u.slug, y.year, "checks"),
                files: year_files(site, y),
            })
        })
        .collect();
    let mut out = vec![];
    // The counts are the page's subject (cards), not a banner.
    let reports = checks::reports_of_files(site);
    let whose = checks::Whose { years: &years, reports: &reports };
    let (cards, sections) = checks::site_sections(diagnostics, info.tallies, &whose, &files, anchors);
    let page = ReportPage::plain(site_frame(info, "checks", "数据核验"), "数据核验（全站）".into(), cards, sections);
    out.extend(page.pages(Route::site("checks").path())?);
    let region = |slug: &str| info.site.units.iter().find(|u| u.slug == slug).map(|u| u.profile.region.clone());
    for y in &years {
        let (mut cards, mut sections) = checks::year_sections(diagnostics, info.tallies, y, &whose, &files, anchors);
        if let Some(prose) = crate::render::prose::section(info.prose, y) {
            cards.push(crate::render::prose::card(crate::prose::ProseTally::of(info.prose.iter().filter(|f| y.files.contains(&f.file)))));
            sections.push(prose);
        }
        let crumbs = report_crumbs(&y.route, y.slug, y.unit, y.year, &y.route, "数据核验", None);
        let page = ReportPage::plain(
            crate::render::view::Frame { region: region(y.slug), ..info.frame(&y.route, format!("{}年度数据核验 · {}", y.year, y.unit), crumbs) },
            format!("{} {}年度数据核验", y.unit, y.year),
            cards,
            sections,
        );
        out.extend(page.pages(y.route.path())?);
    }
    Ok(out)
}
