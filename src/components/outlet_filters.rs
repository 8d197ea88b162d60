//! Outlet filters: one toggle per outlet with its live count for the
//! current query and date range.

use crate::data::Data;
use crate::format::outlet_color;
use crate::state::{Action, UNKNOWN_OUTLET};
use dateline_core::search::Results;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`OutletFilters`].
#[derive(Properties, PartialEq)]
pub struct OutletFiltersProps {
    /// The corpus.
    pub data: Rc<Data>,
    /// Current results (for the counts).
    pub results: Rc<Results>,
    /// Selected outlet keys.
    pub selected: Vec<String>,
    /// State updates.
    pub dispatch: Callback<Action>,
}

/// The outlet filter list.
#[function_component(OutletFilters)]
pub fn outlet_filters(props: &OutletFiltersProps) -> Html {
    let outlets = &props.data.corpus.outlets;
    let n = outlets.len();
    let unknown = props.data.has_unknown_outlet;
    let entries = outlets
        .iter()
        .enumerate()
        .map(|(slot, o)| (slot, o.key.clone(), o.name.clone()))
        .chain(unknown.then(|| (n, UNKNOWN_OUTLET.to_string(), "Unknown outlet".to_string())));
    let clear = props.dispatch.reform(|_| Action::ClearOutlets);
    html! {
        <section class="outlets" aria-labelledby="outlets-heading">
            <div class="section-head">
                <h2 id="outlets-heading">{"Outlets"}</h2>
                if !props.selected.is_empty() {
                    <button type="button" class="link" onclick={clear}>{"show all"}</button>
                }
            </div>
            <ul>
                { for entries.map(|(slot, key, name)| {
                    let pressed = props.selected.contains(&key);
                    let count = props.results.outlet_counts.get(slot).copied().unwrap_or(0);
                    let onclick = { let key = key.clone(); props.dispatch.reform(move |_| Action::ToggleOutlet(key.clone())) };
                    html! {
                        <li>
                            <button type="button" class={classes!("outlet-filter", pressed.then_some("pressed"), (count == 0).then_some("empty"))}
                                data-outlet={key.clone()} aria-pressed={pressed.to_string()} {onclick}
                                style={format!("--outlet: {}", outlet_color(slot, n))}>
                                <span class="swatch" aria-hidden="true"></span>
                                <span class="name">{name}</span>
                                <span class="count" aria-label={format!("{count} matching")}>{count}</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
