//! Staging, swapping and cleaning up, so that the output folder is always a
//! complete site: the one before the build or the one after it.
//!
//! Every build (fresh or an update) writes into a staging folder beside the
//! output, `.<name>.building-<pid>-<random>`, marked by [`STAGING`]. When
//! the site is complete it is swapped in with one atomic
//! `renameat2(RENAME_EXCHANGE)`; the old tree, now at the staging path, is
//! then deleted. Where the file system cannot exchange, the old folder is
//! first renamed to `.<name>.old-<pid>-<random>` and the new one renamed
//! into place; a run killed between the two renames is rolled back by the
//! next one.
//!
//! A folder is deleted marker last, so that one cut short still carries its
//! marker; the next build deletes such leftovers of processes that are no
//! longer running (and nothing else: only names and markers of its own).

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

use super::guard;

/// The marker file of a staging folder (removed before it is swapped in).
pub const STAGING: &str = ".gongkai-staging";

fn werr(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Write { path: path.to_path_buf(), source }
}

/// The folder the output folder `out` is in, and its name: the staging
/// folder, the old tree during a swap, the zip and the build cache sit
/// beside it as `.<name>.…`.
pub(crate) fn beside(out: &Path) -> (&Path, String) {
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    (parent, name)
}

/// The name prefixes of this process's temporary files and folders beside
/// `out`: `.<name>.<what>-<pid>-`.
pub(crate) fn temp_prefix(out: &Path, what: &str) -> String {
    let (_, name) = beside(out);
    format!(".{name}.{what}-{}-", std::process::id())
}

/// The kinds of temporary names gongkai gives things beside `out`.
const TEMP_KINDS: &[&str] = &["building", "old", "zip.partial", "gongkai-cache.json.partial"];

/// Make a fresh staging folder beside `out`, marked as gongkai's.
pub fn create(out: &Path) -> Result<PathBuf> {
    let (parent, _) = beside(out);
    fs::create_dir_all(parent).map_err(werr(parent))?;
    let dir = tempfile::Builder::new().prefix(&temp_prefix(out, "building")).tempdir_in(parent).map_err(werr(parent))?.keep();
    let marker = dir.join(STAGING);
    if let Err(source) = fs::write(&marker, format!("gongkai staging {}\n", std::process::id())) {
        let _ = fs::remove_file(&marker);
        let _ = fs::remove_dir(&dir);
        return Err(Error::Write { path: marker, source });
    }
    Ok(dir)
}

/// Delete a folder of gongkai's own (a staging folder or an old site):
/// everything but its marker, then the marker, then the folder.
///
/// Files go first, then folders deepest first, each step on many threads:
/// on a file system mounted with `discard` every removed folder waits for
/// the disk, and 16 waiting at once take a tenth of the time of one at a
/// time (900 folders: 3.0 s → 0.3 s, docs/performance.md).
pub fn discard(dir: &Path) -> Result<()> {
    let marker = dir.join(STAGING);
    if !marker.exists() {
        // Best effort: it only helps a later build recognise this folder
        // should this deletion be cut short (an empty file needs no space).
        let _ = fs::write(&marker, "");
    }
    let (mut files, mut dirs) = (vec![], vec![]);
    let mut todo = vec![(dir.to_path_buf(), 0usize)];
    while let Some((at, depth)) = todo.pop() {
        for e in fs::read_dir(&at).map_err(werr(&at))? {
            let e = e.map_err(werr(&at))?;
            let path = e.path();
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                dirs.push((depth, path.clone()));
                todo.push((path, depth + 1));
            } else if path != marker {
                files.push(path);
            }
        }
    }
    in_parallel(&files, |p| fs::remove_file(p))?;
    dirs.sort_by_key(|d| std::cmp::Reverse(d.0));
    for level in dirs.chunk_by(|a, b| a.0 == b.0) {
        let paths: Vec<&PathBuf> = level.iter().map(|(_, p)| p).collect();
        in_parallel(&paths, |p| fs::remove_dir(p))?;
    }
    match fs::remove_file(&marker) {
        Err(e) if e.kind() != ErrorKind::NotFound => return Err(Error::Write { path: marker, source: e }),
        _ => {}
    }
    fs::remove_dir(dir).map_err(werr(dir))
}

