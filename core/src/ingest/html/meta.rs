//! The page's structured metadata, every value with where it came from.
//!
//! `page_meta(dom) -> PageMeta` reads, in one walk of the tree:
//!
//! | source (as recorded)                | fields                                      |
//! |-------------------------------------|---------------------------------------------|
//! | `json-ld headline`, `json-ld datePublished`, `json-ld dateModified`, `json-ld author`, `json-ld publisher`, `json-ld isBasedOn` | JSON-LD objects of an article type (`NewsArticle`, `Article`, `BlogPosting`, `ReportageNewsArticle` ...), also inside `@graph` and `mainEntity` |
//! | `og:title`, `og:site_name`, `og:url`  | OpenGraph `<meta property>`                |
//! | `meta article:published_time`, `meta article:modified_time`, `meta article:author`, `meta author`, `meta date`, `meta pubdate` ... | other `<meta>` tags |
//! | `<time>`                            | `<time datetime>` elements (the first few)  |
//! | `itemprop datePublished`            | microdata on any element                    |
//! | `<link rel=canonical>`              | the canonical URL                          |
//! | `<html lang>`                       | the page's language                         |
//! | `<title>`, `<h1>`                   | the document title and the printed headlines|
//!
//! Nothing here decides: [`super::reconcile`] weighs these against the
//! visible text. Values are cleaned to one line and capped in length, so a
//! hostile page cannot smuggle a megabyte into a title.

use crate::model::{Date, Time};
use scraper::{ElementRef, Html, Node};
use serde_json::Value;

/// Longest value kept from metadata (characters).
const MAX_VALUE: usize = 1_000;
/// Inline elements that do not part words in a headline (`<em>`, a link).
const INLINE: &[&str] =
    &["a", "b", "i", "em", "strong", "u", "mark", "abbr", "sup", "sub", "small", "q", "cite", "font"];

/// The text of a headline element, with a space where two of its other
/// elements meet between a word and a word or number: a kicker in a
/// `<span>` of its own before the headline (`<h1><span>Open
/// Progress</span><span>Why ...</span></h1>`) is shown apart from it by
/// the page's styles, and its text must not run into the headline's
/// (`ProgressWhy`).
fn headline_text(e: ElementRef) -> String {
    let mut out = String::new();
    let mut boundary = false;
    for edge in e.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(n) | ego_tree::iter::Edge::Close(n) => match n.value() {
                Node::Element(el) if !INLINE.contains(&el.name()) => boundary = true,
                Node::Text(t) if matches!(edge, ego_tree::iter::Edge::Open(_)) => {
                    let starts_word = t.chars().next().is_some_and(char::is_alphanumeric);
                    let after_word = out.chars().next_back().is_some_and(|c| !c.is_whitespace());
                    if boundary && starts_word && after_word {
                        out.push(' ');
                    }
                    out.push_str(t);
                    boundary = false;
                }
                _ => {}
            },
        }
    }
    out
}

/// The texts of a headline element's own parts: its text split where two
/// of its elements other than [`INLINE`] ones meet (`<h1><span>Kicker</span>
/// <span>Headline</span></h1>` has two parts), each on one line, parts
/// without a letter or digit (a `:` between two spans) left out.
fn headline_parts(e: ElementRef) -> Vec<String> {
    let mut parts = vec![String::new()];
    for edge in e.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(n) | ego_tree::iter::Edge::Close(n) => match n.value() {
                Node::Element(el)
                    if !INLINE.contains(&el.name()) && parts.last().is_some_and(|p| !p.trim().is_empty()) =>
                {
                    parts.push(String::new());
                }
                Node::Text(t) if matches!(edge, ego_tree::iter::Edge::Open(_)) => {
                    if let Some(p) = parts.last_mut() {
                        p.push_str(t);
                    }
                }
                _ => {}
            },
        }
    }
    parts.iter().map(|p| clean(p)).filter(|p| p.chars().any(char::is_alphanumeric)).collect()
}

/// At most this many JSON-LD blocks are parsed per page.
const MAX_JSON_LD: usize = 20;
/// At most this many `<time>` elements and `<h1>`s are kept.
const MAX_ELEMENTS: usize = 10;

/// A value and where it came from (`json-ld datePublished`, `og:title` ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The value, on one line.
    pub value: String,
    /// Its source, as shown to the reader.
    pub source: String,
}

