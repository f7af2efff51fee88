//! Compacting a rendered page (页面压缩) in one pass, meant to replace
//! minify-html for pages: the pages are gongkai's own, well formed, every
//! element closed, so a scan that only touches what a minifier would is
//! enough. Not used for pages yet: some tests still look for minify-html's
//! attribute order (docs/performance.md, issue P item 2).
//!
//! What it does is what minify-html did to these pages, by the same rules:
//! comments are dropped; attribute values are written without quotes
//! where HTML allows it; white space inside tags is cut to one space; and
//! white space in text is collapsed, trimmed or dropped per parent element
//! as minify-html's table says (a run of white space becomes one space;
//! inside a block such as `<p>` or `<td>` the first and last text lose
//! their leading and trailing white space; between the children of a
//! layout element such as `<div>`, `<nav>` or `<tr>` white space alone is
//! dropped; `<pre>`, `<code>`, `<textarea>`, `<title>`, scripts and styles
//! are kept as written). So the page shows the same text, word spaces and
//! all, and minify-html would make the same page of the result as of the
//! original (tested). Unlike minify-html it leaves entities and attribute
//! order as they are: the pages are about 1% bigger, and making them takes
//! a tenth of the time (docs/performance.md).

/// White space as HTML defines it.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// How white space in text is treated among an element's children
/// (minify-html's `WhitespaceMinification`).
#[derive(Clone, Copy, PartialEq, Debug)]
enum Space {
    /// Runs become one space (inline elements, and unknown ones).
    Collapse,
    /// Collapse; the first and last text lose their outer white space (`<p>`, `<td>`).
    Trim,
    /// Trim, and white space alone between children is dropped (`<div>`, `<tr>`).
    Layout,
    /// Kept as written (`<pre>` and all inside it, `<code>`).
    Keep,
}

/// The white-space rule among the children of HTML element `name`.
fn html_rule(name: &str) -> Space {
    match name {
        "address" | "audio" | "button" | "canvas" | "caption" | "figcaption" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "legend" | "meter" | "object"
        | "option" | "p" | "summary" | "video" | "dd" | "details" | "dt" | "iframe" | "label" | "li" | "noscript" | "output" | "progress" | "slot" | "td"
        | "template" | "th" => Space::Trim,
        "article" | "aside" | "blockquote" | "body" | "colgroup" | "datalist" | "dialog" | "div" | "dl" | "fieldset" | "figure" | "footer" | "form"
        | "head" | "header" | "hgroup" | "html" | "main" | "map" | "menu" | "nav" | "ol" | "optgroup" | "picture" | "section" | "select" | "table"
        | "tbody" | "tfoot" | "thead" | "tr" | "ul" => Space::Layout,
        "textarea" | "code" | "pre" => Space::Keep,
        _ => Space::Collapse,
    }
}

/// The white-space rule among the children of SVG element `name`.
fn svg_rule(name: &str) -> Space {
    match name {
        "desc" | "text" | "title" => Space::Trim,
        "a" | "altGlyph" | "tspan" | "textPath" | "tref" => Space::Collapse,
        _ => Space::Layout,
    }
}

/// Elements that have no closing tag.
fn is_void(name: &str) -> bool {
    matches!(name, "area" | "base" | "br" | "col" | "embed" | "hr" | "img" | "input" | "link" | "meta" | "source" | "track" | "wbr")
}

/// Elements whose content is copied as written up to their closing tag.
fn is_raw(name: &str) -> bool {
    matches!(name, "script" | "style" | "textarea" | "title")
}

/// An element whose children are being written.
struct Open<'a> {
    name: &'a str,
    rule: Space,
    svg: bool,
    /// Inside `<pre>`: every white space kept.
    pre: bool,
    /// Whether a text or element child has been written yet (the first text is trimmed).
    started: bool,
}

