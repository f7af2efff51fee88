//! Derive a 成本绩效分析: contract totals, each budget line's 数量 × 单价
//! (and every expression the report writes for it), service subtotals,
//! charges as rates of their base, totals and shares, peers' monthly
//! amounts; then, in [`norms`], the 单项定额 and everything that restates or
//! cites them.

pub mod norms;

use rust_decimal::Decimal;

use crate::check::Approx;
use crate::check::Code;
use crate::derive::{Ctx, Shown, approx, pct, subject};
use crate::number::Figure;
use crate::quantity::Expression;
use crate::reports::cost::model::{Budget, ChargeBase, Contracts, CostAnalysis, Line, Peers, Service};
use norms::{Compliance, NormsFigures};

/// Everything a cost-analysis page shows.
pub struct CostFigures<'a> {
    /// The 成本绩效分析 (cost analysis) these figures derive from.
    pub analysis: &'a CostAnalysis,
    pub contracts: Option<ContractsFigures<'a>>,
    pub budgets: Vec<CostBudgetFigures<'a>>,
    pub peers: Option<PeersFigures<'a>>,
    pub norms: NormsFigures<'a>,
}

pub struct ContractsFigures<'a> {
    /// The 合同 (contracts) table.
    pub contracts: &'a Contracts,
    pub total_amount: Shown,
    pub total_spent: Shown,
}

/// One year's 预算 (budget) table of a 成本绩效分析: services, charges, total.
pub struct CostBudgetFigures<'a> {
    /// The 预算 (budget) table of one year.
    pub budget: &'a Budget,
    pub services: Vec<ServiceFigures<'a>>,
    pub charges: Vec<ChargeFigures<'a>>,
    pub total: Shown,
    /// The total as other tables state it.
    pub restated: Vec<Restated<'a>>,
}

pub struct ServiceFigures<'a> {
    /// The 服务内容 (service) with its lines.
    pub service: &'a Service,
    pub lines: Vec<LineFigures<'a>>,
    pub subtotal: Shown,
    pub share: Shown,
    pub restated: Vec<Restated<'a>>,
    /// A norm the service as a whole is priced under.
    pub compliance: Option<Compliance>,
}

pub struct LineFigures<'a> {
    /// The 预算明细 (budget line): 数量 × 单价.
    pub line: &'a Line,
    /// The line's count as a number (product of the 数量 expression).
    pub quantity: Decimal,
    /// The unit it counts in (单位 column, else the expression's units).
    pub count_unit: String,
    /// 金额: stated (number or the result of the 金额 expression) or 数量 × 单价.
    pub amount: Shown,
    pub restated: Vec<Restated<'a>>,
    pub compliance: Option<Compliance>,
}

/// An expression another table writes for the same figure, with its verdict.
pub struct Restated<'a> {
    pub place: &'a str,
    /// The 计算式 (expression) the other table writes.
    pub expression: &'a Expression,
    pub shown: Shown,
}

pub struct ChargeFigures<'a> {
    /// The base the rate applies to (computed).
    pub base: Decimal,
    pub rate: Shown,
    pub amount: Shown,
    /// The running subtotal after this charge (checked; not a column yet).
    #[allow(dead_code, reason = "checked against the stated subtotal; the table does not show it")]
    pub subtotal: Shown,
    pub share: Shown,
    pub restated: Vec<Restated<'a>>,
}

pub struct PeersFigures<'a> {
    /// The 同类项目 (peer projects) comparison table.
    pub peers: &'a Peers,
    /// 平均每月金额 per row, stated or computed.
    pub monthly: Vec<Shown>,
    /// The own row's rank by monthly amount (1 = highest), and the count.
    pub rank: Option<(usize, usize)>,
}

/// The written amount of a line: `amount`, else the `formula` cell's result.
fn stated_amount(l: &Line) -> Option<Figure> {
    l.amount.clone().or_else(|| l.formula.as_ref().map(Expression::stated))
}

/// The count unit of a line (normalised).
pub fn count_unit(l: &Line) -> String {
    match &l.unit {
        Some(u) => crate::quantity::normalize_unit(u),
        None => l.quantity.count_unit(),
    }
}

