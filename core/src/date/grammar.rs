//! The shapes of date expressions, over the tokens of [`super::lex`] and
//! the words of [`super::tables`]: which token may follow which. The
//! words themselves (month names, fillers such as `de` or `года`, the
//! marks `年月日`) are data; this module only knows the orders.

use super::calendar::{solar_hijri_to_gregorian, SOLAR_YEARS};
use super::lex::{Lexed, Tok};
use super::tables::Words;
use super::{Calendar, DateMatch};
use crate::model::{Date, Time};
use rustc_hash::FxHashSet as HashSet;

fn tok(toks: &[Lexed], i: usize) -> Option<&Tok> {
    toks.get(i).map(|t| &t.tok)
}

fn punct(toks: &[Lexed], i: usize, c: char) -> bool {
    tok(toks, i) == Some(&Tok::Punct(c))
}

fn word_in(toks: &[Lexed], i: usize, set: &HashSet<String>) -> bool {
    matches!(tok(toks, i), Some(Tok::Word(w)) if set.contains(w))
}

/// A Gregorian four-digit year, 1900..=2100.
fn year_of(t: Option<&Tok>) -> Option<i32> {
    match t {
        Some(Tok::Num { value, digits: 4 }) if (1900..=2100).contains(value) => Some(*value as i32),
        _ => None,
    }
}

/// A year of `calendar` printed with four digits.
fn year_in(calendar: Calendar, t: Option<&Tok>) -> Option<i32> {
    match (calendar, t) {
        (Calendar::SolarHijri, Some(Tok::Num { value, digits: 4 })) => {
            let y = i32::try_from(*value).ok()?;
            SOLAR_YEARS.contains(&y).then_some(y)
        }
        _ => year_of(t),
    }
}

/// A two-digit year closing a slashed date (`11/08/23`): 1970..=2069.
/// Not when another `/` follows (a path or a longer number list).
fn short_year(t: Option<&Tok>, next: Option<&Tok>) -> Option<i32> {
    if matches!(next, Some(Tok::Punct('/'))) {
        return None;
    }
    match t {
        Some(Tok::Num { value, digits: 2 }) if *value >= 70 => Some(1900 + *value as i32),
        Some(Tok::Num { value, digits: 2 }) => Some(2000 + *value as i32),
        _ => None,
    }
}

/// Whether the dotted triple at token `j` (`a . b . yy`) ends in a
/// two-digit year: all three numbers are zero-padded pairs (`06.11.23`) or
/// a clock time follows (`18.10.14 um 22:56`), and no further `.` number
/// follows (`10.10.10.1` is an address). A bare `1.2.20` stays a version
/// number.
fn dotted_short_year(toks: &[Lexed], j: usize, w: &Words) -> bool {
    let pair = |at: usize| matches!(tok(toks, at), Some(Tok::Num { digits: 2, .. }));
    let more = punct(toks, j + 5, '.') && matches!(tok(toks, j + 6), Some(Tok::Num { .. }));
    pair(j + 4) && !more && ((pair(j) && pair(j + 2)) || time_after(toks, j + 5, w).is_some())
}

fn day_of(t: Option<&Tok>) -> Option<u8> {
    match t {
        Some(Tok::Num { value, digits }) if *digits <= 2 && (1..=31).contains(value) => Some(*value as u8),
        _ => None,
    }
}

/// Skips tokens that may separate parts of a date: `,` `.` brackets and
/// the tables' fillers (`de`, `of`, `г`, ordinal endings `th`, `er`).
fn skip_filler(toks: &[Lexed], mut i: usize, w: &Words) -> usize {
    while let Some(t) = tok(toks, i) {
        match t {
            Tok::Punct(',' | '.' | '(' | ')' | '[' | ']') => i += 1,
            Tok::Word(x) if w.fillers.contains(x) => i += 1,
            _ => break,
        }
    }
    i
}

/// Skips an ending joined to a number by a hyphen or apostrophe (`5-го`,
/// `5-ին`, `2023-cü`) when `set` holds it.
fn skip_suffix(toks: &[Lexed], i: usize, set: &HashSet<String>) -> usize {
    if matches!(tok(toks, i), Some(Tok::Punct('-' | '\'' | '’'))) && word_in(toks, i + 1, set) {
        i + 2
    } else {
        i
    }
}

