//! The write stage: minify each page as the renderer hands it over, write
//! it, add the compiled-in and `static/` files, and finish with
//! `manifest.json`. Pages stream through ([`Writer`] is the renderer's
//! [`Sink`]), so a city-scale site is never held in memory whole.
//!
//! The output folder is only ever a complete site, the old one or the new
//! one ([`stage`]): every build writes a staging folder beside it and
//! swaps it in atomically when complete. Only what gongkai can prove it
//! wrote is replaced ([`guard`]). Building into a site a previous build
//! finished is an **update**: a file whose bytes are unchanged is hard-linked
//! from the old site instead of written (its date stays, no data is copied,
//! so an update needs disk space only for what changed), and a unit/year
//! whose inputs are unchanged is not even rendered ([`cache`]). The result
//! is byte-identical to a fresh build (tested). An update cut short by a
//! kill or a full disk leaves the old site as it was; the next build
//! removes what the cut one left beside it.
//!
//! Bad input never reaches this stage: every check runs before it.

pub mod bundle;
pub(crate) mod cache;
pub(crate) mod guard;
pub mod manifest;
pub(crate) mod stage;

use std::collections::HashSet;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::error::{Error, Result};
use crate::render::{Kept, Page, Sink};

fn werr(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Write { path: path.to_path_buf(), source }
}

/// The stylesheet, compiled in so that every site (also one made by `init`)
/// has it; a project's `static/` folder is copied over it.
const STYLE: &str = include_str!("../../static/style.css");
/// The offline search script (search page only), compiled in likewise.
const SEARCH_JS: &str = include_str!("../../static/search.js");
/// Sortable tables (report pages), compiled in likewise.
const SORT_JS: &str = include_str!("../../static/sort.js");
/// The 大/中/小 text size switch and the 打印 button (every page), compiled in likewise.
const READING_JS: &str = include_str!("../../static/reading.js");

/// The largest page that is minified. minify-html holds about 30 times a
/// page in memory while it works on it (626 MiB for the 20 MB 项目索引 of a
/// 300-unit site); a larger page — at city scale only the site-wide
/// 项目索引 — is written as rendered, which the templates keep nearly
/// compact (docs/performance.md).
pub const MINIFY_MAX_BYTES: usize = 4 << 20;

/// Minify one HTML page (one larger than [`MINIFY_MAX_BYTES`] is kept as
/// rendered). Inline SVG inside HTML is safe to minify; standalone `.svg`
/// files are never passed here.
pub fn minify(html: &str) -> Vec<u8> {
    if html.len() > MINIFY_MAX_BYTES {
        return html.as_bytes().to_vec();
    }
    let cfg = minify_html::Cfg { minify_css: true, minify_js: false, keep_closing_tags: true, keep_html_and_head_opening_tags: true, ..Default::default() };
    minify_html::minify(html.as_bytes(), &cfg)
}

/// Writes a site into its output folder (see the module doc).
pub struct Writer {
    out: PathBuf,
    /// The staging folder every file goes to.
    root: PathBuf,
    /// The site being updated (`out` itself), if there is one.
    old: Option<PathBuf>,
    /// Set once the staging folder has been swapped in.
    done: bool,
    /// Manifest entries of the files written so far.
    written: Mutex<Vec<manifest::Entry>>,
    /// Folders known to exist below `root`.
    dirs: Mutex<HashSet<PathBuf>>,
    /// The last build's cache (empty unless updating) and this build's.
    last: cache::Cache,
    next: Mutex<cache::Cache>,
}

impl Writer {
    /// Start writing the site for `out`, whose present state `target` was
    /// found by [`guard::inspect`]; tidy up what killed builds left beside it.
    pub fn open(out: &Path, target: &guard::Target, generator: &str) -> Result<Writer> {
        stage::clean_leftovers(out)?;
        let old = matches!(target, guard::Target::Ours).then(|| out.to_path_buf());
        let last = if old.is_some() { cache::load(out, generator) } else { cache::Cache::default() };
        cache::remove(out);
        let root = stage::create(out)?;
        let next = cache::Cache { generator: generator.to_string(), ..Default::default() };
        Ok(Writer { out: out.to_path_buf(), root, old, done: false, written: Mutex::default(), dirs: Mutex::default(), last, next: Mutex::new(next) })
    }

    /// Make sure `dir` (below the root) exists.
    fn ensure_dir(&self, dir: &Path) -> Result<()> {
        if self.dirs.lock().expect("dirs lock").contains(dir) {
            return Ok(());
        }
        fs::create_dir_all(dir).map_err(werr(dir))?;
        self.dirs.lock().expect("dirs lock").insert(dir.to_path_buf());
        Ok(())
    }

