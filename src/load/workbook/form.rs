//! 项目支出绩效自评表工作簿 — a project's self-evaluation form kept as the
//! spreadsheet it is filled in (`projects/<slug>.xlsx`) instead of
//! `projects/<slug>.toml`.
//!
//! The form is a fixed-layout sheet, read by its label text, never by
//! position: the sheet is the one whose name or title rows say
//! “自评表” ([`is_form`]); each fact (项目名称, 主管部门, 实施单位, 项目负责人,
//! 联系电话) is the cell right of its label, or below it when the right
//! holds another label ([`Reader::value`]); the 项目资金 block is the rows
//! under its header (年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分), each
//! named by the cell left of 年初预算数; 预期目标 and 实际完成情况 are the
//! cells under (or right of) their labels; the 绩效指标 block is the rows
//! under its header (一级指标 … 偏差原因分析及改进措施), with merged 一级 and 二级
//! cells shown on every row they cover, up to the 总分 row. Merged cells
//! count where they show. The money unit is the 项目资金 label's bracket
//! (`项目资金（万元）`) or a `单位：万元` cell. Every figure's span is its cell
//! in the cell listing, so diagnostics name `file!sheet!cell`.

use super::grid::{self, Cell, Sheet};
use super::recognise::{figure, normalise};
use super::tracking::{bare, unit_in};
use crate::check::{Code, Diagnostic};
use crate::number::{Figure, MoneyUnit};
use crate::reports::form::model::{FormIndicator, FormNotes, FundsRow, ProjectForm};
use crate::source::{FileId, SourceMap, Span};

/// The labels of the form (without brackets), for telling labels from values.
const LABELS: [&str; 23] = [
    "项目名称",
    "主管部门",
    "实施单位",
    "项目负责人",
    "联系电话",
    "项目资金",
    "年初预算数",
    "全年预算数",
    "全年执行数",
    "分值",
    "执行率",
    "得分",
    "年度总体目标",
    "预期目标",
    "实际完成情况",
    "绩效指标",
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "偏差原因分析及改进措施",
    "总分",
];

/// The 项目资金 columns, in the order of [`FundsRow`]'s figures.
const FUNDS: [&str; 6] = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"];

/// The 绩效指标 columns, in the order of [`FormIndicator`]'s fields.
const INDICATORS: [&str; 8] = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"];

/// A cell's text as a label: without spaces, brackets and a trailing colon
/// (`项目资金（万元）` → `项目资金`, `年度\n指标值` → `年度指标值`, `偏差原因分析` →
/// `偏差原因分析及改进措施`).
fn label(text: &str) -> String {
    let b = bare(text);
    let b = b.trim_end_matches([':', '：']);
    if b.starts_with("偏差原因") { LABELS[21].to_string() } else { b.to_string() }
}

/// Is this cell one of the form's labels?
fn is_label(cell: &Cell) -> bool {
    LABELS.contains(&label(&cell.text).as_str())
}

/// Does the sheet hold a 自评表: its name, or a cell above its 项目名称
/// label, says “自评表”, and it has a 项目名称 label?
pub fn is_form(sheet: &Sheet) -> bool {
    let Some(((top, _), _)) = sheet.cells.iter().find(|(_, c)| label(&c.text) == "项目名称") else { return false };
    normalise(&sheet.name).contains("自评表") || sheet.cells.range(..(*top, 0)).any(|(_, c)| normalise(&c.text).contains("自评表"))
}

