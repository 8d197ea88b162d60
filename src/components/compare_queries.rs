//! Compared queries: the fields under the search box ("+ Compare a
//! query"), and the searches behind the timeline's coverage view.
//!
//! Each compared query is searched on its own with the main query's
//! filters, on the timeline's axis (`dateline_core::coverage`); in the
//! share view the empty query under the same filters gives the outlets'
//! output per bucket. In the split layout each of these searches fetches
//! its own dictionary and posting files, as the main search does
//! ([`Data::count`]); until they arrive its line is missing and the
//! legend says it is loading. The outlet filter keeps the main query's
//! counts: the compared queries only draw lines.

use crate::app::filters_of;
use crate::data::{Data, Searched};
use crate::state::{Action, State, MAX_COMPARE};
use crate::style::entry_class;
use dateline_core::search::Request;
use dateline_core::timeline::{Axis, Histogram};
use yew::prelude::*;

/// What the coverage view draws besides the main query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Coverage {
    /// Compared queries (non-empty ones) with their histogram, `None`
    /// while their files are fetched.
    pub compared: Vec<(String, Option<Histogram>)>,
    /// The outlets' output under the filters (share view only), `None`
    /// while fetched or not asked for.
    pub output: Option<Histogram>,
}

/// Runs the compared queries, and the output when the share is shown.
pub fn run_coverage(data: &Data, s: &State, axis: Option<Axis>) -> Coverage {
    let filters = filters_of(data, s);
    let count = |query: &str| match data.count(
        &Request { query: query.to_string(), filters: filters.clone(), sort: s.sort, typing: true },
        axis.clone(),
    ) {
        Searched::Done(r) => Some(r.histogram),
        Searched::Pending => None,
    };
    Coverage {
        compared: s.compare.iter().filter(|q| !q.trim().is_empty()).map(|q| (q.clone(), count(q))).collect(),
        output: if s.share { count("") } else { None },
    }
}

/// The palette class of line `k` (0 is the main query): colour `k`;
/// `styles/timeline.css` gives each its own dash pattern and marker.
pub fn line_class(k: usize) -> Classes {
    classes!(entry_class(Some(k)), format!("q{k}"))
}

/// Props of [`CompareQueries`].
#[derive(Properties, PartialEq)]
pub struct CompareQueriesProps {
    /// The compared queries as typed.
    pub queries: Vec<String>,
    /// State updates.
    pub dispatch: Callback<Action>,
}

/// The compared queries' fields and the button that adds one.
#[function_component(CompareQueries)]
pub fn compare_queries(props: &CompareQueriesProps) -> Html {
    let add = props.dispatch.reform(|_| Action::AddCompare);
    // A new field takes the focus.
    let count = props.queries.len();
    let previous = use_mut_ref(|| count);
    use_effect_with(count, move |&n| {
        if n > *previous.borrow() {
            if let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&format!("compare-q{n}")))
                .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok())
            {
                let _ = el.focus();
            }
        }
        *previous.borrow_mut() = n;
    });
    let field = |i: usize, q: &String| {
        let oninput = props.dispatch.reform(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            Action::SetCompare(i, input.value())
        });
        let remove = props.dispatch.reform(move |_| Action::RemoveCompare(i));
        let id = format!("compare-q{}", i + 1);
        html! {
            <li class={line_class(i + 1)}>
                <span class="line-swatch" aria-hidden="true"></span>
                <label for={id.clone()} class="visually-hidden">{format!("Compared query {}", i + 1)}</label>
                <input {id} type="search" autocomplete="off" spellcheck="false" value={q.clone()} {oninput}
                    placeholder="compare with… e.g. ceasefire" />
                <button type="button" class="small remove-compare" onclick={remove}
                    aria-label={format!("Remove compared query {}", i + 1)}>{"×"}</button>
            </li>
        }
    };
    html! {
        <div class="compare-queries" id="compare-queries" role="search" aria-label="Compare queries on the timeline">
            if !props.queries.is_empty() {
                <ul aria-label="Compared queries">
                    { for props.queries.iter().enumerate().map(|(i, q)| field(i, q)) }
                </ul>
            }
            if props.queries.len() < MAX_COMPARE {
                <button type="button" class="small" id="add-compare" onclick={add}
                    title="Show another query's articles on the same timeline">{"+ Compare a query"}</button>
            }
        </div>
    }
}
