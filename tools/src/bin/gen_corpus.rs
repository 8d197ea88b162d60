//! `gen_corpus`: deterministic corpora for scale tests and benchmarks.
//!
//! ```text
//! cargo run --release --bin gen_corpus -- --articles N --out DIR [--seed S]
//!     synthetic articles (Zipf-distributed vocabulary, 24 outlets, 2012-2024)
//! cargo run --release --bin gen_corpus -- --articles N --out DIR --from FILE.jsonl
//!     real articles from a JSONL export, replicated to N: copy k of an article
//!     alternates its paragraphs with another article's, so copies are new
//!     texts (not merged as near-duplicates) with real-world statistics
//! ```
//! Writes `DIR/articles.jsonl` (the JSONL shape ingest reads), or with
//! `--file-mb MB` files `DIR/articles-000.jsonl`, ... of about MB megabytes
//! each, and nothing else; the same arguments always give the same bytes.
//! Articles are written as they are made, so a million fit in any memory.
//!
//! Exit codes: `0` written, `1` error (unreadable `--from` file, output not
//! writable), `2` usage error.

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};
use std::io::Write;
use std::path::PathBuf;

/// A small deterministic PRNG (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    /// Zipf-like rank in `0..n` (exponent ~1).
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64).powf(u) - 1.0).floor().min((n - 1) as f64) as usize
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "ra", "bakh", "mos", "cow", "pu", "tin", "ar", "me", "ni", "a", "zer", "bai", "jan", "lo", "vi", "ce", "sa",
    "ne", "go", "ti", "on", "tre", "ty", "pe", "al", "li", "yev", "er", "van", "bu", "ku", "se", "cu", "ri", "dis",
    "pute", "bor", "der", "mi", "nis", "ter", "for", "eign", "pol", "icy", "wa", "ter", "gas", "oil",
];

fn vocabulary(rng: &mut Rng, n: usize) -> Vec<String> {
    let mut words: Vec<String> =
        ["the", "of", "and", "to", "in", "a", "said", "on", "for", "that", "with", "was", "is"]
            .iter()
            .map(|s| s.to_string())
            .collect();
    let mut seen: std::collections::HashSet<String> = words.iter().cloned().collect();
    while words.len() < n {
        let k = 1 + rng.below(4);
        let w: String = (0..k).map(|_| SYLLABLES[rng.below(SYLLABLES.len())]).collect();
        if seen.insert(w.clone()) {
            words.push(w);
        }
    }
    words
}

fn sentence(rng: &mut Rng, vocab: &[String], min: usize, spread: usize) -> String {
    let words = min + rng.below(spread);
    let mut s: Vec<&str> = (0..words).map(|_| vocab[rng.zipf(vocab.len())].as_str()).collect();
    let first = s[0].to_string();
    let cap = first[..1].to_uppercase() + &first[1..];
    s[0] = "";
    format!("{cap}{}.", s.join(" "))
}

/// Hands each of `n` synthetic articles to `emit`, one at a time (a
/// million articles are never held at once).
fn synthetic(n: usize, seed: u64, emit: &mut dyn FnMut(Value) -> Result<()>) -> Result<()> {
    let mut rng = Rng(seed);
    let vocab = vocabulary(&mut rng, 30_000);
    let outlets: Vec<String> = (0..24).map(|i| format!("Outlet {} News", (b'A' + i as u8) as char)).collect();
    for i in 0..n {
        emit({
            let paragraphs: Vec<String> = (0..(4 + rng.below(10)))
                .map(|_| {
                    (0..(2 + rng.below(4))).map(|_| sentence(&mut rng, &vocab, 8, 18)).collect::<Vec<_>>().join(" ")
                })
                .collect();
            let day = 15_340 + rng.below(4_750) as i64; // 2012 .. 2024
            let d = dateline_core::model::Date::from_days_since_epoch(day);
            json!({
                "title": sentence(&mut rng, &vocab, 6, 8).trim_end_matches('.'),
                "source": outlets[rng.zipf(outlets.len())],
                "date": if rng.below(50) == 0 { String::new() } else { d.iso() },
                "authors": format!("Writer {}", rng.below(400)),
                "url": format!("https://example.org/{i}"),
                "content": paragraphs.join("\n\n"),
            })
        })?;
    }
    Ok(())
}

