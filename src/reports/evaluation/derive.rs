//! Derived figures of a 绩效评价: score sums, 得分 ≤
//! 分值, distribution counts and shares, execution rates, ratios evaluated
//! from their formulas, contract sums and 累计申请比例 (merged cells per
//! group) — every stated figure checked.

use rust_decimal::Decimal;

use crate::check::Approx;
use crate::check::Code;
use crate::derive::{Ctx, Shown, approx, pct, subject, sum};
use crate::number::{Figure, MoneyUnit};
use crate::reports::evaluation::model::*;
use crate::source::Located;

fn count_shown(n: u32) -> Shown {
    Shown { value: Some(Decimal::from(n)), origin: crate::derive::Origin::Stated, verdict: crate::check::Verdict::Ok, src: None }
}

/// 得分 must lie between 0 and 分值 (also used by the 自评表).
pub fn score_within(ctx: &mut Ctx, score: Option<&Figure>, max: Option<&Figure>, field: &str, what: &str) {
    let Some(s) = score else { return };
    let Some(v) = s.value else { return };
    if v < Decimal::ZERO {
        ctx.checker.error(ctx.map, s.span, Code::Figure, field.to_string(), format!("{what}得分 {} 为负数", s.text));
    } else if let Some(m) = max.and_then(|m| m.value)
        && v > m
    {
        ctx.checker.error(ctx.map, s.span, Code::Figure, field.to_string(), format!("{what}得分 {} 超过分值 {m}", s.text));
    }
}

#[derive(Debug)]
pub struct CategoryFigures<'a> {
    /// The 一级指标 these figures belong to.
    pub category: &'a Category,
    pub max: Shown,
    pub score: Shown,
}

#[derive(Debug)]
pub struct ScoreFigures<'a> {
    /// The 总分 (overall score) as the report states it.
    pub score: &'a Score,
    pub total: Shown,
    pub max: Shown,
    pub categories: Vec<CategoryFigures<'a>>,
}

#[derive(Debug)]
pub struct BucketFigures<'a> {
    pub label: &'a str,
    pub count: Shown,
    pub share: Shown,
}

#[derive(Debug)]
pub struct SelfEvaluationFigures<'a> {
    /// The 项目支出绩效自评 summary these figures derive from.
    pub self_evaluation: &'a SelfEvaluation,
    pub coverage: Shown,
    pub buckets: Vec<BucketFigures<'a>>,
}

#[derive(Debug)]
pub struct PartFigures<'a> {
    pub name: &'a str,
    pub budget: Shown,
    pub actual: Shown,
    pub rate: Shown,
}

/// 当年预算执行情况 of a 绩效评价: 全年预算数, 执行数, 执行率, split into parts.
#[derive(Debug)]
pub struct EvaluationExecutionFigures<'a> {
    /// The 预算执行情况 (budget execution) block these figures derive from.
    pub execution: &'a EvaluationExecution,
    pub unit: MoneyUnit,
    pub budget: Shown,
    pub actual: Shown,
    pub rate: Shown,
    pub parts: Vec<PartFigures<'a>>,
    /// The same figures as stated elsewhere in the report.
    pub also: Vec<PartFigures<'a>>,
}

#[derive(Debug)]
pub struct RatioFigures<'a> {
    /// The ratio (e.g. 结转结余率) with its formula.
    pub ratio: &'a Ratio,
    pub value: Shown,
}

#[derive(Debug)]
pub struct ContractFigures<'a> {
    /// The 合同 (contract) row.
    pub contract: &'a Contract,
    pub cumulative: Shown,
}

#[derive(Debug)]
pub struct ContractTableFigures<'a> {
    /// The project's 合同 (contract) table.
    pub table: &'a ContractTable,
    pub unit: MoneyUnit,
    pub rows: Vec<ContractFigures<'a>>,
    pub total_amount: Shown,
    pub total_paid: Shown,
    pub rate: Shown,
}

