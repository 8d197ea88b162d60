//! Stored answers: the result of a word being typed, computed once by the
//! split writer and read back instead of the word's posting lists.
//!
//! A common word typed in the search box reads the lists of the word, its
//! stem and name variants, its completions and its typos: at a million
//! articles up to a megabyte of postings, although what the app shows is
//! only the set of articles matched (for the counts, the timeline and the
//! events lane) and the first rows. So the split writer runs the search
//! for such words on the whole index and stores its outcome, a
//! [`Stored`]: every match as a set, the best [`Stored::top`] hits with
//! their exact scores, and what the search highlights. The store answers
//! the request from it ([`Searcher::search_stored`]) whenever that gives
//! exactly what [`Searcher::search_top`] would on the whole index:
//!
//! * the request is the one stored: a single plain word ([`stored_key`]),
//!   still being typed, in relevance order (filters allowed);
//! * the counts, the timeline and the hit set are those of the stored set
//!   within the filters (counted the same way, with [`Counts`]);
//! * the first `k` hits within the filters are the first `k` of the stored
//!   top that pass the filters: the top is a prefix of the whole order, so
//!   its members within the filters are a prefix of the filtered order. It
//!   serves when at least `k` of them pass, or when every hit within the
//!   filters is among them;
//! * a request finding fewer than [`SUGGEST_BELOW`] articles would get a
//!   "did you mean", which needs the dictionary: not served.
//!
//! When it does not serve (a filter leaves too few of the top, or a list is
//! ranked past it) the store falls back to the lists, as without answers.

use super::tally::Counts;
use super::{typing_of, Hit, Request, Results, Searcher, Sort, SUGGEST_BELOW};
use crate::query::{parse, Atom, Field};

/// The stored result of a one-word request (see the module docs).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stored {
    /// Every match (no filter), ascending.
    pub docs: Vec<u32>,
    /// The first hits of the relevance order (no filter).
    pub top: Vec<Hit>,
    /// As [`Results::highlight`].
    pub highlight: Vec<String>,
    /// As [`Results::phrases`].
    pub phrases: Vec<Vec<String>>,
    /// As [`Results::also`].
    pub also: Vec<(String, Vec<String>)>,
}

/// The word a request stands for when a stored answer can answer it: a
/// single plain word (no field, no `*`, no quotes, nothing excluded), still
/// being typed ([`typing_of`]), in relevance order. Its folded form is the
/// key the answers are stored under.
pub fn stored_key(req: &Request) -> Option<String> {
    if req.sort != Sort::Relevance {
        return None;
    }
    let query = parse(&req.query);
    if !query.excluded.is_empty() || query.groups.len() != 1 || query.groups[0].len() != 1 {
        return None;
    }
    let Atom::Term { field: Field::Any, term, prefix: false } = &query.groups[0][0] else { return None };
    (typing_of(req, &query) == Some((0, 0))).then(|| term.clone())
}

impl Searcher<'_> {
    /// The answer of the request for `key` ([`stored_key`]) with up to
    /// `top` hits ranked, to store: run on the whole index.
    pub fn stored(&self, key: &str, top: usize) -> Stored {
        let r = self.search_top(&Request { query: key.to_string(), typing: true, ..Request::default() }, top);
        Stored { docs: r.docs, top: r.hits, highlight: r.highlight, phrases: r.phrases, also: r.also }
    }

    /// `req` answered from `stored` with its first `k` hits ranked, exactly
    /// as [`Searcher::search_top`] answers it on the whole index; `None`
    /// when `stored` cannot say (see the module docs). The caller checks
    /// that `stored` is the answer of [`stored_key`]`(req)`.
    pub fn search_stored(&self, req: &Request, stored: &Stored, k: usize) -> Option<Results> {
        let mut counts = Counts::new(self.index, self.axis.as_ref(), self.slots, &req.filters);
        let docs: Vec<u32> = if counts.begin_left_out(self.index, self.axis.as_ref(), stored.docs.len()) {
            stored.docs.iter().copied().filter(|&d| counts.skip_to(d)).collect()
        } else {
            stored.docs.iter().copied().filter(|&d| counts.add(d)).collect()
        };
        let hits = self.stored_hits(stored, &docs, k)?;
        let (outlet_counts, language_counts, histogram) = counts.finish();
        Some(Results {
            hits,
            docs,
            sort: Sort::Relevance,
            outlet_counts,
            histogram,
            highlight: stored.highlight.clone(),
            phrases: stored.phrases.clone(),
            language_counts,
            also: stored.also.clone(),
            suggestion: None,
            request: req.clone(),
        })
    }

    /// The first `k` hits among `docs` (the matches within the filters,
    /// ascending) from `stored`'s top, or `None` when it does not hold
    /// them all or `docs` would get a suggestion.
    pub fn stored_hits(&self, stored: &Stored, docs: &[u32], k: usize) -> Option<Vec<Hit>> {
        if docs.len() < SUGGEST_BELOW {
            return None;
        }
        let want = k.min(docs.len());
        let hits: Vec<Hit> = if docs.len() == stored.docs.len() {
            stored.top.iter().take(want).copied().collect()
        } else {
            stored.top.iter().filter(|h| docs.binary_search(&h.doc).is_ok()).take(want).copied().collect()
        };
        (hits.len() == want).then_some(hits)
    }

    /// Whether [`Searcher::search_stored`] would answer `req` from
    /// `stored` with `k` hits: the same test, without counting.
    pub fn stored_serves(&self, req: &Request, stored: &Stored, k: usize) -> bool {
        let need = k.max(SUGGEST_BELOW);
        let mut filter = Counts::new(self.index, None, self.slots, &req.filters);
        let passing = stored.top.iter().filter(|h| filter.add(h.doc)).take(need).count();
        if passing >= need {
            return true;
        }
        // Fewer than asked pass: it serves when they are every hit within
        // the filters (and enough not to need a suggestion).
        let mut filter = Counts::new(self.index, None, self.slots, &req.filters);
        let total = stored.docs.iter().filter(|&&d| filter.add(d)).count();
        total >= SUGGEST_BELOW && passing >= k.min(total)
    }

    /// How many articles `filters` keep (all of them without filters).
    pub fn kept_by(&self, filters: &crate::search::Filters) -> usize {
        let mut filter = Counts::new(self.index, None, self.slots, filters);
        (0..self.index.len() as u32).filter(|&d| filter.add(d)).count()
    }
}