/// Run `f` on every item on up to 16 threads (for calls that wait on the
/// disk, not the processor); the first error wins. A path already gone
/// counts as done.
fn in_parallel<T: Sync + AsRef<Path>>(items: &[T], f: impl Fn(&T) -> std::io::Result<()> + Sync) -> Result<()> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let failed = std::sync::Mutex::new(None);
    let threads = items.len().div_ceil(64).clamp(1, 16);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                while let Some(item) = items.get(next.fetch_add(1, Ordering::Relaxed)) {
                    match f(item) {
                        Err(e) if e.kind() != ErrorKind::NotFound => {
                            failed.lock().expect("error lock").get_or_insert(Error::Write { path: item.as_ref().to_path_buf(), source: e });
                            return;
                        }
                        _ => {}
                    }
                }
            });
        }
    });
    failed.into_inner().expect("error lock").map_or(Ok(()), Err)
}

/// Put the finished staging folder `staged` (already without its
/// [`STAGING`] marker) in place of `out`, then delete the old site.
pub fn swap_in(staged: &Path, out: &Path) -> Result<()> {
    match fs::rename(staged, out) {
        Ok(()) => return Ok(()),
        // `out` exists (maybe made meanwhile by a concurrent build): exchange.
        Err(e) if out.exists() => drop(e),
        Err(source) => return Err(Error::Write { path: out.to_path_buf(), source }),
    }
    exchange(staged, out)
}

/// Linux: exchange the two folders in one step (renameat2 with
/// RENAME_EXCHANGE), so `out` is never missing; where the file system
/// cannot, by two renames. The old site ends up at `staged`, deleted.
#[cfg(target_os = "linux")]
fn exchange(staged: &Path, out: &Path) -> Result<()> {
    let exchanged = rustix::fs::renameat_with(rustix::fs::CWD, staged, rustix::fs::CWD, out, rustix::fs::RenameFlags::EXCHANGE);
    match exchanged {
        Ok(()) => discard(staged),
        Err(e) if [rustix::io::Errno::INVAL, rustix::io::Errno::NOSYS, rustix::io::Errno::OPNOTSUPP].contains(&e) => swap_by_renames(staged, out),
        Err(e) => Err(Error::Write { path: out.to_path_buf(), source: e.into() }),
    }
}

/// Other systems (Windows, macOS): no portable exchange, so two renames —
/// a build killed between them leaves the old site aside, and the next
/// build puts it back ([`clean_leftovers`]).
#[cfg(not(target_os = "linux"))]
fn exchange(staged: &Path, out: &Path) -> Result<()> {
    swap_by_renames(staged, out)
}

/// Where exchanging is not supported: old aside, new in, old deleted.
fn swap_by_renames(staged: &Path, out: &Path) -> Result<()> {
    let (parent, _) = beside(out);
    let old = tempfile::Builder::new().prefix(&temp_prefix(out, "old")).tempdir_in(parent).map_err(werr(parent))?.keep();
    fs::remove_dir(&old).map_err(werr(&old))?;
    fs::rename(out, &old).map_err(werr(out))?;
    if let Err(source) = fs::rename(staged, out) {
        let _ = fs::rename(&old, out);
        return Err(Error::Write { path: out.to_path_buf(), source });
    }
    discard(&old)
}

