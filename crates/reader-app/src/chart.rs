//! An accessible SVG line chart: measures over the measurement points. The SVG has a title
//! and description, every point carries its value in `data-*` attributes, lines break where
//! a value is missing, and each line has its own dash pattern as well as its colour (so
//! colour is never the only difference). A table with the same numbers sits beside each
//! chart (the callers show it).

use leptos::prelude::*;

use crate::texts::{shares, tr};

/// One line: its name, its id for tests and tools, and a value per point (`None`: no value).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub id: String,
    pub name: String,
    pub values: Vec<Option<f64>>,
}

const WIDTH: f64 = 560.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 76.0;
const RIGHT: f64 = 76.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 36.0;
/// Colours with at least 3:1 contrast on white.
const COLOURS: [&str; 8] = [
    "#1f5f5b", "#b8420f", "#5b3f9e", "#1a5fb4", "#7a4b00", "#a4161a", "#2f4f2f", "#4a4a4a",
];
const DASHES: [&str; 8] = ["", "6 3", "2 3", "10 3 2 3", "4 4", "1 2", "12 4", "3 6"];

/// A chart of `lines` over `points` (their titles), on a y axis from 0 to `max`.
#[component]
pub fn LineChart(
    /// The chart's id (its title and description hang off it).
    id: String,
    title: String,
    description: String,
    points: Vec<String>,
    lines: Vec<Line>,
    max: f64,
    /// Decimals of the values in the chart's text.
    decimals: usize,
) -> impl IntoView {
    let n = points.len().max(1);
    let x = move |i: usize| {
        if n == 1 {
            LEFT + (WIDTH - LEFT - RIGHT) / 2.0
        } else {
            LEFT + (WIDTH - LEFT - RIGHT) * i as f64 / (n - 1) as f64
        }
    };
    let y = move |v: f64| TOP + (HEIGHT - TOP - BOTTOM) * (1.0 - (v / max).clamp(0.0, 1.0));
    let ticks: Vec<f64> = (0..=5).map(|i| max * f64::from(i) / 5.0).collect();
    let legend = lines
        .iter()
        .enumerate()
        .map(|(k, line)| {
            let swatch = view! {
                <svg class="swatch" width="28" height="10" aria-hidden="true">
                    <line x1="0" x2="28" y1="5" y2="5" stroke=COLOURS[k % COLOURS.len()] stroke-width="3" stroke-dasharray=DASHES[k % DASHES.len()] />
                </svg>
            };
            (swatch.into_any(), line.name.clone())
        })
        .collect();
    view! {
        <Frame id=id title=title description=description height=HEIGHT legend=legend>
                {ticks
                    .iter()
                    .map(|&t| {
                        view! {
                            <line class="grid" x1=LEFT x2=WIDTH - RIGHT y1=y(t) y2=y(t) />
                            <text class="tick" x=LEFT - 6.0 y=y(t) + 4.0 text-anchor="end">
                                {crate::format::decimal(Some(t), if max > 2.0 { 0 } else { 1 })}
                            </text>
                        }
                    })
                    .collect_view()}
                {points
                    .iter()
                    .enumerate()
                    .map(|(i, p)| {
                        view! {
                            <text class="tick" x=x(i) y=HEIGHT - 12.0 text-anchor="middle">{p.clone()}</text>
                        }
                    })
                    .collect_view()}
                {lines
                    .iter()
                    .enumerate()
                    .map(|(k, line)| {
                        let colour = COLOURS[k % COLOURS.len()];
                        // Runs of consecutive values: a missing value breaks the line.
                        let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
                        for (i, v) in line.values.iter().enumerate() {
                            match v {
                                Some(v) => runs.last_mut().expect("never empty").push((x(i), y(*v))),
                                None => runs.push(Vec::new()),
                            }
                        }
                        view! {
                            <g class="line" data-line=line.id.clone()>
                                {runs
                                    .into_iter()
                                    .filter(|r| r.len() > 1)
                                    .map(|r| {
                                        let d = r.iter().map(|(a, b)| format!("{a:.1},{b:.1}")).collect::<Vec<_>>().join(" ");
                                        view! {
                                            <polyline points=d fill="none" stroke=colour stroke-width="2.5" stroke-dasharray=DASHES[k % DASHES.len()] />
                                        }
                                    })
                                    .collect_view()}
                                {line
                                    .values
                                    .iter()
                                    .enumerate()
                                    .filter_map(|(i, v)| v.map(|v| (i, v)))
                                    .map(|(i, v)| {
                                        view! {
                                            <circle
                                                cx=x(i)
                                                cy=y(v)
                                                r="4"
                                                fill=colour
                                                data-point=i
                                                data-value=v.to_string()
                                            >
                                                <title>{format!("{}, {}: {}", line.name, points[i], crate::format::decimal(Some(v), decimals))}</title>
                                            </circle>
                                        }
                                    })
                                    .collect_view()}
                            </g>
                        }
                    })
                    .collect_view()}
        </Frame>
    }
}

