//! Timeline bucketing.
//!
//! The axis is chosen once per corpus from its earliest and latest dated
//! article, so it stays put while the user types; only the counts follow
//! the query and filters. The granularity is the finest that keeps the
//! number of buckets readable:
//!
//! | span of dates        | bucket |
//! |----------------------|--------|
//! | up to 62 days        | day    |
//! | up to 40 weeks       | week (starting Monday) |
//! | up to 60 months      | month  |
//! | longer               | year   |
//!
//! Every bucket is a half-open interval `[start, end)` of days: a date `d`
//! falls in the bucket when `start <= d < end`. Undated articles are
//! counted apart, never placed on the axis.

use crate::model::Date;

/// Bucket width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Granularity {
    /// One day.
    Day,
    /// Monday to Sunday.
    Week,
    /// Calendar month.
    Month,
    /// Calendar year.
    Year,
}

/// First day of the bucket containing `d`.
pub fn bucket_start(d: Date, g: Granularity) -> Date {
    match g {
        Granularity::Day => d,
        Granularity::Week => Date::from_days_since_epoch(d.days_since_epoch() - i64::from(d.weekday())),
        Granularity::Month => Date { day: 1, ..d },
        Granularity::Year => Date { month: 1, day: 1, ..d },
    }
}

/// First day of the bucket after the one starting at `start`.
pub fn next_start(start: Date, g: Granularity) -> Date {
    match g {
        Granularity::Day => Date::from_days_since_epoch(start.days_since_epoch() + 1),
        Granularity::Week => Date::from_days_since_epoch(start.days_since_epoch() + 7),
        Granularity::Month if start.month == 12 => Date { year: start.year + 1, month: 1, day: 1 },
        Granularity::Month => Date { month: start.month + 1, day: 1, ..start },
        Granularity::Year => Date { year: start.year + 1, month: 1, day: 1 },
    }
}

/// Granularity for a span of dates (see the module table).
pub fn choose(first: Date, last: Date) -> Granularity {
    let days = last.days_since_epoch() - first.days_since_epoch();
    let months = (last.year - first.year) * 12 + i32::from(last.month) - i32::from(first.month);
    if days <= 62 {
        Granularity::Day
    } else if days <= 40 * 7 {
        Granularity::Week
    } else if months <= 60 {
        Granularity::Month
    } else {
        Granularity::Year
    }
}

/// The fixed axis of a corpus: consecutive buckets covering all its dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Axis {
    /// Bucket width.
    pub granularity: Granularity,
    /// Bucket starts, ascending; bucket `i` is `[starts[i], starts[i+1])`
    /// and the last ends at `end`.
    pub starts: Vec<Date>,
    /// Exclusive end of the last bucket.
    pub end: Date,
}

impl Axis {
    /// Axis covering `dates`, or `None` when there is no date at all.
    pub fn new(dates: impl IntoIterator<Item = Date>) -> Option<Axis> {
        let mut it = dates.into_iter();
        let first = it.next()?;
        let (lo, hi) = it.fold((first, first), |(lo, hi), d| (lo.min(d), hi.max(d)));
        let g = choose(lo, hi);
        let mut starts = vec![bucket_start(lo, g)];
        let mut next = next_start(starts[0], g);
        while next <= hi {
            starts.push(next);
            next = next_start(next, g);
        }
        Some(Axis { granularity: g, starts, end: next })
    }

    /// Axis over a selected range `[from, to)`, with the granularity its
    /// span calls for (a zoomed view). `None` when the range is empty.
    pub fn spanning(from: Date, to: Date) -> Option<Axis> {
        if from >= to {
            return None;
        }
        Axis::new([from, Date::from_days_since_epoch(to.days_since_epoch() - 1)])
    }

    /// Fractional position of a date on the axis, 0.0 at the start of the
    /// first bucket and `starts.len()` at `end`; inside a bucket the
    /// position grows linearly with the day. `None` outside the axis.
    pub fn position(&self, d: Date) -> Option<f64> {
        let b = self.bucket_of(d)?;
        let (s, e) = self.range(b);
        let (s, e) = (s.days_since_epoch(), e.days_since_epoch());
        Some(b as f64 + (d.days_since_epoch() - s) as f64 / (e - s) as f64)
    }

    /// Bucket of a date, `None` when outside the axis.
    pub fn bucket_of(&self, d: Date) -> Option<usize> {
        if d < self.starts[0] || d >= self.end {
            return None;
        }
        Some(self.starts.partition_point(|s| *s <= d) - 1)
    }

