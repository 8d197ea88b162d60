//! Metadata against the visible text: which title, date and author an HTML
//! article gets, where each came from, and the value not taken.
//!
//! The text extractor reads the page's visible text (the `printed`
//! values: the headline line, a date line of the header, a byline); the
//! page's metadata ([`super::meta`]) says what the page claims about
//! itself. Values given by the input itself (a column of a record) win
//! over both. Otherwise, per field:
//!
//! * **Title.** A printed `<h1>` that shares at least half its words with
//!   a metadata title (JSON-LD headline, `og:title`, `twitter:title`,
//!   `<title>` without its site suffix; the page's own `og:site_name`
//!   is taken off first, before or after the headline: on the tuning
//!   halves +1 trafilatura_other title, checking +1, none lost) is the
//!   title: metadata titles are
//!   often SEO variants of the printed headline ("... | Site", a longer
//!   or keyword-stuffed wording), kept as an alternative when they differ.
//!   Else the headline the text extractor found, when it shares half its
//!   words with a metadata title. A chosen headline that is a metadata
//!   title followed by a separator and more gives way to that metadata
//!   title (the page's own metadata says where its headline ends): a
//!   printed headline of the text passes (the `<title>` line) after any
//!   separator (`Headline | Site`, `Headline – Site`, `Headline / Dec
//!   2025`), an `<h1>` only
//!   after ` | ` (`Headline | Opinion`) or before the site's own name: a
//!   dash in a printed `<h1>` starts a subtitle that is part of the
//!   headline (`Headline – Until Now`; on the tuning halves cutting there
//!   lost 5 titles for 2). An `<h1>` made of two elements of its own
//!   (`<h1><span>Kicker</span><span>Headline</span></h1>`) gives the part
//!   a metadata title names, else drops a kicker the page joins to the
//!   headline with a separator ([`headline_part`]; on the tuning halves
//!   +4 trafilatura_other titles for 1 lost, WCXB unchanged). A kicker
//!   cut from the `<h1>`'s front must be shown apart from the headline
//!   (a separator, `/` too, or an element of its own): `The Best X` is
//!   not the kicker `The` before the metadata title `Best X`.
//!   Else a metadata title (two words or more) that the page prints on
//!   a line of its own below the `<title>` line, when the text passes'
//!   headline is another line (a section name above an `<h2>` headline:
//!   on the tuning halves +2 trafilatura_other titles, none lost).
//!   Else the text passes' headline printed below the `<title>` line,
//!   when a metadata title names it. Else the page's one `<h1>` that no
//!   metadata title words alike (shown in the text, no
//!   link, not the site name, no JSON-LD headline): metadata titles are
//!   often a rewording for search engines (on the tuning halves +9 WCXB,
//!   +4 trafilatura_other, +2 trafilatura_eval titles; checking halves
//!   +9, +11, +1). Else the
//!   most trusted metadata title (the printed candidate kept as an
//!   alternative); else the printed headline. A plain `<h1>` or printed
//!   headline so chosen that a metadata title prints after a spaced colon
//!   behind a longer first part (`Headline : Blog name | Tagline`) is the
//!   site's name: that first part is the headline ([`site_name_chosen`]).
//! * **Publication date.** The printed date (a date line of the header)
//!   and the metadata date (JSON-LD `datePublished`, then `<meta>` tags,
//!   `itemprop`, `<time>`) *agree* when at most [`DATE_SLACK_DAYS`] apart
//!   (a UTC timestamp can fall on the next day): the printed day is kept,
//!   with the metadata's time when the printed line has none (taking the
//!   metadata's day instead lost right days on five of the six halves);
//!   a metadata timestamp with an offset gives its own local day, not the
//!   UTC day (converting to UTC lost right days on four of the six
//!   halves: the labels follow the page's local day); an
//!   all-numeric printed date (`04/02/2020`) whose day and month, swapped,
//!   give the metadata date is read the metadata's way, and one whose
//!   swapped reading is the date in the page's own URL (`03/10/2023` on
//!   `/2023/october/03/`) is read the URL's way, metadata or not (on the
//!   tuning halves: +1 WCXB day, nothing lost). When they
//!   disagree:
//!   - a printed date *later* than the metadata's publication date, on a
//!     page whose metadata also gives a modification date, is an update
//!     line or another date shown on the page (today's date in the top
//!     bar): the metadata's publication date wins. On the tuning halves
//!     of the three HTML dev sets the metadata date was the labelled one
//!     in 33 such pages, the printed one in 18;
//!   - a date found only in an element named as a date (below) that is
//!     not the day a [`STRUCTURED_PUBLISHED`] source states (JSON-LD
//!     `datePublished`, `article:published_time`, `itemprop
//!     datePublished`) is another date the page shows (a list of
//!     stories, an archive box): the statement wins. On the tuning halves
//!     such element dates were the labelled day in 3 pages, the stated
//!     one in 7 (a generic `<meta name=date>` or `<time>` states nothing
//!     and does not overrule them);
//!   - a printed date on the `<title>` line (the subject of the story:
//!     `Minutes of the meeting of 10 October 2019`) loses to a
//!     [`STRUCTURED_PUBLISHED`] date, as a date the text passes find only
//!     in the page title does (on the tuning halves: +1 trafilatura_other
//!     day, nothing lost);
//!   - otherwise the **printed date wins** (the page shows its readers
//!     that date; the metadata may be stale or a template's).
//!
//!   A metadata or date-element value outside
//!   [`crate::date::PUBLICATION_YEARS`] is never a candidate: it is a
//!   placeholder (the Unix epoch, `1970-01-01T01:00:00+01:00`, written for
//!   a date never set), said in a warning and kept as an alternative.
//!
//!   The value not taken is kept as an alternative. A page that prints no
//!   date gets the metadata date (about a quarter of news pages print
//!   none), unless that date comes from a source that does not say what
//!   it dates ([`GENERIC_DATES`]: a `<time>`, `<meta name=date>`) and is
//!   the page's modification day: that is its last change, and the page
//!   gets no date (on the tuning halves: 1 wrong date fewer, nothing
//!   lost); a page with neither gets a date in its own URL
//!   (`/2025/12/15/`, `2025-12-15-headline`: the canonical URL, `og:url`),
//!   set when it was published. Dates printed in elements named as dates (`<span
//!   class="post-date">`) count as printed when the text passes found no
//!   date line, unless the element is in a box of other stories
//!   (`<aside>`, `<nav>`, a `related` or `teaser` class: see
//!   [`super::meta`]).
//! * **Author.** The printed byline wins; a metadata author naming other
//!   people is kept as an alternative. A name alone on a line (no `By`)
//!   or a bio line is only a guess from how the line looks, and a
//!   metadata author wins over it (the guess is kept as an alternative).
//!   Without either, the metadata author (not when it only names the
//!   site or publisher).

