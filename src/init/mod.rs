//! `gongkai init DIR`: write a small example content folder whose figures
//! all agree, so it builds with zero diagnostics.

use std::fs;
use std::path::Path;

use crate::error::{Error, Result};

const FILES: &[(&str, &str)] = &[
    ("site.toml", include_str!("example/site.toml")),
    ("glossary.toml", include_str!("example/glossary.toml")),
    ("units/example/unit.toml", include_str!("example/unit.toml")),
    ("units/example/2024/final-accounts.toml", include_str!("example/final-accounts.toml")),
    ("units/example/2024/livelihood.md", include_str!("example/livelihood.md")),
];

/// `gongkai init DIR`: write the example site into `dir` (new or empty).
pub fn init(dir: &Path) -> Result<()> {
    if dir.exists() && fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(false) {
        return Err(Error::NotEmpty(dir.to_path_buf()));
    }
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if let Some(p) = path.parent() {
            fs::create_dir_all(p).map_err(|source| Error::Write { path: p.to_path_buf(), source })?;
        }
        fs::write(&path, text).map_err(|source| Error::Write { path: path.clone(), source })?;
    }
    Ok(())
}
