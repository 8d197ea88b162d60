//! WARC archives (WARC 1.0 and 1.1, plain or gzipped): every `response`
//! record with an HTML payload becomes one page for the core
//! ([`dateline_core::ingest::prepare_pages`]).
//!
//! This lives in the tools layer because the WARC reader crate (`warc`)
//! does not build for `wasm32-unknown-unknown` (its UUID dependency needs
//! a random source), and the core must. Records are read with `warc`'s raw
//! record iterator, HTTP responses with `httparse`, gzip with `flate2`:
//!
//! * **Names.** A page is named `file#offset`: the byte offset of its
//!   record in a `.warc`, or of its gzip member in a `.warc.gz` (one
//!   record per member, as crawlers write them; a member holding several
//!   records names them `file#member+offset`, the offset inside the
//!   member's data). These are the offsets CDX indexes use.
//! * **Payloads.** The HTTP status line and headers are parsed; the page
//!   is the body, de-chunked (`Transfer-Encoding: chunked`) and
//!   decompressed (`Content-Encoding: gzip`/`deflate`) as needed; its
//!   charset comes from the `Content-Type` header. A response whose
//!   `Content-Type` is not HTML (`text/html`, `application/xhtml+xml`), or
//!   that has none and does not look like HTML, is not an input.
//! * **Provenance.** The record's `WARC-Target-URI` becomes the page's
//!   URL (the outlet may come from its host) and its `WARC-Date` the
//!   capture date shown by the reader (a capture date is not a
//!   publication date and is never used as one).
//! * **Damage.** A record whose headers do not parse, or whose HTTP
//!   message is broken, is rejected under its name and reading goes on at
//!   the next `WARC/1.` line; a record cut short (a truncated download)
//!   is rejected with the reason and ends the file. Records that are not
//!   HTML responses (requests, metadata, images ...) are counted in one
//!   warning per file.

use dateline_core::ingest::{PageInput, PagePart};
use std::collections::BTreeMap;
use std::io::{BufRead, Read};
use warc::{RawRecordHeader, WarcHeader};

/// Largest decompressed gzip member or HTTP body read (a bomb beyond it is
/// rejected).
const MAX_MEMBER: u64 = 256 << 20;

/// A `BufRead` over a byte slice that knows how far it has read.
struct Counting<'a> {
    data: &'a [u8],
    pos: usize,
}

impl Read for Counting<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(self.data.len() - self.pos);
        buf[..n].copy_from_slice(&self.data[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

impl BufRead for Counting<'_> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        Ok(&self.data[self.pos..])
    }
    fn consume(&mut self, amt: usize) {
        self.pos = (self.pos + amt).min(self.data.len());
    }
}

/// What one archive held.
#[derive(Debug, Default)]
pub struct Archive {
    /// Pages and rejected records, in file order.
    pub parts: Vec<PagePart>,
    /// Warnings about the whole file.
    pub warnings: Vec<String>,
}

/// Reads a WARC archive (`gz`: gzipped) named `name` (see the module docs).
pub fn read_archive(name: &str, bytes: &[u8], gz: bool) -> Archive {
    let mut archive = Archive::default();
    let mut skipped: BTreeMap<String, usize> = BTreeMap::new();
    if !gz {
        read_records(name, bytes, None, &mut archive, &mut skipped);
    } else {
        let mut offset = 0usize;
        while offset < bytes.len() {
            if bytes[offset..].iter().all(u8::is_ascii_whitespace) {
                break;
            }
            let mut decoder = flate2::bufread::GzDecoder::new(&bytes[offset..]);
            let mut data = Vec::new();
            let read = (&mut decoder).take(MAX_MEMBER + 1).read_to_end(&mut data);
            let rest = decoder.into_inner().len();
            match read {
                Ok(_) if data.len() as u64 > MAX_MEMBER => {
                    archive.parts.push(PagePart::Rejected(
                        format!("{name}#{offset}"),
                        format!(
                            "gzip member decompresses to more than {} MB; the rest of the file is not read",
                            MAX_MEMBER >> 20
                        ),
                    ));
                    break;
                }
                Ok(_) => {
                    read_records(name, &data, Some(offset), &mut archive, &mut skipped);
                    let next = bytes.len() - rest;
                    if next <= offset {
                        break;
                    }
                    offset = next;
                }
                Err(e) => {
                    let what = if data.is_empty() { "not a gzip member" } else { "gzip member cut short" };
                    archive.parts.push(PagePart::Rejected(
                        format!("{name}#{offset}"),
                        format!("{what} ({e}); the rest of the file is not read"),
                    ));
                    break;
                }
            }
        }
    }
    if !skipped.is_empty() {
        let total: usize = skipped.values().sum();
        let list: Vec<String> = skipped.iter().map(|(k, n)| format!("{n} {k}")).collect();
        archive.warnings.push(format!("{total} records are not HTML responses and were skipped: {}", list.join(", ")));
    }
    archive
}

