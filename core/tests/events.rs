//! The events lane on the five seed articles: the dates they mention,
//! resolved against each article's publication date.

mod common;

use common::seeds;
use dateline_core::events::{extract, group, EventIndex, Resolution};
use dateline_core::model::Date;

fn d(y: i32, m: u8, day: u8) -> Date {
    Date::new(y, m, day).expect("valid")
}

#[test]
fn seed_mentions_resolve_against_publication_dates() {
    let c = seeds();
    let ex = extract(&c);
    let doc = |prefix: &str| c.articles.iter().position(|a| a.id.starts_with(prefix)).expect("present") as u32;
    let days = |doc: u32| -> Vec<(Date, Resolution)> {
        ex.file.mentions.iter().filter(|m| m.doc == doc).map(|m| (m.date, m.resolution)).collect()
    };
    // TASS, 5 Oct 2023: "On September 19, tensions flared up again ..."
    let tass = days(doc("000"));
    assert!(tass.contains(&(d(2023, 9, 19), Resolution::Nearest)), "{tass:?}");
    assert!(tass.contains(&(d(2023, 9, 28), Resolution::Nearest)), "{tass:?}");
    assert!(tass.contains(&(d(2024, 1, 1), Resolution::Printed)), "{tass:?}");
    // RT, 11 Jan 2021: "On November 9, Moscow oversaw a ceasefire", "September 27".
    let rt = days(doc("001"));
    assert!(rt.contains(&(d(2020, 11, 9), Resolution::Nearest)), "{rt:?}");
    assert!(rt.contains(&(d(2020, 9, 27), Resolution::Nearest)), "{rt:?}");
    // commonspace, 11 Jan 2021: "November 9 last year".
    let cs = days(doc("002"));
    assert!(cs.contains(&(d(2020, 11, 9), Resolution::Relative)), "{cs:?}");
    // Hyetert has no publication date: "Sept. 27 last year" cannot be resolved.
    assert!(days(doc("003")).is_empty());
    assert_eq!(ex.unresolved, 2, "Sept. 27 last year, Jan. 11 this year");
    // teleSUR, 28 Aug 2024: "On Sept. 19, 2023, Azerbaijani troops entered".
    let ts = days(doc("004"));
    assert!(ts.contains(&(d(2023, 9, 19), Resolution::Printed)), "{ts:?}");
    // Grouped: 19 Sep 2023 is mentioned by TASS and teleSUR, 9 Nov 2020 by RT and commonspace.
    let index = EventIndex::new(ex.file.clone(), c.articles.len());
    let events = group(&index, &(0..c.articles.len() as u32).collect::<Vec<_>>(), &|doc| doc as usize);
    let sep19 = events.iter().find(|e| e.date == d(2023, 9, 19)).expect("19 Sep 2023");
    assert_eq!(sep19.slots, vec![doc("000") as usize, doc("004") as usize]);
    let nov9 = events.iter().find(|e| e.date == d(2020, 11, 9)).expect("9 Nov 2020");
    assert_eq!(nov9.articles, 2);
    // Every mention points at the printed expression.
    for m in &ex.file.mentions {
        let text = c.articles[m.doc as usize].texts().nth(m.block as usize).expect("block");
        let printed = &text[m.start as usize..m.end as usize];
        assert!(printed.chars().any(|c| c.is_ascii_digit()), "{printed:?}");
    }
}

mod grouping {
    use dateline_core::events::{group, EventIndex, EventsFile, Mention, Resolution, EVENTS_VERSION};
    use dateline_core::model::Date;
    use proptest::prelude::*;
    use std::collections::{BTreeMap, BTreeSet};

    /// The oracle: per day, the mentions, the distinct articles and their
    /// outlet slots of the given documents, by brute force.
    fn brute(ms: &[Mention], docs: &[u32], slot: impl Fn(u32) -> usize) -> Vec<(Date, usize, usize, Vec<usize>)> {
        let chosen: BTreeSet<u32> = docs.iter().copied().collect();
        let mut days: BTreeMap<Date, (usize, BTreeSet<u32>, BTreeSet<usize>)> = BTreeMap::new();
        for m in ms.iter().filter(|m| chosen.contains(&m.doc)) {
            let e = days.entry(m.date).or_default();
            e.0 += 1;
            e.1.insert(m.doc);
            e.2.insert(slot(m.doc));
        }
        days.into_iter().map(|(d, (n, a, s))| (d, n, a.len(), s.into_iter().collect())).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Few matching articles and most of the corpus take different
        /// ways through `group` (its own mentions sorted, or the per-day
        /// table): both must give the brute-force answer.
        #[test]
        fn group_counts_like_a_brute_force(
            raw in prop::collection::vec((0u32..60, 0i64..40, 0u32..3), 0..400),
            picks in prop::collection::vec(0u32..70, 0..80),
            take_all in any::<bool>(),
        ) {
            let docs_n = 60usize;
            let ms: Vec<Mention> = raw
                .iter()
                .enumerate()
                .map(|(i, &(doc, day, block))| Mention {
                    doc,
                    date: Date::from_days_since_epoch(18_000 + day),
                    block,
                    start: i as u32,
                    end: i as u32 + 1,
                    resolution: Resolution::Printed,
                })
                .collect();
            let index = EventIndex::new(EventsFile { version: EVENTS_VERSION, mentions: ms.clone() }, docs_n);
            // Repeats and documents past the corpus (ids 60..70) included.
            let docs: Vec<u32> = if take_all { (0..docs_n as u32).chain(picks).collect() } else { picks };
            let slot = |d: u32| (d % 7) as usize;
            let got: Vec<(Date, usize, usize, Vec<usize>)> =
                group(&index, &docs, &slot).into_iter().map(|e| (e.date, e.mentions, e.articles, e.slots)).collect();
            prop_assert_eq!(got, brute(&ms, &docs, slot));
        }
    }
}
