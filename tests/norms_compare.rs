//! 单项定额一览's 同类服务跨单位比较 end to end: two units of a generated site
//! (scripts/gen-demo.py, no injected errors) whose cost analyses set a norm
//! for the same service in the same unit of measure are compared on the
//! norms page — each unit's 单项定额 and 实际单价 as its analysis states them,
//! how far each lies from the median, and the group's 最低/中位数/最高 and
//! 最高/最低 — read through the tables' CSV downloads (made from the same
//! rows as the page). A history page's file is named by its 项目代码.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::str::FromStr;

use rust_decimal::Decimal;

use common::gongkai;

/// `units` units × 2 years × 5 projects, no injected errors.
fn generate(content: &Path, units: &str) {
    let o = Command::new("python3")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["scripts/gen-demo.py", content.to_str().unwrap(), "--units", units, "--years", "2", "--projects", "5", "--errors", "0", "--seed", "5"])
        .args(["--gongkai", env!("CARGO_BIN_EXE_gongkai")])
        .output()
        .expect("run python3 scripts/gen-demo.py");
    assert!(o.status.success(), "gen-demo.py failed: {}", String::from_utf8_lossy(&o.stderr));
}

/// The norms (内容 → 单项定额 as written, `200元/人次`) of a unit's 2024 analysis.
fn norms(content: &Path, unit: &str) -> BTreeMap<String, String> {
    let dir = content.join(format!("units/{unit}/2024/cost"));
    let file = fs::read_dir(&dir).unwrap().next().unwrap().unwrap().path();
    let t: toml::Table = fs::read_to_string(file).unwrap().parse().unwrap();
    t["norms"].as_array().unwrap().iter().map(|n| (n["name"].as_str().unwrap().to_string(), n["value"].as_str().unwrap().to_string())).collect()
}

/// The records after the title and header of the CSV in `dir` whose title line ends with `表：{caption}`.
fn csv_by_caption(dir: &Path, caption: &str) -> Vec<Vec<String>> {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "csv") {
            let text = fs::read_to_string(&path).unwrap();
            if text.lines().next().unwrap().ends_with(&format!("表：{caption}")) {
                let mut r = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
                return r.records().skip(2).map(|rec| rec.unwrap().iter().map(str::to_string).collect()).collect();
            }
        }
    }
    panic!("no table captioned {caption} in {}", dir.display());
}

fn half_up(v: Decimal) -> Decimal {
    v.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(&s.replace(',', "")).unwrap_or_else(|e| panic!("{s}: {e}"))
}

