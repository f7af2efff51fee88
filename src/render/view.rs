//! View types shared by page templates: breadcrumbs, the page frame, tables,
//! and figures rendered with their 核验提示.

use rust_decimal::Decimal;

use super::format::{esc, money, money2, percent};
use crate::check::{Diagnostic, Verdict};
use crate::derive::{Origin, Shown};

/// A breadcrumb: label and link (none for the current page).
pub struct Crumb {
    pub label: String,
    pub href: Option<String>,
}

/// What every page shares: where the site root is, title, breadcrumbs, footer.
pub struct Frame {
    /// Relative path to the site root ("", "../", "../../" …).
    pub root: String,
    pub title: String,
    pub site_title: String,
    pub crumbs: Vec<Crumb>,
    pub publisher: String,
    pub data_date: Option<String>,
    pub contact: Option<String>,
    pub footer_html: String,
    pub generator: String,
}

/// A table cell: HTML content, and whether it is a number (right-aligned).
pub struct Cell {
    pub html: String,
    pub num: bool,
}

impl Cell {
    pub fn text(s: &str) -> Cell {
        Cell { html: esc(s), num: false }
    }
    pub fn num(html: String) -> Cell {
        Cell { html, num: true }
    }
}

/// A table row: a row header and cells; `total` marks 合计/小计 rows.
pub struct Row {
    pub head: String,
    pub cells: Vec<Cell>,
    pub total: bool,
}

/// A data table with a caption that names the unit.
pub struct Table {
    pub id: String,
    pub caption: String,
    /// Column headers, the first one heading the row-header column.
    pub cols: Vec<String>,
    pub rows: Vec<Row>,
}

/// How a figure is formatted.
#[derive(Clone, Copy)]
pub enum Fmt {
    Money,
    Percent,
    /// Magnitude of a change (the word 增加/减少 carries the sign).
    MoneyAbs,
    PercentAbs,
}

/// Renders figures with their verification notes.
pub struct Figures<'a> {
    pub diagnostics: &'a [Diagnostic],
}

impl Figures<'_> {
    /// The figure as HTML: the value (stated as written, computed rounded),
    /// a marker when computed, and a visible 核验提示 when disputed.
    pub fn html(&self, s: &Shown, fmt: Fmt) -> String {
        let Some(v) = s.value else {
            return "<span class=\"nr\" title=\"原文未填报\">未填报</span>".to_string();
        };
        let stated = s.origin == Origin::Stated;
        let text = self.value_text(v, stated, fmt);
        let body = match s.origin {
            Origin::Computed => format!("<span class=\"computed\">{text}<sup aria-hidden=\"true\">*</sup><span class=\"sr-only\">（计算值）</span></span>"),
            _ => text,
        };
        match &s.verdict {
            Verdict::Ok => body,
            Verdict::Rounding { computed, diagnostic } | Verdict::Mismatch { computed, diagnostic } => {
                let error = matches!(s.verdict, Verdict::Mismatch { .. });
                let d = &self.diagnostics[*diagnostic];
                let computed_text = match fmt {
                    Fmt::Percent | Fmt::PercentAbs => format!("{}%", crate::number::round_half_up(*computed, 4).normalize()),
                    _ => money2(*computed),
                };
                let (cls, word) = if error { ("error", "与计算不符") } else { ("rounding", "舍入差异") };
                format!(
                    "<span class=\"disputed {cls}\" id=\"diag-{diagnostic}\">{body}<span class=\"verify-note {cls}\" role=\"note\"><strong>核验提示</strong>（{word}）：按 {} 计算为 {computed_text}。<span class=\"src\">{}:{}</span></span></span>",
                    esc(d.formula.as_deref().unwrap_or("")),
                    esc(&d.file),
                    d.line
                )
            }
        }
    }

    fn value_text(&self, v: Decimal, stated: bool, fmt: Fmt) -> String {
        match fmt {
            Fmt::Money if stated => money(v),
            Fmt::Money => money2(v),
            Fmt::MoneyAbs if stated => money(v.abs()),
            Fmt::MoneyAbs => money2(v.abs()),
            Fmt::Percent => percent(v, stated),
            Fmt::PercentAbs => percent(v.abs(), stated),
        }
    }
}
