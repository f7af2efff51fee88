//! Script injection, end to end: the real demo content with a payload added
//! to every string of every file (site.toml, glossary.toml, unit.toml, the
//! report files, project forms, cost files, narrative front matter and
//! body), walked with the TOML document model so that numbers stay as
//! written. The built site must hold no live markup anywhere — no tag, no
//! event attribute, no link the URL policy refuses — while the payload's
//! text does show up, as text, for the fields the pages display. A second
//! payload, a `javascript:` link, must be reported by `check` once for every
//! string; a third, a spreadsheet formula, must reach no CSV cell live.

mod common;

use std::fs;
use std::path::Path;

use toml_edit::{DocumentMut, Formatted, Item, Value};

/// Keys whose values are codes chosen from a fixed list (`unit = "万元"`,
/// `formula = "a/b"`): a payload there is refused with a diagnostic, which
/// the malformed corpus covers. Numbers written as strings (`"29,232.00"`,
/// `"-"`) are left alone too. Every other string gets the payload. So do
/// `[look]`'s file names and colours (`logo = "static/logo.svg"`,
/// `primary = "#1f4e8c"`): refused as `E-REFERENCE`/`E-COLOUR` (tests/look.rs).
const CODES: &[&str] = &["unit", "rate_base", "formula", "base", "report", "section", "logo", "primary", "accent", "css"];

/// The same in cost files: quantities with their units (`"3人*180次"`,
/// `"400元/次"`, every value of a `restated` table).
const COST_CODES: &[&str] = &[
    "unit",
    "rate_base",
    "formula",
    "base",
    "restated",
    "quantity",
    "norm_quantity",
    "monthly",
    "value",
    "history",
    "before",
    "after",
    "amount",
    "target",
    "old_unit",
    "new_unit",
];

fn is_number(value: &str) -> bool {
    value.chars().all(|c| c.is_ascii_digit() || ",.-%".contains(c))
}

/// A string value with `edit` applied, keeping its place in the file.
fn edited(v: &Formatted<String>, new: String) -> Value {
    let mut f = Formatted::new(new);
    *f.decor_mut() = v.decor().clone();
    Value::String(f)
}

/// What to edit: every string value not below a key in `codes` and not
/// named by a narrative's `{{ … }}` placeholder (`referenced`), which would
/// then point nowhere.
struct Walk<'a> {
    codes: &'a [&'a str],
    referenced: &'a [String],
    edit: &'a mut dyn FnMut(&str) -> String,
}

impl Walk<'_> {
    fn item(&mut self, item: &mut Item, key: &str) {
        if self.codes.contains(&key) {
            return;
        }
        match item {
            Item::Value(v) => self.value(v, key),
            Item::Table(t) => t.iter_mut().for_each(|(k, i)| self.item(i, &k)),
            Item::ArrayOfTables(a) => a.iter_mut().for_each(|t| t.iter_mut().for_each(|(k, i)| self.item(i, &k))),
            Item::None => {}
        }
    }

    fn value(&mut self, v: &mut Value, key: &str) {
        if self.codes.contains(&key) {
            return;
        }
        match v {
            // Which table a part shows: `service:<name>` names a service.
            Value::String(s) if key == "show" => {
                if let Some(name) = s.value().strip_prefix("service:") {
                    let new = format!("service:{}", (self.edit)(name));
                    *v = edited(s, new);
                }
            }
            Value::String(s) if !is_number(s.value()) && !self.referenced.iter().any(|r| r.contains(s.value())) => *v = edited(s, (self.edit)(s.value())),
            Value::Array(a) => a.iter_mut().for_each(|x| self.value(x, key)),
            Value::InlineTable(t) => t.iter_mut().for_each(|(k, x)| self.value(x, &k)),
            _ => {}
        }
    }
}

fn edit_toml(text: &str, codes: &[&str], referenced: &[String], edit: &mut dyn FnMut(&str) -> String) -> String {
    let mut doc: DocumentMut = text.parse().expect("demo TOML parses");
    let mut walk = Walk { codes, referenced, edit };
    doc.as_table_mut().iter_mut().for_each(|(k, i)| walk.item(i, &k));
    doc.to_string()
}

