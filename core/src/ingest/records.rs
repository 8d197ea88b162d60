//! Multi-record inputs: JSON Lines, JSON arrays/objects and CSV exports.
//!
//! Columns are matched by name, case-insensitively, first match wins:
//!
//! | field   | accepted column names                                         |
//! |---------|---------------------------------------------------------------|
//! | title   | `title`, `headline`                                           |
//! | outlet  | `outlet`, `source`, `media_name`, `publisher`, `source_name`, `site_name`, `source_domain`, `domain` |
//! | date    | `date`, `publish_date`, `date_publish`, `published`, `publication_date`, `pubdate`, `published_at` |
//! | url     | `url`, `link`, `source_url`                                   |
//! | author  | `author`, `authors`, `byline`, `creator`                      |
//! | text    | `text`, `content`, `body`, `maintext`, `article`, `content_original`, `full_text` |
//! | language | `language`, `lang`, `language_code`, `lang_code` (a code or a name, see [`crate::lang::normalize`]) |
//! | HTML    | `html`, `raw_html`, `html_content`, `page_html`, `source_html`, `content_html` |
//!
//! A record with an HTML column (news-please's `html`, a crawler's export)
//! is read as an HTML page ([`super::html`]: metadata, then the visible
//! text), whatever text column it also has; its other columns are hints
//! that win over what the page says. A text column that holds a whole
//! HTML document is read the same way. A record without text or HTML is
//! rejected with a reason; its title alone is not an article.
//!
//! Every row is accounted for: [`rows`] yields one [`Row`] per record, in
//! file order, each either usable or rejected with a reason that names its
//! line (JSON Lines and CSV). A malformed JSON line, a CSV row with more or
//! fewer fields than the header, or an unbalanced quote (see [`CsvRows`])
//! rejects that row only; the rows after it are read as usual. CSV is read
//! with the `csv` crate; JSON Lines and CSV are read lazily, one record at a
//! time, so a large export never has all its records in memory twice, and
//! [`RowStream`] reads them (and a JSON array) from text that arrives in
//! pieces, so that a large file is never held whole.

use super::text::Hints;
use serde_json::Value;

const TITLE: &[&str] = &["title", "headline"];
const OUTLET: &[&str] =
    &["outlet", "source", "media_name", "publisher", "source_name", "site_name", "source_domain", "domain"];
const DATE: &[&str] =
    &["date", "publish_date", "date_publish", "published", "publication_date", "pubdate", "published_at"];
const URL: &[&str] = &["url", "link", "source_url"];
const AUTHOR: &[&str] = &["author", "authors", "byline", "creator"];
const LANGUAGE: &[&str] = &["language", "lang", "language_code", "lang_code"];
const TEXT: &[&str] = &["text", "content", "body", "maintext", "article", "content_original", "full_text"];
const HTML: &[&str] = &["html", "raw_html", "html_content", "page_html", "source_html", "content_html"];

/// One parsed record: hints and text, or the reason it is unusable.
pub type Record = Result<(Hints, String), String>;

fn value_text(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.trim().to_string(),
        Value::Array(items) => items.iter().filter_map(value_text).collect::<Vec<_>>().join(", "),
        Value::Number(n) => n.to_string(),
        Value::Object(o) => o.get("name").and_then(value_text).unwrap_or_default(),
        _ => String::new(),
    };
    (!s.is_empty()).then_some(s)
}

fn pick(get: &dyn Fn(&str) -> Option<String>, names: &[&str]) -> Option<String> {
    names.iter().find_map(|n| get(n))
}

/// A record and whether its text is an HTML page.
fn record_from(get: &dyn Fn(&str) -> Option<String>) -> (Record, bool) {
    if let Some(html) = pick(get, HTML) {
        return (Ok((hints_from(get), html)), true);
    }
    let record = text_record_from(get);
    let html = matches!(&record, Ok((_, text)) if super::html::looks_like_html(text));
    (record, html)
}

fn hints_from(get: &dyn Fn(&str) -> Option<String>) -> Hints {
    Hints {
        title: pick(get, TITLE),
        outlet: pick(get, OUTLET),
        date: pick(get, DATE),
        author: pick(get, AUTHOR),
        url: pick(get, URL),
        language: pick(get, LANGUAGE),
    }
}

fn text_record_from(get: &dyn Fn(&str) -> Option<String>) -> Record {
    let hints = hints_from(get);
    match pick(get, TEXT) {
        Some(text) if text.split_whitespace().count() >= 3 => Ok((hints, text)),
        _ => Err(match &hints.title {
            Some(t) => format!("record \"{t}\" has no text column (text/content/body/maintext) or HTML column (html)"),
            None => "record has neither title nor text".to_string(),
        }),
    }
}

fn json_record(v: &Value) -> (Record, bool) {
    match v {
        Value::Object(map) => {
            let get =
                |name: &str| map.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).and_then(|(_, v)| value_text(v));
            record_from(&get)
        }
        _ => (Err("record is not a JSON object".into()), false),
    }
}

