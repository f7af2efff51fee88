//! The nine 部门决算公开表, end to end on a real disclosure: the tables of
//! 中共上海市普陀区委社会工作部 2024 (tests/fixtures/putuo-shehui-2024,
//! transcribed from ../shared/real-disclosures) pass every identity but
//! three rounding differences the source really has (its 情况说明 has four
//! rates on a zero base and a 中小企业 sum larger than its total); each identity, broken
//! in a copy, is reported at its cell.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{Diag, Severity, check_json};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/putuo-shehui-2024");
const FILE: &str = "units/putuo-shehui/2024/final-accounts.toml";

/// A copy of the fixture with each `(from, to)` replaced once (each `from` must occur).
fn mutated(edits: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    common::mutated_copy(Path::new(FIXTURE), FILE, edits)
}

/// The diagnostics of `check` on the fixture with `edits`.
fn check_with(edits: &[(&str, &str)]) -> Vec<Diag> {
    let (_dir, content) = mutated(edits);
    check_json(&content)
}

/// The error at `field` whose formula (or message) mentions `needle`.
fn error_at<'a>(diags: &'a [Diag], code: &str, field: &str, needle: &str) -> &'a Diag {
    diags
        .iter()
        .find(|d| {
            d.severity == Severity::Error
                && d.code == code
                && d.field == field
                && (d.formula.as_deref().unwrap_or("").contains(needle) || d.message.contains(needle))
        })
        .unwrap_or_else(|| panic!("{code} at {field} ({needle}) expected: {diags:#?}"))
}

/// A diagnostic in brief: severity, code, line, field, stated, computed.
type Summary<'a> = (Severity, &'a str, u64, &'a str, Option<&'a str>, Option<&'a str>);

#[test]
fn the_real_disclosure_holds_but_for_four_rates_on_a_zero_base_one_procurement_sum_and_three_rounding_differences() {
    let diags = check_json(Path::new(FIXTURE));
    let got: Vec<Summary> = diags.iter().map(|d| (d.severity, d.code.as_str(), d.line, d.field.as_str(), d.stated.as_deref(), d.computed.as_deref())).collect();
    assert_eq!(
        got,
        [
            // 一、“比上年增加307.82万元，增长100.00%”: the unit was set up in
            // 2024, so the prior year is 0 and no rate of growth exists.
            (Severity::Error, "E-ZERO-BASE", 10, "overview.change_pct", Some("100.00%"), None),
            // 四、财政拨款收支总计, the same.
            (Severity::Error, "E-ZERO-BASE", 30, "appropriation.change_pct", Some("100.00%"), None),
            // 情况说明 五（二）: 住房保障支出 29.42 ÷ 307.82 = 9.5575%, written 9.55 (truncated).
            (Severity::Warning, "W-ROUNDING", 55, "general_budget.classes[3].share_pct", Some("9.55%"), Some("9.5575%")),
            // 五（三）“年初预算为0.00万元，全年预算为321.02万元，支出决算为307.82万元，
            // 完成年初预算的95.89%”: 95.89% is of the 全年预算; of a 年初预算 of 0 it cannot be.
            (Severity::Error, "E-ZERO-BASE", 65, "general_budget.execution.completion_pct", Some("95.89%"), None),
            // 十一、机关运行经费, the same as 一、.
            (Severity::Error, "E-ZERO-BASE", 160, "operating_costs.change_pct", Some("100.00%"), None),
            // 十一（二）: 中小企业 won 21.07 in reserved projects and 21.07 in
            // the others, 42.14 in all, of a procurement total of 21.07.
            (Severity::Error, "E-FIGURE", 177, "procurement.sme_other_awarded", None, None),
            // 基本支出表: 302 商品和服务支出 10.23, its 款 add up to 10.22.
            (Severity::Warning, "W-ROUNDING", 404, "tables.basic.rows[27].amount", Some("10.23万元"), Some("10.22万元")),
            // 一般公共预算支出表 合计 基本支出 105.58; 基本支出表 301 + 303 + 302 + 310 = 105.59.
            (Severity::Warning, "W-ROUNDING", 370, "tables.general_budget.rows[17].basic", Some("105.58万元"), Some("105.59万元")),
        ],
        "{diags:#?}"
    );
    assert!(diags.iter().all(|d| d.file.ends_with(FILE)));
}

