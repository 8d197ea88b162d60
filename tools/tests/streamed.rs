//! JSON Lines and CSV files read in blocks and prepared in parts (the
//! `stream` module): the corpus is the one the core makes of the same files
//! read whole, with the cache and without, whatever the block size; the
//! cache stores the parts and a rebuild takes them back.

use dateline_core::ingest::{ingest_with, registry::Registry, InputFile, Options};
use dateline_core::model::Corpus;
use dateline_tools::{ingest_entries, ingest_paths_cached, list_entries, stream::BLOCK_SIZE};
use std::path::Path;
use std::sync::atomic::Ordering;

const SEED: &str = include_str!("../../corpus/articles/000_cb703be335ef0dfb.txt");

/// A folder of inputs read in blocks (JSON Lines with CRLF, blank and
/// broken lines; CSV with a multi-line field, an unbalanced quote and a
/// short row; a UTF-8 file with a byte order mark), decoded in blocks as
/// decided on the whole file (Latin-1 CSV, Windows-1251 JSON Lines, a UTF-8
/// CSV file with bad lines) and read whole (a text file, a JSON Lines file
/// of blank lines).
fn fixture(dir: &Path) {
    let mut jsonl = String::new();
    for n in 0..120 {
        // Records 3, 9, 15... copy the text of the record before the last.
        let t = if n % 6 == 3 { n - 2 } else { n };
        let line = match n % 6 {
            0 | 1 | 3 => serde_json::json!({
                "title": format!("Report number {n} on the talks"),
                "outlet": if n % 2 == 0 { "TASS" } else { "RT" },
                "date": format!("2021-01-{:02}", 1 + n % 28),
                "text": format!("Record {t}: the leaders of Russia, Azerbaijan and Armenia met in Moscow (Ünal, Пашинян). \
                                 Meeting {t} discussed transport link {} and the peacekeepers in sector {}.\n\n\
                                 A second paragraph about corridor {} for record {t}, long enough to count.", t * 7, t * 13, t * 3),
            })
            .to_string(),
            2 => "{\"title\": \"broken".to_string(),
            4 => String::new(),
            _ => serde_json::json!({"title": format!("No text {n}")}).to_string(),
        };
        jsonl.push_str(&line);
        jsonl.push_str(if n % 2 == 0 { "\r\n" } else { "\n" });
    }
    std::fs::write(dir.join("a-records.jsonl"), jsonl).expect("write");
    let body = "The statement on transport links was signed in Moscow after long talks between the three leaders.";
    let csv = format!(
        "title,outlet,date,text\nA statement,RT,2021-01-12,\"{body}\nIt sets up a working group.\"\n\
         \"Broken,RT,2021-01-12,{body}\nShort,RT\nLast word,TASS,2021-01-13,\"{body} The end, said Ünal.\"\n"
    );
    std::fs::write(dir.join("b-rows.csv"), csv).expect("write");
    let mut bom = "\u{feff}".as_bytes().to_vec();
    bom.extend_from_slice(
        serde_json::json!({"title": "With a mark", "outlet": "TASS", "text": format!("Marked copy, first paragraph: {body}\n\nA second paragraph of its own, about the border crossings and the customs posts on the new road.")})
            .to_string()
            .as_bytes(),
    );
    std::fs::write(dir.join("c-bom.jsonl"), bom).expect("write");
    let latin1 = format!("title,text\nCafé talks,\"{body} Le café était plein, déjà.\"\n");
    let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(&latin1);
    std::fs::write(dir.join("d-latin1.csv"), latin1).expect("write");
    std::fs::write(dir.join("e-seed.txt"), SEED).expect("write");
    std::fs::write(dir.join("f-blank.jsonl"), "\n \n").expect("write");
    // A JSON array (read an element at a time), an object holding one and
    // a broken array (both read whole).
    let items: Vec<serde_json::Value> = (0..30)
        .map(|n| match n % 3 {
            2 => serde_json::json!({"title": format!("Only a title {n}")}),
            _ => serde_json::json!({
                "title": format!("Item {n}, [from] {{the}} spider"),
                "source": "TASS",
                "text": format!("Item {n} of the crawl: talks on corridor {} and border post {} went on, \"officials\" said.\n\n\
                                 A second paragraph on the customs rules for crossing {} and its {} trucks.", n * 11, n * 17, n * 5, n * 23),
            }),
        })
        .collect();
    let array = serde_json::to_string_pretty(&items).expect("json");
    std::fs::write(dir.join("g-items.json"), &array).expect("write");
    std::fs::write(
        dir.join("h-wrapped.json"),
        format!("{{\"articles\": {}}}", serde_json::to_string(&items[..4]).expect("json")),
    )
    .expect("write");
    std::fs::write(dir.join("i-broken.json"), &array[..array.len() / 2]).expect("write");
    // Not plain UTF-8, so decoded a block at a time as decided on the whole
    // file: Windows-1251 JSON Lines, and a UTF-8 CSV file with seven lines
    // holding a Latin-1 byte (repaired line by line).
    let cyrillic: String = (0..6)
        .map(|n| {
            serde_json::json!({
                "title": format!("Переговоры, раунд {n}"),
                "outlet": "TASS",
                "text": format!("Лидеры России, Азербайджана и Армении встретились в Москве, раунд {n}. \
                                 Обсуждались транспортные коридоры {} и миротворцы в секторе {}.\n\n\
                                 Второй абзац о таможенных постах на дороге {} и о грузовиках {}.", n * 7, n * 13, n * 5, n * 3),
            })
            .to_string()
                + "\n"
        })
        .collect();
    std::fs::write(dir.join("j-cp1251.jsonl"), encoding_rs::WINDOWS_1251.encode(&cyrillic).0).expect("write");
    let mut mixed = b"title,outlet,text\n".to_vec();
    for n in 0..12 {
        // Rows 0, 4, 8: no other non-ASCII text, so the stray byte is read
        // as Latin-1 (`café`); the others' becomes U+FFFD.
        let names = if n % 4 == 0 { "Pashinyan and Aliyev" } else { "Paşinyan and Əliyev" };
        let text = format!(
            "{body} Row {n}.\n\nA second paragraph, on the customs rules at crossing {} and its {} trucks, said {names}",
            n * 3,
            n * 19
        );
        mixed.extend_from_slice(format!("Row {n} talks,RT,\"{text}").as_bytes());
        if n % 3 != 1 {
            mixed.extend_from_slice(b" at the caf\xe9");
        }
        mixed.extend_from_slice(b".\"\n");
    }
    std::fs::write(dir.join("k-mixed.csv"), mixed).expect("write");
}

