//! A label under the timeline bars, at its offset along the axis (set
//! through the CSSOM, see `crate::style`).

use crate::style::use_style;
use yew::prelude::*;

/// Props of [`AxisTick`].
#[derive(Properties, PartialEq)]
pub struct AxisTickProps {
    /// `tick first`, `tick mid` or `tick last` (alignment).
    pub class: &'static str,
    /// Offset from the left, in percent of the axis.
    pub left: f64,
    /// The label.
    pub label: String,
}

/// An axis label.
#[function_component(AxisTick)]
pub fn axis_tick(props: &AxisTickProps) -> Html {
    let node = use_node_ref();
    use_style(node.clone(), vec![("left", format!("{:.2}%", props.left))]);
    html! { <span ref={node} class={props.class}>{props.label.clone()}</span> }
}