#[test]
fn a_row_must_equal_the_sum_of_its_columns() {
    let d = check_with(&[("name = \"行政运行\", total = 51.32, appropriation = 51.32", "name = \"行政运行\", total = 51.32, appropriation = 52.32")]);
    error_at(&d, "E-FIGURE", "tables.income.rows[3].total", "财政拨款收入 + 上级补助收入");
    // …and the 款 above it no longer adds up in that column.
    error_at(&d, "E-FIGURE", "tables.income.rows[2].appropriation", "所属各项之和");
}

#[test]
fn a_class_must_equal_the_sum_of_its_kuan_and_a_kuan_of_its_xiang() {
    let d = check_with(&[(
        "code = \"208\", name = \"社会保障和就业支出\", total = 10.82, basic = 10.82",
        "code = \"208\", name = \"社会保障和就业支出\", total = 11.82, basic = 11.82",
    )]);
    let e = error_at(&d, "E-FIGURE", "tables.expenditure.rows[6].total", "所属各款之和");
    assert_eq!((e.stated.as_deref(), e.computed.as_deref()), (Some("11.82万元"), Some("10.82万元")));
    // The 合计 row is no longer the sum of the 类, and 总表's 类 differs.
    error_at(&d, "E-FIGURE", "tables.expenditure.rows[0].total", "各类之和");
    error_at(&d, "E-FIGURE", "tables.summary.expenditure[7].amount", "支出决算表");
    let d = check_with(&[(
        "code = \"2101101\", name = \"行政单位医疗\", total = 2.22, basic = 2.22 },\n  { code = \"2101102\", name = \"事业单位医疗\", total = 0.49, basic = 0.49 },\n  { code = \"221\"",
        "code = \"2101101\", name = \"行政单位医疗\", total = 3.22, basic = 3.22 },\n  { code = \"2101102\", name = \"事业单位医疗\", total = 0.49, basic = 0.49 },\n  { code = \"221\"",
    )]);
    error_at(&d, "E-FIGURE", "tables.expenditure.rows[11].total", "所属各项之和");
}

#[test]
fn the_total_row_must_equal_the_sum_of_the_classes() {
    let d = check_with(&[("name = \"合计\", total = 307.82, appropriation = 307.82", "name = \"合计\", total = 317.82, appropriation = 317.82")]);
    error_at(&d, "E-FIGURE", "tables.income.rows[0].total", "各类之和");
    // 总表's 本年收入合计 = 收入决算表's 合计.
    error_at(&d, "E-FIGURE", "tables.summary.income[8].amount", "收入决算表");
}

#[test]
fn income_total_must_equal_expenditure_total() {
    let d = check_with(&[(
        "  { name = \"结余分配\" },\n  { name = \"年末结转和结余\" },\n  { name = \"总计\", amount = 307.82 },",
        "  { name = \"结余分配\" },\n  { name = \"年末结转和结余\" },\n  { name = \"总计\", amount = 308.82 },",
    )]);
    error_at(&d, "E-FIGURE", "tables.summary.expenditure[29].amount", "收支总计相等");
}

#[test]
fn carryover_plus_income_less_spending_is_the_closing_balance() {
    // 财政拨款收支总表: a 年末 of 5.00 with no 年初 and 收入 = 支出.
    let d = check_with(&[("{ name = \"年末财政拨款结转和结余\" }", "{ name = \"年末财政拨款结转和结余\", total = 5.00, general_budget = 5.00 }")]);
    error_at(&d, "E-FIGURE", "tables.appropriation.expenditure[27].general_budget", "年初结转和结余 + 本年收入 − 本年支出");
    // 政府性基金表 within itself: 1.00 + 2.00 − 2.50 = 0.50, not 1.00; and 财政拨款收支总表 leaves its column blank.
    let d = check_with(&[(
        "本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。\"",
        "本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。\"\nrows = [{ name = \"合计\", carryover = 1.00, income = 2.00, total = 2.50, basic = 2.50, closing = 1.00 }]",
    )]);
    error_at(&d, "E-FIGURE", "tables.government_fund.rows[0].closing", "年初结转和结余 + 本年收入 − 本年支出");
    error_at(&d, "E-TABLE", "tables.appropriation.expenditure[26].government_fund", "政府性基金预算财政拨款收入支出决算表");
    error_at(&d, "E-TABLE", "tables.appropriation.income[1].amount", "政府性基金预算财政拨款收入支出决算表“合计”本年收入");
    error_at(&d, "E-TABLE", "tables.appropriation.expenditure[27].government_fund", "政府性基金预算财政拨款收入支出决算表“合计”年末结转和结余");
}

