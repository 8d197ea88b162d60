//! Round trip, decoding and damage tests of the binary index.

use super::*;
use crate::model::{Block, Date, DateInfo, DatePrecision, Outlet, Provenance, Report, SCHEMA_VERSION};

fn corpus() -> Corpus {
    let article = |id: &str, title: &str, body: &str, date: Option<Date>| Article {
        id: id.into(),
        title: title.into(),
        outlet: Some("a".into()),
        date: DateInfo { date, time: None, precision: DatePrecision::Day, source: String::new() },
        author: Some("Jane Roe".into()),
        dateline: None,
        lead: "Talks in Moscow".into(),
        body: vec![Block::Paragraph(body.into())],
        provenance: Provenance {
            file: id.into(),
            format: "txt".into(),
            record: None,
            url: None,
            outlet_source: String::new(),
            outlet_evidence: crate::model::EvidenceKind::None,
            source_evidence: None,
            page: None,
        },
        original_source: None,
        duplicates: vec![],
        language: None,
        credits: vec![],
        suggested_date: None,
    };
    Corpus {
        schema_version: SCHEMA_VERSION,
        name: "t".into(),
        outlets: vec![Outlet { key: "a".into(), name: "A".into(), short: "A".into(), home: None }],
        articles: vec![
            article("1", "Putin talks", "The talk lasted four hours.", Date::new(2021, 1, 11)),
            article("2", "Ceasefire", "Putin talked. Talking continued.", None),
            article("3", "Old news", "Nothing here at all.", Date::new(1969, 7, 20)),
        ],
        report: Report::default(),
    }
}

#[test]
fn binary_round_trip_is_exact() {
    let ix = Index::build(&corpus());
    let back = Index::from_bytes(&ix.to_bytes()).expect("reads back");
    assert_eq!(back, ix);
    assert_eq!(back.docs[2].day, Some(Date::new(1969, 7, 20).expect("d").days_since_epoch() as i32));
}

#[test]
fn postings_decode_positions_and_stems_group() {
    let ix = Index::build(&corpus());
    let p = ix.postings(ix.term_id("putin").expect("term"));
    assert_eq!(p.docs, vec![0, 1]);
    assert_eq!(p.positions_of(0), &[0]);
    let stems: Vec<&str> = ix.stem_ids("talks").iter().map(|&i| ix.terms[i as usize].as_str()).collect();
    assert_eq!(stems, vec!["talk", "talked", "talking"]);
}

/// Skipping documents in the position reader lands on the same
/// positions as decoding every list in full, for every subset read.
#[test]
fn position_reader_skips_to_the_same_positions_as_full_decoding() {
    let mut c = corpus();
    c.articles[2].body = vec![Block::Paragraph("talk talk putin talk. Putin, talk!".into())];
    let ix = Index::build(&c);
    for term in ["putin", "talk", "moscow"] {
        let id = ix.term_id(term).expect("term");
        let full = ix.postings(id);
        let tfs = ix.doc_tfs(id);
        for mask in 0u32..(1 << tfs.len()) {
            let mut reader = ix.position_reader(id);
            let mut out = Vec::new();
            for i in (0..tfs.len()).filter(|i| mask & (1 << i) != 0) {
                assert!(reader.read(&tfs, i, &mut out), "{term} doc {i}");
                assert_eq!(out, full.positions_of(i), "{term} doc {i} mask {mask:b}");
            }
            // Going back is refused, not misread.
            if mask != 0 {
                assert!(!reader.read(&tfs, 0, &mut out));
            }
        }
    }
}

/// One article per entry of `gaps`, each gap that many `filler` words
/// followed by `talk`: the positions of `talk` have those gaps.
fn talk_corpus(gaps: &[Vec<usize>]) -> Corpus {
    let mut c = corpus();
    let template = c.articles[0].clone();
    c.articles = gaps
        .iter()
        .enumerate()
        .map(|(i, gaps)| {
            let mut words = Vec::new();
            for &gap in gaps {
                words.extend(std::iter::repeat_n("filler", gap));
                words.push("talk");
            }
            let mut a = template.clone();
            a.id = format!("d{i}");
            a.body = vec![Block::Paragraph(words.join(" "))];
            a
        })
        .collect();
    c
}

