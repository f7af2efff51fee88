//! The norm tables of a cost-analysis page: 单项定额 (anchors `#norm-<id>`
//! that the site-wide norms index links to), the compliance of every line
//! that cites a norm, the latest budget priced under the norms, and the
//! annexes that restate the norms (指标体系表, 成果汇总表, 支出定额标准汇总表).

use rust_decimal::Decimal;

use super::{CostPageContext, service_key};
use crate::derive::Shown;
use crate::number::format::{change_words, money2};
use crate::render::format::esc;
use crate::render::markdown;
use crate::render::view::{Block, Cell, Row, Table};
use crate::reports::cost::derive::CostFigures;
use crate::reports::cost::derive::norms::Compliance;

fn num(d: Decimal) -> String {
    crate::number::round_half_up(d, 2).normalize().to_string()
}

/// 单项定额, compliance and pricing.
pub(super) fn norms(cx: &CostPageContext, d: &CostFigures) -> Vec<Block> {
    let rows: Vec<Row> = d
        .norms
        .norms
        .iter()
        .map(|n| {
            let change = match (&n.history, n.value.figure.value) {
                (Some(h), Some(v)) if h.unit_text() == n.value.unit_text() => h.figure.value.map(|hv| {
                    let diff = v - hv;
                    if diff.is_zero() {
                        "不变".to_string()
                    } else {
                        format!("{}{}{}", if diff < Decimal::ZERO { "下降 " } else { "上升 " }, num(diff.abs()), n.value.unit_text())
                    }
                }),
                (Some(_), Some(_)) => Some("计量单位不同，不可直接比较".to_string()),
                _ => None,
            };
            Row {
                head: Cell::text(&n.name).within(&format!("<span id=\"norm-{}\">", esc(&n.id.value)), "</span>"),
                cells: vec![
                    Cell::number(&n.value.text),
                    Cell::text(n.conditions.as_deref().unwrap_or("")),
                    Cell::number(n.history.as_ref().map(|h| h.text.as_str()).unwrap_or_default()),
                    Cell::text(change.as_deref().unwrap_or("")),
                ],
                total: false,
            }
        })
        .collect();
    let mut out = vec![Block::Table(Table {
        id: "norms".into(),
        caption: "单项定额".into(),
        cols: vec!["内容".into(), "单项定额".into(), "备注（条件）".into(), "历史值".into(), "变化".into()],
        rows,
    })];
    out.extend(compliance(cx, d));
    out.extend(pricing(d));
    out
}

fn compliance_row(cx: &CostPageContext, head: String, c: &Compliance, field: &str) -> Row {
    let n = &cx.norms[c.norm];
    let per = n.value.per.clone().unwrap_or_default();
    let (verdict, excess_unit, excess_total) = match (c.quantity, c.excess) {
        (None, _) => ("计量单位不一致".to_string(), String::new(), String::new()),
        (Some(_), None) => ("符合定额".to_string(), "0".into(), "0".into()),
        (Some(_), Some((u, t))) => ("超出定额".to_string(), money2(u), money2(t)),
    };
    let mut verdict_cell = Cell::text(&verdict);
    verdict_cell.append(cx.figures.field_notes(cx.file, field));
    Row {
        head: head.into(),
        cells: vec![
            Cell::number(c.quantity.map(|q| format!("{}{per}", q.normalize())).unwrap_or_else(|| "—".into())),
            Cell::number(c.price.map(|p| format!("{}元/{per}", num(p))).unwrap_or_else(|| "—".into())),
            Cell::link(&format!("#norm-{}", n.id.value), &n.value.text).numeric(),
            Cell::number(excess_unit),
            Cell::number(excess_total),
            verdict_cell,
        ],
        total: false,
    }
}

fn compliance(cx: &CostPageContext, d: &CostFigures) -> Vec<Block> {
    let mut rows = vec![];
    for (bi, b) in d.budgets.iter().enumerate() {
        let year = b.budget.year.value;
        let mut excess = Decimal::ZERO;
        let before = rows.len();
        for (si, s) in b.services.iter().enumerate() {
            if let Some(c) = &s.compliance {
                rows.push(compliance_row(cx, format!("{year} · {}（整项）", service_key(&s.service.name)), c, &format!("budgets[{bi}].services[{si}].norm")));
                excess += c.excess.map_or(Decimal::ZERO, |e| e.1);
            }
            for (li, l) in s.lines.iter().enumerate() {
                if let Some(c) = &l.compliance {
                    rows.push(compliance_row(
                        cx,
                        format!("{year} · {} · {}", service_key(&s.service.name), l.line.item),
                        c,
                        &format!("budgets[{bi}].services[{si}].lines[{li}].norm"),
                    ));
                    excess += c.excess.map_or(Decimal::ZERO, |e| e.1);
                }
            }
        }
        if rows.len() > before {
            rows.push(Row {
                head: format!("{year}年合计超出").into(),
                cells: vec![Cell::text(""), Cell::text(""), Cell::text(""), Cell::text(""), Cell::number(money2(excess)), Cell::text("")],
                total: true,
            });
        }
    }
    if rows.is_empty() {
        return vec![];
    }
    vec![
        Block::heading(
            3,
            "compliance",
            "预算单价与单项定额的对照",
            "<p class=\"derived\">以下由本站计算：引用单项定额的每一预算行（或整项服务），按定额的计量单位计数，单价与定额比较；单价高于定额的，列出每单位超出额和合计超出额。</p>",
        ),
        Block::Table(Table {
            id: "compliance-table".into(),
            caption: "预算单价与单项定额对照（单位：元）".into(),
            cols: vec![
                "年度 · 服务内容 · 成本类别".into(),
                "按定额单位计的数量".into(),
                "单价".into(),
                "单项定额".into(),
                "每单位超出".into(),
                "合计超出".into(),
                "结论".into(),
            ],
            rows,
        }),
    ]
}

