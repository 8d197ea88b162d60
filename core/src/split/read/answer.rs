//! Answering a request from a stored answer (`split/answers.rs`) when the
//! corpus has one for it, else from the lists: what the app and the
//! benchmarks call ([`SplitStore::need`], [`SplitStore::search`]).

use super::super::{answers, SplitError};
use super::{Need, SplitStore};
use crate::search::{stored_key, Hit, Request, Results, Searcher, Stored};
use crate::timeline::Axis;
use std::sync::Arc;

/// A filtered request fetches its word's answer only when the filters
/// are expected to keep this many times the rows asked for among the
/// answer's top hits (as if the filters and the ranking were unrelated);
/// otherwise the answer would likely not serve, and the request would
/// need a second round for the lists.
const KEPT_MARGIN: usize = 2;

/// Answers kept decoded (the others are kept as fetched, and decoded
/// again when used: a few milliseconds at a million articles).
const DECODED: usize = 4;

impl SplitStore {
    /// The number of the stored answer of `req`'s word, if the corpus
    /// has one ([`stored_key`]).
    fn answer_of(&self, req: &Request) -> Option<u32> {
        let answers = self.manifest.answers.as_ref()?;
        let key = stored_key(req)?;
        answers.words.binary_search(&key).ok().map(|i| i as u32)
    }

    /// The stored answer of `req`, when it is here.
    fn stored_answer(&mut self, req: &Request) -> Option<Arc<Stored>> {
        self.answer(self.answer_of(req)?)
    }

    /// Answer `k`, decoded, when it is here.
    fn answer(&mut self, k: u32) -> Option<Arc<Stored>> {
        if let Some(at) = self.decoded.iter().position(|(i, _)| *i == k) {
            let hit = self.decoded.remove(at);
            self.decoded.push(hit.clone());
            return Some(hit.1);
        }
        let name = self.manifest.answers.as_ref()?.files.file(k);
        let answer = self.answers.get(&k)?;
        // Checked when they arrived: decoding and joining again cannot fail.
        let stored = Arc::new(self.decode_answer(&name, answer, self.deeper.get(&k).map(|d| &d[..])).ok()?);
        self.keep_decoded(k, stored.clone());
        Some(stored)
    }

    /// An answer file decoded, with its deeper hits' file joined to it
    /// when given (errors name `name`).
    pub(super) fn decode_answer(&self, name: &str, answer: &[u8], deeper: Option<&[u8]>) -> Result<Stored, SplitError> {
        let articles = self.manifest.articles;
        let stored = answers::decode(name, answer, articles)?;
        let Some(deeper) = deeper else { return Ok(stored) };
        let top = self.manifest.answers.as_ref().map_or(0, |a| a.top as usize);
        answers::join_deeper(name, &stored, &answers::decode_deeper(name, deeper, articles)?, top)
    }

    /// Answer `i`'s deeper hits' file and the hits it ranks to, when the
    /// corpus has them, they are not here yet and they can add to
    /// `stored`, its answer: its top is full (with fewer matches than it
    /// holds, it held them all).
    fn deeper_to_fetch(&self, i: u32, stored: &Stored) -> Option<(String, usize)> {
        let answers = self.manifest.answers.as_ref()?;
        let deeper = answers.deeper.as_ref()?;
        let wanted = stored.top.len() >= answers.top as usize && !self.deeper.contains_key(&i);
        wanted.then(|| (deeper.files.file(i), deeper.deep as usize))
    }

    /// Keeps answer `k` decoded, dropping the least recently used past
    /// [`DECODED`].
    pub(super) fn keep_decoded(&mut self, k: u32, stored: Arc<Stored>) {
        self.decoded.retain(|(i, _)| *i != k);
        self.decoded.push((k, stored));
        if self.decoded.len() > DECODED {
            self.decoded.remove(0);
        }
    }

    /// What a search for `req` ranking its first `k` hits still needs:
    /// its word's stored answer when the corpus has one that can serve
    /// it, else what [`SplitStore::missing`] says (the lists). Ready means
    /// [`SplitStore::search`] answers exactly.
    pub fn need(&mut self, req: &Request, k: usize) -> Need {
        self.answer_need(req, k).unwrap_or_else(|| self.missing(req))
    }

