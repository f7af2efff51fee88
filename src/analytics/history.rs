//! 项目历年情况 — a unit's tracked projects (绩效跟踪) across its years: a
//! project that recurs (same 项目代码, or else the same 项目名称) gets one
//! history with its budget, adjusted budget, spending, rate and 自评 score per
//! year; and between two tracked years, the projects that appeared and
//! disappeared. Built in one pass over the unit's projects, matched by hash;
//! a history's amounts are in its latest year's money unit.
//!
//! A history's page name ([`page_name`]) is stable across builds and edits:
//! its 项目代码 when that is plain ASCII (letters, digits, `-`, `_`), else
//! `p-` and 12 hex digits of the SHA-256 of its 项目代码 or (without one)
//! its 项目名称; a name already taken in the unit gets `-2`, `-3` … in the
//! order the histories are first met.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::in_unit;
use crate::derive::YearFigures;
use crate::model::Unit;
use crate::number::MoneyUnit;

/// One year of a project.
#[derive(Debug, Clone)]
pub struct ProjectYear {
    /// 年度.
    pub year: u16,
    /// Its index in that year's 绩效跟踪 project list (its page there).
    pub index: usize,
    /// 项目名称 as that year names it.
    pub name: String,
    /// 年初预算 (in the history's unit).
    pub budget: Option<Decimal>,
    /// 调整后预算.
    pub adjusted: Option<Decimal>,
    /// 实际支出.
    pub actual: Option<Decimal>,
    /// 执行率 (percent), as the year's 绩效跟踪 shows it.
    pub rate: Option<Decimal>,
    /// 自评得分 of its 项目支出绩效自评表 that year, if there is one.
    pub score: Option<Decimal>,
}

/// 项目历年情况 — one project over the years it was tracked.
#[derive(Debug, Clone)]
pub struct ProjectHistory {
    /// Its page's name below the unit (`projects/<page>.html`), see [`page_name`].
    pub page: String,
    /// 项目名称 (the latest year's).
    pub name: String,
    /// 项目代码, when a year gives one.
    pub code: Option<String>,
    /// The money unit of its amounts: its latest year's (earlier years converted, exactly).
    pub unit: MoneyUnit,
    /// The years it appears in, in order.
    pub years: Vec<ProjectYear>,
}

/// A project that appeared or disappeared between two tracked years.
#[derive(Debug, Clone)]
pub struct Listed {
    /// 项目名称.
    pub name: String,
    /// The year it is listed in (the new year for an appeared one, the old year for a disappeared one).
    pub year: u16,
    /// Its index in that year's 绩效跟踪 project list.
    pub index: usize,
    /// Its history page's name, when it recurs in other years.
    pub history: Option<String>,
}

/// 项目增减 — between two consecutive tracked years of a unit.
#[derive(Debug, Clone)]
pub struct Turnover {
    /// The earlier tracked year.
    pub before: u16,
    /// The later tracked year.
    pub after: u16,
    /// Projects of `after` not tracked in `before` (新增).
    pub appeared: Vec<Listed>,
    /// Projects of `before` not tracked in `after` (不再跟踪).
    pub disappeared: Vec<Listed>,
}

/// A unit's projects across its years.
#[derive(Debug, Default)]
pub struct UnitProjects {
    /// The projects tracked in two years or more.
    pub histories: Vec<ProjectHistory>,
    /// Per pair of consecutive tracked years.
    pub turnover: Vec<Turnover>,
}

