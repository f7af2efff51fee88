//! Derived figures of a 绩效跟踪 report: each project's 调整后预算 and 比例,
//! office subtotals, grand totals, the key-project statistics, the 功能分类
//! tables and the execution list — every stated figure checked.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::check::Approx;
use crate::check::Code;
use crate::derive::{Ctx, Shown, approx, convert, pct, subject, sum};
use crate::number::{Figure, MoneyUnit};
use crate::reports::tracking::model::*;
use crate::source::Located;

/// A project's figures, derived and checked.
#[derive(Debug)]
pub struct ProjectFigures<'a> {
    pub index: usize,
    /// The 重点跟踪项目 (tracked project).
    pub project: &'a Project,
    pub office: Option<&'a str>,
    pub budget: Shown,
    pub added: Shown,
    pub cut: Shown,
    pub adjusted: Shown,
    pub actual: Shown,
    pub rate: Shown,
    /// The rate as computed, else as stated (for charts and outlier marks).
    pub rate_value: Option<Decimal>,
    /// 调整后预算 with the range its written inputs allow (stated, else derived).
    adjusted_range: Option<Approx>,
}

/// Sums over a set of projects, with the stated totals checked.
#[derive(Debug, Default)]
pub struct Sums {
    pub budget: Option<Approx>,
    pub added: Option<Approx>,
    pub cut: Option<Approx>,
    pub adjusted: Option<Approx>,
    pub actual: Option<Approx>,
    pub rate: Option<Approx>,
}

/// A stated totals row (合计, 小计, or figures in prose), checked.
#[derive(Debug)]
pub struct TotalsRow {
    pub budget: Shown,
    pub added: Shown,
    pub cut: Shown,
    pub adjusted: Shown,
    pub actual: Shown,
    pub rate: Shown,
}

#[derive(Debug)]
pub struct OfficeFigures<'a> {
    pub name: &'a str,
    pub section: Option<&'a OfficeSection>,
    /// Indexes into `TrackingFigures::projects`.
    pub projects: Vec<usize>,
    pub count: Shown,
    pub text: Option<TotalsRow>,
    pub subtotal: TotalsRow,
}

#[derive(Debug)]
pub struct SelectionFigures {
    pub unit: MoneyUnit,
    pub count: Shown,
    pub budget_total: Shown,
    pub all_projects_budget: Shown,
    pub share: Shown,
    pub adjusted_total: Shown,
    pub actual_total: Shown,
    pub rate: Shown,
}

#[derive(Debug)]
pub struct NamedFigures<'a> {
    pub name: &'a str,
    pub amount: Shown,
    pub rate: Shown,
}

/// The 预算 summary of a 绩效跟踪 report: 年初预算 (approved), 调整后预算 (adjusted), 实际支出 (actual) with their parts, and the 执行率.
#[derive(Debug)]
pub struct TrackingBudgetFigures<'a> {
    pub unit: MoneyUnit,
    pub approved: Shown,
    pub approved_parts: Vec<NamedFigures<'a>>,
    pub adjusted: Shown,
    pub adjusted_parts: Vec<NamedFigures<'a>>,
    pub actual: Shown,
    pub actual_parts: Vec<NamedFigures<'a>>,
    pub rate: Shown,
}

#[derive(Debug)]
pub struct FunctionRowFigures<'a> {
    pub name: &'a str,
    pub total: Shown,
    pub basic: Shown,
    pub project: Shown,
}

#[derive(Debug)]
pub struct FunctionTableFigures<'a> {
    pub title: &'a str,
    pub unit: MoneyUnit,
    pub rows: Vec<FunctionRowFigures<'a>>,
    pub total: FunctionRowFigures<'a>,
}

#[derive(Debug)]
pub struct ExecutionRowFigures<'a> {
    pub name: &'a str,
    pub actual: Shown,
    pub budget: Shown,
    pub rate: Shown,
}

/// 预算执行 by 功能分类 in a 绩效跟踪 report: 全年支出 against 全部预算 per row, with totals and rates.
#[derive(Debug)]
pub struct TrackingExecutionFigures<'a> {
    pub unit: MoneyUnit,
    pub actual: Shown,
    pub budget: Shown,
    pub rate: Shown,
    pub rows: Vec<ExecutionRowFigures<'a>>,
}

