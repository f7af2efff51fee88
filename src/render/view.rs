//! View types shared by page templates: breadcrumbs, the page frame, tables,
//! and figures rendered with their 核验提示.

use rust_decimal::Decimal;

use super::format::esc;
use super::route::Route;
use crate::check::Code;
use crate::check::{Diagnostic, Verdict};
use crate::derive::{Origin, Shown};
use crate::number::format::{money, money2, percent};

/// A breadcrumb: label and link (none for the current page).
pub struct Crumb {
    pub label: String,
    pub href: Option<String>,
}

/// What every page shares: where the site root is, title, breadcrumbs, footer.
pub struct Frame {
    /// Relative path to the site root ("", "../", "../../" …).
    pub root: String,
    pub title: String,
    pub site_title: String,
    pub crumbs: Vec<Crumb>,
    pub publisher: String,
    pub data_date: Option<String>,
    pub contact: Option<String>,
    /// The unit's 所属地区 (`region` of its unit.toml) on its own pages, named in the footer.
    pub region: Option<String>,
    pub footer_html: String,
    pub generator: String,
    /// The footer's identifiers that are set (承办单位, 网站标识码, ICP备案号, 公网安备案号).
    pub identity: Vec<super::publication::Pair>,
    /// 党政机关标识: the image's link from this page, when set.
    pub emblem: Option<String>,
    /// The site has 单项定额: only then does the header link 单项定额一览.
    pub norms: bool,
    /// 网站标志 (`look.logo`): the image's link from this page, when set.
    pub logo: Option<String>,
    /// The stylesheets linked after `style.css`, from this page: the
    /// site's colours (`static/look.css`, when `[look]` sets one) and its
    /// extra stylesheet (`look.css`).
    pub styles: Vec<String>,
    /// The header partial (`_header.md`) as HTML, links made from this page.
    pub header_html: String,
}

/// A table cell: its HTML, the same content as plain text with its
/// 核验提示 apart, and whether it is a number (right-aligned). The page
/// shows `html`; the CSV download and the search index read `text` and
/// `notes`, so a table and its CSV are made from the same cell.
pub struct Cell {
    /// What the page shows.
    pub html: String,
    /// The same as plain text: the figure as shown (`39,985.83`, `—` when
    /// not reported), without the `*` marker or screen-reader words.
    pub text: String,
    /// The 核验提示 of the cell as plain text (`核验提示：舍入差异，计算值 …`).
    pub notes: Vec<String>,
    /// A number: right-aligned on the page, thousands separators dropped in the CSV.
    pub num: bool,
    /// A row header that is a 科目 of a 部门决算公开表: the xlsx download
    /// writes its code in a 科目编码 column and its name indented by level.
    pub subject: Option<Subject>,
}

/// A 科目 as a row header (科目编码, 科目名称, level), for the xlsx download.
#[derive(Clone)]
pub struct Subject {
    /// 科目编码 (`2010101`), if the row has one.
    pub code: Option<String>,
    /// 科目名称 as published.
    pub name: String,
    /// 1 = 类 (or a top line), 2 = 款, 3 = 项.
    pub level: u8,
}

impl Cell {
    /// Plain text, escaped on the page.
    pub fn text(s: &str) -> Cell {
        Cell { html: esc(s), text: s.to_string(), notes: vec![], num: false, subject: None }
    }
    /// A number written as plain text (`12`, `100%`, `1.50`).
    pub fn number(s: impl Into<String>) -> Cell {
        let text = s.into();
        Cell { html: esc(&text), text, notes: vec![], num: true, subject: None }
    }
    /// Some HTML and the same content as plain text.
    pub fn markup(html: String, text: impl Into<String>) -> Cell {
        Cell { html, text: text.into(), notes: vec![], num: false, subject: None }
    }
    /// A link: `text` (escaped) to `href`.
    pub fn link(href: &str, text: &str) -> Cell {
        Cell::markup(format!("<a href=\"{}\">{}</a>", esc(href), esc(text)), text)
    }
    /// The same cell, right-aligned as a number.
    pub fn numeric(self) -> Cell {
        Cell { num: true, ..self }
    }
    /// The same cell inside `open`…`close` markup (its text unchanged).
    pub fn within(self, open: &str, close: &str) -> Cell {
        Cell { html: format!("{open}{}{close}", self.html), ..self }
    }
    /// This cell followed by `more`: its HTML, text and notes.
    pub fn append(&mut self, more: Cell) {
        self.html.push_str(&more.html);
        self.text.push_str(&more.text);
        self.notes.extend(more.notes);
    }
}

