//! Leftover template placeholders (模板占位符) in text: `2023-xxx-`, `××`,
//! `XX年`, `【】`, `xxx` — what a unit forgets to fill in when it copies
//! last year's disclosure or the national template. Each is a warning
//! (`W-TEMPLATE`) at its file and line; [`super::markdown::check_texts`]
//! runs this over every string of every TOML file and every narrative body.

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
    }

    #[test]
    fn leaves_ordinary_text_alone() {
        for ok in ["Excel 文件", "xlsx 格式", "XX", "box", "2×3", "【附件1】", "max = 10", "example.com/xx/a", "第Ⅹ章"] {
            assert!(found(ok).is_empty(), "{ok}: {:?}", found(ok));
        }
    }
}
