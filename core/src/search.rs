//! Search: matching, ranking, facets and snippets.
//!
//! ## A query term and its variants
//! A query term stands for a set of dictionary terms, its *variants*. Each
//! variant has a class, and each class a weight:
//!
//! | class    | dictionary terms                                                   | weight |
//! |----------|--------------------------------------------------------------------|--------|
//! | exact    | the folded term itself                                             | 1.0    |
//! | stem     | other terms with the same stem in an article's language (`talks`: `talk`, `talked`; `переговоры`: `переговорах`) | 0.8    |
//! | translit | the same name in another script (`karabakh`: `карабах`, `ղարաբաղ`; see [`crate::index`]'s variant groups) | 0.7    |
//! | prefix   | completions, the [`MAX_COMPLETIONS`] most frequent                 | 0.6    |
//! | typo     | edit distance 1 (terms of 5-8 letters) or 2 (9+), same first letter | 0.5    |
//!
//! A dictionary term gets the closest class it qualifies for. Which classes
//! a query term draws on depends on how it is written:
//!
//! | written as                                     | variants                   |
//! |------------------------------------------------|----------------------------|
//! | `word`                                         | exact, stem, translit, typo |
//! | `word*`                                        | exact, prefix              |
//! | the last word while typing ([`Request::typing`]) | exact, stem and translit (if the word occurs in the corpus), prefix, typo |
//! | `-word`, `-word*` (exclusions)                 | exact and stem, exact and prefix |
//!
//! So a hit of `word*` always contains a word starting with `word`. The
//! word being typed finds what the finished word finds plus its
//! completions; but a word that occurs nowhere in the corpus is taken as
//! unfinished, and its stem siblings (`poly` for `poli`) are left out. Phrases match exact terms at consecutive positions, never
//! across a paragraph.
//!
//! ## Ranking: a query term is one term, with one IDF
//! If each variant were scored as a term of its own, with its own IDF, a
//! rare variant would outrank the word typed: at 37k articles none of the
//! first five hits for `political` contained "political"; they matched
//! `politeness` or `politic`, whose rarity made them look important. So,
//! as Lucene's weighted synonym query does, the variants of a query term
//! `t` are scored together, as one term, with BM25F (each field
//! normalised by its own length, then one saturation, so that a word in a
//! short title weighs the same however long the text below it is):
//!
//! ```text
//! ntf_f(v,d) = tf_f(v,d) / (1 - B + B · len_f(d) / avg_len_f)      f = text or title
//! tf(t,d)    = Σ over variants v: weight(v) · (ntf_text(v,d) + TITLE_WEIGHT · ntf_title(v,d))
//! df(t)      = number of documents matching t (some variant occurs, in the field asked)
//! idf(t)     = ln(1 + (N - df(t) + 0.5) / (df(t) + 0.5))
//! score(t,d) = idf(t) · tf (K1 + 1) / (tf + K1)
//! ```
//!
//! with `K1 = 1.2`, `B = 0.75`, `TITLE_WEIGHT = 3`; a title's length is
//! its number of tokens, a text's the positions after the title (lead and
//! body, paragraph gaps included), see [`field_norms`]. For `title:` only
//! title occurrences count. A phrase scores its occurrences the same way,
//! with the sum of its words' IDFs. AND sums the scores of its clauses; OR
//! keeps the best alternative.
//!
//! ## The word itself first, guaranteed
//! Weights cannot promise that the word typed ranks first: BM25 saturates,
//! so a variant repeated in a short text outscores the exact word said
//! once in a long one, whatever the weights. The order therefore has two
//! counts before the score. Results sort by
//!
//! 1. `typos`: query terms matched only through a typo variant, fewest first;
//! 2. `inexact`: query terms matched without their exact form (through a
//!    stem, another script's spelling, a completion or a typo variant
//!    only), fewest first;
//! 3. score, highest first; then newest; then corpus order.
//!
//! For a one-word query this means every article containing the word
//! itself ranks above every article that matches only a variant of it,
//! whether the match is in the title or the text. Variants still add to
//! the score of an article that has the word (`politics` counts, at 0.8,
//! in an article that says "political").
//!
//! Which spellings in other scripts matched is in [`Results::also`], so
//! the app can say "also matched: Карабах".
//!
//! ## Facets
//! Outlets group articles by publisher, or (with `Filters::by_source`) by
//! original source: a reprint counts under the outlet it is reprinted
//! from, any other article under its publisher. The outlet filter, the
//! counts and the histogram's stacks follow the grouping.
//! Every match is counted, whatever the order; each facet's counts apply
//! every filter but its own, so each entry shows what ticking it would add:
//! * outlet counts: matches of the query within the date and language
//!   filters,
//! * language counts: matches within the date and outlet filters,
//! * timeline histogram: matches within the outlet and language filters,
//!   counted on the searcher's axis (the app passes the zoomed axis of the
//!   selected range, so dates outside it are not counted; undated matches
//!   always are),
//! * hits: matches within every filter.
//!
//! ## Ranking only what is shown
//! [`Searcher::search`] orders every hit. [`Searcher::search_top`] orders
//! only the best `k` (a selection, then a sort of those `k`) and leaves
//! the other hits in corpus order; [`Searcher::rank_to`] extends the
//! ranked part later, when a longer list is shown. Counts, histogram and
//! the hit set are the same either way.
//!
//! Every match is still scored (a hit carries its score, so that
//! [`Searcher::rank_to`] can rank more later without searching again),
//! but a few of many are chosen with a bounded heap: each hit's order is
//! one integer, and in relevance order its top bits (typo and inexact
//! counts, score) are compared with those of the worst key kept; a hit
//! that is worse there is dropped without building its full key (which
//! reads the day). The others then move behind the chosen ones run by
//! run (one copy per run between two chosen hits), keeping corpus order.
//!
//! ## Where a single-term query's time goes
//! Measured with `perf` (`--profile profiling`, `bench_search --only
//! single --finished --top 10`, 40k generated articles): almost all of it
//! is per match or per posting, so the work is kept to few passes over
//! dense arrays: decoding the variants' lists and adding their weighted
//! term frequencies into per-document arrays (about half), one pass
//! turning those into scored hits, one counting the facets, one choosing
//! the top `k`. An OR (a long word is also looked for as the phrase of its
//! halves, `longtime` OR "long time", see [`split_words`]) merges its
//! alternatives' lists, which are in document order, pairwise: it used to
//! go through a hash map and a sort, and such words were the slowest
//! single terms.

