//! 跨年度分析 — the cross-year model of each unit: a series per figure that
//! recurs across its years (收入/支出合计, 财政拨款, 基本/项目支出, each 功能分类 类,
//! “三公”经费 and its items, 机关运行经费, the 执行率 of tracked projects, the
//! 绩效评价 score), with each year's change from the year before (增减额, 增减率),
//! and the histories of its recurring projects ([`history`]); and the units
//! side by side, per year ([`peers`]).
//!
//! Built after the derive stage from the derived figures of each unit-year
//! (`YearFigures`), never by reading files again, in one pass over them: each
//! figure of a unit-year is appended to its series by key (a hash lookup), so
//! the work grows with the number of figures, not with their square. A year
//! of the unit's span with no report (no year folder, or a year without that
//! report or figure) is a gap (`None`), never a zero. Where a report states
//! a change against the year before (“三公”经费 and 机关运行经费 比上年增减),
//! [`stated`] checks its 上年数 against the previous year's own figure.

pub mod history;
pub mod peers;
pub mod stated;

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::derive::{Ctx, Shown, YearFigures};
use crate::model::Site;
use crate::number::MoneyUnit;

/// What kind of quantity a series holds, and so how it is shown and changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// An amount of money in the given unit (every year converted to it).
    Money(MoneyUnit),
    /// A rate in percent: its change is in 百分点, with no 增减率.
    Percent,
    /// A score (分): its change is in 分, with no 增减率.
    Score,
}

impl Measure {
    /// The unit as written after a value (`万元`, `%`, `分`).
    pub fn label(self) -> &'static str {
        match self {
            Measure::Money(u) => u.label(),
            Measure::Percent => "%",
            Measure::Score => "分",
        }
    }

    /// The unit of a change (`万元`, `个百分点`, `分`).
    pub fn change_label(self) -> &'static str {
        match self {
            Measure::Percent => "个百分点",
            other => other.label(),
        }
    }
}

/// The group a series is shown in on the unit page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    /// 收支总体 — totals of the 部门决算.
    Totals,
    /// 一般公共预算财政拨款支出 by 功能分类 类.
    Functional,
    /// “三公”经费 and 机关运行经费.
    ThreePublic,
    /// 预算执行与绩效 — tracked projects and the evaluation.
    Performance,
}

impl Group {
    /// Every group, in page order.
    pub const ALL: [Group; 4] = [Group::Totals, Group::Functional, Group::ThreePublic, Group::Performance];

    /// Its heading on the unit page.
    pub fn title(self) -> &'static str {
        match self {
            Group::Totals => "收入与支出",
            Group::Functional => "一般公共预算财政拨款支出（按功能分类）",
            Group::ThreePublic => "“三公”经费与机关运行经费",
            Group::Performance => "项目执行与绩效评价",
        }
    }

    /// A short id for the page's table ids (`trend-<id>-<n>`).
    pub fn id(self) -> &'static str {
        match self {
            Group::Totals => "totals",
            Group::Functional => "functional",
            Group::ThreePublic => "three-public",
            Group::Performance => "performance",
        }
    }
}

/// One year of a series: its value (`None`: a gap — no report, or the report
/// does not give the figure) and its change from the year before, when both
/// years have a value.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// 年度.
    pub year: u16,
    /// The value, in the series' measure.
    pub value: Option<Decimal>,
    /// 比上年增减额 (or 百分点, 分 for rates and scores).
    pub change: Option<Decimal>,
    /// 比上年增减率 in percent (money only; none when last year was zero).
    pub change_pct: Option<Decimal>,
}

/// 指标的历年数 — one figure of a unit over its years.
#[derive(Debug, Clone)]
pub struct Series {
    /// The group it is shown in.
    pub group: Group,
    /// What the figure is, in plain Chinese (`支出合计`, `一般公共服务支出`).
    pub name: String,
    /// Its measure (money in one unit, percent, score).
    pub measure: Measure,
    /// One point per year of the unit's span, first to last.
    pub points: Vec<Point>,
}

impl Series {
    /// How many years have a value.
    pub fn known(&self) -> usize {
        self.points.iter().filter(|p| p.value.is_some()).count()
    }
}

/// 单位的跨年度数据 — everything the unit page shows across years.
#[derive(Debug, Default)]
pub struct UnitTrends {
    /// The series with values in two years or more, grouped, in page order.
    pub series: Vec<Series>,
    /// Its projects and their histories.
    pub projects: history::UnitProjects,
}

