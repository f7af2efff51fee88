//! 绩效跟踪 checks on small reports built on the `init` example: each bad
//! input gives one clear diagnostic with file:line; good input none.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn gongkai(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai")).args(args).output().expect("run gongkai")
}

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

/// Write an init site with `tracking` as its tracking.toml; return the content dir.
fn site(dir: &Path, tracking: &str) -> String {
    let content = dir.join("content");
    assert!(gongkai(&["init", content.to_str().unwrap()]).status.success());
    fs::write(content.join("units/example/2024/tracking.toml"), tracking).unwrap();
    content.to_str().unwrap().to_string()
}

fn errors(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| l.contains(": 错误[")).collect()
}

#[test]
fn consistent_report_has_no_diagnostics_and_renders_every_project_page() {
    let dir = tempfile::tempdir().unwrap();
    let content = site(dir.path(), GOOD);
    let o = gongkai(&["check", "--content", &content]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("0 个错误，0 个警告"), "{err}");
    let out = dir.path().join("public");
    assert!(gongkai(&["build", "--content", &content, "--out", out.to_str().unwrap()]).status.success());
    let page = fs::read_to_string(out.join("units/example/2024/tracking/index.html")).unwrap();
    assert!(page.contains("2,800,000.00") && page.contains("90.00%"));
    for i in 1..=2 {
        let p = fs::read_to_string(out.join(format!("units/example/2024/tracking/projects/{i}.html"))).unwrap();
        assert!(p.contains("href=../index.html#projects"), "project page links back");
    }
    let year = fs::read_to_string(out.join("units/example/2024/index.html")).unwrap();
    assert!(year.contains("tracking/index.html"), "year page links the report");
}

/// 1-based line of the first occurrence of `needle` after `after`.
fn line_of(text: &str, after: &str, needle: &str) -> usize {
    let start = text.find(after).expect("anchor");
    let at = start + text[start..].find(needle).expect("needle");
    text[..at].matches('\n').count() + 1
}

fn one_error(tracking: &str, line: usize, needle: &str) {
    let dir = tempfile::tempdir().unwrap();
    let content = site(dir.path(), tracking);
    let o = gongkai(&["check", "--content", &content]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"));
    let errs = errors(&err);
    assert_eq!(errs.len(), 1, "exactly one error expected:\n{err}");
    assert!(errs[0].contains(&format!("units/example/2024/tracking.toml:{line}:")), "line {line}: {}", errs[0]);
    assert!(errs[0].contains(needle), "{needle}: {}", errs[0]);
}

#[test]
fn cut_larger_than_budget_is_an_error() {
    // 年中追减 3,000,000 > 年初预算 1,000,000 (adjusted left to be derived).
    let bad = "unit = \"元\"\n[[projects]]\nname = \"综合治理经费\"\nbudget = 1000000.00\ncut = 3000000.00\nactual = 0\n";
    one_error(bad, 5, "年中追减 3000000.00 大于年初预算与追加之和");
}

#[test]
fn rate_that_is_not_a_percentage_is_an_error() {
    // 0.72 written where 72.00 (percent) is meant.
    let bad = GOOD.replace("rate_pct = 72.00", "rate_pct = 0.72");
    one_error(&bad, line_of(&bad, "综合治理经费", "rate_pct"), "综合治理经费支出比例与计算值不符");
    let bad = GOOD.replace("rate_pct = 72.00", "rate_pct = \"72%\"");
    one_error(&bad, line_of(&bad, "综合治理经费", "rate_pct"), "不是数字");
}

#[test]
fn office_not_declared_in_unit_toml_is_an_error() {
    let bad = GOOD.replace("office = \"民生保障办公室\"", "office = \"民生保障科\"");
    one_error(&bad, line_of(&bad, "no = 2", "office"), "科室 “民生保障科” 未在 units/example/unit.toml 的 [[offices]] 中声明");
}

#[test]
fn stated_count_and_subtotal_are_checked() {
    let bad = GOOD.replace("count = 1\n", "count = 3\n");
    one_error(&bad, line_of(&bad, "[[offices]]", "count"), "综合办公室重点跟踪项目个数写作 3 个，但列出的项目有 1 个");
    let bad = GOOD.replace("[offices.subtotal]\nbudget = 2000000.00", "[offices.subtotal]\nbudget = 2100000.00");
    one_error(&bad, line_of(&bad, "[offices.subtotal]", "budget"), "综合办公室重点跟踪项目年初预算合计与计算值不符");
}

#[test]
fn project_below_the_selection_threshold_is_flagged() {
    let bad = GOOD.replace("budget = 1000000.00\nadded", "budget = 900000.00\nadded");
    let dir = tempfile::tempdir().unwrap();
    let content = site(dir.path(), &bad);
    let err = String::from_utf8_lossy(&gongkai(&["check", "--content", &content]).stderr).to_string();
    let line = line_of(&bad, "综合治理经费", "budget");
    assert!(err.contains(&format!("tracking.toml:{line}:")) && err.contains("低于选取标准"), "{err}");
}
