//! The figures of “三公”经费, 政府采购, 国有资产占用 and 预算绩效情况,
//! each stated figure checked the derive way (docs §4): totals against their
//! parts, 完成预算% against 决算 ÷ 预算, 比上年 changes and rates against the
//! 上年数 (a rate on a zero base is `E-ZERO-BASE`), shares against their
//! whole (and a set of shares of one whole summing to 100), counts of a
//! whole against the sum of their kinds (`E-COUNT`), and a part never
//! larger than its whole.

use crate::check::{Approx, Code, Subject};
use crate::derive::{Change, ChangeNames, Ctx, Shown, approx, change, context_dp, pct};
use crate::number::Figure;
use crate::reports::final_accounts::derive::shares_make_100;
use crate::source::Located;

use super::model::*;

/// One “三公” item, its stated figures checked.
#[derive(Debug)]
pub struct ThreePublicRow<'a> {
    /// 项目名称.
    pub name: &'a str,
    /// 决算数.
    pub actual: Shown,
    /// 年初预算数.
    pub budget: Shown,
    /// 决算比预算增减.
    pub change: Shown,
    /// 公务用车购置费.
    pub purchase: Shown,
    /// 公务用车运行维护费.
    pub operation: Shown,
    /// 完成预算%, only when stated.
    pub completion: Shown,
    /// 比上年, when the text compares with the prior year.
    pub vs_prior: Option<Change>,
    /// 占“三公”经费的比例, only when stated.
    pub share: Shown,
    /// 国内公务接待支出.
    pub domestic: Shown,
    /// 外宾接待支出.
    pub foreign: Shown,
    /// The item as written (reasons, uses and counts).
    pub source: &'a ThreePublicItem,
}

/// “三公”经费: the totals and the items.
#[derive(Debug)]
pub struct ThreePublicFigures<'a> {
    /// 决算数合计.
    pub actual: Shown,
    /// 年初预算数合计.
    pub budget: Shown,
    /// 决算比预算增减.
    pub change: Shown,
    /// The items.
    pub items: Vec<ThreePublicRow<'a>>,
    /// A note under the section.
    pub note: Option<&'a str>,
    /// 完成预算%, only when stated.
    pub completion: Shown,
    /// 比上年, when the text compares with the prior year.
    pub vs_prior: Option<Change>,
    /// The section as written.
    pub source: &'a ThreePublic,
}

/// 政府采购: amounts, shares and the 中小企业 statements.
#[derive(Debug)]
pub struct ProcurementFigures {
    /// 政府采购支出总额.
    pub total: Shown,
    /// 货物.
    pub goods: Shown,
    /// 工程.
    pub works: Shown,
    /// 服务.
    pub services: Shown,
    /// Shares of 货物, 工程, 服务 in the total (stated only).
    pub kind_shares: [Shown; 3],
    /// 授予中小企业合同金额.
    pub sme: Shown,
    /// …占比.
    pub sme_share: Shown,
    /// 授予小微企业合同金额.
    pub small_micro: Shown,
    /// …占比.
    pub small_micro_share: Shown,
    /// 面向中小企业预留预算金额, 面向小微企业预留预算金额, 预留中由中小企业、由小微企业中标成交的
    /// and 其他项目中由中小企业中标成交的采购金额 (the Shanghai form).
    pub reserved: [Shown; 5],
}

/// Decimals-aware `a − b` of two figures of one column.
fn diff(a: &Figure, b: &Figure) -> Option<Approx> {
    let dp = context_dp([a, b]);
    Some(Approx::in_context(a, dp)? - Approx::in_context(b, dp)?)
}

/// A stated percentage checked against `part ÷ whole × 100`; shown only when stated.
fn stated_pct(ctx: &mut Ctx, stated: Option<&Figure>, part: Option<Approx>, whole: Option<Approx>, field: String, formula: &str, what: &str) -> Shown {
    match stated {
        Some(_) => ctx.reconcile(stated, pct(part, whole), Subject { field, formula, what, unit: "%" }),
        None => Shown::not_reported(),
    }
}

/// 比上年: the change and rate against the 上年数 (`[prior, prior_change,
/// prior_change_pct]` as written), when any of them is written.
fn vs_prior(ctx: &mut Ctx, actual: &Figure, stated: [Option<&Figure>; 3], path: &str, what: &str, unit: &str) -> Option<Change> {
    let [prior, chg, rate] = stated;
    if stated.iter().all(Option::is_none) {
        return None;
    }
    let names = ChangeNames { path, what, base_word: "上年", change_field: "prior_change", pct_field: "prior_change_pct", unit };
    Some(change(ctx, actual, prior, chg, rate, names))
}

