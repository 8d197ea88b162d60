//! Building an [`Index`] one article at a time ([`IndexBuilder`]): each
//! term's lists are kept encoded as they grow, so the index of a million
//! articles is built in the memory of its encoded size; and the terms of
//! an article with their positions ([`for_each_term`]), which the
//! builder, the split writer and the search's phrase pairs all read the
//! same way.

use super::{
    corpus_languages, put_varint, segments, stem_language, variant_groups, Derived, DocMeta, Index, Lists, SEGMENT_GAP,
};
use crate::model::{Article, Corpus};
use std::collections::{HashMap, HashSet};

/// Builds an [`Index`] one article at a time, keeping each term's lists
/// already encoded (a few bytes per occurrence) rather than every
/// occurrence as a pair of numbers: the index of a million articles is
/// built in the memory of its encoded size.
pub struct IndexBuilder {
    outlet_slot: HashMap<String, u32>,
    outlet_terms: Vec<Vec<String>>,
    n_outlets: usize,
    languages: Vec<String>,
    language_slot: HashMap<String, u32>,
    docs: Vec<DocMeta>,
    total_len: u64,
    terms: HashMap<String, TermAcc>,
    /// Positions of the document being added, per term (reused).
    scratch: HashMap<String, Vec<u32>>,
    /// Words already stemmed, per stemming language.
    stemmed: HashMap<String, HashSet<String>>,
    /// (stem key, term) pairs, from each word as written in its article's
    /// language.
    stem_members: HashSet<(String, String)>,
    /// Per term that folds to ASCII, its occurrences written with other
    /// letters (see the module docs' `~name!` groups).
    accented: HashMap<String, u32>,
}

/// One term's lists as they grow: documents part (without its count) and
/// positions part, as [`Index::build`] stores them.
#[derive(Default)]
pub(super) struct TermAcc {
    pub(super) df: u32,
    /// Occurrences in all documents.
    pub(super) occurrences: u32,
    last_doc: u32,
    pub(super) docs: Vec<u8>,
    pub(super) positions: Vec<u8>,
}

/// Appends one document's entry to a term's lists: to the documents part
/// its gap from the previous document, its body and its title
/// occurrences; to the positions part the gaps between its positions `ps`
/// (ascending; those before `title_len` are in the title). The pair lists
/// (`super::pairs`) write their records with it too.
pub(super) fn put_doc(docs: &mut Vec<u8>, positions: &mut Vec<u8>, gap: u32, ps: &[u32], title_len: u32) {
    let in_title = ps.iter().filter(|&&p| p < title_len).count() as u32;
    put_varint(docs, gap);
    put_varint(docs, ps.len() as u32 - in_title);
    put_varint(docs, in_title);
    let mut prev = 0;
    for &p in ps {
        put_varint(positions, p - prev);
        prev = p;
    }
}

impl TermAcc {
    /// Appends document `d` (after the documents already added) with the
    /// term's positions `ps` in it, ascending; those before `title_len`
    /// count as title occurrences.
    pub(super) fn push_doc(&mut self, d: u32, ps: &[u32], title_len: u32) {
        let gap = d - if self.df == 0 { 0 } else { self.last_doc };
        put_doc(&mut self.docs, &mut self.positions, gap, ps, title_len);
        self.df += 1;
        self.occurrences = self.occurrences.saturating_add(ps.len() as u32);
        self.last_doc = d;
    }
}

