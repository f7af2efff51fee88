//! 部门决算工作簿: the reporting software's workbook in a year folder,
//! read in place by `check` and `build`. Every workbook here is CREATED IN
//! THE TEST with rust_xlsxwriter (title rows, merged two- and three-row
//! headers, 栏次 rows, 类/款/项 columns, numbers stored as text, `1,234.56`,
//! full-width digits), and every diagnostic on a workbook must name its
//! `file!sheet!cell`.
//!
//! The end-to-end case writes the putuo-shehui fixture's nine tables as a
//! workbook and asserts that `check --format json` gives the same findings
//! as the TOML version, each at the cell holding the figure.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::{Diag, PUTUO, PUTUO_YEAR, Severity, check_json, copy_dir, finding, gongkai, only_code, putuo_without_tables as fixture_without_tables};
use rust_xlsxwriter::{Format, Workbook, Worksheet};

const FIXTURE: &str = PUTUO;
const YEAR: &str = PUTUO_YEAR;
const BOOK: &str = "决算公开表.xlsx";

/// A table side's columns: (field, heading).
type Columns = Vec<(&'static str, &'static str)>;

/// Columns of each kind as (field, heading), and whether it has two sides
/// (then: income columns, expenditure columns).
fn columns(kind: &str) -> (Columns, Option<Columns>) {
    let amount = vec![("amount", "决算数")];
    match kind {
        "summary" => (amount.clone(), Some(amount)),
        "appropriation" => (
            amount,
            Some(vec![
                ("total", "合计"),
                ("general_budget", "一般公共预算财政拨款"),
                ("government_fund", "政府性基金预算财政拨款"),
                ("state_capital", "国有资本经营预算财政拨款"),
            ]),
        ),
        "income" => (
            vec![
                ("total", "本年收入合计"),
                ("appropriation", "财政拨款收入"),
                ("superior", "上级补助收入"),
                ("business", "事业收入"),
                ("operation", "经营收入"),
                ("affiliated", "附属单位上缴收入"),
                ("other", "其他收入"),
            ],
            None,
        ),
        "expenditure" => (
            vec![
                ("total", "本年支出合计"),
                ("basic", "基本支出"),
                ("project", "项目支出"),
                ("upward", "上缴上级支出"),
                ("operation", "经营支出"),
                ("subsidiary", "对附属单位补助支出"),
            ],
            None,
        ),
        "general_budget" => (vec![("total", "合计"), ("basic", "基本支出"), ("project", "项目支出")], None),
        "basic" => (amount, None),
        "government_fund" | "state_capital" => (
            vec![
                ("carryover", "年初结转和结余"),
                ("income", "本年收入"),
                ("total", "本年支出合计"),
                ("basic", "基本支出"),
                ("project", "项目支出"),
                ("closing", "年末结转和结余"),
            ],
            None,
        ),
        "three_public" => (vec![("budget", "预算数"), ("actual", "决算数")], None),
        other => panic!("unknown table {other}"),
    }
}

