//! Pass 6: credit, source and wire lines. Agencies and outlets sign the
//! end of an article with a line that is not its text but says where the
//! text came from:
//!
//! | printed | read as |
//! |---|---|
//! | `teleSUR/ JF Source: EFE – El Salto` | credit `teleSUR`, initials `JF`, sources `EFE`, `El Salto` |
//! | `Source: commonspace.eu with the press service of the President of Russia` | sources `commonspace.eu`, `the press service of the President of Russia` |
//! | `Fuente: EFE`, `Источник: ТАСС`, `Quelle: dpa` | sources |
//! | `(Reporting by Jane Doe; Editing by John Smith)` | contributors `Reporting by Jane Doe`, `Editing by John Smith` |
//! | `— AP`, `- AFP` (an agency of the registry after a dash) | sources |
//! | `With AFP`, `Avec AFP et Reuters` (agencies of the registry) | sources |
//! | `teleSUR/ JF`, `RT / AB` (a registry outlet, a slash, initials) | credit and initials |
//!
//! [`parse`] reads one line; [`credits`] finds the credit lines of an
//! article's tail (the lines after its last paragraph of prose, up to three
//! lines past the end of its span, before any tail marker) and marks them
//! as furniture, so they are kept as [`Credit`]s and never in the body. The
//! phrases (`Source:` and its translations, the words joining names, the
//! roles of a wire credit, `With`) are data, one table per language
//! ([`super::phrases`]); agency names come from the outlet registry.
//!
//! Limits: a line is a credit only when what follows `Source:` reads as a
//! name (a capital letter, a digit or a domain first): `Source: a senior
//! official said` is a sentence and stays in the body, and so does
//! `Source: the press service` (a lower-case article first; rare as a
//! credit). Credits above the article (under the headline) and source
//! lines under a chart in the middle of the text are not read as the
//! article's credits. Initials are kept as printed, never expanded into an
//! author.

use super::lines::LineKind;
use super::main_text::Span;
use super::phrases::phrases;
use crate::ingest::registry::Registry;
use crate::model::Credit;

/// Longest line read as a credit, in characters.
const MAX_CREDIT: usize = 200;
/// Lines after the end of the article's span that may carry its credit.
const TAIL: usize = 3;

/// The credit lines of an article's tail (see the module docs), marked as
/// [`LineKind::Junk`] in `kinds` so that the body leaves them out.
pub(super) fn credits(lines: &[String], kinds: &mut [LineKind], span: &Span, registry: &Registry) -> Vec<Credit> {
    let end = (span.end + TAIL).min(lines.len());
    // The tail starts after the last paragraph of prose that is not a
    // credit itself, found from the end: reading every paragraph of the
    // span as a credit, only for the last one to count, was 7% of text
    // ingest.
    let from = (span.start..span.end.min(lines.len()))
        .rev()
        .find(|&i| {
            kinds[i] == LineKind::Text && super::lines::is_prose(&lines[i]) && parse(&lines[i], registry).is_none()
        })
        .map_or(span.start, |i| i + 1);
    let mut out = Vec::new();
    for i in from..end {
        if i >= span.end && matches!(kinds[i], LineKind::TailMarker) {
            break;
        }
        if let Some(c) = parse(&lines[i], registry) {
            kinds[i] = LineKind::Junk;
            out.push(c);
        }
    }
    out
}

/// Whether a line starts with `Source:` (or a translation) followed by a
/// sentence rather than a name (`Source: a senior official said ...`): the
/// line classifier keeps such a line as text.
pub(super) fn is_source_sentence(line: &str) -> bool {
    let lower = line.to_lowercase();
    phrases().all.credit_prefixes.iter().any(|p| {
        lower.starts_with(p.as_str())
            && lower.len() == line.len()
            && !reads_as_name(line[p.len()..].trim().trim_end_matches(')').trim())
    })
}

/// Reads one line as a credit line (see the module docs), or `None`.
pub fn parse(line: &str, registry: &Registry) -> Option<Credit> {
    // More than MAX_CREDIT characters that cleaning keeps (neither
    // whitespace nor controls) make a cleaned line too long as well: known
    // before copying the line (`credits` asks about every paragraph of
    // prose).
    let kept = |c: &char| !c.is_whitespace() && !c.is_control() && !crate::text::is_bidi_control(*c);
    if line.chars().filter(kept).nth(MAX_CREDIT).is_some() {
        return None;
    }
    let line = crate::text::clean_line(line);
    if line.is_empty() || line.chars().count() > MAX_CREDIT {
        return None;
    }
    source_credit(&line, registry)
        .or_else(|| roles_credit(&line))
        .or_else(|| dash_credit(&line, registry))
        .or_else(|| with_credit(&line, registry))
        .or_else(|| {
            desk_credit(&line, registry).map(|(credit, initials)| Credit {
                line: line.clone(),
                credit: Some(credit),
                author_initials: Some(initials),
                ..Credit::default()
            })
        })
}

