//! Source files and positions: every value read from `content/` remembers the
//! file and byte range it came from, so a diagnostic can name `file:line:column`.
//!
//! A file is named by its path inside the content folder
//! (`units/x/2023/final-accounts.toml`) everywhere a name can be published —
//! `data-src`, the 数据核验 pages, anchors, CSV — so a site never shows where
//! it was built and the same content gives the same bytes from any folder.
//! Only the terminal shows the path as the user can open it
//! ([`SourceMap::openable`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Index of a file in the [`SourceMap`].
pub type FileId = u32;

/// A byte range inside one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

/// One loaded source file: its names and its text.
#[derive(Debug)]
pub struct SourceFile {
    /// Its path inside the content folder, `/`-separated: how diagnostics and
    /// pages name it, whatever folder the content sits in.
    pub display: String,
    pub text: String,
    line_starts: Vec<u32>,
}

/// A resolved position: 1-based line and column (in characters), and for a
/// workbook the cell (`公开05表!D12`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub line: u32,
    pub column: u32,
    /// The sheet and cell, when the file is a workbook.
    pub cell: Option<String>,
}

/// Is a file, by its name, a workbook (`.xlsx`, `.xls`, `.ods`)? Its text in
/// the [`SourceMap`] is then its cell listing, one cell a line
/// (`公开05表!D12<TAB>1234.56`, see `load::workbook`), and a position in it
/// names the cell on that line.
pub fn is_workbook(name: &str) -> bool {
    let lower = name.to_lowercase();
    [".xlsx", ".xls", ".ods"].iter().any(|ext| lower.ends_with(ext))
}

/// Is a file, by its name, a 公开表 CSV file (`.csv`)? Its text in the
/// [`SourceMap`] is a cell listing too, of one sheet named after the file;
/// a position in it names the cell alone (`D12`: the file is the sheet).
pub fn is_csv(name: &str) -> bool {
    name.to_lowercase().ends_with(".csv")
}

impl SourceFile {
    pub fn new(display: String, text: String) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i as u32 + 1));
        SourceFile { display, text, line_starts }
    }

    /// The cell (`公开05表!D12`) at a byte offset of a workbook's cell
    /// listing; of a CSV file's listing the cell alone (`D12`), none at its sheet line.
    pub fn cell(&self, offset: u32) -> Option<String> {
        let csv = is_csv(&self.display);
        if !is_workbook(&self.display) && !csv {
            return None;
        }
        let (line, _) = self.position(offset);
        let start = self.line_starts[line as usize - 1] as usize;
        let rest = &self.text[start..];
        let line_text = rest.split('\n').next().unwrap_or("");
        let cell = line_text.split_once('\t').map(|(cell, _)| cell.trim_end_matches('!'))?;
        if csv {
            return cell.rsplit_once('!').map(|(_, c)| c.to_string());
        }
        Some(cell.to_string())
    }

    /// 1-based line and column of a byte offset.
    pub fn position(&self, offset: u32) -> (u32, u32) {
        let offset = offset.min(self.text.len() as u32);
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line] as usize;
        let end = (offset as usize).max(start);
        let column = self.text.get(start..end).map_or(1, |s| s.chars().count() + 1);
        (line as u32 + 1, column as u32)
    }
}

/// All files read during one run, from one content folder. File ids index into it.
#[derive(Debug, Default)]
pub struct SourceMap {
    /// The content folder the files are named relative to.
    root: PathBuf,
    files: Vec<SourceFile>,
    /// Each file's `display` name → its path as the user can open it
    /// (relative to the working directory when it lies below it): for the
    /// terminal only, never published.
    openable: HashMap<String, String>,
}

impl SourceMap {
    /// An empty map for the files of the content folder `root`.
    pub fn new(root: &Path) -> Self {
        SourceMap { root: root.to_path_buf(), ..Default::default() }
    }

    /// Add the file at `path` (below the content folder) with its text.
    pub fn add(&mut self, path: &Path, text: String) -> FileId {
        let inside = path.strip_prefix(&self.root).unwrap_or(path);
        let display = inside.to_string_lossy().replace('\\', "/");
        self.openable.insert(display.clone(), display_path(path));
        self.files.push(SourceFile::new(display, text));
        (self.files.len() - 1) as FileId
    }

    /// The path the user can open for a name a diagnostic gives: a content
    /// file's name becomes its path from the working directory; any other
    /// (a folder, a file that could not be read) is already such a path.
    pub fn openable<'a>(&'a self, name: &'a str) -> &'a str {
        self.openable.get(name).map_or(name, String::as_str)
    }

    /// The content folder the files are named relative to.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// How many files; their ids are `0..len()`.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id as usize]
    }

    pub fn locate(&self, span: Span) -> Location {
        let f = self.file(span.file);
        let (line, column) = f.position(span.start);
        Location { file: f.display.clone(), line, column, cell: f.cell(span.start) }
    }

    /// Location of the start of a file (for problems with a whole file).
    pub fn file_start(&self, id: FileId) -> Location {
        self.locate(Span { file: id, start: 0, end: 0 })
    }
}

/// How a path is shown in diagnostics: relative to the current directory when
/// it lies below it, else as given.
pub fn display_path(path: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    let shown: PathBuf = path.strip_prefix(&cwd).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf());
    shown.to_string_lossy().replace('\\', "/")
}

thread_local! {
    /// The file being deserialised on this thread: id, text, and the byte
    /// offset of the parsed text inside the file (non-zero for front matter).
    static CURRENT: std::cell::RefCell<Option<(FileId, std::sync::Arc<str>, usize)>> =
        const { std::cell::RefCell::new(None) };
}

/// Run `f` (a TOML deserialisation of `text`, which starts at byte `base` of
/// file `file`) so that values can record their spans and literal text.
pub fn with_source<T>(file: FileId, text: std::sync::Arc<str>, base: usize, f: impl FnOnce() -> T) -> T {
    CURRENT.with(|c| *c.borrow_mut() = Some((file, text, base)));
    let out = f();
    CURRENT.with(|c| *c.borrow_mut() = None);
    out
}

/// The span in the current file of a range in the text being parsed, and
/// the literal text there.
pub fn current_literal(range: std::ops::Range<usize>) -> (Span, Option<String>) {
    CURRENT.with(|c| match &*c.borrow() {
        Some((file, text, base)) => {
            (Span { file: *file, start: (base + range.start) as u32, end: (base + range.end) as u32 }, text.get(range).map(str::to_string))
        }
        None => (Span::default(), None),
    })
}

/// A value that remembers where in the content it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    pub value: T,
    pub span: Span,
}

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Located<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = toml::Spanned::<T>::deserialize(d)?;
        let (span, _) = current_literal(s.span());
        Ok(Located { value: s.into_inner(), span })
    }
}

/// A located value reads as the value (`term.name.as_str()`).
impl<T> std::ops::Deref for Located<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_named_inside_the_content_folder() {
        let root = Path::new("/somewhere/deep/content");
        let mut map = SourceMap::new(root);
        let id = map.add(&root.join("units/x/2023/final-accounts.toml"), "a = 1\nb = 2\n".into());
        let loc = map.locate(Span { file: id, start: 6, end: 7 });
        assert_eq!((loc.file.as_str(), loc.line), ("units/x/2023/final-accounts.toml", 2));
        // The terminal gets a path the user can open; other names pass through.
        assert_eq!(map.openable("units/x/2023/final-accounts.toml"), "/somewhere/deep/content/units/x/2023/final-accounts.toml");
        assert_eq!(map.openable("content/units/Example"), "content/units/Example");
    }
}
