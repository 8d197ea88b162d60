//! Decoding an input file's bytes to text.
//!
//! In order:
//!
//! 1. A file of nothing but whitespace is rejected ("empty file").
//! 2. A UTF-16 (or other non-UTF-8) byte order mark decides the encoding.
//! 3. NUL bytes, or many control bytes, in the first 8 KiB: rejected as a
//!    binary file.
//! 4. Valid UTF-8 (the usual case) is taken as is, without a copy; a UTF-8
//!    byte order mark is dropped.
//! 5. Otherwise the file is either **mostly UTF-8 with a few bad lines** or
//!    **a legacy 8-bit file**. It is the first when it holds at least as many
//!    valid multi-byte UTF-8 characters as invalid byte sequences: then only
//!    the lines that are not UTF-8 are repaired, each named in the warning
//!    (one stray byte never turns `café` into `cafÃ©` across the whole file).
//!    A bad line whose stray bytes all read as letters inside words in a
//!    legacy encoding (`caf\xe9`) is decoded in that encoding; any other bad
//!    line has its invalid bytes replaced by U+FFFD.
//! 6. A legacy file is decoded as Windows-1251 (Cyrillic) when that gives
//!    whole Cyrillic words, else as Windows-1252 (Latin-1), with a warning.
//!
//! Steps 5 and 6 decide on counts that are sums over lines, so a large
//! file is decided a block at a time ([`DecodeScan`]) and then decoded a
//! block at a time ([`LineDecoder`]) into the same text, never held whole
//! (the tools read big JSON Lines and CSV files so).

use std::borrow::Cow;

/// Decoded text and any warning about its encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// Warning when the bytes were not (all) UTF-8.
    pub warning: Option<String>,
}

/// Decodes bytes to text (see the module docs). `Err` carries the reason
/// the file is rejected.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    decode_owned(bytes.to_vec())
}

/// [`decode`] taking the bytes by value: valid UTF-8 becomes the text
/// without being copied, so a large file is held once, not twice.
pub fn decode_owned(bytes: Vec<u8>) -> Result<Decoded, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("empty file".into());
    }
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(&bytes) {
        if enc != encoding_rs::UTF_8 {
            let (text, _, bad) = enc.decode(&bytes[bom_len..]);
            return Ok(Decoded {
                text: text.into_owned(),
                warning: Some(format!(
                    "decoded as {} (byte order mark){}",
                    enc.name(),
                    if bad { ", some bytes invalid" } else { "" }
                )),
            });
        }
    }
    if binary_head(&bytes[..bytes.len().min(HEAD)]) {
        return Err("binary file (NUL or control bytes), not text".into());
    }
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            while s.starts_with('\u{feff}') {
                s.drain(..'\u{feff}'.len_utf8());
            }
            Ok(Decoded { text: s, warning: None })
        }
        Err(e) => Ok(decode_not_utf8(e.as_bytes())),
    }
}

/// How many bytes at the start of a file decide whether it is binary.
const HEAD: usize = 8192;

/// Whether the first [`HEAD`] bytes of a file make it binary: a NUL byte,
/// or more than one byte in 20 a control character other than line
/// breaks, tabs and form feeds.
fn binary_head(head: &[u8]) -> bool {
    let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)).count();
    head.contains(&0) || controls * 20 > head.len()
}

/// Reads a file's bytes a block at a time and tells whether they are
/// plain text that [`decode_owned`] takes as it is: valid UTF-8, not blank,
/// not binary. Only such a file can be read in pieces, line by line, with
/// the same text as a whole read (see [`super::PrepareStream`]); any other
/// is decoded whole, since its repairs and encoding are decided on all of
/// it.
#[derive(Debug, Default)]
pub struct PlainScan {
    head: Vec<u8>,
    /// The bytes of a character cut by the end of the last block.
    carry: Vec<u8>,
    invalid: bool,
    /// Some byte was not ASCII whitespace.
    filled: bool,
}

