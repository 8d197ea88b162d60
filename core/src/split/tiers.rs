//! Impact tiers: a long list's documents without most of its term
//! frequencies.
//!
//! ## Why
//! A cold query for a frequent word fetches that word's whole documents
//! part, and most of those bytes are body term frequencies: at 3,562
//! articles `the` takes 14 bytes of documents and 3,217 bytes of
//! frequencies (Brotli), and at a million articles such lists are what
//! puts the 95th percentile of a cold query near a megabyte. Yet the
//! counts, the timeline and the events lane need only which documents
//! match, and the first rows of a ranking need exact frequencies only for
//! the documents that can rank there. Search engines store lists in impact
//! order with score bounds for the same reason (block-max WAND in tantivy
//! and Lucene); Dateline cannot leave documents out, since its counts are
//! exact over all matches, so it leaves out frequencies instead.
//!
//! ## The two tiers
//! [`split`] cuts a documents part (the index's encoding: `df`, then per
//! document its delta, body tf and title tf) into:
//! * the **head part**, fetched with the word: every document with its
//!   title frequency (title occurrences are rare and decide whether a
//!   `title:` query matches), and the body frequency of the `head`
//!   documents that weigh most in a ranking (the weighted frequency
//!   [`crate::search`] scores: body tf × text norm + 3 × title tf × title
//!   norm), with the largest such weight and body frequency of the other
//!   documents;
//! * the **tail part**: the body frequencies of the other documents, in
//!   document order, fetched only when a ranking needs them.
//!
//! ```text
//! head  df | f32 max tail ranking weight (LE) | max tail body tf | df × delta | df × (title tf × 2 + in head) | h × body tf (the head's, in document order)
//! tail  m | m × body tf
//! ```
//!
//! (Each kind of number in a run of its own: Brotli models each run
//! apart, which the interleaved postings of the index would not allow.)
//!
//! [`join`] gives back the exact documents part, byte for byte. Without
//! the tail, [`bounded`] gives a documents part in the index's encoding
//! in which each tail document's body frequency is the largest one its
//! bounds allow: its true one or more. Scores grow with every frequency,
//! so a search over a bounded list matches exactly the same documents
//! (counts, timeline and IDF are exact) and gives each tail document a
//! score at least its true one.
//!
//! ## When the first rows are proven
//! Rank the hits of the bounded search; if none of the first `k` is a
//! bounded document of a term the query used, those `k` are the true
//! first `k`, in the true order ([`proven`]): each is scored exactly, and
//! every hit after them has a true score at most its bound, which already
//! ranked it after them (a lower score never moves a hit up, ties being
//! broken by the same key). Otherwise the store must fetch the tails of
//! those terms and rank again. Positions are read per document by its
//! frequencies, so a phrase over a term needs its tail too.
//!
//! ## Where they are
//! The split writer tiers the common words' lists when asked
//! ([`super::WriteOptions::tier_min_docs`], 0 by default: see "Frequent
//! words in tiers" in the parent module for why); the store reads a head
//! as a bounded list until the tail arrives
//! ([`super::SplitStore::unproven`]).

use crate::index::{next_doc, put_posting, put_varint, read_postings, IndexError, Posting, Reader};
use crate::search::Hit;

/// A documents part that cannot be tiered or read back.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TierError {
    /// Cut short, out of order, or inconsistent.
    #[error("tiered list corrupt: {0}")]
    Corrupt(&'static str),
}

/// The index's reader, cut short or at a bad number.
impl From<IndexError> for TierError {
    fn from(_: IndexError) -> TierError {
        TierError::Corrupt("cut short or a bad number")
    }
}

/// A documents part cut into its two tiers (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tiers {
    /// Every document with its title frequency, and the head's body
    /// frequencies.
    pub head: Vec<u8>,
    /// The other documents' body frequencies.
    pub tail: Vec<u8>,
}

/// The body weight of a posting, as the search adds it per body
/// occurrence (`body tf × text norm`, in `f32` as there).
fn weight(body: u32, norm: f32) -> f32 {
    body as f32 * norm
}

/// The weighted frequency of a posting as a single term's ranking reads
/// it ([`crate::search`]'s BM25F: body and title, each length-normalised),
/// by which [`split`] picks the head.
fn ranking_weight(norms: &[[f32; 2]], (doc, body, title): Posting) -> f32 {
    let [text, title_norm] = norms.get(doc as usize).copied().unwrap_or([0.0; 2]);
    weight(body, text) + crate::search::TITLE_WEIGHT * title as f32 * title_norm
}

