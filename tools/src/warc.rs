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
//!   is rejected with the reason and ends the file. A gzip member that
//!   decompresses to more than 256 MB (a video) is rejected and skipped
//!   (decompressed to its end without being kept), and reading goes on
//!   with the next member. Records that are not
//!   HTML responses (requests, metadata, images ...) are counted in one
//!   warning per file (on its last entry).
//! * **Size.** A `.warc.gz` is read from its file a gzip member at a time,
//!   a plain `.warc` a record at a time (`Replay` keeps the current
//!   record's bytes, to find the next record after a damaged one as in the
//!   whole file), and the pages are handed over in batches
//!   ([`read_archive_from`]), so a crawl's archive (typically 1 GB) is
//!   never in memory whole.

use dateline_core::ingest::{PageInput, PagePart};
use std::collections::BTreeMap;
use std::io::{BufRead, Read};
use warc::{RawRecordHeader, WarcHeader};

/// Largest decompressed gzip member or HTTP body read (a bomb beyond it is
/// rejected).
const MAX_MEMBER: u64 = 256 << 20;

/// A size for a message: in MB, or in KB below 1 MB.
fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{} MB", bytes >> 20)
    } else {
        format!("{} KB", bytes >> 10)
    }
}

/// The limit in use for a gzip member: 256 MB (`MAX_MEMBER`), or a smaller one a
/// test sets (to skip a member without making one of 256 MB).
pub static MEMBER_LIMIT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(MAX_MEMBER);

/// What one archive held.
#[derive(Debug, Default)]
pub struct Archive {
    /// Pages and rejected records, in file order.
    pub parts: Vec<PagePart>,
    /// Warnings about the whole file.
    pub warnings: Vec<String>,
}

/// Reads a WARC archive (`gz`: gzipped) named `name` (see the module docs),
/// all of it.
pub fn read_archive(name: &str, bytes: &[u8], gz: bool) -> Archive {
    let mut parts = Vec::new();
    let warnings = read_archive_from(name, &mut &bytes[..], gz, &mut |batch| {
        parts.extend(batch);
    });
    Archive { parts, warnings }
}

/// Pages handed over when this many are waiting, or [`BATCH_BYTES`] of
/// their payloads.
const BATCH_PAGES: usize = 64;
/// See [`BATCH_PAGES`].
const BATCH_BYTES: usize = 8 << 20;

/// Reads a WARC archive from `source` and hands its pages and rejected
/// records to `emit` in file order, a batch at a time; returns the
/// warnings about the whole file. A gzipped archive is read a member at a
/// time, so only one member (a record, as crawlers write them) and one
/// batch of pages are in memory, however large the archive (a crawl's WARC
/// files are typically 1 GB); a plain one a record at a time (see
/// `Replay`).
pub fn read_archive_from(
    name: &str,
    source: &mut dyn BufRead,
    gz: bool,
    emit: &mut dyn FnMut(Vec<PagePart>),
) -> Vec<String> {
    let mut skipped: BTreeMap<String, usize> = BTreeMap::new();
    let mut batch: Vec<PagePart> = Vec::new();
    let mut bytes = 0usize;
    let mut out = |part: PagePart| {
        if let PagePart::Page(p) = &part {
            bytes += p.bytes.len();
        }
        batch.push(part);
        if batch.len() >= BATCH_PAGES || bytes >= BATCH_BYTES {
            emit(std::mem::take(&mut batch));
            bytes = 0;
        }
    };
    if !gz {
        read_records(name, source, None, &mut out, &mut skipped);
    } else {
        read_members(name, source, &mut out, &mut skipped);
    }
    if !batch.is_empty() {
        emit(batch);
    }
    let mut warnings = Vec::new();
    if !skipped.is_empty() {
        let total: usize = skipped.values().sum();
        let list: Vec<String> = skipped.iter().map(|(k, n)| format!("{n} {k}")).collect();
        warnings.push(format!("{total} records are not HTML responses and were skipped: {}", list.join(", ")));
    }
    warnings
}

/// A reader that counts the bytes consumed from it.
struct Tracked<'a> {
    inner: &'a mut dyn BufRead,
    pos: usize,
}

impl Read for Tracked<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n;
        Ok(n)
    }
}

impl BufRead for Tracked<'_> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.pos += amt;
        self.inner.consume(amt);
    }
}

