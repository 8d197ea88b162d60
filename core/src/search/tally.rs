//! Counting a search's matches: outlets, languages and the timeline
//! (see "Facets" in the parent module's docs), one match at a time, from
//! the packed document columns only. On the timeline each match's day
//! finds its bucket on the axis in a table (a binary search when the axis
//! spans more than 2^16 days), and the counts are kept per bucket and
//! outlet slot, the undated apart.
//!
//! Every count is kept in [`LANES`] copies, a match adding to the copy of
//! its document number's lowest bits, and the copies are summed at the
//! end. With one copy, neighbouring matches mostly add to the same
//! counter (one language, one outlet, one month), and each addition
//! waits for the previous one to be stored: a chain through memory that
//! `perf` showed as a third of a frequent word's counting time.
//!
//! ## Counting what is left out
//! A query without filters that matches more than seven eighths of the
//! corpus (the empty query, which matches everything; `that`, 991,058 of
//! 991,701 articles) is counted the other way round: the counts of every
//! article ([`Totals`], counted once per axis and grouping and kept with
//! the index in a [`TotalsCache`]) minus those of the articles it leaves
//! out, found in the gaps between its matches ([`Counts::skip_to`]). The
//! counts are the same (the property test `facets_equal_the_reference_counts`
//! checks both ways against plain counts). On the million-article build
//! (`split_memory --again`, the same query 20-30 times) the empty query's
//! search went from 13.2-14.1 to 8.4-9.5 ms natively, `that`'s from
//! 16.3-18.3 to 13.5-15.2 ms. Below seven eighths it does not pay: a
//! match set with many gaps mispredicts the test for a gap on most
//! matches (`committee`, 55%, went from 13 to 15.5 ms when the bar was
//! half; `investigative`, 72%, from 19.2 to 20.3 ms).

use super::Filters;
use crate::index::{DocColumn, Index, PackedColumn};
use crate::timeline::{Axis, Histogram};
use std::sync::{Arc, Mutex};

/// Copies of every count (a power of two), see the module docs.
pub(super) const LANES: usize = 4;

/// Sums the [`LANES`] copies of `counts`, laid out one copy after the other.
fn summed(counts: &[u32]) -> Vec<u32> {
    let n = counts.len() / LANES;
    (0..n).map(|i| (0..LANES).map(|lane| counts[lane * n + i]).sum()).collect()
}

/// The facet counts of a search, filled one match at a time
/// ([`Counts::add`]), with the filters that decide which matches are hits.
pub(super) struct Counts<'a> {
    columns: &'a [DocColumn],
    /// The columns packed, when the index has them (read instead).
    packed: Option<&'a [PackedColumn]>,
    by_source: bool,
    /// Whether any filter is set (without one, every match counts
    /// everywhere and is a hit: no test per match).
    filtered: bool,
    /// Whether a date filter is set (undated matches are then left out).
    ranged: bool,
    from: Option<i32>,
    to: Option<i32>,
    /// Per outlet slot and per language slot: kept by the filter.
    outlet_ok: Vec<bool>,
    language_ok: Vec<bool>,
    outlets: Vec<u32>,
    languages: Vec<u32>,
    timeline: Tally,
    /// Set when the counts are of the articles left out
    /// ([`Counts::begin_left_out`]): the counts of every article, from
    /// which they are taken at the end.
    left_out_of: Option<Arc<Totals>>,
    /// The first article after the last match passed to
    /// [`Counts::skip_to`].
    next: u32,
}

