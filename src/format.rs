//! Small display helpers shared by the views.

use dateline_core::model::{Date, DateInfo, DatePrecision};

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// `11 Jan 2021 · 16:16`, `11 Jan 2021`, `undated`.
pub fn date(info: &DateInfo) -> String {
    match info.date {
        None => "undated".into(),
        Some(d) => {
            let day = format!("{} {} {}", d.day, MONTHS[usize::from(d.month - 1)], d.year);
            match (info.time, info.precision) {
                (Some(t), _) => format!("{day} · {:02}:{:02}", t.hour, t.minute),
                (None, DatePrecision::YearInferred) => format!("{day} (year inferred)"),
                (None, _) => day,
            }
        }
    }
}

/// `9 Nov 2020`.
pub fn day(d: Date) -> String {
    format!("{} {} {}", d.day, MONTHS[usize::from(d.month.clamp(1, 12) - 1)], d.year)
}

/// Human wording of a date precision.
pub fn precision(p: DatePrecision) -> &'static str {
    match p {
        DatePrecision::ExactTime => "date and time printed",
        DatePrecision::Day => "date printed",
        DatePrecision::YearInferred => "day printed, year inferred",
        DatePrecision::Unknown => "no publication date",
    }
}

/// Colour-blind-safe outlet palette (Okabe–Ito), by outlet slot; the
/// unknown-outlet slot is grey. For SVG `fill` attributes; HTML elements
/// use the same colours through [`crate::style::outlet_class`].
pub fn outlet_color(slot: usize, outlets: usize) -> &'static str {
    const PALETTE: [&str; crate::style::PALETTE_SIZE] =
        ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7A5C00", "#882255"];
    if slot >= outlets {
        "#8a8a8a"
    } else {
        PALETTE[slot % PALETTE.len()]
    }
}

/// Longest outlet or author name shown in a chip (the full name is its
/// tooltip and stands in the reader's provenance).
pub const NAME_CHARS: usize = 60;

/// A name cut to [`NAME_CHARS`] characters with `…`.
pub fn short_name(name: &str) -> String {
    if name.chars().count() <= NAME_CHARS {
        name.to_string()
    } else {
        format!("{}…", name.chars().take(NAME_CHARS - 1).collect::<String>())
    }
}

/// `1 article`, `5 articles`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// How a language is named in the app: its own name, and the English one
/// when they differ (`Русский (Russian)`); an unknown code as it is.
pub fn language_name(code: &str) -> String {
    match dateline_core::lang::by_code(code) {
        Some(l) if l.native != l.name => format!("{} ({})", l.native, l.name),
        Some(l) => l.name.to_string(),
        None => code.to_string(),
    }
}
