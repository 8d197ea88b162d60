//! Search: matching, BM25 ranking, facets and snippets.
//!
//! ## Matching
//! A query term matches a document through *variants* from the dictionary:
//!
//! | variant                         | weight | counts as a typo |
//! |---------------------------------|--------|------------------|
//! | the exact folded term           | 1.0    | no               |
//! | another term with the same stem | 0.8    | no               |
//! | a completion (`term*`, or the last word while typing) | 0.6 | no |
//! | edit distance 1 (terms of 5-8 letters) or 2 (9+ letters), same first letter | 0.5 | yes |
//!
//! Phrases match exact terms at consecutive positions, never across a
//! paragraph. Exclusions use exact and stem variants only.
//!
//! ## Ranking
//! Each variant `v` of a query term scores a document `d` with BM25:
//!
//! ```text
//! idf(v)   = ln(1 + (N - df(v) + 0.5) / (df(v) + 0.5))
//! tf'(v,d) = tf_text(v,d) + TITLE_WEIGHT * tf_title(v,d)
//! bm25     = idf(v) * tf' * (K1 + 1) / (tf' + K1 * (1 - B + B * len(d) / avg_len))
//! ```
//!
//! with `K1 = 1.2`, `B = 0.75`, `TITLE_WEIGHT = 3`. A query term scores the
//! best `weight * bm25` among its variants; OR takes the best alternative;
//! AND sums. Results sort by **fewest typos first**, then score, so a typo
//! match never outranks an article that has every term exactly.
//!
//! ## Facets
//! Outlets group articles by publisher, or (with `Filters::by_source`) by
//! original source: a reprint counts under the outlet it is reprinted
//! from, any other article under its publisher. The outlet filter, the
//! counts and the histogram's stacks follow the grouping.
//! * outlet counts: matches of the query within the date filter (so each
//!   outlet shows what ticking it would add),
//! * timeline histogram: matches within the outlet filter, counted on the
//!   searcher's axis (the app passes the zoomed axis of the selected range,
//!   so dates outside it are not counted; undated matches always are),
//! * hits: matches within both filters.

use crate::index::Index;
use crate::model::Article;
use crate::query::{parse, Atom, Field, Query};
use crate::text::{edit_distance_within, for_each_token, tokenize};
use crate::timeline::{histogram, Axis, Histogram};
use std::collections::{HashMap, HashSet};

/// BM25 term-frequency saturation.
pub const K1: f32 = 1.2;
/// BM25 length normalisation.
pub const B: f32 = 0.75;
/// A title occurrence counts this many body occurrences.
pub const TITLE_WEIGHT: f32 = 3.0;
const W_STEM: f32 = 0.8;
const W_PREFIX: f32 = 0.6;
const W_TYPO: f32 = 0.5;
/// Completions considered for one prefix (the most frequent ones).
const MAX_COMPLETIONS: usize = 64;

/// Result order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Fewest typos, then BM25 score (newest first for the empty query).
    #[default]
    Relevance,
    /// Newest publication date first; undated last.
    Newest,
    /// Oldest first; undated last.
    Oldest,
}

/// Filters on top of the query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Outlet slots to keep (outlet index, or `outlets.len()` for unknown);
    /// empty keeps all.
    pub outlets: Vec<usize>,
    /// Keep days `>= from` (days since epoch). Setting `from` or `to`
    /// drops undated articles.
    pub from: Option<i32>,
    /// Keep days `< to` (half-open).
    pub to: Option<i32>,
    /// Group outlets by original source instead of publisher (see the
    /// module docs): `outlets`, counts and histogram use that slot.
    pub by_source: bool,
}

/// A search request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Request {
    /// Query text in the query language.
    pub query: String,
    /// Filters.
    pub filters: Filters,
    /// Order.
    pub sort: Sort,
    /// Treat the last word as a prefix too (the user is still typing it).
    pub typing: bool,
}

/// One matching article.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// Index of the article in the corpus.
    pub doc: u32,
    /// BM25 score (0 for the empty query).
    pub score: f32,
    /// Number of query terms matched only through a typo variant.
    pub typos: u8,
}

