//! Dateline's browser app: a thin Yew layer over `dateline-core`.
//!
//! The corpus is attached to the wasm module at build time (see
//! [`data`]), parsed once; every view derives what it shows from the [`state::State`] with
//! `use_memo`, and the state lives in the URL hash.

mod app;
mod chart;
mod components;
mod data;
mod export;
mod fetch;
mod format;
mod state;
mod style;
mod tall_list;

fn main() {
    // The static shell of index.html is painted before the app replaces
    // it: an animation frame runs just before a paint, and a task queued
    // from it runs after that paint. When the module is already here at the
    // first frame (a fast or cached load) the page would otherwise go from
    // blank to the app, and its first paint would wait for the whole start.
    // A hidden page paints nothing: it starts at once.
    let hidden = web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden());
    if hidden {
        start();
    } else {
        let frame = gloo::render::request_animation_frame(|_| {
            let _ = gloo::timers::callback::Timeout::new(0, start).forget();
        });
        // Kept for the page's life (dropping it would cancel the frame).
        std::mem::forget(frame);
    }
}

/// Replaces the static shell with the app.
fn start() {
    if let Some(shell) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        shell.remove();
    }
    yew::Renderer::<app::App>::new().render();
}
