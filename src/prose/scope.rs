//! Scoped resolution (本条记录优先): a prose string written inside a record
//! of the data — a project's 进度说明 in `tracking.toml`, an indicator's
//! 偏差原因 in `evaluation.toml`, a cost line's basis — speaks first of that
//! record's own figures (its 预算, 年初预算, 调整后预算, 追加, 实际支出,
//! 执行率, 得分, 分值 …). A figure whose name, once the record's own name
//! and a leftover date word (“12月31日” leaves 日) are taken off, is one of
//! the words below resolves to the record's figure of that key; only when
//! no word names it is it resolved against the report's figures.
//!
//! Precision first: the word must be the whole rest of the name, the unit
//! must be of the figure's kind, and a figure is disputed only when the
//! record's figures of that word hold one value.
//!
//! A narrative (or a string outside any record) names a record by its name:
//! “社区服务中心装修改造经费实际支出81.70万元” names the project 社区服务中心装修改造经费.
//! When exactly one record's name (four characters or more) is in the
//! figure's name and a word follows it, an agreeing figure of that record
//! verifies it ([`by_record`]); a disagreeing one is never a dispute (a
//! narrative's 预算 of a 科目 may be its 年初 or its 调整后).

use rust_decimal::Decimal;

use super::resolve::{self, Candidate, Kind, Resolution};
use super::scan::Found;
use crate::model::document::{Document, Table, Value};
use crate::source::{FileId, SourceMap};

/// The words a record's string names its own figures by, and the keys of
/// those figures (several when the word may mean any of them: 全年预算 is
/// the `budget` of a tracking project, the `adjusted` of another report).
const WORDS: [(&str, &[&str]); 32] = [
    ("实际支出", &["actual", "spent"]),
    ("全年支出", &["actual"]),
    ("整体支出", &["actual"]),
    ("部门整体支出", &["actual"]),
    ("执行数", &["actual"]),
    ("实际支付", &["paid"]),
    ("预算", &["budget"]),
    ("预算支出", &["budget"]),
    ("预算金额", &["budget"]),
    ("安排预算", &["budget"]),
    ("预算数", &["budget"]),
    ("资金安排", &["budget"]),
    ("全年预算", &["budget", "adjusted", "full_year"]),
    ("全年预算数", &["budget", "adjusted", "full_year"]),
    ("年初预算", &["initial", "budget", "approved"]),
    ("年初预算数", &["initial", "budget", "approved"]),
    ("调整后预算", &["adjusted"]),
    ("调整后预算数", &["adjusted"]),
    ("追加预算", &["added"]),
    ("追加", &["added"]),
    ("追减", &["cut"]),
    ("执行率", &["rate_pct"]),
    ("预算执行率", &["rate_pct"]),
    ("预算完成比例", &["rate_pct"]),
    ("预算完成率", &["rate_pct"]),
    ("完成全年预算", &["rate_pct"]),
    ("已完成全年预算", &["rate_pct"]),
    ("完成全年预算的", &["rate_pct"]),
    ("已完成全年预算的", &["rate_pct"]),
    ("得分", &["score"]),
    ("分值", &["max"]),
    ("满分", &["max"]),
];

/// What is left of a name in front of the word: these, once each, in order
/// (the record's own name is taken off first).
const LEFTOVERS: [&str; 8] = ["街道", "该项目", "本项目", "项目", "年度", "日", "月", "年"];

/// The keys a record names a figure by, if its name is one of [`WORDS`]
/// once the record's name (`own`) and the [`LEFTOVERS`] are taken off.
/// The word is looked for after each step.
fn keys_of(name: &str, own: Option<&str>) -> Option<&'static [&'static str]> {
    let word = |n: &str| WORDS.iter().find(|(w, _)| *w == n).map(|(_, keys)| *keys);
    let mut rest = resolve::clean(name);
    if let Some(found) = word(&rest) {
        return Some(found);
    }
    if let Some(stripped) = own.and_then(|o| without_own(&rest, o)) {
        rest = stripped.to_string();
    }
    for leftover in std::iter::once("").chain(LEFTOVERS) {
        if let Some(stripped) = rest.strip_prefix(leftover) {
            rest = stripped.to_string();
        }
        if let Some(found) = word(&rest) {
            return Some(found);
        }
    }
    None
}

/// `name` without the record's own name in front: the whole name, or its
/// longest ending of four characters or more (the scan stops at a number:
/// “24号院养老服务中心…” is named from 号院 on).
fn without_own<'n>(name: &'n str, own: &str) -> Option<&'n str> {
    let starts: Vec<usize> = own.char_indices().map(|(i, _)| i).collect();
    starts.into_iter().filter(|&i| own[i..].chars().count() >= 4).find_map(|i| name.strip_prefix(&own[i..]))
}

/// A record's own figures: its numbers and those of the tables directly in
/// it (`[offices.text]`), each with the record's name as its label.
pub fn own(map: &SourceMap, id: FileId, record: &Table, unit: Option<Decimal>) -> Vec<Candidate> {
    let name = name_of(record).unwrap_or_default();
    let mut out = vec![];
    let mut take = |t: &Table, unit: Option<Decimal>| {
        for (key, node) in &t.entries {
            let (Value::Integer(text) | Value::Float(text) | Value::String(text)) = &node.value else { continue };
            let kind = if key == "max" { Some(Kind::Score) } else { resolve::kind_of(key, unit) };
            let Some(kind) = kind else { continue };
            let Some(value) = crate::number::parse_literal(text).ok().flatten() else { continue };
            out.push(resolve::candidate(map, (id, key), &name, key, kind, value, text, node));
        }
    };
    take(record, unit);
    for (_, node) in &record.entries {
        if let Value::Table(inner) = &node.value {
            take(inner, resolve::money_unit(inner).unwrap_or(unit));
        }
    }
    out
}

