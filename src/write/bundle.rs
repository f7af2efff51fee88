//! `gongkai build --zip`: the built folder packed as `<out>.zip` beside it,
//! every file under one top folder (named like the output folder) so that it
//! unzips into a folder that opens from disk. Entries are sorted and dated
//! 1980-01-01, so the same site always gives the same bytes.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::error::{Error, Result};

fn files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = fs::read_dir(dir).map_err(|source| Error::Read { path: dir.to_path_buf(), source })?;
    for e in entries {
        let p = e.map_err(|source| Error::Read { path: dir.to_path_buf(), source })?.path();
        if p.is_dir() {
            files(&p, out)?;
        } else {
            out.push(p);
        }
    }
    Ok(())
}

/// Pack `site` into `zip_path`; returns the number of files.
pub fn zip_folder(site: &Path, zip_path: &Path) -> Result<usize> {
    let top = site.file_name().map_or_else(|| "site".to_string(), |n| n.to_string_lossy().into_owned());
    let mut list = vec![];
    files(site, &mut list)?;
    list.sort();
    let werr = |source: std::io::Error| Error::Write { path: zip_path.to_path_buf(), source };
    let zerr = |e: zip::result::ZipError| Error::Write { path: zip_path.to_path_buf(), source: std::io::Error::other(e.to_string()) };
    let tmp = zip_path.with_extension("zip.partial");
    let mut w = ZipWriter::new(fs::File::create(&tmp).map_err(werr)?);
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated).last_modified_time(DateTime::default()).unix_permissions(0o644);
    for p in &list {
        let rel = p.strip_prefix(site).unwrap_or(p).to_string_lossy().replace('\\', "/");
        w.start_file(format!("{top}/{rel}"), opts).map_err(zerr)?;
        let data = fs::read(p).map_err(|source| Error::Read { path: p.clone(), source })?;
        w.write_all(&data).map_err(werr)?;
    }
    w.finish().map_err(zerr)?;
    fs::rename(&tmp, zip_path).map_err(werr)?;
    Ok(list.len())
}
