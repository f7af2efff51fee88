//! The identities across the 部门决算公开表 and against the 情况说明:
//! 总表的财政拨款收入 = 财政拨款收支总表; 总表的各类支出 = 支出决算表; the
//! 一般公共预算 column of 财政拨款收支总表 = 一般公共预算支出表; its 基本支出 =
//! 基本支出表; the 政府性基金 and 国有资本经营 columns (支出, 收入, 年末) = their tables; the
//! 年初结转 + 收入 − 支出 = 年末结转 of each 财政拨款 source; and every
//! 情况说明 figure of `final-accounts.toml` that a table also gives (the
//! “三公” items with their 购置费 and 运行维护费 against table 9).
//! A figure both tables state must be the same (no rounding allowance).

use crate::check::{Approx, Subject};
use crate::number::Figure;
use crate::reports::final_accounts::model::FinalAccounts;

use super::check::{At, Cx, hold, value};
use super::model::{Part, Table, TableKind, Tables, bare_name};

/// A cell found by table, part, row and column.
struct Cell<'a> {
    at: At<'a>,
}

impl<'a> Cell<'a> {
    /// The value it stands for (blank = zero, a blank parent = its children).
    fn value(&self) -> Approx {
        value(&self.at.part.rows, self.at.row, self.at.col)
    }
}

/// The cell in `tables`' table `kind`, part `part`, first row whose name
/// starts with one of `stems` (numbering and spaces ignored), column `col`.
fn cell<'a>(tables: &'a Tables, kind: TableKind, part: &str, stems: &[&str], col: &str) -> Option<Cell<'a>> {
    let table = tables.get(kind)?;
    let part = table.part(part)?;
    let row = part.rows.iter().position(|r| stems.iter().any(|s| bare_name(&r.name).starts_with(s)))?;
    Some(Cell { at: At { table, part, row, col: part.column(col)? } })
}

/// The 合计 row of a one-sided table (the first total row), column `col`.
fn total<'a>(tables: &'a Tables, kind: TableKind, col: &str) -> Option<Cell<'a>> {
    let table = tables.get(kind)?;
    let part = table.part("rows")?;
    let row = part.rows.iter().position(|r| r.total)?;
    Some(Cell { at: At { table, part, row, col: part.column(col)? } })
}

/// The row of `kind`'s `rows` part with 科目编码 `code`, column `col`.
fn by_code<'a>(tables: &'a Tables, kind: TableKind, code: &str, col: &str) -> Option<Cell<'a>> {
    let table = tables.get(kind)?;
    let part = table.part("rows")?;
    let row = part.rows.iter().position(|r| r.code.as_deref() == Some(code))?;
    Some(Cell { at: At { table, part, row, col: part.column(col)? } })
}

/// The row of `kind`'s `rows` part named exactly one of `names` (numbering and spaces ignored), column `col`.
fn named<'a>(tables: &'a Tables, kind: TableKind, names: &[String], col: &str) -> Option<Cell<'a>> {
    let table = tables.get(kind)?;
    let part = table.part("rows")?;
    let row = part.rows.iter().position(|r| names.contains(&bare_name(&r.name)))?;
    Some(Cell { at: At { table, part, row, col: part.column(col)? } })
}

/// Hold `this` to `other` exactly: the two tables state the same figure.
fn same(ctx: &mut Cx, this: Option<Cell>, other: Option<Cell>, unit: &str) {
    let (Some(this), Some(other)) = (this, other) else { return };
    let formula = other.at.what();
    hold(ctx, &this.at, Approx::exact(other.value().value), &formula, unit);
}

/// The level-1 non-total rows of a part, by bare name.
fn classes(part: &Part) -> impl Iterator<Item = (usize, String)> + '_ {
    part.rows.iter().enumerate().filter(|(_, r)| r.level == 1 && !r.total).map(|(i, r)| (i, bare_name(&r.name)))
}

