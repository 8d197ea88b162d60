//! Compare outlets over the current results: each outlet's distinctive
//! terms (weighted log-odds, see `dateline_core::analysis`), keyword in
//! context for a chosen term grouped by outlet, and quotes that several
//! outlets carry. Every keyword-in-context line and every outlet carrying
//! a quote opens its article in the reader. Mounted only while its panel
//! is open, over at most [`MAX_ARTICLES`] results.
//!
//! Lines are rendered as the text has them (the spaces are the text's
//! own): on a wide panel they are aligned on the keyword and cut at the
//! edges, on a narrow one (a phone, the side column) they wrap and show
//! the whole context (`styles/compare.css`, a container query).

use crate::components::highlighted::cap_words;
use crate::data::Data;
use crate::format::{date, short_name};
use crate::state::Action;
use crate::style::outlet_class;
use dateline_core::analysis::{distinctive_terms, kwic, shared_quotes};
use dateline_core::model::Article;
use dateline_core::search::Results;
use std::rc::Rc;
use yew::prelude::*;

/// Results analysed at most (the best ranked ones).
pub const MAX_ARTICLES: usize = 400;
/// Words of context on each side of a keyword.
const CONTEXT_WORDS: usize = 12;

/// Props of [`Compare`].
#[derive(Properties, PartialEq)]
pub struct CompareProps {
    /// The corpus.
    pub data: Rc<Data>,
    /// Current results.
    pub results: Rc<Results>,
    /// State updates (opening an article).
    pub dispatch: Callback<Action>,
}

struct Analysis {
    /// (outlet slot, top terms) for outlets with results.
    terms: Vec<(usize, Vec<dateline_core::analysis::Distinctive>)>,
    quotes: Vec<(String, Vec<usize>)>,
    docs: Vec<u32>,
}

/// Downloads the comparison: every outlet's distinctive words and, when a
/// word is chosen, its lines in context. CSV: one table, `section` says
/// which (`term` or `kwic`); JSON: `{dateline, terms, kwic_term, kwic}`.
fn export_compare(data: &Data, state: &crate::state::State, a: &Analysis, chosen: Option<&str>, json: bool) {
    use dateline_core::export::Table;
    let name = |slot: usize| data.outlet_name(slot).to_string();
    let terms = Table {
        columns: vec!["outlet", "term", "z", "count"],
        rows: a
            .terms
            .iter()
            .flat_map(|(s, ts)| {
                ts.iter().map(move |t| vec![name(*s), t.term.clone(), format!("{:.2}", t.z), t.count.to_string()])
            })
            .collect(),
    };
    let full: Vec<Article> = a.docs.iter().filter_map(|&d| data.full(d)).collect();
    let arts: Vec<&Article> = full.iter().collect();
    let lines = chosen.map(|term| kwic(&arts, term, CONTEXT_WORDS, 60)).unwrap_or_default();
    let kwic_table = Table {
        columns: vec!["outlet", "id", "title", "date", "left", "keyword", "right"],
        rows: lines
            .iter()
            .filter_map(|l| {
                let art = full.get(l.article)?;
                let doc = *a.docs.get(l.article)?;
                Some(vec![
                    name(data.doc_slot(doc)),
                    art.id.clone(),
                    art.title.clone(),
                    art.date.date.map(|d| d.iso()).unwrap_or_default(),
                    l.left.clone(),
                    l.hit.clone(),
                    l.right.clone(),
                ])
            })
            .collect(),
    };
    let meta = crate::export::meta(data, state);
    let n = terms.rows.len() + kwic_table.rows.len();
    if json {
        let body = meta.wrap_json(
            "compare",
            serde_json::json!({ "terms": terms.to_value(), "kwic_term": chosen, "kwic": kwic_table.to_value() }),
        );
        crate::export::download(&body, "application/json", &meta.file_name("compare", n, "json"));
    } else {
        // One table: the term columns, then the in-context columns.
        let mut columns = vec!["section", "outlet", "term", "z", "count"];
        columns.extend(["id", "title", "date", "left", "keyword", "right"]);
        let mut rows: Vec<Vec<String>> = terms
            .rows
            .into_iter()
            .map(|r| {
                let mut row = vec!["term".to_string()];
                row.extend(r);
                row.extend(std::iter::repeat_n(String::new(), 6));
                row
            })
            .collect();
        for r in kwic_table.rows {
            let mut row =
                vec!["kwic".to_string(), r[0].clone(), chosen.unwrap_or("").to_string(), String::new(), String::new()];
            row.extend(r.into_iter().skip(1));
            rows.push(row);
        }
        let body = Table { columns, rows }.to_csv();
        crate::export::download(&body, "text/csv", &meta.file_name("compare", n, "csv"));
    }
}

