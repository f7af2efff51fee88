//! How prose figures resolve (issue L): a data string inside a record (a
//! tracking project's 进度说明, a contract table's text) against the record's
//! own figures first (`src/prose/scope.rs`); a narrative figure that names
//! a record (“机关物业费全年预算”) against that record, confirming only.
//! Each kind: verified when it agrees, `E-PROSE` at its file:line when it
//! does not (a narrative's record match is never a dispute).

mod common;

use std::path::{Path, PathBuf};

use common::{Severity, check_json, gongkai, mutated_copy};

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

/// The E-PROSE diagnostics in `file`.
fn prose_in(content: &Path, file: &str) -> Vec<common::Diag> {
    check_json(content).into_iter().filter(|d| d.code == "E-PROSE" && d.file.ends_with(file)).collect()
}

/// (outcome, why) of the prose figure written `written` at `file`:`line`, from `check --prose --format json`.
fn outcome(content: &Path, file: &str, line: u64, written: &str) -> (String, String) {
    let o = gongkai(&["check", "--format", "json", "--prose", "--content", content.to_str().unwrap()]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("check --prose --format json");
    let figures = json["prose"].as_array().expect("the prose figures");
    let f = figures
        .iter()
        .find(|f| f["file"].as_str().unwrap().ends_with(file) && f["line"] == line && f["written"] == written)
        .unwrap_or_else(|| panic!("no prose figure {written} at {file}:{line}"));
    (f["outcome"].as_str().unwrap().to_string(), f["why"].as_str().unwrap().to_string())
}

const DESHENG: &str = "units/desheng/2016/tracking.toml";

/// 德胜 project 1's findings: “社区服务中心装修改造经费项目实际支出81.70万元，预算支出400.00万元，
/// 已完成全年预算的20.43%” — each against the project's own actual, budget and rate_pct.
#[test]
fn a_project_s_findings_are_verified_against_its_own_figures() {
    assert_eq!(outcome(&demo(), DESHENG, 214, "81.70万元"), ("Verified".into(), "units/desheng/2016/tracking.toml:211".into()));
    assert_eq!(outcome(&demo(), DESHENG, 214, "400.00万元"), ("Verified".into(), "units/desheng/2016/tracking.toml:210".into()));
    assert_eq!(outcome(&demo(), DESHENG, 214, "20.43%"), ("Verified".into(), "units/desheng/2016/tracking.toml:212".into()));
    // Project 3 is named from 号院 on (the scan stops at 24): its 年初预算 is its budget.
    assert_eq!(outcome(&demo(), DESHENG, 246, "600.00万元"), ("Verified".into(), "units/desheng/2016/tracking.toml:242".into()));
    assert!(prose_in(&demo(), DESHENG).is_empty());
}

#[test]
fn a_project_s_findings_that_contradict_its_figures_are_reported_at_the_line() {
    let (_dir, content) =
        mutated_copy(&demo(), DESHENG, &[("项目实际支出81.70万元", "项目实际支出81.07万元"), ("已完成全年预算的20.43%", "已完成全年预算的24.03%")]);
    let prose = prose_in(&content, DESHENG);
    assert_eq!(prose.len(), 2, "{prose:#?}");
    prose[0].assert_is(
        Severity::Error,
        "E-PROSE",
        DESHENG,
        214,
        "正文：社区服务中心装修改造经费项目实际支出",
        "数据（units/desheng/2016/tracking.toml:211，actual）为 81.70万元",
    );
    assert_eq!(prose[0].figures(), (Some("81.07万元"), Some("81.70万元")));
    prose[1].assert_is(Severity::Error, "E-PROSE", DESHENG, 214, "正文：已完成全年预算的", "tracking.toml:212，rate_pct）为 20.43%");
    assert_eq!(outcome(&content, DESHENG, 214, "400.00万元").0, "Verified");
}

/// The record's figure, not another record's: project 2's 全年预算 written
/// as project 1's 400.00 is its own 109.46 misstated.
#[test]
fn another_record_s_value_is_no_match() {
    let (_dir, content) = mutated_copy(&demo(), DESHENG, &[("文体活动中心工程尾款项目全年预算109.46万元", "文体活动中心工程尾款项目全年预算400.00万元")]);
    let d = common::only(prose_in(&content, DESHENG));
    d.assert_is(Severity::Error, "E-PROSE", DESHENG, 231, "正文：文体活动中心工程尾款项目全年预算", "tracking.toml:227，budget）为 109.46万元");
}

/// 劲松's contract tables: “年度资金安排70.988471万元，实际支付70.988471万元，执行率为100%”
/// against the table's budget, paid and rate_pct.
#[test]
fn a_contract_table_s_text_is_checked_against_its_table() {
    const FILE: &str = "units/jinsong/2021/evaluation.toml";
    assert_eq!(outcome(&demo(), FILE, 164, "100%").0, "Verified");
    let (_dir, content) = mutated_copy(&demo(), FILE, &[("实际支付70.988471万元", "实际支付79.988471万元")]);
    let d = common::only(prose_in(&content, FILE));
    d.assert_is(Severity::Error, "E-PROSE", FILE, 164, "正文：实际支付", "evaluation.toml:167，paid）为 70.988471万元");
}

/// A narrative naming a project: verified by the project's figure; a
/// disagreeing one stays 未核对 (never disputed: a narrative's 预算 may be
/// another stage of it).
#[test]
fn a_narrative_figure_naming_a_record_is_confirmed_only() {
    const MD: &str = "units/desheng/2016/goals.md";
    const AT: &str = "接待法律援助咨询18次";
    let planted = |amount: &str| {
        let edit = format!("{AT}。机关物业费全年预算{amount}万元，机关物业费实际支出185.05万元");
        mutated_copy(&demo(), MD, &[(AT, edit.as_str())])
    };
    let (_dir, content) = planted("210.27");
    let text = std::fs::read_to_string(content.join(MD)).unwrap();
    let line = common::line_of(&text, AT, AT);
    assert_eq!(outcome(&content, MD, line, "210.27万元"), ("Verified".into(), "units/desheng/2016/tracking.toml:274".into()));
    assert_eq!(outcome(&content, MD, line, "185.05万元").0, "Verified");
    let (_dir, content) = planted("201.27");
    assert_eq!(outcome(&content, MD, line, "201.27万元").0, "Unchecked");
    assert!(prose_in(&content, MD).is_empty());
}

const YUETAN_MD: &str = "units/yuetan/2023/outputs-1-output.md";
const YUETAN_EVAL: &str = "units/yuetan/2023/evaluation.toml";
/// 月坛 三、3.产出成本 states the 年初预算批复数 through a binding; seed 004:150.
const BOUND: &str = "{{ 40650 = evaluation.ratios[部门预决算差异率].b | 万元 }}";

/// 年初预算批复数 (seed 004:150) and 部门预算年初数 (seed 004:304, the ratio's
/// `b_name`) are one quantity: with the binding written as a plain figure,
/// 40650万元 is disputed against 41400.94万元 at its file:line, naming the data's place and name.
#[test]
fn a_budget_figure_under_another_name_is_compared_by_its_group() {
    let (_dir, content) = mutated_copy(&demo(), YUETAN_MD, &[(BOUND, "40650万元")]);
    let d = common::only(prose_in(&content, YUETAN_MD));
    d.assert_is(
        Severity::Error,
        "E-PROSE",
        YUETAN_MD,
        96,
        "正文：年年初预算批复数为",
        "数据（units/yuetan/2023/evaluation.toml:107，b，年初预算数）为 41400.94万元",
    );
    assert_eq!(d.figures(), (Some("40650万元"), Some("41400.94万元")));
    // Agreeing: verified by the ratio's operand.
    let (_dir, content) = mutated_copy(&demo(), YUETAN_MD, &[(BOUND, "41400.94万元")]);
    assert!(prose_in(&content, YUETAN_MD).is_empty());
    assert_eq!(outcome(&content, YUETAN_MD, 96, "41400.94万元"), ("Verified".into(), "units/yuetan/2023/evaluation.toml:107".into()));
}

/// Where something narrower may be meant — a paragraph naming a record
/// (基本支出), a record's own string — a disagreeing synonym stays 未核对;
/// an agreeing one is verified (the demo's indicator text, evaluation.toml:361).
#[test]
fn a_budget_synonym_disputes_only_where_nothing_narrower_is_meant() {
    let (_dir, content) = mutated_copy(&demo(), YUETAN_MD, &[(BOUND, "40650万元"), ("1.2023年年初", "1.基本支出方面，2023年年初")]);
    assert!(prose_in(&content, YUETAN_MD).is_empty());
    assert_eq!(outcome(&content, YUETAN_MD, 96, "40650万元").0, "Unchecked");
    assert_eq!(outcome(&demo(), YUETAN_EVAL, 361, "41400.94万元"), ("Verified".into(), "units/yuetan/2023/evaluation.toml:107".into()));
    let (_dir, content) = mutated_copy(&demo(), YUETAN_EVAL, &[("部门预算年初数为41400.94万元", "部门预算年初数为41400.00万元")]);
    assert!(prose_in(&content, YUETAN_EVAL).iter().all(|d| d.line != 361), "{:#?}", prose_in(&content, YUETAN_EVAL));
    assert_eq!(outcome(&content, YUETAN_EVAL, 361, "41400.00万元").0, "Unchecked");
}

/// 劲松 contracts.md:14 names the project earlier in its paragraph
/// (“2021年上半年公益性就业组织区级岗位补贴（直达资金）2021年安排预算1,695,580元”):
/// verified by the project's budget; a disagreeing one stays 未核对, never disputed.
#[test]
fn a_narrative_figure_after_a_record_s_name_in_its_paragraph_is_confirmed_only() {
    const MD: &str = "units/jinsong/2021/contracts.md";
    assert_eq!(outcome(&demo(), MD, 14, "1,695,580元"), ("Verified".into(), "units/jinsong/2021/evaluation.toml:256".into()));
    assert_eq!(outcome(&demo(), "units/jinsong/2021/outputs.md", 52, "1000万元").0, "Verified");
    let (_dir, content) = mutated_copy(&demo(), MD, &[("安排预算1,695,580元", "安排预算1,695,000元")]);
    assert_eq!(outcome(&content, MD, 14, "1,695,000元").0, "Unchecked");
    assert!(prose_in(&content, MD).is_empty());
}

/// A cost analysis part's `after` (表后的叙述) is scanned: its computation is
/// verified, a wrong one is `E-PROSE-CALC` at its line; a unit value
/// `after = "200元/人次"` (压减后) is not a sentence and is not scanned.
#[test]
fn a_cost_part_s_after_text_is_scanned() {
    const COST: &str = "units/yuetan/2023/cost/relief-service-station.toml";
    assert_eq!(outcome(&demo(), COST, 119, "193200元").0, "Verified");
    let (_dir, content) = mutated_copy(&demo(), COST, &[("966人次\\*200元=193200元", "966人次\\*200元=193300元")]);
    let calc: Vec<_> = check_json(&content).into_iter().filter(|d| d.code == "E-PROSE-CALC" && d.file.ends_with(COST)).collect();
    assert_eq!(calc.iter().map(|d| d.line).collect::<Vec<_>>(), [119], "{calc:#?}");
    let o = gongkai(&["check", "--format", "json", "--prose", "--content", demo().to_str().unwrap()]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let at_890 = json["prose"].as_array().unwrap().iter().filter(|f| f["file"].as_str().unwrap().ends_with(COST) && f["line"] == 890).count();
    assert_eq!(at_890, 0);
}
