//! `dist`: attaches the corpus to a built app (Trunk's post-build hook).
//!
//! ```text
//! cargo run --release --bin dist -- [--corpus DIR] [--staging DIR] [--source DIR]
//! ```
//! Trunk runs it after every build (`Trunk.toml`, `[[hooks]]`), with
//! `TRUNK_STAGING_DIR` (the folder about to become `dist/`) and
//! `TRUNK_SOURCE_DIR` set. The corpus folder is `$DATELINE_CORPUS`, else
//! `corpus/`. It
//!
//! 1. ingests the corpus and prints the report's summary and every warning
//!    (one escaped line each, see `dateline_tools::dist::one_line`);
//! 2. builds the corpus bundle (metadata, index, texts, events) and appends
//!    it to the wasm as a custom section, renaming the file after its new
//!    content hash (embedded layout); or, for a corpus whose bundle passes
//!    `dist::SPLIT_ABOVE` (8 MiB, about 2,000 articles) or with
//!    `DATELINE_LAYOUT=split`, writes the split layout's files under
//!    `data/` and appends only its manifest (`dateline_core::split`);
//!    `DATELINE_LAYOUT=embedded` forces the embedded layout;
//! 3. replaces Trunk's inline start-up script by a `boot-<hash>.js` file so
//!    the page runs under its Content Security Policy;
//! 4. writes the single-file build `dateline.html` beside `index.html`
//!    (skipped with a warning past `dist::SINGLE_FILE_LIMIT`).
//!
//! Changing the corpus therefore never recompiles the app: a rebuild is an
//! ingest and this step.
//!
//! Exit codes: 0 success; 1 failure (no article could be ingested, the
//! build output is not what Trunk writes, or a file could not be written).

use anyhow::{bail, Context, Result};
use clap::Parser;
use dateline_tools::dist::{self, one_line, SingleFileParts};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Attach the corpus to the app Trunk built (run by Trunk's post-build hook).
#[derive(Parser)]
#[command(version, about)]
struct Args {
    /// Corpus folder or file [default: $DATELINE_CORPUS, else corpus/]
    #[arg(long)]
    corpus: Option<PathBuf>,
    /// The built app to complete [default: $TRUNK_STAGING_DIR]
    #[arg(long)]
    staging: Option<PathBuf>,
    /// The project folder, for assets [default: $TRUNK_SOURCE_DIR, else .]
    #[arg(long)]
    source: Option<PathBuf>,
    /// auto, embedded or split [default: $DATELINE_LAYOUT, else auto: split
    /// when the corpus bundle passes dist::SPLIT_ABOVE]
    #[arg(long)]
    layout: Option<String>,
    /// Most files the split layout may write under data/; 0 for no limit
    /// [default: $DATELINE_MAX_FILES, else dist::MAX_FILES (20,000:
    /// Cloudflare Pages' free plan, the strictest common static host)]
    #[arg(long)]
    max_files: Option<usize>,
    /// Common words' lists in impact tiers, `MIN_DOCS[:HEAD]` (see
    /// core/src/split/tiers.rs; off by default, as it did not pay on the
    /// corpora measured) [default: $DATELINE_TIERS, else none]
    #[arg(long, value_name = "MIN_DOCS[:HEAD]")]
    tiers: Option<String>,
    /// Stored answers of common words being typed, `MIN_BYTES[:TOP[:DEEP]]`:
    /// the words whose query reads at least MIN_BYTES of lists get their
    /// result stored, TOP hits ranked, and the hits down to DEEP in a second
    /// file for filtered queries (see core/src/split/answers.rs; 0: none;
    /// DEEP at most TOP: no second file)
    /// [default: $DATELINE_ANSWERS, else 49152:1024:0]
    #[arg(long, value_name = "MIN_BYTES[:TOP[:DEEP]]")]
    answers: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    Auto,
    Embedded,
    Split,
}

/// A `FIRST[:SECOND...]` option of numbers (`--tiers`, `--answers`), named
/// `names`, of which the first is required: from the argument, else the
/// environment variable `env`; `None` when neither is set. Numbers left
/// out are `None`.
fn numbers(arg: Option<String>, env: &str, what: &str, names: &[&str]) -> Result<Option<Vec<Option<usize>>>> {
    let Some(v) = arg.or_else(|| std::env::var(env).ok()).filter(|v| !v.is_empty()) else { return Ok(None) };
    let bad = || {
        let forms: Vec<String> = (1..=names.len()).map(|n| names[..n].join(":")).collect();
        anyhow::anyhow!("{what} {}: expected {} (numbers)", one_line(&v, 40), forms.join(" or "))
    };
    let parts: Vec<&str> = v.trim().split(':').collect();
    if parts.len() > names.len() {
        return Err(bad());
    }
    let mut out: Vec<Option<usize>> =
        parts.iter().map(|p| p.parse().map(Some).map_err(|_| bad())).collect::<Result<_>>()?;
    out.resize(names.len(), None);
    Ok(Some(out))
}

fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from)
}

