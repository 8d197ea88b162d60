//! Search behaviour on the shared fixture corpus, and a property test of
//! the index against a brute-force scan.

mod common;

use common::{corpus_of, fixture};
use dateline_core::index::{segments, Index};
use dateline_core::model::Corpus;
use dateline_core::query::{parse, Atom, Field};
use dateline_core::search::{highlight, snippet, Filters, Marks, Request, Searcher, Sort};
use dateline_core::text::{edit_distance_within, stem, tokenize};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

fn ids(corpus: &Corpus, query: &str) -> Vec<String> {
    ids_with(corpus, &Request { query: query.into(), ..Request::default() })
}

/// The ids of [`ids`] as a set, for tests that do not check the order.
fn id_set(corpus: &Corpus, query: &str) -> BTreeSet<String> {
    ids(corpus, query).into_iter().collect()
}

fn ids_with(corpus: &Corpus, req: &Request) -> Vec<String> {
    let index = Index::build(corpus);
    Searcher::new(&index).search(req).hits.iter().map(|h| corpus.articles[h.doc as usize].id.clone()).collect()
}

/// An undated row of outlet `alpha`, without author, for [`corpus_of`].
type Row = (String, Option<String>, Option<(i32, u8, u8)>, Option<String>, String, String);

fn row(id: &str, title: &str, text: &str) -> Row {
    (id.to_string(), Some("alpha".to_string()), None, None, title.to_string(), text.to_string())
}

fn set(v: &[&str]) -> BTreeSet<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn query_language_table() {
    let c = fixture();
    let cases: &[(&str, &[&str])] = &[
        ("putin", &["a1", "b2", "c1", "c2"]),
        ("putin aliyev", &["a1", "b2", "c1"]),
        ("\"peace treaty\"", &["a1", "c1"]),
        ("treaty -\"peace treaty\"", &["u1"]),
        ("moscow OR valdai", &["a1", "b2", "c2"]),
        ("putin -moscow", &["b2", "c1"]),
        ("nego*", &["c2", "u1"]),
        ("negoti*", &["u1"]),
        ("title:karabakh", &["a1", "a2", "c3"]),
        ("title:\"peace treaty\"", &["c1"]),
        ("outlet:beta", &["b1", "b2"]),
        ("author:teslova", &["c2"]),
        ("elysee", &["c2"]),
        ("NÉGOCIATIONS", &["c2", "u1"]),
        ("Nagorno-Karabakh", &["a2"]),
        ("talks", &["a1", "b1"]),
        ("karabak", &["a1", "a2", "b2", "c3", "u1"]),
        ("zzzz", &[]),
        ("", &["a1", "a2", "b1", "b2", "c1", "c2", "c3", "u1"]),
    ];
    for (q, want) in cases {
        let got: BTreeSet<String> = ids(&c, q).into_iter().collect();
        assert_eq!(got, set(want), "query {q:?}");
    }
}

#[test]
fn malformed_queries_never_panic_and_still_search() {
    let c = fixture();
    for q in [
        "\"peace treaty",
        "-",
        "OR",
        "title:",
        "\"",
        "***",
        "-\"\"",
        "outlet:",
        "a OR OR b",
        "((putin",
        "putin\u{0}",
        "title:\"",
        "𝔭𝔲𝔱𝔦𝔫",
    ] {
        let _ = ids(&c, q);
    }
    assert_eq!(ids(&c, "\"peace treaty").len(), 2);
}

#[test]
fn exact_matches_outrank_typo_matches() {
    // "karabakh" exactly vs a document that only has a misspelling.
    let c = corpus_of(vec![
        (
            "typo".into(),
            None,
            None,
            None,
            "Karabak karabak karabak".into(),
            "karabak karabak everywhere in this short text".into(),
        ),
        (
            "exact".into(),
            None,
            None,
            None,
            "Something else entirely".into(),
            "One mention of Karabakh in a much longer text about many other things and more words to lower the score"
                .into(),
        ),
    ]);
    assert_eq!(ids(&c, "karabakh"), vec!["exact", "typo"]);
}

#[test]
fn title_matches_rank_above_body_matches() {
    let c = fixture();
    let r = ids(&c, "ceasefire OR refugees");
    assert_eq!(r.first().map(String::as_str), Some("a2"));
    let r = ids(&c, "conflict");
    assert_eq!(r, vec!["c3"]);
}

#[test]
fn typing_matches_the_unfinished_word_as_prefix() {
    let c = fixture();
    let req = Request { query: "pashin".into(), typing: true, ..Request::default() };
    assert_eq!(ids_with(&c, &req).into_iter().collect::<BTreeSet<_>>(), set(&["a1", "c2"]));
    let req = Request { query: "pashin ".into(), typing: true, ..Request::default() };
    assert!(ids_with(&c, &req).is_empty());
}

#[test]
fn sort_orders_and_undated_last() {
    let c = fixture();
    let newest = ids_with(&c, &Request { query: "putin".into(), sort: Sort::Newest, ..Request::default() });
    assert_eq!(newest, vec!["c1", "b2", "a1", "c2"]);
    let oldest = ids_with(&c, &Request { query: "putin".into(), sort: Sort::Oldest, ..Request::default() });
    assert_eq!(oldest, vec!["a1", "b2", "c1", "c2"]);
}

#[test]
fn facets_are_consistent_with_hits() {
    let c = fixture();
    let index = Index::build(&c);
    let s = Searcher::new(&index);
    let all = s.search(&Request { query: "karabakh".into(), ..Request::default() });
    assert_eq!(all.outlet_counts.iter().sum::<u32>() as usize, all.hits.len());
    // alpha, beta, gamma, unknown
    assert_eq!(all.outlet_counts, vec![2, 1, 1, 1]);
    let beta = s.search(&Request {
        query: "karabakh".into(),
        filters: Filters { outlets: vec![1], ..Filters::default() },
        ..Request::default()
    });
    assert_eq!(beta.hits.len(), 1);
    // Outlet counts ignore the outlet filter (they say what ticking adds).
    assert_eq!(beta.outlet_counts, all.outlet_counts);
    // The histogram follows the outlet filter.
    let total: u32 =
        (0..beta.histogram.counts.len()).map(|i| beta.histogram.total(i)).sum::<u32>() + beta.histogram.undated_total();
    assert_eq!(total as usize, beta.hits.len());
    // Date range [2021-01-11, 2021-01-12) keeps only that day and drops undated.
    let from = dateline_core::model::Date::new(2021, 1, 11).expect("d").days_since_epoch() as i32;
    let ranged = s.search(&Request {
        query: String::new(),
        filters: Filters { from: Some(from), to: Some(from + 1), ..Filters::default() },
        ..Request::default()
    });
    let got: BTreeSet<String> = ranged.hits.iter().map(|h| c.articles[h.doc as usize].id.clone()).collect();
    assert_eq!(got, set(&["a1", "b1"]));
    assert_eq!(ranged.outlet_counts, vec![1, 1, 0, 0]);
}

