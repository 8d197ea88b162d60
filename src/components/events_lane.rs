//! The events lane under the timeline bars: one marker per day the current
//! results mention, placed on the same axis as the bars, striped with the
//! colours of the outlets that mention it. Markers that would overlap are
//! stacked in rows. Mentioned days outside the axis are counted at the ends. Selecting a marker lists its passages (see
//! `event_passages`).

use crate::components::event_marker::EventMarker;
use crate::components::timeline::TRAILING_SLOTS;
use crate::data::Data;
use crate::format::day;
use crate::state::Action;
use dateline_core::events::Event;
use dateline_core::model::Date;
use dateline_core::timeline::Axis;
use std::rc::Rc;
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
    /// Selected day.
    pub selected: Option<Date>,
    /// State updates.
    pub dispatch: Callback<Action>,
}

/// At most this many markers are drawn: the days mentioned by the most
/// articles (the list below the timeline names them all).
pub const MAX_MARKERS: usize = 60;
/// Rows of markers.
const ROWS: usize = 4;
/// Height of a row in CSS pixels (a marker is 12 px tall).
const ROW_PX: usize = 14;
/// Least distance between markers in one row, in percent of the width.
const MIN_GAP: f64 = 1.6;

/// Outlet names of an event, comma separated.
pub fn outlet_names(data: &Data, e: &Event) -> String {
    e.slots.iter().map(|&s| data.outlet_name(s)).collect::<Vec<_>>().join(", ")
}

/// The lane.
#[function_component(EventsLane)]
pub fn events_lane(props: &EventsLaneProps) -> Html {
    let Some(axis) = props.axis.as_ref().as_ref() else { return Html::default() };
    let events = &props.events;
    if events.is_empty() {
        return html! { <div class="events-lane empty" id="events-lane"><span class="lane-label muted">{"No mentioned dates"}</span></div> };
    }
    let slots = axis.starts.len() as f64 + TRAILING_SLOTS;
    let n_outlets = props.data.outlets.len();
    let (first, end) = (axis.starts[0], axis.end);
    let earlier = events.iter().filter(|e| e.date < first).count();
    let later = events.iter().filter(|e| e.date >= end).count();
    let mut on_axis: Vec<(&Event, f64)> =
        events.iter().filter_map(|e| axis.position(e.date).map(|p| (e, p / slots * 100.0))).collect();
    let shown_of = on_axis.len();
    if on_axis.len() > MAX_MARKERS {
        on_axis.sort_by(|a, b| b.0.articles.cmp(&a.0.articles).then(b.0.mentions.cmp(&a.0.mentions)));
        on_axis.truncate(MAX_MARKERS);
    }
    // Markers that would overlap go up a row (at most ROWS rows); the
    // track grows with the rows used.
    on_axis.sort_by(|a, b| a.1.total_cmp(&b.1));
    let mut row_ends: Vec<f64> = Vec::new();
    let placed: Vec<(&Event, f64, usize)> = on_axis
        .into_iter()
        .map(|(e, left)| {
            let row = match row_ends.iter().position(|&end| left - end >= MIN_GAP) {
                Some(r) => r,
                None if row_ends.len() < ROWS => {
                    row_ends.push(f64::NEG_INFINITY);
                    row_ends.len() - 1
                }
                None => (0..row_ends.len()).min_by(|&a, &b| row_ends[a].total_cmp(&row_ends[b])).unwrap_or(0),
            };
            row_ends[row] = left;
            (e, left, row)
        })
        .collect();
    // The track grows with the rows used (`.rows-1` … `.rows-4` in
    // styles/events_lane.css: ROW_PX per row).
    let rows_class = ["rows-1", "rows-2", "rows-3", "rows-4"][row_ends.len().clamp(1, ROWS) - 1];
    let marker = |(e, left, row): (&Event, f64, usize)| {
        let label = format!(
            "{}: mentioned in {} by {}",
            day(e.date),
            crate::format::count(e.articles, "article", "articles"),
            outlet_names(&props.data, e)
        );
        html! {
            <EventMarker key={e.date.iso()} date={e.date} articles={e.articles} slots={e.slots.clone()} outlets={n_outlets}
                {left} bottom={row * ROW_PX} {label} selected={props.selected == Some(e.date)} dispatch={props.dispatch.clone()} />
        }
    };
    html! {
        <div class="events-lane" id="events-lane" role="group" aria-label="Dates the articles mention">
            <span class="lane-label muted">
                {"Mentioned dates"}
                if shown_of > MAX_MARKERS { {format!(" (top {MAX_MARKERS} of {shown_of})")} }
            </span>
            <div class={classes!("lane-track", rows_class)}>
                { for placed.into_iter().map(marker) }
            </div>
            if earlier + later > 0 {
                <span class="lane-edges muted" id="events-off-axis">
                    if earlier > 0 { {format!("◂ {earlier} earlier")} }
                    if earlier > 0 && later > 0 { {" · "} }
                    if later > 0 { {format!("{later} later ▸")} }
                    {" (in the list below)"}
                </span>
            }
        </div>
    }
}
