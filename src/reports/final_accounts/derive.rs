//! Derived figures of a 部门决算: every total, share and change the page
//! shows, each checked against what `final-accounts.toml` states.

use crate::check::Code;
use crate::check::{Approx, Subject};
use crate::derive::{Change, ChangeNames, Ctx, Shown, change, sum};
use crate::model::GlossaryEntry;
use crate::number::{Figure, MoneyUnit};
use crate::reports::final_accounts::model::*;

use super::statements::derive as statements;
pub use super::statements::derive::{ProcurementFigures, ThreePublicFigures, ThreePublicRow};

/// A category with amount and share of its parent total.
#[derive(Debug)]
pub struct ShareItemFigures<'a> {
    pub name: &'a str,
    pub amount: Shown,
    pub share: Shown,
}

/// 收入 or 支出 composition.
#[derive(Debug)]
pub struct CompositionFigures<'a> {
    pub totals: Change,
    pub sum_check: Shown,
    pub items: Vec<ShareItemFigures<'a>>,
}

/// A 功能分类 类 row.
#[derive(Debug)]
pub struct ClassRow<'a> {
    pub code: Option<&'a str>,
    pub name: &'a str,
    pub share: Shown,
    pub vs_budget: Change,
    pub details: Vec<DetailRow<'a>>,
}

#[derive(Debug)]
pub struct DetailRow<'a> {
    pub code: Option<&'a str>,
    pub level: &'a str,
    pub name: &'a str,
    pub amount: Shown,
    pub budget: Shown,
}

/// 一般公共预算 or 政府性基金 by 功能分类.
#[derive(Debug)]
pub struct FunctionalFigures<'a> {
    pub total: Shown,
    /// What the shares are of ("本年财政拨款支出" or "本表合计").
    pub share_base: &'static str,
    pub classes: Vec<ClassRow<'a>>,
    /// Sum of 年初预算 over the classes.
    pub budget_total: Shown,
    pub also_listed: Vec<ShareItemFigures<'a>>,
    /// The statement names only the main 类 (`main_only`).
    pub main_only: bool,
    /// 具体情况: 年初/全年预算, 决算, 完成% (of the section and per 项).
    pub execution: Option<super::execution::ExecutionFigures<'a>>,
}

#[derive(Debug)]
pub struct LivelihoodRow<'a> {
    pub name: &'a str,
    pub vs_prior: Change,
}

/// Everything the 部门决算 page shows.
#[derive(Debug)]
pub struct FinalAccountsFigures<'a> {
    pub unit: MoneyUnit,
    /// Each section is `None` when the disclosure leaves it out.
    pub overview: Option<Change>,
    pub income: Option<CompositionFigures<'a>>,
    pub expenditure: Option<CompositionFigures<'a>>,
    pub appropriation: Option<Change>,
    /// 财政拨款支出 = 一般公共预算 + 政府性基金 + 国有资本经营 (checked when all are given).
    pub appropriation_parts: Shown,
    pub general_budget: Option<FunctionalFigures<'a>>,
    pub government_fund: Option<FunctionalFigures<'a>>,
    pub state_capital: Option<(Shown, Shown)>,
    pub three_public: Option<ThreePublicFigures<'a>>,
    pub operating_costs: Option<Change>,
    pub procurement: Option<ProcurementFigures>,
    pub livelihood: Vec<LivelihoodRow<'a>>,
    pub glossary: Vec<&'a GlossaryEntry>,
    /// 部门决算公开表: the verdicts of their disputed cells.
    pub tables: super::tables::Verdicts,
}

fn totals(ctx: &mut Ctx, t: &Totals, path: &str, what: &str, unit: &str) -> Change {
    change(
        ctx,
        &t.total,
        t.prior.as_ref(),
        t.change.as_ref(),
        t.change_pct.as_ref(),
        ChangeNames { path, what, base_word: "上年", change_field: "change", pct_field: "change_pct", unit },
    )
}

/// Shares of `items` in `total`, and the check that they add up to it.
fn shares<'a>(ctx: &mut Ctx, items: &'a [ShareItem], base: Option<Approx>, base_name: &str, path: &str) -> Vec<ShareItemFigures<'a>> {
    items
        .iter()
        .enumerate()
        .map(|(i, it)| {
            let formula = format!("{} ÷ {base_name} × 100", it.name);
            let what = format!("{}占比", it.name);
            let share = ctx.reconcile(
                it.share_pct.as_ref(),
                Approx::of(&it.amount).zip(base).and_then(|(a, b)| a.percent_of(b)),
                Subject { field: format!("{path}[{i}].share_pct"), formula: &formula, what: &what, unit: "%" },
            );
            ShareItemFigures { name: &it.name, amount: Shown::stated(&it.amount), share }
        })
        .collect()
}