/// Reads the records of `data` (a whole `.warc`, or one gzip member at
/// `member`).
fn read_records(
    name: &str,
    data: &[u8],
    member: Option<usize>,
    archive: &mut Archive,
    skipped: &mut BTreeMap<String, usize>,
) {
    let label = |at: usize| match member {
        None => format!("{name}#{at}"),
        Some(m) if at == 0 => format!("{name}#{m}"),
        Some(m) => format!("{name}#{m}+{at}"),
    };
    let mut reader = Counting { data, pos: 0 };
    loop {
        // Blank lines between records.
        while reader.pos < data.len() && matches!(data[reader.pos], b'\r' | b'\n') {
            reader.pos += 1;
        }
        let start = reader.pos;
        if start >= data.len() {
            return;
        }
        let next = warc::WarcReader::new(&mut reader).iter_raw_records().next();
        match next {
            None => {
                if !data[start..].iter().all(u8::is_ascii_whitespace) {
                    archive.parts.push(PagePart::Rejected(
                        label(start),
                        "truncated WARC record: its header block never ends".into(),
                    ));
                }
                return;
            }
            Some(Ok((header, body))) => {
                if let Some(part) = record_part(&label(start), &header, body, skipped) {
                    archive.parts.push(part);
                }
            }
            Some(Err(warc::Error::UnexpectedEOB)) => {
                archive.parts.push(PagePart::Rejected(
                    label(start),
                    "truncated WARC record: the file ends inside its content (Content-Length is longer)".into(),
                ));
                return;
            }
            Some(Err(e)) => {
                archive.parts.push(PagePart::Rejected(label(start), format!("damaged WARC record: {e}")));
                // Go on at the next record.
                match find_record_start(data, start + 1) {
                    Some(at) => reader.pos = at,
                    None => return,
                }
            }
        }
    }
}

/// The next `WARC/1.` at the start of a line, from `from`.
fn find_record_start(data: &[u8], from: usize) -> Option<usize> {
    let needle = b"\nWARC/1.";
    data.get(from.saturating_sub(1)..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| from.saturating_sub(1) + i + 1)
}

/// A header's value as text.
fn header(h: &RawRecordHeader, name: WarcHeader) -> Option<String> {
    h.headers.get(&name).map(|v| String::from_utf8_lossy(v).trim().to_string())
}