/// Read the 自评表 workbook `id` (its text is its cell listing): the form
/// when no error was found, and every problem.
pub fn read(map: &SourceMap, id: FileId) -> (Option<ProjectForm>, Vec<Diagnostic>) {
    let text = &map.file(id).text;
    let mut diagnostics = vec![];
    let mut report = |at: usize, message: String| {
        let span = Span { file: id, start: at as u32, end: at as u32 };
        diagnostics.push(Diagnostic::new(map, span, Code::Workbook.severity(), Code::Workbook, String::new(), message));
    };
    let sheets = grid::sheets(text);
    let forms: Vec<&Sheet> = sheets.iter().filter(|s| is_form(s)).collect();
    let form = match forms.as_slice() {
        [] => {
            report(0, "工作簿里没有项目支出绩效自评表：应有一张工作表，表名或标题含“项目支出绩效自评表”，表里有“项目名称”一格".into());
            None
        }
        [sheet, rest @ ..] => {
            for other in rest {
                report(other.at, format!("工作表“{}”也是自评表；一个工作簿只放一张自评表（第一张是“{}”）", other.name, sheet.name));
            }
            let mut reader = Reader { sheet, file: id, report: &mut report, ok: rest.is_empty() };
            let form = reader.form();
            form.filter(|_| reader.ok)
        }
    };
    (form, diagnostics)
}

/// Reads one form sheet, reporting problems as it goes.
struct Reader<'a> {
    /// The form's sheet.
    sheet: &'a Sheet,
    /// The workbook.
    file: FileId,
    /// Where problems go (offset in the listing, message).
    report: &'a mut dyn FnMut(usize, String),
    /// No error so far.
    ok: bool,
}

impl<'a> Reader<'a> {
    /// Report an error at a byte offset of the listing.
    fn error(&mut self, at: usize, message: String) {
        (self.report)(at, message);
        self.ok = false;
    }

    /// A cell's span.
    fn span(&self, cell: &Cell) -> Span {
        Span { file: self.file, start: cell.range.start as u32, end: cell.range.end as u32 }
    }

    /// The first cell (row by row) whose label is `name`, with its place.
    fn find(&self, name: &str) -> Option<(u32, u32, &'a Cell)> {
        self.sheet.cells.iter().find(|(_, c)| label(&c.text) == name).map(|((r, c), cell)| (*r, *c, cell))
    }

    /// The label `name`, or an error saying it is missing.
    fn need(&mut self, name: &str) -> Option<(u32, u32, &'a Cell)> {
        let found = self.find(name);
        if found.is_none() {
            self.error(self.sheet.at, format!("自评表“{}”里找不到“{name}”一格：请按原表写上这个标签（位置可以不同，文字要一样）", self.sheet.name));
        }
        found
    }

    /// The bottom-right of the merged range starting at (row, column), or the cell itself.
    fn extent(&self, row: u32, col: u32) -> (u32, u32) {
        self.sheet.merges.iter().find(|m| m.start == (row, col)).map_or((row, col), |m| m.end)
    }

