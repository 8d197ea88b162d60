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
//! The chart is drawn in CSS pixels (its width is measured), so labels,
//! patterns and the 24-pixel event markers keep their size.

use crate::chart::{count_ticks, grain_fits, series, ticks, Series, TickLevel};
use crate::components::events_lane::EventsLane;
use crate::components::legend::{series_class, series_name, Legend, SvgPatterns};
use crate::data::Data;
use crate::format::{bucket, day, month, parse_date, span, thousands, DateLocale};
use crate::state::Action;
use crate::style::use_width;
use dateline_core::model::Date;
use dateline_core::search::Results;
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
    /// Selected mentioned date.
    pub event: Option<Date>,
    /// State updates.
    pub dispatch: Callback<Action>,
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
    let max = (0..buckets).map(total).max().unwrap_or(0);
    let (top, lines) = count_ticks(max, 3);
    let width = if measured > 0.0 { measured } else { FALLBACK_W };
    let y_gutter = 10.0 + 7.0 * thousands(top as usize).len() as f64;
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
    let non_empty: Vec<usize> = (0..buckets).filter(|&i| counts[i] > 0).collect();
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
        html! {
            <g class="bar" data-i={i.to_string()} data-count={count.to_string()} data-label={axis.label(i)}
               role="button" tabindex={if tab_stop == Some(i) { "0" } else { "-1" }}
               aria-label={format!("{label}: {} articles. Enter zooms in.", thousands(count as usize))} {onkeydown} {onfocus}>
                <title>{format!("{label}: {}", thousands(count as usize))}</title>
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
        let counts = counts.clone();
        let zoom_to = zoom_to.clone();
        Callback::from(move |e: PointerEvent| {
            let Some((anchor, _)) = drag.borrow_mut().take() else { return };
            let b = clamp_at(e.client_x());
            let (lo, hi) = (anchor.min(b), anchor.max(b));
            redraw.force_update();
            // A click on an empty bar does nothing; a drag may cross empty
            // bars.
            if lo == hi && counts[lo] == 0 {
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
    for i in 0..buckets {
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
                    <text x={format!("{:.1}", y_gutter - 5.0)} y={format!("{:.1}", y + 4.0)} text-anchor="end">{thousands(v as usize)}</text>
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
    let summary = format!(
        "{} dated articles from {first} to {last}, {} undated; the busiest bar has {}.",
        thousands(dated as usize),
        thousands(undated as usize),
        thousands(max as usize)
    );
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
            </div>
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
                <EventsLane data={props.data.clone()} axis={props.axis.clone()} events={props.events.clone()} selected={props.event}
                    {frame} dispatch={props.dispatch.clone()} />
            </div>
            <Legend data={props.data.clone()} series={all_series} {undated} />
            <p class="visually-hidden">{summary}</p>
        </div>
    }
}
