//! The ranked result list with highlighted snippets, windowed: every row
//! has the same height (a line of outlet and date, then four lines shared
//! by the title, at most two, and the snippet, which fills the rest, so a
//! short title leaves no blank space), the list is as tall as all its rows,
//! and only the rows in or near the viewport exist in the DOM. Scrolling and resizing move the window; a
//! new result set recomputes it. Rows carry `aria-posinset`/`aria-setsize`
//! so assistive technology knows where they are in the whole list.
//!
//! Sorted by outlet, the rows are the ranked hits regrouped by outlet
//! (outlets by name, unknown last; `dateline_core::coverage::group_by_outlet`,
//! stable, so relevance holds within an outlet). Grouped by outlet, the
//! same runs keep the chosen order within each outlet, and each run's first
//! row carries a heading with the outlet's count ([`Layout`]): rows are
//! then placed from a table of tops and the window found by a binary
//! search over it, so the list stays windowed.
//!
//! A list taller than a browser can draw (more than about 52,000 rows at
//! the default cap) is paged ([`crate::tall_list`]): drawn at most
//! `--list-max-px` tall, each row placed its page's offset higher than its
//! virtual top, so every row of a million can be scrolled to.

use crate::components::export_buttons::ExportButtons;
use crate::components::result_row::ResultRow;
use crate::data::Data;
use crate::format::count;
use crate::state::{Action, State};
use crate::style::use_style;
use crate::tall_list;
use dateline_core::search::{Marks, Results, Sort};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Row pitch (row height plus gap) in rem; `styles/result_list.css` uses
/// the same value.
const ROW_REM: f64 = 9.6;
/// Rows rendered above and below the visible ones.
const OVERSCAN: usize = 3;
/// Rows printed at most.
const PRINT_MAX: usize = 500;
/// Rows rendered before the first measurement, and at least this many.
const FIRST_WINDOW: usize = 8;
/// Hits the app ranks when it searches (a screenful and more; the rest in
/// corpus order until the list is scrolled, see [`Data::ranked_to`]).
pub const RANK_FIRST: usize = 32;
/// Rows ranked past the last one rendered, when scrolling ranks more.
const RANK_AHEAD: usize = 32;
/// Height of a group's heading (grouped by outlet) in rem;
/// `styles/result_list.css` uses the same value.
const HEAD_REM: f64 = 2.2;

/// Rows grouped by outlet: each group's first row carries its heading, so
/// row `pos` of group `g` starts `pos × ROW_REM + (g + 1) × HEAD_REM` down
/// (its group's heading `HEAD_REM` above the card).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    /// Top of each row's card, in rem.
    pub tops: Vec<f64>,
    /// Per group: (first row, outlet slot, rows).
    pub groups: Vec<(usize, usize, usize)>,
}

impl Layout {
    /// The layout of `groups` (`dateline_core::coverage::Group`s in order).
    pub fn new(groups: &[dateline_core::coverage::Group]) -> Layout {
        let mut tops = Vec::new();
        for (g, group) in groups.iter().enumerate() {
            for pos in group.start..group.start + group.len {
                tops.push(pos as f64 * ROW_REM + (g + 1) as f64 * HEAD_REM);
            }
        }
        Layout { tops, groups: groups.iter().map(|g| (g.start, g.slot, g.len)).collect() }
    }

    /// Height of the whole list in rem.
    pub fn height_rem(&self) -> f64 {
        self.tops.last().map_or(0.0, |t| t + ROW_REM)
    }

    /// The rows `[from, to)` to render when the list's top is `top` px
    /// from the viewport's, `rem` px per rem, the viewport `height` px.
    fn window(&self, top: f64, rem: f64, height: f64) -> (usize, usize) {
        let n = self.tops.len();
        if n == 0 || rem <= 0.0 {
            return (0, 0);
        }
        let (lo, hi) = (-top / rem, (height - top) / rem);
        let first = self.tops.partition_point(|&t| t + ROW_REM <= lo);
        let last = self.tops.partition_point(|&t| t - HEAD_REM < hi);
        let from = first.saturating_sub(OVERSCAN).min(n);
        let to = (last + OVERSCAN).max(from + FIRST_WINDOW).min(n).max(from);
        (from, to)
    }
}