/// Everything the UI shows for one request.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    /// Hits in order.
    pub hits: Vec<Hit>,
    /// Per outlet slot (last = unknown): matches within the date filter.
    pub outlet_counts: Vec<u32>,
    /// Matches within the outlet filter, on the searcher's axis.
    pub histogram: Histogram,
    /// Dictionary terms to highlight (the variants that matched).
    pub highlight: Vec<String>,
}

/// Sparse per-document scores, sorted by doc.
type Scores = Vec<(u32, f32, u8)>;

struct Variant {
    id: u32,
    weight: f32,
    typo: bool,
}

fn idf(n: usize, df: usize) -> f32 {
    (1.0 + (n as f32 - df as f32 + 0.5) / (df as f32 + 0.5)).ln()
}

fn bm25(tf: f32, len: u32, avg: f32, idf: f32) -> f32 {
    if tf <= 0.0 {
        return 0.0;
    }
    idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len as f32 / avg))
}

/// A searcher over an index (holds the corpus axis).
pub struct Searcher<'a> {
    index: &'a Index,
    axis: Option<Axis>,
    slots: usize,
}

impl<'a> Searcher<'a> {
    /// Prepares a searcher; the timeline axis covers every dated article.
    pub fn new(index: &'a Index) -> Searcher<'a> {
        Searcher::with_axis(index, corpus_axis(index))
    }

    /// A searcher with an axis computed beforehand ([`corpus_axis`]).
    pub fn with_axis(index: &'a Index, axis: Option<Axis>) -> Searcher<'a> {
        Searcher { index, axis, slots: index.outlet_terms.len() + 1 }
    }

    /// The corpus timeline axis (None when nothing is dated).
    pub fn axis(&self) -> Option<&Axis> {
        self.axis.as_ref()
    }

    /// Outlet slot of a document.
    pub fn slot(&self, doc: u32) -> usize {
        self.index.docs[doc as usize].outlet.map_or(self.slots - 1, |o| o as usize)
    }

    /// Outlet slot of a document in a grouping: its publisher's, or with
    /// `by_source` the original source's when it is a reprint.
    pub fn group_slot(&self, doc: u32, by_source: bool) -> usize {
        let d = &self.index.docs[doc as usize];
        match (by_source, d.source) {
            (true, Some(s)) => s as usize,
            _ => d.outlet.map_or(self.slots - 1, |o| o as usize),
        }
    }

    fn variants(&self, term: &str, prefix: bool, typos: bool) -> Vec<Variant> {
        let ix = self.index;
        let mut out: Vec<Variant> = Vec::new();
        let mut seen = HashSet::new();
        if let Some(id) = ix.term_id(term) {
            seen.insert(id);
            out.push(Variant { id, weight: 1.0, typo: false });
        }
        for &id in ix.stem_ids(term) {
            if seen.insert(id) {
                out.push(Variant { id, weight: W_STEM, typo: false });
            }
        }
        if prefix {
            let mut completions: Vec<u32> = ix.prefix_ids(term).filter(|id| !seen.contains(id)).collect();
            // The most frequent completions (ties: dictionary order), found
            // without sorting every completion of a short prefix.
            let key = |id: &u32| (std::cmp::Reverse(ix.df[*id as usize]), *id);
            if completions.len() > MAX_COMPLETIONS {
                completions.select_nth_unstable_by_key(MAX_COMPLETIONS, key);
                completions.truncate(MAX_COMPLETIONS);
            }
            completions.sort_unstable_by_key(key);
            for id in completions {
                seen.insert(id);
                out.push(Variant { id, weight: W_PREFIX, typo: false });
            }
        }
        let n = term.chars().count();
        if typos && n >= 5 {
            let max = if n >= 9 { 2 } else { 1 };
            let first: String = term.chars().take(1).collect();
            for id in ix.prefix_ids(&first) {
                if seen.contains(&id) {
                    continue;
                }
                let cand = &ix.terms[id as usize];
                if cand.chars().count().abs_diff(n) <= max && edit_distance_within(term, cand, max).is_some() {
                    seen.insert(id);
                    out.push(Variant { id, weight: W_TYPO, typo: true });
                }
            }
        }
        out
    }

    fn term_scores(&self, field: Field, term: &str, prefix: bool, typos: bool, used: &mut HashSet<u32>) -> Scores {
        let ix = self.index;
        let n = ix.len();
        // Dense accumulator over documents, with the list of touched ones.
        let mut acc: Vec<(f32, u8)> = Vec::new();
        let mut touched: Vec<u32> = Vec::new();
        for v in self.variants(term, prefix, typos) {
            let tfs = ix.doc_tfs(v.id);
            let idf = idf(n, tfs.len());
            let mut any = false;
            if acc.is_empty() && !tfs.is_empty() {
                acc = vec![(-1.0, 0); n];
            }
            for (doc, body, title) in tfs {
                let meta = &ix.docs[doc as usize];
                let tf = match field {
                    Field::Title => title as f32 * TITLE_WEIGHT,
                    _ => body as f32 + TITLE_WEIGHT * title as f32,
                };
                if tf <= 0.0 {
                    continue;
                }
                any = true;
                let s = v.weight * bm25(tf, meta.len, ix.avg_len, idf);
                let e = &mut acc[doc as usize];
                if e.0 < 0.0 {
                    touched.push(doc);
                    *e = (s, u8::from(v.typo));
                } else {
                    e.0 = e.0.max(s);
                    e.1 = e.1.min(u8::from(v.typo));
                }
            }
            if any {
                used.insert(v.id);
            }
        }
        if touched.len() > n / 16 {
            // Many documents: one pass over the accumulator is cheaper
            // than sorting the touched list.
            acc.iter().enumerate().filter(|(_, e)| e.0 >= 0.0).map(|(d, e)| (d as u32, e.0, e.1)).collect()
        } else {
            touched.sort_unstable();
            touched.into_iter().map(|d| (d, acc[d as usize].0, acc[d as usize].1)).collect()
        }
    }

    /// Documents where `terms` occur at consecutive positions. The
    /// document lists are intersected first (walking the shortest and
    /// searching the others forwards), and positions are decoded only for
    /// the documents in the intersection.
    fn phrase_scores(&self, field: Field, terms: &[String], used: &mut HashSet<u32>) -> Scores {
        let ix = self.index;
        let ids: Option<Vec<u32>> = terms.iter().map(|t| ix.term_id(t)).collect();
        let Some(ids) = ids else { return vec![] };
        let lists: Vec<Vec<(u32, u32, u32)>> = ids.iter().map(|&id| ix.doc_tfs(id)).collect();
        let Some(shortest) = (0..lists.len()).min_by_key(|&k| lists[k].len()) else { return vec![] };
        let idf_sum: f32 = lists.iter().map(|l| idf(ix.len(), l.len())).sum();
        let mut readers: Vec<_> = ids.iter().map(|&id| ix.position_reader(id)).collect();
        let mut cursor = vec![0usize; lists.len()];
        let mut positions: Vec<Vec<u32>> = vec![Vec::new(); lists.len()];
        let mut out = Vec::new();
        let mut at = vec![0usize; lists.len()];
        'docs: for (i, &(doc, _, _)) in lists[shortest].iter().enumerate() {
            for (k, list) in lists.iter().enumerate() {
                cursor[k] = if k == shortest { i } else { gallop(list, cursor[k], doc) };
                if list.get(cursor[k]).is_none_or(|e| e.0 != doc) {
                    continue 'docs;
                }
            }
            for k in 0..lists.len() {
                if !readers[k].read(&lists[k], cursor[k], &mut positions[k]) {
                    continue 'docs;
                }
            }
            let meta = &ix.docs[doc as usize];
            let mut tf = 0.0;
            // Starts ascend, so each list's pointer only moves forwards.
            at.iter_mut().for_each(|a| *a = 0);
            'starts: for &start in &positions[0] {
                if field == Field::Title && start + terms.len() as u32 > meta.title_len {
                    continue;
                }
                for k in 1..lists.len() {
                    let want = start + k as u32;
                    let ps = &positions[k];
                    while at[k] < ps.len() && ps[at[k]] < want {
                        at[k] += 1;
                    }
                    if at[k] == ps.len() {
                        break 'starts;
                    }
                    if ps[at[k]] != want {
                        continue 'starts;
                    }
                }
                tf += if start < meta.title_len { TITLE_WEIGHT } else { 1.0 };
            }
            if tf > 0.0 {
                out.push((doc, bm25(tf, meta.len, ix.avg_len, idf_sum), 0));
            }
        }
        if !out.is_empty() {
            used.extend(ids);
        }
        out
    }

