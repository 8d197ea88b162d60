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
//!
//! Dev sets (`--set DIR`, repeatable; by default `DIR` itself plus
//! `../shared/data/trafilatura_other` and `../shared/data/wcxb_articles`
//! when present, built by `scripts/trafilatura_other_languages.py` and
//! `scripts/wcxb_articles.py`) are read in the same labelled format; a
//! row's optional `body` is a hand-written gold body and `outlet` a gold
//! outlet. Every set is split deterministically into a tuning half and a
//! checking half (FNV-1a hash of the page's file name: even = tune), and for
//! each set and half `eval` prints (see [`DevScore`]):
//!
//! * body token F1: 4-gram shingles of lower-cased word tokens of lead and
//!   body against the gold body; precision and recall averaged over the
//!   pages with a gold body, F1 of the two averages (a page without an
//!   extracted article scores 0 and 0),
//! * title accuracy (folded title equals the label, labelled pages),
//! * day: the publication day right on labelled pages whose text prints
//!   that day,
//! * wrong date: pages given a date that differs from the label's day,
//!   over all pages (dates given on pages without a label are counted
//!   apart),
//! * wrong outlet on pages with a gold outlet.
//!
//! `--html` scores the HTML path instead (see [`html`]): the same
//! labels on the pages' original HTML, every page ingested as an `.html`
//! input; sets built by `scripts/html_dev_sets.py`.
//!
//! `--explain FILE` prints what the passes decided on every line of one
//! page (kinds, page title, headline, main text, body span).
//!
//! `--verbose` lists the misses of the tuning halves only (the checking
//! halves stay unseen). `--dump FILE` writes what was extracted from every page of every set
//! (and the article-bias sample) as JSON lines, to diff two versions of
//! the extractor (`diff before.jsonl after.jsonl`).
//!
//! Exit codes: `0` done (a set that is absent is SKIPPED), `1` error (a
//! label file or page that cannot be read or parsed, named with its row),
//! `2` usage error.

mod html;

use anyhow::{Context, Result};
use dateline_core::ingest::{decode, outlet, registry::Registry, text as txt};
use dateline_core::text::terms;
use serde::Deserialize;
use std::io::Write;
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

/// Extraction accuracy over labelled page texts and dev sets.
#[derive(clap::Parser)]
#[command(
    name = "eval",
    after_help = "Exit codes: 0 done or skipped, 1 error (unreadable labels or page), 2 usage error."
)]
struct Args {
    /// Labelled set: en_expected.jsonl and the page texts.
    #[arg(default_value = "../shared/data/trafilatura_eval")]
    dir: PathBuf,
    /// Article-bias sample: txt_sample/ and txt_sample_manifest.jsonl.
    #[arg(long, value_name = "DIR", default_value = "../shared/data/article_bias_prediction")]
    abp: PathBuf,
    /// A dev set to score (repeatable; default: DIR and its sibling sets).
    #[arg(long = "set", value_name = "DIR")]
    sets: Vec<PathBuf>,
    /// Write every extraction as JSON lines to this file.
    #[arg(long, value_name = "FILE")]
    dump: Option<PathBuf>,
    /// Print what the passes decided on every line of one page, and stop
    /// (an `.html` page: its metadata first, then its visible text).
    #[arg(long, value_name = "FILE")]
    explain: Option<PathBuf>,
    /// List the misses of the tuning halves.
    #[arg(short, long)]
    verbose: bool,
    /// Score the HTML path on HTML dev sets (default sets: ../shared/data/html/*).
    #[arg(long)]
    html: bool,
}

fn main() -> std::process::ExitCode {
    dateline_tools::exit_status(run())
}

