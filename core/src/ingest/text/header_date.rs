//! Pass 4: the publication date, from the header zone only, on top of
//! [`crate::date`]: date lines (dates inside prose are events, never
//! publication dates; a date glued to the end of a header line or after a
//! byline on it counts as a date line; dates under a comment heading are
//! the comments'), `published`/`updated` labels, the day/month order of a
//! numeric date read from the page's other dates, and, when no date line
//! exists, a weekday printed with a day and month (`on Monday (11
//! January)`) with the year inferred from the latest year the text
//! mentions.

use super::byline::after_byline;
use super::lines::{ends_sentence, is_comments_heading, key, LineKind};
use super::main_text::Span;
use super::phrases::{has, phrases};
use crate::date::{find_dates, infer_year, DateMatch};
use crate::model::{DateInfo, DatePrecision};

/// How many lines from the headline a date line still stands next to it.
pub(super) const HEADLINE_NEAR: usize = 12;

/// A date line: a short line whose main content is a dated expression
/// (`Russian Politics & Diplomacy October 05, 2023, 21:49`, `Published: ...`).
pub(super) fn is_date_line(line: &str) -> bool {
    if !line.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let n = line.chars().count();
    if n > 120 {
        return false;
    }
    let dates = find_dates(line);
    let Some(m) = dates.iter().find(|m| m.year.is_some()) else {
        return false;
    };
    let covered = m.span.len() as f32 / line.len().max(1) as f32;
    covered >= 0.3 || n <= 60 || !ends_sentence(line)
}

/// The publication date on a date line: the first date with a year, unless
/// a later one on the line follows a "published" word (`Updated March 5,
/// 2020 · Published March 3, 2020`).
pub(super) fn published_on_line(line: &str) -> Option<DateMatch> {
    let mut dates = find_dates(line).into_iter().filter(|m| m.year.is_some()).peekable();
    let first = dates.next()?;
    // A period (`09 Jan 2014 - 01 Jan 2017`) dates no publication.
    if let Some(second) = dates.peek() {
        let between = line.get(first.span.end..second.span.start).unwrap_or_default().trim().to_lowercase();
        if matches!(between.as_str(), "-" | "–" | "—" | "to" | "bis" | "au") {
            return None;
        }
    }
    let mut from = first.span.end;
    for m in dates {
        let before = line.get(from..m.span.start).unwrap_or_default().to_lowercase();
        if phrases().all.published.iter().any(|w| before.contains(w.as_str())) {
            return Some(m);
        }
        from = m.span.end;
    }
    Some(first)
}

/// A date with a year that ends `line` and stands apart from the text
/// before it: glued to it (`... its recovery?Monday, 6 January 2020`) or
/// right after a byline (`Headline By Jane Doe Wednesday Sep 13, 2017 ·
/// 9:01 AM EDT`). It is a date element whose line break was lost, not a
/// date ending a sentence (`... put it to a vote on 9 March 2021`).
pub(super) fn glued_trailing_date(line: &str) -> Option<DateMatch> {
    let m = find_dates(line).pop().filter(|m| m.year.is_some() && m.span.end == line.trim_end().len())?;
    let before = line.get(..m.span.start)?;
    let last = before.chars().next_back()?;
    let glued = last.is_alphabetic() || matches!(last, '.' | '?' | '!' | '"' | '”' | '’' | '…');
    (glued || after_byline(before)).then_some(m)
}

