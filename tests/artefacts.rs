//! Every derived artefact of the demo agrees with the page it belongs to.
//! gongkai writes the CSV downloads from the same typed cells as the HTML
//! tables and `data.json` from the documents the loader parsed; these tests
//! read the written site back the other way — the HTML with a small scanner
//! of their own, the TOML with the `toml` parser — and compare, so a table
//! and its CSV, a search entry and its page, or `data.json` and its data
//! file cannot drift apart unnoticed.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// Text of generated HTML as a spreadsheet wants it: tags dropped, the
/// screen-reader-only words and the `*` marker (`<sup>`) left out, white
/// space collapsed; the 核验提示 (`verify-note`) collected apart, without
/// their “（核验详情）” link.
fn plain(html: &str) -> (String, Vec<String>) {
    let (mut text, mut notes, mut note) = (String::new(), vec![], String::new());
    // Open elements: (hide its text, collect it as a note).
    let mut stack: Vec<(bool, bool)> = vec![];
    let mut rest = html;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('<') {
            let end = after.find('>').map_or(after.len(), |e| e + 1);
            let tag = &after[..end.saturating_sub(1)];
            rest = &after[end.min(after.len())..];
            if tag.starts_with('/') {
                if let Some((_, true)) = stack.pop() {
                    notes.push(std::mem::take(&mut note).replace("（核验详情）", "").trim().to_string());
                }
            } else if tag.starts_with("br") {
                text.push(' ');
            } else if !matches!(tag.split_whitespace().next(), Some("img" | "input" | "hr")) {
                let class = tag.split("class=").nth(1).unwrap_or("");
                stack.push((tag.starts_with("sup") || class.contains("sr-only"), class.contains("verify-note")));
            }
            continue;
        }
        let end = rest.find('<').unwrap_or(rest.len());
        let chunk = html_escape::decode_html_entities(&rest[..end]);
        rest = &rest[end..];
        if stack.iter().any(|(hidden, _)| *hidden) {
            continue;
        }
        if stack.iter().any(|(_, collect)| *collect) { note.push_str(&chunk) } else { text.push_str(&chunk) }
    }
    (text.split_whitespace().collect::<Vec<_>>().join(" "), notes.into_iter().filter(|n| !n.is_empty()).collect())
}

/// The HTML of table `id` in a page (from `<table id=…>` to `</table>`).
fn table_html<'a>(page: &'a str, id: &str) -> &'a str {
    let start = page.find(&format!("<table id={id}>")).or_else(|| page.find(&format!("<table id=\"{id}\">"))).unwrap_or_else(|| panic!("no table {id}"));
    let end = start + page[start..].find("</table>").expect("table closed");
    &page[start..end]
}

/// The cells of each element `<tag …>…</tag>` (`th`/`td`) of a row, in order: (is a number, inner HTML).
fn cells(row: &str) -> Vec<(bool, String)> {
    let mut out = vec![];
    let mut rest = row;
    while let Some(at) = [rest.find("<td"), rest.find("<th")].into_iter().flatten().min() {
        let tag = &rest[at + 1..at + 3];
        let open_end = at + rest[at..].find('>').unwrap() + 1;
        let attrs = &rest[at..open_end];
        let close = open_end + rest[open_end..].find(&format!("</{tag}>")).unwrap();
        out.push((attrs.contains("class=num") || attrs.contains("class=\"num\""), rest[open_end..close].to_string()));
        rest = &rest[close..];
    }
    out
}

/// A figure cell as the CSV writes it: no thousands separators.
fn without_separators(s: String) -> String {
    if s.chars().all(|c| c.is_ascii_digit() || ".,-%".contains(c)) && s.contains(',') { s.replace(',', "") } else { s }
}

/// A CSV cell as a spreadsheet user types it back: the `'` that stops a formula removed.
fn unguarded(s: &str) -> &str {
    s.strip_prefix('\'').filter(|r| r.starts_with(['=', '+', '-', '@', '\t', '\r'])).unwrap_or(s)
}

