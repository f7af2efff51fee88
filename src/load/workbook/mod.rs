//! 部门决算工作簿 — the reporting software's workbook (`.xlsx`, `.xls`,
//! `.ods`) in a year folder, read with calamine into the nine
//! 部门决算公开表 (the same layout-free model `[tables]` fills).
//!
//! A workbook is first turned into its cell listing ([`listing`]): one line
//! per sheet (`公开05表!<TAB>工作表`), per merged range
//! (`公开05表!A1:F1<TAB>合并`) and per non-empty cell
//! (`公开05表!D12<TAB>1234.56`). That text is the workbook's text in the
//! [`crate::source::SourceMap`], so a figure's span is a place in it and every
//! diagnostic names `file!sheet!cell` (see [`crate::source::SourceFile::cell`]).
//! [`read`] then recognises sheets by their titles and columns by their
//! headings ([`recognise`]), never by position.
//!
//! A year folder may instead hold 公开表 CSV files, one table each
//! ([`delimited`]): each is listed as one sheet named after the file, and
//! all of a year's CSV files are read together like one workbook.

mod cells;
pub mod cost;
pub mod cost_year;
mod delimited;
pub mod form;
pub mod form_document;
mod grid;
mod landscape;
mod recognise;
pub mod tracking;
pub mod tracking_year;

use std::path::Path;

use calamine::{Data, Reader, Sheets, open_workbook_auto_from_rs};

use super::files::BadText;
use crate::check::{Code, Diagnostic};
use crate::reports::final_accounts::tables::Tables;
use crate::source::{FileId, SourceMap};

/// Is this file name a workbook gongkai reads (`.xlsx`, `.xls`, `.ods`)?
pub fn is_workbook(name: &str) -> bool {
    crate::source::is_workbook(name)
}

/// Is this file name a 公开表 CSV file (one table, see [`delimited`])?
pub fn is_csv(name: &str) -> bool {
    crate::source::is_csv(name)
}

/// The slug of a workbook file name in a report folder whose reports may
/// come from a workbook — `cost/<slug>.xlsx` ([`cost`]) and
/// `projects/<slug>.xlsx` ([`form`]); `.xls` and `.ods` too.
pub fn book_slug(kind: crate::reports::ReportKind, name: &str) -> Option<String> {
    use crate::reports::ReportKind;
    let (stem, _) = name.rsplit_once('.')?;
    (matches!(kind, ReportKind::Cost | ReportKind::Form) && is_workbook(name)).then(|| stem.to_string())
}

/// A1-style column letters of a 0-based column (`0` → `A`, `27` → `AB`).
pub fn column_letters(col: u32) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A cell's reference (`D12`) from 0-based row and column.
pub fn cell_ref(row: u32, col: u32) -> String {
    format!("{}{}", column_letters(col), row + 1)
}

/// Text without line breaks, tabs or other control characters (one cell,
/// one line). Leading spaces are kept: a name's indentation (full-width
/// spaces) is its level.
fn one_line(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect::<String>().trim_end().to_string()
}

/// A number cell as text: the value's own shortest decimals, rounded to 6
/// decimals so that a formula's binary noise (`0.30000000000000004`) is not
/// read as 17 written decimals.
fn number_text(v: f64) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    let s = format!("{v}");
    match s.split_once('.') {
        Some((_, frac)) if frac.len() > 6 => {
            let r = format!("{v:.6}");
            r.trim_end_matches('0').trim_end_matches('.').to_string()
        }
        _ => s,
    }
}

/// What a cell holds, as one line of text.
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::String(s) => one_line(s),
        Data::Bool(b) => (if *b { "TRUE" } else { "FALSE" }).into(),
        Data::DateTime(dt) => format!("日期{}", number_text(dt.as_f64())),
        Data::DateTimeIso(s) | Data::DurationIso(s) => one_line(s),
        Data::Error(e) => format!("#{e}"),
    }
}

/// What a number cell's display format says of it: (shown as a percent,
/// the least decimals shown). `0.00%` → (true, 2), `#,##0.00` → (false, 2),
/// `General` → (false, 0). Only the format's first section counts (the one
/// for positive numbers); quoted text, `[…]` and escaped characters are not
/// the number's.
fn number_format(code: &str) -> (bool, u32) {
    let (mut percent, mut decimals, mut after_point) = (false, 0, false);
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            ';' => break,
            '"' => chars.by_ref().take_while(|&q| q != '"').for_each(drop),
            '[' => chars.by_ref().take_while(|&q| q != ']').for_each(drop),
            '\\' | '_' | '*' => drop(chars.next()),
            '%' => percent = true,
            '.' if !after_point => after_point = true,
            '0' if after_point => decimals += 1,
            '#' | '?' if after_point => {}
            _ => after_point = false,
        }
    }
    (percent, decimals)
}

