//! 同类服务单项定额比较 — the same service's 单项定额 (and the actual unit
//! price its analysis budgeted) across units and years, on the 单项定额一览
//! (`norms/index.html`), modelled on the 其他街道合同对比 table of a cost
//! analysis: the entries side by side with the spread flagged in words
//! (最高/最低 and their ratio, the median, how far each entry lies from it).
//!
//! The matching rule (docs/content-format.md, 单项定额一览): two norms are
//! the same service when their 内容 are equal after [`name_key`] (numbering,
//! spaces and full-width brackets folded) and their 计量单位 (the unit after
//! `/` in `200元/人次`, normalised) are equal; amounts in 万元 are compared
//! in 元. A norm without a 计量单位 is never compared. Grouping is one pass
//! over the norms (a map keyed by service and unit), and the spread sorts
//! each group once.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::derive::CostFigures;
use super::derive::service_key;
use super::model::Norm;
use crate::number::format::money2;
use crate::number::round_half_up;

/// Entries further than this from the median (percent) are flagged 偏离较大.
pub const FAR_PCT: Decimal = Decimal::from_parts(30, 0, 0, false, 0);

/// One 单项定额 of one unit-year's analysis, as the comparison reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The unit's 简称 (单位).
    pub unit: String,
    /// The analysis year (年度).
    pub year: u16,
    /// 单项定额, in 元 per the unit of measure.
    pub norm: Decimal,
    /// 实际单价: what the analysis's latest budget priced under the norm, in
    /// 元 per the unit of measure (quantity-weighted when several lines cite
    /// it); `None` when no line does.
    pub actual: Option<Decimal>,
    /// Link to the norm's row on its analysis page.
    pub href: String,
}

/// The norms of one service in one unit of measure, from several entries.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The service name as the first entry writes it (without numbering).
    pub name: String,
    /// 计量单位 (人次, 场 …).
    pub per: String,
    /// The entries in the order they were read (unit, then year).
    pub entries: Vec<Entry>,
}

/// The spread of a group's 单项定额.
#[derive(Debug, Clone, PartialEq)]
pub struct Spread {
    /// Index of the highest and the lowest entry.
    pub max: usize,
    pub min: usize,
    /// The median of the values (the mean of the two middle ones for an even count).
    pub median: Decimal,
    /// 最高/最低, two decimals; `None` when the lowest is zero.
    pub ratio: Option<Decimal>,
    /// Per entry, its distance from the median in percent (+ above), two decimals;
    /// `None` when the median is zero.
    pub from_median: Vec<Option<Decimal>>,
}

/// A 内容 reduced for matching: numbering (`1.`), spaces and full-width
/// brackets folded, so “2. 个案帮扶（个人）” and “个案帮扶(个人)” match.
pub fn name_key(name: &str) -> String {
    service_key(name)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect()
}

/// A norm's value in 元 per its unit of measure, with that unit; `None`
/// when it has no 计量单位 or no value (never compared).
pub fn per_unit(norm: &Norm) -> Option<(Decimal, String)> {
    let per = norm.value.per.clone().filter(|p| !p.is_empty())?;
    let v = norm.value.figure.value?;
    let scale = if norm.value.money == "万元" { Decimal::from(10_000) } else { Decimal::ONE };
    Some((v * scale, per))
}

/// Group the norms by service and unit of measure in one pass; `items` are
/// (内容, 计量单位, entry). Only groups of two or more entries are kept, in
/// the order of their names.
pub fn groups(items: impl IntoIterator<Item = (String, String, Entry)>) -> Vec<Group> {
    let mut by_key: BTreeMap<(String, String), Group> = BTreeMap::new();
    for (name, per, entry) in items {
        let key = (name_key(&name), per.clone());
        by_key.entry(key).or_insert_with(|| Group { name: service_key(&name).to_string(), per, entries: vec![] }).entries.push(entry);
    }
    by_key.into_values().filter(|g| g.entries.len() >= 2).collect()
}

/// The spread of `values` (one per entry); `None` when empty.
pub fn spread(values: &[Decimal]) -> Option<Spread> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].cmp(&values[b]).then(a.cmp(&b)));
    let (&min, &max) = (order.first()?, order.last()?);
    let n = order.len();
    let median = if n % 2 == 1 { values[order[n / 2]] } else { (values[order[n / 2 - 1]] + values[order[n / 2]]) / Decimal::TWO };
    let ratio = (!values[min].is_zero()).then(|| round_half_up(values[max] / values[min], 2));
    let from_median = values.iter().map(|v| (!median.is_zero()).then(|| round_half_up((*v - median) / median * Decimal::ONE_HUNDRED, 2))).collect();
    Some(Spread { max, min, median, ratio, from_median })
}

/// How an entry stands against the median, in plain Chinese: “比中位数高12.5%”,
/// “与中位数持平”, with “，偏离较大” beyond [`FAR_PCT`].
pub fn from_median_words(pct: Option<Decimal>) -> String {
    let Some(p) = pct else { return "—".into() };
    let far = if p.abs() > FAR_PCT { "，偏离较大" } else { "" };
    match p.cmp(&Decimal::ZERO) {
        std::cmp::Ordering::Equal => "与中位数持平".into(),
        std::cmp::Ordering::Greater => format!("比中位数高{}%{far}", p.normalize()),
        std::cmp::Ordering::Less => format!("比中位数低{}%{far}", (-p).normalize()),
    }
}

