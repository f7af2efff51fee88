//! Resolving a prose figure (正文数字) against the data of its unit/year:
//! the figures of the year's data files that carry a Chinese name — an
//! entry of a list or a table with `name`, `label`, `title` or `item`
//! (科目, project, table row) — each with the unit its key and file give it
//! (`*_pct` a percentage; `count`, `projects` a count; `score` 分; amounts
//! in the file's or table's `unit`). A prose figure resolves to the data
//! figures of the same unit whose name is its name.

use rust_decimal::Decimal;

use super::scan::{Direction, Found, ProseUnit};
use crate::check::{Approx, classify};
use crate::model::document::{Document, Node, Table, Value};
use crate::number::Figure;
use crate::source::{FileId, SourceMap, Span};

/// What kind of quantity a data figure is, by its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// An amount, in 元 per unit.
    Money(Decimal),
    /// A percentage (`*_pct`).
    Percent,
    /// A count (`count`, `projects` …): any measure word but 分.
    Count,
    /// A score (`score`): 分.
    Score,
}

/// A named figure of the data.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The name (名称) of the entry it belongs to, without quotes or spaces.
    pub label: String,
    /// Its key (`budget`, `share_pct`).
    pub key: String,
    pub(super) kind: Kind,
    /// Is it a change (`change`, `budget_change_pct`)?
    pub(super) change: bool,
    /// The figure as written.
    pub figure: Figure,
    /// `file:line` of the figure.
    pub place: String,
    /// The reference a `{{ }}` binding names it by (引用路径), as
    /// [`crate::bind`] resolves it: `final-accounts.general_budget.classes[一般公共服务支出].amount`.
    pub path: String,
}

/// Keys that hold an amount.
const MONEY: [&str; 19] = [
    "budget",
    "actual",
    "amount",
    "adjusted",
    "paid",
    "cut",
    "added",
    "total",
    "subtotal",
    "spent",
    "total_amount",
    "total_paid",
    "total_spent",
    "initial",
    "full_year",
    "approved",
    "budget_total",
    "actual_total",
    "change",
];
/// Keys that hold a count.
const COUNT: [&str; 5] = ["count", "projects", "all_projects", "vehicles", "works"];
/// Keys that hold a score.
const SCORE: [&str; 2] = ["score", "total_score"];

pub(super) fn kind_of(key: &str, unit: Option<Decimal>) -> Option<Kind> {
    if key.ends_with("_pct") {
        Some(Kind::Percent)
    } else if COUNT.contains(&key) {
        Some(Kind::Count)
    } else if SCORE.contains(&key) {
        Some(Kind::Score)
    } else if MONEY.contains(&key) || key.ends_with("_change") {
        unit.map(Kind::Money)
    } else {
        None
    }
}

/// A table's `unit` as 元 per unit: `None` when it has none, `Some(None)` when it is not money.
pub(super) fn money_unit(t: &Table) -> Option<Option<Decimal>> {
    match &t.get("unit")?.value {
        Value::String(u) if u == "万元" => Some(Some(Decimal::from(10_000))),
        Value::String(u) if u == "元" => Some(Some(Decimal::ONE)),
        _ => Some(None),
    }
}

/// The name a label is compared by: without quotes and spaces.
pub fn clean(s: &str) -> String {
    s.chars().filter(|c| !matches!(c, '“' | '”' | '"' | '《' | '》' | '‘' | '’' | ' ' | '\u{3000}')).collect()
}

/// Every named figure of a year's data files (each with its reference name, `final-accounts`).
pub fn candidates(map: &SourceMap, files: &[(String, FileId, &Document)]) -> Vec<Candidate> {
    let mut out = vec![];
    for (name, id, doc) in files {
        let unit = money_unit(doc).flatten();
        walk(map, (*id, name), doc, unit, &mut out);
    }
    out
}

/// `(file, path so far)`: where a walk is.
pub(super) type At<'p> = (FileId, &'p str);

