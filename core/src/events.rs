//! The events lane: dates the articles *mention*, as opposed to the dates
//! they were published.
//!
//! A news story is told around a handful of days ("the ceasefire of
//! November 9", "on Sept. 19, 2023 troops entered ..."). [`extract`] finds
//! every day-precise date expression in an article's lead and body with
//! [`crate::date::find_dates`] and resolves it to a calendar day:
//!
//! | printed                          | resolved to                                   | [`Resolution`] |
//! |----------------------------------|-----------------------------------------------|----------------|
//! | `Sept. 19, 2023`, `19.09.2023`   | that day                                      | `Printed`      |
//! | `November 9 last year`           | 9 November of the publication year − 1         | `Relative`     |
//! | `Jan. 11 this year` / `next year`| the publication year / + 1                     | `Relative`     |
//! | `September 19`, `Monday (11 January)` | the occurrence nearest to the publication day among the publication year and its two neighbours; a printed weekday must agree when one of them does | `Nearest` |
//!
//! A date printed without a year in an article whose publication date is
//! unknown cannot be resolved and is skipped (counted by [`Extracted`]).
//! Bare years and months ("in 2020", "last March") are not days and are not
//! events. The English modal "may" is not taken for the month: a lower-case
//! `may` followed by a number is skipped.
//!
//! Extraction runs at build time; the app receives an [`EventsFile`] (one
//! compact row per mention, with the same schema version on both sides)
//! and groups the mentions of the current results with [`group`].

mod lane;
pub use lane::Lane;

use crate::date::find_dates;
use crate::model::{Article, Corpus, Date, DatePrecision};
use serde::{Deserialize, Serialize};

/// Version of the [`EventsFile`] format; the reader rejects other versions.
pub const EVENTS_VERSION: u32 = 1;

/// How a mentioned date got its year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// The year was printed.
    Printed,
    /// "this year", "last year", "next year" after the date.
    Relative,
    /// No year: the occurrence nearest to the publication date.
    Nearest,
}

/// One date mentioned in one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "MentionRow", from = "MentionRow")]
pub struct Mention {
    /// Article position in the corpus.
    pub doc: u32,
    /// The resolved day.
    pub date: Date,
    /// Index of the text in [`Article::texts`] (lead first, when present).
    pub block: u32,
    /// Byte offset of the expression in that text.
    pub start: u32,
    /// Byte offset just after the expression (relative words included).
    pub end: u32,
    /// How the year was found.
    pub resolution: Resolution,
}

/// The compact serialised form: `[doc, days since 1970-01-01, block, start, end, resolution]`.
#[derive(Serialize, Deserialize)]
struct MentionRow(u32, i64, u32, u32, u32, u8);

impl From<Mention> for MentionRow {
    fn from(m: Mention) -> MentionRow {
        let r = match m.resolution {
            Resolution::Printed => 0,
            Resolution::Relative => 1,
            Resolution::Nearest => 2,
        };
        MentionRow(m.doc, m.date.days_since_epoch(), m.block, m.start, m.end, r)
    }
}

impl From<MentionRow> for Mention {
    fn from(r: MentionRow) -> Mention {
        let resolution = match r.5 {
            0 => Resolution::Printed,
            1 => Resolution::Relative,
            _ => Resolution::Nearest,
        };
        Mention { doc: r.0, date: Date::from_days_since_epoch(r.1), block: r.2, start: r.3, end: r.4, resolution }
    }
}

/// Every mention of a corpus, sorted by article then position, with the
/// format version.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventsFile {
    /// Must equal [`EVENTS_VERSION`].
    pub version: u32,
    /// The mentions, sorted by `(doc, block, start)`.
    pub mentions: Vec<Mention>,
}

