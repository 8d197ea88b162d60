//! The inverted index.
//!
//! Every article is one document made of segments: the title, the lead and
//! each body block. Tokens get positions in document order; title tokens
//! occupy positions `0..title_len` and a gap of [`SEGMENT_GAP`] positions
//! separates segments so that a phrase never matches across a paragraph
//! break.
//!
//! The dictionary holds folded surface forms (see [`crate::text`]), sorted,
//! so prefix queries are a range scan.
//!
//! ## Variant groups
//! Terms are grouped, once, when the index is built, so that a query term
//! finds its variants while the exact form can still be ranked first. A
//! group has a key, and a term may be in several groups:
//!
//! | key | members | e.g. |
//! |---|---|---|
//! | `lang:stem` | the terms whose stem, in the language of an article they occur in, is `stem` ([`crate::lang::stem_key`]) | `en:talk`: talk, talks, talked; `ru:переговор`: переговоры, переговорах |
//! | `~name` | the terms whose romanisation has the name key `name` ([`crate::lang::name_key`]), and the terms whose stem has it | `~karabak`: karabakh, карабах, карабаха, ղարաբաղ |
//! | `~name!` | the members of `~name` that fold to ASCII but were mostly written with other letters (at least half their occurrences) | `~karabak!`: qarabag (from Qarabağ) |
//!
//! Articles of unknown language are stemmed as English (as every article
//! was before languages were known). A `~name` group is kept only when a
//! member has letters outside ASCII: names across scripts are what it is
//! for ([`Index::variant_groups`] says how a query term draws on them).
//! A folded term is one term whatever accents its occurrences had, so a
//! `~name!` member matches all of them: a common word that was once
//! written with an accent (`west`, from one "wést") is not a name in
//! another spelling, and would make `vast` (name key `vast`) match every
//! article about the West.
//!
//! ## Storage
//! Posting lists are kept compressed in one byte blob and decoded only for
//! the terms a query touches (an index of fetched parts,
//! [`Index::from_parts`], refers instead to ranges of the buffers the
//! split store holds, [`SharedBytes`], and copies none). A term's list has two parts, every number a
//! LEB128 varint: documents (`df`, then per document: doc delta, body tf,
//! title tf) and positions (per document, its position deltas). Ranking a
//! single term reads only the first part; phrases read both. [`Index::to_bytes`] writes the whole index
//! (documents, languages, variant groups, dictionary, document frequencies, blob) in a
//! versioned little-endian format that the build script embeds next to the
//! corpus JSON, so the browser never tokenizes the corpus at start-up;
//! [`Index::from_bytes`] reads it back and checks the version. A document's
//! length is kept, and stored, as a one-byte code ([`crate::norm`]), which
//! BM25 reads decoded; the title's length is exact.
//!
//! ## Read on every query
//! [`Index::docs_of`] decodes a term's documents part lazily and stops at
//! damage (a document out of order or out of range) instead of yielding
//! it. Walked with internal iteration (`for_each`, `extend`), it reads a
//! posting whose three varints are one byte each (almost every posting
//! of a frequent term) with one bounds check and one test of their high
//! bits, and falls back to the general reader otherwise. Besides the
//! stored data, the index derives when built or read (never stores) what
//! a search touches for every match, packed per document:
//! the outlet slot and day ([`Index::columns`], and the same in 8 bytes,
//! [`Index::packed_columns`], which counting reads) and the BM25F length
//! norms ([`Index::norms`], and the text norm alone, [`Index::text_norms`],
//! which scoring a posting without title occurrences reads); and per term
//! the set of letters it contains ([`Index::letter_sets`]), a cheap test
//! before a typo's edit distance. A search is mostly waiting for memory,
//! so what it reads per match is kept small.

mod build;
mod format;
mod pairs;
mod pool;

pub(crate) use build::for_each_term;
pub use build::IndexBuilder;
pub use pairs::{is_pair_key, min_df_for, pair_key, pair_lists, PairList, PairLists, PhrasePlan, Unit, PAIR_SEPARATOR};

use crate::model::{Article, Corpus};
use std::collections::{BTreeSet, HashMap, HashSet};

/// Positions skipped between segments (title, lead, body blocks).
pub const SEGMENT_GAP: u32 = 8;

/// Version of the binary index layout (3: the original source of reprints;
/// 4: languages, and variant groups by language and name; 5: document
/// lengths as one-byte codes, [`DocMeta::len_code`]).
pub const INDEX_VERSION: u32 = 5;
const MAGIC: &[u8; 4] = b"DLIX";

/// Per-document data the search needs besides postings.
#[derive(Debug, Clone, PartialEq)]
pub struct DocMeta {
    /// Index of the article's outlet in `Corpus::outlets`, if known.
    pub outlet: Option<u32>,
    /// Index in `Corpus::outlets` of the outlet it is reprinted from, if any.
    pub source: Option<u32>,
    /// Publication day as days since 1970-01-01, if known.
    pub day: Option<i32>,
    /// Index of the article's language in [`Index::languages`], if known.
    pub language: Option<u32>,
    /// Number of title tokens (title positions are `0..title_len`), exact.
    pub title_len: u32,
    /// The document's length (its last position + 1: title and text
    /// tokens and the gaps between segments) as a one-byte code
    /// ([`crate::norm::norm_code`]): only BM25 reads it, and it reads the
    /// decoded length, [`DocMeta::doc_len`]. Made when the index is built,
    /// so both layouts read the same value.
    pub len_code: u8,
    /// Normalised author terms.
    pub author: Vec<String>,
}

impl DocMeta {
    /// The document's length as BM25 reads it: [`DocMeta::len_code`]
    /// decoded, exact below [`crate::norm::EXACT_BELOW`], else rounded
    /// down by less than a ninth.
    pub fn doc_len(&self) -> u32 {
        crate::norm::decode_norm(self.len_code)
    }
}