/// Skipping eight bytes at a time (many documents, deltas of one and two
/// bytes, so that a word of the positions ends inside a varint) lands on
/// the same positions as decoding the list in full, for subsets of every
/// stride and start.
#[test]
fn position_reader_skips_long_runs_to_the_same_positions_as_full_decoding() {
    // A small linear congruential generator: gaps of 0 to 299 words.
    let mut seed = 0x2545_f491u32;
    let mut next = |m: u32| {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        (seed >> 8) % m
    };
    let gaps: Vec<Vec<usize>> = (0..60).map(|_| (0..1 + next(12)).map(|_| next(300) as usize).collect()).collect();
    let ix = Index::build(&talk_corpus(&gaps));
    let id = ix.term_id("talk").expect("term");
    let full = ix.postings(id);
    let tfs = ix.doc_tfs(id);
    assert_eq!(tfs.len(), 60);
    for stride in 1..9 {
        for start in 0..stride {
            let mut reader = ix.position_reader(id);
            let mut out = Vec::new();
            for i in (start..tfs.len()).step_by(stride) {
                assert!(reader.read(&tfs, i, &mut out), "doc {i} stride {stride}");
                assert_eq!(out, full.positions_of(i), "doc {i} stride {stride} start {start}");
            }
        }
    }
}

/// Gaps of one, two and three varint bytes (past 127 and 16,383 words)
/// decode as the full decoder does, whichever documents are read: the
/// reader takes one- and two-byte deltas without branching on which, and
/// anything longer through the general reader.
#[test]
fn position_reader_decodes_deltas_of_every_width() {
    let gaps: Vec<Vec<usize>> = [&[0, 5, 200, 20_000, 1][..], &[16_383, 16_384, 127, 128], &[3, 3, 3], &[40_000]]
        .map(<[usize]>::to_vec)
        .to_vec();
    let ix = Index::build(&talk_corpus(&gaps));
    let id = ix.term_id("talk").expect("term");
    let full = ix.postings(id);
    let tfs = ix.doc_tfs(id);
    assert_eq!(tfs.len(), 4);
    for (i, gaps) in gaps.iter().enumerate() {
        assert_eq!(full.positions_of(i).len(), gaps.len(), "doc {i}");
    }
    for mask in 1u32..16 {
        let mut reader = ix.position_reader(id);
        let mut out = Vec::new();
        for i in (0..4).filter(|i| mask & (1 << i) != 0) {
            assert!(reader.read(&tfs, i, &mut out), "doc {i} mask {mask:b}");
            assert_eq!(out, full.positions_of(i), "doc {i} mask {mask:b}");
        }
    }
}

