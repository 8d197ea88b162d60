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
//! body, paragraph gaps included), see [`field_norms`]. As in Lucene, the
//! document's length is kept in one byte ([`crate::norm`]: exact below 32
//! positions, else rounded down by less than a ninth), and the text's
//! `len_f` is that decoded length less the title and its gap; `avg_len_f`
//! averages the same lengths over all documents. For `title:` only
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
//! [`Results::docs`] holds every hit's document, in corpus order: the
//! whole match set within the filters, which the counts, the timeline,
//! the events lane and exports need exactly. [`Results::hits`] holds only
//! the ranked hits, with their scores: [`Searcher::search`] ranks them
//! all, [`Searcher::search_top`] the best `k` (a bounded heap, or a
//! selection then a sort of those `k`). [`Searcher::rank_to`] ranks more
//! later (when a longer list is shown or exported) by running the request
//! again and choosing among its hits (those of `docs`), so that the
//! results need not carry a score for every hit. Counts, histogram and
//! the hit set are the same either way, and the ranked hits are always a
//! prefix of the full order.
//!
//! A few of many are chosen with a bounded heap: each hit's order is one
//! integer, and in relevance order its top bits (typo and inexact counts,
//! score) are compared with those of the worst key kept; a hit that is
//! worse there is dropped without building its full key (which reads the
//! day).
//!
//! ## Where a single-term query's time goes
//! Measured with `perf` (40k articles, `bench/peers` latency queries, word
//! finished, top 10): almost all of it is per match or per posting, and
//! most of that is waiting for memory, so the work is kept to few passes
//! over dense arrays, each as small as it can be: decoding the variants'
//! lists and adding their weighted term frequencies into per-document
//! arrays (about 40%: the lists, the text norms of [`Index::text_norms`]
//! at 4 bytes a document, and the accumulators), one pass turning those
//! into scored hits (the documents matched found 64 at a time as bit
//! masks, not tested one by one: a mispredicted branch per document was
//! a quarter of a frequent word's time), one counting the facets (from the 8-byte packed
//! columns, [`Index::packed_columns`], into four copies of every count
//! so that neighbouring matches do not wait on one counter), one choosing
//! the top `k`. An OR (a
//! long word is also looked for as the phrase of its halves, `longtime` OR
//! "long time", see [`split_words`]) merges its alternatives' lists, which
//! are in document order, pairwise; the phrase alternative is what makes
//! such words the slowest single terms.
//!
//! Fusing the passes into one (counting each match as its frequency is
//! read, and scoring only the matches that can still enter the top `k`,
//! MaxScore-style: a match whose term frequency is below the one that
//! reaches the `k`-th score cannot enter) was measured and was slower on
//! the frequent words that make the 95th percentile (5-15%): with every
//! match still counted, scoring is a small part of a pass, and one loop
//! doing everything waits on memory more than simple streaming loops.

use crate::index::Index;
use crate::query::{parse, Atom, Field, Query};
use crate::timeline::{Axis, Histogram};
use std::collections::HashSet;

mod compound;
mod passage;
mod score;
mod stored;
mod tally;
mod top;

pub use compound::{cuts, joined_pairs, split_words, SPLIT_PART_CHARS};
pub use passage::{highlight, snippet, Fragment, Marks, PARAGRAPH_MARK};
pub use score::Class;
use score::{intersect, Entry, Expand};
pub use stored::{stored_key, Stored};
use tally::Counts;
pub(crate) use tally::TotalsCache;

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

/// The edit distance a typo of a word of `n` characters may be at: 1 for
/// 5-8 characters, 2 from 9.
pub fn typo_distance(n: usize) -> usize {
    if n >= 9 {
        2
    } else {
        1
    }
}

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

impl Filters {
    /// Whether any filter narrows the matches (`by_source` alone only
    /// regroups them).
    pub fn narrows(&self) -> bool {
        !self.outlets.is_empty() || !self.languages.is_empty() || self.from.is_some() || self.to.is_some()
    }
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
    /// The best hits, in the result order: its first `hits.len()` (see
    /// [`Searcher::rank_to`]); `hits.len()` is at most `docs.len()`.
    pub hits: Vec<Hit>,
    /// Every hit's document, in corpus order: the whole match set within
    /// the filters (what the counts, the events lane and exports read).
    pub docs: Vec<u32>,
    /// The order applied (the empty query's relevance order is newest first).
    pub sort: Sort,
    /// Per outlet slot (last = unknown): matches within the date filter.
    pub outlet_counts: Vec<u32>,
    /// Matches within the outlet filter, on the searcher's axis.
    pub histogram: Histogram,
    /// Dictionary terms to highlight wherever they occur (the variants
    /// that matched a word of the query), sorted.
    pub highlight: Vec<String>,
    /// Phrases that matched (their terms in order), sorted: highlighted
    /// only where their words stand together ([`Marks`]).
    pub phrases: Vec<Vec<String>>,
    /// Per language slot (last = unknown): matches within the date and
    /// outlet filters.
    pub language_counts: Vec<u32>,
    /// The spellings in other scripts that matched, per query word:
    /// `(word, spellings)`, for "also matched: карабах".
    pub also: Vec<(String, Vec<String>)>,
    /// "Did you mean": the query with misspelt words replaced, when it
    /// finds few articles (see [`Searcher::suggest`]).
    pub suggestion: Option<String>,
    /// The request answered: [`Searcher::rank_to`] runs it again to rank
    /// more hits.
    pub request: Request,
}

