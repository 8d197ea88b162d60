//! Text normalisation and the one tokenizer used for indexing *and* queries.
//!
//! A token is a maximal run of alphanumeric characters (combining marks
//! stay with the letter before them). An apostrophe between two letters
//! stays inside the word (`didn't`, `Azerbaijan’s`) and is then dropped,
//! together with a trailing possessive `s`, by [`normalize_word`].
//! Hyphens, slashes and all other punctuation separate tokens, so
//! `Nagorno-Karabakh` is the two tokens `nagorno` `karabakh` both in articles
//! and in queries, and the phrase query `"Nagorno-Karabakh"` matches them in
//! sequence.
//!
//! **Unspaced scripts.** Chinese, Japanese and Korean (Han, Kana, Hangul)
//! and Thai, Lao, Khmer and Myanmar do not separate words with spaces, so
//! a run of their characters is indexed as overlapping **character
//! bigrams**, as Lucene's CJK analyzer does: `普京会见` gives `普京` `京会`
//! `会见` at consecutive positions (a lone character is one token). A query
//! goes through the same tokenizer, so a word of two characters is one
//! bigram and a longer one a phrase of bigrams: `会见` and `普京会见` are
//! both found inside the run. A run is split from Latin letters and digits
//! around it (`iPhone手机` gives `iphone` `手机`). Bigram spans overlap;
//! [`crate::search::highlight`] merges them.
//!
//! Normalisation folds case (Unicode lowercase) and diacritics (`é` → `e`,
//! `ø` → `o`, `ß` → `ss`, `ё` → `е`, Greek tonos removed) from a fixed table
//! covering Latin-1, Latin Extended-A/B, Greek and Cyrillic `ё`, drops
//! combining marks (so decomposed `é` folds like the composed one), and
//! normalises Arabic-script spelling as Lucene's Arabic and Persian
//! normalisers do: vowel marks (harakat) and the tatweel dropped, `أ إ آ ٱ`
//! → `ا`, `ى` → `ي`, `ة` → `ه`, Persian `ی` `ک` → Arabic `ي` `ك`.
//! Eastern Arabic and Persian digits become ASCII digits in tokens. Every
//! other script is kept as lowercase letters. Stemming is *not* applied
//! here: the index keeps folded surface forms and groups them by stem in
//! their article's language ([`crate::lang`]) so that an exact form can
//! always outrank its variants.

use std::ops::{ControlFlow, Range};

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
    if is_clean_field(s) {
        return s.to_owned();
    }
    s.chars().filter(|&c| c == '\n' || c == '\t' || !(c.is_control() || is_bidi_control(c))).collect()
}

