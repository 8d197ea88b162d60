//! The timeline: publication dates of the matching articles as stacked bars
//! per outlet on a count axis, the undated articles in a bar of their own
//! (on its own scale: their share of the results), a legend, and the
//! events lane below.
//!
//! The selected date range is both the filter and the zoom: clicking a bar
//! (or Enter on a focused bar) selects its interval and the axis re-buckets
//! that interval at a finer grain; dragging across bars selects the span
//! they cover; "Zoom out" triples the range around its centre. The two
//! date fields take a typed date when it is complete and valid (Enter or
//! leaving the field), in the user's locale or ISO, clamped to the
//! corpus's publication dates. The bar width (day, week, month, year) is
//! chosen for the range unless the user picks one. From the keyboard the
//! bars are one Tab stop: the arrow keys move between the bars that have
//! articles, Home and End to the first and last.
//!
//! **Coverage view.** With compared queries, or when the share of output
//! is shown, the stacks give way to one line per query (the main one
//! first), each with its palette colour, dash pattern and marker, and a
//! legend naming each query with its total (`dateline_core::coverage`).
//! As shares the y-axis is in percent: matches in the bar over all
//! articles of the filtered outlets (every outlet when none is chosen) in
//! the bar; a bar where they published nothing has no point. The undated
//! bar stays the main query's.
//!
//! The chart is drawn in CSS pixels (its width is measured), so labels,
//! patterns and the 24-pixel event markers keep their size.

use crate::chart::{count_ticks, grain_fits, series, ticks, Series, TickLevel};
use crate::components::compare_queries::{line_class, Coverage};
use crate::components::events_lane::EventsLane;
use crate::components::legend::{series_class, series_name, Legend, SvgPatterns};
use crate::data::{Data, Searched};
use crate::format::{bucket, day, month, parse_date, span, thousands, DateLocale};
use crate::state::Action;
use crate::style::use_width;
use dateline_core::model::Date;
use dateline_core::search::{Request, Results};
use dateline_core::timeline::{zoom_out, Axis, Granularity};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Props of [`Timeline`].
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// The corpus.
    pub data: Rc<Data>,
    /// Current results (histogram, on `axis`).
    pub results: Rc<Results>,
    /// The axis shown: the selected range, or the whole corpus, at the
    /// chosen bar width.
    pub axis: Rc<Option<Axis>>,
    /// Selected date range `[from, to)`.
    pub range: Option<(Date, Date)>,
    /// Mentioned dates of the current results.
    pub events: Rc<Vec<dateline_core::events::Event>>,
    /// The mentioned dates are still being fetched (split layout).
    #[prop_or_default]
    pub events_loading: bool,
    /// Selected mentioned date.
    pub event: Option<Date>,
    /// State updates.
    pub dispatch: Callback<Action>,
    /// Compared queries and the outlets' output.
    #[prop_or_default]
    pub coverage: Rc<Coverage>,
    /// The main query (named in the coverage view's legend).
    #[prop_or_default]
    pub query: String,
    /// Show shares of the outlets' output instead of counts.
    #[prop_or_default]
    pub share: bool,
}

/// A value on the share axis (hundredths of a percent) as text.
fn percent_text(v: u32) -> String {
    let p = f64::from(v) / 100.0;
    if v.is_multiple_of(100) {
        format!("{p:.0}%")
    } else if v.is_multiple_of(10) {
        format!("{p:.1}%")
    } else {
        format!("{p:.2}%")
    }
}

/// A line's marker at `(x, y)`, shape `k` (circle, square, triangles,
/// diamond), as path data.
fn marker(k: usize, x: f64, y: f64) -> String {
    let r = 3.0;
    match k % 5 {
        0 => format!("M{:.1} {y:.1}a{r} {r} 0 1 0 {} 0a{r} {r} 0 1 0 -{} 0z", x - r, 2.0 * r, 2.0 * r),
        1 => format!("M{:.1} {:.1}h{}v{}h-{}z", x - r, y - r, 2.0 * r, 2.0 * r, 2.0 * r),
        2 => format!("M{x:.1} {:.1}l{} {}h-{}z", y - r - 1.0, r + 1.0, 2.0 * r + 1.0, 2.0 * r + 2.0),
        3 => format!("M{x:.1} {:.1}l{a} {a}l-{a} {a}l-{a} -{a}z", y - r - 1.0, a = r + 1.0),
        _ => format!("M{x:.1} {:.1}l{} -{}h-{}z", y + r + 1.0, r + 1.0, 2.0 * r + 1.0, 2.0 * r + 2.0),
    }
}

