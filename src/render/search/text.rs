//! Plain text of the prose a page's code wrote (narratives, paragraphs,
//! glossary definitions), for full-text search: the HTML fragment the
//! code made for one block — never the finished page — with its tags
//! dropped and its character references decoded.

/// Elements that start a new line of text: a space is put where one
/// opens or closes, so `</p><p>` does not glue two sentences.
const BLOCKS: [&str; 17] = ["p", "li", "ul", "ol", "div", "h1", "h2", "h3", "h4", "h5", "dt", "dd", "br", "tr", "td", "th", "blockquote"];

/// The text of an HTML fragment: tags dropped, character references
/// decoded, a space at each block element, white space collapsed.
pub fn html_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&html_escape::decode_html_entities(&rest[..start]));
        let tag = &rest[start + 1..];
        let end = tag.find('>').unwrap_or(tag.len());
        let name = tag[..end].trim_start_matches('/').split(|c: char| c.is_whitespace() || c == '/').next().unwrap_or("");
        if BLOCKS.contains(&name.to_ascii_lowercase().as_str()) {
            out.push(' ');
        }
        rest = tag.get(end + 1..).unwrap_or("");
    }
    out.push_str(&html_escape::decode_html_entities(rest));
    super::one_line(&out)
}

#[cfg(test)]
mod tests {
    use super::html_text;

    #[test]
    fn tags_dropped_references_decoded_blocks_spaced() {
        let html =
            "<div class=\"narrative\"><h3>三公</h3><p>公务接待费支出<span class=src data-src=\"a.toml:3\">0.00</span>万元；</p><p>A&amp;B &lt;x&gt;</p></div>";
        assert_eq!(html_text(html), "三公 公务接待费支出0.00万元； A&B <x>");
        assert_eq!(html_text("a<br>b<"), "a b");
    }
}
