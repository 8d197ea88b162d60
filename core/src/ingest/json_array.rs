//! The elements of a JSON array read a piece of text at a time: a scraper's
//! export (Scrapy's `-o items.json`, for one) is one array of articles,
//! and a large one need not be parsed whole to be read.
//!
//! [`ArrayScanner`] finds where each element of the top-level array ends
//! without parsing it: it follows strings (with their escapes) and the
//! nesting of brackets and braces, and an element ends at a comma or the
//! closing bracket outside them. Each element is then parsed on its own
//! ([`super::records`]). The scanner assumes a valid document: the tools
//! check that first, reading the file once without building it
//! (`serde::de::IgnoredAny`), and read any other document whole.

use std::ops::Range;

/// Where the scanner is in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Before the opening bracket.
    Before,
    /// Inside the array.
    Inside,
    /// After the closing bracket.
    After,
}

/// Finds the elements of a top-level JSON array in text that arrives in
/// pieces (see the module docs).
#[derive(Debug, Clone)]
pub(crate) struct ArrayScanner {
    place: Place,
    /// Brackets and braces open inside the current element.
    depth: usize,
    in_string: bool,
    escaped: bool,
    /// Where the current element starts in the text being scanned.
    start: usize,
    /// How much of the text was scanned already.
    scanned: usize,
}

impl Default for ArrayScanner {
    fn default() -> Self {
        ArrayScanner { place: Place::Before, depth: 0, in_string: false, escaped: false, start: 0, scanned: 0 }
    }
}

impl ArrayScanner {
    /// Scans the rest of `text` (the text given before, with more at its
    /// end) and gives the ranges of the elements it completes, trimmed of
    /// whitespace, in order. `Err` if the text is not an array.
    pub(crate) fn scan(&mut self, text: &str) -> Result<Vec<Range<usize>>, String> {
        let bytes = text.as_bytes();
        let mut found = Vec::new();
        for (i, &b) in bytes.iter().enumerate().skip(self.scanned) {
            match self.place {
                Place::Before if b.is_ascii_whitespace() => {}
                Place::Before if b == b'[' => {
                    self.place = Place::Inside;
                    self.start = i + 1;
                }
                Place::Before => return Err("JSON is neither an array nor an object of articles".into()),
                Place::After => break,
                Place::Inside if self.in_string => {
                    if self.escaped {
                        self.escaped = false;
                    } else if b == b'\\' {
                        self.escaped = true;
                    } else if b == b'"' {
                        self.in_string = false;
                    }
                }
                Place::Inside => match b {
                    b'"' => self.in_string = true,
                    b'{' | b'[' => self.depth += 1,
                    b'}' | b']' if self.depth > 0 => self.depth -= 1,
                    b',' | b']' if self.depth == 0 => {
                        let element = trimmed(text, self.start..i);
                        if !element.is_empty() {
                            found.push(element);
                        }
                        self.start = i + 1;
                        if b == b']' {
                            self.place = Place::After;
                        }
                    }
                    _ => {}
                },
            }
        }
        self.scanned = bytes.len();
        Ok(found)
    }

    /// How much of the text scanned so far holds no part of an element to
    /// come (it can be dropped).
    pub(crate) fn done_with(&self) -> usize {
        match self.place {
            Place::Inside => self.start,
            _ => self.scanned,
        }
    }

    /// The first `n` bytes of the text were dropped.
    pub(crate) fn dropped(&mut self, n: usize) {
        self.start = self.start.saturating_sub(n);
        self.scanned = self.scanned.saturating_sub(n);
    }

    /// Whether the closing bracket was seen.
    pub(crate) fn closed(&self) -> bool {
        self.place == Place::After
    }
}

/// `range` of `text` without the whitespace at its ends.
fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        return range.start..range.start;
    }
    range.start + lead..range.end - trail
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    /// The elements of `text` cut into pieces at `cuts`.
    fn elements(text: &str, cuts: &[usize]) -> Result<Vec<String>, String> {
        let mut scanner = ArrayScanner::default();
        let mut pending = String::new();
        let mut out = Vec::new();
        let mut from = 0;
        let mut cuts: Vec<usize> = cuts
            .iter()
            .map(|&c| (0..=c.min(text.len())).rev().find(|&c| text.is_char_boundary(c)).unwrap_or(0))
            .collect();
        cuts.sort_unstable();
        for to in cuts.into_iter().chain([text.len()]) {
            pending.push_str(&text[from..to]);
            from = to;
            for r in scanner.scan(&pending)? {
                out.push(pending[r].to_string());
            }
            let n = scanner.done_with();
            pending.drain(..n);
            scanner.dropped(n);
        }
        Ok(out)
    }

    /// The elements as serde_json sees them (the oracle).
    fn oracle(text: &str) -> Vec<String> {
        let v: Vec<serde_json::Value> = serde_json::from_str(text).expect("valid array");
        v.iter().map(|v| v.to_string()).collect()
    }

    fn normalized(elements: Vec<String>) -> Vec<String> {
        elements.iter().map(|e| serde_json::from_str::<serde_json::Value>(e).expect("element").to_string()).collect()
    }

    #[test]
    fn elements_of_arrays_cut_anywhere() {
        let text =
            " [ {\"title\": \"A, [b] {c}\", \"text\": \"say \\\"hi\\\", \\\\\"}, [1, [2, 3]],\n\"ü,]\" , 4 ,{}\n] \n";
        let want = oracle(text);
        assert_eq!(want.len(), 5);
        for cut in 0..=text.len() {
            assert_eq!(elements(text, &[cut]).map(normalized), Ok(want.clone()), "cut at {cut}");
        }
        assert_eq!(elements(text, &(0..text.len()).collect::<Vec<_>>()).map(normalized), Ok(want));
        assert_eq!(elements("[]", &[1]), Ok(vec![]));
        assert_eq!(elements(" [ ] ", &[]), Ok(vec![]));
        assert!(elements("{\"a\": 1}", &[]).is_err(), "an object is not read in pieces");
    }

    proptest::proptest! {
        #[test]
        fn scanner_matches_serde_json(
            values in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just(serde_json::json!({"title": "a,b]", "text": "x\"y\\\\z {["})),
                    proptest::strategy::Just(serde_json::json!([1, [2, {"k": "]"}]])),
                    proptest::strategy::Just(serde_json::json!("ü ,")),
                    proptest::strategy::Just(serde_json::json!(null)),
                    "[a-z,\\[\\]{}\" \\\\]{0,10}".prop_map(serde_json::Value::String),
                ],
                0..8,
            ),
            pretty in proptest::bool::ANY,
            cuts in proptest::collection::vec(0usize..300, 0..5),
        ) {
            let array = serde_json::Value::Array(values);
            let text = if pretty { serde_json::to_string_pretty(&array) } else { serde_json::to_string(&array) }
                .expect("json");
            proptest::prop_assert_eq!(elements(&text, &cuts).map(normalized), Ok(oracle(&text)));
        }
    }
}
