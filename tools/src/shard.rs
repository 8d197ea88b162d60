//! Ingest in shards, merged into one corpus: the extraction of a large
//! crawl spread over machines or CI jobs.
//!
//! Extraction (decoding, parsing, the text passes) is per file and needs no
//! shared state, so it is what shards: `ingest --shard I/N --prepared-out
//! DIR FOLDER...` lists the inputs exactly as a whole build does (sorted by
//! path), takes every N-th one starting at I, and writes each as a
//! prepared file (the stored form of [`Prepared`]: JSON Lines, a version
//! line then one line per part, written as the parts are made, see
//! [`crate::stream`]) named by its place in the listing
//! (`entry-000000042.jsonl`), plus a manifest `shard-I-of-N.json`:
//!
//! ```json
//! { "version": 2, "shard": 0, "of": 2, "name": "corpus", "entries": 10,
//!   "listing": "<sha256 of the listed names>", "registry": "<sha256 of the outlets>",
//!   "skipped": [] }
//! ```
//!
//! [`merge`] reads the N folders (any order), checks that they are the N
//! shards of one listing made with the same outlet registry, and adds the
//! prepared files in listing order to one [`Ingester`]: deduplication,
//! outlet identity and everything after it run once, on the whole corpus,
//! so the merged corpus (and the split index built from it) is the same,
//! byte for byte, as a single-machine build. Index construction runs on
//! the merging machine ([`dateline_core::index::IndexBuilder`] streams: its
//! memory is about the encoded index).
//!
//! Set `DATELINE_SHARDS=dir0:dir1:...` for the build (`dist`) to merge
//! shards instead of ingesting `DATELINE_CORPUS` (whose `outlets.toml`, if
//! any, is still the registry).

use crate::stream::{read_parts, PartsWriter};
use crate::{
    corpus_name, list_entries, load_registry, prepare_in_order, registry_fingerprint, today, Ingested, Outcome,
};
use anyhow::{bail, Context, Result};
use dateline_core::ingest::registry::Registry;
use dateline_core::ingest::{Ingester, Options, Prepared};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The version of the manifest and of the folder's layout. Version 2:
/// entries are JSON Lines of parts (`entry-N.jsonl`).
pub const SHARD_VERSION: u32 = 2;

/// The manifest of one shard folder.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Manifest {
    /// [`SHARD_VERSION`].
    pub version: u32,
    /// This shard's number, from 0.
    pub shard: usize,
    /// How many shards.
    pub of: usize,
    /// The corpus name (the first folder's name).
    pub name: String,
    /// Entries in the whole listing.
    pub entries: usize,
    /// SHA-256 of the whole listing's names.
    pub listing: String,
    /// SHA-256 of the registry's outlets.
    pub registry: String,
    /// Hidden and configuration entries left out of the listing.
    pub skipped: Vec<String>,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn registry_hash(registry: &Registry) -> String {
    hex(&registry_fingerprint(registry))
}

fn entry_file(dir: &Path, i: usize) -> PathBuf {
    dir.join(format!("entry-{i:09}.jsonl"))
}

fn manifest_file(dir: &Path, shard: usize, of: usize) -> PathBuf {
    dir.join(format!("shard-{shard}-of-{of}.json"))
}

/// Parses `I/N` (shard I of N, I < N).
pub fn parse_shard(s: &str) -> Result<(usize, usize)> {
    let (i, n) = s.split_once('/').context("expected I/N, e.g. 0/4")?;
    let (i, n): (usize, usize) = (i.trim().parse().context("shard number")?, n.trim().parse().context("shard count")?);
    if n == 0 || i >= n {
        bail!("shard {i}/{n}: expected 0 <= I < N");
    }
    Ok((i, n))
}

