//! Diagnostics that teach (issue O item 2), end to end on copies of the
//! demo content with one mistake each, the way a finance officer makes it:
//! each is reported by its code, file:line and full field path, names the
//! character or sign at fault, and says how to fix it; `check` prints the
//! source line with a caret under it; a file that fails to load does not
//! hide the figure checks of the files that loaded.

mod common;

use std::path::Path;

use common::{Diag, check_json, gongkai, mutated_copy};

const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/content");
const FA: &str = "units/xinjiekou/2023/final-accounts.toml";
/// The first class of 一般公共预算财政拨款支出 in the demo: `amount` is on line 109.
const AMOUNT: &str = "amount = 11724.11";

/// The demo with `from` replaced by `to` once in `file`; its diagnostics.
fn demo_with(file: &str, from: &str, to: &str) -> Vec<Diag> {
    let (_dir, content) = mutated_copy(Path::new(DEMO), file, &[(from, to)]);
    check_json(&content)
}

/// The only diagnostic with `code` in `file` at `line`; fails the test if none or several.
fn at(diags: &[Diag], code: &str, file: &str, line: u64) -> Diag {
    let found: Vec<&Diag> = diags.iter().filter(|d| d.code == code && d.file.ends_with(file) && d.line == line).collect();
    assert_eq!(found.len(), 1, "one {code} at {file}:{line}: {diags:#?}");
    found[0].clone()
}

/// Fail unless `d` is in `field` and its message says each of `words`.
fn says(d: &Diag, field: &str, words: &[&str]) {
    assert_eq!(d.field, field, "{d:#?}");
    for w in words {
        assert!(d.message.contains(w), "{w:?} missing from: {}", d.message);
    }
}

#[test]
fn full_width_digits_without_quotes_are_named_with_the_fix() {
    let diags = demo_with(FA, AMOUNT, "amount = １１７２４.１１");
    let d = at(&diags, "E-PARSE", FA, 109);
    says(&d, "general_budget.classes[0].amount", &["“１”是全角数字", "半角", "写成 11724.11"]);
}

#[test]
fn a_chinese_full_stop_as_decimal_point_is_named_with_the_fix() {
    let diags = demo_with(FA, AMOUNT, "amount = 11724。11");
    let d = at(&diags, "E-PARSE", FA, 109);
    says(&d, "general_budget.classes[0].amount", &["“。”是中文句号", "写成 11724.11"]);
}

#[test]
fn a_full_width_comma_is_named_with_the_fix() {
    let diags = demo_with(FA, AMOUNT, "amount = \"11，724.11\"");
    let d = at(&diags, "E-PARSE", FA, 109);
    says(&d, "general_budget.classes[0].amount", &["“，”是全角逗号", "写成 11724.11"]);
}

#[test]
fn a_percent_sign_is_named_with_the_fix() {
    let diags = demo_with(FA, "share_pct = 29.33", "share_pct = \"29.33%\"");
    let d = at(&diags, "E-PARSE", FA, 110);
    says(&d, "general_budget.classes[0].share_pct", &["“%”是百分号", "不要写百分号", "写成 29.33"]);
}

#[test]
fn misplaced_thousands_commas_are_rejected() {
    // Read as 11724.11 before: the same value, silently.
    let diags = demo_with(FA, AMOUNT, "amount = \"1,17,24.11\"");
    let d = at(&diags, "E-PARSE", FA, 109);
    says(&d, "general_budget.classes[0].amount", &["千位分隔逗号位置不对", "每三位一个", "11724.11"]);
    // In their places they are fine.
    let diags = demo_with(FA, AMOUNT, "amount = \"11,724.11\"");
    assert!(!diags.iter().any(|d| d.file.ends_with(FA) && d.line == 109), "{diags:#?}");
}

#[test]
fn a_misspelt_key_gets_its_full_path_and_the_likely_key() {
    let diags = demo_with(FA, "budget_change_pct = -31.31", "budget_chnage_pct = -31.31");
    let d = at(&diags, "E-PARSE", FA, 119);
    says(&d, "general_budget.classes[1].budget_chnage_pct", &["未知字段 `budget_chnage_pct`", "是不是 `budget_change_pct`？"]);
}

#[test]
fn a_yuan_figure_in_a_wan_yuan_file_gets_the_ten_thousand_hint() {
    let diags = demo_with(FA, AMOUNT, "amount = 117241100.00");
    let d = at(&diags, "E-FIGURE", FA, 105);
    says(&d, "general_budget.total", &["第 109 行的 117241100.00 像是按元写的数", "本处金额单位是万元", "应写 11724.11"]);
}