#[test]
fn the_summary_agrees_with_the_appropriation_table_and_the_expenditure_table() {
    let d = check_with(&[("{ name = \"一、一般公共预算财政拨款\", amount = 307.82 }", "{ name = \"一、一般公共预算财政拨款\", amount = 300.82 }")]);
    error_at(&d, "E-FIGURE", "tables.summary.income[0].amount", "财政拨款收入支出决算总表");
    let d = check_with(&[("{ name = \"九、卫生健康支出\", amount = 2.71 }", "{ name = \"九、卫生健康支出\", amount = 2.17 }")]);
    error_at(&d, "E-FIGURE", "tables.summary.expenditure[8].amount", "支出决算表“210 卫生健康支出”");
    // A 类 the 支出决算表 lists and the 总表 leaves out is held to zero.
    let d = check_with(&[("  { name = \"九、卫生健康支出\", amount = 2.71 },\n", "")]);
    error_at(&d, "E-FIGURE", "tables.expenditure.rows[10].total", "收入支出决算总表（未列出此类，即为 0）");
}

#[test]
fn the_appropriation_table_agrees_with_the_general_budget_table() {
    let d =
        check_with(&[("name = \"九、卫生健康支出\", total = 2.71, general_budget = 2.71", "name = \"九、卫生健康支出\", total = 2.71, general_budget = 2.17")]);
    error_at(&d, "E-FIGURE", "tables.appropriation.expenditure[8].general_budget", "一般公共预算财政拨款支出决算表");
}

#[test]
fn basic_spending_agrees_with_the_basic_table() {
    let d = check_with(&[("{ code = \"301\", name = \"工资福利支出\", amount = 95.36 }", "{ code = \"301\", name = \"工资福利支出\", amount = 96.36 }")]);
    error_at(&d, "E-FIGURE", "tables.basic.rows[0].amount", "所属各款之和");
    error_at(&d, "E-FIGURE", "tables.basic.rows[65].amount", "301 + 303");
    error_at(&d, "E-FIGURE", "tables.general_budget.rows[17].basic", "基本支出决算表各类之和");
}

#[test]
fn three_public_parts_and_subtotal_add_up() {
    let rows = "rows = [\n  { name = \"合计\", budget = 3.00, actual = 2.00 },\n  { name = \"因公出国（境）费\", budget = 0.00, actual = 0.00 },\n  { name = \"公务用车购置及运行维护费\", budget = 2.00, actual = 1.50 },\n  { name = \"公务用车购置费\", level = 2, budget = 0.00, actual = 0.00 },\n  { name = \"公务用车运行维护费\", level = 2, budget = 2.00, actual = 1.00 },\n  { name = \"公务接待费\", budget = 1.00, actual = 0.50 },\n]";
    let d = check_with(&[("故本表无数据。\"\n\n[tables.government_fund]", &format!("故本表无数据。\"\n{rows}\n\n[tables.government_fund]"))]);
    let e = error_at(&d, "E-FIGURE", "tables.three_public.rows[2].actual", "所属各行之和");
    assert_eq!(e.computed.as_deref(), Some("1.00万元"));
    assert!(!d.iter().any(|x| x.field == "tables.three_public.rows[0].actual"), "合计 0 + 1.50 + 0.50 = 2.00 holds: {d:#?}");
}

#[test]
fn statements_agree_with_the_tables() {
    let d = check_with(&[
        ("[overview]\ntotal = 307.82", "[overview]\ntotal = 308.82"),
        ("name = \"卫生健康支出\"\namount = 2.71", "name = \"卫生健康支出\"\namount = 2.17"),
        ("general_budget = 105.58", "general_budget = 105.85"),
    ]);
    error_at(&d, "E-FIGURE", "overview.total", "收入支出决算总表“总计”");
    error_at(&d, "E-FIGURE", "general_budget.classes[2].amount", "一般公共预算财政拨款支出决算表“210 卫生健康支出”");
    error_at(&d, "E-FIGURE", "basic_expenditure.general_budget", "一般公共预算财政拨款支出决算表“合计”基本支出");
}

