//! The government site's conventions on a page: the 信息公开 block above a
//! report's title (发布日期, 发布机构, 信息来源, 索引号, 文号, 联系方式), the
//! unit's 联系方式, the 附件 list (each year's `attachments/` and the
//! workbooks read as data, copied into the site) and the footer's
//! identifiers (网站标识码, ICP备案号, 公网安备案号, 党政机关标识, 主办/承办单位).

use super::Page;
use super::route::Route;
use crate::model::publication::{Contact, Identity};
use crate::model::{Site, Unit, Year};
use crate::source::FileId;

/// One row of a metadata list: its label and its value as HTML (escaped).
#[derive(Debug, Clone)]
pub struct Pair {
    /// 标签 (发布日期 …).
    pub label: &'static str,
    /// The value, as HTML.
    pub html: String,
}

/// An attachment as a page lists it (附件).
#[derive(Debug, Clone)]
pub struct AttachmentLink {
    /// File name.
    pub name: String,
    /// Link from the page.
    pub href: String,
    /// 文件类型 in plain words (PDF 文件, Excel 工作簿 …).
    pub kind: &'static str,
    /// 大小 (12 KB, 1.3 MB).
    pub size: String,
}

fn escape(text: &str) -> String {
    html_escape::encode_text(text).into_owned()
}

fn pair(label: &'static str, value: Option<&String>) -> Option<Pair> {
    value.filter(|v| !v.trim().is_empty()).map(|v| Pair { label, html: escape(v) })
}

/// 联系方式 as pairs: 联系电话 as a `tel:` link, 电子邮箱 as a `mailto:` link.
pub fn contact_pairs(contact: &Contact) -> Vec<Pair> {
    let mut out = vec![];
    if let Some(phone) = contact.phone.as_ref().filter(|p| !p.trim().is_empty()) {
        let dial: String = phone.chars().filter(|c| c.is_ascii_digit() || *c == '+' || *c == '-').collect();
        out.push(Pair { label: "联系电话", html: format!("<a href=\"tel:{}\">{}</a>", escape(&dial), escape(phone)) });
    }
    out.extend(pair("地址", contact.address.as_ref()));
    out.extend(pair("邮编", contact.postcode.as_ref()));
    if let Some(email) = contact.email.as_ref().filter(|e| !e.trim().is_empty()) {
        out.push(Pair { label: "电子邮箱", html: format!("<a href=\"mailto:{0}\">{0}</a>", escape(email.trim())) });
    }
    out
}

/// The 信息公开 block of the report page showing `file` (none: a report read
/// from a workbook alone): the report's `[publication]`, else its unit's,
/// else the site's; 发布机构 defaults to the unit's name; then the unit's
/// 联系方式. Only keys with a value.
pub fn report_meta(site: &Site, unit: &Unit, year: &Year, file: Option<FileId>) -> Vec<Pair> {
    let own = file.and_then(|f| year.publications.get(&f)).cloned().unwrap_or_default();
    let p = own.or(&unit.profile.publication).or(&site.config.publication);
    let publisher = p.publisher.clone().unwrap_or_else(|| unit.profile.name.clone());
    let mut out: Vec<Pair> = [
        pair("索引号", p.index_number.as_ref()),
        pair("发布机构", Some(&publisher)),
        pair("文号", p.document_number.as_ref()),
        pair("发布日期", p.date.as_ref().map(|d| &d.value)),
        pair("信息来源", p.source.as_ref()),
    ]
    .into_iter()
    .flatten()
    .collect();
    out.extend(contact_pairs(&unit.profile.contact));
    out
}

/// The file type of an attachment named `name`, in plain words.
pub fn kind_of(name: &str) -> &'static str {
    match name.rsplit('.').next().map(str::to_ascii_lowercase).as_deref() {
        Some("pdf") => "PDF 文件",
        Some("xlsx" | "xls") => "Excel 工作簿",
        Some("ods") => "ODS 表格",
        Some("docx") => "Word 文档",
        Some("csv") => "CSV 表格",
        _ => "文件",
    }
}

