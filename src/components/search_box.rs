//! The search box with the query-language help and the sort order.

use crate::state::Action;
use dateline_core::search::Sort;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Props of [`SearchBox`].
#[derive(Properties, PartialEq)]
pub struct SearchBoxProps {
    /// Current query text.
    pub value: String,
    /// Current order.
    pub sort: Sort,
    /// State updates.
    pub dispatch: Callback<Action>,
}

/// Search input (results as you type), sort select and syntax help.
#[function_component(SearchBox)]
pub fn search_box(props: &SearchBoxProps) -> Html {
    let oninput = props.dispatch.reform(|e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        Action::Query(input.value())
    });
    let onchange = props.dispatch.reform(|e: Event| {
        let select = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok());
        Action::Sort(match select.map(|s| s.value()).as_deref() {
            Some("newest") => Sort::Newest,
            Some("oldest") => Sort::Oldest,
            _ => Sort::Relevance,
        })
    });
    let clear = props.dispatch.reform(|_| Action::Query(String::new()));
    let sort_value = match props.sort {
        Sort::Relevance => "relevance",
        Sort::Newest => "newest",
        Sort::Oldest => "oldest",
    };
    html! {
        <section class="search" role="search">
            <div class="search-row">
                <label for="search" class="visually-hidden">{"Search the articles"}</label>
                <input id="search" type="search" autocomplete="off" spellcheck="false"
                    placeholder="Search articles — try  Pashinyan,  \"peace treaty\",  title:ceasefire   (press / to focus)"
                    value={props.value.clone()} {oninput} />
                if !props.value.is_empty() {
                    <button class="clear" type="button" onclick={clear} aria-label="Clear the search">{"×"}</button>
                }
                <label class="sort">
                    <span>{"Sort"}</span>
                    <select id="sort" {onchange} aria-label="Sort results">
                        <option value="relevance" selected={sort_value == "relevance"}>{"Relevance"}</option>
                        <option value="newest" selected={sort_value == "newest"}>{"Newest first"}</option>
                        <option value="oldest" selected={sort_value == "oldest"}>{"Oldest first"}</option>
                    </select>
                </label>
            </div>
            <details class="syntax">
                <summary>{"Search syntax"}</summary>
                <dl>
                    <dt><code>{"putin aliyev"}</code></dt><dd>{"articles with both words (stems match: talks finds talk, talked)"}</dd>
                    <dt><code>{"\"peace treaty\""}</code></dt><dd>{"the exact phrase"}</dd>
                    <dt><code>{"baku OR yerevan"}</code></dt><dd>{"either word"}</dd>
                    <dt><code>{"-nato"}</code></dt><dd>{"without the word"}</dd>
                    <dt><code>{"negoti*"}</code></dt><dd>{"words starting with negoti"}</dd>
                    <dt><code>{"title:ceasefire  outlet:rt  author:teslova"}</code></dt><dd>{"in the title, from an outlet, by an author"}</dd>
                </dl>
                <p>{"Case and accents never matter; longer words tolerate a typo, ranked below exact matches."}</p>
            </details>
        </section>
    }
}
