//! Citations of articles: APA 7 and Chicago (notes-bibliography) strings
//! for one article, and RIS, BibTeX and CSL-JSON exports of many (the
//! three formats Zotero, Mendeley and EndNote import).
//!
//! Pure: the article's metadata in, text out; no clock (an access date, if
//! wanted, is the caller's business).
//!
//! ## What goes in
//! [`Source`] gathers what a citation needs from an [`Article`]: the
//! title, the author line split into names, the outlet's display name,
//! the date with its precision, and the article's web address, which is
//! only ever an `http(s)` URL ([`web_url`]: a `javascript:` or `data:`
//! address from a scraped page is dropped, in citations and in the
//! reader's link alike).
//!
//! ## Styles
//! * APA 7, news article on a website: `Petrov, I., & Smith, J. (2021,
//!   January 11). Title. Outlet. URL`. Without an author the outlet is the
//!   group author and not repeated: `Outlet. (2021, January 11). Title.
//!   URL`. Undated: `(n.d.)`.
//! * Chicago 17, bibliography entry of the notes-bibliography system:
//!   `Petrov, Ivan, and John Smith. "Title." Outlet, January 11, 2021.
//!   URL.` Without an author the entry starts with the outlet:
//!   `Outlet. "Title." January 11, 2021. URL.` Undated: `n.d.`.
//!
//! A year the ingest inferred (the page printed day and month only) is in
//! square brackets, as both styles mark information not in the source:
//! `(2021, January 11)` becomes `([2021], January 11)`.
//!
//! ## Escaping
//! Article fields are written by strangers.
//! * Every format first strips control characters and line breaks (a
//!   title with a newline becomes one line) and collapses white space.
//! * RIS is line based (`TAG  - value`): after that cleaning no value can
//!   start a new line, so `x\nER  - ` inside a title stays text.
//! * BibTeX: `{ } \ % & $ # _ ~ ^` are escaped in every field (`\{`,
//!   `\textbackslash{}`, ...); the URL field, which BibTeX reads verbatim,
//!   is percent-encoded instead where it holds `{`, `}`, `\` or a space.
//!   Citation keys are ASCII letters and digits (`petrov2021talks`), made
//!   unique with `b`, `c`, ... suffixes.
//! * CSL-JSON is written by serde (JSON escaping is complete).

use crate::model::{Article, Date, DatePrecision, Outlet, ENGLISH_MONTHS};
use serde::Serialize;
use std::collections::HashSet;

/// The fields of an article a citation uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Article id (CSL-JSON's `id`).
    pub id: String,
    /// Title, on one line.
    pub title: String,
    /// Author names, on one line each (empty: no author).
    pub authors: Vec<String>,
    /// Outlet display name.
    pub outlet: Option<String>,
    /// Publication day.
    pub date: Option<Date>,
    /// How much of the date is known.
    pub precision: DatePrecision,
    /// The article's `http(s)` address.
    pub url: Option<String>,
}

/// The `http(s)` address `s` (trimmed), or `None` for anything else: other
/// schemes (`javascript:`, `data:`, `file:`), relative paths, addresses
/// with white space or control characters inside, or without a host.
pub fn web_url(s: &str) -> Option<&str> {
    let s = s.trim();
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &s[8..]
    } else if lower.starts_with("http://") {
        &s[7..]
    } else {
        return None;
    };
    let host_ok = rest.split(['/', '?', '#']).next().is_some_and(|h| !h.is_empty() && !h.starts_with(['@', ':']));
    if !host_ok || s.chars().any(|c| c.is_whitespace() || c.is_control()) || s.len() > 4096 {
        return None;
    }
    Some(s)
}

/// The web address of an article: its own URL (front matter, column, WARC
/// target URI), else the page's canonical URL, when it is `http(s)`.
pub fn article_url(a: &Article) -> Option<&str> {
    a.provenance
        .url
        .as_deref()
        .and_then(web_url)
        .or_else(|| a.provenance.page.as_ref().and_then(|p| p.canonical_url.as_deref()).and_then(web_url))
}

