//! The 绩效评价 page (score by category with a chart, self-evaluation score
//! distribution, budget execution, execution-rate buckets, ratios with their
//! formulas, contract tables, narrative), with the list of its
//! 项目支出绩效自评表 pages.

use rust_decimal::Decimal;

use crate::derive::Shown;
use crate::model::Narrative;
use crate::render::chart::{self, Datum};
use crate::render::format::esc;
use crate::render::markdown;
use crate::render::place::source_of;
use crate::render::view::{Block, Card, Cell, Figures, Fmt, Row, Section, Table, checks_section, narratives_for};
use crate::reports::evaluation::derive::*;
use crate::reports::form::model::Form;
use crate::reports::form::pages::form_href;

/// What the 绩效评价 page's writers share: the figures, to mark each with its verdict.
struct EvaluationPageContext<'a> {
    /// The page's figures and how to mark their verdicts.
    figures: Figures<'a>,
}

impl EvaluationPageContext<'_> {
    /// A 金额 (money amount) as a numeric table cell, with its verdict mark.
    fn money_cell(&self, s: &Shown) -> Cell {
        self.figures.cell(s, Fmt::Money)
    }
    /// A 百分比 (percentage) as a numeric table cell, with its verdict mark.
    fn percent_cell(&self, s: &Shown) -> Cell {
        self.figures.cell(s, Fmt::Percent)
    }
    /// A score or count: as written, no forced decimals.
    fn count_cell(&self, s: &Shown) -> Cell {
        let mut cell = self.figures.cell(s, Fmt::Percent);
        cell.html = cell.html.trim_end_matches('%').replace("%<", "<");
        cell.text = cell.text.trim_end_matches('%').to_string();
        cell
    }
}

fn title_of(id: &str) -> String {
    crate::reports::evaluation::model::SECTIONS.iter().find(|(i, _)| *i == id).map(|(_, t)| t.to_string()).unwrap_or_default()
}

fn bucket_table(cx: &EvaluationPageContext, id: &str, caption: String, head: &str, rows: &[BucketFigures], total: Option<u32>) -> Table {
    let mut out: Vec<Row> =
        rows.iter().map(|b| Row { head: Cell::text(b.label), cells: vec![cx.count_cell(&b.count), cx.percent_cell(&b.share)], total: false }).collect();
    if let Some(t) = total {
        out.push(Row { head: "合计".into(), cells: vec![Cell::number(t.to_string()), Cell::text("")], total: true });
    }
    Table { id: id.into(), caption, cols: vec![head.into(), "个数".into(), "占比".into()], rows: out }
}

fn bucket_pie(id: &str, title: &str, rows: &[BucketFigures]) -> chart::Chart {
    let data: Vec<Datum> = rows
        .iter()
        .filter_map(|b| {
            let v = b.count.value.filter(|v| *v > Decimal::ZERO)?;
            let share = b
                .share
                .value
                .map(|s| format!("，占{}", crate::number::format::percent(s, b.share.origin == crate::derive::Origin::Stated)))
                .unwrap_or_default();
            Some(Datum { label: b.label.to_string(), value: v, words: format!("{v}个{share}") })
        })
        .collect();
    chart::pie(id, title, &data)
}

