//! 绩效跟踪项目表工作簿 — the 重点跟踪项目 list of a 绩效跟踪 report kept in
//! a spreadsheet (`绩效跟踪.xlsx`) instead of `[[projects]]` in
//! `tracking.toml`.
//!
//! A workbook is a tracking workbook when one of its sheets is named or
//! titled (in the rows above its header) with “跟踪项目” or “绩效跟踪”
//! ([`is_tracking`]). That sheet's columns are recognised by their heading
//! text in any order (序号, 项目代码, 项目名称, 科室, 年初预算, 追加, 追减, 调整后预算,
//! 实际支出, 比例), title rows above the header are skipped, a `单位：元` /
//! `单位：万元` cell says the money unit, and the rows below are projects,
//! office 小计 rows and the 合计 row ([`read`]). Every figure's span is its cell
//! in the cell listing, so diagnostics name `file!sheet!cell`.

use super::grid::{self, Cell, Sheet};
use super::recognise::{figure, normalise};
use crate::check::{Code, Diagnostic};
use crate::number::{Figure, MoneyUnit};
use crate::reports::tracking::model::{OfficeTotals, Project, ProjectTotals};
use crate::source::{FileId, Located, SourceMap, Span};

/// What a tracking workbook gives: the project list with its 合计 and 小计 rows.
#[derive(Debug, Default)]
pub struct TrackingBook {
    /// The money unit its `单位：…` cell states, if it has one.
    pub unit: Option<Located<MoneyUnit>>,
    /// 重点跟踪项目, in row order.
    pub projects: Vec<Project>,
    /// The 合计 row.
    pub totals: Option<ProjectTotals>,
    /// Office 小计 rows: the office (科室) and its totals.
    pub subtotals: Vec<(Located<String>, OfficeTotals)>,
}

/// What a column of the project list is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// 序号.
    No,
    /// 项目代码.
    Code,
    /// 项目功能代码 (支出功能分类科目编码).
    FunctionCode,
    /// 预算功能分类 (name).
    FunctionName,
    /// 项目名称.
    Name,
    /// 科室 (部门).
    Office,
    /// 年初预算.
    Budget,
    /// 年中追加.
    Added,
    /// 年中追减.
    Cut,
    /// 调整后预算.
    Adjusted,
    /// 实际支出.
    Actual,
    /// 比例 (支出比例), percent.
    Rate,
    /// 备注 / 说明: not read.
    Ignored,
}

/// The figure columns, in the order of [`Figures`].
const MONEY: [Column; 6] = [Column::Budget, Column::Added, Column::Cut, Column::Adjusted, Column::Actual, Column::Rate];

/// The column titles the template writes, one per [`Column`] that holds data.
pub const TITLES: [(&str, Column); 10] = [
    ("序号", Column::No),
    ("项目代码", Column::Code),
    ("项目名称", Column::Name),
    ("科室", Column::Office),
    ("年初预算", Column::Budget),
    ("追加", Column::Added),
    ("追减", Column::Cut),
    ("调整后预算", Column::Adjusted),
    ("实际支出", Column::Actual),
    ("比例（%）", Column::Rate),
];

/// A heading without what is in brackets (`年初预算（元）` → `年初预算`, `比例(%)` → `比例`) or a trailing `%`.
pub(super) fn bare(heading: &str) -> String {
    let mut out = String::new();
    let mut depth = 0u32;
    for c in normalise(heading).chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.trim_end_matches(['%', '％']).to_string()
}

/// The column a heading (its header rows' texts joined) names.
pub fn column_of(heading: &str) -> Option<Column> {
    let h = bare(heading);
    let has = |s: &str| h.contains(s);
    let ends = |s: &str| h.ends_with(s);
    Some(if ends("序号") {
        Column::No
    } else if has("功能") && (ends("代码") || ends("编码")) {
        Column::FunctionCode
    } else if has("功能分类") {
        Column::FunctionName
    } else if ends("代码") || ends("编码") {
        Column::Code
    } else if ends("名称") || h == "项目" {
        Column::Name
    } else if ends("科室") || ends("部门") {
        Column::Office
    } else if has("调整后") {
        Column::Adjusted
    } else if has("追加") {
        Column::Added
    } else if has("追减") || has("核减") {
        Column::Cut
    } else if has("实际支出") || ends("支出数") || ends("执行数") {
        Column::Actual
    } else if has("比例") || has("执行率") || has("完成率") {
        Column::Rate
    } else if has("预算") {
        Column::Budget
    } else if h == "备注" || h == "说明" {
        Column::Ignored
    } else {
        return None;
    })
}