/// The record's name (`name`, `project`, `title`, `label`, `item`), without quotes or spaces.
fn name_of(t: &Table) -> Option<String> {
    ["name", "project", "title", "label", "item"].iter().find_map(|k| match &t.get(k)?.value {
        Value::String(s) => Some(resolve::clean(s)),
        _ => None,
    })
}

/// Resolve a figure of a record's string against the record's own figures
/// (`own`, from [`own`]): `None` when no word names one of them, and the
/// report's figures are asked instead.
pub fn resolve(f: &Found, own: &[Candidate]) -> Option<Resolution> {
    if f.approximate || f.change.is_some() || own.is_empty() {
        return None;
    }
    let keys = keys_of(&f.name, own.first().map(|c| c.label.as_str()))?;
    let named: Vec<&Candidate> = own.iter().filter(|c| keys.contains(&c.key.as_str()) && resolve::same_unit(c.kind, f.unit)).collect();
    if named.is_empty() {
        return None;
    }
    if let Some(c) = named.iter().find(|c| resolve::agrees(f, c)) {
        return Some(Resolution::Agrees(c.place.clone()));
    }
    Some(resolve::disagreeing(f, &named))
}

/// Why a figure is 未核对 when its record's figure disagrees but the report has an agreeing one of its name.
pub const UNSURE: &str = "本条记录的同名数字不一致，报告中另有一致的数字，不能确定是哪一个";

/// A named record of a year's data and its own figures.
#[derive(Debug, Clone)]
pub struct Record {
    /// Its name (名称), without quotes or spaces.
    name: String,
    /// Its own figures ([`own`]).
    own: Vec<Candidate>,
}

/// Every named record (a table with `name`, `project`, `title` …, below the top level) of a year's data files.
pub fn records(map: &SourceMap, files: &[(String, FileId, &Document)]) -> Vec<Record> {
    let mut out = vec![];
    for (_, id, doc) in files {
        let unit = resolve::money_unit(doc).flatten();
        for (_, node) in &doc.entries {
            collect(map, *id, node, unit, &mut out);
        }
    }
    out
}

fn collect(map: &SourceMap, id: FileId, node: &crate::model::document::Node, unit: Option<Decimal>, out: &mut Vec<Record>) {
    match &node.value {
        Value::Table(t) => {
            let unit = resolve::money_unit(t).unwrap_or(unit);
            if let Some(name) = name_of(t).filter(|n| n.chars().count() >= 4) {
                out.push(Record { name, own: own(map, id, t, unit) });
            }
            t.entries.iter().for_each(|(_, n)| collect(map, id, n, unit, out));
        }
        Value::Array(items) => items.iter().for_each(|n| collect(map, id, n, unit, out)),
        _ => {}
    }
}

/// Resolve a figure by the one record whose name is in its name, confirming
/// only: `Some(Agrees)` when a figure of the word after the name agrees, else `None`.
pub fn by_record(f: &Found, all: &[Record]) -> Option<Resolution> {
    if f.approximate || f.change.is_some() {
        return None;
    }
    let name = resolve::clean(&f.name);
    let mut named = all.iter().filter(|r| name.contains(&r.name));
    let (record, None) = (named.next()?, named.next()) else { return None };
    let after = &name[name.find(&record.name)? + record.name.len()..];
    let keys = keys_of(after, None)?;
    let c = record.own.iter().find(|c| keys.contains(&c.key.as_str()) && resolve::same_unit(c.kind, f.unit) && resolve::agrees(f, c))?;
    Some(Resolution::Agrees(c.place.clone()))
}

/// The records whose name (four characters or more) is written in `text`.
fn named_in<'r>(text: &str, all: &'r [Record]) -> Vec<&'r Record> {
    let text = resolve::clean(text);
    all.iter().filter(|r| text.contains(&r.name)).collect()
}

/// Does `text` (a paragraph before a figure) name a record?
pub fn names_a_record(text: &str, all: &[Record]) -> bool {
    !named_in(text, all).is_empty()
}

/// Resolve a figure by the one record named earlier in its paragraph
/// (`before`: “民生家园建设经费根据……。年预算金额为1000万元”), when its own name
/// is only a word of [`WORDS`] (after [`LEFTOVERS`]); confirming only, like [`by_record`].
pub fn by_context(f: &Found, before: &str, all: &[Record]) -> Option<Resolution> {
    if f.approximate || f.change.is_some() {
        return None;
    }
    let named = named_in(before, all);
    // One name (a project may be a record of two reports under the same name).
    let first = named.first()?;
    if named.iter().any(|r| r.name != first.name) {
        return None;
    }
    let keys = keys_of(&f.name, None)?;
    let mut own = named.iter().flat_map(|r| &r.own);
    let c = own.find(|c| keys.contains(&c.key.as_str()) && resolve::same_unit(c.kind, f.unit) && resolve::agrees(f, c))?;
    Some(Resolution::Agrees(c.place.clone()))
}
