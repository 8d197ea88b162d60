//! The five seed articles must be extracted exactly: these are the
//! expectations of the end-to-end issue, checked field by field, plus a
//! scan that no boilerplate line survives in any body.

mod common;

use common::seeds;
use dateline_core::model::{Article, Block, Corpus, DatePrecision, Disposition, EvidenceKind};

fn article<'a>(c: &'a Corpus, prefix: &str) -> &'a Article {
    c.articles.iter().find(|a| a.id.starts_with(prefix)).expect("article present")
}

fn all_text(a: &Article) -> Vec<&str> {
    a.texts().collect()
}

#[test]
fn every_seed_is_ingested() {
    let c = seeds();
    assert_eq!(c.articles.len(), 5);
    assert_eq!(c.report.inputs.len(), 5);
    assert!(c.report.inputs.iter().all(|i| matches!(i.disposition, Disposition::Ingested { .. })));
    // The publishers, in registry order...
    let published: Vec<&str> = c
        .outlets
        .iter()
        .map(|o| o.key.as_str())
        .filter(|k| c.articles.iter().any(|a| a.outlet.as_deref() == Some(k)))
        .collect();
    assert_eq!(published, ["tass", "rt", "commonspace", "hyetert", "telesur"]);
    // ... then the agencies two of them reprint.
    let keys: Vec<&str> = c.outlets.iter().map(|o| o.key.as_str()).collect();
    assert_eq!(keys, ["tass", "rt", "commonspace", "hyetert", "telesur", "anadolu", "efe"]);
}

#[test]
fn seed_outlet_evidence_and_reprints() {
    let c = seeds();
    // (id prefix, evidence kind, evidence detail contains, original source, source evidence contains)
    let rows = [
        ("000", EvidenceKind::Signature, "\"/TASS/\"", None, None),
        ("001", EvidenceKind::Signature, "\"Also on rt.com\"", None, None),
        ("002", EvidenceKind::Signature, "\"Source: commonspace.eu\"", None, None),
        ("003", EvidenceKind::SiteName, "views of Hyetert", Some("anadolu"), Some("Elena Teslova")),
        ("004", EvidenceKind::Signature, "\"teleSUR\"", Some("efe"), Some("Source: EFE")),
    ];
    for (id, kind, detail, source, source_detail) in rows {
        let a = article(&c, id);
        assert_eq!(a.provenance.outlet_evidence, kind, "{id}");
        assert!(a.provenance.outlet_source.contains(detail), "{id}: {}", a.provenance.outlet_source);
        assert_eq!(a.original_source.as_deref(), source, "{id}");
        match source_detail {
            Some(d) => assert!(a.provenance.source_evidence.as_deref().is_some_and(|e| e.contains(d)), "{id}: {a:?}"),
            None => assert_eq!(a.provenance.source_evidence, None, "{id}"),
        }
        // No seed is a copy of another.
        assert!(a.duplicates.is_empty(), "{id}");
    }
}

#[test]
fn seed_fields_table() {
    let c = seeds();
    // (id prefix, outlet, title, date, time, precision, author, dateline)
    type Row = (
        &'static str,
        &'static str,
        &'static str,
        Option<&'static str>,
        Option<(u8, u8)>,
        DatePrecision,
        Option<&'static str>,
        Option<&'static str>,
    );
    let rows: [Row; 5] = [
        ("000", "tass", "Putin says Azerbaijani leader promised him Armenians would be safe in Karabakh", Some("2023-10-05"), Some((21, 49)), DatePrecision::ExactTime, None, Some("SOCHI")),
        ("001", "rt", "In first meeting since bloody 2020 Nagorno-Karabakh war, Putin brings together leaders of Armenia & Azerbaijan for Moscow talks", Some("2021-01-11"), Some((16, 16)), DatePrecision::ExactTime, None, None),
        ("002", "commonspace", "Putin hosts Armenian and Azerbaijani leaders for talks on Karabakh settlement (Updated)", Some("2021-01-11"), None, DatePrecision::YearInferred, None, None),
        ("003", "hyetert", "‘Compare notes’: Russian president, Armenian premier discuss Nagorno-Karabakh", None, None, DatePrecision::Unknown, Some("Elena Teslova"), None),
        ("004", "telesur", "Presidents Putin and Aliyev Prepare a Peace Treaty Between Armenia and Azerbaijan", Some("2024-08-28"), Some((9, 4)), DatePrecision::ExactTime, None, None),
    ];
    for (id, outlet, title, date, time, precision, author, dateline) in rows {
        let a = article(&c, id);
        assert_eq!(a.outlet.as_deref(), Some(outlet), "{id} outlet");
        assert_eq!(a.title, title, "{id} title");
        assert_eq!(a.date.date.map(|d| d.iso()).as_deref(), date, "{id} date");
        assert_eq!(a.date.time.map(|t| (t.hour, t.minute)), time, "{id} time");
        assert_eq!(a.date.precision, precision, "{id} precision");
        assert_eq!(a.author.as_deref(), author, "{id} author");
        assert_eq!(a.dateline.as_deref(), dateline, "{id} dateline");
        assert!(!a.date.source.is_empty(), "{id} date provenance");
        assert!(!a.provenance.outlet_source.is_empty(), "{id} outlet provenance");
    }
}

