//! The 绩效跟踪 page and one page per key project: the selection, the
//! unit's budget execution, the 功能分类 tables, the master table, the
//! per-office sections with subtotals and findings, and charts of budget vs
//! actual by office and of every project's execution rate.

use rust_decimal::Decimal;

use crate::derive::Shown;
use crate::model::Narrative;
use crate::render::chart;
use crate::render::format::esc;
use crate::render::markdown;
use crate::render::place;
use crate::render::view::{Block, Card, Cell, Figures, Fmt, Row, Section, Table, narratives_for};
use crate::reports::tracking::derive::*;
use crate::reports::tracking::model::{RateBase, Tracking};

/// What the 绩效跟踪 page's writers share: the figures, to mark each with its verdict.
struct TrackingPageContext<'a> {
    /// The page's figures and how to mark their verdicts.
    figures: Figures<'a>,
}

impl TrackingPageContext<'_> {
    /// A 金额 (money amount) as HTML, with its verdict mark.
    fn money(&self, s: &Shown) -> String {
        self.figures.html(s, Fmt::Money)
    }
    /// A 百分比 (percentage) as HTML, with its verdict mark.
    fn percent(&self, s: &Shown) -> String {
        self.figures.html(s, Fmt::Percent)
    }
    /// A 金额 (money amount) as a numeric table cell.
    fn money_cell(&self, s: &Shown) -> Cell {
        self.figures.cell(s, Fmt::Money)
    }
    /// A 百分比 (percentage) as a numeric table cell.
    fn percent_cell(&self, s: &Shown) -> Cell {
        self.figures.cell(s, Fmt::Percent)
    }
}

/// 0% or above 100%: the projects a reviewer looks at first.
pub fn is_outlier(rate: Option<Decimal>) -> bool {
    rate.is_some_and(|r| r.is_zero() || r > Decimal::ONE_HUNDRED)
}

/// Path of a project page relative to the tracking report folder.
pub fn project_href(index: usize) -> String {
    format!("projects/{}.html", index + 1)
}

fn title_of(id: &str) -> String {
    crate::reports::tracking::model::SECTIONS.iter().find(|(i, _)| *i == id).map(|(_, t)| t.to_string()).unwrap_or_default()
}

fn rate_cell(cx: &TrackingPageContext, p: &ProjectFigures) -> Cell {
    let mut cell = cx.percent_cell(&p.rate);
    if is_outlier(p.rate_value) {
        let word = if p.rate_value.is_some_and(|r| r.is_zero()) { "未执行" } else { "超预算" };
        cell.html = format!("<span class=\"outlier\">{} <strong class=\"tag\">{word}</strong></span>", cell.html);
        cell.text = format!("{} {word}", cell.text);
    }
    cell
}

fn has_codes(d: &TrackingFigures) -> bool {
    d.projects.iter().any(|p| p.project.code.is_some() || p.project.function_code.is_some())
}

fn project_row(cx: &TrackingPageContext, d: &TrackingFigures, p: &ProjectFigures, with_office: bool, link_prefix: &str) -> Row {
    let no = p.project.no.map(|n| n.to_string()).unwrap_or_else(|| (p.index + 1).to_string());
    let mut cells = vec![];
    if with_office {
        cells.push(Cell::text(p.office.unwrap_or("")));
    }
    if has_codes(d) {
        cells.push(Cell::text(p.project.code.as_deref().unwrap_or("")));
        let f = match (&p.project.function_code, &p.project.function_name) {
            (Some(c), Some(n)) => format!("{c} {n}"),
            (Some(c), None) => c.clone(),
            (None, Some(n)) => n.clone(),
            (None, None) => String::new(),
        };
        cells.push(Cell::text(&f));
    }
    cells.extend([
        cx.money_cell(&p.budget),
        cx.money_cell(&p.added),
        cx.money_cell(&p.cut),
        cx.money_cell(&p.adjusted),
        cx.money_cell(&p.actual),
        rate_cell(cx, p),
    ]);
    Row {
        head: Cell::markup(
            format!("<span class=\"no\">{no}</span> <a href=\"{link_prefix}{}\">{}</a>", project_href(p.index), esc(&p.project.name.value)),
            format!("{no} {}", p.project.name.value),
        ),
        cells,
        total: false,
    }
}