/// Every table with a CSV download, in every page: (page, table id, CSV path).
fn downloads(site: &Path) -> Vec<(std::path::PathBuf, String, std::path::PathBuf)> {
    let mut out = vec![];
    for page in common::files(site).into_iter().filter(|p| p.extension().is_some_and(|e| e == "html")) {
        let html = fs::read_to_string(&page).unwrap();
        for (at, _) in html.match_indices("<table id=") {
            let id: String = html[at + 10..].chars().take_while(|c| !matches!(c, '>' | ' ')).filter(|c| *c != '"').collect();
            let after = &html[at..];
            let Some(link) = after.find("下载本表 CSV") else { continue };
            // The download link follows its table, before the next table.
            if after[10..].find("<table id=").is_some_and(|next| next + 10 < link) {
                continue;
            }
            let href_at = after[..link].rfind("href=").unwrap() + 5;
            let href: String = after[href_at..].chars().take_while(|c| !matches!(c, ' ' | '>')).filter(|c| *c != '"').collect();
            assert!(href.ends_with(&format!("{id}.csv")), "{}: table {id} links {href}", page.display());
            out.push((page.clone(), id, page.parent().unwrap().join(href)));
        }
    }
    out
}

#[test]
fn every_csv_holds_what_its_table_shows() {
    let site = common::site();
    let downloads = downloads(site);
    let csv_files = common::files(site).into_iter().filter(|p| p.extension().is_some_and(|e| e == "csv")).count();
    assert!(downloads.len() > 40, "the demo's tables with downloads: {}", downloads.len());
    assert_eq!(downloads.len(), csv_files, "every CSV file is the download of one table");
    let mut figures = 0;
    for (page, id, csv_path) in downloads {
        let html = fs::read_to_string(&page).unwrap();
        let table = table_html(&html, &id);
        let bytes = fs::read(&csv_path).unwrap_or_else(|e| panic!("{}: {e}", csv_path.display()));
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes.strip_prefix(b"\xEF\xBB\xBF").expect("BOM"));
        let records: Vec<Vec<String>> = reader.records().map(|r| r.unwrap().iter().map(|c| unguarded(c).to_string()).collect()).collect();
        let head = &table[..table.find("</thead>").unwrap()];
        let mut want_header: Vec<String> = cells(head).into_iter().map(|(_, c)| plain(&c).0).collect();
        want_header.push("核验提示".into());
        let where_ = format!("{} ({}#{id})", csv_path.display(), page.display());
        // First a line saying what the table is (its report, so its unit, and caption) and where it comes from.
        let caption = plain(&table[table.find("<caption").unwrap()..table.find("</caption>").unwrap()]).0;
        let about = &records[0];
        assert!(
            about.len() == 1 && about[0].starts_with("报告：") && about[0].contains("；来源：") && about[0].ends_with(&format!("；表：{caption}")),
            "{where_}: {about:?}"
        );
        // A unit's downloads are named by unit, year and report: units/<unit>/<year>/<report>/… → <unit>-<year>-<report>-….
        let rel = csv_path.strip_prefix(site).unwrap().to_string_lossy().replace('\\', "/");
        if let Some(below) = rel.strip_prefix("units/") {
            let (dir, file) = below.rsplit_once('/').unwrap();
            assert!(file.starts_with(&format!("{}-", dir.replace('/', "-"))), "{where_}: the file name does not name its unit, year and report");
        }
        assert_eq!(records[1], want_header, "{where_}: header");
        let body = &table[table.find("<tbody>").unwrap()..];
        let rows: Vec<&str> = body.split("<tr").skip(1).collect();
        assert_eq!(records.len() - 2, rows.len(), "{where_}: one record per row");
        for (row, record) in rows.iter().zip(&records[2..]) {
            let mut want = vec![];
            let mut notes = vec![];
            for (num, cell) in cells(row) {
                let (text, n) = plain(&cell);
                figures += usize::from(num && text.chars().any(|c| c.is_ascii_digit()));
                want.push(if num { without_separators(text) } else { text });
                notes.extend(n);
            }
            want.push(notes.join("；"));
            assert_eq!(record, &want, "{where_}: a record differs from its row");
        }
    }
    assert!(figures > 500, "figures compared: {figures}");
}