/// A month name at token `i` (one or more tokens), with a second name of
/// the same month after a slash (`تشرين الأول/أكتوبر`): the month, its
/// calendar and the index after it.
fn month_at(toks: &[Lexed], i: usize, w: &Words) -> Option<(u8, Calendar, usize)> {
    let ((m, cal), n) = w.months.get(toks, i)?;
    let mut end = i + n;
    if punct(toks, end, '/') {
        if let Some(((m2, cal2), n2)) = w.months.get(toks, end + 1) {
            if (m2, cal2) == (m, cal) {
                end += 1 + n2;
            }
        }
    }
    Some((m, cal, end))
}

/// Whether a time zone is printed after a clock time.
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
            | "ist"
    )
}

/// Parses a clock time starting at token `i`: `21:49`, `9:04 am`,
/// `06.05 GMT`, `5:52 AM EST`, `21時40分`, `10:30 م`. Returns the time and
/// the index after it.
pub(super) fn time_at(toks: &[Lexed], i: usize, w: &Words) -> Option<(Time, usize)> {
    let h = match tok(toks, i)? {
        Tok::Num { value, digits } if *digits <= 2 && *value <= 23 => *value as u8,
        _ => return None,
    };
    let cjk = word_in(toks, i + 1, &w.cjk_hour);
    let sep = match tok(toks, i + 1)? {
        Tok::Punct(c @ (':' | '.' | 'h')) => *c,
        Tok::Word(x) if x == "h" => 'h',
        _ if cjk => ':',
        _ => return None,
    };
    let m = match tok(toks, i + 2)? {
        Tok::Num { value, digits: 2 } if *value <= 59 => *value as u8,
        Tok::Num { value, digits: 1 } if cjk => *value as u8,
        _ => return None,
    };
    let mut j = i + 3;
    // Seconds.
    if punct(toks, j, ':') && matches!(tok(toks, j + 1), Some(Tok::Num { digits: 2, .. })) {
        j += 2;
    }
    if cjk && word_in(toks, j, &w.cjk_minute) {
        j += 1;
    }
    let mut hour = h;
    let mut zone_or_meridiem = false;
    if let Some(Tok::Word(x)) = tok(toks, j) {
        let (am, pm) = (w.am_words.contains(x), w.pm_words.contains(x));
        if am || pm {
            if h == 0 || h > 12 {
                return None;
            }
            hour = match (pm, h) {
                (false, 12) => 0,
                (true, 12) => 12,
                (true, h) => h + 12,
                (false, h) => h,
            };
            j += 1;
            // "a.m."
            while punct(toks, j, '.') || matches!(tok(toks, j), Some(Tok::Word(x)) if x == "m") {
                j += 1;
            }
            zone_or_meridiem = true;
            // "5:52 AM EST"
            if matches!(tok(toks, j), Some(Tok::Word(z)) if is_zone(z)) {
                j += 1;
            }
        } else if is_zone(x) {
            zone_or_meridiem = true;
            j += 1;
        }
    }
    // `06.05` alone is too ambiguous (a number); require ':' or `h`
    // (`10h11`, `à 14h40`) or a zone or meridiem.
    if sep == '.' && !zone_or_meridiem {
        return None;
    }
    Some((Time { hour, minute: m }, j))
}

/// Looks for a time just after token `i`, skipping `,` `|` `-` and the
/// tables' time words (`at`, `um`, `в`, `saat`); a CJK `上午` / `晚`
/// before it says before or after noon.
pub(super) fn time_after(toks: &[Lexed], mut i: usize, w: &Words) -> Option<(Time, usize)> {
    let mut pm = None;
    for _ in 0..4 {
        if let Some((mut t, end)) = time_at(toks, i, w) {
            if pm == Some(true) && t.hour < 12 {
                t.hour += 12;
            }
            return Some((t, end));
        }
        if let Some(((), n)) = w.cjk_am.get(toks, i) {
            pm = Some(false);
            i += n;
            continue;
        }
        if let Some(((), n)) = w.cjk_pm.get(toks, i) {
            pm = Some(true);
            i += n;
            continue;
        }
        match tok(toks, i)? {
            Tok::Punct(',' | '|' | '-' | '–' | '—' | '·' | '/' | ':' | '•') => i += 1,
            Tok::Word(x) if w.time_words.contains(x) => i += 1,
            _ => return None,
        }
    }
    None
}