    /// The old site's file `rel`, when updating.
    fn old_file(&self, rel: &str) -> Option<PathBuf> {
        self.old.as_ref().map(|o| o.join(rel))
    }

    /// Put the old site's file `rel` into the new tree — a hard link (no data
    /// copied, date kept), or a copy where links are not possible — and
    /// return its bytes as linked (read after linking, so a concurrent
    /// build replacing the old site cannot slip other bytes in between).
    fn link_old(&self, rel: &str) -> Option<Vec<u8>> {
        let from = self.old_file(rel)?;
        let to = self.root.join(rel);
        self.ensure_dir(to.parent()?).ok()?;
        // A link left by a year that is being rendered again after all.
        let _ = fs::remove_file(&to);
        fs::hard_link(&from, &to).or_else(|_| fs::copy(&from, &to).map(drop)).ok()?;
        let bytes = fs::read(&to).ok();
        if bytes.is_none() {
            self.unlink(rel);
        }
        bytes
    }

    /// Take `rel` out of the new tree again (a link that did not match).
    fn unlink(&self, rel: &str) {
        let _ = fs::remove_file(self.root.join(rel));
    }

    /// When updating: link the old site's file `rel` into the new tree
    /// without reading it, if its stamp is still the one `last` recorded
    /// (checked again on the link, so nothing can slip in between).
    fn link_trusted(&self, rel: &str, last: &cache::Hashes) -> Option<cache::Stamp> {
        let want = last.stamp?;
        let from = self.old_file(rel)?;
        if cache::Stamp::at(&from)? != want {
            return None;
        }
        let to = self.root.join(rel);
        self.ensure_dir(to.parent()?).ok()?;
        let _ = fs::remove_file(&to);
        fs::hard_link(&from, &to).ok()?;
        if cache::Stamp::at(&to) == Some(want) {
            return Some(want);
        }
        self.unlink(rel);
        None
    }

    /// Write one file's bytes (when updating, the old file is linked
    /// instead if its bytes are the same) and record it; `rendered` is the
    /// hash of a page as rendered.
    fn put_bytes(&self, rel: String, data: &[u8], rendered: Option<String>) -> Result<()> {
        let e = manifest::entry(rel, data);
        let rel = e.path.as_str();
        if let Some(stamp) = self.last.files.get(rel).filter(|h| h.written == e.sha256).and_then(|h| self.link_trusted(rel, h)) {
            self.record(e, rendered, Some(stamp));
            return Ok(());
        }
        let same_size = self.old_file(rel).is_some_and(|p| fs::symlink_metadata(&p).is_ok_and(|m| m.is_file() && m.len() == data.len() as u64));
        let linked = same_size
            && self.link_old(rel).is_some_and(|old| {
                old == data || {
                    self.unlink(rel);
                    false
                }
            });
        let path = self.root.join(rel);
        let stamp = if linked {
            cache::Stamp::at(&path)
        } else {
            if let Some(dir) = path.parent() {
                self.ensure_dir(dir)?;
            }
            // Never write through a link into a file the old site shares.
            let _ = fs::remove_file(&path);
            let mut f = fs::File::create(&path).map_err(werr(&path))?;
            f.write_all(data).map_err(werr(&path))?;
            f.metadata().ok().as_ref().and_then(cache::Stamp::of)
        };
        self.record(e, rendered, stamp);
        Ok(())
    }

    /// Add a file now in place to the manifest and the cache.
    fn record(&self, e: manifest::Entry, rendered: Option<String>, stamp: Option<cache::Stamp>) {
        let hashes = cache::Hashes { rendered, written: e.sha256.clone(), stamp };
        self.next.lock().expect("cache lock").files.insert(e.path.clone(), hashes);
        self.written.lock().expect("written lock").push(e);
    }

    /// When updating: link the file `rel` as the last build wrote it into
    /// the new tree, if it is still there unchanged (and, for a page, was
    /// rendered as `rendered`). A file whose stamp is as recorded is not
    /// read; another is read and its hash compared.
    fn unchanged(&self, rel: &str, rendered: Option<&str>) -> Option<(manifest::Entry, cache::Hashes)> {
        let last = self.last.files.get(rel).filter(|h| rendered.is_none() || h.rendered.as_deref() == rendered)?;
        if let Some(stamp) = self.link_trusted(rel, last) {
            return Some((manifest::Entry { path: rel.to_string(), bytes: stamp.bytes, sha256: last.written.clone() }, last.clone()));
        }
        let old = self.link_old(rel)?;
        let e = manifest::entry(rel.to_string(), &old);
        if e.sha256 != last.written {
            self.unlink(rel);
            return None;
        }
        let stamp = cache::Stamp::at(&self.root.join(rel));
        Some((e, cache::Hashes { stamp, ..last.clone() }))
    }