/// Cuts `docs_part` into its tiers, keeping the body frequencies of the
/// `head` documents of largest ranking weight in the head part. `None`
/// when the list has at most `head` documents (nothing to leave out).
/// `norms` are the index's text and title norms
/// ([`crate::index::Index::norms`]).
pub fn split(docs_part: &[u8], norms: &[[f32; 2]], head: usize) -> Result<Option<Tiers>, TierError> {
    let postings = read_postings(docs_part, norms.len())?;
    if postings.len() <= head {
        return Ok(None);
    }
    // The head: largest ranking weight first, then lower documents.
    let mut order: Vec<usize> = (0..postings.len()).collect();
    order.sort_by(|&a, &b| {
        ranking_weight(norms, postings[b])
            .total_cmp(&ranking_weight(norms, postings[a]))
            .then(postings[a].0.cmp(&postings[b].0))
    });
    let mut in_head = vec![false; postings.len()];
    for &i in &order[..head] {
        in_head[i] = true;
    }
    let (mut max_weight, mut max_body) = (0.0f32, 0u32);
    for (i, &p) in postings.iter().enumerate() {
        if !in_head[i] {
            max_weight = max_weight.max(ranking_weight(norms, p));
            max_body = max_body.max(p.1);
        }
    }
    let mut h = Vec::with_capacity(docs_part.len() / 2 + 16);
    put_varint(&mut h, postings.len() as u32);
    h.extend_from_slice(&max_weight.to_le_bytes());
    put_varint(&mut h, max_body);
    // (Counted, not `df - head`: the head is whatever `in_head` marks.)
    let tail_docs = in_head.iter().filter(|&&h| !h).count();
    let mut tail = Vec::with_capacity(tail_docs + 5);
    put_varint(&mut tail, tail_docs as u32);
    let mut prev: Option<u32> = None;
    for &(d, _, _) in &postings {
        put_varint(&mut h, prev.map_or(d, |p| d - p));
        prev = Some(d);
    }
    for (i, &(_, _, title)) in postings.iter().enumerate() {
        put_varint(&mut h, title.checked_mul(2).ok_or(TierError::Corrupt("title frequency"))? | u32::from(in_head[i]));
    }
    for (i, &(_, body, _)) in postings.iter().enumerate() {
        put_varint(if in_head[i] { &mut h } else { &mut tail }, body);
    }
    Ok(Some(Tiers { head: h, tail }))
}

/// A head part read: its bounds and its postings, `None` for the body
/// frequency of a tail document.
struct Head {
    max_weight: f32,
    max_body: u32,
    postings: Vec<(u32, Option<u32>, u32)>,
}

fn read_head(head: &[u8], n_docs: usize) -> Result<Head, TierError> {
    let mut r = Reader { bytes: head, at: 0 };
    let df = r.varint()? as usize;
    let max_weight = f32::from_bits(r.u32()?);
    if !max_weight.is_finite() || max_weight < 0.0 {
        return Err(TierError::Corrupt("tail bound"));
    }
    let max_body = r.varint()?;
    // At least a byte per document and number: a count past the bytes is damage.
    if df > head.len() {
        return Err(TierError::Corrupt("cut short"));
    }
    let mut postings = Vec::with_capacity(df);
    let mut prev: Option<u32> = None;
    for _ in 0..df {
        let doc = next_doc(prev, r.varint()?, n_docs).ok_or(TierError::Corrupt("documents out of order or range"))?;
        prev = Some(doc);
        postings.push((doc, None, 0));
    }
    let mut in_head = Vec::with_capacity(df);
    for p in &mut postings {
        let flags = r.varint()?;
        p.2 = flags >> 1;
        in_head.push(flags & 1 == 1);
    }
    for (p, head) in postings.iter_mut().zip(in_head) {
        if head {
            p.1 = Some(r.varint()?);
        }
    }
    if r.at != head.len() {
        return Err(TierError::Corrupt("bytes after the head"));
    }
    Ok(Head { max_weight, max_body, postings })
}

/// The exact documents part from its two tiers: the bytes [`split`] cut.
pub fn join(head: &[u8], tail: &[u8], n_docs: usize) -> Result<Vec<u8>, TierError> {
    let h = read_head(head, n_docs)?;
    let mut t = Reader { bytes: tail, at: 0 };
    let m = t.varint()? as usize;
    if m != h.postings.iter().filter(|p| p.1.is_none()).count() {
        return Err(TierError::Corrupt("tail length"));
    }
    let mut out = Vec::with_capacity(head.len() + tail.len());
    put_varint(&mut out, h.postings.len() as u32);
    let mut prev: Option<u32> = None;
    for (doc, body, title) in h.postings {
        let body = match body {
            Some(b) => b,
            None => t.varint()?,
        };
        put_posting(&mut out, &mut prev, (doc, body, title));
    }
    if t.at != tail.len() {
        return Err(TierError::Corrupt("bytes after the tail"));
    }
    Ok(out)
}

