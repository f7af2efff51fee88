//! The sections from “三公”经费 on in plain sentences: “三公”经费 (each
//! item's 决算 against 预算, 完成预算%, 比上年, 占比, reasons, 团组/批次/人次
//! and 车辆), 政府采购 (with the shares and the 中小企业 statements),
//! 国有资产占用 and 预算绩效情况. What the disclosure does not state is left
//! out of its sentence — never “—万元” or a dangling “其中：”.

use crate::derive::{Change, Shown};
use crate::render::chart::{self, Datum};
use crate::render::format::esc;
use crate::render::place;
use crate::render::view::{Block, Cell, Fmt, Row, Section, Table};
use crate::reports::final_accounts::derive::{ProcurementFigures, ThreePublicFigures, ThreePublicRow};
use crate::reports::final_accounts::model::{Assets, Performance, Projects};
use crate::source::Located;

use super::context::FinalAccountsPageContext;
use super::execution::closed;
use super::{datum, title_of};

/// “决算数小于预算数的主要原因：…” (the comparison from the figures), or nothing without a reason.
fn budget_reason(actual: &Shown, budget: &Shown, reason: Option<&str>) -> String {
    let Some(reason) = reason else { return String::new() };
    let lead = match actual.value.zip(budget.value).map(|(a, b)| a.cmp(&b)) {
        Some(std::cmp::Ordering::Less) => "决算数小于预算数的主要原因：",
        Some(std::cmp::Ordering::Greater) => "决算数大于预算数的主要原因：",
        _ => "决算数与预算数差异的主要原因：",
    };
    closed(&format!("{lead}{}", esc(reason)))
}

/// “比2023年度减少0.15万元，下降27.78%。减少的主要原因：…” or “与2023年度持平。”.
fn prior_sentence(cx: &FinalAccountsPageContext, lead: &str, c: &Change, reason: Option<&str>) -> String {
    let last = format!("{}年度", cx.year - 1);
    let mut s = match c.change.value {
        Some(v) if v.is_zero() => closed(&format!("{lead}与{last}持平")),
        Some(_) => closed(&format!("{lead}{}", cx.change_phrase(c, &last))),
        None => String::new(),
    };
    s.push_str(&change_reason(c, reason));
    s
}

/// “减少的主要原因：…” (the word from the change's sign), or nothing without a reason.
pub(super) fn change_reason(c: &Change, reason: Option<&str>) -> String {
    let Some(r) = reason else { return String::new() };
    let word = match c.change.value {
        Some(v) if v.is_sign_negative() && !v.is_zero() => "减少的主要原因：",
        Some(v) if !v.is_zero() => "增加的主要原因：",
        _ => "主要原因：",
    };
    closed(&format!("{word}{}", esc(r)))
}

/// A count with its unit, e.g. “2批次”.
fn count(n: &Option<Located<u32>>, unit: &str) -> Option<String> {
    n.as_ref().map(|n| format!("{}{unit}", n.value))
}