impl From<&str> for Cell {
    /// Plain text (a row header such as `合计`).
    fn from(s: &str) -> Cell {
        Cell::text(s)
    }
}

impl From<String> for Cell {
    /// Plain text (a row header such as `本年收入`).
    fn from(s: String) -> Cell {
        Cell { html: esc(&s), text: s, notes: vec![], num: false, subject: None }
    }
}

/// A table row: a row header and cells; `total` marks 合计/小计 rows.
pub struct Row {
    /// The row header (项目, 科室, 类别…).
    pub head: Cell,
    pub cells: Vec<Cell>,
    pub total: bool,
}

/// A data table with a caption that names the unit.
pub struct Table {
    pub id: String,
    pub caption: String,
    /// Column headers, the first one heading the row-header column.
    pub cols: Vec<String>,
    pub rows: Vec<Row>,
}

/// How a figure is formatted.
#[derive(Clone, Copy)]
pub enum Fmt {
    Money,
    Percent,
    /// Magnitude of a change (the word 增加/减少 carries the sign).
    MoneyAbs,
    PercentAbs,
}

/// Renders figures with their verification notes. The first place on a
/// page that shows a disputed figure gets the anchor `fig-<diagnostic>`, which
/// the page's own 数据核验 table and the 数据核验 pages link to.
pub struct Figures<'a> {
    pub diagnostics: &'a [Diagnostic],
    /// Resolves where stated figures are written (`data-src="file:line"`).
    map: Option<&'a crate::source::SourceMap>,
    /// The data files as written, which name a stated figure's field
    /// (`data-field`, shown by the reviewer view).
    documents: Option<&'a crate::model::document::Documents>,
    anchored: std::cell::RefCell<std::collections::BTreeSet<usize>>,
    /// The `fig-…` anchors written so far (without `fig-`): those of
    /// `anchored` and of narratives' disputed figures. Shared with the
    /// [`YearCx`](super::page::YearCx) that made these figures, which gives
    /// them to the page it adds next (the 数据核验 pages link to them).
    written: Anchors,
    /// The page whose 数据核验 table holds the `#check-N` rows ("" = this page).
    checks_at: String,
    /// On a report page: the page itself and the unit/year's 数据核验 page,
    /// which bound figures of its narratives link to.
    report_page: Option<(Route, Route)>,
    /// Every prose figure of the run: the disputed ones of a narrative are
    /// marked on its report page ([`super::marked`]).
    prose: &'a [crate::prose::ProseFigure],
}

impl<'a> Figures<'a> {
    pub fn new(diagnostics: &'a [Diagnostic], map: &'a crate::source::SourceMap) -> Self {
        Figures {
            diagnostics,
            map: Some(map),
            documents: None,
            anchored: Default::default(),
            written: Anchors::default(),
            checks_at: String::new(),
            report_page: None,
            prose: &[],
        }
    }

    /// The same figures, naming each stated figure's field from `documents`.
    pub fn with_documents(self, documents: &'a crate::model::document::Documents) -> Self {
        Figures { documents: Some(documents), ..self }
    }

    /// The same figures, recording the anchors they write in `written`.
    pub fn writing_to(self, written: Anchors) -> Self {
        Figures { written, ..self }
    }

    /// For a report page `here`, whose narratives' bound figures link to
    /// the unit/year's 数据核验 page `checks`.
    /// The path of the report page these figures are on, if they are on one.
    pub fn page_path(&self) -> Option<String> {
        self.report_page.as_ref().map(|(here, _)| here.path())
    }

    pub fn on_report_page(self, here: Route, checks: Route) -> Self {
        Figures { report_page: Some((here, checks)), ..self }
    }

    /// The same figures, with the prose figures of the run (正文数字).
    pub fn with_prose(self, prose: &'a [crate::prose::ProseFigure]) -> Self {
        Figures { prose, ..self }
    }

    /// For pages below a report (a project page) whose notes point at the
    /// report's 数据核验 rows.
    pub fn checks_at(self, page: String) -> Self {
        Figures { checks_at: page, ..self }
    }

