//! Incremental builds: building into a folder a previous build finished
//! updates it — only files whose bytes change are written (the others are
//! hard-linked and keep their dates), files the site no longer has are
//! gone — and the result is byte-identical to a clean build of the same
//! content.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::time::SystemTime;

use common::gongkai;

/// Every file below `root`: relative path → (bytes, modification time).
fn snapshot(root: &Path) -> BTreeMap<String, (Vec<u8>, SystemTime)> {
    common::files(root)
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            (rel, (fs::read(&p).unwrap(), fs::metadata(&p).unwrap().modified().unwrap()))
        })
        .collect()
}

fn build(content: &Path, out: &Path) -> String {
    let o = gongkai(&["build", "--content", content.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{stderr}");
    stderr
}

/// Paths and bytes only.
fn bytes(s: &BTreeMap<String, (Vec<u8>, SystemTime)>) -> BTreeMap<&str, &[u8]> {
    s.iter().map(|(k, (b, _))| (k.as_str(), b.as_slice())).collect()
}

#[test]
fn an_update_equals_a_clean_build_and_touches_only_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let content = common::demo_copy(dir.path());
    let out = dir.path().join("site");
    build(&content, &out);
    let before = snapshot(&out);
    assert!(dir.path().join(".site.gongkai-cache.json").is_file(), "the minify cache sits beside the site, not in it");
    assert!(!before.keys().any(|k| k.contains("gongkai-cache")));

    // One unit's file changes; another unit is removed.
    let tracking = content.join("units/desheng/2016/tracking.toml");
    let text = fs::read_to_string(&tracking).unwrap();
    assert!(text.contains("name = \"社区服务中心装修改造经费\""));
    fs::write(&tracking, text.replacen("name = \"社区服务中心装修改造经费\"", "name = \"社区服务中心装修改造经费（更正）\"", 1)).unwrap();
    fs::remove_dir_all(content.join("units/baizhifang")).unwrap();
    build(&content, &out);
    let updated = snapshot(&out);

    let clean = dir.path().join("clean");
    build(&content, &clean);
    assert_eq!(bytes(&updated), bytes(&snapshot(&clean)), "update and clean build differ");

    // What changed was rewritten; another unit's pages were not touched.
    let project = "units/desheng/2016/tracking/projects/1.html";
    assert!(String::from_utf8_lossy(&updated[project].0).contains("社区服务中心装修改造经费（更正）"));
    assert_ne!(updated[project].1, before[project].1, "changed page rewritten");
    let untouched: Vec<&String> = before.keys().filter(|k| k.starts_with("units/yuetan/") && updated.get(*k).is_some_and(|u| u.1 == before[*k].1)).collect();
    let yuetan = before.keys().filter(|k| k.starts_with("units/yuetan/")).count();
    let changed: Vec<&String> = before.keys().filter(|k| k.starts_with("units/yuetan/") && !untouched.contains(k)).collect();
    assert_eq!(untouched.len(), yuetan, "every file of an unchanged unit keeps its date: {changed:?}");
    assert!(yuetan > 10);
    assert!(!updated.keys().any(|k| k.starts_with("units/baizhifang/")), "a removed unit's pages are deleted");
    assert!(!out.join("units/baizhifang").exists(), "and its folders");
    assert!(gongkai(&["verify", out.to_str().unwrap()]).status.success());

    // A file edited by hand is put back, even though the page did not change.
    let page = out.join("units/yuetan/index.html");
    fs::write(&page, "<p>edited</p>").unwrap();
    build(&content, &out);
    assert_eq!(bytes(&snapshot(&out)), bytes(&snapshot(&clean)));
}

#[test]
fn removing_the_last_norms_updates_the_header_of_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let content = common::demo_copy(dir.path());
    let out = dir.path().join("site");
    build(&content, &out);
    let page = "units/desheng/2016/index.html";
    assert!(String::from_utf8_lossy(&snapshot(&out)[page].0).contains("单项定额一览"));
    // 月坛's 成本定额 holds the demo's only norms; desheng's files are unchanged.
    fs::remove_dir_all(content.join("units/yuetan/2023/cost")).unwrap();
    build(&content, &out);
    let updated = snapshot(&out);
    assert!(!String::from_utf8_lossy(&updated[page].0).contains("单项定额一览"), "the header no longer links the norms");
    let clean = dir.path().join("clean");
    build(&content, &clean);
    assert_eq!(bytes(&updated), bytes(&snapshot(&clean)), "update and clean build differ");
}

#[test]
fn no_progress_bar_when_not_a_terminal_and_quiet_prints_only_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let stderr = build(Path::new("content"), &out);
    assert!(!stderr.contains("个单位年度") && !stderr.contains('\r') && !stderr.contains('\u{1b}'), "no progress bar on a pipe: {stderr}");
    assert!(stderr.contains("已生成"));
    let o = gongkai(&["build", "--quiet", "--out", out.to_str().unwrap()]);
    let quiet = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success());
    assert!(!quiet.contains("已生成") && quiet.contains("[E-FIGURE]"), "quiet keeps the diagnostics only: {quiet}");
}

/// An update trusts a file whose size, date and inode are as the last build
/// left them (it does not read the whole site); a file with another date
/// is read and, when edited, put back. An edit whose date was set back
/// survives an update, and `gongkai verify`, which reads every file, finds it.
#[test]
fn an_update_reads_only_files_whose_stamp_changed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    build(Path::new("content"), &out);
    let clean = snapshot(&out);
    let rel = "units/yuetan/index.html";
    let page = out.join(rel);
    let (original, date) = clean[rel].clone();
    // The same number of bytes, one letter changed.
    let at = original.windows(4).rposition(|w| w == b"html").unwrap();
    let mut edited = original.clone();
    edited[at..at + 4].copy_from_slice(b"HTML");
    let edit = |modified: SystemTime| {
        let f = fs::OpenOptions::new().write(true).truncate(true).open(&page).unwrap();
        std::io::Write::write_all(&mut &f, &edited).unwrap();
        f.set_modified(modified).unwrap();
    };

    // Same size and inode, another date: read, found edited, put back.
    edit(date + std::time::Duration::from_secs(1));
    build(Path::new("content"), &out);
    assert_eq!(bytes(&snapshot(&out)), bytes(&clean), "an edit with a new date is put back");

    // Same size, inode and date: trusted, so the edit stays; verify finds it.
    let date = fs::metadata(&page).unwrap().modified().unwrap();
    edit(date);
    build(Path::new("content"), &out);
    assert_eq!(fs::read(&page).unwrap(), edited, "an update did not trust the file's stamp");
    let v = gongkai(&["verify", out.to_str().unwrap()]);
    assert!(!v.status.success(), "verify reads every file and finds the edit");

    // Touched: read again and put back.
    edit(date + std::time::Duration::from_secs(2));
    build(Path::new("content"), &out);
    assert_eq!(bytes(&snapshot(&out)), bytes(&clean));
    assert!(gongkai(&["verify", out.to_str().unwrap()]).status.success());
}
