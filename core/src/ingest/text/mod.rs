//! Extraction of one article from raw scraped page text.
//!
//! Scraped text is a sequence of lines: site furniture (icon sprites, skip
//! links, menus), a title, a date line, sometimes a byline and captions, the
//! article's paragraphs, and then more furniture (promos, share prompts,
//! "Related articles" with whole other stories, comment widgets).
//!
//! [`extract`] runs small passes, each a function from named values to the
//! next, in this order:
//!
//! 1. **Lines** ([`lines`]): `page_lines(text) -> lines` cleans the lines,
//!    splits huge ones and joins prose hard-wrapped at a fixed width back
//!    into paragraphs; `classify_lines(lines, outlet) -> kinds` gives every
//!    line a [`LineKind`] with generic rules plus the outlet's registry
//!    `boilerplate` prefixes (picture galleries are furniture).
//! 2. **Main text** ([`main_text`]): `page_title(lines, kinds)` (in
//!    [`headline`]) is the first title-like line; `main_text(lines, kinds,
//!    page_title) -> (start, end)` is the run of prose lines with the most
//!    characters (tripled when it starts at or runs through a repeat of the
//!    page title; in-article promo boxes do not end it and are marked as
//!    furniture; link lists flattened onto one line are not prose). Only the
//!    first run after the headline gets the headline's bonus. The article
//!    goes on past tables and lists (short items without furniture: a
//!    product's features, a week's plan) into the runs around that run,
//!    a one-paragraph run (a product's description) only when another
//!    follows it, never past a site's menu, a form or a tail marker.
//! 3. **Title** ([`headline`], [`title`]): `headline(lines, kinds, hint,
//!    page_title, main) -> Headline`: the line nearest above the main text
//!    that prints a part of the page title, else a line sharing most of its
//!    words, else the headline of the header block above the text, else the
//!    page title minus its site suffix (` | Outlet`, ` — RT World News`).
//!    Then `article_span(lines, kinds, headline, main) -> Span`: the body
//!    from below the headline (a standfirst right below it is kept as the
//!    lead) to the first tail marker (`Related articles`, `Editor's choice`,
//!    `Author`, `Comments are closed`, German `Ähnliche Beiträge`, a
//!    previous/next post link ...) inside the main text.
//! 4. **Date** ([`header_date`]): `publication_date(lines, kinds, span, ...)`
//!    from date lines of the header zone only (dates inside prose are
//!    events, never publication dates).
//! 5. **Author** ([`byline`]): `author(lines, kinds, span, ...)` from a
//!    byline or a name-only line, and the agency dateline (`SOCHI, October
//!    5. /TASS/.`).
//! 6. **Credits** ([`credit`]): `credits(lines, kinds, span, registry) ->
//!    Vec<Credit>` reads the credit, source and wire lines of the
//!    article's tail (`teleSUR/ JF Source: EFE – El Salto`, `(Reporting by
//!    X; Editing by Y)`, `— AP`) into [`crate::model::Credit`]s and marks
//!    them as furniture: kept as metadata, never in the body.
//! 7. **Body** ([`main_text`]): `paragraphs(...)` keeps the text lines of
//!    the span; the first is the lead, the rest `blocks(...)`, where short
//!    unpunctuated lines become headings.
//!
//! The phrases the passes look for (skip links, prompts, tail markers,
//! date labels, byline words ...) are data, one table per language, in
//! [`phrases`].

pub mod byline;
pub mod credit;
pub mod front_matter;
pub mod header_date;
pub mod headline;
pub mod lines;
pub mod main_text;
pub mod phrases;
pub mod title;

use super::registry::{OutletEntry, Registry};
use crate::model::{Block, Credit, DateInfo};
use crate::text::fold;
use headline::Headline;

pub use front_matter::{front_matter, read_front_matter, FrontMatter};
pub use lines::{classify, LineKind};
pub use title::{strip_known_site_suffix, strip_site_suffix};

/// Metadata given by the input itself (front matter, CSV/JSON columns);
/// it always wins over what the extractor finds.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Hints {
    /// Title.
    pub title: Option<String>,
    /// Outlet name or key.
    pub outlet: Option<String>,
    /// Date string.
    pub date: Option<String>,
    /// Author(s).
    pub author: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// The language the input declares (front matter `language:`, a
    /// `language` column, `<html lang>`), as written.
    pub language: Option<String>,
}

/// What the extractor found in one text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Extracted {
    /// Title without site suffix.
    pub title: String,
    /// Publication date.
    pub date: DateInfo,
    /// Author(s).
    pub author: Option<String>,
    /// How the author was found (a byline is stronger evidence than a
    /// name alone on a line: see [`AuthorFrom`]).
    #[serde(default)]
    pub author_from: AuthorFrom,
    /// Agency dateline place.
    pub dateline: Option<String>,
    /// First paragraph.
    pub lead: String,
    /// The other paragraphs.
    pub body: Vec<Block>,
    /// Credit, source and wire lines of the article's tail.
    #[serde(default)]
    pub credits: Vec<Credit>,
    /// Warnings about this text.
    pub warnings: Vec<String>,
}

/// Where the text passes found the author, strongest first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum AuthorFrom {
    /// No author found.
    #[default]
    None,
    /// Given by the input (front matter, a column).
    Input,
    /// A byline: `By Jane Doe`, `Author: Jane Doe`, `By` above the names.
    Byline,
    /// A name alone on a line near the headline, or a bio or follow line
    /// at the article's edge: a guess from how the line looks, which a
    /// page's metadata overrules ([`crate::ingest::html::reconcile`]).
    NameLine,
}

