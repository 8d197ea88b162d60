//! Inferred dates: the year an undated article's own text pins down.
//!
//! An article without a publication date often still says when it was
//! written: "On Jan. 11 this year, the leaders ... signed a pact", "When
//! new clashes erupted on Sept. 27 last year". A day and month with a
//! relative year ("this year", "last year", "next year") is a **clue**: it
//! names the day `Date(Y + offset, month, day)` for the article's unknown
//! publication year `Y`. Two things can pin `Y`:
//!
//! 1. **A weekday** printed with the day ("Monday, Jan. 11 this year"):
//!    only some years give that day that weekday.
//! 2. **A known day**: the corpus's other, dated articles mention that day
//!    with its year (printed, or resolved against their own publication
//!    date by [`crate::events`]): "Sept. 27 last year" fits the years `Y`
//!    where 27 September of `Y - 1` is a day other articles talk about.
//!
//! [`suggest`] is the rule, a pure function of the clues, the known days
//! and a window of plausible years:
//!
//! * a year is **consistent** when every clue's day exists in it (29
//!   February) and every printed weekday agrees;
//! * among the consistent years, those where the most clues land on a
//!   known day: a single such year (with at least one clue on a known
//!   day) is the suggestion; a tie is ambiguous and gives none (so "Sept.
//!   27 last year" alone, with 27 September known in 2019 and 2020, gives
//!   none, and "Jan. 11 this year" known only in 2021 then settles it);
//! * without known-day support, a weekday clue pins the year only when
//!   exactly one year of the window is consistent.
//!
//! The window is the years of the corpus's publication dates, one year
//! wider on each side ([`window`]): an article of a corpus is taken to be
//! of its period. A clue without a relative year ("September 27") says
//! nothing about the year and is not used; neither are bare years ("in
//! 2020") or counts ("the fourth time this year").
//!
//! Limits: a clue pins only the year, never the day; a known day is a day
//! that other articles of the same corpus mention, so the rule can only
//! find years the corpus covers, and a wrong year in another article (a
//! misread date) can mislead it. The result is a *suggestion*
//! ([`SuggestedDate`], shown as "inferred from the text" with its evidence):
//! the article's date stays unknown, the timeline keeps it in the undated
//! bar, and the events lane does not resolve its year-less dates with it.

use crate::date::find_dates;
use crate::events::{mentions_in, relative_year};
use crate::model::{Corpus, Date, DatePrecision, SuggestedDate};
use std::collections::BTreeMap;
use std::ops::RangeInclusive;

/// A day and month with a relative year, printed in an undated article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clue {
    /// Month, 1..=12.
    pub month: u8,
    /// Day of month.
    pub day: u8,
    /// The year relative to the publication year (`last year` = -1).
    pub offset: i32,
    /// The weekday printed with the date (0 = Monday).
    pub weekday: Option<u8>,
    /// The expression as printed (`Sept. 27 last year`).
    pub text: String,
}

impl Clue {
    /// The day this clue names if the article was published in `year`.
    fn day_in(&self, year: i32) -> Option<Date> {
        Date::new(year + self.offset, self.month, self.day)
    }

    /// Whether the clue can hold for a publication in `year`.
    fn consistent(&self, year: i32) -> bool {
        self.day_in(year).is_some_and(|d| self.weekday.is_none_or(|w| d.weekday() == w))
    }
}

/// The clues of an article's texts (lead and body paragraphs).
pub fn clues<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<Clue> {
    let mut out = Vec::new();
    for text in texts {
        // A clue ends in "last year" and friends (`relative_year`): a text
        // without "year" has none, and finding its dates is most of the time
        // this takes on an undated corpus.
        if !has_year_word(text) {
            continue;
        }
        for m in find_dates(text) {
            // A printed year is not a clue, and the modal "may" is no month.
            if m.year.is_some() || text[m.span.clone()].starts_with("may") {
                continue;
            }
            let Some((offset, len)) = relative_year(&text[m.span.end..]) else { continue };
            let end = m.span.end + len;
            let printed = text.get(m.span.start..end).unwrap_or_default();
            out.push(Clue {
                month: m.month,
                day: m.day,
                offset,
                weekday: m.weekday,
                text: crate::text::clean_line(printed),
            });
        }
    }
    out
}

/// Whether `text` holds "year" in any ASCII case. (No other character
/// lower-cases to one of its letters, so `relative_year`, which compares
/// lower-cased text, finds nothing in a text without it.)
fn has_year_word(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr2_iter(b'y', b'Y', b).any(|i| b.get(i + 1..i + 4).is_some_and(|r| r.eq_ignore_ascii_case(b"ear")))
}

