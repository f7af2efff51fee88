//! The 数据核验 pages: one for the whole site (`checks/index.html`) and one
//! per unit/year (`units/<u>/<y>/checks/index.html`). Each lists every
//! diagnostic — error or warning — with the figure as stated, as computed,
//! the formula, the source file:line and a link to the place on the report
//! page where the figure is shown, and how the stated figures of each
//! report fared (核对一致 / 有争议 / 未核对). The pages exist even when there
//! is nothing to report, and say so.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::route::Route;
use super::view::{Block, Card, Cell, Row, Section, Table, diagnostic_row, diagnostics_table, errors_first};
use crate::check::{Diagnostic, Severity, Tally};
use crate::model::Site;
use crate::reports::ReportKind;

/// Which report page shows each source file's figures (paths from the site
/// root), from each kind's [`ReportKind::file_pages`].
pub fn pages_of_files(site: &Site) -> HashMap<String, String> {
    let mut m = HashMap::new();
    let name = |id| site.sources.file(id).display.clone();
    for u in &site.units {
        for y in &u.years {
            for kind in ReportKind::ALL {
                m.extend(kind.file_pages(&u.slug, y).into_iter().map(|(file, page)| (name(file), page.path())));
            }
            // A narrative is shown on its report's page.
            for n in &y.narratives {
                m.insert(name(n.file), Route::report(&u.slug, y.year, &n.front.report.value).path());
            }
        }
    }
    m
}

/// The report (部门决算, 绩效跟踪 …) each source file belongs to, from each
/// kind's [`ReportKind::file_pages`] and the narratives' report.
pub fn reports_of_files(site: &Site) -> HashMap<String, &'static str> {
    let mut m = HashMap::new();
    let name = |id| site.sources.file(id).display.clone();
    for u in &site.units {
        for y in &u.years {
            for kind in ReportKind::ALL {
                m.extend(kind.file_pages(&u.slug, y).into_iter().map(|(file, _)| (name(file), kind.spec().title)));
            }
            for n in &y.narratives {
                if let Some(kind) = ReportKind::ALL.into_iter().find(|k| k.spec().url == n.front.report.value && k.spec().sections.is_some()) {
                    m.insert(name(n.file), kind.spec().title);
                }
            }
        }
    }
    m
}

/// Who a diagnostic is about: its unit/year (from `years`) and report
/// (from `reports`), the 单位 / 年度 / 报告 cells of a 数据核验 row.
pub struct Whose<'a> {
    /// The site's unit/years with their files.
    pub years: &'a [YearChecks<'a>],
    /// Each file's report, from [`reports_of_files`].
    pub reports: &'a HashMap<String, &'static str>,
}

impl Whose<'_> {
    fn cells(&self, d: &Diagnostic) -> [Cell; 3] {
        let year = self.years.iter().find(|y| y.files.contains(&d.file));
        [
            Cell::text(year.map_or("", |y| y.unit)),
            Cell::text(&year.map_or(String::new(), |y| format!("{}年", y.year))),
            Cell::text(self.reports.get(&d.file).copied().unwrap_or("")),
        ]
    }
}

/// Where a diagnostic's figure is, seen from a page `up` folders below the root.
fn place(d: &Diagnostic, pages: &HashMap<String, String>, anchors: &HashMap<&str, &BTreeSet<String>>, up: &str) -> Cell {
    match pages.get(&d.file) {
        Some(page) => {
            let target =
                if anchors.get(page.as_str()).is_some_and(|a| a.contains(&d.anchor)) { format!("fig-{}", d.anchor) } else { format!("check-{}", d.anchor) };
            Cell::markup(format!("<a href=\"{up}{page}#{target}\">在报告中查看</a>"), "在报告中查看")
        }
        None => Cell::text("（该文件不生成页面）"),
    }
}

