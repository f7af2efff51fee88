//! CSV downloads: every table of a report page is also written beside the
//! page as `<prefix><table-id>.csv` (and `.xlsx`, see [`super::xlsx`]), the
//! prefix naming the unit, year and report (`baizhifang-2020-tracking-
//! projects-table.csv`, see [`prefix`]) so that downloads from different
//! units never overwrite each other — UTF-8 with a byte-order mark so Excel opens
//! the Chinese correctly, a first line naming the report (and so the unit),
//! the table and the source, then the column headers; numbers without thousands separators and with the
//! decimals as shown, and a last column 核验提示 carrying each row's
//! verification notes (the computed value where a figure is disputed).
//! Each record is written from the typed cells ([`Cell`](super::view::Cell):
//! text and notes) the page's HTML table is written from, never from the
//! HTML, so a table and its CSV cannot disagree.
//! A cell a spreadsheet would take for a formula (text starting with `=`,
//! `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, as the
//! OWASP guidance on CSV injection asks; numbers such as `-12.50` stay
//! numbers.

use super::Page;
#[cfg(test)]
use super::view::Cell;
use super::view::{Row, Section, Table};
use crate::error::{Error, Result};

/// A cell's text as one spreadsheet line: white space collapsed.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A number cell without thousands separators (`39,985.83` → `39985.83`).
fn number(s: &str) -> String {
    if s.chars().all(|c| c.is_ascii_digit() || ".,-%".contains(c)) && s.contains(',') { s.replace(',', "") } else { s.to_string() }
}

/// A cell as written to the file: text a spreadsheet would run as a
/// formula is prefixed with `'`; a plain number (`-12.50`, `+3`, `-0.5%`)
/// and a lone `-` are left as they are.
fn neutralised(s: String) -> String {
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let digits = s.trim_start_matches(['+', '-']).trim_end_matches('%');
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "0"));
    let number = [int, frac].iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    if risky && !number && s != "-" { format!("'{s}") } else { s }
}

/// The CSV record of a row: the row header, the cells, and the notes of
/// them all, from the same typed cells the page's table is written from.
pub fn row_record(r: &Row) -> Vec<String> {
    let mut rec = vec![];
    let mut notes: Vec<String> = vec![];
    for c in std::iter::once(&r.head).chain(&r.cells) {
        let text = one_line(&c.text);
        rec.push(if c.num { number(&text) } else { text });
        notes.extend(c.notes.iter().map(|n| n.trim().to_string()).filter(|n| !n.is_empty()));
    }
    rec.push(notes.join("；"));
    rec.into_iter().map(neutralised).collect()
}

/// The CSV of one table: the line `about` (what it is and where it comes
/// from, one field), the column headers, the rows.
pub fn table_csv(t: &Table, about: &str) -> Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new().flexible(true).from_writer(vec![0xEF, 0xBB, 0xBF]);
    let err = |e: csv::Error| Error::Render(format!("CSV {}: {e}", t.id));
    w.write_record([neutralised(format!("{about}；表：{}", one_line(&t.caption)))]).map_err(err)?;
    let mut header: Vec<String> = t.cols.iter().map(|c| neutralised(one_line(c))).collect();
    header.push("核验提示".into());
    w.write_record(&header).map_err(err)?;
    for r in &t.rows {
        w.write_record(row_record(r)).map_err(err)?;
    }
    w.into_inner().map_err(|e| Error::Render(format!("CSV {}: {e}", t.id)))
}

/// What the CSV files of the page at `page_path` start with: the page's
/// folders below `units/` (unit, year, report, analysis), then `<stem>-`
/// beside a `<stem>.html` that is not `index.html`, so that no two
/// downloads of the site share a file name (`units/baizhifang/2020/tracking/index.html`
/// → `baizhifang-2020-tracking-`); nothing for a site-wide page
/// (`checks/index.html`), whose tables' ids are the site's own.
pub fn prefix(page_path: &str) -> String {
    let (dir, file) = page_path.rsplit_once('/').unwrap_or(("", page_path));
    let mut parts: Vec<&str> = dir.strip_prefix("units/").map(|d| d.split('/').collect()).unwrap_or_default();
    parts.extend(file.strip_suffix(".html").filter(|stem| *stem != "index"));
    parts.iter().map(|p| format!("{p}-")).collect()
}

/// Every table of the sections, as CSV and xlsx files ([`super::xlsx`])
/// beside the page at `page_path`; each CSV's first line is `about`
/// followed by the table's caption.
pub fn pages_for(page_path: &str, sections: &[Section], about: &str) -> Result<Vec<Page>> {
    let dir = page_path.rsplit_once('/').map_or("", |(d, _)| d);
    let prefix = prefix(page_path);
    let mut out = vec![];
    for s in sections {
        for b in &s.blocks {
            let Some(t) = b.table() else { continue };
            let stem = if dir.is_empty() { format!("{prefix}{}", t.id) } else { format!("{dir}/{prefix}{}", t.id) };
            out.push(Page::file(format!("{stem}.csv"), table_csv(t, about)?));
            out.push(Page::file(format!("{stem}.xlsx"), super::xlsx::table_xlsx(t)?));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_has_the_figures_as_shown_and_the_notes_apart() {
        let mut disputed = Cell::markup("<span>0.71%</span>".into(), "0.71%").numeric();
        disputed.notes.push("核验提示：与计算不符，计算值 0.0719%".into());
        let row = Row { head: "困难群众\n救助".into(), cells: vec![Cell::number("1,200.00"), disputed, Cell::text("1,2")], total: false };
        assert_eq!(row_record(&row), ["困难群众 救助", "1200.00", "0.71%", "1,2", "核验提示：与计算不符，计算值 0.0719%"]);
    }

    #[test]
    fn download_names_name_unit_year_and_report() {
        assert_eq!(prefix("units/baizhifang/2020/tracking/index.html"), "baizhifang-2020-tracking-");
        assert_eq!(prefix("units/yuetan/2023/cost/relief-service-station/index.html"), "yuetan-2023-cost-relief-service-station-");
        assert_eq!(prefix("units/desheng/2016/tracking/projects/p1.html"), "desheng-2016-tracking-projects-p1-");
        assert_eq!(prefix("checks/index.html"), "");
        assert_eq!(prefix("index.html"), "");
    }

    #[test]
    fn the_first_line_says_what_the_table_is() {
        let t = Table { id: "t".into(), caption: "表1\n项目".into(), cols: vec!["项目".into()], rows: vec![] };
        let text = String::from_utf8(table_csv(&t, "报告：白纸坊街道2020年度绩效跟踪报告；来源：示例").unwrap()).unwrap();
        assert_eq!(text, "\u{feff}报告：白纸坊街道2020年度绩效跟踪报告；来源：示例；表：表1 项目\n项目,核验提示\n");
    }

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        for (cell, out) in [
            ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("-2+3+cmd", "'-2+3+cmd"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("-12.50", "-12.50"),
            ("+3", "+3"),
            ("-0.5%", "-0.5%"),
            ("-", "-"),
            ("-1e5", "'-1e5"),
            ("困难群众救助", "困难群众救助"),
        ] {
            assert_eq!(neutralised(cell.to_string()), out, "{cell:?}");
        }
    }
}