/// Does this title name a 绩效跟踪 project list?
fn is_title(text: &str) -> bool {
    let t = normalise(text);
    t.contains("跟踪项目") || t.contains("绩效跟踪")
}

/// The first row whose own cells hold a 项目名称 heading.
fn header_start(sheet: &Sheet) -> Option<u32> {
    sheet.rows().into_iter().find(|&r| sheet.row(r).any(|(_, c)| column_of(&c.text) == Some(Column::Name)))
}

/// Is `sheet` a project list: named or titled (above its header) as one?
fn is_list(sheet: &Sheet) -> bool {
    let header = header_start(sheet).unwrap_or(u32::MAX);
    is_title(&sheet.name) || sheet.rows().into_iter().take_while(|&r| r < header).take(6).any(|r| sheet.row(r).any(|(_, c)| is_title(&c.text)))
}

/// Is the workbook whose cell listing is `listing` a tracking workbook (see the module doc)?
pub fn is_tracking(listing: &str) -> bool {
    grid::sheets(listing).iter().any(is_list)
}

/// The money unit a `单位：元` / `单位：万元` text states.
pub(super) fn unit_in(text: &str) -> Option<MoneyUnit> {
    let t = normalise(text);
    let at = t.find("单位")?;
    let rest = t[at + "单位".len()..].trim_start_matches([':', '：']);
    if rest.starts_with("万元") {
        Some(MoneyUnit::TenThousandYuan)
    } else if rest.starts_with('元') {
        Some(MoneyUnit::Yuan)
    } else {
        None
    }
}

/// A 序号 as a whole number: `3`, or `3.00` (a number cell formatted with decimals).
fn whole(n: &str) -> Option<u32> {
    let (int, frac) = n.split_once('.').unwrap_or((n, ""));
    frac.chars().all(|c| c == '0').then(|| int.parse().ok()).flatten()
}

/// The six figures of a row (年初预算, 追加, 追减, 调整后预算, 实际支出, 比例).
type Figures = [Option<Figure>; 6];

/// One row below the header.
enum Line {
    /// A project: its figures and the rest.
    Project(Box<Project>),
    /// An office's 小计 row.
    Subtotal(Located<String>, Figures),
    /// The 合计 row.
    Total(Figures),
}

/// Read the tracking workbook `id` (its text is its cell listing): the
/// project list when no error was found, and every problem.
pub fn read(map: &SourceMap, id: FileId) -> (Option<TrackingBook>, Vec<Diagnostic>) {
    let text = &map.file(id).text;
    let mut diagnostics = vec![];
    let mut report = |at: usize, code: Code, message: String| {
        let span = Span { file: id, start: at as u32, end: at as u32 };
        diagnostics.push(Diagnostic::new(map, span, code.severity(), code, String::new(), message));
    };
    let mut book = None;
    let mut first: Option<String> = None;
    for sheet in grid::sheets(text) {
        if !is_list(&sheet) {
            report(sheet.at, Code::Sheet, format!("工作表“{}”不是重点跟踪项目表（表名和表题里都没有“跟踪项目”或“绩效跟踪”），未读取", sheet.name));
            continue;
        }
        if let Some(name) = &first {
            report(sheet.at, Code::Workbook, format!("工作表“{}”和“{name}”都是重点跟踪项目表；一个工作簿只能有一张项目表", sheet.name));
            continue;
        }
        first = Some(sheet.name.clone());
        book = list(&sheet, id, &mut report);
    }
    let failed = diagnostics.iter().any(|d| d.severity == crate::check::Severity::Error);
    (if failed { None } else { book }, diagnostics)
}

/// Report a problem at a byte offset of the listing.
type Report<'a> = dyn FnMut(usize, Code, String) + 'a;

