//! The split layout against the whole index: same answers, only the files
//! asked for, damaged files rejected.

use super::*;
use crate::events;
use crate::index::Index;
use crate::model::{Article, Block, Corpus, Date, DateInfo, DatePrecision, Provenance, Report, SCHEMA_VERSION};
use crate::search::{Filters, Request, Searcher, Sort};
use std::collections::HashMap;

/// A payload compressed as the writer does, without adding a header.
fn compressed(payload: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut w = brotli::CompressorWriter::new(Vec::new(), 4096, 1, 22);
    w.write_all(payload).expect("writes to a Vec");
    w.into_inner()
}

fn corpus(n: usize) -> Corpus {
    // A small deterministic corpus with shared and rare words, stems,
    // prefixes, typos, phrases, authors, outlets and dates.
    let words = [
        "putin",
        "talks",
        "talked",
        "talking",
        "karabakh",
        "karabak",
        "peace",
        "treaty",
        "ceasefire",
        "cease",
        "fire",
        "moscow",
        "baku",
        "yerevan",
        "aliyev",
        "pashinyan",
        "politics",
        "political",
        "politeness",
        "refugees",
        "border",
        "transport",
        "negotiation",
        "negotiations",
        "summit",
        "statement",
        "trilateral",
        "kremlin",
        "envoy",
        // Other languages and scripts: stems by language (Turkish words
        // stemmed as written), names across scripts, bigrams.
        "Карабах",
        "Карабаха",
        "переговоры",
        "переговорах",
        "Алиевым",
        "Cumhurbaşkanı",
        "KIZLAR",
        "kızları",
        "görüşmeleri",
        "Ղարաբաղ",
        "Əliyev",
        "普京会见",
    ];
    let mut seed = 0x1234_5678_u64;
    let mut next = |m: usize| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) as usize) % m
    };
    let articles = (0..n)
        .map(|i| {
            let mut sentence = |k: usize| (0..k).map(|_| words[next(words.len())]).collect::<Vec<_>>().join(" ");
            let title = sentence(4);
            let lead = sentence(12);
            let body =
                vec![Block::Paragraph(sentence(30)), Block::Paragraph(format!("On 9 November 2020 {}", sentence(10)))];
            let date = (i % 7 != 0)
                .then(|| Date::new(2020 + (i % 4) as i32, 1 + (i % 12) as u8, 1 + (i % 28) as u8))
                .flatten();
            Article {
                id: format!("a{i:04}"),
                title,
                outlet: (i % 5 != 0).then(|| ["alpha", "beta", "gamma"][i % 3].to_string()),
                date: DateInfo {
                    date,
                    time: None,
                    precision: if date.is_some() { DatePrecision::Day } else { DatePrecision::Unknown },
                    source: String::new(),
                },
                author: (i % 3 == 0).then(|| ["Jane Roe", "John Doe"][i % 2].to_string()),
                dateline: None,
                lead,
                body,
                provenance: Provenance {
                    file: format!("a{i}.txt"),
                    format: "txt".into(),
                    record: None,
                    url: None,
                    outlet_source: String::new(),
                    outlet_evidence: crate::model::EvidenceKind::None,
                    source_evidence: None,
                    page: None,
                },
                // Some reprints, to group by original source.
                original_source: (i % 4 == 1).then(|| "gamma".to_string()),
                duplicates: vec![],
                language: [None, Some("en"), Some("ru"), Some("tr"), Some("hy")][i % 5].map(|code| {
                    crate::model::LanguageInfo { code: code.into(), confidence: 90, source: "detected".into() }
                }),
                credits: vec![],
                suggested_date: None,
            }
        })
        .collect();
    Corpus {
        schema_version: SCHEMA_VERSION,
        name: "split-test".into(),
        outlets: ["alpha", "beta", "gamma"]
            .iter()
            .map(|k| crate::model::Outlet {
                key: k.to_string(),
                name: format!("The {k}"),
                short: k.to_string(),
                home: None,
            })
            .collect(),
        articles,
        report: Report::default(),
    }
}

fn small_chunks() -> WriteOptions {
    WriteOptions {
        dict_bytes: 200,
        stem_bytes: 150,
        postings_bytes: 300,
        inline_bytes: 10,
        fragment_articles: 3,
        fragment_bytes: 2000,
        ids_per_chunk: 7,
        // Some words common (pairs), others not.
        pair_positions_bytes: 200,
        pair_block_bytes: 300,
        // Frequent words' lists in tiers, their first rows often unproven.
        tier_min_docs: 6,
        tier_head: 3,
        // Many words answered, each with a short top, so that filters
        // often leave too few of it (and the lists are read instead).
        answer_min_bytes: 64,
        answer_top: 4,
        // And deeper hits that serve some filters, not all.
        answer_deep: 8,
        answer_max: usize::MAX,
    }
}

/// Runs a request as the app does, ranking its first `k` hits: from the
/// stored answer when it serves, else from the lists
/// ([`SplitStore::need`], [`SplitStore::search`]); returns the results
/// and the files fetched.
fn search_split_top(
    store: &mut SplitStore,
    files: &HashMap<String, Vec<u8>>,
    req: &Request,
    k: usize,
) -> (crate::search::Results, Vec<String>) {
    let mut fetched = Vec::new();
    for _round in 0..8 {
        match store.need(req, k) {
            Need::Ready => {
                let axis = crate::search::corpus_axis(store.index());
                let results = store.search(req, axis, k);
                match store.unproven(&results, k) {
                    Need::Ready => return (results, fetched),
                    Need::Files(names) => fetched.extend(names),
                }
            }
            Need::Files(names) => fetched.extend(names),
        }
        for n in &fetched {
            store.add(n, &files[n]).expect("valid file");
        }
    }
    panic!("the store kept asking for files for {:?}", req.query);
}

fn split(c: &Corpus, opts: &WriteOptions) -> (Index, SplitFiles, HashMap<String, Vec<u8>>) {
    let index = Index::build(c);
    let ev = events::extract(c).file;
    let files = write(c, &index, &ev, opts);
    let by_name = files.files.iter().cloned().collect();
    (index, files, by_name)
}

/// Runs a request on the store, fetching (from the map) what it asks for;
/// returns the results and the files fetched.
fn search_split(
    store: &mut SplitStore,
    files: &HashMap<String, Vec<u8>>,
    req: &Request,
) -> (crate::search::Results, usize) {
    let mut fetched = 0;
    for _round in 0..8 {
        match store.missing(req) {
            Need::Ready => {
                let axis = crate::search::corpus_axis(store.index());
                let results = Searcher::with_axis(store.index(), axis.clone()).search(req);
                // Every hit is ranked: the tails of the tiered lists it
                // read, unless none of its hits is bounded.
                match store.unproven(&results, results.hits.len()) {
                    Need::Ready => return (results, fetched),
                    Need::Files(names) => {
                        for n in names {
                            store.add(&n, &files[&n]).expect("valid file");
                            fetched += 1;
                        }
                    }
                }
            }
            Need::Files(names) => {
                for n in names {
                    store.add(&n, &files[&n]).expect("valid file");
                    fetched += 1;
                }
            }
        }
    }
    panic!("the store kept asking for files for {:?}", req.query);
}

/// A store holding only the columns, as the app has it at start.
fn started(files: &SplitFiles, by_name: &HashMap<String, Vec<u8>>) -> SplitStore {
    let mut store = SplitStore::new(files.manifest.clone());
    store.add(&files.manifest.columns, &by_name[&files.manifest.columns]).expect("columns");
    store
}

#[test]
fn split_answers_equal_the_whole_index() {
    // Phrases read from pairs when a word is common: every word (1 byte),
    // some (200 bytes), none (0).
    let c = corpus(120);
    let min_df = |bytes| crate::index::min_df_for(&Index::build(&c), bytes);
    let (all, some) = (min_df(1).expect("every word"), min_df(200).expect("some words"));
    let rarest = Index::build(&c).df.iter().copied().min().unwrap_or(0);
    assert!(all == rarest && some > rarest, "{all} {some} {rarest}");
    for pair_positions_bytes in [200, 1, 0] {
        let opts = WriteOptions { pair_positions_bytes, ..small_chunks() };
        let manifest = same_answers_as_the_whole_index(&c, &opts);
        let want = match pair_positions_bytes {
            0 => None,
            1 => Some(all),
            _ => Some(some),
        };
        // Several pair blocks, each found by its first key.
        assert!(manifest.pairs.as_ref().is_none_or(|p| p.dict.count > 3), "{:?}", manifest.pairs);
        assert_eq!(manifest.pairs.map(|p| p.min_df), want);
    }
}

/// Typo variants are read from the typo chunks of the word's first
/// character and of the lengths within its edit distance, here on a fresh
/// store for each query (a store that ran other queries may hold them
/// already, and a typo next to the word in the dictionary's order is in
/// the word's own chunk): a typo of another length far from the word
/// (`plitics`: `politics`) is found as on the whole index. With the typo
/// chunks left out of the manifest (a corpus written before them) every
/// dictionary chunk of the first character is read instead, with the same
/// answers. (What the typo chunks save is measured on real dictionaries,
/// `bench_split`: this one is too small for a first character's terms to
/// fill many chunks.)
#[test]
fn typos_of_another_length_are_found_on_a_fresh_store() {
    let c = corpus(120);
    let opts = WriteOptions { dict_bytes: 40, ..small_chunks() };
    let (index, files, by_name) = split(&c, &opts);
    assert!(files.manifest.typos.len() > 10, "{} typo chunks", files.manifest.typos.len());
    let mut without = files.manifest.clone();
    without.typos.clear();
    let axis = crate::search::corpus_axis(&index);
    for q in ["plitics", "negotiaton", "karabah", "trilaterl", "pashinian", "statment", "refugeees", "polit"] {
        for typing in [false, true] {
            let req = Request { query: q.into(), typing, ..Request::default() };
            let want = Searcher::with_axis(&index, axis.clone()).search(&req);
            assert!(q == "polit" || want.hits.iter().any(|h| h.typos > 0), "{q:?}: no typo hit to test");
            for (i, manifest) in [&files.manifest, &without].into_iter().enumerate() {
                let mut store = SplitStore::new(manifest.clone());
                store.add(&manifest.columns, &by_name[&manifest.columns]).expect("columns");
                let (got, _) = search_split(&mut store, &by_name, &req);
                assert_eq!(got.hits, want.hits, "hits of {q:?} typing {typing}, typo chunks {}", i == 0);
                assert_eq!(got.outlet_counts, want.outlet_counts, "counts of {q:?}");
                assert_eq!(got.suggestion, want.suggestion, "suggestion for {q:?}");
            }
        }
    }
}

