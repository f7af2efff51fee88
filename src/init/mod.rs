//! `gongkai init DIR`: write a small example content folder whose figures
//! all agree, so it builds with zero diagnostics.

use std::fs;
use std::path::Path;

use crate::error::{Error, Result};

pub mod new;

/// The year of the example's report (`units/example/2024/`): `new year`
/// copies it for a unit that has no year yet.
pub(crate) const EXAMPLE_YEAR: u16 = 2024;

/// The example's year files, by their path inside the year folder.
pub(crate) fn example_year() -> impl Iterator<Item = (&'static str, &'static str)> {
    FILES.iter().filter_map(|&(rel, text)| rel.strip_prefix("units/example/2024/").map(|r| (r, text)))
}

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
