//! Page titles: their parts between separators (CJK titles printed without
//! spaces included), site suffixes (` | Outlet`, ` — RT World News`, a site
//! name followed by its tagline) and dates printed before or after the
//! headline. The search for the headline among the lines is in
//! [`super::headline`].

use super::lines::key;
use super::phrases::{has, phrases};
use crate::date::find_dates;
use crate::ingest::registry::Registry;

/// Whether a line could be a headline.
pub(super) fn is_title_like(line: &str) -> bool {
    // Cheapest tests first (most lines asked are paragraphs): a line of
    // more than 1,000 bytes has more than 250 characters.
    if line.len() > 1000 || line.ends_with('.') || !(10..=250).contains(&line.chars().count()) {
        return false;
    }
    let words = line.split_whitespace().count();
    // Navigation entries are not headlines.
    let nav = words <= 3 && line.split_whitespace().all(|w| has(&phrases().all.not_name_words, &w.to_lowercase()));
    !nav && (2..=40).contains(&words) && line.chars().any(char::is_alphabetic)
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
pub fn strip_known_site_suffix(title: &str, registry: &Registry) -> String {
    strip_suffix_with(title, registry, true)
}

/// Separators between a headline and a site suffix.
pub(super) const SUFFIX_SEPARATORS: &[&str] = &[" | ", " — ", " – ", " - ", " :: ", " « ", " » ", " l "];

/// Whether a title segment names a site for sure: a registry outlet, a
/// domain, or a word such as `News`, `Magazine` or `Blog`.
pub(super) fn names_a_site(segment: &str, registry: &Registry) -> bool {
    let seg_key = key(segment);
    let words = segment.split_whitespace().count();
    // Whole words: "RT" names a site, "reporting" does not.
    let known = registry.resolve_name(segment).is_some()
        || (words <= 6 && registry.name_keys().iter().any(|n| !n.is_empty() && has_words(&seg_key, n)));
    known
        || segment.contains(".com")
        || segment.contains(".org")
        || segment.contains(".net")
        || segment.contains(".co")
        // A domain naming the site, not one a headline mentions
        // ("Snow maps on harbour.ch").
        || segment.split_whitespace().next().is_some_and(is_domain)
        || (words <= 3 && segment.split_whitespace().any(is_domain))
        || phrases().all.site_words.iter().any(|w| seg_key.split(' ').any(|t| t == w))
}

/// Whether the key `words` holds the key `part` as whole words (`" part "`
/// in `" words "`).
pub(super) fn has_words(words: &str, part: &str) -> bool {
    // At each word's start (matches may overlap: `a a` in `aa a a`).
    std::iter::once(0).chain(words.match_indices(' ').map(|(i, _)| i + 1)).any(|i| {
        let end = i + part.len();
        words[i..].starts_with(part) && (end == words.len() || words.as_bytes()[end] == b' ')
    })
}

/// Generic top-level domains seen in site names besides the two-letter
/// country codes.
pub(super) const GENERIC_TLDS: &[&str] =
    &["com", "org", "net", "info", "biz", "eu", "online", "news", "blog", "media", "site", "shop", "app", "gov", "edu"];

/// Whether a word is a domain name (`gizmeo.eu`, `MDR.DE`,
/// `(www.harbour-news.de)`): labels of two characters or more before a
/// country code or a generic top-level domain, in one case (`D.O.Ca.`
/// and `ID.Buzz` are not domains).
pub(super) fn is_domain(word: &str) -> bool {
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
pub(super) fn strip_site_and_tagline(title: &str, registry: &Registry) -> Option<String> {
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
pub(super) fn is_date_part(part: &str) -> bool {
    find_dates(part).iter().any(|m| {
        let rest = format!("{} {}", part.get(..m.span.start).unwrap_or(""), part.get(m.span.end..).unwrap_or(""));
        m.year.is_some() && rest.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).count() <= 2
    })
}

/// A page title without a date printed before or after it
/// (`23.01.2022 - Headline - Site`, `Headline : 31.10.2023, 10.19 Uhr`).
pub(super) fn strip_date_parts(title: &str) -> &str {
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

/// Separators a title can end in when the site name after them is empty
/// (a page whose `<title>` is `Headline - ` or `Headline | `). A closing
/// guillemet (`« Titre »`) or a letter is not one.
const DANGLING_SEPARATORS: &[&str] = &[" |", " -", " –", " —", " ::", " ·", " •"];

/// A title without the separators it ends in (`Pferdesport definitiv bei
/// Olympia 2028 dabei -`): a site suffix with an empty name.
pub(super) fn without_dangling_separator(title: &str) -> &str {
    let mut t = title.trim_end();
    while let Some(rest) = DANGLING_SEPARATORS.iter().find_map(|s| t.strip_suffix(s)) {
        if rest.trim().is_empty() {
            break;
        }
        t = rest.trim_end();
    }
    t
}

pub(super) fn strip_suffix_with(title: &str, registry: &Registry, known_only: bool) -> String {
    let title = strip_date_parts(without_dangling_separator(title.trim()));
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

/// Separators between the parts of a page title (`Headline | Site`,
/// `Blog name: Headline`).
pub(super) const TITLE_SEPARATORS: &[&str] = &[" | ", " — ", " – ", " - ", " --", " :: ", " « ", " » ", " > ", ": "];

/// The byte ranges of the parts of a title between `separators`, in order
/// (a separator overlapping the one before it is not a cut).
pub(super) fn title_parts(title: &str, separators: &[&str]) -> Vec<(usize, usize)> {
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
pub(super) fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xFF00..=0xFFEF)
}

/// The separators of a Chinese, Japanese or Korean page title, printed
/// without spaces (`标题-新华网`, `NEWS WEB|見出し`, `名前_百科`): a dash,
/// an underscore or a pipe next to a CJK character.
pub(super) fn cjk_cuts(title: &str) -> Vec<(usize, usize)> {
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
pub(super) fn title_phrases(title: &str) -> Vec<(&str, bool)> {
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

/// A page title's key and words, made once for the lines compared with it
/// ([`TitleWords::similarity`]; made again for every line, they were 3% of
/// text ingest).
pub(super) struct TitleWords {
    key: String,
    words: rustc_hash::FxHashSet<String>,
}

impl TitleWords {
    pub(super) fn new(page_title: &str) -> TitleWords {
        let key = key(page_title);
        let words = key.split(' ').map(str::to_owned).collect();
        TitleWords { key, words }
    }

    /// How much `line` looks like this page title's headline:
    /// `Some(score)` when it is equal, a part of it (the title minus a
    /// site name) or shares most words with it; higher is closer.
    pub(super) fn similarity(&self, line: &str) -> Option<f32> {
        self.similarity_of_key(&key(line))
    }

    /// [`TitleWords::similarity`] of a line whose key is `a`.
    pub(super) fn similarity_of_key(&self, a: &str) -> Option<f32> {
        let b = self.key.as_str();
        if a.is_empty() {
            return None;
        }
        let wa: rustc_hash::FxHashSet<&str> = a.split(' ').collect();
        let common = wa.iter().filter(|w| self.words.contains(**w)).count();
        let score = 2.0 * common as f32 / (wa.len() + self.words.len()) as f32;
        let part = (b.contains(a) && a.len() >= 12) || (a.contains(b) && b.len() >= 12);
        (a == b || part || (wa.len() >= 3 && common * 10 >= wa.len().max(self.words.len()) * 6)).then_some(score)
    }
}
