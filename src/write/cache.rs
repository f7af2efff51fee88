//! The minify cache that makes rebuilds incremental: for each HTML page of
//! the last build, the SHA-256 of the page as rendered and of the file as
//! written. A page rendered the same as last time whose file on disk still
//! has the recorded hash is neither minified nor written again.
//!
//! The cache lives beside the output folder (`.public.gongkai-cache.json`
//! for `public/`), never in it, so the site is the same with or without it.
//! It is only a shortcut: a missing, old or damaged cache, or an edited
//! file, just means that page is minified and written as in a fresh build.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The two hashes of one page.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Hashes {
    pub rendered: String,
    pub written: String,
}

#[derive(Serialize, Deserialize)]
struct File {
    /// gongkai name and version (another version may minify differently).
    generator: String,
    pages: BTreeMap<String, Hashes>,
}

/// Where the cache of the output folder `out` lives.
pub fn path(out: &Path) -> PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    out.with_file_name(format!(".{name}.gongkai-cache.json"))
}

/// The cache of `out` from a build by this `generator`; empty when there is
/// none or it cannot be used.
pub fn load(out: &Path, generator: &str) -> HashMap<String, Hashes> {
    let Ok(text) = fs::read_to_string(path(out)) else { return HashMap::new() };
    match serde_json::from_str::<File>(&text) {
        Ok(f) if f.generator == generator => f.pages.into_iter().collect(),
        _ => HashMap::new(),
    }
}

/// Record the pages of the build just finished.
pub fn save(out: &Path, generator: &str, pages: Vec<(String, Hashes)>) -> Result<()> {
    let f = File { generator: generator.to_string(), pages: pages.into_iter().collect() };
    let json = serde_json::to_string(&f).map_err(|e| Error::Render(e.to_string()))?;
    let p = path(out);
    fs::write(&p, json).map_err(|source| Error::Write { path: p, source })
}