#[derive(Debug)]
pub struct ProjectTableFigures<'a> {
    /// The 项目 table (budget, actual, rate).
    pub table: &'a ProjectTable,
    pub unit: MoneyUnit,
    pub rows: Vec<PartFigures<'a>>,
}

/// Everything the 绩效评价 page shows.
#[derive(Debug)]
pub struct EvaluationFigures<'a> {
    pub unit: MoneyUnit,
    pub score: Option<ScoreFigures<'a>>,
    pub self_evaluation: Option<SelfEvaluationFigures<'a>>,
    pub execution: Option<EvaluationExecutionFigures<'a>>,
    pub monitoring: Option<(&'a Buckets, Vec<BucketFigures<'a>>)>,
    pub ratios: Vec<RatioFigures<'a>>,
    pub contracts: Vec<ContractTableFigures<'a>>,
    pub project_tables: Vec<ProjectTableFigures<'a>>,
}

fn score<'a>(ctx: &mut Ctx, s: &'a Score) -> ScoreFigures<'a> {
    let mut categories = vec![];
    for (i, c) in s.categories.iter().enumerate() {
        let path = format!("score.categories[{i}]");
        score_within(ctx, Some(&c.score), Some(&c.max), &format!("{path}.score"), &c.name);
        if c.indicators.is_empty() {
            ctx.checker.error(
                ctx.map,
                c.max.span,
                Code::Structure,
                format!("{path}.indicators"),
                format!("一级指标“{}”没有任何指标：分值和得分无从核对", c.name),
            );
        }
        for (k, ind) in c.indicators.iter().enumerate() {
            score_within(ctx, ind.score.as_ref(), ind.max.as_ref(), &format!("{path}.indicators[{k}].score"), &ind.name);
        }
        let scores: Option<Vec<&Figure>> = c.indicators.iter().map(|x| x.score.as_ref()).collect();
        let maxes: Option<Vec<&Figure>> = c.indicators.iter().map(|x| x.max.as_ref()).collect();
        let what = format!("{}得分", c.name);
        let score =
            ctx.reconcile(Some(&c.score), scores.filter(|v| !v.is_empty()).and_then(sum), subject(format!("{path}.score"), "各指标得分之和", &what, "分"));
        let what = format!("{}分值", c.name);
        let max = ctx.reconcile(Some(&c.max), maxes.filter(|v| !v.is_empty()).and_then(sum), subject(format!("{path}.max"), "各指标分值之和", &what, "分"));
        categories.push(CategoryFigures { category: c, max, score });
    }
    let cat_scores = (!s.categories.is_empty()).then(|| sum(s.categories.iter().map(|c| &c.score))).flatten();
    let parts = match (&s.basic, &s.bonus) {
        (Some(b), Some(x)) => sum([b, x]),
        _ => cat_scores,
    };
    let formula = if s.basic.is_some() && s.bonus.is_some() { "基础分 + 超标分" } else { "各一级指标得分之和" };
    let total = ctx.reconcile(Some(&s.total), parts, subject("score.total".into(), formula, "评价总分", "分"));
    if s.basic.is_some()
        && let Some(c) = cat_scores
    {
        ctx.reconcile(s.basic.as_ref(), Some(c), subject("score.basic".into(), "各一级指标得分之和", "基础分", "分"));
    }
    let cat_max = (!s.categories.is_empty()).then(|| sum(s.categories.iter().map(|c| &c.max))).flatten();
    let max = ctx.reconcile(s.max.as_ref(), cat_max, subject("score.max".into(), "各一级指标分值之和", "满分", "分"));
    score_within(ctx, Some(&s.total), s.max.as_ref(), "score.total", "评价总分");
    ScoreFigures { score: s, total, max, categories }
}

