//! Finding dates in running text, in the languages of a story's coverage.
//!
//! [`find_dates`] scans a line and returns every date expression it
//! recognises, with the byte span it covers, its day converted to the
//! Gregorian calendar, and a clock time or weekday printed with it. It
//! knows the shapes news sites print:
//!
//! | shape | examples |
//! |---|---|
//! | month-name day, year (time) | `Nov. 20, 2019 5:52 AM EST`, `Հոկտեմբերի 5, 2023`, `August 28, 2024 Hour: 9:04 am` |
//! | (weekday) day month-name year (time) | `Mon 20 Jan 2020 06.05 GMT`, `5 октября 2023 г. в 14:30`, `12 Ekim 2021 Salı`, `joi, 5 octombrie 2023`, `٥ أكتوبر ٢٠٢٣`, `5 تشرين الأول/أكتوبر 2023`, `12-Mar-2021`, `08.Haziran.2014` |
//! | year first | `2023 թ. հոկտեմբերի 5-ին`, `2023-cü il 5 oktyabr`, `2015-кві-12` |
//! | Chinese, Japanese, Korean | `2023年10月5日`, `2016年3月20日(日) 21時40分`, `令和5年10月5日`, `2023년 10월 5일` |
//! | Solar Hijri (Iran) | `پنجشنبه ۱۳ مهر ۱۴۰۲` and `۱۴۰۲/۰۷/۱۳`, converted to 5 October 2023 |
//! | time before a numeric date | `21:17 18.11.2019` |
//! | ISO and numeric dates | `2019-11-18T10:00:00Z`, `18.11.2019`, `11/18/2019`, `11/08/23 5:19pm`, `28.09.1912:44` (`19` and `12:44`) |
//! | without a year | `on Monday (11 January)`, `Sept. 27`, `5 октября`, `10月5日` |
//!
//! The words are data: month and weekday names, fillers (`de`, `г.`,
//! `թ.`), time words and the marks `年月日` are tables, one per language
//! ([`tables`](self#tables): English, French, Spanish, Portuguese,
//! Italian, German, Dutch, Scandinavian, Polish, Finnish, Russian,
//! Ukrainian, Turkish, Romanian, Armenian, Azerbaijani, Persian, Arabic,
//! Chinese, Japanese, Korean). Digits may be Western, Arabic-Indic
//! (`٥`), Persian (`۵`) or full-width (`５`); Arabic spellings are matched
//! whatever their alef, yeh, kaf or teh marbuta (`أكتوبر` = `اكتوبر`).
//!
//! Numeric `a/b/yyyy` is read month-first and `a.b.yyyy` / `a-b-yyyy`
//! day-first, unless a number over 12 says which one is the day. A
//! two-digit year is read after slashes (`a/b/yy`, 1970..=2069), and after
//! dots only in `dd.mm.yy` or before a clock time (`6.11.23, 18:56`):
//! other dotted triples are too often version numbers. A clock time glued
//! to the digits before it, as adjacent HTML elements render
//! (`28.09.1912:44`), is split off by the lexer: an hour has at most two
//! digits, so `1912:44` is `19` and `12:44` (2019), never the year 1912,
//! and `201912:44` is `2019` and `12:44`. When both numbers
//! could be the month, the match says the order was guessed
//! ([`DateMatch::order_guessed`]) so that the extractor may read it the
//! other way from what the rest of the page prints. Four-digit Gregorian
//! years are 1900..=2100; Solar Hijri years 1300..=1500 (numeric ones
//! only up to 1430 and not marked `هـ`, which are lunar Hijri years). A
//! Solar Hijri date without a year is not read: its Gregorian day is
//! unknown.
//!
//! The module never decides which date is the publication date: that is
//! the extractor's job (see `ingest::text::header_date`).
//!
//! <a id="tables"></a>The submodules: `lex` (tokens), `tables` (the
//! language tables in `date/tables/*.toml`, with the list of their keys),
//! `grammar` (the shapes), `calendar` (Solar Hijri and Japanese eras).

mod calendar;
mod grammar;
mod lex;
mod tables;

use crate::model::{Date, Time};
use std::ops::Range;

/// The calendar a date was printed in (its fields are always Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Calendar {
    /// The Gregorian calendar.
    #[default]
    Gregorian,
    /// Iran's Solar Hijri calendar (`۱۳ مهر ۱۴۰۲`).
    SolarHijri,
    /// A Japanese era year (`令和5年`).
    JapaneseEra,
}

/// A date expression found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMatch {
    /// Year when printed (Gregorian).
    pub year: Option<i32>,
    /// Month, 1..=12 (Gregorian).
    pub month: u8,
    /// Day of month (Gregorian).
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
    /// The calendar the date was printed in.
    pub calendar: Calendar,
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

/// The years a publication date can have. Dates outside are impossible
/// for an article on the web (or placeholders: the Unix epoch,
/// `1970-01-01`, is what a content system writes for a date it never set)
/// and are dropped with a warning, wherever they come from: a printed
/// line, the input's own field or the page's metadata.
pub const PUBLICATION_YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

/// Month number of a month name or abbreviation (`Sept.`, `октября`,
/// `أكتوبر`), in any calendar.
pub fn month_number(word: &str) -> Option<u8> {
    tables::words().months.word(&lex::word_key(word.trim_end_matches('.'))).map(|(m, _)| m)
}

/// Weekday number (0 = Monday) of a weekday name or abbreviation.
pub fn weekday_number(word: &str) -> Option<u8> {
    tables::words().weekdays.word(&lex::word_key(word.trim_end_matches('.')))
}

