//! Bounds on hostile markup, before the page is parsed.
//!
//! `crowded_tags(html) -> Option<Thinned>`: `html5ever` checks every new
//! attribute of a tag against the tag's attributes so far (to drop
//! duplicates), so one tag with `n` attributes costs `n²` comparisons: a
//! tag with 100,000 attributes took 19 s. No page needs more than a few
//! dozen on one tag (the most in the dev sets is well under
//! [`MAX_TAG_ATTRIBUTES`]), so a tag with more keeps its first
//! [`MAX_TAG_ATTRIBUTES`] and the rest are cut from the text before it is
//! parsed, with a warning naming the tag and where it is.
//!
//! The scan follows the HTML tokenizer's rules as far as they matter for
//! finding attributes: `<` and a letter open a tag; attributes are
//! separated by whitespace or `/`; a value after `=` is quoted (`"` or
//! `'`, and may hold `>`) or runs to whitespace or `>`; comments are
//! skipped; the content of raw-text elements (`script`, `style`,
//! `textarea`, `title`, `noscript`, `xmp`, `iframe`, `noembed`,
//! `noframes`) is skipped to its end tag, so a `<` in a script never opens
//! a tag. Pages with no crowded tag are not copied.

/// Most attributes of one tag handed to the parser.
pub const MAX_TAG_ATTRIBUTES: usize = 128;

/// Elements whose content the tokenizer reads as text up to their end tag.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "noscript", "xmp", "iframe", "noembed", "noframes"];

/// A page with the attributes past the [`MAX_TAG_ATTRIBUTES`]th of each
/// crowded tag cut.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thinned {
    /// The page without the cut attributes.
    pub html: String,
    /// What was cut, in words (the first crowded tag and how many).
    pub warning: String,
}

/// The page with crowded tags thinned, or `None` when no tag has more
/// than [`MAX_TAG_ATTRIBUTES`] attributes (see the module docs).
pub fn crowded_tags(html: &str) -> Option<Thinned> {
    let b = html.as_bytes();
    // Byte ranges to cut, in order.
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut first: Option<(String, usize, usize)> = None;
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        let lt = i + off;
        i = lt + 1;
        if b[i..].starts_with(b"!--") {
            i = find(b, i + 3, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        if !b.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_end = i + b[i..].iter().position(|&c| is_space(c) || c == b'/' || c == b'>').unwrap_or(b.len() - i);
        let name = html[i..name_end].to_ascii_lowercase();
        i = name_end;
        let (mut count, mut cut_from, mut last_end) = (0usize, None, i);
        loop {
            while i < b.len() && (is_space(b[i]) || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                break;
            }
            let start = i;
            // The name (a first `=` belongs to it, as in the tokenizer).
            i += 1;
            while i < b.len() && !is_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
                i += 1;
            }
            let mut j = i;
            while j < b.len() && is_space(b[j]) {
                j += 1;
            }
            if j < b.len() && b[j] == b'=' {
                j += 1;
                while j < b.len() && is_space(b[j]) {
                    j += 1;
                }
                match b.get(j) {
                    Some(&q) if q == b'"' || q == b'\'' => {
                        j = b[j + 1..].iter().position(|&c| c == q).map_or(b.len(), |e| j + 1 + e + 1);
                    }
                    _ => {
                        while j < b.len() && !is_space(b[j]) && b[j] != b'>' {
                            j += 1;
                        }
                    }
                }
                i = j;
            }
            count += 1;
            if count == MAX_TAG_ATTRIBUTES + 1 {
                cut_from = Some(start);
            }
            last_end = i;
        }
        if let Some(from) = cut_from {
            cuts.push((from, last_end));
            if first.is_none() {
                first = Some((name.clone(), lt, count));
            }
        }
        i = (i + 1).min(b.len());
        if RAW_TEXT.contains(&name.as_str()) {
            let end = format!("</{name}");
            i = find_ascii_ci(b, i, end.as_bytes()).unwrap_or(b.len());
        }
    }
    let (name, at, count) = first?;
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for &(s, e) in &cuts {
        out.push_str(&html[from..s]);
        from = e;
    }
    out.push_str(&html[from..]);
    let more = if cuts.len() > 1 { format!(" (and {} more such tags)", cuts.len() - 1) } else { String::new() };
    Some(Thinned {
        html: out,
        warning: format!(
            "a <{name}> tag at byte {at} has {count} attributes: only its first {MAX_TAG_ATTRIBUTES} are read{more}"
        ),
    })
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| from + p)
}

fn find_ascii_ci(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle)).map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_left_alone() {
        let page = r#"<html><head><title>a < b</title><script>if (a<b && c>d) x = "<p a b c>";</script></head>
            <body><!-- <div x y z> --><p class="x" id='y' data-a=1 hidden>Text</p></body></html>"#;
        assert_eq!(crowded_tags(page), None);
    }

    #[test]
    fn a_crowded_tag_keeps_its_first_attributes() {
        let attrs: String = (0..1000).map(|n| format!(" a{n}=\"v>{n}\"")).collect();
        let page = format!("<html><body><div{attrs}>Kept text</div><p x=1>After</p></body></html>");
        let t = crowded_tags(&page).expect("crowded");
        assert!(t.html.contains("a127=\"v>127\""));
        assert!(!t.html.contains("a128="));
        assert!(t.html.contains(">Kept text</div><p x=1>After</p>"));
        assert!(t.warning.contains("<div> tag at byte 12 has 1000 attributes"), "{}", t.warning);
    }

    #[test]
    fn attributes_in_script_text_are_not_counted() {
        let words: String = (0..1000).map(|n| format!(" w{n}")).collect();
        let page = format!("<script>if (a <b{words}) {{}}</script><p>Text</p>");
        assert_eq!(crowded_tags(&page), None);
    }
}