/// Errors reading an [`EventsFile`].
#[derive(Debug, thiserror::Error)]
pub enum EventsError {
    /// Not valid JSON for the format.
    #[error("events file is not valid: {0}")]
    Json(#[from] serde_json::Error),
    /// Written by another version.
    #[error("events file has version {found}, this build reads version {EVENTS_VERSION}")]
    Version {
        /// The version found.
        found: u32,
    },
}

impl EventsFile {
    /// Serialises to JSON.
    pub fn to_json(&self) -> Result<String, EventsError> {
        Ok(serde_json::to_string(self)?)
    }

    /// Parses JSON and checks the version.
    pub fn from_json(json: &str) -> Result<EventsFile, EventsError> {
        let f: EventsFile = serde_json::from_str(json)?;
        if f.version != EVENTS_VERSION {
            return Err(EventsError::Version { found: f.version });
        }
        Ok(f)
    }
}

/// What [`extract`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    /// The events file.
    pub file: EventsFile,
    /// Year-less dates skipped because the article has no publication date.
    pub unresolved: usize,
}

/// Finds the mentioned dates of every article of a corpus.
pub fn extract(corpus: &Corpus) -> Extracted {
    let mut out = Extracted { file: EventsFile { version: EVENTS_VERSION, mentions: Vec::new() }, unresolved: 0 };
    for (doc, article) in corpus.articles.iter().enumerate() {
        let doc = u32::try_from(doc).unwrap_or(u32::MAX);
        out.unresolved += mentions_in(article, doc, &mut out.file.mentions);
    }
    out
}

/// Appends the mentions of one article (as document `doc`) to `out`;
/// returns the number of year-less dates it could not resolve.
pub fn mentions_in(article: &Article, doc: u32, out: &mut Vec<Mention>) -> usize {
    let published = match article.date.precision {
        DatePrecision::Unknown => None,
        _ => article.date.date,
    };
    let mut unresolved = 0;
    for (block, text) in article.texts().enumerate() {
        for m in find_dates(text) {
            if text[m.span.clone()].starts_with("may") {
                continue;
            }
            let mut end = m.span.end;
            let (date, resolution) = match (m.date(), published) {
                (Some(d), _) => (d, Resolution::Printed),
                (None, None) => {
                    unresolved += 1;
                    continue;
                }
                (None, Some(p)) => match relative_year(&text[end..]) {
                    Some((offset, len)) => {
                        end += len;
                        match Date::new(p.year + offset, m.month, m.day) {
                            Some(d) => (d, Resolution::Relative),
                            None => continue,
                        }
                    }
                    None => match nearest(p, m.month, m.day, m.weekday) {
                        Some(d) => (d, Resolution::Nearest),
                        None => continue,
                    },
                },
            };
            let as_u32 = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
            out.push(Mention {
                doc,
                date,
                block: as_u32(block),
                start: as_u32(m.span.start),
                end: as_u32(end),
                resolution,
            });
        }
    }
    unresolved
}

/// `" last year"` and friends right after a date: the year offset and the
/// number of bytes the phrase takes (leading spaces and comma included).
pub(crate) fn relative_year(after: &str) -> Option<(i32, usize)> {
    let trimmed = after.trim_start_matches([' ', ',']);
    let skipped = after.len() - trimmed.len();
    let lower: String = trimmed.chars().take(16).collect::<String>().to_lowercase();
    let lower = lower.as_str();
    let (rest, of) = match lower.strip_prefix("of ") {
        Some(r) => (r, 3),
        None => (lower, 0),
    };
    for (word, offset) in [("last year", -1), ("this year", 0), ("next year", 1)] {
        if let Some(tail) = rest.strip_prefix(word) {
            if tail.chars().next().is_none_or(|c| !c.is_alphanumeric()) {
                return Some((offset, skipped + of + word.len()));
            }
        }
    }
    None
}

