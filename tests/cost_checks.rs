//! 成本绩效分析 checks on a small analysis built on the `init` example: a
//! consistent one raises nothing and renders; each bad input or broken
//! relationship gives one clear diagnostic with file:line.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{Diag, Severity, check_json, gongkai, line_of, only, only_code};

/// Identical to the complete example in docs/content-format.md §3.8.6.
const COST: &str = r#"title = "困难群众救助服务项目成本绩效分析"
project = "困难群众救助服务项目"

[[sections]]
title = "一、基本情况"
[[sections.parts]]
title = "（一）项目资金情况"
text = "两个年度的委托服务合同见下表。"
show = "contracts"

[[sections]]
title = "二、成本绩效分析"
[[sections.parts]]
title = "（一）成本构成分析"
show = "budgets"
[[sections.parts]]
title = "（二）成本变化分析"
show = "comparison"
[[sections.parts]]
title = "（1）个案帮扶"
level = 4
text = "个案帮扶两年的单价分别为 350 元和 300 元。"
show = "service:个案帮扶"
caption = "表5 个案帮扶工作成本情况表"
[[sections.parts]]
title = "（三）横向比较"
show = "peers"

[[sections]]
title = "三、确定支出定额标准"
[[sections.parts]]
show = "norms"

[[sections]]
title = "四、附件"
[[sections.parts]]
title = "附件1.指标体系表"
show = "indicators"
[[sections.parts]]
title = "附件2.成果汇总表"
show = "reductions"
[[sections.parts]]
title = "附件3.支出定额标准汇总表"
show = "standards"

[contracts]
title = "表1 各年度委托服务情况"
unit = "万元"
total_amount = 23.25
total_spent = 23.25
[[contracts.rows]]
year = 2023
provider = "示例社会工作服务中心"
period = "2023.1.1-2023.12.31"
amount = 10.37
spent = 10.37
[[contracts.rows]]
year = 2024
provider = "示例社会工作服务中心"
period = "2024.1.1-2024.12.31"
amount = 12.88
spent = 12.88

[[budgets]]
year = 2023
title = "表2 2023年项目预算（合同）情况表"
unit = "元"
total = 103721.00
[[budgets.services]]
name = "1.需求评估"
subtotal = 60000
share_pct = 57.85
[[budgets.services.lines]]
item = "入户评估劳务费"
unit = "人次"
quantity = "300"
price = 200
amount = 60000
[[budgets.services]]
name = "2.个案帮扶"
subtotal = 35000
share_pct = 33.74
[[budgets.services.lines]]
item = "个案服务"
quantity = "2人*50次"
price = 350
formula = "2人*50次*350元=35000元"
[[budgets.charges]]
name = "3.管理费"
rate_pct = 6
base = "services"
amount = 5700.00
share_pct = 5.50
[[budgets.charges]]
name = "4.税费"
rate_pct = 3
base = "above"
amount = 3021.00
share_pct = 2.91

[[budgets]]
year = 2024
title = "表3 2024年项目预算（合同）情况表"
unit = "元"
total = 128832.40
restated = { "表4" = "128832.40" }
[[budgets.services]]
name = "需求评估"
subtotal = 82000
share_pct = 63.65
[[budgets.services.lines]]
item = "入户评估劳务费"
unit = "人次"
quantity = "400"
price = 200
amount = 80000
norm = "visit"
[[budgets.services.lines]]
item = "打印费"
quantity = "400份"
price = 5
amount = 2000
[[budgets.services]]
name = "个案帮扶"
subtotal = 36000
share_pct = 27.94
restated = { "表5" = "36000" }
[[budgets.services.lines]]
item = "个案服务"
quantity = "2人*60次"
price = 300
formula = "2人*60次*300元=36000元"
restated = { "表5" = "120人次*300元=36000元" }
norm = "case"
[[budgets.charges]]
name = "管理费"
rate_pct = 6
base = "services"
amount = 7080.00
share_pct = 5.50
[[budgets.charges]]
name = "税费"
rate_pct = 3
base = "above"
amount = 3752.40
share_pct = 2.91

[peers]
title = "表9 其他街道合同对比"
unit = "万元"
months = 12
[[peers.rows]]
name = "甲街道"
amount = 24.00
monthly = "2.00万元/月"
[[peers.rows]]
name = "乙街道"
amount = 15.60
monthly = "1.30万元/月"
[[peers.rows]]
name = "示例街道"
amount = 12.88
monthly = "1.07万元/月"
self = true

[[norms]]
id = "visit"
name = "需求评估"
value = "200元/人次"
conditions = "2人一组，每户不少于2小时"
history = "200元/人次"

[[norms]]
id = "case"
name = "个案帮扶"
value = "300元/人次"
conditions = "每次服务2小时"
history = "350元/人次"

