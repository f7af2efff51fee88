//! The write stage: minify the pages, add the compiled-in and `static/`
//! files, and put them in the output folder with `manifest.json` last.
//!
//! Two ways, chosen by what the output folder holds:
//!
//! - **Fresh** (no folder, or one without a `manifest.json`): the site is
//!   written into a temporary folder beside the target and swapped in only
//!   when complete, so a failed build leaves the previous folder untouched.
//! - **Update** (a folder a previous build finished — it has a manifest):
//!   the manifest is removed first, files the new site does not have are
//!   deleted, and only files whose bytes differ are written; unchanged files
//!   are not touched (their dates stay). This is the incremental build: the
//!   result is byte-identical to a fresh build (tested), and an update cut
//!   short (disk full) leaves a folder without a manifest, which
//!   `gongkai verify` rejects and the next build rewrites fresh.
//!
//! Bad input never reaches this stage: every check runs before it.

pub mod bundle;
pub mod manifest;

use std::fs;
use std::collections::{BTreeSet, HashSet};
use std::path::Path;

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::render::Page;

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

/// One file of the finished site, relative to its root.
struct File<'a> {
    path: String,
    content: Content<'a>,
}

enum Content<'a> {
    /// An HTML page, minified when written.
    Html(&'a str),
    Bytes(std::borrow::Cow<'a, [u8]>),
}

/// Every file of `dir` (recursively) as `prefix/<relative path>`, sorted.
fn read_static(dir: &Path, prefix: &str) -> Result<Vec<File<'static>>> {
    manifest::files(dir)?
        .into_iter()
        .map(|rel| {
            let path = dir.join(&rel);
            let data = fs::read(&path).map_err(|source| Error::Read { path, source })?;
            Ok(File { path: format!("{prefix}/{rel}"), content: Content::Bytes(data.into()) })
        })
        .collect()
}

/// The pages and the static files, in the order written: a project's own
/// `static/` files replace the compiled-in ones of the same name.
fn site_files<'a>(pages: &'a [Page], static_dir: Option<&Path>) -> Result<Vec<File<'a>>> {
    let mut files: Vec<File> = pages
        .iter()
        .map(|p| File {
            path: p.path.clone(),
            content: match &p.bytes {
                Some(b) => Content::Bytes(b.as_slice().into()),
                None => Content::Html(&p.html),
            },
        })
        .collect();
    let own = match static_dir.filter(|s| s.is_dir()) {
        Some(s) => read_static(s, "static")?,
        None => vec![],
    };
    for (name, text) in [("style.css", STYLE), ("search.js", SEARCH_JS), ("sort.js", SORT_JS)] {
        let path = format!("static/{name}");
        if !own.iter().any(|f| f.path == path) {
            files.push(File { path, content: Content::Bytes(text.as_bytes().into()) });
        }
    }
    files.extend(own);
    Ok(files)
}

/// Create every folder the files need, parents first.
fn make_dirs(root: &Path, files: &[File]) -> Result<()> {
    let dirs: BTreeSet<&str> = files.iter().filter_map(|f| f.path.rsplit_once('/').map(|(d, _)| d)).collect();
    for d in dirs {
        let path = root.join(d);
        fs::create_dir_all(&path).map_err(werr(&path))?;
    }
    Ok(())
}

/// Write one file (in `update` mode only if its bytes differ from what is
/// there) and return its manifest entry.
fn put(root: &Path, f: &File, update: bool) -> Result<manifest::Entry> {
    let minified;
    let data: &[u8] = match &f.content {
        Content::Html(h) => {
            minified = minify(h);
            &minified
        }
        Content::Bytes(b) => b,
    };
    let path = root.join(&f.path);
    let same = update && fs::metadata(&path).is_ok_and(|m| m.is_file() && m.len() == data.len() as u64) && fs::read(&path).is_ok_and(|old| old == data);
    if !same {
        fs::write(&path, data).map_err(werr(&path))?;
    }
    Ok(manifest::entry(f.path.clone(), data))
}

/// Delete what `root` holds that is not in `keep` (files) or `dirs`.
fn prune(root: &Path, rel: &str, keep: &HashSet<&str>, dirs: &HashSet<&str>) -> Result<()> {
    let dir = if rel.is_empty() { root.to_path_buf() } else { root.join(rel) };
    for e in fs::read_dir(&dir).map_err(|source| Error::Read { path: dir.clone(), source })? {
        let e = e.map_err(|source| Error::Read { path: dir.clone(), source })?;
        let name = e.file_name().to_string_lossy().into_owned();
        let sub = if rel.is_empty() { name } else { format!("{rel}/{name}") };
        let path = e.path();
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            if dirs.contains(sub.as_str()) {
                prune(root, &sub, keep, dirs)?;
            } else {
                fs::remove_dir_all(&path).map_err(werr(&path))?;
            }
        } else if !keep.contains(sub.as_str()) {
            fs::remove_file(&path).map_err(werr(&path))?;
        }
    }
    Ok(())
}

/// Every folder on the way to each file: `a/b/c.html` needs `a` and `a/b`.
fn needed_dirs<'a>(files: &'a [File]) -> HashSet<&'a str> {
    let mut dirs = HashSet::new();
    for f in files {
        let mut p = f.path.as_str();
        while let Some((d, _)) = p.rsplit_once('/') {
            if !dirs.insert(d) {
                break;
            }
            p = d;
        }
    }
    dirs
}

/// Write every file into `root` (in parallel) and then its manifest.
fn write_all(root: &Path, files: &[File], update: bool, generator: &str) -> Result<()> {
    make_dirs(root, files)?;
    let mut entries: Vec<manifest::Entry> = files.par_iter().map(|f| put(root, f, update)).collect::<Result<_>>()?;
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    manifest::write(root, generator, entries)
}

/// Write `pages` and `static_dir` into `out` (see the module doc for how).
pub fn write_site(out: &Path, pages: &[Page], static_dir: Option<&Path>, generator: &str) -> Result<()> {
    let files = site_files(pages, static_dir)?;
    if out.join(manifest::NAME).is_file() {
        let listed = out.join(manifest::NAME);
        fs::remove_file(&listed).map_err(werr(&listed))?;
        let keep: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
        prune(out, "", &keep, &needed_dirs(&files))?;
        return write_all(out, &files, true, generator);
    }
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(werr(parent))?;
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    let tmp = tempfile::Builder::new().prefix(&format!(".{name}.building-")).tempdir_in(parent).map_err(werr(parent))?;
    write_all(tmp.path(), &files, false, generator)?;
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