impl PlainScan {
    /// Scans the next block of the file.
    pub fn push(&mut self, mut bytes: &[u8]) {
        if self.head.len() < HEAD {
            self.head.extend_from_slice(&bytes[..bytes.len().min(HEAD - self.head.len())]);
        }
        self.filled = self.filled || !bytes.iter().all(u8::is_ascii_whitespace);
        // Complete a character cut by the last block, a byte at a time.
        while !self.carry.is_empty() && !self.invalid {
            let Some((&b, rest)) = bytes.split_first() else { return };
            self.carry.push(b);
            bytes = rest;
            match std::str::from_utf8(&self.carry) {
                Ok(_) => self.carry.clear(),
                Err(e) if e.error_len().is_some() => self.invalid = true,
                Err(_) => {}
            }
        }
        if self.invalid {
            return;
        }
        if let Err(e) = std::str::from_utf8(bytes) {
            match e.error_len() {
                Some(_) => self.invalid = true,
                None => self.carry = bytes[e.valid_up_to()..].to_vec(),
            }
        }
    }

    /// Whether the whole file was plain UTF-8 text.
    pub fn plain(&self) -> bool {
        !self.invalid && self.carry.is_empty() && self.filled && !binary_head(&self.head)
    }
}

/// Valid non-ASCII UTF-8 characters and invalid byte sequences in `bytes`.
fn utf8_census(bytes: &[u8]) -> (usize, usize) {
    let (mut valid, mut invalid) = (0, 0);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    (valid, invalid)
}

/// Bytes that are not UTF-8 (step 5 of the module docs).
fn decode_not_utf8(bytes: &[u8]) -> Decoded {
    let (valid, invalid) = utf8_census(bytes);
    if valid == 0 || valid < invalid {
        let (text, name) = legacy(bytes);
        return Decoded { text: text.into_owned(), warning: Some(format!("not UTF-8: decoded as {name}")) };
    }
    let mut text = String::with_capacity(bytes.len());
    let mut repaired: Vec<String> = Vec::new();
    let mut bad_lines = 0usize;
    for (line, n) in bytes.split_inclusive(|&b| b == b'\n').zip(1usize..) {
        if let Ok(s) = std::str::from_utf8(line) {
            text.push_str(s);
            continue;
        }
        bad_lines += 1;
        let (fixed, how) = repair_line(line);
        text.push_str(&fixed);
        if repaired.len() < NAMED_REPAIRS {
            repaired.push(format!("line {n} {how}"));
        }
    }
    Decoded { text, warning: Some(repaired_warning(bad_lines, &repaired)) }
}

/// One line of a mostly-UTF-8 file that is not UTF-8, and how it was
/// repaired.
fn repair_line(line: &[u8]) -> (Cow<'_, str>, String) {
    let mut stray = 0usize;
    let mut isolated = true;
    let mut multibyte = false;
    for chunk in line.utf8_chunks() {
        multibyte |= !chunk.valid().is_ascii();
        if !chunk.invalid().is_empty() {
            stray += 1;
            isolated &= chunk.invalid().len() == 1;
        }
    }
    if isolated && !multibyte {
        let (text, name) = legacy(line);
        if letters_in_words(&text) {
            return (text, format!("(decoded as {name})"));
        }
    }
    let bytes =
        if stray == 1 { "1 invalid byte sequence".to_string() } else { format!("{stray} invalid byte sequences") };
    (String::from_utf8_lossy(line), format!("({bytes} replaced by U+FFFD)"))
}

/// Whether every non-ASCII character of `text` is a letter next to another
/// letter: what a legacy-encoded word (`café`, `Москва`) decodes to, and
/// what a random stray byte (`ÿ` alone, a control character) does not.
fn letters_in_words(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.iter().enumerate().filter(|(_, c)| !c.is_ascii()).all(|(i, c)| {
        let near = |j: Option<usize>| j.and_then(|j| chars.get(j)).is_some_and(|c| c.is_alphabetic());
        c.is_alphabetic() && (near(i.checked_sub(1)) || near(Some(i + 1)))
    })
}

/// Legacy 8-bit decoding: Windows-1251 when that gives whole Cyrillic
/// words, else Windows-1252. Returns the text and a name for the warning.
fn legacy(bytes: &[u8]) -> (Cow<'_, str>, &'static str) {
    let (high, cyrillic) = cyrillic_stats(bytes);
    let enc = legacy_choice(high, cyrillic);
    (enc.decode(bytes).0, legacy_name(enc))
}