use super::meta::{parse_date, Found, PageMeta};
use crate::date::PUBLICATION_YEARS;
use crate::ingest::registry::Registry;
use crate::ingest::text::{strip_known_site_suffix, strip_site_suffix, AuthorFrom, Extracted};
use crate::model::{Alternative, Date, DateInfo, Time};
use crate::text::terms;

/// Metadata sources that state the publication date as such (not a
/// generic `<meta name=date>` or `<time>`, which may be any date).
const STRUCTURED_PUBLISHED: &[&str] = &[
    "json-ld datePublished",
    "meta article:published_time",
    "meta og:article:published_time",
    "itemprop datePublished",
];

/// Metadata sources of a date that do not say what it dates: a page's
/// `<time>` or `<meta name=date>` may be its last change.
const GENERIC_DATES: &[&str] = &["<time>", "meta date", "meta dc.date", "meta dcterms.date"];

/// Days a printed and a metadata date may differ and still agree.
pub const DATE_SLACK_DAYS: i64 = 1;

/// The sources of an HTML article's fields, and the values not taken.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decided {
    /// Where the title came from.
    pub title_source: String,
    /// Where the author came from.
    pub author_source: Option<String>,
    /// Values not taken.
    pub alternatives: Vec<Alternative>,
}

/// Folded words of a text, as a set.
fn words(s: &str) -> std::collections::HashSet<String> {
    terms(s).into_iter().collect()
}

/// Whether two titles name the same headline: they share at least half
/// of the words of the longer one (a site name printed as the `<h1>` is
/// not the headline of `Headline words here | Site Name`).
pub fn same_headline(a: &str, b: &str) -> bool {
    let (wa, wb) = (words(a), words(b));
    let shared = wa.iter().filter(|w| wb.contains(*w)).count();
    shared > 0 && shared * 2 >= wa.len().max(wb.len())
}

