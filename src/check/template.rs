//! Leftover template placeholders (模板占位符) in text: `2023-xxx-`, `××`,
//! `XX年`, `【】`, `xxx`, and a template's two alternatives left side by
//! side (`下降（增长）`, `增加（减少）`, `小于（大于）`) — what a unit forgets
//! to fill in when it copies last year's disclosure or the national template. Each is a warning
//! (`W-TEMPLATE`) at its file and line; [`super::markdown::check_texts`]
//! runs this over every string of every TOML file and every narrative body.

/// Words a template gives with their opposite in brackets, one to be deleted.
const ALTERNATIVES: [(&str, &str); 5] = [("增加", "减少"), ("增长", "下降"), ("上升", "下降"), ("大于", "小于"), ("高于", "低于")];

/// The two alternatives of a template left side by side at the start of `rest` (`下降（增长）`).
/// Runs for every character of every text, so it spells the pair only once found.
fn alternatives(rest: &str) -> Option<String> {
    let side_by_side = |x: &str, y: &str| rest.strip_prefix(x)?.strip_prefix('（')?.strip_prefix(y)?.starts_with('）').then(|| format!("{x}（{y}）"));
    ALTERNATIVES.iter().find_map(|(a, b)| side_by_side(a, b).or_else(|| side_by_side(b, a)))
}

/// The placeholders in `text`: (byte offset, the placeholder as written).
pub fn leftovers(text: &str) -> Vec<(usize, String)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = vec![];
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        // A run of x/X (ASCII or full-width) or ×.
        let run = chars[i..].iter().take_while(|(_, x)| matches!(x, 'x' | 'X' | 'ｘ' | 'Ｘ' | '×')).count();
        if run > 0 {
            let before = i.checked_sub(1).map(|j| chars[j].1);
            let after = chars.get(i + run).map(|(_, x)| *x);
            let word_edge = |x: Option<char>| x.is_none_or(|x| !x.is_ascii_alphanumeric());
            let times = chars[i..i + run].iter().all(|(_, x)| *x == '×');
            let found = if times {
                run >= 2
            } else {
                // `xxx` on its own, or `XX` before a unit of time or count (XX年, xx月, XX万元).
                word_edge(before) && word_edge(after) && (run >= 3 || (run == 2 && after.is_some_and(|a| "年月日号万元个人项次%".contains(a))))
            };
            if found {
                let end = chars.get(i + run).map_or(text.len(), |(e, _)| *e);
                out.push((at, text[at..end].to_string()));
            }
            i += run;
            continue;
        }
        if let Some(pair) = alternatives(&text[at..]) {
            i += pair.chars().count();
            out.push((at, pair));
            continue;
        }
        // 【】 with nothing (or only spaces) inside.
        if c == '【' {
            let inner = chars[i + 1..].iter().take_while(|(_, x)| x.is_whitespace() || *x == '\u{3000}').count();
            if let Some((end, '】')) = chars.get(i + 1 + inner) {
                out.push((at, text[at..end + '】'.len_utf8()].to_string()));
                i += inner + 2;
                continue;
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        leftovers(text).into_iter().map(|(_, s)| s).collect()
    }

    #[test]
    fn finds_the_placeholders_of_the_issue() {
        assert_eq!(found("详见附件：2023-xxx-北京市西城区财政局决算公开报表。"), ["xxx"]);
        assert_eq!(found("××街道办事处"), ["××"]);
        assert_eq!(found("XX年度部门决算，共XX万元"), ["XX", "XX"]);
        assert_eq!(found("附件【】和【 】"), ["【】", "【 】"]);
        assert_eq!(leftovers("2023-xxx-")[0].0, 5);
        // A template's two alternatives, one not deleted (普陀区规划和自然资源局 2024).
        assert_eq!(found("比2023年度减少0.15万元，下降（增长）27.78%"), ["下降（增长）"]);
        assert_eq!(found("决算数小于（大于）预算数，增加（减少）"), ["小于（大于）", "增加（减少）"]);
    }

    #[test]
    fn leaves_ordinary_text_alone() {
        for ok in ["Excel 文件", "xlsx 格式", "XX", "box", "2×3", "【附件1】", "max = 10", "example.com/xx/a", "第Ⅹ章", "增长（同比）", "下降（减少）"]
        {
            assert!(found(ok).is_empty(), "{ok}: {:?}", found(ok));
        }
    }
}