impl IndexBuilder {
    /// A builder for the articles of `corpus` (its outlets name the slots,
    /// its articles' languages the language slots).
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
        let languages = corpus_languages(corpus);
        IndexBuilder {
            // Slots are u32: a corpus may name more than 65,536 outlets.
            outlet_slot: corpus.outlets.iter().enumerate().map(|(i, o)| (o.key.clone(), i as u32)).collect(),
            outlet_terms,
            n_outlets: corpus.outlets.len(),
            language_slot: languages.iter().enumerate().map(|(i, l)| (l.clone(), i as u32)).collect(),
            languages,
            docs: Vec::with_capacity(corpus.articles.len()),
            total_len: 0,
            terms: HashMap::new(),
            scratch: HashMap::new(),
            stemmed: HashMap::new(),
            stem_members: HashSet::new(),
            accented: HashMap::new(),
        }
    }

    /// Adds the next article (documents are numbered in the order added).
    pub fn add(&mut self, a: &Article) {
        let d = self.docs.len() as u32;
        let code = a.language.as_ref().map(|l| l.code.as_str());
        let stem_lang = stem_language(code);
        let IndexBuilder { scratch, stemmed, stem_members, accented, .. } = self;
        let (title_len, len) = for_each_term(a, |term, written, position| {
            if let Some(lang) = stem_lang {
                // English stems the folded term, the others the word as
                // written.
                let word = if lang == "en" { term } else { written };
                let seen = match stemmed.get_mut(lang) {
                    Some(seen) => seen,
                    None => stemmed.entry(lang.to_string()).or_default(),
                };
                if !seen.contains(word) {
                    seen.insert(word.to_string());
                    if let Some(key) = crate::lang::stem_key(lang, word, term) {
                        stem_members.insert((key, term.to_string()));
                    }
                }
            }
            if term.is_ascii() && !written.is_ascii() {
                match accented.get_mut(term) {
                    Some(n) => *n = n.saturating_add(1),
                    None => {
                        accented.insert(term.to_string(), 1);
                    }
                }
            }
            match scratch.get_mut(term) {
                Some(ps) => ps.push(position),
                None => {
                    scratch.insert(term.to_string(), vec![position]);
                }
            }
        });
        self.total_len += u64::from(len);
        for (term, mut ps) in self.scratch.drain() {
            // Compounds are added after their segment's words: keep each
            // term's positions ascending.
            if !ps.is_sorted() {
                ps.sort_unstable();
            }
            self.terms.entry(term).or_default().push_doc(d, &ps, title_len);
        }
        self.docs.push(DocMeta {
            outlet: a.outlet.as_deref().and_then(|k| self.outlet_slot.get(k).copied()),
            source: a.original_source.as_deref().and_then(|k| self.outlet_slot.get(k).copied()),
            day: a.date.date.map(|d| d.days_since_epoch() as i32),
            language: code.and_then(|c| self.language_slot.get(c).copied()),
            title_len,
            len_code: crate::norm::norm_code(len),
            author: a.author.as_deref().map(crate::text::terms).unwrap_or_default(),
        });
    }

    /// The index of the articles added.
    pub fn finish(self) -> Index {
        let IndexBuilder {
            outlet_terms,
            n_outlets,
            languages,
            docs,
            total_len,
            terms: mut accs,
            stem_members,
            accented,
            ..
        } = self;
        let mut terms: Vec<String> = accs.keys().cloned().collect();
        terms.sort_unstable();
        // Mostly written with other letters: at least half its occurrences.
        let accented: HashSet<String> = accented
            .into_iter()
            .filter(|(t, n)| accs.get(t).is_some_and(|a| u64::from(*n) * 2 >= u64::from(a.occurrences)))
            .map(|(t, _)| t)
            .collect();
        let size: usize = accs.values().map(|a| a.docs.len() + a.positions.len() + 5).sum();
        let mut blob = Vec::with_capacity(size);
        let mut offsets = Vec::with_capacity(terms.len() + 1);
        let mut splits = Vec::with_capacity(terms.len());
        let mut df: Vec<u32> = Vec::with_capacity(terms.len());
        for term in &terms {
            let acc = accs.remove(term).unwrap_or_default();
            offsets.push(blob.len());
            df.push(acc.df);
            // Documents part: df, then doc delta, body tf, title tf per doc.
            put_varint(&mut blob, acc.df);
            blob.extend_from_slice(&acc.docs);
            // Positions part: position deltas per doc.
            splits.push(blob.len());
            blob.extend_from_slice(&acc.positions);
        }
        offsets.push(blob.len());
        let (group_keys, groups) = variant_groups(&terms, stem_members, &accented);
        Index {
            avg_len: if docs.is_empty() { 1.0 } else { (total_len as f32 / docs.len() as f32).max(1.0) },
            derived: Derived::of(&docs, n_outlets, &terms, &languages, &groups),
            n_docs: docs.len() as u32,
            docs,
            terms,
            df,
            languages,
            group_keys,
            groups,
            lists: Lists::Blob { offsets, splits, blob },
            outlet_terms,
            pairs: None,
        }
    }
}

/// Walks an article's terms as the index stores them: `f(term, word as
/// written, position)` for every token, and for a hyphenated compound
/// (`cease-fire`) also its joined form (`ceasefire`) at its first part's
/// position, without counting toward the length (see `text::compound`).
/// Compounds come after their segment's words, so positions are not
/// always ascending. Returns `(title_len, len)` ([`DocMeta`]).
pub(crate) fn for_each_term(a: &Article, mut f: impl FnMut(&str, &str, u32)) -> (u32, u32) {
    let mut pos: u32 = 0;
    let mut title_len = 0;
    for (s, seg) in segments(a).enumerate() {
        let mut n = 0u32;
        // The compound being read, as (joined, first position, end of its
        // last part, parts), and those found.
        let mut chain: Option<(String, u32, usize, usize)> = None;
        let mut compounds: Vec<(String, u32)> = Vec::new();
        crate::text::for_each_token(seg, |term, span, position| {
            n += 1;
            let part = crate::text::is_compound_part(term);
            let joins = chain.as_ref().is_some_and(|(_, _, end, parts)| {
                part && *parts < crate::text::COMPOUND_PARTS
                    && seg.get(*end..span.start).is_some_and(crate::text::is_joining_hyphen)
            });
            if joins {
                if let Some((joined, _, end, parts)) = chain.as_mut() {
                    joined.push_str(term);
                    *end = span.end;
                    *parts += 1;
                }
            } else {
                if let Some((joined, first, _, parts)) = chain.take() {
                    if parts >= 2 {
                        compounds.push((joined, first));
                    }
                }
                chain = part.then(|| (term.to_string(), position, span.end, 1));
            }
            f(term, &seg[span], pos + position);
        });
        if let Some((joined, first, _, parts)) = chain.take() {
            if parts >= 2 {
                compounds.push((joined, first));
            }
        }
        for (joined, first) in compounds {
            f(&joined, &joined, pos + first);
        }
        if s == 0 {
            title_len = n;
        }
        pos += n + SEGMENT_GAP;
    }
    (title_len, pos.saturating_sub(SEGMENT_GAP))
}
