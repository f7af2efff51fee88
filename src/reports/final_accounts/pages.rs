//! The 部门决算 page, in the seed's order: prose sentences built from the
//! derived figures (with their 核验提示), tables beside every chart, and the
//! narrative files placed in their sections.

use crate::derive::{Change, Shown};
use crate::model::Narrative;
use crate::number::format::{change_words, money, percent};
use crate::render::chart::{self, Datum};
use crate::render::format::esc;
use crate::render::markdown;
use crate::render::view::{Block, Card, Cell, Figures, Fmt, Row, Section, Table, narratives_for};
use crate::reports::final_accounts::derive::*;
use crate::reports::final_accounts::model::FinalAccounts;

/// What the 部门决算 page's writers share: the figures (to mark each with its verdict), the money unit (万元/元) and the year.
struct FinalAccountsPageContext<'a> {
    /// The page's figures and how to mark their verdicts.
    figures: Figures<'a>,
    /// The 金额单位 (money unit) label: 万元 or 元.
    unit: &'static str,
    /// The 年度 (year) the accounts are for.
    year: u16,
}

impl FinalAccountsPageContext<'_> {
    /// A 金额 (money amount) as HTML, with its verdict mark.
    fn money(&self, s: &Shown) -> String {
        self.figures.html(s, Fmt::Money)
    }
    /// A 百分比 (percentage) as HTML, with its verdict mark.
    fn percent(&self, s: &Shown) -> String {
        self.figures.html(s, Fmt::Percent)
    }
    /// "比上年减少1,170.82万元，下降2.84%" from a change.
    fn change_phrase(&self, c: &Change, base_word: &str) -> String {
        let Some(v) = c.change.value else { return String::new() };
        let (amount_word, rate_word) = change_words(v);
        let mut s = format!("比{base_word}{amount_word}{}{}", self.figures.html(&c.change, Fmt::MoneyAbs), self.unit);
        if c.change_pct.value.is_some() && !v.is_zero() {
            s.push_str(&format!("，{rate_word}{}", self.figures.html(&c.change_pct, Fmt::PercentAbs)));
        }
        s
    }
    /// "<lead>0.53万元，比2023年度<what>5.17万元减少4.63万元" (三公经费 phrasing).
    fn vs_budget_phrase(&self, lead: &str, what: &str, actual: &Shown, budget: &Shown, change: &Shown) -> String {
        let word = change.value.map(|v| change_words(v).0).unwrap_or("");
        format!(
            "{lead}{}{u}，比{}年度{what}{}{u}{word}{}{u}",
            self.money(actual),
            self.year,
            self.money(budget),
            self.figures.html(change, Fmt::MoneyAbs),
            u = self.unit
        )
    }

    /// A 金额 (money amount) as a numeric table cell.
    fn money_cell(&self, s: &Shown) -> Cell {
        self.figures.cell(s, Fmt::Money)
    }
    /// A 百分比 (percentage) as a numeric table cell.
    fn percent_cell(&self, s: &Shown) -> Cell {
        self.figures.cell(s, Fmt::Percent)
    }
}

fn datum(name: &str, amount: &Shown, share: &Shown, unit: &str) -> Option<Datum> {
    let v = amount.value.filter(|v| v.is_sign_positive() && !v.is_zero())?;
    let share_text = share.value.map(|s| format!("，占{}", percent(s, share.origin == crate::derive::Origin::Stated))).unwrap_or_default();
    Some(Datum { label: name.to_string(), value: v, words: format!("{}{unit}{share_text}", money(v)) })
}

