//! The 成本绩效分析 page: the report's sections in its own order, with the
//! generated tables placed where the content says (`show`): contract
//! history, each year's budget composition with a pie chart, the year-to-year
//! comparison, per-service tables, peers as bars with the own unit
//! highlighted; the norm tables are in [`norms`].

mod norms;

use std::collections::HashSet;

use rust_decimal::Decimal;

use crate::derive::{Origin, Shown};
use crate::number::format::{money, money2, percent};
use crate::render::chart::{self, Datum};
use crate::render::format::esc;
use crate::render::markdown;
use crate::render::place;
use crate::render::view::{Block, Card, Cell, Figures, Fmt, Row, Section, Table, checks_section};
use crate::reports::cost::derive::{CostBudgetFigures, CostFigures, LineFigures, Restated, service_key};

/// What the 成本绩效分析 page's writers share: the figures (to mark each with its verdict), the source file, and the report's 单项定额 (norms).
pub(crate) struct CostPageContext<'a> {
    /// The page's figures and how to mark their verdicts.
    pub figures: Figures<'a>,
    /// The report's TOML file, for the field paths of 核验提示.
    pub file: &'a str,
    /// The report's 单项定额 (unit-cost norms).
    pub norms: &'a [crate::reports::cost::model::Norm],
}

impl CostPageContext<'_> {
    /// A 金额 (money amount) as a numeric table cell, with its verdict mark.
    pub fn money_cell(&self, s: &Shown) -> Cell {
        self.figures.cell(s, Fmt::Money)
    }
    /// A 百分比 (percentage) as a numeric table cell, with its verdict mark.
    pub fn percent_cell(&self, s: &Shown) -> Cell {
        self.figures.cell(s, Fmt::Percent)
    }
    /// A figure shown as written (`450元/份`) with its verdict.
    pub fn written(&self, s: &Shown, text: &str) -> Cell {
        if s.value.is_some() && s.origin == Origin::Stated { self.figures.wrap(s, text, Fmt::Money) } else { self.figures.cell(s, Fmt::Money) }
    }
}

fn prose(md: &Option<String>) -> Option<Block> {
    md.as_deref().filter(|t| !t.trim().is_empty()).map(|t| Block::Prose(markdown::to_html(t)))
}

/// The 摘要 cards and sections of the cost-analysis page.
pub fn sections(d: &CostFigures, f: Figures, file: &str) -> (Vec<Card>, Vec<Section>) {
    let cx = CostPageContext { figures: f, file, norms: &d.analysis.norms };
    let mut shown = HashSet::new();
    let mut out = vec![];
    for (i, s) in d.analysis.sections.iter().enumerate() {
        let mut blocks = vec![];
        for (j, p) in s.parts.iter().enumerate() {
            if let Some(t) = &p.title {
                let level = if p.level.as_ref().is_some_and(|l| l.value >= 4) { 4 } else { 3 };
                blocks.push(Block::heading(level, &format!("s{}-{}", i + 1, j + 1), t, ""));
            }
            blocks.extend(prose(&p.text));
            if let Some(show) = &p.show {
                shown.insert(show.value.as_str());
                blocks.extend(show_blocks(&cx, d, &show.value, p.caption.as_deref()));
            }
            blocks.extend(prose(&p.after));
        }
        out.push(Section { id: format!("s{}", i + 1), title: s.title.clone(), blocks });
    }
    // Tables the sections do not place still appear, after them.
    let mut rest = vec![];
    for key in ["contracts", "budgets", "peers", "norms", "indicators", "reductions", "standards"] {
        let present = match key {
            "contracts" => d.analysis.contracts.is_some(),
            "budgets" => !d.analysis.budgets.is_empty(),
            "peers" => d.analysis.peers.is_some(),
            "norms" => !d.analysis.norms.is_empty(),
            "indicators" => d.analysis.indicators.is_some(),
            "reductions" => d.analysis.reductions.is_some(),
            _ => d.analysis.standards.is_some(),
        };
        if present && !shown.contains(key) {
            rest.extend(show_blocks(&cx, d, key, None));
        }
    }
    if !rest.is_empty() {
        out.push(Section { id: "tables".into(), title: "数据表".into(), blocks: rest });
    }
    out.push(checks_section(&cx.figures, file));
    (cards(d), out)
}

