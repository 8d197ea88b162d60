//! Counting a search's matches on the timeline: each match's day finds
//! its bucket on the axis in a table (a binary search when the axis spans
//! more than 2^16 days), and the counts are kept per bucket and outlet
//! slot, the undated apart.

use crate::timeline::{Axis, Histogram};

/// The timeline counts of a search, per bucket and outlet slot, and the
/// undated matches per slot.
pub(super) struct Tally {
    buckets: Buckets,
    slots: usize,
    /// Bucket-major counts in one array (split into rows at the end).
    counts: Vec<u32>,
    undated: Vec<u32>,
}

impl Tally {
    pub(super) fn new(axis: Option<&Axis>, slots: usize) -> Tally {
        let buckets = Buckets::new(axis);
        Tally { counts: vec![0; buckets.len() * slots], undated: vec![0; slots], buckets, slots }
    }

    /// Counts a match of `day` in `slot`: in its bucket (none when off the
    /// axis), or as undated (also a dated match when there is no axis).
    #[inline]
    pub(super) fn add(&mut self, day: Option<i32>, slot: usize) {
        match day {
            Some(day) if self.buckets.len() > 0 => {
                if let Some(b) = self.buckets.of(day) {
                    self.counts[b * self.slots + slot] += 1;
                }
            }
            _ => self.undated[slot] += 1,
        }
    }

    pub(super) fn histogram(self) -> Histogram {
        let counts = self.counts.chunks(self.slots.max(1)).map(<[u32]>::to_vec).collect();
        Histogram { counts, undated: self.undated }
    }
}

/// The bucket of a day on an axis, as [`crate::timeline::histogram`]
/// counts it (half-open buckets; days off the axis have none).
struct Buckets {
    /// First day of each bucket.
    starts: Vec<i64>,
    /// First day of the first bucket (`end` when there is none).
    first: i64,
    /// End of the last bucket (exclusive).
    end: i64,
    /// Bucket of each day from `starts[0]` to `end`, when that span is at
    /// most 2^16 days.
    table: Option<Vec<u16>>,
}

impl Buckets {
    fn new(axis: Option<&Axis>) -> Buckets {
        let Some(axis) = axis else { return Buckets { starts: vec![], first: 0, end: 0, table: None } };
        let starts: Vec<i64> = axis.starts.iter().map(|s| s.days_since_epoch()).collect();
        let end = axis.end.days_since_epoch();
        let first = starts.first().copied().unwrap_or(end);
        let table = (end - first <= 1 << 16 && starts.len() <= 1 << 16).then(|| {
            let mut table = Vec::with_capacity((end - first).max(0) as usize);
            for (b, w) in starts.iter().chain([&end]).collect::<Vec<_>>().windows(2).enumerate() {
                table.extend(std::iter::repeat_n(b as u16, (w[1] - w[0]).max(0) as usize));
            }
            table
        });
        Buckets { starts, first, end, table }
    }

    fn len(&self) -> usize {
        self.starts.len()
    }

    #[inline]
    fn of(&self, day: i32) -> Option<usize> {
        let (day, first) = (i64::from(day), self.first);
        if day < first || day >= self.end {
            return None;
        }
        match &self.table {
            Some(table) => table.get((day - first) as usize).map(|&b| b as usize),
            None => Some(self.starts.partition_point(|&s| s <= day) - 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Buckets;
    use crate::model::Date;
    use crate::timeline::{histogram, Axis};

    /// The bucket table and the binary search (axes spanning more than
    /// 2^16 days) place every day as the timeline's histogram does.
    #[test]
    fn buckets_agree_with_the_timeline_histogram() {
        let d = |y, m, day| Date::new(y, m, day).expect("date");
        for (from, to) in [
            (d(2021, 1, 1), d(2021, 1, 20)),
            (d(2021, 1, 1), d(2021, 6, 1)),
            (d(2012, 3, 5), d(2020, 12, 31)),
            (d(1700, 1, 1), d(2024, 8, 28)),
        ] {
            let axis = Axis::spanning(from, to);
            let buckets = Buckets::new(axis.as_ref());
            assert_eq!(buckets.table.is_some(), to.days_since_epoch() - from.days_since_epoch() < 1 << 16);
            let (lo, hi) = (from.days_since_epoch() - 40, to.days_since_epoch() + 400);
            for day in (lo..hi).step_by(if hi - lo > 100_000 { 97 } else { 1 }) {
                let h = histogram(axis.as_ref(), 1, [(Some(day as i32), 0)]);
                let want = (0..h.counts.len()).find(|&b| h.counts[b][0] == 1);
                assert_eq!(buckets.of(day as i32), want, "day {day} on {from:?}..{to:?}");
            }
        }
    }
}
