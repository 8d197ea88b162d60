//! Snippets and highlighting: which words of an article to mark, and the
//! passage a result list shows.
//!
//! What to mark is a [`Marks`]: the terms a query's words matched (each
//! marked wherever it occurs: the word, its stem group, completions, typo
//! neighbours) and the phrases it matched (marked only where their words
//! stand together, as the search found them). For `"white house" trump`,
//! `Trump` is marked everywhere but `white` and `house` only in
//! `White House`, never in `white paper` or `house arrest`.

use crate::model::Article;
use crate::search::Results;
use crate::text::for_each_token;
use std::collections::{HashMap, HashSet, VecDeque};
use std::ops::Range;

/// A piece of text, highlighted or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fragment {
    /// The text (plain; the UI renders it as text, never as HTML).
    pub text: String,
    /// Whether it matched the query.
    pub hit: bool,
}

/// What a query found, to mark in the texts shown: lone terms and
/// phrases, as normalised terms (see the module docs).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    /// Every term named by a lone term or a phrase, and its number.
    words: HashMap<String, u32>,
    /// Per word number: marked wherever it occurs.
    lone: Vec<bool>,
    /// Phrases as word numbers (two words or more).
    phrases: Vec<Vec<u32>>,
    /// The longest phrase's length (0 without phrases).
    longest: usize,
}

impl Marks {
    /// Marks for lone `terms` and `phrases` (normalised terms in order; a
    /// phrase of one term is a lone term, an empty one is ignored).
    pub fn new<T, P>(terms: T, phrases: P) -> Marks
    where
        T: IntoIterator<Item = String>,
        P: IntoIterator<Item = Vec<String>>,
    {
        let mut marks = Marks::default();
        for t in terms {
            let w = marks.word(t);
            marks.lone[w as usize] = true;
        }
        for p in phrases {
            match p.len() {
                0 => {}
                1 => {
                    let w = marks.word(p.into_iter().next().unwrap_or_default());
                    marks.lone[w as usize] = true;
                }
                n => {
                    let ids: Vec<u32> = p.into_iter().map(|t| marks.word(t)).collect();
                    if !marks.phrases.contains(&ids) {
                        marks.phrases.push(ids);
                        marks.longest = marks.longest.max(n);
                    }
                }
            }
        }
        marks
    }

    /// Marks for lone terms only.
    pub fn terms<T: IntoIterator<Item = String>>(terms: T) -> Marks {
        Marks::new(terms, std::iter::empty())
    }

    /// What a search's results found: [`Results::highlight`] and
    /// [`Results::phrases`].
    pub fn of(results: &Results) -> Marks {
        Marks::new(results.highlight.iter().cloned(), results.phrases.iter().cloned())
    }

    /// True when nothing is marked.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// How many different things can be found: lone terms and phrases.
    fn kinds(&self) -> usize {
        self.lone.iter().filter(|&&l| l).count() + self.phrases.len()
    }

    fn word(&mut self, term: String) -> u32 {
        let next = self.words.len() as u32;
        let id = *self.words.entry(term).or_insert(next);
        if id == next {
            self.lone.push(false);
        }
        id
    }
}

/// One thing the marks name, found in a text: tokens `first..=last`
/// (indices among the text's tokens), bytes `span`, and which thing
/// (`key`: a lone word's number, or the word count plus a phrase's).
struct Found {
    first: usize,
    span: Range<usize>,
    key: usize,
}

