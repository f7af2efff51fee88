//! Turning the `toml` crate's English error messages into plain Chinese.
//!
//! The messages come from three places: `toml_parser` (syntax: an unclosed
//! bracket, a bare word), `toml` itself (duplicate keys, numbers out of
//! range) and serde (a value of the wrong type, a missing or unknown field).
//! Each known message has a Chinese sentence below; anything not listed gets
//! a true, generic Chinese sentence, so no English ever reaches the user.

use std::ops::Range;

/// The key a value at `at` is written under: the name before the `=` on
/// its line (`amount = true` → `amount`), or the text at `at` itself when it
/// is a key (duplicate keys).
fn key_at(text: &str, range: Range<usize>) -> String {
    let start = floor_char(text, range.start);
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..start];
    if let Some(eq) = before.rfind('=') {
        let key = before[..eq].trim_end();
        let from = key.rfind(|c: char| c.is_whitespace() || c == '{' || c == ',').map_or(0, |i| i + 1);
        return key[from..].trim_matches('"').to_string();
    }
    let end = floor_char(text, range.end).max(start);
    let here = text[start..end].trim();
    let here = here.split('=').next().unwrap_or("").trim();
    here.trim_matches(|c| c == '"' || c == '[' || c == ']').to_string()
}

/// `at` moved back to a character boundary of `text` (and into it).
fn floor_char(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Text between the first pair of backticks.
fn quoted(s: &str) -> Option<&str> {
    let a = s.find('`')? + 1;
    let b = s[a..].find('`')? + a;
    Some(&s[a..b])
}

/// The list after "expected one of" / "expected", without backticks.
fn expected_list(s: &str) -> String {
    s.split_once("expected one of ").or_else(|| s.split_once("expected ")).map(|(_, rest)| rest.replace('`', "")).unwrap_or_default()
}

/// Does the value written at `range` look like a TOML date or time
/// (`2024-01-01`, `12:00:00`)? TOML reads those without quotes as a
/// datetime, which serde then calls a "map".
fn is_datetime_literal(text: &str, range: &Range<usize>) -> bool {
    let at = floor_char(text, range.start);
    let s: Vec<u8> = text[at..].bytes().take(5).collect();
    let digit = |i: usize| s.get(i).is_some_and(u8::is_ascii_digit);
    (s.len() == 5 && (0..4).all(digit) && s[4] == b'-') || (s.len() >= 3 && digit(0) && digit(1) && s[2] == b':')
}

/// What serde says was written ("integer `5` as i128", "map", …), in Chinese.
fn got_zh(got: &str, text: &str, range: &Range<usize>) -> String {
    let value = quoted(got).map(str::to_string).or_else(|| got.split_once(' ').map(|(_, v)| v.trim().to_string())).unwrap_or_default();
    let kinds = [
        ("boolean", "布尔值"),
        ("integer", "整数"),
        ("floating point", "小数"),
        ("string", "文字"),
        ("char", "文字"),
        ("sequence", "数组 [ … ]"),
        ("unit", "空值"),
    ];
    if got.starts_with("map") {
        return if is_datetime_literal(text, range) { "没有引号的日期时间".to_string() } else { "表 { … }".to_string() };
    }
    match kinds.iter().find(|(en, _)| got.starts_with(en)) {
        Some((_, zh)) if !value.is_empty() && !got.starts_with("sequence") => format!("{zh} {value}"),
        Some((_, zh)) => zh.to_string(),
        None => "这种取值".to_string(),
    }
}

/// What serde says was wanted ("u32", "a boolean", our own Chinese
/// `expecting` texts), in Chinese; `None` when there is no plain word for it.
fn want_zh(want: &str) -> Option<String> {
    let want = want.trim().trim_end_matches('.');
    if has_cjk(want) {
        return Some(want.to_string());
    }
    let w = want.strip_prefix("a ").or_else(|| want.strip_prefix("an ")).unwrap_or(want);
    let zh = match w {
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "非负整数",
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => "整数",
        "f32" | "f64" => "数字",
        "boolean" => "布尔值（true 或 false，不加引号）",
        "string" | "borrowed string" | "character" | "char" => "文字（带引号的字符串）",
        "sequence" | "tuple" => "数组 [ … ]",
        "map" => "表",
        "TOML datetime" | "string containing a datetime" | "valid datetime field" => "日期时间",
        _ if w.starts_with("struct ") || w.starts_with("map ") => "表",
        _ if w.starts_with("tuple") || w.starts_with("array") || w.starts_with("sequence") => "数组 [ … ]",
        _ => return None,
    };
    Some(zh.to_string())
}

/// Chinese for the syntax and value messages of `toml_parser` and `toml`
/// (the part before ", expected …"), longest match first where they share a
/// beginning.
const SYNTAX: &[(&str, &str)] = &[
    ("missing escaped value", "反斜杠 \\ 后面的转义写法不对；要写反斜杠本身请写成 \\\\"),
    ("too few unicode value digits", "\\u 后面应有 4 位、\\U 后面应有 8 位十六进制数字"),
    ("key with no value", "键后面缺少等号 = 和取值"),
    ("missing value for key", "等号 = 后面缺少取值"),
    ("missing value", "缺少取值"),
    ("unexpected key or value", "一行只能写一个“键 = 值”，这里多出了内容"),
    ("unexpected content between comment and newline", "注释后面多出了内容"),
    ("unexpected content", "这里多出了无法识别的内容"),
    ("unexpected leading zero", "数字不能以 0 开头（如 012）"),
    ("`_` may only go between digits", "数字里的下划线 _ 只能写在两个数字之间"),
    ("unquoted keys cannot be empty", "缺少键名（等号前面应有名称）"),
    ("invalid unquoted key", "键名只能用字母、数字、- 和 _；含其他文字的键名要加引号"),
    ("unclosed array table", "表头 [[ … ]] 缺少结束的 ]]"),
    ("unclosed table", "表头 [ … ] 缺少结束的 ]"),
    ("unclosed array", "数组缺少结束的 ]"),
    ("unclosed inline table", "内联表缺少结束的 }"),
    ("missing comma between array elements", "数组的元素之间缺少逗号，或缺少结束的 ]"),
    ("missing comma between key-value pairs", "内联表的各项之间缺少逗号，或缺少结束的 }"),
    ("extra comma in array", "数组里多了一个逗号"),
    ("extra comma in inline table", "内联表里多了一个逗号"),
    ("missing array opening", "多出了 ]（前面没有对应的 [），或等号后面缺少取值"),
    ("missing inline table opening", "多出了 }（前面没有对应的 {）"),
    ("missing table open", "多出了 ]（前面没有对应的 [）"),
    ("extra `=`", "多出了一个等号 ="),
    ("extra assignment between key-value pairs", "多出了一个等号 ="),
    ("unexpected `=` in array", "数组里不能有等号 ="),
    ("missing assignment between key-value pairs", "键和值之间缺少等号 ="),
    ("missing key for inline table element", "内联表里缺少键名"),
    ("invalid inline table element", "内联表的写法不对（应为 { 键 = 值, … }）"),
    ("invalid key-value pair", "这一行不是“键 = 值”的写法"),
    ("invalid value", "无法识别的取值（文字要加引号，数字不要带单位）"),
    ("invalid comment character", "注释里有不允许的控制字符"),
    ("missing comment start", "缺少注释开头的 #"),
    ("carriage return must be followed by newline", "单独的回车符（CR）：换行只能是 LF 或 CRLF"),
    ("keys cannot be multi-line", "键名不能用三引号"),
    ("integers with a radix cannot be signed", "十六进制、八进制、二进制的数不能带正负号"),
    ("radix must be lowercase", "进制前缀必须小写（0x、0o、0b）"),
    ("redundant integer number prefix", "数字的进制前缀重复了"),
    ("redundant numeric sign", "数字的正负号重复了"),
    ("unexpected sign", "这里不能有正负号"),
    ("invalid integer number", "整数的写法不对"),
    ("invalid hexadecimal number", "十六进制数的写法不对"),
    ("invalid octal number", "八进制数的写法不对"),
    ("invalid binary number", "二进制数的写法不对"),
    ("invalid float", "小数的写法不对"),
    ("invalid boolean", "布尔值只能写 true 或 false（小写，不加引号）"),
    ("cannot recurse further", "数组或表嵌套得太深"),
    ("recursion limit", "数组或表嵌套得太深"),
    ("could not allocate", "内容太大，无法读入"),
    ("integer number overflowed", "整数太大，超出了能表示的范围"),
    ("floating-point number overflowed", "数字太大，超出了能表示的范围"),
    ("wanted exactly 1 element", "这里只能写一项"),
    ("wanted string or table", "取值类型不对：这里应写文字或表"),
    ("expected table", "取值类型不对：这里应写表"),
    ("expected empty", "取值类型不对：这里应为空"),
    ("expected tuple", "数组的元素个数不对"),
    ("value is missing a span", "无法确定这个取值的位置"),
    ("invalid mantissa", "数字的写法不对（如 1234.56：小数点前后都要有数字）"),
    ("invalid fraction", "数字的写法不对（如 1234.56：小数点前后都要有数字）"),
    ("invalid exponent", "科学计数法的指数写法不对（如 1.2e3）"),
    ("invalid key", "键名的写法不对"),
    ("invalid table", "表头的写法不对（应为 [名称]）"),
    ("missing opening quote", "文字缺少开头的引号"),
];

/// Chinese names of the parts of a date or time `toml_datetime` mentions.
const DATETIME_PARTS: &[(&str, &str)] =
    &[("month", "月份"), ("day", "日"), ("hours", "小时"), ("hour", "小时"), ("minutes", "分钟"), ("minute", "分钟"), ("second", "秒"), ("year", "年份")];

/// A `toml_datetime` message ("invalid date, expected month between 01 and
/// 12") in Chinese.
fn datetime_zh(expected: &str) -> String {
    let range = expected.split_once(" between ").and_then(|(part, r)| {
        let (lo, hi) = r.split_once(" and ")?;
        let part = DATETIME_PARTS.iter().find(|(en, _)| part.trim().ends_with(en))?.1;
        Some(format!("：{part}应在 {lo} 到 {hi} 之间"))
    });
    format!("日期时间的写法不对（应写成如 2024-12-31 的日期）{}", range.unwrap_or_default())
}

/// A string `toml_parser` could not read: not closed on its line, or holding
/// a character TOML does not allow.
fn string_zh(description: &str, expected: &str) -> String {
    let multi = description.contains("multi-line");
    let closing = ["`\"`", "`'`"].iter().any(|q| expected.contains(q));
    match (multi, closing) {
        (true, true) => "多行字符串从这里开始，但直到文件末尾都没有结束的三引号".to_string(),
        (false, true) => "字符串没有闭合（这一行缺少结束的引号）".to_string(),
        _ => "字符串里有不允许的字符（如控制字符），或缺少结束的引号".to_string(),
    }
}

/// "string values must be quoted": either a bare word (`name = 示例`) or
/// nothing at all after the `=` (`prior =`).
fn bare_value_zh(text: &str, range: &Range<usize>) -> String {
    let at = floor_char(text, range.start);
    let rest = text[at..].lines().next().unwrap_or("");
    let value = rest.split('#').next().unwrap_or("").trim();
    if value.is_empty() {
        "等号 = 后面缺少取值（文字要加引号；未填报的数字写 \"-\"）".to_string()
    } else {
        "文字必须加引号（写成 \"…\"）；数字和 true/false 不加引号".to_string()
    }
}

/// A value written without quotes that TOML cannot read, which is a
/// number typed the way people type (`１２１０.００`, `1210。00`, `41.12%`):
/// why, naming the character and the fix ([`crate::number::typed`]).
fn typed_value(text: &str, range: &Range<usize>) -> Option<String> {
    let at = floor_char(text, range.start);
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[line_start..].lines().next().unwrap_or("");
    let (_, value) = line.split_once('=')?;
    let value = value.split('#').next().unwrap_or("").trim().trim_end_matches(',');
    let numeric = value.chars().next().is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c) || "-+－＋".contains(c));
    if !numeric {
        return None;
    }
    crate::number::typed::typed_wrong(value)
}

