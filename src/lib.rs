//! gongkai (公开): compile TOML budget data and Markdown narrative into a
//! static, offline-readable disclosure website.
//!
//! The pipeline, one module per stage:
//!
//! ```text
//! content/ --load--> model (exact decimals, spans)
//!          --check-> diagnostics (structure; arithmetic via derive)
//!          --derive-> computed figures, each compared with what is stated
//!          --render-> HTML (askama) + SVG charts (plotters), streamed to
//!          --write--> public/ (minify-html): fresh and swapped in, or
//!                     updated in place (only changed files)
//! ```

pub(crate) mod analytics;
pub(crate) mod bind;
pub mod check;
pub(crate) mod derive;
pub mod digest;
pub mod error;
pub mod import;
pub mod init;
pub(crate) mod load;
pub(crate) mod model;
pub(crate) mod number;
pub(crate) mod progress;
pub(crate) mod prose;
pub(crate) mod quantity;
pub(crate) mod render;
pub(crate) mod reports;
pub mod serve;
pub(crate) mod source;
pub mod template;
pub mod write;

/// A figure of a narrative's prose and how it fared (正文数字, `check --prose`).
pub use prose::{ProseFigure, ProseOutcome};
/// The link policy of every Markdown field: may this address be a link?
/// (http, https, mailto, relative and `#` addresses only.)
pub use render::markdown::url_allowed;

use std::path::{Path, PathBuf};

use check::{Checker, Diagnostic, Severity};
use derive::Ctx;
use derive::YearFigures;
use error::Result;
use model::Site;

/// The name and version printed in every page footer.
pub fn generator() -> String {
    format!("gongkai {}", env!("CARGO_PKG_VERSION"))
}

/// Diagnostics of a run, in order: loading problems, structure, figures.
pub struct Report {
    /// Every diagnostic, in the order found.
    pub diagnostics: Vec<Diagnostic>,
    /// Every figure of the narratives' prose and how it fared (正文数字; empty
    /// when loading failed).
    pub prose: Vec<ProseFigure>,
}

impl Report {
    /// The report the terminal shows: diagnostics name content files by
    /// their path inside the content folder (as pages do); here each becomes
    /// the path the user can open.
    fn for_terminal(mut diagnostics: Vec<Diagnostic>, map: &source::SourceMap) -> Self {
        for d in &mut diagnostics {
            d.file = map.openable(&d.file).to_string();
        }
        Report { diagnostics, prose: vec![] }
    }

    /// [`Report::for_terminal`] with the prose figures, their files named the same way.
    fn with_prose(diagnostics: Vec<Diagnostic>, mut prose: Vec<ProseFigure>, map: &source::SourceMap) -> Self {
        for f in &mut prose {
            f.file = map.openable(&f.file).to_string();
        }
        Report { prose, ..Self::for_terminal(diagnostics, map) }
    }
    /// How many are errors.
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Error).count()
    }
    /// How many are warnings.
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// Derive and check every report of the site.
fn derive_all<'a>(site: &'a Site, checker: &mut Checker) -> Vec<YearFigures<'a>> {
    let glossary = site.glossary_index();
    check::structure::check_structure(site, checker);
    check::publication::check(site, checker);
    check::markdown::check_texts(&site.sources, checker);
    let mut out = vec![];
    for (ui, unit) in site.units.iter().enumerate() {
        for (yi, year) in unit.years.iter().enumerate() {
            let reports = reports::derive(&mut Ctx { map: &site.sources, checker }, year, &glossary);
            out.push(YearFigures { unit: ui, year: yi, reports });
        }
    }
    derive::cross::check(&mut Ctx { map: &site.sources, checker }, site);
    out
}

/// The data figures that fail their own checks, found by a first derive
/// whose diagnostics are dropped: the bindings of the prose, checked
/// before the derive, compare with their computed values (issue L item 3).
fn broken_figures(site: &Site) -> std::collections::BTreeMap<(u32, u32, u32), check::Broken> {
    let mut scratch = Checker::scratch();
    derive_all(site, &mut scratch);
    scratch.broken
}

