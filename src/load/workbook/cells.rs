//! What one cell of a 部门决算公开表 sheet says: headings and numbers
//! compared without full-width digits or spaces, a figure cell's value
//! (`1,234.56`, `１２３４．５６`, `-` for 未填报), a 科目编码 from one column
//! or 类/款/项, a name's level from its indentation, a column's decimals,
//! and the note under a table.

use crate::number::parse_literal;
use crate::reports::final_accounts::tables::model::{Row, code_level};

/// Full-width digits and signs as ASCII, without any whitespace (for
/// comparing headings and reading numbers).
pub fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '，' => ',',
            '－' => '-',
            '＋' => '+',
            '"' => '”',
            _ => c,
        })
        .collect()
}

/// The note under a table from its lines, without `注：`.
pub fn note_text(lines: &[String]) -> Option<String> {
    (!lines.is_empty()).then(|| {
        let joined = lines.join("");
        joined.trim_start_matches("注：").trim_start_matches("注:").trim().to_string()
    })
}

/// Is this the start of a note under the table (`注：…`, `备注：…`)?
pub fn is_note(text: &str) -> bool {
    let t = normalise(text);
    t.starts_with("注：") || t.starts_with("注:") || t.starts_with("备注")
}

/// A 科目编码 from one code column or the 类/款/项 pieces (`201` `01` `01`
/// → `2010101`; full codes in each column are taken as they are).
pub fn code_from(pieces: &[String]) -> Option<String> {
    let pieces: Vec<&String> = pieces.iter().filter(|p| !p.is_empty()).collect();
    let last = pieces.last()?;
    if code_level(last).is_some() {
        return Some(last.to_string());
    }
    let joined: String = pieces.iter().map(|p| p.as_str()).collect();
    code_level(&joined).map(|_| joined)
}

/// The level of a row without a code, from the indentation of its name:
/// each leading full-width space (or two spaces) is one level down (1–3).
pub fn indent_level(name: &str) -> u8 {
    let full = name.chars().take_while(|&c| c == '\u{3000}').count();
    let spaces = name.chars().take_while(|&c| c == ' ').count();
    (1 + full + spaces / 2).min(3) as u8
}

/// Widen each figure's decimals to the most decimals written in its column
/// (calamine does not give a cell's display format, and a number cell
/// formatted `0.00` holding 17.7 shows 17.70: its column says how it is
/// meant). Never narrows.
pub fn column_decimals(rows: &mut [Row]) {
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    for i in 0..width {
        let most = rows.iter().filter_map(|r| r.cells.get(i)?.as_ref()?.value).map(|v| v.scale()).max().unwrap_or(0);
        for f in rows.iter_mut().filter_map(|r| r.cells.get_mut(i)?.as_mut()) {
            if let Some(v) = f.value.as_mut().filter(|v| v.scale() < most) {
                v.rescale(most);
                f.text = v.to_string();
            }
        }
    }
}

/// Widen a figure to `scale` decimals (`17.7` → `17.70` for 2), its text
/// too; a figure with as many decimals or more is left as written.
pub fn widen_to(f: &mut crate::number::Figure, scale: u32) {
    if let Some(v) = f.value.as_mut().filter(|v| v.scale() < scale) {
        v.rescale(scale);
        f.text = v.to_string();
    }
}

/// A figure cell's value: `None` for 未填报 (blank, `-`, `—`).
pub fn figure(text: &str) -> Result<Option<rust_decimal::Decimal>, String> {
    let t = normalise(text).replace(',', "");
    if t.is_empty() || t.chars().all(|c| c == '-' || c == '—') {
        return Ok(None);
    }
    parse_literal(&t).map_err(|_| format!("数字格里是“{}”，不是数字（应为如 1234.56 的数字；未填报留空或写 -）", text.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_as_the_workbook_rules_say() {
        use rust_decimal::Decimal;
        use std::str::FromStr;
        assert_eq!(figure("1,234.56"), Ok(Some(Decimal::from_str("1234.56").unwrap())));
        assert_eq!(figure("１２３４．５６"), Ok(Some(Decimal::from_str("1234.56").unwrap())));
        assert_eq!(figure(" 12 "), Ok(Some(Decimal::from(12))));
        assert_eq!(figure("-"), Ok(None));
        assert_eq!(figure("—"), Ok(None));
        assert_eq!(figure(""), Ok(None));
        assert_eq!(figure("-3.50"), Ok(Some(Decimal::from_str("-3.50").unwrap())));
        assert!(figure("约12万").is_err());
        assert_eq!(code_from(&["201".into(), "01".into(), "01".into()]), Some("2010101".into()));
        assert_eq!(code_from(&["201".into(), "".into(), "".into()]), Some("201".into()));
        assert_eq!(code_from(&["2010101".into()]), Some("2010101".into()));
        assert_eq!(code_from(&["合计".into()]), None);
        assert_eq!((indent_level("总计"), indent_level("\u{3000}一、一般公共预算"), indent_level("    其中")), (1, 2, 3));
    }
}