/// Bytes of `bytes` that are not ASCII, and the Cyrillic letters that
/// read as whole Cyrillic words when it is decoded as Windows-1251: real
/// Cyrillic text decodes to whole Cyrillic words; Latin-1 text read as
/// 1251 gives Cyrillic letters stuck inside Latin words ("Cafй"). Words
/// never span a line break, so a file's counts are the sums of its lines'.
fn cyrillic_stats(bytes: &[u8]) -> (usize, usize) {
    let (cyr, _, _) = encoding_rs::WINDOWS_1251.decode(bytes);
    let is_cyr = |c: char| ('\u{0410}'..='\u{044f}').contains(&c) || c == 'ё' || c == 'Ё';
    let high = bytes.iter().filter(|&&b| b >= 0x80).count();
    let in_cyrillic_words: usize = cyr
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.chars().any(|c| c.is_ascii_alphabetic()))
        .map(|w| w.chars().filter(|&c| is_cyr(c)).count())
        .sum();
    (high, in_cyrillic_words)
}

/// The legacy encoding from [`cyrillic_stats`]: Windows-1251 when at least
/// 7 in 10 non-ASCII bytes read as letters of whole Cyrillic words.
fn legacy_choice(high: usize, cyrillic: usize) -> &'static encoding_rs::Encoding {
    if cyrillic * 10 >= high.max(1) * 7 {
        encoding_rs::WINDOWS_1251
    } else {
        encoding_rs::WINDOWS_1252
    }
}

