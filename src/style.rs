//! Styles the app computes, set through the CSSOM; media queries the views
//! follow; the outlet palette.
//!
//! The page's Content Security Policy allows no inline styles: the browser
//! refuses every `style="…"` attribute (and Yew writes `style` props as
//! attributes). What only the app can compute, a row's offset in the
//! windowed result list or a marker's place on the timeline, is set on the
//! element's `style` object instead, which the policy allows: [`use_style`]
//! does it after every render in which the values change. Colours never
//! need this: an outlet's colour is a palette class ([`outlet_class`]).
//!
//! **The palette** has [`COLOURS`] colours (Okabe–Ito's colour-blind safe
//! set, with two darker tones; lighter tones in dark mode) times
//! [`PATTERNS`] patterns (solid, stripes, dots, cross-hatch): outlet slot
//! `s` gets colour `s % 8` and pattern `s / 8 % 4`, so 32 outlets are told
//! apart by colour and pattern, not by colour alone. The classes `oc-0` …
//! `oc-31` (`styles/palette.css`) set `--outlet` (the colour) and, for the
//! patterned ones, `--outlet-bg` (a CSS background drawing the pattern)
//! for HTML, and the fill of the timeline's stacks (SVG patterns drawn by
//! [`crate::components::legend::SvgPatterns`]). The timeline stacks at
//! most [`crate::chart::MAX_SERIES`] outlets, those with the most results,
//! each with its own entry, and groups the rest as "other outlets" (a grey
//! hatch, named in the legend's tooltip).

use gloo::events::EventListener;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
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

/// Whether a media query matches, kept up to date (a window resized or a
/// phone turned re-renders the component).
#[hook]
pub fn use_media(query: &'static str) -> bool {
    let list = use_memo(query, |q| web_sys::window().and_then(|w| w.match_media(q).ok().flatten()));
    let matches = use_state(|| list.as_ref().as_ref().is_some_and(|l| l.matches()));
    {
        let matches = matches.clone();
        use_effect_with(list, move |list| {
            let listener = list.as_ref().as_ref().map(|l| {
                let l2 = l.clone();
                EventListener::new(l, "change", move |_| matches.set(l2.matches()))
            });
            move || drop(listener)
        });
    }
    *matches
}

/// The width of the element behind `node` in CSS pixels (0 until it is
/// measured), kept up to date by a `ResizeObserver`. The element must be
/// rendered by the component's first render.
#[hook]
pub fn use_width(node: NodeRef) -> f64 {
    let width = use_state_eq(|| 0.0f64);
    {
        let width = width.clone();
        use_effect_with(node, move |node| {
            let observer = node.cast::<web_sys::Element>().and_then(|el| {
                let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                    if let Some(entry) = entries.get(0).dyn_ref::<web_sys::ResizeObserverEntry>() {
                        // Whole pixels: sub-pixel jitter would redraw for nothing.
                        width.set(entry.content_rect().width().round());
                    }
                });
                let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
                observer.observe(&el);
                Some((observer, callback))
            });
            move || {
                if let Some((observer, _callback)) = observer {
                    observer.disconnect();
                }
            }
        });
    }
    *width
}

/// Wide screens: the reader is a side panel, the timeline, mentioned dates
/// and compare panels a column beside the results (`styles/base.css` uses
/// the same width).
pub const WIDE: &str = "(min-width: 1100px)";
/// Screens wide enough for the filters' column beside the results.
pub const TWO_COLUMNS: &str = "(min-width: 760px)";

/// Colours in the palette.
pub const COLOURS: usize = 8;
/// Patterns in the palette (solid first).
pub const PATTERNS: usize = 4;
/// Outlets the palette tells apart.
pub const PALETTE_SIZE: usize = COLOURS * PATTERNS;

const CLASSES: [&str; PALETTE_SIZE] = [
    "oc-0", "oc-1", "oc-2", "oc-3", "oc-4", "oc-5", "oc-6", "oc-7", "oc-8", "oc-9", "oc-10", "oc-11", "oc-12", "oc-13",
    "oc-14", "oc-15", "oc-16", "oc-17", "oc-18", "oc-19", "oc-20", "oc-21", "oc-22", "oc-23", "oc-24", "oc-25",
    "oc-26", "oc-27", "oc-28", "oc-29", "oc-30", "oc-31",
];

/// The palette entry of an outlet slot: `0..PALETTE_SIZE`, `None` for the
/// unknown-outlet slot (`slot >= outlets`).
pub fn palette_entry(slot: usize, outlets: usize) -> Option<usize> {
    (slot < outlets).then_some(slot % PALETTE_SIZE)
}