use crate::index::Index;
use crate::query::{parse, Atom, Field, Query};
use crate::timeline::{Axis, Histogram};
use std::collections::HashSet;

mod compound;
mod passage;
mod score;
mod tally;

pub use compound::{joined_pairs, split_words, SPLIT_PART_CHARS};
pub use passage::{highlight, snippet, Fragment};
pub use score::Class;
use score::{intersect, Entry, Expand};
use tally::Tally;

/// BM25 term-frequency saturation.
pub const K1: f32 = 1.2;
/// BM25 length normalisation.
pub const B: f32 = 0.75;
/// A title occurrence counts this many text occurrences.
pub const TITLE_WEIGHT: f32 = 3.0;
/// Weight of the exact form's occurrences.
pub const EXACT_WEIGHT: f32 = 1.0;
/// Weight of a stem sibling's occurrences.
pub const STEM_WEIGHT: f32 = 0.8;
/// Weight of the occurrences of a spelling in another script.
pub const TRANSLIT_WEIGHT: f32 = 0.7;
/// Weight of a completion's occurrences.
pub const PREFIX_WEIGHT: f32 = 0.6;
/// Weight of a typo variant's occurrences.
pub const TYPO_WEIGHT: f32 = 0.5;
/// Completions considered for one prefix (the most frequent ones).
pub const MAX_COMPLETIONS: usize = 64;
/// Words shorter than this many characters get no typo variants.
pub const TYPO_MIN_CHARS: usize = 5;

/// A query finding fewer articles than this gets a "did you mean".
pub const SUGGEST_BELOW: usize = 5;

