//! HTML pages: metadata first, then the text.
//!
//! An HTML input (a `.html`/`.htm`/`.xhtml` file, gzipped or not, a WARC
//! response record handed over by the tools layer, or a record's HTML
//! column) goes through these passes, each a function from named values to
//! the next:
//!
//! 1. **Charset** ([`charset`]): `decode_page(bytes, http_charset) ->
//!    PageText`: byte order mark, HTTP header, `<meta charset>`, checked
//!    against the bytes; decoded with `encoding_rs`.
//! 2. **Parse**: the WHATWG HTML5 tree builder (`html5ever`, through
//!    `scraper`), which repairs broken markup as browsers do, once per
//!    page; tags with thousands of attributes are thinned first
//!    ([`guard`]).
//! 3. **Metadata** ([`meta`]): `page_meta(dom) -> PageMeta`: JSON-LD
//!    article objects, OpenGraph and other `<meta>` tags, `<time
//!    datetime>`, the canonical URL, `<html lang>`, `<title>` and `<h1>`s,
//!    each value with its source.
//! 4. **Visible text** ([`content`]): `render(dom) -> Rendered`: the text a
//!    reader sees, page furniture (navigation, sharing, related stories,
//!    comments, hidden elements, menus of links) left out, laid out as the
//!    text extractor reads it (title line, then one block per line).
//!    The main text's paragraphs come from `dom_smoothie` (Readability),
//!    run on a copy of the same tree (`smoothie_document`: no second
//!    parse), unless the tree is deeper than [`MAX_EXTRACTOR_DEPTH`] or
//!    has more than [`MAX_EXTRACTOR_ELEMENTS`] elements.
//! 5. **Text extraction**: the same passes as raw text inputs
//!    ([`crate::ingest::text::extract`]): main text, headline, date lines,
//!    byline, body.
//! 6. **Reconciliation** ([`reconcile`]): `decide(extracted, meta) ->
//!    Decided`: title, date and author from the visible text or the
//!    metadata by documented rules, with the sources and the values not
//!    taken (`Provenance::page`).
//! 7. **Outlet** ([`identify`]): the canonical URL's host, then the site
//!    name (`og:site_name`, JSON-LD publisher) joined with the registry
//!    when the page's own URL is on that outlet's sites; else the site
//!    name as the page gives it. Names in the text are not evidence for a
//!    page, except that a page saved without its URL which credits the
//!    outlet of its canonical URL as the provider of its story (`©
//!    Provided by ...`, [`provided_by`]) is an aggregator's copy.
//!    Syndicated copies (JSON-LD `isBasedOn` / `sourceOrganization`, an
//!    agency named as author) are marked in `PageSources::syndicated`.
//!
//! The DOM is dropped after step 4: what is kept per page is its metadata,
//! its visible text and the main text's paragraphs.

pub mod charset;
pub mod content;
pub mod gaps;
pub mod guard;
pub mod meta;
pub mod reconcile;

use super::registry::Registry;
use meta::PageMeta;

/// Largest HTML page read, in bytes (a bigger one is rejected: no news
/// article needs it, and the tree would take several times that).
pub const MAX_PAGE_BYTES: usize = 64 << 20;

/// Fewest words of main text a page without a headline must have to be an
/// article (a page of menus, a consent wall or an error page has fewer).
pub const MIN_UNTITLED_WORDS: usize = 20;

/// An HTML page, parsed: its metadata and visible text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// What the page says about itself.
    pub meta: PageMeta,
    /// The visible text in the text extractor's layout.
    pub text: String,
    /// The encoding it was read in and why (`UTF-8`, `windows-1251
    /// (<meta charset>)`).
    pub encoding: String,
    /// Warnings about the page (encoding).
    pub warnings: Vec<String>,
    /// The main text's paragraphs, as the main-content extractor found
    /// them (empty when it found none).
    pub paragraphs: Vec<String>,
    /// The whole visible text, when the main-content extractor kept much
    /// less prose than the page shows (see [`read_page`]).
    pub full_text: Option<String>,
}

