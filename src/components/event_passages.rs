//! The mentioned dates of the current results as a list (the text
//! alternative of the events lane, including days outside the axis), and
//! the passages that mention the selected day, grouped by outlet. Passages
//! are rendered as text; the date expression is a `<mark>`.

use crate::components::events_lane::outlet_names;
use crate::components::highlighted::cap_words;
use crate::data::Data;
use crate::format::{count, date, day, short_name};
use crate::state::Action;
use crate::style::outlet_class;
use dateline_core::events::{passage, Event};
use dateline_core::model::Date;
use dateline_core::search::Results;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`EventPassages`].
#[derive(Properties, PartialEq)]
pub struct EventPassagesProps {
    /// The corpus.
    pub data: Rc<Data>,
    /// Current results (their order orders the passages).
    pub results: Rc<Results>,
    /// Mentioned days of the current results, ascending.
    pub events: Rc<Vec<Event>>,
    /// The mentioned dates are still being fetched (split layout).
    #[prop_or_default]
    pub loading: bool,
    /// Selected day.
    pub selected: Option<Date>,
    /// State updates.
    pub dispatch: Callback<Action>,
}

/// Days listed as buttons, most mentioned first.
const LISTED: usize = 12;
/// Passages shown for one day.
const PASSAGES: usize = 60;

