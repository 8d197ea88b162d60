//! `eval`: extraction accuracy over a labelled set of pages.
//!
//! ```text
//! cargo run --release --bin eval -- [DIR] [--verbose]
//! ```
//! `DIR` defaults to `../shared/data/trafilatura_eval` (skipped with a
//! message when absent). It holds `en_expected.jsonl` (one row per page:
//! `text_file`, `title`, `author`, `date`, `with` and `without` snippets) and
//! the page texts. For every page the text goes through the same extractor
//! as ingest and the tool prints:
//!
//! * title accuracy: folded title equals the label (labelled pages only),
//! * date accuracy: same day as the label (labelled pages only),
//! * author accuracy: same folded words as the label (labelled pages only),
//! * body snippets: `with` snippets found in the extracted body (only those
//!   present in the raw text count) and `without` snippets absent.

use anyhow::{Context, Result};
use dateline_core::ingest::{decode, registry::Registry, txt};
use dateline_core::text::terms;
use serde::Deserialize;
use std::path::PathBuf;

#[derive(Deserialize)]
struct Row {
    text_file: String,
    title: Option<String>,
    author: Option<serde_json::Value>,
    date: Option<String>,
    #[serde(default)]
    with: Option<Vec<String>>,
    #[serde(default)]
    without: Option<Vec<String>>,
}

fn norm(s: &str) -> String {
    terms(s).join(" ")
}

struct Tally {
    ok: usize,
    total: usize,
}

impl Tally {
    fn add(&mut self, ok: bool) {
        self.total += 1;
        self.ok += usize::from(ok);
    }
    fn pct(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            100.0 * self.ok as f64 / self.total as f64
        }
    }
}

fn main() -> Result<()> {
    let mut dir = PathBuf::from("../shared/data/trafilatura_eval");
    let mut verbose = false;
    for a in std::env::args().skip(1) {
        match a.as_str() {
            "--verbose" | "-v" => verbose = true,
            _ => dir = PathBuf::from(a),
        }
    }
    let labels = dir.join("en_expected.jsonl");
    if !labels.is_file() {
        println!("eval: SKIPPED: {} not found (labelled data is not part of the repository)", labels.display());
        return Ok(());
    }
    let registry = Registry::from_toml(dateline_tools::DEFAULT_REGISTRY)?;
    let text = std::fs::read_to_string(&labels).with_context(|| format!("reading {}", labels.display()))?;
    let (mut title, mut date, mut author, mut with, mut without) = (
        Tally { ok: 0, total: 0 },
        Tally { ok: 0, total: 0 },
        Tally { ok: 0, total: 0 },
        Tally { ok: 0, total: 0 },
        Tally { ok: 0, total: 0 },
    );
    let mut pages = 0;
    let mut rejected = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let mut row: Row = serde_json::from_str(line).with_context(|| format!("label row {line:.80}"))?;
        let author_label: Option<String> = match row.author.take() {
            Some(serde_json::Value::String(s)) => Some(s),
            Some(serde_json::Value::Array(a)) => {
                Some(a.iter().filter_map(|v| v.as_str()).collect::<Vec<_>>().join(", "))
            }
            _ => None,
        };
        let bytes = std::fs::read(dir.join(&row.text_file)).with_context(|| format!("reading {}", row.text_file))?;
        pages += 1;
        let raw = match decode(&bytes) {
            Ok(d) => d.text,
            Err(e) => {
                println!("{}: rejected: {e}", row.text_file);
                rejected += 1;
                continue;
            }
        };
        let outlet = registry.identify(&raw).and_then(|i| registry.get(&i.key).cloned());
        let ex = match txt::extract(&raw, &txt::Hints::default(), outlet.as_ref(), &registry) {
            Ok(ex) => ex,
            Err(e) => {
                rejected += 1;
                if verbose {
                    println!("{}: no article: {e}", row.text_file);
                }
                // Count labelled fields as misses.
                for (t, l) in [(&mut title, &row.title), (&mut author, &author_label), (&mut date, &row.date)] {
                    if l.as_deref().is_some_and(|s| !s.is_empty()) {
                        t.add(false);
                    }
                }
                continue;
            }
        };
        let body = norm(
            &std::iter::once(ex.lead.as_str()).chain(ex.body.iter().map(|b| b.text())).collect::<Vec<_>>().join(" "),
        );
        let raw_norm = norm(&raw);
        if let Some(t) = row.title.as_deref().filter(|t| !t.is_empty()) {
            let ok = norm(t) == norm(&ex.title);
            title.add(ok);
            if verbose && !ok {
                println!("{}: title {:?} expected {:?}", row.text_file, ex.title, t);
            }
        }
        if let Some(d) = row.date.as_deref().filter(|d| !d.is_empty()) {
            let got = ex.date.date.map(|d| d.iso()).unwrap_or_default();
            let ok = d.get(..10) == Some(got.as_str());
            date.add(ok);
            if verbose && !ok {
                println!("{}: date {:?} ({}) expected {d}", row.text_file, got, ex.date.source);
            }
        }
        if let Some(a) = author_label.as_deref().filter(|a| !a.is_empty()) {
            let got = ex.author.as_deref().map(norm).unwrap_or_default();
            let ok = !got.is_empty() && got == norm(a);
            author.add(ok);
            if verbose && !ok {
                println!("{}: author {:?} expected {a:?}", row.text_file, ex.author);
            }
        }
        for s in row.with.iter().flatten() {
            let n = norm(s);
            if n.is_empty() || !raw_norm.contains(&n) {
                continue;
            }
            let ok = body.contains(&n);
            with.add(ok);
            if verbose && !ok {
                println!("{}: missing body snippet {s:?}", row.text_file);
            }
        }
        for s in row.without.iter().flatten() {
            let n = norm(s);
            if n.is_empty() {
                continue;
            }
            let ok = !body.contains(&n);
            without.add(ok);
            if verbose && !ok {
                println!("{}: boilerplate kept {s:?}", row.text_file);
            }
        }
    }
    let snippets = Tally { ok: with.ok + without.ok, total: with.total + without.total };
    println!("pages: {pages} ({rejected} without an extracted article)");
    println!("title:    {:5.1}%  ({}/{} labelled)", title.pct(), title.ok, title.total);
    println!("date:     {:5.1}%  ({}/{} labelled, same day)", date.pct(), date.ok, date.total);
    println!("author:   {:5.1}%  ({}/{} labelled)", author.pct(), author.ok, author.total);
    println!("with:     {:5.1}%  ({}/{} kept)", with.pct(), with.ok, with.total);
    println!("without:  {:5.1}%  ({}/{} removed)", without.pct(), without.ok, without.total);
    println!("snippets: {:5.1}%  ({}/{} checks)", snippets.pct(), snippets.ok, snippets.total);
    Ok(())
}
