//! Malformed content, end to end: the real binary on a corpus of broken
//! content folders, each the `init` example with ONE edit. For every case
//!
//! - `check` and `build` exit 1 and never panic;
//! - `check` prints exactly one diagnostic, `<path>:<line>:<col>: 错误[<CODE>] …`,
//!   naming the broken file, the line of the problem, and what is wrong, in Chinese;
//! - the failed `build` leaves the previous output folder exactly as it was
//!   and no temporary folders beside it.
//!
//! Add a case by adding a row to [`cases`].

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn gongkai(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai")).args(args).output().expect("run gongkai")
}

const FA: &str = "units/example/2024/final-accounts.toml";
const MD: &str = "units/example/2024/livelihood.md";
const UNIT: &str = "units/example/unit.toml";

// ---- edits -----------------------------------------------------------------

/// Replace the first `from` in `content/rel` with `to`; `from` must be there.
fn replace(content: &Path, rel: &str, from: &str, to: &str) {
    let path = content.join(rel);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "edit: {rel} has no {from:?}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn append(content: &Path, rel: &str, more: &str) {
    let path = content.join(rel);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text + more).unwrap();
}

fn write(content: &Path, rel: &str, text: &str) {
    fs::write(content.join(rel), text).unwrap();
}

fn rename(content: &Path, from: &str, to: &str) {
    fs::rename(content.join(from), content.join(to)).unwrap();
}

// ---- the corpus ------------------------------------------------------------

