//! Prose figures (正文数字): every figure a narrative states in its
//! sentences, not only the ones bound with `{{ }}`, found ([`scan`]),
//! resolved against the named figures of its unit/year's data
//! ([`resolve`]) and compared by the checking rule, and accounted for:
//! each ends 已核对 (verified), 不符 (disputed: `E-PROSE` against the data,
//! `E-PROSE-TWICE` when the same quantity is stated twice in a paragraph
//! with two values) or 未核对 (not resolved, with why). Precision
//! first: a figure is disputed only when exactly one data figure has its
//! very name and unit; anything less certain stays 未核对.

pub(crate) mod arith;
pub(crate) mod budget;
pub(crate) mod labels;
pub(crate) mod qualitative;
pub(crate) mod resolve;
pub(crate) mod scan;
pub(crate) mod scope;
pub(crate) mod strings;
pub(crate) mod totals;

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::check::{Checker, Code, Diagnostic, Severity};
use crate::model::Site;
use crate::source::{SourceMap, Span};
use resolve::Resolution;
use scan::Found;

/// How a prose figure fared (核对结果).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ProseOutcome {
    /// 已核对: a data figure of the same name and unit agrees.
    Verified,
    /// 不符: contradicted by the data or by the same quantity stated again.
    Disputed,
    /// 未核对: not resolved to a data figure.
    Unchecked,
}

/// One figure of a narrative's prose and how it fared.
#[derive(Debug, Clone, Serialize)]
pub struct ProseFigure {
    /// The narrative file, by its path inside the content folder.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// The report the narrative belongs to (`evaluation`).
    pub report: String,
    /// The phrase before the figure that names it, as written.
    pub phrase: String,
    /// The figure with its unit, as written (`1,170.82万元`).
    pub written: String,
    /// How it fared.
    pub outcome: ProseOutcome,
    /// For 未核对, why; for the others, the data figure's `file:line`.
    pub why: String,
    /// For 不符, its 核验提示 on the report page (not in `check --prose`'s JSON).
    #[serde(skip)]
    pub mark: Option<ProseMark>,
}

/// The 核验提示 of a disputed prose figure on its report page: where it is
/// in the narrative, its diagnostic's anchor and what the note says.
#[derive(Debug, Clone, PartialEq)]
pub struct ProseMark {
    /// Byte range of the figure (number and unit) in the narrative's body.
    pub range: std::ops::Range<usize>,
    /// The anchor of its diagnostic (`#check-<anchor>` on the 数据核验 page, `#fig-<anchor>` on the page).
    pub anchor: String,
    /// What is wrong, in plain Chinese, saying which side (正文 or 数据) is wrong.
    pub note: String,
}

/// Find, resolve and compare every prose figure of the site — in the
/// narratives and in the data's prose strings ([`strings`]) — and every
/// qualitative claim ([`qualitative`]); report each contradiction as a
/// diagnostic and return every figure with its outcome.
pub fn check_site(site: &Site, checker: &mut Checker) -> Vec<ProseFigure> {
    let map = &site.sources;
    let mut out = vec![];
    let index = labels::by_file(checker);
    for unit in &site.units {
        for year in &unit.years {
            let sources = crate::reports::year_sources(year);
            let files: Vec<_> = sources.iter().filter_map(|(name, id)| Some((name.clone(), *id, site.documents.get(*id)?))).collect();
            let ids: Vec<_> = files.iter().map(|(_, id, _)| *id).collect();
            let records = scope::records(map, &files);
            let candidates = resolve::candidates(map, &files);
            let budget = budget::figures(map, &files, &candidates);
            let year_data = Data { candidates, labels: labels::labels(map, checker, &index, &ids), records, budget };
            for n in &year.narratives {
                let text = &map.file(n.file).text;
                let piece =
                    Piece { file: n.file, offset: text.len() - n.body.len(), text: &n.body, report: &n.front.report.value, narrative: true, own: vec![] };
                check_piece(map, checker, &piece, &year_data, &mut out);
            }
            for (report, id) in &sources {
                let Some(doc) = site.documents.get(*id) else { continue };
                for t in strings::data_texts(map, *id, doc) {
                    let own = t.record.map(|(r, unit)| scope::own(map, t.file, r, unit)).unwrap_or_default();
                    let piece = Piece { file: t.file, offset: t.offset, text: t.text, report, narrative: false, own };
                    check_piece(map, checker, &piece, &year_data, &mut out);
                }
            }
        }
    }
    out
}

