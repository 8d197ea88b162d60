//! Calendars other than the Gregorian one, converted to Gregorian days.
//!
//! * The Solar Hijri calendar of Iran and Afghanistan (`۱۳ مهر ۱۴۰۲` is 5
//!   October 2023) with ICU4X's `calendrical_calculations` (the 33-year
//!   rule with its corrections, which matches the official astronomical
//!   calendar from 1178 to 3000 AP).
//! * Japanese era years (`令和5年` is 2023): the era's first year, from the
//!   date tables, plus the year of the era minus one.

use crate::model::Date;
use calendrical_calculations::{gregorian, persian};

/// The Solar Hijri years read: 1300 AP began in March 1921, 1500 AP
/// begins in March 2121.
pub(super) const SOLAR_YEARS: std::ops::RangeInclusive<i32> = 1300..=1500;

/// The Gregorian day of a Solar Hijri date, when it exists (months 1-6
/// have 31 days, 7-11 have 30, the twelfth 29, or 30 in a leap year).
pub(super) fn solar_hijri_to_gregorian(year: i32, month: u8, day: u8) -> Option<Date> {
    if !SOLAR_YEARS.contains(&year) || !(1..=12).contains(&month) || day == 0 {
        return None;
    }
    let days = match month {
        1..=6 => 31,
        7..=11 => 30,
        _ if persian::is_leap_year(year) => 30,
        _ => 29,
    };
    if day > days {
        return None;
    }
    let (y, m, d) = gregorian::gregorian_from_fixed(persian::fixed_from_fast_persian(year, month, day)).ok()?;
    Date::new(y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(y: i32, m: u8, d: u8) -> Option<String> {
        solar_hijri_to_gregorian(y, m, d).map(|d| d.iso())
    }

    #[test]
    fn nowruz_and_known_days() {
        // Nowruz (1 Farvardin) as Iran's calendar printed it.
        let nowruz = [
            (1375, "1996-03-20"),
            (1380, "2001-03-21"),
            (1398, "2019-03-21"),
            (1399, "2020-03-20"),
            (1400, "2021-03-21"),
            (1402, "2023-03-21"),
            (1403, "2024-03-20"),
            (1404, "2025-03-21"),
        ];
        for (y, want) in nowruz {
            assert_eq!(g(y, 1, 1).as_deref(), Some(want), "{y}");
        }
        assert_eq!(g(1402, 7, 13).as_deref(), Some("2023-10-05"));
        assert_eq!(g(1399, 12, 30).as_deref(), Some("2021-03-20"), "1399 is a leap year");
        assert_eq!(g(1403, 12, 30).as_deref(), Some("2025-03-20"), "1403 is a leap year");
    }

    #[test]
    fn days_that_do_not_exist() {
        assert_eq!(g(1402, 12, 30), None, "1402 is no leap year");
        assert_eq!(g(1402, 7, 31), None);
        assert_eq!(g(1402, 13, 1), None);
        assert_eq!(g(1402, 1, 0), None);
        assert_eq!(g(1299, 1, 1), None);
    }
}