fn legacy_name(enc: &'static encoding_rs::Encoding) -> &'static str {
    if enc == encoding_rs::WINDOWS_1251 {
        "windows-1251 (Cyrillic)"
    } else {
        "windows-1252 (Latin-1)"
    }
}

/// The warning for a mostly-UTF-8 file with `bad_lines` repaired, the
/// first of them described in `repaired`.
fn repaired_warning(bad_lines: usize, repaired: &[String]) -> String {
    let more = bad_lines - repaired.len();
    let more = if more > 0 { format!(" and {more} more") } else { String::new() };
    let lines = if bad_lines == 1 { "1 line".to_string() } else { format!("{bad_lines} lines") };
    format!("not valid UTF-8 on {lines}, repaired: {}{more}; the other lines are UTF-8", repaired.join(", "))
}

/// How many repaired lines a warning names.
const NAMED_REPAIRS: usize = 5;

/// Reads the bytes of a file that is not plain UTF-8 ([`PlainScan`]) a
/// block at a time and decides what [`decode_owned`] decides on the whole
/// file (steps 5 and 6 of the module docs): every count it decides on is a
/// sum over lines (a line break is never part of a multi-byte character,
/// an invalid sequence or a word), so it is summed line by line. Then a
/// [`LineDecoder`] makes the same text a block at a time. A file with a
/// byte order mark (UTF-16, or UTF-8 with invalid bytes) is left to the
/// whole decoding.
#[derive(Debug, Default)]
pub struct DecodeScan {
    head: Vec<u8>,
    /// The line not ended yet.
    line: Vec<u8>,
    lines: usize,
    filled: bool,
    /// Valid non-ASCII characters and invalid byte sequences.
    valid: usize,
    invalid: usize,
    /// [`cyrillic_stats`], summed.
    high: usize,
    cyrillic: usize,
    bad_lines: usize,
    repaired: Vec<String>,
}

/// How a file that is not plain UTF-8 becomes text ([`DecodeScan::decision`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decoding {
    /// A legacy 8-bit encoding throughout.
    Legacy(&'static encoding_rs::Encoding),
    /// UTF-8 with its bad lines repaired one at a time.
    Repaired,
}

impl DecodeScan {
    /// Scans the next block of the file.
    pub fn push(&mut self, bytes: &[u8]) {
        if self.head.len() < HEAD {
            self.head.extend_from_slice(&bytes[..bytes.len().min(HEAD - self.head.len())]);
        }
        self.filled = self.filled || !bytes.iter().all(u8::is_ascii_whitespace);
        let mut rest = bytes;
        while let Some(i) = rest.iter().position(|&b| b == b'\n') {
            let (line, after) = rest.split_at(i + 1);
            if self.line.is_empty() {
                self.scan_line(line);
            } else {
                let mut whole = std::mem::take(&mut self.line);
                whole.extend_from_slice(line);
                self.scan_line(&whole);
            }
            rest = after;
        }
        self.line.extend_from_slice(rest);
    }

    fn scan_line(&mut self, line: &[u8]) {
        self.lines += 1;
        let (valid, invalid) = utf8_census(line);
        (self.valid, self.invalid) = (self.valid + valid, self.invalid + invalid);
        if line.iter().any(|&b| b >= 0x80) {
            let (high, cyrillic) = cyrillic_stats(line);
            (self.high, self.cyrillic) = (self.high + high, self.cyrillic + cyrillic);
        }
        if invalid > 0 {
            self.bad_lines += 1;
            if self.repaired.len() < NAMED_REPAIRS {
                let how = repair_line(line).1;
                self.repaired.push(format!("line {} {how}", self.lines));
            }
        }
    }

    /// How the whole file becomes text, and the warning [`decode_owned`]
    /// gives; `None` when it is left to [`decode_owned`] (an empty, binary
    /// or valid UTF-8 file, or one with a byte order mark).
    pub fn decision(mut self) -> Option<(Decoding, String)> {
        if !self.line.is_empty() {
            let line = std::mem::take(&mut self.line);
            self.scan_line(&line);
        }
        let plain_or_refused =
            !self.filled || self.invalid == 0 || binary_head(&self.head[..self.head.len().min(HEAD)]);
        if plain_or_refused || encoding_rs::Encoding::for_bom(&self.head).is_some() {
            return None;
        }
        if self.valid == 0 || self.valid < self.invalid {
            let enc = legacy_choice(self.high, self.cyrillic);
            return Some((Decoding::Legacy(enc), format!("not UTF-8: decoded as {}", legacy_name(enc))));
        }
        Some((Decoding::Repaired, repaired_warning(self.bad_lines, &self.repaired)))
    }
}

/// Makes the text of a file that is not plain UTF-8 a block at a time, as
/// [`DecodeScan::decision`] decided: the same text as [`decode_owned`]
/// (a property test checks it), handed on in pieces of at most
/// [`LineDecoder::PIECE`] bytes for a legacy encoding.
///
/// A legacy file is decoded straight from the block into one reused
/// buffer: a single-byte encoding decodes each byte alone, so a block cut
/// anywhere decodes as the whole, and nothing else is held. Decoding a
/// 4 MiB block into a `String` of its own instead reserves room for its
/// worst case, three bytes per byte (12.6 MB), which kept a 193 MB
/// Windows-1252 CSV file's peak just over twice its size. A repaired UTF-8
/// file is decoded a line at a time, as its bad lines are.
pub struct LineDecoder {
    /// The decoder of a legacy encoding; `None` for a repaired UTF-8 file.
    legacy: Option<encoding_rs::Decoder>,
    /// The end of a repaired file's line not ended yet.
    line: Vec<u8>,
    /// The text handed on, reused.
    out: String,
}

impl std::fmt::Debug for LineDecoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let decoding = self.legacy.as_ref().map_or("repaired UTF-8", |d| d.encoding().name());
        f.debug_struct("LineDecoder").field("decoding", &decoding).field("line", &self.line.len()).finish()
    }
}

impl LineDecoder {
    /// The most text a legacy file's decoding hands on at a time.
    pub const PIECE: usize = 64 << 10;

    pub fn new(decoding: Decoding) -> LineDecoder {
        let legacy = match decoding {
            // No byte order mark here (see `decision`).
            Decoding::Legacy(enc) => Some(enc.new_decoder_without_bom_handling()),
            Decoding::Repaired => None,
        };
        let out = String::with_capacity(if legacy.is_some() { Self::PIECE } else { 0 });
        LineDecoder { legacy, line: Vec::new(), out }
    }

