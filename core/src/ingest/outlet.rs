//! Who published an article, and whom it reprints: outlet identity from
//! evidence, never from a guess.
//!
//! ## The publisher ([`publisher`])
//! Evidence is tried strongest first; the first kind that names one outlet
//! decides ([`EvidenceKind`] records which):
//!
//! 1. **URL**: the domain of the article's URL (front matter `url:`, a
//!    `url` column) when the registry knows the site. An outlet the input
//!    names otherwise is reported (an AllSides-style label such as `Guest
//!    Writer - Right`, or an agency whose story a site reprints).
//! 2. **Input**: the outlet the input names (front matter `outlet:`, a CSV
//!    `source` column): a registry outlet, else the name as given. A URL
//!    whose domain the registry does not know is still the site: without
//!    a name from the input, the outlet is named from the domain
//!    (`example-news.com`).
//! 3. **Site name** printed by the page: its title's suffix (`Headline -
//!    The Verge`, `Headline | lifehacker.com`), else the holder of a
//!    copyright line (`Copyright © 2019 The Washington Times, LLC`) or the
//!    site a disclaimer speaks for (`... do not represent the views of
//!    Townhall.com`), each as a whole name. A name the registry does not
//!    know counts only when the title and a copyright line agree (`... |
//!    Threatpost` and `Copyright © 2019 Threatpost`): a copyright holder
//!    alone is often the owner (`Vox Media`), a title suffix alone may be
//!    an artist or an author. A news agency's copyright (`© Thomson Reuters
//!    2020`) names the original source, not the publisher.
//! 4. **Signature**: a registry signature in the text (`/TASS/`), matched
//!    case-sensitively on word boundaries; the outlet whose signatures occur
//!    most often wins.
//!
//! A domain printed in the text is not evidence: pages cite and link other
//! outlets (`a piece on Politico.com`, `liberal website Vox.com`); on the
//! article-bias sample it named the wrong outlet on 4 of 14 pages.
//!
//! Two outlets of the same kind and strength decide nothing and the next
//! kind is tried. A weaker kind naming another outlet than the one kept
//! gives a warning. With no evidence the outlet is unknown and the reason
//! says what was looked for (and which credits the text prints).
//!
//! ## The original source ([`original_source`])
//! A reprint credits where it comes from. Credits are read in the article
//! itself (lead and first paragraphs) and in the lines around it on the
//! page (header and the lines right after the text, found by locating the
//! extracted title, lead and last paragraph in the raw lines):
//! an agency dateline (`MOSCOW (Reuters) -`, `(AP) —`), an agency between
//! slashes (`/TASS/`), `This post originally appeared on X`, `Source: X`
//! for an agency, an agency's copyright line (`© Thomson Reuters 2020`), an
//! outlet after a byline (`By Jane Doe, AP`), an agency alone as the byline,
//! and a byline naming a correspondent of another outlet (registry `staff`).
//! When the publisher is unknown, the credited outlet is recorded all the
//! same (the reader says "credited to", not "reprinted from").
//! A credit naming the publisher itself means the article is its own. Only
//! registry outlets become original sources; other credited names are
//! mentioned in the evidence.

use super::registry::{fold_name, url_host, OutletEntry, Registry};
use super::txt::{Extracted, Hints};
use crate::model::EvidenceKind;

/// The publisher of one input, and how it was identified.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Publisher {
    /// Registry key, or the key made up for an outlet the registry does not
    /// know ([`Publisher::name`] set); `None` when unknown.
    pub key: Option<String>,
    /// Display name of an outlet the registry does not know.
    pub name: Option<String>,
    /// The kind of evidence.
    pub kind: EvidenceKind,
    /// The evidence in words, or why the outlet is unknown.
    pub detail: String,
    /// Disagreeing evidence and other notes for the report.
    pub warnings: Vec<String>,
}

/// The outlet an article is reprinted from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Reprint {
    /// Registry key of the original source.
    pub key: String,
    /// The credit, in words.
    pub evidence: String,
}

/// Separators between a headline and a site name in a page title.
const TITLE_SEPARATORS: &[&str] = &[" | ", " — ", " – ", " - ", " :: ", " « ", " » ", " / ", " · "];

/// One candidate of a kind: outlet key, display name (for an outlet the
/// registry does not know), evidence.
type Candidate = (String, Option<String>, String);

