//! Workbook inputs as the reporting software writes them: a real `.xls`
//! (BIFF8) fixture, the landscape (横排) 三公 table, and per-table CSV files
//! in a year folder (UTF-8 with or without BOM, GB18030). Each is read with
//! the same recogniser as an `.xlsx` and must give the findings of the TOML.

mod common;

use std::fs;
use std::path::Path;

use common::{Diag, PUTUO, PUTUO_YEAR, check_json, findings, gongkai, only_code, putuo_without_tables};
use rust_xlsxwriter::{Format, Workbook, Worksheet};

/// The putuo fixture's nine tables as the reporting software's `.xls`
/// export, written by `make_putuo_xls.py` beside it (xlwt; committed so the
/// tests need no Python).
const XLS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/workbooks/putuo-shehui-2024.xls");

#[test]
fn the_xls_export_gives_the_findings_of_the_toml_at_its_cells() {
    let from_toml = check_json(Path::new(PUTUO));
    assert!(from_toml.iter().any(|d| d.field.starts_with("tables.")), "the fixture has findings in its tables");
    let (_dir, content, _) = putuo_without_tables();
    fs::copy(XLS, content.join(PUTUO_YEAR).join("决算公开表.xls")).unwrap();
    let from_book = check_json(&content);
    assert_eq!(findings(&from_toml), findings(&from_book), "the same codes and figures from the .xls");
    let in_tables: Vec<&Diag> = from_book.iter().filter(|d| d.field.starts_with("tables.")).collect();
    assert_eq!(in_tables.len(), 2, "{in_tables:#?}");
    for d in &in_tables {
        assert!(d.file.ends_with("决算公开表.xls"), "{d:#?}");
    }
    // The 302 商品和服务支出 row of the 基本支出 sheet, whose name is cut at 31 characters.
    let basic = in_tables.iter().find(|d| d.field == "tables.basic.rows[27].amount").expect("the 基本支出表 rounding");
    assert_eq!(basic.cell.as_deref(), Some("Z08_1 一般公共预算财政拨款基本支出决算明细表(财决08-!C34"));
    let o = gongkai(&["check", "--content", content.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("决算公开表.xls!Z08_1 一般公共预算财政拨款基本支出决算明细表(财决08-!C34: 警告[W-ROUNDING]"), "{stderr}");
}

#[test]
fn the_xls_tables_are_on_the_page() {
    let (dir, content, _) = putuo_without_tables();
    fs::copy(XLS, content.join(PUTUO_YEAR).join("决算公开表.xls")).unwrap();
    let out = dir.path().join("site");
    let o = gongkai(&["build", "--publish-as-is", "--content", content.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = common::text(&fs::read_to_string(out.join(PUTUO_YEAR).join("final-accounts/index.html")).unwrap());
    // 202.24 is written in full-width digits, 17.70 as text; the 三公 table (landscape, blank) is its note.
    for needle in ["其他社会工作事务支出", "202.24", "17.70", "本年度没有财政拨款“三公”经费支出"] {
        assert!(page.contains(needle), "{needle} is on the page");
    }
}

/// The 三公 figures of a real disclosure (putuo-guihua-ziranziyuan 2024):
/// (item, level, 预算数, 决算数).
const THREE_PUBLIC: &[(&str, u8, &str, &str)] = &[
    ("合计", 1, "2.85", "0.39"),
    ("因公出国（境）费", 1, "0.00", "0.00"),
    ("公务用车购置及运行维护费", 1, "0.00", "0.00"),
    ("公务用车购置费", 2, "0.00", "0.00"),
    ("公务用车运行维护费", 2, "0.00", "0.00"),
    ("公务接待费", 1, "2.85", "0.39"),
];

/// Title rows as the exports write them.
fn title_rows(ws: &mut Worksheet, width: u16) {
    ws.merge_range(0, 0, 0, width - 1, "财政拨款“三公”经费支出决算表", &Format::new()).unwrap();
    ws.write_string(1, 0, "编制单位：上海市普陀区规划和自然资源局").unwrap();
    ws.write_string(1, width - 1, "单位：万元").unwrap();
}

/// The 三公 table laid out landscape: a three-row merged header over one
/// row of 预算数/决算数 pairs (figures as text, `actual` the 合计 决算数).
fn landscape(path: &Path, actual: &str) {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("公开07表").unwrap();
    let f = Format::new();
    title_rows(ws, 12);
    ws.merge_range(2, 0, 2, 11, "财政拨款“三公”经费", &f).unwrap();
    ws.merge_range(3, 0, 4, 1, "合计", &f).unwrap();
    ws.merge_range(3, 2, 4, 3, "因公出国\n（境）费", &f).unwrap();
    ws.merge_range(3, 4, 3, 9, "公务用车购置及运行维护费", &f).unwrap();
    ws.merge_range(4, 4, 4, 5, "小计", &f).unwrap();
    ws.merge_range(4, 6, 4, 7, "公务用车\n购置费", &f).unwrap();
    ws.merge_range(4, 8, 4, 9, "公务用车\n运行维护费", &f).unwrap();
    ws.merge_range(3, 10, 4, 11, "公务接待费", &f).unwrap();
    for (i, (_, _, budget, mut spent)) in THREE_PUBLIC.iter().copied().enumerate() {
        let c = 2 * i as u16;
        ws.write_string(5, c, "预算数").unwrap();
        ws.write_string(5, c + 1, "决算数").unwrap();
        if i == 0 {
            spent = actual;
        }
        ws.write_string(6, c, budget).unwrap();
        ws.write_string(6, c + 1, spent).unwrap();
    }
    ws.write_string(7, 0, "注：本表反映部门本年度“三公”经费支出预决算情况。").unwrap();
    book.save(path).unwrap();
}

/// The same table portrait: `项目 | 预算数 | 决算数`, one item a row.
fn portrait(path: &Path) {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("公开07表").unwrap();
    title_rows(ws, 3);
    for (c, h) in ["项目", "预算数", "决算数"].iter().enumerate() {
        ws.write_string(3, c as u16, *h).unwrap();
    }
    for (i, (name, level, budget, actual)) in THREE_PUBLIC.iter().enumerate() {
        let r = 4 + i as u32;
        ws.write_string(r, 0, format!("{}{name}", "\u{3000}".repeat(usize::from(*level) - 1))).unwrap();
        ws.write_string(r, 1, *budget).unwrap();
        ws.write_string(r, 2, *actual).unwrap();
    }
    ws.write_string(11, 0, "注：本表反映部门本年度“三公”经费支出预决算情况。").unwrap();
    book.save(path).unwrap();
}

/// `gongkai import` of the workbook at `book` into a fresh copy of the
/// putuo fixture (without `[tables]`): the `[tables]` it writes.
fn imported(book: &Path) -> String {
    let (_dir, content, _) = putuo_without_tables();
    let args = ["import", book.to_str().unwrap(), "--unit", "putuo-shehui", "--year", "2024", "--content", content.to_str().unwrap(), "--force"];
    let o = gongkai(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let toml = fs::read_to_string(content.join(PUTUO_YEAR).join("final-accounts.toml")).unwrap();
    toml[toml.find("[tables.").expect("[tables] written")..].to_string()
}

#[test]
fn the_landscape_three_public_table_reads_as_the_portrait_one() {
    let dir = tempfile::tempdir().unwrap();
    let (wide, tall) = (dir.path().join("横排.xlsx"), dir.path().join("竖排.xlsx"));
    landscape(&wide, "0.39");
    portrait(&tall);
    let read = imported(&wide);
    assert!(read.contains(r#"{ name = "公务用车购置费", level = 2, budget = 0.00, actual = 0.00 }"#), "{read}");
    assert!(read.contains(r#"{ name = "公务接待费", budget = 2.85, actual = 0.39 }"#), "{read}");
    assert_eq!(read, imported(&tall), "the same rows from both layouts");
}

#[test]
fn a_landscape_three_public_figure_is_checked_at_its_cell() {
    let (_dir, content, _) = putuo_without_tables();
    let book = content.join(PUTUO_YEAR).join("决算公开表.xlsx");
    landscape(&book, "0.39");
    assert_eq!(check_json(&content).iter().filter(|d| d.file.ends_with("决算公开表.xlsx")).count(), 0, "the real figures read clean");
    // 合计 决算数 0.49: not the sum of its items (0.00 + 0.00 + 0.39).
    landscape(&book, "0.49");
    let in_book: Vec<_> = check_json(&content).into_iter().filter(|d| d.file.ends_with("决算公开表.xlsx")).collect();
    let d = only_code(&in_book, "E-FIGURE");
    assert_eq!(d.cell.as_deref(), Some("公开07表!B7"), "{d:#?}");
    assert_eq!(d.figures(), (Some("0.49万元"), Some("0.39万元")), "{d:#?}");
}

/// The same nine tables as one CSV file per table, as Excel saves a sheet
/// (written by `make_putuo_xls.py`): named `公开NN表.csv` or by the title,
/// in UTF-8 with a BOM, GB18030 and UTF-8 without a BOM.
const CSV_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/workbooks/putuo-shehui-2024-csv");

/// The putuo fixture without `[tables]`, the nine CSV files in its year folder.
fn with_csv_files() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, content, _) = putuo_without_tables();
    for f in fs::read_dir(CSV_DIR).unwrap() {
        let f = f.unwrap().path();
        fs::copy(&f, content.join(PUTUO_YEAR).join(f.file_name().unwrap())).unwrap();
    }
    (dir, content)
}

#[test]
fn per_table_csv_files_give_the_findings_of_the_toml_at_their_cells() {
    let encodings: Vec<bool> = fs::read_dir(CSV_DIR).unwrap().map(|f| fs::read(f.unwrap().path()).unwrap().starts_with(b"\xEF\xBB\xBF")).collect();
    assert!(encodings.contains(&true) && encodings.contains(&false), "with and without a BOM");
    let gb = fs::read(Path::new(CSV_DIR).join("公开02表.csv")).unwrap();
    assert!(std::str::from_utf8(&gb).is_err() && !encoding_rs::GB18030.decode(&gb).2, "公开02表.csv is GB18030");
    let from_toml = check_json(Path::new(PUTUO));
    let (_dir, content) = with_csv_files();
    let from_csv = check_json(&content);
    assert_eq!(findings(&from_toml), findings(&from_csv), "the same codes and figures from the CSV files");
    let basic = from_csv.iter().find(|d| d.field == "tables.basic.rows[27].amount").expect("the 基本支出表 rounding");
    assert!(basic.file.ends_with("一般公共预算财政拨款基本支出决算表.csv"), "{basic:#?}");
    assert_eq!(basic.cell.as_deref(), Some("C34"), "{basic:#?}");
    let o = gongkai(&["check", "--content", content.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("一般公共预算财政拨款基本支出决算表.csv!C34: 警告[W-ROUNDING]"), "{stderr}");
}

#[test]
fn text_in_a_csv_figure_names_the_file_and_cell() {
    let (_dir, content) = with_csv_files();
    // 公开02表.csv is GB18030: its 行政运行 row's 本年收入合计 (E11) becomes text.
    let path = content.join(PUTUO_YEAR).join("公开02表.csv");
    let bytes = fs::read(&path).unwrap();
    let (text, _, bad) = encoding_rs::GB18030.decode(&bytes);
    assert!(!bad);
    let text = text.replacen(",51.32,", ",约51万,", 1);
    fs::write(&path, encoding_rs::GB18030.encode(&text).0).unwrap();
    let d = only_code(&check_json(&content), "E-WORKBOOK");
    assert!(d.file.ends_with("公开02表.csv"), "{d:#?}");
    assert_eq!(d.cell.as_deref(), Some("E11"), "{d:#?}");
    assert!(d.message.contains("约51万") && d.message.contains("不是数字"), "{d:#?}");
}

#[test]
fn csv_files_beside_a_workbook_are_a_layout_error() {
    let (_dir, content) = with_csv_files();
    fs::copy(XLS, content.join(PUTUO_YEAR).join("决算公开表.xls")).unwrap();
    let d = only_code(&check_json(&content), "E-LAYOUT");
    assert!(d.message.contains("不能两样都有"), "{d:#?}");
}