/// One record as a page, a rejection, or nothing (counted as skipped).
fn record_part(
    label: &str,
    h: &RawRecordHeader,
    body: Vec<u8>,
    skipped: &mut BTreeMap<String, usize>,
) -> Option<PagePart> {
    let kind = header(h, WarcHeader::WarcType).unwrap_or_else(|| "untyped".into());
    if !kind.eq_ignore_ascii_case("response") {
        *skipped.entry(format!("{kind} records")).or_default() += 1;
        return None;
    }
    let http = match parse_http(&body) {
        Ok(http) => http,
        Err(reason) => return Some(PagePart::Rejected(label.to_string(), format!("response record: {reason}"))),
    };
    let is_html = match &http.content_type {
        Some(ct) => {
            let ct = ct.to_ascii_lowercase();
            ct.contains("text/html") || ct.contains("application/xhtml")
        }
        None => dateline_core::ingest::html::looks_like_html(&String::from_utf8_lossy(
            &http.body[..http.body.len().min(2048)],
        )),
    };
    if !is_html {
        let ct = http.content_type.as_deref().unwrap_or("no content type");
        let ct = ct.split(';').next().unwrap_or(ct).trim().to_string();
        *skipped.entry(format!("responses of {ct}")).or_default() += 1;
        return None;
    }
    if http.status >= 300 {
        *skipped.entry(format!("HTML responses with status {}", http.status)).or_default() += 1;
        return None;
    }
    let url = header(h, WarcHeader::TargetURI).map(|u| u.trim_matches(['<', '>']).to_string());
    let date = header(h, WarcHeader::Date);
    let record = format!(
        "WARC record {label}{}{}",
        url.as_deref().map(|u| format!(", {u}")).unwrap_or_default(),
        date.as_deref().map(|d| format!(", captured {d}")).unwrap_or_default()
    );
    Some(PagePart::Page(PageInput {
        input: label.to_string(),
        bytes: http.body,
        http_charset: http
            .content_type
            .as_deref()
            .and_then(dateline_core::ingest::html::charset::charset_param)
            .map(str::to_string),
        url,
        record: Some(record),
    }))
}

/// An HTTP response: status, content type and decoded body.
struct Http {
    status: u16,
    content_type: Option<String>,
    body: Vec<u8>,
}

/// Parses an HTTP response message (see the module docs).
fn parse_http(message: &[u8]) -> Result<Http, String> {
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut response = httparse::Response::new(&mut headers);
    let start = match response.parse(message) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => return Err("HTTP headers cut short".into()),
        Err(e) => return Err(format!("not an HTTP response ({e})")),
    };
    let status = response.code.unwrap_or(0);
    let get = |name: &str| {
        response
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_string())
    };
    let content_type = get("content-type");
    let mut body = message[start..].to_vec();
    if get("transfer-encoding").is_some_and(|t| t.to_ascii_lowercase().contains("chunked")) {
        body = dechunk(&body)?;
    }
    match get("content-encoding").map(|e| e.to_ascii_lowercase()).as_deref() {
        None | Some("") | Some("identity") => {}
        Some("gzip") | Some("x-gzip") => body = inflate(flate2::read::MultiGzDecoder::new(&body[..]))?,
        Some("deflate") => body = inflate(flate2::read::ZlibDecoder::new(&body[..]))?,
        Some(other) => return Err(format!("unsupported Content-Encoding `{other}`")),
    }
    Ok(Http { status, content_type, body })
}

fn inflate(reader: impl Read) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    reader.take(MAX_MEMBER + 1).read_to_end(&mut out).map_err(|e| format!("compressed body unreadable: {e}"))?;
    if out.len() as u64 > MAX_MEMBER {
        return Err(format!("body decompresses to more than {} MB", MAX_MEMBER >> 20));
    }
    Ok(out)
}

/// Joins the chunks of a chunked body.
fn dechunk(mut data: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    loop {
        match httparse::parse_chunk_size(data) {
            Ok(httparse::Status::Complete((start, 0))) => {
                let _ = start;
                return Ok(out);
            }
            Ok(httparse::Status::Complete((start, size))) => {
                let end = start.checked_add(size as usize).filter(|&e| e <= data.len());
                let Some(end) = end else {
                    // A body cut inside a chunk: keep what is there.
                    out.extend_from_slice(&data[start.min(data.len())..]);
                    return Ok(out);
                };
                out.extend_from_slice(&data[start..end]);
                data = &data[end..];
                data = data.strip_prefix(b"\r\n").unwrap_or(data);
            }
            Ok(httparse::Status::Partial) => return Ok(out),
            Err(_) if out.is_empty() => return Err("chunked body without valid chunks".into()),
            Err(_) => return Ok(out),
        }
    }
}