fn totals_cells(cx: &TrackingPageContext, t: &TotalsRow, pad: usize, all: bool) -> Vec<Cell> {
    let mut cells: Vec<Cell> = (0..pad).map(|_| Cell::text("")).collect();
    if all {
        cells.extend([
            cx.money_cell(&t.budget),
            cx.money_cell(&t.added),
            cx.money_cell(&t.cut),
            cx.money_cell(&t.adjusted),
            cx.money_cell(&t.actual),
            cx.percent_cell(&t.rate),
        ]);
    } else {
        cells.extend([
            cx.money_cell(&t.budget),
            Cell::text(""),
            Cell::text(""),
            cx.money_cell(&t.adjusted),
            cx.money_cell(&t.actual),
            cx.percent_cell(&t.rate),
        ]);
    }
    cells
}

fn project_cols(d: &TrackingFigures, with_office: bool) -> Vec<String> {
    let mut cols = vec!["序号 · 项目名称".to_string()];
    if with_office {
        cols.push("科室".into());
    }
    if has_codes(d) {
        cols.push("项目代码".into());
        cols.push("功能分类".into());
    }
    let rate = match d.rate_base {
        RateBase::Adjusted => "比例（实际 ÷ 调整后）",
        RateBase::Budget => "比例（实际 ÷ 年初）",
    };
    cols.extend(["年初预算", "年中追加", "年中追减", "调整后预算", "实际支出", rate].map(String::from));
    cols
}

fn share_table(cx: &TrackingPageContext, s: &ShareTableFigures, id: &str) -> Vec<Block> {
    let mut blocks = vec![];
    if let Some(t) = &s.table.text {
        blocks.push(Block::Prose(markdown::to_html(t)));
    }
    let mut rows: Vec<Row> =
        s.rows.iter().map(|(n, a, sh)| Row { head: Cell::text(n), cells: vec![cx.money_cell(a), cx.percent_cell(sh)], total: false }).collect();
    rows.push(Row { head: "合计".into(), cells: vec![cx.money_cell(&s.total), cx.percent_cell(&s.total_share)], total: true });
    blocks.push(Block::Table(Table {
        id: id.into(),
        caption: format!("{}（单位：{}）", s.table.title, s.unit.label()),
        cols: vec!["项目".into(), "金额".into(), format!("占{}比例", s.table.base_name)],
        rows,
    }));
    blocks
}