/// Where the one diagnostic must point.
enum At {
    /// A fixed line: whole-file and whole-folder problems are reported at 1.
    Line(usize),
    /// The (only) line of the edited file that contains this text.
    LineOf(&'static str),
}

struct Case {
    name: &'static str,
    /// The one edit made to a fresh `init` content folder.
    edit: fn(&Path),
    /// Path suffix of the file (or folder) the diagnostic must name.
    file: &'static str,
    at: At,
    code: &'static str,
    /// Text the diagnostic must contain: the key, value or name at fault.
    mentions: &'static str,
}

fn cases() -> Vec<Case> {
    use At::*;
    vec![
        Case {
            name: "wrong type: amount = true",
            edit: |c| replace(c, FA, "amount = 1200.00", "amount = true"),
            file: FA,
            at: LineOf("amount = true"),
            code: "E-PARSE",
            mentions: "amount",
        },
        Case {
            name: "missing required field: [overview] without total",
            edit: |c| replace(c, FA, "[overview]\ntotal = 1200.00\n", "[overview]\n"),
            file: FA,
            at: LineOf("[overview]"),
            code: "E-PARSE",
            mentions: "total",
        },
        Case {
            name: "missing required field at the top level: site.toml without title",
            edit: |c| replace(c, "site.toml", "title = \"示例街道预算公开\"\n", ""),
            file: "site.toml",
            at: Line(1),
            code: "E-PARSE",
            mentions: "title",
        },
        Case {
            name: "unknown key: totl",
            edit: |c| replace(c, FA, "[overview]\ntotal =", "[overview]\ntotl ="),
            file: FA,
            at: LineOf("totl ="),
            code: "E-PARSE",
            mentions: "totl",
        },
        Case {
            name: "unknown money unit: 美元",
            edit: |c| replace(c, FA, "unit = \"万元\"", "unit = \"美元\""),
            file: FA,
            at: LineOf("unit = \"美元\""),
            code: "E-PARSE",
            mentions: "美元",
        },
        Case {
            name: "non-numeric amount: \"abc\"",
            edit: |c| replace(c, FA, "amount = 300.00", "amount = \"abc\""),
            file: FA,
            at: LineOf("\"abc\""),
            code: "E-PARSE",
            mentions: "abc",
        },
        Case {
            name: "NaN amount",
            edit: |c| replace(c, FA, "amount = 300.00", "amount = nan"),
            file: FA,
            at: LineOf("amount = nan"),
            code: "E-PARSE",
            mentions: "nan",
        },
        Case {
            name: "infinite amount written as a string",
            edit: |c| replace(c, FA, "amount = 300.00", "amount = \"inf\""),
            file: FA,
            at: LineOf("amount = \"inf\""),
            code: "E-PARSE",
            mentions: "inf",
        },
        Case {
            name: "negative count: [assets] vehicles = -1",
            edit: |c| append(c, FA, "\n[assets]\nas_of = \"2024-12-31\"\nfixed_assets = 500.00\nvehicles = -1\n"),
            file: FA,
            at: LineOf("vehicles = -1"),
            code: "E-PARSE",
            mentions: "vehicles",
        },
        Case {
            name: "TOML duplicate key: total twice in [overview]",
            edit: |c| replace(c, FA, "change_pct = 20.00\n", "change_pct = 20.00\ntotal = 1200.50\n"),
            file: FA,
            at: LineOf("total = 1200.50"),
            code: "E-PARSE",
            mentions: "total",
        },
        Case {
            name: "invalid TOML syntax: unclosed string",
            edit: |c| replace(c, FA, "name = \"财政拨款收入\"", "name = \"财政拨款收入"),
            file: FA,
            at: LineOf("name = \"财政拨款收入"),
            code: "E-PARSE",
            mentions: "",
        },
        Case { name: "empty final-accounts.toml", edit: |c| write(c, FA, ""), file: FA, at: Line(1), code: "E-EMPTY", mentions: "" },
        Case { name: "empty unit.toml", edit: |c| write(c, UNIT, ""), file: UNIT, at: Line(1), code: "E-EMPTY", mentions: "" },
        Case {
            name: "unknown glossary term referenced",
            edit: |c| replace(c, FA, "\"项目支出\"]", "\"项目开支\"]"),
            file: FA,
            at: LineOf("项目开支"),
            code: "E-REFERENCE",
            mentions: "项目开支",
        },
        Case {
            name: "front matter never closed",
            edit: |c| replace(c, MD, "section = \"livelihood\"\n+++\n", "section = \"livelihood\"\n"),
            file: MD,
            at: Line(1),
            code: "E-FRONT-MATTER",
            mentions: "+++",
        },
        Case {
            name: "front matter with unknown section",
            edit: |c| replace(c, MD, "section = \"livelihood\"", "section = \"livelyhood\""),
            file: MD,
            at: LineOf("section = "),
            code: "E-REFERENCE",
            mentions: "livelyhood",
        },
        Case {
            name: "front matter with wrong type: title = 1",
            edit: |c| replace(c, MD, "title = \"最低生活保障\"", "title = 1"),
            file: MD,
            at: LineOf("title = 1"),
            code: "E-PARSE",
            mentions: "title",
        },
        Case {
            name: "bad year folder: 24",
            edit: |c| rename(c, "units/example/2024", "units/example/24"),
            file: "units/example/24",
            at: Line(1),
            code: "E-LAYOUT",
            mentions: "“24”",
        },
        Case {
            name: "unit folder with uppercase letters",
            edit: |c| rename(c, "units/example", "units/Example"),
            file: "units/Example",
            at: Line(1),
            code: "E-LAYOUT",
            mentions: "Example",
        },
        Case {
            name: "stray file in the year folder: final-acounts.toml",
            edit: |c| fs::write(c.join("units/example/2024/final-acounts.toml"), "unit = \"万元\"\n").unwrap(),
            file: "units/example/2024/final-acounts.toml",
            at: Line(1),
            code: "E-LAYOUT",
            mentions: "final-acounts.toml",
        },
        Case {
            name: "amount beyond any budget: 10^29 written as a string",
            edit: |c| replace(c, FA, "amount = 300.00", "amount = \"79228162514264337593543950335\""),
            file: FA,
            at: LineOf("79228162514264337593543950335"),
            code: "E-PARSE",
            mentions: "太大",
        },
        Case {
            name: "amount with 28 decimals",
            edit: |c| replace(c, FA, "amount = 300.00", "amount = \"300.0000000000000000000000000001\""),
            file: FA,
            at: LineOf("300.0000000000000000000000000001"),
            code: "E-PARSE",
            mentions: "小数位太多",
        },
        Case {
            name: "duplicate unit: units/example2 with the same names",
            edit: |c| common::copy_dir(&c.join("units/example"), &c.join("units/example2")),
            file: "units/example2/unit.toml",
            at: LineOf("name = \"示例市示例区示例街道办事处\""),
            code: "E-DUPLICATE",
            mentions: "units/example",
        },
        // ---- H: reading files safely and messages that teach ----
        Case {
            name: "a FIFO named *.md in a year folder (must not hang)",
            edit: |c| load_edits::mkfifo(&c.join("units/example/2024/pipe.md")),
            file: "units/example/2024/pipe.md",
            at: Line(1),
            code: "E-FILE",
            mentions: "管道",
        },
        Case {
            name: "a narrative linked to a private file outside the content folder",
            edit: |c| {
                fs::write(
                    c.parent().unwrap().join("private.md"),
                    "+++\ntitle = \"私\"\nreport = \"final-accounts\"\nsection = \"livelihood\"\n+++\n身份证号\n",
                )
                .unwrap();
                load_edits::symlink("../../../../private.md", &c.join("units/example/2024/private.md"));
            },
            file: "units/example/2024/private.md",
            at: Line(1),
            code: "E-FILE",
            mentions: "内容目录之外",
        },
        Case {
            name: "a static/ file linked to /etc/passwd",
            edit: |c| {
                fs::create_dir_all(c.parent().unwrap().join("static")).unwrap();
                load_edits::symlink("/etc/passwd", &c.parent().unwrap().join("static/passwd"));
            },
            file: "static/passwd",
            at: Line(1),
            code: "E-FILE",
            mentions: "static 目录之外",
        },
        Case {
            name: "a year folder linked to a folder outside the content",
            edit: |c| {
                common::copy_dir(&c.join("units/example/2024"), &c.parent().unwrap().join("elsewhere/2024"));
                load_edits::symlink("../../../elsewhere/2024", &c.join("units/example/2023"));
            },
            file: "units/example/2023",
            at: Line(1),
            code: "E-FILE",
            mentions: "内容目录之外",
        },
        Case {
            name: "glossary.toml is a FIFO",
            edit: |c| {
                fs::remove_file(c.join("glossary.toml")).unwrap();
                load_edits::mkfifo(&c.join("glossary.toml"));
            },
            file: "glossary.toml",
            at: Line(1),
            code: "E-FILE",
            mentions: "管道",
        },
        Case {
            name: "a symlink loop: x.md → x.md",
            edit: |c| load_edits::symlink("x.md", &c.join("units/example/2024/x.md")),
            file: "units/example/2024/x.md",
            at: Line(1),
            code: "E-FILE",
            mentions: "成环",
        },
        Case {
            name: "a dangling symlink",
            edit: |c| load_edits::symlink("gone.md", &c.join("units/example/2024/x.md")),
            file: "units/example/2024/x.md",
            at: Line(1),
            code: "E-FILE",
            mentions: "不存在",
        },
        Case {
            name: "unit.toml saved as GBK",
            edit: |c| load_edits::recode(c, UNIT, |t| encoding_rs::GBK.encode(t).0.into_owned()),
            file: UNIT,
            at: Line(1),
            code: "E-ENCODING",
            mentions: "GBK",
        },
        Case {
            name: "final-accounts.toml saved as GB18030",
            edit: |c| load_edits::recode(c, FA, |t| encoding_rs::GB18030.encode(t).0.into_owned()),
            file: FA,
            at: Line(1),
            code: "E-ENCODING",
            mentions: "GBK",
        },
        Case {
            name: "a narrative saved as UTF-16 LE with a byte-order mark",
            edit: |c| load_edits::recode(c, MD, |t| [0xFF, 0xFE].into_iter().chain(t.encode_utf16().flat_map(u16::to_le_bytes)).collect()),
            file: MD,
            at: Line(1),
            code: "E-ENCODING",
            mentions: "UTF-16",
        },
        Case {
            name: "site.toml saved as UTF-16 BE without a byte-order mark",
            edit: |c| load_edits::recode(c, "site.toml", |t| t.encode_utf16().flat_map(u16::to_be_bytes).collect()),
            file: "site.toml",
            at: Line(1),
            code: "E-ENCODING",
            mentions: "UTF-16",
        },
        Case {
            name: "one byte that is not UTF-8 on line 2 of a UTF-8 file",
            edit: |c| load_edits::recode(c, UNIT, |t| t.replacen("示例街道\"", "示例\u{1}街道\"", 1).bytes().map(|b| if b == 1 { 0xFF } else { b }).collect()),
            file: UNIT,
            at: Line(2),
            code: "E-ENCODING",
            mentions: "UTF-8",
        },
        Case {
            name: "NUL inside a TOML string",
            edit: |c| replace(c, FA, "name = \"财政拨款收入\"", "name = \"财政\u{0}拨款收入\""),
            file: FA,
            at: LineOf("财政\u{0}拨款"),
            code: "E-CONTROL-CHAR",
            mentions: "U+0000",
        },
        Case {
            name: "BEL inside a TOML string",
            edit: |c| replace(c, UNIT, "负责辖区", "负责\u{7}辖区"),
            file: UNIT,
            at: LineOf("负责\u{7}辖区"),
            code: "E-CONTROL-CHAR",
            mentions: "U+0007",
        },
        Case {
            name: "ESC in a TOML comment",
            edit: |c| replace(c, "site.toml", "# 网站设置", "# 网站\u{1b}设置"),
            file: "site.toml",
            at: LineOf("\u{1b}"),
            code: "E-CONTROL-CHAR",
            mentions: "U+001B",
        },
        Case {
            name: "NUL in a Markdown narrative",
            edit: |c| replace(c, MD, "截至年底", "截至\u{0}年底"),
            file: MD,
            at: LineOf("截至\u{0}年底"),
            code: "E-CONTROL-CHAR",
            mentions: "U+0000",
        },
        Case {
            name: "NUL written as an escape in a TOML string",
            edit: |c| replace(c, UNIT, "short_name = \"示例街道\"", "short_name = \"示例\\u0000街道\""),
            file: UNIT,
            at: LineOf("short_name"),
            code: "E-CONTROL-CHAR",
            mentions: "U+0000",
        },
        Case {
            name: "ESC written as a character reference in Markdown",
            edit: |c| replace(c, MD, "截至年底", "截至&#x1b;[31m年底"),
            file: MD,
            at: LineOf("&#x1b;"),
            code: "E-CONTROL-CHAR",
            mentions: "U+001B",
        },
        Case {
            name: "TOML: prior = with no value",
            edit: |c| {
                replace(
                    c,
                    FA,
                    "prior = 1000.00\nchange = 200.00\nchange_pct = 20.00\n\n[income]",
                    "prior =   # 上年数\nchange = 200.00\nchange_pct = 20.00\n\n[income]",
                )
            },
            file: FA,
            at: LineOf("prior =   #"),
            code: "E-PARSE",
            mentions: "缺少取值",
        },
        Case {
            name: "TOML: 1e400",
            edit: |c| replace(c, FA, "amount = 300.00", "amount = 1e400"),
            file: FA,
            at: LineOf("1e400"),
            code: "E-PARSE",
            mentions: "太大",
        },
        Case {
            name: "TOML: an unterminated \"\"\" reported where it opens",
            edit: |c| replace(c, "site.toml", "intro = \"本站", "intro = \"\"\"本站"),
            file: "site.toml",
            at: LineOf("intro = "),
            code: "E-PARSE",
            mentions: "三引号",
        },
        Case {
            name: "TOML: a date without quotes is called a date",
            edit: |c| replace(c, "site.toml", "data_date = \"2025-08-31\"", "data_date = 2025-08-31"),
            file: "site.toml",
            at: LineOf("data_date"),
            code: "E-PARSE",
            mentions: "日期",
        },
        Case {
            name: "TOML: a quoted boolean",
            edit: |c| append(c, "site.toml", "publish_as_is = \"yes\"\n"),
            file: "site.toml",
            at: LineOf("publish_as_is"),
            code: "E-PARSE",
            mentions: "布尔值",
        },
        Case {
            name: "TOML: an integer beyond i64 (no 'as i128')",
            edit: |c| replace(c, UNIT, "actual = 58", "actual = 100000000000000000000"),
            file: UNIT,
            at: LineOf("actual = "),
            code: "E-PARSE",
            mentions: "100000000000000000000，应为 非负整数",
        },
        Case {
            name: "TOML: a bare word without quotes",
            edit: |c| replace(c, UNIT, "short_name = \"示例街道\"", "short_name = 示例街道"),
            file: UNIT,
            at: LineOf("short_name"),
            code: "E-PARSE",
            mentions: "文字必须加引号",
        },
        // ---- H: no script from content (links and nesting in Markdown) ----
        Case {
            name: "narrative: javascript: link",
            edit: |c| append(c, MD, "\n见[详情](javascript:alert(1))。\n"),
            file: MD,
            at: LineOf("[详情](javascript"),
            code: "E-URL",
            mentions: "javascript:alert(1)",
        },
        Case {
            name: "narrative: reference link in mixed case",
            edit: |c| append(c, MD, "\n见[详情][r]。\n\n[r]: JaVaScRiPt:alert(1)\n"),
            file: MD,
            at: LineOf("[详情][r]"),
            code: "E-URL",
            mentions: "JaVaScRiPt:",
        },
        Case {
            name: "narrative: autolink <javascript:…>",
            edit: |c| append(c, MD, "\n<javascript:alert(1)>\n"),
            file: MD,
            at: LineOf("<javascript:"),
            code: "E-URL",
            mentions: "javascript:",
        },
        Case {
            name: "narrative: entity-encoded scheme",
            edit: |c| append(c, MD, "\n[详情](&#106;avascript:alert(1))\n"),
            file: MD,
            at: LineOf("&#106;avascript"),
            code: "E-URL",
            mentions: "javascript:",
        },
        Case {
            name: "narrative: image from a data: address",
            edit: |c| append(c, MD, "\n![图](data:image/svg+xml,x)\n"),
            file: MD,
            at: LineOf("![图]"),
            code: "E-URL",
            mentions: "data:",
        },
        Case {
            name: "narrative: block quotes nested 10,000 deep",
            edit: |c| append(c, MD, &format!("\n{} 太深\n", ">".repeat(10_000))),
            file: MD,
            at: LineOf("太深"),
            code: "E-NESTING",
            mentions: "嵌套",
        },
        Case {
            name: "narrative: emphasis nested 10,000 deep",
            edit: |c| append(c, MD, &format!("\n{}太深{}\n", "*".repeat(10_000), "*".repeat(10_000))),
            file: MD,
            at: LineOf("太深"),
            code: "E-NESTING",
            mentions: "嵌套",
        },
        Case {
            name: "site.toml intro: javascript: link",
            edit: |c| replace(c, "site.toml", "intro = \"本站", "intro = \"[本站](javascript:alert(1))"),
            file: "site.toml",
            at: LineOf("intro ="),
            code: "E-URL",
            mentions: "javascript:",
        },
        Case {
            name: "site.toml intro: block quotes nested 100 deep",
            edit: |c| replace(c, "site.toml", "intro = \"本站", &format!("intro = \"{}本站", ">".repeat(100))),
            file: "site.toml",
            at: LineOf("intro ="),
            code: "E-NESTING",
            mentions: "嵌套",
        },
        Case {
            name: "site.toml footer: vbscript: link",
            edit: |c| append(c, "site.toml", "footer = \"[联系我们](vbscript:msgbox(1))\"\n"),
            file: "site.toml",
            at: LineOf("footer ="),
            code: "E-URL",
            mentions: "vbscript:",
        },
        Case {
            name: "unit duties: file: link",
            edit: |c| replace(c, UNIT, "duties = \"负责辖区", "duties = \"[负责](file:///etc/passwd)辖区"),
            file: UNIT,
            at: LineOf("file:///etc/passwd"),
            code: "E-URL",
            mentions: "file:",
        },
        Case {
            name: "unit setup: list markers nested 60 deep",
            edit: |c| replace(c, UNIT, "setup = \"", &format!("setup = \"{}", "- ".repeat(60))),
            file: UNIT,
            at: LineOf("setup ="),
            code: "E-NESTING",
            mentions: "嵌套",
        },
        Case {
            name: "office duties: tab inside the scheme",
            edit: |c| replace(c, UNIT, "duties = \"整合行政", "duties = \"[整合](<java\\tscript:alert(1)>)行政"),
            file: UNIT,
            at: LineOf("[整合]"),
            code: "E-URL",
            mentions: "java",
        },
        Case {
            name: "glossary: link on the second line of a multi-line definition",
            edit: |c| {
                replace(
                    c,
                    "glossary.toml",
                    "definition = \"指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。\"",
                    "definition = \"\"\"\n指为保障机构正常运转而发生的支出。\n[说明](javascript:alert(1))\n\"\"\"",
                )
            },
            file: "glossary.toml",
            at: LineOf("[说明](javascript"),
            code: "E-URL",
            mentions: "javascript:",
        },
        Case {
            name: "final accounts tables_note: javascript: link",
            edit: |c| replace(c, FA, "glossary = [", "tables_note = \"[附表](javascript:alert(1))\"\nglossary = ["),
            file: FA,
            at: LineOf("tables_note ="),
            code: "E-URL",
            mentions: "javascript:",
        },
        // ---- H: placeholders and positions ----
        Case {
            name: "unterminated {{ in a narrative",
            edit: |c| replace(c, MD, "截至年底", "{{ final-accounts.overview.total 截至年底"),
            file: MD,
            at: LineOf("{{ final-accounts"),
            code: "E-PLACEHOLDER",
            mentions: "缺少 “}}”",
        },
        Case {
            name: "{{ closed only after a blank line (spans a paragraph)",
            edit: |c| append(c, MD, "\n\n合计{{ final-accounts.overview.total\n\n| 万元 }}。\n"),
            file: MD,
            at: LineOf("合计{{"),
            code: "E-PLACEHOLDER",
            mentions: "跨段",
        },
        Case {
            name: "unterminated {{ before a good reference in the next paragraph",
            edit: |c| append(c, MD, "\n\n上年{{ final-accounts.overview.prior\n\n合计{{ final-accounts.overview.total }}。\n"),
            file: MD,
            at: LineOf("上年{{"),
            code: "E-PLACEHOLDER",
            mentions: "跨段",
        },
        Case {
            name: "nested {{ {{ … }}",
            edit: |c| append(c, MD, "\n\n合计{{ final-accounts.overview {{ final-accounts.overview.total }}。\n"),
            file: MD,
            at: LineOf("合计{{"),
            code: "E-PLACEHOLDER",
            mentions: "下一个 “{{”",
        },
        Case {
            name: "empty {{ }}",
            edit: |c| append(c, MD, "\n\n合计{{ }}万元。\n"),
            file: MD,
            at: LineOf("{{ }}"),
            code: "E-PLACEHOLDER",
            mentions: "空的引用",
        },
        Case {
            name: "stray }} without {{",
            edit: |c| append(c, MD, "\n\n合计 final-accounts.overview.total }}万元。\n"),
            file: MD,
            at: LineOf("}}万元"),
            code: "E-PLACEHOLDER",
            mentions: "多出的 “}}”",
        },
        Case {
            name: "reference to a key that is not there, in a later paragraph (line of the narrative)",
            edit: |c| append(c, MD, "\n\n合计{{ final-accounts.overview.totl }}。\n"),
            file: MD,
            at: LineOf("totl"),
            code: "E-REFERENCE",
            mentions: "total",
        },
        Case {
            name: "duplicate glossary term: reported at the second entry, naming the first's line",
            edit: |c| append(c, "glossary.toml", "\n[[term]]\nname = \"项目支出\"\ndefinition = \"再解释一次。\"\n"),
            file: "glossary.toml",
            at: Line(10),
            code: "E-DUPLICATE",
            mentions: "第 6 行",
        },
        Case {
            name: "a prose figure before = that is not a number: {{ 1e400 = … }}",
            edit: |c| append(c, MD, "\n\n合计{{ 1e400 = final-accounts.overview.total }}万元。\n"),
            file: MD,
            at: LineOf("1e400"),
            code: "E-REFERENCE",
            mentions: "“=” 前应是叙述中写的数字",
        },
    ]
}

// ---- the driver ------------------------------------------------------------

/// Words of the `toml`/`serde` English messages that must not reach users.
const UNTRANSLATED: &[&str] = &["invalid ", "expected ", "unexpected ", "unknown ", "missing ", "duplicate "];

const PANIC: &[&str] = &["panicked", "RUST_BACKTRACE", "thread 'main'"];

const SENTINEL: &str = "上一次构建的输出 — previous output\n";

/// 1-based number of the only line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> Result<usize, String> {
    let hits: Vec<usize> = text.lines().enumerate().filter(|(_, l)| l.contains(needle)).map(|(i, _)| i + 1).collect();
    match hits[..] {
        [n] => Ok(n),
        _ => Err(format!("expected exactly one line containing {needle:?}, found lines {hits:?}")),
    }
}

