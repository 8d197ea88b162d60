//! A panel that can be collapsed: its heading is the toggle, its body is
//! rendered only while it is open (a closed panel costs nothing), and the
//! browser remembers the choice (`localStorage`, key
//! `dateline.panel.<id>.<wide|narrow>`: a panel closed on a phone stays
//! open on a desktop until closed there).
//!
//! A panel is open by default where its `open_when` media query matches:
//! on wide screens the timeline and the mentioned dates sit in a column
//! beside the results, on narrow ones they start closed so that the
//! results come right after the search box.

use crate::style::use_media;
use yew::prelude::*;

/// Props of [`Panel`].
#[derive(Properties, PartialEq)]
pub struct PanelProps {
    /// Short name: the section is `#panel-<id>`, the stored key uses it.
    pub id: &'static str,
    /// Heading.
    pub title: AttrValue,
    /// What the closed panel still says (`2 selected`, a date range).
    #[prop_or_default]
    pub summary: Option<AttrValue>,
    /// Media query under which the panel starts open (`not all`: never).
    pub open_when: &'static str,
    /// Extra classes of the section.
    #[prop_or_default]
    pub class: Classes,
    /// The body.
    #[prop_or_default]
    pub children: Html,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn key(id: &str, wide: bool) -> String {
    format!("dateline.panel.{id}.{}", if wide { "wide" } else { "narrow" })
}

/// The stored choice (`None` when none, or storage is unavailable).
fn stored(id: &str, wide: bool) -> Option<bool> {
    match storage()?.get_item(&key(id, wide)).ok().flatten()?.as_str() {
        "open" => Some(true),
        "closed" => Some(false),
        _ => None,
    }
}

/// A collapsible panel.
#[function_component(Panel)]
pub fn panel(props: &PanelProps) -> Html {
    let wide = use_media(props.open_when);
    let id = props.id;
    let open = use_state_eq(|| stored(id, wide).unwrap_or(wide));
    // The screen crossed the breakpoint: the choice made at that width.
    {
        let open = open.clone();
        use_effect_with(wide, move |&wide| open.set(stored(id, wide).unwrap_or(wide)));
    }
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| {
            let now = !*open;
            if let Some(s) = storage() {
                let _ = s.set_item(&key(id, wide), if now { "open" } else { "closed" });
            }
            open.set(now);
        })
    };
    let heading = format!("panel-{id}-heading");
    let body = format!("panel-{id}-body");
    html! {
        <section id={format!("panel-{id}")} class={classes!("panel", props.class.clone(), (*open).then_some("open"))}
            aria-labelledby={heading.clone()} data-open={open.to_string()}>
            <h2 class="panel-head" id={heading}>
                <button type="button" class="panel-toggle" aria-expanded={open.to_string()}
                    aria-controls={(*open).then(|| body.clone())} onclick={toggle}>
                    <span class="panel-title">{props.title.clone()}</span>
                    if let Some(s) = &props.summary { <span class="panel-summary">{s.clone()}</span> }
                </button>
            </h2>
            if *open {
                <div class="panel-body" id={body}>{props.children.clone()}</div>
            }
        </section>
    }
}