/// Identifies the publisher of a text (see the module docs).
pub fn publisher(text: &str, hints: &Hints, registry: &Registry) -> Publisher {
    let mut warnings = Vec::new();
    let given = hints.outlet.as_deref().map(str::trim).filter(|n| !n.is_empty());
    if let Some(n) = given.filter(|n| crate::text::terms(n).is_empty()) {
        warnings.push(format!("the input names the outlet \"{n}\", which is not a name"));
    }
    let given = given.filter(|n| !crate::text::terms(n).is_empty());
    let given_known = given.and_then(|n| registry.resolve_given(n));
    // 1. The URL's domain, when the registry knows the site.
    if let Some(url) = hints.url.as_deref() {
        if let Some(o) = registry.resolve_url(url) {
            if let Some(n) = given.filter(|_| given_known.is_none_or(|g| g.key != o.key)) {
                warnings.push(format!(
                    "the input names the outlet \"{n}\"; the URL is on {}'s site: filed under {}",
                    o.name, o.name
                ));
            }
            return finish(
                (o.key.clone(), None, format!("domain of the URL {url}")),
                EvidenceKind::Url,
                None,
                warnings,
            );
        }
    }
    // 2. The input's own name for it.
    if let (Some(n), Some(o)) = (given, given_known) {
        return finish(
            (o.key.clone(), None, format!("given by the input: \"{n}\"")),
            EvidenceKind::Input,
            None,
            warnings,
        );
    }
    if let Some(n) = given {
        let detail = format!("given by the input: \"{n}\" (not in the registry)");
        let key = format!("named-{}", crate::text::terms(n).join("-"));
        return Publisher { key: Some(key), name: Some(n.to_string()), kind: EvidenceKind::Input, detail, warnings };
    }
    // A URL on a site the registry does not know: that site.
    if let Some(url) = hints.url.as_deref() {
        match url_host(url) {
            Some(host) => {
                return Publisher {
                    key: Some(host.clone()),
                    name: Some(host),
                    kind: EvidenceKind::Url,
                    detail: format!("domain of the URL {url} (a site the registry does not know)"),
                    warnings,
                }
            }
            None => warnings.push(format!("the URL \"{url}\" has no host name")),
        }
    }
    // 3-4. Evidence on the page.
    let page = page_evidence(text, hints, registry);
    for (kind, candidates) in &page.kinds {
        if let Some(decided) = decide(candidates) {
            return finish(decided, *kind, Some(&page), warnings);
        }
        if distinct(candidates) > 1 {
            warnings.push(format!(
                "outlet evidence of one kind disagrees ({}): not used",
                candidates.iter().map(|c| c.2.as_str()).collect::<Vec<_>>().join("; ")
            ));
        }
    }
    let mut why = vec!["no URL, no site name the registry knows in the title, a copyright line or a disclaimer, no registry signature in the text".to_string()];
    if let Some(t) = &page.unknown_title_site {
        why.push(format!("the title names \"{t}\", which the registry does not know (add it to outlets.toml)"));
    }
    Publisher { key: None, name: None, kind: EvidenceKind::None, detail: why.join("; "), warnings }
}

/// The publisher from the deciding evidence, with a warning when weaker
/// page evidence names another outlet.
fn finish(decided: Candidate, kind: EvidenceKind, page: Option<&PageEvidence>, mut warnings: Vec<String>) -> Publisher {
    let (key, name, detail) = decided;
    for (k, candidates) in page.map_or(&[][..], |p| p.kinds.as_slice()) {
        if *k <= kind {
            continue;
        }
        if let Some(other) = candidates.iter().find(|c| c.0 != key) {
            warnings.push(format!("{} points to another outlet ({}); kept {detail}", k.label(), other.2));
        }
    }
    Publisher { key: Some(key), name, kind, detail, warnings }
}

