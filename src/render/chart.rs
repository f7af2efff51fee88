//! Charts as inline SVG, drawn with plotters. Labels and legends are placed
//! with explicit text anchors (plotters guesses text width from UTF-8 bytes,
//! three times too wide for Chinese), and every chart gets `role="img"`, a
//! `<title>` and a `<desc>` that states each value in words. Values reach
//! this module already computed; converting them to `f64` here is geometry,
//! not arithmetic on money.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::format::esc;

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
fn accessible(svg: String, id: &str, title: &str, desc: &str) -> String {
    // Inline SVG in HTML needs no namespace declaration.
    let svg = svg.replace(" xmlns=\"http://www.w3.org/2000/svg\"", "");
    let open_end = svg.find("<svg").and_then(|s| svg[s..].find('>').map(|e| s + e)).unwrap_or(0);
    let (head, tail) = svg.split_at(open_end);
    format!(
        "{head} role=\"img\" aria-labelledby=\"{id}-t {id}-d\" class=\"chart\" preserveAspectRatio=\"xMinYMin meet\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>{}",
        esc(title),
        esc(desc),
        &tail[1..]
    )
}

fn describe(title: &str, data: &[Datum]) -> String {
    let parts: Vec<String> = data.iter().map(|d| format!("{}：{}", d.label, d.words)).collect();
    format!("{title}。{}。", parts.join("；"))
}

/// A pie chart of positive values with a legend to its right. Values that
/// are zero or not reported must be left out by the caller.
pub fn pie(id: &str, title: &str, data: &[Datum]) -> String {
    let font = 14.0;
    let legend_w = data.iter().map(|d| text_width(&format!("{}  {}", d.label, d.words), font)).fold(0.0, f64::max);
    let r = 90.0;
    let w = (2.0 * r + 60.0 + 30.0 + legend_w).ceil() as u32;
    let h = (2.0 * r + 40.0).max(40.0 + data.len() as f64 * 24.0).ceil() as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let sizes: Vec<f64> = data.iter().map(|d| d.value.to_f64().unwrap_or(0.0)).collect();
        let colors: Vec<RGBColor> = (0..data.len()).map(|i| PALETTE[i % PALETTE.len()]).collect();
        let center = ((r + 20.0) as i32, (h as f64 / 2.0) as i32);
        if data.len() == 1 {
            let _ = root.draw(&Circle::new(center, r as i32, colors[0].filled()));
        } else if !data.is_empty() {
            let labels: Vec<String> = data.iter().map(|_| String::new()).collect();
            let mut p = Pie::new(&center, &r, &sizes, &colors, &labels);
            p.start_angle(-90.0);
            let _ = root.draw(&p);
        }
        let x0 = (2.0 * r + 60.0) as i32;
        let top = (h as f64 / 2.0 - data.len() as f64 * 12.0) as i32;
        for (i, d) in data.iter().enumerate() {
            let y = top + i as i32 * 24;
            let _ = root.draw(&Rectangle::new([(x0, y + 4), (x0 + 14, y + 18)], colors[i].filled()));
            let style = TextStyle::from((FONT, font).into_font()).color(&BLACK).pos(Pos::new(HPos::Left, VPos::Center));
            let _ = root.draw(&Text::new(format!("{}  {}", d.label, d.words), (x0 + 22, y + 11), style));
        }
        let _ = root.present();
    }
    accessible(svg, id, title, &describe(title, data))
}

