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

/// Where `--zip` puts the zip of the output folder `out`: `<out>.zip`
/// beside it (`site.v2` → `site.v2.zip`).
pub fn zip_path(out: &Path) -> std::path::PathBuf {
    let (parent, name) = super::stage::beside(out);
    parent.join(format!("{name}.zip"))
}

/// Pack `site` into `zip_path` (written beside it under a temporary name and
/// renamed into place when complete, with gongkai's archive comment so a
/// later build knows the zip is its own); returns the number of files.
pub fn zip_folder(site: &Path, zip_path: &Path) -> Result<usize> {
    let top = site.file_name().map_or_else(|| "site".to_string(), |n| n.to_string_lossy().into_owned());
    let list = super::manifest::files(site)?;
    let werr = |source: std::io::Error| Error::Write { path: zip_path.to_path_buf(), source };
    let zerr = |e: zip::result::ZipError| Error::Write { path: zip_path.to_path_buf(), source: std::io::Error::other(e.to_string()) };
    let (parent, _) = super::stage::beside(site);
    let tmp = tempfile::Builder::new().prefix(&super::stage::temp_prefix(site, "zip.partial")).tempfile_in(parent).map_err(werr)?;
    let mut w = ZipWriter::new(tmp.reopen().map_err(werr)?);
    w.set_comment(super::guard::ZIP_COMMENT).map_err(zerr)?;
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated).last_modified_time(DateTime::default()).unix_permissions(0o644);
    for rel in &list {
        w.start_file(format!("{top}/{rel}"), opts).map_err(zerr)?;
        let p = site.join(rel);
        let data = fs::read(&p).map_err(|source| Error::Read { path: p.clone(), source })?;
        w.write_all(&data).map_err(werr)?;
    }
    w.finish().map_err(zerr)?;
    tmp.persist(zip_path).map_err(|e| werr(e.error))?;
    Ok(list.len())
}
