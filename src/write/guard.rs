//! Ownership of the output folder: gongkai deletes or replaces only what it
//! can prove it wrote.
//!
//! A finished site holds a marker file, [`MARKER`], whose text binds it to
//! that site's `manifest.json` (the manifest's SHA-256). Before a build
//! touches anything, [`inspect`] classifies the output path:
//!
//! - refused, with a reason in plain Chinese: the content folder itself, a
//!   folder inside it or containing it, the home folder, the root, an
//!   ancestor of either, a symbolic link, a file, a non-empty folder without
//!   a valid marker (a site from before the marker counts as gongkai's when
//!   its manifest names gongkai and lists every file in it), or a site of
//!   gongkai's holding files the manifest does not list (someone put them
//!   there; they are not deleted);
//! - otherwise absent, empty, or a site gongkai wrote (its manifest).
//!
//! The `--zip` file is guarded the same way: an existing zip is replaced
//! only if its archive comment is gongkai's ([`ZIP_COMMENT`]).

use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::digest::sha256_hex;
use crate::error::{Error, Result};

use super::manifest::{self, Manifest};

/// The marker file at the top of every finished site (not in its manifest).
pub const MARKER: &str = ".gongkai-site";
/// The marker's first line.
const MAGIC: &str = "gongkai-site 1";
/// The archive comment of every zip gongkai writes.
pub const ZIP_COMMENT: &str = "gongkai-site 1";

/// The marker's text for a site whose `manifest.json` has these bytes.
pub fn marker_text(manifest_json: &[u8]) -> String {
    marker_for(&sha256_hex(manifest_json))
}

/// The marker's text for a site whose `manifest.json` has this SHA-256 (hex).
pub fn marker_for(manifest_sha256: &str) -> String {
    format!("{MAGIC}\nmanifest-sha256 {manifest_sha256}\n")
}

/// What the output path holds before a build.
#[derive(Debug)]
pub enum Target {
    /// Nothing there yet.
    Absent,
    /// An empty folder.
    Empty,
    /// A site a previous build finished (its manifest checked and let go:
    /// at city scale it is tens of MB).
    Ours,
}

fn refuse(path: &Path, reason: impl Into<String>) -> Error {
    Error::Refused { path: path.to_path_buf(), reason: reason.into() }
}

/// `path` made absolute with symbolic links resolved, also when it (or its
/// last parts) does not exist yet.
pub fn resolve(path: &Path) -> Result<PathBuf> {
    let abs = std::path::absolute(path).map_err(|source| Error::Read { path: path.to_path_buf(), source })?;
    let mut rest = vec![];
    let mut at = abs.as_path();
    loop {
        if let Ok(real) = fs::canonicalize(at) {
            let mut out = real;
            for part in rest.iter().rev() {
                out.push(part);
            }
            return Ok(out);
        }
        match (at.parent(), at.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                at = parent;
            }
            _ => return Ok(abs),
        }
    }
}

/// The home folder, if known: `HOME`, else (Windows) `USERPROFILE`.
fn home() -> Option<PathBuf> {
    ["HOME", "USERPROFILE"].iter().filter_map(std::env::var_os).find(|h| !h.is_empty()).and_then(|h| fs::canonicalize(h).ok())
}

/// Is `a` the same folder as `b`, inside it, or an ancestor of it?
fn overlaps(a: &Path, b: &Path) -> bool {
    a.starts_with(b) || b.starts_with(a)
}

/// A few names, for a message.
fn some_names(names: &[String]) -> String {
    let shown: Vec<&str> = names.iter().take(5).map(String::as_str).collect();
    let more = if names.len() > shown.len() { format!(" 等 {} 个", names.len()) } else { String::new() };
    format!("{}{more}", shown.join("、"))
}

