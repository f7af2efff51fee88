//! One problem found in the content, with where it is and what was expected.
//! Printed for people (`file:line:column: 错误[code] 字段 …`) or as JSON.

use serde::Serialize;

use super::Code;
use crate::source::{SourceMap, Span};

/// 严重程度.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// 错误: the data cannot be published as it is.
    Error,
    /// 警告: e.g. 舍入差异, publishable but shown to reviewers.
    Warning,
}

impl Severity {
    /// The word shown to people: 错误 or 警告.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        }
    }
}

/// A diagnostic. Field names are the stable JSON schema of `check --format json`.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    /// What kind of problem ([`Code`]).
    pub code: Code,
    /// 错误 or 警告.
    pub severity: Severity,
    /// The content file, by its path inside the content folder (the
    /// terminal shows it as the user can open it).
    pub file: String,
    /// 1-based line in `file`.
    pub line: u32,
    /// 1-based column (in characters) in `file`.
    pub column: u32,
    /// The sheet and cell (`公开05表!D12`) when `file` is a workbook; the
    /// place is then shown as `file!sheet!cell`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// The field at fault (`general_budget.classes[1].share_pct`), or empty.
    pub field: String,
    /// The figure as stated, with its unit (`0.71%`), for figure checks.
    pub stated: Option<String>,
    /// The figure as computed, with its unit (`0.0719%`), for figure checks.
    pub computed: Option<String>,
    /// How it is computed, in words (`国防支出 ÷ 本年财政拨款支出 × 100`).
    pub formula: Option<String>,
    /// What is wrong, in plain Chinese.
    pub message: String,
    /// The same for the public pages when `message` names data files,
    /// fields or how to fix the data (those stay in `check` and in the
    /// reviewer view); read it with [`Diagnostic::public_message`]. Not
    /// part of the JSON.
    #[serde(skip)]
    pub plain: Option<String>,
    /// Its anchor on pages (`#fig-…` at the figure, `#check-…` in the
    /// 数据核验 table): a short hash of its file and its place among that
    /// file's diagnostics, so that it stays the same when other files gain
    /// or lose diagnostics and an incremental build leaves their pages
    /// alone. Set by [`number_anchors`]; not part of the JSON.
    #[serde(skip)]
    pub anchor: String,
}

/// The first 8 hex digits of the SHA-256 of the file's path.
fn file_tag(file: &str) -> String {
    crate::digest::sha256_hex(file.as_bytes())[..8].to_string()
}

/// Give every diagnostic its [`Diagnostic::anchor`].
pub fn number_anchors(diagnostics: &mut [Diagnostic]) {
    let mut seen: std::collections::HashMap<String, (String, usize)> = std::collections::HashMap::new();
    for d in diagnostics {
        let (tag, n) = seen.entry(d.file.clone()).or_insert_with(|| (file_tag(&d.file), 0));
        d.anchor = format!("{tag}-{n}");
        *n += 1;
    }
}

/// The anchor [`number_anchors`] will give diagnostic `i` (it depends only
/// on the diagnostics before it), for text made before checking ends (the
/// narrative's bound figures).
pub fn anchor_of(diagnostics: &[Diagnostic], i: usize) -> String {
    let file = &diagnostics[i].file;
    let n = diagnostics[..i].iter().filter(|d| &d.file == file).count();
    format!("{}-{n}", file_tag(file))
}

impl Diagnostic {
    /// A diagnostic at `span` of a loaded file.
    pub fn new(map: &SourceMap, span: Span, severity: Severity, code: Code, field: String, message: String) -> Self {
        let loc = map.locate(span);
        Diagnostic {
            code,
            severity,
            file: loc.file,
            line: loc.line,
            column: loc.column,
            cell: loc.cell,
            field,
            stated: None,
            computed: None,
            formula: None,
            message,
            plain: None,
            anchor: String::new(),
        }
    }

    /// A diagnostic about a whole file or a path (no span inside a file).
    pub fn at_path(path: String, code: Code, field: String, message: String) -> Self {
        Diagnostic {
            code,
            severity: Severity::Error,
            file: path,
            line: 1,
            column: 1,
            cell: None,
            field,
            stated: None,
            computed: None,
            formula: None,
            message,
            plain: None,
            anchor: String::new(),
        }
    }

    /// What is wrong as the public pages say it: plain Chinese without
    /// data files, field names or instructions to the publisher.
    pub fn public_message(&self) -> &str {
        self.plain.as_deref().unwrap_or(&self.message)
    }

    /// The same diagnostic with `plain` as its [public message](Diagnostic::public_message).
    pub fn with_plain(self, plain: String) -> Self {
        Diagnostic { plain: Some(plain), ..self }
    }

    /// Where it is: `file:line:column`, or `file!sheet!cell` in a workbook.
    pub fn place(&self) -> String {
        match &self.cell {
            Some(cell) => format!("{}!{cell}", self.file),
            None => format!("{}:{}:{}", self.file, self.line, self.column),
        }
    }

    /// `file:line:column: 错误[code] field: message` (`file!sheet!cell: …` in a workbook)
    pub fn human(&self) -> String {
        let field = if self.field.is_empty() { String::new() } else { format!(" 字段 {}:", self.field) };
        format!("{}: {}[{}]{} {}", self.place(), self.severity.label(), self.code, field, self.message)
    }
}