#[derive(Debug)]
pub struct ShareTableFigures<'a> {
    /// The 分类 (classification) table with amounts and shares.
    pub table: &'a ShareTable,
    pub unit: MoneyUnit,
    pub rows: Vec<(&'a str, Shown, Shown)>,
    pub total: Shown,
    pub total_share: Shown,
}

/// Everything the 绩效跟踪 page shows.
#[derive(Debug)]
pub struct TrackingFigures<'a> {
    pub unit: MoneyUnit,
    pub rate_base: RateBase,
    pub projects: Vec<ProjectFigures<'a>>,
    pub totals: TotalsRow,
    pub offices: Vec<OfficeFigures<'a>>,
    pub selection: Option<SelectionFigures>,
    pub budget: Option<TrackingBudgetFigures<'a>>,
    pub function_tables: Vec<FunctionTableFigures<'a>>,
    pub execution: Option<TrackingExecutionFigures<'a>>,
    pub key_spending: Option<ShareTableFigures<'a>>,
    pub by_function: Option<ShareTableFigures<'a>>,
}

/// A 年中追加/追减 cell: "-" or absent counts as nothing for the arithmetic;
/// a negative one (`cut = -20.00`, the sign copied from a table that prints
/// 追减 with a minus) counts by its size — the field says the direction,
/// and [`wrong_sign`] reports the sign.
fn or_zero(f: Option<&Figure>) -> Approx {
    match approx(f) {
        Some(a) if a.value < Decimal::ZERO => -a,
        Some(a) => a,
        None => Approx::zero(),
    }
}

/// A negative 年中追加 or 年中追减: blamed on its sign, with the fix.
fn wrong_sign(ctx: &mut Ctx, f: Option<&Figure>, field: String, what: &str, name: &str) {
    let Some(f) = f.filter(|f| f.value.is_some_and(|v| v < Decimal::ZERO)) else { return };
    let fixed = f.text.trim_start_matches(['-', '−', '－']);
    let message = format!(
        "项目“{name}”的{what}写作 {}，是负数：{what}本身已表示方向（调整后预算 = 年初预算 + 年中追加 − 年中追减），要写正数；请删去开头的负号“-”，写成 {fixed}",
        f.text
    );
    ctx.checker.error(ctx.map, f.span, Code::Figure, field, message);
}