/// Height of the bars' area, in CSS pixels.
const PLOT_H: f64 = 120.0;
/// Room above the bars (the top count label).
const TOP: f64 = 8.0;
/// Room under the bars (the date labels).
const BOTTOM: f64 = 20.0;
/// Width of the undated bar's area on the right.
const UNDATED_W: f64 = 52.0;
/// Width of the undated bar.
const UNDATED_BAR: f64 = 18.0;
/// Width assumed before the chart is measured.
const FALLBACK_W: f64 = 600.0;

fn day_before(d: Date) -> Date {
    Date::from_days_since_epoch(d.days_since_epoch() - 1)
}

fn day_after(d: Date) -> Date {
    Date::from_days_since_epoch(d.days_since_epoch() + 1)
}

/// Horizontal layout of the chart: the bars from `x0` to `x1`, `slot`
/// pixels per bucket.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    /// Width of the whole chart.
    pub width: f64,
    /// Left edge of the first bucket.
    pub x0: f64,
    /// Pixels per bucket.
    pub slot: f64,
}

/// Focuses the bar with index `i` (an SVG element).
fn focus_bar(i: usize) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(&format!("#timeline .bar[data-i=\"{i}\"]")).ok().flatten())
        .and_then(|el| el.dyn_into::<web_sys::SvgElement>().ok())
    {
        let _ = el.focus();
    }
}

/// The most articles in one bucket of `axis` over the whole corpus (no
/// query, no filter); `None` while the split layout cannot count yet.
fn busiest_bucket(data: &Data, axis: &Option<Axis>) -> Option<u32> {
    let axis = axis.as_ref()?;
    match data.count(&Request::default(), Some(axis.clone())) {
        Searched::Done(r) => {
            let h = &r.histogram;
            (0..axis.starts.len().min(h.counts.len())).map(|i| h.total(i)).max()
        }
        Searched::Pending => None,
    }
}

