//! Peer engines measured side by side with Dateline, on identical data.
//! Outside the project's workspace: CI never compiles tantivy.
//!
//! ```text
//! cd bench/peers
//! cargo run --release -- relevance <emitted.json> <answer.json> [and]
//!     tantivy's top 10 for every query that `bench_relevance --emit`
//!     wrote (OR of the words by default, AND with `and`), for
//!     `bench_relevance --peer <answer.json>`
//! cargo run --release -- latency <cache dir> <queries.json> [--repeat R] [--cpu-time]
//!     Dateline and tantivy timed in turn on the same queries: the corpus
//!     and index that `bench_search --cache DIR` saved, the query sets that
//!     `bench_search --emit-queries` wrote; `--cpu-time` times by the
//!     thread's CPU time instead of the wall clock
//! ```
//!
//! tantivy is set up as a BM25 reference: title and text fields, the
//! simple tokenizer with lowercasing, ASCII folding and the English
//! Snowball stemmer, the default query parser over both fields (no boost),
//! one segment.

use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::time::Instant;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::QueryParser;
use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST};
use tantivy::tokenizer::{AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer};
use tantivy::{doc, Index, IndexWriter, Searcher};

#[derive(Deserialize)]
struct Emitted {
    docs: Vec<Doc>,
    known_item: Vec<String>,
    words: Vec<String>,
}

#[derive(Deserialize)]
struct Doc {
    title: String,
    text: String,
}

struct Peer {
    index: Index,
    searcher: Searcher,
    parser: QueryParser,
}

/// Builds an in-memory tantivy index of `(title, text)` documents, merged
/// into one segment; the field `idx` holds each document's position.
fn build<'a>(docs: impl Iterator<Item = (&'a str, String)>, conjunction: bool) -> Result<Peer> {
    let analyzer = tantivy::tokenizer::TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer("en").set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let mut schema = Schema::builder();
    let title = schema.add_text_field("title", text.clone());
    let body = schema.add_text_field("text", text);
    let idx = schema.add_u64_field("idx", FAST);
    let index = Index::create_in_ram(schema.build());
    index.tokenizers().register("en", analyzer);
    let mut writer: IndexWriter = index.writer_with_num_threads(1, 400_000_000)?;
    for (i, (t, b)) in docs.enumerate() {
        writer.add_document(doc!(title => t, body => b, idx => i as u64))?;
    }
    writer.commit()?;
    let segments = index.searchable_segment_ids()?;
    if segments.len() > 1 {
        writer.merge(&segments).wait()?;
    }
    writer.wait_merging_threads()?;
    let reader = index.reader()?;
    reader.reload()?;
    let searcher = reader.searcher();
    let mut parser = QueryParser::for_index(&index, vec![title, body]);
    if conjunction {
        parser.set_conjunction_by_default();
    }
    Ok(Peer { index, searcher, parser })
}

impl Peer {
    /// The top 10 as document positions.
    fn top10(&self, q: &str) -> Result<Vec<u32>> {
        let (query, _) = self.parser.parse_query_lenient(q);
        let top = self.searcher.search(&query, &TopDocs::with_limit(10).order_by_score())?;
        top.into_iter()
            .map(|(_, addr)| {
                let col = self.searcher.segment_reader(addr.segment_ord).fast_fields().u64("idx")?;
                col.first(addr.doc_id).map(|i| i as u32).context("idx")
            })
            .collect()
    }
}

fn relevance(input: &str, output: &str, conjunction: bool) -> Result<()> {
    let e: Emitted = serde_json::from_str(&std::fs::read_to_string(input).with_context(|| input.to_string())?)?;
    let peer = build(e.docs.iter().map(|d| (d.title.as_str(), d.text.clone())), conjunction)?;
    let _ = &peer.index;
    let known_item: Vec<Vec<u32>> = e.known_item.iter().map(|q| peer.top10(q)).collect::<Result<_>>()?;
    let words: Vec<Vec<u32>> = e.words.iter().map(|q| peer.top10(q)).collect::<Result<_>>()?;
    let engine = format!(
        "tantivy {} (BM25, English stemmer, {} of the words)",
        tantivy::version().to_string().split(',').next().unwrap_or("?").trim_start_matches("tantivy v"),
        if conjunction { "AND" } else { "OR" }
    );
    let answer = serde_json::json!({ "engine": engine, "known_item": known_item, "words": words });
    std::fs::write(output, answer.to_string())?;
    eprintln!("wrote {output}");
    Ok(())
}

#[derive(Deserialize)]
struct QuerySets {
    single: Vec<String>,
    phrase: Vec<String>,
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// Milliseconds of CPU time this thread has used (`--cpu-time`: on a
/// machine shared with other jobs, the wall clock's tail is mostly time
/// spent waiting for a core).
fn thread_cpu_ms() -> f64 {
    let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `t` is a valid timespec for clock_gettime to fill.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) } == 0;
    if ok {
        t.tv_sec as f64 * 1e3 + t.tv_nsec as f64 / 1e6
    } else {
        f64::NAN
    }
}