fn folded_eq(a: &str, b: &str) -> bool {
    terms(a) == terms(b)
}

/// A metadata title without the site's name around it.
///
/// The page's own site name (`og:site_name` and the like) is taken off
/// first, before or after the headline (`Title | Site`, `Site | Title`).
/// Only when it is not printed before the headline are the other site
/// suffixes guessed ([`strip_site_suffix`]: a short part after a pipe is
/// a site name there, which would cut `Diario HOY | Headline of six
/// words` to the site's name); a title that starts with the site's name
/// loses only the suffixes that name a site for sure.
fn meta_title(f: &Found, meta: &PageMeta, registry: &Registry) -> String {
    let (t, prefixed) = without_site_names(f.value.trim(), meta);
    let t = if prefixed { strip_known_site_suffix(&t, registry) } else { strip_site_suffix(&t, registry) };
    without_site_names(&t, meta).0
}

/// A title without the page's own site names printed before or after it
/// (`Title | Site`, `Site: Title`), and whether one was printed before.
fn without_site_names(title: &str, meta: &PageMeta) -> (String, bool) {
    let mut t = title.to_string();
    let mut prefixed = false;
    for site in &meta.site_names {
        for sep in [" | ", " - ", " – ", " — ", " :: ", " · ", ": "] {
            if let Some(rest) = t.strip_suffix(&format!("{sep}{}", site.value)) {
                t = rest.trim().to_string();
            }
            if let Some(rest) = t.strip_prefix(&format!("{}{sep}", site.value)) {
                t = rest.trim().to_string();
                prefixed = true;
            }
        }
    }
    (t.trim().to_string(), prefixed)
}

/// Separators between a headline and a site name, section or subtitle.
const SUFFIX_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " « ", " » ", " / "];

/// When `candidate` is the headline `meta` (two words or more) followed
/// by one of [`SUFFIX_SEPARATORS`] and more text (`Headline | Site`,
/// `Headline – Subtitle`), letter case aside: the rest, from the
/// separator on.
fn headline_then_suffix(candidate: &str, meta: &str) -> Option<String> {
    let (c, m) = (candidate.trim().to_lowercase(), meta.trim().to_lowercase());
    let rest = c.strip_prefix(&m).filter(|_| m.split_whitespace().count() >= 2)?;
    SUFFIX_SEPARATORS.iter().any(|sep| rest.starts_with(sep) && rest.len() > sep.len()).then(|| rest.to_string())
}

/// Separators a page prints between a kicker and its headline
/// (`Kicker: Headline`, `Kicker – Headline`).
const KICKER_SEPARATORS: &[&str] = &[": ", " – ", " - ", " — ", " | "];

/// Separators between a kicker and the headline that only an `<h1>` is
/// read with, besides [`KICKER_SEPARATORS`]: a slash (`Ukraine /
/// Headline`). It is only taken there, where the headline after it must
/// also be a metadata title; elsewhere it more often joins two words
/// (`and / or`).
const H1_KICKER_SEPARATORS: &[&str] = &[" / "];

/// The headline among the two parts of an `<h1>` whose parts are
/// elements of their own ([`PageMeta::h1_parts`]), with where it came
/// from; `None` when the whole `<h1>` is the headline.
///
/// * A part that is a metadata title, when the whole `<h1>` is none
///   (`<h1><span>Headline</span> <span>Subtitle</span></h1>` with the
///   JSON-LD headline `Headline`).
/// * Else a kicker before the headline (`<h1><span>Storm
///   damage</span><span>Harbour wall repairs approved</span></h1>`): the
///   first part is shorter than the second, the second has three words or
///   more, and the `<h1>` or a metadata title prints the two joined by a
///   separator (`Storm damage: Harbour wall repairs approved | Site`), so
///   the page itself shows them as two phrases (a `<span>` around some
///   words of one phrase, `How to <span>Start a Company</span>`, is no
///   kicker), and the first part does not end a sentence.
fn headline_part(
    h1: &str,
    parts: &[String],
    metas: &[(String, &str)],
    raw_titles: &[&str],
) -> Option<(String, String)> {
    let [first, second] = parts else {
        return None;
    };
    if !metas.iter().any(|(m, _)| folded_eq(m, h1)) {
        for p in [first, second] {
            if let Some((_, s)) = metas.iter().find(|(m, _)| terms(p).len() >= 2 && folded_eq(m, p)) {
                return Some((p.clone(), format!("<h1> part ({s})")));
            }
        }
    }
    let joined = |t: &str| {
        let t = t.to_lowercase();
        let (a, b) = (first.to_lowercase(), second.to_lowercase());
        KICKER_SEPARATORS.iter().any(|sep| t.contains(&format!("{a}{sep}{b}")))
    };
    // A kicker is a label, not a sentence (`What tutoring is not. -
    // Choosing a tutor` is one headline).
    (first.chars().count() < second.chars().count()
        && !first.ends_with(['.', '!', '?'])
        && second.split_whitespace().count() >= 3
        && (joined(h1) || raw_titles.iter().any(|t| joined(t))))
    .then(|| (second.clone(), "<h1> without its kicker (its own element)".to_string()))
}

