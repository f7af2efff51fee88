//! How the tables are written in `final-accounts.toml` (`[tables.<kind>]`),
//! read into the layout-free [`super::model`]. Each kind has its own row
//! fields (its columns), so a column the kind does not have is an
//! `E-PARSE 未知字段` at its line; a cell left out is 未填报.

use serde::Deserialize;
use serde::de::{self, Deserializer};
use toml::Spanned;

use super::model::{Column, Part, Row, Table, TableKind, Tables, code_level, is_total_name};
use crate::number::Figure;
use crate::source::Located;

/// A 科目编码: digits only, 3, 5 or 7 of them.
#[derive(Debug)]
struct SubjectCode(String);

impl<'de> Deserialize<'de> for SubjectCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        match code_level(s.trim()) {
            Some(_) => Ok(SubjectCode(s.trim().to_string())),
            None => Err(de::Error::custom(format!("科目编码“{s}”应为 3、5 或 7 位数字（类、款、项），并加引号"))),
        }
    }
}

/// A row's level written without a code: 1, 2 or 3.
#[derive(Debug, Clone, Copy)]
struct Level(u8);

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match u8::deserialize(d)? {
            n @ 1..=3 => Ok(Level(n)),
            n => Err(de::Error::custom(format!("层级 level 应为 1、2 或 3，写作 {n}"))),
        }
    }
}

/// One row struct per column set: `code`, `name`, `level` and one optional
/// figure per column.
macro_rules! row_kinds {
    ($($(#[$doc:meta])* $kind:ident { $($field:ident : $title:literal),* $(,)? })*) => {
        $(
            $(#[$doc])*
            #[derive(Debug, Deserialize)]
            #[serde(deny_unknown_fields)]
            struct $kind {
                code: Option<SubjectCode>,
                name: Located<String>,
                level: Option<Level>,
                $($field: Option<Figure>,)*
            }

            impl RawRow for $kind {
                const COLUMNS: &'static [Column] = &[$(Column { key: stringify!($field), title: $title }),*];
                fn into_row(self) -> Row {
                    let code = self.code.map(|c| c.0);
                    let level = code.as_deref().and_then(code_level).or(self.level.map(|l| l.0)).unwrap_or(1);
                    let total = code.is_none() && is_total_name(&self.name.value);
                    Row { code, name: self.name.value, level, total, cells: vec![$(self.$field),*], span: self.name.span }
                }
            }
        )*
    };
}

/// A kind of row: its columns and how it becomes a [`Row`].
trait RawRow {
    /// The columns, in published order.
    const COLUMNS: &'static [Column];
    /// The row in the layout-free model.
    fn into_row(self) -> Row;
}

row_kinds! {
    /// One amount (决算数): 收入支出决算总表, the income side of 财政拨款收入支出决算总表.
    AmountRow { amount: "决算数" }
    /// 基本支出表: 决算数, and where published 人员经费 and 公用经费 columns.
    BasicRow { amount: "决算数", personnel: "人员经费", public: "公用经费" }
    /// 收入决算表.
    IncomeRow {
        total: "本年收入合计", appropriation: "财政拨款收入", superior: "上级补助收入", business: "事业收入",
        operation: "经营收入", affiliated: "附属单位上缴收入", other: "其他收入",
    }
    /// 支出决算表.
    ExpenditureRow { total: "本年支出合计", basic: "基本支出", project: "项目支出", upward: "上缴上级支出", operation: "经营支出", subsidiary: "对附属单位补助支出" }
    /// The expenditure side of 财政拨款收入支出决算总表.
    AppropriationRow { total: "合计", general_budget: "一般公共预算财政拨款", government_fund: "政府性基金预算财政拨款", state_capital: "国有资本经营预算财政拨款" }
    /// 一般公共预算财政拨款支出决算表 (`budget`: 年初预算数, where published).
    GeneralBudgetRow { budget: "年初预算数", total: "合计", basic: "基本支出", project: "项目支出" }
    /// 政府性基金 and 国有资本经营预算财政拨款收入支出决算表.
    FundRow { carryover: "年初结转和结余", income: "本年收入", total: "本年支出合计", basic: "基本支出", project: "项目支出", closing: "年末结转和结余" }
    /// 财政拨款“三公”经费支出决算表, one row per item.
    ThreePublicRow { budget: "预算数", actual: "决算数" }
}

/// A one-sided table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OneSided<R> {
    number: Option<String>,
    title: Option<String>,
    note: Option<String>,
    #[serde(default = "Vec::new")]
    rows: Vec<R>,
}

/// A table with a 收入 and a 支出 side.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TwoSided<I, E> {
    number: Option<String>,
    title: Option<String>,
    note: Option<String>,
    #[serde(default = "Vec::new")]
    income: Vec<I>,
    #[serde(default = "Vec::new")]
    expenditure: Vec<E>,
}

/// `[tables]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTables {
    summary: Option<Spanned<TwoSided<AmountRow, AmountRow>>>,
    income: Option<Spanned<OneSided<IncomeRow>>>,
    expenditure: Option<Spanned<OneSided<ExpenditureRow>>>,
    appropriation: Option<Spanned<TwoSided<AmountRow, AppropriationRow>>>,
    general_budget: Option<Spanned<OneSided<GeneralBudgetRow>>>,
    basic: Option<Spanned<OneSided<BasicRow>>>,
    government_fund: Option<Spanned<OneSided<FundRow>>>,
    state_capital: Option<Spanned<OneSided<FundRow>>>,
    three_public: Option<Spanned<OneSided<ThreePublicRow>>>,
}