/// The full path of the key or value at byte `at` of `text`
/// (`general_budget.classes[3].share_pct`, lists counted from 0), when
/// `text` is well-formed TOML.
pub fn path_at(text: &str, at: usize) -> Option<String> {
    use toml::de::{DeTable, DeValue};
    type Item<'a> = toml::Spanned<DeValue<'a>>;
    fn inside(span: Range<usize>, at: usize) -> bool {
        span.start <= at && (at < span.end || span.is_empty() && at == span.start)
    }
    fn find(value: &Item<'_>, at: usize, path: &mut String) -> bool {
        match value.get_ref() {
            DeValue::Table(table) => table.iter().any(|(k, v)| {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k.get_ref());
                if inside(k.span(), at) || find(v, at, path) {
                    return true;
                }
                path.truncate(len);
                false
            }),
            DeValue::Array(items) => items.into_iter().enumerate().any(|(i, v)| {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                if find(v, at, path) {
                    return true;
                }
                path.truncate(len);
                false
            }),
            _ => inside(value.span(), at),
        }
    }
    let table = DeTable::parse(text).ok()?;
    let span = table.span();
    let mut path = String::new();
    find(&toml::Spanned::new(span, DeValue::Table(table.into_inner())), at, &mut path).then_some(path)
}

/// The table a line of `text` belongs to, read from the `[table]` and
/// `[[array.of.tables]]` headers above byte `at`
/// (`general_budget.classes[3]`), for text that is not well-formed TOML
/// (a syntax error); empty at the top level.
pub fn table_at(text: &str, at: usize) -> String {
    let mut arrays: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut current = String::new();
    for line in text[..floor_char(text, at)].lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if let Some(name) = line.strip_prefix("[[").and_then(|l| l.strip_suffix("]]")) {
            let name = name.trim().to_string();
            let next = arrays.get(&name).map_or(0, |i| i + 1);
            arrays.retain(|k, _| !k.starts_with(&format!("{name}.")));
            arrays.insert(name.clone(), next);
            current = name;
        } else if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = name.trim().to_string();
        }
    }
    let mut path = String::new();
    let mut name = String::new();
    for part in current.split('.').filter(|p| !p.is_empty()) {
        if !name.is_empty() {
            name.push('.');
            path.push('.');
        }
        name.push_str(part);
        path.push_str(part);
        if let Some(i) = arrays.get(&name) {
            path.push_str(&format!("[{i}]"));
        }
    }
    path
}