#[test]
fn personnel_and_office_costs_agree_with_the_basic_table() {
    // 六、“人员经费95.36万元 … 公用经费10.23万元” = 基本支出表's 人员经费合计 and 公用经费合计.
    let d = check_with(&[("amount = 95.36", "amount = 95.63"), ("amount = 10.23", "amount = 10.32")]);
    let e = error_at(&d, "E-FIGURE", "basic_expenditure.categories[0].amount", "一般公共预算财政拨款基本支出决算表“人员经费合计”");
    assert_eq!(e.computed.as_deref(), Some("95.36万元"));
    error_at(&d, "E-FIGURE", "basic_expenditure.categories[1].amount", "一般公共预算财政拨款基本支出决算表“公用经费合计”");
}

#[test]
fn a_column_the_table_does_not_have_is_a_parse_error_at_its_line() {
    let d = check_with(&[("{ code = \"30101\", name = \"基本工资\", amount = 14.12 }", "{ code = \"30101\", name = \"基本工资\", basic = 14.12 }")]);
    let e = d.iter().find(|x| x.code == "E-PARSE").unwrap_or_else(|| panic!("{d:#?}"));
    assert!(e.message.contains("basic"), "{e:#?}");
    let d = check_with(&[("code = \"30101\"", "code = \"3010\"")]);
    let e = d.iter().find(|x| x.code == "E-PARSE").unwrap_or_else(|| panic!("{d:#?}"));
    assert!(e.message.contains("科目编码“3010”"), "{e:#?}");
}

