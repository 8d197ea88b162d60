//! The data model shared by the writer (ingest, at build time) and the reader
//! (the browser app). Both sides serialise the same serde types, and every
//! corpus file carries [`SCHEMA_VERSION`], so a stale `corpus.json` is refused
//! with a clear error instead of being misread.
//!
//! Dates are plain civil dates ([`Date`]) without time zones: outlets print
//! local times and rarely say which zone, so Dateline keeps what was printed
//! and records *how precise* it is ([`DatePrecision`]) and *where it came
//! from* (`DateInfo::source`). An article without a trustworthy publication
//! date is `Unknown`: Dateline never invents one.

use serde::{Deserialize, Serialize};

/// Version of the JSON layout written by ingest and read by the app.
/// Bump it whenever a field changes meaning or shape.
/// Version 2: outlet evidence kinds, original sources of reprints and the
/// merged copies of an article (`Article::duplicates`) with their outlet,
/// URL and title. Version 3: the article's language ([`Article::language`]).
/// Version 4: `Provenance::page`, the sources of an HTML article's fields
/// and the values not taken ([`PageSources`]). Version 5: credit, source
/// and wire lines ([`Article::credits`]) and the year an undated article's
/// text pins ([`Article::suggested_date`]).
pub const SCHEMA_VERSION: u32 = 5;

/// English month names, January first: citations write them, and the
/// app shows and always accepts them.
pub const ENGLISH_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A proleptic Gregorian calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    /// Four-digit year, e.g. 2023.
    pub year: i32,
    /// Month, 1..=12.
    pub month: u8,
    /// Day of month, 1..=31 (validated against the month).
    pub day: u8,
}

impl Date {
    /// Builds a date, returning `None` when the day does not exist
    /// (30 February, month 13, ...).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before). Exact for all years.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Inverse of [`Date::days_since_epoch`].
    pub fn from_days_since_epoch(z: i64) -> Date {
        let z = z + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (y + i64::from(m <= 2)) as i32;
        Date { year, month: m, day: d }
    }

    /// Day of week, 0 = Monday ... 6 = Sunday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (3).
        ((self.days_since_epoch() + 3).rem_euclid(7)) as u8
    }

    /// ISO `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Number of days in `month` of `year` (Gregorian leap rules).
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Local wall-clock time as printed by the outlet (zone unknown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Time {
    /// Hour, 0..=23.
    pub hour: u8,
    /// Minute, 0..=59.
    pub minute: u8,
}

/// How much of a publication date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    /// Day and clock time printed by the outlet.
    ExactTime,
    /// Day printed by the outlet, no time.
    Day,
    /// Day and month printed without a year; the year was inferred
    /// (weekday agreement and the years the text mentions).
    YearInferred,
    /// No trustworthy publication date.
    Unknown,
}

/// A publication date with its precision and provenance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateInfo {
    /// The day, when known.
    pub date: Option<Date>,
    /// The printed time, when known.
    pub time: Option<Time>,
    /// How much of the date is known.
    pub precision: DatePrecision,
    /// Where it came from, for the reader's provenance line
    /// (e.g. `header line 3: "11 Jan, 2021 16:16"`).
    pub source: String,
}

impl DateInfo {
    /// A date as printed: [`DatePrecision::ExactTime`] when a time is
    /// printed with it, else [`DatePrecision::Day`].
    pub fn printed(date: Option<Date>, time: Option<Time>, source: String) -> DateInfo {
        let precision = if time.is_some() { DatePrecision::ExactTime } else { DatePrecision::Day };
        DateInfo { date, time, precision, source }
    }

    /// An unknown date with a reason.
    pub fn unknown(reason: impl Into<String>) -> DateInfo {
        DateInfo { date: None, time: None, precision: DatePrecision::Unknown, source: reason.into() }
    }
}

/// A block of the cleaned body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "text")]
pub enum Block {
    /// A paragraph of prose.
    Paragraph(String),
    /// A short sub-heading inside the article.
    Heading(String),
}

impl Block {
    /// The block's text, whatever its kind.
    pub fn text(&self) -> &str {
        match self {
            Block::Paragraph(t) | Block::Heading(t) => t,
        }
    }
}

/// The kind of evidence an outlet was identified from, strongest first
/// (see `ingest::outlet`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// The domain of the article's URL (front matter `url:`, a `url` column).
    Url,
    /// Named by the input itself (front matter `outlet:`, a `source` column).
    Input,
    /// The page's own site name: its title suffix (`Headline - Site`), the
    /// holder of its copyright line, the site its disclaimer speaks for.
    SiteName,
    /// A registry signature in the text (`/TASS/`, `Also on rt.com`),
    /// matched on word boundaries.
    Signature,
    /// No evidence: the outlet is unknown and the detail says why.
    None,
}

impl EvidenceKind {
    /// Every kind, strongest first (for reports).
    pub const ALL: [EvidenceKind; 5] =
        [EvidenceKind::Input, EvidenceKind::Url, EvidenceKind::SiteName, EvidenceKind::Signature, EvidenceKind::None];

