//! The inverted index.
//!
//! Every article is one document made of segments: the title, the lead and
//! each body block. Tokens get positions in document order; title tokens
//! occupy positions `0..title_len` and a gap of [`SEGMENT_GAP`] positions
//! separates segments so that a phrase never matches across a paragraph
//! break.
//!
//! The dictionary holds folded surface forms (see [`crate::text`]), sorted,
//! so prefix queries are a range scan. Terms are also grouped by English
//! stem so `talks` finds `talk` and `talked`, while the exact form can still
//! be ranked first. Each term's posting list is stored flat: the documents
//! containing it, and for each the positions where it occurs.

use crate::model::{Article, Corpus};
use crate::text::{stem, tokenize};
use std::collections::HashMap;

/// Positions skipped between segments (title, lead, body blocks).
pub const SEGMENT_GAP: u32 = 8;

/// Per-document data the search needs besides postings.
#[derive(Debug, Clone, PartialEq)]
pub struct DocMeta {
    /// Index of the article's outlet in `Corpus::outlets`, if known.
    pub outlet: Option<u16>,
    /// Publication day as days since 1970-01-01, if known.
    pub day: Option<i32>,
    /// Number of title tokens (title positions are `0..title_len`).
    pub title_len: u32,
    /// Number of tokens in the document (title + text).
    pub len: u32,
    /// Normalised author terms.
    pub author: Vec<String>,
}

/// Documents and positions of one term.
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

/// The inverted index over a corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct Index {
    /// One entry per article, in corpus order.
    pub docs: Vec<DocMeta>,
    /// Sorted dictionary of terms.
    pub terms: Vec<String>,
    /// Postings, parallel to `terms`.
    pub postings: Vec<Postings>,
    /// Stem → term ids sharing it.
    pub stems: HashMap<String, Vec<u32>>,
    /// Average document length in tokens.
    pub avg_len: f32,
    /// Outlet keys, names and short names as term lists, per outlet.
    pub outlet_terms: Vec<Vec<String>>,
}

/// Segments of an article in index order.
pub fn segments(a: &Article) -> impl Iterator<Item = &str> {
    std::iter::once(a.title.as_str()).chain(a.texts())
}

impl Index {
    /// Builds the index of a corpus.
    pub fn build(corpus: &Corpus) -> Index {
        let mut occurrences: HashMap<String, Vec<(u32, u32)>> = HashMap::new();
        let mut docs = Vec::with_capacity(corpus.articles.len());
        let mut total_len: u64 = 0;
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
                outlet: a
                    .outlet
                    .as_deref()
                    .and_then(|k| corpus.outlets.iter().position(|o| o.key == k))
                    .map(|i| i as u16),
                day: a.date.date.map(|d| d.days_since_epoch() as i32),
                title_len,
                len,
                author: a.author.as_deref().map(crate::text::terms).unwrap_or_default(),
            });
        }
        let mut terms: Vec<String> = occurrences.keys().cloned().collect();
        terms.sort_unstable();
        let mut postings = Vec::with_capacity(terms.len());
        let mut stems: HashMap<String, Vec<u32>> = HashMap::new();
        for (id, term) in terms.iter().enumerate() {
            let occ = occurrences.remove(term).unwrap_or_default();
            let mut p = Postings::default();
            for (doc, position) in occ {
                if p.docs.last() != Some(&doc) {
                    p.docs.push(doc);
                    p.starts.push(p.positions.len() as u32);
                }
                p.positions.push(position);
            }
            p.starts.push(p.positions.len() as u32);
            postings.push(p);
            stems.entry(stem(term)).or_default().push(id as u32);
        }
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
        Index {
            avg_len: if docs.is_empty() { 1.0 } else { (total_len as f32 / docs.len() as f32).max(1.0) },
            docs,
            terms,
            postings,
            stems,
            outlet_terms,
        }
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
        self.stems.get(&stem(term)).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True for an empty corpus.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }
}
