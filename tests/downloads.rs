//! Downloads that round-trip: every table of a page has a `.xlsx` download
//! beside its CSV (numbers as numbers, the unit in a header row), and the
//! downloaded 部门决算公开表 of the putuo fixture, put back into its year
//! folder as one workbook, give `check` exactly the findings of the TOML.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, open_workbook_auto};
use common::{PUTUO, PUTUO_YEAR, check_json, files, findings, gongkai, putuo_without_tables};
use rust_xlsxwriter::Workbook;

/// The table ids of the nine 部门决算公开表, in published order (a
/// two-sided table as its two parts).
const TABLES: &[&str] = &[
    "table-summary-income",
    "table-summary-expenditure",
    "table-income",
    "table-expenditure",
    "table-appropriation-income",
    "table-appropriation-expenditure",
    "table-general-budget",
    "table-basic",
    "table-government-fund",
    "table-state-capital",
    "table-three-public",
];

/// Build the putuo fixture into a temporary folder.
fn built() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let o = gongkai(&["build", "--publish-as-is", "--content", PUTUO, "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (dir, out)
}

/// The downloaded xlsx of the table `id` on the 部门决算 page, if the page has that table.
fn download(site: &Path, id: &str) -> Option<PathBuf> {
    files(site)
        .into_iter()
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy() == format!("{id}.xlsx") || n.to_string_lossy().ends_with(&format!("-{id}.xlsx"))))
}

/// Every sheet of the workbooks at `books`, copied cell by cell into one workbook at `to`.
fn gather(books: &[PathBuf], to: &Path) {
    let mut out = Workbook::new();
    for path in books {
        let mut book = open_workbook_auto(path).unwrap();
        for name in book.sheet_names() {
            let range = book.worksheet_range(&name).unwrap();
            let ws = out.add_worksheet();
            ws.set_name(&name).unwrap();
            let (r0, c0) = range.start().unwrap_or((0, 0));
            for (r, c, d) in range.used_cells() {
                let (r, c) = (r0 + r as u32, (c0 as usize + c) as u16);
                match d {
                    Data::Float(f) => drop(ws.write_number(r, c, *f).unwrap()),
                    Data::Int(i) => drop(ws.write_number(r, c, *i as f64).unwrap()),
                    Data::String(s) => drop(ws.write_string(r, c, s).unwrap()),
                    Data::Empty => {}
                    other => panic!("{}: unexpected cell {other:?}", path.display()),
                }
            }
        }
    }
    out.save(to).unwrap();
}

#[test]
fn downloaded_tables_import_back_to_the_same_findings() {
    let (_site_dir, site) = built();
    let books: Vec<PathBuf> = TABLES.iter().filter_map(|id| download(&site, id)).collect();
    // The fixture's three empty tables are a note on the page, not a table.
    assert_eq!(books.len(), 8, "the fixture's tables are downloadable as xlsx: {books:?}");
    let from_toml = check_json(Path::new(PUTUO));
    assert!(from_toml.iter().any(|d| d.field.starts_with("tables.")), "the fixture has findings in its tables");
    let (_dir, content, _) = putuo_without_tables();
    gather(&books, &content.join(PUTUO_YEAR).join("决算公开表.xlsx"));
    let from_book = check_json(&content);
    assert_eq!(findings(&from_toml), findings(&from_book), "the downloads read back give the findings of the TOML");
}

