//! Charts as inline SVG, drawn with plotters. Labels and legends are placed
//! with explicit text anchors (plotters guesses text width from UTF-8 bytes,
//! three times too wide for Chinese), and every chart gets `role="img"`, a
//! `<title>` and a `<desc>` that states each value in words. Values reach
//! this module already computed; converting them to `f64` here is geometry,
//! not arithmetic on money.
//!
//! Sized for a phone: every chart is at most [`WIDTH`] SVG units wide with
//! text of 13 units and up, so on a 360 px screen (328 px inside the page's
//! margins) it is shown at full size and no text renders below 13 px. A bar
//! chart puts each label on its own line above its bars; a pie carries no
//! text at all, its legend is HTML beside it (`<ul class="chart-legend">`).
//! On a screen narrower still the stylesheet hides the SVG text and the
//! table beside every chart carries the labels.
//!
//! Each chart comes back as a [`Chart`]: the drawing with its visible title,
//! a one-line message computed from its data ([`message`]) and, set by the
//! report, the place of its figures in the original document (资料来源).

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::format::esc;

pub mod message;

/// A drawn chart and the words shown with it (GOV.UK/ONS practice): a
/// visible title, a one-line message and a 资料来源 line.
#[derive(Debug, Clone)]
pub struct Chart {
    /// The SVG (with `<title>` and `<desc>`), and a pie's HTML legend.
    pub html: String,
    /// The title, shown above the chart (also the SVG's `<title>`).
    pub title: String,
    /// One sentence computed from the chart's data (图表要点), e.g.
    /// “一般公共服务支出最多，占29.33%”; empty when there is nothing to say.
    pub message: String,
    /// Where the figures stand in the original document (原文位置, e.g.
    /// “原文 一般公共预算财政拨款支出决算情况”); empty: the report's original.
    pub source: String,
}

impl Chart {
    /// The chart with its figures' place in the original (资料来源).
    pub fn sourced(mut self, source: impl Into<String>) -> Chart {
        self.source = source.into();
        self
    }
}

/// A chart of `html` titled `title`, with `message`, its source not yet set.
fn chart(html: String, title: &str, message: String) -> Chart {
    Chart { html, title: title.to_string(), message, source: String::new() }
}

/// Okabe–Ito colour-blind-safe palette (black left out for slices).
pub const PALETTE: [RGBColor; 7] = [
    RGBColor(0, 114, 178),   // blue
    RGBColor(230, 159, 0),   // orange
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(204, 121, 167), // reddish purple
    RGBColor(86, 180, 233),  // sky blue
    RGBColor(213, 94, 0),    // vermillion
    RGBColor(240, 228, 66),  // yellow
];

/// One slice or bar: label, value, and the words for `<desc>`.
pub struct Datum {
    pub label: String,
    pub value: Decimal,
    /// e.g. "39,985.83万元，占100%"
    pub words: String,
}

const FONT: &str = "sans-serif";

/// Width in px of a label, counting CJK characters as one em.
fn text_width(s: &str, size: f64) -> f64 {
    s.chars().map(|c| if c.is_ascii() { 0.6 } else { 1.0 }).sum::<f64>() * size
}

/// Put `role`, `aria-labelledby`, `<title>` and `<desc>` into plotters' SVG.
fn accessible(svg: String, id: &str, class: &str, title: &str, desc: &str) -> String {
    // Inline SVG in HTML needs no namespace declaration.
    let svg = svg.replace(" xmlns=\"http://www.w3.org/2000/svg\"", "");
    let open_end = svg.find("<svg").and_then(|s| svg[s..].find('>').map(|e| s + e)).unwrap_or(0);
    let (head, tail) = svg.split_at(open_end);
    format!(
        "{head} role=\"img\" aria-labelledby=\"{id}-t {id}-d\" class=\"{class}\" preserveAspectRatio=\"xMinYMin meet\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>{}",
        esc(title),
        esc(desc),
        &tail[1..]
    )
}

fn describe(title: &str, data: &[Datum]) -> String {
    let parts: Vec<String> = data.iter().map(|d| format!("{}：{}", d.label, d.words)).collect();
    format!("{title}。{}。", parts.join("；"))
}