    /// ` data-src="file:line"` for a stated figure, and ` data-field="…"`
    /// when its data file names its field (both shown by the reviewer view).
    fn src(&self, s: &Shown) -> String {
        match (self.map, s.src) {
            (Some(m), Some(span)) if span != crate::source::Span::default() => {
                let l = m.locate(span);
                let field = self.documents.and_then(|d| d.field_at(span)).map_or(String::new(), |f| format!(" data-field=\"{}\"", esc(&f)));
                match l.cell {
                    Some(cell) => format!(" data-src=\"{}!{}\"{field}", esc(&l.file), esc(&cell)),
                    None => format!(" data-src=\"{}:{}\"{field}", esc(&l.file), l.line),
                }
            }
            _ => String::new(),
        }
    }

    /// ` id="fig-…"` the first time diagnostic `i` is shown on this page.
    fn anchor(&self, i: usize) -> String {
        if !self.anchored.borrow_mut().insert(i) {
            return String::new();
        }
        self.written.add(&self.diagnostics[i].anchor);
        format!(" id=\"fig-{}\"", self.diagnostics[i].anchor)
    }

    /// Diagnostics shown (and anchored) on this page so far.
    pub fn anchored(&self) -> std::collections::BTreeSet<usize> {
        self.anchored.borrow().clone()
    }

    /// The figure as HTML: the value (stated as written, computed rounded),
    /// a marker when computed, and a visible 核验提示 when disputed.
    pub fn html(&self, s: &Shown, fmt: Fmt) -> String {
        self.cell(s, fmt).html
    }

    /// The figure as a number cell: its HTML as [`Figures::html`] writes
    /// it, its text and its 核验提示.
    pub fn cell(&self, s: &Shown, fmt: Fmt) -> Cell {
        let Some(v) = s.value else {
            let html = "<span class=\"nr\" title=\"原文未填报\"><span aria-hidden=\"true\">—</span><span class=\"sr-only\">未填报</span></span>";
            return Cell::markup(html.to_string(), "—").numeric();
        };
        let stated = s.origin == Origin::Stated;
        let text = self.value_text(v, stated, fmt);
        self.wrap(s, &text, fmt)
    }

    /// `text` (a figure as plain text, e.g. `450元/份`) as a number cell,
    /// with the computed marker and the 核验提示 of `s`'s verdict.
    pub fn wrap(&self, s: &Shown, text: &str, fmt: Fmt) -> Cell {
        let shown = esc(text);
        let body = match s.origin {
            Origin::Computed => format!("<span class=\"computed\">{shown}<sup aria-hidden=\"true\">*</sup><span class=\"sr-only\">（计算值）</span></span>"),
            _ if s.src.is_some() && self.map.is_some() => format!("<span class=\"src\"{}>{shown}</span>", self.src(s)),
            _ => shown,
        };
        let cell = Cell::markup(body, text).numeric();
        match &s.verdict {
            Verdict::Ok | Verdict::Unchecked => cell,
            Verdict::ZeroBase { diagnostic } => self.disputed(cell, "error", "分母为零，这个比率无从计算".to_string(), *diagnostic),
            Verdict::Rounding { computed, diagnostic } | Verdict::Mismatch { computed, diagnostic } => {
                let error = matches!(s.verdict, Verdict::Mismatch { .. });
                let computed_text = match fmt {
                    Fmt::Percent => format!("{}%", crate::number::round_half_up(*computed, 4).normalize()),
                    Fmt::PercentAbs => format!("{}%", crate::number::round_half_up(computed.abs(), 4).normalize()),
                    Fmt::Money => money2(*computed),
                    Fmt::MoneyAbs => money2(computed.abs()),
                };
                let (cls, word) = if error { ("error", "与计算不符") } else { ("rounding", "舍入差异") };
                self.disputed(cell, cls, format!("{word}，计算值 {computed_text}"), *diagnostic)
            }
        }
    }

    /// `cell` marked as disputed by diagnostic `diagnostic`: its value with
    /// the 核验提示 `note` (class `cls`: `error` or `rounding`) and the link to
    /// its row on the 数据核验 page; the note also goes to the cell's text notes.
    fn disputed(&self, mut cell: Cell, cls: &str, note: String, diagnostic: usize) -> Cell {
        cell.html = format!(
            "<span class=\"disputed {cls}\"{}><span class=\"val\">{}</span><span class=\"verify-note {cls}\"><strong>核验提示</strong>：{note}（<a href=\"{}#check-{}\">核验详情</a>）</span></span>",
            self.anchor(diagnostic),
            cell.html,
            self.checks_at,
            self.diagnostics[diagnostic].anchor
        );
        cell.notes.push(format!("核验提示：{note}"));
        cell
    }

