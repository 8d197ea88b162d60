//! Helpers of the text extractor's tests (`extract_*.rs`): run the
//! extractor on a hand-written page text, read back its main text, and
//! make paragraphs of prose.

use dateline_core::ingest::registry::Registry;
use dateline_core::ingest::text::{extract, Extracted, Hints};

/// Extracts `text` with no hints and an empty outlet registry.
pub fn run(text: &str) -> Extracted {
    let reg = Registry::from_toml("").expect("empty registry");
    extract(text, &Hints::default(), None, &reg).expect("an article")
}

/// The lead and the body's blocks, one a line.
pub fn body(ex: &Extracted) -> String {
    std::iter::once(ex.lead.as_str()).chain(ex.body.iter().map(|b| b.text())).collect::<Vec<_>>().join("\n")
}

/// Five paragraphs of made-up harbour news, each long enough to be prose.
pub fn harbour_paragraphs(topic: &str) -> String {
    (1..=5)
        .map(|i| {
            format!("Paragraph {i} about the {topic}: the council said the works would start in spring, and residents asked for a full review of the costs first.\n")
        })
        .collect()
}
