//! `manifest.json`: every file of a built site with its size and SHA-256,
//! so a reviewer can prove a delivered folder is the one that was built
//! (`gongkai verify <dir>`). Paths are relative, with `/`, sorted.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::digest::sha256_hex;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The manifest's own file name (not listed in itself).
pub const NAME: &str = "manifest.json";

/// `manifest.json`.
#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    /// gongkai name and version that built the site.
    pub generator: String,
    /// Every file but the manifest and the marker, sorted by path.
    pub files: Vec<Entry>,
}

/// One file of a site.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct Entry {
    /// Relative to the site's top, with `/`.
    pub path: String,
    /// Its size.
    pub bytes: u64,
    /// Its SHA-256, lowercase hex.
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
        .filter(|rel| !unlisted(rel))
        .map(|rel| {
            let path = root.join(&rel);
            let data = fs::read(&path).map_err(|source| Error::Read { path: path.clone(), source })?;
            Ok(entry(rel, &data))
        })
        .collect()
}

/// Write `root/manifest.json` listing `files` (sorted by path, as written);
/// returns its SHA-256 in hex (the marker seals it, [`super::guard`]).
pub fn write(root: &Path, generator: &str, files: Vec<Entry>) -> Result<String> {
    use sha2::Digest as _;
    use std::io::Write as _;
    let m = Manifest { generator: generator.to_string(), files };
    let path = root.join(NAME);
    let werr = |source| Error::Write { path: path.clone(), source };
    // Written as it is serialised (tens of MB at city scale), hashed on the way.
    let mut w = crate::digest::Tee { out: std::io::BufWriter::new(fs::File::create(&path).map_err(werr)?), hash: sha2::Sha256::new() };
    serde_json::to_writer_pretty(&mut w, &m).map_err(|e| werr(e.into()))?;
    w.write_all(b"\n").and_then(|_| w.out.flush()).map_err(werr)?;
    Ok(crate::digest::hex(&w.hash.finalize()))
}

/// Files of a site that its manifest does not list: the manifest itself and
/// gongkai's marker.
fn unlisted(rel: &str) -> bool {
    rel == NAME || rel == super::guard::MARKER
}

/// What `verify` found.
#[derive(Debug, Default)]
pub struct Verification {
    /// How many files the manifest lists.
    pub checked: usize,
    /// Listed but absent.
    pub missing: Vec<String>,
    /// Present with other content (size or hash differs).
    pub modified: Vec<String>,
    /// Present but not listed.
    pub extra: Vec<String>,
    /// gongkai's marker is there but does not seal this manifest (the
    /// manifest was edited after the build).
    pub resealed: bool,
}

impl Verification {
    /// Everything matches.
    pub fn ok(&self) -> bool {
        self.missing.is_empty() && self.modified.is_empty() && self.extra.is_empty() && !self.resealed
    }
}

/// Why a folder cannot be verified at all, in words a reviewer can act on.
fn unverifiable(root: &Path) -> String {
    let dir = root.display();
    let rebuild = format!("在内容所在的目录重新运行 gongkai build --out {dir}，会得到完整的网站和新的清单");
    let left = super::stage::leftovers(root);
    if !root.exists() {
        if left.is_empty() {
            return format!("文件夹 {dir} 不存在");
        }
        return format!("文件夹 {dir} 不存在，旁边留有中断的构建（{}）：上一次构建在替换网站时被中断。{rebuild}（它会先把旧网站放回原处）", left[0].display());
    }
    if !left.is_empty() {
        return format!("{dir} 里没有 manifest.json，旁边留有中断的构建（{}）：上一次构建没有完成。{rebuild}", left[0].display());
    }
    format!("{dir} 里没有 manifest.json：它不是 gongkai 生成的网站，或是旧版 gongkai 更新到一半被中断的网站。{rebuild}")
}

/// Check the folder `root` against its `manifest.json`.
pub fn verify(root: &Path) -> Result<Verification> {
    let path = root.join(NAME);
    let Ok(json) = fs::read(&path) else {
        return Err(Error::Manifest { path, message: unverifiable(root) });
    };
    let m: Manifest =
        serde_json::from_slice(&json).map_err(|e| Error::Manifest { path: path.clone(), message: format!("不是 gongkai 生成的清单（{e}）") })?;
    let listed: BTreeMap<&str, &Entry> = m.files.iter().map(|e| (e.path.as_str(), e)).collect();
    let found = scan(root)?;
    let present: BTreeMap<&str, &Entry> = found.iter().map(|e| (e.path.as_str(), e)).collect();
    let resealed = super::guard::sealed(root, &json) == Some(false);
    let mut v = Verification { checked: listed.len(), resealed, ..Default::default() };
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