/// Results are compared as values (no score is NaN: BM25 of finite,
/// non-negative term frequencies). Being `Eq` lets `Rc<Results>` compare
/// by pointer first, so the app's props and memo keys holding the same
/// `Rc` never walk tens of thousands of hits.
impl Eq for Results {}

impl Results {
    /// Number of hits (ranked or not).
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when nothing matched.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// How many hits are ranked (`hits.len()`).
    pub fn ranked(&self) -> usize {
        self.hits.len()
    }

    /// Whether every hit is ranked.
    pub fn fully_ranked(&self) -> bool {
        self.hits.len() >= self.docs.len()
    }
}

/// Per document, the reciprocal BM25 length norms of its text and title,
/// `1 / (1 - B + B · len_f(d) / avg_len_f)`: the text is everything after
/// the title (its positions, paragraph gaps included): the document's
/// decoded length ([`crate::index::DocMeta::doc_len`]) less the title and
/// its gap, at least 0; the title is its tokens (exact). Averages are over
/// all documents of these same lengths (at least 1): decoded, not exact,
/// so that both layouts compute them from what they hold, and a length
/// rounded down is compared with an average rounded down alike.
pub fn field_norms(docs: &[crate::index::DocMeta]) -> Vec<[f32; 2]> {
    let text_len = |d: &crate::index::DocMeta| d.doc_len().saturating_sub(d.title_len + crate::index::SEGMENT_GAP);
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

/// What a search matched, for highlighting: the dictionary terms a
/// query word matched (its variants included) and the phrases found.
#[derive(Debug, Default)]
struct Used {
    terms: HashSet<u32>,
    phrases: Vec<Vec<String>>,
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

    fn clause_entries(&self, atom: &Atom, expand: Expand, typos: bool, used: &mut Used) -> Vec<Entry> {
        match atom {
            Atom::Term { field: f @ (Field::Outlet | Field::Author), term, prefix } => {
                self.meta_entries(*f, std::slice::from_ref(term), *prefix)
            }
            Atom::Term { field, term, .. } => self.term_entries(*field, term, expand, typos, &mut used.terms),
            Atom::Phrase { field: f @ (Field::Outlet | Field::Author), terms } => self.meta_entries(*f, terms, false),
            Atom::Phrase { field, terms } => {
                let out = self.phrase_entries(*field, terms);
                if !out.is_empty() && !used.phrases.contains(terms) {
                    used.phrases.push(terms.clone());
                }
                out
            }
        }
    }

    /// The posting lists a search for `req` reads, `(term id, whether its
    /// positions are read too)`: every variant of every word, the lists a
    /// phrase is read from ([`Index::phrase_plan`]: its words, or pairs of
    /// them; a pair's lists are in its dictionary entry, so only its words
    /// are listed), exclusions. The split layout fetches these before it
    /// searches (`crate::split::SplitStore::missing`); a list read by a
    /// clause that an empty intersection skips is listed all the same.
    pub fn lists_read(&self, req: &Request) -> Vec<(u32, bool)> {
        let query = self.with_joined_pairs(parse(&req.query));
        let typing = typing_of(req, &query);
        let mut out = Vec::new();
        let mut visit = |atom: &Atom, expand: Expand, typos: bool| match atom {
            Atom::Term { field: Field::Outlet | Field::Author, .. }
            | Atom::Phrase { field: Field::Outlet | Field::Author, .. } => {}
            Atom::Term { term, .. } => {
                out.extend(self.variants(term, expand, typos).into_iter().map(|(id, _)| (id, false)))
            }
            Atom::Phrase { terms, .. } => {
                let units = self.index.phrase_plan(terms).map(|p| p.units).unwrap_or_default();
                out.extend(units.into_iter().filter(|u| !u.pair).map(|u| (u.id, true)));
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
        out
    }

    /// Documents matching the query with their scores, in document order
    /// (no filters). `typing` is the (group, alternative) of the word being
    /// typed.
    fn matches(&self, query: &Query, typing: Option<(usize, usize)>, used: &mut Used) -> Vec<Entry> {
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
            let mut ignore = Used::default();
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

    /// Runs a request ranking only the best `k` hits: `hits` are the first
    /// `k` of the result order, `docs` every hit. Facets and the hit set
    /// are exactly those of [`Searcher::search`], and so are the `k` hits
    /// (see "Ranking only what is shown" in the module docs).
    pub fn search_top(&self, req: &Request, k: usize) -> Results {
        let query = self.with_joined_pairs(parse(&req.query));
        let typing = typing_of(req, &query);
        let sort = if query.is_empty() && req.sort == Sort::Relevance { Sort::Newest } else { req.sort };
        let mut used = Used::default();
        let mut counts = Counts::new(self.index, self.axis.as_ref(), self.slots, &req.filters);
        let matched = self.matches(&query, typing, &mut used);
        let hits: Vec<Hit> = if counts.begin_left_out(self.index, self.axis.as_ref(), matched.len()) {
            matched.into_iter().filter(|e| counts.skip_to(e.doc)).collect()
        } else {
            matched.into_iter().filter(|e| counts.add(e.doc)).collect()
        };
        let docs: Vec<u32> = hits.iter().map(|h| h.doc).collect();
        let hits = top::best(self, &hits, k, sort);
        let (outlet_counts, language_counts, histogram) = counts.finish();
        let also = self.also_matched(&query, typing, &used.terms);
        let mut highlight: Vec<String> =
            used.terms.into_iter().map(|id| self.index.terms[id as usize].clone()).collect();
        highlight.sort();
        let mut phrases = used.phrases;
        phrases.sort();
        let suggestion = self.suggest(req, &query, docs.len());
        Results {
            hits,
            docs,
            sort,
            outlet_counts,
            histogram,
            highlight,
            phrases,
            language_counts,
            also,
            suggestion,
            request: req.clone(),
        }
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

    /// Extends the ranked hits of `results` to the first `n` of the result
    /// order (or all of them). The request is run again and every hit
    /// scored (what [`Searcher::search_top`] skipped); the hits are those
    /// of `results.docs`, so the index must hold the lists it was searched
    /// with (the split layout only ever adds lists).
    pub fn rank_to(&self, results: &mut Results, n: usize) {
        let n = n.min(results.docs.len());
        if n <= results.hits.len() {
            return;
        }
        let query = self.with_joined_pairs(parse(&results.request.query));
        let typing = typing_of(&results.request, &query);
        let matched = self.matches(&query, typing, &mut Used::default());
        // The matches within the filters: those in `docs` (both ascending).
        let docs = &results.docs;
        let mut at = 0;
        let hits: Vec<Hit> = matched
            .into_iter()
            .filter(|e| {
                while docs.get(at).is_some_and(|&d| d < e.doc) {
                    at += 1;
                }
                docs.get(at) == Some(&e.doc)
            })
            .collect();
        results.hits = top::best(self, &hits, n, results.sort);
    }

    /// A hit's score as an integer that grows as the score falls (scores
    /// are non-negative: their bits order like the floats).
    fn worse(h: &Hit) -> u64 {
        u64::from(u32::MAX - h.score.max(0.0).to_bits())
    }

    /// A document's day as the order keys use it, `(oldest first, newest
    /// first)`: an order-preserving unsigned number (undated is 2^32 in
    /// both, after every dated day).
    fn day_keys(&self, doc: u32) -> (u64, u64) {
        // The packed column when there is one: the counts have just read
        // it, and it is less than half the size.
        let day = match self.index.packed_columns() {
            Some(packed) => packed[doc as usize].day(),
            None => self.index.columns()[doc as usize].day,
        };
        match day {
            Some(d) => {
                let day = u64::from((d as u32) ^ 0x8000_0000);
                (day, u64::from(u32::MAX) - day)
            }
            None => (1 << 32, 1 << 32),
        }
    }

    /// The order of a hit as an integer (up to 81 bits; smaller first):
    ///
    /// * relevance: fewest typos, fewest inexact terms, best score, newest
    ///   (undated after the oldest);
    /// * newest / oldest: dated before undated, by day, best score.
    fn key(&self, h: &Hit, sort: Sort) -> u128 {
        let worse = u128::from(Self::worse(h));
        let (day, older) = self.day_keys(h.doc);
        match sort {
            Sort::Relevance => u128::from(Self::counts_key(h.typos, h.inexact)) << 65 | worse << 33 | u128::from(older),
            Sort::Newest => u128::from(older) << 32 | worse,
            Sort::Oldest => u128::from(day) << 32 | worse,
        }
    }

    /// The typo and inexact counts as the relevance key's top bits.
    fn counts_key(typos: u8, inexact: u8) -> u64 {
        u64::from(typos) << 8 | u64::from(inexact)
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