/// An expression that writes `=结果` after two or more factors: the result
/// must be their product.
fn check_product(ctx: &mut Ctx, e: &Expression, field: &str, place: &str) {
    if e.result.is_some() && e.factors.len() > 1 {
        let w = format!("{place}计算式 {} 的结果", e.text);
        ctx.reconcile(Some(&e.stated()), Some(Approx::exact(e.product())), subject(field.to_string(), "各因数相乘", &w, "元"));
    }
}

/// Check an expression written for a figure: its own product against its
/// result, and its value against the figure.
fn check_expression<'a>(ctx: &mut Ctx, e: &'a Expression, against: Option<Approx>, field: String, what: &str, place: &'a str) -> Restated<'a> {
    check_product(ctx, e, &field, place);
    let stated = e.stated();
    let w = format!("{place}所写{what}");
    let shown = ctx.reconcile(Some(&stated), against, subject(field, &format!("{what}（预算表）"), &w, "元"));
    Restated { place, expression: e, shown }
}

fn restated_all<'a>(
    ctx: &mut Ctx,
    map: &'a std::collections::BTreeMap<String, Expression>,
    against: Option<Approx>,
    path: &str,
    what: &str,
) -> Vec<Restated<'a>> {
    map.iter().map(|(place, e)| check_expression(ctx, e, against, format!("{path}.restated.{place}"), what, place)).collect()
}

fn line<'a>(ctx: &mut Ctx, l: &'a Line, path: &str) -> LineFigures<'a> {
    let quantity = l.quantity.product();
    let computed = Approx::of(&l.price).map(|p| p.scale(quantity));
    let what = format!("{}金额", if l.item.is_empty() { "该行" } else { &l.item });
    let stated = stated_amount(l);
    let field = if l.amount.is_some() { format!("{path}.amount") } else { format!("{path}.formula") };
    let amount = ctx.reconcile(stated.as_ref(), computed, subject(field, "数量 × 单价", &what, "元"));
    if let Some(f) = &l.formula {
        check_product(ctx, f, &format!("{path}.formula"), "");
    }
    let against = amount.value.map(Approx::exact);
    let restated = restated_all(ctx, &l.restated, against, path, &what);
    LineFigures { line: l, quantity, count_unit: count_unit(l), amount, restated, compliance: None }
}

fn service<'a>(ctx: &mut Ctx, s: &'a Service, path: &str) -> ServiceFigures<'a> {
    let lines: Vec<_> = s.lines.iter().enumerate().map(|(i, l)| line(ctx, l, &format!("{path}.lines[{i}]"))).collect();
    let sum = lines.iter().map(|l| l.amount.value.map(Approx::exact)).collect::<Option<Vec<_>>>().map(Approx::sum);
    let what = format!("{}小计", s.name);
    let subtotal = ctx.reconcile(s.subtotal.as_ref(), sum, subject(format!("{path}.subtotal"), "各行金额之和", &what, "元"));
    let against = subtotal.value.map(Approx::exact);
    let restated = restated_all(ctx, &s.restated, against, path, &what);
    ServiceFigures { service: s, lines, subtotal, share: Shown::not_reported(), restated, compliance: None }
}