#[test]
fn two_units_sharing_a_service_are_compared_with_their_spread() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    generate(&content, "2");
    let (a, b) = (norms(&content, "u0001"), norms(&content, "u0002"));
    let shared: Vec<&String> = a.keys().filter(|k| b.contains_key(*k)).collect();
    assert!(!shared.is_empty(), "the two units' analyses share a service: {a:?} {b:?}");
    let site = dir.path().join("site");
    let o = gongkai(&["build", "--content", content.to_str().unwrap(), "--out", site.to_str().unwrap()]);
    assert!(o.status.success(), "build failed: {}", String::from_utf8_lossy(&o.stderr));
    let norms_dir = site.join("norms");
    // Every id on the page is unique (the section once shared its summary table's id).
    let page = std::fs::read_to_string(norms_dir.join("index.html")).unwrap();
    let mut ids: Vec<&str> = page.split(" id=").skip(1).map(|r| r.trim_start_matches('"').split(['"', ' ', '>']).next().unwrap()).collect();
    let all = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), all, "duplicate ids on norms/index.html");
    assert!(page.contains("id=norms-peers") && page.contains("id=norms-compare"), "the section and its summary table");
    let summary = csv_by_caption(&norms_dir, "同类服务单项定额差异");
    for name in shared {
        let (va, vb) = (&a[name], &b[name]);
        let per = va.split_once("元/").unwrap().1;
        assert_eq!(vb.split_once("元/").unwrap().1, per, "gen-demo prices a service in one unit of measure");
        let (na, nb) = (dec(va.split_once('元').unwrap().0), dec(vb.split_once('元').unwrap().0));
        // Both years of each unit state a norm for the service only if both analyses chose it; 2024's are these.
        let rows = csv_by_caption(&norms_dir, &format!("{name}（元/{per}）各单位单项定额比较"));
        let of = |label: &str| rows.iter().find(|r| r[0] == label).unwrap_or_else(|| panic!("{name}: no row {label} in {rows:?}"));
        let (ra, rb) = (of("第1街道2024年"), of("第2街道2024年"));
        assert_eq!((dec(&ra[1]), dec(&rb[1])), (na, nb), "{name}: 单项定额 as each analysis states it");
        // gen-demo prices the later budget's line at the norm: the actual unit price is the norm.
        assert_eq!((dec(&ra[2]), dec(&rb[2])), (na, nb), "{name}: 实际单价");
        let values: Vec<Decimal> = rows.iter().map(|r| dec(&r[1])).collect();
        let mut sorted = values.clone();
        sorted.sort();
        let n = sorted.len();
        let median = if n % 2 == 1 { sorted[n / 2] } else { (sorted[n / 2 - 1] + sorted[n / 2]) / Decimal::TWO };
        for (row, v) in rows.iter().zip(&values) {
            let pct = half_up((v - median) / median * Decimal::ONE_HUNDRED);
            let far = if pct.abs() > Decimal::from(30) { "，偏离较大" } else { "" };
            let want = if pct.is_zero() {
                "与中位数持平".to_string()
            } else if pct > Decimal::ZERO {
                format!("比中位数高{}%{far}", pct.normalize())
            } else {
                format!("比中位数低{}%{far}", (-pct).normalize())
            };
            assert_eq!(row[3], want, "{name}: {row:?}, median {median}");
        }
        let line = summary.iter().find(|r| r[0] == *name).unwrap_or_else(|| panic!("{name} not in the summary {summary:?}"));
        let (lo, hi) = (sorted[0], sorted[n - 1]);
        assert_eq!(line[1], format!("元/{per}"));
        assert_eq!((dec(&line[4]), dec(&line[5]), dec(&line[6])), (lo, half_up(median), hi), "{name}: 最低, 中位数, 最高");
        assert_eq!(line[7], format!("{}倍", half_up(hi / lo).normalize()), "{name}: 最高/最低");
    }
    let page = fs::read_to_string(norms_dir.join("index.html")).unwrap();
    assert!(page.contains("同类服务跨单位比较") && page.contains("<svg"), "the section with its charts");
}

#[test]
fn a_history_page_is_named_by_its_project_code() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    generate(&content, "1");
    let codes = |year: u16| -> Vec<String> {
        let t: toml::Table = fs::read_to_string(content.join(format!("units/u0001/{year}/tracking.toml"))).unwrap().parse().unwrap();
        t["projects"].as_array().unwrap().iter().map(|p| p["code"].as_str().unwrap().to_string()).collect()
    };
    let later = codes(2024);
    let recurring: Vec<String> = codes(2023).into_iter().filter(|c| later.contains(c)).collect();
    assert!(!recurring.is_empty());
    let site = dir.path().join("site");
    let o = gongkai(&["build", "--content", content.to_str().unwrap(), "--out", site.to_str().unwrap()]);
    assert!(o.status.success(), "build failed: {}", String::from_utf8_lossy(&o.stderr));
    for code in &recurring {
        let page = fs::read_to_string(site.join(format!("units/u0001/projects/{code}.html"))).unwrap_or_else(|e| panic!("{code}: {e}"));
        assert!(page.contains(code.as_str()));
    }
    let unit = fs::read_to_string(site.join("units/u0001/index.html")).unwrap();
    assert!(unit.contains(&format!("projects/{}.html", recurring[0])), "the unit page links to it by the same name");
}
