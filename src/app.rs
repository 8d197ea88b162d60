//! The root component: loads the corpus (embedded, or the split layout's
//! manifest and first files), owns the reducer, keeps the URL hash in sync
//! and lays out the views. In the split layout a search waits for the
//! files it needs: the previous results stay on screen, marked as
//! updating, and a failed fetch is shown with a retry button.
//!
//! **Layout** (`styles/base.css`): the search box is sticky at the top, and
//! the results come right after it at every width. On wide screens (1100
//! px and more) the filters are a column on the left, the timeline,
//! mentioned dates and comparison a column on the right, and the reader
//! takes that column's place (and the filters' below 1300 px). Narrower,
//! those panels start closed in a row above the results (each opens in
//! place and the browser remembers it), and the reader is a full-screen
//! sheet: a modal dialog, the page behind it inert.
//!
//! **Keyboard**: a skip link to the results, `/` to the search box (the
//! key is not typed), the arrow keys through the results from the search
//! box, Enter to open one, Escape to close the reader, and the focus goes
//! back to what opened it.

use crate::components::compare_queries::{run_coverage, CompareQueries};
use crate::components::{
    compare::Compare, event_passages::EventPassages, header::Header, language_filters::LanguageFilters,
    outlet_filters::OutletFilters, panel::Panel, reader::Reader, result_list::ResultList, search_box::SearchBox,
    timeline::Timeline,
};
use crate::data::{Data, DataVersion, Searched};
use crate::format::{count, day, span};
use crate::state::{Action, State, UrlState};
use crate::style::{use_media, TWO_COLUMNS, WIDE};
use dateline_core::model::Date;
use dateline_core::search::{Filters, Marks, Request, Results};
use dateline_core::timeline::Axis;
use gloo::events::{EventListener, EventListenerOptions};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Pause in typing after which the query is written into the URL.
const URL_DELAY_MS: u32 = 300;

/// Writes `hash` into the URL: a new history entry (`push`) or in place.
fn set_url(hash: &str, push: bool) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = if push {
            history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(hash))
        } else {
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(hash))
        };
    }
}

fn current_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

fn state_from_url(data: &Data) -> State {
    UrlState::from_hash(&current_hash()).to_state(|k| data.slot_of(k).is_some(), |id| data.may_have_id(id))
}

/// The app root.
#[function_component(App)]
pub fn app() -> Html {
    let data = use_memo((), |_| Data::load().map(Rc::new));
    // Fetched files (split layout) bump the version, which renders the
    // views that show fetched data again.
    let version = use_state(|| 0u32);
    {
        let version = version.clone();
        use_effect_with(data.clone(), move |data| {
            if let Ok(data) = &**data {
                let setter = version.setter();
                let counter = Rc::new(std::cell::Cell::new(0u32));
                data.on_change(move || {
                    counter.set(counter.get().wrapping_add(1));
                    setter.set(counter.get());
                });
                data.start();
            }
        });
    }
    let data = match &*data {
        Ok(data) => data.clone(),
        Err(e) => {
            return html! { <main class="fatal"><h1>{"Dateline could not load its corpus"}</h1><p>{e.clone()}</p></main> };
        }
    };
    if data.layout() == "split" && crate::fetch::from_disk() {
        return html! {
            <main class="fatal" id="needs-server">
                <h1>{"This explorer needs a web server"}</h1>
                <p>{format!("Its corpus ({} articles) is split into many files that a browser loads only from a web server, \
                    not from your disk. Serve this folder, for example with ", data.articles)}
                    <code>{"python3 -m http.server"}</code>{" in it, and open the address it prints (http://localhost:8000/)."}</p>
                <p>{"Small corpora are also built as one file, dateline.html, which opens from disk; this one is too large for that."}</p>
            </main>
        };
    }
    if !data.ready() {
        let (busy, error) = data.status();
        let retry = {
            let data = data.clone();
            Callback::from(move |_| data.retry())
        };
        return html! {
            <main class="fatal" id="loading" aria-busy={(busy > 0).to_string()}>
                <h1>{"Dateline"}</h1>
                if let Some(e) = error {
                    <p role="alert">{format!("Could not load the corpus: {e}")}</p>
                    <button type="button" id="retry" onclick={retry}>{"Retry"}</button>
                } else {
                    <p role="status">{format!("Loading the corpus ({} articles)…", data.articles)}</p>
                }
            </main>
        };
    }
    html! {
        <ContextProvider<DataVersion> context={DataVersion(*version)}>
            <Explorer data={data} version={*version} />
        </ContextProvider<DataVersion>>
    }
}