/// The rows `[from, to)` of a list of `n` rows of `pitch` px whose top is
/// `top` px from the top of a viewport `height` px tall.
fn window(n: usize, top: f64, pitch: f64, height: f64) -> (usize, usize) {
    if n == 0 || pitch <= 0.0 {
        return (0, 0);
    }
    let first = (-top / pitch).floor().max(0.0) as usize;
    let last = ((height - top) / pitch).ceil().max(0.0) as usize;
    let from = first.saturating_sub(OVERSCAN).min(n);
    // At least FIRST_WINDOW rows, so a short list is whole and arrow keys
    // always find the next row.
    let to = (last + OVERSCAN).max(from + FIRST_WINDOW).min(n).max(from);
    (from, to)
}

thread_local! {
    /// A row (1-based position) to focus once it is rendered: the arrow
    /// keys can outrun the scroll events that move the window.
    static PENDING_FOCUS: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
    /// The list as last rendered: (virtual height px, offset px of the page
    /// shown), for the arrow keys to find a row that is not rendered.
    static GEOMETRY: std::cell::Cell<(f64, f64)> = const { std::cell::Cell::new((0.0, 0.0)) };
    /// The tallest the list is drawn (px), read once from the root's
    /// `--list-max-px`.
    static MAX_PX: std::cell::Cell<Option<f64>> = const { std::cell::Cell::new(None) };
    /// Pixels per rem as last measured (0: not yet), for the render: reading
    /// a computed style there could force a style recalculation.
    static REM_PX: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
}

/// The tallest the list is drawn, in px: the root element's
/// `--list-max-px` if it is a positive number (tests lower it to page a
/// small list), else [`tall_list::DEFAULT_MAX_PX`].
fn max_px() -> f64 {
    if let Some(px) = MAX_PX.with(|m| m.get()) {
        return px;
    }
    let root = web_sys::window().and_then(|w| Some((w.document()?.document_element()?, w)));
    let px = root
        .and_then(|(el, w)| w.get_computed_style(&el).ok().flatten())
        .and_then(|style| style.get_property_value("--list-max-px").ok())
        .and_then(|v| v.trim().trim_end_matches("px").parse::<f64>().ok())
        .filter(|px| px.is_finite() && *px > 0.0)
        .unwrap_or(tall_list::DEFAULT_MAX_PX);
    MAX_PX.with(|m| m.set(Some(px)));
    px
}

fn row_button(document: &web_sys::Document, pos: usize) -> Option<web_sys::HtmlElement> {
    document
        .query_selector(&format!("#results .result[aria-posinset=\"{pos}\"] .result-button"))
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
}

/// Focuses the row of article `id` when it is rendered, else (or with
/// no id) the first row, else the result count. Returns whether a row
/// got the focus.
pub fn focus_result(id: Option<&str>) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return false };
    let button = |selector: &str| {
        document.query_selector(selector).ok().flatten().and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    };
    // Ids are safe in a selector: the URL's ids are checked against the
    // corpus, and the corpus's ids are `NNN_hex`; quotes are escaped anyway.
    let row = id.and_then(|id| {
        button(&format!("#results .result[data-id=\"{}\"] .result-button", id.replace(['"', '\\'], "")))
    });
    if let Some(b) = row.or_else(|| button("#results .result .result-button")) {
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
        b.scroll_into_view_with_scroll_into_view_options(&opts);
        return b.focus().is_ok();
    }
    if let Some(h) = button("#result-count") {
        let _ = h.focus();
    }
    false
}

