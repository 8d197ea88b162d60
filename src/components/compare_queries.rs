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
        Searched::Done(r) => Some(r.histogram.clone()),
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

/// Props of [`OutletShares`].
#[derive(Properties, PartialEq)]
pub struct OutletSharesProps {
    /// The corpus (outlet names).
    pub data: std::rc::Rc<Data>,
    /// The main query's timeline histogram.
    pub matches: Histogram,
    /// The outlets' output on the same axis and filters.
    pub output: Histogram,
}

/// The share view's table: per outlet with dated articles on the axis,
/// how many of them match and the share, highest first
/// (`dateline_core::coverage::outlet_shares`).
#[function_component(OutletShares)]
pub fn outlet_shares(props: &OutletSharesProps) -> Html {
    let shares = dateline_core::coverage::outlet_shares(&props.matches, &props.output);
    let sum =
        |h: &Histogram, slot: usize| -> u32 { h.counts.iter().map(|row| row.get(slot).copied().unwrap_or(0)).sum() };
    let mut rows: Vec<(usize, f64)> = shares.iter().enumerate().filter_map(|(slot, p)| p.map(|p| (slot, p))).collect();
    rows.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    html! {
        <details class="outlet-shares" id="outlet-shares">
            <summary>{format!("Share of each outlet's output ({} outlets)", rows.len())}</summary>
            <table>
                <thead><tr><th scope="col">{"Outlet"}</th><th scope="col">{"Matching"}</th><th scope="col">{"Share"}</th></tr></thead>
                <tbody>
                    { for rows.iter().map(|&(slot, p)| {
                        let (m, o) = (sum(&props.matches, slot), sum(&props.output, slot));
                        html! {
                            <tr data-outlet={props.data.outlets.get(slot).map_or(crate::state::UNKNOWN_OUTLET.to_string(), |o| o.key.clone())} data-matches={m.to_string()} data-output={o.to_string()}>
                                <th scope="row"><bdi>{props.data.outlet_name(slot).to_string()}</bdi></th>
                                <td>{format!("{} of {}", crate::format::thousands(m as usize), crate::format::thousands(o as usize))}</td>
                                <td data-share={format!("{p:.4}")}>{format!("{p:.1}%")}</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </details>
    }
}
