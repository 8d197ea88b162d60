//! Stored answers (split version 12): the result of each common word being
//! typed, in a file of its own, so that such a query reads that file
//! instead of the lists of the word and all its variants.
//!
//! ## Why
//! The app searches as the user types, and a word being typed matches its
//! stem and name variants, its most frequent completions and its typos
//! ([`crate::search`]). For a common word these are common words too, and
//! their posting lists (documents with their frequencies) are most of a
//! cold query's bytes: at a million articles about 770 KB at the 95th
//! percentile. What the app shows of them is only the set of articles
//! matched (counts, timeline, events lane) and the first rows; the set
//! alone takes a few kilobytes to at most an eighth of a byte per article.
//! So the writer runs the search for such words on the whole index and
//! stores what it found: a [`Stored`] (see [`crate::search::stored_key`]
//! for which requests it answers and when it serves).
//!
//! ## Which words
//! Those whose request reads lists of at least
//! [`super::WriteOptions::answer_min_bytes`] raw bytes
//! ([`crate::search::Searcher::lists_read`]: documents parts, and positions
//! where a phrase alternative reads them). The candidates are the words and
//! prefixes that can reach a large list: every prefix of a term whose list
//! is at least an eighth of that, and every member of a variant group with
//! such a term. (A misspelling that is not a term of the corpus reaches a
//! common word only as its typo; it is not a candidate, and its query reads
//! the lists.)
//!
//! ## Format
//! The manifest lists the words answered, sorted ([`super::AnswerFiles`]);
//! the answer of the `i`-th is `a-<tag>-<i>.bin`:
//!
//! ```text
//! answer "DLAN" v | articles | m | set | t | t × doc | t × typos (byte) | t × inexact (byte) | t × score (f32 LE)
//!        | h | h × highlighted term | p | p × (c | c × term) | a | a × (word | c | c × spelling)
//! set    0 | m × gap (the first from 0)   or   1 | ⌈articles / 8⌉ bytes of bitmap (bit d: article d)
//! ```
//!
//! The set is written in whichever form is smaller, and the file is
//! compressed like every data file. The reader checks every count, that
//! the set is ascending and within the corpus, that every top hit is in the
//! set, and that scores are finite.
//!
//! ## Deeper hits (version 13)
//! A filtered request serves from the top only when at least the rows
//! asked for pass its filters: a filter keeping 1% of the corpus needs a
//! top some 3,000 deep for a screen of 32 rows, and the answer's file is
//! fetched by every request for its word. So the hits from the top's end
//! to [`super::WriteOptions::answer_deep`] (off by default: it did not pay
//! at a million articles, see there) go into a second file per
//! answer, `d-<tag>-<i>.bin` ([`super::Deeper`]), fetched (with the answer,
//! in the same round) only by filtered requests whose filters are
//! expected to keep enough of them:
//!
//! ```text
//! deeper "DLAD" v | articles | t | t × doc | t × typos | t × inexact | t × score
//! ```
//!
//! It is empty when the answer's top holds every match. Alone, the reader
//! checks what the answer checks of its hits; joined to its answer
//! ([`join_deeper`], whichever arrived second) that the top is full, that
//! the deeper hits are matches not in the top, and that they follow its
//! last hit in the relevance order.

use super::{cursor, open, put_str, put_varint, SplitError};
use crate::index::Index;
use crate::search::{stored_key, Hit, Request, Searcher, Stored};
use std::collections::BTreeSet;

/// Magic bytes of an answer file.
pub(super) const MAGIC: &[u8; 4] = b"DLAN";

/// The payload of an answer file (before its header and compression) for
/// a corpus of `articles`.
pub(super) fn encode(stored: &Stored, articles: u32) -> Vec<u8> {
    let mut out = Vec::new();
    put_varint(&mut out, u64::from(articles));
    put_varint(&mut out, stored.docs.len() as u64);
    let mut gaps = Vec::new();
    let mut prev = 0u32;
    for &d in &stored.docs {
        put_varint(&mut gaps, u64::from(d - prev));
        prev = d;
    }
    let bitmap_len = (articles as usize).div_ceil(8);
    if gaps.len() <= bitmap_len {
        out.push(0);
        out.extend_from_slice(&gaps);
    } else {
        out.push(1);
        let mut bits = vec![0u8; bitmap_len];
        for &d in &stored.docs {
            bits[d as usize / 8] |= 1 << (d % 8);
        }
        out.extend_from_slice(&bits);
    }
    put_hits(&mut out, &stored.top);
    put_varint(&mut out, stored.highlight.len() as u64);
    for t in &stored.highlight {
        put_str(&mut out, t);
    }
    put_varint(&mut out, stored.phrases.len() as u64);
    for p in &stored.phrases {
        put_varint(&mut out, p.len() as u64);
        for t in p {
            put_str(&mut out, t);
        }
    }
    put_varint(&mut out, stored.also.len() as u64);
    for (word, names) in &stored.also {
        put_str(&mut out, word);
        put_varint(&mut out, names.len() as u64);
        for t in names {
            put_str(&mut out, t);
        }
    }
    out
}