/// Everything the page says about itself (see the module docs). Lists
/// hold the candidates in order of trust, most trusted first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    /// Titles: JSON-LD headline, og:title, twitter:title, `<title>`.
    pub titles: Vec<Found>,
    /// Printed headlines (`<h1>` texts), in document order.
    pub h1: Vec<String>,
    /// The parts of each of [`Self::h1`] (same order): the texts of its
    /// own elements (a kicker or a subtitle in a `<span>` of its own).
    pub h1_parts: Vec<Vec<String>>,
    /// Whether each of [`Self::h1`] (same order) is a link: its text is
    /// mostly link text, or it is inside a link (a site's logo or name
    /// linking to its home page, `<h1><a href="/">Site</a></h1>`).
    pub h1_linked: Vec<bool>,
    /// Whether each of [`Self::h1`] (same order) is a heading of the
    /// page's visible text (not hidden, not in furniture): set by
    /// [`super::read_page`], which renders the text.
    pub h1_shown: Vec<bool>,
    /// Publication dates: JSON-LD, meta tags, itemprop, `<time>`.
    pub published: Vec<Found>,
    /// Modification dates.
    pub modified: Vec<Found>,
    /// Authors (names, not URLs).
    pub authors: Vec<Found>,
    /// Site and publisher names, most trusted first: og:site_name, JSON-LD
    /// publisher, `<meta name=publisher>`, application-name, a JSON-LD
    /// Organization's name.
    pub site_names: Vec<Found>,
    /// URLs of the page: canonical, og:url, JSON-LD url / mainEntityOfPage.
    pub urls: Vec<Found>,
    /// The page's language (`<html lang>`, og:locale, JSON-LD inLanguage).
    pub language: Option<Found>,
    /// What the article is a copy of: JSON-LD isBasedOn / sourceOrganization.
    pub based_on: Option<Found>,
    /// Dates printed in elements named as dates (`<span
    /// class="post-date">July 8, 2025</span>`): visible text, found by its
    /// markup. Modification dates (`updated`, `modified` in the name; a
    /// revision phrase in the text or just before it in its parent,
    /// `Last Updated on <span class="date">`) are left out, and so are
    /// dates their text labels as another's (`Joined: ...`, a page clock).
    pub printed_dates: Vec<Found>,
}

/// Class and id words of elements that print a publication date.
const DATE_NAMES: &[&str] = &[
    "date",
    "dates",
    "time",
    "published",
    "pubdate",
    "posted",
    "timestamp",
    "dateline",
    "datetime",
    "postdate",
    "entrydate",
];

/// Whether an element's class or id names a date (and not an update).
fn names_a_date(el: &scraper::node::Element) -> bool {
    [el.attr("class"), el.attr("id")].into_iter().flatten().any(|v| {
        let v = v.to_ascii_lowercase();
        // Not an update, not a comment's date, not today's date in a
        // navigation bar, not the date of a teaser for another story.
        !["update", "modif", "comment", "nav", "top", "reply", "teaser"].iter().any(|w| v.contains(w))
            && v.split(|c: char| c.is_whitespace() || c == '-' || c == '_').any(|w| DATE_NAMES.contains(&w))
    })
}

/// Whether a text names a revision: a phrase of the `updated` lists of
/// the text passes' tables (`Updated`, `aktualisiert`, `mis à jour`).
fn names_a_revision(text: &str) -> bool {
    let lower = text.to_lowercase();
    crate::ingest::text::phrases::phrases().all.updated.iter().any(|p| lower.contains(p.as_str()))
}

/// Whether a date element's own text labels its date as something else's
/// before the date (a page clock, `Aktuelles Datum und Uhrzeit: ...`, `It
/// is currently ...`; a member's `Joined: ...`), as the text passes read
/// labels (the `other_dates` tables).
fn names_another_date(text: &str) -> bool {
    let lower = text.to_lowercase();
    let before = &lower[..lower.find(|c: char| c.is_ascii_digit()).unwrap_or(lower.len())];
    crate::ingest::text::header_date::labels_another_date(before)
}

