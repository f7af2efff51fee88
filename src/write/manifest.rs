//! `manifest.json`: every file of a built site with its size and SHA-256,
//! so a reviewer can prove a delivered folder is the one that was built
//! (`gongkai verify <dir>`). Paths are relative, with `/`, sorted.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use crate::digest::sha256_hex;

use crate::error::{Error, Result};

/// The manifest's own file name (not listed in itself).
pub const NAME: &str = "manifest.json";

#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    /// gongkai name and version that built the site.
    pub generator: String,
    pub files: Vec<Entry>,
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct Entry {
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<()> {
    let entries = fs::read_dir(dir).map_err(|source| Error::Read { path: dir.to_path_buf(), source })?;
    for e in entries {
        let e = e.map_err(|source| Error::Read { path: dir.to_path_buf(), source })?;
        let p = e.path();
        if p.is_dir() {
            walk(root, &p, out)?;
        } else {
            out.push(p.strip_prefix(root).unwrap_or(&p).to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}

/// Every file below `root`: relative paths with `/`, sorted.
pub fn files(root: &Path) -> Result<Vec<String>> {
    let mut out = vec![];
    walk(root, root, &mut out)?;
    out.sort();
    Ok(out)
}

/// The manifest entry of a file with this content.
pub fn entry(path: String, data: &[u8]) -> Entry {
    Entry { path, bytes: data.len() as u64, sha256: sha256_hex(data) }
}

/// Hash every file below `root`.
pub fn scan(root: &Path) -> Result<Vec<Entry>> {
    files(root)?
        .into_par_iter()
        .filter(|rel| rel != NAME)
        .map(|rel| {
            let path = root.join(&rel);
            let data = fs::read(&path).map_err(|source| Error::Read { path: path.clone(), source })?;
            Ok(entry(rel, &data))
        })
        .collect()
}

/// Write `root/manifest.json` listing `files` (sorted by path, as written).
pub fn write(root: &Path, generator: &str, files: Vec<Entry>) -> Result<()> {
    let m = Manifest { generator: generator.to_string(), files };
    let path = root.join(NAME);
    let json = serde_json::to_string_pretty(&m).map_err(|e| Error::Render(e.to_string()))?;
    fs::write(&path, json + "\n").map_err(|source| Error::Write { path, source })
}

/// What `verify` found.
#[derive(Debug, Default)]
pub struct Verification {
    pub checked: usize,
    /// Listed but absent.
    pub missing: Vec<String>,
    /// Present with other content (size or hash differs).
    pub modified: Vec<String>,
    /// Present but not listed.
    pub extra: Vec<String>,
}

impl Verification {
    pub fn ok(&self) -> bool {
        self.missing.is_empty() && self.modified.is_empty() && self.extra.is_empty()
    }
}

/// Check the folder `root` against its `manifest.json`.
pub fn verify(root: &Path) -> Result<Verification> {
    let path = root.join(NAME);
    let text = fs::read_to_string(&path).map_err(|source| Error::Read { path: path.clone(), source })?;
    let m: Manifest = serde_json::from_str(&text).map_err(|e| Error::Manifest { path: path.clone(), message: e.to_string() })?;
    let listed: BTreeMap<&str, &Entry> = m.files.iter().map(|e| (e.path.as_str(), e)).collect();
    let found = scan(root)?;
    let present: BTreeMap<&str, &Entry> = found.iter().map(|e| (e.path.as_str(), e)).collect();
    let mut v = Verification { checked: listed.len(), ..Default::default() };
    for (p, e) in &listed {
        match present.get(p) {
            None => v.missing.push(p.to_string()),
            Some(f) if f != e => v.modified.push(p.to_string()),
            Some(_) => {}
        }
    }
    v.extra = present.keys().filter(|p| !listed.contains_key(*p)).map(|p| p.to_string()).collect();
    Ok(v)
}