/// `[Desk/ INITIALS] Source: A – B`. A desk without initials must be an
/// outlet of the registry (`Photo Source: X` is a picture credit).
fn source_credit(line: &str, registry: &Registry) -> Option<Credit> {
    let lower = line.to_lowercase();
    // Lower-casing may change byte lengths (`İ`): offsets are only used
    // when they hold on the line itself.
    if lower.len() != line.len() {
        return None;
    }
    let ph = phrases();
    let (at, prefix) = ph
        .all
        .credit_prefixes
        .iter()
        .filter_map(|p| {
            let p = p.trim_start_matches('(');
            let at = lower.find(p)?;
            // At the start, or after the desk credit and a space.
            (at == 0 || &lower[..at] == "(" || lower[..at].ends_with(' ')).then_some((at, p))
        })
        .min_by_key(|(at, _)| *at)?;
    let before = line[..at].trim().trim_start_matches('(');
    let rest = line[at + prefix.len()..].trim().trim_end_matches(')').trim();
    if !reads_as_name(rest) {
        return None;
    }
    let (credit, author_initials) = if before.is_empty() {
        (None, None)
    } else {
        // A desk with initials (`teleSUR/ JF`), or an outlet the registry
        // knows (`teleSUR`), not the end of a sentence.
        let (c, i) = desk_parts(before)?;
        if i.is_none() && registry.resolve_name(&c).is_none() {
            return None;
        }
        (Some(c), i)
    };
    let sources = split_names(rest);
    if sources.is_empty() {
        return None;
    }
    Some(Credit { line: line.to_string(), credit, author_initials, sources, contributors: vec![] })
}

/// What follows `Source:` reads as a name, not a sentence: a capital
/// letter, a digit or a domain (`commonspace.eu`) first, or one or two
/// words in lower case (`dpa`) that do not end a sentence.
fn reads_as_name(rest: &str) -> bool {
    let Some(first) = rest.split_whitespace().next() else { return false };
    if rest.split_whitespace().count() <= 2
        && !rest.ends_with(['.', '!', '?'])
        && rest.chars().next().is_some_and(char::is_alphabetic)
    {
        return true;
    }
    let first = first.trim_start_matches(['"', '“', '«', '(', '[']);
    let Some(c) = first.chars().next() else { return false };
    let domain = first.contains('.')
        && first.rsplit('.').next().is_some_and(|tld| tld.len() >= 2 && tld.chars().all(char::is_alphabetic));
    c.is_uppercase() || c.is_ascii_digit() || domain || (c.is_alphabetic() && !c.is_lowercase())
}

/// The desk credit before `Source:` or alone: `teleSUR/ JF`, `teleSUR`.
fn desk_parts(s: &str) -> Option<(String, Option<String>)> {
    let s = s.trim().trim_end_matches(['-', '–', '—', '|', ',']).trim();
    let (name, initials) = match s.rsplit_once('/') {
        Some((n, i)) => (n.trim(), Some(i.trim())),
        None => (s, None),
    };
    if name.is_empty() || name.split_whitespace().count() > 4 || !name.chars().any(char::is_alphabetic) {
        return None;
    }
    match initials {
        Some(i) if is_initials(i) => Some((name.to_string(), Some(i.to_string()))),
        Some(_) => None,
        None => Some((name.to_string(), None)),
    }
}

/// An author's initials: one to four capital letters, each maybe followed
/// by a dot, possibly several groups joined by `/` or `,` (`JF`, `J.F.`,
/// `jf/mr` is not: initials are printed in capitals).
fn is_initials(s: &str) -> bool {
    let groups: Vec<&str> = s.split(['/', ',']).map(str::trim).collect();
    !groups.is_empty()
        && groups.len() <= 3
        && groups.iter().all(|g| {
            let letters: Vec<char> = g.chars().filter(|c| *c != '.').collect();
            (1..=4).contains(&letters.len()) && letters.iter().all(|c| c.is_uppercase())
        })
}

/// `teleSUR/ JF`: a registry outlet, a slash, initials.
fn desk_credit(line: &str, registry: &Registry) -> Option<(String, String)> {
    let (name, initials) = desk_parts(line)?;
    let initials = initials?;
    registry.resolve_name(&name)?;
    Some((name, initials))
}

