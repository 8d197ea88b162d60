//! Ingest: raw inputs in, a [`Corpus`] out, every input accounted for.
//!
//! The caller (build script or CLI) reads files and hands their bytes to an
//! [`Ingester`] one file at a time ([`Ingester::add`], then
//! [`Ingester::finish`]); [`ingest`] and [`ingest_with`] do that for a slice
//! of files. This module does no I/O. Each input file goes through:
//!
//! 1. **Format dispatch** by extension ([`format_of`]): `.txt` raw page text
//!    (with optional front matter), `.jsonl`/`.ndjson`/`.json` records,
//!    `.csv` records; anything else is rejected with its type named.
//! 2. **Decoding** ([`decode()`], see [its module](mod@decode)): UTF-8 (BOM stripped), UTF-16
//!    with BOM, a legacy 8-bit encoding guessed between Windows-1251
//!    (Cyrillic) and Windows-1252 (Latin-1), or UTF-8 with its few bad lines
//!    repaired, each with a warning. Empty and binary files are rejected with
//!    a reason. A record's columns (title, outlet/source/media_name,
//!    date/publish_date, url, author(s), text/content) become [`text::Hints`]
//!    and its text goes through the same extractor as raw pages; malformed
//!    records are rejected with their line (see [`records`]).
//! 3. **Outlet identification** ([`outlet`]): the publisher from evidence,
//!    strongest first (the input's outlet, the URL's domain, the site name
//!    printed in the title or copyright line, registry signatures and
//!    domains in the text), recorded with its kind; after extraction, the
//!    original source of a reprint from its credits. Unknown outlets are
//!    reported with a reason, never guessed.
//! 4. **Deduplication** ([`dedup`]): an article whose text is the same as a
//!    kept one's, or a copy of it without content of its own (a syndicated
//!    copy), is merged into it and recorded in its `duplicates` with its
//!    outlet, URL, title and similarity; a fuller copy arriving later takes
//!    the kept one's place. Every merge is reported with both file names.
//!
//! The [`Report`] has one line per input (file, or record of a multi-record
//! file) saying whether it was ingested, merged as a duplicate or rejected,
//! with every warning; inputs the caller could not read at all (permission
//! denied, not a regular file, symbolic link loop...) are added as rejected
//! with [`Ingester::reject`].
//!
//! **Streaming and threads.** Steps 1-2 and each unit's outlet evidence and
//! extraction need no shared state: [`prepare`] does them for one file
//! (records are read one at a time and the file's text is dropped when it
//! returns), so callers may prepare several files on several threads and
//! hand the [`Prepared`] files to [`Ingester::add_prepared`] in input order;
//! deduplication, ids and the report then come out the same as with
//! [`Ingester::add`]. Memory is the largest file being prepared plus what is
//! kept (the extracted articles and the deduplication index).

pub mod decode;
pub mod dedup;
pub mod html;
mod json_array;
pub mod outlet;
pub mod records;
pub mod registry;
pub mod text;
pub mod txt;

use crate::model::{
    Article, Corpus, Disposition, EvidenceKind, InputReport, MergedCopy, Outlet, Provenance, Report, SCHEMA_VERSION,
};
use registry::Registry;
use std::collections::HashMap;
use text::Hints;

pub use decode::{decode, decode_owned, Decoded};

/// One input file handed to ingest.
#[derive(Debug, Clone)]
pub struct InputFile {
    /// Path relative to the corpus folder (used in ids and reports).
    pub path: String,
    /// Raw bytes.
    pub bytes: Vec<u8>,
}

/// One unit of work: a text with hints, from a file or a record.
struct Unit {
    input: String,
    file: String,
    format: &'static str,
    record: Option<usize>,
    text: String,
    hints: Hints,
    warnings: Vec<String>,
    /// For an HTML page: its metadata (the text is its visible text).
    page: Option<Box<PageUnit>>,
}

/// What an HTML unit carries besides its visible text.
struct PageUnit {
    meta: html::meta::PageMeta,
    /// The main text's paragraphs found on the DOM (see [`html`]).
    paragraphs: Vec<String>,
    /// The whole visible text, when the DOM's main text looks short.
    full_text: Option<String>,
    encoding: String,
    /// The WARC record it came from, described.
    record: Option<String>,
}

/// A unit after the work that needs no shared state ([`analyse`]: outlet
/// evidence and extraction), ready to be deduplicated and added in order.
/// The raw text is gone: the extraction holds what is kept.
#[derive(serde::Serialize, serde::Deserialize)]
struct Analysed {
    input: String,
    file: String,
    #[serde(deserialize_with = "known_format")]
    format: FormatName,
    record: Option<usize>,
    hints: Hints,
    warnings: Vec<String>,
    publisher: outlet::Publisher,
    reprint: Option<outlet::Reprint>,
    outlet_source: String,
    ex: Result<text::Extracted, String>,
    language: Option<crate::model::LanguageInfo>,
    page: Option<crate::model::PageSources>,
}

/// The folded text of an extracted article as deduplication compares it:
/// the text itself (exact copies), its hash, and its word shingles (near
/// copies, see [`dedup`]).
struct DedupKeys {
    body_key: String,
    hash: u64,
    shingles: dedup::Prepared,
}

impl DedupKeys {
    /// The keys of the lead and body paragraphs `texts`, in reading order
    /// ([`Article::texts`]).
    fn of<'a>(texts: impl Iterator<Item = &'a str>) -> DedupKeys {
        let mut body_key = String::new();
        let shingles = dedup::Prepared::new(fold_texts(texts, Some(&mut body_key)));
        DedupKeys { hash: key_hash(&body_key), body_key, shingles }
    }
}

/// The shingles of a kept article, as [`DedupKeys::of`] made them when it
/// was added (the near-duplicate table does not keep them).
fn shingles_of(article: &Article) -> dedup::Shingles {
    fold_texts(article.texts(), None)
}

/// Folds paragraphs `texts` in one pass: their shingles and, into `key`,
/// their keys ([`text::line_key`]) joined by a space. One function for the
/// new text and for a kept one computed again (its shingles, its key), so
/// both are the same; it reuses its buffers across paragraphs (it runs on
/// every input).
fn fold_texts<'a>(texts: impl Iterator<Item = &'a str>, mut key: Option<&mut String>) -> dedup::Shingles {
    let mut shingles = dedup::Shingles::default();
    let (mut folded, mut words) = (String::new(), Vec::new());
    for (i, t) in texts.enumerate() {
        if let (Some(key), true) = (key.as_deref_mut(), i > 0) {
            key.push(' ');
        }
        words.clear();
        // The word being read: its hash so far, if a word has started.
        let mut word: Option<u64> = None;
        // Each character folded (`text::fold_char`) and read at once: no
        // folded copy of the paragraph, no second pass to split it. ASCII,
        // most of most texts, folds to itself lowercased.
        for c in t.chars() {
            if c.is_ascii() {
                fold_letter(c.to_ascii_lowercase(), &mut word, &mut key, &mut words);
            } else {
                folded.clear();
                crate::text::fold_char(c, &mut folded);
                for f in folded.chars() {
                    fold_letter(f, &mut word, &mut key, &mut words);
                }
            }
        }
        if let Some(h) = word.take() {
            words.push(h);
        }
        shingles.push_paragraph(&words);
    }
    shingles
}

