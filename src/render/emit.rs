//! Streaming pages out of the renderer, and reusing unchanged unit/years.
//!
//! Pages go to a [`Sink`] (the write stage) as soon as they are made, so a
//! city-scale site is never in memory whole; what the site-wide pages need
//! of each page (its search-index lines, its `fig-…` anchors) is [`Kept`].
//!
//! A unit/year's pages depend only on its own files, its unit's `unit.toml`
//! and year list, the site-wide files (`site.toml`, `glossary.toml`), the
//! diagnostics of its files and the gongkai version. Their hash is its
//! [`fingerprint`]; when the sink still holds the pages made last time with
//! the same fingerprint, the unit/year is not rendered again (incremental
//! builds, docs/performance.md). A unit's own pages (its page and project
//! histories) are reused the same way, by [`unit_fingerprint`].

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::Digest;

use super::{Page, search};
use crate::check::Diagnostic;
use crate::digest::{Hasher, hex};
use crate::error::Result;
use crate::model::{Site, Unit, Year};

/// Where rendered files go (the write stage implements it).
pub trait Sink: Sync {
    fn put(&self, page: Page) -> Result<()>;
    /// The pages of unit/year `key` made last time with this `fingerprint`,
    /// if all its files are still in place unchanged: the sink keeps them
    /// and returns what was kept of them.
    fn reuse(&self, key: &str, fingerprint: &str) -> Option<Arc<Vec<Kept>>>;
    /// Remember how unit/year `key` was made, for the next build's `reuse`.
    fn remember(&self, key: String, fingerprint: String, files: Vec<String>, kept: Arc<Vec<Kept>>);
}

/// What rendering keeps of an HTML page once the sink has it: its lines of
/// the search index and its `fig-…` anchors (for the 数据核验 pages).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Kept {
    pub path: String,
    pub search: String,
    pub anchors: BTreeSet<String>,
}

/// Hands pages to the sink, keeping what the site-wide pages need of them.
pub(super) struct Emit<'a> {
    pub sink: &'a dyn Sink,
}

impl Emit<'_> {
    /// Hand `pages` to the sink on every thread (minifying and writing are
    /// per page); what is kept stays in the pages' order.
    pub fn pages(&self, pages: Vec<Page>) -> Result<Vec<Kept>> {
        let kept: Vec<Result<Option<Kept>>> = pages
            .into_par_iter()
            .map(|mut p| {
                let kept = p.bytes.is_none().then(|| {
                    let search = if p.path.starts_with("search/") { String::new() } else { search::page_lines(&p) };
                    Kept { path: p.path.clone(), search, anchors: std::mem::take(&mut p.anchors) }
                });
                self.sink.put(p)?;
                Ok(kept)
            })
            .collect();
        kept.into_iter().filter_map(Result::transpose).collect()
    }

    /// The pages of one unit/year: reused when unchanged, else made by
    /// `render`, handed on and remembered.
    pub fn year(&self, key: String, fingerprint: String, render: impl FnOnce() -> Result<Vec<Page>>) -> Result<Arc<Vec<Kept>>> {
        if let Some(kept) = self.sink.reuse(&key, &fingerprint) {
            return Ok(kept);
        }
        let pages = render()?;
        let files = pages.iter().map(|p| p.path.clone()).collect();
        let kept = Arc::new(self.pages(pages)?);
        self.sink.remember(key, fingerprint, files, kept.clone());
        Ok(kept)
    }
}

/// What every unit/year depends on: the gongkai version, the site-wide
/// files (every source file that belongs to no unit) and whether the site
/// has norms (the header's link to 单项定额一览).
pub fn site_hash(site: &Site, generator: &str) -> Hasher {
    let mut unit_files = BTreeSet::new();
    for u in &site.units {
        unit_files.insert(u.profile_file);
        for y in &u.years {
            unit_files.extend(year_file_ids(y));
        }
    }
    let mut h = Hasher::new();
    h.update(generator.as_bytes());
    // Every page's header links 单项定额一览 while some year has norms.
    let norms = site.units.iter().flat_map(|u| &u.years).any(|y| crate::reports::ReportKind::site_index_of(y).is_some());
    h.update([u8::from(norms)]);
    for id in (0..site.sources.len() as u32).filter(|id| !unit_files.contains(id)) {
        hash_file(&mut h, site.sources.file(id));
    }
    h
}

/// A source file's path and text, each ended so that no two files hash alike.
fn hash_file(h: &mut Hasher, f: &crate::source::SourceFile) {
    h.update(f.display.as_bytes());
    h.update([0]);
    h.update(f.text.as_bytes());
    h.update([0]);
}

/// The source files of one unit/year.
pub fn year_file_ids(year: &Year) -> impl Iterator<Item = crate::source::FileId> + '_ {
    crate::reports::year_sources(year)
        .into_iter()
        .map(|(_, id)| id)
        .chain(year.reports.final_accounts_workbook.iter().copied())
        .chain(year.reports.tracking_workbook)
        .chain(year.reports.costs.iter().filter_map(|c| c.workbook))
        .chain(year.narratives.iter().map(|n| n.file))
}

/// The fingerprint of one unit/year's pages (see the module doc).
pub fn fingerprint(site: &Site, base: &Hasher, unit: &Unit, year: &Year, by_file: &HashMap<&str, Vec<&Diagnostic>>) -> String {
    let mut h = base.clone();
    h.update(unit.slug.as_bytes());
    h.update(site.sources.file(unit.profile_file).text.as_bytes());
    for y in &unit.years {
        h.update(y.year.to_le_bytes());
    }
    h.update([1]);
    h.update(year.year.to_le_bytes());
    for id in year_file_ids(year) {
        let f = site.sources.file(id);
        hash_file(&mut h, f);
        for d in by_file.get(f.display.as_str()).into_iter().flatten() {
            h.update(format!("{d:?}").as_bytes());
        }
    }
    // 附件 are copied as they are: a changed one makes the year anew.
    for a in &year.attachments {
        h.update(a.name.as_bytes());
        h.update([0]);
        h.update(crate::digest::sha256_hex(&a.bytes).as_bytes());
    }
    hex(&h.finalize())
}

/// The fingerprint of a unit's own pages (its page, trend downloads and
/// project histories): the fingerprints of its years (`years`, which hold
/// its `unit.toml`, its year list, the site-wide files, the version), and
/// its `unit.toml` again for a unit without years.
pub fn unit_fingerprint(site: &Site, base: &Hasher, unit: &Unit, years: &[&str]) -> String {
    let mut h = base.clone();
    h.update(b"unit pages\0");
    h.update(unit.slug.as_bytes());
    h.update([0]);
    h.update(site.sources.file(unit.profile_file).text.as_bytes());
    for y in years {
        h.update([0]);
        h.update(y.as_bytes());
    }
    hex(&h.finalize())
}
