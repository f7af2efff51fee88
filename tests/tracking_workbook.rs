//! 绩效跟踪工作簿: a 绩效跟踪 report's project list kept in a workbook beside a
//! `tracking.toml` without `[[projects]]` (docs/content-format.md §3.6.7).
//! The workbooks here are CREATED IN THE TEST from the demo's TOML with
//! rust_xlsxwriter ([`convert`]), so they are faithful: the same figures as
//! written, the same findings — only their places change to `file!sheet!cell`.
//! The demo's own `绩效跟踪.xlsx` (白纸坊 2020) was made by the same
//! [`convert`] (`GONGKAI_WRITE_DEMO_BOOK=1 cargo test --release --test
//! tracking_workbook -- --ignored`).

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{Diag, check_json, copy_dir, findings};
use rust_xlsxwriter::{Workbook, Worksheet};
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

/// The columns [`convert`] writes: heading and the `[[projects]]` key.
const COLUMNS: &[(&str, &str)] = &[
    ("序号", "no"),
    ("项目代码", "code"),
    ("项目名称", "name"),
    ("科室", "office"),
    ("项目功能代码", "function_code"),
    ("预算功能分类", "function_name"),
    ("年初预算", "budget"),
    ("追加", "added"),
    ("追减", "cut"),
    ("调整后预算", "adjusted"),
    ("实际支出", "actual"),
    ("比例（%）", "rate_pct"),
];

/// The figure keys: written as numbers where the workbook reads them back as written.
const FIGURES: &[&str] = &["budget", "added", "cut", "adjusted", "actual", "rate_pct"];

/// A value's text as written in the TOML (a string's content, a number's literal).
fn written(v: &Value) -> String {
    match v.as_str() {
        Some(s) => s.to_string(),
        // A number's literal, without its decor (spaces, a trailing comment).
        None => v.to_string().split('#').next().unwrap_or_default().trim().to_string(),
    }
}

/// Decimals of a written number (`100.00` → 2).
fn decimals(text: &str) -> usize {
    text.split_once('.').map_or(0, |(_, f)| f.len())
}

/// Write one cell: a figure as a number when its column's decimals give it
/// back as written (calamine reads `100.00` as 100; the column's two
/// decimals restore it), otherwise as text; other keys as text, `no` as a number.
fn put(ws: &mut Worksheet, row: u32, col: u16, key: &str, text: &str, column_decimals: usize) {
    let number = text.parse::<f64>().ok().filter(|_| (FIGURES.contains(&key) && decimals(text) == column_decimals) || key == "no");
    match number {
        Some(n) => ws.write_number(row, col, n).map(|_| ()),
        None => ws.write_string(row, col, text).map(|_| ()),
    }
    .unwrap();
}

