//! Text normalisation and the one tokenizer used for indexing *and* queries.
//!
//! A token is a maximal run of alphanumeric characters. An apostrophe between
//! two letters stays inside the word (`didn't`, `Azerbaijan’s`) and is then
//! dropped, together with a trailing possessive `s`, by [`normalize_word`].
//! Hyphens, slashes and all other punctuation separate tokens, so
//! `Nagorno-Karabakh` is the two tokens `nagorno` `karabakh` both in articles
//! and in queries, and the phrase query `"Nagorno-Karabakh"` matches them in
//! sequence.
//!
//! Normalisation folds case (Unicode lowercase) and diacritics (`é` → `e`,
//! `ø` → `o`, `ß` → `ss`, `ё` → `е`, Greek tonos removed) from a fixed table
//! covering Latin-1, Latin Extended-A/B, Greek and Cyrillic `ё`; it keeps
//! every other script as lowercase letters. Stemming is *not* applied here:
//! the index keeps folded surface forms and groups them by English stem
//! ([`stem`]) so that an exact form can always outrank its variants.

use std::ops::Range;

include!("fold_table.rs");

/// Whether `c` is a bidirectional embedding, override or isolate control
/// (U+202A–U+202E, U+2066–U+2069). Inside a title or a name such a
/// character reverses or reorders the text after it (`exe.⮌gnp` shown as
/// `png.exe`), so article fields never keep one; the marks U+200E/U+200F,
/// which only set a direction, stay.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A field of an article as it may be shown and exported: control
/// characters (C0, C1, DEL) and bidirectional controls removed, except the
/// line feed and tab; everything else kept as written.
pub fn clean_field(s: &str) -> String {
    s.chars().filter(|&c| c == '\n' || c == '\t' || !(c.is_control() || is_bidi_control(c))).collect()
}

/// A one-line field (title, name): [`clean_field`], with every run of
/// whitespace (line breaks and tabs included) made one space and the ends
/// trimmed.
pub fn clean_line(s: &str) -> String {
    clean_field(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One token of a text: its normalised term and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Folded, lowercased term (apostrophes and possessive `s` removed).
    pub term: String,
    /// Byte range of the token in the original text.
    pub span: Range<usize>,
    /// Ordinal position of the token in the text (0-based).
    pub position: u32,
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Byte ranges of the raw words of `text` (see the module docs for the rule).
pub fn word_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut start: Option<usize> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start {
            let next_is_alpha = iter.peek().is_some_and(|&(_, n)| n.is_alphabetic());
            if is_apostrophe(c) && next_is_alpha {
                continue;
            }
            spans.push(s..i);
            start = None;
        }
    }
    if let Some(s) = start {
        spans.push(s..text.len());
    }
    spans
}

/// Folds one character: lowercase and diacritics removed. Pushes the result
/// into `out` (some characters fold to two letters, e.g. `ß` → `ss`).
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match c {
        'ß' | 'ẞ' => out.push_str("ss"),
        'æ' | 'Æ' => out.push_str("ae"),
        'œ' | 'Œ' => out.push_str("oe"),
        'þ' | 'Þ' => out.push_str("th"),
        'ø' | 'Ø' => out.push('o'),
        'ł' | 'Ł' => out.push('l'),
        'đ' | 'Đ' => out.push('d'),
        'ħ' | 'Ħ' => out.push('h'),
        'ı' => out.push('i'),
        _ => {
            if let Ok(i) = FOLD.binary_search_by(|(k, _)| k.cmp(&c)) {
                out.push(FOLD[i].1);
            } else {
                out.extend(c.to_lowercase());
            }
        }
    }
}

/// Folds a whole string (case and diacritics), keeping everything else.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Normalises one raw word into its index term: folded, apostrophes removed,
/// a possessive `'s` dropped (`Azerbaijan’s` → `azerbaijan`).
pub fn normalize_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        if is_apostrophe(c) {
            // Possessive: apostrophe + final s.
            let rest: String = chars.clone().collect();
            if rest == "s" || rest == "S" {
                break;
            }
            continue;
        }
        fold_char(c, &mut out);
    }
    out
}