fn distinct(candidates: &[Candidate]) -> usize {
    let mut keys: Vec<&str> = candidates.iter().map(|c| c.0.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    keys.len()
}

/// One outlet named by every candidate of a kind.
fn decide(candidates: &[Candidate]) -> Option<Candidate> {
    (distinct(candidates) == 1).then(|| candidates[0].clone())
}

/// Evidence for the publisher found on the page, strongest kind first.
struct PageEvidence {
    kinds: Vec<(EvidenceKind, Vec<Candidate>)>,
    /// A site name in the title suffix the registry does not know.
    unknown_title_site: Option<String>,
}

fn page_evidence(text: &str, hints: &Hints, registry: &Registry) -> PageEvidence {
    let title = hints
        .title
        .clone()
        .or_else(|| text.lines().map(str::trim).find(|l| !l.is_empty()).map(|l| l.chars().take(400).collect()))
        .unwrap_or_default();
    let holders: Vec<(String, String)> = text
        .lines()
        .map(str::trim)
        .filter(|l| crate::text::chars_at_most(l, 300))
        .filter_map(|l| copyright_holders(l).map(|h| (l.to_string(), h)))
        .flat_map(|(l, hs)| hs.into_iter().map(move |h| (l.clone(), h)))
        .collect();
    let mut site: Vec<Candidate> = Vec::new();
    let mut unknown_title_site = None;
    for seg in title_site_segments(&title) {
        match registry.resolve_name(&seg) {
            Some(o) => site.push((o.key.clone(), None, format!("site name \"{seg}\" in the page title"))),
            None => {
                let f = fold_name(&seg);
                let f = f.strip_prefix("the ").unwrap_or(&f);
                let corroborated = holders.iter().find(|(_, h)| {
                    let hf = fold_name(h);
                    hf.strip_prefix("the ").unwrap_or(&hf) == f
                });
                let domain = !seg.contains(' ') && url_host(&seg).is_some();
                match corroborated {
                    Some((line, _)) => site.push((
                        format!("site-{}", f.replace(' ', "-")),
                        Some(seg.clone()),
                        format!("site name \"{seg}\" in the page title and the copyright line \"{line}\""),
                    )),
                    None if domain => {
                        let host = url_host(&seg).unwrap_or_default();
                        site.push((
                            host.clone(),
                            Some(host),
                            format!("site name \"{seg}\" (a domain) in the page title"),
                        ))
                    }
                    None if seg.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                        && seg.split_whitespace().count() <= 4 =>
                    {
                        unknown_title_site = unknown_title_site.or(Some(seg.clone()))
                    }
                    None => {}
                }
            }
        }
        // Only the segment nearest the end that names a site counts.
        if !site.is_empty() {
            break;
        }
    }
    // A copyright holder the registry knows (not an agency: its copyright
    // marks a reprint), or the site a disclaimer speaks for.
    let mut copyright: Vec<Candidate> = Vec::new();
    for (line, h) in &holders {
        if let Some(o) = registry.resolve_name(h).filter(|o| !o.agency) {
            copyright.push((o.key.clone(), None, format!("copyright line \"{line}\"")));
        }
    }
    for line in text.lines().map(str::trim).filter(|l| crate::text::chars_at_most(l, 300)) {
        if let Some(o) = disclaimer_site(line).and_then(|n| registry.resolve_name(&n)).filter(|o| !o.agency) {
            let line: String = line.chars().take(120).collect();
            copyright.push((o.key.clone(), None, format!("disclaimer \"{line}\"")));
        }
    }
    // The title's site name beats a copyright holder that disagrees.
    if site.is_empty() {
        site = copyright;
    }
    let signatures: Vec<Candidate> = registry
        .signatures_in(text)
        .into_iter()
        .map(|(o, s, n)| (o.key.clone(), None, format!("signature \"{s}\" in the text{}", times(n))))
        .collect();
    // Signatures: the outlet with the most occurrences.
    let signatures = most_frequent(signatures, registry, text);
    PageEvidence {
        kinds: vec![(EvidenceKind::SiteName, site), (EvidenceKind::Signature, signatures)],
        unknown_title_site,
    }
}

/// The site a disclaimer speaks for: `... do not necessarily represent the
/// views of Townhall.com.`, `They do not purport to reflect the opinions or
/// views of Hyetert.`
fn disclaimer_site(line: &str) -> Option<String> {
    if !(line.contains("views of ") || line.contains("opinions of ") || line.contains("position of ")) {
        return None;
    }
    let lower = line.to_ascii_lowercase();
    let not = lower.find(" not ")?;
    let at = ["views of ", "opinions of ", "position of "]
        .iter()
        .filter_map(|m| lower.rfind(m).map(|i| i + m.len()))
        .max()?;
    if at < not {
        return None;
    }
    let rest = line.get(at..)?;
    let name = rest.split(['.', ',', ';', '(', '*', '!']).next().unwrap_or("");
    // `Townhall.com.` keeps its domain.
    let domain = !name.contains(' ') && rest[name.len()..].chars().nth(1).is_some_and(char::is_alphanumeric);
    let name = if domain { rest.split([' ', ',', ';', '*']).next().unwrap_or("").trim_end_matches('.') } else { name };
    let name = name.trim().trim_start_matches("the ").trim_start_matches("The ");
    (!name.is_empty() && name.split_whitespace().count() <= 5).then(|| name.to_string())
}

fn times(n: usize) -> String {
    if n > 1 {
        format!(" ({n} times)")
    } else {
        String::new()
    }
}

/// The signature candidates of the outlet printed most often (all of them
/// on a tie).
fn most_frequent(candidates: Vec<Candidate>, registry: &Registry, text: &str) -> Vec<Candidate> {
    if distinct(&candidates) <= 1 {
        return candidates;
    }
    let count = |key: &str| -> usize {
        registry
            .get(key)
            .map_or(0, |o| o.signatures.iter().map(|s| super::registry::count_on_boundaries(text, s)).sum::<usize>())
    };
    let best = candidates.iter().map(|c| count(&c.0)).max().unwrap_or(0);
    let top: Vec<Candidate> = candidates.iter().filter(|c| count(&c.0) == best).cloned().collect();
    top
}

/// Segments of a page title that may be the site's name: the last one
/// after a separator, then the first one (`Site | Headline`), when the rest
/// is a headline of two words or more.
fn title_site_segments(title: &str) -> Vec<String> {
    let Some((i, sep)) = TITLE_SEPARATORS.iter().filter_map(|s| title.rfind(s).map(|i| (i, *s))).max_by_key(|x| x.0)
    else {
        return vec![];
    };
    let mut out = Vec::new();
    let (head, tail) = (&title[..i], title[i + sep.len()..].trim());
    if head.split_whitespace().count() >= 2 && (1..=6).contains(&tail.split_whitespace().count()) {
        out.push(tail.to_string());
    }
    if let Some((j, sep)) = TITLE_SEPARATORS.iter().filter_map(|s| title.find(s).map(|j| (j, *s))).min_by_key(|x| x.0) {
        let (first, rest) = (title[..j].trim(), &title[j + sep.len()..]);
        if rest.split_whitespace().count() >= 2 && (1..=6).contains(&first.split_whitespace().count()) {
            out.push(first.to_string());
        }
    }
    out
}

/// Corporate suffixes dropped from a copyright holder.
const CORPORATE: &[&str] = &[
    "inc",
    "llc",
    "ltd",
    "limited",
    "gmbh",
    "corp",
    "corporation",
    "company",
    "co",
    "plc",
    "ag",
    "sa",
    "s a",
    "l l c",
];

/// The holders a copyright line names (`Copyright © 2019 The Washington
/// Times, LLC. Click here ...` -> `The Washington Times`), `None` when the
/// line is not a copyright line. Picture credits (`Image copyright
/// Reuters`) are not copyright lines of the page.
pub fn copyright_holders(line: &str) -> Option<Vec<String>> {
    if !(line.contains('©') || line.contains("opyright") || line.contains("OPYRIGHT") || line.contains("(c)")) {
        return None;
    }
    let lower = line.to_ascii_lowercase();
    let mark =
        ["©", "copyright", "(c) "].iter().filter_map(|m| lower.find(m).map(|at| (at, *m))).min_by_key(|x| x.0)?;
    if ["image", "photo", "picture", "video", "foto", "bild", "caption", "graphic"].iter().any(|w| {
        lower[..mark.0].contains(w) || lower.contains(&format!("{w} copyright")) || lower.contains(&format!("{w}: ©"))
    }) {
        return None;
    }
    // Only near the start of the line (a footer line), or after a short name
    // (`Luxurious Magazine © 2011-2019`); a word `copyright` must be followed
    // by a mark, a year or a name (not "the copyright of the speech").
    if line[..mark.0].split_whitespace().count() > 6 {
        return None;
    }
    if mark.1 != "©" {
        let next = line[mark.0 + mark.1.len()..].trim_start();
        if !next.starts_with(|c: char| c == '©' || c == '(' || c.is_ascii_digit() || c.is_uppercase()) {
            return None;
        }
    }
    let mut out = Vec::new();
    let clean = |s: &str| -> Option<String> {
        // Up to the first sentence or field end.
        let s = s.split(['|', ';', '•', '·']).next().unwrap_or("");
        let s = s.split(". ").next().unwrap_or(s);
        let mut words: Vec<&str> = s
            .split_whitespace()
            .filter(|w| {
                let t = w.trim_matches(|c: char| !c.is_alphanumeric());
                !(t.is_empty()
                    || t.eq_ignore_ascii_case("copyright")
                    || t.eq_ignore_ascii_case("c") && w.contains('(')
                    || t.bytes().all(|b| b.is_ascii_digit() || b == b'-'))
            })
            .collect();
        if words.first().is_some_and(|w| w.eq_ignore_ascii_case("by")) {
            words.remove(0);
        }
        let mut s = words.join(" ").replace('©', "");
        let lower = s.to_ascii_lowercase();
        if let Some(at) = lower.find("all rights reserved") {
            s.truncate(at);
        }
        let mut s = s.trim().trim_matches(|c: char| !c.is_alphanumeric()).to_string();
        // Corporate suffixes: ", LLC", " Inc."
        loop {
            let f = s.to_ascii_lowercase();
            let cut = CORPORATE.iter().find_map(|c| {
                let f = f.trim_end_matches('.');
                f.strip_suffix(c).filter(|rest| rest.ends_with([' ', ','])).map(str::len)
            });
            match cut {
                Some(n) => s = s[..n].trim().trim_end_matches(',').trim().to_string(),
                None => break,
            }
        }
        let words = s.split_whitespace().count();
        (s.chars().any(char::is_alphabetic) && (1..=8).contains(&words)).then_some(s)
    };
    let before = line[..mark.0].trim();
    if !before.is_empty() {
        out.extend(clean(before));
    }
    out.extend(clean(&line[mark.0 + mark.1.len()..]));
    Some(out)
}

/// How a credit names an outlet, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum CreditForm {
    Dateline,
    Slashes,
    Originally,
    SourceLine,
    Copyright,
    Byline,
    AgencyName,
    Staff,
}

