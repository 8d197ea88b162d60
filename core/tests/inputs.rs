//! Every input accounted for: malformed records, file types, encodings, and
//! the streaming API ([`Ingester`], [`prepare`]) giving the same corpus as
//! [`ingest`].

use dateline_core::ingest::registry::Registry;
use dateline_core::ingest::{format_of, ingest, prepare, Ingester, InputFile, Options};
use dateline_core::model::{Corpus, Disposition};

fn registry() -> Registry {
    Registry::from_toml(include_str!("../../corpus/outlets.toml")).expect("registry parses")
}

fn file(path: &str, text: &[u8]) -> InputFile {
    InputFile { path: path.into(), bytes: text.to_vec() }
}

/// `(input, "ingested" | "duplicate" | "REJECTED: reason")` per report line.
fn dispositions(c: &Corpus) -> Vec<(String, String)> {
    c.report
        .inputs
        .iter()
        .map(|i| {
            let d = match &i.disposition {
                Disposition::Ingested { .. } => "ingested".to_string(),
                Disposition::Duplicate { .. } => "duplicate".to_string(),
                Disposition::Rejected { reason } => format!("REJECTED: {reason}"),
            };
            (i.input.clone(), d)
        })
        .collect()
}

/// A distinct article text for each `n` (never merged as near-duplicates).
fn article(n: usize) -> String {
    const WORDS: &[&str] = &[
        "river",
        "bridge",
        "harbour",
        "council",
        "budget",
        "school",
        "railway",
        "festival",
        "museum",
        "election",
        "hospital",
        "orchard",
        "factory",
        "library",
        "stadium",
        "airport",
        "vineyard",
        "quarry",
        "lighthouse",
    ];
    let w = |k: usize| WORDS[(n * 7 + k * 5 + n / WORDS.len()) % WORDS.len()];
    format!(
        "Officials said the {} and the {} would reopen after the {} review in spring. \
         Residents near the {} told reporters that the {} plan number {n} had been delayed twice, \
         and that the {} committee would meet again next month to discuss the {}.",
        w(1),
        w(2),
        w(3),
        w(4),
        w(5),
        w(6),
        w(7)
    )
}

/// Regression (issue 13): "4 inputs: 4 ingested" for a CSV of 5 rows, one
/// with an unbalanced quote.
#[test]
fn every_csv_row_is_accounted_for() {
    let rows: Vec<String> = ["Alpha", "\"Bravo", "Charlie", "Delta", "Echo"]
        .iter()
        .zip(1..)
        .map(|(t, n)| format!("{t},Example Wire,2021-01-1{n},\"{}\"", article(n)))
        .collect();
    let csv = format!("title,source,date,content\n{}\n", rows.join("\n"));
    let c = ingest(&[file("dump.csv", csv.as_bytes())], &registry(), "t");
    let d = dispositions(&c);
    assert_eq!(d.len(), 5, "{d:#?}");
    assert_eq!(d.iter().filter(|(_, d)| d == "ingested").count(), 4, "{d:#?}");
    assert_eq!(d[1].0, "dump.csv#2");
    assert!(d[1].1.starts_with("REJECTED: line 3: 2 fields where the header has 4"), "{d:#?}");
    assert!(d[1].1.ends_with("probably an unbalanced quote)"), "{d:#?}");
    let titles: Vec<&str> = c.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["Alpha", "Charlie", "Delta", "Echo"]);
}

#[test]
fn malformed_rows_and_lines_are_rejected_with_their_line() {
    let csv = format!("title,content\nA,\"{}\"\nB,one,two,three\n", article(1));
    let jsonl = format!("{{\"title\": \"J\", \"text\": {:?}}}\n{{\"title\": \n", article(2));
    let c = ingest(&[file("a.csv", csv.as_bytes()), file("b.jsonl", jsonl.as_bytes())], &registry(), "t");
    let d = dispositions(&c);
    assert_eq!(d[0], ("a.csv#1".into(), "ingested".into()));
    assert_eq!(d[1].0, "a.csv#2");
    assert!(d[1].1.starts_with("REJECTED: line 3: 4 fields where the header has 2"), "{d:#?}");
    assert_eq!(d[2], ("b.jsonl#1".into(), "ingested".into()));
    assert!(d[3].1.starts_with("REJECTED: line 2: invalid JSON"), "{d:#?}");
}

#[test]
fn file_types_are_named() {
    let table: &[(&str, Result<&str, &str>)] = &[
        ("a.txt", Ok("txt")),
        ("dir/A.TXT", Ok("txt")),
        ("notes.md", Ok("txt")),
        ("x.ndjson", Ok("jsonl")),
        ("x.json", Ok("json")),
        ("x.csv", Ok("csv")),
        ("page.html", Ok("html")),
        ("page.HTM", Ok("html")),
        ("page.xhtml", Ok("html")),
        ("saved/page.html.gz", Ok("html.gz")),
        ("crawl.warc", Ok("warc")),
        ("crawl.warc.gz", Ok("warc.gz")),
        ("notes.txt.gz", Err("unsupported file type `.txt.gz` (expected .txt, .jsonl, .json, .csv, .html, .htm, .xhtml, .html.gz, .warc or .warc.gz)")),
        ("x.gz", Err("unsupported file type `.gz` (expected .txt, .jsonl, .json, .csv, .html, .htm, .xhtml, .html.gz, .warc or .warc.gz)")),
        ("README", Err("unsupported file type: no extension (expected .txt, .jsonl, .json, .csv, .html, .htm, .xhtml, .html.gz, .warc or .warc.gz)")),
        ("dir.v2/article", Err("unsupported file type: no extension (expected .txt, .jsonl, .json, .csv, .html, .htm, .xhtml, .html.gz, .warc or .warc.gz)")),
        ("trailing.", Err("unsupported file type: no extension (expected .txt, .jsonl, .json, .csv, .html, .htm, .xhtml, .html.gz, .warc or .warc.gz)")),
        ("scan.pdf", Err("unsupported file type `.pdf` (expected .txt, .jsonl, .json, .csv, .html, .htm, .xhtml, .html.gz, .warc or .warc.gz)")),
    ];
    for (path, want) in table {
        assert_eq!(format_of(path).as_deref().map_err(String::as_str), *want, "{path}");
    }
    let c = ingest(&[file("README", b"some text")], &registry(), "t");
    assert_eq!(
        dispositions(&c)[0].1,
        "REJECTED: unsupported file type: no extension (expected .txt, .jsonl, .json, .csv, .html, .htm, .xhtml, .html.gz, .warc or .warc.gz)"
    );
}

