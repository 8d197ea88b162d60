//! Pass 2: the main text. Picture galleries are furniture; the main text is
//! the run of prose lines with the most characters (tripled when it starts
//! at or runs through a repeat of the page title; in-article promo boxes do
//! not end it, link lists flattened onto one line are not prose; it goes
//! on past tables and lists into the runs around it); the body ends at the
//! first tail marker inside it. Also the body's paragraphs and
//! headings, once the title and the article's span are known.

use super::byline::{bio_author, byline, closing_bio, explicit_byline, plausible_name, CommonWords};
use super::lines::{ends_sentence, is_button, is_comments_heading, is_link_list, is_prose, key, width, LineKind};
use super::phrases::phrases;
use super::title::{is_title_like, TitleWords};
use super::AuthorFrom;
use super::Headline;
use crate::model::Block;

/// The main text: the run of prose lines with the most characters, where a
/// run ends at a tail marker or after more than six menu-like lines (a few
/// words, no sentence) in a row; other short lines (code, short sentences)
/// count a quarter. The heading of a comment section after some prose ends
/// the search.
///
/// An article broken by a table or a long list (more short lines than a
/// run spans) goes on in the runs that follow it, up to a tail marker:
/// the best run takes in each next run of two prose lines or more that
/// starts within [`CONTINUATION_GAP`] lines of it. Returns the article's
/// top (the first of the runs before the best that it takes in the same
/// way, backwards; the best run's start when none), the first prose line
/// and the last prose line + 1.
pub(super) fn main_block(lines: &[String], kinds: &[LineKind], headlines: &[usize]) -> Option<(usize, usize, usize)> {
    let mut best: Option<(usize, usize, usize)> = None;
    let mut cur: Option<(usize, usize, usize)> = None; // (start, end, score)
                                                       // Every run closed: start, end, prose lines, and whether a tail marker
                                                       // closed it.
    let mut runs: Vec<(usize, usize, usize, bool)> = Vec::new();
    let mut prose = 0;
    let mut gap = 0;
    // A tail marker inside the article ("Related" box with a few
    // headlines): the run goes on when prose resumes within twelve lines
    // (five headlines with bylines, and a subheading).
    let mut boxed: Option<usize> = None;
    // A run that starts within 15 lines after a repeat of the page title,
    // or runs through one, counts triple. Only the first run after the
    // headline is its article: a later one within those 15 lines comes
    // after a break (share bar, "Related posts", author box) and is the
    // page's tail.
    let mut starts: Vec<usize> = Vec::new();
    let mut close = |cur: &mut Option<(usize, usize, usize)>,
                     best: &mut Option<(usize, usize, usize)>,
                     prose: &mut usize,
                     by_tail: bool| {
        if let Some(mut c) = cur.take() {
            runs.push((c.0, c.1, std::mem::take(prose), by_tail));
            let first_after = |h: usize| !starts.iter().any(|&s| h < s && s < c.0);
            if headlines.iter().any(|&h| h < c.1 && c.0 <= h + 15 && first_after(h)) {
                c.2 *= 3;
            }
            starts.push(c.0);
            if best.is_none_or(|b| c.2 > b.2) {
                *best = Some(c);
            }
        }
    };
    for (i, (line, kind)) in lines.iter().zip(kinds).enumerate() {
        match kind {
            // Everything after a comment section's heading is comments.
            LineKind::TailMarker if (cur.is_some() || best.is_some()) && is_comments_heading(&key(line)) => {
                close(&mut cur, &mut best, &mut prose, true);
                break;
            }
            // A second box heading in the box ("Read also:" / headline /
            // "Read also:") does not end it either.
            LineKind::TailMarker if cur.is_some() && is_promo_box(line) => {
                boxed.get_or_insert(i);
            }
            LineKind::TailMarker => {
                boxed = None;
                close(&mut cur, &mut best, &mut prose, true);
            }
            LineKind::Text if is_prose(line) => {
                gap = 0;
                boxed = None;
                prose += 1;
                let c = cur.get_or_insert((i, i + 1, 0));
                c.1 = i + 1;
                c.2 += width(line);
            }
            LineKind::Text => {
                gap += gap_cost(line);
                if boxed.is_some_and(|b| i > b + 12) {
                    boxed = None;
                    close(&mut cur, &mut best, &mut prose, true);
                }
                if gap > 24 {
                    boxed = None;
                    close(&mut cur, &mut best, &mut prose, false);
                }
            }
            _ => {}
        }
    }
    close(&mut cur, &mut best, &mut prose, true);
    let (start, mut end, _) = best?;
    // The article goes on past a table or a list in the runs after it. A
    // run of one paragraph (a product's description between its spec
    // lists) is taken in only with the next one: a run of prose lines
    // ends the article.
    let first = runs.iter().position(|r| r.0 == start)?;
    let mut at = first;
    let mut pending = 0;
    while let (Some(prev), Some(next)) = (runs.get(at), runs.get(at + 1)) {
        if prev.3 || !continues(lines, kinds, prev.1, next.0, next.2) {
            break;
        }
        pending += next.2;
        if pending >= 2 {
            end = next.1;
            pending = 0;
        }
        at += 1;
    }
    // The article may also begin before it, in the runs before it, up to
    // a repeat of the page title (a buying guide's intro above its
    // comparison table, the best run being a section further down): the
    // first of them is the article's top.
    let mut top = start;
    let mut at = first;
    let mut pending = 0;
    while let Some((prev, next)) = at.checked_sub(1).and_then(|a| Some((runs.get(a)?, runs.get(at)?))) {
        if prev.3
            || headlines.iter().any(|&h| prev.1 <= h && h < next.0)
            || !continues(lines, kinds, prev.1, next.0, prev.2)
        {
            break;
        }
        pending += prev.2;
        if pending >= 2 {
            top = prev.0;
            pending = 0;
        }
        at -= 1;
    }
    Some((top, start, end))
}