/// The occurrence of `month/day` nearest to `published` among the three
/// years around it; with a weekday, only years that agree with it count
/// (unless none does). Ties go to the earlier date: news reports the past.
fn nearest(published: Date, month: u8, day: u8, weekday: Option<u8>) -> Option<Date> {
    let candidates: Vec<Date> = (-1..=1).filter_map(|k| Date::new(published.year + k, month, day)).collect();
    let agreeing: Vec<Date> = candidates.iter().copied().filter(|d| weekday.is_none_or(|w| d.weekday() == w)).collect();
    let pool = if agreeing.is_empty() { candidates } else { agreeing };
    let p = published.days_since_epoch();
    pool.into_iter().min_by_key(|d| ((d.days_since_epoch() - p).abs(), d.days_since_epoch()))
}

/// The timeline axis of a corpus with its events: it covers every
/// publication date, widened to take in the mentioned days that lie at most
/// a year (or a quarter of the publication span, when longer) before the
/// first or after the last publication. Mentions further away (the 1994
/// ceasefire in a 2021 story) stay off the axis and are counted at its ends.
pub fn extended_axis(
    published: impl IntoIterator<Item = Date>,
    mentioned: impl IntoIterator<Item = Date>,
) -> Option<crate::timeline::Axis> {
    let (first, last) = extended_span(published, mentioned)?;
    crate::timeline::Axis::new([first, last])
}

/// The first and last day that [`extended_axis`] covers (an axis depends
/// only on them: the split layout stores them so that its axis is the same
/// before the mentioned dates have been fetched).
pub fn extended_span(
    published: impl IntoIterator<Item = Date>,
    mentioned: impl IntoIterator<Item = Date>,
) -> Option<(Date, Date)> {
    let mut it = published.into_iter();
    let first = it.next()?;
    let (lo, hi) = it.fold((first, first), |(lo, hi), d| (lo.min(d), hi.max(d)));
    let window = ((hi.days_since_epoch() - lo.days_since_epoch()) / 4).max(365);
    let (min, max) = (lo.days_since_epoch() - window, hi.days_since_epoch() + window);
    let near = mentioned.into_iter().filter(|d| (min..=max).contains(&d.days_since_epoch()));
    Some(near.fold((lo, hi), |(a, b), d| (a.min(d), b.max(d))))
}

/// The mentions of a corpus, by article and by day.
#[derive(Debug, Clone, Default)]
pub struct EventIndex {
    /// Sorted by `(doc, block, start)`.
    mentions: Vec<Mention>,
    /// `offsets[doc]..offsets[doc + 1]` are the mentions of `doc`.
    offsets: Vec<usize>,
    /// The mentions grouped by day (days ascending; within a day, by
    /// document), each as `[document, position in mentions]`: [`group`]
    /// reads the documents in one sequential pass, without going to each
    /// mention (that indirection was most of its time at 40k articles).
    by_day: Vec<(Date, Vec<[u32; 2]>)>,
    /// `day[i]` is the position in `by_day` of `mentions[i]`'s day:
    /// [`group`] walks the matching articles' mentions in corpus order and
    /// adds each to its day without a search.
    day: Vec<u32>,
    docs: usize,
}

impl EventIndex {
    /// Indexes a file for a corpus of `docs` articles. Mentions of
    /// documents outside the corpus are dropped.
    pub fn new(file: EventsFile, docs: usize) -> EventIndex {
        let mut mentions: Vec<Mention> = file.mentions.into_iter().filter(|m| (m.doc as usize) < docs).collect();
        mentions.sort_by_key(|m| (m.doc, m.block, m.start));
        let mut offsets = vec![0; docs + 1];
        for m in &mentions {
            offsets[m.doc as usize + 1] += 1;
        }
        for i in 0..docs {
            offsets[i + 1] += offsets[i];
        }
        let mut order: Vec<u32> = (0..u32::try_from(mentions.len()).unwrap_or(u32::MAX)).collect();
        order.sort_by_key(|&i| (mentions[i as usize].date, i));
        let mut by_day: Vec<(Date, Vec<[u32; 2]>)> = Vec::new();
        let mut day = vec![0u32; mentions.len()];
        for i in order {
            let Mention { date, doc, .. } = mentions[i as usize];
            match by_day.last_mut() {
                Some((d, list)) if *d == date => list.push([doc, i]),
                _ => by_day.push((date, vec![[doc, i]])),
            }
            day[i as usize] = u32::try_from(by_day.len() - 1).unwrap_or(u32::MAX);
        }
        EventIndex { mentions, offsets, by_day, day, docs }
    }

