//! The one-line message above a chart (图表要点): a sentence computed from
//! the chart's own data in plain Chinese — which part is largest and its
//! share (“一般公共服务支出最多，占29.33%”), which item is highest or lowest
//! (“支出比例最高的是…，最低的是…”) — never a fixed text, so it always
//! matches the table beside the chart. Shares are computed exactly with
//! `Decimal` and rounded half up to two places.

use rust_decimal::Decimal;

use crate::number::format::{money2, percent};

/// The first item with the largest value (ties: the earlier one), if any.
fn largest(items: &[(String, Decimal)]) -> Option<&(String, Decimal)> {
    items.iter().fold(None, |best: Option<&(String, Decimal)>, it| match best {
        Some(b) if b.1 >= it.1 => Some(b),
        _ => Some(it),
    })
}

/// The first item with the smallest value, if any.
fn smallest(items: &[(String, Decimal)]) -> Option<&(String, Decimal)> {
    items.iter().fold(None, |best: Option<&(String, Decimal)>, it| match best {
        Some(b) if b.1 <= it.1 => Some(b),
        _ => Some(it),
    })
}

/// A pie's message (构成): the largest part and its share of the whole,
/// “一般公共服务支出最多，占29.33%”; one part alone: “全部为…”. Empty when
/// there is nothing to say (no items, or a sum of zero).
pub fn largest_share(items: &[(String, Decimal)]) -> String {
    let total: Decimal = items.iter().map(|(_, v)| *v).sum();
    let Some((label, value)) = largest(items) else { return String::new() };
    if total <= Decimal::ZERO {
        return String::new();
    }
    if items.len() == 1 {
        return format!("全部为{label}");
    }
    format!("{label}最多，占{}", percent(*value * Decimal::ONE_HUNDRED / total, false))
}

/// A bar chart's message: the item highest in `what` (e.g. 决算数) with
/// its value and unit, “决算数最高的是一般公共服务支出，1,234.56万元”.
pub fn highest(what: &str, items: &[(String, Decimal)], unit: &str) -> String {
    match largest(items) {
        Some((label, value)) => format!("{what}最高的是{label}，{}{unit}", money2(*value)),
        None => String::new(),
    }
}

/// A rate chart's message: the lowest and the highest rate (the lowest
/// first: an unspent budget is the news), “支出比例最低的是乙（12.5%），
/// 最高的是甲（100%）”; one item alone: its rate.
pub fn rate_range(what: &str, items: &[(String, Decimal)]) -> String {
    let (Some((high, hv)), Some((low, lv))) = (largest(items), smallest(items)) else { return String::new() };
    if items.len() == 1 {
        return format!("{high}的{what}为{}", percent(*hv, false));
    }
    format!("{what}最低的是{low}（{}），最高的是{high}（{}）", percent(*lv, false), percent(*hv, false))
}

/// A comparison's message: the highest item and, when it is not the
/// highlighted one (本单位), where the highlighted one stands,
/// “最高的是甲，4.10万元/月；本单位（乙）3.49万元/月，排第2位”.
pub fn highest_and_own(items: &[(String, Decimal, bool)], unit: &str) -> String {
    let plain: Vec<(String, Decimal)> = items.iter().map(|(l, v, _)| (l.clone(), *v)).collect();
    let Some((label, value)) = largest(&plain) else { return String::new() };
    let mut out = format!("最高的是{label}，{}{unit}", money2(*value));
    if let Some((own, v, _)) = items.iter().find(|(_, _, own)| *own)
        && own != label
    {
        let rank = 1 + items.iter().filter(|(_, x, _)| x > v).count();
        out.push_str(&format!("；本单位（{own}）{}{unit}，排第{rank}位", money2(*v)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().expect("a decimal")
    }

    fn items(list: &[(&str, Decimal)]) -> Vec<(String, Decimal)> {
        list.iter().map(|(l, v)| (l.to_string(), *v)).collect()
    }

    #[test]
    fn a_pie_names_its_largest_part_and_its_share() {
        let data = items(&[("社会保障和就业支出", d("1200.50")), ("一般公共服务支出", d("2933")), ("城乡社区支出", d("5866.50"))]);
        assert_eq!(largest_share(&data), "城乡社区支出最多，占58.67%");
        // The share is computed, not copied: 2933 of 10000 is 29.33%.
        let data = items(&[("一般公共服务支出", d("2933")), ("其他", d("7067"))]);
        assert_eq!(largest_share(&data), "其他最多，占70.67%");
        assert_eq!(largest_share(&items(&[("人员经费", d("5"))])), "全部为人员经费");
        assert_eq!(largest_share(&[]), "");
        // A tie goes to the first, as the table lists it.
        assert_eq!(largest_share(&items(&[("甲", d("1")), ("乙", d("3"))])), "乙最多，占75%");
        assert_eq!(largest_share(&items(&[("甲", d("1")), ("乙", d("1"))])), "甲最多，占50%");
    }

    #[test]
    fn bars_name_the_highest_with_value_and_unit() {
        let data = items(&[("公务接待费", d("0.3")), ("公务用车运行维护费", d("12.345")), ("因公出国（境）费", d("0"))]);
        assert_eq!(highest("决算数", &data, "万元"), "决算数最高的是公务用车运行维护费，12.35万元");
        assert_eq!(highest("决算数", &[], "万元"), "");
    }

    #[test]
    fn rates_name_the_highest_and_the_lowest() {
        let data = items(&[("甲", d("98.5")), ("乙", d("0")), ("丙", d("112.345"))]);
        assert_eq!(rate_range("支出比例", &data), "支出比例最低的是乙（0%），最高的是丙（112.35%）");
        assert_eq!(rate_range("执行率", &items(&[("甲", d("50.5"))])), "甲的执行率为50.5%");
    }

    #[test]
    fn a_comparison_says_where_the_own_unit_stands() {
        let data = vec![("甲".to_string(), d("4.1"), false), ("乙".to_string(), d("3.49"), true), ("丙".to_string(), d("2"), false)];
        assert_eq!(highest_and_own(&data, "万元/月"), "最高的是甲，4.10万元/月；本单位（乙）3.49万元/月，排第2位");
        let first = vec![("乙".to_string(), d("5"), true), ("甲".to_string(), d("4.1"), false)];
        assert_eq!(highest_and_own(&first, "万元/月"), "最高的是乙，5.00万元/月");
    }
}
