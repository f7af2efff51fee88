//! 单位比较 — units side by side: for each year, the same figures of every
//! unit that reports them (支出合计, 财政拨款, 基本/项目支出, “三公”经费,
//! 机关运行经费, tracked projects' 执行率, the 绩效评价 score), ranked, with
//! their median, per-resident and per-staff amounts where `unit.toml` gives
//! 常住人口 or 实有人数, and the units far from the median ([`OUTLIER_RATIO`],
//! [`OUTLIER_POINTS`], [`OUTLIER_SCORE`]); across years, each unit's “三公”经费
//! from its first year with the figure to its last ([`ThreePublicChange`]);
//! and the tracked projects that executed below [`LOW_RATE`].
//!
//! Made for the whole site and for each 区 (a `region` two or more units
//! share, when the site spans more than one) from the same per-unit-year
//! figures the unit trends use ([`super::values`]), collected in one pass;
//! each ranking is a sort of its units, so the work grows as n log n.

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;

use super::{Measure, in_unit, values};
use crate::derive::YearFigures;
use crate::model::Site;
use crate::number::MoneyUnit;

/// 执行率 below this (percent) puts a tracked project on the list.
pub const LOW_RATE: Decimal = Decimal::from_parts(60, 0, 0, false, 0);
/// An amount is far from the median when above this many times it, or below its inverse (2: above 2×, below ½).
pub const OUTLIER_RATIO: Decimal = Decimal::from_parts(2, 0, 0, false, 0);
/// A rate is far from the median when more than this many 百分点 away.
pub const OUTLIER_POINTS: Decimal = Decimal::from_parts(20, 0, 0, false, 0);
/// A score is far from the median when more than this many 分 away.
pub const OUTLIER_SCORE: Decimal = Decimal::from_parts(10, 0, 0, false, 0);
/// Fewer units than this with a figure: no outliers are named (the median of two is their midpoint).
pub const OUTLIER_MIN_UNITS: usize = 3;

/// 比较指标 — a figure compared across units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Figure {
    /// 支出合计.
    Spending,
    /// 财政拨款收支总计.
    Appropriation,
    /// 基本支出.
    Basic,
    /// 项目支出.
    Project,
    /// “三公”经费合计.
    ThreePublic,
    /// 机关运行经费.
    Operating,
    /// 重点项目预算执行率 (绩效跟踪).
    TrackedRate,
    /// 部门整体绩效评价得分.
    Score,
}

impl Figure {
    /// Every figure, in page order.
    pub const ALL: [Figure; 8] =
        [Figure::Spending, Figure::Appropriation, Figure::Basic, Figure::Project, Figure::ThreePublic, Figure::Operating, Figure::TrackedRate, Figure::Score];

    /// Its name on the pages, which is also its series' name in [`super::values`].
    pub fn name(self) -> &'static str {
        match self {
            Figure::Spending => "支出合计",
            Figure::Appropriation => "财政拨款收支总计",
            Figure::Basic => "基本支出",
            Figure::Project => "项目支出",
            Figure::ThreePublic => "“三公”经费合计",
            Figure::Operating => "机关运行经费",
            Figure::TrackedRate => "重点项目预算执行率",
            Figure::Score => "部门整体绩效评价得分",
        }
    }

    /// A short id for table ids and CSV names.
    pub fn id(self) -> &'static str {
        match self {
            Figure::Spending => "spending",
            Figure::Appropriation => "appropriation",
            Figure::Basic => "basic",
            Figure::Project => "project",
            Figure::ThreePublic => "three-public",
            Figure::Operating => "operating",
            Figure::TrackedRate => "tracked-rate",
            Figure::Score => "score",
        }
    }

    /// Its measure: money in 万元, a rate or a score.
    pub fn measure(self) -> Measure {
        match self {
            Figure::TrackedRate => Measure::Percent,
            Figure::Score => Measure::Score,
            _ => Measure::Money(MoneyUnit::TenThousandYuan),
        }
    }

    fn of_name(name: &str) -> Option<Figure> {
        Figure::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// One unit in a ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The unit (index as `Site::units`).
    pub unit: usize,
    /// Its value (money in 万元).
    pub value: Decimal,
    /// 每位常住居民 (元), for money, when `unit.toml` gives `population`.
    pub per_resident: Option<Decimal>,
    /// 每名实有人员 (万元), for money, when `unit.toml` gives `staffing.actual`.
    pub per_staff: Option<Decimal>,
}