    /// A short human label (`URL domain`).
    pub fn label(self) -> &'static str {
        match self {
            EvidenceKind::Url => "URL domain",
            EvidenceKind::Input => "named by the input",
            EvidenceKind::SiteName => "site name on the page",
            EvidenceKind::Signature => "registry signature",
            EvidenceKind::None => "no evidence",
        }
    }
}

/// Where an article came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// Input file, relative to the ingested folder.
    pub file: String,
    /// Input format (`txt`, `jsonl`, `json`, `csv`, `html`, `html.gz`,
    /// `warc`, `warc.gz`).
    pub format: String,
    /// Record number inside a multi-record file (1-based), if any.
    pub record: Option<usize>,
    /// Original URL when the input gave one.
    pub url: Option<String>,
    /// How the outlet was identified, in words (the evidence's detail, e.g.
    /// `domain of the URL https://www.rt.com/...`), or why it is unknown.
    pub outlet_source: String,
    /// The kind of that evidence.
    pub outlet_evidence: EvidenceKind,
    /// How the original source of a reprint was identified
    /// (`credit line "Source: EFE"`), when the article has one.
    pub source_evidence: Option<String>,
    /// For an article read from an HTML page (a file, a WARC record or a
    /// record's HTML column): where each field came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<PageSources>,
}

/// Where the fields of an article read from HTML came from, and the values
/// the page also gave but that were not taken (see
/// `ingest::html::reconcile` for the rules). Sources are named as the
/// reader shows them: `json-ld datePublished`, `meta
/// article:published_time`, `og:title`, `<h1>`, `<time>`, `visible text
/// line 4`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageSources {
    /// Where the title came from.
    pub title: String,
    /// Where the author came from, when there is one.
    pub author: Option<String>,
    /// The page's language and its source (`en (<html lang>)`).
    pub language: Option<String>,
    /// The page's canonical URL (`<link rel=canonical>`, `og:url`).
    pub canonical_url: Option<String>,
    /// The character encoding the page was read in, and why.
    pub encoding: String,
    /// What the article is a copy of, when the page says so: the JSON-LD
    /// `isBasedOn` / `sourceOrganization`, or an agency credited as its
    /// author (`Reuters (json-ld author)`).
    pub syndicated: Option<String>,
    /// The WARC record the page came from: its offset, target URI and
    /// capture date.
    pub record: Option<String>,
    /// Values found for a field but not taken.
    pub alternatives: Vec<Alternative>,
}

/// A value of a field that the page gave but that was not taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alternative {
    /// The field: `title`, `date` or `author`.
    pub field: String,
    /// The value not taken.
    pub value: String,
    /// Where it came from.
    pub source: String,
}

/// Another input merged into an article as a copy of it, kept findable:
/// "also published as / by".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergedCopy {
    /// The input (file, and `#record` for multi-record files).
    pub input: String,
    /// Its outlet's display name, when known.
    pub outlet: Option<String>,
    /// Its URL, when the input gave one.
    pub url: Option<String>,
    /// Its title.
    pub title: String,
    /// Percentage of its text found in the kept article (100 = same text).
    pub similarity: u8,
}

/// The language of an article and how it is known (see [`crate::lang`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LanguageInfo {
    /// ISO 639-1 code (`ru`), as HTML's `lang` attribute takes it.
    pub code: String,
    /// How sure: 100 when the input declares it, else the detector's
    /// confidence as a percentage.
    pub confidence: u8,
    /// Where it came from (`detected`, `front matter language: "ru-RU"`,
    /// `column language: "Russian"`).
    pub source: String,
}

/// A credit, source or wire line printed with an article (`teleSUR/ JF
/// Source: EFE – El Salto`, `(Reporting by Jane Doe; Editing by John
/// Smith)`, `— AP`), kept out of the body and read into its parts by
/// `ingest::text::credit`. Every part is as printed: initials stay
/// initials (they are never taken for an author's name).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credit {
    /// The line as printed (control and bidirectional characters removed),
    /// for provenance.
    pub line: String,
    /// The outlet or desk the line credits the text to (`teleSUR`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    /// An author's initials printed with it (`JF`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_initials: Option<String>,
    /// The sources the text is credited to (`EFE`, `El Salto`): agencies,
    /// outlets, institutions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// People with their role, as printed (`Reporting by Jane Doe`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contributors: Vec<String>,
}

/// A year an undated article's own text pins down ("Jan. 11 this year"
/// with its weekday, or "Sept. 27 last year" matching a day other articles
/// date), found by [`crate::infer`]. It is a suggestion with its
/// evidence, never a printed date: the article's [`DateInfo`] stays
/// `Unknown`, the timeline keeps it in the undated bar, and the app labels
/// it "inferred from the text".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuggestedDate {
    /// The suggested publication year.
    pub year: i32,
    /// Why, one line per clue (`"Sept. 27 last year": 27 Sep 2020, a day
    /// 2 other articles date`).
    pub evidence: Vec<String>,
}