/// Apply `edit` to every string of every content file that `only` lets
/// through (and to every such narrative's body); return how many strings
/// were edited.
fn inject(content: &Path, only: &dyn Fn(&Path) -> bool, edit: &dyn Fn(&str) -> String) -> usize {
    let files = common::files(content);
    let referenced: Vec<String> = files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .flat_map(|p| {
            fs::read_to_string(p).unwrap().split("{{").skip(1).filter_map(|s| s.split_once("}}").map(|(inner, _)| inner.to_string())).collect::<Vec<_>>()
        })
        .collect();
    let mut n = 0;
    let mut next = |s: &str| {
        n += 1;
        edit(s)
    };
    for path in files.into_iter().filter(|p| only(p) || (p.extension().is_some_and(|e| e == "xlsx") && only(&p.with_file_name("tracking.toml")))) {
        if path.extension().is_some_and(|e| e == "xlsx") {
            // Not counted: a cell is plain text, never Markdown, so `check`
            // reports no link in it (the pages must still show it inert).
            edit_workbook(&path, &mut |s: &str| edit(s));
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        let codes = if path.parent().is_some_and(|p| p.ends_with("cost")) { COST_CODES } else { CODES };
        let new = match path.extension().and_then(|e| e.to_str()) {
            Some("toml") => edit_toml(&text, codes, &referenced, &mut next),
            // A partial (`_footer.md`) is Markdown alone, without front matter.
            Some("md") => match text.strip_prefix("+++\n").and_then(|r| r.split_once("\n+++\n")) {
                Some((front, body)) => {
                    let front = edit_toml(front, codes, &referenced, &mut next);
                    format!("+++\n{front}\n+++\n{}", next(body))
                }
                None => next(&text),
            },
            _ => continue,
        };
        fs::write(&path, new).unwrap();
    }
    n
}

/// Apply `next` to the project names and offices of a 绩效跟踪工作簿 (the
/// strings below its header in the columns 项目名称 and 科室, but 合计), as
/// to the strings of its tracking.toml, so that names still match.
fn edit_workbook(path: &Path, next: &mut dyn FnMut(&str) -> String) {
    use calamine::{Data, Reader};
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let mut out = rust_xlsxwriter::Workbook::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        assert_eq!(range.start(), Some((0, 0)), "the demo's sheets start at A1");
        let ws = out.add_worksheet();
        ws.set_name(&name).unwrap();
        let header: Vec<String> = (0..range.width()).map(|c| range.get((2, c)).map(|d| d.to_string()).unwrap_or_default()).collect();
        for (r, c, d) in range.used_cells() {
            let (row, col) = (r as u32, c as u16);
            match d {
                Data::String(s) if r > 2 && ["项目名称", "科室"].contains(&header[c].as_str()) && s != "合计" => {
                    ws.write_string(row, col, next(s)).map(|_| ())
                }
                Data::String(s) => ws.write_string(row, col, s).map(|_| ()),
                Data::Float(f) => ws.write_number(row, col, *f).map(|_| ()),
                Data::Int(i) => ws.write_number(row, col, *i as f64).map(|_| ()),
                other => panic!("{other:?} in the demo's workbook"),
            }
            .unwrap();
        }
    }
    out.save(path).unwrap();
}

/// A copy of the demo content with `edit` applied to every string of the files `only` lets through.
fn demo_with(only: &dyn Fn(&Path) -> bool, edit: &dyn Fn(&str) -> String) -> (tempfile::TempDir, std::path::PathBuf, usize) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    common::copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), &content);
    let n = inject(&content, only, edit);
    (dir, content, n)
}

/// Codes of the diagnostics `check` reports for a content folder.
fn check_codes(content: &Path) -> Vec<String> {
    let o = common::gongkai(&["check", "--format", "json", "--content", content.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|_| panic!("json: {}", String::from_utf8_lossy(&o.stderr)));
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| format!("{} {}:{} {}", d["code"].as_str().unwrap(), d["file"].as_str().unwrap(), d["line"], d["message"].as_str().unwrap()))
        .collect()
}

/// The same payload for every string, so that names still match where one
/// file refers to another (a project's office, a service a table shows).
const PAYLOAD: &str = "<img src=x onerror=alert(1)>\"'&";

fn html_payload(s: &str) -> String {
    format!("{s}{PAYLOAD}")
}

