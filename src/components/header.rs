//! The header: product name, corpus statistics and, in a served build,
//! the link that downloads the whole explorer as one file.

use crate::data::Data;
use crate::format::{count, month, thousands};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`Header`].
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// The corpus.
    pub data: Rc<Data>,
}

/// Product name, corpus name and stats.
#[function_component(Header)]
pub fn header(props: &HeaderProps) -> Html {
    let stats = use_memo(props.data.clone(), |data| {
        let (first, last, undated) = data.date_stats();
        let span = match (first, last) {
            (Some(a), Some(b)) if (a.year, a.month) == (b.year, b.month) => month(a),
            (Some(a), Some(b)) => format!("{} – {}", month(a), month(b)),
            _ => "no dates".into(),
        };
        // Counted at build time: the texts are not loaded at start-up.
        let words = usize::try_from(data.total_words).unwrap_or(usize::MAX);
        (
            count(data.articles, "article", "articles"),
            count(data.outlets.len(), "outlet", "outlets"),
            span,
            undated,
            words,
        )
    });
    let (articles, outlets, span, undated, words) = (*stats).clone();
    // The build names the single-file copy in a meta tag when it wrote one
    // (tools/src/bin/dist.rs); the single file itself has no such tag.
    let single_file = use_memo((), |_| {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("meta[name=\"dateline-single-file\"]").ok().flatten())
            .and_then(|m| m.get_attribute("content"))
            .filter(|name| name == "dateline.html")
    });
    html! {
        <header class="header">
            <div class="brand">
                <span class="logo" aria-hidden="true">{"◷"}</span>
                <div>
                    <h1>{"Dateline"}</h1>
                    <p class="tagline">{"How the story was covered: who wrote what, when, and in which words."}</p>
                </div>
            </div>
            <p id="stats" class="stats" aria-label="Corpus statistics">
                <span class="stat"><strong>{articles}</strong></span>
                <span class="stat">{outlets}</span>
                <span class="stat">{span}</span>
                if undated > 0 { <span class="stat">{format!("{undated} undated")}</span> }
                <span class="stat">{format!("{} words", thousands(words))}</span>
                // The corpus's folder name, unless it is the generic
                // "corpus" (the default corpus's folder), which says nothing.
                if !props.data.name.trim().eq_ignore_ascii_case("corpus") && !props.data.name.trim().is_empty() {
                    <span class="stat corpus-name" title="Corpus"><bdi>{crate::format::short_name(&props.data.name)}</bdi></span>
                }
                if let Some(name) = (*single_file).clone() {
                    <span class="stat"><a id="download-explorer" class="download" href={name} download="dateline.html"
                        title="One HTML file with this corpus: open it in any browser, offline, or send it">{"Download this explorer"}</a></span>
                }
            </p>
        </header>
    }
}
