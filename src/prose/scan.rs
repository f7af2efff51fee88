//! Finding the figures of a prose text (正文数字): every amount with its
//! unit (元, 万元, 亿元), percentage and count with its measure word (个, 人,
//! 户 …) in a narrative's Markdown body, each with the phrase before it that
//! names it (“一般公共服务支出11724.11万元” → 一般公共服务支出) and, for
//! “比上年减少1,170.82万元”, the direction of the change and the quantity
//! that changed (the figure named before it in the same sentence).
//!
//! Not figures: dates and years (2023年, 12月31日), ordinals (第3次), document
//! numbers (〔2019〕12号), numbered headings and list markers (no unit), the
//! ends of a range (50%-90%), numbers inside `{{ }}` bindings (checked by
//! [`crate::bind`]), inline code, code blocks and headings.

use rust_decimal::Decimal;

/// The unit a prose figure is written with (单位或量词).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ProseUnit {
    /// 元.
    Yuan,
    /// 万元.
    TenThousandYuan,
    /// 亿元.
    HundredMillionYuan,
    /// % (or ％).
    Percent,
    /// 个百分点 — a difference of two percentages.
    PercentagePoint,
    /// A count with its measure word (个, 人, 户, 辆, 人次 …).
    Count(&'static str),
}

impl ProseUnit {
    /// How the unit is written.
    pub fn label(self) -> &'static str {
        match self {
            ProseUnit::Yuan => "元",
            ProseUnit::TenThousandYuan => "万元",
            ProseUnit::HundredMillionYuan => "亿元",
            ProseUnit::Percent => "%",
            ProseUnit::PercentagePoint => "个百分点",
            ProseUnit::Count(word) => word,
        }
    }

    /// For an amount, how many 元 one of the unit is.
    pub fn yuan(self) -> Option<Decimal> {
        match self {
            ProseUnit::Yuan => Some(Decimal::ONE),
            ProseUnit::TenThousandYuan => Some(Decimal::from(10_000)),
            ProseUnit::HundredMillionYuan => Some(Decimal::from(100_000_000)),
            _ => None,
        }
    }
}

/// Which way a stated change goes (增减方向).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// 增加、增长、上升、提高.
    Up,
    /// 减少、下降、降低、节约.
    Down,
}

/// One figure found in a prose text.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The number as written (`1,170.82`, full-width digits kept).
    pub text: String,
    /// Its value (a change keeps its written, positive value).
    pub value: Decimal,
    /// Decimals written.
    pub decimals: u32,
    /// Its unit or measure word.
    pub unit: ProseUnit,
    /// The phrase before it that names it, as written (`一般公共服务支出`).
    pub phrase: String,
    /// What it is of, for comparing: the phrase without connecting words
    /// (为, 共计 …), quotes and the change words; for a change, the
    /// quantity named before it in the sentence.
    pub name: String,
    /// `Some` when it is a change (比上年减少 X).
    pub change: Option<Direction>,
    /// Stated as a bound or an estimate (超过 X, X以上, 约 X): not an exact figure.
    pub approximate: bool,
    /// A count named by the noun after its measure word (“在56个社区” → 社区),
    /// nothing before it naming it: not compared with another statement in the paragraph.
    pub named_after: bool,
    /// Byte range of the number in the text.
    pub start: usize,
    /// End of the number and unit.
    pub end: usize,
}

/// Measure words and units, longest first so 人次 wins over 人.
const UNITS: [(&str, ProseUnit); 30] = [
    ("个百分点", ProseUnit::PercentagePoint),
    ("亿元", ProseUnit::HundredMillionYuan),
    ("万元", ProseUnit::TenThousandYuan),
    ("元", ProseUnit::Yuan),
    ("%", ProseUnit::Percent),
    ("％", ProseUnit::Percent),
    ("人次", ProseUnit::Count("人次")),
    ("批次", ProseUnit::Count("批次")),
    ("户次", ProseUnit::Count("户次")),
    ("个", ProseUnit::Count("个")),
    ("人", ProseUnit::Count("人")),
    ("名", ProseUnit::Count("名")),
    ("户", ProseUnit::Count("户")),
    ("辆", ProseUnit::Count("辆")),
    ("处", ProseUnit::Count("处")),
    ("项", ProseUnit::Count("项")),
    ("分", ProseUnit::Count("分")),
    ("家", ProseUnit::Count("家")),
    ("次", ProseUnit::Count("次")),
    ("件", ProseUnit::Count("件")),
    ("场", ProseUnit::Count("场")),
    ("台", ProseUnit::Count("台")),
    ("套", ProseUnit::Count("套")),
    ("条", ProseUnit::Count("条")),
    ("篇", ProseUnit::Count("篇")),
    ("份", ProseUnit::Count("份")),
    ("所", ProseUnit::Count("所")),
    ("座", ProseUnit::Count("座")),
    ("期", ProseUnit::Count("期")),
    ("支", ProseUnit::Count("支")),
];

/// The unit or measure word a text starts with (`人次` in `人次*800元`).
pub(crate) fn measure_word(text: &str) -> Option<&'static str> {
    UNITS.iter().find(|(w, _)| text.starts_with(w)).map(|(w, _)| *w)
}