/// Whether a date element comes after a revision label in its parent
/// (`<span class="post-date"><span>Last Updated</span> on <span
/// class="date">Feb 27, 2026</span></span>`): the end (40 characters) of
/// the text its parent prints before it names a revision.
fn revision_label_before(e: ElementRef) -> bool {
    let before: String = e
        .prev_siblings()
        .map(|n| match ElementRef::wrap(n) {
            Some(el) => el.text().collect::<String>(),
            None => n.value().as_text().map(|t| t.to_string()).unwrap_or_default(),
        })
        .take_while(|t| parse_date(t).is_none())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let before = clean(&before);
    let tail: String = before.chars().rev().take(40).collect::<Vec<_>>().into_iter().rev().collect();
    names_a_revision(&tail)
}

/// Class and id words of boxes listing other stories: a date printed in
/// one is another story's. Narrower than the furniture of
/// [`super::content`]: article pages put their own date line in boxes
/// named `post-sidebar`, `author__meta` footers, `widget` or `banner`
/// containers (on the tuning halves, leaving out dates under any
/// furniture lost 5 right dates for 2 wrong ones).
const OTHER_STORIES: &[&str] =
    &["related", "recommended", "popular", "mostpopular", "trending", "recirculation", "teaser", "teasers", "more"];

/// Whether an element is a list of other stories: `<aside>`, `<nav>`, or
/// an [`OTHER_STORIES`] word as a whole part of its class or id.
fn lists_other_stories(el: &scraper::node::Element) -> bool {
    matches!(el.name(), "aside" | "nav")
        || [el.attr("class"), el.attr("id")].into_iter().flatten().any(|v| {
            v.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
                .any(|w| OTHER_STORIES.iter().any(|o| w.eq_ignore_ascii_case(o)))
        })
}

/// Whether a headline element (text `text`) is a link: inside an `<a
/// href>`, or half its letters or more are in such links (an `<a name>`
/// anchor is no link).
fn is_link(e: ElementRef, text: &str) -> bool {
    let link = |el: &scraper::node::Element| el.name() == "a" && el.attr("href").is_some();
    if e.ancestors().filter_map(ElementRef::wrap).any(|a| link(a.value())) {
        return true;
    }
    let letters = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).count();
    // Letters of text inside an `<a>` (nested links counted once).
    let (mut in_link, mut linked) = (0usize, 0usize);
    for edge in e.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(n) => match n.value() {
                Node::Element(el) if link(el) => in_link += 1,
                Node::Text(t) if in_link > 0 => linked += letters(t),
                _ => {}
            },
            ego_tree::iter::Edge::Close(n) => {
                if n.value().as_element().is_some_and(link) {
                    in_link = in_link.saturating_sub(1);
                }
            }
        }
    }
    linked * 2 >= letters(text).max(1)
}

/// Characters that are not shown and part no words: soft hyphen,
/// zero-width space, word joiner, byte order mark.
const INVISIBLE: &[char] = &['\u{ad}', '\u{200b}', '\u{2060}', '\u{feff}'];

/// One line, control characters and [`INVISIBLE`] ones dropped,
/// whitespace collapsed, capped.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(MAX_VALUE));
    let mut n = 0;
    for w in s.split_whitespace() {
        if n >= MAX_VALUE {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        // Soft hyphens and zero-width spaces are not shown and split no
        // word (`Er\u{ad}in\u{ad}ne\u{ad}rung` is `Erinnerung`).
        for c in w.chars().filter(|c| !c.is_control() && !INVISIBLE.contains(c)) {
            out.push(c);
            n += 1;
        }
    }
    out
}

fn push(list: &mut Vec<Found>, value: &str, source: &str) {
    let value = clean(&decode_entities(value));
    if value.is_empty() || list.iter().any(|f| f.value == value && f.source == source) {
        return;
    }
    list.push(Found { value, source: source.to_string() });
}

/// Character references left in JSON-LD strings (`&amp;`, `&#8217;`): some
/// sites escape their JSON as HTML. Only the common forms are decoded.
fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

/// JSON-LD `@type`s read as articles.
const ARTICLE_TYPES: &[&str] = &[
    "newsarticle",
    "article",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "askpublicnewsarticle",
    "blogposting",
    "liveblogposting",
    "socialmediaposting",
    "scholarlyarticle",
    "techarticle",
    "report",
];

/// `<meta>` names and properties read as publication dates, in order of
/// trust after JSON-LD.
const PUBLISHED_META: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "pubdate",
    "publication_date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.created",
    "citation_publication_date",
    "parsely-pub-date",
    "sailthru.date",
    "article.published",
    "og:published_time",
    "published_time",
    "cxenseparse:recs:publishtime",
];