/// Tags and attributes of an HTML page that the site never writes itself
/// and a payload could: `img`, `iframe`, `object`, `embed`, a `script`
/// without `src`, any `on…` attribute, a link or source address the URL
/// policy refuses.
fn live_markup(html: &str) -> Vec<String> {
    let mut found = vec![];
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(at) = html[i..].find('<').map(|a| a + i) {
        i = at + 1;
        if !b.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_end = html[i..].find(|c: char| c.is_whitespace() || c == '>' || c == '/').map_or(html.len(), |e| e + i);
        let name = html[i..name_end].to_ascii_lowercase();
        // Attributes: name[=value], the value quoted or not.
        let mut j = name_end;
        let mut attrs = vec![];
        while j < b.len() && b[j] != b'>' {
            if b[j].is_ascii_whitespace() || b[j] == b'/' {
                j += 1;
                continue;
            }
            let a_end = html[j..].find(|c: char| c.is_whitespace() || c == '=' || c == '>').map_or(html.len(), |e| e + j);
            let attr = html[j..a_end].to_ascii_lowercase();
            j = a_end;
            let mut value = String::new();
            if b.get(j) == Some(&b'=') {
                j += 1;
                let (start, end) = match b.get(j) {
                    Some(q @ (b'"' | b'\'')) => (j + 1, html[j + 1..].find(*q as char).map_or(html.len(), |e| e + j + 1)),
                    _ => (j, html[j..].find(|c: char| c.is_whitespace() || c == '>').map_or(html.len(), |e| e + j)),
                };
                value = html[start..end].replace("&amp;", "&");
                j = (end + usize::from(end < b.len() && matches!(b[end], b'"' | b'\''))).max(start);
            }
            attrs.push((attr, value));
        }
        i = j;
        // The text of a title or textarea is text whatever it holds (a `<`
        // there starts no tag); only its end tag ends it.
        if matches!(name.as_str(), "title" | "textarea") {
            i = html[i..].find(&format!("</{name}")).map_or(html.len(), |e| e + i);
        }
        let context = || html[at..].chars().take(80).collect::<String>();
        // The site's own logo and 党政机关标识 (`[look]`, `[identity]`): a
        // template's image of a file in the site's static/, no other.
        let own_image = name == "img"
            && attrs.iter().any(|(a, v)| a == "class" && (v == "logo" || v == "emblem"))
            && attrs.iter().any(|(a, v)| a == "src" && v.trim_start_matches("../").starts_with("static/") && !v.contains(':'));
        if (matches!(name.as_str(), "img" | "iframe" | "object" | "embed") && !own_image) || (name == "script" && !attrs.iter().any(|(a, _)| a == "src")) {
            found.push(format!("<{name}>: {}", context()));
        }
        for (a, v) in &attrs {
            let address = matches!(a.as_str(), "href" | "src" | "action" | "formaction" | "xlink:href");
            if a.starts_with("on") || (address && !gongkai::url_allowed(v)) || v.to_ascii_lowercase().contains("javascript:") {
                found.push(format!("{a}={v:?}: {}", context()));
            }
        }
    }
    found
}

#[test]
fn the_scanner_finds_live_markup_and_passes_escaped_text() {
    assert!(live_markup("<p>&lt;img src=x onerror=alert(1)&gt;&quot;</p><a href=../a.html title=\"x&quot; onerror=y\">a</a>").is_empty());
    assert!(live_markup("<title>a<img src=x onerror=alert(1)></title>").is_empty());
    assert_eq!(live_markup("<title>a</title><img src=x>").len(), 1);
    assert_eq!(live_markup("<p><img src=x onerror=alert(1)></p>").len(), 2);
    assert!(live_markup("<a class=brand href=index.html><img alt class=logo src=../static/logo.svg>站</a>").is_empty());
    assert_eq!(live_markup("<img class=logo src=x>").len(), 1);
    assert_eq!(live_markup("<img class=logo src=../static/a.svg onerror=alert(1)>").len(), 1);
    assert_eq!(live_markup("<a href=\"JavaScript:alert(1)\">x</a>").len(), 1);
    assert_eq!(live_markup("<span title=x onmouseover=alert(1)>x</span>").len(), 1);
    assert_eq!(live_markup("<script>alert(1)</script><script src=../s.js></script>").len(), 1);
}

