//! # dateline-core
//!
//! The pure core of Dateline: everything that can be computed without a
//! browser, a file system or a clock.
//!
//! * [`model`] — the serde types shared by ingest (writer) and the app
//!   (reader), with a schema version.
//! * [`text`] — normalisation and the one tokenizer used for indexing and
//!   queries.
//! * [`date`] — date expressions in running text.
//! * [`lang`] — languages: detection, stemming per language, names across
//!   scripts.
//! * [`ingest`] — raw files to a cleaned [`model::Corpus`], every input
//!   accounted for.
//! * [`index`], [`query`], [`search`] — inverted index, query language, BM25
//!   ranking, facets and snippets.
//! * [`norm`] — document lengths as one-byte codes, as BM25 reads them.
//! * [`store`] — article texts apart from metadata, read on demand.
//! * [`bundle`] — the one file that carries a corpus to the app.
//! * [`split`] — the same corpus as many small files, fetched as needed.
//! * [`timeline`] — date bucketing for the histogram.
//! * [`coverage`] — compared queries, share of the outlets' output, results
//!   grouped by outlet.
//! * [`analysis`] — comparing outlets: distinctive terms, keyword in
//!   context, shared quotes.
//! * [`events`] — dates the articles mention (the events lane).
//! * [`infer`] — the year an undated article's text pins (a suggestion).
//! * [`export`] — CSV and JSON export of a result set.
//! * [`cite`] — citations (APA, Chicago) and RIS, BibTeX, CSL-JSON exports.
//!
//! The Yew app and the command-line tools are thin layers over this crate.

// The docs are for the people working on Dateline (`cargo doc
// --document-private-items`, checked by scripts/test.sh): a public item's
// docs may point at the private helper that does the work.
#![allow(rustdoc::private_intra_doc_links)]

pub mod analysis;
pub mod bundle;
pub mod cite;
pub mod coverage;
pub mod date;
pub mod events;
pub mod export;
pub mod index;
pub mod infer;
pub mod ingest;
pub mod lang;
pub mod model;
pub mod norm;
pub mod query;
pub mod search;
pub mod split;
pub mod store;
pub mod text;
pub mod timeline;