/// One row of a multi-record file, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Line (1-based) where the row starts; `None` in a JSON document,
    /// whose records are numbered instead.
    pub line: Option<u64>,
    /// Byte offset in the text where the row starts (0 in a JSON document),
    /// for progress bars.
    pub offset: usize,
    /// The record, or why the row is unusable (the reason names the line).
    pub record: Record,
    /// Whether the record's text is an HTML page (an HTML column, or a
    /// text column holding a whole document).
    pub html: bool,
}

/// The rows of a multi-record file of `format` (`jsonl`, `json`, `csv`),
/// produced lazily so that a large file never has all its records in
/// memory at once (a `json` document is parsed whole). `Err` means the file
/// as a whole is unusable (invalid JSON document, CSV without a header row or
/// without a text column).
pub fn rows<'a>(text: &'a str, format: &str) -> Result<Box<dyn Iterator<Item = Row> + 'a>, String> {
    match format {
        "jsonl" => Ok(Box::new(jsonl_rows(text))),
        "json" => json_rows(text),
        "csv" => Ok(Box::new(CsvRows::new(text)?)),
        other => Err(format!("unknown record format {other}")),
    }
}

/// [`rows`] collected, without line numbers.
pub fn parse(text: &str, format: &str) -> Result<Vec<Record>, String> {
    Ok(rows(text, format)?.map(|r| r.record).collect())
}

/// `serde_json` errors say "at line 1 column N" about the one line they
/// parsed: keep only the column.
fn json_error(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rsplit_once(" at line 1 column ") {
        Some((what, col)) => format!("{what} (column {col})"),
        None => s,
    }
}

/// Prefixes the reason of a rejected record with its line.
fn at_line(line: u64, record: Record) -> Record {
    record.map_err(|reason| format!("line {line}: {reason}"))
}

/// JSON Lines: one object per non-blank line.
fn jsonl_rows(text: &str) -> impl Iterator<Item = Row> + '_ {
    jsonl_rows_at(text, (0, 1))
}

/// [`jsonl_rows`] of a piece of a file that starts at byte `origin.0` on
/// line `origin.1` (a piece ending at a line break, see [`RowStream`]).
fn jsonl_rows_at(text: &str, origin: (usize, u64)) -> impl Iterator<Item = Row> + '_ {
    let mut offset = origin.0;
    text.split_inclusive('\n')
        .zip(origin.1..)
        .map(move |(l, n)| {
            let at = offset;
            offset += l.len();
            (l.trim_end_matches(['\n', '\r']), n, at)
        })
        .filter(|(l, _, _)| !l.trim().is_empty())
        .map(|(l, n, offset)| {
            let (record, html) = match serde_json::from_str::<Value>(l) {
                Ok(v) => {
                    let (record, html) = json_record(&v);
                    (at_line(n, record), html)
                }
                Err(e) => (Err(format!("line {n}: invalid JSON: {}", json_error(&e))), false),
            };
            Row { line: Some(n), offset, record, html }
        })
}

/// A JSON document: an array of articles, an object holding one, or a
/// single article.
fn json_rows(text: &str) -> Result<Box<dyn Iterator<Item = Row> + '_>, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
    let items = match v {
        Value::Array(items) => items,
        Value::Object(mut map) => {
            // {"articles": [...]} or a single article.
            let key = map
                .iter()
                .find(|(_, v)| v.as_array().is_some_and(|a| !a.is_empty() && a.iter().all(Value::is_object)))
                .map(|(k, _)| k.clone());
            match key.and_then(|k| map.remove(&k)) {
                Some(Value::Array(items)) => items,
                _ => vec![Value::Object(map)],
            }
        }
        _ => return Err("JSON is neither an array nor an object of articles".into()),
    };
    Ok(Box::new(items.into_iter().map(|v| {
        let (record, html) = json_record(&v);
        Row { line: None, offset: 0, record, html }
    })))
}

/// The delimiter of a CSV file (`,` `;` or tab): the most frequent of them
/// in the header line, outside quotes.
fn csv_delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in first.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    // Ties go to the comma (first in the list).
    let best = (0..3).rev().max_by_key(|&i| counts[i]).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// CSV rows, read with the `csv` crate (RFC 4180; fields may be quoted and
/// span lines). The first row is the header. Malformed rows are rejected
/// with their line number and the reading goes on:
///
/// * a row with more or fewer fields than the header (an unquoted
///   delimiter, a missing column) is rejected: its values cannot be trusted
///   to be in their columns;
/// * a quote that opens a field and is never closed would swallow the rows
///   after it into one field. A row that spans several lines and either has
///   the wrong number of fields or a line break outside the text column is
///   taken for that: its first line is rejected ("unbalanced quote") and
///   reading starts again on the next line, so the rows after it are read
///   as rows.
struct CsvRows<'a> {
    text: &'a str,
    /// Byte offset and line of `text`'s first byte in the file (not 0 and
    /// 1 for a piece of a file read in parts, see [`RowStream`]).
    origin: (usize, u64),
    delimiter: u8,
    header: Vec<String>,
    /// Byte offset in `text` and line number (in the file) where `reader`
    /// starts.
    base: (usize, u64),
    reader: csv::Reader<&'a [u8]>,
    record: csv::StringRecord,
    /// Offset in `text` just past the last record read, before a restart
    /// after an unbalanced quote: how far the reader had to look.
    read_end: usize,
    /// Offset in `text` where the reader started looking for the last
    /// record read (before the blank lines it skips).
    record_start: usize,
}

