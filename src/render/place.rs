//! 原文位置: where a diagnostic's figure stands in the original document,
//! in plain Chinese, for the public pages — the report's part and the row
//! (`原文 一般公共预算财政拨款支出决算情况 第2行`), or a workbook's file,
//! sheet and cell (`决算公开表.xls 公开05表 D12`). The data file, line and
//! field (`units/…/final-accounts.toml:117 general_budget.classes[1].share_pct`)
//! are for reviewers: the 数据核验 pages and the reviewer view (审核模式) of a
//! report page show them.

use crate::check::Diagnostic;
use crate::reports::final_accounts::tables::model::TableKind;

/// The parts of each report's original document, by the data file's
/// top-level key: (file kind, key, the part's name in the original).
const PARTS: &[(&str, &str, &str)] = &[
    ("final-accounts", "overview", "收入支出决算总体情况"),
    ("final-accounts", "income", "收入决算说明"),
    ("final-accounts", "expenditure", "支出决算说明"),
    ("final-accounts", "appropriation", "财政拨款收入支出决算总体情况"),
    ("final-accounts", "general_budget", "一般公共预算财政拨款支出决算情况"),
    ("final-accounts", "government_fund", "政府性基金预算财政拨款支出决算情况"),
    ("final-accounts", "state_capital", "国有资本经营预算财政拨款收支情况"),
    ("final-accounts", "basic_expenditure", "财政拨款基本支出决算情况"),
    ("final-accounts", "three_public", "“三公”经费财政拨款决算情况"),
    ("final-accounts", "operating_costs", "机关运行经费支出情况"),
    ("final-accounts", "procurement", "政府采购支出情况"),
    ("final-accounts", "assets", "国有资产占用情况"),
    ("final-accounts", "purchased_services", "政府购买服务支出说明"),
    ("final-accounts", "livelihood", "各类民生支出情况"),
    ("final-accounts", "performance", "预算绩效管理工作开展情况"),
    ("final-accounts", "tables", "部门决算报表"),
    ("final-accounts", "tables_note", "部门决算报表的说明"),
    ("tracking", "selection", "重点跟踪项目的选取"),
    ("tracking", "budget", "年度预算执行情况"),
    ("tracking", "execution", "年度预算执行情况"),
    ("tracking", "key_spending", "财政资金投入重点"),
    ("tracking", "by_function", "按预算功能分类的跟踪项目"),
    ("tracking", "function_tables", "按预算功能分类的执行情况"),
    ("tracking", "projects", "重点跟踪项目表"),
    ("tracking", "totals", "重点跟踪项目表的合计行"),
    ("tracking", "offices", "各科室重点跟踪项目表"),
    ("tracking", "project_notes", "重点跟踪项目的说明"),
    ("evaluation", "execution", "当年预算执行情况"),
    ("evaluation", "ratios", "当年预算执行情况"),
    ("evaluation", "monitoring", "绩效监控情况"),
    ("evaluation", "self_evaluation", "项目自评情况"),
    ("evaluation", "score", "评价得分"),
    ("evaluation", "project_tables", "项目执行与合同支付情况"),
    ("evaluation", "contract_tables", "项目执行与合同支付情况"),
    ("form", "funds", "项目支出绩效自评表的资金部分"),
    ("form", "indicators", "项目支出绩效自评表的绩效指标"),
    ("cost", "contracts", "项目资金情况"),
    ("cost", "budgets", "成本构成分析"),
    ("cost", "peers", "同类项目比较"),
    ("cost", "norms", "单项定额"),
    ("cost", "indicators", "附件1 成本绩效分析指标体系表"),
    ("cost", "reductions", "附件2 成本绩效分析成果汇总表"),
    ("cost", "standards", "附件3 支出定额标准汇总表"),
];

/// A chart's 资料来源: the part of a report's original holding the data
/// file's top-level `key` (`final-accounts`, `general_budget` → “原文
/// 一般公共预算财政拨款支出决算情况”), with the table's number when the
/// original gives one (`表5`, `公开05表`). “原文” alone when the key is not
/// a part of [`PARTS`].
pub fn source_of(kind: &str, key: &str, table: Option<&str>) -> String {
    let mut out = match PARTS.iter().find(|(k, field, _)| *k == kind && *field == key) {
        Some((_, _, part)) => format!("原文 {part}"),
        None => "原文".to_string(),
    };
    if let Some(t) = table.map(str::trim).filter(|t| !t.is_empty()) {
        out.push(' ');
        out.push_str(t);
    }
    out
}

/// The kind of data file a path names, as [`PARTS`] keys it.
fn file_kind(file: &str) -> &'static str {
    let name = file.rsplit('/').next().unwrap_or(file);
    match name {
        "final-accounts.toml" => "final-accounts",
        "tracking.toml" => "tracking",
        "evaluation.toml" => "evaluation",
        _ if file.contains("/projects/") => "form",
        _ if file.contains("/cost/") => "cost",
        _ => "",
    }
}

