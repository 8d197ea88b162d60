//! Finding dates in running text.
//!
//! [`find_dates`] scans a line and returns every date expression it
//! recognises, with the byte span it covers and a clock time when one stands
//! next to it. It knows the shapes news sites print:
//!
//! | shape                               | example                              |
//! |-------------------------------------|--------------------------------------|
//! | month-name day, year (time)         | `Nov. 20, 2019 5:52 AM EST`, `August 28, 2024 Hour: 9:04 am` |
//! | (weekday) day month-name year (time)| `Mon 20 Jan 2020 06.05 GMT`, `11 Jan, 2021 16:16`, `12-Mar-2021`, `12-Mar-21`, `29 / Dezember / 2022` |
//! | time before a numeric date          | `21:17 18.11.2019`                   |
//! | ISO and numeric dates               | `2019-11-18T10:00:00Z`, `18.11.2019`, `11/18/2019`, `11/08/23 5:19pm` |
//! | day month-name / month-name day, no year | `on Monday (11 January)`, `Sept. 27` |
//!
//! Month names are recognised in English, French, Spanish, Portuguese,
//! Italian, German, Dutch, Scandinavian, Polish, Finnish, Russian (nominative and
//! genitive) and Turkish, after case and diacritic folding; English
//! three-letter abbreviations, `Sept.` and the usual German, Italian,
//! Spanish and Portuguese abbreviations (`Okt.`, `Dez.`, `giu`, `ago`) are
//! accepted. Numeric `a/b/yyyy` is read month-first and
//! `a.b.yyyy` / `a-b-yyyy` day-first, unless a number over 12 says which
//! one is the day. A two-digit year is read after slashes (`a/b/yy`,
//! 1970..=2069), and after dots only in `dd.mm.yy` or before a clock time
//! (`6.11.23, 18:56`): other dotted triples are too often version numbers. When both
//! numbers could be the month, the match says the order was guessed
//! ([`DateMatch::order_guessed`]) so that the extractor may read it the
//! other way from what the rest of the page prints.
//! Only the years 1900..=2100 are accepted as four-digit years.
//!
//! The module never decides which date is the publication date: that is
//! the extractor's job (see `ingest::text::header_date`).

use crate::model::{Date, Time};
use crate::text::fold;
use std::ops::Range;

/// A date expression found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMatch {
    /// Year when printed.
    pub year: Option<i32>,
    /// Month, 1..=12.
    pub month: u8,
    /// Day of month.
    pub day: u8,
    /// Clock time printed next to the date.
    pub time: Option<Time>,
    /// Weekday printed with the date (0 = Monday).
    pub weekday: Option<u8>,
    /// Byte span of the expression in the searched text.
    pub span: Range<usize>,
    /// For an all-numeric day-month-year date (`18.11.2019`, `11/18/2019`),
    /// whether the day was printed first; `None` for other shapes.
    pub day_first: Option<bool>,
    /// Whether day and month could be read either way (`02/10/2020`) and
    /// the order was only guessed from the separator.
    pub order_guessed: bool,
}

impl DateMatch {
    /// The full date when the year was printed and the day exists.
    pub fn date(&self) -> Option<Date> {
        Date::new(self.year?, self.month, self.day)
    }

    /// The other reading of a date whose day/month order was guessed
    /// (`02/10/2020` as 2 October when it was read as February 10).
    pub fn other_reading(&self) -> Option<Date> {
        if !self.order_guessed {
            return None;
        }
        Date::new(self.year?, self.day, self.month)
    }
}

