//! 公开表 CSV files: one table per `.csv` file in a year folder (as Excel
//! saves a sheet, or as a table is downloaded), read like one sheet of the
//! workbook. The file is UTF-8 (with or without a byte-order mark) or, when
//! it is not UTF-8, GB18030 (what Excel on Chinese Windows writes as “CSV”).
//! Its cell listing names the sheet after the file (`公开01表.csv` →
//! `公开01表`), so its title can be the file name; a diagnostic names the
//! file and cell (`公开01表.csv!D12`, see [`crate::source::SourceFile::cell`]).

use std::path::Path;

use super::{bad, cell_ref, one_line};
use crate::check::Code;
use crate::load::files::BadText;

/// The cell listing of the CSV file at `path` (one sheet named after the
/// file), or why it cannot be read.
pub fn listing(path: &Path) -> Result<String, BadText> {
    let bytes = std::fs::read(path).map_err(|e| bad(format!("无法读取：{}", crate::error::io_reason(&e))))?;
    let text = decode(&bytes)?;
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    cells(&one_line(&stem).replace('!', "！"), &text)
}

/// The text of a CSV file: UTF-8 without its byte-order mark, else GB18030.
fn decode(bytes: &[u8]) -> Result<String, BadText> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_string());
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(bad("这是 UTF-16 编码的文字文件（Excel 的“Unicode 文本”）；请在 Excel 里另存为“CSV UTF-8（逗号分隔）”".into()));
    }
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|t| t.into_owned())
        .ok_or_else(|| bad("无法按 UTF-8 或 GB18030 读取这个 CSV 文件；请在 Excel 里另存为“CSV UTF-8（逗号分隔）”".into()))
}

/// The cell listing of CSV `text` as the sheet `sheet`.
fn cells(sheet: &str, text: &str) -> Result<String, BadText> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut out = format!("{sheet}!\t工作表\n");
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(row as u64 + 1, |p| p.line());
            BadText { text: String::new(), at: 0, code: Code::Workbook, message: format!("第 {line} 行不是正确的 CSV（引号不配对？）：{e}") }
        })?;
        for (col, field) in record.iter().enumerate() {
            let text = one_line(field);
            if !text.trim().is_empty() {
                out.push_str(&format!("{sheet}!{}\t{text}\n", cell_ref(row as u32, col as u32)));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_a_bom_and_gb18030_read_alike() {
        let text = "收入决算表\n项目,决算数\n合计,\"1,234.56\"\n";
        let (gb, _, _) = encoding_rs::GB18030.encode(text);
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(decode(&gb).ok().as_deref(), Some(text));
        assert_eq!(decode(&with_bom).ok().as_deref(), Some(text));
        let listing = cells("公开02表", text).ok().unwrap_or_default();
        assert!(listing.contains("公开02表!A1\t收入决算表\n") && listing.contains("公开02表!B3\t1,234.56\n"), "{listing}");
        assert!(decode(b"\xFF\xFEa\x00").is_err());
    }
}