/// The entry's label: “第1街道2024年”.
pub fn label(e: &Entry) -> String {
    format!("{}{}年", e.unit, e.year)
}

/// The group's spread in one plain sentence: highest, lowest, their ratio,
/// the median and the entries far from it.
pub fn spread_words(g: &Group, s: &Spread) -> String {
    let unit = format!("元/{}", g.per);
    let (hi, lo) = (&g.entries[s.max], &g.entries[s.min]);
    let mut out = format!("{}的单项定额最高的是{}（{}{unit}），最低的是{}（{}{unit}）", g.name, label(hi), money2(hi.norm), label(lo), money2(lo.norm));
    if let Some(r) = s.ratio {
        out.push_str(&format!("，最高是最低的{}倍", r.normalize()));
    }
    out.push_str(&format!("；中位数{}{unit}", money2(s.median)));
    let far: Vec<String> = g.entries.iter().zip(&s.from_median).filter(|(_, p)| p.is_some_and(|p| p.abs() > FAR_PCT)).map(|(e, _)| label(e)).collect();
    if far.is_empty() {
        out.push_str(&format!("，各单位都在中位数上下{FAR_PCT}%以内。"));
    } else {
        out.push_str(&format!("，偏离中位数{FAR_PCT}%以上的有{}。", far.join("、")));
    }
    out
}

/// The actual unit price of norm `index` in an analysis: the lines (or whole
/// services) of its latest budget that cite the norm, their price per the
/// norm's unit weighted by their count in it.
pub fn actual_price(figures: &CostFigures, index: usize) -> Option<Decimal> {
    for budget in figures.budgets.iter().rev() {
        let mut priced = vec![];
        for s in &budget.services {
            let all = s.compliance.iter().chain(s.lines.iter().filter_map(|l| l.compliance.as_ref()));
            priced.extend(all.filter(|c| c.norm == index).filter_map(|c| Some((c.price?, c.quantity.unwrap_or(Decimal::ONE)))));
        }
        let count: Decimal = priced.iter().map(|(_, q)| *q).sum();
        if !priced.is_empty() && !count.is_zero() {
            return Some(round_half_up(priced.iter().map(|(p, q)| p * q).sum::<Decimal>() / count, 2));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(unit: &str, year: u16, norm: i64) -> Entry {
        Entry { unit: unit.into(), year, norm: Decimal::from(norm), actual: None, href: String::new() }
    }

    #[test]
    fn the_same_service_matches_after_numbering_spaces_and_brackets_but_not_across_units_of_measure() {
        let items = vec![
            ("1.需求评估".to_string(), "人次".to_string(), entry("甲", 2024, 200)),
            ("需求 评估".to_string(), "人次".to_string(), entry("乙", 2024, 250)),
            ("需求评估".to_string(), "户".to_string(), entry("丙", 2024, 900)),
            ("2、个案帮扶（个人）".to_string(), "人次".to_string(), entry("甲", 2023, 300)),
            ("个案帮扶(个人)".to_string(), "人次".to_string(), entry("乙", 2023, 320)),
            ("小组活动".to_string(), "场".to_string(), entry("甲", 2024, 800)),
        ];
        let g = groups(items);
        let names: Vec<(&str, &str, usize)> = g.iter().map(|g| (g.name.as_str(), g.per.as_str(), g.entries.len())).collect();
        // 需求评估 per 户 has no peer in 户 and 小组活动 is alone: neither is compared.
        assert_eq!(names, [("个案帮扶（个人）", "人次", 2), ("需求评估", "人次", 2)]);
        assert_eq!(g[1].entries.iter().map(|e| e.unit.as_str()).collect::<Vec<_>>(), ["甲", "乙"]);
    }

    #[test]
    fn the_spread_gives_extremes_ratio_median_and_distance() {
        let values: Vec<Decimal> = [200, 250, 150, 400].into_iter().map(Decimal::from).collect();
        let s = spread(&values).unwrap();
        assert_eq!((s.max, s.min), (3, 2));
        assert_eq!(s.median, Decimal::from(225));
        assert_eq!(s.ratio, Some(Decimal::new(267, 2)));
        let d: Vec<String> = s.from_median.iter().map(|p| p.unwrap().to_string()).collect();
        assert_eq!(d, ["-11.11", "11.11", "-33.33", "77.78"]);
        assert_eq!(from_median_words(s.from_median[3]), "比中位数高77.78%，偏离较大");
        assert_eq!(from_median_words(s.from_median[0]), "比中位数低11.11%");
        let odd = spread(&[Decimal::from(3), Decimal::from(1), Decimal::from(2)]).unwrap();
        assert_eq!((odd.median, odd.from_median[1]), (Decimal::from(2), Some(Decimal::from(-50))));
        assert!(spread(&[]).is_none());
    }

    #[test]
    fn the_sentence_names_highest_lowest_median_and_the_far_ones() {
        let g = Group {
            name: "需求评估".into(), per: "人次".into(), entries: vec![entry("甲", 2024, 200), entry("乙", 2024, 400), entry("丙", 2023, 210)]
        };
        let s = spread(&g.entries.iter().map(|e| e.norm).collect::<Vec<_>>()).unwrap();
        assert_eq!(
            spread_words(&g, &s),
            "需求评估的单项定额最高的是乙2024年（400.00元/人次），最低的是甲2024年（200.00元/人次），最高是最低的2倍；中位数210.00元/人次，偏离中位数30%以上的有乙2024年。"
        );
    }
}