/// The corpus the core makes of the folder's files read whole.
fn whole(dir: &Path) -> Corpus {
    let mut files: Vec<InputFile> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| {
            let p = e.expect("entry").path();
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            InputFile { path: name, bytes: std::fs::read(&p).expect("read") }
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let reg = Registry::builtin().expect("registry");
    ingest_with(&files, &reg, "corpus", &Options::default(), &mut |_, _| {})
}

#[test]
fn files_read_in_blocks_make_the_corpus_of_files_read_whole() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("corpus");
    std::fs::create_dir_all(&dir).expect("mkdir");
    fixture(&dir);
    let want = whole(&dir);
    let dispositions = |c: &Corpus| {
        let mut n = [0; 3];
        for i in &c.report.inputs {
            let k = format!("{:?}", i.disposition);
            n[if k.starts_with("Ingested") {
                0
            } else if k.starts_with("Duplicate") {
                1
            } else {
                2
            }] += 1;
        }
        n
    };
    let [kept, merged, rejected] = dispositions(&want);
    assert_eq!([kept, merged, rejected], [80, 23, 58], "{:#?}", want.report.inputs);
    let latin1 = want.report.inputs.iter().find(|i| i.input == "d-latin1.csv#1").expect("reported");
    assert!(latin1.warnings.iter().any(|w| w.contains("windows-1252")), "decoded: {latin1:?}");
    let cyrillic = want.report.inputs.iter().find(|i| i.input == "j-cp1251.jsonl#6").expect("reported");
    assert!(cyrillic.warnings.iter().any(|w| w.contains("windows-1251")), "{cyrillic:?}");
    let mixed = want.report.inputs.iter().find(|i| i.input == "k-mixed.csv#12").expect("reported");
    assert!(
        mixed.warnings.iter().any(|w| w.contains("on 8 lines")
            && w.contains("and 3 more")
            && w.contains("decoded as windows-1252")
            && w.contains("replaced by U+FFFD")),
        "{mixed:?}"
    );
    let broken = want.report.inputs.iter().find(|i| i.input == "i-broken.json").expect("reported");
    assert!(format!("{:?}", broken.disposition).contains("invalid JSON"), "{broken:?}");
    assert!(want.report.inputs.iter().any(|i| i.input == "g-items.json#30"), "every element is an input");
    let bom = want.report.inputs.iter().find(|i| i.input == "c-bom.jsonl#1").expect("reported");
    assert!(!format!("{:?}", bom.disposition).starts_with("Rejected"), "the byte order mark is not text: {bom:?}");

    let reg = Registry::builtin().expect("registry");
    let listing = list_entries(std::slice::from_ref(&dir));
    for block in [1 << 22, 4096, 97, 1] {
        BLOCK_SIZE.store(block, Ordering::Relaxed);
        for threads in [1, 2] {
            let got = ingest_entries(&listing.entries, &reg, "corpus", Options::default(), threads, &|_, _| {});
            assert_eq!(got, want, "blocks of {block} bytes on {threads} threads");
        }
    }

    // The cache stores the parts of a file read in blocks; a rebuild takes
    // every file from it and makes the same corpus.
    BLOCK_SIZE.store(500, Ordering::Relaxed);
    let cache = tmp.path().join("cache");
    let quiet = |_: u64, _: u64| {};
    let first = ingest_paths_cached(std::slice::from_ref(&dir), None, Some(&cache), &quiet).expect("ingest");
    assert_eq!(first.cached, Some((0, 11)));
    let again = ingest_paths_cached(std::slice::from_ref(&dir), None, Some(&cache), &quiet).expect("ingest");
    assert_eq!(again.cached, Some((11, 0)));
    let comparable = |mut c: Corpus| {
        c.name = "corpus".into();
        c
    };
    assert_eq!(comparable(first.corpus), comparable(want.clone()));
    assert_eq!(comparable(again.corpus), comparable(want));
    BLOCK_SIZE.store(dateline_tools::stream::BLOCK, Ordering::Relaxed);
}
