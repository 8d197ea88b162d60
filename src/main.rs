//! Dateline's browser app: a thin Yew layer over `dateline-core`.
//!
//! The corpus is attached to the wasm module at build time (see
//! [`data`]), parsed once; every view derives what it shows from the [`state::State`] with
//! `use_memo`, and the state lives in the URL hash.

mod app;
mod chart;
mod components;
mod data;
mod fetch;
mod format;
mod state;
mod style;

fn main() {
    // The static shell of index.html (shown while the wasm loads) gives way
    // to the app.
    if let Some(shell) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        shell.remove();
    }
    yew::Renderer::<app::App>::new().render();
}
