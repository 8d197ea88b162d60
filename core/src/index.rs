//! The inverted index.
//!
//! Every article is one document made of segments: the title, the lead and
//! each body block. Tokens get positions in document order; title tokens
//! occupy positions `0..title_len` and a gap of [`SEGMENT_GAP`] positions
//! separates segments so that a phrase never matches across a paragraph
//! break.
//!
//! The dictionary holds folded surface forms (see [`crate::text`]), sorted,
//! so prefix queries are a range scan. Terms are grouped by English stem
//! (computed once, when the index is built) so `talks` finds `talk` and
//! `talked` while the exact form can still be ranked first.
//!
//! ## Storage
//! Posting lists are kept compressed in one byte blob and decoded only for
//! the terms a query touches. A term's list has two parts, every number a
//! LEB128 varint: documents (`df`, then per document: doc delta, body tf,
//! title tf) and positions (per document, its position deltas). Ranking a
//! single term reads only the first part; phrases read both. [`Index::to_bytes`] writes the whole index
//! (documents, dictionary, stem groups, document frequencies, blob) in a
//! versioned little-endian format that the build script embeds next to the
//! corpus JSON, so the browser never tokenizes the corpus at start-up;
//! [`Index::from_bytes`] reads it back and checks the version.
//!
//! ## Read on every query
//! [`Index::docs_of`] decodes a term's documents part lazily and stops at
//! damage (a document out of order or out of range) instead of yielding
//! it. Besides the stored data, the index derives when built or read (never
//! stores) what a search touches for every match, packed per document:
//! the outlet slot and day ([`Index::columns`]) and the BM25F length norms
//! ([`Index::norms`]); and per term the set of letters it contains
//! ([`Index::letter_sets`]), a cheap test before a typo's edit distance.

use crate::model::{Article, Corpus};
use crate::text::stem;
use std::collections::HashMap;

/// Positions skipped between segments (title, lead, body blocks).
pub const SEGMENT_GAP: u32 = 8;

/// Version of the binary index layout (3: the original source of reprints).
pub const INDEX_VERSION: u32 = 3;
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
    /// Number of title tokens (title positions are `0..title_len`).
    pub title_len: u32,
    /// Number of tokens in the document (title + text).
    pub len: u32,
    /// Normalised author terms.
    pub author: Vec<String>,
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
}

fn columns_of(docs: &[DocMeta], n_outlets: usize) -> Vec<DocColumn> {
    docs.iter()
        .map(|d| {
            let slot = d.outlet.filter(|&o| (o as usize) < n_outlets).unwrap_or(n_outlets as u32);
            let source_slot = d.source.filter(|&o| (o as usize) < n_outlets).unwrap_or(slot);
            DocColumn { slot, source_slot, day: d.day }
        })
        .collect()
}

/// Derived per-document and per-term data the search reads on every
/// query, computed when the index is built or read (not stored).
#[derive(Debug, Clone, PartialEq)]
struct Derived {
    /// Outlet slot and day of each document.
    columns: Vec<DocColumn>,
    /// Reciprocal length norms `[text, title]` of each document
    /// ([`crate::search::field_norms`]).
    norms: Vec<[f32; 2]>,
    /// Letters present in each term ([`crate::search::letter_set`]).
    letters: Vec<u32>,
}

