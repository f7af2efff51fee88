//! The derive stage: compute every figure a page shows (totals, shares,
//! changes), compare each with what the content states through the
//! [`Checker`], and hand the render stage values that need only formatting.

pub mod cross;

use rust_decimal::Decimal;

use crate::check::{Approx, Checker, Subject, Verdict};
use crate::number::{Figure, MoneyUnit};
use crate::source::{SourceMap, Span};

/// Everything derived for one unit/year (the derive stage's output, read by
/// render): the figures of each report present in that year.
pub struct YearFigures<'a> {
    /// Index into `Site::units`.
    pub unit: usize,
    /// Index into that unit's `years`.
    pub year: usize,
    /// The figures of its reports, one field per kind.
    pub reports: crate::reports::ReportFigures<'a>,
}

/// Where a shown value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Written in the content (and checked where it can be recomputed).
    Stated,
    /// Not written; computed by gongkai.
    Computed,
    /// 未填报: neither written nor computable.
    NotReported,
}

/// A figure ready to show: its value, where it came from and its verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    pub value: Option<Decimal>,
    pub origin: Origin,
    pub verdict: Verdict,
    /// Where a stated figure is written (for `data-src` on the page).
    pub src: Option<Span>,
}

impl Shown {
    pub fn not_reported() -> Self {
        Shown { value: None, origin: Origin::NotReported, verdict: Verdict::Ok, src: None }
    }

    pub fn computed(a: Option<Approx>) -> Self {
        match a {
            Some(a) if !a.zero_base => Shown { value: Some(a.value), origin: Origin::Computed, verdict: Verdict::Ok, src: None },
            _ => Self::not_reported(),
        }
    }

    /// A stated figure with nothing to check it against.
    pub fn stated(f: &Figure) -> Self {
        match f.value {
            Some(v) => Shown { value: Some(v), origin: Origin::Stated, verdict: Verdict::Ok, src: Some(f.span) },
            None => Self::not_reported(),
        }
    }

    /// A stated optional figure (absent = not reported).
    pub fn stated_opt(f: &Option<Figure>) -> Self {
        f.as_ref().map_or_else(Self::not_reported, Self::stated)
    }

    pub fn is_positive(&self) -> bool {
        self.value.is_some_and(|v| v > Decimal::ZERO)
    }
}

/// The derive context: sources for diagnostics, and the checker.
pub struct Ctx<'a> {
    pub map: &'a SourceMap,
    pub checker: &'a mut Checker,
}

impl Ctx<'_> {
    /// Show `stated` if written (checked against `computed`), else `computed`.
    pub fn reconcile(&mut self, stated: Option<&Figure>, computed: Option<Approx>, s: Subject) -> Shown {
        match stated {
            Some(f) if f.is_reported() => {
                let verdict = self.checker.compare(self.map, f, computed, s);
                Shown { value: f.value, origin: Origin::Stated, verdict, src: Some(f.span) }
            }
            Some(_) => Shown::not_reported(),
            None => Shown::computed(computed),
        }
    }

    /// Check a stated total against the sum of its parts, the total and
    /// its parts all read at the precision of the group (a total written
    /// `1235` beside parts written `1234.56` is read as 1235.00).
    pub fn reconcile_sum<'f>(&mut self, total: &Figure, parts: impl IntoIterator<Item = &'f Figure>, s: Subject) -> Shown {
        let parts: Vec<&Figure> = parts.into_iter().collect();
        let dp = context_dp(parts.iter().copied().chain([total]));
        let computed = parts.iter().map(|f| Approx::in_context(f, dp)).collect::<Option<Vec<_>>>().map(Approx::sum);
        if !total.is_reported() {
            return Shown::not_reported();
        }
        let unit = s.unit;
        let verdict = self.checker.compare_at(self.map, total, computed, s, dp);
        if let (Verdict::Mismatch { computed, diagnostic }, Some(stated)) = (&verdict, total.value) {
            let hint = ten_thousand_part(self.map, stated, *computed, &parts, unit);
            self.checker.diagnostics[*diagnostic].message.push_str(&hint);
        }
        Shown { value: total.value, origin: Origin::Stated, verdict, src: Some(total.span) }
    }
}

/// The part of a sum that explains a wrong total when read in the other
/// money unit (a 元 figure in a 万元 file: the ×10000 hint), named by its
/// line; empty when none does.
fn ten_thousand_part(map: &SourceMap, stated: Decimal, computed: Decimal, parts: &[&Figure], unit: &str) -> String {
    let k = Decimal::from(10_000);
    let (scaled, other) = match unit {
        "万元" => (Decimal::ONE / k, "元"),
        "元" => (k, "万元"),
        _ => return String::new(),
    };
    let Some((part, value)) = parts.iter().find_map(|p| {
        let v = p.value?;
        crate::check::about(stated, computed - v + v * scaled, Decimal::ONE).then_some((p, v))
    }) else {
        return String::new();
    };
    let line = map.locate(part.span).line;
    let fixed = (value * scaled).normalize();
    format!("。第 {line} 行的 {} 像是按{other}写的数：本处金额单位是{unit}（1 万元 = 10000 元），应写 {fixed}，合计就对得上", part.text)
}

