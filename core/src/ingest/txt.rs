//! Extraction of one article from raw scraped page text.
//!
//! Scraped text is a sequence of lines: site furniture (icon sprites, skip
//! links, menus), a title, a date line, sometimes a byline and captions, the
//! article's paragraphs, and then more furniture (promos, share prompts,
//! "Related articles" with whole other stories, comment widgets).
//!
//! The extractor works in four passes:
//!
//! 1. **Classify** every line ([`LineKind`]) with generic rules that hold
//!    across outlets (see [`classify`]) plus the identified outlet's
//!    registry `boilerplate` prefixes.
//! 2. **Cut the tail** at the first tail marker (`Related articles`,
//!    `Editor's choice`, `Popular`, `Podcasts`, `Comments are closed` ...)
//!    that stands after the article has started.
//! 3. **Find the title**: the first title-like text line; copies of it later
//!    are dropped. Site suffixes (` | Outlet`, ` — RT World News`) are
//!    stripped.
//! 4. **Find metadata** in the header zone: the publication date from date
//!    lines only (dates inside prose are events, never publication dates),
//!    the author from a byline or a name-only line, the agency dateline
//!    (`SOCHI, October 5. /TASS/.`). When no date line exists, a weekday
//!    printed with a day and month (`on Monday (11 January)`) gives the day,
//!    and the year is inferred from the weekday and the latest year the
//!    text mentions; the precision says so.
//!
//! The first remaining paragraph is the lead; the rest is the body, where
//! short unpunctuated lines become headings.

use super::registry::{OutletEntry, Registry};
use crate::date::{find_dates, infer_year, DateMatch};
use crate::model::{Block, DateInfo, DatePrecision};
use crate::text::fold;

/// Metadata given by the input itself (front matter, CSV/JSON columns);
/// it always wins over what the extractor finds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hints {
    /// Title.
    pub title: Option<String>,
    /// Outlet name or key.
    pub outlet: Option<String>,
    /// Date string.
    pub date: Option<String>,
    /// Author(s).
    pub author: Option<String>,
    /// URL.
    pub url: Option<String>,
}

/// What the extractor found in one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    /// Title without site suffix.
    pub title: String,
    /// Publication date.
    pub date: DateInfo,
    /// Author(s).
    pub author: Option<String>,
    /// Agency dateline place.
    pub dateline: Option<String>,
    /// First paragraph.
    pub lead: String,
    /// The other paragraphs.
    pub body: Vec<Block>,
    /// Warnings about this text.
    pub warnings: Vec<String>,
}

/// The kind of one line of scraped text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Article text (title, paragraph, heading, byline...).
    Text,
    /// Site furniture to drop (icons, skip links, prompts, promos, credits).
    Junk,
    /// A promo marker alone on its line (`RELATED:`): the headline on the
    /// next line is dropped too.
    PromoMarker,
    /// A picture caption.
    Caption,
    /// Start of the page's tail (related stories, comments...).
    TailMarker,
    /// A line whose content is mainly a date.
    DateLine,
}

const SKIP_LINKS: &[&str] = &[
    "skip to",
    "jump to",
    "aller au contenu",
    "перейти к",
    "zum inhalt",
    "saltar al contenido",
    "ir al contenido",
    "vai al contenuto",
    "icerige gecmek",
    "passer au contenu",
];

const PROMPTS: &[&str] = &[
    "like this story",
    "share it with a friend",
    "share this",
    "share on",
    "follow us",
    "subscribe to",
    "subscribe now",
    "sign up for",
    "newsletter",
    "click here",
    "advertisement",
    "leave a comment",
    "listen to this article",
    "print this",
    "email this",
    "we use cookies",
    "this website uses cookies",
    "accept all cookies",
    "accept cookies",
    "read more on the site",
    "enlarge this image",
    "toggle caption",
    "all rights reserved",
    "opinions expressed are those of",
    "views expressed are those of",
    "do not purport to reflect",
    "do not necessarily reflect",
    "support our journalism",
    "download our app",
];