fn project<'a>(ctx: &mut Ctx, i: usize, p: &'a Project, base: RateBase, unit: &str) -> ProjectFigures<'a> {
    let path = format!("projects[{i}]");
    let name = &p.name.value;
    let b = Approx::of(&p.budget);
    wrong_sign(ctx, p.added.as_ref(), format!("{path}.added"), "年中追加", name);
    wrong_sign(ctx, p.cut.as_ref(), format!("{path}.cut"), "年中追减", name);
    let computed_adjusted = b.map(|b| b + or_zero(p.added.as_ref()) - or_zero(p.cut.as_ref()));
    if let (Some(b), Some(cut)) = (b, approx(p.cut.as_ref()).map(|_| or_zero(p.cut.as_ref())))
        && cut.value > b.value + or_zero(p.added.as_ref()).value
    {
        let f = p.cut.as_ref().unwrap();
        ctx.checker.error(
            ctx.map,
            f.span,
            Code::Figure,
            format!("{path}.cut"),
            format!("项目“{name}”的年中追减 {} 大于年初预算与追加之和：调整后预算不能为负", f.text),
        );
    }
    let what = format!("{name}调整后预算");
    let adjusted = ctx.reconcile(p.adjusted.as_ref(), computed_adjusted, subject(format!("{path}.adjusted"), "年初预算 + 年中追加 − 年中追减", &what, unit));
    let adjusted_a = approx(p.adjusted.as_ref()).or(computed_adjusted);
    let (base_a, formula) = match base {
        RateBase::Adjusted => (adjusted_a, "实际支出 ÷ 调整后预算 × 100"),
        RateBase::Budget => (b, "实际支出 ÷ 年初预算 × 100"),
    };
    let computed_rate = pct(approx(p.actual.as_ref()), base_a);
    let what = format!("{name}支出比例");
    if let Some(r) = p.rate_pct.as_ref().and_then(|r| r.value.map(|v| (r, v)))
        && r.1 < Decimal::ZERO
    {
        ctx.checker.error(
            ctx.map,
            r.0.span,
            Code::Figure,
            format!("{path}.rate_pct"),
            format!("项目“{name}”的支出比例 {}% 为负数，不是有效的百分比", r.0.text),
        );
    }
    let rate = ctx.reconcile(p.rate_pct.as_ref(), computed_rate, subject(format!("{path}.rate_pct"), formula, &what, "%"));
    // Figures another table of the source restates for this project.
    for (k, r) in p.restated.iter().enumerate() {
        let master = match r.field.value.as_str() {
            "budget" => Some(&p.budget),
            "added" => p.added.as_ref(),
            "cut" => p.cut.as_ref(),
            "adjusted" => p.adjusted.as_ref(),
            "actual" => p.actual.as_ref(),
            "rate_pct" => p.rate_pct.as_ref(),
            other => {
                ctx.checker.error(
                    ctx.map,
                    r.field.span,
                    Code::Reference,
                    format!("{path}.restated[{k}].field"),
                    format!("不认识的字段 “{other}”；可用：budget、added、cut、adjusted、actual、rate_pct"),
                );
                continue;
            }
        };
        // A copy of a written figure must repeat it exactly; a restated
        // rate is checked like any rate.
        let computed = match r.field.value.as_str() {
            "rate_pct" => computed_rate.or(approx(master)),
            "adjusted" => master.and_then(|m| m.value).map(Approx::exact).or(adjusted_a.map(|a| Approx::exact(a.value))),
            _ => master.and_then(|m| m.value).map(Approx::exact),
        };
        let label = match r.field.value.as_str() {
            "budget" => "年初预算",
            "added" => "年中追加",
            "cut" => "年中追减",
            "adjusted" => "调整后预算",
            "actual" => "实际支出",
            _ => "支出比例",
        };
        let formula = format!("总表中的{label}");
        let what = format!("{name}在“{}”中的{label}", r.table);
        let u = if r.field.value == "rate_pct" { "%" } else { unit };
        ctx.reconcile(Some(&r.value), computed, subject(format!("{path}.restated[{k}].value"), &formula, &what, u));
    }
    ProjectFigures {
        index: i,
        project: p,
        office: p.office.as_ref().map(|o| o.value.as_str()),
        budget: Shown::stated(&p.budget),
        added: Shown::stated_opt(&p.added),
        cut: Shown::stated_opt(&p.cut),
        adjusted,
        actual: Shown::stated_opt(&p.actual),
        rate,
        rate_value: computed_rate.map(|r| r.value).or(p.rate_pct.as_ref().and_then(|r| r.value)),
        adjusted_range: adjusted_a,
    }
}

fn sums(projects: &[&ProjectFigures], base: RateBase) -> Sums {
    let col = |f: &dyn Fn(&ProjectFigures) -> Option<Approx>| projects.iter().map(|p| f(p)).collect::<Option<Vec<_>>>().map(Approx::sum);
    let adjusted = col(&|p| p.adjusted_range);
    let budget = col(&|p| Approx::of(&p.project.budget));
    let actual = col(&|p| approx(p.project.actual.as_ref()));
    let rate = match base {
        RateBase::Adjusted => pct(actual, adjusted),
        RateBase::Budget => pct(actual, budget),
    };
    Sums {
        budget,
        added: Some(Approx::sum(projects.iter().map(|p| or_zero(p.project.added.as_ref())))),
        cut: Some(Approx::sum(projects.iter().map(|p| or_zero(p.project.cut.as_ref())))),
        adjusted,
        actual,
        rate,
    }
}

/// Check a stated totals row against sums, in `unit` (sums are in `from`).
#[allow(clippy::too_many_arguments)]
fn totals_row(ctx: &mut Ctx, s: &Sums, from: MoneyUnit, unit: MoneyUnit, path: &str, what: &str, fields: [Option<&Figure>; 6]) -> TotalsRow {
    let u = unit.label();
    let conv = |a: Option<Approx>| a.map(|a| convert(a, from, unit));
    let [b, ad, c, adj, act, r] = fields;
    let mut one = |f: Option<&Figure>, computed: Option<Approx>, name: &str, word: &str, formula: &str, unit: &str| {
        let w = format!("{what}{word}");
        ctx.reconcile(f, computed, subject(format!("{path}.{name}"), formula, &w, unit))
    };
    TotalsRow {
        budget: one(b, conv(s.budget), "budget", "年初预算合计", "各项目年初预算之和", u),
        added: one(ad, conv(s.added), "added", "年中追加合计", "各项目年中追加之和", u),
        cut: one(c, conv(s.cut), "cut", "年中追减合计", "各项目年中追减之和", u),
        adjusted: one(adj, conv(s.adjusted), "adjusted", "调整后预算合计", "各项目调整后预算之和", u),
        actual: one(act, conv(s.actual), "actual", "实际支出合计", "各项目实际支出之和", u),
        rate: one(r, s.rate, "rate_pct", "执行率", "实际支出合计 ÷ 预算合计 × 100", "%"),
    }
}