    /// `docs` as a bitset over the corpus (documents outside it dropped).
    fn member_set(&self, docs: &[u32]) -> Vec<u64> {
        let mut member = vec![0u64; self.docs.div_ceil(64)];
        for &doc in docs {
            if (doc as usize) < self.docs {
                member[doc as usize / 64] |= 1 << (doc % 64);
            }
        }
        member
    }

    /// The mentions of one article.
    pub fn of(&self, doc: u32) -> &[Mention] {
        let d = doc as usize;
        match (self.offsets.get(d), self.offsets.get(d + 1)) {
            (Some(&a), Some(&b)) => &self.mentions[a..b],
            _ => &[],
        }
    }

    /// Every mentioned day (with repeats), in corpus order.
    pub fn dates(&self) -> impl Iterator<Item = Date> + '_ {
        self.mentions.iter().map(|m| m.date)
    }

    /// Number of mentions in the corpus.
    pub fn len(&self) -> usize {
        self.mentions.len()
    }

    /// Whether the corpus mentions no date at all.
    pub fn is_empty(&self) -> bool {
        self.mentions.is_empty()
    }

    /// The mentions of `date` by the articles of `docs`, in the order of
    /// `docs` (e.g. result order), then by position in the article.
    pub fn mentions_of(&self, date: Date, docs: &[u32]) -> Vec<Mention> {
        let Ok(k) = self.by_day.binary_search_by_key(&date, |(d, _)| *d) else { return Vec::new() };
        let mut rank = vec![u32::MAX; self.docs];
        for (r, &doc) in docs.iter().enumerate() {
            if let Some(x) = rank.get_mut(doc as usize) {
                *x = (*x).min(u32::try_from(r).unwrap_or(u32::MAX));
            }
        }
        let mut out: Vec<(u32, Mention)> = self.by_day[k]
            .1
            .iter()
            .map(|&[_, i]| self.mentions[i as usize])
            .filter_map(|m| rank.get(m.doc as usize).filter(|&&r| r != u32::MAX).map(|&r| (r, m)))
            .collect();
        out.sort_by_key(|(r, m)| (*r, m.block, m.start));
        out.into_iter().map(|(_, m)| m).collect()
    }
}

/// One mentioned day and who mentions it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The day.
    pub date: Date,
    /// Number of mentions.
    pub mentions: usize,
    /// Number of distinct articles.
    pub articles: usize,
    /// Distinct outlet slots, ascending.
    pub slots: Vec<usize>,
}

/// Groups the mentions of `docs` (e.g. the current results) by day,
/// ascending. `slot` gives an article's outlet slot.
///
/// One pass over the matching articles in corpus order
/// ([`for_each_mention`]): the cost follows the matches' mentions, not the
/// corpus's. Outlets are counted once per day with a bit per (outlet,
/// day). A [`Lane`] does the same and, for a match set of more than half
/// the corpus, walks the articles left out instead.
///
/// Allocates a bit per (outlet, day) and the events it returns (fetch a
/// day's mentions with [`EventIndex::mentions_of`]).
pub fn group(index: &EventIndex, docs: &[u32], slot: &dyn Fn(u32) -> usize) -> Vec<Event> {
    group_set(index, &index.member_set(docs), slot)
}