    fn meta_scores(&self, field: Field, term: &str, prefix: bool) -> Scores {
        let ix = self.index;
        let hit = |t: &String| if prefix { t.starts_with(term) } else { t == term };
        let outlets: Vec<u32> =
            ix.outlet_terms.iter().enumerate().filter(|(_, ts)| ts.iter().any(hit)).map(|(i, _)| i as u32).collect();
        ix.docs
            .iter()
            .enumerate()
            .filter(|(_, d)| match field {
                Field::Outlet => d.outlet.is_some_and(|o| outlets.contains(&o)),
                _ => d.author.iter().any(hit),
            })
            .map(|(i, _)| (i as u32, 0.0, 0))
            .collect()
    }

    fn atom_scores(&self, atom: &Atom, typos: bool, used: &mut HashSet<u32>) -> Scores {
        match atom {
            Atom::Term { field: f @ (Field::Outlet | Field::Author), term, prefix } => {
                self.meta_scores(*f, term, *prefix)
            }
            Atom::Term { field, term, prefix } => self.term_scores(*field, term, *prefix, typos, used),
            Atom::Phrase { field: f @ (Field::Outlet | Field::Author), terms } => {
                self.meta_scores(*f, &terms.join(" "), false)
            }
            Atom::Phrase { field, terms } => self.phrase_scores(*field, terms, used),
        }
    }