const MODIFIED_META: &[&str] =
    &["article:modified_time", "og:updated_time", "datemodified", "dcterms.modified", "last-modified"];

const AUTHOR_META: &[&str] = &["author", "article:author", "dc.creator", "parsely-author", "sailthru.author", "byl"];

/// Sources of site names in order of trust (see [`PageMeta::site_names`]):
/// the name the site gives itself (`og:site_name`), the article's
/// publisher (JSON-LD, `<meta name=publisher>`), then the name of the web
/// app and of any organization a JSON-LD block describes (which may be a
/// sponsor, a client or a namesake).
const SITE_NAME_TRUST: &[&str] = &[
    "og:site_name",
    "json-ld publisher",
    "meta publisher",
    "meta dc.publisher",
    "meta application-name",
    "meta apple-mobile-web-app-title",
    "json-ld Organization name",
];

/// The text of an element showing a date, when it can be the page's
/// publication date: short, not inside a list of other stories, naming
/// no revision (`Updated ...`, nor after such a label) and no other date
/// (an access date, a page clock).
fn shown_date_text(e: ElementRef) -> Option<String> {
    if e.ancestors().any(|a| a.value().as_element().is_some_and(lists_other_stories)) {
        return None;
    }
    let text = clean(&e.text().collect::<String>());
    (text.len() <= 120 && !names_a_revision(&text) && !names_another_date(&text) && !revision_label_before(e))
        .then_some(text)
}