/// The per-document values a search reads for every match, packed
/// together so that scoring and counting thousands of matches stay in
/// cache (derived from [`DocMeta`] when the index is built or read; not
/// stored).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DocColumn {
    /// Outlet slot: the outlet's index, or the number of outlets when the
    /// outlet is unknown.
    pub slot: u32,
    /// Slot when outlets group by original source: the source's for a
    /// reprint, else the publisher's ([`crate::search::Filters::by_source`]).
    pub source_slot: u32,
    /// Publication day as days since 1970-01-01, if known.
    pub day: Option<i32>,
    /// Language slot: the language's index, or the number of languages
    /// when it is unknown.
    pub language: u32,
}

fn columns_of(docs: &[DocMeta], n_outlets: usize, n_languages: usize) -> Vec<DocColumn> {
    docs.iter()
        .map(|d| {
            let slot = d.outlet.filter(|&o| (o as usize) < n_outlets).unwrap_or(n_outlets as u32);
            let source_slot = d.source.filter(|&o| (o as usize) < n_outlets).unwrap_or(slot);
            let language = d.language.filter(|&l| (l as usize) < n_languages).unwrap_or(n_languages as u32);
            DocColumn { slot, source_slot, day: d.day, language }
        })
        .collect()
}

/// A document's [`DocColumn`] packed into 8 bytes, for counting a search's
/// matches: its day's bits (low 32), whether it is dated (bit 32), its
/// outlet slot (11 bits from 33), source slot (11 bits from 44) and
/// language slot (9 bits from 55). Counting reads one of these per match,
/// and at 8 bytes instead of 20 the column of 40k articles (320 KB) stays
/// in cache far better; a corpus with more outlet or language slots than
/// fit has none ([`Index::packed_columns`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PackedColumn(u64);

impl PackedColumn {
    const DATED: u64 = 1 << 32;
    const SLOT_BITS: u32 = 11;
    const LANGUAGE_BITS: u32 = 9;

    /// Packs a column, if its slots fit.
    fn of(c: &DocColumn) -> Option<PackedColumn> {
        let fits = |v: u32, bits: u32| u64::from(v) < 1 << bits;
        (fits(c.slot, Self::SLOT_BITS) && fits(c.source_slot, Self::SLOT_BITS) && fits(c.language, Self::LANGUAGE_BITS))
            .then(|| {
                let day = c.day.map_or(0, |d| u64::from(d as u32) | Self::DATED);
                PackedColumn(
                    day | u64::from(c.slot) << 33 | u64::from(c.source_slot) << 44 | u64::from(c.language) << 55,
                )
            })
    }

    /// The publication day ([`DocColumn::day`]).
    #[inline(always)]
    pub fn day(self) -> Option<i32> {
        (self.0 & Self::DATED != 0).then_some(self.0 as u32 as i32)
    }

    /// The outlet slot ([`DocColumn::slot`]).
    #[inline(always)]
    pub fn slot(self) -> u32 {
        (self.0 >> 33) as u32 & ((1 << Self::SLOT_BITS) - 1)
    }

    /// The outlet slot grouped by source ([`DocColumn::source_slot`]).
    #[inline(always)]
    pub fn source_slot(self) -> u32 {
        (self.0 >> 44) as u32 & ((1 << Self::SLOT_BITS) - 1)
    }

    /// The language slot ([`DocColumn::language`]).
    #[inline(always)]
    pub fn language(self) -> u32 {
        (self.0 >> 55) as u32
    }
}

/// Derived per-document and per-term data the search reads on every
/// query, computed when the index is built or read (not stored).
#[derive(Debug, Clone, PartialEq)]
struct Derived {
    /// Outlet slot and day of each document.
    columns: Vec<DocColumn>,
    /// The same packed, when every document's slots fit ([`PackedColumn`]).
    packed: Option<Vec<PackedColumn>>,
    /// The text norm of each document alone (`norms[d][0]`): scoring a
    /// posting without title occurrences reads 4 bytes, not 8.
    text_norms: Vec<f32>,
    /// Reciprocal length norms `[text, title]` of each document
    /// ([`crate::search::field_norms`]).
    norms: Vec<[f32; 2]>,
    /// Letters present in each term ([`crate::search::letter_set`]).
    letters: Vec<u32>,
    /// The variant groups each term is in (ascending).
    member_of: Vec<Vec<u32>>,
    /// The languages a query term is stemmed in: those of the articles
    /// that have a stemmer, and English when an article's language is
    /// unknown.
    stem_languages: Vec<String>,
    /// The facet counts of every document, by axis, once a search needed
    /// them (see the search's `tally` module).
    totals: crate::search::TotalsCache,
}

impl Derived {
    /// About the bytes its arrays hold.
    fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        self.columns.len() * size_of::<DocColumn>()
            + self.packed.as_ref().map_or(0, |p| p.len() * size_of::<PackedColumn>())
            + self.text_norms.len() * 4
            + self.norms.len() * 8
            + self.letters.len() * 4
            + self.member_of.iter().map(|m| m.len() * 4 + 24).sum::<usize>()
    }

    fn of(docs: &[DocMeta], n_outlets: usize, terms: &[String], languages: &[String], groups: &[Vec<u32>]) -> Derived {
        let mut member_of = vec![Vec::new(); terms.len()];
        for (g, members) in groups.iter().enumerate() {
            for &m in members {
                if let Some(list) = member_of.get_mut(m as usize) {
                    list.push(g as u32);
                }
            }
        }
        let columns = columns_of(docs, n_outlets, languages.len());
        let norms = crate::search::field_norms(docs);
        Derived {
            packed: columns.iter().map(PackedColumn::of).collect(),
            text_norms: norms.iter().map(|n| n[0]).collect(),
            columns,
            norms,
            letters: terms.iter().map(|t| crate::search::letter_set(t)).collect(),
            member_of,
            stem_languages: stem_languages(docs, languages),
            totals: Default::default(),
        }
    }
}

