//! Saved searches: the current search (its URL hash, the state's truth:
//! query, filters, range, grain, sort, ...) stored under a name in the
//! browser's `localStorage`, listed to open, rename and delete, and still
//! there after a reload.
//!
//! ## Storage format (version 1)
//! Key `dateline.saved.v1.<corpus name>` (a corpus's searches name its
//! outlets), value JSON:
//! `{"version":1,"searches":[{"name":"…","hash":"#/?q=…","saved":"2026-…Z"}]}`.
//! Another page or an older build may have written anything there: a value
//! that does not parse, has another version, or entries whose hash is not
//! a `#/` hash, is too long or has no name, is ignored (a console warning
//! names the problem; the app never panics on it). At most
//! [`MAX_SAVED`] searches, names of at most [`MAX_NAME`] characters;
//! names are rendered as text only.

use crate::data::Data;
use serde::{Deserialize, Serialize};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Most searches kept.
pub const MAX_SAVED: usize = 200;
/// Longest name, in characters.
pub const MAX_NAME: usize = 120;
/// Longest hash stored, in bytes.
const MAX_HASH: usize = 8 * 1024;

/// One saved search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    /// Name given by the user.
    pub name: String,
    /// URL hash that reopens it.
    pub hash: String,
    /// When it was saved (ISO 8601).
    #[serde(default)]
    pub saved: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct Stored {
    version: u32,
    searches: Vec<Saved>,
}

/// Parses a stored value: the valid searches, and a warning for anything
/// ignored.
pub fn parse(raw: &str) -> (Vec<Saved>, Option<String>) {
    let stored: Stored = match serde_json::from_str(raw) {
        Ok(s) => s,
        Err(e) => return (Vec::new(), Some(format!("not a saved-search list ({e}); ignored"))),
    };
    if stored.version != 1 {
        return (Vec::new(), Some(format!("saved searches of version {} (this app reads 1); ignored", stored.version)));
    }
    let total = stored.searches.len();
    let good: Vec<Saved> = stored
        .searches
        .into_iter()
        .filter(|s| s.hash.starts_with("#/") && s.hash.len() <= MAX_HASH && !s.name.trim().is_empty())
        .map(|mut s| {
            s.name = clean_name(&s.name);
            s
        })
        .take(MAX_SAVED)
        .collect();
    let warning = (good.len() < total).then(|| format!("{} damaged saved searches ignored", total - good.len()));
    (good, warning)
}

/// The stored value of `searches`.
pub fn serialize(searches: &[Saved]) -> String {
    serde_json::to_string(&Stored { version: 1, searches: searches.to_vec() }).unwrap_or_default()
}

/// A name on one line, bounded.
pub fn clean_name(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(MAX_NAME)
        .collect()
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn key(corpus: &str) -> String {
    format!("dateline.saved.v1.{corpus}")
}

fn warn(msg: &str) {
    web_sys::console::warn_1(&format!("Dateline: saved searches: {msg}").into());
}

/// The searches stored for `corpus` (damaged values ignored, warned).
pub fn load(corpus: &str) -> Vec<Saved> {
    let Some(raw) = storage().and_then(|s| s.get_item(&key(corpus)).ok().flatten()) else { return Vec::new() };
    let (list, warning) = parse(&raw);
    if let Some(w) = warning {
        warn(&w);
    }
    list
}

fn store(corpus: &str, searches: &[Saved]) {
    match storage() {
        Some(s) => {
            if s.set_item(&key(corpus), &serialize(searches)).is_err() {
                warn("the browser refused to store them (storage full or disabled)");
            }
        }
        None => warn("this browser offers no local storage"),
    }
}

/// Props of [`SavedSearches`].
#[derive(Properties, PartialEq)]
pub struct SavedSearchesProps {
    /// The corpus.
    pub data: Rc<Data>,
    /// The current query (the default name).
    pub query: String,
}

fn input_value(e: &Event) -> String {
    e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).map(|i| i.value()).unwrap_or_default()
}

