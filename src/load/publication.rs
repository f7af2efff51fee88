//! What the loader reads for the government site's conventions: a year's
//! `attachments/` folder (附件, published as they are), the header and
//! footer partials, the check that the
//! footer's 党政机关标识 and the site's logo and extra stylesheet are files
//! of the project's `static/`, and the check of the site's colours.

use std::path::Path;

use super::files::{self, Node};
use super::{Kind, Listing, file_name, read_dir_sorted, static_dir};
use crate::check::{Code, Diagnostic, Severity};
use crate::error::Result;
use crate::model::publication::ATTACHMENT_TYPES;
use crate::model::{SiteConfig, look};
use crate::source::Located;
use crate::source::SourceMap;

/// The year folder's folder of 附件 (original documents published as they are).
pub const ATTACHMENTS: &str = "attachments";

/// List the files of a year's `attachments/` (`dir`): only the file types of
/// [`ATTACHMENT_TYPES`], no folders.
pub(super) fn list_attachments(dir: &Path, root: &Path, unit: usize, year: usize, l: &mut Listing) -> Result<()> {
    for (f, node) in read_dir_sorted(dir, root, &mut l.diagnostics)? {
        let name = file_name(&f);
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        match node {
            _ if name.starts_with('.') => {}
            None => {}
            Some(Node::File) if ATTACHMENT_TYPES.contains(&ext.as_str()) => l.attachments.push((f, unit, year)),
            Some(Node::File) => l.diagnostics.push(files::problem(
                &f,
                Code::Layout,
                format!(
                    "{ATTACHMENTS}/ 里的 “{name}” 不是可以作为附件公开的文件；附件只能是 {}",
                    ATTACHMENT_TYPES.iter().map(|t| format!(".{t}")).collect::<Vec<_>>().join("、")
                ),
            )),
            Some(Node::Dir) => l.diagnostics.push(files::problem(&f, Code::Layout, format!("{ATTACHMENTS}/ 里不能再有子目录 “{name}”"))),
        }
    }
    Ok(())
}

/// List the header and footer partials at the top of the content folder
/// (`_header.md`, `_footer.md`), those present.
pub(super) fn list_partials(content: &Path, root: &Path, l: &mut Listing) {
    for (name, header) in [(look::HEADER_FILE, true), (look::FOOTER_FILE, false)] {
        let partial = content.join(name);
        if std::fs::symlink_metadata(&partial).is_err() {
            continue;
        }
        match files::inspect(&partial, root, super::CONTENT) {
            Ok(Node::File) => l.files.push((partial, Kind::Partial { header })),
            Ok(Node::Dir) => l.diagnostics.push(files::problem(&partial, Code::Layout, format!("{name} 应是页头、页脚的 Markdown 文件，不能是目录"))),
            Err(d) => l.diagnostics.push(d),
        }
    }
}

/// The site's 党政机关标识 (`identity.emblem`), 网站标志 (`look.logo`) and
/// 附加样式表 (`look.css`), each if set, must be a file of the project's
/// `static/` folder (beside `content`), written `static/<file>`.
pub(super) fn static_files(sources: &SourceMap, config: &SiteConfig, content: &Path) -> Vec<Diagnostic> {
    let look = &config.look;
    [(&config.identity.emblem, "identity.emblem", "党政机关标识"), (&look.logo, "look.logo", "网站标志"), (&look.css, "look.css", "附加样式表")]
        .into_iter()
        .filter_map(|(file, field, what)| static_file(sources, file.as_ref()?, field, what, content))
        .collect()
}

/// A diagnostic when `file` (of `field`, a `what`) is not a file of the
/// project's `static/` folder.
fn static_file(sources: &SourceMap, file: &Located<String>, field: &str, what: &str, content: &Path) -> Option<Diagnostic> {
    if file.value.trim().is_empty() {
        return None;
    }
    let inside = file.value.strip_prefix("static/").filter(|rest| !rest.split('/').any(|p| p == ".." || p.is_empty()));
    let found = inside.and_then(|rest| static_dir(content).map(|d| d.join(rest))).is_some_and(|p| p.is_file());
    (!found).then(|| {
        Diagnostic::new(
            sources,
            file.span,
            Severity::Error,
            Code::Reference,
            field.into(),
            format!("{what} “{}” 不是 static/ 目录里的文件（应写成 static/<文件名>，文件放在内容目录旁的 static/ 里）", file.value),
        )
    })
}

/// The colours of `[look]`: each must be written `#rrggbb` (`E-COLOUR`),
/// and should contrast with white at least 4.5:1 (WCAG 2.1 AA; `W-CONTRAST`
/// otherwise): 主色 carries white text, 辅色 is text on white.
pub(super) fn colours(sources: &SourceMap, config: &SiteConfig) -> Vec<Diagnostic> {
    let look = &config.look;
    let mut out = vec![];
    for (colour, field, what, role) in
        [(&look.primary, "look.primary", "主色", "按钮上的白字在这个颜色上"), (&look.accent, "look.accent", "辅色", "白底上这个颜色的链接文字")]
    {
        let Some(colour) = colour else { continue };
        let Some(rgb) = look::parse_colour(colour.value.trim()) else {
            let message = format!("{what} “{}” 不是颜色：请写成 # 加六位十六进制数字，如 \"#8b1a1a\"", colour.value);
            out.push(Diagnostic::new(sources, colour.span, Severity::Error, Code::Colour, field.into(), message));
            continue;
        };
        let ratio = look::contrast_with_white(rgb);
        if ratio < look::AA_CONTRAST_HUNDREDTHS {
            let message = format!(
                "{what} {} 与白色的对比度只有 {}.{:02}:1，低于无障碍标准（WCAG 2.1 AA）要求的 4.5:1：{role}不易看清，请换用更深的颜色",
                colour.value.trim(),
                ratio / 100,
                ratio % 100
            );
            out.push(Diagnostic::new(sources, colour.span, Severity::Warning, Code::Contrast, field.into(), message));
        }
    }
    out
}