/// The written range of an optional figure.
pub fn approx(f: Option<&Figure>) -> Option<Approx> {
    f.and_then(Approx::of)
}

/// Convert a value between money units.
pub fn convert(a: Approx, from: MoneyUnit, to: MoneyUnit) -> Approx {
    let k = Decimal::from(10_000);
    match (from, to) {
        (MoneyUnit::Yuan, MoneyUnit::TenThousandYuan) => Approx { value: a.value / k, lo: a.lo / k, hi: a.hi / k, ..a },
        (MoneyUnit::TenThousandYuan, MoneyUnit::Yuan) => a.scale(k),
        _ => a,
    }
}

/// `a ÷ b × 100`, when both are known and `b` is not zero.
pub fn pct(a: Option<Approx>, b: Option<Approx>) -> Option<Approx> {
    a.zip(b).and_then(|(a, b)| a.percent_of(b))
}

/// What a comparison is about (see [`Subject`]).
pub fn subject<'s>(field: String, formula: &'s str, what: &'s str, unit: &'s str) -> Subject<'s> {
    Subject { field, formula, what, unit }
}

/// The decimals a group of sibling figures is written with: the most any
/// of them has (a figure's precision is read in this context, see
/// [`Approx::in_context`]).
pub fn context_dp<'a>(figs: impl IntoIterator<Item = &'a Figure>) -> u32 {
    figs.into_iter().filter(|f| f.is_reported()).map(Figure::decimals).max().unwrap_or(0)
}

/// Sum of figures, each read at the precision of the group; `None` if any
/// is not reported.
pub fn sum<'a>(figs: impl IntoIterator<Item = &'a Figure>) -> Option<Approx> {
    let figs: Vec<&Figure> = figs.into_iter().collect();
    let dp = context_dp(figs.iter().copied());
    figs.into_iter().map(|f| Approx::in_context(f, dp)).collect::<Option<Vec<_>>>().map(Approx::sum)
}

/// A 比上年 / 比预算 comparison: current, base, change and change rate.
#[derive(Debug, Clone)]
pub struct Change {
    pub current: Shown,
    pub base: Shown,
    pub change: Shown,
    pub change_pct: Shown,
}

/// Field names and wording for [`change`].
pub struct ChangeNames<'a> {
    /// Field path prefix in the file (`overview`).
    pub path: &'a str,
    /// What the figure is (`收支总计`).
    pub what: &'a str,
    /// The base, in words: "上年" or "年初预算".
    pub base_word: &'a str,
    /// Names of the change fields (`change`, `change_pct` or `budget_change`…).
    pub change_field: &'a str,
    pub pct_field: &'a str,
    pub unit: &'a str,
}

/// Reconcile current, base (上年 or 年初预算), change and change rate: when
/// the base is written the change is checked against it; when only the
/// change is written the base is derived from it. The rate is checked
/// against change ÷ base either way.
pub fn change(ctx: &mut Ctx, current: &Figure, base: Option<&Figure>, chg: Option<&Figure>, pct: Option<&Figure>, n: ChangeNames) -> Change {
    // Current, base and change are one column's figures: read them alike.
    let dp = context_dp([Some(current), base, chg].into_iter().flatten());
    let at = |f: Option<&Figure>| f.and_then(|f| Approx::in_context(f, dp));
    let cur = at(Some(current));
    let base_a = at(base).or_else(|| Some(cur? - at(chg)?));
    let computed_change = at(base).and_then(|b| Some(cur? - b));
    let change_formula = format!("{}本年数 − {}数", n.what, n.base_word);
    let change_what = format!("{}比{}增减额", n.what, n.base_word);
    let change = ctx.reconcile(
        chg,
        computed_change,
        Subject { field: format!("{}.{}", n.path, n.change_field), formula: &change_formula, what: &change_what, unit: n.unit },
    );
    let change_a = at(chg).or(computed_change);
    let rate = change_a.zip(base_a).and_then(|(c, b)| c.percent_of(b));
    let pct_formula = format!("（本年数 − {0}数）÷ {0}数 × 100", n.base_word);
    let pct_what = format!("{}比{}增减率", n.what, n.base_word);
    let change_pct = ctx.reconcile(pct, rate, Subject { field: format!("{}.{}", n.path, n.pct_field), formula: &pct_formula, what: &pct_what, unit: "%" });
    let base_shown = match base {
        Some(b) => Shown::stated(b),
        None => Shown::computed(base_a),
    };
    Change { current: Shown::stated(current), base: base_shown, change, change_pct }
}
