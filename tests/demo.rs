//! End-to-end: the real binary on the bundled demo content (seed 003,
//! 新街口街道 2023 部门决算), asserting on diagnostics and on the HTML.

use std::fs;
use std::path::Path;

mod common;

use common::{build_demo, gongkai, text};

fn read(out: &Path, rel: &str) -> String {
    fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

const FA: &str = "units/xinjiekou/2023/final-accounts/index.html";
const FA_FILE: &str = "content/units/xinjiekou/2023/final-accounts.toml";

/// The diagnostics `check --format json` reports for one content file.
pub fn diagnostics(file: &str) -> Vec<serde_json::Value> {
    let o = gongkai(&["check", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "check must exit 1 on the demo's errors");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    v["diagnostics"].as_array().unwrap().iter().filter(|d| d["file"] == file).cloned().collect()
}

fn find<'a>(diags: &'a [serde_json::Value], field: &str) -> Option<&'a serde_json::Value> {
    diags.iter().find(|d| d["field"] == field)
}

#[test]
fn check_reports_the_seed_errors_with_file_and_line() {
    let diags = diagnostics(FA_FILE);
    // 国防支出 stated as 0.71% of 本年财政拨款支出; 28.74 / 39985.83 = 0.0719%.
    let d = find(&diags, "general_budget.classes[1].share_pct").expect("国防支出 0.71% flagged");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["file"], FA_FILE);
    assert_eq!(d["line"], 117);
    assert_eq!(d["stated"], "0.71%");
    assert_eq!(d["computed"], "0.0719%");
    // 基本支出 26.99% of 支出合计: computed 26.9992%, a truncation → rounding warning.
    let d = find(&diags, "expenditure.items[0].share_pct").expect("基本支出 26.99% flagged");
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["code"], "W-ROUNDING");
    assert_eq!(d["line"], 71);
    assert_eq!(d["computed"], "26.9992%");
    // 社会保障和就业 41.44% is right: nothing raised.
    assert!(find(&diags, "general_budget.classes[5].share_pct").is_none());
    // 三公经费 5.17 − 0.53 = 4.64, stated 4.63: explained by rounding of the inputs.
    assert_eq!(find(&diags, "three_public.change").unwrap()["severity"], "warning");
    // 项目支出 73% (no decimals) is fine.
    assert!(find(&diags, "expenditure.items[1].share_pct").is_none());
    // Every diagnostic names a file and a line; every figure check a formula.
    for d in &diags {
        assert!(d["line"].as_u64().unwrap() > 1, "{d}");
        assert!(d["formula"].is_string() || d["code"] == "W-TEMPLATE", "{d}");
    }
    // The seed's tables_note still names its attachment `2023-xxx-` (issue J).
    assert_eq!(find(&diags, "tables_note").unwrap()["code"], "W-TEMPLATE");
    let errors = diags.iter().filter(|d| d["severity"] == "error").count();
    assert_eq!((errors, diags.len() - errors), (5, 7), "{diags:#?}");
}