[indicators]
title = "成本绩效分析指标体系表"
[[indicators.rows]]
level1 = "直接成本"
level2 = "商品和服务支出"
level3 = "需求评估"
history = "200元/人次"
target = "200元/人次"
description = "反映单位购买商品和服务支出"
norm = "visit"
[[indicators.rows]]
level3 = "个案帮扶"
history = "350元/人次"
target = "300元/人次"
norm = "case"
[[indicators.rows]]
level1 = "满意度指标"
level2 = "服务对象满意度"
level3 = "困难群众满意程度"
history = "≥95%"
target = "≥95%"

[reductions]
title = "成本绩效分析成果汇总表"
department = "示例街道办事处"
total_new = 1
[[reductions.rows]]
name = "需求评估"
norm = "visit"
before = "200元/人次"
after = "200元/人次"
amount = "-"
rate_pct = "-"
new = "-"
[[reductions.rows]]
name = "个案帮扶"
norm = "case"
before = "350元/人次"
after = "300元/人次"
amount = "50元/人次"
rate_pct = 14.29
new = 1

[standards]
title = "支出定额标准汇总表"
department = "示例街道办事处"
citywide = "无"
[[standards.rows]]
norm = "visit"
old_tier = "需求评估"
old_unit = "元/人次"
old_value = 200
new_tier = "需求评估"
new_unit = "元/人次"
new_value = 200
[[standards.rows]]
norm = "case"
old_tier = "个案帮扶"
old_unit = "元/人次"
old_value = 350
new_tier = "个案帮扶"
new_unit = "元/人次"
new_value = 300
"#;

const FILE: &str = "units/example/2024/cost/relief.toml";

/// Write an init site with `cost` as its one analysis; return the content dir.
fn site(dir: &Path, cost: &str) -> PathBuf {
    let content = dir.join("content");
    assert!(gongkai(&["init", content.to_str().unwrap()]).status.success());
    fs::create_dir_all(content.join("units/example/2024/cost")).unwrap();
    fs::write(content.join(FILE), cost).unwrap();
    content
}

/// `check --format json` on an init site with `cost` as its analysis.
fn check(cost: &str) -> Vec<Diag> {
    let dir = tempfile::tempdir().unwrap();
    check_json(&site(dir.path(), cost))
}

/// Exactly one diagnostic, an error with `code` at relief.toml:`line` in
/// `field`, saying `needle`; returned for further checks.
fn one_error(cost: &str, line: u64, code: &str, field: &str, needle: &str) -> Diag {
    let d = only(check(cost));
    d.assert_is(Severity::Error, code, FILE, line, field, needle);
    d
}

#[test]
fn consistent_analysis_raises_nothing_and_renders() {
    let diags = check(COST);
    assert!(diags.is_empty(), "{diags:#?}");
    let dir = tempfile::tempdir().unwrap();
    let content = site(dir.path(), COST);
    let out = dir.path().join("public");
    assert!(gongkai(&["build", "--content", content.to_str().unwrap(), "--out", out.to_str().unwrap()]).status.success());
    let page = fs::read_to_string(out.join("units/example/2024/cost/relief/index.html")).unwrap();
    for needle in [
        "128,832.40",
        "63.65%",
        "2人*60次*300元=36000元",
        "120人次*300元=36000元",
        "示例街道</strong>（本单位）",
        "id=norm-case",
        "50元/人次",
        "14.29%",
        "按单项定额测算2024年预算",
        "比实际预算增加 0.00元",
    ] {
        assert!(page.contains(needle), "{needle}");
    }
    let index = fs::read_to_string(out.join("norms/index.html")).unwrap();
    assert_eq!(index.matches("units/example/2024/cost/relief/index.html#norm-").count(), 2);
    let year = fs::read_to_string(out.join("units/example/2024/index.html")).unwrap();
    assert!(year.contains("cost/index.html"));
}

#[test]
fn quantity_expression_that_does_not_parse_is_an_error() {
    let bad = COST.replace("quantity = \"2人*60次\"", "quantity = \"两人*60次\"");
    one_error(&bad, line_of(&bad, "两人", "两人"), "E-PARSE", "budgets[1].services[1].lines[0].quantity", "不是数字");
    let bad = COST.replace("quantity = \"2人*60次\"", "quantity = \"2人+60次\"");
    one_error(&bad, line_of(&bad, "2人+60次", "2人+60次"), "E-PARSE", "budgets[1].services[1].lines[0].quantity", "看不懂");
}

#[test]
fn norm_without_a_unit_of_measure_is_an_error() {
    let bad = COST.replace("value = \"300元/人次\"", "value = \"300元\"");
    only_code(&check(&bad), "E-UNIT").assert_is(Severity::Error, "E-UNIT", FILE, line_of(&bad, "value = \"300元\"", "300元"), "norms[1].value", "缺少计量单位");
}

