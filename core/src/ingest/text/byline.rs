//! Pass 5: the author, from a byline (`By Jane Doe`, `Author: Jane Doe`,
//! `By` alone above the names), a name-only line near the headline, or a
//! bio or follow line at the edge of the article; and the agency dateline
//! (`SOCHI, October 5. /TASS/.`) opening the lead.
//!
//! A byline states who wrote the article; a name alone on a line is a
//! guess from how the line looks (`Key Takeaways` looks like a name), so
//! the pass says which it found ([`super::AuthorFrom`]) and the HTML path
//! lets a page's metadata author overrule a guess. Words that never make up
//! or open a name, and the words that end a newsroom's collective byline,
//! are data in the phrase tables (`not_name_words`, `name_never_first`,
//! `name_groups`).

use super::lines::{ends_sentence, LineKind};
use super::main_text::Span;
use super::phrases::{has, phrases};
use super::AuthorFrom;
use crate::date::find_dates;
use std::collections::HashSet;

/// Whether a line is just a person's name (a byline without "By").
pub(super) fn is_name_line(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    if !(2..=4).contains(&words.len()) || !crate::text::chars_at_most(line, 40) {
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

/// Ends the name being read: its words, without a particle left at its
/// end (`Par Matthieu Hy le 12 mars`: `le` opens the date, not a name).
fn push_name(names: &mut Vec<String>, cur: &mut Vec<&str>) {
    while cur.last().is_some_and(|w| has(&phrases().all.name_particles, w)) {
        cur.pop();
    }
    if !cur.is_empty() {
        names.push(cur.join(" "));
    }
    cur.clear();
}

/// Whether a word can be part of a person's name: capitalised, then
/// letters, hyphens, apostrophes or full stops (`J.R.`), and no month,
/// weekday or menu word.
fn name_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
        && w.chars().skip(1).all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
        && crate::date::month_number(w).is_none()
        && crate::date::weekday_number(w).is_none()
        && !has(&phrases().all.not_name_words, &w.to_lowercase())
}

/// Leading person names of a text: capitalised words (initials and name
/// particles allowed), several names joined by `and`, `&` or commas;
/// stops at the first other word, a date or an `@handle`.
pub(super) fn leading_names(text: &str) -> Option<String> {
    let ph = &phrases().all;
    let mut names: Vec<String> = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    let text = text.split(['@', '|', '•', '·', '(']).next().unwrap_or(text);
    let role = |w: &str| {
        let l = w.to_lowercase();
        has(&ph.bio_roles, &l) || has(&ph.not_name_words, &l)
    };
    let mut words = text.split_whitespace().peekable();
    while let Some(raw) = words.next() {
        let mut w = raw.trim_end_matches([',', ';']);
        let mut ends_name = raw.ends_with(',') || raw.ends_with(';');
        // A full stop after a word that is no initial or abbreviation
        // (`By Jeff Cobb. Last Updated on ...`) ends the sentence, and the
        // name (`J.`, `Jr.`, `St.` go on).
        if let Some(stem) = w.strip_suffix('.').filter(|s| !s.contains('.') && s.chars().count() >= 4) {
            w = stem;
            ends_name = true;
        }
        // A role or a month glued to the name ("Evan HalperStaff Writer",
        // "Kathryn GiuffridaMar 5, 2025"): the name ends before it.
        // ("McDonald" keeps its capital: "Donald" is no role.)
        if let Some(at) = w
            .char_indices()
            .skip(1)
            .find(|&(i, c)| {
                c.is_uppercase()
                    && w[..i].ends_with(char::is_lowercase)
                    && (role(&w[i..]) || (i >= 3 && crate::date::month_number(&w[i..]).is_some()))
            })
            .map(|(i, _)| i)
        {
            w = &w[..at];
            ends_name = true;
        }
        // A newsroom's collective byline ends with its group word
        // (`Great Day Editorial Team`, `The Currency editors`).
        if !cur.is_empty() && words.peek().is_none() && has(&ph.name_groups, &w.to_lowercase()) {
            cur.push(w);
            break;
        }
        if !cur.is_empty() && role(w) {
            break;
        }
        let is_connector = has(&ph.name_connectors, w);
        let cap = name_word(w);
        if cap || (!cur.is_empty() && has(&ph.name_particles, w)) {
            cur.push(w);
            if ends_name {
                push_name(&mut names, &mut cur);
            }
        } else if is_connector && !cur.is_empty() {
            push_name(&mut names, &mut cur);
        } else if is_connector && !names.is_empty() {
            continue;
        } else {
            break;
        }
        if cur.len() > 4 {
            return None;
        }
    }
    push_name(&mut names, &mut cur);
    names.retain(|n| n.split_whitespace().count() >= 2);
    (!names.is_empty()).then(|| names.join(", "))
}

/// Author from a byline line (`By Jane Doe`, `Author: Jane Doe`, or a
/// name-only line).
pub(super) fn byline(line: &str) -> Option<String> {
    let line = trim_marks(line);
    if crate::text::chars_at_most(line, 160) {
        if let Some(rest) = glued_by(line) {
            return leading_names(rest);
        }
        if let Some(rest) = after_byline_prefix(line) {
            return author_after_prefix(rest);
        }
    }
    name_only(line)
}

/// A line that is nothing but a person's name (two to four words).
/// A role, a handle or an outlet may follow it after a separator (`Sarah
/// Hauer | Milwaukee Journal Sentinel`, `Lance Ryan (Content Manager)`).
/// A byline marker is no name (`Written By`, `Von Jane Doe`: the explicit
/// byline reads those).
pub(super) fn name_only(line: &str) -> Option<String> {
    let mut base = line.split('@').next().unwrap_or(line).trim();
    // (Only on a short line that is no sentence or caption: `Mikaela
    // Shiffrin (USA/Ski alpin): Mit 18 Jahren ...` opens a paragraph,
    // `Paul Manafort (Photo: Matt Rourke, AP)` is a caption.)
    if let Some((name, rest)) = base.split_once(['|', '(', '•', '·']) {
        if base.split_whitespace().count() <= 8 && !ends_sentence(base) && !rest.contains(':') {
            base = name.trim();
        }
    }
    let ph = &phrases().all;
    let lower = crate::text::lowercase(base);
    let marked = has(&ph.byline_markers, lower.trim_end_matches(':'))
        || ph.byline_prefixes.iter().any(|p| lower.starts_with(p.as_str()));
    if marked {
        return None;
    }
    if is_name_line(base) && !base.split_whitespace().any(|w| has(&ph.not_name_words, &w.to_lowercase())) {
        return Some(base.to_string());
    }
    name_with_role(base)
}

/// A name followed by its role on a short line (`Rasmus Barslund Founder
/// & Lead Reviewer`, `Mateusz HabernyFounder at Oakywood`): the name,
/// when a role word (`bio_roles`) follows it.
fn name_with_role(line: &str) -> Option<String> {
    if line.split_whitespace().count() > 8 || ends_sentence(line) {
        return None;
    }
    let name = leading_names(line).filter(|n| !n.contains(", ") && is_name_line(n))?;
    let after = line.get(name.len()..)?;
    let role = after
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .find(|w| !w.is_empty())
        .is_some_and(|w| has(&phrases().all.bio_roles, &w.to_lowercase()));
    role.then_some(name)
}

/// The name opening a date line, when it is all that comes before the
/// date (separators aside): `Dakota Hebert July 3, 2025`, `Jane Doe ·
/// 3 March 2025`. A place is no name (`LONDON, March 3`: capitals and a
/// comma; `New York March 3`: menu words).
fn name_before_date(line: &str) -> Option<String> {
    let first = find_dates(line).into_iter().next()?;
    let before = line
        .get(..first.span.start)?
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '|' | '•' | '·' | '-' | '–' | '—'));
    name_only(before).filter(|n| n.as_str() == before)
}

