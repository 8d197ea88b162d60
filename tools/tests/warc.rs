//! WARC archives end to end: hand-built archives (plain and gzipped per
//! record) with an HTML response (chunked, gzip-encoded), one in
//! windows-1251 declared by its HTTP header, records that are not HTML
//! responses, a damaged record and a truncated last record, read through
//! the same path as the CLI (`ingest_paths`).

use dateline_core::model::Disposition;
use std::io::Write;

fn record(kind: &str, uri: &str, payload: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000000>\r\n\
         WARC-Date: 2024-03-05T10:20:30Z\r\nWARC-Target-URI: {uri}\r\n\
         Content-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
        payload.len()
    )
    .into_bytes();
    out.extend_from_slice(payload);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).expect("gzip");
    e.finish().expect("gzip")
}

const PAGE: &str = r#"<!doctype html><html lang="en"><head><title>Ceasefire talks resume | Example News</title>
<meta property="og:site_name" content="Example News">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Ceasefire talks resume","datePublished":"2023-10-05T14:30:00+03:00","author":{"@type":"Person","name":"Jane Doe"}}</script>
</head><body><nav><a href="/">Home</a></nav><article><h1>Ceasefire talks resume</h1>
<p>Negotiators met again on Thursday in Geneva, officials said, after a week of fighting that displaced thousands of people.</p>
<p>The talks, the third round this year, are expected to last several days, according to diplomats familiar with the plans.</p>
<p>Both delegations arrived late in the evening and declined to comment on the agenda, which has not been published.</p>
</article></body></html>"#;

