//! The bar and pie charts of the 部门决算 page beyond the income and
//! expenditure pies: 一般公共预算财政拨款支出 by 类 (决算 with 年初预算
//! beside), “三公”经费 年初预算 vs 决算 per item, and 基本支出 by 经济分类.
//! Each is a [`Block::Chart`], the SVG beside a table that holds the same
//! figures in HTML (readable on a phone, where the SVG is scaled down); a
//! chart whose figures are absent or all zero is left out and its table
//! stands alone — never an empty chart.

use rust_decimal::Decimal;

use crate::derive::Shown;
use crate::number::format::money;
use crate::render::chart::{self, Datum};
use crate::render::place::source_of;
use crate::render::view::{Block, Cell, Row, Table};
use crate::reports::final_accounts::derive::{FunctionalFigures, ThreePublicFigures};
use crate::reports::final_accounts::model::BasicExpenditure;
use crate::reports::final_accounts::tables::model::{Part, TableKind, Tables, bare_name};

use super::context::FinalAccountsPageContext;

/// One group of bars: its label and one value per series (`None` = 未填报).
type Group = (String, Vec<Option<Decimal>>);

/// “一般公共服务支出：决算11,724.11万元，年初预算12,465.80万元”, one group
/// per item, the series named by `words`, for the chart's `<desc>`.
fn bars_desc(groups: &[Group], words: &[&str], unit: &str) -> String {
    groups
        .iter()
        .map(|(name, values)| {
            let parts: Vec<String> = words
                .iter()
                .zip(values)
                .map(|(word, v)| match v {
                    Some(v) => format!("{word}{}{unit}", money(*v)),
                    None => format!("{word}未填报"),
                })
                .collect();
            format!("{name}：{}", parts.join("，"))
        })
        .collect::<Vec<_>>()
        .join("；")
}

/// Does any group have a value other than zero?
fn any_amount(groups: &[Group]) -> bool {
    groups.iter().flat_map(|(_, v)| v.iter().flatten()).any(|v| !v.is_zero())
}

/// The 年初预算数 of 一般公共预算财政拨款支出决算表's 类 named `name`, where
/// the table is published with that column.
fn table_budget(part: Option<&Part>, name: &str) -> Option<Decimal> {
    let part = part?;
    let col = part.column("budget")?;
    let bare = bare_name(name);
    part.rows.iter().find(|r| r.level == 1 && !r.total && bare_name(&r.name) == bare)?.figure(col)?.value
}

/// 一般公共预算财政拨款支出 by 类: 决算数 with 年初预算数 beside, the budget
/// from the statement or, where it gives none, from 一般公共预算财政拨款支出决算表
/// (said so in the chart's `<desc>`); 决算数 alone when no 年初预算 is known
/// at all. Left out (the table alone) when no 类 has an amount.
pub fn general_budget(cx: &FinalAccountsPageContext, g: &FunctionalFigures, tables: &Tables, table: Table) -> Block {
    let year = cx.year;
    let part = tables.get(TableKind::GeneralBudget).and_then(|t| t.part("rows"));
    let from_table = g.classes.iter().all(|c| c.vs_budget.base.value.is_none());
    let groups: Vec<Group> = g
        .classes
        .iter()
        .map(|c| {
            let budget = if from_table { table_budget(part, c.name) } else { c.vs_budget.base.value };
            (c.name.to_string(), vec![c.vs_budget.current.value, budget])
        })
        .collect();
    if !groups.iter().any(|(_, v)| v[0].is_some_and(|a| !a.is_zero())) {
        return Block::Table(table);
    }
    // Without any 年初预算 the bars show 决算 alone (the chart is still the
    // quickest read of which 类 the money went to).
    if !groups.iter().any(|(_, v)| v[1].is_some()) {
        let groups: Vec<Group> = groups.into_iter().map(|(name, v)| (name, vec![v[0]])).collect();
        let desc = bars_desc(&groups, &["决算"], cx.unit);
        let title = format!("图3：{year}年度一般公共预算财政拨款支出决算数（按类）");
        let svg =
            chart::grouped_bars("general-budget", &title, &["决算数"], &groups, cx.unit, &desc).sourced(source_of("final-accounts", "general_budget", None));
        return Block::Chart { svg, table };
    }
    let mut desc = bars_desc(&groups, &["决算", "年初预算"], cx.unit);
    if from_table {
        desc.push_str("（年初预算取自一般公共预算财政拨款支出决算表）");
    }
    let svg = chart::grouped_bars(
        "general-budget",
        &format!("图3：{year}年度一般公共预算财政拨款支出决算数与年初预算数（按类）"),
        &["决算数", "年初预算数"],
        &groups,
        cx.unit,
        &desc,
    )
    .sourced(source_of("final-accounts", "general_budget", None));
    Block::Chart { svg, table }
}

/// “三公”经费: 决算数 with 年初预算数 beside, per item (an item with both
/// zero or not reported is left out and counted in the title). Left out
/// (the table alone) when every item is zero or not reported.
pub fn three_public(cx: &FinalAccountsPageContext, t: &ThreePublicFigures, table: Table) -> Block {
    let all: Vec<Group> = t.items.iter().map(|it| (it.name.to_string(), vec![it.actual.value, it.budget.value])).collect();
    let left_out = all.iter().filter(|g| !any_amount(std::slice::from_ref(g))).count();
    // The title says 未填报 only when a left-out item has a figure not reported.
    let unreported = all.iter().any(|g| !any_amount(std::slice::from_ref(g)) && g.1.iter().any(Option::is_none));
    let groups: Vec<Group> = all.into_iter().filter(|g| any_amount(std::slice::from_ref(g))).collect();
    if groups.is_empty() {
        return Block::Table(table);
    }
    let mut title = format!("{}年度“三公”经费财政拨款决算数与年初预算数", cx.year);
    if left_out > 0 {
        let why = if unreported { "均为零或未填报" } else { "均为零" };
        title.push_str(&format!("（决算数和年初预算数{why}的{left_out}项未制图）"));
    }
    let desc = bars_desc(&groups, &["决算", "年初预算"], cx.unit);
    let svg = chart::grouped_bars("three-public", &title, &["决算数", "年初预算数"], &groups, cx.unit, &desc).sourced(source_of(
        "final-accounts",
        "three_public",
        None,
    ));
    Block::Chart { svg, table }
}

