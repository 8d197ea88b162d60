//! How the views write dates, names and counts, and how they read a typed
//! date.
//!
//! **One date format everywhere**: every date the app shows (result rows,
//! the reader, the timeline's labels and fields, the mentioned dates) is
//! written by the user's locale through `Intl.DateTimeFormat` (the
//! browser's language: `11 Jan 2021` in British English, `Jan 11, 2021` in
//! American English, `11. Jan. 2021` in German). Dates are calendar days,
//! so they are formatted in UTC: no time zone can move them. Natively (in
//! unit tests) there is no `Intl`, and the same functions write British
//! English.
//!
//! **Typed dates** ([`parse_date`]) are read in the same locale: its month
//! names (long and short) and its order of day, month and year for
//! all-numeric dates (`3/4/2021` is 4 March in the United States, 3 April
//! in Britain), and always ISO `2021-04-03` and English month names. A
//! month and a year (`Jan 2021`) or a year alone mean its first or its last
//! day, depending on which end of a range is typed.

use dateline_core::model::{Credit, Date, DateInfo, DatePrecision, SuggestedDate, ENGLISH_MONTHS};
use dateline_core::timeline::{Axis, Granularity};

/// What a date is written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Style {
    /// `11 Jan 2021`.
    Day,
    /// `Jan 2021`.
    Month,
    /// `2021`.
    Year,
}

#[cfg(target_arch = "wasm32")]
mod intl {
    //! The browser's `Intl.DateTimeFormat`, one formatter per style, made
    //! once (making one costs far more than using it).
    use super::Style;
    use dateline_core::model::Date;
    use js_sys::Intl::DateTimeFormat;
    use wasm_bindgen::JsValue;

    fn make(options: &[(&str, &str)]) -> DateTimeFormat {
        let o = js_sys::Object::new();
        for (k, v) in options.iter().chain(&[("timeZone", "UTC")]) {
            let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_str(v));
        }
        DateTimeFormat::new(&js_sys::Array::new(), &o)
    }

    thread_local! {
        static DAY: DateTimeFormat = make(&[("day", "numeric"), ("month", "short"), ("year", "numeric")]);
        static MONTH: DateTimeFormat = make(&[("month", "short"), ("year", "numeric")]);
        static YEAR: DateTimeFormat = make(&[("year", "numeric")]);
        static NUMERIC: DateTimeFormat = make(&[("day", "numeric"), ("month", "numeric"), ("year", "numeric")]);
        static LONG_MONTH: DateTimeFormat = make(&[("month", "long")]);
        static SHORT_MONTH: DateTimeFormat = make(&[("month", "short")]);
    }

    fn js_date(d: Date) -> js_sys::Date {
        js_sys::Date::new(&JsValue::from_f64(d.days_since_epoch() as f64 * 86_400_000.0))
    }

    fn with(style: Style, f: impl FnOnce(&DateTimeFormat) -> Option<String>) -> Option<String> {
        match style {
            Style::Day => DAY.with(f),
            Style::Month => MONTH.with(f),
            Style::Year => YEAR.with(f),
        }
    }

    /// `d` in `style`; `None` if the browser refuses (never expected).
    pub fn format(style: Style, d: Date) -> Option<String> {
        with(style, |f| f.format().call1(&JsValue::UNDEFINED, &js_date(d)).ok()?.as_string())
    }

    /// `[a, b]` (both included) as the locale writes a span of days
    /// (`11 – 15 Jan 2021`).
    pub fn range(a: Date, b: Date) -> Option<String> {
        DAY.with(|f| f.format_range(&js_date(a), &js_date(b)).ok().map(String::from))
    }

    /// The order of day, month and year in the locale's numeric dates
    /// (`['d', 'm', 'y']` for 31/12/2021).
    pub fn numeric_order() -> Vec<char> {
        NUMERIC.with(|f| {
            let parts = f.format_to_parts(&js_date(Date { year: 2021, month: 12, day: 31 }));
            parts
                .iter()
                .filter_map(|p| js_sys::Reflect::get(&p, &JsValue::from_str("type")).ok()?.as_string())
                .filter_map(|t| match t.as_str() {
                    "day" => Some('d'),
                    "month" => Some('m'),
                    "year" => Some('y'),
                    _ => None,
                })
                .collect()
        })
    }

    /// The locale's long and short name of every month.
    pub fn month_names() -> Vec<(String, u8)> {
        let mut out = Vec::new();
        for m in 1..=12u8 {
            let d = Date { year: 2021, month: m, day: 15 };
            for f in [&LONG_MONTH, &SHORT_MONTH] {
                if let Some(name) = f.with(|f| f.format().call1(&JsValue::UNDEFINED, &js_date(d)).ok()?.as_string()) {
                    out.push((name, m));
                }
            }
        }
        out
    }
}

