//! One row of the windowed result list: outlet, date, author, title and
//! the best snippet, all highlighted. The row is absolutely placed at its
//! position in the whole list (set through the CSSOM, see `crate::style`).

use crate::components::highlighted::Highlighted;
use crate::data::Data;
use crate::format::{date, short_name};
use crate::state::Action;
use crate::style::{outlet_class, use_style};
use dateline_core::search::{snippet, Hit, Marks};
use std::rc::Rc;
use yew::prelude::*;

/// Longest word shown whole in a row; longer ones are cut (the reader
/// shows them whole).
const PREVIEW_WORD: usize = 60;

/// Words in a row's snippet: three lines at the widest column.
const SNIPPET_WORDS: usize = 48;

/// Props of [`ResultRow`].
#[derive(Properties, PartialEq)]
pub struct ResultRowProps {
    /// The corpus.
    pub data: Rc<Data>,
    /// The hit shown.
    pub hit: Hit,
    /// Position in the whole list (0-based).
    pub pos: usize,
    /// Number of results.
    pub total: usize,
    /// Terms to highlight.
    pub terms: Rc<Marks>,
    /// Whether this article is open in the reader.
    pub selected: bool,
    /// State updates.
    pub dispatch: Callback<Action>,
    /// Top in rem, as drawn: the list places every row (headings shift
    /// grouped rows; a paged list draws them its page's offset higher).
    pub top_rem: f64,
    /// The heading of the group this row starts (grouped by outlet): the
    /// row is that much taller, the heading above its card.
    #[prop_or_default]
    pub heading: Option<AttrValue>,
}

/// A result row.
#[function_component(ResultRow)]
pub fn result_row(props: &ResultRowProps) -> Html {
    let node = use_node_ref();
    // The row's article may arrive later (split layout).
    let _ = use_context::<crate::data::DataVersion>();
    // Rows are hidden until placed (`styles/result_list.css`): a row
    // painted at the list's top before its position is set would jump,
    // a layout shift.
    use_style(node.clone(), vec![("top", format!("{:.2}rem", props.top_rem)), ("visibility", "visible".into())]);
    let data = &props.data;
    let heading = props.heading.clone().map(|h| html! { <h3 class="group-head">{h}</h3> });
    let Some(a) = data.full(props.hit.doc) else {
        // Not fetched yet: a row of the same height keeps the list in
        // place, and its button can hold the keyboard focus until the
        // article arrives (the same elements are then filled in).
        return html! {
            <li ref={node} class={classes!("result", "loading", heading.is_some().then_some("group-first"))} aria-posinset={(props.pos + 1).to_string()}
                aria-setsize={props.total.to_string()} aria-busy="true">
                { heading }
                <button type="button" class="result-button" aria-disabled="true">
                    <span class="result-meta muted">{"Loading…"}</span>
                </button>
            </li>
        };
    };
    let slot = data.doc_slot(props.hit.doc);
    let outlet = a.outlet.as_deref().and_then(|k| data.outlet(k));
    let outlet_name = outlet.map_or("Unknown outlet".to_string(), |o| o.name.clone());
    let title = dateline_core::search::highlight(&a.title, &props.terms);
    // Enough words to fill the lines the title leaves (styles/result_list.css).
    let snip = snippet(&a, &props.terms, SNIPPET_WORDS);
    let id = a.id.clone();
    let onclick = props.dispatch.reform(move |_| Action::Open(id.clone()));
    let selected = props.selected;
    // Title and snippet in the article's language (fonts, hyphenation,
    // screen readers), laid out in its direction.
    let lang = a.language.as_ref().map(|l| l.code.clone());
    html! {
        <li ref={node} class={classes!("result", outlet_class(slot, data.outlets.len()), selected.then_some("selected"), heading.is_some().then_some("group-first"))}
            data-id={a.id.clone()} aria-posinset={(props.pos + 1).to_string()} aria-setsize={props.total.to_string()}
            data-outlet={a.outlet.clone().unwrap_or_else(|| crate::state::UNKNOWN_OUTLET.into())}>
            { heading }
            <button type="button" class="result-button" {onclick} aria-current={selected.then_some("true")}>
                <span class="result-meta">
                    <bdi class="chip" title={outlet_name.clone()}>{short_name(&outlet_name)}</bdi>
                    if let (None, Some(s)) = (a.date.date, &a.suggested_date) {
                        <span class="date undated inferred" title={crate::format::inferred_long(s)}>{crate::format::inferred_short(s)}</span>
                    } else {
                        <span class={classes!("date", a.date.date.is_none().then_some("undated"))}>{date(&a.date)}</span>
                    }
                    if let Some(author) = &a.author { <bdi class="author" title={author.clone()}>{short_name(author)}</bdi> }
                    if props.hit.typos > 0 { <span class="typo" title="matched a similar spelling">{"≈ similar spelling"}</span> }
                </span>
                <span class="result-title" dir="auto" lang={lang.clone()}><Highlighted fragments={title} max_word={PREVIEW_WORD} /></span>
                <span class="snippet" dir="auto" lang={lang}><Highlighted fragments={snip} max_word={PREVIEW_WORD} /></span>
            </button>
        </li>
    }
}
