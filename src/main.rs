//! Dateline's browser app: a thin Yew layer over `dateline-core`.
//!
//! The corpus is embedded at build time (`build.rs`), parsed and indexed
//! once; every view derives what it shows from the [`state::State`] with
//! `use_memo`, and the state lives in the URL hash.

mod app;
mod components;
mod data;
mod format;
mod state;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