/// Run one case; return every way it fails.
fn run(case: &Case) -> Vec<String> {
    let mut fails = vec![];
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let c = content.to_str().unwrap();
    assert!(gongkai(&["init", c]).status.success(), "init");
    (case.edit)(&content);

    // check
    let o = gongkai(&["check", "--content", c]);
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    if o.status.code() != Some(1) {
        fails.push(format!("check exited with {:?}, expected 1", o.status.code()));
    }
    if PANIC.iter().any(|p| err.contains(p)) {
        fails.push("check panicked".into());
    }
    let diags: Vec<&str> = err.lines().filter(|l| l.contains(": 错误[")).collect();
    if diags.len() != 1 {
        fails.push(format!("check printed {} diagnostics, expected exactly 1", diags.len()));
    }
    if let Some(d) = diags.first() {
        let line = match &case.at {
            At::Line(n) => Ok(*n),
            At::LineOf(needle) => line_of(&fs::read_to_string(content.join(case.file)).unwrap_or_default(), needle),
        };
        match line {
            Ok(line) => {
                let want = format!("/{}:{line}:", case.file);
                if !d.contains(&want) {
                    fails.push(format!("diagnostic does not point at {}:{line}", case.file));
                }
            }
            Err(e) => fails.push(e),
        }
        if !d.contains(&format!("错误[{}]", case.code)) {
            fails.push(format!("diagnostic code is not {}", case.code));
        }
        if !d.contains(case.mentions) {
            fails.push(format!("diagnostic does not name {:?}", case.mentions));
        }
        let message = d.split_once(']').map_or(*d, |(_, m)| m).to_lowercase();
        if let Some(w) = UNTRANSLATED.iter().find(|w| message.contains(*w)) {
            fails.push(format!("diagnostic has untranslated English ({:?})", w.trim()));
        }
    }

    // build over an existing output folder
    let out = dir.path().join("out");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("keep.txt"), SENTINEL).unwrap();
    let o = gongkai(&["build", "--content", c, "--out", out.to_str().unwrap()]);
    let berr = String::from_utf8_lossy(&o.stderr).to_string();
    if o.status.code() != Some(1) {
        fails.push(format!("build exited with {:?}, expected 1", o.status.code()));
    }
    if PANIC.iter().any(|p| berr.contains(p)) {
        fails.push("build panicked".into());
    }
    let left: Vec<String> = fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    if left != ["keep.txt"] || fs::read_to_string(out.join("keep.txt")).ok().as_deref() != Some(SENTINEL) {
        fails.push(format!("build changed the previous output: now holds {left:?}"));
    }
    let temps: Vec<String> =
        fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).filter(|n| n.starts_with(".out.")).collect();
    if !temps.is_empty() {
        fails.push(format!("build left temporary folders: {temps:?}"));
    }

    if !fails.is_empty() {
        fails.push(format!("check stderr:\n{err}build stderr:\n{berr}"));
    }
    fails
}

