//! Front matter (`---` / `key: value` lines / `---`) at the top of a text:
//! metadata given by the input, which wins over what the extractor finds.
//!
//! The block is read line by line: `key: value` lines, blank lines and
//! indented or `- ` continuation lines (YAML lists) belong to it, and a
//! line `---` (or `...`) closes it. A block that is never closed ends at the
//! first line that is not a `key: value` line with a lower-case or known
//! key (`Update: Harbour plan approved` is a title, not a key); that line
//! starts the text and the reader gets a warning. A `---` with no
//! `key: value` line after it is no front matter at all (a rule).

use super::Hints;

/// Front matter read from the top of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter<'a> {
    /// The metadata it gives.
    pub hints: Hints,
    /// The text after it.
    pub rest: &'a str,
    /// What was wrong with it (a block never closed).
    pub warning: Option<String>,
}

/// Keys read into [`Hints`] (lower case).
const KNOWN_KEYS: &[&str] = &[
    "title",
    "outlet",
    "source",
    "media",
    "publisher",
    "date",
    "published",
    "publish_date",
    "author",
    "authors",
    "byline",
    "url",
    "link",
];

/// A `key: value` line: the key and the value, when the key is one word
/// (letters, digits, `_`, `-`) of at most 30 characters.
fn key_value(line: &str) -> Option<(&str, &str)> {
    let (k, v) = line.split_once(':')?;
    let k = k.trim();
    let word = !k.is_empty()
        && k.chars().count() <= 30
        && k.chars().next().is_some_and(char::is_alphabetic)
        && k.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    word.then_some((k, v))
}

/// Reads front matter at the top of `text` (see the module docs).
pub fn read_front_matter(text: &str) -> FrontMatter<'_> {
    let none = || FrontMatter { hints: Hints::default(), rest: text, warning: None };
    let trimmed = text.trim_start_matches('\u{feff}');
    let Some(body) = trimmed.strip_prefix("---\n").or_else(|| trimmed.strip_prefix("---\r\n")) else {
        return none();
    };
    let mut hints = Hints::default();
    let mut pairs = 0;
    // Byte offset of the current line in `body`, and its line number in
    // the text (the opening `---` is line 1).
    let mut at = 0;
    let mut number = 2;
    let mut closed = None;
    for line in body.split_inclusive('\n') {
        let l = line.trim_end_matches(['\r', '\n']);
        if l.trim_end() == "---" || l.trim_end() == "..." {
            closed = Some(at + line.len());
            break;
        }
        let continuation = l.trim().is_empty() || l.starts_with([' ', '\t']) || l.starts_with("- ");
        match key_value(l) {
            Some((k, v)) => {
                let lower = k.to_lowercase();
                // An unclosed block only holds keys that read as keys.
                if !(k == lower || KNOWN_KEYS.contains(&lower.as_str())) {
                    break;
                }
                pairs += 1;
                set_hint(&mut hints, &lower, v);
            }
            None if continuation && pairs > 0 => {}
            None => break,
        }
        at += line.len();
        number += 1;
    }
    match closed {
        Some(end) => {
            let rest = body.get(end..).unwrap_or_default();
            FrontMatter { hints, rest: rest.trim_start_matches(['\r', '\n']), warning: None }
        }
        None if pairs == 0 => none(),
        None => FrontMatter {
            hints,
            rest: body.get(at..).unwrap_or_default(),
            warning: Some(format!(
                "front matter opened with `---` on line 1 is not closed: lines 2-{} were read as front matter, \
                 the text starts at line {number}",
                number - 1
            )),
        },
    }
}

fn set_hint(hints: &mut Hints, key: &str, value: &str) {
    let v = value.trim().trim_matches('"').to_string();
    if v.is_empty() {
        return;
    }
    match key {
        "title" => hints.title = Some(v),
        "outlet" | "source" | "media" | "publisher" => hints.outlet = Some(v),
        "date" | "published" | "publish_date" => hints.date = Some(v),
        "author" | "authors" | "byline" => hints.author = Some(v),
        "url" | "link" => hints.url = Some(v),
        "language" | "lang" => hints.language = Some(v),
        _ => {}
    }
}

/// Parses front matter (`---` / `key: value` lines / `---`) at the top of a
/// text. Returns the hints and the remaining text; [`read_front_matter`]
/// also says when the block was never closed.
pub fn front_matter(text: &str) -> (Hints, &str) {
    let fm = read_front_matter(text);
    (fm.hints, fm.rest)
}
