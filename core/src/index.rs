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

use crate::model::{Article, Corpus};
use crate::text::{stem, tokenize};
use std::collections::HashMap;

/// Positions skipped between segments (title, lead, body blocks).
pub const SEGMENT_GAP: u32 = 8;

/// Version of the binary index layout.
pub const INDEX_VERSION: u32 = 2;
const MAGIC: &[u8; 4] = b"DLIX";

/// Per-document data the search needs besides postings.
#[derive(Debug, Clone, PartialEq)]
pub struct DocMeta {
    /// Index of the article's outlet in `Corpus::outlets`, if known.
    pub outlet: Option<u32>,
    /// Publication day as days since 1970-01-01, if known.
    pub day: Option<i32>,
    /// Number of title tokens (title positions are `0..title_len`).
    pub title_len: u32,
    /// Number of tokens in the document (title + text).
    pub len: u32,
    /// Normalised author terms.
    pub author: Vec<String>,
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
        let mut occurrences: HashMap<String, Vec<(u32, u32)>> = HashMap::new();
        let mut docs = Vec::with_capacity(corpus.articles.len());
        let mut total_len: u64 = 0;
        // Slots are u32: a corpus may name more than 65,536 outlets.
        let outlet_slot: HashMap<&str, u32> =
            corpus.outlets.iter().enumerate().map(|(i, o)| (o.key.as_str(), i as u32)).collect();
        for (d, a) in corpus.articles.iter().enumerate() {
            let d = d as u32;
            let mut pos: u32 = 0;
            let mut title_len = 0;
            for (s, seg) in segments(a).enumerate() {
                let toks = tokenize(seg);
                let n = toks.len() as u32;
                for t in toks {
                    occurrences.entry(t.term).or_default().push((d, pos + t.position));
                }
                if s == 0 {
                    title_len = n;
                }
                pos += n + SEGMENT_GAP;
            }
            let len = pos.saturating_sub(SEGMENT_GAP);
            total_len += u64::from(len);
            docs.push(DocMeta {
                outlet: a.outlet.as_deref().and_then(|k| outlet_slot.get(k).copied()),
                day: a.date.date.map(|d| d.days_since_epoch() as i32),
                title_len,
                len,
                author: a.author.as_deref().map(crate::text::terms).unwrap_or_default(),
            });
        }
        let mut terms: Vec<String> = occurrences.keys().cloned().collect();
        terms.sort_unstable();
        let mut blob = Vec::new();
        let mut offsets = Vec::with_capacity(terms.len() + 1);
        let mut splits = Vec::with_capacity(terms.len());
        let mut df: Vec<u32> = Vec::with_capacity(terms.len());
        for term in &terms {
            let occ = occurrences.remove(term).unwrap_or_default();
            offsets.push(blob.len() as u32);
            // Group by document (occurrences are in document, then position order).
            let mut by_doc: Vec<(u32, Vec<u32>)> = Vec::new();
            for (doc, position) in occ {
                match by_doc.last_mut() {
                    Some((d, ps)) if *d == doc => ps.push(position),
                    _ => by_doc.push((doc, vec![position])),
                }
            }
            df.push(by_doc.len() as u32);
            // Documents part: df, then doc delta, body tf, title tf per doc.
            put_varint(&mut blob, by_doc.len() as u32);
            let mut prev_doc = 0;
            for (doc, ps) in &by_doc {
                let title_len = docs[*doc as usize].title_len;
                let in_title = ps.iter().filter(|&&p| p < title_len).count() as u32;
                put_varint(&mut blob, doc - prev_doc);
                prev_doc = *doc;
                put_varint(&mut blob, ps.len() as u32 - in_title);
                put_varint(&mut blob, in_title);
            }
            // Positions part: position deltas per doc.
            splits.push(blob.len() as u32);
            for (_, ps) in &by_doc {
                let mut prev = 0;
                for &p in ps {
                    put_varint(&mut blob, p - prev);
                    prev = p;
                }
            }
        }
        offsets.push(blob.len() as u32);
        let stems_of_terms: Vec<String> = terms.iter().map(|t| stem(t)).collect();
        let mut group_stems = stems_of_terms.clone();
        group_stems.sort_unstable();
        group_stems.dedup();
        let stem_of: Vec<u32> =
            stems_of_terms.iter().map(|s| group_stems.binary_search(s).map_or(0, |i| i as u32)).collect();
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
        let groups = groups_of(&stem_of, group_stems.len());
        Index {
            avg_len: if docs.is_empty() { 1.0 } else { (total_len as f32 / docs.len() as f32).max(1.0) },
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
        }
    }

    /// Documents of a term with their body and title term frequencies,
    /// without positions (all that ranking a single term needs).
    pub fn doc_tfs(&self, id: u32) -> Vec<(u32, u32, u32)> {
        let id = id as usize;
        let (Some(&start), Some(&split)) = (self.offsets.get(id), self.splits.get(id)) else {
            return Vec::new();
        };
        let mut r = Reader { bytes: &self.blob[start as usize..split as usize], at: 0 };
        let decode = |r: &mut Reader| -> Result<Vec<(u32, u32, u32)>, IndexError> {
            let n = r.varint()?;
            let mut out = Vec::with_capacity(n as usize);
            let mut doc = 0u32;
            for _ in 0..n {
                doc = doc.wrapping_add(r.varint()?);
                out.push((doc, r.varint()?, r.varint()?));
            }
            Ok(out)
        };
        decode(&mut r).unwrap_or_default()
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
            docs.push(DocMeta { outlet, day, title_len, len, author });
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
        Ok(Index { docs, terms, df, stem_of, group_stems, groups, offsets, splits, blob, avg_len, outlet_terms })
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
mod tests {
    use super::*;
    use crate::model::{Block, Date, DateInfo, DatePrecision, Outlet, Provenance, Report, SCHEMA_VERSION};

    fn corpus() -> Corpus {
        let article = |id: &str, title: &str, body: &str, date: Option<Date>| Article {
            id: id.into(),
            title: title.into(),
            outlet: Some("a".into()),
            date: DateInfo { date, time: None, precision: DatePrecision::Day, source: String::new() },
            author: Some("Jane Roe".into()),
            dateline: None,
            lead: "Talks in Moscow".into(),
            body: vec![Block::Paragraph(body.into())],
            provenance: Provenance {
                file: id.into(),
                format: "txt".into(),
                record: None,
                url: None,
                outlet_source: String::new(),
                page: None,
            },
            duplicates: vec![],
        };
        Corpus {
            schema_version: SCHEMA_VERSION,
            name: "t".into(),
            outlets: vec![Outlet { key: "a".into(), name: "A".into(), short: "A".into(), home: None }],
            articles: vec![
                article("1", "Putin talks", "The talk lasted four hours.", Date::new(2021, 1, 11)),
                article("2", "Ceasefire", "Putin talked. Talking continued.", None),
                article("3", "Old news", "Nothing here at all.", Date::new(1969, 7, 20)),
            ],
            report: Report::default(),
        }
    }

    #[test]
    fn binary_round_trip_is_exact() {
        let ix = Index::build(&corpus());
        let back = Index::from_bytes(&ix.to_bytes()).expect("reads back");
        assert_eq!(back, ix);
        assert_eq!(back.docs[2].day, Some(Date::new(1969, 7, 20).expect("d").days_since_epoch() as i32));
    }

    #[test]
    fn postings_decode_positions_and_stems_group() {
        let ix = Index::build(&corpus());
        let p = ix.postings(ix.term_id("putin").expect("term"));
        assert_eq!(p.docs, vec![0, 1]);
        assert_eq!(p.positions_of(0), &[0]);
        let stems: Vec<&str> = ix.stem_ids("talks").iter().map(|&i| ix.terms[i as usize].as_str()).collect();
        assert_eq!(stems, vec!["talk", "talked", "talking", "talks"]);
    }

    /// Skipping documents in the position reader lands on the same
    /// positions as decoding every list in full, for every subset read.
    #[test]
    fn position_reader_skips_to_the_same_positions_as_full_decoding() {
        let mut c = corpus();
        c.articles[2].body = vec![Block::Paragraph("talk talk putin talk. Putin, talk!".into())];
        let ix = Index::build(&c);
        for term in ["putin", "talk", "moscow"] {
            let id = ix.term_id(term).expect("term");
            let full = ix.postings(id);
            let tfs = ix.doc_tfs(id);
            for mask in 0u32..(1 << tfs.len()) {
                let mut reader = ix.position_reader(id);
                let mut out = Vec::new();
                for i in (0..tfs.len()).filter(|i| mask & (1 << i) != 0) {
                    assert!(reader.read(&tfs, i, &mut out), "{term} doc {i}");
                    assert_eq!(out, full.positions_of(i), "{term} doc {i} mask {mask:b}");
                }
                // Going back is refused, not misread.
                if mask != 0 {
                    assert!(!reader.read(&tfs, 0, &mut out));
                }
            }
        }
    }

    #[test]
    fn corrupt_bytes_are_an_error_not_a_panic() {
        let bytes = Index::build(&corpus()).to_bytes();
        assert!(matches!(Index::from_bytes(b"nope"), Err(IndexError::Magic)));
        for cut in [5, 12, bytes.len() / 2, bytes.len() - 1] {
            assert!(Index::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut wrong = bytes.clone();
        wrong[4] = 9;
        assert!(matches!(Index::from_bytes(&wrong), Err(IndexError::Version(_))));
    }
}
