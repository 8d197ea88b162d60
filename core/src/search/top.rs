//! Choosing the best `k` hits of a search: exactly the first `k` of the
//! full order ([`Searcher::key`]).

use super::{Hit, Searcher, Sort};
use std::collections::BinaryHeap;

/// The first `k` of `hits` (in corpus order) in the result order. A few of
/// many (the visible page) are kept in a bounded heap: in relevance order
/// the typo and inexact counts and the score (the key's top bits) decide
/// most comparisons, so a hit whose top bits are worse than those of the
/// worst key kept is dropped without building its full key (which reads
/// the day). Otherwise every key is built and the best selected.
pub(super) fn best(searcher: &Searcher, hits: &[Hit], k: usize, sort: Sort) -> Vec<Hit> {
    let take = k.min(hits.len());
    if take == 0 {
        return Vec::new();
    }
    // Each hit's whole order packed into one integer, its index in `hits`
    // in the low bits: comparisons are of plain integers and never go back
    // to the documents. `hits` is in corpus order, so the index breaks
    // ties in corpus order.
    let key = |i: usize, h: &Hit| searcher.key(h, sort) << 32 | i as u128;
    let mut keys: Vec<u128> = if take * 16 < hits.len() {
        let mut heap = BinaryHeap::with_capacity(take + 1);
        let top_bits = |h: &Hit| Searcher::counts_key(h.typos, h.inexact) << 32 | Searcher::worse(h);
        let mut bound = u64::MAX;
        for (i, h) in hits.iter().enumerate() {
            if sort == Sort::Relevance && top_bits(h) > bound {
                continue;
            }
            let k = key(i, h);
            if heap.len() < take {
                heap.push(k);
            } else if heap.peek().is_some_and(|&worst| k < worst) {
                heap.pop();
                heap.push(k);
            } else {
                continue;
            }
            if heap.len() == take {
                bound = heap.peek().map_or(u64::MAX, |&w| (w >> (33 + 32)) as u64);
            }
        }
        heap.into_vec()
    } else {
        let mut keys: Vec<u128> = hits.iter().enumerate().map(|(i, h)| key(i, h)).collect();
        if take < keys.len() {
            keys.select_nth_unstable(take - 1);
            keys.truncate(take);
        }
        keys
    };
    keys.sort_unstable();
    keys.iter().map(|k| hits[(k & u128::from(u32::MAX)) as usize]).collect()
}