/// Decodes and parses one page (passes 1-4). `Err` is the reason the page
/// is rejected (empty, binary, too big).
pub fn read_page(bytes: Vec<u8>, http_charset: Option<&str>) -> Result<Page, String> {
    if bytes.len() > MAX_PAGE_BYTES {
        return Err(format!("HTML page of {} MB: more than the {} MB read", bytes.len() >> 20, MAX_PAGE_BYTES >> 20));
    }
    if looks_binary(&bytes) {
        return Err("binary file (NUL or control bytes), not HTML".into());
    }
    let decoded = charset::decode_page(bytes, http_charset)?;
    let mut warnings = decoded.warnings;
    // UTF-8 once read as Latin-1 in the page's own bytes (`â\u{80}\u{99}`).
    let decoded_text = match charset::repair_mojibake(&decoded.text) {
        std::borrow::Cow::Owned(fixed) => fixed,
        std::borrow::Cow::Borrowed(_) => decoded.text,
    };
    let html = match guard::crowded_tags(&decoded_text) {
        Some(thinned) => {
            warnings.push(thinned.warning);
            thinned.html
        }
        None => decoded_text,
    };
    let dom = scraper::Html::parse_document(&html);
    drop(html);
    let shape = shape(&dom);
    let fallback = if shape.depth > MAX_EXTRACTOR_DEPTH {
        Some(format!(
            "elements nested {} deep (more than {MAX_EXTRACTOR_DEPTH}): main text taken from the visible text",
            shape.depth
        ))
    } else if shape.elements > MAX_EXTRACTOR_ELEMENTS {
        Some(format!(
            "{} elements (more than {MAX_EXTRACTOR_ELEMENTS}): main text taken from the visible text",
            shape.elements
        ))
    } else {
        None
    };
    let deep = fallback.is_some();
    let paragraphs = match fallback {
        Some(w) => {
            warnings.push(w);
            Vec::new()
        }
        None => main_paragraphs(smoothie_document(&dom)),
    };
    let mut meta = meta::page_meta(&dom);
    let rendered = content::render(&dom);
    // Which `<h1>`s the reader sees as headings of the text.
    let shown: Vec<Vec<String>> =
        rendered.pieces.iter().filter(|p| p.tag == "h1").map(|p| crate::text::terms(&p.text)).collect();
    meta.h1_shown = meta.h1.iter().map(|h| shown.contains(&crate::text::terms(h))).collect();
    let full_text = (deep || short_main_text(&rendered, &paragraphs)).then(|| rendered.text());
    let paragraphs = if full_text.is_some() { paragraphs } else { gaps::fill(&rendered, paragraphs) };
    let text = content::header_window(rendered).text();
    Ok(Page { meta, text, encoding: decoded.encoding, warnings, paragraphs, full_text })
}

/// Deepest element nesting handed to the main-content extractor.
/// `dom_smoothie`'s selector matching walks ancestors and descendants, so
/// its time grows with the square of the depth (5,000 nested `<div>`s:
/// 8 s for one page); browsers stop laying out past 512 levels, and news
/// pages nest well under 100. Deeper pages get the text passes' main text
/// of their visible text.
pub const MAX_EXTRACTOR_DEPTH: usize = 512;

/// Most elements handed to the main-content extractor. Some of
/// `dom_smoothie`'s passes grow faster than the number of elements
/// (200,000 tiny paragraphs: 4.5 s for one page); the largest page of
/// the dev sets has about 10,000. Bigger pages get the text passes' main
/// text of their visible text.
pub const MAX_EXTRACTOR_ELEMENTS: usize = 50_000;

/// How deep and how big a tree is.
struct Shape {
    /// The deepest nesting.
    depth: usize,
    /// Element nodes.
    elements: usize,
}