/// Reads the gzip members of a `.warc.gz`, one at a time.
fn read_members(
    name: &str,
    source: &mut dyn BufRead,
    out: &mut dyn FnMut(PagePart),
    skipped: &mut BTreeMap<String, usize>,
) {
    let mut source = Tracked { inner: source, pos: 0 };
    loop {
        let offset = source.pos;
        // Whitespace to the end of the file is no member; whitespace
        // before one is not a gzip member (as read whole).
        let mut blank = 0usize;
        let at_end = loop {
            let buf = match source.fill_buf() {
                Ok(buf) => buf,
                Err(e) => {
                    out(PagePart::Rejected(format!("{name}#{offset}"), format!("unreadable: {e}")));
                    return;
                }
            };
            if buf.is_empty() {
                break true;
            }
            let n = buf.iter().take_while(|b| b.is_ascii_whitespace()).count();
            let rest = n < buf.len();
            source.consume(n);
            blank += n;
            if rest {
                break false;
            }
        };
        if at_end {
            return;
        }
        if blank > 0 {
            out(PagePart::Rejected(
                format!("{name}#{offset}"),
                "not a gzip member (blank bytes before it); the rest of the file is not read".into(),
            ));
            return;
        }
        let mut data = Vec::new();
        let mut decoder = flate2::bufread::GzDecoder::new(&mut source);
        let limit = MEMBER_LIMIT.load(std::sync::atomic::Ordering::Relaxed);
        let read = (&mut decoder).take(limit + 1).read_to_end(&mut data);
        // A member past the limit (a video, as crawlers write one record
        // per member) is decompressed to its end without being kept, and
        // the archive goes on with the next member.
        let over = read.is_ok() && data.len() as u64 > limit;
        let rest = if over {
            data = Vec::new();
            Some(std::io::copy(&mut decoder, &mut std::io::sink()))
        } else {
            None
        };
        drop(decoder);
        match (read, rest) {
            (Ok(_), Some(Ok(_))) => {
                out(PagePart::Rejected(
                    format!("{name}#{offset}"),
                    format!("gzip member decompresses to more than {}: skipped, not read", size(limit)),
                ));
            }
            (Ok(_), Some(Err(e))) => {
                out(PagePart::Rejected(
                    format!("{name}#{offset}"),
                    format!(
                        "gzip member decompresses to more than {} and is cut short ({e}); the rest of the file is not \
                         read",
                        size(limit)
                    ),
                ));
                return;
            }
            (Ok(_), None) => {
                read_records(name, &mut &data[..], Some(offset), out, skipped);
                if source.pos <= offset {
                    return;
                }
            }
            (Err(e), _) => {
                let what = if data.is_empty() { "not a gzip member" } else { "gzip member cut short" };
                out(PagePart::Rejected(
                    format!("{name}#{offset}"),
                    format!("{what} ({e}); the rest of the file is not read"),
                ));
                return;
            }
        }
    }
}

/// Largest record kept for finding the next one after damage ([`Replay`]).
const MAX_KEPT: usize = MAX_MEMBER as usize;

/// The archive as the WARC reader reads it, a record at a time, keeping
/// the bytes read since the current record started: when a record turns
/// out to be damaged (the reader may have read past its end, into the
/// next records), the next record is looked for from just after the
/// damaged one's start, as in the whole file, and what was read past it is
/// served again. So a plain `.warc` is read as it was read whole, with
/// only a record in memory (a record over [`MAX_KEPT`] is not kept, and
/// after its damage the next record is looked for from where the reader
/// stopped).
struct Replay<'a> {
    inner: &'a mut dyn BufRead,
    /// Bytes to serve again before `inner`, from `again_at`.
    again: Vec<u8>,
    again_at: usize,
    /// Bytes served since [`Replay::mark`] (while `keeping`).
    kept: Vec<u8>,
    keeping: bool,
    /// Offset of the next byte served, and of the mark.
    pos: usize,
    mark_pos: usize,
}

/// Where the next record starts: `WARC/1.` at the start of a line.
const NEXT_RECORD: &[u8] = b"\nWARC/1.";