/// A date with a year opening a header line and set off from the text
/// after it: `12.03.2021 – The council ...`, `Press release of 25 January
/// 2022 | Berlin – ...`, `19.10.2019, 15:30 UhrThe ...` (a line break
/// lost). At most three words, without digits, may stand before it (a
/// label or a place); a date range (`12.03. – 15.03.2021`) is not one.
pub(super) fn leading_date(line: &str) -> Option<DateMatch> {
    let mut dates = find_dates(line).into_iter();
    let m = dates.next().filter(|m| m.year.is_some())?;
    let before = line.get(..m.span.start)?;
    if before.split_whitespace().count() > 3 || before.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    // The text after it, past a German "Uhr" closing the time.
    let rest = line.get(m.span.end..)?;
    let after = rest.trim_start().strip_prefix("Uhr").unwrap_or(rest);
    // Glued: no space between the date and a capitalised word.
    let glued = after.chars().next().is_some_and(char::is_uppercase);
    let set_off = glued || after.trim_start().starts_with(['|', '–', '—', '-', ':']);
    let range =
        dates.next().is_some_and(|n| line.get(m.span.end..n.span.start).is_some_and(|b| b.chars().count() <= 3));
    (set_off && !range).then_some(m)
}

/// A date with a year printed as a part of the page title (the first
/// line), between title separators: `Harbour plan approved - 11/05/2022 -
/// The Harbour Times`. A slashed date is read day first on a page not in
/// English.
pub(super) fn title_date(lines: &[String]) -> Option<DateInfo> {
    let title = lines.first()?;
    let m = find_dates(title).into_iter().find(|m| m.year.is_some())?;
    let sep =
        |t: &str| t.is_empty() || t.ends_with(['-', '|', '–', '—', '·']) || t.starts_with(['-', '|', '–', '—', '·']);
    let before = title.get(..m.span.start)?.trim_end();
    let after = title.get(m.span.end..)?.trim_start();
    if !(sep(before) && sep(after)) || (before.is_empty() && after.is_empty()) {
        return None;
    }
    let day = if m.day_first == Some(false) && !is_english(lines) { m.other_reading() } else { m.date() }?;
    Some(DateInfo::printed(
        Some(day),
        m.time,
        format!("page title: \"{}\"", title.get(m.span.clone()).unwrap_or_default()),
    ))
}

/// The other reading of a numeric publication date whose day/month order
/// was only guessed (`02/10/2020`), with the reason, when the page says so:
///
/// 1. the page's other numeric dates whose order is certain (`25/10/2020`
///    is day-first) all read the other way; else
/// 2. every dated event printed in the article (`article`, captions
///    included, other date lines not) falls after the guessed reading and
///    none after the other one: an article reports events before it is
///    published; else
/// 3. the page is not in English: only English-language pages print a
///    slashed date month first (`04/05/2022` is 4 May in Brazil).
///
/// `None` keeps the guessed reading.
pub(super) fn numeric_order(
    m: &DateMatch,
    lines: &[String],
    kinds: &[LineKind],
    own: usize,
    article: std::ops::Range<usize>,
) -> Option<(crate::model::Date, &'static str)> {
    let guessed = m.date()?;
    let other = m.other_reading()?;
    let mut orders = lines.iter().flat_map(|l| find_dates(l)).filter(|d| !d.order_guessed).filter_map(|d| d.day_first);
    if let Some(first) = orders.next() {
        if orders.all(|o| o == first) {
            return (Some(first) != m.day_first)
                .then_some((other, "day and month order from the page's other numeric dates"));
        }
    }
    let events: Vec<crate::model::Date> = article
        .filter(|&i| i != own && i < lines.len() && matches!(kinds[i], LineKind::Text | LineKind::Caption))
        .flat_map(|i| find_dates(&lines[i]))
        .filter_map(|d| d.date())
        .collect();
    if let (Some(earliest), Some(latest)) = (events.iter().min(), events.iter().max()) {
        if guessed < *earliest && other >= *latest {
            return Some((other, "day and month order that puts the events the article reports before it"));
        }
    }
    (m.day_first == Some(false) && !is_english(lines))
        .then_some((other, "day first, as outside English-language pages"))
}