/// `gongkai check`: load, check and derive; return every diagnostic.
///
/// A file that could not be loaded is left out and the rest is checked all
/// the same, so every problem shows in one run rather than in waves; what
/// only follows from the missing file is left out ([`follows_from`]).
pub fn check(content: &Path) -> Result<Report> {
    let loaded = load::load(content)?;
    let failed = loaded.diagnostics;
    let todo = loaded.todo;
    let mut site = loaded.site;
    let mut checker = Checker::default();
    checker.broken = broken_figures(&site);
    bind::bind_site(&mut site, &mut checker);
    let derived = derive_all(&site, &mut checker);
    analytics::build(&mut Ctx { map: &site.sources, checker: &mut checker }, &site, &derived);
    let prose = prose::check_site(&site, &mut checker);
    // A count kept from last year is still to check (`# 待填`): what the
    // checks say at its line follows from last year's value.
    let blank: std::collections::BTreeSet<(&str, u32)> = todo.iter().map(|d| (d.file.as_str(), d.line)).collect();
    let found: Vec<Diagnostic> = checker.diagnostics.into_iter().filter(|d| !follows_from(d, &failed) && !blank.contains(&(d.file.as_str(), d.line))).collect();
    Ok(Report::with_prose(todo.into_iter().chain(failed.iter().cloned()).chain(found).collect(), prose, &site.sources))
}

/// Does diagnostic `d` of the checks only follow from a file that could not
/// be loaded (one of `failed`)? A diagnostic in that file itself (its text is
/// not what was checked), or a reference (`E-REFERENCE`) in the same year
/// folder — or anywhere, when `site.toml` or `glossary.toml` failed — which
/// may point into the missing file.
fn follows_from(d: &Diagnostic, failed: &[Diagnostic]) -> bool {
    /// The folder a file's failure reaches: `units/<unit>/<year>/`, `units/<unit>/`, or all.
    fn reach(file: &str) -> String {
        let parts: Vec<&str> = file.split('/').collect();
        match parts.iter().rposition(|p| *p == "units") {
            Some(i) if parts.len() > i + 3 => format!("{}/", parts[i + 1..i + 3].join("/")),
            Some(i) if parts.len() > i + 2 => format!("{}/", parts[i + 1]),
            _ => String::new(),
        }
    }
    failed.iter().filter(|f| f.severity == Severity::Error && f.code != check::Code::Layout).any(|f| {
        let scope = reach(&f.file);
        f.file == d.file || (d.code == check::Code::Reference && d.file.strip_prefix("units/").is_some_and(|rest| rest.starts_with(&scope)))
    })
}

/// What `gongkai bind --suggest` proposes for one narrative file: each
/// plain prose figure that resolves to exactly one data figure it agrees
/// with, as a `{{ }}` binding keeping the figure as written (`bind::suggest`).
pub struct Suggested {
    /// Loading problems that stopped it (then nothing is proposed).
    pub diagnostics: Vec<Diagnostic>,
    /// The file's path inside the content folder (`units/x/2023/a.md`).
    pub name: String,
    /// The file as read.
    pub original: String,
    /// The file with every proposed binding.
    pub suggested: String,
    /// How many bindings are proposed.
    pub count: usize,
    /// The file on disk (its links resolved).
    path: PathBuf,
}

impl Suggested {
    /// The proposal as a unified diff (`a/<name>`, `b/<name>`); empty when nothing is proposed.
    pub fn diff(&self) -> String {
        let (a, b) = (format!("a/{}", self.name), format!("b/{}", self.name));
        similar::TextDiff::from_lines(&self.original, &self.suggested).unified_diff().context_radius(1).header(&a, &b).to_string()
    }