/// The app runs a waiting search again when `index_files` changes, so
/// every file a search reads must change it (a typo chunk did not: a
/// query waiting for one never ran in the browser), and no other file.
#[test]
fn every_file_a_search_reads_changes_index_files() {
    let c = corpus(120);
    let (_, files, by_name) = split(&c, &WriteOptions { dict_bytes: 40, ..small_chunks() });
    let m = &files.manifest;
    let mut store = started(&files, &by_name);
    let mut kinds = std::collections::BTreeSet::new();
    for name in m.files() {
        if name == m.columns {
            continue;
        }
        let before = store.index_files();
        store.add(&name, &by_name[&name]).expect("valid file");
        let kind = name.split('-').next().unwrap_or_default().to_string();
        let read_by_search = !["f", "ids", "events"].contains(&kind.as_str());
        assert_eq!(store.index_files(), before + usize::from(read_by_search), "{name}");
        kinds.insert(kind);
    }
    let want = ["a", "authors", "d", "dict", "events", "f", "ids", "p", "pairs", "q", "stems", "t", "typos"];
    assert_eq!(kinds.into_iter().collect::<Vec<_>>(), want);
}

#[test]
fn varint_len_is_what_put_varint_writes() {
    for v in [0, 1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, u64::from(u32::MAX), u64::MAX] {
        let mut out = Vec::new();
        put_varint(&mut out, v);
        assert_eq!(varint_len(v), out.len(), "{v}");
    }
}

/// Typo keys sort by first character, then length, then term, so the
/// terms a typo can be are one range of typo chunks.
#[test]
fn typo_keys_sort_by_first_character_then_length() {
    let mut terms = vec!["politics", "plitics", "peace", "putin", "pólitics", "qatar", "переговоры", "pa", "polit"];
    terms.sort_by_key(|t| typo_key(t));
    assert_eq!(terms, ["pa", "peace", "polit", "putin", "plitics", "politics", "pólitics", "qatar", "переговоры"]);
    let chunks: Vec<Chunk> = terms.iter().map(|t| Chunk { first: typo_key(t), file: (*t).to_string() }).collect();
    let files = |first: &str, lengths| {
        typo_chunks(&chunks, first, lengths).map(|k| chunks[k].file.as_str()).collect::<Vec<_>>()
    };
    // Lengths 7 to 8 of `p`: the chunk before them may hold some too.
    assert_eq!(files("p", (7, 8)), ["putin", "plitics", "politics", "pólitics"]);
    assert_eq!(files("p", (5, 5)), ["pa", "peace", "polit", "putin"]);
    assert_eq!(files("q", (4, 6)), ["pólitics", "qatar"]);
    assert!(files("z", (4, 6)).len() <= 1);
}

fn same_answers_as_the_whole_index(c: &Corpus, opts: &WriteOptions) -> Manifest {
    let (index, files, by_name) = split(c, opts);
    let mut store = started(&files, &by_name);
    let whole_axis = crate::search::corpus_axis(&index);
    let queries = [
        "putin",
        "talks",
        "talking",
        "karabak",
        "karabakh",
        "karabah",
        "negotiaton",
        "poli",
        "poli*",
        "peace treaty",
        "\"peace treaty\"",
        "baku OR yerevan",
        "putin -moscow",
        "title:ceasefire",
        "cease-fire",
        "cease fire",
        "peace treaty talks",
        "title:cease-fire",
        "peace-treaty",
        "peacetreaty",
        "title:peacetreaty",
        "ceasefire talks",
        "outlet:beta",
        "author:roe",
        "zzz",
        "",
        "trilat",
        "\"on 9 november\"",
        "\"peace treaty talks\"",
        "\"putin talks\"",
        "title:\"peace treaty\"",
        "\"talks talks\"",
        "\"peace zzz\"",
        "\"cease fire\"",
        "\"ceasefire talks\" -\"putin talks\"",
        "\"9 november\" OR \"peace treaty\"",
        "politics -politeness",
        "summit*",
        "карабах",
        "переговоры",
        "cumhurbaskani",
        "kizlar",
        "aliyev",
        "Əliyev",
        "ղարաբաղ",
        "会见",
        "普京会见",
        "gorusme",
    ];
    for q in queries {
        for typing in [false, true] {
            for filters in [
                Filters::default(),
                Filters {
                    outlets: vec![1, 3],
                    from: Some(18_300),
                    to: Some(19_000),
                    by_source: false,
                    languages: vec![],
                },
                Filters { outlets: vec![2], by_source: true, ..Filters::default() },
                Filters { languages: vec![1, 2], ..Filters::default() },
            ] {
                for sort in [Sort::Relevance, Sort::Newest] {
                    let req = Request { query: q.into(), filters: filters.clone(), sort, typing };
                    let want = Searcher::with_axis(&index, whole_axis.clone()).search(&req);
                    let (got, _) = search_split(&mut store, &by_name, &req);
                    assert_eq!(got.hits, want.hits, "hits of {q:?} typing {typing}");
                    assert_eq!(got.outlet_counts, want.outlet_counts, "counts of {q:?}");
                    assert_eq!(got.histogram, want.histogram, "histogram of {q:?}");
                    assert_eq!(got.highlight, want.highlight, "highlight of {q:?}");
                    assert_eq!(got.phrases, want.phrases, "phrases of {q:?}");
                    assert_eq!(got.language_counts, want.language_counts, "language counts of {q:?}");
                    assert_eq!(got.also, want.also, "also matched of {q:?}");
                    // As the app asks: the first rows, from a stored
                    // answer where there is one that serves.
                    for k in [0, 3, 6] {
                        let want = Searcher::with_axis(&index, whole_axis.clone()).search_top(&req, k);
                        let (got, _) = search_split_top(&mut store, &by_name, &req, k);
                        assert_eq!(got, want, "{q:?} typing {typing}, {k} rows");
                    }
                }
            }
        }
    }
    files.manifest
}

#[test]
fn a_query_fetches_only_part_of_the_corpus() {
    let c = corpus(400);
    let (_, files, by_name) = split(&c, &small_chunks());
    let mut store = started(&files, &by_name);
    let (_, fetched) =
        search_split(&mut store, &by_name, &Request { query: "\"peace treaty\"".into(), ..Request::default() });
    assert!(fetched > 0);
    assert!(fetched * 3 < files.files.len(), "{fetched} of {} files", files.files.len());
}

/// Rounds of requests until the store is ready for `req`.
fn rounds(store: &mut SplitStore, files: &HashMap<String, Vec<u8>>, req: &Request) -> usize {
    for round in 0..8 {
        match store.missing(req) {
            Need::Ready => return round,
            Need::Files(names) => {
                for n in names {
                    store.add(&n, &files[&n]).expect("valid file");
                }
            }
        }
    }
    panic!("the store kept asking for files for {:?}", req.query);
}

/// Fetches what `req` needs, each round with the early rows'
/// fragments ([`SplitStore::early_articles`]) when `early`; then the
/// first `rows` rows' fragments. Returns the results, the rounds, and
/// whether the rows needed a round of their own.
fn fetch_with_rows(
    store: &mut SplitStore,
    files: &HashMap<String, Vec<u8>>,
    req: &Request,
    rows: usize,
    early: bool,
) -> (crate::search::Results, usize, bool) {
    for round in 0..8 {
        match store.missing(req) {
            Need::Ready => {
                let axis = crate::search::corpus_axis(store.index());
                let results = Searcher::with_axis(store.index(), axis).search(req);
                let own = match store.need_articles(results.hits.iter().take(rows).map(|h| h.doc)) {
                    Need::Ready => false,
                    Need::Files(names) => {
                        for n in names {
                            store.add(&n, &files[&n]).expect("valid file");
                        }
                        true
                    }
                };
                return (results, round + usize::from(own), own);
            }
            Need::Files(mut names) => {
                // Files arrive one by one, and the app asks again after
                // each: the guess is made when the words' own lists are in.
                let mut i = 0;
                while i < names.len() {
                    store.add(&names[i], &files[&names[i]]).expect("valid file");
                    i += 1;
                    if early && matches!(store.missing(req), Need::Files(_)) {
                        if let Need::Files(rows) = store.early_articles(req, rows) {
                            let fragment = format!("{}-", store.manifest().fragments.prefix);
                            assert!(rows.iter().all(|n| n.starts_with(&fragment)), "only fragments: {rows:?}");
                            // Once per request.
                            assert_eq!(store.early_articles(req, 8), Need::Ready);
                            names.extend(rows);
                        }
                    }
                }
            }
        }
    }
    panic!("the store kept asking for files for {:?}", req.query);
}