/// Width of every chart in SVG units: shown 1:1 inside a 360 px screen.
pub const WIDTH: f64 = 320.0;
/// Size of a label (a category, a legend entry), SVG units = px at 360 px.
const LABEL: f64 = 14.0;
/// Size of a value written beside its bar.
const VALUE: f64 = 13.0;
/// plotters writes `font-size` as the style's size ÷ 1.24 (plotters-svg).
const PLOTTERS_FONT: f64 = 1.24;

/// A text style whose `font-size` in the SVG is `px`, anchored at `h`, centred vertically.
fn text_style(px: f64, h: HPos) -> TextStyle<'static> {
    TextStyle::from((FONT, px * PLOTTERS_FONT).into_font()).color(&BLACK).pos(Pos::new(h, VPos::Center))
}

/// `s` cut to fit `width` at `size`, with “…” when cut.
fn fit(s: &str, size: f64, width: f64) -> String {
    if text_width(s, size) <= width {
        return s.to_string();
    }
    let mut out = String::new();
    for c in s.chars() {
        if text_width(&format!("{out}{c}…"), size) > width {
            break;
        }
        out.push(c);
    }
    format!("{out}…")
}

/// A pie chart of positive values, with its legend in HTML below it (a
/// swatch, the label and the value in words per slice). Values that are
/// zero or not reported must be left out by the caller.
pub fn pie(id: &str, title: &str, data: &[Datum]) -> Chart {
    let r = 110.0;
    let size = (2.0 * r + 20.0) as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (size, size)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let sizes: Vec<f64> = data.iter().map(|d| d.value.to_f64().unwrap_or(0.0)).collect();
        let colors: Vec<RGBColor> = (0..data.len()).map(|i| PALETTE[i % PALETTE.len()]).collect();
        let center = ((r + 10.0) as i32, (r + 10.0) as i32);
        if data.len() == 1 {
            let _ = root.draw(&Circle::new(center, r as i32, colors[0].filled()));
        } else if !data.is_empty() {
            let labels: Vec<String> = data.iter().map(|_| String::new()).collect();
            let mut p = Pie::new(&center, &r, &sizes, &colors, &labels);
            p.start_angle(-90.0);
            let _ = root.draw(&p);
        }
        let _ = root.present();
    }
    // plotters writes an empty <text> per slice for the labels it is not given.
    let parts: Vec<&str> = svg.split("></text>").collect();
    let last = parts.len() - 1;
    let svg: String = parts.iter().enumerate().map(|(i, part)| if i < last { part.rfind("<text ").map_or(*part, |at| &part[..at]) } else { part }).collect();
    let legend: String = data
        .iter()
        .enumerate()
        .map(|(i, d)| format!("<li><span class=\"swatch c{}\"></span><span>{}　{}</span></li>", i % PALETTE.len(), esc(&d.label), esc(&d.words)))
        .collect();
    let html = format!("{}<ul class=\"chart-legend\" aria-hidden=\"true\">{legend}</ul>", accessible(svg, id, "chart pie", title, &describe(title, data)));
    let items: Vec<(String, Decimal)> = data.iter().map(|d| (d.label.clone(), d.value)).collect();
    chart(html, title, message::largest_share(&items))
}

/// One bar of a [`Rows`] chart: its value (none: `missing` is written
/// instead), colour and the words written beside it.
struct Bar {
    value: Option<f64>,
    color: RGBColor,
    text: String,
}

/// A bar chart laid out for a narrow screen: a legend line per entry, then
/// per row its label on a line of its own and its bars below, each with its
/// value to the right; an optional reference line (e.g. at 100%).
struct Rows {
    legend: Vec<(RGBColor, String)>,
    rows: Vec<(String, Vec<Bar>)>,
    max: f64,
    reference: Option<(f64, &'static str)>,
}

impl Rows {
    /// Above this many rows of one bar each, a label sits left of its bar
    /// (cut to fit) instead of on a line of its own, so that a long list
    /// stays within a printed sheet; the table beside has the full names.
    const INLINE_ABOVE: usize = 12;