const PROMO_PREFIXES: &[&str] = &[
    "also on ",
    "read more:",
    "read also:",
    "also read:",
    "see also:",
    "related:",
    "related stories:",
    "recommended:",
    "more:",
    "watch:",
    "listen:",
    "read next:",
    "читайте также",
];

const TAIL_MARKERS: &[&str] = &[
    "related articles",
    "related stories",
    "related news",
    "related coverage",
    "related content",
    "related posts",
    "related",
    "editor's choice",
    "popular",
    "most popular",
    "most read",
    "more stories",
    "more news",
    "you may also like",
    "you might also like",
    "recommended",
    "recommended for you",
    "trending",
    "latest news",
    "comments",
    "podcasts",
    "yorumlar kapatildi",
    "comments are closed",
    "leave a reply",
    "share this article",
    "about the author",
    "tags",
    "topics",
    "read more",
];

const CAPTION_PREFIXES: &[&str] = &[
    "photo:",
    "photo by",
    "photos:",
    "image:",
    "picture:",
    "credit:",
    "file photo",
    "pictured:",
    "illustration:",
    "video:",
];

/// Collapses runs of whitespace (including no-break spaces) to one space.
fn clean_line(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lowercase, diacritic-folded, punctuation turned into single spaces.
fn key(line: &str) -> String {
    crate::text::terms(line).join(" ")
}

fn is_timestamp(line: &str) -> bool {
    let parts: Vec<&str> = line.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts.iter().all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
}

fn is_separator(line: &str) -> bool {
    !line.is_empty() && line.chars().all(|c| !c.is_alphanumeric())
}

fn ends_sentence(line: &str) -> bool {
    let l = line.trim_end_matches(['"', '”', '’', '»', ')', '\'', ']']);
    l.ends_with(['.', '!', '?', '…', ':', ';'])
}

/// Classifies one cleaned line with the generic rules and the outlet's own
/// boilerplate prefixes.
pub fn classify(line: &str, outlet: Option<&OutletEntry>) -> LineKind {
    let lower = line.to_lowercase();
    let k = key(line);
    let short = line.chars().count() < 160;
    if lower.matches("icon").count() >= 5 || is_timestamp(line) || is_separator(line) {
        return LineKind::Junk;
    }
    if short && SKIP_LINKS.iter().any(|s| k.starts_with(&key(s)) || lower.starts_with(s)) {
        return LineKind::Junk;
    }
    if let Some(o) = outlet {
        if o.boilerplate.iter().any(|b| lower.starts_with(&b.to_lowercase())) {
            return LineKind::Junk;
        }
    }
    if matches!(lower.as_str(), "related:" | "read more:" | "read also:" | "see also:" | "also read:" | "recommended:")
    {
        return LineKind::PromoMarker;
    }
    if line.chars().count() < 300 && PROMO_PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return LineKind::Junk;
    }
    if line.starts_with('*') && lower.contains("opinion") {
        return LineKind::Junk;
    }
    if short && PROMPTS.iter().any(|p| lower.contains(p)) {
        return LineKind::Junk;
    }
    if short && (lower.starts_with('©') || lower.starts_with("copyright ") || lower.starts_with("(c) ")) {
        return LineKind::Junk;
    }
    // Credit lines: "Source: X", "teleSUR/ JF Source: EFE".
    if short && (lower.starts_with("source:") || lower.starts_with("sources:") || lower.contains(" source: ")) {
        return LineKind::Junk;
    }
    if line.chars().count() <= 40 && TAIL_MARKERS.iter().any(|m| key(m) == k) {
        return LineKind::TailMarker;
    }
    if CAPTION_PREFIXES.iter().any(|p| lower.starts_with(p))
        || (line.chars().count() < 300 && (lower.contains(" photo: ") || lower.contains(". photo:")))
        || (line.contains("(L)") && line.contains("(R)"))
        || (short && (lower.contains("getty images") || lower.contains("/afp") || lower.contains("/ afp")))
    {
        return LineKind::Caption;
    }
    if is_date_line(line) {
        return LineKind::DateLine;
    }
    LineKind::Text
}

