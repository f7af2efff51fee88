//! `gongkai import FILE --unit U --year Y`: a 部门决算工作簿 read with
//! `load::workbook` and written as the equivalent `[tables.*]` of
//! `units/U/Y/final-accounts.toml`, for publishers who prefer text.
//!
//! The TOML is written with toml_edit (one inline table per row, figures as
//! the literal decimals read, `"-"` where the sheet says 未填报 with a dash).
//! A file that exists is never overwritten: `import` prints which tables
//! would be added, replaced or removed and stops. With `--force` only the
//! `[tables]` part of the file is replaced; everything else in it (收支总计,
//! 情况说明, comments) stays as written. A workbook with errors writes nothing.

use std::path::{Path, PathBuf};

use toml_edit::{Array, DocumentMut, InlineTable, Item, Table as TomlTable, Value};

use crate::check::{Code, Diagnostic, Severity};
use crate::error::{Error, Result};
use crate::reports::final_accounts::tables::model::{Column, Row, Table, Tables};
use crate::source::SourceMap;

/// What `import` is asked to do.
pub struct ImportOptions {
    /// The workbook (`.xlsx`, `.xls`, `.ods`).
    pub file: PathBuf,
    /// The content folder.
    pub content: PathBuf,
    /// The unit's folder name (`putuo-shehui`).
    pub unit: String,
    /// The year (`2024`).
    pub year: String,
    /// Replace the `[tables]` of an existing file.
    pub force: bool,
}

/// What `import` did.
pub enum Outcome {
    /// The workbook has errors (in the diagnostics): nothing written.
    Rejected,
    /// The file was written: a new file, or its `[tables]` replaced (`--force`).
    Written(PathBuf),
    /// The file exists and already holds these tables: nothing to do.
    Unchanged(PathBuf),
    /// The file exists and would change (one line per table); nothing written.
    WouldChange(PathBuf, Vec<String>),
}

/// What `import` did and what it found in the workbook.
pub struct Imported {
    /// What was written, or why not.
    pub outcome: Outcome,
    /// The workbook's diagnostics (warnings such as `W-SHEET`, or the errors that stopped it).
    pub diagnostics: Vec<Diagnostic>,
}

/// A figure's literal text as a TOML value (`17.70` stays `17.70`); a
/// figure the sheet leaves as `-` is the string `"-"`.
fn literal(f: &crate::number::Figure) -> Value {
    match f.value {
        Some(v) => f.text.parse::<Value>().unwrap_or_else(|_| v.to_string().parse().unwrap_or_else(|_| Value::from(v.to_string()))),
        None => Value::from("-"),
    }
}

/// One row as an inline table: code, name, level (rows without a code
/// below the top), and the reported figures.
fn row_value(row: &Row, columns: &[Column]) -> Value {
    let mut t = InlineTable::new();
    if let Some(code) = &row.code {
        t.insert("code", Value::from(code.as_str()));
    }
    t.insert("name", Value::from(row.name.as_str()));
    if row.code.is_none() && row.level > 1 {
        t.insert("level", Value::from(i64::from(row.level)));
    }
    for (column, cell) in columns.iter().zip(&row.cells) {
        if let Some(f) = cell {
            t.insert(column.key, literal(f));
        }
    }
    let mut v = Value::InlineTable(t);
    v.decor_mut().set_prefix("\n  ");
    v
}

/// One table as `[tables.<kind>]`.
fn table_item(t: &Table) -> TomlTable {
    let mut out = TomlTable::new();
    if let Some(n) = &t.number {
        out.insert("number", Item::Value(Value::from(n.as_str())));
    }
    out.insert("title", Item::Value(Value::from(t.title.as_str())));
    if let Some(n) = &t.note {
        out.insert("note", Item::Value(Value::from(n.as_str())));
    }
    for p in t.parts.iter().filter(|p| !p.rows.is_empty()) {
        let mut rows = Array::new();
        for r in &p.rows {
            rows.push_formatted(row_value(r, &p.columns));
        }
        rows.set_trailing("\n");
        rows.set_trailing_comma(true);
        out.insert(p.key, Item::Value(Value::Array(rows)));
    }
    out
}

/// The tables as the `tables` item of a document (`[tables.<kind>]` each,
/// in published order, numbered from `position`).
fn tables_item(tables: &Tables, position: isize) -> Item {
    let mut parent = TomlTable::new();
    parent.set_implicit(true);
    for (i, t) in tables.tables.iter().enumerate() {
        let mut item = table_item(t);
        item.set_position(Some(position + i as isize));
        parent.insert(t.kind.key(), Item::Table(item));
    }
    Item::Table(parent)
}

/// The `[tables]` of a workbook as the text of a new `final-accounts.toml`.
pub fn tables_toml(tables: &Tables, source: &str) -> String {
    let mut doc = DocumentMut::new();
    doc.insert("tables", tables_item(tables, 0));
    let head = format!("# 由 gongkai import 从 {source} 导入的部门决算公开表。\n# 收支总计、情况说明等其余字段请照 docs/content-format.md 第 3.4 节补写。\n\n");
    format!("{head}{}", doc.to_string().trim_start())
}