fn run() -> Result<()> {
    let Args { dir, abp, mut sets, dump, explain: explain_file, verbose, html: html_mode } = clap::Parser::parse();
    if let Some(file) = explain_file {
        return explain(&file);
    }
    let registry = dateline_tools::default_registry()?;
    if html_mode {
        if sets.is_empty() {
            sets = html::default_sets();
        }
        let mut out = match &dump {
            Some(p) => Some(std::io::BufWriter::new(
                std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
            )),
            None => None,
        };
        for set in &sets {
            html::html_set(set, &registry, verbose, out.as_mut().map(|w| w as &mut dyn std::io::Write))?;
        }
        if let (Some(p), Some(mut w)) = (&dump, out) {
            w.flush().with_context(|| format!("writing {}", p.display()))?;
            println!("dump: every extraction written to {}", p.display());
        }
        return Ok(());
    }
    trafilatura_eval(&dir, &registry, verbose)?;
    bias_sample(&abp, &registry, verbose)?;
    if sets.is_empty() {
        sets = default_sets(&dir);
    }
    let mut dump_out = match &dump {
        Some(p) => Some(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
        )),
        None => None,
    };
    for set in &sets {
        dev_set(set, &registry, verbose, dump_out.as_mut().map(|w| w as &mut dyn std::io::Write))?;
    }
    if let Some(p) = &dump {
        dump_abp(&abp, &registry, dump_out.as_mut().map(|w| w as &mut dyn std::io::Write))?;
        if let Some(mut w) = dump_out {
            w.flush().with_context(|| format!("writing {}", p.display()))?;
        }
        println!("dump: every extraction written to {}", p.display());
    }
    Ok(())
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

/// The dev sets evaluated when no `--set` is given: the English set and
/// the two built by the scripts, next to it, when present.
fn default_sets(dir: &Path) -> Vec<PathBuf> {
    let parent = dir.parent().map(Path::to_path_buf).unwrap_or_default();
    std::iter::once(dir.to_path_buf())
        .chain(["trafilatura_other", "wcxb_articles"].iter().map(|n| parent.join(n)))
        .collect()
}

/// One labelled page of a dev set.
#[derive(Deserialize)]
struct DevRow {
    text_file: String,
    title: Option<String>,
    date: Option<String>,
    /// Hand-written article body (lead and body), when the set has one.
    body: Option<String>,
    /// Gold outlet name, when the set has one.
    outlet: Option<String>,
    /// Snippets the body must hold / must not hold.
    #[serde(default)]
    with: Option<Vec<String>>,
    #[serde(default)]
    without: Option<Vec<String>>,
}

/// Which half of a dev set a page is in: `true` for the tuning half.
/// FNV-1a of the page's file name, so the split never depends on order.
fn tuning_half(name: &str) -> bool {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h.is_multiple_of(2)
}

/// Lower-cased word tokens (runs of letters and digits).
fn word_tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// The 4-gram shingles of a text's word tokens with their counts (a text
/// of fewer than four tokens is one shingle).
fn shingles(text: &str) -> std::collections::HashMap<Vec<String>, usize> {
    let tokens = word_tokens(text);
    let mut out = std::collections::HashMap::new();
    if tokens.is_empty() {
        return out;
    }
    if tokens.len() < 4 {
        *out.entry(tokens).or_insert(0) += 1;
        return out;
    }
    for w in tokens.windows(4) {
        *out.entry(w.to_vec()).or_insert(0) += 1;
    }
    out
}

/// Precision and recall of the extracted text's shingles against the gold
/// text's (multiset overlap). An empty extraction scores 0 and 0.
fn shingle_precision_recall(got: &str, gold: &str) -> (f64, f64) {
    let (g, w) = (shingles(got), shingles(gold));
    let (ng, nw): (usize, usize) = (g.values().sum(), w.values().sum());
    if ng == 0 || nw == 0 {
        return (0.0, 0.0);
    }
    let overlap: usize = g.iter().map(|(k, c)| (*c).min(w.get(k).copied().unwrap_or(0))).sum();
    (overlap as f64 / ng as f64, overlap as f64 / nw as f64)
}

/// Scores of one half of a dev set.
#[derive(Default)]
struct DevScore {
    pages: usize,
    rejected: usize,
    /// Sums of body precision and recall, and the pages with a gold body.
    precision: f64,
    recall: f64,
    bodies: usize,
    title: (usize, usize),
    /// Title labels the page text does not print (a reworded title: counted
    /// as misses, as no extractor of the text can find them).
    title_unprinted: usize,
    /// Right day on labelled pages that print the labelled day.
    day: (usize, usize),
    /// Of those, pages given no date because the header prints only a
    /// revision's date (`Updated ...`), which is never the publication date.
    day_revision_only: usize,
    /// Pages given a date other than the labelled day.
    wrong_date: usize,
    /// Of those, pages that do not print the labelled day anywhere (the
    /// label came from the page's metadata, not its text).
    wrong_date_unprinted: usize,
    /// Date labels that are no calendar day (`2022-25-10`): not scored.
    date_invalid: usize,
    /// Pages given a date where the label has none.
    date_unlabelled: usize,
    outlet: (usize, usize),
    /// Body snippets kept (those printed in the page) and boilerplate
    /// snippets removed.
    with: (usize, usize),
    without: (usize, usize),
}

