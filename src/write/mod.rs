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

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tempfile::TempDir;

use crate::error::{Error, Result};
use crate::render::{Page, Sink};

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
    /// The last build's page hashes (update only) and this build's.
    cache: HashMap<String, cache::Hashes>,
    cached: Mutex<Vec<(String, cache::Hashes)>>,
    generator: String,
}

impl Writer {
    /// Start writing into `out`: update it if a previous build finished
    /// there, else stage a fresh folder beside it.
    pub fn open(out: &Path, generator: &str) -> Result<Writer> {
        let listed = out.join(manifest::NAME);
        let mut last = HashMap::new();
        let (root, staged) = if listed.is_file() {
            last = cache::load(out, generator);
            fs::remove_file(&listed).map_err(werr(&listed))?;
            (out.to_path_buf(), None)
        } else {
            let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            fs::create_dir_all(parent).map_err(werr(parent))?;
            let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
            let tmp = tempfile::Builder::new().prefix(&format!(".{name}.building-")).tempdir_in(parent).map_err(werr(parent))?;
            (tmp.path().to_path_buf(), Some(tmp))
        };
        let _ = fs::remove_file(cache::path(out));
        Ok(Writer { out: out.to_path_buf(), root, staged, written: Mutex::default(), dirs: Mutex::default(), cache: last, cached: Mutex::default(), generator: generator.to_string() })
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
    /// what is there) and record its manifest entry; returns its SHA-256.
    fn put_bytes(&self, rel: String, data: &[u8]) -> Result<String> {
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
        Ok(self.record(rel, data))
    }

    /// Add a file now in place to the manifest; returns its SHA-256.
    fn record(&self, rel: String, data: &[u8]) -> String {
        let e = manifest::entry(rel, data);
        let sha = e.sha256.clone();
        self.written.lock().expect("written lock").push(e);
        sha
    }

    /// When updating: the file of a page rendered as last time, if it still
    /// holds what was written then.
    fn unchanged(&self, rel: &str, rendered: &str) -> Option<Vec<u8>> {
        let last = self.cache.get(rel).filter(|h| h.rendered == rendered)?;
        let old = fs::read(self.root.join(rel)).ok()?;
        (manifest::sha256_hex(&old) == last.written).then_some(old)
    }

    /// Add the compiled-in files and `static_dir` (a project's own files
    /// replace compiled-in ones of the same name), delete what an update
    /// left over, write the manifest, and swap a fresh folder into place.
    pub fn finish(self, static_dir: Option<&Path>) -> Result<()> {
        let own = match static_dir.filter(|s| s.is_dir()) {
            Some(s) => manifest::files(s)?,
            None => vec![],
        };
        for (name, text) in [("style.css", STYLE), ("search.js", SEARCH_JS), ("sort.js", SORT_JS)] {
            if !own.iter().any(|f| f == name) {
                self.put_bytes(format!("static/{name}"), text.as_bytes())?;
            }
        }
        for rel in own {
            let from = static_dir.expect("own files come from static_dir").join(&rel);
            let data = fs::read(&from).map_err(|source| Error::Read { path: from.clone(), source })?;
            self.put_bytes(format!("static/{rel}"), &data)?;
        }
        let mut entries = self.written.into_inner().expect("written lock");
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        if self.staged.is_none() {
            let keep: HashSet<&str> = entries.iter().map(|e| e.path.as_str()).collect();
            prune(&self.root, "", &keep)?;
        }
        manifest::write(&self.root, &self.generator, entries)?;
        if let Some(tmp) = self.staged {
            swap_in(tmp, &self.out)?;
        }
        cache::save(&self.out, &self.generator, self.cached.into_inner().expect("cache lock"))
    }
}

impl Sink for Writer {
    fn put(&self, page: Page) -> Result<()> {
        match &page.bytes {
            Some(b) => self.put_bytes(page.path, b).map(|_| ()),
            None => {
                let rendered = manifest::sha256_hex(page.html.as_bytes());
                let written = match self.unchanged(&page.path, &rendered) {
                    Some(old) => self.record(page.path.clone(), &old),
                    None => self.put_bytes(page.path.clone(), &minify(&page.html))?,
                };
                self.cached.lock().expect("cache lock").push((page.path, cache::Hashes { rendered, written }));
                Ok(())
            }
        }
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
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
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
