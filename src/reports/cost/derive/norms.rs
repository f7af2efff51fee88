//! 单项定额: norm compliance of the budget lines that cite a norm (unit of
//! measure must match; a unit price above the norm is flagged with the
//! excess per unit and in total), the latest budget priced under the norms,
//! and the annex tables that restate the norms (指标体系, 压减成果, 原/新支出标准).

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::{CostBudgetFigures, LineFigures};
use crate::check::Code;
use crate::check::{Approx, Diagnostic, Severity};
use crate::derive::{Ctx, Shown, pct, subject};
use crate::number::{Figure, round_half_up};
use crate::quantity::{Expression, UnitValue};
use crate::reports::cost::model::{ChargeBase, CostAnalysis, Norm};
use crate::source::{Located, Span};

/// Norms and what restates or cites them.
pub struct NormsFigures<'a> {
    pub norms: &'a [Norm],
    /// Verdicts of the 附件2 rows: 压减金额 and 压减率 (stated or computed).
    pub reductions: Vec<(Shown, Shown)>,
    pub total_new: Shown,
    /// The latest budget priced under the norms.
    pub pricing: Option<Pricing>,
}

/// How a line (or a whole service) fares against the norm it cites.
#[derive(Debug, Clone)]
pub struct Compliance {
    /// Index into `norms`.
    pub norm: usize,
    /// Count in the norm's unit of measure; `None` when the units differ.
    pub quantity: Option<Decimal>,
    /// Unit price per the norm's unit.
    pub price: Option<Decimal>,
    /// Above the norm: per unit and in total.
    pub excess: Option<(Decimal, Decimal)>,
    /// The W-NORM-EXCESS or E-NORM-UNIT diagnostic.
    pub diagnostic: Option<usize>,
}

/// The latest budget priced under the norms.
pub struct Pricing {
    pub year: u16,
    pub rows: Vec<PricedRow>,
    pub charges: Vec<PricedCharge>,
    pub actual_total: Decimal,
    pub priced_total: Decimal,
}

pub struct PricedRow {
    pub service: String,
    pub item: String,
    pub actual: Decimal,
    pub priced: Decimal,
    /// Norm index and count in its unit, or why the actual amount is kept.
    pub basis: Result<(usize, Decimal), &'static str>,
}

pub struct PricedCharge {
    pub name: String,
    pub rate_pct: Decimal,
    pub actual: Decimal,
    pub priced: Decimal,
}

fn lookup(ctx: &mut Ctx, index: &HashMap<&str, usize>, r: &Located<String>, field: String) -> Option<usize> {
    let found = index.get(r.value.as_str()).copied();
    if found.is_none() {
        let known: Vec<&str> = index.keys().copied().collect();
        let mut known = known;
        known.sort();
        ctx.checker.error(
            ctx.map,
            r.span,
            Code::Reference,
            field,
            format!(
                "引用了不存在的单项定额 “{}”{}；本文件的定额有：{}",
                r.value,
                crate::check::did_you_mean(&r.value, known.iter().copied()),
                if known.is_empty() { "（无）".into() } else { known.join("、") }
            ),
        );
    }
    found
}

/// What a line or service is and where it cites its norm.
struct Citer<'x> {
    what: &'x str,
    count_unit: &'x str,
    quantity: Decimal,
    amount: Option<Decimal>,
    /// 单价 as written (lines), used when counting in the norm's unit.
    price: Option<Decimal>,
    norm_quantity: Option<&'x Expression>,
    span: Span,
    field: String,
}

