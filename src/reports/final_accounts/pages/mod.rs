//! The 部门决算 page, in the seed's order: prose sentences built from the
//! derived figures (with their 核验提示), tables beside every chart, and the
//! narrative files placed in their sections.

use crate::derive::Shown;
use crate::model::Narrative;
use crate::number::format::{money, percent};
use crate::render::chart::{self, Datum};
use crate::render::format::esc;
use crate::render::markdown;
use crate::render::place::source_of;
use crate::render::view::{Block, Card, Cell, Figures, Row, Section, Table, narratives_for};
use crate::reports::final_accounts::derive::*;
use crate::reports::final_accounts::model::FinalAccounts;
use crate::reports::final_accounts::tables::Tables;

mod cards;
mod charts;
mod context;
mod execution;
mod statements;

use cards::cards;
pub use cards::summary;
use context::FinalAccountsPageContext;

fn datum(name: &str, amount: &Shown, share: &Shown, unit: &str) -> Option<Datum> {
    let v = amount.value.filter(|v| v.is_sign_positive() && !v.is_zero())?;
    let share_text = share.value.map(|s| format!("，占{}", percent(s, share.origin == crate::derive::Origin::Stated))).unwrap_or_default();
    Some(Datum { label: name.to_string(), value: v, words: format!("{}{unit}{share_text}", money(v)) })
}

fn composition_section(cx: &FinalAccountsPageContext, c: &CompositionFigures, what: &str, id: &str, chart_title: &str) -> (String, Option<Block>) {
    let parts: Vec<String> = c
        .items
        .iter()
        .map(|i| {
            let share = if i.share.value.is_some() { format!("，占{}的{}", what, cx.percent(&i.share)) } else { String::new() };
            format!("{}{}{share}", esc(i.name), cx.amount(&i.amount))
        })
        .collect();
    let of_which = if parts.is_empty() { String::new() } else { format!("，其中：{}", parts.join("；")) };
    let prose = format!("{}年度本年{}{}{}{of_which}。", cx.year, what, cx.amount(&c.sum_check), cx.and_change(&c.totals, "上年"));
    let mut rows: Vec<Row> =
        c.items.iter().map(|i| Row { head: Cell::text(i.name), cells: vec![cx.money_cell(&i.amount), cx.percent_cell(&i.share)], total: false }).collect();
    rows.push(Row { head: format!("本年{what}").into(), cells: vec![cx.money_cell(&c.sum_check), Cell::number("100%")], total: true });
    let table = Table {
        id: format!("{id}-table"),
        caption: format!("{}年度{}构成（单位：{}）", cx.year, what.trim_end_matches("合计"), cx.unit),
        cols: vec!["项目".into(), format!("金额（{}）", cx.unit), format!("占{what}比例")],
        rows,
    };
    let data: Vec<Datum> = c.items.iter().filter_map(|i| datum(i.name, &i.amount, &i.share, cx.unit)).collect();
    let left_out: Vec<&str> = c.items.iter().filter(|i| !i.amount.is_positive()).map(|i| i.name).collect();
    let mut title = chart_title.to_string();
    if !left_out.is_empty() {
        title.push_str(&format!("（金额为零或未填报的{}项未制图）", left_out.len()));
    }
    if data.is_empty() {
        // Nothing to draw: the table alone (no empty chart), unless it has no rows either.
        return (prose, (!c.items.is_empty()).then_some(Block::Table(table)));
    }
    let svg = chart::pie(id, &title, &data).sourced(source_of("final-accounts", id, None));
    (prose, Some(Block::Chart { svg, table }))
}

fn functional_table(cx: &FinalAccountsPageContext, f: &FunctionalFigures, id: &str, caption: &str) -> Table {
    let coded = |code: Option<&str>, name: &str| match code {
        Some(code) => format!("{code} {name}"),
        None => name.to_string(),
    };
    let mut rows: Vec<Row> = vec![];
    for c in &f.classes {
        rows.push(Row {
            head: coded(c.code, c.name).into(),
            cells: vec![
                cx.money_cell(&c.vs_budget.current),
                cx.percent_cell(&c.share),
                cx.money_cell(&c.vs_budget.base),
                cx.money_cell(&c.vs_budget.change),
                cx.percent_cell(&c.vs_budget.change_pct),
            ],
            total: false,
        });
        // 款/项 rows, indented under their 类.
        rows.extend(c.details.iter().map(|d| Row {
            head: Cell::from(format!("{}（{}）", coded(d.code, d.name), d.level)).within("<span class=\"indent\">", "</span>"),
            cells: vec![cx.money_cell(&d.amount), Cell::text(""), cx.money_cell(&d.budget), Cell::text(""), Cell::text("")],
            total: false,
        }));
    }
    rows.push(Row {
        head: "合计".into(),
        cells: vec![cx.money_cell(&f.total), Cell::text(""), cx.money_cell(&f.budget_total), Cell::text(""), Cell::text("")],
        total: true,
    });
    Table {
        id: id.to_string(),
        caption: format!("{caption}（单位：{}）", cx.unit),
        cols: vec!["功能分类（类）".into(), "决算数".into(), format!("占{}", f.share_base), "年初预算数".into(), "决算比年初预算增减".into(), "增减率".into()],
        rows,
    }
}

