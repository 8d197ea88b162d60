//! From the DOM to the page's visible text, furniture left out.
//!
//! `render(dom) -> Rendered` walks the tree once and writes the text a
//! reader sees as blocks (a block ends at every block-level element: `p`,
//! `div`, `li`, `h1`-`h6`, `br` ...), in the layout the text extractor
//! reads (the `<title>` on the first line, then one block per line, blank
//! lines between), so that everything the text passes know (headline,
//! date lines, bylines, tail markers) works on HTML too. Before that,
//! `furniture(dom) -> removed` marks what never is article text, with its
//! whole subtree:
//!
//! * elements that are not text: `script`, `style`, `noscript`,
//!   `template`, `svg`, `iframe`, `object`, form controls;
//! * page furniture by element: `nav`, `aside`, `footer`, `dialog`;
//! * by ARIA role: `navigation`, `banner`, `contentinfo`, `complementary`,
//!   `search`, `dialog`, `menu`, `menubar`, `alert`;
//! * hidden elements: `hidden`, `aria-hidden="true"`, inline
//!   `display:none` / `visibility:hidden`; but not a collapsed accordion
//!   or tab panel (`role="region"`, `role="tabpanel"`, `aria-labelledby`)
//!   that is not `aria-hidden`: the reader opens it, and it is the
//!   article's text (WCXB tuning half: one guide's body recall 0.20 ->
//!   0.97, another page's precision 0.98 -> 0.96, nothing else moved);
//! * by class or id words ([`furniture.toml`](furniture.toml): `share`,
//!   `related`, `comments`, `sidebar`, `newsletter` ...), unless the
//!   element holds a third or more of the page's text (a wrapper named
//!   `has-sidebar` is not furniture) or is `html`, `body`, `main` or
//!   `article`.
//!
//! Each block also records how much of its text is link text, so that
//! menus the rules above missed (a list of links) can be dropped: a block
//! that is all link text and shorter than a sentence is not rendered
//! unless it is a heading.

use ego_tree::NodeId;
use scraper::{Html, Node};
use std::collections::HashSet;
use std::sync::OnceLock;

/// Elements whose content is never visible text.
const NOT_TEXT: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "video", "audio",
    "select", "option", "textarea", "input", "button", "head",
];
/// Elements that are page furniture.
const FURNITURE: &[&str] = &["nav", "aside", "footer", "dialog", "menu"];
/// ARIA roles of page furniture.
const FURNITURE_ROLES: &[&str] =
    &["navigation", "banner", "contentinfo", "complementary", "search", "dialog", "menu", "menubar", "alert"];
/// Elements that end a block of text.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "ul",
    "ol",
    "table",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "dd",
    "dt",
    "main",
    "aside",
    "form",
    "address",
    "td",
    "th",
    "dl",
    "hr",
    "br",
    "time",
    "img",
    "label",
    "center",
    "details",
    "summary",
    "caption",
    "body",
    "html",
];
/// Elements never removed for their class or id.
const STRUCTURAL: &[&str] = &["html", "body", "main", "article"];

#[derive(serde::Deserialize)]
struct FurnitureTable {
    remove: Vec<String>,
}

/// The class and id words of [`furniture.toml`](furniture.toml).
fn furniture_words() -> &'static HashSet<String> {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let table: Result<FurnitureTable, _> = toml::from_str(include_str!("furniture.toml"));
        // The table is part of the source and parsed in tests; an empty
        // set only disables this one rule.
        table.map(|t| t.remove.into_iter().collect()).unwrap_or_default()
    })
}

/// Whether a class or id value names furniture: one of its tokens, or a
/// `-`/`_` part of one, is a furniture word. A utility class with an
/// arbitrary CSS value (Tailwind's `lg:mr-[--sidebar-width]`,
/// `h-[var(--nav-height)]`) names a size, not the box: the words inside
/// its brackets are CSS variables (on WCXB a whole article header went
/// with `lg:max-2xl:mr-[--sidebar-container-width]`).
pub fn furniture_name(value: &str) -> bool {
    let words = furniture_words();
    value.split_whitespace().filter(|token| !token.contains(['[', '('])).any(|token| {
        let token = token.to_ascii_lowercase();
        words.contains(&token) || token.split(['-', '_']).any(|part| words.contains(part))
    })
}

/// One block of visible text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// The text, whitespace collapsed (kept as printed inside `pre`).
    pub text: String,
    /// The block element it ended in (`p`, `h1`, `li`, `div` ...).
    pub tag: &'static str,
    /// The element that holds the block (its nearest block ancestor).
    pub node: NodeId,
    /// Characters of link text in it.
    pub link_chars: usize,
}