/// A measure word followed by these is another word (3个月, 30分钟, 5人民, 从表4分析).
const NOT_AFTER: [&str; 18] =
    ["个月", "分钟", "分之", "分析", "分别", "分类", "分布", "次日", "次月", "人民", "家庭", "期间", "期限", "名称", "名单", "项目", "场所", "所属"];

/// Words before a figure that make it a bound or an estimate.
const APPROX_BEFORE: [&str; 13] = ["超过", "不超过", "约", "近", "逾", "不足", "不到", "不少于", "不低于", "高于", "低于", "少于", "多于"];
/// Words after a figure that make it a bound or an estimate.
const APPROX_AFTER: [&str; 8] = ["以上", "以下", "以内", "及以上", "左右", "余", "多", "上下"];

/// Change words at the end of a phrase, and their direction.
const CHANGE_WORDS: [(&str, Direction); 10] = [
    ("增加", Direction::Up),
    ("增长", Direction::Up),
    ("上升", Direction::Up),
    ("提高", Direction::Up),
    ("超支", Direction::Up),
    ("减少", Direction::Down),
    ("下降", Direction::Down),
    ("降低", Direction::Down),
    ("节约", Direction::Down),
    ("节省", Direction::Down),
];

/// Connecting words trimmed from the end of a phrase (longest first).
const TRAILING: [&str; 16] = ["合计为", "共计为", "共计", "合计", "总计", "累计", "达到", "分别为", "为", "是", "达", "共", "约", "计", "有", "的"];
/// Words trimmed from the start of a phrase.
const LEADING: [&str; 6] = ["其中：", "其中", "全年", "共", "年度", "年"];

/// Characters that end a phrase going back from a figure: punctuation,
/// spaces, digits (the previous figure), operators and brackets.
fn ends_phrase(c: char) -> bool {
    matches!(c, '，' | '。' | '；' | '：' | '、' | '！' | '？' | ',' | ';' | ':' | '!' | '?' | '|' | '*' | '#' | '>' | '`' | '[' | ']' | '\n' | '\r')
        // Operators and brackets: “8人次×800元=6400元” names 6400元 nothing, not “元=”.
        || matches!(c, '=' | '＝' | '+' | '＋' | '×' | '÷' | '（' | '）' | '(' | ')')
        || c.is_whitespace()
        || is_digit(c)
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn ascii_digit(c: char) -> char {
    if ('０'..='９').contains(&c) { char::from(b'0' + (c as u32 - '０' as u32) as u8) } else { c }
}

/// Byte ranges not to scan: `{{ … }}`, inline code, fenced code blocks and heading lines.
fn skipped(text: &str) -> Vec<(usize, usize)> {
    let mut out = vec![];
    let mut at = 0;
    let mut fence = false;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = !fence;
            out.push((at, at + line.len()));
        } else if fence || t.starts_with('#') {
            out.push((at, at + line.len()));
        }
        at += line.len();
    }
    let mut from = 0;
    while let Some(i) = text[from..].find("{{") {
        let start = from + i;
        let end = text[start..].find("}}").map_or(text.len(), |j| start + j + 2);
        out.push((start, end));
        from = end;
    }
    let mut from = 0;
    while let Some(i) = text[from..].find('`') {
        let start = from + i;
        let Some(j) = text[start + 1..].find('`') else { break };
        out.push((start, start + 1 + j + 1));
        from = start + j + 2;
    }
    out
}

/// Every figure of a prose text, in order.
pub fn scan(text: &str) -> Vec<Found> {
    let skip = skipped(text);
    let mut out: Vec<Found> = vec![];
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    // The name of the last figure of the sentence, for a change stated after it.
    let mut subject: Option<(usize, String)> = None;
    while i < chars.len() {
        let (at, c) = chars[i];
        // A sentence or a paragraph (a blank line) ends.
        if matches!(c, '。' | '；' | '！' | '？') || (c == '\n' && text[at + 1..].trim_start_matches([' ', '\t', '\r']).starts_with('\n')) {
            subject = None;
        }
        if !is_digit(c) || (i > 0 && glued(chars[i - 1].1)) {
            i += 1;
            continue;
        }
        let (end_i, digits) = number(&chars, i);
        let end = chars.get(end_i).map_or(text.len(), |x| x.0);
        let Some(found) = figure(text, &chars, i, end_i, &digits, at, end) else {
            i = end_i.max(i + 1);
            continue;
        };
        i = chars.iter().position(|x| x.0 >= found.end).unwrap_or(chars.len());
        if skip.iter().any(|(s, e)| at >= *s && at < *e) {
            continue;
        }
        let mut found = found;
        // “占本年财政拨款支出29.33%”: the share of what was named before it.
        if found.unit == ProseUnit::Percent && found.name.starts_with('占') {
            found.name = subject.as_ref().map(|(_, n)| n.clone()).unwrap_or_default();
        } else if found.change.is_some() && found.name.is_empty() {
            found.name = subject.as_ref().map(|(_, n)| n.clone()).unwrap_or_default();
        } else if found.change.is_none() && !found.name.is_empty() && !found.named_after {
            subject = Some((found.start, found.name.clone()));
        }
        out.push(found);
    }
    out
}

