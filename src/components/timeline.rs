//! The timeline: publication dates of the matching articles as stacked bars
//! per outlet on the corpus axis, with undated articles in their own bar.
//! Clicking a bar filters to its interval; clicking again clears it.

use crate::data::Data;
use crate::format::outlet_color;
use crate::state::Action;
use dateline_core::model::Date;
use dateline_core::search::Results;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`Timeline`].
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// The corpus.
    pub data: Rc<Data>,
    /// Current results (histogram).
    pub results: Rc<Results>,
    /// Selected date range `[from, to)`.
    pub range: Option<(Date, Date)>,
    /// State updates.
    pub dispatch: Callback<Action>,
}

const HEIGHT: f64 = 120.0;
const BAR_GAP: f64 = 2.0;

/// The stacked histogram.
#[function_component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    let axis = &props.data.axis;
    let h = &props.results.histogram;
    let n_outlets = props.data.corpus.outlets.len();
    let undated = h.undated_total();
    let Some(axis) = axis.as_ref() else {
        return html! {
            <section id="timeline" class="timeline" aria-label="Timeline">
                <p class="muted">{"No article has a publication date."}</p>
                <p id="undated" data-count={undated.to_string()}>{format!("{undated} undated")}</p>
            </section>
        };
    };
    let buckets = axis.starts.len();
    let max = (0..buckets).map(|i| h.total(i)).chain(std::iter::once(undated)).max().unwrap_or(0).max(1);
    // The undated bar stands apart, three slots after the last bucket.
    let slot_w = 1000.0 / (buckets as f64 + 3.0);
    let bar_w = (slot_w - BAR_GAP).max(1.0);
    let bar = |i: usize| {
        let (start, end) = axis.range(i);
        let total = h.total(i);
        let selected = props.range == Some((start, end));
        let in_range = props.range.is_some_and(|(a, b)| start >= a && end <= b);
        let x = i as f64 * slot_w;
        let label = axis.label(i);
        let onclick = props.dispatch.reform(move |_| Action::Range(if selected { None } else { Some((start, end)) }));
        let onkeydown = {
            let dispatch = props.dispatch.clone();
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Enter" || e.key() == " " {
                    e.prevent_default();
                    dispatch.emit(Action::Range(if selected { None } else { Some((start, end)) }))
                }
            })
        };
        html! {
            <g class={classes!("bar", selected.then_some("selected"), in_range.then_some("in-range"))} data-count={total.to_string()} data-label={label.clone()}
               role="button" tabindex={if total > 0 { "0" } else { "-1" }} aria-label={format!("{label}: {total} articles")} {onclick} {onkeydown}>
                <title>{format!("{label}: {total}")}</title>
                <rect class="hit" x={format!("{x:.1}")} y="0" width={format!("{slot_w:.1}")} height={HEIGHT.to_string()} />
            </g>
        }
    };
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
    let ux = (buckets as f64 + 2.0) * slot_w;
    let uh = f64::from(undated) / f64::from(max) * (HEIGHT - 4.0);
    let first = axis.label(0);
    let last = axis.label(buckets - 1);
    let summary = format!(
        "{} dated articles from {first} to {last}; {undated} undated.",
        (0..buckets).map(|i| h.total(i)).sum::<u32>()
    );
    let clear = props.dispatch.reform(|_| Action::Range(None));
    html! {
        <section id="timeline" class="timeline" aria-label="Timeline of publication dates">
            <div class="section-head">
                <h2>{"Timeline"}</h2>
                <span class="muted granularity">{format!("by {:?}", axis.granularity).to_lowercase()}</span>
                if let Some((a, b)) = props.range {
                    <span class="range">{format!("{} – {}", a.iso(), Date::from_days_since_epoch(b.days_since_epoch() - 1).iso())}</span>
                    <button type="button" class="link" onclick={clear}>{"clear dates"}</button>
                }
            </div>
            <svg viewBox={format!("0 0 1000 {}", HEIGHT + 18.0)} preserveAspectRatio="none" role="group" aria-label={summary.clone()}>
                <g class="stacks" aria-hidden="true">{stacks}</g>
                { for (0..buckets).map(bar) }
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
                    html! { <span class={class} style={format!("left: {pos:.2}%")}>{axis.label(i)}</span> }
                }) }
                <span class="undated-label">{"undated"}</span>
            </div>
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