/// Agency dateline at the start of a paragraph: `SOCHI, October 5. /TASS/.`,
/// `MOSCOW (Reuters) -`, `WASHINGTON —`.
pub(super) fn dateline(par: &str) -> Option<String> {
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

/// A byline in German, French, Spanish or Italian on a line of its own
/// (`von Jane Doe`, `par Jean Dupont, 21 juin`, `por Ana Ruiz`, `von jdoe
/// am`): the word for "by" and a few words without a full stop. It goes
/// under a headline and never continues it (`Headline` / `von Jane Doe`
/// is not `Headline von Jane Doe`).
pub(super) fn is_foreign_byline(line: &str) -> bool {
    ["von ", "par ", "por ", "di "].iter().any(|by| {
        line.strip_prefix(by).is_some_and(|rest| {
            rest.split_whitespace().count() <= 6 && crate::text::chars_at_most(line, 60) && !ends_sentence(rest)
        })
    })
}

/// Whether `text` ends with a byline: ` By ` and one to four capitalised
/// words (`... the plan By Jane Doe `).
pub(super) fn after_byline(text: &str) -> bool {
    let Some(at) = text.rfind(" By ") else {
        return false;
    };
    let words: Vec<&str> = text[at + 4..].split_whitespace().collect();
    (1..=4).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase) && !w.bytes().any(|b| b.is_ascii_digit()))
}