impl CreditForm {
    fn label(self) -> &'static str {
        match self {
            CreditForm::Dateline => "agency in the dateline",
            CreditForm::Slashes => "agency between slashes",
            CreditForm::Originally => "first-published credit",
            CreditForm::SourceLine => "source credit",
            CreditForm::Copyright => "agency copyright line",
            CreditForm::Byline => "byline credit",
            CreditForm::AgencyName => "agency named as the author",
            CreditForm::Staff => "staff byline",
        }
    }
}

/// The credits printed with one article (see the module docs), read once
/// for [`original_source`] and [`unknown_credits`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credits(Vec<(CreditForm, String, String)>);

impl Credits {
    /// Reads the credits of an extracted article in its raw text.
    pub fn read(text: &str, ex: &Extracted, hints: &Hints) -> Credits {
        Credits(credits(text, ex, hints))
    }
}

/// Credits printed with an article: (form, name as printed, line).
fn credits(text: &str, ex: &Extracted, hints: &Hints) -> Vec<(CreditForm, String, String)> {
    let mut out: Vec<(CreditForm, String, String)> = Vec::new();
    // The article's own first paragraphs: datelines and slashes.
    let opening: Vec<&str> =
        std::iter::once(ex.lead.as_str()).chain(ex.body.iter().take(2).map(|b| b.text())).collect();
    for p in &opening {
        let head: String = p.chars().take(300).collect();
        if let Some(n) = dateline_agency(&head) {
            out.push((CreditForm::Dateline, n, head.clone()));
        }
        for n in slash_agencies(&head) {
            out.push((CreditForm::Slashes, n, head.clone()));
        }
    }
    let lines = article_window(text, ex);
    for (line, in_header) in &lines {
        let lower = line.to_ascii_lowercase();
        if !crate::text::chars_at_most(line, 400) {
            continue;
        }
        if let Some(n) = dateline_agency(line) {
            out.push((CreditForm::Dateline, n, line.to_string()));
        }
        for n in originally_from(line, &lower) {
            out.push((CreditForm::Originally, n, line.to_string()));
        }
        for n in source_names(line, &lower) {
            out.push((CreditForm::SourceLine, n, line.to_string()));
        }
        if let Some(hs) = copyright_holders(line) {
            for h in hs {
                out.push((CreditForm::Copyright, h, line.to_string()));
            }
        }
        if let Some(n) = byline_tail(line, &lower) {
            out.push((CreditForm::Byline, n, line.to_string()));
        }
        // A name alone on a header line (`Reuters` under the headline).
        if *in_header && line.split_whitespace().count() <= 4 && !line.contains(':') {
            out.push((CreditForm::AgencyName, line.to_string(), line.to_string()));
        }
    }
    for a in ex.author.iter().chain(hints.author.iter()) {
        out.push((CreditForm::Staff, a.clone(), format!("byline \"{a}\"")));
        // An agency as the author (`Associated Press`).
        out.push((CreditForm::AgencyName, a.clone(), format!("byline \"{a}\"")));
    }
    out
}