    /// Add the compiled-in files, the `generated` ones (names inside
    /// `static/`, e.g. the site's colours `look.css`) and `static_dir` (a
    /// project's own files replace compiled-in and generated ones of the
    /// same name), write the manifest and the marker, and swap the new site
    /// into place.
    pub fn finish(mut self, static_dir: Option<&Path>, generated: &[(&str, String)]) -> Result<()> {
        let own: Vec<(String, Vec<u8>)> = match static_dir.filter(|s| s.is_dir()) {
            // The files `load` vetted (no link out of the folder, no loop).
            Some(s) => crate::load::static_files(s)
                .0
                .into_iter()
                .map(|rel| {
                    let from = s.join(&rel);
                    fs::read(&from).map(|data| (rel, data)).map_err(|source| Error::Read { path: from, source })
                })
                .collect::<Result<_>>()?,
            None => vec![],
        };
        let compiled = [("style.css", STYLE), ("search.js", SEARCH_JS), ("sort.js", SORT_JS), ("reading.js", READING_JS)];
        for (name, text) in compiled.into_iter().chain(generated.iter().map(|(n, t)| (*n, t.as_str()))) {
            if !own.iter().any(|(rel, _)| rel == name) {
                self.put_bytes(format!("static/{name}"), text.as_bytes(), None)?;
            }
        }
        for (rel, data) in own {
            self.put_bytes(format!("static/{rel}"), &data, None)?;
        }
        let mut entries = std::mem::take(&mut *self.written.lock().expect("written lock"));
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        let next = std::mem::take(&mut *self.next.lock().expect("cache lock"));
        let sha256 = manifest::write(&self.root, &next.generator, entries)?;
        let marker = self.root.join(guard::MARKER);
        fs::write(&marker, guard::marker_for(&sha256).as_bytes()).map_err(werr(&marker))?;
        let staging = self.root.join(stage::STAGING);
        fs::remove_file(&staging).map_err(werr(&staging))?;
        stage::swap_in(&self.root, &self.out)?;
        self.done = true;
        cache::save(&self.out, next)
    }
}

/// A build that stops before [`Writer::finish`] (an error, a full disk)
/// deletes its staging folder; the output folder was never touched.
impl Drop for Writer {
    fn drop(&mut self) {
        if !self.done && self.root.exists() {
            let _ = stage::discard(&self.root);
        }
    }
}

impl Sink for Writer {
    fn put(&self, page: Page) -> Result<()> {
        match &page.bytes {
            Some(b) => self.put_bytes(page.path, b, None),
            None => {
                let rendered = crate::digest::sha256_hex(page.html.as_bytes());
                match self.unchanged(&page.path, Some(&rendered)) {
                    Some((e, hashes)) => {
                        self.record(e, Some(rendered), hashes.stamp);
                        Ok(())
                    }
                    None => self.put_bytes(page.path, &minify(&page.html), Some(rendered)),
                }
            }
        }
    }

    fn reuse(&self, key: &str, fingerprint: &str) -> Option<Arc<Vec<Kept>>> {
        let year = self.last.years.get(key).filter(|y| y.fingerprint == fingerprint)?;
        // Every file or none: a year with one file changed is rendered again
        // (its pages then replace the links made here).
        let found: Vec<_> = year.files.iter().map(|f| self.unchanged(f, None)).collect::<Option<_>>()?;
        for (e, hashes) in found {
            self.record(e, hashes.rendered, hashes.stamp);
        }
        self.next.lock().expect("cache lock").years.insert(key.to_string(), year.clone());
        Some(year.kept.clone())
    }

    fn remember(&self, key: String, fingerprint: String, files: Vec<String>, kept: Arc<Vec<Kept>>) {
        self.next.lock().expect("cache lock").years.insert(key, cache::CachedYear { fingerprint, files, kept });
    }
}

#[cfg(test)]
mod tests {
    use super::{MINIFY_MAX_BYTES, minify};

    #[test]
    fn a_page_above_the_limit_is_written_as_rendered() {
        let small = "<p class=\"a\">x</p>\n\n<p>y</p>";
        assert_eq!(minify(small), b"<p class=a>x</p><p>y</p>");
        let big = format!("<p class=\"a\">x</p>\n{}", "<p>y</p>\n".repeat(MINIFY_MAX_BYTES / 9 + 1));
        assert!(big.len() > MINIFY_MAX_BYTES);
        assert_eq!(minify(&big), big.as_bytes());
    }
}
