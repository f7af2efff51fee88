//! End-to-end: the 数据核验 pages of the bundled demo list every diagnostic
//! `check` reports, each linking to the figure on its report page.

mod common;

use common::{gongkai, page, site, spaced_text};

fn all_diagnostics() -> Vec<serde_json::Value> {
    let o = gongkai(&["check", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    v["diagnostics"].as_array().unwrap().clone()
}

/// `href`s of the 位置 links on a 数据核验 page, resolved from the site root.
fn place_links(html: &str, up: &str) -> Vec<String> {
    html.split("<a href=")
        .skip(1)
        .filter_map(|s| {
            let end = s.find('>')?;
            let href = s[..end].trim_matches('"');
            s[end..].starts_with(">在报告中查看").then(|| href.strip_prefix(up).unwrap_or(href).to_string())
        })
        .collect()
}

#[test]
fn site_wide_page_lists_every_diagnostic_and_each_link_lands_on_its_figure() {
    // Listed errors first, then warnings, each in the order `check` finds them.
    let mut diags = all_diagnostics();
    diags.sort_by_key(|d| d["severity"] != "error");
    let html = page("checks/index.html");
    let t = spaced_text(&html);
    let errors = diags.iter().filter(|d| d["severity"] == "error").count();
    let warnings = diags.len() - errors;
    assert!(t.contains(&format!("错误 {errors} 处")) && t.contains(&format!("警告 {warnings} 处")), "summary counts");
    for d in &diags {
        // `check` names the file as opened from the repository, the page inside the content folder.
        let file = d["file"].as_str().unwrap().strip_prefix("content/").unwrap();
        assert!(t.contains(&format!("{file}:{}", d["line"])), "source of {d}");
    }
    let links = place_links(&html, "../");
    assert_eq!(links.len(), diags.len(), "one 位置 link per diagnostic");
    for (i, l) in links.iter().enumerate() {
        let (path, anchor) = l.split_once('#').expect("anchor");
        let target = std::fs::read_to_string(site().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(target.contains(&format!("id={anchor}>")) || target.contains(&format!("id={anchor} ")), "{l}: anchor missing");
        // Every disputed figure is linked where it is shown; only findings that
        // are not one figure (白纸坊's project under two offices, 月坛's 监控项目
        // count, 新街口's leftover `2023-xxx-` in a text) link to their row
        // in the page's 数据核验 table; so do prose contradictions (E-PROSE:
        // 月坛's “部门决算无差异”), which carry no 核验提示 in the text yet.
        let code = diags[i]["code"].as_str().unwrap();
        if !matches!(code, "E-CONFLICT" | "E-COUNT" | "W-TEMPLATE" | "E-PROSE" | "E-PROSE-TWICE" | "E-PROSE-CALC") {
            assert!(anchor.starts_with("fig-"), "{code} {}", diags[i]["message"]);
        }
    }
    let distinct: std::collections::BTreeSet<&String> = links.iter().collect();
    assert_eq!(distinct.len(), links.len(), "each diagnostic has its own anchor");
}

#[test]
fn checks_rows_name_unit_year_and_report_errors_first() {
    let html = page("checks/index.html");
    let severities: Vec<&str> = html.split("data-severity=").skip(1).map(|s| if s.starts_with("error") { "error" } else { "warning" }).collect();
    let errors = all_diagnostics().iter().filter(|d| d["severity"] == "error").count();
    assert_eq!(severities.len(), all_diagnostics().len(), "one 结论 per diagnostic");
    assert!(severities[..errors].iter().all(|s| *s == "error") && severities[errors..].iter().all(|s| *s == "warning"), "errors first");
    let t = spaced_text(&html);
    for (unit, year, report) in [("月坛", 2023, "成本绩效分析"), ("月坛", 2023, "绩效评价"), ("白纸坊", 2020, "绩效跟踪"), ("新街口", 2023, "部门决算")]
    {
        assert!(t.contains(&format!("{unit}街道 {year}年 {report}")), "a row of {unit} {year} {report}");
    }
}

#[test]
fn unit_year_pages_exist_even_with_nothing_to_report() {
    let jinsong = spaced_text(&page("units/jinsong/2021/checks/index.html"));
    assert!(jinsong.contains("未发现问题"), "劲松 2021 adds up");
    assert!(jinsong.contains("错误 0 处"));
    let yuetan = page("units/yuetan/2023/checks/index.html");
    let mine = all_diagnostics().iter().filter(|d| d["file"].as_str().unwrap().contains("units/yuetan/2023/")).count();
    assert!(mine > 0);
    assert_eq!(place_links(&yuetan, "../../../../").len(), mine, "月坛 2023: evaluation and cost diagnostics");
    assert!(page("units/yuetan/2023/index.html").contains("href=checks/index.html"));
}

#[test]
fn json_output_matches_the_documented_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/diagnostics.schema.json")).unwrap()).unwrap();
    let o = gongkai(&["check", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let keys = |o: &serde_json::Value| o.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    let mut top = keys(&v);
    top.sort();
    let mut want: Vec<String> = schema["required"].as_array().unwrap().iter().map(|k| k.as_str().unwrap().to_string()).collect();
    want.sort();
    assert_eq!(top, want);
    let item = &schema["properties"]["diagnostics"]["items"];
    let mut item_keys: Vec<String> = item["required"].as_array().unwrap().iter().map(|k| k.as_str().unwrap().to_string()).collect();
    item_keys.sort();
    let ds = v["diagnostics"].as_array().unwrap();
    assert!(!ds.is_empty());
    let errors = ds.iter().filter(|d| d["severity"] == "error").count();
    assert_eq!(v["errors"], errors);
    assert_eq!(v["warnings"], ds.len() - errors);
    for d in ds {
        let mut k = keys(d);
        k.sort();
        assert_eq!(k, item_keys, "{d}");
        for (key, ty) in item["properties"].as_object().unwrap() {
            let types: Vec<&str> = match &ty["type"] {
                serde_json::Value::String(t) => vec![t.as_str()],
                serde_json::Value::Array(a) => a.iter().map(|t| t.as_str().unwrap()).collect(),
                _ => vec!["string"], // the enum (severity) is a string
            };
            let actual = match &d[key] {
                serde_json::Value::Null => "null",
                serde_json::Value::String(_) => "string",
                serde_json::Value::Number(_) => "integer",
                _ => "other",
            };
            assert!(types.contains(&actual), "{key}: {actual} not in {types:?}");
        }
        let code = d["code"].as_str().unwrap();
        assert_eq!(code.starts_with("E-"), d["severity"] == "error", "{code}");
    }
}

#[test]
fn manifest_lists_every_file_and_verify_catches_any_change() {
    let (_dir, out) = common::build_demo();
    let dir = out.to_str().unwrap();
    let m: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    let files = m["files"].as_array().unwrap();
    assert!(files.iter().any(|f| f["path"] == "units/yuetan/2023/cost/relief-service-station/index.html"));
    assert!(files.iter().all(|f| f["sha256"].as_str().unwrap().len() == 64));
    let ok = gongkai(&["verify", dir]);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    assert!(String::from_utf8_lossy(&ok.stderr).contains(&format!("校验通过：{} 个文件", files.len())));
    // One changed digit in one page is caught and named.
    let page = out.join("units/yuetan/2023/cost/relief-service-station/index.html");
    let html = std::fs::read_to_string(&page).unwrap().replacen("418,508.42", "418,508.43", 1);
    std::fs::write(&page, html).unwrap();
    std::fs::write(out.join("extra.html"), "<p>added</p>").unwrap();
    let bad = gongkai(&["verify", dir]);
    let err = String::from_utf8_lossy(&bad.stderr);
    assert_eq!(bad.status.code(), Some(1), "{err}");
    assert!(err.contains("已改动：units/yuetan/2023/cost/relief-service-station/index.html"), "{err}");
    assert!(err.contains("多出：extra.html"), "{err}");
}

#[test]
fn every_stated_figure_names_the_line_it_is_written_on() {
    for rel in [
        "units/xinjiekou/2023/final-accounts/index.html",
        "units/yuetan/2023/cost/relief-service-station/index.html",
        "units/baizhifang/2020/tracking/index.html",
    ] {
        let html = page(rel);
        assert!(html.contains("id=show-src"), "{rel}: the 显示来源 toggle");
        let mut n = 0;
        for part in html.split("data-src=").skip(1) {
            let end = part.find('>').unwrap();
            let src = part[..end].trim_matches('"').split_whitespace().next().unwrap();
            let text: String = part[end + 1..].chars().take_while(|c| *c != '<').collect();
            let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
            // A workbook's figure names its cell (`….xlsx!sheet!D12`), a TOML file's its line.
            let written = match src.split_once('!') {
                Some((file, place)) => workbook_cell(&content.join(file), place),
                None => {
                    let (file, line) = src.rsplit_once(':').unwrap();
                    let line: usize = line.parse().unwrap();
                    let source = std::fs::read_to_string(content.join(file)).unwrap();
                    source.lines().nth(line - 1).unwrap().replace([',', '_'], "")
                }
            };
            // The figure as shown (0.00, 1,170.82, 2.84%) equals a number written on that line.
            let shown: f64 = text.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect::<String>().parse().unwrap_or(f64::NAN);
            let on_line = written.split(|c: char| !(c.is_ascii_digit() || c == '.')).filter_map(|t| t.parse::<f64>().ok());
            assert!(on_line.into_iter().any(|v| (v - shown).abs() < 1e-9), "{rel}: {text} is not on {src}: {written}");
            n += 1;
        }
        assert!(n > 100, "{rel}: {n} figures carry their source");
    }
}

/// What the cell `sheet!D12` of a workbook holds, as text.
fn workbook_cell(path: &std::path::Path, place: &str) -> String {
    use calamine::Reader;
    let (sheet, cell) = place.rsplit_once('!').unwrap();
    let split = cell.find(|c: char| c.is_ascii_digit()).unwrap();
    let col = cell[..split].bytes().fold(0u32, |n, b| n * 26 + u32::from(b - b'A' + 1)) - 1;
    let row: u32 = cell[split..].parse::<u32>().unwrap() - 1;
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let range = book.worksheet_range(sheet).unwrap();
    range.get_value((row, col)).map(|v| v.to_string()).unwrap_or_default()
}

#[test]
fn each_unit_year_offers_its_dataset_as_json_with_exact_numbers() {
    let v: serde_json::Value = serde_json::from_str(&page("units/xinjiekou/2023/data.json")).unwrap();
    assert_eq!(v["year"], 2023);
    assert_eq!(v["files"]["final-accounts"]["overview"]["total"], "39985.83");
    assert_eq!(v["files"]["evaluation"]["execution"]["budget"], "40775.5299", "every digit as written");
    assert_eq!(v["files"]["projects/party-service-fund"]["name"], "社区党组织服务群众经费");
    let y: serde_json::Value = serde_json::from_str(&page("units/yuetan/2023/data.json")).unwrap();
    assert_eq!(y["files"]["cost/relief-service-station"]["budgets"][1]["total"], "418508.42");
    assert!(page("units/xinjiekou/2023/index.html").contains("href=data.json>下载本年度全部数据"));
}

#[test]
fn zip_bundle_unpacks_into_a_folder_that_verifies_and_is_reproducible() {
    let dir = tempfile::tempdir().unwrap();
    let zip_of = |name: &str| {
        let out = dir.path().join(name).join("public");
        let o = gongkai(&["build", "--out", out.to_str().unwrap(), "--zip"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        std::fs::read(out.with_extension("zip")).unwrap()
    };
    let (a, b) = (zip_of("a"), zip_of("b"));
    assert_eq!(a, b, "same content, same zip bytes");
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(a)).unwrap();
    let names: Vec<String> = z.file_names().map(|n| n.unwrap().to_string()).collect();
    assert!(names.iter().all(|n| n.starts_with("public/")), "one top folder");
    assert!(names.contains(&"public/index.html".to_string()) && names.contains(&"public/manifest.json".to_string()));
    let unpacked = dir.path().join("unpacked");
    z.extract(&unpacked).unwrap();
    let v = gongkai(&["verify", unpacked.join("public").to_str().unwrap()]);
    assert!(v.status.success(), "{}", String::from_utf8_lossy(&v.stderr));
}

#[test]
fn json_to_a_reader_that_stops_early_ends_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    // The demo six times over: its JSON (~200 KB) is more than a pipe holds,
    // so the writer really meets the closed pipe.
    let dir = tempfile::tempdir().unwrap();
    let content = common::demo_copy(dir.path());
    for i in 1..=5 {
        common::copy_dir(&content.join("units/yuetan"), &content.join(format!("units/yuetan{i}")));
        common::copy_dir(&content.join("units/desheng"), &content.join(format!("units/desheng{i}")));
        common::copy_dir(&content.join("units/xinjiekou"), &content.join(format!("units/xinjiekou{i}")));
    }
    let full = gongkai(&["check", "--format", "json", "--content", content.to_str().unwrap()]);
    assert!(full.stdout.len() > 128 * 1024, "{} bytes", full.stdout.len());
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["check", "--format", "json", "--content", content.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The pipe is closed here, like `gongkai check --format json | head -c 16`.
    let o = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(first.starts_with(b"{"), "{first:?}");
    assert_eq!(o.status.code(), Some(1), "the demo has errors: {err}");
    assert!(err.is_empty(), "no panic, no message: {err}");
}
