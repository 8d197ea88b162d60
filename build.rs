//! Build script: ingests the corpus folder into `$OUT_DIR/corpus.json`, which
//! `src/data.rs` embeds with `include_str!`.
//!
//! The folder is `corpus/` by default; set `DATELINE_CORPUS=/path/to/folder`
//! to build the explorer on your own articles (`outlets.toml` in that folder
//! replaces the default outlet registry). Every ingest warning is shown as a
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
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("corpus.json");
    let json = corpus.to_json().expect("corpus serialises");
    std::fs::write(&out, json).expect("write corpus.json");
}