#[test]
fn snippets_highlight_every_matched_term_and_phrases_whole() {
    let c = fixture();
    let index = Index::build(&c);
    let r = Searcher::new(&index).search(&Request { query: "\"peace treaty\" aliyev".into(), ..Request::default() });
    let c1 = c.articles.iter().find(|a| a.id == "c1").expect("c1");
    let frags = snippet(c1, &Marks::of(&r), 30);
    let marked: Vec<&str> = frags.iter().filter(|f| f.hit).map(|f| f.text.as_str()).collect();
    assert!(marked.contains(&"peace treaty"), "{marked:?}");
    assert!(marked.contains(&"Aliyev"), "{marked:?}");
}

/// Regression: a phrase query highlighted each of its words wherever it
/// stood alone (term-set highlighting); the words are now marked only where
/// they stand together, and the snippet is the window with the phrase.
#[test]
fn phrase_query_marks_its_words_only_where_the_phrase_stands() {
    let c = corpus_of([(
        "w1".to_string(),
        Some("alpha".to_string()),
        Some((2024, 1, 2)),
        None,
        "A white paper on house arrest".to_string(),
        format!(
            "The house vote came after a white paper on arrest rules{}. Then the White House answered the house",
            " and more filler words about nothing in particular".repeat(3)
        ),
    )]);
    let index = Index::build(&c);
    let r = Searcher::new(&index).search(&Request { query: "\"white house\"".into(), ..Request::default() });
    assert_eq!(r.docs, vec![0]);
    assert!(r.highlight.is_empty(), "{:?}", r.highlight);
    assert_eq!(r.phrases, vec![vec!["white".to_string(), "house".to_string()]]);
    let marks = Marks::of(&r);
    let a = &c.articles[0];
    let title: Vec<String> = highlight(&a.title, &marks).into_iter().filter(|f| f.hit).map(|f| f.text).collect();
    assert!(title.is_empty(), "{title:?}");
    let frags = snippet(a, &marks, 12);
    let marked: Vec<&str> = frags.iter().filter(|f| f.hit).map(|f| f.text.as_str()).collect();
    assert_eq!(marked, vec!["White House"], "{frags:?}");
    // The same words asked for alone are marked everywhere.
    let r = Searcher::new(&index).search(&Request { query: "white house".into(), ..Request::default() });
    let title: Vec<String> =
        highlight(&a.title, &Marks::of(&r)).into_iter().filter(|f| f.hit).map(|f| f.text).collect();
    assert_eq!(title, vec!["white", "house"]);
}

/// Issue 17: a hit near the end of a paragraph gave a snippet of a few
/// words (a result card with blank lines under it). Reaching back to hold
/// the words asked for then put the hit last, past the lines a card shows
/// (a TASS lead ending in "Nagorno-Karabakh" showed no mark): the snippet
/// now goes on into the next paragraph, and reaches back only at the
/// article's end, the hit staying in the first half.
#[test]
fn snippet_near_a_paragraphs_end_goes_on_into_the_next() {
    let mut c = fixture();
    let a = &mut c.articles[0];
    let words: Vec<String> = (0..40).map(|i| format!("w{i}")).collect();
    let more: Vec<String> = (0..40).map(|i| format!("v{i}")).collect();
    a.lead = format!("{} Karabakh", words.join(" "));
    a.body = vec![dateline_core::model::Block::Paragraph(more.join(" "))];
    let terms = Marks::terms(["karabakh".to_string()]);
    let frags = snippet(a, &terms, 20);
    let text: String = frags.iter().map(|f| f.text.as_str()).collect();
    assert_eq!(
        text,
        format!("…w36 w37 w38 w39 Karabakh{}{}…", dateline_core::search::PARAGRAPH_MARK, more[..15].join(" "))
    );
    assert_eq!(frags.iter().filter(|f| f.hit).count(), 1);
    // At the article's end: back to half the words before the hit.
    a.body.clear();
    let text: String = snippet(a, &terms, 20).iter().map(|f| f.text.as_str()).collect();
    assert_eq!(text, format!("…{} Karabakh", words[30..].join(" ")));
    // A hit early in a paragraph: four words of context before it.
    a.lead = format!("{} Karabakh {}", words[..10].join(" "), more.join(" "));
    let text: String = snippet(a, &terms, 20).iter().map(|f| f.text.as_str()).collect();
    assert!(text.starts_with("…w6 w7 w8 w9 Karabakh v0"), "{text}");
    assert_eq!(text.split_whitespace().count(), 20, "{text}");
}

/// A document as the oracle sees it: its terms with the index's position
/// gaps between segments (empty strings), and its title length.
struct Doc {
    toks: Vec<String>,
    title_len: usize,
}

fn docs_of(corpus: &Corpus) -> Vec<Doc> {
    corpus
        .articles
        .iter()
        .map(|a| {
            let title_len = tokenize(&a.title).len();
            let mut toks = Vec::new();
            for (i, seg) in segments(a).enumerate() {
                if i > 0 {
                    toks.extend(std::iter::repeat_n(String::new(), 8));
                }
                toks.extend(tokenize(seg).into_iter().map(|t| t.term));
            }
            Doc { toks, title_len }
        })
        .collect()
}

/// How a query term is written (see the search module docs).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    Word,
    Prefix,
    Typing,
}

/// The documented variant class of dictionary term `u` for query term `t`
/// (0 exact, 1 stem, 2 prefix, 3 typo), written directly from the rules.
/// `in_corpus`: whether `t` occurs in the corpus (a typed word that does
/// not gets no stem siblings).
fn class_of(t: &str, u: &str, mode: Mode, typos: bool, in_corpus: bool) -> Option<u8> {
    let n = t.chars().count();
    if u.is_empty() {
        None
    } else if u == t {
        Some(0)
    } else if (mode == Mode::Word || (mode == Mode::Typing && in_corpus)) && stem(u) == stem(t) {
        Some(1)
    } else if mode != Mode::Word && u.starts_with(t) {
        Some(2)
    } else if typos
        && mode != Mode::Prefix
        && n >= 5
        && u.chars().next() == t.chars().next()
        && edit_distance_within(t, u, if n >= 9 { 2 } else { 1 }).is_some()
    {
        Some(3)
    } else {
        None
    }
}

/// The terms of a document a clause may match in.
fn field_toks(doc: &Doc, field: Field) -> &[String] {
    if field == Field::Title {
        &doc.toks[..doc.title_len]
    } else {
        &doc.toks[..]
    }
}

fn has_phrase(doc: &Doc, field: Field, terms: &[String]) -> bool {
    let n = terms.len();
    let toks = &doc.toks;
    (0..toks.len().saturating_sub(n - 1))
        .any(|s| (field != Field::Title || s + n <= doc.title_len) && (0..n).all(|k| toks[s + k] == terms[k]))
}

