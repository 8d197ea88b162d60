//! One marker of the events lane: a day the results mention, placed on the
//! timeline axis (its offset set through the CSSOM, see `crate::style`)
//! and striped with the colours of the outlets that mention it.

use crate::state::Action;
use crate::style::{outlet_class, use_style};
use dateline_core::model::Date;
use yew::prelude::*;

/// Props of [`EventMarker`].
#[derive(Properties, PartialEq)]
pub struct EventMarkerProps {
    /// The day mentioned.
    pub date: Date,
    /// Articles mentioning it.
    pub articles: usize,
    /// Outlet slots mentioning it (the first four are drawn).
    pub slots: Vec<usize>,
    /// Number of outlets (for the palette).
    pub outlets: usize,
    /// Offset from the left, in percent of the track.
    pub left: f64,
    /// Offset from the bottom, in CSS pixels (its row).
    pub bottom: usize,
    /// Accessible name and tooltip.
    pub label: String,
    /// Whether it is the selected day.
    pub selected: bool,
    /// State updates.
    pub dispatch: Callback<Action>,
}

/// A marker.
#[function_component(EventMarker)]
pub fn event_marker(props: &EventMarkerProps) -> Html {
    let node = use_node_ref();
    use_style(node.clone(), vec![("left", format!("{:.2}%", props.left)), ("bottom", format!("{}px", props.bottom))]);
    let (date, selected) = (props.date, props.selected);
    let onclick = props.dispatch.reform(move |_| Action::Event(if selected { None } else { Some(date) }));
    html! {
        <button ref={node} type="button" class={classes!("event-marker", selected.then_some("selected"))}
            data-date={date.iso()} data-articles={props.articles.to_string()}
            aria-pressed={selected.to_string()} aria-label={props.label.clone()} title={props.label.clone()} {onclick}>
            { for props.slots.iter().take(4).map(|&s| html! {
                <span class={classes!("stripe", outlet_class(s, props.outlets))} />
            }) }
        </button>
    }
}