/// Props of [`Explorer`].
#[derive(Properties, PartialEq)]
pub struct ExplorerProps {
    /// The loaded corpus and index.
    pub data: Rc<Data>,
    /// [`DataVersion`]: changes when fetched data arrives.
    pub version: u32,
}

/// Runs the search for a state, counting the timeline on `axis` (the
/// view axis of the state's range, see [`Data::view_axis`]). Only the
/// first rows are ranked ([`crate::components::result_list::RANK_FIRST`]);
/// what shows or needs more asks [`Data::ranked_to`].
pub fn run_search(data: &Data, s: &State, axis: Option<Axis>) -> Searched {
    let req = Request { query: s.query.clone(), filters: filters_of(data, s), sort: s.sort, typing: true };
    data.search_top(&req, axis, crate::components::result_list::RANK_FIRST)
}

/// The search filters of a state.
pub fn filters_of(data: &Data, s: &State) -> Filters {
    Filters {
        outlets: s.outlets.iter().filter_map(|k| data.slot_of(k)).collect(),
        from: s.range.map(|r| r.0.days_since_epoch() as i32),
        to: s.range.map(|r| r.1.days_since_epoch() as i32),
        by_source: s.by_source,
        languages: s.languages.iter().filter_map(|l| data.language_slot(l)).collect(),
    }
}

