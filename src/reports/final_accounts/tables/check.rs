//! The identities within each 部门决算公开表: every row equals the sum of
//! its columns (本年支出合计 = 基本支出 + 项目支出 + …), every 类 the sum of
//! its 款 and every 款 the sum of its 项 (and the 小计 of “三公” the sum of
//! its parts), every 合计/总计 row the sum of what it closes, 收入总计 =
//! 支出总计, and 年初结转 + 收入 − 支出 = 年末结转. A blank cell counts as
//! zero in a sum (the published table leaves it blank when there is
//! nothing); a blank total whose parts are not zero is an `E-TABLE` error.
//! The identities across tables and against the 情况说明 are in [`super::cross`].

use crate::check::{Approx, Code, Subject, Verdict};
use crate::derive::Ctx;
use crate::number::{Figure, round_half_up};
use crate::source::Span;

use super::model::{Part, Row, Table, TableKind, bare_name};

/// The derive context of the table checks, and the verdict of every
/// disputed table cell (for its 核验提示 on the page).
pub(crate) struct Cx<'a, 'b> {
    /// The derive context.
    pub ctx: &'a mut Ctx<'b>,
    /// The cells a check disputes, by where they are written: the first verdict of each.
    pub verdicts: Vec<(Span, Verdict)>,
}

/// Where a cell is: table, part and row indices, column key.
pub(crate) struct At<'a> {
    /// The table.
    pub table: &'a Table,
    /// The part the row is in.
    pub part: &'a Part,
    /// The row's index in its part.
    pub row: usize,
    /// The column's index in its part.
    pub col: usize,
}

impl At<'_> {
    /// The field path: `tables.expenditure.rows[3].basic`.
    pub fn field(&self) -> String {
        format!("tables.{}.{}[{}].{}", self.table.kind.key(), self.part.key, self.row, self.part.columns[self.col].key)
    }

    /// “支出决算表“一般公共服务支出”行的基本支出”.
    pub fn what(&self) -> String {
        let row = &self.part.rows[self.row];
        let name = match &row.code {
            Some(c) => format!("{c} {}", bare_name(&row.name)),
            None => bare_name(&row.name),
        };
        let col = if self.part.columns.len() > 1 { self.part.columns[self.col].title } else { "" };
        format!("{}“{name}”{col}", self.table.title)
    }

    /// The cell's figure, if reported.
    pub fn figure(&self) -> Option<&Figure> {
        self.part.rows[self.row].figure(self.col)
    }
}

/// Hold the cell `at` to `computed` (the sum of what it should equal): a
/// stated cell is compared by the rounding rule; a blank cell whose
/// computed value is not zero is an `E-TABLE` error.
pub(crate) fn hold(ctx: &mut Cx, at: &At, computed: Approx, formula: &str, unit: &str) {
    let what = at.what();
    match at.figure() {
        Some(f) => {
            let verdict = ctx.ctx.checker.compare(ctx.ctx.map, f, Some(computed), Subject { field: at.field(), formula, what: &what, unit });
            if !verdict.is_ok() && !ctx.verdicts.iter().any(|(s, _)| *s == f.span) {
                ctx.verdicts.push((f.span, verdict));
            }
        }
        None if !computed.value.is_zero() => {
            let row = &at.part.rows[at.row];
            ctx.ctx.checker.error(
                ctx.ctx.map,
                row.span,
                Code::Table,
                at.field(),
                format!("{what}空白（未填报），但按 {formula} 计算为 {}{unit}", round_half_up(computed.value, 2)),
            );
        }
        None => {}
    }
}

/// The value a cell stands for in a sum: its written range, or (blank) the
/// sum of its children if it has any, else zero.
pub(crate) fn value(rows: &[Row], i: usize, col: usize) -> Approx {
    if let Some(a) = rows[i].figure(col).and_then(Approx::of) {
        return a;
    }
    Approx::sum(children(rows, i).into_iter().map(|c| value(rows, c, col)))
}

/// The rows directly below row `i` in the hierarchy (one level deeper, up
/// to the next row at its level or above, or a total row).
pub(crate) fn children(rows: &[Row], i: usize) -> Vec<usize> {
    let level = rows[i].level;
    if rows[i].total {
        return vec![];
    }
    rows.iter().enumerate().skip(i + 1).take_while(|(_, r)| r.level > level && !r.total).filter(|(_, r)| r.level == level + 1).map(|(j, _)| j).collect()
}

