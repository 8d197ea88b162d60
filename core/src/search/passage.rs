//! Snippets and highlighting: which words of an article to mark, and the
//! passage a result list shows.

use crate::model::Article;
use crate::text::{for_each_token, tokenize};
use std::collections::HashSet;

/// A piece of text, highlighted or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fragment {
    /// The text (plain; the UI renders it as text, never as HTML).
    pub text: String,
    /// Whether it matched the query.
    pub hit: bool,
}

/// Splits `text` into fragments, marking tokens whose term is in `terms`.
/// Adjacent marked tokens separated only by spaces or hyphens merge into
/// one fragment, so a phrase is highlighted as a whole.
pub fn highlight(text: &str, terms: &HashSet<String>) -> Vec<Fragment> {
    let mut marks: Vec<std::ops::Range<usize>> = Vec::new();
    for t in tokenize(text) {
        if terms.contains(&t.term) {
            match marks.last_mut() {
                // Bigrams of unspaced scripts overlap the mark before them.
                Some(last)
                    if t.span.start <= last.end
                        || text[last.end..t.span.start].chars().all(|c| c == ' ' || c == '-') =>
                {
                    last.end = last.end.max(t.span.end)
                }
                _ => marks.push(t.span),
            }
        }
    }
    let mut out = Vec::new();
    let mut at = 0;
    for m in marks {
        if m.start > at {
            out.push(Fragment { text: text[at..m.start].to_string(), hit: false });
        }
        out.push(Fragment { text: text[m.clone()].to_string(), hit: true });
        at = m.end;
    }
    if at < text.len() {
        out.push(Fragment { text: text[at..].to_string(), hit: false });
    }
    out
}

/// The best passage of an article for a result list: the window of about
/// `words` words with the most distinct highlighted terms (then the most
/// occurrences), from the lead and body; the lead's start when nothing
/// matches. Cut points are marked with `…`. Paragraphs are scanned in order
/// and the scan stops at the first window holding every matched term.
pub fn snippet(article: &Article, terms: &HashSet<String>, words: usize) -> Vec<Fragment> {
    let words = words.max(1);
    // (distinct, count, paragraph, from token, to token)
    let mut best: Option<(usize, usize, &str, usize, usize)> = None;
    for text in article.texts() {
        // Token count and the hits (token index, term) of this paragraph.
        let mut n_toks = 0usize;
        let mut hits: Vec<(usize, String)> = Vec::new();
        for_each_token(text, |term, _, _| {
            if terms.contains(term) {
                hits.push((n_toks, term.to_string()));
            }
            n_toks += 1;
        });
        if n_toks == 0 {
            continue;
        }
        if best.is_none() {
            best = Some((0, 0, text, 0, words.min(n_toks)));
        }
        if terms.is_empty() {
            break;
        }
        // Windows starting at each hit (a few words of context before it).
        for k in 0..hits.len() {
            let from = hits[k].0.saturating_sub(4);
            let to = (from + words).min(n_toks);
            let inside: Vec<&str> = hits[k..].iter().take_while(|(i, _)| *i < to).map(|(_, t)| t.as_str()).collect();
            let distinct = inside.iter().collect::<HashSet<_>>().len();
            if best.is_none_or(|b| (distinct, inside.len()) > (b.0, b.1)) {
                best = Some((distinct, inside.len(), text, from, to));
            }
        }
        if best.is_some_and(|b| b.0 >= terms.len().min(4) && b.0 > 0) {
            break;
        }
    }
    let Some((_, _, text, from, to)) = best else { return vec![] };
    let toks = tokenize(text);
    let start_byte = if from == 0 { 0 } else { toks[from].span.start };
    let end_byte = if to >= toks.len() { text.len() } else { toks[to - 1].span.end };
    let mut frags = highlight(&text[start_byte..end_byte], terms);
    if start_byte > 0 {
        frags.insert(0, Fragment { text: "…".into(), hit: false });
    }
    if end_byte < text.len() {
        frags.push(Fragment { text: "…".into(), hit: false });
    }
    frags
}