    /// [`SplitStore::need`]'s answer part: `None` when `req` is not to be
    /// answered from a stored answer.
    fn answer_need(&mut self, req: &Request, k: usize) -> Option<Need> {
        if !self.columns {
            return None;
        }
        let i = self.answer_of(req)?;
        let answers = self.manifest.answers.as_ref()?;
        let top = answers.top as usize;
        // The deeper hits' file and how many hits it ranks to, if any.
        let deeper = answers.deeper.as_ref().map(|d| (d.files.file(i), d.deep as usize));
        let answer = answers.files.file(i);
        if let Some(stored) = self.answer(i) {
            if Searcher::with_axis(self.index(), None).stored_serves(req, &stored, k) {
                return Some(Need::Ready);
            }
            // Not from the top alone: from its deeper hits when they may
            // serve, else from the lists.
            let (file, deep) = self.deeper_to_fetch(i, &stored)?;
            return self.answer_worth(req, k, deep).then(|| Need::Files(vec![file]));
        }
        if self.answer_worth(req, k, top) {
            return Some(Need::Files(vec![answer]));
        }
        // Both in one round when the deeper hits are expected to serve.
        let (file, deep) = deeper?;
        self.answer_worth(req, k, deep).then(|| Need::Files(vec![answer, file]))
    }

    /// Whether `top` ranked hits of an answer are likely to serve `req`'s
    /// first `k` rows (for a filtered request, see [`KEPT_MARGIN`]).
    fn answer_worth(&mut self, req: &Request, k: usize, top: usize) -> bool {
        let f = &req.filters;
        if !f.narrows() {
            // A top shorter than the rows asked for serves only a word
            // with as few matches: not worth a round.
            return top >= k;
        }
        let n = (self.manifest.articles as usize).max(1);
        let kept = match &self.kept {
            Some((filters, kept)) if filters == f => *kept,
            _ => {
                let kept = Searcher::with_axis(self.index(), None).kept_by(f);
                self.kept = Some((f.clone(), kept));
                kept
            }
        };
        top.saturating_mul(kept) / n >= k.max(1).saturating_mul(KEPT_MARGIN)
    }

    /// Runs a search ranking the first `k` hits: from the stored answer
    /// when it serves, else over [`SplitStore::index`]. Exact once
    /// [`SplitStore::need`] says Ready.
    pub fn search(&mut self, req: &Request, axis: Option<Axis>, k: usize) -> Results {
        if let Some(results) = self.answered(req, axis.clone(), k) {
            return results;
        }
        Searcher::with_axis(self.index(), axis).search_top(req, k)
    }

    /// The results of `req` from its stored answer, when it is here and
    /// serves (`None` otherwise).
    pub fn answered(&mut self, req: &Request, axis: Option<Axis>, k: usize) -> Option<Results> {
        let stored = self.stored_answer(req)?;
        Searcher::with_axis(self.index(), axis).search_stored(req, &stored, k)
    }

    /// The first `n` hits of `results` from the stored answer of its
    /// request, when it is here and holds them (ranking further down a
    /// list needs the lists: [`SplitStore::missing`]).
    pub fn answered_hits(&mut self, results: &Results, n: usize) -> Option<Vec<Hit>> {
        let stored = self.stored_answer(&results.request)?;
        Searcher::with_axis(self.index(), None).stored_hits(&stored, &results.docs, n)
    }

    /// The deeper hits' file of the stored answer of `results`' request,
    /// when ranking its first `n` hits needs it: the answer is here with
    /// a full top that does not hold them, its deeper hits are not here,
    /// and they are expected to hold them (as many kept among them as
    /// among all matches). `None`: from the answer, or the lists.
    pub fn deeper_need(&mut self, results: &Results, n: usize) -> Option<Need> {
        let i = self.answer_of(&results.request)?;
        let stored = self.answer(i)?;
        let (file, deep) = self.deeper_to_fetch(i, &stored)?;
        let n = n.min(results.docs.len());
        let expected = deep.saturating_mul(results.docs.len()) / stored.docs.len().max(1);
        (expected >= n).then(|| Need::Files(vec![file]))
    }

    /// Whether the stored answer of `req`'s word is here (its deeper hits
    /// or not).
    pub fn has_answer(&self, req: &Request) -> bool {
        self.answer_of(req).is_some_and(|k| self.answers.contains_key(&k))
    }
}
