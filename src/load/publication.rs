//! What the loader reads for the government site's conventions: a year's
//! `attachments/` folder (附件, published as they are) and the check that
//! the footer's 党政机关标识 is a file of the project's `static/`.

use std::path::Path;

use super::files::{self, Node};
use super::{Listing, file_name, read_dir_sorted, static_dir};
use crate::check::{Code, Diagnostic, Severity};
use crate::error::Result;
use crate::model::SiteConfig;
use crate::model::publication::ATTACHMENT_TYPES;
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

/// The site's 党政机关标识 (`identity.emblem`), if set, must be a file of the
/// project's `static/` folder (beside `content`), written `static/<file>`.
pub(super) fn emblem(sources: &SourceMap, config: &SiteConfig, content: &Path) -> Option<Diagnostic> {
    let emblem = config.identity.emblem.as_ref().filter(|e| !e.value.trim().is_empty())?;
    let inside = emblem.value.strip_prefix("static/").filter(|rest| !rest.split('/').any(|p| p == ".." || p.is_empty()));
    let found = inside.and_then(|rest| static_dir(content).map(|d| d.join(rest))).is_some_and(|p| p.is_file());
    (!found).then(|| {
        Diagnostic::new(
            sources,
            emblem.span,
            Severity::Error,
            Code::Reference,
            "identity.emblem".into(),
            format!("党政机关标识 “{}” 不是 static/ 目录里的文件（应写成 static/<文件名>，文件放在内容目录旁的 static/ 里）", emblem.value),
        )
    })
}