/// Whether the page is written in English: its most common function words
/// (`the`, `and`, `of` ...) outnumber those of German, French, Spanish,
/// Portuguese, Italian and Dutch. Only English-language pages print
/// numeric dates month first (`05/04/2022` is 5 April in Brazil).
pub(super) fn is_english(lines: &[String]) -> bool {
    let ph = phrases();
    let (mut en, mut other) = (0usize, 0usize);
    for l in lines {
        // Every counted word is short: longer ones are not lower-cased.
        for w in l.split(|c: char| !c.is_alphabetic()).filter(|w| (2..=5).contains(&w.len())) {
            let w = w.to_lowercase();
            if has(&ph.english_words, &w) {
                en += 1;
            } else if has(&ph.other_words, &w) {
                other += 1;
            }
        }
    }
    en >= other
}

/// Day from a weekday printed with a day and month but no year
/// (`on Monday (11 January)`); the year is the unique one in
/// `latest..=latest+1` (latest = the latest year the text mentions) that
/// gives that weekday.
pub(super) fn infer_from_weekday(lines: &[String]) -> Option<DateInfo> {
    let years: Vec<i32> = lines.iter().flat_map(|l| mentioned_years(l)).collect();
    let latest = *years.iter().max()?;
    for (i, line) in lines.iter().enumerate() {
        for m in find_dates(line) {
            if let (None, Some(wd)) = (m.year, m.weekday) {
                if let Some(y) = infer_year(m.month, m.day, wd, latest, latest + 1) {
                    return Some(DateInfo {
                        date: crate::model::Date::new(y, m.month, m.day),
                        time: None,
                        precision: DatePrecision::YearInferred,
                        source: format!(
                            "line {}: \"{}\"; year {y} inferred from the weekday and the latest year the text mentions ({latest})",
                            i + 1,
                            quoted_span(line, m.span.clone())
                        ),
                    });
                }
            }
        }
    }
    None
}

/// The text of a span, with a closing parenthesis the span left open.
pub(super) fn quoted_span(line: &str, span: std::ops::Range<usize>) -> &str {
    let text = &line[span.clone()];
    if text.contains('(') && !text.contains(')') && line[span.end..].starts_with(')') {
        &line[span.start..span.end + 1]
    } else {
        text
    }
}

/// Four-digit years 1990..=2100 standing as words in a line.
pub(super) fn mentioned_years(line: &str) -> Vec<i32> {
    line.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<i32>().ok())
        .filter(|y| (1990..=2100).contains(y))
        .collect()
}

