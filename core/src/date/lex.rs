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
    if word.bytes().all(|b| b.is_ascii_alphabetic()) {
        return word.to_ascii_lowercase();
    }
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

/// The number token of the digits at `span` of `text`.
fn number(text: &str, span: Range<usize>) -> Lexed {
    let (mut value, mut digits) = (0u64, 0usize);
    for d in text[span.clone()].chars().filter_map(digit_value) {
        value = value.saturating_mul(10).saturating_add(u64::from(d));
        digits += 1;
    }
    let value = value.min(u64::from(u32::MAX)) as u32;
    Lexed { tok: Tok::Num { value, digits }, span }
}

/// Where the hour of a clock time glued to the digits before it starts
/// (`28.09.1912:44` is `28.09.19` and `12:44`: an HTML page printed the
/// date and the time in adjacent elements, which a browser shows without
/// a space). A run of three to six digits directly followed by `:` and
/// exactly two digits cannot be a number before a clock time's minutes,
/// since an hour has at most two digits: the run is a two- or four-digit
/// number (a day, a year) and then the hour, `19|12:44`, `19|9:05`,
/// `2019|12:44`, `2019|9:05`. In particular a four-digit run there is
/// never read as a year (`1912` in `28.09.1912:44`). Returns the byte
/// offset of the hour in `text`.
fn glued_hour(text: &str, run: Range<usize>) -> Option<usize> {
    let mut after = text[run.end..].chars();
    if !matches!(after.next(), Some(':' | '\u{FF1A}')) {
        return None;
    }
    let minute = after.by_ref().take(2).filter(|&c| digit_value(c).is_some()).count();
    if minute != 2 || after.next().is_some_and(|c| digit_value(c).is_some()) {
        return None;
    }
    let digits: Vec<usize> = text[run.clone()].char_indices().map(|(k, _)| run.start + k).collect();
    let keep = match digits.len() {
        3 | 4 => 2,
        5 | 6 => 4,
        _ => return None,
    };
    Some(digits[keep])
}

/// Splits a text into tokens.
pub(super) fn lex(text: &str) -> Vec<Lexed> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if digit_value(c).is_some() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, n)) = chars.peek() {
                if digit_value(n).is_none() {
                    break;
                }
                end = j + n.len_utf8();
                chars.next();
            }
            match glued_hour(text, i..end) {
                Some(at) => {
                    out.push(number(text, i..at));
                    out.push(number(text, at..end));
                }
                None => out.push(number(text, i..end)),
            }
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
    fn an_hour_glued_to_the_digits_before_it_is_a_token_of_its_own() {
        let num = |value, digits| Tok::Num { value, digits };
        assert_eq!(toks("1912:44"), vec![num(19, 2), num(12, 2), Tok::Punct(':'), num(44, 2)]);
        assert_eq!(toks("199:05"), vec![num(19, 2), num(9, 1), Tok::Punct(':'), num(5, 2)]);
        assert_eq!(toks("201912:44"), vec![num(2019, 4), num(12, 2), Tok::Punct(':'), num(44, 2)]);
        assert_eq!(toks("20199:05"), vec![num(2019, 4), num(9, 1), Tok::Punct(':'), num(5, 2)]);
        let l = lex("٢٠١٩١٢:٤٤");
        assert_eq!((&l[0].tok, &l[1].tok), (&num(2019, 4), &num(12, 2)));
        assert_eq!((l[0].span.clone(), l[1].span.clone()), (0..8, 8..12));
        // Not before a clock's minutes: a year, a ratio, a verse, seconds.
        for s in ["2019", "2019:", "1912:4", "1912:445", "12:44:30", "1000:1000", "7:44"] {
            assert!(toks(s).iter().all(|t| !matches!(t, Tok::Num { digits: 2, value: 19 | 10 })), "{s}");
        }
        assert_eq!(toks("1912:445")[0], num(1912, 4));
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