/// Prepares shard `shard` of `of` of the inputs under `paths` into `out`
/// (see the module docs). Returns its manifest.
pub fn prepare_shard(
    paths: &[PathBuf],
    registry: Option<&Path>,
    (shard, of): (usize, usize),
    out: &Path,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Result<Manifest> {
    let dirs: Vec<PathBuf> = paths.iter().filter(|p| p.is_dir()).cloned().collect();
    let (reg, _) = load_registry(registry, &dirs)?;
    let listing = list_entries(paths);
    let mut h = Sha256::new();
    for e in &listing.entries {
        h.update((e.name.len() as u64).to_le_bytes());
        h.update(e.name.as_bytes());
    }
    let name = corpus_name(paths);
    let manifest = Manifest {
        version: SHARD_VERSION,
        shard,
        of,
        name,
        entries: listing.entries.len(),
        listing: hex(&h.finalize()),
        registry: registry_hash(&reg),
        skipped: listing.skipped,
    };
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let mine: Vec<usize> = (shard..listing.entries.len()).step_by(of).collect();
    let entries: Vec<crate::Entry> = mine.iter().map(|&i| listing.entries[i].clone()).collect();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut failed: Option<anyhow::Error> = None;
    // The entry being written, a part at a time.
    let mut writing: Option<PartsWriter> = None;
    prepare_in_order(&entries, &reg, threads, None, progress, &mut |k, outcome, last| {
        let prepared = match outcome {
            Outcome::Prepared(p) => p,
            Outcome::Rejected(reason) => Prepared::rejection(&entries[k].name, &reason),
        };
        if failed.is_some() {
            return;
        }
        let w = writing.get_or_insert_with(|| PartsWriter::create(&entry_file(out, mine[k])));
        w.write(&prepared);
        if last {
            if let Some(w) = writing.take() {
                if let Err(e) = w.finish(true) {
                    failed = Some(anyhow::anyhow!(e));
                }
            }
        }
    });
    if let Some(e) = failed {
        return Err(e);
    }
    // The manifest last: a folder without it is an unfinished shard.
    let path = manifest_file(out, shard, of);
    std::fs::write(&path, serde_json::to_vec_pretty(&manifest)?)
        .with_context(|| format!("writing {}", path.display()))?;
    Ok(manifest)
}

/// Reads the manifest of a shard folder.
fn read_manifest(dir: &Path) -> Result<Manifest> {
    let mut found = Vec::new();
    for e in std::fs::read_dir(dir).with_context(|| format!("reading shard folder {}", dir.display()))? {
        let name = e?.file_name().to_string_lossy().into_owned();
        if name.starts_with("shard-") && name.ends_with(".json") {
            found.push(name);
        }
    }
    match found.as_slice() {
        [one] => {
            let path = dir.join(one);
            let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
            let m: Manifest =
                serde_json::from_slice(&bytes).with_context(|| format!("{}: not a shard manifest", path.display()))?;
            if m.version != SHARD_VERSION {
                bail!("{}: shard format version {}, this build reads {SHARD_VERSION}", path.display(), m.version);
            }
            if manifest_file(dir, m.shard, m.of) != path {
                bail!("{}: the manifest names shard {}/{}", path.display(), m.shard, m.of);
            }
            Ok(m)
        }
        [] => bail!("{}: no shard manifest (shard-I-of-N.json): an unfinished or missing shard", dir.display()),
        _ => bail!("{}: several shard manifests ({})", dir.display(), found.join(", ")),
    }
}

/// Merges shard folders into one corpus (see the module docs), with the
/// registry found as for a whole build (`registry`, else `outlets.toml` in
/// `corpus_dirs`, else the built-in one): it must be the one the shards
/// were made with.
pub fn merge(
    shard_dirs: &[PathBuf],
    registry: Option<&Path>,
    corpus_dirs: &[PathBuf],
    options: Options,
) -> Result<Ingested> {
    let (reg, reg_source) = load_registry(registry, corpus_dirs)?;
    let mut shards: Vec<(Manifest, PathBuf)> =
        shard_dirs.iter().map(|d| read_manifest(d).map(|m| (m, d.clone()))).collect::<Result<_>>()?;
    shards.sort_by_key(|(m, _)| m.shard);
    let Some((first, _)) = shards.first().cloned() else { bail!("no shard folders given") };
    for (m, dir) in &shards {
        let what = |field: &str| {
            format!(
                "{}: shard {}/{} differs from shard {}/{} in {field}",
                dir.display(),
                m.shard,
                m.of,
                first.shard,
                first.of
            )
        };
        if m.of != first.of {
            bail!(what("the number of shards"));
        }
        if (m.entries, &m.listing, &m.name) != (first.entries, &first.listing, &first.name) {
            bail!(what("the input listing (made from other files?)"));
        }
        if m.registry != first.registry {
            bail!(what("the outlet registry"));
        }
    }
    let numbers: Vec<usize> = shards.iter().map(|(m, _)| m.shard).collect();
    if numbers != (0..first.of).collect::<Vec<_>>() {
        bail!("shards given: {numbers:?}; expected each of 0..{} once", first.of);
    }
    if first.registry != registry_hash(&reg) {
        bail!(
            "the shards were made with another outlet registry than this build's ({reg_source}): use the same outlets.toml"
        );
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut ingester = Ingester::new(&reg, &first.name, options);
    for i in 0..first.entries {
        let (_, dir) = &shards[i % first.of];
        let path = entry_file(dir, i);
        let mut pending = Prepared::default();
        for part in read_parts(&path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))? {
            pending.append(part);
            crate::add_in_batches(&mut ingester, &mut pending, false, threads);
        }
        crate::add_in_batches(&mut ingester, &mut pending, true, threads);
    }
    Ok(Ingested { corpus: ingester.finish(), registry: reg_source, skipped: first.skipped, cached: None })
}

/// [`merge`] with today's date (as a whole build uses).
pub fn merge_today(shard_dirs: &[PathBuf], registry: Option<&Path>, corpus_dirs: &[PathBuf]) -> Result<Ingested> {
    merge(shard_dirs, registry, corpus_dirs, Options { today: today() })
}