/// `part` must not be larger than `whole` (counts): an `E-FIGURE` error otherwise.
fn count_within(ctx: &mut Ctx, part: &Option<Located<u32>>, whole: &Option<Located<u32>>, field: String, what: &str) {
    if let (Some(p), Some(w)) = (part, whole)
        && p.value > w.value
    {
        let message = format!("{what}{}大于总数{}：其中数不能多于总数", p.value, w.value);
        ctx.checker.error(ctx.map, p.span, Code::Figure, field, message);
    }
}

/// A stated count against the sum of its kinds (`E-COUNT`), when every kind is written.
pub fn count_is_sum(ctx: &mut Ctx, whole: &Located<u32>, parts: &[Option<&Located<u32>>], field: String, what: &str, kinds: &str) {
    let Some(parts) = parts.iter().copied().collect::<Option<Vec<_>>>() else { return };
    let sum: u64 = parts.iter().map(|p| u64::from(p.value)).sum();
    if parts.is_empty() || sum == u64::from(whole.value) {
        return;
    }
    let texts: Vec<String> = parts.iter().map(|p| p.value.to_string()).collect();
    let message = format!("{what}写作 {}，但{kinds}之和为 {} = {sum}", whole.value, texts.join(" + "));
    ctx.checker.error(ctx.map, whole.span, Code::Count, field, message);
}

/// Derive and check “三公”经费.
pub fn three_public<'a>(ctx: &mut Ctx, t: &'a ThreePublic, unit: &str) -> ThreePublicFigures<'a> {
    let subject = |field: &str, formula: &'static str, what: &'static str| Subject { field: field.into(), formula, what, unit };
    let actual = ctx.reconcile_sum(&t.actual, t.items.iter().map(|i| &i.actual), subject("three_public.actual", "各项决算数之和", "“三公”经费决算数"));
    let budget = ctx.reconcile_sum(&t.budget, t.items.iter().map(|i| &i.budget), subject("three_public.budget", "各项年初预算数之和", "“三公”经费年初预算数"));
    let change =
        ctx.reconcile(t.change.as_ref(), diff(&t.actual, &t.budget), subject("three_public.change", "决算数 − 年初预算数", "“三公”经费决算比预算增减额"));
    let completion_formula = "决算数 ÷ 年初预算数 × 100";
    let completion = stated_pct(
        ctx,
        t.completion_pct.as_ref(),
        Approx::of(&t.actual),
        Approx::of(&t.budget),
        "three_public.completion_pct".into(),
        completion_formula,
        "“三公”经费完成预算的比例",
    );
    let whole_prior = vs_prior(ctx, &t.actual, [t.prior.as_ref(), t.prior_change.as_ref(), t.prior_change_pct.as_ref()], "three_public", "“三公”经费", unit);
    let items = t
        .items
        .iter()
        .enumerate()
        .map(|(i, it)| {
            let path = format!("three_public.items[{i}]");
            let what = format!("{}决算比预算增减额", it.name);
            let change = ctx.reconcile(
                it.change.as_ref(),
                diff(&it.actual, &it.budget),
                Subject { field: format!("{path}.change"), formula: "决算数 − 年初预算数", what: &what, unit },
            );
            if let (Some(p), Some(o)) = (&it.purchase, &it.operation) {
                let what = format!("{}决算数", it.name);
                ctx.reconcile_sum(&it.actual, [p, o], Subject { field: format!("{path}.actual"), formula: "购置费 + 运行维护费", what: &what, unit });
            }
            let what = format!("{}完成预算的比例", it.name);
            let completion = stated_pct(
                ctx,
                it.completion_pct.as_ref(),
                Approx::of(&it.actual),
                Approx::of(&it.budget),
                format!("{path}.completion_pct"),
                completion_formula,
                &what,
            );
            let what = format!("{}占“三公”经费的比例", it.name);
            let share = stated_pct(
                ctx,
                it.share_pct.as_ref(),
                Approx::of(&it.actual),
                Approx::of(&t.actual),
                format!("{path}.share_pct"),
                "本项决算数 ÷ “三公”经费决算数 × 100",
                &what,
            );
            let vs = vs_prior(ctx, &it.actual, [it.prior.as_ref(), it.prior_change.as_ref(), it.prior_change_pct.as_ref()], &path, &it.name, unit);
            count_within(ctx, &it.foreign_batches, &it.batches, format!("{path}.foreign_batches"), "接待外宾批次");
            count_within(ctx, &it.foreign_people, &it.people, format!("{path}.foreign_people"), "接待外宾人次");
            let (domestic, foreign) = reception(ctx, it, &path, unit);
            ThreePublicRow {
                name: &it.name,
                actual: Shown::stated(&it.actual),
                budget: Shown::stated(&it.budget),
                change,
                purchase: Shown::stated_opt(&it.purchase),
                operation: Shown::stated_opt(&it.operation),
                completion,
                vs_prior: vs,
                share,
                domestic,
                foreign,
                source: it,
            }
        })
        .collect();
    shares_make_100(ctx, &t.items.iter().map(|i| i.share_pct.as_ref()).collect::<Vec<_>>(), "three_public.items", "“三公”经费");
    ThreePublicFigures { actual, budget, change, items, note: t.note.as_deref(), completion, vs_prior: whole_prior, source: t }
}