/// A unit far from the median.
#[derive(Debug, Clone, PartialEq)]
pub struct Outlier {
    /// The unit.
    pub unit: usize,
    /// Its value.
    pub value: Decimal,
    /// Above the median (else below).
    pub above: bool,
    /// How far: for money, value ÷ median; for rates and scores, value − median.
    pub distance: Decimal,
}

/// 排名 — one figure of one year, every unit that reports it, largest first.
#[derive(Debug, Clone)]
pub struct Ranking {
    /// The figure.
    pub figure: Figure,
    /// The units, by value, largest first (ties in site order).
    pub entries: Vec<Entry>,
    /// 中位数 (of an even count, the mean of the middle two).
    pub median: Decimal,
    /// The units far from the median, in ranking order.
    pub outliers: Vec<Outlier>,
}

/// The rankings of one year.
#[derive(Debug, Clone)]
pub struct YearPeers {
    /// 年度.
    pub year: u16,
    /// One per figure two or more units report that year, in [`Figure::ALL`] order.
    pub rankings: Vec<Ranking>,
}

/// One unit's “三公”经费 from its first year with the figure to its last.
#[derive(Debug, Clone, PartialEq)]
pub struct ThreePublicChange {
    /// The unit.
    pub unit: usize,
    /// The first year with the figure, and its amount (万元).
    pub first: (u16, Decimal),
    /// The last year with the figure, and its amount (万元); the same as `first` with one year only.
    pub last: (u16, Decimal),
    /// last − first.
    pub change: Decimal,
    /// The change in percent of the first (none on a zero base).
    pub change_pct: Option<Decimal>,
    /// Years between the first and the last without the figure (未公开).
    pub gaps: Vec<u16>,
}

/// A tracked project that executed below [`LOW_RATE`].
#[derive(Debug, Clone, PartialEq)]
pub struct LowRate {
    /// The unit.
    pub unit: usize,
    /// 年度.
    pub year: u16,
    /// Its index in that year's 绩效跟踪 project list (its page there).
    pub index: usize,
    /// 项目名称.
    pub name: String,
    /// 执行率 (percent).
    pub rate: Decimal,
}

/// A comparison of some units: the whole site, or one 区.
#[derive(Debug, Clone)]
pub struct Scope {
    /// The 区 (a `region` of `unit.toml`), or none for the whole site.
    pub region: Option<String>,
    /// Its units (index as `Site::units`), in site order.
    pub units: Vec<usize>,
    /// Per year some figure is shared, the latest year first.
    pub years: Vec<YearPeers>,
    /// Units with the “三公”经费 in two years or more, the largest rise first.
    pub three_public: Vec<ThreePublicChange>,
    /// Units with the “三公”经费 in one year only (nothing to compare).
    pub three_public_once: Vec<ThreePublicChange>,
    /// Tracked projects below [`LOW_RATE`], the latest year first, then in site order.
    pub low_rates: Vec<LowRate>,
}

/// 单位比较 of the site.
#[derive(Debug, Default)]
pub struct Peers {
    /// The whole site (none with fewer than two units).
    pub site: Option<Scope>,
    /// Each 区 two or more units share, when the site spans more than one 区, in order of first appearance.
    pub districts: Vec<Scope>,
}

/// The median of values sorted in any order (of an even count, the mean of the middle two); none when empty.
pub fn median(sorted: &[Decimal]) -> Option<Decimal> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / Decimal::TWO),
    }
}

/// Whether `value` is far from `median` for `measure`, and how far.
pub fn outlier(value: Decimal, median: Decimal, measure: Measure) -> Option<(bool, Decimal)> {
    match measure {
        Measure::Money(_) => {
            if median <= Decimal::ZERO {
                return None;
            }
            let ratio = value / median;
            (ratio > OUTLIER_RATIO || ratio * OUTLIER_RATIO < Decimal::ONE).then_some((ratio > Decimal::ONE, ratio))
        }
        Measure::Percent | Measure::Score => {
            let limit = if measure == Measure::Percent { OUTLIER_POINTS } else { OUTLIER_SCORE };
            let diff = value - median;
            (diff.abs() > limit).then_some((diff > Decimal::ZERO, diff))
        }
    }
}

/// Rank `values` (unit, value) of `figure`: largest first, the median, the outliers.
pub fn rank(figure: Figure, mut entries: Vec<Entry>) -> Option<Ranking> {
    entries.sort_by(|a, b| b.value.cmp(&a.value).then(a.unit.cmp(&b.unit)));
    let sorted: Vec<Decimal> = entries.iter().map(|e| e.value).collect();
    let median = median(&sorted)?;
    let outliers = if entries.len() >= OUTLIER_MIN_UNITS {
        entries
            .iter()
            .filter_map(|e| outlier(e.value, median, figure.measure()).map(|(above, distance)| Outlier { unit: e.unit, value: e.value, above, distance }))
            .collect()
    } else {
        vec![]
    };
    Some(Ranking { figure, entries, median, outliers })
}