/// Build the report page's sections and cards.
pub fn sections(t: &Tracking, d: &TrackingFigures, figures: Figures, year: u16, narratives: &[Narrative], file: &str) -> (Vec<Card>, Vec<Section>) {
    let cx = TrackingPageContext { figures };
    let u = d.unit.label();
    let n = |section: &'static str| narratives_for(narratives, "tracking", section, &cx.figures);
    let mut out = vec![];

    let org: Vec<Block> = n("organization").collect();
    if !org.is_empty() {
        out.push(Section { id: "organization".into(), title: title_of("organization"), blocks: org });
    }

    // 年度预算执行情况
    let mut blocks = vec![];
    if let Some(b) = &d.budget {
        let src = t.budget.as_ref().unwrap();
        for text in [&src.approval_text, &src.adjustment_text, &src.execution_text].into_iter().flatten() {
            blocks.push(Block::Prose(markdown::to_html(text)));
        }
        let bu = b.unit.label();
        let mut rows = vec![];
        let mut group = |label: &str, total: &Shown, parts: &[NamedFigures], rate: Option<&Shown>| {
            if total.value.is_none() && parts.is_empty() {
                return;
            }
            rows.push(Row {
                head: Cell::text(label),
                cells: vec![cx.money_cell(total), rate.map_or_else(|| Cell::text(""), |r| cx.percent_cell(r))],
                total: true,
            });
            for p in parts {
                rows.push(Row {
                    head: Cell::from(format!("其中：{}", p.name)).within("<span class=\"indent\">", "</span>"),
                    cells: vec![cx.money_cell(&p.amount), cx.percent_cell(&p.rate)],
                    total: false,
                });
            }
        };
        group("预算批复", &b.approved, &b.approved_parts, None);
        group("调整后预算", &b.adjusted, &b.adjusted_parts, None);
        group("预算执行（整体支出）", &b.actual, &b.actual_parts, Some(&b.rate));
        blocks.push(Block::Table(Table {
            id: "budget-table".into(),
            caption: format!("{year}年度预算批复、调整和执行（单位：{bu}）"),
            cols: vec!["项目".into(), "金额".into(), "完成预算比例".into()],
            rows,
        }));
    }
    for (i, ft) in d.function_tables.iter().enumerate() {
        let mut rows: Vec<Row> = ft
            .rows
            .iter()
            .map(|r| Row { head: Cell::text(r.name), cells: vec![cx.money_cell(&r.total), cx.money_cell(&r.basic), cx.money_cell(&r.project)], total: false })
            .collect();
        rows.push(Row {
            head: Cell::text(ft.total.name),
            cells: vec![cx.money_cell(&ft.total.total), cx.money_cell(&ft.total.basic), cx.money_cell(&ft.total.project)],
            total: true,
        });
        blocks.push(Block::Table(Table {
            id: format!("function-table-{}", i + 1),
            caption: format!("{}（按功能分类，单位：{}）", ft.title, ft.unit.label()),
            cols: vec!["分类名称".into(), ft.title.to_string(), "其中：基本支出".into(), "其中：项目支出".into()],
            rows,
        }));
    }
    if let Some(e) = &d.execution {
        let mut rows: Vec<Row> = e
            .rows
            .iter()
            .map(|r| Row { head: Cell::text(r.name), cells: vec![cx.money_cell(&r.actual), cx.money_cell(&r.budget), cx.percent_cell(&r.rate)], total: false })
            .collect();
        rows.push(Row { head: "部门整体".into(), cells: vec![cx.money_cell(&e.actual), cx.money_cell(&e.budget), cx.percent_cell(&e.rate)], total: true });
        blocks.push(Block::Table(Table {
            id: "execution-table".into(),
            caption: format!("{year}年度预算执行情况（按功能分类，单位：{}）", e.unit.label()),
            cols: vec!["分类".into(), "全年支出".into(), "全部预算".into(), "完成全年预算比例".into()],
            rows,
        }));
    }
    if let Some(k) = &d.key_spending {
        blocks.push(Block::Prose(format!("<h3>{}</h3>", esc(&k.table.title))));
        blocks.extend(share_table(&cx, k, "key-spending-table"));
    }
    blocks.extend(n("budget"));
    if !blocks.is_empty() {
        out.push(Section { id: "budget".into(), title: title_of("budget"), blocks });
    }

    // 绩效目标 and the key projects
    let mut blocks: Vec<Block> = n("goals").chain(n("projects")).collect();
    if let (Some(s), Some(src)) = (&d.selection, &t.selection) {
        let su = s.unit.label();
        blocks.push(Block::Prose(format!(
            "<h3>重点跟踪项目的选取</h3><p>选取标准：{}</p><p>共选取 {} 个重点跟踪项目，预算合计 {}{su}，占年初全部项目支出预算 {}{su} 的 {}；调整后预算合计 {}{su}，实际支出合计 {}{su}，预算完成比例 {}。</p>",
            esc(&src.rule),
            cx.figures.html(&s.count, Fmt::Money).trim_end_matches(".00"),
            cx.money(&s.budget_total),
            cx.money(&s.all_projects_budget),
            cx.percent(&s.share),
            cx.money(&s.adjusted_total),
            cx.money(&s.actual_total),
            cx.percent(&s.rate),
        )));
    }
    let with_office = d.projects.iter().any(|p| p.office.is_some());
    let mut rows: Vec<Row> = d.projects.iter().map(|p| project_row(&cx, d, p, with_office, "")).collect();
    let pad = project_cols(d, with_office).len() - 7;
    rows.push(Row { head: "合计".into(), cells: totals_cells(&cx, &d.totals, pad, true), total: true });
    blocks.push(Block::Table(Table {
        id: "projects-table".into(),
        caption: format!("重点跟踪项目全年预算情况表（{} 个项目，单位：{u}）", d.projects.len()),
        cols: project_cols(d, with_office),
        rows,
    }));
    if t.projects.iter().any(|p| p.added.as_ref().is_some_and(|a| a.value.is_none()) || p.cut.as_ref().is_some_and(|a| a.value.is_none())) {
        blocks.push(Block::Prose("<p class=\"aside\">原表中年中追加、追减填“-”的，表示无追加、追减，计算调整后预算时按零计。</p>".into()));
    }
    // Rates of every project, outliers first to the eye.
    let items: Vec<(String, Option<Decimal>, bool)> =
        d.projects.iter().map(|p| (p.project.name.value.clone(), p.rate_value, is_outlier(p.rate_value))).collect();
    let outliers: Vec<String> = d
        .projects
        .iter()
        .filter(|p| is_outlier(p.rate_value))
        .map(|p| format!("{}（{}%）", p.project.name.value, crate::number::round_half_up(p.rate_value.unwrap_or_default(), 2)))
        .collect();
    let desc = format!(
        "共 {} 个项目的支出比例。未执行（0%）或超过100%的项目 {} 个：{}。",
        items.len(),
        outliers.len(),
        if outliers.is_empty() { "无".to_string() } else { outliers.join("；") }
    );
    let svg = chart::rate_bars("project-rates", "各重点跟踪项目支出比例", "支出比例", &items, &desc).sourced(place::source_of("tracking", "projects", None));
    let mut outlier_rows: Vec<Row> = d
        .projects
        .iter()
        .filter(|p| is_outlier(p.rate_value))
        .map(|p| Row {
            head: Cell::link(&project_href(p.index), &p.project.name.value),
            cells: vec![Cell::text(p.office.unwrap_or("")), cx.money_cell(&p.adjusted), cx.money_cell(&p.actual), rate_cell(&cx, p)],
            total: false,
        })
        .collect();
    if outlier_rows.is_empty() {
        outlier_rows.push(Row { head: "无".into(), cells: vec![Cell::text(""), Cell::text(""), Cell::text(""), Cell::text("")], total: false });
    }
    blocks.push(Block::Prose("<h3>支出比例</h3><p>下图列出每个项目的支出比例；未执行（0%）和超过100%的项目以橙红色标出，并列在旁边的表中。</p>".into()));
    blocks.push(Block::Chart {
        svg,
        table: Table {
            id: "outliers-table".into(),
            caption: format!("未执行或超预算的项目（单位：{u}）"),
            cols: vec!["项目".into(), "科室".into(), "调整后预算".into(), "实际支出".into(), "比例".into()],
            rows: outlier_rows,
        },
    });
    if let Some(b) = &d.by_function {
        blocks.push(Block::Prose(format!("<h3>{}</h3>", esc(&b.table.title))));
        blocks.extend(share_table(&cx, b, "by-function-table"));
    }
    out.push(Section { id: "projects".into(), title: title_of("projects"), blocks });

    // Per office
    if !d.offices.is_empty() {
        let groups: Vec<(String, Vec<Option<Decimal>>)> =
            d.offices.iter().map(|o| (o.name.to_string(), vec![o.subtotal.adjusted.value, o.subtotal.actual.value])).collect();
        let desc = d
            .offices
            .iter()
            .map(|o| {
                format!(
                    "{}：调整后预算{}{u}，实际支出{}{u}",
                    o.name,
                    o.subtotal.adjusted.value.map(crate::number::format::money).unwrap_or_default(),
                    o.subtotal.actual.value.map(crate::number::format::money).unwrap_or_default()
                )
            })
            .collect::<Vec<_>>()
            .join("；");
        let svg = chart::grouped_bars("offices-chart", "各科室重点跟踪项目调整后预算与实际支出", &["调整后预算", "实际支出"], &groups, u, &desc)
            .sourced(place::source_of("tracking", "offices", None));
        let rows = d
            .offices
            .iter()
            .enumerate()
            .map(|(k, o)| Row {
                head: Cell::link(&format!("#office-{}", k + 1), o.name),
                cells: vec![
                    {
                        // A count: the money format's `.00` dropped when it ends the cell.
                        let mut count = cx.money_cell(&o.count);
                        if let Some(html) = count.html.strip_suffix(".00") {
                            count.html = html.to_string();
                            count.text = count.text.trim_end_matches(".00").to_string();
                        }
                        count
                    },
                    cx.money_cell(&o.subtotal.budget),
                    cx.money_cell(&o.subtotal.adjusted),
                    cx.money_cell(&o.subtotal.actual),
                    cx.percent_cell(&o.subtotal.rate),
                ],
                total: false,
            })
            .collect();
        let mut blocks: Vec<Block> = vec![Block::Chart {
            svg,
            table: Table {
                id: "offices-table".into(),
                caption: format!("各科室重点跟踪项目小计（单位：{u}）"),
                cols: vec!["科室".into(), "项目数".into(), "年初预算".into(), "调整后预算".into(), "实际支出".into(), "执行率".into()],
                rows,
            },
        }];
        blocks.extend(n("offices"));
        out.push(Section { id: "offices".into(), title: title_of("offices"), blocks });
        for (k, o) in d.offices.iter().enumerate() {
            let mut blocks = vec![];
            if let Some(tx) = &o.text {
                blocks.push(Block::Prose(format!(
                    "<p>{}组织实施的重点跟踪项目共计 {} 个，年初预算合计 {}{u}，调整后预算合计 {}{u}，实际支出合计 {}{u}，预算执行率 {}。</p>",
                    esc(o.name),
                    cx.figures.html(&o.count, Fmt::Money).trim_end_matches(".00"),
                    cx.money(&tx.budget),
                    cx.money(&tx.adjusted),
                    cx.money(&tx.actual),
                    cx.percent(&tx.rate)
                )));
            }
            let mut rows: Vec<Row> = o
                .projects
                .iter()
                .map(|&i| {
                    let p = &d.projects[i];
                    let mut row = project_row(&cx, d, p, false, "");
                    if let Some(other) = p.office.filter(|x| *x != o.name) {
                        let mut note = Cell::markup(
                            format!(
                                "<span class=\"verify-note error\"><strong>核验提示</strong>：总表将此项目列在{}（<a href=\"#checks\">核验详情</a>）</span>",
                                esc(other)
                            ),
                            "",
                        );
                        note.notes.push(format!("核验提示：总表将此项目列在{other}"));
                        row.head.append(note);
                    }
                    row
                })
                .collect();
            let pad = project_cols(d, false).len() - 7;
            rows.push(Row { head: format!("{}重点跟踪项目合计", o.name).into(), cells: totals_cells(&cx, &o.subtotal, pad, false), total: true });
            blocks.push(Block::Table(Table {
                id: format!("office-{}-table", k + 1),
                caption: format!("{}重点跟踪项目的全年预算执行情况表（单位：{u}）", o.name),
                cols: project_cols(d, false),
                rows,
            }));
            if let Some(f) = o.section.and_then(|s| s.findings.as_ref()) {
                blocks.push(Block::Prose(format!("<div class=\"findings\">{}</div>", markdown::to_html(f))));
            }
            out.push(Section { id: format!("office-{}", k + 1), title: format!("{}重点跟踪项目", o.name), blocks });
        }
    }
    for id in ["benefits", "suggestions", "other"] {
        let b: Vec<Block> = n(id).collect();
        if !b.is_empty() {
            out.push(Section { id: id.into(), title: title_of(id), blocks: b });
        }
    }
    out.push(crate::render::view::checks_section(&cx.figures, file));

    let cards = vec![
        Card { label: "重点跟踪项目".into(), value: format!("{} 个", d.projects.len()), note: String::new() },
        Card { label: "调整后预算合计".into(), value: format!("{}{u}", cx.money(&d.totals.adjusted)), note: String::new() },
        Card { label: "实际支出合计".into(), value: format!("{}{u}", cx.money(&d.totals.actual)), note: String::new() },
        Card { label: "执行率".into(), value: cx.percent(&d.totals.rate), note: format!("未执行或超预算项目 {} 个", outliers.len()) },
    ];
    (cards, out)
}