/// Whether a run of `prose` paragraphs after the lines `from..to` is the
/// same article as the run before them: the lines are a table or a list
/// ([`table_between`]) of at most [`CONTINUATION_GAP`] lines, and a run
/// of a single paragraph has no furniture at all before it (a footer's
/// one line of prose after the site's menus is not the article).
fn continues(lines: &[String], kinds: &[LineKind], from: usize, to: usize, prose: usize) -> bool {
    table_length(lines, kinds, from, to) <= CONTINUATION_GAP
        && table_between(lines, kinds, from, to)
        && (prose >= 2
            || (from..to).all(|i| match kinds[i] {
                LineKind::Text => !is_menu_furniture(&lines[i]),
                LineKind::Junk | LineKind::PromoMarker | LineKind::TailMarker => false,
                LineKind::DateLine | LineKind::Caption => true,
            }))
}

/// Whether lines `from..to` between two runs of prose of one article are
/// a table or a list: no tail marker, and not a menu: more than
/// [`MENU_STREAK`] menu-like lines in a row (a table's header cells and
/// labels are short lines between figures) is a menu, unless none of the
/// lines is furniture (a prompt, [`is_menu_furniture`]) and the streak
/// is at most [`LIST_STREAK`]: a list of short
/// items (`Monday` ... `Sunday`, a product's features) or a wide table's
/// header.
fn table_between(lines: &[String], kinds: &[LineKind], from: usize, to: usize) -> bool {
    let (mut streak, mut most) = (0, 0);
    let mut furniture = false;
    for i in from..to.min(lines.len()) {
        let menu = match kinds[i] {
            LineKind::Text => {
                let l = &lines[i];
                furniture |= is_menu_furniture(l);
                gap_cost(l) == MENU_COST
            }
            LineKind::TailMarker => return false,
            LineKind::Junk | LineKind::PromoMarker => {
                furniture = true;
                true
            }
            LineKind::DateLine | LineKind::Caption => false,
        };
        streak = if menu { streak + 1 } else { 0 };
        most = most.max(streak);
    }
    most <= MENU_STREAK || (!furniture && most <= LIST_STREAK)
}

/// A short line that is a site's furniture, never an item of an
/// article's list: a button, an entry of the site's own menus (`About
/// us`, `Privacy policy`), a form's required field (`Email *`).
fn is_menu_furniture(line: &str) -> bool {
    if line.ends_with('*') {
        return true;
    }
    if line.len() >= 60 {
        return false;
    }
    let k = key(line);
    phrases().button_keys.contains(&k) || phrases().site_menu_keys.contains(&k)
}

