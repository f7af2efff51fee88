//! Prose strings in the data (数据中的文字): TOML string values that are
//! sentences stating figures — a table's `text`, a tracking report's
//! `approval_text`, `adjustment_text` and `execution_text`, a project's
//! `goal_actual`, an indicator's `actual`, `note`, `rule`, `findings`,
//! `reasons` — scanned like a narrative's body, each figure at its own
//! file:line. Names (`name`, `label`, `title`), formulas (`formula_text`)
//! and plans (`target`) are not claims and are not scanned.

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
}

/// Every prose string of a data file, in file order.
pub fn data_texts<'a>(map: &'a SourceMap, id: FileId, doc: &Document) -> Vec<DataText<'a>> {
    let mut out = vec![];
    walk(map, id, doc, &mut out);
    out.sort_by_key(|t| t.offset);
    out
}

fn walk<'a>(map: &'a SourceMap, id: FileId, t: &Table, out: &mut Vec<DataText<'a>>) {
    for (key, node) in &t.entries {
        let scanned = KEYS.contains(&key.as_str());
        match &node.value {
            Value::Table(inner) => walk(map, id, inner, out),
            Value::Array(items) => {
                for n in items {
                    match &n.value {
                        Value::Table(inner) => walk(map, id, inner, out),
                        Value::String(_) if scanned => out.extend(raw(map, id, n.span.clone())),
                        _ => {}
                    }
                }
            }
            Value::String(_) if scanned => out.extend(raw(map, id, node.span.clone())),
            _ => {}
        }
    }
}

/// The text of a string's span without its quotes (`"…"`, `'…'`, `"""…"""`, `'''…'''`).
fn raw(map: &SourceMap, id: FileId, span: std::ops::Range<usize>) -> Option<DataText<'_>> {
    let whole = map.file(id).text.get(span.clone())?;
    let quote = ["\"\"\"", "'''", "\"", "'"].into_iter().find(|q| whole.starts_with(q) && whole.len() >= 2 * q.len() && whole.ends_with(q))?;
    let text = &whole[quote.len()..whole.len() - quote.len()];
    Some(DataText { file: id, offset: span.start + quote.len(), text })
}
