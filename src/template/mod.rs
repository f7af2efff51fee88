//! `gongkai template final-accounts FILE.xlsx`: a blank 部门决算工作簿 with
//! the nine 部门决算公开表, one sheet each (`公开01表` …): the table's
//! standard title, a unit row (`单位：万元`), a header with exactly the
//! column titles `load::workbook` recognises, one example row, and a note
//! row saying how to fill it in. Filled in, it reads back without diagnostics.
//!
//! `gongkai template tracking FILE.xlsx`: a blank 绩效跟踪工作簿 — one sheet
//! `重点跟踪项目` with its title, `单位：元`, the column titles
//! `load::workbook::tracking` recognises, one example project, its 合计 row
//! and a note row (see [`tracking_book`]).
//!
//! `gongkai template cost FILE.xlsx`: a blank 成本预算明细工作簿 — one sheet
//! `2024年` with its title, `单位：元`, the column titles
//! `load::workbook::cost` recognises, one example line, its 小计 row and a
//! note row (see [`cost_book`]).
//!
//! `gongkai template form FILE.xlsx`: a blank 项目支出绩效自评表 — one sheet
//! `自评表` laid out as the real form (merged labels and values) with an
//! example project whose figures agree (see [`form::form_book`]).
//!
//! Every template has the same set-up ([`new_book`], [`titled_sheet`]): a
//! fixed creation date, a bold title in A1, the unit row under it.

use std::path::Path;

mod form;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::error::{Error, Result};
use crate::reports::final_accounts::tables::model::TableKind;
use crate::reports::final_accounts::tables::toml::layout;

/// The nine tables in their usual published order.
const KINDS: [TableKind; 9] = TableKind::ALL;

/// The note row under each table: how to fill it in.
const HOW: &str = "注：第 4 行是示例，请换成本单位的数字，每个科目一行；科目编码写 3、5 或 7 位（类、款、项）；未填报留空或写 -；这一行可换成本表的说明（如“本单位无政府性基金收支，故本表为空表”）。";

/// A template workbook: its creation date fixed (2000-01-01), so the same
/// template is the same bytes each time.
fn new_book() -> std::result::Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    book.set_properties(&DocProperties::new().set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?));
    Ok(book)
}

/// Bold, for titles and headers.
fn bold() -> Format {
    Format::new().set_bold()
}

/// Money cells: thousands separated, two decimals.
fn money() -> Format {
    Format::new().set_num_format("#,##0.00")
}

/// A new sheet `name` of `book` with its title (bold) in A1 and, when
/// given, its unit row (`单位：元`) in A2.
fn titled_sheet<'a>(book: &'a mut Workbook, name: &str, title: &str, unit: Option<&str>) -> std::result::Result<&'a mut Worksheet, XlsxError> {
    let ws = book.add_worksheet();
    ws.set_name(name)?;
    ws.write_string_with_format(0, 0, title, &bold())?;
    if let Some(unit) = unit {
        crate::render::xlsx::write_text(ws, 1, 0, unit)?;
    }
    Ok(ws)
}

/// A header cell (bold) of row 3 and its column's width.
fn header_cell(ws: &mut Worksheet, col: u16, title: &str, width: f64) -> std::result::Result<(), XlsxError> {
    ws.write_string_with_format(2, col, title, &bold())?;
    ws.set_column_width(col, width)?;
    Ok(())
}

/// The workbook (see the module doc).
fn book() -> std::result::Result<Workbook, XlsxError> {
    let mut book = new_book()?;
    let money = money();
    for (n, kind) in KINDS.iter().enumerate() {
        let ws = titled_sheet(&mut book, &format!("公开{:02}表", n + 1), kind.standard_title(), Some("单位：万元"))?;
        let parts = layout(*kind);
        let mut col: u16 = 0;
        for (heading, _, columns) in &parts {
            // One-sided tables have a 科目编码 column; a two-sided table's rows are lines (项目).
            if heading.is_none() {
                ws.write_string(2, col, "科目编码")?;
                ws.write_string(3, col, "201")?;
                col += 1;
            }
            ws.write_string(2, col, if heading.is_none() { "科目名称" } else { "项目" })?;
            ws.set_column_width(col, 28)?;
            let example = match heading {
                None => "一般公共服务支出",
                Some("收入") => "一、一般公共预算财政拨款收入",
                Some(_) => "一、一般公共服务支出",
            };
            ws.write_string(3, col, example)?;
            col += 1;
            for c in columns.iter() {
                header_cell(ws, col, c.title, 14.0)?;
                ws.write_number_with_format(3, col, 0.0, &money)?;
                col += 1;
            }
        }
        ws.write_string(5, 0, HOW)?;
    }
    Ok(book)
}

/// The note row under the 绩效跟踪 project list: how to fill it in.
const TRACKING_HOW: &str = "注：第 4 行是示例，请换成本单位的重点跟踪项目，每个项目一行；列的顺序可以调整，表头文字不要改；科室要在 unit.toml 的 [[offices]] 中声明；\
     追加、追减没有时写 -；比例 = 实际支出 ÷ 调整后预算 × 100；科室小计行在项目名称列写“××办公室小计”；最后一行是合计行；单位可改为“单位：万元”（要与 tracking.toml 的 unit 一致）。";