/// Reads one folded character of a paragraph ([`fold_texts`]): a letter or
/// digit goes on the word being read, `word` (its hash so far; a space
/// goes into `key` before a paragraph's second word and later ones), any
/// other character ends it, into `words`. Inlined, with ASCII read as
/// one byte without Unicode's tables: it runs on every character of
/// every text (as a call, it was 7% of text ingest).
#[inline(always)]
fn fold_letter(c: char, word: &mut Option<u64>, key: &mut Option<&mut String>, words: &mut Vec<u64>) {
    let alphanumeric = if c.is_ascii() { c.is_ascii_alphanumeric() } else { c.is_alphanumeric() };
    if alphanumeric {
        let h = word.get_or_insert_with(|| {
            if let (Some(key), false) = (key.as_deref_mut(), words.is_empty()) {
                key.push(' ');
            }
            dedup::WORD_HASH_START
        });
        if c.is_ascii() {
            *h = dedup::word_hash_byte(*h, c as u8);
        } else {
            let mut utf8 = [0; 4];
            for &b in c.encode_utf8(&mut utf8).as_bytes() {
                *h = dedup::word_hash_byte(*h, b);
            }
        }
        if let Some(key) = key.as_deref_mut() {
            key.push(c);
        }
    } else if let Some(h) = word.take() {
        words.push(h);
    }
}

/// The lead and body paragraphs of an extraction, in reading order, as
/// [`Article::texts`] gives them once it is an article.
fn texts_of<'a>(lead: &'a str, body: &'a [crate::model::Block]) -> impl Iterator<Item = &'a str> {
    std::iter::once(lead).filter(|l| !l.is_empty()).chain(body.iter().map(crate::model::Block::text))
}

impl Analysed {
    /// The analysed unit: what `u` carried, what was found, and its
    /// language (`language`, from the hints, the extraction and the unit's
    /// warnings; none when nothing was extracted).
    fn of(
        u: Unit,
        publisher: outlet::Publisher,
        reprint: Option<outlet::Reprint>,
        outlet_source: String,
        ex: Result<text::Extracted, String>,
        page: Option<crate::model::PageSources>,
        language: impl FnOnce(&Hints, &str, &text::Extracted, &mut Vec<String>) -> Option<crate::model::LanguageInfo>,
    ) -> Analysed {
        let Unit { input, file, format, record, text: _, hints, mut warnings, page: _ } = u;
        let mut ex = ex;
        if let Ok(ex) = ex.as_mut() {
            clean_fields(ex);
        }
        let language = ex.as_ref().ok().and_then(|ex| language(&hints, format, ex, &mut warnings));
        Analysed { input, file, format, record, hints, warnings, publisher, reprint, outlet_source, ex, language, page }
    }

    /// The deduplication keys of the extracted article, if any.
    fn dedup_keys(&self) -> Option<DedupKeys> {
        self.ex.as_ref().ok().map(|ex| DedupKeys::of(texts_of(&ex.lead, &ex.body)))
    }
}

/// Identifies the outlet of a unit and extracts its article.
fn analyse(mut u: Unit, registry: &Registry) -> Analysed {
    if let Some(page) = u.page.take() {
        return analyse_page(u, *page, registry);
    }
    // The publisher from the evidence, then the text, then the original
    // source of a reprint from the credits the text prints.
    let publisher = outlet::publisher(&u.text, &u.hints, registry);
    let entry = publisher.key.as_deref().and_then(|k| registry.get(k));
    let ex = text::extract(&u.text, &u.hints, entry, registry);
    let (reprint, outlet_source) = match &ex {
        Ok(ex) => syndication(&u, ex, &publisher, registry),
        Err(_) => (None, publisher.detail.clone()),
    };
    Analysed::of(u, publisher, reprint, outlet_source, ex, None, language_of)
}

/// The publisher of an HTML page, from what the page says about itself:
/// the outlet the input names (with the page's URL, as for other inputs),
/// else the host of its canonical URL or a site name the registry knows
/// ([`html::identify`]), else a site the registry does not know: the host
/// of the page's URL named by the page's site name (one key for all its
/// pages, with or without a site name), or with no URL the site name
/// alone, else the URL's domain. Names in the page's
/// text are never evidence for a page: a page quoting Reuters or crediting
/// RT is not Reuters or RT (a credit makes it a reprint instead).
fn page_publisher(
    hints: &Hints,
    input_url: Option<&str>,
    meta: &html::meta::PageMeta,
    registry: &Registry,
) -> outlet::Publisher {
    use crate::model::EvidenceKind;
    if hints.outlet.is_some() {
        return outlet::publisher("", hints, registry);
    }
    if let Some((key, detail)) = html::identify(meta, input_url, registry) {
        let kind = if detail.starts_with("host of") { EvidenceKind::Url } else { EvidenceKind::SiteName };
        return outlet::Publisher { key: Some(key), name: None, kind, detail, warnings: vec![] };
    }
    // The most trusted name that is a name, not an address (`og:site_name`
    // "https://www.fr.de" gives way to the JSON-LD publisher "Frankfurter
    // Rundschau"), else the most trusted one.
    let named = |s: &&html::meta::Found| !crate::text::terms(&s.value).is_empty();
    let address = |s: &&html::meta::Found| {
        let v = s.value.to_ascii_lowercase();
        v.contains("://") || v.starts_with("www.")
    };
    let site = meta.site_names.iter().filter(named).find(|s| !address(s));
    if let Some(site) = site.or_else(|| meta.site_names.iter().find(named)) {
        // A page with a URL is that site whatever it calls itself: keyed by
        // the URL's host, as its pages that give no site name are, so that
        // one site is one outlet (it was two, `named-example-daily` and
        // `example-news.org`); the site name names it. Without a URL, the
        // site name alone is the key.
        let named_by = format!("{} \"{}\"", site.source, site.value);
        let (key, detail) = match hints.url.as_deref().and_then(registry::url_host) {
            Some(host) => (host.clone(), format!("{named_by} of the site {host} (not in the registry)")),
            None => (
                format!("named-{}", crate::text::terms(&site.value).join("-")),
                format!("{named_by} (not in the registry)"),
            ),
        };
        return outlet::Publisher {
            key: Some(key),
            name: Some(site.value.clone()),
            kind: EvidenceKind::SiteName,
            detail,
            warnings: vec![],
        };
    }
    let mut p = outlet::publisher("", hints, registry);
    if p.key.is_none() {
        p.detail = "the page names neither its URL nor its site (names in its text are not evidence)".into();
    }
    p
}

