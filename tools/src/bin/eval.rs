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
//! * title accuracy: folded title equals the label (labelled pages only;
//!   labels the page text does not print at all are counted as misses and
//!   their number is printed),
//! * date accuracy: same day as the label (labelled pages only),
//! * author accuracy: same folded words as the label, apart from the words
//!   joining names (`A and B` = `A, B`) (labelled pages only),
//! * body snippets: `with` snippets found in the extracted body (only those
//!   present in the raw text count) and `without` snippets absent.
//!
//! A second check runs on `--abp DIR` (default
//! `../shared/data/article_bias_prediction`, skipped with a message when
//! absent): `txt_sample/<ID>.txt` news pages with their title, date and
//! authors in `txt_sample_manifest.jsonl`; it prints title, date (same day)
//! and author accuracy on the pages that have each label.

use anyhow::{Context, Result};
use dateline_core::ingest::{decode, outlet, registry::Registry, txt};
use dateline_core::text::terms;
use serde::Deserialize;
use std::path::{Path, PathBuf};

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

/// Folded words of a list of names, without the words joining them
/// (`A and B`, `A; B`, `A & B` and `A, B` list the same names).
fn names(s: &str) -> String {
    terms(s).into_iter().filter(|w| !matches!(w.as_str(), "and" | "und" | "et")).collect::<Vec<_>>().join(" ")
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
    let mut abp = PathBuf::from("../shared/data/article_bias_prediction");
    let mut verbose = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--verbose" | "-v" => verbose = true,
            "--abp" => abp = PathBuf::from(args.next().context("--abp needs a folder")?),
            "--help" | "-h" => {
                println!("usage: eval [DIR] [--abp DIR] [--verbose]");
                return Ok(());
            }
            _ => dir = PathBuf::from(a),
        }
    }
    let registry = dateline_tools::default_registry()?;
    trafilatura_eval(&dir, &registry, verbose)?;
    bias_sample(&abp, &registry, verbose)
}

#[derive(Deserialize)]
struct SampleRow {
    #[serde(rename = "ID")]
    id: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    authors: String,
}

/// Title, date and author accuracy on the article-bias sample.
fn bias_sample(dir: &Path, registry: &Registry, verbose: bool) -> Result<()> {
    let manifest = dir.join("txt_sample_manifest.jsonl");
    if !manifest.is_file() {
        println!("abp: SKIPPED: {} not found", manifest.display());
        return Ok(());
    }
    let text = std::fs::read_to_string(&manifest).with_context(|| format!("reading {}", manifest.display()))?;
    let (mut title, mut date, mut author) =
        (Tally { ok: 0, total: 0 }, Tally { ok: 0, total: 0 }, Tally { ok: 0, total: 0 });
    let (mut pages, mut rejected) = (0, 0);
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let row: SampleRow = serde_json::from_str(line).with_context(|| format!("manifest row {line:.80}"))?;
        let file = dir.join("txt_sample").join(format!("{}.txt", row.id));
        let Ok(bytes) = std::fs::read(&file) else { continue };
        pages += 1;
        let Ok(raw) = decode(&bytes).map(|d| d.text) else {
            rejected += 1;
            continue;
        };
        let outlet =
            outlet::publisher(&raw, &txt::Hints::default(), registry).key.and_then(|k| registry.get(&k).cloned());
        let ex = txt::extract(&raw, &txt::Hints::default(), outlet.as_ref(), registry);
        let Ok(ex) = ex else {
            rejected += 1;
            continue;
        };
        if !row.title.is_empty() {
            let ok = norm(&row.title) == norm(&ex.title);
            title.add(ok);
            if verbose && !ok {
                println!("abp {}: title {:?} expected {:?}", row.id, ex.title, row.title);
            }
        }
        // Only well-formed labels (some are "7/23/17" or years 0001/2050)
        // of a day the text prints somewhere (most sample texts are bodies
        // without a date line).
        let printed =
            |d: &str| dateline_core::date::find_dates(&raw).iter().any(|m| m.date().is_some_and(|x| x.iso() == d));
        if row.date.len() == 10
            && (1990..=2030).contains(&row.date[..4].parse::<i32>().unwrap_or(0))
            && printed(&row.date)
        {
            let got = ex.date.date.map(|d| d.iso()).unwrap_or_default();
            let ok = got == row.date;
            date.add(ok);
            if verbose && !ok {
                println!("abp {}: date {got:?} ({}) expected {}", row.id, ex.date.source, row.date);
            }
        }
        // Only authors the text prints.
        if !row.authors.trim().is_empty() && norm(&raw).contains(&norm(&row.authors)) {
            let got = ex.author.as_deref().map(names).unwrap_or_default();
            let ok = !got.is_empty() && got == names(&row.authors);
            author.add(ok);
            if verbose && !ok {
                println!("abp {}: author {:?} expected {:?}", row.id, ex.author, row.authors);
            }
        }
    }
    println!("abp pages: {pages} ({rejected} without an extracted article)");
    println!("abp title:  {:5.1}%  ({}/{} labelled)", title.pct(), title.ok, title.total);
    println!("abp date:   {:5.1}%  ({}/{} labelled and printed, same day)", date.pct(), date.ok, date.total);
    println!("abp author: {:5.1}%  ({}/{} labelled and printed)", author.pct(), author.ok, author.total);
    Ok(())
}

/// Title, date, author and body-snippet accuracy on the trafilatura set.
fn trafilatura_eval(dir: &Path, registry: &Registry, verbose: bool) -> Result<()> {
    let labels = dir.join("en_expected.jsonl");
    if !labels.is_file() {
        println!("eval: SKIPPED: {} not found (labelled data is not part of the repository)", labels.display());
        return Ok(());
    }
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
    // Title labels the page text does not print (counted as misses).
    let mut title_unprinted = 0;
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
        let outlet =
            outlet::publisher(&raw, &txt::Hints::default(), registry).key.and_then(|k| registry.get(&k).cloned());
        let ex = match txt::extract(&raw, &txt::Hints::default(), outlet.as_ref(), registry) {
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
            if !raw_norm.contains(&norm(t)) {
                title_unprinted += 1;
            }
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
            let got = ex.author.as_deref().map(names).unwrap_or_default();
            let ok = !got.is_empty() && got == names(a);
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
    println!(
        "title:    {:5.1}%  ({}/{} labelled; {title_unprinted} labels not printed in the page text)",
        title.pct(),
        title.ok,
        title.total
    );
    println!("date:     {:5.1}%  ({}/{} labelled, same day)", date.pct(), date.ok, date.total);
    println!("author:   {:5.1}%  ({}/{} labelled)", author.pct(), author.ok, author.total);
    println!("with:     {:5.1}%  ({}/{} kept)", with.pct(), with.ok, with.total);
    println!("without:  {:5.1}%  ({}/{} removed)", without.pct(), without.ok, without.total);
    println!("snippets: {:5.1}%  ({}/{} checks)", snippets.pct(), snippets.ok, snippets.total);
    Ok(())
}