/// The shape of the tree (one pass).
fn shape(dom: &scraper::Html) -> Shape {
    let (mut depth, mut max, mut elements) = (0usize, 0usize, 0usize);
    for edge in dom.tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => {
                depth += 1;
                max = max.max(depth);
                elements += usize::from(node.value().is_element());
            }
            ego_tree::iter::Edge::Close(_) => depth = depth.saturating_sub(1),
        }
    }
    Shape { depth: max, elements }
}

/// The page's tree as `dom_smoothie`'s document (`dom_query`), built from
/// the tree already parsed rather than by parsing the page a second time
/// (the parse was about 40% of HTML ingest time): the nodes are copied,
/// their names and strings shared (both crates use `html5ever`'s types).
/// Comments, doctypes and processing instructions are left out
/// (`dom_smoothie` removes comments first; the others carry no text), and
/// so are `<figcaption>`s: a picture's caption is not the article's text
/// (of the WCXB dev set's captions of 4 words or more, 80 are in the gold
/// bodies, 1,030 are not; leaving them out took body F1 from 0.937 /
/// 0.938 to 0.939 / 0.940 on the tuning / checking halves and removed more
/// boilerplate snippets on the trafilatura sets).
fn smoothie_document(dom: &scraper::Html) -> dom_query::Document {
    use dom_query::NodeData;
    let doc = dom_query::Document::default();
    // The copy of each open node, `None` for one left out.
    let mut open: Vec<Option<dom_query::NodeId>> = Vec::new();
    for edge in dom.tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => {
                let parent = match open.last() {
                    None => {
                        // The document node itself.
                        open.push(Some(doc.root().id));
                        continue;
                    }
                    Some(p) => *p,
                };
                let data = match node.value() {
                    // Picture captions are not the article's text.
                    scraper::Node::Element(e) if e.name() == "figcaption" => None,
                    scraper::Node::Element(e) => {
                        // A segment React streams hidden is shown
                        // ([`content::streamed_segment`]), and so is a
                        // collapsed accordion or tab panel
                        // ([`content::disclosure_panel`]) unless it is
                        // hidden from assistive technology too.
                        let streamed = content::streamed_segment(e);
                        let panel = content::disclosure_panel(e) && !content::aria_hidden(e);
                        let attrs = e
                            .attrs
                            .iter()
                            .filter(|(name, _)| {
                                let name = &*name.local;
                                !((streamed || panel) && name == "hidden") && !(panel && name == "style")
                            })
                            .map(|a| {
                                let (name, value) = a;
                                html5ever::Attribute { name: name.clone(), value: value.clone() }
                            })
                            .collect();
                        Some(NodeData::Element(dom_query::Element::new(e.name.clone(), attrs, None, false)))
                    }
                    scraper::Node::Text(t) => Some(NodeData::Text { contents: t.text.clone() }),
                    _ => None,
                };
                let id = match (parent, data) {
                    (Some(parent), Some(data)) => {
                        let id = doc.tree.create_node(data);
                        doc.tree.get_unchecked(&parent).append_child(&id);
                        Some(id)
                    }
                    _ => None,
                };
                open.push(id);
            }
            ego_tree::iter::Edge::Close(_) => {
                open.pop();
            }
        }
    }
    doc
}

/// Below this share of the page's prose words, the main-content
/// extractor's text is taken for a miss (it kept one box of a page whose
/// article runs over several) and the text passes' main text of the whole
/// visible text is used. Chosen on the tuning halves (WCXB body F1: no
/// fallback 0.930, 0.3: 0.934, 0.5: 0.935, 0.7: 0.937, 0.85: 0.938, 1.0:
/// 0.934; boilerplate removed on trafilatura's other pages falls past 0.7).
pub const FALLBACK_RATIO: f64 = 0.7;

