//! Gap filling: the prose the main-content extractor skipped inside the
//! article's own span.
//!
//! `dom_smoothie` (Readability) picks one container and the siblings that
//! look like it. Pages built with layout builders (Elementor, Gutenberg
//! groups) put each section of one article in a container of its own, so
//! the extractor keeps some sections and drops others that sit between
//! them. `fill(rendered, paragraphs) -> paragraphs` finds, in the page's
//! visible blocks (in document order), the blocks the extractor's
//! paragraphs cover, and puts back every run of uncovered blocks that lies
//! between the first and the last covered block and reads as text: at
//! least [`GAP_BLOCKS`] blocks, [`GAP_PROSE_WORDS`] words in blocks of
//! prose, links making less than [`GAP_LINK_SHARE`] of its characters, and
//! no block that is only a date. A run is judged section by section (cut
//! before each heading), so a skipped section and the teaser cards after
//! it are weighed apart. A run of menus, teaser cards (title, date,
//! summary) or share bars between two parts of the article fails one of
//! these and stays out. Before the first covered block only the article's
//! opening is looked at: from the first block of prose after the `<h1>`
//! (the byline and date lines above it stay out); after the last covered
//! block (comments, footer) nothing is.
//!
//! Measured with `eval --html` (2026-12-05, body F1 tuning / checking
//! half of the WCXB dev set): 0.955 / 0.950 before; runs between covered
//! blocks 0.956 / 0.952; with the opening 0.957 / 0.953; cut at headings
//! 0.958 / 0.954. Snippets kept rose on all six halves of the three sets
//! (trafilatura's other pages, checking half 93.2 -> 94.5%), boilerplate
//! removed fell by one to three snippets on four. A single block
//! (`GAP_BLOCKS` 1) or more prose (50, 100 words) scored the same or
//! lower on the tuning half. Code listings and
//! captions are not put back (the gold bodies leave them out).

use super::content::{Piece, Rendered};
use crate::ingest::dedup;
use std::collections::{HashMap, HashSet};

/// Fewest words a run of skipped blocks must hold in blocks of prose (25
/// words or more, mostly not links) to be put back.
pub const GAP_PROSE_WORDS: usize = 25;

/// Fewest blocks in a run put back (a single block between two parts of
/// the article is more often a disclaimer or an advertisement's note).
pub const GAP_BLOCKS: usize = 2;

/// Largest share of a skipped run's characters that may be link text.
pub const GAP_LINK_SHARE: f64 = 0.25;

/// Words in a block of prose (the fallback's prose count,
/// `short_main_text`, uses the same).
pub const PROSE_BLOCK_WORDS: usize = 25;

/// A covered block that bounds the article's span has this many words
/// or more (a heading or a menu entry printed again in the text is not
/// evidence of where the article lies).
const SPAN_WORDS: usize = 8;

/// The words of a text, lower-cased and hashed (runs of letters and
/// digits; [`dedup::word_hash`]'s FNV-1a over the lower-cased bytes): the
/// paragraphs and the blocks come from the same tree, so a plain word
/// split matches them; hashes spare a string per word.
fn words(text: &str) -> Vec<u64> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut buf = [0u8; 4];
            w.chars()
                .flat_map(char::to_lowercase)
                .fold(dedup::WORD_HASH_START, |h, c| c.encode_utf8(&mut buf).bytes().fold(h, dedup::word_hash_byte))
        })
        .collect()
}

/// Hashed shingles of four words ([`dedup::shingle_hash`]; a text of
/// fewer words is one shingle).
fn shingles(words: &[u64]) -> Vec<u64> {
    if words.len() < 4 {
        return if words.is_empty() { vec![] } else { vec![dedup::shingle_hash(words)] };
    }
    words.windows(4).map(dedup::shingle_hash).collect()
}