/// The search index's entries (its shards `search/docs-<i>.js`) as (title, context, terms, href).
fn search_entries(site: &Path) -> Vec<[String; 4]> {
    let js = common::search_index_text(site);
    js.lines().filter(|l| l.starts_with('[')).map(|l| serde_json::from_str(l.trim_end_matches(',')).unwrap()).collect()
}

#[test]
fn every_search_entry_is_on_its_page() {
    let site = common::site();
    let entries = search_entries(site);
    assert!(entries.len() > 300, "search entries: {}", entries.len());
    let mut pages: BTreeMap<String, (String, String)> = BTreeMap::new();
    for [title, _context, terms, href] in &entries {
        let (path, fragment) = href.split_once('#').map_or((href.as_str(), None), |(p, f)| (p, Some(f)));
        let (html, text) = pages.entry(path.to_string()).or_insert_with(|| {
            let html = fs::read_to_string(site.join(path)).unwrap_or_else(|e| panic!("{href}: {e}"));
            let text = html_escape::decode_html_entities(&common::spaced_text(&html)).to_string();
            (html, text)
        });
        if let Some(f) = fragment {
            assert!(
                [format!("id={f}>"), format!("id={f} "), format!("id=\"{f}\""), format!("id={f}-h")].iter().any(|a| html.contains(a.as_str())),
                "{href}: no element with that id"
            );
        }
        let flat = text.replace(' ', "");
        assert!(flat.contains(&title.replace(' ', "")), "{href}: title “{title}” is not on the page");
        // A number as the page writes it (less separators), within one cell: not glued to the next cell's.
        let numbers = text.replace(',', "");
        for term in terms.split(' ').filter(|t| !t.is_empty()) {
            let number = term.chars().all(|c| c.is_ascii_digit() || c == '.');
            assert!(if number { numbers.contains(term) } else { flat.contains(term) }, "{href}: term “{term}” is not on the page");
        }
    }
}

/// `href` seen from the folder `from`, as a path from the site root.
fn resolved(from: &Path, href: &str) -> String {
    let mut parts: Vec<&str> = from.to_str().unwrap().split('/').filter(|p| !p.is_empty()).collect();
    for part in href.split('/') {
        match part {
            ".." => _ = parts.pop(),
            "." => {}
            _ => parts.push(part),
        }
    }
    parts.join("/")
}

/// The ids of the elements `<tag …>` of a (minified) page, in page order.
fn ids<'a>(html: &'a str, tag: &str) -> Vec<&'a str> {
    html.split(&format!("<{tag} "))
        .skip(1)
        .filter_map(|rest| {
            let attrs = &rest[..rest.find('>')?];
            let id = attrs.split(' ').find_map(|a| a.strip_prefix("id="))?;
            Some(id.trim_matches('"'))
        })
        .collect()
}