/// A `tracking.toml` with `[[projects]]` (and `[totals]`) as a 绩效跟踪工作簿
/// (one sheet `重点跟踪项目`: title, 单位 row, header, one row per project,
/// the 合计 row) and the `tracking.toml` to keep beside it: without
/// `[[projects]]` and `[totals]`, each project's findings and restated
/// figures in `[[project_notes]]`. Columns no project fills are left out.
pub fn convert(toml: &str) -> (Vec<u8>, String) {
    let mut doc: DocumentMut = toml.parse().unwrap();
    let unit = doc["unit"].as_str().unwrap().to_string();
    let projects = doc.remove("projects").and_then(|i| i.into_array_of_tables().ok()).expect("[[projects]]");
    let totals = doc.remove("totals").and_then(|i| i.into_table().ok());
    let cell = |t: &Table, key: &str| t.get(key).and_then(Item::as_value).map(written);
    let used: Vec<(&str, &str)> = COLUMNS.iter().copied().filter(|(_, k)| projects.iter().any(|p| p.contains_key(k))).collect();
    let width = |key: &str| projects.iter().chain(totals.iter()).filter_map(|t| cell(t, key)).map(|s| decimals(&s)).max().unwrap_or(0);
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("重点跟踪项目").unwrap();
    ws.write_string(0, 0, "重点跟踪项目全年预算情况表").unwrap();
    ws.write_string(1, 0, format!("单位：{unit}")).unwrap();
    for (c, (heading, _)) in used.iter().enumerate() {
        ws.write_string(2, c as u16, *heading).unwrap();
    }
    let mut row = 3;
    for p in projects.iter() {
        for (c, (_, key)) in used.iter().enumerate() {
            if let Some(text) = cell(p, key) {
                put(ws, row, c as u16, key, &text, width(key));
            }
        }
        row += 1;
    }
    if let Some(t) = &totals {
        let name = used.iter().position(|(_, k)| *k == "name").unwrap() as u16;
        ws.write_string(row, name, "合计").unwrap();
        for (c, (_, key)) in used.iter().enumerate() {
            if let Some(text) = cell(t, key) {
                put(ws, row, c as u16, key, &text, width(key));
            }
        }
    }
    let mut notes = ArrayOfTables::new();
    for p in projects.iter().filter(|p| p.contains_key("findings") || p.contains_key("restated")) {
        let mut note = Table::new();
        note.insert("project", p["name"].clone());
        for key in ["findings", "restated"] {
            if let Some(item) = p.get(key) {
                note.insert(key, item.clone());
            }
        }
        notes.push(note);
    }
    if !notes.is_empty() {
        doc.insert("project_notes", Item::ArrayOfTables(notes));
    }
    (book.save_to_buffer().unwrap(), doc.to_string())
}

/// A copy of the demo content with `unit/year`'s tracking.toml converted
/// ([`convert`]) into `绩效跟踪.xlsx` beside the new tracking.toml.
fn converted(unit_year: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), &content);
    let year = content.join("units").join(unit_year);
    let (book, toml) = convert(&fs::read_to_string(year.join("tracking.toml")).unwrap());
    fs::write(year.join("绩效跟踪.xlsx"), book).unwrap();
    fs::write(year.join("tracking.toml"), toml).unwrap();
    (dir, content)
}

/// The diagnostics of files below `unit_year`.
fn of(diags: &[Diag], unit_year: &str) -> Vec<Diag> {
    diags.iter().filter(|d| d.file.contains(&format!("units/{unit_year}/"))).cloned().collect()
}

#[test]
fn a_project_list_in_a_workbook_gives_the_same_findings_at_its_cells() {
    // 德胜 2016: 万元, 项目功能代码, restated figures, findings in the projects and the 合计 row.
    let unit_year = "desheng/2016";
    let before = of(&check_json(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content")), unit_year);
    let (_dir, content) = converted(unit_year);
    let after = of(&check_json(&content), unit_year);
    assert!(before.len() >= 10, "德胜's seed has its findings: {before:#?}");
    assert_eq!(findings(&before), findings(&after), "the same findings from the TOML and from the workbook");
    // The project figures' findings now name their cells.
    let in_book: Vec<&Diag> = after.iter().filter(|d| d.file.ends_with("绩效跟踪.xlsx")).collect();
    let rate = in_book.iter().find(|d| d.field == "projects[1].rate_pct").expect("项目 2's 比例");
    assert_eq!(rate.cell.as_deref(), Some("重点跟踪项目!H5"), "{rate:#?}");
    let total = in_book.iter().find(|d| d.field == "totals.budget").expect("合计 年初预算");
    assert!(total.cell.as_deref().is_some_and(|c| c.starts_with("重点跟踪项目!F")), "{total:#?}");
}

/// Makes the demo's 白纸坊 2020 `绩效跟踪.xlsx` from its `tracking.toml` with
/// `[[projects]]` (run once, with `GONGKAI_WRITE_DEMO_BOOK=1`; see the module doc).
#[test]
#[ignore]
fn write_the_demo_workbook() {
    if std::env::var_os("GONGKAI_WRITE_DEMO_BOOK").is_none() {
        return;
    }
    let year = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/units/baizhifang/2020");
    let (book, toml) = convert(&fs::read_to_string(year.join("tracking.toml")).unwrap());
    fs::write(year.join("绩效跟踪.xlsx"), book).unwrap();
    fs::write(year.join("tracking.toml"), toml).unwrap();
}