/// A date line: a short line whose main content is a dated expression
/// (`Russian Politics & Diplomacy October 05, 2023, 21:49`, `Published: ...`).
fn is_date_line(line: &str) -> bool {
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

/// Whether a line could be a headline.
fn is_title_like(line: &str) -> bool {
    let n = line.chars().count();
    let words = line.split_whitespace().count();
    (10..=250).contains(&n)
        && (2..=40).contains(&words)
        && !line.ends_with('.')
        && line.chars().any(char::is_alphabetic)
}

/// Whether a line is just a person's name (a byline without "By").
fn is_name_line(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    if !(2..=4).contains(&words.len()) || line.chars().count() > 40 {
        return false;
    }
    words.iter().all(|w| {
        let mut cs = w.chars();
        let first_upper = cs.next().is_some_and(char::is_uppercase);
        let rest: String = cs.collect();
        first_upper
            && (rest.chars().all(|c| c.is_lowercase() || c == '-' || c == '\'' || c == '’')
                || rest == "."
                || (rest.len() > 2 && rest.chars().skip(1).all(char::is_lowercase)))
            && crate::date::month_number(w).is_none()
            && crate::date::weekday_number(w).is_none()
    })
}

/// Author from a byline line (`By Jane Doe`, `Author: Jane Doe`, or a
/// name-only line).
fn byline(line: &str) -> Option<String> {
    let lower = line.to_lowercase();
    for p in ["by ", "author: ", "authors: ", "written by ", "автор: "] {
        if lower.starts_with(p) && line.chars().count() <= 100 {
            let rest = line[p.len()..].trim();
            let rest = rest.split(['|', '•', '·']).next().unwrap_or(rest).trim().trim_end_matches(',').to_string();
            let rest = match rest.find(", ") {
                Some(i) if !rest[i + 2..].contains(' ') || !find_dates(&rest[i..]).is_empty() => rest[..i].to_string(),
                _ => rest,
            };
            if !rest.is_empty() && rest.split_whitespace().count() <= 12 {
                return Some(rest);
            }
        }
    }
    is_name_line(line).then(|| line.to_string())
}

/// Agency dateline at the start of a paragraph: `SOCHI, October 5. /TASS/.`,
/// `MOSCOW (Reuters) -`, `WASHINGTON —`.
fn dateline(par: &str) -> Option<String> {
    let end = par.find([',', '(', '—', '–'])?;
    let place = par[..end].trim().trim_end_matches(" -");
    let letters = place.chars().filter(|c| c.is_alphabetic()).count();
    if !(3..=30).contains(&letters) || place.chars().any(|c| c.is_lowercase() || c.is_ascii_digit()) {
        return None;
    }
    if !place.chars().next().is_some_and(char::is_alphabetic) {
        return None;
    }
    let after = &par[end..];
    let agency = after.chars().take(60).collect::<String>();
    let dated = find_dates(&agency).first().is_some_and(|m| m.span.start < 4);
    let marked = agency.starts_with('—')
        || agency.starts_with('–')
        || agency.starts_with('(')
        || agency.contains("/ ")
        || agency.contains('/');
    (dated || marked).then(|| place.to_string())
}

/// Strips a site suffix from a title: ` | Outlet`, ` — RT World News`,
/// ` - The Times of Israel`. A segment is a suffix when it names a
/// registry outlet or domain, or is a short name after a pipe.
pub fn strip_site_suffix(title: &str, registry: &Registry) -> String {
    let mut t = title.trim().to_string();
    for _ in 0..2 {
        let Some((i, sep)) = [" | ", " — ", " – ", " - ", " :: ", " « ", " » "]
            .iter()
            .filter_map(|s| t.rfind(s).map(|i| (i, *s)))
            .max_by_key(|(i, _)| *i)
        else {
            break;
        };
        let head = t[..i].trim();
        let tail = t[i + sep.len()..].trim();
        let tail_key = key(tail);
        let words = tail.split_whitespace().count();
        let known = registry.resolve_name(tail).is_some()
            || registry.outlets.iter().any(|o| {
                let n = key(&o.name);
                !n.is_empty() && tail_key.contains(&n) && words <= 6
            });
        let sitey = tail.contains(".com")
            || tail.contains(".org")
            || tail.contains(".net")
            || tail.contains(".co")
            || [
                "news",
                "times",
                "post",
                "journal",
                "tribune",
                "herald",
                "daily",
                "magazine",
                "blog",
                "guardian",
                "telegraph",
                "gazette",
                "online",
                "radio",
                "tv",
                "press",
                "agency",
                "world",
            ]
            .iter()
            .any(|w| tail_key.split(' ').any(|t| t == *w));
        let pipe_short = sep.trim() == "|" && words <= 6;
        if head.split_whitespace().count() >= 3 && words <= 8 && (known || sitey || pipe_short) {
            t = head.to_string();
        } else {
            break;
        }
    }
    t
}

/// Parses front matter (`---` / `key: value` lines / `---`) at the top of a
/// text. Returns the hints and the remaining text.
pub fn front_matter(text: &str) -> (Hints, &str) {
    let mut hints = Hints::default();
    let trimmed = text.trim_start_matches('\u{feff}');
    let Some(rest) = trimmed.strip_prefix("---\n").or_else(|| trimmed.strip_prefix("---\r\n")) else {
        return (hints, text);
    };
    let Some(end) = rest.find("\n---") else {
        return (hints, text);
    };
    for line in rest[..end].lines() {
        if let Some((k, v)) = line.split_once(':') {
            let v = v.trim().trim_matches('"').to_string();
            if v.is_empty() {
                continue;
            }
            match k.trim().to_lowercase().as_str() {
                "title" => hints.title = Some(v),
                "outlet" | "source" | "media" | "publisher" => hints.outlet = Some(v),
                "date" | "published" | "publish_date" => hints.date = Some(v),
                "author" | "authors" | "byline" => hints.author = Some(v),
                "url" | "link" => hints.url = Some(v),
                _ => {}
            }
        }
    }
    let after = &rest[end + 4..];
    (hints, after.trim_start_matches(['\r', '\n']))
}

/// Splits a huge single line into paragraphs of about five sentences.
fn split_long_line(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut sentences = 0;
    for word in line.split_whitespace() {
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
        if ends_sentence(word) && word.chars().count() > 3 {
            sentences += 1;
            if sentences >= 5 || cur.len() > 1500 {
                out.push(std::mem::take(&mut cur));
                sentences = 0;
            }
        } else if cur.len() > 4000 {
            out.push(std::mem::take(&mut cur));
            sentences = 0;
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Extracts an article from raw page text. `outlet` is the outlet already
/// identified (its boilerplate prefixes apply). Returns `Err(reason)` when
/// no article text can be found.
pub fn extract(
    text: &str,
    hints: &Hints,
    outlet: Option<&OutletEntry>,
    registry: &Registry,
) -> Result<Extracted, String> {
    let mut warnings = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    for raw in text.lines() {
        let l = clean_line(raw);
        if l.is_empty() {
            continue;
        }
        if l.len() > 20_000 {
            warnings.push(format!("a single line of {} bytes was split into paragraphs at sentence ends", l.len()));
            lines.extend(split_long_line(&l));
        } else {
            lines.push(l);
        }
    }
    if lines.is_empty() {
        return Err("no text lines".into());
    }
    let kinds: Vec<LineKind> = lines.iter().map(|l| classify(l, outlet)).collect();

    // Title: hint, else the first title-like text line.
    let title_idx = match &hints.title {
        // A given title is looked for in the text only to skip it there.
        Some(t) => {
            let tk = key(t);
            lines.iter().take(12).position(|l| key(l) == tk)
        }
        None => lines.iter().zip(&kinds).position(|(l, k)| *k == LineKind::Text && is_title_like(l)),
    };
    let title_raw = match (&hints.title, title_idx) {
        (Some(t), _) => t.clone(),
        (None, Some(i)) => lines[i].clone(),
        (None, None) => return Err("no line looks like a title".into()),
    };
    let title = strip_site_suffix(&title_raw, registry);
    let title_key = key(&title);
    let title_raw_key = key(&title_raw);
    let start = title_idx.map_or(0, |i| i + 1);

    // Tail: the first tail marker after the body started (or after 60% of the lines).
    let mut end = lines.len();
    let mut seen_text = 0;
    for i in start..lines.len() {
        match kinds[i] {
            LineKind::Text if lines[i].chars().count() > 60 => seen_text += 1,
            LineKind::TailMarker if seen_text >= 1 || i * 10 >= lines.len() * 6 => {
                end = i;
                break;
            }
            _ => {}
        }
    }

    // Date: date lines in the header zone (before the title and the first
    // lines after it), else the last lines of the article.
    let header_end = (start + 6).min(end);
    let date_candidates: Vec<(usize, DateMatch)> = (0..header_end)
        .chain(end.saturating_sub(3).max(header_end)..end)
        .filter(|&i| kinds[i] == LineKind::DateLine)
        .filter_map(|i| find_dates(&lines[i]).into_iter().find(|m| m.year.is_some()).map(|m| (i, m)))
        .collect();
    let mut date = if let Some(d) = hints.date.as_deref() {
        match crate::date::parse_date_field(d) {
            Some((day, time)) => DateInfo {
                date: Some(day),
                time,
                precision: if time.is_some() { DatePrecision::ExactTime } else { DatePrecision::Day },
                source: format!("given by the input: \"{d}\""),
            },
            None => {
                warnings.push(format!("date \"{d}\" given by the input is not a date"));
                DateInfo::unknown(format!("the input's date \"{d}\" is not a date"))
            }
        }
    } else if let Some((i, m)) = date_candidates.iter().min_by_key(|(i, m)| (m.time.is_none(), i.abs_diff(start))) {
        DateInfo {
            date: m.date(),
            time: m.time,
            precision: if m.time.is_some() { DatePrecision::ExactTime } else { DatePrecision::Day },
            source: format!("date line {}: \"{}\"", i + 1, &lines[*i][m.span.clone()]),
        }
    } else {
        infer_from_weekday(&lines[..end]).unwrap_or_else(|| {
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

    // Body lines: text after the title, minus copies of the title, promos
    // and the headline after a promo marker; repeated lines kept once.
    let mut author = hints.author.clone();
    let mut paragraphs: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut skip_next_headline = false;
    for i in start..end {
        let line = &lines[i];
        let kind = kinds[i];
        if kind == LineKind::PromoMarker {
            skip_next_headline = true;
            continue;
        }
        if kind != LineKind::Text {
            continue;
        }
        if std::mem::take(&mut skip_next_headline) && !ends_sentence(line) && line.chars().count() < 200 {
            continue;
        }
        let k = key(line);
        if k == title_key || k == title_raw_key || !seen.insert(k) {
            continue;
        }
        // Byline near the top.
        if author.is_none() && paragraphs.len() <= 2 {
            if let Some(a) = byline(line) {
                author = Some(a);
                continue;
            }
        }
        paragraphs.push(line.clone());
    }
    // Bylines before the title (rare) are picked up too.
    if author.is_none() {
        if let Some(i) = title_idx {
            author = lines[..i]
                .iter()
                .zip(&kinds)
                .filter(|(_, k)| **k == LineKind::Text)
                .find_map(|(l, _)| l.to_lowercase().starts_with("by ").then(|| byline(l)).flatten());
        }
    }
    if paragraphs.is_empty() {
        return Err("no article text after the title".into());
    }
    let lead = paragraphs.remove(0);
    let dateline = dateline(&lead).or_else(|| paragraphs.first().and_then(|p| dateline(p)));
    let n = paragraphs.len();
    let body = paragraphs
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let words = p.split_whitespace().count();
            if i + 1 < n
                && words <= 9
                && p.chars().count() <= 80
                && !ends_sentence(&p)
                && p.chars().next().is_some_and(char::is_uppercase)
            {
                Block::Heading(p)
            } else {
                Block::Paragraph(p)
            }
        })
        .collect();
    Ok(Extracted { title, date, author, dateline, lead, body, warnings })
}

/// Day from a weekday printed with a day and month but no year
/// (`on Monday (11 January)`); the year is the unique one in
/// `latest..=latest+1` (latest = the latest year the text mentions) that
/// gives that weekday.
fn infer_from_weekday(lines: &[String]) -> Option<DateInfo> {
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
                            &line[m.span.clone()]
                        ),
                    });
                }
            }
        }
    }
    None
}

