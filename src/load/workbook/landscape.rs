//! The 财政拨款“三公”经费支出决算表 laid out landscape (横排), as the
//! reporting software exports it: one row of figures in 预算数/决算数 pairs,
//! each pair under its item's merged heading — 合计, 因公出国（境）费,
//! 公务用车购置及运行维护费 (its 小计, 公务用车购置费, 公务用车运行维护费),
//! 公务接待费. Read into the same rows as the portrait layout (`项目 | 预算数
//! | 决算数`, one item a row), items recognised by their heading text.

use super::grid::{Cell, Sheet};
use super::recognise::{Report, figure, is_note, kind_of, normalise, note_text};
use crate::check::Code;
use crate::number::Figure;
use crate::reports::final_accounts::tables::model::{Column, Row};
use crate::source::{FileId, Span};

/// The two figure headings of each item.
const PAIR: [&str; 2] = ["预算数", "决算数"];

/// The row holding only 预算数/决算数 headings (at least one pair), if the
/// sheet is laid out landscape.
fn pair_row(sheet: &Sheet) -> Option<u32> {
    sheet.rows().into_iter().find(|&r| {
        let texts: Vec<String> = sheet.row(r).map(|(_, c)| normalise(&c.text)).filter(|t| !t.is_empty()).collect();
        texts.len() >= 2 && texts.iter().all(|t| PAIR.contains(&t.as_str()))
    })
}

/// Is a text above the header a title line rather than an item heading
/// (the table title, 编制单位, 单位：万元, a table number)?
fn title_line(text: &str) -> bool {
    kind_of(text).is_some() || text.starts_with("编制单位") || text.starts_with("单位") || text.contains("三公") || text.ends_with('表')
}

/// An item (its name and level) from the headings above a 预算数/决算数
/// cell, top to bottom: `小计` under 公务用车购置及运行维护费 is that item;
/// 购置费 and 运行维护费 are its two level-2 items.
fn item(pieces: &[String]) -> Option<(String, u8)> {
    let last = pieces.last()?;
    let parent = pieces.len().checked_sub(2).map(|i| pieces[i].as_str());
    if last == "小计" || (last == "合计" && parent.is_some()) {
        return Some((parent?.to_string(), 1));
    }
    // 公务用车购置费, 公务用车运行维护费: under 公务用车购置及运行维护费
    // (named so in a CSV file, where merged headings are not repeated).
    if !last.contains("购置及运行维护") && (last.ends_with("购置费") || last.ends_with("运行维护费")) {
        let name = if last.starts_with("公务用车") { last.clone() } else { format!("公务用车{last}") };
        return Some((name, 2));
    }
    Some((last.clone(), 1))
}

/// A table's rows and its note (without `注：`).
pub type RowsAndNote = (Vec<Row>, Option<String>);

