//! Recognising one sheet as one of the nine 部门决算公开表: the kind by its
//! title (the sheet name, else a title in the rows above the header), the
//! header rows by their text, each column by its heading (科目编码 or
//! 类/款/项, 科目名称/项目, and the kind's column titles such as 本年收入合计),
//! then the rows down to a note (`注：…`).
//! What a single cell says (numbers, codes, levels) is in [`super::cells`];
//! the landscape 三公 table in [`super::landscape`].

use super::cells::{code_from, column_decimals, indent_level};
pub use super::cells::{figure, is_note, normalise, note_text};
use super::grid::{Cell, Sheet};
use crate::check::Code;
use crate::number::Figure;
use crate::reports::final_accounts::tables::model::{Column, Row, Table, TableKind, code_level, is_total_name};
use crate::reports::final_accounts::tables::toml::{finish_part, layout};
use crate::source::{FileId, Span};

/// The kind a title names (most specific first: 财政拨款收入支出决算总表 before 收入支出决算总表).
pub fn kind_of(title: &str) -> Option<TableKind> {
    let t = normalise(title);
    let has = |s: &str| t.contains(s);
    Some(if has("三公") {
        TableKind::ThreePublic
    } else if has("政府性基金预算财政拨款") {
        TableKind::GovernmentFund
    } else if has("国有资本经营预算财政拨款") {
        TableKind::StateCapital
    } else if has("基本支出决算") {
        TableKind::Basic
    } else if has("一般公共预算财政拨款支出决算") {
        TableKind::GeneralBudget
    } else if has("财政拨款收入支出决算总表") {
        TableKind::Appropriation
    } else if has("收入支出决算总表") {
        TableKind::Summary
    } else if has("收入决算表") {
        TableKind::Income
    } else if has("支出决算表") {
        TableKind::Expenditure
    } else {
        return None;
    })
}

/// The table number in a title (`公开05表`, `财决08-1表`).
fn number_in(title: &str) -> Option<String> {
    let t = normalise(title);
    for prefix in ["公开", "财决"] {
        let mut from = 0;
        while let Some(i) = t[from..].find(prefix).map(|i| i + from) {
            let rest = &t[i + prefix.len()..];
            let digits: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == '-').collect();
            if !digits.is_empty() && rest[digits.len()..].starts_with('表') {
                return Some(format!("{prefix}{digits}表"));
            }
            from = i + prefix.len();
        }
    }
    None
}

/// What a sheet column is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    /// 科目编码 in one column.
    Code,
    /// One of 类 / 款 / 项.
    CodePart,
    /// 科目名称 / 项目.
    Name,
    /// 行次 / 栏次: ignored.
    LineNo,
    /// A figure column: index into the part's columns.
    Figure(usize),
}

/// Words that make a row a header row besides the kind's column titles.
const HEADINGS: &[&str] = &["科目编码", "科目名称", "项目", "类", "款", "项", "行次", "栏次", "核验提示", "收入", "支出", "金额", "决算数", "功能分类科目编码"];

/// Does a heading (the texts of a column's header rows, joined) name `column`?
fn names_column(heading: &str, column: &Column) -> bool {
    let h = heading.replace("小计", "合计");
    let t = column.title;
    h.ends_with(t)
        || (t == "决算数" && (h.ends_with("金额") || h.ends_with("决算")))
        || (t.ends_with("合计") && h == "合计")
        || h.ends_with(&format!("{t}支出"))
}

/// The role of a column from its heading pieces (top to bottom), for the
/// part's columns `columns`.
fn role(pieces: &[String], columns: &[Column]) -> Option<Role> {
    let last = pieces.last()?;
    let joined: String = pieces.concat();
    if last == "行次" || last == "栏次" || last == "核验提示" {
        return Some(Role::LineNo);
    }
    if ["类", "款", "项"].contains(&last.as_str()) {
        return Some(Role::CodePart);
    }
    if last.ends_with("编码") || last.ends_with("代码") {
        return Some(Role::Code);
    }
    // The longest title that names it (合计 must not take 本年收入合计).
    let best = columns.iter().enumerate().filter(|(_, c)| names_column(&joined, c)).max_by_key(|(_, c)| c.title.chars().count());
    if let Some((i, _)) = best {
        return Some(Role::Figure(i));
    }
    if last.ends_with("名称") || last.ends_with("项目") || last == "科目" {
        return Some(Role::Name);
    }
    None
}

