//! Large JSON Lines and CSV files read a block at a time, WARC archives a
//! gzip member at a time, and prepared files stored a part at a time.
//!
//! **Reading in blocks** (`prepare_streamed`). A big export is mostly
//! one JSON Lines or CSV file; read whole, its bytes (or decoded text) and
//! everything extracted from it were in memory together until the file was
//! added: a 200 MB file peaked at 515 MB, 2.6 times its size. Such a file
//! is now read twice, in blocks of [`BLOCK`] bytes:
//!
//! 1. a scan ([`PlainScan`]) tells whether it is plain UTF-8 text (valid,
//!    not blank, not binary), the only kind whose text is known without
//!    looking at all of it (the encoding repairs of
//!    [`mod@dateline_core::ingest::decode`] decide on the whole file); the
//!    scan also makes the cache key, so a cached file is never read again;
//! 2. a plain file's blocks go to a [`PrepareStream`], which extracts the
//!    records each block completes; each part is handed to the adder at
//!    once (and written to the cache), so what is in memory is one block,
//!    the records in flight and the corpus.
//!
//! A `.json` document is read this way when it is an array: the scan then
//! also reads it with `serde_json` into `serde::de::IgnoredAny`, which
//! checks that it is valid without building it, and its elements are
//! found in the text a piece at a time (`dateline_core::ingest::json_array`).
//! A JSON Lines or CSV file that is not plain UTF-8 (a legacy encoding,
//! such as a spreadsheet's Windows-1252 export, or UTF-8 with a few bad
//! lines) is read once more by a [`DecodeScan`], which decides its
//! decoding as on the whole file, then decoded a block at a time
//! ([`LineDecoder`], into one reused 64 KiB buffer): a 193 MB
//! Windows-1252 CSV file peaked at 1.36 GB read whole and at 435 MB so,
//! with the same output (about 12 MiB less since the buffer is reused).
//! Any other file (UTF-16, another JSON document, HTML, text) is read
//! whole as before. The parts,
//! added in order, make the same corpus as the whole file (tested in
//! `dateline-core` and in `tests/streamed.rs`).
//!
//! A WARC archive is read once (twice with the cache, whose key is the
//! file's hash): a `.warc.gz` a gzip member at a time
//! ([`crate::warc::read_archive_from`]), its pages prepared a batch at a
//! time ([`dateline_core::ingest::PagesStream`]): an 84 MB `.warc.gz` of
//! 2,970 pages peaked at 633-638 MB read whole and at 106-116 MB so.
//!
//! **Stored parts** ([`PartsWriter`], [`read_parts`]): the stored form of a
//! prepared file is JSON Lines, a version line then one line per part
//! ([`Prepared::stored_header`]), so the cache and the shards are written
//! as the parts are made, under a temporary name renamed when complete.

use crate::{open_regular, PrepareCache};
use dateline_core::ingest::decode::{DecodeScan, LineDecoder, PlainScan};
use dateline_core::ingest::{registry::Registry, PrepareStream, Prepared};
use sha2::Digest;
use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};

/// Bytes read at a time from a file read in blocks: 4 MiB.
pub const BLOCK: usize = 4 << 20;

/// Text handed to the record reader at a time: a part is the records a
/// piece completes (a 4 MiB block of 90-byte rows made parts of 45,000
/// records, which waited for the adder by the hundred thousand).
const PIECE: usize = 256 << 10;

/// The block size in use: [`BLOCK`], or a smaller one a test sets to
/// cut its small files into many blocks (the output does not depend on it).
pub static BLOCK_SIZE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(BLOCK);

/// A stored prepared file being written a part at a time, under a
/// temporary name until [`finish`](Self::finish) renames it.
pub struct PartsWriter {
    path: PathBuf,
    tmp: PathBuf,
    out: Option<std::io::BufWriter<std::fs::File>>,
    error: Option<String>,
    finished: bool,
}

impl PartsWriter {
    /// Starts writing `path` (its folder must exist).
    pub fn create(path: &Path) -> PartsWriter {
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        let mut w = PartsWriter { path: path.to_path_buf(), tmp, out: None, error: None, finished: false };
        match std::fs::File::create(&w.tmp) {
            Ok(f) => {
                w.out = Some(std::io::BufWriter::new(f));
                w.write_bytes(&Prepared::stored_header());
            }
            Err(e) => w.error = Some(format!("writing {}: {e}", w.tmp.display())),
        }
        w
    }