/// Moves keyboard focus to the next (or previous) result row, scrolling
/// the window when that row is not rendered yet; from the first row, up
/// goes back to the search box. Returns whether the key was handled.
pub fn move_focus(down: bool) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return false };
    let Some(list) = document.get_element_by_id("results") else { return false };
    let Some(first) = list.first_element_child() else { return false };
    let attr = |el: &web_sys::Element, name: &str| el.get_attribute(name).and_then(|v| v.parse::<usize>().ok());
    let Some(total) = attr(&first, "aria-setsize") else { return false };
    // A row still waiting to be rendered and focused counts as the current
    // one, so quick presses add up instead of repeating the same move.
    let current = PENDING_FOCUS.with(|p| p.get()).or_else(|| {
        document
            .active_element()
            .and_then(|a| a.closest(".result").ok().flatten())
            .and_then(|li| attr(&li, "aria-posinset"))
    });
    let target = match (current, down) {
        (None, true) => attr(&first, "aria-posinset").unwrap_or(1),
        (None, false) => return false,
        (Some(1), false) => {
            if let Some(input) =
                document.get_element_by_id("search").and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = input.focus();
            }
            return true;
        }
        (Some(p), true) => (p + 1).min(total),
        (Some(p), false) => p - 1,
    };
    if let Some(button) = row_button(&document, target) {
        PENDING_FOCUS.with(|p| p.set(None));
        return button.focus().is_ok();
    }
    // Not rendered: scroll it into view and focus it after the render.
    PENDING_FOCUS.with(|p| p.set(Some(target)));
    let rect = list.get_bounding_client_rect();
    // The virtual pitch (headings averaged in when grouped), and the row
    // drawn its page's offset higher (`tall_list`): the list's drawn
    // height over its rows is no pitch once it is paged.
    let (virtual_px, offset) = GEOMETRY.with(|g| g.get());
    let pitch = if virtual_px > 0.0 { virtual_px } else { rect.height() } / total.max(1) as f64;
    if let Some(w) = web_sys::window() {
        let row_top = rect.top() + (target - 1) as f64 * pitch - offset;
        w.scroll_by_with_x_and_y(0.0, row_top - w.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(0.0) / 2.0);
    }
    true
}

/// Pixels per rem: the root element's font size (16 unless the reader
/// set another), 0 when it cannot be read.
fn rem_px() -> f64 {
    let root = web_sys::window().and_then(|w| Some((w.document()?.document_element()?, w)));
    root.and_then(|(el, w)| w.get_computed_style(&el).ok().flatten())
        .and_then(|style| style.get_property_value("font-size").ok())
        .and_then(|size| size.trim_end_matches("px").parse::<f64>().ok())
        .filter(|px| *px > 0.0)
        .unwrap_or(0.0)
}

/// What to render: rows `[from, to)`, and the page of a paged list.
type Window = (usize, usize, usize);

/// The height of a list of `n` rows (laid out by `layout` when grouped),
/// in rem, as if the browser drew any height.
fn virtual_rem(n: usize, layout: Option<&Layout>) -> f64 {
    layout.filter(|l| l.tops.len() == n).map_or(n as f64 * ROW_REM, |l| l.height_rem())
}

/// Measures the list element and returns the rows to render, the page to
/// show, and how many px to scroll the window by when a small scroll
/// crossed into another page (see [`tall_list::Pages::scrolled`]; `page`
/// is the page shown, `before` how far the list was scrolled at the last
/// measurement, `None` when the list's height changed since). Without a layout the rows are
/// those in view whatever the number of results (not clamped to `n`), so a
/// new result set at the same scroll position shows the right rows at
/// once, without measuring (which would force a layout of the rows just
/// rendered).
///
/// The row pitch comes from the root font size, not from the list's height
/// over its rows: browsers cap an element's height (Chromium at 33,554,428
/// px, about 218,000 rows), so at a million results that ratio made rows
/// look 34 px tall instead of 154 and the list rendered (and fetched the
/// articles of) 20 rows where 4 were in view, 19 or 20 depending on where
/// the list sat when it measured.
fn measure(
    list: &NodeRef,
    n: usize,
    layout: Option<&Layout>,
    page: usize,
    before: Option<f64>,
) -> Option<(Window, f64, f64)> {
    let el = list.cast::<web_sys::Element>()?;
    let window_height = web_sys::window()?.inner_height().ok()?.as_f64()?;
    let rect = el.get_bounding_client_rect();
    let layout = layout.filter(|l| l.tops.len() == n);
    let virtual_rem = virtual_rem(n, layout);
    let rem = match rem_px() {
        px if px > 0.0 => {
            REM_PX.with(|r| r.set(px));
            px
        }
        // Unreadable: the list's height over its rows, as before.
        _ if virtual_rem > 0.0 => rect.height() / virtual_rem,
        _ => 0.0,
    };
    let pages = tall_list::Pages::new(virtual_rem * rem, max_px());
    let scrolled = -rect.top();
    let (page, correction) = pages.scrolled(scrolled, before, page, window_height);
    // Where the list's virtual top is, once the window has scrolled by the
    // correction: its page's offset above the drawn one.
    let top = rect.top() - correction - pages.offset(page);
    let rows = if let Some(layout) = layout {
        layout.window(top, rem, window_height)
    } else if rem * ROW_REM <= 0.0 {
        (0, FIRST_WINDOW)
    } else {
        window(usize::MAX, top, ROW_REM * rem, window_height)
    };
    Some(((rows.0, rows.1, page), scrolled + correction, correction))
}