/// The name group key prefix an ASCII query term also matches with a case
/// ending (`~karabak` for `karabakh`, matching `~karabaki`, `~karabakum`),
/// when its name key has [`crate::lang::NAME_SUFFIX_FROM`] letters or more.
pub fn name_prefix(term: &str) -> Option<String> {
    if !term.is_ascii() {
        return None;
    }
    crate::lang::name_key_ascii(term).filter(|k| k.len() >= crate::lang::NAME_SUFFIX_FROM).map(|k| format!("~{k}"))
}

/// Whether a group key is the name prefix with a case ending of at most
/// [`crate::lang::NAME_SUFFIX_MAX`] letters (the prefix itself included).
pub fn with_case_ending(prefix: &str, key: &str) -> bool {
    let key = key.strip_suffix('!').unwrap_or(key);
    key.starts_with(prefix) && key.len() <= prefix.len() + crate::lang::NAME_SUFFIX_MAX
}

/// [`Index::query_keys`] for a corpus stemmed in `stem_languages`.
pub fn query_keys(stem_languages: &[String], term: &str) -> Vec<String> {
    let mut keys: Vec<String> =
        stem_languages.iter().filter_map(|lang| crate::lang::stem_key(lang, term, term)).collect();
    if term.is_ascii() {
        if let Some(k) = crate::lang::name_key_ascii(term) {
            keys.push(format!("~{k}!"));
            keys.push(format!("~{k}"));
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

/// The languages a query is stemmed in (see [`Derived::stem_languages`]).
pub fn stem_languages(docs: &[DocMeta], languages: &[String]) -> Vec<String> {
    let mut out: BTreeSet<String> = BTreeSet::new();
    for d in docs {
        match d.language.and_then(|l| languages.get(l as usize)) {
            Some(code) if crate::lang::stemmer(code).is_some() => {
                out.insert(code.clone());
            }
            Some(_) => {}
            None => {
                out.insert("en".to_string());
            }
        }
    }
    out.into_iter().collect()
}

/// The language a document's words are stemmed in: its own when a
/// stemmer exists, English when unknown (see the module docs).
fn stem_language(code: Option<&str>) -> Option<&str> {
    match code {
        None => Some("en"),
        Some(c) => crate::lang::stemmer(c).is_some().then_some(c),
    }
}

/// Documents and positions of one term (decoded).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Postings {
    /// Documents containing the term, ascending.
    pub docs: Vec<u32>,
    /// `positions[starts[i]..starts[i + 1]]` are the positions in `docs[i]`.
    pub starts: Vec<u32>,
    /// All positions, grouped by document.
    pub positions: Vec<u32>,
}

impl Postings {
    /// Positions of the `i`-th document of the list.
    pub fn positions_of(&self, i: usize) -> &[u32] {
        &self.positions[self.starts[i] as usize..self.starts[i + 1] as usize]
    }

    /// Index in `docs` of `doc`, if the term occurs in it.
    pub fn find(&self, doc: u32) -> Option<usize> {
        self.docs.binary_search(&doc).ok()
    }
}

/// Sequential reader of one term's positions ([`Index::position_reader`]).
pub struct PositionReader<'a> {
    r: Reader<'a>,
    /// Index (in the term's document list) of the next unread document.
    next: usize,
}

impl PositionReader<'_> {
    /// Reads into `out` (cleared first) the positions of the `i`-th
    /// document of the term's list `tfs` (from [`Index::doc_tfs`]).
    /// Documents before it are skipped without decoding; `i` must not go
    /// back between calls. Returns false on a backwards `i` or corrupt data.
    pub fn read(&mut self, tfs: &[(u32, u32, u32)], i: usize, out: &mut Vec<u32>) -> bool {
        out.clear();
        if i < self.next || i >= tfs.len() {
            return false;
        }
        // Skipping a document is counting its varints' last bytes (those
        // below 0x80): eight bytes at a time while at least eight varints
        // are left (so a word never ends past the last one skipped: if all
        // eight of its bytes are last bytes, none is left over), then one
        // at a time.
        let skip: u64 = tfs[self.next..i].iter().map(|&(_, body, title)| u64::from(body) + u64::from(title)).sum();
        let mut left = skip;
        while left >= 8 {
            let Some(word) = self.r.bytes.get(self.r.at..self.r.at + 8) else { break };
            let word = u64::from_le_bytes(word.try_into().unwrap_or([0x80; 8]));
            left -= u64::from((!word & 0x8080_8080_8080_8080).count_ones());
            self.r.at += 8;
        }
        while left > 0 {
            match self.r.bytes.get(self.r.at) {
                Some(&b) => {
                    self.r.at += 1;
                    if b & 0x80 == 0 {
                        left -= 1;
                    }
                }
                None => return false,
            }
        }
        let (_, body, title) = tfs[i];
        let n = body as usize + title as usize;
        out.reserve(n);
        let bytes = self.r.bytes;
        let mut at = self.r.at;
        let mut pos = 0u32;
        for _ in 0..n {
            // One- and two-byte deltas (almost all of them) without the
            // general reader, and without branching on which of the two
            // (a coin toss the branch predictor loses): a missing byte
            // reads as a continuation byte, so it takes the general reader,
            // which reports the damage.
            let b0 = bytes.get(at).copied().unwrap_or(0x80);
            let b1 = bytes.get(at + 1).copied().unwrap_or(0x80);
            let delta = if b0 & b1 & 0x80 == 0 {
                let more = u32::from(b0 >> 7);
                at += 1 + more as usize;
                u32::from(b0 & 0x7f) | (u32::from(b1) << 7) & 0u32.wrapping_sub(more)
            } else {
                self.r.at = at;
                let Ok(delta) = self.r.varint() else { return false };
                at = self.r.at;
                delta
            };
            pos = pos.wrapping_add(delta);
            out.push(pos);
        }
        self.r.at = at;
        self.next = i + 1;
        true
    }
}