impl Counts<'_> {
    /// Empty counts for a search of `index` with `filters`, its timeline
    /// on `axis`; `slots` outlet slots (the last for unknown).
    pub(super) fn new<'a>(index: &'a Index, axis: Option<&Axis>, slots: usize, f: &Filters) -> Counts<'a> {
        let n_languages = index.languages.len() + 1;
        let ok = |n: usize, keep: &[usize]| {
            let mut ok = vec![keep.is_empty(); n];
            for &i in keep {
                if let Some(ok) = ok.get_mut(i) {
                    *ok = true;
                }
            }
            ok
        };
        let ranged = f.from.is_some() || f.to.is_some();
        Counts {
            columns: index.columns(),
            packed: index.packed_columns(),
            by_source: f.by_source,
            filtered: f.narrows(),
            ranged,
            from: f.from,
            to: f.to,
            outlet_ok: ok(slots.max(1), &f.outlets),
            language_ok: ok(n_languages, &f.languages),
            outlets: vec![0; LANES * slots.max(1)],
            languages: vec![0; LANES * n_languages],
            timeline: Tally::new(axis, slots.max(1)),
            left_out_of: None,
            next: 0,
        }
    }

    /// Prepares to count `matched` matches by counting the articles they
    /// leave out, when no filter is set and they are more than seven
    /// eighths of the corpus: `true`, and the caller then passes every
    /// match, in ascending order, to [`Counts::skip_to`] ([`Counts::finish`]
    /// counts the articles after the last). `false` (nothing changed)
    /// otherwise, and
    /// the caller counts the matches one by one with [`Counts::add`]. The
    /// corpus's counts come from `index`'s cache (counted on first use).
    pub(super) fn begin_left_out(&mut self, index: &Index, axis: Option<&Axis>, matched: usize) -> bool {
        let n = self.n_docs();
        if self.filtered || self.left_out_of.is_some() || matched * 8 < n as usize * 7 {
            return false;
        }
        let slots = self.outlet_ok.len();
        let totals = index.totals_cache().get(axis, slots, self.by_source, || {
            let mut all = Counts::new(index, axis, slots, &Filters { by_source: self.by_source, ..Filters::default() });
            for doc in 0..n {
                all.add(doc);
            }
            let (outlets, languages, histogram) = all.finish();
            Totals { outlets, languages, histogram }
        });
        self.left_out_of = Some(totals);
        self.next = 0;
        true
    }

    /// The next match (after [`Counts::begin_left_out`]): counts the
    /// articles between the previous one and `doc`, and says whether
    /// `doc` is a hit (an article of the corpus).
    #[inline(always)]
    pub(super) fn skip_to(&mut self, doc: u32) -> bool {
        if doc != self.next {
            for gap in self.next..doc.min(self.n_docs()) {
                self.add(gap);
            }
        }
        self.next = self.next.max(doc.saturating_add(1));
        doc < self.n_docs()
    }

    /// The number of articles the columns describe.
    #[inline(always)]
    fn n_docs(&self) -> u32 {
        self.packed.map_or(self.columns.len(), <[PackedColumn]>::len) as u32
    }

    /// Counts a match, in each count whose other filters keep it, and says
    /// whether it is a hit (every filter keeps it).
    #[inline(always)]
    pub(super) fn add(&mut self, doc: u32) -> bool {
        let (slot, language, day) = match self.packed {
            Some(packed) => {
                let Some(&c) = packed.get(doc as usize) else { return false };
                (if self.by_source { c.source_slot() } else { c.slot() }, c.language(), c.day())
            }
            None => {
                let Some(c) = self.columns.get(doc as usize) else { return false };
                (if self.by_source { c.source_slot } else { c.slot }, c.language, c.day)
            }
        };
        let lane = doc as usize % LANES;
        let (n_slots, n_languages) = (self.outlet_ok.len(), self.language_ok.len());
        let slot = (slot as usize).min(n_slots - 1);
        let language = (language as usize).min(n_languages - 1);
        if !self.filtered {
            self.outlets[lane * n_slots + slot] += 1;
            self.languages[lane * n_languages + language] += 1;
            self.timeline.add(day, slot, lane);
            return true;
        }
        let in_range = match day {
            _ if !self.ranged => true,
            Some(day) => self.from.is_none_or(|from| day >= from) && self.to.is_none_or(|to| day < to),
            None => false,
        };
        let (outlet_in, language_in) = (self.outlet_ok[slot], self.language_ok[language]);
        if in_range && language_in {
            self.outlets[lane * n_slots + slot] += 1;
        }
        if in_range && outlet_in {
            self.languages[lane * n_languages + language] += 1;
        }
        if language_in && outlet_in {
            self.timeline.add(day, slot, lane);
        }
        language_in && outlet_in && in_range
    }

    /// The counts per outlet slot, per language slot, and the histogram.
    pub(super) fn finish(mut self) -> (Vec<u32>, Vec<u32>, Histogram) {
        if self.left_out_of.is_some() {
            // The articles after the last match are left out too.
            for gap in self.next..self.n_docs() {
                self.add(gap);
            }
        }
        let (outlets, languages, histogram) =
            (summed(&self.outlets), summed(&self.languages), self.timeline.histogram());
        let Some(all) = self.left_out_of else { return (outlets, languages, histogram) };
        let minus = |all: &[u32], out: &[u32]| -> Vec<u32> {
            all.iter().zip(out.iter().chain(std::iter::repeat(&0))).map(|(a, o)| a.saturating_sub(*o)).collect()
        };
        let counts = all
            .histogram
            .counts
            .iter()
            .zip(histogram.counts.iter().map(Vec::as_slice).chain(std::iter::repeat(&[][..])))
            .map(|(a, o)| minus(a, o))
            .collect();
        (
            minus(&all.outlets, &outlets),
            minus(&all.languages, &languages),
            Histogram { counts, undated: minus(&all.histogram.undated, &histogram.undated) },
        )
    }
}