#[test]
fn the_tables_are_rendered_with_codes_levels_totals_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    // --publish-as-is: the fixture's three rates on a zero base are errors.
    let o = common::gongkai(&["build", "--publish-as-is", "--content", FIXTURE, "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page_dir = out.join("units/putuo-shehui/2024/final-accounts");
    let html = fs::read_to_string(page_dir.join("index.html")).unwrap();
    assert!(html.contains("<caption id=table-general-budget-cap>一般公共预算财政拨款支出决算表（单位：万元）</caption>"), "{html}");
    assert!(html.contains("<th scope=row><span class=lvl3><span class=code>2013901</span> 行政运行</span></th>"));
    assert!(html.contains("<tr class=total><th scope=row><span class=lvl1>人员经费合计</span></th>"));
    // An empty table shows its note, not an empty grid.
    assert!(html.contains("<strong>政府性基金预算财政拨款收入支出决算表</strong>：本表反映"));
    assert!(!html.contains("id=table-government-fund"));
    // A disputed cell carries its 核验提示 in the table: 302 商品和服务支出 10.23 (its 款 add up to 10.22).
    assert!(html.contains("核验提示</strong>：舍入差异，计算值 10.22"), "{html}");
    let csv = fs::read_to_string(page_dir.join("putuo-shehui-2024-final-accounts-table-expenditure.csv")).unwrap();
    assert!(csv.contains("\n2013999 其他社会工作事务支出,202.24,"), "{csv}");
}

/// The complete example of docs/content-format.md §3.4.1.
fn documented_example() -> String {
    let doc = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/content-format.md")).unwrap();
    let (_, section) = doc.split_once("#### 3.4.1").expect("§3.4.1 in docs/content-format.md");
    let (_, block) = section.split_once("```toml\n").expect("the example of §3.4.1");
    block.split_once("```").unwrap().0.to_string()
}

#[test]
fn the_documented_example_holds_every_identity() {
    let statements = "unit = \"万元\"\n[overview]\ntotal = 107.00\n[income]\ntotal = 105.00\nitems = [{ name = \"财政拨款收入\", amount = 105.00 }]\n[expenditure]\ntotal = 105.00\nitems = [{ name = \"基本支出\", amount = 70.00 }, { name = \"项目支出\", amount = 35.00 }]\n\
        [appropriation]\ntotal = 107.00\n[general_budget]\ntotal = 100.00\nclasses = [{ name = \"一般公共服务支出\", amount = 80.00 }, { name = \"城乡社区支出\", amount = 20.00 }]\n";
    let (_dir, content) = mutated(&[]);
    let path = content.join(FILE);
    fs::write(&path, format!("{statements}\n{}", documented_example())).unwrap();
    let diags = check_json(&content);
    assert!(diags.is_empty(), "{diags:#?}");
    // …and breaking one figure of it is found: 基本工资 40.00 → 41.00.
    fs::write(&path, format!("{statements}\n{}", documented_example().replacen("amount = 40.00", "amount = 41.00", 1))).unwrap();
    let diags = check_json(&content);
    error_at(&diags, "E-FIGURE", "tables.basic.rows[0].amount", "所属各款之和");
}

#[test]
fn the_execution_statement_is_checked_against_its_budget_and_the_table() {
    // Each 项's 完成% of its 全年预算: 51.32 ÷ 52.00 = 98.69%, written 96.89.
    let d = check_with(&[("actual = 51.32\ncompletion_pct = 98.69", "actual = 51.32\ncompletion_pct = 96.89")]);
    let e = error_at(&d, "E-FIGURE", "general_budget.execution.items[0].completion_pct", "支出决算数 ÷ 全年预算数 × 100");
    assert_eq!(e.computed.as_deref(), Some("98.6923%"));
    // A 项's 决算 against 一般公共预算财政拨款支出决算表's row of the same code.
    let d = check_with(&[("adjusted = 52.00\nactual = 51.32", "adjusted = 52.00\nactual = 51.23")]);
    error_at(&d, "E-FIGURE", "general_budget.execution.items[0].actual", "一般公共预算财政拨款支出决算表“2013901 行政运行”");
    // The section's 决算 against its total.
    let d = check_with(&[("adjusted = 321.02\nactual = 307.82", "adjusted = 321.02\nactual = 307.28")]);
    error_at(&d, "E-FIGURE", "general_budget.execution.actual", "本节支出合计");
    // Named as of the 全年预算, the 95.89% holds (307.82 ÷ 321.02 = 95.8881%).
    let d = check_with(&[("completion_pct = 95.89\ncompletion_of = \"年初预算\"", "completion_pct = 95.89\ncompletion_of = \"全年预算\"")]);
    assert!(!d.iter().any(|x| x.field.starts_with("general_budget.execution")), "{d:#?}");
}

#[test]
fn an_item_of_the_execution_statement_has_no_items_of_its_own() {
    let d = check_with(&[("reason = \"人员变动引起实际支出低于预算。\"", "reason = \"人员变动引起实际支出低于预算。\"\nitems = [{ actual = 1.00 }]")]);
    error_at(&d, "E-PARSE", "general_budget.execution.items[0].items", "不能再含 items");
}

#[test]
fn shares_of_one_whole_make_100_percent() {
    // 基本支出 34.30% + 项目支出 65.70% = 100%; written 35.30, the sum is 101%.
    let d = check_with(&[("share_pct = 34.30", "share_pct = 35.30")]);
    let e = error_at(&d, "E-FIGURE", "expenditure.items.share_pct", "之和应为 100%");
    assert!(e.message.contains("35.30% + 65.70% = 101"), "{e:#?}");
    // Off by one unit of the last decimal per share is rounding, not an error.
    let d = check_with(&[("share_pct = 34.30", "share_pct = 34.31")]);
    assert!(!d.iter().any(|x| x.field == "expenditure.items.share_pct"), "{d:#?}");
}

#[test]
fn the_execution_statement_reads_as_plain_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let o = common::gongkai(&["build", "--publish-as-is", "--content", FIXTURE, "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = fs::read_to_string(out.join("units/putuo-shehui/2024/final-accounts/index.html")).unwrap();
    let text = strip_tags(&html);
    assert!(
        text.contains(
            "（三）预算完成情况2024年度一般公共预算财政拨款支出年初预算为0.00万元，全年预算为321.02万元，支出决算为307.82万元，完成年初预算数的95.89%"
        ),
        "{text}"
    );
    assert!(text.contains("决算数小于全年预算数的主要原因：人员经费支出数小于预算数。"), "{text}");
    assert!(
        text.contains("一般公共服务支出（类）社会工作事务（款）行政运行（项）。主要用于：行政单位人员支出、公用支出。全年预算为52.00万元，支出决算为51.32万元，完成全年预算数的98.69%"),
        "{text}"
    );
    assert!(text.contains("购房补贴（项）。主要用于：行政单位购房补贴支出。全年预算为11.72万元，支出决算为11.72万元，完成全年预算数的100%*（计算值）。决算数与全年预算数持平。"), "{text}");
    // No 项 without a 年初预算 says one; a 完成% the text leaves out is computed and marked.
    assert_eq!(text.matches("年初预算为").count(), 1, "{text}");
    assert!(text.contains("支出决算为11.31万元，完成全年预算数的63.97%*（计算值）。"), "{text}");
}

/// The text of an HTML page, tags (and the 核验提示 inside a figure's mark) left out.
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for ch in html.chars() {
        match ch {
            '<' => depth += 1,
            '>' => depth -= 1,
            _ if depth == 0 => out.push(ch),
            _ => {}
        }
    }
    out
}