/// How long the lines `from..to` between two runs of prose are, counted
/// as [`CONTINUATION_GAP`] counts them: a table's figures and program
/// code (text lines of no [`gap_cost`]: `19.8 mph`, `IPX5`) do not count,
/// so a comparison table of many rows does not part an article's
/// sections.
fn table_length(lines: &[String], kinds: &[LineKind], from: usize, to: usize) -> usize {
    (from..to.min(lines.len())).filter(|&i| kinds[i] != LineKind::Text || gap_cost(&lines[i]) > 0).count()
}

/// What a non-prose text line adds to the gap that ends a run of prose
/// (a run ends past 24): [`MENU_COST`] for a menu-like line (a few words,
/// no sentence, no code), 1 for other short lines (short sentences,
/// headings), 0 for lines an article holds in any number: program code,
/// a table's figures (`19.8 mph`), list items describing their subject.
pub(super) fn gap_cost(line: &str) -> usize {
    // Table cells and code (figures, lower-case words) are not menu
    // entries, which start with a capital.
    let words = line.split_whitespace().count();
    let code = line.contains(['=', '{', '}', ';', '(', '<', '$', '#', '_', '/']);
    let cell = line.chars().any(|c| c.is_ascii_digit()) || line.starts_with(char::is_lowercase);
    // Program code (assignments, braces, statements ending in `;`,
    // prompts) never ends a run: articles about code hold long listings.
    let program = line.contains(['=', '{', '}', ';'])
        || (line.starts_with('[') && line.ends_with(']') && !line.contains(' '))
        || line.starts_with("...")
        || line.starts_with(">>>")
        || line.starts_with("$ ")
        || line.starts_with("# ");
    let figure = words <= 4 && line.chars().any(|c| c.is_ascii_digit());
    let item = words >= 6 && is_list_item(line);
    if program || figure || item {
        0
    } else if words <= 4 && !ends_sentence(line) && !code && !cell {
        MENU_COST
    } else {
        1
    }
}

/// The most menu-like lines in a row a table or a list inside an article
/// holds (its header cells) when furniture stands among them.
const MENU_STREAK: usize = 6;

/// The most menu-like lines in a row a table or a list inside an article
/// holds when none of them is furniture (see [`table_between`]): longer
/// streaks are a site's menus.
const LIST_STREAK: usize = 20;

/// The gap cost of a menu-like line.
const MENU_COST: usize = 4;

/// How many lines of tables or lists (not counting a table's figures, see
/// [`table_length`]) may stand between two runs of prose of one article.
const CONTINUATION_GAP: usize = 80;

/// A promo box heading that sites put inside articles (`Related`, `Most
/// Read`, `Recommended`), not one that ends them (tags, comments, author).
pub(super) fn is_promo_box(line: &str) -> bool {
    let k = key(line);
    phrases().promo_box_keys.contains(&k) || super::lines::is_box_tail_head(line, &k)
}

/// Lines of the boxes inside the main text (a tail marker and the lines up
/// to the next prose line), to drop from the body.
pub(super) fn inline_boxes(lines: &[String], kinds: &[LineKind], from: usize, to: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        if kinds[i] == LineKind::TailMarker && is_promo_box(&lines[i]) {
            let resume = (i + 1..to).find(|&j| kinds[j] == LineKind::Text && is_prose(&lines[j])).unwrap_or(to);
            out.extend(i..resume);
            i = resume;
        } else {
            i += 1;
        }
    }
    out
}

