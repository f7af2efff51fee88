//! 信息公开 metadata: what a government site shows above each published
//! document (发布日期, 发布机构, 信息来源, 索引号, 文号), the unit's 联系方式,
//! the site's footer identifiers (网站标识码, ICP备案号 …) and a year's 附件.
//! The same `[publication]` table is written in a report file, in
//! `unit.toml` and in `site.toml`; a report's own value wins over its unit's,
//! which wins over the site's.

use serde::Deserialize;

use crate::source::Located;

/// `[publication]` — 信息公开 metadata of a report, or the defaults of a
/// unit or of the site. Every key is optional.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publication {
    /// 发布日期 (`2024-09-12` or `2024年9月12日`).
    pub date: Option<Located<String>>,
    /// 发布机构 (defaults to the unit's name).
    pub publisher: Option<String>,
    /// 信息来源.
    pub source: Option<String>,
    /// 索引号.
    pub index_number: Option<String>,
    /// 文号 (e.g. 西财预〔2024〕12号).
    pub document_number: Option<String>,
    /// 附件: names of files in the year folder's `attachments/` that belong
    /// to this report (only in a report file).
    #[serde(default)]
    pub attachments: Vec<Located<String>>,
}

impl Publication {
    /// Each key's value from `self`, else from `fallback`.
    pub fn or(&self, fallback: &Publication) -> Publication {
        Publication {
            date: self.date.clone().or_else(|| fallback.date.clone()),
            publisher: self.publisher.clone().or_else(|| fallback.publisher.clone()),
            source: self.source.clone().or_else(|| fallback.source.clone()),
            index_number: self.index_number.clone().or_else(|| fallback.index_number.clone()),
            document_number: self.document_number.clone().or_else(|| fallback.document_number.clone()),
            attachments: self.attachments.clone(),
        }
    }
}

/// `[contact]` of `unit.toml` — 联系方式, each optional.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// 联系电话.
    pub phone: Option<String>,
    /// 地址.
    pub address: Option<String>,
    /// 邮编.
    pub postcode: Option<String>,
    /// 电子邮箱.
    pub email: Option<String>,
}

/// `[identity]` of `site.toml` — the identifiers a government site shows
/// in its footer, each shown only when set.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Identity {
    /// 网站标识码.
    pub site_code: Option<String>,
    /// ICP备案号.
    pub icp: Option<String>,
    /// 公网安备案号.
    pub police_record: Option<String>,
    /// 党政机关标识: an image in the project's `static/` folder (`static/…`).
    pub emblem: Option<Located<String>>,
    /// 主办单位 (in place of `publisher` in the footer).
    pub sponsor: Option<String>,
    /// 承办单位.
    pub organizer: Option<String>,
}

/// 附件 — a file of a year folder's `attachments/`, published beside the
/// year's pages as it is.
#[derive(Debug, Clone)]
pub struct Attachment {
    /// File name.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// The file types an attachment may have (lower-case extensions).
pub const ATTACHMENT_TYPES: &[&str] = &["pdf", "xlsx", "xls", "docx", "ods"];

/// Is `date` a 发布日期 as written on government sites: `YYYY-MM-DD` or
/// `YYYY年M月D日`, naming a day of the calendar?
pub fn valid_date(date: &str) -> bool {
    let parts: Option<(&str, &str, &str)> = if let Some((y, rest)) = date.split_once('年') {
        rest.strip_suffix('日').and_then(|r| r.split_once('月')).map(|(m, d)| (y, m, d))
    } else {
        let mut it = date.splitn(3, '-');
        match (it.next(), it.next(), it.next()) {
            (Some(y), Some(m), Some(d)) if m.len() == 2 && d.len() == 2 => Some((y, m, d)),
            _ => None,
        }
    };
    let Some((y, m, d)) = parts else { return false };
    let num = |s: &str, len: std::ops::RangeInclusive<usize>| {
        (len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok()).flatten()
    };
    let (Some(y), Some(m), Some(d)) = (num(y, 4..=4), num(m, 1..=2), num(d, 1..=2)) else { return false };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2200).contains(&y) && (1..=days).contains(&d)
}

/// The `[publication]` table of a report file's `text`, cut out: the text
/// with that table's lines blanked (same length, line breaks kept, so
/// positions stay right for the report's own parse), and whether there was
/// one. A table starts at a `[publication]` header line and ends before the
/// next table header.
pub fn cut_publication(text: &str) -> (String, bool) {
    let mut out = String::with_capacity(text.len());
    let (mut inside, mut found) = (false, false);
    for line in text.split_inclusive('\n') {
        let head = line.trim_start();
        if head.starts_with('[') {
            let name = head.trim_start_matches('[').split(']').next().unwrap_or("").trim();
            inside = name == "publication" || name.starts_with("publication.");
            found |= inside;
        }
        if inside {
            // Each character becomes as many spaces as it has bytes.
            for c in line.chars() {
                match c {
                    '\n' | '\r' => out.push(c),
                    _ => out.extend(std::iter::repeat_n(' ', c.len_utf8())),
                }
            }
        } else {
            out.push_str(line);
        }
    }
    (out, found)
}

#[cfg(test)]
mod tests {
    use super::{cut_publication, valid_date};

    #[test]
    fn dates_as_government_sites_write_them() {
        for good in ["2024-09-12", "2024年9月12日", "2024年09月02日", "2024-02-29"] {
            assert!(valid_date(good), "{good}");
        }
        for bad in ["2024-9-12", "2024/09/12", "2023-02-29", "2024年13月1日", "二〇二四年九月", "2024-09-31", "2024年9月", ""] {
            assert!(!valid_date(bad), "{bad}");
        }
    }

    #[test]
    fn the_publication_table_is_cut_out_in_place() {
        let text = "unit = \"万元\"\n[publication]\ndate = \"2024年9月1日\"\n\n[overview]\ntotal = 1\n";
        let (cut, found) = cut_publication(text);
        assert!(found);
        assert_eq!(cut.len(), text.len());
        assert_eq!(cut.lines().count(), text.lines().count());
        assert!(cut.starts_with("unit = \"万元\"\n"));
        assert!(cut.ends_with("[overview]\ntotal = 1\n"));
        assert!(!cut.contains("publication") && !cut.contains("2024"));
        let (same, none) = cut_publication("unit = \"元\"\n[overview]\n");
        assert!(!none);
        assert_eq!(same, "unit = \"元\"\n[overview]\n");
    }
}