/// The largest body frequency a tail document can have, given its norms
/// and title frequency: at most the tail's largest, and with a ranking
/// weight at most the tail's largest, computed as the writer computed
/// weights (so at least the document's true frequency). A tail document
/// then never outweighs a head document on this list.
fn body_bound(max_weight: f32, max_body: u32, norms: [f32; 2], title: u32) -> u32 {
    let norm = norms[0];
    if !(norm > 0.0 && norm.is_finite()) {
        return max_body;
    }
    let fits = |t: u32| ranking_weight(&[norms], (0, t, title)) <= max_weight;
    let mut t = ((max_weight / norm).floor().max(0.0) as u32).min(max_body);
    // `weight` grows with `t`, so the largest `t` that fits is found by
    // stepping from the estimate (off by at most one after rounding).
    while t < max_body && fits(t + 1) {
        t += 1;
    }
    while t > 0 && !fits(t) {
        t -= 1;
    }
    t
}

/// A documents part in the index's encoding from the head part alone:
/// each tail document's body frequency replaced by its bound (see the
/// module docs). Also the bounded documents, ascending. `norms` as for
/// [`split`].
pub fn bounded(head: &[u8], norms: &[[f32; 2]]) -> Result<(Vec<u8>, Vec<u32>), TierError> {
    let h = read_head(head, norms.len())?;
    let mut out = Vec::with_capacity(h.postings.len() * 3 + 5);
    let mut tail_docs = Vec::new();
    put_varint(&mut out, h.postings.len() as u32);
    let mut prev: Option<u32> = None;
    for (doc, body, title) in h.postings {
        let body = body.unwrap_or_else(|| {
            tail_docs.push(doc);
            body_bound(h.max_weight, h.max_body, norms[doc as usize], title)
        });
        put_posting(&mut out, &mut prev, (doc, body, title));
    }
    Ok((out, tail_docs))
}

/// Whether the first `k` of `hits` (ranked over bounded lists) are the
/// true first `k`: none of them is a bounded document of a list the
/// query read (each of `bounded` ascending, as [`bounded`] gives them).
pub fn proven(hits: &[Hit], k: usize, bounded: &[&[u32]]) -> bool {
    proven_prefix(&hits[..k.min(hits.len())], bounded) >= k.min(hits.len())
}

/// How many of the first `hits` are proven: those before the first
/// bounded document of a list in `bounded` (see [`proven`]).
pub fn proven_prefix(hits: &[Hit], bounded: &[&[u32]]) -> usize {
    hits.iter().position(|h| bounded.iter().any(|docs| docs.binary_search(&h.doc).is_ok())).unwrap_or(hits.len())
}

