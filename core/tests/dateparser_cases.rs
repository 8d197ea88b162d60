//! Table tests from scrapinghub/dateparser's own test cases (BSD-3-Clause),
//! read from `shared/data/dateparser_cases` when it is present (it is
//! local test data, never committed; the test says SKIPPED without it):
//!
//! * `test_date_parser_cases.jsonl`: date strings and the datetime they
//!   mean. Every row of a language Dateline reads (and the numeric rows)
//!   must give the expected day, and the expected time when the string
//!   prints one; rows printing no year are checked on month and day.
//!   Rows whose answer depends on dateparser's settings (time zones, "now",
//!   past or future preference) are left out, and so are the rows listed in
//!   [`NOT_READ`] with the reason.
//! * `test_search_cases.jsonl`: dates inside running text, in many
//!   languages: every expected expression with a day, in a language
//!   Dateline reads, must be found.

use dateline_core::date::find_dates;
use serde_json::Value;
use std::path::PathBuf;

/// The languages (dateparser's section names) Dateline reads.
const SECTIONS: &[&str] = &[
    "English",
    "French",
    "Spanish",
    "Portuguese",
    "Italian",
    "German",
    "Dutch",
    "Russian",
    "Ukrainian",
    "Turkish",
    "Romanian",
    "Finnish",
    "Chinese",
    "Japanese",
    "Numeric",
    "Miscellaneous",
];

/// The same, as language codes of the search cases.
const LANGUAGES: &[&str] =
    &["en", "fr", "es", "pt", "it", "de", "nl", "ru", "uk", "tr", "ro", "fi", "pl", "zh", "ja", "ar", "fa"];

/// Rows of those languages that Dateline reads otherwise, and why.
const NOT_READ: &[(&str, &str)] = &[
    ("Wed Aug 05 12:00:00 2015", "the year after the clock time (C's ctime format) is not a news format"),
    ("11. 12. 2014, 08:45:39", "dotted dates are read day first, as every language that prints them does"),
    ("25 ян 2016", "Bulgarian (filed under Chinese)"),
    ("23 декември 2013 15:10:01", "Bulgarian (filed under Chinese)"),
    ("1 Ni 2015", "Swahili"),
    ("1978, 1 Peb, 7:05 PM", "Tagalog (filed under Miscellaneous)"),
    ("2016020417:10", "digits without separators"),
    ("2016年6月2911:30", "a day glued to the time"),
    ("24 ян 2015г.", "Bulgarian (filed under Miscellaneous)"),
];

/// Times dateparser reads from words or separators Dateline does not take
/// for a clock time (the day is still checked).
const TIME_NOT_READ: &[&str] = &[
    "November 19, 2014 at noon",
    "19 February 2013 year 09:10",
    "29.02.2020 13.12",
    "1 a.m 20.07.2021",
    "5.7.2018 5.45 ip.",
    "5 .7 .2018 5.45 ip.",
    "23. März 18.37 Uhr",
    // A dotted time is too often a number.
    "26. 10.21 14.12",
    "30 . 09 . 22 12.12",
    // The time follows a two-digit year after a month name, not read.
    "2 Декабрь 95 11:15",
];

/// The folder of the cases: `DATELINE_DATA/dateparser_cases`, or
/// `shared/data/dateparser_cases` in this crate's folder or one of its
/// parents.
fn data_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("DATELINE_DATA") {
        return Some(PathBuf::from(d).join("dateparser_cases")).filter(|p| p.is_dir());
    }
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.ancestors().map(|a| a.join("shared/data/dateparser_cases")).find(|p| p.is_dir())
}

fn rows(file: &str) -> Option<Vec<Value>> {
    let Some(dir) = data_dir() else {
        eprintln!("dateparser_cases: SKIPPED: shared/data/dateparser_cases not found (set DATELINE_DATA)");
        return None;
    };
    let text = std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("reading {file}: {e}"));
    Some(text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).expect("a JSON row")).collect())
}