/// [`analyse`] for an HTML page (see [`html`]): the outlet from the page's
/// metadata first, the visible text through the text extractor, then
/// title, date and author reconciled with the metadata.
fn analyse_page(mut u: Unit, page: PageUnit, registry: &Registry) -> Analysed {
    let PageUnit { meta, paragraphs, full_text, encoding, record: warc } = page;
    let canonical = meta.urls.first().map(|f| f.value.clone());
    // The URL the page was fetched from (a WARC record's, a record's
    // column), else the one it gives itself.
    let input_url = u.hints.url.clone();
    if u.hints.url.is_none() {
        u.hints.url = canonical.clone();
    }
    let mut publisher = page_publisher(&u.hints, input_url.as_deref(), &meta, registry);
    // A page saved without the URL it was fetched from, whose URL names an
    // outlet the page itself credits as the provider of the story (`©
    // Provided by The Guardian`): an aggregator's copy of that outlet's
    // story, published by a site the page does not name.
    let mut hosted = None;
    if input_url.is_none() && publisher.kind == crate::model::EvidenceKind::Url {
        if let Some((o, line)) =
            html::provided_by(&u.text, registry).filter(|(o, _)| publisher.key.as_deref() == Some(o.key.as_str()))
        {
            hosted = Some(outlet::Reprint {
                key: o.key.clone(),
                evidence: format!("\"{line}\" on a page whose URL is the original's ({})", publisher.detail),
            });
            publisher = outlet::Publisher {
                key: None,
                name: None,
                kind: crate::model::EvidenceKind::None,
                detail: format!("an aggregator's copy: the page credits \"{line}\" and gives only the original's URL"),
                warnings: vec![],
            };
        }
    }
    let outlet = publisher.key.clone();
    let entry = outlet.as_deref().and_then(|k| registry.get(k));
    let given = [u.hints.title.is_some(), u.hints.date.is_some(), u.hints.author.is_some()];
    let mut ex = text::extract(&u.text, &u.hints, entry, registry);
    // The main-content extractor kept much less than the page's prose:
    // the text passes' main text of the whole page instead.
    let fallback = full_text.and_then(|full| text::extract(&full, &u.hints, entry, registry).ok());
    if let (Some(fb), Ok(ex)) = (fallback, ex.as_mut()) {
        ex.lead = fb.lead;
        ex.body = fb.body;
        ex.credits = fb.credits;
    } else if !paragraphs.is_empty() {
        // The body comes from the DOM; the text passes' title, date and
        // author are kept (or nothing, when they found no article).
        let mut ex_ok = ex.unwrap_or_else(|_| text::Extracted {
            title: u.hints.title.clone().unwrap_or_default(),
            date: crate::model::DateInfo::unknown("no date line in the visible text"),
            author: None,
            author_from: text::AuthorFrom::None,
            dateline: None,
            lead: String::new(),
            body: vec![],
            credits: vec![],
            warnings: vec![],
        });
        html::set_body(&mut ex_ok, paragraphs);
        // The credit lines the text passes found stay out of the DOM's body.
        let credit_lines: Vec<String> = ex_ok.credits.iter().map(|c| text::line_key(&c.line)).collect();
        if !credit_lines.is_empty() {
            ex_ok.body.retain(|b| !credit_lines.contains(&text::line_key(b.text())));
        }
        ex = Ok(ex_ok);
    }
    // A page with no headline and next to no text outside its furniture
    // (a menu, a consent wall, an error page) is not an article.
    if let Ok(e) = &ex {
        let words = std::iter::once(e.lead.as_str())
            .chain(e.body.iter().map(|b| b.text()))
            .map(|t| t.split_whitespace().count())
            .sum::<usize>();
        if e.title.trim().is_empty() && words < html::MIN_UNTITLED_WORDS {
            ex = Err(format!(
                "no article on the page: no headline, and {words} words of text outside navigation and page furniture"
            ));
        }
    }
    let mut sources = crate::model::PageSources {
        encoding,
        language: meta.language.as_ref().map(|l| format!("{} ({})", l.value, l.source)),
        canonical_url: canonical,
        syndicated: html::syndicated(&meta, outlet.as_deref(), registry),
        record: warc,
        ..Default::default()
    };
    if let Ok(ex) = ex.as_mut() {
        let d = html::reconcile::decide(ex, &meta, &u.text, given, registry);
        sources.title = d.title_source;
        sources.author = d.author_source;
        sources.alternatives = d.alternatives;
    }
    // Reprints: the credits the text prints (as for other inputs), else an
    // agency the metadata names as the author.
    let (mut reprint, outlet_source) = match &ex {
        Ok(ex) => syndication(&u, ex, &publisher, registry),
        Err(_) => (None, publisher.detail.clone()),
    };
    if reprint.is_none() {
        reprint = hosted;
    }
    if reprint.is_none() {
        reprint = html::canonical_elsewhere(&meta, input_url.as_deref(), outlet.as_deref(), registry)
            .map(|(key, evidence)| outlet::Reprint { key, evidence });
    }
    if reprint.is_none() {
        reprint = meta.authors.iter().find_map(|a| {
            let o = registry.resolve_name(&a.value)?;
            (o.agency && Some(o.key.as_str()) != outlet.as_deref())
                .then(|| outlet::Reprint { key: o.key.clone(), evidence: format!("{} \"{}\"", a.source, a.value) })
        });
    }
    if sources.syndicated.is_none() {
        sources.syndicated = reprint
            .as_ref()
            .map(|r| format!("{} ({})", registry.get(&r.key).map_or(r.key.as_str(), |o| o.name.as_str()), r.evidence));
    }
    let language = |hints: &Hints, format: &str, ex: &text::Extracted, warnings: &mut Vec<String>| {
        page_language(hints, &meta, format, ex, warnings)
    };
    Analysed::of(u, publisher, reprint, outlet_source, ex, Some(sources), language)
}

/// The language of a page: as for other inputs (a declared language, else
/// detection); when the detector finds none, the page's own `<html lang>`
/// (or `og:locale`, JSON-LD `inLanguage`), which templates often leave
/// wrong and so never overrules detection.
fn page_language(
    hints: &Hints,
    meta: &html::meta::PageMeta,
    format: &str,
    ex: &text::Extracted,
    warnings: &mut Vec<String>,
) -> Option<crate::model::LanguageInfo> {
    let mut quiet = Vec::new();
    let found = language_of(hints, format, ex, &mut quiet);
    if found.is_some() {
        warnings.extend(quiet);
        return found;
    }
    let declared = meta.language.as_ref().and_then(|l| Some((crate::lang::normalize(&l.value)?, l)));
    match declared {
        Some((code, l)) => Some(crate::model::LanguageInfo {
            code: code.to_string(),
            confidence: 100,
            source: format!("{} {:?} (not detected in the text)", l.source, l.value),
        }),
        None => {
            warnings.extend(quiet);
            None
        }
    }
}

/// The language of an extracted article: the one the input declares when
/// it names a language Dateline knows (else a warning, and detection),
/// else the one detected in its title and text (see [`crate::lang`]).
fn language_of(
    hints: &Hints,
    format: &str,
    ex: &text::Extracted,
    warnings: &mut Vec<String>,
) -> Option<crate::model::LanguageInfo> {
    let how = if format == "txt" { "front matter language:" } else { "column language:" };
    if let Some(declared) = &hints.language {
        match crate::lang::normalize(declared) {
            Some(code) => {
                return Some(crate::model::LanguageInfo {
                    code: code.to_string(),
                    confidence: 100,
                    source: format!("{how} {declared:?}"),
                })
            }
            None => warnings.push(format!("{how} {declared:?} is not a language Dateline knows: detected instead")),
        }
    }
    let mut text = String::new();
    for t in std::iter::once(ex.lead.as_str()).chain(ex.body.iter().map(|b| b.text())) {
        if text.len() >= crate::lang::DETECT_BYTES {
            break;
        }
        text.push_str(t);
        text.push('\n');
    }
    let found = match crate::lang::detect(&ex.title, &text) {
        // A sample that mixes the article with furniture in another
        // language (two German paragraphs, then an English comment form
        // and server warnings) can leave the detector unsure and wrong
        // (German read as French at 17%): the article's lead is asked
        // alone, and its answer kept when it is sure (an unsure one can
        // be as wrong: Latin at 37% for a German lead read as German at
        // 21% in the whole sample).
        Some(d) if d.confidence < crate::lang::UNSURE && !ex.lead.trim().is_empty() => {
            crate::lang::detect(&ex.title, &ex.lead).filter(|l| l.confidence >= crate::lang::UNSURE).or(Some(d))
        }
        found => found,
    };
    match found {
        Some(d) => Some(crate::model::LanguageInfo {
            code: d.code.to_string(),
            confidence: d.confidence,
            source: "detected".into(),
        }),
        None => {
            warnings.push("language not detected: no text in an alphabet the detector knows".into());
            None
        }
    }
}

/// Turns a path into an id: the file stem, lowercased, with anything but
/// letters, digits, `-` and `_` replaced.
fn id_of(path: &str, record: Option<usize>) -> String {
    let stem = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
    let mut id: String = stem
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c.to_ascii_lowercase() } else { '-' })
        .collect();
    if let Some(r) = record {
        id.push_str(&format!("-{r}"));
    }
    id
}

/// The folded text of a kept article that exact deduplication compares,
/// made by the function that made the new text's ([`fold_texts`]), so the
/// two are the same by construction (asked only on a hash hit).
fn body_key_of(a: &Article) -> String {
    let mut key = String::new();
    fold_texts(a.texts(), Some(&mut key));
    key
}

/// A hash of a [`body_key_of`], the same on every run.
fn key_hash(key: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    // SipHash with fixed keys: deterministic.
    let mut h = std::hash::DefaultHasher::new();
    key.hash(&mut h);
    h.finish()
}

