//! `bench_split`: what a cold query costs in the split layout, natively.
//!
//! ```text
//! cargo run --release --bin bench_split -- --cache DIR --queries FILE [--rows N] [--per-set N]
//!     [--split-dir DIR] [--verbose] [--inline-bytes N] [--no-typo-chunks]
//! ```
//! `DIR` is a `bench_search --cache` folder (`corpus.json`, `index.bin`),
//! `FILE` the query sets `bench_search --emit-queries` wrote for it. The
//! corpus is written in the split layout in memory (default chunk sizes),
//! then every query runs on a fresh [`SplitStore`] holding only the columns,
//! as the app runs it on a fresh page: the store says what it misses, the
//! files "arrive" one by one (after each the store is asked again, as the
//! app renders on each arrival), and once it is ready the search runs and
//! the fragments of the first `--rows` rows (8) are asked for. Printed per
//! query set and for all: network rounds (one per batch of files asked for
//! together: each costs at least one round trip), files, bytes
//! (compressed, as they cross the wire) and the CPU time of the store and
//! the search (what the wasm does between arrivals), p50/p95. The browser
//! benchmark (`e2e/bench-split.mjs`) measures the same in Chromium with
//! network throttling; this one shows the store's part alone, exactly.
//! Times are the CPU time of the benchmark's thread (the machine may be
//! shared). `--split-dir DIR` keeps the written files there and reads them
//! back on the next run (delete it when the writer changes).

use anyhow::{bail, Context, Result};
use clap::Parser;
use dateline_core::index::Index;
use dateline_core::model::{Corpus, Date};
use dateline_core::search::{Filters, Request};
use dateline_core::split::{Manifest, Need, SplitStore};
use std::collections::HashMap;
use std::path::PathBuf;

/// CPU time of this thread, in seconds (the machine is shared: wall time
/// would count the other processes' turns).
fn cpu_now() -> f64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes into the timespec it is given.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

fn pct(xs: &[f64], p: f64) -> f64 {
    let mut s = xs.to_vec();
    s.sort_by(|a, b| a.total_cmp(b));
    s.get(((s.len().max(1) - 1) as f64 * p).round() as usize).copied().unwrap_or(f64::NAN)
}

#[derive(Default)]
struct Tally {
    rounds: Vec<f64>,
    files: Vec<f64>,
    kb: Vec<f64>,
    frag_kb: Vec<f64>,
    cpu_ms: Vec<f64>,
}

fn kind(name: &str) -> &str {
    name.split('-').next().unwrap_or("")
}

/// Adds a round of files to the store, noting them in `trace`; returns
/// their bytes.
fn fetch_round(
    store: &mut SplitStore,
    files: &HashMap<String, Vec<u8>>,
    names: &[String],
    trace: &mut Vec<Vec<String>>,
) -> Result<usize> {
    trace.push(names.iter().map(|n| format!("{}:{:.1}", kind(n), files[n].len() as f64 / 1e3)).collect());
    let mut bytes = 0;
    for n in names {
        store.add(n, &files[n])?;
        bytes += files[n].len();
    }
    Ok(bytes)
}

