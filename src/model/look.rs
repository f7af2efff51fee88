//! 网站外观 — a site's own look: `[look]` of `site.toml` (logo, the two
//! colours, an extra stylesheet) and the header and footer partials of the
//! content folder (`_header.md`, `_footer.md`). The colours are checked
//! here against white (WCAG 2.1 contrast ratio), exactly, without floats
//! in what is reported: the ratio is shown rounded to two decimals.

use serde::Deserialize;

use crate::source::Located;

/// `[look]` of `site.toml` — every key optional; unset keys keep the
/// built-in look.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Look {
    /// 网站标志 (logo): an image in the project's `static/` folder
    /// (`static/…`), shown before the site's title in every page's header.
    pub logo: Option<Located<String>>,
    /// 主色 (`#rrggbb`): the site title, headings, the header's rule and
    /// pressed buttons (white text on it).
    pub primary: Option<Located<String>>,
    /// 辅色 (`#rrggbb`): links (text on white).
    pub accent: Option<Located<String>>,
    /// 附加样式表: a CSS file in the project's `static/` folder
    /// (`static/…`), linked after the built-in stylesheet on every page.
    pub css: Option<Located<String>>,
}

/// The header and footer partials (页头、页脚片段): Markdown files at the
/// top of the content folder, each shown on every page when present.
#[derive(Debug, Default, Clone)]
pub struct Partials {
    /// `_header.md`: shown at the top of every page's header (banner, links back to the portal).
    pub header: Option<Partial>,
    /// `_footer.md`: shown in every page's footer (主办单位, 网站标识码, 备案 lines).
    pub footer: Option<Partial>,
}

/// One partial: its Markdown, comments blanked (its problems are
/// reported by `check` against the file itself).
#[derive(Debug, Clone)]
pub struct Partial {
    /// The Markdown text, HTML comments blanked (see [`crate::load::front_matter::blank_comments`]).
    pub text: String,
}

/// The file names of the partials in the content folder.
pub const HEADER_FILE: &str = "_header.md";
/// See [`HEADER_FILE`].
pub const FOOTER_FILE: &str = "_footer.md";

/// The least contrast ratio against white that WCAG 2.1 AA asks of
/// normal text (4.5:1), in hundredths.
pub const AA_CONTRAST_HUNDREDTHS: u32 = 450;

/// A colour written `#rrggbb` (six hex digits, either case), as its red,
/// green and blue bytes; `None` for anything else.
pub fn parse_colour(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#').filter(|h| h.len() == 6 && h.bytes().all(|b| b.is_ascii_hexdigit()))?;
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// The contrast ratio of `rgb` against white (WCAG 2.1: (1.05) / (L + 0.05)
/// with L the relative luminance), in hundredths, rounded down — so a
/// colour passes AA exactly when this is at least [`AA_CONTRAST_HUNDREDTHS`]
/// (rounding down never lets a colour just below 4.5 pass).
pub fn contrast_with_white(rgb: [u8; 3]) -> u32 {
    // The sRGB transfer is a power law: this ratio is for deciding
    // pass/fail and showing two decimals, not a money figure.
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    let l = 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
    (1.05 / (l + 0.05) * 100.0).floor() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_six_hex_digits() {
        assert_eq!(parse_colour("#8b1a1a"), Some([0x8b, 0x1a, 0x1a]));
        assert_eq!(parse_colour("#FFFFFF"), Some([255, 255, 255]));
        for bad in ["8b1a1a", "#8b1a1", "#8b1a1a0", "#gg0000", "red", "", "#８b1a1a"] {
            assert_eq!(parse_colour(bad), None, "{bad}");
        }
    }

    #[test]
    fn contrast_against_white_as_wcag_computes_it() {
        assert_eq!(contrast_with_white([0, 0, 0]), 2100);
        assert_eq!(contrast_with_white([255, 255, 255]), 100);
        // The built-in 主色 #8b1a1a and link colour #0a4f9e pass; #767676 is the classic 4.54.
        assert!(contrast_with_white([0x8b, 0x1a, 0x1a]) >= AA_CONTRAST_HUNDREDTHS);
        assert!(contrast_with_white([0x0a, 0x4f, 0x9e]) >= AA_CONTRAST_HUNDREDTHS);
        assert_eq!(contrast_with_white([0x76, 0x76, 0x76]), 454);
        // #777777 is 4.48: below AA.
        assert_eq!(contrast_with_white([0x77, 0x77, 0x77]), 447);
    }
}
