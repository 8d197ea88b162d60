//! The timeline's legend: a swatch (colour and pattern) and a name per
//! stacked series, with its count on the axis, "other outlets" for the
//! grouped ones, and what the undated bar is. Also the SVG patterns the
//! stacks are filled with ([`SvgPatterns`]).

use crate::chart::Series;
use crate::data::Data;
use crate::format::{short_name, thousands};
use crate::style::{entry_class, COLOURS};
use yew::prelude::*;

/// Props of [`Legend`].
#[derive(Properties, PartialEq)]
pub struct LegendProps {
    /// The corpus (outlet names).
    pub data: std::rc::Rc<Data>,
    /// The stacked series, in stacking order (bottom first).
    pub series: std::rc::Rc<Vec<Series>>,
    /// Undated articles among the results.
    pub undated: u32,
}

/// The name of a series.
pub fn series_name(data: &Data, s: &Series) -> String {
    if s.unknown {
        "Unknown outlet".into()
    } else if s.entry.is_none() {
        format!("{} other outlets", s.slots.len())
    } else {
        s.slots.first().map_or(String::new(), |&slot| data.outlet_name(slot).to_string())
    }
}

/// The swatch class of a series.
pub fn series_class(s: &Series) -> &'static str {
    if s.unknown {
        "oc-unknown"
    } else {
        entry_class(s.entry)
    }
}

/// The legend.
#[function_component(Legend)]
pub fn legend(props: &LegendProps) -> Html {
    if props.series.is_empty() && props.undated == 0 {
        return Html::default();
    }
    html! {
        <ul class="legend" id="timeline-legend" aria-label="Legend">
            { for props.series.iter().map(|s| {
                let name = series_name(&props.data, s);
                let title = if s.entry.is_none() && !s.unknown {
                    s.slots.iter().map(|&slot| props.data.outlet_name(slot)).collect::<Vec<_>>().join(", ")
                } else {
                    name.clone()
                };
                html! {
                    <li class={series_class(s)} data-series={name.clone()}>
                        <span class="swatch" aria-hidden="true"></span>
                        <bdi class="legend-name" {title}>{short_name(&name)}</bdi>
                        <span class="legend-count">{thousands(s.total as usize)}</span>
                    </li>
                }
            }) }
            <li class="legend-undated">
                <span class="swatch undated-swatch" aria-hidden="true"></span>
                <span class="legend-name">{"undated, on its own scale (share of the results)"}</span>
                <span class="legend-count">{thousands(props.undated as usize)}</span>
            </li>
        </ul>
    }
}

/// Props of [`SvgPatterns`].
#[derive(Properties, PartialEq)]
pub struct SvgPatternsProps {
    /// Palette entries to define patterns for (solid entries need none).
    pub entries: Vec<usize>,
    /// Whether the "other outlets" hatch is needed.
    pub other: bool,
}

/// `<defs>` with the patterns of the palette entries past the solid ones
/// (`#op-<entry>`, `#op-other`): stripes, dots, a grid. Their colours come
/// from the palette classes set on each pattern (`styles/palette.css`).
#[function_component(SvgPatterns)]
pub fn svg_patterns(props: &SvgPatternsProps) -> Html {
    let pattern = |id: String, class: &'static str, tier: usize| {
        let marks = match tier {
            1 => html! { <rect class="pg" x="0" y="0" width="2" height="6" /> },
            2 => html! { <circle class="pg" cx="3" cy="3" r="1.3" /> },
            _ => {
                html! { <><rect class="pg" x="0" y="0" width="6" height="1.2" /><rect class="pg" x="0" y="0" width="1.2" height="6" /></> }
            }
        };
        let transform = if tier == 1 { "rotate(45)" } else { "" };
        html! {
            <pattern {id} class={class} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform={transform}>
                <rect class="pf" x="0" y="0" width="6" height="6" />
                { marks }
            </pattern>
        }
    };
    html! {
        <defs>
            { for props.entries.iter().filter(|&&e| e >= COLOURS).map(|&e| pattern(format!("op-{e}"), entry_class(Some(e)), e / COLOURS)) }
            if props.other { { pattern("op-other".into(), "oc-other", 1) } }
        </defs>
    }
}
