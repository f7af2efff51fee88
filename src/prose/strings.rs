//! Prose strings in the data (数据中的文字): TOML string values that are
//! sentences stating figures — a table's `text`, a tracking report's
//! `approval_text`, `adjustment_text` and `execution_text`, a project's
//! `goal_actual`, an indicator's `actual`, `note`, `rule`, `findings`,
//! `reasons` — scanned like a narrative's body, each figure at its own
//! file:line. Names (`name`, `label`, `title`), formulas (`formula_text`)
//! and plans (`target`) are not claims and are not scanned.
//!
//! A string written inside a record (a table other than the file's top level:
//! a project, an indicator, a cost line) keeps that record, so that its
//! figures are first resolved against the record's own ([`super::scope`]).

use rust_decimal::Decimal;

use crate::model::document::{Document, Table, Value};
use crate::source::{FileId, SourceMap};

/// Keys whose string values are sentences to scan.
const KEYS: [&str; 13] = [
    "text",
    "approval_text",
    "adjustment_text",
    "execution_text",
    "goal_actual",
    "actual",
    "note",
    "notes",
    "rule",
    "finding",
    "findings",
    "reason",
    "reasons",
];

/// A sentence of a data file: its file, the byte offset of its text in the
/// file and the text as written there (between the quotes).
#[derive(Debug, Clone)]
pub struct DataText<'a> {
    /// The data file.
    pub file: FileId,
    /// Byte offset of `text` in the file.
    pub offset: usize,
    /// The string as written in the file, without its quotes.
    pub text: &'a str,
    /// The record the string is written in (not the file's top level), with
    /// how many 元 one of its amounts is (its or its file's `unit`).
    pub record: Option<(&'a Table, Option<Decimal>)>,
}

/// Every prose string of a data file, in file order.
pub fn data_texts<'a>(map: &'a SourceMap, id: FileId, doc: &'a Document) -> Vec<DataText<'a>> {
    let mut out = vec![];
    let unit = super::resolve::money_unit(doc).flatten();
    walk(map, (id, unit), doc, None, &mut out);
    out.sort_by_key(|t| t.offset);
    out
}

/// `record` is `t` itself when `t` is a record (`None` at a file's top level).
fn walk<'a>(map: &'a SourceMap, (id, unit): (FileId, Option<Decimal>), t: &'a Table, record: Option<&'a Table>, out: &mut Vec<DataText<'a>>) {
    let unit = super::resolve::money_unit(t).unwrap_or(unit);
    let owner = record.map(|r| (r, unit));
    for (key, node) in &t.entries {
        let scanned = KEYS.contains(&key.as_str());
        match &node.value {
            Value::Table(inner) => walk(map, (id, unit), inner, Some(inner), out),
            Value::Array(items) => {
                for n in items {
                    match &n.value {
                        Value::Table(inner) => walk(map, (id, unit), inner, Some(inner), out),
                        Value::String(_) if scanned => out.extend(raw(map, id, n.span.clone(), owner)),
                        _ => {}
                    }
                }
            }
            Value::String(_) if scanned => out.extend(raw(map, id, node.span.clone(), owner)),
            _ => {}
        }
    }
}

/// The text of a string's span without its quotes (`"…"`, `'…'`, `"""…"""`, `'''…'''`).
fn raw<'a>(map: &'a SourceMap, id: FileId, span: std::ops::Range<usize>, record: Option<(&'a Table, Option<Decimal>)>) -> Option<DataText<'a>> {
    let whole = map.file(id).text.get(span.clone())?;
    let quote = ["\"\"\"", "'''", "\"", "'"].into_iter().find(|q| whole.starts_with(q) && whole.len() >= 2 * q.len() && whole.ends_with(q))?;
    let text = &whole[quote.len()..whole.len() - quote.len()];
    Some(DataText { file: id, offset: span.start + quote.len(), text, record })
}
