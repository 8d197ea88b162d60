//! Ingest in shards (`ingest --shard I/N`), merged by the build: the same
//! corpus and the same split-layout bytes as a single-machine build, and
//! clear errors for a missing, unfinished, damaged or mismatched shard.

use dateline_tools::shard::{merge_today, prepare_shard};
use dateline_tools::{ingest_paths_with, Ingested};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dateline-shard-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// The seeds, a JSONL file of three records (one duplicate of a seed's
/// text, one without text), and an unsupported file.
fn corpus(name: &str) -> PathBuf {
    let dir = temp(name);
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus/articles");
    let mut first_text = String::new();
    for e in std::fs::read_dir(from).expect("corpus/articles") {
        let p = e.expect("entry").path();
        if first_text.is_empty() {
            first_text = std::fs::read_to_string(&p).expect("text");
        }
        std::fs::copy(&p, dir.join(p.file_name().expect("name"))).expect("copy");
    }
    let records = [
        serde_json::json!({"title": "Talks in Moscow", "outlet": "TASS", "date": "2021-01-11",
            "text": "The leaders of Russia, Azerbaijan and Armenia met in Moscow on Monday and talked for four hours.\n\nThey discussed transport links across the region and the return of refugees to their homes.\n\nA joint statement was signed at the end of the meeting."}),
        serde_json::json!({"title": "A copy", "text": first_text}),
        serde_json::json!({"title": "No text"}),
    ];
    let jsonl: String = records.iter().map(|r| format!("{r}\n")).collect();
    std::fs::write(dir.join("more.jsonl"), jsonl).expect("write");
    std::fs::write(dir.join("notes.docx"), b"PK").expect("write");
    dir
}

/// Every split-layout file of a corpus, and its manifest.
fn split_files(run: &Ingested) -> BTreeMap<String, Vec<u8>> {
    let corpus = &run.corpus;
    let index = dateline_core::index::Index::build(corpus);
    let events = dateline_core::events::extract(corpus);
    let mut files = BTreeMap::new();
    let manifest =
        dateline_core::split::write_to(corpus, &index, &events.file, &Default::default(), &mut |name, bytes| {
            files.insert(name, bytes);
        });
    files.insert("manifest".into(), manifest.to_json().into_bytes());
    files
}

#[test]
fn merged_shards_make_the_single_build_byte_for_byte() {
    let dir = corpus("corpus-merge");
    let quiet = |_: u64, _: u64| {};
    let single = ingest_paths_with(std::slice::from_ref(&dir), None, &quiet).expect("ingest");
    assert_eq!(single.corpus.report.inputs.len(), 9, "5 seeds, 3 records, 1 unsupported file");
    let single_files = split_files(&single);
    for of in [1, 2, 3, 7] {
        // Made in reverse order and given in reverse order: neither matters.
        let dirs: Vec<PathBuf> = (0..of).rev().map(|i| temp(&format!("s{of}-{i}"))).collect();
        for (k, out) in dirs.iter().enumerate() {
            let shard = of - 1 - k;
            let m = prepare_shard(std::slice::from_ref(&dir), None, (shard, of), out, &quiet).expect("shard");
            assert_eq!((m.shard, m.of, m.entries), (shard, of, 7), "7 files");
        }
        let merged = merge_today(&dirs, None, std::slice::from_ref(&dir)).expect("merge");
        assert_eq!(merged.corpus, single.corpus, "{of} shards");
        assert!(split_files(&merged) == single_files, "{of} shards: split files differ");
        for d in dirs {
            let _ = std::fs::remove_dir_all(d);
        }
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn missing_unfinished_damaged_or_mismatched_shards_are_named() {
    let dir = corpus("corpus-bad");
    let quiet = |_: u64, _: u64| {};
    let dirs: Vec<PathBuf> = (0..3).map(|i| temp(&format!("bad-{i}"))).collect();
    for (i, out) in dirs.iter().enumerate() {
        prepare_shard(std::slice::from_ref(&dir), None, (i, 3), out, &quiet).expect("shard");
    }
    let err =
        |dirs: &[PathBuf]| format!("{:#}", merge_today(dirs, None, std::slice::from_ref(&dir)).expect_err("refused"));

    assert!(err(&dirs[..2]).contains("expected each of 0..3 once"), "{}", err(&dirs[..2]));
    let twice = [dirs[0].clone(), dirs[0].clone(), dirs[1].clone()];
    assert!(err(&twice).contains("expected each of 0..3 once"));

    // A shard of another split of the same inputs.
    let other = temp("other");
    prepare_shard(std::slice::from_ref(&dir), None, (1, 2), &other, &quiet).expect("shard");
    let mixed = [dirs[0].clone(), other.clone(), dirs[2].clone()];
    assert!(err(&mixed).contains("number of shards"), "{}", err(&mixed));

    // Another outlet registry than the shards were made with.
    let with_outlets = temp("with-outlets");
    std::fs::write(with_outlets.join("outlets.toml"), "[[outlet]]\nkey = \"x\"\nname = \"X News\"\n").expect("write");
    let e = format!("{:#}", merge_today(&dirs, None, std::slice::from_ref(&with_outlets)).expect_err("refused"));
    assert!(e.contains("another outlet registry"), "{e}");

    // A damaged prepared file is named.
    let victim = std::fs::read_dir(&dirs[1])
        .expect("shard dir")
        .map(|e| e.expect("entry").path())
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("entry-")))
        .expect("an entry file");
    std::fs::write(&victim, b"{\"version\":1").expect("damage");
    let e = err(&dirs);
    assert!(e.contains(&victim.display().to_string()) && e.contains("damaged"), "{e}");

    // An unfinished shard (no manifest).
    for e in std::fs::read_dir(&dirs[2]).expect("dir") {
        let p = e.expect("entry").path();
        if p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("shard-")) {
            std::fs::remove_file(p).expect("remove");
        }
    }
    assert!(err(&dirs).contains("no shard manifest"));

    for d in dirs.into_iter().chain([other, with_outlets, dir]) {
        let _ = std::fs::remove_dir_all(d);
    }
}
