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
use super::lines::{ends_sentence, is_comments_heading, is_prose, key, width, LineKind};
use super::main_text::Span;
use super::phrases::{has, phrases};
use super::title::is_cjk;
use crate::date::{find_dates, infer_year, DateMatch};
use crate::model::{DateInfo, DatePrecision};

/// How the source of an unknown date starts when the header prints only a
/// revision's date (`Updated March 3, 2024`): the article was published
/// before it, on a day the page does not say.
pub const ONLY_REVISION: &str = "no publication date printed, only the date of a revision";

/// How many lines before and after a line printing the page title again
/// a date line stands in that line's header.
const TITLE_NEAR: (usize, usize) = (2, 4);

/// Lines other than the headline that print the page title again (its
/// first four words or more, up to a word boundary): `How Machine
/// Learning is Shaping eCommerce` under the page title `How Machine
/// Learning is Shaping eCommerce | Site`.
pub(super) fn title_repeats(lines: &[String], kinds: &[LineKind], title_idx: Option<usize>) -> Vec<usize> {
    let Some(page) = super::headline::page_title(lines, kinds) else { return Vec::new() };
    let title = key(&lines[page]);
    (0..lines.len())
        .filter(|&i| i != page && Some(i) != title_idx && kinds[i] == LineKind::Text)
        .filter(|&i| crate::text::chars_at_most(&lines[i], 200))
        // (Each line read only while its key is a prefix of the title's:
        // building every line's key was 4% of text ingest.)
        .filter(|&i| {
            crate::text::key_prefix_of(&lines[i], &title).is_some_and(|n| {
                title[..n].split(' ').count() >= 4 && title[n..].chars().next().is_none_or(|c| c == ' ')
            })
        })
        .collect()
}

/// How many lines from the headline a date line still stands next to it.
pub(super) const HEADLINE_NEAR: usize = 12;