/// The year the clues pin (see the module docs): `known(day)` is the number
/// of other articles that mention `day`; `window` the plausible years.
/// `None` when there is no clue, no consistent year or more than one.
pub fn suggest(clues: &[Clue], known: &dyn Fn(Date) -> usize, window: RangeInclusive<i32>) -> Option<SuggestedDate> {
    if clues.is_empty() || window.is_empty() || window.end() - window.start() > 200 {
        return None;
    }
    let consistent: Vec<i32> = window.clone().filter(|&y| clues.iter().all(|c| c.consistent(y))).collect();
    let support = |y: i32| clues.iter().filter(|c| c.day_in(y).is_some_and(|d| known(d) > 0)).count();
    let best = consistent.iter().map(|&y| support(y)).max().unwrap_or(0);
    let supported: Vec<i32> = consistent.iter().copied().filter(|&y| best > 0 && support(y) == best).collect();
    let year = match (supported.as_slice(), consistent.as_slice()) {
        ([y], _) => *y,
        ([], [y]) if clues.iter().any(|c| c.weekday.is_some()) => *y,
        _ => return None,
    };
    let evidence = clues
        .iter()
        .map(|c| {
            let day = c.day_in(year).map(long_day).unwrap_or_default();
            let n = c.day_in(year).map_or(0, known);
            let how = if n > 0 {
                let s = if n == 1 { "article dates" } else { "articles date" };
                format!("{day}, a day {n} other {s}")
            } else if c.weekday.is_some() {
                let (lo, hi) = (window.start(), window.end());
                let others = consistent.len() - 1;
                if others == 0 {
                    format!("{day}: the printed weekday fits no other year of {lo}–{hi}")
                } else {
                    format!("{day}: the printed weekday fits it")
                }
            } else {
                format!("{day}, no other article dates that day")
            };
            format!("\"{}\": {how}", c.text)
        })
        .collect();
    Some(SuggestedDate { year, evidence })
}

/// `27 Sep 2020`.
fn long_day(d: Date) -> String {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let m = MONTHS.get(usize::from(d.month).wrapping_sub(1)).copied().unwrap_or("?");
    format!("{} {m} {}", d.day, d.year)
}

/// The plausible years of a corpus: those of its publication dates, one
/// wider on each side. `None` when no article is dated.
pub fn window(corpus: &Corpus) -> Option<RangeInclusive<i32>> {
    let years =
        corpus.articles.iter().filter(|a| a.date.precision != DatePrecision::Unknown).filter_map(|a| a.date.date);
    let (lo, hi) = years.fold(None, |acc: Option<(i32, i32)>, d| match acc {
        None => Some((d.year, d.year)),
        Some((lo, hi)) => Some((lo.min(d.year), hi.max(d.year))),
    })?;
    Some(lo - 1..=hi + 1)
}

/// Sets [`crate::model::Article::suggested_date`] on every undated article
/// of the corpus whose text pins its year; returns how many got one.
pub fn suggest_dates(corpus: &mut Corpus) -> usize {
    suggest_dates_with(corpus, &|articles, read| articles.iter().map(read).collect())
}

/// What [`suggest_dates`] reads in one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// The clues of an undated article ([`clues`]; none for a dated one).
    Clues(Vec<Clue>),
    /// The days a dated article mentions ([`mentioned_days`]).
    Days(Vec<Date>),
}

/// Reads every article with a function, in order: `suggest_dates` reads
/// each article with [`Reading`]'s two functions in turn.
pub type MapArticles<'a> =
    &'a dyn Fn(&[crate::model::Article], &(dyn Fn(&crate::model::Article) -> Reading + Sync)) -> Vec<Reading>;

/// The clues of an article if it is undated ([`clues`]).
pub fn undated_clues(a: &crate::model::Article) -> Vec<Clue> {
    if undated(a) {
        clues(a.texts())
    } else {
        Vec::new()
    }
}

/// The days a dated article mentions ([`mentions_in`]), sorted and
/// distinct; none for an undated article.
pub fn mentioned_days(a: &crate::model::Article) -> Vec<Date> {
    if undated(a) {
        return Vec::new();
    }
    let mut mentions = Vec::new();
    mentions_in(a, 0, &mut mentions);
    let mut days: Vec<Date> = mentions.into_iter().map(|m| m.date).collect();
    days.sort_unstable();
    days.dedup();
    days
}

fn undated(a: &crate::model::Article) -> bool {
    a.date.date.is_none() || a.date.precision == DatePrecision::Unknown
}

