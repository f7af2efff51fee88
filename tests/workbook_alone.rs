//! Issue K's “done when”: a finance officer puts the reporting software's
//! export in a new unit's year folder — nothing else but `unit.toml` — and
//! `gongkai build` makes the 部门决算 page with its figures, no figure typed.
//!
//! The workbook is CREATED IN THE TEST with rust_xlsxwriter the way the
//! reporting software writes it: sheet names `Z03 收入决算表(财决03表)`, one cut
//! at Excel's 31 characters and a `公开05表`; three title rows (表题, 表号,
//! `编制单位` … `单位：万元`); two- and three-row merged headers with a 栏次
//! row; 科目 as 类/款/项 columns in one sheet and one code column in the
//! others; 合计 rows merged over the code and name; numbers as numbers (some
//! formatted `#,##0.00`), as text, `1,234.56`, full-width digits, blank and
//! `-` cells; `注：…` notes under the tables.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{PUTUO, Severity, check_json, gongkai, only_code};
use rust_xlsxwriter::{Format, Workbook, Worksheet};

const UNIT: &str = "units/putuo-shehui";
const YEAR: &str = "units/putuo-shehui/2024";
const BOOK: &str = "部门决算报表.xlsx";

/// Write `cells` from row `row` on: a number as a number with the
/// two-decimal format, `'…` and anything else as text, `""` left blank.
fn row(ws: &mut Worksheet, row: u32, from: u16, cells: &[&str]) {
    let two = Format::new().set_num_format("#,##0.00");
    for (i, text) in cells.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
        let col = from + i as u16;
        match text.parse::<f64>() {
            Ok(n) => drop(ws.write_number_with_format(row, col, n, &two).unwrap()),
            Err(_) => drop(ws.write_string(row, col, text.trim_start_matches('\'')).unwrap()),
        }
    }
}

/// The title rows of a sheet named `sheet`: the table's title merged over
/// columns A to `last`, its number at the right, then 编制单位 and 单位：万元.
fn title_rows(ws: &mut Worksheet, sheet: &str, title: &str, number: &str, last: u16) {
    ws.set_name(sheet).unwrap();
    ws.merge_range(0, 0, 0, last, title, &Format::new()).unwrap();
    ws.write_string(1, last, number).unwrap();
    ws.write_string(2, 0, "编制单位：中共上海市普陀区委社会工作部").unwrap();
    ws.write_string(2, last, "单位：万元").unwrap();
}

/// 收入决算表 as the reporting software exports it: 类/款/项 columns under a
/// three-row merged header, a 栏次 row, 合计 as `1,234.56` and full-width text.
fn income(ws: &mut Worksheet) {
    let f = Format::new();
    title_rows(ws, "Z03 收入决算表(财决03表)", "收入决算表", "公开02表", 6);
    ws.merge_range(3, 0, 3, 3, "项目", &f).unwrap();
    ws.merge_range(4, 0, 4, 2, "支出功能分类科目编码", &f).unwrap();
    ws.merge_range(4, 3, 5, 3, "科目名称", &f).unwrap();
    row(ws, 5, 0, &["类", "款", "项"]);
    for (i, h) in ["本年收入合计", "财政拨款收入", "事业收入"].iter().enumerate() {
        ws.merge_range(3, 4 + i as u16, 5, 4 + i as u16, h, &f).unwrap();
    }
    row(ws, 6, 0, &["栏次", "", "", "", "1", "2", "3"]);
    ws.merge_range(7, 0, 7, 3, "合计", &f).unwrap();
    row(ws, 7, 4, &["'1,234.56", "１２３４．５６", "-"]);
    row(ws, 8, 0, &["'201", "", "", "一般公共服务支出", "1000.5", "'1000.50", ""]);
    row(ws, 9, 0, &["'201", "'01", "", "人大事务", "1000.5", "1000.5", ""]);
    row(ws, 10, 0, &["'201", "'01", "'01", "行政运行", "1000.5", "1000.5", ""]);
    row(ws, 11, 0, &["'221", "", "", "住房保障支出", "234.06", "234.06", "-"]);
    row(ws, 12, 0, &["'221", "'02", "", "住房改革支出", "234.06", "234.06", "-"]);
    row(ws, 13, 0, &["'221", "'02", "'01", "住房公积金", "234.06", "234.06", "-"]);
    ws.write_string(15, 0, "注：本表金额保留两位小数。").unwrap();
}

/// 一般公共预算财政拨款支出决算表 on a sheet named only `公开05表` (known by
/// its title row): one 科目编码 column under a two-row merged header.
fn general_budget(ws: &mut Worksheet) {
    let f = Format::new();
    title_rows(ws, "公开05表", "一般公共预算财政拨款支出决算表", "公开05表", 4);
    ws.merge_range(3, 0, 3, 1, "项目", &f).unwrap();
    row(ws, 4, 0, &["科目编码", "科目名称"]);
    for (i, h) in ["合计", "基本支出", "项目支出"].iter().enumerate() {
        ws.merge_range(3, 2 + i as u16, 4, 2 + i as u16, h, &f).unwrap();
    }
    ws.merge_range(5, 0, 5, 1, "合计", &f).unwrap();
    row(ws, 5, 2, &["1234.56", "1034.56", "200"]);
    row(ws, 6, 0, &["'201", "一般公共服务支出", "1000.5", "800.5", "200"]);
    row(ws, 7, 0, &["'20101", "人大事务", "1000.5", "800.5", "200"]);
    row(ws, 8, 0, &["'2010101", "行政运行", "1000.5", "800.5", "200"]);
    row(ws, 9, 0, &["'221", "住房保障支出", "'234.06", "234.06", "-"]);
    row(ws, 10, 0, &["'22102", "住房改革支出", "234.06", "234.06", "-"]);
    row(ws, 11, 0, &["'2210201", "住房公积金", "234.06", "234.06", ""]);
    ws.write_string(13, 0, "注：本表反映部门本年度一般公共预算财政拨款支出情况。").unwrap();
}