/// Iterator over the documents part of one term's list ([`Index::docs_of`]).
pub struct DocIter<'a> {
    r: Reader<'a>,
    /// Documents not yet read.
    left: u32,
    /// The last document read.
    prev: Option<u32>,
    n_docs: u32,
}

impl DocIter<'_> {
    /// Number of documents left (exact unless the list is damaged).
    pub fn len(&self) -> usize {
        self.left as usize
    }

    /// True when no document is left.
    pub fn is_empty(&self) -> bool {
        self.left == 0
    }

    fn step(&mut self) -> Option<(u32, u32, u32)> {
        // One-byte varints (almost every delta and tf) without the general reader.
        let mut next = || -> Option<u32> {
            match self.r.bytes.get(self.r.at) {
                Some(&b) if b & 0x80 == 0 => {
                    self.r.at += 1;
                    Some(u32::from(b))
                }
                _ => self.r.varint().ok(),
            }
        };
        let delta = next()?;
        let body = next()?;
        let title = next()?;
        // Deltas are positive after the first document.
        let doc = match self.prev {
            None => delta,
            Some(prev) if delta > 0 => prev.checked_add(delta)?,
            Some(_) => return None,
        };
        if doc >= self.n_docs {
            return None;
        }
        self.prev = Some(doc);
        Some((doc, body, title))
    }
}

impl Iterator for DocIter<'_> {
    type Item = (u32, u32, u32);

    fn next(&mut self) -> Option<(u32, u32, u32)> {
        if self.left == 0 {
            return None;
        }
        match self.step() {
            Some(e) => {
                self.left -= 1;
                Some(e)
            }
            None => {
                self.left = 0;
                None
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(self.left as usize))
    }

    /// Internal iteration (`for_each`, `extend`, `sum` use it): the same
    /// documents as [`DocIter::next`], in a loop that reads a posting whose
    /// three varints are one byte each (almost every posting of a frequent
    /// term) with one bounds check and one test of their high bits.
    fn fold<A, F: FnMut(A, (u32, u32, u32)) -> A>(mut self, init: A, mut f: F) -> A {
        let mut acc = init;
        let bytes = self.r.bytes;
        while self.left > 0 {
            let at = self.r.at;
            let fast = match bytes.get(at..at + 3) {
                Some(&[d, b, t]) if (d | b | t) & 0x80 == 0 => Some((u32::from(d), u32::from(b), u32::from(t))),
                _ => None,
            };
            let e = match (fast, self.prev) {
                // A positive delta staying in range (`prev < n_docs`, so
                // the subtraction cannot overflow, nor then the sum).
                (Some((delta, body, title)), Some(prev)) if delta > 0 && delta < self.n_docs - prev => {
                    self.r.at = at + 3;
                    self.prev = Some(prev + delta);
                    (prev + delta, body, title)
                }
                _ => match self.step() {
                    Some(e) => e,
                    None => break,
                },
            };
            self.left -= 1;
            acc = f(acc, e);
        }
        acc
    }
}

/// A malformed binary index.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// Not a Dateline index.
    #[error("not a Dateline index (bad magic)")]
    Magic,
    /// Written by another version.
    #[error("index version {0} is not the supported version {INDEX_VERSION}")]
    Version(u32),
    /// Cut short or inconsistent.
    #[error("index data is truncated or corrupt at byte {0}")]
    Corrupt(usize),
}

/// The inverted index over a corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct Index {
    /// One entry per article, in corpus order.
    pub docs: Vec<DocMeta>,
    /// Sorted dictionary of terms.
    pub terms: Vec<String>,
    /// Document frequency per term.
    pub df: Vec<u32>,
    /// Language codes of the articles, by slot ([`DocMeta::language`]).
    pub languages: Vec<String>,
    /// Keys of the variant groups, sorted (see the module docs).
    group_keys: Vec<String>,
    /// Members of each variant group (term ids, ascending).
    groups: Vec<Vec<u32>>,
    /// The terms' compressed posting lists.
    lists: Lists,
    /// Average document length in tokens, over the exact lengths
    /// (carried along, not read by the ranking: BM25's averages are over
    /// the decoded lengths, see [`crate::search::field_norms`]).
    pub avg_len: f32,
    /// Outlet keys, names and short names as term lists, per outlet.
    pub outlet_terms: Vec<Vec<String>>,
    /// What a search reads on every query (derived).
    derived: Derived,
    /// Number of documents (`docs.len()`, except in an index of pair lists,
    /// which shares its documents with the index it belongs to).
    n_docs: u32,
    /// Pair lists for phrases (split layout; see the `pairs` module): the
    /// document frequency from which a word is common, and the lists.
    pairs: Option<(u32, Box<Index>)>,
}

/// One term of an index built from parts ([`Index::from_parts`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermData {
    /// The folded term.
    pub term: String,
    /// Number of documents containing it (in the whole corpus).
    pub df: u32,
    /// Its documents part, when loaded.
    pub docs: Option<SharedBytes>,
    /// Its positions part, when loaded.
    pub positions: Option<SharedBytes>,
}

/// Bytes of one part of a list that an index shares with whoever holds
/// them (the split store's fetched files and dictionary entries): a range
/// of a reference-counted buffer. An index of fetched parts refers to the
/// lists where they already are, so bringing it up to date after a file
/// arrives copies no list (at a million articles it copied 150 MB and
/// more on every arrival, and held every list twice).
#[derive(Clone)]
pub struct SharedBytes {
    buf: std::sync::Arc<[u8]>,
    start: usize,
    end: usize,
}