/// Shares of one whole (收入 or 支出 by type, the 类 of a table's own
/// total) must add up to 100% within rounding: each share may be off by one
/// unit of its last written decimal, no more. Checked when every share is
/// written (at least two), whether or not the amounts are reported.
pub fn shares_make_100(ctx: &mut Ctx, shares: &[Option<&Figure>], path: &str, what: &str) {
    let written: Vec<&Figure> = shares.iter().flatten().copied().filter(|f| f.is_reported()).collect();
    if written.len() < 2 || written.len() != shares.len() {
        return;
    }
    let sum: rust_decimal::Decimal = written.iter().filter_map(|f| f.value).sum();
    let slack: rust_decimal::Decimal = written.iter().map(|f| rust_decimal::Decimal::new(1, f.decimals())).sum();
    if (sum - rust_decimal::Decimal::ONE_HUNDRED).abs() > slack {
        let last = written[written.len() - 1];
        let texts: Vec<String> = written.iter().map(|f| format!("{}%", f.text)).collect();
        let message = format!("{what}各项占比之和应为 100%（舍入每项至多差末位 1），写作 {} = {}%", texts.join(" + "), sum.normalize());
        ctx.checker.error(ctx.map, last.span, Code::Figure, format!("{path}.share_pct"), message);
    }
}

/// Check a stated total against the sum of its parts (read at the
/// precision of the group, see [`Ctx::reconcile_sum`]).
fn total_of<'f>(ctx: &mut Ctx, total: &Figure, parts: impl IntoIterator<Item = &'f Figure>, path: &str, what: &str, formula: &str, unit: &str) -> Shown {
    ctx.reconcile_sum(total, parts, Subject { field: path.to_string(), formula, what, unit })
}

fn composition<'a>(ctx: &mut Ctx, c: &'a Composition, path: &str, what: &str, unit: &str) -> CompositionFigures<'a> {
    let vs_prior = change(
        ctx,
        &c.total,
        c.prior.as_ref(),
        c.change.as_ref(),
        c.change_pct.as_ref(),
        ChangeNames { path, what, base_word: "上年", change_field: "change", pct_field: "change_pct", unit },
    );
    let formula = format!("各项{what}之和");
    let sum_check = total_of(ctx, &c.total, c.items.iter().map(|i| &i.amount), &format!("{path}.total"), what, &formula, unit);
    let items = shares(ctx, &c.items, Approx::of(&c.total), what, &format!("{path}.items"));
    shares_make_100(ctx, &c.items.iter().map(|i| i.share_pct.as_ref()).collect::<Vec<_>>(), &format!("{path}.items"), what);
    CompositionFigures { totals: vs_prior, sum_check, items }
}

fn functional<'a>(
    ctx: &mut Ctx,
    f: &'a FunctionalBudget,
    path: &str,
    what: &str,
    base: Option<Approx>,
    base_name: &'static str,
    unit: &str,
) -> FunctionalFigures<'a> {
    let formula = "各类支出决算数之和";
    let total = if f.main_only {
        // Only the main 类 are listed: the total is more than their sum (checked against the table, and their rank, in `tables`).
        Shown::stated(&f.total)
    } else {
        total_of(ctx, &f.total, f.classes.iter().map(|c| &c.amount), &format!("{path}.total"), what, formula, unit)
    };
    let share_base_value = match base_name {
        "本表合计" => Approx::of(&f.total),
        _ => base,
    };
    let mut budgets = Some(Approx::zero());
    let classes = f
        .classes
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let p = format!("{path}.classes[{i}]");
            let formula = format!("{} ÷ {base_name} × 100", c.name);
            let share_what = format!("{}占比", c.name);
            let computed_share = Approx::of(&c.amount).zip(share_base_value).and_then(|(a, b)| a.percent_of(b));
            let share = ctx.reconcile(
                c.share_pct.as_ref(),
                computed_share,
                Subject { field: format!("{p}.share_pct"), formula: &formula, what: &share_what, unit: "%" },
            );
            let vs_budget = change(
                ctx,
                &c.amount,
                c.budget.as_ref(),
                c.budget_change.as_ref(),
                c.budget_change_pct.as_ref(),
                ChangeNames { path: &p, what: &c.name, base_word: "年初预算", change_field: "budget_change", pct_field: "budget_change_pct", unit },
            );
            budgets = budgets.zip(vs_budget.base.value).map(|(s, b)| s + Approx::exact(b));
            let details = c
                .details
                .iter()
                .map(|d| DetailRow {
                    code: d.code.as_deref(),
                    level: &d.level,
                    name: &d.name,
                    amount: Shown::stated(&d.amount),
                    budget: Shown::stated_opt(&d.budget),
                })
                .collect();
            ClassRow { code: c.code.as_deref(), name: &c.name, share, vs_budget, details }
        })
        .collect();
    let also_listed = shares(ctx, &f.also_listed, share_base_value, base_name, &format!("{path}.also_listed"));
    if base_name == "本表合计" && !f.main_only {
        shares_make_100(ctx, &f.classes.iter().map(|c| c.share_pct.as_ref()).collect::<Vec<_>>(), &format!("{path}.classes"), what);
    }
    let execution = f.execution.as_ref().map(|e| super::execution::derive(ctx, e, &f.total, &format!("{path}.execution"), what, unit));
    FunctionalFigures { total, share_base: base_name, classes, budget_total: Shown::computed(budgets), also_listed, main_only: f.main_only, execution }
}