#[test]
fn rate_above_100_percent_is_an_error() {
    let bad = COST.replace("rate_pct = 6\nbase = \"services\"\namount = 7080.00", "rate_pct = 600\nbase = \"services\"\namount = 7080.00");
    only_code(&check(&bad), "E-RANGE").assert_is(
        Severity::Error,
        "E-RANGE",
        FILE,
        line_of(&bad, "rate_pct = 600", "600"),
        "budgets[1].charges[0].rate_pct",
        "应在 0 到 100 之间",
    );
}

#[test]
fn line_citing_an_unknown_norm_is_an_error() {
    let bad = COST.replace("norm = \"case\"\n[[budgets.charges]]", "norm = \"casework\"\n[[budgets.charges]]");
    one_error(&bad, line_of(&bad, "casework", "casework"), "E-REFERENCE", "budgets[1].services[1].lines[0].norm", "不存在的单项定额 “casework”");
}

#[test]
fn price_above_its_norm_is_flagged_with_the_excess() {
    // 350 instead of 300 for 120 人次: 50 per 人次, 6000 in all.
    let bad = COST
        .replace("price = 300\nformula = \"2人*60次*300元=36000元\"", "price = 350\nformula = \"2人*60次*350元=42000元\"")
        .replace("restated = { \"表5\" = \"120人次*300元=36000元\" }", "")
        .replace("subtotal = 36000", "subtotal = 42000")
        .replace("restated = { \"表5\" = \"36000\" }", "")
        .replace("norm = \"visit\"\n[[budgets.services.lines]]\nitem = \"打印费\"", "[[budgets.services.lines]]\nitem = \"打印费\"");
    let hit = only_code(&check(&bad), "W-NORM-EXCESS");
    let line = line_of(&bad, "2人*60次*350元", "norm = \"case\"");
    hit.assert_is(
        Severity::Warning,
        "W-NORM-EXCESS",
        FILE,
        line,
        "budgets[1].services[1].lines[0].norm",
        "单价 350元/人次 高于单项定额 个案帮扶（300元/人次）：每人次超出 50元，120人次共超出 6000元",
    );
    assert_eq!(hit.figures(), (Some("350元/人次"), Some("300元/人次")));
}

#[test]
fn line_counted_in_another_unit_than_its_norm_is_an_error() {
    let bad = COST.replace("unit = \"人次\"\nquantity = \"400\"", "unit = \"户\"\nquantity = \"400\"");
    one_error(&bad, line_of(&bad, "quantity = \"400\"", "norm = \"visit\""), "E-NORM-UNIT", "budgets[1].services[0].lines[0].norm", "计量单位不一致");
}

#[test]
fn tax_rate_that_does_not_match_its_amount_is_an_error() {
    // 3752.40 is 3% of 125080; 2.98% is not.
    let bad = COST.replace("rate_pct = 3\nbase = \"above\"\namount = 3752.40", "rate_pct = 2.98\nbase = \"above\"\namount = 3752.40");
    let d = one_error(
        &bad,
        line_of(&bad, "rate_pct = 2.98", "2.98"),
        "E-FIGURE",
        "budgets[1].charges[1].rate_pct",
        "写作 2.98%，按 税费 ÷ 以上各项之和 × 100 计算为 3%",
    );
    assert_eq!(d.figures(), (Some("2.98%"), Some("3%")));
}

#[test]
fn restated_expression_and_reduction_are_checked() {
    let bad = COST.replace("\"120人次*300元=36000元\"", "\"120人次*300元=38000元\"");
    let hits = check(&bad);
    assert_eq!(hits.len(), 2, "{hits:#?}");
    let line = line_of(&bad, "38000元", "38000元");
    let field = "budgets[1].services[1].lines[0].restated.表5";
    hits[0].assert_is(Severity::Error, "E-FIGURE", FILE, line, field, "各因数相乘");
    hits[1].assert_is(Severity::Error, "E-FIGURE", FILE, line, field, "表5所写个案服务金额与计算值不符");
    assert!(hits.iter().all(|d| d.figures() == (Some("38000元"), Some("36000.00元"))), "{hits:#?}");
    let bad = COST.replace("amount = \"50元/人次\"", "amount = \"40元/人次\"");
    one_error(
        &bad,
        line_of(&bad, "40元/人次", "40元"),
        "E-FIGURE",
        "reductions.rows[1].amount",
        "压减金额与计算值不符：写作 40元/人次，按 压减前 − 压减后 计算为 50.00元/人次",
    );
}

#[test]
fn show_naming_a_missing_table_is_an_error() {
    let bad = COST.replace("show = \"service:个案帮扶\"", "show = \"service:数据维护\"");
    one_error(&bad, line_of(&bad, "service:数据维护", "service:"), "E-REFERENCE", "sections[1].parts[2].show", "没有可显示的表");
}