    /// Write the proposal into the file, only when it still holds what was
    /// read (else nothing is written). Staged beside it and renamed over it.
    pub fn write(&self) -> Result<()> {
        let now = std::fs::read(&self.path).map_err(|source| error::Error::Read { path: self.path.clone(), source })?;
        if now != self.original.as_bytes() {
            return Err(error::Error::Usage(format!("{} 在读取之后被改动过，没有写入；请重新运行 gongkai bind --suggest", self.path.display())));
        }
        let failed = |source| error::Error::Write { path: self.path.clone(), source };
        let folder = self.path.parent().unwrap_or(Path::new("."));
        let mut staged = tempfile::NamedTempFile::new_in(folder).map_err(failed)?;
        std::io::Write::write_all(&mut staged, self.suggested.as_bytes()).map_err(failed)?;
        let permissions = std::fs::metadata(&self.path).map_err(failed)?.permissions();
        staged.as_file().set_permissions(permissions).map_err(failed)?;
        staged.persist(&self.path).map_err(|e| failed(e.error))?;
        Ok(())
    }
}

/// `gongkai bind --suggest`: the bindings proposed for the narrative `file`
/// of the content folder `content` (see [`Suggested`]). `file` must be a
/// narrative inside `content`.
pub fn suggest_bindings(content: &Path, file: &Path) -> Result<Suggested> {
    let root = std::fs::canonicalize(content).map_err(|_| error::Error::NoContent(content.to_path_buf()))?;
    let path = std::fs::canonicalize(file).map_err(|source| error::Error::Read { path: file.to_path_buf(), source })?;
    let outside = || error::Error::Usage(format!("{} 不在内容目录 {} 里：只能为内容目录中的叙述文件提出引用建议", file.display(), content.display()));
    let inside = path.strip_prefix(&root).map_err(|_| outside())?;
    let name = inside.to_string_lossy().replace('\\', "/");
    let bytes = std::fs::read(&path).map_err(|source| error::Error::Read { path: path.clone(), source })?;
    let loaded = load::load(content)?;
    let empty = |diagnostics| Suggested { diagnostics, name: name.clone(), original: String::new(), suggested: String::new(), count: 0, path: path.clone() };
    if !loaded.diagnostics.is_empty() {
        return Ok(empty(Report::for_terminal(loaded.diagnostics, &loaded.site.sources).diagnostics));
    }
    let site = loaded.site;
    let narrative = site.units.iter().flat_map(|u| &u.years).flat_map(|y| &y.narratives).find(|n| site.sources.file(n.file).display == name);
    let Some(id) = narrative.map(|n| n.file) else {
        return Err(error::Error::Usage(format!("{} 不是叙述文件（年度目录中带 +++ 前言的 .md 文件）", file.display())));
    };
    let original = site.sources.file(id).text.clone();
    if original.as_bytes() != bytes {
        return Err(error::Error::Usage(format!("{} 在读取时被改动过，请重新运行", file.display())));
    }
    let suggestions = bind::suggest::suggest(&site, &broken_figures(&site), id);
    let suggested = bind::suggest::apply(&original, &suggestions);
    Ok(Suggested { count: suggestions.len(), original, suggested, ..empty(vec![]) })
}

/// Options of `gongkai build`.
pub struct BuildOptions {
    /// The content folder (holds `site.toml`).
    pub content: PathBuf,
    /// The output folder (see `write::guard` for which ones are accepted).
    pub out: PathBuf,
    /// Publish data with errors, each disputed figure carrying a 核验提示.
    pub publish_as_is: bool,
    /// Also pack the built folder as `<out>.zip`.
    pub zip: bool,
    /// Show a progress bar on stderr (it stays hidden when stderr is not a
    /// terminal, and for builds shorter than half a second).
    pub progress: bool,
}

/// What a build did.
pub struct BuildOutcome {
    /// The diagnostics of the run.
    pub report: Report,
    /// `None` when nothing was written (errors and not publishing as-is).
    pub pages: Option<usize>,
    /// Publishing as-is was asked for by `site.toml` rather than the flag.
    pub as_is_by_site: bool,
}