/// The other way round: what gongkai carries beside a page's HTML (its
/// headings, glossary terms and `fig-…` anchors) covers every such element
/// the page's HTML has — a heading written as HTML but not given as data
/// would be missing from the index, an anchor not recorded would turn the
/// 数据核验 pages' links into `#check-…` ones.
#[test]
fn every_heading_term_and_figure_anchor_of_a_page_is_used() {
    let site = common::site();
    let hrefs: std::collections::BTreeSet<String> = search_entries(site).into_iter().map(|[_, _, _, href]| href).collect();
    let (mut headings, mut anchors) = (0, 0);
    let mut fig_ids: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in common::files(site).into_iter().filter(|p| p.extension().is_some_and(|e| e == "html")) {
        let path = file.strip_prefix(site).unwrap().to_string_lossy().replace('\\', "/");
        let html = fs::read_to_string(&file).unwrap();
        if !path.starts_with("search/") {
            for tag in ["h2", "h3", "h4", "dt"] {
                for id in ids(&html, tag).into_iter().filter(|id| !["summary-h", "toc-h"].contains(id)) {
                    let href = format!("{path}#{}", id.trim_end_matches("-h"));
                    assert!(hrefs.contains(&href), "<{tag} id={id}> of {path} has no search entry {href}");
                    headings += 1;
                }
            }
        }
        let figs = html.split(" id=fig-").skip(1).map(|r| r[..r.find([' ', '>']).unwrap()].to_string());
        fig_ids.insert(path, figs.collect());
    }
    for checks in fig_ids.keys().filter(|p| p.ends_with("checks/index.html")) {
        let html = fs::read_to_string(site.join(checks)).unwrap();
        let chunks: Vec<&str> = html.split(">在报告中查看").collect();
        for chunk in &chunks[..chunks.len() - 1] {
            let link = chunk.rsplit("<a href=").next().unwrap().trim_matches('"');
            let (page, fragment) = link.split_once('#').unwrap();
            let page = resolved(Path::new(checks).parent().unwrap(), page);
            let (kind, anchor) = fragment.split_once('-').unwrap();
            let has = fig_ids.get(&page).unwrap_or_else(|| panic!("{checks}: {page} is not a page")).iter().any(|a| a == anchor);
            assert_eq!(has, kind == "fig", "{checks}: the link to {page}#{fragment}: the page shows that figure: {has}");
            anchors += usize::from(has);
        }
    }
    assert!(headings > 100 && anchors > 50, "headings and terms: {headings}, figure links: {anchors}");
}

/// A TOML value as `data.json` writes it: every number and date as the text it is written as.
fn as_written(v: &toml::de::DeValue) -> serde_json::Value {
    use toml::de::DeValue;
    match v {
        DeValue::String(s) => s.to_string().into(),
        DeValue::Integer(i) => i.as_str().into(),
        DeValue::Float(f) => f.as_str().into(),
        DeValue::Boolean(b) => (*b).into(),
        DeValue::Datetime(d) => d.to_string().into(),
        DeValue::Array(a) => a.iter().map(|x| as_written(x.get_ref())).collect(),
        DeValue::Table(t) => t.iter().map(|(k, v)| (k.get_ref().to_string(), as_written(v.get_ref()))).collect::<serde_json::Map<_, _>>().into(),
    }
}

#[test]
fn data_json_holds_every_data_file_as_written() {
    let site = common::site();
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut files = 0;
    for json in common::files(site).into_iter().filter(|p| p.file_name().is_some_and(|n| n == "data.json")) {
        let doc: serde_json::Value = serde_json::from_str(&fs::read_to_string(&json).unwrap()).unwrap();
        let year_dir = content.join("units").join(doc["unit"].as_str().unwrap()).join(doc["year"].to_string());
        for (name, written) in doc["files"].as_object().unwrap() {
            let text = fs::read_to_string(year_dir.join(format!("{name}.toml"))).unwrap();
            let table = toml::de::DeTable::parse(&text).unwrap();
            let mut expected = as_written(&toml::de::DeValue::Table(table.into_inner()));
            let mut written = written.clone();
            // A 绩效跟踪 whose project list is in its workbook: data.json lists the
            // projects (with their [[project_notes]]) and the 合计 row from there.
            if name == "tracking" && year_dir.join("绩效跟踪.xlsx").exists() {
                let notes = expected.as_object_mut().unwrap().remove("project_notes").unwrap_or_default();
                let got = written.as_object_mut().unwrap();
                let projects = got.remove("projects").unwrap();
                assert!(expected.get("totals").is_none() && got.remove("totals").is_some(), "the 合计 row from the workbook");
                for note in notes.as_array().into_iter().flatten() {
                    let p = projects.as_array().unwrap().iter().find(|p| p["name"] == note["project"]).expect("the note's project");
                    assert_eq!(p["findings"], note["findings"], "{}", note["project"]);
                }
                assert!(projects.as_array().unwrap().iter().all(|p| p["budget"].is_string()), "every project's 年初预算 as written");
            }
            assert_eq!(written, expected, "{}: {name}", json.display());
            files += 1;
        }
    }
    assert!(files >= 5, "data files compared: {files}");
}