/// Whether `n` stands in `s` as a number of its own.
fn prints_number(s: &str, n: u32) -> bool {
    s.split(|c: char| !c.is_ascii_digit()).any(|w| w.parse::<u32>().ok() == Some(n) && w.len() <= 2)
}

#[test]
fn dateparser_date_strings() {
    let Some(rows) = rows("test_date_parser_cases.jsonl") else { return };
    let (mut checked, mut failures) = (0, Vec::new());
    for r in &rows {
        let input = r["input"].as_str().unwrap_or_default();
        let test = r["test"].as_str().unwrap_or_default();
        let section = r["section"].as_str().unwrap_or_default();
        if !matches!(test, "test_dates_parsing" | "test_dates_parsing_with_normalization")
            || !SECTIONS.contains(&section)
            || NOT_READ.iter().any(|(s, _)| *s == input)
        {
            continue;
        }
        let expected = r["expected"].as_str().unwrap_or_default();
        let (day, time) = (&expected[..10], &expected[11..16]);
        let explicit = r["explicit_year_in_input"].as_bool().unwrap_or(false);
        let month_day: (u32, u32) = (day[5..7].parse().unwrap_or(0), day[8..10].parse().unwrap_or(0));
        // Year-less rows only where the string prints the day.
        if !explicit && !prints_number(input, month_day.1) {
            continue;
        }
        checked += 1;
        let found = find_dates(input);
        let Some(m) = found.first() else {
            failures.push(format!("{section}: {input:?}: no date, expected {expected}"));
            continue;
        };
        let got_day = match m.date() {
            Some(d) if explicit => d.iso() == day,
            _ => (u32::from(m.month), u32::from(m.day)) == month_day,
        };
        let got_time = m.time.map(|t| format!("{:02}:{:02}", t.hour, t.minute));
        let time_ok = time == "00:00" || TIME_NOT_READ.contains(&input) || got_time.as_deref() == Some(time);
        if !got_day || !time_ok {
            failures.push(format!("{section}: {input:?}: got {:?} {got_time:?}, expected {expected}", m.date()));
        }
    }
    eprintln!("dateparser date strings: {checked} checked, {} failed", failures.len());
    assert!(checked >= 150, "only {checked} rows checked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn dateparser_dates_in_running_text() {
    let Some(rows) = rows("test_search_cases.jsonl") else { return };
    let (mut checked, mut failures) = (0, Vec::new());
    for r in &rows {
        let langs: Vec<&str> = match &r["language"] {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        if !langs.iter().any(|l| LANGUAGES.contains(l)) {
            continue;
        }
        let text = r["text"].as_str().unwrap_or_default();
        let found = find_dates(text);
        for e in r["expected"].as_array().into_iter().flatten() {
            let (Some(sub), Some(iso)) = (e[0].as_str(), e[1].as_str()) else { continue };
            let (year, month, day): (i32, u8, u8) =
                (iso[..4].parse().unwrap_or(0), iso[5..7].parse().unwrap_or(0), iso[8..10].parse().unwrap_or(0));
            // Expressions printing a day; years before 1900 are not read.
            let digits: Vec<&str> = sub.split(|c: char| !c.is_ascii_digit()).filter(|w| !w.is_empty()).collect();
            if !digits.iter().any(|w| w.len() <= 2) || year < 1900 {
                continue;
            }
            checked += 1;
            let has_year = digits.iter().any(|w| w.len() == 4);
            let ok = found.iter().any(|m| (m.month, m.day) == (month, day) && (!has_year || m.year == Some(year)));
            if !ok {
                failures.push(format!("{langs:?} {sub:?} ({iso}) not found in {text:.80}"));
            }
        }
    }
    eprintln!("dateparser search cases: {checked} expressions checked, {} failed", failures.len());
    assert!(checked >= 20, "only {checked} expressions checked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