/// The app's code size-optimised with `wasm-opt -Oz`, through the cache
/// of [`dist::optimize_cached`] (Trunk itself does not run the optimiser:
/// `data-wasm-opt="0"` in index.html). Skipped for debug builds and with
/// `DATELINE_WASM_OPT=0`; a missing optimiser is a warning, not an error.
fn optimize(wasm: &[u8], source: &std::path::Path) -> Result<(Vec<u8>, String)> {
    let skip = std::env::var("TRUNK_PROFILE").is_ok_and(|p| p == "debug")
        || std::env::var("DATELINE_WASM_OPT").is_ok_and(|v| v == "0");
    if skip {
        return Ok((wasm.to_vec(), "wasm-opt skipped".into()));
    }
    let version = match std::process::Command::new("wasm-opt").arg("--version").output() {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).trim().to_string(),
        _ => {
            eprintln!("[dist] warning: wasm-opt not found (scripts/setup.sh installs it): the app's code is not size-optimised");
            return Ok((wasm.to_vec(), "wasm-opt not found".into()));
        }
    };
    let cache = source.join("target").join("dateline-cache").join("wasm-opt");
    let t = Instant::now();
    let (out, how) = dist::optimize_cached(wasm, &format!("-Oz {version}"), &cache, |input, output| {
        let status = std::process::Command::new("wasm-opt")
            .arg(format!("--output={}", output.display()))
            .arg("-Oz")
            .arg(input)
            .status()
            .map_err(|e| dist::DistError::Optimizer(e.to_string()))?;
        if status.success() {
            Ok(())
        } else {
            Err(dist::DistError::Optimizer(status.to_string()))
        }
    })?;
    let how = match how {
        dist::Optimized::Cached => "cached",
        dist::Optimized::Ran => "ran",
    };
    let note =
        format!("wasm-opt -Oz {how} in {:.1}s ({} -> {})", t.elapsed().as_secs_f64(), kb(wasm.len()), kb(out.len()));
    Ok((out, note))
}

/// Warnings and rejections printed to the terminal; the rest are in the
/// report file.
const PRINTED: usize = 100;

fn kb(n: usize) -> String {
    format!("{:.1} KB", n as f64 / 1024.0)
}

