//! End-to-end on the bundled 成本绩效分析 demo: seed 004's cost analysis of
//! 月坛街道's 困难群众救助服务所项目 (2023), built by the real binary.

mod common;

use common::{diagnostic_keys, keys, page, spaced_text};

const PAGE: &str = "units/yuetan/2023/cost/relief-service-station/index.html";

fn cost_page() -> String {
    spaced_text(&page(PAGE))
}

#[test]
fn budget_tables_2_and_3_with_subtotals_shares_and_pies() {
    let html = page(PAGE);
    let t = cost_page();
    // 表2 (2022) and 表3 (2023) totals, as the seed states them and as recomputed.
    assert!(t.contains("费用总计 418,309.92"), "表2 total");
    assert!(t.contains("费用总计 418,508.42"), "表3 total");
    for row in [
        "1.需求评估 （小计） 131,400.00 31.41%",
        "2.数据维护 （小计） 180,000.00 43.03%",
        "需求评估 （小计） 259,671.00 62.05%",
        "个案帮扶 （合计） 72,000.00 17.20%",
    ] {
        assert!(t.contains(row), "service subtotal and share: {row}");
    }
    // The quantity expression as written, its count unit, the 金额 cell as written.
    assert!(t.contains("入户评估劳务费 3人*180次 人次 200.00 108,000.00 原文：3人*180次*200=108000元"));
    assert!(t.contains("6.管理 · 管理费 8% × 365,400.00 29,232.00 6.99%"), "fee as rate × base");
    // Each year's composition pie has a title and a desc in words, beside its table.
    assert_eq!(html.matches("年项目预算构成占比</title>").count(), 2);
    assert!(html.contains("需求评估：259,671.00元，占62.05%"), "pie desc states the figures");
}

#[test]
fn tax_rate_and_reduction_discrepancies_are_flagged_on_the_page() {
    let t = cost_page();
    // 表4 writes the 2023 tax rate as 5.98%; 23689.16 ÷ 394819.26 is 6%.
    assert!(t.contains("5.98% 核验提示 ：与计算不符，计算值 6%"), "tax rate flagged");
    // 附件2: 1600 − 800 = 800, written 400元/次.
    assert!(t.contains("400元/次 核验提示 ：与计算不符，计算值 800.00"), "压减金额 flagged");
    assert!(t.contains("压减前 550元/人户、压减后 400元/户、压减金额 150元/次 的计量单位不一致"));
}

#[test]
fn the_five_norms_compliance_and_pricing_under_the_norms() {
    let t = cost_page();
    for norm in [
        "需求评估 200元/人次 2人一组，每户时长不低于2小时 200元/人次 不变",
        "个案帮扶 300元/人次户 2人/组，每次帮扶服务2小时，信息建档并录入1小时",
        "案例总结 800元/份 - 1250元/份 下降 450元/份",
        "社工开展小组活动、社区活动 800元/次 每次16小时 1600元/次 下降 800元/次",
        "新增低保低收入家庭入户审核 400元/户 2人，每户时长不低于4小时 550元/人户 计量单位不同",
    ] {
        assert!(t.contains(norm), "norm row: {norm}");
    }
    // Compliance: 10份 at 1000 against 800元/份; 8人次 = 4次 at 1600元/次 against 800元/次.
    assert!(t.contains("2023 · 案例总结 · 经典案例撰写 10份 1000元/份 800元/份 200.00 2,000.00 超出定额"));
    assert!(t.contains("2023 · 社区或小组活动 · 小组活动 4次 1600元/次 800元/次 800.00 3,200.00 超出定额"));
    assert!(t.contains("2023 · 需求评估 · 入户评估劳务费 966人次 200元/人次 200元/人次 0 0 符合定额"));
    assert!(t.contains("2023年合计超出 9,100.00"), "2000 + 700 + 3200 + 3200");
    // Pricing 2023 under the norms: 372471 − 2700 − 6400 = 363371 for the services,
    // 6% fee 21802.26, tax at 6% (5.98% does not check) 23110.40, total 408283.66.
    assert!(t.contains("案例总结 · 经典案例撰写 10,000.00 8,000.00 -2,000.00 10份 × 800元/份"));
    assert!(t.contains("新增低保、低收入家庭入户审核 16,500.00 16,500.00 0.00 计量单位与定额不一致，按原金额计"));
    assert!(t.contains("项目管理费 22,348.26 21,802.26 -546.00 费率 6% × 测算后的基数"));
    assert!(t.contains("税费 23,689.16 23,110.40 -578.76 费率 6% × 测算后的基数"));
    assert!(t.contains("费用总计 418,508.42 408,283.66 -10,224.76"));
}

