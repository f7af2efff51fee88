//! “主要用于” — the rank a 情况说明 states. “一般公共预算财政拨款支出307.82万元，
//! 主要用于以下方面：一般公共服务支出（类）264.87万元…” names 类 of a whole that
//! a published table lists in full: 一般公共预算财政拨款支出决算表 (or, without
//! it, the 一般公共预算 column of 财政拨款收入支出决算总表), and for 政府性基金
//! its own table (or that column). When the statement leaves out a 类 the
//! table gives an amount, it claims the 类 it names are the main ones: no
//! 类 it leaves out may be larger than the smallest it names
//! ([`Code::Rank`]). A statement naming every 类 with an amount claims no
//! rank. The order of the list is no claim either: the template lists 类
//! in 科目 order (规划资源局 2024: 社会保障和就业 754.75 before 城乡社区
//! 3832.36), not by size.

use crate::check::{Approx, Code};
use crate::number::round_half_up;
use crate::reports::final_accounts::model::{FinalAccounts, FunctionClass};

use super::check::{Cx, value};
use super::model::{TableKind, Tables, bare_name};

/// The 类 of a whole as a table gives them: the table's title and each
/// 类's name and amount.
struct Whole {
    /// The table's title, for the message.
    title: String,
    /// Each 类: its name (as [`class_name`] compares it) and amount.
    classes: Vec<(String, Approx)>,
}

/// The 类 of `kind`'s table (column `total`), or else of the expenditure
/// side of 财政拨款收入支出决算总表 (column `column`), where published.
fn whole(tables: &Tables, kind: TableKind, column: &str) -> Option<Whole> {
    let (table, part, col) = match tables.get(kind).and_then(|t| Some((t, t.part("rows")?))) {
        Some((t, p)) => (t, p, p.column("total")?),
        None => {
            let t = tables.get(TableKind::Appropriation)?;
            let p = t.part("expenditure")?;
            (t, p, p.column(column)?)
        }
    };
    let balance_line = |name: &str| name.ends_with("结转和结余") || name.ends_with("结余分配");
    let classes = part
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.level == 1 && !r.total && !balance_line(&bare_name(&r.name)))
        .map(|(i, r)| (class_name(&r.name), value(&part.rows, i, col)))
        .collect();
    Some(Whole { title: table.title.clone(), classes })
}

/// A 类's name as compared: numbering, spaces and a trailing “（类）” dropped.
fn class_name(name: &str) -> String {
    bare_name(name).trim_end_matches("（类）").to_string()
}

/// Check that the 类 `classes` names (at `key.classes`) are the largest of `whole`.
fn rank(cx: &mut Cx, key: &str, what: &str, classes: &[FunctionClass], whole: Option<Whole>, unit: &str) {
    let Some(whole) = whole else { return };
    let named = |name: &str| classes.iter().position(|c| class_name(&c.name) == name);
    let left_out: Vec<&(String, Approx)> = whole.classes.iter().filter(|(n, a)| named(n).is_none() && a.value > rust_decimal::Decimal::ZERO).collect();
    // The smallest 类 it names, by the table's amount.
    let smallest = whole.classes.iter().filter_map(|(n, a)| named(n).map(|i| (i, n, a))).min_by_key(|(_, _, a)| a.value);
    let Some((i, name, least)) = smallest else { return };
    // Larger beyond rounding: its least value above the named one's greatest.
    let larger: Vec<String> = left_out.iter().filter(|(_, a)| a.lo > least.hi).map(|(n, a)| format!("“{n}”（{}{unit}）", round_half_up(a.value, 2))).collect();
    if larger.is_empty() {
        return;
    }
    let listed: Vec<&str> = classes.iter().map(|c| c.name.as_str()).collect();
    let message = format!(
        "情况说明称{what}“主要用于”{}，但{}中没有列出的{}比列出的“{name}”（{}{unit}）还大：所列的应是最大的几类",
        listed.join("、"),
        whole.title,
        larger.join("、"),
        round_half_up(least.value, 2)
    );
    let span = classes[i].amount.span;
    cx.ctx.checker.error(cx.ctx.map, span, Code::Rank, format!("{key}.classes[{i}]"), message);
}

/// Check the “主要用于” lists of `[general_budget]` and `[government_fund]`
/// against the tables, where published.
pub fn check_ranks(cx: &mut Cx, fa: &FinalAccounts, unit: &str) {
    let t = &fa.tables;
    if let Some(g) = &fa.general_budget {
        rank(cx, "general_budget", "一般公共预算财政拨款支出", &g.classes, whole(t, TableKind::GeneralBudget, "general_budget"), unit);
    }
    if let Some(g) = &fa.government_fund {
        rank(cx, "government_fund", "政府性基金预算财政拨款支出", &g.classes, whole(t, TableKind::GovernmentFund, "government_fund"), unit);
    }
}
