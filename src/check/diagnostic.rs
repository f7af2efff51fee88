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
    /// The source line it is on, for the terminal (`check`, `build`): set
    /// when the diagnostic is made at a place in a text file. Not part of
    /// the JSON (which keeps its schema) and not shown on pages.
    #[serde(skip)]
    pub snippet: Option<Snippet>,
}

/// 源代码片段: the line a diagnostic points into and the characters it
/// points at, for [`Diagnostic::human`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// The line as written (without its line break).
    pub text: String,
    /// Characters before the place on the line.
    pub before: usize,
    /// Characters pointed at (at least one caret is drawn).
    pub width: usize,
}

impl Snippet {
    /// The snippet of `span` in a loaded text file (none in a workbook's
    /// cell listing, which is not what the author wrote).
    fn of(map: &SourceMap, span: Span) -> Option<Snippet> {
        if (span.file as usize) >= map.len() {
            return None;
        }
        let file = map.file(span.file);
        if crate::source::is_workbook(&file.display) || crate::source::is_csv(&file.display) {
            return None;
        }
        let text = &file.text;
        let mut start = (span.start as usize).min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = text[line_start..line_end].trim_end_matches('\r');
        let end = (span.end as usize).clamp(start, line_start + line.len());
        let pointed = text.get(start..end).unwrap_or("");
        Some(Snippet { text: line.to_string(), before: text[line_start..start].chars().count(), width: pointed.chars().count() })
    }

    /// The line, then a caret under the place and `label`, indented past a
    /// gutter holding the line number (as compilers print it). Columns are
    /// counted in display width (a Chinese character takes two).
    pub fn render(&self, line: u32, label: &str) -> String {
        use unicode_width::UnicodeWidthChar;
        let shown = |c: char| {
            if c == '\t' {
                4
            } else if c.is_control() {
                1
            } else {
                c.width().unwrap_or(0)
            }
        };
        // Control characters (E-CONTROL-CHAR) are shown as �, never sent to the terminal.
        let text: String = self
            .text
            .chars()
            .map(|c| match c {
                '\t' => "    ".to_string(),
                c if c.is_control() => "\u{fffd}".to_string(),
                c => c.to_string(),
            })
            .collect();
        let pad: usize = self.text.chars().take(self.before).map(shown).sum();
        let carets: usize = self.text.chars().skip(self.before).take(self.width).map(shown).sum::<usize>().max(1);
        let gutter = line.to_string().len();
        let blank = " ".repeat(gutter);
        format!("{blank} |\n{line} | {text}\n{blank} | {}{} {label}", " ".repeat(pad), "^".repeat(carets))
    }
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
            snippet: Snippet::of(map, span),
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
            snippet: None,
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

    /// `file:line:column: 错误[code] 字段 field: message` (`file!sheet!cell: …`
    /// in a workbook), then, for a place in a text file, the source line
    /// with a caret under the place and a short label ([`Snippet::render`]).
    pub fn human(&self) -> String {
        let field = if self.field.is_empty() { String::new() } else { format!(" 字段 {}:", self.field) };
        let head = format!("{}: {}[{}]{} {}", self.place(), self.severity.label(), self.code, field, self.message);
        match &self.snippet {
            Some(snippet) => format!("{head}\n{}\n", snippet.render(self.line, &self.label())),
            None => head,
        }
    }

    /// The label under the caret: the value computed for a figure, else
    /// what is wrong in a few words (the message up to its first colon).
    fn label(&self) -> String {
        if let Some(computed) = &self.computed {
            return format!("按计算应为 {computed}");
        }
        let what = self.message.split(['：', '；']).next().unwrap_or("");
        if what.chars().count() <= 40 { what.to_string() } else { format!("{}…", what.chars().take(39).collect::<String>()) }
    }
}