impl<'a> Replay<'a> {
    fn new(inner: &'a mut dyn BufRead) -> Replay<'a> {
        Replay { inner, again: Vec::new(), again_at: 0, kept: Vec::new(), keeping: true, pos: 0, mark_pos: 0 }
    }

    /// A record starts here: keep what is read from now on.
    fn mark(&mut self) {
        self.kept.clear();
        self.keeping = true;
        self.mark_pos = self.pos;
    }

    /// Serves again the bytes from `kept[k..]` on.
    fn replay_from(&mut self, k: usize) {
        let mut again = self.kept.split_off(k);
        again.extend_from_slice(&self.again[self.again_at..]);
        self.pos = self.mark_pos + k;
        (self.again, self.again_at) = (again, 0);
        self.kept.clear();
    }

    /// After a damaged record: goes to the next `WARC/1.` at the start of
    /// a line after the record's first byte; false when there is none.
    fn skip_to_next_record(&mut self) -> std::io::Result<bool> {
        let n = NEXT_RECORD.len();
        if self.keeping {
            if let Some(i) = self.kept.windows(n).position(|w| w == NEXT_RECORD) {
                self.replay_from(i + 1);
                return Ok(true);
            }
        }
        // Not within what was read: read on, matching across reads (no
        // proper prefix of the pattern is also its suffix, so a mismatch
        // restarts the match, at its line break if it is one).
        let step = |matched: usize, b: u8| match b {
            _ if b == NEXT_RECORD[matched] => matched + 1,
            b'\n' => 1,
            _ => 0,
        };
        let tail = if self.keeping { &self.kept[self.kept.len().saturating_sub(n - 1)..] } else { &[][..] };
        let mut matched = tail.iter().fold(0, |m, &b| step(m, b));
        self.keeping = false;
        self.kept.clear();
        loop {
            let buf = self.fill_buf()?;
            if buf.is_empty() {
                return Ok(false);
            }
            let mut used = 0;
            for &b in buf {
                used += 1;
                matched = step(matched, b);
                if matched == n {
                    break;
                }
            }
            self.consume(used);
            if matched == n {
                // Serve the record's first bytes (`WARC/1.`) again.
                let mut again = NEXT_RECORD[1..].to_vec();
                again.extend_from_slice(&self.again[self.again_at..]);
                (self.again, self.again_at) = (again, 0);
                self.pos -= n - 1;
                return Ok(true);
            }
        }
    }
}

impl Read for Replay<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = {
            let have = self.fill_buf()?;
            let n = have.len().min(buf.len());
            buf[..n].copy_from_slice(&have[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Replay<'_> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.again_at < self.again.len() {
            return Ok(&self.again[self.again_at..]);
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        if self.again_at < self.again.len() {
            let end = (self.again_at + amt).min(self.again.len());
            if self.keeping {
                self.kept.extend_from_slice(&self.again[self.again_at..end]);
            }
            self.pos += end - self.again_at;
            self.again_at = end;
            if end == self.again.len() {
                (self.again, self.again_at) = (Vec::new(), 0);
            }
            return;
        }
        if self.keeping {
            // The bytes consumed are those `fill_buf` gave: the reader's
            // buffer, which it gives again without reading.
            if let Ok(buf) = self.inner.fill_buf() {
                self.kept.extend_from_slice(&buf[..amt.min(buf.len())]);
            }
            if self.kept.len() > MAX_KEPT {
                self.keeping = false;
                self.kept = Vec::new();
            }
        }
        self.pos += amt;
        self.inner.consume(amt);
    }
}

/// Reads the records of `source` (a `.warc`, or one gzip member at
/// `member`), a record at a time.
fn read_records(
    name: &str,
    source: &mut dyn BufRead,
    member: Option<usize>,
    out: &mut dyn FnMut(PagePart),
    skipped: &mut BTreeMap<String, usize>,
) {
    let label = |at: usize| match member {
        None => format!("{name}#{at}"),
        Some(m) if at == 0 => format!("{name}#{m}"),
        Some(m) => format!("{name}#{m}+{at}"),
    };
    let mut reader = Replay::new(source);
    loop {
        // Blank lines between records.
        let at_end = loop {
            let buf = match reader.fill_buf() {
                Ok(buf) => buf,
                Err(e) => {
                    out(PagePart::Rejected(label(reader.pos), format!("unreadable: {e}")));
                    return;
                }
            };
            let n = buf.iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
            let (empty, rest) = (buf.is_empty(), n < buf.len());
            reader.consume(n);
            if empty || rest {
                break empty;
            }
        };
        if at_end {
            return;
        }
        reader.mark();
        let start = reader.pos;
        let next = warc::WarcReader::new(&mut reader).iter_raw_records().next();
        match next {
            None => {
                if !(reader.keeping && reader.kept.iter().all(u8::is_ascii_whitespace)) {
                    out(PagePart::Rejected(label(start), "truncated WARC record: its header block never ends".into()));
                }
                return;
            }
            Some(Ok((header, body))) => {
                if let Some(part) = record_part(&label(start), &header, body, skipped) {
                    out(part);
                }
            }
            Some(Err(warc::Error::UnexpectedEOB)) => {
                out(PagePart::Rejected(
                    label(start),
                    "truncated WARC record: the file ends inside its content (Content-Length is longer)".into(),
                ));
                return;
            }
            Some(Err(warc::Error::ReadData(e))) => {
                out(PagePart::Rejected(label(start), format!("unreadable: {e}")));
                return;
            }
            Some(Err(e)) => {
                out(PagePart::Rejected(label(start), format!("damaged WARC record: {e}")));
                // Go on at the next record.
                match reader.skip_to_next_record() {
                    Ok(true) => {}
                    Ok(false) => return,
                    Err(e) => {
                        out(PagePart::Rejected(label(reader.pos), format!("unreadable: {e}")));
                        return;
                    }
                }
            }
        }
    }
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
