//! `split_memory`: what a browser tab's split store holds after a session
//! of queries on a built `dist/` (a benchmark that prints figures, not a
//! test).
//!
//! ```text
//! cargo run --release -p dateline-tools --bin split_memory -- DIST QUERIES.json [--warm N] [--budget BYTES]
//!     [--again] [--fresh] [--list] [--no-answers]
//! ```
//! It reads the manifest from the wasm's custom section, then plays what
//! `e2e/bench-split.mjs` does in its warm round, natively: per query set
//! (single terms, phrases, prefixes, filtered) `--warm` queries spread over
//! the set, each typed (`typing`), its files fetched from `DIST/data/` as
//! the app asks for them (one render after each wave of arrivals), the
//! first 32 hits ranked and the first rows' articles fetched. A query
//! whose files are all there is timed as the app runs it: the store asked,
//! the search (on the manifest's axis) and, apart, the events lane
//! ([`Lane::group`], the events file loaded at the start). A query that
//! fetched files is timed too, reading the files from disk left out: what
//! the tab's thread spends on a cold query (the store asked after each
//! wave, the files decoded and added, the index brought up to date, the
//! search). After each
//! set it prints what the store holds by part ([`SplitStore::held`]) and
//! the process's resident memory, which stands for the tab's wasm memory
//! (that never shrinks: its peak is what a tab keeps). `--fresh` runs each
//! query on a new store holding only the columns, as the browser
//! benchmark's cold queries run on a fresh page, and `--list` prints each
//! query's files by wave (`kind:KB` as stored, Brotli), which shows what a
//! cold query's bytes are made of.

use anyhow::{bail, Context, Result};
use clap::Parser;
use dateline_core::events::Lane;
use dateline_core::search::{Filters, Request};
use dateline_core::split::{Manifest, Need, SplitStore, DATA_DIR, MANIFEST_SECTION};
use dateline_core::timeline::Axis;
use std::path::PathBuf;

#[derive(Parser)]
#[command(about = "What the split store holds after a session of queries on a built dist/")]
struct Args {
    /// A split build (`dist/`, or a Trunk staging folder completed by `dist`)
    dist: PathBuf,
    /// Query sets (`bench_search --emit-queries`)
    queries: PathBuf,
    /// Queries per set
    #[arg(long, default_value_t = 10)]
    warm: usize,
    /// Bytes of fragment files kept [default: the app's, split::FRAGMENT_BUDGET]
    #[arg(long)]
    file_budget: Option<usize>,
    /// Bytes of decoded articles kept [default: the app's, split::ARTICLE_BUDGET]
    #[arg(long)]
    article_budget: Option<usize>,
    /// Run the queries a second time (the warm round of the browser
    /// benchmark) and count the files it fetches again
    #[arg(long)]
    again: bool,
    /// Rows whose articles are fetched after each query (the first screen)
    #[arg(long, default_value_t = 20)]
    rows: usize,
    /// Print each query's files by wave (`kind:KB`), and its bytes
    #[arg(long)]
    list: bool,
    /// Each query on a fresh store holding only the columns (the browser
    /// benchmark's cold queries, a fresh page each)
    #[arg(long)]
    fresh: bool,
    /// After each set, print its N slowest warm queries (search and
    /// events lane ms, hits)
    #[arg(long, value_name = "N", default_value_t = 0)]
    slow: usize,
    /// Leave the stored answers out of the manifest (the same build read
    /// as without them; see core/src/split/answers.rs)
    #[arg(long)]
    no_answers: bool,
}

/// The process's resident memory now, in bytes (0 where the kernel does
/// not say).
fn rss() -> u64 {
    dateline_tools::dist::resident_memory().unwrap_or(0)
}

fn mb(b: impl TryInto<u64>) -> f64 {
    b.try_into().unwrap_or(0) as f64 / 1e6
}

/// `n` queries spread over `list`, as `e2e/bench-split.mjs` samples them.
fn sample(list: &[String], n: usize) -> Vec<String> {
    if list.len() <= n {
        return list.to_vec();
    }
    let step = list.len() as f64 / n as f64;
    (0..n).map(|i| list[(i as f64 * step) as usize].clone()).collect()
}

