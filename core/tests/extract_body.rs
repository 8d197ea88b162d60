//! Main-text boundaries on small hand-written page texts.

use dateline_core::ingest::registry::Registry;
use dateline_core::ingest::txt::{extract, Extracted, Hints};

fn run(text: &str) -> Extracted {
    let reg = Registry::from_toml("").expect("empty registry");
    extract(text, &Hints::default(), None, &reg).expect("an article")
}

fn body(ex: &Extracted) -> String {
    std::iter::once(ex.lead.as_str()).chain(ex.body.iter().map(|b| b.text())).collect::<Vec<_>>().join("\n")
}

#[test]
fn table_of_figures_does_not_split_the_article() {
    // Regression: a benchmark table (short lines of figures and lower-case
    // names) counted as a menu and cut the article before its table, and
    // the longer comment section won as the main text.
    let mut text = String::from("Parsing benchmarks: fast vs. friendly\nHome\nBlog\n");
    text.push_str("JSON is the ubiquitous data format on the Internet and there is a lot of it to parse.\n");
    text.push_str("As we just released the latest version of our parser, a reader asked how it compares.\n");
    text.push_str("Let us run some benchmarks. I use a Skylake processor with a recent compiler.\n");
    for (file, a, b) in [
        ("apache_builds", "2.3", "0.098"),
        ("github_events", "2.5", "0.093"),
        ("gsoc-2018", "3.3", "0.091"),
        ("twitter", "2.2", "0.094"),
    ] {
        text.push_str(&format!("{file}\n{a} GB/s\n{b} GB/s\n"));
    }
    text.push_str("Thus, roughly speaking, the fast parser is twenty times faster than the friendly one here.\n");
    text.push_str("3 thoughts on “Parsing benchmarks: fast vs. friendly”\n");
    for who in ["Ann", "Bob", "Cy"] {
        text.push_str(&format!("{who} says:\nAugust 3, 2019 at 4:11 am\nThat is a huge difference, very impressive work, and I am now going to switch my own project over to the fast parser right away, because my users have been complaining about the load times for months.\nReply\n"));
    }
    let ex = run(&text);
    let b = body(&ex);
    assert!(b.contains("I use a Skylake processor"), "{b}");
    assert!(b.contains("gsoc-2018"), "{b}");
    assert!(b.contains("twenty times faster"), "{b}");
    assert!(!b.contains("huge difference"), "{b}");
}

#[test]
fn related_box_inside_the_article_does_not_cut_it() {
    // Regression: a "Related" box with three headlines between two
    // paragraphs ended the main text; the rest of the article was lost.
    let text = "Harbour plan approved after a long night\nHome\nNews\n\
The council met on Tuesday evening to discuss the new plan for the harbour and its future.\n\
The proposal, drafted over two years, would double the number of berths and add a ferry terminal.\n\
Related\n\
Ferry operators plan new routes across the bay\n\
Council budget leaves little room for new projects\n\
Residents who spoke at the meeting were divided, with several asking for a full environmental review first.\n\
Work on the first berths could start next spring if the regional authority approves the funding.\n\
Related articles\n\
Harbour festival returns after three years\n";
    let ex = run(text);
    let b = body(&ex);
    assert!(b.contains("environmental review"), "{b}");
    assert!(b.contains("next spring"), "{b}");
    assert!(!b.contains("Ferry operators plan"), "{b}");
    assert!(!b.contains("Harbour festival"), "{b}");
}

#[test]
fn closing_author_bio_leaves_the_body_and_names_the_author() {
    let text = "Harbour plan approved after a long night\n\
The council met on Tuesday evening to discuss the new plan for the harbour and its future.\n\
The proposal, drafted over two years, would double the number of berths and add a ferry terminal.\n\
Residents who spoke at the meeting were divided, with several asking for a full environmental review first.\n\
Jane Doe is a senior writer at Harbour Weekly, covering transport and the environment.\n";
    let ex = run(text);
    assert!(!body(&ex).contains("senior writer"), "{}", body(&ex));
    assert_eq!(ex.author.as_deref(), Some("Jane Doe"));
}

#[test]
fn affiliate_and_advertising_disclosures_are_furniture_even_when_long() {
    let text = "Harbour plan approved after a long night\n\
This post contains references to products from one or more of our advertisers. We may receive compensation when you click on links to those products, and the terms apply to the offers listed on this page.\n\
The council met on Tuesday evening to discuss the new plan for the harbour and its future.\n\
The proposal, drafted over two years, would double the number of berths and add a ferry terminal.\n";
    let b = body(&run(text));
    assert!(!b.contains("references to products"), "{b}");
    assert!(b.contains("ferry terminal"), "{b}");
}
