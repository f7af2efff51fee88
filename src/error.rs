//! Errors that stop a run before or after the content is judged: a missing
//! content folder, an unwritable output folder. Problems *in* the content are
//! [`crate::check::Diagnostic`]s, not errors.

use std::path::PathBuf;

/// Why a run stopped (see the module doc).
#[derive(Debug)]
pub enum Error {
    /// The content folder (or `site.toml` in it) does not exist.
    NoContent(PathBuf),
    /// Reading a file failed.
    Read {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// Writing the output failed.
    Write {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// `init` refuses to overwrite a folder that has files.
    NotEmpty(PathBuf),
    /// A template failed to render (a bug, reported plainly).
    Render(String),
    /// `verify`: the folder's manifest.json is missing or cannot be read
    /// as a manifest; `message` says why and what to do.
    Manifest {
        /// The manifest's path.
        path: PathBuf,
        /// Why, in Chinese.
        message: String,
    },
    /// A command's arguments cannot be used (`import --year 24`); the
    /// message says why, in Chinese.
    Usage(String),
    /// `build` will not write to this output folder or zip (it is the
    /// content, a home folder, a file, or a folder gongkai did not write).
    Refused {
        /// The output folder or zip.
        path: PathBuf,
        /// Why, in Chinese.
        reason: String,
    },
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::NoContent(p) => write!(
                f,
                "找不到内容目录或其中的 site.toml：{}。在内容目录（content/）所在的文件夹里运行，或用 --content 指出内容目录；还没有内容目录时，用 gongkai init <目录> 新建一个示例站点",
                p.display()
            ),
            Error::Read { path, source } => write!(f, "无法读取 {}：{}", path.display(), io_reason(source)),
            Error::Write { path, source } => write!(f, "无法写入 {}：{}", path.display(), io_reason(source)),
            Error::NotEmpty(p) => write!(f, "目录 {} 已有文件，init 不会覆盖它", p.display()),
            Error::Render(m) => write!(f, "页面渲染失败：{m}"),
            Error::Manifest { path, message } => write!(f, "无法校验 {}：{message}", path.display()),
            Error::Usage(m) => write!(f, "{m}"),
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

/// Why a file operation failed, in plain Chinese (the system's own text is
/// English).
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    let why = match e.kind() {
        NotFound => "文件或目录不存在",
        PermissionDenied => "没有权限",
        IsADirectory => "这是一个目录，不是文件",
        NotADirectory => "路径中有一部分不是目录",
        AlreadyExists => "已经存在",
        DirectoryNotEmpty => "目录不是空的",
        StorageFull => "磁盘已满",
        ReadOnlyFilesystem => "文件系统是只读的",
        InvalidData => "内容无法读取",
        _ => return e.raw_os_error().map_or_else(|| "读写时出错".to_string(), |n| format!("读写时出错（系统错误码 {n}）")),
    };
    why.to_string()
}

/// A result whose error is an [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use std::io::{Error as IoError, ErrorKind};

    use super::{Error, io_reason};

    #[test]
    fn file_errors_are_explained_in_chinese() {
        let e = Error::Read { path: "content/site.toml".into(), source: IoError::from(ErrorKind::NotFound) };
        assert_eq!(e.to_string(), "无法读取 content/site.toml：文件或目录不存在");
        assert_eq!(io_reason(&IoError::from_raw_os_error(28)), "磁盘已满");
        let odd = io_reason(&IoError::from_raw_os_error(71));
        assert!(!odd.chars().any(|c| c.is_ascii_alphabetic()), "{odd}");
    }
}