/// The sentences of one item after its 决算/预算 phrase: reasons, 比上年, uses, counts and vehicles.
fn item_details(cx: &FinalAccountsPageContext, it: &ThreePublicRow) -> String {
    let src = it.source;
    let mut s = budget_reason(&it.actual, &it.budget, src.reason.as_deref());
    if let Some(c) = &it.vs_prior {
        s.push_str(&prior_sentence(cx, "决算数", c, src.prior_reason.as_deref()));
    }
    if let Some(u) = &src.uses {
        s.push_str(&closed(&format!("主要用于{}", esc(u))));
    }
    if let Some(g) = count(&src.groups, "个") {
        let people = count(&src.people, "人次").map(|p| format!("、累计{p}")).unwrap_or_default();
        s.push_str(&closed(&format!("全年安排因公出国（境）团组{g}{people}")));
    }
    let parts: Vec<String> = [("公务用车购置费", &it.purchase), ("公务用车运行维护费", &it.operation)]
        .iter()
        .filter(|(_, a)| a.value.is_some())
        .map(|(n, a)| format!("{n}{}", cx.amount(a)))
        .collect();
    if !parts.is_empty() {
        s.push_str(&closed(&format!("其中：{}", parts.join("，"))));
    }
    if let Some(v) = count(&src.vehicles, "辆") {
        let bought = count(&src.vehicles_bought, "辆").map(|b| format!("，本年购置{b}")).unwrap_or_default();
        s.push_str(&closed(&format!("公务用车保有量{v}{bought}")));
    } else if let Some(b) = count(&src.vehicles_bought, "辆") {
        s.push_str(&closed(&format!("本年购置公务用车{b}")));
    }
    if it.domestic.value.is_some() {
        let foreign = match (it.foreign.value, src.foreign_within_domestic) {
            (Some(_), true) => format!("（含外宾接待支出{}）", cx.amount(&it.foreign)),
            (Some(_), false) => format!("，外宾接待支出{}", cx.amount(&it.foreign)),
            (None, _) => String::new(),
        };
        s.push_str(&closed(&format!("国内公务接待支出{}{foreign}", cx.amount(&it.domestic))));
    }
    if let Some(b) = count(&src.batches, "批次") {
        let people = count(&src.people, "人次").map(|p| format!("、{p}")).unwrap_or_default();
        let foreign: Vec<String> = [count(&src.foreign_batches, "批次"), count(&src.foreign_people, "人次")].into_iter().flatten().collect();
        let foreign = if foreign.is_empty() { String::new() } else { format!("，其中：接待外宾{}", foreign.join("、")) };
        s.push_str(&closed(&format!("公务接待{b}{people}{foreign}")));
    } else if src.groups.is_none()
        && let Some(p) = count(&src.people, "人次")
    {
        s.push_str(&closed(&format!("累计{p}")));
    }
    s
}

/// “三公”经费: the whole, each item, the note and the table.
pub(super) fn three_public(cx: &FinalAccountsPageContext, t: &ThreePublicFigures) -> Section {
    let year = cx.year;
    let completion = |c: &Shown| if c.value.is_some() { format!("，完成预算的{}", cx.percent(c)) } else { String::new() };
    let lead = format!("{year}年度“三公”经费财政拨款决算数");
    let mut p = format!("<p>{}{}。", cx.vs_budget_phrase(&lead, "“三公”经费财政拨款年初预算", &t.actual, &t.budget, &t.change), completion(&t.completion));
    p.push_str(&budget_reason(&t.actual, &t.budget, t.source.reason.as_deref()));
    if let Some(c) = &t.vs_prior {
        p.push_str(&prior_sentence(cx, &format!("{year}年度“三公”经费财政拨款决算数"), c, t.source.prior_reason.as_deref()));
    }
    if t.items.is_empty() {
        p.push_str("</p>");
    } else {
        p.push_str("其中：</p><ol>");
        for it in &t.items {
            let lead = format!("{}：{year}年度决算数", esc(it.name));
            let share = if it.share.value.is_some() { format!("，占“三公”经费决算数的{}", cx.percent(&it.share)) } else { String::new() };
            let phrase = cx.vs_budget_phrase(&lead, "年初预算数", &it.actual, &it.budget, &it.change);
            p.push_str(&format!("<li>{phrase}{}{share}。{}</li>", completion(&it.completion), item_details(cx, it)));
        }
        p.push_str("</ol>");
    }
    if let Some(n) = t.note {
        p.push_str(&format!("<p>{}</p>", esc(n)));
    }
    Section {
        id: "three-public".into(),
        title: title_of("three-public"),
        blocks: vec![Block::Prose(p), super::charts::three_public(cx, t, three_public_table(cx, t))],
    }
}

