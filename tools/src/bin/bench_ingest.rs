//! `bench_ingest`: ingest throughput.
//!
//! ```text
//! cargo run --release --bin bench_ingest -- [FOLDER] [--runs N]
//! ```
//! `FOLDER` defaults to `../shared/data/article_bias_prediction/txt_sample`
//! (1,000 raw articles; skipped with a message when absent). Two timings per
//! run, in the same process:
//!
//! * **core**: files read into memory once, then the pure ingest (decode,
//!   extract, identify, deduplicate) on one thread, as `ingest_with`;
//! * **tools**: the whole path the CLI and the build script take: walking
//!   the folder, reading each file, preparing files on every core and
//!   adding them in order (`dateline_tools::ingest_paths`).
//!
//! Prints input size, per-run times, the medians, MB/s at the medians and
//! their ratio. Both give the same corpus (checked).
//!
//! `--html` measures HTML ingest instead (charset, HTML5 parse, metadata,
//! visible text, main text, reconciliation): `FOLDER` defaults to
//! `../shared/data/html/wcxb_articles/html` (965 article pages, built by
//! `scripts/html_dev_sets.py`). For either kind the last line compares the
//! tools path (every core) with the 20 MB/s target and says how many CPU
//! seconds it used (how busy the cores were).
//!
//! Exit codes: `0` done (or skipped: no data), `1` error, `2` usage error.

use anyhow::{ensure, Result};
use clap::Parser;
use dateline_core::ingest::{ingest_with, Options};
use std::path::PathBuf;
use std::time::Instant;

/// Ingest throughput on a folder of raw articles.
#[derive(Parser)]
#[command(name = "bench_ingest", after_help = "Exit codes: 0 done or skipped, 1 error, 2 usage error.")]
struct Args {
    /// Folder of inputs (default: the text sample, or with --html the
    /// HTML pages of the WCXB dev set).
    folder: Option<PathBuf>,
    /// Measure HTML ingest (see the module docs).
    #[arg(long)]
    html: bool,
    /// Timed runs of each kind.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..))]
    runs: u32,
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() -> std::process::ExitCode {
    dateline_tools::exit_status(run())
}

fn run() -> Result<()> {
    let args = Args::parse();
    let folder = args.folder.unwrap_or_else(|| {
        PathBuf::from(if args.html {
            "../shared/data/html/wcxb_articles/html"
        } else {
            "../shared/data/article_bias_prediction/txt_sample"
        })
    });
    if !folder.is_dir() {
        println!(
            "bench_ingest: SKIPPED: {} not found (benchmark data is not part of the repository)",
            folder.display()
        );
        return Ok(());
    }
    let files = dateline_tools::list_inputs(std::slice::from_ref(&folder))?;
    let inputs = dateline_tools::read_inputs(&files, Some(&folder))?;
    let bytes: usize = inputs.iter().map(|f| f.bytes.len()).sum();
    let registry = dateline_tools::default_registry()?;
    let mb = bytes as f64 / 1e6;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("input: {} files, {:.2} MB from {}; {threads} cores", inputs.len(), mb, folder.display());
    // Other processes share the cores: the load average says how much.
    let load_before = load_average();
    let (mut core, mut tools, mut tools_cpu) = (Vec::new(), Vec::new(), Vec::new());
    let mut articles = 0;
    for run in 1..=args.runs {
        let t = Instant::now();
        let c = ingest_with(&inputs, &registry, "bench", &Options::default(), &mut |_, _| {});
        let core_s = t.elapsed().as_secs_f64();
        let (t, cpu) = (Instant::now(), cpu_seconds());
        let (c2, _) = dateline_tools::ingest_paths(std::slice::from_ref(&folder), None)?;
        let tools_s = t.elapsed().as_secs_f64();
        tools_cpu.push(cpu_seconds() - cpu);
        let ids = |c: &dateline_core::model::Corpus| c.articles.iter().map(|a| a.id.clone()).collect::<Vec<_>>();
        ensure!(ids(&c2) == ids(&c), "the tools path gave other articles than the core");
        articles = c.articles.len();
        println!("run {run}: core {core_s:.3} s, tools {tools_s:.3} s ({articles} articles)");
        core.push(core_s);
        tools.push(tools_s);
    }
    let (core, tools) = (median(core), median(tools));
    println!(
        "median core (1 thread, in memory): {:.3} s  ->  {:.1} MB/s, {:.0} articles/s",
        core,
        mb / core,
        articles as f64 / core
    );
    println!(
        "median tools (read + {threads} threads): {:.3} s  ->  {:.1} MB/s, {:.0} articles/s; {:.2}x core",
        tools,
        mb / tools,
        articles as f64 / tools,
        core / tools
    );
    {
        let rate = mb / tools;
        let cpu = median(tools_cpu);
        println!(
            "{} ingest: {rate:.1} MB/s on {threads} cores ({} the 20 MB/s target); the tools path used {cpu:.2} \
             CPU seconds ({:.1} MB per CPU second, {:.2} of {threads} cores busy); load average before/after: {load_before} / {}",
            if args.html { "HTML" } else { "text" },
            if rate >= 20.0 { "meets" } else { "below" },
            mb / cpu,
            cpu / tools,
            load_average()
        );
    }
    Ok(())
}

/// User and system CPU seconds this process has used (all threads).
fn cpu_seconds() -> f64 {
    // SAFETY: getrusage only writes the struct it is given.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) } != 0 {
        return 0.0;
    }
    let t = |v: libc::timeval| v.tv_sec as f64 + v.tv_usec as f64 / 1e6;
    t(u.ru_utime) + t(u.ru_stime)
}

/// The one-minute load average (`?` where /proc is absent).
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}
