//! `gongkai build --zip`: the built folder packed as `<out>.zip` beside it,
//! every file under one top folder (named like the output folder) so that it
//! unzips into a folder that opens from disk. Entries are sorted and dated
//! 1980-01-01, so the same site always gives the same bytes.

use std::fs;
use std::io::Write;
use std::path::Path;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::error::{Error, Result};

/// Pack `site` into `zip_path`; returns the number of files.
pub fn zip_folder(site: &Path, zip_path: &Path) -> Result<usize> {
    let top = site.file_name().map_or_else(|| "site".to_string(), |n| n.to_string_lossy().into_owned());
    let list = super::manifest::files(site)?;
    let werr = |source: std::io::Error| Error::Write { path: zip_path.to_path_buf(), source };
    let zerr = |e: zip::result::ZipError| Error::Write { path: zip_path.to_path_buf(), source: std::io::Error::other(e.to_string()) };
    let tmp = zip_path.with_extension("zip.partial");
    let mut w = ZipWriter::new(fs::File::create(&tmp).map_err(werr)?);
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated).last_modified_time(DateTime::default()).unix_permissions(0o644);
    for rel in &list {
        w.start_file(format!("{top}/{rel}"), opts).map_err(zerr)?;
        let p = site.join(rel);
        let data = fs::read(&p).map_err(|source| Error::Read { path: p.clone(), source })?;
        w.write_all(&data).map_err(werr)?;
    }
    w.finish().map_err(zerr)?;
    fs::rename(&tmp, zip_path).map_err(werr)?;
    Ok(list.len())
}
