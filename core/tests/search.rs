//! Search behaviour on the shared fixture corpus, and a property test of
//! the index against a brute-force scan.

mod common;

use common::{corpus_of, fixture};
use dateline_core::index::{segments, Index};
use dateline_core::model::Corpus;
use dateline_core::query::{parse, Atom, Field};
use dateline_core::search::{snippet, Filters, Request, Searcher, Sort};
use dateline_core::text::{edit_distance_within, stem, tokenize};
use proptest::prelude::*;
use std::collections::{BTreeSet, HashSet};

fn ids(corpus: &Corpus, query: &str) -> Vec<String> {
    ids_with(corpus, &Request { query: query.into(), ..Request::default() })
}

fn ids_with(corpus: &Corpus, req: &Request) -> Vec<String> {
    let index = Index::build(corpus);
    Searcher::new(&index).search(req).hits.iter().map(|h| corpus.articles[h.doc as usize].id.clone()).collect()
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
    let terms: HashSet<String> = r.highlight.iter().cloned().collect();
    let c1 = c.articles.iter().find(|a| a.id == "c1").expect("c1");
    let frags = snippet(c1, &terms, 30);
    let marked: Vec<&str> = frags.iter().filter(|f| f.hit).map(|f| f.text.as_str()).collect();
    assert!(marked.contains(&"peace treaty"), "{marked:?}");
    assert!(marked.contains(&"Aliyev"), "{marked:?}");
}

/// Brute-force oracle: the documented matching rules applied to every
/// document's tokens directly.
fn oracle(corpus: &Corpus, query: &str) -> BTreeSet<u32> {
    let q = parse(query);
    let docs: Vec<(Vec<String>, usize)> = corpus
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
            (toks, title_len)
        })
        .collect();
    let term_match = |t: &str, u: &str, typos: bool| {
        !u.is_empty()
            && (u == t
                || stem(u) == stem(t)
                || (typos && t.chars().count() >= 5 && u.chars().next() == t.chars().next() && {
                    let max = if t.chars().count() >= 9 { 2 } else { 1 };
                    edit_distance_within(t, u, max).is_some()
                }))
    };
    let atom_match = |a: &Atom, d: usize, typos: bool| -> bool {
        let (toks, title_len) = &docs[d];
        match a {
            Atom::Term { field, term, prefix } => {
                let range = if *field == Field::Title { &toks[..*title_len] } else { &toks[..] };
                range.iter().any(|u| term_match(term, u, typos) || (*prefix && u.starts_with(term.as_str())))
            }
            Atom::Phrase { field, terms } => {
                let n = terms.len();
                (0..toks.len().saturating_sub(n - 1))
                    .any(|s| (*field != Field::Title || s + n <= *title_len) && (0..n).all(|k| toks[s + k] == terms[k]))
            }
        }
    };
    (0..docs.len())
        .filter(|&d| q.groups.iter().all(|g| g.iter().any(|a| atom_match(a, d, true))))
        .filter(|&d| !q.excluded.iter().any(|a| atom_match(a, d, false)))
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
    ) {
        let corpus = corpus_of(docs.into_iter().enumerate().map(|(i, (title, text))| (format!("d{i}"), None, None, None, title, text)));
        // Build a query mixing plain terms, prefixes, exclusions, OR, phrases and title scope.
        let mut parts = Vec::new();
        for (i, (w, kind)) in q.iter().enumerate() {
            parts.push(match kind {
                0 => w.to_string(),
                1 => format!("{}*", &w[..3]),
                2 if i > 0 => format!("-{w}"),
                3 if i > 0 => format!("OR {w}"),
                4 => format!("\"{w} {}\"", VOCAB[(i * 7) % VOCAB.len()]),
                5 => format!("title:{w}"),
                _ => w.to_string(),
            });
        }
        let query = parts.join(" ");
        let index = Index::build(&corpus);
        let got: BTreeSet<u32> = Searcher::new(&index).search(&Request { query: query.clone(), ..Request::default() }).hits.iter().map(|h| h.doc).collect();
        prop_assert_eq!(got, oracle(&corpus, &query), "query {}", query);
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