/// Classify the output folder `out` of a build of `content` (see the
/// module doc); refuse everything gongkai must not touch.
pub fn inspect(out: &Path, content: &Path) -> Result<Target> {
    let real = resolve(out)?;
    let content = resolve(content)?;
    if overlaps(&real, &content) {
        let how = if real == content {
            "它就是内容目录"
        } else if real.starts_with(&content) {
            "它在内容目录里面"
        } else {
            "它包含内容目录"
        };
        return Err(refuse(out, format!("{how}，构建会覆盖数据。请另选一个输出目录（如 public）")));
    }
    if real.parent().is_none() {
        return Err(refuse(out, "不能用根目录作输出目录"));
    }
    if let Some(home) = home().filter(|h| h.starts_with(&real)) {
        let what = if home == real { "主目录" } else { "包含主目录的文件夹" };
        return Err(refuse(out, format!("不能用{what}作输出目录，请另选一个专用的文件夹（如 public）")));
    }
    let meta = match fs::symlink_metadata(out) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Target::Absent),
        Err(source) => return Err(Error::Read { path: out.to_path_buf(), source }),
    };
    if meta.file_type().is_symlink() {
        return Err(refuse(out, format!("它是一个符号链接；请直接写它指向的目录 {}", real.display())));
    }
    if !meta.is_dir() {
        return Err(refuse(out, "它是一个文件，不是文件夹；gongkai 不会覆盖它。请另选一个输出目录"));
    }
    let present = manifest::files(out)?;
    if present.is_empty() {
        return Ok(Target::Empty);
    }
    let Some(m) = own_manifest(out) else {
        return Err(refuse(
            out,
            format!(
                "这个文件夹里已有文件（{}），但它不是 gongkai 生成的网站（没有 gongkai 的标记），gongkai 不会删除或覆盖它们。请换一个新的或空的输出目录",
                some_names(&present)
            ),
        ));
    };
    let listed: HashSet<&str> = m.files.iter().map(|e| e.path.as_str()).collect();
    let extra: Vec<String> = present.into_iter().filter(|p| !listed.contains(p.as_str()) && p != manifest::NAME && p != MARKER).collect();
    if !extra.is_empty() {
        return Err(refuse(
            out,
            format!(
                "这是 gongkai 生成的网站，但里面有 {} 个不是 gongkai 写的文件（{}）。gongkai 不会删除它们：请先移走，再构建",
                extra.len(),
                some_names(&extra)
            ),
        ));
    }
    Ok(Target::Ours)
}

/// The manifest of `dir` if gongkai wrote the folder: the marker matches
/// the manifest, or (a site from before the marker) the manifest names
/// gongkai as its generator.
fn own_manifest(dir: &Path) -> Option<Manifest> {
    let json = fs::read(dir.join(manifest::NAME)).ok()?;
    let m: Manifest = serde_json::from_slice(&json).ok()?;
    match sealed(dir, &json) {
        Some(ok) => ok.then_some(m),
        None => m.generator.starts_with("gongkai ").then_some(m),
    }
}

/// Does the marker in `dir` seal this manifest? `None` when there is no
/// marker.
pub fn sealed(dir: &Path, manifest_json: &[u8]) -> Option<bool> {
    fs::read(dir.join(MARKER)).ok().map(|marker| marker == marker_text(manifest_json).as_bytes())
}

/// Does `dir` hold a finished site of gongkai's (valid marker)?
pub fn is_own_site(dir: &Path) -> bool {
    fs::read(dir.join(manifest::NAME)).is_ok_and(|json| sealed(dir, &json) == Some(true))
}

/// Refuse to replace an existing `zip` that gongkai did not write.
pub fn inspect_zip(zip: &Path) -> Result<()> {
    let meta = match fs::symlink_metadata(zip) {
        Ok(m) => m,
        Err(_) => return Ok(()),
    };
    let ours = meta.is_file() && fs::File::open(zip).ok().and_then(|f| zip::ZipArchive::new(f).ok()).is_some_and(|a| a.comment() == ZIP_COMMENT.as_bytes());
    if ours {
        return Ok(());
    }
    Err(refuse(zip, "已有同名文件，但不是 gongkai 打包的网站，gongkai 不会覆盖它。请移走它，或换一个输出目录名"))
}

/// The first bytes of a file, to recognise one of gongkai's own.
pub fn starts_with(path: &Path, prefix: &[u8]) -> bool {
    let mut buf = vec![0; prefix.len()];
    fs::File::open(path).and_then(|mut f| f.read_exact(&mut buf)).is_ok() && buf == prefix
}