/// 国内公务接待 and 外宾接待: 国内 = 决算数 when the text counts 外宾 within
/// 国内 (the Shanghai form), else 国内 + 外宾 = 决算数 (when both are written).
fn reception(ctx: &mut Ctx, it: &ThreePublicItem, path: &str, unit: &str) -> (Shown, Shown) {
    let what = format!("{}决算数", it.name);
    let domestic = match (&it.domestic, &it.foreign) {
        (Some(d), _) if it.foreign_within_domestic => {
            let what = format!("{}（国内公务接待支出，含外宾接待）", it.name);
            let dp = context_dp([d, &it.actual]);
            let verdict = ctx.reconcile(
                Some(d),
                Approx::in_context(&it.actual, dp),
                Subject { field: format!("{path}.domestic"), formula: "本项决算数", what: &what, unit },
            );
            if let Some(f) = &it.foreign
                && let (Some(a), Some(b)) = (f.value, d.value)
                && a > b
            {
                ctx.checker.error(
                    ctx.map,
                    f.span,
                    Code::Figure,
                    format!("{path}.foreign"),
                    format!("外宾接待支出 {} 大于含它在内的国内公务接待支出 {}", f.text, d.text),
                );
            }
            verdict
        }
        (Some(d), Some(f)) => {
            ctx.reconcile_sum(&it.actual, [d, f], Subject { field: format!("{path}.actual"), formula: "国内公务接待支出 + 外宾接待支出", what: &what, unit });
            Shown::stated(d)
        }
        (d, _) => Shown::stated_opt(d),
    };
    (domestic, Shown::stated_opt(&it.foreign))
}