/// The cross-year model of the site: one entry per unit, in site order.
#[derive(Debug, Default)]
pub struct Trends {
    /// Per unit (index as `Site::units`).
    pub units: Vec<UnitTrends>,
    /// 单位比较: the units side by side, per year ([`peers`]).
    pub peers: peers::Peers,
}

/// One figure of one unit-year, on its way into a series.
struct Value {
    group: Group,
    name: String,
    measure: Measure,
    value: Decimal,
}

/// The figures of one unit-year that recur across years, from its derived figures.
fn values(yf: &YearFigures) -> Vec<Value> {
    let mut out = vec![];
    let mut push = |group, name: &str, measure, s: &Shown| {
        if let Some(value) = s.value {
            out.push(Value { group, name: name.to_string(), measure, value });
        }
    };
    let r = &yf.reports;
    if let Some(fa) = &r.final_accounts {
        let money = Measure::Money(fa.unit);
        if let Some(c) = &fa.income {
            push(Group::Totals, "收入合计", money, &c.totals.current);
        }
        if let Some(c) = &fa.expenditure {
            push(Group::Totals, "支出合计", money, &c.totals.current);
            for item in &c.items {
                push(Group::Totals, item.name, money, &item.amount);
            }
        }
        if let Some(a) = &fa.appropriation {
            push(Group::Totals, "财政拨款收支总计", money, &a.current);
        }
        if let Some(g) = &fa.general_budget {
            for class in &g.classes {
                push(Group::Functional, class.name, money, &class.vs_budget.current);
            }
        }
        if let Some(t) = &fa.three_public {
            push(Group::ThreePublic, "“三公”经费合计", money, &t.actual);
            for item in &t.items {
                push(Group::ThreePublic, item.name, money, &item.actual);
            }
        }
        if let Some(o) = &fa.operating_costs {
            push(Group::ThreePublic, "机关运行经费", money, &o.current);
        }
    }
    if let Some(t) = &r.tracking {
        push(Group::Performance, "重点项目调整后预算", Measure::Money(t.unit), &t.totals.adjusted);
        push(Group::Performance, "重点项目实际支出", Measure::Money(t.unit), &t.totals.actual);
        push(Group::Performance, "重点项目预算执行率", Measure::Percent, &t.totals.rate);
    }
    if let Some(e) = &r.evaluation {
        if let Some(s) = &e.score {
            push(Group::Performance, "部门整体绩效评价得分", Measure::Score, &s.total);
        }
        if let Some(x) = &e.execution {
            push(Group::Performance, "部门整体预算执行率", Measure::Percent, &x.rate);
        }
    }
    out
}

/// An amount in `from` expressed in `to` (exact: 1 万元 = 10,000 元).
pub fn in_unit(value: Decimal, from: MoneyUnit, to: MoneyUnit) -> Decimal {
    let k = Decimal::from(10_000);
    match (from, to) {
        (MoneyUnit::Yuan, MoneyUnit::TenThousandYuan) => value / k,
        (MoneyUnit::TenThousandYuan, MoneyUnit::Yuan) => value * k,
        _ => value,
    }
}

/// `value` in `from` expressed in `to` (money converted, rates and scores as they are).
fn convert(value: Decimal, from: Measure, to: Measure) -> Decimal {
    match (from, to) {
        (Measure::Money(a), Measure::Money(b)) => in_unit(value, a, b),
        _ => value,
    }
}

/// Each point's change from the year before: both years must have a value
/// (a gap breaks the chain); 增减率 for money only, and not on a zero base.
fn changes(points: &mut [Point], measure: Measure) {
    for i in 1..points.len() {
        let (before, now) = (points[i - 1].value, points[i].value);
        if let (Some(b), Some(n)) = (before, now) {
            points[i].change = Some(n - b);
            points[i].change_pct = match measure {
                Measure::Money(_) if !b.is_zero() => Some((n - b) / b * Decimal::ONE_HUNDRED),
                _ => None,
            };
        }
    }
}

