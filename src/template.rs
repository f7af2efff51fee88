//! `gongkai template final-accounts FILE.xlsx`: a blank 部门决算工作簿 with
//! the nine 部门决算公开表, one sheet each (`公开01表` …): the table's
//! standard title, a unit row (`单位：万元`), a header with exactly the
//! column titles `load::workbook` recognises, one example row, and a note
//! row saying how to fill it in. Filled in, it reads back without diagnostics.

use std::path::Path;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

use crate::error::{Error, Result};
use crate::reports::final_accounts::tables::model::TableKind;
use crate::reports::final_accounts::tables::toml::layout;

/// The nine tables in their usual published order.
const KINDS: [TableKind; 9] = [
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

/// The note row under each table: how to fill it in.
const HOW: &str = "注：第 4 行是示例，请换成本单位的数字，每个科目一行；科目编码写 3、5 或 7 位（类、款、项）；未填报留空或写 -；这一行可换成本表的说明（如“本单位无政府性基金收支，故本表为空表”）。";

/// The workbook (see the module doc).
fn book() -> std::result::Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    book.set_properties(&DocProperties::new().set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?));
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("#,##0.00");
    for (n, kind) in KINDS.iter().enumerate() {
        let ws = book.add_worksheet();
        ws.set_name(format!("公开{:02}表", n + 1))?;
        ws.write_string_with_format(0, 0, kind.standard_title(), &bold)?;
        ws.write_string(1, 0, "单位：万元")?;
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
                ws.write_string_with_format(2, col, c.title, &bold)?;
                ws.set_column_width(col, 14)?;
                ws.write_number_with_format(3, col, 0.0, &money)?;
                col += 1;
            }
        }
        ws.write_string(5, 0, HOW)?;
    }
    Ok(book)
}

/// Write the template of `kind` (only `final-accounts`) to `path`.
pub fn write(kind: &str, path: &Path) -> Result<()> {
    if kind != "final-accounts" {
        return Err(Error::Usage(format!("没有“{kind}”模板；目前有：final-accounts（部门决算公开表九张表）")));
    }
    let err = |e: XlsxError| Error::Write { path: path.to_path_buf(), source: std::io::Error::other(e.to_string()) };
    let mut b = book().map_err(err)?;
    let bytes = b.save_to_buffer().map_err(err)?;
    // create_new: never replace a file (or follow a link) that appeared
    // after the caller looked.
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(path)?;
        std::io::Write::write_all(&mut f, &bytes)
    };
    write().map_err(|source| Error::Write { path: path.to_path_buf(), source })
}
