//! Budget-side synonyms (预算口径的同义名称): the same quantity of a unit's
//! year is written under several names — 年初预算批复数, 部门预算年初数,
//! 年初预算, 年初数 are all the 年初预算; 调整后预算 and 全年预算 the
//! 调整后预算; 实际支出, 决算数, 执行数 the 实际支出. A prose figure whose
//! whole name (after a leading 部门, 单位, 街道, 年度 …) is one of them is
//! compared with the data figures of the same unit-year whose name is one of
//! the same group: a table's named row (`name`) or a ratio's operand named
//! by its `a_name` / `b_name` (“年初预算数”, `b = 41400.94`).
//!
//! Precision first: only the whole name counts (部门公用经费年初预算 is a
//! part, not the 年初预算), a figure is disputed only when the figures of its
//! group hold one value, and only by a caller that knows nothing narrower is
//! meant (see [`super::account`]).

use rust_decimal::Decimal;

use super::resolve::{self, Candidate, Kind, Resolution};
use super::scan::Found;
use crate::model::document::{Document, Node, Table, Value};
use crate::source::{FileId, SourceMap};

/// The groups: the name each is compared by, and the names written for it.
const GROUPS: [(&str, &[&str]); 3] = [
    ("年初预算", &["年初预算", "年初预算数", "年初预算批复数", "年初批复数", "年初批复预算", "预算年初数", "年初数"]),
    ("调整后预算", &["调整后预算", "调整后预算数", "全年预算", "全年预算数"]),
    ("实际支出", &["实际支出", "实际支出数", "决算数", "支出决算数", "执行数", "全年执行数", "预算执行数", "全年预算执行数"]),
];

/// Words in front of a name that say whose budget it is (the unit's own), taken off.
const SCOPE: [&str; 8] = ["我单位", "本单位", "部门", "单位", "街道", "年度", "年", "度"];

/// The group a name belongs to, if its whole name (after [`SCOPE`] words) is one of a group's names.
pub fn canonical(name: &str) -> Option<&'static str> {
    let mut rest = resolve::clean(name);
    for _ in 0..3 {
        if let Some(group) = GROUPS.iter().find(|(_, names)| names.contains(&rest.as_str())) {
            return Some(group.0);
        }
        let Some(stripped) = SCOPE.iter().find_map(|w| rest.strip_prefix(w)) else { break };
        rest = stripped.to_string();
    }
    GROUPS.iter().find(|(_, names)| names.contains(&rest.as_str())).map(|g| g.0)
}

/// The budget figures of a year's data, each labelled with its group: the
/// named amounts among `candidates` and every ratio operand named by `*_name`.
pub fn figures(map: &SourceMap, files: &[(String, FileId, &Document)], candidates: &[Candidate]) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = candidates
        .iter()
        .filter(|c| matches!(c.kind, Kind::Money(_)) && !c.change)
        .filter_map(|c| Some(Candidate { label: canonical(&c.label)?.to_string(), ..c.clone() }))
        .collect();
    for (name, id, doc) in files {
        resolve::each_entry((*id, name), doc, resolve::money_unit(doc).flatten(), &mut |at, t, unit, key, node| {
            out.extend(operand(map, at, t, unit, key, node));
        });
    }
    out
}

/// A ratio's operand named by `*_name` (`b_name = "年初预算数"`, `b = 41400.94`) whose name is in a group.
fn operand(map: &SourceMap, (id, path): resolve::At, t: &Table, unit: Option<Decimal>, key: &str, node: &Node) -> Option<Candidate> {
    let (operand, Value::String(written)) = (key.strip_suffix("_name")?, &node.value) else { return None };
    let (group, money) = (canonical(written)?, unit?);
    let n = t.get(operand)?;
    let (Value::Integer(text) | Value::Float(text) | Value::String(text)) = &n.value else { return None };
    let value = crate::number::parse_literal(text).ok().flatten()?;
    let key = format!("{operand}，{}", resolve::clean(written));
    Some(resolve::candidate(map, (id, &format!("{path}.{operand}")), group, &key, Kind::Money(money), value, text, n))
}

/// Resolve an amount by its group: `None` when its name is in no group or
/// the data has no figure of its group; else agreeing, or [`resolve::disagreeing`].
pub fn resolve(f: &Found, all: &[Candidate]) -> Option<Resolution> {
    if f.approximate || f.change.is_some() || f.unit.yuan().is_none() {
        return None;
    }
    let group = canonical(&f.name)?;
    let named: Vec<&Candidate> = all.iter().filter(|c| c.label == group).collect();
    if named.is_empty() {
        return None;
    }
    if let Some(c) = named.iter().find(|c| resolve::agrees(f, c)) {
        return Some(Resolution::Agrees(c.place.clone()));
    }
    Some(resolve::disagreeing(f, &named))
}

#[cfg(test)]
mod tests {
    use super::canonical;

    #[test]
    fn names_of_one_group_and_parts_that_are_not() {
        for n in ["年初预算批复数", "部门预算年初数", "年初数", "年初预算数", "街道年初预算"] {
            assert_eq!(canonical(n), Some("年初预算"), "{n}");
        }
        assert_eq!(canonical("全年预算"), Some("调整后预算"));
        assert_eq!(canonical("决算数"), Some("实际支出"));
        for n in ["部门公用经费年初预算", "基本支出预算", "三公经费年初预算数", "预算", "年初"] {
            assert_eq!(canonical(n), None, "{n}");
        }
    }
}