#[test]
fn malformed_content_gives_one_located_diagnostic_and_keeps_output() {
    let cases = cases();
    assert!(cases.len() >= 16);
    let results: Vec<(&str, Vec<String>)> = std::thread::scope(|s| {
        let handles: Vec<_> = cases.iter().map(|case| (case.name, s.spawn(|| run(case)))).collect();
        handles.into_iter().map(|(name, h)| (name, h.join().unwrap())).collect()
    });
    let mut report = String::new();
    for (name, fails) in &results {
        let verdict = if fails.is_empty() { "ok" } else { "FAIL" };
        eprintln!("{verdict:4} {name}");
        if !fails.is_empty() {
            report.push_str(&format!("\n== {name}\n"));
            for f in fails {
                report.push_str(&format!("  - {f}\n"));
            }
        }
    }
    let failed = results.iter().filter(|(_, f)| !f.is_empty()).count();
    assert!(report.is_empty(), "{failed} of {} malformed-content cases fail:\n{report}", results.len());
}

#[test]
fn init_site_builds_with_zero_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let c = content.to_str().unwrap();
    let o = gongkai(&["init", c]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    let o = gongkai(&["check", "--content", c]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("0 个错误，0 个警告"), "{err}");

    let out = dir.path().join("public");
    let o = gongkai(&["build", "--content", c, "--out", out.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(!PANIC.iter().any(|p| err.contains(p)), "{err}");
    assert!(out.join("index.html").is_file(), "no index.html after build: {err}");
    // The example 决算 publishes the nine 部门决算公开表, each with its title.
    let page = std::fs::read_to_string(out.join("units/example/2024/final-accounts/index.html")).unwrap();
    let titles = [
        "公开01表 收入支出决算总表（收入）",
        "公开01表 收入支出决算总表（支出）",
        "公开02表 收入决算表",
        "公开03表 支出决算表",
        "公开04表 财政拨款收入支出决算总表（收入）",
        "公开05表 一般公共预算财政拨款支出决算表",
        "公开06表 一般公共预算财政拨款基本支出决算表",
        "公开07表 政府性基金预算财政拨款收入支出决算表",
        "公开08表 国有资本经营预算财政拨款收入支出决算表",
        "公开09表 财政拨款“三公”经费支出决算表",
    ];
    for title in titles {
        assert!(page.contains(title), "the example's 决算 page lacks the table {title}");
    }
    for file in ["table-summary-income.csv", "table-general-budget.xlsx", "table-three-public.csv"] {
        assert!(out.join("units/example/2024/final-accounts").join(format!("example-2024-final-accounts-{file}")).is_file(), "no download {file}");
    }
}

// ---- H: edits for the load-safety cases ----
mod load_edits {
    use std::fs;
    use std::path::Path;

    /// Re-save `content/rel` in another encoding.
    pub fn recode(content: &Path, rel: &str, encode: fn(&str) -> Vec<u8>) {
        let path = content.join(rel);
        let text = fs::read_to_string(&path).unwrap();
        fs::write(&path, encode(&text)).unwrap();
    }

    pub fn symlink(target: &str, link: &Path) {
        std::os::unix::fs::symlink(target, link).unwrap();
    }

    pub fn mkfifo(path: &Path) {
        let o = std::process::Command::new("mkfifo").arg(path).output().expect("mkfifo");
        assert!(o.status.success(), "mkfifo failed");
    }
}