/// `s.to_lowercase()`, faster on text with a few characters above ASCII
/// (curly quotes and dashes in English news): runs of ASCII are copied
/// and lowercased a run at a time, where the standard library reads the
/// rest of the text character by character after the first character
/// above ASCII (measured: 6% of text ingest). Text with a capital sigma
/// goes to the standard library, whose final-sigma rule looks at the
/// letters around it.
pub fn lowercase(s: &str) -> String {
    if s.contains('Σ') {
        return s.to_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        let ascii = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
        let from = out.len();
        out.push_str(&rest[..ascii]);
        out[from..].make_ascii_lowercase();
        rest = &rest[ascii..];
        if let Some(c) = rest.chars().next() {
            out.extend(c.to_lowercase());
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// Whether [`clean_field`] would keep `s` as it is: no control character
/// but line feed and tab, no bidirectional control. Read as UTF-8 bytes,
/// without decoding: C1 controls start with 0xC2, bidirectional controls
/// with 0xE2 (a text's every character is checked by ingest, most of
/// them ASCII letters).
pub fn is_clean_field(s: &str) -> bool {
    let b = s.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    b.iter().enumerate().all(|(i, &c)| match c {
        b'\n' | b'\t' => true,
        0..=0x1F | 0x7F => false,
        0xC2 => !(0x80..=0x9F).contains(&at(i + 1)),
        0xE2 => match at(i + 1) {
            0x80 => !(0xAA..=0xAE).contains(&at(i + 2)),
            0x81 => !(0xA6..=0xA9).contains(&at(i + 2)),
            _ => true,
        },
        _ => true,
    })
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

/// Whether a run of `c` has no spaces between words (Han, Kana, Hangul,
/// Thai, Lao, Khmer, Myanmar): such runs are indexed as bigrams.
pub fn is_unspaced(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0EFF}'       // Thai, Lao
        | '\u{1000}'..='\u{109F}'     // Myanmar
        | '\u{1100}'..='\u{11FF}'     // Hangul Jamo
        | '\u{1780}'..='\u{17FF}'     // Khmer
        | '\u{3040}'..='\u{30FF}'     // Hiragana, Katakana
        | '\u{3130}'..='\u{318F}'     // Hangul compatibility Jamo
        | '\u{31F0}'..='\u{31FF}'     // Katakana extensions
        | '\u{3400}'..='\u{4DBF}'     // Han extension A
        | '\u{4E00}'..='\u{9FFF}'     // Han
        | '\u{AC00}'..='\u{D7AF}'     // Hangul syllables
        | '\u{F900}'..='\u{FAFF}'     // Han compatibility
        | '\u{FF66}'..='\u{FF9F}'     // half-width Katakana
        | '\u{20000}'..='\u{3134F}' // Han extensions B-G
    )
}

/// Whether `c` is a combining mark that belongs to the letter before it
/// (accents, Cyrillic, Hebrew and Arabic marks, Indic and Thai vowel signs
/// and tone marks). Not a complete list of Unicode's marks: the scripts
/// news is written in.
pub fn is_mark(c: char) -> bool {
    // Most text is below the first mark: one comparison for it.
    if c < '\u{0300}' {
        return false;
    }
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0483}'..='\u{0489}'
        | '\u{0591}'..='\u{05BD}' | '\u{05BF}' | '\u{05C1}'..='\u{05C2}' | '\u{05C4}'..='\u{05C5}' | '\u{05C7}'
        | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}' | '\u{06E7}'..='\u{06E8}' | '\u{06EA}'..='\u{06ED}'
        | '\u{0900}'..='\u{0903}' | '\u{093A}'..='\u{094F}' | '\u{0951}'..='\u{0957}' | '\u{0962}'..='\u{0963}'
        | '\u{0981}'..='\u{0983}' | '\u{09BC}'..='\u{09D7}'
        | '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}'
        | '\u{0EB1}' | '\u{0EB4}'..='\u{0EBC}' | '\u{0EC8}'..='\u{0ECD}'
        | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}'
    )
}

/// Marks that only decorate spelling and are dropped by folding (accents,
/// Hebrew points, Arabic harakat and the tatweel); Indic and Thai signs
/// are letters of the word and stay.
fn is_dropped_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0483}'..='\u{0489}'
        | '\u{0591}'..='\u{05C7}'
        | '\u{0610}'..='\u{061A}' | '\u{0640}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}'
        | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}'
    )
}

/// Byte ranges of the tokens of `text` (see the module docs for the rule),
/// in token order; the bigrams of an unspaced run overlap.
pub fn word_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    for_each_word_span(text, |span| spans.push(span));
    spans
}

/// Calls `f` with the byte range of every token of `text`, in the order
/// of [`word_spans`] (which collects them), without a vector of spans.
pub fn for_each_word_span(text: &str, mut f: impl FnMut(Range<usize>)) {
    // (`Infallible`: the compiler knows the walk never stops early, so this
    // is the plain loop.)
    let _ = try_for_each_word_span(text, |span| {
        f(span);
        ControlFlow::<std::convert::Infallible>::Continue(())
    });
}

/// [`for_each_word_span`], stopping at the first span for which `f`
/// breaks (a caller that has seen enough of a long line stops reading it).
pub fn try_for_each_word_span<B>(text: &str, mut f: impl FnMut(Range<usize>) -> ControlFlow<B>) -> ControlFlow<B> {
    // The current word: its start, and for an unspaced run the starts of
    // its characters (a character with its marks).
    let mut start: Option<usize> = None;
    let mut unspaced: Vec<usize> = Vec::new();
    let mut flush = |start: &mut Option<usize>, unspaced: &mut Vec<usize>, end: usize| -> ControlFlow<B> {
        if !unspaced.is_empty() {
            if unspaced.len() == 1 {
                f(unspaced[0]..end)?;
            } else {
                for k in 0..unspaced.len() - 1 {
                    let to = unspaced.get(k + 2).copied().unwrap_or(end);
                    f(unspaced[k]..to)?;
                }
            }
            unspaced.clear();
        } else if let Some(s) = *start {
            f(s..end)?;
        }
        *start = None;
        ControlFlow::Continue(())
    };
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        // ASCII letters and digits (most of most texts): the rule below,
        // without its Unicode tables.
        if c.is_ascii_alphanumeric() {
            if !unspaced.is_empty() {
                flush(&mut start, &mut unspaced, i)?;
            }
            start.get_or_insert(i);
            continue;
        }
        if is_mark(c) && (start.is_some() || !unspaced.is_empty()) {
            // A mark stays with the letter before it.
            continue;
        }
        if c.is_alphanumeric() {
            let cjk = is_unspaced(c);
            // A change between an unspaced script and the others ends the
            // word.
            if (cjk && start.is_some() && unspaced.is_empty()) || (!cjk && !unspaced.is_empty()) {
                flush(&mut start, &mut unspaced, i)?;
            }
            if cjk {
                unspaced.push(i);
            }
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if start.is_some() {
            let next_is_alpha = iter.peek().is_some_and(|&(_, n)| n.is_alphabetic() && !is_unspaced(n));
            if is_apostrophe(c) && next_is_alpha && unspaced.is_empty() {
                continue;
            }
            flush(&mut start, &mut unspaced, i)?;
        }
    }
    flush(&mut start, &mut unspaced, text.len())
}