/// Derive and check 政府采购.
pub fn procurement(ctx: &mut Ctx, p: &Procurement, unit: &str) -> ProcurementFigures {
    let total = ctx.reconcile_sum(
        &p.total,
        [&p.goods, &p.works, &p.services],
        Subject { field: "procurement.total".into(), formula: "货物 + 工程 + 服务", what: "政府采购支出总额", unit },
    );
    let whole = Approx::of(&p.total);
    let mut share = |part: Option<&Figure>, stated: &Option<Figure>, field: &str, what: &str, formula: &str| {
        let computed = approx(part).zip(whole).and_then(|(a, b)| a.percent_of(b));
        ctx.reconcile(stated.as_ref(), computed, Subject { field: field.into(), formula, what, unit: "%" })
    };
    let sme_share =
        share(p.sme.as_ref(), &p.sme_share_pct, "procurement.sme_share_pct", "授予中小企业合同金额占比", "授予中小企业合同金额 ÷ 政府采购支出总额 × 100");
    let small_micro_share = share(
        p.small_micro.as_ref(),
        &p.small_micro_share_pct,
        "procurement.small_micro_share_pct",
        "授予小微企业合同金额占比",
        "授予小微企业合同金额 ÷ 政府采购支出总额 × 100",
    );
    let kinds = [
        ("goods", "货物", &p.goods, &p.goods_share_pct),
        ("works", "工程", &p.works, &p.works_share_pct),
        ("services", "服务", &p.services, &p.services_share_pct),
    ];
    let kind_shares = kinds.map(|(key, name, amount, stated)| match stated {
        Some(_) => share(Some(amount), stated, &format!("procurement.{key}_share_pct"), &format!("{name}占比"), &format!("{name} ÷ 政府采购支出总额 × 100")),
        None => Shown::not_reported(),
    });
    let shares: Vec<Option<&Figure>> = kinds.iter().map(|k| k.3.as_ref()).collect();
    shares_make_100(ctx, &shares, "procurement.kinds", "政府采购支出");
    not_above(ctx, &p.small_micro, &p.sme, "procurement.small_micro", "小微企业合同金额", "中小企业合同金额", "小微企业是中小企业的一部分");
    not_above(
        ctx,
        &p.small_micro_reserved,
        &p.sme_reserved,
        "procurement.small_micro_reserved",
        "面向小微企业预留的预算金额",
        "面向中小企业预留的预算金额",
        "小微企业预留份额是中小企业预留份额的一部分",
    );
    not_above(
        ctx,
        &p.small_micro_reserved_awarded,
        &p.sme_reserved_awarded,
        "procurement.small_micro_reserved_awarded",
        "预留项目中由小微企业中标或成交的金额",
        "预留项目中由中小企业中标或成交的金额",
        "小微企业是中小企业的一部分",
    );
    // What 中小企业 won (in reserved and in other projects) is part of the total.
    if let (Some(a), Some(b)) = (&p.sme_reserved_awarded, &p.sme_other_awarded)
        && let (Some(x), Some(y), Some(t)) = (Approx::of(a), Approx::of(b), whole)
        && (x + y).lo > t.hi
    {
        let message = format!(
            "由中小企业中标或成交的采购金额（预留项目 {} + 其他项目 {} = {}{unit}）大于政府采购支出总额 {}{unit}",
            a.text,
            b.text,
            (x + y).value.normalize(),
            p.total.text
        );
        ctx.checker.error(ctx.map, b.span, Code::Figure, "procurement.sme_other_awarded", message);
    }
    let reserved =
        [&p.sme_reserved, &p.small_micro_reserved, &p.sme_reserved_awarded, &p.small_micro_reserved_awarded, &p.sme_other_awarded].map(Shown::stated_opt);
    ProcurementFigures {
        total,
        goods: Shown::stated(&p.goods),
        works: Shown::stated(&p.works),
        services: Shown::stated(&p.services),
        kind_shares,
        sme: Shown::stated_opt(&p.sme),
        sme_share,
        small_micro: Shown::stated_opt(&p.small_micro),
        small_micro_share,
        reserved,
    }
}

/// `part` (a 其中 amount) must not be larger than `whole`: an `E-FIGURE` error otherwise.
fn not_above(ctx: &mut Ctx, part: &Option<Figure>, whole: &Option<Figure>, field: &str, part_name: &str, whole_name: &str, why: &str) {
    if let (Some(sm), Some(s)) = (part, whole)
        && let (Some(a), Some(b)) = (sm.value, s.value)
        && a > b
    {
        ctx.checker.error(ctx.map, sm.span, Code::Figure, field, format!("{part_name} {} 大于{whole_name} {}：{why}", sm.text, s.text));
    }
}

/// Check 国有资产占用: the vehicles by kind add up to the vehicles.
pub fn assets(ctx: &mut Ctx, a: &Assets) {
    if let Some(v) = &a.vehicles {
        let kinds: Vec<Option<&Located<u32>>> = a.vehicle_kinds.iter().map(|k| Some(&k.count)).collect();
        count_is_sum(ctx, v, &kinds, "assets.vehicles".into(), "车辆数", "各类用车");
    }
}

/// Check 预算绩效情况: the ratings add up to the 自评 projects, and the
/// problems fixed and being fixed to those found.
pub fn performance(ctx: &mut Ctx, p: &Performance) {
    if let Some(s) = &p.self_evaluation {
        let ratings = [s.excellent.as_ref(), s.good.as_ref(), s.pass.as_ref(), s.fail.as_ref()];
        let what = "绩效自评的项目数";
        count_is_sum(ctx, &s.projects, &ratings, "performance.self_evaluation.projects".into(), what, "评级为优、良、合格、不合格的项目数");
    }
    if let Some(q) = &p.problems {
        count_is_sum(
            ctx,
            &q.found,
            &[q.fixed.as_ref(), q.fixing.as_ref()],
            "performance.problems.found".into(),
            "发现的问题数",
            "已经完成整改和正在整改的问题数",
        );
    }
}
