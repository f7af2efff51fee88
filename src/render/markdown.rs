//! Markdown narrative to HTML (pulldown-cmark), and the one policy every
//! Markdown text is held to, at `check` time ([`problems`]) and again when
//! rendering ([`to_html`]):
//!
//! - raw HTML in the source is shown as text: narrative is data, not markup;
//!   only an HTML comment `<!-- … -->` (注释, a note to the editors) is
//!   dropped ([`super::partial::without_comments`]);
//! - links and images may only point to http, https, mailto, relative
//!   addresses and `#fragments` ([`url_allowed`]); any other link is
//!   rendered as its text and any other image is dropped;
//! - nesting (block quotes, lists, emphasis, links) is limited to
//!   [`MAX_DEPTH`] levels; deeper tags are dropped and their text kept, so
//!   that no later stage (minifying, the browser) meets thousands of levels.
//!
//! A narrative whose references are bound ([`crate::bind`]) is a list of
//! typed segments; [`segments_to_html`] renders it, each bound figure as
//! `<span class="bound" data-src=…>` (with its 核验提示 when the prose's
//! figure disagrees with the data).

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

use super::format::esc;
use super::route::Route;
use crate::check::Code;
use crate::model::bound::{BoundFigure, Segment, Verdict};

/// The most levels of nested elements a Markdown text may have.
pub const MAX_DEPTH: usize = 32;

/// The schemes a link or image may use; anything without a scheme is a
/// relative address or a `#fragment` and is allowed too.
const SCHEMES: [&str; 3] = ["http", "https", "mailto"];

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// May a link or image point here? `url` is the destination as the
/// Markdown parser read it (entities and escapes already decoded). Control
/// characters are refused outright (browsers drop tabs and newlines inside
/// a scheme, so `java\tscript:` would run), and so are addresses of another
/// machine without a scheme (`//host`, backslashes); otherwise the scheme,
/// if any, must be http, https or mailto, in any letter case.
pub fn url_allowed(url: &str) -> bool {
    let url = url.trim_matches(|c: char| c == ' ');
    // `//host/x` and `\\host\x` name another machine: on a page opened
    // from disk that is a network share, not a page of the site.
    if url.chars().any(char::is_control) || url.starts_with("//") || url.contains('\\') {
        return false;
    }
    // A scheme is letters, digits, `+`, `-`, `.` starting with a letter,
    // before the first `:`; a `/`, `?` or `#` before any `:` means a path.
    let Some(colon) = url.find(':') else { return true };
    let head = &url[..colon];
    let is_scheme = head.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && head.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    !is_scheme || SCHEMES.iter().any(|s| head.eq_ignore_ascii_case(s))
}

/// What is wrong with a Markdown text, at a byte offset into it.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// A link or image to an address [`url_allowed`] refuses.
    Url { url: String, offset: usize },
    /// Elements nested deeper than [`MAX_DEPTH`].
    TooDeep { offset: usize },
}

impl Problem {
    pub fn offset(&self) -> usize {
        match self {
            Problem::Url { offset, .. } | Problem::TooDeep { offset } => *offset,
        }
    }

    /// The diagnostic code and message, in Chinese.
    pub fn describe(&self) -> (Code, String) {
        match self {
            Problem::Url { url, .. } => {
                (Code::Url, format!("链接地址“{}”不允许：只能链接 http、https、mailto 地址或本站的相对地址，其他链接会按文字显示、图片不显示", shown_url(url)))
            }
            Problem::TooDeep { .. } => (Code::Nesting, format!("Markdown 嵌套超过 {MAX_DEPTH} 层（引用、列表或强调套得太深），请减少嵌套")),
        }
    }
}

/// A refused address as a message shows it: control characters made
/// visible, at most 60 characters.
fn shown_url(url: &str) -> String {
    let mut s: String = url.chars().take(60).map(|c| if c.is_control() { '�' } else { c }).collect();
    if url.chars().count() > 60 {
        s.push('…');
    }
    s
}

/// The destination of a link or image tag, if it is one.
fn destination<'a>(tag: &'a Tag) -> Option<&'a CowStr<'a>> {
    match tag {
        Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => Some(dest_url),
        _ => None,
    }
}

