//! Publication-date choice on small hand-written page texts.

use dateline_core::ingest::registry::Registry;
use dateline_core::ingest::txt::{extract, Hints};

fn date(text: &str) -> Option<String> {
    let reg = Registry::from_toml("").expect("empty registry");
    extract(text, &Hints::default(), None, &reg).expect("an article").date.date.map(|d| d.iso())
}

const BODY: &str = "The council met on Tuesday evening to discuss the new plan for the harbour and its future.\n\
The proposal, drafted over two years, would double the number of berths and add a ferry terminal.\n\
Residents who spoke at the meeting were divided, with several asking for a full environmental review first.\n";

#[test]
fn label_alone_on_the_line_before_the_date_wins_over_the_sites_today() {
    // Regression: the site's "today" line in the header beat the
    // publication date whose "Published:" label stood on the line before.
    let text = format!(
        "Harbour plan approved after a long night\nThursday, Nov 5th 2020\nBy Jane Doe\nPublished:\n22:00 GMT, 26 September 2020\n{BODY}"
    );
    assert_eq!(date(&text).as_deref(), Some("2020-09-26"));
}

#[test]
fn labelled_date_far_below_the_text_still_counts() {
    // No date line near the text; a "Datum:" labelled date after a long
    // list of related links is the publication date.
    let mut text = format!("Harbour plan approved after a long night\n{BODY}Related\n");
    for i in 0..40 {
        text.push_str(&format!("Another harbour story number {i}\n"));
    }
    text.push_str("Datum:\n19.11.2021\nAutor: Hans Muster\n");
    assert_eq!(date(&text).as_deref(), Some("2021-11-19"));
}

#[test]
fn unlabelled_date_far_below_the_text_is_not_the_publication_date() {
    let mut text = format!("Harbour plan approved after a long night\n{BODY}Related\n");
    for i in 0..40 {
        text.push_str(&format!("Another harbour story number {i}\n"));
    }
    text.push_str("19.11.2021\n");
    assert_eq!(date(&text), None);
}