/// Reads the page's metadata (see the module docs).
pub fn page_meta(dom: &Html) -> PageMeta {
    let mut m = PageMeta::default();
    let mut ld = Vec::new();
    let (mut og, mut others, mut times) = (Vec::new(), Vec::new(), Vec::new());
    let mut title_tag = None;
    let mut itemprop_dates = Vec::new();
    let root = dom.root_element();
    if let Some(lang) = root.value().attr("lang").map(clean).filter(|l| !l.is_empty()) {
        m.language = Some(Found { value: lang, source: "<html lang>".into() });
    }
    for node in root.descendants() {
        let Node::Element(el) = node.value() else { continue };
        match el.name() {
            "script"
                if ld.len() < MAX_JSON_LD
                    && el.attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                if let Some(e) = ElementRef::wrap(node) {
                    ld.push(e.text().collect::<String>());
                }
            }
            "meta" => {
                let key = el.attr("property").or_else(|| el.attr("name")).or_else(|| el.attr("itemprop"));
                if let (Some(key), Some(content)) = (key, el.attr("content")) {
                    let key = key.trim().to_ascii_lowercase();
                    if key.starts_with("og:") || key.starts_with("twitter:") {
                        og.push((key, content.to_string()));
                    } else {
                        others.push((key, content.to_string()));
                    }
                }
            }
            "link" => {
                let canonical =
                    el.attr("rel").is_some_and(|r| r.split_whitespace().any(|r| r.eq_ignore_ascii_case("canonical")));
                if let (true, Some(href)) = (canonical, el.attr("href")) {
                    if href.starts_with("http://") || href.starts_with("https://") {
                        push(&mut m.urls, href, "<link rel=canonical>");
                    }
                }
            }
            "title" if title_tag.is_none() => {
                if let Some(e) = ElementRef::wrap(node) {
                    // Only the document's title, not an SVG <title>.
                    if e.ancestors().filter_map(ElementRef::wrap).all(|a| a.value().name() != "svg") {
                        title_tag = Some(e.text().collect::<String>());
                    }
                }
            }
            "h1" if m.h1.len() < MAX_ELEMENTS => {
                if let Some(e) = ElementRef::wrap(node) {
                    let t = clean(&headline_text(e));
                    if !t.is_empty() {
                        m.h1_linked.push(is_link(e, &t));
                        m.h1.push(t);
                        m.h1_parts.push(headline_parts(e));
                    }
                }
            }
            "time" if times.len() < MAX_ELEMENTS => {
                if let Some(dt) = el.attr("datetime").or_else(|| el.attr("content")) {
                    times.push(dt.to_string());
                } else if let Some(text) = ElementRef::wrap(node).and_then(shown_date_text) {
                    // Without `datetime`, a `<time>`'s value is its text
                    // (HTML's rule), read as the printed dates below are.
                    times.push(text);
                }
            }
            _ => {}
        }
        if m.printed_dates.len() < MAX_ELEMENTS
            && !matches!(el.name(), "script" | "style" | "meta" | "body" | "html")
            && names_a_date(el)
        {
            if let Some(text) = ElementRef::wrap(node).and_then(shown_date_text).filter(|t| parse_date(t).is_some()) {
                let class = el.attr("class").or_else(|| el.attr("id")).unwrap_or_default();
                let class: String = class.chars().take(40).collect();
                let source = format!("<{} class=\"{}\">", el.name(), clean(&class));
                push(&mut m.printed_dates, &text, &source);
            }
        }
        if el.attr("itemprop").is_some_and(|p| p.eq_ignore_ascii_case("datePublished")) && el.name() != "meta" {
            if let Some(v) = el.attr("datetime").or_else(|| el.attr("content")) {
                itemprop_dates.push(v.to_string());
            }
        }
    }
    for text in &ld {
        // Some sites put several objects, or trailing commas and comments,
        // in one block: a block that does not parse is skipped.
        if let Ok(v) = serde_json::from_str::<Value>(text.trim().trim_end_matches(';')) {
            json_ld(&v, &mut m, 0);
        }
    }
    let get = |list: &[(String, String)], key: &str| list.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    if let Some(t) = get(&og, "og:title") {
        push(&mut m.titles, &t, "og:title");
    }
    if let Some(t) = get(&og, "twitter:title") {
        push(&mut m.titles, &t, "twitter:title");
    }
    if let Some(t) = title_tag {
        push(&mut m.titles, &t, "<title>");
    }
    if let Some(s) = get(&og, "og:site_name") {
        push(&mut m.site_names, &s, "og:site_name");
    }
    for key in ["application-name", "apple-mobile-web-app-title", "publisher", "dc.publisher"] {
        if let Some(s) = get(&others, key) {
            push(&mut m.site_names, &s, &format!("meta {key}"));
        }
    }
    if let Some(u) = get(&og, "og:url").filter(|u| u.starts_with("http")) {
        push(&mut m.urls, &u, "og:url");
    }
    let all: Vec<(String, String)> = og.iter().chain(&others).cloned().collect();
    for key in PUBLISHED_META {
        if let Some(v) = get(&all, key) {
            push(&mut m.published, &v, &format!("meta {key}"));
        }
    }
    for v in itemprop_dates {
        push(&mut m.published, &v, "itemprop datePublished");
    }
    for v in times {
        push(&mut m.published, &v, "<time>");
    }
    for key in MODIFIED_META {
        if let Some(v) = get(&all, key) {
            push(&mut m.modified, &v, &format!("meta {key}"));
        }
    }
    for key in AUTHOR_META {
        if let Some(v) = get(&all, key) {
            // article:author is often a profile URL, not a name.
            if !v.contains("://") && !v.starts_with("www.") {
                push(&mut m.authors, &v, &format!("meta {key}"));
            }
        }
    }
    // Most trusted first: the site's name for itself, then the
    // article's publisher, then names of the app or of any organization.
    m.site_names.sort_by_key(|f| SITE_NAME_TRUST.iter().position(|s| *s == f.source).unwrap_or(SITE_NAME_TRUST.len()));
    if m.language.is_none() {
        if let Some(l) = get(&og, "og:locale") {
            m.language = Some(Found { value: clean(&l), source: "og:locale".into() });
        }
    }
    m
}

/// The `@type`s of a JSON-LD object, lower-cased.
fn types(o: &serde_json::Map<String, Value>) -> Vec<String> {
    match o.get("@type") {
        Some(Value::String(s)) => vec![s.to_ascii_lowercase()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).map(str::to_ascii_lowercase).collect(),
        _ => vec![],
    }
}

/// Names in a JSON-LD value: a string, a `{"name": ...}` object, or a list
/// of either.
fn names(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) if !s.contains("://") => out.push(s.clone()),
        Value::Object(o) => {
            if let Some(n) = o.get("name") {
                names(n, out);
            }
        }
        Value::Array(a) => a.iter().take(20).for_each(|x| names(x, out)),
        _ => {}
    }
}

