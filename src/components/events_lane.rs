//! The events lane under the timeline bars: one marker per day the current
//! results mention, placed on the same axis as the bars, striped with the
//! colours of the outlets that mention it. Markers are 24 pixels wide (a
//! finger's target, WCAG 2.2's minimum) and never overlap: one that would
//! goes up a row, and past [`ROWS`] rows it is left out of the lane (the
//! "Mentioned dates" list names every day) and counted. Mentioned days
//! outside the axis are counted at the ends.
//!
//! From the keyboard the markers are one Tab stop; the arrow keys move
//! between them in date order, Home and End to the first and last.
//! Selecting a marker lists its passages (see `event_passages`).

use crate::components::event_marker::EventMarker;
use crate::components::timeline::Frame;
use crate::data::Data;
use crate::format::{count, day};
use crate::state::Action;
use dateline_core::events::Event;
use dateline_core::model::Date;
use dateline_core::timeline::Axis;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Props of [`EventsLane`].
#[derive(Properties, PartialEq)]
pub struct EventsLaneProps {
    /// The corpus.
    pub data: Rc<Data>,
    /// The axis of the bars above.
    pub axis: Rc<Option<Axis>>,
    /// Mentioned days of the current results, ascending.
    pub events: Rc<Vec<Event>>,
    /// The mentioned dates are still being fetched (split layout): an
    /// empty lane then says so instead of "no mentioned dates".
    #[prop_or_default]
    pub loading: bool,
    /// Selected day.
    pub selected: Option<Date>,
    /// Where the bars are drawn.
    pub frame: Frame,
    /// State updates.
    pub dispatch: Callback<Action>,
}

/// At most this many markers are drawn: the days mentioned by the most
/// articles (the list below the timeline names them all).
pub const MAX_MARKERS: usize = 60;
/// Rows of markers.
pub const ROWS: usize = 3;
/// A marker's size and the least distance between two in a row, in CSS
/// pixels (`styles/events_lane.css`).
pub const MARKER_PX: f64 = 24.0;
/// Height of a row in CSS pixels.
const ROW_PX: f64 = 26.0;

/// Outlet names of an event, comma separated.
pub fn outlet_names(data: &Data, e: &Event) -> String {
    e.slots.iter().map(|&s| data.outlet_name(s)).collect::<Vec<_>>().join(", ")
}

/// Places markers at `x` (pixels, ascending) in rows so that two in a row
/// are at least [`MARKER_PX`] apart; `None` for one that fits no row.
fn place(xs: &[f64]) -> Vec<Option<usize>> {
    let mut row_ends: Vec<f64> = Vec::new();
    xs.iter()
        .map(|&x| {
            let row = row_ends.iter().position(|&end| x - end >= MARKER_PX).or_else(|| {
                (row_ends.len() < ROWS).then(|| {
                    row_ends.push(f64::NEG_INFINITY);
                    row_ends.len() - 1
                })
            })?;
            row_ends[row] = x;
            Some(row)
        })
        .collect()
}

/// The days that get a marker, from the days on the axis with their x:
/// the most mentioned first (articles, then mentions, then the earlier
/// day), each kept if it still fits beside those kept before it, at most
/// [`MAX_MARKERS`]. Returns them by x, and how many were left out.
fn choose(mut on_axis: Vec<(&Event, f64)>) -> (Vec<(&Event, f64)>, usize) {
    let mut left_out = on_axis.len().saturating_sub(MAX_MARKERS);
    // Only the first MAX_MARKERS are sorted (a common word mentions
    // thousands of days).
    let rank = |a: &(&Event, f64), b: &(&Event, f64)| {
        b.0.articles.cmp(&a.0.articles).then(b.0.mentions.cmp(&a.0.mentions)).then(a.0.date.cmp(&b.0.date))
    };
    if on_axis.len() > MAX_MARKERS {
        on_axis.select_nth_unstable_by(MAX_MARKERS - 1, rank);
        on_axis.truncate(MAX_MARKERS);
    }
    on_axis.sort_by(rank);
    // A day that does not fit lets the more mentioned ones keep their
    // place. `xs` (the kept days' x) stays sorted.
    let mut kept: Vec<(&Event, f64)> = Vec::new();
    let mut xs: Vec<f64> = Vec::with_capacity(on_axis.len());
    for (e, x) in on_axis {
        let at = xs.partition_point(|&k| k.total_cmp(&x).is_le());
        xs.insert(at, x);
        if place(&xs).iter().all(Option::is_some) {
            kept.push((e, x));
        } else {
            xs.remove(at);
            left_out += 1;
        }
    }
    kept.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.date.cmp(&b.0.date)));
    (kept, left_out)
}