/// The original source of an article whose publisher is `publisher` (see
/// the module docs); credited names the registry does not know are
/// mentioned in its evidence.
pub fn original_source(credits: &Credits, publisher: Option<&str>, registry: &Registry) -> Option<Reprint> {
    let found = credits.0.iter().cloned();
    let mut known: Vec<(CreditForm, &OutletEntry, String, String)> = Vec::new();
    let mut unknown: Vec<String> = Vec::new();
    for (form, name, line) in found {
        let outlet = match form {
            CreditForm::Staff => registry.staff_outlet(&name),
            // A bare name on a header line or an author names the original
            // source only when it is an agency's; so does `Source:`, which
            // on other outlets' names is as often a citation (`Quelle:
            // Wikipedia`).
            CreditForm::AgencyName | CreditForm::SourceLine => registry.resolve_name(&name).filter(|o| o.agency),
            // An agency's copyright line of the article (`© Thomson Reuters
            // 2020`) has a year and no other field; a picture credit (`© dpa
            // | Kay Nietfeld`) has neither.
            CreditForm::Copyright => registry.resolve_name(&name).filter(|o| {
                o.agency && !line.contains('|') && line.split(|c: char| !c.is_ascii_digit()).any(|d| d.len() == 4)
            }),
            _ => registry.resolve_name(&name),
        };
        match outlet {
            Some(o) if !known.iter().any(|k| k.1.key == o.key && k.0 == form) => known.push((form, o, name, line)),
            None if matches!(form, CreditForm::Dateline | CreditForm::SourceLine | CreditForm::Slashes)
                && !unknown.contains(&name) =>
            {
                unknown.push(name)
            }
            _ => {}
        }
    }
    known.sort_by_key(|k| k.0);
    // A credit naming the publisher: its own story.
    if let Some(p) = publisher {
        if known.iter().any(|k| k.1.key == p) {
            return None;
        }
    }
    let (form, o, name, line) = known.first()?;
    let line: String = line.chars().take(120).collect();
    let mut evidence = match form {
        CreditForm::Staff => format!("byline \"{name}\": a correspondent of {} (registry staff list)", o.name),
        _ => format!("{} \"{name}\" in \"{line}\"", form.label()),
    };
    if !unknown.is_empty() {
        let names: Vec<String> = unknown.iter().map(|n| format!("\"{n}\"")).collect();
        evidence.push_str(&format!("; the text also credits {}, not in the registry", names.join(", ")));
    }
    Some(Reprint { key: o.key.clone(), evidence })
}