/// A metadata title cut at its first spaced colon (`Headline : Blog name
/// | Tagline`): the part before, and the part after up to any of
/// [`SUFFIX_SEPARATORS`] (a tagline).
fn colon_parts(t: &str) -> Option<(&str, &str)> {
    let (first, rest) = t.split_once(" : ")?;
    let second = SUFFIX_SEPARATORS.iter().fold(rest, |p, sep| p.split(sep).next().unwrap_or(p));
    Some((first.trim(), second.trim()))
}

/// The headline a metadata title gives when the title chosen (a plain
/// `<h1>` or the text passes' headline) is the site's name in the
/// headline's place, with where it came from: the chosen title is the
/// part after a spaced colon (up to a tagline) in a metadata title whose first part (two
/// words or more, not the site name the page gives) is at least as long
/// (`Headline : Blog name | Tagline` with the blog's name printed as the
/// `<h1>`: blog software names the post first). Other separators are not
/// read so (`Site - Headline` is as common as `Headline - Site`: on the
/// tuning halves reading them too gained 1 title and changed an
/// unlabelled one to its site name), nor is an `<h1>` hidden from the
/// text that a metadata title prints beside more words (`davidbau.com
/// Vibe Coding`: +1 title on the WCXB tuning half, -1 on its checking
/// half, where the hidden `<h1>` was the headline before its subtitle).
///
/// On the tuning halves: +2 trafilatura_other titles, none lost.
fn site_name_chosen(chosen: &str, source: &str, meta: &PageMeta, metas: &[(String, &str)]) -> Option<(String, String)> {
    if source != "<h1>" && !source.starts_with("visible text") {
        return None;
    }
    let n = terms(chosen).len();
    let long_enough = |t: &str| {
        let w = terms(t).len();
        w >= 2 && w >= n && !meta.site_names.iter().any(|s| folded_eq(&s.value, t))
    };
    metas.iter().find_map(|(m, s)| {
        let (first, second) = colon_parts(m)?;
        (folded_eq(second, chosen) && long_enough(first))
            .then(|| (first.to_string(), format!("{s} before \" : {second}\" (the {source} is the site's name)")))
    })
}

/// The 1-based line of the visible text that holds `value`, if any.
fn line_of(text: &str, value: &str) -> Option<usize> {
    let want = terms(value);
    text.lines().position(|l| !want.is_empty() && terms(l) == want).map(|i| i + 1)
}

/// Decides title, date and author (see the module docs). `ex` holds the
/// text extractor's printed values and is updated in place; `given` says
/// which fields the input itself gave (title, date, author).
pub fn decide(ex: &mut Extracted, meta: &PageMeta, visible: &str, given: [bool; 3], registry: &Registry) -> Decided {
    let mut d = Decided::default();
    title(ex, meta, visible, given[0], registry, &mut d);
    if !given[1] {
        date(ex, meta, &mut d);
    }
    author(ex, meta, given[2], &mut d);
    d
}

fn alternative(d: &mut Decided, field: &str, value: &str, source: &str) {
    if !value.trim().is_empty() && !d.alternatives.iter().any(|a| a.field == field && a.value == value) {
        d.alternatives.push(Alternative { field: field.into(), value: value.into(), source: source.into() });
    }
}