fn buckets<'a>(ctx: &mut Ctx, list: &'a [Bucket], total: Option<&Located<u32>>, path: &str, what: &str) -> Vec<BucketFigures<'a>> {
    let n: u32 = list.iter().map(|b| b.count.value).sum();
    if let Some(t) = total
        && t.value != n
        && !list.is_empty()
    {
        let key = if path == "self_evaluation" { "projects" } else { "total" };
        ctx.checker.error(ctx.map, t.span, Code::Count, format!("{path}.{key}"), format!("{what}写作 {} 个，但各档合计 {n} 个", t.value));
    }
    let base = total.map(|t| t.value).unwrap_or(n);
    list.iter()
        .enumerate()
        .map(|(i, b)| {
            let w = format!("{}占比", b.label);
            let formula = format!("该档个数 ÷ {what} × 100");
            let share = ctx.reconcile(
                b.share_pct.as_ref(),
                pct(Some(Approx::exact(Decimal::from(b.count.value))), (base > 0).then(|| Approx::exact(Decimal::from(base)))),
                subject(format!("{path}.buckets[{i}].share_pct"), &formula, &w, "%"),
            );
            BucketFigures { label: &b.label, count: count_shown(b.count.value), share }
        })
        .collect()
}

fn part<'a>(ctx: &mut Ctx, name: &'a str, budget: &Option<Figure>, actual: &Option<Figure>, rate: &Option<Figure>, path: &str) -> PartFigures<'a> {
    let what = format!("{name}执行率");
    let r = ctx.reconcile(
        rate.as_ref(),
        pct(approx(actual.as_ref()), approx(budget.as_ref())),
        subject(format!("{path}.rate_pct"), "执行数 ÷ 预算数 × 100", &what, "%"),
    );
    PartFigures { name, budget: Shown::stated_opt(budget), actual: Shown::stated_opt(actual), rate: r }
}

fn execution<'a>(ctx: &mut Ctx, e: &'a EvaluationExecution, unit: MoneyUnit) -> EvaluationExecutionFigures<'a> {
    let u = e.unit.unwrap_or(unit);
    let l = u.label();
    let col = |f: fn(&ExecutionPart) -> Option<&Figure>| -> Option<Approx> {
        if e.parts.is_empty() {
            return None;
        }
        e.parts.iter().map(|p| approx(f(p))).collect::<Option<Vec<_>>>().map(Approx::sum)
    };
    let budget =
        ctx.reconcile(Some(&e.budget), col(|p| p.budget.as_ref()), subject("execution.budget".into(), "基本支出 + 项目支出 + 其他支出预算数", "全年预算数", l));
    let actual =
        ctx.reconcile(Some(&e.actual), col(|p| p.actual.as_ref()), subject("execution.actual".into(), "基本支出 + 项目支出 + 其他支出执行数", "全年执行数", l));
    let rate = ctx.reconcile(
        e.rate_pct.as_ref(),
        pct(Approx::of(&e.actual), Approx::of(&e.budget)),
        subject("execution.rate_pct".into(), "全年执行数 ÷ 全年预算数 × 100", "预算执行率", "%"),
    );
    let parts = e.parts.iter().enumerate().map(|(i, p)| part(ctx, &p.name, &p.budget, &p.actual, &p.rate_pct, &format!("execution.parts[{i}]"))).collect();
    // The same figures stated elsewhere must agree with these.
    let mut also = vec![];
    for (i, a) in e.also_stated.iter().enumerate() {
        let path = format!("execution.also_stated[{i}]");
        let mut shown = vec![];
        for (f, main, name, unit) in
            [(&a.budget, Some(&e.budget), "budget", l), (&a.actual, Some(&e.actual), "actual", l), (&a.rate_pct, e.rate_pct.as_ref(), "rate_pct", "%")]
        {
            let label = match name {
                "budget" => "全年预算数",
                "actual" => "全年执行数",
                _ => "预算执行率",
            };
            let what = format!("{}所述{label}", a.place);
            // A main figure that fails its own check is the wrong side:
            // compare with what it computes to, and say so.
            let (against, broken) = ctx.checker.trusted(main).map_or((None, None), |(a, b)| (Some(a), b));
            let formula = match broken {
                Some(b) => format!("“当年预算执行情况”中{label}的计算值（那里写作 {}{unit}，本身与计算值不符）", b.written.normalize()),
                None => format!("“当年预算执行情况”中的{label}"),
            };
            shown.push(ctx.reconcile(f.as_ref(), against, subject(format!("{path}.{name}"), &formula, &what, unit)));
        }
        let what = format!("{}所述预算执行率", a.place);
        let own = ctx.reconcile(
            a.rate_pct.as_ref(),
            pct(approx(a.actual.as_ref()), approx(a.budget.as_ref())),
            subject(format!("{path}.rate_pct"), "该处执行数 ÷ 该处预算数 × 100", &what, "%"),
        );
        let (Some(rate), Some(actual), Some(budget)) = (shown.pop(), shown.pop(), shown.pop()) else { continue };
        // Show the disagreement with the main figure first; else the rate's own check.
        let rate = if rate.verdict.is_ok() { own } else { rate };
        also.push(PartFigures { name: &a.place, budget, actual, rate });
    }
    EvaluationExecutionFigures { execution: e, unit: u, budget, actual, rate, parts, also }
}