/// Each table of `[tables]` as plain TOML values by kind (for comparing).
fn plain_tables(text: &str) -> std::collections::BTreeMap<String, toml::Value> {
    let parsed: toml::Table = toml::from_str(text).unwrap_or_default();
    match parsed.get("tables") {
        Some(toml::Value::Table(t)) => t.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        _ => Default::default(),
    }
}

/// What replacing the `[tables]` of `old` by those of `new` changes, one line per table.
fn changes(old: &str, new: &str) -> Vec<String> {
    let (a, b) = (plain_tables(old), plain_tables(new));
    let mut out = vec![];
    for (k, v) in &b {
        match a.get(k) {
            None => out.push(format!("[tables.{k}]：新增")),
            Some(o) if o != v => out.push(format!("[tables.{k}]：替换")),
            Some(_) => {}
        }
    }
    out.extend(a.keys().filter(|k| !b.contains_key(*k)).map(|k| format!("[tables.{k}]：删去（工作簿里没有这张表）")));
    out
}

/// `old` (a final-accounts.toml) with its `[tables]` replaced by `tables`;
/// everything else as written.
fn replace_tables(old: &str, tables: &Tables, path: &Path) -> Result<String> {
    let mut doc: DocumentMut = old.parse().map_err(|e| Error::Usage(format!("{} 不是有效的 TOML，无法替换其中的 [tables]：{e}", path.display())))?;
    // The comment above the first old table (or at the end of a file without tables) stays above the new ones.
    let first_old = doc.get("tables").and_then(Item::as_table).and_then(|t| {
        t.iter().filter_map(|(_, i)| i.as_table()).min_by_key(|t| t.position()).and_then(|t| t.decor().prefix()).and_then(|p| p.as_str()).map(str::to_string)
    });
    let comment = first_old.unwrap_or_else(|| doc.trailing().as_str().unwrap_or_default().to_string());
    doc.remove("tables");
    doc.set_trailing("");
    // After every table already in the file.
    let last = doc.as_table().iter().filter_map(|(_, item)| item.as_table().and_then(TomlTable::position)).max().unwrap_or(0);
    let mut item = tables_item(tables, last + 1);
    if let Some(first) = item.as_table_mut().and_then(|t| t.iter_mut().next()).and_then(|(_, i)| i.as_table_mut()) {
        first.decor_mut().set_prefix(comment);
    }
    doc.insert("tables", item);
    Ok(doc.to_string())
}

/// Is this a unit folder name (lower-case letters, digits, hyphens)?
fn is_slug(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Write `text` to `path` atomically (a temporary file beside it, renamed).
fn write_atomically(path: &Path, text: &str) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let err = |source: std::io::Error| Error::Write { path: path.to_path_buf(), source };
    std::fs::create_dir_all(dir).map_err(err)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(err)?;
    std::io::Write::write_all(&mut tmp, text.as_bytes()).map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}

/// Run `import` (see the module doc).
pub fn import(o: &ImportOptions) -> Result<Imported> {
    if !is_slug(&o.unit) {
        return Err(Error::Usage(format!("--unit “{}” 应是单位目录名：小写字母、数字、连字符", o.unit)));
    }
    if o.year.len() != 4 || !o.year.chars().all(|c| c.is_ascii_digit()) {
        return Err(Error::Usage(format!("--year “{}” 应是四位年份，如 2024", o.year)));
    }
    let display = o.file.file_name().map_or_else(|| o.file.display().to_string(), |n| n.to_string_lossy().into_owned());
    let rejected = |diagnostics| Ok(Imported { outcome: Outcome::Rejected, diagnostics });
    let text = match crate::load::workbook::listing(&o.file) {
        Ok(t) => t,
        Err(bad) => return rejected(vec![Diagnostic::at_path(display, Code::Workbook, String::new(), bad.message)]),
    };
    let mut map = SourceMap::new(o.file.parent().unwrap_or(Path::new(".")));
    let id = map.add(&o.file, text);
    let (tables, mut diagnostics) = crate::load::workbook::read(&map, &[id]);
    let tables = match tables {
        Some(t) if !t.tables.is_empty() => t,
        Some(_) => {
            diagnostics.push(Diagnostic::at_path(display, Code::Workbook, String::new(), "工作簿里没有认得出的部门决算公开表，未导入".into()));
            return rejected(diagnostics);
        }
        None => return rejected(diagnostics),
    };
    debug_assert!(diagnostics.iter().all(|d| d.severity != Severity::Error));
    let path = o.content.join("units").join(&o.unit).join(&o.year).join("final-accounts.toml");
    let outcome = if path.exists() {
        let old = std::fs::read_to_string(&path).map_err(|source| Error::Read { path: path.clone(), source })?;
        let new = replace_tables(&old, &tables, &path)?;
        let changed = changes(&old, &new);
        if changed.is_empty() {
            Outcome::Unchanged(path)
        } else if o.force {
            write_atomically(&path, &new)?;
            Outcome::Written(path)
        } else {
            Outcome::WouldChange(path, changed)
        }
    } else {
        write_atomically(&path, &tables_toml(&tables, &display))?;
        Outcome::Written(path)
    };
    Ok(Imported { outcome, diagnostics })
}
