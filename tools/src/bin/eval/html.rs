//! `eval --html`: the HTML path, end to end, on labelled HTML pages.
//!
//! A set (`--set DIR`, repeatable; by default the three sets under
//! `../shared/data/html/` when present) holds `en_expected.jsonl` with the
//! text sets' rows plus `html_file`, the page's original HTML, as
//! `scripts/html_dev_sets.py` writes it. Every page goes through the same
//! ingest as an `.html` input (`dateline_core::ingest::ingest`: charset,
//! HTML5 parse, metadata, visible text, extraction, reconciliation,
//! outlet) and is scored per set and per half (the halves of the text
//! sets: same hash of the same `text_file`):
//!
//! * body token F1 (the same 4-gram shingle F1 as the text mode),
//! * title accuracy (folded title equals the label),
//! * publication day on all labelled pages, and on those whose visible
//!   text prints the labelled day; wrong dates (a day other than the
//!   label's), over all pages. Both also count the pages whose label is
//!   the page's *revision* day (a modification date of its metadata,
//!   `dateModified`, `article:modified_time` ..., or the date the text
//!   passes read under an `Updated` label when the page prints no other):
//!   some sets label a page with the day it was last changed, which
//!   Dateline never gives as the publication date,
//! * author accuracy (same folded names as the label),
//! * body snippets kept / boilerplate removed,
//! * wrong outlet: pages given a registry outlet whose domains do not
//!   include the host of the page's labelled URL (outlets named by the
//!   page itself and absent from the registry are counted apart),
//! * how often each source gave the title, date and author.
//!
//! `--dump FILE` writes one JSON line per page: what was extracted, with
//! its sources, the page's half (`tune` / `check`) and the first days the
//! page shows anywhere (`shown_days`), for classifying misses by cause.

use super::{names, norm, shingle_precision_recall, tuning_half};
use anyhow::{Context, Result};
use dateline_core::ingest::{html, ingest, registry::Registry, text, InputFile};
use dateline_core::model::{Article, Disposition};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// One labelled page of an HTML dev set.
#[derive(Deserialize)]
struct HtmlRow {
    text_file: String,
    html_file: String,
    url: Option<String>,
    title: Option<String>,
    date: Option<String>,
    author: Option<serde_json::Value>,
    body: Option<String>,
    #[serde(default)]
    with: Option<Vec<String>>,
    #[serde(default)]
    without: Option<Vec<String>>,
}

/// The HTML sets evaluated when no `--set` is given.
pub fn default_sets() -> Vec<PathBuf> {
    ["trafilatura_eval", "trafilatura_other", "wcxb_articles"]
        .iter()
        .map(|n| Path::new("../shared/data/html").join(n))
        .collect()
}

/// Scores of one half of a set.
#[derive(Default)]
struct Score {
    pages: usize,
    rejected: usize,
    precision: f64,
    recall: f64,
    bodies: usize,
    title: (usize, usize),
    day: (usize, usize),
    day_printed: (usize, usize),
    wrong_date: usize,
    /// Labelled pages given no date whose label is the page's revision day.
    none_revision: usize,
    /// Wrong dates whose label is the page's revision day.
    wrong_revision: usize,
    author: (usize, usize),
    with: (usize, usize),
    without: (usize, usize),
    outlet_checked: usize,
    outlet_wrong: usize,
    outlet_named: usize,
    sources: BTreeMap<String, usize>,
}

fn pct((ok, n): (usize, usize)) -> f64 {
    if n == 0 {
        0.0
    } else {
        100.0 * ok as f64 / n as f64
    }
}