/// Is row `r` the 栏次 row (`栏次 | | 1 | 2 | 3`) under a header?
fn line_numbers(sheet: &Sheet, r: u32) -> bool {
    first_text(sheet, r).is_some_and(|c| matches!(normalise(&c.text).as_str(), "栏次" | "行次"))
}

/// The first non-empty text of a row.
fn first_text(sheet: &Sheet, row: u32) -> Option<&Cell> {
    sheet.row(row).map(|(_, c)| c).find(|c| !c.text.trim().is_empty())
}

/// Report a problem at a byte offset of the listing.
pub type Report<'a> = dyn FnMut(usize, Code, String) + 'a;

/// The table on `sheet`, or `None` (with the problem reported) when it is
/// not one of the nine or cannot be read.
pub fn table(sheet: &Sheet, file: FileId, report: &mut Report) -> Option<Table> {
    let rows = sheet.rows();
    // The kind: the sheet name, else a title in the first rows.
    let early: Vec<&Cell> = rows.iter().take(6).flat_map(|&r| sheet.row(r).map(|(_, c)| c)).collect();
    let titled = kind_of(&sheet.name).map(|k| (k, None)).or_else(|| early.iter().find_map(|c| kind_of(&c.text).map(|k| (k, Some(c.text.trim().to_string())))));
    let Some((kind, title_cell)) = titled else {
        report(sheet.at, Code::Sheet, format!("工作表“{}”认不出是九张部门决算公开表中的哪一张（表名和前几行都没有表题），未读取", sheet.name));
        return None;
    };
    let title = title_cell.or_else(|| early.iter().find(|c| kind_of(&c.text) == Some(kind)).map(|c| c.text.trim().to_string()));
    let number = number_in(&sheet.name).or_else(|| early.iter().find_map(|c| number_in(&c.text)));
    let parts = layout(kind);
    if kind == TableKind::ThreePublic
        && let Some(read) = super::landscape::three_public(sheet, file, parts[0].2, report)
    {
        let (rows, note) = read.ok()?;
        return Some(finish(kind, number, title, note, vec![rows]));
    }
    let all_titles: Vec<&str> = parts.iter().flat_map(|(_, _, cols)| cols.iter().map(|c| c.title)).collect();
    let is_heading = |t: &str| {
        let t = normalise(t);
        HEADINGS.contains(&t.as_str()) || all_titles.iter().any(|h| t == *h || t.ends_with(h)) || t.ends_with("名称") || t.ends_with("编码")
    };
    // Header rows: from the first row with a heading, while rows are headings or 栏次.
    let Some(start) = rows.iter().position(|&r| sheet.row(r).any(|(_, c)| is_heading(&c.text) && kind_of(&c.text).is_none())) else {
        report(sheet.at, Code::Workbook, format!("工作表“{}”（{}）找不到表头：应有“科目名称”或“项目”等列标题", sheet.name, kind.standard_title()));
        return None;
    };
    let mut end = start;
    while end + 1 < rows.len() {
        let r = rows[end + 1];
        let line_no = line_numbers(sheet, r);
        let merged_down = sheet.merges.iter().any(|m| m.start.0 <= rows[end] && m.end.0 >= r && m.start.0 >= rows[start]);
        if line_no || merged_down || sheet.row(r).all(|(_, c)| is_heading(&c.text)) {
            end += 1;
        } else {
            break;
        }
    }
    let header_rows = &rows[start..=end];
    // Each column's heading pieces, top to bottom (merged headings counted once).
    let heading = |col: u32| -> Vec<String> {
        let mut pieces: Vec<String> = vec![];
        for &r in header_rows.iter().filter(|&&r| !line_numbers(sheet, r)) {
            if let Some(c) = sheet.shown(r, col) {
                let t = normalise(&c.text);
                if !t.is_empty() && pieces.last() != Some(&t) {
                    pieces.push(t);
                }
            }
        }
        pieces
    };
    let columns = sheet.columns();
    // Groups: each name column with the code columns just before it.
    let any_part: Vec<Column> = parts.iter().flat_map(|(_, _, c)| c.iter().copied()).collect();
    let mut roles: Vec<(u32, Option<Role>, Vec<String>)> = columns.iter().map(|&c| (c, role(&heading(c), &any_part), heading(c))).collect();
    let names: Vec<usize> = roles.iter().enumerate().filter(|(_, (_, r, _))| *r == Some(Role::Name)).map(|(i, _)| i).collect();
    if names.is_empty() {
        report(sheet.at, Code::Workbook, format!("工作表“{}”（{}）的表头里没有“科目名称”或“项目”列", sheet.name, kind.standard_title()));
        return None;
    }
    let mut group_starts: Vec<usize> = names
        .iter()
        .map(|&n| {
            let mut s = n;
            while s > 0 && matches!(roles[s - 1].1, Some(Role::Code | Role::CodePart)) {
                s -= 1;
            }
            s
        })
        .collect();
    group_starts[0] = 0;
    let two_sided = parts.len() == 2;
    // One side of a two-sided table on its own (a downloaded （收入） or （支出） part).
    let side = (two_sided && names.len() == 1).then(|| one_side(&sheet.name, &early)).flatten();
    if two_sided && names.len() < 2 && side.is_none() {
        report(sheet.at, Code::Workbook, format!("工作表“{}”（{}）应有收入和支出两组“项目”列，只找到一组", sheet.name, kind.standard_title()));
        return None;
    }
    // Each column's figure role within its own part.
    let group_of = |i: usize| group_starts.iter().rposition(|&s| s <= i).unwrap_or(0);
    let part_of = |g: usize| match side {
        Some(s) => s,
        None if two_sided => g.min(1),
        None => 0,
    };
    for (i, (_, r, pieces)) in roles.iter_mut().enumerate() {
        if matches!(r, Some(Role::Figure(_))) {
            *r = role(pieces, parts[part_of(group_of(i))].2);
        }
    }
    let mut ok = true;
    for (i, (col, r, pieces)) in roles.iter().enumerate() {
        if r.is_none() && !pieces.is_empty() {
            let at = header_rows.iter().rev().find_map(|&hr| sheet.shown(hr, *col)).map_or(sheet.at, |c| c.range.start);
            let cols: Vec<&str> = parts[part_of(group_of(i))].2.iter().map(|c| c.title).collect();
            report(
                at,
                Code::Workbook,
                format!("表头“{}”认不出：{}的列应是 科目编码（或 类/款/项）、科目名称、{}", pieces.concat(), kind.standard_title(), cols.join("、")),
            );
            ok = false;
        }
    }
    let data_from = header_rows[header_rows.len() - 1] + 1;
    // A merged range over a figure column below the header.
    for m in sheet.merges.iter().filter(|m| m.start.0 >= data_from) {
        if roles.iter().any(|(c, r, _)| matches!(r, Some(Role::Figure(_))) && (m.start.1..=m.end.1).contains(c)) {
            report(m.at, Code::Workbook, format!("合并单元格 {} 跨过数字列：每个数字应各占一个单元格，请取消合并", m.name));
            ok = false;
        }
    }
    let mut part_rows: Vec<Vec<Row>> = parts.iter().map(|_| vec![]).collect();
    let mut note: Vec<String> = vec![];
    for &r in rows.iter().filter(|&&r| r >= data_from) {
        if !note.is_empty() || first_text(sheet, r).is_some_and(|c| is_note(&c.text)) {
            note.extend(sheet.row(r).map(|(_, c)| c.text.trim().to_string()).filter(|t| !t.is_empty()));
            continue;
        }
        for (g, &name_i) in names.iter().enumerate() {
            let end_i = group_starts.get(g + 1).copied().unwrap_or(roles.len());
            let group = &roles[group_starts[g]..end_i];
            let (_, _, cols) = parts[part_of(g)];
            match group_row(sheet, r, group, roles[name_i].0, cols, file, report) {
                Ok(Some(row)) => part_rows[part_of(g)].push(row),
                Ok(None) => {}
                Err(()) => ok = false,
            }
        }
    }
    if !ok {
        return None;
    }
    Some(finish(kind, number, title, note_text(&note), part_rows))
}

