//! The write stage: minify the pages, copy `static/`, and replace the output
//! folder atomically — the site is built in a temporary folder beside the
//! target and swapped in only when complete, so a failed build leaves the
//! previous output untouched. The last file written is `manifest.json`
//! ([`manifest`]), listing every other file with its SHA-256.

pub mod bundle;
pub mod manifest;

use std::fs;
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

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to).map_err(werr(to))?;
    let mut entries: Vec<_> = fs::read_dir(from).map_err(|source| Error::Read { path: from.to_path_buf(), source })?.filter_map(|e| e.ok()).collect();
    entries.sort_by_key(|e| e.path());
    for e in entries {
        let src = e.path();
        let dst = to.join(e.file_name());
        if src.is_dir() {
            copy_dir(&src, &dst)?;
        } else {
            fs::copy(&src, &dst).map_err(werr(&dst))?;
        }
    }
    Ok(())
}

/// Write `pages` and `static_dir` into `out`, replacing it atomically.
pub fn write_site(out: &Path, pages: &[Page], static_dir: Option<&Path>, generator: &str) -> Result<()> {
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(werr(parent))?;
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    let tmp = tempfile::Builder::new().prefix(&format!(".{name}.building-")).tempdir_in(parent).map_err(werr(parent))?;
    pages.par_iter().try_for_each(|p| -> Result<()> {
        let path = tmp.path().join(&p.path);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(werr(dir))?;
        }
        match &p.bytes {
            Some(b) => fs::write(&path, b),
            None => fs::write(&path, minify(&p.html)),
        }
        .map_err(werr(&path))
    })?;
    let static_out = tmp.path().join("static");
    fs::create_dir_all(&static_out).map_err(werr(&static_out))?;
    fs::write(static_out.join("style.css"), STYLE).map_err(werr(&static_out))?;
    fs::write(static_out.join("search.js"), SEARCH_JS).map_err(werr(&static_out))?;
    fs::write(static_out.join("sort.js"), SORT_JS).map_err(werr(&static_out))?;
    if let Some(s) = static_dir.filter(|s| s.is_dir()) {
        copy_dir(s, &static_out)?;
    }
    manifest::write(tmp.path(), generator)?;
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
