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
/// none is reported.
#[test]
fn the_demo_computations_agree() {
    assert!(with_code(&common::demo_check_json(), "E-PROSE-CALC").is_empty());
}

/// A wrong product in the cost analysis's text is reported at its line,
/// saying what the figures compute to; the sum after it still agrees.
#[test]
fn a_wrong_product_in_a_data_string_is_reported_at_its_line() {
    const AT: &str = "开展小组活动4次（8人次\\*800元=6400元）";
    let (_dir, content) = mutated_copy(&demo(), COST, &[(AT, "开展小组活动4次（8人次\\*800元=6300元）")]);
    let all = check_json(&content);
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