fn title(ex: &mut Extracted, meta: &PageMeta, visible: &str, given: bool, registry: &Registry, d: &mut Decided) {
    if given {
        d.title_source = "given by the input".into();
        return;
    }
    let metas: Vec<(String, &str)> = meta
        .titles
        .iter()
        .map(|f| (meta_title(f, meta, registry), f.source.as_str()))
        .filter(|(t, _)| !t.is_empty())
        .collect();
    let printed = ex.title.clone();
    let printed_source = match line_of(visible, &printed) {
        Some(n) => format!("visible text line {n}"),
        None => "visible text".to_string(),
    };
    let h1_at = meta.h1.iter().position(|h| metas.iter().any(|(m, _)| same_headline(h, m)));
    let h1 = h1_at.and_then(|i| meta.h1.get(i));
    let h1_part = h1_at.and_then(|i| {
        let raw: Vec<&str> = meta.titles.iter().map(|f| f.value.as_str()).collect();
        headline_part(&meta.h1[i], meta.h1_parts.get(i)?, &metas, &raw)
    });
    // A kicker printed in the <h1> before the headline (`Covid-19:
    // Headline`, `Politics | Headline`): a metadata title that is the
    // end of the <h1>.
    // The page must show the kicker apart from the headline: a separator
    // before the metadata title's words, or the headline in an element
    // of its own (`The Best Cameras of 2026` is no kicker `The` before
    // `Best Cameras of 2026`).
    let kicker = h1_at.zip(h1).and_then(|(i, h)| {
        let hw = terms(h);
        metas.iter().find(|(m, _)| {
            let mw = terms(m);
            let apart = KICKER_SEPARATORS
                .iter()
                .chain(H1_KICKER_SEPARATORS)
                .any(|sep| h.split_once(sep).is_some_and(|(_, rest)| terms(rest) == mw))
                || meta.h1_parts.get(i).and_then(|p| p.last()).is_some_and(|p| p.as_str() != h && terms(p) == mw);
            mw.len() >= 3 && mw.len() < hw.len() && hw.ends_with(&mw) && apart
        })
    });
    // The text passes' headline printed as a part of a metadata title
    // (`Headline : Blog name | Tagline`).
    let part_of = |p: &str| {
        let pw = terms(p);
        pw.len() >= 2
            && metas.iter().any(|(m, _)| {
                let mw = terms(m);
                mw.windows(pw.len()).any(|w| w == pw.as_slice())
            })
            && !meta.site_names.iter().any(|s| folded_eq(&s.value, p))
    };
    // A site name, section or subtitle printed after the headline
    // (`Headline | Site`, `Headline – Subtitle`): a metadata title that is
    // the start of the candidate, up to a separator.
    // On the printed `<h1>` only a ` | ` or the site's own name ends the
    // headline: a dash there starts a subtitle that is part of it
    // (`Headline – Until Now`).
    let suffixed = |c: &str, seps: &[&str]| {
        metas.iter().find(|(m, _)| match headline_then_suffix(c, m) {
            Some(rest) => {
                seps.iter().any(|sep| rest.starts_with(sep))
                    || meta.site_names.iter().any(|site| {
                        let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || !c.is_alphanumeric());
                        folded_eq(rest, &site.value)
                    })
            }
            None => false,
        })
    };
    // The text passes' headline when a metadata title names it, with a
    // suffix the metadata leaves out dropped.
    let printed_named =
        !printed.is_empty() && (metas.iter().any(|(m, _)| same_headline(&printed, m)) || part_of(&printed));
    // Printed below the `<title>` line (not the `<title>`, whole or cut).
    let printed_below_title = line_of(visible, &printed).is_some_and(|n| n > 1);
    let printed_choice = || match suffixed(&printed, SUFFIX_SEPARATORS) {
        Some((m, s)) => (m.clone(), format!("{printed_source} without its suffix ({s})")),
        None => (printed.clone(), printed_source.clone()),
    };
    // A printed `<h1>` that no metadata title words alike: the headline
    // the reader sees, when it is no link (a site's name linking to its
    // home page), is a heading of the page's text (not hidden, not
    // furniture), is not the site's name, and the page
    // states no JSON-LD headline (on the tuning halves, no page whose
    // JSON-LD headline differs from its `<h1>` was labelled with the
    // `<h1>`).
    let candidates: Vec<&String> = meta
        .h1
        .iter()
        .enumerate()
        .filter(|(i, h)| {
            !meta.h1_linked.get(*i).copied().unwrap_or(false)
                && meta.h1_shown.get(*i).copied().unwrap_or(false)
                && line_of(visible, h).is_some_and(|n| n > 1)
                && !meta.site_names.iter().any(|s| folded_eq(&s.value, h))
        })
        .map(|(_, h)| h)
        .collect();
    // Only one such `<h1>` (a page of several prints other stories' or
    // its sections' headlines so).
    let lone_h1 = match candidates.as_slice() {
        [first, rest @ ..]
            if h1.is_none()
                && !meta.titles.iter().any(|f| f.source == "json-ld headline")
                && rest.iter().all(|h| folded_eq(h, first)) =>
        {
            Some(*first)
        }
        _ => None,
    };
    // A metadata title the page also prints on a line of its own below
    // the `<title>` line (an `<h2>` headline under a site-name `<h1>`).
    let printed_meta = metas.iter().find(|(m, _)| terms(m).len() >= 2 && line_of(visible, m).is_some_and(|n| n > 1));
    let (chosen, source) = if let Some((m, s)) = kicker {
        (m.clone(), format!("<h1> without its kicker ({s})"))
    } else if let Some((p, s)) = h1_part {
        (p, s)
    } else if let Some(h) = h1 {
        match suffixed(h, &[" | "]) {
            Some((m, s)) => (m.clone(), format!("<h1> without its suffix ({s})")),
            None => (h.clone(), "<h1>".to_string()),
        }
    } else if let Some((m, s)) = printed_meta.filter(|(m, _)| !folded_eq(m, &printed)) {
        let n = line_of(visible, m).unwrap_or_default();
        (m.clone(), format!("visible text line {n} ({s})"))
    } else if printed_named && printed_below_title {
        printed_choice()
    } else if let Some(h) = lone_h1 {
        (h.clone(), "<h1> (the metadata titles word it otherwise)".to_string())
    } else if printed_named {
        printed_choice()
    } else if let Some((m, s)) = metas.first() {
        (m.clone(), s.to_string())
    } else {
        (printed.clone(), printed_source.clone())
    };
    let (chosen, source) = site_name_chosen(&chosen, &source, meta, &metas).unwrap_or((chosen, source));
    for (m, s) in &metas {
        if !folded_eq(m, &chosen) {
            alternative(d, "title", m, s);
            break;
        }
    }
    if !printed.is_empty() && !folded_eq(&printed, &chosen) {
        alternative(d, "title", &printed, &printed_source);
    }
    ex.title = chosen;
    d.title_source = source;
}