/// Props of [`ResultList`].
#[derive(Properties, PartialEq)]
pub struct ResultListProps {
    /// The corpus.
    pub data: Rc<Data>,
    /// Current results.
    pub results: Rc<Results>,
    /// Open article id.
    pub open: Option<String>,
    /// Result order.
    pub sort: Sort,
    /// State updates.
    pub dispatch: Callback<Action>,
    /// Results ordered by outlet (relevance within one).
    #[prop_or_default]
    pub outlet_sort: bool,
    /// Results grouped by outlet under headings.
    #[prop_or_default]
    pub group_outlets: bool,
}

/// The hits in the order shown: as ranked, or by outlet (outlets by name,
/// unknown last), with the layout of the groups when grouped.
fn arrange(
    data: &Data,
    results: &Rc<Results>,
    by_outlet: bool,
    grouped: bool,
) -> Option<(Rc<Results>, Option<Rc<Layout>>)> {
    if !by_outlet && !grouped {
        return None;
    }
    let mut names: Vec<usize> = (0..data.outlets.len()).collect();
    names.sort_by_cached_key(|&s| data.outlet_name(s).to_lowercase());
    let mut rank = vec![usize::MAX; data.outlets.len() + 1];
    for (i, &slot) in names.iter().enumerate() {
        rank[slot] = i;
    }
    // Regrouping needs the whole order: every hit ranked. (The split
    // layout may first fetch frequent words' tails for it: until they
    // are here no row is shown, rather than rows out of their order.)
    let results = data.ranked_to(results, usize::MAX);
    if !results.fully_ranked() {
        return Some((Rc::new(Results { hits: Vec::new(), ..(*results).clone() }), None));
    }
    let (hits, groups) = dateline_core::coverage::group_by_outlet(&results.hits, |d| data.doc_slot(d), &rank);
    let whole = results.fully_ranked();
    let arranged = Results { hits, ..(*results).clone() };
    let layout = (grouped && whole).then(|| Rc::new(Layout::new(&groups)));
    Some((Rc::new(arranged), layout))
}