/// 一般公共预算财政拨款基本支出决算表 on a sheet whose name the software cut
/// at 31 characters.
fn basic(ws: &mut Worksheet) {
    let name: String = "Z08_1 一般公共预算财政拨款基本支出决算明细表(财决08-1表)".chars().take(31).collect();
    ws.set_name(&name).unwrap();
    ws.write_string(0, 0, "一般公共预算财政拨款基本支出决算表").unwrap();
    ws.write_string(1, 0, "编制单位：中共上海市普陀区委社会工作部").unwrap();
    ws.write_string(1, 2, "单位：万元").unwrap();
    row(ws, 2, 0, &["经济分类科目编码", "科目名称", "决算数"]);
    row(ws, 3, 0, &["", "合计", "１０３４．５６"]);
    row(ws, 4, 0, &["'301", "工资福利支出", "1034.56"]);
    row(ws, 5, 0, &["'30101", "基本工资", "800.5"]);
    row(ws, 6, 0, &["'30113", "住房公积金", "234.06"]);
}

/// A new content folder: the site, the unit's `unit.toml`, and a year
/// folder holding only the workbook `edit` may change.
fn new_unit(edit: impl FnOnce(&mut Workbook)) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    fs::create_dir_all(content.join(YEAR)).unwrap();
    fs::copy(Path::new(PUTUO).join("site.toml"), content.join("site.toml")).unwrap();
    fs::copy(Path::new(PUTUO).join(UNIT).join("unit.toml"), content.join(UNIT).join("unit.toml")).unwrap();
    let mut book = Workbook::new();
    income(book.add_worksheet());
    general_budget(book.add_worksheet());
    basic(book.add_worksheet());
    edit(&mut book);
    book.save(content.join(YEAR).join(BOOK)).unwrap();
    (dir, content)
}

#[test]
fn the_reporting_softwares_export_alone_makes_the_final_accounts_page() {
    let (dir, content) = new_unit(|_| {});
    let in_year: Vec<String> = fs::read_dir(content.join(YEAR)).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(in_year, vec![BOOK.to_string()], "no TOML in the year folder: no figure typed");
    let diags = check_json(&content);
    assert_eq!(diags, vec![], "the export reads clean");
    let site = dir.path().join("site");
    let o = gongkai(&["build", "--content", content.to_str().unwrap(), "--out", site.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = common::text(&fs::read_to_string(site.join(YEAR).join("final-accounts/index.html")).unwrap());
    // The default title from unit.toml, the tables with their figures as the cells show them.
    assert!(page.contains("2024年度中共上海市普陀区委社会工作部部门决算"), "{page}");
    for shown in
        ["收入决算表", "一般公共预算财政拨款支出决算表", "一般公共预算财政拨款基本支出决算表", "2210201 住房公积金234.06", "合计1,234.56", "合计1,034.56"]
    {
        assert!(page.contains(shown), "{shown} on the page: {page}");
    }
    // 1000.5 stored, shown 1000.50 (format #,##0.00 and its column): two decimals.
    assert!(page.contains("2010101 行政运行1,000.501,000.50"), "{page}");
    assert!(page.contains("本表金额保留两位小数。"), "the note under the table");
    // The year page links the report.
    let year = common::text(&fs::read_to_string(site.join(YEAR).join("index.html")).unwrap());
    assert!(year.contains("部门决算"), "{year}");
    // The home page names the kind the site holds, though no TOML holds it.
    let home = common::text(&fs::read_to_string(site.join("index.html")).unwrap());
    assert!(home.contains("本站收录的报告：部门决算。"), "{home}");
}

#[test]
fn a_figure_mistyped_in_the_export_is_found_at_its_cell() {
    // 行政运行's 本年收入合计 E11 written 1000.68: 0.18 more than its 款.
    let (_dir, content) = new_unit(|book| {
        let ws = book.worksheet_from_index(0).unwrap();
        ws.write_number(10, 4, 1000.68).unwrap();
    });
    let diags = check_json(&content);
    assert!(diags.iter().all(|d| d.file.ends_with(BOOK)), "{diags:#?}");
    let d = diags.iter().find(|d| d.cell.as_deref() == Some("Z03 收入决算表(财决03表)!E11")).unwrap_or_else(|| panic!("{diags:#?}"));
    assert_eq!(d.severity, Severity::Error, "{d:#?}");
    assert_eq!(d.stated.as_deref(), Some("1000.68万元"), "{d:#?}");
}

#[test]
fn without_a_stated_money_unit_the_export_needs_its_toml() {
    // No `单位：万元` on any sheet, and no final-accounts.toml to say it.
    let (_dir, content) = new_unit(|book| {
        for (i, (row, col)) in [(2, 6), (2, 4), (1, 2)].into_iter().enumerate() {
            // (An empty string would leave the cell as it was: rust_xlsxwriter writes no blank cell.)
            book.worksheet_from_index(i).unwrap().write_string(row, col, "决算公开").unwrap();
        }
    });
    let d = only_code(&check_json(&content), "E-WORKBOOK");
    assert!(d.message.contains("单位：万元") && d.message.contains("final-accounts.toml"), "{d:#?}");
    // With the toml saying the unit, the same workbook is read.
    fs::write(content.join(YEAR).join("final-accounts.toml"), "unit = \"万元\"\n").unwrap();
    assert_eq!(check_json(&content), vec![], "the TOML gives the unit");
}