/// The names a year's prose is resolved against: its data's named figures and the labels of its checks.
struct Data {
    candidates: Vec<resolve::Candidate>,
    labels: Vec<labels::Label>,
    /// The named records, for a figure that names one ([`scope::by_record`]).
    records: Vec<scope::Record>,
    /// The budget figures by their synonym group ([`budget`]).
    budget: Vec<resolve::Candidate>,
}

/// A text whose figures are checked: a narrative's body or a data string.
struct Piece<'a> {
    file: crate::source::FileId,
    /// Byte offset of `text` in the file.
    offset: usize,
    text: &'a str,
    report: &'a str,
    /// A narrative's body (its disputed figures are marked on the page), not a data string.
    narrative: bool,
    /// For a data string inside a record, the record's own figures ([`scope`]), asked first.
    own: Vec<resolve::Candidate>,
}

impl Piece<'_> {
    fn span(&self, start: usize, end: usize) -> Span {
        Span { file: self.file, start: (self.offset + start) as u32, end: (self.offset + end) as u32 }
    }
    /// The piece as a file range: figures inside it are not compared with it.
    fn range(&self) -> (crate::source::FileId, u32, u32) {
        (self.file, self.offset as u32, (self.offset + self.text.len()) as u32)
    }
    /// Where a 核验提示 goes for the figure at `range` of the text: only in a narrative.
    fn mark_at(&self, range: std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
        self.narrative.then_some(range)
    }
}

fn check_piece(map: &SourceMap, checker: &mut Checker, piece: &Piece, data: &Data, out: &mut Vec<ProseFigure>) {
    // The figures of the paragraph so far, by (name, unit, change).
    let mut stated: BTreeMap<Key, (Decimal, usize)> = BTreeMap::new();
    let mut paragraph = 0;
    let calcs = arith::calcs(piece.text);
    let found = scan::scan(piece.text);
    let totals = totals::totals(piece.text, &found);
    for (k, f) in found.iter().enumerate() {
        let now = paragraph_of(piece.text, f.start);
        if now != paragraph {
            stated.clear();
            paragraph = now;
        }
        let span = piece.span(f.start, f.end);
        let mut figure = account(map, checker, f, span, piece, data);
        if let Some(c) = calcs.iter().find(|c| c.start == f.start).filter(|_| figure.outcome != ProseOutcome::Disputed) {
            arith::settle(map, checker, piece, c, &mut figure);
        }
        if let Some(t) = totals.iter().find(|t| t.index == k) {
            totals::settle(map, checker, piece, t, f, &mut figure);
        }
        if let Some(key) = key_of(f) {
            let value = in_yuan(f);
            match stated.get(&key) {
                Some((first, at)) if *first != value && figure.outcome != ProseOutcome::Disputed => {
                    let first_line = &out[*at];
                    let anchor = twice(map, checker, f, span, first_line);
                    let note = match first_line.outcome {
                        ProseOutcome::Verified => format!("本段前面写作“{}”，与报告数据一致，这里的数字有误", first_line.written),
                        _ => format!("本段前面写作“{}”，两处不一致，无法判断哪一处正确", first_line.written),
                    };
                    figure.mark = piece.mark_at(f.start..f.end).map(|range| ProseMark { range, anchor, note });
                    figure.outcome = ProseOutcome::Disputed;
                    figure.why = format!("{}:{}", first_line.file, first_line.line);
                }
                Some(_) => {}
                None => {
                    stated.insert(key, (value, out.len()));
                }
            }
        }
        out.push(figure);
    }
    for c in qualitative::claims(piece.text) {
        let span = piece.span(c.start, c.end);
        let resolution = qualitative::resolve(&c, piece.range(), &data.labels);
        let subject = format!("{}{}", c.phrase, c.word);
        let said = Said { span, mark: piece.mark_at(c.start..c.end), phrase: &c.phrase, statement: &subject, written: c.word, unit: "%", note: "" };
        out.push(record(map, checker, piece, said, resolution, data));
    }
}

