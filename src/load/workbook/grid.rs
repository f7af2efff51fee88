//! A workbook's cell listing read back into sheets of cells: each cell's
//! text and the byte range of that text in the listing (its span), and the
//! sheet's merged ranges.

use std::collections::BTreeMap;
use std::ops::Range;

/// One non-empty cell.
#[derive(Debug, Clone)]
pub struct Cell {
    /// Its text as listed (a number's shortest decimals, a string's text).
    pub text: String,
    /// Where its text is in the listing.
    pub range: Range<usize>,
}

/// A merged range, 0-based and inclusive, with where its line is.
#[derive(Debug, Clone)]
pub struct Merge {
    /// Top-left (row, column).
    pub start: (u32, u32),
    /// Bottom-right (row, column).
    pub end: (u32, u32),
    /// Its line in the listing.
    pub at: usize,
    /// As written (`A1:F1`).
    pub name: String,
}

impl Merge {
    /// Does it cover cell (row, column)?
    pub fn covers(&self, row: u32, col: u32) -> bool {
        (self.start.0..=self.end.0).contains(&row) && (self.start.1..=self.end.1).contains(&col)
    }
}

/// One sheet.
#[derive(Debug, Default)]
pub struct Sheet {
    /// Its name (工作表名).
    pub name: String,
    /// Where its line is in the listing (for problems with the whole sheet).
    pub at: usize,
    /// Non-empty cells by (row, column), 0-based.
    pub cells: BTreeMap<(u32, u32), Cell>,
    /// Merged ranges.
    pub merges: Vec<Merge>,
}

impl Sheet {
    /// The cell at (row, column) itself.
    pub fn own(&self, row: u32, col: u32) -> Option<&Cell> {
        self.cells.get(&(row, col))
    }

    /// The cell whose text shows at (row, column): itself, or the top-left
    /// cell of the merged range over it.
    pub fn shown(&self, row: u32, col: u32) -> Option<&Cell> {
        self.own(row, col).or_else(|| self.merges.iter().find(|m| m.covers(row, col)).and_then(|m| self.own(m.start.0, m.start.1)))
    }

    /// Rows holding any cell, in order.
    pub fn rows(&self) -> Vec<u32> {
        let mut rows: Vec<u32> = self.cells.keys().map(|(r, _)| *r).collect();
        rows.dedup();
        rows
    }

    /// The columns holding any cell, in order.
    pub fn columns(&self) -> Vec<u32> {
        let mut cols: Vec<u32> = self.cells.keys().map(|(_, c)| *c).collect();
        cols.sort_unstable();
        cols.dedup();
        cols
    }

    /// The cells of a row, by column.
    pub fn row(&self, row: u32) -> impl Iterator<Item = (u32, &Cell)> {
        self.cells.range((row, 0)..=(row, u32::MAX)).map(|((_, c), cell)| (*c, cell))
    }
}

/// `D12` → (11, 3).
pub fn parse_ref(s: &str) -> Option<(u32, u32)> {
    let split = s.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = s.split_at(split);
    if letters.is_empty() || !letters.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let col = letters.bytes().fold(0u32, |n, b| n * 26 + u32::from(b - b'A' + 1)) - 1;
    let row: u32 = digits.parse().ok()?;
    Some((row.checked_sub(1)?, col))
}

/// The sheets of a cell listing, in order.
pub fn sheets(text: &str) -> Vec<Sheet> {
    let mut out: Vec<Sheet> = vec![];
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let at = offset;
        offset += line.len();
        let line = line.trim_end_matches('\n');
        let Some((place, value)) = line.split_once('\t') else { continue };
        let Some((sheet, cell)) = place.rsplit_once('!') else { continue };
        if cell.is_empty() {
            out.push(Sheet { name: sheet.to_string(), at, ..Sheet::default() });
            continue;
        }
        let Some(current) = out.last_mut() else { continue };
        let start = at + place.len() + 1;
        if let Some((a, b)) = cell.split_once(':') {
            if let (Some(start), Some(end)) = (parse_ref(a), parse_ref(b)) {
                current.merges.push(Merge { start, end, at, name: cell.to_string() });
            }
        } else if let Some(pos) = parse_ref(cell) {
            current.cells.insert(pos, Cell { text: value.to_string(), range: start..start + value.len() });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listing_reads_back_into_cells_and_merges() {
        let text = "公开05表!\t工作表\n公开05表!A1:C1\t合并\n公开05表!A1\t标题\n公开05表!D12\t1234.56\n";
        let s = &sheets(text)[0];
        assert_eq!(s.name, "公开05表");
        assert_eq!(s.own(11, 3).map(|c| c.text.as_str()), Some("1234.56"));
        let c = s.own(11, 3).unwrap();
        assert_eq!(&text[c.range.clone()], "1234.56");
        assert_eq!(s.shown(0, 2).map(|c| c.text.as_str()), Some("标题"));
        assert_eq!(parse_ref("AB3"), Some((2, 27)));
    }
}
