//! Coverage over time: several queries side by side, as counts or as a
//! share of the outlets' output, and results grouped by outlet.
//!
//! **Compared queries.** Each query is searched on its own with the same
//! filters and on the same axis; its timeline histogram
//! ([`crate::search::Results::histogram`]: matches within the outlet and
//! language filters) is reduced to one [`Series`]: the matches per bucket
//! summed over the outlet slots, and the undated ones. A series is thus
//! exactly the timeline of that query alone, whatever else is compared.
//!
//! **Share of output.** The *output* of the filtered outlets is the
//! histogram of the empty query under the same filters (every article of
//! those outlets and languages, on the same axis). A query's share of a
//! bucket is
//!
//! ```text
//! share(b) = 100 · Σ_slots matches[b][slot] / Σ_slots output[b][slot]   (%)
//! ```
//!
//! undefined (`None`) where the outlets published nothing. With one
//! outlet selected this is that outlet's share; per outlet over the whole
//! axis see [`outlet_shares`]. Both histograms must come from the same
//! axis and filters; a bucket or slot missing from either counts as 0.
//!
//! **Grouped results.** [`group_by_outlet`] reorders hits into one run per
//! outlet (stable: each run keeps the order it was given), the runs in an
//! order chosen by the caller.

use crate::search::Hit;
use crate::timeline::Histogram;

/// One query's matches per bucket (summed over outlets).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Series {
    /// Matches per bucket of the axis.
    pub buckets: Vec<u32>,
    /// Undated matches (within the outlet and language filters).
    pub undated: u32,
}

impl Series {
    /// Dated matches on the axis.
    pub fn dated(&self) -> u32 {
        self.buckets.iter().sum()
    }

    /// Dated and undated matches.
    pub fn total(&self) -> u32 {
        self.dated() + self.undated
    }
}

/// The series of one query from its timeline histogram.
pub fn series(h: &Histogram) -> Series {
    Series { buckets: h.counts.iter().map(|row| row.iter().sum()).collect(), undated: h.undated_total() }
}

/// One series per compared query, in order (see the module docs).
pub fn compare(histograms: &[&Histogram]) -> Vec<Series> {
    histograms.iter().map(|h| series(h)).collect()
}

/// Percentage of `part` in `whole`, `None` when `whole` is 0.
pub fn percent(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| 100.0 * f64::from(part) / f64::from(whole))
}

/// Per bucket, the share (%) of the output that matches (module docs);
/// as many buckets as `matches` has.
pub fn shares(matches: &Histogram, output: &Histogram) -> Vec<Option<f64>> {
    let out = series(output);
    series(matches)
        .buckets
        .iter()
        .enumerate()
        .map(|(b, &m)| percent(m, out.buckets.get(b).copied().unwrap_or(0)))
        .collect()
}

/// Share (%) of the undated output that matches.
pub fn undated_share(matches: &Histogram, output: &Histogram) -> Option<f64> {
    percent(matches.undated_total(), output.undated_total())
}

/// Share (%) of the dated output on the whole axis that matches.
pub fn dated_share(matches: &Histogram, output: &Histogram) -> Option<f64> {
    percent(series(matches).dated(), series(output).dated())
}

/// Per outlet slot, the share (%) of its dated output on the axis that
/// matches (`None` for a slot with no dated article there).
pub fn outlet_shares(matches: &Histogram, output: &Histogram) -> Vec<Option<f64>> {
    let slots = output.undated.len().max(matches.undated.len());
    let sum =
        |h: &Histogram, slot: usize| -> u32 { h.counts.iter().map(|row| row.get(slot).copied().unwrap_or(0)).sum() };
    (0..slots).map(|slot| percent(sum(matches, slot), sum(output, slot))).collect()
}

/// A run of hits of one outlet in [`group_by_outlet`]'s order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group {
    /// Outlet slot.
    pub slot: usize,
    /// Index of its first hit.
    pub start: usize,
    /// Number of hits.
    pub len: usize,
}

/// Reorders `hits` into one run per outlet slot (`slot_of` a document),
/// the runs ordered by `rank[slot]` (lower first; slots past `rank` last,
/// by slot), each run in the order of `hits`. Returns the hits and the
/// runs.
pub fn group_by_outlet(hits: &[Hit], slot_of: impl Fn(u32) -> usize, rank: &[usize]) -> (Vec<Hit>, Vec<Group>) {
    let key = |slot: usize| (rank.get(slot).copied().unwrap_or(usize::MAX), slot);
    let mut keyed: Vec<((usize, usize), Hit)> = hits.iter().map(|h| (key(slot_of(h.doc)), *h)).collect();
    // A stable sort keeps each run in the given order.
    keyed.sort_by_key(|(k, _)| *k);
    let mut groups: Vec<Group> = Vec::new();
    for (i, ((_, slot), _)) in keyed.iter().enumerate() {
        match groups.last_mut() {
            Some(g) if g.slot == *slot => g.len += 1,
            _ => groups.push(Group { slot: *slot, start: i, len: 1 }),
        }
    }
    (keyed.into_iter().map(|(_, h)| h).collect(), groups)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hist(counts: Vec<Vec<u32>>, undated: Vec<u32>) -> Histogram {
        Histogram { counts, undated }
    }

    #[test]
    fn shares_table() {
        let m = hist(vec![vec![1, 0], vec![0, 0], vec![2, 1]], vec![1, 0]);
        let o = hist(vec![vec![2, 2], vec![0, 0], vec![3, 1]], vec![2, 2]);
        assert_eq!(shares(&m, &o), vec![Some(25.0), None, Some(75.0)]);
        assert_eq!(undated_share(&m, &o), Some(25.0));
        assert_eq!(dated_share(&m, &o), Some(50.0));
        assert_eq!(outlet_shares(&m, &o), vec![Some(60.0), Some(100.0 / 3.0)]);
        assert_eq!(series(&m), Series { buckets: vec![1, 0, 3], undated: 1 });
        assert_eq!(series(&m).total(), 5);
        // Missing buckets or slots count as zero.
        assert_eq!(shares(&m, &hist(vec![vec![4]], vec![0])), vec![Some(25.0), None, None]);
    }

    #[test]
    fn grouping_keeps_order_within_a_run() {
        let hit = |doc| Hit { doc, score: 0.0, typos: 0, inexact: 0 };
        let hits: Vec<Hit> = [5, 1, 4, 2, 3, 0].into_iter().map(hit).collect();
        // Slot = doc % 3; slot 2 first, then 0; slot 1 has no rank (last).
        let (out, groups) = group_by_outlet(&hits, |d| d as usize % 3, &[1, 9, 0]);
        let docs: Vec<u32> = out.iter().map(|h| h.doc).collect();
        assert_eq!(docs, vec![5, 2, 3, 0, 1, 4]);
        assert_eq!(
            groups,
            vec![
                Group { slot: 2, start: 0, len: 2 },
                Group { slot: 0, start: 2, len: 2 },
                Group { slot: 1, start: 4, len: 2 }
            ]
        );
        assert_eq!(group_by_outlet(&[], |_| 0, &[]), (vec![], vec![]));
    }
}