/// `D12` from 0-based row and column.
fn cell(row: u32, col: u16) -> String {
    let mut n = u32::from(col) + 1;
    let mut letters = vec![];
    while n > 0 {
        letters.push(char::from(b'A' + ((n - 1) % 26) as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

/// Writes the `[tables]` of a final-accounts.toml as the reporting
/// software's workbook, one sheet per table (`公开NN表`), and remembers the
/// cell of every figure by its field path (`tables.basic.rows[27].amount`).
struct Writer {
    book: Workbook,
    cells: BTreeMap<String, String>,
}

impl Writer {
    fn put(ws: &mut Worksheet, row: u32, col: u16, value: &toml::Value) {
        match value {
            toml::Value::Float(f) => drop(ws.write_number(row, col, *f).unwrap()),
            toml::Value::Integer(i) => drop(ws.write_number(row, col, *i as f64).unwrap()),
            toml::Value::String(s) => drop(ws.write_string(row, col, s).unwrap()),
            other => panic!("cell {other:?}"),
        }
    }

    /// One table: title, 编制单位, 单位 rows, a two-row merged header (a
    /// 栏次 row under it), rows, and the note under the table. Income uses
    /// three 类/款/项 columns, the other tables one 科目编码 column.
    fn table(&mut self, number: usize, key: &str, t: &toml::Table) {
        let sheet = format!("公开{number:02}表");
        let ws = self.book.add_worksheet();
        ws.set_name(&sheet).unwrap();
        let merged = Format::new();
        let (first, second) = columns(key);
        let sides: Vec<(&str, Vec<(&str, &str)>)> = match second {
            Some(exp) => vec![("income", first), ("expenditure", exp)],
            None => vec![("rows", first)],
        };
        let split_code = key == "income";
        let code_cols: u16 = if sides.len() == 2 {
            0
        } else if split_code {
            3
        } else {
            1
        };
        let width: u16 = sides.iter().map(|(_, c)| code_cols + 1 + c.len() as u16).sum();
        let title = t.get("title").and_then(|v| v.as_str()).unwrap();
        ws.merge_range(0, 0, 0, width - 1, title, &merged).unwrap();
        ws.write_string(1, 0, "编制单位：中共上海市普陀区委社会工作部").unwrap();
        ws.write_string(2, width - 1, "单位：万元").unwrap();
        let mut col: u16 = 0;
        for (side, cols) in &sides {
            if sides.len() == 2 {
                let heading = if *side == "income" { "收入" } else { "支出" };
                ws.merge_range(3, col, 3, col + cols.len() as u16, heading, &merged).unwrap();
                ws.write_string(4, col, "项目").unwrap();
            } else {
                ws.merge_range(3, 0, 3, code_cols, "项目", &merged).unwrap();
                if split_code {
                    for (i, h) in ["类", "款", "项"].iter().enumerate() {
                        ws.write_string(4, i as u16, *h).unwrap();
                    }
                } else {
                    ws.write_string(4, 0, "科目编码").unwrap();
                }
                ws.write_string(4, code_cols, "科目名称").unwrap();
            }
            col += code_cols + 1;
            for (i, (_, heading)) in cols.iter().enumerate() {
                if sides.len() == 2 {
                    ws.write_string(4, col + i as u16, *heading).unwrap();
                } else {
                    ws.merge_range(3, col + i as u16, 4, col + i as u16, heading, &merged).unwrap();
                    ws.write_number(5, col + i as u16, (i + 1) as f64).unwrap();
                }
            }
            col += cols.len() as u16;
        }
        if sides.len() == 1 {
            ws.write_string(5, 0, "栏次").unwrap();
        }
        let data = 6;
        let mut last = data;
        let mut col: u16 = 0;
        for (side, cols) in &sides {
            let rows = t.get(*side).and_then(|v| v.as_array()).cloned().unwrap_or_default();
            for (i, row) in rows.iter().enumerate() {
                let r = data + i as u32;
                last = last.max(r + 1);
                let row = row.as_table().unwrap();
                let level = row.get("level").and_then(|v| v.as_integer()).unwrap_or(1) as usize;
                let name = format!("{}{}", "\u{3000}".repeat(level - 1), row["name"].as_str().unwrap());
                match row.get("code").and_then(|c| c.as_str()) {
                    Some(code) if split_code => {
                        let pieces = [&code[..3], code.get(3..5).unwrap_or(""), code.get(5..7).unwrap_or("")];
                        for (k, p) in pieces.iter().enumerate().filter(|(_, p)| !p.is_empty()) {
                            ws.write_string(r, k as u16, *p).unwrap();
                        }
                    }
                    Some(code) => drop(ws.write_string(r, col, code).unwrap()),
                    None => {}
                }
                ws.write_string(r, col + code_cols, &name).unwrap();
                for (k, (field, _)) in cols.iter().enumerate() {
                    if let Some(v) = row.get(*field) {
                        let c = col + code_cols + 1 + k as u16;
                        Self::put(ws, r, c, v);
                        self.cells.insert(format!("tables.{key}.{side}[{i}].{field}"), format!("{sheet}!{}", cell(r, c)));
                    }
                }
            }
            col += code_cols + 1 + cols.len() as u16;
        }
        if let Some(note) = t.get("note").and_then(|v| v.as_str()) {
            ws.write_string(last + 1, 0, format!("注：{note}")).unwrap();
        }
    }
}

/// The fixture's `[tables]` written as a workbook at `path`; the cell of every figure by field path.
fn write_workbook(tables_toml: &str, path: &Path) -> BTreeMap<String, String> {
    let doc: toml::Table = toml::from_str(tables_toml).unwrap();
    let tables = doc["tables"].as_table().unwrap();
    let mut w = Writer { book: Workbook::new(), cells: BTreeMap::new() };
    // In the order written in the file (toml::Table is sorted: find each by its place).
    let mut order: Vec<(usize, &String)> = tables.keys().map(|k| (tables_toml.find(&format!("[tables.{k}]")).unwrap(), k)).collect();
    order.sort();
    for (n, (_, key)) in order.into_iter().enumerate() {
        w.table(n + 1, key, tables[key].as_table().unwrap());
    }
    w.book.save(path).unwrap();
    w.cells
}

#[test]
fn the_fixture_as_a_workbook_gives_the_same_findings_at_its_cells() {
    let from_toml = check_json(Path::new(FIXTURE));
    assert!(from_toml.iter().any(|d| d.field.starts_with("tables.")), "the fixture has findings in its tables: {from_toml:#?}");
    let (_dir, content, tables) = fixture_without_tables();
    let cells = write_workbook(&tables, &content.join(YEAR).join(BOOK));
    let from_book = check_json(&content);
    let mut a: Vec<_> = from_toml.iter().map(finding).collect();
    let mut b: Vec<_> = from_book.iter().map(finding).collect();
    a.sort();
    b.sort();
    assert_eq!(a, b, "the same findings from TOML and from the workbook");
    for d in from_book.iter().filter(|d| d.field.starts_with("tables.")) {
        assert!(d.file.ends_with(&format!("{YEAR}/{BOOK}")), "{d:#?}");
        assert_eq!(d.cell.as_ref(), Some(&cells[&d.field]), "at the figure's cell: {d:#?}");
    }
    // The terminal names file!sheet!cell.
    let o = gongkai(&["check", "--content", content.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    let basic = &cells["tables.basic.rows[27].amount"];
    assert!(stderr.contains(&format!("{BOOK}!{basic}: 警告[W-ROUNDING]")), "{stderr}");
}

#[test]
fn the_checks_page_names_the_cell_and_the_tables_are_rendered() {
    let (dir, content, tables) = fixture_without_tables();
    let cells = write_workbook(&tables, &content.join(YEAR).join(BOOK));
    let out = dir.path().join("site");
    // --publish-as-is: the fixture's three rates on a zero base are errors.
    let o = gongkai(&["build", "--publish-as-is", "--content", content.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let checks = fs::read_to_string(out.join(YEAR).join("checks/index.html")).unwrap();
    let basic = &cells["tables.basic.rows[27].amount"];
    assert!(checks.contains(&format!("{BOOK}!{basic}")), "the 数据核验 page names the cell");
    let page = common::text(&fs::read_to_string(out.join(YEAR).join("final-accounts/index.html")).unwrap());
    assert!(page.contains("机关事业单位基本养老保险缴费支出") && page.contains("17.70"), "the tables from the workbook are on the page");
}

/// A small 支出决算表 with title rows, a three-row merged header, 类/款/项
/// codes, text numbers, `1,234.56` and full-width digits; `total` is the
/// 本年支出合计 written on the 类 row 201.
fn expenditure_book(path: &Path, total: &str, edit: impl FnOnce(&mut Worksheet)) {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Z04 支出决算表(财决04表)").unwrap();
    let f = Format::new();
    ws.merge_range(0, 0, 0, 5, "支出决算表", &f).unwrap();
    ws.write_string(1, 0, "公开03表").unwrap();
    ws.write_string(2, 0, "编制单位：某街道办事处").unwrap();
    ws.write_string(2, 5, "单位：万元").unwrap();
    // Header: 项目 over 科目编码 (类/款/项) and 科目名称; figures merged down three rows.
    ws.merge_range(3, 0, 3, 3, "项目", &f).unwrap();
    ws.merge_range(4, 0, 4, 2, "支出功能分类科目编码", &f).unwrap();
    ws.merge_range(4, 3, 5, 3, "科目名称", &f).unwrap();
    for (i, h) in ["类", "款", "项"].iter().enumerate() {
        ws.write_string(5, i as u16, *h).unwrap();
    }
    ws.merge_range(3, 4, 5, 4, "本年支出合计", &f).unwrap();
    ws.merge_range(3, 5, 5, 5, "基本支出", &f).unwrap();
    // Rows: 合计 merged over the code and name columns; 201 / 20101 / 2010101 / 2010102.
    ws.merge_range(6, 0, 6, 3, "合计", &f).unwrap();
    ws.write_string(6, 4, "1,234.56").unwrap();
    ws.write_string(6, 5, "１２３４．５６").unwrap();
    ws.write_string(7, 0, "201").unwrap();
    ws.write_string(7, 3, "一般公共服务支出").unwrap();
    ws.write_string(7, 4, total).unwrap();
    ws.write_number(7, 5, 1234.56).unwrap();
    ws.write_string(8, 0, "201").unwrap();
    ws.write_string(8, 1, "01").unwrap();
    ws.write_string(8, 3, "人大事务").unwrap();
    ws.write_number(8, 4, 1234.56).unwrap();
    ws.write_number(8, 5, 1234.56).unwrap();
    for (r, (item, name, amount)) in [("01", "行政运行", 1000.5), ("02", "一般行政管理事务", 234.06)].into_iter().enumerate() {
        let r = 9 + r as u32;
        ws.write_string(r, 0, "201").unwrap();
        ws.write_string(r, 1, "01").unwrap();
        ws.write_string(r, 2, item).unwrap();
        ws.write_string(r, 3, name).unwrap();
        ws.write_number(r, 4, amount).unwrap();
        ws.write_number(r, 5, amount).unwrap();
    }
    ws.write_string(12, 0, "注：本表金额保留两位小数。").unwrap();
    edit(ws);
    book.save(path).unwrap();
}

/// The putuo fixture without `[tables]`, the workbook of [`expenditure_book`] in its year.
fn with_expenditure_book(total: &str, edit: impl FnOnce(&mut Worksheet)) -> (tempfile::TempDir, PathBuf, Vec<Diag>) {
    let (dir, content, _) = fixture_without_tables();
    expenditure_book(&content.join(YEAR).join(BOOK), total, edit);
    let diags = check_json(&content);
    (dir, content, diags)
}

/// The workbook's own diagnostics (the fixture's 情况说明 has its own findings).
fn in_book(diags: &[Diag]) -> Vec<Diag> {
    diags.iter().filter(|d| d.file.ends_with(BOOK)).cloned().collect()
}

#[test]
fn a_workbook_with_title_rows_merged_headers_and_text_numbers_reads_clean() {
    let (_dir, _content, diags) = with_expenditure_book("1234.56", |_| {});
    assert_eq!(in_book(&diags), vec![], "a consistent workbook has no findings");
}

#[test]
fn an_xlsx_named_xls_is_read_by_its_content() {
    // The reporting software's `.xls` is sometimes an `.xlsx` inside; the
    // name does not decide the format.
    let (_dir, content, _) = fixture_without_tables();
    expenditure_book(&content.join(YEAR).join("决算公开表.xls"), "1234.74", |_| {});
    let found: Vec<Diag> = check_json(&content).into_iter().filter(|d| d.file.ends_with("决算公开表.xls")).collect();
    assert!(found.iter().any(|d| d.cell.as_deref() == Some("Z04 支出决算表(财决04表)!E8")), "{found:#?}");
}

#[test]
fn a_total_mistyped_in_a_workbook_is_found_at_its_cell() {
    // 201 is written 1234.74: 0.18 more than its 款 20101.
    let (_dir, _content, diags) = with_expenditure_book("1234.74", |_| {});
    let found = in_book(&diags);
    assert!(!found.is_empty(), "the 0.18 typo is found: {diags:#?}");
    assert!(found.iter().all(|d| d.severity == Severity::Error), "{found:#?}");
    assert!(found.iter().any(|d| d.cell.as_deref() == Some("Z04 支出决算表(财决04表)!E8") && d.stated.as_deref() == Some("1234.74万元")), "{found:#?}");
}

#[test]
fn a_number_cell_has_the_decimals_of_its_column() {
    // 234.1 in a column of two-decimal figures shows as 234.10 (the cell's
    // format): the 款 1234.56 is then 0.04 off its items 1000.50 + 234.10,
    // an error — not a rounding difference of one-decimal figures.
    let (_dir, _content, diags) = with_expenditure_book("1234.56", |ws| {
        ws.write_number(10, 4, 234.1).unwrap();
        ws.write_number(10, 5, 234.1).unwrap();
    });
    let found = in_book(&diags);
    assert!(found.iter().all(|d| d.code != "W-ROUNDING"), "{found:#?}");
    let d = found.iter().find(|d| d.cell.as_deref() == Some("Z04 支出决算表(财决04表)!E9")).unwrap_or_else(|| panic!("{found:#?}"));
    assert_eq!((d.code.as_str(), d.figures()), ("E-FIGURE", (Some("1234.56万元"), Some("1234.60万元"))), "{d:#?}");
}

#[test]
fn text_where_a_number_belongs_names_its_cell() {
    let (_dir, _content, diags) = with_expenditure_book("1234.56", |ws| {
        ws.write_string(10, 5, "约234万").unwrap();
    });
    let d = only_code(&diags, "E-WORKBOOK");
    assert_eq!(d.cell.as_deref(), Some("Z04 支出决算表(财决04表)!F11"), "{d:#?}");
    assert!(d.message.contains("约234万") && d.message.contains("不是数字"), "{d:#?}");
}

#[test]
fn an_unknown_header_names_its_cell() {
    let (_dir, _content, diags) = with_expenditure_book("1234.56", |ws| {
        ws.write_string(3, 5, "其中：人员").unwrap();
    });
    let d = only_code(&diags, "E-WORKBOOK");
    assert_eq!(d.cell.as_deref(), Some("Z04 支出决算表(财决04表)!F4"), "{d:#?}");
    assert!(d.message.contains("表头“其中：人员”认不出"), "{d:#?}");
}

#[test]
fn a_merged_cell_over_numbers_is_an_error() {
    let (_dir, _content, diags) = with_expenditure_book("1234.56", |ws| {
        ws.merge_range(9, 4, 9, 5, "1000.5", &Format::new()).unwrap();
    });
    let d = only_code(&diags, "E-WORKBOOK");
    assert!(d.message.contains("合并单元格 E10:F10 跨过数字列"), "{d:#?}");
    assert!(d.cell.as_deref().is_some_and(|c| c.starts_with("Z04 支出决算表(财决04表)!")), "{d:#?}");
}

#[test]
fn an_unrecognised_sheet_is_named_and_left_out() {
    let (_dir, _content, diags) = with_expenditure_book("1234.56", |_| {});
    assert!(with_code_in_book(&diags, "W-SHEET").is_empty());
    let (dir, content, _) = fixture_without_tables();
    let mut book = Workbook::new();
    book.add_worksheet().set_name("封面").unwrap().write_string(0, 0, "2024年度部门决算").unwrap();
    book.save(content.join(YEAR).join(BOOK)).unwrap();
    let d = only_code(&check_json(&content), "W-SHEET");
    assert_eq!(d.cell.as_deref(), Some("封面"), "{d:#?}");
    assert!(d.message.contains("工作表“封面”认不出"), "{d:#?}");
    drop(dir);
}

fn with_code_in_book(diags: &[Diag], code: &str) -> Vec<Diag> {
    in_book(diags).into_iter().filter(|d| d.code == code).collect()
}

#[test]
fn a_corrupt_workbook_is_one_clear_error() {
    let (_dir, content, _) = fixture_without_tables();
    fs::write(content.join(YEAR).join(BOOK), b"PK\x03\x04 not really a zip").unwrap();
    let d = only_code(&check_json(&content), "E-WORKBOOK");
    assert!(d.file.ends_with(BOOK) && d.message.contains("无法作为工作簿打开"), "{d:#?}");
    let o = gongkai(&["build", "--content", content.to_str().unwrap(), "--out", content.parent().unwrap().join("site").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!String::from_utf8_lossy(&o.stderr).contains("panicked"));
}

#[test]
fn tables_in_the_toml_and_in_a_workbook_are_an_error_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(Path::new(FIXTURE), &content);
    expenditure_book(&content.join(YEAR).join(BOOK), "1234.56", |_| {});
    let d = only_code(&check_json(&content), "E-WORKBOOK");
    assert!(d.message.contains("只能写在一处") && d.message.contains("final-accounts.toml") && d.message.contains(BOOK), "{d:#?}");
}

#[test]
fn a_workbook_alone_is_the_years_final_accounts_in_the_unit_it_states() {
    // No final-accounts.toml: the tables alone, in the sheet's `单位：万元`
    // (tests/workbook_alone.rs builds the page from the export alone).
    let (_dir, content, _) = fixture_without_tables();
    fs::remove_file(content.join(YEAR).join("final-accounts.toml")).unwrap();
    expenditure_book(&content.join(YEAR).join(BOOK), "1234.74", |_| {});
    let d = check_json(&content).into_iter().find(|d| d.cell.as_deref() == Some("Z04 支出决算表(财决04表)!E8")).expect("the tables are checked");
    assert_eq!(d.stated.as_deref(), Some("1234.74万元"), "in the unit the sheet states: {d:#?}");
    // Two sheets stating different units cannot stand alone.
    expenditure_book(&content.join(YEAR).join(BOOK), "1234.56", |ws| {
        ws.write_string(2, 5, "单位：元").unwrap();
        ws.write_string(1, 5, "单位：万元").unwrap();
    });
    let d = only_code(&check_json(&content), "E-WORKBOOK");
    assert!(d.message.contains("金额单位不同") && d.message.contains("final-accounts.toml"), "{d:#?}");
}

#[test]
fn importing_the_fixture_workbook_writes_toml_with_the_same_findings() {
    let from_toml = check_json(Path::new(FIXTURE));
    let (dir, content, tables) = fixture_without_tables();
    let book = dir.path().join(BOOK);
    write_workbook(&tables, &book);
    let fa = content.join(YEAR).join("final-accounts.toml");
    let before = fs::read_to_string(&fa).unwrap();
    let import = |force: bool| {
        let mut args = vec!["import", book.to_str().unwrap(), "--unit", "putuo-shehui", "--year", "2024", "--content", content.to_str().unwrap()];
        if force {
            args.push("--force");
        }
        gongkai(&args)
    };
    // The file exists: nothing written, the changes listed.
    let o = import(false);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("[tables.summary]：新增") && stderr.contains("--force"), "{stderr}");
    assert_eq!(fs::read_to_string(&fa).unwrap(), before, "never overwritten without --force");
    // --force replaces [tables] only: the rest of the file as written.
    let o = import(true);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let after = fs::read_to_string(&fa).unwrap();
    assert!(after.starts_with(&before), "the rest of the file is kept as written");
    assert!(after.contains("amount = 17.70"), "figures keep their written decimals");
    let mut a: Vec<_> = from_toml.iter().map(finding).collect();
    let mut b: Vec<_> = check_json(&content).iter().map(finding).collect();
    a.sort();
    b.sort();
    assert_eq!(a, b, "the imported TOML gives the findings of the hand-written one");
    // A second import changes nothing.
    let o = import(false);
    assert!(o.status.success() && String::from_utf8_lossy(&o.stderr).contains("不必改动"), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn the_template_reads_back_without_workbook_diagnostics() {
    let (dir, content, _) = fixture_without_tables();
    let book = content.join(YEAR).join(BOOK);
    let o = gongkai(&["template", "final-accounts", book.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(gongkai(&["template", "final-accounts", book.to_str().unwrap()]).status.code(), Some(1), "never overwrites");
    let diags = check_json(&content);
    assert_eq!(in_book(&diags), vec![], "the template's workbook reads clean");
    let site = dir.path().join("site");
    let o = gongkai(&["build", "--publish-as-is", "--content", content.to_str().unwrap(), "--out", site.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = fs::read_to_string(site.join(YEAR).join("final-accounts/index.html")).unwrap();
    for title in ["收入支出决算总表", "财政拨款“三公”经费支出决算表", "国有资本经营预算财政拨款收入支出决算表"] {
        assert!(page.contains(title), "all nine tables are read: {title}");
    }
}
