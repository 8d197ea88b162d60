//! Credit, source and wire lines through the whole text extractor: kept as
//! metadata (`Extracted::credits`), never in the body; a sentence that
//! starts with "Source:" stays in the body.

mod common;

use common::extract::body;
use dateline_core::ingest::registry::Registry;
use dateline_core::ingest::text::{extract, Extracted, Hints};

fn registry() -> Registry {
    let mut r = Registry::builtin().expect("builtin registry");
    r.extend(Registry::from_toml(include_str!("../../corpus/outlets.toml")).expect("corpus registry"));
    r
}

fn run(tail: &[&str]) -> Extracted {
    let mut text = String::from("Leaders agree to reopen transport routes\nHome\nWorld\n");
    text.push_str(
        "The leaders of the two countries agreed on Wednesday to reopen the transport routes between them.\n",
    );
    text.push_str(
        "The agreement, reached after four hours of talks, covers railways, roads and the border crossings.\n",
    );
    text.push_str("Officials said the first trains could run before the end of the year if the works go to plan.\n");
    for line in tail {
        text.push_str(line);
        text.push('\n');
    }
    text.push_str("Related articles\nAnother story about something else entirely\n");
    extract(&text, &Hints::default(), None, &registry()).expect("an article")
}

#[test]
fn credit_lines_of_the_tail_are_metadata() {
    // (tail lines, credited lines expected, sources expected)
    let rows: &[(&[&str], &[&str], &[&str])] = &[
        (&["teleSUR/ JF Source: EFE – El Salto"], &["teleSUR/ JF Source: EFE – El Salto"], &["EFE", "El Salto"]),
        (&["(Reporting by Jane Doe; Editing by John Smith)"], &["(Reporting by Jane Doe; Editing by John Smith)"], &[]),
        (&["— AP"], &["— AP"], &["AP"]),
        (&["With AFP"], &["With AFP"], &["AFP"]),
        (&["Fuente: EFE"], &["Fuente: EFE"], &["EFE"]),
        (&["Источник: ТАСС"], &["Источник: ТАСС"], &["ТАСС"]),
        (
            &["(Reporting by Jane Doe)", "Source: Reuters"],
            &["(Reporting by Jane Doe)", "Source: Reuters"],
            &["Reuters"],
        ),
    ];
    for (tail, lines, sources) in rows {
        let ex = run(tail);
        let got: Vec<&str> = ex.credits.iter().map(|c| c.line.as_str()).collect();
        assert_eq!(got, *lines, "{tail:?}");
        let got_sources: Vec<&str> = ex.credits.iter().flat_map(|c| c.sources.iter().map(String::as_str)).collect();
        assert_eq!(got_sources, *sources, "{tail:?}");
        let b = body(&ex);
        for line in *tail {
            assert!(!b.contains(line), "{line:?} left in the body: {b}");
        }
        assert!(b.contains("the first trains could run"), "{b}");
    }
}

#[test]
fn a_sentence_starting_with_source_stays_in_the_body() {
    let ex = run(&["Source: a senior official said the talks would resume next week."]);
    assert!(ex.credits.is_empty(), "{:?}", ex.credits);
    assert!(body(&ex).contains("Source: a senior official said the talks would resume"), "{}", body(&ex));
}

#[test]
fn a_chart_source_in_the_middle_is_not_the_articles_credit() {
    let mut text = String::from("Exports rose in the spring\nHome\n");
    text.push_str("Exports of grain rose by a fifth in the spring, the statistics office said on Monday morning.\n");
    text.push_str("Source: Eurostat\n");
    text.push_str("The rise was driven by wheat and maize, which together make up most of the country's exports.\n");
    text.push_str("Economists expect the growth to slow in the autumn as the harvest season comes to an end.\n");
    let ex = extract(&text, &Hints::default(), None, &registry()).expect("an article");
    assert!(ex.credits.is_empty(), "{:?}", ex.credits);
}

#[test]
fn hostile_credit_line_is_kept_as_plain_text() {
    let ex = run(&["Source: EFE <img src=x onerror=alert(1)> – =HYPERLINK(\"http://x\")\u{1b}[2J\u{202e}"]);
    let c = ex.credits.first().expect("a credit");
    assert!(c.line.contains("<img src=x onerror=alert(1)>"), "{c:?}");
    assert!(!c.line.chars().any(|ch| ch.is_control() || ch == '\u{202e}'), "{c:?}");
    assert!(!body(&ex).contains("onerror"), "{}", body(&ex));
}

/// The CSV and JSON exports carry the credit lines, their sources and a
/// suggested year (teleSUR's credit; Hyetert's reprint, undated, 2021).
#[test]
fn exports_carry_credits_and_suggested_years() {
    let c = common::seeds();
    let rows: Vec<_> = c.articles.iter().map(|a| dateline_core::export::row(&c.outlets, a)).collect();
    let telesur = rows.iter().find(|r| r.id == "004_eb764ef8279581fd").expect("teleSUR seed");
    assert_eq!(telesur.credit, "teleSUR/ JF Source: EFE – El Salto");
    assert_eq!(telesur.sources, "EFE; El Salto");
    let hyetert = rows.iter().find(|r| r.id == "003_7fa586ce3e554acf").expect("Hyetert seed");
    assert_eq!((hyetert.date.as_str(), hyetert.suggested_year.as_str()), ("", "2021"));
    let csv = dateline_core::export::to_csv(&rows);
    assert!(csv.starts_with(dateline_core::export::CSV_HEADER));
    let mut reader = csv::ReaderBuilder::new().from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().expect("header").iter().map(str::to_string).collect();
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("valid CSV")).collect();
    let by_id = |id: &str| records.iter().find(|r| &r[0] == id).expect(id).clone();
    assert_eq!(&by_id("004_eb764ef8279581fd")[col("sources")], "EFE; El Salto");
    assert_eq!(&by_id("003_7fa586ce3e554acf")[col("suggested_year")], "2021");
    assert_eq!(&by_id("001_40be989623ebc605")[col("credit")], "");
}