/// A URL in a JSON-LD value: a string or an object's `@id` / `url`.
fn url_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if s.starts_with("http") => Some(s.clone()),
        Value::Object(o) => o.get("@id").or_else(|| o.get("url")).and_then(url_of),
        Value::Array(a) => a.iter().find_map(url_of),
        _ => None,
    }
}

/// Reads the article objects of a JSON-LD value (recursing into arrays,
/// `@graph` and `mainEntity`, a few levels deep).
fn json_ld(v: &Value, m: &mut PageMeta, depth: usize) {
    if depth > 4 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().take(50).for_each(|x| json_ld(x, m, depth + 1)),
        Value::Object(o) => {
            if let Some(g) = o.get("@graph") {
                json_ld(g, m, depth + 1);
            }
            let t = types(o);
            if t.iter().any(|t| ARTICLE_TYPES.contains(&t.as_str())) {
                article(o, m);
            } else if t.iter().any(|t| t == "webpage" || t == "itempage") {
                if let Some(e) = o.get("mainEntity") {
                    json_ld(e, m, depth + 1);
                }
            } else if t.iter().any(|t| t == "newsmediaorganization" || t == "organization") && depth <= 1 {
                if let Some(n) = o.get("name").and_then(Value::as_str) {
                    push(&mut m.site_names, n, "json-ld Organization name");
                }
            }
        }
        _ => {}
    }
}

fn article(o: &serde_json::Map<String, Value>, m: &mut PageMeta) {
    let s = |k: &str| o.get(k).and_then(Value::as_str).map(str::to_string);
    if let Some(h) = s("headline").or_else(|| s("name")) {
        // Titles from JSON-LD come first: insert before og:title etc.
        let at = m.titles.iter().take_while(|f| f.source.starts_with("json-ld")).count();
        let before = m.titles.len();
        push(&mut m.titles, &h, "json-ld headline");
        if m.titles.len() > before {
            let f = m.titles.remove(before);
            m.titles.insert(at, f);
        }
    }
    if let Some(d) = s("datePublished").or_else(|| s("dateCreated")) {
        push(&mut m.published, &d, "json-ld datePublished");
    }
    if let Some(d) = s("dateModified") {
        push(&mut m.modified, &d, "json-ld dateModified");
    }
    let mut authors = Vec::new();
    if let Some(a) = o.get("author").or_else(|| o.get("creator")) {
        names(a, &mut authors);
    }
    if !authors.is_empty() {
        push(&mut m.authors, &authors.join(", "), "json-ld author");
    }
    let mut publishers = Vec::new();
    if let Some(p) = o.get("publisher") {
        names(p, &mut publishers);
    }
    if let Some(p) = publishers.first() {
        push(&mut m.site_names, p, "json-ld publisher");
    }
    for key in ["url", "mainEntityOfPage"] {
        if let Some(u) = o.get(key).and_then(url_of) {
            push(&mut m.urls, &u, &format!("json-ld {key}"));
        }
    }
    if m.based_on.is_none() {
        let mut src = Vec::new();
        if let Some(b) = o.get("isBasedOn").or_else(|| o.get("isBasedOnUrl")) {
            names(b, &mut src);
            if src.is_empty() {
                src.extend(url_of(b));
            }
            if let Some(v) = src.first() {
                m.based_on = Some(Found { value: clean(v), source: "json-ld isBasedOn".into() });
            }
        } else if let Some(b) = o.get("sourceOrganization") {
            names(b, &mut src);
            if let Some(v) = src.first() {
                m.based_on = Some(Found { value: clean(v), source: "json-ld sourceOrganization".into() });
            }
        }
    }
    if m.language.is_none() {
        if let Some(l) = s("inLanguage") {
            m.language = Some(Found { value: clean(&l), source: "json-ld inLanguage".into() });
        }
    }
}

