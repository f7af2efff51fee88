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

/// A content folder with the `gongkai init` example's site and unit, its
/// 2024 folder holding `tracking_toml` and the workbook `绩效跟踪.xlsx`
/// written by `book` (none when `None`); and what `check` says.
fn year_with(tracking_toml: &str, book: Option<&dyn Fn(&mut Worksheet)>) -> (tempfile::TempDir, PathBuf, Vec<Diag>) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/init/example");
    let year = content.join("units/example/2024");
    fs::create_dir_all(&year).unwrap();
    fs::copy(example.join("site.toml"), content.join("site.toml")).unwrap();
    fs::copy(example.join("unit.toml"), content.join("units/example/unit.toml")).unwrap();
    fs::write(year.join("tracking.toml"), tracking_toml).unwrap();
    if let Some(write) = book {
        let mut wb = Workbook::new();
        write(wb.add_worksheet());
        wb.save(year.join("绩效跟踪.xlsx")).unwrap();
    }
    let diags = check_json(&content);
    (dir, content, diags)
}

const TOML_WAN: &str = "unit = \"万元\"\ntitle = \"2024年度绩效跟踪报告\"\n";

/// A project list as the finance office keeps it: a unit name and a title
/// above the header, `单位：万元`, a two-row merged header (年中调整 over 追加 and
/// 追减) in its own column order, text numbers (`1,200.00`, full-width
/// `１０．５０`, `200.00`), `-`, an office left blank under the one above, a 小计 row, the
/// 合计 row and a note. Every figure agrees.
fn finance_sheet(ws: &mut Worksheet) {
    use rust_xlsxwriter::Format;
    let f = Format::new();
    ws.set_name("Sheet1").unwrap();
    ws.write_string(0, 0, "示例街道").unwrap();
    ws.write_string(1, 0, "2024年重点跟踪项目执行情况表").unwrap();
    ws.write_string(2, 8, "单位：万元").unwrap();
    for (col, title) in [(0, "序号"), (1, "科室"), (2, "项目名称"), (3, "年初预算"), (6, "调整后预算"), (7, "实际支出"), (8, "比例（%）")]
    {
        ws.merge_range(3, col, 4, col, title, &f).unwrap();
    }
    ws.merge_range(3, 4, 3, 5, "年中调整", &f).unwrap();
    ws.write_string(4, 4, "追加").unwrap();
    ws.write_string(4, 5, "追减").unwrap();
    let rows: [&[&str]; 5] = [
        &["1", "综合办公室", "项目甲", "100", "１０．５０", "-", "110.5", "99.45", "90.00"],
        &["2", "", "项目乙", "1,200.00", "-", "'200.00", "'1000.00", "1000.00", "100.00"],
        &["", "", "综合办公室小计", "1300.00", "10.50", "200.00", "1110.50", "1099.45", "99.00"],
        &["3", "民生保障办公室", "项目丙", "50.00", "-", "-", "50.00", "25.00", "50.00"],
        &["", "", "合计", "1350.00", "10.50", "200.00", "1160.50", "1124.45", "96.89"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
            let (r, c) = (5 + r as u32, c as u16);
            // Plain numbers as numbers (`1000.00` is stored as 1000), the rest
            // and those marked `'` as text.
            match text.parse::<f64>() {
                Ok(n) if !text.contains(',') => ws.write_number(r, c, n).map(|_| ()),
                _ => ws.write_string(r, c, text.trim_start_matches('\'')).map(|_| ()),
            }
            .unwrap();
        }
    }
    ws.write_string(11, 0, "注：比例 = 实际支出 ÷ 调整后预算。").unwrap();
}