/// The rows and note of a landscape 三公 sheet, `None` when the sheet is not
/// laid out landscape (no row of 预算数/决算数 headings), `Some(Err(()))`
/// when a problem was reported. A data row whose cells are all blank or `-`
/// is an empty table (本表无数据).
pub fn three_public(sheet: &Sheet, file: FileId, cols: &[Column], report: &mut Report) -> Option<Result<RowsAndNote, ()>> {
    let header = pair_row(sheet)?;
    let span = |c: &Cell| Span { file, start: c.range.start as u32, end: c.range.end as u32 };
    let above: Vec<u32> = sheet.rows().into_iter().filter(|&r| r < header).collect();
    // Items in column order, each with its (预算数, 决算数) columns.
    let mut items: Vec<(String, u8, [Option<u32>; 2])> = vec![];
    let mut ok = true;
    for (col, cell) in sheet.row(header) {
        let mut pieces: Vec<String> = vec![];
        for &r in &above {
            let Some(c) = sheet.shown(r, col) else { continue };
            let t = normalise(&c.text);
            if !t.is_empty() && !title_line(&t) && pieces.last() != Some(&t) {
                pieces.push(t);
            }
        }
        // No heading above a 决算数 (a CSV file keeps a merged heading in its
        // first cell only): the item of the 预算数 to its left.
        let left = items.last().filter(|(_, _, pair)| pair[0] == col.checked_sub(1) && pair[1].is_none());
        let Some((name, level)) = item(&pieces).or_else(|| left.map(|(n, l, _)| (n.clone(), *l))) else {
            report(cell.range.start, Code::Workbook, format!("“三公”经费表横排的“{}”上方没有项目名（合计、因公出国（境）费、公务接待费等）", cell.text.trim()));
            ok = false;
            continue;
        };
        let which = usize::from(normalise(&cell.text) == PAIR[1]);
        let at = match items.iter().position(|(n, _, _)| *n == name) {
            Some(i) => i,
            None => {
                items.push((name, level, [None, None]));
                items.len() - 1
            }
        };
        items[at].2[which] = Some(col);
    }
    let column_of = |title: &str| cols.iter().position(|c| c.title == title);
    let (Some(budget), Some(actual)) = (column_of(PAIR[0]), column_of(PAIR[1])) else {
        return Some(Err(()));
    };
    let mut rows = vec![];
    let mut note: Vec<String> = vec![];
    let mut data_rows = 0;
    for r in sheet.rows().into_iter().filter(|&r| r > header) {
        let first = sheet.row(r).map(|(_, c)| c).find(|c| !c.text.trim().is_empty());
        if !note.is_empty() || first.is_some_and(|c| is_note(&c.text)) {
            note.extend(sheet.row(r).map(|(_, c)| c.text.trim().to_string()).filter(|t| !t.is_empty()));
            continue;
        }
        if first.is_some_and(|c| matches!(normalise(&c.text).as_str(), "栏次" | "行次")) {
            continue;
        }
        data_rows += 1;
        if data_rows > 1 {
            let at = first.map_or(sheet.at, |c| c.range.start);
            report(at, Code::Workbook, "横排的“三公”经费表只应有一行数字（各项的预算数、决算数），这里多了一行".into());
            ok = false;
            continue;
        }
        for (name, level, pair) in &items {
            let mut cells: Vec<Option<Figure>> = vec![None; cols.len()];
            let mut row_span = None;
            for (i, col) in [budget, actual].into_iter().zip(pair) {
                let Some(cell) = col.and_then(|c| sheet.own(r, c)) else { continue };
                match figure(&cell.text) {
                    Ok(value) => {
                        row_span.get_or_insert(span(cell));
                        let text = normalise(&cell.text).replace(',', "");
                        cells[i] = Some(Figure { value, text, span: span(cell) });
                    }
                    Err(why) => {
                        report(cell.range.start, Code::Workbook, why);
                        ok = false;
                    }
                }
            }
            let total = name == "合计";
            rows.push(Row { code: None, name: name.clone(), level: *level, total, cells, span: row_span.unwrap_or(Span { file, start: 0, end: 0 }) });
        }
    }
    if !ok {
        return Some(Err(()));
    }
    // A row of blanks and `-` only: the table has no figures.
    if rows.iter().all(|r| r.cells.iter().all(|c| c.as_ref().is_none_or(|f| f.value.is_none()))) {
        rows.clear();
    }
    Some(Ok((rows, note_text(&note))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_named_by_their_headings() {
        let p = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(item(&p(&["合计"])), Some(("合计".into(), 1)));
        assert_eq!(item(&p(&["公务用车购置及运行维护费", "小计"])), Some(("公务用车购置及运行维护费".into(), 1)));
        assert_eq!(item(&p(&["公务用车购置及运行维护费", "公务用车购置费"])), Some(("公务用车购置费".into(), 2)));
        assert_eq!(item(&p(&["公务用车购置及运行维护费", "运行维护费"])), Some(("公务用车运行维护费".into(), 2)));
        assert_eq!(item(&p(&["因公出国（境）费"])), Some(("因公出国（境）费".into(), 1)));
        assert_eq!(item(&p(&["公务用车购置费"])), Some(("公务用车购置费".into(), 2)));
        assert_eq!(item(&[]), None);
    }
}