/// Each 类 of `from` (column `from_col`) against the 类 of the same name in
/// `to` (column `to_col`); a 类 with a figure that `to` does not list is held
/// to zero, and so is a 类 of `to` that `from` does not list.
fn classes_agree(ctx: &mut Cx, from: (&Table, &Part, &str), to: (&Table, &Part, &str), unit: &str) {
    let ((ft, fp, fc), (tt, tp, tc)) = (from, to);
    let (Some(fcol), Some(tcol)) = (fp.column(fc), tp.column(tc)) else { return };
    let balance_line = |name: &str| name.ends_with("结转和结余") || name.ends_with("结余分配");
    for (j, name) in classes(tp) {
        if !classes(fp).any(|(_, n)| n == name) {
            let formula = format!("{}（未列出此类，即为 0）", ft.title);
            hold(ctx, &At { table: tt, part: tp, row: j, col: tcol }, Approx::zero(), &formula, unit);
        }
    }
    for (i, name) in classes(fp) {
        if balance_line(&name) {
            continue;
        }
        let here = At { table: ft, part: fp, row: i, col: fcol };
        match classes(tp).find(|(_, n)| *n == name) {
            Some((j, _)) => {
                let there = At { table: tt, part: tp, row: j, col: tcol };
                hold(ctx, &here, Approx::exact(value(&tp.rows, j, tcol).value), &there.what(), unit);
            }
            None => hold(ctx, &here, Approx::zero(), &format!("{}（未列出此类，即为 0）", tt.title), unit),
        }
    }
}

/// Check every identity across the tables.
pub fn check_across(ctx: &mut Cx, tables: &Tables, unit: &str) {
    use TableKind::*;
    let sources = [
        ("一般公共预算财政拨款", "general_budget", GeneralBudget),
        ("政府性基金预算财政拨款", "government_fund", GovernmentFund),
        ("国有资本经营预算财政拨款", "state_capital", StateCapital),
    ];
    // 总表's 财政拨款 lines = 财政拨款收支总表's income.
    for (stem, ..) in sources {
        same(ctx, cell(tables, Summary, "income", &[stem], "amount"), cell(tables, Appropriation, "income", &[stem], "amount"), unit);
    }
    // 总表 = 收入决算表 and 支出决算表 (合计, and each 类 of 支出).
    same(ctx, cell(tables, Summary, "income", &["本年收入合计"], "amount"), total(tables, Income, "total"), unit);
    same(ctx, cell(tables, Summary, "expenditure", &["本年支出合计"], "amount"), total(tables, Expenditure, "total"), unit);
    if let (Some(s), Some(e)) = (tables.get(Summary), tables.get(Expenditure))
        && let (Some(sp), Some(ep)) = (s.part("expenditure"), e.part("rows"))
    {
        classes_agree(ctx, (s, sp, "amount"), (e, ep, "total"), unit);
    }
    // 财政拨款收支总表's columns = the tables of each source.
    if let (Some(a), Some(g)) = (tables.get(Appropriation), tables.get(GeneralBudget))
        && let (Some(ap), Some(gp)) = (a.part("expenditure"), g.part("rows"))
    {
        classes_agree(ctx, (a, ap, "general_budget"), (g, gp, "total"), unit);
    }
    for (stem, col, kind) in sources {
        same(ctx, cell(tables, Appropriation, "expenditure", &["本年支出合计"], col), total(tables, kind, "total"), unit);
        if kind != GeneralBudget {
            // 政府性基金、国有资本经营: the 收入 line and the 年末 column = that table's 合计 row.
            same(ctx, cell(tables, Appropriation, "income", &[stem], "amount"), total(tables, kind, "income"), unit);
            same(ctx, cell(tables, Appropriation, "expenditure", &["年末"], col), total(tables, kind, "closing"), unit);
        }
    }
    // 一般公共预算支出表's 基本支出 = 基本支出表.
    if let (Some(basic), Some(b)) = (total(tables, GeneralBudget, "basic"), tables.get(Basic))
        && let Some(bp) = b.part("rows")
    {
        let sum = match bp.rows.iter().position(|r| r.total && bare_name(&r.name) == "合计") {
            Some(t) => value(&bp.rows, t, 0),
            None => Approx::sum(classes(bp).map(|(i, _)| value(&bp.rows, i, 0))),
        };
        hold(ctx, &basic.at, sum, &format!("{}各类之和", b.title), unit);
    }
    fund_balances(ctx, tables, unit);
}

