//! The site's own look on every page (`[look]` of `site.toml`): the
//! generated stylesheet `static/look.css` that sets the two colours, and
//! the stylesheets each page links after the built-in `style.css`. The
//! pages' Content-Security-Policy allows no inline style, so colours go
//! into a file of their own.

use crate::model::look::{Look, parse_colour};

/// Where the colours' stylesheet is written in the site.
pub const LOOK_CSS: &str = "static/look.css";

/// The stylesheet setting the site's colours, when `[look]` sets a valid
/// one: 主色 as `--accent` (title, headings, the header's rule, pressed
/// buttons), 辅色 as the colour of links. A colour the loader refused
/// (`E-COLOUR`) is left out.
pub fn colours_css(look: &Look) -> Option<String> {
    let valid = |c: &Option<crate::source::Located<String>>| c.as_ref().map(|c| c.value.trim().to_ascii_lowercase()).filter(|c| parse_colour(c).is_some());
    let (primary, accent) = (valid(&look.primary), valid(&look.accent));
    if primary.is_none() && accent.is_none() {
        return None;
    }
    let mut css = String::from("/* 网站外观：site.toml 的 [look] 设定的颜色（gongkai 生成） */\n");
    if let Some(p) = primary {
        css.push_str(&format!(":root {{ --accent: {p}; }}\n"));
    }
    if let Some(a) = accent {
        css.push_str(&format!("a {{ color: {a}; }}\n"));
    }
    Some(css)
}

/// The stylesheets (site-root paths) every page links after `style.css`:
/// the colours' ([`LOOK_CSS`]), then the site's extra stylesheet.
pub fn stylesheets(look: &Look) -> Vec<String> {
    let colours = colours_css(look).map(|_| LOOK_CSS.to_string());
    let extra = look.css.as_ref().map(|c| c.value.trim().to_string()).filter(|c| !c.is_empty());
    colours.into_iter().chain(extra).collect()
}
