//! The check-time pass over every text that pages render as Markdown: the
//! body of each narrative file, the header and footer partials, and every string of every TOML file (site
//! intro and footer, duties, glossary definitions, report texts and notes —
//! all of them, so that a field made Markdown later is covered too). Each is
//! held to the policy of [`crate::render::markdown`]: a refused link or
//! image address (`E-URL`) and nesting deeper than the limit (`E-NESTING`)
//! are reported at their file and line, before a build could publish them.
//! The same pass reports leftover template placeholders (`W-TEMPLATE`, see
//! [`super::template`]).

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{Checker, Code, Diagnostic, Severity};
use crate::render::markdown::problems;
use crate::source::{SourceMap, Span};

/// Check every Markdown text of every loaded file.
pub fn check_texts(map: &SourceMap, checker: &mut Checker) {
    for id in 0..map.len() as u32 {
        let file = map.file(id);
        let text = file.text.as_str();
        if file.display.ends_with(".md") {
            let partial = [crate::model::look::HEADER_FILE, crate::model::look::FOOTER_FILE].contains(&file.display.as_str());
            // A partial (`_header.md`, `_footer.md`) is Markdown alone, without front matter.
            let Some((front, at, body)) = crate::load::front_matter::split(text).or(partial.then_some(("", 0, text))) else { continue };
            check_toml(map, checker, id, front, at);
            let base = text.len() - body.len();
            // A comment (注释) is a note to the editors: not published, not checked.
            let body = &crate::load::front_matter::blank_comments(body);
            for p in problems(body) {
                let at = (base + p.offset()) as u32;
                report(map, checker, Span { file: id, start: at, end: at }, "正文", &p);
            }
            for (offset, found) in super::template::leftovers(body) {
                let at = (base + offset) as u32;
                leftover(map, checker, Span { file: id, start: at, end: at }, "正文", &found);
            }
        } else if file.display.ends_with(".toml") {
            check_toml(map, checker, id, text, 0);
        }
    }
}

fn report(map: &SourceMap, checker: &mut Checker, span: Span, field: &str, p: &crate::render::markdown::Problem) {
    let (code, message) = p.describe();
    checker.error(map, span, code, field, message);
}

fn leftover(map: &SourceMap, checker: &mut Checker, span: Span, field: &str, found: &str) {
    let message = format!("文本中留有模板占位符“{found}”：请换成实际内容（或删去）");
    checker.push(Diagnostic::new(map, span, Severity::Warning, Code::LeftoverPlaceholder, field.to_string(), message));
}

/// Every string of a TOML text that starts at byte `base` of file `id`.
fn check_toml(map: &SourceMap, checker: &mut Checker, id: u32, toml_text: &str, base: usize) {
    // The loader has parsed this text already; one that fails here was reported there.
    let Ok(doc) = DeTable::parse(toml_text) else { return };
    let mut strings = vec![];
    walk_table(doc.get_ref(), "", &mut strings);
    strings.sort_by_key(|(_, range, _)| range.start);
    for (field, range, value) in strings {
        for p in problems(value) {
            let at = base + line_in_literal(toml_text, range.clone(), value, p.offset());
            report(map, checker, Span { file: id, start: at as u32, end: at as u32 }, &field, &p);
        }
        for (offset, found) in super::template::leftovers(value) {
            let at = base + line_in_literal(toml_text, range.clone(), value, offset);
            leftover(map, checker, Span { file: id, start: at as u32, end: at as u32 }, &field, &found);
        }
    }
}

/// Where in the file the line holding byte `offset` of a string's value
/// starts: the literal's own start for its first line, else the start of
/// the line as many lines further down. A multi-line literal (`"""`, `'''`)
/// drops the newline right after its opening quotes, so its value's first
/// line is the literal's second.
fn line_in_literal(text: &str, literal: Range<usize>, value: &str, offset: usize) -> usize {
    let raw = &text[literal.clone()];
    let multi = raw.starts_with("\"\"\"") || raw.starts_with("'''");
    let skipped_newline = multi && (raw[3..].starts_with('\n') || raw[3..].starts_with("\r\n"));
    let lines = value.get(..offset).unwrap_or(value).matches('\n').count() + usize::from(skipped_newline);
    if lines == 0 {
        return literal.start;
    }
    raw.match_indices('\n').nth(lines - 1).map_or(literal.start, |(i, _)| literal.start + i + 1)
}

/// Every string value: (field path as written, its literal's byte range, the value).
type Strings<'a> = Vec<(String, Range<usize>, &'a str)>;

fn walk_table<'a>(t: &'a DeTable<'a>, path: &str, out: &mut Strings<'a>) {
    for (k, v) in t.iter() {
        let key = if path.is_empty() { k.get_ref().to_string() } else { format!("{path}.{}", k.get_ref()) };
        walk_value(v, key, out);
    }
}

fn walk_value<'a>(v: &'a Spanned<DeValue<'a>>, path: String, out: &mut Strings<'a>) {
    match v.get_ref() {
        DeValue::String(s) => out.push((path, v.span(), s.as_ref())),
        DeValue::Array(a) => a.iter().enumerate().for_each(|(i, x)| walk_value(x, format!("{path}[{i}]"), out)),
        DeValue::Table(t) => walk_table(t, &path, out),
        _ => {}
    }
}
