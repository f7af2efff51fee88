//! Markdown narrative to HTML (pulldown-cmark). Raw HTML in the source is
//! shown as text: narrative is data, not markup. Figures bound from the
//! data ([`crate::bind`]) come out as `<span class="bound" data-src=…>`.

use pulldown_cmark::{html, Event, Options, Parser};

pub fn to_html(md: &str) -> String {
    let parser = Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH).map(|e| match e {
        Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
        other => other,
    });
    let mut out = String::new();
    html::push_html(&mut out, parser);
    crate::bind::mark_html(&out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn raw_html_is_escaped() {
        let h = super::to_html("段落 <script>x</script>");
        assert!(h.contains("&lt;script&gt;"));
        assert!(h.starts_with("<p>"));
    }
}