impl DevScore {
    fn f1(&self) -> Option<(f64, f64, f64)> {
        (self.bodies > 0).then(|| {
            let (p, r) = (self.precision / self.bodies as f64, self.recall / self.bodies as f64);
            (p, r, if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 })
        })
    }

    fn print(&self, name: &str) {
        let pct = |(ok, n): (usize, usize)| if n == 0 { 0.0 } else { 100.0 * ok as f64 / n as f64 };
        println!("  {name}: {} pages ({} without an extracted article)", self.pages, self.rejected);
        match self.f1() {
            Some((p, r, f)) => {
                println!("    body F1:      {f:.3}  (P {p:.3} R {r:.3}, {} pages with a gold body)", self.bodies)
            }
            None => println!("    body F1:      n/a (no gold bodies)"),
        }
        println!(
            "    title:        {:5.1}%  ({}/{} labelled; {} labels not printed in the page text)",
            pct(self.title),
            self.title.0,
            self.title.1,
            self.title_unprinted
        );
        println!(
            "    day:          {:5.1}%  ({}/{} labelled pages printing that day; {} given none as the header prints only a revision date)",
            pct(self.day),
            self.day.0,
            self.day.1,
            self.day_revision_only
        );
        println!(
            "    wrong date:   {:5.1}%  ({}/{} pages, {} of them not printing the labelled day; {} more dated where the label has no date; {} labels no calendar day)",
            pct((self.wrong_date, self.pages)),
            self.wrong_date,
            self.pages,
            self.wrong_date_unprinted,
            self.date_unlabelled,
            self.date_invalid
        );
        println!(
            "    snippets:     {:5.1}% kept ({}/{}), {:5.1}% of boilerplate removed ({}/{})",
            pct(self.with),
            self.with.0,
            self.with.1,
            pct(self.without),
            self.without.0,
            self.without.1
        );
        if self.outlet.1 == 0 {
            println!("    wrong outlet: n/a (no outlet labels)");
        } else {
            println!("    wrong outlet: {}/{} labelled pages", self.outlet.1 - self.outlet.0, self.outlet.1);
        }
    }
}

/// What was extracted from one page, as a dump line.
fn dump_line(set: &str, file: &str, ex: &Result<txt::Extracted, String>) -> serde_json::Value {
    match ex {
        Ok(ex) => serde_json::json!({
            "set": set, "file": file, "title": ex.title, "date": ex.date.date.map(|d| d.iso()),
            "date_source": ex.date.source, "author": ex.author, "dateline": ex.dateline, "lead": ex.lead,
            "body": ex.body.iter().map(|b| match b {
                dateline_core::model::Block::Heading(t) => format!("## {t}"),
                dateline_core::model::Block::Paragraph(t) => t.clone(),
            }).collect::<Vec<_>>(),
            "credits": ex.credits,
            "warnings": ex.warnings,
        }),
        Err(e) => serde_json::json!({"set": set, "file": file, "error": e}),
    }
}

