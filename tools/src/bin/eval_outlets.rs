//! `eval_outlets`: is the outlet ingest attributes right?
//!
//! ```text
//! cargo run --release --bin eval_outlets [-- [DIR] [--verbose]]
//! ```
//! Runs the whole ingest (built-in registry, no URL given) over
//! * `../shared/data/trafilatura_eval` (161 pages of 148 sites, labelled
//!   with their URL's domain): an attribution is right when the outlet's
//!   registry domains cover the page's domain, or when an outlet the
//!   registry does not know is named after that domain or after the site
//!   name the domain spells (`Threatpost` on `threatpost.com`);
//! * `../shared/data/article_bias_prediction/txt_sample` (1,000 pages whose
//!   manifest gives the outlet's site): right when the registry resolves
//!   that site to the attributed outlet.
//!
//! `DIR` replaces both by a set in the trafilatura format (for example the
//! 990 pages `scripts/trafilatura_other_languages.py` renders, labelled
//! with their URL). Prints, per set, how many pages got an outlet, how many
//! of those the automatic check cannot confirm as the page's site (each one
//! listed, to check by hand: a site's own name may not spell its domain),
//! the counts per evidence kind,
//! and the original sources found in reprints. Commands reading
//! `../shared/data` say SKIPPED when it is absent.

use anyhow::{Context, Result};
use dateline_core::ingest::{ingest, registry::Registry, InputFile};
use dateline_core::model::{Corpus, Disposition, EvidenceKind};
use std::collections::BTreeMap;
use std::path::Path;

fn main() -> Result<()> {
    let verbose = std::env::args().any(|a| a == "--verbose");
    let registry = dateline_tools::default_registry()?;
    if let Some(dir) = std::env::args().skip(1).find(|a| !a.starts_with("--")) {
        return trafilatura(Path::new(&dir), &registry, verbose);
    }
    let data = Path::new("../shared/data");
    trafilatura(&data.join("trafilatura_eval"), &registry, verbose)?;
    abp(&data.join("article_bias_prediction"), &registry, verbose)
}