/// British English, natively (unit tests have no `Intl`).
#[cfg(not(target_arch = "wasm32"))]
fn english(style: Style, d: Date) -> String {
    let m = &ENGLISH_MONTHS[usize::from(d.month.clamp(1, 12) - 1)][..3];
    match style {
        Style::Day => format!("{} {m} {}", d.day, d.year),
        Style::Month => format!("{m} {}", d.year),
        Style::Year => d.year.to_string(),
    }
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    /// Dates written so far, per style: the timeline writes the label of
    /// every bar on every render, and a call into `Intl` costs about as
    /// much as the rest of the bar (profiled at 44k articles: a tenth of
    /// the time the panels take to follow a query). Cleared when it passes
    /// [`WRITTEN_MAX`] entries.
    static WRITTEN: std::cell::RefCell<std::collections::HashMap<(Style, Date), String>> =
        std::cell::RefCell::default();
}

/// Most dates kept by the cache of written dates.
#[cfg(target_arch = "wasm32")]
const WRITTEN_MAX: usize = 8192;

fn write(style: Style, d: Date) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        if let Some(s) = WRITTEN.with(|w| w.borrow().get(&(style, d)).cloned()) {
            return s;
        }
        let s = intl::format(style, d).unwrap_or_else(|| d.iso());
        WRITTEN.with(|w| {
            let mut w = w.borrow_mut();
            if w.len() >= WRITTEN_MAX {
                w.clear();
            }
            w.insert((style, d), s.clone());
        });
        s
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        english(style, d)
    }
}

/// `11 Jan 2021` (in the user's locale).
pub fn day(d: Date) -> String {
    write(Style::Day, d)
}

/// `Jan 2021`.
pub fn month(d: Date) -> String {
    write(Style::Month, d)
}

/// The days `[a, b]`, both included: `11 – 15 Jan 2021`, or one day.
pub fn span(a: Date, b: Date) -> String {
    if a == b {
        return day(a);
    }
    #[cfg(target_arch = "wasm32")]
    if let Some(s) = intl::range(a, b) {
        return s;
    }
    format!("{} – {}", day(a), day(b))
}

/// A publication date: `11 Jan 2021 · 16:16`, `11 Jan 2021 (year
/// inferred)`, `undated`.
pub fn date(info: &DateInfo) -> String {
    match info.date {
        None => "undated".into(),
        Some(d) => {
            let day = day(d);
            match (info.time, info.precision) {
                (Some(t), _) => format!("{day} · {:02}:{:02}", t.hour, t.minute),
                (None, DatePrecision::YearInferred) => format!("{day} (year inferred)"),
                (None, _) => day,
            }
        }
    }
}

/// The short label of a suggested year in a result row: `undated · 2021?
/// (inferred)`: never a printed date.
pub fn inferred_short(s: &SuggestedDate) -> String {
    format!("undated · {}? (inferred)", s.year)
}

/// The reader's line for a suggested year: `2021 — inferred from the text:
/// "Sept. 27 last year": 27 Sep 2020, ...; ...`.
pub fn inferred_long(s: &SuggestedDate) -> String {
    format!("{} — inferred from the text: {}", s.year, s.evidence.join("; "))
}

/// The credit of a credit line as the reader shows it: `teleSUR/JF`,
/// `teleSUR`, initials alone (`JF`), or `None`.
pub fn credit_label(c: &Credit) -> Option<String> {
    match (&c.credit, &c.author_initials) {
        (Some(k), Some(i)) => Some(format!("{k}/{i}")),
        (Some(k), None) => Some(k.clone()),
        (None, Some(i)) => Some(i.clone()),
        (None, None) => None,
    }
}