/// Sort tables by where they start in the file.
fn at<T>(s: &Spanned<T>) -> usize {
    s.span().start
}

/// Columns only some localities publish: left out of a part when no row fills them.
const OPTIONAL: [&str; 3] = ["budget", "personnel", "public"];

/// A part from rows; [`OPTIONAL`] columns no row fills are left out.
fn part<R: RawRow>(heading: Option<&'static str>, key: &'static str, rows: Vec<R>) -> Part {
    finish_part(heading, key, R::COLUMNS, rows.into_iter().map(RawRow::into_row).collect())
}

/// The parts of a kind of table as (heading, key, columns): the same
/// columns whatever the file it is read from (`load::workbook` uses it).
pub fn layout(kind: TableKind) -> Vec<(Option<&'static str>, &'static str, &'static [Column])> {
    let two = |i: &'static [Column], e: &'static [Column]| vec![(Some("收入"), "income", i), (Some("支出"), "expenditure", e)];
    match kind {
        TableKind::Summary => two(AmountRow::COLUMNS, AmountRow::COLUMNS),
        TableKind::Appropriation => two(AmountRow::COLUMNS, AppropriationRow::COLUMNS),
        TableKind::Income => vec![(None, "rows", IncomeRow::COLUMNS)],
        TableKind::Expenditure => vec![(None, "rows", ExpenditureRow::COLUMNS)],
        TableKind::GeneralBudget => vec![(None, "rows", GeneralBudgetRow::COLUMNS)],
        TableKind::Basic => vec![(None, "rows", BasicRow::COLUMNS)],
        TableKind::GovernmentFund | TableKind::StateCapital => vec![(None, "rows", FundRow::COLUMNS)],
        TableKind::ThreePublic => vec![(None, "rows", ThreePublicRow::COLUMNS)],
    }
}

/// A part from rows with one cell per column of `columns`; [`OPTIONAL`]
/// columns (年初预算数, 人员经费, 公用经费) no row fills are left out.
pub fn finish_part(heading: Option<&'static str>, key: &'static str, columns: &[Column], rows: Vec<Row>) -> Part {
    let mut rows = rows;
    // A two-column table (“三公”经费: 预算数, 决算数) keeps both.
    let keep_all = columns.len() <= 2;
    let mut columns = columns.to_vec();
    for optional in OPTIONAL {
        if let Some(i) = columns.iter().position(|c| c.key == optional)
            && !keep_all
            && rows.iter().all(|r| r.cells[i].is_none())
        {
            columns.remove(i);
            rows.iter_mut().for_each(|r| drop(r.cells.remove(i)));
        }
    }
    Part { heading, key, columns, rows }
}

fn one<R: RawRow>(kind: TableKind, t: OneSided<R>) -> Table {
    Table { kind, number: t.number, title: t.title.unwrap_or_else(|| kind.standard_title().into()), note: t.note, parts: vec![part(None, "rows", t.rows)] }
}

fn two<I: RawRow, E: RawRow>(kind: TableKind, t: TwoSided<I, E>) -> Table {
    let parts = vec![part(Some("收入"), "income", t.income), part(Some("支出"), "expenditure", t.expenditure)];
    Table { kind, number: t.number, title: t.title.unwrap_or_else(|| kind.standard_title().into()), note: t.note, parts }
}

impl<'de> Deserialize<'de> for Tables {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let r = RawTables::deserialize(d)?;
        // Each table with where it starts in the file: they are shown in the order written.
        let mut tables: Vec<(usize, Table)> = [
            r.summary.map(|t| (at(&t), two(TableKind::Summary, t.into_inner()))),
            r.income.map(|t| (at(&t), one(TableKind::Income, t.into_inner()))),
            r.expenditure.map(|t| (at(&t), one(TableKind::Expenditure, t.into_inner()))),
            r.appropriation.map(|t| (at(&t), two(TableKind::Appropriation, t.into_inner()))),
            r.general_budget.map(|t| (at(&t), one(TableKind::GeneralBudget, t.into_inner()))),
            r.basic.map(|t| (at(&t), one(TableKind::Basic, t.into_inner()))),
            r.government_fund.map(|t| (at(&t), one(TableKind::GovernmentFund, t.into_inner()))),
            r.state_capital.map(|t| (at(&t), one(TableKind::StateCapital, t.into_inner()))),
            r.three_public.map(|t| (at(&t), one(TableKind::ThreePublic, t.into_inner()))),
        ]
        .into_iter()
        .flatten()
        .collect();
        tables.sort_by_key(|(start, _)| *start);
        Ok(Tables { tables: tables.into_iter().map(|(_, t)| t).collect() })
    }
}