#[test]
fn an_xlsx_download_has_numbers_as_numbers_and_the_unit_in_its_header() {
    let (_site_dir, site) = built();
    let path = download(&site, "table-expenditure").expect("支出决算表 is downloadable");
    let html = fs::read_to_string(
        files(&site)
            .into_iter()
            .find(|p| p.extension().is_some_and(|e| e == "html") && fs::read_to_string(p).unwrap().contains("table-expenditure.xlsx"))
            .expect("a page links the download"),
    )
    .unwrap();
    assert!(html.contains("下载本表 Excel（xlsx）"), "the link is on the page");
    let mut book = open_workbook_auto(&path).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    let cells: Vec<&Data> = range.used_cells().map(|(_, _, d)| d).collect();
    // Figures (right of 科目编码 and 科目名称) are never text that reads as a number.
    let figures: Vec<&Data> = range.used_cells().filter(|(_, c, _)| *c >= 2).map(|(_, _, d)| d).collect();
    assert!(cells.iter().any(|d| matches!(d, Data::String(s) if s == "单位：万元")), "the unit row");
    assert!(cells.iter().any(|d| matches!(d, Data::String(s) if s == "科目编码")), "a code column");
    let numbers = cells.iter().filter(|d| matches!(d, Data::Float(_))).count();
    assert!(numbers > 20, "figures are numbers: {numbers}");
    for d in &figures {
        if let Data::String(s) = d {
            let t = s.replace([',', '.', '%', '-', '—'], "");
            assert!(t.is_empty() || !t.chars().all(|c| c.is_ascii_digit()), "a figure written as text: {s:?}");
        }
    }
}

/// The figures of each table as (table, side, row name, column, value), from
/// the `[tables]` of a final-accounts.toml (number and title left out).
fn table_figures(toml_text: &str) -> Vec<(String, String, String, String, String)> {
    let doc: toml::Table = toml::from_str(toml_text).unwrap();
    let mut out = vec![];
    for (kind, t) in doc["tables"].as_table().unwrap() {
        for (side, rows) in t.as_table().unwrap().iter().filter_map(|(k, v)| Some((k, v.as_array()?))) {
            for row in rows {
                let row = row.as_table().unwrap();
                for (col, v) in row.iter().filter(|(k, _)| !["name", "code", "level"].contains(&k.as_str())) {
                    out.push((kind.clone(), side.clone(), row["name"].as_str().unwrap().to_string(), col.clone(), v.to_string()));
                }
            }
        }
    }
    out.sort();
    out
}

#[test]
fn all_tables_as_one_workbook_import_back_to_the_same_figures() {
    let (_site_dir, site) = built();
    let page = site.join(PUTUO_YEAR).join("final-accounts/index.html");
    let html = fs::read_to_string(&page).unwrap();
    let name = "putuo-shehui-2024-final-accounts-tables.xlsx";
    assert!(html.contains(&format!("href={name}")) && html.contains("下载全部部门决算公开表 Excel"), "the 部门决算 page links it");
    let book = site.join(PUTUO_YEAR).join("final-accounts").join(name);
    let names = open_workbook_auto(&book).unwrap().sheet_names();
    let numbered: Vec<String> = (1..=9).map(|i| format!("公开{i:02}表")).collect();
    assert_eq!(names, numbered, "one sheet per table, the fixture's three empty tables too");
    // Put back into the year folder: the findings of the TOML.
    let (_dir, content, _) = putuo_without_tables();
    fs::copy(&book, content.join(PUTUO_YEAR).join("决算公开表.xlsx")).unwrap();
    assert_eq!(findings(&check_json(Path::new(PUTUO))), findings(&check_json(&content)), "read in place");
    // Imported: the same figures, row by row, with their written decimals.
    fs::remove_file(content.join(PUTUO_YEAR).join("决算公开表.xlsx")).unwrap();
    let o = gongkai(&["import", book.to_str().unwrap(), "--unit", "putuo-shehui", "--year", "2024", "--content", content.to_str().unwrap(), "--force"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let imported = fs::read_to_string(content.join(PUTUO_YEAR).join("final-accounts.toml")).unwrap();
    let original = fs::read_to_string(Path::new(PUTUO).join(PUTUO_YEAR).join("final-accounts.toml")).unwrap();
    let figures = table_figures(&original);
    assert!(figures.len() > 100, "{}", figures.len());
    assert_eq!(table_figures(&imported), figures, "the same figures");
    assert!(imported.contains("amount = 17.70") && imported.contains("本年度没有财政拨款“三公”经费支出"), "decimals and notes kept");
}