/// A line without the separators scraped around a byline (`| By`,
/// `Cara Stiles |`, `• Jane Doe`).
pub(super) fn trim_marks(line: &str) -> &str {
    line.trim_matches(|c: char| c.is_whitespace() || matches!(c, '|' | '•' | '·' | '-' | '–' | '—' | '/'))
}

/// The names after a `By` glued to them (`ByJane Doe`, `byJ.R. Stone`).
pub(super) fn glued_by(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("By").or_else(|| line.strip_prefix("by"))?;
    rest.chars().next().is_some_and(char::is_uppercase).then_some(rest)
}

/// An explicit byline: `By Jane Doe`, `ByJane Doe`, `Author: Jane Doe`,
/// `Posted by Jane Doe`, or `by Jane Doe` inside a date line
/// (`Posted on Feb 8, 2020 by Jane Doe`).
pub(super) fn explicit_byline(line: &str) -> Option<String> {
    let line = trim_marks(line);
    if !crate::text::chars_at_most(line, 160) {
        return None;
    }
    if let Some(rest) = glued_by(line) {
        return leading_names(rest);
    }
    if let Some(names) = prefixed_byline(line) {
        return Some(names);
    }
    // `by` inside the line: on a date line or a few words after the start
    // of its sentence (`Posted on Feb 8, 2020 by Jane Doe`, `Text by Jane
    // Doe`, `... this year. Photo by Ben Hon`), not inside a sentence
    // (`deals announced by Jamf, Ping Identity and Veeam`).
    let lower = line.to_lowercase();
    let at = lower.find(" by ")?;
    let clause = line.get(..at)?.rsplit(['.', '|', '•', '·', '—', '–']).next().unwrap_or_default();
    if clause.split_whitespace().count() > 3 && find_dates(line).is_empty() {
        return None;
    }
    // (A heading's `by` is followed by common words: `Typical Costs by
    // Provider Type`.)
    leading_names(line.get(at + 4..)?).filter(|n| !all_lexicon_words(n))
}

/// Names after a byline prefix at the start of a line.
pub(super) fn prefixed_byline(line: &str) -> Option<String> {
    after_byline_prefix(line).and_then(leading_names)
}

/// The author of a byline: its names, or one name alone when it is all
/// the line holds after the prefix (`By Clay`). (Only the author pass
/// reads single names: to the headline and line passes, `By Clay` is
/// a short line like any other.)
fn byline_author(line: &str) -> Option<String> {
    explicit_byline(line).or_else(|| after_byline_prefix(trim_marks(line)).and_then(author_after_prefix))
}