impl AuthorFrom {
    /// How the reader's provenance names it.
    pub fn describe(self) -> &'static str {
        match self {
            AuthorFrom::None => "none",
            AuthorFrom::Input => "given by the input",
            AuthorFrom::Byline => "visible text (byline)",
            AuthorFrom::NameLine => "visible text (a name on a line of its own)",
        }
    }
}

/// Extracts an article from raw page text. `outlet` is the outlet already
/// identified (its boilerplate prefixes apply). Returns `Err(reason)` when
/// no article text can be found.
pub fn extract(
    text: &str,
    hints: &Hints,
    outlet: Option<&OutletEntry>,
    registry: &Registry,
) -> Result<Extracted, String> {
    let mut warnings = Vec::new();
    // Hints are cleaned like the page's lines: no control characters.
    let hints = &Hints {
        title: hints.title.as_deref().map(lines::clean_line),
        date: hints.date.as_deref().map(lines::clean_line),
        author: hints.author.as_deref().map(lines::clean_line),
        ..hints.clone()
    };
    let (mut lines, chunks) = lines::page_lines(text, &mut warnings)?;
    let mut kinds = lines::classify_lines(&lines, outlet);
    let page_title = headline::page_title(&lines, &kinds);
    let (main, top, head) = main_and_headline(&lines, &mut kinds, hints.title.as_deref(), page_title, registry)?;
    let span = main_text::article_span(&lines, &kinds, head.idx, main, top);
    let date =
        header_date::publication_date(&lines, &kinds, &span, head.idx, main.0, hints.date.as_deref(), &mut warnings);
    let (mut author, mut author_from, common) =
        byline::author(&lines, &kinds, &span, head.idx, hints.author.as_deref());
    let credits = credit::credits(&lines, &mut kinds, &span, registry);
    let mut paragraphs = main_text::paragraphs(
        &mut lines,
        &kinds,
        &span,
        &head,
        page_title,
        &chunks,
        &common,
        (&mut author, &mut author_from),
    );
    if paragraphs.is_empty() {
        return Err("no article text after the title".into());
    }
    let lead = paragraphs.remove(0);
    let dateline = byline::dateline(&lead).or_else(|| paragraphs.first().and_then(|p| byline::dateline(p)));
    let body = main_text::blocks(paragraphs);
    Ok(Extracted { title: head.title, date, author, author_from, dateline, lead, body, credits, warnings })
}

/// The main text and the headline. A comment count under a headline that
/// does not repeat the page title (`560` / `comments` below the H1) is
/// only seen once the headline is known: it is then furniture, and both
/// are looked for again. Returns the main text, the article's top (see
/// [`main_text::main_block`]) and the headline.
fn main_and_headline(
    lines: &[String],
    kinds: &mut [LineKind],
    hint: Option<&str>,
    page_title: Option<usize>,
    registry: &Registry,
) -> Result<((usize, usize), usize, Headline), String> {
    let (main, top) = main_text::main_text(lines, kinds, page_title);
    let head = headline::headline(lines, kinds, hint, page_title, main, registry)?;
    let counts = main_text::header_comment_counts(lines, kinds, &head.idx.into_iter().collect::<Vec<_>>());
    if counts.is_empty() {
        return Ok((main, top, head));
    }
    for i in counts {
        kinds[i] = LineKind::Junk;
    }
    let (main, top) = main_text::main_text(lines, kinds, page_title);
    Ok((main, top, headline::headline(lines, kinds, hint, page_title, main, registry)?))
}

/// What the passes decided on every line of a page, one line each: the
/// line number, the kind, marks (`T` page title, `H` headline, `M` main
/// text, `B` body span, `S` standfirst) and the line's start. For
/// developers tuning rules (`eval --explain FILE`).
pub fn explain(text: &str, outlet: Option<&OutletEntry>, registry: &Registry) -> String {
    let mut warnings = Vec::new();
    let Ok((lines, _)) = lines::page_lines(text, &mut warnings) else {
        return "no text lines\n".into();
    };
    let mut kinds = lines::classify_lines(&lines, outlet);
    let page_title = headline::page_title(&lines, &kinds);
    let found = main_and_headline(&lines, &mut kinds, None, page_title, registry).ok();
    let main = found.as_ref().map_or((0, 0), |f| f.0);
    let top = found.as_ref().map_or(0, |f| f.1);
    let head = found.map(|f| f.2);
    let span = head.as_ref().map(|h| main_text::article_span(&lines, &kinds, h.idx, main, top));
    let mut out = String::new();
    for (i, (l, k)) in lines.iter().zip(&kinds).enumerate() {
        let mark = |on: bool, c: char| if on { c } else { ' ' };
        let marks: String = [
            mark(page_title == Some(i), 'T'),
            mark(head.as_ref().is_some_and(|h| h.idx == Some(i)), 'H'),
            mark((main.0..main.1).contains(&i), 'M'),
            mark(span.is_some_and(|s| (s.start..s.end).contains(&i)), 'B'),
            mark(span.is_some_and(|s| s.standfirst == Some(i)), 'S'),
        ]
        .iter()
        .collect();
        let kind = format!("{k:?}");
        out.push_str(&format!("{:5} {kind:<11} {marks} {}\n", i + 1, l.chars().take(100).collect::<String>()));
    }
    out
}

/// Folded key of a line, exposed for tests of boilerplate removal.
pub fn line_key(line: &str) -> String {
    let folded = fold(line);
    let mut key = String::with_capacity(folded.len());
    for word in folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(word);
    }
    key
}

#[cfg(test)]
mod tests;
