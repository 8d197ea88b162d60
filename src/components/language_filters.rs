//! Language filters: one toggle per language of the corpus with its live
//! count for the current query, outlets and date range (each facet counts
//! with every filter but its own). Shown when the corpus has articles in
//! more than one language (or some of unknown language).

use crate::data::Data;
use crate::format::language_name;
use crate::state::{Action, UNKNOWN_LANGUAGE};
use dateline_core::search::Results;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`LanguageFilters`].
#[derive(Properties, PartialEq)]
pub struct LanguageFiltersProps {
    /// The corpus.
    pub data: Rc<Data>,
    /// Current results (for the counts).
    pub results: Rc<Results>,
    /// Selected language codes.
    pub selected: Vec<String>,
    /// State updates.
    pub dispatch: Callback<Action>,
}

/// The language filter list.
#[function_component(LanguageFilters)]
pub fn language_filters(props: &LanguageFiltersProps) -> Html {
    let data = &props.data;
    let n = data.languages.len();
    let count_of = |slot: usize| props.results.language_counts.get(slot).copied().unwrap_or(0);
    // The unknown entry only when some article's language is unknown
    // (it then has matches for the empty query, or is selected).
    let unknown = props.selected.iter().any(|l| l == UNKNOWN_LANGUAGE) || count_of(n) > 0;
    let entries: Vec<(usize, String, String)> = data
        .languages
        .iter()
        .enumerate()
        .map(|(slot, code)| (slot, code.clone(), language_name(code)))
        .chain(unknown.then(|| (n, UNKNOWN_LANGUAGE.to_string(), "Unknown language".to_string())))
        .collect();
    if entries.len() < 2 {
        return html! {};
    }
    let clear = props.dispatch.reform(|_| Action::ClearLanguages);
    html! {
        <section class="languages" aria-labelledby="languages-heading">
            <div class="section-head">
                <h2 id="languages-heading">{"Languages"}</h2>
                if !props.selected.is_empty() {
                    <button type="button" class="link" onclick={clear}>{"all languages"}</button>
                }
            </div>
            <ul>
                { for entries.into_iter().map(|(slot, code, name)| {
                    let pressed = props.selected.contains(&code);
                    let count = count_of(slot);
                    let onclick = { let code = code.clone(); props.dispatch.reform(move |_| Action::ToggleLanguage(code.clone())) };
                    let lang = (code != UNKNOWN_LANGUAGE).then(|| code.clone());
                    html! {
                        <li key={code.clone()}>
                            <button type="button" class={classes!("language-filter", pressed.then_some("pressed"), (count == 0).then_some("empty"))}
                                data-language={code.clone()} aria-pressed={pressed.to_string()} {onclick}>
                                <bdi class="name" lang={lang} title={name.clone()}>{name}</bdi>
                                <span class="count" aria-label={format!("{count} matching")}>{count}</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