/// Calls `f(term, span, position)` for every token of `text` without
/// allocating a string per token (the term lives in a reused buffer). Same
/// tokens as [`tokenize`].
pub fn for_each_token(text: &str, mut f: impl FnMut(&str, Range<usize>, u32)) {
    let mut buf = String::new();
    for (i, span) in word_spans(text).into_iter().enumerate() {
        buf.clear();
        let word = &text[span.clone()];
        if word.bytes().all(|b| b.is_ascii_alphanumeric()) {
            buf.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
        } else {
            buf.push_str(&normalize_word(word));
        }
        if !buf.is_empty() {
            f(&buf, span, i as u32);
        }
    }
}

/// Tokenizes `text` into normalised terms with spans and positions.
pub fn tokenize(text: &str) -> Vec<Token> {
    word_spans(text)
        .into_iter()
        .enumerate()
        .filter_map(|(i, span)| {
            let term = normalize_word(&text[span.clone()]);
            (!term.is_empty()).then_some(Token { term, span, position: i as u32 })
        })
        .collect()
}

/// Just the terms of `text`, in order.
pub fn terms(text: &str) -> Vec<String> {
    tokenize(text).into_iter().map(|t| t.term).collect()
}

thread_local! {
    static STEMMER: rust_stemmers::Stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
}

/// English Snowball stem of a normalised term. Terms containing digits or
/// non-Latin letters are returned unchanged.
pub fn stem(term: &str) -> String {
    if term.len() < 3 || !term.bytes().all(|b| b.is_ascii_lowercase()) {
        return term.to_string();
    }
    STEMMER.with(|s| s.stem(term).into_owned())
}

/// Damerau-free Levenshtein distance, bounded: returns `None` when the
/// distance exceeds `max`. Used for typo tolerance.
pub fn edit_distance_within(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    (prev[b.len()] <= max).then_some(prev[b.len()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizer_table() {
        let cases: &[(&str, &[&str])] = &[
            ("Nagorno-Karabakh", &["nagorno", "karabakh"]),
            ("Azerbaijan’s President", &["azerbaijan", "president"]),
            ("didn't shake hands", &["didnt", "shake", "hands"]),
            ("İçeriğe geçmek", &["icerige", "gecmek"]),
            ("Ésta es MÜNCHEN straße", &["esta", "es", "munchen", "strasse"]),
            ("Всё ясно", &["все", "ясно"]),
            ("48,000 refugees", &["48", "000", "refugees"]),
            ("  ", &[]),
            ("'quoted'", &["quoted"]),
        ];
        for (input, want) in cases {
            assert_eq!(terms(input), want.to_vec(), "input {input:?}");
        }
    }

    #[test]
    fn spans_point_into_the_original() {
        let text = "Putin’s talks, «Moscow»";
        for t in tokenize(text) {
            assert!(fold(&text[t.span.clone()]).starts_with(&t.term[..1]));
        }
        assert_eq!(tokenize(text)[2].position, 2);
    }

    #[test]
    fn for_each_token_agrees_with_tokenize() {
        for text in ["Nagorno-Karabakh’s talks, 48,000 refugees", "İçeriğe geçmek ÉLYSÉE", "", "a'b c"] {
            let mut seen = Vec::new();
            for_each_token(text, |t, span, pos| seen.push(Token { term: t.to_string(), span, position: pos }));
            assert_eq!(seen, tokenize(text), "{text:?}");
        }
    }

    #[test]
    fn clean_field_drops_controls_and_bidi_overrides() {
        let cases = [
            ("exe.\u{202e}gnp.txt", "exe.gnp.txt"),
            ("a\u{0}b\u{7}c\u{1b}d\u{85}e\u{7f}f", "abcdef"),
            ("\u{2066}isolated\u{2069} and \u{200f}marked", "isolated and \u{200f}marked"),
            ("line one\nline\ttwo", "line one\nline\ttwo"),
            ("مرحبا Karabakh", "مرحبا Karabakh"),
        ];
        for (raw, want) in cases {
            assert_eq!(clean_field(raw), want, "{raw:?}");
        }
        assert_eq!(clean_line(" Evil\ncargo::error=X\t\u{202e}y "), "Evil cargo::error=X y");
    }

    #[test]
    fn stems_group_variants() {
        assert_eq!(stem("talks"), stem("talk"));
        assert_eq!(stem("negotiations"), stem("negotiation"));
        assert_eq!(stem("2020"), "2020");
    }

    #[test]
    fn bounded_edit_distance() {
        assert_eq!(edit_distance_within("karabakh", "karabak", 1), Some(1));
        assert_eq!(edit_distance_within("azerbaijan", "azerbajan", 2), Some(1));
        assert_eq!(edit_distance_within("putin", "peace", 2), None);
    }
}
