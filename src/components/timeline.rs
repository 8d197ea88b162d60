//! The timeline: publication dates of the matching articles as stacked bars
//! per outlet, with undated articles in their own bar, and the events lane
//! below it.
//!
//! The selected date range is both the filter and the zoom: clicking a bar
//! (or Enter on a focused bar) selects its interval and the axis re-buckets
//! that interval at a finer grain; dragging across bars selects the span
//! they cover; "Zoom out" triples the range around its centre; the two date
//! fields set the range from the keyboard.

use crate::components::axis_tick::AxisTick;
use crate::components::events_lane::EventsLane;
use crate::data::Data;
use crate::format::{day, outlet_color};
use crate::state::{parse_iso, Action};
use dateline_core::model::Date;
use dateline_core::search::Results;
use dateline_core::timeline::{zoom_out, Axis};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`Timeline`].
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// The corpus.
    pub data: Rc<Data>,
    /// Current results (histogram, on `axis`).
    pub results: Rc<Results>,
    /// The axis shown: the selected range, or the whole corpus.
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

const HEIGHT: f64 = 120.0;
const BAR_GAP: f64 = 2.0;
/// Slots left after the last bucket: a gap and the undated bar.
pub const TRAILING_SLOTS: f64 = 3.0;

fn day_before(d: Date) -> Date {
    Date::from_days_since_epoch(d.days_since_epoch() - 1)
}

fn day_after(d: Date) -> Date {
    Date::from_days_since_epoch(d.days_since_epoch() + 1)
}