/// A date read from the tokens, before its calendar is converted.
struct Parsed {
    year: Option<i32>,
    month: u8,
    day: u8,
    /// Index of the first token after the date.
    end: usize,
    day_first: Option<bool>,
    order_guessed: bool,
    calendar: Calendar,
}

impl Parsed {
    fn named(year: Option<i32>, month: u8, day: u8, end: usize, calendar: Calendar) -> Parsed {
        Parsed { year, month, day, end, day_first: None, order_guessed: false, calendar }
    }
}

/// After a year: an ending joined by a hyphen (`2023-cü`) and the words
/// saying it is a year (`2023 г.`, `2023 року`, `2023 թ.`, `2023م`).
fn after_year(toks: &[Lexed], i: usize, w: &Words) -> usize {
    let mut i = skip_suffix(toks, i, &w.number_suffixes);
    while word_in(toks, i, &w.year_words) {
        i += 1;
        if punct(toks, i, '.') {
            i += 1;
        }
    }
    i
}

/// Month name, day, year: `Nov. 20, 2019`, `Sept. 27`, `Հոկտեմբերի 5,
/// 2023`, `oktyabrın 5-də`.
fn month_first(toks: &[Lexed], j: usize, w: &Words) -> Option<Parsed> {
    let (month, cal, e) = month_at(toks, j, w)?;
    let k = skip_filler(toks, e, w);
    let day = day_of(tok(toks, k))?;
    let after_day = skip_suffix(toks, k + 1, &w.day_suffixes);
    let y_at = skip_filler(toks, after_day, w);
    Some(match year_in(cal, tok(toks, y_at)) {
        Some(y) => Parsed::named(Some(y), month, day, after_year(toks, y_at + 1, w), cal),
        None => Parsed::named(None, month, day, after_day, cal),
    })
}

/// A date opening with its day: `12-Mar-2021`, `08.Haziran.2014`, `29 /
/// Dezember / 2022`, `5 октября 2023 г.`, `13 мая`, `۱۳ مهر ۱۴۰۲`, and the
/// numeric `18.11.2019`, `11/18/2019`, `12-03-2021`.
fn day_first(toks: &[Lexed], j: usize, w: &Words) -> Option<Parsed> {
    let day = day_of(tok(toks, j))?;
    let after_day = skip_suffix(toks, j + 1, &w.day_suffixes);
    // day-month-year joined by one separator: `12-Mar-2021`, `12-Mar-21`.
    for sep in ['-', '/', '.'] {
        if !punct(toks, j + 1, sep) {
            continue;
        }
        let Some((month, cal, e)) = month_at(toks, j + 2, w) else { continue };
        if !punct(toks, e, sep) {
            continue;
        }
        let (y_tok, next) = (tok(toks, e + 1), tok(toks, e + 2));
        let y =
            year_in(cal, y_tok).or_else(|| short_year(y_tok, next).filter(|_| !matches!(next, Some(Tok::Punct('-')))));
        match y {
            Some(y) => return Some(Parsed::named(Some(y), month, day, e + 2, cal)),
            // `5. Okt. um 10 Uhr`: a year-less day and abbreviated month.
            None if sep == '.' => break,
            None => return None,
        }
    }
    // day month-name [year]
    let k = skip_filler(toks, after_day, w);
    if let Some((month, cal, e)) = month_at(toks, k, w) {
        let y_at = skip_filler(toks, e, w);
        return Some(match year_in(cal, tok(toks, y_at)) {
            Some(y) => Parsed::named(Some(y), month, day, after_year(toks, y_at + 1, w), cal),
            None => Parsed::named(None, month, day, e, cal),
        });
    }
    // numeric a.b.yyyy / a/b/yyyy / a-b-yyyy
    let sep = match tok(toks, j + 1)? {
        Tok::Punct(c @ ('.' | '/' | '-')) => *c,
        _ => return None,
    };
    let b = day_of(tok(toks, j + 2))?;
    if !punct(toks, j + 3, sep) {
        return None;
    }
    let y_tok = tok(toks, j + 4);
    let y = match year_of(y_tok) {
        Some(y) => y,
        None if sep == '/' => short_year(y_tok, tok(toks, j + 5))?,
        None if sep == '.' && dotted_short_year(toks, j, w) => short_year(y_tok, None)?,
        None => return None,
    };
    // a/b/yyyy is month-first, a.b.yyyy and a-b-yyyy day-first, unless
    // the first number cannot be a month or the second can only be a day.
    let (month, d) = if day > 12 {
        (b, day)
    } else if b > 12 || sep == '/' {
        (day, b)
    } else {
        (b, day)
    };
    if month > 12 {
        return None;
    }
    Some(Parsed {
        year: Some(y),
        month,
        day: d,
        end: j + 5,
        // Day equal to month says nothing about the order.
        day_first: (month != d).then_some(month == b),
        order_guessed: d <= 12 && month != d,
        calendar: Calendar::Gregorian,
    })
}