/// Build the page's sections and cards.
pub fn sections(d: &EvaluationFigures, figures: Figures, year: u16, narratives: &[Narrative], forms: &[Form], file: &str) -> (Vec<Card>, Vec<Section>) {
    let cx = EvaluationPageContext { figures };
    let u = d.unit.label();
    let n = |id: &'static str| narratives_for(narratives, "evaluation", id, &cx.figures);
    let mut out = vec![];

    // 预算绩效工作开展情况: the self-evaluation distribution.
    let mut blocks: Vec<Block> = n("overview").collect();
    if let Some(s) = &d.self_evaluation {
        let mut p = format!("<p>评价项目 {} 个", s.self_evaluation.projects.value);
        if s.coverage.value.is_some() {
            p.push_str(&format!("，占部门项目总数的 {}", cx.figures.html(&s.coverage, Fmt::Percent)));
        }
        if let Some(a) = &s.self_evaluation.amount {
            p.push_str(&format!("，涉及金额 {}{u}", cx.figures.html(&Shown::stated(a), Fmt::Money)));
        }
        if let Some(sc) = &s.self_evaluation.score {
            p.push_str(&format!("，自评得分 {} 分", esc(&sc.text)));
        }
        p.push_str("。</p>");
        blocks.push(Block::Prose(p));
        if !s.buckets.is_empty() {
            let table = bucket_table(
                &cx,
                "self-evaluation-table",
                format!("{year}年度项目支出绩效自评得分分布"),
                "自评得分",
                &s.buckets,
                Some(s.self_evaluation.projects.value),
            );
            let svg =
                bucket_pie("self-evaluation", &format!("{year}年度项目自评得分分布"), &s.buckets).sourced(source_of("evaluation", "self_evaluation", None));
            blocks.push(Block::Chart { svg, table });
        }
    }
    if !blocks.is_empty() {
        out.push(Section { id: "overview".into(), title: title_of("overview"), blocks });
    }
    for id in ["unit", "goals"] {
        let b: Vec<Block> = n(id).collect();
        if !b.is_empty() {
            out.push(Section { id: id.into(), title: title_of(id), blocks: b });
        }
    }

    // 当年预算执行情况
    let mut blocks = vec![];
    if let Some(e) = &d.execution {
        if let Some(t) = &e.execution.text {
            blocks.push(Block::Prose(markdown::to_html(t)));
        }
        let mut rows: Vec<Row> = e
            .parts
            .iter()
            .map(|p| Row { head: Cell::text(p.name), cells: vec![cx.money_cell(&p.budget), cx.money_cell(&p.actual), cx.percent_cell(&p.rate)], total: false })
            .collect();
        rows.push(Row { head: "合计".into(), cells: vec![cx.money_cell(&e.budget), cx.money_cell(&e.actual), cx.percent_cell(&e.rate)], total: true });
        blocks.push(Block::Table(Table {
            id: "execution-table".into(),
            caption: format!("{year}年度预算执行情况（单位：{}）", e.unit.label()),
            cols: vec!["项目".into(), "全年预算数".into(), "全年执行数".into(), "执行率".into()],
            rows,
        }));
        if !e.also.is_empty() {
            let rows = e
                .also
                .iter()
                .map(|p| Row {
                    head: Cell::text(p.name),
                    cells: vec![cx.money_cell(&p.budget), cx.money_cell(&p.actual), cx.percent_cell(&p.rate)],
                    total: false,
                })
                .collect();
            blocks.push(Block::Table(Table {
                id: "execution-also-table".into(),
                caption: format!("报告其他部分对同一预算执行的表述（单位：{}）", e.unit.label()),
                cols: vec!["出处".into(), "全年预算数".into(), "全年执行数".into(), "执行率".into()],
                rows,
            }));
        }
    }
    if let Some((m, rows)) = &d.monitoring {
        if let Some(t) = &m.text {
            blocks.push(Block::Prose(markdown::to_html(t)));
        }
        let table = bucket_table(&cx, "monitoring-table", format!("{}预算执行率分布", m.title), "预算执行率", rows, m.total.as_ref().map(|t| t.value));
        let svg = bucket_pie("monitoring", &format!("{}预算执行率分布", m.title), rows).sourced(source_of("evaluation", "monitoring", None));
        blocks.push(Block::Chart { svg, table });
    }
    for r in &d.ratios {
        let mut p = format!(
            "<div class=\"ratio\"><h3>{}</h3><p class=\"formula\"><strong>{}</strong> = {}</p><p>公式：{}",
            esc(&r.ratio.name),
            esc(&r.ratio.name),
            cx.figures.html(&r.value, Fmt::Percent),
            esc(&r.ratio.formula_text)
        );
        let fig = |f: &Option<crate::number::Figure>| f.as_ref().map(|x| cx.figures.html(&Shown::stated(x), Fmt::Money));
        if let (Some(a), Some(b)) = (fig(&r.ratio.measured), fig(&r.ratio.base)) {
            p.push_str(&format!("；{}：{a}{u}，{}：{b}{u}", esc(&r.ratio.a_name), esc(&r.ratio.b_name)));
        }
        p.push_str("</p>");
        if let Some(t) = &r.ratio.text {
            p.push_str(&markdown::to_html(t));
        }
        p.push_str("</div>");
        blocks.push(Block::Prose(p));
    }
    blocks.extend(n("execution"));
    if !blocks.is_empty() {
        out.push(Section { id: "execution".into(), title: title_of("execution"), blocks });
    }
    for id in ["outputs", "management"] {
        let b: Vec<Block> = n(id).collect();
        if !b.is_empty() {
            out.push(Section { id: id.into(), title: title_of(id), blocks: b });
        }
    }

    // 中央直达资金 contracts and other project tables
    let mut blocks: Vec<Block> = n("contracts").collect();
    for (i, t) in d.contracts.iter().enumerate() {
        let tu = t.unit.label();
        let mut p = format!("<h3>{}</h3>", esc(&t.table.project));
        if let Some(x) = &t.table.text {
            p.push_str(&markdown::to_html(x));
        }
        if t.rate.value.is_some() {
            p.push_str(&format!("<p>执行率：{}</p>", cx.figures.html(&t.rate, Fmt::Percent)));
        }
        blocks.push(Block::Prose(p));
        let mut rows: Vec<Row> = t
            .rows
            .iter()
            .enumerate()
            .map(|(k, r)| {
                let cum = match (&r.contract.cumulative_text, &r.contract.merged, &r.contract.cumulative_pct) {
                    (Some(text), _, None) => Cell::text(text),
                    // Part of a merged cell whose figure stands on another row.
                    (None, Some(_), None) => Cell::text("（同上）"),
                    _ => cx.percent_cell(&r.cumulative),
                };
                let no = r.contract.no.map(|n| n.to_string()).unwrap_or_else(|| (k + 1).to_string());
                let merged = r.contract.merged.as_ref().map(|_| "<span class=\"aside\">（合并单元格）</span>").unwrap_or("");
                Row {
                    head: Cell::markup(format!("<span class=\"no\">{no}</span> {}", esc(&r.contract.name)), format!("{no} {}", r.contract.name)),
                    cells: vec![
                        Cell::text(&r.contract.contractor),
                        cx.money_cell(&Shown::stated_opt(&r.contract.amount)),
                        match (&r.contract.merged, &r.contract.paid) {
                            (Some(_), None) => Cell::text("（同上）"),
                            _ => cx.money_cell(&Shown::stated_opt(&r.contract.paid)),
                        },
                        {
                            let mut cum = cum.numeric();
                            cum.append(Cell::markup(merged.into(), if merged.is_empty() { "" } else { "（合并单元格）" }));
                            cum
                        },
                    ],
                    total: false,
                }
            })
            .collect();
        rows.push(Row {
            head: "合计".into(),
            cells: vec![Cell::text(""), cx.money_cell(&t.total_amount), cx.money_cell(&t.total_paid), Cell::text("")],
            total: true,
        });
        blocks.push(Block::Table(Table {
            id: format!("contracts-{}", i + 1),
            caption: format!("{}合同支付情况（单位：{tu}）", t.table.project),
            cols: vec!["合同名称".into(), "施工（服务）单位名称".into(), format!("合同金额（{tu}）"), format!("支付金额（{tu}）"), "累计申请比例".into()],
            rows,
        }));
    }
    for (i, t) in d.project_tables.iter().enumerate() {
        let rows = t
            .rows
            .iter()
            .map(|r| Row { head: Cell::text(r.name), cells: vec![cx.money_cell(&r.budget), cx.money_cell(&r.actual), cx.percent_cell(&r.rate)], total: false })
            .collect();
        let count = t.table.count.as_ref().map(|c| format!("：{}个", c.value)).unwrap_or_default();
        blocks.push(Block::Table(Table {
            id: format!("project-table-{}", i + 1),
            caption: format!("{}{count}（单位：{}）", t.table.title, t.unit.label()),
            cols: vec!["项目".into(), "预算金额".into(), "支出金额".into(), "预算执行率".into()],
            rows,
        }));
    }
    if !blocks.is_empty() {
        out.push(Section { id: "contracts".into(), title: title_of("contracts"), blocks });
    }

    // 评价得分
    let mut blocks = vec![];
    if let Some(s) = &d.score {
        let mut p = format!("<p class=\"score-total\">评价得分：<strong>{}</strong> 分", cx.figures.html(&s.total, Fmt::Percent).replace('%', ""));
        if let (Some(b), Some(x)) = (&s.score.basic, &s.score.bonus) {
            p.push_str(&format!("（基础分 {} 分，超标分 {} 分）", esc(&b.text), esc(&x.text)));
        }
        if let Some(g) = &s.score.grade {
            p.push_str(&format!("，评价等级：{}", esc(g)));
        }
        p.push_str("</p>");
        blocks.push(Block::Prose(p));
        if !s.categories.is_empty() {
            let groups: Vec<(String, Vec<Option<Decimal>>)> =
                s.categories.iter().map(|c| (c.category.name.clone(), vec![c.score.value, c.max.value])).collect();
            let desc = s
                .categories
                .iter()
                .map(|c| {
                    format!(
                        "{}：得分{}，分值{}",
                        c.category.name,
                        c.score.value.map(|v| v.to_string()).unwrap_or_default(),
                        c.max.value.map(|v| v.to_string()).unwrap_or_default()
                    )
                })
                .collect::<Vec<_>>()
                .join("；");
            let svg = chart::grouped_bars("score-chart", "各一级指标得分与分值", &["得分", "分值"], &groups, "分", &desc).sourced(source_of(
                "evaluation",
                "score",
                None,
            ));
            let mut rows: Vec<Row> = s
                .categories
                .iter()
                .map(|c| Row { head: Cell::text(&c.category.name), cells: vec![cx.count_cell(&c.max), cx.count_cell(&c.score)], total: false })
                .collect();
            rows.push(Row { head: "总分".into(), cells: vec![cx.count_cell(&s.max), cx.count_cell(&s.total)], total: true });
            blocks.push(Block::Chart {
                svg,
                table: Table {
                    id: "score-table".into(),
                    caption: "评价得分（按一级指标）".into(),
                    cols: vec!["一级指标".into(), "分值".into(), "得分".into()],
                    rows,
                },
            });
            let rows = s
                .categories
                .iter()
                .flat_map(|c| {
                    c.category.indicators.iter().map(move |i| Row {
                        head: Cell::text(&i.name),
                        cells: vec![
                            Cell::text(&c.category.name),
                            Cell::text(i.level2.as_deref().unwrap_or("")),
                            Cell::text(i.target.as_deref().unwrap_or("")),
                            Cell::text(i.actual.as_deref().unwrap_or("")),
                            Cell::number(i.max.as_ref().map(|m| m.text.as_str()).unwrap_or_default()),
                            Cell::number(i.score.as_ref().map(|m| m.text.as_str()).unwrap_or_default()),
                            Cell::text(i.deviation.as_deref().unwrap_or("")),
                        ],
                        total: false,
                    })
                })
                .collect();
            blocks.push(Block::Table(Table {
                id: "indicators-table".into(),
                caption: "评价指标".into(),
                cols: vec![
                    "指标".into(),
                    "一级指标".into(),
                    "二级指标".into(),
                    "目标值".into(),
                    "实际完成值".into(),
                    "分值".into(),
                    "得分".into(),
                    "偏差原因".into(),
                ],
                rows,
            }));
        }
    }
    blocks.extend(n("score"));
    if !blocks.is_empty() {
        out.push(Section { id: "score".into(), title: title_of("score"), blocks });
    }
    for id in ["problems", "suggestions"] {
        let b: Vec<Block> = n(id).collect();
        if !b.is_empty() {
            out.push(Section { id: id.into(), title: title_of(id), blocks: b });
        }
    }
    let mut blocks: Vec<Block> = vec![];
    if !forms.is_empty() {
        let items: String = forms.iter().map(|f| format!("<li><a href=\"{}\">{}项目支出绩效自评表</a></li>", form_href(&f.slug), esc(&f.form.name))).collect();
        blocks.push(Block::Prose(format!("<ul>{items}</ul>")));
    }
    blocks.extend(n("forms"));
    if !blocks.is_empty() {
        out.push(Section { id: "forms".into(), title: title_of("forms"), blocks });
    }
    let b: Vec<Block> = n("other").collect();
    if !b.is_empty() {
        out.push(Section { id: "other".into(), title: title_of("other"), blocks: b });
    }
    out.push(checks_section(&cx.figures, file));

    let mut cards = vec![];
    if let Some(s) = &d.score {
        cards.push(Card {
            label: "评价得分".into(), value: format!("{} 分", cx.figures.html(&s.total, Fmt::Percent).replace('%', "")), note: String::new()
        });
    }
    if let Some(s) = &d.self_evaluation {
        cards.push(Card { label: "自评项目".into(), value: format!("{} 个", s.self_evaluation.projects.value), note: String::new() });
    }
    if let Some(e) = &d.execution {
        cards.push(Card { label: "预算执行率".into(), value: cx.figures.html(&e.rate, Fmt::Percent), note: String::new() });
    }
    (cards, out)
}