/// A size in KB (below 1 MB, rounded up) or MB (one decimal).
pub fn size_text(bytes: usize) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", bytes.div_ceil(1024).max(1))
    } else {
        let tenths = (bytes as u64 * 10 + 512 * 1024) / (1024 * 1024);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

/// Where the year's attachment `name` is published.
pub fn attachment_route(unit: &str, year: u16, name: &str) -> Route {
    Route::year_file(unit, year, &format!("attachments/{name}"))
}

/// A file name as a link target: the characters a URL would read otherwise
/// (`%`, `#`, `?`, space) written as `%XX`.
fn href_name(href: &str) -> String {
    href.chars()
        .map(|c| match c {
            '%' | '#' | '?' | ' ' => format!("%{:02X}", c as u32),
            c => c.to_string(),
        })
        .collect()
}

/// The year's 附件 as the page at `here` lists them: the files of its
/// `attachments/` named `names` (every one when `names` is `None`), then the
/// workbooks `books` its figures were read from.
pub fn attachment_links(site: &Site, unit: &Unit, year: &Year, here: &Route, names: Option<&[String]>, books: &[FileId]) -> Vec<AttachmentLink> {
    let link = |name: &str, size: usize| AttachmentLink {
        name: name.to_string(),
        href: href_name(&here.href_to(&attachment_route(&unit.slug, year.year, name))),
        kind: kind_of(name),
        size: size_text(size),
    };
    let own = year.attachments.iter().filter(|a| names.is_none_or(|n| n.contains(&a.name))).map(|a| link(&a.name, a.bytes.len()));
    let books = books.iter().filter_map(|&b| book(site, b)).map(|(name, bytes)| link(&name, bytes.len()));
    own.chain(books).collect()
}

/// A workbook read as data: its file name and bytes (read again from the
/// content folder; `None` when it cannot be read or shares a name with an
/// attachment).
fn book(site: &Site, file: FileId) -> Option<(String, Vec<u8>)> {
    let f = site.sources.file(file);
    let name = f.display.rsplit('/').next()?.to_string();
    let bytes = std::fs::read(site.sources.root().join(&f.display)).ok()?;
    Some((name, bytes))
}

/// The files of a year's 附件 for the output: its attachments and the
/// workbooks `books` read as data, each at its [`attachment_route`].
pub fn attachment_files(site: &Site, unit: &Unit, year: &Year, books: &[FileId]) -> Vec<Page> {
    let mut out: Vec<Page> = year.attachments.iter().map(|a| Page::file(attachment_route(&unit.slug, year.year, &a.name).path(), a.bytes.clone())).collect();
    for (name, bytes) in books.iter().filter_map(|&b| book(site, b)) {
        if !year.attachments.iter().any(|a| a.name == name) {
            out.push(Page::file(attachment_route(&unit.slug, year.year, &name).path(), bytes));
        }
    }
    out
}

/// The footer's identifiers that are set, as pairs.
pub fn identity_pairs(identity: &Identity) -> Vec<Pair> {
    [
        pair("承办单位", identity.organizer.as_ref()),
        pair("网站标识码", identity.site_code.as_ref()),
        pair("ICP备案号", identity.icp.as_ref()),
        pair("公网安备案号", identity.police_record.as_ref()),
    ]
    .into_iter()
    .flatten()
    .collect()
}

#[cfg(test)]
mod tests {
    use super::{href_name, kind_of, size_text};

    #[test]
    fn sizes_types_and_names() {
        assert_eq!(size_text(10), "1 KB");
        assert_eq!(size_text(2048), "2 KB");
        assert_eq!(size_text(1_363_149), "1.3 MB");
        assert_eq!(kind_of("决算.PDF"), "PDF 文件");
        assert_eq!(kind_of("a.xls"), "Excel 工作簿");
        assert_eq!(href_name("attachments/a b#1.pdf"), "attachments/a%20b%231.pdf");
    }
}
