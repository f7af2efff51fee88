//! 待填 (to fill in): the marker `gongkai new year` and `gongkai new unit`
//! leave wherever the new year's figure or text is still to be written —
//! the TOML value `"待填"`, a whole number with the comment `# 待填` after
//! it (a count keeps last year's value), or a narrative line that is `待填`
//! alone. A figure written `"待填"` reads as not reported (so the file
//! still loads and every other check runs); each marker is an `E-TODO`
//! error naming its file:line and field, so `check` lists what remains and
//! `build` publishes nothing until it is done.

use toml_edit::{Item, Value};

use crate::check::{Code, Diagnostic, Severity};
use crate::source::{FileId, SourceMap, Span};

/// The marker (see the module doc).
pub const MARKER: &str = "待填";

/// One `E-TODO` per marker in the content files.
pub fn blanks(map: &SourceMap) -> Vec<Diagnostic> {
    let mut found = vec![];
    for id in 0..map.len() as FileId {
        let file = map.file(id);
        if !file.text.contains(MARKER) {
            continue;
        }
        let mut places = vec![];
        if file.display.ends_with(".toml") {
            if let Ok(doc) = toml_edit::Document::parse(file.text.as_str()) {
                walk_table(doc.as_table(), "", &mut places);
            }
        } else if file.display.ends_with(".md") {
            let mut at = 0;
            for line in file.text.split_inclusive('\n') {
                if line.trim() == MARKER {
                    places.push((at..at + line.len(), String::new()));
                }
                at += line.len();
            }
        }
        for (range, field) in places {
            // A value that is not the marker itself is a whole number kept
            // from last year: a place only with the marker as its line's comment.
            let kept = !file.text.get(range.clone()).is_some_and(|t| t.contains(MARKER));
            let comment = file.text.get(range.end..).and_then(|rest| rest.lines().next()).unwrap_or("").trim_start();
            if kept && !(comment.starts_with('#') && comment.contains(MARKER)) {
                continue;
            }
            let span = Span { file: id, start: range.start as u32, end: range.end as u32 };
            let what = if field.is_empty() { "这一段" } else { "这一项" };
            let message = if kept {
                format!("这一项还是上一年度的数，没有核对（整数写不成 \"{MARKER}\"，所以在行尾注释 “# {MARKER}”）：改成本年度的数，再删去行尾的 # {MARKER}")
            } else {
                format!("{what}还没有填写（“{MARKER}”）：换成实际的内容；数字原文未填报的写 \"-\"")
            };
            found.push(Diagnostic::new(map, span, Severity::Error, Code::Todo, field, message));
        }
    }
    found
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() { key.to_string() } else { format!("{path}.{key}") }
}

fn walk_table(table: &toml_edit::Table, path: &str, out: &mut Vec<(std::ops::Range<usize>, String)>) {
    for (key, item) in table.iter() {
        let here = join(path, key);
        match item {
            Item::Table(t) => walk_table(t, &here, out),
            Item::ArrayOfTables(a) => {
                for (i, t) in a.iter().enumerate() {
                    walk_table(t, &format!("{here}[{i}]"), out);
                }
            }
            Item::Value(v) => walk_value(v, &here, out),
            Item::None => {}
        }
    }
}

fn walk_value(value: &Value, path: &str, out: &mut Vec<(std::ops::Range<usize>, String)>) {
    match value {
        Value::String(s) if s.value() == MARKER => {
            if let Some(span) = value.span() {
                out.push((span, path.to_string()));
            }
        }
        // A whole number: a place when its line ends in `# 待填` (see `blanks`).
        Value::Integer(_) => {
            if let Some(span) = value.span() {
                out.push((span, path.to_string()));
            }
        }
        Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                walk_value(v, &format!("{path}[{i}]"), out);
            }
        }
        Value::InlineTable(t) => {
            for (key, v) in t.iter() {
                walk_value(v, &join(path, key), out);
            }
        }
        _ => {}
    }
}
