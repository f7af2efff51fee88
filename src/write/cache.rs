//! The build cache that makes rebuilds incremental. It records, for the
//! build just finished:
//!
//! - every file written, with its SHA-256 (and for a page, the SHA-256 of
//!   the page as rendered, before minifying) and its [`Stamp`] (size, date
//!   and inode);
//! - every unit/year: the fingerprint of what its pages depend on, its files
//!   and what the site-wide pages need of them ([`Kept`]).
//!
//! The next build into the same folder reuses a unit/year whose fingerprint
//! is unchanged and whose files on disk are still as recorded, and does not
//! minify again a page rendered the same as before. A file whose stamp is
//! unchanged is trusted without reading it (an update need not read the
//! whole site); one whose stamp differs is read and its SHA-256 compared.
//! `gongkai verify` always reads every file.
//!
//! The cache lives beside the output folder (`.public.gongkai-cache.json`
//! for `public/`), never in it, so the site is the same with or without it.
//! It is only a shortcut: a missing, old or damaged cache, or an edited
//! file, just means that part is made as in a fresh build.
//!
//! The cache is sealed with an HMAC-SHA-256 under a key of the person
//! building (`$XDG_CACHE_HOME/gongkai/cache-key`, else on Windows
//! `%LOCALAPPDATA%\gongkai\cache-key`, else
//! `~/.cache/gongkai/cache-key`, made on first use), so that someone who
//! can write to the output's folder cannot edit a page and the cache to
//! match and have the edit survive a rebuild: a cache whose seal does not
//! verify is ignored. Without a home folder there is no cache.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::{BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use hmac::{Hmac, Mac as _};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

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
    /// Its size, date and inode as this build left it: the next build
    /// trusts a file whose stamp is unchanged without reading it.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub stamp: Option<Stamp>,
}

/// What a file's metadata says about it: size, modification time and
/// inode. Writing a file by hand changes its date (and usually its size or
/// inode), so an unchanged stamp is taken to mean unchanged bytes; only
/// someone who also sets the date back can slip an edit past an update —
/// `gongkai verify` reads every file and still finds it.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub struct Stamp {
    /// Size in bytes.
    pub bytes: u64,
    /// Modification time, nanoseconds since 1970.
    pub modified: i64,
    /// The inode number (a file replaced by another has another).
    pub inode: u64,
}

impl Stamp {
    /// The stamp of a regular file (`None` for anything else, or where the
    /// platform gives no inode).
    pub fn of(m: &fs::Metadata) -> Option<Stamp> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let modified = m.mtime().checked_mul(1_000_000_000)?.checked_add(m.mtime_nsec())?;
            m.is_file().then_some(Stamp { bytes: m.len(), modified, inode: m.ino() })
        }
        #[cfg(not(unix))]
        {
            let _ = m;
            None
        }
    }

    /// The stamp of the file at `path` (not following a link).
    pub fn at(path: &Path) -> Option<Stamp> {
        fs::symlink_metadata(path).ok().as_ref().and_then(Stamp::of)
    }
}

/// How one unit/year was made.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CachedYear {
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
    pub years: HashMap<String, CachedYear>,
}

/// Where the cache of the output folder `out` lives.
pub fn path(out: &Path) -> PathBuf {
    let (parent, name) = super::stage::beside(out);
    parent.join(format!(".{name}.gongkai-cache.json"))
}

/// The first line of a cache file, before its seal.
const HEADER: &[u8] = b"gongkai-cache 1 ";

type Mac = Hmac<Sha256>;