/// From this size on, [`problems`] first takes a [quick look](may_have_problems):
/// the parser's tree of a whole text takes some 15 bytes of memory per byte
/// (3 GB for a 200 MB narrative), the quick look none.
const QUICK_LOOK_FROM: usize = 1 << 20;

/// Could `md` hold a problem at all? `false` only when it cannot: a refused
/// address needs a `:`, `//`, a backslash or a character reference (`&`)
/// hiding one; nesting needs, within one block (blank lines end inline
/// elements, and every container line carries its markers or indentation),
/// more than [`MAX_DEPTH`] levels among the line starts (`>`, list markers,
/// indentation: at least one column per level) and the emphasis and link
/// characters (`*`, `_`, `~`, `[`: at least one per level), with a margin
/// for the paragraph, heading or table levels around them.
fn may_have_problems(md: &str) -> bool {
    if md.contains([':', '&', '\\']) || md.contains("//") {
        return true;
    }
    let (mut prefix, mut inline) = (0usize, 0usize);
    for line in md.lines() {
        if line.trim().is_empty() {
            (prefix, inline) = (0, 0);
            continue;
        }
        let lead: usize = line.chars().take_while(|c| " \t>-+*.)0123456789".contains(*c)).map(|c| if c == '\t' { 4 } else { 1 }).sum();
        prefix = prefix.max(lead);
        inline += line.chars().filter(|c| matches!(c, '*' | '_' | '~' | '[')).count();
        if prefix + inline + 4 > MAX_DEPTH {
            return true;
        }
    }
    false
}

