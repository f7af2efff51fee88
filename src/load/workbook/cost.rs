//! 成本预算明细工作簿 — the budget lines of a 成本绩效分析 kept in a
//! spreadsheet (`cost/<slug>.xlsx` beside `cost/<slug>.toml`) instead of
//! `[[budgets.services.lines]]`.
//!
//! Each sheet is one year's 预算（合同）情况表: the year is the first
//! four-digit year in the sheet's name or in the title rows above its header
//! (“2022年困难群众救助服务所项目预算（合同）情况表”). Columns are recognised
//! by their heading text in any order (服务内容, 成本类别, 工作内容, 数量, 单位,
//! 单价, 金额; [`COLUMNS`]); a blank or merged 服务内容 cell continues the
//! service above; 小计, 合计 and 总计 rows and `注：` notes are not lines
//! (the service's 小计 and the 费用总计 stay in the TOML). Every figure's span
//! is its cell in the cell listing, so diagnostics name `file!sheet!cell`.

use super::grid::{self, Cell, Sheet};
use super::recognise::{figure, normalise};
use crate::check::{Code, Diagnostic};
use crate::number::Figure;
use crate::quantity::Expression;
use crate::reports::cost::model::Line;
use crate::source::{FileId, Located, SourceMap, Span};

/// One year's lines read from a sheet: the year, and the lines with the
/// service (服务内容) each belongs to, in row order.
#[derive(Debug)]
pub struct YearLines {
    /// The budget's year, where the sheet states it.
    pub year: Located<u16>,
    /// (服务内容 as written, its line).
    pub lines: Vec<(Located<String>, Line)>,
}

/// What a column of the lines table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// 服务内容.
    Service,
    /// 成本类别.
    Item,
    /// 工作内容.
    Description,
    /// 数量 (a quantity expression: `3人*180次`, `966`).
    Quantity,
    /// 单位 (人.次, 份, 天).
    Unit,
    /// 单价.
    Price,
    /// 金额 (a number, or an expression such as `3人*180次*200=108000元`).
    Amount,
    /// 序号, 备注: not read.
    Ignored,
}

/// The column titles the template writes, in its order.
pub const COLUMNS: [(&str, Column); 7] = [
    ("服务内容", Column::Service),
    ("成本类别", Column::Item),
    ("工作内容", Column::Description),
    ("数量", Column::Quantity),
    ("单位", Column::Unit),
    ("单价（元）", Column::Price),
    ("金额（元）", Column::Amount),
];

/// The column a heading names (brackets such as `（元）` aside).
pub fn column_of(heading: &str) -> Option<Column> {
    let h = normalise(heading);
    let h = h.split(['（', '(']).next().unwrap_or_default().trim();
    Some(match h {
        "服务内容" | "服务项目" | "项目内容" => Column::Service,
        "成本类别" | "成本项目" | "费用类别" | "类别" => Column::Item,
        "工作内容" | "内容说明" => Column::Description,
        "数量" => Column::Quantity,
        "单位" | "计量单位" => Column::Unit,
        "单价" => Column::Price,
        "金额" | "预算金额" | "合同金额" => Column::Amount,
        "序号" | "备注" | "说明" => Column::Ignored,
        _ => return None,
    })
}

/// The first four-digit year (1949–2200) in a text.
fn year_in(text: &str) -> Option<u16> {
    // Full-width digits as ASCII; spaces kept, so `表2 2022年` keeps its year apart.
    let digits: Vec<char> = text.chars().map(|c| if ('０'..='９').contains(&c) { char::from(b'0' + (c as u32 - '０' as u32) as u8) } else { c }).collect();
    digits.windows(4).enumerate().find_map(|(i, w)| {
        let alone = (i == 0 || !digits[i - 1].is_ascii_digit()) && digits.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        let y: u16 = w.iter().collect::<String>().parse().ok()?;
        (alone && (1949..=2200).contains(&y)).then_some(y)
    })
}

/// Report a problem at a byte offset of the listing.
type Report<'a> = dyn FnMut(usize, Code, String) + 'a;

