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

/// The entries of a built site's search index, as the shards
/// `search/docs-<i>.js` hold them (one `[title, context, text, href],` a
/// line), in order, after `search-index.js` says how many shards there are.
pub fn search_index_text(site: &Path) -> String {
    let manifest = fs::read_to_string(site.join("search-index.js")).unwrap();
    let docs = manifest.split("\"docs\":[").nth(1).and_then(|r| r.split(']').next()).expect("search-index.js lists its docs shards");
    (0..docs.split(',').count()).map(|i| fs::read_to_string(site.join(format!("search/docs-{i}.js"))).unwrap()).collect()
}

/// 严重程度 as `check --format json` writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One diagnostic of `check --format json` (docs/diagnostics.schema.json).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct Diag {
    pub code: String,
    pub severity: Severity,
    pub file: String,
    pub line: u64,
    pub column: u64,
    /// The sheet and cell (`公开05表!D12`), for a workbook.
    #[serde(default)]
    pub cell: Option<String>,
    pub field: String,
    pub stated: Option<String>,
    pub computed: Option<String>,
    pub formula: Option<String>,
    pub message: String,
}

impl Diag {
    /// Fail the test unless this is a `severity` diagnostic `code` in a file
    /// whose path ends with `file`, at `line`, in `field`, saying `needle`.
    pub fn assert_is(&self, severity: Severity, code: &str, file: &str, line: u64, field: &str, needle: &str) {
        assert!(self.file.ends_with(file), "{file}: {self:#?}");
        assert_eq!((self.severity, self.code.as_str(), self.line, self.field.as_str()), (severity, code, line, field), "{self:#?}");
        assert!(self.message.contains(needle), "{needle}: {self:#?}");
    }

    /// (stated, computed), for comparing both at once.
    pub fn figures(&self) -> (Option<&str>, Option<&str>) {
        (self.stated.as_deref(), self.computed.as_deref())
    }
}

/// The only diagnostic of `diags`; fails the test if there are none or several.
pub fn only(diags: Vec<Diag>) -> Diag {
    assert_eq!(diags.len(), 1, "exactly one diagnostic expected: {diags:#?}");
    diags.into_iter().next().unwrap()
}

/// The whole output of `check --format json`.
#[derive(Debug, serde::Deserialize)]
struct Checked {
    errors: usize,
    warnings: usize,
    diagnostics: Vec<Diag>,
}

/// Run `gongkai check --format json` with `extra` arguments and return its
/// diagnostics. Fails the test unless stdout is that JSON, its counts agree
/// with its list, nothing panicked, and the exit code is 1 exactly when
/// there are errors (so a binary that prints nothing can never pass).
fn run_check_json(extra: &[&str]) -> Vec<Diag> {
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(extra);
    let o = gongkai(&args);
    let stdout = String::from_utf8_lossy(&o.stdout);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let checked: Checked =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("check --format json printed no report ({e}):\nstdout: {stdout}\nstderr: {stderr}"));
    let count = |s: Severity| checked.diagnostics.iter().filter(|d| d.severity == s).count();
    assert_eq!((checked.errors, checked.warnings), (count(Severity::Error), count(Severity::Warning)), "counts disagree with the list: {stdout}");
    assert_eq!(o.status.code(), Some(if checked.errors > 0 { 1 } else { 0 }), "exit code for {} errors: {stderr}", checked.errors);
    checked.diagnostics
}

/// Every diagnostic `check --format json --content <content>` reports.
pub fn check_json(content: &Path) -> Vec<Diag> {
    run_check_json(&["--content", content.to_str().unwrap()])
}

/// Every diagnostic `check --format json` reports on the bundled demo.
pub fn demo_check_json() -> Vec<Diag> {
    run_check_json(&[])
}

/// The diagnostics with code `code`.
pub fn with_code<'a>(diags: &'a [Diag], code: &str) -> Vec<&'a Diag> {
    diags.iter().filter(|d| d.code == code).collect()
}

/// The only diagnostic with `code`; fails the test if there are none or several.
pub fn only_code(diags: &[Diag], code: &str) -> Diag {
    only(with_code(diags, code).into_iter().cloned().collect())
}

/// The diagnostics of severity error.
pub fn errors(diags: &[Diag]) -> Vec<&Diag> {
    diags.iter().filter(|d| d.severity == Severity::Error).collect()
}

/// 1-based line of the first occurrence of `needle` after `after` in `text`.
pub fn line_of(text: &str, after: &str, needle: &str) -> u64 {
    let start = text.find(after).expect("anchor");
    let at = start + text[start..].find(needle).expect("needle");
    text[..at].matches('\n').count() as u64 + 1
}