/// Folds one character: lowercase and diacritics removed. Pushes the result
/// into `out` (some characters fold to two letters, e.g. `ß` → `ss`).
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match c {
        _ if is_dropped_mark(c) => {}
        // Arabic-script spelling (Lucene's Arabic and Persian normalisers).
        '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}' => out.push('\u{0627}'),
        '\u{0649}' | '\u{06CC}' => out.push('\u{064A}'),
        '\u{0629}' => out.push('\u{0647}'),
        '\u{06A9}' => out.push('\u{0643}'),
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
    push_normalized(word, &mut out);
    out
}

/// Pushes [`normalize_word`] of `word` onto `out`.
fn push_normalized(word: &str, out: &mut String) {
    // Letters and digits of ASCII only (most words of most texts): the
    // word in lower case.
    if word.bytes().all(|b| b.is_ascii_alphanumeric()) {
        let from = out.len();
        out.push_str(word);
        out[from..].make_ascii_lowercase();
        return;
    }
    let mut chars = word.chars();
    while let Some(c) = chars.next() {
        if is_apostrophe(c) {
            // Possessive: apostrophe + final s.
            if matches!(chars.as_str(), "s" | "S") {
                break;
            }
            continue;
        }
        match c {
            // Eastern Arabic and Persian digits.
            '\u{0660}'..='\u{0669}' => out.push(char::from(b'0' + (c as u32 - 0x660) as u8)),
            '\u{06F0}'..='\u{06F9}' => out.push(char::from(b'0' + (c as u32 - 0x6F0) as u8)),
            _ => fold_char(c, out),
        }
    }
}

/// Calls `f(term, span, position)` for every token of `text` without
/// allocating a string per token (the term lives in a reused buffer). Same
/// tokens as [`tokenize`].
pub fn for_each_token(text: &str, mut f: impl FnMut(&str, Range<usize>, u32)) {
    let mut buf = String::new();
    let mut i = 0u32;
    for_each_word_span(text, |span| {
        buf.clear();
        push_normalized(&text[span.clone()], &mut buf);
        if !buf.is_empty() {
            f(&buf, span, i);
        }
        i += 1;
    });
}

/// The terms of `text` ([`for_each_token`]) pushed onto `out`, each after
/// a space unless `out` is empty: the folded key of a line, without a
/// buffer per term.
pub fn push_terms(text: &str, out: &mut String) {
    for_each_word_span(text, |span| push_term(text, span, out));
}

/// [`push_terms`] while `keep(out)` holds after each term: `true` when
/// every term was pushed, `false` (with `out` holding the terms so far) as
/// soon as `keep` says no. The readers below stop a line there: most lines
/// compared with a few keys differ from them in their first word.
fn push_terms_while(text: &str, out: &mut String, mut keep: impl FnMut(&str) -> bool) -> bool {
    try_for_each_word_span(text, |span| {
        push_term(text, span, out);
        if keep(out) {
            ControlFlow::Continue(())
        } else {
            ControlFlow::Break(())
        }
    })
    .is_continue()
}

/// [`push_terms`] while `out` holds at most `max` bytes: `false`, with
/// `out` holding more than `max` bytes of the terms, as soon as it cannot
/// (terms are only ever added, so the whole would be longer still). A
/// line compared with a few short keys stops being read there.
pub fn push_terms_at_most(text: &str, out: &mut String, max: usize) -> bool {
    push_terms_while(text, out, |out| out.len() <= max)
}

