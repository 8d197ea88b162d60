//! The reader: the full cleaned article with the query terms highlighted
//! and where every piece of metadata came from.

use crate::components::highlighted::Highlighted;
use crate::data::Data;
use crate::format::{date, outlet_color, precision};
use crate::state::Action;
use dateline_core::model::{Article, Block};
use dateline_core::search::highlight;
use std::collections::HashSet;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`Reader`].
#[derive(Properties, PartialEq)]
pub struct ReaderProps {
    /// The corpus.
    pub data: Rc<Data>,
    /// The article to show.
    pub article: Rc<Article>,
    /// Terms to highlight.
    pub highlight: Rc<Vec<String>>,
    /// State updates.
    pub dispatch: Callback<Action>,
}

/// The article reader panel.
#[function_component(Reader)]
pub fn reader(props: &ReaderProps) -> Html {
    let a = &props.article;
    let data = &props.data;
    let terms: HashSet<String> = props.highlight.iter().cloned().collect();
    let n = data.corpus.outlets.len();
    let slot = a.outlet.as_deref().and_then(|k| data.slot_of(k)).unwrap_or(n);
    let outlet = a.outlet.as_deref().and_then(|k| data.corpus.outlet(k));
    let close = props.dispatch.reform(|_| Action::Close);
    let panel = use_node_ref();
    {
        let panel = panel.clone();
        use_effect_with(a.id.clone(), move |_| {
            if let Some(el) = panel.cast::<web_sys::HtmlElement>() {
                el.set_scroll_top(0);
                let _ = el.focus();
            }
        });
    }
    html! {
        <article id="reader" class="reader" ref={panel} tabindex="-1" aria-labelledby="reader-title" style={format!("--outlet: {}", outlet_color(slot, n))}>
            <div class="reader-bar">
                <span class="chip">{outlet.map_or("Unknown outlet".to_string(), |o| o.name.clone())}</span>
                <button type="button" class="close" onclick={close} aria-label="Close the article (Esc)">{"×"}</button>
            </div>
            <h2 id="reader-title" class="reader-title"><Highlighted fragments={highlight(&a.title, &terms)} /></h2>
            <dl class="reader-meta">
                <dt>{"Published"}</dt>
                <dd>{date(&a.date)}<span class="muted">{format!(" — {}", precision(a.date.precision))}</span></dd>
                if let Some(author) = &a.author { <dt>{"Author"}</dt><dd>{author.clone()}</dd> }
                if let Some(place) = &a.dateline { <dt>{"Dateline"}</dt><dd>{place.clone()}</dd> }
                <dt>{"Length"}</dt><dd>{format!("{} words", a.word_count())}</dd>
            </dl>
            <details class="provenance">
                <summary>{"Where this came from"}</summary>
                <dl>
                    <dt>{"File"}</dt><dd><code>{a.provenance.file.clone()}</code>{a.provenance.record.map(|r| format!(" record {r}")).unwrap_or_default()}</dd>
                    <dt>{"Outlet"}</dt><dd>{a.provenance.outlet_source.clone()}</dd>
                    <dt>{"Date"}</dt><dd>{a.date.source.clone()}</dd>
                    if let Some(url) = &a.provenance.url { <dt>{"URL"}</dt><dd>{url.clone()}</dd> }
                    if let Some(home) = outlet.and_then(|o| o.home.clone()) { <dt>{"Outlet site"}</dt><dd>{home}</dd> }
                    if !a.duplicates.is_empty() { <dt>{"Duplicates merged"}</dt><dd>{a.duplicates.join(", ")}</dd> }
                </dl>
            </details>
            <div class="reader-body">
                if !a.lead.is_empty() { <p class="lead"><Highlighted fragments={highlight(&a.lead, &terms)} /></p> }
                { for a.body.iter().map(|b| match b {
                    Block::Paragraph(t) => html! { <p><Highlighted fragments={highlight(t, &terms)} /></p> },
                    Block::Heading(t) => html! { <h3><Highlighted fragments={highlight(t, &terms)} /></h3> },
                }) }
            </div>
        </article>
    }
}