/// (file, line, field, severity) of every diagnostic `check --format json`
/// reports on the demo for files whose path satisfies `keep`, sorted.
pub fn diagnostic_keys(keep: impl Fn(&str) -> bool) -> Vec<(String, u64, String, String)> {
    let mut got: Vec<_> = demo_check_json().into_iter().filter(|d| keep(&d.file)).map(|d| (d.file, d.line, d.field, d.severity.as_str().to_string())).collect();
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

/// A copy of the content folder `fixture` with each `(from, to)` replaced
/// once in its `file` (each `from` must occur); returns (temp dir, content folder).
pub fn mutated_copy(fixture: &Path, file: &str, edits: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(fixture, &content);
    let path = content.join(file);
    let mut text = fs::read_to_string(&path).unwrap();
    for (from, to) in edits {
        assert!(text.contains(from), "the fixture has {from}");
        text = text.replacen(from, to, 1);
    }
    fs::write(&path, text).unwrap();
    (dir, content)
}

/// Build `content` into a fresh temporary folder, requiring success;
/// returns (temp dir, the site folder).
pub fn build_content(content: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let o = gongkai(&["build", "--content", content.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (dir, out)
}

/// The file `rel` of a built site, as text.
pub fn read_page(site: &Path, rel: &str) -> String {
    fs::read_to_string(site.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// A copy of the demo's content folder as `dir/content`.
pub fn demo_copy(dir: &Path) -> PathBuf {
    let content = dir.join("content");
    copy_dir(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/content")), &content);
    content
}

/// Copy a folder recursively (content folders to edit in a test). A copy
/// of the demo's `content/` takes the `static/` beside it along (as
/// `static/` beside the copy, unless there is one): its `site.toml` names
/// the logo there (`[look]`).
pub fn copy_dir(from: &Path, to: &Path) {
    copy_tree(from, to);
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let beside = to.with_file_name("static");
    if from == demo && !beside.exists() {
        copy_tree(&demo.with_file_name("static"), &beside);
    }
}

/// Copy a folder recursively, as it is.
fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dst = to.join(e.file_name());
        if e.path().is_dir() {
            copy_tree(&e.path(), &dst);
        } else {
            fs::copy(e.path(), dst).unwrap();
        }
    }
}

/// The putuo-shehui fixture (a 部门决算 with its nine 部门决算公开表 in `[tables]`).
pub const PUTUO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/putuo-shehui-2024");
/// Its year folder inside the content folder.
pub const PUTUO_YEAR: &str = "units/putuo-shehui/2024";

/// The putuo fixture copied, its final-accounts.toml without `[tables]`;
/// returns (temp dir, content folder, the `[tables]` text cut out).
pub fn putuo_without_tables() -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(Path::new(PUTUO), &content);
    let fa = content.join(PUTUO_YEAR).join("final-accounts.toml");
    let text = fs::read_to_string(&fa).unwrap();
    let cut = text.find("[tables.summary]").expect("the fixture has [tables]");
    fs::write(&fa, &text[..cut]).unwrap();
    (dir, content, text[cut..].to_string())
}

/// What a finding says, wherever it is (file and place left out).
pub type Finding = (String, &'static str, String, Option<String>, Option<String>, Option<String>, String);

/// [`Finding`] of a diagnostic.
pub fn finding(d: &Diag) -> Finding {
    (d.code.clone(), d.severity.as_str(), d.field.clone(), d.stated.clone(), d.computed.clone(), d.formula.clone(), d.message.clone())
}

/// The findings of `diags`, sorted (to compare two runs).
pub fn findings(diags: &[Diag]) -> Vec<Finding> {
    let mut out: Vec<Finding> = diags.iter().map(finding).collect();
    out.sort();
    out
}

/// The livelihood narrative of the `init` example (its body starts on line 6).
pub const LIVELIHOOD_MD: &str = "units/example/2024/livelihood.md";

/// The `init` example written into `dir/content`, with `body` as its
/// livelihood narrative ([`LIVELIHOOD_MD`]).
pub fn example_with_narrative(dir: &Path, body: &str) -> PathBuf {
    let content = dir.join("content");
    assert!(gongkai(&["init", content.to_str().unwrap()]).status.success());
    let md = format!("+++\ntitle = \"最低生活保障\"\nreport = \"final-accounts\"\nsection = \"livelihood\"\n+++\n{body}\n");
    fs::write(content.join(LIVELIHOOD_MD), md).unwrap();
    content
}