/// The main text `[start, end)` of a page whose page title is line
/// `page_title` ([`main_block`]; the whole page when it has no prose), with
/// the promo boxes inside it marked as furniture in `kinds`, and the
/// article's top (where its first part begins above the main text, else
/// `start`).
pub(super) fn main_text(
    lines: &[String],
    kinds: &mut [LineKind],
    page_title: Option<usize>,
) -> ((usize, usize), usize) {
    // Lines repeating the page title mark where an article starts: a run
    // of prose right after one is favoured.
    let headlines: Vec<usize> = match page_title {
        Some(t0) => {
            let title = TitleWords::new(&lines[t0]);
            ((t0 + 1)..lines.len())
                .filter(|&i| kinds[i] == LineKind::Text && is_title_like(&lines[i]))
                .filter(|&i| title.similarity(&lines[i]).is_some())
                .collect()
        }
        None => vec![],
    };
    for i in header_comment_counts(lines, kinds, &headlines) {
        kinds[i] = LineKind::Junk;
    }
    let (top, main_start, main_end) = main_block(lines, kinds, &headlines).unwrap_or((0, 0, lines.len()));
    for i in inline_boxes(lines, kinds, top, main_end) {
        kinds[i] = LineKind::Junk;
    }
    ((main_start, main_end), top)
}

/// Where the article's parts are, once the headline and the main text
/// are known (line indices).
#[derive(Debug, Clone, Copy)]
pub(super) struct Span {
    /// The first body line.
    pub start: usize,
    /// The end of the body (the main text's end or a tail marker in it).
    pub end: usize,
    /// A standfirst below the headline, above a body that starts lower.
    pub standfirst: Option<usize>,
    /// The top of the header zone (a dozen lines above the headline).
    pub head_lo: usize,
    /// The end of the header zone: the third paragraph of prose.
    pub header_end: usize,
}

/// The article's span: the body starts after the headline (or at the main
/// text when a long run of furniture is between them), a standfirst right
/// below the headline belongs to it, and it ends at the end of the main
/// text or at a tail marker inside it (a "Comments" link in the header
/// above the text cuts nothing).
pub(super) fn article_span(
    lines: &[String],
    kinds: &[LineKind],
    title_idx: Option<usize>,
    (main_start, main_end): (usize, usize),
    top: usize,
) -> Span {
    let after_title = title_idx.map_or(0, |i| i + 1);
    // A long run of lines between the headline and the main text is site
    // furniture (menus, share bars): the body starts at the main text then.
    let start0 = if main_start > after_title + 6 { main_start } else { after_title };
    // The article's first part may stand above the main text, broken from
    // it by tables or lists (`top`, see [`main_block`]): the body starts
    // there, or below the headline when the headline is inside that part.
    // (The standfirst and the header zone stay where the main text alone
    // puts them: that part is body text, not header.)
    let start = match title_idx {
        Some(h) if h >= top && h < main_start => top.min(start0),
        _ if top < main_start && top > after_title + 6 => top,
        _ if top < main_start => after_title,
        _ => start0,
    };
    // A standfirst right below the headline (and its date line:
    // "Published:" / "24 October 2022" / standfirst) belongs to the article
    // even when the furniture after it moves the start down.
    let below = (after_title..start0)
        .find(|&i| !matches!(kinds[i], LineKind::DateLine | LineKind::Junk))
        .unwrap_or(start0)
        .min(after_title + 3);
    let standfirst = (start0 > after_title)
        .then(|| {
            (below..(below + 2).min(start0)).find(|&i| {
                // Standfirsts often end without a full stop.
                let l = &lines[i];
                kinds[i] == LineKind::Text
                    && (is_prose(l) || (l.split_whitespace().count() >= 12 && !crate::text::chars_at_most(l, 79)))
                    && !is_link_list(l)
                    && explicit_byline(l).is_none()
            })
        })
        .flatten();
    let head_lo = title_idx.unwrap_or(0).saturating_sub(12);

    // Tail: the end of the main text, or an earlier tail marker inside it
    // (a "Comments" link in the header above the text cuts nothing).
    let end = (start.max(main_start)..main_end.max(start))
        .find(|&i| kinds[i] == LineKind::TailMarker)
        .unwrap_or(main_end.max(start))
        .min(lines.len());
    // The header reaches into the body up to its third paragraph of prose
    // (bylines and date lines often follow the standfirst and a caption).
    let header_end = (start0..end)
        .filter(|&i| kinds[i] == LineKind::Text && is_prose(&lines[i]))
        .nth(2)
        .unwrap_or(end)
        .max(start0.max(after_title) + 3);
    Span { start, end, standfirst, head_lo, header_end }
}

