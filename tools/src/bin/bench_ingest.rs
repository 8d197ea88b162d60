//! `bench_ingest`: ingest throughput.
//!
//! ```text
//! cargo run --release --bin bench_ingest -- [FOLDER] [--runs N]
//! ```
//! `FOLDER` defaults to `../shared/data/article_bias_prediction/txt_sample`
//! (1,000 raw articles; skipped with a message when absent). Files are read
//! into memory once; each run times the pure ingest (decode, extract,
//! identify, deduplicate). Prints input size, per-run times, the median and
//! MB/s at the median.

use anyhow::Result;
use dateline_core::ingest::{ingest_with, Options};
use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<()> {
    let mut folder = PathBuf::from("../shared/data/article_bias_prediction/txt_sample");
    let mut runs = 5;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(5),
            _ => folder = PathBuf::from(a),
        }
    }
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
    println!("input: {} files, {:.2} MB from {}", inputs.len(), mb, folder.display());
    let mut times = Vec::new();
    let mut articles = 0;
    for run in 1..=runs {
        let t = Instant::now();
        let c = ingest_with(&inputs, &registry, "bench", &Options::default(), &mut |_, _| {});
        let s = t.elapsed().as_secs_f64();
        articles = c.articles.len();
        println!("run {run}: {:.3} s ({} articles)", s, articles);
        times.push(s);
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!("median: {:.3} s  ->  {:.1} MB/s, {:.0} articles/s", median, mb / median, articles as f64 / median);
    Ok(())
}