/// The delimiter and the lowercased column names of a CSV header.
type CsvHeader = (u8, Vec<String>);

impl<'a> CsvRows<'a> {
    fn new(text: &'a str) -> Result<Self, String> {
        let (header, end) = Self::read_header(text);
        let (delimiter, header) = header?;
        Ok(Self::after_header(text, (0, 1), (delimiter, header), end))
    }

    /// Reads the header row of `text`: the delimiter and the column names,
    /// or why the file is unusable; and the offset where the header row
    /// ends.
    fn read_header(text: &'a str) -> (Result<CsvHeader, String>, usize) {
        let delimiter = csv_delimiter(text);
        let mut reader = Self::reader(text, delimiter, 0);
        let mut record = csv::StringRecord::new();
        let read = reader.read_record(&mut record);
        let end = reader.position().byte() as usize;
        let header = match read {
            Ok(true) => record.iter().map(|h| h.trim().to_lowercase()).collect::<Vec<_>>(),
            Ok(false) => return (Err("CSV has no header row".into()), end),
            Err(e) => return (Err(format!("CSV header: {e}")), end),
        };
        if !header.iter().any(|h| TEXT.contains(&h.as_str()) || HTML.contains(&h.as_str())) {
            let reason = format!(
                "CSV has no text column (one of {}) or HTML column (one of {}); columns are: {}",
                TEXT.join(", "),
                HTML.join(", "),
                header.join(", ")
            );
            return (Err(reason), end);
        }
        (Ok((delimiter, header)), end)
    }

    /// The rows of `text`, from its byte `from` on (after the header), the
    /// text starting at byte `origin.0` on line `origin.1` of its file.
    fn after_header(text: &'a str, origin: (usize, u64), (delimiter, header): CsvHeader, from: usize) -> Self {
        let line = origin.1 + text.as_bytes()[..from].iter().filter(|&&b| b == b'\n').count() as u64;
        CsvRows {
            text,
            origin,
            delimiter,
            header,
            base: (from, line),
            reader: Self::reader(text, delimiter, from),
            record: csv::StringRecord::new(),
            read_end: from,
            record_start: from,
        }
    }

    fn reader(text: &'a str, delimiter: u8, from: usize) -> csv::Reader<&'a [u8]> {
        csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(&text.as_bytes()[from..])
    }

    /// Where the next row starts looking, as an offset in `text`.
    fn next_start(&self) -> usize {
        self.base.0 + self.reader.position().byte() as usize
    }

    /// Starts reading again at the line after the one starting at byte
    /// `at` (in `text`) on line `line`.
    fn resume_after(&mut self, at: usize, line: u64) {
        let next = self.text.as_bytes()[at..].iter().position(|&b| b == b'\n').map_or(self.text.len(), |i| at + i + 1);
        self.base = (next, line + 1);
        self.reader = Self::reader(self.text, self.delimiter, next);
    }
}

impl Iterator for CsvRows<'_> {
    type Item = Row;

