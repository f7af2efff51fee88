//! 历年变化 and 项目历年情况 end to end: a site of one unit over three years
//! (scripts/gen-demo.py, no injected errors) is built, and the unit page's
//! trend tables (read through their CSV downloads, made from the same rows)
//! must give each year's figure as the year's report states it, with the
//! change from the year before; a year with no report is a gap (未公开, no
//! change into or out of it); a project tracked in several years has a
//! history page with its spending per year; and a 上年数 a 部门决算 states for
//! “三公”经费 is checked against the previous year's 决算.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Severity, check_json, gongkai};

/// One unit × `years` years × 5 projects, no injected errors.
fn generate(content: &Path, years: &str) {
    let o = Command::new("python3")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["scripts/gen-demo.py", content.to_str().unwrap(), "--units", "1", "--years", years, "--projects", "5", "--errors", "0", "--seed", "7"])
        .args(["--gongkai", env!("CARGO_BIN_EXE_gongkai")])
        .output()
        .expect("run python3 scripts/gen-demo.py");
    assert!(o.status.success(), "gen-demo.py failed: {}", String::from_utf8_lossy(&o.stderr));
}

/// Build `content` into `<dir>/site`.
fn build(content: &Path, dir: &Path) -> PathBuf {
    let out = dir.join("site");
    let o = gongkai(&["build", "--content", content.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "build failed: {}", String::from_utf8_lossy(&o.stderr));
    out
}

/// A TOML file of the generated content.
fn toml_of(path: PathBuf) -> toml::Table {
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).parse().unwrap()
}

/// The records (after the title and header lines) of the unit page's trend
/// CSV whose table caption is `caption`.
fn trend_csv(site: &Path, caption: &str) -> Vec<Vec<String>> {
    let unit = site.join("units/u0001");
    for entry in fs::read_dir(&unit).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !(name.starts_with("u0001-trend-") && name.ends_with(".csv")) {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        if text.lines().next().unwrap().ends_with(&format!("表：{caption}")) {
            return csv_records(&text);
        }
    }
    panic!("no trend table captioned {caption} beside {}", unit.display());
}

fn csv_records(text: &str) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    r.records().skip(2).map(|rec| rec.unwrap().iter().map(str::to_string).collect()).collect()
}

fn score(content: &Path, year: u16) -> f64 {
    let t = toml_of(content.join(format!("units/u0001/{year}/evaluation.toml")));
    let total = &t["score"]["total"];
    total.as_float().or_else(|| total.as_integer().map(|i| i as f64)).unwrap()
}

#[test]
fn trend_tables_give_each_years_figure_and_its_change() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    generate(&content, "3");
    let site = build(&content, dir.path());
    let rows = trend_csv(&site, "部门整体绩效评价得分历年情况");
    let years: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(years, ["2022年", "2023年", "2024年"]);
    for (row, year) in rows.iter().zip(2022..) {
        assert_eq!(row[1].parse::<f64>().unwrap(), score(&content, year), "{row:?}");
    }
    assert_eq!(rows[0][2], "—", "no change into the first year");
    let change: f64 = rows[2][2].trim_start_matches('+').parse().unwrap();
    assert!((change - (score(&content, 2024) - score(&content, 2023))).abs() < 1e-9, "{rows:?}");
    // Money: 重点项目实际支出, in 元 as tracking.toml writes it, with 增减率.
    let rows = trend_csv(&site, "重点项目实际支出历年情况");
    for (row, year) in rows.iter().zip(2022..) {
        let t = toml_of(content.join(format!("units/u0001/{year}/tracking.toml")));
        let actual = &t["totals"]["actual"];
        let stated = actual.as_float().map(|f| format!("{f:.2}")).unwrap_or_else(|| format!("{}.00", actual.as_integer().unwrap()));
        assert_eq!(row[1], stated, "{year}: {row:?}");
    }
    assert!(rows[1][3].ends_with('%') && rows[0][3] == "—", "{rows:?}");
    let page = fs::read_to_string(site.join("units/u0001/index.html")).unwrap();
    assert!(page.contains("历年变化") && page.contains("<svg"), "the unit page has the trend section with its charts");
}