/// The publication date: the input's date when it gives one, else the
/// best date line of the header zone (see the module docs), else a weekday
/// with day and month in the article, else a date printed in the page
/// title. Impossible dates (outside 1990..=2100) are dropped with a warning.
#[allow(clippy::too_many_arguments)]
pub(super) fn publication_date(
    lines: &[String],
    kinds: &[LineKind],
    span: &Span,
    title_idx: Option<usize>,
    main_start: usize,
    hint: Option<&str>,
    warnings: &mut Vec<String>,
) -> DateInfo {
    let Span { start, end, head_lo, header_end, .. } = *span;
    // Date: date lines in the header (around the headline, before the main
    // text), else in the lines right after the article (above any comment
    // section); a "published" or "posted" line wins over others, an
    // "updated"/"modified" one loses.
    // A label for a date line stands on it or alone on the line before
    // ("Published:" / "22:00 GMT, 26 September 2020").
    let label = |i: usize| {
        let own = lines[i].to_lowercase();
        let prev = i
            .checked_sub(1)
            .map(|p| lines[p].to_lowercase())
            .filter(|p| p.chars().count() <= 24 && !p.bytes().any(|b| b.is_ascii_digit()))
            .unwrap_or_default();
        let has = |ks: &[String]| ks.iter().any(|k| own.contains(k.as_str()) || prev.contains(k.as_str()));
        if has(&phrases().all.published) {
            0
        } else if has(&phrases().all.updated) {
            2
        } else {
            1
        }
    };
    let dated = |i: usize| published_on_line(&lines[i]).map(|m| (i, m));
    // After the article, dates below a comment-section heading ("9
    // Comments", "Leave a Reply") are the comments' dates.
    let after_end = (end..lines.len().min(end + 25))
        .find(|&i| lines[i].chars().count() <= 120 && is_comments_heading(&key(&lines[i])))
        .unwrap_or(end + 25);
    let mut date_candidates: Vec<(usize, DateMatch)> = (0..lines.len())
        .filter(|&i| kinds[i] == LineKind::DateLine)
        .filter(|&i| (i >= head_lo && i < header_end) || (i >= end && i < after_end))
        .filter_map(dated)
        .collect();
    if !date_candidates.iter().any(|(i, _)| *i < header_end) {
        // No date line in the header: a date glued to the end of a header
        // line ("... its recovery?Monday, 6 January 2020") or ending it after
        // a byline ("Headline By Jane Doe Sep 13, 2017") is one that lost its
        // line break.
        date_candidates.extend(
            (head_lo..header_end.min(lines.len()))
                .filter(|&i| kinds[i] == LineKind::Text)
                .filter_map(|i| glued_trailing_date(&lines[i]).or_else(|| leading_date(&lines[i])).map(|m| (i, m))),
        );
    }
    if date_candidates.is_empty() {
        // A date line labelled as the publication date counts wherever it
        // stands (the main text may have been misplaced); so does one
        // labelled as the last change ("Aktualisiert: 30.12.2016"), when
        // nothing else dates the page, behind a "published" one.
        date_candidates =
            (0..lines.len()).filter(|&i| kinds[i] == LineKind::DateLine && label(i) != 1).filter_map(dated).collect();
    }
    // An "updated" line next to the headline beats an unlabelled date line
    // far from it (a teaser's date below a misplaced main text), but not an
    // unlabelled one next to the headline.
    let date_rank = |i: usize, m: &DateMatch| {
        let zone = usize::from(i >= end);
        let distance = i.abs_diff(title_idx.unwrap_or(0));
        // Near the headline: close to it and above the main text (a date
        // line after the text has started is a teaser's or an event's).
        let text_from = if main_start > title_idx.unwrap_or(0) { main_start } else { usize::MAX };
        let near = distance <= HEADLINE_NEAR && i < text_from;
        let tier = match (label(i), near) {
            (0, _) => 0,
            (1, true) => 1,
            (2, true) => 2,
            (1, false) => 3,
            _ => 4,
        };
        (zone, tier, distance, m.time.is_none())
    };
    let mut date = if let Some(d) = hint {
        match crate::date::parse_date_field(d) {
            Some((day, time)) => DateInfo::printed(Some(day), time, format!("given by the input: \"{d}\"")),
            None => {
                warnings.push(format!("date \"{d}\" given by the input is not a date"));
                DateInfo::unknown(format!("the input's date \"{d}\" is not a date"))
            }
        }
    } else if let Some((i, m)) = date_candidates.iter().min_by_key(|(i, m)| date_rank(*i, m)) {
        let (day, why) = match numeric_order(m, lines, kinds, *i, head_lo..end) {
            Some((day, why)) => (Some(day), format!(" ({why})")),
            None => (m.date(), String::new()),
        };
        DateInfo::printed(day, m.time, format!("date line {}: \"{}\"{why}", i + 1, &lines[*i][m.span.clone()]))
    } else {
        // Captions and credits right after the text belong to the article too.
        let tail = (end..lines.len()).find(|&i| kinds[i] == LineKind::TailMarker).unwrap_or(lines.len()).min(end + 8);
        // Else a date printed in the page title.
        infer_from_weekday(&lines[start.min(end)..tail]).or_else(|| title_date(lines)).unwrap_or_else(|| {
            DateInfo::unknown(
                "no publication date printed (dates inside the text are events, not the publication date)",
            )
        })
    };
    if let Some(d) = date.date {
        if !(1990..=2100).contains(&d.year) {
            warnings.push(format!("impossible publication date {} ignored", d.iso()));
            date = DateInfo::unknown(format!("printed date {} is impossible", d.iso()));
        }
    }
    date
}
