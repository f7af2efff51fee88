//! The part of a unit/year's 数据核验 page about the figures of its
//! narratives' prose (正文数字, [`crate::prose`]): per report “正文数字 N 个：
//! 已核对 a，不符 b，未核对 c”, and the list of the 未核对 ones with their
//! file:line, phrase and why, so a reviewer knows what was not checked.
//! Reviewers' pages only; report pages are unchanged.

use std::collections::BTreeMap;

use super::checks::YearChecks;
use super::view::{Block, Card, Cell, Row, Section, Table};
use crate::prose::{ProseFigure, ProseOutcome, ProseTally};
use crate::reports::ReportKind;

/// A report's name in Chinese (`evaluation` → 绩效评价; a file of a
/// folder kind, `projects/<slug>`, by its kind).
fn report_title(report: &str) -> &str {
    let of_folder = || report.split_once('/').and_then(|(_, slug)| ReportKind::ALL.into_iter().find(|k| k.reference(slug) == report));
    ReportKind::by_reference(report).or_else(of_folder).map_or(report, |k| k.spec().title)
}

/// The sentence 正文数字 N 个：已核对 a，不符 b，未核对 c.
pub fn sentence(t: ProseTally) -> String {
    format!("正文数字 {} 个：已核对 {}，不符 {}，未核对 {}", t.found, t.verified, t.disputed, t.unchecked)
}

/// The card 正文数字 of a tally.
pub fn card(t: ProseTally) -> Card {
    Card {
        label: "正文数字".into(), value: format!("{} 个", t.found), note: format!("已核对 {}，不符 {}，未核对 {}", t.verified, t.disputed, t.unchecked)
    }
}

const NOTE: &str = "<p>“正文数字”指叙述正文里写出的金额、百分比和带量词的个数（未用引用写法的也算）。本站按数字前面的名称找数据中同名、同单位的数字：“已核对”指两者一致（或差额可由舍入解释）；“不符”指与数据中唯一的同名数字不符，或同一报告前后两次写出的同一数字不同；“未核对”指找不到可以确定对应的数据，数字照原文显示，没有经过核对——下表逐个列出及其原因。</p>";

/// The section 正文数字核对情况 of a unit/year's 数据核验 page, when its narratives state figures.
pub fn section(figures: &[ProseFigure], y: &YearChecks) -> Option<Section> {
    let mine: Vec<&ProseFigure> = figures.iter().filter(|f| y.files.contains(&f.file)).collect();
    if mine.is_empty() {
        return None;
    }
    let mut by_report: BTreeMap<&str, Vec<&ProseFigure>> = BTreeMap::new();
    for f in &mine {
        by_report.entry(f.report.as_str()).or_default().push(f);
    }
    let lines: String =
        by_report.iter().map(|(report, fs)| format!("<li>{}：{}。</li>", report_title(report), sentence(ProseTally::of(fs.iter().copied())))).collect();
    let rows: Vec<Row> = mine
        .iter()
        .filter(|f| f.outcome == ProseOutcome::Unchecked)
        .map(|f| Row {
            head: Cell::text(&format!("{}:{}", f.file, f.line)),
            cells: vec![Cell::text(report_title(&f.report)), Cell::text(&f.phrase), Cell::number(f.written.clone()), Cell::text(&f.why)],
            total: false,
        })
        .collect();
    let mut blocks = vec![Block::Prose(NOTE.into()), Block::Prose(format!("<ul>{lines}</ul>"))];
    if !rows.is_empty() {
        blocks.push(Block::Table(Table {
            id: "prose-table".into(),
            caption: format!("{} {}年度未核对的正文数字", y.unit, y.year),
            cols: ["位置", "报告", "前面的词语", "数字", "未核对的原因"].iter().map(|c| c.to_string()).collect(),
            rows,
        }));
    }
    Some(Section { id: "prose".into(), title: "正文数字核对情况".into(), blocks })
}