/// Names credited in the text that the registry does not know (for the
/// reason of an unknown outlet).
pub fn unknown_credits(credits: &Credits, registry: &Registry) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (form, name, _) in credits.0.iter().cloned() {
        if matches!(form, CreditForm::Dateline | CreditForm::SourceLine | CreditForm::Slashes)
            && registry.resolve_name(&name).is_none()
            && !out.contains(&name)
        {
            out.push(name);
        }
    }
    out
}

/// An agency in a dateline: `MOSCOW (Reuters) - ...`, `(AP) — ...`.
fn dateline_agency(line: &str) -> Option<String> {
    let open = line.find('(')?;
    let close = open + line[open..].find(')')?;
    let after = line[close + 1..].trim_start();
    let name = line[open + 1..close].trim();
    (open < 60
        && (1..=40).contains(&name.len())
        && after.starts_with(['-', '—', '–'])
        && name.chars().next().is_some_and(char::is_uppercase)
        // The text before it is a place in capitals (`WASHINGTON/NEW YORK`).
        && line[..open].chars().all(|c| !c.is_lowercase()))
    .then(|| name.to_string())
}

/// Agencies between slashes in a dateline: `SOCHI, October 5. /TASS/.`,
/// near the start of the paragraph, the slashes standing apart from the
/// words around them (not a picture credit, `Klimentyev/AFP/Getty Images`).
fn slash_agencies(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = line[from..].find('/').map(|i| i + from) {
        if open > 80 {
            break;
        }
        let Some(close) = line[open + 1..].find('/').map(|i| i + open + 1) else {
            break;
        };
        let name = line[open + 1..close].trim();
        let before_ok = line[..open].chars().next_back().is_none_or(char::is_whitespace);
        let after_ok = line[close + 1..].chars().next().is_none_or(|c| c == '.' || c == ',' || c.is_whitespace());
        if before_ok
            && after_ok
            && (2..=12).contains(&name.chars().count())
            && name.chars().all(|c| c.is_uppercase() || c == '-')
        {
            out.push(name.to_string());
        }
        from = close;
    }
    out
}

/// Cuts a credited text into names: `EFE – El Salto`, `AP and Reuters`.
fn split_names(s: &str) -> Vec<String> {
    let s = s.split(['(', '|', ';', '\n']).next().unwrap_or("");
    let mut parts = vec![s.to_string()];
    for sep in [",", " – ", " — ", " - ", " / ", " and ", " & ", " with ", " y ", " und ", " et "] {
        parts = parts.iter().flat_map(|p| p.split(sep).map(str::to_string).collect::<Vec<_>>()).collect();
    }
    parts
        .into_iter()
        .map(|p| p.trim().trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|p| !p.is_empty() && p.split_whitespace().count() <= 6)
        .collect()
}

/// Names after `Source:` (and its translations).
fn source_names(line: &str, lower: &str) -> Vec<String> {
    if !lower.contains(':') {
        return vec![];
    }
    // (`lower` is lower-cased in ASCII only, so its byte offsets are the
    // line's.)
    for p in ["sources:", "source:", "quelle:", "источник:", "Источник:", "ИСТОЧНИК:", "fuente:", "fonte:", "kaynak:"]
    {
        if let Some(at) = lower.find(p).filter(|&at| at == 0 || lower[..at].ends_with([' ', '.'])) {
            if let Some(rest) = line.get(at + p.len()..) {
                return split_names(rest);
            }
        }
    }
    vec![]
}

/// The outlet after `originally published on`, `first appeared in`,
/// `republished from`, `reprinted with permission of`.
fn originally_from(line: &str, lower: &str) -> Vec<String> {
    const MARKS: &[&str] = &[
        "originally published on",
        "originally published in",
        "originally published by",
        "originally published at",
        "originally appeared on",
        "originally appeared in",
        "first published on",
        "first published in",
        "first published by",
        "first appeared on",
        "first appeared in",
        "republished from",
        "reprinted from",
        "republished with permission of",
        "reprinted with permission of",
        "reprinted with permission from",
        "republished with permission from",
    ];
    if !(lower.contains("published") || lower.contains("appeared") || lower.contains("reprinted")) {
        return vec![];
    }
    for m in MARKS {
        let Some(at) = lower.find(m) else { continue };
        // The sentence must be a credit (`This post originally appeared on
        // Grist.`), not a report (`a conversation first published by The
        // Washington Post`).
        let sentence_start = lower[..at]
            .rfind(['.', '!', '?', '*', '—'])
            .map_or(0, |i| i + lower[i..].chars().next().map_or(1, char::len_utf8));
        let sentence = lower[sentence_start..at].trim_start();
        let credit = sentence.is_empty()
            || [
                "this ",
                "it ",
                "a version of this",
                "an earlier version of this",
                "the article ",
                "the story ",
                "editor",
            ]
            .iter()
            .any(|w| sentence.starts_with(w));
        if !credit || sentence.split_whitespace().count() > 8 {
            continue;
        }
        if let Some(rest) = line.get(at + m.len()..) {
            let rest = rest.trim_start();
            let rest = rest.split(". ").next().unwrap_or(rest).trim_end_matches('.');
            return split_names(rest);
        }
    }
    vec![]
}

