//! A site's own look and files (issue O item 5): `[look]` of `site.toml`
//! (logo, 主色/辅色 checked as `#rrggbb` and against white, an extra
//! stylesheet), the header and footer partials `_header.md`/`_footer.md`
//! under the narratives' HTML policy with links from the site root at every
//! depth, and comments `<!-- … -->` in narratives (dropped, their `{{ }}`
//! not bound). Built on `tests/fixtures/conventions` (a page four folders
//! down) and on the demo.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{Severity, build_content as build, check_json, copy_dir, line_of, only_code, read_page as read, text};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/conventions/content");
/// A page four folders below the site root.
const DEEP: &str = "units/example/2024/final-accounts/index.html";

/// The fixture copied with `look` appended to its `site.toml`, its
/// `static/` beside it with a logo and an extra stylesheet added, and each
/// `(name, text)` of `files` written into the content folder.
fn fixture(look: &str, files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(Path::new(FIXTURE), &content);
    let statics = dir.path().join("static");
    copy_dir(&Path::new(FIXTURE).with_file_name("static"), &statics);
    fs::copy(statics.join("emblem.png"), statics.join("logo.png")).unwrap();
    fs::write(statics.join("extra.css"), ".brand { letter-spacing: .1em; }\n").unwrap();
    let site = content.join("site.toml");
    let toml = fs::read_to_string(&site).unwrap();
    fs::write(&site, format!("{toml}\n{look}")).unwrap();
    for (name, body) in files {
        fs::write(content.join(name), body).unwrap();
    }
    (dir, content)
}

/// The line of `key` in the `[look]` table of `content`'s site.toml.
fn look_line(content: &Path, key: &str) -> u64 {
    line_of(&fs::read_to_string(content.join("site.toml")).unwrap(), "[look]", key)
}

const LOOK: &str = "[look]\nlogo = \"static/logo.png\"\nprimary = \"#1F4E8C\"\naccent = \"#9c1c1c\"\ncss = \"static/extra.css\"\n";

#[test]
fn logo_colours_and_extra_css_are_linked_from_every_depth() {
    let (_dir, content) = fixture(LOOK, &[]);
    let diags = check_json(&content);
    assert!(diags.iter().all(|d| !["E-COLOUR", "W-CONTRAST", "E-REFERENCE"].contains(&d.code.as_str())), "{diags:#?}");
    let (_out, site) = build(&content);
    for (page, up) in [("index.html", ""), (DEEP, "../../../../")] {
        let html = read(&site, page);
        let (style, look, extra) = (format!("{up}static/style.css"), format!("{up}static/look.css"), format!("{up}static/extra.css"));
        let at = |s: &str| html.find(&format!("href={s} ")).unwrap_or_else(|| panic!("{page} links {s}: {html:.600}"));
        assert!(at(&style) < at(&look) && at(&look) < at(&extra), "{page}: style.css, then the colours, then the extra stylesheet");
        let brand = html.split("class=brand").nth(1).unwrap().split("</a>").next().unwrap();
        assert!(brand.contains(&format!("src={up}static/logo.png")), "{page}: the logo in the title link: {brand}");
    }
    let css = read(&site, "static/look.css");
    assert!(css.contains(":root { --accent: #1f4e8c; }") && css.contains("a { color: #9c1c1c; }"), "{css}");
    assert_eq!(read(&site, "static/extra.css"), ".brand { letter-spacing: .1em; }\n");
}

#[test]
fn without_look_no_colour_stylesheet_is_written() {
    let (_dir, content) = fixture("", &[]);
    let (_out, site) = build(&content);
    assert!(!site.join("static/look.css").exists());
    assert!(!read(&site, DEEP).contains("look.css"));
}

#[test]
fn a_colour_not_written_rrggbb_is_an_error_at_its_line() {
    for bad in ["red", "#12345", "#1f4e8cff", "1f4e8c", "#１f4e8c"] {
        let look = format!("[look]\nprimary = \"{bad}\"\n");
        let (_dir, content) = fixture(&look, &[]);
        let line = look_line(&content, "primary");
        let d = only_code(&check_json(&content), "E-COLOUR");
        d.assert_is(Severity::Error, "E-COLOUR", "site.toml", line, "look.primary", bad);
        assert!(d.message.contains("#rrggbb") || d.message.contains("六位十六进制"), "{d:?}");
    }
}

#[test]
fn low_contrast_against_white_is_a_warning_at_its_line() {
    let (_dir, content) = fixture("[look]\nprimary = \"#1f4e8c\"\naccent = \"#999999\"\n", &[]);
    let d = only_code(&check_json(&content), "W-CONTRAST");
    d.assert_is(Severity::Warning, "W-CONTRAST", "site.toml", look_line(&content, "accent"), "look.accent", "2.84:1");
    assert!(d.message.contains("4.5:1"), "{d:?}");
    // #777777 (4.47:1) is just below; #767676 (4.54:1) passes.
    let (_dir, content) = fixture("[look]\nprimary = \"#777777\"\n", &[]);
    only_code(&check_json(&content), "W-CONTRAST").assert_is(
        Severity::Warning,
        "W-CONTRAST",
        "site.toml",
        look_line(&content, "primary"),
        "look.primary",
        "4.47:1",
    );
    let (_dir, content) = fixture("[look]\nprimary = \"#767676\"\n", &[]);
    assert!(check_json(&content).iter().all(|d| d.code != "W-CONTRAST"));
}