/// A number cell as it is shown by its display format `code` (xlsx only:
/// calamine gives no format for xls and ods): a percent cell is its percent
/// (0.9266 shown `92.66%` is `92.66`), and the decimals are at least those
/// the format shows (17.7 formatted `0.00` is `17.70`). Never fewer
/// decimals than the value has (a figure is not rounded by its format).
fn shown_number(v: f64, code: &str) -> String {
    let text = number_text(v);
    let Ok(mut d) = text.parse::<rust_decimal::Decimal>() else { return text };
    let (percent, decimals) = number_format(code);
    if percent {
        d = (d * rust_decimal::Decimal::ONE_HUNDRED).normalize();
    }
    if d.scale() < decimals {
        d.rescale(decimals);
    }
    d.to_string()
}

/// The merged ranges of a sheet, where the format keeps them (xlsx, xls;
/// calamine reads none from ods).
fn merges<RS: std::io::Read + std::io::Seek>(book: &mut Sheets<RS>, name: &str) -> Vec<calamine::Dimensions> {
    match book {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => vec![],
    }
}

/// A problem with the whole workbook file.
fn bad(message: String) -> BadText {
    BadText { text: String::new(), at: 0, code: Code::Workbook, message }
}

/// The cell listing of the workbook at `path` (see the module doc), or why
/// it cannot be read. The format is told from the content, not the name
/// (the reporting software's `.xls` is sometimes an `.xlsx` inside); a
/// reader that panics on a damaged file is one diagnostic, not a crash.
pub fn listing(path: &Path) -> Result<String, BadText> {
    if is_csv(&path.to_string_lossy()) {
        return delimited::listing(path);
    }
    let bytes = std::fs::read(path).map_err(|e| bad(format!("无法读取：{}", crate::error::io_reason(&e))))?;
    quietly(move || list_cells(bytes)).unwrap_or_else(|| Err(bad("无法作为工作簿打开：文件已损坏".into())))
}

thread_local! {
    /// Set while this thread runs the workbook reader: a panic there is
    /// caught and reported as a diagnostic, so the panic hook stays silent.
    static READING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Run `f`, catching a panic of the reader without the default hook's
/// message and backtrace on the terminal (other panics print as before).
fn quietly<T>(f: impl FnOnce() -> T + std::panic::UnwindSafe) -> Option<T> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !READING.with(|r| r.get()) {
                previous(info);
            }
        }));
    });
    READING.with(|r| r.set(true));
    let result = std::panic::catch_unwind(f);
    READING.with(|r| r.set(false));
    result.ok()
}

/// [`listing`] of a workbook's bytes.
fn list_cells(bytes: Vec<u8>) -> Result<String, BadText> {
    let mut book =
        open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|e| bad(format!("无法作为工作簿打开（文件损坏，或不是 .xlsx/.xls/.ods）：{e}")))?;
    let mut out = String::new();
    for name in book.sheet_names() {
        let sheet = one_line(&name).replace('!', "！");
        let range = book.worksheet_range(&name).map_err(|e| bad(format!("无法读取工作表“{sheet}”：{e}")))?;
        // Display formats (xlsx): a sheet whose styles cannot be read is read without them.
        let styles = book.worksheet_style(&name).unwrap_or_else(|_| calamine::StyleRange::empty());
        out.push_str(&format!("{sheet}!\t工作表\n"));
        for m in merges(&mut book, &name) {
            out.push_str(&format!("{sheet}!{}:{}\t合并\n", cell_ref(m.start.0, m.start.1), cell_ref(m.end.0, m.end.1)));
        }
        let (row0, col0) = range.start().unwrap_or((0, 0));
        for (r, c, d) in range.used_cells() {
            let at = (row0 + r as u32, col0 + c as u32);
            let format = styles.get(at).and_then(|s| s.number_format.as_ref()).map(|f| f.format_code.as_str());
            let text = match (d, format) {
                (Data::Float(v), Some(code)) => shown_number(*v, code),
                (Data::Int(i), Some(code)) => shown_number(*i as f64, code),
                _ => cell_text(d),
            };
            if !text.is_empty() {
                out.push_str(&format!("{sheet}!{}\t{text}\n", cell_ref(row0 + r as u32, col0 + c as u32)));
            }
        }
    }
    Ok(out)
}