/// The visible text of a page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The `<title>`.
    pub title: String,
    /// The blocks, in document order.
    pub pieces: Vec<Piece>,
}

impl Rendered {
    /// The layout the text extractor reads: title, blank line, the blocks
    /// separated by blank lines.
    pub fn text(&self) -> String {
        let mut out = String::with_capacity(self.pieces.iter().map(|p| p.text.len() + 2).sum::<usize>() + 200);
        out.push_str(&self.title);
        out.push_str("\n\n");
        for p in &self.pieces {
            out.push_str(&p.text);
            out.push_str("\n\n");
        }
        out
    }
}

/// Whether an element is a segment React streams hidden and then moves
/// into the page (`<div hidden id="S:0">`, React 18 server rendering with
/// Suspense: a script swaps it for its placeholder as the page loads).
/// Its `hidden` does not hide it from the reader: on Next.js pages it
/// often holds the whole article.
pub fn streamed_segment(el: &scraper::node::Element) -> bool {
    el.name() == "div"
        && el.attr("id").is_some_and(|id| {
            id.strip_prefix("S:").is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
}

/// Whether an element is the panel of a disclosure widget: an accordion's
/// or a tab's content (`role="region"` or `role="tabpanel"`, or labelled
/// by its control with `aria-labelledby`). Collapsed, it is hidden until
/// the reader opens it, but it is the article's text (an FAQ's answers, a
/// guide's steps). A dialog is labelled so too, and is no panel (a
/// sign-up or consent box shown over the page).
pub fn disclosure_panel(el: &scraper::node::Element) -> bool {
    let role = el.attr("role").map(|r| r.trim().to_ascii_lowercase()).unwrap_or_default();
    if matches!(role.as_str(), "dialog" | "alertdialog") || attr_is_true(el, "aria-modal") {
        return false;
    }
    matches!(role.as_str(), "region" | "tabpanel") || el.attr("aria-labelledby").is_some_and(|v| !v.trim().is_empty())
}

/// Whether an ARIA state attribute of an element is `true`.
fn attr_is_true(el: &scraper::node::Element, name: &str) -> bool {
    el.attr(name).is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
}

/// Whether an element is hidden from assistive technology
/// (`aria-hidden="true"`): hidden whatever else it is.
pub fn aria_hidden(el: &scraper::node::Element) -> bool {
    attr_is_true(el, "aria-hidden")
}

fn is_hidden(el: &scraper::node::Element) -> bool {
    if aria_hidden(el) {
        return true;
    }
    if disclosure_panel(el) {
        return false;
    }
    if el.attr("hidden").is_some() && !streamed_segment(el) {
        return true;
    }
    el.attr("style").is_some_and(|s| {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// Characters of text under every element (one pass, children before
/// parents), for the size guard of the class rule.
fn text_sizes(dom: &Html) -> std::collections::HashMap<NodeId, usize> {
    let mut sizes = std::collections::HashMap::new();
    for edge in dom.tree.root().traverse() {
        if let ego_tree::iter::Edge::Close(node) = edge {
            let own = match node.value() {
                Node::Text(t) => t.trim().len(),
                Node::Element(e) if NOT_TEXT.contains(&e.name()) => {
                    sizes.insert(node.id(), 0);
                    continue;
                }
                _ => 0,
            };
            let total = own + node.children().filter_map(|c| sizes.get(&c.id())).sum::<usize>();
            if node.value().is_element() || node.value().is_document() || total > 0 {
                sizes.insert(node.id(), total);
            }
        }
    }
    sizes
}

/// The elements left out with their subtrees (see the module docs).
pub fn furniture(dom: &Html) -> HashSet<NodeId> {
    let sizes = text_sizes(dom);
    let page = sizes.get(&dom.tree.root().id()).copied().unwrap_or(0).max(1);
    let mut removed = HashSet::new();
    for node in dom.tree.root().descendants() {
        let Node::Element(el) = node.value() else { continue };
        let name = el.name();
        let by_element = NOT_TEXT.contains(&name) || FURNITURE.contains(&name);
        let by_role =
            el.attr("role").is_some_and(|r| FURNITURE_ROLES.contains(&r.trim().to_ascii_lowercase().as_str()));
        let by_name = !STRUCTURAL.contains(&name)
            && (el.attr("class").is_some_and(furniture_name) || el.attr("id").is_some_and(furniture_name))
            && sizes.get(&node.id()).copied().unwrap_or(0) * 3 < page;
        if by_element || by_role || by_name || is_hidden(el) {
            removed.insert(node.id());
        }
    }
    removed
}

/// The elements whose content is never text (scripts, styles ...).
fn not_text(dom: &Html) -> HashSet<NodeId> {
    dom.tree
        .root()
        .descendants()
        .filter(|n| n.value().as_element().is_some_and(|e| NOT_TEXT.contains(&e.name())))
        .map(|n| n.id())
        .collect()
}

/// Renders the visible text of a page (see the module docs).
pub fn render(dom: &Html) -> Rendered {
    render_with(dom, true)
}

/// [`render`], leaving furniture in when `drop_furniture` is false (only
/// what is never text goes).
pub fn render_with(dom: &Html, drop_furniture: bool) -> Rendered {
    let removed = if drop_furniture { furniture(dom) } else { not_text(dom) };
    let mut out = Rendered::default();
    let mut cur = String::new();
    let mut links = 0usize;
    let mut skip: Option<NodeId> = None;
    let mut pre = 0usize;
    let mut in_link = 0usize;
    // Block elements open, innermost last: the holder of the current text.
    let mut blocks: Vec<(NodeId, &'static str)> = Vec::new();
    let root = dom.tree.root();
    let flush = |cur: &mut String, links: &mut usize, blocks: &[(NodeId, &'static str)], out: &mut Rendered, pre| {
        let text = if pre > 0 { cur.trim().to_string() } else { cur.split_whitespace().collect::<Vec<_>>().join(" ") };
        if !text.is_empty() {
            let (node, tag) = blocks.last().copied().unwrap_or((root.id(), "body"));
            out.pieces.push(Piece { text, tag, node, link_chars: *links });
        }
        cur.clear();
        *links = 0;
    };
    for edge in root.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => {
                // The `<title>` is read although `<head>` is never text.
                if out.title.is_empty() && node.value().as_element().is_some_and(|e| e.name() == "title") {
                    let t: String =
                        node.children().filter_map(|c| c.value().as_text().map(|t| t.to_string())).collect();
                    out.title = t.split_whitespace().collect::<Vec<_>>().join(" ");
                }
                if skip.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => {
                        cur.push_str(t);
                        if in_link > 0 {
                            links += t.trim().len();
                        }
                    }
                    Node::Element(el) => {
                        let name = el.name();
                        if name == "title" && out.title.is_empty() {
                            let t: String = node
                                .children()
                                .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                                .collect::<String>();
                            out.title = t.split_whitespace().collect::<Vec<_>>().join(" ");
                        }
                        if removed.contains(&node.id()) {
                            skip = Some(node.id());
                            if let Some(tag) = BLOCK.iter().find(|b| **b == name) {
                                flush(&mut cur, &mut links, &blocks, &mut out, pre);
                                let _ = tag;
                            }
                            continue;
                        }
                        if let Some(tag) = BLOCK.iter().find(|b| **b == name) {
                            flush(&mut cur, &mut links, &blocks, &mut out, pre);
                            blocks.push((node.id(), tag));
                        }
                        if name == "pre" {
                            pre += 1;
                        }
                        if name == "a" {
                            in_link += 1;
                        }
                    }
                    _ => {}
                }
            }
            ego_tree::iter::Edge::Close(node) => {
                if let Some(s) = skip {
                    if s == node.id() {
                        skip = None;
                    }
                    continue;
                }
                if let Node::Element(el) = node.value() {
                    let name = el.name();
                    if BLOCK.contains(&name) {
                        flush(&mut cur, &mut links, &blocks, &mut out, pre);
                        if blocks.last().is_some_and(|(id, _)| *id == node.id()) {
                            blocks.pop();
                        }
                    }
                    if name == "pre" {
                        pre = pre.saturating_sub(1);
                    }
                    if name == "a" {
                        in_link = in_link.saturating_sub(1);
                    }
                }
            }
        }
    }
    flush(&mut cur, &mut links, &blocks, &mut out, pre);
    if drop_furniture {
        out.pieces.retain(|p| !is_link_line(p));
    }
    out
}

/// The element holding the article's text: readability's scoring. Every
/// block of prose (at least 25 characters that are not link text) scores
/// `1 + commas + min(chars / 100, 3)`, credited in full to the element
/// holding it and its parent, half to the grandparent and a third to the
/// level above; an element's score is then discounted by the share of
/// link text under it. The best-scoring element wins.
pub fn main_node(dom: &Html, pieces: &[Piece]) -> Option<NodeId> {
    let mut scores: std::collections::HashMap<NodeId, f64> = std::collections::HashMap::new();
    let mut chars: std::collections::HashMap<NodeId, (usize, usize)> = std::collections::HashMap::new();
    for p in pieces {
        let len = p.text.chars().count();
        let Some(node) = dom.tree.get(p.node) else { continue };
        // Text and link text under every ancestor, for the link density.
        for a in std::iter::once(node).chain(node.ancestors()) {
            let e = chars.entry(a.id()).or_default();
            e.0 += p.text.len();
            e.1 += p.link_chars;
        }
        if len.saturating_sub(p.link_chars) < 25 || p.tag.starts_with('h') {
            continue;
        }
        let score = 1.0 + p.text.matches([',', '，', '、']).count() as f64 + (len as f64 / 100.0).min(3.0);
        for (level, a) in std::iter::once(node).chain(node.ancestors()).take(4).enumerate() {
            let share = match level {
                0 | 1 => 1.0,
                2 => 0.5,
                _ => 1.0 / 3.0,
            };
            *scores.entry(a.id()).or_default() += score * share;
        }
    }
    scores
        .into_iter()
        .map(|(id, s)| {
            let (text, links) = chars.get(&id).copied().unwrap_or((1, 0));
            (id, s * (1.0 - links as f64 / text.max(1) as f64))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .map(|(id, _)| id)
}

/// Whether `node` is `ancestor` or inside it.
pub fn is_within(dom: &Html, node: NodeId, ancestor: NodeId) -> bool {
    dom.tree.get(node).is_some_and(|n| n.id() == ancestor || n.ancestors().any(|a| a.id() == ancestor))
}

/// The pieces of the main text ([`main_node`]) and of the header above it:
/// from the last `<h1>` before it (within 40 blocks), so that the
/// headline, date line and byline stay for the text passes.
pub fn main_pieces(dom: &Html, rendered: Rendered) -> Rendered {
    let Some(main) = main_node(dom, &rendered.pieces) else { return rendered };
    let inside: Vec<bool> = rendered.pieces.iter().map(|p| is_within(dom, p.node, main)).collect();
    let Some(first) = inside.iter().position(|&b| b) else { return rendered };
    let head = rendered.pieces[first.saturating_sub(40)..first]
        .iter()
        .rposition(|p| p.tag == "h1")
        .map_or(first, |i| first.saturating_sub(40) + i);
    let Rendered { title, pieces } = rendered;
    let pieces = pieces
        .into_iter()
        .enumerate()
        .filter(|(i, _)| (head..first).contains(i) || inside[*i])
        .map(|(_, p)| p)
        .collect();
    Rendered { title, pieces }
}

/// Blocks kept around the headline for the text passes, which only look
/// for the headline, the date line and the byline in an HTML page (the
/// body comes from the DOM): this many before the first `<h1>`...
pub const BEFORE_HEADLINE: usize = 20;
/// ...and this many after it.
pub const AFTER_HEADLINE: usize = 40;

/// The blocks around the page's first `<h1>` (all of them when it has
/// none): the text passes then read a few dozen lines instead of the
/// whole page.
pub fn header_window(rendered: Rendered) -> Rendered {
    let Some(h1) = rendered.pieces.iter().position(|p| p.tag == "h1") else { return rendered };
    let Rendered { title, mut pieces } = rendered;
    pieces.truncate(h1 + AFTER_HEADLINE);
    pieces.drain(..h1.saturating_sub(BEFORE_HEADLINE));
    Rendered { title, pieces }
}

/// A block that is all link text, shorter than a sentence, and not a
/// heading: a menu entry or a link to another story.
fn is_link_line(p: &Piece) -> bool {
    let text_chars = p.text.len();
    !p.tag.starts_with('h') && p.link_chars * 10 >= text_chars * 9 && p.text.split_whitespace().count() < 8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_words_match_whole_parts() {
        assert!(furniture_name("post-comments"));
        assert!(furniture_name("a b sidebar"));
        assert!(furniture_name("sr-only"));
        assert!(!furniture_name("commentary"));
        assert!(!furniture_name("entry-content"));
        assert!(!furniture_name("w-full lg:max-2xl:mr-[--sidebar-container-width]"));
        assert!(!furniture_name("hx:max-h-(--menu-height)"));
        assert!(!furniture_name("shared-x") || furniture_words().contains("shared"));
    }

    #[test]
    fn renders_blocks_without_furniture() {
        let dom = Html::parse_document(
            "<html><head><title>T | Site</title><style>p{}</style></head><body>\
             <nav><a href=/>Home</a></nav>\
             <div class=has-sidebar><h1>Headline</h1><p>First <b>para</b>graph of text.</p>\
             <div class=share-tools>Share this</div><p hidden>secret</p>\
             <ul><li><a href=/x>Other story</a></li></ul>\
             <p>Second<br>line</p></div><script>var x = 1;</script></body></html>",
        );
        let r = render(&dom);
        assert_eq!(r.title, "T | Site");
        let texts: Vec<&str> = r.pieces.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["Headline", "First paragraph of text.", "Second", "line"]);
        assert_eq!(r.pieces[0].tag, "h1");
        assert!(r.text().starts_with("T | Site\n\nHeadline\n\n"));
    }
}
