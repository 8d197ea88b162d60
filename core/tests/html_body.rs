//! The body of HTML inputs: what the main-content extractor keeps that
//! is not the article (author bios, calls to action), on pages built in
//! the tests.

use dateline_core::ingest::registry::Registry;
use dateline_core::ingest::{ingest, InputFile};
use dateline_core::model::Article;

fn one(path: &str, bytes: &[u8]) -> Article {
    let reg = Registry::from_toml("").expect("empty registry");
    let c = ingest(&[InputFile { path: path.into(), bytes: bytes.to_vec() }], &reg, "t");
    assert_eq!(c.articles.len(), 1, "{:#?}", c.report);
    c.articles.into_iter().next().expect("one article")
}

fn body(a: &Article) -> String {
    a.texts().collect::<Vec<_>>().join("\n")
}

/// Three paragraphs of harbour news under a headline and a byline, then
/// `after` in the same container.
fn article_then(after: &str) -> Vec<u8> {
    format!(
        "<!doctype html><html><head><title>Harbour wall repairs approved</title></head><body><article>\
         <h1>Harbour wall repairs approved</h1><p>By Mara Quayle</p>\
         <p>The regional council met on Tuesday evening to discuss the budget for the coming year, \
         and members argued for several hours about the cost of repairing the old harbour wall.</p>\
         <p>Officials said the repairs could not wait another winter, because storms last year had already \
         damaged parts of the wall and flooded two streets near the fish market.</p>\
         <p>The council will vote on the final budget next month, after a public consultation that opens \
         on Monday and runs for three weeks, the chairman told reporters.</p>{after}</article></body></html>"
    )
    .into_bytes()
}

#[test]
fn the_authors_closing_bio_is_not_body() {
    // Regression: the DOM's main text kept the author's bio (her name,
    // then `is the owner of`, no role of the table) and the two lines
    // about her after it.
    let bio = "<p>Mara Quayle is the owner of a small sailing school on the bay and has lived in the town \
        for thirty years.</p><p>Mara holds a master's degree in marine biology and sits on the board of the \
        lifeboat trust.</p><p>When she is not sailing, she volunteers at the harbour museum.</p>";
    let a = one("bio.html", &article_then(bio));
    let b = body(&a);
    assert!(b.contains("the chairman told reporters"), "{b}");
    for junk in ["owner of a small sailing school", "master's degree", "harbour museum"] {
        assert!(!b.contains(junk), "{junk} kept in {b}");
    }
}

#[test]
fn a_dated_list_of_other_stories_is_not_body() {
    // The DOM's main text kept a list of other stories after the article,
    // each a date line next to its headline and a teaser (see the text
    // path's `dated_list`). WCXB body F1, HTML path (tuning / checking):
    // 0.9532 / 0.9489 -> 0.9535 / 0.9495.
    let list = "<h2>Latest Insights</h2>\
        <p>March 4, 2026</p><h3>Ferry timetable changes for the spring season</h3>\
        <p>The ferry operator will add two crossings a day from April, and the late boat will run on Sundays too.</p>\
        <p>March 2, 2026</p><h3>Fish market reopens after the winter works</h3>\
        <p>Traders returned to the fish market on Monday after three months of repairs to its roof and drains.</p>";
    let a = one("list.html", &article_then(list));
    let b = body(&a);
    assert!(b.contains("the chairman told reporters"), "{b}");
    for junk in ["two crossings a day", "three months of repairs", "Latest Insights"] {
        assert!(!b.contains(junk), "{junk} kept in {b}");
    }
}
