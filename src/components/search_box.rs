//! The search box (sticky at the top of the page, so it stays reachable
//! wherever the page is scrolled) with its one clear button and the
//! query-language help.

use crate::state::Action;
use yew::prelude::*;

/// Props of [`SearchBox`].
#[derive(Properties, PartialEq)]
pub struct SearchBoxProps {
    /// Current query text.
    pub value: String,
    /// State updates.
    pub dispatch: Callback<Action>,
}

/// Search input (results as you type) and syntax help.
#[function_component(SearchBox)]
pub fn search_box(props: &SearchBoxProps) -> Html {
    let oninput = props.dispatch.reform(|e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        Action::Query(input.value())
    });
    let input = use_node_ref();
    let clear = {
        let dispatch = props.dispatch.clone();
        let input = input.clone();
        Callback::from(move |_| {
            dispatch.emit(Action::Query(String::new()));
            if let Some(el) = input.cast::<web_sys::HtmlInputElement>() {
                let _ = el.focus();
            }
        })
    };
    html! {
        <section class="search" role="search" aria-label="Search the articles">
            <div class="search-row">
                <label for="search" class="visually-hidden">{"Search the articles"}</label>
                // The browser's own clear button of type=search is hidden
                // (styles/search_box.css): this one works in every browser.
                <input id="search" ref={input} type="search" autocomplete="off" spellcheck="false" enterkeyhint="search"
                    placeholder="Search — try  Pashinyan,  \"peace treaty\",  title:ceasefire"
                    aria-keyshortcuts="/"
                    value={props.value.clone()} {oninput} />
                if !props.value.is_empty() {
                    <button class="clear" type="button" onclick={clear} aria-label="Clear the search">{"×"}</button>
                }
                <span class="key-hint" aria-hidden="true" title="Press / to search from anywhere"><kbd>{"/"}</kbd></span>
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
                <p>{"Case and accents never matter; longer words tolerate a typo, ranked below exact matches. Press / to come back here from anywhere."}</p>
            </details>
        </section>
    }
}