/// A date opening with a four-digit year: ISO `2019-11-18T10:00`,
/// `2022/05/02`, the Solar Hijri `۱۴۰۲/۰۷/۱۳` (years 1300..=1430 not
/// marked `هـ`, the lunar Hijri era), `2015-кві-12`, and a year word
/// before a month name (`2023 թ. հոկտեմբերի 5-ին`, `2023-cü il 5
/// oktyabr`).
fn year_first(toks: &[Lexed], j: usize, w: &Words) -> Option<Parsed> {
    iso(toks, j, w).or_else(|| year_word_first(toks, j, w))
}

fn iso(toks: &[Lexed], j: usize, w: &Words) -> Option<Parsed> {
    let Some(Tok::Num { value, digits: 4 }) = tok(toks, j) else { return None };
    let value = i32::try_from(*value).ok()?;
    let gregorian = (1900..=2100).contains(&value);
    {
        let Some(Tok::Punct(sep @ ('-' | '/' | '.'))) = tok(toks, j + 1) else { return None };
        let sep = *sep;
        // yyyy-Mon-dd
        if let Some((month, cal, e)) = month_at(toks, j + 2, w).filter(|_| sep == '-') {
            let day = day_of(tok(toks, e + 1)).filter(|_| punct(toks, e, '-'))?;
            return (cal == Calendar::Gregorian && gregorian)
                .then(|| Parsed::named(Some(value), month, day, e + 2, cal));
        }
        let m = match tok(toks, j + 2)? {
            Tok::Num { value, digits } if *digits <= 2 && (1..=12).contains(value) => *value as u8,
            _ => return None,
        };
        if !punct(toks, j + 3, sep) {
            return None;
        }
        let d = day_of(tok(toks, j + 4))?;
        let mut end = j + 5;
        // ISO 'T' glued to the hour: "18T10" lexes as Num, Word("t"), Num.
        if matches!(tok(toks, end), Some(Tok::Word(x)) if x == "t") {
            end += 1;
        }
        if gregorian {
            return Some(Parsed::named(Some(value), m, d, end, Calendar::Gregorian));
        }
        let lunar = matches!(tok(toks, j + 5), Some(Tok::Word(x)) if x == "ه" || x == "هـ");
        ((1300..=1430).contains(&value) && sep != '.' && !lunar)
            .then(|| Parsed::named(Some(value), m, d, j + 5, Calendar::SolarHijri))
    }
}

/// A year and a year word, then month and day in either order.
fn year_word_first(toks: &[Lexed], j: usize, w: &Words) -> Option<Parsed> {
    let Some(Tok::Num { value, digits: 4 }) = tok(toks, j) else { return None };
    let value = i32::try_from(*value).ok()?;
    let after = skip_suffix(toks, j + 1, &w.number_suffixes);
    let mut k = after_year(toks, j + 1, w);
    let mut year_word = k > after;
    while let Some(t) = tok(toks, k) {
        match t {
            Tok::Punct(',' | '.') => k += 1,
            Tok::Word(x) if w.fillers.contains(x) || w.year_words.contains(x) => {
                year_word |= w.year_words.contains(x);
                k += 1
            }
            _ => break,
        }
    }
    if !year_word {
        return None;
    }
    let (month, cal, day, end) = if let Some((month, cal, e)) = month_at(toks, k, w) {
        let d_at = skip_filler(toks, e, w);
        let day = day_of(tok(toks, d_at))?;
        (month, cal, day, skip_suffix(toks, d_at + 1, &w.day_suffixes))
    } else {
        let day = day_of(tok(toks, k))?;
        let m_at = skip_filler(toks, skip_suffix(toks, k + 1, &w.day_suffixes), w);
        let (month, cal, e) = month_at(toks, m_at, w)?;
        (month, cal, day, e)
    };
    year_in(cal, tok(toks, j))?;
    Some(Parsed::named(Some(value), month, day, end, cal))
}

