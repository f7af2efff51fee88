//! The 部门决算 page's charts (类 bars with 年初预算, “三公” 决算 vs 年初预算,
//! 基本支出 by 经济分类) — drawn where their figures are, left out where
//! they are absent or all zero — and the “主要用于” rank check (`E-RANK`),
//! on the putuo-shehui fixture (a real disclosure with its nine tables)
//! edited in a copy, and on the demo.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{PUTUO, PUTUO_YEAR, check_json, copy_dir, with_code};

/// The fixture copied, its final-accounts.toml changed by `edit`.
fn edited(edit: impl FnOnce(String) -> String) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(Path::new(PUTUO), &content);
    let path = content.join(PUTUO_YEAR).join("final-accounts.toml");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, edit(text)).unwrap();
    (dir, content)
}

/// `text` with `from` (which must occur) replaced once.
fn replaced(text: String, from: &str, to: &str) -> String {
    assert!(text.contains(from), "the fixture has {from}");
    text.replacen(from, to, 1)
}

/// The statement's 类 `name` (four lines) taken out of `[general_budget]`.
fn without_class(text: String, name: &str, amount: &str, share: &str) -> String {
    replaced(text, &format!("[[general_budget.classes]]\nname = \"{name}\"\namount = {amount}\nshare_pct = {share}\n"), "")
}

/// Only the main 类 are listed.
fn main_only(text: String) -> String {
    replaced(text, "[general_budget]\ntotal = 307.82\n", "[general_budget]\ntotal = 307.82\nmain_only = true\n")
}