    /// Documents matching the query with their scores (no filters).
    pub fn matches(&self, query: &Query, highlight: &mut HashSet<u32>) -> Scores {
        let mut result: Option<Scores> = None;
        for group in &query.groups {
            let g: Scores = if let [atom] = group.as_slice() {
                // One alternative (the usual case): its scores are already
                // sorted by document.
                let mut g = self.atom_scores(atom, true, highlight);
                if !g.is_sorted_by_key(|e| e.0) {
                    g.sort_unstable_by_key(|e| e.0);
                }
                g
            } else {
                // OR: best alternative per doc.
                let mut acc: HashMap<u32, (f32, u8)> = HashMap::new();
                for atom in group {
                    for (d, s, t) in self.atom_scores(atom, true, highlight) {
                        let e = acc.entry(d).or_insert((s, t));
                        if (t, -s) < (e.1, -e.0) {
                            *e = (s, t);
                        }
                    }
                }
                let mut g: Scores = acc.into_iter().map(|(d, (s, t))| (d, s, t)).collect();
                g.sort_unstable_by_key(|e| e.0);
                g
            };
            result = Some(match result {
                None => g,
                Some(prev) => intersect(&prev, &g),
            });
            if result.as_ref().is_some_and(Vec::is_empty) {
                break;
            }
        }
        let mut out = result.unwrap_or_else(|| (0..self.index.len() as u32).map(|d| (d, 0.0, 0)).collect());
        if !query.excluded.is_empty() {
            let mut ignore = HashSet::new();
            let excluded: HashSet<u32> =
                query.excluded.iter().flat_map(|a| self.atom_scores(a, false, &mut ignore)).map(|e| e.0).collect();
            out.retain(|e| !excluded.contains(&e.0));
        }
        out
    }

