//! The check stage: diagnostics and the rule every stated figure is held to.
//!
//! Rule (DESIGN.md "Integrity"): a stated value equal to the computed one
//! rounded half-up to the decimals written is fine; a difference that
//! rounding or truncation of the written inputs can explain is a warning
//! (舍入差异); anything else is an error. Every report kind calls
//! [`Checker::compare`] for each figure it can recompute, and the verdict
//! travels with the figure to the page (核验提示).

pub(crate) mod approx;
mod code;
mod diagnostic;
pub(crate) mod markdown;
pub(crate) mod publication;
pub(crate) mod structure;
mod template;

pub(crate) use approx::Approx;
pub use code::Code;
pub use diagnostic::{Diagnostic, Severity, Snippet, anchor_of, number_anchors};

use rust_decimal::Decimal;

use crate::number::{Figure, round_half_up, truncate};
use crate::source::{SourceMap, Span};

/// Is this error a contradiction between figures the source states (which
/// `--publish-as-is` may publish, flagged) rather than a structural problem?
/// (The list is [`Code::is_disputed_figure`].)
pub fn is_disputed_figure(code: Code) -> bool {
    code.is_disputed_figure()
}

/// Outcome of comparing one stated figure with its recomputation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Verdict {
    /// Stated value matches (or nothing was stated).
    Ok,
    /// 舍入差异: off by what rounding/truncation of the inputs explains.
    Rounding { computed: Decimal, diagnostic: usize },
    /// 错误: the stated value cannot be right.
    Mismatch { computed: Decimal, diagnostic: usize },
    /// 错误: a rate stated on a base that is zero or may be zero
    /// ([`Code::ZeroBase`]); there is no value to compare with.
    ZeroBase { diagnostic: usize },
    /// 未核对: a stated figure whose inputs are not reported, so it could
    /// not be recomputed. Shown as written; counted on the 数据核验 pages.
    Unchecked,
}

impl Verdict {
    /// Nothing contradicts the figure (it agrees, or could not be checked).
    pub fn is_ok(&self) -> bool {
        matches!(self, Verdict::Ok | Verdict::Unchecked)
    }
}

/// Classify `stated` against `computed` by the rounding rule, without
/// recording anything. `Ok`, `Some(false)` = rounding warning, `Some(true)` = error.
pub fn classify(stated: Decimal, dp: u32, computed: Approx) -> Option<bool> {
    if stated == round_half_up(computed.value, dp) {
        return None;
    }
    // Every value the written inputs allow, rounded or truncated to the
    // decimals the stated figure was written with.
    let ends = [computed.lo, computed.hi];
    let candidates = ends.iter().flat_map(|&x| [round_half_up(x, dp), truncate(x, dp)]);
    let lo = candidates.clone().min().unwrap_or(computed.value);
    let hi = candidates.max().unwrap_or(computed.value);
    Some(!(stated >= lo && stated <= hi))
}

/// What a comparison is about, for the diagnostic.
pub struct Subject<'a> {
    /// The field as written in the file (`general_budget.classes[1].share_pct`).
    pub field: String,
    /// The formula, in words (`国防支出 ÷ 本年财政拨款支出 × 100`).
    pub formula: &'a str,
    /// What the figure is, in Chinese (`国防支出占比`).
    pub what: &'a str,
    /// Unit appended to values in messages (`%`, `万元`).
    pub unit: &'a str,
}

/// How the stated figures of one file fared (each counted once, by the
/// worst of its comparisons with a recomputation).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// 核对一致: agrees (within rounding).
    pub verified: usize,
    /// Of those, 舍入差异 (also counted in `verified`).
    pub rounding: usize,
    /// 有争议: contradicted by the computation (错误).
    pub disputed: usize,
    /// 未核对: its inputs are not reported, so it could not be recomputed.
    pub unchecked: usize,
}

impl std::ops::AddAssign for Tally {
    fn add_assign(&mut self, o: Tally) {
        self.verified += o.verified;
        self.rounding += o.rounding;
        self.disputed += o.disputed;
        self.unchecked += o.unchecked;
    }
}