/// Whether the main-content extractor kept less than [`FALLBACK_RATIO`]
/// of the words of the page's prose (blocks of 25 words or more, mostly
/// not links).
fn short_main_text(rendered: &content::Rendered, paragraphs: &[String]) -> bool {
    let prose: usize = rendered
        .pieces
        .iter()
        .map(|p| (p, p.text.split_whitespace().count()))
        .filter(|(p, n)| *n >= gaps::PROSE_BLOCK_WORDS && p.link_chars * 2 < p.text.len())
        .map(|(_, n)| n)
        .sum();
    let kept: usize = paragraphs.iter().map(|p| p.split_whitespace().count()).sum();
    (kept as f64) < FALLBACK_RATIO * prose as f64
}

/// Paragraphs and words from which a run of paragraphs printed again, in
/// the same order, is a second rendering of the page, not the article's
/// text.
const REPEAT_RUN: usize = 4;
const REPEAT_RUN_WORDS: usize = 60;
// Measured on the WCXB tuning half (HTML path): body F1 0.954 -> 0.955
// (three pages rendered twice, precision 0.33 -> 0.95, 0.64 -> 0.85,
// 0.49 -> 0.60); checking half 0.950 -> 0.950 (one page 0.80 -> 0.94,
// one recall 0.83 -> 0.79). Dropping every repeated paragraph of eight
// words or more instead lost the listings' repeated lines the gold keeps
// (checking half 0.950 -> 0.949).

/// Drops every run of [`REPEAT_RUN`] paragraphs or more (of
/// [`REPEAT_RUN_WORDS`] words or more) that the body printed before, word
/// for word and in the same order: a page that renders its article twice
/// (for small and large screens, one copy hidden by a style sheet the
/// extractor does not read) gives each paragraph twice. A listing's items
/// repeat shorter runs of their own (`View webcam`, a credit line), which
/// stay.
fn drop_repeats(paragraphs: &mut Vec<String>, kinds: &mut Vec<crate::ingest::text::LineKind>) {
    let keys: Vec<Vec<String>> = paragraphs.iter().map(|p| crate::text::terms(p)).collect();
    let mut first: std::collections::HashMap<&[String], usize> = std::collections::HashMap::new();
    let mut keep = vec![true; keys.len()];
    let mut i = 0;
    while i < keys.len() {
        if let Some(&j) = first.get(keys[i].as_slice()) {
            let mut k = 0;
            while i + k < keys.len() && j + k < i && keys[i + k] == keys[j + k] {
                k += 1;
            }
            let words: usize = keys[i..i + k].iter().map(Vec::len).sum();
            if k >= REPEAT_RUN && words >= REPEAT_RUN_WORDS {
                keep[i..i + k].iter_mut().for_each(|x| *x = false);
                i += k;
                continue;
            }
        } else if !keys[i].is_empty() {
            first.insert(keys[i].as_slice(), i);
        }
        i += 1;
    }
    let mut it = keep.iter();
    paragraphs.retain(|_| it.next().copied().unwrap_or(true));
    let mut it = keep.iter();
    kinds.retain(|_| it.next().copied().unwrap_or(true));
}