/// The text after a byline prefix at the start of `line`: the prefix's
/// words, then a space or a colon, with or without a space after it (`By
/// `, `Author: `, `Written by: `, `Authors:Jane Doe`).
fn after_byline_prefix(line: &str) -> Option<&str> {
    let rest = after_one_prefix(line)?;
    // (`Posted by By Jane Doe`: a site's label before the byline's own.)
    Some(after_one_prefix(rest).unwrap_or(rest))
}

fn after_one_prefix(line: &str) -> Option<&str> {
    let lower = line.to_lowercase();
    phrases().all.byline_prefixes.iter().find_map(|p| {
        let stem = p.trim_end().trim_end_matches(':');
        let rest = lower.strip_prefix(stem)?;
        let sep = rest.len() - rest.trim_start_matches([':', ' ']).len();
        // The prefix is ASCII or Cyrillic: its lower-case form has the same
        // length in bytes as the original.
        (sep > 0).then(|| line.get(stem.len() + sep..)).flatten()
    })
}

/// A name of one word that is all a byline holds (`By Clay`, `Author:
/// Jesy`): a [`name_word`] of two characters or more, no initial.
fn sole_name(rest: &str) -> Option<String> {
    let w = rest.trim();
    (name_word(w) && !w.contains('.') && w.chars().nth(1).is_some()).then(|| w.to_string())
}

/// The author named after a byline prefix (`rest`): its names, or one
/// name alone when it is all the line holds (`By Clay`).
fn author_after_prefix(rest: &str) -> Option<String> {
    leading_names(rest).or_else(|| sole_name(rest))
}