/// Units planned at once by [`Ingester::add_prepared_with`]: enough to
/// keep every core busy for a while (the search averaged about half a
/// millisecond a unit at 100,000 generated articles: 43% of 146 CPU
/// seconds), few enough that the units of a batch rarely copy each other
/// (those are compared again when added).
pub const PLAN_BATCH: usize = 256;

/// Runs `plan(i)` for every `i` in `0..n` and gives the results in order,
/// as `(0..n).map(plan).collect()` does: a caller with threads runs them
/// on all of them ([`Ingester::add_prepared_with`]).
pub type MapPlans<'a> = &'a dyn Fn(usize, &(dyn Fn(usize) -> Planned + Sync)) -> Vec<Planned>;

/// A unit of a batch made ready to add on any thread ([`MapPlans`]): its
/// deduplication keys and its planned near-duplicate search. The keys are
/// made here, a batch at a time, not when the unit is prepared: a file's
/// units wait for the adder all together, and their keys (the folded text
/// and its shingles, about four times the text) held for all of them made
/// a 200 MB JSON Lines file need 1.39 GB.
#[derive(Default)]
pub struct Planned {
    keys: Option<DedupKeys>,
    plan: Option<dedup::Plan>,
}

/// Settings of an ingest run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The day ingest runs (given by the caller: the core has no clock).
    /// Publication dates more than a day after it are impossible and
    /// dropped with a warning.
    pub today: Option<crate::model::Date>,
}

/// Ingests input files into a corpus named `name` (no clock: future dates
/// are only checked against the fixed 1990..=2100 range).
pub fn ingest(files: &[InputFile], registry: &Registry, name: &str) -> Corpus {
    ingest_with(files, registry, name, &Options::default(), &mut |_, _| {})
}

/// Ingests input files into a corpus named `name` with options;
/// `progress(done, total)` is called as files are ingested, for progress
/// bars. A thin wrapper over [`Ingester`] (which takes one file at a time).
pub fn ingest_with(
    files: &[InputFile],
    registry: &Registry,
    name: &str,
    options: &Options,
    progress: &mut dyn FnMut(usize, usize),
) -> Corpus {
    let mut ingester = Ingester::new(registry, name, options.clone());
    for (done, f) in files.iter().enumerate() {
        progress(done, files.len());
        ingester.add(f.clone());
    }
    ingester.finish()
}

/// The supported formats, by extension (case-insensitive).
const FORMATS: &[(&str, &str)] = &[
    ("txt", "txt"),
    ("text", "txt"),
    ("md", "txt"),
    ("jsonl", "jsonl"),
    ("ndjson", "jsonl"),
    ("json", "json"),
    ("csv", "csv"),
    ("html", "html"),
    ("htm", "html"),
    ("xhtml", "html"),
    ("html.gz", "html.gz"),
    ("htm.gz", "html.gz"),
    ("xhtml.gz", "html.gz"),
    ("warc", "warc"),
    ("warc.gz", "warc.gz"),
];

/// The extensions accepted, for messages.
const EXPECTED: &str = "expected .txt, .jsonl, .json, .csv, .html, .htm, .xhtml, .html.gz, .warc or .warc.gz";

/// The format of an input (`txt`, `jsonl`, `json`, `csv`, `html`,
/// `html.gz`, `warc` or `warc.gz`) from its file name, or the reason it is
/// rejected. Callers can check this before reading a file, so that
/// unsupported files are never read.
pub fn format_of(path: &str) -> Result<&'static str, String> {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let ext = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !ext.is_empty() => ext.to_ascii_lowercase(),
        _ => return Err(format!("unsupported file type: no extension ({EXPECTED})")),
    };
    // `page.html.gz`: the extension before `.gz` decides.
    let ext = match name.to_ascii_lowercase().strip_suffix(".gz").and_then(|s| s.rsplit_once('.')) {
        Some((stem, inner)) if ext == "gz" && !stem.is_empty() => format!("{inner}.gz"),
        _ => ext,
    };
    FORMATS
        .iter()
        .find(|(e, _)| *e == ext)
        .map(|(_, f)| *f)
        .ok_or_else(|| format!("unsupported file type `.{ext}` ({EXPECTED})"))
}

/// Largest size a gzipped input may decompress to.
pub const MAX_GUNZIPPED: u64 = 256 << 20;

/// Decompresses a gzip file (all its members), refusing more than
/// [`MAX_GUNZIPPED`] bytes of output (a decompression bomb).
pub fn gunzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let mut out = Vec::new();
    let mut reader = flate2::read::MultiGzDecoder::new(bytes).take(MAX_GUNZIPPED + 1);
    reader.read_to_end(&mut out).map_err(|e| format!("not a readable gzip file: {e}"))?;
    if out.len() as u64 > MAX_GUNZIPPED {
        return Err(format!("decompresses to more than {} MB; not read", MAX_GUNZIPPED >> 20));
    }
    Ok(out)
}

/// One HTML page handed over by the caller (a WARC response record read
/// by the tools layer, which has the WARC reader).
#[derive(Debug, Clone)]
pub struct PageInput {
    /// The input's name in the report (`file#offset` for a WARC record).
    pub input: String,
    /// The page's bytes (the HTTP payload, without headers).
    pub bytes: Vec<u8>,
    /// The charset of the HTTP `Content-Type` header, if any.
    pub http_charset: Option<String>,
    /// The page's URL (a WARC record's target URI).
    pub url: Option<String>,
    /// The record, described for the reader (offset, capture date).
    pub record: Option<String>,
}

/// One page of a multi-page file, or why a part of that file was not read.
#[derive(Debug, Clone)]
pub enum PagePart {
    /// A page to ingest.
    Page(PageInput),
    /// A part of the file rejected: its input name and the reason.
    Rejected(String, String),
}

/// Prepares the pages of one multi-page file (a WARC archive read by the
/// caller), in file order; `warnings` are about the whole file and go with
/// its last entry (see [`PagesStream`]).
pub fn prepare_pages(path: &str, parts: Vec<PagePart>, warnings: Vec<String>, registry: &Registry) -> Prepared {
    let mut stream = PagesStream::new(path, registry);
    let mut prepared = stream.push(parts);
    prepared.append(stream.finish(warnings));
    prepared
}

/// The pages of a multi-page file prepared a batch at a time, as the
/// caller reads them (a WARC archive of a crawl is typically 1 GB: read a
/// gzip member at a time, it is never in memory whole). The parts, added
/// in order, are what [`prepare_pages`] makes of all the pages at once.
/// The warnings about the whole file (records skipped) are known only at
/// its end: they go with its last entry, which each batch holds back
/// until the next.
pub struct PagesStream<'r> {
    path: String,
    registry: &'r Registry,
    /// Entries so far (pages and rejected records).
    entries: usize,
    /// The last entry, held back.
    held: Option<Item>,
}

