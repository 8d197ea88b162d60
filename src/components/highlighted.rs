//! Text with matched terms wrapped in `<mark>`; article text is only ever
//! rendered as text nodes, never as HTML.

use dateline_core::search::Fragment;
use yew::prelude::*;

/// Props of [`Highlighted`].
#[derive(Properties, PartialEq)]
pub struct HighlightedProps {
    /// The fragments to render.
    pub fragments: Vec<Fragment>,
}

/// Renders fragments, marking hits.
#[function_component(Highlighted)]
pub fn highlighted(props: &HighlightedProps) -> Html {
    props
        .fragments
        .iter()
        .map(|f| {
            if f.hit {
                html! { <mark>{f.text.clone()}</mark> }
            } else {
                html! { {f.text.clone()} }
            }
        })
        .collect::<Html>()
}