/// A digit right after these is part of something else (a code, a range, a version).
fn glued(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '/' | '_' | '-' | '~' | '～' | '—' | '〔' | '[' | '第' | '．' | '至' | '到') || is_digit(c)
}

/// The digits from `i` (thousands separators and a decimal point allowed):
/// the index after them and the number in ASCII.
pub(crate) fn number(chars: &[(usize, char)], mut i: usize) -> (usize, String) {
    let mut s = String::new();
    let digit_at = |k: usize| chars.get(k).is_some_and(|x| is_digit(x.1));
    while i < chars.len() {
        let c = chars[i].1;
        if is_digit(c) {
            s.push(ascii_digit(c));
            i += 1;
        } else if c == ',' && (1..=3).all(|k| digit_at(i + k)) && !digit_at(i + 4) && !s.contains('.') {
            i += 1;
        } else if matches!(c, '.' | '．') && digit_at(i + 1) && !s.contains('.') {
            s.push('.');
            i += 1;
        } else {
            break;
        }
    }
    (i, s)
}

/// The figure whose digits are `chars[i..end_i]`, when a unit follows and
/// nothing makes it something else.
fn figure(text: &str, chars: &[(usize, char)], i: usize, end_i: usize, digits: &str, at: usize, num_end: usize) -> Option<Found> {
    let after = &text[num_end..];
    let gap = after.len() - after.trim_start_matches(' ').len();
    let after = &after[gap..];
    let (word, unit) = UNITS.iter().find(|(w, _)| after.starts_with(w))?;
    if NOT_AFTER.iter().any(|n| n.starts_with(word) && after.starts_with(n)) {
        return None;
    }
    let end = num_end + gap + word.len();
    let rest = &text[end..];
    // One end of a range (50%-90%, 3至5人).
    if rest.starts_with(['-', '~', '～', '—', '至', '到']) && rest.chars().nth(1).is_some_and(is_digit) {
        return None;
    }
    let value = crate::number::parse_literal(digits).ok().flatten()?;
    let text_written: String = chars[i..end_i].iter().map(|x| x.1).collect();
    let mut phrase_start = i;
    while phrase_start > 0 && !ends_phrase(chars[phrase_start - 1].1) && i - phrase_start < 40 {
        phrase_start -= 1;
    }
    let phrase: String = chars[phrase_start..i].iter().map(|x| x.1).collect();
    let approximate = APPROX_BEFORE.iter().any(|w| phrase.ends_with(w)) || APPROX_AFTER.iter().any(|w| rest.starts_with(w));
    let (mut name, change) = name_of(&phrase);
    let mut named_after = false;
    if matches!(unit, ProseUnit::Count(_)) && change.is_none() && name.chars().count() < 2 {
        let noun = following_noun(rest);
        if noun.chars().count() >= 2 {
            (name, named_after) = (noun, true);
        }
    }
    Some(Found { text: text_written, value, decimals: value.scale(), unit: *unit, phrase, name, change, approximate, named_after, start: at, end })
}

/// Words that end the noun after a measure word (“6个社区的”, “3名社工和2名”).
const AFTER_NOUN: [char; 8] = ['的', '和', '及', '与', '或', '等', '共', '为'];

/// The noun after a count's measure word, up to six characters: up to punctuation, a number or a joining word.
fn following_noun(rest: &str) -> String {
    rest.chars().take_while(|c| !ends_phrase(*c) && !AFTER_NOUN.contains(c) && !matches!(c, '“' | '”' | '"' | '《' | '》')).take(6).collect()
}

/// The name a phrase gives its figure, and the direction when it states a change.
pub fn name_of(phrase: &str) -> (String, Option<Direction>) {
    let mut s: String = phrase.chars().filter(|c| !matches!(c, '“' | '”' | '"' | '《' | '》' | '‘' | '’' | ' ')).collect();
    for w in APPROX_BEFORE {
        if let Some(t) = s.strip_suffix(w) {
            s = t.to_string();
            break;
        }
    }
    let mut change = None;
    for _ in 0..2 {
        for w in TRAILING {
            if let Some(t) = s.strip_suffix(w) {
                s = t.to_string();
                break;
            }
        }
        if change.is_none()
            && let Some((t, d)) = CHANGE_WORDS.iter().find_map(|(w, d)| s.strip_suffix(w).map(|t| (t, *d)))
        {
            s = t.to_string();
            change = Some(d);
            for base in ["比上年", "较上年", "比去年", "较去年", "同比", "比年初", "较年初", "比预算", "较预算", "同期", "上年"] {
                if let Some(t) = s.strip_suffix(base) {
                    s = t.to_string();
                    break;
                }
            }
        }
    }
    for w in LEADING {
        if let Some(t) = s.strip_prefix(w) {
            s = t.to_string();
            break;
        }
    }
    // Brackets left open by the cut.
    let s = s.trim_start_matches(['（', '(', '）', ')', '-', '+', '%', '％', '.', '．']).to_string();
    (s, change)
}

#[cfg(test)]
mod tests;