/// Letters and digits only, lower case.
fn letters(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Whether an outlet (registry key or made-up) is the site `domain`.
fn is_site(corpus: &Corpus, registry: &Registry, key: &str, domain: &str) -> bool {
    let domain = domain.trim_start_matches("www.");
    if let Some(o) = registry.get(key) {
        return o.domains.iter().any(|d| domain == d || domain.ends_with(&format!(".{d}")));
    }
    // A site the registry does not know: named after the domain, or by a
    // name whose letters spell the domain's first label, or the other way
    // round (`Detroit Metro Times` on metrotimes.com).
    let name = corpus.outlet(key).map(|o| o.name.clone()).unwrap_or_default();
    let label = letters(domain.split('.').find(|l| !matches!(*l, "blog" | "www" | "en" | "m")).unwrap_or(domain));
    let name_letters = letters(name.strip_prefix("The ").unwrap_or(&name));
    let initials: String = name.split_whitespace().filter(|w| *w != "The").filter_map(|w| w.chars().next()).collect();
    name == domain
        || key == domain
        || (initials.chars().count() >= 2 && letters(&initials) == label)
        || (!name_letters.is_empty() && (label.contains(&name_letters) || name_letters.contains(&label)))
}

#[derive(Default)]
struct Tally {
    pages: usize,
    attributed: usize,
    wrong: Vec<String>,
    kinds: BTreeMap<&'static str, usize>,
    sources: BTreeMap<String, usize>,
}

impl Tally {
    fn print(&self, set: &str) {
        println!(
            "{set}: {} pages, outlet attributed on {} ({:.1}%), not the page's site by the automatic check on {} (listed: check by hand)",
            self.pages,
            self.attributed,
            100.0 * self.attributed as f64 / self.pages.max(1) as f64,
            self.wrong.len()
        );
        let kinds: Vec<String> = self.kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
        println!("{set}: evidence: {}", kinds.join(", "));
        let sources: Vec<String> = self.sources.iter().map(|(k, n)| format!("{k} {n}")).collect();
        println!(
            "{set}: reprints (original source): {}",
            if sources.is_empty() { "none".into() } else { sources.join(", ") }
        );
        for w in &self.wrong {
            println!("{set}: CHECK {w}");
        }
    }
}

fn tally_one(t: &mut Tally, corpus: &Corpus) {
    t.pages += 1;
    for a in &corpus.articles {
        let kind = a.provenance.outlet_evidence;
        *t.kinds.entry(kind.label()).or_default() += 1;
        if kind != EvidenceKind::None {
            t.attributed += 1;
        }
        if let Some(s) = &a.original_source {
            *t.sources.entry(s.clone()).or_default() += 1;
        }
    }
}

fn trafilatura(dir: &Path, registry: &Registry, verbose: bool) -> Result<()> {
    let labels = dir.join("en_expected.jsonl");
    if !labels.is_file() {
        println!("trafilatura: SKIPPED: {} not found", labels.display());
        return Ok(());
    }
    let mut t = Tally::default();
    let text = std::fs::read_to_string(&labels).with_context(|| format!("reading {}", labels.display()))?;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let row: serde_json::Value = serde_json::from_str(line).context("label row")?;
        let Some(file) = row["text_file"].as_str() else { continue };
        // Later rows have no domain label; their file name holds it
        // (`en_text/147_jamaicaobserver.com-attacks.html.txt`).
        let from_name =
            file.rsplit('/').next().and_then(|n| n.split_once('_')).map(|(_, r)| r.split('-').next().unwrap_or(r));
        let from_url = row["url"].as_str().and_then(dateline_core::ingest::registry::url_host);
        let Some(domain) = row["domain"]
            .as_str()
            .filter(|d| !d.is_empty())
            .map(str::to_string)
            .or(from_url)
            .or(from_name.map(str::to_string))
        else {
            continue;
        };
        let domain = domain.as_str();
        let bytes = std::fs::read(dir.join(file)).with_context(|| format!("reading {file}"))?;
        let corpus = ingest(&[InputFile { path: file.to_string(), bytes }], registry, "eval");
        tally_one(&mut t, &corpus);
        for a in &corpus.articles {
            match &a.outlet {
                Some(k) if !is_site(&corpus, registry, k, domain) => t.wrong.push(format!(
                    "{file}: {} for {domain} ({})",
                    corpus.outlet(k).map_or(k.as_str(), |o| o.name.as_str()),
                    a.provenance.outlet_source
                )),
                _ if verbose && a.original_source.is_some() => println!(
                    "{file}: reprinted from {} ({domain}): {}",
                    a.original_source.as_deref().unwrap_or(""),
                    a.provenance.source_evidence.as_deref().unwrap_or("")
                ),
                Some(k) if verbose => println!(
                    "{file}: {} for {domain} ({})",
                    corpus.outlet(k).map_or(k.as_str(), |o| o.name.as_str()),
                    a.provenance.outlet_source
                ),
                _ => {}
            }
        }
        if corpus.articles.is_empty() && verbose {
            if let Some(Disposition::Rejected { reason }) = corpus.report.inputs.first().map(|i| &i.disposition) {
                println!("{file}: rejected: {reason}");
            }
        }
    }
    t.print("trafilatura");
    Ok(())
}

fn abp(dir: &Path, registry: &Registry, verbose: bool) -> Result<()> {
    let manifest = dir.join("txt_sample_manifest.jsonl");
    if !manifest.is_file() {
        println!("abp: SKIPPED: {} not found", manifest.display());
        return Ok(());
    }
    let mut t = Tally::default();
    let text = std::fs::read_to_string(&manifest).with_context(|| format!("reading {}", manifest.display()))?;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let row: serde_json::Value = serde_json::from_str(line).context("manifest row")?;
        let (Some(id), Some(site)) = (row["ID"].as_str(), row["source_url"].as_str()) else { continue };
        let file = format!("txt_sample/{id}.txt");
        let Ok(bytes) = std::fs::read(dir.join(&file)) else { continue };
        let corpus = ingest(&[InputFile { path: file.clone(), bytes }], registry, "eval");
        tally_one(&mut t, &corpus);
        let source = row["source"].as_str().unwrap_or("");
        for a in &corpus.articles {
            if let Some(k) = &a.outlet {
                let right = registry.resolve_host(site).is_some_and(|o| &o.key == k);
                let line = format!("{file}: {k} for {source} ({site}): {}", a.provenance.outlet_source);
                if !right {
                    t.wrong.push(line);
                } else if verbose {
                    println!("{line}");
                }
            }
            if let (Some(s), true) = (&a.original_source, verbose) {
                println!(
                    "{file}: reprinted from {s} ({source}): {}",
                    a.provenance.source_evidence.as_deref().unwrap_or("")
                );
            }
        }
    }
    t.print("abp");
    Ok(())
}