/// `(Reporting by Jane Doe; Editing by John Smith)`: every part starts with
/// a role of the phrase tables.
fn roles_credit(line: &str) -> Option<Credit> {
    let inner = line.trim();
    let inner = inner
        .strip_prefix('(')
        .and_then(|s| s.strip_suffix(')'))
        .or_else(|| inner.strip_prefix('[').and_then(|s| s.strip_suffix(']')))
        .unwrap_or(inner);
    let ph = phrases();
    let parts: Vec<&str> = inner.split([';', '|']).map(str::trim).filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        return None;
    }
    let mut contributors = Vec::new();
    for part in parts {
        let lower = part.to_lowercase();
        let role = ph.all.credit_roles.iter().filter(|r| lower.starts_with(r.as_str())).max_by_key(|r| r.len())?;
        let names = part.get(role.len()..).unwrap_or("").trim();
        if !reads_as_name(names) {
            return None;
        }
        contributors.push(part.to_string());
    }
    Some(Credit { line: line.to_string(), contributors, ..Credit::default() })
}

/// `— AP`, `- AFP`: a dash and agencies of the registry, nothing else.
fn dash_credit(line: &str, registry: &Registry) -> Option<Credit> {
    let rest = line.strip_prefix(['—', '–', '-'])?.trim();
    let sources = agencies(rest, registry)?;
    Some(Credit { line: line.to_string(), sources, ..Credit::default() })
}

/// `With AFP`, `Avec AFP et Reuters`: a `credit_with` phrase and agencies
/// of the registry, nothing else.
fn with_credit(line: &str, registry: &Registry) -> Option<Credit> {
    let lower = line.to_lowercase();
    if lower.len() != line.len() {
        return None;
    }
    let ph = phrases();
    // The longest phrase (`con información de ` before `con `).
    let p = ph.all.credit_with.iter().filter(|p| lower.starts_with(p.as_str())).max_by_key(|p| p.len())?;
    let sources = agencies(line[p.len()..].trim(), registry)?;
    Some(Credit { line: line.to_string(), sources, ..Credit::default() })
}

/// The names of `s` when every one is an agency of the registry.
fn agencies(s: &str, registry: &Registry) -> Option<Vec<String>> {
    let s = s.trim_end_matches('.');
    let names = split_names(s);
    (!names.is_empty() && names.iter().all(|n| registry.resolve_name(n).is_some_and(|o| o.agency))).then_some(names)
}