/// The comparison.
#[function_component(Compare)]
pub fn compare(props: &CompareProps) -> Html {
    let chosen = use_state(|| None::<String>);
    let data = props.data.clone();
    let n_outlets = data.outlets.len();
    let analysis = {
        let data = data.clone();
        let version = use_context::<crate::data::DataVersion>();
        use_memo((props.results.clone(), version), move |(results, _)| {
            // The best MAX_ARTICLES in result order (the app ranks only the first rows).
            let results = data.ranked_to(results, MAX_ARTICLES);
            // (Split layout: until frequent words' tails rank them all.)
            if results.ranked() < MAX_ARTICLES.min(results.len()) {
                return None;
            }
            let docs: Vec<u32> = results.hits.iter().take(MAX_ARTICLES).map(|h| h.doc).collect();
            // The split layout fetches the compared articles first.
            if !data.have_articles(&docs) {
                return None;
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
            Some(Analysis { terms, quotes, docs })
        })
    };
    let current = crate::export::use_current_state(&data);
    let outlet_name = |slot: usize| short_name(data.outlet_name(slot));
    let open = |doc: u32| {
        let data = data.clone();
        props.dispatch.reform(move |_| match data.full(doc) {
            Some(a) => Action::Open(a.id),
            None => Action::Close,
        })
    };
    let Some(a) = analysis.as_ref() else {
        return html! { <div id="compare" class="compare"><p class="muted" role="status">{"Loading the articles to compare…"}</p></div> };
    };
    if a.terms.len() < 2 {
        return html! { <div id="compare" class="compare"><p class="muted">{"Comparison needs results from at least two outlets."}</p></div> };
    }
    let export = |json: bool| {
        let (data, chosen) = (data.clone(), chosen.clone());
        let (analysis, current) = (analysis.clone(), current.clone());
        Callback::from(move |_| {
            if let Some(a) = analysis.as_ref() {
                export_compare(&data, &current, a, chosen.as_deref(), json);
            }
        })
    };
    let kwic_html = chosen.as_ref().map(|term| {
        let full: Vec<Article> = a.docs.iter().filter_map(|&d| data.full(d)).collect();
        let arts: Vec<&Article> = full.iter().collect();
        let lines = kwic(&arts, term, CONTEXT_WORDS, 60);
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
                <h3>{format!("“{}” in context", cap_words(term, 40))}</h3>
                { for by_outlet.into_iter().map(|(s, ls)| html! {
                    <div class={classes!("kwic-group", outlet_class(s, n_outlets))}>
                        <h4 class="chip">{outlet_name(s)}</h4>
                        <ul>{ for ls.into_iter().map(|l| {
                            let article = &full[l.article];
                            let title = format!("Open “{}”, {}", cap_words(&article.title, 60), date(&article.date));
                            html! {
                                <li><button type="button" class="kwic-line" data-id={article.id.clone()} {title} onclick={open(a.docs[l.article])}>
                                    <span class="left">{cap_words(&l.left, 60).into_owned()}</span><mark>{cap_words(&l.hit, 60).into_owned()}</mark><span class="right">{cap_words(&l.right, 60).into_owned()}</span>
                                </button></li>
                            }
                        }) }</ul>
                    </div>
                }) }
            </div>
        }
    });
    html! {
        <div id="compare" class="compare">
            <p class="muted">{format!("Over the {} best results. Words each outlet uses more than the others (weighted log-odds, z-score); choose one to read it in context.", a.docs.len())}</p>
            <p class="view-export">
                <button type="button" class="small" id="compare-export-csv" onclick={export(false)}
                    title="The distinctive words, and the lines in context of the chosen one">{"Export CSV"}</button>
                <button type="button" class="small" id="compare-export-json" onclick={export(true)}>{"Export JSON"}</button>
            </p>
            <h3 class="visually-hidden">{"Distinctive words"}</h3>
            <div class="distinctive">
                { for a.terms.iter().map(|(s, ts)| html! {
                    <div class={classes!("outlet-terms", outlet_class(*s, n_outlets))}>
                        <h4 class="chip">{outlet_name(*s)}</h4>
                        <ul>{ for ts.iter().map(|t| {
                            let term = t.term.clone();
                            let pressed = chosen.as_deref() == Some(t.term.as_str());
                            let chosen = chosen.clone();
                            let onclick = Callback::from(move |_| chosen.set(if pressed { None } else { Some(term.clone()) }));
                            html! {
                                <li><button type="button" class={classes!("term", pressed.then_some("pressed"))} aria-pressed={pressed.to_string()}
                                    {onclick} title={format!("z = {:.1}, {} times", t.z, t.count)}>{cap_words(&t.term, 40).into_owned()}</button></li>
                            }
                        }) }</ul>
                    </div>
                }) }
            </div>
            { kwic_html.unwrap_or_default() }
            if !a.quotes.is_empty() {
                <div class="quotes">
                    <h3>{"Quotes carried by several outlets"}</h3>
                    <ul>{ for a.quotes.iter().map(|(q, arts)| {
                        let mut carried: Vec<usize> = arts.clone();
                        carried.sort_by_key(|&i| data.doc_slot(a.docs[i]));
                        html! {
                            <li><q>{cap_words(q, 60).into_owned()}</q>
                                <span class="carried">
                                    <span class="muted">{" — "}</span>
                                    { for carried.iter().map(|&i| {
                                        let doc = a.docs[i];
                                        let slot = data.doc_slot(doc);
                                        let when = data.full(doc).map(|x| date(&x.date)).unwrap_or_default();
                                        html! {
                                            <button type="button" class={classes!("link", "quote-source", outlet_class(slot, n_outlets))}
                                                title={format!("Open the {} article, {when}", data.outlet_name(slot))} onclick={open(doc)}>
                                                <bdi class="chip">{outlet_name(slot)}</bdi>
                                            </button>
                                        }
                                    }) }
                                </span>
                            </li>
                        }
                    }) }</ul>
                </div>
            }
        </div>
    }
}