/// Reads an answer file of a corpus of `articles`.
pub(super) fn decode(file: &str, data: &[u8], articles: u32) -> Result<Stored, SplitError> {
    let payload = open(file, data, MAGIC, "answer")?;
    let mut c = cursor(file, &payload);
    let n = c.u32v()?;
    if n != articles {
        return Err(c.corrupt(format!("written for {n} articles, the corpus has {articles}")));
    }
    // (Not `count`: a bitmap holds many matches per byte.)
    let m = usize::try_from(c.varint()?).unwrap_or(usize::MAX);
    if m > n as usize {
        return Err(c.corrupt(format!("{m} matches in {n} articles")));
    }
    let mut docs = Vec::with_capacity(m);
    match c.bytes(1)?[0] {
        0 => {
            let mut prev = 0u64;
            for i in 0..m {
                let gap = c.varint()?;
                if i > 0 && gap == 0 {
                    return Err(c.corrupt("the matches are not ascending"));
                }
                prev = prev.saturating_add(gap);
                if prev >= u64::from(n) {
                    return Err(c.corrupt(format!("match {prev} past the corpus's {n} articles")));
                }
                docs.push(prev as u32);
            }
        }
        1 => {
            let bits = c.bytes((n as usize).div_ceil(8))?;
            for (i, &b) in bits.iter().enumerate() {
                for bit in 0..8 {
                    if b & (1 << bit) != 0 {
                        docs.push((i * 8 + bit) as u32);
                    }
                }
            }
            if docs.len() != m || docs.last().is_some_and(|&d| d >= n) {
                return Err(c.corrupt(format!("a bitmap of {} matches for {m}", docs.len())));
            }
        }
        other => return Err(c.corrupt(format!("unknown set form {other}"))),
    }
    let top = read_hits(&mut c, m, None)?;
    for h in &top {
        if docs.binary_search(&h.doc).is_err() {
            return Err(c.corrupt(format!("top hit {} is not a match", h.doc)));
        }
    }
    let strings = |c: &mut super::Cursor<'_>| -> Result<Vec<String>, SplitError> {
        let k = c.count()?;
        (0..k).map(|_| c.string().map(str::to_string)).collect()
    };
    let highlight = strings(&mut c)?;
    let p = c.count()?;
    let phrases = (0..p).map(|_| strings(&mut c)).collect::<Result<Vec<_>, _>>()?;
    let a = c.count()?;
    let mut also = Vec::with_capacity(a);
    for _ in 0..a {
        let word = c.string()?.to_string();
        also.push((word, strings(&mut c)?));
    }
    if c.at != c.bytes.len() {
        return Err(c.corrupt(format!("{} bytes after the answer", c.bytes.len() - c.at)));
    }
    Ok(Stored { docs, top, highlight, phrases, also })
}

/// Writes `hits`: `t | t × doc | t × typos | t × inexact | t × score`.
fn put_hits(out: &mut Vec<u8>, hits: &[Hit]) {
    put_varint(out, hits.len() as u64);
    for h in hits {
        put_varint(out, u64::from(h.doc));
    }
    out.extend(hits.iter().map(|h| h.typos));
    out.extend(hits.iter().map(|h| h.inexact));
    for h in hits {
        out.extend_from_slice(&h.score.to_le_bytes());
    }
}

/// Whether `b` may follow `a` in the relevance order: fewest typos, then
/// fewest inexact terms, then the best score.
fn in_order(a: &Hit, b: &Hit) -> bool {
    let (ka, kb) = ((a.typos, a.inexact), (b.typos, b.inexact));
    ka < kb || (ka == kb && a.score >= b.score)
}

