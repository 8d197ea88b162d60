//! Outlet filters (the body of the "Outlets" panel): one toggle per
//! outlet with its live count for the current query and date range;
//! "Clear the selection" releases every toggle. A long list (more than 15 outlets) shows
//! the twelve with the most matches, plus any selected, until expanded.
//!
//! When some articles are reprints, a switch groups the outlets by
//! publisher (who printed the article) or by original source (a reprint
//! counts under the agency or outlet it reprints, everything else under its
//! publisher); the list then shows the outlets of that grouping.

use crate::data::Data;
use crate::state::{Action, UNKNOWN_OUTLET};
use crate::style::outlet_class;
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
    /// Outlets grouped by original source instead of publisher.
    pub by_source: bool,
    /// State updates.
    pub dispatch: Callback<Action>,
}

/// Outlets shown before "Show all" when there are many.
const SHORT_LIST: usize = 12;

/// The outlet filter list.
#[function_component(OutletFilters)]
pub fn outlet_filters(props: &OutletFiltersProps) -> Html {
    let data = &props.data;
    let outlets = &data.outlets;
    let n = outlets.len();
    let by_source = props.by_source && data.has_reprints();
    let in_grouping = |slot: usize| data.in_grouping(slot, by_source);
    let unknown = if by_source { data.has_unknown_source() } else { data.has_unknown_outlet() };
    let all: Vec<(usize, String, String)> = outlets
        .iter()
        .enumerate()
        .filter(|(slot, _)| in_grouping(*slot))
        .map(|(slot, o)| (slot, o.key.clone(), o.name.clone()))
        .chain(unknown.then(|| (n, UNKNOWN_OUTLET.to_string(), "Unknown outlet".to_string())))
        .collect();
    let count_of = |slot: usize| props.results.outlet_counts.get(slot).copied().unwrap_or(0);
    // A long list shows the outlets with the most matches (and every
    // selected one) until the user asks for all of them.
    let expanded = use_state(|| false);
    let long = all.len() > SHORT_LIST + 3;
    let entries: Vec<&(usize, String, String)> = if long && !*expanded {
        let mut by_count: Vec<&(usize, String, String)> = all.iter().collect();
        by_count.sort_by_key(|(slot, _, _)| (std::cmp::Reverse(count_of(*slot)), *slot));
        let mut shown: Vec<&(usize, String, String)> = by_count.iter().take(SHORT_LIST).copied().collect();
        shown.extend(by_count.iter().skip(SHORT_LIST).filter(|(_, k, _)| props.selected.contains(k)).copied());
        shown
    } else {
        all.iter().collect()
    };
    let toggle = {
        let expanded = expanded.clone();
        Callback::from(move |_| expanded.set(!*expanded))
    };
    let clear = props.dispatch.reform(|_| Action::ClearOutlets);
    let group = |source: bool, label: &'static str| {
        let onclick = props.dispatch.reform(move |_| Action::GroupBySource(source));
        html! {
            <button type="button" class={classes!("group", (by_source == source).then_some("pressed"))}
                id={if source { "group-source" } else { "group-publisher" }}
                aria-pressed={(by_source == source).to_string()} {onclick}>{label}</button>
        }
    };
    html! {
        <div class="outlets" id="outlets">
            if data.has_reprints() {
                <div class="grouping" role="group" aria-label="Group articles by">
                    { group(false, "Publisher") }
                    { group(true, "Original source") }
                </div>
            }
            <ul>
                { for entries.into_iter().map(|(slot, key, name)| {
                    let (slot, key, name) = (*slot, key.clone(), name.clone());
                    let pressed = props.selected.contains(&key);
                    let count = count_of(slot);
                    let onclick = { let key = key.clone(); props.dispatch.reform(move |_| Action::ToggleOutlet(key.clone())) };
                    html! {
                        <li key={key.clone()}>
                            <button type="button" class={classes!("outlet-filter", outlet_class(slot, n), pressed.then_some("pressed"), (count == 0).then_some("empty"))}
                                data-outlet={key.clone()} aria-pressed={pressed.to_string()} {onclick}>
                                <span class="swatch" aria-hidden="true"></span>
                                <span class="name" title={name.clone()}>{name}</span>
                                <span class="count" aria-label={format!("{count} matching")}>{count}</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
            <div class="outlet-actions">
                if long {
                    <button type="button" class="small more-outlets" id="more-outlets" aria-expanded={expanded.to_string()} onclick={toggle}>
                        { if *expanded { "Show the top outlets".to_string() } else { format!("Show all {} outlets", all.len()) } }
                    </button>
                }
                if !props.selected.is_empty() {
                    <button type="button" class="small" id="clear-outlets" onclick={clear}>
                        {format!("Clear the selection ({})", props.selected.len())}
                    </button>
                }
            </div>
        </div>
    }
}