const MONTHS: &[(&str, u8)] = &[
    // English
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    // French
    ("janvier", 1),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("decembre", 12),
    ("janv", 1),
    ("fevr", 2),
    ("avr", 4),
    ("juil", 7),
    // Spanish, Portuguese, Italian
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("ene", 1),
    ("dic", 12),
    ("janeiro", 1),
    ("fevereiro", 2),
    ("marco", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("dezembro", 12),
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    // German
    ("januar", 1),
    ("februar", 2),
    ("marz", 3),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    ("maerz", 3),
    ("febr", 2),
    ("mrz", 3),
    ("okt", 10),
    ("dez", 12),
    // Italian, Spanish and Portuguese abbreviations
    ("gen", 1),
    ("fev", 2),
    ("abr", 4),
    ("mag", 5),
    ("giu", 6),
    ("lug", 7),
    ("ago", 8),
    ("ott", 10),
    // Dutch
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mei", 5),
    ("augustus", 8),
    // Danish, Norwegian and Swedish (the others are German or Dutch)
    ("marts", 3),
    ("maj", 5),
    ("augusti", 8),
    // Polish, genitive (the form printed in dates) and nominative
    ("stycznia", 1),
    ("lutego", 2),
    ("marca", 3),
    ("kwietnia", 4),
    ("maja", 5),
    ("czerwca", 6),
    ("lipca", 7),
    ("sierpnia", 8),
    ("wrzesnia", 9),
    ("pazdziernika", 10),
    ("listopada", 11),
    ("grudnia", 12),
    ("styczen", 1),
    ("luty", 2),
    ("marzec", 3),
    ("kwiecien", 4),
    ("czerwiec", 6),
    ("lipiec", 7),
    ("sierpien", 8),
    ("wrzesien", 9),
    ("pazdziernik", 10),
    ("listopad", 11),
    ("grudzien", 12),
    // Finnish, nominative and partitive (`19. helmikuuta 2020`)
    ("tammikuu", 1),
    ("helmikuu", 2),
    ("maaliskuu", 3),
    ("huhtikuu", 4),
    ("toukokuu", 5),
    ("kesakuu", 6),
    ("heinakuu", 7),
    ("elokuu", 8),
    ("syyskuu", 9),
    ("lokakuu", 10),
    ("marraskuu", 11),
    ("joulukuu", 12),
    ("tammikuuta", 1),
    ("helmikuuta", 2),
    ("maaliskuuta", 3),
    ("huhtikuuta", 4),
    ("toukokuuta", 5),
    ("kesakuuta", 6),
    ("heinakuuta", 7),
    ("elokuuta", 8),
    ("syyskuuta", 9),
    ("lokakuuta", 10),
    ("marraskuuta", 11),
    ("joulukuuta", 12),
    // Russian, nominative and genitive
    ("январь", 1),
    ("января", 1),
    ("февраль", 2),
    ("февраля", 2),
    ("март", 3),
    ("марта", 3),
    ("апрель", 4),
    ("апреля", 4),
    ("май", 5),
    ("мая", 5),
    ("июнь", 6),
    ("июня", 6),
    ("июль", 7),
    ("июля", 7),
    ("август", 8),
    ("августа", 8),
    ("сентябрь", 9),
    ("сентября", 9),
    ("октябрь", 10),
    ("октября", 10),
    ("ноябрь", 11),
    ("ноября", 11),
    ("декабрь", 12),
    ("декабря", 12),
    ("янв", 1),
    ("фев", 2),
    ("апр", 4),
    ("авг", 8),
    ("сен", 9),
    ("окт", 10),
    ("ноя", 11),
    ("дек", 12),
    // Turkish
    ("ocak", 1),
    ("subat", 2),
    ("mart", 3),
    ("nisan", 4),
    ("mayis", 5),
    ("haziran", 6),
    ("temmuz", 7),
    ("agustos", 8),
    ("eylul", 9),
    ("ekim", 10),
    ("kasim", 11),
    ("aralik", 12),
];

const WEEKDAYS: &[(&str, u8)] = &[
    ("monday", 0),
    ("tuesday", 1),
    ("wednesday", 2),
    ("thursday", 3),
    ("friday", 4),
    ("saturday", 5),
    ("sunday", 6),
    ("mon", 0),
    ("tue", 1),
    ("tues", 1),
    ("wed", 2),
    ("thu", 3),
    ("thur", 3),
    ("thurs", 3),
    ("fri", 4),
    ("sat", 5),
    ("sun", 6),
    ("lundi", 0),
    ("mardi", 1),
    ("mercredi", 2),
    ("jeudi", 3),
    ("vendredi", 4),
    ("samedi", 5),
    ("dimanche", 6),
    ("lunes", 0),
    ("martes", 1),
    ("miercoles", 2),
    ("jueves", 3),
    ("viernes", 4),
    ("sabado", 5),
    ("domingo", 6),
    ("montag", 0),
    ("dienstag", 1),
    ("mittwoch", 2),
    ("donnerstag", 3),
    ("freitag", 4),
    ("samstag", 5),
    ("sonntag", 6),
    ("понедельник", 0),
    ("вторник", 1),
    ("среда", 2),
    ("четверг", 3),
    ("пятница", 4),
    ("суббота", 5),
    ("воскресенье", 6),
];

/// Month number of a (folded) month name or abbreviation.
pub fn month_number(word: &str) -> Option<u8> {
    lookup(&MONTH_TABLE, MONTHS, &fold(word.trim_end_matches('.')))
}

/// Weekday number (0 = Monday) of a (folded) weekday name or abbreviation.
pub fn weekday_number(word: &str) -> Option<u8> {
    lookup(&WEEKDAY_TABLE, WEEKDAYS, &fold(word.trim_end_matches('.')))
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num { value: u32, digits: usize },
    Word(String),
    Punct(char),
}

#[derive(Debug, Clone)]
struct Lexed {
    tok: Tok,
    span: Range<usize>,
}

fn lex(text: &str) -> Vec<Lexed> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_ascii_digit() {
            let mut end = i + 1;
            let mut value: u64 = u64::from(c as u8 - b'0');
            while let Some(&(j, d)) = chars.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                value = value.saturating_mul(10).saturating_add(u64::from(d as u8 - b'0'));
                end = j + 1;
                chars.next();
            }
            out.push(Lexed {
                tok: Tok::Num { value: value.min(u64::from(u32::MAX)) as u32, digits: end - i },
                span: i..end,
            });
        } else if c.is_alphabetic() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if !d.is_alphabetic() {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            out.push(Lexed { tok: Tok::Word(fold(&text[i..end])), span: i..end });
        } else {
            out.push(Lexed { tok: Tok::Punct(c), span: i..i + c.len_utf8() });
        }
    }
    out
}

