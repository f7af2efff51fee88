//! 单位比较 end to end: a site of three units × three years
//! (scripts/gen-demo.py, no injected errors) made into a fixture of its own —
//! two units in one 区 and one in another, 常住人口 for two of them, a 部门决算
//! in the first year of one unit whose middle year is removed (a gap), and one
//! tracked project spent down to 45% — is built, and the comparison pages
//! must give: the link from the home page; each unit's “三公”经费 from its
//! first year with the figure to its last, the largest rise first and the gap
//! named; the 支出合计 ranking of the last year with its median row and
//! per-resident amounts; the projects below 60% with links to their pages;
//! and a page for the 区 two units share.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;

use common::gongkai;
use rust_decimal::Decimal;

const UNITS: [&str; 3] = ["u0001", "u0002", "u0003"];

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn generate(content: &Path) {
    let o = Command::new("python3")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["scripts/gen-demo.py", content.to_str().unwrap(), "--units", "3", "--years", "3", "--projects", "5", "--errors", "0", "--seed", "7"])
        .args(["--gongkai", env!("CARGO_BIN_EXE_gongkai")])
        .output()
        .expect("run python3 scripts/gen-demo.py");
    assert!(o.status.success(), "gen-demo.py failed: {}", String::from_utf8_lossy(&o.stderr));
}

/// A TOML number as an exact decimal (as written).
fn num(v: &toml_edit::Item) -> Decimal {
    d(&v.as_value().unwrap().to_string().trim().replace('"', ""))
}