/// The result list.
#[function_component(ResultList)]
pub fn result_list(props: &ResultListProps) -> Html {
    let list = use_node_ref();
    let total = props.results.len();
    let arranged = {
        let data = props.data.clone();
        // The index version too: an arrangement waiting for tier tails is
        // made again when they arrive (the results, compared by value, are
        // the same).
        let index_version = data.index_version();
        use_memo(
            (props.results.clone(), props.outlet_sort, props.group_outlets, index_version),
            move |(r, by, grouped, _)| arrange(&data, r, *by, *grouped),
        )
    };
    let (shown, layout) = match &*arranged {
        Some((r, l)) => (r.clone(), l.clone()),
        None => (props.results.clone(), None),
    };
    // The list is as tall as all its rows (and headings), rendered or not,
    // up to the tallest a browser draws (then paged, `tall_list`).
    let height = virtual_rem(total, layout.as_deref());
    // The root font size as last measured (the browser's default before).
    let rem = match REM_PX.with(|r| r.get()) {
        px if px > 0.0 => px,
        _ => 16.0,
    };
    let pages = tall_list::Pages::new(height * rem, max_px());
    let drawn = if pages.paged() { format!("{:.0}px", pages.drawn_px) } else { format!("{height:.2}rem") };
    use_style(list.clone(), vec![("height", drawn)]);
    let layout_cell = use_mut_ref(|| None::<Rc<Layout>>);
    *layout_cell.borrow_mut() = layout.clone();
    // The rows in view and the page shown (see `measure`; clamped to the
    // rows there are below).
    let range = use_state(|| (0, FIRST_WINDOW, 0));
    let offset_px = pages.offset(range.2);
    GEOMETRY.with(|g| g.set((pages.virtual_px, offset_px)));
    // How far the list was scrolled at the last measurement (`measure`),
    // and its virtual height then (rem): a list of another height is paged
    // otherwise, so its first measurement lands in proportion.
    let scrolled = use_mut_ref(|| None::<(f64, f64)>);
    // The listeners read the current row count through this cell.
    let rows = use_mut_ref(|| total);
    *rows.borrow_mut() = total;
    // The window rendered: the listeners compare with it (a state handle
    // they hold keeps the value of the render that made them).
    let shown_cell = use_mut_ref(|| *range);
    *shown_cell.borrow_mut() = *range;
    // Focus a row the arrow keys asked for once it is rendered.
    use_effect(|| {
        if let Some(pos) = PENDING_FOCUS.with(|p| p.get()) {
            if let Some(button) = web_sys::window().and_then(|w| w.document()).and_then(|d| row_button(&d, pos)) {
                PENDING_FOCUS.with(|p| p.set(None));
                let _ = button.focus();
            }
        }
    });
    // Measures, scrolls by the paging's correction, and moves the window.
    let update = {
        let (list, range, scrolled, shown_cell) = (list.clone(), range.clone(), scrolled.clone(), shown_cell.clone());
        Rc::new(move |n: usize, layout: Option<&Layout>| {
            let height = virtual_rem(n, layout);
            let before = scrolled.borrow().filter(|&(_, h)| h == height).map(|(at, _)| at);
            let page = shown_cell.borrow().2;
            let rem_before = REM_PX.with(|r| r.get());
            let Some((w, at, correction)) = measure(&list, n, layout, page, before) else { return };
            // The render drew the list with another root font size: again.
            let redraw = REM_PX.with(|r| r.get()) != rem_before;
            *scrolled.borrow_mut() = Some((at, height));
            if correction != 0.0 {
                if let Some(window) = web_sys::window() {
                    window.scroll_by_with_x_and_y(0.0, correction);
                }
            }
            if redraw || *shown_cell.borrow() != w {
                *shown_cell.borrow_mut() = w;
                range.set(w);
            }
        })
    };
    {
        // A new result set keeps the rows in view (`range` is not clamped
        // to the number of rows), so it renders without measuring. The
        // list may still have moved (a "did you mean" line above it, a
        // shorter page scrolled back): measure once it is painted, when the
        // layout is already done (in the next animation frame it is not
        // yet, and reading the geometry there forced it: 15% of the
        // browser's time while typing, measured with e2e/profile.mjs).
        let update = update.clone();
        use_effect_with((props.results.clone(), layout.clone()), move |(r, layout)| {
            let n = r.len();
            let layout = layout.clone();
            let later = Rc::new(std::cell::RefCell::new(None::<gloo::timers::callback::Timeout>));
            let frame = {
                let later = later.clone();
                gloo::render::request_animation_frame(move |_| {
                    // A task after the frame: after its layout and paint.
                    *later.borrow_mut() = Some(gloo::timers::callback::Timeout::new(0, move || {
                        update(n, layout.as_deref());
                    }));
                })
            };
            move || drop((frame, later.take()))
        });
    }
    {
        let rows = rows.clone();
        let layout_cell = layout_cell.clone();
        use_effect_with((), move |_| {
            let window = web_sys::window().expect("a browser window");
            let on_change = move || {
                let n = *rows.borrow();
                let layout = layout_cell.borrow().clone();
                update(n, layout.as_deref());
            };
            let on_scroll = {
                let on_change = on_change.clone();
                gloo::events::EventListener::new(&window, "scroll", move |_| on_change())
            };
            let on_resize = gloo::events::EventListener::new(&window, "resize", move |_| on_change());
            move || drop((on_scroll, on_resize))
        });
    }
    // One set per result set: rows compare it by pointer first.
    let terms: Rc<Marks> = (*use_memo(props.results.clone(), |r| Rc::new(Marks::of(r)))).clone();
    // Printing (or print preview) renders the first PRINT_MAX rows whole
    // instead of the window (styles/print.css lays them out in flow).
    let printing = crate::style::use_media("print");
    let (from, to) = if printing { (0, total.min(PRINT_MAX)) } else { (range.0.min(total), range.1.min(total)) };
    // Rows past the ranked ones (scrolled down): rank further, ahead (an
    // arranged list is ranked whole, or waits for its ranking).
    let shown =
        if to > shown.ranked() && arranged.is_none() { props.data.ranked_to(&shown, to + RANK_AHEAD) } else { shown };
    let to = to.min(shown.hits.len());
    let items = shown.hits[from.min(to)..to]
        .iter()
        .enumerate()
        .map(|(k, hit)| {
            let pos = from + k;
            let selected = props.open.as_deref().is_some_and(|id| props.data.doc_of(id) == Some(hit.doc));
            // Its virtual top, drawn its page's offset higher.
            let top_rem = layout.as_ref().and_then(|l| l.tops.get(pos).copied()).unwrap_or(pos as f64 * ROW_REM)
                - offset_px / rem;
            let heading = layout.as_ref().and_then(|l| l.groups.iter().find(|g| g.0 == pos)).map(|&(_, slot, len)| {
                AttrValue::from(format!("{} · {}", props.data.outlet_name(slot), count(len, "article", "articles")))
            });
            // A row that starts a group is its heading taller, drawn above.
            let top_rem = if heading.is_some() { top_rem - HEAD_REM } else { top_rem };
            // Keyed by position, not by article: a new query fills the
            // rows already on screen (text and attributes patched) instead
            // of destroying and building them (about 180 nodes a query),
            // and scrolling still adds and removes only the rows that
            // enter or leave the window. 40k articles, `node e2e/trace.mjs
            // DIST /tmp/q.json 200`, input task p50 / p95, alternating
            // runs with other work on the machine: 7.3-8.3 / 14.2-14.9 ms
            // keyed by article, 6.8-7.8 / 10.4-16.0 keyed by position.
            html! {
                <ResultRow key={pos} data={props.data.clone()} hit={*hit} {pos} {total}
                    terms={terms.clone()} {selected} dispatch={props.dispatch.clone()} {top_rem} {heading} />
            }
        })
        .collect::<Html>();
    let current = crate::export::use_current_state(&props.data);
    let onsort = props.dispatch.reform(|e: Event| {
        let select = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok());
        match select.map(|s| s.value()).as_deref() {
            Some("newest") => Action::Sort(Sort::Newest),
            Some("oldest") => Action::Sort(Sort::Oldest),
            Some("outlet") => Action::SortByOutlet,
            _ => Action::Sort(Sort::Relevance),
        }
    });
    let group = props.dispatch.reform(|e: Event| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        Action::GroupOutlets(input.checked())
    });
    let sort_value = match props.sort {
        _ if props.outlet_sort => "outlet",
        Sort::Relevance => "relevance",
        Sort::Newest => "newest",
        Sort::Oldest => "oldest",
    };
    html! {
        <section class="results" aria-labelledby="result-count">
            if printing { {print_head(&props.data, &current, total)} }
            <div class="results-head">
                <h2 id="result-count" tabindex="-1" aria-live="polite">{count(total, "article", "articles")}</h2>
                <label class="sort">
                    <span>{"Sort"}</span>
                    <select id="sort" onchange={onsort}>
                        <option value="relevance" selected={sort_value == "relevance"}>{"by relevance"}</option>
                        <option value="newest" selected={sort_value == "newest"}>{"newest first"}</option>
                        <option value="oldest" selected={sort_value == "oldest"}>{"oldest first"}</option>
                        <option value="outlet" selected={sort_value == "outlet"}>{"by outlet"}</option>
                    </select>
                </label>
                <label class="sort group-outlets">
                    <input type="checkbox" id="group-outlets" checked={props.group_outlets} onchange={group} />
                    <span>{"Group by outlet"}</span>
                </label>
                if total > 0 {
                    <ExportButtons data={props.data.clone()} results={props.results.clone()} />
                }
            </div>
            if total == 0 {
                <p class="empty-state">{"No article matches. Remove a word, an outlet or the date range."}</p>
            }
            // "Did you mean": the common spelling of a misspelt word, when
            // the query finds few articles.
            if let Some(s) = props.results.suggestion.clone() {
                <p class="did-you-mean" id="did-you-mean">
                    {"Did you mean "}
                    <button type="button" class="link" onclick={
                        let s = s.clone();
                        props.dispatch.reform(move |_| Action::Query(s.clone()))
                    }><bdi>{s.clone()}</bdi></button>
                    {"?"}
                </p>
            }
            // Spellings of a query word in other scripts that matched
            // (ranked below the spelling typed).
            if total > 0 && !props.results.also.is_empty() {
                <p class="also-matched muted" id="also-matched">
                    { for props.results.also.iter().enumerate().map(|(i, (word, spellings))| html! {
                        <span>
                            { if i == 0 { "Also matched: " } else { "; " } }
                            { for spellings.iter().enumerate().map(|(k, s)| html! {
                                <>{ if k > 0 { ", " } else { "" } }<bdi>{s.clone()}</bdi></>
                            }) }
                            { format!(" (for {word})") }
                        </span>
                    }) }
                </p>
            }
            <ol id="results" ref={list} aria-label="Results">{items}</ol>
        </section>
    }
}