/// How many times more articles a suggested spelling must be found in.
pub const SUGGEST_RATIO: u32 = 3;

/// Result order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Fewest typos, fewest inexact terms, then BM25 score (newest first
    /// for the empty query).
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
    /// Language slots to keep (index in [`Index::languages`], or its
    /// length for unknown); empty keeps all.
    pub languages: Vec<usize>,
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
    /// The user is still typing the last word: it also matches its
    /// completions (unless the query ends with a space or a quote, or the
    /// last word is an exclusion).
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
    /// Number of query terms matched without their exact form (through a
    /// stem, completion or typo variant only; typos included).
    pub inexact: u8,
}

/// Everything the UI shows for one request.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Results {
    /// Every hit: `hits[..ranked]` in the result order, the rest in corpus
    /// order (see [`Searcher::rank_to`]).
    pub hits: Vec<Hit>,
    /// How many leading hits are in the result order.
    pub ranked: usize,
    /// The order applied (the empty query's relevance order is newest first).
    pub sort: Sort,
    /// Per outlet slot (last = unknown): matches within the date filter.
    pub outlet_counts: Vec<u32>,
    /// Matches within the outlet filter, on the searcher's axis.
    pub histogram: Histogram,
    /// Dictionary terms to highlight (the variants that matched).
    pub highlight: Vec<String>,
    /// Per language slot (last = unknown): matches within the date and
    /// outlet filters.
    pub language_counts: Vec<u32>,
    /// The spellings in other scripts that matched, per query word:
    /// `(word, spellings)`, for "also matched: карабах".
    pub also: Vec<(String, Vec<String>)>,
    /// "Did you mean": the query with misspelt words replaced, when it
    /// finds few articles (see [`Searcher::suggest`]).
    pub suggestion: Option<String>,
}

/// Results are compared as values (no score is NaN: BM25 of finite,
/// non-negative term frequencies). Being `Eq` lets `Rc<Results>` compare
/// by pointer first, so the app's props and memo keys holding the same
/// `Rc` never walk tens of thousands of hits.
impl Eq for Results {}

impl Results {
    /// The hits ranked so far, in order.
    pub fn ranked_hits(&self) -> &[Hit] {
        &self.hits[..self.ranked.min(self.hits.len())]
    }
}

/// Per document, the reciprocal BM25 length norms of its text and title,
/// `1 / (1 - B + B · len_f(d) / avg_len_f)`: the text is everything after
/// the title (its positions, paragraph gaps included), the title its
/// tokens. Averages are over all documents (at least 1).
pub fn field_norms(docs: &[crate::index::DocMeta]) -> Vec<[f32; 2]> {
    let text_len = |d: &crate::index::DocMeta| d.len.saturating_sub(d.title_len + crate::index::SEGMENT_GAP);
    let avg = |f: &dyn Fn(&crate::index::DocMeta) -> u32| {
        (docs.iter().map(|d| f64::from(f(d))).sum::<f64>() / docs.len().max(1) as f64).max(1.0) as f32
    };
    let (avg_text, avg_title) = (avg(&text_len), avg(&|d| d.title_len));
    let norm = |len: u32, avg: f32| 1.0 / (1.0 - B + B * len as f32 / avg);
    docs.iter().map(|d| [norm(text_len(d), avg_text), norm(d.title_len, avg_title)]).collect()
}

fn idf(n: usize, df: usize) -> f32 {
    (1.0 + (n as f32 - df as f32 + 0.5) / (df as f32 + 0.5)).ln()
}

/// The score of a term in a document from its length-normalised,
/// field-weighted term frequency `tf` (BM25F saturation).
fn saturate(tf: f32, idf: f32) -> f32 {
    if tf <= 0.0 {
        return 0.0;
    }
    idf * tf * (K1 + 1.0) / (tf + K1)
}

