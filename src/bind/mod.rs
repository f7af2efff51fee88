//! Figures bound into narrative Markdown: `{{ final-accounts.expenditure.total | 万元 }}`
//! in a narrative file is replaced by the figure its unit/year's data states,
//! so prose can never disagree with the tables. References name a file of
//! the same unit/year (`final-accounts`, `tracking`, `evaluation`,
//! `projects/<slug>`, `cost/<slug>`) and a key path into it, where a list
//! element is picked by position (`items[0]`) or by its name
//! (`items[基本支出]`). An unknown reference is an `E-REFERENCE` with the
//! narrative's file:line and a “did you mean”. Runs after loading, before
//! derive, on the documents the loader parsed (`model::document`; no TOML
//! is parsed here). Binding leaves the Markdown body as written and sets the
//! narrative's typed [`Segment`]s (text, and each figure with its source,
//! verdict and diagnostic anchor); render alone turns them into HTML.

mod path;
pub mod suggest;

use rust_decimal::Decimal;

use crate::check::Checker;
use crate::check::Code;
use crate::model::bound::{BoundFigure, Segment, Verdict};
use crate::model::document::{Document, Value};
use crate::model::{Site, Year};
use crate::number::MoneyUnit;
use crate::number::format::{change_words, money};
use crate::source::{FileId, SourceMap, Span};
pub(crate) use path::closest;
pub use path::{Found, resolve, selector};

/// The files of a unit/year a narrative may bind to, by reference name.
fn sources(year: &Year) -> Vec<(String, FileId)> {
    crate::reports::year_sources(year)
}

/// How a bound figure is written.
#[derive(Debug, Clone, Copy, PartialEq)]
enum PlaceholderFormat {
    /// As written in the data.
    AsWritten,
    /// Thousands separators.
    Money,
    /// In 元 or 万元 (converted from the file's unit), with the unit.
    Unit(MoneyUnit),
    /// With a % sign.
    Percent,
    /// 比上年增加X万元，增长Y% from a table's `change` and `change_pct`.
    Change,
}

fn parse_fmt(s: &str) -> Option<PlaceholderFormat> {
    Some(match s.trim() {
        "" => PlaceholderFormat::AsWritten,
        "money" => PlaceholderFormat::Money,
        "元" => PlaceholderFormat::Unit(MoneyUnit::Yuan),
        "万元" => PlaceholderFormat::Unit(MoneyUnit::TenThousandYuan),
        "%" | "percent" => PlaceholderFormat::Percent,
        "change" => PlaceholderFormat::Change,
        _ => return None,
    })
}

/// The number a literal states (strings such as "1,234.50" included).
fn number(v: &Value) -> Option<Decimal> {
    let (Value::Integer(t) | Value::Float(t) | Value::String(t)) = v else { return None };
    crate::number::parse_literal(t).ok().flatten()
}

