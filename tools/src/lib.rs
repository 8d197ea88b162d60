//! I/O around `dateline-core` shared by the command-line tools and the
//! app's build script: walking corpus folders, loading the outlet registry,
//! printing the ingest report.

use anyhow::{Context, Result};
use dateline_core::ingest::{ingest_with, registry::Registry, InputFile, Options};
use dateline_core::model::Date;
use dateline_core::model::{Corpus, DatePrecision, Disposition, EvidenceKind};
use std::path::{Path, PathBuf};

/// The registry shipped with Dateline: the generated news outlets
/// extended by `corpus/outlets.toml` (see `Registry::builtin`).
pub fn default_registry() -> Result<Registry> {
    Registry::builtin().context("the built-in outlet registry")
}

/// File names inside a corpus folder that are configuration, not articles.
const NOT_ARTICLES: &[&str] = &["outlets.toml", "README.md", "README.txt", "LICENSE"];

/// Every file under `paths` (folders walked recursively, hidden entries and
/// configuration files skipped), sorted by path for stable ids.
pub fn list_inputs(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out).with_context(|| format!("reading folder {}", p.display()))?;
        } else if p.exists() {
            out.push(p.clone());
        } else {
            anyhow::bail!("{}: no such file or folder", p.display());
        }
    }
    out.sort();
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') || NOT_ARTICLES.contains(&name) {
            continue;
        }
        if path.is_dir() {
            walk(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// Reads the inputs; paths in the report are relative to `base` when under it.
pub fn read_inputs(files: &[PathBuf], base: Option<&Path>) -> Result<Vec<InputFile>> {
    files
        .iter()
        .map(|f| {
            let bytes = std::fs::read(f).with_context(|| format!("reading {}", f.display()))?;
            let rel = base.and_then(|b| f.strip_prefix(b).ok()).unwrap_or(f);
            Ok(InputFile { path: rel.to_string_lossy().replace('\\', "/"), bytes })
        })
        .collect()
}

/// The registry for a corpus: the built-in registry, extended by the
/// explicit file or else by `<folder>/outlets.toml` when the folder has one
/// (an outlet with a known key or domain replaces the built-in one).
pub fn load_registry(explicit: Option<&Path>, corpus_dirs: &[PathBuf]) -> Result<(Registry, String)> {
    let found = explicit
        .map(Path::to_path_buf)
        .or_else(|| corpus_dirs.iter().map(|d| d.join("outlets.toml")).find(|p| p.is_file()));
    let mut reg = default_registry()?;
    match found {
        Some(p) => {
            let text = std::fs::read_to_string(&p).with_context(|| format!("reading {}", p.display()))?;
            let own = Registry::from_toml(&text).with_context(|| format!("in {}", p.display()))?;
            reg.extend(own);
            Ok((reg, format!("built-in registry extended by {}", p.display())))
        }
        None => Ok((reg, "built-in registry".into())),
    }
}

/// Today's date from the system clock (UTC).
pub fn today() -> Option<Date> {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    Some(Date::from_days_since_epoch((secs / 86_400) as i64))
}

/// Ingests files and folders into a corpus named after the first folder.
pub fn ingest_paths(paths: &[PathBuf], registry: Option<&Path>) -> Result<(Corpus, String)> {
    ingest_paths_with_progress(paths, registry, &mut |_, _| {})
}

/// [`ingest_paths`] with a progress callback `(done, total)`.
pub fn ingest_paths_with_progress(
    paths: &[PathBuf],
    registry: Option<&Path>,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<(Corpus, String)> {
    let dirs: Vec<PathBuf> = paths.iter().filter(|p| p.is_dir()).cloned().collect();
    let (reg, reg_source) = load_registry(registry, &dirs)?;
    let files = list_inputs(paths)?;
    let base = if paths.len() == 1 && paths[0].is_dir() { Some(paths[0].as_path()) } else { None };
    let inputs = read_inputs(&files, base)?;
    let name = paths
        .first()
        .and_then(|p| std::fs::canonicalize(p).ok())
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "corpus".into());
    Ok((ingest_with(&inputs, &reg, &name, &Options { today: today() }, progress), reg_source))
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}

/// Renders the extraction table and every warning, as the CLI prints it.
pub fn report_table(corpus: &Corpus) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "{:<24} {:<12} {:<17} {:<10} {:<18} title", "input", "outlet", "date", "precision", "author");
    for input in &corpus.report.inputs {
        match &input.disposition {
            Disposition::Ingested { id } => {
                if let Some(a) = corpus.articles.iter().find(|a| &a.id == id) {
                    let date = match (a.date.date, a.date.time) {
                        (Some(d), Some(t)) => format!("{} {:02}:{:02}", d.iso(), t.hour, t.minute),
                        (Some(d), None) => d.iso(),
                        _ => "—".into(),
                    };
                    let precision = match a.date.precision {
                        DatePrecision::ExactTime => "time",
                        DatePrecision::Day => "day",
                        DatePrecision::YearInferred => "year-infer",
                        DatePrecision::Unknown => "unknown",
                    };
                    let _ = writeln!(
                        out,
                        "{:<24} {:<12} {:<17} {:<10} {:<18} {}",
                        truncate(&input.input, 24),
                        a.outlet.as_deref().unwrap_or("?"),
                        date,
                        precision,
                        truncate(a.author.as_deref().unwrap_or("—"), 18),
                        truncate(&a.title, 60)
                    );
                }
            }
            Disposition::Duplicate { of } => {
                let similarity = corpus
                    .articles
                    .iter()
                    .find(|a| &a.id == of)
                    .and_then(|a| a.duplicates.iter().find(|d| d.input == input.input))
                    .map_or(String::new(), |d| format!(" ({}% of its text)", d.similarity));
                let _ = writeln!(out, "{:<24} duplicate of {of}{similarity}", truncate(&input.input, 24));
            }
            Disposition::Rejected { reason } => {
                let _ = writeln!(out, "{:<24} REJECTED: {reason}", truncate(&input.input, 24));
            }
        }
    }
    let warnings: Vec<String> = corpus
        .report
        .inputs
        .iter()
        .flat_map(|i| i.warnings.iter().map(move |w| format!("warning: {}: {w}", i.input)))
        .collect();
    for w in &warnings {
        let _ = writeln!(out, "{w}");
    }
    // How each outlet was identified, strongest evidence first, and how
    // many articles are reprints of another outlet's story.
    let kinds: Vec<String> = EvidenceKind::ALL
        .iter()
        .map(|k| (k, corpus.articles.iter().filter(|a| a.provenance.outlet_evidence == *k).count()))
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| format!("{} {n}", k.label()))
        .collect();
    let reprints = corpus.articles.iter().filter(|a| a.original_source.is_some()).count();
    let _ = writeln!(out, "outlet evidence: {}; original source credited: {reprints}", kinds.join(", "));
    let count = |f: fn(&Disposition) -> bool| corpus.report.inputs.iter().filter(|i| f(&i.disposition)).count();
    let _ = writeln!(
        out,
        "{} inputs: {} ingested, {} duplicates, {} rejected; {} warnings",
        corpus.report.inputs.len(),
        count(|d| matches!(d, Disposition::Ingested { .. })),
        count(|d| matches!(d, Disposition::Duplicate { .. })),
        count(|d| matches!(d, Disposition::Rejected { .. })),
        warnings.len()
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_core::ingest::ingest;

    #[test]
    fn report_counts_outlets_per_evidence_kind_and_shows_merges() {
        let body = "The council approved the harbour plan on Tuesday after a long debate that went on into the night.\n\n\
                    The plan moves the ferry terminal two kilometres east and adds a cycle path along the waterfront.\n\n\
                    Opponents said the cost had doubled since the first draft and asked for a referendum on it.\n";
        let other = "The mayor opened the new bridge on Friday after three years of work and a long legal dispute.\n\n\
                     The bridge carries trams, bicycles and pedestrians but no cars, which angered local shop owners.\n\n\
                     Traffic on the old crossing fell by half in the first week, the city transport office said.\n";
        let tass = format!("Harbour plan\n\nSOCHI, May 5. /TASS/. {body}");
        let files = [
            InputFile { path: "a.txt".into(), bytes: tass.clone().into_bytes() },
            InputFile { path: "b.txt".into(), bytes: tass.into_bytes() },
            InputFile {
                path: "c.txt".into(),
                bytes: format!("Bridge opens\n\nBERLIN (Reuters) - {other}").into_bytes(),
            },
        ];
        let corpus = ingest(&files, &default_registry().expect("registry"), "t");
        let table = report_table(&corpus);
        assert!(
            table.contains("outlet evidence: registry signature 1, no evidence 1; original source credited: 1"),
            "{table}"
        );
        assert!(table.contains("duplicate of a (100% of its text)"), "{table}");
        assert!(table.contains("3 inputs: 2 ingested, 1 duplicates, 0 rejected"), "{table}");
    }
}