    /// Hands `text` the text of the next block (of the lines it completes,
    /// for a repaired file), in order, as one or more pieces.
    pub fn push(&mut self, bytes: &[u8], text: &mut dyn FnMut(&str)) {
        if self.legacy.is_some() {
            return self.legacy(bytes, false, text);
        }
        let Some(end) = bytes.iter().rposition(|&b| b == b'\n') else {
            self.line.extend_from_slice(bytes);
            return;
        };
        let (done, rest) = bytes.split_at(end + 1);
        let mut lines = std::mem::take(&mut self.line);
        lines.extend_from_slice(done);
        self.line.extend_from_slice(rest);
        self.repaired(&lines, text);
    }

    /// Hands `text` the rest of the text (the last line).
    pub fn finish(&mut self, text: &mut dyn FnMut(&str)) {
        if self.legacy.is_some() {
            return self.legacy(&[], true, text);
        }
        let line = std::mem::take(&mut self.line);
        self.repaired(&line, text);
    }

    fn legacy(&mut self, mut bytes: &[u8], last: bool, text: &mut dyn FnMut(&str)) {
        let Some(decoder) = self.legacy.as_mut() else { return };
        loop {
            self.out.clear();
            let (result, read, _) = decoder.decode_to_string(bytes, &mut self.out, last);
            bytes = &bytes[read..];
            if !self.out.is_empty() {
                text(&self.out);
            }
            if result == encoding_rs::CoderResult::InputEmpty {
                return;
            }
        }
    }

