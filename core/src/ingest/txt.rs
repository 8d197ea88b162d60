//! Extraction of one article from raw scraped page text.
//!
//! Scraped text is a sequence of lines: site furniture (icon sprites, skip
//! links, menus), a title, a date line, sometimes a byline and captions, the
//! article's paragraphs, and then more furniture (promos, share prompts,
//! "Related articles" with whole other stories, comment widgets).
//!
//! Before the passes, prose hard-wrapped at a fixed width is joined back
//! into paragraphs (`unwrap_lines`). The extractor then works in four
//! passes:
//!
//! 1. **Classify** every line ([`LineKind`]) with generic rules that hold
//!    across outlets (see [`classify`]) plus the identified outlet's
//!    registry `boilerplate` prefixes. Picture galleries (a short label
//!    repeated at a regular step, `gallery_lines`) are furniture.
//! 2. **Find the main text and cut the tail**: the main text is the run of
//!    prose lines with the most characters (tripled when it starts at or
//!    runs through a repeat of the page title; in-article promo boxes do
//!    not end it, link lists flattened onto one line are not prose); the
//!    body ends at the first tail marker (`Related articles`, `Editor's
//!    choice`, `Read this next`, `Author`, `Comments are closed`, German
//!    `Ähnliche Beiträge`, `Teilen`, `Schlagworte`, a previous/next post
//!    link ...) inside the main text. Only the first run after the
//!    headline gets the headline's bonus.
//! 3. **Find the title**: the first title-like line is the page title; the
//!    headline is the line nearest above the main text that prints a part
//!    of it (not the page's own entry in a menu, not a three-word slide
//!    caption below the sentence-long first part), else a line sharing
//!    most of its words, else the headline of the header block above the
//!    text (walking up over share bars, dates, bylines and standfirsts to
//!    the menu). Site suffixes (` | Outlet`, ` — RT World News`, a site
//!    name followed by its tagline) are stripped from a page title; a
//!    headline keeps a suffix that names no site for sure. A standfirst
//!    right below the headline is kept as the lead.
//! 4. **Find metadata** in the header zone: the publication date from date
//!    lines only (dates inside prose are events, never publication dates;
//!    a date glued to the end of a header line or after a byline on it
//!    counts as a date line; dates under a comment heading are the
//!    comments'; a numeric date whose day/month order was only guessed is
//!    read the other way when the page's other dates say so),
//!    the author from a byline or a name-only line, the agency dateline
//!    (`SOCHI, October 5. /TASS/.`). When no date line exists, a weekday
//!    printed with a day and month (`on Monday (11 January)`) gives the day,
//!    and the year is inferred from the weekday and the latest year the
//!    text mentions; the precision says so.
//!
//! The first remaining paragraph is the lead; the rest is the body, where
//! short unpunctuated lines become headings.

use super::registry::{OutletEntry, Registry};
use crate::date::{find_dates, infer_year, DateMatch};
use crate::model::{Block, DateInfo, DatePrecision};
use crate::text::fold;

/// Metadata given by the input itself (front matter, CSV/JSON columns);
/// it always wins over what the extractor finds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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
}

/// What the extractor found in one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    /// Title without site suffix.
    pub title: String,
    /// Publication date.
    pub date: DateInfo,
    /// Author(s).
    pub author: Option<String>,
    /// Agency dateline place.
    pub dateline: Option<String>,
    /// First paragraph.
    pub lead: String,
    /// The other paragraphs.
    pub body: Vec<Block>,
    /// Warnings about this text.
    pub warnings: Vec<String>,
}

/// The kind of one line of scraped text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Article text (title, paragraph, heading, byline...).
    Text,
    /// Site furniture to drop (icons, skip links, prompts, promos, credits).
    Junk,
    /// A promo marker alone on its line (`RELATED:`): the headline on the
    /// next line is dropped too.
    PromoMarker,
    /// A picture caption.
    Caption,
    /// Start of the page's tail (related stories, comments...).
    TailMarker,
    /// A line whose content is mainly a date.
    DateLine,
}

const SKIP_LINKS: &[&str] = &[
    "skip to",
    "jump to",
    "aller au contenu",
    "перейти к",
    "zum inhalt",
    "saltar al contenido",
    "ir al contenido",
    "vai al contenuto",
    "icerige gecmek",
    "passer au contenu",
    // German "back" links: "Zurück zur Übersicht", "Zurück zum Menü".
    "zurück zur ",
    "zurück zum ",
];

const PROMPTS: &[&str] = &[
    "like this story",
    "share it with a friend",
    "share this",
    "share on",
    "follow us",
    "subscribe to",
    "subscribe now",
    "sign up for",
    "newsletter",
    "click here",
    "advertisement",
    "leave a comment",
    "listen to this article",
    "print this",
    "email this",
    "we use cookies",
    "this website uses cookies",
    "accept all cookies",
    "accept cookies",
    "read more on the site",
    "enlarge this image",
    "toggle caption",
    "all rights reserved",
    "opinions expressed are those of",
    "views expressed are those of",
    "do not purport to reflect",
    "do not necessarily reflect",
    "support our journalism",
    "download our app",
    "notify me when",
    "akismet",
    "reduce spam",
    "privacy & cookies",
    "ad-blocker",
    "ad blocker",
    "recaptcha",
    "give us feedback",
    "we want to hear what you think",
    "contains references to products",
    "min read",
    "photograph by",
    "pdf version",
    "unable to edit the page",
    "instant access to",
    "immediate online access",
    "comments under pseudonym",
    "the latest news",
    "sign up to",
    "get the latest",
    "missing out on the latest",
    "editorial picks",
    "get the times of",
    "daily news about",
    "don't have time to read",
    "read the rest of",
    "filed under",
    "to your inbox",
    "suggested citation",
    "cite this article",
    // German comment forms.
    "e-mail-adresse wird nicht veröffentlicht",
    "erforderliche felder sind",
    "benachrichtige mich über",
    "informiere mich über neue beiträge",
    "benachrichtigung bei weiteren kommentaren",
    "gib hier deinen kommentar ein",
    "kommentar hinzufügen",
    "mit freunden teilen",
];

/// Affiliate, advertising and fundraising notices: furniture even in a
/// paragraph-long line.
const DISCLOSURES: &[&str] = &[
    "contains references to products",
    "we may receive compensation",
    "we may earn a commission",
    "may contain affiliate links",
    "advertising disclosure",
    "advertising disclaimer",
    "we rely on your support",
    "breaking news updates download",
    // Cookie notices (German, French, Italian).
    "verwendet cookies",
    "verwenden cookies",
    "benutzt cookies",
    "nutzt cookies",
    "cookie-einstellungen",
    "cookie-richtlinie",
    "utilise des cookies",
    "utilisons des cookies",
    "utilizza cookie",
    "utilizza i cookie",
    "utilizziamo i cookie",
];

const PROMO_PREFIXES: &[&str] = &[
    "also on ",
    "read more:",
    "read also:",
    "also read:",
    "see also:",
    "related:",
    "related stories:",
    "recommended:",
    "more:",
    "watch:",
    "listen:",
    "read next:",
    "читайте также",
    "lesen sie auch:",
    "lee también:",
    "lea también:",
    "te puede interesar",
    "mira:",
];

const TAIL_MARKERS: &[&str] = &[
    "related articles",
    "related stories",
    "related news",
    "related coverage",
    "related content",
    "related posts",
    "related",
    "editor's choice",
    "popular",
    "most popular",
    "most read",
    "more stories",
    "more news",
    "you may also like",
    "you might also like",
    "recommended",
    "recommended for you",
    "trending",
    "latest news",
    "comments",
    "podcasts",
    "yorumlar kapatildi",
    "comments are closed",
    "leave a reply",
    "share this article",
    "about the author",
    "tags",
    "topics",
    "read more",
    "write a comment",
    "post a comment",
    "leave a comment",
    "explore further",
    "more from",
    "share this",
    "responses",
    "previous post",
    "next post",
    "vorheriges",
    "related topics",
    "see also",
    "further reading",
    "top stories",
    "read this next",
    "read next",
    "up next",
    "more to explore",
    "more like this",
    "you may be interested in",
    "keep reading",
    "author",
    "authors",
    "about the authors",
    // German: related posts, sharing, tags, comment forms, author box.
    "ähnliche beiträge",
    "ähnliche artikel",
    "lesen sie auch",
    "auch interessant",
    "verwandte artikel",
    "weitere artikel",
    "weitere beiträge",
    "das könnte dich auch interessieren",
    "das könnte sie auch interessieren",
    "das könnte ihnen auch gefallen",
    "das könnte dir auch gefallen",
    "mehr zum thema",
    "beitragsnavigation",
    "beitrags-navigation",
    "teilen",
    "teilen mit",
    "teilen sie dies mit",
    "diesen beitrag teilen",
    "artikel teilen",
    "beitrag teilen",
    "gefällt mir",
    "schlagworte",
    "schlagwörter",
    "kommentare",
    "kommentar schreiben",
    "kommentar verfassen",
    "kommentar verfassen antwort abbrechen",
    "schreibe einen kommentar",
    "schreibe einen kommentar antworten abbrechen",
    "hinterlasse einen kommentar",
    "über den autor",
    "über die autorin",
    "zum autor",
    "autor",
    "autorin",
    // French and Italian.
    "articles liés",
    "articles similaires",
    "lire aussi",
    "à lire aussi",
    "sur le même sujet",
    "dans la même rubrique",
    "commentaires",
    "vos réactions",
    "laisser un commentaire",
    "écrire un commentaire",
    "partager",
    "partager cet article",
    "mots-clés",
    "articoli correlati",
    "commenti",
    "leggi anche",
    "lascia un commento",
    "condividi",
];

/// Links to the previous or next post, often glued to that post's headline
/// (`Previous articleFerry fares rise`, `Vorheriger BeitragNeue Fähre`).
const PREV_NEXT: &[&str] = &[
    "previous post",
    "next post",
    "previous article",
    "next article",
    "vorheriger beitrag",
    "nächster beitrag",
    "vorheriger artikel",
    "nächster artikel",
    "article précédent",
    "article suivant",
    "articolo precedente",
    "articolo successivo",
];

static PREV_NEXT_KEYS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();

const CAPTION_PREFIXES: &[&str] = &[
    "photo credit",
    "photo:",
    "photo by",
    "photos:",
    "image:",
    "picture:",
    "credit:",
    "file photo",
    "pictured:",
    "illustration:",
    "video:",
    // German and French picture credits ("Foto: Jane Doe", "Bild: Agentur").
    "foto:",
    "fotos:",
    "bild:",
    "abbildung:",
    "grafik:",
    "photo :",
    "crédit photo",
];

/// Collapses runs of whitespace (including no-break spaces) to one space.
fn clean_line(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lowercase, diacritic-folded, punctuation turned into single spaces.
fn key(line: &str) -> String {
    crate::text::terms(line).join(" ")
}

fn is_timestamp(line: &str) -> bool {
    let parts: Vec<&str> = line.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts.iter().all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
}

fn is_separator(line: &str) -> bool {
    !line.is_empty() && line.chars().all(|c| !c.is_alphanumeric())
}

fn ends_sentence(line: &str) -> bool {
    let l = line.trim_end_matches(['"', '”', '’', '»', ')', '\'', ']']);
    l.ends_with(['.', '!', '?', '…', ':', ';'])
}

static SKIP_KEYS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
static TAIL_KEYS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();

/// Folded keys of a marker list, computed once.
fn marker_keys<'a>(list: &[&str], cell: &'a std::sync::OnceLock<Vec<String>>) -> &'a Vec<String> {
    cell.get_or_init(|| list.iter().map(|m| key(m)).collect())
}