/// The reader's credit rows of an article, in order: (`Credit`,
/// `teleSUR/JF`), (`Source`, `EFE, El Salto`), (`Credits`, `Reporting by
/// Jane Doe; Editing by John Smith`). Text only.
pub fn credit_rows(credits: &[Credit]) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for c in credits {
        if let Some(k) = credit_label(c) {
            out.push(("Credit", k));
        }
        if !c.sources.is_empty() {
            out.push((if c.sources.len() == 1 { "Source" } else { "Sources" }, c.sources.join(", ")));
        }
        if !c.contributors.is_empty() {
            out.push(("Credits", c.contributors.join("; ")));
        }
    }
    out
}

/// The label of bucket `i` of a timeline axis: `2021`, `Jan 2021`, `week
/// of 11 Jan 2021`, `11 Jan 2021`.
pub fn bucket(axis: &Axis, i: usize) -> String {
    let d = axis.starts[i];
    match axis.granularity {
        Granularity::Year => write(Style::Year, d),
        Granularity::Month => month(d),
        Granularity::Week => format!("week of {}", day(d)),
        Granularity::Day => day(d),
    }
}

/// Human wording of a date precision, for a dated article.
pub fn precision(p: DatePrecision) -> &'static str {
    match p {
        DatePrecision::ExactTime => "date and time printed",
        DatePrecision::Day => "date printed",
        DatePrecision::YearInferred => "day printed, year inferred",
        DatePrecision::Unknown => "no publication date",
    }
}

/// How the user's locale writes dates, for [`parse_date`].
#[derive(Debug, Clone, PartialEq)]
pub struct DateLocale {
    /// Order of day (`d`), month (`m`) and year (`y`) in numeric dates.
    pub order: Vec<char>,
    /// Month names (long, short, any case) and their numbers.
    pub months: Vec<(String, u8)>,
}

impl DateLocale {
    /// British English (day, month, year; English month names).
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    pub fn english() -> DateLocale {
        DateLocale { order: vec!['d', 'm', 'y'], months: Vec::new() }
    }

    /// The browser's locale (natively: [`DateLocale::english`]).
    pub fn current() -> DateLocale {
        #[cfg(target_arch = "wasm32")]
        {
            let order = intl::numeric_order();
            let order = if order.len() == 3 { order } else { vec!['d', 'm', 'y'] };
            DateLocale { order, months: intl::month_names() }
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            DateLocale::english()
        }
    }

    /// The month a word names: a locale or English month name, or the
    /// first three letters or more of one (`sept`, `janv`).
    fn month_of(&self, word: &str) -> Option<u8> {
        let fold = |s: &str| s.trim_end_matches('.').to_lowercase();
        let word = fold(word);
        if word.chars().count() < 3 {
            return None;
        }
        let names = self
            .months
            .iter()
            .map(|(n, m)| (fold(n), *m))
            .chain(ENGLISH_MONTHS.iter().zip(1..).map(|(n, m)| (fold(n), m)));
        let mut found = None;
        for (name, m) in names {
            if name == word || name.starts_with(&word) {
                match found {
                    Some(f) if f != m => return None,
                    _ => found = Some(m),
                }
            }
        }
        found
    }
}

/// Last day of a month.
fn month_end(year: i32, month: u8) -> Option<Date> {
    (28..=31).rev().find_map(|d| Date::new(year, month, d))
}