/// What makes two statements the same quantity: the name, the unit kind and the change word.
type Key = (String, &'static str, bool);

/// Which paragraph (counted by blank lines) byte `at` of a body is in.
fn paragraph_of(body: &str, at: usize) -> usize {
    body[..at].split('\n').skip(1).filter(|l| l.trim().is_empty()).count()
}

/// A figure that may be compared with another statement of it in the same
/// paragraph: an exact figure with a name of six characters or more. (On
/// the demo, shorter names and statements in other paragraphs named other
/// quantities: 财政追加 of 项目支出 and of 基本支出, 上半年 and 全年 counts;
/// docs/prose-check.md.)
fn key_of(f: &Found) -> Option<Key> {
    if f.approximate || f.named_after || f.name.chars().count() < 6 {
        return None;
    }
    let unit = if f.unit.yuan().is_some() { "元" } else { f.unit.label() };
    Some((f.name.clone(), unit, f.change.is_some()))
}

/// The value in 元 for an amount, else as written.
fn in_yuan(f: &Found) -> Decimal {
    f.value * f.unit.yuan().unwrap_or(Decimal::ONE)
}

/// Resolve one figure — by its record's own figures, then the data's names, then the report's labels; a contradiction is an `E-PROSE` diagnostic.
fn account(map: &SourceMap, checker: &mut Checker, f: &Found, span: Span, piece: &Piece, data: &Data) -> ProseFigure {
    let written = format!("{}{}", f.text, f.unit.label());
    let by_name = resolve::resolve(f, &data.candidates);
    let by_name = match scope::resolve(f, &piece.own) {
        // The record's own figure disagrees where the report has an agreeing one of that name: not certain.
        Some(Resolution::Contradicted(..)) if matches!(by_name, Resolution::Agrees(_)) => Resolution::Unresolved(scope::UNSURE),
        Some(own) => own,
        None if piece.own.is_empty() && matches!(by_name, Resolution::Unresolved(_)) => {
            let before = &piece.text[paragraph_start(piece.text, f.start)..f.start];
            scope::by_record(f, &data.records).or_else(|| scope::by_context(f, before, &data.records)).unwrap_or(by_name)
        }
        None => by_name,
    };
    let by_label = if f.approximate { None } else { labels::resolve(f, piece.range(), &data.labels) };
    let resolution = match (by_name, by_label) {
        (Resolution::Unresolved(why), None) => Resolution::Unresolved(why),
        // A label disputes a figure only when the data has no figure of its
        // name at all: 一般公共服务支出 with a budget and an amount is not certain.
        (Resolution::Unresolved(why), Some(Resolution::Contradicted(..))) if why != resolve::NO_NAME => Resolution::Unresolved(why),
        (Resolution::Unresolved(_), Some(r)) => r,
        (Resolution::Contradicted(..), Some(agrees @ Resolution::Agrees(_))) => agrees,
        (r, _) => r,
    };
    let resolution = match resolution {
        Resolution::Unresolved(why) => by_budget_name(f, piece, data).unwrap_or(Resolution::Unresolved(why)),
        r => r,
    };
    let note = match f.change {
        Some(scan::Direction::Down) => "（减少记为负数）",
        _ => "",
    };
    let statement = format!("{}{written}", f.phrase);
    let said = Said { span, mark: piece.mark_at(f.start..f.end), phrase: &f.phrase, statement: &statement, written: &written, unit: f.unit.label(), note };
    record(map, checker, piece, said, resolution, data)
}

/// Resolve an unresolved amount by its budget synonym group ([`budget`]). It
/// disputes only where nothing narrower may be meant: not in a record's
/// string (a project's 年初预算 is the project's) and not in a paragraph
/// that names a record; there an agreeing figure still verifies it.
fn by_budget_name(f: &Found, piece: &Piece, data: &Data) -> Option<Resolution> {
    let r = budget::resolve(f, &data.budget)?;
    let before = &piece.text[paragraph_start(piece.text, f.start)..f.start];
    let narrower = !piece.own.is_empty() || scope::names_a_record(before, &data.records);
    match r {
        Resolution::Contradicted(..) if narrower => None,
        r => Some(r),
    }
}

/// The byte where the paragraph (text after the last blank line) holding byte `at` starts.
fn paragraph_start(text: &str, at: usize) -> usize {
    text[..at].rfind("\n\n").map_or(0, |i| i + 2)
}

/// What a prose statement says and where: its span, where its 核验提示 goes
/// (its range in a narrative's body), the phrase naming it, the whole
/// statement, the figure or claim as written, the unit of the data value
/// and a note appended to it.
struct Said<'s> {
    span: Span,
    mark: Option<std::ops::Range<usize>>,
    phrase: &'s str,
    statement: &'s str,
    written: &'s str,
    unit: &'s str,
    note: &'s str,
}