/// Whether `text` holds a digit of any script dates are printed in (every
/// date expression has one).
///
/// One pass over the bytes, without decoding characters: every line of
/// every page is asked this (it was 3% of text ingest as an ASCII pass and
/// then a pass over the characters of any text with a curly quote). The
/// other digits are matched by their UTF-8 bytes: Arabic-Indic U+0660..=
/// U+0669 (`D9 A0..=A9`), Eastern Arabic-Indic U+06F0..=U+06F9 (`DB
/// B0..=B9`) and fullwidth U+FF10..=U+FF19 (`EF BC 90..=99`), the digits
/// [`lex`] reads; a test checks every character against it.
pub fn has_digit(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter().enumerate().any(|(i, &c)| match c {
        b'0'..=b'9' => true,
        0xD9 => matches!(b.get(i + 1), Some(0xA0..=0xA9)),
        0xDB => matches!(b.get(i + 1), Some(0xB0..=0xB9)),
        0xEF => b.get(i + 1) == Some(&0xBC) && matches!(b.get(i + 2), Some(0x90..=0x99)),
        _ => false,
    })
}

/// Finds every date expression in `text`, left to right, non-overlapping.
pub fn find_dates(text: &str) -> Vec<DateMatch> {
    if !has_digit(text) {
        return Vec::new();
    }
    let w = tables::words();
    let toks = lex::lex(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // A time printed before the date: "21:17 18.11.2019".
        if let Some((time, after_time)) = grammar::time_at(&toks, i, w) {
            let mut k = after_time;
            while matches!(toks.get(k).map(|t| &t.tok), Some(lex::Tok::Punct(',' | '.' | '(' | ')'))) {
                k += 1;
            }
            if matches!(toks.get(k).map(|t| &t.tok), Some(lex::Tok::Punct('|' | '-' | '–' | '·'))) {
                k += 1;
            }
            if let Some((mut m, end)) = grammar::date_at(&toks, k, w) {
                if m.time.is_none() {
                    m.time = Some(time);
                    m.span = toks[i].span.start..m.span.end;
                }
                out.push(m);
                i = end;
                continue;
            }
        }
        if let Some((m, end)) = grammar::date_at(&toks, i, w) {
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

    // The byte scan finds exactly the characters the lexer reads as
    // digits: every Unicode character, alone and between letters.
    #[test]
    fn has_digit_agrees_with_the_lexer_on_every_character() {
        for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
            let want = lex::digit_value(c).is_some();
            assert_eq!(has_digit(c.encode_utf8(&mut [0; 4])), want, "{c:?} U+{:04X}", c as u32);
            assert_eq!(has_digit(&format!("é{c}ж")), want, "{c:?} between letters");
        }
        assert!(!has_digit(""));
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

    /// Issue 13/15: `<span>28.09.19</span><span>12:44</span>` renders as
    /// `28.09.1912:44`, once read as 28 September 1912. A four-digit
    /// number glued to `:` and two digits is a year (or day) and an hour.
    #[test]
    fn a_two_digit_year_glued_to_a_time_is_not_1912() {
        type Case = (&'static str, Option<&'static str>, Option<(u8, u8)>);
        let cases: &[Case] = &[
            // Glued: the two-digit year and the hour.
            ("28.09.1912:44", Some("2019-09-28"), Some((12, 44))),
            ("Aktualisiert 28.09.1912:44 Uhr", Some("2019-09-28"), Some((12, 44))),
            ("28.09.199:05", Some("2019-09-28"), Some((9, 5))),
            ("09/28/1912:44", Some("2019-09-28"), Some((12, 44))),
            ("28/09/1912:44:10", Some("2019-09-28"), Some((12, 44))),
            ("28.09.1912：44", Some("2019-09-28"), Some((12, 44))),
            // Glued: a four-digit year and the hour.
            ("28.09.201912:44", Some("2019-09-28"), Some((12, 44))),
            ("28.09.20199:05", Some("2019-09-28"), Some((9, 5))),
            ("2019-09-2812:44", Some("2019-09-28"), Some((12, 44))),
            // Glued to something that is no clock time: still no 1925.
            ("28.09.1925:44", Some("2019-09-28"), None),
            // A month-name date reads no year from `19`.
            ("Sep 28, 1912:44", None, None),
            ("28 September 1912:44", None, None),
            // The forms printed with a space or a `T` read as before.
            ("28.09.2019 12:44", Some("2019-09-28"), Some((12, 44))),
            ("28.09.2019, 12:44", Some("2019-09-28"), Some((12, 44))),
            ("2019-09-28T12:44", Some("2019-09-28"), Some((12, 44))),
            ("2019-09-28T12:44:05Z", Some("2019-09-28"), Some((12, 44))),
            ("28.09.19 12:44", Some("2019-09-28"), Some((12, 44))),
            ("28.09.19, 12:44", Some("2019-09-28"), Some((12, 44))),
            ("12:44 28.09.2019", Some("2019-09-28"), Some((12, 44))),
            ("28 September 1912", Some("1912-09-28"), None),
            ("28.09.1912", Some("1912-09-28"), None),
            ("28.09.1912 12:44", Some("1912-09-28"), Some((12, 44))),
            ("Sep 28, 2019 12:44", Some("2019-09-28"), Some((12, 44))),
        ];
        for (input, date, time) in cases {
            assert_eq!(one(input), (date.map(str::to_string), *time), "input {input:?}");
            assert!(find_dates(input).iter().all(|m| m.year != Some(1925)), "input {input:?}");
        }
        for s in ["John 316:16", "a ratio of 1000:10", "score 1912:44"] {
            assert!(find_dates(s).is_empty(), "{s:?} gave {:?}", find_dates(s));
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