/// A date typed by the user, read in `locale` (see the module docs);
/// `end` picks the last day when only a month or a year is given. `None`
/// when the text is not a whole, valid date (`2021-02-30`, `Jan`, `0202`).
pub fn parse_date(text: &str, locale: &DateLocale, end: bool) -> Option<Date> {
    // Runs of digits and runs of letters; anything else separates them.
    let mut numbers: Vec<(u32, usize)> = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut digits = String::new();
    let mut letters = String::new();
    let flush =
        |digits: &mut String, letters: &mut String, numbers: &mut Vec<(u32, usize)>, words: &mut Vec<String>| {
            if !digits.is_empty() {
                numbers.push((digits.parse().unwrap_or(u32::MAX), digits.len()));
                digits.clear();
            }
            if !letters.is_empty() {
                words.push(std::mem::take(letters));
            }
        };
    for c in text.chars() {
        if c.is_ascii_digit() {
            if !letters.is_empty() {
                flush(&mut digits, &mut letters, &mut numbers, &mut words);
            }
            digits.push(c);
        } else if c.is_alphabetic() {
            if !digits.is_empty() {
                flush(&mut digits, &mut letters, &mut numbers, &mut words);
            }
            letters.push(c);
        } else {
            flush(&mut digits, &mut letters, &mut numbers, &mut words);
        }
    }
    flush(&mut digits, &mut letters, &mut numbers, &mut words);
    if numbers.iter().any(|&(n, len)| len > 4 || n == u32::MAX) || numbers.len() > 3 {
        return None;
    }
    // A month name; other words (ordinal suffixes, "of") are ignored, but
    // two different month names are no date.
    let mut month_word = None;
    for w in &words {
        if let Some(m) = locale.month_of(w) {
            if month_word.is_some_and(|x| x != m) {
                return None;
            }
            month_word = Some(m);
        } else if !matches!(w.to_lowercase().as_str(), "st" | "nd" | "rd" | "th" | "of" | "de" | "der" | "du" | "le") {
            return None;
        }
    }
    // Four-digit years within the bounds of the app's dates (typing
    // "2023" passes through "0202").
    let year = |n: u32, len: usize| {
        (len == 4)
            .then(|| i32::try_from(n).ok())
            .flatten()
            .filter(|&y| (crate::state::MIN_YEAR..=crate::state::MAX_YEAR).contains(&y))
    };
    let pick = |y: i32, m: u8, d: Option<u32>| -> Option<Date> {
        match d {
            Some(d) => Date::new(y, m, u8::try_from(d).ok()?),
            None if end => month_end(y, m),
            None => Date::new(y, m, 1),
        }
    };
    match (month_word, numbers.as_slice()) {
        // `Jan 2021`.
        (Some(m), &[(y, 4)]) => pick(year(y, 4)?, m, None),
        // `11 Jan 2021`, `Jan 11, 2021`, `2021 Jan 11`.
        (Some(m), &[(a, la), (b, lb)]) => {
            if la == 4 && lb <= 2 {
                pick(year(a, la)?, m, Some(b))
            } else if lb == 4 && la <= 2 {
                pick(year(b, lb)?, m, Some(a))
            } else {
                None
            }
        }
        // `2021`.
        (None, &[(y, 4)]) => {
            let y = year(y, 4)?;
            if end {
                Date::new(y, 12, 31)
            } else {
                Date::new(y, 1, 1)
            }
        }
        // `01/2021`, `2021-01`.
        (None, &[(a, la), (b, lb)]) => {
            if la == 4 && lb <= 2 {
                pick(year(a, la)?, u8::try_from(b).ok()?, None)
            } else if lb == 4 && la <= 2 {
                pick(year(b, lb)?, u8::try_from(a).ok()?, None)
            } else {
                None
            }
        }
        // ISO `2021-01-11` (a leading four-digit year), else the locale's order.
        (None, &[(a, la), (b, lb), (c, lc)]) => {
            if la == 4 {
                return (lb <= 2 && lc <= 2).then(|| pick(year(a, la)?, u8::try_from(b).ok()?, Some(c))).flatten();
            }
            let (mut d, mut m, mut y) = (None, None, None);
            for (&field, &(n, len)) in locale.order.iter().zip(&[(a, la), (b, lb), (c, lc)]) {
                match field {
                    'd' if len <= 2 => d = Some(n),
                    'm' if len <= 2 => m = Some(n),
                    'y' if len == 4 => y = Some(n),
                    _ => return None,
                }
            }
            pick(year(y?, 4)?, u8::try_from(m?).ok()?, d)
        }
        _ => None,
    }
}

/// Longest outlet or author name shown in a chip (the full name is its
/// tooltip and stands in the reader's provenance).
pub const NAME_CHARS: usize = 60;

/// A name cut to [`NAME_CHARS`] characters with `…`.
pub fn short_name(name: &str) -> String {
    if name.chars().count() <= NAME_CHARS {
        name.to_string()
    } else {
        format!("{}…", name.chars().take(NAME_CHARS - 1).collect::<String>())
    }
}

/// `1 article`, `5 articles`, `1,234 articles`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", thousands(n))
    }
}