    /// 核验提示 for diagnostics about a field that is not a recomputed
    /// figure (a unit of measure, a price above its norm), by field path:
    /// a cell of notes only, to [append](Cell::append) to the field's cell.
    pub fn field_notes(&self, file: &str, field: &str) -> Cell {
        let mut notes = Cell::markup(String::new(), "");
        for (i, d) in
            self.diagnostics.iter().enumerate().filter(|(_, d)| d.file == file && d.field == field && d.code != Code::Figure && d.code != Code::Rounding)
        {
            let (cls, word) = match d.code {
                Code::NormExcess => ("rounding", "超出定额"),
                _ if d.severity == crate::check::Severity::Error => ("error", "不一致"),
                _ => ("rounding", "提示"),
            };
            notes.html.push_str(&format!(
                "<span class=\"verify-note {cls}\"{}><strong>核验提示</strong>：{word}——{}（<a href=\"{}#check-{}\">核验详情</a>）</span>",
                self.anchor(i),
                esc(d.public_message()),
                self.checks_at,
                d.anchor
            ));
            notes.notes.push(format!("核验提示：{word}——{}", d.public_message()));
        }
        notes
    }

    /// The 数据核验 table of one source file: every diagnostic with stated,
    /// computed, formula and source line; rows are the targets of the notes,
    /// and link back to the figure where this page shows it.
    pub fn checks_table(&self, file: &str) -> Option<Table> {
        let anchored = self.anchored();
        let mut mine: Vec<(usize, &Diagnostic)> = self.diagnostics.iter().enumerate().filter(|(_, d)| d.file == file).collect();
        errors_first(&mut mine);
        let rows: Vec<Row> = mine
            .into_iter()
            .map(|(i, d)| {
                let place = if anchored.contains(&i) {
                    Cell::markup(format!("<a href=\"#fig-{}\">查看该数字</a>", d.anchor), "查看该数字")
                } else {
                    Cell::text("")
                };
                public_row(d, place)
            })
            .collect();
        (!rows.is_empty()).then(|| Table {
            id: "checks-table".into(),
            caption: "数据核验结果（原文数字与重新计算结果的比较）".into(),
            cols: ["结论", "说明（含公式）", "原文", "计算值", "原文位置", "位置"].map(String::from).to_vec(),
            rows,
        })
    }

    fn value_text(&self, v: Decimal, stated: bool, fmt: Fmt) -> String {
        match fmt {
            Fmt::Money if stated => money(v),
            Fmt::Money => money2(v),
            Fmt::MoneyAbs if stated => money(v.abs()),
            Fmt::MoneyAbs => money2(v.abs()),
            Fmt::Percent => percent(v, stated),
            Fmt::PercentAbs => percent(v.abs(), stated),
        }
    }
}

/// Where a diagnostic is, as the 数据核验 page shows it: `file:line`, or
/// `file!sheet!cell` in a workbook.
fn location(d: &Diagnostic) -> String {
    match &d.cell {
        Some(cell) => format!("{}!{cell}", d.file),
        None => format!("{}:{}", d.file, d.line),
    }
}

/// The 来源 cell of a 数据核验 page: `file:line` (or `file!sheet!cell`) and field.
fn source_cell(d: &Diagnostic) -> Cell {
    Cell::markup(format!("<code>{}</code><br><code>{}</code>", esc(&location(d)), esc(&d.field)), format!("{} {}", location(d), d.field))
}

/// Errors first, then warnings, each in the order found (the 数据核验 tables).
pub fn errors_first<T: std::borrow::Borrow<Diagnostic>>(items: &mut [(usize, T)]) {
    items.sort_by_key(|(_, d)| d.borrow().severity != crate::check::Severity::Error);
}

/// The 结论 cell: its label, the target `#check-…` of the notes, with its
/// severity (`data-severity="error"` or `"warning"`).
fn conclusion(d: &Diagnostic) -> Cell {
    let severity = if d.severity == crate::check::Severity::Error { "error" } else { "warning" };
    Cell::markup(format!("<span id=\"check-{}\" data-severity=\"{severity}\">{}</span>", d.anchor, label(d)), label(d))
}