/// Read the tables of the year's table files `ids` (one workbook, or
/// several 公开表 CSV files; each text is a cell listing), sheet by sheet in
/// order: the tables when no error was found, and every problem
/// (unrecognised sheets are warnings `W-SHEET`).
pub fn read(map: &SourceMap, ids: &[FileId]) -> (Option<Tables>, Vec<Diagnostic>) {
    let mut diagnostics = vec![];
    let mut tables = Tables::default();
    let mut seen: Vec<(crate::reports::final_accounts::tables::model::TableKind, String)> = vec![];
    for &id in ids {
        let text = &map.file(id).text;
        for sheet in &grid::sheets(text) {
            let mut report = |at: usize, code: Code, message: String| {
                let span = crate::source::Span { file: id, start: at as u32, end: at as u32 };
                diagnostics.push(Diagnostic::new(map, span, code.severity(), code, String::new(), message));
            };
            let Some(table) = recognise::table(sheet, id, &mut report) else { continue };
            if let Some((_, first)) = seen.iter().find(|(k, _)| *k == table.kind) {
                // The 收入 and 支出 sides of one table on two sheets (two downloaded parts) are one table.
                if let Some(whole) = tables.tables.iter_mut().find(|t| t.kind == table.kind && sides_apart(t, &table)) {
                    join_sides(whole, table);
                    continue;
                }
                report(sheet.at, Code::Workbook, format!("工作表“{}”与“{first}”是同一张表（{}），只能有一张", sheet.name, table.kind.standard_title()));
                continue;
            }
            seen.push((table.kind, sheet.name.clone()));
            tables.tables.push(table);
        }
    }
    let failed = diagnostics.iter().any(|d| d.severity == crate::check::Severity::Error);
    (if failed { None } else { Some(tables) }, diagnostics)
}

/// The money unit the sheets of a year's table files state (cell listings
/// `texts`): a cell whose text ends in `单位：万元` or `单位：元` (also
/// `金额单位:元`, or `编制单位：某局 单位：万元` in one cell). Every sheet
/// that states one must state the same; stating none, or two different
/// ones, is why the tables cannot stand without a `final-accounts.toml`.
pub fn money_unit<'a>(texts: impl Iterator<Item = &'a str>) -> Result<crate::number::MoneyUnit, String> {
    use crate::number::MoneyUnit;
    let mut found: Vec<(MoneyUnit, String)> = vec![];
    for line in texts.flat_map(str::lines) {
        let Some((place, text)) = line.split_once('\t') else { continue };
        let t = cells::normalise(text);
        let Some(at) = t.rfind("单位") else { continue };
        let unit = match t[at + "单位".len()..].trim_start_matches(['：', ':']) {
            "万元" => MoneyUnit::TenThousandYuan,
            "元" => MoneyUnit::Yuan,
            _ => continue,
        };
        if !found.iter().any(|(u, _)| *u == unit) {
            found.push((unit, place.to_string()));
        }
    }
    match found.as_slice() {
        [(unit, _)] => Ok(*unit),
        [] => Err("没有 final-accounts.toml 时，金额单位取自工作表里的“单位：万元”（或“单位：元”），但哪个工作表都没有写；请在表题下写明金额单位，或添加 final-accounts.toml 写明 unit".into()),
        [(a, at_a), (b, at_b), ..] => Err(format!(
            "各工作表写的金额单位不同：{at_a} 是“单位：{}”，{at_b} 是“单位：{}”；请统一，或添加 final-accounts.toml 写明 unit",
            a.label(),
            b.label()
        )),
    }
}

/// Do two tables of the same kind hold different sides (no part with rows in both)?
fn sides_apart(a: &crate::reports::final_accounts::tables::model::Table, b: &crate::reports::final_accounts::tables::model::Table) -> bool {
    a.parts.len() == 2 && a.parts.len() == b.parts.len() && a.parts.iter().zip(&b.parts).all(|(x, y)| x.rows.is_empty() || y.rows.is_empty())
}

/// Move the side `other` holds into `whole` (see [`sides_apart`]).
fn join_sides(whole: &mut crate::reports::final_accounts::tables::model::Table, other: crate::reports::final_accounts::tables::model::Table) {
    for (w, o) in whole.parts.iter_mut().zip(other.parts) {
        if w.rows.is_empty() {
            w.rows = o.rows;
        }
    }
    if whole.note.is_none() {
        whole.note = other.note;
    }
}