fn main() -> Result<()> {
    let args = Args::parse();
    let started = Instant::now();
    let source = args.source.or_else(|| env_path("TRUNK_SOURCE_DIR")).unwrap_or_else(|| PathBuf::from("."));
    let corpus_dir = args.corpus.or_else(|| env_path("DATELINE_CORPUS")).unwrap_or_else(|| source.join("corpus"));
    let Some(staging) = args.staging.or_else(|| env_path("TRUNK_STAGING_DIR")) else {
        bail!("no built app: pass --staging DIR (Trunk sets TRUNK_STAGING_DIR for its hooks)");
    };

    // Prepared files are cached (dateline_tools::PrepareCache): a rebuild
    // after a corpus change extracts only the files that changed.
    let cache_dir = (std::env::var("DATELINE_INGEST_CACHE").as_deref() != Ok("0"))
        .then(|| source.join("target").join("dateline-cache").join("ingest"));
    let shards: Vec<PathBuf> = std::env::var_os("DATELINE_SHARDS")
        .map(|v| std::env::split_paths(&v).filter(|p| !p.as_os_str().is_empty()).collect())
        .unwrap_or_default();
    let mut stages = dist::Stages::default();
    stages.start();
    let ingested = if shards.is_empty() {
        dateline_tools::ingest_paths_cached(std::slice::from_ref(&corpus_dir), None, cache_dir.as_deref(), &|_, _| {})
            .with_context(|| format!("ingest of {}", one_line(&corpus_dir.display().to_string(), 200)))?
    } else {
        let dirs: Vec<PathBuf> = std::iter::once(corpus_dir.clone()).filter(|d| d.is_dir()).collect();
        dateline_tools::shard::merge_today(&shards, None, &dirs).context("merging DATELINE_SHARDS")?
    };
    let ingest_s = stages.end("ingest");
    let cache_note = match ingested.cached {
        Some((hits, misses)) => format!("; {hits} files from the ingest cache, {misses} extracted"),
        None => String::new(),
    };
    let (corpus, registry) = (ingested.corpus, ingested.registry);
    let suggested = corpus.articles.iter().filter(|a| a.suggested_date.is_some()).count();
    if suggested > 0 {
        eprintln!(
            "[dist] inferred dates: {suggested} undated articles have a year their text pins (a suggestion, shown as inferred; they stay undated)"
        );
    }
    // Every warning and rejection, one escaped line each, goes to the
    // report file; the terminal gets the first PRINTED of them (a million
    // articles once printed a million lines).
    let mut warnings = 0usize;
    let mut report = String::new();
    let mut printed = 0usize;
    for input in &corpus.report.inputs {
        let lines = input
            .warnings
            .iter()
            .map(|w| format!("warning: {}: {}", one_line(&input.input, 200), one_line(w, 300)))
            .chain(match &input.disposition {
                dateline_core::model::Disposition::Rejected { reason } => {
                    Some(format!("rejected: {}: {}", one_line(&input.input, 200), one_line(reason, 300)))
                }
                _ => None,
            });
        for line in lines {
            warnings += usize::from(line.starts_with("warning: "));
            if printed < PRINTED {
                eprintln!("[dist] {line}");
            }
            printed += 1;
            report.push_str(&line);
            report.push('\n');
        }
    }
    let report_path = source.join("target").join("dateline-report.txt");
    if printed > PRINTED {
        eprintln!(
            "[dist] ... and {} more warnings and rejections: all {printed} are in {}",
            printed - PRINTED,
            report_path.display()
        );
    }
    if let Some(dir) = report_path.parent() {
        // The report is a convenience: the build goes on without it.
        if std::fs::create_dir_all(dir).and_then(|()| std::fs::write(&report_path, &report)).is_err() {
            eprintln!("[dist] warning: could not write {}", report_path.display());
        }
    }
    if corpus.articles.is_empty() {
        bail!(
            "no article could be ingested from {} (registry: {registry})",
            one_line(&corpus_dir.display().to_string(), 200)
        );
    }
    let layout = match args.layout.or_else(|| std::env::var("DATELINE_LAYOUT").ok().filter(|v| !v.is_empty())) {
        None => Layout::Auto,
        Some(v) => match v.as_str() {
            "auto" => Layout::Auto,
            "embedded" => Layout::Embedded,
            "split" => Layout::Split,
            other => bail!("DATELINE_LAYOUT={}: expected auto, embedded or split", one_line(other, 40)),
        },
    };
    // The bundle is only built when it may be used: a corpus whose text
    // alone is far past the threshold is split without building it.
    let text_bytes: usize =
        corpus.articles.iter().map(|a| a.title.len() + a.texts().map(str::len).sum::<usize>()).sum();
    let bundle = match layout {
        Layout::Split => None,
        Layout::Auto if text_bytes > 4 * dist::SPLIT_ABOVE => None,
        _ => {
            stages.start();
            let built = dateline_core::bundle::build(&corpus)?;
            stages.end("bundle");
            Some(built)
        }
    };
    let split = match (&bundle, layout) {
        (None, _) | (_, Layout::Split) => true,
        (Some(_), Layout::Embedded) => false,
        (Some((b, _)), _) => b.len() > dist::SPLIT_ABOVE,
    };

    let index_path = staging.join("index.html");
    let html = read_text(&index_path)?;
    let page = dist::read_trunk_page(&html)?;
    let wasm_path = staging.join(&page.wasm);
    let wasm = std::fs::read(&wasm_path).with_context(|| format!("reading {}", wasm_path.display()))?;
    stages.start();
    let (wasm, opt_note) = optimize(&wasm, &source)?;
    stages.end("wasm-opt");
    let (section, payload, layout_note, preloads) = if split {
        stages.start();
        let index = dateline_core::index::Index::build(&corpus);
        let index_s = stages.end("index");
        stages.start();
        let events = dateline_core::events::extract(&corpus);
        stages.end("events");
        report_unresolved(events.unresolved);
        let max_files = match args.max_files {
            Some(n) => n,
            None => match std::env::var("DATELINE_MAX_FILES").ok().filter(|v| !v.is_empty()) {
                Some(v) => v.trim().parse().map_err(|_| {
                    anyhow::anyhow!("DATELINE_MAX_FILES={}: expected a number of files (0: no limit)", one_line(&v, 40))
                })?,
                None => dist::MAX_FILES,
            },
        };
        let mut asked = dateline_core::split::WriteOptions::default();
        if let Some(n) = numbers(args.tiers.clone(), "DATELINE_TIERS", "tiers", &["MIN_DOCS", "HEAD"])? {
            asked.tier_min_docs = n[0].unwrap_or(asked.tier_min_docs);
            asked.tier_head = n[1].unwrap_or(asked.tier_head);
        }
        if let Some(n) = numbers(args.answers.clone(), "DATELINE_ANSWERS", "answers", &["MIN_BYTES", "TOP", "DEEP"])? {
            asked.answer_min_bytes = n[0].unwrap_or(asked.answer_min_bytes);
            asked.answer_top = n[1].unwrap_or(asked.answer_top);
            asked.answer_deep = n[2].unwrap_or(asked.answer_deep);
        }
        // Answers are as many whatever the chunk sizes: under a file limit,
        // at most a quarter of it (those of the words reading most), their
        // deeper hits' files included.
        if max_files > 0 {
            asked.answer_max = max_files / 4 / asked.answer_files_each();
        }
        // Every article's fragment length, the pair lists and the stored
        // answers, made once for the fitting and the writing.
        stages.start();
        let prepared = dateline_core::split::Prepared::new(&corpus, &index, &asked);
        stages.end("prepare");
        if let Some((pairs, bytes)) = prepared.pairs_held() {
            eprintln!("[dist] pair lists: {pairs} pairs, {:.1} MB held", bytes as f64 / 1e6);
        }
        let (answers, answer_bytes) = prepared.answer_words();
        let deeper = if asked.answer_files_each() == 2 {
            format!("; hits to {} for filtered queries", asked.answer_deep)
        } else {
            String::new()
        };
        eprintln!(
            "[dist] stored answers: {answers} words (their lists: {:.1} MB), {} hits ranked{deeper}",
            answer_bytes as f64 / 1e6,
            asked.answer_top
        );
        stages.start();
        let (opts, budget_note) = if max_files == 0 {
            (asked, "no file limit".to_string())
        } else {
            let fit = dateline_core::split::fit_file_budget(&corpus, &index, &events.file, asked, &prepared, max_files)
                .context("fitting the split layout into DATELINE_MAX_FILES")?;
            let note = if fit.widened() {
                // Only what was widened.
                let mut wider = Vec::new();
                if fit.opts.fragment_articles != asked.fragment_articles {
                    wider.push(format!(
                        "fragments of {} articles (not {})",
                        fit.opts.fragment_articles, asked.fragment_articles
                    ));
                }
                if fit.opts.postings_bytes != asked.postings_bytes {
                    wider.push(format!(
                        "posting chunks of {} (not {}), pair blocks of {} (not {})",
                        kb(fit.opts.postings_bytes),
                        kb(asked.postings_bytes),
                        kb(fit.opts.pair_block_bytes),
                        kb(asked.pair_block_bytes),
                    ));
                }
                format!(
                    "{} files would pass the limit of {max_files} (DATELINE_MAX_FILES): {}, so a cold query fetches \
                     more bytes",
                    fit.asked.total(),
                    wider.join(" and "),
                )
            } else {
                format!("within the limit of {max_files} files")
            };
            (fit.opts, note)
        };
        let widened = opts != asked;
        stages.end("file limit");
        stages.start();
        let dir = staging.join(dateline_core::split::DATA_DIR);
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        // Files go to disk as they are made.
        let (mut count, mut total, mut failed) = (0usize, 0usize, None);
        let mut largest = (0usize, String::new());
        let mut sizes = std::collections::HashMap::new();
        let mut sink = |name: String, bytes: Vec<u8>| {
            count += 1;
            total += bytes.len();
            if bytes.len() > largest.0 {
                largest = (bytes.len(), name.clone());
            }
            if name.starts_with("columns-") || name.starts_with("events-") {
                sizes.insert(name.clone(), bytes.len());
            }
            if failed.is_none() {
                if let Err(e) = write(&dir.join(&name), &bytes) {
                    failed = Some(e);
                }
            }
        };
        let manifest = dateline_core::split::write_prepared(&corpus, &index, &events.file, &opts, &prepared, &mut sink);
        drop(prepared);
        if let Some(e) = failed {
            return Err(e);
        }
        stages.end("split files");
        for warning in dist::host_warnings(total, largest.0, &largest.1, widened) {
            eprintln!("[dist] warning: {warning}");
        }
        let size_of = |name: &str| sizes.get(name).copied().unwrap_or(0);
        let note = format!(
            "split layout{}: {count} files in data/, {} (columns {}, events {}, {} dictionary chunks, {} posting chunks, {} fragments; {budget_note}; index built in {index_s:.1}s)",
            if layout == Layout::Auto { " (corpus above the threshold)" } else { "" },
            kb(total),
            kb(size_of(&manifest.columns)),
            kb(size_of(&manifest.events)),
            manifest.dict.len(),
            manifest.postings.count,
            manifest.fragments.count,
        );
        // The columns are fetched before anything shows: the page preloads
        // them while the wasm downloads.
        (dateline_core::split::MANIFEST_SECTION, manifest.to_json().into_bytes(), note, vec![manifest.columns.clone()])
    } else {
        let Some((bundle, stats)) = bundle else { bail!("the embedded layout needs the bundle") };
        report_unresolved(stats.unresolved_events);
        let note = format!(
            "embedded layout: bundle {} (corpus.json {}, index {}, texts {}, events {})",
            kb(bundle.len()),
            kb(stats.part_bytes[0]),
            kb(stats.part_bytes[1]),
            kb(stats.part_bytes[2]),
            kb(stats.part_bytes[3]),
        );
        (dateline_core::bundle::SECTION_NAME, bundle, note, Vec::new())
    };
    let with_corpus = dist::append_custom_section(&wasm, section, &payload)?;
    let wasm_name = format!("dateline-{}_bg.wasm", dist::content_tag(&with_corpus));
    write(&staging.join(&wasm_name), &with_corpus)?;
    if wasm_name != page.wasm {
        std::fs::remove_file(&wasm_path).with_context(|| format!("removing {}", wasm_path.display()))?;
    }
    let boot = dist::boot_script(&page.glue, &wasm_name);
    let boot_name = format!("boot-{}.js", dist::content_tag(boot.as_bytes()));
    write(&staging.join(&boot_name), boot.as_bytes())?;
    let mut served = dist::rewrite_served_page(
        &html,
        &page,
        (&boot_name, &dist::sri(boot.as_bytes())),
        (&wasm_name, &dist::sri(&with_corpus)),
    )?;
    if !preloads.is_empty() {
        let names: Vec<&str> = preloads.iter().map(String::as_str).collect();
        served = dist::add_data_preloads(&served, &names)?;
    }

    // The single-file build (the split layout cannot be one file).
    let single_note = if split {
        "not written (the split layout is many files: serve the folder)".to_string()
    } else {
        let css: Vec<String> = page.styles.iter().map(|s| read_text(&staging.join(s))).collect::<Result<_>>()?;
        let glue = read_text(&staging.join(&page.glue))?;
        let icon = std::fs::read_to_string(source.join("assets/favicon.svg")).ok();
        let single = dist::single_file(&SingleFileParts {
            html: &served,
            css: &css,
            glue: &glue,
            wasm: &with_corpus,
            icon_svg: icon.as_deref(),
        })?;
        if single.len() > dist::SINGLE_FILE_LIMIT {
            eprintln!(
                "[dist] warning: the single-file build would be {:.1} MB, over the {} MB limit browsers open \
                 reliably: dateline.html not written (serve dist/ instead)",
                single.len() as f64 / 1e6,
                dist::SINGLE_FILE_LIMIT >> 20
            );
            "not written (too large)".to_string()
        } else {
            write(&staging.join("dateline.html"), single.as_bytes())?;
            // The served app offers the single file for download.
            served = served.replacen(
                "</head>",
                "<meta name=\"dateline-single-file\" content=\"dateline.html\">\n</head>",
                1,
            );
            kb(single.len())
        }
    };
    write(&index_path, served.as_bytes())?;

    let count = |f: fn(&dateline_core::model::Disposition) -> bool| {
        corpus.report.inputs.iter().filter(|i| f(&i.disposition)).count()
    };
    use dateline_core::model::Disposition as D;
    eprintln!(
        "[dist] corpus {}: {} inputs: {} ingested, {} duplicates, {} rejected; {warnings} warnings (registry: {registry}){cache_note}; ingest {ingest_s:.1}s",
        one_line(&corpus.name, 80),
        corpus.report.inputs.len(),
        count(|d| matches!(d, D::Ingested { .. })),
        count(|d| matches!(d, D::Duplicate { .. })),
        count(|d| matches!(d, D::Rejected { .. })),
    );
    eprintln!(
        "[dist] {layout_note}; {opt_note}; {wasm_name} {}; dateline.html {single_note}; {:.1}s",
        kb(with_corpus.len()),
        started.elapsed().as_secs_f64()
    );
    // Time and peak memory of each stage: what a bigger corpus will need.
    eprintln!("[dist] stages: {}", stages.line());
    Ok(())
}