/// 年初财政拨款结转和结余 + 本年收入 − 本年支出 = 年末财政拨款结转和结余,
/// per source, where 财政拨款收支总表 gives the 年末 figure.
fn fund_balances(ctx: &mut Cx, tables: &Tables, unit: &str) {
    let Some(t) = tables.get(TableKind::Appropriation) else { return };
    let (Some(inc), Some(exp)) = (t.part("income"), t.part("expenditure")) else { return };
    let Some(close_row) = exp.rows.iter().position(|r| bare_name(&r.name).starts_with("年末")) else { return };
    let Some(open_row) = inc.rows.iter().position(|r| bare_name(&r.name).starts_with("年初")) else { return };
    let Some(spent_row) = exp.rows.iter().position(|r| bare_name(&r.name).starts_with("本年支出合计")) else { return };
    for (stem, col) in [("一般公共预算", "general_budget"), ("政府性基金", "government_fund"), ("国有资本经营", "state_capital")] {
        let Some(c) = exp.column(col) else { continue };
        if exp.rows[close_row].figure(c).is_none() {
            continue;
        }
        let line = |from: usize| inc.rows.iter().enumerate().skip(from).find(|(_, r)| bare_name(&r.name).starts_with(stem)).map(|(i, _)| i);
        let income = line(0).filter(|&i| i < open_row).map_or(Approx::zero(), |i| value(&inc.rows, i, 0));
        let opening = line(open_row + 1).map_or(Approx::zero(), |i| value(&inc.rows, i, 0));
        let at = At { table: t, part: exp, row: close_row, col: c };
        hold(ctx, &at, opening + income - value(&exp.rows, spent_row, c), "年初结转和结余 + 本年收入 − 本年支出", unit);
    }
}

/// A 情况说明 figure against the table cell that gives the same figure.
fn stated(ctx: &mut Cx, f: Option<&Figure>, field: &str, what: &str, cell: Option<Cell>, unit: &str) {
    let (Some(f), Some(cell)) = (f, cell) else { return };
    let formula = cell.at.what();
    let computed = Approx::exact(cell.value().value);
    ctx.ctx.checker.compare(ctx.ctx.map, f, Some(computed), Subject { field: field.into(), formula: &formula, what, unit });
}

/// Column of 收入决算表 / 支出决算表 a 情况说明 item names.
fn item_column(name: &str) -> Option<&'static str> {
    let n = bare_name(name);
    Some(match n.as_str() {
        "财政拨款收入" => "appropriation",
        "上级补助收入" => "superior",
        "事业收入" => "business",
        "经营收入" => "operation",
        "附属单位上缴收入" => "affiliated",
        "其他收入" => "other",
        "基本支出" => "basic",
        "项目支出" => "project",
        "上缴上级支出" => "upward",
        "经营支出" => "operation",
        "对附属单位补助支出" => "subsidiary",
        _ => return None,
    })
}

