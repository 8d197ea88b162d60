//! `ingest`: clean raw articles into the corpus JSON the app embeds.
//!
//! ```text
//! cargo run --bin ingest -- <files or folders>... [--out corpus.json] [--registry outlets.toml]
//! ```
//! Prints a table of what was extracted from every input, every warning
//! (naming the input, and the line for records and decoding problems) and a
//! summary line; every input is ingested, merged as a duplicate or rejected
//! with a reason. A progress bar (bytes read and extracted) is drawn on
//! stderr when it is a terminal.
//!
//! Exit codes:
//!
//! * `0`: done; the report lists every input, including rejected ones;
//! * `1`: error: the registry cannot be read or is invalid, the output cannot
//!   be written, or no input became an article (nothing found, or every
//!   input rejected: the report says why);
//! * `2`: usage error (unknown flag, missing argument).

use anyhow::{bail, Context, Result};
use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Clean raw scraped articles (.txt, .jsonl, .json, .csv) into a corpus and
/// print what was extracted from every input.
#[derive(Parser)]
#[command(name = "ingest", after_help = "Exit codes: 0 done, 1 error or no article ingested, 2 usage error.")]
struct Args {
    /// Files or folders to ingest (folders are walked recursively).
    #[arg(required = true, value_name = "FILES OR FOLDERS")]
    paths: Vec<PathBuf>,
    /// Write the corpus JSON here.
    #[arg(short, long, value_name = "corpus.json")]
    out: Option<PathBuf>,
    /// Outlet registry (default: outlets.toml in the folder, else the built-in one).
    #[arg(long, value_name = "outlets.toml")]
    registry: Option<PathBuf>,
    /// Prepare only shard I of N of the inputs (every N-th file from the
    /// I-th, in path order) into --prepared-out, for a merge by the build
    /// (DATELINE_SHARDS); see dateline_tools::shard.
    #[arg(long, value_name = "I/N", requires = "prepared_out", value_parser = dateline_tools::shard::parse_shard)]
    shard: Option<(usize, usize)>,
    /// The folder a shard's prepared files and manifest go to.
    #[arg(long, value_name = "DIR", requires = "shard")]
    prepared_out: Option<PathBuf>,
}

fn main() -> std::process::ExitCode {
    dateline_tools::exit_status(run())
}

fn run() -> Result<()> {
    let args = Args::parse();
    // Drawn only on a terminal: logs and pipes get the report alone.
    let bar = if std::io::stderr().is_terminal() { ProgressBar::new(0) } else { ProgressBar::hidden() };
    bar.set_style(
        ProgressStyle::with_template("{elapsed_precise} [{wide_bar}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta}")
            .context("progress bar template")?
            .progress_chars("#>-"),
    );
    let progress = |done: u64, total: u64| {
        bar.set_length(total);
        bar.set_position(done);
    };
    if let (Some(shard), Some(out)) = (args.shard, &args.prepared_out) {
        let m = dateline_tools::shard::prepare_shard(&args.paths, args.registry.as_deref(), shard, out, &progress)?;
        bar.finish_and_clear();
        let mine = (m.shard..m.entries).step_by(m.of).count();
        eprintln!(
            "shard {}/{}: {mine} of {} inputs prepared into {}; merge all {} shards with DATELINE_SHARDS",
            m.shard,
            m.of,
            m.entries,
            out.display(),
            m.of
        );
        return Ok(());
    }
    let run = dateline_tools::ingest_paths_with(&args.paths, args.registry.as_deref(), &progress)?;
    bar.finish_and_clear();
    let corpus = run.corpus;
    eprintln!("registry: {}", run.registry);
    if !run.skipped.is_empty() {
        let shown: Vec<&str> = run.skipped.iter().take(5).map(String::as_str).collect();
        let more = run.skipped.len() - shown.len();
        let more = if more > 0 { format!(" and {more} more") } else { String::new() };
        eprintln!("skipped hidden or configuration entries: {}{more}", shown.join(", "));
    }
    print!("{}", dateline_tools::report_table(&corpus));
    if corpus.articles.is_empty() {
        let n = corpus.report.inputs.len();
        bail!(
            "no article ingested from {} ({n} input{}, see the report above)",
            args.paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "),
            if n == 1 { "" } else { "s" }
        );
    }
    if let Some(out) = args.out {
        // Streamed to the file: the corpus is not held twice as JSON text.
        let file = std::fs::File::create(&out).with_context(|| format!("writing {}", out.display()))?;
        let mut w = std::io::BufWriter::new(file);
        serde_json::to_writer(&mut w, &corpus).with_context(|| format!("writing {}", out.display()))?;
        w.flush().with_context(|| format!("writing {}", out.display()))?;
        eprintln!("wrote {} articles to {}", corpus.articles.len(), out.display());
    }
    Ok(())
}
