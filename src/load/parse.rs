//! Parsing one TOML text into a model type, turning `toml` errors into
//! Chinese diagnostics that name file, line, column and field.

use std::sync::Arc;

use serde::de::DeserializeOwned;
use toml::de::{DeTable, DeValue};

use super::translate;
use crate::check::Code;
use crate::check::{Diagnostic, Severity};
use crate::source::{FileId, SourceMap, Span, with_source};

/// Parse `text` (which starts at byte `base` of `file`) as `T`.
pub fn parse_toml<T: DeserializeOwned>(map: &SourceMap, file: FileId, text: &str, base: usize) -> Result<T, Diagnostic> {
    if text.trim().is_empty() {
        let span = Span { file, start: base as u32, end: base as u32 };
        return Err(Diagnostic::new(map, span, Severity::Error, Code::Empty, String::new(), "内容为空：此文件必须填写数据".into()));
    }
    if let Some((range, c)) = escaped_control(text) {
        let span = Span { file, start: (base + range.start) as u32, end: (base + range.end) as u32 };
        return Err(Diagnostic::new(map, span, Severity::Error, Code::ControlChar, String::new(), super::files::control_message(c, 0)));
    }
    let shared: Arc<str> = Arc::from(text);
    with_source(file, shared, base, || toml::from_str::<T>(text)).map_err(|e| {
        let range = translate::error_range(e.message(), text, e.span().unwrap_or(0..0));
        let span = Span { file, start: (base + range.start) as u32, end: (base + range.end) as u32 };
        let (field, message) = translate::translate(e.message(), text, range.clone());
        let field = full_path(text, range.start, field, &message);
        Diagnostic::new(map, span, Severity::Error, Code::Parse, field, message)
    })
}

/// The field of a parse error by its full path (`general_budget.classes[3].share_pct`
/// rather than `share_pct`), when the text can be read as TOML; a missing
/// field is named inside the table that lacks it.
fn full_path(text: &str, at: usize, field: String, message: &str) -> String {
    let Some(path) = translate::path_at(text, at) else {
        // Not well-formed TOML: the table from the headers above.
        let table = translate::table_at(text, at);
        return if field.is_empty() || table.is_empty() || field.contains('.') { field } else { format!("{table}.{field}") };
    };
    if field.is_empty() || path == field || path.ends_with(&format!(".{field}")) {
        return if field.is_empty() { field } else { path };
    }
    if message.starts_with("缺少必填字段") && !path.is_empty() {
        return format!("{path}.{field}");
    }
    field
}

/// A control character written as an escape in a TOML string (`"\u0000"`,
/// `"\e"`): the raw text has none, so look at the decoded strings (keys
/// and values), and return the string's place and the character.
fn escaped_control(text: &str) -> Option<(std::ops::Range<usize>, char)> {
    if !text.contains('\\') {
        return None;
    }
    fn first(value: &toml::Spanned<DeValue<'_>>) -> Option<(std::ops::Range<usize>, char)> {
        let bad = |s: &str| s.chars().find(|&c| super::files::is_forbidden_control(c));
        match value.get_ref() {
            DeValue::String(s) => bad(s).map(|c| (value.span(), c)),
            DeValue::Array(items) => items.into_iter().find_map(first),
            DeValue::Table(table) => table.iter().find_map(|(k, v)| bad(k.get_ref()).map(|c| (k.span(), c)).or_else(|| first(v))),
            _ => None,
        }
    }
    let table = DeTable::parse(text).ok()?;
    let span = table.span();
    first(&toml::Spanned::new(span, DeValue::Table(table.into_inner())))
}

#[cfg(test)]
mod tests {
    use super::escaped_control;

    #[test]
    fn finds_control_characters_written_as_escapes() {
        assert_eq!(escaped_control("a = \"x\\u0000y\"\n"), Some((4..14, '\0')));
        assert_eq!(escaped_control("[t]\nb = [\"ok\", \"\\e[31m\"]\n").map(|(_, c)| c), Some('\u{1b}'));
        assert_eq!(escaped_control("\"k\\u0007\" = 1\n").map(|(r, _)| r), Some(0..9));
        assert_eq!(escaped_control("a = 'C:\\u0000'\nb = \"tab\\there\\n\"\n"), None);
    }
}