/// Puts the main text's paragraphs in an extraction: the first is the
/// lead, the rest are blocks (short unpunctuated lines are headings).
/// The header lines the main-content extractor keeps above the text go:
/// the title, the byline (`By ...`, or a short line naming the author) and
/// a date line. Lines the text passes classify as furniture (prompts,
/// promo markers, picture captions) go too.
pub fn set_body(ex: &mut crate::ingest::text::Extracted, mut paragraphs: Vec<String>) {
    let title = crate::text::terms(&ex.title);
    let author: Vec<String> = ex.author.as_deref().map(crate::text::terms).unwrap_or_default();
    let header_line = |p: &str| {
        let words = crate::text::terms(p);
        if words == title {
            return true;
        }
        let short = words.len() <= 12;
        let byline = p.trim_start().to_lowercase().starts_with("by ")
            || (!author.is_empty() && words.windows(author.len().min(2)).any(|w| author.starts_with(w)));
        short && (byline || (crate::text::chars_at_most(p, 60) && meta::parse_date(p).is_some()))
    };
    while paragraphs.len() > 1 && header_line(&paragraphs[0]) {
        paragraphs.remove(0);
    }
    // Each paragraph is classified once; the passes below read its kind.
    let mut kinds = Vec::with_capacity(paragraphs.len());
    {
        use crate::ingest::text::LineKind;
        let mut kept = Vec::with_capacity(paragraphs.len());
        for p in paragraphs {
            let kind = crate::ingest::text::classify(&p, None);
            // Prompts, promos and captions the text passes know.
            if matches!(kind, LineKind::Junk | LineKind::PromoMarker | LineKind::Caption) {
                continue;
            }
            kept.push(p);
            kinds.push(kind);
        }
        paragraphs = kept;
    }
    drop_repeats(&mut paragraphs, &mut kinds);
    if let Some(i) = tail_start(&paragraphs, &kinds) {
        paragraphs.truncate(i);
        kinds.truncate(i);
    }
    // A list of other stories with their dates after the article (WCXB
    // body F1, HTML path, tuning / checking: 0.9532 / 0.9489 -> 0.9535 /
    // 0.9495).
    if let Some(i) = crate::ingest::text::main_text::dated_list_in(&paragraphs, &kinds) {
        paragraphs.truncate(i);
    }
    let texts: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
    if let Some(i) = crate::ingest::text::byline::closing_bio(&texts, ex.author.as_deref()) {
        paragraphs.truncate(i);
    }
    if paragraphs.is_empty() {
        return;
    }
    ex.lead = paragraphs.remove(0);
    ex.body = crate::ingest::text::main_text::blocks(paragraphs);
}

/// Share of the main text's words that must come before a tail marker
/// for it to end the text: a marker near the top (`Related` over a box of
/// links after the lead) heads a box inside the article.
pub const TAIL_AFTER_SHARE: f64 = 0.3;

/// Fewest words of the paragraph just above a tail marker for it to end
/// the text: a marker among short lines (`Home`, `Latest News`, `Podcasts`
/// ...) is an entry of a menu the main-content extractor kept, not the
/// heading that closes the article.
pub const TAIL_AFTER_WORDS: usize = 8;

/// Where the page's tail starts in the main text's paragraphs: the first
/// tail marker of the text passes (`About the Author`, `Related Posts:`,
/// `Comments`, `Read more`; [`crate::ingest::text::LineKind::TailMarker`])
/// printed as a plain heading (letters only, an optional closing colon:
/// `tags = {` or `comments(` in a code listing is code), after
/// [`TAIL_AFTER_SHARE`] of the words and just below a paragraph of
/// [`TAIL_AFTER_WORDS`] words or more. `dom_smoothie` keeps author boxes,
/// related-post lists and comment sections that share the article's
/// container; the text passes cut them off the visible text but saw none
/// of the DOM's paragraphs. Measured on the WCXB dev set (body F1 tuning /
/// checking half): 0.9512 / 0.9481 before; any marker after the first
/// paragraph 0.9484 / 0.9477; plain headings after 30% of the words
/// 0.9520 / 0.9486; and below a paragraph (menus of section names kept)
/// 0.9524 / 0.9487 (share 0.15: 0.9518; none: 0.9498).
fn tail_start(paragraphs: &[String], kinds: &[crate::ingest::text::LineKind]) -> Option<usize> {
    use crate::ingest::text::{lines, LineKind};
    let words: Vec<usize> = paragraphs.iter().map(|p| p.split_whitespace().count()).collect();
    let total: usize = words.iter().sum();
    let mut before = 0usize;
    for (i, p) in paragraphs.iter().enumerate() {
        let after_text = i > 0 && words[i - 1] >= TAIL_AFTER_WORDS;
        if after_text
            && before as f64 >= TAIL_AFTER_SHARE * total as f64
            && plain_heading(p)
            && kinds.get(i) == Some(&LineKind::TailMarker)
            // A `tail_heads` heading that is no tail marker of its own heads
            // boxes inside the DOM's main text as often as the tail, and
            // ends nothing (ending the text at one: WCXB body F1 0.9532 /
            // 0.9489 -> 0.9528 / 0.9489 tuning / checking; only when no
            // paragraph of 30 words follows: 0.9533 / 0.9488).
            && !lines::is_box_tail_head(p, &lines::key(p))
        {
            return Some(i);
        }
        before += words[i];
    }
    None
}