/// Presence of letters in a term as bits (`a`-`z`, other characters folded
/// onto six more bits). An edit changes at most two bits, so terms within
/// `k` edits differ in at most `2k` bits: a cheap test before the edit
/// distance, which never rejects a true neighbour (characters sharing a bit
/// can only hide differences).
pub fn letter_set(term: &str) -> u32 {
    term.chars().fold(0, |m, c| {
        m | 1
            << match c {
                'a'..='z' => c as u32 - 'a' as u32,
                _ => 26 + c as u32 % 6,
            }
    })
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
        self.index.columns()[doc as usize].slot as usize
    }

    /// Outlet slot of a document in a grouping: its publisher's, or with
    /// `by_source` the original source's when it is a reprint.
    pub fn group_slot(&self, doc: u32, by_source: bool) -> usize {
        let c = &self.index.columns()[doc as usize];
        (if by_source { c.source_slot } else { c.slot }) as usize
    }

    fn clause_entries(&self, atom: &Atom, expand: Expand, typos: bool, used: &mut HashSet<u32>) -> Vec<Entry> {
        match atom {
            Atom::Term { field: f @ (Field::Outlet | Field::Author), term, prefix } => {
                self.meta_entries(*f, std::slice::from_ref(term), *prefix)
            }
            Atom::Term { field, term, .. } => self.term_entries(*field, term, expand, typos, used),
            Atom::Phrase { field: f @ (Field::Outlet | Field::Author), terms } => self.meta_entries(*f, terms, false),
            Atom::Phrase { field, terms } => self.phrase_entries(*field, terms, used),
        }
    }

    /// The posting lists a search for `req` reads, `(term id, whether its
    /// positions are read too)`: every variant of every word, the lists a
    /// phrase is read from ([`Index::phrase_plan`]: its words, or pairs of
    /// them), exclusions; and the ids of the pair lists read (in
    /// [`Index::pairs`]). The split layout fetches these before it
    /// searches (`crate::split::SplitStore::missing`); a list read by a
    /// clause that an empty intersection skips is listed all the same.
    pub fn lists_read(&self, req: &Request) -> (Vec<(u32, bool)>, Vec<u32>) {
        let query = self.with_joined_pairs(parse(&req.query));
        let typing = typing_of(req, &query);
        let mut out = Vec::new();
        let mut pairs = Vec::new();
        let mut visit = |atom: &Atom, expand: Expand, typos: bool| match atom {
            Atom::Term { field: Field::Outlet | Field::Author, .. }
            | Atom::Phrase { field: Field::Outlet | Field::Author, .. } => {}
            Atom::Term { term, .. } => {
                out.extend(self.variants(term, expand, typos).into_iter().map(|(id, _)| (id, false)))
            }
            Atom::Phrase { terms, .. } => {
                for unit in self.index.phrase_plan(terms).map(|p| p.units).unwrap_or_default() {
                    if unit.pair {
                        pairs.push(unit.id);
                    } else {
                        out.push((unit.id, true));
                    }
                }
            }
        };
        for (g, group) in query.groups.iter().enumerate() {
            for (a, atom) in group.iter().enumerate() {
                visit(atom, expansion(atom, typing == Some((g, a))), true);
            }
        }
        for atom in &query.excluded {
            visit(atom, expansion(atom, false), false);
        }
        out.sort_unstable();
        out.dedup();
        pairs.sort_unstable();
        pairs.dedup();
        (out, pairs)
    }

    /// Documents matching the query with their scores, in document order
    /// (no filters). `typing` is the (group, alternative) of the word being
    /// typed.
    fn matches(&self, query: &Query, typing: Option<(usize, usize)>, used: &mut HashSet<u32>) -> Vec<Entry> {
        let expand = |g: usize, a: usize, atom: &Atom| expansion(atom, typing == Some((g, a)));
        let mut result: Option<Vec<Entry>> = None;
        for (g, group) in query.groups.iter().enumerate() {
            let entries = if let [atom] = group.as_slice() {
                // One alternative (the usual case): already in document order.
                self.clause_entries(atom, expand(g, 0, atom), true, used)
            } else {
                // OR: the best alternative per document. Each alternative's
                // entries are in document order, so merging them in turn
                // keeps that order (no hashing, no sort).
                let mut best: Vec<Entry> = Vec::new();
                for (a, atom) in group.iter().enumerate() {
                    best = merge_best(&best, &self.clause_entries(atom, expand(g, a, atom), true, used));
                }
                best
            };
            result = Some(match result {
                None => entries,
                Some(prev) => intersect(&prev, &entries),
            });
            if result.as_ref().is_some_and(Vec::is_empty) {
                break;
            }
        }
        let mut out = result.unwrap_or_else(|| {
            (0..self.index.len() as u32).map(|doc| Entry { doc, score: 0.0, typos: 0, inexact: 0 }).collect()
        });
        if !query.excluded.is_empty() {
            let mut ignore = HashSet::new();
            let excluded: HashSet<u32> = query
                .excluded
                .iter()
                .flat_map(|a| self.clause_entries(a, expansion(a, false), false, &mut ignore))
                .map(|e| e.doc)
                .collect();
            out.retain(|e| !excluded.contains(&e.doc));
        }
        out
    }

    /// Runs a request: every hit in order, facets and highlight terms.
    pub fn search(&self, req: &Request) -> Results {
        self.search_top(req, usize::MAX)
    }

    /// Runs a request ranking only the best `k` hits: `hits[..k]` are in
    /// the result order and the other hits follow in corpus order. Facets
    /// and the hit set are exactly those of [`Searcher::search`].
    pub fn search_top(&self, req: &Request, k: usize) -> Results {
        let query = self.with_joined_pairs(parse(&req.query));
        let typing = typing_of(req, &query);
        let mut used = HashSet::new();
        let matched = self.matches(&query, typing, &mut used);
        let (outlet_counts, language_counts, histogram, hits) = self.facets(matched, &req.filters);
        let sort = if query.is_empty() && req.sort == Sort::Relevance { Sort::Newest } else { req.sort };
        let also = self.also_matched(&query, typing, &used);
        let mut highlight: Vec<String> = used.into_iter().map(|id| self.index.terms[id as usize].clone()).collect();
        highlight.sort();
        let suggestion = self.suggest(req, &query, hits.len());
        let mut results =
            Results { hits, ranked: 0, sort, outlet_counts, histogram, highlight, language_counts, also, suggestion };
        self.rank_to(&mut results, k);
        results
    }

    /// "Did you mean": when a query finds fewer than [`SUGGEST_BELOW`]
    /// articles, each plain word of it (not quoted, not a prefix, not
    /// negated, no field) that has a spelling one or two letters away (the
    /// typo neighbours the search itself reads) found in at least
    /// [`SUGGEST_RATIO`] times as many articles, and in two or more, is
    /// replaced by the most frequent such spelling. `None` when nothing is
    /// replaced.
    pub fn suggest(&self, req: &Request, query: &Query, hits: usize) -> Option<String> {
        if hits >= SUGGEST_BELOW {
            return None;
        }
        let ix = self.index;
        let better = |term: &str| -> Option<String> {
            let own = ix.term_id(term).map_or(0, |id| ix.df[id as usize]);
            self.variants(term, Expand::Word, true)
                .into_iter()
                .filter(|&(_, class)| class == Class::Typo)
                .map(|(id, _)| (ix.df[id as usize], id))
                .filter(|&(df, _)| df >= 2 && df >= SUGGEST_RATIO * own.max(1))
                .max_by_key(|&(df, id)| (df, std::cmp::Reverse(id)))
                .map(|(_, id)| ix.terms[id as usize].clone())
        };
        let plain: HashSet<&str> = query
            .groups
            .iter()
            .flatten()
            .filter_map(|a| match a {
                Atom::Term { field: Field::Any, term, prefix: false } => Some(term.as_str()),
                _ => None,
            })
            .collect();
        let mut changed = false;
        let mut in_quotes = false;
        let words: Vec<String> = req
            .query
            .split_whitespace()
            .map(|w| {
                // Words of a quoted phrase stay as they are.
                let quoted = in_quotes || w.contains('"');
                if w.matches('"').count() % 2 == 1 {
                    in_quotes = !in_quotes;
                }
                let term = match crate::text::terms(w).as_slice() {
                    [t] if !quoted && !w.starts_with('-') && !w.contains(':') && !w.ends_with('*') => t.clone(),
                    _ => return w.to_string(),
                };
                match plain.contains(term.as_str()).then(|| better(&term)).flatten() {
                    Some(b) => {
                        changed = true;
                        b
                    }
                    None => w.to_string(),
                }
            })
            .collect();
        changed.then(|| words.join(" "))
    }

    /// The spellings in other scripts that matched (see [`Results::also`]):
    /// the translit variants of the query's words that are among `used`.
    fn also_matched(
        &self,
        query: &Query,
        typing: Option<(usize, usize)>,
        used: &HashSet<u32>,
    ) -> Vec<(String, Vec<String>)> {
        let mut out = Vec::new();
        for (g, group) in query.groups.iter().enumerate() {
            for (a, atom) in group.iter().enumerate() {
                let Atom::Term { field: Field::Any | Field::Title, term, .. } = atom else { continue };
                if expansion(atom, typing == Some((g, a))) == Expand::Prefix {
                    continue;
                }
                let names: Vec<String> = self
                    .index
                    .variant_groups(term)
                    .1
                    .into_iter()
                    .filter(|id| used.contains(id))
                    .map(|id| self.index.terms[id as usize].clone())
                    .collect();
                if !names.is_empty() && !out.iter().any(|(t, _): &(String, Vec<String>)| t == term) {
                    out.push((term.clone(), names));
                }
            }
        }
        out
    }

    /// Counts the matches (see "Facets" in the module docs) and keeps the
    /// hits, in corpus order. One pass over the matches, reading only the
    /// packed document columns; a day finds its timeline bucket in a table
    /// (a binary search when the axis spans more than 2^16 days).
    fn facets(&self, matched: Vec<Entry>, f: &Filters) -> (Vec<u32>, Vec<u32>, Histogram, Vec<Hit>) {
        let cols = self.index.columns();
        let mut outlet_ok = vec![f.outlets.is_empty(); self.slots];
        for &o in &f.outlets {
            if let Some(ok) = outlet_ok.get_mut(o) {
                *ok = true;
            }
        }
        let n_languages = self.index.languages.len() + 1;
        let mut language_ok = vec![f.languages.is_empty(); n_languages];
        for &l in &f.languages {
            if let Some(ok) = language_ok.get_mut(l) {
                *ok = true;
            }
        }
        let mut language_counts = vec![0u32; n_languages];
        let ranged = f.from.is_some() || f.to.is_some();
        let date_ok = |day: Option<i32>| match day {
            _ if !ranged => true,
            Some(day) => f.from.is_none_or(|from| day >= from) && f.to.is_none_or(|to| day < to),
            None => false,
        };
        let mut timeline = Tally::new(self.axis.as_ref(), self.slots);
        let mut outlet_counts = vec![0u32; self.slots];
        let slot_of = |col: &crate::index::DocColumn| {
            (if f.by_source { col.source_slot } else { col.slot } as usize).min(self.slots - 1)
        };
        let mut hits = matched;
        if !ranged && f.outlets.is_empty() && f.languages.is_empty() {
            // No filter (the usual case while typing): every match counts
            // everywhere and stays a hit; no test per match, no copying.
            for e in &hits {
                let col = &cols[e.doc as usize];
                let slot = slot_of(col);
                outlet_counts[slot] += 1;
                language_counts[(col.language as usize).min(n_languages - 1)] += 1;
                timeline.add(col.day, slot);
            }
            return (outlet_counts, language_counts, timeline.histogram(), hits);
        }
        hits.retain(|e| {
            let col = &cols[e.doc as usize];
            let slot = slot_of(col);
            let in_range = date_ok(col.day);
            let language = (col.language as usize).min(n_languages - 1);
            let language_in = language_ok[language];
            if in_range && language_in {
                outlet_counts[slot] += 1;
            }
            if in_range && outlet_ok[slot] {
                language_counts[language] += 1;
            }
            if !language_in {
                return false;
            }
            if outlet_ok[slot] {
                timeline.add(col.day, slot);
            }
            outlet_ok[slot] && in_range
        });
        (outlet_counts, language_counts, timeline.histogram(), hits)
    }

    /// Extends the ranked part of `results` to its first `n` hits (or all
    /// of them): the best of the unranked hits are selected, sorted and
    /// appended to the ranked part; the others stay in corpus order.
    pub fn rank_to(&self, results: &mut Results, n: usize) {
        let n = n.min(results.hits.len());
        if n <= results.ranked {
            return;
        }
        let sort = results.sort;
        let rest = &mut results.hits[results.ranked..];
        let take = n - results.ranked;
        // Each hit's whole order packed into one integer, its index in
        // `rest` in the low bits: comparisons are of plain integers and
        // never go back to the documents. `rest` is in corpus order, so the
        // index breaks ties in corpus order.
        let key = |i: usize, h: &Hit| self.key(h, sort) << 32 | i as u128;
        let mut keys: Vec<u128> = if take * 16 < rest.len() {
            // A few of many (the visible page): keep the best `take` in a
            // heap; most hits only cost a comparison with its worst.
            let mut heap = std::collections::BinaryHeap::with_capacity(take + 1);
            // In relevance order, the typo and inexact counts and the score
            // (the key's top bits) decide most comparisons without the day:
            // once the heap is full, a hit whose top bits are worse than
            // those of the worst kept key (`bound`) cannot enter it.
            let top_bits = |h: &Hit| (u64::from(h.typos) << 8 | u64::from(h.inexact)) << 32 | Self::worse(h);
            let mut bound = u64::MAX;
            for (i, h) in rest.iter().enumerate() {
                if sort == Sort::Relevance && top_bits(h) > bound {
                    continue;
                }
                let k = key(i, h);
                if heap.len() < take {
                    heap.push(k);
                } else if heap.peek().is_some_and(|&worst| k < worst) {
                    heap.pop();
                    heap.push(k);
                } else {
                    continue;
                }
                if heap.len() == take {
                    bound = heap.peek().map_or(u64::MAX, |&w| (w >> (33 + 32)) as u64);
                }
            }
            heap.into_vec()
        } else {
            let mut keys: Vec<u128> = rest.iter().enumerate().map(|(i, h)| key(i, h)).collect();
            if take < keys.len() {
                keys.select_nth_unstable(take - 1);
                keys.truncate(take);
            }
            keys
        };
        keys.sort_unstable();
        let index = |k: &u128| (k & u128::from(u32::MAX)) as usize;
        let top: Vec<Hit> = keys.iter().map(|k| rest[index(k)]).collect();
        if take < rest.len() {
            // Move the others to the end, keeping their order: the runs
            // between chosen hits, last run first, each in one copy. A run
            // only moves right, past hits already read.
            let mut chosen: Vec<usize> = keys.iter().map(index).collect();
            chosen.sort_unstable();
            let (mut write, mut end) = (rest.len(), rest.len());
            for start in chosen.iter().rev().map(|&c| c + 1).chain([0]) {
                write -= end - start;
                rest.copy_within(start..end, write);
                end = start.saturating_sub(1);
            }
        }
        rest[..take].copy_from_slice(&top);
        results.ranked = n;
    }

    /// A hit's score as an integer that grows as the score falls (scores
    /// are non-negative: their bits order like the floats).
    fn worse(h: &Hit) -> u64 {
        u64::from(u32::MAX - h.score.max(0.0).to_bits())
    }

    /// The order of a hit as an integer (up to 81 bits; smaller first):
    ///
    /// * relevance: fewest typos, fewest inexact terms, best score, newest
    ///   (undated after the oldest);
    /// * newest / oldest: dated before undated, by day, best score.
    fn key(&self, h: &Hit, sort: Sort) -> u128 {
        let worse = u128::from(Self::worse(h));
        // Days as order-preserving unsigned numbers; undated is 2^32.
        let day = self.index.columns()[h.doc as usize].day.map(|d| u128::from((d as u32) ^ 0x8000_0000));
        let older = day.map_or(1 << 32, |d| u128::from(u32::MAX) - d);
        match sort {
            Sort::Relevance => (u128::from(h.typos) << 8 | u128::from(h.inexact)) << 65 | worse << 33 | older,
            Sort::Newest => older << 32 | worse,
            Sort::Oldest => day.unwrap_or(1 << 32) << 32 | worse,
        }
    }
}