/// The explorer: search, filters, timeline, results and reader.
#[function_component(Explorer)]
pub fn explorer(props: &ExplorerProps) -> Html {
    let data = props.data.clone();
    let _ = use_context::<DataVersion>();
    let state = {
        let data = data.clone();
        use_reducer(move || state_from_url(&data))
    };

    // State → URL. Typing replaces the history entry, once the user pauses
    // for URL_DELAY_MS (Chromium's replaceState takes about 2 ms, a tenth of
    // a keystroke's budget at 40k articles); other changes push an entry at
    // once, after writing any pending query into the entry they leave.
    {
        let last = use_mut_ref(|| (*state).clone());
        let pending = use_mut_ref(|| None::<(gloo::timers::callback::Timeout, String)>);
        use_effect_with((*state).clone(), move |s| {
            let hash = UrlState::from(s).to_hash();
            // Typing in a compared query is typing too.
            let typed_compare = last.borrow().compare.len() == s.compare.len();
            let compare = if typed_compare { s.compare.clone() } else { last.borrow().compare.clone() };
            let only_query = State { query: s.query.clone(), compare, ..last.borrow().clone() } == *s;
            let waiting = pending.borrow_mut().take();
            if hash != current_hash() && !(hash == "#/" && current_hash().is_empty()) {
                if only_query {
                    // Once fired, the entry stays until the next change drops it;
                    // flushing it again then rewrites the same URL.
                    let timeout = gloo::timers::callback::Timeout::new(URL_DELAY_MS, {
                        let hash = hash.clone();
                        move || set_url(&hash, false)
                    });
                    *pending.borrow_mut() = Some((timeout, hash));
                } else {
                    if let Some((_, typed)) = waiting {
                        set_url(&typed, false);
                    }
                    set_url(&hash, true);
                }
            }
            *last.borrow_mut() = s.clone();
        });
    }
    // URL → state (back/forward, edited or shared links).
    {
        let state = state.clone();
        let data = data.clone();
        use_effect_with((), move |_| {
            let window = web_sys::window().expect("a browser window");
            let on_pop = {
                let state = state.clone();
                let data = data.clone();
                EventListener::new(&window, "popstate", move |_| state.dispatch(Action::Restore(state_from_url(&data))))
            };
            let on_hash = EventListener::new(&window, "hashchange", move |_| {
                state.dispatch(Action::Restore(state_from_url(&data)))
            });
            move || drop((on_pop, on_hash))
        });
    }
    // The element that opened the reader: the focus goes back to it when
    // the reader closes.
    let opener = use_mut_ref(|| None::<web_sys::HtmlElement>);
    // Keyboard: "/" focuses the search box, Escape closes the reader. The
    // listener is not passive: it keeps "/" out of the box and the arrow
    // keys from scrolling.
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let document = web_sys::window().and_then(|w| w.document()).expect("a document");
            let listener = EventListener::new_with_options(
                &document,
                "keydown",
                EventListenerOptions::enable_prevent_default(),
                move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                    if e.ctrl_key() || e.meta_key() || e.alt_key() {
                        return;
                    }
                    let target = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
                    let in_field = target.as_ref().is_some_and(|el| {
                        matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                            || el.has_attribute("contenteditable")
                    });
                    let is_search = target.as_ref().is_some_and(|el| el.id() == "search");
                    match e.key().as_str() {
                        "/" if !in_field => {
                            e.prevent_default();
                            if let Some(input) = web_sys::window()
                                .and_then(|w| w.document())
                                .and_then(|d| d.get_element_by_id("search"))
                                .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
                            {
                                let _ = input.focus();
                                input.select();
                            }
                        }
                        "Escape" if state.open.is_some() => {
                            e.prevent_default();
                            state.dispatch(Action::Close);
                        }
                        // Arrow keys move through the results from the search
                        // box, a result, or nowhere in particular (bars,
                        // markers and fields keep theirs); Enter on a result
                        // opens it (it is a button).
                        "ArrowDown" | "ArrowUp" => {
                            let in_results =
                                target.as_ref().is_some_and(|el| el.closest("#results").ok().flatten().is_some());
                            let nowhere =
                                target.as_ref().is_none_or(|el| matches!(el.tag_name().as_str(), "BODY" | "HTML"));
                            if !(is_search || in_results || nowhere) {
                                return;
                            }
                            if crate::components::result_list::move_focus(e.key() == "ArrowDown") {
                                e.prevent_default();
                            }
                        }
                        _ => {}
                    }
                },
            );
            move || drop(listener)
        });
    }
    // The reader closed: the focus goes back to what opened it (a result,
    // a passage, a quote), or to the article's row, or the first result.
    {
        let opener = opener.clone();
        let previous = use_mut_ref(|| None::<String>);
        use_effect_with(state.open.clone(), move |open| {
            let closed = previous.borrow().clone().filter(|_| open.is_none());
            *previous.borrow_mut() = open.clone();
            if let Some(id) = closed {
                // Rows are reused for other articles (keyed by position):
                // a result row that now shows another article is not it.
                let back = opener.borrow_mut().take().filter(|el| {
                    el.is_connected()
                        && el
                            .closest(".result")
                            .ok()
                            .flatten()
                            .is_none_or(|row| row.get_attribute("data-id").as_deref() == Some(id.as_str()))
                });
                match back {
                    Some(el) => {
                        let _ = el.focus();
                    }
                    None => {
                        crate::components::result_list::focus_result(Some(&id));
                    }
                }
            }
        });
    }

    // The axis shown follows the range (zoom); the search counts the
    // timeline on the same axis.
    let axis = {
        let data = data.clone();
        use_memo((state.range, state.grain), move |(r, g)| crate::chart::with_grain(data.view_axis(*r), *g))
    };
    let searched = {
        let data = data.clone();
        let s = (*state).clone();
        let axis = (*axis).clone();
        // Searches run again when index files arrive, not when an article
        // shown in a row does.
        let index_version = data.index_version();
        use_memo(
            (
                s.query.clone(),
                s.outlets.clone(),
                s.languages.clone(),
                s.range,
                s.grain,
                s.sort,
                s.by_source,
                index_version,
            ),
            move |_| run_search(&data, &s, axis),
        )
    };
    // Compared queries and the outlets' output (coverage view), with the
    // same filters on the same axis.
    let coverage = {
        let data = data.clone();
        let s = (*state).clone();
        let axis = (*axis).clone();
        let index_version = data.index_version();
        use_memo(
            (
                s.compare.clone(),
                s.share,
                s.outlets.clone(),
                s.languages.clone(),
                s.range,
                s.grain,
                s.by_source,
                index_version,
            ),
            move |_| run_coverage(&data, &s, axis),
        )
    };
    // While a search waits for files, the last results stay on screen.
    let last_done = use_mut_ref(|| None::<Rc<Results>>);
    let pending = matches!(*searched, Searched::Pending);
    let results: Rc<Results> = match &*searched {
        // The memo keeps one `Rc` per search: compared by pointer, not
        // hit by hit (a profile at 44k articles found 6% of the typing
        // time in comparing and copying equal results).
        Searched::Done(r) => {
            if !last_done.borrow().as_ref().is_some_and(|prev| Rc::ptr_eq(prev, r)) {
                *last_done.borrow_mut() = Some(r.clone());
            }
            r.clone()
        }
        Searched::Pending => last_done.borrow().clone().unwrap_or_default(),
    };

    // The panels around the list (outlet counts, timeline, events) render
    // in the same task as the list, so both reach the screen in the same
    // frame. (Until stop 32 they followed one zero-delay timeout later, to
    // put the list in the DOM first; but Chromium painted a frame in
    // between, so the panels settled a frame after the list. Measured by
    // e2e/bench.mjs at 40k articles, single terms, p50 / p95, idle machine:
    // deferred, list 5.8 / 8.3 ms and panels settled 18.8 / 26.2 ms;
    // together, both 7.0 / 11.1 ms, the list 4 ms later at p50 and the
    // whole screen a frame sooner. e2e/trace.mjs showed the frame in
    // between.)
    //
    // The mentioned dates follow the results; in the split layout
    // their file is fetched after the rows on screen (an effect runs once
    // the whole tree has rendered and asked for what it shows).
    {
        let data = data.clone();
        use_effect_with(props.version, move |_| data.fetch_events_when_idle());
    }
    let events_loading = data.events().is_none();
    let events = {
        let data = data.clone();
        use_memo((results.clone(), props.version), move |(r, _)| data.event_days(&r.docs).unwrap_or_default())
    };

    // Every action goes through here: opening the reader remembers what
    // had the focus.
    let dispatch = {
        let state = state.clone();
        let opener = opener.clone();
        Callback::from(move |a: Action| {
            if matches!(a, Action::Open(_)) && state.open.is_none() {
                *opener.borrow_mut() = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.active_element())
                    .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
            }
            state.dispatch(a)
        })
    };
    let open_article = {
        let data = data.clone();
        use_memo((state.open.clone(), props.version), move |(open, _)| {
            open.as_deref().and_then(|id| data.doc_of(id)).and_then(|doc| data.full(doc)).map(Rc::new)
        })
    };
    let (busy, fetch_error) = data.status();
    let fetching = fetch_error.is_none() && (pending || busy > 0);
    let retry = {
        let data = data.clone();
        Callback::from(move |_| data.retry())
    };
    let open_article = (*open_article).clone();

    let wide = use_media(WIDE);
    let reading = open_article.is_some();
    // Below the wide layout the reader is a modal sheet: the rest is inert.
    let sheet = reading && !wide;
    let inert = sheet;
    let skip = Callback::from(|e: MouseEvent| {
        e.prevent_default();
        crate::components::result_list::focus_result(None);
    });
    // The panel holds the outlet and the language filters: say which.
    let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    let chosen: Vec<String> = [(state.outlets.len(), "outlet"), (state.languages.len(), "language")]
        .into_iter()
        .filter(|&(n, _)| n > 0)
        .map(|(n, what)| plural(n, what))
        .collect();
    let outlets_summary = (!chosen.is_empty()).then(|| AttrValue::from(format!("{} selected", chosen.join(", "))));
    let range_summary = AttrValue::from(match state.range {
        Some((a, b)) => span(a, Date::from_days_since_epoch(b.days_since_epoch() - 1)),
        None => "all dates".to_string(),
    });
    let dates_summary = match state.event {
        Some(d) => Some(AttrValue::from(day(d))),
        None => (!events.is_empty()).then(|| AttrValue::from(count(events.len(), "day", "days"))),
    };
    // Exports and saved searches read the state from here (the URL
    // lags typing by URL_DELAY_MS).
    let current = crate::export::Current(Rc::new((*state).clone()));
    html! {
        <ContextProvider<crate::export::Current> context={current}>
        <div class={classes!("app", reading.then_some("reading"), sheet.then_some("sheet-open"))}>
            <a class="skip-link" href="#results" onclick={skip} {inert}>{"Skip to the results"}</a>
            <div class="top" {inert}>
                <Header data={data.clone()} />
            </div>
            <div class="search-bar" {inert}>
                <SearchBox value={state.query.clone()} dispatch={dispatch.clone()} />
                <CompareQueries queries={state.compare.clone()} dispatch={dispatch.clone()} />
                if let Some(e) = fetch_error {
                    <p class="fetch-error" role="alert">{format!("Part of the corpus could not be loaded ({e}); what is shown may be incomplete.")}
                        {" "}<button type="button" class="small" id="retry" onclick={retry}>{"Retry"}</button></p>
                }
                // The live region stays in the page (screen readers announce
                // changes to one already there) and takes no room: the note
                // floats under the bar, so the page below does not move
                // down and back up on every fetch (the result list measured
                // itself a line lower while it showed, and rendered one row
                // fewer than once it was gone).
                <p class="fetch-live" role="status" aria-live="polite">
                    if fetching {
                        <span class="fetch-status">{if pending { "Searching…" } else { "Loading…" }}</span>
                    }
                </p>
            </div>
            <div class="layout">
                <aside class="sidebar" aria-label="Filters" {inert}>
                    <Panel id="outlets" title="Outlets" summary={outlets_summary} open_when={TWO_COLUMNS}>
                        <OutletFilters data={data.clone()} results={results.clone()} selected={state.outlets.clone()} by_source={state.by_source} dispatch={dispatch.clone()} />
                        <LanguageFilters data={data.clone()} results={results.clone()} selected={state.languages.clone()} dispatch={dispatch.clone()} />
                    </Panel>
                    <Panel id="saved" title="Saved searches" open_when={TWO_COLUMNS}>
                        <crate::components::saved_searches::SavedSearches data={data.clone()} query={state.query.clone()} />
                    </Panel>
                </aside>
                <div class="panels" {inert}>
                    <Panel id="timeline" title="Timeline" summary={range_summary} open_when={WIDE}>
                        <Timeline data={data.clone()} results={results.clone()} axis={axis.clone()} range={state.range} events={events.clone()} events_loading={events_loading} event={state.event} dispatch={dispatch.clone()}
                            coverage={coverage.clone()} query={state.query.clone()} share={state.share} />
                    </Panel>
                    <Panel id="events" title="Mentioned dates" summary={dates_summary} open_when={WIDE}>
                        <EventPassages data={data.clone()} results={results.clone()} events={events.clone()} loading={events_loading} selected={state.event} dispatch={dispatch.clone()} />
                    </Panel>
                    <Panel id="compare" title="Compare outlets" open_when="not all">
                        <Compare data={data.clone()} results={results.clone()} dispatch={dispatch.clone()} />
                    </Panel>
                </div>
                <main class="main" id="main" {inert}>
                    <ResultList data={data.clone()} results={results.clone()} open={state.open.clone()} sort={state.sort} dispatch={dispatch.clone()}
                        outlet_sort={state.outlet_sort} group_outlets={state.group_outlets} />
                </main>
                if let Some(article) = open_article {
                    // A region beside the results, or a modal dialog over them.
                    <div class="reader-pane" id="reader-pane" role={if sheet { "dialog" } else { "region" }} aria-modal={sheet.then_some("true")}
                        aria-labelledby="reader-title">
                        <Reader data={data.clone()} article={article} highlight={Rc::new(Marks::of(&results))} dispatch={dispatch.clone()} />
                    </div>
                }
            </div>
        </div>
        </ContextProvider<crate::export::Current>>
    }
}