fn year_of(t: &Tok) -> Option<i32> {
    match t {
        Tok::Num { value, digits: 4 } if (1900..=2100).contains(value) => Some(*value as i32),
        _ => None,
    }
}

/// A two-digit year closing a slashed date (`11/08/23`): 1970..=2069.
/// Not when another `/` follows (a path or a longer number list).
fn short_year(t: &Tok, next: Option<&Tok>) -> Option<i32> {
    if matches!(next, Some(Tok::Punct('/'))) {
        return None;
    }
    match t {
        Tok::Num { value, digits: 2 } if *value >= 70 => Some(1900 + *value as i32),
        Tok::Num { value, digits: 2 } => Some(2000 + *value as i32),
        _ => None,
    }
}

/// Whether the dotted triple at token `j` (`a . b . yy`) ends in a
/// two-digit year: all three numbers are zero-padded pairs (`06.11.23`) or
/// a clock time follows (`18.10.14 um 22:56`), and no further `.` number
/// follows (`10.10.10.1` is an address). A bare `1.2.20` stays a version
/// number.
fn dotted_short_year(toks: &[Lexed], j: usize) -> bool {
    let pair = |at: usize| matches!(toks.get(at).map(|t| &t.tok), Some(Tok::Num { digits: 2, .. }));
    let more = matches!(toks.get(j + 5).map(|t| &t.tok), Some(Tok::Punct('.')))
        && matches!(toks.get(j + 6).map(|t| &t.tok), Some(Tok::Num { .. }));
    pair(j + 4) && !more && ((pair(j) && pair(j + 2)) || time_after(toks, j + 5).is_some())
}

fn day_of(t: &Tok) -> Option<u8> {
    match t {
        Tok::Num { value, digits } if *digits <= 2 && (1..=31).contains(value) => Some(*value as u8),
        _ => None,
    }
}

type NameTable = std::collections::HashMap<&'static str, u8>;

static MONTH_TABLE: std::sync::OnceLock<NameTable> = std::sync::OnceLock::new();
static WEEKDAY_TABLE: std::sync::OnceLock<NameTable> = std::sync::OnceLock::new();