#[test]
fn a_logo_or_stylesheet_outside_static_is_named() {
    let (_dir, content) = fixture("[look]\nlogo = \"static/missing.png\"\n", &[]);
    only_code(&check_json(&content), "E-REFERENCE").assert_is(
        Severity::Error,
        "E-REFERENCE",
        "site.toml",
        look_line(&content, "logo"),
        "look.logo",
        "static/missing.png",
    );
    let (_dir, content) = fixture("[look]\ncss = \"../site.css\"\n", &[]);
    only_code(&check_json(&content), "E-REFERENCE").assert_is(
        Severity::Error,
        "E-REFERENCE",
        "site.toml",
        look_line(&content, "css"),
        "look.css",
        "../site.css",
    );
}

const HEADER: &str = "<!-- 页头横幅：{{ final-accounts.nope }} 不会被解析 -->\n![](static/logo.png) 示例区人民政府门户网站 · [返回门户](https://www.example.gov.cn/) · [本站首页](index.html)\n\n<script>alert(1)</script>\n";
const FOOTER: &str = "主办单位：示例区人民政府 · 网站标识码：1101020001\n\n京ICP备05012345号 · <b>粗体</b> · [下载说明](static/extra.css)\n";

#[test]
fn partials_are_rendered_under_the_narrative_policy_with_links_from_the_root() {
    let (_dir, content) = fixture("", &[("_header.md", HEADER), ("_footer.md", FOOTER)]);
    let diags = check_json(&content);
    assert!(diags.iter().all(|d| !d.file.starts_with('_')), "{diags:#?}");
    let (_out, site) = build(&content);
    for (page, up) in [("index.html", ""), (DEEP, "../../../../")] {
        let html = read(&site, page);
        let header = html.split("<header").nth(1).unwrap().split("</header>").next().unwrap();
        let banner = header.split("class=site-banner").nth(1).unwrap_or_else(|| panic!("{page}: no banner: {header}"));
        assert!(banner.contains(&format!("src={up}static/logo.png")), "{page}: {banner}");
        assert!(banner.contains(&format!("href={up}index.html>本站首页")), "{page}: {banner}");
        assert!(banner.contains("href=https://www.example.gov.cn/>返回门户"), "{page}: {banner}");
        // Raw HTML is text, as in a narrative; the comment is gone.
        assert!(banner.contains("&lt;script>alert(1)&lt;/script>") && !html.contains("<script>alert"), "{page}: {banner}");
        assert!(!banner.contains("页头横幅") && !banner.contains("&lt;!--"), "{page}: {banner}");
        let footer = html.split("<footer").nth(1).unwrap();
        assert!(text(footer).contains("主办单位：示例区人民政府 · 网站标识码：1101020001"), "{page}: {footer}");
        assert!(footer.contains("&lt;b>粗体&lt;/b>"), "{page}: {footer}");
        assert!(footer.contains(&format!("href={up}static/extra.css>下载说明")), "{page}: {footer}");
    }
}

#[test]
fn a_refused_link_in_a_partial_is_reported_at_its_line() {
    let (_dir, content) = fixture("", &[("_footer.md", "第一行\n\n[点我](javascript:alert(1))\n")]);
    only_code(&check_json(&content), "E-URL").assert_is(Severity::Error, "E-URL", "_footer.md", 3, "正文", "javascript:");
}

#[test]
fn a_comment_in_a_narrative_is_dropped_and_its_binding_not_checked() {
    let dir = tempfile::tempdir().unwrap();
    let body = "可见的正文。<!-- 给编辑的注释：{{ final-accounts.nope | 万元 }} [x](javascript:alert(1)) xxx -->后面的正文。\n\n<!--\n整段注释 {{ nope\n-->\n最后一段。";
    let content = common::example_with_narrative(dir.path(), body);
    let diags = check_json(&content);
    assert!(diags.is_empty(), "the comment's binding, link and placeholder are not looked at: {diags:#?}");
    let (_out, site) = build(&content);
    let page = read(&site, "units/example/2024/final-accounts/index.html");
    let shown = text(&page);
    assert!(shown.contains("可见的正文。后面的正文。") && shown.contains("最后一段。"), "{shown}");
    assert!(!shown.contains("注释") && !page.contains("&lt;!--") && !page.contains("nope"), "{shown}");
    // Without the comment marks the same binding is an error: the test can fail.
    let plain = tempfile::tempdir().unwrap();
    let content = common::example_with_narrative(plain.path(), "正文 {{ final-accounts.nope | 万元 }}。");
    assert!(check_json(&content).iter().any(|d| d.code == "E-REFERENCE"));
}

#[test]
fn the_demo_has_its_own_logo_colours_and_footer() {
    let site = common::site();
    let deep = read(site, "units/xinjiekou/2023/final-accounts/index.html");
    assert!(deep.contains("src=../../../../static/logo.svg"), "the logo from four folders down");
    assert!(deep.contains("href=../../../../static/look.css "));
    assert!(read(site, "static/look.css").contains("--accent: #1f4e8c"));
    let footer = deep.split("<footer").nth(1).unwrap();
    assert!(footer.contains("href=../../../../index.html>回到本站首页</a>"), "{footer}");
    assert!(!footer.contains("页脚片段"), "the partial's comment is not shown");
}