/// Horizontal bars, one group per category with one bar per series.
/// `series` names the bars in a group (e.g. 决算数, 年初预算数).
pub fn grouped_bars(id: &str, title: &str, series: &[&str], groups: &[(String, Vec<Option<Decimal>>)], unit: &str, desc: &str) -> String {
    let font = 13.0;
    let label_w = groups.iter().map(|(l, _)| text_width(l, font)).fold(0.0, f64::max) + 12.0;
    let bar_h = 14.0;
    let group_h = bar_h * series.len() as f64 + 12.0;
    let plot_w = 420.0;
    let value_w = 110.0;
    let legend_h = 30.0;
    let w = (label_w + plot_w + value_w).ceil() as u32;
    let h = (legend_h + group_h * groups.len() as f64 + 10.0).ceil() as u32;
    let max = groups.iter().flat_map(|(_, v)| v.iter().flatten()).filter_map(|d| d.to_f64()).fold(0.0, f64::max).max(1e-9);
    let colors = [PALETTE[0], PALETTE[1], PALETTE[2]];
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let left = TextStyle::from((FONT, font).into_font()).color(&BLACK).pos(Pos::new(HPos::Left, VPos::Center));
        let right = TextStyle::from((FONT, font).into_font()).color(&BLACK).pos(Pos::new(HPos::Right, VPos::Center));
        let mut lx = label_w as i32;
        for (i, s) in series.iter().enumerate() {
            let _ = root.draw(&Rectangle::new([(lx, 8), (lx + 14, 22)], colors[i % 3].filled()));
            let _ = root.draw(&Text::new(format!("{s}（{unit}）"), (lx + 20, 15), left.clone()));
            lx += (text_width(s, font) + text_width(unit, font) + 60.0) as i32;
        }
        let x0 = label_w as i32;
        let _ = root.draw(&PathElement::new(vec![(x0, legend_h as i32), (x0, h as i32 - 6)], BLACK.stroke_width(1)));
        for (g, (label, values)) in groups.iter().enumerate() {
            let gy = legend_h + g as f64 * group_h + 6.0;
            let mid = gy + bar_h * series.len() as f64 / 2.0;
            let _ = root.draw(&Text::new(label.clone(), ((label_w - 8.0) as i32, mid as i32), right.clone()));
            for (s, v) in values.iter().enumerate() {
                let y = (gy + s as f64 * bar_h) as i32;
                match v {
                    Some(v) => {
                        let len = (v.to_f64().unwrap_or(0.0).max(0.0) / max * plot_w) as i32;
                        let _ = root.draw(&Rectangle::new([(x0, y + 1), (x0 + len.max(1), y + bar_h as i32 - 1)], colors[s % 3].filled()));
                        let small = TextStyle::from((FONT, 11.0).into_font()).color(&BLACK).pos(Pos::new(HPos::Left, VPos::Center));
                        let _ = root.draw(&Text::new(crate::number::format::money2(*v), (x0 + len.max(1) + 4, y + (bar_h / 2.0) as i32), small));
                    }
                    None => {
                        let small = TextStyle::from((FONT, 11.0).into_font()).color(&BLACK).pos(Pos::new(HPos::Left, VPos::Center));
                        let _ = root.draw(&Text::new("未填报", (x0 + 4, y + (bar_h / 2.0) as i32), small));
                    }
                }
            }
        }
        let _ = root.present();
    }
    accessible(svg, id, title, desc)
}

/// Horizontal bars of execution rates (%), one per item, with a reference
/// line at 100%. Items flagged as outliers (0% or above 100%) are drawn in
/// vermillion and labelled, the rest in blue.
pub fn rate_bars(id: &str, title: &str, items: &[(String, Option<Decimal>, bool)], desc: &str) -> String {
    let font = 12.0;
    let label_w = items.iter().map(|(l, _, _)| text_width(l, font)).fold(0.0, f64::max).min(360.0) + 12.0;
    let bar_h = 16.0;
    let plot_w = 360.0;
    let top = 30.0;
    let w = (label_w + plot_w + 120.0).ceil() as u32;
    let h = (top + bar_h * items.len() as f64 + 10.0).ceil() as u32;
    let max = items.iter().filter_map(|(_, v, _)| v.and_then(|v| v.to_f64())).fold(100.0, f64::max);
    let x_of = |v: f64| label_w + v.max(0.0) / max * plot_w;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let left = TextStyle::from((FONT, font).into_font()).color(&BLACK).pos(Pos::new(HPos::Left, VPos::Center));
        let right = TextStyle::from((FONT, font).into_font()).color(&BLACK).pos(Pos::new(HPos::Right, VPos::Center));
        let hundred = x_of(100.0) as i32;
        let _ = root.draw(&PathElement::new(vec![(hundred, (top - 6.0) as i32), (hundred, h as i32 - 4)], BLACK.stroke_width(1)));
        let _ = root.draw(&Text::new("100%", (hundred + 4, (top - 14.0) as i32), left.clone()));
        let _ = root.draw(&Rectangle::new([(label_w as i32, 6), (label_w as i32 + 12, 18)], PALETTE[5].filled()));
        let _ = root.draw(&Text::new("未执行（0%）或超过100%", (label_w as i32 + 18, 12), left.clone()));
        for (i, (label, v, outlier)) in items.iter().enumerate() {
            let y = (top + i as f64 * bar_h) as i32;
            let shown: String = label.chars().take(28).collect();
            let _ = root.draw(&Text::new(shown, ((label_w - 6.0) as i32, y + (bar_h / 2.0) as i32), right.clone()));
            let color = if *outlier { PALETTE[5] } else { PALETTE[0] };
            match v.and_then(|d| d.to_f64().map(|r| (d, r))) {
                Some((d, r)) => {
                    let x1 = x_of(r) as i32;
                    let _ = root.draw(&Rectangle::new([(label_w as i32, y + 2), (x1.max(label_w as i32 + 1), y + bar_h as i32 - 2)], color.filled()));
                    // Right of the bar, and clear of the 100% line.
                    let lx = x1.max(label_w as i32 + 1).max(hundred) + 4;
                    let _ = root.draw(&Text::new(format!("{}%", crate::number::round_half_up(d, 2)), (lx, y + (bar_h / 2.0) as i32), left.clone()));
                }
                None => {
                    let _ = root.draw(&Text::new("无法计算", (label_w as i32 + 4, y + (bar_h / 2.0) as i32), left.clone()));
                }
            }
        }
        let _ = root.present();
    }
    accessible(svg, id, title, desc)
}

