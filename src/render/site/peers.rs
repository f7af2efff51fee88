//! 单位比较 — the site-wide comparison pages, from `analytics::peers`:
//! `peers/index.html` (each unit's “三公”经费 from its first year to its last,
//! ranked; the tracked projects below 60% 执行率, each linking to its page;
//! links to each year and each 区), `peers/<year>/index.html` (per figure a
//! chart of the units, largest first, with the median marked, beside the
//! ranked table with per-resident and per-staff amounts, then the units far
//! from the median and why), and the same below `peers/district-<n>/` for
//! each 区 two or more units share. Every table has its CSV and xlsx file.

use rust_decimal::Decimal;

use super::trends::{GAP, value_text, year_project_route};
use crate::analytics::Measure;
use crate::analytics::peers::{Figure, LOW_RATE, OUTLIER_MIN_UNITS, OUTLIER_POINTS, OUTLIER_RATIO, OUTLIER_SCORE, Outlier, Ranking, Scope, YearPeers};
use crate::error::Result;
use crate::model::Site;
use crate::number::format::money2;
use crate::render::Page;
use crate::render::chart;
use crate::render::format::esc;
use crate::render::page::{ReportPage, SiteInfo, crumb, link};
use crate::render::route::Route;
use crate::render::view::{Block, Cell, Crumb, Frame, Row, Section, Table};

/// The folder of the site's comparison pages.
const FOLDER: &str = "peers";

/// The route of the site's comparison page, when the site has one (two units or more).
pub fn index_route(info: &SiteInfo) -> Option<Route> {
    info.trends.peers.site.as_ref().map(|_| Route::site(FOLDER))
}

/// Where one scope's pages sit, what its tables' ids start with, and what it is called.
struct Place<'a> {
    folder: String,
    id: String,
    /// “单位比较” or “北京市西城区单位比较”.
    title: String,
    region: Option<&'a str>,
}

impl Place<'_> {
    fn index(&self) -> Route {
        Route::site(&self.folder)
    }

    fn year(&self, year: u16) -> Route {
        Route::site(&format!("{}/{year}", self.folder))
    }

    /// 首页 › 单位比较 (› 区) from the page at `here`.
    fn crumbs(&self, here: &Route, last: bool) -> Vec<Crumb> {
        let mut out = vec![link("首页", here, &Route::index())];
        let site = Route::site(FOLDER);
        match self.region {
            Some(region) => {
                out.push(link("单位比较", here, &site));
                out.push(if last { crumb(region, None) } else { link(region, here, &self.index()) });
            }
            None => out.push(if last { crumb("单位比较", None) } else { link("单位比较", here, &site) }),
        }
        out
    }
}

/// Every comparison page of the site (none for a site of one unit).
pub fn pages(info: &SiteInfo) -> Result<Vec<Page>> {
    let peers = &info.trends.peers;
    let Some(all) = &peers.site else { return Ok(vec![]) };
    let site_place = Place { folder: FOLDER.into(), id: "all".into(), title: "单位比较".into(), region: None };
    let places: Vec<Place> = peers
        .districts
        .iter()
        .enumerate()
        .map(|(n, d)| {
            let region = d.region.as_deref().unwrap_or_default();
            Place { folder: format!("{FOLDER}/district-{}", n + 1), id: format!("d{}", n + 1), title: format!("{region}单位比较"), region: Some(region) }
        })
        .collect();
    let districts: Vec<(String, Route)> = places.iter().map(|p| (p.title.clone(), p.index())).collect();
    let mut out = scope_pages(info, &site_place, all, &districts)?;
    for (place, scope) in places.iter().zip(&peers.districts) {
        out.extend(scope_pages(info, place, scope, &[])?);
    }
    Ok(out)
}

fn frame(info: &SiteInfo, place: &Place, here: &Route, title: String, crumbs: Vec<Crumb>) -> Frame {
    Frame { region: place.region.map(str::to_string), ..info.frame(here, title, crumbs) }
}

fn prose(text: &str) -> Block {
    Block::Prose(format!("<p>{}</p>", esc(text)))
}

/// A list of links, as prose.
fn links(items: &[(String, String)]) -> Block {
    let li: String = items.iter().map(|(text, href)| format!("<li><a href=\"{}\">{}</a></li>", esc(href), esc(text))).collect();
    Block::Prose(format!("<ul>{li}</ul>"))
}

