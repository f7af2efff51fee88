//! The report's own Chinese labels (报告自己的中文名称) as a second source
//! of names for prose figures: every stated figure the derive stage checks
//! goes through [`crate::check::Checker::compare_at`] with a `what`
//! (`全年执行数`, `预算执行率`, `调整后预算`), recorded there as a
//! [`Labelled`]. A prose figure whose name is such a label, with the same
//! unit, resolves to that figure — compared with its computed value when
//! the figure itself fails its check (the wrong side, issue L item 3).
//!
//! Names match exactly, after a few rewrites that are certain (`全年预算执行数`
//! is `全年执行数`; a leading `其中：` says nothing). Words that budgets
//! share (`年初`, `全年`, `调整后`) are never dropped, so `预算` alone
//! matches nothing. A change (比上年减少 X) is not resolved here.

use rust_decimal::Decimal;

use super::resolve::Resolution;
use super::scan::{Found, ProseUnit};
use crate::check::{Approx, Checker, Labelled, classify};
use crate::source::{FileId, SourceMap};

/// A labelled figure of the year's data, as the prose resolver compares it.
#[derive(Debug, Clone)]
pub struct Label {
    /// The label, rewritten for comparing ([`name_key`]).
    name: String,
    /// The label as the check wrote it.
    what: String,
    /// The unit of the check (`万元`, `%`, `分`, a measure word).
    unit: String,
    /// The value to compare with: the computed one when the figure is wrong.
    value: Approx,
    /// The figure fails its own check.
    wrong: bool,
    /// The figure as written.
    written: String,
    /// Where the figure is, as a file id and byte range.
    at: (FileId, u32, u32),
    /// `file:line` of the figure.
    pub place: String,
}

/// The name a label or a prose phrase is compared by.
pub fn name_key(s: &str) -> String {
    let s = super::resolve::clean(s);
    let s = s.strip_prefix("其中：").or_else(|| s.strip_prefix("其中")).unwrap_or(&s);
    // “全年预算执行数” is the 全年执行数: 预算 before 执行数 adds nothing.
    s.replace("预算执行数", "执行数")
}

/// The checked figures of the run (their places in `Checker::labelled`), by
/// the file they are written in: built once, so that each year takes its own
/// labels without a pass over the whole site's.
pub fn by_file(checker: &Checker) -> std::collections::HashMap<FileId, Vec<usize>> {
    let mut out: std::collections::HashMap<FileId, Vec<usize>> = std::collections::HashMap::new();
    for (i, l) in checker.labelled.iter().enumerate() {
        out.entry(l.span.file).or_default().push(i);
    }
    out
}

/// The labelled figures of a year's data files, in the order they were checked.
pub fn labels(map: &SourceMap, checker: &Checker, index: &std::collections::HashMap<FileId, Vec<usize>>, files: &[FileId]) -> Vec<Label> {
    let mut at: Vec<usize> = files.iter().filter_map(|f| index.get(f)).flatten().copied().collect();
    at.sort_unstable();
    at.dedup();
    at.into_iter().map(|i| label(map, checker, &checker.labelled[i])).collect()
}

fn label(map: &SourceMap, checker: &Checker, l: &Labelled) -> Label {
    let loc = map.locate(l.span);
    Label {
        name: name_key(&l.what),
        what: l.what.to_string(),
        unit: checker.unit_of(l).to_string(),
        value: l.value,
        wrong: l.wrong,
        written: l.written.to_string(),
        at: (l.span.file, l.span.start, l.span.end),
        place: format!("{}:{}", loc.file, loc.line),
    }
}

/// How many 元 one of a check's money unit is.
fn yuan_of(unit: &str) -> Option<Decimal> {
    match unit {
        "元" => Some(Decimal::ONE),
        "万元" => Some(Decimal::from(10_000)),
        "亿元" => Some(Decimal::from(100_000_000)),
        _ => None,
    }
}

/// The label's value in the prose figure's unit, when the units are of one kind.
fn in_unit(l: &Label, unit: ProseUnit) -> Option<Approx> {
    match (yuan_of(&l.unit), unit.yuan()) {
        (Some(from), Some(to)) => Some(l.value.scale(from / to)),
        (None, None) if l.unit == unit.label() || (l.unit == "%" && unit == ProseUnit::Percent) => Some(l.value),
        _ => None,
    }
}

/// Is the label's figure inside this range of a file (the text being checked)?
fn within(l: &Label, inside: (FileId, u32, u32)) -> bool {
    l.at.0 == inside.0 && l.at.1 >= inside.1 && l.at.2 <= inside.2
}

/// The labels of this name whose unit is the prose figure's, not the figure itself.
pub fn named<'a>(name: &str, unit: ProseUnit, inside: (FileId, u32, u32), all: &'a [Label]) -> Vec<(&'a Label, Approx)> {
    let key = name_key(name);
    all.iter().filter(|l| l.name == key && !within(l, inside)).filter_map(|l| Some((l, in_unit(l, unit)?))).collect()
}

/// Resolve a prose figure against the labels. `inside` is the text the
/// figure is written in (a data string's range), whose own figures are not
/// compared with it.
pub fn resolve(f: &Found, inside: (FileId, u32, u32), all: &[Label]) -> Option<Resolution> {
    if f.approximate || f.change.is_some() || f.name.chars().count() < 2 {
        return None;
    }
    let found = named(&f.name, f.unit, inside, all);
    if found.is_empty() {
        // “月坛街道办事处全年预算数” ends with 全年预算数: a label of four
        // characters or more at the end confirms an agreeing figure, never disputes one.
        let key = name_key(&f.name);
        let near = all.iter().filter(|l| l.name.chars().count() >= 4 && key.ends_with(&l.name) && !within(l, inside));
        return near
            .filter_map(|l| Some((l, in_unit(l, f.unit)?)))
            .find(|(_, a)| classify(f.value, f.decimals, *a) != Some(true))
            .map(|(l, _)| Resolution::Agrees(l.place.clone()));
    }
    let value = f.value;
    if let Some((l, _)) = found.iter().find(|(_, a)| classify(value, f.decimals, *a) != Some(true)) {
        return Some(Resolution::Agrees(l.place.clone()));
    }
    let mut values: Vec<Decimal> = found.iter().map(|(_, a)| a.value).collect();
    values.sort();
    values.dedup();
    if values.len() != 1 {
        return Some(Resolution::Unresolved("同名数据有几个不同的数字，都不一致"));
    }
    let (l, a) = found[0];
    Some(Resolution::Contradicted(shown(l, a, f.unit), l.place.clone(), about(l)))
}

/// The value a diagnostic shows: as written when the units are the same, else converted.
pub fn shown(l: &Label, a: Approx, unit: ProseUnit) -> String {
    if !l.wrong && (l.unit == unit.label() || yuan_of(&l.unit).is_none()) {
        l.written.clone()
    } else {
        let mut v = a.value.round_dp(4).normalize();
        if v.scale() < 2 && unit != ProseUnit::Percent && unit.yuan().is_some() {
            v.rescale(2);
        }
        v.to_string()
    }
}

/// What the diagnostic calls the data figure: its label, and whether it is the computed value.
pub fn about(l: &Label) -> String {
    if l.wrong { format!("{}，写作 {}{}，本身与计算值不符，这里用计算值", l.what, l.written, l.unit) } else { l.what.clone() }
}
