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
        let (field, message) = translate(e.message(), text, range);
        Diagnostic::new(map, span, Severity::Error, "E-PARSE", field, message)
    })
}

/// The key a value at `at` is written under: the name before the `=` on
/// its line (`amount = true` → `amount`), or the text at `at` itself when it
/// is a key (duplicate keys).
fn key_at(text: &str, range: std::ops::Range<usize>) -> String {
    let start = range.start.min(text.len());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..start];
    if let Some(eq) = before.rfind('=') {
        let key = before[..eq].trim_end();
        let from = key.rfind(|c: char| c.is_whitespace() || c == '{' || c == ',').map_or(0, |i| i + 1);
        return key[from..].trim_matches('"').to_string();
    }
    let end = range.end.min(text.len()).max(start);
    let here = text[start..end].trim();
    let here = here.split('=').next().unwrap_or("").trim();
    here.trim_matches('"').to_string()
}

/// Chinese names of the types serde and toml mention.
fn type_zh(s: &str) -> String {
    let s = s.trim();
    let words = [
        ("boolean", "布尔值"),
        ("integer", "整数"),
        ("floating point", "小数"),
        ("a string", "文字（带引号的字符串）"),
        ("string", "文字（带引号的字符串）"),
        ("a sequence", "数组 [ … ]"),
        ("sequence", "数组 [ … ]"),
        ("a map", "表 { … }"),
        ("map", "表 { … }"),
        ("u32", "非负整数"),
        ("u16", "非负整数"),
        ("struct", "表"),
        ("datetime", "日期时间"),
    ];
    let mut out = s.replace('`', "");
    for (en, zh) in words {
        if out.starts_with(en) {
            out = format!("{zh}{}", &out[en.len()..]);
            break;
        }
    }
    out
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
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
pub fn translate(msg: &str, text: &str, range: std::ops::Range<usize>) -> (String, String) {
    let msg = msg.trim();
    let key = key_at(text, range);
    if let Some(rest) = msg.strip_prefix("missing field") {
        let field = quoted(rest).unwrap_or("").to_string();
        return (field.clone(), format!("缺少必填字段 `{field}`"));
    }
    if let Some(rest) = msg.strip_prefix("unknown field") {
        let field = quoted(rest).unwrap_or("").to_string();
        let options = expected_list(msg).replace(", ", "、");
        return (field.clone(), format!("未知字段 `{field}`（拼写错误会让数字被悄悄丢掉，所以不允许）；可用字段：{options}"));
    }
    if msg.starts_with("unknown variant") {
        let value = quoted(msg).unwrap_or("");
        let options = expected_list(msg).replace(" or ", "、").replace(", ", "、");
        return (key, format!("不认识的取值 “{value}”；可选：{options}"));
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ").or_else(|| msg.strip_prefix("invalid value: ")) {
        let (got, want) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let want = if has_cjk(want) { want.to_string() } else { type_zh(want) };
        return (key, format!("取值不对：写的是 {}，应为 {want}", type_zh(got)));
    }
    if msg.starts_with("duplicate key") {
        return (key.clone(), format!("重复的键 `{key}`：同一个表里每个键只能写一次"));
    }
    if has_cjk(msg) {
        // Our own messages (a figure that is not a number …) are Chinese already.
        return (key, msg.to_string());
    }
    let what = if msg.contains("string") {
        "字符串没有闭合（缺少结束的引号）"
    } else if msg.contains("table") || msg.contains("array") {
        "表或数组的括号不完整"
    } else {
        "这一行无法解析（检查引号、方括号、逗号和等号是否成对、完整）"
    };
    (String::new(), format!("TOML 语法错误：{what}"))
}