#[test]
fn a_finance_office_sheet_reads_clean_and_a_wrong_figure_is_found_at_its_cell() {
    let (_dir, _, diags) = year_with(TOML_WAN, Some(&finance_sheet));
    assert_eq!(diags, vec![], "a consistent project list has no findings");
    // 项目甲's 调整后预算 written 110.60: 100 + 10.50 − 0 = 110.50.
    let (_dir, _, diags) = year_with(
        TOML_WAN,
        Some(&|ws: &mut Worksheet| {
            finance_sheet(ws);
            ws.write_number(5, 6, 110.6).unwrap();
        }),
    );
    let d = diags.iter().find(|d| d.field == "projects[0].adjusted").unwrap_or_else(|| panic!("{diags:#?}"));
    assert_eq!((d.code.as_str(), d.cell.as_deref()), ("E-FIGURE", Some("Sheet1!G6")), "{d:#?}");
    assert!(d.file.ends_with("units/example/2024/绩效跟踪.xlsx"), "{d:#?}");
    assert_eq!(d.stated.as_deref(), Some("110.60万元"), "the column's two decimals: {d:#?}");
}

#[test]
fn a_rate_in_excel_percent_format_is_read_as_its_percent() {
    // 比例 stored as 0.9 … 0.9689 and shown 90.00% … 96.89% (format 0.00%)
    // is 90.00 … 96.89, as the sheet shows it: the list reads clean.
    let percent = |ws: &mut Worksheet| {
        finance_sheet(ws);
        let format = rust_xlsxwriter::Format::new().set_num_format("0.00%");
        for (row, rate) in [(5, 0.9), (6, 1.0), (7, 0.99), (8, 0.5), (9, 0.9689)] {
            ws.write_number_with_format(row, 8, rate, &format).unwrap();
        }
    };
    let (_dir, _, diags) = year_with(TOML_WAN, Some(&percent));
    assert_eq!(diags, vec![], "the rates are read as the percent the cells show");
    // A wrong rate still is one: 项目甲 shown 91.00% (99.45 ÷ 110.50 is 90.00%).
    let wrong = |ws: &mut Worksheet| {
        percent(ws);
        ws.write_number_with_format(5, 8, 0.91, &rust_xlsxwriter::Format::new().set_num_format("0.00%")).unwrap();
    };
    let (_dir, _, diags) = year_with(TOML_WAN, Some(&wrong));
    let d = diags.iter().find(|d| d.cell.as_deref() == Some("Sheet1!I6")).unwrap_or_else(|| panic!("{diags:#?}"));
    assert_eq!(d.stated.as_deref(), Some("91.00%"), "{d:#?}");
}

/// The one diagnostic of `code`, with its cell.
fn one(diags: &[Diag], code: &str) -> Diag {
    let found: Vec<&Diag> = diags.iter().filter(|d| d.code == code).collect();
    assert_eq!(found.len(), 1, "{diags:#?}");
    found[0].clone()
}

#[test]
fn bad_cells_and_headers_are_named_by_cell() {
    // (row, column, text written over the finance sheet, its cell, what the message says)
    let cases = [
        (6, 7, "约1000", "Sheet1!H7", ["约1000", "不是数字"]),
        (3, 9, "资金来源", "Sheet1!J4", ["表头“资金来源”认不出", "调整后预算"]),
        (2, 8, "单位：元", "Sheet1!I3", ["金额单位是元", "unit 是万元"]),
    ];
    for (row, col, text, cell, says) in cases {
        let edit = |ws: &mut Worksheet| {
            finance_sheet(ws);
            ws.write_string(row, col, text).unwrap();
        };
        let (_dir, _, diags) = year_with(TOML_WAN, Some(&edit));
        let d = one(&diags, "E-WORKBOOK");
        assert_eq!(d.cell.as_deref(), Some(cell), "{d:#?}");
        assert!(says.iter().all(|s| d.message.contains(s)), "{says:?}: {d:#?}");
    }
}

