//! Compared queries and shares of output against a brute-force count over
//! generated corpora: each compared series is the timeline of its query
//! alone, and each share is matches / articles of the filtered outlets in
//! the bucket, counted article by article.

mod common;

use common::corpus_of;
use dateline_core::coverage::{compare, dated_share, outlet_shares, shares, undated_share};
use dateline_core::index::Index;
use dateline_core::model::Date;
use dateline_core::search::{Filters, Request, Searcher};
use dateline_core::timeline::Axis;
use proptest::prelude::*;

const VOCAB: &[&str] = &["ceasefire", "treaty", "border", "summit", "refugees", "pipeline"];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(VOCAB), 1..5).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(80))]

    #[test]
    fn compared_series_and_shares_equal_brute_force(
        docs in prop::collection::vec(
            (text(), prop::option::of((2020..2023i32, 1..13u8, 1..29u8)), prop::option::of(0..3usize)),
            1..30,
        ),
        queries in prop::collection::vec(prop::sample::select(VOCAB), 1..4),
        outlets in prop::collection::vec(0..4usize, 0..3),
        zoom in prop::option::of((2020..2023i32, 1..13u8, 20..500i64)),
    ) {
        let corpus = corpus_of(docs.into_iter().enumerate().map(|(i, (body, date, outlet))| {
            let outlet = outlet.and_then(|o| ["alpha", "beta", "gamma"].get(o).map(|s| s.to_string()));
            (format!("d{i}"), outlet, date, None, format!("t{i}"), body)
        }));
        let index = Index::build(&corpus);
        let axis = match zoom {
            Some((y, m, days)) => {
                let from = Date::new(y, m, 1).expect("date");
                Axis::spanning(from, Date::from_days_since_epoch(from.days_since_epoch() + days))
            }
            None => dateline_core::search::corpus_axis(&index),
        };
        let searcher = Searcher::with_axis(&index, axis.clone());
        let filters = Filters { outlets: outlets.clone(), ..Filters::default() };
        let run = |q: &str, f: &Filters| searcher.search(&Request { query: q.into(), filters: f.clone(), ..Request::default() });
        let results: Vec<_> = queries.iter().map(|q| run(q, &filters)).collect();
        let series = compare(&results.iter().map(|r| &r.histogram).collect::<Vec<_>>());
        let output = run("", &filters).histogram;
        let n_buckets = axis.as_ref().map_or(0, |a| a.starts.len());
        let slot = |d: u32| searcher.slot(d);
        let kept = |d: u32| outlets.is_empty() || outlets.contains(&slot(d));
        let bucket = |d: u32| -> Option<Option<usize>> {
            // Some(Some(b)) on the axis, Some(None) undated, None off the axis.
            match index.docs[d as usize].day {
                None => Some(None),
                Some(day) => axis.as_ref().and_then(|a| a.bucket_of(Date::from_days_since_epoch(i64::from(day)))).map(Some),
            }
        };
        // Brute-force counts over a set of documents.
        let count = |docs: &[u32]| {
            let mut b = vec![0u32; n_buckets];
            let mut undated = 0;
            let mut per_slot = vec![0u32; 4];
            for &d in docs.iter().filter(|&&d| kept(d)) {
                match bucket(d) {
                    Some(Some(i)) => { b[i] += 1; per_slot[slot(d)] += 1; }
                    Some(None) => undated += 1,
                    None => {}
                }
            }
            (b, undated, per_slot)
        };
        let all_docs: Vec<u32> = (0..index.len() as u32).collect();
        let (out_b, out_u, out_slots) = count(&all_docs);
        prop_assert_eq!(series.len(), queries.len());
        for (q, s) in queries.iter().zip(&series) {
            // The query alone, unfiltered: its matches.
            let alone: Vec<u32> = run(q, &Filters::default()).hits.iter().map(|h| h.doc).collect();
            let (b, undated, per_slot) = count(&alone);
            prop_assert_eq!(&s.buckets, &b, "query {}", q);
            prop_assert_eq!(s.undated, undated);
            let r = &results[queries.iter().position(|x| x == q).expect("query")];
            let got = shares(&r.histogram, &output);
            for i in 0..n_buckets {
                let want = (out_b[i] > 0).then(|| 100.0 * f64::from(b[i]) / f64::from(out_b[i]));
                prop_assert_eq!(got[i], want, "bucket {}", i);
            }
            prop_assert_eq!(undated_share(&r.histogram, &output), (out_u > 0).then(|| 100.0 * f64::from(undated) / f64::from(out_u)));
            let dated: u32 = b.iter().sum();
            let all: u32 = out_b.iter().sum();
            prop_assert_eq!(dated_share(&r.histogram, &output), (all > 0).then(|| 100.0 * f64::from(dated) / f64::from(all)));
            let per_outlet = outlet_shares(&r.histogram, &output);
            for k in 0..4 {
                let want = (out_slots[k] > 0).then(|| 100.0 * f64::from(per_slot[k]) / f64::from(out_slots[k]));
                prop_assert_eq!(per_outlet.get(k).copied().flatten(), want, "slot {}", k);
            }
        }
    }
}