/// The saved searches panel.
#[function_component(SavedSearches)]
pub fn saved_searches(props: &SavedSearchesProps) -> Html {
    let corpus = props.data.name.clone();
    let current = crate::export::use_current_state(&props.data);
    let list = {
        let corpus = corpus.clone();
        use_state(move || load(&corpus))
    };
    let name = use_state(String::new);
    let editing = use_state(|| None::<(usize, String)>);
    let update = {
        let (list, corpus) = (list.clone(), corpus.clone());
        move |new: Vec<Saved>| {
            store(&corpus, &new);
            list.set(new);
        }
    };
    let save = {
        let (list, name, update, query) = (list.clone(), name.clone(), update.clone(), props.query.clone());
        let current = current.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // Saved without the open article: the search, not the reading.
            let hash = crate::export::search_hash(&current);
            let typed = clean_name(&name);
            let label = if !typed.is_empty() {
                typed
            } else if !query.trim().is_empty() {
                clean_name(&query)
            } else {
                "All articles".into()
            };
            let mut new: Vec<Saved> = (*list).clone();
            new.retain(|s| s.name != label);
            new.insert(
                0,
                Saved {
                    name: label,
                    hash,
                    saved: js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default(),
                },
            );
            new.truncate(MAX_SAVED);
            update(new);
            name.set(String::new());
        })
    };
    let items = list.iter().enumerate().map(|(i, s)| {
        let open = {
            let hash = s.hash.clone();
            Callback::from(move |_| {
                if let Some(w) = web_sys::window() {
                    // The app follows the hash (a history entry, like a link).
                    let _ = w.location().set_hash(&hash);
                }
            })
        };
        let delete = {
            let (list, update) = (list.clone(), update.clone());
            Callback::from(move |_| {
                let mut new = (*list).clone();
                if i < new.len() {
                    new.remove(i);
                }
                update(new);
            })
        };
        let rename = {
            let (editing, name) = (editing.clone(), s.name.clone());
            Callback::from(move |_| editing.set(Some((i, name.clone()))))
        };
        match &*editing {
            Some((k, value)) if *k == i => {
                let oninput = {
                    let editing = editing.clone();
                    Callback::from(move |e: InputEvent| editing.set(Some((i, input_value(&e)))))
                };
                let onsubmit = {
                    let (list, update, editing, value) = (list.clone(), update.clone(), editing.clone(), value.clone());
                    Callback::from(move |e: SubmitEvent| {
                        e.prevent_default();
                        let value = clean_name(&value);
                        if !value.is_empty() {
                            let mut new = (*list).clone();
                            if let Some(s) = new.get_mut(i) {
                                s.name = value;
                            }
                            update(new);
                        }
                        editing.set(None);
                    })
                };
                let cancel = {
                    let editing = editing.clone();
                    Callback::from(move |_| editing.set(None))
                };
                html! {
                    <li class="saved-search editing">
                        <form class="saved-rename" {onsubmit}>
                            <label class="visually-hidden" for={format!("saved-rename-{i}")}>{"New name"}</label>
                            <input type="text" id={format!("saved-rename-{i}")} class="saved-rename-input" value={value.clone()} {oninput} maxlength={MAX_NAME.to_string()} />
                            <button type="submit" class="small">{"Rename"}</button>
                            <button type="button" class="small" onclick={cancel}>{"Cancel"}</button>
                        </form>
                    </li>
                }
            }
            _ => html! {
                <li class="saved-search">
                    <button type="button" class="link saved-open" title={format!("Open the saved search “{}”", s.name)} onclick={open}><bdi>{s.name.clone()}</bdi></button>
                    <span class="saved-actions">
                        <button type="button" class="small saved-rename-button" aria-label={format!("Rename “{}”", s.name)} onclick={rename}>{"Rename"}</button>
                        <button type="button" class="small saved-delete" aria-label={format!("Delete “{}”", s.name)} onclick={delete}>{"Delete"}</button>
                    </span>
                </li>
            },
        }
    });
    let oninput = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| name.set(input_value(&e)))
    };
    html! {
        <div id="saved-searches" class="saved-searches">
            <form class="saved-form" onsubmit={save}>
                <label for="saved-name" class="visually-hidden">{"Name of the search to save"}</label>
                <input type="text" id="saved-name" placeholder={if props.query.trim().is_empty() { "Name this search".to_string() } else { clean_name(&props.query) }}
                    value={(*name).clone()} {oninput} maxlength={MAX_NAME.to_string()} />
                <button type="submit" class="small" id="save-search">{"Save search"}</button>
            </form>
            if list.is_empty() {
                <p class="muted">{"No saved search yet. Saved searches stay in this browser."}</p>
            } else {
                <ul id="saved-list" class="saved-list">{ for items }</ul>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_values_round_trip() {
        let list = vec![Saved { name: "Putin, RT".into(), hash: "#/?q=putin&outlets=rt".into(), saved: "x".into() }];
        assert_eq!(parse(&serialize(&list)), (list, None));
    }

    /// A damaged or foreign value is ignored with a warning, never a panic.
    #[test]
    fn damaged_values_are_ignored() {
        for raw in [
            "",
            "null",
            "[1,2]",
            "{\"version\":1}",
            "{\"version\":2,\"searches\":[]}",
            "\u{0}garbage",
            "{\"version\":1,\"searches\":{}}",
        ] {
            let (list, warning) = parse(raw);
            assert!(list.is_empty() && warning.is_some(), "{raw:?}");
        }
        let raw = format!(
            "{{\"version\":1,\"searches\":[{{\"name\":\"ok\",\"hash\":\"#/?q=a\"}},{{\"name\":\"js\",\"hash\":\"javascript:alert(1)\"}},{{\"name\":\" \",\"hash\":\"#/\"}},{{\"name\":\"big\",\"hash\":\"#/{}\"}}]}}",
            "a".repeat(MAX_HASH)
        );
        let (list, warning) = parse(&raw);
        assert_eq!(list.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["ok"]);
        assert_eq!(warning.as_deref(), Some("3 damaged saved searches ignored"));
    }

    #[test]
    fn names_are_one_bounded_line() {
        assert_eq!(clean_name("  a\nb\u{7}\tc "), "a b c");
        assert_eq!(clean_name(&"x".repeat(1000)).chars().count(), MAX_NAME);
    }
}
