//! Offline full-text search. The index is plain scripts that `<script>`
//! tags load — fetching JSON is blocked on `file://`, a script is not —
//! split into shards loaded on demand ([`shard`]), so that a large site
//! never loads one huge file. Each page gives its title, every heading and
//! glossary term with an id (carried beside its HTML by the code that wrote
//! them: [`Page`]), the prose under each (narratives, paragraphs, glossary
//! definitions, as plain text: [`html_text`]), and every table with its
//! caption, row headers, text cells and the numbers in it (without
//! thousands separators, so typing 418508 finds 418,508.42) — taken from
//! the table's typed rows ([`table_terms`]), the same rows its HTML and CSV
//! are written from. Matching is by substring, which is what Chinese needs
//! (救助 finds 困难群众救助服务所项目); each result shows a snippet of the
//! text around the match. Without JavaScript the search page says so and
//! points to the home page and the 项目索引 page, which list every report
//! and project.

mod shard;
mod text;

pub use shard::index_files;
pub use text::html_text;

use super::Page;

/// One search entry: what to show, extra text to match, where to go.
struct SearchEntry {
    title: String,
    context: String,
    terms: String,
    href: String,
}

/// What the search index takes from one table: its id, caption and
/// searchable terms (row headers, then the numbers written in it).
pub struct TableTerms {
    /// The table's id (the entry's fragment).
    pub id: String,
    /// 表题 — its caption.
    pub caption: String,
    /// Its row headers and numbers, space-separated.
    pub terms: String,
}

/// The search terms of a table, from its typed rows: row headers name
/// projects, offices, categories (searchable words), then its text cells
/// (说明, 职责 …); the numbers are those of the caption, column headers,
/// cells and 核验提示, each on its own.
pub fn table_terms(t: &super::view::Table) -> TableTerms {
    let mut texts: Vec<String> = t.rows.iter().flat_map(|r| r.cells.iter().filter(|c| !c.num).map(|c| one_line(&c.text))).collect();
    texts.retain(|t| t.chars().any(char::is_alphanumeric));
    texts.sort();
    texts.dedup();
    let mut heads: Vec<String> = t.rows.iter().map(|r| one_line(&r.head.text)).collect();
    heads.extend(texts);
    let cells = t.rows.iter().flat_map(|r| std::iter::once(&r.head).chain(&r.cells));
    let texts = [&t.caption].into_iter().chain(&t.cols).chain(cells.flat_map(|c| std::iter::once(&c.text).chain(&c.notes)));
    TableTerms { id: t.id.clone(), caption: one_line(&t.caption), terms: format!("{} {}", heads.join(" "), numbers(texts)) }
}

/// Numbers written in some texts, without separators (`418,508.42` → `418508.42`), sorted, once each.
fn numbers<'a>(texts: impl Iterator<Item = &'a String>) -> String {
    let mut out: Vec<String> = texts
        .flat_map(|text| text.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')))
        .map(|t| t.trim_matches(|c| c == '.' || c == ',').replace(',', ""))
        .filter(|t| t.len() >= 2 && t.chars().any(|c| c.is_ascii_digit()))
        .collect();
    out.sort();
    out.dedup();
    out.join(" ")
}

/// One line: white space runs collapsed to a space, ends trimmed.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A page's entries: its title, then its headings (`<h2>`s, then `<h3>`s,
/// then `<h4>`s, each in page order), its glossary terms and its tables —
/// all as the page's code gave them ([`Page`]), none read from its HTML.
/// The prose under a heading or term is its entry's text; prose under
/// no heading is the title entry's.
fn page_entries(p: &Page) -> Vec<SearchEntry> {
    let title = one_line(&p.title);
    let prose = |id: &str| p.prose.iter().filter(|(at, _)| at == id).map(|(_, t)| t.as_str()).collect::<Vec<_>>().join(" ");
    let entry = |text: &str, id: &str| SearchEntry { title: one_line(text), context: title.clone(), terms: prose(id), href: format!("{}#{id}", p.path) };
    let mut headings: Vec<_> = p.headings.iter().filter(|h| !h.text.trim().is_empty()).collect();
    headings.sort_by_key(|h| h.level);
    let mut out = vec![SearchEntry { title: title.clone(), context: String::new(), terms: prose(""), href: p.path.clone() }];
    out.extend(headings.iter().map(|h| entry(&h.text, &h.id)));
    out.extend(p.terms.iter().map(|t| entry(&t.text, &t.id)));
    out.extend(p.tables.iter().map(|t| SearchEntry { terms: t.terms.clone(), ..entry(&t.caption, &t.id) }));
    out
}

fn js_string(s: &str) -> String {
    super::format::script_safe(serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into()))
}

/// At most about this many bytes of text in one index entry: a longer
/// text (a 项目索引 of thousands of projects) is cut at spaces into several
/// entries with the same title and link, so no entry, and no shard, grows
/// with the size of the site.
const ENTRY_TEXT_BYTES: usize = 16 * 1024;