/// The stacked histogram with its controls.
#[function_component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    // Drag state lives in a ref (pointer events can outrun re-renders); the
    // forced update redraws the brush.
    let drag = use_mut_ref(|| None::<(usize, usize)>);
    let redraw = use_force_update();
    let svg_ref = use_node_ref();
    let h = &props.results.histogram;
    let undated = h.undated_total();
    let n_outlets = props.data.outlets.len();
    let Some(axis) = props.axis.as_ref().as_ref() else {
        return html! {
            <section id="timeline" class="timeline" aria-label="Timeline">
                <p class="muted">{"No article has a publication date."}</p>
                <p id="undated" data-count={undated.to_string()}>{format!("{undated} undated")}</p>
            </section>
        };
    };
    let buckets = axis.starts.len().min(h.counts.len());
    if buckets == 0 {
        return html! { <section id="timeline" class="timeline" aria-label="Timeline" /> };
    }
    let total = |i: usize| h.total(i);
    let max = (0..buckets).map(total).chain(std::iter::once(undated)).max().unwrap_or(0).max(1);
    let slot_w = 1000.0 / (buckets as f64 + TRAILING_SLOTS);
    let bar_w = (slot_w - BAR_GAP).max(1.0);
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
    let bar = |i: usize| {
        let (start, end) = axis.range(i);
        let count = total(i);
        let x = i as f64 * slot_w;
        let label = axis.label(i);
        let onkeydown = {
            let zoom_to = zoom_to.clone();
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Enter" || e.key() == " " {
                    e.prevent_default();
                    zoom_to((start, end));
                }
            })
        };
        html! {
            <g class="bar" data-count={count.to_string()} data-label={label.clone()}
               role="button" tabindex={if count > 0 { "0" } else { "-1" }}
               aria-label={format!("{label}: {count} articles. Zoom in.")} {onkeydown}>
                <title>{format!("{label}: {count}")}</title>
                <rect class="hit" x={format!("{x:.1}")} y="0" width={format!("{slot_w:.1}")} height={HEIGHT.to_string()} />
            </g>
        }
    };
    // The slot (bucket index, fractional) under a pointer position.
    let slot_at = {
        let svg_ref = svg_ref.clone();
        move |client_x: i32| -> Option<f64> {
            let rect = svg_ref.cast::<web_sys::Element>()?.get_bounding_client_rect();
            (rect.width() > 0.0).then(|| {
                ((f64::from(client_x) - rect.left()) / rect.width() * (buckets as f64 + TRAILING_SLOTS)).floor()
            })
        }
    };
    // The bucket under the pointer, `None` right of the last bucket.
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
        let counts: Vec<u32> = (0..buckets).map(total).collect();
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
        let x = lo as f64 * slot_w;
        let w = (hi - lo + 1) as f64 * slot_w;
        html! { <rect class="brush" x={format!("{x:.1}")} y="0" width={format!("{w:.1}")} height={HEIGHT.to_string()} /> }
    });
    // The stacks: one path per outlet (a rectangle per bucket), far fewer
    // DOM nodes than a rectangle per bucket and outlet.
    let slots = h.undated.len();
    let mut paths = vec![String::new(); slots];
    for i in 0..buckets {
        let x = i as f64 * slot_w;
        let mut y = HEIGHT;
        for (slot, &c) in h.counts[i].iter().enumerate() {
            if c == 0 {
                continue;
            }
            let hgt = f64::from(c) / f64::from(max) * (HEIGHT - 4.0);
            y -= hgt;
            paths[slot].push_str(&format!("M{x:.1} {y:.1}h{bar_w:.1}v{hgt:.1}h-{bar_w:.1}z"));
        }
    }
    let stacks = paths
        .into_iter()
        .enumerate()
        .filter(|(_, d)| !d.is_empty())
        .map(|(slot, d)| html! { <path class="stack" d={d} fill={outlet_color(slot, n_outlets)} /> })
        .collect::<Html>();
    let ux = (buckets as f64 + TRAILING_SLOTS - 1.0) * slot_w;
    let uh = f64::from(undated) / f64::from(max) * (HEIGHT - 4.0);
    let first = axis.label(0);
    let last = axis.label(buckets - 1);
    let summary =
        format!("{} dated articles from {first} to {last}; {undated} undated.", (0..buckets).map(total).sum::<u32>());
    // Keyboard and explicit entry of the range: two date fields.
    let span = props.data.span();
    let (field_from, field_to) = match (range, span) {
        (Some((a, b)), _) => (a, day_before(b)),
        (None, Some((a, b))) => (a, day_before(b)),
        (None, None) => (axis.starts[0], day_before(axis.end)),
    };
    let on_from = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else { return };
            if let Some(from) = parse_iso(&input.value()) {
                if from <= field_to {
                    dispatch.emit(Action::Range(Some((from, day_after(field_to)))));
                }
            }
        })
    };
    let on_to = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else { return };
            if let Some(to) = parse_iso(&input.value()) {
                if to >= field_from {
                    dispatch.emit(Action::Range(Some((field_from, day_after(to)))));
                }
            }
        })
    };
    let (min, max_day) = span.map(|(a, b)| (a.iso(), day_before(b).iso())).unwrap_or_default();
    let clear = props.dispatch.reform(|_| Action::Range(None));
    let out = match (range, span) {
        (Some(r), Some(s)) => {
            let target = zoom_out(r, s);
            Some(props.dispatch.reform(move |_| Action::Range(target)))
        }
        _ => None,
    };
    html! {
        <section id="timeline" class="timeline" aria-label="Timeline of publication dates">
            <div class="section-head timeline-head">
                <h2>{"Timeline"}</h2>
                <span class="muted granularity">{format!("by {:?}", axis.granularity).to_lowercase()}</span>
                if let Some((a, b)) = range {
                    <span class="range">{format!("{} – {}", day(a), day(day_before(b)))}</span>
                }
                <span class="range-fields">
                    <label>{"From "}<input type="date" id="range-from" min={min.clone()} max={max_day.clone()} value={field_from.iso()} onchange={on_from} /></label>
                    <label>{"to "}<input type="date" id="range-to" min={min} max={max_day} value={field_to.iso()} onchange={on_to} /></label>
                </span>
                if let Some(out) = out {
                    <button type="button" class="link" id="zoom-out" onclick={out}>{"Zoom out"}</button>
                    <button type="button" class="link" id="all-dates" onclick={clear}>{"All dates"}</button>
                }
            </div>
            <p class="muted hint">{"Click a bar to zoom in, drag across bars to select a range."}</p>
            <svg ref={svg_ref} viewBox={format!("0 0 1000 {}", HEIGHT + 18.0)} preserveAspectRatio="none" role="group"
                 aria-label={summary.clone()} {onpointerdown} {onpointermove} {onpointerup} {onpointercancel}>
                <g class="stacks" aria-hidden="true">{stacks}</g>
                { for (0..buckets).map(bar) }
                { for brush }
                <g id="undated" class="undated-bar" data-count={undated.to_string()} data-label="undated">
                    <title>{format!("undated: {undated}")}</title>
                    <rect x={ux.to_string()} y={(HEIGHT - uh).to_string()} width={bar_w.to_string()} height={uh.to_string()} />
                </g>
                <line class="baseline" x1="0" x2="1000" y1={HEIGHT.to_string()} y2={HEIGHT.to_string()} />
            </svg>
            <div class="axis-labels" aria-hidden="true">
                { for ticks(buckets).into_iter().enumerate().map(|(k, i)| {
                    let (class, pos) = match k {
                        0 => ("tick first", i as f64 * slot_w / 10.0),
                        _ if i + 1 == buckets => ("tick last", (i + 1) as f64 * slot_w / 10.0),
                        _ => ("tick mid", (i as f64 + 0.5) * slot_w / 10.0),
                    };
                    html! { <AxisTick key={i} {class} left={pos} label={axis.label(i)} /> }
                }) }
                <span class="undated-label">{"undated"}</span>
            </div>
            <EventsLane data={props.data.clone()} axis={props.axis.clone()} events={props.events.clone()} selected={props.event} dispatch={props.dispatch.clone()} />
            <p class="visually-hidden">{summary}</p>
        </section>
    }
}

/// Up to four evenly spaced bucket indices to label, always including the
/// first and the last.
fn ticks(buckets: usize) -> Vec<usize> {
    if buckets <= 4 {
        return (0..buckets).collect();
    }
    let step = (buckets - 1) as f64 / 3.0;
    (0..4).map(|k| (k as f64 * step).round() as usize).collect()
}