/// Brute-force oracle: the documented matching rules applied to every
/// document's tokens directly. `typing` reads the last word as being typed.
fn oracle_typing(corpus: &Corpus, query: &str, typing: bool) -> BTreeSet<u32> {
    let q = parse(query);
    let docs = docs_of(corpus);
    let last = q.groups.len().checked_sub(1).map(|g| (g, q.groups[g].len() - 1));
    let typing = typing && !query.ends_with(' ') && !query.split_whitespace().last().unwrap_or("").starts_with('-');
    let atom_match = |a: &Atom, d: usize, typos: bool, at: Option<(usize, usize)>| -> bool {
        match a {
            Atom::Term { field, term, prefix } => {
                let mode = if *prefix {
                    Mode::Prefix
                } else if typing && at.is_some() && at == last {
                    Mode::Typing
                } else {
                    Mode::Word
                };
                let in_corpus = docs.iter().any(|doc| doc.toks.contains(term));
                field_toks(&docs[d], *field).iter().any(|u| class_of(term, u, mode, typos, in_corpus).is_some())
            }
            Atom::Phrase { field, terms } => has_phrase(&docs[d], *field, terms),
        }
    };
    (0..docs.len())
        .filter(|&d| {
            q.groups
                .iter()
                .enumerate()
                .all(|(g, alts)| alts.iter().enumerate().any(|(a, atom)| atom_match(atom, d, true, Some((g, a)))))
        })
        .filter(|&d| !q.excluded.iter().any(|a| atom_match(a, d, false, None)))
        .map(|d| d as u32)
        .collect()
}

const VOCAB: &[&str] = &[
    "putin",
    "talks",
    "talk",
    "talked",
    "peace",
    "treaty",
    "karabakh",
    "karabah",
    "moscow",
    "baku",
    "armenia",
    "armenian",
    "leaders",
    "leader",
    "signed",
    "ceasefire",
    "ceasfire",
    "négociations",
];

fn words() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(VOCAB), 1..12).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn index_search_equals_brute_force(
        docs in prop::collection::vec((words(), words()), 1..12),
        q in prop::collection::vec((prop::sample::select(VOCAB), 0..6u8), 1..4),
        typing in any::<bool>(),
    ) {
        let corpus = corpus_of(docs.into_iter().enumerate().map(|(i, (title, text))| (format!("d{i}"), None, None, None, title, text)));
        // Build a query mixing plain terms, prefixes, exclusions, OR, phrases and title scope.
        let mut parts = Vec::new();
        for (i, (w, kind)) in q.iter().enumerate() {
            parts.push(match kind {
                0 => w.to_string(),
                1 => format!("{}*", &w[..(3 + i % 3).min(w.len())]),
                2 if i > 0 => format!("-{w}"),
                3 if i > 0 => format!("OR {w}"),
                4 => format!("\"{w} {}\"", VOCAB[(i * 7) % VOCAB.len()]),
                5 => format!("title:{w}"),
                _ => w.to_string(),
            });
        }
        let query = parts.join(" ");
        let index = Index::build(&corpus);
        let got: BTreeSet<u32> = Searcher::new(&index).search(&Request { query: query.clone(), typing, ..Request::default() }).hits.iter().map(|h| h.doc).collect();
        prop_assert_eq!(got, oracle_typing(&corpus, &query, typing), "query {} typing {}", query, typing);
    }
}

/// The documented result orders, written as comparison closures over the
/// corpus (the oracle for the packed integer keys the searcher sorts by).
fn oracle_order(corpus: &Corpus, hits: &[dateline_core::search::Hit], sort: Sort) -> Vec<u32> {
    let day = |doc: u32| corpus.articles[doc as usize].date.date.map(|d| d.days_since_epoch());
    let mut v = hits.to_vec();
    v.sort_by(|a, b| match sort {
        Sort::Relevance => a
            .typos
            .cmp(&b.typos)
            .then(a.inexact.cmp(&b.inexact))
            .then(b.score.total_cmp(&a.score))
            .then(day(b.doc).cmp(&day(a.doc)))
            .then(a.doc.cmp(&b.doc)),
        Sort::Newest | Sort::Oldest => {
            let (x, y) = if sort == Sort::Newest { (day(b.doc), day(a.doc)) } else { (day(a.doc), day(b.doc)) };
            day(a.doc)
                .is_none()
                .cmp(&day(b.doc).is_none())
                .then(x.cmp(&y))
                .then(b.score.total_cmp(&a.score))
                .then(a.doc.cmp(&b.doc))
        }
    });
    v.iter().map(|h| h.doc).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    /// Every sort order equals the documented comparison, with typo
    /// matches, equal scores, shared days and undated articles in play.
    #[test]
    fn result_order_equals_documented_comparison(
        docs in prop::collection::vec((words(), words(), prop::option::of((2019..2022i32, 1..3u8, 1..4u8))), 1..16),
        q in prop::sample::select(VOCAB),
    ) {
        let corpus = corpus_of(
            docs.into_iter().enumerate().map(|(i, (title, text, date))| (format!("d{i}"), None, date, None, title, text)),
        );
        let index = Index::build(&corpus);
        let searcher = Searcher::new(&index);
        for query in [q.to_string(), String::new(), format!("{}*", &q[..3])] {
            for sort in [Sort::Relevance, Sort::Newest, Sort::Oldest] {
                let hits = searcher.search(&Request { query: query.clone(), sort, ..Request::default() }).hits;
                // The empty query sorts by relevance as newest first.
                let as_sort = if query.is_empty() && sort == Sort::Relevance { Sort::Newest } else { sort };
                let got: Vec<u32> = hits.iter().map(|h| h.doc).collect();
                prop_assert_eq!(got, oracle_order(&corpus, &hits, as_sort), "query {:?} sort {:?}", query, sort);
            }
        }
    }
}

/// A prefix with more completions than the cap matches through the most
/// frequent ones, ties broken in dictionary order.
#[test]
fn prefix_uses_the_most_frequent_completions() {
    let name = |j: usize| format!("zet{}{}", (b'a' + (j / 26) as u8) as char, (b'a' + (j % 26) as u8) as char);
    let df = |j: usize| 1 + (j * 7) % 5;
    let mut rows = Vec::new();
    let mut docs_of = vec![Vec::new(); 80];
    for (j, docs) in docs_of.iter_mut().enumerate() {
        for _ in 0..df(j) {
            docs.push(rows.len() as u32);
            rows.push((format!("d{}", rows.len()), None, None, None, "untitled".to_string(), name(j)));
        }
    }
    let corpus = corpus_of(rows);
    let mut order: Vec<usize> = (0..80).collect();
    order.sort_by_key(|&j| (std::cmp::Reverse(df(j)), name(j)));
    let expected: BTreeSet<u32> = order[..64].iter().flat_map(|&j| docs_of[j].clone()).collect();
    let index = Index::build(&corpus);
    let got: BTreeSet<u32> = Searcher::new(&index)
        .search(&Request { query: "zet*".into(), ..Request::default() })
        .hits
        .iter()
        .map(|h| h.doc)
        .collect();
    assert_eq!(got, expected);
}