fn latency(cache: &str, queries: &str, repeat: usize, cpu_time: bool) -> Result<()> {
    use dateline_core::search::{Request, Searcher as DSearcher};
    let dir = std::path::Path::new(cache);
    let corpus = dateline_core::model::Corpus::from_json(&std::fs::read_to_string(dir.join("corpus.json"))?)?;
    let index = dateline_core::index::Index::from_bytes(&std::fs::read(dir.join("index.bin"))?)?;
    let sets: QuerySets = serde_json::from_str(&std::fs::read_to_string(queries)?)?;
    let t = Instant::now();
    let peer =
        build(corpus.articles.iter().map(|a| (a.title.as_str(), a.texts().collect::<Vec<_>>().join("\n\n"))), false)?;
    eprintln!("tantivy index: {:.1} s, {} articles", t.elapsed().as_secs_f64(), corpus.articles.len());
    let dateline = DSearcher::new(&index);
    type Engine<'a> = (&'a str, Box<dyn Fn(&str) -> usize + 'a>);
    let engines: Vec<Engine> = vec![
        (
            // As the app runs a search (src/app.rs `run_search`): the word
            // being typed, facets, the first RANK_FIRST (32) hits ranked.
            "Dateline, full request as the app (typing; first 32 ranked, facets)",
            Box::new(|q| {
                dateline.search_top(&Request { query: q.into(), typing: true, ..Request::default() }, 32).len()
            }),
        ),
        (
            "Dateline, full request, top 10 ranked (typing; facets)",
            Box::new(|q| {
                dateline.search_top(&Request { query: q.into(), typing: true, ..Request::default() }, 10).len()
            }),
        ),
        (
            "Dateline, full request, top 10 ranked (word finished; facets)",
            Box::new(|q| dateline.search_top(&Request { query: q.into(), ..Request::default() }, 10).len()),
        ),
        (
            "tantivy, top 10",
            Box::new(|q| {
                let (query, _) = peer.parser.parse_query_lenient(q);
                peer.searcher.search(&query, &TopDocs::with_limit(10).order_by_score()).map_or(0, |t| t.len())
            }),
        ),
        (
            "tantivy, top 10 and count",
            Box::new(|q| {
                let (query, _) = peer.parser.parse_query_lenient(q);
                peer.searcher.search(&query, &(TopDocs::with_limit(10).order_by_score(), Count)).map_or(0, |t| t.1)
            }),
        ),
    ];
    for (name, qs) in [("single term", &sets.single), ("phrase", &sets.phrase)] {
        println!("\n{name}: {} queries x {repeat}", qs.len());
        println!("| engine | p50 ms | p95 ms | max ms | avg hits |");
        println!("|---|---|---|---|---|");
        let mut times = vec![Vec::new(); engines.len()];
        let mut hits = vec![0usize; engines.len()];
        for _ in 0..repeat {
            for q in qs {
                // Engines in turn on each query: the same machine load for all.
                for (k, (_, run)) in engines.iter().enumerate() {
                    let (t, cpu) = (Instant::now(), if cpu_time { thread_cpu_ms() } else { 0.0 });
                    hits[k] += run(q);
                    times[k].push(if cpu_time { thread_cpu_ms() - cpu } else { t.elapsed().as_secs_f64() * 1e3 });
                }
            }
        }
        for (k, (engine, _)) in engines.iter().enumerate() {
            let t = &mut times[k];
            t.sort_by(f64::total_cmp);
            if t.is_empty() {
                continue;
            }
            println!(
                "| {engine} | {:.3} | {:.3} | {:.3} | {:.0} |",
                pct(t, 0.5),
                pct(t, 0.95),
                pct(t, 1.0),
                hits[k] as f64 / t.len() as f64
            );
        }
    }
    Ok(())
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["relevance", input, output] => relevance(input, output, false),
        ["relevance", input, output, "and"] => relevance(input, output, true),
        ["latency", cache, queries, rest @ ..] => {
            let (mut repeat, mut cpu_time, mut rest) = (1, false, rest.iter());
            while let Some(&flag) = rest.next() {
                match flag {
                    "--repeat" => repeat = rest.next().context("--repeat R")?.parse().context("--repeat R")?,
                    "--cpu-time" => cpu_time = true,
                    other => bail!("unknown option {other}: peers latency <cache dir> <queries.json> [--repeat R] [--cpu-time]"),
                }
            }
            latency(cache, queries, repeat, cpu_time)
        }
        _ => bail!("usage: peers relevance <emitted.json> <answer.json> [and] | peers latency <cache dir> <queries.json> [--repeat R] [--cpu-time]"),
    }
}