/// The pie of positive amounts, or `None` when fewer than two parts have one
/// (one slice says nothing a sentence does not).
fn basic_pie(cx: &FinalAccountsPageContext, data: Vec<Datum>, what: &str, source: String) -> Option<chart::Chart> {
    (data.len() >= 2).then(|| chart::pie("basic-expenditure", &format!("{}年度基本支出{what}构成", cx.year), &data).sourced(source))
}

/// A positive amount as a pie slice.
fn slice(name: &str, amount: Option<Decimal>, unit: &str) -> Option<Datum> {
    let v = amount.filter(|v| *v > Decimal::ZERO)?;
    Some(Datum { label: name.to_string(), value: v, words: format!("{}{unit}", money(v)) })
}

/// 基本支出 by 经济分类: a pie of the statement's categories where it gives
/// their amounts (e.g. 人员经费 and 公用经费), beside `table` (the categories
/// table); otherwise of 一般公共预算财政拨款基本支出决算表's 类 (301 工资福利支出,
/// 302 商品和服务支出 …), beside a table of them. `table` alone (or nothing)
/// when fewer than two parts have an amount.
pub fn basic_expenditure(
    cx: &FinalAccountsPageContext,
    b: &BasicExpenditure,
    tables: &Tables,
    verdicts: &super::super::tables::Verdicts,
    table: Option<Table>,
) -> Vec<Block> {
    let stated: Vec<Datum> = b.categories.iter().filter_map(|c| slice(&c.name, c.amount.as_ref().and_then(|a| a.value), cx.unit)).collect();
    let table = match (table, basic_pie(cx, stated, "经济分类", source_of("final-accounts", "basic_expenditure", None))) {
        (Some(table), Some(svg)) => return vec![Block::Chart { svg, table }],
        (table, _) => table,
    };
    let mut out: Vec<Block> = table.into_iter().map(Block::Table).collect();
    let Some(t) = tables.get(TableKind::Basic) else { return out };
    let Some(part) = t.part("rows") else { return out };
    let Some(col) = part.column("amount") else { return out };
    let classes: Vec<_> = part.rows.iter().filter(|r| r.level == 1 && !r.total).collect();
    let data: Vec<Datum> = classes.iter().filter_map(|r| slice(&bare_name(&r.name), r.figure(col).and_then(|f| f.value), cx.unit)).collect();
    let Some(svg) = basic_pie(cx, data, "按经济分类（类）", source_of("final-accounts", "tables", t.number.as_deref())) else { return out };
    let rows = classes
        .iter()
        .map(|r| {
            let shown = r.figure(col).map_or_else(Shown::not_reported, |f| Shown { verdict: verdicts.of(f.span), ..Shown::stated(f) });
            let head = match &r.code {
                Some(code) => format!("{code} {}", bare_name(&r.name)),
                None => bare_name(&r.name),
            };
            Row { head: Cell::text(&head), cells: vec![cx.money_cell(&shown)], total: false }
        })
        .collect();
    let table = Table {
        id: "basic-economic-table".into(),
        caption: format!("{}年度基本支出按经济分类（类）（单位：{}，取自{}）", cx.year, cx.unit, t.title),
        cols: vec!["经济分类（类）".into(), "金额".into()],
        rows,
    };
    out.push(Block::Chart { svg, table });
    out
}

/// “三公”经费 from 财政拨款“三公”经费支出决算表, for a report that publishes
/// the table but no “三公” statement: the table's block in `blocks` (the
/// 部门决算报表 section) gets its chart, 决算数 with 预算数 beside per item
/// (the table's 类 rows; 小计 parts are in the table). Nothing changes when
/// every item is zero or blank.
pub fn three_public_table(cx: &FinalAccountsPageContext, tables: &Tables, blocks: &mut [Block]) {
    let Some(part) = tables.get(TableKind::ThreePublic).and_then(|t| t.part("rows")) else { return };
    let (Some(actual), Some(budget)) = (part.column("actual"), part.column("budget")) else { return };
    let groups: Vec<Group> = part
        .rows
        .iter()
        .filter(|r| r.level == 1 && !r.total)
        .map(|r| (bare_name(&r.name), vec![r.figure(actual).and_then(|f| f.value), r.figure(budget).and_then(|f| f.value)]))
        .filter(|g| any_amount(std::slice::from_ref(g)))
        .collect();
    let Some(block) = blocks.iter_mut().find(|b| matches!(b, Block::Table(t) if t.id == "table-three-public")) else { return };
    if groups.is_empty() {
        return;
    }
    let Block::Table(table) = std::mem::replace(block, Block::Prose(String::new())) else { return };
    let title = format!("{}年度“三公”经费财政拨款决算数与预算数（取自财政拨款“三公”经费支出决算表）", cx.year);
    let desc = bars_desc(&groups, &["决算", "预算"], cx.unit);
    let number = tables.get(TableKind::ThreePublic).and_then(|t| t.number.as_deref());
    let svg =
        chart::grouped_bars("three-public", &title, &["决算数", "预算数"], &groups, cx.unit, &desc).sourced(source_of("final-accounts", "tables", number));
    *block = Block::Chart { svg, table };
}