fn date(ex: &mut Extracted, meta: &PageMeta, d: &mut Decided) {
    // A metadata or date-element value outside the years a publication can
    // have is a placeholder (a content system writes the Unix epoch,
    // `1970-01-01T01:00:00+01:00`, for a date it never set) and never a
    // candidate: said in a warning and kept as an alternative, so that the
    // printed date or none wins.
    let possible = |f: &Found| parse_date(&f.value).filter(|(day, _)| PUBLICATION_YEARS.contains(&day.year));
    let impossible = |ex: &mut Extracted, d: &mut Decided, f: &Found| {
        if let Some((day, _)) = parse_date(&f.value).filter(|(day, _)| !PUBLICATION_YEARS.contains(&day.year)) {
            ex.warnings.push(format!("impossible publication date {} ({}) ignored", day.iso(), f.source));
            alternative(d, "date", &day.iso(), &format!("{} (impossible, ignored)", f.source));
        }
    };
    for f in &meta.published {
        impossible(ex, d, f);
    }
    let mut printed = ex.date.date.filter(|_| ex.date.source.starts_with("date line"));
    // Whether the printed date is one of an element named as a date
    // rather than a date line of the header.
    let mut from_element = false;
    if printed.is_none() {
        if let Some(f) = meta.printed_dates.iter().find(|f| parse_date(&f.value).is_some()) {
            impossible(ex, d, f);
        }
        // A date printed in an element named as a date, which the text
        // passes did not take for a date line.
        if let Some((f, (day, time))) = meta.printed_dates.iter().find_map(|f| Some((f, possible(f)?))) {
            ex.date = DateInfo::printed(Some(day), time, format!("date line in {}: \"{}\"", f.source, f.value));
            printed = Some(day);
            from_element = true;
        }
    }
    // An all-numeric printed date (`03/10/2023`) whose day and month,
    // swapped, give the date in the page's own URL
    // (`/2023/october/03/`), set when it was published: read the URL's way.
    if let Some(p) = printed.filter(|_| numeric(&ex.date.source)) {
        let swapped = (p.day <= 12 && p.day != p.month).then(|| Date::new(p.year, p.day, p.month)).flatten();
        let in_url = meta.urls.iter().find(|f| swapped.is_some() && url_date(&f.value) == swapped);
        if let (Some(s), Some(f)) = (swapped, in_url) {
            let why = format!("{}, day and month read as the {} {} says", ex.date.source, f.source, f.value);
            ex.date = DateInfo::printed(Some(s), ex.date.time, why);
            printed = Some(s);
        }
    }
    let published = meta.published.iter().find_map(|f| possible(f).map(|(day, t)| (day, t, f)));
    let modified = meta.modified.iter().find_map(|f| possible(f).map(|(day, _)| (day, f)));
    let visible_source =
        ex.date.source.replacen("date line in", "visible text in", 1).replacen("date line", "visible text line", 1);
    let with_time = |day: Date, t: Option<Time>| match t {
        Some(t) => format!("{} {:02}:{:02}", day.iso(), t.hour, t.minute),
        None => day.iso(),
    };
    let (Some(p), Some((m, time, f))) = (printed, published) else {
        match (printed, published) {
            (None, Some((m, time, f))) => {
                if let Some(old) = ex.date.date {
                    alternative(d, "date", &old.iso(), &ex.date.source);
                }
                // A date of a source that does not say what it dates (a
                // `<time>`, `<meta name=date>`) on the day the page gives
                // as its modification date, with no source stating a
                // publication date: the page's last change, not its
                // publication (a wrong date is worse than none).
                if GENERIC_DATES.contains(&f.source.as_str()) && modified.is_some_and(|(md, _)| md == m) {
                    alternative(d, "date", &with_time(m, time), &f.source);
                    ex.date = DateInfo::unknown(format!(
                        "no publication date: {} gives only the modification date",
                        f.source
                    ));
                    return;
                }
                ex.date = DateInfo::printed(Some(m), time, f.source.clone());
            }
            (Some(_), None) => ex.date.source = visible_source,
            (None, None) if ex.date.date.is_none() => {
                // Nothing printed, no metadata date: a date in the page's
                // own URL path (`/2025/12/15/`, `/2025-12-15-title`), set
                // when the page was published.
                if let Some((day, f)) = meta.urls.iter().find_map(|f| url_date(&f.value).map(|day| (day, f))) {
                    ex.date = DateInfo::printed(Some(day), None, format!("date in the {} {}", f.source, f.value));
                }
            }
            _ => {}
        }
        return;
    };
    let near = |a: Date, b: Date| (a.days_since_epoch() - b.days_since_epoch()).abs() <= DATE_SLACK_DAYS;
    // An all-numeric printed date read month-first (04/02/2020) that the
    // metadata says is day-first (2020-02-04), or the other way round.
    let swapped = (p.day <= 12).then(|| Date::new(p.year, p.day, p.month)).flatten();
    if swapped == Some(m) && numeric(&ex.date.source) {
        ex.date = DateInfo::printed(
            Some(m),
            ex.date.time.or(time),
            format!("{visible_source}, day and month read as {} says", f.source),
        );
        return;
    }
    if from_element && p != m && STRUCTURED_PUBLISHED.contains(&f.source.as_str()) {
        // A date in an element named as a date, found anywhere in the page
        // (a list of other stories, an archive widget), against a
        // publication date the page states as one: the statement wins.
        alternative(d, "date", &with_time(p, ex.date.time), &visible_source);
        ex.date = DateInfo::printed(Some(m), time, format!("{} (the date element differs)", f.source));
        return;
    }
    if near(p, m) {
        let time = ex.date.time.or(time.filter(|_| p == m));
        ex.date = DateInfo::printed(Some(p), time, format!("{visible_source}; {} agrees", f.source));
        if p != m {
            alternative(d, "date", &m.iso(), &f.source);
        }
        return;
    }
    if ex.date.source.starts_with("date line 1:") && STRUCTURED_PUBLISHED.contains(&f.source.as_str()) {
        // A date printed only in the `<title>` line (`Minutes of the
        // meeting of 10 October 2019 – Club`): what the story is about,
        // as a date the text passes find in the page title when no line
        // prints one; a publication date the page states as one wins.
        alternative(d, "date", &with_time(p, ex.date.time), &visible_source);
        ex.date = DateInfo::printed(Some(m), time, format!("{} (the printed date is in the page title)", f.source));
        return;
    }
    // The printed date is a later one than the publication date that the
    // metadata shows as the modification date, or that comes with a
    // modification date it is not: an update line, or another date shown
    // on the page (today's date in the top bar).
    let update = p > m && modified.is_some();
    if update {
        let why = match modified {
            Some((md, mf)) if near(md, p) => format!("the printed date is the update date, as {} says", mf.source),
            _ => "the printed date is later and is not the modification date".to_string(),
        };
        alternative(d, "date", &with_time(p, ex.date.time), &visible_source);
        ex.date = DateInfo::printed(Some(m), time, format!("{} ({why})", f.source));
    } else {
        alternative(d, "date", &with_time(m, time), &f.source);
        ex.date.source = format!("{visible_source} (printed; {} differs)", f.source);
    }
}