/// A line of words only (letters, spaces, apostrophes, hyphens), with an
/// optional closing colon or ellipsis, not a one-word line in capitals
/// (an enum value in a code listing: `AUTHOR`).
fn plain_heading(line: &str) -> bool {
    let t = line.trim().trim_end_matches([':', '.', '…']).trim_end();
    let letters = !t.is_empty() && t.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '\'' | '’' | '-'));
    let capitals = !t.contains(' ') && !t.chars().any(char::is_lowercase);
    letters && !capitals
}

/// The main text's paragraphs, by `dom_smoothie` (Readability).
///
/// Chosen by measurement: each crate's main text alone against the gold
/// bodies of the WCXB dev set (body F1 tuning / checking half, one-thread
/// MB/s in the same run, 2026-12-02, a scratch harness outside the
/// repository): `dom_smoothie` 0.19 0.930 / 0.934 at 22.7 MB/s,
/// `rs-trafilatura` 0.2 0.940 / 0.940 at 4.6 MB/s, `trafilatura` 0.3 0.915
/// / 0.923 at 8.8 MB/s, `readabilityrs` 0.1 0.903 / 0.910 at 3.1 MB/s. The
/// best scorer is five times slower than `dom_smoothie`, which would take
/// HTML ingest far below its speed target for 0.006 F1; with the header
/// cleanup and the fallback to the text passes ([`FALLBACK_RATIO`]) the
/// whole path scores 0.937 / 0.938 (`eval --html`).
fn main_paragraphs(doc: dom_query::Document) -> Vec<String> {
    let cfg = dom_smoothie::Config { text_mode: dom_smoothie::TextMode::Formatted, ..Default::default() };
    let Ok(mut r) = dom_smoothie::Readability::with_document(doc, None, Some(cfg)) else { return vec![] };
    let Ok(article) = r.parse() else { return vec![] };
    article
        .text_content
        .split('\n')
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

/// Everything a page shows, furniture included, in the same layout (for
/// tools that check which labels a page prints at all).
pub fn visible_text_all(bytes: Vec<u8>) -> Result<String, String> {
    let decoded = charset::decode_page(bytes, None)?;
    let dom = scraper::Html::parse_document(&decoded.text);
    Ok(content::render_with(&dom, false).text())
}

/// NUL or many control bytes at the start: not a page (UTF-16 has a BOM
/// and is handled before).
fn looks_binary(bytes: &[u8]) -> bool {
    if encoding_rs::Encoding::for_bom(bytes).is_some() {
        return false;
    }
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)).count();
    head.contains(&0) || controls * 20 > head.len()
}

/// Whether text is an HTML document rather than plain text: it starts
/// (after whitespace and a BOM) with a doctype, `<html`, `<head`, `<!--`
/// or `<meta`, or holds a `<body` or `<p>` tag early on.
pub fn looks_like_html(text: &str) -> bool {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    let head: String = t.chars().take(1024).collect::<String>().to_ascii_lowercase();
    ["<!doctype html", "<html", "<head", "<!--", "<meta"].iter().any(|p| head.starts_with(p))
        || head.contains("<body")
        || (head.starts_with('<') && head.contains("<p>"))
}

