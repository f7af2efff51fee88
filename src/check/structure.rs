//! Checks of the content's structure, across files: unique units, glossary
//! references that exist, narrative files placed in sections that exist.

use std::collections::{BTreeMap, BTreeSet};

use super::Code;
use super::{Checker, Diagnostic, Severity};
use crate::model::Site;
use crate::source::Span;

/// Sections of the 部门决算 page a narrative file may be placed in.
pub const FINAL_ACCOUNTS_SECTIONS: &[(&str, &str)] = &[
    ("overview", "收入支出决算总体情况"),
    ("appropriation", "财政拨款收入支出决算总体情况"),
    ("general-budget", "一般公共预算财政拨款支出决算情况"),
    ("government-fund", "政府性基金预算财政拨款支出决算情况"),
    ("state-capital", "国有资本经营预算财政拨款收支情况"),
    ("basic-expenditure", "财政拨款基本支出决算情况"),
    ("three-public", "“三公”经费财政拨款决算情况"),
    ("operating-costs", "机关运行经费支出情况"),
    ("procurement", "政府采购支出情况"),
    ("assets", "国有资产占用情况"),
    ("purchased-services", "政府购买服务支出说明"),
    ("livelihood", "各类民生支出情况"),
    ("glossary", "专业名词解释"),
    ("tables", "部门决算报表"),
];

/// Sections of the 绩效跟踪 page a narrative file may be placed in.
pub const TRACKING_SECTIONS: &[(&str, &str)] = &[
    ("organization", "绩效跟踪工作组织实施情况"),
    ("budget", "年度预算执行情况"),
    ("goals", "绩效目标完成情况及分析"),
    ("projects", "重点跟踪项目"),
    ("offices", "各科室重点项目执行情况分析"),
    ("benefits", "预计社会效益实现情况"),
    ("suggestions", "意见和建议"),
    ("other", "其他需要说明的问题"),
];

/// Sections of the 绩效评价 page a narrative file may be placed in.
pub const EVALUATION_SECTIONS: &[(&str, &str)] = &[
    ("overview", "预算绩效工作开展情况"),
    ("unit", "部门概况"),
    ("goals", "绩效目标设立情况"),
    ("execution", "当年预算执行情况"),
    ("outputs", "绩效目标实现情况"),
    ("management", "预算管理情况"),
    ("contracts", "项目执行与合同支付情况"),
    ("score", "评价得分"),
    ("problems", "存在的问题及原因分析"),
    ("suggestions", "措施建议"),
    ("forms", "项目绩效评价报告"),
    ("other", "其他需要说明的问题"),
];

/// The section ids a narrative may use for a report kind.
pub fn sections_of(report: &str) -> Option<&'static [(&'static str, &'static str)]> {
    match report {
        "final-accounts" => Some(FINAL_ACCOUNTS_SECTIONS),
        "tracking" => Some(TRACKING_SECTIONS),
        "evaluation" => Some(EVALUATION_SECTIONS),
        _ => None,
    }
}

pub fn check_structure(site: &Site, checker: &mut Checker) {
    let map = &site.sources;
    let mut names: BTreeMap<&str, &str> = BTreeMap::new();
    for unit in &site.units {
        let span = Span { file: unit.profile_file, start: 0, end: 0 };
        let keys = [unit.profile.name.as_str(), unit.profile.short_name.as_str()];
        let clash = keys.iter().find_map(|k| names.get(k).filter(|other| **other != unit.slug).map(|other| (*k, *other)));
        if let Some((key, other)) = clash {
            checker.error(map, span, Code::Duplicate, "name", format!("单位名称 “{key}” 与 units/{other} 重复：同一单位只能有一个目录"));
        }
        for k in keys {
            names.entry(k).or_insert(&unit.slug);
        }
        let mut offices = BTreeSet::new();
        for o in &unit.profile.offices {
            if !offices.insert(o.name.as_str()) {
                checker.error(map, span, Code::Duplicate, "offices.name", format!("内设机构 “{}” 重复", o.name));
            }
        }
    }
    let mut terms: BTreeMap<&str, Span> = BTreeMap::new();
    for (i, g) in site.glossary.iter().enumerate() {
        match terms.get(g.name.as_str()) {
            Some(first) => {
                let line = map.locate(*first).line;
                checker.error(
                    map,
                    g.name.span,
                    Code::Duplicate,
                    format!("term[{i}].name"),
                    format!("名词 “{}” 重复：第 {line} 行已有同名名词，一个名词只能解释一次", g.name.value),
                );
            }
            None => {
                terms.insert(g.name.as_str(), g.name.span);
            }
        }
    }
    for unit in &site.units {
        for year in &unit.years {
            if let Some(fa) = &year.final_accounts {
                for (i, t) in fa.glossary.iter().enumerate() {
                    if !terms.contains_key(t.value.as_str()) {
                        checker.push(Diagnostic::new(
                            map,
                            t.span,
                            Severity::Error,
                            Code::Reference,
                            format!("glossary[{i}]"),
                            format!("名词 “{}” 不在 glossary.toml 中", t.value),
                        ));
                    }
                }
            }
            if let Some(t) = &year.tracking {
                let declared: BTreeSet<&str> = unit.profile.offices.iter().map(|o| o.name.as_str()).collect();
                let offices = t.projects.iter().filter_map(|p| p.office.as_ref()).chain(t.offices.iter().map(|o| &o.name));
                for o in offices {
                    if !declared.contains(o.value.as_str()) {
                        checker.push(Diagnostic::new(
                            map,
                            o.span,
                            Severity::Error,
                            Code::Reference,
                            "office".into(),
                            format!("科室 “{}” 未在 units/{}/unit.toml 的 [[offices]] 中声明", o.value, unit.slug),
                        ));
                    }
                }
            }
            for n in &year.narratives {
                let (report, section) = (&n.front.report, &n.front.section);
                let present = match report.value.as_str() {
                    "final-accounts" => year.final_accounts.is_some(),
                    "tracking" => year.tracking.is_some(),
                    "evaluation" => year.evaluation.is_some(),
                    _ => false,
                };
                match sections_of(&report.value) {
                    None => {
                        checker.error(
                            map,
                            report.span,
                            Code::Reference,
                            "report",
                            format!("不认识的报告 “{}”；可用：final-accounts、tracking、evaluation", report.value),
                        );
                    }
                    Some(_) if !present => {
                        checker.error(map, report.span, Code::Reference, "report", format!("本年度没有 {}.toml，叙述无处放置", report.value));
                    }
                    Some(sections) if !sections.iter().any(|(id, _)| *id == section.value) => {
                        let ids: Vec<&str> = sections.iter().map(|(id, _)| *id).collect();
                        checker.error(map, section.span, Code::Reference, "section", format!("不认识的章节 “{}”；可用：{}", section.value, ids.join("、")));
                    }
                    Some(_) => {}
                }
            }
        }
    }
}