/// 错误 / 警告 counts.
pub fn counts<'a>(ds: impl Iterator<Item = &'a Diagnostic>) -> (usize, usize) {
    ds.fold((0, 0), |(e, w), d| if d.severity == Severity::Error { (e + 1, w) } else { (e, w + 1) })
}

/// What a report page's banner says of the diagnostics of its files: how
/// many errors and warnings, and which kinds of finding they are.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Counts {
    /// 错误.
    pub errors: usize,
    /// 警告.
    pub warnings: usize,
    /// Each kind found, in plain words with its count, errors first
    /// (`与计算不符 5 处、舍入差异 6 处`); only kinds that occur.
    pub kinds: String,
}

impl Counts {
    /// The counts of some diagnostics.
    pub fn of<'a>(ds: impl Iterator<Item = &'a Diagnostic>) -> Counts {
        let ds: Vec<&Diagnostic> = ds.collect();
        let (errors, warnings) = counts(ds.iter().copied());
        // (not an error, label) → count: errors sort first.
        let mut kinds: BTreeMap<(bool, &str), usize> = BTreeMap::new();
        for d in &ds {
            *kinds.entry((d.severity != Severity::Error, plain_kind(d))).or_default() += 1;
        }
        let kinds = kinds.into_iter().map(|((_, label), n)| format!("{label} {n} 处")).collect::<Vec<_>>().join("、");
        Counts { errors, warnings, kinds }
    }
}

/// A finding's kind in plain words, for readers of a report page.
fn plain_kind(d: &Diagnostic) -> &'static str {
    use crate::check::Code;
    match d.code {
        Code::Figure | Code::Count => "与计算不符",
        Code::Rounding => "舍入差异",
        Code::NormUnit | Code::Unit => "计量单位不一致",
        Code::NormExcess => "单价超出定额",
        Code::LeftoverPlaceholder => "模板占位符",
        Code::ZeroBase => "分母为零",
        Code::Cross => "两份报告写法不一致",
        Code::Prose | Code::ProseTwice => "正文数字与数据不符",
        Code::Conflict => "两张表不一致",
        _ if d.severity == Severity::Error => "其他错误",
        _ => "其他警告",
    }
}

fn summary_cards(errors: usize, warnings: usize, files: usize) -> Vec<Card> {
    vec![
        Card { label: "错误".into(), value: format!("{errors} 处"), note: "与计算不符、计量单位不一致等".into() },
        Card { label: "警告".into(), value: format!("{warnings} 处"), note: "舍入差异、单价超出定额".into() },
        Card { label: "涉及文件".into(), value: format!("{files} 个"), note: String::new() },
    ]
}

const LEGEND: &str = "<p>本站重新计算了每一个可以推算的数字，并与原文写明的数字比较。“舍入差异”指差额可由输入数字的四舍五入或截断解释；“错误”指差额无法由舍入解释；“超出定额”指单价高于所引单项定额；“计量单位不一致”指同一数字在不同处按不同计量单位书写；“分母为零”指在为零（或可能为零）的基数上写出比率；“模板占位符”指文字中留有 xxx、××、【】等未填写的占位符。“位置”一栏链接到报告中显示该数字的地方。</p>";

/// The list of diagnostics, errors first (or the sentence saying there are none).
fn listing(
    items: &[(usize, &Diagnostic)],
    whose: &Whose,
    pages: &HashMap<String, String>,
    anchors: &HashMap<&str, &BTreeSet<String>>,
    up: &str,
    caption: String,
) -> Vec<Block> {
    if items.is_empty() {
        return vec![Block::Prose("<p class=\"ok-banner\">未发现问题：每一个可以推算的数字都与原文一致。</p>".into())];
    }
    let mut items = items.to_vec();
    errors_first(&mut items);
    let rows = items.iter().map(|(_, d)| diagnostic_row(d, whose.cells(d), place(d, pages, anchors, up))).collect();
    vec![Block::Prose(LEGEND.into()), Block::Table(diagnostics_table("checks-table", caption, rows))]
}