/// The outlet of a page from what it says about itself: the host of the
/// URL it was fetched from (`input_url`: a WARC record's target URI, a
/// record's `url` column) or of its canonical URL (`og:url`, JSON-LD
/// `url`), else a site name (`og:site_name`, JSON-LD publisher, in the
/// order of [`PageMeta::site_names`]) the registry knows, when the page's
/// own URLs (if it gives any) are on that outlet's sites: a namesake or a
/// blog on a platform named like an outlet is not that outlet. With an
/// input URL, a canonical URL on another host is
/// not the publisher: an aggregator's copy (msn.com) points its canonical
/// URL at the original ([`canonical_elsewhere`]). `None` when nothing
/// names a registry outlet.
pub fn identify(meta: &PageMeta, input_url: Option<&str>, registry: &Registry) -> Option<(String, String)> {
    if let Some(url) = input_url {
        if let Some(o) = registry.resolve_url(url) {
            return Some((o.key.clone(), format!("host of the URL {url}")));
        }
    }
    for f in meta.urls.iter().filter(|f| input_url.is_none_or(|u| same_host(u, &f.value))) {
        if let Some(o) = registry.resolve_url(&f.value) {
            return Some((o.key.clone(), format!("host of the {} {}", url_name(&f.source), f.value)));
        }
    }
    // The hosts the page says it is on: a registry outlet named by a site
    // name must be on one of them (a blog on `medium.com` or on its own
    // domain whose `og:site_name` is "Medium" is not the registry's
    // "Medium" publication; an Organization "Slate" on `slatenyc.com` is
    // not Slate).
    let hosts: Vec<String> = input_url
        .into_iter()
        .chain(meta.urls.iter().map(|f| f.value.as_str()))
        .filter_map(super::registry::url_host)
        .collect();
    for f in &meta.site_names {
        if let Some(o) = registry.resolve_name(&f.value) {
            if !hosts.is_empty() && !hosts.iter().any(|h| on_domains(h, &o.domains)) {
                continue;
            }
            return Some((o.key.clone(), format!("{} \"{}\"", f.source, f.value)));
        }
    }
    None
}

/// Whether a host is one of these domains or under one of them.
fn on_domains(host: &str, domains: &[String]) -> bool {
    domains.iter().any(|d| host == d || host.strip_suffix(d.as_str()).is_some_and(|rest| rest.ends_with('.')))
}

/// How aggregators credit the outlet whose story they host, per language
/// (`© Provided by The Guardian` on msn.com): an outlet does not credit
/// itself so on its own site.
const PROVIDED_BY: &[&str] = &[
    "provided by",        // en
    "bereitgestellt von", // de
    "fourni par",         // fr
    "proporcionado por",  // es
    "fornecido por",      // pt
    "fornito da",         // it
    "aangeboden door",    // nl
];

/// The registry outlet a line of the visible text credits as the provider
/// of the page's story or pictures (`© Provided by The Guardian`, alone or
/// before a caption: an aggregator's copy, see [`PROVIDED_BY`]), with the
/// line. The name is the longest run of up to six words after the phrase
/// that the registry knows.
pub fn provided_by<'a>(text: &'a str, registry: &'a Registry) -> Option<(&'a super::registry::OutletEntry, &'a str)> {
    text.lines().map(str::trim).filter(|l| crate::text::chars_at_most(l, 120)).find_map(|line| {
        let rest = line.trim_start_matches(['©', ' ']).trim_start_matches("(c) ").trim_start();
        let phrase = PROVIDED_BY.iter().find(|p| rest.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)))?;
        let words: Vec<&str> = rest[phrase.len()..].split_whitespace().take(6).collect();
        (1..=words.len())
            .rev()
            .find_map(|n| registry.resolve_name(words[..n].join(" ").trim_end_matches(['.', ',', ':'])))
            .map(|o| (o, line))
    })
}

/// The host of a URL, lower-cased, without `www.`.
fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?.split(':').next()?.to_ascii_lowercase();
    Some(host.strip_prefix("www.").unwrap_or(&host).to_string()).filter(|h| !h.is_empty())
}

fn same_host(a: &str, b: &str) -> bool {
    matches!((host_of(a), host_of(b)), (Some(x), Some(y)) if x == y)
}