/// Where an error is best shown: an unclosed multi-line string is reported
/// by `toml` at the end of the file; show it where its `"""` opens.
pub fn error_range(msg: &str, text: &str, range: Range<usize>) -> Range<usize> {
    let delimiter = if msg.starts_with("invalid multi-line basic string") {
        "\"\"\""
    } else if msg.starts_with("invalid multi-line literal string") {
        "'''"
    } else {
        return range;
    };
    let closing_expected = msg.contains("expected `\"`") || msg.contains("expected `'`");
    if !closing_expected || text[floor_char(text, range.start)..].trim().len() > 3 {
        return range;
    }
    match text[..floor_char(text, range.start)].rfind(delimiter) {
        Some(open) => open..open + 3,
        None => range,
    }
}

/// Translate the `toml`/`serde` message into Chinese; returns (field, message).
pub fn translate(msg: &str, text: &str, range: Range<usize>) -> (String, String) {
    let msg = msg.trim();
    let key = key_at(text, range.clone());
    if let Some(rest) = msg.strip_prefix("missing field") {
        let field = quoted(rest).unwrap_or("").to_string();
        return (field.clone(), format!("缺少必填字段 `{field}`"));
    }
    if let Some(rest) = msg.strip_prefix("unknown field") {
        let field = quoted(rest).unwrap_or("").to_string();
        let list = expected_list(msg);
        let guess = crate::bind::closest(&field, list.split(", ").filter(|o| !o.is_empty() && *o != "there are no fields"));
        let guess = guess.map(|g| format!("是不是 `{g}`？")).unwrap_or_default();
        let options = list.replace(", ", "、");
        let options = if options.is_empty() || options == "there are no fields" {
            "（此处不能写任何字段）".to_string()
        } else {
            format!("；可用字段：{options}")
        };
        return (field.clone(), format!("未知字段 `{field}`：{guess}拼错的键名会让数字被悄悄丢掉，所以不允许{options}"));
    }
    if let Some(rest) = msg.strip_prefix("duplicate field") {
        let field = quoted(rest).unwrap_or(&key).to_string();
        return (field.clone(), format!("重复的字段 `{field}`：每个字段只能写一次"));
    }
    if msg.starts_with("unknown variant") {
        let value = quoted(msg).unwrap_or("");
        let options = expected_list(msg).replace(" or ", "、").replace(", ", "、");
        return (key, format!("不认识的取值 “{value}”；可选：{options}"));
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ").or_else(|| msg.strip_prefix("invalid value: ")) {
        let (got, want) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let got = got_zh(got, text, &range);
        let message = match want_zh(want) {
            Some(want) => format!("取值不对：写的是 {got}，应为 {want}"),
            None => format!("取值不对：这里不能写 {got}"),
        };
        return (key, message);
    }
    if let Some(rest) = msg.strip_prefix("unexpected keys in table: ") {
        let (keys, available) = rest.split_once(", available keys: ").unwrap_or((rest, ""));
        return (String::new(), format!("表里有不认识的键：{}；可用：{}", keys.replace(", ", "、"), available.replace(", ", "、")));
    }
    if msg.starts_with("invalid length") {
        return (key, "数组的元素个数不对".to_string());
    }
    if msg.starts_with("duplicate key") {
        return (key.clone(), format!("重复的键 `{key}`：同一个表里每个键只能写一次"));
    }
    if has_cjk(msg) {
        // Our own messages (a figure that is not a number …) are Chinese already.
        return (key, msg.to_string());
    }
    if let Some(why) = typed_value(text, &range) {
        return (key, why);
    }
    let (description, expected) = msg.split_once(", expected ").unwrap_or((msg, ""));
    let what = if description.starts_with("string values must be quoted") {
        bare_value_zh(text, &range)
    } else if description.ends_with(" string") && description.starts_with("invalid ") {
        string_zh(description, expected)
    } else if description.starts_with("cannot extend value of type ") {
        format!("`{key}` 已经有取值，不能再用带点的键（{key}.…）往里添加")
    } else if let Some((_, zh)) = SYNTAX.iter().find(|(en, _)| description.starts_with(en)) {
        zh.to_string()
    } else if ["invalid date", "invalid time", "invalid offset", "invalid datetime"].iter().any(|p| description.starts_with(p)) {
        datetime_zh(expected)
    } else {
        "这一行无法解析（检查引号、方括号、逗号和等号是否成对、完整）".to_string()
    };
    (String::new(), format!("TOML 语法错误：{what}"))
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::{error_range, translate};

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        name: Option<String>,
        count: Option<u32>,
        flag: Option<bool>,
        list: Option<Vec<u32>>,
        inner: Option<Inner>,
        kind: Option<Kind>,
        pair: Option<(u32, u32)>,
    }

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        total: u32,
    }

    #[derive(Deserialize, Debug)]
    enum Kind {
        #[serde(rename = "甲")]
        A,
    }

    /// Bad TOML, one problem each, covering every family of message.
    const BAD: &[&str] = &[
        "count =\nname = \"x\"\n",
        "name = \"a\u{0}b\"\n",
        "name = \"a\u{7}b\"\n",
        "count = 1e400\n",
        "count = 100000000000000000000\n",
        "count = 1000000000000000000000000000000000000000\n",
        "name = \"x\"\nflag = \"\"\"abc\n\nmore\n",
        "name = '''abc\n",
        "count = true\n",
        "count = 1.5\n",
        "count = -1\n",
        "count = \"5\"\n",
        "count = nan\n",
        "name = 2024-01-01\n",
        "name = 12:00:00\n",
        "name = 2024-13-01\n",
        "name = 2024-02-30\n",
        "name = 1979-05-27T25:00:00\n",
        "name = [1]\n",
        "name = {a = 1}\n",
        "name = 示例\n",
        "name = \"a\\qb\"\n",
        "name = \"a\\u12\"\n",
        "name = 'abc\n",
        "name \"x\"\n",
        "name = \"x\" \"y\"\n",
        "count = 012\n",
        "count = 1__2\n",
        "= \"x\"\n",
        "[inner\ntotal = 1\n",
        "[[inner]\ntotal = 1\n",
        "list = [1, 2\n",
        "list = [1,,2]\n",
        "inner = {total = 1,,}\n",
        "inner = {total = 1\n",
        "name = \"x\"\nname.a = 1\n",
        "name = \"x\"\nname = \"y\"\n",
        "[inner]\ntotal = 1\n[inner]\ntotal = 2\n",
        "count = 0b12\n",
        "count = 0X12\n",
        "count = +0x12\n",
        "count = 5 # a\u{1}\n",
        "count = 1.e5\n",
        "count = 1.5e\n",
        "name = abc\"\n",
        "[a.\"\"\"b\"\"\"]\n",
        "flag = \"yes\"\n",
        "flag = 1\n",
        "flag = True\n",
        "kind = \"乙\"\n",
        "colour = 1\n",
        "[inner]\ntotl = 1\n",
        "[inner]\n",
        "pair = [1]\n",
        "name = ]\n",
        "name = \"x\"}\n",
        "\"\"\"k\"\"\" = 1\n",
        "a.\"\" . = 1\n",
        "name = \"x\" = 1\n",
        "count = 5\r\n\rname = \"x\"\n",
        "inner = 1\n[inner]\ntotal = 1\n",
        "list = [1 = 2]\n",
        "inner = {= 1}\n",
        "name = 1979-05-27T07:32:00+25:00\n",
    ];

    /// Words made of ASCII letters in `s`.
    fn words(s: &str) -> Vec<String> {
        s.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() > 1).map(str::to_string).collect()
    }

    #[test]
    fn every_toml_error_is_in_chinese() {
        // Besides what the snippet itself says: the names of `Doc`'s fields.
        let allowed = ["TOML", "true", "false", "LF", "CRLF", "CR", "name", "count", "flag", "list", "inner", "kind", "pair", "total"];
        let mut leaks = vec![];
        for snippet in BAD {
            let e = toml::from_str::<Doc>(snippet).expect_err(snippet);
            let range = error_range(e.message(), snippet, e.span().unwrap_or(0..0));
            let (field, message) = translate(e.message(), snippet, range);
            let own = words(&snippet.to_lowercase());
            let english: Vec<String> = words(&message).into_iter().filter(|w| !allowed.contains(&w.as_str()) && !own.contains(&w.to_lowercase())).collect();
            // Every snippet has its own sentence, not the catch-all.
            let generic = message.contains("这一行无法解析");
            if generic
                || !english.is_empty()
                || message.contains("as i128")
                || (!field.is_empty() && !snippet.contains(&field) && !allowed.contains(&field.as_str()))
            {
                leaks.push(format!("{snippet:?}\n  raw: {}\n  zh:  {field} {message}", e.message()));
            }
        }
        assert!(leaks.is_empty(), "English or the catch-all in {} messages:\n{}", leaks.len(), leaks.join("\n"));
    }

    fn message(snippet: &str) -> (usize, String) {
        let e = toml::from_str::<Doc>(snippet).expect_err(snippet);
        let range = error_range(e.message(), snippet, e.span().unwrap_or(0..0));
        let line = snippet[..range.start].matches('\n').count() + 1;
        (line, translate(e.message(), snippet, range).1)
    }

    #[test]
    fn each_problem_gets_its_own_sentence_at_its_line() {
        let cases: &[(&str, usize, &str)] = &[
            ("name = \"x\"\ncount =\nflag = true\n", 2, "等号 = 后面缺少取值"),
            ("name = 示例\n", 1, "文字必须加引号"),
            ("name = \"x\"\nflag = \"\"\"abc\n\nmore\n", 2, "多行字符串从这里开始"),
            ("name = \"x\"\n\nflag = '''abc\nmore\n", 3, "多行字符串从这里开始"),
            ("name = \"abc\n", 1, "字符串没有闭合"),
            ("count = 1e400\n", 1, "数字太大"),
            ("count = 100000000000000000000\n", 1, "写的是 整数 100000000000000000000，应为 非负整数"),
            ("flag = 1\n", 1, "应为 布尔值"),
            ("name = 2024-01-01\n", 1, "没有引号的日期时间"),
            ("name = {a = 1}\n", 1, "表 { … }"),
            ("name = 2024-13-01\n", 1, "月份应在 01 到 12 之间"),
            ("[inner\ntotal = 1\n", 1, "缺少结束的 ]"),
        ];
        for (snippet, line, want) in cases {
            let (got_line, got) = message(snippet);
            assert!(got.contains(want), "{snippet:?}: {got}");
            assert_eq!(got_line, *line, "{snippet:?}: {got}");
        }
    }

    #[test]
    fn messages_toml_builds_from_parts_keep_the_names() {
        let (_, m) = translate("unexpected keys in table: totl, extra, available keys: total", "", 0..0);
        assert_eq!(m, "表里有不认识的键：totl、extra；可用：total");
    }
}