fn comply(ctx: &mut Ctx, ni: usize, norm: &Norm, c: Citer) -> Compliance {
    let mut out = Compliance { norm: ni, quantity: None, price: None, excess: None, diagnostic: None };
    let (Some(per), Some(value)) = (norm.value.per.as_deref(), norm.value.figure.value) else { return out };
    let (q, price) = match c.norm_quantity {
        Some(nq) if nq.count_unit() == per => (nq.product(), c.amount.and_then(|a| a.checked_div(nq.product()))),
        Some(nq) => {
            let m = format!(
                "{}的 norm_quantity “{}” 按 {} 计，所引单项定额 {}（{}）按 {per} 计：计量单位不一致",
                c.what,
                nq.text,
                nq.count_unit(),
                norm.name,
                norm.value.text
            );
            let i = ctx.checker.error(ctx.map, nq.span, Code::NormUnit, c.field.replace(".norm", ".norm_quantity"), m);
            ctx.checker.diagnostics[i].plain = Some(format!(
                "{}按定额计的数量“{}”按 {} 计，所引单项定额 {}（{}）按 {per} 计：计量单位不一致",
                c.what,
                nq.text,
                nq.count_unit(),
                norm.name,
                norm.value.text
            ));
            out.diagnostic = Some(i);
            return out;
        }
        None if c.count_unit == per => (c.quantity, c.price.or_else(|| c.amount.and_then(|a| a.checked_div(c.quantity)))),
        None => {
            let m = format!(
                "{}按 {} 计数，所引单项定额 {}（{}）按 {per} 计价：计量单位不一致，无法按定额核对。请改用定额的计量单位，或用 norm_quantity 写出按 {per} 计的数量",
                c.what,
                if c.count_unit.is_empty() { "（未写单位）" } else { c.count_unit },
                norm.name,
                norm.value.text
            );
            let plain = m.split("。请改用").next().unwrap_or(&m).to_string();
            let i = ctx.checker.error(ctx.map, c.span, Code::NormUnit, c.field, m);
            ctx.checker.diagnostics[i].plain = Some(plain);
            out.diagnostic = Some(i);
            return out;
        }
    };
    out.quantity = Some(q);
    out.price = price;
    if let Some(p) = price
        && p > value
    {
        let per_unit = p - value;
        let total = per_unit * q;
        let unit = format!("元/{per}");
        let shown_p = round_half_up(p, 2).normalize();
        let message = format!(
            "{}单价 {shown_p}{unit} 高于单项定额 {}（{}）：每{per}超出 {}元，{}{per}共超出 {}元",
            c.what,
            norm.name,
            norm.value.text,
            round_half_up(per_unit, 2).normalize(),
            q.normalize(),
            round_half_up(total, 2).normalize()
        );
        let mut d = Diagnostic::new(ctx.map, c.span, Severity::Warning, Code::NormExcess, c.field, message);
        d.stated = Some(format!("{shown_p}{unit}"));
        d.computed = Some(norm.value.text.clone());
        d.formula = Some("（单价 − 单项定额）× 数量".into());
        out.diagnostic = Some(ctx.checker.push(d));
        out.excess = Some((per_unit, total));
    }
    out
}

/// A value restating a norm (or its history) must have its unit and value.
fn restates(ctx: &mut Ctx, v: &UnitValue, unit_span: Span, reference: &UnitValue, field: &str, what: &str, reference_words: &str) {
    if v.figure.value.is_none() || reference.figure.value.is_none() {
        return;
    }
    if v.unit_text() != reference.unit_text() {
        let m = format!("{what}写作 {}，与{reference_words} {} 的计量单位不一致", v.text, reference.text);
        let mut d = Diagnostic::new(ctx.map, unit_span, Severity::Error, Code::NormUnit, field.to_string(), m);
        d.stated = Some(v.unit_text());
        d.computed = Some(reference.unit_text());
        ctx.checker.push(d);
        return;
    }
    let unit = v.unit_text();
    ctx.reconcile(Some(&v.figure), Approx::of(&reference.figure), subject(field.to_string(), reference_words, what, &unit));
}