impl Tally {
    fn of(outcome: Outcome) -> Tally {
        match outcome {
            Outcome::Unchecked => Tally { unchecked: 1, ..Tally::default() },
            Outcome::Verified => Tally { verified: 1, ..Tally::default() },
            Outcome::Rounding => Tally { verified: 1, rounding: 1, ..Tally::default() },
            Outcome::Disputed => Tally { disputed: 1, ..Tally::default() },
        }
    }
}

/// How one stated figure fared over all its comparisons: the worst of
/// them, an unchecked comparison counting least (a figure checked one way
/// and not another has been checked).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    Unchecked,
    Verified,
    Rounding,
    Disputed,
}

/// Collects diagnostics for one run.
#[derive(Debug, Default)]
pub(crate) struct Checker {
    pub diagnostics: Vec<Diagnostic>,
    /// Per content file (its path as diagnostics name it) and stated figure
    /// (its byte range), how the figure fared.
    outcomes: std::collections::BTreeMap<String, std::collections::BTreeMap<(u32, u32), Outcome>>,
    /// Stated figures that failed a check (不符), by file and byte range:
    /// their written value and the value computed for them. Other figures
    /// compared with one of these are compared with its computed value,
    /// and the diagnostic names it as the wrong side (see [`Broken`]).
    pub broken: std::collections::BTreeMap<(u32, u32, u32), Broken>,
    /// Every stated figure compared that has a value to compare with, with
    /// the Chinese name the comparison gives it (`国防支出占比`): the names
    /// the prose resolver matches a narrative's phrases against
    /// (`crate::prose::labels`).
    pub labelled: Vec<Labelled>,
    /// The units of `labelled`, each once (a city-scale site compares
    /// millions of figures in a few dozen units), and their places.
    units: Vec<Box<str>>,
    unit_at: std::collections::HashMap<Box<str>, u32>,
    /// A scratch run (the first derive, for [`Checker::broken`] only):
    /// keeps no labels and no tallies.
    scratch: bool,
}

/// A stated figure with what a comparison called it (比较时的中文名称),
/// kept small: one is kept for every figure compared.
#[derive(Debug, Clone)]
pub struct Labelled {
    /// What the figure is, in Chinese (`基本支出预算数`).
    pub what: Box<str>,
    /// The unit the comparison gives it (`万元`, `%`, `个`, or empty): its
    /// place in the checker's units ([`Checker::unit_of`]).
    unit: u32,
    /// The figure as written.
    pub written: Box<str>,
    /// Where it is written.
    pub span: Span,
    /// The value to compare prose with: the computed one when the figure
    /// contradicts it, else the figure as written.
    pub value: Approx,
    /// The stated figure contradicts the computed value (错误).
    pub wrong: bool,
}

/// A stated figure that failed its own check (数据本身有误): what it is
/// written as and what it computes to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Broken {
    /// The value as written.
    pub written: Decimal,
    /// The value computed for it.
    pub computed: Approx,
}

impl Checker {
    /// A checker for a scratch run: one whose diagnostics are dropped and
    /// that is only asked which figures are [`Checker::broken`].
    pub fn scratch() -> Checker {
        Checker { scratch: true, ..Checker::default() }
    }

    fn tally(&mut self, map: &SourceMap, stated: &Figure, outcome: Outcome) {
        if self.scratch {
            return;
        }
        let file = map.locate(stated.span).file;
        let o = self.outcomes.entry(file).or_default().entry((stated.span.start, stated.span.end)).or_insert(outcome);
        *o = (*o).max(outcome);
    }

    /// Per content file, how many of its stated figures were verified,
    /// disputed and 未核对.
    pub fn tallies(&self) -> std::collections::BTreeMap<String, Tally> {
        self.outcomes
            .iter()
            .map(|(file, figures)| {
                let mut t = Tally::default();
                for o in figures.values() {
                    t += Tally::of(*o);
                }
                (file.clone(), t)
            })
            .collect()
    }

    /// The figure's value to compare other figures with: its computed
    /// value when it failed its own check (with the [`Broken`] record, so
    /// the caller can name the figure as the wrong side), else as written.
    pub fn trusted(&self, f: Option<&Figure>) -> Option<(Approx, Option<Broken>)> {
        let f = f?;
        match self.broken.get(&(f.span.file, f.span.start, f.span.end)) {
            Some(b) => Some((b.computed, Some(*b))),
            None => Approx::of(f).map(|a| (a, None)),
        }
    }