fn report_unresolved(n: usize) {
    if n > 0 {
        eprintln!("[dist] events lane: {n} year-less dates in articles without a publication date left unresolved");
    }
}

fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::numbers;

    /// `--answers MIN_BYTES[:TOP[:DEEP]]`: one to three numbers, the ones
    /// left out `None`; more, or anything else, an error naming the forms.
    #[test]
    fn number_options_take_one_to_all_of_their_numbers() {
        let names = ["MIN_BYTES", "TOP", "DEEP"];
        let env = "DATELINE_TEST_UNSET_NUMBERS";
        let got = |v: &str| numbers(Some(v.to_string()), env, "answers", &names);
        assert_eq!(got("48").unwrap(), Some(vec![Some(48), None, None]));
        assert_eq!(got("48:1024").unwrap(), Some(vec![Some(48), Some(1024), None]));
        assert_eq!(got(" 1:2:3 ").unwrap(), Some(vec![Some(1), Some(2), Some(3)]));
        assert_eq!(numbers(None, env, "answers", &names).unwrap(), None);
        for bad in ["1:2:3:4", "x", "1:", ":2", "1:-2"] {
            let e = got(bad).expect_err(bad).to_string();
            assert!(e.contains("MIN_BYTES:TOP:DEEP"), "{bad}: {e}");
        }
    }
}
