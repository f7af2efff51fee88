//! Figures bound into narrative Markdown, end to end on the `init` example:
//! references render the data's figure with its source; a mistyped reference
//! is one E-REFERENCE with file:line and a suggestion; a prose figure stated
//! against the data is checked and flagged; a reference left open is one
//! E-PLACEHOLDER where it opens.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{Severity, check_json, gongkai, only};

const MD: &str = common::LIVELIHOOD_MD;

fn site_with(dir: &Path, body: &str) -> PathBuf {
    common::example_with_narrative(dir, body)
}

fn page(content: &Path, out: &Path, extra: &[&str]) -> String {
    let mut args = vec!["build", "--content", content.to_str().unwrap(), "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let o = gongkai(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    fs::read_to_string(out.join("units/example/2024/final-accounts/index.html")).unwrap()
}

#[test]
fn references_render_the_data_with_their_source() {
    let dir = tempfile::tempdir().unwrap();
    let content = site_with(
        dir.path(),
        "低保金支出{{ final-accounts.livelihood[最低生活保障金].amount | 万元 }}，上年{{ final-accounts.livelihood[0].prior }}万元；收支总计{{ final-accounts.overview.total | money }}万元，{{ final-accounts.overview | change }}；折合{{ final-accounts.overview.total | 元 }}。",
    );
    let diags = check_json(&content);
    assert!(diags.is_empty(), "{diags:#?}");
    let html = page(&content, &dir.path().join("public"), &[]);
    let text = common::text(&html);
    assert!(text.contains("低保金支出120.00万元，上年100.00万元；收支总计1,200.00万元，比上年增加200.00万元，增长20%；折合12000000.00元。"), "{text}");
    assert!(html.contains("data-src=") && html.contains("final-accounts.toml:92"), "the amount names its source line");
}

#[test]
fn a_mistyped_reference_is_one_error_with_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let content = site_with(dir.path(), "收支总计\n{{ final-accounts.overveiw.total }}万元。");
    let d = only(check_json(&content));
    d.assert_is(Severity::Error, "E-REFERENCE", MD, 7, "{{final-accounts.overveiw.total}}", "是不是 “overview”？");
    assert_eq!(d.column, 1, "{d:#?}");
    // A structural error: the build refuses even when publishing as is.
    let o = gongkai(&["build", "--content", content.to_str().unwrap(), "--out", dir.path().join("public").to_str().unwrap(), "--publish-as-is"]);
    assert_eq!(o.status.code(), Some(1));
    let other = tempfile::tempdir().unwrap();
    let other_file = site_with(other.path(), "{{ tracking.totals.actual }}");
    let d = only(check_json(&other_file));
    d.assert_is(Severity::Error, "E-REFERENCE", MD, 6, "{{tracking.totals.actual}}", "本年度可引用：final-accounts");
}

#[test]
fn a_prose_figure_stated_against_the_data_is_checked_and_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let content = site_with(
        dir.path(),
        "低保金支出{{ 102.00 = final-accounts.livelihood[最低生活保障金].amount | 万元 }}，上年{{ 100.00 = final-accounts.livelihood[0].prior | 万元 }}。",
    );
    // The agreeing figure (上年 100.00) raises nothing.
    let d = only(check_json(&content));
    d.assert_is(Severity::Error, "E-FIGURE", MD, 6, "{{102.00 = final-accounts.livelihood[最低生活保障金].amount | 万元}}", "叙述写作 102.00万元，数据（");
    assert!(d.message.contains("final-accounts.toml:92）为 120.00万元"), "{d:#?}");
    assert_eq!(d.figures(), (Some("102.00万元"), Some("120.00万元")));
    let html = page(&content, &dir.path().join("public"), &["--publish-as-is"]);
    let text = common::text(&html);
    assert!(text.contains("低保金支出102.00万元核验提示：叙述中的数字与数据不符"), "the prose keeps its figure, flagged: {text}");
    // The note links the year's 数据核验 page at this diagnostic: the first of its file (`<file hash>-0`).
    let link = html.split("../checks/index.html#check-").nth(1).expect("link to the 数据核验 page");
    let anchor: String = link.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    assert!(anchor.len() == 10 && anchor.ends_with("-0"), "{anchor}");
    let checks = std::fs::read_to_string(dir.path().join("public/units/example/2024/checks/index.html")).unwrap();
    assert!(checks.contains(&format!("id=check-{anchor}>")), "the 数据核验 page has the row");
}

#[test]
fn a_reference_left_open_is_reported_where_it_opens_and_swallows_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let content = site_with(dir.path(), "收支总计{{ final-accounts.overview.total\n\n下一段的文字。\n\n再下一段，上年 }}。");
    let o = gongkai(&["check", "--content", content.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let diags = v["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "one mistake, one diagnostic: {diags:#?}");
    let d = &diags[0];
    assert_eq!((d["code"].as_str(), d["line"].as_u64(), d["column"].as_u64()), (Some("E-PLACEHOLDER"), Some(6), Some(5)), "{d}");
    // The field is the line where it opens, not the paragraphs up to a later `}}`.
    assert_eq!(d["field"], "{{ final-accounts.overview.total", "{d}");
    assert!(d["message"].as_str().unwrap().contains("跨段"), "{d}");
}
