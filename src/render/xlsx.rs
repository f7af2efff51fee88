//! Excel downloads: every table that has a CSV download also gets
//! `<table-id>.xlsx` beside it, written from the same typed cells
//! ([`Cell`](super::view::Cell)) as the page and the CSV.
//!
//! The sheet: a title row (the caption without its unit), a unit row
//! (`单位：万元`, when the caption names one), a header row (the column
//! titles; a 科目 row header becomes two columns, 科目编码 and 科目名称,
//! the name indented by full-width spaces for its level), the rows, and a
//! last column 核验提示. Figures are numbers, not text: no thousands
//! separators, no `%` (a percentage is the fraction with a percentage
//! format), blank for 未填报 (`—`), shown with the decimals the page shows.
//! This is the layout `load::workbook` reads, so a downloaded
//! 部门决算公开表 goes back into a year folder as it is.
//! The file is deterministic: a fixed creation date, no author.

use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::view::{Cell, Table};
use crate::error::{Error, Result};

/// Excel's limit on a cell's text, in UTF-16 code units.
const MAX_CELL_TEXT: usize = 32_767;

/// What ends a text cut to fit [`MAX_CELL_TEXT`]: the full text is on the page and in the CSV.
const CUT_MARK: &str = "……（全文见网页）";

/// Write `text` into a cell, cut to Excel's limit of 32,767 characters (UTF-16
/// code units) with [`CUT_MARK`] at the end when it is longer. A longer cell
/// would make the whole workbook, and so the build, fail.
pub fn write_text(ws: &mut Worksheet, row: u32, col: u16, text: impl AsRef<str>) -> std::result::Result<(), XlsxError> {
    let text = text.as_ref();
    if text.encode_utf16().count() <= MAX_CELL_TEXT {
        ws.write_string(row, col, text)?;
        return Ok(());
    }
    let room = MAX_CELL_TEXT - CUT_MARK.encode_utf16().count();
    let mut used = 0;
    let kept: String = text
        .chars()
        .take_while(|c| {
            used += c.len_utf16();
            used <= room
        })
        .collect();
    ws.write_string(row, col, format!("{kept}{CUT_MARK}"))?;
    Ok(())
}

/// A cell's text as one line (white space collapsed).
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A number cell's text as a number: its value, decimals and whether it is
/// a percentage (`39,985.83` → 39985.83, 2, no; `-0.5%` → -0.5, 1, yes).
/// `None` for anything else (`—`, `450元/份`).
fn figure(text: &str) -> Option<(Decimal, u32, bool)> {
    let t = text.trim().replace(',', "");
    let (digits, percent) = match t.strip_suffix('%') {
        Some(d) => (d, true),
        None => (t.as_str(), false),
    };
    let plain = !digits.is_empty() && digits.trim_start_matches(['-', '+']).chars().all(|c| c.is_ascii_digit() || c == '.');
    let v: Decimal = if plain { digits.parse().ok()? } else { return None };
    Some((v, v.scale(), percent))
}

/// The caption split into its title and its unit (`…（单位：万元）` → (`…`, `万元`)).
fn title_and_unit(caption: &str) -> (String, Option<String>) {
    let plain = html_escape::decode_html_entities(caption).to_string();
    match plain.rsplit_once("（单位：") {
        Some((title, unit)) if unit.ends_with('）') => (title.trim().to_string(), Some(unit.trim_end_matches('）').to_string())),
        _ => (plain.trim().to_string(), None),
    }
}

/// The number format showing `decimals` decimals (a percentage with `%`).
pub fn number_format(decimals: u32, percent: bool) -> Format {
    let frac = if decimals == 0 { String::new() } else { format!(".{}", "0".repeat(decimals as usize)) };
    Format::new().set_num_format(if percent { format!("0{frac}%") } else { format!("#,##0{frac}") })
}

/// Write one body cell: a figure as a number, `—` as blank, anything else as text.
fn put(ws: &mut Worksheet, row: u32, col: u16, c: &Cell) -> std::result::Result<(), XlsxError> {
    let text = one_line(&c.text);
    if c.num {
        if let Some((v, decimals, percent)) = figure(&text) {
            let shown = if percent { v / Decimal::from(100) } else { v };
            // The decimal's own shortest text read as the spreadsheet's number.
            let n: f64 = shown.normalize().to_string().parse().unwrap_or_default();
            ws.write_number_with_format(row, col, n, &number_format(decimals, percent))?;
            return Ok(());
        }
        if text.chars().all(|ch| ch == '—' || ch == '-') {
            return Ok(());
        }
    }
    if !text.is_empty() {
        write_text(ws, row, col, &text)?;
    }
    Ok(())
}