/// Cuts a credited text into names: `EFE – El Salto`, `AP and Reuters`,
/// `commonspace.eu with the press service of ...` (the joining words are
/// the tables' `credit_joiners`).
fn split_names(s: &str) -> Vec<String> {
    let ph = phrases();
    let mut parts = vec![s.to_string()];
    let seps = [",", ";", " – ", " — ", " - ", " / ", " | "];
    for sep in seps.iter().copied().chain(ph.all.credit_joiners.iter().map(String::as_str)) {
        parts = parts
            .iter()
            .flat_map(|p| {
                // Joining words are matched in any case (`With`, `AND`).
                let lower = p.to_lowercase();
                if lower.len() != p.len() {
                    return p.split(sep).map(str::to_string).collect::<Vec<_>>();
                }
                let mut out = Vec::new();
                let mut from = 0;
                while let Some(at) = lower[from..].find(sep).map(|i| i + from) {
                    out.push(p[from..at].to_string());
                    from = at + sep.len();
                }
                out.push(p[from..].to_string());
                out
            })
            .collect();
    }
    parts
        .into_iter()
        .map(|p| p.trim().trim_matches(|c: char| !(c.is_alphanumeric() || c == '.')).trim_end_matches('.').to_string())
        .filter(|p| !p.is_empty() && p.chars().any(char::is_alphanumeric))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry() -> Registry {
        let mut r = Registry::builtin().expect("builtin registry");
        r.extend(Registry::from_toml(include_str!("../../../../corpus/outlets.toml")).expect("corpus registry"));
        r
    }

    fn c(line: &str, credit: Option<&str>, initials: Option<&str>, sources: &[&str], contributors: &[&str]) -> Credit {
        Credit {
            line: line.to_string(),
            credit: credit.map(str::to_string),
            author_initials: initials.map(str::to_string),
            sources: sources.iter().map(|s| s.to_string()).collect(),
            contributors: contributors.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// One row per pattern and language: the line, and what it reads as.
    #[test]
    fn credit_lines_table() {
        let r = registry();
        let rows: Vec<(&str, Option<Credit>)> = vec![
            (
                "teleSUR/ JF Source: EFE – El Salto",
                Some(c("teleSUR/ JF Source: EFE – El Salto", Some("teleSUR"), Some("JF"), &["EFE", "El Salto"], &[])),
            ),
            (
                "Source: commonspace.eu with the press service of the President of Russia",
                Some(c(
                    "Source: commonspace.eu with the press service of the President of Russia",
                    None,
                    None,
                    &["commonspace.eu", "the press service of the President of Russia"],
                    &[],
                )),
            ),
            ("Sources: Reuters, AFP", Some(c("Sources: Reuters, AFP", None, None, &["Reuters", "AFP"], &[]))),
            (
                "Fuente: EFE y Europa Press",
                Some(c("Fuente: EFE y Europa Press", None, None, &["EFE", "Europa Press"], &[])),
            ),
            ("Источник: ТАСС", Some(c("Источник: ТАСС", None, None, &["ТАСС"], &[]))),
            ("Quelle: dpa", Some(c("Quelle: dpa", None, None, &["dpa"], &[]))),
            ("Reuters said the source: Kremlin aides", None),
            ("Photo Source: Markus Spiske from Pexels.", None),
            ("teleSUR Source: EFE", Some(c("teleSUR Source: EFE", Some("teleSUR"), None, &["EFE"], &[]))),
            ("Written by Grant Tinsley, PhD on April 29, 2018", None),
            ("(Quelle: AFP)", Some(c("(Quelle: AFP)", None, None, &["AFP"], &[]))),
            ("Kaynak: Anadolu Ajansı", Some(c("Kaynak: Anadolu Ajansı", None, None, &["Anadolu Ajansı"], &[]))),
            (
                "(Reporting by Jane Doe; Editing by John Smith)",
                Some(c(
                    "(Reporting by Jane Doe; Editing by John Smith)",
                    None,
                    None,
                    &[],
                    &["Reporting by Jane Doe", "Editing by John Smith"],
                )),
            ),
            (
                "(Additional reporting by Ali Kucukgocmen in Istanbul; Writing by Tom Balmforth)",
                Some(c(
                    "(Additional reporting by Ali Kucukgocmen in Istanbul; Writing by Tom Balmforth)",
                    None,
                    None,
                    &[],
                    &["Additional reporting by Ali Kucukgocmen in Istanbul", "Writing by Tom Balmforth"],
                )),
            ),
            ("— AP", Some(c("— AP", None, None, &["AP"], &[]))),
            ("- AFP", Some(c("- AFP", None, None, &["AFP"], &[]))),
            ("With AFP", Some(c("With AFP", None, None, &["AFP"], &[]))),
            ("Avec AFP et Reuters", Some(c("Avec AFP et Reuters", None, None, &["AFP", "Reuters"], &[]))),
            ("Con información de EFE", Some(c("Con información de EFE", None, None, &["EFE"], &[]))),
            ("teleSUR/ JF", Some(c("teleSUR/ JF", Some("teleSUR"), Some("JF"), &[], &[]))),
            ("RT / J.F.", Some(c("RT / J.F.", Some("RT"), Some("J.F."), &[], &[]))),
            // Negative cases: sentences and other lines stay text.
            ("Source: a senior official said the talks had failed.", None),
            ("Sources: officials close to the talks", None),
            ("The source: a leaked memo", None),
            ("With the talks stalled, Baku and Yerevan waited.", None),
            ("- a list item about AP style", None),
            ("— Jane (@jane) January 24, 2020", None),
            ("With AFP's help, the team won.", None),
            ("Reporting by the BBC was criticised.", None),
            ("Moscow/ Yerevan", None),
            ("and/ OR", None),
        ];
        for (line, want) in rows {
            assert_eq!(parse(line, &r), want, "{line:?}");
        }
    }

    /// A hostile credit line: markup, a spreadsheet formula and control
    /// characters are kept as text, never interpreted; controls are removed.
    #[test]
    fn hostile_credit_line_is_text() {
        let r = registry();
        let got = parse("Source: EFE <script>alert(1)</script> – =HYPERLINK(\"x\")\u{1b}[31m\u{202e}AP", &r)
            .expect("a credit");
        assert!(!got.line.chars().any(|c| c.is_control() || c == '\u{202e}'), "{got:?}");
        assert!(got.sources.iter().any(|s| s.contains("<script>alert(1)")), "{got:?}");
        assert!(got.sources.iter().any(|s| s.starts_with("HYPERLINK")), "{got:?}");
        // A formula first is not a name: not a credit.
        assert_eq!(parse("Source: =1+1", &r), None);
    }

    /// Property: a credit never names more than the line holds, and its
    /// line is the input cleaned.
    #[test]
    fn parts_come_from_the_line() {
        let r = registry();
        let words =
            ["Source:", "EFE", "–", "El", "Salto", "teleSUR/", "JF", "with", "AP", "and", "the", "(Reporting", "by"];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..2000 {
            let mut line = Vec::new();
            for _ in 0..(seed % 7 + 1) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                line.push(words[(seed % words.len() as u64) as usize]);
            }
            let line = line.join(" ");
            if let Some(c) = parse(&line, &r) {
                assert_eq!(c.line, line);
                for part in c.sources.iter().chain(&c.contributors).chain(&c.credit).chain(&c.author_initials) {
                    assert!(line.contains(part.as_str()), "{part:?} not in {line:?}");
                }
                assert!(!(c.sources.is_empty() && c.contributors.is_empty() && c.credit.is_none()), "{line:?}");
            }
        }
    }
}