/// The 三公 table: 预算, 决算, 增减 (and 完成% and 占比 when the text states any).
fn three_public_table(cx: &FinalAccountsPageContext, t: &ThreePublicFigures) -> Table {
    let with_completion = t.completion.value.is_some() || t.items.iter().any(|i| i.completion.value.is_some());
    let with_share = t.items.iter().any(|i| i.share.value.is_some());
    let extra = |completion: &Shown, share: Option<&Shown>| {
        let mut cells = vec![];
        if with_completion {
            cells.push(cx.percent_cell(completion));
        }
        if with_share {
            cells.push(share.map_or_else(|| Cell::number("100%"), |s| cx.percent_cell(s)));
        }
        cells
    };
    let blank = || {
        let mut cells = vec![Cell::text("")];
        cells.extend((0..usize::from(with_completion) + usize::from(with_share)).map(|_| Cell::text("")));
        cells
    };
    let mut rows: Vec<Row> = t
        .items
        .iter()
        .map(|it| {
            let mut cells = vec![cx.money_cell(&it.budget), cx.money_cell(&it.actual), cx.money_cell(&it.change)];
            cells.extend(extra(&it.completion, Some(&it.share)));
            Row { head: Cell::text(it.name), cells, total: false }
        })
        .collect();
    for it in t.items.iter().filter(|i| i.purchase.value.is_some() || i.operation.value.is_some()) {
        for (word, amount) in [("购置费", &it.purchase), ("运行维护费", &it.operation)] {
            let mut cells = vec![Cell::text(""), cx.money_cell(amount)];
            cells.extend(blank());
            rows.push(Row { head: format!("其中：{}{word}", it.name.trim_end_matches("购置及运行维护费")).into(), cells, total: false });
        }
    }
    let mut cells = vec![cx.money_cell(&t.budget), cx.money_cell(&t.actual), cx.money_cell(&t.change)];
    cells.extend(extra(&t.completion, None));
    rows.push(Row { head: "合计".into(), cells, total: true });
    let mut cols: Vec<String> = vec!["项目".into(), "年初预算数".into(), "决算数".into(), "决算比预算增减".into()];
    if with_completion {
        cols.push("完成预算".into());
    }
    if with_share {
        cols.push("占“三公”经费".into());
    }
    Table {
        id: "three-public-table".into(), caption: format!("{}年度“三公”经费财政拨款年初预算与决算（单位：{}）", cx.year, cx.unit), cols, rows
    }
}

/// 政府采购: the amounts by kind (with their shares when stated), the 中小企业 statements, a pie and the table.
pub(super) fn procurement(cx: &FinalAccountsPageContext, pr: &ProcurementFigures) -> Section {
    let year = cx.year;
    let share = |s: &Shown| if s.value.is_some() { format!("（占{}）", cx.percent(s)) } else { String::new() };
    let [gs, ws, ss] = &pr.kind_shares;
    let mut p = format!(
        "<p>{}年度政府采购支出总额{}，其中：政府采购货物支出{}{}，政府采购工程支出{}{}，政府采购服务支出{}{}。",
        year,
        cx.amount(&pr.total),
        cx.amount(&pr.goods),
        share(gs),
        cx.amount(&pr.works),
        share(ws),
        cx.amount(&pr.services),
        share(ss)
    );
    if pr.sme.value.is_some() {
        p.push_str(&cx.share_item("授予中小企业合同金额", &pr.sme, &pr.sme_share, "政府采购支出总额的"));
        if pr.small_micro.value.is_some() {
            p.push_str(&format!("，其中：{}", cx.share_item("授予小微企业合同金额", &pr.small_micro, &pr.small_micro_share, "政府采购支出总额的")));
        }
        p.push('。');
    }
    p.push_str("</p>");
    p.push_str(&reserved_sentences(cx, pr));
    let kinds = [("货物", &pr.goods, gs), ("工程", &pr.works, ws), ("服务", &pr.services, ss)];
    let none = Shown::not_reported();
    let data: Vec<Datum> = kinds.iter().filter_map(|(n, a, _)| datum(n, a, &none, cx.unit)).collect();
    let table_of = |rows| Table {
        id: "procurement-table".into(),
        caption: format!("{year}年度政府采购支出（单位：{}）", cx.unit),
        cols: vec!["项目".into(), "金额".into(), "占政府采购支出总额".into()],
        rows,
    };
    let share_cell = |s: &Shown| if s.value.is_some() { cx.percent_cell(s) } else { Cell::text("") };
    let mut rows: Vec<Row> =
        kinds.iter().map(|(n, a, s)| Row { head: format!("政府采购{n}支出").into(), cells: vec![cx.money_cell(a), share_cell(s)], total: false }).collect();
    rows.push(Row { head: "政府采购支出总额".into(), cells: vec![cx.money_cell(&pr.total), Cell::text("")], total: true });
    if pr.sme.value.is_some() {
        rows.push(Row { head: "授予中小企业合同金额".into(), cells: vec![cx.money_cell(&pr.sme), cx.percent_cell(&pr.sme_share)], total: false });
    }
    if pr.small_micro.value.is_some() {
        rows.push(Row {
            head: "其中：授予小微企业合同金额".into(),
            cells: vec![cx.money_cell(&pr.small_micro), cx.percent_cell(&pr.small_micro_share)],
            total: false,
        });
    }
    for (label, amount) in RESERVED.iter().zip(&pr.reserved).filter(|(_, a)| a.value.is_some()) {
        rows.push(Row { head: Cell::text(label.0), cells: vec![cx.money_cell(amount), Cell::text("")], total: false });
    }
    // No empty chart: the table alone when nothing has an amount to draw.
    let chart = if data.is_empty() {
        Block::Table(table_of(rows))
    } else {
        Block::Chart {
            svg: chart::pie("procurement", &format!("图4：{year}年度政府采购支出构成"), &data).sourced(place::source_of("final-accounts", "procurement", None)),
            table: table_of(rows),
        }
    };
    Section { id: "procurement".into(), title: title_of("procurement"), blocks: vec![Block::Prose(p), chart] }
}