/// The index page of a scope and its year pages.
fn scope_pages(info: &SiteInfo, place: &Place, scope: &Scope, districts: &[(String, Route)]) -> Result<Vec<Page>> {
    let site = info.site;
    let here = place.index();
    let names: Vec<&str> = scope.units.iter().map(|&u| site.units[u].profile.short_name.as_str()).collect();
    let mut intro = format!("本页把{}个单位放在一起比较：{}。", names.len(), names.join("、"));
    intro.push_str("数字都取自各单位当年公开的报告，金额统一折算为万元；某单位某年度没有公开的数字不参加比较，也不按零计算。");
    let year_links: Vec<(String, String)> =
        scope.years.iter().map(|y| (format!("{}年度：{}项指标", y.year, y.rankings.len()), here.href_to(&place.year(y.year)))).collect();
    let mut overview = vec![prose(&intro)];
    if year_links.is_empty() {
        overview.push(prose("没有哪一个年度有两个以上单位公开同一项指标，暂无逐年比较。"));
    } else {
        overview.push(prose("按年度比较支出合计、财政拨款、基本支出和项目支出、“三公”经费、机关运行经费、重点项目预算执行率和绩效评价得分，每项按大小排名并标出中位数（最新年度在前）："));
        overview.push(links(&year_links));
    }
    let mut sections = vec![Section { id: "years".into(), title: "各年度比较".into(), blocks: overview }];
    sections.push(three_public_section(site, &here, place, scope));
    sections.push(low_rate_section(site, &here, place, scope));
    if !districts.is_empty() {
        let items: Vec<(String, String)> = districts.iter().map(|(title, to)| (title.clone(), here.href_to(to))).collect();
        sections.push(Section {
            id: "districts".into(), title: "按区比较".into(), blocks: vec![prose("同一个区的单位另有比较页面："), links(&items)]
        });
    }
    let title = place.title.clone();
    let page = ReportPage::plain(frame(info, place, &here, title.clone(), place.crumbs(&here, true)), title, vec![], sections);
    let mut out = page.pages(here.path())?;
    for y in &scope.years {
        out.extend(year_page(info, place, y)?);
    }
    Ok(out)
}

/// 各单位“三公”经费的变化: first year with the figure → last, the largest rise first.
fn three_public_section(site: &Site, here: &Route, place: &Place, scope: &Scope) -> Section {
    let money = Measure::Money(crate::number::MoneyUnit::TenThousandYuan);
    let unit_cell = |u: usize| Cell::link(&here.href_to(&Route::unit(&site.units[u].slug)), &site.units[u].profile.short_name);
    let mut rows: Vec<Row> = scope
        .three_public
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let gaps: Vec<String> = c.gaps.iter().map(|y| format!("{y}年")).collect();
            let note = if gaps.is_empty() { "—".to_string() } else { format!("{}{GAP}，不计入", gaps.join("、")) };
            Row {
                head: unit_cell(c.unit),
                cells: vec![
                    Cell::number((i + 1).to_string()),
                    Cell::text(&format!("{}年", c.first.0)),
                    Cell::number(money2(c.first.1)),
                    Cell::text(&format!("{}年", c.last.0)),
                    Cell::number(money2(c.last.1)),
                    Cell::number(signed(c.change, money)),
                    c.change_pct.map_or_else(|| Cell::text("—"), |p| Cell::number(format!("{}%", signed(p, Measure::Percent)))),
                    Cell::text(&note),
                ],
                total: false,
            }
        })
        .collect();
    rows.extend(scope.three_public_once.iter().map(|c| Row {
        head: unit_cell(c.unit),
        cells: vec![
            Cell::text("—"),
            Cell::text(&format!("{}年", c.first.0)),
            Cell::number(money2(c.first.1)),
            Cell::text("—"),
            Cell::text("—"),
            Cell::text("—"),
            Cell::text("—"),
            Cell::text(&format!("仅{}年有数据，无法比较", c.first.0)),
        ],
        total: false,
    }));
    let mut blocks = vec![prose(
        "每个单位从第一个公开“三公”经费的年度到最后一个公开的年度，比较两年的决算数，按增加额从多到少排名；中间没有公开的年度写明“未公开”，不按零计算。",
    )];
    if let Some(top) = scope.three_public.first().filter(|c| c.change > Decimal::ZERO) {
        blocks.push(prose(&format!(
            "增加最多的是{}：{}年{}万元，{}年{}万元，增加{}万元。",
            site.units[top.unit].profile.short_name,
            top.first.0,
            money2(top.first.1),
            top.last.0,
            money2(top.last.1),
            money2(top.change)
        )));
    }
    let without: Vec<&str> = scope
        .units
        .iter()
        .filter(|u| !scope.three_public.iter().chain(&scope.three_public_once).any(|c| c.unit == **u))
        .map(|&u| site.units[u].profile.short_name.as_str())
        .collect();
    if !without.is_empty() {
        blocks.push(prose(&format!("没有公开“三公”经费的单位：{}。", without.join("、"))));
    }
    if !rows.is_empty() {
        blocks.push(Block::Table(Table {
            id: format!("{}-three-public-change", place.id),
            caption: format!("{}：各单位“三公”经费首末年度比较（万元）", place.title),
            cols: ["单位", "排名", "首个年度", "首个年度金额（万元）", "最后年度", "最后年度金额（万元）", "增减额（万元）", "增减率", "说明"]
                .map(String::from)
                .to_vec(),
            rows,
        }));
    }
    Section { id: "three-public".into(), title: "“三公”经费历年变化".into(), blocks }
}

