//! Putting a 成本预算明细工作簿's lines into their 成本绩效分析: the
//! workbook `cost/<slug>.xlsx` gives the lines of the services (服务内容)
//! that `cost/<slug>.toml` declares under `[[budgets]]` of the sheet's year;
//! a service's lines are written in one place (the workbook or
//! `[[budgets.services.lines]]`), and every service must have lines from one
//! of them ([`no_lines`]).

use super::cost::YearLines;
use crate::check::{Code, Diagnostic, Severity};
use crate::model::Year;
use crate::source::{FileId, SourceMap, Span};

/// Give the analysis `slug` of a year the lines read from its workbook `id`.
pub fn attach(map: &SourceMap, year: &mut Year, slug: &str, lines: Option<Vec<YearLines>>, id: FileId, has_toml: bool) -> Vec<Diagnostic> {
    let name = map.file(id).display.clone();
    let Some(cost) = year.reports.costs.iter_mut().find(|c| c.slug == slug) else {
        // A cost TOML that failed to parse has its own diagnostic.
        return if has_toml {
            vec![]
        } else {
            vec![Diagnostic::at_path(
                name.clone(),
                Code::Workbook,
                String::new(),
                format!("{name}：成本预算明细工作簿要与同名的 cost/{slug}.toml 一起使用（标题、服务内容、小计、费用等写在那里）；请添加 cost/{slug}.toml"),
            )]
        };
    };
    cost.workbook = Some(id);
    let Some(lines) = lines else { return vec![] };
    let toml = map.file(cost.file).display.clone();
    let mut found = vec![];
    let mut at = |span: Span, message: String| found.push(Diagnostic::new(map, span, Severity::Error, Code::Workbook, String::new(), message));
    // Services whose lines the TOML writes.
    let written: Vec<(usize, usize)> = cost
        .analysis
        .budgets
        .iter()
        .enumerate()
        .flat_map(|(b, budget)| budget.services.iter().enumerate().filter(|(_, s)| !s.lines.is_empty()).map(move |(s, _)| (b, s)))
        .collect();
    for sheet in lines {
        let Some(b) = cost.analysis.budgets.iter().position(|b| b.year.value == sheet.year.value) else {
            at(sheet.year.span, format!("{toml} 里没有 {} 年的 [[budgets]]；工作表的年度应是其中一年", sheet.year.value));
            continue;
        };
        let budget = &mut cost.analysis.budgets[b];
        for (service, line) in sheet.lines {
            let Some(s) = budget.services.iter().position(|s| s.name == service.value) else {
                let names: Vec<&str> = budget.services.iter().map(|s| s.name.as_str()).collect();
                at(service.span, format!("{toml} 的 {} 年 [[budgets.services]] 里没有服务内容“{}”；有：{}", sheet.year.value, service.value, names.join("、")));
                continue;
            };
            if written.contains(&(b, s)) {
                at(
                    service.span,
                    format!("服务内容“{}”的明细行只能写在一处：{toml} 里有 [[budgets.services.lines]]，{name} 里也有；请删去其中一处", service.value),
                );
                continue;
            }
            budget.services[s].lines.push(line);
        }
    }
    found
}

/// Every service of the year's analyses without lines, from neither its
/// TOML nor its workbook: an error naming the service.
pub fn no_lines(map: &SourceMap, year: &Year) -> Vec<Diagnostic> {
    let mut found = vec![];
    for cost in &year.reports.costs {
        for (b, budget) in cost.analysis.budgets.iter().enumerate() {
            for (s, service) in budget.services.iter().enumerate().filter(|(_, s)| s.lines.is_empty()) {
                found.push(Diagnostic::at_path(
                    map.file(cost.file).display.clone(),
                    Code::Reference,
                    format!("budgets[{b}].services[{s}].lines"),
                    format!(
                        "服务内容“{}”没有明细行：请写 [[budgets.services.lines]]，或把预算明细放进同名工作簿 cost/{}.xlsx（{} 年的工作表）",
                        service.name, cost.slug, budget.year.value
                    ),
                ));
            }
        }
    }
    found
}
