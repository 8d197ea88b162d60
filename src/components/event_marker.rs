//! One marker of the events lane: a day the results mention, placed on the
//! timeline axis (its offset set through the CSSOM, see `crate::style`)
//! and striped with the colours (and patterns) of the outlets that mention
//! it. The button is a 24-pixel target; the face drawn inside it is
//! smaller.

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
    /// Centre from the left of the lane, in CSS pixels.
    pub left: f64,
    /// Offset from the bottom, in CSS pixels (its row).
    pub bottom: f64,
    /// Accessible name and tooltip.
    pub label: String,
    /// Whether it is the selected day.
    pub selected: bool,
    /// Whether it holds the lane's Tab stop.
    pub tab_stop: bool,
    /// Arrow keys (the lane moves the focus).
    pub onkeydown: Callback<KeyboardEvent>,
    /// State updates.
    pub dispatch: Callback<Action>,
}

/// A marker.
#[function_component(EventMarker)]
pub fn event_marker(props: &EventMarkerProps) -> Html {
    let node = use_node_ref();
    // Hidden until placed (`styles/events_lane.css`): no jump from the lane's corner.
    use_style(
        node.clone(),
        vec![
            ("left", format!("{:.1}px", props.left)),
            ("bottom", format!("{:.0}px", props.bottom)),
            ("visibility", "visible".into()),
        ],
    );
    let (date, selected) = (props.date, props.selected);
    let onclick = props.dispatch.reform(move |_| Action::Event(if selected { None } else { Some(date) }));
    html! {
        <button ref={node} type="button" class={classes!("event-marker", selected.then_some("selected"))}
            data-date={date.iso()} data-articles={props.articles.to_string()} tabindex={if props.tab_stop { "0" } else { "-1" }}
            aria-pressed={selected.to_string()} aria-label={props.label.clone()} title={props.label.clone()}
            onkeydown={props.onkeydown.clone()} {onclick}>
            <span class="marker-face" aria-hidden="true">
                { for props.slots.iter().take(4).map(|&s| html! {
                    <span class={classes!("stripe", outlet_class(s, props.outlets))} />
                }) }
            </span>
        </button>
    }
}
