//! Hostile page texts: the extractor keeps what is article text, drops
//! what is not text at all, and says what it did.

mod common;

use common::extract::body;
use dateline_core::ingest::registry::Registry;
use dateline_core::ingest::text::{extract, front_matter, read_front_matter, Extracted, Hints};

fn run_with(text: &str, hints: &Hints) -> Extracted {
    let reg = Registry::from_toml("").expect("empty registry");
    extract(text, hints, None, &reg).expect("an article")
}

const ARTICLE: &str = "Harbour plan approved after a long night\n\
The council met on Tuesday evening to discuss the new plan for the harbour and its future.\n\
The proposal, drafted over two years, would double the number of berths and add a ferry terminal.\n";

#[test]
fn unclosed_front_matter_does_not_become_the_title() {
    // Regression: front matter opened with `---` and never closed was read
    // as page text, and `outlet: RT` became the title.
    let text = format!("---\noutlet: RT\ndate: 2021-01-11\n{ARTICLE}");
    let fm = read_front_matter(&text);
    assert_eq!(fm.hints.outlet.as_deref(), Some("RT"));
    assert_eq!(fm.hints.date.as_deref(), Some("2021-01-11"));
    let warning = fm.warning.expect("a warning");
    assert!(warning.contains("not closed"), "{warning}");
    let ex = run_with(fm.rest, &fm.hints);
    assert_eq!(ex.title, "Harbour plan approved after a long night");
    // The older entry point reads it the same way.
    assert_eq!(front_matter(&text).0, fm.hints);
}

#[test]
fn a_leading_rule_without_key_lines_is_no_front_matter() {
    let text = format!("---\n{ARTICLE}");
    let fm = read_front_matter(&text);
    assert_eq!(fm.hints, Hints::default());
    assert!(fm.warning.is_none());
    assert_eq!(run_with(fm.rest, &fm.hints).title, "Harbour plan approved after a long night");
}

#[test]
fn control_characters_are_stripped_from_every_field() {
    // Regression: NUL and BEL passed into titles.
    let text = "Harbour plan\u{7} approved after a long\u{0} night\n\
By Jane\u{1b} Doe\n\
Published: 12 March 2021\n\
The council\u{0} met on Tuesday evening to discuss the new plan for the harbour and its future.\n\
The proposal\u{7}, drafted over two years, would double the number of berths and add a ferry terminal.\n\
Residents who spoke\u{85} at the meeting were divided, with several asking for a full review first.\n";
    let ex = run_with(text, &Hints::default());
    let hinted = run_with(
        text,
        &Hints { title: Some("Given\u{0} title".into()), author: Some("Ann\u{7} Lee".into()), ..Hints::default() },
    );
    let blocks = std::iter::once(ex.lead.as_str()).chain(ex.body.iter().map(|b| b.text()));
    for field in [ex.title.as_str(), ex.author.as_deref().unwrap_or(""), &hinted.title].into_iter().chain(blocks) {
        assert!(!field.chars().any(char::is_control), "{field:?}");
    }
    assert_eq!(ex.title, "Harbour plan approved after a long night");
    assert_eq!(ex.author.as_deref(), Some("Jane Doe"));
    assert_eq!(hinted.title, "Given title");
    assert_eq!(hinted.author.as_deref(), Some("Ann Lee"));
    assert!(body(&ex).contains("The council met on Tuesday"), "{}", body(&ex));
}

#[test]
fn c1_controls_are_read_as_windows_1252() {
    // A Windows-1252 page decoded as Latin-1 prints its quotes as C1
    // control characters.
    let text = "Harbour plan approved after a long night
The council met on Tuesday to discuss the \u{84}new plan\u{93} for the harbour \u{96} and its future.
The proposal, drafted over two years, would double the number of berths and add a ferry terminal.
";
    let ex = run_with(text, &Hints::default());
    assert_eq!(ex.lead, "The council met on Tuesday to discuss the „new plan“ for the harbour – and its future.");
}

#[test]
fn a_huge_line_without_punctuation_keeps_its_text() {
    // A line far past the 20,000 bytes where lines are split (the issue's
    // was 4.8 MB; 600 kB keeps the test fast).
    let words = ["harbour", "council", "ferry", "berth", "plan", "night", "vote", "budget", "terminal", "quay"];
    let mut line = String::new();
    let mut seed: u64 = 7;
    while line.len() < 600_000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        line.push_str(words[(seed % 10) as usize]);
        line.push(' ');
    }
    let text = format!("Harbour plan approved after a long night\n{line}\n");
    let ex = run_with(&text, &Hints::default());
    let kept: usize = body(&ex).split_whitespace().count();
    let given = line.split_whitespace().count();
    assert!(kept * 100 >= given * 99, "kept {kept} of {given} words");
    assert!(ex.warnings.iter().any(|w| w.contains("split")), "{:?}", ex.warnings);
}

#[test]
fn a_huge_repeated_line_keeps_its_text() {
    // Regression: a 4.8 MB line of repeated words without sentence ends
    // kept 0.8% of its text: its pieces were dropped as repeated lines.
    let line = "the harbour council met again ".repeat(20_000);
    let text = format!("Harbour plan approved after a long night\n{line}\n");
    let ex = run_with(&text, &Hints::default());
    let kept: usize = body(&ex).split_whitespace().count();
    let given = line.split_whitespace().count();
    assert!(kept * 100 >= given * 99, "kept {kept} of {given} words");
}

#[test]
fn utf8_text_read_as_latin1_is_decoded_again() {
    // Regression: pages whose UTF-8 was read as Latin-1 or Windows-1252
    // kept `Iâ€™ve` (with C1 controls or with `€™`), `cafÃ©` and `Â` for a
    // no-break space (or, read wrongly twice, `Ã¢â‚¬Å“`); a line of real
    // Latin-1 letters (`pâte`, `Ærø`) is left alone.
    let text = "Harbour cafÃ© reopens after a long winter\n\
I\u{e2}\u{80}\u{99}ve seen the council\u{e2}\u{80}\u{99}s plan for the harbour and its future, and it is good.\n\
Theyâ€™ll double the berths and add a ferry terminal, and the cafÃ© will serve pÃ¢te on the quay.\n\
Fares start at $9.99/tripÂ\u{a0}for residents of the old town, the council\u{e2}\u{80}\u{99}s leaflet says.\n\
Visitors from Ærø asked for pâte and crêpes at the quay, and the café owner said she would offer both.\n\
Nobody wanted Ã¢â‚¬Å“another yearÃ¢â‚¬Â\u{9d} of works, a resident said, Ã¢â‚¬Å“and we got twoÃ¢â‚¬Â\u{9d}.\n";
    let ex = run_with(text, &Hints::default());
    assert_eq!(ex.title, "Harbour café reopens after a long winter");
    let b = body(&ex);
    assert!(b.contains("I’ve seen the council’s plan"), "{b}");
    assert!(b.contains("They’ll double"), "{b}");
    assert!(b.contains("café will serve pâte"), "{b}");
    assert!(b.contains("$9.99/trip for residents"), "{b}");
    assert!(b.contains("Visitors from Ærø asked for pâte and crêpes"), "{b}");
    assert!(b.contains("“another year” of works"), "{b}");
    assert!(b.contains("“and we got two”"), "{b}");
}