/// What the site-wide page needs per unit/year.
pub struct YearChecks<'a> {
    pub unit: &'a str,
    /// The unit's folder name.
    pub slug: &'a str,
    pub year: u16,
    /// The unit/year 数据核验 page.
    pub route: Route,
    pub files: BTreeSet<String>,
}

/// Cards and sections of the site-wide 数据核验 page.
pub fn site_sections(
    diagnostics: &[Diagnostic],
    tallies: &BTreeMap<String, Tally>,
    whose: &Whose,
    pages: &HashMap<String, String>,
    anchors: &HashMap<&str, &BTreeSet<String>>,
) -> (Vec<Card>, Vec<Section>) {
    let years = whose.years;
    let (errors, warnings) = counts(diagnostics.iter());
    let files: BTreeSet<&str> = diagnostics.iter().map(|d| d.file.as_str()).collect();
    let by_year: Vec<Row> = years
        .iter()
        .map(|y| {
            let (e, w) = counts(diagnostics.iter().filter(|d| y.files.contains(&d.file)));
            let mut cells = vec![Cell::number(e.to_string()), Cell::number(w.to_string())];
            cells.extend(tally_cells(tally_of(tallies, y.files.iter())));
            Row { head: Cell::link(&Route::site("checks").href_to(&y.route), &format!("{} {}年度", y.unit, y.year)), cells, total: false }
        })
        .collect();
    let mut by_code: Vec<(&str, usize)> = vec![];
    for d in diagnostics {
        match by_code.iter_mut().find(|(c, _)| *c == d.code.as_str()) {
            Some((_, n)) => *n += 1,
            None => by_code.push((d.code.as_str(), 1)),
        }
    }
    by_code.sort();
    let mut sections = vec![];
    if !years.is_empty() {
        sections.push(Section {
            id: "by-year".into(),
            title: "按单位和年度".into(),
            blocks: vec![
                Block::Table(Table {
                    id: "by-year-table".into(),
                    caption: "各单位各年度的核验结果（诊断：处；写明的数字：个）".into(),
                    cols: ["单位与年度", "错误", "警告"].iter().chain(TALLY_COLS.iter()).map(|c| c.to_string()).collect(),
                    rows: by_year,
                }),
                Block::Prose(TALLY_NOTE.into()),
            ],
        });
    }
    if !by_code.is_empty() {
        let rows = by_code
            .iter()
            .map(|(c, n)| Row { head: Cell::markup(format!("<code>{c}</code>"), c.to_string()), cells: vec![Cell::number(n.to_string())], total: false })
            .collect();
        sections.push(Section {
            id: "by-code".into(),
            title: "按诊断代码".into(),
            blocks: vec![Block::Table(Table {
                id: "by-code-table".into(),
                caption: "各诊断代码的处数（代码含义见内容格式文档第 4.2 节）".into(),
                cols: vec!["代码".into(), "处数".into()],
                rows,
            })],
        });
    }
    let items: Vec<(usize, &Diagnostic)> = diagnostics.iter().enumerate().collect();
    sections.push(Section {
        id: "all".into(),
        title: "全部核验结果".into(),
        blocks: listing(&items, whose, pages, anchors, &Route::site("checks").root(), "全站数据核验结果".into()),
    });
    let mut cards = summary_cards(errors, warnings, files.len());
    cards.extend(tally_cards(tally_of(tallies, tallies.keys())));
    (cards, sections)
}

/// Cards 写明的数字 核对一致 / 有争议 / 未核对.
fn tally_cards(t: Tally) -> Vec<Card> {
    vec![
        Card { label: "核对一致".into(), value: format!("{} 个", t.verified), note: format!("写明的数字，其中舍入差异 {} 个", t.rounding) },
        Card { label: "有争议".into(), value: format!("{} 个", t.disputed), note: "写明的数字与计算不符".into() },
        Card { label: "未核对".into(), value: format!("{} 个", t.unchecked), note: "推算所需的数字未填报".into() },
    ]
}