/// [`group`] over a match set already made a bitset
/// ([`EventIndex::member_set`]).
fn group_set(index: &EventIndex, member: &[u64], slot: &dyn Fn(u32) -> usize) -> Vec<Event> {
    let days = index.by_day.len();
    let words = days.div_ceil(64);
    let (mut mentions, mut articles) = (vec![0u32; days], vec![0u32; days]);
    let mut slots: Vec<Vec<usize>> = vec![Vec::new(); days];
    // Bit `day` of row `slot`: rows are added as slots appear.
    let mut listed: Vec<u64> = Vec::new();
    let mut last = (u32::MAX, 0);
    for_each_mention(index, member, false, |doc, k, first| {
        mentions[k] += 1;
        if !first {
            return;
        }
        articles[k] += 1;
        if last.0 != doc {
            last = (doc, slot(doc));
        }
        let s = last.1;
        if s >= BIT_SLOTS {
            // A slot past any outlet list: looked up in the day's own.
            if !slots[k].contains(&s) {
                slots[k].push(s);
            }
            return;
        }
        let bit = s * words * 64 + k;
        if listed.len() <= bit / 64 {
            listed.resize((s + 1) * words, 0);
        }
        if listed[bit / 64] & (1 << (bit % 64)) == 0 {
            listed[bit / 64] |= 1 << (bit % 64);
            slots[k].push(s);
        }
    });
    let mut events = Vec::new();
    for ((((date, _), m), a), mut slots) in index.by_day.iter().zip(mentions).zip(articles).zip(slots) {
        if m > 0 {
            slots.sort_unstable();
            events.push(Event { date: *date, mentions: m as usize, articles: a as usize, slots });
        }
    }
    events
}

/// Slots below this get a row of day bits in [`group`] (a row is a bit per
/// mentioned day: 4,096 rows of 10,000 days are 5 MB).
const BIT_SLOTS: usize = 4096;

/// Calls `visit(doc, day, first)` for every mention of the articles whose
/// bit is set in `set` (`invert`: whose bit is clear), in corpus order:
/// `day` is the mention's position in `by_day`, `first` whether it is the
/// article's first mention of that day. Each article's mentions are read
/// where they lie (`offsets`) and put on their day through `day`, so every
/// read but the visitor's per-day counters is sequential. (The pass this
/// replaced went day by day and tested each mention's article against the
/// matches, reading the outlets in random order: at a million generated
/// articles, 1.08 million mentions and 93 outlets, `split_memory` timed a
/// query matching them all at 21 ms natively, and this pass at 17 ms; a
/// query matching a twentieth of them went from 4.9 to 2.9 ms.)
fn for_each_mention(index: &EventIndex, set: &[u64], invert: bool, mut visit: impl FnMut(u32, usize, bool)) {
    let mut last_doc = vec![u32::MAX; index.by_day.len()];
    for (w, &bits) in set.iter().enumerate() {
        let mut bits = if invert { !bits } else { bits };
        while bits != 0 {
            let doc = (w * 64) as u32 + bits.trailing_zeros();
            bits &= bits - 1;
            let d = doc as usize;
            let (Some(&from), Some(&to)) = (index.offsets.get(d), index.offsets.get(d + 1)) else { continue };
            for &k in index.day.get(from..to).unwrap_or(&[]) {
                let k = k as usize;
                let Some(l) = last_doc.get_mut(k) else { continue };
                let first = *l != doc;
                *l = doc;
                visit(doc, k, first);
            }
        }
    }
}

/// A passage around a mention: the sentence that contains it, clipped to
/// about `max` bytes on each side at word boundaries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// Text before the mention ("…" prefixed when clipped).
    pub before: String,
    /// The date expression as printed.
    pub mention: String,
    /// Text after the mention ("…" appended when clipped).
    pub after: String,
}