/// A project page's body: its figures, codes, office and findings.
/// `form` links the project's 项目支出绩效自评表 when the same unit/year has one.
/// `report` is the link from the project's page to the 绩效跟踪 report page.
pub fn project_page(d: &TrackingFigures, p: &ProjectFigures, figures: Figures, form: Option<&str>, report: &str) -> Vec<Section> {
    let cx = TrackingPageContext { figures };
    let u = d.unit.label();
    let mut facts = String::from("<dl class=\"pairs\">");
    if let Some(o) = p.office {
        // Link the office's section of the report when it has one.
        match d.offices.iter().position(|x| x.name == o) {
            Some(k) => facts.push_str(&format!("<dt>科室</dt><dd><a href=\"{report}#office-{}\">{}</a></dd>", k + 1, esc(o))),
            None => facts.push_str(&format!("<dt>科室</dt><dd>{}</dd>", esc(o))),
        }
    }
    for (label, v) in [("项目代码", &p.project.code), ("项目功能代码", &p.project.function_code), ("预算功能分类", &p.project.function_name)] {
        if let Some(v) = v {
            facts.push_str(&format!("<dt>{label}</dt><dd>{}</dd>", esc(v)));
        }
    }
    facts.push_str("</dl>");
    let rows = vec![
        Row { head: "年初预算".into(), cells: vec![cx.money_cell(&p.budget)], total: false },
        Row { head: "年中追加".into(), cells: vec![cx.money_cell(&p.added)], total: false },
        Row { head: "年中追减".into(), cells: vec![cx.money_cell(&p.cut)], total: false },
        Row { head: "调整后预算".into(), cells: vec![cx.money_cell(&p.adjusted)], total: true },
        Row { head: "实际支出".into(), cells: vec![cx.money_cell(&p.actual)], total: false },
        Row { head: "比例".into(), cells: vec![rate_cell(&cx, p)], total: false },
    ];
    let mut blocks = vec![
        Block::Prose(facts),
        Block::Table(Table {
            id: "project-table".into(), caption: format!("预算执行（单位：{u}）"), cols: vec!["项目".into(), "金额 / 比例".into()], rows
        }),
    ];
    if let Some(f) = &p.project.findings {
        blocks.push(Block::Prose(format!("<h3>绩效跟踪发现</h3>{}", markdown::to_html(f))));
    }
    if let Some(href) = form {
        blocks.push(Block::Prose(format!("<p>本项目的绩效评价：<a href=\"{href}\">项目支出绩效自评表</a></p>")));
    }
    blocks.push(Block::Prose(format!("<p><a href=\"{report}#projects\">返回绩效跟踪报告</a></p>")));
    vec![Section { id: "project".into(), title: "项目情况".into(), blocks }]
}