/// The tally of every file of `files`, summed.
fn tally_of<'a>(tallies: &BTreeMap<String, Tally>, files: impl Iterator<Item = &'a String>) -> Tally {
    let mut t = Tally::default();
    for f in files {
        t += tallies.get(f).copied().unwrap_or_default();
    }
    t
}

/// The cells 核对一致 (其中舍入差异), 有争议, 未核对 of a tally.
fn tally_cells(t: Tally) -> Vec<Cell> {
    vec![
        Cell::number(t.verified.to_string()),
        Cell::number(t.rounding.to_string()),
        Cell::number(t.disputed.to_string()),
        Cell::number(t.unchecked.to_string()),
    ]
}

const TALLY_COLS: [&str; 4] = ["核对一致", "其中舍入差异", "有争议", "未核对"];

const TALLY_NOTE: &str = "<p>“写明的数字”指原文写出、又能由其他数字推算的数字（合计、占比、增减额、增减率等）。“核对一致”指重算结果与原文一致或差额可由舍入解释；“有争议”指与重算结果不符，或在为零的基数上写出比率；“未核对”指推算它所需的数字原文没有填报，无法重算——这些数字照原文显示，但没有经过核对。</p>";

/// The section 写明的数字核对情况 of a unit/year page: one row per source
/// file with stated figures (a report's data file or a narrative).
fn tally_section(y: &YearChecks, tallies: &BTreeMap<String, Tally>, pages: &HashMap<String, String>) -> Option<Section> {
    let rows: Vec<Row> = y
        .files
        .iter()
        .filter_map(|f| Some((f, *tallies.get(f)?)))
        .map(|(f, t)| {
            let head = match pages.get(f) {
                Some(page) => Cell::link(&format!("{}{}", y.route.root(), page), f),
                None => Cell::text(f),
            };
            Row { head, cells: tally_cells(t), total: false }
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    let mut rows = rows;
    rows.push(Row { head: "合计".into(), cells: tally_cells(tally_of(tallies, y.files.iter())), total: true });
    let mut cols = vec!["文件".to_string()];
    cols.extend(TALLY_COLS.iter().map(|c| c.to_string()));
    Some(Section {
        id: "tally".into(),
        title: "写明的数字核对情况".into(),
        blocks: vec![
            Block::Prose(TALLY_NOTE.into()),
            Block::Table(Table {
                id: "tally-table".into(), caption: format!("{} {}年度各文件写明的数字核对情况（个）", y.unit, y.year), cols, rows
            }),
        ],
    })
}

/// Cards and sections of one unit/year's 数据核验 page.
pub fn year_sections(
    diagnostics: &[Diagnostic],
    tallies: &BTreeMap<String, Tally>,
    y: &YearChecks,
    whose: &Whose,
    pages: &HashMap<String, String>,
    anchors: &HashMap<&str, &BTreeSet<String>>,
) -> (Vec<Card>, Vec<Section>) {
    let items: Vec<(usize, &Diagnostic)> = diagnostics.iter().enumerate().filter(|(_, d)| y.files.contains(&d.file)).collect();
    let (errors, warnings) = counts(items.iter().map(|(_, d)| *d));
    let files: BTreeSet<&str> = items.iter().map(|(_, d)| d.file.as_str()).collect();
    let caption = format!("{} {}年度数据核验结果", y.unit, y.year);
    let mut sections =
        vec![Section { id: "all".into(), title: "核验结果".into(), blocks: listing(&items, whose, pages, anchors, &y.route.root(), caption) }];
    sections.extend(tally_section(y, tallies, pages));
    let mut cards = summary_cards(errors, warnings, files.len());
    cards.extend(tally_cards(tally_of(tallies, y.files.iter())));
    (cards, sections)
}