/// One line: control characters and line breaks removed, white space
/// collapsed, trimmed.
pub fn one_line(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c.is_control())
        .map(|w| w.chars().filter(|c| !c.is_control()).collect::<String>())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Splits an author line into names: on `;`, ` and `, ` & `, and on
/// commas unless the line is a single `Surname, Given` name.
pub fn split_authors(line: &str) -> Vec<String> {
    let line = one_line(line);
    let mut out = Vec::new();
    for part in line.split(';').flat_map(|p| p.split(" and ")).flat_map(|p| p.split(" & ")) {
        let commas: Vec<&str> = part.split(',').map(str::trim).filter(|p| !p.is_empty()).collect();
        // "Petrov, Ivan" is one name; "Ivan Petrov, John Smith" two.
        let one_name = commas.len() == 2 && commas.iter().all(|p| !p.contains(' '));
        if one_name || commas.len() < 2 {
            let p = part.trim().trim_matches(',').trim();
            if !p.is_empty() {
                out.push(p.to_string());
            }
        } else {
            out.extend(commas.into_iter().map(str::to_string));
        }
    }
    out
}

impl Source {
    /// The citation fields of `a`; `outlets` names its outlet.
    pub fn of(outlets: &[Outlet], a: &Article) -> Source {
        let outlet = a
            .outlet
            .as_deref()
            .and_then(|k| outlets.iter().find(|o| o.key == k))
            .map(|o| one_line(&o.name))
            .filter(|n| !n.is_empty());
        Source {
            id: one_line(&a.id),
            title: one_line(&a.title),
            authors: a.author.as_deref().map(split_authors).unwrap_or_default(),
            outlet,
            date: a.date.date,
            precision: a.date.precision,
            url: article_url(a).map(str::to_string),
        }
    }

    /// The year as printed in a citation: `[2021]` when inferred.
    fn year(&self, d: Date) -> String {
        if self.precision == DatePrecision::YearInferred {
            format!("[{}]", d.year)
        } else {
            d.year.to_string()
        }
    }
}

fn month(d: Date) -> &'static str {
    ENGLISH_MONTHS[usize::from(d.month.clamp(1, 12)) - 1]
}

/// `Surname, I. J.` from `Ivan J. Surname` or `Surname, Ivan J.`; a
/// one-word name (or an organisation) stays as it is.
fn apa_name(name: &str) -> String {
    let (family, given) = family_given(name);
    if given.is_empty() {
        return family;
    }
    let initials: Vec<String> = given
        .split([' ', '-'])
        .filter_map(|g| g.chars().next().filter(|c| c.is_alphabetic()).map(|c| format!("{c}.")))
        .collect();
    if initials.is_empty() {
        family
    } else {
        format!("{family}, {}", initials.join(" "))
    }
}

/// (family, given) of a name: `Surname, Given` or `Given Surname`.
fn family_given(name: &str) -> (String, String) {
    if let Some((f, g)) = name.split_once(',') {
        return (f.trim().to_string(), g.trim().to_string());
    }
    match name.rsplit_once(' ') {
        Some((g, f)) => (f.trim().to_string(), g.trim().to_string()),
        None => (name.trim().to_string(), String::new()),
    }
}