/// A text cut at spaces into pieces of about [`ENTRY_TEXT_BYTES`] (one piece, maybe empty, when short).
fn pieces(text: &str) -> Vec<&str> {
    let mut out = vec![];
    let mut rest = text;
    while rest.len() > ENTRY_TEXT_BYTES {
        let mut end = ENTRY_TEXT_BYTES;
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        let cut = rest[..end].rfind(' ').filter(|&at| at > 0).unwrap_or_else(|| rest.find(' ').unwrap_or(rest.len()));
        out.push(&rest[..cut]);
        rest = rest[cut..].trim_start();
    }
    out.push(rest);
    out
}

/// The lines of the search index for one rendered page.
pub fn page_lines(p: &Page) -> String {
    let mut out = String::new();
    for e in page_entries(p) {
        for text in pieces(&e.terms) {
            out.push_str(&format!("[{},{},{},{}],\n", js_string(&e.title), js_string(&e.context), js_string(text), js_string(&e.href)));
        }
    }
    out
}

/// Rows of the 项目索引: every project page of the site, kind by kind from
/// the registry ([`ReportKind::projects`](crate::reports::ReportKind::projects)),
/// sorted by name, with unit, year and kind.
pub fn project_rows(site: &crate::model::Site) -> Vec<super::view::Row> {
    use super::route::Route;
    use super::view::{Cell, Row};
    use crate::reports::ReportKind;
    let here = Route::site("projects");
    let mut items: Vec<(String, String, &str, u16, &str, String)> = vec![];
    for u in &site.units {
        for y in &u.years {
            for kind in ReportKind::ALL {
                let spec = kind.spec();
                for p in kind.projects(y) {
                    let href = here.href_to(&Route::report(&u.slug, y.year, spec.url).below(&p.below));
                    items.push((p.name, href, &u.profile.short_name, y.year, spec.title, p.office));
                }
            }
        }
    }
    items.sort_by(|a, b| a.0.cmp(&b.0).then(a.3.cmp(&b.3)).then(a.2.cmp(b.2)));
    items
        .into_iter()
        .map(|(name, href, unit, year, kind, office)| Row {
            head: Cell::link(&href, &name),
            cells: vec![Cell::text(unit), Cell::number(year.to_string()), Cell::text(kind), Cell::text(&office)],
            total: false,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::view::{Heading, Term};

    #[test]
    fn entries_from_a_page() {
        use crate::render::view::{Cell, Row, Table};
        let table = Table {
            id: "budget-2023".into(),
            caption: "表3 预算".into(),
            cols: vec!["项目".into(), "金额".into(), "占比".into()],
            rows: vec![Row { head: "困难群众救助".into(), cells: vec![Cell::number("418,508.42"), Cell::number("31.41%")], total: false }],
        };
        let mut p = Page::html("u/index.html".into(), String::new(), "成本".into());
        p.headings = vec![
            Heading { level: 3, id: "s1-1".into(), text: "（一）概况".into() },
            Heading { level: 2, id: "s1".into(), text: "一、基本情况".into() },
            Heading { level: 2, id: "s2".into(), text: " ".into() },
        ];
        p.terms = vec![Term { id: "term-公用经费".into(), text: "公用经费".into() }];
        p.tables = vec![table_terms(&table)];
        let e: Vec<_> = page_entries(&p).into_iter().map(|e| (e.title, e.href)).collect();
        let want = [
            ("成本", "u/index.html"),
            ("一、基本情况", "u/index.html#s1"),
            ("（一）概况", "u/index.html#s1-1"),
            ("公用经费", "u/index.html#term-公用经费"),
            ("表3 预算", "u/index.html#budget-2023"),
        ];
        assert_eq!(e, want.map(|(t, h)| (t.to_string(), h.to_string())));
        // Each number on its own, not glued to the next cell's.
        assert_eq!(page_entries(&p)[4].terms, "困难群众救助 31.41 418508.42");
    }

    #[test]
    fn a_long_text_is_cut_into_entries_at_spaces() {
        let mut p = Page::html("p.html".into(), String::new(), "项目索引".into());
        // Words of many lengths, so that the limit falls inside a character too.
        let words: Vec<String> = (0..3000).map(|i| format!("{}{i}", "救助".repeat(i % 7 + 1))).collect();
        p.prose = vec![(String::new(), words.join(" "))];
        let lines: Vec<[String; 4]> = page_lines(&p).lines().map(|l| serde_json::from_str(l.trim_end_matches(',')).unwrap()).collect();
        assert!(lines.len() > 4 && lines.iter().all(|[t, _, text, href]| t == "项目索引" && href == "p.html" && text.len() <= ENTRY_TEXT_BYTES));
        let again: Vec<&str> = lines.iter().flat_map(|[_, _, text, _]| text.split(' ')).collect();
        assert_eq!(again, words, "every word once, none cut");
    }

    #[test]
    fn the_script_holds_no_markup() {
        let mut p = Page::html("p.html".into(), String::new(), "“a\"b'c&d<img>”".into());
        p.headings = vec![Heading { level: 2, id: "x".into(), text: "e\"f'g".into() }];
        let js = page_lines(&p);
        assert!(!js.contains('<') && !js.contains('&') && js.contains("\\u003cimg\\u003e"), "{js}");
        assert!(js.contains("e\\\"f'g"), "{js}");
    }
}