#[test]
fn the_first_rows_come_with_the_last_lists_and_change_no_answer() {
    // Words whose typo variants, stems or completions are in lists the
    // first round cannot guess: their rows' fragments come in the second
    // round, with those lists, instead of a third; the answers are the
    // same, and a guess that the last lists overturn costs a round as
    // before, never a wrong row.
    let mut c = corpus(400);
    // A rare spelling one letter from a common word ("pence", "peace"),
    // with words between the two in the dictionary's order, so that its
    // list is in a file of its own that only its dictionary entry names.
    let between = "pebble pecan peculiar pedal pedestrian peek peel peer pelican pelt penalty pencil";
    for a in c.articles.iter_mut().rev().take(6) {
        a.title = "pelican penguin".into();
        a.lead = format!("pence {between}");
        a.body = vec![Block::Paragraph(between.into())];
    }
    let (_, files, by_name) = split(&c, &small_chunks());
    let (mut saved, mut asked) = (0, 0);
    let words =
        ["peace", "karabak", "talks", "politics", "negotiation", "refugee", "treaty", "summt", "polit", "peace border"];
    let more = ["putin", "talked", "moscow", "baku", "yerevan", "aliyev", "border", "transport", "summit", "statement"];
    for q in words.iter().chain(&more) {
        let req = Request { query: q.to_string(), typing: true, ..Request::default() };
        let (plain, plain_rounds, _) = fetch_with_rows(&mut started(&files, &by_name), &by_name, &req, 8, false);
        let (early, early_rounds, _) = fetch_with_rows(&mut started(&files, &by_name), &by_name, &req, 8, true);
        assert_eq!(early, plain, "{q}");
        assert!(early_rounds <= plain_rounds, "{q}: {early_rounds} rounds with the early rows, {plain_rounds} without");
        asked += usize::from(plain_rounds > 1);
        saved += usize::from(early_rounds < plain_rounds);
    }
    assert!(saved > 0, "no round saved in {asked} queries that took more than one");
    // A word being typed that is no term has only completions, whose order
    // the lists still out decide: no guess.
    let req = Request { query: "pelic".into(), typing: true, ..Request::default() };
    let mut store = started(&files, &by_name);
    while let Need::Files(names) = store.missing(&req) {
        for n in names {
            store.add(&n, &by_name[&n]).expect("valid file");
            assert_eq!(store.early_articles(&req, 8), Need::Ready, "after {n}");
        }
    }
}

/// Regression (1M articles: every arrival rebuilt the index, copying
/// every list fetched so far, 150 MB and more late in a session): lists
/// that arrive alone are given to the terms waiting for them in place,
/// and the index is the one a store that had all the files from the
/// start builds.
#[test]
fn lists_that_arrive_alone_are_given_in_place_to_the_same_index() {
    let c = corpus(400);
    let (_, files, by_name) = split(&c, &small_chunks());
    let (mut in_place, mut arrivals) = (0, 0);
    for q in ["peace", "karabak", "talks", "polit", "summt", "\"peace talks\"", "negotiation border"] {
        let req = Request { query: q.to_string(), typing: true, ..Request::default() };
        // Files one at a time, the index asked for after each.
        let mut store = started(&files, &by_name);
        let mut added = Vec::new();
        while let Need::Files(names) = store.missing(&req) {
            for n in names {
                let lists =
                    n.starts_with(&files.manifest.postings.prefix) || n.starts_with(&files.manifest.positions.prefix);
                let before = store.index().terms.as_ptr();
                store.add(&n, &by_name[&n]).expect("valid file");
                if lists {
                    arrivals += 1;
                    in_place += usize::from(store.index().terms.as_ptr() == before);
                }
                added.push(n);
            }
        }
        // The same files, the index built once.
        let mut whole = started(&files, &by_name);
        for n in &added {
            whole.add(n, &by_name[n]).expect("valid file");
        }
        let (a, b) = (store.index().clone(), whole.index());
        assert_eq!(a.terms, b.terms, "{q}");
        for id in 0..a.terms.len() as u32 {
            assert_eq!(a.has_lists(id), b.has_lists(id), "{q}: {}", a.terms[id as usize]);
            assert_eq!(a.raw_parts(id), b.raw_parts(id), "{q}: {}", a.terms[id as usize]);
        }
        let axis = crate::search::corpus_axis(&a);
        let (got, want) =
            (Searcher::with_axis(&a, axis.clone()).search(&req), Searcher::with_axis(b, axis).search(&req));
        assert_eq!(got.hits, want.hits, "{q}");
        assert_eq!(got.docs, want.docs, "{q}");
    }
    assert!(arrivals > 0 && in_place == arrivals, "{in_place} of {arrivals} list files given in place");
}

#[test]
fn a_phrase_is_ready_after_one_round() {
    // A phrase of words none of which is common reads its words' exact
    // lists: the first round brings their dictionary chunks and, guessed
    // from the manifest, their postings and positions files.
    let c = corpus(400);
    for opts in [WriteOptions { pair_positions_bytes: 0, ..small_chunks() }, small_chunks()] {
        let (_, files, by_name) = split(&c, &opts);
        assert!(files.manifest.postings.count > 3 && files.manifest.positions.count > 3);
        let common = files.manifest.pairs.as_ref().map(|p| p.common.clone()).unwrap_or_default();
        for q in ["\"peace treaty\"", "\"on 9 november\"", "\"zzz qqq\""] {
            if q.trim_matches('"').split(' ').any(|w| common.iter().any(|c| c == w)) {
                continue;
            }
            let mut store = started(&files, &by_name);
            assert_eq!(rounds(&mut store, &by_name, &Request { query: q.into(), ..Request::default() }), 1, "{q}");
        }
    }
}

#[test]
fn a_phrase_with_a_common_word_reads_pairs_not_the_words_positions() {
    // Regression (cold phrases at 40k articles read 486 KB of `trump`'s
    // positions): a phrase with a common word reads the pair's lists, in
    // the first round (its pair block holds them; split version 5 needed
    // a second round for the lists).
    let c = corpus(400);
    // A quarter of the words common.
    let whole = Index::build(&c);
    let mut lens: Vec<usize> = (0..whole.terms.len() as u32).map(|id| whole.raw_parts(id).1.len()).collect();
    lens.sort_unstable();
    let opts = WriteOptions { pair_positions_bytes: lens[lens.len() * 3 / 4], ..small_chunks() };
    let (index, files, by_name) = split(&c, &opts);
    let pairs = files.manifest.pairs.clone().expect("pairs");
    assert!(!pairs.common.is_empty() && pairs.common.len() < index.terms.len());
    // Two words side by side in the first article, one of them common.
    let words: Vec<String> = c.articles[0].texts().map(crate::text::terms).find(|t| t.len() > 2).expect("a paragraph");
    let pair =
        words.windows(2).find(|w| pairs.common.contains(&w[0]) || pairs.common.contains(&w[1])).expect("a common word");
    let q = format!("\"{} {}\"", pair[0], pair[1]);
    let req = Request { query: q.clone(), ..Request::default() };
    let mut store = started(&files, &by_name);
    assert_eq!(rounds(&mut store, &by_name, &req), 1, "{q}");
    let loaded = store.loaded_files();
    assert!(loaded.iter().any(|f| f.starts_with(&pairs.dict.prefix)), "{loaded:?}");
    assert!(!loaded.iter().any(|f| f.starts_with(&files.manifest.positions.prefix)), "{loaded:?}");
    let want = Searcher::with_axis(&index, crate::search::corpus_axis(&index)).search(&req);
    assert!(!want.hits.is_empty());
    assert_eq!(search_split(&mut store, &by_name, &req).0.hits, want.hits);
}

#[test]
fn a_long_words_halves_and_their_pair_come_with_the_word() {
    // Regression: `ceasefire` also matches the phrase "cease fire", which
    // is read from its pair when a half is common; the split store did not
    // fetch that pair block, so the phrase matched nowhere and articles
    // with "cease fire" were silently missing. The pair block now comes in
    // the first round, with the word's own chunk.
    let c = corpus(400);
    // Dictionary chunks of a few terms each; "fire" common.
    let opts = WriteOptions { dict_bytes: 40, ..small_chunks() };
    let (index, files, by_name) = split(&c, &opts);
    let m = &files.manifest;
    let chunk = |t: &str| crate::split::chunk_of(&m.dict, t);
    assert!(chunk("ceasefire") != chunk("fire") && chunk("cease") != chunk("fire"), "the halves in other chunks");
    assert!(m.pairs.as_ref().is_some_and(|p| p.common.iter().any(|w| w == "fire" || w == "cease")));
    for q in ["ceasefire", "title:ceasefire", "ceasefire talks"] {
        let req = Request { query: q.into(), ..Request::default() };
        let mut store = SplitStore::new(m.clone());
        store.add(&m.columns, &by_name[&m.columns]).expect("columns");
        let n = rounds(&mut store, &by_name, &req);
        assert!(n <= 2, "{q}: {n} rounds");
        let want = Searcher::with_axis(&index, crate::search::corpus_axis(&index)).search(&req);
        let got = search_split(&mut store, &by_name, &req).0;
        assert!(!want.hits.is_empty());
        assert_eq!(got.docs, want.docs, "{q}");
        assert_eq!(got.hits, want.hits, "{q}");
    }
}

#[test]
fn a_long_word_whose_halves_are_not_both_terms_fetches_no_half() {
    // Regression (a round and a dictionary chunk for 20 of 200 single words
    // at 40k articles): `continue` cuts into "cont" and "inue"; "cont" is a
    // term, so the store fetched the chunk "inue" would be in, for a phrase
    // alternative the search never adds. The word's entry now lists the
    // cuts whose halves are both terms.
    let mut c = corpus(400);
    c.articles[0].lead.push_str(" cont continue");
    c.articles[1].lead.push_str(" continue");
    let opts = WriteOptions { dict_bytes: 40, ..small_chunks() };
    let (index, files, by_name) = split(&c, &opts);
    let m = &files.manifest;
    let chunk = |t: &str| crate::split::chunk_of(&m.dict, t).expect("a chunk");
    assert!(index.term_id("cont").is_some() && index.term_id("inue").is_none());
    assert_ne!(chunk("continue"), chunk("inue"));
    let half = m.dict[chunk("inue")].file.clone();
    for q in ["continue", "ceasefire"] {
        let req = Request { query: q.into(), ..Request::default() };
        let mut store = started(&files, &by_name);
        let got = search_split(&mut store, &by_name, &req).0;
        let want = Searcher::with_axis(&index, crate::search::corpus_axis(&index)).search(&req);
        assert!(!want.hits.is_empty(), "{q}");
        assert_eq!(got.hits, want.hits, "{q}");
        if q == "continue" {
            assert!(!store.loaded_files().contains(&half), "{q} fetched {half}");
        } else {
            // Both halves are terms: the second half's chunk is read.
            assert!(store.loaded_files().contains(&m.dict[chunk("fire")].file), "{q}");
        }
    }
}