/// Time of each stage on stderr when `GONGKAI_TIMINGS` is set (for
/// profiling, see docs/performance.md).
struct Timings(Option<std::time::Instant>);

impl Timings {
    fn start() -> Self {
        Timings(std::env::var_os("GONGKAI_TIMINGS").map(|_| std::time::Instant::now()))
    }
    fn lap(&mut self, stage: &str) {
        if let Some(t) = &mut self.0 {
            // Resident memory now (Linux), to see which stage holds it.
            let rss =
                std::fs::read_to_string("/proc/self/status").ok().and_then(|s| s.lines().find(|l| l.starts_with("VmRSS:")).map(|l| l[6..].trim().to_string()));
            eprintln!("{stage:>18}: {:>7.1} ms  rss {}", t.elapsed().as_secs_f64() * 1000.0, rss.unwrap_or_default());
            *t = std::time::Instant::now();
        }
    }
}

/// `gongkai build`.
pub fn build(opts: &BuildOptions) -> Result<BuildOutcome> {
    let mut t = Timings::start();
    let loaded = load::load(&opts.content)?;
    t.lap("load");
    let mut todo = loaded.todo;
    if !loaded.diagnostics.is_empty() {
        todo.extend(loaded.diagnostics);
        return Ok(BuildOutcome { report: Report::for_terminal(todo, &loaded.site.sources), pages: None, as_is_by_site: false });
    }
    let mut site = loaded.site;
    let mut checker = Checker::default();
    checker.broken = broken_figures(&site);
    bind::bind_site(&mut site, &mut checker);
    t.lap("bind");
    let site = &site;
    let derived = derive_all(site, &mut checker);
    let trends = analytics::build(&mut Ctx { map: &site.sources, checker: &mut checker }, site, &derived);
    let prose = prose::check_site(site, &mut checker);
    t.lap("derive");
    let tallies = checker.tallies();
    let mut diagnostics = checker.diagnostics;
    check::number_anchors(&mut diagnostics);
    let report = Report { diagnostics, prose: vec![] };
    let structural = report.diagnostics.iter().any(|d| d.severity == Severity::Error && !check::is_disputed_figure(d.code));
    let as_is_by_site = site.config.publish_as_is && !opts.publish_as_is;
    let as_is = opts.publish_as_is || site.config.publish_as_is;
    // A "待填" left blank is never published, even as is.
    if structural || !todo.is_empty() || (report.errors() > 0 && !as_is) {
        todo.extend(report.diagnostics);
        return Ok(BuildOutcome { report: Report::for_terminal(todo, &site.sources), pages: None, as_is_by_site: false });
    }
    // Refuse an output gongkai must not touch before anything is written.
    let target = write::guard::inspect(&opts.out, &opts.content)?;
    if opts.zip {
        write::guard::inspect_zip(&write::bundle::zip_path(&opts.out))?;
    }
    let info = render::SiteInfo { site, generator: generator(), tallies: &tallies, prose: &prose, trends: &trends };
    let writer = write::Writer::open(&opts.out, &target, &generator())?;
    let bar = progress::Bar::new(opts.progress, derived.len());
    let pages = render::render_site(&info, &derived, &report.diagnostics, &writer, &|| bar.tick())?;
    t.lap("render+write pages");
    let static_dir = load::static_dir(&opts.content);
    let colours = render::look::colours_css(&site.config.look);
    let generated: Vec<(&str, String)> = colours.into_iter().map(|css| (render::look::LOOK_CSS.trim_start_matches("static/"), css)).collect();
    writer.finish(static_dir.as_deref(), &generated)?;
    bar.done();
    t.lap("finish");
    if opts.zip {
        write::bundle::zip_folder(&opts.out, &write::bundle::zip_path(&opts.out))?;
    }
    Ok(BuildOutcome { report: Report::with_prose(report.diagnostics, prose, &site.sources), pages: Some(pages), as_is_by_site })
}