/// The start of a list of other stories at the end of a body that starts
/// at line `start`, looked for in lines `from..to` (below the header
/// zone): date lines of their own (`July 12, 2025 • 9 min read`,
/// `December 16, 2025 No Comments`: a few words, the date first, not a
/// sentence) next to a headline, two of them at most [`DATED_ENTRY`]
/// lines apart. The list starts at its first entry, with up to two lines
/// that are not prose above its first date (the entry's headline, the
/// list's heading `Latest Insights`). An article's own dates are in
/// sentences or labelled (`Update: 3 April 2019`); a list the article
/// goes on after, or one longer than the article (a calendar of events),
/// is the article's.
///
/// WCXB body F1 (text path, tuning / checking): 0.9210 / 0.9178 ->
/// 0.9222 / 0.9183; a question as the headline next to a date (long
/// enough to read as a sentence) too: 0.9241 / 0.9183 -> 0.9243 / 0.9183.
fn dated_list(lines: &[String], kinds: &[LineKind], start: usize, from: usize, to: usize) -> Option<usize> {
    let to = to.min(lines.len());
    // The date opens the line (`Update vom 15. Mai 2019: Feinschliff`,
    // `Posted by ... on` are the article's own notes and bylines).
    let bare = |i: usize| {
        let l = &lines[i];
        kinds[i] == LineKind::DateLine
            && l.split_whitespace().count() <= 7
            && !ends_sentence(l)
            && crate::date::find_dates(l).first().is_some_and(|m| m.span.start == 0)
            && [i.wrapping_sub(1), i + 1].iter().any(|&j| {
                j < lines.len() && kinds[j] == LineKind::Text && {
                    // A headline: not a sentence, or a question.
                    let l = &lines[j];
                    (!is_prose(l) && !ends_sentence(l)) || (l.ends_with('?') && l.split_whitespace().count() <= 20)
                }
            })
    };
    let dates: Vec<usize> = (from..to).filter(|&i| bare(i)).collect();
    let first = dates.windows(2).position(|w| w[1] - w[0] <= DATED_ENTRY)?;
    // The list's last entry: the dates go on at most DATED_ENTRY apart.
    let mut last = first + 1;
    while dates.get(last + 1).is_some_and(|&d| d - dates[last] <= DATED_ENTRY) {
        last += 1;
    }
    list_tail(lines, kinds, start, (from, dates[first]), dates[last], to)
}

/// Where a list of other stories whose first entry is marked at line
/// `first` (lines `from..` below the header zone) and whose last entry is
/// marked at line `last` ends the body of an article starting at `start`:
/// at `first`, with up to two lines that are not prose above it (the
/// entry's headline, the list's heading `Latest Insights`), unless the
/// article goes on after the list (more than [`DATED_TAIL`] paragraphs of
/// prose) or the list is longer than the article above it (a calendar of
/// events, a table of dates).
fn list_tail(
    lines: &[String],
    kinds: &[LineKind],
    start: usize,
    (from, first): (usize, usize),
    last: usize,
    to: usize,
) -> Option<usize> {
    let is_prose_at = |i: usize| kinds[i] == LineKind::Text && is_prose(&lines[i]);
    let mut s = first;
    while s > from.max(first.saturating_sub(2)) && !is_prose_at(s - 1) {
        s -= 1;
    }
    let prose = |r: std::ops::Range<usize>| r.filter(|&i| is_prose_at(i)).map(|i| width(&lines[i])).sum::<usize>();
    let after = (last + 1..to).filter(|&i| is_prose_at(i)).count();
    (after <= DATED_TAIL && prose(start..s) >= 2 * prose(s..to)).then_some(s)
}

/// The start of the links to the previous and the next post below an
/// article (`Previous` / headline / `Next` / headline: two different
/// `pager` lines at most [`DATED_ENTRY`] lines apart), looked for as
/// [`dated_list`] does, in lines `from..to` of a body starting at
/// `start`, and ending it as a list of other stories does
/// ([`list_tail`]). WCXB body F1 (text path, tuning / checking): 0.9243 /
/// 0.9183 -> 0.9246 / 0.9185.
fn post_pager(lines: &[String], kinds: &[LineKind], start: usize, from: usize, to: usize) -> Option<usize> {
    let to = to.min(lines.len());
    // (The key only of short text lines: keys of every line of the body
    // were a twentieth of text ingest.)
    let pager = |i: usize| {
        if kinds[i] != LineKind::Text || !crate::text::chars_at_most(&lines[i], 20) {
            return None;
        }
        let k = key(&lines[i]);
        phrases().pager_keys.contains(&k).then_some(k)
    };
    let links: Vec<(usize, String)> = (from..to).filter_map(|i| pager(i).map(|k| (i, k))).collect();
    let w = links.windows(2).find(|w| w[1].0 - w[0].0 <= DATED_ENTRY && w[0].1 != w[1].1)?;
    list_tail(lines, kinds, start, (from, w[0].0), w[1].0, to)
}

