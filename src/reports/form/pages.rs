//! The 项目支出绩效自评表 page, which reproduces the form's blocks: facts,
//! project funds, goals, indicators and 总分.

use super::derive::FormFigures;
use crate::derive::Shown;
use crate::render::format::esc;
use crate::render::markdown;
use crate::render::view::{Block, Cell, Figures, Fmt, Row, Section, Table, checks_section};

/// Path of a form page relative to the 绩效评价 folder.
pub fn form_href(slug: &str) -> String {
    format!("projects/{slug}.html")
}

/// A 金额 (money amount) as a numeric table cell, with its verdict mark.
fn money_cell(figures: &Figures, s: &Shown) -> Cell {
    figures.cell(s, Fmt::Money)
}

/// A 百分比 (percentage) as a numeric table cell, with its verdict mark.
fn percent_cell(figures: &Figures, s: &Shown) -> Cell {
    figures.cell(s, Fmt::Percent)
}

/// A score: as written, no forced decimals.
fn count_cell(figures: &Figures, s: &Shown) -> Cell {
    let mut cell = figures.cell(s, Fmt::Percent);
    cell.html = cell.html.trim_end_matches('%').replace("%<", "<");
    cell.text = cell.text.trim_end_matches('%').to_string();
    cell
}

/// The blocks of a 项目支出绩效自评表 page.
/// `tracked` links the project's page in the 绩效跟踪 report, when there is one.
/// `report` is the link from the form's page to the 绩效评价 report page.
pub fn form_sections(d: &FormFigures, figures: Figures, file: &str, tracked: Option<&str>, report: &str) -> Vec<Section> {
    let f = d.form;
    let u = f.unit.label();
    let mut facts = String::from("<dl class=\"pairs\">");
    for (label, v) in [
        ("项目名称", Some(&f.name)),
        ("主管部门", Some(&f.department)),
        ("实施单位", f.implementer.as_ref()),
        ("项目负责人", f.manager.as_ref()),
        ("联系电话", f.phone.as_ref()),
    ] {
        if let Some(v) = v {
            facts.push_str(&format!("<dt>{label}</dt><dd>{}</dd>", esc(v)));
        }
    }
    facts.push_str("</dl>");
    let funds = d
        .funds
        .iter()
        .map(|r| Row {
            head: Cell::text(&r.row.name),
            cells: vec![
                money_cell(&figures, &Shown::stated_opt(&r.row.initial)),
                money_cell(&figures, &Shown::stated_opt(&r.row.full_year)),
                money_cell(&figures, &Shown::stated_opt(&r.row.executed)),
                Cell::number(r.row.max.as_ref().map_or("—", |m| m.text.as_str())),
                percent_cell(&figures, &r.rate),
                Cell::number(r.row.score.as_ref().map_or("—", |m| m.text.as_str())),
            ],
            total: false,
        })
        .collect();
    let goals = Table {
        id: "goal-table".into(),
        caption: "年度总体目标".into(),
        cols: vec!["".into(), "预期目标".into(), "实际完成情况".into()],
        rows: vec![Row {
            head: "年度总体目标".into(),
            cells: vec![Cell::text(f.goal_expected.as_deref().unwrap_or("")), Cell::text(f.goal_actual.as_deref().unwrap_or(""))],
            total: false,
        }],
    };
    let mut ind: Vec<Row> = f
        .indicators
        .iter()
        .map(|i| Row {
            head: Cell::text(&i.name),
            cells: vec![
                Cell::text(&i.level1),
                Cell::text(&i.level2),
                Cell::number(&i.target),
                Cell::number(&i.actual),
                Cell::number(&i.max.text),
                Cell::number(&i.score.text),
                Cell::text(i.deviation.as_deref().unwrap_or("")),
            ],
            total: false,
        })
        .collect();
    ind.push(Row {
        head: "总分".into(),
        cells: vec![
            Cell::text(""),
            Cell::text(""),
            Cell::text(""),
            Cell::text(""),
            count_cell(&figures, &d.total_max),
            count_cell(&figures, &d.total_score),
            Cell::text(""),
        ],
        total: true,
    });
    let mut blocks = vec![
        Block::Prose(facts),
        Block::Table(Table {
            id: "funds-table".into(),
            caption: format!("项目资金（{u}）"),
            cols: vec!["项目资金".into(), "年初预算数".into(), "全年预算数".into(), "全年执行数".into(), "分值".into(), "执行率".into(), "得分".into()],
            rows: funds,
        }),
        Block::Table(goals),
        Block::Table(Table {
            id: "form-indicators".into(),
            caption: "绩效指标".into(),
            cols: vec![
                "三级指标".into(),
                "一级指标".into(),
                "二级指标".into(),
                "年度指标值".into(),
                "实际完成值".into(),
                "分值".into(),
                "得分".into(),
                "偏差原因分析及改进措施".into(),
            ],
            rows: ind,
        }),
    ];
    if let Some(t) = &f.text {
        blocks.push(Block::Prose(markdown::to_html(t)));
    }
    if let Some(href) = tracked {
        blocks.push(Block::Prose(format!("<p>本项目的预算执行跟踪：<a href=\"{href}\">绩效跟踪项目页</a></p>")));
    }
    blocks.push(Block::Prose(format!("<p><a href=\"{report}#forms\">返回绩效评价报告</a></p>")));
    vec![Section { id: "form".into(), title: "项目支出绩效自评表".into(), blocks }, checks_section(&figures, file)]
}