/// Derive norms: compliance of citing lines and services, pricing, annexes.
pub fn derive<'a>(ctx: &mut Ctx, a: &'a CostAnalysis, budgets: &mut [CostBudgetFigures]) -> NormsFigures<'a> {
    let mut index = HashMap::new();
    for (i, n) in a.norms.iter().enumerate() {
        if index.insert(n.id.value.as_str(), i).is_some() {
            ctx.checker.error(ctx.map, n.id.span, Code::Duplicate, format!("norms[{i}].id"), format!("单项定额 id “{}” 重复", n.id.value));
        }
        if n.value.per.is_none() {
            ctx.checker.error(
                ctx.map,
                n.value.figure.span,
                Code::Unit,
                format!("norms[{i}].value"),
                format!("单项定额 {} 写作 “{}”，缺少计量单位：应写成如 200元/人次", n.name, n.value.text),
            );
        }
    }
    for (bi, b) in budgets.iter_mut().enumerate() {
        for (si, s) in b.services.iter_mut().enumerate() {
            let spath = format!("budgets[{bi}].services[{si}]");
            if let Some(r) = &s.service.norm
                && let Some(ni) = lookup(ctx, &index, r, format!("{spath}.norm"))
            {
                let unit = common(&s.lines, |l| l.count_unit.clone());
                let quantity = common(&s.lines, |l| l.quantity);
                let what = format!("{}（{}）", s.service.name, b.budget.year.value);
                let c = Citer {
                    what: &what,
                    count_unit: unit.as_deref().unwrap_or(""),
                    quantity: quantity.unwrap_or_default(),
                    amount: s.subtotal.value,
                    price: None,
                    norm_quantity: s.service.norm_quantity.as_ref(),
                    span: r.span,
                    field: format!("{spath}.norm"),
                };
                s.compliance = Some(comply(ctx, ni, &a.norms[ni], c));
            }
            for (li, l) in s.lines.iter_mut().enumerate() {
                let Some(r) = &l.line.norm else { continue };
                let field = format!("{spath}.lines[{li}].norm");
                let Some(ni) = lookup(ctx, &index, r, field.clone()) else { continue };
                let what = format!(
                    "{}{}（{}）",
                    crate::reports::cost::derive::service_key(&s.service.name),
                    if l.line.item.is_empty() { String::new() } else { format!("·{}", l.line.item) },
                    b.budget.year.value
                );
                let unit = l.count_unit.clone();
                let c = Citer {
                    what: &what,
                    count_unit: &unit,
                    quantity: l.quantity,
                    amount: l.amount.value,
                    price: l.line.price.value,
                    norm_quantity: l.line.norm_quantity.as_ref(),
                    span: r.span,
                    field,
                };
                l.compliance = Some(comply(ctx, ni, &a.norms[ni], c));
            }
        }
    }
    if let Some(ind) = &a.indicators {
        for (i, row) in ind.rows.iter().enumerate() {
            let Some(r) = &row.norm else { continue };
            let Some(ni) = lookup(ctx, &index, r, format!("indicators.rows[{i}].norm")) else { continue };
            let n = &a.norms[ni];
            let pairs =
                [(&row.target, Some(&n.value), "target", "目标值", "单项定额"), (&row.history, n.history.as_ref(), "history", "历史值", "定额的历史值")];
            for (cell, reference, key, word, ref_word) in pairs {
                let (Some(cell), Some(reference)) = (cell, reference) else { continue };
                let field = format!("indicators.rows[{i}].{key}");
                match UnitValue::parse(&cell.value, cell.span) {
                    Ok(v) => restates(ctx, &v, cell.span, reference, &field, &format!("指标体系表 {} {word}", n.name), ref_word),
                    Err(e) => {
                        ctx.checker.error(ctx.map, cell.span, Code::NormUnit, field, format!("引用定额的指标行，{word}应是单价：{e}"));
                    }
                }
            }
        }
    }
    let mut reductions = vec![];
    let mut total_new = Shown::not_reported();
    if let Some(red) = &a.reductions {
        for (i, row) in red.rows.iter().enumerate() {
            let path = format!("reductions.rows[{i}]");
            let units: Vec<&UnitValue> =
                [Some(&row.before), Some(&row.after), row.amount.as_ref()].into_iter().flatten().filter(|u| u.figure.is_reported()).collect();
            let unit = row.after.unit_text();
            if units.iter().any(|u| u.unit_text() != units[0].unit_text()) {
                let listed: Vec<String> = [("压减前", Some(&row.before)), ("压减后", Some(&row.after)), ("压减金额", row.amount.as_ref())]
                    .into_iter()
                    .filter_map(|(w, u)| u.filter(|u| u.figure.is_reported()).map(|u| format!("{w} {}", u.text)))
                    .collect();
                let span = row.amount.as_ref().filter(|u| u.figure.is_reported()).map_or(row.after.figure.span, |u| u.figure.span);
                ctx.checker.error(ctx.map, span, Code::NormUnit, format!("{path}.amount"), format!("{}：{} 的计量单位不一致", row.name, listed.join("、")));
            }
            let diff = Approx::of(&row.before.figure).zip(Approx::of(&row.after.figure)).map(|(b, a)| b - a);
            let what = format!("{}压减金额", row.name);
            let amount = ctx.reconcile(row.amount.as_ref().map(|u| &u.figure), diff, subject(format!("{path}.amount"), "压减前 − 压减后", &what, &unit));
            let what = format!("{}压减率", row.name);
            let rate = ctx.reconcile(
                row.rate_pct.as_ref(),
                pct(diff, Approx::of(&row.before.figure)),
                subject(format!("{path}.rate_pct"), "（压减前 − 压减后）÷ 压减前 × 100", &what, "%"),
            );
            reductions.push((amount, rate));
            if let Some(r) = &row.norm
                && let Some(ni) = lookup(ctx, &index, r, format!("{path}.norm"))
            {
                let n = &a.norms[ni];
                restates(ctx, &row.after, row.after.figure.span, &n.value, &format!("{path}.after"), &format!("成果汇总表 {} 压减后", row.name), "单项定额");
                if let Some(h) = &n.history {
                    restates(
                        ctx,
                        &row.before,
                        row.before.figure.span,
                        h,
                        &format!("{path}.before"),
                        &format!("成果汇总表 {} 压减前", row.name),
                        "定额的历史值",
                    );
                }
            }
        }
        let news: Vec<&Figure> = red.rows.iter().filter_map(|r| r.new.as_ref()).filter(|f| f.is_reported()).collect();
        total_new = ctx.reconcile(
            red.total_new.as_ref(),
            Some(Approx::sum(news.iter().filter_map(|f| Approx::of(f)))),
            subject("reductions.total_new".into(), "各行新设标准数量之和", "新设标准数量合计", "项"),
        );
    }
    if let Some(st) = &a.standards {
        for (i, row) in st.rows.iter().enumerate() {
            let path = format!("standards.rows[{i}]");
            let Some(r) = &row.norm else { continue };
            let Some(ni) = lookup(ctx, &index, r, format!("{path}.norm")) else { continue };
            let n = &a.norms[ni];
            if let Ok(new) = standard_value(&row.new_value, &row.new_unit) {
                restates(ctx, &new, row.new_unit.span, &n.value, &format!("{path}.new_unit"), &format!("支出定额标准汇总表 {} 新支出标准", n.name), "单项定额");
            } else {
                ctx.checker.error(
                    ctx.map,
                    row.new_unit.span,
                    Code::NormUnit,
                    format!("{path}.new_unit"),
                    format!("计量单位 “{}” 应写成如 元/人次", row.new_unit.value),
                );
            }
            if let (Some(v), Some(u), Some(h)) = (&row.old_value, &row.old_unit, &n.history)
                && let Ok(old) = standard_value(v, u)
            {
                restates(ctx, &old, u.span, h, &format!("{path}.old_unit"), &format!("支出定额标准汇总表 {} 原支出标准", n.name), "定额的历史值");
            }
        }
    }
    let pricing = pricing(a, budgets);
    NormsFigures { norms: &a.norms, reductions, total_new, pricing }
}

