//! The timeline's arithmetic, apart from its drawing: the axis at a bar
//! width the user chose, ticks at calendar boundaries (evenly spaced in
//! time), a count axis with round steps, and which outlets get their own
//! colour in the stacks (the rest are grouped as "other outlets", so no two
//! series ever share a colour and pattern).

use crate::style::{palette_entry, PALETTE_SIZE};
use dateline_core::model::Date;
use dateline_core::timeline::{bucket_start, next_start, Axis, Granularity, Histogram};

/// Most bars a chosen width may draw (a finer width is offered only when
/// the range is short enough).
pub const MAX_BARS: usize = 400;

/// Outlets drawn with their own colour; the rest are "other outlets".
pub const MAX_SERIES: usize = 10;

/// Buckets of width `g` covering `[from, to)`, `None` when there would be
/// more than [`MAX_BARS`] or none.
pub fn regrid(from: Date, to: Date, g: Granularity) -> Option<Axis> {
    if from >= to {
        return None;
    }
    let mut starts = vec![bucket_start(from, g)];
    let mut next = next_start(starts[0], g);
    while next < to {
        if starts.len() >= MAX_BARS {
            return None;
        }
        starts.push(next);
        next = next_start(next, g);
    }
    Some(Axis { granularity: g, starts, end: next })
}

/// The axis shown: `auto` (the range's or the corpus's own), at the width
/// the user chose when it is another and draws at most [`MAX_BARS`] bars.
pub fn with_grain(auto: Option<Axis>, grain: Option<Granularity>) -> Option<Axis> {
    let auto = auto?;
    match grain {
        Some(g) if g != auto.granularity => regrid(auto.starts[0], auto.end, g).or(Some(auto)),
        _ => Some(auto),
    }
}

/// Whether width `g` can show `[from, to)`.
pub fn grain_fits(from: Date, to: Date, g: Granularity) -> bool {
    regrid(from, to, g).is_some()
}

/// How coarse the labelled ticks are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TickLevel {
    /// Every `n` years (1, 2, 5, 10, …).
    Years(i32),
    /// Every `n` months (1, 3, 6) starting in January.
    Months(u8),
    /// Every Monday.
    Weeks,
    /// Every day.
    Days,
}

impl TickLevel {
    fn holds(self, d: Date, g: Granularity) -> bool {
        match self {
            TickLevel::Years(n) => d.month == 1 && d.day <= first_day(g) && d.year.rem_euclid(n) == 0,
            TickLevel::Months(n) => (d.month - 1).is_multiple_of(n) && d.day <= first_day(g),
            TickLevel::Weeks => d.weekday() == 0,
            TickLevel::Days => true,
        }
    }
}

/// A week bucket starts on the Monday on or before the 1st: it is "the
/// first week" of its month when it starts on day 1..=7 (or late in the
/// month before, handled by the caller's tolerance below).
fn first_day(g: Granularity) -> u8 {
    if g == Granularity::Week {
        7
    } else {
        1
    }
}

/// Bucket indices to label: the finest calendar level (years, quarters,
/// months, weeks, days) with at most `max` ticks, so ticks fall on
/// calendar boundaries evenly spaced in time. At least the first bucket
/// is labelled.
pub fn ticks(axis: &Axis, max: usize) -> (Vec<usize>, TickLevel) {
    let max = max.max(1);
    let g = axis.granularity;
    let mut levels: Vec<TickLevel> = match g {
        Granularity::Day => vec![TickLevel::Days, TickLevel::Weeks, TickLevel::Months(1)],
        Granularity::Week => vec![TickLevel::Months(1), TickLevel::Months(3)],
        Granularity::Month => vec![TickLevel::Months(1), TickLevel::Months(3), TickLevel::Months(6)],
        Granularity::Year => vec![],
    };
    levels.extend([1, 2, 5, 10, 20, 50, 100, 200].map(TickLevel::Years));
    // Week buckets: the bucket holding the 1st of a month starts up to six
    // days before it.
    let holds = |level: TickLevel, i: usize| -> bool {
        let s = axis.starts[i];
        if g == Granularity::Week {
            let e = axis.range(i).1;
            let first = Date { day: 1, ..e };
            let first_in = first > s && first < e;
            let month = if first_in { first } else { s };
            match level {
                TickLevel::Months(n) => (first_in || s.day == 1) && (month.month - 1) % n == 0,
                TickLevel::Years(n) => (first_in || s.day == 1) && month.month == 1 && month.year.rem_euclid(n) == 0,
                _ => level.holds(s, g),
            }
        } else {
            level.holds(s, g)
        }
    };
    for level in levels {
        let picked: Vec<usize> = (0..axis.starts.len()).filter(|&i| holds(level, i)).collect();
        if !picked.is_empty() && picked.len() <= max {
            return (picked, level);
        }
        if picked.is_empty() && matches!(level, TickLevel::Years(_)) {
            break;
        }
    }
    (vec![0], TickLevel::Days)
}