/// Regression (issue 12): outlet slots were `u16`, so with more than 65,536
/// outlets the outlet at slot 65,536 was filed under slot 0 and filtering by
/// the first outlet also returned its articles.
#[test]
fn more_than_65536_outlets_keep_their_own_slots() {
    use dateline_core::model::Outlet;
    let n = 70_000usize;
    let rows = [(0usize, "first"), (65_536, "wrapped"), (n - 1, "last")].map(|(slot, id)| {
        (
            id.to_string(),
            Some(format!("o{slot}")),
            Some((2021, 1, 11)),
            None,
            format!("Story {id}"),
            "Text here.".into(),
        )
    });
    let mut corpus = corpus_of(rows);
    corpus.outlets = (0..n)
        .map(|i| Outlet { key: format!("o{i}"), name: format!("Outlet {i}"), short: format!("o{i}"), home: None })
        .collect();
    let built = Index::build(&corpus);
    let index = Index::from_bytes(&built.to_bytes()).expect("reads back");
    assert_eq!(index, built);
    let searcher = Searcher::new(&index);
    for (slot, want) in [(0, "first"), (65_536, "wrapped"), (n - 1, "last")] {
        let req = Request { filters: Filters { outlets: vec![slot], ..Filters::default() }, ..Request::default() };
        let got: Vec<&str> =
            searcher.search(&req).hits.iter().map(|h| corpus.articles[h.doc as usize].id.as_str()).collect();
        assert_eq!(got, vec![want], "outlet slot {slot}");
    }
    let all = searcher.search(&Request::default());
    assert_eq!(all.outlet_counts.len(), n + 1);
    assert_eq!(all.outlet_counts[0], 1);
    assert_eq!(all.outlet_counts[65_536], 1);
}

/// The documented score of every document matching all `terms` (AND of
/// plain terms, each with its field and mode), from the tokens: per term,
/// the weighted, length-normalised term frequency over its variants, one
/// IDF from the number of documents it matches, BM25F; summed over terms.
/// Returns doc -> (score, typos, inexact).
fn oracle_scores(corpus: &Corpus, terms: &[(String, Field, Mode)]) -> BTreeMap<u32, (f32, u8, u8)> {
    use dateline_core::search::{Class, B, K1, TITLE_WEIGHT};
    let docs = docs_of(corpus);
    let n = docs.len() as f32;
    // Field lengths: the title's tokens, and the positions after the title
    // and its gap, from the document's length as the index keeps it (one
    // byte, decoded: exact below 32, else rounded down).
    let text_len = |d: &Doc| {
        let len = dateline_core::norm::quantize(d.toks.len() as u32);
        (len as usize).saturating_sub(d.title_len + 8) as f64
    };
    let avg_text = (docs.iter().map(text_len).sum::<f64>() / docs.len() as f64).max(1.0) as f32;
    let avg_title = (docs.iter().map(|d| d.title_len as f64).sum::<f64>() / docs.len() as f64).max(1.0) as f32;
    let norm = |len: f32, avg: f32| 1.0 - B + B * len / avg;
    let classes = [Class::Exact, Class::Stem, Class::Prefix, Class::Typo];
    let mut total: Option<BTreeMap<u32, (f32, u8, u8)>> = None;
    for (t, field, mode) in terms {
        let in_corpus = docs.iter().any(|doc| doc.toks.contains(t));
        // (doc, tf, closest class) for the documents the term matches.
        let matched: Vec<(u32, f32, u8)> = docs
            .iter()
            .enumerate()
            .filter_map(|(d, doc)| {
                let mut tf = 0.0f32;
                let mut best = u8::MAX;
                let at_title = TITLE_WEIGHT / norm(doc.title_len as f32, avg_title);
                let at_text = 1.0 / norm(text_len(doc) as f32, avg_text);
                for (p, u) in field_toks(doc, *field).iter().enumerate() {
                    if let Some(c) = class_of(t, u, *mode, true, in_corpus) {
                        tf += classes[c as usize].weight() * if p < doc.title_len { at_title } else { at_text };
                        best = best.min(c);
                    }
                }
                (best != u8::MAX).then_some((d as u32, tf, best))
            })
            .collect();
        let df = matched.len() as f32;
        let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
        let scores: BTreeMap<u32, (f32, u8, u8)> = matched
            .into_iter()
            .map(|(d, tf, c)| {
                let s = idf * tf * (K1 + 1.0) / (tf + K1);
                (d, (s, u8::from(c == 3), u8::from(c != 0)))
            })
            .collect();
        total = Some(match total {
            None => scores,
            Some(prev) => prev
                .into_iter()
                .filter_map(|(d, (s, ty, ie))| scores.get(&d).map(|&(s2, ty2, ie2)| (d, (s + s2, ty + ty2, ie + ie2))))
                .collect(),
        });
    }
    total.unwrap_or_default()
}

/// Words that are variants of each other in several ways (stem siblings,
/// completions, typos), so that exact and variant matches compete.
const RANK_VOCAB: &[&str] = &[
    "talk",
    "talks",
    "talked",
    "talkative",
    "armenia",
    "armenian",
    "armenians",
    "karabakh",
    "karabah",
    "leader",
    "leaders",
    "leadership",
    "polite",
    "political",
    "politics",
    "policy",
    "peace",
    "treaty",
    "signed",
    "moscow",
];

fn rank_words() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(RANK_VOCAB), 1..14).prop_map(|w| w.join(" "))
}

fn rank_corpus(docs: Vec<(String, String)>) -> Corpus {
    corpus_of(docs.into_iter().enumerate().map(|(i, (title, text))| (format!("d{i}"), None, None, None, title, text)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// The same on corpora of several hundred articles, where a frequent
    /// term's documents are found 64 at a time as bit masks (the dense
    /// accumulation), across block boundaries and a last, partial block.
    #[test]
    fn scores_equal_the_documented_formula_over_many_blocks(
        docs in prop::collection::vec((rank_words(), rank_words()), 100..400),
        q in prop::collection::vec((prop::sample::select(RANK_VOCAB), 0..4u8, 3..7usize), 1..3),
        typing in any::<bool>(),
    ) {
        check_scores(docs, &q, typing)?;
    }

    /// The same on texts of up to a few hundred words, whose lengths the
    /// index keeps rounded down ([`dateline_core::norm`]).
    #[test]
    fn scores_equal_the_documented_formula_on_long_texts(
        docs in prop::collection::vec((rank_words(), long_rank_words()), 1..40),
        q in prop::collection::vec((prop::sample::select(RANK_VOCAB), 0..4u8, 3..7usize), 1..3),
        typing in any::<bool>(),
    ) {
        check_scores(docs, &q, typing)?;
    }
}

fn long_rank_words() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(RANK_VOCAB), 20..400).prop_map(|w| w.join(" "))
}