fn round2(v: Decimal) -> Decimal {
    v.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

/// Spend the first project of `file` down to 45% of its adjusted budget, with
/// its office's subtotal and the totals following. Returns its name.
fn spend_down(file: &Path) -> String {
    let mut doc: toml_edit::DocumentMut = fs::read_to_string(file).unwrap().parse().unwrap();
    let p = &doc["projects"][0];
    let (name, office, adjusted, actual) =
        (p["name"].as_str().unwrap().to_string(), p["office"].as_str().unwrap().to_string(), num(&p["adjusted"]), num(&p["actual"]));
    let new = round2(adjusted * d("0.45"));
    let delta = new - actual;
    let set = |t: &mut toml_edit::Item, actual: Decimal| {
        let adjusted = num(&t["adjusted"]);
        t["actual"] = toml_edit::value(toml_edit::Value::from_str(&actual.to_string()).unwrap());
        t["rate_pct"] = toml_edit::value(toml_edit::Value::from_str(&round2(actual / adjusted * Decimal::ONE_HUNDRED).to_string()).unwrap());
    };
    set(&mut doc["projects"][0], new);
    let total = num(&doc["totals"]["actual"]) + delta;
    set(&mut doc["totals"], total);
    let offices = doc["offices"].as_array_of_tables_mut().unwrap();
    for o in offices.iter_mut() {
        if o["name"].as_str() == Some(office.as_str()) {
            let sub = o["subtotal"].as_table_mut().unwrap();
            let adjusted = num(&sub["adjusted"]);
            let actual = num(&sub["actual"]) + delta;
            sub["actual"] = toml_edit::value(toml_edit::Value::from_str(&actual.to_string()).unwrap());
            sub["rate_pct"] = toml_edit::value(toml_edit::Value::from_str(&round2(actual / adjusted * Decimal::ONE_HUNDRED).to_string()).unwrap());
        }
    }
    fs::write(file, doc.to_string()).unwrap();
    name
}

/// `unit.toml` with its 区 and, when given, its 常住人口.
fn place(content: &Path, unit: &str, region: &str, population: Option<u32>) {
    let path = content.join(format!("units/{unit}/unit.toml"));
    let text = fs::read_to_string(&path).unwrap();
    let mut out = String::new();
    for line in text.lines() {
        if line.starts_with("region = ") {
            out.push_str(&format!("region = \"{region}\"\n"));
            if let Some(p) = population {
                out.push_str(&format!("population = {p}\n"));
            }
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    fs::write(path, out).unwrap();
}

struct Fixture {
    _dir: tempfile::TempDir,
    content: PathBuf,
    site: PathBuf,
    low: String,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    generate(&content);
    // u0001: a 部门决算 in 2022 too (as 2024's), and no 2023 at all.
    let first = content.join("units/u0001/2022/final-accounts.toml");
    if !first.exists() {
        fs::copy(content.join("units/u0001/2024/final-accounts.toml"), &first).unwrap();
    }
    fs::remove_dir_all(content.join("units/u0001/2023")).unwrap();
    let low = spend_down(&content.join("units/u0002/2023/tracking.toml"));
    place(&content, "u0001", "示例市甲区", Some(50_000));
    place(&content, "u0002", "示例市甲区", Some(80_000));
    place(&content, "u0003", "示例市乙区", None);
    let site = dir.path().join("site");
    let o = gongkai(&["build", "--publish-as-is", "--content", content.to_str().unwrap(), "--out", site.to_str().unwrap()]);
    assert!(o.status.success(), "build failed: {}", String::from_utf8_lossy(&o.stderr));
    Fixture { _dir: dir, content, site, low }
}

fn toml_of(path: PathBuf) -> toml::Table {
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).parse().unwrap()
}

fn float(v: &toml::Value) -> Decimal {
    d(&v.to_string())
}

fn records(path: PathBuf) -> Vec<Vec<String>> {
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut r = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    r.records().skip(2).map(|rec| rec.unwrap().iter().map(str::to_string).collect()).collect()
}

fn short_name(content: &Path, unit: &str) -> String {
    toml_of(content.join(format!("units/{unit}/unit.toml")))["short_name"].as_str().unwrap().to_string()
}

/// Each `href` on a page (quoted or not, as the minifier leaves it).
fn hrefs(html: &str) -> Vec<String> {
    html.split("href=").skip(1).map(|s| s.trim_start_matches('"').split(['"', ' ', '>']).next().unwrap().to_string()).collect()
}

#[test]
fn the_comparison_pages_answer_from_the_figures() {
    let f = fixture();
    let (content, site) = (&f.content, &f.site);
    // Home → 单位比较 (one click), → each year's page (two).
    let home = fs::read_to_string(site.join("index.html")).unwrap();
    assert!(hrefs(&home).contains(&"peers/index.html".to_string()), "the home page links to the comparison");
    let index = fs::read_to_string(site.join("peers/index.html")).unwrap();
    for href in hrefs(&index).iter().filter(|h| !h.starts_with('#') && !h.starts_with("..")) {
        assert!(site.join("peers").join(href).exists(), "{href} exists");
    }
    assert!(hrefs(&index).contains(&"2024/index.html".to_string()) && hrefs(&index).contains(&"district-1/index.html".to_string()));

    // “三公”经费 from each unit's first year with a 部门决算 to its last.
    let mut expected = vec![];
    for unit in UNITS {
        let years: Vec<(u16, Decimal)> = (2022..=2024)
            .filter_map(|y| {
                let file = content.join(format!("units/{unit}/{y}/final-accounts.toml"));
                file.exists().then(|| (y, float(&toml_of(file)["three_public"]["actual"])))
            })
            .collect();
        expected.push((short_name(content, unit), years));
    }
    type Change = (String, (u16, Decimal), (u16, Decimal));
    let mut changing: Vec<Change> = expected.iter().filter(|(_, y)| y.len() >= 2).map(|(n, y)| (n.clone(), y[0], *y.last().unwrap())).collect();
    changing.sort_by_key(|c| std::cmp::Reverse(c.2.1 - c.1.1));
    let rows = records(site.join("peers/all-three-public-change.csv"));
    assert!(changing.iter().any(|c| c.0 == short_name(content, "u0001")), "u0001 has two years: {changing:?}");
    for (row, (name, first, last)) in rows.iter().zip(&changing) {
        assert_eq!(row[0], *name, "{rows:?}");
        assert_eq!((d(&row[3]), d(&row[5]), d(&row[6])), (first.1, last.1, last.1 - first.1), "{row:?}");
        assert_eq!((row[2].as_str(), row[4].as_str()), (format!("{}年", first.0).as_str(), format!("{}年", last.0).as_str()));
    }
    let u1 = rows.iter().find(|r| r[0] == short_name(content, "u0001")).unwrap();
    assert!(u1[8].contains("2023年未公开"), "the gap is named, not a zero: {u1:?}");
    for (name, years) in expected.iter().filter(|(_, y)| y.len() == 1) {
        let row = rows.iter().find(|r| r[0] == *name).unwrap_or_else(|| panic!("{name} listed: {rows:?}"));
        assert_eq!(row[8], format!("仅{}年有数据，无法比较", years[0].0));
    }

    // 2024: 支出合计 ranked, the median row in place, 每位常住居民 where 常住人口 is given.
    let rows = records(site.join("peers/2024/all-2024-spending.csv"));
    let mut totals: Vec<(String, Decimal, Option<Decimal>)> = UNITS
        .iter()
        .zip([Some(50_000), Some(80_000), None])
        .map(|(unit, population)| {
            let file = content.join(format!("units/{unit}/2024/final-accounts.toml"));
            let t = toml_of(file);
            assert_eq!(t["unit"].as_str(), Some("万元"));
            let total = float(&t["expenditure"]["total"]);
            (short_name(content, unit), total, population.map(|p: u32| round2(total * Decimal::from(10_000) / Decimal::from(p))))
        })
        .collect();
    totals.sort_by_key(|t| std::cmp::Reverse(t.1));
    let median = totals[1].1;
    let got: Vec<(String, String, String)> = rows.iter().map(|r| (r[0].clone(), r[2].clone(), r[4].clone())).collect();
    let per = |p: Option<Decimal>| p.map_or("未填报".to_string(), |p| format!("{p:.2}"));
    let want = vec![
        (totals[0].0.clone(), format!("{:.2}", totals[0].1), per(totals[0].2)),
        ("中位数".to_string(), format!("{median:.2}"), "—".to_string()),
        (totals[1].0.clone(), format!("{:.2}", totals[1].1), per(totals[1].2)),
        (totals[2].0.clone(), format!("{:.2}", totals[2].1), per(totals[2].2)),
    ];
    assert_eq!(got, want);
    let page = fs::read_to_string(site.join("peers/2024/index.html")).unwrap();
    assert!(page.contains("<svg") && page.contains("中位数"), "a chart with the median marked");

    // Below 60%: the planted project, linking to its page in 2023's 绩效跟踪.
    let rows = records(site.join("peers/all-low-rates.csv"));
    let planted = rows.iter().find(|r| r[0] == f.low).unwrap_or_else(|| panic!("{} listed: {rows:?}", f.low));
    assert_eq!((planted[1].as_str(), planted[2].as_str(), planted[3].as_str()), (short_name(content, "u0002").as_str(), "2023年", "45.00%"));
    for r in &rows {
        assert!(d(r[3].trim_end_matches('%')) < d("60"), "{r:?}");
    }
    let at = index.find(&format!(">{}<", f.low)).expect("the project name is a link");
    let href = hrefs(&index[..at]).pop().unwrap();
    assert_eq!(href, "../units/u0002/2023/tracking/projects/1.html");
    assert!(site.join("peers").join(&href).exists());

    // 甲区's two units have their own page; 乙区's one does not.
    let district = fs::read_to_string(site.join("peers/district-1/index.html")).unwrap();
    assert!(district.contains("示例市甲区单位比较") && !district.contains(&short_name(content, "u0003")));
    assert!(!site.join("peers/district-2").exists());
}