/// The table of `kind` from the rows read for each of its parts.
fn finish(kind: TableKind, number: Option<String>, title: Option<String>, note: Option<String>, part_rows: Vec<Vec<Row>>) -> Table {
    let parts = layout(kind)
        .into_iter()
        .zip(part_rows)
        .map(|((heading, key, cols), mut rows)| {
            column_decimals(&mut rows);
            finish_part(heading, key, cols, rows)
        })
        .collect();
    let title = title.map(|t| bare_title(&t, number.as_deref())).filter(|t| !t.is_empty());
    Table { kind, number, title: title.unwrap_or_else(|| kind.standard_title().into()), note, parts }
}

/// The side a sheet of a two-sided table holds alone, from `（收入）` /
/// `（支出）` in its name or first rows: 0 = 收入, 1 = 支出.
fn one_side(name: &str, early: &[&Cell]) -> Option<usize> {
    std::iter::once(name).chain(early.iter().map(|c| c.text.as_str())).find_map(|t| {
        let t = normalise(t);
        if t.contains("（收入）") || t.contains("(收入)") {
            Some(0)
        } else if t.contains("（支出）") || t.contains("(支出)") {
            Some(1)
        } else {
            None
        }
    })
}

/// A title cell without the table number written in it and without a
/// side (`公开01表 收入支出决算总表（收入）` → `收入支出决算总表`).
fn bare_title(title: &str, number: Option<&str>) -> String {
    let mut t = title.trim().to_string();
    if let Some(n) = number {
        t = t.strip_prefix(n).map_or(t.clone(), |rest| rest.trim().to_string());
    }
    for side in ["（收入）", "（支出）", "(收入)", "(支出)"] {
        t = t.strip_suffix(side).map_or(t.clone(), |rest| rest.trim().to_string());
    }
    t
}