/// Classifies one cleaned line with the generic rules and the outlet's own
/// boilerplate prefixes.
pub fn classify(line: &str, outlet: Option<&OutletEntry>) -> LineKind {
    let lower = line.to_lowercase();
    let short = line.chars().count() < 160;
    // The folded key is only needed for short lines (markers, skip links).
    let k = if short { key(line) } else { String::new() };
    if lower.matches("icon").count() >= 5 || is_timestamp(line) || is_separator(line) {
        return LineKind::Junk;
    }
    if short
        && marker_keys(SKIP_LINKS, &SKIP_KEYS)
            .iter()
            .zip(SKIP_LINKS)
            .any(|(sk, s)| k.starts_with(sk.as_str()) || lower.starts_with(s))
    {
        return LineKind::Junk;
    }
    if let Some(o) = outlet {
        if o.boilerplate.iter().any(|b| lower.starts_with(&b.to_lowercase())) {
            return LineKind::Junk;
        }
    }
    if matches!(lower.as_str(), "related:" | "read more:" | "read also:" | "see also:" | "also read:" | "recommended:")
    {
        return LineKind::PromoMarker;
    }
    // A promo line ("Lesen Sie auch: Headline"); the prefix alone heads a
    // box of headlines inside the article (see `is_promo_box`).
    if line.chars().count() < 300
        && PROMO_PREFIXES.iter().any(|p| lower.starts_with(p) && (lower.len() > p.len() || !is_promo_box(line)))
    {
        return LineKind::Junk;
    }
    // Embedded posts: "— Name (@handle) January 24, 2020".
    if (line.starts_with('—') || line.starts_with("- ")) && line.contains("(@") {
        return LineKind::Junk;
    }
    if line.starts_with('*') && lower.contains("opinion") {
        return LineKind::Junk;
    }
    // A date line may carry a prompt ("Last updated 20 Feb, 2020. 3 min read").
    if line.chars().count() < 400 && DISCLOSURES.iter().any(|p| lower.contains(p)) {
        return LineKind::Junk;
    }
    if short && PROMPTS.iter().any(|p| lower.contains(p)) {
        return if is_date_line(line) { LineKind::DateLine } else { LineKind::Junk };
    }
    if short && (lower.starts_with('©') || lower.starts_with("copyright ") || lower.starts_with("(c) ")) {
        return LineKind::Junk;
    }
    // Credit lines: "Source: X", "teleSUR/ JF Source: EFE".
    // German "Quelle: dpa", "(Quelle: Agentur)".
    if short
        && (lower.starts_with("source:")
            || lower.starts_with("sources:")
            || lower.contains(" source: ")
            || lower.trim_start_matches('(').starts_with("quelle:"))
    {
        return LineKind::Junk;
    }
    if line.chars().count() <= 50 && marker_keys(TAIL_MARKERS, &TAIL_KEYS).contains(&k) {
        return LineKind::TailMarker;
    }
    if line.chars().count() < 200
        && marker_keys(PREV_NEXT, &PREV_NEXT_KEYS).iter().any(|m| k.trim_start().starts_with(m.as_str()))
    {
        return LineKind::TailMarker;
    }
    if short && is_comments_heading(&k) {
        return LineKind::TailMarker;
    }
    if CAPTION_PREFIXES.iter().any(|p| lower.trim_start_matches(['(', '[']).starts_with(p))
        || (line.chars().count() < 300
            && [" photo: ", ". photo:", " foto: ", ". foto:", "(foto:", ". bild:", "(bild:"]
                .iter()
                .any(|p| lower.contains(p)))
        || (line.contains("(L)") && line.contains("(R)"))
        || (short && (lower.contains("getty images") || lower.contains("/afp") || lower.contains("/ afp")))
    {
        return LineKind::Caption;
    }
    if is_date_line(line) {
        return LineKind::DateLine;
    }
    LineKind::Text
}

/// How many lines from the headline a date line still stands next to it.
const HEADLINE_NEAR: usize = 12;

/// The heading of a comment section, from its folded key: `5 thoughts on
/// "Title"`, `12 comments`, `One response to "Title"`, `Leave a Reply
/// Cancel reply`, `Join the conversation`.
fn is_comments_heading(k: &str) -> bool {
    let words: Vec<&str> = k.split(' ').collect();
    let count = words.first().is_some_and(|w| w.bytes().all(|b| b.is_ascii_digit()) || matches!(*w, "one" | "no"));
    let noun = words.get(1).is_some_and(|w| {
        matches!(*w, "thought" | "thoughts" | "comment" | "comments" | "response" | "responses" | "reply" | "replies")
    });
    let on = words.len() == 2 || words.get(2).is_some_and(|w| matches!(*w, "on" | "to"));
    (count && noun && on)
        || k.starts_with("leave a reply")
        || k.starts_with("leave a comment")
        || k == "join the conversation"
        || k.starts_with("comments are closed")
}

/// A date line: a short line whose main content is a dated expression
/// (`Russian Politics & Diplomacy October 05, 2023, 21:49`, `Published: ...`).
fn is_date_line(line: &str) -> bool {
    if !line.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let n = line.chars().count();
    if n > 120 {
        return false;
    }
    let dates = find_dates(line);
    let Some(m) = dates.iter().find(|m| m.year.is_some()) else {
        return false;
    };
    let covered = m.span.len() as f32 / line.len().max(1) as f32;
    covered >= 0.3 || n <= 60 || !ends_sentence(line)
}

/// Words that label a publication date on a date line.
const PUBLISHED_WORDS: &[&str] = &[
    "published",
    "posted",
    "date:",
    "datum",
    "publié",
    "veröffentlicht",
    "publicado",
    "pubblicato",
    "erschienen",
    "erstellt",
    "publiziert",
    "publicada",
    "pubblicata",
    "postado",
    "julkaistu",
    "opublikowano",
];

/// Words that label a date as a later change, not the publication.
const UPDATED_WORDS: &[&str] = &[
    "updated",
    "modified",
    "aktualisiert",
    "aktualisierung",
    "mis à jour",
    "geändert",
    "änderung",
    "modifié",
    "actualizado",
    "actualizada",
    "atualizado",
    "atualizada",
    "aggiornato",
    "päivitetty",
    "zaktualizowano",
];

/// The publication date on a date line: the first date with a year, unless
/// a later one on the line follows a "published" word (`Updated March 5,
/// 2020 · Published March 3, 2020`).
fn published_on_line(line: &str) -> Option<DateMatch> {
    let mut dates = find_dates(line).into_iter().filter(|m| m.year.is_some()).peekable();
    let first = dates.next()?;
    // A period (`09 Jan 2014 - 01 Jan 2017`) dates no publication.
    if let Some(second) = dates.peek() {
        let between = line.get(first.span.end..second.span.start).unwrap_or_default().trim().to_lowercase();
        if matches!(between.as_str(), "-" | "–" | "—" | "to" | "bis" | "au") {
            return None;
        }
    }
    let mut from = first.span.end;
    for m in dates {
        let before = line.get(from..m.span.start).unwrap_or_default().to_lowercase();
        if PUBLISHED_WORDS.iter().any(|w| before.contains(w)) {
            return Some(m);
        }
        from = m.span.end;
    }
    Some(first)
}

/// A date with a year that ends `line` and stands apart from the text
/// before it: glued to it (`... its recovery?Monday, 6 January 2020`) or
/// right after a byline (`Headline By Jane Doe Wednesday Sep 13, 2017 ·
/// 9:01 AM EDT`). It is a date element whose line break was lost, not a
/// date ending a sentence (`... put it to a vote on 9 March 2021`).
fn glued_trailing_date(line: &str) -> Option<DateMatch> {
    let m = find_dates(line).pop().filter(|m| m.year.is_some() && m.span.end == line.trim_end().len())?;
    let before = line.get(..m.span.start)?;
    let last = before.chars().next_back()?;
    let glued = last.is_alphabetic() || matches!(last, '.' | '?' | '!' | '"' | '”' | '’' | '…');
    (glued || after_byline(before)).then_some(m)
}

/// A date with a year opening a header line and set off from the text
/// after it: `12.03.2021 – The council ...`, `Press release of 25 January
/// 2022 | Berlin – ...`, `19.10.2019, 15:30 UhrThe ...` (a line break
/// lost). At most three words, without digits, may stand before it (a
/// label or a place); a date range (`12.03. – 15.03.2021`) is not one.
fn leading_date(line: &str) -> Option<DateMatch> {
    let mut dates = find_dates(line).into_iter();
    let m = dates.next().filter(|m| m.year.is_some())?;
    let before = line.get(..m.span.start)?;
    if before.split_whitespace().count() > 3 || before.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    // The text after it, past a German "Uhr" closing the time.
    let rest = line.get(m.span.end..)?;
    let after = rest.trim_start().strip_prefix("Uhr").unwrap_or(rest);
    // Glued: no space between the date and a capitalised word.
    let glued = after.chars().next().is_some_and(char::is_uppercase);
    let set_off = glued || after.trim_start().starts_with(['|', '–', '—', '-', ':']);
    let range =
        dates.next().is_some_and(|n| line.get(m.span.end..n.span.start).is_some_and(|b| b.chars().count() <= 3));
    (set_off && !range).then_some(m)
}

/// A date with a year printed as a part of the page title (the first
/// line), between title separators: `Harbour plan approved - 11/05/2022 -
/// The Harbour Times`. A slashed date is read day first on a page not in
/// English.
fn title_date(lines: &[String]) -> Option<DateInfo> {
    let title = lines.first()?;
    let m = find_dates(title).into_iter().find(|m| m.year.is_some())?;
    let sep =
        |t: &str| t.is_empty() || t.ends_with(['-', '|', '–', '—', '·']) || t.starts_with(['-', '|', '–', '—', '·']);
    let before = title.get(..m.span.start)?.trim_end();
    let after = title.get(m.span.end..)?.trim_start();
    if !(sep(before) && sep(after)) || (before.is_empty() && after.is_empty()) {
        return None;
    }
    let day = if m.day_first == Some(false) && !is_english(lines) { m.other_reading() } else { m.date() }?;
    Some(DateInfo::printed(
        Some(day),
        m.time,
        format!("page title: \"{}\"", title.get(m.span.clone()).unwrap_or_default()),
    ))
}

/// Whether `text` ends with a byline: ` By ` and one to four capitalised
/// words (`... the plan By Jane Doe `).
fn after_byline(text: &str) -> bool {
    let Some(at) = text.rfind(" By ") else {
        return false;
    };
    let words: Vec<&str> = text[at + 4..].split_whitespace().collect();
    (1..=4).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase) && !w.bytes().any(|b| b.is_ascii_digit()))
}

/// The other reading of a numeric publication date whose day/month order
/// was only guessed (`02/10/2020`), with the reason, when the page says so:
///
/// 1. the page's other numeric dates whose order is certain (`25/10/2020`
///    is day-first) all read the other way; else
/// 2. every dated event printed in the article (`article`, captions
///    included, other date lines not) falls after the guessed reading and
///    none after the other one: an article reports events before it is
///    published; else
/// 3. the page is not in English: only English-language pages print a
///    slashed date month first (`04/05/2022` is 4 May in Brazil).
///
/// `None` keeps the guessed reading.
fn numeric_order(
    m: &DateMatch,
    lines: &[String],
    kinds: &[LineKind],
    own: usize,
    article: std::ops::Range<usize>,
) -> Option<(crate::model::Date, &'static str)> {
    let guessed = m.date()?;
    let other = m.other_reading()?;
    let mut orders = lines.iter().flat_map(|l| find_dates(l)).filter(|d| !d.order_guessed).filter_map(|d| d.day_first);
    if let Some(first) = orders.next() {
        if orders.all(|o| o == first) {
            return (Some(first) != m.day_first)
                .then_some((other, "day and month order from the page's other numeric dates"));
        }
    }
    let events: Vec<crate::model::Date> = article
        .filter(|&i| i != own && i < lines.len() && matches!(kinds[i], LineKind::Text | LineKind::Caption))
        .flat_map(|i| find_dates(&lines[i]))
        .filter_map(|d| d.date())
        .collect();
    if let (Some(earliest), Some(latest)) = (events.iter().min(), events.iter().max()) {
        if guessed < *earliest && other >= *latest {
            return Some((other, "day and month order that puts the events the article reports before it"));
        }
    }
    (m.day_first == Some(false) && !is_english(lines))
        .then_some((other, "day first, as outside English-language pages"))
}

/// Whether the page is written in English: its most common function words
/// (`the`, `and`, `of` ...) outnumber those of German, French, Spanish,
/// Portuguese, Italian and Dutch. Only English-language pages print
/// numeric dates month first (`05/04/2022` is 5 April in Brazil).
fn is_english(lines: &[String]) -> bool {
    const EN: &[&str] = &["the", "and", "of", "to", "is", "that", "with", "for", "this", "was"];
    const OTHER: &[&str] = &[
        "der", "die", "das", "und", "ist", "nicht", "mit", "le", "les", "et", "est", "des", "une", "el", "los", "las",
        "que", "por", "con", "una", "em", "os", "uma", "il", "di", "che", "per", "non", "het", "een", "van",
    ];
    let (mut en, mut other) = (0usize, 0usize);
    for l in lines {
        // Every counted word is short: longer ones are not lower-cased.
        for w in l.split(|c: char| !c.is_alphabetic()).filter(|w| (2..=5).contains(&w.len())) {
            let w = w.to_lowercase();
            if EN.contains(&w.as_str()) {
                en += 1;
            } else if OTHER.contains(&w.as_str()) {
                other += 1;
            }
        }
    }
    en >= other
}