/// Calls `found` for every lone term and every whole phrase of `marks` in
/// `text`, in the order they end, and returns the number of tokens. A
/// phrase's words must be consecutive tokens (consecutive positions, as
/// in the index), so a phrase never spans a sentence break the tokenizer
/// keeps a gap for.
fn scan(text: &str, marks: &Marks, mut found: impl FnMut(Found)) -> usize {
    // The last `longest` tokens: (word number, position, start byte).
    let mut recent: VecDeque<(Option<u32>, u32, usize)> = VecDeque::with_capacity(marks.longest);
    let mut n = 0usize;
    for_each_token(text, |term, span, pos| {
        let word = marks.words.get(term).copied();
        if marks.longest > 0 {
            if recent.len() == marks.longest {
                recent.pop_front();
            }
            recent.push_back((word, pos, span.start));
        }
        if let Some(w) = word {
            if marks.lone[w as usize] {
                found(Found { first: n, span: span.clone(), key: w as usize });
            }
            for (p, phrase) in marks.phrases.iter().enumerate() {
                let len = phrase.len();
                if phrase.last() != Some(&w) || recent.len() < len {
                    continue;
                }
                let tail = recent.range(recent.len() - len..);
                let whole = tail.zip(phrase).enumerate().all(|(k, (&(got, at, _), &want))| {
                    got == Some(want) && at as usize + (len - 1 - k) == pos as usize
                });
                if whole {
                    let start = recent[recent.len() - len].2;
                    found(Found { first: n + 1 - len, span: start..span.end, key: marks.words.len() + p });
                }
            }
        }
        n += 1;
    });
    n
}

/// The byte ranges of `text` to mark, merged: overlapping ones (bigrams of
/// unspaced scripts, a phrase and its own words) and ones separated only
/// by spaces or hyphens, so a phrase is highlighted as a whole.
fn marked_ranges(text: &str, marks: &Marks) -> Vec<Range<usize>> {
    let mut spans: Vec<Range<usize>> = Vec::new();
    scan(text, marks, |f| spans.push(f.span));
    // A phrase is reported at its last word, after its earlier words' own
    // marks: order by start.
    spans.sort_by_key(|s| (s.start, s.end));
    let mut out: Vec<Range<usize>> = Vec::new();
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start <= last.end || text[last.end..s.start].chars().all(|c| c == ' ' || c == '-') => {
                last.end = last.end.max(s.end)
            }
            _ => out.push(s),
        }
    }
    out
}

/// The fragments of `text[window]`, marked where `ranges` (sorted, not
/// overlapping) say; a range partly inside the window is marked in part.
fn fragments(text: &str, window: Range<usize>, ranges: &[Range<usize>]) -> Vec<Fragment> {
    let mut out = Vec::new();
    let mut at = window.start;
    for r in ranges {
        let (start, end) = (r.start.max(window.start), r.end.min(window.end));
        if start >= end {
            continue;
        }
        if start > at {
            out.push(Fragment { text: text[at..start].to_string(), hit: false });
        }
        out.push(Fragment { text: text[start..end].to_string(), hit: true });
        at = end;
    }
    if at < window.end {
        out.push(Fragment { text: text[at..window.end].to_string(), hit: false });
    }
    out
}

/// Splits `text` into fragments, marking what `marks` names (see
/// [`Marks`]). Adjacent marks separated only by spaces or hyphens merge
/// into one fragment, so a phrase is highlighted as a whole.
pub fn highlight(text: &str, marks: &Marks) -> Vec<Fragment> {
    fragments(text, 0..text.len(), &marked_ranges(text, marks))
}

/// Byte range of tokens `from..to` of `text` (from its start when `from`
/// is 0, to its end when `to` reaches its last token) and its token count.
fn token_bytes(text: &str, from: usize, to: usize) -> (Range<usize>, usize) {
    let (mut start, mut end) = (0, text.len());
    let mut n = 0usize;
    for_each_token(text, |_, span, _| {
        if n == from && from > 0 {
            start = span.start;
        }
        if n + 1 == to {
            end = span.end;
        }
        n += 1;
    });
    if to >= n {
        end = text.len();
    }
    (start..end, n)
}

/// What joins two paragraphs in a snippet.
pub const PARAGRAPH_MARK: &str = " ¶ ";

