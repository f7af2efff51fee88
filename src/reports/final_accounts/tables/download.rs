//! 部门决算公开表 as one workbook (`<unit>-<year>-final-accounts-tables.xlsx` beside the 部门决算 page):
//! one sheet per table, `公开01表` … `公开09表` (the table's own number when
//! it has one), laid out as the reporting software's export and as
//! `load::workbook` reads it, so the file goes back into a year folder (or
//! through `gongkai import`) to the same figures.
//!
//! A sheet: row 1 the table's number and title, row 2 `单位：万元`, row 3
//! the header (`科目编码 | 科目名称 | 各列标题`, the 收入 and 支出 sides of a
//! two-sided table side by side), then the rows (a name indented by a
//! full-width space per level below the first; figures as numbers with
//! their written decimals, `-` where `-` is written, blank where nothing
//! is), and the table's note under them (`注：…`). An empty table is its
//! header and note. Written from the tables as read, not from the page.

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use super::model::{Part, Table, Tables};
use crate::error::{Error, Result};
use crate::render::xlsx::{new_workbook, number_format, write_text};

/// The link to the workbook, written before the tables on the 部门决算 page at `page_path`.
pub fn link(page_path: &str) -> String {
    format!("<p class=\"download\"><a href=\"{}\" download>下载全部部门决算公开表 Excel（xlsx，每张表一个工作表）</a></p>", file_name(page_path))
}

/// Its file name, beside the 部门决算 page at `page_path`: `tables.xlsx`
/// after the prefix of the page's downloads (unit, year, report:
/// `xinjiekou-2023-final-accounts-tables.xlsx`, see [`crate::render::csv::prefix`]).
pub fn file_name(page_path: &str) -> String {
    format!("{}tables.xlsx", crate::render::csv::prefix(page_path))
}

/// A table's sheet name: its number when it is one (`公开05表`), else
/// `公开NN表` by its place (1-based) among the tables.
fn sheet_name(t: &Table, place: usize, used: &[String]) -> String {
    let own = t.number.as_deref().filter(|n| n.ends_with('表') && n.chars().count() <= 31 && !used.iter().any(|u| u == n));
    own.map_or_else(|| format!("公开{place:02}表"), str::to_string)
}

/// One side of a table from column `col0`: header at row 2, rows below.
/// Returns the last row written.
fn part(ws: &mut Worksheet, p: &Part, col0: u16) -> std::result::Result<u32, XlsxError> {
    write_text(ws, 2, col0, "科目编码")?;
    write_text(ws, 2, col0 + 1, "科目名称")?;
    ws.set_column_width(col0 + 1, 32)?;
    for (i, c) in p.columns.iter().enumerate() {
        write_text(ws, 2, col0 + 2 + i as u16, c.title)?;
    }
    let mut last = 2;
    for (i, r) in p.rows.iter().enumerate() {
        let row = 3 + i as u32;
        last = row;
        if let Some(code) = &r.code {
            write_text(ws, row, col0, code)?;
        }
        // A coded row's level is its code's; an uncoded one is indented.
        let indent = if r.code.is_some() { 0 } else { usize::from(r.level.max(1) - 1) };
        write_text(ws, row, col0 + 1, format!("{}{}", "\u{3000}".repeat(indent), r.name.trim()))?;
        for (k, cell) in r.cells.iter().enumerate() {
            let col = col0 + 2 + k as u16;
            match cell.as_ref().map(|f| f.value) {
                Some(Some(v)) => {
                    let n: f64 = v.normalize().to_string().parse().unwrap_or_default();
                    ws.write_number_with_format(row, col, n, &number_format(v.scale(), false))?;
                }
                Some(None) => drop(write_text(ws, row, col, "-")?),
                None => {}
            }
        }
    }
    Ok(last)
}

/// The sheet of one table.
fn sheet(book: &mut Workbook, t: &Table, name: &str, unit: &str) -> std::result::Result<(), XlsxError> {
    let ws = book.add_worksheet();
    ws.set_name(name)?;
    let number = t.number.as_deref().map(|n| format!("{n} ")).unwrap_or_default();
    write_text(ws, 0, 0, format!("{number}{}", t.title))?;
    write_text(ws, 1, 0, format!("单位：{unit}"))?;
    let mut col0 = 0;
    let mut last = 2;
    for p in &t.parts {
        last = last.max(part(ws, p, col0)?);
        col0 += 2 + p.columns.len() as u16;
    }
    if let Some(note) = &t.note {
        write_text(ws, last + 2, 0, format!("注：{note}"))?;
    }
    Ok(())
}

/// The workbook of all the tables (none when there are no tables).
pub fn workbook(tables: &Tables, unit: &str) -> Result<Option<Vec<u8>>> {
    if tables.tables.is_empty() {
        return Ok(None);
    }
    let err = |e: XlsxError| Error::Render(format!("xlsx tables.xlsx: {e}"));
    let mut book = new_workbook().map_err(err)?;
    let mut used: Vec<String> = vec![];
    for (i, t) in tables.tables.iter().enumerate() {
        let name = sheet_name(t, i + 1, &used);
        sheet(&mut book, t, &name, unit).map_err(err)?;
        used.push(name);
    }
    book.save_to_buffer().map(Some).map_err(err)
}
