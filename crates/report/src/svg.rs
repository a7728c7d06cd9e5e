//! Charts as inline SVG: a line chart over the measurement points and a grouped bar chart.
//! Each chart is an image with a title and a description for screen readers; the numbers
//! are in the table beside it. Lines differ by colour, dash and marker, so a chart printed
//! in black and white still tells them apart.

use crate::html::escape;

const WIDTH: f64 = 560.0;
const HEIGHT: f64 = 300.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 72.0;

/// Colours with at least 3:1 contrast on white, and dash patterns, per series.
const STYLES: [(&str, &str); 6] = [
    ("#1f5fa8", ""),
    ("#b3471b", "6 4"),
    ("#2e7d32", "2 3"),
    ("#6a3d9a", "10 3 2 3"),
    ("#7a5c00", "1 2"),
    ("#333333", "8 2"),
];

/// One series of a chart: its name and a value per category (`None`: no value).
pub struct Series {
    /// The legend's text.
    pub name: String,
    /// The values.
    pub values: Vec<Option<f64>>,
}

/// The y axis: its top and how its tick labels are written.
pub struct Axis {
    /// The largest value on the axis.
    pub max: f64,
    /// Writes a tick's value.
    pub format: fn(f64) -> String,
}

fn y(value: f64, axis: &Axis) -> f64 {
    let plot = HEIGHT - TOP - BOTTOM;
    TOP + plot * (1.0 - (value / axis.max).clamp(0.0, 1.0))
}

fn open(id: &str, title: &str, desc: &str) -> String {
    format!(
        "<svg class=\"chart\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" \
         xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        escape(title),
        escape(desc)
    )
}

fn frame(out: &mut String, categories: &[String], axis: &Axis) {
    for i in 0..=4 {
        let v = axis.max * f64::from(i) / 4.0;
        let yy = y(v, axis);
        out.push_str(&format!(
            "<line x1=\"{LEFT}\" y1=\"{yy:.1}\" x2=\"{:.1}\" y2=\"{yy:.1}\" stroke=\"#d0d0d0\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"11\">{}</text>",
            WIDTH - RIGHT,
            LEFT - 6.0,
            yy + 4.0,
            escape(&(axis.format)(v))
        ));
    }
    let step = (WIDTH - LEFT - RIGHT) / categories.len().max(1) as f64;
    for (i, c) in categories.iter().enumerate() {
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"11\">{}</text>",
            LEFT + step * (i as f64 + 0.5),
            HEIGHT - BOTTOM + 16.0,
            escape(c)
        ));
    }
}

fn legend(out: &mut String, series: &[Series], line: bool) {
    for (i, s) in series.iter().enumerate() {
        let (colour, dash) = STYLES[i % STYLES.len()];
        let (col, row) = (i % 3, i / 3);
        let x = LEFT + 170.0 * col as f64;
        let yy = HEIGHT - 30.0 + 16.0 * row as f64;
        if line {
            out.push_str(&format!(
                "<line x1=\"{x:.1}\" y1=\"{yy:.1}\" x2=\"{:.1}\" y2=\"{yy:.1}\" stroke=\"{colour}\" stroke-width=\"2.5\" stroke-dasharray=\"{dash}\"/>",
                x + 24.0
            ));
        } else {
            out.push_str(&format!(
                "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"24\" height=\"10\" fill=\"{colour}\"/>",
                yy - 5.0
            ));
        }
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\">{}</text>",
            x + 30.0,
            yy + 4.0,
            escape(&s.name)
        ));
    }
}

/// A line per series over the categories (the measurement points), each value marked and
/// labelled.
pub fn lines(
    id: &str,
    title: &str,
    desc: &str,
    categories: &[String],
    series: &[Series],
    axis: &Axis,
) -> String {
    let mut out = open(id, title, desc);
    frame(&mut out, categories, axis);
    let step = (WIDTH - LEFT - RIGHT) / categories.len().max(1) as f64;
    for (i, s) in series.iter().enumerate() {
        let (colour, dash) = STYLES[i % STYLES.len()];
        let points: Vec<(f64, f64, f64)> = s
            .values
            .iter()
            .enumerate()
            .filter_map(|(j, v)| v.map(|v| (LEFT + step * (j as f64 + 0.5), y(v, axis), v)))
            .collect();
        let path: Vec<String> = points
            .iter()
            .map(|(x, yy, _)| format!("{x:.1},{yy:.1}"))
            .collect();
        out.push_str(&format!(
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\" stroke-dasharray=\"{dash}\"/>",
            path.join(" ")
        ));
        for (x, yy, v) in &points {
            out.push_str(&format!(
                "<circle cx=\"{x:.1}\" cy=\"{yy:.1}\" r=\"3.5\" fill=\"{colour}\"/>\
                 <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" fill=\"{colour}\">{}</text>",
                x + 5.0,
                yy - 6.0,
                escape(&(axis.format)(*v))
            ));
        }
    }
    legend(&mut out, series, true);
    out.push_str("</svg>");
    out
}

/// Bars grouped by category, one bar per series, each labelled with its value.
pub fn bars(
    id: &str,
    title: &str,
    desc: &str,
    categories: &[String],
    series: &[Series],
    axis: &Axis,
) -> String {
    let mut out = open(id, title, desc);
    frame(&mut out, categories, axis);
    let step = (WIDTH - LEFT - RIGHT) / categories.len().max(1) as f64;
    let width = (step * 0.8) / series.len().max(1) as f64;
    for (i, s) in series.iter().enumerate() {
        let (colour, _) = STYLES[i % STYLES.len()];
        for (j, v) in s.values.iter().enumerate() {
            let Some(v) = v else { continue };
            let x = LEFT + step * j as f64 + step * 0.1 + width * i as f64;
            let top = y(*v, axis);
            out.push_str(&format!(
                "<rect x=\"{x:.1}\" y=\"{top:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{colour}\"/>\
                 <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"10\">{}</text>",
                (width - 2.0).max(1.0),
                y(0.0, axis) - top,
                x + width / 2.0,
                top - 3.0,
                escape(&(axis.format)(*v))
            ));
        }
    }
    legend(&mut out, series, false);
    out.push_str("</svg>");
    out
}