fn ratio<'a>(ctx: &mut Ctx, r: &'a Ratio, i: usize) -> RatioFigures<'a> {
    let (a, b) = (approx(r.measured.as_ref()), approx(r.base.as_ref()));
    let computed = match r.formula {
        RatioFormula::Quotient => pct(a, b),
        RatioFormula::Difference => pct(a.zip(b).map(|(a, b)| a - b), b),
    };
    let formula = match r.formula {
        RatioFormula::Quotient => format!("{} ÷ {} × 100", r.a_name, r.b_name),
        RatioFormula::Difference => format!("（{} − {}）÷ {} × 100", r.a_name, r.b_name, r.b_name),
    };
    let value = ctx.reconcile(r.stated_pct.as_ref(), computed, subject(format!("ratios[{i}].stated_pct"), &formula, &r.name, "%"));
    RatioFigures { ratio: r, value }
}

fn contracts<'a>(ctx: &mut Ctx, t: &'a ContractTable, i: usize, unit: MoneyUnit) -> ContractTableFigures<'a> {
    let u = t.unit.unwrap_or(unit);
    let l = u.label();
    let path = format!("contract_tables[{i}]");
    let mut rows = vec![];
    for (k, c) in t.rows.iter().enumerate() {
        let rp = format!("{path}.rows[{k}]");
        // Merged 支付金额 / 累计申请比例 cells are checked against their
        // group's sums: the paid figure may stand on one row for several.
        let (paid, amount) = match &c.merged {
            Some(key) => {
                let group: Vec<&Contract> = t.rows.iter().filter(|x| x.merged.as_ref() == Some(key)).collect();
                (sum(group.iter().filter_map(|x| x.paid.as_ref())), sum(group.iter().filter_map(|x| x.amount.as_ref())))
            }
            None => (approx(c.paid.as_ref()), approx(c.amount.as_ref())),
        };
        if let (Some(f), Some(p), Some(a)) = (c.paid.as_ref(), paid, amount)
            && p.value > a.value
        {
            let whose = if c.merged.is_some() { "（合并单元格所在各行合计）" } else { "" };
            ctx.checker.error(
                ctx.map,
                f.span,
                Code::Figure,
                format!("{rp}.paid"),
                format!("合同“{}”的支付金额{whose} {} 大于合同金额 {}", c.name, p.value, a.value),
            );
        }
        let formula = if c.merged.is_some() {
            "合并单元格内各合同支付金额之和 ÷ 合同金额之和 × 100"
        } else {
            "支付金额 ÷ 合同金额 × 100"
        };
        let what = format!("合同“{}”累计申请比例", c.name);
        let cumulative = ctx.reconcile(c.cumulative_pct.as_ref(), pct(paid, amount), subject(format!("{rp}.cumulative_pct"), formula, &what, "%"));
        rows.push(ContractFigures { contract: c, cumulative });
    }
    let sum_amount = sum(t.rows.iter().filter_map(|r| r.amount.as_ref()));
    let sum_paid = sum(t.rows.iter().filter_map(|r| r.paid.as_ref()));
    let total_amount = match &t.total_amount {
        Some(f) => ctx.reconcile(Some(f), sum_amount, subject(format!("{path}.total_amount"), "各合同金额之和", "合同金额合计", l)),
        None => Shown::computed(sum_amount),
    };
    let total_paid = match &t.total_paid {
        Some(f) => ctx.reconcile(Some(f), sum_paid, subject(format!("{path}.total_paid"), "各合同支付金额之和", "支付金额合计", l)),
        None => Shown::computed(sum_paid),
    };
    let rate = ctx.reconcile(
        t.rate_pct.as_ref(),
        pct(approx(t.paid.as_ref()), approx(t.budget.as_ref())),
        subject(format!("{path}.rate_pct"), "实际支付 ÷ 年度资金安排 × 100", "项目执行率", "%"),
    );
    ContractTableFigures { table: t, unit: u, rows, total_amount, total_paid, rate }
}