/// 执行率低于60%的重点项目, each linking to its page in its year's 绩效跟踪.
fn low_rate_section(site: &Site, here: &Route, place: &Place, scope: &Scope) -> Section {
    let limit = value_text(LOW_RATE, Measure::Percent);
    let mut blocks = vec![prose(&format!("各单位绩效跟踪报告中执行率低于{limit}的重点跟踪项目，最新年度在前；点击项目名称查看该项目当年的页面。"))];
    if scope.low_rates.is_empty() {
        blocks.push(prose(&format!("没有执行率低于{limit}的重点跟踪项目。")));
    } else {
        let rows = scope
            .low_rates
            .iter()
            .map(|l| {
                let unit = &site.units[l.unit];
                Row {
                    head: Cell::link(&here.href_to(&year_project_route(&unit.slug, l.year, l.index)), &l.name),
                    cells: vec![Cell::text(&unit.profile.short_name), Cell::text(&format!("{}年", l.year)), Cell::number(value_text(l.rate, Measure::Percent))],
                    total: false,
                }
            })
            .collect();
        blocks.push(Block::Table(Table {
            id: format!("{}-low-rates", place.id),
            caption: format!("{}：执行率低于{limit}的重点跟踪项目", place.title),
            cols: ["项目", "单位", "年度", "执行率"].map(String::from).to_vec(),
            rows,
        }));
    }
    Section { id: "low-rates".into(), title: format!("执行率低于{limit}的项目"), blocks }
}

/// A change with its sign, to two decimals.
fn signed(v: Decimal, measure: Measure) -> String {
    super::trends::signed(crate::number::round_half_up(v, 2), measure)
}

/// A value as shown on the comparison pages (money with two decimals).
fn shown(v: Decimal, measure: Measure) -> String {
    match measure {
        Measure::Money(_) => money2(v),
        other => value_text(v, other),
    }
}

/// The page of one year: a section per figure.
fn year_page(info: &SiteInfo, place: &Place, y: &YearPeers) -> Result<Vec<Page>> {
    let here = place.year(y.year);
    let title = format!("{}（{}年度）", place.title, y.year);
    let mut crumbs = place.crumbs(&here, false);
    crumbs.push(crumb(format!("{}年度", y.year), None));
    let mut sections = vec![Section { id: "about".into(), title: "怎样读这一页".into(), blocks: vec![prose(&about_text())] }];
    sections.extend(y.rankings.iter().map(|r| ranking_section(info.site, &here, place, y.year, r)));
    let page = ReportPage::plain(frame(info, place, &here, title.clone(), crumbs), title, vec![], sections);
    page.pages(here.path())
}

/// How the ranking, the median and the outliers are made, in plain words.
fn about_text() -> String {
    format!(
        "每项指标只比较当年公开了这项数字的单位，从大到小排名；中位数是排在正中间的数（单位数为双数时取中间两个数的平均数），图中竖线、表中“中位数”一行标出它的位置。\
         金额统一折算为万元；单位信息写明常住人口或实有人数的，另列每位常住居民（元）和每名实有人员（万元）的金额。\
         有{OUTLIER_MIN_UNITS}个及以上单位时，金额超过中位数的{OUTLIER_RATIO}倍或不到中位数一半的、执行率与中位数相差{OUTLIER_POINTS}个百分点以上的、得分与中位数相差{OUTLIER_SCORE}分以上的单位列为“明显偏离中位数”，并写明原因；这只提示差别，不代表对错。"
    )
}

/// A value with its unit (`1,234.00万元`, `45.20%`, `88.5分`).
fn with_unit(v: Decimal, measure: Measure) -> String {
    match measure {
        Measure::Percent => value_text(v, measure),
        other => format!("{}{}", shown(v, other), other.label()),
    }
}

/// Why a unit is far from the median, in a sentence.
fn why(name: &str, figure: Figure, o: &Outlier, median: Decimal) -> String {
    let m = figure.measure();
    let (v, md, what) = (with_unit(o.value, m), with_unit(median, m), figure.name());
    let times = crate::number::round_half_up(o.distance, 2).normalize();
    match m {
        Measure::Money(_) if o.above => format!("{name}{what}{v}，是中位数{md}的{times}倍。"),
        Measure::Money(_) => format!("{name}{what}{v}，不到中位数{md}的一半（是中位数的{times}倍）。"),
        _ => {
            let (word, gap) = if o.above { ("高", o.distance) } else { ("低", -o.distance) };
            format!("{name}{what}{v}，比中位数{md}{word}{}{}。", crate::number::round_half_up(gap, 2).normalize(), m.change_label())
        }
    }
}