fn budget<'a>(ctx: &mut Ctx, b: &'a Budget, bi: usize) -> CostBudgetFigures<'a> {
    let path = format!("budgets[{bi}]");
    let services: Vec<_> = b.services.iter().enumerate().map(|(i, s)| service(ctx, s, &format!("{path}.services[{i}]"))).collect();
    let services_sum: Decimal = services.iter().filter_map(|s| s.subtotal.value).sum();
    let mut above = services_sum;
    let mut charges = vec![];
    for (ci, c) in b.charges.iter().enumerate() {
        let cpath = format!("{path}.charges[{ci}]");
        let base = match c.base {
            ChargeBase::Services => services_sum,
            ChargeBase::Above => above,
        };
        let label = c.item.as_deref().unwrap_or(&c.name);
        let base_words = match c.base {
            ChargeBase::Services => "各项服务小计之和",
            ChargeBase::Above => "以上各项之和",
        };
        if let Some(r) = c.rate_pct.as_ref().filter(|r| r.value.is_some_and(|v| v < Decimal::ZERO || v > Decimal::ONE_HUNDRED)) {
            ctx.checker.error(
                ctx.map,
                r.span,
                Code::Range,
                format!("{cpath}.rate_pct"),
                format!("{label}费率写作 {}%，应在 0 到 100 之间（rate_pct 以百分数写，如 6 表示 6%）", r.text),
            );
        }
        let rate_what = format!("{label}费率");
        let rate_formula = format!("{label} ÷ {base_words} × 100");
        let rate = ctx.reconcile(
            c.rate_pct.as_ref(),
            pct(Approx::of(&c.amount), Some(Approx::exact(base))),
            subject(format!("{cpath}.rate_pct"), &rate_formula, &rate_what, "%"),
        );
        let amount = Shown::stated(&c.amount);
        let sub_what = format!("{label}小计");
        let subtotal = match &c.subtotal {
            Some(f) => ctx.reconcile(Some(f), Approx::of(&c.amount), subject(format!("{cpath}.subtotal"), label, &sub_what, "元")),
            None => Shown::not_reported(),
        };
        above += c.amount.value.unwrap_or_default();
        let restated = restated_all(ctx, &c.restated, Approx::of(&c.amount), &cpath, label);
        charges.push(ChargeFigures { base, rate, amount, subtotal, share: Shown::not_reported(), restated });
    }
    let computed_total = Approx::exact(above);
    let total = ctx.reconcile(b.total.as_ref(), Some(computed_total), subject(format!("{path}.total"), "各项服务小计与各项费用之和", "费用总计", "元"));
    let total_a = total.value.map(Approx::exact);
    let mut services = services;
    for (i, s) in services.iter_mut().enumerate() {
        let what = format!("{}占比", s.service.name);
        s.share = ctx.reconcile(
            s.service.share_pct.as_ref(),
            pct(s.subtotal.value.map(Approx::exact), total_a),
            subject(format!("{path}.services[{i}].share_pct"), "小计 ÷ 费用总计 × 100", &what, "%"),
        );
    }
    for (i, (c, cf)) in b.charges.iter().zip(charges.iter_mut()).enumerate() {
        let what = format!("{}占比", c.item.as_deref().unwrap_or(&c.name));
        cf.share = ctx.reconcile(
            c.share_pct.as_ref(),
            pct(Approx::of(&c.amount), total_a),
            subject(format!("{path}.charges[{i}].share_pct"), "金额 ÷ 费用总计 × 100", &what, "%"),
        );
    }
    let restated = restated_all(ctx, &b.restated, total_a, &path, "费用总计");
    CostBudgetFigures { budget: b, services, charges, total, restated }
}

fn contracts<'a>(ctx: &mut Ctx, c: &'a Contracts) -> ContractsFigures<'a> {
    let total_amount = ctx.reconcile(
        c.total_amount.as_ref(),
        crate::derive::sum(c.rows.iter().map(|r| &r.amount)),
        subject("contracts.total_amount".into(), "各年度合同金额之和", "合同金额合计", c.unit.label()),
    );
    let spent: Option<Vec<&Figure>> = c.rows.iter().map(|r| r.spent.as_ref()).collect();
    let total_spent = ctx.reconcile(
        c.total_spent.as_ref(),
        spent.and_then(crate::derive::sum),
        subject("contracts.total_spent".into(), "各年度支出金额之和", "支出金额合计", c.unit.label()),
    );
    ContractsFigures { contracts: c, total_amount, total_spent }
}