/// The best passage of an article for a result list: about `words` words
/// around the window with the most distinct things found (lone terms and
/// whole phrases; then the most occurrences), from the lead and body; the
/// lead's start when nothing matches. Paragraphs are scanned in order and
/// the scan stops at the first window holding every thing found (or four
/// of them).
///
/// The passage starts a few words before its first hit, so the hit is on
/// the card's first line whatever the card shows of the rest. When the
/// paragraph ends before `words` words, the passage goes on into the next
/// paragraphs (joined by [`PARAGRAPH_MARK`]), so a card has no blank lines
/// under a short snippet; only when the article ends does it reach back
/// before the hit, never so far that the hit falls past the first half of
/// the passage (a card clipped to its first lines would hide it). Cut
/// points are marked with `…`.
pub fn snippet(article: &Article, marks: &Marks, words: usize) -> Vec<Fragment> {
    let words = words.max(1);
    let wanted = marks.kinds().min(4);
    let texts: Vec<&str> = article.texts().collect();
    // (distinct, count, paragraph, its tokens, first hit token)
    let mut best: Option<(usize, usize, usize, usize, usize)> = None;
    for (p, text) in texts.iter().enumerate() {
        // Token count and the things found (first token, key) in this
        // paragraph, in the order of their first tokens.
        let mut hits: Vec<(usize, usize)> = Vec::new();
        let n_toks = scan(text, marks, |f| hits.push((f.first, f.key)));
        if n_toks == 0 {
            continue;
        }
        hits.sort_unstable();
        if best.is_none() {
            best = Some((0, 0, p, n_toks, 0));
        }
        if marks.is_empty() {
            break;
        }
        // Windows starting at each hit (a few words of context before it).
        let mut keys: HashSet<usize> = HashSet::new();
        for k in 0..hits.len() {
            let to = hits[k].0.saturating_sub(4) + words;
            keys.clear();
            let mut count = 0;
            for &(_, key) in hits[k..].iter().take_while(|(i, _)| *i < to) {
                keys.insert(key);
                count += 1;
            }
            if best.is_none_or(|b| (keys.len(), count) > (b.0, b.1)) {
                best = Some((keys.len(), count, p, n_toks, hits[k].0));
            }
        }
        if best.is_some_and(|b| b.0 >= wanted && b.0 > 0) {
            break;
        }
    }
    let Some((_, _, p, n_toks, hit)) = best else { return vec![] };
    // The hit's paragraph from a few words before the hit, then the next
    // paragraphs' first words while words are left: (paragraph, bytes).
    let from = hit.saturating_sub(4);
    let to = (from + words).min(n_toks);
    let mut left = words - (to - from);
    let mut pieces = vec![(p, 0..0)];
    for (q, text) in texts.iter().enumerate().skip(p + 1) {
        if left == 0 {
            break;
        }
        let (bytes, n) = token_bytes(text, 0, left);
        if n > 0 {
            pieces.push((q, bytes));
            left -= left.min(n);
        }
    }
    // At the article's end: reach back, keeping the hit in the first half.
    let from = if left > 0 { from.saturating_sub(left).max(hit.saturating_sub(words / 2)).min(from) } else { from };
    pieces[0].1 = token_bytes(texts[p], from, to).0;
    let mut frags = Vec::new();
    let last = pieces.len() - 1;
    for (k, (q, bytes)) in pieces.into_iter().enumerate() {
        let text = texts[q];
        if k == 0 && bytes.start > 0 {
            frags.push(Fragment { text: "…".into(), hit: false });
        }
        if k > 0 {
            frags.push(Fragment { text: PARAGRAPH_MARK.into(), hit: false });
        }
        let cut = k == last && bytes.end < text.len();
        frags.extend(fragments(text, bytes, &marked_ranges(text, marks)));
        if cut {
            frags.push(Fragment { text: "…".into(), hit: false });
        }
    }
    frags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(frags: &[Fragment]) -> Vec<&str> {
        frags.iter().filter(|f| f.hit).map(|f| f.text.as_str()).collect()
    }

    fn phrase(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    /// Regression: a phrase query marked its words wherever they stood
    /// alone (`White` of `white paper`, `house` of `house arrest`).
    #[test]
    fn phrase_words_are_marked_only_where_the_phrase_stands() {
        let marks = Marks::new(["trump".to_string()], [phrase(&["white", "house"])]);
        let text = "Trump left the White House; a white paper, then house arrest.";
        let frags = highlight(text, &marks);
        assert_eq!(marked(&frags), vec!["Trump", "White House"]);
        assert_eq!(frags.iter().map(|f| f.text.as_str()).collect::<String>(), text);
    }

    #[test]
    fn a_phrase_with_a_repeated_word_is_found_where_it_overlaps_itself() {
        // "bye bye" in "bye bye bye" ends at the second and third words.
        let marks = Marks::new([], [phrase(&["bye", "bye"])]);
        assert_eq!(marked(&highlight("Say bye bye bye, then bye.", &marks)), vec!["bye bye bye"]);
        let marks = Marks::new([], [phrase(&["a", "a", "b"])]);
        assert_eq!(marked(&highlight("a a a b a b", &marks)), vec!["a a b"]);
    }

    #[test]
    fn a_word_of_a_phrase_that_is_also_asked_alone_is_marked_everywhere() {
        let marks = Marks::new(["house".to_string()], [phrase(&["white", "house"])]);
        assert_eq!(marked(&highlight("house arrest at the White House", &marks)), vec!["house", "White House"]);
    }

    #[test]
    fn a_phrase_with_a_word_between_or_across_a_hyphen() {
        let marks = Marks::new([], [phrase(&["peace", "treaty"])]);
        assert!(marked(&highlight("peace and treaty", &marks)).is_empty());
        assert_eq!(marked(&highlight("a peace-treaty", &marks)), vec!["peace-treaty"]);
    }

    proptest::proptest! {
        /// Against a brute-force oracle: over texts of a small vocabulary,
        /// the marked bytes are exactly those of the tokens of the lone
        /// terms and of every run of tokens spelling a phrase.
        #[test]
        fn marks_are_the_lone_terms_and_whole_phrases(
            words in proptest::collection::vec(0usize..4, 0..40),
            lone in proptest::collection::vec(0usize..4, 0..2),
            phrases in proptest::collection::vec(proptest::collection::vec(0usize..4, 2..4), 0..3),
        ) {
            const VOCAB: [&str; 4] = ["aa", "bb", "cc", "dd"];
            let text = words.iter().map(|&w| VOCAB[w]).collect::<Vec<_>>().join(" ");
            let name = |ws: &[usize]| ws.iter().map(|&w| VOCAB[w].to_string()).collect::<Vec<_>>();
            let marks = Marks::new(name(&lone), phrases.iter().map(|p| name(p)));
            // The oracle: which words are marked.
            let mut want = vec![false; words.len()];
            for (i, w) in words.iter().enumerate() {
                want[i] |= lone.contains(w);
                for p in &phrases {
                    if words[i..].starts_with(p) {
                        want[i..i + p.len()].iter_mut().for_each(|m| *m = true);
                    }
                }
            }
            let frags = highlight(&text, &marks);
            proptest::prop_assert_eq!(frags.iter().map(|f| f.text.as_str()).collect::<String>(), text.clone());
            // Each word's marking, read back from the fragments (words are
            // three bytes apart: two letters and a space).
            let mut got = vec![false; words.len()];
            let mut at = 0;
            for f in &frags {
                if f.hit {
                    for (i, g) in got.iter_mut().enumerate() {
                        let start = i * 3;
                        if start >= at && start + 2 <= at + f.text.len() {
                            *g = true;
                        }
                    }
                }
                at += f.text.len();
            }
            proptest::prop_assert_eq!(got, want, "{} {:?}", text, frags);
        }
    }
}