/// Whether a line could be a headline.
fn is_title_like(line: &str) -> bool {
    let n = line.chars().count();
    let words = line.split_whitespace().count();
    // Navigation entries are not headlines.
    let nav = words <= 3 && line.split_whitespace().all(|w| NOT_NAME_WORDS.contains(&w.to_lowercase().as_str()));
    !nav && (10..=250).contains(&n)
        && (2..=40).contains(&words)
        && !line.ends_with('.')
        && line.chars().any(char::is_alphabetic)
}

/// Whether a line is just a person's name (a byline without "By").
fn is_name_line(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    if !(2..=4).contains(&words.len()) || line.chars().count() > 40 {
        return false;
    }
    words.iter().all(|w| {
        let mut cs = w.chars();
        let first_upper = cs.next().is_some_and(char::is_uppercase);
        let rest: String = cs.collect();
        first_upper
            && (rest.chars().all(|c| c.is_lowercase() || c == '-' || c == '\'' || c == '’')
                || rest == "."
                || (rest.len() > 2 && rest.chars().skip(1).all(char::is_lowercase)))
            && crate::date::month_number(w).is_none()
            && crate::date::weekday_number(w).is_none()
    })
}

/// Words that never make up a person's name in a byline-only line (menus
/// and buttons are often two capitalised words too).
const NOT_NAME_WORDS: &[&str] = &[
    "us",
    "home",
    "news",
    "about",
    "contact",
    "privacy",
    "policy",
    "terms",
    "login",
    "log",
    "sign",
    "subscribe",
    "menu",
    "search",
    "more",
    "world",
    "business",
    "sports",
    "sport",
    "politics",
    "opinion",
    "share",
    "follow",
    "latest",
    "top",
    "stories",
    "story",
    "read",
    "comments",
    "comment",
    "blog",
    "page",
    "next",
    "previous",
    "video",
    "videos",
    "photos",
    "live",
    "editor",
    "editors",
    "pick",
    "picks",
    "choice",
    "related",
    "articles",
    "new",
    "york",
    "times",
    "post",
    "daily",
    "weekly",
    "press",
    "media",
    "group",
    "team",
    "staff",
    "newsletter",
    "advertisement",
    "cookie",
    "settings",
    "account",
    "register",
    "skip",
    "content",
    "main",
    "section",
    "text",
    "message",
    "material",
    "services",
    "service",
    "posts",
    "chapter",
    "report",
    "recent",
    "print",
    "email",
    "supplemental",
    "raw",
];

/// Leading person names of a text: capitalised words (initials and name
/// particles allowed), several names joined by `and`, `&` or commas;
/// stops at the first other word, a date or an `@handle`.
fn leading_names(text: &str) -> Option<String> {
    const PARTICLES: &[&str] = &["de", "van", "von", "der", "da", "al", "bin", "le", "la", "del", "di", "du", "dos"];
    let mut names: Vec<String> = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    let text = text.split(['@', '|', '•', '·', '(']).next().unwrap_or(text);
    let role = |w: &str| {
        let l = w.to_lowercase();
        BIO_ROLES.contains(&l.as_str()) || NOT_NAME_WORDS.contains(&l.as_str())
    };
    for raw in text.split_whitespace() {
        let mut w = raw.trim_end_matches([',', ';']);
        let mut ends_name = raw.ends_with(',') || raw.ends_with(';');
        // A role glued to the name ("Evan HalperStaff Writer"): the name
        // ends before it. ("McDonald" keeps its capital: "Donald" is no role.)
        if let Some(at) = w
            .char_indices()
            .skip(1)
            .find(|&(i, c)| c.is_uppercase() && w[..i].ends_with(char::is_lowercase) && role(&w[i..]))
            .map(|(i, _)| i)
        {
            w = &w[..at];
            ends_name = true;
        }
        if !cur.is_empty() && role(w) {
            break;
        }
        let is_connector = matches!(w, "and" | "&" | "und" | "et" | "y" | "и");
        let cap = w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().skip(1).all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
            && crate::date::month_number(w).is_none()
            && crate::date::weekday_number(w).is_none()
            && !NOT_NAME_WORDS.contains(&w.to_lowercase().as_str());
        if cap || (!cur.is_empty() && PARTICLES.contains(&w)) {
            cur.push(w);
            if ends_name {
                names.push(cur.join(" "));
                cur.clear();
            }
        } else if is_connector && !cur.is_empty() {
            names.push(cur.join(" "));
            cur.clear();
        } else if is_connector && !names.is_empty() {
            continue;
        } else {
            break;
        }
        if cur.len() > 4 {
            return None;
        }
    }
    if !cur.is_empty() {
        names.push(cur.join(" "));
    }
    names.retain(|n| n.split_whitespace().count() >= 2);
    (!names.is_empty()).then(|| names.join(", "))
}

/// Author from a byline line (`By Jane Doe`, `Author: Jane Doe`, or a
/// name-only line).
fn byline(line: &str) -> Option<String> {
    let line = trim_marks(line);
    if line.chars().count() <= 160 {
        if let Some(rest) = glued_by(line) {
            return leading_names(rest);
        }
        let lower = line.to_lowercase();
        if BYLINE_PREFIXES.iter().chain(&["von "]).any(|p| lower.starts_with(p)) {
            return prefixed_byline(line)
                .or_else(|| line.get(4..).filter(|_| lower.starts_with("von ")).and_then(leading_names));
        }
    }
    name_only(line)
}

/// A line that is nothing but a person's name (two to four words).
fn name_only(line: &str) -> Option<String> {
    let base = line.split('@').next().unwrap_or(line).trim();
    (is_name_line(base) && !base.split_whitespace().any(|w| NOT_NAME_WORDS.contains(&w.to_lowercase().as_str())))
        .then(|| base.to_string())
}

/// Agency dateline at the start of a paragraph: `SOCHI, October 5. /TASS/.`,
/// `MOSCOW (Reuters) -`, `WASHINGTON —`.
fn dateline(par: &str) -> Option<String> {
    let end = par.find([',', '(', '—', '–'])?;
    let place = par[..end].trim().trim_end_matches(" -");
    let letters = place.chars().filter(|c| c.is_alphabetic()).count();
    if !(3..=30).contains(&letters) || place.chars().any(|c| c.is_lowercase() || c.is_ascii_digit()) {
        return None;
    }
    if !place.chars().next().is_some_and(char::is_alphabetic) {
        return None;
    }
    let after = &par[end..];
    let agency = after.chars().take(60).collect::<String>();
    let dated = find_dates(&agency).first().is_some_and(|m| m.span.start < 4);
    let marked = agency.starts_with('—')
        || agency.starts_with('–')
        || agency.starts_with('(')
        || agency.contains("/ ")
        || agency.contains('/');
    (dated || marked).then(|| place.to_string())
}

/// Strips a site suffix from a title: ` | Outlet`, ` — RT World News`,
/// ` - The Times of Israel`. A segment is a suffix when it names a
/// registry outlet or domain, or is a short name after a pipe. A date
/// printed before or after the headline goes too.
pub fn strip_site_suffix(title: &str, registry: &Registry) -> String {
    strip_suffix_with(title, registry, false)
}

/// Strips only the suffixes that name a site for sure (a registry outlet, a
/// domain, a word such as `News` or `Blog`), not short words after a dash.
fn strip_known_site_suffix(title: &str, registry: &Registry) -> String {
    strip_suffix_with(title, registry, true)
}

/// Separators between a headline and a site suffix.
const SUFFIX_SEPARATORS: &[&str] = &[" | ", " — ", " – ", " - ", " :: ", " « ", " » ", " l "];

/// Whether a title segment names a site for sure: a registry outlet, a
/// domain, or a word such as `News`, `Magazine` or `Blog`.
fn names_a_site(segment: &str, registry: &Registry) -> bool {
    let seg_key = key(segment);
    let words = segment.split_whitespace().count();
    let known = registry.resolve_name(segment).is_some()
        || registry.outlets.iter().any(|o| {
            // Whole words: "RT" names a site, "reporting" does not.
            let n = key(&o.name);
            !n.is_empty() && format!(" {seg_key} ").contains(&format!(" {n} ")) && words <= 6
        });
    known
        || segment.contains(".com")
        || segment.contains(".org")
        || segment.contains(".net")
        || segment.contains(".co")
        // A domain naming the site, not one a headline mentions
        // ("Snow maps on harbour.ch").
        || segment.split_whitespace().next().is_some_and(is_domain)
        || (words <= 3 && segment.split_whitespace().any(is_domain))
        || [
            "news",
            "times",
            "post",
            "journal",
            "tribune",
            "herald",
            "daily",
            "magazine",
            "blog",
            "guardian",
            "telegraph",
            "gazette",
            "online",
            "radio",
            "tv",
            "press",
            "agency",
            "world",
            // German, French, Spanish, Italian and Finnish newspaper words.
            "zeitung",
            "nachrichten",
            "magazin",
            "tagblatt",
            "anzeiger",
            "kurier",
            "rundschau",
            "noticias",
            "notizie",
            "uutiset",
        ]
        .iter()
        .any(|w| seg_key.split(' ').any(|t| t == *w))
}

/// Generic top-level domains seen in site names besides the two-letter
/// country codes.
const GENERIC_TLDS: &[&str] =
    &["com", "org", "net", "info", "biz", "eu", "online", "news", "blog", "media", "site", "shop", "app", "gov", "edu"];

/// Whether a word is a domain name (`gizmeo.eu`, `MDR.DE`,
/// `(www.harbour-news.de)`): labels of two characters or more before a
/// country code or a generic top-level domain, in one case (`D.O.Ca.`
/// and `ID.Buzz` are not domains).
fn is_domain(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    let Some((name, tld)) = w.rsplit_once('.') else {
        return false;
    };
    let one_case = tld.chars().all(|c| c.is_ascii_lowercase()) || tld.chars().all(|c| c.is_ascii_uppercase());
    let tld_lower = tld.to_ascii_lowercase();
    one_case
        && (tld.len() == 2 || GENERIC_TLDS.contains(&tld_lower.as_str()))
        && name.split('.').all(|l| l.chars().count() >= 2 && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
}

/// A site name followed by the site's tagline or section
/// (`Headline - My Daily Magazine - Art, Design, DIY`): the title up to the
/// first separator whose next segment names a site, when more segments
/// follow.
fn strip_site_and_tagline(title: &str, registry: &Registry) -> Option<String> {
    let parts = title_parts(title, SUFFIX_SEPARATORS);
    let words = |(a, b): (usize, usize)| title.get(a..b).map_or(0, |p| p.split_whitespace().count());
    // Cut after part `n` when two parts or more follow it.
    (0..parts.len().saturating_sub(2)).find_map(|n| {
        let head = title.get(..parts[n].1)?.trim();
        let head_words = head.split_whitespace().count();
        let (seg_from, seg_to) = parts[n + 1];
        let segment = title.get(seg_from..seg_to)?;
        let rest = title.get(seg_from..)?;
        // The headline is the longest part (`Blog - Blog Archive - Post`
        // names the site first).
        (head_words >= 2
            && parts[n + 1..].iter().all(|&p| words(p) < head_words)
            && segment.split_whitespace().count() <= 6
            && rest.split_whitespace().count() <= 16
            && names_a_site(segment.trim(), registry))
        .then(|| head.to_string())
    })
}

/// A part of a page title that is only a date (`31.10.2023, 10.19 Uhr`,
/// `21 juin 2018`): a dated expression and at most two words besides.
fn is_date_part(part: &str) -> bool {
    find_dates(part).iter().any(|m| {
        let rest = format!("{} {}", part.get(..m.span.start).unwrap_or(""), part.get(m.span.end..).unwrap_or(""));
        m.year.is_some() && rest.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).count() <= 2
    })
}

/// A page title without a date printed before or after it
/// (`23.01.2022 - Headline - Site`, `Headline : 31.10.2023, 10.19 Uhr`).
fn strip_date_parts(title: &str) -> &str {
    let parts = title_parts(title, TITLE_SEPARATORS);
    let (mut from, mut to) = (0, parts.len());
    let part = |i: usize| title.get(parts[i].0..parts[i].1).unwrap_or("");
    if to >= 2 && is_date_part(part(0)) {
        from = 1;
    }
    if to - from >= 2 && is_date_part(part(to - 1)) {
        to -= 1;
    }
    title.get(parts[from].0..parts[to - 1].1).map_or(title, str::trim)
}

