//! The write stage: minify each page as the renderer hands it over, write
//! it, add the compiled-in and `static/` files, and finish with
//! `manifest.json`. Pages stream through ([`Writer`] is the renderer's
//! [`Sink`]), so a city-scale site is never held in memory whole.
//!
//! Two ways, chosen by what the output folder holds:
//!
//! - **Fresh** (no folder, or one without a `manifest.json`): the site is
//!   written into a temporary folder beside the target and swapped in only
//!   when complete, so a failed build leaves the previous folder untouched.
//! - **Update** (a folder a previous build finished — it has a manifest):
//!   the manifest is removed first, only files whose bytes differ are
//!   written, and files the new site does not have are deleted at the end;
//!   unchanged files are not touched (their dates stay). This is the
//!   incremental build: the result is byte-identical to a fresh build
//!   (tested), and an update cut short (disk full) leaves a folder without a
//!   manifest, which `gongkai verify` rejects and the next build rewrites
//!   fresh.
//!
//! Bad input never reaches this stage: every check runs before it.

pub mod bundle;
pub mod cache;
pub mod manifest;

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tempfile::TempDir;

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

/// Minify one HTML page. Inline SVG inside HTML is safe to minify; standalone
/// `.svg` files are never passed here.
pub fn minify(html: &str) -> Vec<u8> {
    let cfg = minify_html::Cfg { minify_css: true, minify_js: false, keep_closing_tags: true, keep_html_and_head_opening_tags: true, ..Default::default() };
    minify_html::minify(html.as_bytes(), &cfg)
}

/// The folder the output folder `out` is in, and its name: the staging
/// folder, the old tree during the swap and the build cache sit beside it
/// as `.<name>.…`.
pub(crate) fn beside(out: &Path) -> (&Path, String) {
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    (parent, name)
}

/// Writes a site into its output folder (see the module doc).
pub struct Writer {
    out: PathBuf,
    /// Where files go: the staging folder (fresh) or `out` itself (update).
    root: PathBuf,
    staged: Option<TempDir>,
    /// Manifest entries of the files written so far.
    written: Mutex<Vec<manifest::Entry>>,
    /// Folders known to exist below `root`.
    dirs: Mutex<HashSet<PathBuf>>,
    /// The last build's cache (empty unless updating) and this build's.
    last: cache::Cache,
    next: Mutex<cache::Cache>,
}

impl Writer {
    /// Start writing into `out`: update it if a previous build finished
    /// there, else stage a fresh folder beside it.
    pub fn open(out: &Path, generator: &str) -> Result<Writer> {
        let listed = out.join(manifest::NAME);
        let mut last = cache::Cache::default();
        let (root, staged) = if listed.is_file() {
            last = cache::load(out, generator);
            fs::remove_file(&listed).map_err(werr(&listed))?;
            (out.to_path_buf(), None)
        } else {
            let (parent, name) = beside(out);
            fs::create_dir_all(parent).map_err(werr(parent))?;
            let tmp = tempfile::Builder::new().prefix(&format!(".{name}.building-")).tempdir_in(parent).map_err(werr(parent))?;
            (tmp.path().to_path_buf(), Some(tmp))
        };
        let _ = fs::remove_file(cache::path(out));
        let next = cache::Cache { generator: generator.to_string(), ..Default::default() };
        Ok(Writer { out: out.to_path_buf(), root, staged, written: Mutex::default(), dirs: Mutex::default(), last, next: Mutex::new(next) })
    }

    fn updating(&self) -> bool {
        self.staged.is_none()
    }

    /// Make sure `dir` (below the root) exists. When updating, an old file
    /// standing where a folder is now needed is removed.
    fn ensure_dir(&self, dir: &Path) -> Result<()> {
        if self.dirs.lock().expect("dirs lock").contains(dir) {
            return Ok(());
        }
        if let Err(e) = fs::create_dir_all(dir) {
            let blocker = dir.ancestors().take_while(|a| a.starts_with(&self.root) && *a != self.root).find(|a| a.is_file());
            match blocker {
                Some(file) if self.updating() => {
                    fs::remove_file(file).map_err(werr(file))?;
                    fs::create_dir_all(dir).map_err(werr(dir))?;
                }
                _ => return Err(Error::Write { path: dir.to_path_buf(), source: e }),
            }
        }
        self.dirs.lock().expect("dirs lock").insert(dir.to_path_buf());
        Ok(())
    }

    /// Write one file's bytes (when updating, only if they differ from
    /// what is there) and record it; `rendered` is the hash of a page as
    /// rendered.
    fn put_bytes(&self, rel: String, data: &[u8], rendered: Option<String>) -> Result<()> {
        let path = self.root.join(&rel);
        if let Some(dir) = path.parent() {
            self.ensure_dir(dir)?;
        }
        let same = self.updating() && fs::metadata(&path).is_ok_and(|m| m.is_file() && m.len() == data.len() as u64) && fs::read(&path).is_ok_and(|old| old == data);
        if !same {
            if self.updating() && path.is_dir() {
                fs::remove_dir_all(&path).map_err(werr(&path))?;
            }
            fs::write(&path, data).map_err(werr(&path))?;
        }
        self.record(manifest::entry(rel, data), rendered);
        Ok(())
    }