/// Whether `s` has at most `n` characters, counted only when its length
/// in bytes does not say (a character is one to four bytes): lines are
/// compared with such bounds everywhere in extraction, and counting the
/// characters of every long paragraph was 2% of text ingest.
pub fn chars_at_most(s: &str, n: usize) -> bool {
    s.len() <= n || (s.len() <= n.saturating_mul(4) && s.chars().count() <= n)
}

/// The first term of `text` ([`push_terms`]), read no further; empty
/// when it has none.
pub fn first_term(text: &str) -> String {
    let mut out = String::new();
    push_terms_while(text, &mut out, str::is_empty);
    out
}

/// The length of the key of `text` ([`push_terms`]) when that key is a
/// prefix of `of`, read no further than the first term where it stops
/// being one.
pub fn key_prefix_of(text: &str, of: &str) -> Option<usize> {
    let mut out = String::new();
    push_terms_while(text, &mut out, |out| of.as_bytes().starts_with(out.as_bytes())).then_some(out.len())
}

/// Whether the terms of `text` joined by spaces ([`push_terms`]) are one
/// of `keys` (at most 64), read no further than the first word where no
/// key can still be matched: a line compared with a headline or a site
/// name usually differs in its first word, and building its key up to
/// the headline's length was a twentieth of text ingest.
pub fn terms_in(text: &str, keys: &[&str]) -> bool {
    debug_assert!(keys.len() <= 64, "terms_in takes at most 64 keys");
    let mut out = String::new();
    // The keys `out` is still a prefix of, one bit each.
    let mut live: u64 = if keys.len() >= 64 { u64::MAX } else { (1u64 << keys.len()) - 1 };
    let read = push_terms_while(text, &mut out, |out| {
        for (i, k) in keys.iter().enumerate() {
            if live & (1 << i) != 0 && !k.as_bytes().starts_with(out.as_bytes()) {
                live &= !(1 << i);
            }
        }
        live != 0
    });
    read && keys.iter().enumerate().any(|(i, k)| live & (1 << i) != 0 && *k == out)
}