#[test]
fn the_list_is_written_in_one_place_beside_its_toml() {
    let both = format!("{TOML_WAN}[[projects]]\nname = \"项目丁\"\nbudget = 1\n");
    let (_dir, _, diags) = year_with(&both, Some(&finance_sheet));
    let d = one(&diags, "E-WORKBOOK");
    assert!(d.message.contains("只能写在一处") && d.message.contains("tracking.toml") && d.message.contains("绩效跟踪.xlsx"), "{d:#?}");
    // A workbook without its tracking.toml.
    let (dir, content, _) = year_with(TOML_WAN, Some(&finance_sheet));
    fs::remove_file(content.join("units/example/2024/tracking.toml")).unwrap();
    let d = one(&check_json(&content), "E-WORKBOOK");
    assert!(d.message.contains("请添加 tracking.toml"), "{d:#?}");
    drop(dir);
    // Neither: a tracking.toml without projects and no workbook.
    let (_dir, _, diags) = year_with(TOML_WAN, None);
    let d = one(&diags, "E-REFERENCE");
    assert!(d.message.contains("没有重点跟踪项目"), "{d:#?}");
    // A note naming no project of the list.
    let note = format!("{TOML_WAN}[[project_notes]]\nproject = \"项目戊\"\nfindings = \"…\"\n");
    let (_dir, _, diags) = year_with(&note, Some(&finance_sheet));
    let d = one(&diags, "E-REFERENCE");
    assert_eq!((d.line, d.field.as_str()), (4, "project_notes.project"), "{d:#?}");
}

#[test]
fn the_template_reads_back_without_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("绩效跟踪.xlsx");
    let o = common::gongkai(&["template", "tracking", book.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(common::gongkai(&["template", "tracking", book.to_str().unwrap()]).status.code(), Some(1), "never overwrites");
    // A note on its example project: found by name, so the project was read.
    let toml = "unit = \"元\"\n[[project_notes]]\nproject = \"示例项目（请换成本单位的项目）\"\nfindings = \"示例\"\n";
    let (_dir, content, _) = year_with(toml, None);
    fs::copy(&book, content.join("units/example/2024/绩效跟踪.xlsx")).unwrap();
    assert_eq!(check_json(&content), vec![], "the template reads clean");
}

/// The demo's 白纸坊 workbook rewritten with the number at (row, col) increased by `by`.
fn bump(path: &Path, at: (u32, u32), by: f64) {
    use calamine::{Data, Reader};
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let range = book.worksheet_range("重点跟踪项目").unwrap();
    let mut out = Workbook::new();
    let ws = out.add_worksheet();
    ws.set_name("重点跟踪项目").unwrap();
    for (r, c, d) in range.used_cells() {
        let (row, col) = (r as u32, c as u16);
        let bumped = if (row, u32::from(col)) == at { by } else { 0.0 };
        match d {
            Data::Float(f) => ws.write_number(row, col, f + bumped).map(|_| ()),
            Data::Int(i) => ws.write_number(row, col, *i as f64 + bumped).map(|_| ()),
            other => ws.write_string(row, col, other.to_string()).map(|_| ()),
        }
        .unwrap();
    }
    out.save(path).unwrap();
}

/// Mutation test of the demo's workbook (what tests/mutation.rs does for
/// the TOML files): a changed 年初预算, 追加, 追减 or 调整后预算 cell of
/// 白纸坊 2020 is always found (实际支出 and 比例 are left out: two projects
/// write `-` for 实际支出, so that column's totals are not checked, §3.6.4).
#[test]
fn every_changed_figure_of_the_demo_workbook_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), &content);
    let book = content.join("units/baizhifang/2020/绩效跟踪.xlsx");
    let original = fs::read(&book).unwrap();
    let before = of(&check_json(&content), "baizhifang/2020").len();
    // Project rows 4–54 (0-based 3–53); columns D–G (3–6); a fixed spread of cells.
    let cells: Vec<(u32, u32)> = (0..12).map(|i| (3 + (i * 7 + 2) % 51, 3 + i % 4)).collect();
    let mut tried = 0;
    for at in cells {
        let mut b = calamine::open_workbook_auto(&book).unwrap();
        let range = calamine::Reader::worksheet_range(&mut b, "重点跟踪项目").unwrap();
        if !matches!(range.get_value(at), Some(calamine::Data::Float(_) | calamine::Data::Int(_))) {
            continue; // a `-`
        }
        bump(&book, at, 1.0);
        let after = of(&check_json(&content), "baizhifang/2020");
        assert!(after.len() > before, "a change of 1 at {at:?} is found: {} findings before, {after:#?}", before);
        fs::write(&book, &original).unwrap();
        tried += 1;
    }
    assert!(tried >= 8, "cells changed: {tried}");
}