/// Scores one dev set (see the module docs), half by half.
fn dev_set(dir: &Path, registry: &Registry, verbose: bool, mut dump: Option<&mut dyn Write>) -> Result<()> {
    let labels = dir.join("en_expected.jsonl");
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if !labels.is_file() {
        println!("set {name}: SKIPPED: {} not found", labels.display());
        return Ok(());
    }
    let text = std::fs::read_to_string(&labels).with_context(|| format!("reading {}", labels.display()))?;
    let mut halves = [DevScore::default(), DevScore::default()];
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let row: DevRow = serde_json::from_str(line).with_context(|| format!("label row {line:.80}"))?;
        let path = dir.join(&row.text_file);
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        let tune = tuning_half(&row.text_file);
        let s = &mut halves[usize::from(!tune)];
        // Errors are listed for the tuning half only: rules are tuned on
        // it, the checking half stays unseen.
        let verbose = verbose && tune;
        s.pages += 1;
        // A page the decoder rejects counts as a page without an article.
        let raw = decode(&bytes).map(|d| d.text);
        let ex = raw.clone().and_then(|raw| {
            let outlet =
                outlet::publisher(&raw, &txt::Hints::default(), registry).key.and_then(|k| registry.get(&k).cloned());
            txt::extract(&raw, &txt::Hints::default(), outlet.as_ref(), registry)
        });
        let raw = raw.unwrap_or_default();
        if let Some(w) = dump.as_mut() {
            writeln!(w, "{}", dump_line(&name, &row.text_file, &ex))?;
        }
        let ex = ex.as_ref().ok();
        s.rejected += usize::from(ex.is_none());
        let got = ex
            .map(|ex| {
                std::iter::once(ex.lead.as_str()).chain(ex.body.iter().map(|b| b.text())).collect::<Vec<_>>().join("\n")
            })
            .unwrap_or_default();
        let (got_norm, raw_norm) = (norm(&got), norm(&raw));
        for n in row.with.iter().flatten().map(|w| norm(w)).filter(|n| !n.is_empty() && raw_norm.contains(n)) {
            s.with.1 += 1;
            s.with.0 += usize::from(got_norm.contains(&n));
        }
        for n in row.without.iter().flatten().map(|w| norm(w)).filter(|n| !n.is_empty()) {
            s.without.1 += 1;
            s.without.0 += usize::from(!got_norm.contains(&n));
        }
        if let Some(gold) = row.body.as_deref().filter(|b| !b.trim().is_empty()) {
            let (p, r) = shingle_precision_recall(&got, gold);
            s.precision += p;
            s.recall += r;
            s.bodies += 1;
            if verbose && 2.0 * p * r < 0.8 * (p + r) {
                println!("{name} {}: body P {p:.2} R {r:.2}", row.text_file);
            }
        }
        if let Some(t) = row.title.as_deref().filter(|t| !t.trim().is_empty()) {
            let ok = ex.is_some_and(|ex| norm(&ex.title) == norm(t));
            s.title.1 += 1;
            s.title.0 += usize::from(ok);
            s.title_unprinted += usize::from(!raw_norm.contains(&norm(t)));
            if verbose && !ok {
                let printed = if raw_norm.contains(&norm(t)) { "" } else { " (not printed)" };
                println!("{name} {}: title {:?} expected {t:?}{printed}", row.text_file, ex.map(|e| &e.title));
            }
        }
        let got = ex.and_then(|ex| ex.date.date).map(|d| d.iso());
        let label_day = row.date.as_deref().and_then(|d| d.get(..10)).filter(|d| d.len() == 10);
        let valid_day = |d: &str| {
            let n = |r: std::ops::Range<usize>| d.get(r).and_then(|x| x.parse::<u32>().ok());
            matches!((n(5..7), n(8..10)), (Some(1..=12), Some(1..=31)))
        };
        if label_day.is_some_and(|d| !valid_day(d)) {
            s.date_invalid += 1;
        }
        match label_day.filter(|d| valid_day(d)) {
            Some(day) => {
                let printed = dateline_core::date::find_dates(&raw)
                    .into_iter()
                    .find(|m| m.date().is_some_and(|x| x.iso() == day));
                if let Some(m) = &printed {
                    s.day.1 += 1;
                    s.day.0 += usize::from(got.as_deref() == Some(day));
                    s.day_revision_only += usize::from(
                        got.is_none() && ex.is_some_and(|e| e.date.source.starts_with(txt::header_date::ONLY_REVISION)),
                    );
                    if verbose && got.is_none() {
                        let source = ex.map(|e| e.date.source.as_str()).unwrap_or_default();
                        let at = raw.get(m.span.clone()).unwrap_or_default();
                        println!("{name} {}: no date ({source}) expected {day}, printed as {at:?}", row.text_file);
                    }
                }
                if got.as_deref().is_some_and(|g| g != day) {
                    s.wrong_date += 1;
                    s.wrong_date_unprinted += usize::from(printed.is_none());
                    if verbose {
                        let source = ex.map(|e| e.date.source.as_str()).unwrap_or_default();
                        let unprinted = if printed.is_none() { " (labelled day not printed)" } else { "" };
                        println!("{name} {}: date {got:?} ({source}) expected {day}{unprinted}", row.text_file);
                    }
                }
            }
            None if label_day.is_none() => s.date_unlabelled += usize::from(got.is_some()),
            None => {}
        }
        if let Some(o) = row.outlet.as_deref().filter(|o| !o.trim().is_empty()) {
            let found = outlet::publisher(&raw, &txt::Hints::default(), registry)
                .key
                .and_then(|k| registry.get(&k))
                .map(|e| norm(&e.name));
            s.outlet.1 += 1;
            s.outlet.0 += usize::from(found.as_deref() == Some(norm(o).as_str()));
        }
    }
    println!("set {name}:");
    halves[0].print("tune ");
    halves[1].print("check");
    Ok(())
}

