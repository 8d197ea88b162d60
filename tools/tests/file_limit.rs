//! The `dist` binary keeps a split corpus within a static host's file
//! limit (`--max-files`, `DATELINE_MAX_FILES`): wider fragments when the
//! default chunk sizes would make too many files, a clear error when no
//! chunk sizes can.

mod common;

use common::fake_trunk_output;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A corpus of `n` short dated articles with distinct words.
fn corpus(tag: &str, n: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dateline-file-limit-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("corpus dir");
    for i in 0..n {
        let text = format!(
            "---\noutlet: TASS\ndate: 2023-{:02}-{:02}\n---\nTalks number {i} in Moscow on corridor{i}\n\n\
             The leaders met in Moscow for talks number {i} on transport links, corridor{i} and refugees.\n\n\
             They agreed to meet again after the working group number {i} reports on railways{i}.\n",
            1 + i % 12,
            1 + i % 28
        );
        std::fs::write(dir.join(format!("a{i:03}.txt")), text).expect("write");
    }
    dir
}

fn dist(corpus: &Path, staging: &Path, max_files: &str) -> Output {
    let _ = std::fs::remove_dir_all(staging);
    fake_trunk_output(staging);
    let source = staging.with_extension("source");
    std::fs::create_dir_all(&source).expect("source dir");
    Command::new(env!("CARGO_BIN_EXE_dist"))
        .args(["--corpus".as_ref(), corpus.as_os_str(), "--staging".as_ref(), staging.as_os_str()])
        .arg("--source")
        .arg(&source)
        .args(["--layout", "split", "--max-files", max_files])
        .env("DATELINE_INGEST_CACHE", "0")
        .output()
        .expect("dist runs")
}

fn data_files(staging: &Path) -> usize {
    std::fs::read_dir(staging.join("data")).expect("data/").count()
}

#[test]
fn dist_widens_fragments_to_stay_within_the_file_limit() {
    let dir = corpus("fit", 120);
    let staging = dir.with_extension("staging");

    let out = dist(&dir, &staging, "0");
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("no file limit"), "{stderr}");
    let unlimited = data_files(&staging);
    assert!(unlimited > 60, "two articles a fragment: {unlimited} files");

    let limit = unlimited / 2;
    let out = dist(&dir, &staging, &limit.to_string());
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "{stderr}");
    let written = data_files(&staging);
    assert!(written <= limit, "{written} files, limit {limit}");
    assert!(
        stderr.contains(&format!("{unlimited} files would pass the limit of {limit} (DATELINE_MAX_FILES)")),
        "{stderr}"
    );
    // Every stage's time and the peak memory after it, in order (what a
    // million-article build needs is printed by the build).
    let stages = stderr.lines().find(|l| l.starts_with("[dist] stages: ")).expect("a stages line");
    let names: Vec<&str> =
        stages["[dist] stages: ".len()..].split(", ").map(|s| s.split(' ').next().unwrap_or("")).collect();
    assert_eq!(names, ["ingest", "wasm-opt", "index", "events", "prepare", "file", "split"], "{stages}");
    if cfg!(target_os = "linux") {
        assert_eq!(stages.matches(" GB)").count(), 7, "{stages}");
    }

    // Below the files that cannot shrink: an error naming the limit.
    let out = dist(&dir, &staging, "4");
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("more than the limit of 4"), "{stderr}");
    assert!(stderr.contains("DATELINE_MAX_FILES"), "{stderr}");

    for d in [dir, staging.with_extension("source"), staging] {
        let _ = std::fs::remove_dir_all(d);
    }
}