/// The facet counts of every article of a corpus, for one axis and
/// grouping (see "Counting what is left out").
#[derive(Debug, PartialEq)]
pub(crate) struct Totals {
    outlets: Vec<u32>,
    languages: Vec<u32>,
    histogram: Histogram,
}

/// The [`Totals`] an index has needed so far, by axis, outlet slots and
/// grouping (outlet or original source): a few at most, since a session
/// keeps one axis. A cache: cloning an index starts an empty one, and two
/// indexes compare equal whatever their caches hold.
#[derive(Default)]
pub(crate) struct TotalsCache(Mutex<Vec<(TotalsKey, Arc<Totals>)>>);

type TotalsKey = (Option<Axis>, usize, bool);

/// Axes (with groupings) a cache keeps; the oldest goes first.
const CACHED_TOTALS: usize = 4;

impl TotalsCache {
    fn get(&self, axis: Option<&Axis>, slots: usize, by_source: bool, count: impl FnOnce() -> Totals) -> Arc<Totals> {
        let key = (axis.cloned(), slots, by_source);
        // A poisoned lock only means a panic elsewhere: the list is
        // still whole.
        let mut cached = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((_, totals)) = cached.iter().find(|(k, _)| *k == key) {
            return Arc::clone(totals);
        }
        let totals = Arc::new(count());
        if cached.len() == CACHED_TOTALS {
            cached.remove(0);
        }
        cached.push((key, Arc::clone(&totals)));
        totals
    }
}

impl Clone for TotalsCache {
    fn clone(&self) -> Self {
        TotalsCache::default()
    }
}

impl PartialEq for TotalsCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for TotalsCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TotalsCache")
    }
}

/// The timeline counts of a search, per bucket and outlet slot, and the
/// undated matches per slot, each in [`LANES`] copies.
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
        Tally { counts: vec![0; LANES * buckets.len() * slots], undated: vec![0; LANES * slots], buckets, slots }
    }

    /// Counts a match of `day` in `slot`, in copy `lane`: in its bucket
    /// (none when off the axis), or as undated (also a dated match when
    /// there is no axis).
    #[inline(always)]
    pub(super) fn add(&mut self, day: Option<i32>, slot: usize, lane: usize) {
        match day {
            Some(day) if self.buckets.len() > 0 => {
                if let Some(b) = self.buckets.of(day) {
                    self.counts[(lane * self.buckets.len() + b) * self.slots + slot] += 1;
                }
            }
            _ => self.undated[lane * self.slots + slot] += 1,
        }
    }

    pub(super) fn histogram(self) -> Histogram {
        let counts = summed(&self.counts).chunks(self.slots.max(1)).map(<[u32]>::to_vec).collect();
        Histogram { counts, undated: summed(&self.undated) }
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