/// Ends `s` with a full stop unless it already ends with punctuation.
fn with_stop(s: &str) -> String {
    if s.ends_with(['.', '?', '!']) {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

/// The APA 7 reference of an article (plain text; the outlet would be in
/// italics in print).
pub fn apa(s: &Source) -> String {
    let names: Vec<String> = s.authors.iter().map(|n| apa_name(n)).collect();
    let author = match names.len() {
        0 => s.outlet.clone().unwrap_or_default(),
        1 => names[0].clone(),
        n => format!("{}, & {}", names[..n - 1].join(", "), names[n - 1]),
    };
    let date = match s.date {
        Some(d) => format!("({}, {} {})", s.year(d), month(d), d.day),
        None => "(n.d.)".into(),
    };
    let mut parts = Vec::new();
    if author.is_empty() {
        // Neither author nor outlet: the title moves to the author's place.
        parts.push(with_stop(&s.title));
        parts.push(format!("{date}."));
    } else {
        parts.push(with_stop(&author));
        parts.push(format!("{date}."));
        parts.push(with_stop(&s.title));
        if !s.authors.is_empty() {
            if let Some(o) = &s.outlet {
                parts.push(with_stop(o));
            }
        }
    }
    if let Some(u) = &s.url {
        parts.push(u.clone());
    }
    parts.join(" ")
}

/// The Chicago (17th ed., notes-bibliography) bibliography entry of an
/// article.
pub fn chicago(s: &Source) -> String {
    let names: Vec<String> = s
        .authors
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let (f, g) = family_given(n);
            match (i, g.is_empty()) {
                (_, true) => f,
                // The first name inverted, the others in natural order.
                (0, false) => format!("{f}, {g}"),
                (_, false) => format!("{g} {f}"),
            }
        })
        .collect();
    let author = match names.len() {
        0 => None,
        1 => Some(names[0].clone()),
        2 => Some(format!("{}, and {}", names[0], names[1])),
        n => Some(format!("{}, and {}", names[..n - 1].join(", "), names[n - 1])),
    };
    let date = match s.date {
        Some(d) => format!("{} {}, {}", month(d), d.day, s.year(d)),
        None => "n.d.".into(),
    };
    let title = format!("\u{201c}{}\u{201d}", with_stop(&s.title));
    let mut out = match (&author, &s.outlet) {
        (Some(a), Some(o)) => format!("{} {title} {o}, {}", with_stop(a), with_stop(&date)),
        (Some(a), None) => format!("{} {title} {}", with_stop(a), with_stop(&date)),
        (None, Some(o)) => format!("{} {title} {}", with_stop(o), with_stop(&date)),
        (None, None) => format!("{title} {}", with_stop(&date)),
    };
    if let Some(u) = &s.url {
        out.push_str(&format!(" {u}."));
    }
    out
}

/// RIS (one `TY  - NEWS` record per article, CR LF line ends).
pub fn to_ris(sources: &[Source]) -> String {
    let mut out = String::new();
    let mut line = |tag: &str, value: &str| {
        // Values are already one line; cleaning again keeps that true for
        // every caller.
        out.push_str(&format!("{tag}  - {}\r\n", one_line(value)));
    };
    for s in sources {
        line("TY", "NEWS");
        line("TI", &s.title);
        for a in &s.authors {
            let (f, g) = family_given(a);
            line("AU", &if g.is_empty() { f } else { format!("{f}, {g}") });
        }
        if let Some(o) = &s.outlet {
            line("T2", o);
        }
        if let Some(d) = s.date {
            line("PY", &d.year.to_string());
            line("DA", &format!("{:04}/{:02}/{:02}", d.year, d.month, d.day));
        }
        if let Some(u) = &s.url {
            line("UR", u);
        }
        line("ID", &s.id);
        line("ER", "");
    }
    out
}

/// Escapes a BibTeX field value (see the module docs).
pub fn bibtex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in one_line(s).chars() {
        match c {
            '{' | '}' | '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '\\' => out.push_str("\\textbackslash{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            c => out.push(c),
        }
    }
    out
}