/// Match `unit`'s tracked projects across its years (`years`: its unit-years'
/// figures, in year order).
pub fn projects(unit: &Unit, years: &[&YearFigures]) -> UnitProjects {
    let mut all: Vec<ProjectHistory> = vec![];
    let (mut by_code, mut by_name): (HashMap<String, usize>, HashMap<String, usize>) = (HashMap::new(), HashMap::new());
    // Per tracked year: (year, the history of each of its projects).
    let mut tracked: Vec<(u16, Vec<usize>)> = vec![];
    for yf in years {
        let Some(t) = &yf.reports.tracking else { continue };
        let year = unit.years[yf.year].year;
        let scores: HashMap<&str, Decimal> = yf.reports.forms.iter().filter_map(|f| Some((f.form.name.as_str(), f.total_score.value?))).collect();
        let mut mine = vec![];
        for (index, p) in t.projects.iter().enumerate() {
            let name = p.project.name.value.clone();
            let code = p.project.code.clone().filter(|c| !c.trim().is_empty());
            let free = |h: &usize| all[*h].years.last().is_none_or(|y| y.year != year);
            let found = code.as_ref().and_then(|c| by_code.get(c).copied().filter(free)).or_else(|| by_name.get(&name).copied().filter(free));
            let h = found.unwrap_or_else(|| {
                all.push(ProjectHistory { page: String::new(), name: name.clone(), code: None, unit: t.unit, years: vec![] });
                all.len() - 1
            });
            if let Some(c) = &code {
                by_code.insert(c.clone(), h);
                all[h].code = Some(c.clone());
            }
            by_name.insert(name.clone(), h);
            all[h].name = name.clone();
            // Amounts in the latest year's unit: earlier years' converted.
            let (from, to) = (all[h].unit, t.unit);
            for y in &mut all[h].years {
                for v in [&mut y.budget, &mut y.adjusted, &mut y.actual].into_iter().flatten() {
                    *v = in_unit(*v, from, to);
                }
            }
            all[h].unit = to;
            all[h].years.push(ProjectYear {
                year,
                index,
                budget: p.budget.value,
                adjusted: p.adjusted.value,
                actual: p.actual.value,
                rate: p.rate.value,
                score: scores.get(name.as_str()).copied(),
                name,
            });
            mine.push(h);
        }
        tracked.push((year, mine));
    }
    // Page names for the recurring ones; a taken one gets a suffix, in the order first met.
    let mut pages: Vec<Option<String>> = vec![None; all.len()];
    let mut taken = std::collections::HashSet::new();
    for (h, p) in all.iter().enumerate() {
        if p.years.len() >= 2 {
            let base = page_name(p.code.as_deref(), &p.name);
            let name = (1..).map(|k| if k == 1 { base.clone() } else { format!("{base}-{k}") }).find(|n| !taken.contains(n)).unwrap_or(base);
            taken.insert(name.clone());
            pages[h] = Some(name);
        }
    }
    let listed = |h: usize, year: u16| {
        let y = all[h].years.iter().find(|y| y.year == year)?;
        Some(Listed { name: y.name.clone(), year, index: y.index, history: pages[h].clone() })
    };
    let has = |h: usize, year: u16| all[h].years.iter().any(|y| y.year == year);
    let turnover = tracked
        .windows(2)
        .map(|pair| {
            let ((before, old), (after, new)) = (&pair[0], &pair[1]);
            Turnover {
                before: *before,
                after: *after,
                appeared: new.iter().filter(|&&h| !has(h, *before)).filter_map(|&h| listed(h, *after)).collect(),
                disappeared: old.iter().filter(|&&h| !has(h, *after)).filter_map(|&h| listed(h, *before)).collect(),
            }
        })
        .collect();
    let histories = all.iter().zip(pages).filter_map(|(p, n)| n.map(|page| ProjectHistory { page, ..p.clone() })).collect();
    UnitProjects { histories, turnover }
}

/// The page name of a project history, before any collision suffix: the
/// 项目代码 when it is plain ASCII (letters, digits, `-`, `_`; at most 64),
/// else `p-` + 12 hex digits of the SHA-256 of the 项目代码 or, without one,
/// the 项目名称 — so it does not move when other projects come or go.
pub fn page_name(code: Option<&str>, name: &str) -> String {
    let code = code.map(str::trim).filter(|c| !c.is_empty());
    if let Some(c) = code.filter(|c| c.len() <= 64 && c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_')) {
        return c.to_string();
    }
    let hash = crate::digest::sha256_hex(code.unwrap_or(name).as_bytes());
    format!("p-{}", &hash[..12])
}

#[cfg(test)]
mod tests {
    use super::page_name;

    #[test]
    fn a_page_is_named_by_its_code_or_a_hash_that_does_not_depend_on_other_projects() {
        assert_eq!(page_name(Some(" 11010224T000100001 "), "社区养老（001）"), "11010224T000100001");
        let by_name = page_name(None, "社区养老（001）");
        assert!(by_name.starts_with("p-") && by_name.len() == 14, "{by_name}");
        assert_eq!(by_name, page_name(Some(""), "社区养老（001）"), "an empty code counts as none");
        assert_ne!(by_name, page_name(None, "社区养老（002）"));
        let odd = page_name(Some("京财〔2024〕1号"), "甲");
        assert!(odd.starts_with("p-") && odd != page_name(None, "甲"), "a code that is not plain ASCII is hashed, itself");
    }
}