/// The process id in a temporary name `.<name>.<what>-<pid>-…`, and the
/// kind, when `file` is one of gongkai's temporary names for `out`.
fn temp_owner(file: &str, name: &str) -> Option<(&'static str, u32)> {
    let rest = file.strip_prefix('.')?.strip_prefix(name)?.strip_prefix('.')?;
    TEMP_KINDS.iter().find_map(|kind| {
        let after = rest.strip_prefix(kind)?.strip_prefix('-')?;
        let (pid, _) = after.split_once('-')?;
        Some((*kind, pid.parse().ok()?))
    })
}

/// Is the build with process id `pid` still running? Linux asks `/proc`.
#[cfg(target_os = "linux")]
fn running(pid: u32) -> bool {
    pid == std::process::id() || Path::new(&format!("/proc/{pid}")).exists()
}

/// Elsewhere (Windows, macOS) there is no portable way without a new
/// dependency, so another process's leftovers are taken to be running and
/// left alone (a concurrent build's staging folder is never deleted); its
/// folders, named `.<out>.building-<pid>-…` or `.<out>.old-<pid>-…` beside
/// the output, may be deleted by hand (docs/platform.md).
#[cfg(not(target_os = "linux"))]
fn running(_pid: u32) -> bool {
    true
}

/// Tidy up after builds into `out` that were killed: roll back a swap cut
/// between its two renames (the old site is put back), and delete staging
/// folders, old sites and partial files whose process is gone. Only
/// gongkai's own names are looked at, and a folder is deleted only if it
/// carries one of gongkai's markers (or is empty).
pub fn clean_leftovers(out: &Path) -> Result<()> {
    let (parent, name) = beside(out);
    let Ok(entries) = fs::read_dir(parent) else { return Ok(()) };
    let mut leftovers: Vec<(PathBuf, &str)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let file = e.file_name().to_string_lossy().into_owned();
            let (kind, pid) = temp_owner(&file, &name)?;
            (!running(pid)).then(|| (e.path(), kind))
        })
        .collect();
    leftovers.sort();
    if fs::symlink_metadata(out).is_err()
        && let Some(i) = leftovers.iter().position(|(p, kind)| *kind == "old" && guard::is_own_site(p))
    {
        let (old, _) = leftovers.remove(i);
        fs::rename(&old, out).map_err(werr(out))?;
    }
    for (path, kind) in leftovers {
        let is_dir = fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir());
        if kind.ends_with("partial") && !is_dir {
            fs::remove_file(&path).map_err(werr(&path))?;
        } else if is_dir && (path.join(STAGING).is_file() || guard::is_own_site(&path)) {
            discard(&path)?;
        } else if is_dir {
            // Cut before its marker was written: only an empty one is ours to remove.
            match fs::remove_dir(&path) {
                Err(e) if e.kind() != ErrorKind::NotFound && e.kind() != ErrorKind::DirectoryNotEmpty => return Err(Error::Write { path, source: e }),
                _ => {}
            }
        }
    }
    Ok(())
}

/// Leftovers of interrupted builds beside `out` (for `verify` to explain).
pub fn leftovers(out: &Path) -> Vec<PathBuf> {
    let (parent, name) = beside(out);
    let Ok(entries) = fs::read_dir(parent) else { return vec![] };
    let mut found: Vec<PathBuf> =
        entries.filter_map(|e| e.ok()).filter(|e| temp_owner(&e.file_name().to_string_lossy(), &name).is_some()).map(|e| e.path()).collect();
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::temp_owner;

    #[test]
    fn temporary_names_are_recognised_only_for_their_folder() {
        assert_eq!(temp_owner(".public.building-123-abc", "public"), Some(("building", 123)));
        assert_eq!(temp_owner(".public.old-9-x", "public"), Some(("old", 9)));
        assert_eq!(temp_owner(".public.zip.partial-77-q", "public"), Some(("zip.partial", 77)));
        assert_eq!(temp_owner(".public.building-abc", "public"), None, "names from before the pid are not ours to judge");
        assert_eq!(temp_owner(".site.building-1-a", "public"), None);
        assert_eq!(temp_owner("public.building-1-a", "public"), None);
    }
}