/// A URL for BibTeX's verbatim `url` field.
fn bibtex_url(u: &str) -> String {
    let mut out = String::new();
    for c in one_line(u).chars() {
        match c {
            '{' | '}' | '\\' | ' ' | '"' => out.push_str(&format!("%{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// ASCII letters and digits of `s`, lower case (transliterated by
/// dropping everything else).
fn key_part(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect()
}

/// The citation key of a source: family name (or outlet), year, first
/// title word of four letters or more: `petrov2021talks`.
fn bibtex_key(s: &Source) -> String {
    let who = s.authors.first().map(|a| family_given(a).0).or_else(|| s.outlet.clone()).unwrap_or_default();
    let mut who = key_part(&who);
    who.truncate(20);
    let year = s.date.map(|d| d.year.to_string()).unwrap_or_else(|| "nd".into());
    let mut word = s.title.split_whitespace().map(key_part).find(|w| w.len() >= 4).unwrap_or_default();
    word.truncate(20);
    let who = if who.is_empty() { "article".to_string() } else { who };
    format!("{who}{year}{word}")
}

/// BibTeX: one `@article` per source (a newspaper article: `journal` is
/// the outlet, as Zotero and biblatex read it), unique keys.
pub fn to_bibtex(sources: &[Source]) -> String {
    let mut out = String::new();
    let mut used = HashSet::new();
    for s in sources {
        let base = bibtex_key(s);
        let mut key = base.clone();
        let mut n = 1u32;
        while !used.insert(key.clone()) {
            n += 1;
            // b, c, ..., z, then numbers.
            key = match char::from_u32(u32::from(b'a') + n - 1).filter(|c| *c <= 'z') {
                Some(c) => format!("{base}{c}"),
                None => format!("{base}x{n}"),
            };
        }
        out.push_str(&format!("@article{{{key},\n"));
        let mut field = |name: &str, value: String| out.push_str(&format!("  {name} = {{{value}}},\n"));
        field("title", bibtex_escape(&s.title));
        if !s.authors.is_empty() {
            let names: Vec<String> = s
                .authors
                .iter()
                .map(|a| {
                    let (f, g) = family_given(a);
                    // A name is split on " and ": write it braced when it has one.
                    let name = if g.is_empty() { f } else { format!("{f}, {g}") };
                    let esc = bibtex_escape(&name);
                    if name.contains(" and ") || g.is_empty() && name.contains(' ') {
                        format!("{{{esc}}}")
                    } else {
                        esc
                    }
                })
                .collect();
            field("author", names.join(" and "));
        }
        if let Some(o) = &s.outlet {
            field("journal", bibtex_escape(o));
        }
        if let Some(d) = s.date {
            field("year", d.year.to_string());
            field("month", d.month.to_string());
            field("date", format!("{:04}-{:02}-{:02}", d.year, d.month, d.day));
        }
        if let Some(u) = &s.url {
            field("url", bibtex_url(u));
        }
        out.push_str("}\n\n");
    }
    out
}

/// A CSL-JSON item.
#[derive(Debug, Serialize)]
struct CslItem<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    title: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<CslName>,
    #[serde(rename = "container-title", skip_serializing_if = "Option::is_none")]
    container_title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issued: Option<CslDate>,
    #[serde(rename = "URL", skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Debug, Serialize)]
#[serde(untagged)]
enum CslName {
    Parts { family: String, given: String },
    Literal { literal: String },
}

#[derive(Debug, Serialize)]
struct CslDate {
    #[serde(rename = "date-parts")]
    date_parts: [[i32; 3]; 1],
}

/// CSL-JSON: an array of `article-newspaper` items.
pub fn to_csl_json(sources: &[Source]) -> String {
    let items: Vec<CslItem> = sources
        .iter()
        .map(|s| CslItem {
            id: &s.id,
            kind: "article-newspaper",
            title: &s.title,
            author: s
                .authors
                .iter()
                .map(|a| match family_given(a) {
                    (f, g) if g.is_empty() => CslName::Literal { literal: f },
                    (family, given) => CslName::Parts { family, given },
                })
                .collect(),
            container_title: s.outlet.as_deref(),
            issued: s.date.map(|d| CslDate { date_parts: [[d.year, i32::from(d.month), i32::from(d.day)]] }),
            url: s.url.as_deref(),
        })
        .collect();
    serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(title: &str, author: &str, outlet: Option<&str>, date: Option<(i32, u8, u8)>, url: Option<&str>) -> Source {
        Source {
            id: "001_ab".into(),
            title: one_line(title),
            authors: split_authors(author),
            outlet: outlet.map(one_line),
            date: date.and_then(|(y, m, d)| Date::new(y, m, d)),
            precision: if date.is_some() { DatePrecision::Day } else { DatePrecision::Unknown },
            url: url.and_then(web_url).map(str::to_string),
        }
    }

    /// A title with everything a stranger could put in one.
    const HOSTILE: &str = "=cmd|' /C calc'!A0\nER  - \r\nTY  - JOUR {\\evil} 100% & $x$ #1 a_b ~ ^ \u{202e}סיכום\u{7}";

    #[test]
    fn web_url_table() {
        let cases = [
            ("https://www.rt.com/news/1/", Some("https://www.rt.com/news/1/")),
            ("  HTTP://example.org  ", Some("HTTP://example.org")),
            ("javascript:alert(1)", None),
            ("JavaScript://%0aalert(1)", None),
            ("data:text/html,<script>alert(1)</script>", None),
            ("file:///etc/passwd", None),
            ("//evil.example/x", None),
            ("/relative/path", None),
            ("https://", None),
            ("https:///path", None),
            ("https://ex ample.org", None),
            ("https://example.org/\nx", None),
            ("", None),
        ];
        for (input, want) in cases {
            assert_eq!(web_url(input), want, "{input:?}");
        }
    }

    #[test]
    fn authors_split_table() {
        let cases: &[(&str, &[&str])] = &[
            ("Ivan Petrov", &["Ivan Petrov"]),
            ("Petrov, Ivan", &["Petrov, Ivan"]),
            ("Ivan Petrov and John Smith", &["Ivan Petrov", "John Smith"]),
            ("Ivan Petrov, John Smith & Ann Lee", &["Ivan Petrov", "John Smith", "Ann Lee"]),
            ("A. B.; C. D.", &["A. B.", "C. D."]),
            ("  \n ", &[]),
        ];
        for (line, want) in cases {
            assert_eq!(split_authors(line), want.iter().map(|s| s.to_string()).collect::<Vec<_>>(), "{line:?}");
        }
    }

    #[test]
    fn apa_and_chicago_table() {
        let url = Some("https://www.rt.com/news/talks/");
        let cases = [
            (
                src("Talks in Moscow", "Ivan Petrov", Some("RT"), Some((2021, 1, 11)), url),
                "Petrov, I. (2021, January 11). Talks in Moscow. RT. https://www.rt.com/news/talks/",
                "Petrov, Ivan. \u{201c}Talks in Moscow.\u{201d} RT, January 11, 2021. https://www.rt.com/news/talks/.",
            ),
            (
                src("Talks in Moscow", "Ivan Petrov and John Smith", Some("RT"), Some((2021, 1, 11)), None),
                "Petrov, I., & Smith, J. (2021, January 11). Talks in Moscow. RT.",
                "Petrov, Ivan, and John Smith. \u{201c}Talks in Moscow.\u{201d} RT, January 11, 2021.",
            ),
            (
                src("Why?", "A B, C D, E F", Some("RT"), Some((2021, 1, 11)), None),
                "B, A., D, C., & F, E. (2021, January 11). Why? RT.",
                "B, A, C D, and E F. \u{201c}Why?\u{201d} RT, January 11, 2021.",
            ),
            // No author: the outlet is the (group) author.
            (
                src("Talks in Moscow", "", Some("TASS"), Some((2021, 2, 3)), url),
                "TASS. (2021, February 3). Talks in Moscow. https://www.rt.com/news/talks/",
                "TASS. \u{201c}Talks in Moscow.\u{201d} February 3, 2021. https://www.rt.com/news/talks/.",
            ),
            // Undated, and an unsafe URL is left out.
            (
                src("Talks", "", Some("TASS"), None, Some("javascript:alert(1)")),
                "TASS. (n.d.). Talks.",
                "TASS. \u{201c}Talks.\u{201d} n.d.",
            ),
            // An author, undated.
            (
                src("Talks", "Elena Teslova", Some("Hyetert"), None, None),
                "Teslova, E. (n.d.). Talks. Hyetert.",
                "Teslova, Elena. \u{201c}Talks.\u{201d} Hyetert, n.d.",
            ),
            // Neither author nor outlet: the title comes first (APA).
            (src("Talks", "", None, None, None), "Talks. (n.d.).", "\u{201c}Talks.\u{201d} n.d."),
        ];
        for (s, want_apa, want_chicago) in cases {
            assert_eq!(apa(&s), want_apa);
            assert_eq!(chicago(&s), want_chicago);
        }
        let mut inferred = src("Talks", "", Some("TASS"), Some((2021, 2, 3)), None);
        inferred.precision = DatePrecision::YearInferred;
        assert_eq!(apa(&inferred), "TASS. ([2021], February 3). Talks.");
        assert_eq!(chicago(&inferred), "TASS. \u{201c}Talks.\u{201d} February 3, [2021].");
    }

    #[test]
    fn hostile_citations_stay_on_one_line() {
        let s = src(HOSTILE, "Evil\nAU  - Injected", Some("Out\rlet"), Some((2021, 1, 11)), None);
        for text in [apa(&s), chicago(&s)] {
            assert!(!text.contains(['\n', '\r', '\u{7}']), "{text:?}");
            assert!(text.contains("\u{202e}סיכום"), "RTL text kept: {text:?}");
        }
    }

    /// Parses RIS into records of (tag, value) the way Zotero does: a tag
    /// is two capitals at the start of a line followed by `  - `.
    fn parse_ris(text: &str) -> Vec<Vec<(String, String)>> {
        let mut records = Vec::new();
        let mut cur = Vec::new();
        for line in text.split("\r\n").filter(|l| !l.is_empty()) {
            let (tag, value) = line.split_once("  - ").expect("a tag line");
            assert!(tag.len() == 2 && tag.chars().all(|c| c.is_ascii_alphanumeric()), "{line:?}");
            if tag == "ER" {
                records.push(std::mem::take(&mut cur));
            } else {
                cur.push((tag.to_string(), value.to_string()));
            }
        }
        assert!(cur.is_empty(), "unterminated record");
        records
    }

    #[test]
    fn ris_table() {
        let sources = [
            src(
                "Talks in Moscow",
                "Ivan Petrov and John Smith",
                Some("RT"),
                Some((2021, 1, 11)),
                Some("https://rt.com/a"),
            ),
            src(HOSTILE, "Evil\nER  - ", Some("TASS"), None, Some("data:text/html,x")),
        ];
        let records = parse_ris(&to_ris(&sources));
        assert_eq!(records.len(), 2);
        let tags = |r: &Vec<(String, String)>, t: &str| -> Vec<String> {
            r.iter().filter(|(k, _)| k == t).map(|(_, v)| v.clone()).collect()
        };
        assert_eq!(tags(&records[0], "TY"), ["NEWS"]);
        assert_eq!(tags(&records[0], "AU"), ["Petrov, Ivan", "Smith, John"]);
        assert_eq!(tags(&records[0], "T2"), ["RT"]);
        assert_eq!(tags(&records[0], "DA"), ["2021/01/11"]);
        assert_eq!(tags(&records[0], "UR"), ["https://rt.com/a"]);
        // The hostile title is one TI line; nothing it holds became a tag.
        assert_eq!(tags(&records[1], "TI"), [one_line(HOSTILE)]);
        assert_eq!(tags(&records[1], "TY"), ["NEWS"]);
        assert!(tags(&records[1], "UR").is_empty());
        assert!(tags(&records[1], "PY").is_empty());
    }

    /// Reads BibTeX entries: type, key and field values with braces
    /// balanced (a minimal reader, enough to check structure).
    fn parse_bibtex(text: &str) -> Vec<(String, Vec<(String, String)>)> {
        let mut out = Vec::new();
        let b = text.as_bytes();
        let mut i = 0;
        while let Some(at) = text[i..].find('@') {
            i += at + 1;
            let open = i + text[i..].find('{').expect("entry brace");
            let comma = open + text[open..].find(',').expect("key comma");
            let key = text[open + 1..comma].to_string();
            assert!(key.chars().all(|c| c.is_ascii_alphanumeric()), "{key}");
            let mut fields = Vec::new();
            i = comma + 1;
            loop {
                while b[i].is_ascii_whitespace() || b[i] == b',' {
                    i += 1;
                }
                if b[i] == b'}' {
                    i += 1;
                    break;
                }
                let eq = i + text[i..].find('=').expect("field =");
                let name = text[i..eq].trim().to_string();
                let start = eq + text[eq..].find('{').expect("value brace");
                let (mut depth, mut j) = (0, start);
                loop {
                    match b[j] {
                        b'\\' => j += 1,
                        b'{' => depth += 1,
                        b'}' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    j += 1;
                }
                fields.push((name, text[start + 1..j].to_string()));
                i = j + 1;
            }
            out.push((key, fields));
        }
        out
    }

    #[test]
    fn bibtex_escaping_and_unique_keys() {
        assert_eq!(
            bibtex_escape("{a}\\b 100% & $x$ #1 a_b ~ ^\nnext"),
            "\\{a\\}\\textbackslash{}b 100\\% \\& \\$x\\$ \\#1 a\\_b \\textasciitilde{} \\textasciicircum{} next"
        );
        let sources = [
            src("Talks in Moscow", "Ivan Petrov", Some("RT"), Some((2021, 1, 11)), Some("https://rt.com/a?b={c}")),
            src("Talks in Moscow again", "Ivan Petrov", Some("RT"), Some((2021, 1, 12)), None),
            src(HOSTILE, "", Some("Ев}ил"), None, None),
            src("Талкс", "", None, None, None),
        ];
        let text = to_bibtex(&sources);
        let entries = parse_bibtex(&text);
        assert_eq!(entries.len(), 4, "{text}");
        let keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["petrov2021talks", "petrov2021talksb", "articlendcalca0", "articlend"]);
        let field = |e: usize, name: &str| entries[e].1.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
        assert_eq!(field(0, "author").as_deref(), Some("Petrov, Ivan"));
        assert_eq!(field(0, "url").as_deref(), Some("https://rt.com/a?b=%7Bc%7D"));
        assert_eq!(field(0, "date").as_deref(), Some("2021-01-11"));
        assert_eq!(field(2, "journal").as_deref(), Some("Ев\\}ил"));
        let title = field(2, "title").expect("title");
        assert!(!title.contains('\n') && title.contains("\\{\\textbackslash{}evil\\}"), "{title}");
    }

    #[test]
    fn csl_json_table() {
        let sources = [
            src("Talks", "Ivan Petrov, TASS", Some("RT"), Some((2021, 1, 11)), Some("https://rt.com/a")),
            src(HOSTILE, "", None, None, Some("javascript:x")),
        ];
        let v: serde_json::Value = serde_json::from_str(&to_csl_json(&sources)).expect("json");
        let items = v.as_array().expect("array");
        assert_eq!(items.len(), 2);
        assert_eq!(items[0]["type"], "article-newspaper");
        assert_eq!(items[0]["author"][0]["family"], "Petrov");
        assert_eq!(items[0]["author"][0]["given"], "Ivan");
        assert_eq!(items[0]["author"][1]["literal"], "TASS");
        assert_eq!(items[0]["container-title"], "RT");
        assert_eq!(items[0]["issued"]["date-parts"][0], serde_json::json!([2021, 1, 11]));
        assert_eq!(items[0]["URL"], "https://rt.com/a");
        assert_eq!(items[1]["title"], one_line(HOSTILE));
        assert!(items[1].get("URL").is_none() && items[1].get("issued").is_none());
    }
}