#[test]
fn a_recurring_project_has_one_history_page() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    generate(&content, "3");
    let site = build(&content, dir.path());
    // The first project of 2022, by 项目代码, in every year that tracks it.
    let projects = |year: u16| toml_of(content.join(format!("units/u0001/{year}/tracking.toml")))["projects"].as_array().unwrap().clone();
    let in_2023: Vec<String> = projects(2023).iter().filter_map(|p| p["code"].as_str().map(str::to_string)).collect();
    let first = projects(2022).into_iter().find(|p| in_2023.iter().any(|c| Some(c.as_str()) == p["code"].as_str())).expect("some 2022 project recurs in 2023");
    let code = first["code"].as_str().unwrap();
    let name = first["name"].as_str().unwrap();
    let mut expected = vec![];
    for year in 2022..=2024 {
        if let Some(p) = projects(year).iter().find(|p| p["code"].as_str() == Some(code)) {
            expected.push((format!("{year}年"), format!("{:.2}", p["actual"].as_float().unwrap())));
        }
    }
    assert!(expected.len() >= 2, "{expected:?}");
    let unit = fs::read_to_string(site.join("units/u0001/index.html")).unwrap();
    // The link whose text is the name and its years (the minified page may write href=… without quotes).
    let at = unit.find(&format!(">{name}（")).unwrap_or_else(|| panic!("the unit page links to the history of {name}"));
    let href = unit[..at].rsplit("href=").next().unwrap().trim_matches('"');
    assert!(href.starts_with("projects/") && href.ends_with(".html"), "{href}");
    let history = fs::read_to_string(site.join("units/u0001").join(href)).unwrap();
    assert!(history.contains(code) && history.contains("tracking/projects/"), "the page names the code and links to each year's page");
    let stem = href.trim_end_matches(".html").replace('/', "-");
    let rows = csv_records(&fs::read_to_string(site.join(format!("units/u0001/projects/u0001-{stem}-history.csv"))).unwrap());
    let got: Vec<(String, String)> = rows.iter().map(|r| (r[0].clone(), r[3].clone())).collect();
    assert_eq!(got, expected, "year and 实际支出 per year");
}

#[test]
fn a_year_without_reports_is_a_gap() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    generate(&content, "3");
    fs::remove_dir_all(content.join("units/u0001/2023")).unwrap();
    let site = build(&content, dir.path());
    let rows = trend_csv(&site, "部门整体绩效评价得分历年情况");
    let cells: Vec<(&str, &str, &str)> = rows.iter().map(|r| (r[0].as_str(), r[1].as_str(), r[2].as_str())).collect();
    assert_eq!(cells[1], ("2023年", "未公开", "—"), "{cells:?}");
    assert_eq!(cells[2].2, "—", "no change across a gap: {cells:?}");
    assert_eq!(cells[0].1.parse::<f64>().unwrap(), score(&content, 2022));
}

#[test]
fn a_stated_prior_year_three_public_is_checked_against_that_years_report() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    generate(&content, "2");
    let y24 = content.join("units/u0001/2024/final-accounts.toml");
    // gen-demo.py writes each year's 上年数 as the previous year's own figure: it agrees.
    let fa = fs::read_to_string(&y24).unwrap();
    let section = fa.split("[three_public]\n").nth(1).unwrap();
    let prior = section.lines().find_map(|l| l.strip_prefix("prior = ")).expect("2024 states the 上年数 of “三公”经费").to_string();
    let prior_2023 = fs::read_to_string(content.join("units/u0001/2023/final-accounts.toml")).unwrap();
    let actual_2023 = prior_2023.split("[three_public]\nactual = ").nth(1).unwrap().lines().next().unwrap();
    assert_eq!(prior, actual_2023, "the 上年数 is 2023's 决算数");
    assert!(check_json(&content).is_empty());
    // 2024 states a 上年数 of “三公”经费 that 2023's own 决算 contradicts (its 增减额 left out).
    let (head, tail) = fa.split_once("[three_public]\n").unwrap();
    let wrong = format!("{head}[three_public]\n{}", tail.replacen(&format!("prior = {prior}\n"), "prior = 1.00\n", 1));
    let wrong: String = wrong.lines().filter(|l| !l.starts_with("prior_change = ")).map(|l| format!("{l}\n")).collect();
    fs::write(&y24, &wrong).unwrap();
    let line = wrong.lines().position(|l| l == "prior = 1.00").unwrap() as u64 + 1;
    let diags: Vec<_> = check_json(&content).into_iter().filter(|d| d.field.starts_with("three_public")).collect();
    assert_eq!(diags.len(), 1, "{diags:#?}");
    diags[0].assert_is(Severity::Error, "E-CROSS", "2024/final-accounts.toml", line, "three_public.prior", "2023年度部门决算的“三公”经费合计");
}