/// A page compacted (see the module doc).
pub fn compact(html: &str) -> Vec<u8> {
    let src = html.as_bytes();
    let mut out = Vec::with_capacity(src.len());
    let mut open: Vec<Open> = vec![];
    let mut i = 0;
    while i < src.len() {
        if src[i] != b'<' {
            let end = memchr(b'<', &src[i..]).map_or(src.len(), |n| i + n);
            let last = src[end..].starts_with(b"</");
            text(&src[i..end], open.last_mut(), last, &mut out);
            i = end;
            continue;
        }
        let rest = &src[i..];
        if rest.starts_with(b"<!--") {
            i += find(&rest[4..], b"-->").map_or(rest.len(), |n| n + 7);
        } else if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            let end = memchr(b'>', rest).map_or(rest.len(), |n| n + 1);
            out.extend_from_slice(&rest[..end]);
            i += end;
        } else if rest.starts_with(b"</") {
            let end = memchr(b'>', rest).map_or(rest.len(), |n| n + 1);
            let name = std::str::from_utf8(&rest[2..end - 1]).unwrap_or("").trim_end_matches(|c: char| c.is_ascii_whitespace());
            if let Some(at) = open.iter().rposition(|o| o.name == name) {
                open.truncate(at);
            }
            out.extend_from_slice(b"</");
            out.extend_from_slice(name.as_bytes());
            out.push(b'>');
            i += end;
        } else if rest.get(1).is_some_and(u8::is_ascii_alphabetic) {
            let parent = open.last_mut();
            let (svg_parent, pre_parent) = parent.as_ref().map_or((false, false), |p| (p.svg, p.pre));
            if let Some(p) = parent {
                p.started = true;
            }
            let (name, self_closing, len) = tag(html, i, &mut out);
            i += len;
            if is_raw(name) {
                let close = format!("</{name}");
                let end = find_ignore_case(&src[i..], close.as_bytes()).map_or(src.len(), |n| i + n);
                out.extend_from_slice(&src[i..end]);
                i = end;
            } else if !self_closing && !is_void(name) {
                let svg = svg_parent || name == "svg";
                let pre = pre_parent || name == "pre";
                let rule = if pre {
                    Space::Keep
                } else if svg {
                    svg_rule(name)
                } else {
                    html_rule(name)
                };
                open.push(Open { name, rule, svg, pre, started: false });
            }
        } else {
            // A `<` that starts no tag is text.
            out.push(b'<');
            i += 1;
        }
    }
    out
}

/// Write the text `t`, a child of `parent` (none: the top level), which is
/// its parent's `last` child when a closing tag follows it.
fn text(t: &[u8], parent: Option<&mut Open>, last: bool, out: &mut Vec<u8>) {
    // The top level is treated as a layout element (minify-html's root).
    let (rule, first) = match parent {
        Some(p) => (p.rule, !std::mem::replace(&mut p.started, true)),
        None => (Space::Layout, false),
    };
    if rule == Space::Keep {
        out.extend_from_slice(t);
        return;
    }
    let mut t = t;
    if rule != Space::Collapse {
        if first {
            t = &t[t.iter().position(|&b| !is_space(b)).unwrap_or(t.len())..];
        }
        if last {
            t = &t[..t.iter().rposition(|&b| !is_space(b)).map_or(0, |n| n + 1)];
        }
    }
    if rule == Space::Layout && t.iter().all(|&b| is_space(b)) {
        return;
    }
    let mut in_space = false;
    for &b in t {
        if is_space(b) {
            if !in_space {
                out.push(b' ');
            }
            in_space = true;
        } else {
            out.push(b);
            in_space = false;
        }
    }
}

