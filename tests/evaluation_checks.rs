//! 绩效评价 checks on small reports built on the `init` example: a
//! consistent evaluation and 自评表 raise nothing; each bad input gives one
//! clear diagnostic with file:line.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{Diag, Severity, check_json, gongkai, line_of, only, only_code};

const EVAL: &str = r#"unit = "万元"

[score]
total = 97
max = 100
[[score.categories]]
name = "预算执行"
max = 10
score = 9
[[score.categories.indicators]]
name = "部门整体预算支出执行率"
target = "100%"
actual = "92.99%"
max = 10
score = 9
[[score.categories]]
name = "产出"
max = 90
score = 88
[[score.categories.indicators]]
level2 = "数量指标"
name = "拆除违法建设面积"
target = "大于5000平方米"
actual = "5663.78平方米"
max = 45
score = 45
[[score.categories.indicators]]
level2 = "质量指标"
name = "环境卫生作业标准"
target = "达标"
actual = "基本达标"
max = 45
score = 43

[self_evaluation]
projects = 233
all_projects = 233
coverage_pct = 100
amount = 30743.95
[[self_evaluation.buckets]]
label = "100分"
count = 167
share_pct = 71.67
[[self_evaluation.buckets]]
label = "90-100分"
count = 66
share_pct = 28.33

[execution]
budget = 1250.00
actual = 1200.00
rate_pct = 96.00
[[execution.parts]]
name = "基本支出"
budget = 310.00
actual = 300.00
[[execution.parts]]
name = "项目支出"
budget = 940.00
actual = 900.00

[monitoring]
title = "监控项目"
total = 10
[[monitoring.buckets]]
label = "预算执行率90%以上"
count = 7
[[monitoring.buckets]]
label = "预算执行率为0"
count = 3

[[ratios]]
name = "部门预决算差异率"
formula_text = "预决算差异率=（决算数-年初预算数）/年初预算数*100%"
formula = "(a-b)/b"
a_name = "决算数"
a = 41937.68
b_name = "年初预算数"
b = 41400.94
stated_pct = 1.30

[[contract_tables]]
project = "老旧小区综合整治"
budget = 100.00
paid = 60.00
rate_pct = 60
total_amount = 150.00
total_paid = 60.00
[[contract_tables.rows]]
name = "施工"
contractor = "某建设公司"
amount = 100.00
paid = 50.00
cumulative_pct = 50
[[contract_tables.rows]]
name = "造价咨询一"
contractor = "某咨询公司"
amount = 30.00
paid = 6.00
cumulative_pct = 20
merged = "A"
[[contract_tables.rows]]
name = "造价咨询二"
contractor = "某咨询公司"
amount = 20.00
paid = 4.00
merged = "A"
"#;

const FORM: &str = r#"name = "社区党组织服务群众经费"
department = "示例街道办事处"
implementer = "党群工作办公室"
manager = "张三"
phone = "00000000"
unit = "万元"
weights_sum_to_100 = true
goal_expected = "为居民办实事。"
goal_actual = "按要求保障支出。"
total_max = 100
total_score = 100

[[funds]]
name = "年度资金总额"
initial = 420
full_year = 420
executed = 389.18
max = 10
rate_pct = 92.66
score = 10

[[indicators]]
level1 = "产出指标"
level2 = "数量指标"
name = "社区数量（个）"
target = "21"
actual = "21"
max = 50
score = 50

[[indicators]]
level1 = "效益指标"
level2 = "社会效益指标"
name = "提升组织力"
target = "高中低"
actual = "高"
max = 30
score = 30

[[indicators]]
level1 = "满意度指标"
level2 = "服务对象满意度指标"
name = "社区群众满意率"
target = "100"
actual = "100"
max = 10
score = 10
"#;