fn count(ctx: &mut Ctx, stated: Option<&Located<u32>>, actual: usize, field: &str, what: &str) -> Shown {
    let Some(c) = stated else { return Shown::computed(Some(Approx::exact(Decimal::from(actual as u64)))) };
    let n = c.value;
    if n as usize != actual {
        ctx.checker.error(ctx.map, c.span, Code::Count, field.to_string(), format!("{what}写作 {n} 个，但列出的项目有 {actual} 个"));
    }
    Shown { value: Some(Decimal::from(n)), origin: crate::derive::Origin::Stated, verdict: crate::check::Verdict::Ok, src: None }
}

fn named<'a>(ctx: &mut Ctx, parts: &'a [NamedAmount], path: &str, bases: &[NamedAmount]) -> Vec<NamedFigures<'a>> {
    parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let base = p.rate_of.as_ref().or_else(|| bases.iter().find(|b| b.name == p.name).map(|b| &b.amount));
            let what = format!("{}完成比例", p.name);
            let rate = ctx.reconcile(
                p.rate_pct.as_ref(),
                pct(Approx::of(&p.amount), approx(base)),
                subject(format!("{path}[{i}].rate_pct"), "支出 ÷ 预算 × 100", &what, "%"),
            );
            NamedFigures { name: &p.name, amount: Shown::stated(&p.amount), rate }
        })
        .collect()
}

fn budget_summary<'a>(ctx: &mut Ctx, b: &'a BudgetSummary, unit: MoneyUnit) -> TrackingBudgetFigures<'a> {
    let u = b.unit.unwrap_or(unit);
    let l = u.label();
    let mut total = |f: &Option<Figure>, parts: &[NamedAmount], path: &str, what: &str| {
        let computed = if parts.is_empty() { None } else { sum(parts.iter().map(|p| &p.amount)) };
        ctx.reconcile(f.as_ref(), computed, subject(format!("budget.{path}"), "各组成部分之和", what, l))
    };
    let approved = total(&b.approved, &b.approved_parts, "approved", "批复总支出");
    let adjusted = total(&b.adjusted, &b.adjusted_parts, "adjusted", "调整后预算");
    let actual = total(&b.actual, &b.actual_parts, "actual", "整体支出");
    let base = b.rate_of.as_ref().or(b.adjusted.as_ref());
    let rate = ctx.reconcile(
        b.rate_pct.as_ref(),
        pct(approx(b.actual.as_ref()), approx(base)),
        subject("budget.rate_pct".into(), "整体支出 ÷ 预算指标 × 100", "整体支出完成预算比例", "%"),
    );
    TrackingBudgetFigures {
        unit: u,
        approved,
        approved_parts: named(ctx, &b.approved_parts, "budget.approved_parts", &[]),
        adjusted,
        adjusted_parts: named(ctx, &b.adjusted_parts, "budget.adjusted_parts", &[]),
        actual,
        actual_parts: named(ctx, &b.actual_parts, "budget.actual_parts", &b.adjusted_parts),
        rate,
    }
}

fn function_row<'a>(ctx: &mut Ctx, r: &'a FunctionRow, path: &str, unit: &str) -> FunctionRowFigures<'a> {
    let parts: Vec<Approx> = [r.basic.as_ref(), r.project.as_ref()].into_iter().filter_map(approx).collect();
    let computed = (!parts.is_empty()).then(|| Approx::sum(parts));
    let what = format!("{}合计", r.name);
    let total = ctx.reconcile(Some(&r.total), computed, subject(format!("{path}.total"), "基本支出 + 项目支出", &what, unit));
    FunctionRowFigures { name: &r.name, total, basic: Shown::stated_opt(&r.basic), project: Shown::stated_opt(&r.project) }
}