/// The series of one unit from its years' figures (`years`: each of its
/// unit-years, in year order).
pub fn unit_series(years: &[&YearFigures], calendar: &[u16], year_of: impl Fn(&YearFigures) -> u16) -> Vec<Series> {
    let index_of: HashMap<u16, usize> = calendar.iter().enumerate().map(|(i, y)| (*y, i)).collect();
    let mut series: Vec<Series> = vec![];
    let mut by_key: HashMap<(Group, String), usize> = HashMap::new();
    for yf in years {
        let at = index_of[&year_of(yf)];
        for v in values(yf) {
            let next = series.len();
            let k = *by_key.entry((v.group, v.name.clone())).or_insert(next);
            if k == next {
                let points = calendar.iter().map(|&year| Point { year, value: None, change: None, change_pct: None }).collect();
                series.push(Series { group: v.group, name: v.name, measure: v.measure, points });
            }
            let s = &mut series[k];
            s.points[at].value = Some(convert(v.value, v.measure, s.measure));
        }
    }
    series.retain(|s| s.known() >= 2);
    for s in &mut series {
        changes(&mut s.points, s.measure);
    }
    // Stable: within a group, in the order the figures first appear.
    series.sort_by_key(|s| s.group);
    series
}

/// Build the cross-year model of the site from the derived figures
/// (`derived`: one entry per unit-year, in site order) and check each change
/// a report states against the year before ([`stated::check`]).
pub fn build(ctx: &mut Ctx, site: &Site, derived: &[YearFigures]) -> Trends {
    let mut per_unit: Vec<Vec<&YearFigures>> = site.units.iter().map(|_| vec![]).collect();
    for yf in derived {
        per_unit[yf.unit].push(yf);
    }
    let units = site
        .units
        .iter()
        .zip(&per_unit)
        .map(|(unit, years)| {
            let calendar: Vec<u16> = match (unit.years.iter().map(|y| y.year).min(), unit.years.iter().map(|y| y.year).max()) {
                (Some(first), Some(last)) => (first..=last).collect(),
                _ => vec![],
            };
            let series = unit_series(years, &calendar, |yf| unit.years[yf.year].year);
            stated::check(ctx, unit, years, &series);
            UnitTrends { projects: history::projects(unit, years), series }
        })
        .collect();
    Trends { units, peers: peers::build(site, derived) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn points(values: &[Option<&str>]) -> Vec<Point> {
        values.iter().enumerate().map(|(i, v)| Point { year: 2020 + i as u16, value: v.map(d), change: None, change_pct: None }).collect()
    }

    #[test]
    fn changes_are_exact_and_a_gap_breaks_the_chain() {
        let mut p = points(&[Some("100.00"), Some("112.50"), None, Some("90.00"), Some("0.00"), Some("5.00")]);
        changes(&mut p, Measure::Money(MoneyUnit::TenThousandYuan));
        let got: Vec<(Option<Decimal>, Option<Decimal>)> = p.iter().map(|p| (p.change, p.change_pct)).collect();
        assert_eq!(
            got,
            [
                (None, None),
                (Some(d("12.50")), Some(d("12.5"))),
                // No report in 2022: no change into it, none out of it, and never a zero.
                (None, None),
                (None, None),
                (Some(d("-90.00")), Some(d("-100"))),
                // From a zero base: the amount changes, the rate does not exist.
                (Some(d("5.00")), None),
            ]
        );
        assert_eq!(p[2].value, None);
    }

    #[test]
    fn rates_and_scores_change_in_points_without_a_rate() {
        let mut p = points(&[Some("88.5"), Some("91")]);
        changes(&mut p, Measure::Score);
        assert_eq!((p[1].change, p[1].change_pct), (Some(d("2.5")), None));
        let mut p = points(&[Some("95.20"), Some("87.45")]);
        changes(&mut p, Measure::Percent);
        assert_eq!((p[1].change, p[1].change_pct), (Some(d("-7.75")), None));
        assert_eq!(Measure::Percent.change_label(), "个百分点");
    }

    #[test]
    fn amounts_in_yuan_and_ten_thousand_yuan_meet_exactly() {
        let (yuan, wan) = (MoneyUnit::Yuan, MoneyUnit::TenThousandYuan);
        assert_eq!(in_unit(d("1234567.89"), yuan, wan), d("123.456789"));
        assert_eq!(in_unit(d("1.5"), wan, yuan), d("15000"));
        assert_eq!(convert(d("95.5"), Measure::Percent, Measure::Money(wan)), d("95.5"));
    }
}
