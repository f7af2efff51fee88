//! The seeds' own contradictions found without a binding (issue L): a
//! computation written in a sentence (`8人次×800元=6400元`) is recomputed
//! from its figures — agreeing results are 已核对, a wrong one is
//! `E-PROSE-CALC` at its file:line with what it computes to.

mod common;

use std::path::{Path, PathBuf};

use common::{Severity, check_json, mutated_copy, with_code};

/// The demo content folder.
fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

const COST: &str = "units/yuetan/2023/cost/relief-service-station.toml";

/// The demo's cost analysis (seed 004) writes 29 computations, all right:
/// none is reported. The seed's own contradiction is reported twice at
/// 月坛's `execution.text`: “全年预算数4197.68万元，其中，基本支出预算数9840.48万元，
/// 项目支出预算数32097.2万元，其他支出预算数0万元”, and the same for 资金总体支出.
/// 新街口's 全年预算数40775.5299万元 against parts written to two decimals
/// (sum 40775.53) is within their rounding: not reported.
#[test]
fn the_demo_computations_agree_and_the_dropped_digit_is_reported() {
    let all = common::demo_check_json();
    let calc = with_code(&all, "E-PROSE-CALC");
    assert_eq!(calc.len(), 2, "{calc:#?}");
    const FILE: &str = "units/yuetan/2023/evaluation.toml";
    calc[0].assert_is(Severity::Error, "E-PROSE-CALC", FILE, 25, "正文：年月坛街道办事处全年预算数", "之和 41937.68万元 不符");
    calc[1].assert_is(Severity::Error, "E-PROSE-CALC", FILE, 25, "正文：资金总体支出", "（9840.48万元、32097.2万元、0万元）之和 41937.68万元 不符");
    assert_eq!(calc[1].figures(), (Some("4197.68万元"), Some("41937.68万元")));
}

/// A total whose parts do not sum to it in a narrative is reported; one
/// that agrees, and a list that is not a partition, are not.
#[test]
fn a_total_against_its_listed_parts() {
    let dir = tempfile::tempdir().unwrap();
    let ok = "全年支出共计2万元，其中基本支出5000元、项目支出15000元。资产总计10万元，其中：现金1万元，固定资产原值20万元，累计折旧11万元。";
    let content = common::example_with_narrative(dir.path(), ok);
    assert!(with_code(&check_json(&content), "E-PROSE-CALC").is_empty());
    let dir = tempfile::tempdir().unwrap();
    let content = common::example_with_narrative(dir.path(), &ok.replace("15000元", "26000元"));
    let d = common::only_code(&check_json(&content), "E-PROSE-CALC");
    d.assert_is(Severity::Error, "E-PROSE-CALC", common::LIVELIHOOD_MD, 6, "正文：全年支出共计", "（5000元、26000元）之和 3.1万元 不符");
}

/// A wrong product in the cost analysis's text is reported at its line,
/// saying what the figures compute to; the sum after it still agrees.
#[test]
fn a_wrong_product_in_a_data_string_is_reported_at_its_line() {
    const AT: &str = "开展小组活动4次（8人次\\*800元=6400元）";
    let (_dir, content) = mutated_copy(&demo(), COST, &[(AT, "开展小组活动4次（8人次\\*800元=6300元）")]);
    let all: Vec<_> = check_json(&content).into_iter().filter(|d| d.file.ends_with(COST)).collect();
    let d = common::only_code(&all, "E-PROSE-CALC");
    d.assert_is(Severity::Error, "E-PROSE-CALC", COST, 196, "正文：算式", "正文中的算式“8人次*800元=6300元”有误：按写出的数字算得 6400元");
    assert_eq!(d.figures(), (Some("6300元"), Some("6400元")));
}

/// In a narrative: a right computation reports nothing, a wrong sum of
/// named terms is reported at its file:line.
#[test]
fn a_wrong_sum_in_a_narrative_is_reported_and_a_right_one_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let content = common::example_with_narrative(dir.path(), "走访困难家庭120户，慰问金120户×500元=60000元。");
    assert!(with_code(&check_json(&content), "E-PROSE-CALC").is_empty());
    let dir = tempfile::tempdir().unwrap();
    let content = common::example_with_narrative(dir.path(), "慰问金120户×500元=60000元。\n\n总成本为慰问金60000元+活动费3.5万元=9.6万元。");
    let all = check_json(&content);
    let d = common::only_code(&all, "E-PROSE-CALC");
    d.assert_is(Severity::Error, "E-PROSE-CALC", common::LIVELIHOOD_MD, 8, "正文：算式", "算得 9.5万元，原文写作 9.6万元");
}