/// The outlet after a byline: `By Jane Doe, Reuters`, `By Jane Doe | AP`.
fn byline_tail(line: &str, lower: &str) -> Option<String> {
    if !lower.starts_with("by ") || !crate::text::chars_at_most(line, 160) {
        return None;
    }
    [", ", " | ", " for ", " For ", " - ", " — "]
        .iter()
        .filter_map(|sep| line.rfind(sep).map(|i| &line[i + sep.len()..]))
        .min_by_key(|t| t.len())
        .map(|t| t.trim().trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        // An e-mail address is the author's, not a credit.
        .filter(|t| !t.is_empty() && !t.contains('@') && t.split_whitespace().count() <= 6)
}

/// A line's first words, folded, to find an extracted paragraph among the
/// raw lines.
fn signature_of(s: &str) -> String {
    // (Into one string: a string per word and their join were 2.5% of
    // text ingest, since every raw line of the page gets a signature.)
    signature_chars(s).collect()
}

/// The characters of [`signature_of`]: the first six words' letters and
/// digits, lowercased, the words separated by a space.
fn signature_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    s.split_whitespace().take(6).enumerate().flat_map(|(n, w)| {
        (n > 0).then_some(' ').into_iter().chain(w.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase))
    })
}

/// Whether [`signature_of`] `s` is `sig`, without building it and read
/// no further than the first character that differs: the article's
/// paragraphs are looked for among every raw line of the page, and most
/// lines differ in their first letters (building each line's signature
/// was 2% of text ingest).
fn has_signature(s: &str, sig: &str) -> bool {
    signature_chars(s).eq(sig.chars())
}