/// Reads hits written by [`put_hits`]: at most `most`, each distinct, in
/// the relevance order (after `after` when given), with finite scores.
fn read_hits(c: &mut super::Cursor<'_>, most: usize, after: Option<&Hit>) -> Result<Vec<Hit>, SplitError> {
    let t = c.count()?;
    if t > most {
        return Err(c.corrupt(format!("{t} hits of {most} matches")));
    }
    let mut docs = Vec::with_capacity(t);
    let mut seen = std::collections::HashSet::with_capacity(t);
    for _ in 0..t {
        let d = c.u32v()?;
        if !seen.insert(d) {
            return Err(c.corrupt(format!("hit {d} twice")));
        }
        docs.push(d);
    }
    let typos = c.bytes(t)?;
    let inexact = c.bytes(t)?;
    let scores = c.bytes(t.checked_mul(4).ok_or_else(|| c.corrupt("too many hits"))?)?;
    let mut hits: Vec<Hit> = Vec::with_capacity(t);
    for (i, &doc) in docs.iter().enumerate() {
        let b = &scores[i * 4..i * 4 + 4];
        let score = f32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        if !score.is_finite() {
            return Err(c.corrupt("a score is not a number"));
        }
        let hit = Hit { doc, score, typos: typos[i], inexact: inexact[i] };
        if hits.last().or(after).is_some_and(|p| !in_order(p, &hit)) {
            return Err(c.corrupt(format!("hit {i} out of order")));
        }
        hits.push(hit);
    }
    Ok(hits)
}

/// Magic bytes of a deeper-hits file.
pub(super) const DEEP_MAGIC: &[u8; 4] = b"DLAD";

/// The payload of the deeper-hits file of an answer (its hits past the
/// answer's top; see "Deeper hits" in the module docs).
pub(super) fn encode_deeper(deeper: &[Hit], articles: u32) -> Vec<u8> {
    let mut out = Vec::new();
    put_varint(&mut out, u64::from(articles));
    put_hits(&mut out, deeper);
    out
}

/// Reads a deeper-hits file of a corpus of `articles` on its own (what
/// can be checked before its answer is here: see [`join_deeper`]).
pub(super) fn decode_deeper(file: &str, data: &[u8], articles: u32) -> Result<Vec<Hit>, SplitError> {
    let payload = open(file, data, DEEP_MAGIC, "deeper hits")?;
    let mut c = cursor(file, &payload);
    let n = c.u32v()?;
    if n != articles {
        return Err(c.corrupt(format!("written for {n} articles, the corpus has {articles}")));
    }
    let hits = read_hits(&mut c, n as usize, None)?;
    if let Some(h) = hits.iter().find(|h| h.doc >= n) {
        return Err(c.corrupt(format!("hit {} past the corpus's {n} articles", h.doc)));
    }
    if c.at != c.bytes.len() {
        return Err(c.corrupt(format!("{} bytes after the hits", c.bytes.len() - c.at)));
    }
    Ok(hits)
}

/// `stored` with its deeper hits (from [`decode_deeper`]) after its top,
/// when they continue it: the top is full (`top` hits), every deeper hit
/// is a match not in the top, and the order goes on.
pub(super) fn join_deeper(file: &str, stored: &Stored, deeper: &[Hit], top: usize) -> Result<Stored, SplitError> {
    let corrupt = |detail: String| SplitError::Corrupt { file: file.to_string(), detail };
    if deeper.is_empty() {
        return Ok(stored.clone());
    }
    if stored.top.len() < top {
        return Err(corrupt(format!("deeper hits after a top of {} of {top}", stored.top.len())));
    }
    let in_top: std::collections::HashSet<u32> = stored.top.iter().map(|h| h.doc).collect();
    if let Some(h) = deeper.iter().find(|h| in_top.contains(&h.doc) || stored.docs.binary_search(&h.doc).is_err()) {
        return Err(corrupt(format!("deeper hit {} is in the top or no match", h.doc)));
    }
    if stored.top.last().is_some_and(|last| !in_order(last, &deeper[0])) {
        return Err(corrupt("the deeper hits do not follow the top".to_string()));
    }
    let mut joined = stored.clone();
    joined.top.extend_from_slice(deeper);
    Ok(joined)
}

