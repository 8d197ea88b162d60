//! Ingest and search never panic, whatever the input: property tests over
//! arbitrary bytes, arbitrary text lines built from the pieces real pages
//! are made of, and arbitrary queries. (`cargo run --profile fuzz --bin fuzz`
//! runs a longer mutation fuzzer over the same entry points.)

use dateline_core::index::Index;
use dateline_core::ingest::{ingest, ingest_with, registry::Registry, InputFile, Options};
use dateline_core::model::Disposition;
use dateline_core::search::{Request, Searcher};
use proptest::prelude::*;

fn registry() -> Registry {
    Registry::from_toml(include_str!("../../corpus/outlets.toml")).expect("registry")
}

const PIECES: &[&str] = &[
    "Related articles",
    "11 Jan, 2021 16:16",
    "By Jane Doe",
    "---",
    "title: x",
    "Also on rt.com x",
    "RELATED:",
    "Photo: x (L) y (R)",
    "0:00",
    "on Monday (11 January) 2020",
    "SOCHI, October 5. /TASS/.",
    "Putin met Aliyev in Moscow to discuss the peace treaty between the two countries.",
    "Пу́тин встре́тился",
    "\u{feff}",
    "\u{0}",
    "31/31/2031 99:99",
    "0001-01-01",
    "2050-13-45T25:61",
    "'\"“”«»",
    "ǅ𝔭ü",
    "Follow İİİİ Desk on Twitter",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn ingest_never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2000), ext in prop::sample::select(vec!["txt", "jsonl", "json", "csv", "bin"])) {
        let c = ingest(&[InputFile { path: format!("f.{ext}"), bytes }], &registry(), "t");
        // Every input is accounted for.
        prop_assert!(!c.report.inputs.is_empty());
    }

    #[test]
    fn ingest_never_panics_on_page_like_text(lines in prop::collection::vec(prop::sample::select(PIECES), 0..40), sep in prop::sample::select(vec!["\n", "\n\n", "\r\n", " "])) {
        let text = lines.join(sep);
        let c = ingest(&[InputFile { path: "p.txt".into(), bytes: text.into_bytes() }], &registry(), "t");
        prop_assert_eq!(c.report.inputs.len(), 1);
        if let Disposition::Ingested { .. } = c.report.inputs[0].disposition {
            prop_assert_eq!(c.articles.len(), 1);
        }
    }

    #[test]
    fn search_never_panics(q in "\\PC{0,40}") {
        let text = PIECES.join("\n\n");
        let c = ingest(&[InputFile { path: "p.txt".into(), bytes: text.into_bytes() }], &registry(), "t");
        let index = Index::build(&c);
        let r = Searcher::new(&index).search(&Request { query: q, typing: true, ..Request::default() });
        prop_assert!(r.hits.len() <= c.articles.len());
    }
}

#[test]
fn regression_huge_single_line_is_split_not_lost() {
    let body: String = (0..2000).map(|i| format!("Putin met Aliyev in Moscow for round {i} of the talks. ")).collect();
    let text = format!("A headline about the talks in Moscow\n{body}");
    let c = ingest(&[InputFile { path: "long.txt".into(), bytes: text.into_bytes() }], &registry(), "t");
    let a = &c.articles[0];
    assert!(a.body.len() > 100, "split into paragraphs");
    assert!(c.report.inputs[0].warnings.iter().any(|w| w.contains("single line")));
}

#[test]
fn regression_follow_line_whose_lowercase_changes_length_does_not_panic() {
    // Found by the fuzzer: a byte offset into "Follow <name> on ..." was
    // used on its lower-cased copy, where "İ" takes one more byte.
    for n in 1..10 {
        let text = format!(
            "A headline about the talks in Moscow\n{}Follow {} Desk Staff on Twitter\n",
            "Putin met Aliyev in Moscow to discuss the peace treaty between the two countries.\n".repeat(3),
            "İ".repeat(n)
        );
        let c = ingest(&[InputFile { path: "follow.txt".into(), bytes: text.into_bytes() }], &registry(), "t");
        assert_eq!(c.articles.len(), 1);
    }
}

#[test]
fn regression_impossible_dates_are_warned_not_kept() {
    let today = dateline_core::model::Date::new(2026, 11, 23);
    for (date, ok) in [
        ("0001-01-01", false),
        ("2050-06-01", false),
        ("2150-06-01", false),
        ("2021-02-30", false),
        ("2021-02-28", true),
    ] {
        let text = format!("---\ndate: {date}\n---\nA headline about the talks in Moscow\n\nPutin met Aliyev in Moscow to discuss the peace treaty between them.\n");
        let c = ingest_with(
            &[InputFile { path: "d.txt".into(), bytes: text.into_bytes() }],
            &registry(),
            "t",
            &Options { today },
            &mut |_, _| {},
        );
        assert_eq!(c.articles[0].date.date.is_some(), ok, "{date}");
        if !ok {
            assert!(!c.report.inputs[0].warnings.is_empty(), "{date} warned");
        }
    }
}