/// Derive and check a 部门决算.
pub fn derive<'a>(ctx: &mut Ctx, fa: &'a FinalAccounts, glossary: &[&'a GlossaryEntry]) -> FinalAccountsFigures<'a> {
    let u = fa.unit.label();
    let overview = fa.overview.as_ref().map(|o| totals(ctx, o, "overview", "收支总计", u));
    let income = fa.income.as_ref().map(|c| composition(ctx, c, "income", "收入合计", u));
    let expenditure = fa.expenditure.as_ref().map(|c| composition(ctx, c, "expenditure", "支出合计", u));
    let appropriation = fa.appropriation.as_ref().map(|a| totals(ctx, a, "appropriation", "财政拨款收支总计", u));
    let app_total = fa.appropriation.as_ref().and_then(|a| Approx::of(&a.total));
    let general_budget = fa.general_budget.as_ref().map(|g| functional(ctx, g, "general_budget", "一般公共预算财政拨款支出", app_total, "本年财政拨款支出", u));
    let government_fund = fa.government_fund.as_ref().map(|g| functional(ctx, g, "government_fund", "政府性基金预算财政拨款支出", app_total, "本表合计", u));
    let parts = match (&fa.general_budget, &fa.government_fund, &fa.state_capital) {
        (Some(b), Some(g), Some(s)) => sum([&b.total, &g.total, &s.expenditure]),
        _ => None,
    };
    let appropriation_parts = ctx.reconcile(
        fa.appropriation.as_ref().map(|a| &a.total),
        parts,
        Subject {
            field: "appropriation.total".into(), formula: "一般公共预算 + 政府性基金 + 国有资本经营预算财政拨款支出", what: "财政拨款支出总计", unit: u
        },
    );
    let state_capital = fa.state_capital.as_ref().map(|s| (Shown::stated(&s.income), Shown::stated(&s.expenditure)));
    let three_public = fa.three_public.as_ref().map(|t| statements::three_public(ctx, t, u));
    let operating_costs = fa.operating_costs.as_ref().map(|o| {
        change(
            ctx,
            &o.amount,
            o.prior.as_ref(),
            o.change.as_ref(),
            o.change_pct.as_ref(),
            ChangeNames { path: "operating_costs", what: "机关运行经费", base_word: "上年", change_field: "change", pct_field: "change_pct", unit: u },
        )
    });
    let procurement = fa.procurement.as_ref().map(|p| statements::procurement(ctx, p, u));
    if let Some(a) = &fa.assets {
        statements::assets(ctx, a);
    }
    if let Some(p) = &fa.performance {
        statements::performance(ctx, p);
    }
    let livelihood = fa
        .livelihood
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let path = format!("livelihood[{i}]");
            let vs_prior = change(
                ctx,
                &l.amount,
                l.prior.as_ref(),
                l.change.as_ref(),
                None,
                ChangeNames { path: &path, what: &l.name, base_word: "上年", change_field: "change", pct_field: "change_pct", unit: u },
            );
            LivelihoodRow { name: &l.name, vs_prior }
        })
        .collect();
    let tables = super::tables::check(ctx, fa);
    FinalAccountsFigures {
        unit: fa.unit,
        overview,
        income,
        expenditure,
        appropriation,
        appropriation_parts,
        general_budget,
        government_fund,
        state_capital,
        three_public,
        operating_costs,
        procurement,
        livelihood,
        glossary: glossary.to_vec(),
        tables,
    }
}