#[test]
fn peers_contracts_and_annexes() {
    let html = page(PAGE);
    let t = cost_page();
    assert!(t.contains("合计 112.56 112.56"), "表1 totals");
    assert!(t.contains("月坛街道 （本单位） 41.85 3.49万元"), "own row highlighted in the table");
    assert!(html.contains("月坛街道（本单位） 3.49万元/月"), "and named in the chart's desc");
    assert!(t.contains("在 5 个街道中由高到低排第 3 位"), "rank computed from 表9");
    assert!(t.contains("附件1.成本绩效分析指标体系表"));
    assert!(t.contains("满意度指标 服务对象满意度 困难群众满意程度 ≥95% ≥95%"));
    assert!(t.contains("案例总结 1250元/份 800元/份 450元/份 36% 1"), "附件2 row");
    assert!(t.contains("5 新增低保低收入家庭入户审核 元/人户 550 新增低保低收入家庭入户审核 元/次 核验提示"), "附件3 unit flagged");
    // Sections in the seed's order, with the seed's own numbering.
    let order = ["一、基本情况", "二、成本绩效分析", "三、存在问题与改进措施", "四、确定支出定额标准", "五、附件", "数据核验"];
    let at: Vec<usize> = order.iter().map(|h| html.find(&format!(">{h}</h2>")).unwrap_or_else(|| panic!("{h}"))).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "section order");
}

#[test]
fn norms_index_and_links_from_the_year_pages() {
    let idx = page("norms/index.html");
    assert_eq!(idx.matches("cost/relief-service-station/index.html#norm-").count(), 5, "five norms link back");
    for id in ["needs-assessment", "case-support", "case-summary", "activity", "new-household-check"] {
        assert!(page(PAGE).contains(&format!("id=norm-{id}>")), "anchor {id}");
    }
    let year = page("units/yuetan/2023/index.html");
    assert!(year.contains("href=cost/index.html") && year.contains("href=../../../norms/index.html"));
    let list = page("units/yuetan/2023/cost/index.html");
    assert!(list.contains("href=relief-service-station/index.html"));
    assert!(page("units/yuetan/index.html").contains("href=../../norms/index.html>全站单项定额一览"));
}

#[test]
fn every_discrepancy_in_the_cost_analysis_is_reported_with_file_and_line() {
    let f = "content/units/yuetan/2023/cost/relief-service-station.toml";
    let got = diagnostic_keys(|p| p.contains("/cost/"));
    // Each confirmed against seed 004 (line numbers of the seed in comments).
    let want = keys(&[
        (f, 677, "budgets[1].charges[1].rate_pct", "error"), // 表4 l.808: 税费 5.98%, 23689.16 ÷ 394819.26 = 6%
        (f, 449, "budgets[0].services[2].lines[1].norm", "warning"), // 2022 调研问题总结 1500 > 案例总结 800元/份
        (f, 457, "budgets[0].services[2].lines[2].norm", "warning"), // 2022 需求评估报告 1500 > 800元/份
        (f, 579, "budgets[1].services[1].norm", "error"),    // 个案帮扶 counted in 人.次, norm 300元/人次户
        (f, 611, "budgets[1].services[2].lines[0].norm", "warning"), // 2023 经典案例撰写 1000 > 800元/份
        (f, 620, "budgets[1].services[2].lines[1].norm", "warning"), // 2023 需求评估报告 1500 > 800元/份
        (f, 636, "budgets[1].services[3].lines[0].norm", "warning"), // 小组活动 4次 at 1600元/次 > 800元/次
        (f, 647, "budgets[1].services[3].lines[1].norm", "warning"), // 社区活动 likewise
        (f, 663, "budgets[1].services[4].lines[0].norm", "error"), // 入户审核 counted in 次, norm 400元/户
        (f, 918, "reductions.rows[3].amount", "error"),      // 附件2 l.1273: 400元/次 where 1600 − 800 = 800
        (f, 927, "reductions.rows[4].amount", "error"),      // 附件2: 550元/人户, 400元/户, 150元/次
        (f, 985, "standards.rows[4].new_unit", "error"),     // 附件3 l.1384: 元/次 vs 单项定额 400元/户
    ]);
    assert_eq!(got, want);
}

#[test]
fn every_table_downloads_as_csv_with_its_notes() {
    // Named by unit, year, report and analysis, so downloads of other units never overwrite it.
    let bytes =
        std::fs::read(common::site().join("units/yuetan/2023/cost/relief-service-station/yuetan-2023-cost-relief-service-station-budget-2023.csv")).unwrap();
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 with BOM for Excel");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut lines = text.lines();
    let about = lines.next().unwrap();
    assert!(
        about.starts_with("报告：北京市西城区人民政府月坛街道办事处困难群众救助服务所项目成本绩效分析；来源：") && about.contains("表：表"),
        "the first line names the unit, the report, the source and the table: {about}"
    );
    assert_eq!(lines.next(), Some("服务内容 / 成本类别,数量,计量单位,单价,金额,占比,单项定额,核验提示"));
    assert!(text.contains("入户评估劳务费,966 人.次,人次,200.00,193200.00,,需求评估 200元/人次 未超出定额,"), "{text}");
    assert!(text.contains("税费,\"5.98% × 394,819.26\",,,23689.16,5.66%,,核验提示：与计算不符，计算值 6%"), "the disputed rate carries its computed value");
    assert!(text.contains("费用总计,,,,418508.42,,,"), "numbers without separators, decimals as shown");
    assert!(page(PAGE).contains("download href=yuetan-2023-cost-relief-service-station-budget-2023.csv>下载本表 CSV"), "the page links it");
}
