//! Offline search. The index is a plain script (`search-index.js`) that a
//! `<script>` tag loads — fetching JSON is blocked on `file://`, a script is
//! not. Entries are read from the rendered pages themselves: each page's
//! title, every heading and glossary term with an id, and every table with
//! its caption and the numbers in it (without thousands separators, so typing
//! 418508 finds 418,508.42). Matching is by substring, which is what Chinese
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

/// Numbers written in a table, without separators (`418,508.42` → `418508.42`).
fn numbers(table_html: &str) -> String {
    let text = inner_text(table_html);
    let mut out: Vec<String> = text
        .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
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
    for (at, _) in html.match_indices("<table id=\"") {
        let rest = &html[at + 11..];
        let Some(id) = rest.split('"').next() else { continue };
        let end = rest.find("</table>").unwrap_or(rest.len());
        let body = &rest[..end];
        let caption =
            body.split("<caption").nth(1).and_then(|c| c.split_once('>')).and_then(|(_, c)| c.split("</caption>").next()).map(inner_text).unwrap_or_default();
        // Row headers name projects, offices, categories: searchable words.
        let heads: Vec<String> = body.split("<th scope=\"row\">").skip(1).filter_map(|h| h.split("</th>").next()).map(inner_text).collect();
        out.push(SearchEntry {
            title: caption,
            context: title.clone(),
            terms: format!("{} {}", heads.join(" "), numbers(body)),
            href: format!("{}#{id}", p.path),
        });
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

/// Rows of the 项目索引: every project page of the site (绩效跟踪 projects,
/// 自评表, 成本绩效分析), sorted by name, with unit, year and kind.
pub fn project_rows(site: &crate::model::Site) -> Vec<super::view::Row> {
    use super::format::esc;
    use super::route::Route;
    use super::view::{Cell, Row};
    use crate::reports::ReportKind;
    let here = Route::site("projects");
    let mut items: Vec<(String, String, String, u16, &str, String)> = vec![];
    for u in &site.units {
        for y in &u.years {
            let report = |folder: &str, below: &str| here.href_to(&Route::report(&u.slug, y.year, folder).below(below));
            if let Some(t) = &y.reports.tracking {
                for (i, p) in t.projects.iter().enumerate() {
                    let office = p.office.as_ref().map(|o| o.value.clone()).unwrap_or_default();
                    items.push((
                        p.name.value.clone(),
                        report(ReportKind::Tracking.spec().url, &crate::reports::tracking::pages::project_href(i)),
                        u.profile.short_name.clone(),
                        y.year,
                        ReportKind::Tracking.spec().title,
                        office,
                    ));
                }
            }
            if y.reports.evaluation.is_some() {
                for f in &y.reports.forms {
                    items.push((
                        f.form.name.clone(),
                        report(ReportKind::Form.spec().url, &crate::reports::form::pages::form_href(&f.slug)),
                        u.profile.short_name.clone(),
                        y.year,
                        ReportKind::Form.spec().title,
                        String::new(),
                    ));
                }
            }
            for c in &y.reports.costs {
                items.push((
                    c.analysis.project.clone(),
                    report(ReportKind::Cost.spec().url, &format!("{}/index.html", c.slug)),
                    u.profile.short_name.clone(),
                    y.year,
                    ReportKind::Cost.spec().title,
                    String::new(),
                ));
            }
        }
    }
    items.sort_by(|a, b| a.0.cmp(&b.0).then(a.3.cmp(&b.3)).then(a.2.cmp(&b.2)));
    items
        .into_iter()
        .map(|(name, href, unit, year, kind, office)| Row {
            head: format!("<a href=\"{}\">{}</a>", esc(&href), esc(&name)),
            cells: vec![Cell::text(&unit), Cell::num(year.to_string()), Cell::text(kind), Cell::text(&office)],
            total: false,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_from_a_page() {
        let html = "<title>成本 — 站</title><h2 id=\"s1-h\">一、基本情况</h2><table id=\"budget-2023\"><caption id=\"budget-2023-cap\">表3 预算</caption><tr><th scope=\"row\">困难群众救助</th><td>418,508.42</td></tr></table>";
        let p = Page { path: "u/index.html".into(), html: html.into(), bytes: None };
        let e = page_entries(&p, "站");
        assert_eq!(e[0].title, "成本");
        assert_eq!((e[1].title.as_str(), e[1].href.as_str()), ("一、基本情况", "u/index.html#s1"));
        assert_eq!(e[2].title, "表3 预算");
        assert!(e[2].terms.contains("困难群众救助") && e[2].terms.contains("418508.42"));
    }

    #[test]
    fn entries_hold_plain_text_and_the_script_no_markup() {
        // askama writes `"` as `&#34;`, esc as `&quot;`, pulldown-cmark `&amp;`.
        let html = "<title>“a&#34;b&#39;c&amp;d&lt;img&gt;” — 站</title><h2 id=\"x-h\">e&quot;f&#x27;g</h2>";
        let p = Page { path: "p.html".into(), html: html.into(), bytes: None };
        let e = page_entries(&p, "站");
        assert_eq!(e[0].title, "“a\"b'c&d<img>”");
        assert_eq!(e[1].title, "e\"f'g");
        let js = page_lines(&p, "站");
        assert!(!js.contains('<') && !js.contains('&') && js.contains("\\u003cimg\\u003e"), "{js}");
    }
}