/// Read the cost workbook `id` (its text is its cell listing): each sheet's
/// lines when no error was found, and every problem.
pub fn read(map: &SourceMap, id: FileId) -> (Option<Vec<YearLines>>, Vec<Diagnostic>) {
    let text = &map.file(id).text;
    let mut diagnostics = vec![];
    let mut report = |at: usize, code: Code, message: String| {
        let span = Span { file: id, start: at as u32, end: at as u32 };
        diagnostics.push(Diagnostic::new(map, span, code.severity(), code, String::new(), message));
    };
    let mut years: Vec<YearLines> = vec![];
    for sheet in grid::sheets(text) {
        let Some(lines) = sheet_lines(&sheet, id, &mut report) else { continue };
        if years.iter().any(|y| y.year.value == lines.year.value) {
            report(sheet.at, Code::Workbook, format!("工作表“{}”与前面的一张工作表都是 {} 年的预算明细；一年只能有一张", sheet.name, lines.year.value));
            continue;
        }
        years.push(lines);
    }
    let failed = diagnostics.iter().any(|d| d.severity == crate::check::Severity::Error);
    (if failed { None } else { Some(years) }, diagnostics)
}

/// The first row whose own cells hold a 数量 heading and a 单价 heading.
fn header_row(sheet: &Sheet) -> Option<u32> {
    sheet.rows().into_iter().find(|&r| {
        let has = |k: Column| sheet.row(r).any(|(_, c)| column_of(&c.text) == Some(k));
        has(Column::Quantity) && has(Column::Price)
    })
}

/// The lines on `sheet`, or `None` with the problems reported.
fn sheet_lines(sheet: &Sheet, file: FileId, report: &mut Report) -> Option<YearLines> {
    let span = |c: &Cell| Span { file, start: c.range.start as u32, end: c.range.end as u32 };
    let Some(header) = header_row(sheet) else {
        report(sheet.at, Code::Workbook, format!("工作表“{}”找不到表头：应有 {} 列", sheet.name, titles()));
        return None;
    };
    let rows = sheet.rows();
    let year = year_in(&sheet.name).map(|y| Located { value: y, span: Span { file, start: sheet.at as u32, end: sheet.at as u32 } }).or_else(|| {
        rows.iter().filter(|&&r| r < header).flat_map(|&r| sheet.row(r)).find_map(|(_, c)| year_in(&c.text).map(|y| Located { value: y, span: span(c) }))
    });
    let Some(year) = year else {
        report(sheet.at, Code::Workbook, format!("工作表“{}”没有写年度：表名或表头上方的标题里应有年份（如“2022年”）", sheet.name));
        return None;
    };
    let mut columns: Vec<(u32, Column)> = vec![];
    let mut ok = true;
    for (col, cell) in sheet.row(header) {
        match column_of(&cell.text) {
            Some(role) if role != Column::Ignored && columns.iter().any(|(_, c)| *c == role) => {
                report(cell.range.start, Code::Workbook, format!("表头“{}”与前面的一列是同一列，只能有一列", cell.text.trim()));
                ok = false;
            }
            Some(role) => columns.push((col, role)),
            None => {
                report(cell.range.start, Code::Workbook, format!("表头“{}”认不出：预算明细表的列应是 {}（另可有 序号、备注）", cell.text.trim(), titles()));
                ok = false;
            }
        }
    }
    let col = |role: Column| columns.iter().find(|(_, c)| *c == role).map(|(c, _)| *c);
    for needed in [Column::Service, Column::Item] {
        if col(needed).is_none() {
            let title = COLUMNS.iter().find(|(_, c)| *c == needed).map_or("", |(t, _)| t);
            report(sheet.row(header).next().map_or(sheet.at, |(_, c)| c.range.start), Code::Workbook, format!("预算明细表缺少“{title}”列"));
            ok = false;
        }
    }
    if !ok {
        return None;
    }
    let mut lines = vec![];
    let mut service: Option<Located<String>> = None;
    for &r in rows.iter().filter(|&&r| r > header) {
        let at = |role: Column| col(role).and_then(|c| sheet.shown(r, c)).filter(|c| !c.text.trim().is_empty());
        let own = |role: Column| col(role).and_then(|c| sheet.own(r, c)).filter(|c| !c.text.trim().is_empty());
        let first = sheet.row(r).next().map(|(_, c)| normalise(&c.text)).unwrap_or_default();
        if first.starts_with("注：") || first.starts_with("注:") {
            break;
        }
        for (c, cell) in sheet.row(r).filter(|(c, _)| !columns.iter().any(|(k, _)| k == c)) {
            report(cell.range.start, Code::Workbook, format!("“{}”所在的{}列没有认得出的表头", cell.text.trim(), super::column_letters(c)));
            ok = false;
        }
        if let Some(s) = at(Column::Service) {
            service = Some(Located { value: s.text.trim().to_string(), span: span(s) });
        }
        let is_total = |c: Option<&Cell>| c.is_some_and(|c| matches!(normalise(&c.text).as_str(), "小计" | "合计" | "总计" | "费用总计"));
        if is_total(at(Column::Item)) || is_total(own(Column::Service)) {
            continue;
        }
        // A line without 成本类别 (a service of one line) is placed by its first figure.
        let figures = [Column::Quantity, Column::Price, Column::Amount].into_iter().find_map(own);
        let Some(anchor) = at(Column::Item).or(figures) else { continue };
        let item = at(Column::Item).map_or(String::new(), |c| c.text.trim().to_string());
        let Some(of) = service.clone() else {
            report(anchor.range.start, Code::Workbook, format!("这一行（成本类别“{item}”）上面没有服务内容"));
            ok = false;
            continue;
        };
        match line(item, anchor, &own, &span) {
            Ok(l) => lines.push((of, l)),
            Err((cell, why)) => {
                report(cell, Code::Workbook, why);
                ok = false;
            }
        }
    }
    widen(&mut lines);
    ok.then_some(YearLines { year, lines })
}

