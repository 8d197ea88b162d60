//! Build script: ingests the corpus folder and writes, into `$OUT_DIR`,
//! `corpus.json` (article metadata), `texts.bin` (article texts, see
//! `dateline_core::store`), `index.bin` (the search index) and
//! `events.json` (the dates the articles mention); `src/data.rs` embeds all
//! four with `include_str!` / `include_bytes!`.
//!
//! The folder is `corpus/` by default; set `DATELINE_CORPUS=/path/to/folder`
//! to build the explorer on your own articles (`outlets.toml` in that folder
//! extends the built-in outlet registry). Every ingest warning is shown as a
//! cargo warning, and a folder that yields no article fails the build.

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=DATELINE_CORPUS");
    let dir = std::env::var_os("DATELINE_CORPUS").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("corpus"));
    println!("cargo:rerun-if-changed={}", dir.display());
    let (corpus, registry) = match dateline_tools::ingest_paths(std::slice::from_ref(&dir), None) {
        Ok(c) => c,
        Err(e) => panic!("ingest of {} failed: {e:#}", dir.display()),
    };
    for input in &corpus.report.inputs {
        for w in &input.warnings {
            println!("cargo:warning={}: {}", input.input, w);
        }
        if let dateline_core::model::Disposition::Rejected { reason } = &input.disposition {
            println!("cargo:warning={}: rejected: {}", input.input, reason);
        }
    }
    if corpus.articles.is_empty() {
        panic!("no article could be ingested from {} (registry: {registry})", dir.display());
    }
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    // The full ingest report stays out of the app (it is printed above and
    // written next to the corpus for inspection).
    let report = serde_json::to_string_pretty(&corpus.report).expect("report serialises");
    std::fs::write(out_dir.join("report.json"), report).expect("write report.json");
    let index = dateline_core::index::Index::build(&corpus);
    // The events lane: dates the articles mention, resolved here.
    let events = dateline_core::events::extract(&corpus);
    if events.unresolved > 0 {
        println!(
            "cargo:warning=events lane: {} year-less dates in articles without a publication date left unresolved",
            events.unresolved
        );
    }
    let events_json = events.file.to_json().expect("events serialise");
    std::fs::write(out_dir.join("events.json"), events_json).expect("write events.json");
    // Article texts go to their own store, read on demand by the app; the
    // corpus JSON keeps only metadata, so start-up parses far less.
    std::fs::write(out_dir.join("texts.bin"), dateline_core::store::write(&corpus)).expect("write texts.bin");
    let mut corpus = corpus;
    corpus.report = Default::default();
    dateline_core::store::strip_texts(&mut corpus);
    let json = corpus.to_json().expect("corpus serialises");
    std::fs::write(out_dir.join("corpus.json"), json).expect("write corpus.json");
    // The search index is prepared here too, so the browser never tokenizes
    // the corpus at start-up.
    std::fs::write(out_dir.join("index.bin"), index.to_bytes()).expect("write index.bin");
}
