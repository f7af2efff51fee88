//! Parsing one TOML text into a model type, turning `toml` errors into
//! Chinese diagnostics that name file, line, column and field.

use std::sync::Arc;

use serde::de::DeserializeOwned;

use super::translate;
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
        let range = translate::error_range(e.message(), text, e.span().unwrap_or(0..0));
        let span = Span { file, start: (base + range.start) as u32, end: (base + range.end) as u32 };
        let (field, message) = translate::translate(e.message(), text, range);
        Diagnostic::new(map, span, Severity::Error, "E-PARSE", field, message)
    })
}