/// The builder's own key, made on first use; `None` without a home folder.
fn key() -> Option<Vec<u8>> {
    let dir = std::env::var_os("XDG_CACHE_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        // Windows: the user's local application data folder.
        .or_else(|| std::env::var_os("LOCALAPPDATA").filter(|d| !d.is_empty()).map(PathBuf::from))
        .or_else(|| std::env::var_os("HOME").filter(|h| !h.is_empty()).map(|h| PathBuf::from(h).join(".cache")))?
        .join("gongkai");
    let path = dir.join("cache-key");
    if let Some(k) = fs::read(&path).ok().map(|k| k.trim_ascii().to_vec()).filter(|k| k.len() >= 32) {
        return Some(k);
    }
    let mut raw = [0u8; 32];
    getrandom::fill(&mut raw).ok()?;
    fs::create_dir_all(&dir).ok()?;
    let tmp = tempfile::NamedTempFile::new_in(&dir).ok()?;
    fs::write(tmp.path(), crate::digest::hex(&raw)).ok()?;
    // Two builds making the key at once: the first one's stays, both use it.
    let _ = tmp.persist_noclobber(&path);
    fs::read(&path).ok().map(|k| k.trim_ascii().to_vec())
}

/// The seal of a cache body: HMAC-SHA-256 under `key`, in hex.
fn sealed(key: &[u8], body: &[u8]) -> String {
    let mut mac = Mac::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(body);
    crate::digest::hex(&mac.finalize().into_bytes())
}

/// Does `path` hold a cache file (gongkai's to replace)?
pub fn is_cache(path: &Path) -> bool {
    super::guard::starts_with(path, HEADER)
}

/// The cache of `out` from a build by this `generator`; empty when there is
/// none, its seal does not verify, or it cannot be used.
pub fn load(out: &Path, generator: &str) -> Cache {
    let (Some(key), Ok(bytes)) = (key(), fs::read(path(out))) else { return Cache::default() };
    let Some(rest) = bytes.strip_prefix(HEADER) else { return Cache::default() };
    let Some(nl) = rest.iter().position(|&b| b == b'\n') else { return Cache::default() };
    let (tag, body) = (&rest[..nl], &rest[nl + 1..]);
    if tag != sealed(&key, body).as_bytes() {
        return Cache::default();
    }
    match serde_json::from_slice::<Cache>(body) {
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
        years: BTreeMap<String, CachedYear>,
    }
    let Some(key) = key() else { return Ok(()) };
    let sorted = Sorted { generator: cache.generator, files: cache.files.into_iter().collect(), years: cache.years.into_iter().collect() };
    let p = path(out);
    if p.exists() && !is_cache(&p) {
        // Someone else's file of that name: left alone, no cache this time.
        return Ok(());
    }
    let (parent, _) = super::stage::beside(out);
    let werr = |source| Error::Write { path: p.clone(), source };
    let tmp = tempfile::Builder::new().prefix(&super::stage::temp_prefix(out, "gongkai-cache.json.partial")).tempfile_in(parent).map_err(werr)?;
    // The body is written as it is serialised (a city-scale cache is
    // hundreds of MB), sealed on the way; the seal goes in the space left
    // for it in the first line.
    {
        let mut w = crate::digest::Tee { out: BufWriter::new(tmp.as_file()), hash: Mac::new_from_slice(&key).expect("HMAC takes keys of any length") };
        let blank = [b'0'; 64];
        w.out.write_all(HEADER).and_then(|_| w.out.write_all(&blank)).and_then(|_| w.out.write_all(b"\n")).map_err(werr)?;
        serde_json::to_writer(&mut w, &sorted).map_err(|e| werr(e.into()))?;
        let crate::digest::Tee { out, hash } = w;
        let tag = crate::digest::hex(&hash.finalize().into_bytes());
        let mut f = out.into_inner().map_err(|e| werr(e.into_error()))?;
        f.seek(SeekFrom::Start(HEADER.len() as u64)).and_then(|_| f.write_all(tag.as_bytes())).map_err(werr)?;
    }
    tmp.persist(&p).map_err(|e| werr(e.error))?;
    Ok(())
}

/// Remove the cache of `out` before a build replaces the site (a build cut
/// short then leaves no cache that could describe the wrong files).
pub fn remove(out: &Path) {
    let p = path(out);
    if is_cache(&p) {
        let _ = fs::remove_file(p);
    }
}