/// Regression (issue 13): one stray byte made a UTF-8 file decode as
/// windows-1252 throughout.
#[test]
fn a_stray_byte_is_repaired_on_its_line_and_named() {
    let mut bytes = format!("Café talks in Zürich\n\n{} Café owners said so.\n", article(3)).into_bytes();
    bytes.extend_from_slice(b"A stray \xff byte.\n");
    let c = ingest(&[file("s.txt", &bytes)], &registry(), "t");
    let a = &c.articles[0];
    assert_eq!(a.title, "Café talks in Zürich");
    let w = &c.report.inputs[0].warnings;
    assert!(
        w.iter()
            .any(|w| w
                .contains("not valid UTF-8 on 1 line, repaired: line 4 (1 invalid byte sequence replaced by U+FFFD)")),
        "{w:#?}"
    );
}

#[test]
fn rejected_inputs_from_the_caller_are_reported() {
    let reg = registry();
    let mut ing = Ingester::new(&reg, "t", Options::default());
    ing.reject("fifo.txt", "not a regular file (named pipe): not read");
    ing.add(file("ok.txt", format!("A title here\n\n{}", article(4)).as_bytes()));
    let d = dispositions(&ing.finish());
    assert_eq!(d[0], ("fifo.txt".into(), "REJECTED: not a regular file (named pipe): not read".into()));
    assert_eq!(d[1], ("ok.txt".into(), "ingested".into()));
}

/// Preparing files on other threads, in any order, and adding them in
/// input order gives the corpus `ingest` gives.
#[test]
fn prepared_on_threads_equals_ingest() {
    let reg = registry();
    let files: Vec<InputFile> = (0..12)
        .map(|i| {
            let text = match i % 3 {
                // Every third file repeats the first: merged as duplicates.
                0 => format!("Same story\n\n{}", article(0)),
                1 => format!("Story {i}\n\n{}", article(i)),
                _ => format!("title,content\nRow {i},\"{}\"\n\"broken,row\n", article(i)),
            };
            let ext = if i % 3 == 2 { "csv" } else { "txt" };
            file(&format!("f{i:02}.{ext}"), text.as_bytes())
        })
        .collect();
    let expected = ingest(&files, &reg, "t");
    let prepared: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> = files.iter().rev().map(|f| s.spawn(|| prepare(f.clone(), &reg))).collect();
        handles.into_iter().map(|h| h.join().expect("no panic")).collect()
    });
    let mut ing = Ingester::new(&reg, "t", Options::default());
    for p in prepared.into_iter().rev() {
        ing.add_prepared(p);
    }
    let got = ing.finish();
    assert_eq!(got, expected);
    let d = dispositions(&got);
    assert_eq!(d.iter().filter(|(_, d)| d == "duplicate").count(), 3, "{d:#?}");
    assert!(d.iter().any(|(i, d)| i == "f02.csv#2" && d.starts_with("REJECTED: line 3: unbalanced quote")), "{d:#?}");
}

/// A blog post of two German paragraphs whose page text goes on with an
/// English comment form and PHP warnings was detected as French at 17%:
/// the mixed sample left the trigram detector unsure and wrong. An unsure
/// detection now asks the article's lead alone and keeps the surer answer.
#[test]
fn an_unsure_language_on_a_mixed_page_is_read_from_the_lead() {
    let text = "Nummer zwei: Leo\n\n\
        Es ist schon einige Zeit her, als Henry auf die Welt kam – Nummer eins. Vor ein paar Tagen hat es auch Leo geschafft, Nummer zwei.\n\n\
        So sah es aus, als Henry den Neuangekommenen das erste Mal sah, bequatschte und mit geschlossenen Augen beschnupperte:\n\n\
        Comment RSS · TrackBack URI\n\nSay your words\n\nName (required)\n\nE-mail (required, hidden to public)\n\n\
        URI (your blog or website)\n\nSuchen\n\nNeueste Kommentare\n\n\
        Warning: Use of undefined constant comments - assumed 'comments' (this will throw an Error in a future version of PHP) in /homepages/15/d39327265/htdocs/example.de/wp-content/plugins/get-recent-comments/get-recent-comments.php on line 928\n\n\
        Warning: Use of undefined constant trackbacks - assumed 'trackbacks' (this will throw an Error in a future version of PHP) in /homepages/15/d39327265/htdocs/example.de/wp-content/plugins/get-recent-comments/get-recent-comments.php on line 929\n";
    let c = ingest(&[file("leo.txt", text.as_bytes())], &registry(), "t");
    let lang = c.articles[0].language.as_ref().expect("a language");
    assert_eq!(lang.code, "de", "{lang:?}");
}