/// The 摘要 cards, every amount in one unit: the latest budget's (the unit
/// of the page's budget tables), the contracts' total converted to it
/// when they are written in another (the amount as written in its note).
fn cards(d: &CostFigures) -> Vec<Card> {
    let mut cards = vec![];
    let latest = d.budgets.iter().max_by_key(|b| b.budget.year.value);
    if let Some(c) = &d.contracts
        && let Some(v) = c.total_amount.value
    {
        let years: Vec<String> = c.contracts.rows.iter().map(|r| r.year.to_string()).collect();
        let (from, to) = (c.contracts.unit, latest.map_or(c.contracts.unit, |b| b.budget.unit));
        let written = if from == to { String::new() } else { format!("，原文 {}{}", money(v), from.label()) };
        cards.push(Card {
            label: "合同金额合计".into(),
            value: format!("{}{}", money(from.convert(v, to)), to.label()),
            note: esc(&format!("{}年度{written}", years.join("、"))),
        });
    }
    if let Some(b) = latest
        && let Some(v) = b.total.value
    {
        cards.push(Card {
            label: format!("{}年预算（合同）", b.budget.year.value),
            value: format!("{}{}", money(v), b.budget.unit.label()),
            note: esc(&b.budget.title),
        });
    }
    if !d.norms.norms.is_empty() {
        let names: Vec<&str> = d.norms.norms.iter().map(|n| n.name.as_str()).collect();
        cards.push(Card { label: "单项定额".into(), value: format!("{} 项", names.len()), note: "<a href=\"#norms\">见定额表</a>".into() });
    }
    if let Some(p) = &d.norms.pricing {
        let diff = p.priced_total - p.actual_total;
        let (word, _) = crate::number::format::change_words(diff);
        cards.push(Card {
            label: format!("按单项定额测算{}年预算", p.year),
            value: format!("{}元", money2(p.priced_total)),
            note: format!("比实际预算{word} {}元（<a href=\"#pricing\">测算明细</a>）", money2(diff.abs())),
        });
    }
    cards
}

fn show_blocks(cx: &CostPageContext, d: &CostFigures, show: &str, caption: Option<&str>) -> Vec<Block> {
    match show {
        "contracts" => d.contracts.as_ref().map(|c| contracts(cx, c)).unwrap_or_default(),
        "budgets" => d.budgets.iter().enumerate().flat_map(|(i, b)| budget(cx, b, i)).collect(),
        "comparison" => comparison(cx, &d.budgets).into_iter().collect(),
        "peers" => d.peers.as_ref().map(|p| peers(cx, p)).unwrap_or_default(),
        "norms" => norms::norms(cx, d),
        "indicators" => norms::indicators(d).into_iter().collect(),
        "reductions" => norms::reductions(cx, d).into_iter().collect(),
        "standards" => norms::standards(cx, d),
        s => match s.strip_prefix("service:") {
            Some(key) => service_table(cx, &d.budgets, key, caption).into_iter().collect(),
            None => vec![],
        },
    }
}

fn contracts(cx: &CostPageContext, c: &crate::reports::cost::derive::ContractsFigures) -> Vec<Block> {
    let mut rows: Vec<Row> = c
        .contracts
        .rows
        .iter()
        .map(|r| Row {
            head: r.year.to_string().into(),
            cells: vec![Cell::text(&r.provider), Cell::text(&r.period), cx.money_cell(&Shown::stated(&r.amount)), cx.money_cell(&Shown::stated_opt(&r.spent))],
            total: false,
        })
        .collect();
    rows.push(Row {
        head: "合计".into(),
        cells: vec![Cell::text(""), Cell::text(""), cx.money_cell(&c.total_amount), cx.money_cell(&c.total_spent)],
        total: true,
    });
    let t = Table {
        id: "contracts".into(),
        caption: format!("{}（单位：{}）", c.contracts.title, c.contracts.unit.label()),
        cols: vec!["年度".into(), "服务单位".into(), "合同期间".into(), "合同金额".into(), "支出金额".into()],
        rows,
    };
    let mut out = vec![Block::Table(t)];
    out.extend(prose(&c.contracts.note));
    out
}

