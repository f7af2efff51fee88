//! The 情况说明 statements from “三公”经费 on, end to end on real texts:
//! the 三公 paragraph of 上海市普陀区规划和自然资源局 2024 (a 三公-only
//! disclosure, tests/fixtures/putuo-guihua-2024-three-public) and the
//! 政府采购, 国有资产 and 预算绩效 paragraphs of 普陀区委社会工作部 2024
//! (tests/fixtures/putuo-shehui-2024). Each relationship, broken in a copy,
//! is reported at its field; the page reads as plain sentences.

mod common;

use std::fs;
use std::path::Path;

use common::{Diag, Severity, check_json, mutated_copy};

const GUIHUA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/putuo-guihua-2024-three-public");
const GUIHUA_FILE: &str = "units/putuo-guihua/2024/final-accounts.toml";
const SHEHUI: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/putuo-shehui-2024");
const SHEHUI_FILE: &str = "units/putuo-shehui/2024/final-accounts.toml";

fn guihua_with(edits: &[(&str, &str)]) -> Vec<Diag> {
    let (_dir, content) = mutated_copy(Path::new(GUIHUA), GUIHUA_FILE, edits);
    check_json(&content)
}

fn shehui_with(edits: &[(&str, &str)]) -> Vec<Diag> {
    let (_dir, content) = mutated_copy(Path::new(SHEHUI), SHEHUI_FILE, edits);
    check_json(&content)
}

/// The diagnostic with `code` at `field` whose message mentions `needle`.
fn found<'a>(diags: &'a [Diag], code: &str, field: &str, needle: &str) -> &'a Diag {
    diags
        .iter()
        .find(|d| d.code == code && d.field == field && (d.message.contains(needle) || d.formula.as_deref().unwrap_or("").contains(needle)))
        .unwrap_or_else(|| panic!("{code} at {field} ({needle}) expected: {diags:#?}"))
}

/// The fields of the diagnostics under `prefix`.
fn fields_under<'a>(diags: &'a [Diag], prefix: &str) -> Vec<&'a str> {
    diags.iter().filter(|d| d.field.starts_with(prefix)).map(|d| d.field.as_str()).collect()
}