/// What a cold query costs in the split layout, natively (see the module docs).
#[derive(Parser)]
#[command(name = "bench_split", after_help = "Exit codes: 0 done, 1 error, 2 usage error.")]
struct Args {
    /// A `bench_search --cache` folder (corpus.json, index.bin).
    #[arg(long, value_name = "DIR")]
    cache: PathBuf,
    /// The query sets `bench_search --emit-queries` wrote for that corpus.
    #[arg(long, value_name = "FILE")]
    queries: PathBuf,
    /// Rows whose fragments a query fetches once ranked.
    #[arg(long, default_value_t = 8)]
    rows: usize,
    /// At most this many queries of each set (spread over the set).
    #[arg(long, value_name = "N")]
    per_set: Option<usize>,
    /// Keep the written split files here and read them back next time.
    #[arg(long, value_name = "DIR")]
    split_dir: Option<PathBuf>,
    /// Ask for the first rows' fragments with a query's last lists
    /// (`SplitStore::early_articles`, as the app does).
    #[arg(long)]
    early: bool,
    /// Print each query's rounds of files.
    #[arg(long)]
    verbose: bool,
    /// Lists of at most this many bytes inline in the dictionary (default:
    /// the build's).
    #[arg(long, value_name = "N")]
    inline_bytes: Option<usize>,
    /// Target raw size of a dictionary (and typo) chunk (default: the
    /// build's).
    #[arg(long, value_name = "N")]
    dict_bytes: Option<usize>,
    /// Target raw size of a stems chunk (default: the build's).
    #[arg(long, value_name = "N")]
    stem_bytes: Option<usize>,
    /// Write within this many files (the `dist` tool's `--max-files`):
    /// shows what a host's file limit costs a cold query.
    #[arg(long, value_name = "N")]
    max_files: Option<usize>,
    /// Pair lists for the phrases of words whose positions take at least
    /// this many bytes (default: the build's; 0: no pairs).
    #[arg(long, value_name = "N")]
    pair_bytes: Option<usize>,
    /// Target raw size of a pair block (default: the build's).
    #[arg(long, value_name = "N")]
    pair_block: Option<usize>,
    /// Leave the typo chunks out of the manifest, as in corpora written
    /// before them: a word's typo scan then reads every dictionary chunk of
    /// its first letter
    #[arg(long)]
    no_typo_chunks: bool,
    /// Lists of more documents than this in tiers (`split/tiers.rs`;
    /// default: the build's; 0: none).
    #[arg(long, value_name = "N")]
    tier_min_docs: Option<usize>,
    /// Documents whose body frequencies stay in a tiered list's head
    /// (default: the build's).
    #[arg(long, value_name = "N")]
    tier_head: Option<usize>,
    /// Stored answers for the words being typed whose query reads at least
    /// this many bytes of lists (`split/answers.rs`; default: the build's;
    /// 0: none).
    #[arg(long, value_name = "N")]
    answer_bytes: Option<usize>,
    /// Hits ranked in a stored answer (default: the build's).
    #[arg(long, value_name = "N")]
    answer_top: Option<usize>,
    /// Hits ranked with an answer's deeper hits, for filtered queries
    /// (default: the build's; at most the top: none).
    #[arg(long, value_name = "N")]
    answer_deep: Option<usize>,
    /// Leave the stored answers out of the manifest (the same files read
    /// without them).
    #[arg(long)]
    no_answers: bool,
    /// Hits ranked, as the app ranks them first (its `RANK_FIRST`): the
    /// tails of tiered lists are fetched when these are not proven.
    #[arg(long, default_value_t = 32)]
    rank: usize,
}

fn main() -> std::process::ExitCode {
    dateline_tools::exit_status(run())
}