/// A row of a report page's 数据核验 table, for citizens: the public
/// message and the figure's place in the original document (原文位置); its
/// data file, line and field only in the reviewer view (`.rv`, shown by
/// the 审核模式 switch).
fn public_row(d: &Diagnostic, place: Cell) -> Row {
    let original = super::place::original(d);
    let reviewer = format!("{} {}", location(d), d.field);
    Row {
        head: conclusion(d),
        cells: vec![
            Cell::text(d.public_message()),
            Cell::number(d.stated.as_deref().unwrap_or("")),
            Cell::number(d.computed.as_deref().unwrap_or("")),
            Cell::markup(
                format!("{}<span class=\"rv\"> <code>{}</code> <code>{}</code></span>", esc(&original), esc(&location(d)), esc(&d.field)),
                format!("{original} {reviewer}"),
            ),
            place,
        ],
        total: false,
    }
}

/// A row of a 数据核验 page (for reviewers): 结论, 单位, 年度, 报告 (`whose`),
/// 说明, 原文, 计算值, 来源 file:line and field, and where the figure is shown.
pub fn diagnostic_row(d: &Diagnostic, whose: [Cell; 3], place: Cell) -> Row {
    let mut cells: Vec<Cell> = whose.into_iter().collect();
    cells.extend([
        Cell::text(&d.message),
        Cell::number(d.stated.as_deref().unwrap_or("")),
        Cell::number(d.computed.as_deref().unwrap_or("")),
        source_cell(d),
        place,
    ]);
    Row { head: conclusion(d), cells, total: false }
}

/// The table of a 数据核验 page.
pub fn diagnostics_table(id: &str, caption: String, rows: Vec<Row>) -> Table {
    let cols = ["结论", "单位", "年度", "报告", "说明（含公式）", "原文", "计算值", "来源", "位置"];
    Table { id: id.into(), caption, cols: cols.map(String::from).to_vec(), rows }
}

/// The 结论 of a diagnostic in the 数据核验 table.
fn label(d: &Diagnostic) -> &'static str {
    match (d.severity, d.code) {
        (_, Code::NormExcess) => "超出定额",
        (_, Code::NormUnit) => "计量单位不一致",
        (_, Code::LeftoverPlaceholder) => "模板占位符",
        (_, Code::ZeroBase) => "分母为零",
        (crate::check::Severity::Error, _) => "错误",
        _ => "舍入差异",
    }
}

/// One block of a section.
pub enum Block {
    Prose(String),
    /// Prose whose headings or glossary terms carry an id.
    Marked(Marked),
    Table(Table),
    /// A chart (with its title, message and 资料来源) and the table that
    /// carries the same figures.
    Chart {
        svg: super::chart::Chart,
        table: Table,
    },
}

impl Block {
    /// The block's table (of a chart too), if it has one.
    pub fn table(&self) -> Option<&Table> {
        match self {
            Block::Table(t) | Block::Chart { table: t, .. } => Some(t),
            Block::Prose(_) | Block::Marked(_) => None,
        }
    }

    /// The block's prose as HTML (a narrative, a paragraph, marked prose), if it is prose.
    pub fn prose_html(&self) -> Option<&str> {
        match self {
            Block::Prose(html) => Some(html),
            Block::Marked(m) => Some(&m.html),
            _ => None,
        }
    }

    /// The block's headings and terms with an id, if it has any.
    pub fn marked(&self) -> Option<&Marked> {
        match self {
            Block::Marked(m) => Some(m),
            _ => None,
        }
    }

    /// A heading `<hN id="…">` (`level` 2–4) followed by the prose `rest`
    /// (HTML), the heading also kept as data for the search index.
    pub fn heading(level: u8, id: &str, text: &str, rest: &str) -> Block {
        let html = format!("<h{level} id=\"{}\">{}</h{level}>{rest}", esc(id), esc(text));
        Block::Marked(Marked { html, headings: vec![Heading { level, id: id.to_string(), text: text.to_string() }], terms: vec![] })
    }