    /// Runs a request: hits, facets and highlight terms.
    pub fn search(&self, req: &Request) -> Results {
        let mut query = parse(&req.query);
        if req.typing && !req.query.ends_with(char::is_whitespace) && !req.query.ends_with('"') {
            if let Some(Atom::Term { prefix, .. }) = query.groups.last_mut().and_then(|g| g.last_mut()) {
                *prefix = true;
            }
        }
        let mut used = HashSet::new();
        let matched = self.matches(&query, &mut used);
        let f = &req.filters;
        let slot = |doc: u32| self.group_slot(doc, f.by_source);
        let outlet_ok = |doc: u32| f.outlets.is_empty() || f.outlets.contains(&slot(doc));
        let date_ok = |doc: u32| {
            if f.from.is_none() && f.to.is_none() {
                return true;
            }
            match self.index.docs[doc as usize].day {
                Some(day) => f.from.is_none_or(|from| day >= from) && f.to.is_none_or(|to| day < to),
                None => false,
            }
        };
        let mut outlet_counts = vec![0u32; self.slots];
        for e in &matched {
            if date_ok(e.0) {
                outlet_counts[slot(e.0)] += 1;
            }
        }
        let histogram = histogram(
            self.axis.as_ref(),
            self.slots,
            matched.iter().filter(|e| outlet_ok(e.0)).map(|e| (self.index.docs[e.0 as usize].day, slot(e.0))),
        );
        let hits: Vec<Hit> = matched
            .into_iter()
            .filter(|e| outlet_ok(e.0) && date_ok(e.0))
            .map(|(doc, score, typos)| Hit { doc, score, typos })
            .collect();
        let sort = if query.is_empty() && req.sort == Sort::Relevance { Sort::Newest } else { req.sort };
        let hits = self.order(hits, sort);
        let mut highlight: Vec<String> = used.into_iter().map(|id| self.index.terms[id as usize].clone()).collect();
        highlight.sort();
        Results { hits, outlet_counts, histogram, highlight }
    }

    /// Sorts hits (given in document order) by `sort`:
    ///
    /// * relevance: fewest typos, best score, newest, corpus order;
    /// * newest / oldest: dated before undated, by day, best score, corpus
    ///   order.
    ///
    /// Each hit's whole order is packed into one `u128` (its index in the
    /// input in the low bits, which is corpus order since the input is), so
    /// the sort compares plain integers and never goes back to the
    /// documents; at 36k articles this is several times faster than a
    /// comparison closure.
    fn order(&self, hits: Vec<Hit>, sort: Sort) -> Vec<Hit> {
        // Scores are non-negative: their bits order like the floats.
        let score = |h: &Hit| u128::from(h.score.max(0.0).to_bits());
        // Days as order-preserving unsigned numbers; undated sorts last
        // in both date orders and after the oldest in relevance.
        let day = |h: &Hit| self.index.docs[h.doc as usize].day.map(|d| u128::from((d as u32) ^ 0x8000_0000));
        let keys = hits.iter().enumerate().map(|(i, h)| {
            let (hi, mid) = match sort {
                Sort::Relevance => (
                    u128::from(h.typos) << 33 | (u128::from(u32::MAX) - score(h)),
                    day(h).map_or(1 << 32, |d| u128::from(u32::MAX) - d),
                ),
                Sort::Newest => (day(h).map_or(1 << 32, |d| u128::from(u32::MAX) - d), u128::from(u32::MAX) - score(h)),
                Sort::Oldest => (day(h).unwrap_or(1 << 32), u128::from(u32::MAX) - score(h)),
            };
            // hi: up to 41 bits, mid: up to 33 bits, index: 32 bits.
            hi << 65 | mid << 32 | i as u128
        });
        let mut keys: Vec<u128> = keys.collect();
        keys.sort_unstable();
        keys.into_iter().map(|k| hits[(k & u128::from(u32::MAX)) as usize]).collect()
    }
}

/// The timeline axis of an index: buckets covering every dated article.
pub fn corpus_axis(index: &Index) -> Option<Axis> {
    Axis::new(index.docs.iter().filter_map(|d| d.day).map(|d| crate::model::Date::from_days_since_epoch(i64::from(d))))
}

/// The first index `>= from` of `list` (ascending by document) whose
/// document is `>= doc`: an exponential search from `from`, cheap when the
/// answer is near, as it is when walking two lists of similar length.
fn gallop(list: &[(u32, u32, u32)], from: usize, doc: u32) -> usize {
    let mut lo = from;
    let mut step = 1;
    let mut hi = from;
    while hi < list.len() && list[hi].0 < doc {
        lo = hi + 1;
        hi += step;
        step *= 2;
    }
    let hi = hi.min(list.len());
    lo + list[lo..hi].partition_point(|e| e.0 < doc)
}

fn intersect(a: &Scores, b: &Scores) -> Scores {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push((a[i].0, a[i].1 + b[j].1, a[i].2.saturating_add(b[j].2)));
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// A piece of text, highlighted or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fragment {
    /// The text (plain; the UI renders it as text, never as HTML).
    pub text: String,
    /// Whether it matched the query.
    pub hit: bool,
}

