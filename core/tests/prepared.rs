//! A prepared file stored and read back ([`Prepared::to_bytes`]) makes the
//! same corpus as the file prepared in memory: the ingest cache of the
//! build tools relies on it.

mod common;

use dateline_core::ingest::{
    decode::PlainScan, prepare, registry::Registry, Ingester, InputFile, Options, PrepareStream, Prepared,
    PREPARED_VERSION,
};

/// The seed files, a JSONL file of two records (one of them rejected), a
/// CSV file, an HTML page (its field sources) and an unsupported file: every kind of item a file prepares to.
fn inputs() -> Vec<InputFile> {
    let mut files = common::seed_files();
    files.push(InputFile {
        path: "more.jsonl".into(),
        bytes: br#"{"title":"Talks in Moscow","outlet":"TASS","date":"2021-01-11","text":"MOSCOW, January 11. The leaders of Russia, Azerbaijan and Armenia met in Moscow on Monday and talked for four hours.\n\nThey discussed transport links across the region, the work of the peacekeepers and the return of refugees to their homes.\n\nA joint statement on the unblocking of economic and transport links was signed at the end of the meeting."}
{"title":"No text"}
"#
        .to_vec(),
    });
    files.push(InputFile {
        path: "rows.csv".into(),
        bytes: b"title,outlet,date,text\nA statement,RT,2021-01-12,\"The statement on transport links was signed in Moscow after long talks between the three leaders of the region.\n\nIt sets up a working group chaired by the deputy prime ministers of the three countries.\"\n".to_vec(),
    });
    files.push(InputFile {
        path: "page.html".into(),
        bytes: std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/html/news.html")).expect("fixture"),
    });
    // A copy of the first seed under another name, merged as a duplicate
    // whether its deduplication keys were computed on preparing or on
    // reading the stored file back.
    let copy = files[0].bytes.clone();
    files.push(InputFile { path: "zz-copy.txt".into(), bytes: copy });
    files.push(InputFile { path: "notes.docx".into(), bytes: b"PK".to_vec() });
    files
}

fn corpus_of(prepared: Vec<Prepared>, reg: &Registry) -> dateline_core::model::Corpus {
    let mut ingester = Ingester::new(reg, "prepared", Options::default());
    for p in prepared {
        ingester.add_prepared(p);
    }
    ingester.finish()
}