#[test]
fn short_lists_are_inline_and_files_are_found_by_their_separators() {
    let c = corpus(200);
    let index = Index::build(&c);
    // Half the documents lists inline.
    let mut lens: Vec<usize> = (0..index.terms.len() as u32).map(|id| index.raw_parts(id).0.len()).collect();
    lens.sort_unstable();
    let opts = WriteOptions { inline_bytes: lens[lens.len() / 2], ..small_chunks() };
    let (_, files, by_name) = split(&c, &opts);
    let m = &files.manifest;
    assert_eq!(m.postings.first.len() as u32, m.postings.count);
    assert_eq!(m.positions.first.len() as u32, m.positions.count);
    let inline = lens.iter().filter(|&&n| n <= opts.inline_bytes).count();
    assert!(inline > 0 && inline < index.terms.len(), "{inline} of {}", index.terms.len());
    let in_files: usize = (0..m.postings.count).map(|k| by_name[&m.postings.file(k)].len()).sum::<usize>();
    assert!(in_files > 0, "postings files {} tails {}", m.postings.count, m.tails.count);
    // And the answers are the same.
    let mut store = SplitStore::new(m.clone());
    store.add(&m.columns, &by_name[&m.columns]).expect("columns");
    for q in ["putin", "\"peace treaty\"", "talks -moscow", "karabah"] {
        let req = Request { query: q.into(), ..Request::default() };
        let want = Searcher::with_axis(&index, crate::search::corpus_axis(&index)).search(&req);
        assert_eq!(search_split(&mut store, &by_name, &req).0.hits, want.hits, "{q}");
    }
    assert!(m.postings.count > 1);
    for n in [&m.postings, &m.positions].into_iter().filter(|n| n.count > 1) {
        assert!(n.first.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(n.file_of(&n.first[1]), Some(1));
        assert_eq!(n.file_of(""), None);
        assert!(n.files_of_prefix(&n.first[1]).contains(&1));
    }
    // A manifest whose first terms do not match its files is refused.
    let mut bad = m.clone();
    bad.postings.first.pop();
    assert!(matches!(Manifest::from_json(&bad.to_json()), Err(SplitError::Manifest(_))));
}

#[test]
fn articles_ids_and_events_read_back() {
    let c = corpus(50);
    let (_, files, by_name) = split(&c, &small_chunks());
    let mut store = started(&files, &by_name);
    for (doc, a) in c.articles.iter().enumerate() {
        let doc = doc as u32;
        assert!(store.article(doc).is_none() || store.need_articles([doc]) == Need::Ready);
        if let Need::Files(f) = store.need_articles([doc]) {
            for n in f {
                store.add(&n, &by_name[&n]).expect("fragment");
            }
        }
        assert_eq!(store.article(doc), Some(a.clone()));
        let found = match store.doc_of_id(&a.id) {
            Ok(d) => d,
            Err(Need::Files(f)) => {
                for n in f {
                    store.add(&n, &by_name[&n]).expect("ids");
                }
                store.doc_of_id(&a.id).expect("ids loaded")
            }
            Err(Need::Ready) => unreachable!(),
        };
        assert_eq!(found, Some(doc));
    }
    assert_eq!(store.doc_of_id("nope"), Ok(None));
    store.add(&files.manifest.events, &by_name[&files.manifest.events]).expect("events");
    let whole = crate::events::EventIndex::new(events::extract(&c).file, c.articles.len());
    let split_events = store.events().expect("events loaded");
    let all: Vec<u32> = (0..c.articles.len() as u32).collect();
    assert_eq!(crate::events::group(split_events, &all, &|_| 0), crate::events::group(&whole, &all, &|_| 0));
}

#[test]
fn damaged_files_are_errors_naming_the_file() {
    let c = corpus(30);
    let (_, files, by_name) = split(&c, &small_chunks());
    let m = &files.manifest;
    let mut store = SplitStore::new(m.clone());
    let cols = &by_name[&m.columns];
    let err = store.add(&m.columns, &cols[..cols.len() / 2]).unwrap_err();
    assert!(err.to_string().contains(&m.columns), "{err}");
    // Another file's bytes under the columns' name: wrong magic.
    let err = store.add(&m.columns, &by_name[&m.authors]).unwrap_err();
    assert!(matches!(err, SplitError::Magic { .. }), "{err}");
    assert!(store.add("unknown.bin", cols).is_err());
    // A file of an older build (versions up to 8 were raw DEFLATE): its
    // version is named, with the advice to rebuild.
    let mut old = unseal(cols).expect("decompresses");
    old[4..8].copy_from_slice(&8u32.to_le_bytes());
    let err = store.add(&m.columns, &miniz_oxide::deflate::compress_to_vec(&old, 6)).unwrap_err();
    assert!(matches!(err, SplitError::Version { found: 8, expected: SPLIT_VERSION, .. }), "{err}");
    assert!(err.to_string().contains("rebuild the corpus") && err.to_string().contains(&m.columns), "{err}");
    // A version from the future.
    let mut payload = unseal(cols).expect("decompresses");
    payload[4] = 99;
    let err = store.add(&m.columns, &compressed(&payload)).unwrap_err();
    assert!(matches!(err, SplitError::Version { found: 99, .. }), "{err}");
    // A postings file whose lists in columns do not read back (an
    // unknown kind of list, see `packed.rs`).
    let (postings, _) = files.files.iter().find(|(n, _)| n.starts_with("p-")).expect("a postings file");
    let mut payload = unseal(&by_name[postings]).expect("decompresses");
    payload[8] = 7;
    let err = store.add(postings, &compressed(&payload)).unwrap_err();
    assert!(matches!(err, SplitError::Corrupt { .. }) && err.to_string().contains(postings.as_str()), "{err}");
    // A positions file whose first list says it is longer than the file.
    let (positions, _) = files.files.iter().find(|(n, _)| n.starts_with("q-")).expect("a positions file");
    let mut payload = unseal(&by_name[positions]).expect("decompresses");
    payload.truncate(9);
    payload[8] = 0x7f;
    let err = store.add(positions, &compressed(&payload)).unwrap_err();
    assert!(matches!(err, SplitError::Corrupt { .. }) && err.to_string().contains(positions.as_str()), "{err}");
    // Every truncation of every file is an error, never a panic.
    for (name, bytes) in &files.files {
        for cut in [0, 1, bytes.len() / 3, bytes.len().saturating_sub(1)] {
            let mut fresh = SplitStore::new(m.clone());
            fresh.add(&m.columns, cols).expect("columns");
            let _ = fresh.add(name, &bytes[..cut]);
        }
    }
    assert!(Manifest::from_json("{}").is_err());
    let mut future = m.clone();
    future.version = 99;
    assert!(Manifest::from_json(&future.to_json()).is_err());
    assert_eq!(Manifest::from_json(&m.to_json()).expect("round trip"), *m);
}

/// Impact tiers in the written layout: a common word's list arrives
/// without most of its body frequencies; the first rows come without
/// them when they are proven, and with them (one more round) when not;
/// either way the answer is the whole index's.
#[test]
fn tails_are_fetched_only_when_the_first_rows_need_them() {
    let c = corpus(300);
    let opts = small_chunks();
    let (index, files, by_name) = split(&c, &opts);
    let m = &files.manifest;
    assert!(m.tails.count > 0, "some lists are tiered");
    let (mut without, mut with) = (0, 0);
    for q in
        ["putin", "talks", "peace", "treaty", "karabakh", "politics", "peace talks", "title:peace", "putin OR baku"]
    {
        for k in [1, 3, 8] {
            let req = Request { query: q.into(), ..Request::default() };
            let mut store = started(&files, &by_name);
            rounds(&mut store, &by_name, &req);
            let axis = crate::search::corpus_axis(store.index());
            let want = Searcher::with_axis(&index, axis.clone()).search_top(&req, k);
            let got = Searcher::with_axis(store.index(), axis.clone()).search_top(&req, k);
            // Counts and the timeline never wait for a tail.
            assert_eq!(
                (&got.docs, &got.outlet_counts, &got.histogram),
                (&want.docs, &want.outlet_counts, &want.histogram)
            );
            let tails = |store: &SplitStore| store.loaded_files().iter().filter(|f| f.starts_with("t-")).count();
            match store.unproven(&got, k) {
                Need::Ready => {
                    assert_eq!(got.hits, want.hits, "{q} proven without its tails");
                    without += usize::from(tails(&store) == 0 && store.bounded_lists() > 0);
                }
                Need::Files(names) => {
                    assert!(names.iter().all(|n| n.starts_with(&format!("{}-", m.tails.prefix))), "{names:?}");
                    for n in &names {
                        store.add(n, &by_name[n]).expect("tail");
                    }
                    let again = Searcher::with_axis(store.index(), axis).search_top(&req, k);
                    assert_eq!(store.unproven(&again, k), Need::Ready, "{q}");
                    assert_eq!(again.hits, want.hits, "{q} with its tails");
                    with += 1;
                }
            }
        }
    }
    assert!(without > 0 && with > 0, "proven without tails {without}, with tails {with}");
}

/// The whole index with every list of more than `head` documents bounded
/// ([`tiers::bounded`] of its head tier, no positions: they are read by
/// frequencies), and each term's bounded documents (empty when whole).
fn bounded_index(index: &Index, head: usize) -> (Index, Vec<Vec<u32>>) {
    let norms = index.norms();
    let mut bounded_docs = Vec::with_capacity(index.terms.len());
    let terms: Vec<crate::index::TermData> = (0..index.terms.len() as u32)
        .map(|id| {
            let (docs, positions) = index.raw_parts(id);
            let shared = |b: Vec<u8>| crate::index::SharedBytes::whole(b.into());
            let (docs, positions, tail) = match tiers::split(docs, norms, head).expect("a whole index's list") {
                Some(t) => {
                    let (fake, tail) = tiers::bounded(&t.head, norms).expect("just written");
                    (shared(fake), None, tail)
                }
                None => (shared(docs.to_vec()), Some(shared(positions.to_vec())), Vec::new()),
            };
            bounded_docs.push(tail);
            crate::index::TermData {
                term: index.terms[id as usize].clone(),
                df: index.df[id as usize],
                docs: Some(docs),
                positions,
            }
        })
        .collect();
    let groups = index
        .groups()
        .map(|(key, ids)| (key.to_string(), ids.iter().map(|&i| index.terms[i as usize].clone()).collect()))
        .collect();
    let parts = crate::index::Parts {
        avg_len: index.avg_len,
        outlet_terms: index.outlet_terms.clone(),
        languages: index.languages.clone(),
        groups,
    };
    (Index::from_parts(index.docs.clone(), terms, parts), bounded_docs)
}

/// Whether the bounded search's first `k` hits are proven, from the
/// terms it used (its highlight terms).
fn tier_proven(bounded: &Index, tails: &[Vec<u32>], got: &crate::search::Results, k: usize) -> bool {
    let used: Vec<&[u32]> =
        got.highlight.iter().filter_map(|t| bounded.term_id(t)).map(|id| tails[id as usize].as_slice()).collect();
    tiers::proven(&got.hits, k, &used)
}

/// Impact tiers (`tiers.rs`): over lists whose tail frequencies are
/// bounds, the matches, counts and timeline are the whole index's, and
/// the first rows, when proven, are its first rows with its scores. On
/// this corpus some queries are proven and some are not, so both cases
/// are exercised.
#[test]
fn bounded_lists_count_exactly_and_rank_exactly_when_proven() {
    let c = corpus(300);
    let index = Index::build(&c);
    let (bounded, tails) = bounded_index(&index, 20);
    assert!(tails.iter().any(|t| !t.is_empty()), "some lists are tiered");
    let (mut proven, mut unproven) = (0, 0);
    for q in [
        "putin",
        "talks",
        "talk",
        "peace",
        "treaty talks",
        "karabakh",
        "poli",
        "baku OR yerevan",
        "putin -moscow",
        "title:ceasefire",
        "summit*",
        "trilat",
    ] {
        for typing in [false, true] {
            for sort in [Sort::Relevance, Sort::Newest] {
                let req = Request { query: q.into(), typing, sort, ..Request::default() };
                let want = Searcher::new(&index).search(&req);
                let got = Searcher::new(&bounded).search(&req);
                if !want.phrases.is_empty() {
                    continue;
                }
                assert_eq!(got.docs, want.docs, "matches of {q:?}");
                assert_eq!(got.outlet_counts, want.outlet_counts, "counts of {q:?}");
                assert_eq!(got.histogram, want.histogram, "histogram of {q:?}");
                assert_eq!(got.language_counts, want.language_counts, "languages of {q:?}");
                assert_eq!(got.highlight, want.highlight, "highlight of {q:?}");
                let k = 8.min(want.hits.len());
                if tier_proven(&bounded, &tails, &got, k) {
                    proven += 1;
                    assert_eq!(got.hits[..k], want.hits[..k], "first rows of {q:?} typing {typing} {sort:?}");
                } else {
                    unproven += 1;
                }
            }
        }
    }
    assert!(proven > 0 && unproven > 0, "proven {proven}, unproven {unproven}");
}

mod property {
    use super::*;
    use proptest::prelude::*;

    const VOCAB: [&str; 14] = [
        "putin",
        "talks",
        "talk",
        "karabakh",
        "karabak",
        "peace",
        "treaty",
        "politics",
        "political",
        "politeness",
        "baku",
        "border",
        "summit",
        "negotiations",
    ];

    fn query_strategy() -> impl Strategy<Value = String> {
        let word = prop::sample::select(VOCAB.to_vec()).prop_map(str::to_string);
        let atom = prop_oneof![
            3 => word.clone(),
            1 => word.clone().prop_map(|w| format!("{}*", &w[..w.len().min(3)])),
            1 => word.clone().prop_map(|w| format!("-{w}")),
            1 => (word.clone(), word.clone()).prop_map(|(a, b)| format!("\"{a} {b}\"")),
            1 => (word.clone(), word.clone()).prop_map(|(a, b)| format!("{a} OR {b}")),
            1 => word.clone().prop_map(|w| format!("title:{w}")),
            1 => word.prop_map(|w| {
                // A typo: one letter dropped.
                let mut c: Vec<char> = w.chars().collect();
                if c.len() > 5 {
                    c.remove(2);
                }
                c.into_iter().collect()
            }),
        ];
        prop::collection::vec(atom, 0..4).prop_map(|v| v.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        /// Impact tiers on generated corpora and queries: with bounded
        /// frequencies the matches and counts are exact, and whenever the
        /// first rows are proven they are the whole index's.
        #[test]
        fn proven_rows_over_bounded_lists_are_the_whole_indexs(
            n in 1usize..90, query in query_strategy(), typing: bool, newest: bool, head in 0usize..12, k in 1usize..12,
        ) {
            let c = corpus(n);
            let index = Index::build(&c);
            let (bounded, tails) = bounded_index(&index, head);
            let req = Request { query: query.clone(), typing, sort: if newest { Sort::Newest } else { Sort::Relevance }, ..Request::default() };
            let want = Searcher::new(&index).search(&req);
            let got = Searcher::new(&bounded).search(&req);
            // Phrases read positions, which a bounded list does not have.
            if want.phrases.is_empty() {
                prop_assert_eq!(&got.docs, &want.docs, "matches of {:?}", query);
                prop_assert_eq!(&got.outlet_counts, &want.outlet_counts);
                prop_assert_eq!(&got.histogram, &want.histogram);
                prop_assert_eq!(&got.highlight, &want.highlight);
                let k = k.min(want.hits.len());
                if tier_proven(&bounded, &tails, &got, k) {
                    prop_assert_eq!(&got.hits[..k], &want.hits[..k], "first rows of {:?}", query);
                }
            }
        }

        /// On generated corpora, a word or prefix being typed gives, as
        /// the app asks for it (the first `k` rows, from its stored answer
        /// when one serves, else from the lists), the whole index's
        /// results, whatever the filters; answered or not, and ranked
        /// further from the answer while its top (and deeper hits) last.
        #[test]
        fn stored_answers_answer_like_the_whole_index(
            n in 5usize..90, word in 0usize..VOCAB.len(), cut in 1usize..9, k in 0usize..9,
            outlets in prop::collection::vec(0usize..5, 0..3), from in prop::option::of(18_000i32..19_500),
            top in 1usize..12, deep in 0usize..40,
        ) {
            let c = corpus(n);
            let opts = WriteOptions { answer_min_bytes: 32, answer_top: top, answer_deep: deep, ..small_chunks() };
            let (index, files, by_name) = split(&c, &opts);
            let w = VOCAB[word];
            let query: String = w.chars().take(cut).collect();
            let filters = Filters { outlets, from, ..Filters::default() };
            let req = Request { query: query.clone(), typing: true, filters, ..Request::default() };
            let whole = Searcher::with_axis(&index, crate::search::corpus_axis(&index));
            let mut store = started(&files, &by_name);
            let (got, _) = search_split_top(&mut store, &by_name, &req, k);
            prop_assert_eq!(&got, &whole.search_top(&req, k), "{:?}", query);
            for more in [k + 1, k + 5, k + 20] {
                // Past the top, from the deeper hits when they are asked for.
                if let Some(Need::Files(d)) = store.deeper_need(&got, more) {
                    for f in &d {
                        store.add(f, &by_name[f]).expect("deeper hits");
                    }
                }
                if let Some(hits) = store.answered_hits(&got, more) {
                    prop_assert_eq!(&hits, &whole.search_top(&req, more).hits, "{:?} to {}", query, more);
                }
            }
        }

        /// On generated corpora and queries, the split layout gives the
        /// whole index's answers: hits in order, outlet counts, timeline
        /// buckets, highlight terms and the snippets of the first hits.
        #[test]
        fn split_layout_answers_like_the_whole_index(n in 1usize..90, query in query_strategy(), typing: bool, newest: bool) {
            let c = corpus(n);
            let (index, files, by_name) = split(&c, &small_chunks());
            let mut store = started(&files, &by_name);
            let req = Request { query: query.clone(), typing, sort: if newest { Sort::Newest } else { Sort::Relevance }, ..Request::default() };
            let want = Searcher::with_axis(&index, crate::search::corpus_axis(&index)).search(&req);
            let (got, _) = search_split(&mut store, &by_name, &req);
            prop_assert_eq!(&got.hits, &want.hits, "hits of {:?}", query);
            prop_assert_eq!(&got.outlet_counts, &want.outlet_counts);
            prop_assert_eq!(&got.histogram, &want.histogram);
            prop_assert_eq!(&got.highlight, &want.highlight);
            prop_assert_eq!(&got.phrases, &want.phrases);
            let terms = crate::search::Marks::of(&got);
            for h in got.hits.iter().take(5) {
                if let Need::Files(f) = store.need_articles([h.doc]) {
                    for name in f {
                        store.add(&name, &by_name[&name]).expect("fragment");
                    }
                }
                let article = store.article(h.doc).expect("fetched");
                prop_assert_eq!(
                    crate::search::snippet(&article, &terms, 32),
                    crate::search::snippet(&c.articles[h.doc as usize], &terms, 32)
                );
            }
        }
    }
}

/// Columns whose values contradict the manifest are errors naming the
/// file (version 3 stores them column by column, `columns.rs`).
#[test]
fn damaged_columns_are_errors_naming_the_file() {
    let c = corpus(40);
    let (index, files, by_name) = split(&c, &small_chunks());
    let m = &files.manifest;
    // The fragments' sizes, read back from a good columns file.
    let mut good = SplitStore::new(m.clone());
    good.add(&m.columns, &by_name[&m.columns]).expect("columns");
    assert_eq!(
        good.docs(),
        &index.docs.iter().map(|d| crate::index::DocMeta { author: vec![], ..d.clone() }).collect::<Vec<_>>()[..]
    );
    let mut sizes = vec![0u32; m.fragments.count as usize];
    for d in 0..c.articles.len() as u32 {
        let f = good.fragment_file(d).expect("fragment");
        let k: usize =
            f.rsplit('-').next().and_then(|x| x.strip_suffix(".bin")).and_then(|x| x.parse().ok()).expect("number");
        sizes[k] += 1;
    }
    assert_eq!(seal_front(b"DLCO", &columns::encode(&index.docs, &sizes)), by_name[&m.columns]);
    let bad = |docs: &[crate::index::DocMeta], sizes: &[u32], tail: &[u8]| {
        let mut body = columns::encode(docs, sizes);
        body.extend_from_slice(tail);
        let mut store = SplitStore::new(m.clone());
        let err = store.add(&m.columns, &seal(b"DLCO", &body)).unwrap_err();
        assert!(err.to_string().contains(&m.columns), "{err}");
        assert!(!store.ready());
        err.to_string()
    };
    let mut docs = index.docs.clone();
    docs[3].outlet = Some(m.outlets.len() as u32);
    assert!(bad(&docs, &sizes, &[]).contains("outlet"));
    let mut docs = index.docs.clone();
    docs[5].language = Some(300);
    assert!(bad(&docs, &sizes, &[]).contains("language"));
    // One article too many or too few in the fragments, a fragment more.
    let mut more = sizes.clone();
    more[0] += 1;
    assert!(bad(&index.docs, &more, &[]).contains("fragments"));
    let mut fewer = sizes.clone();
    fewer[0] -= 1;
    assert!(bad(&index.docs, &fewer, &[]).contains("fragments"));
    let mut extra = sizes.clone();
    extra.push(0);
    assert!(bad(&index.docs, &extra, &[]).contains("fragments"));
    assert!(bad(&index.docs, &sizes, &[0]).contains("after the columns"));
    // Fewer articles than the manifest says.
    assert!(bad(&index.docs[1..], &sizes, &[]).contains("articles"));
    // A day that overflows.
    let mut docs = index.docs.clone();
    docs[0].day = Some(i32::MAX);
    docs[1].day = Some(i32::MIN);
    docs[2].day = Some(i32::MAX);
    let body = columns::encode(&docs, &sizes);
    let mut store = SplitStore::new(m.clone());
    // (Large jumps are still valid days: they read back exactly.)
    if store.add(&m.columns, &seal(b"DLCO", &body)).is_ok() {
        assert_eq!(store.docs()[1].day, Some(i32::MIN));
    }
    // Every byte changed in turn: an error or a valid file, never a panic.
    let payload = unseal(&by_name[&m.columns]).expect("decompresses");
    for at in 8..payload.len() {
        for v in [0u8, 0x7f, 0xff] {
            let mut p = payload.clone();
            p[at] = v;
            let mut store = SplitStore::new(m.clone());
            let _ = store.add(&m.columns, &compressed(&p));
        }
    }
}

/// The counts [`count_files`] gives before writing are the files the
/// writer makes, for chunk sizes from tiny to the defaults.
#[test]
fn counted_files_are_the_files_written() {
    let c = corpus(150);
    let index = Index::build(&c);
    let ev = events::extract(&c).file;
    for opts in [
        small_chunks(),
        WriteOptions::default(),
        WriteOptions { fragment_articles: 1, postings_bytes: 64, dict_bytes: 64, ..small_chunks() },
        WriteOptions { fragment_articles: 17, fragment_bytes: 1 << 20, ..small_chunks() },
        // Fragments closed by their bytes, not their articles.
        WriteOptions { fragment_articles: 17, fragment_bytes: 3000, ..small_chunks() },
    ] {
        let written = write(&c, &index, &ev, &opts);
        // Prepared for other pair options: the counting prepares anew.
        let other = WriteOptions { pair_positions_bytes: opts.pair_positions_bytes + 1, ..opts };
        for prepared in [Prepared::new(&c, &index, &opts), Prepared::new(&c, &index, &other)] {
            let counted = count_files(&c, &index, &ev, &opts, &prepared);
            assert_eq!(counted.total(), written.files.len(), "{opts:?}");
            assert_eq!(counted, FileCounts::from(&written.manifest), "{opts:?}");
        }
    }
}

/// One preparation serves every layout the fitting tries: writing with it
/// gives the very files `write` makes on its own, for any chunk sizes.
#[test]
fn a_prepared_corpus_writes_the_same_files() {
    let c = corpus(120);
    let index = Index::build(&c);
    let ev = events::extract(&c).file;
    let prepared = Prepared::new(&c, &index, &small_chunks());
    // The pairs' memory as the build prints it: at least a pool block.
    let (pairs, bytes) = prepared.pairs_held().expect("pairs");
    assert!(pairs > 0 && bytes >= 1 << 22, "{pairs} pairs, {bytes} bytes");
    for opts in [small_chunks(), WriteOptions { fragment_articles: 5, postings_bytes: 300, ..small_chunks() }] {
        let alone = write(&c, &index, &ev, &opts);
        let mut files = Vec::new();
        let manifest = write_prepared(&c, &index, &ev, &opts, &prepared, &mut files);
        assert_eq!(manifest, alone.manifest, "{opts:?}");
        assert_eq!(files, alone.files, "{opts:?}");
    }
}

/// A file limit widens fragments and posting chunks until the corpus fits,
/// leaves the options alone when it already does, and is an error naming
/// the fewest files when it cannot be met; a widened corpus still gives
/// the whole index's answers.
#[test]
fn a_file_limit_is_met_by_wider_chunks_with_the_same_answers() {
    let c = corpus(200);
    let index = Index::build(&c);
    let ev = events::extract(&c).file;
    // (Dictionary chunks, which the fitting does not widen: bigger ones
    // here so that they do not make most of the files. Pair blocks are
    // widened with the posting chunks.)
    // (Answers, as many whatever the chunk sizes, left out.)
    let asked = WriteOptions { dict_bytes: 4000, answer_min_bytes: 0, ..small_chunks() };
    let prepared = Prepared::new(&c, &index, &asked);
    let all = count_files(&c, &index, &ev, &asked, &prepared).total();

    let roomy = fit_file_budget(&c, &index, &ev, asked, &prepared, all).expect("fits as asked");
    assert_eq!(roomy.opts, asked);
    assert!(!roomy.widened());

    let budget = all / 3;
    let fit = fit_file_budget(&c, &index, &ev, asked, &prepared, budget).expect("fits when widened");
    assert!(fit.widened());
    assert!(fit.counts.total() <= budget, "{:?} over {budget}", fit.counts);
    assert!(fit.opts.fragment_articles > asked.fragment_articles || fit.opts.postings_bytes > asked.postings_bytes);
    let files = write(&c, &index, &ev, &fit.opts);
    assert_eq!(files.files.len(), fit.counts.total());

    let by_name: HashMap<String, Vec<u8>> = files.files.iter().cloned().collect();
    let mut store = started(&files, &by_name);
    let axis = crate::search::corpus_axis(&index);
    for q in ["putin", "\"peace treaty\"", "karabah", "poli", "outlet:beta", ""] {
        for sort in [Sort::Relevance, Sort::Newest] {
            let req = Request { query: q.into(), sort, ..Request::default() };
            let want = Searcher::with_axis(&index, axis.clone()).search(&req);
            let (got, _) = search_split(&mut store, &by_name, &req);
            assert_eq!(got.hits, want.hits, "hits of {q:?}");
            assert_eq!(got.outlet_counts, want.outlet_counts, "counts of {q:?}");
            for h in got.hits.iter().take(4) {
                if let Need::Files(f) = store.need_articles([h.doc]) {
                    for name in f {
                        store.add(&name, &by_name[&name]).expect("fragment");
                    }
                }
                assert_eq!(store.article(h.doc).expect("fetched"), c.articles[h.doc as usize]);
            }
        }
    }

    // The dictionary, stems, ids and the three single files cannot shrink.
    let fixed = fit.counts.dictionary + fit.counts.ids + fit.counts.other;
    let err = fit_file_budget(&c, &index, &ev, asked, &prepared, fixed).expect_err("below the fixed files");
    assert_eq!(err.budget, fixed);
    assert!(err.fewest > fixed);
    assert!(err.to_string().contains(&format!("limit of {fixed}")), "{err}");
}

/// The first `n` articles (in corpus order) whose fragment no earlier one
/// is in: one article from each of `n` fragments.
fn one_per_fragment(store: &SplitStore, n: usize) -> Vec<u32> {
    let mut seen = std::collections::HashSet::new();
    (0..store.len() as u32).filter(|&d| seen.insert(store.fragment_file(d))).take(n).collect()
}

/// Fetches the fragments of `docs` as the app does, one render (a
/// `need_articles` call) after each wave of arrivals, until all are read
/// or `rounds` renders have passed; returns the renders it took.
fn show_articles(store: &mut SplitStore, files: &HashMap<String, Vec<u8>>, docs: &[u32], rounds: usize) -> usize {
    for round in 0..rounds {
        match store.need_articles(docs.iter().copied()) {
            Need::Ready => {
                assert!(docs.iter().all(|&d| store.article(d).is_some()));
                return round;
            }
            Need::Files(names) => {
                for n in names {
                    store.add(&n, &files[&n]).expect("valid fragment");
                }
            }
        }
    }
    panic!("{} articles still not all loaded after {rounds} renders", docs.len());
}

/// The article cache is bounded: browsing article after article keeps the
/// budgets' worth beyond what the last two renders read, drops the least
/// recently read first, decodes a dropped article again from its kept
/// file without a fetch, and fetches a dropped file again, with the same
/// article in it.
#[test]
fn articles_past_the_budgets_are_dropped_least_recently_read_first() {
    let c = corpus(120);
    let (_, files, by_name) = split(&c, &small_chunks());
    let fragments: Vec<usize> =
        by_name.iter().filter(|(n, _)| n.starts_with(&files.manifest.fragments.prefix)).map(|(_, b)| b.len()).collect();
    let file_max = fragments.iter().copied().max().expect("fragments");
    let article_max = c.articles.iter().map(|a| serde_json::to_string(a).expect("json").len()).max().unwrap_or(0);
    let mut store = started(&files, &by_name);
    store.set_article_budgets(3 * file_max, 4 * article_max);
    let n = c.articles.len() as u32;
    for doc in 0..n {
        show_articles(&mut store, &by_name, &[doc], 3);
        assert!(store.article(doc).is_some());
        let held = store.held();
        // The budgets plus what the last two rounds read: at most three
        // files (this article's, the one before's, one arrived), each with
        // its three articles decoded.
        assert!(held.fragments <= 3 * file_max + 3 * file_max, "{doc}: {held:?}");
        assert!(held.articles <= 4 * article_max + 3 * 3 * article_max, "{doc}: {held:?}");
    }
    // The first article and its file were dropped long ago; both come back.
    assert_ne!(store.need_articles([0]), Need::Ready);
    show_articles(&mut store, &by_name, &[0], 3);
    assert_eq!(store.article(0).map(|a| a.id), Some(c.articles[0].id.clone()));
    // The most recently read one is still there.
    assert_eq!(store.need_articles([n - 1]), Need::Ready);

    // Files kept, decoded articles dropped: read again without a fetch.
    let mut store = started(&files, &by_name);
    store.set_article_budgets(usize::MAX, 1);
    for doc in 0..n {
        show_articles(&mut store, &by_name, &[doc], 3);
    }
    assert!(store.held().articles <= 3 * 3 * article_max, "{:?}", store.held());
    let loaded = store.loaded_files();
    for doc in 0..n {
        assert_eq!(store.need_articles([doc]), Need::Ready, "{doc}");
        assert_eq!(store.article(doc).map(|a| a.id), Some(c.articles[doc as usize].id.clone()));
    }
    assert_eq!(store.loaded_files(), loaded);
}

/// An article a view read or asked for outlives the articles that only
/// came with it (the rest of its fragment), however recent they are: with
/// room for the seven articles asked for, one from each of seven fragments
/// of six, and no fragment file kept, the first one (asked for, and the
/// view moved on before it arrived) is still there at the end.
#[test]
fn articles_read_outlive_those_that_only_came_with_them() {
    let c = corpus(120);
    let opts = WriteOptions { fragment_articles: 6, fragment_bytes: 1 << 20, ..small_chunks() };
    let (_, files, by_name) = split(&c, &opts);
    let mut store = started(&files, &by_name);
    let docs = one_per_fragment(&store, 7);
    let bytes = |d: u32| serde_json::to_string(&c.articles[d as usize]).expect("json").len();
    store.set_article_budgets(1, docs.iter().map(|&d| bytes(d)).sum());
    // The first is asked for, and the view moves on before it arrives.
    let Need::Files(first) = store.need_articles([docs[0]]) else { panic!("nothing fetched yet") };
    for n in first {
        store.add(&n, &by_name[&n]).expect("valid fragment");
    }
    for &d in &docs[1..] {
        show_articles(&mut store, &by_name, &[d], 3);
        assert!(store.article(d).is_some());
    }
    let fetched = store.loaded_files();
    assert!(!fetched.contains(&store.fragment_file(docs[0]).expect("fragment")));
    assert_eq!(store.need_articles([docs[0]]), Need::Ready, "the first article read was dropped");
    assert_eq!(store.article(docs[0]).map(|a| a.id), Some(c.articles[docs[0] as usize].id.clone()));
    assert_eq!(store.loaded_files(), fetched);
}

/// Regression: a view that needs more articles than the budgets hold (a
/// comparison, an export) must get them all, not drop and fetch them
/// forever. Arrivals come in waves (six requests at a time), each followed
/// by a render.
#[test]
fn a_view_needing_more_than_the_article_budgets_gets_all_of_it() {
    let c = corpus(120);
    let (_, files, by_name) = split(&c, &small_chunks());
    let mut store = started(&files, &by_name);
    store.set_article_budgets(1, 1);
    // The articles of half the fragments; the others are shown afterwards.
    let all: Vec<u32> = (0..c.articles.len() as u32).collect();
    let mut fragments: Vec<String> = all.iter().filter_map(|&d| store.fragment_file(d)).collect();
    fragments.sort();
    fragments.dedup();
    let (half, rest) = fragments.split_at(fragments.len() / 2);
    assert!(half.len() >= 6, "{} fragments", fragments.len());
    let in_half = |d: &u32| store.fragment_file(*d).is_some_and(|f| half.contains(&f));
    let (docs, others): (Vec<u32>, Vec<u32>) = all.iter().partition(|d| in_half(d));
    let mut rounds = 0;
    loop {
        rounds += 1;
        assert!(rounds < 100, "still fetching after {rounds} renders");
        match store.need_articles(docs.iter().copied()) {
            Need::Ready => break,
            // Six at a time, a render between waves.
            Need::Files(names) => {
                for n in names.iter().take(6) {
                    store.add(n, &by_name[n]).expect("valid fragment");
                }
            }
        }
    }
    assert!(docs.iter().all(|&d| store.article(d).is_some()));
    // Once the view has moved on, the next arrivals drop what it held.
    for d in others.iter().take(rest.len()) {
        show_articles(&mut store, &by_name, &[*d], 3);
    }
    assert!(store.need_articles(docs.iter().copied()) != Need::Ready);
}

/// Regression: fetching a fragment file again (it was dropped, and a view
/// asks for another of its articles) must not make an article of it that
/// a view read look unread, which had it dropped before articles nobody
/// read (one warm query in twenty fetched a fragment again at a million
/// articles).
#[test]
fn a_fragment_fetched_again_keeps_its_read_articles_read() {
    let c = corpus(120);
    let opts = WriteOptions { fragment_articles: 6, fragment_bytes: 1 << 20, ..small_chunks() };
    let (_, files, by_name) = split(&c, &opts);
    let mut store = started(&files, &by_name);
    let fragment: Vec<String> =
        (0..c.articles.len() as u32).map(|d| store.fragment_file(d).expect("fragment")).collect();
    let file = |d: u32| fragment[d as usize].clone();
    // Two articles of one fragment; one article of each of nine others.
    let firsts = one_per_fragment(&store, 10);
    let (a, others) = (firsts[0], firsts[1..].to_vec());
    let b = (0..c.articles.len() as u32).find(|&d| d != a && file(d) == file(a)).expect("a fragment-mate");
    let bytes = |d: u32| serde_json::to_string(&c.articles[d as usize]).expect("json").len();
    // Room for what is read, no file kept: first a and three others, then
    // b and the rest too.
    let first: usize = [a].iter().chain(&others[..3]).map(|&d| bytes(d)).sum();
    store.set_article_budgets(1, first);
    show_articles(&mut store, &by_name, &[a], 3);
    for &o in &others[..3] {
        show_articles(&mut store, &by_name, &[o], 3);
    }
    // a's file is gone; b (never read) is gone with the unread articles.
    assert!(!store.loaded_files().contains(&file(a)));
    assert_ne!(store.need_articles([b]), Need::Ready);
    store.set_article_budgets(1, first + [b].iter().chain(&others[3..]).map(|&d| bytes(d)).sum::<usize>());
    show_articles(&mut store, &by_name, &[b], 3);
    for &o in &others[3..] {
        show_articles(&mut store, &by_name, &[o], 3);
    }
    let fetched = store.loaded_files();
    assert_eq!(store.need_articles([a]), Need::Ready, "the article read was dropped");
    assert_eq!(store.loaded_files(), fetched);
}

/// What an export of many articles would fetch first: every article not
/// here and the fragment files holding them, as `need_articles` would ask
/// for them, without marking anything read.
#[test]
fn missing_articles_counts_what_an_export_would_fetch() {
    let c = corpus(120);
    let opts = WriteOptions { fragment_articles: 6, fragment_bytes: 1 << 20, ..small_chunks() };
    let (_, files, by_name) = split(&c, &opts);
    let mut store = started(&files, &by_name);
    let all: Vec<u32> = (0..c.articles.len() as u32).collect();
    let fragments = all.iter().filter_map(|&d| store.fragment_file(d)).collect::<std::collections::HashSet<_>>().len();
    assert!(fragments > 10, "{fragments} fragments");
    assert_eq!(store.missing_articles(all.iter().copied()), Missing { articles: all.len(), files: fragments });
    // The fragments of three articles arrive: their fragment-mates are here too.
    let shown = one_per_fragment(&store, 3);
    show_articles(&mut store, &by_name, &shown, 3);
    let here: Vec<u32> = all.iter().copied().filter(|&d| store.article(d).is_some()).collect();
    let missing = store.missing_articles(all.iter().copied());
    assert_eq!(missing, Missing { articles: all.len() - here.len(), files: fragments - 3 });
    let Need::Files(names) = store.need_articles(all.iter().copied()) else { panic!("files missing") };
    assert_eq!(names.len(), missing.files);
    // Outside the corpus: not counted (nothing could fetch it).
    assert_eq!(store.missing_articles([c.articles.len() as u32 + 5]), Missing::default());
}

/// A common word being typed reads its stored answer, one file, and
/// nothing else before its rows; the answer is the whole index's, and a
/// filter that leaves too few of the answer's top reads the lists
/// instead, with the same answer. Ranking past the top needs the lists.
#[test]
fn a_common_word_being_typed_reads_one_answer_file() {
    let c = corpus(120);
    let (index, files, by_name) = split(&c, &small_chunks());
    let answers = files.manifest.answers.as_ref().expect("answers");
    assert!(answers.words.iter().any(|w| w == "talks"), "{:?}", answers.words);
    let axis = crate::search::corpus_axis(&index);
    let whole = Searcher::with_axis(&index, axis.clone());
    for query in ["talks", "Talks", "ta", "putin"] {
        let req = Request { query: query.into(), typing: true, ..Request::default() };
        let mut store = started(&files, &by_name);
        let (got, fetched) = search_split_top(&mut store, &by_name, &req, 3);
        assert_eq!(got, whole.search_top(&req, 3), "{query}");
        assert_eq!(fetched.len(), 1, "{query}: {fetched:?}");
        assert!(fetched[0].starts_with("a-"), "{query}: {fetched:?}");
        assert!(store.has_answer(&req));
        // Ranked further than the top: not from the answer.
        let mut results = got.clone();
        assert_eq!(store.answered_hits(&results, 4).as_deref(), Some(&whole.search_top(&req, 4).hits[..]));
        assert_eq!(store.answered_hits(&results, 5), None);
        assert!(matches!(store.missing(&req), Need::Files(_)));
        search_split(&mut store, &by_name, &req);
        Searcher::with_axis(store.index(), None).rank_to(&mut results, usize::MAX);
        assert_eq!(results.hits, whole.search(&req).hits, "{query} ranked whole");
    }
    // A finished word (a space after it), another order, a prefix query:
    // not answered.
    for req in [
        Request { query: "talks ".into(), typing: true, ..Request::default() },
        Request { query: "talks".into(), typing: true, sort: Sort::Newest, ..Request::default() },
        Request { query: "talks*".into(), typing: true, ..Request::default() },
        Request { query: "talks".into(), typing: false, ..Request::default() },
    ] {
        let mut store = started(&files, &by_name);
        let (got, fetched) = search_split_top(&mut store, &by_name, &req, 3);
        assert_eq!(got, whole.search_top(&req, 3), "{req:?}");
        assert!(!fetched.iter().any(|f| f.starts_with("a-")), "{req:?}: {fetched:?}");
    }
    // One outlet keeps too few of a top of four for three rows: the
    // lists, not the answer.
    let outlet = Filters { outlets: vec![1], ..Filters::default() };
    let req = Request { query: "talks".into(), typing: true, filters: outlet, ..Request::default() };
    let mut store = started(&files, &by_name);
    let (got, fetched) = search_split_top(&mut store, &by_name, &req, 3);
    assert_eq!(got, whole.search_top(&req, 3));
    assert!(!fetched.iter().any(|f| f.starts_with("a-")), "{fetched:?}");
    // With the answer here already, a filter it cannot serve reads the
    // lists all the same (and counts from the answer's set when it can).
    let mut store = started(&files, &by_name);
    let plain = Request { query: "talks".into(), typing: true, ..Request::default() };
    search_split_top(&mut store, &by_name, &plain, 3);
    for k in [0, 1, 3, 40] {
        let (got, _) = search_split_top(&mut store, &by_name, &req, k);
        assert_eq!(got, whole.search_top(&req, k), "{k} rows");
    }
}

/// A filtered request whose filters keep too few of an answer's top but
/// enough of its deeper hits fetches both files in one round, and nothing
/// else; ranked past its top, an unfiltered request fetches the deeper
/// hits, not the lists, and past them the lists. Either way the answer is
/// the whole index's. (Deeper hits arriving before or after their answer
/// are joined alike.)
/// The split of 120 test articles with answers of tops of 4 and deeper
/// hits to 40.
fn split_with_deeper_hits() -> (Index, SplitFiles, HashMap<String, Vec<u8>>) {
    split(&corpus(120), &WriteOptions { answer_top: 4, answer_deep: 40, ..small_chunks() })
}

#[test]
fn a_filtered_word_reads_its_answer_and_deeper_hits_in_one_round() {
    let (index, files, by_name) = split_with_deeper_hits();
    let answers = files.manifest.answers.as_ref().expect("answers");
    let deeper = answers.deeper.as_ref().expect("deeper hits");
    assert_eq!((deeper.deep, deeper.files.count), (40, answers.files.count));
    let whole = Searcher::with_axis(&index, crate::search::corpus_axis(&index));
    // One outlet: about a quarter of the corpus, 1 of a top of 4 and 10
    // of 40 hits expected, for 3 rows (twice that wanted).
    let outlet = Filters { outlets: vec![1], ..Filters::default() };
    let req = Request { query: "talks".into(), typing: true, filters: outlet, ..Request::default() };
    let mut store = started(&files, &by_name);
    let Need::Files(first) = store.need(&req, 3) else { panic!("nothing to fetch") };
    assert_eq!(first.len(), 2, "{first:?}");
    assert!(first[0].starts_with("a-") && first[1].starts_with("d-"), "{first:?}");
    let (got, fetched) = search_split_top(&mut store, &by_name, &req, 3);
    assert_eq!(got, whole.search_top(&req, 3));
    assert_eq!(fetched, first, "one round, no lists");
    // Not filtered: the answer alone; ranked past its top, the deeper
    // hits; past them, the lists.
    let plain = Request { query: "talks".into(), typing: true, ..Request::default() };
    for deeper_first in [false, true] {
        let mut store = started(&files, &by_name);
        let (got, fetched) = search_split_top(&mut store, &by_name, &plain, 3);
        assert_eq!(got, whole.search_top(&plain, 3));
        assert_eq!(fetched.len(), 1, "{fetched:?}");
        assert_eq!(store.answered_hits(&got, 5), None);
        let Some(Need::Files(d)) = store.deeper_need(&got, 5) else { panic!("no deeper hits asked") };
        assert!(d.len() == 1 && d[0].starts_with("d-"), "{d:?}");
        if deeper_first {
            // Joined whichever arrives second: a fresh store given the
            // deeper hits, then the answer.
            store = started(&files, &by_name);
            store.add(&d[0], &by_name[&d[0]]).expect("deeper hits");
            store.add(&fetched[0], &by_name[&fetched[0]]).expect("answer");
        } else {
            store.add(&d[0], &by_name[&d[0]]).expect("deeper hits");
        }
        assert_eq!(store.deeper_need(&got, 5), None);
        for n in [5, 20, 40] {
            let want = whole.search_top(&plain, n).hits;
            assert_eq!(store.answered_hits(&got, n).as_deref(), Some(&want[..n.min(want.len())]), "{n} rows");
        }
        if got.docs.len() > 40 {
            assert_eq!(store.answered_hits(&got, 41), None);
            assert_eq!(store.deeper_need(&got, 41), None, "past the deeper hits: the lists");
        }
    }
}

/// Deeper hits that do not continue their answer (another answer's, or
/// out of order) are an error when the second of the two arrives.
#[test]
fn deeper_hits_of_another_answer_are_rejected() {
    let (_, files, by_name) = split_with_deeper_hits();
    let answers = files.manifest.answers.as_ref().expect("answers");
    let deeper = answers.deeper.as_ref().expect("deeper hits");
    // Answers with deeper hits (an empty file is a few bytes).
    let full: Vec<u32> = (0..answers.files.count).filter(|&i| by_name[&deeper.files.file(i)].len() > 40).collect();
    // (A word and its prefixes often have the same answer.)
    let a = full[0];
    let b = *full.iter().find(|&&b| by_name[&deeper.files.file(b)] != by_name[&deeper.files.file(a)]).expect("two");
    // Answer a with b's deeper hits under a's name, in both orders.
    let (answer, wrong) = (answers.files.file(a), deeper.files.file(a));
    let bytes = &by_name[&deeper.files.file(b)];
    assert_ne!(by_name[&wrong], *bytes);
    let mut store = started(&files, &by_name);
    store.add(&answer, &by_name[&answer]).expect("answer");
    assert!(store.add(&wrong, bytes).is_err());
    let mut store = started(&files, &by_name);
    store.add(&wrong, bytes).expect("alone it reads");
    assert!(store.add(&answer, &by_name[&answer]).is_err());
}

/// A store keeps every answer it fetched but only the last few decoded:
/// one used again after others is decoded again, with the same results,
/// and not fetched again.
#[test]
fn answers_past_the_few_kept_decoded_are_decoded_again() {
    let c = corpus(120);
    let (index, files, by_name) = split(&c, &small_chunks());
    let whole = Searcher::with_axis(&index, crate::search::corpus_axis(&index));
    let mut store = started(&files, &by_name);
    let words = ["talks", "putin", "peace", "treaty", "karabakh", "baku", "talks", "putin"];
    let mut fetched_answers = 0;
    for (i, w) in words.iter().enumerate() {
        let req = Request { query: (*w).into(), typing: true, ..Request::default() };
        let (got, fetched) = search_split_top(&mut store, &by_name, &req, 3);
        assert_eq!(got, whole.search_top(&req, 3), "{w}");
        let answers = fetched.iter().filter(|f| f.starts_with("a-")).count();
        assert_eq!(answers, usize::from(i < 6), "{w}: {fetched:?}");
        fetched_answers += answers;
    }
    assert_eq!(fetched_answers, 6);
    assert!(store.decoded.len() <= 4, "{}", store.decoded.len());
}

/// Past `answer_max`, the answers kept are those of the words whose lists
/// are largest; the others read their lists, with the same results.
#[test]
fn answers_past_the_most_keep_the_words_reading_most() {
    let c = corpus(120);
    let index = Index::build(&c);
    let all = Prepared::new(&c, &index, &small_chunks()).answer_words;
    assert!(all.len() > 10);
    let opts = WriteOptions { answer_max: 10, ..small_chunks() };
    let (_, files, by_name) = split(&c, &opts);
    let words = &files.manifest.answers.as_ref().expect("answers").words;
    assert_eq!(words.len(), 10);
    let least_kept = all.iter().filter(|(w, _)| words.contains(w)).map(|(_, b)| *b).min().unwrap_or(0);
    assert!(all.iter().filter(|(w, _)| !words.contains(w)).all(|(_, b)| *b <= least_kept));
    let whole = Searcher::with_axis(&index, crate::search::corpus_axis(&index));
    let mut store = started(&files, &by_name);
    for (w, _) in &all {
        let req = Request { query: w.clone(), typing: true, ..Request::default() };
        let (got, fetched) = search_split_top(&mut store, &by_name, &req, 3);
        assert_eq!(got, whole.search_top(&req, 3), "{w}");
        assert_eq!(fetched.iter().any(|f| f.starts_with("a-")), words.contains(w), "{w}: {fetched:?}");
    }
}

/// A file limit that the widest chunks cannot meet with every stored
/// answer is met with fewer answers (those of the words reading least
/// left out), not refused.
#[test]
fn a_file_limit_past_the_widest_chunks_leaves_answers_out() {
    let c = corpus(200);
    let index = Index::build(&c);
    let ev = events::extract(&c).file;
    let asked = WriteOptions { dict_bytes: 4000, ..small_chunks() };
    let prepared = Prepared::new(&c, &index, &asked);
    let without = WriteOptions { answer_min_bytes: 0, ..asked };
    let widest = fit_file_budget(&c, &index, &ev, without, &Prepared::new(&c, &index, &without), 1).unwrap_err();
    let answers = count_files(&c, &index, &ev, &asked, &prepared).answers;
    assert!(answers > 10, "{answers}");
    let budget = widest.fewest + answers / 2;
    let fit = fit_file_budget(&c, &index, &ev, asked, &prepared, budget).expect("fits with fewer answers");
    assert!(fit.counts.total() <= budget, "{:?} over {budget}", fit.counts);
    assert!(fit.counts.answers > 0 && fit.counts.answers < answers, "{:?}", fit.counts);
    let files = write(&c, &index, &ev, &fit.opts);
    assert_eq!(files.files.len(), fit.counts.total());
}