/// A date in a URL after its scheme: a year (1990-2100), month and day
/// joined by `/` or `-` (`/2025/12/15/`, `2025-12-15`, the month also
/// as a name: `/2023/october/03/`), not inside a longer number.
fn url_date(url: &str) -> Option<Date> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let b = rest.as_bytes();
    let digits = |from: usize, max: usize| {
        let n = b[from.min(b.len())..].iter().take(max + 1).take_while(|c| c.is_ascii_digit()).count();
        (1..=max).contains(&n).then(|| (rest[from..from + n].parse::<u32>().ok(), from + n))
    };
    for i in 0..b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) {
            continue;
        }
        let Some((Some(year), j)) = digits(i, 4) else { continue };
        if j - i != 4 || !(1990..=2100).contains(&year) || !matches!(b.get(j), Some(b'/' | b'-')) {
            continue;
        }
        let sep = b[j];
        // The month in digits or as a word (`/2023/october/03/`).
        let word = b[j + 1..].iter().take_while(|c| c.is_ascii_alphabetic()).count();
        let (month, k) = if word >= 3 {
            match crate::date::month_number(&rest[j + 1..j + 1 + word]) {
                Some(m) => (u32::from(m), j + 1 + word),
                None => continue,
            }
        } else {
            match digits(j + 1, 2) {
                Some((Some(m), k)) => (m, k),
                _ => continue,
            }
        };
        if b.get(k) != Some(&sep) {
            continue;
        }
        let Some((Some(day), _)) = digits(k + 1, 2) else { continue };
        if let Some(date) = Date::new(year as i32, u8::try_from(month).ok()?, u8::try_from(day).ok()?) {
            return Some(date);
        }
    }
    None
}