fn class_sentences(cx: &FinalAccountsPageContext, f: &FunctionalFigures) -> Vec<String> {
    f.classes
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut s =
                format!("{}、{}（类）：{}年度决算{}{}", i + 1, esc(c.name.trim_end_matches("（类）")), cx.year, cx.money(&c.vs_budget.current), cx.unit);
            let phrase = cx.change_phrase(&c.vs_budget, &format!("{}年年初预算", cx.year));
            if !phrase.is_empty() {
                s.push('，');
                s.push_str(&phrase);
            }
            s.push('。');
            s
        })
        .collect()
}

/// The aside under a “主要用于” list that names only the main 类.
fn main_only_note(f: &FunctionalFigures) -> Option<Block> {
    f.main_only.then(|| Block::Prose("<p class=\"aside\">说明：原文只列出了主要的几类，合计中还含未列出的类。</p>".into()))
}

fn title_of(id: &str) -> String {
    crate::reports::final_accounts::model::SECTIONS.iter().find(|(i, _)| *i == id).map(|(_, t)| t.to_string()).unwrap_or_default()
}

/// Build the page's sections and summary cards.
pub fn sections(fa: &FinalAccounts, d: &FinalAccountsFigures, figures: Figures, year: u16, narratives: &[Narrative], file: &str) -> (Vec<Card>, Vec<Section>) {
    let cx = FinalAccountsPageContext { figures, unit: d.unit.label(), year };
    let mut out = vec![];

    // 收入支出决算总体情况 (each part only when the disclosure gives it)
    let mut blocks = vec![];
    if let (Some(o), Some(ov)) = (&fa.overview, &d.overview) {
        let reason = o.reason.as_deref().map(|r| format!("主要原因：{}", esc(r))).unwrap_or_default();
        blocks.push(Block::Prose(format!("<p>{}年度收、支总计{}{}。{reason}</p>", year, cx.amount(&ov.current), cx.and_change(ov, "上年"))));
    }
    let parts = [
        (&d.income, "收入合计", "income", "图1", "收入决算构成", "（一）收入决算"),
        (&d.expenditure, "支出合计", "expenditure", "图2", "基本支出和项目支出情况", "（二）支出决算"),
    ];
    for (c, what, id, fig, chart_title, heading) in parts {
        let Some(c) = c else { continue };
        let (p, chart) = composition_section(&cx, c, what, id, &format!("{fig}：{year}年度{chart_title}"));
        blocks.push(Block::Prose(format!("<h3>{heading}</h3><p>{p}</p>")));
        blocks.extend(chart);
    }
    if !blocks.is_empty() {
        out.push(Section { id: "overview".into(), title: title_of("overview"), blocks });
    }

    // 财政拨款收入支出决算总体情况
    if let (Some(a), Some(ch)) = (&fa.appropriation, &d.appropriation) {
        let mut p = format!("<p>{}年度财政拨款收、支总计{}{}。", year, cx.amount(&d.appropriation_parts), cx.and_change(ch, "上年"));
        if let Some(r) = &a.reason {
            p.push_str(&format!("主要原因：{}", esc(r)));
        }
        p.push_str("</p>");
        out.push(Section { id: "appropriation".into(), title: title_of("appropriation"), blocks: vec![Block::Prose(p)] });
    }

    // 一般公共预算财政拨款支出
    if let Some(g) = &d.general_budget {
        general_budget_section(&cx, g, &fa.tables, narratives, &mut out);
    }
    finish_sections(fa, d, &cx, narratives, file, out)
}