#[test]
fn a_negative_cut_is_blamed_on_its_sign() {
    let tracking = "units/desheng/2016/tracking.toml";
    let before = demo_with(tracking, "budget = 400.00\n", "budget = 400.00\nadjusted = 380.00\n");
    let diags = demo_with(tracking, "budget = 400.00\n", "budget = 400.00\ncut = -20.00\nadjusted = 380.00\n");
    let d = at(&diags, "E-FIGURE", tracking, 211);
    says(&d, "projects[0].cut", &["年中追减写作 -20.00", "负数", "删去开头的负号“-”", "写成 20.00"]);
    // The adjusted budget agrees with the cut read by its size: nothing is
    // blamed on it (it was disputed when the adjusted budget alone was written).
    assert!(!diags.iter().any(|d| d.field == "projects[0].adjusted"), "{diags:#?}");
    assert!(before.iter().any(|d| d.field == "projects[0].adjusted"), "the fixture can fail: {before:#?}");
}

#[test]
fn an_unknown_office_gets_the_likely_name() {
    let tracking = "units/baizhifang/2020/tracking.toml";
    let diags = demo_with(tracking, "name = \"综合办公室\"", "name = \"综合办公\"");
    let d = diags.iter().find(|d| d.code == "E-REFERENCE" && d.message.contains("科室 “综合办公”")).expect("the unknown office");
    assert!(d.message.contains("是不是 “综合办公室”？"), "{d:#?}");
    assert_eq!((d.file.ends_with(tracking), d.line), (true, 65), "{d:#?}");
    // One finding, not a cascade: the section's totals and count are not
    // compared against the zero projects its misspelt name matches.
    let in_file = |ds: &[Diag]| ds.iter().filter(|d| d.file.ends_with(tracking)).count();
    assert_eq!(in_file(&diags), in_file(&common::demo_check_json()) + 1, "{diags:#?}");
    assert!(!diags.iter().any(|d| d.field.starts_with("offices[0].") && d.field != "offices[0].name"), "{diags:#?}");
}

#[test]
fn a_file_that_fails_to_load_does_not_hide_the_figure_checks_of_the_others() {
    let (_dir, content) = mutated_copy(Path::new(DEMO), FA, &[(AMOUNT, "amount = １１７２４.１１")]);
    let diags = check_json(&content);
    let demo = common::demo_check_json();
    // The parse error, and every figure check of the other files as on the demo.
    assert!(diags.iter().any(|d| d.code == "E-PARSE" && d.file.ends_with(FA)), "{diags:#?}");
    let others = |ds: &[Diag]| {
        let mut v: Vec<(String, u64, String, String)> = ds
            .iter()
            .filter(|d| !d.file.starts_with("units/xinjiekou/2023/") && !d.file.contains("/units/xinjiekou/2023/"))
            .map(|d| (d.file.rsplit("units/").next().unwrap().to_string(), d.line, d.code.clone(), d.field.clone()))
            .collect();
        v.sort();
        v
    };
    assert!(!others(&demo).is_empty());
    assert_eq!(others(&diags), others(&demo));
    // Nothing follows from the missing file: no reference into it, nothing more in it.
    let same_year: Vec<&Diag> = diags.iter().filter(|d| d.file.contains("units/xinjiekou/2023/")).collect();
    assert!(!same_year.iter().any(|d| d.code == "E-REFERENCE"), "{same_year:#?}");
    assert_eq!(same_year.iter().filter(|d| d.file.ends_with(FA)).count(), 1, "{same_year:#?}");
}

#[test]
fn human_output_shows_the_line_with_a_caret_under_the_place() {
    let (_dir, content) = mutated_copy(Path::new(DEMO), FA, &[(AMOUNT, "amount = \"11，724.11\"")]);
    let o = gongkai(&["check", "--content", content.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    let head = err.lines().position(|l| l.contains(&format!("{FA}:109:10: 错误[E-PARSE]"))).unwrap_or_else(|| panic!("{err}"));
    let shown: Vec<&str> = err.lines().skip(head).take(4).collect();
    let want = [
        "    |",
        "109 | amount = \"11，724.11\"",
        // 9 columns of `amount = `, then 11 characters of which one (，) is two columns wide.
        "    |          ^^^^^^^^^^^^ “11，724.11” 不是数字",
    ];
    assert!(
        shown[0].ends_with(
            "字段 general_budget.classes[0].amount: “11，724.11” 不是数字：其中的“，”是全角逗号，数字里只能用半角字符（切换到英文输入法再录入）；写成 11724.11"
        ),
        "{}",
        shown[0]
    );
    assert_eq!(&shown[1..], &want, "{err}");
}