/// Quantity as written, with the 单位 column when the table has one.
fn quantity_text(l: &LineFigures) -> String {
    match &l.line.unit {
        Some(u) => format!("{} {}", l.line.quantity.text.trim(), u),
        None => l.line.quantity.text.trim().to_string(),
    }
}

fn line_amount(cx: &CostPageContext, l: &LineFigures) -> Cell {
    let mut c = cx.money_cell(&l.amount);
    if let Some(f) = &l.line.formula {
        c.append(Cell::markup(format!("<br><span class=\"muted\">原文：{}</span>", esc(&f.text)), format!(" 原文：{}", f.text)));
    }
    c
}

/// 单项定额 cell of a line or service: the norm and how the price fares.
fn norm_cell(
    cx: &CostPageContext,
    d: Option<&crate::reports::cost::derive::norms::Compliance>,
    norms: &[crate::reports::cost::model::Norm],
    field: &str,
) -> Cell {
    let Some(c) = d else { return Cell::text("") };
    let n = &norms[c.norm];
    let status = match (&c.quantity, &c.excess) {
        (Some(_), None) => Cell::markup("<br><span class=\"ok\">未超出定额</span>".to_string(), " 未超出定额"),
        _ => Cell::text(""),
    };
    let mut cell = Cell::link(&format!("#norm-{}", n.id.value), &n.name);
    cell.append(Cell::text(&format!(" {}", n.value.text)));
    cell.append(status);
    cell.append(cx.figures.field_notes(cx.file, field));
    cell
}

fn budget(cx: &CostPageContext, b: &CostBudgetFigures, bi: usize) -> Vec<Block> {
    let unit = b.budget.unit.label();
    let mut rows = vec![];
    let mut data = vec![];
    let total_words = |share: &Shown| share.value.map(|v| format!("，占{}", percent(v, share.origin == Origin::Stated))).unwrap_or_default();
    let norms_all = cx.norms;
    for (si, s) in b.services.iter().enumerate() {
        let label = s.service.subtotal_label.as_deref().unwrap_or("小计");
        let field = format!("budgets[{bi}].services[{si}].norm");
        rows.push(Row {
            head: Cell::markup(format!("<strong>{}</strong>（{}）", esc(&s.service.name), esc(label)), format!("{}（{}）", s.service.name, label)),
            cells: vec![
                Cell::text(""),
                Cell::text(""),
                Cell::text(""),
                cx.money_cell(&s.subtotal),
                cx.percent_cell(&s.share),
                norm_cell(cx, s.compliance.as_ref(), norms_all, &field),
            ],
            total: true,
        });
        for (li, l) in s.lines.iter().enumerate() {
            let field = format!("budgets[{bi}].services[{si}].lines[{li}].norm");
            let head =
                Cell::text(if l.line.item.is_empty() { service_key(&s.service.name) } else { &l.line.item }).within("<span class=\"indent\">", "</span>");
            rows.push(Row {
                head,
                cells: vec![
                    Cell::text(&quantity_text(l)),
                    Cell::text(&l.count_unit),
                    cx.money_cell(&Shown::stated(&l.line.price)),
                    line_amount(cx, l),
                    Cell::text(""),
                    norm_cell(cx, l.compliance.as_ref(), norms_all, &field),
                ],
                total: false,
            });
        }
        if let Some(v) = s.subtotal.value.filter(|v| *v > Decimal::ZERO) {
            data.push(Datum { label: service_key(&s.service.name).to_string(), value: v, words: format!("{}{unit}{}", money(v), total_words(&s.share)) });
        }
    }
    for (c, cf) in b.budget.charges.iter().zip(&b.charges) {
        let label = c.item.as_deref().map_or_else(|| c.name.clone(), |i| format!("{} · {i}", c.name));
        let rate = match &cf.rate.value {
            Some(_) => {
                let mut rate = cx.percent_cell(&cf.rate);
                rate.append(Cell::text(&format!(" × {}", money2(cf.base))));
                rate
            }
            None => Cell::number(format!("基数 {}", money2(cf.base))),
        };
        rows.push(Row {
            head: Cell::text(&label).within("<strong>", "</strong>"),
            cells: vec![rate, Cell::text(""), Cell::text(""), cx.money_cell(&cf.amount), cx.percent_cell(&cf.share), Cell::text("")],
            total: true,
        });
        if let Some(v) = cf.amount.value.filter(|v| *v > Decimal::ZERO) {
            data.push(Datum {
                label: c.item.clone().unwrap_or_else(|| c.name.clone()),
                value: v,
                words: format!("{}{unit}{}", money(v), total_words(&cf.share)),
            });
        }
    }
    rows.push(Row {
        head: "费用总计".into(),
        cells: vec![Cell::text(""), Cell::text(""), Cell::text(""), cx.money_cell(&b.total), Cell::text(""), Cell::text("")],
        total: true,
    });
    let id = format!("budget-{}", b.budget.year.value);
    let table = Table {
        id: id.clone(),
        caption: format!("{}（单位：{unit}）", b.budget.title),
        cols: vec!["服务内容 / 成本类别".into(), "数量".into(), "计量单位".into(), "单价".into(), "金额".into(), "占比".into(), "单项定额".into()],
        rows,
    };
    let svg = chart::pie(&format!("{id}-pie"), &format!("{}年项目预算构成占比", b.budget.year.value), &data).sourced(place::source_of("cost", "budgets", None));
    vec![Block::Chart { svg, table }]
}