/// The text of the 部门决算 page of `content`, built as is.
fn page_text(content: &Path, year_dir: &str) -> String {
    let out = content.parent().unwrap().join("site");
    let o = common::gongkai(&["build", "--publish-as-is", "--content", content.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    common::text(&fs::read_to_string(out.join(year_dir).join("final-accounts/index.html")).unwrap())
}

#[test]
fn the_three_public_paragraph_holds_but_for_two_completions_of_a_zero_budget() {
    let diags = check_json(Path::new(GUIHUA));
    let got: Vec<(Severity, &str, u64, &str)> = diags.iter().map(|d| (d.severity, d.code.as_str(), d.line, d.field.as_str())).collect();
    // “因公出国（境）费决算为 0.00 万元，完成预算的 0.00%”, and the same for 公务用车: their budgets are 0.
    assert_eq!(
        got,
        [
            (Severity::Error, "E-ZERO-BASE", 23, "three_public.items[0].completion_pct"),
            (Severity::Error, "E-ZERO-BASE", 33, "three_public.items[1].completion_pct"),
        ],
        "{diags:#?}"
    );
}

/// The complete example of the `[three_public]` section of docs/content-format.md.
fn documented_three_public() -> String {
    let doc = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/content-format.md")).unwrap();
    let (_, section) = doc.split_once("#### `[three_public]`").expect("the [three_public] section of the docs");
    let (_, block) = section.split_once("```toml\n").expect("its example");
    block.split_once("```").unwrap().0.to_string()
}

#[test]
fn the_documented_three_public_example_is_checked_as_it_says() {
    let (_dir, content) = mutated_copy(Path::new(GUIHUA), GUIHUA_FILE, &[]);
    fs::write(content.join(GUIHUA_FILE), documented_three_public()).unwrap();
    let diags = check_json(&content);
    let got: Vec<(&str, &str)> = diags.iter().map(|d| (d.code.as_str(), d.field.as_str())).collect();
    assert_eq!(got, [("E-ZERO-BASE", "three_public.items[0].completion_pct"), ("E-ZERO-BASE", "three_public.items[1].completion_pct")], "{diags:#?}");
}

#[test]
fn completion_and_changes_of_the_three_public_total_are_checked() {
    // 完成预算的 13.68% = 0.39 ÷ 2.85 (0.385–0.395 ÷ 2.845–2.855: 13.49–13.88%); written 14.68.
    let d = guihua_with(&[("completion_pct = 13.68", "completion_pct = 14.68")]);
    let e = found(&d, "E-FIGURE", "three_public.completion_pct", "决算数 ÷ 年初预算数 × 100");
    assert_eq!(e.computed.as_deref(), Some("13.6842%"));
    // 下降 27.78% = 0.15 ÷ (0.39 + 0.15) (rounding allows 26.4–29.4%); written 37.78.
    let d = guihua_with(&[("prior_change_pct = -27.78", "prior_change_pct = -37.78")]);
    found(&d, "E-FIGURE", "three_public.prior_change_pct", "上年");
    // 比上年 from a prior of 0 (“增长100%”) is a rate on a zero base.
    let d = guihua_with(&[(
        "prior_change = -0.15\nprior_change_pct = -27.78\nprior_reason",
        "prior = 0\nprior_change = 0.39\nprior_change_pct = 100.00\nprior_reason",
    )]);
    found(&d, "E-ZERO-BASE", "three_public.items[2].prior_change_pct", "上年");
}

#[test]
fn shares_of_the_three_public_total_are_checked_and_make_100() {
    let d = guihua_with(&[("share_pct = 100.00", "share_pct = 90.00")]);
    found(&d, "E-FIGURE", "three_public.items[2].share_pct", "本项决算数 ÷ “三公”经费决算数 × 100");
    found(&d, "E-FIGURE", "three_public.items.share_pct", "之和应为 100%");
}

#[test]
fn reception_and_vehicle_details_are_checked() {
    // 接待外宾 3 批次 out of 2.
    let d = guihua_with(&[("foreign_batches = 0", "foreign_batches = 3")]);
    found(&d, "E-FIGURE", "three_public.items[2].foreign_batches", "其中数不能多于总数");
    // 国内公务接待支出 (含外宾) = 公务接待费决算数.
    let d = guihua_with(&[("domestic = 0.39", "domestic = 0.93")]);
    found(&d, "E-FIGURE", "three_public.items[2].domestic", "本项决算数");
    // Counted apart from 国内, 国内 + 外宾 = 决算数.
    let d = guihua_with(&[("foreign = 0.00\nforeign_within_domestic = true", "foreign = 0.10")]);
    found(&d, "E-FIGURE", "three_public.items[2].actual", "国内公务接待支出 + 外宾接待支出");
    // 公务用车购置费 against 三公 table's row of that name (and 购置费 + 运行维护费 = the item).
    let d = guihua_with(&[("purchase = 0.00", "purchase = 0.10")]);
    found(&d, "E-FIGURE", "three_public.items[1].purchase", "“三公”经费支出决算表“公务用车购置费”");
    found(&d, "E-FIGURE", "three_public.items[1].actual", "购置费 + 运行维护费");
}

#[test]
fn a_template_alternative_left_in_a_reason_is_reported() {
    let d = guihua_with(&[("prior_reason = \"严格", "prior_reason = \"下降（增长）的原因是严格")]);
    found(&d, "W-TEMPLATE", "three_public.items[2].prior_reason", "下降（增长）");
}

/// Issue J item 5: a 三公-only disclosure reads as plain sentences, nothing broken.
#[test]
fn the_three_public_only_disclosure_reads_as_plain_sentences() {
    let (_dir, content) = mutated_copy(Path::new(GUIHUA), GUIHUA_FILE, &[]);
    let t = page_text(&content, "units/putuo-guihua/2024");
    for s in [
        "完成预算的13.68%。决算数小于预算数的主要原因：严格落实中央八项规定，控制“三公”经费支出。2024年度“三公”经费财政拨款决算数比2023年度减少0.15万元，下降27.78%。",
        "占“三公”经费决算数的0.00%。决算数与2023年度持平。全年安排因公出国（境）团组0个、累计0人次。",
        "其中：公务用车购置费0.00万元，公务用车运行维护费0.00万元。公务用车保有量0辆。",
        "占“三公”经费决算数的100.00%。决算数比2023年度减少0.15万元，下降27.78%。减少的主要原因：严格落实中央八项规定，控制“三公”经费支出。主要用于接待上级部门及外省市单位调研学习及考察。国内公务接待支出0.39万元（含外宾接待支出0.00万元）。公务接待2批次、26人次，其中：接待外宾0批次、0人次。",
    ] {
        assert!(t.contains(s), "{s} not in {t}");
    }
    for broken in ["—万元", "。。", "，。", "主要用于。", "其中：。", "未填报", "收入支出决算总体情况", "政府采购", "国有资产", "预算绩效"]
    {
        assert!(!t.contains(broken), "{broken} in the page");
    }
}

#[test]
fn procurement_statements_are_checked() {
    // The source: 中小企业 won 21.07 in reserved projects and 21.07 in others — 42.14 of a total of 21.07.
    let d = check_json(Path::new(SHEHUI));
    let e = found(&d, "E-FIGURE", "procurement.sme_other_awarded", "大于政府采购支出总额");
    assert!(e.message.contains("21.07 + 其他项目 21.07 = 42.14万元"), "{e:#?}");
    let d = shehui_with(&[("sme_other_awarded = 21.07", "sme_other_awarded = 0")]);
    assert!(fields_under(&d, "procurement").is_empty(), "{d:#?}");
    // 小微企业预留 is part of 中小企业预留.
    let d = shehui_with(&[("small_micro_reserved = 21.07", "small_micro_reserved = 22.07"), ("sme_other_awarded = 21.07", "sme_other_awarded = 0")]);
    assert_eq!(fields_under(&d, "procurement"), ["procurement.small_micro_reserved"], "{d:#?}");
    // Shares of 货物/工程/服务: each against its amount, and together 100%.
    let shares = "services = 0\ngoods_share_pct = 100.00\nworks_share_pct = 0.00\nservices_share_pct = 0.00";
    let d = shehui_with(&[("services = 0\n", &format!("{shares}\n")), ("sme_other_awarded = 21.07", "sme_other_awarded = 0")]);
    assert!(fields_under(&d, "procurement").is_empty(), "{d:#?}");
    let d = shehui_with(&[("services = 0\n", &format!("{}\n", shares.replace("100.00", "90.00"))), ("sme_other_awarded = 21.07", "sme_other_awarded = 0")]);
    found(&d, "E-FIGURE", "procurement.goods_share_pct", "货物 ÷ 政府采购支出总额 × 100");
    found(&d, "E-FIGURE", "procurement.kinds.share_pct", "之和应为 100%");
}

#[test]
fn vehicles_by_kind_add_up_to_the_vehicles() {
    let d = shehui_with(&[("vehicles = 0", "vehicles = 1")]);
    let e = found(&d, "E-COUNT", "assets.vehicles", "各类用车之和");
    assert!(e.message.contains("= 0"), "{e:#?}");
}

#[test]
fn ratings_add_up_to_the_self_evaluated_projects_and_fixes_to_the_problems() {
    let d = shehui_with(&[("excellent = 1", "excellent = 2")]);
    found(&d, "E-COUNT", "performance.self_evaluation.projects", "优、良、合格、不合格");
    let d = shehui_with(&[("problems = { found = 0 }", "problems = { found = 2, fixed = 1, fixing = 0 }")]);
    found(&d, "E-COUNT", "performance.problems.found", "已经完成整改和正在整改");
    let d = shehui_with(&[("problems = { found = 0 }", "problems = { found = 2, fixed = 1, fixing = 1 }")]);
    assert!(fields_under(&d, "performance").is_empty(), "{d:#?}");
}

#[test]
fn operating_costs_procurement_assets_and_performance_read_as_plain_sentences() {
    let (_dir, content) = mutated_copy(Path::new(SHEHUI), SHEHUI_FILE, &[]);
    let t = page_text(&content, "units/putuo-shehui/2024");
    for s in [
        "2024年度本部门面向中小企业预留政府采购项目预算金额21.07万元，面向小微企业预留政府采购项目预算金额21.07万元。在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额21.07万元；在面向小微企业预留的政府采购项目中，由小微企业供应商中标或成交的，采购金额21.07万元；在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额21.07万元",
        "截止2024年12月31日，本部门共有车辆0辆，其中：部级领导干部用车0辆、主要领导干部用车0辆、机要通信用车0辆、应急保障用车0辆、执法执勤用车0辆、特种专业技术用车0辆、离退休干部用车0辆、其他用车0辆；单价100万元以上的设备0台。",
        // 机关运行经费 with its reason, the word taken from the change's sign.
        "（核验详情）。增加的主要原因：单位于2024年成立。机关运行经费",
        "全过程绩效管理实施情况：编报绩效目标的2024年度项目1个，涉及预算金额175.52万元；绩效跟踪评价的2024年度项目1个，涉及预算金额175.52万元；绩效自评的2024年度项目1个，涉及预算金额175.52万元，平均得分100.00分（其中，绩效评级为“优”的项目1个；绩效评级为“良”的项目0个；绩效评级为“合格”的项目0个；绩效评级为“不合格”的项目0个）。绩效自评中共发现问题0个。",
    ] {
        assert!(t.contains(s), "{s} not in {t}");
    }
    // 预算绩效情况 comes right after 国有资产占用情况 (the order of the national template).
    let (assets, performance) = (t.find("国有资产占用情况").unwrap(), t.rfind("预算绩效情况").unwrap());
    assert!(assets < performance, "{t}");
    assert!(!t.contains("授予中小企业合同金额"), "the Shanghai form only: {t}");
    // The year page names the parts the disclosure gives, 预算绩效 among them.
    let year = common::text(&fs::read_to_string(content.parent().unwrap().join("site/units/putuo-shehui/2024/index.html")).unwrap());
    assert!(year.contains("收入支出、财政拨款、政府采购、国有资产、预算绩效"), "{year}");
}