impl<'r> PagesStream<'r> {
    /// A stream for the file `path`.
    pub fn new(path: &str, registry: &'r Registry) -> PagesStream<'r> {
        PagesStream { path: path.to_string(), registry, entries: 0, held: None }
    }

    /// Prepares the next pages and rejected records of the file.
    pub fn push(&mut self, parts: Vec<PagePart>) -> Prepared {
        let mut items: Vec<Item> = self.held.take().into_iter().collect();
        for part in parts {
            self.entries += 1;
            items.push(match part {
                PagePart::Page(p) => {
                    let PageInput { input, bytes, http_charset, url, record } = p;
                    let hints = Hints { url, ..Hints::default() };
                    let charset = http_charset.as_deref();
                    let n = Some(self.entries);
                    page_item(input, &self.path, "warc", n, bytes, charset, hints, record, &[], self.registry)
                }
                PagePart::Rejected(input, reason) => Item::Rejected(InputReport {
                    input,
                    disposition: Disposition::Rejected { reason },
                    warnings: vec![],
                }),
            });
        }
        self.held = items.pop();
        Prepared { items }
    }

    /// The file's last entry, with the `warnings` about the whole file;
    /// a file without entries is rejected.
    pub fn finish(mut self, warnings: Vec<String>) -> Prepared {
        let Some(mut last) = self.held.take() else {
            return Prepared::rejected(&self.path, "no HTML response records".into(), warnings);
        };
        let list = match &mut last {
            Item::Rejected(r) => &mut r.warnings,
            Item::Unit(u) => &mut u.warnings,
        };
        list.splice(0..0, warnings);
        Prepared { items: vec![last] }
    }
}

/// Reads one HTML page into an analysed unit, or rejects it.
#[allow(clippy::too_many_arguments)]
fn page_item(
    input: String,
    file: &str,
    format: &'static str,
    record: Option<usize>,
    bytes: Vec<u8>,
    http_charset: Option<&str>,
    hints: Hints,
    warc: Option<String>,
    warnings: &[String],
    registry: &Registry,
) -> Item {
    let mut warnings = warnings.to_vec();
    match html::read_page(bytes, http_charset) {
        Ok(page) => {
            warnings.extend(page.warnings);
            let encoding = page.encoding;
            let unit = Unit {
                input,
                file: file.to_string(),
                format,
                record,
                text: page.text,
                hints,
                warnings,
                page: Some(Box::new(PageUnit {
                    meta: page.meta,
                    paragraphs: page.paragraphs,
                    full_text: page.full_text,
                    encoding,
                    record: warc,
                })),
            };
            Item::Unit(Box::new(analyse(unit, registry)))
        }
        Err(reason) => Item::Rejected(InputReport { input, disposition: Disposition::Rejected { reason }, warnings }),
    }
}

/// One input file decoded, parsed into units and extracted: the per-file
/// work of ingest, which needs no shared state (see the module docs). Hand it
/// to [`Ingester::add_prepared`]. A large JSON Lines or CSV file is
/// prepared in parts ([`PrepareStream`]): each part is a `Prepared` too,
/// and adding the parts in order is adding the file.
///
/// A prepared file can be stored and read back: tools keep them in a cache
/// keyed by the file's bytes, so a rebuild extracts only the files that
/// changed, and shards of a large ingest are stored this way. The stored
/// form is JSON Lines, written and read a part at a time: a first line
/// `{"version":N}` ([`PREPARED_VERSION`], [`Prepared::stored_header`]),
/// then one line per part ([`Prepared::to_line`]).
#[derive(serde::Serialize, serde::Deserialize, Default)]
pub struct Prepared {
    items: Vec<Item>,
}

/// The version of the stored form of [`Prepared`]; bumped when what it
/// holds changes meaning (a stored form of another version is refused).
/// Version 2: the field sources of an article read from HTML. Version 3:
/// the credit lines of an extraction (credit lines are no longer in the
/// body). Version 4: extracted fields are stored cleaned of control
/// characters (they were cleaned when the corpus was finished). Version 5:
/// JSON Lines, a version line and one line per part.
pub const PREPARED_VERSION: u32 = 5;

/// The first line of the stored form of [`Prepared`].
#[derive(serde::Serialize, serde::Deserialize)]
struct StoredHeader {
    version: u32,
}

/// A format name (an alias, so that serde does not take the field for a
/// string borrowed from the stored form).
type FormatName = &'static str;

/// The stored form of a format name: one of the [`FORMATS`].
fn known_format<'de, D: serde::Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    let name = <String as serde::Deserialize>::deserialize(d)?;
    FORMATS
        .iter()
        .map(|(_, f)| *f)
        .find(|f| *f == name)
        .ok_or_else(|| serde::de::Error::custom(format!("unknown input format {name:?}")))
}

/// A rejected input or an extracted unit, in file order.
#[derive(serde::Serialize, serde::Deserialize)]
enum Item {
    Rejected(InputReport),
    Unit(Box<Analysed>),
}

impl Prepared {
    /// Whether this holds nothing (a part of a file that completed no
    /// record).
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// How many inputs (units and rejections) this holds.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Keeps the first `n` inputs and gives the rest.
    pub fn split_off(&mut self, n: usize) -> Prepared {
        Prepared { items: self.items.split_off(n.min(self.items.len())) }
    }

    /// The first line of the stored form, with its line break.
    pub fn stored_header() -> Vec<u8> {
        let mut line = serde_json::to_vec(&StoredHeader { version: PREPARED_VERSION }).unwrap_or_default();
        line.push(b'\n');
        line
    }

    /// Checks the first line of a stored form: another version is refused
    /// (the caller prepares the file again).
    pub fn check_stored_header(line: &[u8]) -> Result<(), String> {
        let header: StoredHeader = serde_json::from_slice(line).map_err(|e| format!("damaged prepared file: {e}"))?;
        if header.version != PREPARED_VERSION {
            return Err(format!("prepared file of version {}, expected {PREPARED_VERSION}", header.version));
        }
        Ok(())
    }

    /// This part as one line of the stored form, with its line break (JSON
    /// escapes the line breaks of strings).
    pub fn to_line(&self) -> Vec<u8> {
        let mut line = serde_json::to_vec(self).unwrap_or_default();
        line.push(b'\n');
        line
    }

    /// A part read back from one line of the stored form.
    pub fn from_line(line: &[u8]) -> Result<Prepared, String> {
        serde_json::from_slice(line).map_err(|e| format!("damaged prepared file: {e}"))
    }

    /// The whole stored form of this (one part).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = Prepared::stored_header();
        bytes.extend(self.to_line());
        bytes
    }

    /// Reads a whole stored form back, its parts joined; a damaged one or
    /// one of another version is an error (the caller prepares the file
    /// again).
    pub fn from_bytes(bytes: &[u8]) -> Result<Prepared, String> {
        let mut lines = bytes.split(|&b| b == b'\n').filter(|l| !l.is_empty());
        Prepared::check_stored_header(lines.next().unwrap_or_default())?;
        let mut all = Prepared::default();
        for line in lines {
            all.append(Prepared::from_line(line)?);
        }
        Ok(all)
    }

    /// Adds the items of the next part of the same file.
    pub fn append(&mut self, mut next: Prepared) {
        self.items.append(&mut next.items);
    }

    /// An input rejected before it could be prepared (unreadable, say):
    /// added, it is reported as [`Ingester::reject`] reports it.
    pub fn rejection(input: &str, reason: &str) -> Prepared {
        Prepared::rejected(input, reason.to_string(), vec![])
    }

    fn rejected(input: &str, reason: String, warnings: Vec<String>) -> Prepared {
        Prepared {
            items: vec![Item::Rejected(InputReport {
                input: input.to_string(),
                disposition: Disposition::Rejected { reason },
                warnings,
            })],
        }
    }
}

/// Prepares one input file (see [`Prepared`]).
pub fn prepare(file: InputFile, registry: &Registry) -> Prepared {
    prepare_with(file, registry, &mut |_, _| {})
}