/// A filter's value as a reader sees it: outlets by their displayed names
/// (the export header keeps the keys, as the URL does).
fn shown_filter(data: &Data, key: &str, value: &str) -> String {
    match key {
        "outlets" | "sources" => value
            .split(',')
            .map(|k| data.outlet(k).map_or_else(|| k.to_string(), |o| o.name.clone()))
            .collect::<Vec<_>>()
            .join(", "),
        _ => value.to_string(),
    }
}

/// The heading of a printed list: corpus, query, filters, when.
fn print_head(data: &Data, state: &State, total: usize) -> Html {
    let meta = crate::export::meta(data, state);
    let query = if meta.query.trim().is_empty() { "all articles".to_string() } else { meta.query.clone() };
    html! {
        <div class="print-head" id="print-head">
            <p class="print-title">{"Dateline — "}<bdi>{query}</bdi></p>
            <p>{format!("Corpus: {} · {}", meta.corpus, count(total, "article", "articles"))}
                { for meta.filters.iter().map(|(k, v)| html! { <>{" · "}{format!("{k}: {}", shown_filter(data, k, v))}</> }) }
                if total > PRINT_MAX { {format!(" · the first {PRINT_MAX} printed")} }
            </p>
            <p class="muted">{format!("Printed {}", meta.exported.get(..10).unwrap_or(""))}</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::{window, Layout, HEAD_REM, ROW_REM};
    use dateline_core::coverage::Group;

    #[test]
    fn grouped_rows_sit_below_their_headings_and_window_by_their_tops() {
        let layout = Layout::new(&[Group { slot: 3, start: 0, len: 2 }, Group { slot: 0, start: 2, len: 1000 }]);
        assert_eq!(layout.tops.len(), 1002);
        assert!((layout.tops[1] - (ROW_REM + HEAD_REM)).abs() < 1e-9);
        // The second group's first row is below two headings.
        assert!((layout.tops[2] - (2.0 * ROW_REM + 2.0 * HEAD_REM)).abs() < 1e-9);
        assert!((layout.height_rem() - (1002.0 * ROW_REM + 2.0 * HEAD_REM)).abs() < 1e-9);
        // (list top px, px per rem, viewport px) -> rows rendered
        let cases = [
            ((0.0, 10.0, 900.0), (0, 13)),
            // 10,000 px down: rows 103..=113 visible (row 103 spans 993.2-1002.8 rem).
            ((-10_000.0, 10.0, 900.0), (100, 117)),
            // Past the end: the last rows (the overscan) stay.
            ((-1e9, 10.0, 900.0), (999, 1002)),
            ((0.0, 0.0, 900.0), (0, 0)),
        ];
        for ((top, rem, h), want) in cases {
            assert_eq!(layout.window(top, rem, h), want, "top={top}");
        }
    }

    #[test]
    fn window_table() {
        // (rows, list top, pitch, viewport height) -> rows rendered
        let cases = [
            ((0, 0.0, 168.0, 900.0), (0, 0)),
            ((5, 300.0, 168.0, 900.0), (0, 5)),
            // List starts 300 px down: rows 0..4 visible, plus overscan, at least 8.
            ((1000, 300.0, 168.0, 900.0), (0, 8)),
            // Below the fold: the first rows are there for the arrow keys.
            ((1000, 1200.0, 168.0, 900.0), (0, 8)),
            // Scrolled 10,000 px into the list: rows 59..=64 visible.
            ((1000, -10_000.0, 168.0, 900.0), (56, 68)),
            // Scrolled past the end.
            ((10, -5_000.0, 168.0, 900.0), (10, 10)),
        ];
        for ((n, top, pitch, h), want) in cases {
            assert_eq!(window(n, top, pitch, h), want, "n={n} top={top}");
        }
    }
}
