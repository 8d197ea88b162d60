//! The ranked result list with highlighted snippets.

use crate::components::highlighted::Highlighted;
use crate::data::Data;
use crate::format::{count, date, outlet_color};
use crate::state::Action;
use dateline_core::search::{snippet, Results};
use std::collections::HashSet;
use std::rc::Rc;
use yew::prelude::*;

/// Results rendered at first; "Show more" adds as many again.
const PAGE: usize = 20;

/// Props of [`ResultList`].
#[derive(Properties, PartialEq)]
pub struct ResultListProps {
    /// The corpus.
    pub data: Rc<Data>,
    /// Current results.
    pub results: Rc<Results>,
    /// Open article id.
    pub open: Option<String>,
    /// State updates.
    pub dispatch: Callback<Action>,
}

/// The result list.
#[function_component(ResultList)]
pub fn result_list(props: &ResultListProps) -> Html {
    let shown = use_state(|| PAGE);
    {
        // A new result set starts from the first page again.
        let shown = shown.clone();
        use_effect_with(props.results.clone(), move |_| shown.set(PAGE));
    }
    let data = &props.data;
    let terms: HashSet<String> = props.results.highlight.iter().cloned().collect();
    let n_outlets = data.corpus.outlets.len();
    let total = props.results.hits.len();
    let items = props.results.hits.iter().take(*shown).map(|hit| {
        let a = &data.corpus.articles[hit.doc as usize];
        let slot = data.doc_slot(hit.doc);
        let outlet = a.outlet.as_deref().and_then(|k| data.corpus.outlet(k));
        let outlet_name = outlet.map_or("Unknown outlet".to_string(), |o| o.name.clone());
        let title = dateline_core::search::highlight(&a.title, &terms);
        let snip = snippet(a, &terms, 32);
        let id = a.id.clone();
        let onclick = props.dispatch.reform(move |_| Action::Open(id.clone()));
        let selected = props.open.as_deref() == Some(a.id.as_str());
        html! {
            <li class={classes!("result", selected.then_some("selected"))} data-id={a.id.clone()} data-outlet={a.outlet.clone().unwrap_or_else(|| crate::state::UNKNOWN_OUTLET.into())}
                style={format!("--outlet: {}", outlet_color(slot, n_outlets))}>
                <button type="button" class="result-button" {onclick} aria-current={selected.then_some("true")}>
                    <span class="result-meta">
                        <span class="chip">{outlet_name}</span>
                        <span class={classes!("date", a.date.date.is_none().then_some("undated"))}>{date(&a.date)}</span>
                        if let Some(author) = &a.author { <span class="author">{author.clone()}</span> }
                        if hit.typos > 0 { <span class="typo" title="matched a similar spelling">{"≈ similar spelling"}</span> }
                    </span>
                    <span class="result-title"><Highlighted fragments={title} /></span>
                    <span class="snippet"><Highlighted fragments={snip} /></span>
                </button>
            </li>
        }
    }).collect::<Html>();
    let export = |json: bool| {
        let data = props.data.clone();
        let results = props.results.clone();
        Callback::from(move |_| {
            let rows: Vec<_> = results
                .hits
                .iter()
                .map(|h| dateline_core::export::row(&data.corpus, &data.corpus.articles[h.doc as usize]))
                .collect();
            let (body, mime, name) = if json {
                (dateline_core::export::to_json(&rows), "application/json", "dateline-results.json")
            } else {
                (dateline_core::export::to_csv(&rows), "text/csv", "dateline-results.csv")
            };
            download(&body, mime, name);
        })
    };
    let more = {
        let shown = shown.clone();
        Callback::from(move |_| shown.set(*shown + PAGE))
    };
    html! {
        <section class="results" aria-label="Results">
            <div class="section-head">
                <h2 id="result-count" aria-live="polite">{count(total, "article", "articles")}</h2>
                if total > 0 {
                    <span class="export">
                        <button type="button" class="link" id="export-csv" onclick={export(false)}>{"Export CSV"}</button>
                        <button type="button" class="link" id="export-json" onclick={export(true)}>{"Export JSON"}</button>
                    </span>
                }
            </div>
            if total == 0 {
                <p class="empty-state">{"No article matches. Remove a word, an outlet or the date range."}</p>
            }
            <ol id="results">{items}</ol>
            if total > *shown {
                <button type="button" class="more" onclick={more}>{format!("Show more ({} of {total} shown)", *shown)}</button>
            }
        </section>
    }
}

/// Offers `body` as a file download (a Blob behind a temporary link).
fn download(body: &str, mime: &str, name: &str) {
    use wasm_bindgen::JsCast;
    let blob = gloo::file::Blob::new_with_options(body, Some(mime));
    let url = gloo::file::ObjectUrl::from(blob);
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(a) = document.create_element("a").ok().and_then(|el| el.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return;
    };
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // Keep the object URL alive while the download starts, then revoke it.
    gloo::timers::callback::Timeout::new(30_000, move || drop(url)).forget();
}
