//! "Also published": the copies of an article merged into it at ingest
//! (syndicated reprints, the same text filed twice), each with its outlet,
//! title, URL, input file and how much of its text the kept article holds,
//! so a merged copy stays findable. Everything is rendered as text.

use dateline_core::model::MergedCopy;
use yew::prelude::*;

/// Props of [`AlsoPublished`].
#[derive(Properties, PartialEq)]
pub struct AlsoPublishedProps {
    /// The merged copies.
    pub copies: Vec<MergedCopy>,
}

/// The list of merged copies (nothing when there is none).
#[function_component(AlsoPublished)]
pub fn also_published(props: &AlsoPublishedProps) -> Html {
    if props.copies.is_empty() {
        return html! {};
    }
    html! {
        <section class="also-published" aria-labelledby="also-published-heading">
            <h3 id="also-published-heading">{"Also published as / by"}</h3>
            <ul>
                { for props.copies.iter().map(|c| {
                    let outlet = c.outlet.clone().unwrap_or_else(|| "an unknown outlet".into());
                    let same = if c.similarity >= 100 { "same text".to_string() } else { format!("{}% of its text is in this one", c.similarity) };
                    html! {
                        <li>
                            <span class="copy-title">{c.title.clone()}</span>
                            <span class="muted">{format!(" — {outlet}; {same}")}</span>
                            <span class="copy-source">
                                <code>{c.input.clone()}</code>
                                if let Some(url) = &c.url { {" "}<span class="copy-url">{url.clone()}</span> }
                            </span>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
