//! The result list's export buttons: the current result set as CSV, JSON
//! and citations (RIS, BibTeX, CSL-JSON), every hit in result order.
//!
//! The embedded layout holds every article, so an export downloads at once.
//! The split layout fetches the articles first, in their fragment files,
//! and that can be a large download: a query matching 12,000 articles of a
//! million-article corpus fetches some 6,000 files before its CSV exists.
//! So in the split layout ([`plan`]):
//!
//! * an export needing more than [`ASK_ABOVE`] articles not yet here says
//!   how many articles and files it will fetch ("This CSV export first
//!   downloads 1,984 articles (992 files)."), and waits for a yes;
//! * an export of more than [`MAX_ARTICLES`] is refused with the reason (a
//!   tab holding that many decoded articles would run out of memory), and
//!   the way out: narrow the query by outlet, dates or words;
//! * while it waits for the articles, it says how many are here
//!   ("Preparing the export… 1,200 of 3,000 articles"), and can be
//!   cancelled.

use crate::data::Data;
use crate::export::Format;
use crate::format::{count, thousands};
use dateline_core::search::Results;
use dateline_core::split::Missing;
use std::rc::Rc;
use yew::prelude::*;

/// Articles an export may fetch without asking first (split layout).
pub const ASK_ABOVE: usize = 1_000;

/// The most articles an export from the split layout holds: their decoded
/// text stays in the tab until the file is written (at about 3 KB an
/// article, 60 MB).
pub const MAX_ARTICLES: usize = 20_000;

/// What a click on an export button does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plan {
    /// Export now (waiting for the few articles not here, if any).
    Now,
    /// Say what it will fetch and wait for a yes.
    Ask(Missing),
    /// Refuse: more than [`MAX_ARTICLES`] results.
    TooMany,
}

/// The plan for exporting `total` results; `split` for the split layout
/// (the embedded one has them all). `missing` counts the results not
/// here: a walk over all of them, so only asked for when it decides.
pub fn plan(split: bool, total: usize, missing: impl FnOnce() -> Missing) -> Plan {
    if !split {
        return Plan::Now;
    }
    if total > MAX_ARTICLES {
        return Plan::TooMany;
    }
    match missing() {
        missing if missing.articles > ASK_ABOVE => Plan::Ask(missing),
        _ => Plan::Now,
    }
}

/// Props of [`ExportButtons`].
#[derive(Properties, PartialEq)]
pub struct Props {
    pub data: Rc<Data>,
    /// The results shown (every hit in `docs`).
    pub results: Rc<Results>,
}

/// What the buttons show besides themselves.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Prompt {
    /// Waiting for a yes to fetch this many articles for `Format`.
    Ask(Format, Missing),
    /// Refused: too many results.
    TooMany,
}

/// The export buttons, and the question, refusal or progress of an export
/// (see the module docs).
#[function_component(ExportButtons)]
pub fn export_buttons(props: &Props) -> Html {
    let version = use_context::<crate::data::DataVersion>();
    let waiting = use_state(|| None::<Format>);
    let prompt = use_state(|| None::<Prompt>);
    let current = crate::export::use_current_state(&props.data);
    // Once the articles are here (a file arriving changes the version),
    // the waiting export downloads.
    {
        let data = props.data.clone();
        let results = props.results.clone();
        let waiting = waiting.clone();
        let current = current.clone();
        use_effect_with((*waiting, version, results.clone()), move |(format, _, _)| {
            if let Some(format) = *format {
                if export_now(&data, &current, &results, format) {
                    waiting.set(None);
                }
            }
        });
    }
    // A question or refusal is about one request: a new one drops it.
    {
        let prompt = prompt.clone();
        use_effect_with(props.results.request.clone(), move |_| prompt.set(None));
    }
    let start = {
        let data = props.data.clone();
        let results = props.results.clone();
        let waiting = waiting.clone();
        let current = current.clone();
        let prompt = prompt.clone();
        move |format: Format| {
            prompt.set(None);
            if !export_now(&data, &current, &results, format) {
                waiting.set(Some(format));
            }
        }
    };
    let export = |format: Format| {
        let data = props.data.clone();
        let results = props.results.clone();
        let prompt = prompt.clone();
        let start = start.clone();
        Callback::from(move |_| {
            match plan(data.is_split(), results.docs.len(), || data.missing_articles(&results.docs)) {
                Plan::Now => start(format),
                Plan::Ask(missing) => prompt.set(Some(Prompt::Ask(format, missing))),
                Plan::TooMany => prompt.set(Some(Prompt::TooMany)),
            }
        })
    };
    let cancel = {
        let (waiting, prompt) = (waiting.clone(), prompt.clone());
        Callback::from(move |_| {
            waiting.set(None);
            prompt.set(None);
        })
    };
    let total = props.results.docs.len();
    let status = match (*prompt, *waiting) {
        (Some(Prompt::Ask(format, missing)), _) => {
            let start = start.clone();
            html! {
                <span class="export-prompt" role="alert" id="export-ask">
                    {format!(
                        "This {} export first downloads {} ({}). ",
                        format.label(),
                        count(missing.articles, "article", "articles"),
                        count(missing.files, "file", "files")
                    )}
                    <button type="button" class="small" id="export-confirm" onclick={Callback::from(move |_| start(format))}>
                        {"Download and export"}
                    </button>
                    <button type="button" class="small" id="export-cancel" onclick={cancel.clone()}>{"Cancel"}</button>
                </span>
            }
        }
        (Some(Prompt::TooMany), _) => html! {
            <span class="export-prompt" role="alert" id="export-too-many">
                {format!(
                    "An export holds at most {} articles in the browser; this one has {}. Narrow it by outlet, dates or words. ",
                    thousands(MAX_ARTICLES),
                    thousands(total)
                )}
                <button type="button" class="small" id="export-cancel" onclick={cancel.clone()}>{"OK"}</button>
            </span>
        },
        (None, Some(_)) => {
            let missing = props.data.missing_articles(&props.results.docs).articles;
            html! {
                <span class="export-prompt muted" role="status" id="export-progress">
                    {format!("Preparing the export… {} of {} here. ", thousands(total - missing.min(total)), count(total, "article", "articles"))}
                    <button type="button" class="small" id="export-cancel" onclick={cancel.clone()}>{"Cancel"}</button>
                </span>
            }
        }
        (None, None) => html! {},
    };
    html! {
        <span class="export">
            <button type="button" class="small" id="export-csv" onclick={export(Format::Csv)}>{"Export CSV"}</button>
            <button type="button" class="small" id="export-json" onclick={export(Format::Json)}>{"Export JSON"}</button>
            <span class="cite-export" role="group" aria-label="Export citations">
                <span class="muted">{"Citations:"}</span>
                <button type="button" class="small" id="export-ris" onclick={export(Format::Ris)} title="RIS (Zotero, EndNote, Mendeley)">{"RIS"}</button>
                <button type="button" class="small" id="export-bibtex" onclick={export(Format::Bibtex)} title="BibTeX">{"BibTeX"}</button>
                <button type="button" class="small" id="export-csl" onclick={export(Format::CslJson)} title="CSL-JSON (Zotero)">{"CSL-JSON"}</button>
            </span>
            {status}
        </span>
    }
}

