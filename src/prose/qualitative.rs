//! Qualitative claims (定性说法): words in prose that state a value
//! without a figure — “预决算无差异”, “基本持平” (a difference of zero),
//! “全部完成”, “全部到位”, “均已支付” (a rate of 100%). A claim is compared
//! with the figure it describes when the report has exactly one value under
//! that name (the phrase before the claim followed by 差异率, 执行率, 完成率
//! …, matched against the report's labels, [`super::labels`]); otherwise it
//! stays 未核对. “决算无差异” is the 预决算差异率 of the same name: 决算 is
//! compared with its budget.

use rust_decimal::Decimal;

use super::labels::{Label, named};
use super::resolve::Resolution;
use super::scan::ProseUnit;
use crate::check::{Approx, classify};
use crate::source::FileId;

/// A qualitative claim found in a text.
#[derive(Debug, Clone)]
pub struct Claim {
    /// The claim as written (`无差异`).
    pub word: &'static str,
    /// The phrase before it, as written.
    pub phrase: String,
    /// What it is about, for comparing (`部门决算`).
    pub name: String,
    /// Preceded by 基本, 大致: not an exact claim.
    pub approximate: bool,
    /// The rate or difference it states (0 or 100, in %).
    expected: Decimal,
    /// Byte range of the claim in the text.
    pub start: usize,
    /// End of the claim.
    pub end: usize,
}

/// Claims, the value in % they state, and the labels they are the value of.
const CLAIMS: [(&str, u32, &[&str]); 8] = [
    ("无差异", 0, &["差异率", "差异"]),
    ("持平", 0, &["增减率", "差异率"]),
    ("全部完成", 100, &["完成率", "执行率", "完成比例"]),
    ("均已完成", 100, &["完成率", "执行率", "完成比例"]),
    ("全部到位", 100, &["到位率"]),
    ("均已到位", 100, &["到位率"]),
    ("全部支付", 100, &["支付率", "执行率"]),
    ("均已支付", 100, &["支付率", "执行率"]),
];

/// Words before a claim that make it approximate.
const LOOSE: [&str; 3] = ["基本", "大致", "大体"];
/// Words trimmed from the end of the phrase (已全部完成, 已经全部完成).
const LINKS: [&str; 4] = ["已经", "已", "都", "也"];
/// Words trimmed from the start of the phrase.
const OWNERS: [&str; 6] = ["年度", "年", "我单位", "本单位", "我街道", "本街道"];

fn ends_phrase(c: char) -> bool {
    matches!(c, '，' | '。' | '；' | '：' | '、' | '！' | '？' | ',' | ';' | ':' | '\n' | '|' | '*' | '#' | '>') || c.is_whitespace() || c.is_ascii_digit()
}

/// Every qualitative claim of a text, in order.
pub fn claims(text: &str) -> Vec<Claim> {
    let mut out = vec![];
    for (word, expected, _) in CLAIMS {
        for (start, _) in text.match_indices(word) {
            let before = &text[..start];
            let cut = before.char_indices().rev().find(|(_, c)| ends_phrase(*c)).map_or(0, |(i, c)| i + c.len_utf8());
            let phrase = before[cut..].to_string();
            let mut name = super::resolve::clean(&phrase);
            for w in LINKS {
                if let Some(t) = name.strip_suffix(w) {
                    name = t.to_string();
                }
            }
            let approximate = LOOSE.iter().any(|w| name.ends_with(w));
            for _ in 0..2 {
                if let Some(w) = OWNERS.iter().find(|w| name.starts_with(**w)) {
                    name = name[w.len()..].to_string();
                }
            }
            out.push(Claim { word, phrase, name, approximate, expected: Decimal::from(expected), start, end: start + word.len() });
        }
    }
    out.sort_by_key(|c| c.start);
    out
}

/// Compare a claim with the one value it describes, if the report has it.
pub fn resolve(c: &Claim, inside: (FileId, u32, u32), labels: &[Label]) -> Resolution {
    if c.approximate {
        return Resolution::Unresolved("说法不确定（基本、大致）");
    }
    if c.name.chars().count() < 2 {
        return Resolution::Unresolved("前面没有说明是什么的词");
    }
    let suffixes = CLAIMS.iter().find(|(w, _, _)| *w == c.word).map_or(&[][..], |x| x.2);
    let mut names: Vec<String> = suffixes.iter().map(|s| format!("{}{s}", c.name)).collect();
    // 决算无差异: the 预决算差异率.
    if c.expected.is_zero()
        && let Some(stem) = c.name.strip_suffix("决算").filter(|s| !s.ends_with('预'))
    {
        names.extend(suffixes.iter().map(|s| format!("{stem}预决算{s}")));
    }
    let found: Vec<(&Label, Approx)> = names.iter().flat_map(|n| named(n, ProseUnit::Percent, inside, labels)).collect();
    let mut values: Vec<Decimal> = found.iter().map(|(_, a)| a.value).collect();
    values.sort();
    values.dedup();
    let Some((l, a)) = found.first() else { return Resolution::Unresolved("数据中没有它所说的比率") };
    if values.len() != 1 {
        return Resolution::Unresolved("同名数据有几个不同的数字，不能确定是哪一个");
    }
    if classify(c.expected, 2, *a) == Some(true) {
        Resolution::Contradicted(super::labels::shown(l, *a, ProseUnit::Percent), l.place.clone(), super::labels::about(l))
    } else {
        Resolution::Agrees(l.place.clone())
    }
}