/// Four-digit years 1990..=2100 standing as words in a line.
fn mentioned_years(line: &str) -> Vec<i32> {
    line.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<i32>().ok())
        .filter(|y| (1990..=2100).contains(y))
        .collect()
}

/// Folded key of a line, exposed for tests of boilerplate removal.
pub fn line_key(line: &str) -> String {
    fold(&key(line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_table() {
        let cases = [
            ("icon bookmark-bicon bookmarkicon cameraicon checkicon chevron downicon", LineKind::Junk),
            ("İçeriğe geçmek için \"Enter\"a basın", LineKind::Junk),
            ("Skip to main content", LineKind::Junk),
            ("0:00", LineKind::Junk),
            ("------------------", LineKind::Junk),
            ("Like this story? Share it with a friend!", LineKind::Junk),
            ("Also on rt.com Russia will intervene on Yerevan’s side", LineKind::Junk),
            ("RELATED:", LineKind::PromoMarker),
            ("Related articles", LineKind::TailMarker),
            ("Editor's choice", LineKind::TailMarker),
            ("Yorumlar kapatıldı.", LineKind::TailMarker),
            ("Photo: President Putin of Russia on Monday", LineKind::Caption),
            ("Presidents Ilham Aliyev (L) and Vladimir Putin (R). Photo: X/ @AlphaNewsAM", LineKind::Caption),
            ("11 Jan, 2021 16:16", LineKind::DateLine),
            ("Russian Politics & Diplomacy October 05, 2023, 21:49", LineKind::DateLine),
            ("teleSUR/ JF Source: EFE – El Salto", LineKind::Junk),
            ("Source: commonspace.eu with the press service of the President of Russia", LineKind::Junk),
            ("Karabakh situation", LineKind::Text),
            ("The two countries signed a Russian-brokered agreement in November 2020 to end the fighting and work toward a comprehensive resolution.", LineKind::Text),
        ];
        for (line, want) in cases {
            assert_eq!(classify(line, None), want, "line {line:?}");
        }
    }

    #[test]
    fn site_suffixes_are_stripped() {
        let reg = Registry::from_toml("[[outlet]]\nkey='rt'\nname='RT'\ndomains=['rt.com']\n").expect("valid");
        let cases = [
            ("Israel strikes back | The Times of Israel", "Israel strikes back"),
            ("Putin meets Aliyev in Sochi — RT World News", "Putin meets Aliyev in Sochi"),
            ("Putin meets Aliyev in Sochi - RT", "Putin meets Aliyev in Sochi"),
            ("Armenia - Azerbaijan talks stall", "Armenia - Azerbaijan talks stall"),
            ("Ceasefire holds | World", "Ceasefire holds | World"),
            ("Why the ceasefire holds | Opinion | Example", "Why the ceasefire holds"),
        ];
        for (input, want) in cases {
            assert_eq!(strip_site_suffix(input, &reg), want, "title {input:?}");
        }
    }

    #[test]
    fn bylines_and_datelines() {
        assert_eq!(byline("By Jane Doe, Reuters"), Some("Jane Doe".into()));
        assert_eq!(byline("Elena Teslova"), Some("Elena Teslova".into()));
        assert_eq!(byline("Karabakh situation"), None);
        assert_eq!(byline("Liberation of Karabakh"), None);
        assert_eq!(dateline("SOCHI, October 5. /TASS/. Russian President"), Some("SOCHI".into()));
        assert_eq!(dateline("MOSCOW (Reuters) - Russia said"), Some("MOSCOW".into()));
        assert_eq!(dateline("NATO, the alliance, said"), None);
    }

    #[test]
    fn front_matter_overrides() {
        let (h, rest) = front_matter("---\noutlet: RT\ndate: 2021-01-11\n---\nTitle here\n");
        assert_eq!(h.outlet.as_deref(), Some("RT"));
        assert_eq!(h.date.as_deref(), Some("2021-01-11"));
        assert_eq!(rest, "Title here\n");
    }
}