/// Hands each of `n` articles replicated from `source` to `emit`, one at a
/// time.
fn replicated(source: &PathBuf, n: usize, emit: &mut dyn FnMut(Value) -> Result<()>) -> Result<()> {
    let text = std::fs::read_to_string(source).with_context(|| format!("reading {}", source.display()))?;
    let base: Vec<Value> =
        text.lines().filter(|l| !l.trim().is_empty()).filter_map(|l| serde_json::from_str(l).ok()).collect();
    if base.is_empty() {
        bail!("{} has no JSON records", source.display());
    }
    let m = base.len();
    for i in 0..n {
        emit({
            let (k, j) = (i / m, i % m);
            let mut rec = base[j].clone();
            if k > 0 {
                let other = &base[(j + k * 7919) % m];
                // The text column, whatever the export calls it.
                let field = ["content", "content_original", "text", "maintext"]
                    .into_iter()
                    .find(|f| rec.get(*f).and_then(Value::as_str).is_some())
                    .unwrap_or("content");
                let paras = |v: &Value| -> Vec<String> {
                    v.get(field).and_then(Value::as_str).unwrap_or("").split("\n\n").map(str::to_string).collect()
                };
                let (a, b) = (paras(&rec), paras(other));
                // Alternate paragraphs of the two (a's even, b's odd ones):
                // neither source is contained in the copy, so ingest does
                // not merge it as a near-duplicate.
                let mixed: Vec<String> = (0..a.len().max(b.len()))
                    .filter_map(|x| if x % 2 == 0 { a.get(x).cloned() } else { b.get(x).cloned() })
                    .collect();
                rec[field] = Value::String(mixed.join("\n\n"));
                let title = rec.get("title").and_then(Value::as_str).unwrap_or("").to_string();
                rec["title"] = Value::String(format!("{title} ({k})"));
                rec["ID"] = Value::String(format!("{}-{k}", rec.get("ID").and_then(Value::as_str).unwrap_or("x")));
            }
            rec
        })?;
    }
    Ok(())
}

/// Deterministic corpora for scale tests and benchmarks.
#[derive(clap::Parser)]
#[command(name = "gen_corpus", after_help = "Exit codes: 0 written, 1 error, 2 usage error.")]
struct Args {
    /// Number of articles.
    #[arg(long, default_value_t = 10_000)]
    articles: usize,
    /// Folder to write articles.jsonl into (created if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Seed of the synthetic articles.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Replicate real articles from this JSONL export instead.
    #[arg(long, value_name = "FILE.jsonl")]
    from: Option<PathBuf>,
    /// Write files of about this many megabytes (`articles-000.jsonl`,
    /// ...) instead of one `articles.jsonl`, so that ingest reads several
    /// at once.
    #[arg(long, value_name = "MB")]
    file_mb: Option<u64>,
}

fn main() -> std::process::ExitCode {
    dateline_tools::exit_status(run())
}

fn run() -> Result<()> {
    let Args { articles: n, out, seed, from, file_mb } = clap::Parser::parse();
    std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
    let name = |part: usize| match file_mb {
        Some(_) => out.join(format!("articles-{part:03}.jsonl")),
        None => out.join("articles.jsonl"),
    };
    let create = |path: &PathBuf| -> Result<std::io::BufWriter<std::fs::File>> {
        Ok(std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
        ))
    };
    let limit = file_mb.map(|mb| mb.max(1) << 20);
    let (mut part, mut written, mut count) = (0usize, 0u64, 0usize);
    let mut w = create(&name(part))?;
    let mut line = Vec::new();
    let mut emit = |r: Value| -> Result<()> {
        line.clear();
        serde_json::to_writer(&mut line, &r)?;
        line.push(b'\n');
        if limit.is_some_and(|l| written > 0 && written + line.len() as u64 > l) {
            w.flush()?;
            part += 1;
            written = 0;
            w = create(&name(part))?;
        }
        w.write_all(&line)?;
        written += line.len() as u64;
        count += 1;
        Ok(())
    };
    match &from {
        Some(f) => replicated(f, n, &mut emit)?,
        None => synthetic(n, seed, &mut emit)?,
    }
    w.flush()?;
    let files = if file_mb.is_some() { format!("{} files", part + 1) } else { name(0).display().to_string() };
    eprintln!("wrote {count} articles to {} ({files})", out.display());
    Ok(())
}