/// The 部门决算 page built from `content`.
fn page_of(content: &Path) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    // --publish-as-is: the fixture's rates on a zero base are errors.
    let o = common::gongkai(&["build", "--publish-as-is", "--content", content.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    fs::read_to_string(out.join(PUTUO_YEAR).join("final-accounts/index.html")).unwrap()
}

#[test]
fn a_main_uses_list_must_name_the_largest_classes() {
    // “主要用于” 一般公共服务、社会保障和就业、卫生健康 (2.71), leaving out 住房保障支出 (29.42 in the table).
    let (_dir, content) = edited(|t| main_only(without_class(t, "住房保障支出", "29.42", "9.55")));
    let diags = check_json(&content);
    let rank = with_code(&diags, "E-RANK");
    assert_eq!(rank.len(), 1, "{diags:#?}");
    assert_eq!(rank[0].field, "general_budget.classes[2]");
    assert!(rank[0].message.contains("没有列出的“住房保障支出”（29.42万元）比列出的“卫生健康支出”（2.71万元）还大"), "{:#?}", rank[0]);
    // main_only: the total is not their sum, so no E-FIGURE on it.
    assert!(!diags.iter().any(|d| d.field == "general_budget.total"), "{diags:#?}");

    // Leaving out the smallest (卫生健康支出 2.71) names the largest three: no rank error.
    let (_dir, content) = edited(|t| main_only(without_class(t, "卫生健康支出", "2.71", "0.88")));
    let diags = check_json(&content);
    assert!(with_code(&diags, "E-RANK").is_empty(), "{diags:#?}");
    assert!(!diags.iter().any(|d| d.field == "general_budget.total"), "{diags:#?}");

    // Without main_only the list claims to be complete: the sum is checked too.
    let (_dir, content) = edited(|t| without_class(t, "住房保障支出", "29.42", "9.55"));
    let diags = check_json(&content);
    assert_eq!(with_code(&diags, "E-RANK").len(), 1, "{diags:#?}");
    assert!(diags.iter().any(|d| d.code == "E-FIGURE" && d.field == "general_budget.total"), "{diags:#?}");
}

#[test]
fn without_its_table_the_rank_is_held_to_the_appropriation_table() {
    // 一般公共预算财政拨款支出决算表 not published: 财政拨款收入支出决算总表's 一般公共预算 column is the whole.
    let (_dir, content) = edited(|t| {
        let t = main_only(without_class(t, "住房保障支出", "29.42", "9.55"));
        let start = t.find("[tables.general_budget]").unwrap();
        let end = t.find("[tables.basic]").unwrap();
        format!("{}{}", &t[..start], &t[end..])
    });
    let diags = check_json(&content);
    let rank = with_code(&diags, "E-RANK");
    assert_eq!(rank.len(), 1, "{diags:#?}");
    assert!(rank[0].message.contains("财政拨款收入支出决算总表中没有列出的“住房保障支出”（29.42万元）"), "{:#?}", rank[0]);
}

#[test]
fn basic_spending_is_drawn_by_category_and_the_class_bars_take_a_budget_where_known() {
    let html = page_of(Path::new(PUTUO));
    // 人员经费 and 公用经费 with their amounts: a pie beside the categories table.
    assert!(html.contains("<desc id=basic-expenditure-d>2024年度基本支出经济分类构成。人员经费：95.36万元；公用经费：10.23万元。</desc>"));
    // No 年初预算 anywhere (statement or table): bars of 决算 alone, beside the table.
    assert!(html.contains("<title id=general-budget-t>图3：2024年度一般公共预算财政拨款支出决算数（按类）</title>"), "{html}");
    assert!(!html.contains("年初预算未填报"));
    assert!(html.contains("id=general-budget-table"));
    // No “三公” statement: no chart.
    assert!(!html.contains("<title id=three-public-t>"));

    // 年初预算 in 一般公共预算财政拨款支出决算表: the bars take it, and say where from.
    let (_dir, content) = edited(|t| {
        let at = t.find("[tables.general_budget]").unwrap();
        let (head, tail) = t.split_at(at);
        let tail =
            replaced(tail.to_string(), "{ code = \"201\", name = \"一般公共服务支出\", ", "{ code = \"201\", name = \"一般公共服务支出\", budget = 280.00, ");
        format!("{head}{tail}")
    });
    let html = page_of(&content);
    assert!(html.contains("一般公共服务支出：决算264.87万元，年初预算280.00万元；社会保障和就业支出：决算10.82万元，年初预算未填报"));
    assert!(html.contains("（年初预算取自一般公共预算财政拨款支出决算表）</desc>"));

    // Without the categories' amounts, the pie is of 基本支出表's 类 with nonzero amounts, beside a table of them.
    let (_dir, content) = edited(|t| replaced(replaced(t, "amount = 95.36\n", ""), "amount = 10.23\n\n# 十一", "\n# 十一"));
    let html = page_of(&content);
    assert!(html.contains("<desc id=basic-expenditure-d>2024年度基本支出按经济分类（类）构成。工资福利支出：95.36万元；商品和服务支出：10.23万元。</desc>"));
    assert!(
        html.contains("<caption id=basic-economic-table-cap>2024年度基本支出按经济分类（类）（单位：万元，取自一般公共预算财政拨款基本支出决算表）</caption>")
    );
}

#[test]
fn three_public_is_drawn_unless_all_zero() {
    let statement = "[three_public]\nactual = 0\nbudget = 0\nitems = [\n  { name = \"因公出国（境）费\", actual = 0, budget = 0 },\n  { name = \"公务接待费\", actual = 0, budget = 0 },\n]\n\n[tables.summary]";
    // All zero (as the fixture's table 9 says): the table alone, never an empty chart.
    let (_dir, content) = edited(|t| replaced(t, "[tables.summary]", statement));
    let html = page_of(&content);
    assert!(html.contains("id=three-public-table"));
    assert!(!html.contains("<title id=three-public-t>"));

    // No statement, but 财政拨款“三公”经费支出决算表 with figures: its table in 部门决算报表 gets the chart.
    let rows = "title = \"财政拨款“三公”经费支出决算表\"\nrows = [\n  { name = \"合计\", budget = 3.00, actual = 2.50 },\n  \
                { name = \"因公出国（境）费\", budget = 0, actual = 0 },\n  { name = \"公务用车购置及运行维护费\", budget = 1.00, actual = 1.00 },\n  \
                { name = \"公务用车购置费\", level = 2, budget = 0, actual = 0 },\n  { name = \"公务用车运行费\", level = 2, budget = 1.00, actual = 1.00 },\n  \
                { name = \"公务接待费\", budget = 2.00, actual = 1.50 },\n]\n";
    let (_dir, content) = edited(|t| replaced(t, "title = \"财政拨款“三公”经费支出决算表\"\n", rows));
    let html = page_of(&content);
    assert!(html.contains("<desc id=three-public-d>公务用车购置及运行维护费：决算1.00万元，预算1.00万元；公务接待费：决算1.50万元，预算2.00万元</desc>"));
    assert_eq!(html.matches("<title id=three-public-t>").count(), 1);

    // The demo's 公务接待费 and 公务用车: bars, with the all-zero 因公出国 left out and counted.
    let demo = common::page("units/xinjiekou/2023/final-accounts/index.html");
    assert!(demo.contains("<title id=three-public-t>2023年度“三公”经费财政拨款决算数与年初预算数（决算数和年初预算数均为零的1项未制图）</title>"));
    assert!(
        demo.contains("<desc id=three-public-d>公务接待费：决算0.00万元，年初预算5.17万元；公务用车购置及运行维护费：决算0.53万元，年初预算0.00万元</desc>")
    );
}