#[test]
fn a_payload_in_every_string_reaches_no_page_live() {
    let (dir, content, injected) = demo_with(&|_| true, &html_payload);
    assert!(injected > 600, "only {injected} strings injected");
    let out = dir.path().join("site");
    let o = common::gongkai(&["build", "--publish-as-is", "--content", content.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    let structural: Vec<String> = check_codes(&content)
        .into_iter()
        .filter(|d| !d.starts_with("W-") && !["E-FIGURE", "E-COUNT", "E-CONFLICT", "E-NORM-UNIT"].contains(&d.split(' ').next().unwrap()))
        .collect();
    assert!(o.status.success(), "build of the injected demo failed: {}", structural.join("\n"));
    assert!(!err.contains("panicked"), "{err}");

    let mut live = vec![];
    let mut shown = 0;
    let mut pages = 0;
    for path in common::files(&out) {
        let rel = path.strip_prefix(&out).unwrap().display().to_string();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "html" | "js" | "json" | "svg" | "csv") {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        if ext == "html" || ext == "svg" {
            pages += 1;
            live.extend(live_markup(&text).into_iter().map(|f| format!("{rel}: {f}")));
        } else if ext != "csv" {
            // Script and data files hold the text with `<` written `\u003c`.
            let lower = text.to_ascii_lowercase();
            if let Some(at) = lower.find("<img").or_else(|| lower.find("javascript:")) {
                live.push(format!("{rel}: raw markup: {}", text[at..].chars().take(60).collect::<String>()));
            }
        }
        shown += text.matches("onerror=alert(1)").count();
    }
    assert!(pages > 100, "only {pages} pages");
    // The search index holds plain text (search.js inserts it as text):
    // the payload's quotes and ampersand as themselves, no `&#34;`.
    let index = common::search_index_text(&out);
    assert!(index.contains("onerror=alert(1)\\u003e\\\"'\\u0026"), "payload not found as plain text in the search index");
    for entity in ["&#34;", "&#39;", "&quot;", "&amp;", "&lt;"] {
        assert!(!index.contains(entity), "the search index holds {entity}");
    }
    assert!(live.is_empty(), "{} live markup found:\n{}", live.len(), live.iter().take(40).cloned().collect::<Vec<_>>().join("\n"));
    // The payload shows up, as text, wherever a string is displayed.
    eprintln!("{injected} strings injected, the payload shown {shown} times");
    assert!(shown >= injected, "the payload shown only {shown} times for {injected} strings");
}

#[test]
fn a_javascript_link_in_every_string_is_reported_once_each() {
    let (_dir, content, injected) = demo_with(&|_| true, &|s| format!("{s}[点我](javascript:alert(1))"));
    let found = check_codes(&content);
    let urls = found.iter().filter(|d| d.starts_with("E-URL ")).count();
    assert_eq!(
        urls,
        injected,
        "{injected} links injected, {urls} reported:\n{}",
        found.iter().filter(|d| !d.starts_with("W-")).take(20).cloned().collect::<Vec<_>>().join("\n")
    );
    let o = common::gongkai(&["build", "--publish-as-is", "--content", content.to_str().unwrap(), "--out", content.with_file_name("site").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "a refused link stops the build");
    assert!(!content.with_file_name("site").exists());
}

#[test]
fn a_formula_in_project_names_reaches_no_csv_cell_live() {
    const FORMULA: &str = "=HYPERLINK(\"http://x\",\"y\")";
    let (dir, content, injected) = demo_with(&|p| p.ends_with("tracking.toml") || p.ends_with("unit.toml"), &|s| format!("{FORMULA}{s}"));
    assert!(injected > 100);
    let out = dir.path().join("site");
    let o = common::gongkai(&["build", "--publish-as-is", "--content", content.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (mut neutralised, mut live) = (0, vec![]);
    for path in common::files(&out).into_iter().filter(|p| p.extension().is_some_and(|e| e == "csv")) {
        let mut r = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_path(&path).unwrap();
        for rec in r.records() {
            for cell in rec.unwrap().iter() {
                let cell = cell.trim_start_matches('\u{feff}');
                neutralised += usize::from(cell.starts_with(&format!("'{FORMULA}")));
                let number = cell.trim_start_matches(['-', '+']).trim_end_matches('%').chars().all(|c| c.is_ascii_digit() || c == '.');
                if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && !number {
                    live.push(format!("{}: {cell}", path.display()));
                }
            }
        }
    }
    eprintln!("{injected} strings start with a formula; {neutralised} CSV cells carry it neutralised, {} live", live.len());
    assert!(live.is_empty(), "cells a spreadsheet would run:\n{}", live.join("\n"));
    assert!(neutralised > 50, "only {neutralised} cells carry the neutralised formula");
}