fn literal(v: &Value) -> Option<String> {
    match v {
        Value::Integer(t) | Value::Float(t) | Value::String(t) => Some(t.clone()),
        Value::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

fn plain(d: Decimal) -> String {
    let mut v = d.normalize();
    if v.scale() < 2 {
        v.rescale(2);
    }
    v.to_string()
}

fn convert(d: Decimal, from: MoneyUnit, to: MoneyUnit) -> Decimal {
    let k = Decimal::from(10_000);
    match (from, to) {
        (MoneyUnit::Yuan, MoneyUnit::TenThousandYuan) => d / k,
        (MoneyUnit::TenThousandYuan, MoneyUnit::Yuan) => d * k,
        _ => d,
    }
}

/// A bound value as the page writes it: the figure (or phrase) and the unit after it.
struct Written {
    text: String,
    suffix: String,
}

impl Written {
    fn bare(text: String) -> Self {
        Written { text, suffix: String::new() }
    }
    #[cfg(test)]
    fn display(&self) -> String {
        format!("{}{}", self.text, self.suffix)
    }
}

/// Format a found value; `Err` says why it cannot be written so.
fn format(found: &Found, fmt: PlaceholderFormat) -> Result<Written, String> {
    let v = found.value;
    match fmt {
        PlaceholderFormat::AsWritten => literal(v).map(Written::bare).ok_or_else(|| "引用的是一张表，不是一个数字或文字；请在路径后继续写键名".into()),
        PlaceholderFormat::Money => number(v).map(money).map(Written::bare).ok_or_else(|| "“| money” 只能用于数字".into()),
        PlaceholderFormat::Percent => {
            literal(v).filter(|_| number(v).is_some()).map(|t| Written { text: t, suffix: "%".into() }).ok_or_else(|| "“| %” 只能用于数字".into())
        }
        PlaceholderFormat::Unit(to) => {
            let n = number(v).ok_or("“| 元”“| 万元” 只能用于金额")?;
            let from = found.unit.ok_or("找不到这个金额的单位（文件或所在表的 unit 键）")?;
            let text = if from == to { literal(v).unwrap_or_default() } else { plain(convert(n, from, to)) };
            Ok(Written { text, suffix: to.label().into() })
        }
        PlaceholderFormat::Change => {
            let Value::Table(t) = v else {
                return Err("“| change” 要引用一张有 change 和 change_pct 的表（如 final-accounts.overview）".into());
            };
            let get = |k: &str| t.get(k).and_then(|v| number(&v.value));
            let (Some(c), Some(p)) = (get("change"), get("change_pct")) else {
                return Err("“| change” 引用的表必须写了 change 和 change_pct".into());
            };
            let unit = found.unit.map(MoneyUnit::label).unwrap_or("");
            let (amount_word, rate_word) = (change_words(c).0, change_words(p).1);
            Ok(Written::bare(format!("比上年{amount_word}{}{unit}，{rate_word}{}%", plain(c.abs()), p.abs().normalize())))
        }
    }
}

/// What [`next_mark`] finds.
#[derive(Debug, PartialEq)]
enum Mark {
    Open,
    Close,
    /// A blank line: the end of a Markdown paragraph.
    Blank,
}

/// The first `{{`, `}}` or (when `blank`) blank line at or after byte `from`.
fn next_mark(body: &str, from: usize, blank: bool) -> Option<(usize, Mark)> {
    let b = body.as_bytes();
    (from..b.len()).find_map(|i| match b[i] {
        b'{' if b.get(i + 1) == Some(&b'{') => Some((i, Mark::Open)),
        b'}' if b.get(i + 1) == Some(&b'}') => Some((i, Mark::Close)),
        b'\n' if blank => {
            let j = i + 1 + b[i + 1..].iter().take_while(|c| matches!(c, b' ' | b'\t' | b'\r')).count();
            (b.get(j) == Some(&b'\n')).then_some((i, Mark::Blank))
        }
        _ => None,
    })
}

/// A `{{ … }}` of a narrative, or braces that do not make one.
#[derive(Debug, PartialEq)]
enum Piece<'a> {
    /// A reference: byte range in the body and its inner text.
    Ref { start: usize, end: usize, inner: &'a str },
    /// Braces at byte `at` that do not make a reference, and why.
    Broken { at: usize, why: &'static str },
}

/// Every `{{ … }}` in a narrative body, in order. A `{{` must be closed by
/// `}}` in the same paragraph and before the next `{{`; a `}}` must close
/// one. Each mistake is one [`Piece::Broken`]; scanning goes on after it.
fn placeholders(body: &str) -> Vec<Piece<'_>> {
    let mut out = vec![];
    let mut from = 0;
    while let Some((at, mark)) = next_mark(body, from, false) {
        if mark == Mark::Close {
            out.push(Piece::Broken { at, why: "多出的 “}}”：前面没有与它配对的 “{{”" });
            from = at + 2;
            continue;
        }
        match next_mark(body, at + 2, true) {
            Some((c, Mark::Close)) => {
                let inner = &body[at + 2..c];
                out.push(match inner.trim() {
                    "" => Piece::Broken { at, why: "空的引用 “{{ }}”：请写出引用的数据，如 {{ final-accounts.overview.total }}" },
                    _ => Piece::Ref { start: at, end: c + 2, inner },
                });
                from = c + 2;
            }
            Some((next, Mark::Open)) => {
                out.push(Piece::Broken { at, why: "引用没有闭合：在下一个 “{{” 之前缺少 “}}”" });
                from = next;
            }
            Some((blank, _)) => {
                out.push(Piece::Broken { at, why: "引用没有闭合：本段结束前缺少 “}}”（一个引用不能跨段）" });
                // A `}}` after the paragraph, before any other `{{`, was meant to close this one.
                from = match next_mark(body, blank, false) {
                    Some((c, Mark::Close)) => c + 2,
                    _ => blank,
                };
            }
            None => {
                out.push(Piece::Broken { at, why: "引用没有闭合：缺少 “}}”" });
                break;
            }
        }
    }
    out
}

/// How a diagnostic names broken braces: their line from `at`, shortened.
fn broken_field(body: &str, at: usize) -> String {
    let line = body[at..].lines().next().unwrap_or("").trim_end();
    let mut field: String = line.chars().take(40).collect();
    if field.len() < line.len() {
        field.push('…');
    }
    field
}

/// Bind every reference in every narrative of the site: set each
/// narrative's [`Segment`]s.
pub fn bind_site(site: &mut Site, checker: &mut Checker) {
    let map: &SourceMap = &site.sources;
    let mut resolved: Vec<(usize, usize, usize, Vec<Segment>)> = vec![];
    for (ui, unit) in site.units.iter().enumerate() {
        for (yi, year) in unit.years.iter().enumerate() {
            if !year.narratives.iter().any(|n| needs_binding(&n.body)) {
                continue;
            }
            let parsed: Vec<(String, FileId, Option<&Document>)> = sources(year).into_iter().map(|(name, id)| (name, id, site.documents.get(id))).collect();
            for (ni, n) in year.narratives.iter().enumerate() {
                if !needs_binding(&n.body) {
                    continue;
                }
                let text = &map.file(n.file).text;
                let offset = text.len() - n.body.len();
                let mut out: Vec<Segment> = vec![];
                // Text is pushed onto the last segment when that is text too.
                let push_text = |out: &mut Vec<Segment>, t: &str| match out.last_mut() {
                    Some(Segment::Text(s)) => s.push_str(t),
                    _ if t.is_empty() => {}
                    _ => out.push(Segment::Text(t.to_string())),
                };
                let mut last = 0;
                for piece in placeholders(&n.body) {
                    let (start, end, inner) = match piece {
                        Piece::Ref { start, end, inner } => (start, end, inner),
                        Piece::Broken { at, why } => {
                            let span = Span { file: n.file, start: (offset + at) as u32, end: (offset + at + 2) as u32 };
                            checker.error(map, span, Code::Placeholder, broken_field(&n.body, at), why.to_string());
                            continue;
                        }
                    };
                    let span = Span { file: n.file, start: (offset + start) as u32, end: (offset + end) as u32 };
                    push_text(&mut out, &n.body[last..start]);
                    last = end;
                    let bound = stated_prefix(inner).and_then(|stated| Ok((bind_one(map, &parsed, stated.as_ref().map_or(inner, |(_, rest)| rest))?, stated)));
                    match bound {
                        Ok(((written, src, data), stated)) => match stated {
                            // The prose's own figure, checked against the data.
                            Some((mut stated, _)) => {
                                stated.span = span;
                                let verdict = check_stated(map, checker, &stated, (&written, data), &src, inner);
                                out.push(Segment::Figure(BoundFigure { text: stated.text, suffix: written.suffix, src, verdict }));
                            }
                            None => out.push(Segment::Figure(BoundFigure { text: written.text, suffix: written.suffix, src, verdict: Verdict::Agrees })),
                        },
                        Err(m) => {
                            checker.error(map, span, Code::Reference, format!("{{{{{}}}}}", inner.trim()), m);
                            push_text(&mut out, &n.body[start..end]);
                        }
                    }
                }
                push_text(&mut out, &n.body[last..]);
                resolved.push((ui, yi, ni, out));
            }
        }
    }
    for (ui, yi, ni, segments) in resolved {
        site.units[ui].years[yi].narratives[ni].segments = segments;
    }
}

/// Does a narrative body have `{{` or `}}` to bind or report?
fn needs_binding(body: &str) -> bool {
    body.contains("{{") || body.contains("}}")
}

/// A prose figure stated with its reference: `4197.68 = evaluation.execution.budget`.
/// `Err` when what stands before the `=` is not a figure gongkai can compare.
fn stated_prefix(inner: &str) -> Result<Option<(crate::number::Figure, &str)>, String> {
    // A `=` inside a list selector (`items[a=b]`) is part of the reference.
    let Some((lhs, rhs)) = inner.split_once('=').filter(|(lhs, _)| !lhs.contains('[')) else { return Ok(None) };
    let not_figure = |why: String| format!("“=” 前应是叙述中写的数字，如 {{{{ 4197.68 = evaluation.execution.budget }}}}：{why}");
    match crate::number::parse_literal(lhs) {
        Ok(Some(value)) => Ok(Some((crate::number::Figure { value: Some(value), text: lhs.trim().to_string(), span: Span::default() }, rhs))),
        Ok(None) => Err(not_figure("“=” 前没有数字".into())),
        Err(why) => Err(not_figure(why)),
    }
}

/// Resolve `name.path | fmt` (without a stated prefix) to its text and `file:line`.
fn bind_one(map: &SourceMap, files: &[(String, FileId, Option<&Document>)], inner: &str) -> Result<(Written, String, Span), String> {
    let (reference, fmt) = match inner.split_once('|') {
        Some((r, f)) => (r.trim(), parse_fmt(f).ok_or_else(|| format!("不认识的格式 “{}”：可用 money、元、万元、%、change", f.trim()))?),
        None => (inner.trim(), PlaceholderFormat::AsWritten),
    };
    let names: Vec<&str> = files.iter().map(|(n, _, _)| n.as_str()).collect();
    let (file, (name, id, table)) = files
        .iter()
        .map(|f| (f.0.as_str(), f))
        .filter(|(n, _)| reference == *n || reference.starts_with(&format!("{n}.")))
        .max_by_key(|(n, _)| n.len())
        .ok_or_else(|| {
            let head = reference.split('.').next().unwrap_or("");
            let hint = path::closest(head, names.iter().copied()).map(|c| format!("，是不是 “{c}”？")).unwrap_or_default();
            format!("“{reference}” 没有指向本年度的数据文件{hint}（本年度可引用：{}）", if names.is_empty() { "无".to_string() } else { names.join("、") })
        })?;
    let table = table.ok_or_else(|| format!("{name} 无法读取"))?;
    let rest = reference[file.len()..].trim_start_matches('.');
    let found = resolve(table, rest, name)?;
    let shown = format(&found, fmt)?;
    let data = Span { file: *id, start: found.span.start as u32, end: found.span.end as u32 };
    let loc = map.locate(data);
    Ok((shown, format!("{}:{}", loc.file, loc.line), data))
}

/// Compare a figure the prose states with the bound data by the rounding
/// rule; when they disagree, the verdict names the diagnostic's anchor.
/// When the data figure itself fails its own check (see
/// [`Checker::broken`]) and is shown as written, the prose is compared
/// with its computed value, and a disagreement names the data as wrong too.
fn check_stated(map: &SourceMap, checker: &mut Checker, stated: &crate::number::Figure, bound: (&Written, Span), src: &str, inner: &str) -> Verdict {
    let (data, span) = bound;
    let digits = &data.text;
    let Some(value) = crate::number::parse_literal(digits).ok().flatten() else { return Verdict::Agrees };
    let data_fig = crate::number::Figure { value: Some(value), text: digits.clone(), span: Span::default() };
    let Some(as_written) = crate::check::Approx::of(&data_fig) else { return Verdict::Agrees };
    let broken = checker.broken.get(&(span.file, span.start, span.end)).copied().filter(|b| b.written == value);
    let c = broken.map_or(as_written, |b| b.computed);
    let unit = data.suffix.clone();
    let formula = format!("数据 {src}");
    let what = "叙述中的数字";
    let field = format!("{{{{{}}}}}", inner.trim());
    let verdict = checker.compare(map, stated, Some(c), crate::check::Subject { field, formula: &formula, what, unit: &unit });
    if let crate::check::Verdict::Rounding { diagnostic, .. } | crate::check::Verdict::Mismatch { diagnostic, .. } = verdict {
        let d = &mut checker.diagnostics[diagnostic];
        let word = if d.code == Code::Figure { "不符" } else { "有舍入差异" };
        // The data named by its file:line for `check`, as 数据表 on the public pages.
        let say = |data: &str| match broken {
            Some(b) => format!(
                "叙述中的数字与数据{word}：叙述写作 {}{unit}，{data}写作 {}{unit}，但它本身与计算值不符，应为 {}{unit}，叙述与这个计算值也{word}",
                stated.text,
                digits,
                b.computed.value.normalize()
            ),
            None => format!("叙述中的数字与数据{word}：叙述写作 {}{unit}，{data}为 {}{unit}", stated.text, digits),
        };
        d.message = say(&format!("数据（{src}）"));
        d.plain = Some(say("数据表中"));
    }
    match verdict {
        crate::check::Verdict::Ok | crate::check::Verdict::Unchecked => Verdict::Agrees,
        crate::check::Verdict::Rounding { diagnostic, .. } => Verdict::Rounding { anchor: crate::check::anchor_of(&checker.diagnostics, diagnostic) },
        crate::check::Verdict::Mismatch { diagnostic, .. } | crate::check::Verdict::ZeroBase { diagnostic } => {
            Verdict::Mismatch { anchor: crate::check::anchor_of(&checker.diagnostics, diagnostic) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        let t = crate::model::document::parse(
            "unit = \"万元\"\n[overview]\ntotal = 39985.83\nchange = -1170.82\nchange_pct = -2.84\n[[items]]\nname = \"基本支出\"\namount = 10795.86\n",
        )
        .unwrap();
        let f = |p: &str, fmt| format(&resolve(&t, p, "x").unwrap(), fmt).unwrap().display();
        assert_eq!(f("overview.total", PlaceholderFormat::AsWritten), "39985.83");
        assert_eq!(f("overview.total", PlaceholderFormat::Money), "39,985.83");
        assert_eq!(f("overview.total", PlaceholderFormat::Unit(MoneyUnit::TenThousandYuan)), "39985.83万元");
        assert_eq!(f("overview.total", PlaceholderFormat::Unit(MoneyUnit::Yuan)), "399858300.00元");
        assert_eq!(f("overview", PlaceholderFormat::Change), "比上年减少1170.82万元，下降2.84%");
        assert_eq!(f("items[基本支出].amount", PlaceholderFormat::AsWritten), "10795.86");
        assert_eq!(f("items[0].amount", PlaceholderFormat::AsWritten), "10795.86");
        assert!(resolve(&t, "overveiw.total", "x").err().unwrap().contains("overview"));
    }

    #[test]
    fn placeholders_report_broken_braces() {
        let pieces = |b: &str| -> Vec<String> {
            placeholders(b)
                .into_iter()
                .map(|p| match p {
                    Piece::Ref { inner, .. } => format!("ref {}", inner.trim()),
                    Piece::Broken { at, .. } => format!("broken@{at}"),
                })
                .collect()
        };
        assert_eq!(pieces("a {{ x }} b {{ y | 万元 }}"), ["ref x", "ref y | 万元"]);
        assert_eq!(pieces("{{ x\nsame paragraph }}"), ["ref x\nsame paragraph"]);
        assert_eq!(pieces("a {{ x"), ["broken@2"]);
        assert_eq!(pieces("a {{ x {{ y"), ["broken@2", "broken@7"]);
        // Spanning a paragraph: one mistake, the later `}}` is its own.
        assert_eq!(pieces("{{ x\n\nmore }} {{ y }}"), ["broken@0", "ref y"]);
        assert_eq!(pieces("{{ x\r\n  \r\n}}"), ["broken@0"]);
        assert_eq!(pieces("{{ x\n\n{{ y }}"), ["broken@0", "ref y"]);
        assert_eq!(pieces("{{ x {{ y }}"), ["broken@0", "ref y"]);
        assert_eq!(pieces("{{}} {{  }}"), ["broken@0", "broken@5"]);
        assert_eq!(pieces("a }} b"), ["broken@2"]);
        assert!(pieces("no braces { } at all").is_empty());
    }
}
