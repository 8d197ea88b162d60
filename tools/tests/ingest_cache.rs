//! The build's ingest cache (`PrepareCache`): a rebuild takes unchanged
//! files from the cache, extracts changed ones, and makes exactly the
//! corpus an uncached ingest makes.

use dateline_tools::{ingest_paths_cached, ingest_paths_with};
use std::path::{Path, PathBuf};

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dateline-cache-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn copy_seeds(to: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus/articles");
    for e in std::fs::read_dir(from).expect("corpus/articles") {
        let p = e.expect("entry").path();
        std::fs::copy(&p, to.join(p.file_name().expect("name"))).expect("copy");
    }
}

fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for sub in std::fs::read_dir(dir).expect("cache dir") {
        for e in std::fs::read_dir(sub.expect("entry").path()).expect("cache subdir") {
            out.push(e.expect("entry").path());
        }
    }
    out
}

#[test]
fn a_rebuild_extracts_only_changed_files_and_makes_the_same_corpus() {
    let corpus = temp("corpus");
    let cache = temp("cache");
    copy_seeds(&corpus);
    let paths = [corpus.clone()];
    let quiet = |_: u64, _: u64| {};

    let first = ingest_paths_cached(&paths, None, Some(&cache), &quiet).expect("ingest");
    assert_eq!(first.cached, Some((0, 5)));
    assert_eq!(entries(&cache).len(), 5);
    let again = ingest_paths_cached(&paths, None, Some(&cache), &quiet).expect("ingest");
    assert_eq!(again.cached, Some((5, 0)));
    assert_eq!(again.corpus, first.corpus);

    // One changed file, one damaged cache entry: both are extracted again.
    let changed = std::fs::read_dir(&corpus).expect("corpus").next().expect("a file").expect("entry").path();
    let mut text = std::fs::read_to_string(&changed).expect("text");
    text.push_str("\n\nA paragraph added after the first build, long enough to be kept as part of the article body.\n");
    std::fs::write(&changed, text).expect("write");
    let damaged = entries(&cache).into_iter().next().expect("an entry");
    std::fs::write(&damaged, b"{\"version\":1,\"prepared\":").expect("damage");
    let third = ingest_paths_cached(&paths, None, Some(&cache), &quiet).expect("ingest");
    let (hits, misses) = third.cached.expect("cached run");
    assert_eq!(hits + misses, 5);
    assert!(
        misses == 1 || misses == 2,
        "the changed file and (unless it was the changed file's) the damaged entry: {misses}"
    );
    let uncached = ingest_paths_with(&paths, None, &quiet).expect("ingest");
    assert_eq!(third.corpus, uncached.corpus);

    let _ = std::fs::remove_dir_all(&corpus);
    let _ = std::fs::remove_dir_all(&cache);
}