fn walk(map: &SourceMap, at: At, t: &Table, unit: Option<Decimal>, out: &mut Vec<Candidate>) {
    each_entry(at, t, unit, &mut |(id, path), t, unit, key, node| {
        let label = ["name", "label", "title", "item"].iter().find_map(|k| match &t.get(k)?.value {
            Value::String(s) => Some(clean(s)),
            _ => None,
        });
        let (Value::Integer(text) | Value::Float(text) | Value::String(text)) = &node.value else { return };
        let (Some(label), Some(kind)) = (&label, kind_of(key, unit)) else { return };
        let Some(value) = crate::number::parse_literal(text).ok().flatten() else { return };
        out.push(candidate(map, (id, &format!("{path}.{key}")), label, key, kind, value, text, node));
    });
}

/// What [`each_entry`] is given for an entry: where its table is, the table,
/// how many 元 one of its amounts is, the entry's key and its node.
pub(super) type Visit<'v> = dyn FnMut(At, &Table, Option<Decimal>, &str, &Node) + 'v;

/// Visit every entry that is not a table, of `t` and of every table in it,
/// in file order: with its table's reference path (`….classes[一般公共服务支出]`)
/// and how many 元 one of its amounts is (its table's `unit`, else the parent's).
pub(super) fn each_entry(at: At, t: &Table, unit: Option<Decimal>, visit: &mut Visit) {
    let (id, path) = at;
    let unit = money_unit(t).unwrap_or(unit);
    for (key, node) in &t.entries {
        let here = format!("{path}.{key}");
        match &node.value {
            Value::Table(inner) => each_entry((id, &here), inner, unit, visit),
            Value::Array(items) if items.iter().any(|n| matches!(n.value, Value::Table(_))) => items.iter().enumerate().for_each(|(i, n)| {
                if let Value::Table(inner) = &n.value {
                    each_entry((id, &format!("{here}{}", crate::bind::selector(items, i))), inner, unit, visit)
                }
            }),
            _ => visit(at, t, unit, key, node),
        }
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn candidate(map: &SourceMap, (id, path): At, label: &str, key: &str, kind: Kind, value: Decimal, text: &str, node: &Node) -> Candidate {
    let span = Span { file: id, start: node.span.start as u32, end: node.span.end as u32 };
    let loc = map.locate(span);
    Candidate {
        label: label.to_string(),
        key: key.to_string(),
        kind,
        change: key == "change" || key.ends_with("_change") || key.ends_with("change_pct"),
        figure: Figure { value: Some(value), text: text.trim_matches('"').to_string(), span },
        place: format!("{}:{}", loc.file, loc.line),
        path: path.to_string(),
    }
}

/// Does a data figure of this kind hold a figure written with this unit?
pub(super) fn same_unit(kind: Kind, unit: ProseUnit) -> bool {
    match (kind, unit) {
        (Kind::Money(_), u) => u.yuan().is_some(),
        (Kind::Percent, ProseUnit::Percent) => true,
        (Kind::Score, ProseUnit::Count("分")) => true,
        (Kind::Count, ProseUnit::Count(w)) => w != "分",
        _ => false,
    }
}

/// How a prose figure fared against the data.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolution {
    /// A data figure of the same name and unit agrees (within rounding).
    Agrees(String),
    /// The one data figure of exactly this name and unit disagrees: (its
    /// value in the prose's unit, its `file:line`, its key).
    Contradicted(String, String, String),
    /// Not resolved, and why.
    Unresolved(&'static str),
}

/// The value a prose figure states, signed by its change word, as an exact range.
fn stated_range(f: &Found) -> Figure {
    let value = if f.change == Some(Direction::Down) { -f.value } else { f.value };
    Figure { value: Some(value), text: f.text.clone(), span: Span::default() }
}

/// The data figure in the prose's unit.
fn in_prose_unit(c: &Candidate, unit: ProseUnit) -> Option<Approx> {
    let a = Approx::of(&c.figure)?;
    match (c.kind, unit.yuan()) {
        (Kind::Money(from), Some(to)) => Some(a.scale(from / to)),
        _ => Some(a),
    }
}

/// Does data figure `c` agree with prose figure `f` by the checking rule (舍入差异 included)?
pub(super) fn agrees(f: &Found, c: &Candidate) -> bool {
    let value = stated_range(f).value.unwrap_or_default();
    in_prose_unit(c, f.unit).is_some_and(|a| classify(value, f.decimals, a) != Some(true))
}

/// The data figures a prose figure [resolves](resolve) to and agrees with,
/// for a `{{ }}` binding (`gongkai bind --suggest`): of its very name when
/// one has it, else those whose name ends its name; empty when it does not resolve.
pub fn agreeing<'c>(f: &Found, all: &'c [Candidate]) -> Vec<&'c Candidate> {
    if !matches!(resolve(f, all), Resolution::Agrees(_)) {
        return vec![];
    }
    let of_unit = || all.iter().filter(|c| same_unit(c.kind, f.unit) && c.change == f.change.is_some());
    let exact: Vec<&Candidate> = of_unit().filter(|c| c.label == f.name).collect();
    if !exact.is_empty() {
        return exact.into_iter().filter(|c| agrees(f, c)).collect();
    }
    of_unit().filter(|c| c.label.chars().count() >= 4 && f.name.ends_with(&c.label) && agrees(f, c)).collect()
}