/// A prose figure's outcome from its resolution; a contradiction is an
/// `E-PROSE` diagnostic, with a 核验提示 at the statement's `mark`.
fn record(map: &SourceMap, checker: &mut Checker, piece: &Piece, said: Said, r: Resolution, data: &Data) -> ProseFigure {
    let Said { span, mark, phrase, statement, written, unit, note } = said;
    let loc = map.locate(span);
    let mut marked = None;
    let (outcome, why) = match r {
        Resolution::Agrees(place) => (ProseOutcome::Verified, place),
        Resolution::Unresolved(why) => (ProseOutcome::Unchecked, why.to_string()),
        Resolution::Contradicted(value, place, key) => {
            let message = format!("正文中的“{statement}”与数据不符：数据（{place}，{key}）为 {value}{unit}{note}");
            let plain = format!("正文中的“{statement}”与报告数据不符：数据为 {value}{unit}{note}");
            let mut d = Diagnostic::new(map, span, Severity::Error, Code::Prose, format!("正文：{phrase}"), message).with_plain(plain);
            d.stated = Some(written.to_string());
            d.computed = Some(format!("{value}{unit}"));
            checker.push(d);
            let anchor = crate::check::anchor_of(&checker.diagnostics, checker.diagnostics.len() - 1);
            let data_span = data.candidates.iter().chain(&piece.own).find(|c| c.place == place && c.key == key).map(|c| c.figure.span);
            let text = match data_span.and_then(|s| checker.broken.get(&(s.file, s.start, s.end))) {
                Some(b) => format!(
                    "正文中的数字与报告数据（{value}{unit}{note}）不符，而数据中的这个数字本身也与计算值（{}）不符，两处都需核对",
                    b.computed.value.normalize()
                ),
                None => format!("正文中的数字有误：报告数据为 {value}{unit}{note}"),
            };
            marked = mark.map(|range| ProseMark { range, anchor, note: text });
            (ProseOutcome::Disputed, place)
        }
    };
    ProseFigure {
        file: loc.file,
        line: loc.line,
        report: piece.report.to_string(),
        phrase: phrase.to_string(),
        written: written.to_string(),
        outcome,
        why,
        mark: marked,
    }
}

/// `E-PROSE-TWICE`: the same quantity stated again in the paragraph with
/// another value; returns the diagnostic's anchor.
fn twice(map: &SourceMap, checker: &mut Checker, f: &Found, span: Span, first: &ProseFigure) -> String {
    let written = format!("{}{}", f.text, f.unit.label());
    let message = format!("正文前后不一致：“{}{written}”，而 {}:{} 写作“{}{}”", f.phrase, first.file, first.line, first.phrase, first.written);
    let plain = format!("正文前后不一致：“{}{written}”，而前文写作“{}{}”", f.phrase, first.phrase, first.written);
    let mut d = Diagnostic::new(map, span, Severity::Error, Code::ProseTwice, format!("正文：{}", f.name), message).with_plain(plain);
    d.stated = Some(written);
    d.computed = Some(first.written.clone());
    checker.push(d);
    crate::check::anchor_of(&checker.diagnostics, checker.diagnostics.len() - 1)
}

/// Per report (unit/year file set and report name): 正文数字 N 个, 已核对 a, 不符 b, 未核对 c.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProseTally {
    /// 正文数字: every figure found.
    pub found: usize,
    /// 已核对.
    pub verified: usize,
    /// 不符.
    pub disputed: usize,
    /// 未核对.
    pub unchecked: usize,
}

impl ProseTally {
    /// The tally of some figures.
    pub fn of<'a>(figures: impl Iterator<Item = &'a ProseFigure>) -> Self {
        figures.fold(ProseTally::default(), |mut t, f| {
            t.found += 1;
            match f.outcome {
                ProseOutcome::Verified => t.verified += 1,
                ProseOutcome::Disputed => t.disputed += 1,
                ProseOutcome::Unchecked => t.unchecked += 1,
            }
            t
        })
    }
}