fn composition_section(cx: &FinalAccountsPageContext, c: &CompositionFigures, what: &str, id: &str, chart_title: &str) -> (String, Block) {
    let parts: Vec<String> =
        c.items.iter().map(|i| format!("{}{}{}，占{}的{}", esc(i.name), cx.money(&i.amount), cx.unit, what, cx.percent(&i.share))).collect();
    let prose =
        format!("{}年度本年{}{}{}，{}，其中：{}。", cx.year, what, cx.money(&c.sum_check), cx.unit, cx.change_phrase(&c.totals, "上年"), parts.join("；"));
    let mut rows: Vec<Row> =
        c.items.iter().map(|i| Row { head: Cell::text(i.name), cells: vec![cx.money_cell(&i.amount), cx.percent_cell(&i.share)], total: false }).collect();
    rows.push(Row { head: format!("本年{what}").into(), cells: vec![cx.money_cell(&c.sum_check), Cell::number("100%")], total: true });
    let table = Table {
        id: format!("{id}-table"),
        caption: format!("{}年度{}构成（单位：{}）", cx.year, what.trim_end_matches("合计"), cx.unit),
        cols: vec!["项目".into(), format!("金额（{}）", cx.unit), format!("占{what}比例")],
        rows,
    };
    let data: Vec<Datum> = c.items.iter().filter_map(|i| datum(i.name, &i.amount, &i.share, cx.unit)).collect();
    let left_out: Vec<&str> = c.items.iter().filter(|i| !i.amount.is_positive()).map(|i| i.name).collect();
    let mut title = chart_title.to_string();
    if !left_out.is_empty() {
        title.push_str(&format!("（金额为零或未填报的{}项未制图）", left_out.len()));
    }
    let svg = chart::pie(id, &title, &data);
    (prose, Block::Chart { svg, table })
}

fn functional_table(cx: &FinalAccountsPageContext, f: &FunctionalFigures, id: &str, caption: &str) -> Table {
    let coded = |code: Option<&str>, name: &str| match code {
        Some(code) => format!("{code} {name}"),
        None => name.to_string(),
    };
    let mut rows: Vec<Row> = vec![];
    for c in &f.classes {
        rows.push(Row {
            head: coded(c.code, c.name).into(),
            cells: vec![
                cx.money_cell(&c.vs_budget.current),
                cx.percent_cell(&c.share),
                cx.money_cell(&c.vs_budget.base),
                cx.money_cell(&c.vs_budget.change),
                cx.percent_cell(&c.vs_budget.change_pct),
            ],
            total: false,
        });
        // 款/项 rows, indented under their 类.
        rows.extend(c.details.iter().map(|d| Row {
            head: Cell::from(format!("{}（{}）", coded(d.code, d.name), d.level)).within("<span class=\"indent\">", "</span>"),
            cells: vec![cx.money_cell(&d.amount), Cell::text(""), cx.money_cell(&d.budget), Cell::text(""), Cell::text("")],
            total: false,
        }));
    }
    rows.push(Row {
        head: "合计".into(),
        cells: vec![cx.money_cell(&f.total), Cell::text(""), cx.money_cell(&f.budget_total), Cell::text(""), Cell::text("")],
        total: true,
    });
    Table {
        id: id.to_string(),
        caption: format!("{caption}（单位：{}）", cx.unit),
        cols: vec!["功能分类（类）".into(), "决算数".into(), format!("占{}", f.share_base), "年初预算数".into(), "决算比年初预算增减".into(), "增减率".into()],
        rows,
    }
}

fn class_sentences(cx: &FinalAccountsPageContext, f: &FunctionalFigures) -> Vec<String> {
    f.classes
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut s =
                format!("{}、{}（类）：{}年度决算{}{}", i + 1, esc(c.name.trim_end_matches("（类）")), cx.year, cx.money(&c.vs_budget.current), cx.unit);
            let phrase = cx.change_phrase(&c.vs_budget, &format!("{}年年初预算", cx.year));
            if !phrase.is_empty() {
                s.push('，');
                s.push_str(&phrase);
            }
            s.push('。');
            s
        })
        .collect()
}

fn title_of(id: &str) -> String {
    crate::reports::final_accounts::model::SECTIONS.iter().find(|(i, _)| *i == id).map(|(_, t)| t.to_string()).unwrap_or_default()
}