/// Widen each line's 单价 and 金额 to the most decimals written in its
/// column on the sheet, as the 部门决算 and 绩效跟踪 readers do (a number
/// cell formatted `0.00` holding 17.7 shows 17.70; see
/// [`super::cells::column_decimals`]). Never narrows.
fn widen(lines: &mut [(Located<String>, Line)]) {
    let most = |figures: &mut dyn Iterator<Item = Option<&Figure>>| figures.flatten().filter_map(|f| f.value).map(|v| v.scale()).max().unwrap_or(0);
    let price = most(&mut lines.iter().map(|(_, l)| Some(&l.price)));
    let amount = most(&mut lines.iter().map(|(_, l)| l.amount.as_ref()));
    for (_, l) in lines.iter_mut() {
        super::cells::widen_to(&mut l.price, price);
        if let Some(a) = l.amount.as_mut() {
            super::cells::widen_to(a, amount);
        }
    }
}

/// One budget line from its row's cells (`item`: its 成本类别, `anchor`: the
/// cell that places the row, `own`: the row's own cell of a column), or the
/// offset of the bad cell and why.
fn line<'a>(item: String, anchor: &Cell, own: &dyn Fn(Column) -> Option<&'a Cell>, span: &dyn Fn(&Cell) -> Span) -> Result<Line, (usize, String)> {
    let text = |role: Column| own(role).map(|c| c.text.trim().to_string());
    let missing = |what: &str| (anchor.range.start, format!("成本类别“{item}”这一行没有{what}"));
    let quantity = own(Column::Quantity).ok_or_else(|| missing("数量"))?;
    let quantity = Expression::parse(&normalise(&quantity.text), span(quantity)).map_err(|why| (quantity.range.start, why))?;
    let price = own(Column::Price).ok_or_else(|| missing("单价"))?;
    let price = match figure(&price.text) {
        Ok(value) => Figure { value, text: normalise(&price.text).replace(',', ""), span: span(price) },
        Err(why) => return Err((price.range.start, why)),
    };
    let (mut amount, mut formula) = (None, None);
    if let Some(cell) = own(Column::Amount) {
        match figure(&cell.text) {
            Ok(value) => amount = Some(Figure { value, text: normalise(&cell.text).replace(',', ""), span: span(cell) }),
            Err(_) => formula = Some(Expression::parse(&normalise(&cell.text), span(cell)).map_err(|why| (cell.range.start, why))?),
        }
    }
    Ok(Line {
        item,
        description: text(Column::Description),
        unit: text(Column::Unit),
        quantity,
        price,
        amount,
        formula,
        restated: Default::default(),
        norm: None,
        norm_quantity: None,
    })
}

/// The column titles, for messages.
fn titles() -> String {
    COLUMNS.iter().map(|(t, _)| *t).collect::<Vec<_>>().join("、")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_is_found_alone_in_a_title() {
        assert_eq!(year_in("表2 2022年困难群众救助服务所项目预算（合同）情况表"), Some(2022));
        assert_eq!(year_in("２０２３年"), Some(2023));
        assert_eq!(year_in("合同12022号"), None);
        assert_eq!(year_in("预算明细"), None);
    }

    #[test]
    fn headings_are_known_with_their_units() {
        assert_eq!(column_of("单价（元）"), Some(Column::Price));
        assert_eq!(column_of("金额"), Some(Column::Amount));
        assert_eq!(column_of("服务内容"), Some(Column::Service));
        assert_eq!(column_of("占比"), None);
    }
}