impl SharedBytes {
    /// `range` of `buf`, or `None` when it is not inside it.
    pub fn new(buf: std::sync::Arc<[u8]>, range: std::ops::Range<usize>) -> Option<SharedBytes> {
        (range.start <= range.end && range.end <= buf.len()).then_some(SharedBytes {
            buf,
            start: range.start,
            end: range.end,
        })
    }

    /// All of `buf`.
    pub fn whole(buf: std::sync::Arc<[u8]>) -> SharedBytes {
        let end = buf.len();
        SharedBytes { buf, start: 0, end }
    }

    /// The bytes.
    pub fn bytes(&self) -> &[u8] {
        self.buf.get(self.start..self.end).unwrap_or(&[])
    }
}

impl std::fmt::Debug for SharedBytes {
    /// The range and its length, not the buffer (a whole fetched file).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SharedBytes({}..{} of {} bytes)", self.start, self.end, self.buf.len())
    }
}

impl PartialEq for SharedBytes {
    fn eq(&self, other: &SharedBytes) -> bool {
        self.bytes() == other.bytes()
    }
}

impl Eq for SharedBytes {}

/// Where an index keeps its terms' lists.
#[derive(Debug, Clone, PartialEq)]
enum Lists {
    /// A built or read index: every list in one blob. Term `i`'s
    /// documents part is `blob[offsets[i]..splits[i]]`, its positions part
    /// `blob[splits[i]..offsets[i + 1]]`. `usize`, not `u32`: the lists of
    /// a million articles pass 4 GiB.
    Blob { offsets: Vec<usize>, splits: Vec<usize>, blob: Vec<u8> },
    /// An index of fetched parts ([`Index::from_parts`]): per term, its
    /// documents and positions parts where they are held, when loaded.
    Shared(Vec<(Option<SharedBytes>, Option<SharedBytes>)>),
}

/// The documents part of a list of no documents (`df` 0): what a term
/// whose lists are not loaded reads.
const NO_DOCUMENTS: &[u8] = &[0];

impl Lists {
    /// Term `id`'s documents part (empty for an id out of range).
    fn docs_part(&self, id: usize) -> &[u8] {
        match self {
            Lists::Blob { offsets, splits, blob } => match (offsets.get(id), splits.get(id)) {
                (Some(&start), Some(&split)) => blob.get(start..split).unwrap_or(&[]),
                _ => &[],
            },
            Lists::Shared(parts) => match parts.get(id) {
                Some((Some(docs), _)) => docs.bytes(),
                Some((None, _)) => NO_DOCUMENTS,
                None => &[],
            },
        }
    }

    /// Term `id`'s positions part (empty when it is not loaded, or its
    /// documents part is not).
    fn positions_part(&self, id: usize) -> &[u8] {
        match self {
            Lists::Blob { offsets, splits, blob } => match (splits.get(id), offsets.get(id + 1)) {
                (Some(&split), Some(&end)) => blob.get(split..end).unwrap_or(&[]),
                _ => &[],
            },
            Lists::Shared(parts) => match parts.get(id) {
                Some((Some(_), Some(positions))) => positions.bytes(),
                _ => &[],
            },
        }
    }

    /// Bytes of the lists this index holds itself (not those it shares).
    fn owned_bytes(&self) -> usize {
        match self {
            Lists::Blob { blob, .. } => blob.len(),
            Lists::Shared(_) => 0,
        }
    }

    /// Bytes of the lists (those this index holds itself, and those it
    /// shares).
    fn len(&self) -> usize {
        match self {
            Lists::Blob { blob, .. } => blob.len(),
            Lists::Shared(parts) => parts
                .iter()
                .map(|(d, p)| d.as_ref().map_or(0, |d| d.bytes().len()) + p.as_ref().map_or(0, |p| p.bytes().len()))
                .sum(),
        }
    }

    /// Bytes of bookkeeping per term.
    fn table_bytes(&self) -> usize {
        match self {
            Lists::Blob { offsets, splits, .. } => (offsets.len() + splits.len()) * std::mem::size_of::<usize>(),
            Lists::Shared(parts) => parts.len() * std::mem::size_of::<(Option<SharedBytes>, Option<SharedBytes>)>(),
        }
    }
}

/// Segments of an article in index order.
pub fn segments(a: &Article) -> impl Iterator<Item = &str> {
    std::iter::once(a.title.as_str()).chain(a.texts())
}

/// Appends `v` as a LEB128 varint (the lists' numbers; the split layout's
/// tiers write theirs with it too).
pub(crate) fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// A bounds-checked reader of the index's bytes (and of the split
/// layout's tiers, `crate::split::tiers`).
pub(crate) struct Reader<'a> {
    pub(crate) bytes: &'a [u8],
    pub(crate) at: usize,
}

impl Reader<'_> {
    /// A LEB128 varint of at most 32 bits.
    pub(crate) fn varint(&mut self) -> Result<u32, IndexError> {
        let mut v: u32 = 0;
        let mut shift = 0;
        loop {
            let b = *self.bytes.get(self.at).ok_or(IndexError::Corrupt(self.at))?;
            self.at += 1;
            v |= u32::from(b & 0x7f).checked_shl(shift).ok_or(IndexError::Corrupt(self.at))?;
            if b & 0x80 == 0 {
                return Ok(v);
            }
            shift += 7;
            if shift > 28 {
                return Err(IndexError::Corrupt(self.at));
            }
        }
    }
    /// A little-endian `u32`.
    pub(crate) fn u32(&mut self) -> Result<u32, IndexError> {
        let b = self.bytes.get(self.at..self.at + 4).ok_or(IndexError::Corrupt(self.at))?;
        self.at += 4;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn string(&mut self) -> Result<String, IndexError> {
        let n = self.varint()? as usize;
        let b = self.bytes.get(self.at..self.at + n).ok_or(IndexError::Corrupt(self.at))?;
        self.at += n;
        String::from_utf8(b.to_vec()).map_err(|_| IndexError::Corrupt(self.at))
    }
    fn take(&mut self, n: usize) -> Result<&[u8], IndexError> {
        let b = self.bytes.get(self.at..self.at + n).ok_or(IndexError::Corrupt(self.at))?;
        self.at += n;
        Ok(b)
    }
}