    fn draw(&self) -> String {
        let bar_h = 14.0;
        let line = LABEL + 6.0;
        let inline = self.rows.len() > Self::INLINE_ABOVE && self.rows.iter().all(|(_, bars)| bars.len() == 1);
        let top = line * self.legend.len() as f64 + if self.reference.is_some() { line } else { 4.0 };
        let value_w = self.rows.iter().flat_map(|(_, bars)| bars.iter().map(|b| text_width(&b.text, VALUE))).fold(0.0, f64::max) + 8.0;
        let label_w = if inline { (WIDTH * 0.45).floor() } else { 0.0 };
        let x0 = 2.0 + label_w;
        let plot_w = (WIDTH - x0 - value_w).max(WIDTH / 4.0);
        let row_h = |bars: usize| if inline { line } else { line + (bar_h + 3.0) * bars as f64 + 8.0 };
        let h = top + self.rows.iter().map(|(_, bars)| row_h(bars.len())).sum::<f64>() + 4.0;
        let x_of = |v: f64| x0 + v.max(0.0) / self.max.max(1e-9) * plot_w;
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (WIDTH as u32, h.ceil() as u32)).into_drawing_area();
            let _ = root.fill(&WHITE);
            let style = |size: f64| text_style(size, HPos::Left);
            for (i, (color, text)) in self.legend.iter().enumerate() {
                let y = (line * i as f64 + line / 2.0) as i32;
                let _ = root.draw(&Rectangle::new([(2, y - 6), (14, y + 6)], color.filled()));
                let _ = root.draw(&Text::new(fit(text, LABEL, WIDTH - 22.0), (20, y), style(LABEL)));
            }
            if let Some((at, text)) = self.reference {
                let x = x_of(at) as i32;
                let _ = root.draw(&PathElement::new(vec![(x, (top - 4.0) as i32), (x, h as i32 - 2)], BLACK.stroke_width(1)));
                let _ = root.draw(&Text::new(text, (x - 3, (top - line / 2.0) as i32), text_style(VALUE, HPos::Right)));
            }
            let mut y = top;
            for (label, bars) in &self.rows {
                let (label_room, mut by) = if inline { (label_w - 6.0, y + (line - bar_h) / 2.0) } else { (WIDTH - 4.0, y + line) };
                let label_y = if inline { by + bar_h / 2.0 } else { y + line / 2.0 };
                let _ = root.draw(&Text::new(fit(label, LABEL, label_room), (2, label_y as i32), style(LABEL)));
                for bar in bars {
                    let mid = (by + bar_h / 2.0) as i32;
                    let text_x = match bar.value {
                        Some(v) => {
                            let x1 = x_of(v).max(x0 + 1.0);
                            let _ = root.draw(&Rectangle::new([(x0 as i32, by as i32), (x1 as i32, (by + bar_h) as i32)], bar.color.filled()));
                            // Right of the bar, and clear of the reference line.
                            x1.max(self.reference.map_or(0.0, |(at, _)| x_of(at))) + 4.0
                        }
                        None => x0 + 2.0,
                    };
                    let _ = root.draw(&Text::new(bar.text.clone(), (text_x as i32, mid), style(VALUE)));
                    by += bar_h + 3.0;
                }
                y += row_h(bars.len());
            }
            let _ = root.present();
        }
        svg
    }
}

/// Horizontal bars, one group per category with one bar per series.
/// `series` names the bars in a group (e.g. 决算数, 年初预算数).
pub fn grouped_bars(id: &str, title: &str, series: &[&str], groups: &[(String, Vec<Option<Decimal>>)], unit: &str, desc: &str) -> Chart {
    let max = groups.iter().flat_map(|(_, v)| v.iter().flatten()).filter_map(|d| d.to_f64()).fold(0.0, f64::max);
    let color = |s: usize| PALETTE[s % 3];
    let chart = Rows {
        legend: series.iter().enumerate().map(|(i, s)| (color(i), format!("{s}（{unit}）"))).collect(),
        rows: groups
            .iter()
            .map(|(label, values)| {
                let bars = values
                    .iter()
                    .enumerate()
                    .map(|(s, v)| Bar {
                        value: v.and_then(|v| v.to_f64()),
                        color: color(s),
                        text: v.map_or_else(|| "未填报".to_string(), crate::number::format::money2),
                    })
                    .collect();
                (label.clone(), bars)
            })
            .collect(),
        max,
        reference: None,
    };
    let first: Vec<(String, Decimal)> = groups.iter().filter_map(|(label, v)| Some((label.clone(), (*v.first()?)?))).collect();
    let what = series.first().copied().unwrap_or("金额");
    self::chart(accessible(chart.draw(), id, "chart bars", title, desc), title, message::highest(what, &first, unit))
}

