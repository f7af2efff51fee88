//! The load stage: read `content/` into the typed [`Site`] model.
//!
//! Files are listed first (sorted, so ids and output are deterministic), read
//! into the [`SourceMap`], then parsed in parallel. Every problem becomes a
//! diagnostic with file and line; a file that fails to parse is left out and
//! the run stops after loading.

mod files;
pub(crate) mod front_matter;
mod parse;
mod publication;
pub(crate) mod todo;
mod translate;
pub(crate) mod workbook;

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::check::Code;
use crate::check::Diagnostic;
use crate::error::{Error, Result};
use crate::model::look;
use crate::model::publication::Attachment;
use crate::model::{GlossaryEntry, GlossaryFile, Narrative, NarrativeFront, Site, SiteConfig, Unit, UnitProfile, Year};
use crate::reports::{self, ReportKind};
use crate::source::{FileId, SourceMap, Span};

pub use files::static_files;
pub use parse::parse_toml;

use files::Node;

/// The report files a year folder may hold, for messages (from the registry).
pub fn year_files() -> Vec<String> {
    ReportKind::ALL.into_iter().map(ReportKind::file_pattern).collect()
}

/// Result of loading: the site (parts that failed are left out) and every
/// problem found while loading.
pub struct Loaded {
    pub site: Site,
    pub diagnostics: Vec<Diagnostic>,
    /// The `"待填"` left to fill in (`E-TODO`, `todo::blanks`): errors, but
    /// not load errors — a blank reads as not reported, so the figure checks
    /// still run beside them.
    pub todo: Vec<Diagnostic>,
}

/// What a listed file is.
enum Kind {
    Site,
    Glossary,
    /// A header or footer partial (`_header.md`, `_footer.md`).
    Partial {
        header: bool,
    },
    Unit {
        unit: usize,
    },
    /// A report file (`slug`: its stem for kinds kept in a folder, else empty).
    Report {
        kind: ReportKind,
        unit: usize,
        year: usize,
        slug: String,
    },
    Narrative {
        unit: usize,
        year: usize,
    },
    /// A workbook (`*.xlsx`, `*.xls`, `*.ods`) or one 公开表 CSV file: 部门决算
    /// or 绩效跟踪, told from its sheets.
    /// A 成本预算明细工作簿 `cost/<slug>.xlsx` (see [`workbook::cost`]).
    CostBook {
        unit: usize,
        year: usize,
        slug: String,
    },
    /// A 项目支出绩效自评表工作簿 `projects/<slug>.xlsx` (see [`workbook::form`]).
    FormBook {
        unit: usize,
        year: usize,
        slug: String,
    },
    /// The `projects/<slug>.toml` beside a 自评表 workbook: only what the
    /// sheet has no cell for ([`crate::reports::form::model::FormNotes`]).
    FormNotes {
        unit: usize,
        year: usize,
        slug: String,
    },
    Workbook {
        unit: usize,
        year: usize,
    },
}

/// What a parsed file yields.
enum Parsed {
    Site(SiteConfig),
    Glossary(Vec<GlossaryEntry>),
    /// A partial's Markdown, comments blanked.
    Partial(String),
    Unit(UnitProfile),
    /// A report file and its `[publication]` table.
    Report(reports::Parsed, crate::model::publication::Publication),
    Narrative(Narrative),
    /// A 部门决算 table file: read with the year's other table files once all are parsed.
    Workbook,
    /// A 绩效跟踪工作簿's project list (none when an error was found) and the problems.
    TrackingBook(Option<Box<workbook::tracking::TrackingBook>>, Vec<Diagnostic>),
    /// A 成本预算明细工作簿's lines (none when an error was found) and the problems.
    CostBook(Option<Vec<workbook::cost::YearLines>>, Vec<Diagnostic>),
    /// A 自评表工作簿's form (none when an error was found) and the problems.
    FormBook(Option<Box<reports::form::model::ProjectForm>>, Vec<Diagnostic>),
    /// What the TOML beside a 自评表工作簿 adds.
    FormNotes(reports::form::model::FormNotes),
}