fn run() -> Result<()> {
    let Args {
        cache,
        queries,
        rows,
        per_set,
        split_dir,
        early,
        verbose,
        inline_bytes,
        dict_bytes,
        stem_bytes,
        max_files,
        pair_bytes,
        pair_block,
        no_typo_chunks,
        tier_min_docs,
        tier_head,
        answer_bytes,
        answer_top,
        answer_deep,
        no_answers,
        rank,
    } = Args::parse();
    let per_set = per_set.unwrap_or(usize::MAX);
    let cached = split_dir.as_ref().filter(|d| d.join("manifest.json").exists());
    let t = cpu_now();
    let (manifest, files, articles) = if let Some(dir) = cached {
        let manifest = Manifest::from_json(&std::fs::read_to_string(dir.join("manifest.json"))?)?;
        let mut files = HashMap::new();
        for name in manifest.files() {
            let bytes = std::fs::read(dir.join(&name)).with_context(|| name.clone())?;
            files.insert(name, bytes);
        }
        let articles = manifest.articles as usize;
        (manifest, files, articles)
    } else {
        let json = std::fs::read_to_string(cache.join("corpus.json")).context("corpus.json")?;
        let corpus = Corpus::from_json(&json)?;
        let index = Index::from_bytes(&std::fs::read(cache.join("index.bin")).context("index.bin")?)?;
        let events = dateline_core::events::extract(&corpus).file;
        let mut opts = dateline_core::split::WriteOptions::default();
        opts.inline_bytes = inline_bytes.unwrap_or(opts.inline_bytes);
        opts.dict_bytes = dict_bytes.unwrap_or(opts.dict_bytes);
        opts.stem_bytes = stem_bytes.unwrap_or(opts.stem_bytes);
        opts.pair_positions_bytes = pair_bytes.unwrap_or(opts.pair_positions_bytes);
        opts.pair_block_bytes = pair_block.unwrap_or(opts.pair_block_bytes);
        opts.tier_min_docs = tier_min_docs.unwrap_or(opts.tier_min_docs);
        opts.tier_head = tier_head.unwrap_or(opts.tier_head);
        opts.answer_min_bytes = answer_bytes.unwrap_or(opts.answer_min_bytes);
        opts.answer_top = answer_top.unwrap_or(opts.answer_top);
        opts.answer_deep = answer_deep.unwrap_or(opts.answer_deep);
        if let Some(min_df) = (opts.pair_positions_bytes > 0)
            .then(|| dateline_core::index::min_df_for(&index, opts.pair_positions_bytes))
            .flatten()
        {
            let common = index.df.iter().filter(|&&df| df >= min_df).count();
            println!("pairs: {common} common words (in {min_df} articles or more)");
        }
        let t = cpu_now();
        let prepared = dateline_core::split::Prepared::new(&corpus, &index, &opts);
        let (answers, answer_bytes) = prepared.answer_words();
        println!(
            "prepared in {:.1} s (CPU, both threads): {answers} words to answer (their lists: {:.1} MB)",
            cpu_now() - t,
            answer_bytes as f64 / 1e6
        );
        if let Some(max) = max_files {
            let fit = dateline_core::split::fit_file_budget(&corpus, &index, &events, opts, &prepared, max)?;
            println!(
                "file limit {max}: {} files as asked, {} with fragments of {} articles and posting chunks of {} KB",
                fit.asked.total(),
                fit.counts.total(),
                fit.opts.fragment_articles,
                fit.opts.postings_bytes >> 10
            );
            opts = fit.opts;
        }
        let mut files = Vec::new();
        let manifest = dateline_core::split::write_prepared(&corpus, &index, &events, &opts, &prepared, &mut files);
        let split = dateline_core::split::SplitFiles { manifest, files };
        if let Some(dir) = &split_dir {
            std::fs::create_dir_all(dir)?;
            for (name, bytes) in &split.files {
                std::fs::write(dir.join(name), bytes)?;
            }
            std::fs::write(dir.join("manifest.json"), split.manifest.to_json())?;
        }
        (split.manifest, split.files.into_iter().collect(), corpus.articles.len())
    };
    println!(
        "{} articles; split {} in {:.1} s (CPU): {} files, {:.1} MB; columns {:.1} KB",
        articles,
        if cached.is_some() { "read" } else { "written" },
        cpu_now() - t,
        files.len(),
        files.values().map(|b| b.len()).sum::<usize>() as f64 / 1e6,
        files[&manifest.columns].len() as f64 / 1e3
    );
    let json = manifest.to_json();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::Write::write_all(&mut gz, json.as_bytes())?;
    println!(
        "manifest (in the wasm) {:.1} KB, {:.1} KB gzipped; postings/positions files {} / {}",
        json.len() as f64 / 1e3,
        gz.finish()?.len() as f64 / 1e3,
        manifest.postings.count,
        manifest.positions.count
    );
    let mut by_kind: HashMap<&str, (usize, usize)> = HashMap::new();
    for (name, b) in &files {
        let e = by_kind.entry(kind(name)).or_default();
        e.0 += 1;
        e.1 += b.len();
    }
    let mut kinds: Vec<_> = by_kind.into_iter().collect();
    kinds.sort();
    for (k, (n, b)) in kinds {
        println!("  {k:<8} {n:>7} files {:>9.1} KB (avg {:.1} KB)", b as f64 / 1e3, b as f64 / 1e3 / n as f64);
    }

    let sets: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&queries)?)?;
    let filter = &sets["filter"];
    let outlet = filter["outlet"].as_str().unwrap_or("");
    let slot = manifest.outlets.iter().position(|o| o.key == outlet);
    let year = |v: &serde_json::Value| -> Option<i32> {
        let y: i32 = v.as_str()?.get(..4)?.parse().ok()?;
        Some(Date::new(y, 1, 1)?.days_since_epoch() as i32)
    };
    let filtered = Filters {
        outlets: slot.into_iter().collect(),
        from: year(&filter["from"]),
        to: year(&filter["to"]),
        ..Filters::default()
    };
    let mut all = Tally::default();
    println!(
        "{:<9} {:>4} {:>13} {:>13} {:>17} {:>17} {:>15}",
        "set", "n", "rounds p50/95", "files p50/95", "KB p50/95", "frag KB p50/95", "cpu ms p50/95"
    );
    let manifest = if no_typo_chunks { Manifest { typos: Vec::new(), ..manifest } } else { manifest };
    let manifest = if no_answers { Manifest { answers: None, ..manifest } } else { manifest };
    for set in ["single", "phrase", "prefix", "filtered"] {
        let mut tally = Tally::default();
        let list: Vec<&str> = sets[set].as_array().into_iter().flatten().filter_map(|q| q.as_str()).collect();
        let step = (list.len() / per_set.min(list.len()).max(1)).max(1);
        for q in list.iter().step_by(step).take(per_set) {
            let filters = if set == "filtered" { filtered.clone() } else { Filters::default() };
            let req = Request { query: q.to_string(), filters, typing: true, ..Request::default() };
            let mut store = SplitStore::new(manifest.clone());
            store.add(&manifest.columns, &files[&manifest.columns])?;
            let (mut rounds, mut n_files, mut bytes, mut cpu) = (0usize, 0usize, 0usize, 0f64);
            let t = cpu_now();
            let mut need = store.need(&req, rank);
            cpu += cpu_now() - t;
            let mut trace = Vec::new();
            while let Need::Files(mut names) = need {
                rounds += 1;
                if rounds > 20 {
                    bail!("{q:?}: the store keeps asking for files");
                }
                let t = cpu_now();
                let mut i = 0;
                while i < names.len() {
                    let n = &names[i];
                    store.add(n, &files[n])?;
                    n_files += 1;
                    bytes += files[n].len();
                    i += 1;
                    // The app renders on each arrival, and the render asks
                    // again (and, with --early, guesses the first rows once
                    // the words' own lists are in, in the same round).
                    if matches!(store.need(&req, rank), Need::Files(_)) && early {
                        if let Need::Files(rows) = store.early_articles(&req, rows) {
                            names.extend(rows);
                        }
                    }
                }
                need = store.need(&req, rank);
                cpu += cpu_now() - t;
                trace.push(
                    names.iter().map(|n| format!("{}:{:.1}", kind(n), files[n].len() as f64 / 1e3)).collect::<Vec<_>>(),
                );
            }
            let t = cpu_now();
            let axis = dateline_core::search::corpus_axis(store.index());
            let mut results = store.search(&req, axis.clone(), rank);
            cpu += cpu_now() - t;
            // As the app: the first rows ranked over bounded lists, and
            // the tails of those lists when that ranking is not proven.
            if let Need::Files(names) = store.unproven(&results, rank) {
                (rounds, n_files) = (rounds + 1, n_files + names.len());
                bytes += fetch_round(&mut store, &files, &names, &mut trace)?;
                let t = cpu_now();
                results = store.search(&req, axis, rank);
                cpu += cpu_now() - t;
                if store.unproven(&results, rank) != Need::Ready {
                    bail!("{q:?}: still not proven with the tails");
                }
            }
            let docs: Vec<u32> = results.hits.iter().take(rows).map(|h| h.doc).collect();
            let mut frag = 0usize;
            if let Need::Files(names) = store.need_articles(docs) {
                (rounds, n_files) = (rounds + 1, n_files + names.len());
                frag = fetch_round(&mut store, &files, &names, &mut trace)?;
            }
            bytes += frag;
            if verbose {
                println!("  {set} {q:?}: {} hits, {:.1} ms cpu, {:?}", results.len(), cpu * 1e3, trace);
            }
            for t in [&mut tally, &mut all] {
                t.rounds.push(rounds as f64);
                t.files.push(n_files as f64);
                t.kb.push(bytes as f64 / 1e3);
                t.frag_kb.push(frag as f64 / 1e3);
                t.cpu_ms.push(cpu * 1e3);
            }
        }
        print_row(set, &tally);
    }
    print_row("all", &all);
    Ok(())
}

fn print_row(set: &str, t: &Tally) {
    println!(
        "{:<9} {:>4} {:>6.0}/{:<6.0} {:>6.0}/{:<6.0} {:>8.1}/{:<8.1} {:>8.1}/{:<8.1} {:>7.1}/{:<7.1}",
        set,
        t.rounds.len(),
        pct(&t.rounds, 0.5),
        pct(&t.rounds, 0.95),
        pct(&t.files, 0.5),
        pct(&t.files, 0.95),
        pct(&t.kb, 0.5),
        pct(&t.kb, 0.95),
        pct(&t.frag_kb, 0.5),
        pct(&t.frag_kb, 0.95),
        pct(&t.cpu_ms, 0.5),
        pct(&t.cpu_ms, 0.95)
    );
}