/// Reads a metadata date: ISO 8601 (`2023-10-05`, `2023-10-05T14:30:00+03:00`,
/// `2023-10-05 14:30`), else the first date [`crate::date::find_dates`]
/// finds in the value (`Thu, 05 Oct 2023 14:30:00 GMT`, `October 5, 2023`).
/// The time is kept as written, in the zone the page wrote it in.
pub fn parse_date(s: &str) -> Option<(Date, Option<Time>)> {
    let s = s.trim();
    let b = s.as_bytes();
    let num =
        |r: std::ops::Range<usize>| s.get(r).filter(|x| x.bytes().all(|c| c.is_ascii_digit()))?.parse::<u32>().ok();
    if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
        let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let date = Date::new(y as i32, mo as u8, d as u8)?;
        let time = if b.len() >= 16 && (b[10] == b'T' || b[10] == b' ') && b[13] == b':' {
            match (num(11..13), num(14..16)) {
                (Some(h), Some(mi)) if h < 24 && mi < 60 => Some(Time { hour: h as u8, minute: mi as u8 }),
                _ => None,
            }
        } else {
            None
        };
        // A midnight time with a zone (`T00:00:00+00:00`) is usually a
        // date without a time.
        let time = time.filter(|t| (t.hour, t.minute) != (0, 0));
        return Some((date, time));
    }
    if b.len() == 8 && b.iter().all(u8::is_ascii_digit) {
        let date = Date::new(num(0..4)? as i32, num(4..6)? as u8, num(6..8)? as u8)?;
        return Some((date, None));
    }
    // Year first, as scholarly metadata (Highwire's `citation_publication_date`,
    // which Google Scholar reads) writes it: `2024/06/30`, `2024 Jun 30`.
    let parts: Vec<&str> = s.split(['/', ' ']).filter(|p| !p.is_empty()).collect();
    if let [y, mo, d] = parts[..] {
        if y.len() == 4 && y.bytes().all(|c| c.is_ascii_digit()) {
            let month = mo.parse::<u8>().ok().or_else(|| crate::date::month_number(mo));
            if let (Ok(y), Some(mo), Ok(d)) = (y.parse::<i32>(), month, d.parse::<u8>()) {
                if let Some(date) = Date::new(y, mo, d) {
                    return Some((date, None));
                }
            }
        }
    }
    let found = crate::date::find_dates(s);
    let m = found.iter().find(|m| m.date().is_some())?;
    Some((m.date()?, m.time))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_and_other_metadata_dates() {
        let d = |y, m, d| Date::new(y, m, d).expect("valid");
        assert_eq!(
            parse_date("2023-10-05T14:30:00+03:00"),
            Some((d(2023, 10, 5), Some(Time { hour: 14, minute: 30 })))
        );
        assert_eq!(parse_date("2023-10-05"), Some((d(2023, 10, 5), None)));
        assert_eq!(parse_date("2023-10-05T00:00:00Z"), Some((d(2023, 10, 5), None)));
        assert_eq!(parse_date("20231005"), Some((d(2023, 10, 5), None)));
        assert_eq!(parse_date("2023-02-30"), None);
        assert_eq!(parse_date("October 5, 2023").map(|x| x.0), Some(d(2023, 10, 5)));
        assert_eq!(parse_date("soon"), None);
        // Scholarly metadata writes the year first.
        assert_eq!(parse_date("2024 Jun 30"), Some((d(2024, 6, 30), None)));
        assert_eq!(parse_date("2024/06/30"), Some((d(2024, 6, 30), None)));
        assert_eq!(parse_date("2024 Jun 31"), None);
    }

    /// A `<time>` without `datetime` is dated by its text (HTML's rule);
    /// one in a list of other stories or after an update label is not the
    /// page's publication date.
    #[test]
    fn a_time_element_without_datetime_is_read_from_its_text() {
        let meta = |body: &str| page_meta(&Html::parse_document(&format!("<html><body>{body}</body></html>")));
        let page = meta("<h1>Coffee</h1><p><time>Mar 24, 2025</time></p><p>Text.</p>");
        let got: Vec<(&str, &str)> = page.published.iter().map(|f| (f.value.as_str(), f.source.as_str())).collect();
        assert_eq!(got, vec![("Mar 24, 2025", "<time>")]);
        let page = meta("<h1>Coffee</h1><div class=\"related\"><time>Mar 2, 2025</time></div>");
        assert!(page.published.is_empty(), "{:?}", page.published);
        let page = meta("<h1>Coffee</h1><p>Updated <time>Mar 2, 2025</time></p>");
        assert!(page.published.is_empty(), "{:?}", page.published);
    }

    #[test]
    fn entities_in_json_ld_strings() {
        assert_eq!(decode_entities("Tom &amp; Jerry&#8217;s &#x41; &bogus; &"), "Tom & Jerry’s A &bogus; &");
    }
}