/// The 中小企业 figures of the Shanghai form: table label, and the clause of the sentence.
const RESERVED: [(&str, &str); 5] = [
    ("面向中小企业预留项目预算金额", "本部门面向中小企业预留政府采购项目预算金额"),
    ("面向小微企业预留项目预算金额", "面向小微企业预留政府采购项目预算金额"),
    ("预留项目中由中小企业中标或成交的采购金额", "在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额"),
    ("预留项目中由小微企业中标或成交的采购金额", "在面向小微企业预留的政府采购项目中，由小微企业供应商中标或成交的，采购金额"),
    ("其他项目中由中小企业中标或成交的采购金额", "在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额"),
];

/// “本部门面向中小企业预留政府采购项目预算金额…；在面向中小企业预留的政府采购项目中…”, the clauses stated.
fn reserved_sentences(cx: &FinalAccountsPageContext, pr: &ProcurementFigures) -> String {
    let clauses = |range: std::ops::Range<usize>| -> Vec<String> {
        range.filter(|&i| pr.reserved[i].value.is_some()).map(|i| format!("{}{}", RESERVED[i].1, cx.amount(&pr.reserved[i]))).collect()
    };
    let (budget, awarded) = (clauses(0..2), clauses(2..5));
    let mut s = String::new();
    if !budget.is_empty() {
        s.push_str(&closed(&format!("{}年度{}", cx.year, budget.join("，"))));
    }
    if !awarded.is_empty() {
        s.push_str(&closed(&awarded.join("；")));
    }
    if s.is_empty() { s } else { format!("<p>{s}</p>") }
}

