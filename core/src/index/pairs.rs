//! Word pairs: the lists of two words side by side, for phrases with a
//! common word.
//!
//! A phrase is matched on positions, and a common word's positions are
//! its longest list: at 40k articles `"donald trump"` read 486 KB of
//! positions for `trump`, and `"pretend that"` 656 KB for `that`, to find
//! a few hundred documents. In the split layout those bytes are a cold
//! query's download, and phrases made most of the slowest cold queries.
//! So the split layout also stores, as Lucene's CommonGrams filter does,
//! a list for each *pair* of words that stand side by side when one of
//! them is common: its documents (with body and title counts) and the
//! positions of the pair's first word, in the format of a word's list
//! (see the [`super`] docs). `"pretend that"` then reads the short list
//! of `pretend that` instead of the positions of `that`.
//!
//! ## Which pairs, and why the answers do not change
//! A word is *common* when its document frequency is at least the
//! index's `min_df` ([`Index::pair_min_df`]), chosen by the writer from
//! the size of the words' position lists. Every pair of adjacent
//! positions `p, p + 1` of a document whose terms `a` and `b` (a
//! compound's joined form counts at its first part's position, as in the
//! index) include a common word is listed under the key `a b`
//! ([`pair_key`]; terms never contain a space, so keys sort with their
//! first word: `pretend`, `pretend that`, `pretended`). A phrase
//! `t0 t1 … tn` is then read as *units* ([`Index::phrase_plan`]): the
//! pair `ti ti+1` at offset `i` wherever one of the two is common, and the
//! word `tj` itself at offset `j` where no such pair covers it. A document
//! matches at `start` when every unit occurs at `start + offset`, which
//! is exactly when every word occurs at `start + j`; and a pair that
//! should be listed but is not means the phrase occurs nowhere. The
//! phrase's score needs only the words' document frequencies (its IDF)
//! and the positions of its start, so results are identical, which the
//! split layout's property test checks against the whole index.
//!
//! The whole (embedded) index has no pairs ([`Index::pair_min_df`] is
//! `None`): every phrase reads its words, as before.

use super::build::put_doc;
use super::pool::{Pool, Stream};
use super::{for_each_term, put_varint, Index, Reader};
use crate::model::Corpus;
use rustc_hash::FxHashMap as HashMap;

/// Separates the two words of a pair's key.
pub const PAIR_SEPARATOR: char = ' ';

/// The key of the pair `a b`.
pub fn pair_key(a: &str, b: &str) -> String {
    let mut key = String::with_capacity(a.len() + b.len() + 1);
    key.push_str(a);
    key.push(PAIR_SEPARATOR);
    key.push_str(b);
    key
}

/// Whether a dictionary key is a pair's.
pub fn is_pair_key(key: &str) -> bool {
    key.contains(PAIR_SEPARATOR)
}

/// One pair's lists, as a word's are stored (documents part with its
/// count first, positions part), decoded from [`PairLists`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairList {
    /// `a b`.
    pub key: String,
    /// Documents containing the pair.
    pub df: u32,
    /// Documents part.
    pub docs: Vec<u8>,
    /// Positions part (of the pair's first word).
    pub positions: Vec<u8>,
}

/// Every pair's lists, sorted by key, held compactly (see [`pair_lists`]):
/// each pair's documents and positions are one stream of records in a
/// [`Pool`], split into the two parts as each pair is read
/// ([`PairLists::iter`]).
#[derive(Debug, Default)]
pub struct PairLists {
    /// The pairs, in key order.
    pairs: Vec<Acc>,
    pool: Pool,
}

/// One pair: its words' term ids, its documents count, its last document
/// (while it is built) and its stream of records.
#[derive(Debug, Clone, Copy)]
struct Acc {
    first: u32,
    second: u32,
    df: u32,
    last: u32,
    stream: Stream,
}

impl PairLists {
    /// Pairs listed.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// Whether no pair is listed.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Whether every pair's lists are whole: `false` when the pool ran out
    /// of addresses (64 GiB of lists; see the pool module).
    pub fn complete(&self) -> bool {
        !self.pool.full()
    }

    /// Bytes of memory held.
    pub fn heap_bytes(&self) -> usize {
        self.pairs.capacity() * std::mem::size_of::<Acc>() + self.pool.heap_bytes()
    }