/// Horizontal bars of one amount per item; the highlighted item (the
/// report's own unit) is drawn in vermillion and marked 本单位, the others
/// in blue. A legend says so in words, not only in colour.
pub fn highlight_bars(id: &str, title: &str, items: &[(String, Decimal, bool)], unit: &str, desc: &str) -> String {
    let font = 13.0;
    let label_w = items.iter().map(|(l, _, own)| text_width(l, font) + if *own { text_width("（本单位）", font) } else { 0.0 }).fold(0.0, f64::max) + 12.0;
    let bar_h = 22.0;
    let plot_w = 380.0;
    let top = 30.0;
    let w = (label_w + plot_w + 130.0).ceil() as u32;
    let h = (top + bar_h * items.len() as f64 + 10.0).ceil() as u32;
    let max = items.iter().filter_map(|(_, v, _)| v.to_f64()).fold(0.0, f64::max).max(1e-9);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let left = TextStyle::from((FONT, font).into_font()).color(&BLACK).pos(Pos::new(HPos::Left, VPos::Center));
        let right = TextStyle::from((FONT, font).into_font()).color(&BLACK).pos(Pos::new(HPos::Right, VPos::Center));
        let x0 = label_w as i32;
        let _ = root.draw(&Rectangle::new([(x0, 6), (x0 + 12, 18)], PALETTE[5].filled()));
        let _ = root.draw(&Text::new("本单位", (x0 + 18, 12), left.clone()));
        let _ = root.draw(&Rectangle::new([(x0 + 90, 6), (x0 + 102, 18)], PALETTE[0].filled()));
        let _ = root.draw(&Text::new("其他单位", (x0 + 108, 12), left.clone()));
        for (i, (label, v, own)) in items.iter().enumerate() {
            let y = (top + i as f64 * bar_h) as i32;
            let shown = if *own { format!("{label}（本单位）") } else { label.clone() };
            let _ = root.draw(&Text::new(shown, (x0 - 6, y + (bar_h / 2.0) as i32), right.clone()));
            let len = ((v.to_f64().unwrap_or(0.0).max(0.0) / max) * plot_w) as i32;
            let color = if *own { PALETTE[5] } else { PALETTE[0] };
            let _ = root.draw(&Rectangle::new([(x0, y + 3), (x0 + len.max(1), y + bar_h as i32 - 3)], color.filled()));
            let _ =
                root.draw(&Text::new(format!("{}{unit}", crate::number::round_half_up(*v, 2)), (x0 + len.max(1) + 4, y + (bar_h / 2.0) as i32), left.clone()));
        }
        let _ = root.present();
    }
    accessible(svg, id, title, desc)
}