/// A registry outlet other than `publisher` whose site the page's
/// canonical URL is on, when the page was fetched from another host: the
/// original of a syndicated copy, and the evidence in words.
pub fn canonical_elsewhere(
    meta: &PageMeta,
    input_url: Option<&str>,
    publisher: Option<&str>,
    registry: &Registry,
) -> Option<(String, String)> {
    let input = input_url?;
    meta.urls.iter().filter(|f| !same_host(input, &f.value)).find_map(|f| {
        let o = registry.resolve_url(&f.value)?;
        (Some(o.key.as_str()) != publisher).then(|| {
            (o.key.clone(), format!("{} {} (the page was fetched from {input})", url_name(&f.source), f.value))
        })
    })
}

fn url_name(source: &str) -> &str {
    match source {
        "<link rel=canonical>" => "canonical URL",
        "og:url" => "og:url",
        _ => "page URL",
    }
}

/// What the page says it is a copy of: JSON-LD `isBasedOn` /
/// `sourceOrganization`, or a news agency of the registry named as the
/// author when the publisher is another outlet.
pub fn syndicated(meta: &PageMeta, outlet: Option<&str>, registry: &Registry) -> Option<String> {
    if let Some(b) = &meta.based_on {
        return Some(format!("{} ({})", b.value, b.source));
    }
    meta.authors.iter().find_map(|a| {
        let o = registry.resolve_name(&a.value)?;
        (Some(o.key.as_str()) != outlet).then(|| format!("{} ({})", o.name, a.source))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 13/15: a date and a time printed in adjacent elements render
    /// without a space between them (`28.09.1912:44`, as browsers show
    /// it), which was read as 28 September 1912.
    #[test]
    fn a_two_digit_year_glued_to_a_time_in_html_is_not_1912() {
        let prose = "<p>The regional council met on Tuesday evening to discuss the budget for the coming year, \
            and members argued for several hours about the cost of repairing the old harbour wall.</p>\
            <p>Officials said the repairs could not wait another winter, because storms last year had already \
            damaged parts of the wall and flooded two streets near the fish market.</p>\
            <p>The council will vote on the final budget next month, after a public consultation that opens \
            on Monday and runs for three weeks, the chairman told reporters.</p>";
        let cases = [
            ("<span>28.09.19</span><span>12:44</span>", Some((12, 44))),
            ("<span class=date>28.09.2019</span><span class=time>12:44</span>", Some((12, 44))),
            ("<b>28.09.19</b><i>9:05</i>", Some((9, 5))),
            ("28.09.19<span>12:44</span>", Some((12, 44))),
            ("<span>28.09.2019</span> <span>12:44</span>", Some((12, 44))),
            ("<span>28.09.2019,</span> <span>12:44</span>", Some((12, 44))),
            ("<span>28.09.19 12:44</span>", Some((12, 44))),
            ("<span>2019-09-28T12:44</span>", Some((12, 44))),
        ];
        let registry = crate::ingest::registry::Registry::from_toml("").expect("empty registry");
        for (line, time) in cases {
            let page = format!(
                "<!doctype html><html><head><title>Harbour wall repairs approved</title></head><body><article>\
                 <h1>Harbour wall repairs approved</h1><div class=meta>{line}</div>{prose}</article></body></html>"
            );
            let file = crate::ingest::InputFile { path: "page.html".into(), bytes: page.into_bytes() };
            let corpus = crate::ingest::ingest(&[file], &registry, "t");
            let a = corpus.articles.first().unwrap_or_else(|| panic!("no article for {line:?}: {:#?}", corpus.report));
            assert_eq!(a.date.date.map(|d| d.iso()).as_deref(), Some("2019-09-28"), "{line:?}");
            assert_eq!(a.date.time.map(|t| (t.hour, t.minute)), time, "{line:?}");
        }
    }

    #[test]
    fn html_is_told_from_text() {
        assert!(looks_like_html("\u{feff}  <!DOCTYPE html><html>"));
        assert!(looks_like_html("<html lang=en>"));
        assert!(looks_like_html("<div><p>One</p><body>"));
        assert!(!looks_like_html("Plain text with a < sign and <p> later"));
    }
}