/// Everything [`to_html`] would drop or refuse in `md`, in text order: each
/// refused address, and the first place nesting goes deeper than
/// [`MAX_DEPTH`]. Used by `check` for every Markdown field.
pub fn problems(md: &str) -> Vec<Problem> {
    let mut out = vec![];
    if md.len() >= QUICK_LOOK_FROM && !may_have_problems(md) {
        return out;
    }
    let mut depth = 0usize;
    let mut too_deep = false;
    for (e, range) in Parser::new_ext(md, options()).into_offset_iter() {
        match e {
            Event::Start(tag) => {
                depth += 1;
                if depth > MAX_DEPTH && !too_deep {
                    too_deep = true;
                    out.push(Problem::TooDeep { offset: range.start });
                }
                if let Some(url) = destination(&tag).filter(|u| !url_allowed(u)) {
                    out.push(Problem::Url { url: url.to_string(), offset: range.start });
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    out
}

/// Markdown to HTML under the policy above.
pub fn to_html(md: &str) -> String {
    let mut out = String::new();
    html::push_html(&mut out, allowed(md).map(|(e, _)| e));
    aligned_by_class(out)
}

/// Markdown as plain text (for a table cell's text): the text the page
/// shows, from the same events as [`to_html`], blocks and line breaks as
/// spaces.
pub fn to_text(md: &str) -> String {
    let mut out = String::new();
    for (e, _) in allowed(md) {
        match e {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) | Event::Rule => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The events of `md` that the policy above lets through, with their
/// byte ranges in `md`.
pub(super) fn allowed(md: &str) -> impl Iterator<Item = (Event<'_>, Range<usize>)> {
    // For each open tag: was it written out? (Its end is written alike.)
    let mut open: Vec<bool> = vec![];
    let mut written = 0usize;
    // Inside a refused image: its alt text is dropped with it.
    let mut in_dropped_image = 0usize;
    // Inside an HTML comment (注释) that an earlier raw-HTML event opened.
    let mut in_comment = false;
    Parser::new_ext(md, options()).into_offset_iter().filter_map(move |(e, range)| {
        let e = match e {
            Event::Start(tag) => {
                let refused = destination(&tag).is_some_and(|u| !url_allowed(u));
                let image = matches!(tag, Tag::Image { .. });
                if in_dropped_image > 0 || (refused && image) {
                    in_dropped_image += 1;
                }
                let keep = !refused && in_dropped_image == 0 && written < MAX_DEPTH;
                written += usize::from(keep);
                open.push(keep);
                keep.then_some(Event::Start(tag))
            }
            Event::End(tag) => {
                in_dropped_image = in_dropped_image.saturating_sub(1);
                let keep = open.pop().unwrap_or(false);
                written -= usize::from(keep);
                keep.then_some(Event::End(tag))
            }
            _ if in_dropped_image > 0 => None,
            Event::Html(s) | Event::InlineHtml(s) => {
                let shown = super::partial::without_comments(&s, &mut in_comment);
                (!shown.trim().is_empty()).then(|| Event::Text(if shown.len() == s.len() { s } else { CowStr::from(shown) }))
            }
            other => Some(other),
        };
        e.map(|e| (e, range))
    })
}

/// A bound narrative to HTML under the policy above. The Markdown source
/// is the segments' text with each figure written in place (text and
/// unit), so the figures read as prose to the parser; render then wraps
/// each figure's text in its span. `here` is the page the narrative is
/// shown on, `checks` the 数据核验 page whose `#check-…` rows hold the
/// figures' diagnostics.
///
/// A figure is wrapped only where its text comes out of the parser as
/// plain text (not inside a code span, an image's alt text or an
/// attribute, nor changed by escapes or entities); elsewhere it is shown
/// as text without its span. Returns the HTML and the anchors (`fig-…`
/// without `fig-`) of the disputed figures it wrapped.
pub fn segments_to_html(segments: &[Segment], here: &Route, checks: &Route) -> (String, Vec<String>) {
    let mut md = String::new();
    let mut figures: Vec<(Range<usize>, &BoundFigure)> = vec![];
    for s in segments {
        match s {
            Segment::Text(t) => md.push_str(t),
            Segment::Figure(f) => {
                let start = md.len();
                md.push_str(&f.text);
                md.push_str(&f.suffix);
                if md.len() > start {
                    figures.push((start..md.len(), f));
                }
            }
        }
    }
    let events: Vec<(Event, Range<usize>)> = allowed(&md).collect();
    let plain = plain_text_runs(&md, &events);
    // A figure is wrapped when one run of plain text holds all of it.
    let wrapped: Vec<(Range<usize>, &BoundFigure)> =
        figures.into_iter().filter(|(r, _)| plain.iter().any(|run| run.start <= r.start && r.end <= run.end)).collect();
    let anchors = wrapped
        .iter()
        .filter_map(|(_, f)| match &f.verdict {
            Verdict::Rounding { anchor } | Verdict::Mismatch { anchor } | Verdict::Prose { anchor, .. } => Some(anchor.clone()),
            Verdict::Agrees => None,
        })
        .collect();
    let mut out = String::new();
    html::push_html(&mut out, with_figures(&md, events, &wrapped, here, checks).into_iter());
    (aligned_by_class(out), anchors)
}

/// The byte ranges of `md` that consecutive text events give back exactly
/// as written, outside images (whose text becomes an attribute).
fn plain_text_runs(md: &str, events: &[(Event, Range<usize>)]) -> Vec<Range<usize>> {
    let mut runs: Vec<Range<usize>> = vec![];
    let mut image = 0usize;
    let mut joins = false;
    for (e, r) in events {
        match e {
            Event::Start(Tag::Image { .. }) => image += 1,
            Event::End(TagEnd::Image) => image = image.saturating_sub(1),
            Event::Text(t) if image == 0 && md.get(r.clone()) == Some(&**t) => {
                match runs.last_mut() {
                    Some(last) if joins && last.end == r.start => last.end = r.end,
                    _ => runs.push(r.clone()),
                }
                joins = true;
                continue;
            }
            _ => {}
        }
        joins = false;
    }
    runs
}

/// The events with each wrapped figure's opening and closing HTML put in
/// at its byte range: the text events holding a figure's start or end are
/// split there. `figures` are in text order and do not overlap.
fn with_figures<'e>(
    md: &'e str,
    events: Vec<(Event<'e>, Range<usize>)>,
    figures: &[(Range<usize>, &BoundFigure)],
    here: &Route,
    checks: &Route,
) -> Vec<Event<'e>> {
    // (position, is an opening, figure), closings before openings at one position.
    let cuts: Vec<(usize, bool, &BoundFigure)> = figures.iter().flat_map(|(r, f)| [(r.start, true, *f), (r.end, false, *f)]).collect();
    let mut k = 0;
    let mut out = Vec::with_capacity(events.len() + 2 * cuts.len());
    for (e, r) in events {
        let verbatim = matches!(&e, Event::Text(t) if md.get(r.clone()) == Some(&**t));
        // An opening lies in [start, end) of a text event, a closing in (start, end].
        let here_cut = |&(at, open, _): &(usize, bool, &BoundFigure)| if open { r.start <= at && at < r.end } else { r.start < at && at <= r.end };
        if !verbatim || !cuts.get(k).is_some_and(here_cut) {
            out.push(e);
            continue;
        }
        let mut from = r.start;
        while let Some(&(at, open, f)) = cuts.get(k).filter(|c| here_cut(c)) {
            if at > from {
                out.push(Event::Text(CowStr::Borrowed(&md[from..at])));
                from = at;
            }
            out.push(Event::Html(CowStr::from(if open { figure_open(f) } else { figure_close(f, here, checks) })));
            k += 1;
        }
        if r.end > from {
            out.push(Event::Text(CowStr::Borrowed(&md[from..r.end])));
        }
    }
    out
}

/// The HTML before a bound figure's text: its span with the source.
fn figure_open(f: &BoundFigure) -> String {
    let src = esc(&f.src);
    match &f.verdict {
        Verdict::Agrees => format!("<span class=\"bound\" data-src=\"{src}\">"),
        Verdict::Rounding { anchor } | Verdict::Mismatch { anchor } => {
            let cls = disputed_class(&f.verdict);
            format!("<span class=\"disputed {cls}\" id=\"fig-{}\"><span class=\"val bound\" data-src=\"{src}\">", esc(anchor))
        }
        Verdict::Prose { anchor, .. } => format!("<span class=\"disputed error\" id=\"fig-{}\"><span class=\"val\" data-src=\"{src}\">", esc(anchor)),
    }
}

/// The HTML after a bound figure's text: the span's end, and the
/// 核验提示 with its link to the 数据核验 page when the prose's figure
/// disagrees with the data.
fn figure_close(f: &BoundFigure, here: &Route, checks: &Route) -> String {
    match &f.verdict {
        Verdict::Agrees => "</span>".into(),
        Verdict::Rounding { anchor } | Verdict::Mismatch { anchor } => {
            let cls = disputed_class(&f.verdict);
            let word = if cls == "rounding" { "与数据有舍入差异" } else { "与数据不符" };
            let href = here.href_to(&checks.clone().with_fragment(&format!("check-{anchor}")));
            format!(
                "</span><span class=\"verify-note {cls}\"><strong>核验提示</strong>：叙述中的数字{word}<span class=\"rv\">（{}）</span>（<a href=\"{}\">核验详情</a>）</span></span>",
                esc(&f.src),
                esc(&href)
            )
        }
        Verdict::Prose { anchor, note } => {
            let href = here.href_to(&checks.clone().with_fragment(&format!("check-{anchor}")));
            format!(
                "</span><span class=\"verify-note error\"><strong>核验提示</strong>：{}（<a href=\"{}\">核验详情</a>）</span></span>",
                esc(note),
                esc(&href)
            )
        }
    }
}

/// The class of a disputed figure: `rounding` (舍入差异) or `error` (不符).
fn disputed_class(v: &Verdict) -> &'static str {
    if matches!(v, Verdict::Rounding { .. }) { "rounding" } else { "error" }
}

/// Table cell alignment as a class (`align-center`, in style.css) instead
/// of the inline `style` pulldown-cmark writes, which the pages' Content
/// Security Policy does not allow. Raw HTML never reaches here as markup,
/// so these attributes can only be the parser's own.
pub(super) fn aligned_by_class(html: String) -> String {
    if !html.contains(" style=\"text-align: ") {
        return html;
    }
    ["left", "center", "right"].iter().fold(html, |h, a| h.replace(&format!(" style=\"text-align: {a}\">"), &format!(" class=\"align-{a}\">")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(text: &str, suffix: &str, verdict: Verdict) -> Segment {
        Segment::Figure(BoundFigure { text: text.into(), suffix: suffix.into(), src: "a.toml:3".into(), verdict })
    }

    fn bound(segments: &[Segment]) -> String {
        segments_to_html(segments, &Route::report("u", 2023, "evaluation"), &Route::report("u", 2023, "checks")).0
    }

    #[test]
    fn bound_figures_become_spans() {
        let h = bound(&[Segment::Text("支出".into()), figure("39,985.83", "", Verdict::Agrees), Segment::Text("万元".into())]);
        assert_eq!(h, "<p>支出<span class=\"bound\" data-src=\"a.toml:3\">39,985.83</span>万元</p>\n");
    }

    #[test]
    fn a_disputed_figure_links_to_the_checks_page_through_the_route_table() {
        let h = bound(&[Segment::Text("**预算** ".into()), figure("4197.68", "万元", Verdict::Mismatch { anchor: "ab-0".into() }), Segment::Text("。".into())]);
        assert!(
            h.contains(
                "<strong>预算</strong> <span class=\"disputed error\" id=\"fig-ab-0\"><span class=\"val bound\" data-src=\"a.toml:3\">4197.68万元</span>"
            ),
            "{h}"
        );
        assert!(h.contains("（<a href=\"../checks/index.html#check-ab-0\">核验详情</a>）</span></span>。</p>"), "{h}");
        let h = bound(&[figure("1", "%", Verdict::Rounding { anchor: "ab-1".into() })]);
        assert!(h.contains("disputed rounding") && h.contains("与数据有舍入差异"), "{h}");
    }

    #[test]
    fn the_old_marker_characters_are_plain_text() {
        let forged = "甲\u{F8F0}x\" onclick=\"alert(1)\u{F8F1}假的\u{F8F2}乙";
        // Text between tags: the quotes open no attribute, and no span is made of them.
        assert_eq!(to_html(forged), format!("<p>{forged}</p>\n"));
        let h = bound(&[Segment::Text(forged.into()), figure("1", "", Verdict::Agrees)]);
        assert_eq!(h, format!("<p>{forged}<span class=\"bound\" data-src=\"a.toml:3\">1</span></p>\n"));
    }

    #[test]
    fn a_figure_the_parser_does_not_give_back_as_text_is_shown_without_its_span() {
        for (before, after) in [("`", "`"), ("![", "](a.png)"), ("[x](", ")")] {
            let h = bound(&[Segment::Text(before.into()), figure("12.5", "万元", Verdict::Mismatch { anchor: "ab-0".into() }), Segment::Text(after.into())]);
            assert!(!h.contains("<span"), "{before}: {h}");
        }
        // Split by the parser into several text events, still one span.
        let h = bound(&[figure("a[b]c&d", "", Verdict::Agrees)]);
        assert_eq!(h.matches("<span").count(), 1, "{h}");
        assert!(h.contains(">a[b]c&amp;d</span>"), "{h}");
        // A reference that did not bind stays as written.
        assert_eq!(bound(&[Segment::Text("{{ x }}".into())]), "<p>{{ x }}</p>\n");
    }

    #[test]
    fn raw_html_is_escaped() {
        let h = to_html("段落 <script>x</script>");
        assert!(h.contains("&lt;script&gt;"));
        assert!(h.starts_with("<p>"));
    }

    #[test]
    fn the_quick_look_misses_nothing_that_problems_finds() {
        let filler = "截至年底实有低保户100户，**重点**保障。\n\n".repeat(QUICK_LOOK_FROM / 40);
        assert!(!may_have_problems(&filler));
        for bad in [
            "[点我](javascript:alert(1))".to_string(),
            "[点我](&#106;avascript&#58;alert(1))".to_string(),
            ">".repeat(MAX_DEPTH) + " 深",
            "- ".repeat(MAX_DEPTH / 2 + 1) + "深",
            "*".repeat(2 * MAX_DEPTH) + "深" + &"*".repeat(2 * MAX_DEPTH),
            "- ".repeat(10) + "a\n" + &"  ".repeat(10) + &"*".repeat(28) + "深" + &"*".repeat(28),
        ] {
            let md = format!("{filler}{bad}\n");
            assert!(may_have_problems(&md), "{bad}");
            assert!(!problems(&md).is_empty(), "{bad}");
        }
    }

    #[test]
    fn table_alignment_is_a_class_not_a_style() {
        let h = to_html("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n");
        assert!(!h.contains("style"), "{h}");
        assert!(h.contains("<th class=\"align-center\">b</th>") && h.contains("<td class=\"align-right\">3</td>"), "{h}");
    }

    #[test]
    fn allowed_and_refused_addresses() {
        for ok in ["http://a.cn/x", "HTTPS://a.cn", "mailto:x@a.cn", "../units/a/index.html", "#term-x", "a/b.html?q=1:2", "2024:1"] {
            assert!(url_allowed(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:x",
            "\u{1}javascript:x",
            "data:text/html,x",
            "vbscript:x",
            "file:///etc/passwd",
            "ftp://a.cn",
            "//host/share",
            "\\\\host\\share",
            "/\\host",
        ] {
            assert!(!url_allowed(bad), "{bad:?}");
        }
    }

    #[test]
    fn every_spelling_of_a_script_link_is_refused_and_rendered_as_text() {
        let cases = [
            "[点我](javascript:alert(1))",
            "[点我](JAVASCRIPT:alert(1))",
            "[点我](&#106;avascript:alert(1))",
            "[点我](java&#x09;script:alert(1))",
            "[点我][r]\n\n[r]: javascript:alert(1)",
            "<javascript:alert(1)>",
            "[点我](<javascript:alert(1)>)",
            "[点我]( javascript:alert(1) )",
            "![图](javascript:alert(1))",
            "[点我](data:text/html;base64,PHNjcmlwdD4=)",
        ];
        for md in cases {
            let h = to_html(md);
            assert!(!h.contains("href") && !h.contains("<img"), "{md:?} → {h}");
            assert_eq!(problems(md).len(), 1, "{md:?}: {:?}", problems(md));
            assert!(matches!(problems(md)[0], Problem::Url { .. }));
        }
        assert!(to_html("[点我](javascript:alert(1))").contains("点我"));
        assert!(!to_html("![图](javascript:x)").contains('图'));
        assert!(to_html("[站内](../index.html) [外](https://a.cn)").matches("href").count() == 2);
        assert!(problems("[站内](../index.html) <https://a.cn> [m](mailto:a@b.cn)").is_empty());
    }

    #[test]
    fn deep_nesting_is_reported_and_flattened() {
        for md in [
            "> - ".repeat(100_000) + " 深",
            ">".repeat(10_000) + " 深",
            "- ".repeat(10_000) + "深",
            "*".repeat(10_000) + "深" + &"*".repeat(10_000),
            "[".repeat(10_000) + "深" + &"](a)".repeat(10_000),
        ] {
            let p = problems(&md);
            let h = to_html(&md);
            assert!(h.contains('深'));
            let opened = h.matches("<blockquote>").count()
                + h.matches("<li>").count()
                + h.matches("<em>").count()
                + h.matches("<strong>").count()
                + h.matches("<a ").count();
            assert!(opened <= MAX_DEPTH, "{opened} levels");
            if h.matches("<blockquote>").count() + h.matches("<li>").count() > 10 {
                assert!(p.iter().any(|p| matches!(p, Problem::TooDeep { .. })), "{:?}", &md[..20]);
            }
        }
        // A table cut off by the limit still renders, whatever level it starts at.
        for d in MAX_DEPTH - 4..MAX_DEPTH + 1 {
            let q = ">".repeat(d);
            let h = to_html(&format!("{q} | a | b |\n{q} |:-:|--|\n{q} | 1 | *2* |\n"));
            assert!(h.contains('1') && h.contains('2'), "{d}: {h}");
        }
        // A quote nested MAX_DEPTH − 1 deep holds a paragraph: MAX_DEPTH levels.
        assert!(problems(&(">".repeat(MAX_DEPTH - 1) + " 可以")).is_empty());
        assert_eq!(problems(&(">".repeat(MAX_DEPTH) + " 太深")), vec![Problem::TooDeep { offset: MAX_DEPTH + 1 }]);
    }
}