    fn write_bytes(&mut self, bytes: &[u8]) {
        if let Some(out) = &mut self.out {
            if let Err(e) = out.write_all(bytes) {
                self.error = Some(format!("writing {}: {e}", self.tmp.display()));
                self.out = None;
            }
        }
    }

    /// Writes the next part.
    pub fn write(&mut self, part: &Prepared) {
        if self.out.is_some() {
            self.write_bytes(&part.to_line());
        }
    }

    /// Completes the file (renamed to its name); on an error or when
    /// `keep` is false, the temporary file is removed.
    pub fn finish(mut self, keep: bool) -> Result<(), String> {
        self.finished = true;
        let flushed = match self.out.take() {
            Some(mut out) => out.flush().map_err(|e| format!("writing {}: {e}", self.tmp.display())),
            None => Err(self.error.take().unwrap_or_else(|| "not written".into())),
        };
        let done = flushed.and_then(|()| {
            if keep {
                std::fs::rename(&self.tmp, &self.path).map_err(|e| format!("writing {}: {e}", self.path.display()))
            } else {
                Ok(())
            }
        });
        if done.is_err() || !keep {
            let _ = std::fs::remove_file(&self.tmp);
        }
        done
    }
}

impl Drop for PartsWriter {
    /// A writer dropped unfinished (a panic while the file was prepared)
    /// leaves no temporary file behind.
    fn drop(&mut self) {
        if !self.finished {
            drop(self.out.take());
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Reads a stored prepared file back, a line (a part) at a time; a
/// damaged file or one of another version is an error (which the caller
/// says is about `path`).
pub fn read_parts(path: &Path) -> Result<Vec<Prepared>, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut reader = std::io::BufReader::new(file);
    let mut line = Vec::new();
    let mut parts = Vec::new();
    let mut first = true;
    loop {
        line.clear();
        let n = reader.read_until(b'\n', &mut line).map_err(|e| e.to_string())?;
        if n == 0 {
            break;
        }
        if line.ends_with(b"\n") {
            line.pop();
        }
        if first {
            Prepared::check_stored_header(&line)?;
            first = false;
        } else if !line.is_empty() {
            parts.push(Prepared::from_line(&line)?);
        }
    }
    if first {
        return Err("empty prepared file".into());
    }
    Ok(parts)
}

/// What [`prepare_streamed`] did with a file.
pub(crate) enum Streamed {
    /// Prepared (and handed over) in parts.
    Done,
    /// Not plain UTF-8 (or not a format read in pieces): read it whole.
    Whole,
    /// Unreadable.
    Failed(String),
}

/// What a file read in parts is.
enum Kind<'r> {
    /// A WARC archive, gzipped or not.
    Warc { gz: bool },
    /// Records (JSON Lines, CSV, a JSON array) read in pieces.
    Records(Box<PrepareStream<'r>>),
}

/// Reads a JSON Lines or CSV file in blocks, or a WARC archive a gzip
/// member at a time, and hands its prepared parts to `emit` in order (see
/// the module docs); `progress(bytes)` as it goes.
pub(crate) fn prepare_streamed(
    path: &Path,
    name: &str,
    registry: &Registry,
    cache: Option<&PrepareCache>,
    progress: &mut dyn FnMut(u64),
    emit: &mut dyn FnMut(Prepared),
) -> Streamed {
    let format = dateline_core::ingest::format_of(name);
    let kind = match format {
        Ok("warc") => Kind::Warc { gz: false },
        Ok("warc.gz") => Kind::Warc { gz: true },
        _ => match PrepareStream::new(name, registry) {
            Some(stream) => Kind::Records(Box::new(stream)),
            None => return Streamed::Whole,
        },
    };
    let records = matches!(kind, Kind::Records(_));
    // Pass 1: is it plain text (and a JSON document a valid array), and
    // what is its cache entry?
    let mut scan = PlainScan::default();
    let mut key = cache.map(|c| c.hasher(name));
    let mut array = true;
    if records || key.is_some() {
        let mut each = |block: &[u8]| {
            if records {
                scan.push(block);
            }
            if let Some(h) = &mut key {
                h.update(block);
            }
        };
        let read = if format == Ok("json") {
            json_array_check(path, &mut each)
        } else {
            each_block(path, &mut each).map(|()| true)
        };
        match read {
            Ok(valid) => array = valid,
            Err(reason) => return Streamed::Failed(reason),
        }
    }
    let digest = key.map(|h| <[u8; 32]>::from(h.finalize()));
    let entry = cache.zip(digest).map(|(c, d)| (c, c.entry_of(&d)));
    if let Some((c, at)) = &entry {
        if let Some(parts) = c.get(at) {
            c.count_hit();
            parts.into_iter().for_each(&mut *emit);
            return Streamed::Done;
        }
    }
    // A JSON Lines or CSV file that is not plain UTF-8 (a legacy encoding,
    // a few bad lines) is read once more, to decide its decoding as on the
    // whole file, then decoded a block at a time; anything else that is
    // not plain is read whole.
    let mut decoding = None;
    if records && !(scan.plain() && array) {
        if !matches!(format, Ok("jsonl" | "csv")) {
            return Streamed::Whole;
        }
        let mut decode_scan = DecodeScan::default();
        if let Err(reason) = each_block(path, &mut |block| decode_scan.push(block)) {
            return Streamed::Failed(reason);
        }
        match decode_scan.decision() {
            Some(found) => decoding = Some(found),
            None => return Streamed::Whole,
        }
    }
    // Pass 2: prepare, a part at a time, stored as it is handed over.
    let mut writer = entry.as_ref().and_then(|(c, at)| c.writer(at));
    let mut again = cache.map(|c| c.hasher(name));
    let mut hand = |part: Prepared| {
        if let Some(w) = &mut writer {
            w.write(&part);
        }
        if !part.is_empty() {
            emit(part);
        }
    };
    let read = match kind {
        Kind::Warc { gz } => warc_parts(path, name, gz, registry, &mut again, progress, &mut hand),
        Kind::Records(stream) => match decoding {
            None => record_parts(path, *stream, &mut again, progress, &mut hand),
            Some((decoding, warning)) => {
                let stream = stream.with_warnings(vec![warning]);
                decoded_parts(path, stream, LineDecoder::new(decoding), &mut again, progress, &mut hand)
            }
        },
    };
    match read {
        Ok(()) => {
            if let Some(w) = writer {
                // Stored only if the file did not change between the passes.
                let unchanged = again.map(|h| <[u8; 32]>::from(h.finalize())) == digest;
                let _ = w.finish(unchanged);
            }
        }
        Err(reason) => {
            if let Some(w) = writer {
                let _ = w.finish(false);
            }
            emit(Prepared::rejection(name, &format!("read in part: {reason}; the entries before were kept")));
        }
    }
    Streamed::Done
}

/// Pass 2 for a plain UTF-8 JSON Lines or CSV file: its text a block at a
/// time.
fn record_parts(
    path: &Path,
    mut stream: PrepareStream,
    hash: &mut Option<sha2::Sha256>,
    progress: &mut dyn FnMut(u64),
    hand: &mut dyn FnMut(Prepared),
) -> Result<(), String> {
    let mut carry: Vec<u8> = Vec::new();
    let (mut read, mut started, mut changed) = (0u64, false, false);
    each_block(path, &mut |block| {
        if changed {
            return;
        }
        if let Some(h) = hash {
            h.update(block);
        }
        read += block.len() as u64;
        carry.extend_from_slice(block);
        // The text up to the last whole character; the rest waits.
        let valid = match std::str::from_utf8(&carry) {
            Ok(_) => carry.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => {
                changed = true;
                return;
            }
        };
        let mut text = std::str::from_utf8(&carry[..valid]).unwrap_or_default();
        if !started {
            // A byte order mark is not text (as when decoded whole).
            text = text.trim_start_matches('\u{feff}');
            started = !text.is_empty();
        }
        push_pieces(&mut stream, text, hand);
        carry.drain(..valid);
        progress(read);
    })?;
    if changed || !carry.is_empty() {
        return Err("the file changed while it was read (it is no longer UTF-8)".into());
    }
    stream.finish(hand);
    Ok(())
}

/// Hands `text` to `stream` in pieces of at most [`PIECE`] bytes, so that
/// a part holds a bounded number of records however short they are.
fn push_pieces(stream: &mut PrepareStream, mut text: &str, hand: &mut dyn FnMut(Prepared)) {
    while !text.is_empty() {
        let mut cut = text.len().min(PIECE);
        while !text.is_char_boundary(cut) {
            cut += 1;
        }
        let (piece, rest) = text.split_at(cut);
        stream.push(piece, hand);
        text = rest;
    }
}

/// Pass 2 for a JSON Lines or CSV file that is not plain UTF-8: its text
/// decoded a block at a time as decided on the whole file
/// ([`DecodeScan`]), the same text as decoded whole.
fn decoded_parts(
    path: &Path,
    mut stream: PrepareStream,
    mut decoder: LineDecoder,
    hash: &mut Option<sha2::Sha256>,
    progress: &mut dyn FnMut(u64),
    hand: &mut dyn FnMut(Prepared),
) -> Result<(), String> {
    let mut read = 0u64;
    each_block(path, &mut |block| {
        if let Some(h) = hash {
            h.update(block);
        }
        read += block.len() as u64;
        decoder.push(block, &mut |text| push_pieces(&mut stream, text, hand));
        progress(read);
    })?;
    decoder.finish(&mut |text| push_pieces(&mut stream, text, hand));
    stream.finish(hand);
    Ok(())
}

/// Pass 2 for a WARC archive: its pages a batch at a time
/// ([`crate::warc::read_archive_from`]).
fn warc_parts(
    path: &Path,
    name: &str,
    gz: bool,
    registry: &Registry,
    hash: &mut Option<sha2::Sha256>,
    progress: &mut dyn FnMut(u64),
    hand: &mut dyn FnMut(Prepared),
) -> Result<(), String> {
    let (file, _) = open_regular(path)?;
    // The file, counted and hashed as it is read.
    let read = std::cell::Cell::new(0u64);
    let mut count = |bytes: &[u8]| {
        if let Some(h) = hash.as_mut() {
            h.update(bytes);
        }
        read.set(read.get() + bytes.len() as u64);
    };
    let mut reader = std::io::BufReader::with_capacity(1 << 20, Tee { file, f: &mut count });
    let mut pages = dateline_core::ingest::PagesStream::new(name, registry);
    let warnings = crate::warc::read_archive_from(name, &mut reader, gz, &mut |batch| {
        hand(pages.push(batch));
        progress(read.get());
    });
    // The rest of the file (after a damaged member), for the cache key.
    let _ = std::io::copy(&mut reader, &mut std::io::sink());
    progress(read.get());
    hand(pages.finish(warnings));
    Ok(())
}

/// Reads the JSON document at `path`, calling `f` on each block read, and
/// tells whether it is a valid array: checked without building it
/// (`serde::de::IgnoredAny`), so that its elements can be read one at a
/// time (a document of any other shape, or an invalid one, is read whole).
fn json_array_check(path: &Path, f: &mut dyn FnMut(&[u8])) -> Result<bool, String> {
    use serde::de::Deserialize;
    let (file, _) = open_regular(path)?;
    // The first byte that is not whitespace: an array opens with `[`.
    let mut first = None;
    let mut each = |bytes: &[u8]| {
        if first.is_none() {
            first = bytes.iter().find(|b| !b.is_ascii_whitespace()).copied();
        }
        f(bytes);
    };
    let capacity = BLOCK_SIZE.load(std::sync::atomic::Ordering::Relaxed).max(1);
    let mut reader = std::io::BufReader::with_capacity(capacity, Tee { file, f: &mut each });
    let valid = {
        let mut de = serde_json::Deserializer::from_reader(&mut reader);
        serde::de::IgnoredAny::deserialize(&mut de).and_then(|_| de.end()).is_ok()
    };
    // The rest, for the scan and the cache key.
    std::io::copy(&mut reader, &mut std::io::sink()).map_err(|e| crate::io_reason(path, &e))?;
    drop(reader);
    Ok(valid && first == Some(b'['))
}

/// A file whose bytes are handed to `f` as they are read.
struct Tee<'a> {
    file: std::fs::File,
    f: &'a mut dyn FnMut(&[u8]),
}

impl Read for Tee<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.file.read(buf)?;
        (self.f)(&buf[..n]);
        Ok(n)
    }
}

/// Calls `f` on each block of the file at `path`, in order.
fn each_block(path: &Path, f: &mut dyn FnMut(&[u8])) -> Result<(), String> {
    let (mut file, _) = open_regular(path)?;
    let mut block = vec![0u8; BLOCK_SIZE.load(std::sync::atomic::Ordering::Relaxed).max(1)];
    loop {
        let n = match file.read(&mut block) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(crate::io_reason(path, &e)),
        };
        f(&block[..n]);
    }
}
