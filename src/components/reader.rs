//! The reader: the full cleaned article with the query terms highlighted
//! and where every piece of metadata came from: how the outlet was
//! identified, the original source of a reprint ("reprinted from"), the
//! copies merged into it ("also published as / by").

use crate::components::also_published::AlsoPublished;
use crate::components::cite::Cite;
use crate::components::highlighted::cap_words;
use crate::components::highlighted::Highlighted;
use crate::data::Data;
use crate::format::{date, precision, short_name};
use crate::state::Action;
use crate::style::outlet_class;
use dateline_core::model::{Article, Block};
use dateline_core::search::{highlight, Marks};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Props of [`Reader`].
#[derive(Properties, PartialEq)]
pub struct ReaderProps {
    /// The corpus.
    pub data: Rc<Data>,
    /// The article to show.
    pub article: Rc<Article>,
    /// What to highlight (the search's terms and phrases).
    pub highlight: Rc<Marks>,
    /// State updates.
    pub dispatch: Callback<Action>,
}

/// The article reader panel.
#[function_component(Reader)]
pub fn reader(props: &ReaderProps) -> Html {
    let a = &props.article;
    let data = &props.data;
    let terms: &Marks = &props.highlight;
    let n = data.outlets.len();
    let slot = a.outlet.as_deref().and_then(|k| data.slot_of(k)).unwrap_or(n);
    let outlet = a.outlet.as_deref().and_then(|k| data.outlet(k));
    let outlet_name = outlet.map_or("Unknown outlet".to_string(), |o| o.name.clone());
    // A reprint names its original source; on a page whose publisher is
    // unknown the credit is all there is.
    let source = a.original_source.as_deref().and_then(|k| data.outlet(k)).map(|o| o.name.clone());
    let reprint = source.map(|s| match outlet {
        Some(o) => format!("{} reprinted this from {s}", o.name),
        None => format!("Credited to {s}; the publishing site is not named"),
    });
    let close = props.dispatch.reform(|_| Action::Close);
    // Next/previous query hit in the article.
    let hit = use_state(|| None::<u32>);
    let step = |forward: bool| {
        let hit = hit.clone();
        Callback::from(move |_| {
            let Some(list) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector_all("#reader .reader-body mark").ok())
            else {
                return;
            };
            let n = list.length();
            if n == 0 {
                return;
            }
            let next = match (*hit, forward) {
                (None, true) => 0,
                (None, false) => n - 1,
                (Some(i), true) => (i + 1) % n,
                (Some(i), false) => (i + n - 1) % n,
            };
            for i in 0..n {
                if let Some(el) = list.item(i).and_then(|x| x.dyn_into::<web_sys::Element>().ok()) {
                    let _ =
                        if i == next { el.class_list().add_1("current") } else { el.class_list().remove_1("current") };
                    if i == next {
                        let opts = web_sys::ScrollIntoViewOptions::new();
                        opts.set_block(web_sys::ScrollLogicalPosition::Center);
                        el.scroll_into_view_with_scroll_into_view_options(&opts);
                    }
                }
            }
            hit.set(Some(next));
        })
    };
    // The article's language on its title and text: fonts, hyphenation,
    // screen readers; `dir="auto"` lays each paragraph out in its direction.
    let lang = a.language.as_ref().map(|l| l.code.clone());
    // Highlight lead and body once; the match count comes from the same fragments.
    let lead = highlight(&a.lead, terms);
    let body: Vec<(bool, Vec<dateline_core::search::Fragment>)> =
        a.body.iter().map(|b| (matches!(b, Block::Heading(_)), highlight(b.text(), terms))).collect();
    let hits_in_body: usize =
        std::iter::once(&lead).chain(body.iter().map(|(_, f)| f)).map(|f| f.iter().filter(|x| x.hit).count()).sum();
    // Related coverage: the articles closest to this one's title, other outlets first.
    let version = use_context::<crate::data::DataVersion>();
    let related = {
        let data = data.clone();
        let article = a.clone();
        use_memo((a.id.clone(), version), move |_| {
            let words: Vec<String> =
                dateline_core::text::terms(&article.title).into_iter().filter(|t| t.len() > 3).collect();
            if words.is_empty() {
                return Vec::new();
            }
            let query = words.join(" OR ");
            // The best matches other than this article (the best 21 ranked:
            // this article may be one of them; the split layout
            // fetches what the search and these articles need, then the
            // list renders again).
            let crate::data::Searched::Done(results) =
                data.search_top(&dateline_core::search::Request { query, ..Default::default() }, None, 21)
            else {
                return Vec::new();
            };
            let me = data.doc_of(&article.id);
            let best: Vec<u32> = results.hits.iter().map(|h| h.doc).filter(|&d| Some(d) != me).take(20).collect();
            if !data.have_articles(&best) {
                return Vec::new();
            }
            let mut out: Vec<Article> = best.iter().filter_map(|&d| data.full(d)).collect();
            out.sort_by_key(|r| r.outlet == article.outlet);
            out.truncate(5);
            out
        })
    };
    // Printing shows where the article came from (the details opened).
    let printing = crate::style::use_media("print");
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
        <article id="reader" class={classes!("reader", outlet_class(slot, n))} ref={panel} tabindex="-1" aria-labelledby="reader-title">
            <div class="reader-bar">
                <bdi class="chip" title={outlet_name.clone()}>{short_name(&outlet_name)}</bdi>
                <button type="button" class="close" id="close-reader" onclick={close} aria-keyshortcuts="Escape"
                    title="Close the article (Esc)"><span aria-hidden="true">{"× "}</span>{"Close"}</button>
            </div>
            <h2 id="reader-title" class="reader-title" dir="auto" lang={lang.clone()}><Highlighted fragments={highlight(&a.title, terms)} /></h2>
            <dl class="reader-meta">
                <dt>{"Published"}</dt>
                if a.date.date.is_some() {
                    <dd>{date(&a.date)}<span class="muted">{format!(" — {}", precision(a.date.precision))}</span></dd>
                } else {
                    <dd>{"no date found in the page"}</dd>
                }
                if let (None, Some(s)) = (a.date.date, &a.suggested_date) {
                    <dt>{"Suggested date"}</dt><dd id="reader-inferred">{crate::format::inferred_long(s)}</dd>
                }
                if let Some(author) = &a.author { <dt>{"Author"}</dt><dd><bdi>{author.clone()}</bdi></dd> }
                { for crate::format::credit_rows(&a.credits).into_iter().map(|(label, value)| html! {
                    <><dt>{label}</dt><dd class="reader-credit"><bdi>{value}</bdi></dd></>
                }) }
                if let Some(place) = &a.dateline { <dt>{"Dateline"}</dt><dd><bdi>{place.clone()}</bdi></dd> }
                <dt>{"Length"}</dt><dd>{format!("{} words", a.word_count())}</dd>
                // The original article: only an http(s) address is a link.
                if let Some(url) = dateline_core::cite::article_url(a) {
                    <dt>{"Original"}</dt>
                    <dd><a id="original-link" class="original-link" href={url.to_string()} target="_blank" rel="noopener noreferrer"
                        title="Open the original article in a new tab"><bdi>{cap_words(url, 60).into_owned()}</bdi></a></dd>
                }
                if let Some(l) = &a.language {
                    <dt>{"Language"}</dt>
                    <dd id="reader-language">{crate::format::language_name(&l.code)}<span class="muted">{
                        if l.source == "detected" { format!(" — detected ({}% sure)", l.confidence) } else { format!(" — {}", l.source) }
                    }</span></dd>
                }
            </dl>
            if let Some(r) = reprint { <p class="reprint" id="reprint">{r}</p> }
            <AlsoPublished copies={a.duplicates.clone()} />
            <Cite source={dateline_core::cite::Source::of(&data.outlets, a)} />
            <details class="provenance" open={printing}>
                <summary>{"Where this came from"}</summary>
                <dl>
                    <dt>{"File"}</dt><dd><bdi><code>{a.provenance.file.clone()}</code></bdi>{a.provenance.record.map(|r| format!(" record {r}")).unwrap_or_default()}</dd>
                    <dt>{"Outlet"}</dt><dd>{a.provenance.outlet_source.clone()}<span class="muted">{format!(" — {}", a.provenance.outlet_evidence.label())}</span></dd>
                    if let Some(e) = &a.provenance.source_evidence { <dt>{"Original source"}</dt><dd>{e.clone()}</dd> }
                    { for a.credits.iter().map(|c| html! { <><dt>{"Credit line"}</dt><dd><bdi>{c.line.clone()}</bdi></dd></> }) }
                    <dt>{"Date"}</dt><dd>{a.date.source.clone()}</dd>
                    if let Some(page) = &a.provenance.page {
                        <dt>{"Title"}</dt><dd>{page.title.clone()}</dd>
                        if let Some(author) = &page.author { <dt>{"Author"}</dt><dd>{author.clone()}</dd> }
                        if let Some(lang) = &page.language { <dt>{"Page declares language"}</dt><dd><bdi>{lang.clone()}</bdi></dd> }
                        if let Some(url) = &page.canonical_url { <dt>{"Canonical URL"}</dt><dd><bdi>{url.clone()}</bdi></dd> }
                        if let Some(copy) = &page.syndicated { <dt>{"Copy of"}</dt><dd><bdi>{copy.clone()}</bdi></dd> }
                        if let Some(record) = &page.record { <dt>{"WARC record"}</dt><dd><bdi>{record.clone()}</bdi></dd> }
                        <dt>{"Encoding"}</dt><dd>{page.encoding.clone()}</dd>
                        { for page.alternatives.iter().map(|alt| html! {
                            <><dt>{format!("Other {}", alt.field)}</dt><dd><bdi>{alt.value.clone()}</bdi>{format!(" ({})", alt.source)}</dd></>
                        }) }
                    }
                    if let Some(url) = &a.provenance.url { <dt>{"URL"}</dt><dd><bdi>{url.clone()}</bdi></dd> }
                    if let Some(home) = outlet.and_then(|o| o.home.clone()) { <dt>{"Outlet site"}</dt><dd>{home}</dd> }
                </dl>
            </details>
            if hits_in_body > 0 {
                <div class="hit-nav" role="group" aria-label="Query matches in this article">
                    <span class="muted">{format!("{hits_in_body} matches")}</span>
                    <button type="button" id="prev-hit" onclick={step(false)}>{"↑ previous"}</button>
                    <button type="button" id="next-hit" onclick={step(true)}>{"↓ next"}</button>
                </div>
            }
            <div class="reader-body" lang={lang}>
                if !a.lead.is_empty() { <p class="lead" dir="auto"><Highlighted fragments={lead} /></p> }
                { for body.into_iter().map(|(heading, f)| if heading {
                    html! { <h3 dir="auto"><Highlighted fragments={f} /></h3> }
                } else {
                    html! { <p dir="auto"><Highlighted fragments={f} /></p> }
                }) }
            </div>
            if !related.is_empty() {
                <aside class="related" aria-labelledby="related-heading">
                    <h3 id="related-heading">{"Related coverage"}</h3>
                    <ul>{ for related.iter().map(|r| {
                        let id = r.id.clone();
                        let onclick = props.dispatch.reform(move |_| Action::Open(id.clone()));
                        let name = r.outlet.as_deref().and_then(|k| data.outlet(k)).map_or("Unknown outlet".to_string(), |o| o.name.clone());
                        html! { <li><button type="button" class="link" dir="auto" {onclick}>{cap_words(&r.title, 60).into_owned()}</button><span class="muted">{" — "}<bdi>{short_name(&name)}</bdi>{format!(", {}", date(&r.date))}</span></li> }
                    }) }</ul>
                </aside>
            }
        </article>
    }
}