/// The sentence around bytes `start..end` of `text`. Offsets that are out
/// of range or not on character boundaries give `None`.
pub fn passage(text: &str, start: usize, end: usize, max: usize) -> Option<Passage> {
    if start > end || !text.is_char_boundary(start) || !text.is_char_boundary(end) || end > text.len() {
        return None;
    }
    let head = &text[..start];
    // A sentence starts after ". ", "! " or "? " whose word before is not a
    // short abbreviation ("Mr.", "Nov.", "St.").
    let mut from = 0;
    for (i, _) in head.match_indices(['.', '!', '?']) {
        let after = &head[i + 1..];
        if !after.starts_with(' ') {
            continue;
        }
        let word = head[..i].rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        if word.chars().count() > 3 || word.chars().all(|c| c.is_lowercase()) {
            from = i + 1;
        }
    }
    let tail = &text[end..];
    let mut to = text.len();
    for (i, _) in tail.match_indices(['.', '!', '?']) {
        let word = tail[..i].rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        let at_end = tail[i + 1..].is_empty() || tail[i + 1..].starts_with(' ');
        if at_end && (word.chars().count() > 3 || word.chars().all(|c| c.is_lowercase())) {
            to = end + i + 1;
            break;
        }
    }
    let mut before = text[from..start].trim_start().to_string();
    if before.len() > max {
        let cut = before.len() - max;
        let cut =
            (cut..before.len()).find(|&i| before.is_char_boundary(i) && before[..i].ends_with(' ')).unwrap_or(cut);
        let cut = (cut..=before.len()).find(|&i| before.is_char_boundary(i)).unwrap_or(before.len());
        before = format!("…{}", &before[cut..]);
    }
    let mut after = text[end..to].trim_end().to_string();
    if after.len() > max {
        let cut = (0..=max).rev().find(|&i| after.is_char_boundary(i) && after[i..].starts_with(' ')).unwrap_or(0);
        let cut = if cut == 0 { (max..=after.len()).find(|&i| after.is_char_boundary(i)).unwrap_or(0) } else { cut };
        after = format!("{}…", &after[..cut]);
    }
    Some(Passage { before, mention: text[start..end].to_string(), after })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DateInfo, Provenance};

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).expect("valid date")
    }

    fn article(published: Option<Date>, lead: &str) -> Article {
        Article {
            id: "a".into(),
            title: "t".into(),
            outlet: None,
            date: match published {
                Some(p) => DateInfo { date: Some(p), time: None, precision: DatePrecision::Day, source: String::new() },
                None => DateInfo::unknown("none"),
            },
            author: None,
            dateline: None,
            lead: lead.into(),
            body: Vec::new(),
            provenance: Provenance {
                file: "a.txt".into(),
                format: "txt".into(),
                record: None,
                url: None,
                outlet_source: String::new(),
                outlet_evidence: crate::model::EvidenceKind::None,
                source_evidence: None,
                page: None,
            },
            original_source: None,
            duplicates: Vec::new(),
            language: None,
            credits: vec![],
            suggested_date: None,
        }
    }

    fn resolve(published: Option<Date>, text: &str) -> Vec<(Date, Resolution, String)> {
        let a = article(published, text);
        let mut out = Vec::new();
        mentions_in(&a, 0, &mut out);
        out.into_iter().map(|m| (m.date, m.resolution, text[m.start as usize..m.end as usize].to_string())).collect()
    }

    #[test]
    fn resolution_table() {
        let p = Some(d(2021, 1, 11));
        let cases: &[(Option<Date>, &str, Date, Resolution, &str)] = &[
            (p, "On Sept. 19, 2023, troops entered.", d(2023, 9, 19), Resolution::Printed, "Sept. 19, 2023"),
            (p, "signed on November 9 last year. I mean", d(2020, 11, 9), Resolution::Relative, "November 9 last year"),
            (p, "On Jan. 11 this year, the leaders met", d(2021, 1, 11), Resolution::Relative, "Jan. 11 this year"),
            (p, "talks on March 3 next year.", d(2022, 3, 3), Resolution::Relative, "March 3 next year"),
            (p, "a ceasefire on November 9, Moscow said", d(2020, 11, 9), Resolution::Nearest, "November 9"),
            (p, "on 20 January the talks resume", d(2021, 1, 20), Resolution::Nearest, "20 January"),
            // The weekday decides between years: 11 January 2021 is a Monday.
            (
                Some(d(2021, 6, 30)),
                "on Monday (11 January) hosted",
                d(2021, 1, 11),
                Resolution::Nearest,
                "Monday (11 January",
            ),
            (
                Some(d(2023, 10, 5)),
                "On September 19, tensions flared",
                d(2023, 9, 19),
                Resolution::Nearest,
                "September 19",
            ),
            (None, "the war began on 27 September 2020.", d(2020, 9, 27), Resolution::Printed, "27 September 2020"),
        ];
        for (published, text, date, resolution, printed) in cases {
            let got = resolve(*published, text);
            assert_eq!(got, vec![(*date, *resolution, printed.to_string())], "{text}");
        }
    }

    #[test]
    fn year_less_dates_without_publication_date_are_counted_not_guessed() {
        let a = article(None, "On Sept. 27 last year the war began; on Jan. 11 this year they met.");
        let mut out = Vec::new();
        assert_eq!(mentions_in(&a, 0, &mut out), 2);
        assert!(out.is_empty());
    }

    #[test]
    fn modal_may_is_not_a_month() {
        assert!(resolve(Some(d(2021, 1, 11)), "Prices may 5 times rise.").is_empty());
        assert_eq!(resolve(Some(d(2021, 1, 11)), "On May 5 they met.")[0].0, d(2021, 5, 5));
    }

    #[test]
    fn relative_phrase_needs_a_word_boundary() {
        assert_eq!(relative_year(" last year."), Some((-1, 10)));
        assert_eq!(relative_year(", of this year"), Some((0, 14)));
        assert_eq!(relative_year(" last yearly report"), None);
        assert_eq!(relative_year(" at last"), None);
    }

    #[test]
    fn grouping_counts_articles_and_outlets_once() {
        let mut a = article(Some(d(2020, 12, 1)), "On November 9 a ceasefire. After November 9, calm.");
        let mut ms = Vec::new();
        mentions_in(&a, 0, &mut ms);
        a.lead = "Signed November 9, 2020 in Moscow.".into();
        mentions_in(&a, 1, &mut ms);
        mentions_in(&article(Some(d(2020, 12, 1)), "Nothing dated."), 2, &mut ms);
        let index = EventIndex::new(EventsFile { version: EVENTS_VERSION, mentions: ms }, 3);
        assert_eq!(index.of(0).len(), 2);
        assert_eq!(index.of(2).len(), 0);
        assert_eq!(index.of(7).len(), 0);
        let events = group(&index, &[0, 1, 2], &|doc| if doc == 0 { 4 } else { 1 });
        assert_eq!(events, vec![Event { date: d(2020, 11, 9), mentions: 3, articles: 2, slots: vec![1, 4] }]);
        // Any slot number, however large, is listed once.
        let far = group(&index, &[0, 1, 2], &|doc| if doc == 0 { usize::MAX } else { 1 << 40 });
        assert_eq!(far[0].slots, vec![1 << 40, usize::MAX]);
        // Only the given documents count.
        assert_eq!(group(&index, &[1], &|_| 0)[0].articles, 1);
        assert!(group(&index, &[2], &|_| 0).is_empty());
        assert!(group(&index, &[], &|_| 0).is_empty());
        // The mentions of a day come in the order of the given documents.
        let docs: Vec<u32> = index.mentions_of(d(2020, 11, 9), &[1, 0]).iter().map(|m| m.doc).collect();
        assert_eq!(docs, vec![1, 0, 0]);
        assert!(index.mentions_of(d(2020, 11, 10), &[0, 1]).is_empty());
    }

    /// The grouping against a brute-force count over random subsets.
    #[test]
    fn grouping_matches_a_brute_force_count() {
        let texts = ["On May 5 and on June 1, 2020.", "June 1, 2020 again; also 3 March.", "", "On May 5."];
        let mut ms = Vec::new();
        for (i, t) in texts.iter().enumerate() {
            mentions_in(&article(Some(d(2020, 6, 30)), t), i as u32, &mut ms);
        }
        let index = EventIndex::new(EventsFile { version: EVENTS_VERSION, mentions: ms.clone() }, texts.len());
        for mask in 0u32..16 {
            let docs: Vec<u32> = (0..4).filter(|i| mask & (1 << i) != 0).collect();
            let got = group(&index, &docs, &|doc| doc as usize % 2);
            let mut days: Vec<Date> = ms.iter().filter(|m| docs.contains(&m.doc)).map(|m| m.date).collect();
            days.sort();
            days.dedup();
            assert_eq!(got.iter().map(|e| e.date).collect::<Vec<_>>(), days, "mask {mask}");
            for e in &got {
                let of_day: Vec<&Mention> = ms.iter().filter(|m| m.date == e.date && docs.contains(&m.doc)).collect();
                let mut arts: Vec<u32> = of_day.iter().map(|m| m.doc).collect();
                arts.dedup();
                assert_eq!((e.mentions, e.articles), (of_day.len(), arts.len()), "mask {mask} {:?}", e.date);
            }
        }
    }

    #[test]
    fn the_axis_takes_in_nearby_mentions_only() {
        let published = [d(2021, 1, 11), d(2024, 8, 28)];
        // The span is 3.6 years, so the window is about 11 months.
        let axis = extended_axis(published, [d(2020, 9, 27), d(1994, 5, 12), d(2030, 1, 1)]).expect("dated");
        assert_eq!(axis.starts[0], d(2020, 9, 1));
        assert_eq!(axis.end, d(2024, 9, 1));
        // A single day: the window is one year (365 days back is 12 Jan 2020).
        let inside = extended_axis([d(2021, 1, 11)], [d(2020, 1, 12)]).expect("dated");
        assert_eq!(inside.starts[0], d(2020, 1, 1));
        let outside = extended_axis([d(2021, 1, 11)], [d(2020, 1, 10)]).expect("dated");
        assert_eq!((outside.starts[0], outside.starts.len()), (d(2021, 1, 11), 1));
        assert_eq!(extended_axis([], [d(2020, 1, 1)]), None);
    }

    #[test]
    fn file_round_trips_and_rejects_other_versions() {
        let mut ms = Vec::new();
        mentions_in(&article(Some(d(2021, 1, 11)), "On November 9 last year."), 0, &mut ms);
        let f = EventsFile { version: EVENTS_VERSION, mentions: ms };
        let json = f.to_json().expect("serialises");
        assert!(json.contains("[0,18575,0,3,23,1]"), "{json}");
        assert_eq!(EventsFile::from_json(&json).expect("parses"), f);
        let other = json.replacen("\"version\":1", "\"version\":9", 1);
        assert!(matches!(EventsFile::from_json(&other), Err(EventsError::Version { found: 9 })));
    }

    #[test]
    fn passage_is_the_sentence_around_the_mention() {
        let text = "Talks failed. Mr. Putin said on Nov. 9 the truce holds. Later, more.";
        let start = text.find("Nov. 9").expect("present");
        let p = passage(text, start, start + 6, 200).expect("in range");
        assert_eq!(p.before, "Mr. Putin said on ");
        assert_eq!(p.mention, "Nov. 9");
        assert_eq!(p.after, " the truce holds.");
        let long = format!("{} on May 5 {}", "word ".repeat(100), "tail ".repeat(100));
        let s = long.find("May 5").expect("present");
        let p = passage(&long, s, s + 5, 40).expect("in range");
        assert!(p.before.starts_with('…') && p.before.len() <= 45, "{:?}", p.before);
        assert!(p.after.ends_with('…') && p.after.len() <= 45, "{:?}", p.after);
        assert_eq!(passage("abc", 2, 9, 10), None);
        assert_eq!(passage("é", 1, 2, 10), None);
    }
}
