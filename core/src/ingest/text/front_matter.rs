//! Front matter (`---` / `key: value` lines / `---`) at the top of a text:
//! metadata given by the input, which wins over what the extractor finds.

use super::Hints;

/// Parses front matter (`---` / `key: value` lines / `---`) at the top of a
/// text. Returns the hints and the remaining text.
pub fn front_matter(text: &str) -> (Hints, &str) {
    let mut hints = Hints::default();
    let trimmed = text.trim_start_matches('\u{feff}');
    let Some(rest) = trimmed.strip_prefix("---\n").or_else(|| trimmed.strip_prefix("---\r\n")) else {
        return (hints, text);
    };
    let Some(end) = rest.find("\n---") else {
        return (hints, text);
    };
    for line in rest[..end].lines() {
        if let Some((k, v)) = line.split_once(':') {
            let v = v.trim().trim_matches('"').to_string();
            if v.is_empty() {
                continue;
            }
            match k.trim().to_lowercase().as_str() {
                "title" => hints.title = Some(v),
                "outlet" | "source" | "media" | "publisher" => hints.outlet = Some(v),
                "date" | "published" | "publish_date" => hints.date = Some(v),
                "author" | "authors" | "byline" => hints.author = Some(v),
                "url" | "link" => hints.url = Some(v),
                _ => {}
            }
        }
    }
    let after = &rest[end + 4..];
    (hints, after.trim_start_matches(['\r', '\n']))
}
