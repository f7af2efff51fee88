//! Key paths into a report's [`Document`] (its data file as the loader parsed it): `overview.total`, `items[0].amount`,
//! `expenditure.items[基本支出].amount` (a list element by its `name`,
//! `item`, `title`, `project` or `id`). Unknown keys get a “did you mean”.

use std::ops::Range;

use crate::model::document::{Document, Node, Table, Value};

use crate::number::MoneyUnit;

/// A value found at a path, with its byte range and the money unit in force
/// there (the nearest `unit` key on the way down).
pub struct Found<'a> {
    pub value: &'a Value,
    pub span: Range<usize>,
    pub unit: Option<MoneyUnit>,
}

/// Keys that name a list element.
const NAME_KEYS: &[&str] = &["name", "item", "title", "project", "id"];

enum Step<'p> {
    Key(&'p str),
    Index(usize),
    Named(&'p str),
}

fn steps(path: &str) -> Result<Vec<Step<'_>>, String> {
    let mut out = vec![];
    let mut rest = path.trim();
    while !rest.is_empty() {
        rest = rest.trim_start_matches('.');
        if let Some(inner) = rest.strip_prefix('[') {
            let close = inner.find(']').ok_or_else(|| format!("路径 “{path}” 的 [ 没有对应的 ]"))?;
            let sel = inner[..close].trim();
            out.push(match sel.parse::<usize>() {
                Ok(i) => Step::Index(i),
                Err(_) => Step::Named(sel),
            });
            rest = &inner[close + 1..];
        } else {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            let key = rest[..end].trim();
            if key.is_empty() {
                return Err(format!("路径 “{path}” 有空的键名"));
            }
            out.push(Step::Key(key));
            rest = &rest[end..];
        }
    }
    Ok(out)
}

fn unit_of(t: &Table) -> Option<MoneyUnit> {
    t.get("unit").and_then(|v| match &v.value {
        Value::String(s) if s == "元" => Some(MoneyUnit::Yuan),
        Value::String(s) if s == "万元" => Some(MoneyUnit::TenThousandYuan),
        _ => None,
    })
}

/// The candidate closest to `want` by edit distance in characters (Levenshtein), if it is close enough to be a typo.
pub fn closest<'c>(want: &str, candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
    candidates
        .map(|c| (strsim::levenshtein(want, c), c))
        .filter(|(d, c)| *d <= 2.max(want.chars().count() / 3) || c.contains(want) || want.contains(c))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// The name of a list element (its `name`, `item`, … key).
fn name_of(v: &Node) -> Option<&str> {
    let Value::Table(t) = &v.value else { return None };
    t.entries.iter().find(|(k, _)| NAME_KEYS.contains(&k.as_str())).and_then(|(_, v)| match &v.value {
        Value::String(s) => Some(s.as_str()),
        _ => None,
    })
}

/// How a path picks element `i` of a list: by its name (`[基本支出]`) when
/// that name is its alone and reads back as a name, else by position (`[3]`).
pub fn selector(items: &[Node], i: usize) -> String {
    let plain =
        |n: &str| !n.is_empty() && n.trim() == n && n.parse::<usize>().is_err() && !n.contains(['[', ']', '|', '{', '}', '\n', '\r']) && !n.contains("=");
    match items.get(i).and_then(name_of) {
        Some(n) if plain(n) && items.iter().filter(|v| name_of(v) == Some(n)).count() == 1 => format!("[{n}]"),
        _ => format!("[{i}]"),
    }
}

/// Follow `path` from the top of `table` (a file called `file` in messages).
pub fn resolve<'a>(table: &'a Document, path: &str, file: &str) -> Result<Found<'a>, String> {
    let mut unit = unit_of(table);
    let mut here: Option<&'a Node> = None;
    let mut walked = file.to_string();
    for step in steps(path)? {
        let current_table = match here {
            None => Some(table),
            Some(Node { value: Value::Table(t), .. }) => Some(t),
            _ => None,
        };
        match step {
            Step::Key(k) => {
                let t = current_table.ok_or_else(|| format!("{walked} 不是一张表，没有键 “{k}”"))?;
                let v = t.get(k).ok_or_else(|| {
                    let keys = t.entries.iter().map(|(key, _)| key.as_str());
                    let hint = closest(k, keys).map(|c| format!("，是不是 “{c}”？")).unwrap_or_default();
                    format!("{walked} 里没有 “{k}”{hint}")
                })?;
                here = Some(v);
                walked = format!("{walked}.{k}");
            }
            Step::Index(i) => {
                let Some(Node { value: Value::Array(a), .. }) = here else { return Err(format!("{walked} 不是列表，不能用 [{i}] 选取")) };
                let v = a.get(i).ok_or_else(|| format!("{walked} 只有 {} 项（从 0 数起），没有 [{i}]", a.len()))?;
                here = Some(v);
                walked = format!("{walked}[{i}]");
            }
            Step::Named(n) => {
                let Some(Node { value: Value::Array(a), .. }) = here else { return Err(format!("{walked} 不是列表，不能用 [{n}] 选取")) };
                let v = a.iter().find(|v| name_of(v) == Some(n)).ok_or_else(|| {
                    let hint = closest(n, a.iter().filter_map(name_of)).map(|c| format!("，是不是 “{c}”？")).unwrap_or_default();
                    format!("{walked} 里没有名为 “{n}” 的一项{hint}")
                })?;
                here = Some(v);
                walked = format!("{walked}[{n}]");
            }
        }
        if let Some(Node { value: Value::Table(t), .. }) = here {
            unit = unit_of(t).or(unit);
        }
    }
    let node = here.ok_or_else(|| format!("引用 “{file}” 需要写出键名，如 {file}.overview.total"))?;
    Ok(Found { value: &node.value, span: node.span.clone(), unit })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_misspelt_key_gets_the_closest_key_as_suggestion() {
        let table = crate::model::document::parse("[execution]\nbudget = 41937.68\nactual = 41937.68\nrate_pct = 100\n").unwrap();
        let Err(message) = resolve(&table, "execution.budegt", "evaluation.toml") else { panic!("a misspelt key resolved") };
        assert_eq!(message, "evaluation.toml.execution 里没有 “budegt”，是不是 “budget”？");
    }

    #[test]
    fn a_misspelt_name_gets_the_closest_name_and_far_ones_none() {
        let names = ["部门预决算差异率", "结转结余率", "预算执行率"];
        assert_eq!(closest("部门预决算差异", names.into_iter()), Some("部门预决算差异率"));
        assert_eq!(closest("预算执行律", names.into_iter()), Some("预算执行率"));
        assert_eq!(closest("合同金额", names.into_iter()), None);
    }
}