#[test]
fn human_check_output_names_file_line_field() {
    let o = gongkai(&["check"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains(&format!("{FA_FILE}:117:13: 错误[E-FIGURE] 字段 general_budget.classes[1].share_pct")), "{err}");
    assert!(err.contains("核验完成："), "{err}");
}

#[test]
fn final_accounts_page_shows_figures_charts_and_notes() {
    let (_dir, out) = build_demo();
    let html = read(&out, FA);
    let t = text(&html);
    assert!(html.starts_with("<!doctype html>") || html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<html lang=zh-CN") || html.contains("<html lang=\"zh-CN\""));
    assert!(t.contains("2023年度收、支总计39,985.83万元，比上年减少1,170.82万元，下降2.84%。"), "overview sentence");
    assert!(t.contains("财政拨款收入39,985.83万元，占收入合计的100%"));
    assert!(t.contains("社会保障和就业支出16,570.18万元，占本年财政拨款支出41.44%；"), "no note after 41.44%");
    // 国防支出 0.71% carries a visible 核验提示 with the computed value.
    let at = t.find("国防支出28.74万元，占本年财政拨款支出0.71%").expect("国防 sentence");
    assert!(t[at..].starts_with("国防支出28.74万元，占本年财政拨款支出0.71%核验提示：与计算不符，计算值 0.0719%"), "{}", &t[at..at + 200]);
    let at = t.find("基本支出10,795.86万元，占支出合计的26.99%").unwrap();
    assert!(t[at..].contains("核验提示：舍入差异，计算值 26.9992%"));
    // Pie charts leave out zero categories ("无金额类型不必制图").
    let descs: Vec<&str> = html.split("<desc").skip(1).map(|s| &s[..s.find("</desc>").unwrap()]).collect();
    let income = descs.iter().find(|d| d.contains("收入决算构成")).expect("income pie");
    assert!(income.contains("财政拨款收入：39,985.83万元，占100%"));
    for zero in ["上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"] {
        assert!(!income.contains(zero), "{zero} must not be a slice");
    }
    let spend = descs.iter().find(|d| d.contains("基本支出和项目支出")).expect("expenditure pie");
    assert!(spend.contains("基本支出：10,795.86万元，占26.99%") && spend.contains("项目支出：29,189.97万元，占73%"));
    assert!(!spend.contains("经营支出") && !spend.contains("上缴上级支出"));
    // Every chart is an accessible image with a title and a description.
    let charts = html.matches("role=img").count() + html.matches("role=\"img\"").count();
    assert!(charts >= 4, "charts: {charts}");
    assert_eq!(html.matches("<title id=").count(), charts);
    assert_eq!(descs.len(), charts);
    // Derived 年初预算 for 一般公共服务: 11724.11 + 741.69.
    assert!(t.contains("12,465.80*"));
    // The per-page 数据核验 table lists each diagnostic with its source line,
    // the file named inside the content folder (not where it was built).
    assert!(t.contains("units/xinjiekou/2023/final-accounts.toml:117"));
    assert!(!t.contains(FA_FILE), "the page names the content folder as it was on the building machine");
    assert!(t.contains("数据核验"));
}

#[test]
fn links_are_relative_and_name_a_file() {
    let (_dir, out) = build_demo();
    let mut pages = 0;
    for p in common::files(&out) {
        if p.extension().is_none_or(|x| x != "html") {
            continue;
        }
        pages += 1;
        let html = fs::read_to_string(&p).unwrap();
        assert!(!html.contains("http://") && !html.contains("https://") && !html.contains("//cdn"), "{}", p.display());
        for part in html.split("href=").skip(1) {
            let target: String = part.trim_start_matches('"').chars().take_while(|c| !matches!(c, '"' | ' ' | '>')).collect();
            if target.starts_with('#') {
                continue;
            }
            let (file, _) = target.split_once('#').unwrap_or((&target, ""));
            // Links name a file, never a folder (which file:// would show as a listing): a folder's
            // index.html or a project page (projects/<n>.html); downloads (CSV, xlsx, the year's data.json)
            // and the stylesheet by their own file names.
            assert!(
                file.ends_with("index.html")
                    || file.rsplit('/').nth(1) == Some("projects") && file.ends_with(".html")
                    || file.ends_with(".css")
                    || file.ends_with(".csv")
                    || file.ends_with(".xlsx")
                    || file.ends_with("/data.json")
                    || file == "data.json",
                "{}: {target}",
                p.display()
            );
            assert!(!file.starts_with('/'), "absolute link {target}");
            assert!(p.parent().unwrap().join(file).exists(), "{}: broken link {target}", p.display());
        }
    }
    // index, glossary, and for each unit its page, its year pages and reports.
    assert!(pages >= 5, "pages: {pages}");
    assert!(out.join(FA).exists());
}

#[test]
fn two_builds_are_byte_identical() {
    let (_a, one) = build_demo();
    let (_b, two) = build_demo();
    for rel in ["index.html", "units/xinjiekou/index.html", "units/xinjiekou/2023/index.html", FA, "glossary/index.html", "static/style.css"] {
        assert_eq!(fs::read(one.join(rel)).unwrap(), fs::read(two.join(rel)).unwrap(), "{rel} differs");
    }
}

#[test]
fn build_refuses_errors_without_as_is_unless_flagged() {
    // A copy of the demo without `publish_as_is` must not publish.
    let dir = tempfile::tempdir().unwrap();
    let content = common::demo_copy(dir.path());
    let site = fs::read_to_string(content.join("site.toml")).unwrap().replace("publish_as_is = true", "");
    fs::write(content.join("site.toml"), site).unwrap();
    let out = dir.path().join("public");
    let o = gongkai(&["build", "--content", content.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!out.exists(), "nothing may be written");
    assert!(String::from_utf8_lossy(&o.stderr).contains("未生成网站"));
    let o = gongkai(&["build", "--content", content.to_str().unwrap(), "--out", out.to_str().unwrap(), "--publish-as-is"]);
    assert!(o.status.success());
    assert!(read(&out, FA).contains("核验提示"));
}