/// Why a figure is 未核对 when no data figure has its name.
pub const NO_NAME: &str = "数据中没有同名的数字";

/// Resolve one prose figure against the named figures of its year.
pub fn resolve(f: &Found, all: &[Candidate]) -> Resolution {
    if f.approximate {
        return Resolution::Unresolved("约数或界限（超过、以上、约）");
    }
    if f.name.chars().count() < 2 {
        return Resolution::Unresolved("前面没有说明是什么数字的词");
    }
    let of_unit: Vec<&Candidate> = all.iter().filter(|c| same_unit(c.kind, f.unit) && c.change == f.change.is_some()).collect();
    let exact: Vec<&Candidate> = of_unit.iter().copied().filter(|c| c.label == f.name).collect();
    // “其中基本支出” names 基本支出; a name of four characters or more at the end counts.
    let near: Vec<&Candidate> = of_unit.iter().copied().filter(|c| c.label != f.name && c.label.chars().count() >= 4 && f.name.ends_with(&c.label)).collect();
    if exact.is_empty() && near.is_empty() {
        return Resolution::Unresolved(if all.iter().any(|c| c.label == f.name) { "同名数据的单位或种类不同" } else { NO_NAME });
    }
    let agrees = |c: &&Candidate| agrees(f, c);
    if let Some(c) = exact.iter().chain(near.iter()).find(|c| agrees(c)) {
        return Resolution::Agrees(c.place.clone());
    }
    if exact.is_empty() {
        return Resolution::Unresolved("只与名称结尾相同的数据不一致，不能确定是同一数字");
    }
    disagreeing(f, &exact)
}

/// A prose figure none of `named` agrees with: contradicted when they hold
/// one value, else unresolved (several values, none agreeing, is not certain).
pub(super) fn disagreeing(f: &Found, named: &[&Candidate]) -> Resolution {
    let mut values: Vec<Decimal> = named.iter().filter_map(|c| c.figure.value).collect();
    values.sort();
    values.dedup();
    match (named.first(), values.len()) {
        (Some(c), 1) => {
            // As the data writes it when the units are the same, else converted.
            let same = matches!(c.kind, Kind::Money(k) if Some(k) == f.unit.yuan()) || !matches!(c.kind, Kind::Money(_));
            let shown = if same { c.figure.text.clone() } else { in_prose_unit(c, f.unit).map(|a| a.value.normalize().to_string()).unwrap_or_default() };
            Resolution::Contradicted(shown, c.place.clone(), c.key.clone())
        }
        _ => Resolution::Unresolved("同名数据有几个不同的数字，都不一致"),
    }
}
