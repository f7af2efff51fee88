//! Helpers shared by the end-to-end tests: run the real binary, build the
//! bundled demo once per test file, read pages as text, list diagnostics.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// Run `gongkai` from the repository root.
pub fn gongkai(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().expect("run gongkai")
}

/// Build the demo into a fresh temporary folder.
pub fn build_demo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let o = gongkai(&["build", "--out", out.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "demo build failed: {stderr}");
    assert!(!stderr.contains("panicked"));
    (dir, out)
}

/// The demo, built once for all tests of a file.
pub fn site() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &SITE.get_or_init(build_demo).1
}

/// A page of the shared demo build.
pub fn page(rel: &str) -> String {
    fs::read_to_string(site().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Page text with tags removed, for asserting on sentences.
pub fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Page text with each tag replaced by a space and white space collapsed,
/// for asserting on table rows cell by cell.
pub fn spaced_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// (file, line, field, severity) of every diagnostic `check --format json`
/// reports for files whose path satisfies `keep`, sorted.
pub fn diagnostic_keys(keep: impl Fn(&str) -> bool) -> Vec<(String, u64, String, String)> {
    let o = gongkai(&["check", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let mut got: Vec<_> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| keep(d["file"].as_str().unwrap()))
        .map(|d| (d["file"].as_str().unwrap().to_string(), d["line"].as_u64().unwrap(), d["field"].as_str().unwrap().to_string(), d["severity"].as_str().unwrap().to_string()))
        .collect();
    got.sort();
    got
}

/// Turn a list of expected (file, line, field, severity) into the sorted form of [`diagnostic_keys`].
pub fn keys(list: &[(&str, u64, &str, &str)]) -> Vec<(String, u64, String, String)> {
    let mut v: Vec<_> = list.iter().map(|(f, l, x, s)| (f.to_string(), *l, x.to_string(), s.to_string())).collect();
    v.sort();
    v
}

/// Every file below `root` (recursively), in no particular order.
pub fn files(root: &Path) -> Vec<PathBuf> {
    let mut out = vec![];
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

/// Copy a folder recursively (content folders to edit in a test).
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dst = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &dst);
        } else {
            fs::copy(e.path(), dst).unwrap();
        }
    }
}
