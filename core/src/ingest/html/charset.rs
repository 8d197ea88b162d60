//! The character encoding of an HTML page, and its text.
//!
//! The page's own claims are read in the order the HTML standard gives
//! them weight, and each is checked against the bytes:
//!
//! 1. a **byte order mark** (UTF-8, UTF-16) wins over everything;
//! 2. the **HTTP header** `Content-Type: text/html; charset=...` (a WARC
//!    record's response, or a column of a record);
//! 3. a `<meta charset="...">` or `<meta http-equiv="Content-Type"
//!    content="...; charset=...">` in the first 4 KiB of the page (the
//!    standard's prescan looks at 1 KiB; real pages put long `<head>`s
//!    first);
//! 4. nothing declared: the bytes are decoded as plain text inputs are
//!    ([`crate::ingest::decode()`]: UTF-8, repaired UTF-8 or a legacy guess).
//!
//! Declarations lie. A page declared as a single-byte encoding
//! (`iso-8859-1`, `windows-1252` ...) whose bytes are valid UTF-8 with
//! non-ASCII characters is UTF-8 (a Latin-1 page would almost never be
//! valid UTF-8 by chance): it is decoded as UTF-8 with a warning. A page
//! declared UTF-8 that is not goes through the plain-text repair, which
//! says which lines it repaired. An unknown label is ignored with a
//! warning. Labels are resolved by `encoding_rs` as browsers resolve them
//! (`latin1` and `iso-8859-1` are windows-1252, as the standard says).

use encoding_rs::Encoding;

/// The page's text and what was decided about its encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageText {
    /// The decoded text.
    pub text: String,
    /// The encoding used (its WHATWG name, e.g. `UTF-8`, `windows-1251`).
    pub encoding: String,
    /// Warnings about the encoding (a declaration that lied, repairs).
    pub warnings: Vec<String>,
}

/// The `charset` parameter of a `Content-Type` value (`text/html;
/// charset="utf-8"`), if any.
pub fn charset_param(content_type: &str) -> Option<&str> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = content_type[at + "charset".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest.find(|c: char| c == '"' || c == '\'' || c == ';' || c.is_whitespace()).unwrap_or(rest.len());
    Some(&rest[..end]).filter(|s| !s.is_empty())
}

/// The charset a `<meta>` tag in the first 4 KiB declares, if any.
pub fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    // ASCII-case-insensitive search over bytes: the head may hold any
    // encoding, and the tag is ASCII.
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(i) = find(&lower[from..], b"<meta").map(|i| i + from) {
        let end = lower[i..].iter().position(|&b| b == b'>').map_or(lower.len(), |e| i + e);
        let tag = &lower[i..end];
        if let Some(c) = find(tag, b"charset") {
            // `charset=` directly (meta charset) or inside content="...".
            let rest = &tag[c + 7..];
            let rest = trim_ascii(rest);
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = trim_ascii(rest);
                let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
                let len = rest
                    .iter()
                    .position(|&b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>' | b'\t' | b'\n' | b'\r'))
                    .unwrap_or(rest.len());
                if len > 0 {
                    return Some(String::from_utf8_lossy(&rest[..len]).into_owned());
                }
            }
        }
        from = end.max(i + 1);
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn trim_ascii(b: &[u8]) -> &[u8] {
    let start = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(b.len());
    &b[start..]
}

/// Decodes an HTML page (see the module docs). `http_charset` is the
/// charset of the HTTP `Content-Type` header, when the input had one.
/// `Err` is the reason the page is rejected (empty, binary).
pub fn decode_page(bytes: Vec<u8>, http_charset: Option<&str>) -> Result<PageText, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("empty file".into());
    }
    if let Some((enc, bom)) = Encoding::for_bom(&bytes) {
        let (text, bad) = enc.decode_without_bom_handling(&bytes[bom..]);
        let mut warnings = Vec::new();
        if enc != encoding_rs::UTF_8 {
            warnings.push(format!("decoded as {} (byte order mark)", enc.name()));
        }
        if bad {
            warnings.push(format!("some bytes are not valid {}: replaced by U+FFFD", enc.name()));
        }
        return Ok(PageText { text: text.into_owned(), encoding: enc.name().to_string(), warnings });
    }
    let mut warnings = Vec::new();
    let declared = http_charset
        .map(|c| (c.to_string(), "the HTTP header"))
        .or_else(|| meta_charset(&bytes).map(|c| (c, "<meta charset>")));
    let declared = declared.and_then(|(label, from)| match Encoding::for_label(label.trim().as_bytes()) {
        Some(enc) => Some((enc, from)),
        None => {
            warnings.push(format!("unknown charset \"{}\" declared by {from}: ignored", one_line(&label)));
            None
        }
    });
    match declared {
        // UTF-8 (or a UTF-16 label, which the standard reads as UTF-8 once
        // no BOM is there) goes through the plain-text path, which repairs
        // bad lines and says so.
        Some((enc, _)) if enc == encoding_rs::UTF_8 || enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE => {
            plain(bytes, warnings)
        }
        Some((enc, from)) => {
            let is_utf8 = std::str::from_utf8(&bytes).is_ok();
            if is_utf8 && !bytes.is_ascii() && enc != encoding_rs::UTF_8 {
                warnings.push(format!(
                    "{from} declares {}, but the bytes are UTF-8 with non-ASCII characters: decoded as UTF-8",
                    enc.name()
                ));
                return plain(bytes, warnings);
            }
            let (text, bad) = enc.decode_without_bom_handling(&bytes);
            if bad {
                warnings
                    .push(format!("some bytes are not valid {} (declared by {from}): replaced by U+FFFD", enc.name()));
            }
            Ok(PageText { text: text.into_owned(), encoding: enc.name().to_string(), warnings })
        }
        None => plain(bytes, warnings),
    }
}