/// 标准值 + 计量单位 columns as one value.
fn standard_value(value: &Figure, unit: &Located<String>) -> Result<UnitValue, String> {
    let mut v = UnitValue::parse(&format!("{}{}", value.text, unit.value.trim()), unit.span)?;
    v.figure = value.clone();
    Ok(v)
}

/// The value all lines share, if they do.
fn common<T: PartialEq>(lines: &[LineFigures], f: impl Fn(&LineFigures) -> T) -> Option<T> {
    let mut it = lines.iter().map(f);
    let first = it.next()?;
    it.all(|x| x == first).then_some(first)
}

/// Price the latest budget under the norms: each citing line (or service)
/// at 数量 × 单项定额 when its unit matches, every other line at its amount,
/// charges at the same rates (the stated rate when it checks, else the
/// effective rate to two decimals).
fn pricing(a: &CostAnalysis, budgets: &[CostBudgetFigures]) -> Option<Pricing> {
    let b = budgets.iter().max_by_key(|b| b.budget.year.value)?;
    let norm_value = |ni: usize| a.norms[ni].value.figure.value;
    let mut rows = vec![];
    for s in &b.services {
        let key = super::service_key(&s.service.name).to_string();
        if let Some(c) = &s.compliance {
            let actual = s.subtotal.value.unwrap_or_default();
            let (priced, basis) = match (c.quantity, norm_value(c.norm)) {
                (Some(q), Some(v)) => (q * v, Ok((c.norm, q))),
                _ => (actual, Err("计量单位与定额不一致，按原金额计")),
            };
            rows.push(PricedRow { service: key, item: "（整项）".into(), actual, priced, basis });
            continue;
        }
        for l in &s.lines {
            let actual = l.amount.value.unwrap_or_default();
            let (priced, basis) = match &l.compliance {
                None => (actual, Err("未引用定额，按原金额计")),
                Some(c) => match (c.quantity, norm_value(c.norm)) {
                    (Some(q), Some(v)) => (q * v, Ok((c.norm, q))),
                    _ => (actual, Err("计量单位与定额不一致，按原金额计")),
                },
            };
            rows.push(PricedRow { service: key.clone(), item: l.line.item.clone(), actual, priced, basis });
        }
    }
    let services: Decimal = rows.iter().map(|r| r.priced).sum();
    let mut above = services;
    let mut charges = vec![];
    for (c, cf) in b.budget.charges.iter().zip(&b.charges) {
        let effective = c.amount.value.and_then(|v| v.checked_div(cf.base)).map(|r| round_half_up(r * Decimal::ONE_HUNDRED, 2));
        let rate = match (&cf.rate.value, cf.rate.verdict.is_ok()) {
            (Some(r), true) => Some(*r),
            _ => effective,
        }?;
        let base = match c.base {
            ChargeBase::Services => services,
            ChargeBase::Above => above,
        };
        let priced = round_half_up(base * rate / Decimal::ONE_HUNDRED, 2);
        above += priced;
        charges.push(PricedCharge {
            name: c.item.clone().unwrap_or_else(|| c.name.clone()),
            rate_pct: rate,
            actual: c.amount.value.unwrap_or_default(),
            priced,
        });
    }
    Some(Pricing { year: b.budget.year.value, rows, charges, actual_total: b.total.value.unwrap_or_default(), priced_total: above })
}