fn function_table<'a>(ctx: &mut Ctx, t: &'a FunctionTable, i: usize, unit: MoneyUnit) -> FunctionTableFigures<'a> {
    let u = t.unit.unwrap_or(unit);
    let l = u.label();
    let path = format!("function_tables[{i}]");
    let rows: Vec<_> = t.rows.iter().enumerate().map(|(k, r)| function_row(ctx, r, &format!("{path}.rows[{k}]"), l)).collect();
    // The stated total row: each column against the column sum.
    let col = |f: fn(&FunctionRow) -> Option<&Figure>| Some(Approx::sum(t.rows.iter().filter_map(|r| approx(f(r)))));
    let what = format!("{}总计", t.title);
    ctx.reconcile(Some(&t.total.total), col(|r| Some(&r.total)), subject(format!("{path}.total.total"), "各行合计之和", &what, l));
    let what_b = format!("{}基本支出总计", t.title);
    ctx.reconcile(t.total.basic.as_ref(), col(|r| r.basic.as_ref()), subject(format!("{path}.total.basic"), "各行基本支出之和", &what_b, l));
    let what_p = format!("{}项目支出总计", t.title);
    ctx.reconcile(t.total.project.as_ref(), col(|r| r.project.as_ref()), subject(format!("{path}.total.project"), "各行项目支出之和", &what_p, l));
    let total = function_row(ctx, &t.total, &format!("{path}.total"), l);
    FunctionTableFigures { title: &t.title, unit: u, rows, total }
}

fn execution<'a>(ctx: &mut Ctx, e: &'a TrackingExecution, unit: MoneyUnit) -> TrackingExecutionFigures<'a> {
    let u = e.unit.unwrap_or(unit);
    let l = u.label();
    let rows = e
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let what = format!("{}完成全年预算比例", r.name);
            let rate = ctx.reconcile(
                r.rate_pct.as_ref(),
                pct(Approx::of(&r.actual), Approx::of(&r.budget)),
                subject(format!("execution.rows[{i}].rate_pct"), "全年支出 ÷ 全部预算 × 100", &what, "%"),
            );
            ExecutionRowFigures { name: &r.name, actual: Shown::stated(&r.actual), budget: Shown::stated(&r.budget), rate }
        })
        .collect();
    let actual = ctx.reconcile_sum(&e.actual, e.rows.iter().map(|r| &r.actual), subject("execution.actual".into(), "各类全年支出之和", "部门整体支出", l));
    let budget = ctx.reconcile_sum(&e.budget, e.rows.iter().map(|r| &r.budget), subject("execution.budget".into(), "各类全部预算之和", "全年预算", l));
    let rate = ctx.reconcile(
        e.rate_pct.as_ref(),
        pct(Approx::of(&e.actual), Approx::of(&e.budget)),
        subject("execution.rate_pct".into(), "部门整体支出 ÷ 全年预算 × 100", "完成全年预算比例", "%"),
    );
    TrackingExecutionFigures { unit: u, actual, budget, rate, rows }
}

fn share_table<'a>(ctx: &mut Ctx, t: &'a ShareTable, path: &str, unit: MoneyUnit, groups: Option<&BTreeMap<&str, Approx>>) -> ShareTableFigures<'a> {
    let u = t.unit.unwrap_or(unit);
    let l = u.label();
    let base = Approx::of(&t.base);
    let formula = format!("金额 ÷ {} × 100", t.base_name);
    let rows = t
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let what = format!("{}占比", r.name);
            let share =
                ctx.reconcile(r.share_pct.as_ref(), pct(Approx::of(&r.amount), base), subject(format!("{path}.rows[{i}].share_pct"), &formula, &what, "%"));
            // When the rows group the projects (by 功能分类), each must equal its projects' sum.
            let amount = match groups.and_then(|g| g.get(r.name.as_str())) {
                Some(g) => {
                    let what = format!("{}项目金额", r.name);
                    ctx.reconcile(
                        Some(&r.amount),
                        Some(convert(*g, unit, u)),
                        subject(format!("{path}.rows[{i}].amount"), "该功能分类下各项目年初预算之和", &what, l),
                    )
                }
                None => Shown::stated(&r.amount),
            };
            (r.name.as_str(), amount, share)
        })
        .collect();
    let what = format!("{}合计", t.title);
    let total = match &t.total {
        Some(f) => ctx.reconcile_sum(f, t.rows.iter().map(|r| &r.amount), subject(format!("{path}.total"), "各行金额之和", &what, l)),
        None => Shown::computed(sum(t.rows.iter().map(|r| &r.amount))),
    };
    let total_a = approx(t.total.as_ref()).or(sum(t.rows.iter().map(|r| &r.amount)));
    let what = format!("{}合计占比", t.title);
    let total_share = ctx.reconcile(t.total_share_pct.as_ref(), pct(total_a, base), subject(format!("{path}.total_share_pct"), &formula, &what, "%"));
    ShareTableFigures { table: t, unit: u, rows, total, total_share }
}