#[test]
fn stored_prepared_files_make_the_same_corpus() {
    let reg = Registry::builtin().expect("registry parses");
    let direct: Vec<Prepared> = inputs().into_iter().map(|f| prepare(f, &reg)).collect();
    let stored: Vec<Prepared> =
        inputs().into_iter().map(|f| Prepared::from_bytes(&prepare(f, &reg).to_bytes()).expect("reads back")).collect();
    let (a, b) = (corpus_of(direct, &reg), corpus_of(stored, &reg));
    assert_eq!(a.articles.len(), 8, "five seeds, one JSONL record, one CSV row, one page: {:#?}", a.report.inputs);
    let merged = |c: &dateline_core::model::Corpus| {
        c.report
            .inputs
            .iter()
            .filter(|i| matches!(i.disposition, dateline_core::model::Disposition::Duplicate { .. }))
            .map(|i| i.input.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(merged(&b), ["zz-copy.txt"], "the copy is merged after a round trip too");
    assert!(a
        .report
        .inputs
        .iter()
        .any(|i| matches!(i.disposition, dateline_core::model::Disposition::Rejected { .. })));
    assert_eq!(a, b);
}

#[test]
fn damaged_or_other_version_prepared_files_are_refused() {
    let reg = Registry::builtin().expect("registry parses");
    let bytes = prepare(inputs().remove(0), &reg).to_bytes();
    assert!(Prepared::from_bytes(&bytes[..bytes.len() / 2]).err().expect("refused").contains("damaged"));
    assert!(Prepared::from_bytes(b"").is_err());
    let text = String::from_utf8(bytes).expect("JSON");
    let other = text.replacen(&format!("\"version\":{PREPARED_VERSION}"), "\"version\":999", 1);
    assert_ne!(other, text);
    assert!(Prepared::from_bytes(other.as_bytes()).err().expect("refused").contains("version 999"));
    let bad_format = text.replacen("\"format\":\"txt\"", "\"format\":\"exe\"", 1);
    assert_ne!(bad_format, text);
    assert!(Prepared::from_bytes(bad_format.as_bytes()).is_err());
}

/// Regression: fields were cleaned of control characters only when the
/// corpus was finished, so the title of a copy merged into a kept article
/// ("also published as") kept a BEL and a right-to-left override.
#[test]
fn a_merged_copys_title_is_cleaned_like_the_articles() {
    let reg = Registry::builtin().expect("registry parses");
    let body = "The leaders of Russia, Azerbaijan and Armenia met in Moscow on Monday and talked for four hours.\n\n\
                They discussed transport links across the region, the work of the peacekeepers and the return of refugees.\n\n\
                A joint statement on the unblocking of economic and transport links was signed at the end of the meeting.";
    let record =
        |title: &str| serde_json::json!({"title": title, "outlet": "TASS", "date": "2021-01-11", "text": body});
    let jsonl = format!("{}\n{}\n", record("Talks in Moscow"), record("Talks\u{7} in \u{202e}Moscow"));
    let mut ingester = Ingester::new(&reg, "copies", Options::default());
    ingester.add(InputFile { path: "copies.jsonl".into(), bytes: jsonl.into_bytes() });
    let corpus = ingester.finish();
    assert_eq!(corpus.articles.len(), 1, "{:#?}", corpus.report.inputs);
    let copies = &corpus.articles[0].duplicates;
    assert_eq!(copies.len(), 1);
    assert_eq!(copies[0].title, "Talks in Moscow", "{:?}", copies[0].title);
}

/// The parts a [`PrepareStream`] makes of a file cut into pieces at
/// `cuts` (moved back to character boundaries), stored and read back a
/// line at a time as the tools do; a file that is not plain UTF-8 text
/// ([`PlainScan`]) is prepared whole, as the tools do.
fn streamed(file: &InputFile, cuts: &[usize], reg: &Registry) -> Vec<Prepared> {
    let mut scan = PlainScan::default();
    scan.push(&file.bytes);
    if !scan.plain() {
        return vec![prepare(file.clone(), reg)];
    }
    let text = std::str::from_utf8(&file.bytes).expect("plain UTF-8");
    let mut stream = PrepareStream::new(&file.path, reg).expect("read in pieces");
    let mut cuts: Vec<usize> =
        cuts.iter().map(|&c| (0..=c.min(text.len())).rev().find(|&c| text.is_char_boundary(c)).unwrap_or(0)).collect();
    cuts.sort_unstable();
    let (mut parts, mut from) = (Vec::new(), 0);
    for to in cuts.into_iter().chain([text.len()]) {
        stream.push(&text[from..to], &mut |p| parts.push(p));
        from = to;
    }
    stream.finish(&mut |p| parts.push(p));
    let mut stored = Prepared::stored_header();
    for p in &parts {
        stored.extend(p.to_line());
    }
    let mut lines = stored.split(|&b| b == b'\n').filter(|l| !l.is_empty());
    Prepared::check_stored_header(lines.next().expect("header")).expect("this version");
    lines.map(|l| Prepared::from_line(l).expect("reads back")).collect()
}

/// Records and files read in pieces, as the tools read large JSON Lines
/// and CSV files, make the same corpus as the files read whole: records
/// kept, rejected (with their lines) and merged as copies, a file without
/// a text column, a file without records.
#[test]
fn files_prepared_in_pieces_make_the_same_corpus_as_whole_files() {
    let reg = Registry::builtin().expect("registry parses");
    let body = "The leaders of Russia, Azerbaijan and Armenia met in Moscow on Monday and talked for four hours.\n\n\
                They discussed transport links across the region, the work of the peacekeepers and the return of refugees.";
    let mut jsonl = String::new();
    for n in 0..40 {
        let record = match n % 5 {
            0 => serde_json::json!({"title": format!("Talks {n}"), "outlet": "TASS", "date": "2021-01-11", "text": format!("{body} Day {n} of the talks, Ünal said.")}).to_string(),
            1 => serde_json::json!({"title": "A copy", "outlet": "RT", "text": body}).to_string(),
            2 => "{\"title\": \"broken".to_string(),
            3 => String::new(),
            _ => serde_json::json!({"title": "No text"}).to_string(),
        };
        jsonl.push_str(&record);
        jsonl.push_str(if n % 2 == 0 { "\r\n" } else { "\n" });
    }
    let csv = format!(
        "title,outlet,date,text\nA statement,RT,2021-01-12,\"{body}\nSigned in Moscow.\"\n\"Broken,RT,2021-01-12,{body}\nShort,RT\nLast,TASS,2021-01-13,\"{body} The end.\""
    );
    let files = [
        InputFile { path: "records.jsonl".into(), bytes: jsonl.into_bytes() },
        InputFile { path: "rows.csv".into(), bytes: csv.into_bytes() },
        InputFile { path: "no-text.csv".into(), bytes: b"title,outlet\nT,RT\n".to_vec() },
        InputFile { path: "header-only.csv".into(), bytes: b"title,text\n".to_vec() },
        InputFile { path: "blank-lines.jsonl".into(), bytes: b"\n \n".to_vec() },
    ];
    let whole: Vec<Prepared> = files.iter().map(|f| prepare(f.clone(), &reg)).collect();
    let want = corpus_of(whole, &reg);
    let count =
        |kind: &str| want.report.inputs.iter().filter(|i| format!("{:?}", i.disposition).starts_with(kind)).count();
    assert_eq!((count("Ingested"), count("Duplicate"), count("Rejected")), (8, 10, 22), "{:#?}", want.report.inputs);
    for cuts in [vec![], vec![1], vec![100, 101, 2000], (0..6000).step_by(7).collect::<Vec<_>>()] {
        let parts: Vec<Prepared> = files.iter().flat_map(|f| streamed(f, &cuts, &reg)).collect();
        assert_eq!(corpus_of(parts, &reg), want, "cut at {cuts:?}");
    }
}
