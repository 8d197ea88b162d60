//! Styles the app computes, set through the CSSOM.
//!
//! The page's Content Security Policy allows no inline styles: the browser
//! refuses every `style="…"` attribute (and Yew writes `style` props as
//! attributes). What only the app can compute, a row's offset in the
//! windowed result list or a marker's place on the timeline, is set on the
//! element's `style` object instead, which the policy allows: [`use_style`]
//! does it after every render in which the values change. Colours never
//! need this: an outlet's colour is a palette class ([`outlet_class`]).

use yew::prelude::*;

/// Sets CSS properties (`("top", "21rem")`, `("--n", "3")`) on the element
/// behind `node` whenever they change.
#[hook]
pub fn use_style(node: NodeRef, decls: Vec<(&'static str, String)>) {
    use_effect_with(decls, move |decls| {
        if let Some(el) = node.cast::<web_sys::HtmlElement>() {
            let style = el.style();
            for (property, value) in decls {
                let _ = style.set_property(property, value);
            }
        }
    });
}

/// Number of colours in the outlet palette (`styles/base.css`, `.oc-0` to
/// `.oc-7`: Okabe–Ito, colour-blind safe).
pub const PALETTE_SIZE: usize = 8;

/// The palette class of an outlet slot (`oc-0`…`oc-7`, `oc-unknown` for
/// the unknown-outlet slot); it sets `--outlet` for the element and its
/// children.
pub fn outlet_class(slot: usize, outlets: usize) -> &'static str {
    const CLASSES: [&str; PALETTE_SIZE] = ["oc-0", "oc-1", "oc-2", "oc-3", "oc-4", "oc-5", "oc-6", "oc-7"];
    if slot >= outlets {
        "oc-unknown"
    } else {
        CLASSES[slot % PALETTE_SIZE]
    }
}