    /// The pairs' lists in key order, each decoded when it is reached;
    /// `index` is the one they were made from (it names the terms).
    pub fn iter<'a>(&'a self, index: &'a Index) -> impl Iterator<Item = PairList> + 'a {
        let mut stream = Vec::new();
        self.pairs.iter().map(move |&Acc { first, second, df, stream: s, .. }| {
            stream.clear();
            self.pool.read(&s, &mut stream);
            let mut docs = Vec::with_capacity(stream.len());
            put_varint(&mut docs, df);
            let mut positions = Vec::with_capacity(stream.len());
            split_records(&stream, &mut docs, &mut positions);
            let term = |id: u32| index.terms.get(id as usize).map_or("", String::as_str);
            PairList { key: pair_key(term(first), term(second)), df, docs, positions }
        })
    }
}

/// Splits a pair's stream of records (per document: gap, body count, title
/// count, then that many position gaps, as [`put_doc`] writes them) into
/// the documents part (gap, body count, title count) and the positions
/// part (the position gaps), the layout of a word's lists. A record cut
/// short (which the pool never makes) ends the lists.
fn split_records(stream: &[u8], docs: &mut Vec<u8>, positions: &mut Vec<u8>) {
    let mut r = Reader { bytes: stream, at: 0 };
    // Copies the next varint to `out`; its value.
    let copy = |r: &mut Reader, out: &mut Vec<u8>| {
        let start = r.at;
        let v = r.varint().ok()?;
        out.extend_from_slice(stream.get(start..r.at).unwrap_or_default());
        Some(v)
    };
    while r.at < stream.len() {
        let (Some(_gap), Some(body), Some(title)) = (copy(&mut r, docs), copy(&mut r, docs), copy(&mut r, docs)) else {
            return;
        };
        for _ in 0..u64::from(body) + u64::from(title) {
            if copy(&mut r, positions).is_none() {
                return;
            }
        }
    }
}

/// One list a phrase is read from ([`Index::phrase_plan`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    /// A pair (in [`Index::pairs`]) or a word (in the index itself).
    pub pair: bool,
    /// Its id in that dictionary.
    pub id: u32,
    /// Its first word's place in the phrase.
    pub offset: u32,
}

/// How a phrase is read ([`Index::phrase_plan`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhrasePlan {
    /// The phrase's words (ids in the index): their document frequencies
    /// make its IDF.
    pub words: Vec<u32>,
    /// The lists matched, by offset; the first is at offset 0.
    pub units: Vec<Unit>,
}

/// The smallest document frequency of the words whose positions part is at
/// least `positions_bytes` long: with it as `min_df`, every such word is
/// common ([`pair_lists`]). `None` when no word's is.
pub fn min_df_for(index: &Index, positions_bytes: usize) -> Option<u32> {
    (0..index.terms.len() as u32)
        .filter(|&id| index.raw_parts(id).1.len() >= positions_bytes)
        .map(|id| index.df[id as usize])
        .min()
}

