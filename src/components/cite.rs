//! "Cite this article": the APA 7 and Chicago references of the open
//! article (`dateline_core::cite`), each with a copy button. The Clipboard
//! API writes the text; where it is missing or refused (an insecure page,
//! a denied permission) the reference is selected instead, for Ctrl+C.
//! References are rendered as text only.

use dateline_core::cite::{apa, chicago, Source};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

/// Props of [`Cite`].
#[derive(Properties, PartialEq)]
pub struct CiteProps {
    /// The article's citation fields.
    pub source: Source,
}

/// Copies `text` with the Clipboard API; calls `done(true)` when written,
/// `done(false)` when the API is missing or refuses.
fn copy(text: &str, done: impl FnOnce(bool) + 'static) {
    let Some(window) = web_sys::window() else { return done(false) };
    // `navigator.clipboard` is undefined on insecure pages: look first.
    let clipboard = js_sys::Reflect::get(&window.navigator(), &JsValue::from_str("clipboard"))
        .ok()
        .filter(|c| c.is_object())
        .and_then(|c| c.dyn_into::<web_sys::Clipboard>().ok());
    let Some(clipboard) = clipboard else { return done(false) };
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
    let (ok, err) = (done.clone(), done);
    let ok: Closure<dyn FnMut(JsValue)> = Closure::new(move |_: JsValue| {
        if let Some(f) = ok.borrow_mut().take() {
            f(true)
        }
    });
    let err: Closure<dyn FnMut(JsValue)> = Closure::new(move |_: JsValue| {
        if let Some(f) = err.borrow_mut().take() {
            f(false)
        }
    });
    let _ = clipboard.write_text(text).then2(&ok, &err);
    // One of them runs once, later: they live as long as the page (a few
    // bytes per copy).
    ok.forget();
    err.forget();
}

/// Selects the text of the element with id `id` (the fallback).
fn select(id: &str) {
    let Some(window) = web_sys::window() else { return };
    let el = window.document().and_then(|d| d.get_element_by_id(id));
    if let (Some(el), Ok(Some(sel))) = (el, window.get_selection()) {
        let _ = sel.select_all_children(&el);
    }
}

/// The citation box.
#[function_component(Cite)]
pub fn cite(props: &CiteProps) -> Html {
    let status = use_state(String::new);
    let styles = [("apa", "APA 7", apa(&props.source)), ("chicago", "Chicago", chicago(&props.source))];
    html! {
        <details class="cite" id="cite">
            <summary>{"Cite this article"}</summary>
            <dl>
                { for styles.into_iter().map(|(key, label, text)| {
                    let id = format!("citation-{key}");
                    let onclick = {
                        let (status, text, id) = (status.clone(), text.clone(), id.clone());
                        Callback::from(move |_| {
                            let (status, id) = (status.clone(), id.clone());
                            copy(&text, move |ok| {
                                if ok {
                                    status.set(format!("Copied the {label} reference."));
                                } else {
                                    select(&id);
                                    status.set("Copying was refused: the reference is selected, press Ctrl+C (⌘C) to copy it.".into());
                                }
                            });
                        })
                    };
                    html! {
                        <>
                            <dt>{label}<button type="button" class="small copy-citation" id={format!("copy-{key}")} {onclick}>{format!("Copy {label}")}</button></dt>
                            <dd><p class="citation" {id} dir="auto">{text}</p></dd>
                        </>
                    }
                }) }
            </dl>
            <p class="muted cite-status" role="status" id="cite-status">{(*status).clone()}</p>
        </details>
    }
}