/// One cleaned article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Stable identifier (derived from the input file name / record).
    pub id: String,
    /// Title without site suffixes.
    pub title: String,
    /// Key of the publishing outlet in [`Corpus::outlets`], or `None` when
    /// unknown.
    pub outlet: Option<String>,
    /// Key in [`Corpus::outlets`] of the outlet this article is reprinted
    /// from (a news agency, usually), when a credit says so and it differs
    /// from the publisher.
    #[serde(default)]
    pub original_source: Option<String>,
    /// Publication date with precision and provenance.
    pub date: DateInfo,
    /// Author(s) when the page names them.
    pub author: Option<String>,
    /// Place name of a news-agency dateline ("SOCHI"), when present.
    pub dateline: Option<String>,
    /// The standfirst or first paragraph.
    pub lead: String,
    /// The remaining body, boilerplate removed.
    pub body: Vec<Block>,
    /// Where the article came from.
    pub provenance: Provenance,
    /// Other inputs merged into this one as copies of it.
    pub duplicates: Vec<MergedCopy>,
    /// The article's language, when declared or detected.
    #[serde(default)]
    pub language: Option<LanguageInfo>,
    /// Credit, source and wire lines printed with the article (not in its
    /// body).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub credits: Vec<Credit>,
    /// For an undated article: the year its text pins, with the evidence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggested_date: Option<SuggestedDate>,
}

impl Article {
    /// Lead and body paragraphs in reading order.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.lead.as_str()).filter(|l| !l.is_empty()).chain(self.body.iter().map(Block::text))
    }

    /// Number of words in lead and body.
    pub fn word_count(&self) -> usize {
        self.texts().map(|t| t.split_whitespace().count()).sum()
    }
}

/// An outlet as shown in the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outlet {
    /// Stable key, e.g. `rt`.
    pub key: String,
    /// Full name, e.g. `RT`.
    pub name: String,
    /// Short label for chips and legends.
    pub short: String,
    /// Home page, when known.
    pub home: Option<String>,
}

/// What happened to one input file or record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum Disposition {
    /// Became an article.
    Ingested {
        /// The article's id.
        id: String,
    },
    /// Same text as another article, merged into it.
    Duplicate {
        /// The id of the kept article.
        of: String,
    },
    /// Not usable; the reason says why.
    Rejected {
        /// Why it was rejected.
        reason: String,
    },
}

/// The ingest report: one entry per input (file or record) and every warning.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// One entry per input.
    pub inputs: Vec<InputReport>,
}

/// Report line of one input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputReport {
    /// File name (and `#record` for multi-record files).
    pub input: String,
    /// What happened.
    pub disposition: Disposition,
    /// Warnings, each naming the problem.
    pub warnings: Vec<String>,
}

/// The whole preprocessed corpus as embedded in the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Corpus {
    /// Must equal [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Human label of the corpus (folder name).
    pub name: String,
    /// Outlets that publish at least one article, in registry order
    /// (outlets the registry does not know after them), then the original
    /// sources of reprints that publish none.
    pub outlets: Vec<Outlet>,
    /// The articles, sorted by id.
    pub articles: Vec<Article>,
    /// What happened to every input.
    pub report: Report,
}

/// Error reading an embedded corpus.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// Not valid JSON for this schema.
    #[error("corpus JSON is invalid: {0}")]
    Json(#[from] serde_json::Error),
    /// Written by another version of Dateline.
    #[error("corpus schema version {found} is not the supported version {expected}; re-run ingest")]
    Schema {
        /// Version in the file.
        found: u32,
        /// Version this build reads.
        expected: u32,
    },
}

impl Corpus {
    /// Parses a corpus written by ingest, checking the schema version first.
    pub fn from_json(json: &str) -> Result<Corpus, CorpusError> {
        #[derive(Deserialize)]
        struct Head {
            schema_version: u32,
        }
        let head: Head = serde_json::from_str(json)?;
        if head.schema_version != SCHEMA_VERSION {
            return Err(CorpusError::Schema { found: head.schema_version, expected: SCHEMA_VERSION });
        }
        Ok(serde_json::from_str(json)?)
    }

    /// Serialises the corpus (compact JSON).
    pub fn to_json(&self) -> Result<String, CorpusError> {
        Ok(serde_json::to_string(self)?)
    }

    /// Looks an outlet up by key.
    pub fn outlet(&self, key: &str) -> Option<&Outlet> {
        self.outlets.iter().find(|o| o.key == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_round_trip_and_weekdays() {
        for (y, m, d, wd) in
            [(1970, 1, 1, 3), (2021, 1, 11, 0), (2023, 10, 5, 3), (2024, 2, 29, 3), (2000, 3, 1, 2), (1, 1, 1, 0)]
        {
            let date = Date::new(y, m, d).expect("valid");
            assert_eq!(Date::from_days_since_epoch(date.days_since_epoch()), date);
            assert_eq!(date.weekday(), wd, "{y}-{m}-{d}");
        }
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(2023, 13, 1).is_none());
    }

    #[test]
    fn schema_version_mismatch_is_refused() {
        let err = Corpus::from_json(r#"{"schema_version": 999}"#).unwrap_err();
        assert!(err.to_string().contains("999"));
    }
}