/// The projects an office's own table lists (`projects = [...]`), by
/// index; a name that is not a project is an error, and a project the
/// master table gives to another office is a conflict between the tables.
fn listed_projects(ctx: &mut Ctx, o: &OfficeSection, oi: usize, projects: &[ProjectFigures]) -> Option<Vec<usize>> {
    if o.projects.is_empty() {
        return None;
    }
    let mut out = vec![];
    for (k, name) in o.projects.iter().enumerate() {
        let field = format!("offices[{oi}].projects[{k}]");
        match projects.iter().find(|p| p.project.name.value == name.value) {
            None => {
                ctx.checker.error(
                    ctx.map,
                    name.span,
                    Code::Reference,
                    field,
                    format!(
                        "总表中没有名为 “{}” 的项目{}",
                        name.value,
                        crate::check::did_you_mean(&name.value, projects.iter().map(|p| p.project.name.value.as_str()))
                    ),
                );
            }
            Some(p) => {
                if p.office.is_some_and(|x| x != o.name.value) {
                    ctx.checker.error(
                        ctx.map,
                        name.span,
                        Code::Conflict,
                        field,
                        format!("项目“{}”在总表中属于{}，但列在{}的表中：两表的科室归属不一致", name.value, p.office.unwrap_or(""), o.name.value),
                    );
                }
                out.push(p.index);
            }
        }
    }
    Some(out)
}

/// The same figure in two tables must agree: the 年初预算 and 调整后预算
/// tables' totals vs the budget summary, and each execution row's 全部预算
/// vs the 调整后预算 table row of the same name.
fn cross_check_tables(ctx: &mut Ctx, t: &Tracking, unit: MoneyUnit) {
    let exact = |f: &Figure, u: MoneyUnit, to: MoneyUnit| f.value.map(|v| convert(Approx::exact(v), u, to));
    let find = |word: &str| t.function_tables.iter().enumerate().find(|(_, f)| f.title.contains(word));
    if let Some(b) = &t.budget {
        let bu = b.unit.unwrap_or(unit);
        for (word, summary, source) in [("年初", &b.approved, "预算批复总额"), ("调整后", &b.adjusted, "调整后预算总额")] {
            if let (Some((i, ft)), Some(s)) = (find(word), summary) {
                let tu = ft.unit.unwrap_or(unit);
                let what = format!("{}表总计", ft.title);
                let formula = format!("预算执行情况中的{source}");
                ctx.reconcile(Some(&ft.total.total), exact(s, bu, tu), subject(format!("function_tables[{i}].total.total"), &formula, &what, tu.label()));
            }
        }
    }
    if let (Some(e), Some((_, ft))) = (&t.execution, find("调整后")) {
        let eu = e.unit.unwrap_or(unit);
        let tu = ft.unit.unwrap_or(unit);
        for (k, r) in e.rows.iter().enumerate() {
            let what = format!("{}全部预算", r.name);
            if r.budget_rows.is_empty() {
                if let Some(row) = ft.rows.iter().find(|x| x.name == r.name) {
                    let formula = format!("“{}”表中同名行的合计", ft.title);
                    ctx.reconcile(Some(&r.budget), exact(&row.total, tu, eu), subject(format!("execution.rows[{k}].budget"), &formula, &what, eu.label()));
                }
                continue;
            }
            let mut parts = Some(Approx::zero());
            for name in &r.budget_rows {
                match ft.rows.iter().find(|x| x.name == name.value) {
                    Some(row) => parts = parts.zip(exact(&row.total, tu, eu)).map(|(a, b)| a + b),
                    None => {
                        ctx.checker.error(
                            ctx.map,
                            name.span,
                            Code::Reference,
                            format!("execution.rows[{k}].budget_rows"),
                            format!(
                                "“{}”表中没有名为 “{}” 的行{}",
                                ft.title,
                                name.value,
                                crate::check::did_you_mean(&name.value, ft.rows.iter().map(|x| x.name.as_str()))
                            ),
                        );
                        parts = None;
                    }
                }
            }
            let names: Vec<&str> = r.budget_rows.iter().map(|n| n.value.as_str()).collect();
            let formula = format!("“{}”表中 {} 的合计之和", ft.title, names.join(" + "));
            ctx.reconcile(Some(&r.budget), parts, subject(format!("execution.rows[{k}].budget"), &formula, &what, eu.label()));
        }
    }
}

