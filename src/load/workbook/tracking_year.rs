//! Putting a 绩效跟踪工作簿's project list into its year's 绩效跟踪 report:
//! the list is written in one place (the workbook or `[[projects]]`), its
//! unit is the report's, its 合计 and 小计 rows fill `[totals]` and
//! `[offices.subtotal]` unless `tracking.toml` states them too; and the
//! `[[project_notes]]` of `tracking.toml` (findings, restated figures) are
//! given to the projects they name.

use super::tracking::TrackingBook;
use crate::check::{Code, Diagnostic, Severity};
use crate::model::Year;
use crate::reports::tracking::model::OfficeSection;
use crate::source::{FileId, SourceMap, Span};

/// Give a year the project list read from its tracking workbook `id`
/// (`has_toml`: the year folder has a `tracking.toml`, parsed or not).
pub fn attach(map: &SourceMap, year: &mut Year, book: Option<Box<TrackingBook>>, id: FileId, has_toml: bool) -> Vec<Diagnostic> {
    year.reports.tracking_workbook = Some(id);
    let name = map.file(id).display.clone();
    let toml = year.reports.tracking_file.map(|f| map.file(f).display.clone()).unwrap_or_default();
    let at_file = |message: String| vec![Diagnostic::at_path(name.clone(), Code::Workbook, String::new(), message)];
    let Some(t) = year.reports.tracking.as_mut() else {
        // A tracking.toml that failed to parse has its own diagnostic.
        return if has_toml {
            vec![]
        } else {
            at_file(format!("{name}：绩效跟踪工作簿要与同一年度目录里的 tracking.toml 一起使用（标题、金额单位、各节文字写在那里）；请添加 tracking.toml"))
        };
    };
    let Some(book) = book else { return vec![] };
    if !t.projects.is_empty() {
        return at_file(format!("重点跟踪项目只能写在一处：{toml} 里有 [[projects]]，{name} 里也有；请删去其中一处"));
    }
    let mut found = vec![];
    let mut conflict = |span: Span, message: String| found.push(Diagnostic::new(map, span, Severity::Error, Code::Workbook, String::new(), message));
    if let Some(unit) = book.unit.as_ref().filter(|u| u.value != t.unit) {
        conflict(unit.span, format!("工作簿写的金额单位是{}，{toml} 的 unit 是{}：两处应一致", unit.value.label(), t.unit.label()));
    }
    if let Some(total) = book.totals {
        match &t.totals {
            Some(_) => {
                conflict(first_span(&total.budget, &total.actual), format!("合计行只能写在一处：{toml} 里有 [totals]，工作簿里也有合计行；请删去其中一处"))
            }
            None => t.totals = Some(total),
        }
    }
    for (office, subtotal) in book.subtotals {
        match t.offices.iter_mut().find(|o| o.name.value == office.value) {
            Some(o) if o.subtotal.is_some() => {
                conflict(office.span, format!("科室“{}”的小计只能写在一处：{toml} 的 [[offices]] 里有 [offices.subtotal]，工作簿里也有小计行", office.value))
            }
            Some(o) => o.subtotal = Some(subtotal),
            None => {
                t.offices.push(OfficeSection { name: office, count: None, projects: vec![], text: None, subtotal: Some(subtotal), findings: None });
            }
        }
    }
    t.projects = book.projects;
    found
}

/// The span of the first of two figures that is written (for a row's place).
fn first_span(a: &Option<crate::number::Figure>, b: &Option<crate::number::Figure>) -> Span {
    a.as_ref().or(b.as_ref()).map(|f| f.span).unwrap_or_default()
}

/// Give each `[[project_notes]]` entry of the year's 绩效跟踪 to the project
/// it names; a name that is no project's, or a project whose findings are
/// written twice, is an error at the note. A report without projects and
/// without a workbook is an error too.
pub fn notes(map: &SourceMap, year: &mut Year) -> Vec<Diagnostic> {
    let (workbook, file) = (year.reports.tracking_workbook, year.reports.tracking_file);
    let Some(t) = year.reports.tracking.as_mut() else { return vec![] };
    let mut found = vec![];
    if t.projects.is_empty() && workbook.is_none() {
        let toml = file.map(|f| map.file(f).display.clone()).unwrap_or_default();
        found.push(Diagnostic::at_path(
            toml,
            Code::Reference,
            "projects".into(),
            "没有重点跟踪项目：请在这个文件里写 [[projects]]，或把项目表（绩效跟踪工作簿）放进同一年度目录".into(),
        ));
    }
    for note in std::mem::take(&mut t.project_notes) {
        let mut at =
            |message: String| found.push(Diagnostic::new(map, note.project.span, Severity::Error, Code::Reference, "project_notes.project".into(), message));
        let Some(p) = t.projects.iter_mut().find(|p| p.name.value == note.project.value) else {
            let guess = crate::check::did_you_mean(&note.project.value, t.projects.iter().map(|p| p.name.value.as_str()));
            at(format!("项目表里没有名为“{}”的项目{guess}", note.project.value));
            continue;
        };
        if note.findings.is_some() && p.findings.is_some() {
            at(format!("项目“{}”的跟踪发现写了两处（[[projects]] 和 [[project_notes]]）", note.project.value));
            continue;
        }
        if note.findings.is_some() {
            p.findings = note.findings;
        }
        p.restated.extend(note.restated);
    }
    found
}