/// Give a year the tables read from its table files `ids` (one workbook
/// or several CSV files). The tables are written in one place: table files
/// beside a `final-accounts.toml` that has `[tables]` too is an error naming
/// both. Without a `final-accounts.toml` (`has_toml` false) the tables alone
/// are the year's 部门决算, in the money unit the sheets state (`单位：万元`,
/// see [`money_unit`]): the reporting software's export is enough for a page.
pub fn attach(map: &SourceMap, year: &mut crate::model::Year, tables: Option<Tables>, ids: &[FileId], has_toml: bool) -> Option<Diagnostic> {
    year.reports.final_accounts_workbook = ids.to_vec();
    let name = ids.iter().map(|&id| map.file(id).display.clone()).collect::<Vec<_>>().join("、");
    let at_file = |message: String| Some(Diagnostic::at_path(name.clone(), Code::Workbook, String::new(), message));
    let Some(fa) = year.reports.final_accounts.as_mut() else {
        // A final-accounts.toml that failed to parse has its own diagnostic.
        if has_toml {
            return None;
        }
        let tables = tables?;
        return match money_unit(ids.iter().map(|&id| map.file(id).text.as_str())) {
            Ok(unit) => {
                year.reports.final_accounts = Some(crate::reports::final_accounts::model::FinalAccounts::tables_only(unit, tables));
                None
            }
            Err(why) => at_file(format!("{name}：{why}")),
        };
    };
    let tables = tables?;
    if !fa.tables.tables.is_empty() {
        let toml = year.reports.final_accounts_file.map(|f| map.file(f).display.clone()).unwrap_or_default();
        return at_file(format!("部门决算公开表只能写在一处：{toml} 里有 [tables]，{name} 里也有；请删去其中一处"));
    }
    fa.tables = tables;
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_in_a_spreadsheet() {
        assert_eq!(cell_ref(0, 0), "A1");
        assert_eq!(cell_ref(11, 3), "D12");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
    }

    #[test]
    fn a_number_is_read_as_its_format_shows_it() {
        assert_eq!(number_format("0.00%"), (true, 2));
        assert_eq!(number_format("#,##0.00_);[Red](#,##0.00)"), (false, 2));
        assert_eq!(number_format("\"率\"0.0\"%\""), (false, 1));
        assert_eq!(number_format("General"), (false, 0));
        assert_eq!(shown_number(0.9266, "0.00%"), "92.66");
        assert_eq!(shown_number(0.5, "0%"), "50");
        assert_eq!(shown_number(17.7, "#,##0.00"), "17.70");
        assert_eq!(shown_number(1234.5678, "0.00"), "1234.5678");
        assert_eq!(shown_number(12.0, "General"), "12");
    }

    #[test]
    fn the_money_unit_is_the_one_the_sheets_state() {
        use crate::number::MoneyUnit;
        let book = "公开01表!\t工作表\n公开01表!A2\t编制单位：某街道\n公开01表!F2\t单位：万元\n公开02表!A2\t编制单位：某街道  金额单位: 万元\n";
        assert_eq!(money_unit([book].into_iter()), Ok(MoneyUnit::TenThousandYuan));
        assert_eq!(money_unit(["公开01表!F2\t单位：元\n"].into_iter()), Ok(MoneyUnit::Yuan));
        let none = money_unit(["公开01表!A2\t编制单位：某街道\n"].into_iter()).unwrap_err();
        assert!(none.contains("哪个工作表都没有写"), "{none}");
        let two = money_unit([book, "公开03表!F2\t单位：元\n"].into_iter()).unwrap_err();
        assert!(two.contains("公开01表!F2") && two.contains("公开03表!F2"), "{two}");
    }

    #[test]
    fn numbers_keep_their_decimals_without_binary_noise() {
        assert_eq!(number_text(1234.56), "1234.56");
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!(number_text(12.0), "12");
        assert_eq!(number_text(-3.5), "-3.5");
    }

    #[test]
    fn a_panic_of_the_reader_is_caught_and_other_panics_still_reach_the_hook() {
        assert_eq!(quietly(|| 7), Some(7));
        assert_eq!(quietly(|| -> u8 { panic!("a damaged workbook") }), None);
        // Outside the reader the flag is clear again, so a panic elsewhere
        // still prints through the previous hook.
        assert!(!READING.with(|r| r.get()));
    }
}