/// Splits `text` into fragments, marking tokens whose term is in `terms`.
/// Adjacent marked tokens separated only by spaces or hyphens merge into
/// one fragment, so a phrase is highlighted as a whole.
pub fn highlight(text: &str, terms: &HashSet<String>) -> Vec<Fragment> {
    let mut marks: Vec<std::ops::Range<usize>> = Vec::new();
    for t in tokenize(text) {
        if terms.contains(&t.term) {
            match marks.last_mut() {
                Some(last) if text[last.end..t.span.start].chars().all(|c| c == ' ' || c == '-') => {
                    last.end = t.span.end
                }
                _ => marks.push(t.span),
            }
        }
    }
    let mut out = Vec::new();
    let mut at = 0;
    for m in marks {
        if m.start > at {
            out.push(Fragment { text: text[at..m.start].to_string(), hit: false });
        }
        out.push(Fragment { text: text[m.clone()].to_string(), hit: true });
        at = m.end;
    }
    if at < text.len() {
        out.push(Fragment { text: text[at..].to_string(), hit: false });
    }
    out
}

/// The best passage of an article for a result list: the window of about
/// `words` words with the most distinct highlighted terms (then the most
/// occurrences), from the lead and body; the lead's start when nothing
/// matches. Cut points are marked with `…`. Paragraphs are scanned in order
/// and the scan stops at the first window holding every matched term.
pub fn snippet(article: &Article, terms: &HashSet<String>, words: usize) -> Vec<Fragment> {
    let words = words.max(1);
    // (distinct, count, paragraph, from token, to token)
    let mut best: Option<(usize, usize, &str, usize, usize)> = None;
    for text in article.texts() {
        // Token count and the hits (token index, term) of this paragraph.
        let mut n_toks = 0usize;
        let mut hits: Vec<(usize, String)> = Vec::new();
        for_each_token(text, |term, _, _| {
            if terms.contains(term) {
                hits.push((n_toks, term.to_string()));
            }
            n_toks += 1;
        });
        if n_toks == 0 {
            continue;
        }
        if best.is_none() {
            best = Some((0, 0, text, 0, words.min(n_toks)));
        }
        if terms.is_empty() {
            break;
        }
        // Windows starting at each hit (a few words of context before it).
        for k in 0..hits.len() {
            let from = hits[k].0.saturating_sub(4);
            let to = (from + words).min(n_toks);
            let inside: Vec<&str> = hits[k..].iter().take_while(|(i, _)| *i < to).map(|(_, t)| t.as_str()).collect();
            let distinct = inside.iter().collect::<HashSet<_>>().len();
            if best.is_none_or(|b| (distinct, inside.len()) > (b.0, b.1)) {
                best = Some((distinct, inside.len(), text, from, to));
            }
        }
        if best.is_some_and(|b| b.0 >= terms.len().min(4) && b.0 > 0) {
            break;
        }
    }
    let Some((_, _, text, from, to)) = best else { return vec![] };
    let toks = tokenize(text);
    let start_byte = if from == 0 { 0 } else { toks[from].span.start };
    let end_byte = if to >= toks.len() { text.len() } else { toks[to - 1].span.end };
    let mut frags = highlight(&text[start_byte..end_byte], terms);
    if start_byte > 0 {
        frags.insert(0, Fragment { text: "…".into(), hit: false });
    }
    if end_byte < text.len() {
        frags.push(Fragment { text: "…".into(), hit: false });
    }
    frags
}

#[cfg(test)]
mod tests {
    use super::gallop;

    /// Galloping from any start finds what a linear scan finds.
    #[test]
    fn gallop_equals_linear_scan() {
        let list: Vec<(u32, u32, u32)> =
            [1u32, 2, 5, 9, 10, 11, 30, 31, 64, 100, 101].iter().map(|&d| (d, 1, 0)).collect();
        for from in 0..=list.len() {
            for doc in 0..110 {
                let want = from + list[from..].iter().take_while(|e| e.0 < doc).count();
                assert_eq!(gallop(&list, from, doc), want, "from {from} doc {doc}");
            }
        }
    }
}
