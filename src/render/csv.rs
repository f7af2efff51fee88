//! CSV downloads: every table of a report page is also written beside the
//! page as `<table-id>.csv` — UTF-8 with a byte-order mark so Excel opens
//! the Chinese correctly, numbers without thousands separators and with the
//! decimals as shown, and a last column 核验提示 carrying each row's
//! verification notes (the computed value where a figure is disputed).
//! A cell a spreadsheet would take for a formula (text starting with `=`,
//! `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, as the
//! OWASP guidance on CSV injection asks; numbers such as `-12.50` stay
//! numbers.

use super::Page;
use super::view::{Block, Row, Section, Table};
use crate::error::{Error, Result};

/// Text of generated HTML, as a spreadsheet wants it: tags dropped, the
/// screen-reader-only words and the `*` marker left out, notes collected
/// separately. Our HTML is well-formed (we generate it), so a small scanner
/// that tracks which elements to skip suffices.
pub fn plain(html: &str) -> (String, Vec<String>) {
    let mut text = String::new();
    let mut notes = vec![];
    let mut note = String::new();
    // Stack of open elements: (skip its text, collect it as a note).
    let mut stack: Vec<(bool, bool)> = vec![];
    let mut rest = html;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('<') {
            let end = after.find('>').map_or(after.len(), |e| e + 1);
            let tag = &after[..end.saturating_sub(1)];
            rest = &after[end.min(after.len())..];
            if let Some(closing) = tag.strip_prefix('/') {
                let _ = closing;
                if let Some((_, collect)) = stack.pop()
                    && collect
                {
                    notes.push(std::mem::take(&mut note).replace("（核验详情）", "").trim().to_string());
                }
            } else if tag.starts_with("br") {
                text.push(' ');
            } else if !tag.ends_with('/') && !matches!(tag.split_whitespace().next(), Some("img" | "input" | "hr")) {
                let class = tag.split("class=").nth(1).unwrap_or("");
                let collect = class.contains("verify-note");
                let hidden = tag.starts_with("sup") || class.contains("sr-only");
                stack.push((hidden, collect));
            }
            continue;
        }
        let end = rest.find('<').unwrap_or(rest.len());
        let chunk = html_escape::decode_html_entities(&rest[..end]);
        rest = &rest[end..];
        let hidden = stack.iter().any(|(h, _)| *h);
        if stack.iter().any(|(_, c)| *c) {
            if !hidden {
                note.push_str(&chunk);
            }
        } else if !hidden {
            text.push_str(&chunk);
        }
    }
    (text.split_whitespace().collect::<Vec<_>>().join(" "), notes.into_iter().filter(|n| !n.is_empty()).collect())
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

fn row_record(r: &Row) -> Vec<String> {
    let (head, mut notes) = plain(&r.head);
    let mut rec = vec![head];
    for c in &r.cells {
        let (t, n) = plain(&c.html);
        rec.push(if c.num { number(&t) } else { t });
        notes.extend(n);
    }
    rec.push(notes.join("；"));
    rec.into_iter().map(neutralised).collect()
}

/// The CSV of one table.
pub fn table_csv(t: &Table) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    let err = |e: csv::Error| Error::Render(format!("CSV {}: {e}", t.id));
    let mut header: Vec<String> = t.cols.iter().map(|c| neutralised(plain(c).0)).collect();
    header.push("核验提示".into());
    w.write_record(&header).map_err(err)?;
    for r in &t.rows {
        w.write_record(row_record(r)).map_err(err)?;
    }
    w.into_inner().map_err(|e| Error::Render(format!("CSV {}: {e}", t.id)))
}

/// What the CSV files of the page at `page_path` start with: nothing beside
/// an `index.html`, `<stem>-` beside a `<stem>.html`, so that pages sharing a
/// folder (`projects/a.html`, `projects/b.html`) keep their CSVs apart.
pub fn prefix(page_path: &str) -> String {
    let file = page_path.rsplit_once('/').map_or(page_path, |(_, f)| f);
    match file.strip_suffix(".html") {
        Some("index") | None => String::new(),
        Some(stem) => format!("{stem}-"),
    }
}

/// Every table of the sections, as CSV files beside the page at `page_path`.
pub fn pages_for(page_path: &str, sections: &[Section]) -> Result<Vec<Page>> {
    let dir = page_path.rsplit_once('/').map_or("", |(d, _)| d);
    let prefix = prefix(page_path);
    let mut out = vec![];
    for s in sections {
        for b in &s.blocks {
            let t = match b {
                Block::Table(t) | Block::Chart { table: t, .. } => t,
                Block::Prose(_) => continue,
            };
            let bytes = table_csv(t)?;
            let path = if dir.is_empty() { format!("{prefix}{}.csv", t.id) } else { format!("{dir}/{prefix}{}.csv", t.id) };
            out.push(Page { path, html: String::new(), bytes: Some(bytes) });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_keeps_the_figure_and_collects_the_note() {
        let html = "<span class=\"disputed error\"><span class=\"val\"><span class=src data-src=a:1>0.71%</span></span><span class=\"verify-note error\"><strong>核验提示</strong>：与计算不符，计算值 0.0719%（<a href=\"#check-0\">核验详情</a>）</span></span>";
        let (t, n) = plain(html);
        assert_eq!(t, "0.71%");
        assert_eq!(n, vec!["核验提示：与计算不符，计算值 0.0719%".to_string()]);
        let (t, _) = plain("<span class=\"computed\">1,200.00<sup aria-hidden=\"true\">*</sup><span class=\"sr-only\">（计算值）</span></span>");
        assert_eq!(number(&t), "1200.00");
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