/// One posting of a documents part: document, body tf, title tf.
pub(crate) type Posting = (u32, u32, u32);

/// The document a delta leads to after `prev` (the first delta is the
/// document itself), if the documents stay strictly ascending and below
/// `n_docs`.
pub(crate) fn next_doc(prev: Option<u32>, delta: u32, n_docs: usize) -> Option<u32> {
    let doc = match prev {
        None => delta,
        Some(p) if delta > 0 => p.checked_add(delta)?,
        Some(_) => return None,
    };
    ((doc as usize) < n_docs).then_some(doc)
}

/// A documents part read whole and strictly, unlike [`Index::docs_of`],
/// which stops quietly at damage: an error unless it reads to its last
/// byte with its documents ascending and below `n_docs` (the split
/// layout's tiers and columns, which rewrite lists, must not lose a
/// posting).
pub(crate) fn read_postings(part: &[u8], n_docs: usize) -> Result<Vec<Posting>, IndexError> {
    let mut r = Reader { bytes: part, at: 0 };
    let df = r.varint()? as usize;
    let mut out = Vec::with_capacity(df.min(part.len()));
    let mut prev: Option<u32> = None;
    for _ in 0..df {
        let doc = next_doc(prev, r.varint()?, n_docs).ok_or(IndexError::Corrupt(r.at))?;
        prev = Some(doc);
        out.push((doc, r.varint()?, r.varint()?));
    }
    if r.at != part.len() {
        return Err(IndexError::Corrupt(r.at));
    }
    Ok(out)
}

/// Appends one posting of a documents part after the one at `prev` (the
/// index's encoding: delta, body tf, title tf).
pub(crate) fn put_posting(out: &mut Vec<u8>, prev: &mut Option<u32>, (doc, body, title): Posting) {
    put_varint(out, prev.map_or(doc, |p| doc - p));
    *prev = Some(doc);
    put_varint(out, body);
    put_varint(out, title);
}

impl Index {
    /// Builds the index of a corpus.
    pub fn build(corpus: &Corpus) -> Index {
        let mut builder = IndexBuilder::new(corpus);
        for a in &corpus.articles {
            builder.add(a);
        }
        builder.finish()
    }

    /// An index over some terms only, from lists stored elsewhere: the
    /// split layout's view of the dictionary chunks, variant groups and
    /// postings fetched so far ([`crate::split::SplitStore::index`]).
    /// `terms` must come sorted; a term whose lists are not given is known
    /// (its `df` counts for completions) but matches nothing, and
    /// [`Index::has_lists`] says so. Group members that are not among
    /// `terms` are left out. `avg_len` is the whole corpus's.
    pub fn from_parts(docs: Vec<DocMeta>, terms: impl IntoIterator<Item = TermData>, parts: Parts) -> Index {
        let Parts { avg_len, outlet_terms, languages, groups: loaded_groups } = parts;
        let terms = terms.into_iter();
        let n = terms.size_hint().0;
        let (mut names, mut df) = (Vec::with_capacity(n), Vec::with_capacity(n));
        let mut lists = Vec::with_capacity(n);
        for t in terms {
            lists.push((t.docs, t.positions));
            names.push(t.term);
            df.push(t.df);
        }
        // Members found by hash: a binary search each was a third of
        // bringing a split index up to date (46,000 terms, 17,000 groups).
        let id_of: HashMap<&str, u32> = if loaded_groups.is_empty() {
            HashMap::new()
        } else {
            names.iter().enumerate().map(|(i, t)| (t.as_str(), i as u32)).collect()
        };
        let mut keyed: Vec<(String, Vec<u32>)> = loaded_groups
            .into_iter()
            .map(|(key, members)| {
                let mut ids: Vec<u32> = members.iter().filter_map(|m| id_of.get(m.as_str()).copied()).collect();
                ids.sort_unstable();
                ids.dedup();
                (key, ids)
            })
            .collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        keyed.dedup_by(|a, b| a.0 == b.0);
        let (group_keys, groups): (Vec<String>, Vec<Vec<u32>>) = keyed.into_iter().unzip();
        Index {
            avg_len,
            derived: Derived::of(&docs, outlet_terms.len(), &names, &languages, &groups),
            n_docs: docs.len() as u32,
            docs,
            terms: names,
            df,
            languages,
            group_keys,
            groups,
            lists: Lists::Shared(lists),
            outlet_terms,
            pairs: None,
        }
    }

    /// [`Index::from_parts`] over the documents of `self`: a split index
    /// whose dictionary, variant groups or postings grew keeps its
    /// documents and what is derived from them (outlet and day columns,
    /// length norms, stemming languages: a pass over every article) and
    /// rebuilds only its terms.
    pub fn with_terms(self, terms: impl IntoIterator<Item = TermData>, parts: Parts) -> Index {
        let mut fresh = Index::from_parts(Vec::new(), terms, parts);
        fresh.n_docs = self.n_docs;
        fresh.docs = self.docs;
        fresh.derived.columns = self.derived.columns;
        fresh.derived.packed = self.derived.packed;
        fresh.derived.norms = self.derived.norms;
        fresh.derived.text_norms = self.derived.text_norms;
        fresh.derived.stem_languages = self.derived.stem_languages;
        fresh.derived.totals = self.derived.totals;
        fresh
    }

    /// Gives term `id` of an index of fetched parts the lists it has now
    /// (a postings or positions file arrived), as [`Index::from_parts`]
    /// would have. `false` (and no change) for a whole index or an id out
    /// of range.
    pub fn set_lists(&mut self, id: u32, docs: Option<SharedBytes>, positions: Option<SharedBytes>) -> bool {
        let Lists::Shared(parts) = &mut self.lists else { return false };
        let Some(part) = parts.get_mut(id as usize) else { return false };
        *part = (docs, positions);
        true
    }