/// A byline marker alone on its line (`By`, `Posted by`, `Author:`): the
/// names follow on the next lines, several joined by lines holding only
/// `and`, `&` or a comma.
pub(super) fn names_after_marker(lines: &[String], i: usize) -> Option<String> {
    let marker = crate::text::lowercase(trim_marks(&lines[i]));
    let marker = marker.trim_end_matches(':');
    if !has(&phrases().all.byline_markers, marker) {
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

/// The author named by a bio or follow line at the edge of an article:
/// `Jane Doe is a senior fellow at ...`, `Jane Doe, a former judge, is the
/// senior analyst ...`, `Follow Jane Doe on Twitter`, `Contact Jane Doe at
/// jane@example.org`.
pub(super) fn bio_author(line: &str) -> Option<String> {
    let line = trim_marks(line);
    if !crate::text::chars_at_most(line, 700) {
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
    let role = sentence.split(|c: char| !c.is_alphanumeric() && c != '-').any(|w| has(&phrases().all.bio_roles, w));
    // "Jane Doe writes about ...", "Jane Doe covers ...".
    let beat = ["writes about ", "writes on ", "covers ", "reports on "].iter().any(|o| after.starts_with(o));
    ((opens && role) || beat).then_some(names)
}

/// Most paragraphs an author's bio closing an article runs on for after
/// its first line (`Jane Doe is a writer ...` / `She holds an MBA ...` /
/// `When she is not writing ...`).
pub const BIO_RUN: usize = 3;

/// Where an author's bio closing an article starts among its paragraphs
/// (never the first): the earliest of the last [`BIO_RUN`] + 1 paragraphs
/// that opens with the author's name ([`author_bio`]), or the last
/// paragraph when it is a bio naming a role ([`bio_author`]); with the
/// line naming the author just above it (`Mike Marshall` / `Mike is ...`).
/// Measured on the WCXB dev set (body F1 tuning / checking): text path
/// 0.9193 / 0.9170 -> 0.9204 / 0.9173, HTML path 0.9524 / 0.9487 ->
/// 0.9532 / 0.9489.
pub fn closing_bio(paragraphs: &[&str], author: Option<&str>) -> Option<usize> {
    let n = paragraphs.len();
    let from = n.saturating_sub(BIO_RUN + 1).max(1);
    // A bio naming a role without the author's name closes the article
    // only as its last paragraph: sites quote the people of their story
    // so too (`Nigel Price, the founder of ...` under `Sources`).
    let i = (from..n).find(|&i| {
        let p = paragraphs[i];
        author_bio(p, author) || (i + 1 == n && bio_author(p).is_some())
    })?;
    let named = |p: &str| author.is_some_and(|a| crate::text::terms(p) == crate::text::terms(a));
    Some(if i > 1 && named(paragraphs[i - 1]) { i - 1 } else { i })
}

/// A line opening an author's bio: the article's author's name (full, or
/// the first name of a full one) followed by a word that opens a bio
/// (`bio_openers`: `Karina Cohen is the owner of ...`, `Lauren has written
/// for ...`).
pub fn author_bio(line: &str, author: Option<&str>) -> bool {
    let Some(author) = author else { return false };
    let words: Vec<&str> = line.split_whitespace().take(8).collect();
    author.split([',', ';', '&']).flat_map(|a| a.split(" and ")).any(|a| {
        let name: Vec<&str> = a.split_whitespace().collect();
        if name.len() < 2 {
            return false;
        }
        let opens = |k: usize| {
            words.get(k).is_some_and(|w| {
                let w = w.trim_end_matches([',', '.']).to_lowercase();
                has(&phrases().all.bio_openers, &w)
            })
        };
        let full = words.len() > name.len() && name.iter().zip(&words).all(|(a, b)| a == b) && opens(name.len());
        let first = words.first() == name.first() && opens(1);
        full || first
    })
}

/// Words a text prints in lower case somewhere (common nouns): a
/// name-only line whose last word is one of them (`Recent Posts`,
/// `Example Data`) is a heading or a button, not a person.
pub(super) fn lowercase_words(lines: &[String]) -> HashSet<String> {
    lines
        .iter()
        .flat_map(|l| l.split(|c: char| !c.is_alphabetic()))
        .filter(|w| w.chars().count() >= 3 && w.chars().next().is_some_and(char::is_lowercase))
        .map(str::to_string)
        .collect()
}

/// The text's common words ([`lowercase_words`], less the words of names a
/// bio line introduces: "Heiko Sauer" in a German text is a name even
/// though `sauer` is a common word), built the first time a name is
/// checked. Most pages never check one, and building the set was about
/// a twentieth of text ingest. The lines must be the same at every call
/// (they are: the passes only take paragraphs out of them at the very end).
#[derive(Debug, Default)]
pub(super) struct CommonWords(std::cell::OnceCell<HashSet<String>>);

impl CommonWords {
    /// Whether `word` (lower case) is a common word of `lines`.
    fn contains(&self, lines: &[String], word: &str) -> bool {
        self.0
            .get_or_init(|| {
                let mut common = lowercase_words(lines);
                // Names a bio line introduces are names even when a word
                // of them is also a common noun.
                for l in lines {
                    if let Some(n) = bio_author(l) {
                        for w in n.split_whitespace() {
                            common.remove(&w.to_lowercase());
                        }
                    }
                }
                common
            })
            .contains(word)
    }
}

/// Words that pages print in lower case inside their sentences, one list
/// per language (`core/data/common_words_<lang>.txt`, made from a news
/// corpus by `scripts/gen_common_words.py`: surnames and first names that
/// are also nouns, such as `hill` or `mark`, are capitalised too often
/// there to be listed). Data, like the phrase tables; English only so far.
const LEXICONS: &[&str] = &[include_str!("../../../data/common_words_en.txt")];

/// Whether every word of `name` is a listed lower-case word ([`LEXICONS`]):
/// `Provider Type`, `Final Words`, `Contract Lengths` are headings even
/// when the page never prints those words in lower case itself.
fn all_lexicon_words(name: &str) -> bool {
    static WORDS: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    let words = WORDS.get_or_init(|| {
        LEXICONS
            .iter()
            .flat_map(|l| l.lines())
            .map(str::trim)
            .filter(|w| !w.is_empty() && !w.starts_with('#'))
            .collect()
    });
    let mut parts = name.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).peekable();
    parts.peek().is_some() && parts.all(|w| words.contains(w.to_lowercase().as_str()))
}

/// Whether a name found on a line of its own (no `By`) can be a person's:
/// it does not start with an article, a possessive or a preposition
/// (`name_never_first`: `The Agency`, `Our Blogs`, `Das Schwarze Schaf`),
/// its last word is not a common noun of the text (`lines`), and not all
/// its words are words a language prints in lower case
/// ([`all_lexicon_words`]: `Final Words`).
pub(super) fn plausible_name(name: &str, lines: &[String], common: &CommonWords) -> bool {
    let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    !words.first().is_some_and(|w| has(&phrases().all.name_never_first, w))
        && !words.last().is_some_and(|w| common.contains(lines, w))
        && !all_lexicon_words(name)
}

/// The author: the input's, else a byline in the header (before or after
/// the headline, or on the date line), else a name-only line after the
/// headline, else a byline, bio or follow line at the end of the article
/// or a bio at its start; with how it was found. Also returns the text's
/// common (lower-case) words, which tell names from headings.
pub(super) fn author(
    lines: &[String],
    kinds: &[LineKind],
    span: &Span,
    title_idx: Option<usize>,
    hint: Option<&str>,
) -> (Option<String>, AuthorFrom, CommonWords) {
    let Span { start, end, head_lo, header_end, .. } = *span;
    let common = CommonWords::default();
    if let Some(h) = hint {
        return (Some(h.to_string()), AuthorFrom::Input, common);
    }
    let header: Vec<usize> = (head_lo..header_end.min(lines.len()))
        .filter(|&i| Some(i) != title_idx && kinds[i] != LineKind::Junk)
        .collect();
    let t = title_idx.unwrap_or(0);
    // A byline in the header (before or after the headline, or on the
    // date line).
    if let Some(a) = header.iter().find_map(|&i| names_after_marker(lines, i).or_else(|| byline_author(&lines[i]))) {
        return (Some(a), AuthorFrom::Byline, common);
    }
    // A name alone on a line, nearest after the headline first; or a
    // name printed right before the date on the date line (`Dakota
    // Hebert July 3, 2025`, `Jane Doe · 3 March 2025`).
    let mut near: Vec<usize> = header.iter().copied().filter(|&i| i > t && i < start.max(t + 1) + 2).collect();
    near.sort_by_key(|&i| i.abs_diff(t));
    let named = |i: usize| match kinds[i] {
        LineKind::DateLine => name_before_date(&lines[i]),
        _ => name_only(&lines[i]),
    };
    if let Some(a) = near.into_iter().find_map(|i| named(i).filter(|n| plausible_name(n, lines, &common))) {
        return (Some(a), AuthorFrom::NameLine, common);
    }
    // A byline, bio or follow line at the end of the article, or a bio at
    // its start.
    let edge: Vec<usize> = (end.saturating_sub(3)..(end + 12).min(lines.len()))
        .chain(start..(start + 3).min(end))
        .filter(|&i| kinds[i] != LineKind::Junk || bio_author(&lines[i]).is_some())
        .collect();
    let found = edge.iter().find_map(|&i| {
        let l = trim_marks(&lines[i]);
        names_after_marker(lines, i)
            .or_else(|| {
                (i >= end).then(|| prefixed_byline(l).or_else(|| glued_by(l).and_then(leading_names))).flatten()
            })
            .map(|a| (a, AuthorFrom::Byline))
            .or_else(|| bio_author(l).filter(|n| plausible_name(n, lines, &common)).map(|a| (a, AuthorFrom::NameLine)))
    });
    match found {
        Some((a, from)) => (Some(a), from, common),
        None => (None, AuthorFrom::None, common),
    }
}