/// The union of two lists of entries in document order, in document
/// order: a document in both keeps `a`'s entry unless `b`'s is better
/// ([`Hit::better_than`]). Folding the alternatives of an OR through it in
/// turn keeps, per document, the first of its best entries.
fn merge_best(a: &[Entry], b: &[Entry]) -> Vec<Entry> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(a.len().max(b.len()));
    while i < a.len() && j < b.len() {
        match a[i].doc.cmp(&b[j].doc) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push(if b[j].better_than(&a[i]) { b[j] } else { a[i] });
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// The word being typed ([`Request::typing`]): the last alternative of the
/// last group, as (group, alternative), unless the query ends with a space
/// or a quote or with an exclusion.
pub fn typing_of(req: &Request, query: &Query) -> Option<(usize, usize)> {
    let last_word = req.query.split_whitespace().next_back().unwrap_or("");
    (req.typing
        && !req.query.ends_with(char::is_whitespace)
        && !req.query.ends_with('"')
        && !last_word.starts_with('-'))
    .then(|| query.groups.len().checked_sub(1).map(|g| (g, query.groups[g].len().saturating_sub(1))))
    .flatten()
}

/// How a query term draws on the dictionary (the module docs' second
/// table): `word*` completions only, the word being typed everything, a
/// finished word its exact form, stem siblings and typos.
fn expansion(atom: &Atom, typing: bool) -> Expand {
    match atom {
        Atom::Term { prefix: true, .. } => Expand::Prefix,
        _ if typing => Expand::Typing,
        _ => Expand::Word,
    }
}

/// Which parts of the dictionary a query term can reach, for the split
/// layout's planner: `(prefix range, stem siblings, typos)`.
pub fn reach(atom: &Atom, typing: bool) -> (bool, bool, bool) {
    let typo_len = matches!(atom, Atom::Term { term, .. } if term.chars().count() >= TYPO_MIN_CHARS);
    match expansion(atom, typing) {
        Expand::Prefix => (true, false, false),
        Expand::Typing => (true, true, typo_len),
        Expand::Word => (false, true, typo_len),
    }
}

/// The timeline axis of an index: buckets covering every dated article.
pub fn corpus_axis(index: &Index) -> Option<Axis> {
    Axis::new(index.docs.iter().filter_map(|d| d.day).map(|d| crate::model::Date::from_days_since_epoch(i64::from(d))))
}

#[cfg(test)]
mod tests {
    use super::{merge_best, Entry};
    use proptest::prelude::*;

    proptest! {
        /// Merging the alternatives of an OR in turn keeps, per document,
        /// what the per-document map it replaced kept: the first entry
        /// unless a later one is better (ties on every field included).
        #[test]
        fn merging_alternatives_equals_best_per_document(
            alternatives in prop::collection::vec(
                prop::collection::btree_map(0..40u32, (0..3u8, 0..3u8, 0..4u8), 0..30),
                1..5,
            ),
        ) {
            let lists: Vec<Vec<Entry>> = alternatives
                .iter()
                .map(|m| {
                    m.iter()
                        .map(|(&doc, &(typos, inexact, score))| Entry {
                            doc,
                            score: f32::from(score),
                            typos: typos.min(inexact),
                            inexact,
                        })
                        .collect()
                })
                .collect();
            let mut want: std::collections::BTreeMap<u32, Entry> = std::collections::BTreeMap::new();
            for list in &lists {
                for &e in list {
                    let slot = want.entry(e.doc).or_insert(e);
                    if e.better_than(slot) {
                        *slot = e;
                    }
                }
            }
            let got = lists.iter().fold(Vec::new(), |acc, l| merge_best(&acc, l));
            prop_assert_eq!(got, want.into_values().collect::<Vec<_>>());
        }
    }
}