/// The sheet of one table.
fn sheet(book: &mut Workbook, t: &Table) -> std::result::Result<(), XlsxError> {
    let ws = book.add_worksheet();
    // Sheet names are at most 31 characters; table ids are short ASCII.
    ws.set_name(t.id.chars().take(31).collect::<String>())?;
    let (title, unit) = title_and_unit(&t.caption);
    write_text(ws, 0, 0, &title)?;
    let mut header_row = 1;
    if let Some(u) = unit {
        write_text(ws, 1, 0, format!("单位：{u}"))?;
        header_row = 2;
    }
    let subjects = t.rows.iter().any(|r| r.head.subject.is_some());
    let mut heads: Vec<String> = if subjects { vec!["科目编码".into(), "科目名称".into()] } else { vec![one_line(t.cols.first().map_or("", |c| c))] };
    let first = heads.len() as u16;
    heads.extend(t.cols.iter().skip(1).map(|c| one_line(c)));
    heads.push("核验提示".into());
    for (i, h) in heads.iter().enumerate() {
        write_text(ws, header_row, i as u16, h)?;
    }
    ws.set_column_width(first - 1, 32)?;
    for (i, r) in t.rows.iter().enumerate() {
        let row = header_row + 1 + i as u32;
        match &r.head.subject {
            Some(s) => {
                if let Some(code) = &s.code {
                    write_text(ws, row, 0, code)?;
                }
                write_text(ws, row, 1, format!("{}{}", "\u{3000}".repeat(usize::from(s.level.max(1) - 1)), s.name.trim()))?;
            }
            None if subjects => drop(write_text(ws, row, 1, one_line(&r.head.text))?),
            None => put(ws, row, 0, &r.head)?,
        }
        for (k, c) in r.cells.iter().enumerate() {
            put(ws, row, first + k as u16, c)?;
        }
        let notes: Vec<String> =
            std::iter::once(&r.head).chain(&r.cells).flat_map(|c| c.notes.iter()).map(|n| n.trim().to_string()).filter(|n| !n.is_empty()).collect();
        if !notes.is_empty() {
            write_text(ws, row, first + r.cells.len() as u16, notes.join("；"))?;
        }
    }
    Ok(())
}

/// An empty workbook with a fixed creation date (so that the build is
/// byte-reproducible) and no author.
pub fn new_workbook() -> std::result::Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    Ok(book)
}

/// The `.xlsx` of one table.
pub fn table_xlsx(t: &Table) -> Result<Vec<u8>> {
    let err = |e: XlsxError| Error::Render(format!("xlsx {}: {e}", t.id));
    let mut book = new_workbook().map_err(err)?;
    sheet(&mut book, t).map_err(err)?;
    book.save_to_buffer().map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_numbers_with_their_decimals() {
        assert_eq!(figure("39,985.83"), Some((Decimal::new(3998583, 2), 2, false)));
        assert_eq!(figure("-0.5%"), Some((Decimal::new(-5, 1), 1, true)));
        assert_eq!(figure("12"), Some((Decimal::from(12), 0, false)));
        assert_eq!(figure("—"), None);
        assert_eq!(figure("450元/份"), None);
        assert_eq!(title_and_unit("公开01表 收入支出决算总表（收入）（单位：万元）"), ("公开01表 收入支出决算总表（收入）".into(), Some("万元".into())));
        assert_eq!(title_and_unit("A &amp; B"), ("A & B".into(), None));
    }

    #[test]
    fn a_text_longer_than_excel_allows_is_cut_not_fatal() {
        let mut book = new_workbook().unwrap();
        let ws = book.add_worksheet();
        let long = "很长的一行".repeat(10_000);
        assert!(ws.write_string(0, 0, &long).is_err(), "the limit is real");
        write_text(ws, 0, 0, &long).unwrap();
        write_text(ws, 1, 0, "短").unwrap();
        // A character outside the BMP counts two UTF-16 units: never split.
        write_text(ws, 2, 0, "𠀀".repeat(20_000)).unwrap();
        assert!(book.save_to_buffer().is_ok());
    }
}
