//! Errors that stop a run before or after the content is judged: a missing
//! content folder, an unwritable output folder. Problems *in* the content are
//! [`crate::check::Diagnostic`]s, not errors.

use std::path::PathBuf;

#[derive(Debug)]
pub enum Error {
    /// The content folder (or `site.toml` in it) does not exist.
    NoContent(PathBuf),
    /// Reading a file failed.
    Read { path: PathBuf, source: std::io::Error },
    /// Writing the output failed.
    Write { path: PathBuf, source: std::io::Error },
    /// `init` refuses to overwrite a folder that has files.
    NotEmpty(PathBuf),
    /// A template failed to render (a bug, reported plainly).
    Render(String),
    /// `verify`: the folder's manifest.json is missing or cannot be read
    /// as a manifest; `message` says why and what to do.
    Manifest { path: PathBuf, message: String },
    /// `build` will not write to this output folder or zip (it is the
    /// content, a home folder, a file, or a folder gongkai did not write).
    Refused { path: PathBuf, reason: String },
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::NoContent(p) => write!(f, "找不到内容目录或其中的 site.toml：{}", p.display()),
            Error::Read { path, source } => write!(f, "无法读取 {}：{source}", path.display()),
            Error::Write { path, source } => write!(f, "无法写入 {}：{source}", path.display()),
            Error::NotEmpty(p) => write!(f, "目录 {} 已有文件，init 不会覆盖它", p.display()),
            Error::Render(m) => write!(f, "页面渲染失败：{m}"),
            Error::Manifest { path, message } => write!(f, "无法校验 {}：{message}", path.display()),
            Error::Refused { path, reason } => write!(f, "不能写入 {}：{reason}", path.display()),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Read { source, .. } | Error::Write { source, .. } => Some(source),
            _ => None,
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;
