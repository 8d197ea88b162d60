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
        if repaired.len() < 5 {
            repaired.push(format!("line {n} {how}"));
        }
    }
    let more = bad_lines - repaired.len();
    let more = if more > 0 { format!(" and {more} more") } else { String::new() };
    let lines = if bad_lines == 1 { "1 line".to_string() } else { format!("{bad_lines} lines") };
    Decoded {
        text,
        warning: Some(format!(
            "not valid UTF-8 on {lines}, repaired: {}{more}; the other lines are UTF-8",
            repaired.join(", ")
        )),
    }
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
    let (cyr, _, _) = encoding_rs::WINDOWS_1251.decode(bytes);
    // Real Cyrillic text decodes to whole Cyrillic words; Latin-1 text read
    // as 1251 gives Cyrillic letters stuck inside Latin words ("Cafй").
    let is_cyr = |c: char| ('\u{0410}'..='\u{044f}').contains(&c) || c == 'ё' || c == 'Ё';
    let high = bytes.iter().filter(|&&b| b >= 0x80).count().max(1);
    let in_cyrillic_words: usize = cyr
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.chars().any(|c| c.is_ascii_alphabetic()))
        .map(|w| w.chars().filter(|&c| is_cyr(c)).count())
        .sum();
    if in_cyrillic_words * 10 >= high * 7 {
        (cyr, "windows-1251 (Cyrillic)")
    } else {
        (encoding_rs::WINDOWS_1252.decode(bytes).0, "windows-1252 (Latin-1)")
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
    }
}