    fn next(&mut self) -> Option<Row> {
        loop {
            self.record_start = self.next_start();
            let read = self.reader.read_record(&mut self.record);
            self.read_end = self.next_start();
            let pos = self.record.position().cloned().unwrap_or_else(csv::Position::new);
            let mut line = self.base.1 + pos.line().saturating_sub(1);
            let mut offset = self.base.0 + pos.byte() as usize;
            // The position is where the reader started looking for the
            // record, before the blank lines it skips.
            while let Some(&b) = self.text.as_bytes().get(offset).filter(|b| matches!(b, b'\n' | b'\r')) {
                line += u64::from(b == b'\n');
                offset += 1;
            }
            match read {
                Ok(false) => return None,
                Ok(true) => {}
                Err(e) => {
                    // Only invalid UTF-8 or I/O, which cannot happen on a
                    // `&str`; reject the line and go on after it.
                    self.resume_after(offset, line);
                    let record = Err(format!("line {line}: unreadable CSV row: {e}"));
                    return Some(Row { line: Some(line), offset: self.origin.0 + offset, record, html: false });
                }
            }
            let fields = self.record.len();
            if self.record.iter().all(|f| f.trim().is_empty()) {
                continue; // a blank row is not a record
            }
            let width = self.header.len();
            let multiline = self.record.iter().any(|f| f.contains('\n'));
            let broken_column = self
                .record
                .iter()
                .zip(&self.header)
                .any(|(f, h)| f.contains('\n') && !TEXT.contains(&h.as_str()) && !HTML.contains(&h.as_str()));
            if multiline && (fields != width || broken_column) {
                let lines = self.record.iter().map(|f| f.matches('\n').count()).sum::<usize>() + 1;
                self.resume_after(offset, line);
                return Some(Row {
                    line: Some(line),
                    offset: self.origin.0 + offset,
                    record: Err(format!(
                        "line {line}: unbalanced quote: a quoted field opened on this line runs over {lines} lines \
                         ({fields} field{} where the header has {width}); this line is rejected and reading goes \
                         on with line {}",
                        if fields == 1 { "" } else { "s" },
                        line + 1
                    )),
                    html: false,
                });
            }
            if fields != width {
                let delimiter = char::from(self.delimiter);
                let why = if fields > width {
                    "more than the columns: an unquoted delimiter?"
                } else if self.record.iter().any(|f| f.contains(delimiter)) {
                    "a quoted field holds delimiters, probably an unbalanced quote"
                } else {
                    "fewer than the columns: a missing value?"
                };
                let s = if fields == 1 { "" } else { "s" };
                return Some(Row {
                    line: Some(line),
                    offset: self.origin.0 + offset,
                    record: Err(format!("line {line}: {fields} field{s} where the header has {width} ({why})")),
                    html: false,
                });
            }
            let record = &self.record;
            let header = &self.header;
            let get = |name: &str| {
                header
                    .iter()
                    .position(|h| h == name)
                    .and_then(|i| record.get(i))
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
            };
            let (record, html) = record_from(&get);
            return Some(Row { line: Some(line), offset: self.origin.0 + offset, record: at_line(line, record), html });
        }
    }
}

/// The rows of a JSON Lines or CSV file, or of a JSON array, read a piece
/// of text at a time, so that a large export is never held whole (the tools read big files
/// this way, see [`super::PrepareStream`]). However the file is cut into
/// pieces, the rows are those [`rows`] gives for the whole text, with the
/// same lines, offsets and reasons (a property test checks this).
///
/// A row is given once it is complete: once a line break follows the end
/// of its record. For CSV that is the end the reader had to read to, which
/// for an unbalanced quote can be far down the file (the rest of the file
/// then waits here, as the whole text would be read). What is not complete
/// waits for the next piece; [`finish`](Self::finish) gives the rest.
///
/// The work stays linear in the file's size however it is cut: a piece
/// with no line break completes nothing, so nothing is read again for it;
/// and a CSV record that runs into the end of the text so far (a long
/// quoted field, or a quote never closed, whose record may be the rest of
/// the file) is followed by csv-core's state machine ([`RecordEnd`]), one
/// new piece at a time, and read again as rows only once it has ended.
/// Reading it again at every piece made a file with an unclosed quote
/// quadratic (92 MB after the quote took 20 s).
pub struct RowStream {
    csv: bool,
    /// A JSON document: its array's elements (see [`super::json_array`]).
    array: Option<super::json_array::ArrayScanner>,
    /// CSV: the delimiter and the columns, once the header row is read.
    header: Option<CsvHeader>,
    /// Text not given as rows yet, starting at byte `origin.0` of the file
    /// on line `origin.1`.
    pending: String,
    origin: (usize, u64),
    /// The file as a whole was found unusable: nothing more is read.
    failed: bool,
    /// Offset in `pending` of its last line break.
    newline: Option<usize>,
    /// The file offset of the line break that the last reading of rows
    /// stopped at: until a later one arrives, no more rows can complete.
    taken_to: Option<usize>,
    /// CSV: the record that ran into the end of the text so far, followed
    /// until it ends (boxed: csv-core's reader holds its tables).
    waiting: Option<Box<RecordEnd>>,
    /// Bytes of text read as CSV rows so far (counting text read again),
    /// to check that the work stays linear ([`RowStream::csv_bytes_read`]).
    csv_read: usize,
}

/// Where a CSV record that ran into the end of the text so far ends:
/// csv-core's reader (the state machine under the `csv` crate, with the
/// same settings, so it finds the same record ends) is fed the text from
/// the record's start, each byte once, and says when a record has ended.
struct RecordEnd {
    reader: csv_core::Reader,
    /// Offset in the pending text up to which it has been fed.
    fed: usize,
}

impl RecordEnd {
    fn new(delimiter: u8, start: usize) -> RecordEnd {
        RecordEnd { reader: csv_core::ReaderBuilder::new().delimiter(delimiter).build(), fed: start }
    }

    /// Follows the record starting at `start` in `text` (fed up to the end
    /// of `text`); `None` when it has ended already.
    fn follow(delimiter: u8, start: usize, text: &str) -> Option<Box<RecordEnd>> {
        let mut waiting = Box::new(RecordEnd::new(delimiter, start));
        (!waiting.ended(text.as_bytes())).then_some(waiting)
    }