/// Build the page's sections and summary cards.
pub fn sections(fa: &FinalAccounts, d: &FinalAccountsFigures, figures: Figures, year: u16, narratives: &[Narrative], file: &str) -> (Vec<Card>, Vec<Section>) {
    let cx = FinalAccountsPageContext { figures, unit: d.unit.label(), year };
    let mut out = vec![];

    // 收入支出决算总体情况
    let reason = fa.overview.reason.as_deref().map(|r| format!("主要原因：{}", esc(r))).unwrap_or_default();
    let mut blocks = vec![Block::Prose(format!(
        "<p>{}年度收、支总计{}{}，{}。{reason}</p>",
        year,
        cx.money(&d.overview.current),
        cx.unit,
        cx.change_phrase(&d.overview, "上年")
    ))];
    let (p, chart) = composition_section(&cx, &d.income, "收入合计", "income", &format!("图1：{year}年度收入决算构成"));
    blocks.push(Block::Prose(format!("<h3>（一）收入决算</h3><p>{p}</p>")));
    blocks.push(chart);
    let (p, chart) = composition_section(&cx, &d.expenditure, "支出合计", "expenditure", &format!("图2：{year}年度基本支出和项目支出情况"));
    blocks.push(Block::Prose(format!("<h3>（二）支出决算</h3><p>{p}</p>")));
    blocks.push(chart);
    out.push(Section { id: "overview".into(), title: title_of("overview"), blocks });

    // 财政拨款收入支出决算总体情况
    let mut p = format!("<p>{}年度财政拨款收、支总计{}{}，{}。", year, cx.money(&d.appropriation_parts), cx.unit, cx.change_phrase(&d.appropriation, "上年"));
    if let Some(r) = &fa.appropriation.reason {
        p.push_str(&format!("主要原因：{}", esc(r)));
    }
    p.push_str("</p>");
    out.push(Section { id: "appropriation".into(), title: title_of("appropriation"), blocks: vec![Block::Prose(p)] });

    // 一般公共预算财政拨款支出
    let g = &d.general_budget;
    let mut items: Vec<String> =
        g.classes.iter().map(|c| format!("{}{}{}，占本年财政拨款支出{}", esc(c.name), cx.money(&c.vs_budget.current), cx.unit, cx.percent(&c.share))).collect();
    items.extend(g.also_listed.iter().map(|a| format!("{}{}{}，占本年财政拨款支出{}", esc(a.name), cx.money(&a.amount), cx.unit, cx.percent(&a.share))));
    let mut blocks = vec![Block::Prose(format!(
        "<h3>（一）总体情况</h3><p>{}年度一般公共预算财政拨款支出{}{}，主要用于以下方面（按大类）：{}。</p>",
        year,
        cx.money(&g.total),
        cx.unit,
        items.join("；")
    ))];
    if !g.also_listed.is_empty() {
        blocks.push(Block::Prose(format!(
            "<p class=\"aside\">说明：原文在上句中同时列出了{}，它们不属于一般公共预算，未计入上述合计，列在下面各自的章节中。</p>",
            g.also_listed.iter().map(|a| esc(a.name)).collect::<Vec<_>>().join("、")
        )));
    }
    let groups: Vec<(String, Vec<Option<rust_decimal::Decimal>>)> =
        g.classes.iter().map(|c| (c.name.to_string(), vec![c.vs_budget.current.value, c.vs_budget.base.value])).collect();
    let desc = g
        .classes
        .iter()
        .map(|c| {
            let b = c.vs_budget.base.value.map(|b| format!("年初预算{}{}", money(b), cx.unit)).unwrap_or_else(|| "年初预算未填报".into());
            format!("{}：决算{}{}，{}", c.name, c.vs_budget.current.value.map(money).unwrap_or_default(), cx.unit, b)
        })
        .collect::<Vec<_>>()
        .join("；");
    let svg = chart::grouped_bars(
        "general-budget",
        &format!("图3：{year}年度一般公共预算财政拨款支出决算数与年初预算数（按类）"),
        &["决算数", "年初预算数"],
        &groups,
        cx.unit,
        &desc,
    );
    blocks.push(Block::Chart {
        svg, table: functional_table(&cx, g, "general-budget-table", &format!("{year}年度一般公共预算财政拨款支出（按功能分类·类）"))
    });
    blocks.push(Block::Prose(format!("<h3>（二）具体情况</h3><p>{}</p>", class_sentences(&cx, g).join("</p><p>"))));
    if g.classes.iter().any(|c| c.vs_budget.base.origin == crate::derive::Origin::Computed) {
        blocks.push(Block::Prose("<p class=\"aside\">原文未列出的年初预算数由“决算数 − 比年初预算增减额”推算，带 * 标记。</p>".into()));
    }
    blocks.extend(narratives_for(narratives, "final-accounts", "general-budget", &cx.figures));
    out.push(Section { id: "general-budget".into(), title: title_of("general-budget"), blocks });

    // 政府性基金
    if let Some(gf) = &d.government_fund {
        let items: Vec<String> = gf
            .classes
            .iter()
            .map(|c| format!("{}{}{}，占{}{}", esc(c.name), cx.money(&c.vs_budget.current), cx.unit, gf.share_base, cx.percent(&c.share)))
            .collect();
        let blocks = vec![
            Block::Prose(format!(
                "<h3>（一）总体情况</h3><p>{}年度政府性基金预算财政拨款支出{}{}，主要用于{}。</p>",
                year,
                cx.money(&gf.total),
                cx.unit,
                items.join("；")
            )),
            Block::Table(functional_table(&cx, gf, "government-fund-table", &format!("{year}年度政府性基金预算财政拨款支出（按功能分类·类）"))),
            Block::Prose(format!("<h3>（二）具体情况</h3><p>{}</p>", class_sentences(&cx, gf).join("</p><p>"))),
        ];
        out.push(Section { id: "government-fund".into(), title: title_of("government-fund"), blocks });
    }

    // 国有资本经营
    if let Some((i, e)) = &d.state_capital {
        let p = format!(
            "<p>{}年度国有资本经营预算财政拨款收入总计{}{}，国有资本经营预算财政拨款支出总计{}{}。</p>",
            year,
            cx.money(i),
            cx.unit,
            cx.money(e),
            cx.unit
        );
        out.push(Section { id: "state-capital".into(), title: title_of("state-capital"), blocks: vec![Block::Prose(p)] });
    }

    // 基本支出
    if let Some(b) = &fa.basic_expenditure {
        let gf =
            b.government_fund.as_ref().map(|f| format!("，使用政府性基金财政拨款安排基本支出{}{}", cx.money(&Shown::stated(f)), cx.unit)).unwrap_or_default();
        let mut p = format!("<p>{}年度使用一般公共预算财政拨款安排基本支出{}{}{}。</p>", year, cx.money(&Shown::stated(&b.general_budget)), cx.unit, gf);
        let mut blocks = vec![];
        if !b.categories.is_empty() {
            p.push_str("<p>基本支出按经济分类包括：</p>");
            blocks.push(Block::Prose(p));
            let rows = b
                .categories
                .iter()
                .enumerate()
                .map(|(i, c)| Row {
                    head: format!("（{}）{}", i + 1, c.name).into(),
                    cells: vec![
                        Cell::text(&c.covers),
                        c.amount.as_ref().map_or_else(|| cx.money_cell(&Shown::not_reported()), |a| cx.money_cell(&Shown::stated(a))),
                    ],
                    total: false,
                })
                .collect();
            blocks.push(Block::Table(Table {
                id: "basic-expenditure-table".into(),
                caption: format!("基本支出经济分类构成（单位：{}）", cx.unit),
                cols: vec!["经济分类".into(), "包括".into(), "金额".into()],
                rows,
            }));
        } else {
            blocks.push(Block::Prose(p));
        }
        out.push(Section { id: "basic-expenditure".into(), title: title_of("basic-expenditure"), blocks });
    }

    // 三公经费
    if let Some(t) = &d.three_public {
        let lead = format!("{year}年度“三公”经费财政拨款决算数");
        let mut p = format!("<p>{}。其中：</p><ol>", cx.vs_budget_phrase(&lead, "“三公”经费财政拨款年初预算", &t.actual, &t.budget, &t.change));
        for it in &t.items {
            let lead = format!("{}：{year}年度决算数", esc(it.name));
            p.push_str(&format!("<li>{}。</li>", cx.vs_budget_phrase(&lead, "年初预算数", &it.actual, &it.budget, &it.change)));
        }
        p.push_str("</ol>");
        if let Some(n) = t.note {
            p.push_str(&format!("<p>{}</p>", esc(n)));
        }
        let mut rows: Vec<Row> = t
            .items
            .iter()
            .map(|it| Row {
                head: Cell::text(it.name),
                cells: vec![cx.money_cell(&it.budget), cx.money_cell(&it.actual), cx.money_cell(&it.change)],
                total: false,
            })
            .collect();
        for it in t.items.iter().filter(|i| i.purchase.value.is_some() || i.operation.value.is_some()) {
            rows.push(Row {
                head: format!("其中：{}购置费", it.name.trim_end_matches("购置及运行维护费")).into(),
                cells: vec![Cell::text(""), cx.money_cell(&it.purchase), Cell::text("")],
                total: false,
            });
            rows.push(Row {
                head: format!("其中：{}运行维护费", it.name.trim_end_matches("购置及运行维护费")).into(),
                cells: vec![Cell::text(""), cx.money_cell(&it.operation), Cell::text("")],
                total: false,
            });
        }
        rows.push(Row { head: "合计".into(), cells: vec![cx.money_cell(&t.budget), cx.money_cell(&t.actual), cx.money_cell(&t.change)], total: true });
        let table = Table {
            id: "three-public-table".into(),
            caption: format!("{year}年度“三公”经费财政拨款年初预算与决算（单位：{}）", cx.unit),
            cols: vec!["项目".into(), "年初预算数".into(), "决算数".into(), "决算比预算增减".into()],
            rows,
        };
        out.push(Section { id: "three-public".into(), title: title_of("three-public"), blocks: vec![Block::Prose(p), Block::Table(table)] });
    }

    // 机关运行经费
    if let Some(o) = &d.operating_costs {
        let p = format!(
            "<p>{}年度使用财政拨款安排的基本支出中的日常公用经费支出，合计{}{}，{}。</p>",
            year,
            cx.money(&o.current),
            cx.unit,
            cx.change_phrase(o, "上年")
        );
        let table = Table {
            id: "operating-costs-table".into(),
            caption: format!("机关运行经费（单位：{}）", cx.unit),
            cols: vec!["项目".into(), format!("{year}年"), format!("{}年", year - 1), "增减".into(), "增减率".into()],
            rows: vec![Row {
                head: "机关运行经费".into(),
                cells: vec![cx.money_cell(&o.current), cx.money_cell(&o.base), cx.money_cell(&o.change), cx.percent_cell(&o.change_pct)],
                total: false,
            }],
        };
        out.push(Section { id: "operating-costs".into(), title: title_of("operating-costs"), blocks: vec![Block::Prose(p), Block::Table(table)] });
    }

    // 政府采购
    if let Some(pr) = &d.procurement {
        let p = format!(
            "<p>{}年度政府采购支出总额{}{u}，其中：政府采购货物支出{}{u}，政府采购工程支出{}{u}，政府采购服务支出{}{u}。授予中小企业合同金额{}{u}，占政府采购支出总额的{}，其中：授予小微企业合同金额{}{u}，占政府采购支出总额的{}。</p>",
            year,
            cx.money(&pr.total),
            cx.money(&pr.goods),
            cx.money(&pr.works),
            cx.money(&pr.services),
            cx.money(&pr.sme),
            cx.percent(&pr.sme_share),
            cx.money(&pr.small_micro),
            cx.percent(&pr.small_micro_share),
            u = cx.unit
        );
        let kinds = [("货物", &pr.goods), ("工程", &pr.works), ("服务", &pr.services)];
        let none = Shown::not_reported();
        let data: Vec<Datum> = kinds.iter().filter_map(|(n, a)| datum(n, a, &none, cx.unit)).collect();
        let svg = chart::pie("procurement", &format!("图4：{year}年度政府采购支出构成"), &data);
        let mut rows: Vec<Row> =
            kinds.iter().map(|(n, a)| Row { head: format!("政府采购{n}支出").into(), cells: vec![cx.money_cell(a), Cell::text("")], total: false }).collect();
        rows.push(Row { head: "政府采购支出总额".into(), cells: vec![cx.money_cell(&pr.total), Cell::text("")], total: true });
        rows.push(Row { head: "授予中小企业合同金额".into(), cells: vec![cx.money_cell(&pr.sme), cx.percent_cell(&pr.sme_share)], total: false });
        rows.push(Row {
            head: "其中：授予小微企业合同金额".into(),
            cells: vec![cx.money_cell(&pr.small_micro), cx.percent_cell(&pr.small_micro_share)],
            total: false,
        });
        let table = Table {
            id: "procurement-table".into(),
            caption: format!("{year}年度政府采购支出（单位：{}）", cx.unit),
            cols: vec!["项目".into(), "金额".into(), "占政府采购支出总额".into()],
            rows,
        };
        out.push(Section { id: "procurement".into(), title: title_of("procurement"), blocks: vec![Block::Prose(p), Block::Chart { svg, table }] });
    }

    // 国有资产
    if let Some(a) = &fa.assets {
        let mut p = format!("<p>截止{}，本部门固定资产总额{}{}", esc(&a.as_of), cx.money(&Shown::stated(&a.fixed_assets)), cx.unit);
        if let Some(n) = a.vehicles {
            let note = a.vehicles_note.as_deref().map(|n| format!("（{}）", esc(n))).unwrap_or_default();
            let amount = a.vehicles_amount.as_ref().map(|v| format!("，{}{}", cx.money(&Shown::stated(v)), cx.unit)).unwrap_or_default();
            p.push_str(&format!("，其中：汽车{note}{n}辆{amount}"));
        }
        if let Some(n) = a.large_equipment {
            let amount = a.large_equipment_amount.as_ref().map(|v| format!("，{}{}", cx.money(&Shown::stated(v)), cx.unit)).unwrap_or_default();
            p.push_str(&format!("；单价100万元以上的设备{n}台{amount}"));
        }
        p.push_str("。</p>");
        out.push(Section { id: "assets".into(), title: title_of("assets"), blocks: vec![Block::Prose(p)] });
    }

    // 政府购买服务
    if let Some(s) = &fa.purchased_services {
        let p = format!("<p>{}年度政府购买服务决算{}{}。</p>", year, cx.money(&Shown::stated(&s.amount)), cx.unit);
        out.push(Section { id: "purchased-services".into(), title: title_of("purchased-services"), blocks: vec![Block::Prose(p)] });
    }

    // 民生支出
    let mut blocks: Vec<Block> = vec![];
    if !d.livelihood.is_empty() {
        let rows = d
            .livelihood
            .iter()
            .map(|l| Row {
                head: Cell::text(l.name),
                cells: vec![cx.money_cell(&l.vs_prior.current), cx.money_cell(&l.vs_prior.base), cx.money_cell(&l.vs_prior.change)],
                total: false,
            })
            .collect();
        blocks.push(Block::Table(Table {
            id: "livelihood-table".into(),
            caption: format!("民生支出（单位：{}）", cx.unit),
            cols: vec!["项目".into(), format!("{year}年支出"), format!("{}年支出", year - 1), "比上年增减".into()],
            rows,
        }));
    }
    blocks.extend(narratives_for(narratives, "final-accounts", "livelihood", &cx.figures));
    if !blocks.is_empty() {
        out.push(Section { id: "livelihood".into(), title: title_of("livelihood"), blocks });
    }

    // 专业名词解释
    if !d.glossary.is_empty() {
        let items: String =
            d.glossary.iter().map(|g| format!("<dt id=\"term-{}\">{}</dt><dd>{}</dd>", esc(&g.name), esc(&g.name), markdown::to_html(&g.definition))).collect();
        out.push(Section { id: "glossary".into(), title: title_of("glossary"), blocks: vec![Block::Prose(format!("<dl class=\"glossary\">{items}</dl>"))] });
    }
    let mut blocks: Vec<Block> = fa.tables_note.iter().map(|n| Block::Prose(markdown::to_html(n))).collect();
    blocks.extend(super::tables::pages::blocks(&fa.tables, &d.tables, &cx.figures, cx.unit));
    if !blocks.is_empty() {
        out.push(Section { id: "tables".into(), title: title_of("tables"), blocks });
    }
    // Narrative placed in the remaining sections.
    for s in out.iter_mut() {
        if !matches!(s.id.as_str(), "general-budget" | "livelihood") {
            s.blocks.extend(narratives_for(narratives, "final-accounts", &s.id, &cx.figures));
        }
    }

    out.push(crate::render::view::checks_section(&cx.figures, file));

    let cards = vec![
        Card { label: "收、支总计".into(), value: format!("{}{}", cx.money(&d.overview.current), cx.unit), note: String::new() },
        Card { label: "比上年".into(), value: cx.change_phrase(&d.overview, "上年").trim_start_matches("比上年").to_string(), note: String::new() },
        Card {
            label: "基本支出 / 项目支出".into(),
            value: d.expenditure.items.iter().take(2).map(|i| cx.percent(&i.share)).collect::<Vec<_>>().join(" / "),
            note: "占支出合计".into(),
        },
        Card {
            label: "“三公”经费决算".into(),
            value: d.three_public.as_ref().map(|t| format!("{}{}", cx.money(&t.actual), cx.unit)).unwrap_or_else(|| "未填报".into()),
            note: d.three_public.as_ref().map(|t| format!("年初预算 {}{}", cx.money(&t.budget), cx.unit)).unwrap_or_default(),
        },
    ];
    (cards, out)
}