/// Write an init site with `eval` as its evaluation.toml and `form` as its
/// one 自评表; return the content dir.
fn site(dir: &Path, eval: &str, form: &str) -> PathBuf {
    let content = dir.join("content");
    assert!(gongkai(&["init", content.to_str().unwrap()]).status.success());
    let year = content.join("units/example/2024");
    fs::write(year.join("evaluation.toml"), eval).unwrap();
    fs::create_dir_all(year.join("projects")).unwrap();
    fs::write(year.join("projects/party-fund.toml"), form).unwrap();
    content
}

/// `check --format json` on an init site with `eval` and `form`.
fn check(eval: &str, form: &str) -> Vec<Diag> {
    let dir = tempfile::tempdir().unwrap();
    check_json(&site(dir.path(), eval, form))
}

#[test]
fn consistent_evaluation_and_form_raise_nothing_and_render() {
    let dir = tempfile::tempdir().unwrap();
    let content = site(dir.path(), EVAL, FORM);
    let diags = check_json(&content);
    assert!(diags.is_empty(), "{diags:#?}");
    let out = dir.path().join("public");
    assert!(gongkai(&["build", "--content", content.to_str().unwrap(), "--out", out.to_str().unwrap()]).status.success());
    let page = fs::read_to_string(out.join("units/example/2024/evaluation/index.html")).unwrap();
    for needle in
        ["评价得分", "71.67%", "96.00%", "部门预决算差异率", "预决算差异率=（决算数-年初预算数）/年初预算数*100%", "合并单元格", "projects/party-fund.html"]
    {
        assert!(page.contains(needle), "{needle}");
    }
    let form = fs::read_to_string(out.join("units/example/2024/evaluation/projects/party-fund.html")).unwrap();
    for needle in ["主管部门", "示例街道办事处", "92.66%", "高中低", "总分", "href=../index.html#forms"] {
        assert!(form.contains(needle), "{needle}");
    }
    let year = fs::read_to_string(out.join("units/example/2024/index.html")).unwrap();
    assert!(year.contains("evaluation/index.html"));
}

/// Exactly one diagnostic, an error with `code` at `file`:`line` in `field`,
/// whose message says `needle`.
fn one_error(eval: &str, form: &str, (file, line): (&str, u64), code: &str, field: &str, needle: &str) {
    only(check(eval, form)).assert_is(Severity::Error, code, file, line, field, needle);
}

#[test]
fn score_above_its_weight_is_an_error() {
    // 43 → 46 in an indicator worth 45; the other indicator gives 3 back so
    // the category still adds up to its stated 88.
    let bad = EVAL.replace("max = 45\nscore = 43", "max = 45\nscore = 46").replace("max = 45\nscore = 45", "max = 45\nscore = 42");
    one_error(
        &bad,
        FORM,
        ("/evaluation.toml", line_of(&bad, "环境卫生作业标准", "score = 46")),
        "E-FIGURE",
        "score.categories[1].indicators[1].score",
        "得分 46 超过分值 45",
    );
}

#[test]
fn negative_score_is_an_error() {
    let bad = FORM.replace("max = 30\nscore = 30", "max = 30\nscore = -30").replace("total_score = 100", "total_score = 40");
    one_error(EVAL, &bad, ("/projects/party-fund.toml", line_of(&bad, "提升组织力", "score = -30")), "E-FIGURE", "indicators[1].score", "为负数");
}

#[test]
fn category_without_indicators_is_an_error() {
    let bad =
        EVAL.replace("[[score.categories.indicators]]\nname = \"部门整体预算支出执行率\"\ntarget = \"100%\"\nactual = \"92.99%\"\nmax = 10\nscore = 9\n", "");
    one_error(&bad, FORM, ("/evaluation.toml", line_of(&bad, "预算执行", "max = 10")), "E-STRUCTURE", "score.categories[0].indicators", "没有任何指标");
}