    /// Feeds the text after what was fed before; true once a record ended.
    fn ended(&mut self, text: &[u8]) -> bool {
        // The fields' text is not needed: the buffer is written over.
        let mut out = [0u8; 1024];
        // Never an empty input: csv-core reads it as the end of the file,
        // which would end the record.
        while self.fed < text.len() {
            let (result, read, _) = self.reader.read_field(&text[self.fed..], &mut out);
            self.fed += read;
            match result {
                csv_core::ReadFieldResult::Field { record_end: true } => return true,
                csv_core::ReadFieldResult::InputEmpty | csv_core::ReadFieldResult::End => return false,
                csv_core::ReadFieldResult::Field { record_end: false } | csv_core::ReadFieldResult::OutputFull => {}
            }
        }
        false
    }
}

impl RowStream {
    /// Rows of a `jsonl`, `csv` or `json` file. A JSON document must be
    /// known to be a valid array (the rows of any other are not those
    /// [`rows`] gives: the tools check, see [`super::json_array`]).
    pub fn new(format: &str) -> Result<RowStream, String> {
        let (csv, array) = match format {
            "jsonl" => (false, None),
            "csv" => (true, None),
            "json" => (false, Some(super::json_array::ArrayScanner::default())),
            other => return Err(format!("{other} records are not read in pieces")),
        };
        Ok(RowStream {
            csv,
            array,
            header: None,
            pending: String::new(),
            origin: (0, 1),
            failed: false,
            newline: None,
            taken_to: None,
            waiting: None,
            csv_read: 0,
        })
    }

    /// Adds the next piece of the file's text and gives the rows it
    /// completes; `Err` says why the file as a whole is unusable (a CSV
    /// file without a header row or a text column), once: after it,
    /// nothing is read.
    pub fn push(&mut self, piece: &str) -> Result<Vec<Row>, String> {
        if self.failed {
            return Ok(Vec::new());
        }
        if let Some(i) = piece.rfind('\n') {
            self.newline = Some(self.pending.len() + i);
        }
        self.pending.push_str(piece);
        self.take(false)
    }

    /// Bytes of text read as CSV rows so far, text read again included:
    /// a measure of the work, which stays within a small multiple of the
    /// file's size however it is cut (a test checks it).
    pub fn csv_bytes_read(&self) -> usize {
        self.csv_read
    }

    /// The rows left at the end of the file.
    pub fn finish(&mut self) -> Result<Vec<Row>, String> {
        if self.failed {
            return Ok(Vec::new());
        }
        self.take(true)
    }

    fn take(&mut self, last: bool) -> Result<Vec<Row>, String> {
        if self.array.is_some() {
            return self.take_json(last);
        }
        // A record ending before the last line break is complete.
        let limit = match (last, self.newline) {
            (true, _) => self.pending.len(),
            (false, Some(i)) => i,
            (false, None) => return Ok(Vec::new()),
        };
        if !last {
            // No line break since the last reading: nothing more completes.
            if self.taken_to == Some(self.origin.0 + limit) {
                return Ok(Vec::new());
            }
            self.taken_to = Some(self.origin.0 + limit);
            if let Some(waiting) = self.waiting.as_mut() {
                if !waiting.ended(self.pending.as_bytes()) {
                    return Ok(Vec::new());
                }
            }
        }
        self.waiting = None;
        let (rows, used) = if self.csv {
            self.take_csv(limit, last)?
        } else {
            let end = if last { limit } else { limit + 1 };
            (jsonl_rows_at(&self.pending[..end], self.origin).collect(), end)
        };
        let used_text = &self.pending[..used];
        self.origin = (self.origin.0 + used, self.origin.1 + used_text.matches('\n').count() as u64);
        self.pending.drain(..used);
        self.newline = self.newline.and_then(|n| n.checked_sub(used));
        if let Some(waiting) = self.waiting.as_mut() {
            waiting.fed -= used;
        }
        Ok(rows)
    }

    /// The rows of the array elements completed so far (numbered, as a
    /// JSON document's are, not by line).
    fn take_json(&mut self, last: bool) -> Result<Vec<Row>, String> {
        let Some(scanner) = self.array.as_mut() else { return Ok(Vec::new()) };
        let fail = |failed: &mut bool, reason: String| {
            *failed = true;
            Err(reason)
        };
        let ranges = match scanner.scan(&self.pending) {
            Ok(ranges) => ranges,
            Err(reason) => return fail(&mut self.failed, reason),
        };
        let mut rows = Vec::with_capacity(ranges.len());
        for r in ranges {
            match serde_json::from_str::<Value>(&self.pending[r]) {
                Ok(v) => {
                    let (record, html) = json_record(&v);
                    rows.push(Row { line: None, offset: 0, record, html });
                }
                Err(e) => return fail(&mut self.failed, format!("invalid JSON: {e}")),
            }
        }
        if last && !scanner.closed() {
            return fail(&mut self.failed, "invalid JSON: the array is never closed".into());
        }
        let n = scanner.done_with();
        scanner.dropped(n);
        self.pending.drain(..n);
        Ok(rows)
    }

