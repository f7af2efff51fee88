//! Checks of the content's structure, across files: unique units, glossary
//! references that exist, narrative files placed in sections that exist.

use std::collections::{BTreeMap, BTreeSet};

use super::Checker;
use super::Code;
use crate::model::{Site, sections_of};
use crate::reports::ReportKind;
use crate::source::Span;

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
            for kind in ReportKind::ALL {
                kind.check_structure(site, checker, unit, year);
            }
            for n in &year.narratives {
                let (report, section) = (&n.front.report, &n.front.section);
                let present = ReportKind::by_reference(&report.value).is_some_and(|k| k.held(year));
                match sections_of(&report.value) {
                    None => {
                        let narrated: Vec<String> = ReportKind::ALL.into_iter().filter(|k| k.spec().sections.is_some()).map(|k| k.reference("")).collect();
                        checker.error(map, report.span, Code::Reference, "report", format!("不认识的报告 “{}”；可用：{}", report.value, narrated.join("、")));
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