fn strip_suffix_with(title: &str, registry: &Registry, known_only: bool) -> String {
    let title = strip_date_parts(title.trim());
    // A CJK title joins its site name without spaces: the headline is
    // its part with the most CJK characters (`标题-新华网`, `NEWS|見出し`).
    if !cjk_cuts(title).is_empty() {
        if let Some(p) = title_parts(title, SUFFIX_SEPARATORS)
            .iter()
            .filter_map(|&(a, b)| title.get(a..b))
            .max_by_key(|p| (p.chars().filter(|&c| is_cjk(c)).count(), p.chars().count()))
        {
            return p.trim().to_string();
        }
    }
    if let Some(t) = strip_site_and_tagline(title, registry) {
        return t;
    }
    let mut t = title.to_string();
    for round in 0..2 {
        let Some((i, sep)) =
            SUFFIX_SEPARATORS.iter().filter_map(|s| t.rfind(s).map(|i| (i, *s))).max_by_key(|(i, _)| *i)
        else {
            break;
        };
        let head = t[..i].trim();
        let tail = t[i + sep.len()..].trim();
        let words = tail.split_whitespace().count();
        let site = names_a_site(tail, registry);
        let pipe_short = sep.trim() == "|" && words <= 6;
        let head_words = head.split_whitespace().count();
        // A short tail after a dash is a site name when the head is longer.
        // (A tail going on in lower case, "— and himself", is the headline's.)
        let capital = tail.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        let short_tail = round == 0 && capital && words <= 5 && head_words >= 2 && words < head_words;
        let weak = !known_only && (pipe_short || short_tail);
        if head_words >= 2 && words <= 8 && (site || weak) {
            t = head.to_string();
        } else {
            break;
        }
    }
    t
}

/// Parses front matter (`---` / `key: value` lines / `---`) at the top of a
/// text. Returns the hints and the remaining text.
pub fn front_matter(text: &str) -> (Hints, &str) {
    let mut hints = Hints::default();
    let trimmed = text.trim_start_matches('\u{feff}');
    let Some(rest) = trimmed.strip_prefix("---\n").or_else(|| trimmed.strip_prefix("---\r\n")) else {
        return (hints, text);
    };
    let Some(end) = rest.find("\n---") else {
        return (hints, text);
    };
    for line in rest[..end].lines() {
        if let Some((k, v)) = line.split_once(':') {
            let v = v.trim().trim_matches('"').to_string();
            if v.is_empty() {
                continue;
            }
            match k.trim().to_lowercase().as_str() {
                "title" => hints.title = Some(v),
                "outlet" | "source" | "media" | "publisher" => hints.outlet = Some(v),
                "date" | "published" | "publish_date" => hints.date = Some(v),
                "author" | "authors" | "byline" => hints.author = Some(v),
                "url" | "link" => hints.url = Some(v),
                _ => {}
            }
        }
    }
    let after = &rest[end + 4..];
    (hints, after.trim_start_matches(['\r', '\n']))
}

/// Words after which a sentence always goes on.
const CONTINUING_WORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "with", "that", "by", "at", "from", "as", "is",
    "are", "was", "were", "but", "which", "who", "their", "its", "his", "her", "this",
];

/// Joins prose hard-wrapped at a fixed width (mailing lists, plain-text
/// blogs, `<pre>` articles) back into paragraphs. A line (not the first,
/// which is the page title) goes on into the next when it ends without a
/// full stop and the next starts in lower case, or it is 25 characters or
/// more and ends with a comma or a word such as `the` or `and` (not
/// `Published by`) and the next has three words or more. A byline or a
/// date line never continues a line. Once a paragraph is being joined, a
/// line of 50 to 100 characters without a full stop goes on into the next
/// too (`... in the Smart and Sustainable` / `Automation Research Lab ...`).
fn unwrap_lines(lines: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    // Whether the last line went on from the one before, and the length
    // of the last physical line.
    let mut joining = false;
    let mut last_len = 0;
    for line in lines {
        let go_on = match out.last() {
            Some(prev) if out.len() > 1 && prev.len() < 20_000 => {
                let tail = prev.rsplit(' ').next().unwrap_or("").to_lowercase();
                prev.ends_with(|c: char| c.is_alphabetic() || c == ',')
                    && prev.contains(' ')
                    && line.contains(' ')
                    // A byline under a headline is not its continuation.
                    && !line.to_lowercase().starts_with("by ")
                    && !is_foreign_byline(&line)
                    && explicit_byline(&line).is_none()
                    && !is_date_line(&line)
                    && (line.starts_with(|c: char| c.is_lowercase())
                        || (line.split_whitespace().count() >= 3
                            && (((prev.ends_with(',') || CONTINUING_WORDS.contains(&tail.as_str())) && last_len >= 25)
                                || (joining && (50..=100).contains(&last_len)))))
            }
            _ => false,
        };
        last_len = line.chars().count();
        if let (true, Some(prev)) = (go_on, out.last_mut()) {
            prev.push(' ');
            prev.push_str(&line);
            joining = true;
        } else {
            out.push(line);
            joining = false;
        }
    }
    out
}

/// A byline in German, French, Spanish or Italian on a line of its own
/// (`von Jane Doe`, `par Jean Dupont, 21 juin`, `por Ana Ruiz`, `von jdoe
/// am`): the word for "by" and a few words without a full stop. It goes
/// under a headline and never continues it (`Headline` / `von Jane Doe`
/// is not `Headline von Jane Doe`).
fn is_foreign_byline(line: &str) -> bool {
    ["von ", "par ", "por ", "di "].iter().any(|by| {
        line.strip_prefix(by).is_some_and(|rest| {
            rest.split_whitespace().count() <= 6 && line.chars().count() <= 60 && !ends_sentence(rest)
        })
    })
}