    /// The CSV rows that end at or before `limit`, and how much of the
    /// pending text they used.
    fn take_csv(&mut self, limit: usize, last: bool) -> Result<(Vec<Row>, usize), String> {
        let text = self.pending.as_str();
        let (header, from) = match self.header.take() {
            Some(header) => (header, 0),
            None => {
                let (header, end) = CsvRows::read_header(text);
                self.csv_read += end;
                if !last && end > limit {
                    // The header row is not complete yet.
                    if end >= text.len() {
                        self.waiting = RecordEnd::follow(csv_delimiter(text), 0, text);
                    }
                    return Ok((Vec::new(), 0));
                }
                match header {
                    Ok(header) => (header, end),
                    Err(reason) => {
                        self.failed = true;
                        return Err(reason);
                    }
                }
            }
        };
        let mut csv = CsvRows::after_header(text, self.origin, header, from);
        let (mut rows, mut used) = (Vec::new(), from);
        while let Some(row) = csv.next() {
            if !last && csv.read_end > limit {
                // Its record may go on in the next piece. When it ran into
                // the end of the text, it is followed until it ends.
                if csv.read_end >= text.len() {
                    self.waiting = RecordEnd::follow(csv.delimiter, csv.record_start, text);
                }
                break;
            }
            rows.push(row);
            used = csv.next_start();
        }
        self.csv_read += csv.read_end - from;
        if last {
            used = text.len();
        }
        self.header = Some((csv.delimiter, csv.header));
        Ok((rows, used))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_with_media_cloud_and_news_please_shapes() {
        let text = r#"{"title": "A", "media_name": "RT", "publish_date": "2021-01-11 10:00:00", "text": "one two three four"}
{"title": "B", "source_domain": "tass.com", "date_publish": "2023-10-05", "maintext": "five six seven eight", "authors": ["X Y", "Z W"]}
{"title": "C"}
not json"#;
        let recs = parse(text, "jsonl").expect("parsed");
        assert_eq!(recs.len(), 4);
        let (h, t) = recs[0].clone().expect("ok");
        assert_eq!(
            (h.outlet.as_deref(), h.date.as_deref(), t.as_str()),
            (Some("RT"), Some("2021-01-11 10:00:00"), "one two three four")
        );
        let (h, _) = recs[1].clone().expect("ok");
        assert_eq!(h.author.as_deref(), Some("X Y, Z W"));
        assert!(recs[2].clone().unwrap_err().contains("no text column"));
        assert!(recs[3].clone().unwrap_err().contains("invalid JSON"));
    }

    /// A row's line and its title, or why it is rejected.
    type Outcome = (Option<u64>, Result<Option<String>, String>);

    /// Rows of a CSV text.
    fn csv(text: &str) -> Vec<Outcome> {
        rows(text, "csv").expect("csv").map(|r| (r.line, r.record.map(|(h, _)| h.title))).collect()
    }

    #[test]
    fn csv_quoting_and_delimiters() {
        let recs = parse("title;content\n\"x;\"\"y\"\"\";\"multi\nline text here\"\n", "csv").expect("ok");
        let (h, text) = recs[0].clone().expect("row");
        assert_eq!((h.title.as_deref(), text.as_str()), (Some("x;\"y\""), "multi\nline text here"));
        let recs = parse("title,source,content\nT,RT,hello there world\n", "csv").expect("ok");
        assert_eq!(recs.len(), 1);
        let recs = parse("title\tcontent\nT\thello there world\n", "csv").expect("tab");
        assert_eq!(recs[0].clone().expect("row").0.title.as_deref(), Some("T"));
        assert!(parse("title,source\nT,RT\n", "csv").unwrap_err().contains("no text column"));
        assert!(parse("", "csv").unwrap_err().contains("no header"));
    }

    /// Regression (issue 13): an unbalanced quote swallowed the next row and
    /// the report said "4 inputs: 4 ingested" for 5 rows.
    #[test]
    fn csv_unbalanced_quote_rejects_its_line_and_keeps_the_next_rows() {
        let text = "title,source,content\n\
                    One,RT,first article text here\n\
                    \"Two,RT,second article text here\n\
                    Three,RT,\"third article, text here\"\n\
                    Four,RT,fourth article text here\n\
                    Five,RT,fifth article text here\n";
        let got = csv(text);
        assert_eq!(got.len(), 5, "{got:?}");
        assert_eq!(got[0], (Some(2), Ok(Some("One".into()))));
        assert_eq!(got[1].0, Some(3));
        let reason = got[1].1.clone().unwrap_err();
        assert!(reason.starts_with("line 3: unbalanced quote"), "{reason}");
        assert_eq!(got[2], (Some(4), Ok(Some("Three".into()))));
        assert_eq!(got[3], (Some(5), Ok(Some("Four".into()))));
        assert_eq!(got[4], (Some(6), Ok(Some("Five".into()))));
        // A quote never closed until the end of the file.
        let got = csv("title,content\nA,one two three\n\"B,four five six\nC,seven eight nine\n");
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got[1].1.clone().unwrap_err().starts_with("line 3: unbalanced quote"));
        assert_eq!(got[2], (Some(4), Ok(Some("C".into()))));
    }