impl Score {
    fn print(&self, name: &str) {
        println!("  {name}: {} pages ({} without an extracted article)", self.pages, self.rejected);
        if self.bodies > 0 {
            let (p, r) = (self.precision / self.bodies as f64, self.recall / self.bodies as f64);
            let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
            println!("    body F1:      {f:.3}  (P {p:.3} R {r:.3}, {} pages with a gold body)", self.bodies);
        } else {
            println!("    body F1:      n/a (no gold bodies)");
        }
        println!("    title:        {:5.1}%  ({}/{} labelled)", pct(self.title), self.title.0, self.title.1);
        println!(
            "    day:          {:5.1}%  ({}/{} labelled); {:5.1}% where the visible text prints it ({}/{}); {} given none where the label is the page's revision day",
            pct(self.day),
            self.day.0,
            self.day.1,
            pct(self.day_printed),
            self.day_printed.0,
            self.day_printed.1,
            self.none_revision
        );
        println!(
            "    wrong date:   {:5.1}%  ({}/{} pages, {} of them labelled with the page's revision day)",
            pct((self.wrong_date, self.pages)),
            self.wrong_date,
            self.pages,
            self.wrong_revision
        );
        println!("    author:       {:5.1}%  ({}/{} labelled)", pct(self.author), self.author.0, self.author.1);
        println!(
            "    snippets:     {:5.1}% kept ({}/{}), {:5.1}% of boilerplate removed ({}/{})",
            pct(self.with),
            self.with.0,
            self.with.1,
            pct(self.without),
            self.without.0,
            self.without.1
        );
        println!(
            "    wrong outlet: {}/{} pages given a registry outlet ({} more named by the page itself)",
            self.outlet_wrong, self.outlet_checked, self.outlet_named
        );
        let sources: Vec<String> = self.sources.iter().map(|(k, v)| format!("{k} {v}")).collect();
        println!("    sources:      {}", sources.join(", "));
    }
}

/// The source kind of a provenance string, for the source counts
/// (`visible text line 4` -> `visible text`).
fn kind(source: &str) -> String {
    if source.starts_with("visible text") {
        return "visible text".into();
    }
    let s = source.split(" (").next().unwrap_or(source).split(';').next().unwrap_or(source);
    let s = s.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
    s.trim_end_matches(" line").to_string()
}

/// The host of a URL, without `www.`.
fn host(url: &str) -> String {
    let lower = url.to_lowercase();
    let h = lower.split("://").nth(1).unwrap_or(&lower).split(['/', '?', '#', ':']).next().unwrap_or("").to_string();
    h.trim_start_matches("www.").to_string()
}

/// The days a page gives as its revision: the modification dates of its
/// metadata, and the date the text passes read as a revision's when its
/// visible text prints no other (their [`ONLY_REVISION`] source quoting it;
/// the metadata's publication date may have been taken instead).
///
/// [`ONLY_REVISION`]: dateline_core::ingest::text::header_date::ONLY_REVISION
fn revision_days(bytes: &[u8], registry: &Registry) -> Vec<String> {
    let parse = |s: &str| html::meta::parse_date(s).map(|(d, _)| d.iso());
    let Ok(page) = html::read_page(bytes.to_vec(), None) else { return Vec::new() };
    let mut days: Vec<String> = page.meta.modified.iter().filter_map(|f| parse(&f.value)).collect();
    let hints = dateline_core::ingest::text::Hints::default();
    let source = text::extract(&page.text, &hints, None, registry).map(|e| e.date.source).unwrap_or_default();
    if let Some(rest) = source.strip_prefix(text::header_date::ONLY_REVISION) {
        let quoted = match rest.trim_end_matches(')').rsplit_once("the revision of ") {
            Some((_, day)) => Some(day),
            None => rest.split_once(": \"").map(|(_, q)| q.trim_end_matches([')', '"'])),
        };
        days.extend(quoted.and_then(parse));
    }
    days
}

/// Runs one page through ingest: the article, or why there is none.
fn ingest_page(bytes: Vec<u8>, name: &str, registry: &Registry) -> Result<Article, String> {
    let corpus = ingest(&[InputFile { path: name.to_string(), bytes }], registry, "eval");
    match corpus.articles.into_iter().next() {
        Some(a) => Ok(a),
        None => Err(corpus
            .report
            .inputs
            .first()
            .map(|i| match &i.disposition {
                Disposition::Rejected { reason } => reason.clone(),
                d => format!("{d:?}"),
            })
            .unwrap_or_default()),
    }
}

