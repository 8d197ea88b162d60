//! `bench_search`: native search benchmark over a large corpus.
//!
//! ```text
//! cargo run --release --bin bench_search -- <corpus folder or file> [--queries N] [--cache DIR]
//!     [--emit-queries FILE] [--only SET] [--repeat R] [--top K] [--finished] [--slowest N] [--cpu-time]
//! ```
//! After the query sets, an `events` line times `events::Lane::group` (the
//! mentioned days of all matches, computed on every search for the events
//! lane) over the single terms' matches, and a `rows` line the reading of
//! the first rows' texts from the embedded text store.
//! `--cpu-time` times each query by this thread's CPU time instead of the
//! wall clock (on a shared machine the wall clock's tail is mostly waiting
//! for a core).
//! `--slowest N` lists each set's N slowest queries (median over the
//! repeats) with their hit counts, to see where the tail comes from.
//! `--top K` ranks only the best K hits ([`Searcher::search_top`]) instead
//! of all; `--finished` reads the last word as finished (not as being
//! typed). `--only SET` runs one query set (`single`, `phrase`, `prefix`,
//! `filtered`, `events`, `rows`) and `--repeat R` runs each query R times (for profiling with
//! `perf`: build with `--profile profiling`).
//! `--cache DIR` keeps the ingested corpus (`corpus.json`) and the index
//! (`index.bin`) in `DIR` and reuses them on the next run, so repeated runs
//! over a large corpus skip ingest and indexing (their times are then not
//! printed).
//! Ingests the corpus, builds the index, writes and reads it back as the app
//! does, then times full requests (matching, ranking, facets, timeline; the
//! last word typed as a prefix, as in the app) for four query sets drawn
//! deterministically from the corpus itself: single terms, two-word phrases,
//! prefixes, and terms filtered by the largest outlet and one year. Prints
//! sizes, build times and p50/p95/max latency per set. Performance is
//! measured here and in `e2e/bench.mjs` (the browser), never in tests.

use anyhow::Result;
use clap::Parser;
use dateline_core::index::Index;
use dateline_core::search::{Filters, Request, Searcher};
use dateline_core::text::tokenize;
use std::path::PathBuf;
use std::time::Instant;