/// Where a list of other stories ([`dated_list`]) starts among the
/// paragraphs of a main text found in a page's DOM (the HTML path), below
/// its third paragraph of prose; `kinds` are the paragraphs' classes
/// ([`super::lines::classify`], with no outlet).
pub(crate) fn dated_list_in(paragraphs: &[String], kinds: &[LineKind]) -> Option<usize> {
    if kinds.len() != paragraphs.len() {
        return None;
    }
    let from = (0..paragraphs.len())
        .filter(|&i| kinds[i] == LineKind::Text && is_prose(&paragraphs[i]))
        .nth(2)
        .map_or(paragraphs.len(), |i| i + 1);
    dated_list(paragraphs, kinds, 0, from, paragraphs.len())
}

/// The most lines from one entry's date to the next in a list of other
/// stories ([`dated_list`]): a headline, a teaser and a byline between.
const DATED_ENTRY: usize = 6;

/// The most paragraphs of prose after the last entry of a list of other
/// stories ([`dated_list`]) that ends the body: its teaser and a footer.
const DATED_TAIL: usize = 3;

/// The article's paragraphs: the standfirst and the text lines of the
/// span, minus copies of the headline, promos and the headline after a
/// promo marker; repeated lines kept once; a byline among the first lines
/// names the author (when none was found) and leaves the text; an author's
/// bio or follow line closing the article leaves it too.
///
/// The paragraphs are taken out of `lines` (not copied: a page may be
/// hundreds of megabytes); the lines are not used after this pass.
#[allow(clippy::too_many_arguments)]
pub(super) fn paragraphs(
    lines: &mut [String],
    kinds: &[LineKind],
    span: &Span,
    headline: &Headline,
    page_title: Option<usize>,
    chunks: &[bool],
    common: &CommonWords,
    (author, author_from): (&mut Option<String>, &mut AuthorFrom),
) -> Vec<String> {
    let Span { start, end, standfirst, header_end, .. } = *span;
    // A list of other stories, each with its date, ends the body (not the
    // span: its dates and credits are looked for as before).
    let end = dated_list(lines, kinds, start, header_end, end).unwrap_or(end);
    let end = post_pager(lines, kinds, start, header_end, end).unwrap_or(end);
    let title_key = key(&headline.title);
    let title_raw_key = key(&headline.raw);
    let page_title_key = page_title.map(|i| key(&lines[i])).unwrap_or_default();
    let title_keys = [title_key.as_str(), title_raw_key.as_str(), page_title_key.as_str()];
    // Body lines: text after the title, minus copies of the title, promos
    // and the headline after a promo marker; repeated lines kept once.
    // The lines kept, and the lines seen by the hash of their lower-case
    // form (hashes, not copies, of a page's lines).
    let mut paragraphs: Vec<usize> = Vec::new();
    let mut seen: rustc_hash::FxHashMap<u64, Vec<usize>> = rustc_hash::FxHashMap::default();
    let mut skip_next_headline = false;
    for i in standfirst.into_iter().chain(start..end) {
        let line = &lines[i];
        let kind = kinds[i];
        if kind == LineKind::PromoMarker {
            skip_next_headline = true;
            continue;
        }
        if kind != LineKind::Text {
            continue;
        }
        if std::mem::take(&mut skip_next_headline) && !ends_sentence(line) && crate::text::chars_at_most(line, 199) {
            continue;
        }
        // Copies of the headline (short lines only), buttons (`Share`,
        // `Next`) and repeated lines go.
        // (Each read no further than needed: most lines differ from the
        // titles in their first word, and are longer than any button.)
        if line.len() < 400 && (crate::text::terms_in(line, &title_keys) || is_button(line)) {
            continue;
        }
        // (Pieces of one huge line repeat when its text does.)
        if !chunks[i] {
            let lower = crate::text::lowercase(line);
            // (A fast hash: the lines themselves are compared on a match.)
            let h = std::hash::BuildHasher::hash_one(&rustc_hash::FxBuildHasher, &lower);
            let same = seen.entry(h).or_default();
            if same.iter().any(|&j| crate::text::lowercase(&lines[j]) == lower) {
                continue;
            }
            same.push(i);
        }
        // Byline near the top.
        if paragraphs.len() <= 2 {
            // (Whether the byline is explicit is asked only of a byline.)
            if let Some((a, explicit)) = byline(line)
                .map(|a| (a, explicit_byline(line).is_some()))
                .filter(|(a, explicit)| *explicit || plausible_name(a, lines, common))
            {
                if author.is_none() {
                    *author = Some(a);
                    *author_from = if explicit { AuthorFrom::Byline } else { AuthorFrom::NameLine };
                }
                continue;
            }
        }
        paragraphs.push(i);
    }
    // An author's bio or follow line closing the article is not article
    // text (the author it names is kept above).
    while paragraphs.len() > 1 && paragraphs.last().is_some_and(|&p| bio_author(&lines[p]).is_some()) {
        paragraphs.pop();
    }
    let texts: Vec<&str> = paragraphs.iter().map(|&p| lines[p].as_str()).collect();
    if let Some(i) = closing_bio(&texts, author.as_deref()) {
        paragraphs.truncate(i);
    }
    paragraphs.into_iter().map(|i| std::mem::take(&mut lines[i])).collect()
}

