//! Offline search. The index is a plain script (`search-index.js`) that a
//! `<script>` tag loads — fetching JSON is blocked on `file://`, a script is
//! not. Each page gives its title, every heading and glossary term with an
//! id (read from the rendered page), and every table with its caption, row
//! headers and the numbers in it (without thousands separators, so typing
//! 418508 finds 418,508.42) — taken from the table's typed rows
//! ([`table_terms`]), the same rows its HTML and CSV are written from. Matching is by substring, which is what Chinese
//! needs (救助 finds 困难群众救助服务所项目). Without JavaScript the search page
//! points to the 项目索引 page, which lists every project.

use super::Page;

/// One search entry: what to show, extra text to match, where to go.
struct SearchEntry {
    title: String,
    context: String,
    terms: String,
    href: String,
}

/// The text of some HTML: tags removed, every character reference
/// (`&amp;`, `&#34;`, `&#x27;`) decoded, white space collapsed. The index
/// holds plain text; search.js inserts it as text.
fn inner_text(s: &str) -> String {
    let mut out = String::new();
    let mut tag = false;
    for c in s.chars() {
        match c {
            '<' => tag = true,
            '>' => tag = false,
            _ if !tag => out.push(c),
            _ => {}
        }
    }
    html_escape::decode_html_entities(&out).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Elements `<tag id="X" …>text</tag>` of a page: (id, text).
fn with_ids<'a>(html: &'a str, tag: &str) -> Vec<(&'a str, String)> {
    let open = format!("<{tag} id=\"");
    let close = format!("</{tag}>");
    html.match_indices(&open)
        .filter_map(|(at, m)| {
            let rest = &html[at + m.len()..];
            let id = &rest[..rest.find('"')?];
            let body_start = rest.find('>')? + 1;
            let body = &rest[body_start..body_start + rest[body_start..].find(&close)?];
            Some((id, inner_text(body)))
        })
        .collect()
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
/// projects, offices, categories (searchable words); the numbers are those
/// of the caption, column headers, cells and 核验提示, each on its own.
pub fn table_terms(t: &super::view::Table) -> TableTerms {
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let heads: Vec<String> = t.rows.iter().map(|r| one_line(&r.head.text)).collect();
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

fn page_entries(p: &Page, site_title: &str) -> Vec<SearchEntry> {
    let html = &p.html;
    let title = html.split("<title>").nth(1).and_then(|t| t.split("</title>").next()).map(inner_text).unwrap_or_default();
    let title = title.trim_end_matches(&format!(" — {site_title}")).to_string();
    let mut out = vec![SearchEntry { title: title.clone(), context: String::new(), terms: String::new(), href: p.path.clone() }];
    for tag in ["h2", "h3", "h4"] {
        for (id, text) in with_ids(html, tag) {
            let id = id.trim_end_matches("-h");
            if id == "summary" || id == "toc" || text.is_empty() {
                continue;
            }
            out.push(SearchEntry { title: text, context: title.clone(), terms: String::new(), href: format!("{}#{id}", p.path) });
        }
    }
    for (id, text) in with_ids(html, "dt") {
        out.push(SearchEntry { title: text, context: title.clone(), terms: String::new(), href: format!("{}#{id}", p.path) });
    }
    for t in &p.tables {
        out.push(SearchEntry { title: t.caption.clone(), context: title.clone(), terms: t.terms.clone(), href: format!("{}#{}", p.path, t.id) });
    }
    out
}

fn js_string(s: &str) -> String {
    super::format::script_safe(serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into()))
}

/// The lines of `search-index.js` for one rendered page.
pub fn page_lines(p: &Page, site_title: &str) -> String {
    let mut out = String::new();
    for e in page_entries(p, site_title) {
        out.push_str(&format!("[{},{},{},{}],\n", js_string(&e.title), js_string(&e.context), js_string(&e.terms), js_string(&e.href)));
    }
    out
}

/// `search-index.js` from the pages' lines, in site order.
pub fn index_js<'a>(lines: impl Iterator<Item = &'a str>) -> String {
    let mut js = String::from("// gongkai search index: [title, context, searchable terms, href]\nwindow.GONGKAI_INDEX = [\n");
    js.extend(lines);
    js.push_str("];\n");
    js
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

    #[test]
    fn entries_from_a_page() {
        use crate::render::view::{Cell, Row, Table};
        let html = "<title>成本 — 站</title><h2 id=\"s1-h\">一、基本情况</h2>";
        let table = Table {
            id: "budget-2023".into(),
            caption: "表3 预算".into(),
            cols: vec!["项目".into(), "金额".into(), "占比".into()],
            rows: vec![Row { head: "困难群众救助".into(), cells: vec![Cell::number("418,508.42"), Cell::number("31.41%")], total: false }],
        };
        let p = Page { path: "u/index.html".into(), html: html.into(), bytes: None, tables: vec![table_terms(&table)] };
        let e = page_entries(&p, "站");
        assert_eq!(e[0].title, "成本");
        assert_eq!((e[1].title.as_str(), e[1].href.as_str()), ("一、基本情况", "u/index.html#s1"));
        assert_eq!((e[2].title.as_str(), e[2].href.as_str()), ("表3 预算", "u/index.html#budget-2023"));
        // Each number on its own, not glued to the next cell's.
        assert_eq!(e[2].terms, "困难群众救助 31.41 418508.42");
    }

    #[test]
    fn entries_hold_plain_text_and_the_script_no_markup() {
        // askama writes `"` as `&#34;`, esc as `&quot;`, pulldown-cmark `&amp;`.
        let html = "<title>“a&#34;b&#39;c&amp;d&lt;img&gt;” — 站</title><h2 id=\"x-h\">e&quot;f&#x27;g</h2>";
        let p = Page { path: "p.html".into(), html: html.into(), bytes: None, tables: vec![] };
        let e = page_entries(&p, "站");
        assert_eq!(e[0].title, "“a\"b'c&d<img>”");
        assert_eq!(e[1].title, "e\"f'g");
        let js = page_lines(&p, "站");
        assert!(!js.contains('<') && !js.contains('&') && js.contains("\\u003cimg\\u003e"), "{js}");
    }
}