/// The 1-based row numbers of a field path's list indices
/// (`budgets[1].services[2].lines[0].norm` → 2, 3, 1).
fn rows(field: &str) -> Vec<usize> {
    field.split('[').skip(1).filter_map(|s| s.split(']').next()?.parse::<usize>().ok()).map(|i| i + 1).collect()
}

/// Where the figure of `d` stands in the original document, in plain
/// Chinese: `原文 <part> 第N行` (outer lists as 第N组), the workbook's
/// `file sheet cell`, `原文 正文` for a narrative, else `原文相应部分`.
pub fn original(d: &Diagnostic) -> String {
    let name = d.file.rsplit('/').next().unwrap_or(&d.file);
    if let Some(cell) = &d.cell {
        return format!("{name} {}", cell.replace('!', " "));
    }
    // A narrative, or a sentence of the original's text kept in a data file (正文数字 of a data string).
    if name.ends_with(".md") || d.field.starts_with("正文：") {
        return "原文 正文".into();
    }
    let kind = file_kind(&d.file);
    let key = d.field.split(['.', '[']).next().unwrap_or("");
    let Some((_, _, part)) = PARTS.iter().find(|(k, field, _)| *k == kind && *field == key) else {
        return "原文相应部分".into();
    };
    let mut out = format!("原文 {part}");
    // A 部门决算公开表 (`tables.expenditure.rows[3].basic`): the table by its name.
    if key == "tables" {
        let table = d.field.split('.').nth(1).unwrap_or("");
        if let Some(kind) = TableKind::ALL.iter().find(|k| k.key() == table) {
            out.push(' ');
            out.push_str(kind.standard_title());
        }
    }
    let rows = rows(&d.field);
    for (i, n) in rows.iter().enumerate() {
        out.push_str(&if i + 1 == rows.len() { format!(" 第{n}行") } else { format!(" 第{n}组") });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Code, Diagnostic};

    fn at(file: &str, field: &str, cell: Option<&str>) -> Diagnostic {
        let mut d = Diagnostic::at_path(file.into(), Code::Figure, field.into(), "m".into());
        d.cell = cell.map(String::from);
        d
    }

    #[test]
    fn parts_rows_and_cells_in_plain_chinese() {
        let fa = "units/xinjiekou/2023/final-accounts.toml";
        assert_eq!(original(&at(fa, "general_budget.classes[1].share_pct", None)), "原文 一般公共预算财政拨款支出决算情况 第2行");
        assert_eq!(original(&at(fa, "three_public.change", None)), "原文 “三公”经费财政拨款决算情况");
        let cost = "units/yuetan/2023/cost/relief-service-station.toml";
        assert_eq!(original(&at(cost, "budgets[1].services[2].lines[0].norm", None)), "原文 成本构成分析 第2组 第3组 第1行");
        assert_eq!(original(&at("units/x/2023/决算公开表.xls", "", Some("公开05表!D12"))), "决算公开表.xls 公开05表 D12");
        assert_eq!(original(&at("units/x/2023/outputs.md", "{{a.b}}", None)), "原文 正文");
        assert_eq!(original(&at(fa, "no_such_key", None)), "原文相应部分");
        // A 部门决算公开表 by its name, the row within it.
        assert_eq!(original(&at(fa, "tables.expenditure.rows[3].basic", None)), "原文 部门决算报表 支出决算表 第4行");
    }

    #[test]
    fn a_chart_source_names_the_part_and_the_table_number() {
        assert_eq!(source_of("final-accounts", "general_budget", None), "原文 一般公共预算财政拨款支出决算情况");
        assert_eq!(source_of("final-accounts", "tables", Some("公开06表")), "原文 部门决算报表 公开06表");
        assert_eq!(source_of("cost", "budgets", Some(" ")), "原文 成本构成分析");
        assert_eq!(source_of("tracking", "no_such_key", None), "原文");
    }

    #[test]
    fn every_place_of_the_demo_is_plain_chinese() {
        // No field name, file path or line number in any place of the demo.
        let report = crate::check(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content").as_path()).expect("demo checks");
        assert!(report.diagnostics.len() > 40);
        for d in &report.diagnostics {
            let p = original(d);
            assert!(p != "原文相应部分", "{}: {} has no part", d.place(), d.field);
            assert!(!p.contains(".toml") && !p.contains('_') && !p.contains(':'), "{p}");
            // The public message names no file, field or key either.
            let m = d.public_message();
            let word = m.split(|c: char| !c.is_ascii_alphabetic() && c != '_').map(str::len).max().unwrap_or(0);
            assert!(!m.contains(".toml") && !m.contains('_') && word < 4, "{}: {m}", d.place());
        }
    }
}