impl Derived {
    fn of(docs: &[DocMeta], n_outlets: usize, terms: &[String]) -> Derived {
        Derived {
            columns: columns_of(docs, n_outlets),
            norms: crate::search::field_norms(docs),
            letters: terms.iter().map(|t| crate::search::letter_set(t)).collect(),
        }
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
        // Skipping a document is counting its varints' last bytes.
        let skip: u64 = tfs[self.next..i].iter().map(|&(_, body, title)| u64::from(body) + u64::from(title)).sum();
        let mut left = skip;
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
        let mut pos = 0u32;
        for _ in 0..body + title {
            // One- and two-byte deltas (almost all of them) without the
            // general reader.
            let bytes = &self.r.bytes[self.r.at.min(self.r.bytes.len())..];
            let delta = match bytes {
                [b0, ..] if b0 & 0x80 == 0 => {
                    self.r.at += 1;
                    u32::from(*b0)
                }
                [b0, b1, ..] if b1 & 0x80 == 0 => {
                    self.r.at += 2;
                    u32::from(b0 & 0x7f) | u32::from(*b1) << 7
                }
                _ => match self.r.varint() {
                    Ok(delta) => delta,
                    Err(_) => return false,
                },
            };
            pos = pos.wrapping_add(delta);
            out.push(pos);
        }
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
    /// Stem group of each term (index into `group_stems`).
    stem_of: Vec<u32>,
    /// Sorted distinct stems.
    group_stems: Vec<String>,
    /// Members of each stem group.
    groups: Vec<Vec<u32>>,
    /// Byte offset of each term's list in `blob` (plus a final end offset).
    offsets: Vec<u32>,
    /// Byte offset in `blob` where each term's positions start.
    splits: Vec<u32>,
    /// Compressed posting lists.
    blob: Vec<u8>,
    /// Average document length in tokens.
    pub avg_len: f32,
    /// Outlet keys, names and short names as term lists, per outlet.
    pub outlet_terms: Vec<Vec<String>>,
    /// What a search reads on every query (derived).
    derived: Derived,
    /// For an index of fetched parts ([`Index::from_parts`]): whether each
    /// term's documents and positions parts are loaded. `None`: all are.
    present: Option<Vec<(bool, bool)>>,
}

/// One term of an index built from parts ([`Index::from_parts`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermData<'a> {
    /// The folded term.
    pub term: String,
    /// Number of documents containing it (in the whole corpus).
    pub df: u32,
    /// Its documents part, when loaded.
    pub docs: Option<&'a [u8]>,
    /// Its positions part, when loaded.
    pub positions: Option<&'a [u8]>,
}

/// Segments of an article in index order.
pub fn segments(a: &Article) -> impl Iterator<Item = &str> {
    std::iter::once(a.title.as_str()).chain(a.texts())
}

fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn varint(&mut self) -> Result<u32, IndexError> {
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
    fn u32(&mut self) -> Result<u32, IndexError> {
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

fn put_string(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
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
    /// split layout's view of the dictionary chunks and postings fetched so
    /// far ([`crate::split::SplitStore::index`]). `terms` must come sorted;
    /// a term whose lists are not given is known (its `df` counts for
    /// completions) but matches nothing, and [`Index::has_lists`] says so.
    /// `avg_len` is the whole corpus's.
    pub fn from_parts<'a>(
        docs: Vec<DocMeta>,
        terms: impl IntoIterator<Item = TermData<'a>>,
        avg_len: f32,
        outlet_terms: Vec<Vec<String>>,
    ) -> Index {
        let mut names = Vec::new();
        let mut df = Vec::new();
        let mut offsets = Vec::new();
        let mut splits = Vec::new();
        let mut present = Vec::new();
        let mut blob = Vec::new();
        for t in terms {
            offsets.push(blob.len() as u32);
            match t.docs {
                Some(docs_part) => blob.extend_from_slice(docs_part),
                None => put_varint(&mut blob, 0),
            }
            splits.push(blob.len() as u32);
            if let (Some(_), Some(pos)) = (t.docs, t.positions) {
                blob.extend_from_slice(pos);
            }
            present.push((t.docs.is_some(), t.positions.is_some()));
            names.push(t.term);
            df.push(t.df);
        }
        offsets.push(blob.len() as u32);
        let stems_of_terms: Vec<String> = names.iter().map(|t| stem(t)).collect();
        let mut group_stems = stems_of_terms.clone();
        group_stems.sort_unstable();
        group_stems.dedup();
        let stem_of: Vec<u32> =
            stems_of_terms.iter().map(|s| group_stems.binary_search(s).map_or(0, |i| i as u32)).collect();
        let groups = groups_of(&stem_of, group_stems.len());
        Index {
            avg_len,
            derived: Derived::of(&docs, outlet_terms.len(), &names),
            docs,
            terms: names,
            df,
            stem_of,
            group_stems,
            groups,
            offsets,
            splits,
            blob,
            outlet_terms,
            present: Some(present),
        }
    }

    /// Whether a term's documents part (and positions part) are loaded:
    /// always for a whole index, for the fetched lists of a split one.
    pub fn has_lists(&self, id: u32) -> (bool, bool) {
        match &self.present {
            None => (true, true),
            Some(p) => p.get(id as usize).copied().unwrap_or((false, false)),
        }
    }

    /// The stored documents part and positions part of a term's list, as
    /// written by [`Index::build`] (the split layout copies them into its
    /// chunks).
    pub fn raw_parts(&self, id: u32) -> (&[u8], &[u8]) {
        let id = id as usize;
        match (self.offsets.get(id), self.splits.get(id), self.offsets.get(id + 1)) {
            (Some(&a), Some(&b), Some(&c)) if a <= b && b <= c && c as usize <= self.blob.len() => {
                (&self.blob[a as usize..b as usize], &self.blob[b as usize..c as usize])
            }
            _ => (&[], &[]),
        }
    }

    /// Documents of a term with their body and title term frequencies,
    /// without positions (all that ranking a single term needs).
    pub fn doc_tfs(&self, id: u32) -> Vec<(u32, u32, u32)> {
        let docs = self.docs_of(id);
        let mut out = Vec::with_capacity(docs.len());
        out.extend(docs);
        out
    }

    /// The documents part of a term's list, decoded lazily: `(doc, body tf,
    /// title tf)` in ascending document order. A damaged list (a varint
    /// past its end, a document out of order or out of range) ends the
    /// iteration early instead of yielding a bad document.
    pub fn docs_of(&self, id: u32) -> DocIter<'_> {
        let id = id as usize;
        let bytes = match (self.offsets.get(id), self.splits.get(id)) {
            (Some(&start), Some(&split)) => self.blob.get(start as usize..split as usize).unwrap_or(&[]),
            _ => &[],
        };
        let mut r = Reader { bytes, at: 0 };
        let left = r.varint().unwrap_or(0).min(self.docs.len() as u32);
        DocIter { r, left, prev: None, n_docs: self.docs.len() as u32 }
    }

    /// Decodes the full posting list of a term, with positions.
    pub fn postings(&self, id: u32) -> Postings {
        let tfs = self.doc_tfs(id);
        let (Some(&split), Some(&end)) = (self.splits.get(id as usize), self.offsets.get(id as usize + 1)) else {
            return Postings::default();
        };
        let mut r = Reader { bytes: &self.blob[split as usize..end as usize], at: 0 };
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
        let bytes = match (self.splits.get(id as usize), self.offsets.get(id as usize + 1)) {
            (Some(&split), Some(&end)) => self.blob.get(split as usize..end as usize).unwrap_or(&[]),
            _ => &[],
        };
        PositionReader { r: Reader { bytes, at: 0 }, next: 0 }
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

    /// Ids of the terms sharing `term`'s stem (including `term` itself).
    pub fn stem_ids(&self, term: &str) -> &[u32] {
        match self.group_stems.binary_search(&stem(term)) {
            Ok(g) => &self.groups[g],
            Err(_) => &[],
        }
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
        self.blob.len()
    }

    /// Serialises the index (see the module docs).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.blob.len() + self.terms.len() * 12 + self.docs.len() * 16);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&INDEX_VERSION.to_le_bytes());
        out.extend_from_slice(&self.avg_len.to_le_bytes());
        put_varint(&mut out, self.docs.len() as u32);
        for d in &self.docs {
            put_varint(&mut out, d.outlet.map_or(0, |o| o + 1));
            put_varint(&mut out, d.source.map_or(0, |o| o + 1));
            // 0 = undated, else zigzag(day) + 1.
            put_varint(&mut out, d.day.map_or(0, |day| (((day << 1) ^ (day >> 31)) as u32).wrapping_add(1)));
            put_varint(&mut out, d.title_len);
            put_varint(&mut out, d.len);
            put_varint(&mut out, d.author.len() as u32);
            for a in &d.author {
                put_string(&mut out, a);
            }
        }
        put_varint(&mut out, self.outlet_terms.len() as u32);
        for ts in &self.outlet_terms {
            put_varint(&mut out, ts.len() as u32);
            for t in ts {
                put_string(&mut out, t);
            }
        }
        put_varint(&mut out, self.group_stems.len() as u32);
        for s in &self.group_stems {
            put_string(&mut out, s);
        }
        put_varint(&mut out, self.terms.len() as u32);
        for (i, t) in self.terms.iter().enumerate() {
            put_string(&mut out, t);
            put_varint(&mut out, self.df[i]);
            put_varint(&mut out, self.stem_of[i]);
            put_varint(&mut out, self.offsets[i + 1] - self.offsets[i]);
            put_varint(&mut out, self.splits[i] - self.offsets[i]);
        }
        out.extend_from_slice(&(self.blob.len() as u32).to_le_bytes());
        out.extend_from_slice(&self.blob);
        out
    }

    /// Reads an index written by [`Index::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Index, IndexError> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(4)? != MAGIC {
            return Err(IndexError::Magic);
        }
        let version = r.u32()?;
        if version != INDEX_VERSION {
            return Err(IndexError::Version(version));
        }
        let avg_len = f32::from_bits(r.u32()?);
        let n_docs = r.varint()? as usize;
        let mut docs = Vec::with_capacity(n_docs.min(bytes.len()));
        for _ in 0..n_docs {
            let outlet = match r.varint()? {
                0 => None,
                o => Some(o - 1),
            };
            let source = match r.varint()? {
                0 => None,
                o => Some(o - 1),
            };
            let day = match r.varint()? {
                0 => None,
                v => {
                    let z = v - 1;
                    Some(((z >> 1) as i32) ^ -((z & 1) as i32))
                }
            };
            let title_len = r.varint()?;
            let len = r.varint()?;
            let n_author = r.varint()? as usize;
            let mut author = Vec::with_capacity(n_author.min(64));
            for _ in 0..n_author {
                author.push(r.string()?);
            }
            docs.push(DocMeta { outlet, source, day, title_len, len, author });
        }
        let n_outlets = r.varint()? as usize;
        let mut outlet_terms = Vec::with_capacity(n_outlets.min(bytes.len()));
        for _ in 0..n_outlets {
            let n = r.varint()? as usize;
            let mut ts = Vec::with_capacity(n.min(64));
            for _ in 0..n {
                ts.push(r.string()?);
            }
            outlet_terms.push(ts);
        }
        if docs.iter().any(|d| d.outlet.is_some_and(|o| o as usize >= n_outlets)) {
            return Err(IndexError::Corrupt(r.at));
        }
        let n_groups = r.varint()? as usize;
        let mut group_stems = Vec::with_capacity(n_groups.min(bytes.len()));
        for _ in 0..n_groups {
            group_stems.push(r.string()?);
        }
        let n_terms = r.varint()? as usize;
        let cap = n_terms.min(bytes.len());
        let (mut terms, mut df, mut stem_of, mut offsets) =
            (Vec::with_capacity(cap), Vec::with_capacity(cap), Vec::with_capacity(cap), Vec::with_capacity(cap + 1));
        let mut splits = Vec::with_capacity(cap);
        let mut off = 0u32;
        for _ in 0..n_terms {
            terms.push(r.string()?);
            df.push(r.varint()?);
            let g = r.varint()?;
            if g as usize >= n_groups.max(1) {
                return Err(IndexError::Corrupt(r.at));
            }
            stem_of.push(g);
            offsets.push(off);
            let len = r.varint()?;
            let split = r.varint()?;
            if split > len {
                return Err(IndexError::Corrupt(r.at));
            }
            splits.push(off + split);
            off = off.checked_add(len).ok_or(IndexError::Corrupt(r.at))?;
        }
        offsets.push(off);
        let blob_len = r.u32()? as usize;
        if blob_len != off as usize {
            return Err(IndexError::Corrupt(r.at));
        }
        let blob = r.take(blob_len)?.to_vec();
        let groups = groups_of(&stem_of, group_stems.len());
        let derived = Derived::of(&docs, outlet_terms.len(), &terms);
        Ok(Index {
            docs,
            terms,
            df,
            stem_of,
            group_stems,
            groups,
            offsets,
            splits,
            blob,
            avg_len,
            outlet_terms,
            derived,
            present: None,
        })
    }
}