    /// A glossary list (专业名词解释) of `(term, definition HTML)`, each term
    /// with the id `term-<term>`, the terms also kept as data for the search index.
    pub fn glossary<'t>(entries: impl Iterator<Item = (&'t str, String)>) -> Block {
        let (mut items, mut terms) = (String::new(), vec![]);
        for (name, definition) in entries {
            let id = format!("term-{name}");
            items.push_str(&format!("<dt id=\"{}\">{}</dt><dd>{definition}</dd>", esc(&id), esc(name)));
            terms.push(Term { id, text: name.to_string() });
        }
        Block::Marked(Marked { html: format!("<dl class=\"glossary\">{items}</dl>"), headings: vec![], terms })
    }
}

/// Prose whose headings or glossary terms have ids: its HTML, and the same
/// headings and terms as data — what the search index lists of it, so the
/// index never reads the HTML back. Made by [`Block::heading`] and
/// [`Block::glossary`].
pub struct Marked {
    /// What the page shows (inside a `<div class="prose">`).
    pub html: String,
    /// Its headings with an id.
    pub headings: Vec<Heading>,
    /// Its glossary terms (名词) with an id.
    pub terms: Vec<Term>,
}

/// A heading a page gives an id (a section title, a 成本绩效分析 part title).
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// 2–4, for `<h2>`–`<h4>`.
    pub level: u8,
    /// The fragment that leads to it.
    pub id: String,
    /// Its text.
    pub text: String,
}

/// A glossary term (名词) a page gives an id.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// The fragment that leads to it (`term-<name>`).
    pub id: String,
    /// The term.
    pub text: String,
}

pub struct Section {
    pub id: String,
    pub title: String,
    pub blocks: Vec<Block>,
}

/// The `fig-…` anchors (without `fig-`) written on a page, shared between
/// the [`Figures`] that write them and the code that adds the page.
#[derive(Clone, Default)]
pub struct Anchors(std::rc::Rc<std::cell::RefCell<std::collections::BTreeSet<String>>>);

impl Anchors {
    /// Note that `anchor` was written.
    pub fn add(&self, anchor: &str) {
        self.0.borrow_mut().insert(anchor.to_string());
    }

    /// The anchors written since the last `take`.
    pub fn take(&self) -> std::collections::BTreeSet<String> {
        std::mem::take(&mut *self.0.borrow_mut())
    }
}

/// A key figure card for the 摘要.
pub struct Card {
    pub label: String,
    pub value: String,
    pub note: String,
}

/// The narrative files of `report` placed in `section`, as prose blocks,
/// on the report page `figures` are [on](Figures::on_report_page).
pub fn narratives_for<'n>(
    narratives: &'n [crate::model::Narrative],
    report: &'n str,
    section: &'n str,
    figures: &'n Figures<'n>,
) -> impl Iterator<Item = Block> + 'n {
    narratives.iter().filter(move |n| n.front.report.value == report && n.front.section.value == section).map(move |n| {
        let marked = super::marked::segments(n, figures.map, figures.prose);
        let segments = marked.as_deref().unwrap_or(&n.segments);
        let html = match &figures.report_page {
            _ if segments.is_empty() => super::markdown::to_html(&n.body),
            Some((here, checks)) => {
                let (html, anchors) = super::markdown::segments_to_html(segments, here, checks);
                anchors.iter().for_each(|a| figures.written.add(a));
                html
            }
            None => unreachable!("narratives are shown on report pages, whose Figures are on_report_page"),
        };
        Block::Prose(format!("<div class=\"narrative\"><h3>{}</h3>{}</div>", esc(&n.front.title), html))
    })
}

/// The 数据核验 section of a report page: every diagnostic of its file.
pub fn checks_section(f: &Figures, file: &str) -> Section {
    let blocks = match f.checks_table(file) {
        Some(t) => vec![
            Block::Prose("<p>下表列出本报告中每一个与重新计算结果不一致的数字，“原文位置”指出它在原报告中的位置。“舍入差异”指差额可由输入数字的四舍五入或截断解释；“错误”指差额无法由舍入解释；“超出定额”指单价高于所引单项定额；“计量单位不一致”指同一数字在不同处按不同计量单位书写。</p>".into()),
            Block::Table(t),
        ],
        None => vec![Block::Prose("<p>本报告所有可推算的数字均与重新计算的结果一致。</p>".into())],
    };
    Section { id: "checks".into(), title: "数据核验".into(), blocks }
}