/// The 绩效跟踪 project list (see the module doc): the example project's
/// figures agree (100.00 + 0 − 0 = 100.00, 95.00 ÷ 100.00 = 95.00%), so it
/// reads back without findings.
fn tracking_book() -> std::result::Result<Workbook, XlsxError> {
    use crate::load::workbook::tracking::{Column, TITLES};
    let mut book = new_book()?;
    let money = money();
    let ws = titled_sheet(&mut book, "重点跟踪项目", "重点跟踪项目全年预算情况表", Some("单位：元"))?;
    for (col, (title, role)) in TITLES.iter().enumerate() {
        let col = col as u16;
        header_cell(ws, col, title, if *role == Column::Name { 32.0 } else { 14.0 })?;
        let example = match role {
            Column::No => Some(("1", None)),
            Column::Code => Some(("11010222T000000000001", None)),
            Column::Name => Some(("示例项目（请换成本单位的项目）", Some("合计"))),
            Column::Office => Some(("综合办公室", None)),
            Column::Budget | Column::Adjusted => Some(("1000000.00", Some("1000000.00"))),
            Column::Added | Column::Cut => Some(("-", Some("0.00"))),
            Column::Actual => Some(("950000.00", Some("950000.00"))),
            Column::Rate => Some(("95.00", Some("95.00"))),
            _ => None,
        };
        for (row, text) in example.into_iter().flat_map(|(a, b)| [(3, Some(a)), (4, b)]) {
            match text.map(|t| (t, t.parse::<f64>())) {
                Some((_, Ok(n))) if *role != Column::Code => ws.write_number_with_format(row, col, n, &money).map(|_| ())?,
                Some((t, _)) => ws.write_string(row, col, t).map(|_| ())?,
                None => {}
            }
        }
    }
    ws.write_string(6, 0, TRACKING_HOW)?;
    Ok(book)
}

/// The note row under the budget lines: how to fill them in.
const COST_HOW: &str = "注：第 4 行是示例，请换成本项目的预算明细，每个成本类别一行；一个年度一张工作表，表名或标题写年份；服务内容只在第一行写，下面留空表示同一服务内容；\
     服务内容要与 cost/<slug>.toml 里该年度 [[budgets.services]] 的 name 一字不差；数量写成如 3人*10次；金额可写数字或算式（3人*10次*200=6000元）；小计、合计行不读，小计写在 TOML 里。";

/// The budget lines of a 成本绩效分析 (see the module doc): the example
/// line agrees (3人*10次 × 200 = 6000), so it reads back without findings.
fn cost_book() -> std::result::Result<Workbook, XlsxError> {
    use crate::load::workbook::cost::{COLUMNS, Column};
    let mut book = new_book()?;
    let money = money();
    let ws = titled_sheet(&mut book, "2024年", "2024年示例项目预算（合同）情况表", Some("单位：元"))?;
    for (col, (title, role)) in COLUMNS.iter().enumerate() {
        let col = col as u16;
        header_cell(ws, col, title, if matches!(role, Column::Description | Column::Service) { 24.0 } else { 12.0 })?;
        match role {
            Column::Service => ws.write_string(3, col, "1.示例服务")?,
            Column::Item => ws.write_string(3, col, "劳务费")?.write_string(4, col, "小计")?,
            Column::Description => ws.write_string(3, col, "示例：入户评估（请换成本项目的内容）")?,
            Column::Quantity => ws.write_string(3, col, "3人*10次")?,
            Column::Unit => ws.write_string(3, col, "人次")?,
            Column::Price => ws.write_number_with_format(3, col, 200.0, &money)?,
            Column::Amount => ws.write_number_with_format(3, col, 6000.0, &money)?.write_number_with_format(4, col, 6000.0, &money)?,
            Column::Ignored => ws,
        };
    }
    ws.write_string(6, 0, COST_HOW)?;
    Ok(book)
}

/// Write the template of `kind` (`final-accounts`, `tracking`, `cost`) to `path`.
pub fn write(kind: &str, path: &Path) -> Result<()> {
    let make = match kind {
        "final-accounts" => book,
        "tracking" => tracking_book,
        "cost" => cost_book,
        "form" => form::form_book,
        _ => {
            return Err(Error::Usage(format!(
                "没有“{kind}”模板；目前有：final-accounts（部门决算公开表九张表）、tracking（绩效跟踪重点项目表）、cost（成本预算明细）、form（项目支出绩效自评表）"
            )));
        }
    };
    let err = |e: XlsxError| Error::Write { path: path.to_path_buf(), source: std::io::Error::other(e.to_string()) };
    let mut b = make().map_err(err)?;
    let bytes = b.save_to_buffer().map_err(err)?;
    // create_new: never replace a file (or follow a link) that appeared
    // after the caller looked.
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(path)?;
        std::io::Write::write_all(&mut f, &bytes)
    };
    write().map_err(|source| Error::Write { path: path.to_path_buf(), source })
}