/// One figure of one year: the chart with the median line beside the ranked table, then the outliers.
fn ranking_section(site: &Site, here: &Route, place: &Place, year: u16, r: &Ranking) -> Section {
    let m = r.figure.measure();
    let u = m.label();
    let name = |unit: usize| site.units[unit].profile.short_name.as_str();
    let per_resident = r.entries.iter().any(|e| e.per_resident.is_some());
    let per_staff = r.entries.iter().any(|e| e.per_staff.is_some());
    let mut cols = vec!["单位".to_string(), "排名".to_string(), format!("{}（{u}）", r.figure.name()), "与中位数相比".to_string()];
    if per_resident {
        cols.push("每位常住居民（元）".into());
    }
    if per_staff {
        cols.push("每名实有人员（万元）".into());
    }
    let head = |v: Option<Decimal>| v.map_or_else(|| Cell::text("未填报"), |v| Cell::number(money2(v)));
    let mut rows = vec![];
    let mut rank = 0;
    let mut median_written = false;
    for (i, e) in r.entries.iter().enumerate() {
        if !median_written && e.value <= r.median {
            rows.push(median_row(r, per_resident, per_staff));
            median_written = true;
        }
        if i == 0 || r.entries[i - 1].value != e.value {
            rank = i + 1;
        }
        let far = r.outliers.iter().any(|o| o.unit == e.unit);
        let compared = match e.value.cmp(&r.median) {
            std::cmp::Ordering::Greater => "高于中位数",
            std::cmp::Ordering::Less => "低于中位数",
            std::cmp::Ordering::Equal => "等于中位数",
        };
        let mut cells =
            vec![Cell::number(rank.to_string()), Cell::number(shown(e.value, m)), Cell::text(&format!("{compared}{}", if far { "（明显偏离）" } else { "" }))];
        if per_resident {
            cells.push(head(e.per_resident));
        }
        if per_staff {
            cells.push(head(e.per_staff));
        }
        let unit = &site.units[e.unit];
        rows.push(Row { head: Cell::link(&here.href_to(&Route::year(&unit.slug, year)), &unit.profile.short_name), cells, total: false });
    }
    let id = format!("{}-{year}-{}", place.id, r.figure.id());
    let table = Table { id: id.clone(), caption: format!("{}{year}年度各单位{}（{u}）", place.region.unwrap_or_default(), r.figure.name()), cols, rows };
    let items: Vec<(String, Decimal, String)> = r.entries.iter().map(|e| (name(e.unit).to_string(), e.value, with_unit(e.value, m))).collect();
    let words: Vec<String> = items.iter().map(|(n, _, t)| format!("{n}{t}")).collect();
    let median = with_unit(r.median, m);
    let chart_title = format!("{year}年度各单位{}", r.figure.name());
    let desc = format!("{chart_title}，从高到低：{}；中位数{median}", words.join("；"));
    let (first, last) = (&items[0], &items[items.len() - 1]);
    let message = format!("最高的是{}（{}），最低的是{}（{}），中位数为{median}", first.0, first.2, last.0, last.2);
    let svg = chart::median_bars(&format!("{id}-chart"), &chart_title, &items, r.median, message, &desc).sourced("各单位当年公开的报告");
    let mut blocks = vec![Block::Chart { svg, table }];
    if r.entries.len() < OUTLIER_MIN_UNITS {
        blocks.push(prose(&format!("只有{}个单位公开了这项数字，不判断是否明显偏离中位数。", r.entries.len())));
    } else if r.outliers.is_empty() {
        blocks.push(prose("没有明显偏离中位数的单位。"));
    } else {
        let li: String = r.outliers.iter().map(|o| format!("<li>{}</li>", esc(&why(name(o.unit), r.figure, o, r.median)))).collect();
        blocks.push(Block::Prose(format!("<p>明显偏离中位数的单位：</p><ul>{li}</ul>")));
    }
    Section { id: r.figure.id().to_string(), title: r.figure.name().to_string(), blocks }
}

/// The 中位数 row of a ranking table.
fn median_row(r: &Ranking, per_resident: bool, per_staff: bool) -> Row {
    let mut cells = vec![Cell::text("—"), Cell::number(shown(r.median, r.figure.measure())), Cell::text("—")];
    cells.extend(std::iter::repeat_with(|| Cell::text("—")).take(per_resident as usize + per_staff as usize));
    Row { head: Cell::text("中位数"), cells, total: true }
}