/// Scores one HTML set (see the module docs).
pub fn html_set(dir: &Path, registry: &Registry, verbose: bool, mut dump: Option<&mut dyn Write>) -> Result<()> {
    let labels = dir.join("en_expected.jsonl");
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if !labels.is_file() {
        println!("html set {name}: SKIPPED: {} not found (build it with scripts/html_dev_sets.py)", labels.display());
        return Ok(());
    }
    let text = std::fs::read_to_string(&labels).with_context(|| format!("reading {}", labels.display()))?;
    let mut halves = [Score::default(), Score::default()];
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let row: HtmlRow = serde_json::from_str(line).with_context(|| format!("label row {line:.80}"))?;
        let path = dir.join(&row.html_file);
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        let tune = tuning_half(&row.text_file);
        let verbose = verbose && tune;
        let s = &mut halves[usize::from(!tune)];
        s.pages += 1;
        // Everything the page shows, furniture included: which labels and
        // snippets the page prints at all.
        let shown = html::visible_text_all(bytes.clone()).unwrap_or_default();
        let got = ingest_page(bytes.clone(), &row.html_file, registry);
        if let Some(w) = dump.as_mut() {
            let half = if tune { "tune" } else { "check" };
            // The days the page shows anywhere (first 20, in order).
            let mut shown_days: Vec<String> = Vec::new();
            for d in dateline_core::date::find_dates(&shown).iter().filter_map(|m| m.date()) {
                if shown_days.len() < 20 && !shown_days.contains(&d.iso()) {
                    shown_days.push(d.iso());
                }
            }
            let line = match &got {
                Ok(a) => {
                    serde_json::json!({"set": name, "half": half, "file": row.html_file, "title": a.title, "shown_days": shown_days,
                    "date": a.date.date.map(|d| d.iso()), "date_source": a.date.source, "author": a.author,
                    "outlet": a.outlet, "outlet_source": a.provenance.outlet_source, "page": a.provenance.page,
                    "lead": a.lead, "body": a.body.iter().map(|b| b.text()).collect::<Vec<_>>()})
                }
                Err(e) => serde_json::json!({"set": name, "half": half, "file": row.html_file, "error": e}),
            };
            writeln!(w, "{line}")?;
        }
        let a = got.as_ref().ok();
        s.rejected += usize::from(a.is_none());
        if let (Some(e), true) = (got.as_ref().err(), verbose) {
            println!("{name} {}: no article: {e}", row.html_file);
        }
        let body = a.map(|a| a.texts().collect::<Vec<_>>().join("\n")).unwrap_or_default();
        let (body_norm, shown_norm) = (norm(&body), norm(&shown));
        for n in row.with.iter().flatten().map(|w| norm(w)).filter(|n| !n.is_empty() && shown_norm.contains(n)) {
            s.with.1 += 1;
            let ok = body_norm.contains(&n);
            s.with.0 += usize::from(ok);
        }
        for n in row.without.iter().flatten().map(|w| norm(w)).filter(|n| !n.is_empty()) {
            s.without.1 += 1;
            s.without.0 += usize::from(!body_norm.contains(&n));
        }
        if let Some(gold) = row.body.as_deref().filter(|b| !b.trim().is_empty()) {
            let (p, r) = shingle_precision_recall(&body, gold);
            s.precision += p;
            s.recall += r;
            s.bodies += 1;
            if verbose && 2.0 * p * r < 0.8 * (p + r) {
                println!("{name} {}: body P {p:.2} R {r:.2}", row.html_file);
            }
        }
        if let Some(t) = row.title.as_deref().filter(|t| !t.trim().is_empty()) {
            let ok = a.is_some_and(|a| norm(&a.title) == norm(t));
            s.title.1 += 1;
            s.title.0 += usize::from(ok);
            if verbose && !ok {
                let src = a.and_then(|a| a.provenance.page.as_ref()).map(|p| p.title.clone()).unwrap_or_default();
                println!("{name} {}: title {:?} ({src}) expected {t:?}", row.html_file, a.map(|a| &a.title));
            }
        }
        let day = a.and_then(|a| a.date.date).map(|d| d.iso());
        if let Some(label) = row.date.as_deref().and_then(|d| d.get(..10)).filter(|d| d.len() == 10) {
            let ok = day.as_deref() == Some(label);
            s.day.1 += 1;
            s.day.0 += usize::from(ok);
            if dateline_core::date::find_dates(&shown).iter().any(|m| m.date().is_some_and(|x| x.iso() == label)) {
                s.day_printed.1 += 1;
                s.day_printed.0 += usize::from(ok);
            }
            if day.is_some() && !ok {
                s.wrong_date += 1;
            }
            // A miss on a page labelled with the day it was last changed.
            if !ok && revision_days(&bytes, registry).iter().any(|d| d == label) {
                *(if day.is_some() { &mut s.wrong_revision } else { &mut s.none_revision }) += 1;
            }
            if verbose && !ok {
                let src = a.map(|a| a.date.source.as_str()).unwrap_or_default();
                println!("{name} {}: date {day:?} ({src}) expected {label}", row.html_file);
            }
        }
        let author_label = match &row.author {
            Some(serde_json::Value::String(s)) => Some(s.clone()),
            Some(serde_json::Value::Array(v)) => {
                Some(v.iter().filter_map(|x| x.as_str()).collect::<Vec<_>>().join(", "))
            }
            _ => None,
        };
        if let Some(l) = author_label.filter(|l| !l.trim().is_empty()) {
            let got = a.and_then(|a| a.author.as_deref()).map(names).unwrap_or_default();
            let ok = !got.is_empty() && got == names(&l);
            s.author.1 += 1;
            s.author.0 += usize::from(ok);
            if verbose && !ok {
                let src = a.and_then(|a| a.provenance.page.as_ref()).and_then(|p| p.author.clone());
                println!(
                    "{name} {}: author {:?} ({src:?}) expected {l:?}",
                    row.html_file,
                    a.and_then(|a| a.author.as_ref())
                );
            }
        }
        if let Some(a) = a {
            if let Some(key) = &a.outlet {
                match registry.get(key) {
                    Some(entry) => {
                        // Only labels that are URLs (one set labels some
                        // pages `hard::site.path`, which names no host).
                        if let Some(url) = row.url.as_ref().filter(|u| u.contains("://")) {
                            let h = host(url);
                            let ok = entry.domains.iter().any(|d| h == *d || h.ends_with(&format!(".{d}")));
                            s.outlet_checked += 1;
                            s.outlet_wrong += usize::from(!ok);
                            if !ok && verbose {
                                println!(
                                    "{name} {}: outlet {key} ({}) for {url}",
                                    row.html_file, a.provenance.outlet_source
                                );
                            }
                        }
                    }
                    None => s.outlet_named += 1,
                }
            }
            if let Some(p) = &a.provenance.page {
                *s.sources.entry(format!("title={}", kind(&p.title))).or_default() += 1;
                if let Some(au) = &p.author {
                    *s.sources.entry(format!("author={}", kind(au))).or_default() += 1;
                }
            }
            if a.date.date.is_some() {
                *s.sources.entry(format!("date={}", kind(&a.date.source))).or_default() += 1;
            }
        }
    }
    println!("html set {name}:");
    halves[0].print("tune ");
    halves[1].print("check");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_kinds_and_hosts() {
        assert_eq!(kind("visible text line 12"), "visible text");
        assert_eq!(kind("json-ld datePublished"), "json-ld datePublished");
        assert_eq!(kind("visible text line 3; json-ld datePublished agrees"), "visible text");
        assert_eq!(kind("<h1>"), "<h1>");
        assert_eq!(host("https://www.rt.com/news/1/"), "rt.com");
    }

    /// The revision days a page gives: its metadata's modification date,
    /// and the day its header prints under an `Updated` label.
    #[test]
    fn a_pages_revision_days_count_apart() {
        let registry = Registry::builtin().expect("registry");
        let prose =
            "<p>The council approved the repairs to the harbour wall on Tuesday after a long debate.</p>".repeat(6);
        let page = |head: &str, header: &str| {
            format!(
                "<!doctype html><html><head><title>Harbour wall repairs approved</title>{head}</head><body>\
                 <article><h1>Harbour wall repairs approved</h1>{header}{prose}</article></body></html>"
            )
            .into_bytes()
        };
        let modified = r#"<meta property="article:modified_time" content="2024-03-05T09:00:00Z">"#;
        assert_eq!(revision_days(&page(modified, ""), &registry), ["2024-03-05"]);
        let updated = page("", "<p>Updated March 3, 2024</p>");
        assert_eq!(revision_days(&updated, &registry), ["2024-03-03"]);
        assert!(revision_days(&page("", "<p>March 3, 2024</p>"), &registry).is_empty());
    }
}