    /// Keep a compared figure's label, unless there is no value to compare prose with.
    fn label(&mut self, s: &Subject, stated: &Figure, value: Option<Approx>, wrong: bool) {
        let Some(value) = value.filter(|_| !self.scratch) else { return };
        let unit = match self.unit_at.get(s.unit) {
            Some(&at) => at,
            None => {
                let at = self.units.len() as u32;
                self.units.push(s.unit.into());
                self.unit_at.insert(s.unit.into(), at);
                at
            }
        };
        self.labelled.push(Labelled { what: s.what.into(), unit, written: stated.text.as_str().into(), span: stated.span, value, wrong });
    }

    /// The unit of a label.
    pub fn unit_of(&self, l: &Labelled) -> &str {
        &self.units[l.unit as usize]
    }

    pub fn push(&mut self, d: Diagnostic) -> usize {
        self.diagnostics.push(d);
        self.diagnostics.len() - 1
    }

    pub fn error(&mut self, map: &SourceMap, span: Span, code: Code, field: impl Into<String>, message: impl Into<String>) -> usize {
        self.push(Diagnostic::new(map, span, Severity::Error, code, field.into(), message.into()))
    }

    /// Compare a stated figure with its recomputation and record the verdict.
    /// A figure that is not reported, or a computation that is not possible
    /// (division by zero), yields `Ok` — there is nothing to contradict.
    pub fn compare(&mut self, map: &SourceMap, stated: &Figure, computed: Option<Approx>, s: Subject) -> Verdict {
        self.compare_at(map, stated, computed, s, 0)
    }

    /// [`Checker::compare`], the stated figure read with at least
    /// `context_dp` decimals (the decimals of its column).
    pub fn compare_at(&mut self, map: &SourceMap, stated: &Figure, computed: Option<Approx>, s: Subject, context_dp: u32) -> Verdict {
        let Some(v) = stated.value else { return Verdict::Ok };
        let wrong = computed.is_some_and(|c| c.zero_base || classify(v, stated.decimals().max(context_dp), c) == Some(true));
        self.label(&s, stated, if wrong { computed } else { Approx::of(stated) }, wrong);
        let Some(c) = computed else {
            self.tally(map, stated, Outcome::Unchecked);
            return Verdict::Unchecked;
        };
        if c.zero_base {
            let message =
                format!("{}写作 {}{u}，但按 {} 计算时分母为零（或按写出的位数可能为零），这个比率无从成立", s.what, stated.text, s.formula, u = s.unit);
            let mut d = Diagnostic::new(map, stated.span, Severity::Error, Code::ZeroBase, s.field, message);
            d.stated = Some(format!("{}{}", stated.text, s.unit));
            d.formula = Some(s.formula.to_string());
            self.tally(map, stated, Outcome::Disputed);
            return Verdict::ZeroBase { diagnostic: self.push(d) };
        }
        let dp = stated.decimals().max(context_dp);
        let Some(is_error) = classify(v, dp, c) else {
            self.tally(map, stated, Outcome::Verified);
            return Verdict::Ok;
        };
        self.tally(map, stated, if is_error { Outcome::Disputed } else { Outcome::Rounding });
        // Rates with two more decimals than written (26.9992%); amounts to
        // the decimals written, at least cents (8832777.00).
        let shown = if s.unit == "%" {
            round_half_up(c.value, dp.max(2) + 2).normalize()
        } else {
            let mut v = round_half_up(c.value, dp.max(2));
            v.rescale(dp.max(2));
            v
        };
        let (severity, code, lead) =
            if is_error { (Severity::Error, Code::Figure, "与计算值不符") } else { (Severity::Warning, Code::Rounding, "舍入差异") };
        let mut message = format!("{}{lead}：写作 {}{u}，按 {} 计算为 {}{u}", s.what, stated.text, s.formula, shown, u = s.unit);
        if is_error {
            message.push_str(&ten_thousand_hint(v, c.value, s.unit));
        }
        let mut d = Diagnostic::new(map, stated.span, severity, code, s.field, message);
        d.stated = Some(format!("{}{}", stated.text, s.unit));
        d.computed = Some(format!("{}{}", shown, s.unit));
        d.formula = Some(s.formula.to_string());
        let diagnostic = self.push(d);
        if is_error {
            let key = (stated.span.file, stated.span.start, stated.span.end);
            self.broken.entry(key).or_insert(Broken { written: v, computed: c });
        }
        if is_error { Verdict::Mismatch { computed: c.value, diagnostic } } else { Verdict::Rounding { computed: c.value, diagnostic } }
    }
}