/// The raw lines around the article on the page, each with whether it
/// stands in the header (above the lead): from a few lines above the title
/// to a dozen after the last paragraph. When the extracted text cannot be
/// located, the first 40 and last 15 lines.
fn article_window<'a>(text: &'a str, ex: &Extracted) -> Vec<(&'a str, bool)> {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let find = |s: &str, from: usize| -> Option<usize> {
        let sig = signature_of(s);
        if sig.split(' ').count() < 3 {
            return None;
        }
        lines.iter().skip(from).position(|l| has_signature(l, &sig)).map(|i| i + from)
    };
    let lead_at = find(&ex.lead, 0);
    let last = ex.body.iter().rev().find(|b| matches!(b, crate::model::Block::Paragraph(_))).map(|b| b.text());
    match lead_at {
        Some(lead) => {
            let (title_sig, title_key) = (signature_of(&ex.title), fold_name(&ex.title));
            let title_at =
                lines[..lead].iter().rposition(|l| has_signature(l, &title_sig) && fold_name(l) == title_key);
            let from = title_at.unwrap_or(lead.saturating_sub(12)).saturating_sub(3);
            let end = last.and_then(|l| find(l, lead)).unwrap_or(lead);
            let to = (end + 13).min(lines.len());
            lines[from..to]
                .iter()
                .enumerate()
                .map(|(i, l)| (*l, from + i < lead && from + i > title_at.unwrap_or(from)))
                .collect()
        }
        None => {
            let tail_from = lines.len().saturating_sub(15).max(40);
            lines
                .iter()
                .take(40)
                .map(|l| (*l, false))
                .chain(lines.iter().skip(tail_from).map(|l| (*l, false)))
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copyright_holders_table() {
        let h = |l: &str| copyright_holders(l);
        assert_eq!(
            h("Copyright © 2019 The Washington Times, LLC. Click here for reprint permission."),
            Some(vec!["The Washington Times".into()])
        );
        assert_eq!(h("Luxurious Magazine © 2011-2019. All Rights Reserved."), Some(vec!["Luxurious Magazine".into()]));
        assert_eq!(h("© Thomson Reuters 2020"), Some(vec!["Thomson Reuters".into()]));
        assert_eq!(
            h("Copyright © 2020, Los Angeles Times | Terms of Service | Privacy Policy"),
            Some(vec!["Los Angeles Times".into()])
        );
        assert_eq!(h("© 2020 The New York Times Company"), Some(vec!["The New York Times".into()]));
        assert_eq!(h("Copyright 2020 © The New Republic. All rights reserved."), Some(vec!["The New Republic".into()]));
        assert_eq!(
            h("TheAtlantic.com Copyright (c) 2020 by The Atlantic Monthly Group. All Rights Reserved."),
            Some(vec!["TheAtlantic.com".into(), "The Atlantic Monthly Group".into()])
        );
        assert_eq!(h("© 2020 Foo Media. All rights reserved."), Some(vec!["Foo Media".into()]));
        assert_eq!(h("Image copyright Reuters"), None);
        assert_eq!(h("Putin said the copyright of the speech belongs to the Kremlin press office today"), None);
        assert_eq!(h("No mark here"), None);
    }

    #[test]
    fn disclaimers_table() {
        let d = disclaimer_site;
        assert_eq!(
            d("Opinions expressed by columnists are their own and do not represent the views of Townhall.com."),
            Some("Townhall.com".into())
        );
        assert_eq!(
            d("***Opinions expressed are those of the author(s). They do not purport to reflect the opinions or views of Hyetert.***"),
            Some("Hyetert".into())
        );
        assert_eq!(d("The views of the minister were not shared."), None);
        // A long phrase after "views of" is prose, not a site name.
        assert_eq!(d("He did not share the views of his party on taxes and spending in the long run."), None);
    }

    #[test]
    fn lines_whose_lower_case_is_longer_do_not_break_offsets() {
        // `İ` lower-cases to two characters: offsets found in a Unicode
        // lower-cased copy would not be the line's.
        for l in [
            "İİİİ © İstanbul Haber 2020 İİ",
            "İİ Source: EFE",
            "İİİ This post originally appeared on Grist.",
            "İ do not reflect the views of Hyetert.",
        ] {
            let lower = l.to_ascii_lowercase();
            let _ = (copyright_holders(l), source_names(l, &lower), originally_from(l, &lower), disclaimer_site(l));
        }
        assert_eq!(copyright_holders("© İstanbul Haber 2020"), Some(vec!["İstanbul Haber".into()]));
        let l = "İİ Source: EFE";
        assert_eq!(source_names(l, &l.to_ascii_lowercase()), vec!["EFE".to_string()]);
    }

    #[test]
    fn title_site_segments_table() {
        assert_eq!(title_site_segments("iOS 13 will fix the FaceTime problem - The Verge"), vec!["The Verge"]);
        assert!(title_site_segments("Boing Boing | Hating Millennials is allowed").contains(&"Boing Boing".to_string()));
        assert!(title_site_segments("A headline without a site").is_empty());
    }

    #[test]
    fn credit_forms_table() {
        assert_eq!(dateline_agency("WASHINGTON/NEW YORK (Reuters) - U.S. investigators"), Some("Reuters".into()));
        assert_eq!(dateline_agency("(AP) — The storm hit"), Some("AP".into()));
        assert_eq!(dateline_agency("The vote (Tuesday) - a surprise"), None);
        assert_eq!(slash_agencies("SOCHI, October 5. /TASS/. Putin said"), vec!["TASS".to_string()]);
        assert!(slash_agencies("Putin greets Trump. Mikhail Klimentyev/AFP/Getty Images").is_empty());
        assert_eq!(split_names(" EFE – El Salto"), vec!["EFE".to_string(), "El Salto".to_string()]);
        let l = "Source: commonspace.eu with the press service of the President of Russia";
        assert_eq!(source_names(l, &l.to_ascii_lowercase())[0], "commonspace.eu");
        let l = "This article was originally published on The Conversation. Read the original.";
        assert_eq!(originally_from(l, &l.to_ascii_lowercase()), vec!["The Conversation".to_string()]);
        let l = "Joe Biden is a candidate. This column originally appeared in the Des Moines Register.";
        assert_eq!(originally_from(l, &l.to_ascii_lowercase()), vec!["the Des Moines Register".to_string()]);
        // A report of someone else's scoop is not a credit.
        let l = "In a hot mic conversation first published by The Washington Post, Trump is heard";
        assert!(originally_from(l, &l.to_ascii_lowercase()).is_empty());
        let l = "By Jane Doe, Associated Press";
        assert_eq!(byline_tail(l, &l.to_ascii_lowercase()), Some("Associated Press".into()));
        let l = "By Grace Zokovitch | gzokovitch@bostonherald.com";
        assert_eq!(byline_tail(l, &l.to_ascii_lowercase()), None);
    }

    proptest::proptest! {
        // Comparing without building is comparing the signatures: against
        // the signature of a text drawn from the same characters (often
        // equal, or a prefix) and the text's own.
        #[test]
        fn has_signature_is_comparing_signatures(
            line in "[ aAbİ.’\u{4e00}\t]{0,20}",
            other in "[ aAbİ.’\u{4e00}]{0,14}",
        ) {
            let sig = signature_of(&other);
            proptest::prop_assert_eq!(has_signature(&line, &sig), signature_of(&line) == sig);
            proptest::prop_assert!(has_signature(&line, &signature_of(&line)));
        }
    }
}