/// Dumps the extraction of every page of the article-bias sample.
fn dump_abp(dir: &Path, registry: &Registry, dump: Option<&mut dyn Write>) -> Result<()> {
    let Some(w) = dump else { return Ok(()) };
    let manifest = dir.join("txt_sample_manifest.jsonl");
    let Ok(text) = std::fs::read_to_string(&manifest) else { return Ok(()) };
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let row: SampleRow = serde_json::from_str(line).with_context(|| format!("manifest row {line:.80}"))?;
        let file = format!("txt_sample/{}.txt", row.id);
        let Ok(bytes) = std::fs::read(dir.join(&file)) else { continue };
        let ex = decode(&bytes).and_then(|d| {
            let outlet = outlet::publisher(&d.text, &txt::Hints::default(), registry)
                .key
                .and_then(|k| registry.get(&k).cloned());
            txt::extract(&d.text, &txt::Hints::default(), outlet.as_ref(), registry)
        });
        writeln!(w, "{}", dump_line("abp", &file, &ex))?;
    }
    Ok(())
}

/// Prints what the extractor's passes decided on every line of one page.
fn explain(file: &Path) -> Result<()> {
    let registry = dateline_tools::default_registry()?;
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let is_html = file.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("html"));
    if is_html {
        // An HTML page: its metadata, then the passes on its visible text.
        let page = dateline_core::ingest::html::read_page(bytes, None).map_err(|e| anyhow::anyhow!("{e}"))?;
        println!("{:#?}", page.meta);
        print!("{}", txt::explain(&page.text, None, &registry));
        return Ok(());
    }
    let raw = decode(&bytes).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?.text;
    let outlet = outlet::publisher(&raw, &txt::Hints::default(), &registry).key.and_then(|k| registry.get(&k).cloned());
    print!("{}", txt::explain(&raw, outlet.as_ref(), &registry));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingle_scores_by_hand() {
        // 6 tokens: 3 shingles; the extraction has the gold's first 5
        // tokens plus 2 others: 4 shingles, 2 shared.
        let gold = "The council met on Tuesday evening";
        let got = "the Council met, on Tuesday. Share this";
        let (p, r) = shingle_precision_recall(got, gold);
        assert!((p - 2.0 / 4.0).abs() < 1e-9, "{p}");
        assert!((r - 2.0 / 3.0).abs() < 1e-9, "{r}");
        assert_eq!(shingle_precision_recall("", gold), (0.0, 0.0));
        assert_eq!(shingle_precision_recall(gold, gold), (1.0, 1.0));
        // Repeated text counts once per copy in the gold (multisets).
        let (p, _) = shingle_precision_recall(&format!("{gold} {gold}"), gold);
        assert!(p < 0.5, "{p}");
    }

    #[test]
    fn halves_depend_on_the_name_only() {
        assert_eq!(tuning_half("text/0001.txt"), tuning_half("text/0001.txt"));
        let names: Vec<String> = (0..1000).map(|i| format!("text/{i:04}.txt")).collect();
        let tune = names.iter().filter(|n| tuning_half(n)).count();
        assert!((400..=600).contains(&tune), "{tune}");
    }
}