/// Orders postings as [`split`] picks the head (for the tests).
#[cfg(test)]
fn by_weight(norms: &[[f32; 2]]) -> impl Fn(&Posting, &Posting) -> std::cmp::Ordering + '_ {
    move |a, b| ranking_weight(norms, *b).total_cmp(&ranking_weight(norms, *a)).then(a.0.cmp(&b.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn encode(postings: &[Posting]) -> Vec<u8> {
        let mut out = Vec::new();
        put_varint(&mut out, postings.len() as u32);
        let mut prev = None;
        for &p in postings {
            put_posting(&mut out, &mut prev, p);
        }
        out
    }

    /// Postings over `n` documents (ascending, each document once) and
    /// text norms as `field_norms` gives them (positive, around 1).
    fn list_strategy() -> impl Strategy<Value = (Vec<Posting>, Vec<[f32; 2]>)> {
        (1usize..60).prop_flat_map(|n| {
            (
                proptest::collection::vec((any::<bool>(), 0u32..40, 0u32..3), n),
                proptest::collection::vec((0.3f32..3.0, 0.3f32..3.0).prop_map(|(a, b)| [a, b]), n),
            )
                .prop_map(|(slots, norms)| {
                    let postings = slots
                        .iter()
                        .enumerate()
                        .filter(|(_, s)| s.0)
                        // A posting has an occurrence somewhere.
                        .map(|(d, &(_, body, title))| (d as u32, if title == 0 { body.max(1) } else { body }, title))
                        .collect();
                    (postings, norms)
                })
        })
    }

    proptest! {
        #[test]
        fn tiers_join_back_to_the_list_and_bound_every_tail_frequency(
            (postings, norms) in list_strategy(),
            head in 0usize..20,
        ) {
            let part = encode(&postings);
            let Some(tiers) = split(&part, &norms, head).unwrap() else {
                prop_assert!(postings.len() <= head);
                return Ok(());
            };
            prop_assert_eq!(join(&tiers.head, &tiers.tail, norms.len()).unwrap(), part.clone());
            let (fake, tail_docs) = bounded(&tiers.head, &norms).unwrap();
            let fake = read_postings(&fake, norms.len()).unwrap();
            prop_assert_eq!(fake.len(), postings.len());
            // The head is the `head` postings of largest body weight.
            let mut order = postings.clone();
            order.sort_by(by_weight(&norms));
            let mut head_docs: Vec<u32> = order[..head].iter().map(|p| p.0).collect();
            head_docs.sort_unstable();
            let mut expected_tail: Vec<u32> = postings.iter().map(|p| p.0).filter(|d| head_docs.binary_search(d).is_err()).collect();
            expected_tail.sort_unstable();
            prop_assert_eq!(&tail_docs, &expected_tail);
            for (t, f) in postings.iter().zip(&fake) {
                prop_assert_eq!((t.0, t.2), (f.0, f.2));
                if tail_docs.binary_search(&t.0).is_ok() {
                    prop_assert!(f.1 >= t.1, "bound {} below {} for doc {}", f.1, t.1, t.0);
                } else {
                    prop_assert_eq!(t.1, f.1);
                }
            }
        }
    }

    #[test]
    fn the_bound_is_the_largest_frequency_within_the_tails_weight() {
        // The tail's largest ranking weight is 1.5: a document of text
        // norm 0.25 may have 6 body occurrences (6 × 0.25 = 1.5), one of
        // norm 2.0 none (1 × 2.0 = 2.0 is over 1.5: its occurrences are all
        // in the title).
        assert_eq!(body_bound(1.5, 10, [0.25, 1.0], 0), 6);
        assert_eq!(body_bound(1.5, 10, [2.0, 1.0], 0), 0);
        // A title occurrence weighs 3 × its norm (0.1 here): 1.2 is left.
        assert_eq!(body_bound(1.5, 10, [0.25, 0.1], 1), 4);
        // The tail's largest frequency caps it.
        assert_eq!(body_bound(1.5, 4, [0.25, 1.0], 0), 4);
        // A weight computed by the writer is always within its own bound.
        for &(b, t, n, tn) in &[
            (7u32, 0u32, 0.1f32, 1.0f32),
            (9, 1, 2.1, 0.3),
            (13, 2, 0.7, 1.7),
            (1, 0, 1.0, 1.0),
            (40, 3, 1.3333, 0.77),
        ] {
            let w = ranking_weight(&[[n, tn]], (0, b, t));
            assert!(body_bound(w, 100, [n, tn], t) >= b);
        }
    }

    #[test]
    fn damaged_tiers_are_errors_not_panics() {
        let postings = [(0, 3, 0), (2, 1, 1), (5, 9, 0), (6, 2, 0)];
        let norms = [[1.0f32, 1.0]; 8];
        let tiers = split(&encode(&postings), &norms, 1).unwrap().unwrap();
        for cut in 0..tiers.head.len() {
            assert!(bounded(&tiers.head[..cut], &norms).is_err());
            assert!(join(&tiers.head[..cut], &tiers.tail, 8).is_err());
        }
        for cut in 0..tiers.tail.len() {
            assert!(join(&tiers.head, &tiers.tail[..cut], 8).is_err());
        }
        // A document past the corpus.
        assert!(bounded(&tiers.head, &norms[..5]).is_err());
        assert!(split(&encode(&postings), &norms[..6], 1).is_err());
    }

    #[test]
    fn hits_of_bounded_documents_are_not_proven() {
        let hit = |doc| Hit { doc, score: 1.0, typos: 0, inexact: 0 };
        let hits = [hit(4), hit(9), hit(1)];
        assert!(proven(&hits, 2, &[&[1, 7]]));
        assert!(!proven(&hits, 3, &[&[1, 7]]));
        assert!(!proven(&hits, 1, &[&[2], &[4]]));
        assert!(proven(&hits, 3, &[]));
        assert!(proven(&hits, 9, &[&[0]]));
        assert_eq!(proven_prefix(&hits, &[&[1, 7]]), 2);
        assert_eq!(proven_prefix(&hits, &[&[2], &[4]]), 0);
        assert_eq!(proven_prefix(&hits, &[]), 3);
    }
}
