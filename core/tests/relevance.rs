//! Judged relevance queries on the shared fixture corpus and its
//! relevance articles (`common::RELEVANCE_EXTRA`): for each query, the
//! hits a reader expects first, group by group (the order inside a group
//! is free). The measured counterpart on real data is `bench_relevance`.

mod common;

use common::relevance_fixture;
use dateline_core::index::Index;
use dateline_core::search::{Request, Searcher};
use dateline_core::text::terms;
use std::collections::BTreeSet;

/// (query, typed as in the app, expected leading hits in rank groups, why).
type Judged = (&'static str, bool, &'static [&'static [&'static str]], &'static str);

const JUDGED: &[Judged] = &[
    (
        "political",
        false,
        &[&["r1"], &["r6"]],
        "'political' itself (r1 in the title); politeness and politics are variants",
    ),
    ("political", true, &[&["r1"], &["r6"]], "the same while typing"),
    ("politics", false, &[&["r3"]], "the word itself, in the title and three times in the text"),
    ("long", true, &[&["r5"], &["r4"]], "'long' itself before the completion 'longform'"),
    ("poli", true, &[&["r6", "r3", "r2", "r1"]], "an unfinished word: its completions, not 'poly'-like stems"),
    ("karabakh", false, &[&["a2", "c3"], &["a1"]], "in the title and the text, then in the title only"),
    ("talks", false, &[&["a1"]], "'talks' itself (title and text) before 'Talking' in b1"),
    ("talking", false, &[&["b1"]], "'Talking' itself before 'talks'"),
    ("peace treaty", false, &[&["c1"]], "both words in the title and the text"),
    ("\"peace treaty\"", false, &[&["c1"]], "the phrase in the title and the text"),
    ("putin aliyev", false, &[&["b2"]], "both names in the title"),
    ("ceasfire", false, &[&["a2"]], "a typo of the title word 'ceasefire'"),
    (
        "negotiation",
        false,
        &[&["u1"], &["c2"]],
        "the stem sibling 'negotiations' before the typo neighbour 'negociations'",
    ),
    ("families", false, &[&["r5"], &["r4"]], "in the title before in the text"),
    ("police", true, &[&["r6"]], "'police' itself; 'policy' and other completions after"),
];

#[test]
fn judged_queries_rank_the_expected_hits_first() {
    let corpus = relevance_fixture();
    let index = Index::build(&corpus);
    let searcher = Searcher::new(&index);
    let mut failures = Vec::new();
    for &(query, typing, groups, why) in JUDGED {
        let hits: Vec<&str> = searcher
            .search(&Request { query: query.into(), typing, ..Request::default() })
            .hits
            .iter()
            .map(|h| corpus.articles[h.doc as usize].id.as_str())
            .collect();
        let mut at = 0;
        for group in groups {
            let want: BTreeSet<&str> = group.iter().copied().collect();
            let got: BTreeSet<&str> = hits.iter().skip(at).take(group.len()).copied().collect();
            if got != want {
                failures
                    .push(format!("{query:?} (typing {typing}): want {want:?} at ranks {at}.. ({why}); got {hits:?}"));
                break;
            }
            at += group.len();
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every hit of a prefix, typed or written `pre*`, contains a word
/// starting with it (no typo can reach a four-letter prefix).
#[test]
fn prefix_hits_contain_the_prefix() {
    let corpus = relevance_fixture();
    let index = Index::build(&corpus);
    let searcher = Searcher::new(&index);
    for (query, typing) in [("poli", true), ("poli*", false), ("lon", true), ("fami*", false), ("kara", true)] {
        let pre = query.trim_end_matches('*');
        let hits = searcher.search(&Request { query: query.into(), typing, ..Request::default() }).hits;
        assert!(!hits.is_empty(), "{query}");
        for h in hits {
            let a = &corpus.articles[h.doc as usize];
            let words: Vec<String> = std::iter::once(a.title.as_str()).chain(a.texts()).flat_map(terms).collect();
            assert!(words.iter().any(|w| w.starts_with(pre)), "{query}: {} has no word starting with {pre}", a.id);
        }
    }
}