/// Which column of a kind's part is the sum of which others.
fn row_sums(kind: TableKind, part: &str) -> (&'static str, &'static [&'static str]) {
    match (kind, part) {
        (TableKind::Income, _) => ("total", &["appropriation", "superior", "business", "operation", "affiliated", "other"]),
        (TableKind::Expenditure, _) => ("total", &["basic", "project", "upward", "operation", "subsidiary"]),
        (TableKind::Appropriation, "expenditure") => ("total", &["general_budget", "government_fund", "state_capital"]),
        (TableKind::GeneralBudget | TableKind::GovernmentFund | TableKind::StateCapital, _) => ("total", &["basic", "project"]),
        (TableKind::Basic, _) => ("amount", &["personnel", "public"]),
        _ => ("total", &[]),
    }
}

/// Does a kind's 合计 row close everything above it (总表: 本年收入合计,
/// then 总计 = 本年收入合计 + the lines after it), rather than sum the 类?
fn line_based(kind: TableKind) -> bool {
    matches!(kind, TableKind::Summary | TableKind::Appropriation)
}

/// Check every identity within `table`.
pub fn check_table(ctx: &mut Cx, table: &Table, unit: &str) {
    for part in &table.parts {
        columns_add_up(ctx, table, part, unit);
        hierarchy_adds_up(ctx, table, part, unit);
        totals_add_up(ctx, table, part, unit);
        if matches!(table.kind, TableKind::GovernmentFund | TableKind::StateCapital) {
            balance(ctx, table, part, unit);
        }
    }
    if line_based(table.kind)
        && let (Some(inc), Some(exp)) = (table.part("income"), table.part("expenditure"))
        && let (Some((i, _)), Some((e, _))) = (inc.line("总计"), exp.line("总计"))
    {
        let at = At { table, part: exp, row: e, col: 0 };
        hold(ctx, &at, Approx::exact(value(&inc.rows, i, 0).value), "收入总计（收支总计相等）", unit);
    }
}

/// Row = sum of its columns.
fn columns_add_up(ctx: &mut Cx, table: &Table, part: &Part, unit: &str) {
    let (total, parts) = row_sums(table.kind, part.key);
    let Some(total) = part.column(total) else { return };
    let cols: Vec<usize> = parts.iter().filter_map(|k| part.column(k)).collect();
    if cols.is_empty() {
        return;
    }
    let formula = cols.iter().map(|&c| part.columns[c].title).collect::<Vec<_>>().join(" + ");
    for row in 0..part.rows.len() {
        let sum = Approx::sum(cols.iter().map(|&c| value(&part.rows, row, c)));
        hold(ctx, &At { table, part, row, col: total }, sum, &formula, unit);
    }
}

/// 类 = Σ 款, 款 = Σ 项 (and any row with deeper rows below it).
fn hierarchy_adds_up(ctx: &mut Cx, table: &Table, part: &Part, unit: &str) {
    for row in 0..part.rows.len() {
        let kids = children(&part.rows, row);
        if kids.is_empty() {
            continue;
        }
        let formula = match part.rows[row].level {
            1 if part.rows[row].code.is_some() => "所属各款之和",
            2 if part.rows[row].code.is_some() => "所属各项之和",
            _ => "所属各行之和",
        };
        for col in 0..part.columns.len() {
            let sum = Approx::sum(kids.iter().map(|&k| value(&part.rows, k, col)));
            hold(ctx, &At { table, part, row, col }, sum, formula, unit);
        }
    }
}

/// 合计/总计 rows: of the 类 (or, in the 总表, of the lines since the last total).
fn totals_add_up(ctx: &mut Cx, table: &Table, part: &Part, unit: &str) {
    let rows = &part.rows;
    let mut previous: Option<usize> = None;
    for row in 0..rows.len() {
        if !rows[row].total {
            continue;
        }
        let (members, formula): (Vec<usize>, String) = if line_based(table.kind) {
            let start = previous.map_or(0, |p| p + 1);
            let lines: Vec<usize> = (start..row).filter(|&j| rows[j].level == 1 && !rows[j].total).collect();
            let mut members: Vec<usize> = previous.into_iter().collect();
            members.extend(lines);
            let formula = match previous {
                Some(p) => format!("{}及其后各行之和", bare_name(&rows[p].name)),
                None => "以上各行之和".to_string(),
            };
            (members, formula)
        } else {
            basic_members(table.kind, rows, row)
        };
        previous = Some(row);
        if members.is_empty() {
            continue;
        }
        for col in 0..part.columns.len() {
            let sum = Approx::sum(members.iter().map(|&m| value(rows, m, col)));
            hold(ctx, &At { table, part, row, col }, sum, &formula, unit);
        }
    }
}

/// The rows a 合计 row of a class-based table sums: every 类; in the 基本支出
/// 表, 人员经费 = 301 + 303 and 公用经费 = the other 类.
fn basic_members(kind: TableKind, rows: &[Row], row: usize) -> (Vec<usize>, String) {
    let name = bare_name(&rows[row].name);
    let personnel = |r: &Row| matches!(r.code.as_deref(), Some("301" | "303"));
    let classes = rows.iter().enumerate().filter(|(_, r)| r.level == 1 && !r.total);
    match kind {
        TableKind::Basic if name.starts_with("人员经费") => (classes.filter(|(_, r)| personnel(r)).map(|(j, _)| j).collect(), "301 + 303 各类之和".into()),
        TableKind::Basic if name.starts_with("公用经费") => {
            (classes.filter(|(_, r)| !personnel(r)).map(|(j, _)| j).collect(), "除 301、303 以外各类之和".into())
        }
        _ => (classes.map(|(j, _)| j).collect(), "各类之和".into()),
    }
}

/// 年初结转和结余 + 本年收入 − 本年支出 = 年末结转和结余, where 年末 is given.
fn balance(ctx: &mut Cx, table: &Table, part: &Part, unit: &str) {
    let cols = ["carryover", "income", "total", "closing"].map(|k| part.column(k));
    let [Some(open), Some(income), Some(spent), Some(close)] = cols else { return };
    for row in 0..part.rows.len() {
        if part.rows[row].figure(close).is_none() {
            continue;
        }
        let v = |c| value(&part.rows, row, c);
        hold(ctx, &At { table, part, row, col: close }, v(open) + v(income) - v(spent), "年初结转和结余 + 本年收入 − 本年支出", unit);
    }
}