/// Write the start tag at byte `at` of `html` compacted; its name, whether
/// it closes itself (`<path …/>`), and its length in `html`.
fn tag<'a>(html: &'a str, at: usize, out: &mut Vec<u8>) -> (&'a str, bool, usize) {
    let src = html.as_bytes();
    let mut i = at + 1;
    while i < src.len() && !is_space(src[i]) && src[i] != b'>' && src[i] != b'/' {
        i += 1;
    }
    let name = &html[at + 1..i];
    out.push(b'<');
    out.extend_from_slice(name.as_bytes());
    let mut self_closing = false;
    loop {
        while i < src.len() && is_space(src[i]) {
            i += 1;
        }
        match src.get(i) {
            None => break,
            Some(b'>') => {
                out.push(b'>');
                i += 1;
                break;
            }
            Some(b'/') if src.get(i + 1) == Some(&b'>') => {
                self_closing = true;
                out.extend_from_slice(b"/>");
                i += 2;
                break;
            }
            Some(_) => {}
        }
        let start = i;
        let name_ends = |i: usize| i >= src.len() || is_space(src[i]) || matches!(src[i], b'=' | b'>') || (src[i] == b'/' && src.get(i + 1) == Some(&b'>'));
        while !name_ends(i) {
            i += 1;
        }
        if i == start {
            // A stray `/` or `=`: kept as written.
            out.push(src[i]);
            i += 1;
            continue;
        }
        out.push(b' ');
        out.extend_from_slice(&src[start..i]);
        let mut j = i;
        while j < src.len() && is_space(src[j]) {
            j += 1;
        }
        if src.get(j) != Some(&b'=') {
            continue;
        }
        j += 1;
        while j < src.len() && is_space(src[j]) {
            j += 1;
        }
        let (value, quoted, end) = match src.get(j) {
            Some(&q @ (b'"' | b'\'')) => {
                let close = memchr(q, &src[j + 1..]).map_or(src.len(), |n| j + 1 + n);
                (&src[j + 1..close.min(src.len())], Some(q), (close + 1).min(src.len()))
            }
            _ => {
                let mut k = j;
                while k < src.len() && !is_space(src[k]) && src[k] != b'>' {
                    k += 1;
                }
                (&src[j..k], None, k)
            }
        };
        i = end;
        // Unquoted only where HTML allows it, and never right before `/>`
        // (the slash would become part of the value).
        let before_slash = src[i..].iter().find(|&&b| !is_space(b)) == Some(&b'/');
        let bare = !value.is_empty() && !before_slash && !value.iter().any(|&b| is_space(b) || matches!(b, b'"' | b'\'' | b'=' | b'<' | b'>' | b'`'));
        out.push(b'=');
        match quoted {
            Some(q) if !bare => {
                out.push(q);
                out.extend_from_slice(value);
                out.push(q);
            }
            _ => out.extend_from_slice(value),
        }
    }
    (name, self_closing, i - at)
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn find_ignore_case(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::compact;

    fn minified(html: &str) -> Vec<u8> {
        crate::write::minify(html)
    }

    fn text(html: &str) -> String {
        String::from_utf8(compact(html)).unwrap()
    }

    #[test]
    fn attributes_lose_their_quotes_only_where_html_allows() {
        assert_eq!(text("<a class=\"skip\" href=\"#main\">x</a>"), "<a class=skip href=#main>x</a>");
        assert_eq!(text("<p title=\"a b\" data-x=\"\" lang='x=y'>x</p>"), "<p title=\"a b\" data-x=\"\" lang='x=y'>x</p>");
        assert_eq!(text("<svg><path d=\"M0,0\"/></svg>"), "<svg><path d=\"M0,0\"/></svg>");
        assert_eq!(text("<input\n  id=\"q\"\n  hidden\n>"), "<input id=q hidden>");
    }

    #[test]
    fn white_space_is_treated_as_minify_html_treats_it() {
        assert_eq!(text("<div>\n  <a>一</a>\n  <a>二</a>\n</div>"), "<div><a>一</a><a>二</a></div>");
        assert_eq!(text("<p>\n  12.3 <span>万元</span>  ，共\n计 </p>"), "<p>12.3 <span>万元</span> ，共 计</p>");
        assert_eq!(text("<pre>  a\n   b </pre><code> x  y </code>"), "<pre>  a\n   b </pre><code> x  y </code>");
        assert_eq!(text("<title> 标题  一 </title><!-- note --><script src=\"a.js\"></script>"), "<title> 标题  一 </title><script src=a.js></script>");
    }

    /// On every page of the demo site (content/): minify-html makes the same
    /// page of the compacted page as of the page as rendered (compacting
    /// changed nothing that shows).
    #[test]
    fn every_demo_page_minifies_the_same_compacted_or_not() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let opts = crate::BuildOptions { content, out: out.clone(), publish_as_is: true, zip: false, progress: false };
        crate::build(&opts).unwrap();
        let pages = std::mem::take(&mut *crate::write::RENDERED.lock().unwrap());
        assert!(pages.len() > 50, "{} pages", pages.len());
        let (mut small, mut least) = (0, 0);
        for (path, html) in &pages {
            let compacted = compact(html);
            let least_here = minified(html);
            assert!(minified(&String::from_utf8(compacted.clone()).unwrap()) == least_here, "{path}: minify-html sees a difference");
            (small, least) = (small + compacted.len(), least + least_here.len());
        }
        // Within 1% of what minify-html makes of the pages (it also rewrites entities and drops default attributes).
        assert!(small * 100 <= least * 101, "compacted {small} bytes, minify-html {least}");
    }
}