/// [`suggest_dates`], reading the articles with `map` (which must give one
/// reading per article, in order, as a plain `iter().map()` does): a
/// caller with threads reads the texts on all of them (the core has no
/// threads), since this reads every article's text once more.
pub fn suggest_dates_with(corpus: &mut Corpus, map: MapArticles) -> usize {
    let Some(window) = window(corpus) else { return 0 };
    // The clues of the undated articles first: without any, the dated
    // articles' mentions need not be read.
    let clues: Vec<(usize, Vec<Clue>)> = map(&corpus.articles, &|a| Reading::Clues(undated_clues(a)))
        .into_iter()
        .enumerate()
        .filter_map(|(i, r)| match r {
            Reading::Clues(c) if !c.is_empty() => Some((i, c)),
            _ => None,
        })
        .collect();
    for a in &mut corpus.articles {
        a.suggested_date = None;
    }
    if clues.is_empty() {
        return 0;
    }
    // How many dated articles mention each day.
    let mut known: BTreeMap<Date, usize> = BTreeMap::new();
    for r in map(&corpus.articles, &|a| Reading::Days(mentioned_days(a))) {
        if let Reading::Days(days) = r {
            for d in days {
                *known.entry(d).or_default() += 1;
            }
        }
    }
    let mut n = 0;
    for (i, clues) in clues {
        let s = suggest(&clues, &|d| known.get(&d).copied().unwrap_or(0), window.clone());
        n += usize::from(s.is_some());
        if let Some(a) = corpus.articles.get_mut(i) {
            a.suggested_date = s;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).expect("valid")
    }

    fn clue(month: u8, day: u8, offset: i32, weekday: Option<u8>) -> Clue {
        Clue { month, day, offset, weekday, text: format!("{day}/{month} {offset:+}") }
    }

    #[test]
    fn clues_are_day_months_with_a_relative_year() {
        let got = clues([
            "When new clashes erupted on Sept. 27 last year, the army attacked.",
            "On Jan. 11 this year, the leaders signed a pact. Pashinyan met Putin for the fourth time this year.",
            "On Monday, Jan. 11 this year they met. On September 19 they did not. In 2020 and on 5 May 2021 too.",
            "Talks may 3 this year resume.",
        ]);
        let rows: Vec<(u8, u8, i32, Option<u8>, &str)> =
            got.iter().map(|c| (c.month, c.day, c.offset, c.weekday, c.text.as_str())).collect();
        assert_eq!(
            rows,
            [
                (9, 27, -1, None, "Sept. 27 last year"),
                (1, 11, 0, None, "Jan. 11 this year"),
                (1, 11, 0, Some(0), "Monday, Jan. 11 this year"),
            ]
        );
    }

    /// Clues read in any case ("LAST YEAR", "Last Year") pass the
    /// "year" filter that `clues` applies before finding dates.
    #[test]
    fn clues_in_capitals_pass_the_year_filter() {
        let got =
            clues(["ON SEPT. 27 LAST YEAR THE ARMY ATTACKED.", "On Jan. 11 Next Year, they meet.", "May 5 this yeAr."]);
        let rows: Vec<(u8, u8, i32)> = got.iter().map(|c| (c.month, c.day, c.offset)).collect();
        assert_eq!(rows, [(9, 27, -1), (1, 11, 1), (5, 5, 0)]);
        for (text, want) in
            [("year", true), ("YEAR", true), ("yEaR", true), ("yea", false), ("ye ar", false), ("", false)]
        {
            assert_eq!(has_year_word(text), want, "{text:?}");
        }
    }

    proptest::proptest! {
        /// The "year" filter only skips texts without clues: `clues` equals
        /// the same reading of every text, unfiltered.
        #[test]
        fn the_year_filter_loses_no_clue(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Sept. 27", "Jan 11", "May 5", "Monday, Jan. 11", "last year", "this YEAR", "next Year",
                    "of this year", "last yeаr", "years", "in", "2021", ",", "on", "İ", "K",
                ]),
                0..12,
            )
        ) {
            let text = words.join(" ");
            let mut want = Vec::new();
            for m in find_dates(&text) {
                if m.year.is_some() || text[m.span.clone()].starts_with("may") {
                    continue;
                }
                let Some((offset, len)) = relative_year(&text[m.span.end..]) else { continue };
                want.push((m.month, m.day, offset, m.weekday, text[m.span.start..m.span.end + len].to_string()));
            }
            let got: Vec<_> = clues([text.as_str()]).into_iter().map(|c| (c.month, c.day, c.offset, c.weekday, c.text)).collect();
            proptest::prop_assert_eq!(got, want);
        }
    }

    /// The table of the rule: clues, known days, window -> year.
    #[test]
    fn suggestion_table() {
        let none = |_: Date| 0;
        let sept27_2020 = |x: Date| usize::from(x == d(2020, 9, 27)) * 2;
        let both = |x: Date| usize::from(x == d(2020, 9, 27) || x == d(2019, 9, 27));
        let jan11 = |x: Date| usize::from(x == d(2021, 1, 11));
        let both_and_jan11 = |x: Date| both(x) + jan11(x);
        let leap = |x: Date| usize::from(x == d(2020, 2, 29));
        type Row<'a> = (&'a str, Vec<Clue>, &'a dyn Fn(Date) -> usize, RangeInclusive<i32>, Option<i32>);
        let rows: Vec<Row> = vec![
            ("no clue", vec![], &sept27_2020, 2019..=2025, None),
            ("a clue, nothing known, no weekday", vec![clue(9, 27, -1, None)], &none, 2019..=2025, None),
            ("a known event day", vec![clue(9, 27, -1, None)], &sept27_2020, 2019..=2025, Some(2021)),
            (
                "the Hyetert case",
                vec![clue(9, 27, -1, None), clue(1, 11, 0, None)],
                &sept27_2020,
                2019..=2025,
                Some(2021),
            ),
            ("two known years: ambiguous", vec![clue(9, 27, -1, None)], &both, 2018..=2025, None),
            (
                "a second clue settles it",
                vec![clue(9, 27, -1, None), clue(1, 11, 0, None)],
                &both_and_jan11,
                2018..=2025,
                Some(2021),
            ),
            ("a weekday: Monday 11 Jan only in 2021", vec![clue(1, 11, 0, Some(0))], &none, 2020..=2025, Some(2021)),
            ("a weekday in a wide window: 2016 and 2021", vec![clue(1, 11, 0, Some(0))], &none, 2015..=2025, None),
            (
                "a printed weekday rules out the known day: Tuesday 11 Jan is 2022",
                vec![clue(1, 11, 0, Some(1))],
                &jan11,
                2020..=2025,
                Some(2022),
            ),
            ("29 February last year", vec![clue(2, 29, -1, None)], &leap, 2015..=2025, Some(2021)),
            ("a known day outside the window", vec![clue(9, 27, -1, None)], &sept27_2020, 2022..=2025, None),
        ];
        for (name, clues, known, window, want) in rows {
            assert_eq!(suggest(&clues, known, window).map(|s| s.year), want, "{name}");
        }
    }

    #[test]
    fn evidence_names_each_clue() {
        let s = suggest(
            &[
                Clue { text: "Sept. 27 last year".into(), ..clue(9, 27, -1, None) },
                Clue { text: "Jan. 11 this year".into(), ..clue(1, 11, 0, None) },
            ],
            &|x| usize::from(x == d(2020, 9, 27)),
            2020..=2025,
        )
        .expect("a suggestion");
        assert_eq!(
            s.evidence,
            [
                "\"Sept. 27 last year\": 27 Sep 2020, a day 1 other article dates",
                "\"Jan. 11 this year\": 11 Jan 2021, no other article dates that day"
            ]
        );
    }

    /// Property against a brute-force oracle: whenever a year is suggested,
    /// every clue is consistent with it and no other year of the window is
    /// both consistent and supported.
    #[test]
    fn suggestions_agree_with_brute_force() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for _ in 0..3000 {
            let clues: Vec<Clue> = (0..next(3) + 1)
                .map(|_| {
                    let weekday = (next(3) == 0).then(|| next(7) as u8);
                    clue(next(12) as u8 + 1, next(31) as u8 + 1, next(3) as i32 - 1, weekday)
                })
                .collect();
            let known_days: Vec<Date> = (0..next(4))
                .filter_map(|_| Date::new(2015 + next(10) as i32, next(12) as u8 + 1, next(31) as u8 + 1))
                .collect();
            let known = |x: Date| known_days.iter().filter(|k| **k == x).count();
            let window = 2016..=2024;
            let got = suggest(&clues, &known, window.clone());
            let ok = |y: i32| {
                clues.iter().all(|c| {
                    Date::new(y + c.offset, c.month, c.day).is_some_and(|x| c.weekday.is_none_or(|w| x.weekday() == w))
                })
            };
            let hits = |y: i32| {
                if !ok(y) {
                    return 0;
                }
                clues.iter().filter(|c| Date::new(y + c.offset, c.month, c.day).is_some_and(|x| known(x) > 0)).count()
            };
            // Every consistent year with the most hits, when some clue hits.
            let mut s: Vec<i32> = Vec::new();
            let mut top = 0;
            for y in window.clone() {
                let h = hits(y);
                if h > 0 && h > top {
                    top = h;
                    s = vec![y];
                } else if h > 0 && h == top {
                    s.push(y);
                }
            }
            let c: Vec<i32> = window.clone().filter(|&y| ok(y)).collect();
            let want = match (s.as_slice(), c.as_slice()) {
                ([y], _) => Some(*y),
                ([], [y]) if clues.iter().any(|c| c.weekday.is_some()) => Some(*y),
                _ => None,
            };
            assert_eq!(got.map(|g| g.year), want, "{clues:?} {known_days:?}");
        }
    }
}