fn pricing(d: &CostFigures) -> Vec<Block> {
    let Some(p) = &d.norms.pricing else { return vec![] };
    let norms = d.norms.norms;
    let mut rows: Vec<Row> = p
        .rows
        .iter()
        .map(|r| {
            let basis = match &r.basis {
                Ok((ni, q)) => {
                    let n = &norms[*ni];
                    format!("{}{} × {}", q.normalize(), n.value.per.as_deref().unwrap_or(""), n.value.text)
                }
                Err(why) => why.to_string(),
            };
            let head = if r.item.is_empty() { r.service.clone() } else { format!("{} · {}", r.service, r.item) };
            Row {
                head: head.into(),
                cells: vec![Cell::number(money2(r.actual)), Cell::number(money2(r.priced)), Cell::number(money2(r.priced - r.actual)), Cell::text(&basis)],
                total: false,
            }
        })
        .collect();
    for c in &p.charges {
        rows.push(Row {
            head: Cell::text(&c.name),
            cells: vec![
                Cell::number(money2(c.actual)),
                Cell::number(money2(c.priced)),
                Cell::number(money2(c.priced - c.actual)),
                Cell::text(&format!("费率 {}% × 测算后的基数", c.rate_pct.normalize())),
            ],
            total: false,
        });
    }
    let diff = p.priced_total - p.actual_total;
    rows.push(Row {
        head: "费用总计".into(),
        cells: vec![Cell::number(money2(p.actual_total)), Cell::number(money2(p.priced_total)), Cell::number(money2(diff)), Cell::text("")],
        total: true,
    });
    let (word, _) = change_words(diff);
    let pct = if p.actual_total.is_zero() { String::new() } else { format!("（{}%）", num((diff / p.actual_total * Decimal::ONE_HUNDRED).abs())) };
    vec![
        Block::heading(
            3,
            "pricing",
            &format!("按单项定额测算{}年预算", p.year),
            &format!(
                "<p class=\"derived\">以下由本站计算：引用定额且计量单位一致的行按“数量 × 单项定额”计价，其余各行保留原金额；管理费、税费按原费率对测算后的基数重新计算（费率与原文核对一致时用原文费率，否则用按金额反算的费率）。按此测算，{}年预算为 {}元，比实际预算 {}元{word} {}元{pct}。下一年度申报时，把各行数量换成计划工作量即可按同一方法测算。</p>",
                p.year,
                money2(p.priced_total),
                money2(p.actual_total),
                money2(diff.abs())
            ),
        ),
        Block::Table(Table {
            id: "pricing-table".into(),
            caption: format!("{}年预算按单项定额测算（单位：元）", p.year),
            cols: vec!["服务内容 · 成本类别".into(), "原预算金额".into(), "按定额测算".into(), "差额".into(), "测算依据".into()],
            rows,
        }),
    ]
}

/// 指标体系表; merged cells are blank on screen and named for screen readers.
pub(super) fn indicators(d: &CostFigures) -> Option<Block> {
    let ind = d.analysis.indicators.as_ref()?;
    let mut l1 = String::new();
    let mut l2 = String::new();
    // A merged cell's value is repeated for screen readers only; the CSV leaves it empty.
    let carry = |v: &Option<String>, last: &mut String| -> Cell {
        match v.as_deref().filter(|s| !s.trim().is_empty()) {
            Some(s) => {
                *last = s.to_string();
                Cell::text(s)
            }
            None if last.is_empty() => Cell::text(""),
            None => Cell::markup(format!("<span class=\"sr-only\">{}</span>", esc(last)), ""),
        }
    };
    let rows = ind
        .rows
        .iter()
        .map(|r| {
            let head = carry(&r.level1, &mut l1);
            let level2 = carry(&r.level2, &mut l2);
            let link = |t: &str| match &r.norm {
                Some(n) => Cell::link(&format!("#norm-{}", n.value), t),
                None => Cell::text(t),
            };
            Row {
                head,
                cells: vec![
                    level2,
                    link(r.level3.as_deref().unwrap_or("")),
                    Cell::text(r.history.as_ref().map_or("", |h| h.value.as_str())),
                    Cell::text(r.target.as_ref().map_or("", |h| h.value.as_str())),
                    Cell::text(r.description.as_deref().unwrap_or("")),
                ],
                total: false,
            }
        })
        .collect();
    Some(Block::Table(Table {
        id: "indicators".into(),
        caption: ind.title.clone(),
        cols: vec!["一级指标".into(), "二级指标".into(), "三级指标".into(), "指标历史值".into(), "指标目标值".into(), "指标说明".into()],
        rows,
    }))
}