/// Horizontal bars of execution rates (%), one per item, with a reference
/// line at 100%. Items flagged as outliers (0% or above 100%) are drawn in
/// vermillion and labelled, the rest in blue. `what` names the rate in the
/// message (e.g. 支出比例).
pub fn rate_bars(id: &str, title: &str, what: &str, items: &[(String, Option<Decimal>, bool)], desc: &str) -> Chart {
    let max = items.iter().filter_map(|(_, v, _)| v.and_then(|v| v.to_f64())).fold(100.0, f64::max);
    let chart = Rows {
        legend: vec![(PALETTE[5], "未执行（0%）或超过100%".to_string())],
        rows: items
            .iter()
            .map(|(label, v, outlier)| {
                let bar = Bar {
                    value: v.and_then(|d| d.to_f64()),
                    color: if *outlier { PALETTE[5] } else { PALETTE[0] },
                    text: v.map_or_else(|| "无法计算".to_string(), |d| format!("{}%", crate::number::round_half_up(d, 2))),
                };
                (label.clone(), vec![bar])
            })
            .collect(),
        max,
        reference: Some((100.0, "100%")),
    };
    let rates: Vec<(String, Decimal)> = items.iter().filter_map(|(label, v, _)| Some((label.clone(), (*v)?))).collect();
    self::chart(accessible(chart.draw(), id, "chart bars", title, desc), title, message::rate_range(what, &rates))
}

/// Horizontal bars of one amount per item; the highlighted item (the
/// report's own unit) is drawn in vermillion and marked 本单位, the others
/// in blue. A legend says so in words, not only in colour.
pub fn highlight_bars(id: &str, title: &str, items: &[(String, Decimal, bool)], unit: &str, desc: &str) -> Chart {
    let max = items.iter().filter_map(|(_, v, _)| v.to_f64()).fold(0.0, f64::max);
    let chart = Rows {
        legend: vec![(PALETTE[5], "本单位".to_string()), (PALETTE[0], "其他单位".to_string())],
        rows: items
            .iter()
            .map(|(label, v, own)| {
                let shown = if *own { format!("{label}（本单位）") } else { label.clone() };
                let bar = Bar {
                    value: v.to_f64(),
                    color: if *own { PALETTE[5] } else { PALETTE[0] },
                    text: format!("{}{unit}", crate::number::round_half_up(*v, 2)),
                };
                (shown, vec![bar])
            })
            .collect(),
        max,
        reference: None,
    };
    self::chart(accessible(chart.draw(), id, "chart bars", title, desc), title, message::highest_and_own(items, unit))
}

/// Horizontal bars of one value per unit, largest first, with a line at the
/// median labelled 中位数 (the table beside has the median row); `text`
/// is each value as written beside its bar, `message` the chart's 图表要点.
pub fn median_bars(id: &str, title: &str, items: &[(String, Decimal, String)], median: Decimal, message: String, desc: &str) -> Chart {
    let max = items.iter().filter_map(|(_, v, _)| v.to_f64()).fold(median.to_f64().unwrap_or(0.0), f64::max);
    let chart = Rows {
        legend: vec![],
        rows: items.iter().map(|(label, v, text)| (label.clone(), vec![Bar { value: v.to_f64(), color: PALETTE[0], text: text.clone() }])).collect(),
        max,
        reference: median.to_f64().map(|m| (m, "中位数")),
    };
    self::chart(accessible(chart.draw(), id, "chart bars", title, desc), title, message)
}