struct Listing {
    files: Vec<(PathBuf, Kind)>,
    /// 附件: each file of a year's `attachments/`, with its unit and year.
    attachments: Vec<(PathBuf, usize, usize)>,
    units: Vec<(String, Vec<u16>)>,
    diagnostics: Vec<Diagnostic>,
}

/// The entries of `dir`, sorted. Entries whose name starts with `.` are
/// never read (only told apart as folder or not, for the layout rules);
/// every other entry is [`files::inspect`]ed, and one that may not be read
/// is reported here, once, and listed as `None`.
fn read_dir_sorted(dir: &Path, root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Result<Vec<(PathBuf, Option<Node>)>> {
    let entries = fs::read_dir(dir).map_err(|source| Error::Read { path: dir.to_path_buf(), source })?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    Ok(paths
        .into_iter()
        .map(|p| {
            let node = if file_name(&p).starts_with('.') {
                Some(if p.is_dir() { Node::Dir } else { Node::File })
            } else {
                files::inspect(&p, root, CONTENT).map_err(|d| diagnostics.push(d)).ok()
            };
            (p, node)
        })
        .collect())
}

/// How the content folder is named in messages.
pub(super) const CONTENT: &str = "内容目录";

fn file_name(p: &Path) -> String {
    p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// The names a file in a report folder may have (for the `E-LAYOUT`
/// message): `<slug>.toml`, and for the folders whose reports may come from
/// a workbook (自评表 `projects/`, 成本 `cost/`) the workbook forms too.
fn folder_file_forms(kind: ReportKind) -> &'static str {
    if workbook::book_slug(kind, "x.xlsx").is_some() {
        "<小写字母、数字、连字符>.toml，或同样命名的工作簿 .xlsx、.xls、.ods"
    } else {
        "<小写字母、数字、连字符>.toml"
    }
}

/// Is this a folder name a unit may have (used in URLs)?
fn valid_slug(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn list(content: &Path) -> Result<Listing> {
    let mut l = Listing { files: vec![], attachments: vec![], units: vec![], diagnostics: vec![] };
    let root = files::real_root(content);
    match files::inspect(&content.join("site.toml"), &root, CONTENT) {
        Ok(_) => l.files.push((content.join("site.toml"), Kind::Site)),
        Err(d) => l.diagnostics.push(d),
    }
    let glossary = content.join("glossary.toml");
    if fs::symlink_metadata(&glossary).is_ok() {
        match files::inspect(&glossary, &root, CONTENT) {
            Ok(_) => l.files.push((glossary, Kind::Glossary)),
            Err(d) => l.diagnostics.push(d),
        }
    }
    publication::list_partials(content, &root, &mut l);
    let units_dir = content.join("units");
    if !units_dir.is_dir() {
        return Ok(l);
    }
    if let Err(d) = files::inspect(&units_dir, &root, CONTENT) {
        l.diagnostics.push(d);
        return Ok(l);
    }
    for (unit_dir, node) in read_dir_sorted(&units_dir, &root, &mut l.diagnostics)? {
        if node != Some(Node::Dir) {
            continue;
        }
        let slug = file_name(&unit_dir);
        if !valid_slug(&slug) {
            l.diagnostics.push(files::problem(&unit_dir, Code::Layout, format!("单位目录名 “{slug}” 只能用小写字母、数字和连字符（它会成为网址的一部分）")));
            continue;
        }
        let unit = l.units.len();
        let entries = read_dir_sorted(&unit_dir, &root, &mut l.diagnostics)?;
        match entries.iter().find(|(p, _)| file_name(p) == "unit.toml") {
            Some((profile, Some(Node::File))) => l.files.push((profile.clone(), Kind::Unit { unit })),
            // Reported by read_dir_sorted.
            Some((_, None)) => continue,
            _ => {
                l.diagnostics.push(files::problem(&unit_dir, Code::Layout, "单位目录缺少 unit.toml".into()));
                continue;
            }
        }
        let mut years = vec![];
        for (entry, node) in entries {
            let name = file_name(&entry);
            match node {
                None => continue,
                Some(Node::File) => {
                    if name != "unit.toml" && !name.starts_with('.') {
                        l.diagnostics.push(files::problem(&entry, Code::Layout, format!("单位目录里不认识的文件 “{name}”：只能有 unit.toml 和年度目录")));
                    }
                    continue;
                }
                Some(Node::Dir) => {}
            }
            let year = match name.parse::<u16>() {
                Ok(y) if name.len() == 4 && (1949..=2200).contains(&y) => y,
                _ => {
                    l.diagnostics.push(files::problem(&entry, Code::Layout, format!("年度目录名 “{name}” 不是四位年份（如 2023）")));
                    continue;
                }
            };
            let yi = years.len();
            years.push(year);
            for (f, node) in read_dir_sorted(&entry, &root, &mut l.diagnostics)? {
                let fname = file_name(&f);
                if fname.starts_with('.') || node.is_none() {
                    continue;
                }
                if node == Some(Node::Dir) && fname == publication::ATTACHMENTS {
                    publication::list_attachments(&f, &root, unit, yi, &mut l)?;
                    continue;
                }
                if node == Some(Node::Dir) {
                    let Some(kind) = ReportKind::by_folder(&fname) else {
                        let folders: Vec<String> = ReportKind::ALL
                            .into_iter()
                            .filter_map(|k| match k.spec().place {
                                reports::Place::Folder(folder) => Some(format!("{folder}/（{}）", k.spec().title)),
                                reports::Place::File(_) => None,
                            })
                            .collect();
                        l.diagnostics.push(files::problem(
                            &f,
                            Code::Layout,
                            format!("年度目录里不认识的子目录 “{fname}”；只能有 {} 和 {}/（附件）", folders.join("、"), publication::ATTACHMENTS),
                        ));
                        continue;
                    };
                    let entries = read_dir_sorted(&f, &root, &mut l.diagnostics)?;
                    // The slugs with a workbook in this folder (a 自评表 TOML beside one holds only notes).
                    let books: Vec<String> =
                        entries.iter().filter(|(_, n)| *n == Some(Node::File)).filter_map(|(p, _)| workbook::book_slug(kind, &file_name(p))).collect();
                    for (pf, node) in entries {
                        let pname = file_name(&pf);
                        match pname.strip_suffix(".toml") {
                            _ if pname.starts_with('.') || node.is_none() => {}
                            Some(slug) if valid_slug(slug) && node == Some(Node::File) && kind == ReportKind::Form && books.iter().any(|b| b == slug) => {
                                l.files.push((pf.clone(), Kind::FormNotes { unit, year: yi, slug: slug.to_string() }))
                            }
                            Some(slug) if valid_slug(slug) && node == Some(Node::File) => {
                                l.files.push((pf.clone(), Kind::Report { kind, unit, year: yi, slug: slug.to_string() }))
                            }
                            _ if workbook::book_slug(kind, &pname).is_some_and(|s| valid_slug(&s)) && node == Some(Node::File) => {
                                let slug = workbook::book_slug(kind, &pname).unwrap_or_default();
                                if kind == ReportKind::Form {
                                    l.files.push((pf.clone(), Kind::FormBook { unit, year: yi, slug }))
                                } else {
                                    l.files.push((pf.clone(), Kind::CostBook { unit, year: yi, slug }))
                                }
                            }
                            _ => l.diagnostics.push(files::problem(&pf, Code::Layout, format!("{fname}/ 里的 “{pname}” 应是 {}", folder_file_forms(kind)))),
                        }
                    }
                    continue;
                }
                if let Some(kind) = ReportKind::by_file_name(&fname) {
                    l.files.push((f, Kind::Report { kind, unit, year: yi, slug: String::new() }));
                } else if workbook::is_workbook(&fname) || workbook::is_csv(&fname) {
                    // Which report a workbook is for is told from its sheets, once read;
                    // a year may hold one 部门决算 workbook or any number of CSV files.
                    l.files.push((f, Kind::Workbook { unit, year: yi }));
                } else if fname.ends_with(".md") {
                    l.files.push((f, Kind::Narrative { unit, year: yi }));
                } else {
                    l.diagnostics.push(files::problem(
                        &f,
                        Code::Layout,
                        format!(
                            "年度目录里不认识的文件 “{fname}”；可用：{}，*.md 叙述文件，一个部门决算工作簿（*.xlsx、*.xls、*.ods）或若干个公开表 CSV 文件（*.csv），以及一个绩效跟踪工作簿",
                            year_files().join("、")
                        ),
                    ));
                }
            }
        }
        l.units.push((slug, years));
    }
    if let Some(dir) = static_dir(content).filter(|d| d.is_dir()) {
        l.diagnostics.extend(files::static_files(&dir).1);
    }
    Ok(l)
}

/// The project's own `static/` folder, beside the content folder: its files
/// are copied into the site (`static/…`).
pub fn static_dir(content: &Path) -> Option<PathBuf> {
    content.parent().map(|p| p.join("static"))
}

fn parse_file(map: &SourceMap, id: FileId, kind: &Kind) -> std::result::Result<Parsed, Diagnostic> {
    let text = &map.file(id).text;
    Ok(match kind {
        Kind::Site => Parsed::Site(parse_toml(map, id, text, 0)?),
        Kind::Glossary => Parsed::Glossary(parse_toml::<GlossaryFile>(map, id, text, 0)?.term),
        Kind::Partial { .. } => Parsed::Partial(front_matter::blank_comments(text)),
        Kind::Unit { .. } => Parsed::Unit(parse_toml(map, id, text, 0)?),
        Kind::Report { kind, .. } => {
            let (report, publication) = kind.parse(map, id, text)?;
            Parsed::Report(report, publication)
        }
        Kind::Workbook { .. } if workbook::tracking::is_tracking(text) => {
            let (book, diagnostics) = workbook::tracking::read(map, id);
            Parsed::TrackingBook(book.map(Box::new), diagnostics)
        }
        Kind::Workbook { .. } => Parsed::Workbook,
        Kind::CostBook { .. } => {
            let (lines, diagnostics) = workbook::cost::read(map, id);
            Parsed::CostBook(lines, diagnostics)
        }
        Kind::FormBook { .. } => {
            let (form, diagnostics) = workbook::form::read(map, id);
            Parsed::FormBook(form.map(Box::new), diagnostics)
        }
        Kind::FormNotes { .. } => Parsed::FormNotes(parse_toml(map, id, text, 0)?),
        Kind::Narrative { .. } => {
            let Some((front, at, body)) = front_matter::split(text) else {
                let span = Span { file: id, start: 0, end: 0 };
                return Err(Diagnostic::new(
                    map,
                    span,
                    crate::check::Severity::Error,
                    Code::FrontMatter,
                    String::new(),
                    "叙述文件必须以 +++ 行开始、以 +++ 行结束的 TOML 前言（front matter）开头".into(),
                ));
            };
            let front: NarrativeFront = parse_toml(map, id, front, at)?;
            Parsed::Narrative(Narrative { front, body: front_matter::blank_comments(body), file: id, segments: vec![] })
        }
    })
}

/// The workbook already read for the same unit/year among `books`, if any.
fn second_book<T>(books: &[(usize, usize, T, FileId)], unit: usize, year: usize) -> Option<FileId> {
    books.iter().find(|(u, y, _, _)| *u == unit && *y == year).map(|(_, _, _, id)| *id)
}

/// The message for a second workbook of one kind in a year folder.
fn one_book(kind: &str, first: FileId, files: &[(PathBuf, Kind)]) -> String {
    format!("年度目录里已有{kind}工作簿 “{}”；一个年度只能有一个{kind}工作簿", file_name(&files[first as usize].0))
}

/// Read a listed file as text: UTF-8 without control characters.
fn read_text(path: &Path) -> std::result::Result<String, files::BadText> {
    let bytes = fs::read(path).map_err(|e| files::BadText {
        text: String::new(),
        at: 0,
        code: Code::File,
        message: format!("无法读取：{}", crate::error::io_reason(&e)),
    })?;
    files::decode(bytes)
}

/// Load the content folder.
pub fn load(content: &Path) -> Result<Loaded> {
    // Anything named site.toml (a pipe, a broken link) is judged when listing.
    if fs::symlink_metadata(content.join("site.toml")).is_err() {
        return Err(Error::NoContent(content.to_path_buf()));
    }
    let listing = list(content)?;
    let read: Vec<std::result::Result<String, files::BadText>> = listing
        .files
        .par_iter()
        .map(|(p, k)| match k {
            Kind::Workbook { .. } | Kind::CostBook { .. } | Kind::FormBook { .. } => workbook::listing(p),
            _ => read_text(p),
        })
        .collect();
    let mut sources = SourceMap::new(content);
    let mut unreadable = listing.diagnostics;
    let mut readable = vec![];
    for ((path, _), text) in listing.files.iter().zip(read) {
        let text = match text {
            Ok(text) => text,
            Err(bad) => {
                let id = sources.add(path, bad.text);
                let span = Span { file: id, start: bad.at as u32, end: bad.at as u32 };
                unreadable.push(Diagnostic::new(&sources, span, crate::check::Severity::Error, bad.code, String::new(), bad.message));
                readable.push(false);
                continue;
            }
        };
        sources.add(path, text);
        readable.push(true);
    }
    let parsed: Vec<_> = listing.files.par_iter().enumerate().map(|(i, (_, kind))| readable[i].then(|| parse_file(&sources, i as FileId, kind))).collect();

    let mut diagnostics = unreadable;
    let todo = todo::blanks(&sources);
    let mut config = None;
    let mut glossary = vec![];
    let mut partials = look::Partials::default();
    let mut profiles: Vec<Option<(UnitProfile, FileId)>> = listing.units.iter().map(|_| None).collect();
    let mut years: Vec<Vec<Year>> = listing.units.iter().map(|(_, ys)| ys.iter().map(|&year| Year { year, ..Year::default() }).collect()).collect();
    let mut workbooks: Vec<(usize, usize, Vec<FileId>)> = vec![];
    let mut tracking_books = vec![];
    let mut cost_books = vec![];
    let mut form_notes = vec![];
    let mut form_books: Vec<FileId> = vec![];
    let is_csv = |id: FileId| workbook::is_csv(&file_name(&listing.files[id as usize].0));
    for (i, (result, (_, kind))) in parsed.into_iter().zip(&listing.files).enumerate() {
        let id = i as FileId;
        let Some(result) = result else { continue };
        match (result, kind) {
            (Err(d), _) => diagnostics.push(d),
            (Ok(Parsed::Site(c)), _) => config = Some(c),
            (Ok(Parsed::Glossary(g)), _) => glossary = g,
            (Ok(Parsed::Partial(text)), Kind::Partial { header }) => {
                let partial = Some(look::Partial { text });
                if *header { partials.header = partial } else { partials.footer = partial }
            }
            (Ok(Parsed::Unit(p)), Kind::Unit { unit }) => profiles[*unit] = Some((p, id)),
            (Ok(Parsed::Report(r, publication)), Kind::Report { unit, year, slug, .. }) => {
                r.attach(&mut years[*unit][*year], slug, id);
                years[*unit][*year].publications.insert(id, publication);
            }
            (Ok(Parsed::Narrative(n)), Kind::Narrative { unit, year }) => years[*unit][*year].narratives.push(n),
            (Ok(Parsed::Workbook), Kind::Workbook { unit, year }) => match workbooks.iter_mut().find(|(u, y, _)| (u, y) == (unit, year)) {
                // Any number of CSV files (one table each), or one workbook alone.
                Some((_, _, ids)) if is_csv(id) && ids.iter().all(|&other| is_csv(other)) => ids.push(id),
                Some((_, _, ids)) => diagnostics.push(files::problem(
                    &listing.files[i].0,
                    Code::Layout,
                    format!(
                        "年度目录里已有部门决算工作簿 “{}”；一个年度只能有一个工作簿，或者若干个公开表 CSV 文件（不能两样都有）",
                        file_name(&listing.files[ids[0] as usize].0)
                    ),
                )),
                None => workbooks.push((*unit, *year, vec![id])),
            },
            (Ok(Parsed::TrackingBook(book, found)), Kind::Workbook { unit, year }) => {
                diagnostics.extend(found);
                match second_book(&tracking_books, *unit, *year) {
                    Some(first) => diagnostics.push(files::problem(&listing.files[i].0, Code::Layout, one_book("绩效跟踪", first, &listing.files))),
                    None => tracking_books.push((*unit, *year, book, id)),
                }
            }
            (Ok(Parsed::CostBook(lines, found)), Kind::CostBook { unit, year, slug }) => {
                diagnostics.extend(found);
                cost_books.push((*unit, *year, slug.clone(), lines, id));
            }
            (Ok(Parsed::FormBook(form, found)), Kind::FormBook { unit, year, slug }) => {
                diagnostics.extend(found);
                if let Some(form) = form {
                    form_books.push(id);
                    years[*unit][*year].reports.forms.push(reports::form::model::Form { slug: slug.clone(), form: *form, file: id, notes: None });
                }
            }
            (Ok(Parsed::FormNotes(notes)), Kind::FormNotes { unit, year, slug }) => form_notes.push((*unit, *year, slug.clone(), notes, id)),
            _ => unreachable!("parse result always matches the file kind"),
        }
    }
    let has_toml = |kind: ReportKind, unit: usize, year: usize| {
        listing.files.iter().any(|(_, k)| matches!(k, Kind::Report { kind: k, unit: u, year: y, .. } if *k == kind && *u == unit && *y == year))
    };
    for (unit, year, ids) in workbooks {
        let (tables, found) = workbook::read(&sources, &ids);
        diagnostics.extend(found);
        diagnostics.extend(workbook::attach(&sources, &mut years[unit][year], tables, &ids, has_toml(ReportKind::FinalAccounts, unit, year)));
    }
    for (unit, year, book, id) in tracking_books {
        diagnostics.extend(workbook::tracking_year::attach(&sources, &mut years[unit][year], book, id, has_toml(ReportKind::Tracking, unit, year)));
    }
    for (unit, year, slug, lines, id) in cost_books {
        let has_toml = listing
            .files
            .iter()
            .any(|(_, k)| matches!(k, Kind::Report { kind: ReportKind::Cost, unit: u, year: y, slug: s } if (*u, *y, s) == (unit, year, &slug)));
        diagnostics.extend(workbook::cost_year::attach(&sources, &mut years[unit][year], &slug, lines, id, has_toml));
    }
    for (unit, year, slug, notes, id) in form_notes {
        workbook::form::attach_notes(&mut years[unit][year], &slug, notes, id);
    }
    for year in years.iter_mut().flatten() {
        diagnostics.extend(workbook::tracking_year::notes(&sources, year));
        diagnostics.extend(workbook::cost_year::no_lines(&sources, year));
    }
    for (path, unit, year) in &listing.attachments {
        match fs::read(path) {
            Ok(bytes) => years[*unit][*year].attachments.push(Attachment { name: file_name(path), bytes }),
            Err(e) => diagnostics.push(files::problem(path, Code::File, format!("无法读取：{}", crate::error::io_reason(&e)))),
        }
    }
    let units: Vec<Unit> = listing
        .units
        .into_iter()
        .zip(profiles)
        .zip(years)
        .filter_map(|(((slug, _), profile), years)| profile.map(|(profile, profile_file)| Unit { slug, profile, profile_file, years }))
        .collect();
    let config = config.unwrap_or_else(|| SiteConfig {
        title: String::new(),
        publisher: String::new(),
        data_date: None,
        contact: None,
        intro: None,
        footer: None,
        publish_as_is: false,
        publication: Default::default(),
        identity: Default::default(),
        look: Default::default(),
    });
    diagnostics.extend(publication::static_files(&sources, &config, content));
    diagnostics.extend(publication::colours(&sources, &config));
    let report_files = units.iter().flat_map(|u: &Unit| &u.years).flat_map(crate::reports::year_sources).map(|(_, id)| id);
    let mut documents = crate::model::document::Documents::parse(&sources, report_files);
    // A 自评表 read from its workbook has the document its TOML would have:
    // bindings and data.json read it from the loaded form.
    for form in units.iter().flat_map(|u| &u.years).flat_map(|y| &y.reports.forms).filter(|f| form_books.contains(&f.file)) {
        documents.insert(form.file, workbook::form_document::document(&form.form));
    }
    Ok(Loaded { site: Site { config, glossary, units, sources, documents, partials }, diagnostics, todo })
}
