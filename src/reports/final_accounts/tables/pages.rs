//! The 部门决算公开表 on the 部门决算 page: each table as an HTML table
//! (科目编码 shown, 款/项 indented by CSS class, 合计 rows marked), each
//! downloadable as CSV like every other table of the page.

use crate::derive::Shown;
use crate::number::Figure;
use crate::render::format::esc;
use crate::render::view::{Block, Cell, Figures, Fmt, Row, Subject, Table as ViewTable};

use super::Verdicts;
use super::model::{Part, Table, Tables};

/// The row header: code and name, indented by level (`lvl2`, `lvl3`); its
/// text (for the CSV and the search index) is `code name`.
fn head(row: &super::model::Row) -> Cell {
    let code = row.code.as_deref().map(|c| format!("<span class=\"code\">{}</span> ", esc(c))).unwrap_or_default();
    let html = format!("<span class=\"lvl{}\">{code}{}</span>", row.level, esc(row.name.trim()));
    let text = match row.code.as_deref() {
        Some(c) => format!("{c} {}", row.name.trim()),
        None => row.name.trim().to_string(),
    };
    let subject = Subject { code: row.code.clone(), name: row.name.trim().to_string(), level: row.level };
    Cell { subject: Some(subject), ..Cell::markup(html, text) }
}

/// A cell as shown: as written, with the verdict of any check that disputes it.
fn shown(cell: Option<&Figure>, verdicts: &Verdicts) -> Shown {
    match cell {
        Some(f) => Shown { verdict: verdicts.of(f.span), ..Shown::stated(f) },
        None => Shown::not_reported(),
    }
}

/// One part of a table as a page table.
fn part_table(t: &Table, p: &Part, figures: &Figures, verdicts: &Verdicts, unit: &str) -> ViewTable {
    let side = p.heading.map(|h| format!("（{h}）")).unwrap_or_default();
    let id = match p.heading {
        Some(_) => format!("table-{}-{}", t.kind.key().replace('_', "-"), p.key),
        None => format!("table-{}", t.kind.key().replace('_', "-")),
    };
    let number = t.number.as_deref().map(|n| format!("{} ", esc(n))).unwrap_or_default();
    let mut cols = vec!["项目".to_string()];
    cols.extend(p.columns.iter().map(|c| c.title.to_string()));
    let rows = p
        .rows
        .iter()
        .map(|r| Row { head: head(r), cells: r.cells.iter().map(|c| figures.cell(&shown(c.as_ref(), verdicts), Fmt::Money)).collect(), total: r.total })
        .collect();
    ViewTable { id, caption: format!("{number}{}{side}（单位：{unit}）", esc(&t.title)), cols, rows }
}

/// The blocks of the 部门决算报表 section: each table (a two-sided table as
/// its 收入 and 支出 parts), with its note; an empty table shows its note only.
pub fn blocks(tables: &Tables, verdicts: &Verdicts, figures: &Figures, unit: &str) -> Vec<Block> {
    let mut out = vec![];
    if !tables.tables.is_empty() {
        out.push(Block::Prose(super::download::link(&figures.page_path().unwrap_or_default())));
    }
    for t in &tables.tables {
        if t.is_empty() {
            let number = t.number.as_deref().map(|n| format!("{} ", esc(n))).unwrap_or_default();
            let note = t.note.as_deref().map(esc).unwrap_or_else(|| "本表无数据。".into());
            out.push(Block::Prose(format!("<p><strong>{number}{}</strong>：{note}</p>", esc(&t.title))));
            continue;
        }
        for p in &t.parts {
            out.push(Block::Table(part_table(t, p, figures, verdicts, unit)));
        }
        if let Some(n) = &t.note {
            out.push(Block::Prose(format!("<p class=\"table-note\">{}</p>", esc(n))));
        }
    }
    out
}
