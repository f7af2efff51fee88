//! Numbers as people type them (按习惯输入的数字): full-width digits and
//! punctuation from a Chinese input method, a `%` or a unit after the
//! digits, thousands separators in the wrong places. Each is rejected with
//! the exact character named and the number as it should be written
//! (docs/content-format.md §2.1): a figure keeps its literal text, so
//! gongkai does not rewrite what the author wrote behind their back.

/// What a character that does not belong in a number is, in plain Chinese,
/// and what it should be (empty: delete it).
fn what_char(c: char) -> Option<(&'static str, &'static str)> {
    Some(match c {
        '０'..='９' => ("全角数字", ""),
        '。' => ("中文句号", "."),
        '．' => ("全角小数点", "."),
        '，' => ("全角逗号", ""),
        '、' => ("顿号", ""),
        '％' => ("全角百分号", ""),
        '%' => ("百分号", ""),
        '－' => ("全角负号", "-"),
        '−' | '–' | '—' => ("长横线", "-"),
        '＋' => ("全角正号", "+"),
        '\u{3000}' => ("全角空格", ""),
        ' ' => ("空格", ""),
        '元' | '万' | '亿' => ("金额单位", ""),
        _ => return None,
    })
}

/// The number as it should be written: full-width digits made half-width,
/// 。 and ． made a decimal point, thousands separators, `%`, units and
/// spaces left out. `None` when that is still not a number.
pub fn corrected(t: &str) -> Option<String> {
    let mut out = String::new();
    for c in t.chars() {
        match c {
            '０'..='９' => out.push(char::from(b'0' + (c as u32 - '０' as u32) as u8)),
            ',' | '_' => {}
            _ => match what_char(c) {
                Some((_, to)) => out.push_str(to),
                None => out.push(c),
            },
        }
    }
    let ok = !out.is_empty() && out.trim_start_matches(['-', '+']).chars().all(|c| c.is_ascii_digit() || c == '.') && out.matches('.').count() <= 1;
    (ok && out.chars().any(|c| c.is_ascii_digit())).then_some(out)
}

/// The fix, as words: `写成 17402.66`, or how to find the number when it
/// cannot be told.
fn fix(t: &str) -> String {
    match corrected(t) {
        Some(n) => format!("写成 {n}"),
        None => "请只用半角数字 0–9、小数点 . 和负号 -（如 1234.56）".to_string(),
    }
}

/// Why `t` (a figure's text, without quotes) is not a number the way it
/// was typed, naming the first character at fault and the fix; `None`
/// when no character of `t` is one people type by mistake.
pub fn typed_wrong(t: &str) -> Option<String> {
    let c = t.chars().find(|&c| what_char(c).is_some())?;
    let (what, _) = what_char(c)?;
    let why = match c {
        '%' | '％' => "不要写百分号：名称以 _pct 结尾的字段本身就是百分数".to_string(),
        '元' | '万' | '亿' => "不要写金额单位：金额单位由文件开头的 unit 决定".to_string(),
        '０'..='９' | '。' | '．' | '，' | '－' | '＋' | '\u{3000}' => "数字里只能用半角字符（切换到英文输入法再录入）".to_string(),
        _ => format!("数字里不能有{what}"),
    };
    Some(format!("“{t}” 不是数字：其中的“{c}”是{what}，{why}；{}", fix(t)))
}

/// A thousands separator `,` in the wrong place: not every three digits of
/// the integer part (`1,2,10.00`), or in the decimals. `None` when every
/// comma is in its place (or there is none).
pub fn bad_grouping(t: &str) -> Option<String> {
    if !t.contains(',') {
        return None;
    }
    let digits = t.trim_start_matches(['-', '+']);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let groups: Vec<&str> = int.split(',').collect();
    let first = groups[0].len();
    let placed = (1..=3).contains(&first) && groups[1..].iter().all(|g| g.len() == 3) && !frac.contains(',');
    if placed {
        return None;
    }
    let plain: String = t.chars().filter(|&c| c != ',').collect();
    Some(format!("“{t}” 的千位分隔逗号位置不对：逗号只能从个位往左每三位一个（如 1,210.00），小数部分不能有逗号；请核对原文，确认数字后不带逗号写成如 {plain}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_character_and_the_fix() {
        let m = typed_wrong("１２１０.００").unwrap();
        assert!(m.contains("“１”是全角数字") && m.ends_with("写成 1210.00"), "{m}");
        let m = typed_wrong("1210。00").unwrap();
        assert!(m.contains("“。”是中文句号") && m.ends_with("写成 1210.00"), "{m}");
        let m = typed_wrong("17，402.66").unwrap();
        assert!(m.contains("“，”是全角逗号") && m.ends_with("写成 17402.66"), "{m}");
        let m = typed_wrong("41.12%").unwrap();
        assert!(m.contains("不要写百分号") && m.ends_with("写成 41.12"), "{m}");
        assert_eq!(typed_wrong("1234.56"), None);
        assert_eq!(typed_wrong("abc"), None);
    }

    #[test]
    fn commas_go_every_three_digits() {
        for ok in ["1,210.00", "17,402.66", "-1,234,567", "999", "211,698,047.41"] {
            assert_eq!(bad_grouping(ok), None, "{ok}");
        }
        for bad in ["1,2,10.00", "12,10", "1234,567", ",123", "1,234.5,6", "1,,234"] {
            assert!(bad_grouping(bad).is_some(), "{bad}");
        }
        assert!(bad_grouping("1,2,10.00").unwrap().contains("写成如 1210.00"));
    }
}
