//! A stated total and its listed parts (合计与其中各项): “政府采购支出总额
//! 7914.96万元，其中：政府采购货物支出61.16万元，政府采购工程支出1707.81万元，
//! 政府采购服务支出6145.99万元” — the total is compared with the sum of the
//! parts listed after “其中” in the same sentence (amounts converted to 元).
//!
//! A total is a figure followed by “，其中” (“全年预算数4197.68万元，其中，
//! 基本支出预算数9840.48万元，项目支出预算数32097.2万元，其他支出预算数0万元”,
//! seed 004: a digit dropped), usually written with 合计, 共计, 总额 ….
//!
//! Precision first: a total agreeing with its parts is 已核对; one that
//! does not is `E-PROSE-CALC` only when every part is named as a kind of
//! the total (the parts' names end with the total's last two characters:
//! 支出 … 支出), at least two parts, all exact, all of the total's unit
//! kind, and nothing else in the list. “资产总计 …，其中：现金 …，固定资产原值 …，
//! 累计折旧 …” (seed 003) lists items that are not a partition and is left
//! 未核对.

use rust_decimal::Decimal;

use super::scan::{Found, ProseUnit};

/// Words ending a total's phrase (longest first).
const TOTAL_WORDS: [&str; 12] = ["合计为", "共计为", "总计为", "总额为", "合计", "共计", "总计", "总额", "总共", "累计", "共有", "共"];

/// A total, the parts listed after it and how they compare.
#[derive(Debug, Clone, PartialEq)]
pub struct Total {
    /// Index of the total among the text's figures.
    pub index: usize,
    /// The parts as written (`61.16万元` …).
    pub parts: Vec<String>,
    /// Their sum, in the total's unit.
    pub sum: Decimal,
    /// Whether the parts sum to the total.
    pub agrees: bool,
    /// Whether a difference is certain enough to report (the parts are named as kinds of the total).
    pub certain: bool,
}

/// The value of a figure in 元 for an amount, else as written.
fn base(f: &Found) -> Decimal {
    f.value * f.unit.yuan().unwrap_or(Decimal::ONE)
}

/// Whether two units are of one kind (amounts, or the same measure word or %).
fn same_kind(a: ProseUnit, b: ProseUnit) -> bool {
    (a.yuan().is_some() && b.yuan().is_some()) || a == b
}

/// Every total with listed parts among the figures of a text.
pub fn totals(text: &str, figures: &[Found]) -> Vec<Total> {
    let mut out = vec![];
    for (index, t) in figures.iter().enumerate() {
        if t.approximate || t.change.is_some() {
            continue;
        }
        // A figure followed by “，其中” is the total of what the sentence lists next.
        let word = TOTAL_WORDS.iter().find(|w| t.phrase.ends_with(**w)).copied().unwrap_or("");
        let after = text[t.end..].trim_start_matches(['，', ',', ' ']);
        if !after.starts_with("其中") || after.len() == text.len() - t.end {
            continue;
        }
        // The sentence after the total.
        let list_start = text.len() - after.len();
        let list_end = after.find(['。', '；', ';', '\n']).map_or(text.len(), |e| list_start + e);
        let parts: Vec<&Found> = figures[index + 1..].iter().take_while(|f| f.start < list_end).collect();
        if parts.len() < 2 || parts.iter().any(|p| p.approximate || p.change.is_some() || !same_kind(p.unit, t.unit)) {
            continue;
        }
        let scale = t.unit.yuan().unwrap_or(Decimal::ONE);
        let sum = parts.iter().map(|p| base(p)).sum::<Decimal>() / scale;
        let head = head_of(&t.phrase, word);
        // A gap no larger than the written figures' rounding (half the last
        // written place of the total and of each part) is not a contradiction
        // (seed 002: 全年预算数40775.5299万元 against parts of two decimals).
        let half = |f: &Found| f.unit.yuan().unwrap_or(Decimal::ONE) * Decimal::new(5, f.value.scale() + 1);
        let slack = half(t) + parts.iter().map(|p| half(p)).sum::<Decimal>();
        let agrees = base(t) == sum * scale;
        let rounding = !agrees && (base(t) - sum * scale).abs() <= slack;
        let certain = !rounding && head.chars().count() == 2 && parts.iter().all(|p| p.name.ends_with(&head));
        out.push(Total { index, parts: parts.iter().map(|p| format!("{}{}", p.text, p.unit.label())).collect(), sum: sum.normalize(), agrees, certain });
    }
    out
}