/// Builds an [`Index`] one article at a time, keeping each term's lists
/// already encoded (a few bytes per occurrence) rather than every
/// occurrence as a pair of numbers: the index of a million articles is
/// built in the memory of its encoded size.
pub struct IndexBuilder {
    outlet_slot: HashMap<String, u32>,
    outlet_terms: Vec<Vec<String>>,
    n_outlets: usize,
    docs: Vec<DocMeta>,
    total_len: u64,
    terms: HashMap<String, TermAcc>,
    /// Positions of the document being added, per term (reused).
    scratch: HashMap<String, Vec<u32>>,
}

/// One term's lists as they grow: documents part (without its count) and
/// positions part, as [`Index::build`] stores them.
#[derive(Default)]
struct TermAcc {
    df: u32,
    last_doc: u32,
    docs: Vec<u8>,
    positions: Vec<u8>,
}

impl IndexBuilder {
    /// A builder for the articles of `corpus` (its outlets name the slots).
    pub fn new(corpus: &Corpus) -> IndexBuilder {
        let outlet_terms = corpus
            .outlets
            .iter()
            .map(|o| {
                let mut t = crate::text::terms(&format!("{} {} {}", o.key, o.name, o.short));
                t.sort();
                t.dedup();
                t
            })
            .collect();
        IndexBuilder {
            // Slots are u32: a corpus may name more than 65,536 outlets.
            outlet_slot: corpus.outlets.iter().enumerate().map(|(i, o)| (o.key.clone(), i as u32)).collect(),
            outlet_terms,
            n_outlets: corpus.outlets.len(),
            docs: Vec::with_capacity(corpus.articles.len()),
            total_len: 0,
            terms: HashMap::new(),
            scratch: HashMap::new(),
        }
    }

