//! The nine 部门决算公开表 as data, independent of how they are written:
//! a [`Table`] is its [`TableKind`] (what it is — never its number, which
//! differs between localities), the number and title as published, and one
//! or two [`Part`]s (收入 and 支出 sides) of columns and rows. A row has its
//! 科目编码 (类/款/项 by code length 3/5/7, 经济分类 by 3/5), its name, and
//! one cell per column: a [`Figure`] or nothing (未填报 — left blank).
//! `final-accounts.toml` fills it (see [`super::toml`]); the reporting
//! software's workbook can fill the same model.

use crate::number::Figure;
use crate::source::Span;

/// Which of the nine standard tables a table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TableKind {
    /// 收入支出决算总表.
    Summary,
    /// 收入决算表.
    Income,
    /// 支出决算表.
    Expenditure,
    /// 财政拨款收入支出决算总表.
    Appropriation,
    /// 一般公共预算财政拨款支出决算表.
    GeneralBudget,
    /// 一般公共预算财政拨款基本支出决算（明细）表.
    Basic,
    /// 政府性基金预算财政拨款收入支出决算表.
    GovernmentFund,
    /// 国有资本经营预算财政拨款（收入）支出决算表.
    StateCapital,
    /// 财政拨款“三公”经费支出决算表.
    ThreePublic,
}

impl TableKind {
    /// The nine tables in their usual published order (公开01表 … 公开09表).
    pub const ALL: [TableKind; 9] = [
        TableKind::Summary,
        TableKind::Income,
        TableKind::Expenditure,
        TableKind::Appropriation,
        TableKind::GeneralBudget,
        TableKind::Basic,
        TableKind::GovernmentFund,
        TableKind::StateCapital,
        TableKind::ThreePublic,
    ];

    /// Its key in `final-accounts.toml` (`[tables.<key>]`).
    pub fn key(self) -> &'static str {
        match self {
            TableKind::Summary => "summary",
            TableKind::Income => "income",
            TableKind::Expenditure => "expenditure",
            TableKind::Appropriation => "appropriation",
            TableKind::GeneralBudget => "general_budget",
            TableKind::Basic => "basic",
            TableKind::GovernmentFund => "government_fund",
            TableKind::StateCapital => "state_capital",
            TableKind::ThreePublic => "three_public",
        }
    }

    /// Its standard title (used when the file gives none).
    pub fn standard_title(self) -> &'static str {
        match self {
            TableKind::Summary => "收入支出决算总表",
            TableKind::Income => "收入决算表",
            TableKind::Expenditure => "支出决算表",
            TableKind::Appropriation => "财政拨款收入支出决算总表",
            TableKind::GeneralBudget => "一般公共预算财政拨款支出决算表",
            TableKind::Basic => "一般公共预算财政拨款基本支出决算表",
            TableKind::GovernmentFund => "政府性基金预算财政拨款收入支出决算表",
            TableKind::StateCapital => "国有资本经营预算财政拨款收入支出决算表",
            TableKind::ThreePublic => "财政拨款“三公”经费支出决算表",
        }
    }
}

/// A column: its key (the field name in `final-accounts.toml`) and its heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Field name (`total`, `basic` …).
    pub key: &'static str,
    /// Heading as published (`本年支出合计`).
    pub title: &'static str,
}

/// One row of a table.
#[derive(Debug, Clone)]
pub struct Row {
    /// 科目编码 (`201`, `2010101`, `30101`), if the row has one.
    pub code: Option<String>,
    /// 科目名称 or line name as published (`一般公共服务支出`, `本年收入合计`).
    pub name: String,
    /// Depth in the hierarchy: 1 = 类 (or a top line), 2 = 款, 3 = 项.
    pub level: u8,
    /// A 合计/总计/小计 row (summing the rows it closes).
    pub total: bool,
    /// One cell per column of its part; `None` = left blank (未填报).
    pub cells: Vec<Option<Figure>>,
    /// Where the row is written (its name), for diagnostics.
    pub span: Span,
}