/// The 情况说明 figures against the tables, where both give them.
pub fn check_statements(ctx: &mut Cx, fa: &FinalAccounts, unit: &str) {
    use TableKind::*;
    let t = &fa.tables;
    stated(ctx, fa.overview.as_ref().map(|o| &o.total), "overview.total", "收支总计", cell(t, Summary, "income", &["总计"], "amount"), unit);
    stated(ctx, fa.income.as_ref().map(|c| &c.total), "income.total", "收入合计", cell(t, Summary, "income", &["本年收入合计"], "amount"), unit);
    let spent = cell(t, Summary, "expenditure", &["本年支出合计"], "amount");
    stated(ctx, fa.expenditure.as_ref().map(|c| &c.total), "expenditure.total", "支出合计", spent, unit);
    for (key, c, kind) in [("income", &fa.income, Income), ("expenditure", &fa.expenditure, Expenditure)] {
        for (i, item) in c.iter().flat_map(|c| c.items.iter()).enumerate() {
            let Some(col) = item_column(&item.name) else { continue };
            stated(ctx, Some(&item.amount), &format!("{key}.items[{i}].amount"), &item.name, total(t, kind, col), unit);
        }
    }
    let appropriation = cell(t, Appropriation, "income", &["总计"], "amount");
    stated(ctx, fa.appropriation.as_ref().map(|a| &a.total), "appropriation.total", "财政拨款收支总计", appropriation, unit);
    if let Some(g) = &fa.general_budget {
        stated(ctx, Some(&g.total), "general_budget.total", "一般公共预算财政拨款支出", total(t, GeneralBudget, "total"), unit);
        for (i, c) in g.classes.iter().enumerate() {
            let stem = bare_name(&c.name);
            let field = format!("general_budget.classes[{i}].amount");
            let class = cell(t, GeneralBudget, "rows", &[&stem], "total").filter(|c| c.at.part.rows[c.at.row].level == 1);
            stated(ctx, Some(&c.amount), &field, &c.name, class, unit);
        }
        for (i, item) in g.execution.iter().flat_map(|e| e.items.iter()).enumerate() {
            let field = format!("general_budget.execution.items[{i}].actual");
            let what = item.name.as_deref().unwrap_or("该项");
            stated(ctx, Some(&item.actual), &field, what, item.code.as_deref().and_then(|c| by_code(t, GeneralBudget, c, "total")), unit);
        }
    }
    if let Some(b) = &fa.basic_expenditure {
        stated(ctx, Some(&b.general_budget), "basic_expenditure.general_budget", "一般公共预算财政拨款基本支出", total(t, GeneralBudget, "basic"), unit);
        // 人员经费 / 公用经费 (or a 经济分类 类 such as 工资福利支出) = 基本支出表's row of that name (or its 合计 row).
        for (i, c) in b.categories.iter().enumerate() {
            let stem = bare_name(&c.name);
            let row = named(t, Basic, &[stem.clone(), format!("{stem}合计")], "amount");
            stated(ctx, c.amount.as_ref(), &format!("basic_expenditure.categories[{i}].amount"), &c.name, row, unit);
        }
    }
    if let Some(tp) = &fa.three_public {
        stated(ctx, Some(&tp.actual), "three_public.actual", "“三公”经费决算数", total(t, ThreePublic, "actual"), unit);
        stated(ctx, Some(&tp.budget), "three_public.budget", "“三公”经费预算数", total(t, ThreePublic, "budget"), unit);
        for (i, it) in tp.items.iter().enumerate() {
            let stem = bare_name(&it.name);
            let row = |col| cell(t, ThreePublic, "rows", &[&stem], col);
            stated(ctx, Some(&it.actual), &format!("three_public.items[{i}].actual"), &it.name, row("actual"), unit);
            stated(ctx, Some(&it.budget), &format!("three_public.items[{i}].budget"), &it.name, row("budget"), unit);
            // 公务用车购置费 / 运行维护费 = the table's rows of those names.
            for (key, f, stem) in [("purchase", &it.purchase, "公务用车购置费"), ("operation", &it.operation, "公务用车运行维护费")] {
                let row = cell(t, ThreePublic, "rows", &[stem], "actual");
                stated(ctx, f.as_ref(), &format!("three_public.items[{i}].{key}"), stem, row, unit);
            }
        }
    }
}