    /// Adds the next article (documents are numbered in the order added).
    pub fn add(&mut self, a: &Article) {
        let d = self.docs.len() as u32;
        let mut pos: u32 = 0;
        let mut title_len = 0;
        for (s, seg) in segments(a).enumerate() {
            let mut n = 0u32;
            crate::text::for_each_token(seg, |term, _, position| {
                n += 1;
                match self.scratch.get_mut(term) {
                    Some(ps) => ps.push(pos + position),
                    None => {
                        self.scratch.insert(term.to_string(), vec![pos + position]);
                    }
                }
            });
            if s == 0 {
                title_len = n;
            }
            pos += n + SEGMENT_GAP;
        }
        let len = pos.saturating_sub(SEGMENT_GAP);
        self.total_len += u64::from(len);
        for (term, ps) in self.scratch.drain() {
            let acc = self.terms.entry(term).or_default();
            let in_title = ps.iter().filter(|&&p| p < title_len).count() as u32;
            put_varint(&mut acc.docs, d - if acc.df == 0 { 0 } else { acc.last_doc });
            put_varint(&mut acc.docs, ps.len() as u32 - in_title);
            put_varint(&mut acc.docs, in_title);
            let mut prev = 0;
            for p in ps {
                put_varint(&mut acc.positions, p - prev);
                prev = p;
            }
            acc.df += 1;
            acc.last_doc = d;
        }
        self.docs.push(DocMeta {
            outlet: a.outlet.as_deref().and_then(|k| self.outlet_slot.get(k).copied()),
            source: a.original_source.as_deref().and_then(|k| self.outlet_slot.get(k).copied()),
            day: a.date.date.map(|d| d.days_since_epoch() as i32),
            title_len,
            len,
            author: a.author.as_deref().map(crate::text::terms).unwrap_or_default(),
        });
    }

    /// The index of the articles added.
    pub fn finish(self) -> Index {
        let IndexBuilder { outlet_terms, n_outlets, docs, total_len, terms: mut accs, .. } = self;
        let mut terms: Vec<String> = accs.keys().cloned().collect();
        terms.sort_unstable();
        let size: usize = accs.values().map(|a| a.docs.len() + a.positions.len() + 5).sum();
        let mut blob = Vec::with_capacity(size);
        let mut offsets = Vec::with_capacity(terms.len() + 1);
        let mut splits = Vec::with_capacity(terms.len());
        let mut df: Vec<u32> = Vec::with_capacity(terms.len());
        for term in &terms {
            let acc = accs.remove(term).unwrap_or_default();
            offsets.push(blob.len() as u32);
            df.push(acc.df);
            // Documents part: df, then doc delta, body tf, title tf per doc.
            put_varint(&mut blob, acc.df);
            blob.extend_from_slice(&acc.docs);
            // Positions part: position deltas per doc.
            splits.push(blob.len() as u32);
            blob.extend_from_slice(&acc.positions);
        }
        offsets.push(blob.len() as u32);
        let stems_of_terms: Vec<String> = terms.iter().map(|t| stem(t)).collect();
        let mut group_stems = stems_of_terms.clone();
        group_stems.sort_unstable();
        group_stems.dedup();
        let stem_of: Vec<u32> =
            stems_of_terms.iter().map(|s| group_stems.binary_search(s).map_or(0, |i| i as u32)).collect();
        let groups = groups_of(&stem_of, group_stems.len());
        Index {
            avg_len: if docs.is_empty() { 1.0 } else { (total_len as f32 / docs.len() as f32).max(1.0) },
            derived: Derived::of(&docs, n_outlets, &terms),
            docs,
            terms,
            df,
            stem_of,
            group_stems,
            groups,
            offsets,
            splits,
            blob,
            outlet_terms,
            present: None,
        }
    }
}

/// Members of each stem group, from the group of each term.
fn groups_of(stem_of: &[u32], n: usize) -> Vec<Vec<u32>> {
    let mut groups = vec![Vec::new(); n];
    for (id, &g) in stem_of.iter().enumerate() {
        if let Some(members) = groups.get_mut(g as usize) {
            members.push(id as u32);
        }
    }
    groups
}

#[cfg(test)]
mod tests;