/// 一般公共预算财政拨款支出: 总体情况 (with its chart and table), 具体情况.
fn general_budget_section(cx: &FinalAccountsPageContext, g: &FunctionalFigures, tables: &Tables, narratives: &[Narrative], out: &mut Vec<Section>) {
    let year = cx.year;
    let mut items: Vec<String> = g.classes.iter().map(|c| cx.share_item(c.name, &c.vs_budget.current, &c.share, "本年财政拨款支出")).collect();
    items.extend(g.also_listed.iter().map(|a| cx.share_item(a.name, &a.amount, &a.share, "本年财政拨款支出")));
    let uses = if items.is_empty() { String::new() } else { format!("，主要用于以下方面（按大类）：{}", items.join("；")) };
    let mut blocks = vec![Block::Prose(format!("<h3>（一）总体情况</h3><p>{}年度一般公共预算财政拨款支出{}{uses}。</p>", year, cx.amount(&g.total)))];
    blocks.extend(main_only_note(g));
    if !g.also_listed.is_empty() {
        blocks.push(Block::Prose(format!(
            "<p class=\"aside\">说明：原文在上句中同时列出了{}，它们不属于一般公共预算，未计入上述合计，列在下面各自的章节中。</p>",
            g.also_listed.iter().map(|a| esc(a.name)).collect::<Vec<_>>().join("、")
        )));
    }
    if !g.classes.is_empty() {
        let table = functional_table(cx, g, "general-budget-table", &format!("{year}年度一般公共预算财政拨款支出（按功能分类·类）"));
        blocks.push(charts::general_budget(cx, g, tables, table));
        blocks.push(Block::Prose(format!("<h3>（二）具体情况</h3><p>{}</p>", class_sentences(cx, g).join("</p><p>"))));
    }
    if g.classes.iter().any(|c| c.vs_budget.base.origin == crate::derive::Origin::Computed) {
        blocks.push(Block::Prose("<p class=\"aside\">原文未列出的年初预算数由“决算数 − 比年初预算增减额”推算，带 * 标记。</p>".into()));
    }
    if let Some(e) = &g.execution {
        blocks.extend(execution::blocks(cx, e));
    }
    blocks.extend(narratives_for(narratives, "final-accounts", "general-budget", &cx.figures));
    out.push(Section { id: "general-budget".into(), title: title_of("general-budget"), blocks });
}