    #[test]
    fn csv_rows_with_too_many_or_too_few_fields_are_rejected_by_line() {
        let got = csv("title,source,content\n\
                       A,RT,one two three\n\
                       B,RT,four, five six\n\
                       C,RT\n\
                       \n\
                       D,RT,\"a quoted\nmulti-line text\"\n\
                       E,RT,seven eight nine\n");
        let lines: Vec<Option<u64>> = got.iter().map(|g| g.0).collect();
        assert_eq!(lines, [Some(2), Some(3), Some(4), Some(6), Some(8)]);
        assert_eq!(got[0].1, Ok(Some("A".into())));
        let too_many = got[1].1.clone().unwrap_err();
        assert_eq!(too_many, "line 3: 4 fields where the header has 3 (more than the columns: an unquoted delimiter?)");
        let too_few = got[2].1.clone().unwrap_err();
        assert_eq!(too_few, "line 4: 2 fields where the header has 3 (fewer than the columns: a missing value?)");
        assert_eq!(got[3].1, Ok(Some("D".into())));
        assert_eq!(got[4].1, Ok(Some("E".into())));
    }

    #[test]
    fn csv_line_break_in_a_title_is_an_unbalanced_quote() {
        // Three fields, as the header, but the quote opened in the title
        // runs into the next row.
        let got = csv("title,source,content\n\"A,RT,one two three\nB\",RT,four five six\nC,RT,seven eight nine\n");
        assert!(got[0].1.clone().unwrap_err().starts_with("line 2: unbalanced quote"), "{got:?}");
        assert_eq!(got.last().cloned(), Some((Some(4), Ok(Some("C".into())))));
    }