/// Whether a date source quotes an all-numeric date (`04/02/2020`).
fn numeric(source: &str) -> bool {
    source.rsplit_once(": \"").is_some_and(|(_, q)| {
        let q = q.trim_end_matches('"');
        q.chars().filter(|c| c.is_ascii_digit()).count() >= 6 && !q.chars().any(char::is_alphabetic)
    })
}

fn author(ex: &mut Extracted, meta: &PageMeta, given: bool, d: &mut Decided) {
    if given {
        d.author_source = ex.author.as_ref().map(|_| "given by the input".to_string());
        return;
    }
    // A metadata "author" that is the site itself names nobody.
    let site = |a: &str| meta.site_names.iter().any(|s| folded_eq(&s.value, a));
    let from_meta = meta.authors.iter().find(|f| !site(&f.value) && !terms(&f.value).is_empty());
    let printed = ex.author_from.describe();
    match (ex.author.clone(), from_meta) {
        // A name alone on a line is a guess from how the line looks
        // (`Key Takeaways` looks like a name); a metadata author is the
        // page's own statement, and wins over it.
        (Some(p), Some(f)) if ex.author_from == AuthorFrom::NameLine && !same_headline(&p, &f.value) => {
            ex.author = Some(f.value.clone());
            d.author_source = Some(f.source.clone());
            alternative(d, "author", &p, printed);
        }
        (Some(p), Some(f)) => {
            d.author_source = Some(printed.into());
            if !same_headline(&p, &f.value) {
                alternative(d, "author", &f.value, &f.source);
            }
        }
        (None, Some(f)) => {
            ex.author = Some(f.value.clone());
            d.author_source = Some(f.source.clone());
        }
        (Some(_), None) => d.author_source = Some(printed.into()),
        (None, None) => {}
    }
}