    /// `[start, end)` of bucket `i`.
    pub fn range(&self, i: usize) -> (Date, Date) {
        (self.starts[i], self.starts.get(i + 1).copied().unwrap_or(self.end))
    }

    /// Short label of bucket `i` (`2021`, `Jan 2021`, `11 Jan 2021`).
    pub fn label(&self, i: usize) -> String {
        const M: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        let s = self.starts[i];
        let m = M[usize::from(s.month - 1)];
        match self.granularity {
            Granularity::Year => s.year.to_string(),
            Granularity::Month => format!("{m} {}", s.year),
            Granularity::Week => format!("week of {} {m} {}", s.day, s.year),
            Granularity::Day => format!("{} {m} {}", s.day, s.year),
        }
    }
}

/// One step out from a zoomed range `[from, to)`: the range three times as
/// long, centred on the old one and clipped to the corpus span `[lo, hi)`.
/// `None` (no range: the whole corpus) once it covers the span.
pub fn zoom_out(range: (Date, Date), span: (Date, Date)) -> Option<(Date, Date)> {
    let (a, b) = (range.0.days_since_epoch(), range.1.days_since_epoch());
    let (lo, hi) = (span.0.days_since_epoch(), span.1.days_since_epoch());
    let len = (b - a).max(1);
    let (a, b) = ((a - len).max(lo), (b + len).min(hi));
    if a <= lo && b >= hi {
        return None;
    }
    Some((Date::from_days_since_epoch(a), Date::from_days_since_epoch(b)))
}

/// Counts per bucket and per outlet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Histogram {
    /// `counts[bucket][outlet]`; the last outlet slot is "outlet unknown".
    pub counts: Vec<Vec<u32>>,
    /// Undated articles per outlet slot.
    pub undated: Vec<u32>,
}

impl Histogram {
    /// Total of bucket `i`.
    pub fn total(&self, i: usize) -> u32 {
        self.counts[i].iter().sum()
    }

    /// Number of undated articles.
    pub fn undated_total(&self) -> u32 {
        self.undated.iter().sum()
    }
}