/// [`prepare`] calling `progress(done, total)` after each unit, in bytes of
/// the decoded text, for progress bars on large files.
pub fn prepare_with(file: InputFile, registry: &Registry, progress: &mut dyn FnMut(usize, usize)) -> Prepared {
    let InputFile { path, bytes } = file;
    let format = match format_of(&path) {
        Ok(format) => format,
        Err(reason) => return Prepared::rejected(&path, reason, vec![]),
    };
    if format.starts_with("warc") {
        return Prepared::rejected(
            &path,
            "a WARC archive is read by the tools layer (the ingest CLI and the build), not by the core alone".into(),
            vec![],
        );
    }
    if format.starts_with("html") {
        let total = bytes.len();
        let bytes = if format == "html.gz" {
            match gunzip(&bytes) {
                Ok(b) => b,
                Err(reason) => return Prepared::rejected(&path, reason, vec![]),
            }
        } else {
            bytes
        };
        let item = page_item(path.clone(), &path, "html", None, bytes, None, Hints::default(), None, &[], registry);
        progress(total, total);
        return Prepared { items: vec![item] };
    }
    let decoded = match decode_owned(bytes) {
        Ok(d) => d,
        Err(reason) => return Prepared::rejected(&path, reason, vec![]),
    };
    let mut warnings: Vec<String> = decoded.warning.into_iter().collect();
    let text = decoded.text;
    let total = text.len();
    if format == "txt" {
        let fm = text::read_front_matter(&text);
        let (hints, rest) = (fm.hints, fm.rest);
        warnings.extend(fm.warning);
        // The rest is a suffix of the text: drop the front matter in place
        // rather than copy a possibly large file.
        let copied = (!text.ends_with(rest)).then(|| rest.to_string());
        let skip = text.len() - rest.len();
        let body = copied.unwrap_or_else(|| {
            let mut text = text;
            text.drain(..skip);
            text
        });
        let unit =
            Unit { input: path.clone(), file: path, format, record: None, text: body, hints, warnings, page: None };
        let item = Item::Unit(Box::new(analyse(unit, registry)));
        progress(total, total);
        return Prepared { items: vec![item] };
    }
    let rows = match records::rows(&text, format) {
        Ok(rows) => rows,
        Err(reason) => return Prepared::rejected(&path, reason, warnings),
    };
    let mut items = Vec::new();
    for (n, row) in (1..).zip(rows) {
        let offset = row.offset;
        items.push(record_item(&path, format, n, row, &warnings, registry));
        progress(offset, total);
    }
    progress(total, total);
    if items.is_empty() {
        return Prepared::rejected(&path, "no records".into(), warnings);
    }
    Prepared { items }
}

/// Record `n` (from 1) of the multi-record file `path`, extracted.
fn record_item(
    path: &str,
    format: &'static str,
    n: usize,
    row: records::Row,
    warnings: &[String],
    registry: &Registry,
) -> Item {
    let input = format!("{path}#{n}");
    match row.record {
        Ok((hints, text)) if row.html => {
            page_item(input, path, format, Some(n), text.into_bytes(), None, hints, None, warnings, registry)
        }
        Ok((hints, text)) => Item::Unit(Box::new(analyse(
            Unit {
                input,
                file: path.to_string(),
                format,
                record: Some(n),
                text,
                hints,
                warnings: warnings.to_vec(),
                page: None,
            },
            registry,
        ))),
        Err(reason) => Item::Rejected(InputReport {
            input,
            disposition: Disposition::Rejected { reason },
            warnings: warnings.to_vec(),
        }),
    }
}

/// A JSON Lines or CSV file, or a JSON array, prepared a piece of its text
/// at a time ([`records::RowStream`]), so that a large export is never held
/// whole: the tools read such a file in blocks when it is plain UTF-8
/// ([`decode::PlainScan`]) and, for a JSON document, a valid array (checked
/// first; see `json_array`), and hand each part to the adder as it is
/// made. The parts, added in order, are what [`prepare`] makes of the
/// whole file (tests check this).
pub struct PrepareStream<'r> {
    path: String,
    format: &'static str,
    registry: &'r Registry,
    rows: records::RowStream,
    /// Records seen so far.
    records: usize,
    /// The file as a whole was rejected.
    rejected: bool,
    /// Warnings about the whole file (how it was decoded), given with each
    /// record as [`prepare`] gives them.
    warnings: Vec<String>,
}

impl<'r> PrepareStream<'r> {
    /// A stream for the file `path`, or `None` when its format is not read
    /// in pieces (prepare the whole file).
    pub fn new(path: &str, registry: &'r Registry) -> Option<PrepareStream<'r>> {
        let format = format_of(path).ok()?;
        let rows = records::RowStream::new(format).ok()?;
        Some(PrepareStream {
            path: path.to_string(),
            format,
            registry,
            rows,
            records: 0,
            rejected: false,
            warnings: Vec::new(),
        })
    }

    /// Gives `warnings` about the whole file (its decoding, see
    /// [`decode::DecodeScan`]) with each record and rejection, as
    /// [`prepare`] does.
    pub fn with_warnings(mut self, warnings: Vec<String>) -> Self {
        self.warnings = warnings;
        self
    }

    /// Prepares the records that the next piece of the file's text (after
    /// any leading byte order mark) completes, and hands them to `emit` in
    /// parts of at most [`PART_RECORDS`] records.
    pub fn push(&mut self, piece: &str, emit: &mut dyn FnMut(Prepared)) {
        let rows = self.rows.push(piece);
        self.parts(rows, emit);
    }

    /// Prepares the records left at the end of the file (see
    /// [`push`](Self::push)).
    pub fn finish(mut self, emit: &mut dyn FnMut(Prepared)) {
        let rows = self.rows.finish();
        self.parts(rows, emit);
        if self.records == 0 && !self.rejected {
            emit(Prepared::rejected(&self.path, "no records".into(), self.warnings.clone()));
        }
    }

    fn parts(&mut self, rows: Result<Vec<records::Row>, String>, emit: &mut dyn FnMut(Prepared)) {
        let rows = match rows {
            Ok(rows) => rows,
            Err(reason) => {
                self.rejected = true;
                return emit(Prepared::rejected(&self.path, reason, self.warnings.clone()));
            }
        };
        let mut rows = rows.into_iter().peekable();
        while rows.peek().is_some() {
            let items = rows
                .by_ref()
                .take(PART_RECORDS)
                .map(|row| {
                    self.records += 1;
                    record_item(&self.path, self.format, self.records, row, &self.warnings, self.registry)
                })
                .collect();
            emit(Prepared { items });
        }
    }
}

/// The most records in a part a [`PrepareStream`] hands over: the rows a
/// piece completes can be many (the rest of a file after an unbalanced
/// CSV quote comes at once), and a million records extracted together held
/// 1 GB.
pub const PART_RECORDS: usize = 1024;

/// Ingest, one input file at a time: [`Ingester::add`] each file (or
/// [`Ingester::add_prepared`] each [`prepare`]d file, in input order), then
/// [`Ingester::finish`] for the corpus. Only the articles kept and the
/// deduplication index stay in memory between files.
pub struct Ingester<'r> {
    registry: &'r Registry,
    name: String,
    options: Options,
    report: Report,
    articles: Vec<Article>,
    /// Kept articles by a hash of their folded text ([`key_hash`]); a hit
    /// is checked against the article's text, recomputed, so a collision
    /// never merges two texts. (Keys as strings held a second copy of the
    /// corpus text.)
    by_body: HashMap<u64, usize>,
    /// Per kept article: the hash of its folded text and its line in the
    /// report (a fuller copy arriving later rewrites that line).
    body_keys: Vec<u64>,
    report_at: Vec<usize>,
    near: dedup::NearDuplicates,
    adhoc: Vec<Outlet>,
    ids: std::collections::HashSet<String>,
}

impl<'r> Ingester<'r> {
    /// An ingest run producing a corpus named `name`.
    pub fn new(registry: &'r Registry, name: &str, options: Options) -> Self {
        Ingester {
            registry,
            name: name.to_string(),
            options,
            report: Report::default(),
            articles: Vec::new(),
            by_body: HashMap::new(),
            body_keys: Vec::new(),
            report_at: Vec::new(),
            near: dedup::NearDuplicates::default(),
            adhoc: Vec::new(),
            ids: std::collections::HashSet::new(),
        }
    }

    /// Ingests one input file.
    pub fn add(&mut self, file: InputFile) {
        let prepared = prepare(file, self.registry);
        self.add_prepared(prepared);
    }

    /// Adds a [`prepare`]d file (call in input order for stable ids and
    /// deduplication).
    pub fn add_prepared(&mut self, prepared: Prepared) {
        for item in prepared.items {
            match item {
                Item::Rejected(r) => self.report.inputs.push(r),
                Item::Unit(u) => self.add_unit(*u, Planned::default()),
            }
        }
    }