/// A date line: a short line whose main content is a dated expression
/// (`Russian Politics & Diplomacy October 05, 2023, 21:49`, `Published: ...`).
pub(super) fn is_date_line(line: &str) -> bool {
    if !crate::date::has_digit(line) {
        return false;
    }
    // Chinese and Japanese print a sentence in a third of the characters.
    let n = width(line);
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

/// The publication date on a date line: the first date with a year that
/// is no end of a period, unless a later one on the line follows a
/// "published" word (`Updated March 5, 2020 · Published March 3, 2020`).
pub(super) fn published_on_line(line: &str) -> Option<DateMatch> {
    let mut dates = find_dates(line).into_iter().filter(|m| m.year.is_some() && !in_range(line, m));
    let first = dates.next()?;
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

/// Whether a date is one end of a period printed on its line: a dash or
/// a range word (`to`, `bis`, `au`, `до`) joins it to a number or a date
/// before it (`14. - 20. Januar 2022`, `09 Jan 2014 - 01 Jan 2017`, `bis
/// 31.12.2018`), or to a date after it (`12.03.2021 – 15.03.2021`).
pub(super) fn in_range(line: &str, m: &DateMatch) -> bool {
    let words = &phrases().all.range_words;
    let before = line.get(..m.span.start).unwrap_or_default().trim_end();
    if let Some(rest) = before.strip_suffix(['-', '–', '—']) {
        if rest.trim_end().ends_with(|c: char| c.is_numeric() || c == '.') {
            return true;
        }
    }
    // A range word joins a number or date before it to this one (`vom 9.
    // bis 12. April 2020`, `from 5 to 9 April 2020`): `Do 9 Apr 2020` has
    // no number before `Do`.
    if let Some((head, last)) = before.rsplit_once(char::is_whitespace) {
        let joined = head.trim_end().ends_with(|c: char| c.is_numeric() || c == '.');
        if joined && words.iter().any(|w| *w == last.to_lowercase()) {
            return true;
        }
    }
    let after = line.get(m.span.end..).unwrap_or_default().trim_start();
    let rest = match after.strip_prefix(['-', '–', '—']) {
        Some(r) => r,
        None => {
            let (w, r) = after.split_once(char::is_whitespace).unwrap_or((after, ""));
            if !words.iter().any(|x| x.as_str() == w.to_lowercase()) {
                return false;
            }
            r
        }
    }
    .trim_start();
    find_dates(rest).first().is_some_and(|n| n.span.start == 0)
}

/// Whether a line is a link to the previous or next post (`« Older post
/// 14.12.2019`, `Gin Tasting 15.05.2020 »`): its date is that post's.
fn is_post_link(line: &str) -> bool {
    let t = line.trim();
    t.starts_with(['«', '‹', '←']) || t.ends_with(['»', '›', '→'])
}

/// A date with a year that ends `line` and stands apart from the text
/// before it: glued to it (`... its recovery?Monday, 6 January 2020`) or
/// right after a byline (`Headline By Jane Doe Wednesday Sep 13, 2017 ·
/// 9:01 AM EDT`). It is a date element whose line break was lost, not a
/// date ending a sentence (`... put it to a vote on 9 March 2021`).
pub(super) fn glued_trailing_date(line: &str) -> Option<DateMatch> {
    let m = find_dates(line)
        .pop()
        .filter(|m| m.year.is_some() && m.span.end == line.trim_end().len() && !in_range(line, m))?;
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
    if before.split_whitespace().count() > 3 || crate::date::has_digit(before) {
        return None;
    }
    // The text after it, past a German "Uhr" closing the time.
    let rest = line.get(m.span.end..)?;
    let after = rest.trim_start().strip_prefix("Uhr").unwrap_or(rest);
    // Glued: no space between the date and a capitalised word.
    let glued = after.chars().next().is_some_and(char::is_uppercase);
    // `31. Oktober 2023. Dragqueens sind ...`: a date with a full stop
    // opens a paragraph as a dateline.
    let set_off = glued || after.trim_start().starts_with(['|', '–', '—', '-', ':']) || after.starts_with(". ");
    let range = in_range(line, &m)
        || dates.next().is_some_and(|n| line.get(m.span.end..n.span.start).is_some_and(|b| b.chars().count() <= 3));
    (set_off && !range).then_some(m)
}

/// A date with a year printed as a part of the page title (the first
/// line), between title separators: `Harbour plan approved - 11/05/2022 -
/// The Harbour Times`. A slashed date is read day first on a page not in
/// English.
pub(super) fn title_date(lines: &[String]) -> Option<DateInfo> {
    let title = lines.first()?;
    let m = find_dates(title).into_iter().find(|m| m.year.is_some())?;
    if in_range(title, &m) {
        return None;
    }
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
/// 0. the page prints one reading, not the other, with its month named
///    (`3 October 2023`); else
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
    // The same day printed with its month named (`3 October 2023` in a list
    // of the site's stories) settles the order when only one reading is.
    let named: Vec<crate::model::Date> = lines
        .iter()
        .filter(|l| l.chars().any(char::is_alphabetic))
        .flat_map(|l| find_dates(l))
        .filter(|d| d.day_first.is_none() && d.year.is_some())
        .filter_map(|d| d.date())
        .collect();
    match (named.contains(&guessed), named.contains(&other)) {
        (true, false) => return None,
        (false, true) => return Some((other, "day and month order from the same day printed with its month named")),
        _ => {}
    }
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

/// Whether the page is written in English: it prints English function
/// words (`the`, `and`, `of` ...), more than those of German, French,
/// Spanish, Portuguese, Italian and Dutch. Only English-language pages
/// print numeric dates month first (`05/04/2022` is 5 April in Brazil, and
/// `05/10/2023` 5 October on an Arabic page, which prints none).
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
    en > 0 && en >= other
}

/// Day from a weekday printed with a day and month but no year (`on
/// Monday (11 January)`) in the article's lead or a caption of its
/// pictures, which tell the news of the day; the year is the unique one
/// in `latest..=latest+1` (latest = the latest year the article mentions)
/// that gives that weekday. Other lines of the text tell of other days.
pub(super) fn infer_from_weekday(
    lines: &[String],
    kinds: &[LineKind],
    article: std::ops::Range<usize>,
) -> Option<DateInfo> {
    let article = article.start.min(lines.len())..article.end.min(lines.len());
    // (The latest year is read only once a weekday without a year is
    // found: reading every line's years for every page was 4% of text
    // ingest.)
    let mut latest: Option<Option<i32>> = None;
    let lead = article.clone().find(|&i| kinds[i] == LineKind::Text && is_prose(&lines[i]));
    for i in article.clone().filter(|&i| kinds[i] == LineKind::Caption || Some(i) == lead) {
        let line = &lines[i];
        for m in find_dates(line) {
            if let (None, Some(wd)) = (m.year, m.weekday) {
                let latest = (*latest
                    .get_or_insert_with(|| lines[article.clone()].iter().flat_map(|l| mentioned_years(l)).max()))?;
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

/// How many days after the latest day an article reports its year-less
/// dateline may fall.
const DATELINE_AFTER: i64 = 90;

/// The day of an agency dateline opening the lead and printed without a
/// year (`МОСКВА, 5 октября. /ТАСС/.`, `SOCHI, October 5. /TASS/.`): its
/// year is the one that puts it on or after the latest full date the
/// article reports, at most [`DATELINE_AFTER`] days later (an article
/// reports the days before it). Without such a date, none.
pub(super) fn dateline_day(lines: &[String], kinds: &[LineKind], article: std::ops::Range<usize>) -> Option<DateInfo> {
    let article = article.start.min(lines.len())..article.end.min(lines.len());
    let lead = article.clone().find(|&i| kinds[i] == LineKind::Text && is_prose(&lines[i]))?;
    let line = &lines[lead];
    super::byline::dateline(line)?;
    let place_end = line.find([',', '(', '—', '–'])?;
    let m = find_dates(line.get(place_end..)?).into_iter().next().filter(|m| m.span.start < 4 && m.year.is_none())?;
    let latest = article
        .filter(|&i| matches!(kinds[i], LineKind::Text | LineKind::Caption))
        .flat_map(|i| find_dates(&lines[i]))
        .filter_map(|d| d.date())
        .max()?;
    let day = [latest.year, latest.year + 1]
        .into_iter()
        .filter_map(|y| crate::model::Date::new(y, m.month, m.day))
        .find(|d| {
            let after = d.days_since_epoch() - latest.days_since_epoch();
            (0..=DATELINE_AFTER).contains(&after)
        })?;
    let printed = &line[place_end..][m.span.clone()];
    Some(DateInfo {
        date: Some(day),
        time: None,
        precision: DatePrecision::YearInferred,
        source: format!(
            "line {}: dateline \"{printed}\"; year {} from the latest day the article reports ({})",
            lead + 1,
            day.year,
            latest.iso()
        ),
    })
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
    // (By bytes: no byte of a multi-byte character is an ASCII digit.)
    line.as_bytes()
        .split(|b| !b.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .map(|w| w.iter().fold(0, |y, d| y * 10 + i32::from(d - b'0')))
        .filter(|y| (1990..=2100).contains(y))
        .collect()
}

/// How many lines apart two dated items of one list stand at most.
const LIST_GAP: usize = 6;

/// The day of a line dated the way items of a list are, with the byte
/// where its date starts: a short line (not a sentence, unless it is a
/// date line) that opens with the date (`20.10.2021 Title`, `Protokoll:
/// 26/12/2019`) or closes with it (`Lerndogmen und Bildungsmythen (4) 23.
/// Januar 2020`, `Title 14.10.2021 - 11:49`). A date inside a sentence
/// is an event, not an item's date.
fn list_item_date(line: &str, kind: LineKind) -> Option<(crate::model::Date, usize)> {
    if kind == LineKind::Junk || !crate::text::chars_at_most(line, 150) || !crate::date::has_digit(line) {
        return None;
    }
    let m = find_dates(line).into_iter().find(|m| m.year.is_some())?;
    let before = line.get(..m.span.start)?;
    let after = line.get(m.span.end..)?;
    let opens = before.split_whitespace().count() <= 3;
    let closes = after.chars().filter(|c| c.is_alphanumeric()).count() <= 3;
    // An item's title may end a sentence after its date (`29.02.2020 18:00
    // Uhr Portugal vs Spanien. Eine Blindprobe mit Tapas!`).
    let first = before.chars().all(|c| !c.is_alphanumeric());
    let sentence = kind != LineKind::DateLine && ends_sentence(line) && !first;
    (!sentence && (opens || closes)).then(|| m.date().map(|d| (d, m.span.start))).flatten()
}

/// The dated lines that belong to a list of other items (teasers,
/// archives, event listings): three or more unlabelled dated lines, each
/// at most [`LIST_GAP`] lines from the next, between the same headings.
/// An article's own header prints one date, or two (published and
/// updated), often labelled, and sometimes twice (`Jan 13, 2025` / `Jan
/// 13, 2025`): the same day printed again within three lines is one item.
pub(super) fn listed_dates(
    lines: &[String],
    kinds: &[LineKind],
    title_idx: Option<usize>,
    headings: &[bool],
) -> Vec<bool> {
    let items: Vec<(usize, crate::model::Date)> = (0..lines.len())
        .filter_map(|i| list_item_date(&lines[i], kinds[i]).map(|(d, at)| (i, d, at)))
        .filter(|&(i, _, at)| label_of(lines, i, at, title_idx) == Label::None)
        .map(|(i, d, _)| (i, d))
        .collect();
    // Items on two sides of the headline or of a story-list heading are
    // not one list.
    let mut side = Vec::with_capacity(lines.len());
    let mut part = 0;
    for i in 0..lines.len() {
        if Some(i) == title_idx || headings.get(i).copied().unwrap_or(false) {
            part += 1;
        }
        side.push(part);
    }
    let mut listed = vec![false; lines.len()];
    for run in items.chunk_by(|a, b| b.0 - a.0 <= LIST_GAP && side[a.0] == side[b.0]) {
        // The date right below the headline is the article's, even when a
        // list of three or more (a schedule in the text) follows it.
        let run = match (run.first(), title_idx) {
            (Some(&(i, _)), Some(t)) if i > t && i - t <= 2 && run.len() > 3 => &run[1..],
            _ => run,
        };
        let distinct = run.windows(2).filter(|w| !(w[0].1 == w[1].1 && w[1].0 - w[0].0 <= 3)).count() + 1;
        if run.len() >= 3 && distinct >= 3 {
            for &(i, _) in run {
                listed[i] = true;
            }
        }
    }
    listed
}

/// Whether a short line heads a list of other stories (`Related
/// articles`, `Explore related articles`, `Das Neueste`, `Читайте
/// также`): the line is such a phrase, or starts or ends with one of two
/// words or more and says at most two words more.
pub(super) fn is_story_list_heading(line: &str) -> bool {
    if !crate::text::chars_at_most(line, 50) {
        return false;
    }
    /// The folded phrases, by their number of words.
    static BY_WORDS: std::sync::OnceLock<Vec<std::collections::HashSet<String>>> = std::sync::OnceLock::new();
    let by_words = BY_WORDS.get_or_init(|| {
        let mut sets = Vec::new();
        for p in phrases().story_list_keys.iter().filter(|p| !p.is_empty()) {
            let n = p.split(' ').count();
            if sets.len() <= n {
                sets.resize_with(n + 1, std::collections::HashSet::new);
            }
            sets[n].insert(p.clone());
        }
        sets
    });
    let k = key(line);
    let words: Vec<&str> = k.split(' ').collect();
    let has = |n: usize, part: &[&str]| by_words.get(n).is_some_and(|set| set.contains(&part.join(" ")));
    has(words.len(), &words)
        || (2..by_words.len())
            .filter(|&n| n < words.len() && words.len() <= n + 2)
            .any(|n| has(n, &words[..n]) || has(n, &words[words.len() - n..]))
}

/// The lines below a heading of a list of other stories, up to the
/// headline when it stands below the heading (a sidebar above the
/// article), else to the end of the page.
pub(super) fn story_zone(headings: &[bool], title_idx: Option<usize>) -> Vec<bool> {
    let mut zone = vec![false; headings.len()];
    let mut on = false;
    for (i, &heading) in headings.iter().enumerate() {
        if Some(i) == title_idx {
            on = false;
        } else if heading {
            on = true;
        } else {
            zone[i] = on;
        }
    }
    zone
}

/// What the label printed with a date says it dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Label {
    /// `Published`, `Posted`, `Veröffentlicht` ...: the publication.
    Published,
    /// No label.
    None,
    /// `Updated`, `Last modified`, `Aktualisiert` ...: a later revision.
    Revision,
    /// `Joined`, `Release:`, `as of`, `Termin:` ...: something else's date.
    Other,
}

/// The last label phrase in `text` (lower case), starting at a word
/// boundary (`update:` is no `date:`), with its end.
fn last_label(text: &str) -> Option<(usize, Label)> {
    let ph = phrases();
    // Chinese and Japanese have no spaces between words (`新闻发布时间`).
    let at_word = |i: usize| text[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric() || is_cjk(c));
    let word_end = |i: usize| text[i..].chars().next().is_none_or(|c| !c.is_alphanumeric());
    // Publication and revision labels are stems (`veröffentlicht` in
    // `veröffentlichte`); the others are whole words (`bis`, not `bisher`).
    let find = |list: &[String], whole: bool| {
        list.iter()
            .filter_map(|p| {
                text.match_indices(p.as_str())
                    .filter(|(i, p)| at_word(*i) && (!whole || word_end(i + p.len())))
                    .last()
                    .map(|(i, p)| i + p.len())
            })
            .max()
    };
    let last = |list: &[String]| find(list, false);
    [
        (last(&ph.all.published), Label::Published),
        (last(&ph.all.updated), Label::Revision),
        (find(&ph.all.other_dates, true), Label::Other),
    ]
    .into_iter()
    .filter_map(|(end, l)| end.map(|e| (e, l)))
    .max_by_key(|(e, _)| *e)
}

/// Whether the last label phrase in `before` (the text printed before a
/// date, lower case) says the date is something else's (`Joined`, a page
/// clock's `It is currently`): the HTML path asks this of a date element's
/// own text.
pub(crate) fn labels_another_date(before: &str) -> bool {
    matches!(last_label(before), Some((_, Label::Other)))
}

/// The label of the date at byte `at` of line `i`: the last label phrase
/// before it on its line, else one after it when no other date follows
/// (`04/02/2020 von kj veröffentlicht`), else one on the line before when
/// that line prints no date of its own and is a bare label or ends with it
/// (`Last updated:` / `January 12, 2026`), else a "published" one on the
/// line after (`Dieser Beitrag
/// wurde am` / `04/02/2020` / `von kj in Politik veröffentlicht.`). The
/// headline labels nothing (`Das ändert sich ...: die wichtigsten
/// Änderungen`).
pub(super) fn label_of(lines: &[String], i: usize, at: usize, title_idx: Option<usize>) -> Label {
    let line = &lines[i];
    let before = line.get(..at).unwrap_or_default().to_lowercase();
    if let Some((_, l)) = last_label(&before) {
        return l;
    }
    let after = line.get(at..).unwrap_or_default();
    let alone = find_dates(after).len() <= 1;
    if let Some((_, l)) = last_label(&after.to_lowercase()).filter(|_| alone) {
        return l;
    }
    let near = |j: usize| {
        lines
            .get(j)
            .filter(|l| Some(j) != title_idx && crate::text::chars_at_most(l, 160) && !has_date(l))
            .map(|l| l.to_lowercase())
            .unwrap_or_default()
    };
    // The line before labels the date when it is a bare label or ends with
    // one; a "published" word anywhere in it counts (`Dieser Eintrag wurde
    // veröffentlicht in Politik` / `11. Dezember 2012`).
    let prev = i.checked_sub(1).map(near).unwrap_or_default();
    let prev = prev.trim_end_matches([' ', ':', '.', '-', '–', '—', '|', '•', '·']);
    if let Some((end, l)) = last_label(prev) {
        if l == Label::Published || crate::text::chars_at_most(prev, 30) || prev[end..].split_whitespace().count() <= 1
        {
            return l;
        }
    }
    match last_label(&near(i + 1)) {
        Some((_, Label::Published)) => Label::Published,
        _ => Label::None,
    }
}

/// Whether the date line `i` has a revision label of its own line above it
/// in the header (`Updated` / headline / standfirst / byline / `Mar 11,
/// 2026`): a bare label (`Updated`, `Last updated:`) at most five lines
/// up, within the header zone from `head_lo`, with no date line between.
/// The date under it is the revision's, not the publication's.
pub(super) fn revision_label_above(lines: &[String], kinds: &[LineKind], i: usize, head_lo: usize) -> bool {
    (i.saturating_sub(5).max(head_lo)..i).rev().take_while(|&j| kinds[j] != LineKind::DateLine).any(|j| {
        let l = lines[j].to_lowercase();
        let l = l.trim().trim_end_matches([':', '.', ' ']);
        crate::text::chars_at_most(l, 20)
            && matches!(last_label(l), Some((end, Label::Revision)) if end == l.len())
            && l.split_whitespace().count() <= 2
    })
}

/// Whether the date line `i` belongs to a post embedded in the article: it
/// or the line before prints the embed's frame (`A post shared by`, phrase
/// list `embeds`).
pub(super) fn embedded(lines: &[String], i: usize) -> bool {
    let frame = |j: usize| {
        lines.get(j).is_some_and(|l| {
            let l = l.to_lowercase();
            phrases().all.embeds.iter().any(|p| l.contains(p.as_str()))
        })
    };
    frame(i) || i.checked_sub(1).is_some_and(frame)
}

/// The earliest day the header zone (`head_lo..header_end`) labels as a
/// revision (`Updated March 3, 2024`, `Reviewed by X on December 9,
/// 2024.`), on a date line or a header line of text.
pub(super) fn first_revision(
    lines: &[String],
    kinds: &[LineKind],
    head_lo: usize,
    header_end: usize,
    title_idx: Option<usize>,
) -> Option<crate::model::Date> {
    (head_lo..header_end.min(lines.len()))
        .filter(|&i| {
            matches!(kinds[i], LineKind::DateLine | LineKind::Text) && crate::text::chars_at_most(&lines[i], 200)
        })
        .filter(|&i| crate::date::has_digit(&lines[i]))
        .flat_map(|i| {
            find_dates(&lines[i])
                .into_iter()
                .filter(move |m| m.year.is_some() && label_of(lines, i, m.span.start, title_idx) == Label::Revision)
                // A day and month order only guessed: the later reading
                // (`atualizado em 04/05/2022` may be 4 May).
                .filter_map(|m| m.date().max(m.other_reading()))
        })
        .min()
}

/// Whether a line prints a date (with or without a year).
fn has_date(line: &str) -> bool {
    crate::date::has_digit(line) && !find_dates(line).is_empty()
}

/// The publication date: the input's date when it gives one, else the
/// best date line of the header zone (see the module docs), else a weekday
/// with day and month in the article, else a date printed in the page
/// title. Impossible dates (outside [`crate::date::PUBLICATION_YEARS`]) are dropped with a warning.
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
    // section); a "published" or "posted" line wins over others. A date
    // labelled as a revision ("Updated", "Last modified", "Reviewed") is
    // never the publication date: the article was published before it.
    let labels: Vec<std::cell::OnceCell<Label>> = vec![std::cell::OnceCell::new(); lines.len()];
    let label = |i: usize| {
        *labels[i].get_or_init(|| {
            match label_of(lines, i, published_on_line(&lines[i]).map_or(0, |m| m.span.start), title_idx) {
                Label::None if revision_label_above(lines, kinds, i, head_lo) => Label::Revision,
                l => l,
            }
        })
    };
    // Dates in lists of other items (teasers, archives, events) and below
    // the heading of a list of other stories are never the article's; a
    // date labelled as published below such a heading may be (a metadata
    // block at the foot of the page), unless it is one of a list.
    let headings: Vec<bool> = lines.iter().map(|l| is_story_list_heading(l)).collect();
    let listed = listed_dates(lines, kinds, title_idx, &headings);
    let stories = story_zone(&headings, title_idx);
    let dated = |i: usize| {
        published_on_line(&lines[i])
            .map(|m| (i, m))
            .filter(|_| !listed[i] && !is_post_link(&lines[i]) && !embedded(lines, i))
            .filter(|_| matches!(label(i), Label::Published | Label::None))
            .filter(|_| !stories[i] || label(i) == Label::Published)
    };
    // After the article, dates below a comment-section heading ("9
    // Comments", "Leave a Reply") are the comments' dates.
    let after_end = (end..lines.len().min(end + 25))
        .find(|&i| crate::text::chars_at_most(&lines[i], 120) && is_comments_heading(&key(&lines[i])))
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
                .filter(|&i| kinds[i] == LineKind::Text && !listed[i] && !stories[i])
                .filter_map(|i| glued_trailing_date(&lines[i]).or_else(|| leading_date(&lines[i])).map(|m| (i, m))),
        );
    }
    if date_candidates.is_empty() {
        // The headline found may be another story's (a menu, a teaser): a
        // line printing the page title again heads the article too, and a
        // date line right around it is the article's.
        date_candidates = title_repeats(lines, kinds, title_idx)
            .into_iter()
            .flat_map(|t| t.saturating_sub(TITLE_NEAR.0)..(t + TITLE_NEAR.1 + 1).min(lines.len()))
            .filter(|&i| kinds[i] == LineKind::DateLine)
            .filter_map(dated)
            .collect();
    }
    if date_candidates.is_empty() {
        // A date line labelled as the publication date counts wherever it
        // stands (the main text may have been misplaced).
        date_candidates = (0..lines.len())
            .filter(|&i| kinds[i] == LineKind::DateLine && label(i) == Label::Published)
            .filter_map(dated)
            .collect();
    }
    // The article was published on or before its first revision (see
    // below): a date after it is none of the candidates, and an unlabelled
    // one of the revision's day below the article is the revision printed
    // again.
    let revised = if hint.is_none() { first_revision(lines, kinds, head_lo, header_end, title_idx) } else { None };
    if let Some(rev) = revised {
        date_candidates.retain(|(i, m)| {
            m.date().is_none_or(|d| d < rev || (d == rev && (*i < end || label(*i) == Label::Published)))
        });
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
        // A "published" label wins next to the headline; far from it (an
        // embedded post inside the text: "Posted by X on Monday, February
        // 7, 2022") it loses to an unlabelled date next to the headline.
        let tier = match (label(i), near) {
            (Label::Published, true) => 0,
            (_, true) => 1,
            (Label::Published, false) => 2,
            (_, false) => 3,
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
    } else if let Some((i, m)) = date_candidates.iter().min_by_key(|(i, m)| date_rank(*i, m)).map(|best| {
        // Two unlabelled dates next to each other in a header are the
        // publication and a later update: the earlier is the publication.
        if label(best.0) != Label::None {
            return best;
        }
        let bare = |i: usize, m: &DateMatch| 2 * m.span.len() >= lines[i].trim().len();
        if !bare(best.0, &best.1) {
            return best;
        }
        date_candidates
            .iter()
            .filter(|(j, n)| j.abs_diff(best.0) <= 2 && label(*j) == Label::None && bare(*j, n))
            .filter(|(_, n)| n.date() < best.1.date())
            .min_by_key(|(_, n)| n.date())
            .unwrap_or(best)
    }) {
        let (day, why) = match numeric_order(m, lines, kinds, *i, head_lo..end) {
            Some((day, why)) => (Some(day), format!(" ({why})")),
            None => (m.date(), String::new()),
        };
        let calendar = match m.calendar {
            crate::date::Calendar::SolarHijri => " (Solar Hijri calendar)",
            crate::date::Calendar::JapaneseEra => " (Japanese era year)",
            crate::date::Calendar::Gregorian => "",
        };
        DateInfo::printed(
            day,
            m.time,
            format!("date line {}: \"{}\"{calendar}{why}", i + 1, &lines[*i][m.span.clone()]),
        )
    } else {
        // Captions and credits right after the text belong to the article too.
        let tail = (end..lines.len()).find(|&i| kinds[i] == LineKind::TailMarker).unwrap_or(lines.len()).min(end + 8);
        // Else a date printed in the page title.
        dateline_day(lines, kinds, start.min(end)..end)
            .or_else(|| infer_from_weekday(lines, kinds, start.min(end)..tail))
            .or_else(|| title_date(lines))
            .unwrap_or_else(|| {
                // Say so when the header prints only a revision's date.
                let revision = (head_lo..header_end.min(lines.len()))
                    .chain(end..after_end.min(lines.len()))
                    .filter(|&i| kinds[i] == LineKind::DateLine && label(i) == Label::Revision)
                    .find_map(|i| published_on_line(&lines[i]).map(|m| (i, m)));
                match revision {
                    Some((i, m)) => DateInfo::unknown(format!(
                        "{ONLY_REVISION} (date line {}: \"{}\")",
                        i + 1,
                        &lines[i][m.span.clone()]
                    )),
                    None => DateInfo::unknown(
                        "no publication date printed (dates inside the text are events, not the publication date)",
                    ),
                }
            })
    };
    // The article was published on or before its first revision: a date
    // after the earliest revision the header prints (`Reviewed by X on
    // December 9, 2024` under a page title dated 12/20/2024) is another
    // change's, not the publication's.
    if let (None, Some(d), Some(rev)) = (hint, date.date, revised) {
        if d > rev {
            date = DateInfo::unknown(format!(
                "{ONLY_REVISION} (printed date {} is after the revision of {})",
                d.iso(),
                rev.iso()
            ));
        }
    }
    if let Some(d) = date.date {
        if !crate::date::PUBLICATION_YEARS.contains(&d.year) {
            warnings.push(format!("impossible publication date {} ignored", d.iso()));
            date = DateInfo::unknown(format!("printed date {} is impossible", d.iso()));
        }
    }
    date
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_string).collect()
    }

    #[test]
    fn labels_table() {
        let cases: &[(&str, usize, Label)] = &[
            ("Con\u{ad}trac\u{ad}ting-Be\u{ad}ra\u{ad}tung (bis 31.12.2018)", 0, Label::Other),
            ("Published: 3 March 2020", 0, Label::Published),
            ("Update: 3 March 2020", 0, Label::Revision),
            ("Reviewed by Jane Doe, Dietitian, on 3 March 2020.", 0, Label::Revision),
            ("Fact checked by Jane Doe 3 March 2020", 0, Label::Revision),
            ("Joined: Mar 3, 2020", 0, Label::Other),
            ("Mitglied seit 03.03.2020", 0, Label::Other),
            ("bisher 03.03.2020", 0, Label::None),
            ("August 16, 2019 - Updated July 9, 2025", 0, Label::None),
        ];
        for &(line, i, want) in cases {
            let ls = lines(line);
            let at = find_dates(&ls[i]).first().map_or(0, |m| m.span.start);
            assert_eq!(label_of(&ls, i, at, None), want, "{line:?}");
        }
    }
}
