//! The site-wide Markdown texts every page shows: the header and footer
//! partials of the content folder (`_header.md`, `_footer.md`: banner,
//! 主办单位, 网站标识码, 备案 lines, links back to the portal) and
//! `site.toml`'s `footer`. They are held to the narratives' policy
//! ([`super::markdown`]: raw HTML shown as text, only allowed addresses),
//! and their relative addresses (`static/logo.png`, `units/x/index.html`)
//! name places from the site root, so each page links them through its
//! own way up ([`to_html_from_root`]). Also here: dropping HTML comments
//! (注释) from raw HTML, for every Markdown text.

use pulldown_cmark::{CowStr, Event, Tag, html};

/// Site-wide Markdown `md` as HTML on a page whose way up to the site root
/// is `root` (`""`, `"../"` …): every relative link or image address is
/// read from the site root, so `static/logo.png` works at every depth.
pub fn to_html_from_root(md: &str, root: &str) -> String {
    let events = super::markdown::allowed(md).map(|(e, _)| match e {
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => Event::Start(Tag::Link { link_type, dest_url: lift(dest_url, root), title, id }),
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => Event::Start(Tag::Image { link_type, dest_url: lift(dest_url, root), title, id }),
        other => other,
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    super::markdown::aligned_by_class(out)
}

/// `url` read from the site root on a page whose way up is `root`.
fn lift<'a>(url: CowStr<'a>, root: &str) -> CowStr<'a> {
    if is_relative(&url) { CowStr::from(format!("{root}{url}")) } else { url }
}

/// Is `url` (one [`super::markdown::url_allowed`] lets through) a path
/// relative to the page: no scheme, not a `#fragment`, not from the disk's
/// root?
fn is_relative(url: &str) -> bool {
    let url = url.trim_start_matches(' ');
    let scheme = url.split_once(':').is_some_and(|(head, _)| !head.contains(['/', '?', '#']));
    !url.is_empty() && !scheme && !url.starts_with(['#', '/', '?'])
}

/// Raw HTML `s` without its comments (`<!-- … -->`, dropped, never
/// shown): `in_comment` says whether an earlier piece of raw HTML left a
/// comment open, and is left saying whether `s` does.
pub fn without_comments(s: &str, in_comment: &mut bool) -> String {
    let mut out = String::new();
    let mut rest = s;
    loop {
        if *in_comment {
            match rest.find("-->") {
                Some(end) => {
                    rest = &rest[end + 3..];
                    *in_comment = false;
                }
                None => return out,
            }
        }
        match rest.find("<!--") {
            Some(open) => {
                out.push_str(&rest[..open]);
                rest = &rest[open + 4..];
                *in_comment = true;
            }
            None => {
                out.push_str(rest);
                return out;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_addresses_are_read_from_the_site_root() {
        let h = to_html_from_root("![标识](static/logo.png) [门户](https://www.bjxch.gov.cn/) [本站](index.html) [上](#top) [信](mailto:a@b.cn)", "../../");
        assert!(h.contains("src=\"../../static/logo.png\""), "{h}");
        assert!(h.contains("href=\"../../index.html\""), "{h}");
        assert!(h.contains("href=\"https://www.bjxch.gov.cn/\"") && h.contains("href=\"#top\"") && h.contains("href=\"mailto:a@b.cn\""), "{h}");
        assert!(to_html_from_root("[x](static/a.css)", "").contains("href=\"static/a.css\""));
    }

    #[test]
    fn raw_html_stays_text_and_comments_go() {
        let h = to_html_from_root("<b>粗</b> 前<!-- 注 {{ a }} -->后\n\n<!--\n多行注释\n-->\n\n<script>x</script>", "../");
        assert!(h.contains("&lt;b&gt;粗&lt;/b&gt;") && h.contains("&lt;script&gt;"), "{h}");
        assert!(h.contains("前后") && !h.contains('注') && !h.contains("多行") && !h.contains("&lt;!--"), "{h}");
        let h = super::super::markdown::to_html("[坏](javascript:alert(1))");
        assert!(!h.contains("javascript"), "{h}");
    }
}