    /// Whether a term's documents part (and positions part) are loaded:
    /// always for a whole index, for the fetched lists of a split one.
    pub fn has_lists(&self, id: u32) -> (bool, bool) {
        match &self.lists {
            Lists::Blob { .. } => (true, true),
            Lists::Shared(parts) => parts.get(id as usize).map_or((false, false), |(d, p)| (d.is_some(), p.is_some())),
        }
    }

    /// The stored documents part and positions part of a term's list, as
    /// written by [`Index::build`] (the split layout copies them into its
    /// chunks).
    pub fn raw_parts(&self, id: u32) -> (&[u8], &[u8]) {
        (self.lists.docs_part(id as usize), self.lists.positions_part(id as usize))
    }

    /// Documents of a term with their body and title term frequencies,
    /// without positions (all that ranking a single term needs).
    pub fn doc_tfs(&self, id: u32) -> Vec<(u32, u32, u32)> {
        let docs = self.docs_of(id);
        let mut out = Vec::with_capacity(docs.len());
        // Internal iteration: the decoder's fast loop (`DocIter::fold`),
        // which `extend` would not use.
        docs.for_each(|e| out.push(e));
        out
    }

    /// About the bytes this index holds on the heap: its lists (not those
    /// it shares with the split store), terms, documents and per-document
    /// arrays (pair lists included).
    pub fn heap_bytes(&self) -> usize {
        let terms: usize = self.terms.iter().map(|t| t.len() + 24).sum();
        let docs = self.docs.len() * (std::mem::size_of::<DocMeta>() + 16);
        self.lists.owned_bytes()
            + terms
            + docs
            + self.df.len() * 4
            + self.lists.table_bytes()
            + self.derived.heap_bytes()
            + self.pairs.as_ref().map_or(0, |(_, p)| p.heap_bytes())
    }

    /// The documents part of a term's list, decoded lazily: `(doc, body tf,
    /// title tf)` in ascending document order. A damaged list (a varint
    /// past its end, a document out of order or out of range) ends the
    /// iteration early instead of yielding a bad document.
    pub fn docs_of(&self, id: u32) -> DocIter<'_> {
        let mut r = Reader { bytes: self.lists.docs_part(id as usize), at: 0 };
        let left = r.varint().unwrap_or(0).min(self.n_docs);
        DocIter { r, left, prev: None, n_docs: self.n_docs }
    }

    /// Decodes the full posting list of a term, with positions.
    pub fn postings(&self, id: u32) -> Postings {
        if id as usize >= self.terms.len() {
            return Postings::default();
        }
        let tfs = self.doc_tfs(id);
        let mut r = Reader { bytes: self.lists.positions_part(id as usize), at: 0 };
        let mut p = Postings {
            docs: Vec::with_capacity(tfs.len()),
            starts: Vec::with_capacity(tfs.len() + 1),
            positions: Vec::new(),
        };
        let mut decode = || -> Result<(), IndexError> {
            for &(doc, body, title) in &tfs {
                p.docs.push(doc);
                p.starts.push(p.positions.len() as u32);
                let mut pos = 0u32;
                for _ in 0..body + title {
                    pos = pos.wrapping_add(r.varint()?);
                    p.positions.push(pos);
                }
            }
            p.starts.push(p.positions.len() as u32);
            Ok(())
        };
        match decode() {
            Ok(()) => p,
            Err(_) => Postings::default(),
        }
    }

    /// A reader of a term's positions, document by document, for phrase
    /// matching: it decodes only the documents asked for and skips the
    /// others (see [`PositionReader::read`]).
    pub fn position_reader(&self, id: u32) -> PositionReader<'_> {
        PositionReader { r: Reader { bytes: self.lists.positions_part(id as usize), at: 0 }, next: 0 }
    }

    /// Id of an exact term.
    pub fn term_id(&self, term: &str) -> Option<u32> {
        self.terms.binary_search_by(|t| t.as_str().cmp(term)).ok().map(|i| i as u32)
    }

    /// Ids of the terms starting with `prefix` (a contiguous range).
    pub fn prefix_ids(&self, prefix: &str) -> std::ops::Range<u32> {
        let start = self.terms.partition_point(|t| t.as_str() < prefix);
        let end = start + self.terms[start..].partition_point(|t| t.starts_with(prefix));
        start as u32..end as u32
    }

    /// The keys of the variant groups a query term is looked up in without
    /// the dictionary: its stem key in each language the corpus is stemmed
    /// in, and for an ASCII term its name key. (A term of the dictionary
    /// is also in the groups it was put in when the index was built, see
    /// [`Index::variant_groups`].)
    pub fn query_keys(&self, term: &str) -> Vec<String> {
        query_keys(&self.derived.stem_languages, term)
    }

    /// The languages a query term is stemmed in (see
    /// [`Index::query_keys`]).
    pub fn stem_languages(&self) -> &[String] {
        &self.derived.stem_languages
    }

    /// The variants of a query term from the variant groups, as term ids
    /// (ascending, the term itself left out): `(stem siblings, names in
    /// other scripts)`. The groups are those of [`Index::query_keys`],
    /// those whose name key is the query's with a case ending
    /// ([`name_prefix`]), and, when the term is in the dictionary, those it
    /// is in. A name variant is another script's spelling: it or the query
    /// term has letters outside ASCII (two ASCII spellings are left to typo
    /// tolerance).
    pub fn variant_groups(&self, term: &str) -> (Vec<u32>, Vec<u32>) {
        let mut gs: BTreeSet<u32> = self
            .query_keys(term)
            .iter()
            .filter_map(|k| self.group_keys.binary_search(k).ok().map(|g| g as u32))
            .collect();
        if let Some(prefix) = name_prefix(term) {
            let start = self.group_keys.partition_point(|k| k.as_str() < prefix.as_str());
            for (g, key) in self.group_keys.iter().enumerate().skip(start) {
                if !key.starts_with(&prefix) {
                    break;
                }
                if with_case_ending(&prefix, key) {
                    gs.insert(g as u32);
                }
            }
        }
        let own = self.term_id(term);
        if let Some(id) = own {
            gs.extend(self.derived.member_of[id as usize].iter().copied());
        }
        let (mut stems, mut names) = (BTreeSet::new(), BTreeSet::new());
        for g in gs {
            let key = &self.group_keys[g as usize];
            let (name, accented) = (key.starts_with('~'), key.ends_with('!'));
            for &m in &self.groups[g as usize] {
                if Some(m) == own {
                    continue;
                }
                if !name {
                    stems.insert(m);
                } else if accented || !(term.is_ascii() && self.terms[m as usize].is_ascii()) {
                    names.insert(m);
                }
            }
        }
        (stems.into_iter().collect(), names.into_iter().collect())
    }

    /// The stem siblings of a term (see [`Index::variant_groups`]).
    pub fn stem_ids(&self, term: &str) -> Vec<u32> {
        self.variant_groups(term).0
    }

    /// The keys of the groups a term was put in when the index was built
    /// that [`Index::query_keys`] does not give (the split layout stores
    /// them with the term).
    pub fn extra_keys(&self, id: u32) -> Vec<&str> {
        let term = &self.terms[id as usize];
        let computed = self.query_keys(term);
        self.derived.member_of[id as usize]
            .iter()
            .map(|&g| self.group_keys[g as usize].as_str())
            .filter(|k| !computed.iter().any(|c| c == k))
            .collect()
    }

    /// Every variant group: its key and members (for the split layout).
    pub fn groups(&self) -> impl Iterator<Item = (&str, &[u32])> {
        self.group_keys.iter().map(String::as_str).zip(self.groups.iter().map(Vec::as_slice))
    }

    /// Per document (in corpus order), the values a search reads for every
    /// match.
    pub fn columns(&self) -> &[DocColumn] {
        &self.derived.columns
    }

    /// Per document (in corpus order), the reciprocal length norms
    /// `[text, title]` ([`crate::search::field_norms`]).
    pub fn norms(&self) -> &[[f32; 2]] {
        &self.derived.norms
    }

    /// Per document, the reciprocal text length norm alone (`norms()[d][0]`).
    pub fn text_norms(&self) -> &[f32] {
        &self.derived.text_norms
    }

    /// Per document, [`Index::columns`] packed, when every document's
    /// slots fit ([`PackedColumn`]).
    pub fn packed_columns(&self) -> Option<&[PackedColumn]> {
        self.derived.packed.as_deref()
    }

    /// The corpus's facet counts counted so far (a search's cache).
    pub(crate) fn totals_cache(&self) -> &crate::search::TotalsCache {
        &self.derived.totals
    }

    /// Per term (in dictionary order), the letters it contains
    /// ([`crate::search::letter_set`]).
    pub fn letter_sets(&self) -> &[u32] {
        &self.derived.letters
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True for an empty corpus.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Size of the compressed postings in bytes.
    pub fn postings_bytes(&self) -> usize {
        self.lists.len()
    }
}