/// Splits a huge single line into paragraphs of about five sentences.
fn split_long_line(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut sentences = 0;
    for word in line.split_whitespace() {
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
        if ends_sentence(word) && word.chars().count() > 3 {
            sentences += 1;
            if sentences >= 5 || cur.len() > 1500 {
                out.push(std::mem::take(&mut cur));
                sentences = 0;
            }
        } else if cur.len() > 4000 {
            out.push(std::mem::take(&mut cur));
            sentences = 0;
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
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
    let mut lines: Vec<String> = Vec::new();
    for raw in text.lines() {
        let l = clean_line(raw);
        if l.is_empty() {
            continue;
        }
        if l.len() > 20_000 {
            warnings.push(format!("a single line of {} bytes was split into paragraphs at sentence ends", l.len()));
            lines.extend(split_long_line(&l));
        } else {
            lines.push(l);
        }
    }
    if lines.is_empty() {
        return Err("no text lines".into());
    }
    let mut lines = unwrap_lines(lines);
    // A page title wrapped onto a second line that starts with its
    // separator ("Site" / "| Headline") is one line.
    if lines.len() > 1
        && ["| ", "- ", "– ", "— ", ": "].iter().any(|s| lines[1].starts_with(s))
        && !ends_sentence(&lines[0])
        && explicit_byline(&lines[1]).is_none()
        && lines[0].chars().count() + lines[1].chars().count() <= 250
    {
        let second = lines.remove(1);
        lines[0] = format!("{} {second}", lines[0]);
    }
    let mut kinds: Vec<LineKind> = lines.iter().map(|l| classify(l, outlet)).collect();
    // A "Source: ..." or "Video: ..." line at the very top is a headline, not
    // a credit or a caption.
    let top = lines[0].to_lowercase();
    if (kinds[0] == LineKind::Caption || top.starts_with("source:") || top.starts_with("sources:"))
        && is_title_like(&lines[0])
    {
        kinds[0] = LineKind::Text;
    }
    for i in gallery_lines(&lines) {
        kinds[i] = LineKind::Junk;
    }
    // A label alone above a date line ("Release Date:", "Published:") is
    // part of the date, not text.
    for i in 0..lines.len().saturating_sub(1) {
        if kinds[i] == LineKind::Text
            && kinds[i + 1] == LineKind::DateLine
            && lines[i].ends_with(':')
            && lines[i].split_whitespace().count() <= 3
        {
            kinds[i] = LineKind::Junk;
        }
    }

    // Lines repeating the page title (the first title-like line) mark where
    // an article starts: a run of prose right after one is favoured.
    // The first text line may end with a period ("... State Dept.") and
    // still be the headline when it is short.
    // (Menu entries such as "Home" before it do not count.)
    let first_text = lines.iter().zip(&kinds).position(|(l, k)| {
        *k == LineKind::Text && !(l.chars().count() < 20 && l.split_whitespace().count() <= 3 && !ends_sentence(l))
    });
    // A short first line is the page title when the text prints it again
    // on a line of its own (the headline repeating the page title).
    let short_title = kinds[0] == LineKind::Text
        && (3..=60).contains(&lines[0].chars().count())
        && !lines[0].split_whitespace().all(|w| NOT_NAME_WORDS.contains(&w.to_lowercase().as_str()))
        && lines[1..].iter().take(400).any(|l| *l == lines[0]);
    // The first line is the page title even when it prints a date
    // (`Harbour plan approved : 31.10.2023, 10.19 Uhr`).
    let page_title = lines.iter().zip(&kinds).enumerate().position(|(i, (l, k))| {
        (*k == LineKind::Text || (i == 0 && *k == LineKind::DateLine))
            && ((i == 0 && short_title)
                // A CJK title has no spaces between its words.
                || (i == 0 && l.chars().filter(|&c| is_cjk(c)).count() >= 4 && l.chars().count() <= 150)
                || is_title_like(l)
                || (Some(i) == first_text
                    && (2..=25).contains(&l.split_whitespace().count())
                    && (10..=200).contains(&l.chars().count())))
    });
    let headlines: Vec<usize> = match page_title {
        Some(t0) => ((t0 + 1)..lines.len())
            .filter(|&i| kinds[i] == LineKind::Text && is_title_like(&lines[i]))
            .filter(|&i| headline_similarity(&lines[i], &lines[t0]).is_some())
            .collect(),
        None => vec![],
    };
    let (main_start, main_end) = main_block(&lines, &kinds, &headlines).unwrap_or((0, lines.len()));
    for i in inline_boxes(&lines, &kinds, main_start, main_end) {
        kinds[i] = LineKind::Junk;
    }

    // Title: the hint, else the line that prints a part of the page title
    // (the H1), else the headline nearest before the main text that looks
    // like the page title, else the page title minus its site suffix.
    let first_title = page_title;
    let (title_idx, title) = match &hints.title {
        // A given title is looked for in the text only to skip it there.
        Some(t) => {
            let tk = key(t);
            (lines.iter().take(main_start.max(12)).position(|l| key(l) == tk), strip_site_suffix(t, registry))
        }
        None => match first_title {
            Some(t0) => find_headline(&lines, &kinds, t0, (main_start, main_end), registry),
            None => return Err("no line looks like a title".into()),
        },
    };
    let title_raw = match (&hints.title, title_idx) {
        (Some(t), _) => t.clone(),
        (None, Some(i)) => lines[i].clone(),
        (None, None) => title.clone(),
    };
    let title_key = key(&title);
    let title_raw_key = key(&title_raw);
    let page_title_key = first_title.map(|i| key(&lines[i])).unwrap_or_default();
    let after_title = title_idx.map_or(0, |i| i + 1);
    // A long run of lines between the headline and the main text is site
    // furniture (menus, share bars): the body starts at the main text then.
    let start = if main_start > after_title + 6 { main_start } else { after_title };
    // A standfirst right below the headline (and its date line:
    // "Published:" / "24 October 2022" / standfirst) belongs to the article
    // even when the furniture after it moves the start down.
    let below = (after_title..start)
        .find(|&i| !matches!(kinds[i], LineKind::DateLine | LineKind::Junk))
        .unwrap_or(start)
        .min(after_title + 3);
    let standfirst = (start > after_title)
        .then(|| {
            (below..(below + 2).min(start)).find(|&i| {
                // Standfirsts often end without a full stop.
                let l = &lines[i];
                kinds[i] == LineKind::Text
                    && (is_prose(l) || (l.split_whitespace().count() >= 12 && l.chars().count() >= 80))
                    && !is_link_list(l)
                    && explicit_byline(l).is_none()
            })
        })
        .flatten();
    let head_lo = title_idx.unwrap_or(0).saturating_sub(12);

    // Tail: the end of the main text, or an earlier tail marker inside it
    // (a "Comments" link in the header above the text cuts nothing).
    let end = (start.max(main_start)..main_end.max(start))
        .find(|&i| kinds[i] == LineKind::TailMarker)
        .unwrap_or(main_end.max(start))
        .min(lines.len());

    // Date: date lines in the header (around the headline, before the main
    // text), else in the lines right after the article (above any comment
    // section); a "published" or "posted" line wins over others, an
    // "updated"/"modified" one loses.
    // The header reaches into the body up to its third paragraph of prose
    // (bylines and date lines often follow the standfirst and a caption).
    let header_end = (start..end)
        .filter(|&i| kinds[i] == LineKind::Text && is_prose(&lines[i]))
        .nth(2)
        .unwrap_or(end)
        .max(start.max(after_title) + 3);
    // A label for a date line stands on it or alone on the line before
    // ("Published:" / "22:00 GMT, 26 September 2020").
    let label = |i: usize| {
        let own = lines[i].to_lowercase();
        let prev = i
            .checked_sub(1)
            .map(|p| lines[p].to_lowercase())
            .filter(|p| p.chars().count() <= 24 && !p.bytes().any(|b| b.is_ascii_digit()))
            .unwrap_or_default();
        let has = |ks: &[&str]| ks.iter().any(|k| own.contains(k) || prev.contains(k));
        if has(PUBLISHED_WORDS) {
            0
        } else if has(UPDATED_WORDS) {
            2
        } else {
            1
        }
    };
    let dated = |i: usize| published_on_line(&lines[i]).map(|m| (i, m));
    // After the article, dates below a comment-section heading ("9
    // Comments", "Leave a Reply") are the comments' dates.
    let after_end = (end..lines.len().min(end + 25))
        .find(|&i| lines[i].chars().count() <= 120 && is_comments_heading(&key(&lines[i])))
        .unwrap_or(end + 25);
    let mut date_candidates: Vec<(usize, DateMatch)> = (0..lines.len())
        .filter(|&i| kinds[i] == LineKind::DateLine)
        .filter(|&i| (i >= head_lo && i < header_end) || (i >= end && i < after_end))
        .filter_map(dated)
        .collect();
    if !date_candidates.iter().any(|(i, _)| *i < header_end) {
        // No date line in the header: a date glued to the end of a header
        // line ("... its recovery?Monday, 6 January 2020") or ending it after
        // a byline ("Headline By Jane Doe Sep 13, 2017") is one that lost its
        // line break.
        date_candidates.extend(
            (head_lo..header_end.min(lines.len()))
                .filter(|&i| kinds[i] == LineKind::Text)
                .filter_map(|i| glued_trailing_date(&lines[i]).or_else(|| leading_date(&lines[i])).map(|m| (i, m))),
        );
    }
    if date_candidates.is_empty() {
        // A date line labelled as the publication date counts wherever it
        // stands (the main text may have been misplaced); so does one
        // labelled as the last change ("Aktualisiert: 30.12.2016"), when
        // nothing else dates the page, behind a "published" one.
        date_candidates =
            (0..lines.len()).filter(|&i| kinds[i] == LineKind::DateLine && label(i) != 1).filter_map(dated).collect();
    }
    // An "updated" line next to the headline beats an unlabelled date line
    // far from it (a teaser's date below a misplaced main text), but not an
    // unlabelled one next to the headline.
    let date_rank = |i: usize, m: &DateMatch| {
        let zone = usize::from(i >= end);
        let distance = i.abs_diff(title_idx.unwrap_or(0));
        // Near the headline: close to it and above the main text (a date
        // line after the text has started is a teaser's or an event's).
        let text_from = if main_start > title_idx.unwrap_or(0) { main_start } else { usize::MAX };
        let near = distance <= HEADLINE_NEAR && i < text_from;
        let tier = match (label(i), near) {
            (0, _) => 0,
            (1, true) => 1,
            (2, true) => 2,
            (1, false) => 3,
            _ => 4,
        };
        (zone, tier, distance, m.time.is_none())
    };
    let mut date = if let Some(d) = hints.date.as_deref() {
        match crate::date::parse_date_field(d) {
            Some((day, time)) => DateInfo::printed(Some(day), time, format!("given by the input: \"{d}\"")),
            None => {
                warnings.push(format!("date \"{d}\" given by the input is not a date"));
                DateInfo::unknown(format!("the input's date \"{d}\" is not a date"))
            }
        }
    } else if let Some((i, m)) = date_candidates.iter().min_by_key(|(i, m)| date_rank(*i, m)) {
        let (day, why) = match numeric_order(m, &lines, &kinds, *i, head_lo..end) {
            Some((day, why)) => (Some(day), format!(" ({why})")),
            None => (m.date(), String::new()),
        };
        DateInfo::printed(day, m.time, format!("date line {}: \"{}\"{why}", i + 1, &lines[*i][m.span.clone()]))
    } else {
        // Captions and credits right after the text belong to the article too.
        let tail = (end..lines.len()).find(|&i| kinds[i] == LineKind::TailMarker).unwrap_or(lines.len()).min(end + 8);
        // Else a date printed in the page title.
        infer_from_weekday(&lines[start.min(end)..tail]).or_else(|| title_date(&lines)).unwrap_or_else(|| {
            DateInfo::unknown(
                "no publication date printed (dates inside the text are events, not the publication date)",
            )
        })
    };
    if let Some(d) = date.date {
        if !(1990..=2100).contains(&d.year) {
            warnings.push(format!("impossible publication date {} ignored", d.iso()));
            date = DateInfo::unknown(format!("printed date {} is impossible", d.iso()));
        }
    }

    // Author: a byline in the header (before or after the headline, or on
    // the date line), else a name-only line after the headline, else a byline, bio or follow line at the end of the article
    // or a bio at its start.
    let mut common = lowercase_words(&lines);
    // Names a bio line introduces are names even when a word of them is
    // also a common noun ("Heiko Sauer" in a German text).
    for l in &lines {
        if let Some(n) = bio_author(l) {
            for w in n.split_whitespace() {
                common.remove(&w.to_lowercase());
            }
        }
    }
    let mut author = hints.author.clone();
    if author.is_none() {
        let header: Vec<usize> = (head_lo..header_end.min(lines.len()))
            .filter(|&i| Some(i) != title_idx && kinds[i] != LineKind::Junk)
            .collect();
        let t = title_idx.unwrap_or(0);
        author = header
            .iter()
            .find_map(|&i| names_after_marker(&lines, i).or_else(|| explicit_byline(&lines[i])))
            .or_else(|| {
                // A name alone on a line, nearest after the headline first.
                let mut near: Vec<usize> =
                    header.iter().copied().filter(|&i| i > t && i < start.max(t + 1) + 2).collect();
                near.sort_by_key(|&i| i.abs_diff(t));
                near.into_iter().find_map(|i| name_only(&lines[i]).filter(|n| plausible_name(n, &common)))
            })
            .or_else(|| {
                let edge: Vec<usize> = (end.saturating_sub(3)..(end + 12).min(lines.len()))
                    .chain(start..(start + 3).min(end))
                    .filter(|&i| kinds[i] != LineKind::Junk || bio_author(&lines[i]).is_some())
                    .collect();
                edge.iter().find_map(|&i| {
                    let l = trim_marks(&lines[i]);
                    names_after_marker(&lines, i)
                        .or_else(|| {
                            (i >= end)
                                .then(|| prefixed_byline(l).or_else(|| glued_by(l).and_then(leading_names)))
                                .flatten()
                        })
                        .or_else(|| bio_author(l).filter(|n| plausible_name(n, &common)))
                })
            });
    }

    // Body lines: text after the title, minus copies of the title, promos
    // and the headline after a promo marker; repeated lines kept once.
    let mut paragraphs: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut skip_next_headline = false;
    for i in standfirst.into_iter().chain(start..end) {
        let line = &lines[i];
        let kind = kinds[i];
        if kind == LineKind::PromoMarker {
            skip_next_headline = true;
            continue;
        }
        if kind != LineKind::Text {
            continue;
        }
        if std::mem::take(&mut skip_next_headline) && !ends_sentence(line) && line.chars().count() < 200 {
            continue;
        }
        // Copies of the headline (short lines only) and repeated lines go.
        if line.len() < 400 {
            let k = key(line);
            if k == title_key || k == title_raw_key || k == page_title_key {
                continue;
            }
        }
        if !seen.insert(line.to_lowercase()) {
            continue;
        }
        // Byline near the top.
        if paragraphs.len() <= 2 {
            if let Some(a) = byline(line).filter(|a| explicit_byline(line).is_some() || plausible_name(a, &common)) {
                if author.is_none() {
                    author = Some(a);
                }
                continue;
            }
        }
        paragraphs.push(line.clone());
    }
    // An author's bio or follow line closing the article is not article
    // text (the author it names is kept above).
    while paragraphs.len() > 1 && paragraphs.last().is_some_and(|p| bio_author(p).is_some()) {
        paragraphs.pop();
    }
    if paragraphs.is_empty() {
        return Err("no article text after the title".into());
    }
    let lead = paragraphs.remove(0);
    let dateline = dateline(&lead).or_else(|| paragraphs.first().and_then(|p| dateline(p)));
    let n = paragraphs.len();
    let body = paragraphs
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let words = p.split_whitespace().count();
            if i + 1 < n
                && words <= 9
                && p.chars().count() <= 80
                && !ends_sentence(&p)
                && p.chars().next().is_some_and(char::is_uppercase)
            {
                Block::Heading(p)
            } else {
                Block::Paragraph(p)
            }
        })
        .collect();
    Ok(Extracted { title, date, author, dateline, lead, body, warnings })
}

/// The lines of picture galleries and carousels: a short label repeated
/// eight times or more at a regular step (`UK news in pictures` / date /
/// caption / credit, fifty times), with everything between its first and
/// last copy. A gallery
/// inside an article is furniture that does not split the article.
fn gallery_lines(lines: &[String]) -> Vec<usize> {
    let mut at: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (i, l) in lines.iter().enumerate() {
        if l.chars().count() <= 60 && !l.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_punctuation()) {
            at.entry(l.as_str()).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for idx in at.values().filter(|v| v.len() >= 8) {
        // The step between copies: the same (3 to 6 lines: label, caption,
        // credit and more; an advertising label every other line is not a
        // gallery) for at least four in five of them.
        let steps: Vec<usize> = idx.windows(2).map(|w| w[1] - w[0]).collect();
        let mut counts = [0usize; 7];
        for &st in &steps {
            if let Some(c) = counts.get_mut(st) {
                *c += 1;
            }
        }
        let (step, n) = counts.iter().enumerate().skip(3).max_by_key(|(_, c)| **c).map_or((0, 0), |(st, c)| (st, *c));
        if n * 5 >= steps.len() * 4 {
            if let (Some(&a), Some(&b)) = (idx.first(), idx.last()) {
                out.extend(a..(b + step).min(lines.len()));
            }
        }
    }
    out
}

/// A paragraph of running text: long enough and ending like a sentence,
/// or very long.
fn is_prose(line: &str) -> bool {
    // A teaser cut short ("...") is a link to another story.
    if line.ends_with("...") || line.ends_with('…') || line.ends_with("[…]") {
        return false;
    }
    let n = line.chars().count();
    ((n >= 60 && ends_sentence(line)) || n >= 150) && !is_link_list(line)
}

/// A run of links flattened onto one line (`2022 / Apr2022 / Mar2022 /
/// ...`, `Home | News | Sport | ...`): many separators between parts of a
/// few words each.
fn is_link_list(line: &str) -> bool {
    let parts = 1 + [" / ", " | ", " · ", " • "].iter().map(|s| line.matches(s).count()).sum::<usize>();
    parts >= 6 && line.split_whitespace().count() <= parts * 4
}

/// The main text: the run of prose lines with the most characters, where a
/// run ends at a tail marker or after more than six menu-like lines (a few
/// words, no sentence) in a row; other short lines (code, short sentences)
/// count a quarter. The heading of a comment section after some prose ends
/// the search. Returns `[first prose line, last prose line + 1)`.
fn main_block(lines: &[String], kinds: &[LineKind], headlines: &[usize]) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize, usize)> = None;
    let mut cur: Option<(usize, usize, usize)> = None; // (start, end, score)
    let mut gap = 0;
    // A tail marker inside the article ("Related" box with a few
    // headlines): the run goes on when prose resumes within twelve lines
    // (five headlines with bylines, and a subheading).
    let mut boxed: Option<usize> = None;
    // A run that starts within 15 lines after a repeat of the page title,
    // or runs through one, counts triple. Only the first run after the
    // headline is its article: a later one within those 15 lines comes
    // after a break (share bar, "Related posts", author box) and is the
    // page's tail.
    let mut starts: Vec<usize> = Vec::new();
    let mut close = |cur: &mut Option<(usize, usize, usize)>, best: &mut Option<(usize, usize, usize)>| {
        if let Some(mut c) = cur.take() {
            let first_after = |h: usize| !starts.iter().any(|&s| h < s && s < c.0);
            if headlines.iter().any(|&h| h < c.1 && c.0 <= h + 15 && first_after(h)) {
                c.2 *= 3;
            }
            starts.push(c.0);
            if best.is_none_or(|b| c.2 > b.2) {
                *best = Some(c);
            }
        }
    };
    for (i, (line, kind)) in lines.iter().zip(kinds).enumerate() {
        match kind {
            // Everything after a comment section's heading is comments.
            LineKind::TailMarker if (cur.is_some() || best.is_some()) && is_comments_heading(&key(line)) => {
                close(&mut cur, &mut best);
                break;
            }
            // A second box heading in the box ("Read also:" / headline /
            // "Read also:") does not end it either.
            LineKind::TailMarker if cur.is_some() && is_promo_box(line) => {
                boxed.get_or_insert(i);
            }
            LineKind::TailMarker => {
                boxed = None;
                close(&mut cur, &mut best);
            }
            LineKind::Text if is_prose(line) => {
                gap = 0;
                boxed = None;
                let c = cur.get_or_insert((i, i + 1, 0));
                c.1 = i + 1;
                c.2 += line.chars().count();
            }
            LineKind::Text => {
                // Menu-like lines (a few words, no sentence, no code) end a
                // run faster than other short lines (code, short sentences).
                // Table cells and code (figures, lower-case words) are not
                // menu entries, which start with a capital.
                let words = line.split_whitespace().count();
                let code = line.contains(['=', '{', '}', ';', '(', '<', '$', '#', '_', '/']);
                let cell = line.chars().any(|c| c.is_ascii_digit()) || line.starts_with(char::is_lowercase);
                // Program code (assignments, braces, statements ending in
                // `;`, prompts) never ends a run: articles about code hold
                // long listings.
                let program = line.contains(['=', '{', '}', ';'])
                    || (line.starts_with('[') && line.ends_with(']') && !line.contains(' '))
                    || line.starts_with("...")
                    || line.starts_with(">>>")
                    || line.starts_with("$ ")
                    || line.starts_with("# ");
                gap += if program {
                    0
                } else if words <= 4 && !ends_sentence(line) && !code && !cell {
                    4
                } else {
                    1
                };
                if boxed.is_some_and(|b| i > b + 12) {
                    boxed = None;
                    close(&mut cur, &mut best);
                }
                if gap > 24 {
                    boxed = None;
                    close(&mut cur, &mut best);
                }
            }
            _ => {}
        }
    }
    close(&mut cur, &mut best);
    best.map(|(s, e, _)| (s, e))
}

