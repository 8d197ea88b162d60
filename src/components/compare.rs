//! Compare outlets over the current results: each outlet's distinctive
//! terms (weighted log-odds, see `dateline_core::analysis`), keyword in
//! context for a chosen term grouped by outlet, and quotes that several
//! outlets carry. Computed only while the panel is open, over at most
//! [`MAX_ARTICLES`] results.

use crate::components::highlighted::cap_words;
use crate::data::Data;
use crate::style::outlet_class;
use dateline_core::analysis::{distinctive_terms, kwic, shared_quotes};
use dateline_core::model::Article;
use dateline_core::search::Results;
use std::rc::Rc;
use yew::prelude::*;

/// Results analysed at most (the best ranked ones).
pub const MAX_ARTICLES: usize = 400;

/// Props of [`Compare`].
#[derive(Properties, PartialEq)]
pub struct CompareProps {
    /// The corpus.
    pub data: Rc<Data>,
    /// Current results.
    pub results: Rc<Results>,
}

struct Analysis {
    /// (outlet slot, top terms) for outlets with results.
    terms: Vec<(usize, Vec<dateline_core::analysis::Distinctive>)>,
    quotes: Vec<(String, Vec<usize>)>,
    docs: Vec<u32>,
}

/// The comparison panel.
#[function_component(Compare)]
pub fn compare(props: &CompareProps) -> Html {
    let open = use_state(|| false);
    let chosen = use_state(|| None::<String>);
    let data = props.data.clone();
    let n_outlets = data.outlets.len();
    let analysis = {
        let data = data.clone();
        let version = use_context::<crate::data::DataVersion>();
        use_memo((props.results.clone(), *open, version), move |(results, open, _)| {
            if !*open {
                return None;
            }
            let docs: Vec<u32> = results.hits.iter().take(MAX_ARTICLES).map(|h| h.doc).collect();
            // The split layout fetches the compared articles first.
            if !data.have_articles(&docs) {
                return Some(None);
            }
            let slot = |d: u32| data.doc_slot(d);
            let mut slots: Vec<usize> = docs.iter().map(|&d| slot(d)).collect();
            slots.sort_unstable();
            slots.dedup();
            // The texts of the compared articles, read once from the store.
            let (docs, full): (Vec<u32>, Vec<Article>) =
                docs.iter().filter_map(|&d| data.full(d).map(|a| (d, a))).unzip();
            let groups: Vec<Vec<&Article>> = slots
                .iter()
                .map(|&s| docs.iter().zip(&full).filter(|(&d, _)| slot(d) == s).map(|(_, a)| a).collect())
                .collect();
            let terms = slots.iter().copied().zip(distinctive_terms(&groups, 8)).collect();
            let arts: Vec<&Article> = full.iter().collect();
            let group_of: Vec<usize> = docs.iter().map(|&d| slot(d)).collect();
            let quotes = shared_quotes(&arts, &group_of).into_iter().take(10).map(|q| (q.text, q.articles)).collect();
            Some(Some(Analysis { terms, quotes, docs }))
        })
    };
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let outlet_name = |slot: usize| crate::format::short_name(data.outlet_name(slot));
    let body = match analysis.as_ref() {
        None => html! {},
        Some(None) => html! { <p class="muted" role="status">{"Loading the articles to compare…"}</p> },
        Some(Some(a)) if a.terms.len() < 2 => {
            html! { <p class="muted">{"Comparison needs results from at least two outlets."}</p> }
        }
        Some(Some(a)) => {
            let kwic_html = chosen.as_ref().map(|term| {
                let full: Vec<Article> = a.docs.iter().filter_map(|&d| data.full(d)).collect();
                let arts: Vec<&Article> = full.iter().collect();
                let lines = kwic(&arts, term, 6, 60);
                let mut by_outlet: Vec<(usize, Vec<&dateline_core::analysis::Kwic>)> = Vec::new();
                for l in &lines {
                    let s = data.doc_slot(a.docs[l.article]);
                    match by_outlet.iter_mut().find(|(x, _)| *x == s) {
                        Some((_, v)) => v.push(l),
                        None => by_outlet.push((s, vec![l])),
                    }
                }
                html! {
                    <div class="kwic" id="kwic">
                        <h3>{format!("“{term}” in context")}</h3>
                        { for by_outlet.into_iter().map(|(s, ls)| html! {
                            <div class={classes!("kwic-group", outlet_class(s, n_outlets))}>
                                <h4 class="chip">{outlet_name(s)}</h4>
                                <ul>{ for ls.into_iter().map(|l| html! {
                                    <li><span class="left">{cap_words(&l.left, 60).into_owned()}</span><mark>{cap_words(&l.hit, 60).into_owned()}</mark><span class="right">{cap_words(&l.right, 60).into_owned()}</span></li>
                                }) }</ul>
                            </div>
                        }) }
                    </div>
                }
            });
            html! {
                <>
                    <p class="muted">{format!("Over the {} best results. Words each outlet uses more than the others (weighted log-odds, z-score); click one to read it in context.", a.docs.len())}</p>
                    <div class="distinctive">
                        { for a.terms.iter().map(|(s, ts)| html! {
                            <div class={classes!("outlet-terms", outlet_class(*s, n_outlets))}>
                                <h4 class="chip">{outlet_name(*s)}</h4>
                                <ul>{ for ts.iter().map(|t| {
                                    let term = t.term.clone();
                                    let chosen = chosen.clone();
                                    let onclick = Callback::from(move |_| chosen.set(Some(term.clone())));
                                    html! { <li><button type="button" class="term" {onclick} title={format!("z = {:.1}, {} times", t.z, t.count)}>{cap_words(&t.term, 40).into_owned()}</button></li> }
                                }) }</ul>
                            </div>
                        }) }
                    </div>
                    { kwic_html.unwrap_or_default() }
                    if !a.quotes.is_empty() {
                        <div class="quotes">
                            <h3>{"Quotes carried by several outlets"}</h3>
                            <ul>{ for a.quotes.iter().map(|(q, arts)| {
                                let mut names: Vec<String> = arts.iter().map(|&i| outlet_name(data.doc_slot(a.docs[i]))).collect();
                                names.dedup();
                                html! { <li><q>{cap_words(q, 60).into_owned()}</q><span class="muted">{format!(" — {}", names.join(", "))}</span></li> }
                            }) }</ul>
                        </div>
                    }
                </>
            }
        }
    };
    html! {
        <section id="compare" class="compare" aria-label="Compare outlets">
            <div class="section-head">
                <h2>{"Compare outlets"}</h2>
                <button type="button" class="link" onclick={toggle} aria-expanded={(*open).to_string()}>{if *open { "hide" } else { "show" }}</button>
            </div>
            { body }
        </section>
    }
}