fn lookup(cell: &'static std::sync::OnceLock<NameTable>, list: &'static [(&'static str, u8)], w: &str) -> Option<u8> {
    cell.get_or_init(|| list.iter().copied().collect()).get(w).copied()
}

fn month_of(t: &Tok) -> Option<u8> {
    match t {
        Tok::Word(w) => lookup(&MONTH_TABLE, MONTHS, w),
        _ => None,
    }
}

fn weekday_of(t: &Tok) -> Option<u8> {
    match t {
        Tok::Word(w) => lookup(&WEEKDAY_TABLE, WEEKDAYS, w),
        _ => None,
    }
}

/// Skips tokens that may separate parts of a date: `,` `.` `(` `)` `de`
/// `of` `del` `г` and ordinal suffixes (`4th`, French `1er`).
fn skip_filler(toks: &[Lexed], mut i: usize) -> usize {
    while let Some(t) = toks.get(i) {
        match &t.tok {
            Tok::Punct(',' | '.' | '(' | ')') => i += 1,
            Tok::Word(w) if matches!(w.as_str(), "de" | "of" | "del" | "st" | "nd" | "rd" | "th" | "er" | "г") => {
                i += 1
            }
            _ => break,
        }
    }
    i
}

/// Whether a (folded) word is a time zone printed after a clock time.
fn is_zone(w: &str) -> bool {
    matches!(
        w,
        "gmt"
            | "utc"
            | "bst"
            | "est"
            | "edt"
            | "cst"
            | "cdt"
            | "pst"
            | "pdt"
            | "msk"
            | "cet"
            | "cest"
            | "et"
            | "pt"
            | "ct"
            | "mt"
            | "mst"
            | "mdt"
    )
}

/// Parses a clock time starting at token `i`: `21:49`, `9:04 am`,
/// `06.05 GMT`, `5:52 AM EST`. Returns the time and the index after it.
fn time_at(toks: &[Lexed], i: usize) -> Option<(Time, usize)> {
    let h = match toks.get(i)?.tok {
        Tok::Num { value, digits } if digits <= 2 && value <= 23 => value as u8,
        _ => return None,
    };
    let sep = match toks.get(i + 1)?.tok {
        Tok::Punct(c @ (':' | '.' | 'h')) => c,
        Tok::Word(ref w) if w == "h" => 'h',
        _ => return None,
    };
    let m = match toks.get(i + 2)?.tok {
        Tok::Num { value, digits: 2 } if value <= 59 => value as u8,
        _ => return None,
    };
    let mut j = i + 3;
    // Seconds.
    if matches!(toks.get(j).map(|t| &t.tok), Some(Tok::Punct(':')))
        && matches!(toks.get(j + 1).map(|t| &t.tok), Some(Tok::Num { digits: 2, .. }))
    {
        j += 2;
    }
    let mut hour = h;
    let mut zone_or_meridiem = false;
    if let Some(Tok::Word(w)) = toks.get(j).map(|t| &t.tok) {
        let w = w.as_str();
        if matches!(w, "am" | "pm" | "a" | "p") {
            if h == 0 || h > 12 {
                return None;
            }
            let pm = w.starts_with('p');
            hour = match (pm, h) {
                (false, 12) => 0,
                (true, 12) => 12,
                (true, h) => h + 12,
                (false, h) => h,
            };
            j += 1;
            // "a.m."
            while matches!(toks.get(j).map(|t| &t.tok), Some(Tok::Punct('.')))
                || matches!(toks.get(j).map(|t| &t.tok), Some(Tok::Word(w)) if w == "m")
            {
                j += 1;
            }
            zone_or_meridiem = true;
            // "5:52 AM EST"
            if matches!(toks.get(j).map(|t| &t.tok), Some(Tok::Word(z)) if is_zone(z)) {
                j += 1;
            }
        } else if is_zone(w) {
            zone_or_meridiem = true;
            j += 1;
        }
    }
    // `06.05` alone is too ambiguous (a number); require ':' or a zone/meridiem.
    if sep != ':' && !zone_or_meridiem {
        return None;
    }
    Some((Time { hour, minute: m }, j))
}

/// Looks for a time just after token `i` (skipping `,` `|` `-` `at` `Hour:` ...).
fn time_after(toks: &[Lexed], mut i: usize) -> Option<(Time, usize)> {
    for _ in 0..4 {
        if let Some(found) = time_at(toks, i) {
            return Some(found);
        }
        match &toks.get(i)?.tok {
            Tok::Punct(',' | '|' | '-' | '–' | '—' | '·' | '/' | ':' | '•') => i += 1,
            Tok::Word(w)
                if matches!(
                    w.as_str(),
                    "at" | "hour" | "um" | "a" | "в" | "saat" | "updated" | "às" | "alle" | "kl"
                ) =>
            {
                i += 1
            }
            _ => return None,
        }
    }
    None
}

/// Tries to read a date starting at token `i`. Returns the match and the
/// index of the first token after it.
fn date_at(toks: &[Lexed], i: usize) -> Option<(DateMatch, usize)> {
    let mut j = i;
    let mut weekday = None;
    if let Some(wd) = weekday_of(&toks.get(j)?.tok) {
        weekday = Some(wd);
        j = skip_filler(toks, j + 1);
    }
    let start_tok = j;
    let t0 = &toks.get(j)?.tok;
    let mut day_first = None;
    let mut order_guessed = false;
    let (year, month, day, end) = if let Some(month) = month_of(t0) {
        // Month-name day[,] [year]
        let k = skip_filler(toks, j + 1);
        let day = day_of(&toks.get(k)?.tok)?;
        let after_day = skip_filler(toks, k + 1);
        match toks.get(after_day).and_then(|t| year_of(&t.tok)) {
            Some(y) => (Some(y), month, day, after_day + 1),
            None => (None, month, day, k + 1),
        }
    } else if let Some(day) = day_of(t0) {
        let k = skip_filler(toks, j + 1);
        let punct = |at: usize, c: char| toks.get(at).is_some_and(|t| t.tok == Tok::Punct(c));
        let hyphen_month = toks
            .get(j + 2)
            .and_then(|t| month_of(&t.tok))
            .filter(|_| ['-', '/'].iter().any(|&c| punct(j + 1, c) && punct(j + 3, c)));
        if let Some(month) = hyphen_month {
            // day-month-name-year: `12-Mar-2021`, `12-Mar-21`, `29 / Dezember / 2022`
            let y_tok = &toks.get(j + 4)?.tok;
            let next = toks.get(j + 5).map(|t| &t.tok);
            let y = year_of(y_tok)
                .or_else(|| short_year(y_tok, next).filter(|_| !matches!(next, Some(Tok::Punct('-')))))?;
            (Some(y), month, day, j + 5)
        } else if let Some(month) = toks.get(k).and_then(|t| month_of(&t.tok)) {
            // day month-name [year]
            let after_month = skip_filler(toks, k + 1);
            match toks.get(after_month).and_then(|t| year_of(&t.tok)) {
                Some(y) => (Some(y), month, day, after_month + 1),
                None => (None, month, day, k + 1),
            }
        } else {
            // numeric a.b.yyyy / a/b/yyyy / a-b-yyyy
            let sep = match toks.get(j + 1)?.tok {
                Tok::Punct(c @ ('.' | '/' | '-')) => c,
                _ => return None,
            };
            let b = day_of(&toks.get(j + 2)?.tok)?;
            if toks.get(j + 3)?.tok != Tok::Punct(sep) {
                return None;
            }
            let y_tok = &toks.get(j + 4)?.tok;
            let y = match year_of(y_tok) {
                Some(y) => y,
                None if sep == '/' => short_year(y_tok, toks.get(j + 5).map(|t| &t.tok))?,
                None if sep == '.' && dotted_short_year(toks, j) => short_year(y_tok, None)?,
                None => return None,
            };
            // a/b/yyyy is month-first, a.b.yyyy and a-b-yyyy day-first,
            // unless the first number cannot be a month or the second can
            // only be a day.
            let (month, day) = if day > 12 {
                (b, day)
            } else if b > 12 || sep == '/' {
                (day, b)
            } else {
                (b, day)
            };
            if month > 12 {
                return None;
            }
            // Day equal to month says nothing about the order.
            day_first = (month != day).then_some(month == b);
            order_guessed = day <= 12 && month != day;
            (Some(y), month, day, j + 5)
        }
    } else if let Some(y) = year_of(t0) {
        // ISO yyyy-mm-dd or yyyy/mm/dd or yyyy.mm.dd
        let sep = match toks.get(j + 1)?.tok {
            Tok::Punct(c @ ('-' | '/' | '.')) => c,
            _ => return None,
        };
        let m = match toks.get(j + 2)?.tok {
            Tok::Num { value, digits } if digits <= 2 && (1..=12).contains(&value) => value as u8,
            _ => return None,
        };
        if toks.get(j + 3)?.tok != Tok::Punct(sep) {
            return None;
        }
        let d = day_of(&toks.get(j + 4)?.tok)?;
        let mut end = j + 5;
        // ISO 'T' glued to the hour: "18T10" lexes as Num, Word("t"), Num.
        if matches!(toks.get(end).map(|t| &t.tok), Some(Tok::Word(w)) if w == "t") {
            end += 1;
        }
        (Some(y), m, d, end)
    } else {
        return None;
    };
    // 2000 is a leap year, so 29 February without a year is accepted.
    Date::new(year.unwrap_or(2000), month, day)?;
    let (time, end) = match time_after(toks, end) {
        Some((t, e)) => (Some(t), e),
        None => (None, end),
    };
    let span_start = if weekday.is_some() { i } else { start_tok };
    Some((
        DateMatch {
            year,
            month,
            day,
            time,
            weekday,
            span: toks[span_start].span.start..toks[end - 1].span.end,
            day_first,
            order_guessed,
        },
        end,
    ))
}

/// Whether `text` holds a digit (every date expression has one).
pub fn has_digit(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit())
}

/// Finds every date expression in `text`, left to right, non-overlapping.
pub fn find_dates(text: &str) -> Vec<DateMatch> {
    // Every date shape has a digit.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let toks = lex(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // A time printed before the date: "21:17 18.11.2019".
        if let Some((time, after_time)) = time_at(&toks, i) {
            let k = skip_filler(&toks, after_time);
            let k = if matches!(toks.get(k).map(|t| &t.tok), Some(Tok::Punct('|' | '-' | '–' | '·'))) {
                k + 1
            } else {
                k
            };
            if let Some((mut m, end)) = date_at(&toks, k) {
                if m.time.is_none() {
                    m.time = Some(time);
                    m.span = toks[i].span.start..m.span.end;
                }
                out.push(m);
                i = end;
                continue;
            }
        }
        if let Some((m, end)) = date_at(&toks, i) {
            out.push(m);
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// Parses a whole string that should be a date (a CSV or JSON field such as
/// `2019-04-15`, `2019-04-15T10:00:00Z`, `April 15, 2019`). Returns the first
/// date with a year.
pub fn parse_date_field(text: &str) -> Option<(Date, Option<Time>)> {
    find_dates(text).into_iter().find_map(|m| m.date().map(|d| (d, m.time)))
}

/// Infers the year of a day-month printed without one, from the weekday
/// printed with it: the year must lie in `lo..=hi` and give that weekday.
/// Returns `None` unless exactly one year in the range fits.
pub fn infer_year(month: u8, day: u8, weekday: u8, lo: i32, hi: i32) -> Option<i32> {
    let mut fits = (lo..=hi).filter(|&y| Date::new(y, month, day).is_some_and(|d| d.weekday() == weekday));
    let first = fits.next()?;
    fits.next().is_none().then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> (Option<String>, Option<(u8, u8)>) {
        let m = find_dates(s);
        let m = m.first().unwrap_or_else(|| panic!("no date in {s:?}"));
        (m.date().map(|d| d.iso()), m.time.map(|t| (t.hour, t.minute)))
    }

    #[test]
    fn formats_real_outlets_print() {
        type Case = (&'static str, &'static str, Option<(u8, u8)>);
        let cases: &[Case] = &[
            ("Mon 20 Jan 2020 06.05 GMT", "2020-01-20", Some((6, 5))),
            ("Nov. 20, 2019 5:52 AM EST", "2019-11-20", Some((5, 52))),
            ("20 Nov, 2019 05:47", "2019-11-20", Some((5, 47))),
            ("21:17 18.11.2019", "2019-11-18", Some((21, 17))),
            ("August 28, 2024 Hour: 9:04 am", "2024-08-28", Some((9, 4))),
            ("Russian Politics & Diplomacy October 05, 2023, 21:49", "2023-10-05", Some((21, 49))),
            ("11 Jan, 2021 16:16", "2021-01-11", Some((16, 16))),
            ("2019-11-18T10:00:00Z", "2019-11-18", Some((10, 0))),
            ("Published 3 March 2020", "2020-03-03", None),
            ("Tuesday Jul 22, 2014", "2014-07-22", None),
            ("Tues 9th Aug, 2015", "2015-08-09", None),
            ("12 января 2021 г.", "2021-01-12", None),
            ("5 de mayo de 2019", "2019-05-05", None),
            ("11/18/2019 12:30 pm", "2019-11-18", Some((12, 30))),
            ("18/11/2019", "2019-11-18", None),
            ("01.21.2020 07:00 AM", "2020-01-21", Some((7, 0))),
            ("1 août 2018", "2018-08-01", None),
            ("12 Ekim 2021", "2021-10-12", None),
            ("Sept. 4, 2014", "2014-09-04", None),
            ("11/08/23 5:19pm", "2023-11-08", Some((17, 19))),
            ("31/12/99", "1999-12-31", None),
            ("Updated: 12-Mar-2021 09:15 IST", "2021-03-12", Some((9, 15))),
            ("12-Mar-21", "2021-03-12", None),
            ("2. Okt. 2022", "2022-10-02", None),
            ("Mo, 4. Dez. 2023", "2023-12-04", None),
            ("16 giu 2014", "2014-06-16", None),
            ("14 januari 2014", "2014-01-14", None),
            ("12 lutego 2021", "2021-02-12", None),
            ("19. helmikuuta 2020", "2020-02-19", None),
            ("den 8. maj 1945", "1945-05-08", None),
            ("29 / Dezember / 2022", "2022-12-29", None),
            ("Publié le 1er février 2021", "2021-02-01", None),
            ("19.10.19, 18:56", "2019-10-19", Some((18, 56))),
            ("18.10.14 um 22:56 Uhr", "2014-10-18", Some((22, 56))),
            ("Jane Doe | 06.11.23", "2023-11-06", None),
        ];
        for (input, date, time) in cases {
            assert_eq!(one(input), (Some(date.to_string()), *time), "input {input:?}");
        }
    }

    #[test]
    fn dates_without_year_and_with_weekday() {
        let m = &find_dates("Putin of Russia on Monday (11 January) hosted")[0];
        assert_eq!((m.year, m.month, m.day, m.weekday), (None, 1, 11, Some(0)));
        let m = &find_dates("clashes erupted on Sept. 27 last year")[0];
        assert_eq!((m.year, m.month, m.day), (None, 9, 27));
    }

    #[test]
    fn non_dates_are_ignored() {
        for s in [
            "may I ask",
            "48,000 refugees",
            "0:00",
            "26:28",
            "Storm 1516",
            "March on",
            "31 February 2020",
            "version 1.2.20",
            "version 1.10.12",
            "host 10.10.10.1",
            "/news/11/08/23/story",
            "ref 12-Mar-21-7",
        ] {
            assert!(find_dates(s).is_empty(), "{s:?} gave {:?}", find_dates(s));
        }
    }

    #[test]
    fn a_zone_after_the_meridiem_belongs_to_the_date() {
        let s = "Wednesday Sep 13, 2017 · 9:01 AM EDT";
        assert_eq!(find_dates(s)[0].span, 0..s.len());
    }

    #[test]
    fn numeric_order_is_recorded() {
        let m = &find_dates("02/10/2020")[0];
        assert_eq!((m.month, m.day, m.day_first, m.order_guessed), (2, 10, Some(false), true));
        assert_eq!(m.other_reading().map(|d| d.iso()).as_deref(), Some("2020-10-02"));
        let m = &find_dates("25/10/2020")[0];
        assert_eq!((m.day_first, m.order_guessed, m.other_reading()), (Some(true), false, None));
        let m = &find_dates("05.05.2020")[0];
        assert_eq!((m.day_first, m.order_guessed), (None, false));
        assert_eq!(find_dates("2 October 2020")[0].day_first, None);
    }

    #[test]
    fn year_inference_needs_a_unique_fit() {
        assert_eq!(infer_year(1, 11, 0, 2020, 2021), Some(2021));
        assert_eq!(infer_year(1, 11, 0, 2000, 2030), None);
        assert_eq!(infer_year(1, 11, 1, 2020, 2021), None);
    }
}