/// `1,234,567`.
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// How a language is named in the app: its own name, and the English one
/// when they differ (`Русский (Russian)`); an unknown code as it is.
pub fn language_name(code: &str) -> String {
    match dateline_core::lang::by_code(code) {
        Some(l) if l.native != l.name => format!("{} ({})", l.native, l.name),
        Some(l) => l.name.to_string(),
        None => code.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Option<Date> {
        Date::new(y, m, day)
    }

    #[test]
    fn credit_rows_and_inferred_labels() {
        let c = Credit {
            line: "teleSUR/ JF Source: EFE – El Salto".into(),
            credit: Some("teleSUR".into()),
            author_initials: Some("JF".into()),
            sources: vec!["EFE".into(), "El Salto".into()],
            contributors: vec![],
        };
        let wire = Credit {
            line: "(Reporting by A; Editing by B)".into(),
            contributors: vec!["Reporting by A".into(), "Editing by B".into()],
            ..Credit::default()
        };
        assert_eq!(
            credit_rows(&[c, wire]),
            [
                ("Credit", "teleSUR/JF".to_string()),
                ("Sources", "EFE, El Salto".to_string()),
                ("Credits", "Reporting by A; Editing by B".to_string())
            ]
        );
        let s = SuggestedDate { year: 2021, evidence: vec!["\"Sept. 27 last year\": 27 Sep 2020".into()] };
        assert_eq!(inferred_short(&s), "undated · 2021? (inferred)");
        assert_eq!(inferred_long(&s), "2021 — inferred from the text: \"Sept. 27 last year\": 27 Sep 2020");
    }

    #[test]
    fn typed_dates_table() {
        let gb = DateLocale::english();
        let us = DateLocale { order: vec!['m', 'd', 'y'], months: Vec::new() };
        let de = DateLocale {
            order: vec!['d', 'm', 'y'],
            months: vec![("Januar".into(), 1), ("Jan.".into(), 1), ("März".into(), 3), ("Dezember".into(), 12)],
        };
        let cases: [(&str, &DateLocale, bool, Option<Date>); 24] = [
            ("2021-01-11", &gb, false, d(2021, 1, 11)),
            ("2021-01-11", &us, false, d(2021, 1, 11)),
            ("11 Jan 2021", &gb, false, d(2021, 1, 11)),
            ("Jan 11, 2021", &us, false, d(2021, 1, 11)),
            ("January 11th, 2021", &us, false, d(2021, 1, 11)),
            ("11 sept. 2023", &gb, false, d(2023, 9, 11)),
            ("3/4/2021", &gb, false, d(2021, 4, 3)),
            ("3/4/2021", &us, false, d(2021, 3, 4)),
            ("11. März 2021", &de, false, d(2021, 3, 11)),
            ("31.12.2021", &de, false, d(2021, 12, 31)),
            ("Jan 2021", &gb, false, d(2021, 1, 1)),
            ("Feb 2024", &gb, true, d(2024, 2, 29)),
            ("2021", &gb, false, d(2021, 1, 1)),
            ("2021", &gb, true, d(2021, 12, 31)),
            ("01/2021", &gb, true, d(2021, 1, 31)),
            // Incomplete or invalid: what typing passes through.
            ("0202", &gb, false, None),
            ("202", &gb, false, None),
            ("2021-02-30", &gb, false, None),
            ("2021-1", &gb, false, d(2021, 1, 1)),
            ("Jan", &gb, false, None),
            ("11 Jan", &gb, false, None),
            ("Ja 2021", &gb, false, None),
            ("11 Jan Feb 2021", &gb, false, None),
            ("13/13/2021", &gb, false, None),
        ];
        for (text, locale, end, want) in cases {
            assert_eq!(parse_date(text, locale, end), want, "{text:?}");
        }
        // "ma" is too short to name a month; "Ma" + "r" is "Mar"/"März".
        assert_eq!(parse_date("ma 2021", &de, false), None);
        assert_eq!(parse_date("mär 2021", &de, false), d(2021, 3, 1));
        // Ambiguous prefix across months ("ju": June, July) is no month.
        assert_eq!(parse_date("jun 2021", &gb, false), d(2021, 6, 1));
    }

    #[test]
    fn dates_are_written_in_one_format() {
        let a = Date::new(2021, 1, 11).expect("valid");
        let b = Date::new(2021, 1, 15).expect("valid");
        assert_eq!(day(a), "11 Jan 2021");
        assert_eq!(month(a), "Jan 2021");
        assert_eq!(span(a, a), "11 Jan 2021");
        assert_eq!(span(a, b), "11 Jan 2021 – 15 Jan 2021");
        assert_eq!(count(1234, "article", "articles"), "1,234 articles");
        assert_eq!(count(1, "article", "articles"), "1 article");
    }
}
