//! 绩效跟踪 checks on small reports built on the `init` example: each bad
//! input gives one clear diagnostic with file:line; good input none.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{Diag, Severity, check_json, gongkai, line_of, only, only_code};

const GOOD: &str = r#"unit = "元"
[selection]
rule = "年初预算100万元（含）以上项目纳入重点跟踪范畴"
unit = "万元"
threshold = 100
count = 2
budget_total = 300.00
all_projects_budget = 600.00
share_pct = 50.00
adjusted_total = 280.00
actual_total = 252.00
rate_pct = 90.00

[[projects]]
no = 1
office = "综合办公室"
name = "办公用房租赁费"
budget = 2000000.00
added = "-"
cut = 200000.00
adjusted = 1800000.00
actual = 1800000.00
rate_pct = 100.00

[[projects]]
no = 2
office = "民生保障办公室"
name = "综合治理经费"
budget = 1000000.00
added = "-"
cut = "-"
adjusted = 1000000.00
actual = 720000.00
rate_pct = 72.00

[totals]
budget = 3000000.00
cut = 200000.00
adjusted = 2800000.00
actual = 2520000.00
rate_pct = 90.00

[[offices]]
name = "综合办公室"
count = 1
findings = "房屋租赁类项目执行情况较好。"
[offices.subtotal]
budget = 2000000.00
adjusted = 1800000.00
actual = 1800000.00
rate_pct = 100.00
"#;

const FILE: &str = "units/example/2024/tracking.toml";

/// Write an init site with `tracking` as its tracking.toml; return the content dir.
fn site(dir: &Path, tracking: &str) -> PathBuf {
    let content = dir.join("content");
    assert!(gongkai(&["init", content.to_str().unwrap()]).status.success());
    fs::write(content.join(FILE), tracking).unwrap();
    content
}

/// `check --format json` on an init site with `tracking` as its tracking.toml.
fn check(tracking: &str) -> Vec<Diag> {
    let dir = tempfile::tempdir().unwrap();
    check_json(&site(dir.path(), tracking))
}

#[test]
fn consistent_report_has_no_diagnostics_and_renders_every_project_page() {
    let dir = tempfile::tempdir().unwrap();
    let content = site(dir.path(), GOOD);
    let diags = check_json(&content);
    assert!(diags.is_empty(), "{diags:#?}");
    let out = dir.path().join("public");
    assert!(gongkai(&["build", "--content", content.to_str().unwrap(), "--out", out.to_str().unwrap()]).status.success());
    let page = fs::read_to_string(out.join("units/example/2024/tracking/index.html")).unwrap();
    assert!(page.contains("2,800,000.00") && page.contains("90.00%"));
    for i in 1..=2 {
        let p = fs::read_to_string(out.join(format!("units/example/2024/tracking/projects/{i}.html"))).unwrap();
        assert!(p.contains("href=../index.html#projects"), "project page links back");
    }
    let year = fs::read_to_string(out.join("units/example/2024/index.html")).unwrap();
    assert!(year.contains("tracking/index.html"), "year page links the report");
}

/// Exactly one diagnostic, an error with `code` at tracking.toml:`line` in
/// `field`, whose message says `needle`; returned for further checks.
fn one_error(tracking: &str, line: u64, code: &str, field: &str, needle: &str) -> Diag {
    let d = only(check(tracking));
    d.assert_is(Severity::Error, code, FILE, line, field, needle);
    d
}

#[test]
fn cut_larger_than_budget_is_an_error() {
    // 年中追减 3,000,000 > 年初预算 1,000,000 (adjusted left to be derived).
    let bad = "unit = \"元\"\n[[projects]]\nname = \"综合治理经费\"\nbudget = 1000000.00\ncut = 3000000.00\nactual = 0\n";
    one_error(bad, 5, "E-FIGURE", "projects[0].cut", "年中追减 3000000.00 大于年初预算与追加之和");
}

#[test]
fn rate_that_is_not_a_percentage_is_an_error() {
    // 0.72 written where 72.00 (percent) is meant.
    let bad = GOOD.replace("rate_pct = 72.00", "rate_pct = 0.72");
    let d = one_error(&bad, line_of(&bad, "综合治理经费", "rate_pct"), "E-FIGURE", "projects[1].rate_pct", "综合治理经费支出比例与计算值不符");
    assert_eq!(d.figures(), (Some("0.72%"), Some("72%")));
    let bad = GOOD.replace("rate_pct = 72.00", "rate_pct = \"72%\"");
    one_error(&bad, line_of(&bad, "综合治理经费", "rate_pct"), "E-PARSE", "projects[1].rate_pct", "不要写百分号");
}

#[test]
fn office_not_declared_in_unit_toml_is_an_error() {
    let bad = GOOD.replace("office = \"民生保障办公室\"", "office = \"民生保障科\"");
    one_error(&bad, line_of(&bad, "no = 2", "office"), "E-REFERENCE", "office", "科室 “民生保障科” 未在 units/example/unit.toml 的 [[offices]] 中声明");
}

#[test]
fn stated_count_and_subtotal_are_checked() {
    let bad = GOOD.replace("count = 1\n", "count = 3\n");
    one_error(&bad, line_of(&bad, "[[offices]]", "count"), "E-COUNT", "offices[0].count", "综合办公室重点跟踪项目个数写作 3 个，但列出的项目有 1 个");
    let bad = GOOD.replace("[offices.subtotal]\nbudget = 2000000.00", "[offices.subtotal]\nbudget = 2100000.00");
    let d = one_error(
        &bad,
        line_of(&bad, "[offices.subtotal]", "budget"),
        "E-FIGURE",
        "offices[0].subtotal.budget",
        "综合办公室重点跟踪项目年初预算合计与计算值不符",
    );
    assert_eq!(d.figures(), (Some("2100000.00元"), Some("2000000.00元")));
}

#[test]
fn project_below_the_selection_threshold_is_flagged() {
    let bad = GOOD.replace("budget = 1000000.00\nadded", "budget = 900000.00\nadded");
    only_code(&check(&bad), "E-SELECTION").assert_is(
        Severity::Error,
        "E-SELECTION",
        FILE,
        line_of(&bad, "综合治理经费", "budget"),
        "projects[1].budget",
        "低于选取标准",
    );
}

/// Issue J item 4, in 绩效跟踪 too: a 支出比例 stated for a project whose
/// budget is 0.00 has no base — an error, not a pass.
#[test]
fn rate_on_a_zero_budget_is_an_error() {
    let bad = "unit = \"元\"\n[[projects]]\nname = \"综合治理经费\"\nbudget = 0.00\nactual = 0.00\nrate_pct = 100.00\n";
    one_error(bad, 6, "E-ZERO-BASE", "projects[0].rate_pct", "分母为零");
}