/// One row of one group (code, name, figures), `None` when it is blank.
fn group_row(
    sheet: &Sheet,
    r: u32,
    group: &[(u32, Option<Role>, Vec<String>)],
    name_col: u32,
    cols: &[Column],
    file: FileId,
    report: &mut Report,
) -> Result<Option<Row>, ()> {
    let span = |c: &Cell| Span { file, start: c.range.start as u32, end: c.range.end as u32 };
    let code_pieces: Vec<String> = group
        .iter()
        .filter(|(_, role, _)| matches!(role, Some(Role::Code | Role::CodePart)))
        .map(|(c, _, _)| sheet.own(r, *c).map(|x| normalise(&x.text)).unwrap_or_default())
        .collect();
    let name_cell = sheet.shown(r, name_col);
    let mut name = name_cell.map(|c| c.text.trim().to_string()).unwrap_or_default();
    let code = code_from(&code_pieces);
    if code.is_none() && name.is_empty() {
        // A merged 合计 written in the code column.
        if let Some(t) = group.iter().filter(|(_, role, _)| matches!(role, Some(Role::Code | Role::CodePart))).find_map(|(c, _, _)| sheet.shown(r, *c)) {
            name = t.text.trim().to_string();
        }
    }
    let mut cells: Vec<Option<Figure>> = vec![None; cols.len()];
    let mut ok = true;
    let mut any = false;
    let mut row_span = name_cell.map(span);
    for (c, role, pieces) in group {
        let Some(cell) = sheet.own(r, *c) else { continue };
        match role {
            Some(Role::Figure(i)) => match figure(&cell.text) {
                Ok(value) => {
                    any = true;
                    row_span.get_or_insert(span(cell));
                    let text = normalise(&cell.text).replace(',', "");
                    cells[*i] = Some(Figure { value, text, span: span(cell) });
                }
                Err(why) => {
                    report(cell.range.start, Code::Workbook, why);
                    ok = false;
                }
            },
            // A heading that is not recognised is reported once, at the heading.
            None if pieces.is_empty() && !cell.text.trim().is_empty() && *c != name_col => {
                report(cell.range.start, Code::Workbook, format!("“{}”所在的列没有认得出的表头，不知道它是哪一列的数字", cell.text.trim()));
                ok = false;
            }
            _ => {}
        }
    }
    if !ok {
        return Err(());
    }
    if name.is_empty() && code.is_none() && !any {
        return Ok(None);
    }
    let level = code.as_deref().and_then(code_level).unwrap_or_else(|| indent_level(name_cell.map_or("", |c| c.text.as_str())));
    let total = code.is_none() && is_total_name(&name);
    Ok(Some(Row { code, name, level, total, cells, span: row_span.unwrap_or(Span { file, start: 0, end: 0 }) }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Seeded random sheets (titles, headings, codes, names, numbers, text,
    /// merges anywhere) never panic: each gives a table or diagnostics.
    #[test]
    fn random_sheets_never_panic() {
        let words = [
            "收入决算表",
            "支出决算表",
            "收入支出决算总表",
            "“三公”经费",
            "公开05表",
            "项目",
            "科目编码",
            "科目名称",
            "类",
            "款",
            "项",
            "栏次",
            "行次",
            "收入",
            "支出",
            "本年收入合计",
            "合计",
            "基本支出",
            "项目支出",
            "决算数",
            "预算数",
            "小计",
            "注：空表",
            "201",
            "20101",
            "2010101",
            "01",
            "1,234.56",
            "１２．５",
            "-",
            "—",
            "约12",
            "#DIV/0!",
            "0",
            "-3.50",
            "\u{3000}其中",
            "编制单位：某",
            "单位：万元",
            "9999999999999999",
        ];
        let mut rng = fastrand::Rng::with_seed(20261201);
        for _ in 0..400 {
            let mut text = String::from("表!\t工作表\n");
            for _ in 0..rng.usize(0..4) {
                let (r, c) = (rng.u32(0..12), rng.u32(0..8));
                text.push_str(&format!("表!{}:{}\t合并\n", super::super::cell_ref(r, c), super::super::cell_ref(r + rng.u32(0..3), c + rng.u32(0..3))));
            }
            let mut cells: Vec<(u32, u32)> = (0..rng.usize(0..60)).map(|_| (rng.u32(0..14), rng.u32(0..8))).collect();
            cells.sort_unstable();
            cells.dedup();
            for (r, c) in cells {
                text.push_str(&format!("表!{}\t{}\n", super::super::cell_ref(r, c), words[rng.usize(0..words.len())]));
            }
            for sheet in super::super::grid::sheets(&text) {
                let mut problems = 0;
                let got = table(&sheet, 0, &mut |at, _, _| {
                    assert!(at <= text.len());
                    problems += 1;
                });
                assert!(got.is_some() || problems > 0, "a sheet read as nothing says why:\n{text}");
            }
        }
    }

    #[test]
    fn titles_name_their_kind_most_specific_first() {
        assert_eq!(kind_of("Z03 收入决算表(财决03表)"), Some(TableKind::Income));
        assert_eq!(kind_of("财政拨款收入支出决算总表"), Some(TableKind::Appropriation));
        assert_eq!(kind_of("收入支出决算总表"), Some(TableKind::Summary));
        assert_eq!(kind_of("Z08_1 一般公共预算财政拨款基本支出决算明细表(财决08-"), Some(TableKind::Basic));
        assert_eq!(kind_of("财政拨款\"三公\"经费支出决算表"), Some(TableKind::ThreePublic));
        assert_eq!(kind_of("编制单位：某街道"), None);
        assert_eq!(number_in("公开05表"), Some("公开05表".into()));
        assert_eq!(number_in("Z03 收入决算表(财决03表)"), Some("财决03表".into()));
    }
}