/// Per-resident (元) and per-staff (万元) amounts of `value` (万元) for a money figure.
pub fn per_head(value: Decimal, measure: Measure, population: Option<u32>, staff: Option<u32>) -> (Option<Decimal>, Option<Decimal>) {
    if !matches!(measure, Measure::Money(_)) {
        return (None, None);
    }
    let per = |n: Option<u32>| n.filter(|n| *n > 0).map(Decimal::from);
    (per(population).map(|p| in_unit(value, MoneyUnit::TenThousandYuan, MoneyUnit::Yuan) / p), per(staff).map(|s| value / s))
}

/// One unit-year's compared figures (money in 万元) and its low-rate projects.
struct UnitYear {
    unit: usize,
    year: u16,
    figures: Vec<(Figure, Decimal)>,
    low: Vec<LowRate>,
}

/// The figures of every unit-year, in one pass over the derived figures.
fn collect(site: &Site, derived: &[YearFigures]) -> Vec<UnitYear> {
    derived
        .iter()
        .map(|yf| {
            let year = site.units[yf.unit].years[yf.year].year;
            let figures = values(yf)
                .into_iter()
                .filter_map(|v| {
                    let figure = Figure::of_name(&v.name)?;
                    let value = match v.measure {
                        Measure::Money(u) => in_unit(v.value, u, MoneyUnit::TenThousandYuan),
                        _ => v.value,
                    };
                    Some((figure, value))
                })
                .collect();
            let low = yf.reports.tracking.iter().flat_map(|t| &t.projects).enumerate().filter_map(|(index, p)| {
                let rate = p.rate.value.filter(|r| *r < LOW_RATE)?;
                Some(LowRate { unit: yf.unit, year, index, name: p.project.name.value.clone(), rate })
            });
            UnitYear { unit: yf.unit, year, figures, low: low.collect() }
        })
        .collect()
}

/// The comparison of the units in `members` (a bool per site unit).
fn scope(site: &Site, rows: &[UnitYear], region: Option<String>, members: &[bool]) -> Scope {
    let mut by_year: BTreeMap<u16, BTreeMap<Figure, Vec<Entry>>> = BTreeMap::new();
    let mut three: HashMap<usize, Vec<(u16, Decimal)>> = HashMap::new();
    let mut low_rates = vec![];
    for r in rows.iter().filter(|r| members[r.unit]) {
        let profile = &site.units[r.unit].profile;
        for &(figure, value) in &r.figures {
            let (per_resident, per_staff) = per_head(value, figure.measure(), profile.population, profile.staffing.as_ref().and_then(|s| s.actual));
            by_year.entry(r.year).or_default().entry(figure).or_default().push(Entry { unit: r.unit, value, per_resident, per_staff });
            if figure == Figure::ThreePublic {
                three.entry(r.unit).or_default().push((r.year, value));
            }
        }
        low_rates.extend(r.low.iter().cloned());
    }
    let years = by_year
        .into_iter()
        .rev()
        .filter_map(|(year, figures)| {
            let rankings: Vec<Ranking> = figures.into_iter().filter(|(_, e)| e.len() >= 2).filter_map(|(f, e)| rank(f, e)).collect();
            (!rankings.is_empty()).then_some(YearPeers { year, rankings })
        })
        .collect();
    let (mut three_public, mut three_public_once) = (vec![], vec![]);
    let units: Vec<usize> = (0..site.units.len()).filter(|&u| members[u]).collect();
    for &u in &units {
        let Some(years) = three.get_mut(&u) else { continue };
        let change = change_over_years(u, years);
        if change.first.0 == change.last.0 { three_public_once.push(change) } else { three_public.push(change) }
    }
    three_public.sort_by(|a, b| b.change.cmp(&a.change).then(a.unit.cmp(&b.unit)));
    low_rates.sort_by(|a, b| b.year.cmp(&a.year).then(a.unit.cmp(&b.unit)).then(a.index.cmp(&b.index)));
    Scope { region, units, years, three_public, three_public_once, low_rates }
}

/// A unit's change from its first year with a value to its last (`years`: its (year, value), any order, not empty).
pub fn change_over_years(unit: usize, years: &mut [(u16, Decimal)]) -> ThreePublicChange {
    years.sort_by_key(|(y, _)| *y);
    let (first, last) = (years[0], years[years.len() - 1]);
    let gaps = (first.0..=last.0).filter(|y| !years.iter().any(|(have, _)| have == y)).collect();
    let change = last.1 - first.1;
    let change_pct = (!first.1.is_zero()).then(|| change / first.1 * Decimal::ONE_HUNDRED);
    ThreePublicChange { unit, first, last, change, change_pct, gaps }
}