/// What every chart is: a figure with an SVG (`role="img"`, labelled by its title and
/// description) of `height` in a [`WIDTH`]-wide view box holding `children`, and a caption
/// with the title and a legend — each entry a swatch and a name.
#[component]
fn Frame(
    id: String,
    title: String,
    description: String,
    height: f64,
    legend: Vec<(AnyView, String)>,
    children: Children,
) -> impl IntoView {
    view! {
        <figure class="chart">
            <svg
                id=id.clone()
                role="img"
                viewBox=format!("0 0 {WIDTH} {height}")
                aria-labelledby=format!("{id}-title {id}-desc")
            >
                <title id=format!("{id}-title")>{title.clone()}</title>
                <desc id=format!("{id}-desc")>{description}</desc>
                {children()}
            </svg>
            <figcaption>
                <span class="chart-title">{title}</span>
                <ul class="legend">
                    {legend
                        .into_iter()
                        .map(|(swatch, name)| view! { <li>{swatch}{name}</li> })
                        .collect_view()}
                </ul>
            </figcaption>
        </figure>
    }
}

/// One bar of a [`StackedBars`] chart: a statement, with the count and the share (of those
/// who answered) of each step.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub id: String,
    /// The short label left of the bar ("Spm. 1").
    pub label: String,
    /// The whole statement, in each piece's tooltip.
    pub name: String,
    pub counts: Vec<usize>,
    pub shares: Vec<Option<f64>>,
}

/// The steps' colours, from the first step ("Slet ikke") to the last: each with at least
/// 4.5:1 contrast to the white text on it (and so more than 3:1 to the white background).
const STEP_COLOURS: [&str; 5] = ["#9b1c1c", "#b45309", "#4a4a4a", "#1a5fb4", "#1f5f5b"];
const BAR_HEIGHT: f64 = 26.0;
const BAR_GAP: f64 = 12.0;
const BAR_LEFT: f64 = 64.0;
const BAR_RIGHT: f64 = 12.0;

/// A chart of shares: one bar per statement, each split into its steps in scale order (left
/// to right), the pieces separated by white lines and labelled with their percentage where
/// there is room. Every piece carries its step, count and share in `data-*` attributes and a
/// tooltip; a table with the same numbers sits beside it (the callers show it), and the
/// legend names the steps in the same order, so colour is never the only way to tell them
/// apart.
#[component]
pub fn StackedBars(
    /// The chart's id (its title and description hang off it).
    id: String,
    title: String,
    description: String,
    /// The steps' labels, in scale order.
    steps: Vec<String>,
    bars: Vec<Bar>,
) -> impl IntoView {
    let height = BAR_GAP + bars.len() as f64 * (BAR_HEIGHT + BAR_GAP);
    let span = WIDTH - BAR_LEFT - BAR_RIGHT;
    let colour = |k: usize| STEP_COLOURS[k % STEP_COLOURS.len()];
    let legend = steps
        .iter()
        .enumerate()
        .map(|(k, step)| {
            let swatch = view! {
                <svg class="swatch" width="18" height="14" aria-hidden="true">
                    <rect width="18" height="14" fill=colour(k) />
                </svg>
            };
            (swatch.into_any(), step.clone())
        })
        .collect();
    view! {
        <Frame id=id title=title description=description height=height legend=legend>
                {bars
                    .iter()
                    .enumerate()
                    .map(|(row, bar)| {
                        let y = BAR_GAP + row as f64 * (BAR_HEIGHT + BAR_GAP);
                        let mut x = BAR_LEFT;
                        let answered = bar.shares.iter().any(Option::is_some);
                        let pieces = bar
                            .shares
                            .iter()
                            .zip(&bar.counts)
                            .enumerate()
                            .filter_map(|(k, (share, count))| share.map(|s| (k, s, *count)))
                            .filter(|(_, s, _)| *s > 0.0)
                            .map(|(k, share, count)| {
                                let width = share * span;
                                let left = x;
                                x += width;
                                let step = steps.get(k).cloned().unwrap_or_default();
                                let shown = crate::format::percent(Some(share));
                                view! {
                                    <rect
                                        x=format!("{left:.1}")
                                        y=y
                                        width=format!("{width:.1}")
                                        height=BAR_HEIGHT
                                        fill=colour(k)
                                        stroke="#ffffff"
                                        stroke-width="2"
                                        data-step=k
                                        data-count=count
                                        data-share=share.to_string()
                                    >
                                        <title>{format!("{}: {step}: {count} ({shown})", bar.name)}</title>
                                    </rect>
                                    {(share >= 0.1)
                                        .then(|| {
                                            view! {
                                                <text
                                                    class="piece"
                                                    x=format!("{:.1}", left + width / 2.0)
                                                    y=y + BAR_HEIGHT / 2.0 + 4.0
                                                    text-anchor="middle"
                                                    fill="#ffffff"
                                                    aria-hidden="true"
                                                >
                                                    {shown.clone()}
                                                </text>
                                            }
                                        })}
                                }
                            })
                            .collect_view();
                        view! {
                            <g class="bar" data-bar=bar.id.clone()>
                                <text class="tick" x=BAR_LEFT - 6.0 y=y + BAR_HEIGHT / 2.0 + 4.0 text-anchor="end">
                                    {bar.label.clone()}
                                </text>
                                {pieces}
                                {(!answered)
                                    .then(|| {
                                        view! {
                                            <text class="tick" x=BAR_LEFT + 4.0 y=y + BAR_HEIGHT / 2.0 + 4.0>
                                                {tr(shares::NO_ANSWERS)}
                                            </text>
                                        }
                                    })}
                            </g>
                        }
                    })
                    .collect_view()}
        </Frame>
    }
}
