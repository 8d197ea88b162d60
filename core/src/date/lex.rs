//! Tokens of date expressions: numbers (in Western, Arabic-Indic,
//! Persian and full-width digits), words (folded, with Arabic letter forms
//! normalised) and punctuation (full-width forms read as ASCII). A Chinese,
//! Japanese or Korean character is a word of its own (`2023年10月5日` is
//! six tokens), since those scripts print dates without spaces.

use crate::text::fold;
use std::ops::Range;

/// One token.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    /// A run of digits: its value (saturated) and how many digits it has.
    Num { value: u32, digits: usize },
    /// A word, as [`word_key`] makes it.
    Word(String),
    /// Any other character (whitespace is skipped).
    Punct(char),
}

/// A token and its byte span in the text.
#[derive(Debug, Clone)]
pub(super) struct Lexed {
    pub tok: Tok,
    pub span: Range<usize>,
}

/// The value of a decimal digit of the scripts dates are printed in:
/// ASCII, Arabic-Indic (`٠`-`٩`), Persian (`۰`-`۹`) and full-width
/// (`０`-`９`).
pub(super) fn digit_value(c: char) -> Option<u32> {
    let base = match c {
        '0'..='9' => '0',
        '\u{660}'..='\u{669}' => '\u{660}',
        '\u{6F0}'..='\u{6F9}' => '\u{6F0}',
        '\u{FF10}'..='\u{FF19}' => '\u{FF10}',
        _ => return None,
    };
    Some(c as u32 - base as u32)
}

/// Whether a character is Chinese, Japanese kana or Korean Hangul: each
/// is a token of its own.
pub(super) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'   // Hiragana, Katakana
        | '\u{3400}'..='\u{4DBF}' // CJK Extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK Unified Ideographs
        | '\u{F900}'..='\u{FAFF}' // CJK Compatibility Ideographs
        | '\u{1100}'..='\u{11FF}' // Hangul Jamo
        | '\u{3130}'..='\u{318F}' // Hangul Compatibility Jamo
        | '\u{AC00}'..='\u{D7AF}' // Hangul Syllables
    )
}

/// Characters that join the letters on both sides into one word and are
/// dropped from its key: the zero-width (non-)joiner of Persian (`سه‌شنبه`)
/// and apostrophes (Ukrainian `п'ятниця`).
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}' | '\'' | '’' | 'ʼ')
}

fn is_letter(c: char) -> bool {
    c.is_alphabetic() && !is_cjk(c)
}

/// Full-width punctuation (`（`, `：`, `／`, `，`) and the Arabic and ideographic
/// commas read as their ASCII forms.
fn ascii_punct(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '،' | '、' => ',',
        _ => c,
    }
}

/// The key of a word: folded (case, Latin diacritics), the Arabic letter
/// forms that spellings vary on made one (`أ إ آ ٱ` = `ا`, `ة` = `ه`,
/// `ي ى` = `ی`, `ك` = `ک`), short vowels, tatweel and joiners dropped.
pub(super) fn word_key(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in fold(word).chars() {
        match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => out.push('ا'),
            'ة' => out.push('ه'),
            'ي' | 'ى' => out.push('ی'),
            'ك' => out.push('ک'),
            '\u{640}' | '\u{64B}'..='\u{65F}' | '\u{670}' => {}
            c if is_joiner(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Splits a text into tokens.
pub(super) fn lex(text: &str) -> Vec<Lexed> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if let Some(d) = digit_value(c) {
            let (mut end, mut value, mut digits) = (i + c.len_utf8(), u64::from(d), 1usize);
            while let Some(&(j, n)) = chars.peek() {
                let Some(d) = digit_value(n) else { break };
                value = value.saturating_mul(10).saturating_add(u64::from(d));
                digits += 1;
                end = j + n.len_utf8();
                chars.next();
            }
            let value = value.min(u64::from(u32::MAX)) as u32;
            out.push(Lexed { tok: Tok::Num { value, digits }, span: i..end });
        } else if is_cjk(c) {
            let end = i + c.len_utf8();
            out.push(Lexed { tok: Tok::Word(text[i..end].to_string()), span: i..end });
        } else if is_letter(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, n)) = chars.peek() {
                if is_letter(n) {
                    end = j + n.len_utf8();
                    chars.next();
                } else if is_joiner(n) && text[j + n.len_utf8()..].chars().next().is_some_and(is_letter) {
                    chars.next();
                } else {
                    break;
                }
            }
            out.push(Lexed { tok: Tok::Word(word_key(&text[i..end])), span: i..end });
        } else {
            out.push(Lexed { tok: Tok::Punct(ascii_punct(c)), span: i..i + c.len_utf8() });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Tok> {
        lex(s).into_iter().map(|l| l.tok).collect()
    }

    #[test]
    fn digits_of_four_scripts_are_numbers() {
        for s in ["2023", "٢٠٢٣", "۲۰۲۳", "２０２３"] {
            assert_eq!(toks(s), vec![Tok::Num { value: 2023, digits: 4 }], "{s}");
        }
        let l = lex("۱۳ مهر");
        assert_eq!(l[0].span, 0.."۱۳".len());
    }

    #[test]
    fn cjk_characters_are_words_of_their_own() {
        let t = toks("2023年10月5日（木）");
        assert_eq!(t.len(), 9, "{t:?}");
        assert_eq!(t[1], Tok::Word("年".into()));
        assert_eq!(t[6], Tok::Punct('('));
    }

    #[test]
    fn arabic_spellings_and_joiners_share_a_key() {
        assert_eq!(word_key("أكتوبر"), word_key("اكتوبر"));
        assert_eq!(word_key("إبريل"), word_key("ابريل"));
        assert_eq!(word_key("الجمعة"), word_key("الجمعه"));
        assert_eq!(word_key("يناير"), word_key("ینایر"));
        assert_eq!(toks("سه‌شنبه"), toks("سهشنبه"));
        assert_eq!(toks("п'ятниця"), vec![Tok::Word("пятниця".into())]);
        assert_eq!(toks("Şubat"), vec![Tok::Word("subat".into())]);
    }
}