/// Derive and check a 绩效跟踪 report.
pub fn derive<'a>(ctx: &mut Ctx, t: &'a Tracking) -> TrackingFigures<'a> {
    let unit = t.unit;
    let l = unit.label();
    let projects: Vec<ProjectFigures> = t.projects.iter().enumerate().map(|(i, p)| project(ctx, i, p, t.rate_base, l)).collect();
    let all: Vec<&ProjectFigures> = projects.iter().collect();
    let all_sums = sums(&all, t.rate_base);
    let tot = t.totals.as_ref();
    let totals = totals_row(
        ctx,
        &all_sums,
        unit,
        unit,
        "totals",
        "重点跟踪项目",
        [
            tot.and_then(|x| x.budget.as_ref()),
            tot.and_then(|x| x.added.as_ref()),
            tot.and_then(|x| x.cut.as_ref()),
            tot.and_then(|x| x.adjusted.as_ref()),
            tot.and_then(|x| x.actual.as_ref()),
            tot.and_then(|x| x.rate_pct.as_ref()),
        ],
    );

    // Offices: in the order of their sections, then any office that only
    // the master table's 部门 column names for projects no section lists.
    let listed: Vec<Option<Vec<usize>>> = t.offices.iter().enumerate().map(|(oi, o)| listed_projects(ctx, o, oi, &projects)).collect();
    let in_a_list = |i: usize| listed.iter().flatten().any(|l| l.contains(&i));
    let mut names: Vec<&str> = t.offices.iter().map(|o| o.name.value.as_str()).collect();
    for p in &projects {
        if let Some(o) = p.office
            && !names.contains(&o)
            && !in_a_list(p.index)
        {
            names.push(o);
        }
    }
    let mut offices = vec![];
    for name in names {
        let si = t.offices.iter().position(|o| o.name.value == name);
        let section = si.map(|i| &t.offices[i]);
        let members: Vec<&ProjectFigures> = match si.and_then(|i| listed[i].as_ref()) {
            Some(list) => list.iter().map(|&i| &projects[i]).collect(),
            None => projects.iter().filter(|p| p.office == Some(name) && !in_a_list(p.index)).collect(),
        };
        // A section no project belongs to (its name matches no 部门 of the
        // master table, and it lists none): one finding, not a cascade of
        // totals against zero.
        let orphan = section.filter(|_| members.is_empty() && si.and_then(|i| listed[i].as_ref()).is_none());
        if let Some(o) = orphan {
            let used: std::collections::BTreeSet<&str> = projects.iter().filter_map(|p| p.office).collect();
            ctx.checker.error(
                ctx.map,
                o.name.span,
                Code::Reference,
                format!("offices[{}].name", si.unwrap_or(0)),
                format!(
                    "总表中没有属于科室 “{name}” 的项目，这一节的合计和个数无从核对：科室名要与总表的部门一栏一字不差{}",
                    crate::check::did_you_mean(name, used.iter().copied())
                ),
            );
        }
        let s = if orphan.is_some() {
            Sums { budget: None, added: None, cut: None, adjusted: None, actual: None, rate: None }
        } else {
            sums(&members, t.rate_base)
        };
        let path = match si {
            Some(i) => format!("offices[{i}]"),
            None => format!("projects.office({name})"),
        };
        let pick = |x: Option<&'a OfficeTotals>| -> [Option<&'a Figure>; 6] {
            [
                x.and_then(|x| x.budget.as_ref()),
                None,
                None,
                x.and_then(|x| x.adjusted.as_ref()),
                x.and_then(|x| x.actual.as_ref()),
                x.and_then(|x| x.rate_pct.as_ref()),
            ]
        };
        let what = format!("{name}重点跟踪项目");
        let text = section.and_then(|s| s.text.as_ref()).map(|x| totals_row(ctx, &s, unit, unit, &format!("{path}.text"), &what, pick(Some(x))));
        let subtotal = totals_row(ctx, &s, unit, unit, &format!("{path}.subtotal"), &what, pick(section.and_then(|s| s.subtotal.as_ref())));
        let stated_count = section.and_then(|s| s.count.as_ref());
        let count = match (orphan, stated_count) {
            (Some(_), Some(c)) => {
                Shown { value: Some(Decimal::from(c.value)), origin: crate::derive::Origin::Stated, verdict: crate::check::Verdict::Ok, src: None }
            }
            _ => count(ctx, stated_count, members.len(), &format!("{path}.count"), &format!("{name}重点跟踪项目个数")),
        };
        offices.push(OfficeFigures { name, section, projects: members.iter().map(|p| p.index).collect(), count, text, subtotal });
    }

    let selection = t.selection.as_ref().map(|s| {
        let u = s.unit.unwrap_or(unit);
        let su = u.label();
        let conv = |a: Option<Approx>| a.map(|a| convert(a, unit, u));
        let count = count(ctx, s.count.as_ref(), projects.len(), "selection.count", "重点跟踪项目个数");
        if let Some(th) = s.threshold.as_ref().and_then(Approx::of) {
            for p in &projects {
                if let Some(b) = Approx::of(&p.project.budget)
                    && convert(b, unit, u).value < th.value
                {
                    ctx.checker.error(
                        ctx.map,
                        p.project.budget.span,
                        Code::Selection,
                        format!("projects[{}].budget", p.index),
                        format!("项目“{}”年初预算 {}{} 低于选取标准 {}{su}，不应列为重点跟踪项目", p.project.name.value, p.project.budget.text, l, th.value),
                    );
                }
            }
        }
        let budget_total = ctx.reconcile(
            s.budget_total.as_ref(),
            conv(all_sums.budget),
            subject("selection.budget_total".into(), "各重点项目年初预算之和", "重点跟踪项目预算合计", su),
        );
        let share_num = approx(s.budget_total.as_ref()).or(conv(all_sums.budget));
        let share = ctx.reconcile(
            s.share_pct.as_ref(),
            pct(share_num, approx(s.all_projects_budget.as_ref())),
            subject("selection.share_pct".into(), "重点跟踪项目预算合计 ÷ 年初全部项目支出预算 × 100", "重点跟踪项目预算占比", "%"),
        );
        let adjusted_total = ctx.reconcile(
            s.adjusted_total.as_ref(),
            conv(all_sums.adjusted),
            subject("selection.adjusted_total".into(), "各重点项目调整后预算之和", "重点跟踪项目调整后预算合计", su),
        );
        let actual_total = ctx.reconcile(
            s.actual_total.as_ref(),
            conv(all_sums.actual),
            subject("selection.actual_total".into(), "各重点项目实际支出之和", "重点跟踪项目实际支出合计", su),
        );
        let den = match t.rate_base {
            RateBase::Adjusted => approx(s.adjusted_total.as_ref()).or(conv(all_sums.adjusted)),
            RateBase::Budget => approx(s.budget_total.as_ref()).or(conv(all_sums.budget)),
        };
        let rate = ctx.reconcile(
            s.rate_pct.as_ref(),
            pct(approx(s.actual_total.as_ref()).or(conv(all_sums.actual)), den),
            subject("selection.rate_pct".into(), "实际支出合计 ÷ 预算合计 × 100", "重点跟踪项目预算完成比例", "%"),
        );
        SelectionFigures {
            unit: u,
            count,
            budget_total,
            all_projects_budget: Shown::stated_opt(&s.all_projects_budget),
            share,
            adjusted_total,
            actual_total,
            rate,
        }
    });
    let budget = t.budget.as_ref().map(|b| budget_summary(ctx, b, unit));
    let function_tables = t.function_tables.iter().enumerate().map(|(i, f)| function_table(ctx, f, i, unit)).collect();
    let execution = t.execution.as_ref().map(|e| execution(ctx, e, unit));
    cross_check_tables(ctx, t, unit);
    let key_spending = t.key_spending.as_ref().map(|k| share_table(ctx, k, "key_spending", unit, None));
    let mut groups: BTreeMap<&str, Approx> = BTreeMap::new();
    for p in &t.projects {
        if let (Some(f), Some(b)) = (&p.function_name, Approx::of(&p.budget)) {
            let e = groups.entry(f.as_str()).or_insert_with(Approx::zero);
            *e = *e + b;
        }
    }
    let by_function = t.by_function.as_ref().map(|k| share_table(ctx, k, "by_function", unit, (!groups.is_empty()).then_some(&groups)));
    TrackingFigures { unit, rate_base: t.rate_base, projects, totals, offices, selection, budget, function_tables, execution, key_spending, by_function }
}
