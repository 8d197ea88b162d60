//! `ingest`: clean raw articles into the corpus JSON the app embeds.
//!
//! ```text
//! cargo run --bin ingest -- <files or folders>... [--out corpus.json] [--registry outlets.toml]
//! ```
//! Prints a table of what was extracted from every input and every warning.

use anyhow::{bail, Context, Result};
use std::path::PathBuf;

fn main() -> Result<()> {
    let mut paths = Vec::new();
    let mut out: Option<PathBuf> = None;
    let mut registry: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--out" | "-o" => out = Some(args.next().context("--out needs a path")?.into()),
            "--registry" => registry = Some(args.next().context("--registry needs a path")?.into()),
            "-h" | "--help" => {
                println!("usage: ingest <files or folders>... [--out corpus.json] [--registry outlets.toml]");
                return Ok(());
            }
            _ if a.starts_with('-') => bail!("unknown option {a}"),
            _ => paths.push(PathBuf::from(a)),
        }
    }
    if paths.is_empty() {
        bail!("no input: usage: ingest <files or folders>... [--out corpus.json]");
    }
    // A progress bar on stderr for large corpora (only on a terminal).
    let tty = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let started = std::time::Instant::now();
    let mut bar = |done: usize, total: usize| {
        if tty && total >= 200 && (done.is_multiple_of(50) || done + 1 == total) {
            let width = 40;
            let filled = (done + 1) * width / total.max(1);
            eprint!(
                "\r[{}{}] {}/{} {:.1}s",
                "#".repeat(filled),
                " ".repeat(width - filled),
                done + 1,
                total,
                started.elapsed().as_secs_f32()
            );
            if done + 1 == total {
                eprintln!();
            }
        }
    };
    let (corpus, reg_source) = dateline_tools::ingest_paths_with_progress(&paths, registry.as_deref(), &mut bar)?;
    eprintln!("registry: {reg_source}");
    print!("{}", dateline_tools::report_table(&corpus));
    if let Some(out) = out {
        let json = corpus.to_json()?;
        std::fs::write(&out, json).with_context(|| format!("writing {}", out.display()))?;
        eprintln!("wrote {} articles to {}", corpus.articles.len(), out.display());
    }
    Ok(())
}
