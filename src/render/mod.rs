//! The render stage: turn the model and derived figures into HTML pages
//! (askama templates, compiled in) with inline SVG charts. Rendering only
//! formats; every number it prints was computed by the derive stage.
//!
//! This file is the walk: site-wide pages (`site/`), then each unit/year's
//! pages — each report kind's from the registry (`ReportKind::pages`), then
//! the year page — then the 数据核验 pages, 项目索引 and search. The pages
//! themselves are made in `site/` and `reports/<kind>/render.rs` from the
//! types in `page.rs`.

pub mod chart;
pub mod checks;
pub mod csv;
pub mod dataset;
pub mod emit;
pub mod format;
pub mod look;
pub mod markdown;
pub mod marked;
pub mod page;
pub mod partial;
pub mod place;
pub mod prose;
pub mod publication;
pub mod route;
pub mod search;
pub mod site;
pub mod view;
pub mod xlsx;

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::check::Diagnostic;
use crate::derive::YearFigures;
use crate::error::Result;
use crate::reports::ReportKind;
use emit::Emit;
pub use emit::{Kept, Sink};
pub use page::SiteInfo;
use page::YearCx;

/// One output file: path relative to the output root, and its content —
/// an HTML page (`html`, minified when written) or other bytes (CSV).
/// Beside a page's HTML, what the site-wide pages need of it, as data
/// from the code that wrote the HTML (nothing reads the HTML back).
pub struct Page {
    pub path: String,
    pub html: String,
    pub bytes: Option<Vec<u8>>,
    /// Its title (the frame's), the search index's first entry for it.
    pub title: String,
    /// Its headings with an id, in page order (set by the page that has them).
    pub headings: Vec<view::Heading>,
    /// Its glossary terms (名词) with an id, in page order.
    pub terms: Vec<view::Term>,
    /// What the search index takes from the page's tables, from their
    /// typed rows (set by the page that has tables).
    pub tables: Vec<search::TableTerms>,
    /// Its prose as plain text, by the id of the heading or term it sits
    /// under (`""`: the page's own, under its title) — what full-text search
    /// finds in it and shows as a snippet.
    pub prose: Vec<(String, String)>,
    /// The `fig-…` anchors it defines (without `fig-`): where it shows a
    /// disputed figure, which the 数据核验 pages link to.
    pub anchors: std::collections::BTreeSet<String>,
}

impl Page {
    /// A file that is not an HTML page (CSV, `data.json`, the search index).
    pub fn file(path: String, bytes: Vec<u8>) -> Page {
        Page::html(path, String::new(), String::new()).with_bytes(bytes)
    }

    /// An HTML page titled `title`, with no headings, terms, tables or anchors (yet).
    pub fn html(path: String, html: String, title: String) -> Page {
        Page { path, html, bytes: None, title, headings: vec![], terms: vec![], tables: vec![], prose: vec![], anchors: Default::default() }
    }

    fn with_bytes(self, bytes: Vec<u8>) -> Page {
        Page { bytes: Some(bytes), ..self }
    }
}

/// Render every page of the site into `sink`, unit/years in parallel, each
/// page handed on as soon as it is made; `year_done` is called after each
/// unit/year (progress). `derived` holds one entry per unit/year. Returns the
/// number of HTML pages.
pub fn render_site(info: &SiteInfo, derived: &[YearFigures], diagnostics: &[Diagnostic], sink: &dyn Sink, year_done: &(dyn Fn() + Sync)) -> Result<usize> {
    let site = info.site;
    let emit = Emit { sink };
    let mut pages = site::home::pages(info)?;
    for kind in ReportKind::ALL {
        pages.extend(kind.site_pages(info, derived)?);
    }
    // What is kept of the pages, in site order, in groups (a unit/year's
    // group is shared with the build cache).
    let mut kept: Vec<Arc<Vec<Kept>>> = vec![Arc::new(emit.pages(pages)?)];
    let base = emit::site_hash(site, &info.generator);
    let mut by_file: HashMap<&str, Vec<&Diagnostic>> = HashMap::new();
    for d in diagnostics {
        by_file.entry(d.file.as_str()).or_default().push(d);
    }
    let prints: Vec<String> = derived
        .par_iter()
        .map(|yf| {
            let unit = &site.units[yf.unit];
            emit::fingerprint(site, &base, unit, &unit.years[yf.year], &by_file)
        })
        .collect();
    // Each unit's own pages, reused while none of its years changed.
    let mut of_unit: Vec<Vec<&str>> = vec![vec![]; site.units.len()];
    for (yf, print) in derived.iter().zip(&prints) {
        of_unit[yf.unit].push(print);
    }
    let units: Vec<Result<Arc<Vec<Kept>>>> = site
        .units
        .par_iter()
        .enumerate()
        .map(|(ui, unit)| emit.year(unit.slug.clone(), emit::unit_fingerprint(site, &base, unit, &of_unit[ui]), || site::home::unit_pages(info, ui)))
        .collect();
    for r in units {
        kept.push(r?);
    }
    kept.push(Arc::new(emit.pages(site::peers::pages(info)?)?));
    let years: Vec<Result<Arc<Vec<Kept>>>> = derived
        .par_iter()
        .zip(prints)
        .map(|(yf, fingerprint)| {
            let (unit, year) = (&site.units[yf.unit], &site.units[yf.unit].years[yf.year]);
            let kept = emit.year(format!("{}/{}", unit.slug, year.year), fingerprint, || year_pages(info, yf, diagnostics));
            year_done();
            kept
        })
        .collect();
    for r in years {
        kept.push(r?);
    }
    // The 数据核验 pages and the 项目索引 are made side by side.
    let (checks, projects) = {
        let anchors = kept.iter().flat_map(|g| g.iter()).map(|k| (k.path.as_str(), &k.anchors)).collect();
        rayon::join(|| site::checks::pages(info, diagnostics, &anchors), || site::projects::pages(info))
    };
    kept.push(Arc::new(emit.pages(checks?)?));
    kept.push(Arc::new(emit.pages(projects?)?));
    let search = site::search::pages(info, kept.iter().flat_map(|g| g.iter()).map(|k| k.search.as_str()), |file| sink.put(file))?;
    let last = emit.pages(vec![search])?;
    Ok(kept.iter().map(|g| g.len()).sum::<usize>() + last.len())
}

/// The pages of one unit/year: each report kind's, in registry order, then
/// the year page.
fn year_pages(info: &SiteInfo, yf: &YearFigures, diagnostics: &[Diagnostic]) -> Result<Vec<Page>> {
    let unit = &info.site.units[yf.unit];
    let mut cx = YearCx::new(info, unit, &unit.years[yf.year], yf, diagnostics);
    for kind in ReportKind::ALL {
        kind.pages(&mut cx)?;
    }
    site::year::pages(cx)
}
