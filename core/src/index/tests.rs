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
        },
        original_source: None,
        duplicates: vec![],
        language: None,
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
    let start = bad.offsets[id as usize] as usize;
    for (delta, want) in [(0u8, vec![0]), (0x7f, vec![0])] {
        bad.blob[start + 4] = delta;
        assert_eq!(bad.docs_of(id).map(|e| e.0).collect::<Vec<_>>(), want, "delta {delta}");
    }
}
