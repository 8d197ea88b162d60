//! Multi-record inputs: JSON Lines, JSON arrays/objects and CSV exports.
//!
//! Columns are matched by name, case-insensitively, first match wins:
//!
//! | field   | accepted column names                                         |
//! |---------|---------------------------------------------------------------|
//! | title   | `title`, `headline`                                           |
//! | outlet  | `outlet`, `source`, `media_name`, `publisher`, `source_name`, `site_name`, `source_domain`, `domain` |
//! | date    | `date`, `publish_date`, `date_publish`, `published`, `publication_date`, `pubdate`, `published_at` |
//! | url     | `url`, `link`, `source_url`                                   |
//! | author  | `author`, `authors`, `byline`, `creator`                      |
//! | text    | `text`, `content`, `body`, `maintext`, `article`, `content_original`, `full_text` |
//!
//! A record without text is rejected with a reason; its title alone is not
//! an article.

use super::txt::Hints;
use serde_json::Value;

const TITLE: &[&str] = &["title", "headline"];
const OUTLET: &[&str] =
    &["outlet", "source", "media_name", "publisher", "source_name", "site_name", "source_domain", "domain"];
const DATE: &[&str] =
    &["date", "publish_date", "date_publish", "published", "publication_date", "pubdate", "published_at"];
const URL: &[&str] = &["url", "link", "source_url"];
const AUTHOR: &[&str] = &["author", "authors", "byline", "creator"];
const TEXT: &[&str] = &["text", "content", "body", "maintext", "article", "content_original", "full_text"];

/// One parsed record: hints and text, or the reason it is unusable.
pub type Record = Result<(Hints, String), String>;

fn value_text(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.trim().to_string(),
        Value::Array(items) => items.iter().filter_map(value_text).collect::<Vec<_>>().join(", "),
        Value::Number(n) => n.to_string(),
        Value::Object(o) => o.get("name").and_then(value_text).unwrap_or_default(),
        _ => String::new(),
    };
    (!s.is_empty()).then_some(s)
}

fn pick(get: &dyn Fn(&str) -> Option<String>, names: &[&str]) -> Option<String> {
    names.iter().find_map(|n| get(n))
}

fn record_from(get: &dyn Fn(&str) -> Option<String>) -> Record {
    let hints = Hints {
        title: pick(get, TITLE),
        outlet: pick(get, OUTLET),
        date: pick(get, DATE),
        author: pick(get, AUTHOR),
        url: pick(get, URL),
    };
    match pick(get, TEXT) {
        Some(text) if text.split_whitespace().count() >= 3 => Ok((hints, text)),
        _ => Err(match &hints.title {
            Some(t) => format!("record \"{t}\" has no text column (text/content/body/maintext)"),
            None => "record has neither title nor text".to_string(),
        }),
    }
}

fn json_record(v: &Value) -> Record {
    match v {
        Value::Object(map) => {
            let get =
                |name: &str| map.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).and_then(|(_, v)| value_text(v));
            record_from(&get)
        }
        _ => Err("record is not a JSON object".into()),
    }
}

/// Parses a multi-record file of `format` (`jsonl`, `json`, `csv`). `Err`
/// means the file as a whole is unusable.
pub fn parse(text: &str, format: &str) -> Result<Vec<Record>, String> {
    match format {
        "jsonl" => Ok(text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| match serde_json::from_str::<Value>(l) {
                Ok(v) => json_record(&v),
                Err(e) => Err(format!("invalid JSON line: {e}")),
            })
            .collect()),
        "json" => {
            let v: Value = serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
            match v {
                Value::Array(items) => Ok(items.iter().map(json_record).collect()),
                Value::Object(ref map) => {
                    // {"articles": [...]} or a single article.
                    if let Some(Value::Array(items)) = map.values().find(|v| {
                        v.is_array() && v.as_array().is_some_and(|a| a.iter().all(Value::is_object) && !a.is_empty())
                    }) {
                        Ok(items.iter().map(json_record).collect())
                    } else {
                        Ok(vec![json_record(&v)])
                    }
                }
                _ => Err("JSON is neither an array nor an object of articles".into()),
            }
        }
        "csv" => {
            let rows = parse_csv(text)?;
            let mut rows = rows.into_iter();
            let header: Vec<String> =
                rows.next().ok_or("CSV has no header row")?.into_iter().map(|h| h.trim().to_lowercase()).collect();
            if !header.iter().any(|h| TEXT.contains(&h.as_str())) {
                return Err(format!(
                    "CSV has no text column (one of {}); columns are: {}",
                    TEXT.join(", "),
                    header.join(", ")
                ));
            }
            Ok(rows
                .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
                .map(|row| {
                    let get = |name: &str| {
                        header
                            .iter()
                            .position(|h| h == name)
                            .and_then(|i| row.get(i))
                            .map(|s| s.trim().to_string())
                            .filter(|s| !s.is_empty())
                    };
                    record_from(&get)
                })
                .collect())
        }
        other => Err(format!("unknown record format {other}")),
    }
}

/// RFC 4180 CSV with `"` quoting; the delimiter (`,` `;` or tab) is the
/// most frequent of them in the header line.
pub fn parse_csv(text: &str) -> Result<Vec<Vec<String>>, String> {
    let first = text.lines().next().unwrap_or("");
    let delim = [',', ';', '\t'].into_iter().max_by_key(|d| first.matches(*d).count()).unwrap_or(',');
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    in_quotes = false;
                }
            } else {
                field.push(c);
            }
        } else if c == '"' && field.is_empty() {
            in_quotes = true;
        } else if c == delim {
            row.push(std::mem::take(&mut field));
        } else if c == '\n' {
            row.push(std::mem::take(&mut field));
            rows.push(std::mem::take(&mut row));
        } else if c != '\r' {
            field.push(c);
        }
    }
    if in_quotes {
        return Err(format!("CSV ends inside a quoted field (row {})", rows.len() + 1));
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_with_media_cloud_and_news_please_shapes() {
        let text = r#"{"title": "A", "media_name": "RT", "publish_date": "2021-01-11 10:00:00", "text": "one two three four"}
{"title": "B", "source_domain": "tass.com", "date_publish": "2023-10-05", "maintext": "five six seven eight", "authors": ["X Y", "Z W"]}
{"title": "C"}
not json"#;
        let recs = parse(text, "jsonl").expect("parsed");
        assert_eq!(recs.len(), 4);
        let (h, t) = recs[0].clone().expect("ok");
        assert_eq!(
            (h.outlet.as_deref(), h.date.as_deref(), t.as_str()),
            (Some("RT"), Some("2021-01-11 10:00:00"), "one two three four")
        );
        let (h, _) = recs[1].clone().expect("ok");
        assert_eq!(h.author.as_deref(), Some("X Y, Z W"));
        assert!(recs[2].clone().unwrap_err().contains("no text column"));
        assert!(recs[3].clone().unwrap_err().contains("invalid JSON"));
    }

    #[test]
    fn csv_quoting_and_delimiters() {
        let rows = parse_csv("a;b\n\"x;\"\"y\"\"\";\"multi\nline\"\n").expect("ok");
        assert_eq!(rows, vec![vec!["a", "b"], vec!["x;\"y\"", "multi\nline"]]);
        assert!(parse_csv("a,b\n\"open").is_err());
        let recs = parse("title,source,content\nT,RT,hello there world\n", "csv").expect("ok");
        assert_eq!(recs.len(), 1);
        assert!(parse("title,source\nT,RT\n", "csv").unwrap_err().contains("no text column"));
    }
}