/// Pushes the term of the word at `span` of `text` onto `out`, after a
/// space unless `out` is empty ([`push_terms`]).
fn push_term(text: &str, span: Range<usize>, out: &mut String) {
    let before = out.len();
    if before > 0 {
        out.push(' ');
    }
    let from = out.len();
    push_normalized(&text[span], out);
    if out.len() == from {
        // A word that folds to nothing (a lone tatweel) is no term.
        out.truncate(before);
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

/// Hyphens that join the parts of a compound word (`cease-fire`).
pub fn is_joining_hyphen(gap: &str) -> bool {
    matches!(gap, "-" | "\u{2010}" | "\u{2011}")
}

/// Most parts a hyphenated compound may have to be known by its joined
/// form as well.
pub const COMPOUND_PARTS: usize = 3;

/// Whether a term can be part of a compound: letters only.
pub fn is_compound_part(term: &str) -> bool {
    !term.is_empty() && term.chars().all(char::is_alphabetic)
}

/// The joined form of a hyphenated compound (`cease-fire`, `Nagorno-Karabakh`
/// give `ceasefire`, `nagornokarabakh`): the terms of 2 to
/// [`COMPOUND_PARTS`] parts of letters joined by single hyphens. The index
/// stores it beside the parts (at the first part's position) and a query
/// word with hyphens also asks for it, so `cease-fire` and `ceasefire` find
/// each other.
pub fn compound(word: &str) -> Option<String> {
    let toks = tokenize(word);
    if !(2..=COMPOUND_PARTS).contains(&toks.len()) || !toks.iter().all(|t| is_compound_part(&t.term)) {
        return None;
    }
    // (Spans of unspaced scripts overlap: no gap, no compound.)
    let joined = toks.windows(2).all(|w| word.get(w[0].span.end..w[1].span.start).is_some_and(is_joining_hyphen));
    joined.then(|| toks.iter().map(|t| t.term.as_str()).collect())
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
            // Unspaced scripts: overlapping bigrams, a lone character alone.
            ("普京会见", &["普京", "京会", "会见"]),
            ("普", &["普"]),
            ("iPhone手机2023年", &["iphone", "手机", "2023", "年"]),
            ("東京で会談した", &["東京", "京で", "で会", "会談", "談し", "した"]),
            ("대통령 회담", &["대통", "통령", "회담"]),
            ("ประเทศไทย", &["ปร", "ระ", "ะเ", "เท", "ทศ", "ศไ", "ไท", "ทย"]),
            // Thai tone marks and Arabic harakat stay inside the word.
            ("น้ำ", &["น้ำ"]),
            ("مُحَمَّد", &["محمد"]),
            // Arabic-script spelling and digits.
            ("أرمينيا إيران آذربيجان", &["ارمينيا", "ايران", "اذربيجان"]),
            ("ایران کشور", &["ايران", "كشور"]),
            ("مدرسة", &["مدرسه"]),
            ("٢٠٢٣ ۱۴۰۲", &["2023", "1402"]),
            // Decomposed accents fold like composed ones.
            ("Pute\u{301}", &["pute"]),
            ("Пути\u{301}н", &["путин"]),
        ];
        for (input, want) in cases {
            assert_eq!(terms(input), want.to_vec(), "input {input:?}");
        }
    }

    /// Bigram spans overlap and cover the characters they name.
    #[test]
    fn bigram_spans_cover_their_characters() {
        let text = "Путин: 普京会见了";
        for t in tokenize(text) {
            assert_eq!(fold(&text[t.span.clone()]), t.term, "{t:?}");
        }
        let spans = word_spans("普京会");
        assert_eq!(spans, vec![0..6, 3..9]);
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
    fn push_terms_joins_the_terms_of_tokenize() {
        for text in [
            "Nagorno-Karabakh’s talks, 48,000 refugees",
            "İçeriğe geçmek ÉLYSÉE",
            "",
            "a'b c James's",
            "ـ ـــ word",
            "普京会见 iPhone手机",
        ] {
            let mut out = String::new();
            push_terms(text, &mut out);
            let terms: Vec<String> = tokenize(text).into_iter().map(|t| t.term).collect();
            assert_eq!(out, terms.join(" "), "{text:?}");
        }
    }

    proptest::proptest! {
        // Lowercasing by ASCII runs is the standard library's, with the
        // letters whose lowercase differs in length (`İ`) and the sigma.
        #[test]
        fn lowercase_is_the_standard_one(s in "[aBZ .’—ÉİẞΣσΑ\u{1e9e}Ω]{0,16}") {
            proptest::prop_assert_eq!(lowercase(&s), s.to_lowercase());
        }

        // A field judged clean is one the filter keeps as it is (and any
        // other is one it changes): every control and bidirectional
        // control next to their neighbours in UTF-8.
        #[test]
        fn is_clean_field_agrees_with_the_filter(
            s in "[a-c \n\t\r\x00\x1f\x7f\u{80}\u{9f}\u{a0}\u{2029}\u{202a}\u{202e}\u{202f}\u{2065}\u{2066}\u{2069}\u{206a}\u{200e}]{0,12}"
        ) {
            let filtered: String =
                s.chars().filter(|&c| c == '\n' || c == '\t' || !(c.is_control() || is_bidi_control(c))).collect();
            proptest::prop_assert_eq!(is_clean_field(&s), filtered == s);
            proptest::prop_assert_eq!(clean_field(&s), filtered);
        }

        // Bounding by bytes first is counting the characters.
        #[test]
        fn chars_at_most_is_counting(s in "[aé€\u{1F600}]{0,12}", n in 0usize..14) {
            proptest::prop_assert_eq!(chars_at_most(&s, n), s.chars().count() <= n);
        }

        // Reading a text's terms only as far as a key can still match gives
        // the answer of comparing its whole key: against keys of texts
        // drawn from the same letters (so prefixes, equal keys and the
        // empty key all come up), including the text's own key.
        #[test]
        fn terms_in_is_comparing_the_whole_key(
            text in "[ abAB’'.\u{640}\u{4e00}\u{4e01}-]{0,16}",
            others in proptest::collection::vec("[ abAB’'.\u{640}\u{4e00}-]{0,12}", 0..5),
            own in proptest::bool::ANY,
        ) {
            let key_of = |t: &str| { let mut k = String::new(); push_terms(t, &mut k); k };
            let whole = key_of(&text);
            let mut keys: Vec<String> = others.iter().map(|o| key_of(o)).collect();
            if own {
                keys.push(whole.clone());
            }
            let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
            proptest::prop_assert_eq!(terms_in(&text, &refs), keys.contains(&whole));
            proptest::prop_assert_eq!(first_term(&text), whole.split(' ').next().unwrap_or_default());
            for k in &keys {
                let want = k.starts_with(whole.as_str()).then_some(whole.len());
                proptest::prop_assert_eq!(key_prefix_of(&text, k), want);
            }
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