/// `，是不是 “…”？` naming the candidate closest to a name that was not found
/// (a typo: by edit distance, see [`crate::bind::closest`]); empty when none is close.
pub(crate) fn did_you_mean<'c>(want: &str, candidates: impl Iterator<Item = &'c str>) -> String {
    crate::bind::closest(want, candidates).map(|c| format!("，是不是 “{c}”？")).unwrap_or_default()
}

/// Is `a` about `b` × `factor` (within a thousandth, or one unit of the
/// last decimal `a` is written with)?
pub(crate) fn about(a: Decimal, b: Decimal, factor: Decimal) -> bool {
    let want = b * factor;
    let slack = (want.abs() / Decimal::from(1000)).max(Decimal::new(1, a.scale()));
    !b.is_zero() && (a - want).abs() <= slack
}

/// The ×10000 hint (元与万元): when an amount in 元 or 万元 is written
/// 10000 times (or a 10000th of) what it computes to, the likely cause is a
/// figure written in the other unit; empty otherwise.
pub(crate) fn ten_thousand_hint(stated: Decimal, computed: Decimal, unit: &str) -> String {
    let k = Decimal::from(10_000);
    let money = unit == "元" || unit == "万元";
    // Either way round, judged at the precision `stated` is written with.
    let off = about(stated, computed, k) || about(stated, computed, Decimal::ONE / k);
    if !money || !off {
        return String::new();
    }
    format!(
        "。写的数与计算值恰好相差约 10000 倍：可能有金额按“元”写、有金额按“万元”写；本处金额单位是{unit}（1 万元 = 10000 元），请把每个金额都换算成{unit}后写入"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn an_amount_ten_thousand_times_off_gets_the_hint() {
        assert!(ten_thousand_hint(d("117241100.00"), d("11724.11"), "万元").contains("相差约 10000 倍"));
        assert!(ten_thousand_hint(d("1.17"), d("11724.11"), "元").contains("本处金额单位是元"));
        assert_eq!(ten_thousand_hint(d("117241100.00"), d("11724.11"), "%"), "");
        assert_eq!(ten_thousand_hint(d("11725.11"), d("11724.11"), "万元"), "");
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }
    fn pct(num: &str, den: &str) -> Approx {
        let f = |s: &str| Approx::of(&Figure::exact(d(s))).unwrap();
        f(num).percent_of(f(den)).unwrap()
    }

    #[test]
    fn exact_match_is_fine() {
        // 社会保障和就业 16570.18 / 39985.83 = 41.4401% → 41.44
        assert_eq!(classify(d("41.44"), 2, pct("16570.18", "39985.83")), None);
    }

    #[test]
    fn truncation_is_a_rounding_warning() {
        // 基本支出 10795.86 / 39985.83 = 26.9992%, written 26.99
        assert_eq!(classify(d("26.99"), 2, pct("10795.86", "39985.83")), Some(false));
    }

    #[test]
    fn off_by_a_factor_is_an_error() {
        // 国防支出 28.74 / 39985.83 = 0.0719%, written 0.71
        assert_eq!(classify(d("0.71"), 2, pct("28.74", "39985.83")), Some(true));
    }

    #[test]
    fn difference_of_rounded_inputs_is_a_warning() {
        // 三公经费 5.17 − 0.53 = 4.64, written 4.63: both inputs ±0.005.
        let f = |s: &str| Approx::of(&Figure::exact(d(s))).unwrap();
        assert_eq!(classify(d("4.63"), 2, f("5.17") - f("0.53")), Some(false));
        assert_eq!(classify(d("4.60"), 2, f("5.17") - f("0.53")), Some(true));
    }

    #[test]
    fn fewer_decimals_round_at_their_own_place() {
        // 项目支出 29189.97 / 39985.83 = 73.0007%, written 73
        assert_eq!(classify(d("73"), 0, pct("29189.97", "39985.83")), None);
    }
}