    /// The value of the label at (row, column): the next cell right of it,
    /// or — when that is another label or there is none — the cell below.
    fn value(&self, row: u32, col: u32) -> Option<&'a Cell> {
        let (bottom, right) = self.extent(row, col);
        let sheet = self.sheet;
        let beside = sheet.row(row).find(|(c, _)| *c > right).map(|(_, cell)| cell);
        match beside {
            Some(cell) if !is_label(cell) => Some(cell),
            _ => sheet.shown(bottom + 1, col).filter(|c| !is_label(c) && !c.text.trim().is_empty()),
        }
    }

    /// The text of the fact `name`: `None` when its label or value is missing
    /// (an error when `required`).
    fn fact(&mut self, name: &str, required: bool) -> Option<String> {
        let (row, col, cell) = if required { self.need(name)? } else { self.find(name)? };
        let value = self.value(row, col).map(|c| c.text.trim().to_string());
        if value.is_none() && required {
            self.error(cell.range.start, format!("“{name}”没有填写：应写在它右边（或下面）的格里"));
        }
        value
    }

    /// A figure cell: `None` when blank, `-` or `—` (and on an error, reported).
    fn figure(&mut self, cell: Option<&'a Cell>, percent: bool) -> Option<Figure> {
        let cell = cell?;
        let text = normalise(&cell.text).replace(',', "");
        let text = if percent { text.trim_end_matches(['%', '％']).to_string() } else { text };
        match figure(&text) {
            Ok(Some(value)) => Some(Figure { value: Some(value), text, span: self.span(cell) }),
            Ok(None) => None,
            Err(why) => {
                self.error(cell.range.start, why);
                None
            }
        }
    }

    /// The form (its errors reported; see [`Reader::ok`]).
    fn form(&mut self) -> Option<ProjectForm> {
        let name = self.fact("项目名称", true);
        let department = self.fact("主管部门", true);
        let implementer = self.fact("实施单位", false);
        let manager = self.fact("项目负责人", false);
        let phone = self.fact("联系电话", false);
        let unit = self.unit();
        let funds = self.funds();
        let goal_expected = self.fact("预期目标", false);
        let goal_actual = self.fact("实际完成情况", false);
        let (indicators, total_max, total_score) = self.indicators();
        Some(ProjectForm {
            name: name?,
            department: department?,
            implementer,
            manager,
            phone,
            unit: unit?,
            funds,
            goal_expected,
            goal_actual,
            indicators,
            total_max,
            total_score,
            weights_sum_to_100: false,
            text: None,
        })
    }

    /// The money unit: the 项目资金 label's bracket, or a `单位：…` cell.
    fn unit(&mut self) -> Option<MoneyUnit> {
        let funds = self.find("项目资金");
        let from_label = funds.and_then(|(_, _, c)| {
            let t = normalise(&c.text);
            if t.contains("万元") { Some(MoneyUnit::TenThousandYuan) } else { t.contains("元").then_some(MoneyUnit::Yuan) }
        });
        let unit = from_label.or_else(|| self.sheet.cells.values().find_map(|c| unit_in(&c.text)));
        if unit.is_none() {
            let at = funds.map_or(self.sheet.at, |(_, _, c)| c.range.start);
            self.error(at, "项目资金的金额单位没有写：请写成“项目资金（万元）”（或“（元）”），或在表头上方写“单位：万元”".into());
        }
        unit
    }

    /// The columns of the header row holding `first`, by the titles `titles`
    /// (`None` where a title is missing), and the header's row.
    fn header(&mut self, first: &str, titles: &[&str]) -> Option<(u32, Vec<Option<u32>>)> {
        let (row, _, _) = self.need(first)?;
        let cols = titles.iter().map(|t| self.sheet.row(row).find(|(_, c)| label(&c.text) == *t).map(|(c, _)| c)).collect();
        Some((row, cols))
    }

    /// The rows under the header `row` up to (not including) the first row holding one of `stops`.
    fn rows_under(&self, row: u32, stops: &[&str]) -> Vec<u32> {
        let sheet = self.sheet;
        sheet.rows().into_iter().filter(|&r| r > row).take_while(|&r| !sheet.row(r).any(|(_, c)| stops.contains(&label(&c.text).as_str()))).collect()
    }

    /// The 项目资金 rows.
    fn funds(&mut self) -> Vec<FundsRow> {
        let Some((header, cols)) = self.header(FUNDS[0], &FUNDS) else { return vec![] };
        for (title, col) in FUNDS.iter().zip(&cols) {
            if col.is_none() {
                let at = self.sheet.row(header).next().map_or(self.sheet.at, |(_, c)| c.range.start);
                self.error(at, format!("项目资金的表头缺少“{title}”一格"));
            }
        }
        let name_col = cols[0].unwrap_or_default().saturating_sub(1);
        let sheet = self.sheet;
        let mut rows = vec![];
        for r in self.rows_under(header, &["年度总体目标", "预期目标", "绩效指标", "一级指标", "总分"]) {
            let mut f = cols.iter().zip(FUNDS).map(|(c, title)| c.and_then(|c| sheet.own(r, c)).map(|cell| (cell, title == "执行率"))).collect::<Vec<_>>();
            let name = sheet.own(r, name_col).map(|c| c.text.trim().to_string()).filter(|n| !n.is_empty());
            let Some(name) = name else {
                if let Some((cell, _)) = f.iter().flatten().find(|(c, _)| !c.text.trim().is_empty()) {
                    self.error(cell.range.start, "项目资金的这一行没有名称（如“年度资金总额”）：名称写在年初预算数左边一格".into());
                }
                continue;
            };
            let mut next = || f.remove(0).and_then(|(cell, percent)| self.figure(Some(cell), percent));
            let (initial, full_year, executed, max, rate_pct, score) = (next(), next(), next(), next(), next(), next());
            rows.push(FundsRow { name, initial, full_year, executed, max, rate_pct, score });
        }
        rows
    }

    /// The 绩效指标 rows and the 总分 row's 分值 and 得分.
    fn indicators(&mut self) -> (Vec<FormIndicator>, Option<Figure>, Option<Figure>) {
        if self.find(INDICATORS[0]).is_none() {
            return (vec![], None, None);
        }
        let Some((header, cols)) = self.header(INDICATORS[0], &INDICATORS) else { return (vec![], None, None) };
        for (title, col) in INDICATORS.iter().zip(&cols).take(7) {
            if col.is_none() {
                let at = self.sheet.row(header).next().map_or(self.sheet.at, |(_, c)| c.range.start);
                self.error(at, format!("绩效指标的表头缺少“{title}”一格"));
            }
        }
        if !self.ok {
            return (vec![], None, None);
        }
        let col = |i: usize| cols[i].unwrap_or_default();
        let sheet = self.sheet;
        let text = |cell: Option<&Cell>| cell.map(|c| c.text.trim().to_string()).unwrap_or_default();
        // 一级、二级指标 may break over lines in their merged cells (“效益\n指标”).
        let level = |r: u32, c: u32| sheet.shown(r, c).map(|c| c.text.split_whitespace().collect::<String>()).unwrap_or_default();
        let mut out = vec![];
        for r in self.rows_under(header, &["总分"]) {
            let Some(name) = sheet.own(r, col(2)).filter(|c| !c.text.trim().is_empty()) else { continue };
            let (max, score) = (self.figure(sheet.own(r, col(5)), false), self.figure(sheet.own(r, col(6)), false));
            let (Some(max), Some(score)) = (max, score) else {
                self.error(name.range.start, format!("三级指标“{}”要有分值和得分（数字）", name.text.trim()));
                continue;
            };
            let deviation = cols[7].and_then(|c| sheet.own(r, c)).map(|c| c.text.trim().to_string()).filter(|d| !d.is_empty());
            out.push(FormIndicator {
                level1: level(r, col(0)),
                level2: level(r, col(1)),
                name: name.text.trim().to_string(),
                target: text(sheet.own(r, col(3))),
                actual: text(sheet.own(r, col(4))),
                max,
                score,
                deviation,
            });
        }
        let (total_max, total_score) = match self.find("总分") {
            Some((r, _, _)) => (self.figure(sheet.own(r, col(5)), false), self.figure(sheet.own(r, col(6)), false)),
            None => (None, None),
        };
        (out, total_max, total_score)
    }
}

/// Give the form read from `projects/<slug>.xlsx` what its TOML beside it
/// (`id`) adds. A workbook that failed to read has its own diagnostics.
pub fn attach_notes(year: &mut crate::model::Year, slug: &str, notes: FormNotes, id: FileId) {
    if let Some(f) = year.reports.forms.iter_mut().find(|f| f.slug == slug) {
        f.form.weights_sum_to_100 = notes.weights_sum_to_100;
        f.form.text = notes.text;
        f.notes = Some(id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_read_without_brackets_spaces_or_colons() {
        assert_eq!(label("项目资金\n（万元）"), "项目资金");
        assert_eq!(label("年度 指标值"), "年度指标值");
        assert_eq!(label("项目名称："), "项目名称");
        assert_eq!(label("偏差原因分析及改进措施"), "偏差原因分析及改进措施");
        assert_eq!(label("偏差原因分析"), "偏差原因分析及改进措施");
        assert_eq!(label("社区数量（个）"), "社区数量");
    }
}