/// Counts `(day, outlet slot)` pairs on an axis with `slots` outlet slots;
/// days are days since 1970-01-01 ([`Date::days_since_epoch`]), `None` for
/// undated. A day counts in the bucket whose half-open interval holds it;
/// days off the axis are not counted, undated ones always are.
///
/// The search calls this for every match on every keystroke, so the
/// bucket starts are turned into day numbers once and each day is placed by
/// a binary search over integers.
pub fn histogram(
    axis: Option<&Axis>,
    slots: usize,
    items: impl IntoIterator<Item = (Option<i32>, usize)>,
) -> Histogram {
    let n = axis.map_or(0, |a| a.starts.len());
    let mut h = Histogram { counts: vec![vec![0; slots]; n], undated: vec![0; slots] };
    let bounds: Option<(Vec<i64>, i64)> =
        axis.map(|a| (a.starts.iter().map(|s| s.days_since_epoch()).collect(), a.end.days_since_epoch()));
    for (day, slot) in items {
        let slot = slot.min(slots.saturating_sub(1));
        match (day, &bounds) {
            (Some(d), Some((starts, end))) => {
                let d = i64::from(d);
                if starts.first().is_some_and(|&s| d >= s) && d < *end {
                    h.counts[starts.partition_point(|&s| s <= d) - 1][slot] += 1;
                }
            }
            _ => h.undated[slot] += 1,
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).expect("valid")
    }

    #[test]
    fn granularity_table() {
        let cases = [
            (d(2021, 1, 1), d(2021, 1, 31), Granularity::Day),
            (d(2021, 1, 1), d(2021, 6, 1), Granularity::Week),
            (d(2021, 1, 11), d(2024, 8, 28), Granularity::Month),
            (d(2012, 1, 1), d(2020, 12, 31), Granularity::Year),
        ];
        for (a, b, g) in cases {
            assert_eq!(choose(a, b), g, "{a:?}..{b:?}");
        }
    }

    #[test]
    fn buckets_are_half_open_and_cover_every_date() {
        let dates = [d(2021, 1, 11), d(2023, 10, 5), d(2024, 8, 28), d(2021, 1, 31)];
        let axis = Axis::new(dates).expect("dated");
        assert_eq!(axis.granularity, Granularity::Month);
        for date in dates {
            let b = axis.bucket_of(date).expect("on axis");
            let (s, e) = axis.range(b);
            assert!(s <= date && date < e);
        }
        // The first day of the next month belongs to the next bucket.
        let jan = axis.bucket_of(d(2021, 1, 31)).expect("jan");
        assert_eq!(axis.bucket_of(d(2021, 2, 1)), Some(jan + 1));
        assert_eq!(axis.label(jan), "Jan 2021");
        assert_eq!(axis.bucket_of(d(2024, 9, 1)), None);
    }

    #[test]
    fn a_zoomed_axis_covers_exactly_its_range_at_a_finer_grain() {
        // A month bar zooms to days, a year bar to months.
        let cases = [
            ((d(2021, 1, 1), d(2021, 2, 1)), Granularity::Day, 31),
            ((d(2021, 1, 1), d(2022, 1, 1)), Granularity::Month, 12),
            ((d(2021, 1, 11), d(2021, 1, 18)), Granularity::Day, 7),
            ((d(2020, 9, 1), d(2021, 3, 1)), Granularity::Week, 26),
        ];
        for ((from, to), g, n) in cases {
            let axis = Axis::spanning(from, to).expect("non-empty");
            assert_eq!((axis.granularity, axis.starts.len()), (g, n), "{from:?}..{to:?}");
            assert!(axis.starts[0] <= from && axis.end >= to);
            assert!(axis.bucket_of(from).is_some());
            assert!(axis.bucket_of(Date::from_days_since_epoch(to.days_since_epoch() - 1)).is_some());
        }
        assert_eq!(Axis::spanning(d(2021, 1, 2), d(2021, 1, 2)), None);
    }

    #[test]
    fn positions_grow_inside_buckets() {
        let axis = Axis::spanning(d(2021, 1, 1), d(2022, 1, 1)).expect("year");
        assert_eq!(axis.position(d(2021, 1, 1)), Some(0.0));
        assert_eq!(axis.position(d(2021, 2, 1)), Some(1.0));
        let mid = axis.position(d(2021, 1, 16)).expect("on axis");
        assert!((mid - 15.0 / 31.0).abs() < 1e-9);
        assert_eq!(axis.position(d(2022, 1, 1)), None);
    }

    #[test]
    fn zoom_out_triples_and_stops_at_the_corpus() {
        let span = (d(2021, 1, 1), d(2025, 1, 1));
        assert_eq!(zoom_out((d(2022, 2, 1), d(2022, 3, 1)), span), Some((d(2022, 1, 4), d(2022, 3, 29))));
        // Clipped at the start of the corpus.
        assert_eq!(zoom_out((d(2021, 1, 1), d(2021, 2, 1)), span), Some((d(2021, 1, 1), d(2021, 3, 4))));
        assert_eq!(zoom_out((d(2022, 1, 1), d(2024, 1, 1)), span), None);
    }

    #[test]
    fn weeks_start_on_monday() {
        assert_eq!(bucket_start(d(2021, 1, 17), Granularity::Week), d(2021, 1, 11));
        assert_eq!(next_start(d(2021, 12, 1), Granularity::Month), d(2022, 1, 1));
    }

    #[test]
    fn histogram_counts_undated_apart() {
        let axis = Axis::new([d(2021, 1, 11), d(2021, 1, 12)]).expect("dated");
        let day = |date: Date| Some(date.days_since_epoch() as i32);
        let h = histogram(Some(&axis), 2, [(day(d(2021, 1, 11)), 0), (None, 1), (day(d(2021, 1, 12)), 1)]);
        assert_eq!(h.total(0), 1);
        assert_eq!(h.undated_total(), 1);
    }

    /// The day-number histogram places every day where `bucket_of` does,
    /// on every granularity, including the days just outside the axis.
    #[test]
    fn histogram_agrees_with_bucket_of() {
        let spans = [
            (d(2021, 1, 3), d(2021, 1, 20)),
            (d(2021, 1, 1), d(2021, 5, 30)),
            (d(2019, 12, 31), d(2024, 2, 29)),
            (d(1998, 6, 1), d(2020, 12, 31)),
        ];
        for (lo, hi) in spans {
            let axis = Axis::new([lo, hi]).expect("dated");
            let first = axis.starts[0].days_since_epoch() - 3;
            let last = axis.end.days_since_epoch() + 3;
            for day in first..last {
                let h = histogram(Some(&axis), 1, [(Some(day as i32), 0)]);
                let expected = axis.bucket_of(Date::from_days_since_epoch(day));
                let got = (0..h.counts.len()).find(|&i| h.total(i) == 1);
                assert_eq!(got, expected, "{:?}", Date::from_days_since_epoch(day));
            }
        }
    }
}