/// The body's blocks after the lead: short unpunctuated lines starting
/// with a capital (not the last) are headings.
pub(crate) fn blocks(paragraphs: Vec<String>) -> Vec<Block> {
    let n = paragraphs.len();
    paragraphs
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let words = p.split_whitespace().count();
            if i + 1 < n
                && words <= 9
                && crate::text::chars_at_most(&p, 80)
                && !ends_sentence(&p)
                && p.chars().next().is_some_and(char::is_uppercase)
            {
                Block::Heading(p)
            } else {
                Block::Paragraph(p)
            }
        })
        .collect()
}

/// A list item that describes its subject: a term, then a dash or colon and
/// a description going on in lower case (`Hotel room blocks – reserve
/// blocks at convenient hotels`), or a numbered or bulleted entry (`3.
/// Sunday Sauce`, `• Fees based on income`). Teaser headlines and menus
/// are neither.
pub(super) fn is_list_item(line: &str) -> bool {
    let described = [" – ", " — ", " - ", ": "].iter().any(|sep| {
        line.split_once(sep).is_some_and(|(head, rest)| {
            head.split_whitespace().count() <= 8 && rest.starts_with(|c: char| c.is_lowercase())
        })
    });
    let numbered = {
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        (1..=2).contains(&digits) && line[digits..].starts_with(['.', ')'])
    };
    described || numbered || line.starts_with(['•', '·', '▪', '–', '*'])
}

/// Comment counts in an article's header (`31 comments`, `Comments (32)`
/// under the headline, a link to the comments below): a comment
/// section's heading within fifteen lines after a repeat of the page title,
/// with at most one line of prose (a standfirst) between them. They are
/// links, not the comment section, and do not end the article.
pub(super) fn header_comment_counts(lines: &[String], kinds: &[LineKind], headlines: &[usize]) -> Vec<usize> {
    let mut out = Vec::new();
    for &h in headlines {
        let mut prose = 0;
        for i in (h + 1)..(h + 16).min(lines.len()) {
            match kinds[i] {
                LineKind::Text if is_prose(&lines[i]) => prose += 1,
                LineKind::TailMarker if is_comments_heading(&key(&lines[i])) => {
                    // A count (`31 comments`), not the section's heading
                    // naming the article (`5 thoughts on "Title"`).
                    if prose <= 1 && key(&lines[i]).split(' ').count() <= 2 {
                        out.push(i);
                    }
                    break;
                }
                _ => {}
            }
            if prose > 1 {
                break;
            }
        }
    }
    out
}
