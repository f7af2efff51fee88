//! The build cache that makes rebuilds incremental. It records, for the
//! build just finished:
//!
//! - every file written, with its SHA-256 (and for a page, the SHA-256 of
//!   the page as rendered, before minifying);
//! - every unit/year: the fingerprint of what its pages depend on, its files
//!   and what the site-wide pages need of them ([`Kept`]).
//!
//! The next build into the same folder reuses a unit/year whose fingerprint
//! is unchanged and whose files on disk still have the recorded hashes, and
//! does not minify again a page rendered the same as before.
//!
//! The cache lives beside the output folder (`.public.gongkai-cache.json`
//! for `public/`), never in it, so the site is the same with or without it.
//! It is only a shortcut: a missing, old or damaged cache, or an edited
//! file, just means that part is made as in a fresh build.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::render::Kept;

/// The hashes of one file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Hashes {
    /// SHA-256 of the page as rendered (pages only).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub rendered: Option<String>,
    /// SHA-256 of the file as written.
    pub written: String,
}

/// How one unit/year was made.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Year {
    pub fingerprint: String,
    pub files: Vec<String>,
    pub kept: Arc<Vec<Kept>>,
}

/// The cache of one output folder.
#[derive(Default, Serialize, Deserialize)]
pub struct Cache {
    /// gongkai name and version (another version may render differently).
    pub generator: String,
    pub files: HashMap<String, Hashes>,
    pub years: HashMap<String, Year>,
}

/// Where the cache of the output folder `out` lives.
pub fn path(out: &Path) -> PathBuf {
    let (parent, name) = super::beside(out);
    parent.join(format!(".{name}.gongkai-cache.json"))
}

/// The cache of `out` from a build by this `generator`; empty when there is
/// none or it cannot be used.
pub fn load(out: &Path, generator: &str) -> Cache {
    let Ok(text) = fs::read_to_string(path(out)) else { return Cache::default() };
    match serde_json::from_str::<Cache>(&text) {
        Ok(c) if c.generator == generator => c,
        _ => Cache::default(),
    }
}

/// Record the build just finished (sorted, so the same build gives the
/// same cache file).
pub fn save(out: &Path, cache: Cache) -> Result<()> {
    #[derive(Serialize)]
    struct Sorted {
        generator: String,
        files: BTreeMap<String, Hashes>,
        years: BTreeMap<String, Year>,
    }
    let sorted = Sorted { generator: cache.generator, files: cache.files.into_iter().collect(), years: cache.years.into_iter().collect() };
    let p = path(out);
    let werr = |source| Error::Write { path: p.clone(), source };
    let mut w = BufWriter::new(fs::File::create(&p).map_err(werr)?);
    serde_json::to_writer(&mut w, &sorted).map_err(|e| werr(e.into()))?;
    w.flush().map_err(werr)
}