    /// Add a file now in place to the manifest and the cache.
    fn record(&self, e: manifest::Entry, rendered: Option<String>) {
        let hashes = cache::Hashes { rendered, written: e.sha256.clone() };
        self.next.lock().expect("cache lock").files.insert(e.path.clone(), hashes);
        self.written.lock().expect("written lock").push(e);
    }

    /// When updating: the file `rel` as the last build wrote it, if it is
    /// still there unchanged (and, for a page, was rendered as `rendered`).
    fn unchanged(&self, rel: &str, rendered: Option<&str>) -> Option<(manifest::Entry, cache::Hashes)> {
        let last = self.last.files.get(rel).filter(|h| rendered.is_none() || h.rendered.as_deref() == rendered)?;
        let old = fs::read(self.root.join(rel)).ok()?;
        let e = manifest::entry(rel.to_string(), &old);
        (e.sha256 == last.written).then(|| (e, last.clone()))
    }

    /// Add the compiled-in files and `static_dir` (a project's own files
    /// replace compiled-in ones of the same name), delete what an update
    /// left over, write the manifest, and swap a fresh folder into place.
    pub fn finish(self, static_dir: Option<&Path>) -> Result<()> {
        let own: Vec<(String, Vec<u8>)> = match static_dir.filter(|s| s.is_dir()) {
            Some(s) => manifest::files(s)?
                .into_iter()
                .map(|rel| {
                    let from = s.join(&rel);
                    fs::read(&from).map(|data| (rel, data)).map_err(|source| Error::Read { path: from, source })
                })
                .collect::<Result<_>>()?,
            None => vec![],
        };
        for (name, text) in [("style.css", STYLE), ("search.js", SEARCH_JS), ("sort.js", SORT_JS)] {
            if !own.iter().any(|(rel, _)| rel == name) {
                self.put_bytes(format!("static/{name}"), text.as_bytes(), None)?;
            }
        }
        for (rel, data) in own {
            self.put_bytes(format!("static/{rel}"), &data, None)?;
        }
        let mut entries = self.written.into_inner().expect("written lock");
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        if self.staged.is_none() {
            let keep: HashSet<&str> = entries.iter().map(|e| e.path.as_str()).collect();
            prune(&self.root, "", &keep)?;
        }
        let next = self.next.into_inner().expect("cache lock");
        manifest::write(&self.root, &next.generator, entries)?;
        if let Some(tmp) = self.staged {
            swap_in(tmp, &self.out)?;
        }
        cache::save(&self.out, next)
    }
}

impl Sink for Writer {
    fn put(&self, page: Page) -> Result<()> {
        match &page.bytes {
            Some(b) => self.put_bytes(page.path, b, None),
            None => {
                let rendered = crate::digest::sha256_hex(page.html.as_bytes());
                match self.unchanged(&page.path, Some(&rendered)) {
                    Some((e, _)) => {
                        self.record(e, Some(rendered));
                        Ok(())
                    }
                    None => self.put_bytes(page.path, &minify(&page.html), Some(rendered)),
                }
            }
        }
    }

    fn reuse(&self, key: &str, fingerprint: &str) -> Option<Arc<Vec<Kept>>> {
        let year = self.last.years.get(key).filter(|y| y.fingerprint == fingerprint)?;
        let found: Vec<_> = year.files.iter().map(|f| self.unchanged(f, None)).collect::<Option<_>>()?;
        for (e, hashes) in found {
            self.record(e, hashes.rendered);
        }
        self.next.lock().expect("cache lock").years.insert(key.to_string(), year.clone());
        Some(year.kept.clone())
    }

    fn remember(&self, key: String, fingerprint: String, files: Vec<String>, kept: Arc<Vec<Kept>>) {
        self.next.lock().expect("cache lock").years.insert(key, cache::Year { fingerprint, files, kept });
    }
}

/// Delete every file below `root/rel` that is not in `keep`, and every
/// folder left empty. Returns whether `root/rel` is now empty.
fn prune(root: &Path, rel: &str, keep: &HashSet<&str>) -> Result<bool> {
    let dir = if rel.is_empty() { root.to_path_buf() } else { root.join(rel) };
    let mut empty = true;
    for e in fs::read_dir(&dir).map_err(|source| Error::Read { path: dir.clone(), source })? {
        let e = e.map_err(|source| Error::Read { path: dir.clone(), source })?;
        let name = e.file_name().to_string_lossy().into_owned();
        let sub = if rel.is_empty() { name } else { format!("{rel}/{name}") };
        let path = e.path();
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            if prune(root, &sub, keep)? {
                fs::remove_dir(&path).map_err(werr(&path))?;
            } else {
                empty = false;
            }
        } else if keep.contains(sub.as_str()) {
            empty = false;
        } else {
            fs::remove_file(&path).map_err(werr(&path))?;
        }
    }
    Ok(empty)
}

/// Replace `out` with the finished staging folder.
fn swap_in(tmp: TempDir, out: &Path) -> Result<()> {
    let (parent, name) = beside(out);
    let staged = tmp.keep();
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    if out.exists() {
        fs::rename(out, &old).map_err(werr(out))?;
    }
    if let Err(source) = fs::rename(&staged, out) {
        if old.exists() {
            let _ = fs::rename(&old, out);
        }
        let _ = fs::remove_dir_all(&staged);
        return Err(Error::Write { path: out.to_path_buf(), source });
    }
    if old.exists() {
        fs::remove_dir_all(&old).map_err(werr(&old))?;
    }
    Ok(())
}