/// A promo box heading that sites put inside articles (`Related`, `Most
/// Read`, `Recommended`), not one that ends them (tags, comments, author).
fn is_promo_box(line: &str) -> bool {
    matches!(
        key(line).as_str(),
        "related"
            | "related stories"
            | "related articles"
            | "related coverage"
            | "most read"
            | "popular"
            | "recommended"
            | "also read"
            | "read also"
            | "lesen sie auch"
            | "auch interessant"
            | "ahnliche artikel"
            | "lire aussi"
            | "a lire aussi"
            | "leggi anche"
    )
}

/// Lines of the boxes inside the main text (a tail marker and the lines up
/// to the next prose line), to drop from the body.
fn inline_boxes(lines: &[String], kinds: &[LineKind], from: usize, to: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        if kinds[i] == LineKind::TailMarker && is_promo_box(&lines[i]) {
            let resume = (i + 1..to).find(|&j| kinds[j] == LineKind::Text && is_prose(&lines[j])).unwrap_or(to);
            out.extend(i..resume);
            i = resume;
        } else {
            i += 1;
        }
    }
    out
}

/// Separators between the parts of a page title (`Headline | Site`,
/// `Blog name: Headline`).
const TITLE_SEPARATORS: &[&str] = &[" | ", " — ", " – ", " - ", " --", " :: ", " « ", " » ", " > ", ": "];

/// The byte ranges of the parts of a title between `separators`, in order
/// (a separator overlapping the one before it is not a cut).
fn title_parts(title: &str, separators: &[&str]) -> Vec<(usize, usize)> {
    let mut cuts: Vec<(usize, usize)> =
        separators.iter().flat_map(|s| title.match_indices(s).map(move |(i, _)| (i, i + s.len()))).collect();
    cuts.extend(cjk_cuts(title));
    cuts.sort_unstable();
    let mut parts: Vec<(usize, usize)> = Vec::new();
    let mut from = 0;
    for (a, b) in cuts {
        if a >= from {
            parts.push((from, a));
            from = b;
        }
    }
    parts.push((from, title.len()));
    parts
}

/// Whether a character is Chinese, Japanese or Korean script or
/// full-width punctuation.
fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xFF00..=0xFFEF)
}