#[test]
fn corrupt_bytes_are_an_error_not_a_panic() {
    let bytes = Index::build(&corpus()).to_bytes();
    assert!(matches!(Index::from_bytes(b"nope"), Err(IndexError::Magic)));
    for cut in [5, 12, bytes.len() / 2, bytes.len() - 1] {
        assert!(Index::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    let mut wrong = bytes.clone();
    wrong[4] = 9;
    assert!(matches!(Index::from_bytes(&wrong), Err(IndexError::Version(_))));
    // A document naming an outlet the index does not list.
    let mut ix = Index::build(&corpus());
    ix.docs[1].outlet = Some(7);
    assert!(matches!(Index::from_bytes(&ix.to_bytes()), Err(IndexError::Corrupt(_))));
}

/// The lazy document iterator stops at damage instead of yielding a
/// document out of order or out of range.
#[test]
fn doc_iter_stops_at_damage() {
    let ix = Index::build(&corpus());
    let id = ix.term_id("putin").expect("term");
    assert_eq!(ix.docs_of(id).map(|e| e.0).collect::<Vec<_>>(), vec![0, 1]);
    let mut bad = ix.clone();
    // The list: df, then (doc delta, body tf, title tf) per document;
    // a second delta of 0 repeats a document, a huge one leaves the corpus.
    let Lists::Blob { offsets, .. } = &bad.lists else { panic!("a built index keeps one blob") };
    let start = offsets[id as usize];
    for (delta, want) in [(0u8, vec![0]), (0x7f, vec![0])] {
        let Lists::Blob { blob, .. } = &mut bad.lists else { unreachable!() };
        blob[start + 4] = delta;
        assert_eq!(bad.docs_of(id).map(|e| e.0).collect::<Vec<_>>(), want, "delta {delta}");
    }
}

/// The index as built before the streaming builder: every occurrence
/// collected as a (document, position) pair, then grouped. The builder
/// must give the same bytes.
fn naive_build(corpus: &Corpus) -> Vec<u8> {
    let mut occurrences: HashMap<String, Vec<(u32, u32)>> = HashMap::new();
    let mut title_lens = Vec::new();
    for (d, a) in corpus.articles.iter().enumerate() {
        let mut pos: u32 = 0;
        let mut title_len = 0;
        for (s, seg) in segments(a).enumerate() {
            let toks = crate::text::tokenize(seg);
            let n = toks.len() as u32;
            // Hyphenated compounds: greedy runs of at most three letter
            // parts joined by single hyphens, stored joined at the first
            // part's position.
            let mut i = 0;
            while i < toks.len() {
                let mut j = i;
                while crate::text::is_compound_part(&toks[j].term)
                    && j + 1 < toks.len()
                    && j + 1 - i < crate::text::COMPOUND_PARTS
                    && crate::text::is_compound_part(&toks[j + 1].term)
                    && seg.get(toks[j].span.end..toks[j + 1].span.start).is_some_and(crate::text::is_joining_hyphen)
                {
                    j += 1;
                }
                if j > i {
                    let joined: String = toks[i..=j].iter().map(|t| t.term.as_str()).collect();
                    occurrences.entry(joined).or_default().push((d as u32, pos + toks[i].position));
                }
                i = j + 1;
            }
            for t in toks {
                occurrences.entry(t.term).or_default().push((d as u32, pos + t.position));
            }
            if s == 0 {
                title_len = n;
            }
            pos += n + SEGMENT_GAP;
        }
        title_lens.push(title_len);
    }
    let mut terms: Vec<String> = occurrences.keys().cloned().collect();
    terms.sort_unstable();
    let mut out = Vec::new();
    for term in &terms {
        out.extend_from_slice(term.as_bytes());
        let occ = &occurrences[term];
        let mut by_doc: Vec<(u32, Vec<u32>)> = Vec::new();
        for &(doc, position) in occ {
            match by_doc.last_mut() {
                Some((d, ps)) if *d == doc => ps.push(position),
                _ => by_doc.push((doc, vec![position])),
            }
        }
        put_varint(&mut out, by_doc.len() as u32);
        let mut prev_doc = 0;
        for (doc, ps) in &by_doc {
            let in_title = ps.iter().filter(|&&p| p < title_lens[*doc as usize]).count() as u32;
            put_varint(&mut out, doc - prev_doc);
            prev_doc = *doc;
            put_varint(&mut out, ps.len() as u32 - in_title);
            put_varint(&mut out, in_title);
        }
        for (_, ps) in &by_doc {
            let mut prev = 0;
            for &p in ps {
                put_varint(&mut out, p - prev);
                prev = p;
            }
        }
    }
    out
}

/// The lists of a built index in the naive layout (term, documents part,
/// positions part), to compare with [`naive_build`].
fn lists_of(ix: &Index) -> Vec<u8> {
    let mut out = Vec::new();
    for (id, term) in ix.terms.iter().enumerate() {
        out.extend_from_slice(term.as_bytes());
        let (docs, positions) = ix.raw_parts(id as u32);
        out.extend_from_slice(docs);
        out.extend_from_slice(positions);
    }
    out
}

#[test]
fn streaming_builder_gives_the_naive_lists() {
    let mut c = corpus();
    c.articles[2].body = vec![Block::Paragraph("talk talk putin talk. Putin, talk! Naïve café’s 48,000 ÉLYSÉE".into())];
    c.articles[1].title = "Putin Putin talks talks".into();
    c.articles[0].body = vec![Block::Paragraph(
        "A cease-fire in Nagorno-Karabakh, state-of-the-art e-mail, a 2-day co-op; mother-in-law-to-be x - y ceasefire"
            .into(),
    )];
    assert_eq!(lists_of(&Index::build(&c)), naive_build(&c));
    let index = Index::build(&c);
    for joined in ["ceasefire", "nagornokarabakh", "stateofthe", "email", "coop", "motherinlaw"] {
        assert!(index.term_id(joined).is_some(), "{joined}");
    }
    assert!(index.term_id("xy").is_none(), "a spaced dash joins nothing");
}

/// Brute force: for every two terms, the positions of the first where
/// the second is at the next position, from the words' own lists, against
/// the pair lists for `min_df`. A hyphenated compound's joined form counts
/// at its first part's position, as the index stores it.
fn check_pairs_against_words(c: &Corpus, ix: &Index, min_df: u32) {
    let pairs: Vec<PairList> = pair_lists(c, ix, min_df).iter(ix).collect();
    assert!(pairs.windows(2).all(|w| w[0].key < w[1].key), "sorted by key");
    let data = pairs.iter().map(|p| TermData {
        term: p.key.clone(),
        df: p.df,
        docs: Some(SharedBytes::whole(p.docs.as_slice().into())),
        positions: Some(SharedBytes::whole(p.positions.as_slice().into())),
    });
    let got = Index::build(c).with_pairs(min_df, Index::from_parts(Vec::new(), data, Parts::default()));
    let got = got.pairs().expect("pairs");
    let mut expected = 0;
    for a in 0..ix.terms.len() as u32 {
        for b in 0..ix.terms.len() as u32 {
            let (pa, pb) = (ix.postings(a), ix.postings(b));
            let mut want = Postings::default();
            let mut tfs = Vec::new();
            for (i, &doc) in pa.docs.iter().enumerate() {
                let Some(j) = pb.find(doc) else { continue };
                let starts: Vec<u32> =
                    pa.positions_of(i).iter().copied().filter(|p| pb.positions_of(j).contains(&(p + 1))).collect();
                if starts.is_empty() {
                    continue;
                }
                let title = starts.iter().filter(|&&p| p < ix.docs[doc as usize].title_len).count() as u32;
                tfs.push((doc, starts.len() as u32 - title, title));
                want.docs.push(doc);
                want.starts.push(want.positions.len() as u32);
                want.positions.extend(starts);
            }
            want.starts.push(want.positions.len() as u32);
            let key = pair_key(&ix.terms[a as usize], &ix.terms[b as usize]);
            let listed = ix.df[a as usize] >= min_df || ix.df[b as usize] >= min_df;
            match got.term_id(&key) {
                Some(id) => {
                    assert!(listed && !want.docs.is_empty(), "{key} listed");
                    assert_eq!(got.postings(id), want, "{key}");
                    assert_eq!(got.doc_tfs(id), tfs, "{key}");
                    assert_eq!(got.df[id as usize] as usize, want.docs.len());
                    expected += 1;
                }
                None => assert!(!listed || want.docs.is_empty(), "{key} missing"),
            }
        }
    }
    assert_eq!(expected, got.terms.len());
    assert!(expected > 0);
}

#[test]
fn pair_lists_are_the_adjacent_positions_of_their_words() {
    let mut c = corpus();
    c.articles[1].body.push(Block::Paragraph("A cease-fire deal. Putin talks and talks about the cease-fire.".into()));
    let ix = Index::build(&c);
    for min_df in [1, 2, 3] {
        check_pairs_against_words(&c, &ix, min_df);
    }
    // The compound's joined form pairs with the word after its parts'
    // first: `ceasefire fire` at the position of `cease`.
    let all: Vec<PairList> = pair_lists(&c, &ix, 1).iter(&ix).collect();
    assert!(all.iter().any(|p| p.key == "ceasefire fire"));
    assert!(all.iter().any(|p| p.key == "talks and"));
}

#[test]
fn long_pair_lists_read_back_whole() {
    // Many articles over a small vocabulary: the common pairs' lists run
    // over many of the pool's slices (pairs.rs keeps them there), the rare
    // ones fit in their first; every one must equal the brute force.
    let mut c = corpus();
    let words = ["the", "war", "of", "peace"];
    let template = c.articles[0].clone();
    let mut x: u32 = 1;
    for n in 0..600 {
        let mut text = String::new();
        for _ in 0..(150 + n % 100) {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            text.push_str(words[(x >> 16) as usize % words.len()]);
            text.push(' ');
        }
        let mut a = template.clone();
        a.id = format!("gen-{n}");
        a.title = format!("{} {}", words[n % words.len()], words[(n / 3) % words.len()]);
        a.body = vec![Block::Paragraph(text)];
        c.articles.push(a);
    }
    let ix = Index::build(&c);
    let lists = pair_lists(&c, &ix, 50);
    let longest = lists.iter(&ix).map(|p| p.docs.len() + p.positions.len()).max().unwrap_or(0);
    assert!(longest > 2 * 4096, "{longest}");
    for min_df in [1, 50] {
        check_pairs_against_words(&c, &ix, min_df);
    }
    assert!(pair_lists(&c, &ix, 10_000).is_empty(), "no word is common");
}

#[test]
fn phrase_plan_reads_pairs_where_a_word_is_common() {
    let c = corpus();
    let ix = Index::build(&c);
    let words = |q: &str| q.split(' ').map(String::from).collect::<Vec<_>>();
    // Without pairs, the words.
    let plan = ix.phrase_plan(&words("putin talks")).expect("plan");
    assert!(plan.units.iter().all(|u| !u.pair));
    assert_eq!(plan.units.iter().map(|u| u.offset).collect::<Vec<_>>(), vec![0, 1]);
    // `talks` is in one document: with `min_df` 1 every word is common and
    // the phrase reads its pairs; a pair that is not listed means no match.
    let min_df = 1;
    let pairs: Vec<PairList> = pair_lists(&c, &ix, min_df).iter(&ix).collect();
    let data = pairs.iter().map(|p| TermData {
        term: p.key.clone(),
        df: p.df,
        docs: Some(SharedBytes::whole(p.docs.as_slice().into())),
        positions: Some(SharedBytes::whole(p.positions.as_slice().into())),
    });
    let with = Index::build(&c).with_pairs(min_df, Index::from_parts(Vec::new(), data, Parts::default()));
    let plan = with.phrase_plan(&words("the talk lasted")).expect("plan");
    assert_eq!(plan.units.iter().map(|u| (u.pair, u.offset)).collect::<Vec<_>>(), vec![(true, 0), (true, 1)]);
    assert_eq!(plan.words.len(), 3);
    assert!(with.phrase_plan(&words("lasted the")).is_none(), "words side by side nowhere");
    assert!(with.phrase_plan(&words("talk zzz")).is_none(), "a word not in the corpus");
    // A word common only from a higher frequency: `min_df` 3 makes no word
    // of this corpus common except those in all three articles.
    let three = Index::build(&c).with_pairs(3, Index::from_parts(Vec::new(), std::iter::empty(), Parts::default()));
    let plan = three.phrase_plan(&words("talk lasted")).expect("plan");
    assert!(plan.units.iter().all(|u| !u.pair), "{plan:?}");
}