fn peers<'a>(ctx: &mut Ctx, p: &'a Peers, contracts: Option<&Contracts>, year: u16) -> PeersFigures<'a> {
    let months = Approx::of(&p.months);
    let formula = format!("合同金额 ÷ {} 个月", p.months.text);
    let monthly: Vec<Shown> = p
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let what = format!("{}平均每月金额", r.name);
            let computed = Approx::of(&r.amount).zip(months).and_then(|(a, m)| a.checked_div(m));
            ctx.reconcile(r.monthly.as_ref().map(|m| &m.figure), computed, subject(format!("peers.rows[{i}].monthly"), &formula, &what, p.unit.label()))
        })
        .collect();
    // The own row's 合同金额 is the same contract as 表1's row of this year.
    if let (Some(own), Some(c)) = (p.rows.iter().position(|r| r.is_self), contracts)
        && let Some(row) = c.rows.iter().find(|r| r.year == year)
        && c.unit == p.unit
    {
        let what = format!("{}合同金额", p.rows[own].name);
        let place = format!("{}中{year}年合同金额", c.title);
        ctx.reconcile(Some(&p.rows[own].amount), approx(Some(&row.amount)), subject(format!("peers.rows[{own}].amount"), &place, &what, p.unit.label()));
    }
    let rank = p.rows.iter().position(|r| r.is_self).and_then(|own| {
        let mine = monthly[own].value?;
        let higher = monthly.iter().filter(|m| m.value.is_some_and(|v| v > mine)).count();
        Some((higher + 1, monthly.iter().filter(|m| m.value.is_some()).count()))
    });
    PeersFigures { peers: p, monthly, rank }
}

/// Derive and check one cost analysis of `year`.
pub fn derive<'a>(ctx: &mut Ctx, a: &'a CostAnalysis, year: u16) -> CostFigures<'a> {
    check_parts(ctx, a);
    let contracts_f = a.contracts.as_ref().map(|c| contracts(ctx, c));
    let mut budgets: Vec<_> = a.budgets.iter().enumerate().map(|(i, b)| budget(ctx, b, i)).collect();
    let peers = a.peers.as_ref().map(|p| peers(ctx, p, a.contracts.as_ref(), year));
    let norms = norms::derive(ctx, a, &mut budgets);
    CostFigures { analysis: a, contracts: contracts_f, budgets, peers, norms }
}

/// Every `show` must name a table the file has; `level` is 3 or 4.
fn check_parts(ctx: &mut Ctx, a: &CostAnalysis) {
    for (i, sec) in a.sections.iter().enumerate() {
        for (j, p) in sec.parts.iter().enumerate() {
            if let Some(l) = &p.level
                && !(3..=4).contains(&l.value)
            {
                ctx.checker.error(
                    ctx.map,
                    l.span,
                    Code::Structure,
                    format!("sections[{i}].parts[{j}].level"),
                    format!("level 只能是 3（（一）级标题）或 4（（1）级标题），写的是 {}", l.value),
                );
            }
            let Some(show) = &p.show else { continue };
            let v = show.value.as_str();
            let ok = match v {
                "contracts" => a.contracts.is_some(),
                "budgets" => !a.budgets.is_empty(),
                "comparison" => a.budgets.len() >= 2,
                "peers" => a.peers.is_some(),
                "norms" => !a.norms.is_empty(),
                "indicators" => a.indicators.is_some(),
                "reductions" => a.reductions.is_some(),
                "standards" => a.standards.is_some(),
                _ => match v.strip_prefix("service:") {
                    Some(key) => a.budgets.iter().any(|b| b.services.iter().any(|s| service_key(&s.name) == key)),
                    None => false,
                },
            };
            if !ok {
                let field = format!("sections[{i}].parts[{j}].show");
                ctx.checker.error(ctx.map, show.span, Code::Reference, field, format!(
                    "show = “{v}” 没有可显示的表：可用 contracts、budgets、comparison（需两个年度）、service:<服务内容>、peers、norms、indicators、reductions、standards，且文件中须有对应的数据"
                ));
            }
        }
    }
}

/// A service's name without its numbering (“1.需求评估” → “需求评估”).
pub fn service_key(name: &str) -> &str {
    let t = name.trim();
    let rest = t.trim_start_matches(|c: char| c.is_ascii_digit());
    if rest.len() < t.len() { rest.trim_start_matches(['.', '、', '．', ' ']).trim() } else { t }
}