/// The archive's records, in order, and the offset of each.
fn records() -> Vec<Vec<u8>> {
    // 1. warcinfo, 2. request: skipped.
    let info = record("warcinfo", "", b"software: hand-written test\r\n");
    let request = record("request", "https://news.example/a", b"GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n");
    // 3. HTML, gzip-encoded and chunked.
    let body = gzip(PAGE.as_bytes());
    let mut chunked = format!("{:x}\r\n", 10).into_bytes();
    chunked.extend_from_slice(&body[..10]);
    chunked.extend_from_slice(format!("\r\n{:x}\r\n", body.len() - 10).as_bytes());
    chunked.extend_from_slice(&body[10..]);
    chunked.extend_from_slice(b"\r\n0\r\n\r\n");
    let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip\r\n\
                     Transfer-Encoding: chunked\r\n\r\n"
        .to_vec();
    http.extend_from_slice(&chunked);
    let html = record("response", "https://news.example/a", &http);
    // 4. An image: skipped.
    let png =
        record("response", "https://news.example/x.png", b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG");
    // 5. windows-1251 declared by the HTTP header only.
    let mut http =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1251\r\n\r\n<html><head><title>".to_vec();
    let cyr = encoding_rs::WINDOWS_1251.encode("Переговоры возобновились").0.into_owned();
    http.extend_from_slice(&cyr);
    http.extend_from_slice(b"</title></head><body><h1>");
    http.extend_from_slice(&cyr);
    http.extend_from_slice(b"</h1><p>");
    http.extend_from_slice(
        &encoding_rs::WINDOWS_1251
            .encode("Переговорщики снова встретились в четверг в Женеве, после недели боёв, сообщили официальные лица.")
            .0,
    );
    http.extend_from_slice(b"</p></body></html>");
    let ru = record("response", "https://ru.example/b", &http);
    // 6. Damaged: no Content-Length.
    let damaged = b"WARC/1.1\r\nWARC-Type: response\r\nthis is not a header\r\n\r\nxx\r\n\r\n".to_vec();
    // 7. Truncated: the content is shorter than its Content-Length.
    let mut cut =
        record("response", "https://news.example/c", b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>cut");
    cut.truncate(cut.len() - 12);
    vec![info, request, html, png, ru, damaged, cut]
}

fn ingest(name: &str, bytes: &[u8]) -> dateline_core::model::Corpus {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join(name), bytes).expect("write");
    dateline_tools::ingest_paths(&[dir.path().to_path_buf()], None).expect("ingest").0
}

#[test]
fn warc_pages_are_named_by_offset_and_damage_is_reported() {
    let recs = records();
    let offsets: Vec<usize> = recs.iter().scan(0, |at, r| Some(std::mem::replace(at, *at + r.len()))).collect();
    let corpus = ingest("crawl.warc", &recs.concat());
    let inputs: Vec<(&str, &Disposition)> =
        corpus.report.inputs.iter().map(|i| (i.input.as_str(), &i.disposition)).collect();
    assert_eq!(inputs.len(), 4, "{inputs:#?}");
    assert_eq!(inputs[0].0, format!("crawl.warc#{}", offsets[2]));
    assert!(matches!(inputs[0].1, Disposition::Ingested { .. }));
    assert_eq!(inputs[1].0, format!("crawl.warc#{}", offsets[4]));
    assert!(matches!(inputs[1].1, Disposition::Ingested { .. }));
    assert_eq!(inputs[2].0, format!("crawl.warc#{}", offsets[5]));
    assert!(matches!(inputs[2].1, Disposition::Rejected { reason } if reason.starts_with("damaged WARC record")));
    assert_eq!(inputs[3].0, format!("crawl.warc#{}", offsets[6]));
    assert!(matches!(inputs[3].1, Disposition::Rejected { reason } if reason.starts_with("truncated WARC record")));
    // What the whole archive held goes with its last entry (known only
    // once the archive is read, a gzip member at a time).
    let warning = &corpus.report.inputs[3].warnings[0];
    assert_eq!(
        warning,
        "3 records are not HTML responses and were skipped: 1 request records, 1 responses of image/png, 1 warcinfo records"
    );
    assert!(!corpus.report.inputs[0].warnings.iter().any(|w| w.contains("were skipped")));
    let a = corpus.articles.iter().find(|a| a.title == "Ceasefire talks resume").expect("English page");
    assert_eq!(a.date.date.map(|d| d.iso()).as_deref(), Some("2023-10-05"));
    assert_eq!(a.author.as_deref(), Some("Jane Doe"));
    assert_eq!(a.provenance.url.as_deref(), Some("https://news.example/a"));
    let page = a.provenance.page.as_ref().expect("page sources");
    assert!(page.record.as_deref().is_some_and(|r| r.contains("captured 2024-03-05T10:20:30Z")), "{page:?}");
    assert!(a.lead.starts_with("Negotiators met again"));
    let ru = corpus.articles.iter().find(|a| a.title == "Переговоры возобновились").expect("Russian page");
    assert_eq!(ru.provenance.page.as_ref().map(|p| p.encoding.as_str()), Some("windows-1251"));
}

#[test]
fn gzipped_warc_names_members_by_their_offset() {
    let recs = records();
    let members: Vec<Vec<u8>> = recs[..5].iter().map(|r| gzip(r)).collect();
    let offsets: Vec<usize> = members.iter().scan(0, |at, m| Some(std::mem::replace(at, *at + m.len()))).collect();
    let mut bytes = members.concat();
    // A last member cut in the middle.
    let last = gzip(&recs[2]);
    bytes.extend_from_slice(&last[..last.len() / 2]);
    let corpus = ingest("crawl.warc.gz", &bytes);
    let names: Vec<&str> = corpus.report.inputs.iter().map(|i| i.input.as_str()).collect();
    let expected = [
        format!("crawl.warc.gz#{}", offsets[2]),
        format!("crawl.warc.gz#{}", offsets[4]),
        format!("crawl.warc.gz#{}", members.iter().map(Vec::len).sum::<usize>()),
    ];
    assert_eq!(names, expected.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(corpus.articles.len(), 2);
    let last = &corpus.report.inputs[2];
    assert!(matches!(&last.disposition, Disposition::Rejected { reason } if reason.contains("cut short")), "{last:?}");
}

#[test]
fn an_archive_without_html_is_rejected_with_what_it_holds() {
    let recs = records();
    let corpus = ingest("empty.warc", &[recs[0].clone(), recs[3].clone()].concat());
    assert_eq!(corpus.report.inputs.len(), 1);
    let i = &corpus.report.inputs[0];
    assert!(matches!(&i.disposition, Disposition::Rejected { reason } if reason == "no HTML response records"));
    assert!(i.warnings[0].contains("1 responses of image/png"), "{:?}", i.warnings);
}

/// A gzipped archive of many records, read a member at a time and
/// prepared a batch of pages at a time (with and without the ingest
/// cache), makes the corpus of the archive read whole and all its pages
/// prepared at once; its pages are named as read whole.
#[test]
fn a_large_gzipped_archive_read_a_member_at_a_time_makes_the_corpus_of_the_whole() {
    let recs = records();
    let mut members = Vec::new();
    for n in 0..150 {
        // Pages of their own words: a number every few words.
        let words: Vec<String> = (0..60).map(|i| format!("word{} item{}", n * 100 + i, i * 31 + n)).collect();
        let page = format!(
            "<!doctype html><html lang=\"en\"><head><title>Talks round {n}</title></head><body><article>\
             <h1>Talks round {n}</h1><p>Negotiators met in Geneva on round {n}: {}.</p><p>The talks continued: {}.</p>\
             </article></body></html>",
            words[..30].join(" "),
            words[30..].join(" ")
        );
        let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{page}");
        members.push(gzip(&record("response", &format!("https://news{}.example/{n}", n % 5), http.as_bytes())));
        if n % 10 == 0 {
            members.push(gzip(&recs[1])); // a request: skipped
        }
        if n % 37 == 0 {
            members.push(gzip(&recs[5])); // damaged
        }
    }
    members.push(gzip(&recs[4]));
    let bytes = members.concat();

    let whole = {
        let archive = dateline_tools::warc::read_archive("big.warc.gz", &bytes, true);
        let reg = dateline_core::ingest::registry::Registry::builtin().expect("registry");
        let prepared = dateline_core::ingest::prepare_pages("big.warc.gz", archive.parts, archive.warnings, &reg);
        let mut ingester =
            dateline_core::ingest::Ingester::new(&reg, "corpus", dateline_core::ingest::Options::default());
        ingester.add_prepared(prepared);
        ingester.finish()
    };
    assert_eq!(whole.report.inputs.len(), 156, "150 pages, 5 damaged records, the Russian page");
    assert_eq!(whole.articles.len(), 151, "{:#?}", whole.report.inputs);

    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    std::fs::write(corpus.join("big.warc.gz"), &bytes).expect("write");
    let cache = dir.path().join("cache");
    let quiet = |_: u64, _: u64| {};
    for expected_cache in [(0, 1), (1, 0)] {
        let got = dateline_tools::ingest_paths_cached(std::slice::from_ref(&corpus), None, Some(&cache), &quiet)
            .expect("ingest");
        assert_eq!(got.cached, Some(expected_cache));
        assert_eq!(got.corpus.articles, whole.articles);
        assert_eq!(got.corpus.report, whole.report);
    }
}

/// A plain archive is read a record at a time (the module's `Replay`):
/// through a reader of any buffer size, down to one byte, it gives the
/// parts of the archive read from one slice. The archive has damaged
/// records whose reading went past their end (a `Content-Length` too
/// long, so the next record's start was read already), a page holding a
/// `WARC/1.` line, junk between records and a truncated last record. A
/// differential run against the build that read plain archives whole (200
/// generated archives, 2,390 inputs) gave the same reports and corpora.
#[test]
fn a_plain_archive_read_a_record_at_a_time_gives_the_parts_of_the_whole() {
    let recs = records();
    let page = |n: usize, extra: &str| {
        let html = format!(
            "<!doctype html><html lang=\"en\"><head><title>Round {n}</title></head><body><article><h1>Round {n}</h1>\
             <p>Negotiators met in Geneva for round {n} of the talks, officials said on Thursday evening.</p>{extra}\
             <p>The delegations declined to comment on the agenda, which has not been published yet.</p></article>\
             </body></html>"
        );
        format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{html}").into_bytes()
    };
    // A record whose Content-Length says `more` bytes more than it has.
    let too_long = |n: usize, more: usize| {
        let payload = page(n, "");
        let good = record("response", &format!("https://over.example/{n}"), &payload);
        let text = String::from_utf8(good).expect("ascii");
        let (from, to) =
            (format!("Content-Length: {}", payload.len()), format!("Content-Length: {}", payload.len() + more));
        text.replacen(&from, &to, 1).into_bytes()
    };
    let parts: Vec<Vec<u8>> = vec![
        recs[0].clone(),
        record("response", "https://news.example/1", &page(1, "")),
        too_long(2, 40),
        record("response", "https://news.example/3", &page(3, "")),
        b"junk line\njunk\r\n".to_vec(),
        record("response", "https://news.example/4", &page(4, "\nWARC/1.0 quoted inside a page\n")),
        too_long(5, 2000),
        recs[5].clone(),
        record("response", "https://news.example/6", &page(6, "")),
        recs[1].clone(),
        recs[6].clone(),
    ];
    let bytes = parts.concat();
    let whole = dateline_tools::warc::read_archive("a.warc", &bytes, false);
    let shown = |parts: &[dateline_core::ingest::PagePart]| format!("{parts:#?}");
    let pages = whole.parts.iter().filter(|p| matches!(p, dateline_core::ingest::PagePart::Page(_))).count();
    assert!(pages >= 3, "{}", shown(&whole.parts));
    let rejected: Vec<String> = whole
        .parts
        .iter()
        .filter_map(|p| match p {
            dateline_core::ingest::PagePart::Rejected(_, why) => Some(why.clone()),
            dateline_core::ingest::PagePart::Page(_) => None,
        })
        .collect();
    assert!(rejected.iter().any(|r| r.starts_with("damaged WARC record")), "{rejected:?}");
    assert!(rejected.last().is_some_and(|r| r.starts_with("truncated WARC record")), "{rejected:?}");
    for capacity in [1, 2, 3, 7, 8, 64, 4096] {
        let mut reader = std::io::BufReader::with_capacity(capacity, &bytes[..]);
        let mut got = Vec::new();
        let warnings =
            dateline_tools::warc::read_archive_from("a.warc", &mut reader, false, &mut |batch| got.extend(batch));
        assert_eq!(shown(&got), shown(&whole.parts), "buffer of {capacity} bytes");
        assert_eq!(warnings, whole.warnings, "buffer of {capacity} bytes");
    }
}

/// A gzip member past the size limit (a video in a crawl, one record per
/// member) is rejected and skipped, and the pages after it are read; it
/// used to end the archive ("the rest of the file is not read"). The limit
/// is lowered for the test (members of 256 MB otherwise).
#[test]
fn a_gzip_member_past_the_limit_is_skipped_and_the_next_are_read() {
    let recs = records();
    let limit = 64 << 10;
    dateline_tools::warc::MEMBER_LIMIT.store(limit, std::sync::atomic::Ordering::Relaxed);
    // Pseudo-random bytes, so that the member is not tiny when gzipped.
    let mut x: u32 = 7;
    let video: Vec<u8> = (0..(limit as usize + 4096))
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect();
    let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\n\r\n".to_vec();
    http.extend_from_slice(&video);
    let big = gzip(&record("response", "https://news.example/v.mp4", &http));
    let members = [gzip(&recs[2]), big, gzip(&recs[4])];
    let offsets: Vec<usize> = members.iter().scan(0, |at, m| Some(std::mem::replace(at, *at + m.len()))).collect();
    let archive = dateline_tools::warc::read_archive("crawl.warc.gz", &members.concat(), true);
    dateline_tools::warc::MEMBER_LIMIT.store(256 << 20, std::sync::atomic::Ordering::Relaxed);
    let names: Vec<String> = archive
        .parts
        .iter()
        .map(|p| match p {
            dateline_core::ingest::PagePart::Page(page) => page.input.clone(),
            dateline_core::ingest::PagePart::Rejected(name, why) => format!("{name}: {why}"),
        })
        .collect();
    assert_eq!(
        names,
        [
            format!("crawl.warc.gz#{}", offsets[0]),
            format!("crawl.warc.gz#{}: gzip member decompresses to more than 64 KB: skipped, not read", offsets[1]),
            format!("crawl.warc.gz#{}", offsets[2]),
        ]
    );
}