/// The list of mentioned days and the selected day's passages.
#[function_component(EventPassages)]
pub fn event_passages(props: &EventPassagesProps) -> Html {
    // Passages come from fetched articles in the split layout.
    let _ = use_context::<crate::data::DataVersion>();
    let current = crate::export::use_current_state(&props.data);
    let data = &props.data;
    let events = &props.events;
    let mut top: Vec<&Event> = events.iter().collect();
    top.sort_by(|a, b| b.articles.cmp(&a.articles).then(b.mentions.cmp(&a.mentions)).then(a.date.cmp(&b.date)));
    top.truncate(LISTED);
    let chip = |e: &Event| {
        let d = e.date;
        let selected = props.selected == Some(d);
        let onclick = props.dispatch.reform(move |_| Action::Event(if selected { None } else { Some(d) }));
        html! {
            <li>
                <button type="button" class={classes!("event-chip", selected.then_some("selected"))} data-date={d.iso()}
                    aria-pressed={selected.to_string()} {onclick}>
                    {day(d)}<span class="muted">{format!(" · {}", count(e.articles, "article", "articles"))}</span>
                </button>
            </li>
        }
    };
    let detail = props.selected.map(|d| {
        let close = props.dispatch.reform(|_| Action::Event(None));
        match events.iter().find(|e| e.date == d) {
            None => html! {
                <div class="event-detail" id="event-detail">
                    <p>{format!("No current result mentions {}.", day(d))}
                        {" "}<button type="button" class="link" onclick={close}>{"Clear"}</button></p>
                </div>
            },
            Some(e) => {
                let n_outlets = data.outlets.len();
                // Grouped by outlet: mentions sorted by outlet slot, stable
                // within an outlet (result order, then position).
                // In result order: every hit ranked (the app ranks only the first rows).
                // (The split layout may first fetch frequent words' tails to
                // rank them all: until then the passages are loading.)
                let ranked = data.ranked_to(&props.results, usize::MAX);
                let docs: Vec<u32> = ranked.hits.iter().map(|h| h.doc).collect();
                let index_mentions = data.events().map(|ev| ev.mentions_of(d, &docs)).unwrap_or_default();
                // The articles that mention the day, in result order, then
                // grouped by outlet; the passages are found again in their
                // texts (the split layout keeps only the days per article).
                let mut mentioning: Vec<u32> = Vec::new();
                for m in &index_mentions {
                    if mentioning.last() != Some(&m.doc) && !mentioning.contains(&m.doc) {
                        mentioning.push(m.doc);
                    }
                }
                mentioning.sort_by_key(|&doc| data.doc_slot(doc));
                mentioning.truncate(PASSAGES);
                let loading = !ranked.fully_ranked() || !data.have_articles(&mentioning);
                let mut mentions = Vec::new();
                for &doc in &mentioning {
                    if let Some(a) = data.full(doc) {
                        let mut found = Vec::new();
                        dateline_core::events::mentions_in(&a, doc, &mut found);
                        mentions.extend(found.into_iter().filter(|m| m.date == d));
                    }
                }
                // The same passages as a table, for the export buttons.
                let table = dateline_core::export::Table {
                    columns: vec!["mentioned", "outlet", "id", "title", "published", "before", "mention", "after"],
                    rows: mentions
                        .iter()
                        .take(PASSAGES)
                        .filter_map(|m| {
                            let a = data.full(m.doc)?;
                            let p = passage(a.texts().nth(m.block as usize)?, m.start as usize, m.end as usize, 220)?;
                            let outlet = a.outlet.as_deref().and_then(|k| data.outlet(k)).map_or("", |o| o.name.as_str());
                            Some(vec![
                                d.iso(),
                                outlet.to_string(),
                                a.id.clone(),
                                a.title.clone(),
                                a.date.date.map(|x| x.iso()).unwrap_or_default(),
                                p.before,
                                p.mention,
                                p.after,
                            ])
                        })
                        .collect(),
                };
                let table = Rc::new(table);
                let export = |json: bool| {
                    let (data, table, current) = (data.clone(), table.clone(), current.clone());
                    Callback::from(move |_| {
                        let meta = crate::export::meta(&data, &current);
                        let view = format!("passages-{}", d.iso());
                        let n = table.rows.len();
                        if json {
                            let body = meta.wrap_json("passages", table.to_value());
                            crate::export::download(&body, "application/json", &meta.file_name(&view, n, "json"));
                        } else {
                            crate::export::download(&table.to_csv(), "text/csv", &meta.file_name(&view, n, "csv"));
                        }
                    })
                };
                let items = mentions.iter().take(PASSAGES).filter_map(|m| {
                    let a = data.full(m.doc)?;
                    let text = a.texts().nth(m.block as usize)?;
                    let p = passage(text, m.start as usize, m.end as usize, 220)?;
                    let slot = data.doc_slot(m.doc);
                    let outlet = a.outlet.as_deref().and_then(|k| data.outlet(k)).map_or("Unknown outlet", |o| o.name.as_str());
                    let id = a.id.clone();
                    let open = props.dispatch.reform(move |_| Action::Open(id.clone()));
                    Some(html! {
                        <li class={classes!("passage", outlet_class(slot, n_outlets))} data-id={a.id.clone()}>
                            <div class="passage-meta">
                                <bdi class="chip" title={outlet.to_string()}>{short_name(outlet)}</bdi>
                                <span class="muted">{date(&a.date)}</span>
                                <button type="button" class="link" dir="auto" onclick={open}>{cap_words(&a.title, 60).into_owned()}</button>
                            </div>
                            <blockquote dir="auto">{cap_words(&p.before, 60).into_owned()}<mark>{p.mention}</mark>{cap_words(&p.after, 60).into_owned()}</blockquote>
                        </li>
                    })
                });
                html! {
                    <div class="event-detail" id="event-detail" aria-live="polite">
                        <div class="section-head">
                            <h3>{format!("{}: {} in {} by {}", day(d), count(e.mentions, "mention", "mentions"), count(e.articles, "article", "articles"), outlet_names(data, e))}</h3>
                            <button type="button" class="link" onclick={close}>{"Close"}</button>
                        </div>
                        if loading { <p class="muted" role="status">{"Loading the passages…"}</p> } else {
                            <p class="view-export">
                                <button type="button" class="small" id="passages-export-csv" onclick={export(false)}>{"Export CSV"}</button>
                                <button type="button" class="small" id="passages-export-json" onclick={export(true)}>{"Export JSON"}</button>
                            </p>
                        }
                        <ol class="passages">{ for items }</ol>
                        if e.mentions > PASSAGES { <p class="muted">{format!("First {PASSAGES} of {} mentions.", e.mentions)}</p> }
                    </div>
                }
            }
        }
    });
    html! {
        <div id="events" class="events">
            if events.is_empty() && props.loading {
                <p class="muted" role="status">{"Loading the mentioned dates…"}</p>
            } else if events.is_empty() {
                <p class="muted">{"These results mention no date."}</p>
            } else {
                <p class="muted events-intro">{format!("{} in these articles; most mentioned:", count(events.len(), "day", "days"))}</p>
                <ul class="event-chips">{ for top.into_iter().map(chip) }</ul>
            }
            { for detail }
        </div>
    }
}