/// The palette class of an outlet slot (`oc-0`…`oc-31`, `oc-unknown` for
/// the unknown-outlet slot); it sets `--outlet` (and `--outlet-bg`) for
/// the element and its children.
pub fn outlet_class(slot: usize, outlets: usize) -> &'static str {
    palette_entry(slot, outlets).map_or("oc-unknown", |e| CLASSES[e])
}

/// The class of a palette entry (`oc-other` for the grouped "other
/// outlets").
pub fn entry_class(entry: Option<usize>) -> &'static str {
    entry.map_or("oc-other", |e| CLASSES[e % PALETTE_SIZE])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The palette in light mode (`styles/palette.css`, checked below).
    const LIGHT: [&str; COLOURS] =
        ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7A5C00", "#882255"];
    /// The palette in dark mode: lighter tones that keep 3:1 against the
    /// panels (the two dark tones become Okabe–Ito's yellow and a light wine).
    const DARK: [&str; COLOURS] =
        ["#3B8FD0", "#E06A1B", "#16B287", "#D68AB4", "#E69F00", "#7FCBF2", "#F0E442", "#B04A82"];

    #[test]
    fn the_stylesheet_has_the_tested_colours() {
        let css = include_str!("../styles/palette.css");
        let (light, dark) = css.split_once("prefers-color-scheme: dark").expect("a dark section");
        for e in 0..PALETTE_SIZE {
            let class = entry_class(Some(e));
            for (part, colours) in [(light, LIGHT), (dark, DARK)] {
                let rule = format!(".{class} {{ --outlet: {}; }}", colours[e % COLOURS]);
                assert!(part.contains(&rule), "{rule}");
            }
        }
    }

    fn rgb(hex: &str) -> [f64; 3] {
        let c = |i: usize| f64::from(u8::from_str_radix(&hex[i..i + 2], 16).expect("hex"));
        [c(1), c(3), c(5)].map(|v| {
            let v = v / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        })
    }

    fn luminance(hex: &str) -> f64 {
        let [r, g, b] = rgb(hex);
        0.2126 * r + 0.7152 * g + 0.0722 * b
    }

    fn lab([r, g, b]: [f64; 3]) -> [f64; 3] {
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        let f = |t: f64| if t > 0.008856 { t.cbrt() } else { 7.787 * t + 16.0 / 116.0 };
        [116.0 * f(y) - 16.0, 500.0 * (f(x) - f(y)), 200.0 * (f(y) - f(z))]
    }

    /// Machado, Oliveira and Fernandes (2009), severity 1.0, on linear RGB.
    const VISION: [(&str, [[f64; 3]; 3]); 4] = [
        ("normal", [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]),
        (
            "protanopia",
            [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
        ),
        (
            "deuteranopia",
            [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
        ),
        (
            "tritanopia",
            [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
        ),
    ];

    #[test]
    fn palette_colours_stay_apart_for_colour_blind_readers() {
        for (mode, palette) in [("light", LIGHT), ("dark", DARK)] {
            for (vision, m) in VISION {
                let seen: Vec<[f64; 3]> = palette
                    .iter()
                    .map(|h| {
                        let c = rgb(h);
                        lab([0, 1, 2].map(|i| (m[i][0] * c[0] + m[i][1] * c[1] + m[i][2] * c[2]).clamp(0.0, 1.0)))
                    })
                    .collect();
                for i in 0..COLOURS {
                    for j in i + 1..COLOURS {
                        let d = (0..3).map(|k| (seen[i][k] - seen[j][k]).powi(2)).sum::<f64>().sqrt();
                        // CIE76 distance: 10 is plainly different side by side.
                        assert!(d >= 10.0, "{mode} {vision}: {} and {} are {d:.1} apart", palette[i], palette[j]);
                    }
                }
            }
        }
        // In dark mode every colour keeps 3:1 against the panels (#1d1f23).
        for h in DARK {
            let ratio = (luminance(h) + 0.05) / (luminance("#1d1f23") + 0.05);
            assert!(ratio >= 3.0, "{h}: {ratio:.2}");
        }
    }

    #[test]
    fn slots_get_distinct_classes_up_to_the_palette_size() {
        let classes: std::collections::HashSet<&str> = (0..PALETTE_SIZE).map(|s| outlet_class(s, 100)).collect();
        assert_eq!(classes.len(), PALETTE_SIZE);
        assert_eq!(outlet_class(5, 5), "oc-unknown");
        assert_eq!(outlet_class(PALETTE_SIZE + 1, 100), "oc-1");
    }
}