    fn repaired(&mut self, lines: &[u8], text: &mut dyn FnMut(&str)) {
        self.out.clear();
        for line in lines.split_inclusive(|&b| b == b'\n') {
            match std::str::from_utf8(line) {
                Ok(s) => self.out.push_str(s),
                Err(_) => self.out.push_str(&repair_line(line).0),
            }
        }
        if !self.out.is_empty() {
            text(&self.out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_table() {
        assert_eq!(decode(b"").unwrap_err(), "empty file");
        assert_eq!(decode(b"  \n\n ").unwrap_err(), "empty file");
        assert!(decode(b"PK\x03\x04\x00\x00binary").unwrap_err().contains("binary"));
        let utf8 = decode("\u{feff}Привет".as_bytes()).expect("utf8");
        assert_eq!((utf8.text.as_str(), utf8.warning), ("Привет", None));
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode("Путин провёл переговоры в Москве");
        let d = decode(&cp1251).expect("1251");
        assert_eq!(d.text, "Путин провёл переговоры в Москве");
        assert!(d.warning.expect("warned").contains("windows-1251"));
        let d = decode(b"Caf\xe9 au lait \xe0 Paris").expect("latin1");
        assert_eq!(d.text, "Café au lait à Paris");
        assert!(d.warning.expect("warned").contains("windows-1252"));
        let d = decode(b"\xff\xfea\x00b\x00").expect("utf16");
        assert_eq!(d.text, "ab");
        assert!(d.warning.expect("warned").contains("UTF-16LE"));
    }

    /// Regression (issue 13): one stray byte in a UTF-8 file made the whole
    /// file decode as windows-1252 (`cafÃ©`).
    #[test]
    fn a_stray_byte_repairs_its_line_only() {
        let mut bytes = "Un café à Paris\nnaïve line\n".as_bytes().to_vec();
        bytes.extend_from_slice(b"broken \xff here\nlast line, r\xc3\xa9sum\xc3\xa9\n");
        let d = decode(&bytes).expect("decoded");
        assert_eq!(d.text, "Un café à Paris\nnaïve line\nbroken \u{fffd} here\nlast line, résumé\n");
        let w = d.warning.expect("warned");
        assert!(w.contains("on 1 line, repaired: line 3 (1 invalid byte sequence replaced by U+FFFD)"), "{w}");
        assert!(w.ends_with("the other lines are UTF-8"), "{w}");
    }

    #[test]
    fn a_legacy_line_in_a_utf8_file_is_decoded_as_legacy() {
        let mut bytes = "Première ligne, déjà en UTF-8\n".as_bytes().to_vec();
        bytes.extend_from_slice(b"Caf\xe9 cr\xe8me\n");
        bytes.extend_from_slice("Дальше снова UTF-8\n".as_bytes());
        let d = decode(&bytes).expect("decoded");
        assert_eq!(d.text, "Première ligne, déjà en UTF-8\nCafé crème\nДальше снова UTF-8\n");
        assert!(d.warning.expect("warned").contains("line 2 (decoded as windows-1252 (Latin-1))"));
    }

    #[test]
    fn a_truncated_character_is_replaced_not_reinterpreted() {
        // "—" (E2 80 94) cut after two bytes: never "â€".
        let mut bytes = "Résumé — one\n".as_bytes().to_vec();
        bytes.extend_from_slice(b"cut here \xe2\x80\nend\n");
        let d = decode(&bytes).expect("decoded");
        assert_eq!(d.text, "Résumé — one\ncut here \u{fffd}\nend\n");
    }

    #[test]
    fn many_bad_lines_are_counted() {
        let mut bytes = "ééééééééééééééé\n".as_bytes().to_vec();
        for _ in 0..7 {
            bytes.extend_from_slice(b"x \xff y\n");
        }
        let w = decode(&bytes).expect("decoded").warning.expect("warned");
        assert!(w.starts_with("not valid UTF-8 on 7 lines, repaired: line 2 "), "{w}");
        assert!(w.contains("line 6 (1 invalid byte sequence replaced by U+FFFD) and 2 more"), "{w}");
    }
    /// Whether a [`PlainScan`] of `bytes` cut at `cuts` finds them plain.
    fn scanned_plain(bytes: &[u8], cuts: &[usize]) -> bool {
        let mut scan = PlainScan::default();
        let mut cuts: Vec<usize> = cuts.iter().map(|&c| c.min(bytes.len())).collect();
        cuts.sort_unstable();
        let mut from = 0;
        for to in cuts.into_iter().chain([bytes.len()]) {
            scan.push(&bytes[from..to]);
            from = to;
        }
        scan.plain()
    }

    /// Plain is what [`decode_owned`] takes without a warning or an error.
    fn decoded_plain(bytes: &[u8]) -> bool {
        matches!(decode(bytes), Ok(Decoded { warning: None, .. }))
    }

    #[test]
    fn a_plain_scan_in_blocks_agrees_with_decoding_whole() {
        let cases: [&[u8]; 9] = [
            "Путин, café\n".as_bytes(),
            b"\xef\xbb\xbfplain with a byte order mark",
            b"caf\xe9 in Latin-1",
            b"\xff\xfeu\x00t\x00f\x00-\x0016",
            b"  \n\t ",
            b"",
            b"PK\x03\x04\x00\x00binary",
            "ends in a cut character \u{1F600}".as_bytes(),
            b"ends in half a character \xf0\x9f\x98",
        ];
        for bytes in cases {
            for cut in 0..=bytes.len() {
                assert_eq!(scanned_plain(bytes, &[cut]), decoded_plain(bytes), "{bytes:?} cut at {cut}");
            }
            assert_eq!(scanned_plain(bytes, &(0..bytes.len()).collect::<Vec<_>>()), decoded_plain(bytes));
        }
    }

    /// The text and warning made a block at a time ([`DecodeScan`], then
    /// [`LineDecoder`]), the blocks cut at `cuts`; `None` when the scan
    /// leaves the file to the whole decoding.
    fn decoded_in_blocks(bytes: &[u8], cuts: &[usize]) -> Option<Decoded> {
        let mut cuts: Vec<usize> = cuts.iter().map(|&c| c.min(bytes.len())).collect();
        cuts.sort_unstable();
        let blocks: Vec<&[u8]> = cuts
            .iter()
            .chain([&bytes.len()])
            .scan(0, |from, &to| Some(&bytes[std::mem::replace(from, to)..to]))
            .collect();
        let mut scan = DecodeScan::default();
        blocks.iter().for_each(|b| scan.push(b));
        let (decoding, warning) = scan.decision()?;
        let mut decoder = LineDecoder::new(decoding);
        let mut text = String::new();
        blocks.iter().for_each(|b| decoder.push(b, &mut |t| text.push_str(t)));
        decoder.finish(&mut |t| text.push_str(t));
        Some(Decoded { text, warning: Some(warning) })
    }

    #[test]
    fn decoding_in_blocks_is_decoding_whole() {
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode("Путин провёл переговоры\nв Москве");
        let mut mixed = "Ünal said\n".repeat(3).into_bytes();
        mixed.extend_from_slice(b"caf\xe9 au lait\nPa\xc5inyan \xff\n");
        mixed.extend_from_slice("Пашинян\n".repeat(3).as_bytes());
        let cases: [&[u8]; 5] =
            [&cp1251, b"Caf\xe9 au lait\n\xe0 Paris", &mixed, b"\xef\xbb\xbfcaf\xe9", "plain é\n".as_bytes()];
        for bytes in cases {
            let whole = decode(bytes).ok();
            for cut in 0..=bytes.len() {
                match decoded_in_blocks(bytes, &[cut]) {
                    Some(got) => assert_eq!(Some(got), whole, "{bytes:?} cut at {cut}"),
                    // Left to the whole decoding: plain UTF-8, or a byte order mark.
                    None => assert!(
                        whole.as_ref().is_none_or(|w| w.warning.is_none()) || bytes.starts_with(b"\xef\xbb\xbf"),
                        "{bytes:?}"
                    ),
                }
            }
        }
        assert!(decoded_in_blocks(&mixed, &[]).is_some_and(|d| d.warning.is_some_and(|w| w.contains("on 2 lines"))));
        assert!(decoded_in_blocks(&cp1251, &[]).is_some_and(|d| d.warning.is_some_and(|w| w.contains("1251"))));
    }

    /// Regression (issue 13, memory): a legacy block is handed on in
    /// pieces of a reused buffer, not as one string with room for three
    /// bytes per byte; the pieces, cut inside lines and at any character,
    /// make the text decoded whole.
    #[test]
    fn a_legacy_block_is_handed_on_in_bounded_pieces() {
        // "€" is one byte in Windows-1252 and three in UTF-8.
        let (line, _, _) =
            encoding_rs::WINDOWS_1252.encode("Caf\u{e9} \u{20ac}5 \u{2014} cr\u{e8}me br\u{fb}l\u{e9}e\n");
        let bytes = line.repeat(3 * LineDecoder::PIECE / line.len() + 7);
        let whole = decode(&bytes).expect("decoded");
        let mut decoder = LineDecoder::new(Decoding::Legacy(encoding_rs::WINDOWS_1252));
        let mut pieces = Vec::new();
        for block in bytes.chunks(LineDecoder::PIECE + 13) {
            decoder.push(block, &mut |t| pieces.push(t.to_string()));
        }
        decoder.finish(&mut |t| pieces.push(t.to_string()));
        assert!(pieces.len() > 3, "{}", pieces.len());
        assert!(pieces.iter().all(|p| p.len() <= LineDecoder::PIECE));
        assert_eq!(pieces.concat(), whole.text);
    }

    proptest::proptest! {
        #[test]
        fn plain_scan_matches_decoding(
            bytes in proptest::collection::vec(proptest::prop_oneof![
                proptest::num::u8::ANY,
                proptest::sample::select(b"ab \n".to_vec()),
                proptest::sample::select("éП😀".as_bytes().to_vec()),
            ], 0..40),
            cuts in proptest::collection::vec(0usize..40, 0..5),
        ) {
            proptest::prop_assert_eq!(scanned_plain(&bytes, &cuts), decoded_plain(&bytes));
        }

        /// Decoding a block at a time against decoding whole (the oracle),
        /// on bytes mixing ASCII lines, UTF-8, Windows-1251 Cyrillic and
        /// stray bytes, cut anywhere: whenever the scan decides, the text
        /// and the warning are the whole decoding's.
        #[test]
        fn decoding_in_blocks_matches_decoding_whole(
            pieces in proptest::collection::vec(proptest::prop_oneof![
                proptest::sample::select(vec![&b"ab "[..], b"\n", b"\r\n", b"caf", b" word "]),
                proptest::sample::select(vec!["é".as_bytes(), "П".as_bytes(), "😀".as_bytes()]),
                proptest::sample::select(vec![&b"\xcf\xf3\xf2\xe8\xed"[..], b"\xe9", b"\xff", b"\xc3"]),
            ], 0..30),
            cuts in proptest::collection::vec(0usize..120, 0..6),
        ) {
            let bytes = pieces.concat();
            if let Some(got) = decoded_in_blocks(&bytes, &cuts) {
                proptest::prop_assert_eq!(Some(got), decode(&bytes).ok());
            }
        }
    }
}