#[test]
fn seed_leads_and_body_edges() {
    let c = seeds();
    let cases = [
        (
            "000",
            "It is noted that the Azerbaijani leadership",
            "President of the Republic of Nagorno-Karabakh Samvel Shahramanyan",
        ),
        (
            "001",
            "Three months after Russia oversaw a ceasefire",
            "The conflict between Yerevan and Baku in Nagorno-Karabakh re-escalated",
        ),
        ("002", "Russian president Vladimir Putin on Monday hosted", "Explanatory note: The trilateral declaration"),
        ("003", "Vladimir Putin, Nikol Pashinyan meet in Moscow", "On Jan. 11 this year, the leaders of Russia"),
        ("004", "They talked about border delimitation", "“The Nagorno Karabakh conflict is one of those"),
    ];
    for (id, lead, last) in cases {
        let a = article(&c, id);
        assert!(a.lead.starts_with(lead), "{id} lead: {}", a.lead);
        let tail = a.body.last().expect("body").text();
        assert!(tail.starts_with(last), "{id} last paragraph: {tail}");
    }
    // Sub-headings inside articles are kept as headings.
    assert!(article(&c, "000").body.contains(&Block::Heading("Karabakh situation".into())));
    assert!(article(&c, "003").body.contains(&Block::Heading("Liberation of Karabakh".into())));
    // The RT title appears once, not repeated as the first paragraph.
    assert!(!all_text(article(&c, "001")).iter().any(|t| t.starts_with("In first meeting since")));
}

#[test]
fn no_boilerplate_survives_in_any_body() {
    let c = seeds();
    let boilerplate = [
        "icon bookmark",
        "Also on rt.com",
        "Like this story?",
        "Share it with a friend",
        "Podcasts",
        "0:00",
        "26:28",
        "Related articles",
        "Editor's choice",
        "Popular",
        "Germany accuses Russia",
        "NATO Chief says war",
        "Mark Rutte",
        "İçeriğe geçmek",
        "Yorumlar kapatıldı",
        "Opinions expressed are those",
        "RELATED:",
        "Russian Authorities Arrest Terrorists",
        "Read more on the site",
        "Photo: X/ @AlphaNewsAM",
        "teleSUR/ JF",
        "Source: commonspace.eu",
        "Russian Politics & Diplomacy",
        "11 Jan, 2021 16:16",
        "------",
    ];
    for a in &c.articles {
        for text in all_text(a) {
            for b in boilerplate {
                assert!(!text.contains(b), "{}: boilerplate {b:?} survived in {text:?}", a.id);
            }
        }
    }
}

#[test]
fn seed_credit_lines_are_metadata() {
    let c = seeds();
    // (id prefix, [(line, credit, initials, sources)])
    type Want = (&'static str, Option<&'static str>, Option<&'static str>, &'static [&'static str]);
    let rows: [(&str, &[Want]); 5] = [
        ("000", &[]),
        ("001", &[]),
        (
            "002",
            &[(
                "Source: commonspace.eu with the press service of the President of Russia",
                None,
                None,
                &["commonspace.eu", "the press service of the President of Russia"],
            )],
        ),
        ("003", &[]),
        ("004", &[("teleSUR/ JF Source: EFE – El Salto", Some("teleSUR"), Some("JF"), &["EFE", "El Salto"])]),
    ];
    for (id, want) in rows {
        let a = article(&c, id);
        type Owned = (String, Option<String>, Option<String>, Vec<String>);
        let got: Vec<Owned> = a
            .credits
            .iter()
            .map(|k| (k.line.clone(), k.credit.clone(), k.author_initials.clone(), k.sources.clone()))
            .collect();
        let want: Vec<Owned> = want
            .iter()
            .map(|w| {
                let strings = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
                (w.0.to_string(), w.1.map(str::to_string), w.2.map(str::to_string), strings(w.3))
            })
            .collect();
        assert_eq!(got, want, "{id} credits");
        assert!(a.credits.iter().all(|k| k.contributors.is_empty()), "{id}");
        // Initials are not an author: teleSUR's article has none.
        if id == "004" {
            assert_eq!(a.author, None);
        }
    }
}

#[test]
fn seed_suggested_date_is_inferred_not_printed() {
    let c = seeds();
    for a in &c.articles {
        if a.id.starts_with("003") {
            // Hyetert's reprint is undated; "Sept. 27 last year" is a day
            // RT dates (27 September 2020, "September 27" in an article of
            // 11 January 2021); no other year fits it: 2021.
            assert_eq!(a.date.precision, DatePrecision::Unknown);
            assert_eq!(a.date.date, None);
            let s = a.suggested_date.as_ref().expect("a suggested date");
            assert_eq!(s.year, 2021);
            assert_eq!(
                s.evidence,
                [
                    "\"Sept. 27 last year\": 27 Sep 2020, a day 1 other article dates",
                    "\"Jan. 11 this year\": 11 Jan 2021, no other article dates that day"
                ]
            );
        } else {
            assert_eq!(a.suggested_date, None, "{} is dated", a.id);
        }
    }
}

#[test]
fn corpus_json_round_trips_with_schema_version() {
    let c = seeds();
    let json = c.to_json().expect("serialises");
    assert_eq!(Corpus::from_json(&json).expect("parses"), c);
}