/// The project list on `sheet`, or `None` with the problems reported.
fn list(sheet: &Sheet, file: FileId, report: &mut Report) -> Option<TrackingBook> {
    let span = |c: &Cell| Span { file, start: c.range.start as u32, end: c.range.end as u32 };
    let Some(start) = header_start(sheet) else {
        report(sheet.at, Code::Workbook, format!("工作表“{}”找不到表头：应有“项目名称”列", sheet.name));
        return None;
    };
    let rows = sheet.rows();
    let name_col = sheet.row(start).find(|(_, c)| column_of(&c.text) == Some(Column::Name)).map(|(c, _)| c)?;
    // Header rows: the first, and those below it with nothing of their own in
    // the name column (a merged heading) and no number.
    let mut header = vec![start];
    for &r in rows.iter().filter(|&&r| r > start) {
        let number = sheet.row(r).any(|(_, c)| matches!(figure(&c.text), Ok(Some(_))));
        if sheet.own(r, name_col).is_some() || number {
            break;
        }
        header.push(r);
    }
    let heading = |col: u32| -> String {
        let mut pieces: Vec<String> = vec![];
        for &r in &header {
            if let Some(t) = sheet.shown(r, col).map(|c| normalise(&c.text)).filter(|t| !t.is_empty() && pieces.last() != Some(t)) {
                pieces.push(t);
            }
        }
        pieces.concat()
    };
    let mut columns: Vec<(u32, Column)> = vec![];
    let mut ok = true;
    for col in sheet.columns() {
        let h = heading(col);
        if h.is_empty() {
            continue;
        }
        let at = header.iter().rev().find_map(|&r| sheet.shown(r, col)).map_or(sheet.at, |c| c.range.start);
        match column_of(&h) {
            Some(role) if role != Column::Ignored && columns.iter().any(|(_, c)| *c == role) => {
                report(at, Code::Workbook, format!("表头“{h}”与前面的一列是同一列，只能有一列"));
                ok = false;
            }
            Some(role) => columns.push((col, role)),
            None => {
                report(at, Code::Workbook, format!("表头“{h}”认不出：重点跟踪项目表的列应是 {}（另可有 备注）", titles()));
                ok = false;
            }
        }
    }
    let col = |role: Column| columns.iter().find(|(_, c)| *c == role).map(|(c, _)| *c);
    if col(Column::Budget).is_none() {
        report(sheet.row(start).next().map_or(sheet.at, |(_, c)| c.range.start), Code::Workbook, "重点跟踪项目表缺少“年初预算”列".into());
        ok = false;
    }
    let unit = rows.iter().filter(|&&r| r < start).flat_map(|&r| sheet.row(r)).find_map(|(_, c)| unit_in(&c.text).map(|u| Located { value: u, span: span(c) }));
    let last_header = *header.last().unwrap_or(&start);
    let mut lines = vec![];
    let mut office: Option<Located<String>> = None;
    for &r in rows.iter().filter(|&&r| r > last_header) {
        let text_at = |role: Column| col(role).and_then(|c| sheet.shown(r, c)).filter(|c| !c.text.trim().is_empty());
        if sheet.row(r).next().is_some_and(|(_, c)| is_note(&c.text)) {
            break;
        }
        // Cells in no column.
        for (c, cell) in sheet.row(r).filter(|(c, _)| !columns.iter().any(|(k, _)| k == c)) {
            report(cell.range.start, Code::Workbook, format!("“{}”所在的{}列没有认得出的表头", cell.text.trim(), super::column_letters(c)));
            ok = false;
        }
        let mut figures: Figures = Default::default();
        for (i, role) in MONEY.iter().enumerate() {
            let Some(cell) = col(*role).and_then(|c| sheet.own(r, c)) else { continue };
            match figure(&cell.text) {
                Ok(value) => figures[i] = Some(Figure { value, text: normalise(&cell.text).replace(',', ""), span: span(cell) }),
                Err(why) => {
                    report(cell.range.start, Code::Workbook, why);
                    ok = false;
                }
            }
        }
        let name = text_at(Column::Name);
        let label = name.or_else(|| text_at(Column::No)).or_else(|| text_at(Column::Office));
        let Some(label) = label else {
            if let Some(f) = figures.iter().flatten().next() {
                report(f.span.start as usize, Code::Workbook, "这一行有数字，但没有项目名称".into());
                ok = false;
            }
            continue;
        };
        let l = normalise(&label.text);
        let row_office = text_at(Column::Office).map(|c| Located { value: c.text.trim().to_string(), span: span(c) });
        if matches!(l.as_str(), "合计" | "总计") {
            lines.push(Line::Total(figures));
        } else if let Some(named) = l.strip_suffix("小计").or_else(|| l.strip_suffix("合计")) {
            let of = if named.is_empty() { row_office.or_else(|| office.clone()) } else { Some(Located { value: named.to_string(), span: span(label) }) };
            match of {
                Some(of) => lines.push(Line::Subtotal(of, figures)),
                None => {
                    report(label.range.start, Code::Workbook, "小计行没有写是哪个科室的（写成“××办公室小计”，或在科室列写科室）".into());
                    ok = false;
                }
            }
        } else if let Some(name) = name {
            if row_office.is_some() {
                office = row_office;
            }
            let text = |role: Column| text_at(role).map(|c| c.text.trim().to_string());
            let no = text_at(Column::No).map(|c| (c, normalise(&c.text)));
            let no = match no {
                // A whole number shown with decimals (`1.00`: a two-decimal format) is that number.
                Some((_, n)) if whole(&n).is_some() => whole(&n),
                Some((c, _)) => {
                    report(c.range.start, Code::Workbook, format!("序号格里是“{}”，不是整数", c.text.trim()));
                    ok = false;
                    None
                }
                None => None,
            };
            let [budget, added, cut, adjusted, actual, rate_pct] = figures;
            let Some(budget) = budget else {
                report(name.range.start, Code::Workbook, format!("项目“{}”没有年初预算（未填报写 -）", name.text.trim()));
                ok = false;
                continue;
            };
            lines.push(Line::Project(Box::new(Project {
                no,
                office: office.clone(),
                name: Located { value: name.text.trim().to_string(), span: span(name) },
                code: text(Column::Code).map(|t| normalise(&t)),
                function_code: text(Column::FunctionCode).map(|t| normalise(&t)),
                function_name: text(Column::FunctionName),
                budget,
                added,
                cut,
                adjusted,
                actual,
                rate_pct,
                findings: None,
                restated: vec![],
            })));
        }
    }
    if !ok {
        return None;
    }
    widen(&mut lines);
    let mut book = TrackingBook { unit, ..TrackingBook::default() };
    for line in lines {
        match line {
            Line::Project(p) => book.projects.push(*p),
            Line::Total([budget, added, cut, adjusted, actual, rate_pct]) => {
                book.totals = Some(ProjectTotals { budget, added, cut, adjusted, actual, rate_pct })
            }
            Line::Subtotal(of, [budget, _, _, adjusted, actual, rate_pct]) => book.subtotals.push((of, OfficeTotals { budget, adjusted, actual, rate_pct })),
        }
    }
    Some(book)
}

