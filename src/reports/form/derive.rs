//! Derived figures of a 项目支出绩效自评表: 得分 ≤ 分值, 执行率 of each funds
//! row, and the 总分 (分值 and 得分) against the sums of its rows.

use rust_decimal::Decimal;

use super::model::{FundsRow, ProjectForm};
use crate::check::Code;
use crate::derive::{Ctx, Shown, approx, pct, subject, sum};
use crate::reports::evaluation::derive::score_within;

/// A row of the funds block with its checked 执行率.
#[derive(Debug)]
pub struct FundsFigures<'a> {
    /// The 资金 (funds) row: 年初预算数, 全年预算数, 全年执行数 …
    pub row: &'a FundsRow,
    pub rate: Shown,
}

/// The derived figures of one 自评表.
#[derive(Debug)]
pub struct FormFigures<'a> {
    /// The 项目支出绩效自评表 (project self-evaluation form).
    pub form: &'a ProjectForm,
    pub funds: Vec<FundsFigures<'a>>,
    pub total_max: Shown,
    pub total_score: Shown,
}

/// Derive and check a 项目支出绩效自评表.
pub fn derive<'a>(ctx: &mut Ctx, f: &'a ProjectForm) -> FormFigures<'a> {
    let funds = f
        .funds
        .iter()
        .enumerate()
        .map(|(i, r)| {
            score_within(ctx, r.score.as_ref(), r.max.as_ref(), &format!("funds[{i}].score"), &r.name);
            let what = format!("{}执行率", r.name);
            let rate = ctx.reconcile(
                r.rate_pct.as_ref(),
                pct(approx(r.executed.as_ref()), approx(r.full_year.as_ref())),
                subject(format!("funds[{i}].rate_pct"), "全年执行数 ÷ 全年预算数 × 100", &what, "%"),
            );
            FundsFigures { row: r, rate }
        })
        .collect();
    for (i, ind) in f.indicators.iter().enumerate() {
        score_within(ctx, Some(&ind.score), Some(&ind.max), &format!("indicators[{i}].score"), &ind.name);
    }
    let maxes = f.funds.iter().filter_map(|r| r.max.as_ref()).chain(f.indicators.iter().map(|i| &i.max));
    let computed_max = sum(maxes);
    let scores = f.funds.iter().filter_map(|r| r.score.as_ref()).chain(f.indicators.iter().map(|i| &i.score));
    let computed_score = sum(scores);
    let total_max = match &f.total_max {
        Some(m) => ctx.reconcile(Some(m), computed_max, subject("total_max".into(), "预算执行率分值 + 各指标分值之和", "总分（分值）", "分")),
        None => Shown::computed(computed_max),
    };
    let total_score = match &f.total_score {
        Some(s) => ctx.reconcile(Some(s), computed_score, subject("total_score".into(), "预算执行率得分 + 各指标得分之和", "总分（得分）", "分")),
        None => Shown::computed(computed_score),
    };
    if f.weights_sum_to_100
        && let Some(m) = computed_max.filter(|m| m.value != Decimal::ONE_HUNDRED)
    {
        let span = f.total_max.as_ref().map(|x| x.span).or(f.indicators.first().map(|i| i.max.span)).unwrap_or_default();
        ctx.checker.error(ctx.map, span, Code::Figure, "weights_sum_to_100".to_string(), format!("各项分值之和为 {}，表格要求合计为 100", m.value));
    }
    FormFigures { form: f, funds, total_max, total_score }
}