/// The lists of every pair of adjacent terms of `corpus` (indexed as
/// `index`) with a word of document frequency at least `min_df`, sorted
/// by key.
///
/// Each pair's lists grow as one stream of records in a [`Pool`] (see its
/// module for why: no growth slack, no allocation per pair, no second
/// copy), found from a map of the pair's term ids to its place;
/// a document's pairs are found by sorting its (first, second, position)
/// triples. The map goes once the pairs are sorted.
pub fn pair_lists(corpus: &Corpus, index: &Index, min_df: u32) -> PairLists {
    let common = |id: u32| index.df.get(id as usize).is_some_and(|&df| df >= min_df);
    let mut pool = Pool::new();
    let mut place: HashMap<(u32, u32), u32> = HashMap::default();
    let mut accs: Vec<Acc> = Vec::new();
    let mut at: Vec<(u32, u32)> = Vec::new();
    let mut triples: Vec<(u32, u32, u32)> = Vec::new();
    let (mut ps, mut rec_docs, mut rec_positions) = (Vec::new(), Vec::new(), Vec::new());
    for (d, a) in corpus.articles.iter().enumerate() {
        let d = d as u32;
        at.clear();
        triples.clear();
        let (title_len, _) = for_each_term(a, |term, _, position| {
            if let Some(id) = index.term_id(term) {
                at.push((position, id));
            }
        });
        at.sort_unstable();
        // `at` is sorted by position: the terms at `p + 1` follow those at `p`.
        let mut next = 0;
        for i in 0..at.len() {
            let (p, first) = at[i];
            while next < at.len() && at[next].0 <= p {
                next += 1;
            }
            for &(q, second) in at[next..].iter().take_while(|&&(q, _)| q == p + 1) {
                debug_assert_eq!(q, p + 1);
                if common(first) || common(second) {
                    triples.push((first, second, p));
                }
            }
        }
        triples.sort_unstable();
        for run in triples.chunk_by(|x, y| (x.0, x.1) == (y.0, y.1)) {
            let (first, second) = (run[0].0, run[0].1);
            let k = *place.entry((first, second)).or_insert_with(|| {
                accs.push(Acc { first, second, df: 0, last: 0, stream: pool.stream() });
                accs.len() as u32 - 1
            });
            let Some(acc) = accs.get_mut(k as usize) else { continue };
            // Positions ascend within the run: the triples were sorted.
            ps.clear();
            ps.extend(run.iter().map(|t| t.2));
            rec_docs.clear();
            rec_positions.clear();
            let gap = d - if acc.df == 0 { 0 } else { acc.last };
            put_doc(&mut rec_docs, &mut rec_positions, gap, &ps, title_len);
            pool.push(&mut acc.stream, &rec_docs);
            pool.push(&mut acc.stream, &rec_positions);
            acc.df += 1;
            acc.last = d;
        }
    }
    // The map first, so that its memory is free before the sort.
    drop(place);
    // Key order without making the keys: `a b` compares as `a`, then the
    // separator, then `b`.
    let key = |id: u32| index.terms.get(id as usize).map_or(&b""[..], |t| t.as_bytes());
    let mut sep = [0u8; 4];
    let sep: &[u8] = PAIR_SEPARATOR.encode_utf8(&mut sep).as_bytes();
    accs.sort_unstable_by(|x, y| {
        let kx = key(x.first).iter().chain(sep).chain(key(x.second));
        let ky = key(y.first).iter().chain(sep).chain(key(y.second));
        kx.cmp(ky)
    });
    PairLists { pairs: accs, pool }
}

impl Index {
    /// The document frequency from which a word is common, when this index
    /// has pair lists ([`Index::pairs`]).
    pub fn pair_min_df(&self) -> Option<u32> {
        self.pairs.as_ref().map(|(min_df, _)| *min_df)
    }

    /// The pair lists: an index whose terms are pair keys (`a b`).
    pub fn pairs(&self) -> Option<&Index> {
        self.pairs.as_ref().map(|(_, p)| p.as_ref())
    }

    /// Takes this index's pair lists and their `min_df` out of it (to give
    /// them to the index that replaces it, [`Index::with_pairs`]).
    pub fn take_pairs(&mut self) -> Option<(u32, Index)> {
        self.pairs.take().map(|(min_df, p)| (min_df, *p))
    }

    /// This index with pair lists for the words of document frequency
    /// `min_df` or more: `pairs` is an index over the same documents whose
    /// terms are pair keys (see [`Index::from_parts`]).
    pub fn with_pairs(mut self, min_df: u32, mut pairs: Index) -> Index {
        pairs.n_docs = self.n_docs;
        self.pairs = Some((min_df, Box::new(pairs)));
        self
    }

    /// The lists a phrase is read from (see the module docs): `None` when
    /// it cannot occur (a word, or a pair that would be listed, is not in
    /// the dictionary).
    pub fn phrase_plan(&self, terms: &[String]) -> Option<PhrasePlan> {
        let words: Vec<u32> = terms.iter().map(|t| self.term_id(t)).collect::<Option<_>>()?;
        let mut units = Vec::with_capacity(words.len());
        let mut covered = vec![false; words.len()];
        if let Some((min_df, pairs)) = &self.pairs {
            let common = |id: u32| self.df.get(id as usize).is_some_and(|df| df >= min_df);
            for i in 0..words.len().saturating_sub(1) {
                if common(words[i]) || common(words[i + 1]) {
                    let id = pairs.term_id(&pair_key(&terms[i], &terms[i + 1]))?;
                    units.push(Unit { pair: true, id, offset: i as u32 });
                    covered[i] = true;
                    covered[i + 1] = true;
                }
            }
        }
        for (j, &id) in words.iter().enumerate() {
            if !covered[j] {
                units.push(Unit { pair: false, id, offset: j as u32 });
            }
        }
        units.sort_by_key(|u| u.offset);
        Some(PhrasePlan { words, units })
    }

    /// The index a unit's list is in.
    pub fn unit_index(&self, unit: &Unit) -> &Index {
        match (&self.pairs, unit.pair) {
            (Some((_, pairs)), true) => pairs,
            _ => self,
        }
    }
}