/// The column titles, for messages.
fn titles() -> String {
    TITLES.iter().map(|(t, _)| *t).collect::<Vec<_>>().join("、")
}

/// Is this the start of a note under the table (`注：…`, `备注：…`)?
fn is_note(text: &str) -> bool {
    let t = normalise(text);
    t.starts_with("注：") || t.starts_with("注:") || t.starts_with("备注：") || t.starts_with("备注:")
}

/// A row's six figures, mutably.
fn cells(line: &mut Line) -> [Option<&mut Figure>; 6] {
    match line {
        Line::Project(p) => [Some(&mut p.budget), p.added.as_mut(), p.cut.as_mut(), p.adjusted.as_mut(), p.actual.as_mut(), p.rate_pct.as_mut()],
        Line::Subtotal(_, f) | Line::Total(f) => f.each_mut().map(|x| x.as_mut()),
    }
}

/// Widen each figure's decimals to the most decimals written in its column,
/// as the 部门决算 tables do (calamine gives no display format: a cell
/// formatted `0.00` holding 17.7 shows 17.70). Never narrows.
fn widen(lines: &mut [Line]) {
    for i in 0..MONEY.len() {
        let most = lines.iter_mut().filter_map(|l| cells(l)[i].as_ref().and_then(|f| f.value)).map(|v| v.scale()).max().unwrap_or(0);
        for line in lines.iter_mut() {
            if let Some(f) = cells(line)[i].take()
                && let Some(v) = f.value.as_mut().filter(|v| v.scale() < most)
            {
                v.rescale(most);
                f.text = v.to_string();
            }
        }
    }
}
