//! Downloads for every export button: what the export was made from
//! ([`meta`]: the corpus and the current search, as the app state holds it
//! and the URL will: the URL lags typing by a pause, so the state comes
//! from the [`Current`] context the explorer provides), the time stamp (the
//! core has no clock), and the download itself (a Blob behind a temporary
//! link).

use crate::data::Data;
use crate::state::{State, UrlState};
use dateline_core::export::Meta;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The explorer's current state, provided to the views that export or
/// save it.
#[derive(Debug, Clone, PartialEq)]
pub struct Current(pub Rc<State>);

/// The current state: the context's, else the URL's.
#[hook]
pub fn use_current_state(data: &Data) -> Rc<State> {
    match use_context::<Current>() {
        Some(Current(state)) => state,
        None => {
            let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
            Rc::new(UrlState::from_hash(&hash).to_state(|k| data.slot_of(k).is_some(), |id| data.may_have_id(id)))
        }
    }
}

/// The URL hash of a search (without the open article).
pub fn search_hash(state: &State) -> String {
    let mut state = state.clone();
    state.open = None;
    UrlState::from(&state).to_hash()
}

/// What an export is made from: corpus, query, filters, the URL state
/// that reopens the search (without an open article) and the time.
pub fn meta(data: &Data, state: &State) -> Meta {
    let mut filters = std::collections::BTreeMap::new();
    if !state.outlets.is_empty() {
        filters.insert(if state.by_source { "sources" } else { "outlets" }.to_string(), state.outlets.join(","));
    }
    if !state.languages.is_empty() {
        filters.insert("languages".into(), state.languages.join(","));
    }
    if let Some((from, to)) = state.range {
        filters.insert("from".into(), from.iso());
        filters.insert("to".into(), to.iso());
    }
    if let Some(event) = state.event {
        filters.insert("mentions".into(), event.iso());
    }
    Meta {
        corpus: data.name.clone(),
        query: state.query.clone(),
        filters,
        url_state: search_hash(state),
        exported: js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default(),
    }
}

/// Offers `body` as a file download named `name`.
pub fn download(body: &str, mime: &str, name: &str) {
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

/// A file format of the export buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CSV (RFC 4180, spreadsheet-safe).
    Csv,
    /// JSON with the `dateline` header.
    Json,
    /// RIS citations.
    Ris,
    /// BibTeX citations.
    Bibtex,
    /// CSL-JSON citations.
    CslJson,
}

impl Format {
    /// (file extension, MIME type, file-name view part).
    pub fn file(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Format::Csv => ("csv", "text/csv", ""),
            Format::Json => ("json", "application/json", ""),
            Format::Ris => ("ris", "application/x-research-info-systems", "citations"),
            Format::Bibtex => ("bib", "application/x-bibtex", "citations"),
            Format::CslJson => ("json", "application/vnd.citationstyles.csl+json", "csl"),
        }
    }

    /// The format's name, as its button says it.
    pub fn label(self) -> &'static str {
        match self {
            Format::Csv => "CSV",
            Format::Json => "JSON",
            Format::Ris => "RIS",
            Format::Bibtex => "BibTeX",
            Format::CslJson => "CSL-JSON",
        }
    }
}