    /// [`add_prepared`](Self::add_prepared), with the near-duplicate
    /// search of each batch of [`PLAN_BATCH`] units planned through `map`
    /// (see [`dedup::NearDuplicates`]): a caller with threads plans on all
    /// of them (the core has none), and the units are then added one by
    /// one as `add_prepared` adds them, with the same result.
    pub fn add_prepared_with(&mut self, prepared: Prepared, map: MapPlans) {
        let mut items = prepared.items.into_iter();
        loop {
            let batch: Vec<Item> = items.by_ref().take(PLAN_BATCH).collect();
            if batch.is_empty() {
                break;
            }
            self.near.begin_batch();
            let planned = {
                let Ingester { near, articles, .. } = &*self;
                let batch = &batch;
                map(batch.len(), &|i| {
                    let Item::Unit(u) = &batch[i] else { return Planned::default() };
                    let keys = u.dedup_keys();
                    let plan = keys.as_ref().map(|k| near.plan(&k.shingles, &mut |k| shingles_of(&articles[k])));
                    Planned { keys, plan }
                })
            };
            for (item, p) in batch.into_iter().zip(planned.into_iter().chain(std::iter::repeat_with(Planned::default)))
            {
                match item {
                    Item::Rejected(r) => self.report.inputs.push(r),
                    Item::Unit(u) => self.add_unit(*u, p),
                }
            }
        }
        self.near.end_batch();
    }

    /// Records an input the caller could not hand over (unreadable, not a
    /// regular file...) as rejected with `reason`.
    pub fn reject(&mut self, input: &str, reason: &str) {
        self.add_prepared(Prepared::rejection(input, reason));
    }

    /// Deduplicates and adds one extracted unit, with the
    /// [`plan`](dedup::NearDuplicates::plan) of its near-duplicate search
    /// if one was made.
    fn add_unit(&mut self, mut u: Analysed, planned: Planned) {
        let Planned { keys, plan } = planned;
        let Ingester { registry, options, report, articles, by_body, body_keys, report_at, near, adhoc, ids, .. } =
            self;
        let registry: &Registry = registry;
        // An outlet the registry does not know is kept and reported.
        u.warnings.extend(u.publisher.warnings.iter().cloned());
        if let (Some(key), Some(name)) = (&u.publisher.key, &u.publisher.name) {
            match adhoc.iter_mut().find(|o| &o.key == key) {
                None => adhoc.push(Outlet { key: key.clone(), name: name.clone(), short: name.clone(), home: None }),
                // A site first seen on a page that gave no name (named after
                // its host) takes the name a later page gives it.
                Some(o) if o.name == *key && name != key => {
                    o.name = name.clone();
                    o.short = name.clone();
                }
                Some(_) => {}
            }
            let how = match u.publisher.kind {
                EvidenceKind::Input => "kept as the input names it",
                EvidenceKind::Url => "named after the URL's domain",
                _ => "named as the page names itself",
            };
            u.warnings.push(format!("outlet \"{name}\" is not in the registry: {how}"));
        }
        let ex = match u.ex {
            Ok(ex) => ex,
            Err(reason) => {
                report.inputs.push(InputReport {
                    input: u.input,
                    disposition: Disposition::Rejected { reason },
                    warnings: u.warnings,
                });
                return;
            }
        };
        u.warnings.extend(ex.warnings.iter().cloned());
        let mut ex = ex;
        if let (Some(d), Some(today)) = (ex.date.date, options.today) {
            if d.days_since_epoch() > today.days_since_epoch() + 1 {
                u.warnings.push(format!(
                    "impossible publication date {} (after today, {}) ignored",
                    d.iso(),
                    today.iso()
                ));
                ex.date = crate::model::DateInfo::unknown(format!("printed date {} is in the future", d.iso()));
            }
        }
        if ex.date.date.is_none() {
            u.warnings.push(format!("no publication date: {}", ex.date.source));
        }
        if u.publisher.key.is_none() {
            u.warnings.push(format!("unknown outlet: {}", u.outlet_source));
        }
        let id = id_of(&u.file, u.record);
        let article = Article {
            id: if ids.contains(&id) { format!("{id}-{}", articles.len()) } else { id },
            title: ex.title,
            outlet: u.publisher.key,
            original_source: u.reprint.as_ref().map(|r| r.key.clone()),
            date: ex.date,
            author: ex.author,
            dateline: ex.dateline,
            lead: ex.lead,
            body: ex.body,
            provenance: Provenance {
                file: u.file,
                format: u.format.to_string(),
                record: u.record,
                url: u.hints.url.clone(),
                outlet_source: u.outlet_source,
                outlet_evidence: u.publisher.kind,
                source_evidence: u.reprint.map(|r| r.evidence),
                page: u.page,
            },
            duplicates: vec![],
            language: u.language,
            credits: ex.credits,
            suggested_date: None,
        };

        // Deduplication (see `dedup`): the same text, or a copy with
        // nothing of its own, is merged; nothing is lost.
        let DedupKeys { body_key, hash, shingles: sh } = keys.unwrap_or_else(|| DedupKeys::of(article.texts()));
        let outlet_name = |key: &Option<String>| {
            key.as_deref().and_then(|k| {
                registry
                    .get(k)
                    .map(|o| o.name.clone())
                    .or_else(|| adhoc.iter().find(|o| o.key == k).map(|o| o.name.clone()))
            })
        };
        let copy_of = |a: &Article, input: &str, similarity: u8| MergedCopy {
            input: input.to_string(),
            outlet: outlet_name(&a.outlet),
            url: a.provenance.url.clone(),
            title: a.title.clone(),
            similarity,
        };
        // The same text: a hash hit checked against the kept text itself.
        let same =
            by_body.get(&hash).copied().filter(|&k| !body_key.is_empty() && body_key_of(&articles[k]) == body_key);
        let verdict = match same {
            Some(k) => dedup::Verdict::MergeNew { kept: k, new: dedup::Side::same() },
            None => match &plan {
                Some(plan) => near.find_planned(&sh, plan, &mut |k| shingles_of(&articles[k])),
                None => near.find(&sh, &mut |k| shingles_of(&articles[k])),
            },
        };
        match verdict {
            dedup::Verdict::MergeNew { kept: k, new } => {
                let copy = copy_of(&article, &u.input, new.percent());
                let kept_input = &report.inputs[report_at[k]].input;
                let kept = &mut articles[k];
                kept.duplicates.push(copy);
                let how = if same.is_some() {
                    "same text (100%) as".to_string()
                } else {
                    format!("copy ({}% of its text is in it, nothing of its own) of", new.percent())
                };
                u.warnings.push(format!("{how} {} ({kept_input}): merged", kept.id));
                report.inputs.push(InputReport {
                    input: u.input,
                    disposition: Disposition::Duplicate { of: kept.id.clone() },
                    warnings: u.warnings,
                });
                return;
            }
            dedup::Verdict::ReplaceKept { kept: k, old: side } => {
                // The new copy is the fuller one: it takes the kept one's
                // place and the old one is merged into it.
                let old_input = report.inputs[report_at[k]].input.clone();
                let mut article = article;
                article.duplicates = std::mem::take(&mut articles[k].duplicates);
                article.duplicates.insert(0, copy_of(&articles[k], &old_input, side.percent()));
                let old = std::mem::replace(&mut articles[k], article);
                let new = &articles[k];
                let old_line = &mut report.inputs[report_at[k]];
                old_line.disposition = Disposition::Duplicate { of: new.id.clone() };
                old_line.warnings.push(format!(
                    "copy ({}% of its text is in it, nothing of its own) of {} ({}), which came later and is fuller: merged",
                    side.percent(),
                    new.id,
                    u.input
                ));
                u.warnings.push(format!(
                    "fuller copy of {} ({old_input}), which is merged into it ({}% of its text is in this one)",
                    old.id,
                    side.percent()
                ));
                if by_body.get(&body_keys[k]) == Some(&k) {
                    by_body.remove(&body_keys[k]);
                }
                by_body.insert(hash, k);
                body_keys[k] = hash;
                near.replace(k, shingles_of(&old), &sh);
                ids.insert(new.id.clone());
                report_at[k] = report.inputs.len();
                report.inputs.push(InputReport {
                    input: u.input,
                    disposition: Disposition::Ingested { id: new.id.clone() },
                    warnings: u.warnings,
                });
                return;
            }
            dedup::Verdict::Distinct { kept: k, new, old } => {
                u.warnings.push(format!(
                    "shares much of its text with {} ({}) ({}% of this text is in it, {}% of it in this one), but each has passages of its own: both kept",
                    articles[k].id,
                    report.inputs[report_at[k]].input,
                    new.percent(),
                    old.percent()
                ));
            }
            dedup::Verdict::New => {}
        }
        ids.insert(article.id.clone());
        by_body.entry(hash).or_insert(articles.len());
        body_keys.push(hash);
        near.add(&sh);
        report_at.push(report.inputs.len());
        report.inputs.push(InputReport {
            input: u.input.clone(),
            disposition: Disposition::Ingested { id: article.id.clone() },
            warnings: u.warnings,
        });
        articles.push(article);
    }