fn run() -> Result<()> {
    let args = Args::parse();
    let wasm_path = std::fs::read_dir(&args.dist)
        .with_context(|| format!("reading {}", args.dist.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.to_string_lossy().ends_with("_bg.wasm"))
        .with_context(|| format!("no *_bg.wasm in {}", args.dist.display()))?;
    let wasm = std::fs::read(&wasm_path)?;
    let section = dateline_tools::dist::custom_section(&wasm, MANIFEST_SECTION)?
        .with_context(|| format!("{} has no split manifest (an embedded build?)", wasm_path.display()))?;
    let manifest = Manifest::from_json(std::str::from_utf8(section)?)?;
    let manifest = if args.no_answers { Manifest { answers: None, ..manifest } } else { manifest };
    let data = args.dist.join(DATA_DIR);
    let read = |name: &str| std::fs::read(data.join(name)).with_context(|| format!("reading {name}"));
    let sets: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&args.queries)?)?;
    let outlet = sets["filter"]["outlet"].as_str().unwrap_or("");
    let year = |v: &serde_json::Value| -> Option<i32> {
        let y: i32 = v.as_str()?.get(..4)?.parse().ok()?;
        Some(dateline_core::model::Date::new(y, 1, 1)?.days_since_epoch() as i32)
    };
    let filtered = Filters {
        outlets: manifest.outlets.iter().position(|o| o.key == outlet).into_iter().collect(),
        from: year(&sets["filter"]["from"]),
        to: year(&sets["filter"]["to"]),
        ..Filters::default()
    };

    let before = rss();
    let mut store = SplitStore::new(manifest.clone());
    store.set_article_budgets(
        args.file_budget.unwrap_or(dateline_core::split::FRAGMENT_BUDGET),
        args.article_budget.unwrap_or(dateline_core::split::ARTICLE_BUDGET),
    );
    store.add(&manifest.columns, &read(&manifest.columns)?)?;
    let (mut fetched, mut bytes) = (1usize, 0usize);
    println!("{} articles; after the columns: RSS {:.1} MB", manifest.articles, mb(rss().saturating_sub(before)));
    // The app fetches the mentioned dates once the first screen is shown
    // and totals them for the events lane on the next search.
    let events_file = read(&manifest.events)?;
    (fetched, bytes) = (fetched + 1, bytes + events_file.len());
    store.add(&manifest.events, &events_file)?;
    let events = store.events().cloned().context("the events file did not load")?;
    let n = manifest.outlets.len() as u32;
    let t = std::time::Instant::now();
    let slots: Vec<u32> = store.index().docs.iter().map(|d| d.outlet.unwrap_or(n)).collect();
    let lane = Lane::new(&events, slots, n);
    let events = &events;
    println!(
        "events: {} mentions; lane totalled in {:.1} ms; RSS {:.1} MB",
        events.len(),
        t.elapsed().as_secs_f64() * 1e3,
        mb(rss().saturating_sub(before))
    );
    let axis = manifest.axis.and_then(|(a, b)| Axis::new([a, b]));
    println!("| after | queries | warm search ms p50 / p95 | cold query CPU ms p50 / p95 | events lane ms p50 / p95 | rows' articles ms p50 / p95 | files fetched | MB fetched | fragment files | articles | postings | positions | dictionary | pairs | index | RSS growth |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    let mut done = 0;
    let mut times: Vec<f64> = Vec::new();
    let (mut search_times, mut lane_times): (Vec<f64>, Vec<f64>) = (Vec::new(), Vec::new());
    let mut cold_times: Vec<f64> = Vec::new();
    // (search + lane, search, lane ms, hits, query) of each warm query.
    let mut slowest: Vec<(f64, f64, f64, usize, String)> = Vec::new();
    let rounds: &[&str] = if args.again { &["", " again"] } else { &[""] };
    for (set, round) in rounds.iter().flat_map(|r| ["single", "phrase", "prefix", "filtered"].map(move |s| (s, *r))) {
        let list: Vec<String> =
            sets[set].as_array().into_iter().flatten().filter_map(|q| q.as_str().map(String::from)).collect();
        for q in sample(&list, args.warm) {
            let filters = if set == "filtered" { filtered.clone() } else { Filters::default() };
            let req = Request { query: q.clone(), filters, typing: true, ..Request::default() };
            if args.fresh {
                store = SplitStore::new(manifest.clone());
                store.add(&manifest.columns, &read(&manifest.columns)?)?;
                // The page has shown its first screen before the query.
                let _ = store.missing(&Request::default());
                std::hint::black_box(store.index().len());
            }
            // Each wave's files: (kind, bytes as stored).
            let mut waves: Vec<Vec<(String, usize)>> = Vec::new();
            let note = |waves: &mut Vec<Vec<(String, usize)>>, name: &str, bytes: usize| {
                if let Some(w) = waves.last_mut() {
                    w.push((name.split('-').next().unwrap_or("").to_string(), bytes));
                }
            };
            let mut renders = 0;
            let mut reading = std::time::Duration::ZERO;
            let started = std::time::Instant::now();
            let docs: Vec<u32> = loop {
                renders += 1;
                if renders > 50 {
                    bail!("{q:?}: the store keeps asking for files");
                }
                // As the app asks: from the word's stored answer when the
                // corpus has one that serves, else from the lists.
                match store.need(&req, 32) {
                    Need::Ready => {
                        let results = store.search(&req, axis.clone(), 32);
                        if renders == 1 {
                            // Nothing fetched: a warm query, timed as the
                            // app runs it (store asked, search, events lane).
                            let searched = started.elapsed().as_secs_f64() * 1e3;
                            search_times.push(searched);
                            let t = std::time::Instant::now();
                            let days = lane.group(events, &results.docs);
                            let counted = t.elapsed().as_secs_f64() * 1e3;
                            lane_times.push(counted);
                            slowest.push((searched + counted, searched, counted, results.docs.len(), q.clone()));
                            std::hint::black_box(days);
                        } else {
                            cold_times.push((started.elapsed() - reading).as_secs_f64() * 1e3);
                        }
                        break results.hits.iter().take(args.rows).map(|h| h.doc).collect();
                    }
                    Need::Files(names) => {
                        waves.push(Vec::new());
                        for n in names {
                            let r = std::time::Instant::now();
                            let b = read(&n)?;
                            reading += r.elapsed();
                            note(&mut waves, &n, b.len());
                            bytes += b.len();
                            fetched += 1;
                            store.add(&n, &b)?;
                        }
                    }
                }
            };
            let t = std::time::Instant::now();
            while let Need::Files(names) = store.need_articles(docs.iter().copied()) {
                waves.push(Vec::new());
                for n in names {
                    let b = read(&n)?;
                    note(&mut waves, &n, b.len());
                    bytes += b.len();
                    fetched += 1;
                    store.add(&n, &b)?;
                }
            }
            // The rows render: every article read.
            let shown = docs.iter().filter(|&&d| store.article(d).is_some()).count();
            if shown != docs.len() {
                bail!("{q:?}: {} of {} rows not readable", docs.len() - shown, docs.len());
            }
            times.push(t.elapsed().as_secs_f64() * 1e3);
            done += 1;
            if args.list {
                let kb = waves.iter().flatten().map(|(_, b)| *b).sum::<usize>() as f64 / 1e3;
                let shown: Vec<Vec<String>> = waves
                    .iter()
                    .map(|w| w.iter().map(|(kind, b)| format!("{kind}:{:.1}", *b as f64 / 1e3)).collect())
                    .collect();
                println!("  {set} {q:?}: {kb:.1} KB, {} files, {shown:?}", waves.iter().map(Vec::len).sum::<usize>());
            }
        }
        if args.slow > 0 {
            slowest.sort_by(|a, b| b.0.total_cmp(&a.0));
            for (_, searched, counted, hits, q) in slowest.iter().take(args.slow) {
                println!("  slow {set}{round} {q:?}: search {searched:.1} ms, lane {counted:.1} ms, {hits} hits");
            }
        }
        slowest.clear();
        let pct = |xs: &mut Vec<f64>, p: f64| {
            xs.sort_by(f64::total_cmp);
            xs.get(((xs.len().max(1) - 1) as f64 * p).round() as usize).copied().unwrap_or(f64::NAN)
        };
        let (p50, p95) = (pct(&mut times, 0.5), pct(&mut times, 0.95));
        let (s50, s95) = (pct(&mut search_times, 0.5), pct(&mut search_times, 0.95));
        let (l50, l95) = (pct(&mut lane_times, 0.5), pct(&mut lane_times, 0.95));
        let (c50, c95) = (pct(&mut cold_times, 0.5), pct(&mut cold_times, 0.95));
        cold_times.clear();
        times.clear();
        search_times.clear();
        lane_times.clear();
        let h = store.held();
        println!(
            "| {set}{round} | {done} | {s50:.1} / {s95:.1} | {c50:.1} / {c95:.1} | {l50:.1} / {l95:.1} | {p50:.1} / {p95:.1} | {fetched} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} |",
            mb(bytes),
            mb(h.fragments),
            mb(h.articles),
            mb(h.postings),
            mb(h.positions),
            mb(h.dictionary),
            mb(h.pairs),
            mb(h.index),
            mb(rss().saturating_sub(before)),
        );
    }
    Ok(())
}

fn main() -> std::process::ExitCode {
    dateline_tools::exit_status(run())
}