#[test]
fn weight_that_is_not_a_number_is_an_error() {
    let bad = EVAL.replace("name = \"产出\"\nmax = 90", "name = \"产出\"\nmax = \"九十\"");
    one_error(&bad, FORM, ("/evaluation.toml", line_of(&bad, "产出", "max = ")), "E-PARSE", "score.categories[1].max", "不是数字");
}

#[test]
fn distribution_counts_must_add_up() {
    let bad = EVAL.replace("count = 66", "count = 57");
    only_code(&check(&bad, FORM), "E-COUNT").assert_is(
        Severity::Error,
        "E-COUNT",
        "/evaluation.toml",
        line_of(&bad, "[self_evaluation]", "projects"),
        "self_evaluation.projects",
        "评价项目个数写作 233 个，但各档合计 224 个",
    );
}

#[test]
fn merged_cell_is_checked_against_its_group_and_paid_over_contract_is_flagged() {
    // 20% covers both 造价咨询 rows: (6 + 4) / (30 + 20) = 20%. No alarm.
    // Paying more than the contract is an error.
    let bad = EVAL
        .replace("amount = 100.00\npaid = 50.00\ncumulative_pct = 50", "amount = 100.00\npaid = 120.00\ncumulative_pct = 120")
        .replace("total_paid = 60.00", "total_paid = 130.00");
    let diags = check(&bad, FORM);
    let paid = diags.iter().find(|d| d.message.contains("支付金额 120.00 大于合同金额 100.00")).unwrap_or_else(|| panic!("{diags:#?}"));
    paid.assert_is(Severity::Error, "E-FIGURE", "/evaluation.toml", line_of(&bad, "name = \"施工\"", "paid"), "contract_tables[0].rows[0].paid", "支付金额");
    assert!(
        diags.iter().all(|d| !d.field.ends_with("rows[1].cumulative_pct") && !d.field.ends_with("rows[2].cumulative_pct")),
        "merged group raises nothing: {diags:#?}"
    );
}

#[test]
fn a_project_in_both_reports_links_its_tracking_page_and_its_form() {
    let dir = tempfile::tempdir().unwrap();
    let content = site(dir.path(), EVAL, FORM);
    let tracking = "unit = \"万元\"\n[[projects]]\nname = \"社区党组织服务群众经费\"\nbudget = 420\nactual = 389.18\n";
    fs::write(content.join("units/example/2024/tracking.toml"), tracking).unwrap();
    let out = dir.path().join("public");
    let o = gongkai(&["build", "--content", content.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let year = out.join("units/example/2024");
    let project = fs::read_to_string(year.join("tracking/projects/1.html")).unwrap();
    assert!(project.contains("../../evaluation/projects/party-fund.html"), "tracking page links the form");
    assert!(year.join("tracking/projects").join("../../evaluation/projects/party-fund.html").exists());
    let form = fs::read_to_string(year.join("evaluation/projects/party-fund.html")).unwrap();
    assert!(form.contains("../../tracking/projects/1.html"), "form links the tracking page");
    assert!(year.join("evaluation/projects").join("../../tracking/projects/1.html").exists());
    // The two reports agree (420 budget, 389.18 spent); a different 实际支出 is an E-CROSS naming both.
    let diags = check_json(&content);
    assert!(common::errors(&diags).is_empty(), "{diags:#?}");
    fs::write(content.join("units/example/2024/tracking.toml"), tracking.replace("actual = 389.18", "actual = 398.18")).unwrap();
    let cross = only_code(&check_json(&content), "E-CROSS");
    cross.assert_is(
        Severity::Error,
        "E-CROSS",
        "/projects/party-fund.toml",
        line_of(FORM, "[[funds]]", "executed"),
        "funds[0].executed",
        "绩效跟踪报告中“社区党组织服务群众经费”的实际支出（",
    );
    assert!(cross.message.contains("tracking.toml:5）为 398.18万元"), "{cross:#?}");
    assert_eq!(cross.figures(), (Some("389.18万元"), Some("398.18万元")));
}
