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

use super::build::TermAcc;
use super::{for_each_term, put_varint, Index};
use crate::model::Corpus;
use std::collections::HashMap;

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
/// count first, positions part).
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
pub fn pair_lists(corpus: &Corpus, index: &Index, min_df: u32) -> Vec<PairList> {
    let common = |id: u32| index.df.get(id as usize).is_some_and(|&df| df >= min_df);
    let mut accs: HashMap<(u32, u32), TermAcc> = HashMap::new();
    let mut at: Vec<(u32, u32)> = Vec::new();
    let mut doc_pairs: HashMap<(u32, u32), Vec<u32>> = HashMap::new();
    for (d, a) in corpus.articles.iter().enumerate() {
        let d = d as u32;
        at.clear();
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
                    doc_pairs.entry((first, second)).or_default().push(p);
                }
            }
        }
        for (pair, ps) in doc_pairs.drain() {
            // Positions ascend: `at` was sorted.
            accs.entry(pair).or_default().push_doc(d, &ps, title_len);
        }
    }
    let mut out: Vec<PairList> = accs
        .into_iter()
        .map(|((a, b), acc)| {
            let mut docs = Vec::with_capacity(acc.docs.len() + 3);
            put_varint(&mut docs, acc.df);
            docs.extend_from_slice(&acc.docs);
            PairList {
                key: pair_key(&index.terms[a as usize], &index.terms[b as usize]),
                df: acc.df,
                docs,
                positions: acc.positions,
            }
        })
        .collect();
    out.sort_unstable_by(|x, y| x.key.cmp(&y.key));
    out
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
