//! Prose strings in the data (数据中的文字): TOML string values that are
//! sentences stating figures — a table's `text`, a tracking report's
//! `approval_text`, `adjustment_text` and `execution_text`, a project's
//! `goal_actual`, an indicator's `actual`, `note`, `rule`, `findings`,
//! `reasons`, a cost analysis part's `after` (表后的叙述) — scanned like a
//! narrative's body, each figure at its own file:line. `after` is also a
//! cost table's unit value (压减后 `"200元/人次"`): it is scanned only when it
//! is a sentence (has `，` or `。`). Names (`name`, `label`, `title`), formulas (`formula_text`)
//! and plans (`target`) are not claims and are not scanned.
//!
//! A string written inside a record (a table other than the file's top level:
//! a project, an indicator, a cost line) keeps that record, so that its
//! figures are first resolved against the record's own ([`super::scope`]).

use rust_decimal::Decimal;

use crate::model::document::{Document, Table, Value};
use crate::source::{FileId, SourceMap};

/// Keys whose string values are sentences to scan.
const KEYS: [&str; 14] = [
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
    "after",
];

/// Keys that hold a sentence or a unit value (`after`): scanned only when the string is a sentence.
const SENTENCE_ONLY: [&str; 1] = ["after"];

/// Is the string at `key` a sentence to scan?
fn scanned(map: &SourceMap, id: FileId, key: &str, span: &std::ops::Range<usize>) -> bool {
    KEYS.contains(&key) && (!SENTENCE_ONLY.contains(&key) || map.file(id).text.get(span.clone()).is_some_and(|t| t.contains(['，', '。'])))
}

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
        match &node.value {
            Value::Table(inner) => walk(map, (id, unit), inner, Some(inner), out),
            Value::Array(items) => {
                for n in items {
                    match &n.value {
                        Value::Table(inner) => walk(map, (id, unit), inner, Some(inner), out),
                        Value::String(_) if scanned(map, id, key, &n.span) => out.extend(raw(map, id, n.span.clone(), owner)),
                        _ => {}
                    }
                }
            }
            Value::String(_) if scanned(map, id, key, &node.span) => out.extend(raw(map, id, node.span.clone(), owner)),
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