/// Chinese, Japanese and Korean dates: `2023年10月5日`, `2016年6月29`,
/// `令和5年10月5日`, `令和元年`, and year-less `10月5日` (the day mark then
/// required).
fn cjk(toks: &[Lexed], j: usize, w: &Words) -> Option<Parsed> {
    let mut k = j;
    let mut calendar = Calendar::Gregorian;
    let year = if let Some((first, n)) = w.eras.get(toks, j) {
        calendar = Calendar::JapaneseEra;
        let y = match tok(toks, j + n)? {
            Tok::Num { value, digits } if *digits <= 2 && *value >= 1 => first + *value as i32 - 1,
            Tok::Word(x) if w.first_year.contains(x) => first,
            _ => return None,
        };
        k = j + n + 1;
        if !word_in(toks, k, &w.cjk_year) {
            return None;
        }
        k += 1;
        Some(y)
    } else if word_in(toks, j + 1, &w.cjk_year) {
        let y = year_of(tok(toks, j))?;
        k = j + 2;
        Some(y)
    } else {
        None
    };
    let month = match tok(toks, k)? {
        Tok::Num { value, digits } if *digits <= 2 && (1..=12).contains(value) => *value as u8,
        _ => return None,
    };
    if !word_in(toks, k + 1, &w.cjk_month) {
        return None;
    }
    let day = day_of(tok(toks, k + 2))?;
    let marked = word_in(toks, k + 3, &w.cjk_day);
    if year.is_none() && !marked {
        return None;
    }
    Some(Parsed::named(year, month, day, k + 3 + usize::from(marked), calendar))
}

/// A weekday printed after a date: `12 Ekim 2021 Salı`, `21 сентября
/// 2021г., вторник`, `2016年3月20日(日)`. Returns it and the index after it.
fn weekday_after(toks: &[Lexed], i: usize, w: &Words) -> Option<(u8, usize)> {
    if punct(toks, i, '(') {
        let (d, n) = w.bracket_weekdays.get(toks, i + 1).or_else(|| w.weekdays.get(toks, i + 1))?;
        return punct(toks, i + 1 + n, ')').then_some((d, i + 2 + n));
    }
    let k = if punct(toks, i, ',') { i + 1 } else { i };
    let (d, n) = w.weekdays.get(toks, k)?;
    Some((d, k + n))
}

/// Tries to read a date starting at token `i`. Returns the match and the
/// index of the first token after it.
pub(super) fn date_at(toks: &[Lexed], i: usize, w: &Words) -> Option<(DateMatch, usize)> {
    let mut j = i;
    let mut weekday = None;
    if let Some((wd, n)) = w.weekdays.get(toks, j) {
        weekday = Some(wd);
        j = skip_filler(toks, j + n, w);
    }
    let p = cjk(toks, j, w)
        .or_else(|| month_first(toks, j, w))
        .or_else(|| day_first(toks, j, w))
        .or_else(|| year_first(toks, j, w))?;
    let (year, month, day) = match p.calendar {
        Calendar::SolarHijri => {
            let d = solar_hijri_to_gregorian(p.year?, p.month, p.day)?;
            (Some(d.year), d.month, d.day)
        }
        _ => {
            // 2000 is a leap year, so 29 February without a year is accepted.
            Date::new(p.year.unwrap_or(2000), p.month, p.day)?;
            (p.year, p.month, p.day)
        }
    };
    let mut end = p.end;
    if let Some((d, e)) = weekday_after(toks, end, w) {
        weekday = weekday.or(Some(d));
        end = e;
    }
    let (time, end) = match time_after(toks, end, w) {
        Some((t, e)) => (Some(t), e),
        None => (None, end),
    };
    let span_start = if weekday.is_some() && i < j { i } else { j };
    Some((
        DateMatch {
            year,
            month,
            day,
            time,
            weekday,
            span: toks[span_start].span.start..toks[end - 1].span.end,
            day_first: p.day_first,
            order_guessed: p.order_guessed,
            calendar: p.calendar,
        },
        end,
    ))
}