/// The separators of a Chinese, Japanese or Korean page title, printed
/// without spaces (`标题-新华网`, `NEWS WEB|見出し`, `名前_百科`): a dash,
/// an underscore or a pipe next to a CJK character.
fn cjk_cuts(title: &str) -> Vec<(usize, usize)> {
    // Most titles have no CJK character: no list of characters to build.
    if !title.chars().any(is_cjk) {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = title.char_indices().collect();
    (0..chars.len())
        .filter(|&n| matches!(chars[n].1, '-' | '_' | '|' | '｜' | '—' | '–'))
        .filter(|&n| {
            let before = n.checked_sub(1).map(|m| chars[m].1);
            let after = chars.get(n + 1).map(|c| c.1);
            before.is_some_and(is_cjk) || after.is_some_and(is_cjk)
        })
        .map(|n| (chars[n].0, chars[n].0 + chars[n].1.len_utf8()))
        .collect()
}

/// The texts a headline line may print from a page title: every run of
/// consecutive parts between separators, with whether it starts with the
/// first part.
fn title_phrases(title: &str) -> Vec<(&str, bool)> {
    let parts = title_parts(title, TITLE_SEPARATORS);
    let mut phrases: Vec<(&str, bool)> = Vec::new();
    for i in 0..parts.len() {
        for j in i..parts.len() {
            if let Some(p) = title.get(parts[i].0..parts[j].1) {
                let p = p.trim();
                if !p.is_empty() && !phrases.iter().any(|(q, _)| *q == p) {
                    phrases.push((p, i == 0));
                }
            }
        }
    }
    phrases
}

/// The headline of a page whose page title is line `t0`: returns the line
/// index (when a line of the text prints it) and the title text.
///
/// 0. A wiki page name for a page title (`BeginnersGuide/Download`,
///    printed again alone in the menus): the title-like line among the
///    three right above the main text, when there is one.
/// 1. The line nearest before the main text (`main.0`, or its first line)
///    that prints a part of the page title minus its site suffix
///    (`Headline` of `Headline - Site`), else one that prints all of it
///    plus a suffix that names no site for sure
///    (`How to Grow a Lemon Tree | Step-by-Step Guide`). A one-word part
///    counts only when it starts the title or every other part is the
///    site's name, printed alone on two lines or more
///    (`A.Word.A.Day --maudlin`). When the line before prints
///    another part (a kicker, or the headline above a subtitle), the longer
///    line is the headline. A line going on after that part past a
///    separator, within three lines of it, is the whole H1 the page title
///    shortens (`Part 49` / `Part 49 – The Ferry`). A line ending with a
///    dash is a dateline (`Bergstadt -`), never the headline; a date
///    line printing a part after its date (`23.01.2022 - Headline`)
///    prints that part.
/// 2. Else the line before the text (or among its first lines) that goes
///    on after the page title minus its suffix past a separator
///    (`Lemon Cake: easy and quick!`), when what follows names no site;
///    else a part of four words or more printed after a kicker or a
///    breadcrumb glued to it without a separator (`Home News Headline`);
///    else the title-like line before the main text that shares most words
///    with the page title minus its suffix.
/// 3. Else the headline of the header above the main text
///    ([`header_headline`]): pages whose H1 differs from the page title.
/// 4. Else a line inside the main text printing a part of the title.
/// 5. Else the page title minus its site suffix.
fn find_headline(
    lines: &[String],
    kinds: &[LineKind],
    t0: usize,
    main: (usize, usize),
    registry: &Registry,
) -> (Option<usize>, String) {
    let raw = &lines[t0];
    let head = strip_site_suffix(raw, registry);
    let head_key = key(&head);
    let raw_key = key(raw);
    let known_head_key = key(&strip_known_site_suffix(raw, registry));
    let (main_start, main_end) = main;
    let parts: Vec<&str> =
        title_parts(raw, TITLE_SEPARATORS).into_iter().filter_map(|(a, b)| raw.get(a..b)).map(str::trim).collect();
    // Whether a text is printed alone on two lines or more (a site's
    // name in its logo and menus).
    let printed_alone = |p: &str| {
        let pk = key(p);
        !pk.is_empty() && lines.iter().filter(|l| key(l) == pk).take(2).count() == 2
    };
    // A wiki's page title is its page name ("BeginnersGuide/Download"),
    // which its menus print again on a line of its own: the heading right
    // above the text is the title.
    if parts.first().is_some_and(|p| is_page_name(p) && printed_alone(p)) {
        let above = (main_start.saturating_sub(3).max(t0 + 1)..main_start).rev().find(|&i| {
            kinds[i] == LineKind::Text
                && is_title_like(&lines[i])
                && !ends_sentence(&lines[i])
                && !is_page_name(&lines[i])
        });
        if let Some(i) = above {
            return (Some(i), lines[i].clone());
        }
    }
    // A one-word part is a headline when every other part is the site's
    // name: "A.Word.A.Day --maudlin".
    let beside_site_name = |p: &str| parts.len() >= 2 && parts.iter().filter(|q| **q != p).all(|q| printed_alone(q));
    // Parts of the stripped title first, then the stripped title plus a
    // suffix that names no site for sure.
    let phrases: Vec<(String, &str, bool)> = title_phrases(raw)
        .into_iter()
        .map(|(p, first)| (key(p), p, first))
        .filter(|(k, p, first)| k.len() >= 3 && (*first || k.contains(' ') || beside_site_name(p)))
        .collect();
    let tiers: [&dyn Fn(&str) -> bool; 2] =
        [&|k: &str| head_key.contains(k), &|k: &str| k.contains(head_key.as_str()) && known_head_key.contains(k)];
    let phrase_of = |i: usize, tier: &dyn Fn(&str) -> bool| -> Option<&str> {
        // A place name ending with a dash opens the text (`Bergstadt -`):
        // a dateline, not a headline.
        if lines[i].chars().count() > 300 || lines[i].ends_with(['-', '–', '—']) {
            return None;
        }
        // A headline printed after its date (`23.01.2022 - Headline`)
        // reads like a date line: the headline is the rest.
        let text = match kinds[i] {
            LineKind::Text => lines[i].as_str(),
            LineKind::DateLine => Some(strip_date_parts(&lines[i])).filter(|t| t.len() < lines[i].len())?,
            _ => return None,
        };
        let k = key(text);
        phrases.iter().find(|(pk, _, _)| *pk == k && tier(pk)).map(|(_, p, _)| *p)
    };
    // A shortened form of another part ("Product 15 for Mac" above "Run
    // Windows on Mac" for the title "Run Windows on Mac - Product 15
    // Virtual Machine for Mac"): three words or more, all of them words of
    // that part.
    let variant_of_part = |a: usize, p: &str, tier: &dyn Fn(&str) -> bool| -> Option<String> {
        let line = &lines[a];
        let k = key(line);
        let words: Vec<&str> = k.split(' ').collect();
        let fits = |q: &str| {
            let qk = key(q);
            let qw: std::collections::HashSet<&str> = qk.split(' ').collect();
            words.iter().all(|w| qw.contains(w))
        };
        (kinds[a] == LineKind::Text
            && is_title_like(line)
            && words.len() >= 3
            && phrases.iter().any(|(pk, q, _)| *q != p && tier(pk) && fits(q)))
        .then(|| line.clone())
    };
    // A kicker or a subtitle next to the headline prints another part of
    // the title, or a shortened form of one ("Open Progress" / "Why ...",
    // "Title" / "Subtitle"): the longer of the two lines is the headline.
    let longer_neighbour = |i: usize, p: &str, tier: &dyn Fn(&str) -> bool| -> (usize, String) {
        let prev = i.checked_sub(1).filter(|&a| a > t0);
        let other = prev.and_then(|a| {
            phrase_of(a, tier).map(str::to_string).or_else(|| variant_of_part(a, p, tier)).map(|q| (a, q))
        });
        match other {
            Some((a, q)) if q.chars().count() > p.chars().count() => (a, q),
            _ => (i, p.to_string()),
        }
    };
    // An entry of a menu (the page's own link among its neighbours: a
    // menu entry before it and three after it) is the headline only when
    // no headline stands in the dozen lines below it.
    let menu_entry = |i: usize| {
        let entry = |j: usize| {
            kinds[j] == LineKind::Junk
                || (kinds[j] == LineKind::Text && is_menu_like(&lines[j]) && !is_prose(&lines[j]))
        };
        i > t0 + 1 && i + 3 < main_start && is_menu_like(&lines[i]) && entry(i - 1) && (i + 1..=i + 3).all(entry)
    };
    // The headline may open the main text itself (a blog's description
    // was taken for the start of the text): the few lines before the
    // second paragraph of prose count too.
    let hi = (main_start + 1).min(lines.len());
    let head_hi = ((main_start + 1)..main_end.min(main_start + 7))
        .find(|&i| kinds[i] == LineKind::Text && is_prose(&lines[i]))
        .unwrap_or(main_end.min(main_start + 7))
        .max(hi)
        .min(lines.len());
    // An H1 going on after the page title's headline, past a separator
    // (`Lemon Cake` / `Lemon Cake: easy and quick!`, `Part 4` / `Part 4 –
    // The Ferry`): the page title shortens the H1.
    // `pk` is the folded key of the headline part.
    let extension_of = |j: usize, pk: &str| -> Option<String> {
        let line = &lines[j];
        // The rest is not a site name (`Headline | harbour.net`).
        let extends = || {
            title_parts(line, TITLE_SEPARATORS).windows(2).any(|w| {
                line.get(..w[0].1).is_some_and(|h| key(h) == pk)
                    && line.get(w[1].0..).is_some_and(|rest| !names_a_site(rest.trim(), registry))
            })
        };
        (kinds[j] == LineKind::Text
            && pk.contains(' ')
            && is_title_like(line)
            && line.chars().count() <= 200
            && !has_sentence_break(line)
            && extends())
        .then(|| line.clone())
    };
    let extended = |i: usize, p: &str| -> Option<(usize, String)> {
        let pk = key(p);
        (i.saturating_sub(3).max(t0 + 1)..(i + 4).min(head_hi)).find_map(|j| extension_of(j, &pk).map(|l| (j, l)))
    };
    let mut in_menu = None;
    for tier in tiers {
        let found = ((t0 + 1)..head_hi)
            .rev()
            .find_map(|i| phrase_of(i, tier).filter(|_| i < hi || is_title_like(&lines[i])).map(|p| (i, p)));
        if let Some((i, p)) = found {
            let (i, p) = longer_neighbour(i, p, tier);
            // A part of three words or fewer (a slide's caption, a section)
            // loses to the title's first part printed as a sentence-long
            // line a few lines above it.
            let first_part_above = || {
                (i.saturating_sub(6).max(t0 + 1)..i).rev().filter(|&j| kinds[j] == LineKind::Text).find_map(|j| {
                    let k = key(&lines[j]);
                    phrases
                        .iter()
                        .find(|(pk, q, first)| *first && *pk == k && q.split_whitespace().count() >= 5 && tier(pk))
                        .map(|(_, q, _)| (j, q.to_string()))
                })
            };
            let (i, p) = if p.split_whitespace().count() <= 3 { first_part_above() } else { None }.unwrap_or((i, p));
            if !menu_entry(i) {
                return extended(i, &p).map_or((Some(i), p), |(j, l)| (Some(j), l));
            }
            in_menu = Some((i, p));
            break;
        }
    }
    if in_menu.is_none() {
        if let Some((j, l)) = ((t0 + 1)..head_hi).rev().find_map(|j| extension_of(j, &head_key).map(|l| (j, l))) {
            return (Some(j), l);
        }
        // A kicker or a breadcrumb glued before the headline without a
        // separator (`Home News Harbour plan approved by the council`): a
        // line ending with a part of the title of four words or more,
        // after at most four words that are not a part of their own
        // (`"Quote": Headline` keeps its kicker). The shortest such part
        // is the headline.
        let glued = ((t0 + 1)..head_hi).rev().find_map(|j| {
            let line = &lines[j];
            if kinds[j] != LineKind::Text || line.chars().count() > 300 {
                return None;
            }
            let k = key(line);
            let first_part = title_parts(line, TITLE_SEPARATORS).first().and_then(|&(a, b)| line.get(a..b)).map(key);
            phrases
                .iter()
                .filter(|(pk, _, _)| pk.split(' ').count() >= 4 && head_key.contains(pk.as_str()))
                .filter(|(pk, _, _)| {
                    k.strip_suffix(pk.as_str()).and_then(|pre| pre.strip_suffix(' ')).is_some_and(|pre| {
                        (1..=4).contains(&pre.split(' ').count())
                            && first_part.as_ref().is_some_and(|f| f.starts_with(&format!("{pre} ")))
                    })
                })
                .min_by_key(|(pk, _, _)| pk.len())
                .map(|(_, p, _)| (j, p.to_string()))
        });
        if let Some((j, p)) = glued {
            return (Some(j), p);
        }
    }
    let lo = (t0 + 1).max(main_start.saturating_sub(40));
    let similar = (lo..main_start.max(lo))
        .rev()
        .filter(|&i| kinds[i] == LineKind::Text && is_title_like(&lines[i]) && !has_sentence_break(&lines[i]))
        .filter(|&i| {
            // Not the site name printed from the stripped suffix.
            let k = key(&lines[i]);
            !raw_key.contains(&k) || head_key.contains(&k)
        })
        .filter_map(|i| {
            // A contiguous part of the title beats a line sharing its words.
            let part = head_key.contains(&key(&lines[i]));
            headline_similarity(&lines[i], &head).map(|s| (s + f32::from(u8::from(part)), i))
        })
        .max_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let below_menu = |j: usize| in_menu.as_ref().is_none_or(|(i, _)| j > *i && j <= i + 12);
    if let Some((_, i)) = similar.filter(|&(_, i)| below_menu(i)) {
        // An H1 rarely names the site: only a sure site name goes, unless
        // the line copies the page title.
        let strip = if key(&lines[i]) == raw_key { strip_site_suffix } else { strip_known_site_suffix };
        return (Some(i), strip(&lines[i], registry));
    }
    if let Some(i) = header_headline(lines, kinds, t0, main_start).filter(|&i| below_menu(i)) {
        return (Some(i), lines[i].clone());
    }
    if let Some((i, p)) = in_menu {
        return (Some(i), p.to_string());
    }
    let inside = (hi..main_end.min(lines.len())).find_map(|i| phrase_of(i, tiers[0]).map(|p| (i, p)));
    if let Some((i, p)) = inside.filter(|(_, p)| p.contains(' ')) {
        return (Some(i), p.to_string());
    }
    // A headline with the text right below it is the article's own line
    // (a scraper's headline field, not a page title): only a sure site
    // name goes ("Truce holds - UN" keeps its source).
    if main_start <= t0 + 2 {
        return (Some(t0), strip_known_site_suffix(raw, registry));
    }
    (Some(t0), head)
}

/// A wiki page name used as a page title: one token joining words with
/// `/` or `_` or in CamelCase (`BeginnersGuide/Download`, `Main_Page`).
fn is_page_name(text: &str) -> bool {
    let camel = text.chars().zip(text.chars().skip(1)).any(|(a, b)| a.is_lowercase() && b.is_uppercase());
    text.chars().count() >= 3
        && !text.contains(char::is_whitespace)
        && text.chars().any(char::is_alphabetic)
        && (text.contains(['/', '_']) || camel)
}

/// Share and social buttons printed around an article's header.
const SHARE_BUTTONS: &[&str] = &[
    "share",
    "tweet",
    "pin",
    "email",
    "print",
    "facebook",
    "twitter",
    "whatsapp",
    "reddit",
    "linkedin",
    "flipboard",
    "pinterest",
    "copy link",
    "telegram",
    "messenger",
    "save",
];

/// A menu entry: a few words, no sentence, no byline.
fn is_menu_like(line: &str) -> bool {
    line.split_whitespace().count() <= 4 && !ends_sentence(line) && explicit_byline(line).is_none()
}

/// The headline of the header block right above the main text: walking up
/// from the main text over date lines, bylines, captions, standfirsts,
/// share buttons and a few short lines, up to the menu (three menu entries in a row), the
/// topmost headline-like line (title-like, five words or more, starting
/// with a capital, not ending like a statement or a quoted sentence, not a
/// breadcrumb trail, not a byline) is the H1. A walk that reaches the page
/// title line finds none: the page title heads the text itself.
fn header_headline(lines: &[String], kinds: &[LineKind], t0: usize, main_start: usize) -> Option<usize> {
    let mut menu_run = 0;
    let mut found = None;
    // Share bars and counters ("845 shares", "View", "comments") between
    // the header and the text are passed over until the first line of the
    // header (a date line, a byline, a caption, a standfirst) is reached.
    let mut in_header = false;
    let top = main_start.min(lines.len().saturating_sub(1));
    for (step, i) in (t0..=top).rev().take(30).enumerate() {
        if !in_header && step >= 12 {
            break;
        }
        if i == t0 {
            // No menu between the page title and the text: the page title
            // line is the headline of the header.
            return None;
        }
        let line = &lines[i];
        let words = line.split_whitespace().count();
        let crumbs = [" / ", " > ", " » ", " › "].iter().map(|s| line.matches(s).count()).sum::<usize>() >= 2;
        let capital = line.chars().find(|c| c.is_alphanumeric()).is_some_and(|c| c.is_uppercase() || c.is_numeric());
        let statement = line.trim_end_matches(['"', '”', '’', '»', ')', '\'']).ends_with(['.', ':', ';', ',']);
        // "... a follower of Jesus. In": prose wrapped mid-sentence.
        let wrapped = !line.ends_with(['?', '!']) && has_sentence_break(line);
        // A line whose next line goes on in lower case is wrapped prose.
        // A byline right below makes a shorter line the headline
        // (`Harbour Plan Approved` / `von Jane Doe`).
        let above_byline = lines.get(i + 1).is_some_and(|n| explicit_byline(n).is_some() || is_foreign_byline(n));
        let continued =
            !above_byline && lines.get(i + 1).and_then(|n| n.chars().next()).is_some_and(char::is_lowercase);
        let headline_like = kinds[i] == LineKind::Text
            && is_title_like(line)
            && capital
            && !statement
            && !wrapped
            && !continued
            && (words >= 5 || (above_byline && words >= 2))
            && !crumbs
            && explicit_byline(line).is_none()
            && name_only(line).is_none();
        if headline_like {
            found = Some(i);
            menu_run = 0;
            in_header = true;
            continue;
        }
        if i < top
            && (matches!(kinds[i], LineKind::DateLine | LineKind::Caption)
                || key(line) == "by"
                || explicit_byline(line).is_some()
                || is_foreign_byline(line)
                || (kinds[i] == LineKind::Text && !is_menu_like(line)))
        {
            in_header = true;
        }
        let menu = in_header
            && match kinds[i] {
                // Share buttons sit between the header and the text.
                LineKind::Text if SHARE_BUTTONS.contains(&key(line).as_str()) => false,
                LineKind::Text => is_menu_like(line),
                LineKind::TailMarker | LineKind::Junk | LineKind::PromoMarker => true,
                LineKind::DateLine | LineKind::Caption => false,
            };
        menu_run = if menu { menu_run + 1 } else { 0 };
        if menu_run >= 3 {
            break;
        }
    }
    found
}

/// Whether a line holds the end of a sentence before its end (`... the
/// author writes. Putting ...`): a full stop and a space after a word of
/// three letters or more ending in lower case (not `U.S. `, not `Dr. `).
fn has_sentence_break(line: &str) -> bool {
    line.match_indices(". ").any(|(at, _)| {
        let w = line[..at].rsplit(' ').next().unwrap_or("");
        w.chars().count() >= 3 && w.chars().all(char::is_alphabetic) && w.ends_with(char::is_lowercase)
    })
}

/// How much a line looks like the page title's headline: `Some(score)`
/// when it is equal, a part of it (the title minus a site name) or shares
/// most words with it; higher is closer.
fn headline_similarity(line: &str, page_title: &str) -> Option<f32> {
    let (a, b) = (key(line), key(page_title));
    if a.is_empty() {
        return None;
    }
    let wa: std::collections::HashSet<&str> = a.split(' ').collect();
    let wb: std::collections::HashSet<&str> = b.split(' ').collect();
    let common = wa.intersection(&wb).count();
    let score = 2.0 * common as f32 / (wa.len() + wb.len()) as f32;
    let part = (b.contains(&a) && a.len() >= 12) || (a.contains(&b) && b.len() >= 12);
    (a == b || part || (wa.len() >= 3 && common * 10 >= wa.len().max(wb.len()) * 6)).then_some(score)
}

/// A line without the separators scraped around a byline (`| By`,
/// `Cara Stiles |`, `• Jane Doe`).
fn trim_marks(line: &str) -> &str {
    line.trim_matches(|c: char| c.is_whitespace() || matches!(c, '|' | '•' | '·' | '-' | '–' | '—' | '/'))
}

/// The names after a `By` glued to them (`ByJane Doe`, `byJ.R. Stone`).
fn glued_by(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("By").or_else(|| line.strip_prefix("by"))?;
    rest.chars().next().is_some_and(char::is_uppercase).then_some(rest)
}

/// An explicit byline: `By Jane Doe`, `ByJane Doe`, `Author: Jane Doe`,
/// `Posted by Jane Doe`, or `by Jane Doe` inside a date line
/// (`Posted on Feb 8, 2020 by Jane Doe`).
fn explicit_byline(line: &str) -> Option<String> {
    let line = trim_marks(line);
    if line.chars().count() > 160 {
        return None;
    }
    if let Some(rest) = glued_by(line) {
        return leading_names(rest);
    }
    if let Some(names) = prefixed_byline(line) {
        return Some(names);
    }
    let lower = line.to_lowercase();
    let at = lower.find(" by ")?;
    leading_names(&line[at + 4..])
}

/// Byline prefixes (`By `, `Author: `, `Posted by `...).
const BYLINE_PREFIXES: &[&str] = &[
    "by ",
    "by: ",
    "author: ",
    "authors: ",
    "written by ",
    "words by ",
    "posted by ",
    "published by ",
    "reported by ",
    "автор: ",
    "autor: ",
    "autorin: ",
];

/// Names after a byline prefix at the start of a line.
fn prefixed_byline(line: &str) -> Option<String> {
    let lower = line.to_lowercase();
    let p = BYLINE_PREFIXES.iter().find(|p| lower.starts_with(*p))?;
    // The prefix is ASCII or Cyrillic: its lower-case form has the same
    // length in bytes as the original.
    line.get(p.len()..).and_then(leading_names)
}

/// A byline marker alone on its line (`By`, `Posted by`, `Author:`): the
/// names follow on the next lines, several joined by lines holding only
/// `and`, `&` or a comma.
fn names_after_marker(lines: &[String], i: usize) -> Option<String> {
    let marker = trim_marks(&lines[i]).to_lowercase();
    let marker = marker.trim_end_matches(':');
    if !["by", "von", "author", "authors", "autor", "written by", "posted by", "published by", "words by"]
        .contains(&marker)
    {
        return None;
    }
    let mut names = vec![leading_names(trim_marks(lines.get(i + 1)?))?];
    let mut j = i + 2;
    while let (Some(c), Some(next)) = (lines.get(j), lines.get(j + 1)) {
        if !matches!(trim_marks(c), "and" | "&" | "," | "und" | "et" | "") {
            break;
        }
        match leading_names(trim_marks(next)) {
            Some(n) => names.push(n),
            None => break,
        }
        j += 2;
    }
    Some(names.join(", "))
}

/// Words describing a writer in an author's bio.
const BIO_ROLES: &[&str] = &[
    "fellow",
    "columnist",
    "author",
    "writer",
    "editor",
    "correspondent",
    "reporter",
    "professor",
    "analyst",
    "contributor",
    "contributing",
    "journalist",
    "historian",
    "codirector",
    "co-director",
    "blogger",
    "founder",
    "co-founder",
    "consultant",
    "producer",
    "researcher",
    "lecturer",
    "scientist",
];

/// The author named by a bio or follow line at the edge of an article:
/// `Jane Doe is a senior fellow at ...`, `Jane Doe, a former judge, is the
/// senior analyst ...`, `Follow Jane Doe on Twitter`, `Contact Jane Doe at
/// jane@example.org`.
fn bio_author(line: &str) -> Option<String> {
    let line = trim_marks(line);
    if line.chars().count() > 700 {
        return None;
    }
    if let Some(rest) = line.strip_prefix("Follow ") {
        let on = rest.find(" on ")?;
        let social = ["twitter", "facebook", "instagram", "linkedin", "threads", "mastodon"];
        // Lower-case only the part after " on ": lower-casing may change
        // byte lengths, so no offset is carried across it.
        let network = rest.get(on..)?.to_lowercase();
        return social.iter().any(|s| network.contains(s)).then(|| leading_names(&rest[..on])).flatten();
    }
    // "Contact Jane Doe at jane@example.org or on Twitter".
    if let Some(rest) = line.strip_prefix("Contact ") {
        let at = rest.find(" at ").or_else(|| rest.find(" on "))?;
        return leading_names(&rest[..at]).filter(|n| !n.contains(", "));
    }
    let names = leading_names(line)?;
    if names.contains(", ") {
        return None;
    }
    // The names as printed (leading_names rebuilds them with single spaces).
    let printed = names.split_whitespace().count();
    let after: String = line.split_whitespace().skip(printed).collect::<Vec<_>>().join(" ").to_lowercase();
    let after = after.trim_start_matches([',', ' ']);
    let opens = ["is ", "was ", "a ", "an ", "the ", "who ", "has been "].iter().any(|o| after.starts_with(o));
    let sentence = after.split(". ").next().unwrap_or(after);
    let role = sentence.split(|c: char| !c.is_alphanumeric() && c != '-').any(|w| BIO_ROLES.contains(&w));
    // "Jane Doe writes about ...", "Jane Doe covers ...".
    let beat = ["writes about ", "writes on ", "covers ", "reports on "].iter().any(|o| after.starts_with(o));
    ((opens && role) || beat).then_some(names)
}

/// Words a text prints in lower case somewhere (common nouns): a
/// name-only line whose last word is one of them (`Recent Posts`,
/// `Example Data`) is a heading or a button, not a person.
fn lowercase_words(lines: &[String]) -> std::collections::HashSet<String> {
    lines
        .iter()
        .flat_map(|l| l.split(|c: char| !c.is_alphabetic()))
        .filter(|w| w.chars().count() >= 3 && w.chars().next().is_some_and(char::is_lowercase))
        .map(str::to_string)
        .collect()
}

/// Whether a name found on a line of its own (no `By`) can be a person's:
/// it does not start with an article and its last word is not a common
/// noun of the text.
fn plausible_name(name: &str, common: &std::collections::HashSet<String>) -> bool {
    let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    !words.first().is_some_and(|w| matches!(w.as_str(), "the" | "a" | "an"))
        && !words.last().is_some_and(|w| common.contains(w))
}

/// Day from a weekday printed with a day and month but no year
/// (`on Monday (11 January)`); the year is the unique one in
/// `latest..=latest+1` (latest = the latest year the text mentions) that
/// gives that weekday.
fn infer_from_weekday(lines: &[String]) -> Option<DateInfo> {
    let years: Vec<i32> = lines.iter().flat_map(|l| mentioned_years(l)).collect();
    let latest = *years.iter().max()?;
    for (i, line) in lines.iter().enumerate() {
        for m in find_dates(line) {
            if let (None, Some(wd)) = (m.year, m.weekday) {
                if let Some(y) = infer_year(m.month, m.day, wd, latest, latest + 1) {
                    return Some(DateInfo {
                        date: crate::model::Date::new(y, m.month, m.day),
                        time: None,
                        precision: DatePrecision::YearInferred,
                        source: format!(
                            "line {}: \"{}\"; year {y} inferred from the weekday and the latest year the text mentions ({latest})",
                            i + 1,
                            quoted_span(line, m.span.clone())
                        ),
                    });
                }
            }
        }
    }
    None
}

/// The text of a span, with a closing parenthesis the span left open.
fn quoted_span(line: &str, span: std::ops::Range<usize>) -> &str {
    let text = &line[span.clone()];
    if text.contains('(') && !text.contains(')') && line[span.end..].starts_with(')') {
        &line[span.start..span.end + 1]
    } else {
        text
    }
}

/// Four-digit years 1990..=2100 standing as words in a line.
fn mentioned_years(line: &str) -> Vec<i32> {
    line.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<i32>().ok())
        .filter(|y| (1990..=2100).contains(y))
        .collect()
}