    /// The corpus: articles sorted by id, the outlets they use, the report.
    pub fn finish(self) -> Corpus {
        self.finish_with(&|articles, read| articles.iter().map(read).collect())
    }

    /// [`Ingester::finish`], reading the articles' texts for the suggested
    /// dates with `map` ([`crate::infer::suggest_dates_with`]): the tools
    /// read them on all cores.
    pub fn finish_with(self, map: crate::infer::MapArticles) -> Corpus {
        let Ingester { registry, name, report, mut articles, mut adhoc, .. } = self;
        articles.sort_by(|a, b| a.id.cmp(&b.id));
        let published: std::collections::HashSet<&str> = articles.iter().filter_map(|a| a.outlet.as_deref()).collect();
        let sources: std::collections::HashSet<&str> =
            articles.iter().filter_map(|a| a.original_source.as_deref()).filter(|k| !published.contains(k)).collect();
        adhoc.sort_by_key(|o| o.name.to_lowercase());
        let entry_outlet = |o: &registry::OutletEntry| Outlet {
            key: o.key.clone(),
            name: o.name.clone(),
            short: o.short_label().to_string(),
            home: o.home.clone(),
        };
        let outlets = registry
            .outlets
            .iter()
            .filter(|o| published.contains(o.key.as_str()))
            .map(entry_outlet)
            .chain(adhoc.into_iter().filter(|o| published.contains(o.key.as_str())))
            .chain(registry.outlets.iter().filter(|o| sources.contains(o.key.as_str())).map(entry_outlet))
            .map(|o| Outlet { name: crate::text::clean_line(&o.name), short: crate::text::clean_line(&o.short), ..o })
            .collect();
        let mut corpus = Corpus { schema_version: SCHEMA_VERSION, name: name.to_string(), outlets, articles, report };
        // The year an undated article's text pins, from the days the
        // corpus's dated articles mention: a suggestion, never its date.
        crate::infer::suggest_dates_with(&mut corpus, map);
        corpus
    }
}

/// Removes control and bidirectional-override characters from every field
/// an article shows ([`crate::text::clean_field`]): whatever the input
/// held, no title or name can reorder the text around it in the app or
/// carry a terminal escape into a report.
fn clean_fields(a: &mut text::Extracted) {
    use crate::text::{clean_field, clean_line};
    // A field that is already clean keeps its string: the cleaned copy is
    // collected char by char, with up to twice the capacity it needs (peak
    // memory 651 -> 764 MB on a 200 MB corpus).
    fn set(field: &mut String, cleaned: String) {
        if *field != cleaned {
            *field = cleaned;
        }
    }
    // The lead and the body, most of the text, are checked before any copy.
    fn clean_text(field: &mut String) {
        if !crate::text::is_clean_field(field) {
            *field = clean_field(field);
        }
    }
    let title = clean_line(&a.title);
    set(&mut a.title, title);
    clean_text(&mut a.lead);
    for field in [&mut a.author, &mut a.dateline].into_iter().flatten() {
        let cleaned = clean_line(field);
        set(field, cleaned);
    }
    for block in &mut a.body {
        match block {
            crate::model::Block::Paragraph(t) | crate::model::Block::Heading(t) => clean_text(t),
        }
    }
}

/// The original source of a reprint and the outlet provenance line; an
/// unknown outlet is reported with what the text credits.
fn syndication(
    u: &Unit,
    ex: &text::Extracted,
    publisher: &outlet::Publisher,
    registry: &Registry,
) -> (Option<outlet::Reprint>, String) {
    let credits = outlet::Credits::read(&u.text, ex, &u.hints);
    let reprint = outlet::original_source(&credits, publisher.key.as_deref(), registry);
    let mut detail = publisher.detail.clone();
    if publisher.key.is_none() {
        let credited = match &reprint {
            Some(r) => registry.get(&r.key).map(|o| vec![o.name.clone()]).unwrap_or_default(),
            None => outlet::unknown_credits(&credits, registry),
        };
        if !credited.is_empty() {
            let names: Vec<String> = credited.iter().map(|n| format!("\"{n}\"")).collect();
            detail = format!(
                "{detail}; the text credits {} as its source, the publishing site is not named",
                names.join(", ")
            );
        }
    }
    (reprint, detail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    #[test]
    fn ids_are_stable_and_safe() {
        assert_eq!(id_of("articles/000_Cb70.txt", None), "000_cb70");
        assert_eq!(id_of("dump.jsonl", Some(3)), "dump-3");
        assert_eq!(id_of("a b.txt", None), "a-b");
    }

    /// `fold_texts` folds in one pass what `line_key` and `Shingles::of`
    /// do in two: the same key and the same shingles, empty paragraphs,
    /// punctuation-only ones and non-ASCII letters included.
    #[test]
    fn fold_texts_gives_the_line_keys_and_their_shingles() {
        let texts = [
            "Путин и Пашинян обсудили ситуацию в Нагорном Карабахе, сообщил Кремль.",
            "",
            "—",
            "  Ilham Aliyev's office: \"peace-treaty\" talks resume in Brussels today, officials say.",
            "Short line",
            "Çavuşoğlu ile Lavrov Moskova'da bir araya geldi ve bölgedeki durumu görüştü.",
        ];
        let lines: Vec<String> = texts.iter().map(|t| text::line_key(t)).collect();
        let mut key = String::new();
        let sh = fold_texts(texts.iter().copied(), Some(&mut key));
        assert_eq!(key, lines.join(" "));
        let want = dedup::Shingles::of(lines.iter().map(String::as_str));
        assert_eq!(sh, want);
        assert_eq!(fold_texts(texts.iter().copied(), None), want);
    }

    proptest::proptest! {
        /// The same on random paragraphs of letters that fold to two
        /// (`ß`, `Æ`), to nothing (combining marks) or to another script's
        /// letter, digits, punctuation and spaces, against the two-step
        /// oracle (`line_key`, then `Shingles::of`).
        #[test]
        fn fold_texts_is_line_key_then_shingles(
            texts in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::sample::select(vec![
                        "a", "B", "z", "7", " ", " ", " ", ",", "'", "-", "\u{2019}", "\u{2014}", "ß", "Æ", "é",
                        "e\u{301}", "\u{301}", "İ", "ı", "Ж", "ж", "\u{0623}", "\u{06CC}", "Ω", "\u{00A0}", "\t", "3",
                    ]),
                    0..60,
                ).prop_map(|parts| parts.concat()),
                0..5,
            )
        ) {
            let lines: Vec<String> = texts.iter().map(|t| text::line_key(t)).collect();
            let mut key = String::new();
            let sh = fold_texts(texts.iter().map(String::as_str), Some(&mut key));
            proptest::prop_assert_eq!(key, lines.join(" "));
            proptest::prop_assert_eq!(sh, dedup::Shingles::of(lines.iter().map(String::as_str)));
        }
    }
}
