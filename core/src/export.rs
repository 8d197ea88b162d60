//! Export of a result set as CSV (RFC 4180) and JSON, for the browser's
//! download buttons. Columns: id, title, outlet, date, precision, author,
//! url, file, text (lead and body joined by blank lines).

use crate::model::{Article, Corpus};
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
pub fn row<'a>(corpus: &Corpus, a: &'a Article) -> Row<'a> {
    Row {
        id: &a.id,
        title: &a.title,
        outlet: a.outlet.as_deref().and_then(|k| corpus.outlet(k)).map(|o| o.name.clone()).unwrap_or_default(),
        date: a.date.date.map(|d| d.iso()).unwrap_or_default(),
        precision: a.date.precision,
        author: a.author.as_deref().unwrap_or(""),
        url: a.provenance.url.as_deref().unwrap_or(""),
        file: &a.provenance.file,
        text: a.texts().collect::<Vec<_>>().join("\n\n"),
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
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

/// JSON array of rows.
pub fn to_json(rows: &[Row]) -> String {
    serde_json::to_string_pretty(rows).unwrap_or_else(|_| "[]".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::records::parse_csv;

    #[test]
    fn csv_round_trips_through_the_csv_reader() {
        let rows = vec![Row {
            id: "a",
            title: "Putin, \"quoted\"",
            outlet: "RT".into(),
            date: "2021-01-11".into(),
            precision: crate::model::DatePrecision::Day,
            author: "",
            url: "",
            file: "a.txt",
            text: "line one\n\nline two".into(),
        }];
        let csv = to_csv(&rows);
        let parsed = parse_csv(&csv).expect("valid csv");
        assert_eq!(parsed[1][1], "Putin, \"quoted\"");
        assert_eq!(parsed[1][4], "day");
        assert_eq!(parsed[1][8], "line one\n\nline two");
        let json: serde_json::Value = serde_json::from_str(&to_json(&rows)).expect("json");
        assert_eq!(json[0]["outlet"], "RT");
    }
}