/// Folded key of a line, exposed for tests of boilerplate removal.
pub fn line_key(line: &str) -> String {
    let folded = fold(line);
    folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_table() {
        let cases = [
            ("icon bookmark-bicon bookmarkicon cameraicon checkicon chevron downicon", LineKind::Junk),
            ("İçeriğe geçmek için \"Enter\"a basın", LineKind::Junk),
            ("Skip to main content", LineKind::Junk),
            ("0:00", LineKind::Junk),
            ("------------------", LineKind::Junk),
            ("Like this story? Share it with a friend!", LineKind::Junk),
            ("Also on rt.com Russia will intervene on Yerevan’s side", LineKind::Junk),
            ("RELATED:", LineKind::PromoMarker),
            ("Related articles", LineKind::TailMarker),
            ("Editor's choice", LineKind::TailMarker),
            ("Yorumlar kapatıldı.", LineKind::TailMarker),
            ("Photo: President Putin of Russia on Monday", LineKind::Caption),
            ("Presidents Ilham Aliyev (L) and Vladimir Putin (R). Photo: X/ @AlphaNewsAM", LineKind::Caption),
            ("11 Jan, 2021 16:16", LineKind::DateLine),
            ("Russian Politics & Diplomacy October 05, 2023, 21:49", LineKind::DateLine),
            ("teleSUR/ JF Source: EFE – El Salto", LineKind::Junk),
            ("Source: commonspace.eu with the press service of the President of Russia", LineKind::Junk),
            ("Karabakh situation", LineKind::Text),
            ("5 thoughts on “JSON parsing: simdjson vs. JSON for Modern C++”", LineKind::TailMarker),
            ("12 Comments", LineKind::TailMarker),
            ("One response to \"Harbour plan\"", LineKind::TailMarker),
            ("Leave a Reply Cancel reply", LineKind::TailMarker),
            ("5 things to know about the harbour plan", LineKind::Text),
            ("The two countries signed a Russian-brokered agreement in November 2020 to end the fighting and work toward a comprehensive resolution.", LineKind::Text),
        ];
        for (line, want) in cases {
            assert_eq!(classify(line, None), want, "line {line:?}");
        }
    }

    #[test]
    fn site_suffixes_are_stripped() {
        let reg = Registry::from_toml("[[outlet]]\nkey='rt'\nname='RT'\ndomains=['rt.com']\n").expect("valid");
        let cases = [
            ("Israel strikes back | The Times of Israel", "Israel strikes back"),
            ("Putin meets Aliyev in Sochi — RT World News", "Putin meets Aliyev in Sochi"),
            ("Putin meets Aliyev in Sochi - RT", "Putin meets Aliyev in Sochi"),
            ("Armenia - Azerbaijan talks stall", "Armenia - Azerbaijan talks stall"),
            ("Ceasefire holds | World", "Ceasefire holds"),
            ("Ceasefire - Holds", "Ceasefire - Holds"),
            ("Why the ceasefire holds | Opinion | Example", "Why the ceasefire holds"),
            ("Trump mocks media — and himself", "Trump mocks media — and himself"),
            ("What the new indictments mean — and don’t mean", "What the new indictments mean — and don’t mean"),
        ];
        for (input, want) in cases {
            assert_eq!(strip_site_suffix(input, &reg), want, "title {input:?}");
        }
    }

    #[test]
    fn bylines_and_datelines() {
        assert_eq!(byline("By Jane Doe, Reuters"), Some("Jane Doe".into()));
        assert_eq!(byline("Elena Teslova"), Some("Elena Teslova".into()));
        assert_eq!(byline("Karabakh situation"), None);
        assert_eq!(byline("Liberation of Karabakh"), None);
        assert_eq!(dateline("SOCHI, October 5. /TASS/. Russian President"), Some("SOCHI".into()));
        assert_eq!(dateline("MOSCOW (Reuters) - Russia said"), Some("MOSCOW".into()));
        assert_eq!(dateline("NATO, the alliance, said"), None);
    }

    #[test]
    fn front_matter_overrides() {
        let (h, rest) = front_matter("---\noutlet: RT\ndate: 2021-01-11\n---\nTitle here\n");
        assert_eq!(h.outlet.as_deref(), Some("RT"));
        assert_eq!(h.date.as_deref(), Some("2021-01-11"));
        assert_eq!(rest, "Title here\n");
    }
}