/// The words to answer, sorted, with the bytes of lists their request
/// reads (see "Which words" in the module docs).
pub(super) fn select(index: &Index, min_bytes: usize) -> Vec<(String, usize)> {
    if min_bytes == 0 || index.is_empty() {
        return Vec::new();
    }
    let floor = min_bytes / 8;
    let big = |id: u32| index.raw_parts(id).0.len() >= floor;
    let mut candidates: BTreeSet<&str> = BTreeSet::new();
    for (id, term) in index.terms.iter().enumerate() {
        if big(id as u32) {
            candidates.extend(term.char_indices().map(|(i, c)| &term[..i + c.len_utf8()]));
        }
    }
    for (_, members) in index.groups() {
        if members.iter().any(|&m| big(m)) {
            candidates.extend(members.iter().map(|&m| index.terms[m as usize].as_str()));
        }
    }
    let candidates: Vec<&str> = candidates.into_iter().collect();
    let reads = |part: &[&str]| -> Vec<(String, usize)> {
        let searcher = Searcher::with_axis(index, None);
        part.iter()
            .filter_map(|&word| {
                let req = Request { query: word.to_string(), typing: true, ..Request::default() };
                // Only words the query language reads back as themselves.
                if stored_key(&req).as_deref() != Some(word) {
                    return None;
                }
                let bytes: usize = searcher
                    .lists_read(&req)
                    .into_iter()
                    .map(|(id, positions)| {
                        let (docs, pos) = index.raw_parts(id);
                        docs.len() + if positions { pos.len() } else { 0 }
                    })
                    .sum();
                (bytes >= min_bytes).then(|| (word.to_string(), bytes))
            })
            .collect()
    };
    parallel(&candidates, &reads)
}

/// The answers of `words`, in their order, each with `top` hits ranked.
pub(super) fn answers(index: &Index, words: &[String], top: usize) -> Vec<Stored> {
    let run = |part: &[String]| -> Vec<Stored> {
        let searcher = Searcher::new(index);
        part.iter().map(|w| searcher.stored(w, top)).collect()
    };
    parallel(words, &run)
}