fn pct(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// Runs `f` and says how long it took in ms: this thread's CPU time with
/// `--cpu-time`, else the wall clock.
fn timed<T>(cpu_time: bool, f: impl FnOnce() -> T) -> (T, f64) {
    let (t, cpu) = (Instant::now(), if cpu_time { thread_cpu_ms() } else { 0.0 });
    let out = f();
    (out, if cpu_time { thread_cpu_ms() - cpu } else { t.elapsed().as_secs_f64() * 1e3 })
}

/// Prints one line of the table (nothing for no timings): the set's name,
/// how many timings, their p50, p95 and max, and `avg` (the caller's
/// average, already formatted) followed by `note`.
fn print_row(name: &str, times: &mut [f64], avg: &str, note: &str) {
    times.sort_by(f64::total_cmp);
    if times.is_empty() {
        return;
    }
    println!(
        "{:<12} {:>6} {:>9.2} {:>9.2} {:>9.2} {:>10}{note}",
        name,
        times.len(),
        pct(times, 0.5),
        pct(times, 0.95),
        pct(times, 1.0),
        avg
    );
}

/// Native search benchmark: query latency over a large corpus.
#[derive(Parser)]
#[command(name = "bench_search", after_help = "Exit codes: 0 done, 1 error, 2 usage error.")]
struct Args {
    /// Corpus folder or file (skipped with a message when it does not exist)
    corpus: PathBuf,
    /// Queries per set
    #[arg(long, value_name = "N", default_value_t = 200)]
    queries: usize,
    /// Keep the ingested corpus and the index in DIR and reuse them
    #[arg(long, value_name = "DIR")]
    cache: Option<PathBuf>,
    /// Write the query sets to FILE (for e2e/bench.mjs and the peers tool)
    #[arg(long, value_name = "FILE")]
    emit_queries: Option<PathBuf>,
    /// Run one query set: single, phrase, prefix or filtered
    #[arg(long, value_name = "SET", value_parser = ["single", "phrase", "prefix", "filtered", "events", "rows"])]
    only: Option<String>,
    /// Run each query R times
    #[arg(long, value_name = "R", default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..))]
    repeat: u64,
    /// Rank only the best K hits (Searcher::search_top) instead of all
    #[arg(long, value_name = "K")]
    top: Option<usize>,
    /// Read the last word as finished (not as being typed)
    #[arg(long)]
    finished: bool,
    /// List each set's N slowest queries
    #[arg(long, value_name = "N", default_value_t = 0)]
    slowest: usize,
    /// Time each query by the CPU time of this thread instead of the wall
    /// clock: on a machine shared with other jobs, the wall clock's tail
    /// is mostly time spent waiting for a core
    #[arg(long)]
    cpu_time: bool,
    /// Print a digest of every set's results (hits with their scores,
    /// documents, counts, histogram, highlights), to check that a change
    /// meant to be exact leaves every answer as it was
    #[arg(long)]
    digest: bool,
}

/// Milliseconds of CPU time this thread has used.
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

fn main() -> Result<()> {
    let Args {
        corpus: path,
        queries: n_queries,
        cache,
        emit_queries: emit,
        only,
        repeat,
        top,
        finished,
        slowest,
        cpu_time,
        digest,
    } = Args::parse();
    let repeat = repeat as usize;
    if !path.exists() {
        println!("bench_search: SKIPPED: {} not found", path.display());
        return Ok(());
    }
    let cached = cache.as_ref().filter(|d| d.join("corpus.json").exists() && d.join("index.bin").exists());
    let (corpus, json, bytes) = if let Some(dir) = cached {
        let json = std::fs::read_to_string(dir.join("corpus.json"))?;
        let corpus = dateline_core::model::Corpus::from_json(&json)?;
        println!("cache: {} (ingest and index build skipped)", dir.display());
        (corpus, json, std::fs::read(dir.join("index.bin"))?)
    } else {
        let t = Instant::now();
        let (corpus, _) = dateline_tools::ingest_paths(std::slice::from_ref(&path), None)?;
        let ingest_s = t.elapsed().as_secs_f64();
        let json = corpus.to_json()?;
        let t = Instant::now();
        let index = Index::build(&corpus);
        let build_s = t.elapsed().as_secs_f64();
        println!("ingest: {ingest_s:.2} s; index build: {build_s:.2} s");
        let bytes = index.to_bytes();
        if let Some(dir) = &cache {
            std::fs::create_dir_all(dir)?;
            std::fs::write(dir.join("corpus.json"), &json)?;
            std::fs::write(dir.join("index.bin"), &bytes)?;
        }
        (corpus, json, bytes)
    };
    let t = Instant::now();
    let index = Index::from_bytes(&bytes)?;
    let load_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let _parsed = dateline_core::model::Corpus::from_json(&json)?;
    let parse_s = t.elapsed().as_secs_f64();
    println!(
        "corpus: {} articles, {} outlets, {} terms",
        corpus.articles.len(),
        corpus.outlets.len(),
        index.terms.len()
    );
    println!("index load: {:.1} ms; corpus JSON parse: {:.1} ms", load_s * 1e3, parse_s * 1e3);
    println!(
        "sizes: corpus JSON {:.1} MB, index {:.1} MB (postings {:.1} MB)",
        json.len() as f64 / 1e6,
        bytes.len() as f64 / 1e6,
        index.postings_bytes() as f64 / 1e6
    );

    // Query sets, deterministic: walk the corpus with a fixed stride.
    let mut by_df: Vec<u32> = (0..index.terms.len() as u32)
        .filter(|&i| {
            index.terms[i as usize].chars().count() >= 4 && index.terms[i as usize].chars().all(char::is_alphabetic)
        })
        .collect();
    by_df.sort_by_key(|&i| std::cmp::Reverse(index.df[i as usize]));
    let pool = &by_df[..by_df.len().min(3000)];
    let step = (pool.len() / n_queries).max(1);
    let singles: Vec<String> =
        pool.iter().step_by(step).take(n_queries).map(|&i| index.terms[i as usize].clone()).collect();
    let prefixes: Vec<String> = singles.iter().map(|t| t.chars().take(4).collect()).collect();
    let stride = (corpus.articles.len() / n_queries).max(1);
    let phrases: Vec<String> = corpus
        .articles
        .iter()
        .step_by(stride)
        .filter_map(|a| {
            let toks = tokenize(&a.lead);
            let w = toks.windows(2).find(|w| w[0].term.len() > 3 && w[1].term.len() > 3)?;
            Some(format!("\"{} {}\"", w[0].term, w[1].term))
        })
        .take(n_queries)
        .collect();
    let searcher = Searcher::new(&index);
    let top_outlet = {
        let mut counts = vec![0usize; corpus.outlets.len() + 1];
        for d in &index.docs {
            counts[d.outlet.map_or(corpus.outlets.len(), |o| o as usize)] += 1;
        }
        (0..corpus.outlets.len()).max_by_key(|&i| counts[i]).unwrap_or(0)
    };
    let year = searcher.axis().map(|a| a.starts[a.starts.len() / 2].year).unwrap_or(2020);
    let from = dateline_core::model::Date::new(year, 1, 1).map(|d| d.days_since_epoch() as i32);
    let to = dateline_core::model::Date::new(year + 1, 1, 1).map(|d| d.days_since_epoch() as i32);
    let sets: [(&str, Vec<String>, Filters); 4] = [
        ("single term", singles.clone(), Filters::default()),
        ("phrase", phrases, Filters::default()),
        ("prefix", prefixes, Filters::default()),
        ("filtered", singles, Filters { outlets: vec![top_outlet], from, to, ..Default::default() }),
    ];
    if let Some(path) = &emit {
        // The same query sets for the browser benchmark (e2e/bench.mjs).
        let outlet_key = corpus.outlets.get(top_outlet).map(|o| o.key.clone()).unwrap_or_default();
        let sets_json = serde_json::json!({
            "single": sets[0].1, "phrase": sets[1].1, "prefix": sets[2].1, "filtered": sets[3].1,
            "filter": { "outlet": outlet_key, "from": format!("{year}-01-01"), "to": format!("{}-01-01", year + 1) },
        });
        std::fs::write(path, serde_json::to_string_pretty(&sets_json)?)?;
    }
    println!("{:<12} {:>6} {:>9} {:>9} {:>9} {:>10}", "queries", "n", "p50 ms", "p95 ms", "max ms", "avg hits");
    let event_queries = sets[0].1.clone();
    for (name, queries, filters) in sets {
        if only.as_deref().is_some_and(|o| !name.starts_with(o)) {
            continue;
        }
        let mut times = Vec::new();
        let mut per_query = vec![Vec::new(); queries.len()];
        let mut hits = 0usize;
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        for (i, q) in (0..queries.len()).cycle().zip(queries.iter().cycle()).take(queries.len() * repeat) {
            let req = Request { query: q.clone(), filters: filters.clone(), typing: !finished, ..Request::default() };
            let (r, ms) = timed(cpu_time, || match top {
                Some(k) => searcher.search_top(&req, k),
                None => searcher.search(&req),
            });
            times.push(ms);
            per_query[i].push((ms, r.len()));
            hits += r.len();
            if digest && per_query[i].len() == 1 {
                // Debug prints every float exactly (shortest round trip).
                std::hash::Hash::hash(&format!("{r:?}"), &mut hasher);
            }
        }
        if times.is_empty() {
            continue;
        }
        let avg = format!("{:.0}", hits as f64 / times.len() as f64);
        print_row(name, &mut times, &avg, "");
        if digest {
            println!("    digest {:016x}", std::hash::Hasher::finish(&hasher));
        }
        if slowest > 0 {
            let mut medians: Vec<(f64, usize, &str)> = per_query
                .iter_mut()
                .zip(&queries)
                .filter(|(t, _)| !t.is_empty())
                .map(|(t, q)| {
                    t.sort_by(|a, b| a.0.total_cmp(&b.0));
                    (t[t.len() / 2].0, t[0].1, q.as_str())
                })
                .collect();
            medians.sort_by(|a, b| b.0.total_cmp(&a.0));
            for (ms, n, q) in medians.iter().take(slowest) {
                println!("    {ms:>8.2} ms {n:>7} hits  {q}");
            }
        }
    }
    if only.as_deref().is_none_or(|o| o.starts_with("events")) {
        events_group(&corpus, &searcher, &event_queries, repeat, cpu_time);
    }
    if only.as_deref().is_none_or(|o| o.starts_with("rows")) {
        row_texts(&corpus, &searcher, &event_queries, cpu_time)?;
    }
    Ok(())
}

/// Times reading the texts of the first rows (the top 8 hits of each
/// single-term query) from the embedded layout's text store, as the app
/// does for every row it shows first (inflate and parse; each article
/// once, as a cold read).
fn row_texts(
    corpus: &dateline_core::model::Corpus,
    searcher: &Searcher,
    queries: &[String],
    cpu_time: bool,
) -> Result<()> {
    let bytes = dateline_core::store::write(corpus);
    let store = dateline_core::store::TextStore::from_bytes(&bytes)?;
    let mut times = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut rows = 0usize;
    for q in queries {
        let r = searcher.search_top(&Request { query: q.clone(), ..Request::default() }, 8);
        let docs: Vec<u32> = r.hits.iter().take(8).map(|h| h.doc).filter(|d| seen.insert(*d)).collect();
        let (read, ms) =
            timed(cpu_time, || docs.iter().try_for_each(|&d| store.texts(d).map(std::hint::black_box).map(drop)));
        read?;
        times.push(ms);
        rows += docs.len();
    }
    let avg = format!("{:.1}", rows as f64 / times.len().max(1) as f64);
    print_row("rows", &mut times, &avg, "   (texts of the first rows not read before, from the text store; avg rows)");
    Ok(())
}

/// Times [`dateline_core::events::Lane::group`] (the mentioned days of every match, which
/// the app computes on every search for the events lane) over the
/// single-term queries' full match sets.
fn events_group(
    corpus: &dateline_core::model::Corpus,
    searcher: &Searcher,
    queries: &[String],
    repeat: usize,
    cpu_time: bool,
) {
    use dateline_core::events;
    let index = events::EventIndex::new(events::extract(corpus).file, corpus.articles.len());
    let slots: Vec<u32> = corpus
        .articles
        .iter()
        .map(|a| {
            a.outlet
                .as_ref()
                .and_then(|k| corpus.outlets.iter().position(|o| &o.key == k))
                .unwrap_or(corpus.outlets.len()) as u32
        })
        .collect();
    let lane = events::Lane::new(&index, slots, corpus.outlets.len() as u32);
    let mut times = Vec::new();
    let mut days = 0usize;
    for q in queries.iter().cycle().take(queries.len() * repeat) {
        let r = searcher.search(&Request { query: q.clone(), ..Request::default() });
        let (grouped, ms) = timed(cpu_time, || lane.group(&index, &r.docs));
        times.push(ms);
        days += grouped.len();
    }
    let avg = format!("{:.0}", days as f64 / times.len().max(1) as f64);
    let note = format!("   (events::Lane::group over the single terms' matches; {} mentions, avg days)", index.len());
    print_row("events", &mut times, &avg, &note);
}