/// The sections after 一般公共预算 (each only when the disclosure gives it),
/// the narratives placed in them, the 数据核验 section and the cards.
fn finish_sections(
    fa: &FinalAccounts,
    d: &FinalAccountsFigures,
    cx: &FinalAccountsPageContext,
    narratives: &[Narrative],
    file: &str,
    mut out: Vec<Section>,
) -> (Vec<Card>, Vec<Section>) {
    let year = cx.year;
    // 政府性基金
    if let Some(gf) = &d.government_fund {
        let items: Vec<String> = gf.classes.iter().map(|c| cx.share_item(c.name, &c.vs_budget.current, &c.share, gf.share_base)).collect();
        let uses = if items.is_empty() { String::new() } else { format!("，主要用于{}", items.join("；")) };
        let mut blocks = vec![Block::Prose(format!("<h3>（一）总体情况</h3><p>{}年度政府性基金预算财政拨款支出{}{uses}。</p>", year, cx.amount(&gf.total)))];
        blocks.extend(main_only_note(gf));
        if !gf.classes.is_empty() {
            blocks.push(Block::Table(functional_table(cx, gf, "government-fund-table", &format!("{year}年度政府性基金预算财政拨款支出（按功能分类·类）"))));
            blocks.push(Block::Prose(format!("<h3>（二）具体情况</h3><p>{}</p>", class_sentences(cx, gf).join("</p><p>"))));
        }
        out.push(Section { id: "government-fund".into(), title: title_of("government-fund"), blocks });
    }

    // 国有资本经营
    if let Some((i, e)) = &d.state_capital {
        let p = format!("<p>{}年度国有资本经营预算财政拨款收入总计{}，国有资本经营预算财政拨款支出总计{}。</p>", year, cx.amount(i), cx.amount(e));
        out.push(Section { id: "state-capital".into(), title: title_of("state-capital"), blocks: vec![Block::Prose(p)] });
    }

    // 基本支出
    if let Some(b) = &fa.basic_expenditure {
        let gf = b.government_fund.as_ref().map(|f| format!("，使用政府性基金财政拨款安排基本支出{}", cx.amount(&Shown::stated(f)))).unwrap_or_default();
        let mut p = format!("<p>{}年度使用一般公共预算财政拨款安排基本支出{}{}。</p>", year, cx.amount(&Shown::stated(&b.general_budget)), gf);
        let mut blocks = vec![];
        if !b.categories.is_empty() {
            p.push_str("<p>基本支出按经济分类包括：</p>");
            blocks.push(Block::Prose(p));
            let rows = b
                .categories
                .iter()
                .enumerate()
                .map(|(i, c)| Row {
                    head: format!("（{}）{}", i + 1, c.name).into(),
                    cells: vec![
                        Cell::text(&c.covers),
                        c.amount.as_ref().map_or_else(|| cx.money_cell(&Shown::not_reported()), |a| cx.money_cell(&Shown::stated(a))),
                    ],
                    total: false,
                })
                .collect();
            let table = Table {
                id: "basic-expenditure-table".into(),
                caption: format!("基本支出经济分类构成（单位：{}）", cx.unit),
                cols: vec!["经济分类".into(), "包括".into(), "金额".into()],
                rows,
            };
            blocks.extend(charts::basic_expenditure(cx, b, &fa.tables, &d.tables, Some(table)));
        } else {
            blocks.push(Block::Prose(p));
            blocks.extend(charts::basic_expenditure(cx, b, &fa.tables, &d.tables, None));
        }
        out.push(Section { id: "basic-expenditure".into(), title: title_of("basic-expenditure"), blocks });
    }

    // 三公经费
    if let Some(t) = &d.three_public {
        out.push(statements::three_public(cx, t));
    }

    // 机关运行经费
    if let Some(o) = &d.operating_costs {
        let reason = fa.operating_costs.as_ref().and_then(|o| o.reason.as_deref());
        let p = format!(
            "<p>{}年度使用财政拨款安排的基本支出中的日常公用经费支出，合计{}{}。{}</p>",
            year,
            cx.amount(&o.current),
            cx.and_change(o, "上年"),
            statements::change_reason(o, reason)
        );
        let table = Table {
            id: "operating-costs-table".into(),
            caption: format!("机关运行经费（单位：{}）", cx.unit),
            cols: vec!["项目".into(), format!("{year}年"), format!("{}年", year - 1), "增减".into(), "增减率".into()],
            rows: vec![Row {
                head: "机关运行经费".into(),
                cells: vec![cx.money_cell(&o.current), cx.money_cell(&o.base), cx.money_cell(&o.change), cx.percent_cell(&o.change_pct)],
                total: false,
            }],
        };
        out.push(Section { id: "operating-costs".into(), title: title_of("operating-costs"), blocks: vec![Block::Prose(p), Block::Table(table)] });
    }

    // 政府采购
    if let Some(pr) = &d.procurement {
        out.push(statements::procurement(cx, pr));
    }

    // 国有资产, 预算绩效
    out.extend(fa.assets.as_ref().and_then(|a| statements::assets(cx, a)));
    out.extend(fa.performance.as_ref().and_then(|p| statements::performance(cx, p)));

    // 政府购买服务
    if let Some(s) = &fa.purchased_services {
        let p = format!("<p>{}年度政府购买服务决算{}。</p>", year, cx.amount(&Shown::stated(&s.amount)));
        out.push(Section { id: "purchased-services".into(), title: title_of("purchased-services"), blocks: vec![Block::Prose(p)] });
    }

    // 民生支出
    let mut blocks: Vec<Block> = vec![];
    if !d.livelihood.is_empty() {
        let rows = d
            .livelihood
            .iter()
            .map(|l| Row {
                head: Cell::text(l.name),
                cells: vec![cx.money_cell(&l.vs_prior.current), cx.money_cell(&l.vs_prior.base), cx.money_cell(&l.vs_prior.change)],
                total: false,
            })
            .collect();
        blocks.push(Block::Table(Table {
            id: "livelihood-table".into(),
            caption: format!("民生支出（单位：{}）", cx.unit),
            cols: vec!["项目".into(), format!("{year}年支出"), format!("{}年支出", year - 1), "比上年增减".into()],
            rows,
        }));
    }
    blocks.extend(narratives_for(narratives, "final-accounts", "livelihood", &cx.figures));
    if !blocks.is_empty() {
        out.push(Section { id: "livelihood".into(), title: title_of("livelihood"), blocks });
    }

    // 专业名词解释
    if !d.glossary.is_empty() {
        let glossary = Block::glossary(d.glossary.iter().map(|g| (g.name.as_str(), markdown::to_html(&g.definition))));
        out.push(Section { id: "glossary".into(), title: title_of("glossary"), blocks: vec![glossary] });
    }
    let mut blocks: Vec<Block> = fa.tables_note.iter().map(|n| Block::Prose(markdown::to_html(n))).collect();
    blocks.extend(super::tables::pages::blocks(&fa.tables, &d.tables, &cx.figures, cx.unit));
    if fa.three_public.is_none() {
        charts::three_public_table(cx, &fa.tables, &mut blocks);
    }
    if !blocks.is_empty() {
        out.push(Section { id: "tables".into(), title: title_of("tables"), blocks });
    }
    // Narrative placed in the remaining sections.
    for s in out.iter_mut() {
        if !matches!(s.id.as_str(), "general-budget" | "livelihood") {
            s.blocks.extend(narratives_for(narratives, "final-accounts", &s.id, &cx.figures));
        }
    }

    out.push(crate::render::view::checks_section(&cx.figures, file));

    (cards(d, cx), out)
}
