//! Parsing one TOML text into a model type, turning `toml` errors into
//! Chinese diagnostics that name file, line, column and field.

use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::check::{Diagnostic, Severity};
use crate::source::{with_source, FileId, SourceMap, Span};

/// Parse `text` (which starts at byte `base` of `file`) as `T`.
pub fn parse_toml<T: DeserializeOwned>(map: &SourceMap, file: FileId, text: &str, base: usize) -> Result<T, Diagnostic> {
    if text.trim().is_empty() {
        let span = Span { file, start: base as u32, end: base as u32 };
        return Err(Diagnostic::new(map, span, Severity::Error, "E-EMPTY", String::new(), "内容为空：此文件必须填写数据".into()));
    }
    let shared: Arc<str> = Arc::from(text);
    with_source(file, shared, base, || toml::from_str::<T>(text)).map_err(|e| {
        let range = e.span().unwrap_or(0..0);
        let span = Span { file, start: (base + range.start) as u32, end: (base + range.end) as u32 };
        let (field, message) = translate(e.message());
        Diagnostic::new(map, span, Severity::Error, "E-PARSE", field, message)
    })
}

/// Text between the first pair of backticks.
fn quoted(s: &str) -> Option<&str> {
    let a = s.find('`')? + 1;
    let b = s[a..].find('`')? + a;
    Some(&s[a..b])
}

/// The list after "expected one of" / "expected", without backticks.
fn expected_list(s: &str) -> String {
    s.split_once("expected one of ")
        .or_else(|| s.split_once("expected "))
        .map(|(_, rest)| rest.replace('`', ""))
        .unwrap_or_default()
}

/// Translate the `toml`/`serde` message into Chinese; returns (field, message).
pub fn translate(msg: &str) -> (String, String) {
    let msg = msg.trim();
    let field = quoted(msg).unwrap_or("").to_string();
    let text = if msg.starts_with("missing field") {
        format!("缺少必填字段 `{field}`")
    } else if msg.starts_with("unknown field") {
        format!("未知字段 `{field}`（拼写错误会让数字被悄悄丢掉，所以不允许）；可用字段：{}", expected_list(msg))
    } else if msg.starts_with("unknown variant") {
        format!("不认识的取值 `{field}`；可选：{}", expected_list(msg))
    } else if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (got, want) = rest.split_once(", expected ").unwrap_or((rest, ""));
        format!("类型不对：写的是 {got}，应为 {want}")
    } else if msg.starts_with("duplicate key") {
        format!("重复的键 `{field}`")
    } else {
        format!("TOML 格式错误：{msg}")
    };
    (field, text)
}