/// The plain-text decoder (UTF-8, repaired lines or a legacy guess).
fn plain(bytes: Vec<u8>, mut warnings: Vec<String>) -> Result<PageText, String> {
    let d = crate::ingest::decode_owned(bytes)?;
    let encoding = match &d.warning {
        Some(w) if w.contains("windows-1251") => "windows-1251",
        Some(w) if w.starts_with("not UTF-8") => "windows-1252",
        _ => "UTF-8",
    };
    warnings.extend(d.warning);
    Ok(PageText { text: d.text, encoding: encoding.to_string(), warnings })
}

/// A declared label on one line, cut, for a warning.
fn one_line(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).take(40).collect()
}

/// Repairs UTF-8 text that was once read as Latin-1 and written out again
/// (`Investorâ\u{80}\u{99}s` for `Investor’s`): a run of a lead character
/// (U+00C2-U+00F4) and continuation characters (U+0080-U+00BF) whose
/// Latin-1 bytes are one UTF-8 character is that character, when the run
/// holds a C1 control (U+0080-U+009F), which no real text has. Text
/// without C1 controls is returned as it is.
pub fn repair_mojibake(s: &str) -> std::borrow::Cow<'_, str> {
    let c1 = |c: char| ('\u{80}'..='\u{9f}').contains(&c);
    if !s.chars().any(c1) {
        return s.into();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let len = match c as u32 {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => 0,
        };
        if len > 0 && i + len <= chars.len() {
            let run = &chars[i..i + len];
            if run[1..].iter().all(|&x| ('\u{80}'..='\u{bf}').contains(&x)) && run[1..].iter().any(|&x| c1(x)) {
                let bytes: Vec<u8> = run.iter().map(|&x| x as u32 as u8).collect();
                if let Ok(fixed) = std::str::from_utf8(&bytes) {
                    out.push_str(fixed);
                    i += len;
                    continue;
                }
            }
        }
        out.push(c);
        i += 1;
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_parameters() {
        assert_eq!(charset_param("text/html; charset=UTF-8"), Some("UTF-8"));
        assert_eq!(charset_param("text/html;charset=\"windows-1251\""), Some("windows-1251"));
        assert_eq!(charset_param("text/html"), None);
        assert_eq!(meta_charset(b"<html><head><meta charset=\"koi8-r\"><title>"), Some("koi8-r".into()));
        assert_eq!(
            meta_charset(b"<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=ISO-8859-1'>"),
            Some("iso-8859-1".into())
        );
        assert_eq!(meta_charset(b"<meta name=\"description\" content=\"charset is fun\">"), None);
    }

    #[test]
    fn declarations_are_checked_against_the_bytes() {
        // Declared Latin-1, bytes UTF-8: UTF-8 wins with a warning.
        let page = "<meta charset=iso-8859-1><p>café</p>".as_bytes().to_vec();
        let got = decode_page(page, None).expect("decoded");
        assert!(got.text.contains("café"));
        assert!(got.warnings[0].contains("declares windows-1252"), "{:?}", got.warnings);
        // Declared windows-1251 and really so.
        let mut page = b"<meta charset=\"windows-1251\"><p>".to_vec();
        page.extend([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]);
        let got = decode_page(page, None).expect("decoded");
        assert!(got.text.contains("Привет"), "{}", got.text);
        assert_eq!(got.encoding, "windows-1251");
        // The HTTP header wins over the meta tag.
        let page = b"<meta charset=utf-8><p>\xe9t\xe9</p>".to_vec();
        let got = decode_page(page, Some("iso-8859-1")).expect("decoded");
        assert!(got.text.contains("été"));
        // An unknown label is ignored, with a warning.
        let got = decode_page(b"<meta charset=klingon><p>x</p>".to_vec(), None).expect("decoded");
        assert!(got.warnings[0].contains("unknown charset"));
        assert!(decode_page(b"  \n".to_vec(), None).is_err());
    }

    #[test]
    fn utf8_read_as_latin1_is_repaired() {
        assert_eq!(repair_mojibake("A DIY Investor\u{e2}\u{80}\u{99}s Guide"), "A DIY Investor\u{2019}s Guide");
        assert_eq!(repair_mojibake("caf\u{c3}\u{a9} \u{e2}\u{80}\u{94} ok"), "caf\u{c3}\u{a9} \u{2014} ok");
        // Real Latin-1 letters and text without C1 controls stay.
        assert_eq!(repair_mojibake("café – Zürich"), "café – Zürich");
        assert_eq!(repair_mojibake("\u{c2}\u{a0}and \u{80} alone"), "\u{c2}\u{a0}and \u{80} alone");
    }
}