/// The stacked histogram with its controls.
#[function_component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    // Drag state lives in a ref (pointer events can outrun re-renders); the
    // forced update redraws the brush.
    let drag = use_mut_ref(|| None::<(usize, usize)>);
    let redraw = use_force_update();
    let svg_ref = use_node_ref();
    let chart_ref = use_node_ref();
    let measured = use_width(chart_ref.clone());
    // The bar that holds the Tab stop (roving tabindex).
    let active = use_state_eq(|| None::<usize>);
    let locale = use_memo((), |_| DateLocale::current());
    let field_error = use_state_eq(|| None::<String>);
    // The text of a field whose date was refused (`true`: the "to" field):
    // it stays in the field, to be corrected.
    let draft = use_state_eq(|| None::<(bool, String)>);
    // The busiest bucket of the whole corpus on this axis: the gutter is
    // sized for its label (see `y_gutter`).
    let corpus_busiest = {
        let data = props.data.clone();
        use_memo((props.axis.clone(), props.data.index_version()), move |(axis, _)| busiest_bucket(&data, axis))
    };
    let h = &props.results.histogram;
    let undated = h.undated_total();
    let n_outlets = props.data.outlets.len();
    let stats = props.data.date_stats();
    let Some(axis) = props.axis.as_ref().as_ref() else {
        return html! {
            <div id="timeline" class="timeline" ref={chart_ref}>
                <p class="muted">{"No article has a publication date."}</p>
                <p id="undated" data-count={undated.to_string()}>{format!("{undated} undated")}</p>
            </div>
        };
    };
    let buckets = axis.starts.len().min(h.counts.len());
    if buckets == 0 {
        return html! { <div id="timeline" class="timeline" ref={chart_ref} /> };
    }
    let total = |i: usize| h.total(i);
    let dated: u32 = (0..buckets).map(total).sum();
    // The coverage view's lines: the main query, then the compared ones.
    let share = props.share;
    let lines_mode = share || !props.coverage.compared.is_empty();
    let main_name = if props.query.trim().is_empty() {
        "all articles".to_string()
    } else {
        format!("“{}”", props.query.trim())
    };
    let line_hists: Vec<(String, Option<&dateline_core::timeline::Histogram>)> = std::iter::once((main_name, Some(h)))
        .chain(props.coverage.compared.iter().map(|(q, hh)| (format!("“{}”", q.trim()), hh.as_ref())))
        .collect();
    let output = props.coverage.output.as_ref();
    // Per line and bucket: the count, and the share (hundredths of a %).
    let line_counts: Vec<Option<Vec<u32>>> = line_hists
        .iter()
        .map(|(_, hh)| hh.map(|hh| dateline_core::coverage::series(hh).buckets.into_iter().take(buckets).collect()))
        .collect();
    let line_shares: Vec<Vec<Option<f64>>> = line_hists
        .iter()
        .map(|(_, hh)| match (hh, output) {
            (Some(hh), Some(o)) => dateline_core::coverage::shares(hh, o).into_iter().take(buckets).collect(),
            _ => vec![None; buckets],
        })
        .collect();
    let line_values: Vec<Vec<Option<u32>>> = (0..line_hists.len())
        .map(|k| {
            (0..buckets)
                .map(|i| {
                    if share {
                        line_shares[k].get(i).copied().flatten().map(|p| (p * 100.0).round() as u32)
                    } else {
                        line_counts[k].as_ref().and_then(|c| c.get(i).copied())
                    }
                })
                .collect()
        })
        .collect();
    let max = if lines_mode {
        line_values.iter().flatten().filter_map(|v| *v).max().unwrap_or(0)
    } else {
        (0..buckets).map(total).max().unwrap_or(0)
    };
    let value_text = |v: u32| if share { percent_text(v) } else { thousands(v as usize) };
    let (top, lines) = count_ticks(max, 3);
    let width = if measured > 0.0 { measured } else { FALLBACK_W };
    // Counts never exceed the corpus's own in a bucket, so a gutter as wide
    // as the label of the corpus's busiest bucket fits every query's labels
    // and keeps the bars in place while the user types. (Sized for the
    // current results' top label, it moved every bar, stack, grid line
    // and date label at almost every keystroke: about 60 DOM changes a
    // query at 40k articles.) Shares are percentages: their own label.
    let widest_label = match *corpus_busiest {
        Some(busiest) if !share => value_text(count_ticks(busiest.max(max), 3).0).chars().count(),
        _ => 0,
    };
    let y_gutter = 10.0 + 7.0 * value_text(top).chars().count().max(widest_label) as f64;
    let x1 = (width - UNDATED_W).max(y_gutter + 10.0);
    let slot_w = (x1 - y_gutter) / buckets as f64;
    let frame = Frame { width, x0: y_gutter, slot: slot_w };
    let bar_w = (slot_w - if slot_w > 6.0 { 2.0 } else { 0.5 }).max(0.5);
    let base = TOP + PLOT_H;
    let y_of = |v: f64| base - v / f64::from(top) * PLOT_H;
    let range = props.range;
    // Zooming into a bar: its interval becomes the range (a no-op when it
    // already is the range).
    let zoom_to = {
        let dispatch = props.dispatch.clone();
        move |r: (Date, Date)| {
            if range != Some(r) {
                dispatch.emit(Action::Range(Some(r)))
            }
        }
    };
    let counts: Vec<u32> = (0..buckets).map(total).collect();
    // A bar has something when a line (or the stack) does.
    let has: Vec<bool> = (0..buckets)
        .map(|i| {
            counts[i] > 0 || (lines_mode && line_counts.iter().flatten().any(|c| c.get(i).is_some_and(|&v| v > 0)))
        })
        .collect();
    let non_empty: Vec<usize> = (0..buckets).filter(|&i| has[i]).collect();
    let tab_stop = active.filter(|i| non_empty.contains(i)).or_else(|| non_empty.first().copied());
    let bar = |i: usize| {
        let (start, end) = axis.range(i);
        let count = counts[i];
        let x = y_gutter + i as f64 * slot_w;
        let label = bucket(axis, i);
        let onkeydown = {
            let zoom_to = zoom_to.clone();
            let non_empty = non_empty.clone();
            let active = active.clone();
            Callback::from(move |e: KeyboardEvent| {
                let pos = non_empty.iter().position(|&b| b == i);
                let target = match e.key().as_str() {
                    "Enter" | " " => {
                        e.prevent_default();
                        zoom_to((start, end));
                        return;
                    }
                    "ArrowRight" | "ArrowDown" => pos.map_or(non_empty.first(), |p| non_empty.get(p + 1)),
                    "ArrowLeft" | "ArrowUp" => pos.and_then(|p| p.checked_sub(1)).and_then(|p| non_empty.get(p)),
                    "Home" => non_empty.first(),
                    "End" => non_empty.last(),
                    _ => return,
                };
                e.prevent_default();
                if let Some(&t) = target {
                    active.set(Some(t));
                    focus_bar(t);
                }
            })
        };
        let onfocus = {
            let active = active.clone();
            Callback::from(move |_: FocusEvent| active.set(Some(i)))
        };
        // In the coverage view each query's count (and share) is named.
        let per_line: Vec<String> = line_hists
            .iter()
            .enumerate()
            .map(|(k, (name, _))| {
                let c = line_counts[k].as_ref().and_then(|c| c.get(i).copied());
                let p = line_shares[k].get(i).copied().flatten();
                match (c, share) {
                    (None, _) => format!("{name} loading"),
                    (Some(c), false) => format!("{name} {}", crate::format::count(c as usize, "article", "articles")),
                    (Some(c), true) => format!(
                        "{name} {} ({})",
                        crate::format::count(c as usize, "article", "articles"),
                        p.map_or("no article published".into(), |p| format!("{p:.2}% of the outlets' articles"))
                    ),
                }
            })
            .collect();
        let (aria, tip) = if lines_mode {
            (format!("{label}: {}. Enter zooms in.", per_line.join(", ")), format!("{label}: {}", per_line.join(", ")))
        } else {
            (
                format!("{label}: {} articles. Enter zooms in.", thousands(count as usize)),
                format!("{label}: {}", thousands(count as usize)),
            )
        };
        let values = lines_mode.then(|| {
            line_counts
                .iter()
                .map(|c| c.as_ref().and_then(|c| c.get(i)).map_or("".into(), u32::to_string))
                .collect::<Vec<_>>()
                .join(",")
        });
        let shares_attr = share.then(|| {
            line_shares
                .iter()
                .map(|p| p.get(i).copied().flatten().map_or("".into(), |p| format!("{p:.4}")))
                .collect::<Vec<_>>()
                .join(",")
        });
        html! {
            <g class="bar" data-i={i.to_string()} data-count={count.to_string()} data-label={axis.label(i)}
               data-values={values} data-shares={shares_attr}
               role="button" tabindex={if tab_stop == Some(i) { "0" } else { "-1" }}
               aria-label={aria} {onkeydown} {onfocus}>
                <title>{tip}</title>
                <rect class="hit" x={format!("{x:.1}")} y={TOP.to_string()} width={format!("{slot_w:.2}")} height={PLOT_H.to_string()} />
            </g>
        }
    };
    // The slot (bucket index, fractional) under a pointer position.
    let slot_at = {
        let svg_ref = svg_ref.clone();
        move |client_x: i32| -> Option<f64> {
            let rect = svg_ref.cast::<web_sys::Element>()?.get_bounding_client_rect();
            (rect.width() > 0.0).then(|| {
                let x = (f64::from(client_x) - rect.left()) * width / rect.width();
                ((x - y_gutter) / slot_w).floor()
            })
        }
    };
    // The bucket under the pointer, `None` outside the bars.
    let bucket_at = {
        let slot_at = slot_at.clone();
        move |client_x: i32| slot_at(client_x).filter(|s| *s >= 0.0 && *s < buckets as f64).map(|s| s as usize)
    };
    // The nearest bucket (while dragging past either end).
    let clamp_at = move |client_x: i32| slot_at(client_x).map_or(0, |s| s.clamp(0.0, (buckets - 1) as f64) as usize);
    let onpointerdown = {
        let svg_ref = svg_ref.clone();
        let drag = drag.clone();
        let redraw = redraw.clone();
        let bucket_at = bucket_at.clone();
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 {
                return;
            }
            let Some(b) = bucket_at(e.client_x()) else { return };
            e.prevent_default();
            // Capture on the svg itself: Yew delegates events from the
            // root, so `current_target` is not the svg.
            if let Some(svg) = svg_ref.cast::<web_sys::Element>() {
                let _ = svg.set_pointer_capture(e.pointer_id());
            }
            *drag.borrow_mut() = Some((b, b));
            redraw.force_update();
        })
    };
    let onpointermove = {
        let drag = drag.clone();
        let redraw = redraw.clone();
        let clamp_at = clamp_at.clone();
        Callback::from(move |e: PointerEvent| {
            let current = *drag.borrow();
            if let Some((anchor, last)) = current {
                let b = clamp_at(e.client_x());
                if b != last {
                    *drag.borrow_mut() = Some((anchor, b));
                    redraw.force_update();
                }
            }
        })
    };
    let onpointerup = {
        let drag = drag.clone();
        let redraw = redraw.clone();
        let starts: Vec<(Date, Date)> = (0..buckets).map(|i| axis.range(i)).collect();
        let has = has.clone();
        let zoom_to = zoom_to.clone();
        Callback::from(move |e: PointerEvent| {
            let Some((anchor, _)) = drag.borrow_mut().take() else { return };
            let b = clamp_at(e.client_x());
            let (lo, hi) = (anchor.min(b), anchor.max(b));
            redraw.force_update();
            // A click on an empty bar does nothing; a drag may cross empty
            // bars.
            if lo == hi && !has[lo] {
                return;
            }
            zoom_to((starts[lo].0, starts[hi].1));
        })
    };
    let onpointercancel = {
        let drag = drag.clone();
        let redraw = redraw.clone();
        Callback::from(move |_: PointerEvent| {
            *drag.borrow_mut() = None;
            redraw.force_update();
        })
    };
    let brush = drag.borrow().map(|(a, b)| {
        let (lo, hi) = (a.min(b), a.max(b));
        let x = y_gutter + lo as f64 * slot_w;
        let w = (hi - lo + 1) as f64 * slot_w;
        html! { <rect class="brush" x={format!("{x:.1}")} y={TOP.to_string()} width={format!("{w:.1}")} height={PLOT_H.to_string()} /> }
    });
    // The stacks: one path per series (a rectangle per bucket), far fewer
    // DOM nodes than a rectangle per bucket and outlet. The biggest
    // series is at the bottom.
    let all_series: Rc<Vec<Series>> = Rc::new(series(h, n_outlets));
    let mut paths = vec![String::new(); all_series.len()];
    for i in (0..buckets).filter(|_| !lines_mode) {
        let x = y_gutter + i as f64 * slot_w + (slot_w - bar_w) / 2.0;
        let mut y = base;
        for (k, s) in all_series.iter().enumerate() {
            let c: u32 = s.slots.iter().map(|&slot| h.counts[i].get(slot).copied().unwrap_or(0)).sum();
            if c == 0 {
                continue;
            }
            let hgt = f64::from(c) / f64::from(top) * PLOT_H;
            y -= hgt;
            paths[k].push_str(&format!("M{x:.1} {y:.1}h{bar_w:.2}v{hgt:.1}h-{bar_w:.2}z"));
        }
    }
    let stacks = paths
        .into_iter()
        .zip(all_series.iter())
        .filter(|(d, _)| !d.is_empty())
        .map(|(d, s)| html! { <path class={classes!("stack", series_class(s))} d={d} data-series={series_name(&props.data, s)} /> })
        .collect::<Html>();
    // The coverage view's lines, broken where a value is missing, with a
    // marker per point when the bars are wide enough to tell them apart;
    // the main query's is drawn last, on top.
    let query_lines = lines_mode.then(|| {
        line_values
            .iter()
            .enumerate()
            .rev()
            .map(|(k, vals)| {
                let (mut d, mut marks, mut pen) = (String::new(), String::new(), false);
                for (i, v) in vals.iter().enumerate() {
                    let Some(v) = v else {
                        pen = false;
                        continue;
                    };
                    let x = y_gutter + (i as f64 + 0.5) * slot_w;
                    let y = y_of(f64::from(*v));
                    d.push_str(&format!("{}{x:.1} {y:.1}", if pen { "L" } else { "M" }));
                    pen = true;
                    // Markers on the non-zero points (a row of them along
                    // the baseline would hide one another) and on points
                    // with no neighbour (no line shows them); on wide bars
                    // each query's markers sit a little apart, so equal
                    // values stay visible.
                    let isolated = (i == 0 || vals[i - 1].is_none()) && vals.get(i + 1).is_none_or(Option::is_none);
                    if (*v > 0 || isolated) && (slot_w >= 5.0 || buckets <= 60) {
                        let spread = if slot_w >= 16.0 { 3.5 } else { 0.0 };
                        let dx = (k as f64 - (line_values.len() as f64 - 1.0) / 2.0) * spread;
                        marks.push_str(&marker(k, x + dx, y));
                    }
                }
                html! {
                    <g class={line_class(k)} data-line={k.to_string()}>
                        <path class="qline" d={d} />
                        <path class="qmarks" d={marks} />
                    </g>
                }
            })
            .collect::<Html>()
    });
    let patterned: Vec<usize> = all_series.iter().filter_map(|s| s.entry).collect();
    let other = all_series.iter().any(|s| s.entry.is_none() && !s.unknown);
    // The count axis: gridlines with their values.
    let grid = std::iter::once(0)
        .chain(lines.iter().copied())
        .map(|v| {
            let y = y_of(f64::from(v));
            html! {
                <g class="gridline">
                    <line x1={format!("{:.1}", y_gutter)} x2={format!("{x1:.1}")} y1={format!("{y:.1}")} y2={format!("{y:.1}")} />
                    <text x={format!("{:.1}", y_gutter - 5.0)} y={format!("{:.1}", y + 4.0)} text-anchor="end">{value_text(v)}</text>
                </g>
            }
        })
        .collect::<Html>();
    // Date labels at calendar boundaries.
    let (tick_at, level) = ticks(axis, ((x1 - y_gutter) / 84.0).floor().max(1.0) as usize);
    let x_labels = tick_at
        .iter()
        .map(|&i| {
            let x = y_gutter + i as f64 * slot_w + if tick_at.len() == 1 { slot_w / 2.0 } else { 0.0 };
            let d = axis.starts[i];
            let text = match level {
                TickLevel::Years(_) => d.year.to_string(),
                TickLevel::Months(_) if axis.granularity == Granularity::Week => month(axis.range(i).1.max(d)),
                TickLevel::Months(_) => month(d),
                TickLevel::Weeks | TickLevel::Days => day(d),
            };
            // Labels near the ends stay inside the chart.
            let anchor = if x - y_gutter < 30.0 {
                "start"
            } else if x1 - x < 30.0 {
                "end"
            } else {
                "middle"
            };
            html! {
                <g class="tick">
                    <line x1={format!("{x:.1}")} x2={format!("{x:.1}")} y1={base.to_string()} y2={(base + 4.0).to_string()} />
                    <text x={format!("{x:.1}")} y={(base + 16.0).to_string()} text-anchor={anchor}>{text}</text>
                </g>
            }
        })
        .collect::<Html>();
    // The undated bar, on its own scale: its share of the results.
    let all = dated + undated;
    let uh = if all > 0 { f64::from(undated) / f64::from(all) * PLOT_H } else { 0.0 };
    let ux = width - UNDATED_W / 2.0 - UNDATED_BAR / 2.0;
    let undated_title = if range.is_some() {
        format!("undated: {undated} (a date range leaves undated articles out)")
    } else {
        format!("undated: {} of {} results", thousands(undated as usize), thousands(all as usize))
    };
    let first = bucket(axis, 0);
    let last = bucket(axis, buckets - 1);
    let totals: Vec<Option<(u32, Option<f64>)>> = line_hists
        .iter()
        .map(|(_, hh)| {
            hh.map(|hh| {
                let share = output.and_then(|o| dateline_core::coverage::dated_share(hh, o));
                (dateline_core::coverage::series(hh).total(), share)
            })
        })
        .collect();
    let summary = if lines_mode {
        let each: Vec<String> = line_hists
            .iter()
            .zip(&totals)
            .map(|((name, _), t)| match t {
                Some((n, p)) => format!(
                    "{name}: {}{}",
                    crate::format::count(*n as usize, "article", "articles"),
                    p.map_or(String::new(), |p| format!(", {p:.2}% of the outlets' dated articles"))
                ),
                None => format!("{name}: loading"),
            })
            .collect();
        format!(
            "{} from {first} to {last}, {}: {}.",
            if share { "Share of the outlets' articles" } else { "Articles" },
            if share { "in percent" } else { "per bar" },
            each.join("; ")
        )
    } else {
        format!(
            "{} dated articles from {first} to {last}, {} undated; the busiest bar has {}.",
            thousands(dated as usize),
            thousands(undated as usize),
            thousands(max as usize)
        )
    };
    // The date fields: what is shown, and what a typed date does.
    let (first_pub, last_pub) = (stats.0, stats.1);
    let (field_from, field_to) = match range {
        Some((a, b)) => (Some(a), Some(day_before(b))),
        None => (first_pub, last_pub),
    };
    let apply = {
        let dispatch = props.dispatch.clone();
        let locale = locale.clone();
        let field_error = field_error.clone();
        let draft = draft.clone();
        move |input: web_sys::HtmlInputElement, is_to: bool| {
            let text = input.value();
            let current = if is_to { field_to } else { field_from };
            let Some(typed) = parse_date(text.trim(), &locale, is_to) else {
                field_error.set(Some(format!(
                    "“{}” is not a whole date: type one such as {} or {}.",
                    crate::components::highlighted::cap_words(text.trim(), 30),
                    field_to.or(last_pub).map_or("11 Jan 2021".into(), day),
                    field_to.or(last_pub).map_or("2021-01-11".into(), Date::iso)
                )));
                let _ = input.set_attribute("aria-invalid", "true");
                draft.set(Some((is_to, text)));
                return;
            };
            draft.set(None);
            let _ = input.remove_attribute("aria-invalid");
            // Clamped to the corpus's publication dates.
            let (lo, hi) = match (first_pub, last_pub) {
                (Some(a), Some(b)) => (a, b),
                _ => (typed, typed),
            };
            let clamped = typed.clamp(lo, hi);
            field_error.set((clamped != typed).then(|| {
                format!(
                    "{} is outside the corpus's publication dates ({}): {} is used.",
                    day(typed),
                    span(lo, hi),
                    day(clamped)
                )
            }));
            input.set_value(&day(clamped));
            if current == Some(clamped) {
                return;
            }
            let (mut a, mut b) =
                if is_to { (field_from.unwrap_or(lo), clamped) } else { (clamped, field_to.unwrap_or(hi)) };
            if a > b {
                // The other end follows: a range of one day.
                if is_to {
                    a = b
                } else {
                    b = a
                }
            }
            dispatch.emit(Action::Range(Some((a, day_after(b)))));
        }
    };
    let field = |is_to: bool| {
        let value = if is_to { field_to } else { field_from };
        let shown = value.map(day).unwrap_or_default();
        let refused = draft.as_ref().filter(|(to, _)| *to == is_to);
        let invalid = refused.is_some();
        let text = refused.map_or_else(|| shown.clone(), |(_, t)| t.clone());
        let onkeydown = {
            let apply = apply.clone();
            let shown = shown.clone();
            let field_error = field_error.clone();
            let draft = draft.clone();
            Callback::from(move |e: KeyboardEvent| {
                let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else { return };
                match e.key().as_str() {
                    "Enter" => {
                        e.prevent_default();
                        apply(input, is_to);
                    }
                    // Escape puts the shown date back (and closes nothing else).
                    "Escape" if input.value() != shown => {
                        e.stop_propagation();
                        input.set_value(&shown);
                        let _ = input.remove_attribute("aria-invalid");
                        field_error.set(None);
                        draft.set(None);
                    }
                    _ => {}
                }
            })
        };
        let onblur = {
            let apply = apply.clone();
            let shown = shown.clone();
            Callback::from(move |e: FocusEvent| {
                if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                    // Unchanged text (tabbing through) applies nothing.
                    if input.value() != shown {
                        apply(input, is_to);
                    }
                }
            })
        };
        let id = if is_to { "range-to" } else { "range-from" };
        html! {
            <label class="date-field">
                <span>{if is_to { "to" } else { "From" }}</span>
                <input type="text" {id} inputmode="text" autocomplete="off" spellcheck="false" size="12"
                    value={text} data-iso={value.map(Date::iso)} aria-describedby="range-help"
                    aria-invalid={invalid.then_some("true")} placeholder={shown} {onkeydown} {onblur} />
            </label>
        }
    };
    // Bar width: the four widths, each offered when it fits the span.
    let view = range.or_else(|| props.data.span()).unwrap_or((axis.starts[0], axis.end));
    let auto = match range {
        Some((a, b)) => Axis::spanning(a, b),
        None => props.data.axis(),
    }
    .map(|a| a.granularity);
    let grain_button = |g: Granularity, name: &'static str| {
        let fits = grain_fits(view.0, view.1, g);
        let pressed = axis.granularity == g;
        let onclick = props.dispatch.reform(move |_| Action::Grain(if Some(g) == auto { None } else { Some(g) }));
        html! {
            <button type="button" class="grain-button" data-grain={name} aria-pressed={pressed.to_string()}
                disabled={!fits && !pressed} title={if fits { String::new() } else { format!("too many bars: zoom in to see them by {name}") }}
                {onclick}>{name}</button>
        }
    };
    let clear = props.dispatch.reform(|_| Action::Range(None));
    let out = match (range, props.data.span()) {
        (Some(r), Some(s)) => {
            let target = zoom_out(r, s);
            Some(props.dispatch.reform(move |_| Action::Range(target)))
        }
        _ => None,
    };
    let svg_h = TOP + PLOT_H + BOTTOM;
    let show = |to_share: bool, id: &'static str, name: &'static str| {
        let onclick = props.dispatch.reform(move |_| Action::Share(to_share));
        html! {
            <button type="button" class="grain-button" {id} aria-pressed={(share == to_share).to_string()} {onclick}>{name}</button>
        }
    };
    let query_legend = lines_mode.then(|| {
        html! {
            <ul class="legend query-legend" id="compare-legend" aria-label="Queries">
                { for line_hists.iter().zip(&totals).enumerate().map(|(k, ((name, _), t))| {
                    let text = match t {
                        None => "loading…".to_string(),
                        Some((n, p)) if share => format!("{} · {}", thousands(*n as usize),
                            p.map_or("no dated article".into(), |p| format!("{p:.2}% of output"))),
                        Some((n, _)) => thousands(*n as usize),
                    };
                    html! {
                        <li class={line_class(k)} data-query={name.clone()} data-total={t.map(|t| t.0.to_string())}>
                            <svg class="line-key" width="30" height="12" viewBox="0 0 30 12" aria-hidden="true">
                                <path class="qline" d="M1 6H29" />
                                <path class="qmarks" d={marker(k, 15.0, 6.0)} />
                            </svg>
                            <bdi class="legend-name" title={name.clone()}>{crate::format::short_name(name)}</bdi>
                            <span class="legend-count">{text}</span>
                        </li>
                    }
                }) }
                <li class="legend-undated">
                    <span class="swatch undated-swatch" aria-hidden="true"></span>
                    <span class="legend-name">{"undated (main query), on its own scale"}</span>
                    <span class="legend-count">{thousands(undated as usize)}</span>
                </li>
            </ul>
        }
    });
    html! {
        <div id="timeline" class="timeline">
            <div class="timeline-controls">
                <div class="range-fields" role="group" aria-label="Date range">
                    { field(false) }
                    { field(true) }
                    if let Some(out) = out {
                        <button type="button" class="small" id="zoom-out" onclick={out}>{"Zoom out"}</button>
                        <button type="button" class="small" id="all-dates" onclick={clear}>{"All dates"}</button>
                    }
                </div>
                <div class="grain" role="group" aria-label="Bar width">
                    <span class="grain-label" aria-hidden="true">{"Bars by"}</span>
                    { grain_button(Granularity::Day, "day") }
                    { grain_button(Granularity::Week, "week") }
                    { grain_button(Granularity::Month, "month") }
                    { grain_button(Granularity::Year, "year") }
                </div>
                <div class="grain show" role="group" aria-label="Bar height">
                    <span class="grain-label" aria-hidden="true">{"Show"}</span>
                    { show(false, "show-count", "count") }
                    { show(true, "show-share", "share of output") }
                </div>
            </div>
            if share {
                <p class="hint" id="share-note">{"Share: matching articles in each bar out of all articles of the chosen outlets (every outlet when none is chosen) in that bar."}</p>
            }
            <p id="range-help" class={classes!("hint", field_error.is_some().then_some("error"))} role={field_error.is_some().then_some("alert")}>
                { field_error.as_ref().map_or_else(
                    || "Type a date and press Enter. Click a bar to zoom in, drag across bars for a span; arrow keys move between bars.".to_string(),
                    |e| e.clone()) }
            </p>
            <div class="chart" ref={chart_ref}>
                <svg ref={svg_ref} width={format!("{width:.0}")} height={svg_h.to_string()} viewBox={format!("0 0 {width:.0} {svg_h}")}
                     role="group" aria-label={summary.clone()} {onpointerdown} {onpointermove} {onpointerup} {onpointercancel}>
                    <SvgPatterns entries={patterned} {other} />
                    <g class="grid" aria-hidden="true">{grid}</g>
                    <g class="stacks" aria-hidden="true">{stacks}</g>
                    if let Some(q) = query_lines { <g class="query-lines" aria-hidden="true">{q}</g> }
                    { for (0..buckets).map(bar) }
                    { for brush }
                    <g class="x-labels" aria-hidden="true">{x_labels}</g>
                    <g id="undated" class="undated-bar" data-count={undated.to_string()} data-label="undated">
                        <title>{undated_title}</title>
                        <line class="undated-rule" x1={format!("{:.1}", width - UNDATED_W + 4.0)} x2={format!("{:.1}", width - UNDATED_W + 4.0)}
                            y1={TOP.to_string()} y2={base.to_string()} />
                        <rect x={format!("{ux:.1}")} y={format!("{:.1}", base - uh)} width={UNDATED_BAR.to_string()} height={format!("{uh:.1}")} />
                        <text class="undated-count" x={format!("{:.1}", ux + UNDATED_BAR / 2.0)} y={format!("{:.1}", base - uh - 4.0)} text-anchor="middle">{thousands(undated as usize)}</text>
                        <text x={format!("{:.1}", ux + UNDATED_BAR / 2.0)} y={(base + 16.0).to_string()} text-anchor="middle">{"undated"}</text>
                    </g>
                    <line class="baseline" x1={format!("{y_gutter:.1}")} x2={format!("{x1:.1}")} y1={base.to_string()} y2={base.to_string()} />
                </svg>
                <EventsLane data={props.data.clone()} axis={props.axis.clone()} events={props.events.clone()} loading={props.events_loading} selected={props.event}
                    {frame} dispatch={props.dispatch.clone()} />
            </div>
            if let (true, Some(output)) = (share, output) {
                <crate::components::compare_queries::OutletShares data={props.data.clone()} matches={h.clone()} output={output.clone()} />
            }
            if let Some(l) = query_legend { {l} } else { <Legend data={props.data.clone()} series={all_series} {undated} /> }
            <p class="visually-hidden">{summary}</p>
        </div>
    }
}