/// Exports every hit of `results` in `format` when all is here (ranked,
/// and in the split layout every article fetched): `true` once
/// downloaded; `false` after asking for what is missing. The file name
/// and the JSON header record the corpus, query and filters
/// (`crate::export::meta`).
fn export_now(data: &Data, state: &crate::state::State, results: &Rc<Results>, format: Format) -> bool {
    use dateline_core::{cite, export};
    // In result order: every hit ranked.
    let results = data.ranked_to(results, usize::MAX);
    // (The split layout may fetch frequent words' tails to rank them all.)
    if !results.fully_ranked() {
        return false;
    }
    let docs: Vec<u32> = results.hits.iter().map(|h| h.doc).collect();
    if !data.have_articles(&docs) {
        return false;
    }
    let articles: Vec<_> = docs.iter().filter_map(|&d| data.full(d)).collect();
    let meta = crate::export::meta(data, state);
    let rows = || articles.iter().map(|a| export::row(&data.outlets, a)).collect::<Vec<_>>();
    let sources = || articles.iter().map(|a| cite::Source::of(&data.outlets, a)).collect::<Vec<_>>();
    let body = match format {
        Format::Csv => export::to_csv(&rows()),
        Format::Json => export::to_json_with_meta(&meta, &rows()),
        Format::Ris => cite::to_ris(&sources()),
        Format::Bibtex => cite::to_bibtex(&sources()),
        Format::CslJson => cite::to_csl_json(&sources()),
    };
    let (ext, mime, view) = format.file();
    crate::export::download(&body, mime, &meta.file_name(view, articles.len(), ext));
    true
}

#[cfg(test)]
mod tests {
    use super::{plan, Missing, Plan, ASK_ABOVE, MAX_ARTICLES};

    #[test]
    fn a_large_split_export_asks_first_and_a_huge_one_is_refused() {
        let missing = |articles| Missing { articles, files: articles.div_ceil(2) };
        let cases = [
            // (split, total, missing articles) -> plan
            (false, 1_000_000, missing(0), Plan::Now),
            (true, 50, missing(50), Plan::Now),
            (true, ASK_ABOVE, missing(ASK_ABOVE), Plan::Now),
            (true, ASK_ABOVE + 1, missing(ASK_ABOVE + 1), Plan::Ask(missing(ASK_ABOVE + 1))),
            // Most already here: no question.
            (true, 5_000, missing(10), Plan::Now),
            (true, MAX_ARTICLES, missing(MAX_ARTICLES), Plan::Ask(missing(MAX_ARTICLES))),
            (true, MAX_ARTICLES + 1, missing(0), Plan::TooMany),
        ];
        for (split, total, missing, want) in cases {
            assert_eq!(plan(split, total, || missing), want, "{split} {total} {missing:?}");
        }
        // Nothing is counted where the count decides nothing.
        assert_eq!(plan(false, 10, || unreachable!("embedded")), Plan::Now);
        assert_eq!(plan(true, MAX_ARTICLES + 1, || unreachable!("refused")), Plan::TooMany);
    }
}