    #[test]
    fn jsonl_errors_name_their_line() {
        let got: Vec<Row> =
            rows("{\"title\": \"A\", \"text\": \"one two three\"}\n\n{\"title\": \"B\",\n[1]\n", "jsonl")
                .expect("jsonl")
                .collect();
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].line, Some(1));
        let bad = got[1].record.clone().unwrap_err();
        assert_eq!(bad, "line 3: invalid JSON: EOF while parsing a value (column 14)");
        assert_eq!(got[2].record.clone().unwrap_err(), "line 4: record is not a JSON object");
    }

    /// The rows of `text` read in pieces cut at `cuts` (byte offsets,
    /// moved back to a character boundary), as a [`RowStream`] gives them.
    fn streamed(text: &str, format: &str, cuts: &[usize]) -> Result<Vec<Row>, String> {
        let mut stream = RowStream::new(format)?;
        let mut cuts: Vec<usize> = cuts
            .iter()
            .map(|&c| (0..=c.min(text.len())).rev().find(|&c| text.is_char_boundary(c)).unwrap_or(0))
            .collect();
        cuts.sort_unstable();
        let (mut out, mut from) = (Vec::new(), 0);
        for to in cuts.into_iter().chain([text.len()]) {
            out.extend(stream.push(&text[from..to])?);
            from = to;
        }
        out.extend(stream.finish()?);
        Ok(out)
    }

    /// The rows of `text`, read whole.
    fn whole(text: &str, format: &str) -> Result<Vec<Row>, String> {
        rows(text, format).map(Iterator::collect)
    }

    #[test]
    fn rows_read_in_pieces_are_the_rows_of_the_whole_text() {
        let csv = "title,source,content\r\n\
                   One,RT,\"first, article\r\ntext here\"\r\n\
                   \r\n\
                   \"Two,RT,second article text here\n\
                   Three,RT,\"third article, text here\"\n\
                   Four,RT\n\
                   Fünf,RT,fifth article text here";
        let jsonl = "{\"title\": \"A\", \"text\": \"one two three\"}\r\n\n{\"title\": \"B\",\n[1]\n{\"title\": \"Ü\", \"text\": \"four five six\"}";
        let json = "[{\"title\": \"A, [b]\", \"text\": \"one \\\"two\\\" three\"},\n 7, {\"title\": \"No text\"},\n{\"title\": \"Ü\", \"html\": \"<html><body><p>four five six</p></body></html>\"}]\n";
        for (text, format) in [(csv, "csv"), (jsonl, "jsonl"), (json, "json")] {
            let want = whole(text, format).expect("rows");
            assert!(want.len() >= 4, "{want:?}");
            for cut in 0..=text.len() {
                assert_eq!(streamed(text, format, &[cut]), Ok(want.clone()), "{format} cut at {cut}");
            }
            let every: Vec<usize> = (0..text.len()).collect();
            assert_eq!(streamed(text, format, &every), Ok(want), "{format} cut everywhere");
        }
    }

    #[test]
    fn a_csv_file_without_a_text_column_is_refused_once_in_pieces() {
        let text = "title,source\nT,RT\nU,RT\n";
        let mut stream = RowStream::new("csv").expect("csv");
        assert_eq!(stream.push("title,sou"), Ok(vec![]), "the header is not complete yet");
        let err = stream.push("rce\nT,RT\n").unwrap_err();
        assert_eq!(Err(err), whole(text, "csv").map(|_| ()));
        assert_eq!(stream.push("U,RT\n"), Ok(vec![]));
        assert_eq!(stream.finish(), Ok(vec![]));
        assert!(RowStream::new("txt").is_err(), "a text file is one article");
        // Blank lines only: no header, said at the end.
        let mut stream = RowStream::new("csv").expect("csv");
        assert_eq!(stream.push("\n\n"), Ok(vec![]));
        assert_eq!(stream.finish().unwrap_err(), "CSV has no header row");
    }

    /// The regression: a quote never closed made the rest of the file one
    /// record that ran into the end of the text at every piece, and it was
    /// read again at every piece (quadratic). Now the work is linear,
    /// however small the pieces; so it is for a long quoted field that does
    /// end, and for pieces without line breaks.
    #[test]
    fn an_unclosed_quote_is_not_read_again_at_every_piece() {
        let rows: String = (0..2000).map(|i| format!("Title {i},RT,text of row {i}\n")).collect();
        let long_field = "x, \"\"y\"\" z\n".repeat(2000);
        let unclosed = format!("title,source,content\nT,RT,\"never closed\n{rows}");
        let long = format!("title,source,content\nT,RT,\"{long_field}\"\n{rows}");
        let one_line = format!("title,source,content\nT,RT,{}\n{rows}", "word ".repeat(20_000));
        for (name, text) in [("unclosed", unclosed), ("long field", long), ("one long line", one_line)] {
            let want = whole(&text, "csv").expect("rows");
            for piece in [1, 7, 64, 4096] {
                let mut stream = RowStream::new("csv").expect("csv");
                let mut got = Vec::new();
                let mut from = 0;
                while from < text.len() {
                    let to = (from + piece).min(text.len());
                    got.extend(stream.push(&text[from..to]).expect("push"));
                    from = to;
                }
                got.extend(stream.finish().expect("finish"));
                assert_eq!(got, want, "{name}, pieces of {piece}");
                let read = stream.csv_bytes_read();
                assert!(read <= 4 * text.len(), "{name}, pieces of {piece}: read {read} bytes of {}", text.len());
            }
        }
    }

    proptest::proptest! {
        /// A RowStream against the whole-text reader (the oracle), on
        /// generated CSV and JSON Lines files with quotes, line breaks in
        /// fields, CRLF, blank lines, broken rows and non-ASCII text, cut
        /// anywhere.
        #[test]
        fn row_stream_matches_the_whole_text(
            lines in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("T,RT,one two three".to_string()),
                    proptest::strategy::Just("\"Q, \"\"x\"\"\",RT,\"multi\nline, text é\"".to_string()),
                    proptest::strategy::Just("\"broken,RT,four five six".to_string()),
                    proptest::strategy::Just("short,RT".to_string()),
                    proptest::strategy::Just(String::new()),
                    proptest::strategy::Just("{\"title\": \"J\", \"text\": \"seven eight nine ü\"}".to_string()),
                    proptest::strategy::Just("{\"title\": ".to_string()),
                    "[a-z,\" \r]{0,12}",
                ],
                0..12,
            ),
            crlf in proptest::bool::ANY,
            cuts in proptest::collection::vec(0usize..400, 0..6),
            piece in 1usize..24,
        ) {
            let eol = if crlf { "\r\n" } else { "\n" };
            let body = lines.join(eol);
            // Also cut into small pieces of one size (many pieces complete
            // nothing, and a record waits through several).
            let every: Vec<usize> = (1..400).map(|i| i * piece).collect();
            let csv = format!("title,source,content{eol}{body}");
            proptest::prop_assert_eq!(streamed(&csv, "csv", &every), whole(&csv, "csv"));
            proptest::prop_assert_eq!(streamed(&body, "jsonl", &every), whole(&body, "jsonl"));
            let csv = format!("title,source,content{eol}{body}");
            proptest::prop_assert_eq!(streamed(&csv, "csv", &cuts), whole(&csv, "csv"));
            proptest::prop_assert_eq!(streamed(&body, "jsonl", &cuts), whole(&body, "jsonl"));
            // The valid JSON lines as one JSON array.
            let values: Vec<Value> = lines.iter().filter_map(|l| serde_json::from_str(l).ok()).collect();
            let array = if crlf { serde_json::to_string_pretty(&values) } else { serde_json::to_string(&values) };
            let array = array.expect("json");
            proptest::prop_assert_eq!(streamed(&array, "json", &cuts), whole(&array, "json"));
        }
    }
}