/// `f` over `items` in up to as many parts as there are cores, the
/// results in order. (One part where threads are not available, as in
/// the browser, which never writes a corpus.)
fn parallel<T: Sync, R: Send>(items: &[T], f: &(dyn Fn(&[T]) -> Vec<R> + Sync)) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    if threads < 2 || items.len() < 64 {
        return f(items);
    }
    let size = items.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = items.chunks(size).map(|part| s.spawn(move || f(part))).collect();
        // A part that panicked panics here too, as the loop would have.
        handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored() -> Stored {
        Stored {
            docs: vec![0, 3, 4, 9],
            top: vec![
                Hit { doc: 4, score: 2.5, typos: 0, inexact: 0 },
                Hit { doc: 0, score: 1.25, typos: 0, inexact: 1 },
            ],
            highlight: vec!["talk".into(), "talks".into()],
            phrases: vec![vec!["cease".into(), "fire".into()]],
            also: vec![("karabakh".into(), vec!["карабах".into()])],
        }
    }

    fn sealed(s: &Stored, articles: u32) -> Vec<u8> {
        super::super::seal_whole(MAGIC, &encode(s, articles))
    }

    #[test]
    fn answers_read_back_in_both_set_forms() {
        // Few matches in many articles: gaps; most of few articles: a bitmap.
        for articles in [10, 100_000] {
            let s = stored();
            assert_eq!(decode("a", &sealed(&s, articles), articles), Ok(s));
        }
        let dense = Stored { docs: (0..1000).filter(|d| d % 3 != 0).collect(), ..Stored::default() };
        let body = encode(&dense, 1000);
        assert_eq!(body[super::super::varint_len(1000) + super::super::varint_len(dense.docs.len() as u64)], 1);
        assert_eq!(decode("a", &sealed(&dense, 1000), 1000), Ok(dense));
    }

    proptest::proptest! {
        /// Any bytes, sealed as an answer file, decode to an answer or an
        /// error, never a panic; an answer of random matches and hits
        /// reads back as written.
        #[test]
        fn random_answers_read_back_and_random_bytes_do_not_panic(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200),
            docs in proptest::collection::btree_set(0u32..3000, 0..400),
            articles in 3000u32..5000,
            top in 0usize..50,
        ) {
            let _ = decode("a", &super::super::seal_whole(MAGIC, &bytes), articles);
            let _ = decode_deeper("d", &super::super::seal_whole(DEEP_MAGIC, &bytes), articles);
            let docs: Vec<u32> = docs.into_iter().collect();
            let top = docs.iter().rev().take(top).enumerate()
                .map(|(i, &doc)| Hit { doc, score: 10.0 / (i + 1) as f32, typos: 0, inexact: u8::from(i >= 7) })
                .collect();
            let s = Stored { docs, top, ..stored() };
            proptest::prop_assert_eq!(decode("a", &sealed(&s, articles), articles), Ok(s));
        }
    }

    /// Deeper hits read back; joined, they extend the top; every
    /// truncation, another corpus size, a hit out of order or past the
    /// corpus, and deeper hits that do not continue the top are errors.
    #[test]
    fn deeper_hits_read_back_and_join_only_their_answer() {
        let s = stored();
        let deeper =
            vec![Hit { doc: 9, score: 1.0, typos: 0, inexact: 1 }, Hit { doc: 3, score: 0.5, typos: 1, inexact: 0 }];
        let body = encode_deeper(&deeper, 10);
        let file = super::super::seal_whole(DEEP_MAGIC, &body);
        assert_eq!(decode_deeper("d", &file, 10), Ok(deeper.clone()));
        assert!(decode_deeper("d", &file, 11).is_err());
        for cut in 0..body.len() {
            assert!(
                decode_deeper("d", &super::super::seal_whole(DEEP_MAGIC, &body[..cut]), 10).is_err(),
                "cut at {cut}"
            );
        }
        let swapped: Vec<Hit> = deeper.iter().rev().copied().collect();
        assert!(decode_deeper("d", &super::super::seal_whole(DEEP_MAGIC, &encode_deeper(&swapped, 10)), 10).is_err());
        let past = vec![Hit { doc: 10, ..deeper[0] }];
        assert!(decode_deeper("d", &super::super::seal_whole(DEEP_MAGIC, &encode_deeper(&past, 10)), 10).is_err());
        // Joined to a full top of two.
        let joined = join_deeper("d", &s, &deeper, 2).expect("joins");
        assert_eq!(joined.top.len(), 4);
        assert_eq!(&joined.top[2..], &deeper[..]);
        assert_eq!(join_deeper("d", &s, &[], 2), Ok(s.clone()));
        // A top that is not full, a hit of the top again, a hit that is no
        // match, a hit ranked before the top's last.
        assert!(join_deeper("d", &s, &deeper, 3).is_err());
        assert!(join_deeper("d", &s, &[Hit { doc: 4, score: 0.1, typos: 1, inexact: 0 }], 2).is_err());
        assert!(join_deeper("d", &s, &[Hit { doc: 5, score: 0.1, typos: 1, inexact: 0 }], 2).is_err());
        assert!(join_deeper("d", &s, &[Hit { doc: 9, score: 9.0, typos: 0, inexact: 0 }], 2).is_err());
    }

    #[test]
    fn damaged_answers_are_errors_not_panics() {
        let s = stored();
        let good = encode(&s, 10);
        // Another corpus size, a hit that is not a match, a NaN score,
        // every truncation.
        assert!(decode("a", &sealed(&s, 10), 11).is_err());
        let mut bad = s.clone();
        bad.top[0].doc = 5;
        assert!(decode("a", &sealed(&bad, 10), 10).is_err());
        let mut nan = s.clone();
        nan.top[1].score = f32::NAN;
        assert!(decode("a", &sealed(&nan, 10), 10).is_err());
        for cut in 0..good.len() {
            let file = super::super::seal_whole(MAGIC, &good[..cut]);
            assert!(decode("a", &file, 10).is_err(), "cut at {cut}");
        }
        // Matches past the corpus.
        let past = Stored { docs: vec![10], ..Stored::default() };
        assert!(decode("a", &sealed(&past, 10), 10).is_err());
        // A hit twice, hits out of order, bytes after the end.
        let mut twice = s.clone();
        twice.top[1].doc = twice.top[0].doc;
        assert!(decode("a", &sealed(&twice, 10), 10).is_err());
        let mut swapped = s.clone();
        swapped.top.swap(0, 1);
        assert!(decode("a", &sealed(&swapped, 10), 10).is_err());
        let mut longer = good.clone();
        longer.push(0);
        assert!(decode("a", &super::super::seal_whole(MAGIC, &longer), 10).is_err());
    }
}