/// 国有资产占用: 固定资产, 车辆 (by kind) and 设备, the parts stated.
pub(super) fn assets(cx: &FinalAccountsPageContext, a: &Assets) -> Option<Section> {
    let amount =
        |f: &Option<crate::number::Figure>| f.as_ref().filter(|v| v.is_reported()).map(|v| format!("，{}", cx.amount(&Shown::stated(v)))).unwrap_or_default();
    let mut head = vec![];
    if let Some(f) = &a.fixed_assets {
        head.push(format!("固定资产总额{}", cx.amount(&Shown::stated(f))));
    }
    if let Some(n) = &a.vehicles {
        let note = a.vehicles_note.as_deref().map(|n| format!("（{}）", esc(n))).unwrap_or_default();
        let lead = if a.fixed_assets.is_some() { "其中：汽车" } else { "共有车辆" };
        let mut v = format!("{lead}{note}{}辆{}", n.value, amount(&a.vehicles_amount));
        if !a.vehicle_kinds.is_empty() {
            let kinds: Vec<String> = a.vehicle_kinds.iter().map(|k| format!("{}{}辆", esc(&k.name), k.count.value)).collect();
            v.push_str(&format!("{}{}", if a.fixed_assets.is_some() { "，按用途分：" } else { "，其中：" }, kinds.join("、")));
        }
        head.push(v);
    }
    let mut parts = vec![head.join("，")];
    if let Some(n) = a.general_equipment {
        parts.push(format!("单价50万元以上的通用设备{n}台（套）{}", amount(&a.general_equipment_amount)));
    }
    if let Some(n) = a.large_equipment {
        parts.push(format!("单价100万元以上的设备{n}台{}", amount(&a.large_equipment_amount)));
    }
    let parts: Vec<String> = parts.into_iter().filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        return None;
    }
    let p = format!("<p>截止{}，本部门{}。</p>", esc(&a.as_of), parts.join("；"));
    Some(Section { id: "assets".into(), title: title_of("assets"), blocks: vec![Block::Prose(p)] })
}

/// 预算绩效情况: the note, then 绩效目标, 跟踪, 自评 (score and ratings), 重点评价 and the problems.
pub(super) fn performance(cx: &FinalAccountsPageContext, p: &Performance) -> Option<Section> {
    let year = cx.year;
    let projects = |what: &str, x: &Projects| {
        let amount = x.amount.as_ref().filter(|a| a.is_reported()).map(|a| format!("，涉及预算金额{}", cx.amount(&Shown::stated(a)))).unwrap_or_default();
        format!("{what}的{year}年度项目{}个{amount}", x.projects.value)
    };
    let mut parts = vec![];
    if let Some(x) = &p.targets {
        parts.push(projects("编报绩效目标", x));
    }
    if let Some(x) = &p.tracking {
        parts.push(projects("绩效跟踪评价", x));
    }
    if let Some(s) = &p.self_evaluation {
        let mut text = projects("绩效自评", &Projects { projects: Located { value: s.projects.value, span: s.projects.span }, amount: s.amount.clone() });
        if let Some(score) = s.average_score.as_ref().filter(|f| f.is_reported()) {
            text.push_str(&format!("，平均得分{}分", cx.figures.html(&Shown::stated(score), Fmt::Money)));
        }
        let ratings: Vec<String> = [("优", &s.excellent), ("良", &s.good), ("合格", &s.pass), ("不合格", &s.fail)]
            .iter()
            .filter_map(|(r, n)| n.as_ref().map(|n| format!("绩效评级为“{r}”的项目{}个", n.value)))
            .collect();
        if !ratings.is_empty() {
            text.push_str(&format!("（其中，{}）", ratings.join("；")));
        }
        parts.push(text);
    }
    if let Some(x) = &p.key_evaluation {
        parts.push(projects("重点评价", x));
    }
    let mut html = p.note.as_deref().map(|n| format!("<p>{}</p>", esc(n))).unwrap_or_default();
    let mut s = if parts.is_empty() { String::new() } else { closed(&format!("全过程绩效管理实施情况：{}", parts.join("；"))) };
    if let Some(q) = &p.problems {
        let done: Vec<String> =
            [("已经完成整改的", &q.fixed), ("正在整改的", &q.fixing)].iter().filter_map(|(w, n)| n.as_ref().map(|n| format!("{w}{}个", n.value))).collect();
        let done = if done.is_empty() { String::new() } else { format!("，{}", done.join("，")) };
        s.push_str(&closed(&format!("绩效自评中共发现问题{}个{done}", q.found.value)));
    }
    if !s.is_empty() {
        html.push_str(&format!("<p>{s}</p>"));
    }
    (!html.is_empty()).then(|| Section { id: "performance".into(), title: title_of("performance"), blocks: vec![Block::Prose(html)] })
}