/// Derive and check a 绩效评价.
pub fn derive<'a>(ctx: &mut Ctx, e: &'a Evaluation) -> EvaluationFigures<'a> {
    let score = e.score.as_ref().map(|s| score(ctx, s));
    let self_evaluation = e.self_evaluation.as_ref().map(|s| {
        let coverage = ctx.reconcile(
            s.coverage_pct.as_ref(),
            pct(Some(Approx::exact(Decimal::from(s.projects.value))), s.all_projects.as_ref().map(|a| Approx::exact(Decimal::from(a.value)))),
            subject("self_evaluation.coverage_pct".into(), "评价项目个数 ÷ 部门项目总数 × 100", "评价项目占比", "%"),
        );
        let buckets = buckets(ctx, &s.buckets, Some(&s.projects), "self_evaluation", "评价项目个数");
        SelfEvaluationFigures { self_evaluation: s, coverage, buckets }
    });
    let execution = e.execution.as_ref().map(|x| execution(ctx, x, e.unit));
    let monitoring = e.monitoring.as_ref().map(|m| (m, buckets(ctx, &m.buckets, m.total.as_ref(), "monitoring", &m.title)));
    // The monitored projects are among the department's projects.
    if let (Some(m), Some(s)) = (&e.monitoring, &e.self_evaluation)
        && let (Some(t), Some(all)) = (&m.total, &s.all_projects)
        && t.value > all.value
    {
        let at = ctx.map.locate(all.span);
        let message = format!(
            "{}共 {} 个，多于部门项目总数 {} 个（{}:{} self_evaluation.all_projects）：监控项目应是部门项目的一部分",
            m.title, t.value, all.value, at.file, at.line
        );
        let i = ctx.checker.error(ctx.map, t.span, Code::Count, "monitoring.total", message);
        ctx.checker.diagnostics[i].plain = Some(format!("{}共 {} 个，多于部门项目总数 {} 个：监控项目应是部门项目的一部分", m.title, t.value, all.value));
    }
    let ratios = e.ratios.iter().enumerate().map(|(i, r)| ratio(ctx, r, i)).collect();
    let contracts = e.contract_tables.iter().enumerate().map(|(i, t)| contracts(ctx, t, i, e.unit)).collect();
    let project_tables = e
        .project_tables
        .iter()
        .enumerate()
        .map(|(i, t)| {
            if let Some(c) = &t.count
                && c.value as usize != t.rows.len()
            {
                ctx.checker.error(
                    ctx.map,
                    c.span,
                    Code::Count,
                    format!("project_tables[{i}].count"),
                    format!("“{}”写作 {} 个，但表中列出 {} 个", t.title, c.value, t.rows.len()),
                );
            }
            let rows = t
                .rows
                .iter()
                .enumerate()
                .map(|(k, r)| part(ctx, &r.name, &r.budget, &r.actual, &r.rate_pct, &format!("project_tables[{i}].rows[{k}]")))
                .collect();
            ProjectTableFigures { table: t, unit: t.unit.unwrap_or(e.unit), rows }
        })
        .collect();
    EvaluationFigures { unit: e.unit, score, self_evaluation, execution, monitoring, ratios, contracts, project_tables }
}