fn focus_marker(date: Date) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector(&format!("#events-lane .event-marker[data-date=\"{}\"]", date.iso())).ok().flatten()
        })
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// The lane.
#[function_component(EventsLane)]
pub fn events_lane(props: &EventsLaneProps) -> Html {
    let active = use_state_eq(|| None::<Date>);
    let Some(axis) = props.axis.as_ref().as_ref() else { return Html::default() };
    let events = &props.events;
    if events.is_empty() {
        let label = if props.loading { "Loading mentioned dates…" } else { "No mentioned dates" };
        return html! { <div class="events-lane empty" id="events-lane"><span class="lane-label muted" role="status">{label}</span></div> };
    }
    let n_outlets = props.data.outlets.len();
    let (first, end) = (axis.starts[0], axis.end);
    let earlier = events.iter().filter(|e| e.date < first).count();
    let later = events.iter().filter(|e| e.date >= end).count();
    let f = props.frame;
    let on_axis: Vec<(&Event, f64)> =
        events.iter().filter_map(|e| axis.position(e.date).map(|p| (e, f.x0 + p * f.slot))).collect();
    let (kept, left_out) = choose(on_axis);
    let xs: Vec<f64> = kept.iter().map(|k| k.1).collect();
    let placed: Vec<(&Event, f64, usize)> =
        kept.iter().zip(place(&xs)).map(|(&(e, x), row)| (e, x, row.unwrap_or(0))).collect();
    let rows = placed.iter().map(|p| p.2 + 1).max().unwrap_or(1);
    let rows_class = ["rows-1", "rows-2", "rows-3"][rows.clamp(1, ROWS) - 1];
    // Roving Tab stop: the selected marker, else the last one focused, else
    // the first.
    let dates: Vec<Date> = placed.iter().map(|p| p.0.date).collect();
    let tab_stop = props
        .selected
        .filter(|d| dates.contains(d))
        .or_else(|| active.filter(|d| dates.contains(d)))
        .or_else(|| dates.first().copied());
    let marker = |(e, left, row): (&Event, f64, usize)| {
        let label = format!(
            "{}: mentioned in {} by {}",
            day(e.date),
            count(e.articles, "article", "articles"),
            outlet_names(&props.data, e)
        );
        let onkeydown = {
            let dates = dates.clone();
            let active = active.clone();
            let date = e.date;
            Callback::from(move |k: KeyboardEvent| {
                let pos = dates.iter().position(|&d| d == date);
                let target = match k.key().as_str() {
                    "ArrowRight" => pos.and_then(|p| dates.get(p + 1)),
                    "ArrowLeft" => pos.and_then(|p| p.checked_sub(1)).and_then(|p| dates.get(p)),
                    "Home" => dates.first(),
                    "End" => dates.last(),
                    _ => return,
                };
                k.prevent_default();
                if let Some(&t) = target {
                    active.set(Some(t));
                    focus_marker(t);
                }
            })
        };
        html! {
            <EventMarker key={e.date.iso()} date={e.date} articles={e.articles} slots={e.slots.clone()} outlets={n_outlets}
                {left} bottom={row as f64 * ROW_PX} {label} selected={props.selected == Some(e.date)}
                tab_stop={tab_stop == Some(e.date)} {onkeydown} dispatch={props.dispatch.clone()} />
        }
    };
    html! {
        <div class="events-lane" id="events-lane" role="group" aria-label="Dates the articles mention (arrow keys move between them)">
            <span class="lane-label muted">
                {"Mentioned dates"}
                if left_out > 0 { {format!(" ({left_out} more in the list)")} }
            </span>
            <div class={classes!("lane-track", rows_class)}>
                { for placed.into_iter().map(marker) }
            </div>
            if earlier + later > 0 {
                <span class="lane-edges muted" id="events-off-axis">
                    if earlier > 0 { {format!("◂ {earlier} earlier")} }
                    if earlier > 0 && later > 0 { {" · "} }
                    if later > 0 { {format!("{later} later ▸")} }
                    {" (in the list)"}
                </span>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_never_overlap() {
        // Five days 10 px apart: three rows hold three of them side by side,
        // then the fourth goes back to the first row once 24 px away.
        let xs = [0.0, 10.0, 20.0, 30.0, 40.0, 100.0];
        assert_eq!(place(&xs), vec![Some(0), Some(1), Some(2), Some(0), Some(1), Some(0)]);
        // Too crowded: left out rather than stacked over another.
        let crowded = [0.0, 1.0, 2.0, 3.0];
        assert_eq!(place(&crowded), vec![Some(0), Some(1), Some(2), None]);
    }

    /// `choose` as it was first written: every day sorted, and each
    /// candidate placed with a freshly sorted trial of the kept days.
    fn choose_brute(mut on_axis: Vec<(&Event, f64)>) -> (Vec<(&Event, f64)>, usize) {
        let mut left_out = on_axis.len().saturating_sub(MAX_MARKERS);
        on_axis.sort_by(|a, b| {
            b.0.articles.cmp(&a.0.articles).then(b.0.mentions.cmp(&a.0.mentions)).then(a.0.date.cmp(&b.0.date))
        });
        on_axis.truncate(MAX_MARKERS);
        let mut kept: Vec<(&Event, f64)> = Vec::new();
        for (e, x) in on_axis {
            let mut trial: Vec<f64> = kept.iter().map(|k| k.1).chain(std::iter::once(x)).collect();
            trial.sort_by(f64::total_cmp);
            if place(&trial).iter().all(Option::is_some) {
                kept.push((e, x));
            } else {
                left_out += 1;
            }
        }
        kept.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.date.cmp(&b.0.date)));
        (kept, left_out)
    }

    #[test]
    fn choose_keeps_the_days_a_full_sort_would() {
        // Pseudo-random lanes: few and many days (past MAX_MARKERS), ties
        // in articles and mentions, days close enough to crowd the rows.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for case in 0..300 {
            let days = [0, 1, 5, 59, 60, 61, 200, 2000][case % 8] as usize;
            let width = [100, 600, 5000][case % 3];
            let events: Vec<Event> = (0..days)
                .map(|i| Event {
                    date: Date::from_days_since_epoch(19_000 + i as i64),
                    mentions: next(6) as usize + 1,
                    articles: next(4) as usize + 1,
                    slots: vec![],
                })
                .collect();
            let on_axis: Vec<(&Event, f64)> = events.iter().map(|e| (e, next(width) as f64)).collect();
            let dates = |v: &[(&Event, f64)]| v.iter().map(|(e, x)| (e.date, *x)).collect::<Vec<_>>();
            let (got, got_out) = choose(on_axis.clone());
            let (want, want_out) = choose_brute(on_axis);
            assert_eq!(dates(&got), dates(&want), "case {case}: {days} days over {width} px");
            assert_eq!(got_out, want_out, "case {case}");
        }
    }
}
