//! The 数据核验 pages: one for the whole site (`checks/index.html`) and one
//! per unit/year (`units/<u>/<y>/checks/index.html`). Each lists every
//! diagnostic — error or warning — with the figure as stated, as computed,
//! the formula, the source file:line and a link to the place on the report
//! page where the figure is shown. The pages exist even when there is
//! nothing to report, and say so.

use std::collections::{BTreeSet, HashMap};

use super::format::esc;
use super::route::Route;
use super::view::{Block, Card, Cell, Row, Section, Table, diagnostic_row, diagnostics_table};
use crate::check::{Diagnostic, Severity};
use crate::model::Site;

/// Which report page shows each source file's figures (paths from the site root).
pub fn pages_of_files(site: &Site) -> HashMap<String, String> {
    let mut m = HashMap::new();
    let name = |id| site.sources.file(id).display.clone();
    for u in &site.units {
        for y in &u.years {
            let base = format!("units/{}/{}", u.slug, y.year);
            for f in y.final_accounts_file.into_iter().chain(y.final_accounts_workbook) {
                m.insert(name(f), format!("{base}/final-accounts/index.html"));
            }
            if let Some(f) = y.tracking_file {
                m.insert(name(f), format!("{base}/tracking/index.html"));
            }
            if let Some(f) = y.evaluation_file {
                m.insert(name(f), format!("{base}/evaluation/index.html"));
                for form in &y.forms {
                    m.insert(name(form.file), format!("{base}/evaluation/projects/{}.html", form.slug));
                }
            }
            for c in &y.costs {
                m.insert(name(c.file), format!("{base}/cost/{}/index.html", c.slug));
            }
            // A narrative is shown on its report's page.
            for n in &y.narratives {
                m.insert(name(n.file), format!("{base}/{}/index.html", n.front.report.value));
            }
        }
    }
    m
}

/// The `fig-…` anchors a page carries (their diagnostics' anchors).
pub fn fig_anchors(html: &str) -> BTreeSet<String> {
    html.match_indices("id=\"fig-")
        .filter_map(|(at, m)| {
            let rest = &html[at + m.len()..];
            Some(rest[..rest.find('"')?].to_string())
        })
        .collect()
}

/// Where a diagnostic's figure is, seen from a page `up` folders below the root.
fn place(d: &Diagnostic, pages: &HashMap<String, String>, anchors: &HashMap<&str, &BTreeSet<String>>, up: &str) -> String {
    match pages.get(&d.file) {
        Some(page) => {
            let target =
                if anchors.get(page.as_str()).is_some_and(|a| a.contains(&d.anchor)) { format!("fig-{}", d.anchor) } else { format!("check-{}", d.anchor) };
            format!("<a href=\"{up}{page}#{target}\">在报告中查看</a>")
        }
        None => "（该文件不生成页面）".into(),
    }
}

/// 错误 / 警告 counts.
pub fn counts<'a>(ds: impl Iterator<Item = &'a Diagnostic>) -> (usize, usize) {
    ds.fold((0, 0), |(e, w), d| if d.severity == Severity::Error { (e + 1, w) } else { (e, w + 1) })
}

fn summary_cards(errors: usize, warnings: usize, files: usize) -> Vec<Card> {
    vec![
        Card { label: "错误".into(), value: format!("{errors} 处"), note: "与计算不符、计量单位不一致等".into() },
        Card { label: "警告".into(), value: format!("{warnings} 处"), note: "舍入差异、单价超出定额".into() },
        Card { label: "涉及文件".into(), value: format!("{files} 个"), note: String::new() },
    ]
}

const LEGEND: &str = "<p>gongkai 重新计算了每一个可以推算的数字，并与原文写明的数字比较。“舍入差异”指差额可由输入数字的四舍五入或截断解释；“错误”指差额无法由舍入解释；“超出定额”指单价高于所引单项定额；“计量单位不一致”指同一数字在不同处按不同计量单位书写。“位置”一栏链接到报告中显示该数字的地方。</p>";

/// The list of diagnostics (or the sentence saying there are none).
fn listing(
    items: &[(usize, &Diagnostic)],
    pages: &HashMap<String, String>,
    anchors: &HashMap<&str, &BTreeSet<String>>,
    up: &str,
    caption: String,
) -> Vec<Block> {
    if items.is_empty() {
        return vec![Block::Prose("<p class=\"ok-banner\">未发现问题：每一个可以推算的数字都与原文一致。</p>".into())];
    }
    let rows = items.iter().map(|(_, d)| diagnostic_row(d, place(d, pages, anchors, up))).collect();
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
    years: &[YearChecks],
    pages: &HashMap<String, String>,
    anchors: &HashMap<&str, &BTreeSet<String>>,
) -> (Vec<Card>, Vec<Section>) {
    let (errors, warnings) = counts(diagnostics.iter());
    let files: BTreeSet<&str> = diagnostics.iter().map(|d| d.file.as_str()).collect();
    let by_year: Vec<Row> = years
        .iter()
        .map(|y| {
            let (e, w) = counts(diagnostics.iter().filter(|d| y.files.contains(&d.file)));
            Row {
                head: format!("<a href=\"{}\">{} {}年度</a>", esc(&Route::site("checks").href_to(&y.route)), esc(y.unit), y.year),
                cells: vec![Cell::num(e.to_string()), Cell::num(w.to_string())],
                total: false,
            }
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
            blocks: vec![Block::Table(Table {
                id: "by-year-table".into(),
                caption: "各单位各年度的核验结果（处）".into(),
                cols: vec!["单位与年度".into(), "错误".into(), "警告".into()],
                rows: by_year,
            })],
        });
    }
    if !by_code.is_empty() {
        let rows = by_code.iter().map(|(c, n)| Row { head: format!("<code>{c}</code>"), cells: vec![Cell::num(n.to_string())], total: false }).collect();
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
        blocks: listing(&items, pages, anchors, &Route::site("checks").root(), "全站数据核验结果".into()),
    });
    (summary_cards(errors, warnings, files.len()), sections)
}

/// Cards and sections of one unit/year's 数据核验 page.
pub fn year_sections(
    diagnostics: &[Diagnostic],
    y: &YearChecks,
    pages: &HashMap<String, String>,
    anchors: &HashMap<&str, &BTreeSet<String>>,
) -> (Vec<Card>, Vec<Section>) {
    let items: Vec<(usize, &Diagnostic)> = diagnostics.iter().enumerate().filter(|(_, d)| y.files.contains(&d.file)).collect();
    let (errors, warnings) = counts(items.iter().map(|(_, d)| *d));
    let files: BTreeSet<&str> = items.iter().map(|(_, d)| d.file.as_str()).collect();
    let caption = format!("{} {}年度数据核验结果", y.unit, y.year);
    let sections = vec![Section { id: "all".into(), title: "核验结果".into(), blocks: listing(&items, pages, anchors, &y.route.root(), caption) }];
    (summary_cards(errors, warnings, files.len()), sections)
}