/// 单位比较 of the site: the whole site (two units or more) and each 区
/// two or more units share when the site has more than one 区.
pub fn build(site: &Site, derived: &[YearFigures]) -> Peers {
    if site.units.len() < 2 {
        return Peers::default();
    }
    let rows = collect(site, derived);
    let all = vec![true; site.units.len()];
    let mut regions: Vec<&str> = vec![];
    for u in &site.units {
        if !regions.contains(&u.profile.region.as_str()) {
            regions.push(&u.profile.region);
        }
    }
    let districts = if regions.len() < 2 {
        vec![]
    } else {
        regions
            .iter()
            .filter_map(|region| {
                let members: Vec<bool> = site.units.iter().map(|u| u.profile.region == *region).collect();
                (members.iter().filter(|m| **m).count() >= 2).then(|| scope(site, &rows, Some(region.to_string()), &members))
            })
            .collect()
    };
    Peers { site: Some(scope(site, &rows, None, &all)), districts }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn entries(values: &[&str]) -> Vec<Entry> {
        values.iter().enumerate().map(|(unit, v)| Entry { unit, value: d(v), per_resident: None, per_staff: None }).collect()
    }

    #[test]
    fn the_median_of_an_odd_and_an_even_count() {
        assert_eq!(median(&[d("1"), d("3"), d("10")]), Some(d("3")));
        assert_eq!(median(&[d("1"), d("3"), d("4"), d("10")]), Some(d("3.5")));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn a_ranking_is_largest_first_with_ties_in_site_order() {
        let r = rank(Figure::Spending, entries(&["50", "200", "50", "120"])).unwrap();
        let order: Vec<usize> = r.entries.iter().map(|e| e.unit).collect();
        assert_eq!(order, [1, 3, 0, 2]);
        assert_eq!(r.median, d("85"));
    }

    #[test]
    fn outliers_are_beyond_twice_or_half_the_median_for_money_and_points_for_rates() {
        let r = rank(Figure::ThreePublic, entries(&["10", "21", "4.9", "10", "5"])).unwrap();
        assert_eq!(r.median, d("10"));
        let got: Vec<(usize, bool, Decimal)> = r.outliers.iter().map(|o| (o.unit, o.above, o.distance)).collect();
        // 21 is 2.1× the median, 4.9 below half; exactly half (5) is not beyond it.
        assert_eq!(got, [(1, true, d("2.1")), (2, false, d("0.49"))]);
        let r = rank(Figure::TrackedRate, entries(&["95", "90", "69.9", "70", "92"])).unwrap();
        let got: Vec<(usize, Decimal)> = r.outliers.iter().map(|o| (o.unit, o.distance)).collect();
        assert_eq!(got, [(2, d("-20.1"))], "median 90: 70 is 20 points off, 69.9 beyond");
        // Two units: the median is their midpoint, no outliers named.
        assert!(rank(Figure::Spending, entries(&["1", "100"])).unwrap().outliers.is_empty());
        // A zero median: no ratio, no outliers.
        assert!(rank(Figure::ThreePublic, entries(&["0", "0", "7"])).unwrap().outliers.is_empty());
    }

    #[test]
    fn per_resident_in_yuan_and_per_staff_in_ten_thousand_yuan() {
        let m = Figure::Spending.measure();
        assert_eq!(per_head(d("1000"), m, Some(50_000), Some(80)), (Some(d("200")), Some(d("12.5"))));
        assert_eq!(per_head(d("1000"), m, None, Some(0)), (None, None), "no population, zero staff: none, never a guess");
        assert_eq!(per_head(d("95"), Figure::TrackedRate.measure(), Some(1), Some(1)), (None, None));
    }

    #[test]
    fn a_change_runs_from_the_first_year_with_data_to_the_last_and_names_the_gaps() {
        let mut years = [(2024, d("12")), (2021, d("8"))];
        let c = change_over_years(3, &mut years);
        assert_eq!((c.first, c.last, c.change, c.change_pct), ((2021, d("8")), (2024, d("12")), d("4"), Some(d("50"))));
        assert_eq!(c.gaps, [2022, 2023]);
        let c = change_over_years(0, &mut [(2022, d("0")), (2023, d("3"))]);
        assert_eq!(c.change_pct, None, "no rate on a zero base");
    }
}