/// What an index of fetched parts shares with the whole corpus's
/// ([`Index::from_parts`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parts {
    /// The whole corpus's average document length.
    pub avg_len: f32,
    /// Outlet keys, names and short names as term lists, per outlet.
    pub outlet_terms: Vec<Vec<String>>,
    /// Language codes by slot.
    pub languages: Vec<String>,
    /// The variant groups loaded: key and member terms.
    pub groups: Vec<(String, Vec<String>)>,
}

/// The languages of a corpus's articles, most articles first (then by
/// code): the language slots of the index.
pub fn corpus_languages(corpus: &Corpus) -> Vec<String> {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for a in &corpus.articles {
        if let Some(l) = &a.language {
            *count.entry(l.code.as_str()).or_default() += 1;
        }
    }
    let mut langs: Vec<(&str, usize)> = count.into_iter().collect();
    langs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    langs.into_iter().map(|(l, _)| l.to_string()).collect()
}

/// The variant groups of a sorted dictionary from its stem memberships
/// (see the module docs): stem groups as given, name groups from each
/// term's name key and from the name key of each stem it has; a name group
/// without a member outside ASCII is dropped.
fn variant_groups(
    terms: &[String],
    stem_members: HashSet<(String, String)>,
    accented: &HashSet<String>,
) -> (Vec<String>, Vec<Vec<u32>>) {
    let id = |t: &str| terms.binary_search_by(|x| x.as_str().cmp(t)).ok().map(|i| i as u32);
    let mut groups: std::collections::BTreeMap<String, BTreeSet<u32>> = std::collections::BTreeMap::new();
    for (key, term) in stem_members {
        let Some(i) = id(&term) else { continue };
        if let Some(nk) = key.split_once(':').and_then(|(_, stem)| crate::lang::name_key(stem)) {
            groups.entry(format!("~{nk}")).or_default().insert(i);
        }
        groups.entry(key).or_default().insert(i);
    }
    for (i, t) in terms.iter().enumerate() {
        if let Some(nk) = crate::lang::name_key(t) {
            if accented.contains(t) {
                groups.entry(format!("~{nk}!")).or_default().insert(i as u32);
            }
            groups.entry(format!("~{nk}")).or_default().insert(i as u32);
        }
    }
    groups.retain(|key, members| {
        !key.starts_with('~') || key.ends_with('!') || members.iter().any(|&m| !terms[m as usize].is_ascii())
    });
    groups.into_iter().map(|(k, m)| (k, m.into_iter().collect())).unzip()
}

#[cfg(test)]
mod tests;