impl Row {
    /// The cell in column `i`, if reported.
    pub fn figure(&self, i: usize) -> Option<&Figure> {
        self.cells.get(i).and_then(|c| c.as_ref()).filter(|f| f.is_reported())
    }
}

/// One side of a table (收入 or 支出) or the whole of a one-sided table.
#[derive(Debug, Clone)]
pub struct Part {
    /// `收入` / `支出` for two-sided tables; `None` for one-sided ones.
    pub heading: Option<&'static str>,
    /// Its key in `final-accounts.toml` (`income`, `expenditure`, `rows`).
    pub key: &'static str,
    /// The columns, in published order.
    pub columns: Vec<Column>,
    /// The rows, in published order.
    pub rows: Vec<Row>,
}

impl Part {
    /// Index of the column with field name `key`.
    pub fn column(&self, key: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.key == key)
    }

    /// The first row whose name, without its leading numbering (`一、`), is `name`.
    pub fn line(&self, name: &str) -> Option<(usize, &Row)> {
        self.rows.iter().enumerate().find(|(_, r)| bare_name(&r.name) == name)
    }
}

/// One published table.
#[derive(Debug, Clone)]
pub struct Table {
    /// What it is.
    pub kind: TableKind,
    /// Its number as published (`公开06表`, `表六`), for display only.
    pub number: Option<String>,
    /// Its title as published.
    pub title: String,
    /// A note published with it, e.g. “本单位无政府性基金收支，故本表为空表”.
    pub note: Option<String>,
    /// One part, or two (收入, 支出).
    pub parts: Vec<Part>,
}

impl Table {
    /// Does any row have any reported figure?
    pub fn is_empty(&self) -> bool {
        self.parts.iter().all(|p| p.rows.iter().all(|r| r.cells.iter().all(|c| c.as_ref().is_none_or(|f| !f.is_reported()))))
    }

    /// The part with key `key`.
    pub fn part(&self, key: &str) -> Option<&Part> {
        self.parts.iter().find(|p| p.key == key)
    }
}

/// 部门决算公开表: the tables a report publishes (any of the nine).
#[derive(Debug, Clone, Default)]
pub struct Tables {
    /// In published order (the order written in the file).
    pub tables: Vec<Table>,
}

impl Tables {
    /// The table of kind `kind`, if published.
    pub fn get(&self, kind: TableKind) -> Option<&Table> {
        self.tables.iter().find(|t| t.kind == kind)
    }
}

/// A name without its leading list numbering (`一、`, `（一）`, `1.`) and spaces.
pub fn bare_name(name: &str) -> String {
    let t = name.trim();
    let t = match t.find('、') {
        Some(i) if t[..i].chars().all(|c| "一二三四五六七八九十（）()0123456789".contains(c)) => &t[i + '、'.len_utf8()..],
        _ => t,
    };
    t.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Level of a 科目编码: 3 digits = 1 (类), 5 = 2 (款), 7 = 3 (项); `None` otherwise.
pub fn code_level(code: &str) -> Option<u8> {
    if !code.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    match code.len() {
        3 => Some(1),
        5 => Some(2),
        7 => Some(3),
        _ => None,
    }
}

/// Is a row without a code named like a total (合计, 总计, 小计, 本年收入合计 …)?
pub fn is_total_name(name: &str) -> bool {
    let n = bare_name(name);
    n.ends_with("合计") || n.ends_with("总计") || n == "小计"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_their_numbering() {
        assert_eq!(bare_name("一、一般公共预算财政拨款收入"), "一般公共预算财政拨款收入");
        assert_eq!(bare_name("二十六、抗疫特别国债安排的支出"), "抗疫特别国债安排的支出");
        assert_eq!(bare_name("  总 计 "), "总计");
        assert_eq!(bare_name("因公出国（境）费"), "因公出国（境）费");
    }

    #[test]
    fn levels_follow_code_length() {
        assert_eq!(code_level("201"), Some(1));
        assert_eq!(code_level("20139"), Some(2));
        assert_eq!(code_level("2013901"), Some(3));
        assert_eq!(code_level("30101"), Some(2));
        assert_eq!(code_level("20a"), None);
        assert_eq!(code_level("2013"), None);
    }
}