/// The last two characters of what a total counts (`政府采购支出总额` → 支出).
fn head_of(phrase: &str, word: &str) -> String {
    let core = phrase.strip_suffix(word).unwrap_or(phrase);
    let core = ["总额", "总计", "合计", "总数"].iter().find_map(|w| core.strip_suffix(w)).unwrap_or(core);
    let chars: Vec<char> = core.chars().collect();
    chars[chars.len().saturating_sub(2)..].iter().collect()
}

/// Settle a total's figure: 已核对 when its parts sum to it, `E-PROSE-CALC`
/// when they certainly do not, else left as it was.
pub(super) fn settle(
    map: &crate::source::SourceMap,
    checker: &mut crate::check::Checker,
    piece: &super::Piece,
    t: &Total,
    f: &Found,
    figure: &mut super::ProseFigure,
) {
    use crate::check::{Code, Diagnostic, Severity};
    let parts = t.parts.join("、");
    if t.agrees {
        if figure.outcome == super::ProseOutcome::Unchecked {
            figure.outcome = super::ProseOutcome::Verified;
            figure.why = format!("其中各项之和 {parts}");
        }
        return;
    }
    if !t.certain || figure.outcome == super::ProseOutcome::Disputed {
        return;
    }
    let span = piece.span(f.start, f.end);
    let written = format!("{}{}", f.text, f.unit.label());
    let sum = format!("{}{}", t.sum, f.unit.label());
    let message = format!("正文中的“{}{written}”与其中所列各项（{parts}）之和 {sum} 不符", f.phrase);
    let mut d = Diagnostic::new(map, span, Severity::Error, Code::ProseCalc, format!("正文：{}", f.phrase), message.clone()).with_plain(message);
    d.stated = Some(written);
    d.computed = Some(sum.clone());
    checker.push(d);
    let anchor = crate::check::anchor_of(&checker.diagnostics, checker.diagnostics.len() - 1);
    let note = format!("合计与所列各项之和（{sum}）不符");
    figure.mark = piece.mark_at(f.start..f.end).map(|range| super::ProseMark { range, anchor, note });
    figure.outcome = super::ProseOutcome::Disputed;
    figure.why = format!("其中各项之和 {parts}");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(String, bool, bool)> {
        totals(text, &super::super::scan::scan(text)).into_iter().map(|t| (t.sum.to_string(), t.agrees, t.certain)).collect()
    }

    #[test]
    fn a_total_and_its_parts() {
        // seed 003, 政府采购.
        let s = "2023年度政府采购支出总额7914.96万元，其中：政府采购货物支出61.16万元，政府采购工程支出1707.81万元，政府采购服务支出6145.99万元。";
        assert_eq!(read(s), [("7914.96".to_string(), true, true)]);
        assert_eq!(read(&s.replace("6145.99", "6145.89")), [("7914.86".to_string(), false, true)]);
        // One hundredth off is within the rounding of four figures of two decimals (尾差).
        assert_eq!(read(&s.replace("6145.99", "6145.98")), [("7914.95".to_string(), false, false)]);
        assert_eq!(read("全年支出共计2万元，其中基本支出5000元、项目支出15000元。"), [("2".to_string(), true, true)]);
        // seed 004: 全年预算数 with a digit dropped.
        let s = "全年预算数4197.68万元，其中，基本支出预算数9840.48万元，项目支出预算数32097.2万元，其他支出预算数0万元。";
        assert_eq!(read(s), [("41937.68".to_string(), false, true)]);
        // seed 002: a total written to four decimals, its parts to two — within their rounding.
        let s = "全年预算数40775.5299万元，其中，基本支出预算数9449.12万元，项目支出预算数31326.41万元。";
        assert_eq!(read(s), [("40775.53".to_string(), false, false)]);
        assert_eq!(read(&s.replace("40775.5299", "40765.53")), [("40775.53".to_string(), false, true)]);
    }

    #[test]
    fn lists_that_are_not_a_partition_are_not_certain() {
        // seed 003: assets with the gross value, depreciation and net value.
        let s = "截至2023年年末部门资产总计17415.16万元，其中：现金2.88万元，银行存款97.47万元，其他应收款617.24万元，固定资产原值15656.29万元，累计折旧6013.08万元，固定资产净值9643.21万元，在建工程0万元。";
        assert_eq!(read(s), [("32030.17".to_string(), false, false)]);
        // One part only, another unit, no 其中.
        for s in [
            "固定资产总额15656.29万元，其中：汽车1辆，16.42万元。",
            "共计15000人次，其中党员120人、群众300人次。",
            "支出合计10万元，基本支出4万元，项目支出6万元。",
        ] {
            assert!(read(s).is_empty(), "{s}");
        }
    }
}