/// Checks a query's hits against [`oracle_scores`]: the query is one to
/// three terms `(word, kind, cut)`: kind 0 a word, 1 `title:word`, 2 the
/// prefix of `cut` letters with `*`, 3 the word cut to `cut` letters.
fn check_scores(docs: Vec<(String, String)>, q: &[(&str, u8, usize)], typing: bool) -> Result<(), TestCaseError> {
    let corpus = rank_corpus(docs);
    let last = q.len() - 1;
    let mut parts = Vec::new();
    let mut terms = Vec::new();
    for (i, &(w, kind, cut)) in q.iter().enumerate() {
        let (text, field, mode) = match kind {
            0 => (w.to_string(), Field::Any, Mode::Word),
            1 => (format!("title:{w}"), Field::Title, Mode::Word),
            2 => (format!("{}*", &w[..cut.min(w.len())]), Field::Any, Mode::Prefix),
            _ => (w[..cut.min(w.len())].to_string(), Field::Any, Mode::Word),
        };
        let term = match mode {
            Mode::Prefix => w[..cut.min(w.len())].to_string(),
            _ => w.to_string(),
        };
        let term = if kind == 3 { w[..cut.min(w.len())].to_string() } else { term };
        let mode = if typing && i == last && mode == Mode::Word { Mode::Typing } else { mode };
        parts.push(text);
        terms.push((term, field, mode));
    }
    let query = parts.join(" ");
    let index = Index::build(&corpus);
    let hits = Searcher::new(&index).search(&Request { query: query.clone(), typing, ..Request::default() }).hits;
    let want = oracle_scores(&corpus, &terms);
    let got: BTreeSet<u32> = hits.iter().map(|h| h.doc).collect();
    prop_assert_eq!(&got, &want.keys().copied().collect::<BTreeSet<u32>>(), "query {:?}", query);
    for h in &hits {
        let (s, typos, inexact) = want[&h.doc];
        prop_assert!(
            (h.score - s).abs() <= 1e-4 * s.abs().max(1.0),
            "query {:?} doc {} score {} want {}",
            query,
            h.doc,
            h.score,
            s
        );
        prop_assert_eq!((h.typos, h.inexact), (typos, inexact), "query {:?} doc {}", query, h.doc);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Scores, typo and inexact counts equal the documented formula
    /// computed from the tokens, for one to three terms in every mode and
    /// both fields.
    #[test]
    fn scores_equal_the_documented_formula(
        docs in prop::collection::vec((rank_words(), rank_words()), 1..14),
        q in prop::collection::vec((prop::sample::select(RANK_VOCAB), 0..4u8, 3..7usize), 1..4),
        typing in any::<bool>(),
    ) {
        check_scores(docs, &q, typing)?;
    }

    /// For a one-word query, every article containing the word itself
    /// ranks above every article matching only a variant of it: in the
    /// text, in the title (`title:`) and while typing.
    #[test]
    fn the_word_itself_ranks_above_its_variants(
        docs in prop::collection::vec((rank_words(), rank_words()), 1..16),
        w in prop::sample::select(RANK_VOCAB),
        kind in 0..3u8,
    ) {
        let corpus = rank_corpus(docs);
        let (query, field, typing) = match kind {
            0 => (w.to_string(), Field::Any, false),
            1 => (format!("title:{w}"), Field::Title, false),
            _ => (w.to_string(), Field::Any, true),
        };
        let index = Index::build(&corpus);
        let hits = Searcher::new(&index).search(&Request { query: query.clone(), typing, ..Request::default() }).hits;
        let docs = docs_of(&corpus);
        let exact: Vec<bool> = hits.iter().map(|h| field_toks(&docs[h.doc as usize], field).iter().any(|u| u == w)).collect();
        if let Some(first_variant) = exact.iter().position(|&e| !e) {
            prop_assert!(exact[first_variant..].iter().all(|&e| !e), "query {:?}: {:?}", query, exact);
        }
    }

    /// Every hit of `pre*` contains a word starting with `pre` (in the
    /// field asked), and every hit of a phrase contains the phrase.
    #[test]
    fn prefix_and_phrase_hits_contain_what_was_asked(
        docs in prop::collection::vec((rank_words(), rank_words()), 1..16),
        w in prop::sample::select(RANK_VOCAB),
        v in prop::sample::select(RANK_VOCAB),
        cut in 2..6usize,
        title in any::<bool>(),
        typing in any::<bool>(),
    ) {
        let corpus = rank_corpus(docs);
        let docs = docs_of(&corpus);
        let index = Index::build(&corpus);
        let searcher = Searcher::new(&index);
        let field = if title { Field::Title } else { Field::Any };
        let scope = if title { "title:" } else { "" };
        let pre = &w[..cut.min(w.len())];
        let query = format!("{scope}{pre}*");
        for h in searcher.search(&Request { query: query.clone(), typing, ..Request::default() }).hits {
            prop_assert!(field_toks(&docs[h.doc as usize], field).iter().any(|u| u.starts_with(pre)), "{query:?} doc {}", h.doc);
        }
        let query = format!("{scope}\"{w} {v}\"");
        let phrase = vec![w.to_string(), v.to_string()];
        let hits: BTreeSet<u32> = searcher.search(&Request { query: query.clone(), typing, ..Request::default() }).hits.iter().map(|h| h.doc).collect();
        let want: BTreeSet<u32> = (0..docs.len() as u32).filter(|&d| has_phrase(&docs[d as usize], field, &phrase)).collect();
        prop_assert_eq!(hits, want, "{:?}", query);
    }
}

/// Regression (issue 19): each variant was scored with its own IDF, so a
/// rare stem sibling outranked the word typed; at 37k articles none of the
/// first five hits for `political` contained "political".
#[test]
fn a_rare_stem_sibling_does_not_outrank_the_word_typed() {
    let long = "The political debate went on for a long time while many other things were said by many other people in the hall.";
    let mut rows: Vec<(String, String)> = (0..6).map(|i| (format!("Debate {i}"), long.to_string())).collect();
    rows.push(("Politeness".into(), "Politeness and politeness again.".into()));
    let corpus = rank_corpus(rows);
    for typing in [false, true] {
        let got = ids_with(&corpus, &Request { query: "political".into(), typing, ..Request::default() });
        assert_eq!(got.len(), 7, "typing {typing}: {got:?}");
        assert_eq!(got.last().map(String::as_str), Some("d6"), "typing {typing}: {got:?}");
    }
}

/// Regression (issue 19): `long` ranked an article with "longform" and no
/// "long" first, and a word being typed drew on the stem siblings of what
/// was not yet a word (`poli` matched `poly`).
#[test]
fn completions_rank_below_the_word_and_unfinished_words_get_no_stem_siblings() {
    let corpus = rank_corpus(vec![
        ("Longform".into(), "Longform longform.".into()),
        ("Report".into(), "It took a long time, the report on the talks says, and more words follow here.".into()),
        ("Poly".into(), "Poly poly poly.".into()),
        ("Police".into(), "Police said the policy was new and the police would follow it closely.".into()),
    ]);
    let typed = |q: &str| ids_with(&corpus, &Request { query: q.into(), typing: true, ..Request::default() });
    assert_eq!(typed("long"), vec!["d1", "d0"]);
    assert_eq!(typed("poli"), vec!["d3"]);
    assert_eq!(ids(&corpus, "poli*"), vec!["d3"]);
    // A finished word keeps its stem siblings (`poly` and `poli` share the
    // stem `poli`), even when it does not occur itself.
    assert_eq!(ids(&corpus, "poli"), vec!["d2"]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    /// Ranking the best `k` and extending the ranking step by step gives
    /// exactly the fully ranked results, in every order.
    #[test]
    fn ranking_the_top_k_then_more_equals_ranking_all(
        // Up to 48 documents: ranking one to three of them takes the heap.
        docs in prop::collection::vec((rank_words(), rank_words(), prop::option::of((2019..2022i32, 1..3u8, 1..4u8))), 1..48),
        w in prop::sample::select(RANK_VOCAB),
        k in 0..8usize,
        step in 1..6usize,
    ) {
        let corpus = corpus_of(
            docs.into_iter().enumerate().map(|(i, (title, text, date))| (format!("d{i}"), None, date, None, title, text)),
        );
        let index = Index::build(&corpus);
        let searcher = Searcher::new(&index);
        for query in [w.to_string(), String::new(), format!("{}*", &w[..3])] {
            for sort in [Sort::Relevance, Sort::Newest, Sort::Oldest] {
                let req = Request { query: query.clone(), sort, typing: true, ..Request::default() };
                let all = searcher.search(&req);
                prop_assert_eq!(all.hits.len(), all.docs.len());
                let mut top = searcher.search_top(&req, k);
                prop_assert_eq!(top.hits.len(), k.min(all.docs.len()));
                prop_assert_eq!(&top.hits[..], &all.hits[..top.hits.len()]);
                // Every hit's document, in corpus order.
                prop_assert_eq!(&top.docs, &all.docs);
                prop_assert!(top.docs.windows(2).all(|p| p[0] < p[1]));
                let mut n = k;
                while !top.fully_ranked() {
                    n += step;
                    searcher.rank_to(&mut top, n);
                    prop_assert_eq!(&top.hits[..], &all.hits[..top.hits.len()]);
                }
                prop_assert_eq!(&top, &all);
            }
        }
    }

    /// The pruned top-k (a heap whose worst key bounds which hits are
    /// looked at) equals the top k of the full sort, ties included: many
    /// documents built from a few words and days, so that scores, days
    /// and typo counts tie, and `k` small enough for the heap.
    #[test]
    fn pruned_top_k_equals_full_sort_with_ties(
        docs in prop::collection::vec(
            (prop::sample::select(vec!["talk", "talks", "talk talks", "peace talk", "talked"]),
             prop::option::of((2020..2022i32, 1..3u8, 1..3u8))),
            60..240,
        ),
        w in prop::sample::select(vec!["talk", "talks", "talkd", "peace"]),
        k in 1..12usize,
        typing in any::<bool>(),
    ) {
        let corpus = corpus_of(
            docs.into_iter().enumerate().map(|(i, (text, date))| (format!("d{i}"), None, date, None, "x".to_string(), text.to_string())),
        );
        let index = Index::build(&corpus);
        let searcher = Searcher::new(&index);
        for sort in [Sort::Relevance, Sort::Newest, Sort::Oldest] {
            let req = Request { query: w.to_string(), sort, typing, ..Request::default() };
            let all = searcher.search(&req);
            let top = searcher.search_top(&req, k);
            prop_assert_eq!(top.hits.len(), k.min(all.hits.len()));
            prop_assert_eq!(&top.hits[..], &all.hits[..top.hits.len()]);
            prop_assert!(top.docs.windows(2).all(|p| p[0] < p[1]));
            let mut every: Vec<_> = all.hits.iter().map(|h| h.doc).collect();
            every.sort_unstable();
            prop_assert_eq!(&top.docs, &every);
        }
    }

    /// Ranking the best `k` under filters, then more by running the
    /// request again ([`Searcher::rank_to`]), gives exactly the full
    /// ranking of the filtered hits, ties included: words with several
    /// variants (stems, typos, the word being typed), few distinct texts
    /// and days so that scores and days tie, outlet and date filters.
    #[test]
    fn ranking_more_under_filters_equals_the_full_ranking(
        docs in prop::collection::vec(
            (prop::sample::select(vec!["talk", "talks", "talk talks", "peace talk", "talked", "talkes peace"]),
             prop::option::of((2020..2022i32, 1..3u8, 1..3u8)),
             prop::option::of(0..3usize)),
            20..120,
        ),
        w in prop::sample::select(vec!["talk", "talks", "talkd", "peace", "talk OR peace", "\"peace talk\"", "tal"]),
        k in 0..6usize,
        step in 1..40usize,
        typing in any::<bool>(),
        outlets in prop::collection::vec(0..4usize, 0..2),
        year in prop::option::of(2020..2022i32),
    ) {
        let corpus = corpus_of(docs.into_iter().enumerate().map(|(i, (text, date, outlet))| {
            let outlet = outlet.and_then(|o| ["alpha", "beta", "gamma"].get(o).map(|s| s.to_string()));
            (format!("d{i}"), outlet, date, None, "x".to_string(), text.to_string())
        }));
        let index = Index::build(&corpus);
        let searcher = Searcher::new(&index);
        let day = |y: i32| dateline_core::model::Date::new(y, 1, 1).expect("date").days_since_epoch() as i32;
        let filters = Filters { outlets, from: year.map(day), to: year.map(|y| day(y + 1)), ..Filters::default() };
        for sort in [Sort::Relevance, Sort::Newest, Sort::Oldest] {
            let req = Request { query: w.to_string(), sort, typing, filters: filters.clone() };
            let all = searcher.search(&req);
            prop_assert_eq!(all.hits.len(), all.docs.len());
            prop_assert_eq!(all.hits.iter().map(|h| h.doc).collect::<BTreeSet<u32>>(), all.docs.iter().copied().collect::<BTreeSet<u32>>());
            let mut top = searcher.search_top(&req, k);
            prop_assert_eq!(&top.hits[..], &all.hits[..k.min(all.hits.len())]);
            prop_assert_eq!(&top.docs, &all.docs);
            let mut n = k;
            while !top.fully_ranked() {
                n += step;
                searcher.rank_to(&mut top, n);
                prop_assert_eq!(top.hits.len(), n.min(all.hits.len()));
                prop_assert_eq!(&top.hits[..], &all.hits[..top.hits.len()]);
            }
            prop_assert_eq!(&top, &all);
        }
    }

    /// A damaged index that still loads (the posting blob is not checked
    /// when loading) never makes a search panic.
    #[test]
    fn damaged_postings_never_panic_a_search(
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        typing in any::<bool>(),
    ) {
        let bytes = Index::build(&fixture()).to_bytes();
        let mut bad = bytes.clone();
        // Damage the last third (the posting blob).
        let from = bytes.len() * 2 / 3;
        for (at, b) in flips {
            let i = from + at.index(bytes.len() - from);
            bad[i] ^= b | 1;
        }
        if let Ok(index) = Index::from_bytes(&bad) {
            let searcher = Searcher::new(&index);
            for q in ["putin", "karabakh", "talks", "kara*", "\"peace treaty\"", "title:\"peace treaty\"", "putin -moscow", "negotiatons", "a"] {
                let r = searcher.search(&Request { query: q.into(), typing, ..Request::default() });
                prop_assert!(r.hits.iter().all(|h| (h.doc as usize) < index.len()));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    /// The searcher's facets equal the timeline's reference histogram and
    /// plain counts over the matches, on the corpus axis and on zoomed
    /// axes, with outlet and date filters.
    #[test]
    fn facets_equal_the_reference_counts(
        docs in prop::collection::vec(
            (rank_words(), rank_words(), prop::option::of((2019..2023i32, 1..13u8, 1..29u8)), prop::option::of(0..4usize)),
            1..24,
        ),
        w in prop::sample::select(RANK_VOCAB),
        zoom in prop::option::of((2019..2023i32, 1..13u8, 1..400i64)),
        outlets in prop::collection::vec(0..4usize, 0..3),
        range in prop::option::of((2019..2023i32, 1..13u8, 1..700i64)),
    ) {
        use dateline_core::model::Date;
        use dateline_core::timeline::{histogram, Axis};
        let corpus = corpus_of(docs.into_iter().enumerate().map(|(i, (title, text, date, outlet))| {
            let outlet = outlet.and_then(|o| ["alpha", "beta", "gamma"].get(o).map(|s| s.to_string()));
            (format!("d{i}"), outlet, date, None, title, text)
        }));
        // Every third article reprints gamma's (grouping by source differs).
        let mut corpus = corpus;
        for a in corpus.articles.iter_mut().step_by(3) {
            a.original_source = Some("gamma".into());
        }
        let index = Index::build(&corpus);
        let axis = match zoom {
            Some((y, m, days)) => {
                let from = Date::new(y, m, 1).expect("date");
                Axis::spanning(from, Date::from_days_since_epoch(from.days_since_epoch() + days))
            }
            None => dateline_core::search::corpus_axis(&index),
        };
        let searcher = Searcher::with_axis(&index, axis.clone());
        let (from, to) = match range {
            Some((y, m, days)) => {
                let from = Date::new(y, m, 1).expect("date").days_since_epoch();
                (Some(from as i32), Some((from + days) as i32))
            }
            None => (None, None),
        };
        let filters = Filters { outlets: outlets.clone(), from, to, ..Filters::default() };
        for query in [w.to_string(), String::new()] {
            let all = searcher.search(&Request { query: query.clone(), ..Request::default() });
            let r = searcher.search(&Request { query: query.clone(), filters: filters.clone(), ..Request::default() });
            let slot = |d: u32| searcher.slot(d);
            let day = |d: u32| index.docs[d as usize].day;
            let in_range = |d: u32| from.is_none() && to.is_none() || day(d).is_some_and(|x| from.is_none_or(|f| x >= f) && to.is_none_or(|t| x < t));
            let outlet_ok = |d: u32| outlets.is_empty() || outlets.contains(&slot(d));
            let matched: Vec<u32> = all.hits.iter().map(|h| h.doc).collect();
            let want_hist = histogram(axis.as_ref(), 4, matched.iter().filter(|&&d| outlet_ok(d)).map(|&d| (day(d), slot(d))));
            prop_assert_eq!(&r.histogram, &want_hist, "query {:?}", query);
            let mut want_counts = vec![0u32; 4];
            for &d in matched.iter().filter(|&&d| in_range(d)) {
                want_counts[slot(d)] += 1;
            }
            prop_assert_eq!(&r.outlet_counts, &want_counts);
            let want_hits: BTreeSet<u32> = matched.iter().copied().filter(|&d| outlet_ok(d) && in_range(d)).collect();
            prop_assert_eq!(r.hits.iter().map(|h| h.doc).collect::<BTreeSet<u32>>(), want_hits);
            // Without filters (the searcher's unfiltered path): every match
            // counts everywhere.
            prop_assert_eq!(&all.histogram, &histogram(axis.as_ref(), 4, matched.iter().map(|&d| (day(d), slot(d)))));
            let mut want_all = vec![0u32; 4];
            for &d in &matched {
                want_all[slot(d)] += 1;
            }
            prop_assert_eq!(&all.outlet_counts, &want_all);
            prop_assert_eq!(all.language_counts.iter().sum::<u32>() as usize, matched.len());
            // Grouped by original source: a query matching more than seven
            // eighths of the corpus (the empty one always) is counted as
            // the corpus's counts minus those of the articles it leaves
            // out, kept per grouping.
            let by_source = searcher.search(&Request {
                query: query.clone(),
                filters: Filters { by_source: true, ..Filters::default() },
                ..Request::default()
            });
            let mut want_sources = vec![0u32; 4];
            for &d in &matched {
                want_sources[searcher.group_slot(d, true).min(3)] += 1;
            }
            prop_assert_eq!(&by_source.outlet_counts, &want_sources, "query {:?} by source", query);
            prop_assert_eq!(&by_source.language_counts, &all.language_counts);
            let filtered_languages = searcher.search(&Request {
                query: query.clone(),
                filters: Filters { languages: vec![0], ..Filters::default() },
                ..Request::default()
            });
            prop_assert_eq!(&filtered_languages.language_counts, &all.language_counts);
        }
    }
}

/// Regression (issue 16): bigrams of unspaced scripts overlap, and the
/// highlighter sliced the text between two overlapping marks backwards
/// (a panic); adjacent bigram hits are one highlighted run.
#[test]
fn highlight_of_overlapping_bigrams_is_one_run() {
    let text = "俄罗斯总统普京在索契会见阿利耶夫。";
    let terms = Marks::terms(["普京", "京在", "在索"].iter().map(|s| s.to_string()));
    let frags = dateline_core::search::highlight(text, &terms);
    let marked: Vec<&str> = frags.iter().filter(|f| f.hit).map(|f| f.text.as_str()).collect();
    assert_eq!(marked, vec!["普京在索"]);
    assert_eq!(frags.iter().map(|f| f.text.as_str()).collect::<String>(), text);
}

/// Issue: `cease-fire` and `ceasefire` found different articles.
#[test]
fn hyphenated_and_joined_compounds_find_each_other() {
    let c = corpus_of([
        row("joined", "Ceasefire holds", "The ceasefire held overnight"),
        row("hyphen", "Cease-fire holds", "The cease-fire held overnight"),
        row("spaced", "Talks", "They will cease fire at noon"),
        row("apart", "Fire", "A fire broke out. Work will cease"),
        row("dash", "Cease - fire", "cease - fire in a list"),
    ]);
    let all = |q: &str| id_set(&c, q);
    // A long word also finds its halves as a phrase (issue 17: `ceasefire`
    // missed "cease fire").
    assert_eq!(all("ceasefire"), set(&["joined", "hyphen", "spaced", "dash"]));
    assert_eq!(all("title:ceasefire"), set(&["joined", "hyphen", "dash"]));
    // The phrase (punctuation between its words does not count) or the
    // joined form.
    assert_eq!(all("cease-fire"), set(&["joined", "hyphen", "spaced", "dash"]));
    assert_eq!(all("title:cease-fire"), set(&["joined", "hyphen", "dash"]));
    // A quoted phrase is the phrase only.
    assert_eq!(all("\"cease fire\""), set(&["hyphen", "spaced", "dash"]));
    // Two words side by side also find their joined form; the joined form
    // is stored beside the parts, not instead of them.
    assert_eq!(all("cease fire"), set(&["joined", "hyphen", "spaced", "apart", "dash"]));
    assert_eq!(all("fire cease"), set(&["hyphen", "spaced", "apart", "dash"]), "only in the order written");
    assert_eq!(all("cease OR fire"), set(&["hyphen", "spaced", "apart", "dash"]));
}

/// A word is split only into halves of four letters or more that are both
/// in the dictionary: `nowhere` does not find "now here".
#[test]
fn split_words_need_two_known_halves_of_four_letters() {
    let row = |id: &str, text: &str| {
        (id.to_string(), Some("alpha".to_string()), None, None, "Notes".to_string(), text.to_string())
    };
    let c = corpus_of([
        row("spaced", "We are now here in town"),
        row("joined", "It leads nowhere at all"),
        row("keeping", "The peace keeping force arrived"),
        row("unknown", "The peace force arrived"),
    ]);
    let all = |q: &str| id_set(&c, q);
    assert_eq!(all("nowhere"), set(&["joined"]));
    assert_eq!(all("peacekeeping"), set(&["keeping"]));
    assert_eq!(all("peaceforce"), set(&["unknown"]));
    // A half that the dictionary does not have adds nothing.
    assert!(all("peacetalks").is_empty());
    let q = dateline_core::query::parse("ceasefire");
    let halves: Vec<(String, String)> =
        dateline_core::search::split_words(&q).into_iter().map(|(_, _, a, b)| (a, b)).collect();
    assert_eq!(halves, vec![("ceas".into(), "efire".into()), ("cease".into(), "fire".into())]);
}

/// Issue: `outlet:commonspace.eu` (the name as displayed) returned nothing.
#[test]
fn outlet_and_author_fields_match_displayed_names() {
    let c = common::seeds();
    let by = |q: &str| id_set(&c, q);
    let commonspace = set(&["002_616a772ea8624ea7"]);
    for q in ["outlet:commonspace.eu", "outlet:commonspace", "outlet:\"commonspace.eu\"", "outlet:CommonSpace.EU"] {
        assert_eq!(by(q), commonspace, "{q}");
    }
    assert_eq!(by("outlet:telesur"), set(&["004_eb764ef8279581fd"]));
    assert_eq!(by("outlet:teleSUR"), set(&["004_eb764ef8279581fd"]));
    assert_eq!(by("author:\"Elena Teslova\""), set(&["003_7fa586ce3e554acf"]));
    assert!(by("outlet:nosuchoutlet").is_empty());
}

/// "Did you mean" (issue 17 part 5): a query finding few articles gets the
/// spelling most articles use, for plain words only.
#[test]
fn did_you_mean_suggests_the_common_spelling_for_few_results() {
    let row =
        |id: String, text: &str| (id, Some("alpha".to_string()), None, None, "Talks".to_string(), text.to_string());
    let mut rows: Vec<_> = (0..8).map(|i| row(format!("n{i}"), "The negotiation in Moscow went on")).collect();
    rows.push(row("typo".into(), "A negotiaton with a typo in the text"));
    rows.push(row("other".into(), "Refugees returned to Karabakh"));
    let c = corpus_of(rows);
    let index = Index::build(&c);
    let s = Searcher::new(&index);
    let suggest = |q: &str| s.search(&Request { query: q.into(), ..Request::default() }).suggestion;
    // The typo search finds the 9 articles: no suggestion needed.
    assert_eq!(suggest("negotiaton"), None);
    // Few results (refugees AND the misspelling: 0 articles): the common spelling.
    assert_eq!(suggest("refugees negotiaton").as_deref(), Some("refugees negotiation"));
    assert_eq!(suggest("Refugees NEGOTIATON").as_deref(), Some("Refugees negotiation"));
    // Quoted, negated, prefixed and fielded words are left alone.
    assert_eq!(suggest("\"refugees negotiaton\""), None);
    assert_eq!(suggest("refugees -negotiaton zzzzzz"), None);
    assert_eq!(suggest("refugees negotiat* title:negotiaton"), None);
    // A word nobody misspells gets nothing.
    assert_eq!(suggest("karabakh moscow"), None);
}

/// `vast` found every article about the West: one "Wést" in the corpus
/// made the folded term `west` a name written in other letters, and the
/// name key of both is `vast`. A folded term is another spelling of a
/// name only when most of its occurrences were written with the other
/// letters (`Əliyev`, folded `eliyev`, still finds `aliyev`).
#[test]
fn a_common_word_once_written_with_an_accent_is_no_spelling_of_another() {
    let c = corpus_of([
        row("v1", "A vast steppe", "The vast steppe lies east of the river."),
        row("w1", "The West responds", "The West responded to the talks."),
        row("w2", "West and east", "Envoys from the west arrived."),
        row("w3", "A quoted name", "The band Wést played in the west of the city."),
        row("e1", "Əliyev in Baku", "Əliyev met the envoys in Baku."),
        row("a1", "Aliyev in Sochi", "Aliyev met the envoys in Sochi."),
    ]);
    assert_eq!(id_set(&c, "vast"), set(&["v1"]));
    assert_eq!(id_set(&c, "aliyev"), set(&["a1", "e1"]));
    assert_eq!(id_set(&c, "west"), set(&["w1", "w2", "w3"]));
}