/// 成果汇总表 with every restated figure checked.
pub(super) fn reductions(cx: &CostPageContext, d: &CostFigures) -> Option<Block> {
    let red = d.analysis.reductions.as_ref()?;
    let count = |f: &Option<crate::number::Figure>| f.as_ref().map_or_else(String::new, |f| f.text.clone());
    let mut rows = vec![Row {
        head: "合计".into(),
        cells: vec![
            Cell::text(""),
            Cell::text(""),
            Cell::text(""),
            Cell::text(""),
            {
                // A count of norms: the percentage format's `%` dropped.
                let mut count = cx.percent_cell(&d.norms.total_new);
                count.html = count.html.replace('%', "");
                count.text = count.text.replace('%', "");
                count.notes = count.notes.iter().map(|n| n.replace('%', "")).collect();
                count
            },
            Cell::text(""),
            Cell::text(""),
        ],
        total: true,
    }];
    for (i, (r, (amount, rate))) in red.rows.iter().zip(&d.norms.reductions).enumerate() {
        let amount_cell = match &r.amount {
            Some(u) if u.figure.is_reported() => cx.written(amount, &u.text),
            Some(u) => Cell::number(&u.text),
            None => cx.money_cell(amount),
        };
        let mut amount_cell = amount_cell;
        amount_cell.append(cx.figures.field_notes(cx.file, &format!("reductions.rows[{i}].amount")));
        let rate_cell = match &r.rate_pct {
            Some(f) if !f.is_reported() => Cell::number(&f.text),
            _ => cx.percent_cell(rate),
        };
        rows.push(Row {
            head: Cell::text(&r.name),
            cells: vec![
                Cell::number(&r.before.text),
                Cell::number(&r.after.text),
                amount_cell,
                rate_cell,
                Cell::number(count(&r.new)),
                Cell::number(count(&r.lowered)),
                Cell::number(count(&r.raised)),
            ],
            total: false,
        });
    }
    let dept = red.department.as_deref().map(|d| format!("；分析主责部门：{d}")).unwrap_or_default();
    Some(Block::Table(Table {
        id: "reductions".into(),
        caption: format!("{}（资金压减成果：元{dept}）", red.title),
        cols: vec![
            "分析领域（项目）".into(),
            "压减前".into(),
            "压减后".into(),
            "压减金额".into(),
            "压减率".into(),
            "新设标准数量".into(),
            "优化标准数量：标准下降".into(),
            "优化标准数量：标准上升".into(),
        ],
        rows,
    }))
}

/// 支出定额标准汇总表.
pub(super) fn standards(cx: &CostPageContext, d: &CostFigures) -> Vec<Block> {
    let Some(st) = &d.analysis.standards else { return vec![] };
    let facts: Vec<String> = [
        ("分析主责部门", &st.department),
        ("项目单位", &st.implementer),
        ("领域（项目）名称", &st.field),
        ("支出成本明细", &st.detail),
        ("是否有全市基础标准", &st.citywide),
    ]
    .iter()
    .filter_map(|(k, v)| v.as_ref().map(|v| format!("<dt>{k}</dt><dd>{}</dd>", esc(v))))
    .collect();
    let rows = st
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut new_unit = Cell::text(&r.new_unit.value);
            new_unit.append(cx.figures.field_notes(cx.file, &format!("standards.rows[{i}].new_unit")));
            let mut old_unit = Cell::text(r.old_unit.as_ref().map_or("", |u| u.value.as_str()));
            old_unit.append(cx.figures.field_notes(cx.file, &format!("standards.rows[{i}].old_unit")));
            Row {
                head: (i + 1).to_string().into(),
                cells: vec![
                    Cell::text(r.old_tier.as_deref().unwrap_or("")),
                    old_unit,
                    r.old_value.as_ref().map_or_else(|| Cell::text(""), |v| cx.written(&Shown::stated(v), &v.text)),
                    Cell::text(&r.new_tier),
                    new_unit,
                    cx.written(&Shown::stated(&r.new_value), &r.new_value.text),
                    Cell::text(r.note.as_deref().unwrap_or("")),
                ],
                total: false,
            }
        })
        .collect();
    let mut out = vec![];
    if !facts.is_empty() {
        out.push(Block::Prose(format!("<dl class=\"pairs\">{}</dl>", facts.concat())));
    }
    out.push(Block::Table(Table {
        id: "standards".into(),
        caption: st.title.clone(),
        cols: vec![
            "序号".into(),
            "原支出标准：分档".into(),
            "原支出标准：计量单位".into(),
            "原支出标准：标准值".into(),
            "新支出标准：分档".into(),
            "新支出标准：计量单位".into(),
            "新支出标准：标准值".into(),
            "备注".into(),
        ],
        rows,
    }));
    if let Some(n) = &st.note {
        out.push(Block::Prose(markdown::to_html(n)));
    }
    out
}