/// Round steps for a count axis from 0 to at least `max`: the top and
/// the values of up to `lines` gridlines (1, 2, 5 × 10ⁿ apart).
pub fn count_ticks(max: u32, lines: u32) -> (u32, Vec<u32>) {
    let max = max.max(1);
    let lines = lines.max(1);
    let mut step = 1u32;
    'search: for scale in [1u32, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000] {
        for m in [1u32, 2, 5] {
            step = m.saturating_mul(scale);
            if max.div_ceil(step) <= lines {
                break 'search;
            }
        }
    }
    let top = max.div_ceil(step) * step;
    ((top), (1..=top / step).map(|k| k * step).collect())
}

/// One stacked series: an outlet, the unknown outlet, or the outlets
/// grouped as "other".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    /// Palette entry (`None`: the grey of unknown or other).
    pub entry: Option<usize>,
    /// Outlet slots it sums.
    pub slots: Vec<usize>,
    /// Whether it is the unknown-outlet slot.
    pub unknown: bool,
    /// Articles on the axis.
    pub total: u32,
}

/// The series of a histogram: outlets by their count on the axis, most
/// first, each with its own palette entry, up to [`MAX_SERIES`]; an outlet
/// whose entry is taken (more than [`PALETTE_SIZE`] outlets) or that comes
/// later is summed into "other outlets" (last); the unknown outlet
/// (`slot == outlets`) has its own grey series before "other".
pub fn series(h: &Histogram, outlets: usize) -> Vec<Series> {
    let slots = h.undated.len();
    let mut totals: Vec<(usize, u32)> = (0..slots)
        .map(|s| (s, h.counts.iter().map(|b| b.get(s).copied().unwrap_or(0)).sum::<u32>()))
        .filter(|&(_, t)| t > 0)
        .collect();
    totals.sort_by_key(|&(s, t)| (std::cmp::Reverse(t), s));
    let mut out: Vec<Series> = Vec::new();
    let mut other = Series { entry: None, slots: Vec::new(), unknown: false, total: 0 };
    let mut unknown = None;
    let mut used = [false; PALETTE_SIZE];
    for (slot, total) in totals {
        match palette_entry(slot, outlets) {
            None => unknown = Some(Series { entry: None, slots: vec![slot], unknown: true, total }),
            Some(e) if !used[e] && out.len() < MAX_SERIES => {
                used[e] = true;
                out.push(Series { entry: Some(e), slots: vec![slot], unknown: false, total });
            }
            Some(_) => {
                other.slots.push(slot);
                other.total += total;
            }
        }
    }
    out.extend(unknown);
    if !other.slots.is_empty() {
        other.slots.sort_unstable();
        out.push(other);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).expect("valid")
    }

    #[test]
    fn a_chosen_width_regrids_the_range_within_bounds() {
        let a = regrid(d(2021, 1, 1), d(2021, 2, 1), Granularity::Week).expect("fits");
        assert_eq!(a.starts[0], d(2020, 12, 28), "weeks start on Monday");
        assert!(a.end >= d(2021, 2, 1));
        assert_eq!(a.starts.len(), 5);
        assert!(regrid(d(1900, 1, 1), d(2100, 1, 1), Granularity::Day).is_none(), "too many bars");
        assert!(grain_fits(d(2021, 1, 1), d(2021, 12, 31), Granularity::Day));
        let auto = Axis::new([d(2021, 1, 11), d(2024, 8, 28)]);
        assert_eq!(with_grain(auto.clone(), Some(Granularity::Year)).expect("axis").starts.len(), 4);
        // 1,300 days are more than MAX_BARS: the automatic width stays.
        assert_eq!(with_grain(auto.clone(), Some(Granularity::Day)).expect("axis").granularity, Granularity::Month);
        let quarter = Axis::new([d(2021, 1, 1), d(2021, 3, 31)]);
        assert_eq!(with_grain(quarter, Some(Granularity::Day)).expect("axis").granularity, Granularity::Day);
        assert_eq!(with_grain(auto.clone(), None), auto);
    }

    #[test]
    fn ticks_fall_on_calendar_boundaries() {
        // Sep 2020 – Aug 2024 by month: too many months for 6 ticks, so
        // the Januaries (years), evenly spaced.
        let axis = Axis::new([d(2020, 9, 1), d(2024, 8, 28)]).expect("axis");
        let (t, level) = ticks(&axis, 6);
        assert_eq!(level, TickLevel::Years(1));
        let labels: Vec<Date> = t.iter().map(|&i| axis.starts[i]).collect();
        assert_eq!(labels, vec![d(2021, 1, 1), d(2022, 1, 1), d(2023, 1, 1), d(2024, 1, 1)]);
        // With room for more: quarters.
        assert_eq!(ticks(&axis, 20).1, TickLevel::Months(3));
        // January by day: Mondays.
        let jan = Axis::spanning(d(2021, 1, 1), d(2021, 2, 1)).expect("axis");
        let (t, level) = ticks(&jan, 6);
        assert_eq!(level, TickLevel::Weeks);
        assert!(t.iter().all(|&i| jan.starts[i].weekday() == 0));
        // A single bar is still labelled.
        let one = Axis::spanning(d(2021, 1, 11), d(2021, 1, 12)).expect("axis");
        assert_eq!(ticks(&one, 6).0, vec![0]);
        // Weeks: the week holding the 1st of a month.
        let weeks = regrid(d(2021, 1, 1), d(2021, 6, 1), Granularity::Week).expect("axis");
        let (t, level) = ticks(&weeks, 6);
        assert_eq!(level, TickLevel::Months(1));
        assert_eq!(t.len(), 6, "Jan to Jun");
    }

    #[test]
    fn count_axis_uses_round_steps() {
        assert_eq!(count_ticks(1, 4), (1, vec![1]));
        assert_eq!(count_ticks(2, 4), (2, vec![1, 2]));
        assert_eq!(count_ticks(7, 4), (8, vec![2, 4, 6, 8]));
        assert_eq!(count_ticks(13, 4), (15, vec![5, 10, 15]));
        assert_eq!(count_ticks(1234, 4), (1500, vec![500, 1000, 1500]));
        assert_eq!(count_ticks(0, 4), (1, vec![1]));
    }

    #[test]
    fn series_never_share_a_colour() {
        // 40 outlets with 1..=40 articles in one bucket, and 3 unknown.
        let outlets = 40;
        let mut counts = vec![0u32; outlets + 1];
        for (s, c) in counts.iter_mut().enumerate().take(outlets) {
            *c = s as u32 + 1;
        }
        counts[outlets] = 3;
        let h = Histogram { counts: vec![counts], undated: vec![0; outlets + 1] };
        let s = series(&h, outlets);
        let own: Vec<&Series> = s.iter().filter(|x| x.entry.is_some()).collect();
        assert_eq!(own.len(), MAX_SERIES);
        assert_eq!(own[0].slots, vec![39], "the biggest outlet first");
        let entries: std::collections::HashSet<usize> = own.iter().filter_map(|x| x.entry).collect();
        assert_eq!(entries.len(), own.len(), "no two series share a palette entry");
        assert!(s[s.len() - 2].unknown);
        let other = s.last().expect("other");
        assert_eq!(other.slots.len(), outlets - MAX_SERIES);
        assert_eq!(s.iter().map(|x| x.total).sum::<u32>(), (1..=40).sum::<u32>() + 3, "every article counted once");
    }
}