/// The extractor's paragraphs with the skipped runs of text put back in
/// document order (see the module docs); `paragraphs` unchanged when
/// nothing was skipped.
pub fn fill(rendered: &Rendered, paragraphs: Vec<String>) -> Vec<String> {
    if paragraphs.is_empty() {
        return paragraphs;
    }
    let para_shingles: Vec<Vec<u64>> = paragraphs.iter().map(|p| shingles(&words(p))).collect();
    let kept: HashSet<u64> = para_shingles.iter().flatten().copied().collect();
    let pieces = &rendered.pieces;
    let (piece_words, piece_shingles): (Vec<usize>, Vec<Vec<u64>>) = pieces
        .iter()
        .map(|p| {
            let w = words(&p.text);
            (w.len(), shingles(&w))
        })
        .unzip();
    // A block is covered when most of its shingles are in the paragraphs.
    let covered: Vec<bool> = piece_shingles
        .iter()
        .map(|s| !s.is_empty() && s.iter().filter(|x| kept.contains(*x)).count() * 2 >= s.len())
        .collect();
    let span: Vec<usize> = (0..pieces.len()).filter(|&i| covered[i] && piece_words[i] >= SPAN_WORDS).collect();
    let (Some(&first), Some(&last)) = (span.first(), span.last()) else { return paragraphs };
    // The runs of uncovered blocks inside the span that read as text.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = first;
    while i < last {
        if covered[i] || piece_shingles[i].is_empty() {
            i += 1;
            continue;
        }
        let start = i;
        while i < last && !covered[i] {
            i += 1;
        }
        runs.extend(sections(pieces, start, i).filter(|&(a, b)| reads_as_text(&pieces[a..b], &piece_words[a..b])));
    }
    // The article's opening, when the extractor began further down: the
    // uncovered blocks from the first block of prose after the headline
    // (`<h1>`) to the first covered block.
    if let Some(h1) = (0..first).rev().find(|&i| pieces[i].tag == "h1") {
        let opening = (h1 + 1..first).find(|&i| is_prose(&pieces[i], piece_words[i]));
        if let Some(k) = opening {
            let stop = (k..first).find(|&i| covered[i]).unwrap_or(first);
            let found: Vec<(usize, usize)> =
                sections(pieces, k, stop).filter(|&(a, b)| reads_as_text(&pieces[a..b], &piece_words[a..b])).collect();
            runs.splice(0..0, found);
        }
    }
    if runs.is_empty() {
        return paragraphs;
    }
    // Where each paragraph is on the page: the first block holding its
    // first shingle (a paragraph not found takes the place of the one
    // before it).
    let mut block_of: HashMap<u64, usize> = HashMap::new();
    for (b, s) in piece_shingles.iter().enumerate() {
        for &x in s {
            block_of.entry(x).or_insert(b);
        }
    }
    let mut at = 0usize;
    let places: Vec<usize> = para_shingles
        .iter()
        .map(|s| {
            if let Some(&b) = s.first().and_then(|x| block_of.get(x)) {
                at = b;
            }
            at
        })
        .collect();
    let mut out = Vec::with_capacity(paragraphs.len() + runs.iter().map(|(a, b)| b - a).sum::<usize>());
    let mut runs = runs.into_iter().peekable();
    for (p, place) in paragraphs.into_iter().zip(places) {
        while let Some(&(a, b)) = runs.peek() {
            if a > place {
                break;
            }
            if b <= place {
                // Code listings and captions stay where the extractor put
                // them.
                let text = pieces[a..b].iter().filter(|x| !matches!(x.tag, "pre" | "figcaption"));
                out.extend(text.filter(|x| !x.text.trim().is_empty()).map(|x| x.text.clone()));
            }
            runs.next();
        }
        out.push(p);
    }
    out
}

/// The blocks `start..end` cut before each heading: a section of text
/// and a teaser card beside it are judged apart.
fn sections(pieces: &[Piece], start: usize, end: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut cuts: Vec<usize> = (start + 1..end).filter(|&i| is_heading(pieces[i].tag)).collect();
    cuts.insert(0, start);
    cuts.push(end);
    (0..cuts.len() - 1).map(move |i| (cuts[i], cuts[i + 1]))
}

fn is_heading(tag: &str) -> bool {
    matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// A block of prose: 25 words or more, mostly not links, not a picture's
/// caption.
fn is_prose(p: &Piece, words: usize) -> bool {
    words >= PROSE_BLOCK_WORDS && p.link_chars * 2 < p.text.len() && p.tag != "figcaption"
}

/// Whether a run of skipped blocks is text: prose enough, few links.
fn reads_as_text(run: &[Piece], words: &[usize]) -> bool {
    let prose: usize = run.iter().zip(words).filter(|(p, &n)| is_prose(p, n)).map(|(_, &n)| n).sum();
    let chars: usize = run.iter().map(|p| p.text.len()).sum();
    let links: usize = run.iter().map(|p| p.link_chars).sum();
    run.iter().filter(|p| !p.text.trim().is_empty()).count() >= GAP_BLOCKS
        && prose >= GAP_PROSE_WORDS
        && (links as f64) < GAP_LINK_SHARE * chars as f64
        && !run.iter().any(|p| is_date_only(&p.text))
}

/// A block that is a date and nothing more (`Dec 19, 2025`): the date of
/// a teaser card in a list of other stories, which the article's text
/// never prints between its paragraphs.
fn is_date_only(text: &str) -> bool {
    let words = text.split_whitespace().count();
    words <= 4 && !crate::date::find_dates(text).is_empty()
}