/// The expression a table writes for a line (its `restated` entry for that
/// table, else the 金额 formula, else 数量 × 单价 = 金额 built from the line).
fn detail<'a>(l: &'a LineFigures, table: Option<&str>) -> (String, Option<&'a Restated<'a>>) {
    if let Some(r) = table.and_then(|t| l.restated.iter().find(|r| r.place == t)) {
        // A table that writes only the amount (表7) still shows 数量 × 单价.
        if r.expression.factors.len() == 1 && r.expression.result.is_none() {
            return (format!("{} × {}", quantity_text(l), l.line.price.text), Some(r));
        }
        return (r.expression.text.clone(), Some(r));
    }
    if let Some(f) = &l.line.formula {
        return (f.text.clone(), None);
    }
    let amount = l.amount.value.map(money).unwrap_or_default();
    (format!("{}×{}={amount}", quantity_text(l), l.line.price.text), None)
}

/// The 表N a caption names (“表5 需求评估…” → 表5).
fn table_key(caption: Option<&str>) -> Option<&str> {
    let c = caption?.trim();
    let end = c.char_indices().find(|(_, ch)| ch.is_whitespace()).map_or(c.len(), |(i, _)| i);
    Some(&c[..end])
}

/// 年度对比 (表4): one row per service (matched across years without the
/// numbering), each year's 明细 as its table writes it and the amount.
fn comparison(cx: &CostPageContext, budgets: &[CostBudgetFigures]) -> Option<Block> {
    if budgets.len() < 2 {
        return None;
    }
    let mut keys: Vec<&str> = vec![];
    for b in budgets {
        for s in &b.services {
            let k = service_key(&s.service.name);
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
    }
    let place = "表4";
    let mut rows = vec![];
    let mut cols = vec!["项目内容".to_string()];
    for b in budgets {
        cols.push(format!("{}年明细", b.budget.year.value));
        cols.push(format!("{}年预算金额", b.budget.year.value));
    }
    for k in &keys {
        let mut cells = vec![];
        for b in budgets {
            match b.services.iter().find(|s| service_key(&s.service.name) == *k) {
                Some(s) => {
                    let details: Vec<String> = s.lines.iter().map(|l| detail(l, Some(place)).0).collect();
                    let html: Vec<String> = details.iter().map(|d| esc(d)).collect();
                    cells.push(Cell::markup(html.join("；<br>"), details.join("； ")));
                    let r = s.restated.iter().find(|r| r.place == place);
                    cells.push(cx.money_cell(r.map_or(&s.subtotal, |r| &r.shown)));
                }
                None => {
                    cells.push(Cell::text("（未申报）"));
                    cells.push(Cell::text(""));
                }
            }
        }
        rows.push(Row { head: Cell::text(k), cells, total: false });
    }
    let max_charges = budgets.iter().map(|b| b.budget.charges.len()).max().unwrap_or(0);
    for ci in 0..max_charges {
        // Named as the latest year names it (表4 follows the newer table).
        let name = budgets.iter().rev().find_map(|b| b.budget.charges.get(ci)).map(|c| service_key(&c.name).to_string()).unwrap_or_default();
        let mut cells = vec![];
        for b in budgets {
            match (b.budget.charges.get(ci), b.charges.get(ci)) {
                (Some(_), Some(cf)) => {
                    cells.push(cx.percent_cell(&cf.rate));
                    let r = cf.restated.iter().find(|r| r.place == place);
                    cells.push(cx.money_cell(r.map_or(&cf.amount, |r| &r.shown)));
                }
                _ => {
                    cells.push(Cell::text(""));
                    cells.push(Cell::text(""));
                }
            }
        }
        rows.push(Row { head: Cell::text(&name), cells, total: false });
    }
    let mut cells = vec![];
    for b in budgets {
        cells.push(Cell::text(""));
        let r = b.restated.iter().find(|r| r.place == place);
        cells.push(cx.money_cell(r.map_or(&b.total, |r| &r.shown)));
    }
    rows.push(Row { head: "合计".into(), cells, total: true });
    let years: Vec<String> = budgets.iter().map(|b| b.budget.year.value.to_string()).collect();
    Some(Block::Table(Table {
        id: "comparison".into(),
        caption: format!("表4 {}年度项目申报明细对比（单位：元；按服务内容对齐，明细与金额如表4所写）", years.join("—")),
        cols,
        rows,
    }))
}

/// One service's lines across the years (表5, 表6, 表7).
fn service_table(cx: &CostPageContext, budgets: &[CostBudgetFigures], key: &str, caption: Option<&str>) -> Option<Block> {
    let place = table_key(caption);
    let with: Vec<(&CostBudgetFigures, &crate::reports::cost::derive::ServiceFigures)> =
        budgets.iter().filter_map(|b| b.services.iter().find(|s| service_key(&s.service.name) == key).map(|s| (b, s))).collect();
    if with.is_empty() {
        return None;
    }
    let mut items: Vec<&str> = vec![];
    for (_, s) in &with {
        for l in &s.lines {
            if !items.contains(&l.line.item.as_str()) {
                items.push(&l.line.item);
            }
        }
    }
    let described = with.iter().any(|(_, s)| s.lines.iter().any(|l| l.line.description.is_some()));
    let mut cols = vec!["成本类别".to_string()];
    if described {
        cols.push("工作内容".into());
    }
    for (b, _) in &with {
        cols.push(format!("{}年度明细", b.budget.year.value));
        cols.push(format!("{}年度金额", b.budget.year.value));
    }
    let mut rows = vec![];
    for item in &items {
        let mut cells = vec![];
        if described {
            let desc = with.iter().find_map(|(_, s)| s.lines.iter().find(|l| l.line.item == *item).and_then(|l| l.line.description.as_deref()));
            cells.push(Cell::text(desc.unwrap_or("")));
        }
        for (_, s) in &with {
            match s.lines.iter().find(|l| l.line.item == *item) {
                Some(l) => {
                    let (text, r) = detail(l, place);
                    cells.push(Cell::text(&text));
                    cells.push(cx.money_cell(r.map_or(&l.amount, |r| &r.shown)));
                }
                None => {
                    cells.push(Cell::text("-"));
                    cells.push(Cell::text("-"));
                }
            }
        }
        rows.push(Row { head: Cell::text(item), cells, total: false });
    }
    let mut cells = vec![];
    if described {
        cells.push(Cell::text(""));
    }
    for (_, s) in &with {
        cells.push(Cell::text(""));
        let r = place.and_then(|p| s.restated.iter().find(|r| r.place == p));
        cells.push(cx.money_cell(r.map_or(&s.subtotal, |r| &r.shown)));
    }
    rows.push(Row { head: "合计".into(), cells, total: true });
    let caption = caption.map_or_else(|| format!("{key}成本情况"), str::to_string);
    Some(Block::Table(Table { id: format!("service-{}", id_words(key)), caption: format!("{caption}（单位：元）"), cols, rows }))
}

fn peers(cx: &CostPageContext, p: &crate::reports::cost::derive::PeersFigures) -> Vec<Block> {
    let unit = p.peers.unit.label();
    let rows: Vec<Row> = p
        .peers
        .rows
        .iter()
        .zip(&p.monthly)
        .map(|(r, m)| Row {
            head: if r.is_self {
                Cell::markup(format!("<strong>{}</strong>（本单位）", esc(&r.name)), format!("{}（本单位）", r.name))
            } else {
                Cell::text(&r.name)
            },
            cells: vec![cx.money_cell(&Shown::stated(&r.amount)), r.monthly.as_ref().map_or_else(|| cx.money_cell(m), |u| cx.written(m, &u.text))],
            total: false,
        })
        .collect();
    let table = Table {
        id: "peers".into(),
        caption: format!("{}（单位：{unit}；平均每月金额 = 合同金额 ÷ {} 个月）", p.peers.title, p.peers.months.text),
        cols: vec!["街道".into(), "合同金额".into(), "平均每月金额".into()],
        rows,
    };
    let items: Vec<(String, Decimal, bool)> = p.peers.rows.iter().zip(&p.monthly).filter_map(|(r, m)| Some((r.name.clone(), m.value?, r.is_self))).collect();
    let words: Vec<String> =
        items.iter().map(|(n, v, own)| format!("{n}{} {}{unit}/月", if *own { "（本单位）" } else { "" }, crate::number::round_half_up(*v, 2))).collect();
    let title = "各街道困难群众救助服务所平均每月合同金额";
    let svg = chart::highlight_bars("peers-bars", title, &items, &format!("{unit}/月"), &format!("{title}：{}。", words.join("；")))
        .sourced(place::source_of("cost", "peers", None));
    let mut out = vec![Block::Chart { svg, table }];
    if let (Some((rank, n)), Some(own)) = (p.rank, p.peers.rows.iter().position(|r| r.is_self)) {
        let v = p.monthly[own].value.map(|v| crate::number::round_half_up(v, 2).to_string()).unwrap_or_default();
        out.push(Block::Prose(format!(
            "<p class=\"derived\">本站按表中数字排序：{}平均每月金额 {v}{unit}，在 {n} 个街道中由高到低排第 {rank} 位。</p>",
            esc(&p.peers.rows[own].name)
        )));
    }
    out
}

/// A service's name as part of a table id and of its CSV's file name:
/// letters and digits kept, every run of anything else (spaces, `/`, `<`,
/// quotes) one `-`, so that no name can reach outside the page's folder
/// or out of an attribute.
fn id_words(name: &str) -> String {
    name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join("-")
}

#[cfg(test)]
mod tests {
    #[test]
    fn service_ids_hold_only_letters_digits_and_dashes() {
        assert_eq!(super::id_words("数据维护"), "数据维护");
        assert_eq!(super::id_words("社区 或 小组活动"), "社区-或-小组活动");
        assert_eq!(super::id_words("../../x<img src=\"y\">"), "x-img-src-y");
    }
}
