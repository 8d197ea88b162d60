//! Pass 1: lines. Raw page text becomes cleaned lines (whitespace
//! collapsed, huge lines split at sentence ends, hard-wrapped prose joined
//! back into paragraphs, a page title wrapped onto two lines joined), and
//! every line gets a [`LineKind`] from generic rules that hold across
//! outlets ([`classify`], phrases from [`super::phrases`]) plus the
//! identified outlet's registry `boilerplate` prefixes.

use super::byline::{explicit_byline, is_foreign_byline};
use super::header_date::is_date_line;
use super::main_text::is_promo_box;
use super::phrases::{has, phrases};
use super::title::{is_cjk, is_title_like};
use crate::ingest::registry::OutletEntry;

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

/// Collapses runs of whitespace (including no-break spaces) to one space.
/// Control characters (NUL, BEL, ESC ...) are not text and are dropped;
/// those that are whitespace (tab, NEL) separate words. A C1 control
/// (U+0080..U+009F) in text is a Windows-1252 character read as Latin-1
/// (`\u{84}Brave New Woman\u{93}`): it becomes that character (`„`, `“`),
/// or is dropped where Windows-1252 has none.
pub fn clean_line(line: &str) -> String {
    // (Twice: text read wrongly twice, `Ã¢â‚¬â„¢`, is met too.)
    let repaired = unmojibake(line).map(|once| unmojibake(&once).unwrap_or(once));
    let line = repaired.as_deref().unwrap_or(line);
    // Most lines need no change: copied as they are (measured: 5% of text
    // ingest went into rebuilding such lines character by character).
    if is_clean(line.as_bytes()) {
        return line.to_owned();
    }
    clean_words(line)
}

/// Whether [`clean_line`] would leave `line` as it is: single spaces
/// between words and none at the ends, no other whitespace (Unicode's
/// `White_Space`, as `split_whitespace` reads it: tab to carriage return,
/// U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F,
/// U+3000) and no control character (below 0x20, 0x7F, U+0080-U+009F).
/// Read as UTF-8 bytes: every character above ASCII listed starts with
/// 0xC2, 0xE1, 0xE2 or 0xE3, the only bytes looked at closely.
fn is_clean(b: &[u8]) -> bool {
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while i < b.len() {
        let dirty = match b[i] {
            0..=0x1F | 0x7F => true,
            b' ' => at(i + 1) == b' ',
            // U+0080-U+00A0: C1 controls, NEL, no-break space.
            0xC2 => (0x80..=0xA0).contains(&at(i + 1)),
            0xE1 => at(i + 1) == 0x9A && at(i + 2) == 0x80,
            0xE2 => match at(i + 1) {
                0x80 => matches!(at(i + 2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF),
                0x81 => at(i + 2) == 0x9F,
                _ => false,
            },
            0xE3 => at(i + 1) == 0x80 && at(i + 2) == 0x80,
            _ => false,
        };
        if dirty {
            return false;
        }
        i += 1;
    }
    true
}

/// [`clean_line`] word by word (a line [`is_clean`] would not keep):
/// whitespace runs become one space, C1 controls their Windows-1252
/// characters, other controls go.
pub(super) fn clean_words(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for word in line.split_whitespace() {
        let start = out.len();
        if start > 0 {
            out.push(' ');
        }
        out.extend(word.chars().filter_map(|c| match c {
            '\u{80}'..='\u{9f}' => windows_1252(c),
            c if c.is_control() => None,
            c => Some(c),
        }));
        // A "word" made only of control characters leaves no gap.
        if out.len() == start + usize::from(start > 0) {
            out.truncate(start);
        }
    }
    out
}

/// A line of UTF-8 text that was read as Latin-1 or Windows-1252
/// (`Iâ€™ve`, `cafÃ©`, `Â ` for a no-break space), decoded again: its
/// characters, taken back to those bytes, are valid UTF-8 of fewer
/// characters. `None` for any other line (`pâte`, `Ærø`: their bytes are
/// no UTF-8).
fn unmojibake(line: &str) -> Option<String> {
    // (Each of these letters is 0xC3 and a second byte in UTF-8: a byte
    // search rules out most lines at once.)
    if !line.as_bytes().contains(&0xC3) || !line.contains(['Ã', 'â', 'Â', 'Å', 'Ð', 'Ñ']) {
        return None;
    }
    let mut bytes = Vec::with_capacity(line.len());
    for c in line.chars() {
        match u8::try_from(u32::from(c)) {
            Ok(b) => bytes.push(b),
            Err(_) => {
                let mut buf = [0u8; 4];
                let (b, _, bad) = encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut buf));
                if bad || b.len() != 1 {
                    return None;
                }
                bytes.push(b[0]);
            }
        }
    }
    let text = String::from_utf8(bytes).ok()?;
    (text.chars().count() < line.chars().count()).then_some(text)
}

/// The Windows-1252 character of a C1 control's code, if it has one.
fn windows_1252(c: char) -> Option<char> {
    let byte = [u8::try_from(u32::from(c)).ok()?];
    let (text, _, bad) = encoding_rs::WINDOWS_1252.decode(&byte);
    text.chars().next().filter(|d| !bad && !d.is_control())
}

/// Lowercase, diacritic-folded, punctuation turned into single spaces.
pub(crate) fn key(line: &str) -> String {
    // The terms joined by spaces, without a string per term: keys are
    // taken of every line, several times (measured: 18% of ingest time
    // when built from `terms`).
    let mut out = String::with_capacity(line.len());
    crate::text::push_terms(line, &mut out);
    out
}

/// [`key`] of `line` if it is at most `max` bytes long, else `None`, read
/// no further than needed to know: a line compared with short keys (a
/// site name, a headline, buttons) is usually a paragraph whose key would
/// be long (keys of every body line were a twelfth of text ingest).
pub(crate) fn key_at_most(line: &str, max: usize) -> Option<String> {
    let mut out = String::with_capacity(line.len().min(max + 1));
    crate::text::push_terms_at_most(line, &mut out, max).then_some(out)
}

/// Whether [`key`] of `line` is `k`, reading `line` no further than the
/// first word that differs ([`crate::text::terms_in`]).
pub(crate) fn has_key(line: &str, k: &str) -> bool {
    crate::text::terms_in(line, &[k])
}

/// Whether [`key`] of `line` is a button's (`Share`, `Read more`;
/// `button_keys` of the phrase tables), read no further than its first
/// word unless that word starts a button.
pub(super) fn is_button(line: &str) -> bool {
    let ph = phrases();
    ph.button_first_words.contains(&crate::text::first_term(line))
        && key_at_most(line, ph.button_key_max).is_some_and(|k| ph.button_keys.contains(&k))
}

pub(super) fn is_timestamp(line: &str) -> bool {
    let parts: Vec<&str> = line.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts.iter().all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
}

pub(super) fn is_separator(line: &str) -> bool {
    !line.is_empty() && line.chars().all(|c| !c.is_alphanumeric())
}

pub(super) fn ends_sentence(line: &str) -> bool {
    let l = line.trim_end_matches(['"', '”', '’', '»', ')', '\'', ']', '」', '』', '）']);
    // Chinese and Japanese full stops and marks end sentences too.
    l.ends_with(['.', '!', '?', '…', ':', ';', '。', '！', '？', '：', '；'])
}

/// Classifies one cleaned line with the generic rules and the outlet's own
/// boilerplate prefixes.
pub fn classify(line: &str, outlet: Option<&OutletEntry>) -> LineKind {
    let ph = phrases();
    let lower = crate::text::lowercase(line);
    let short = crate::text::chars_at_most(line, 159);
    // The folded key is only needed for short lines (markers, skip links).
    let k = if short { key(line) } else { String::new() };
    if lower.matches("icon").count() >= 5 || is_timestamp(line) || is_separator(line) {
        return LineKind::Junk;
    }
    if short
        && ph
            .skip_link_keys
            .iter()
            .zip(&ph.all.skip_links)
            .any(|(sk, s)| k.starts_with(sk.as_str()) || lower.starts_with(s.as_str()))
    {
        return LineKind::Junk;
    }
    if let Some(o) = outlet {
        if o.boilerplate.iter().any(|b| lower.starts_with(&b.to_lowercase())) {
            return LineKind::Junk;
        }
    }
    if has(&ph.all.promo_markers, &lower) {
        return LineKind::PromoMarker;
    }
    // A promo line ("Lesen Sie auch: Headline"); the prefix alone heads a
    // box of headlines inside the article (see `is_promo_box`).
    if crate::text::chars_at_most(line, 299)
        && ph
            .all
            .promo_prefixes
            .iter()
            .any(|p| lower.starts_with(p.as_str()) && (lower.len() > p.len() || !is_promo_box(line)))
    {
        return LineKind::Junk;
    }
    // Embedded posts: "— Name (@handle) January 24, 2020".
    if (line.starts_with('—') || line.starts_with("- ")) && line.contains("(@") {
        return LineKind::Junk;
    }
    if line.starts_with('*') && lower.contains("opinion") {
        return LineKind::Junk;
    }
    // A date line may carry a prompt ("Last updated 20 Feb, 2020. 3 min read").
    if crate::text::chars_at_most(line, 399) && ph.disclosure_finder.in_text(&lower) {
        return LineKind::Junk;
    }
    if short && ph.prompt_finder.in_text(&lower) {
        return if is_date_line(line) { LineKind::DateLine } else { LineKind::Junk };
    }
    if short && (lower.starts_with('©') || lower.starts_with("copyright ") || lower.starts_with("(c) ")) {
        return LineKind::Junk;
    }
    // Credit lines: "Source: X", "teleSUR/ JF Source: EFE".
    // German "Quelle: dpa", "(Quelle: Agentur)".
    // A sentence after the label (`Source: a senior official said`) is
    // text.
    if short
        && (ph.all.credit_prefixes.iter().any(|p| lower.starts_with(p.as_str()))
            || ph.credit_infix_finder.in_text(&lower))
        && !super::credit::is_source_sentence(line)
    {
        return LineKind::Junk;
    }
    if crate::text::chars_at_most(line, 50) && ph.tail_marker_keys.contains(&k) {
        return LineKind::TailMarker;
    }
    if is_tail_head(line, &k) {
        return LineKind::TailMarker;
    }
    if crate::text::chars_at_most(line, 199) && ph.prev_next_keys.iter().any(|m| k.trim_start().starts_with(m.as_str()))
    {
        return LineKind::TailMarker;
    }
    if short && is_comments_heading(&k) {
        return LineKind::TailMarker;
    }
    if ph.all.caption_prefixes.iter().any(|p| lower.trim_start_matches(['(', '[']).starts_with(p.as_str()))
        || (crate::text::chars_at_most(line, 299) && ph.caption_infix_finder.in_text(&lower))
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

/// The heading of a comment section, from its folded key: `5 thoughts on
/// "Title"`, `12 comments`, `One response to "Title"`, `Leave a Reply
/// Cancel reply`, `Join the conversation`.
pub(super) fn is_comments_heading(k: &str) -> bool {
    let ph = phrases();
    let words: Vec<&str> = k.split(' ').collect();
    let is_count = |w: &str| w.bytes().all(|b| b.is_ascii_digit()) || ph.comment_count_keys.iter().any(|c| c == w);
    let is_noun = |w: &str| ph.comment_noun_keys.iter().any(|n| n == w);
    let count = words.first().is_some_and(|w| is_count(w));
    let noun = words.get(1).is_some_and(|w| is_noun(w));
    let on = words.len() == 2 || words.get(2).is_some_and(|w| ph.comment_link_keys.iter().any(|l| l == w));
    // `Kommentare (3)`, `Comments 12`: the noun and a count.
    let counted =
        words.len() == 2 && is_noun(words[0]) && !words[1].is_empty() && words[1].bytes().all(|b| b.is_ascii_digit());
    // `Comments` alone heads the section too (the plural noun: `Comment`
    // alone is a button).
    let alone = words.len() == 1
        && is_noun(words[0])
        && ph.comment_noun_keys.iter().any(|n| n.len() < k.len() && k.starts_with(n.as_str()));
    (count && noun && on) || counted || alone || ph.comment_opener_keys.iter().any(|o| k.starts_with(o.as_str()))
}

/// A paragraph of running text: long enough and ending like a sentence,
/// or very long.
pub(super) fn is_prose(line: &str) -> bool {
    // A teaser cut short ("...") is a link to another story.
    if line.ends_with("...") || line.ends_with('…') || line.ends_with("[…]") {
        return false;
    }
    let n = width(line);
    ((n >= 60 && ends_sentence(line)) || n >= 150) && !is_link_list(line)
}

/// How long a line reads, in Latin characters: a CJK character is a word
/// or half of one (a ten-word English sentence of 60 characters is about
/// twenty Chinese or Japanese characters), so prose printed without spaces
/// counts each three times.
pub(super) fn width(line: &str) -> usize {
    // An ASCII line (most of them) is as wide as it is long: checked a
    // word at a time, not a character at a time.
    if line.is_ascii() {
        return line.len();
    }
    // CJK characters (U+3000 to U+FFEF, `is_cjk`) are the three bytes led
    // by 0xE3 to 0xEF in UTF-8: a line without such a byte (curly quotes
    // and dashes are led by 0xE2) is as wide as its characters are many.
    if !line.bytes().any(|b| (0xE3..=0xEF).contains(&b)) {
        return line.chars().count();
    }
    line.chars().map(|c| if is_cjk(c) { 3 } else { 1 }).sum()
}

/// A run of links flattened onto one line (`2022 / Apr2022 / Mar2022 /
/// ...`, `Home | News | Sport | ...`): many separators between parts of a
/// few words each.
pub(super) fn is_link_list(line: &str) -> bool {
    // Each separator holds its own `/`, `|` or a byte of `·` (0xB7) or `•`
    // (0xA2): a line with fewer than five of those bytes has fewer than
    // six parts, known without searching for each separator.
    if line.bytes().filter(|b| matches!(b, b'/' | b'|' | 0xB7 | 0xA2)).count() < 5 {
        return false;
    }
    let parts = 1 + [" / ", " | ", " · ", " • "].iter().map(|s| line.matches(s).count()).sum::<usize>();
    parts >= 6 && line.split_whitespace().count() <= parts * 4
}

/// Whether a line holds the end of a sentence before its end (`... the
/// author writes. Putting ...`): a full stop and a space after a word of
/// three letters or more ending in lower case (not `U.S. `, not `Dr. `).
pub(super) fn has_sentence_break(line: &str) -> bool {
    line.match_indices(". ").any(|(at, _)| {
        let w = line[..at].rsplit(' ').next().unwrap_or("");
        w.chars().count() >= 3 && w.chars().all(char::is_alphabetic) && w.ends_with(char::is_lowercase)
    })
}

/// Joins prose hard-wrapped at a fixed width (mailing lists, plain-text
/// blogs, `<pre>` articles) back into paragraphs. A line (not the first,
/// which is the page title) goes on into the next when it ends without a
/// full stop and the next starts in lower case, or it is 25 characters or
/// more and ends with a comma or a word such as `the` or `and` (not
/// `Published by`) and the next has three words or more. A byline or a
/// date line never continues a line. Once a paragraph is being joined, a
/// line of 50 to 100 characters without a full stop goes on into the next
/// too (`... in the Smart and Sustainable` / `Automation Research Lab ...`).
///
/// A line marked in `chunks` (a piece of a huge line split at sentence
/// ends) is a paragraph already: it never goes on from the line before,
/// and nothing goes on into it. Returns the lines and their marks.
pub(super) fn unwrap_lines(lines: Vec<String>, chunks: Vec<bool>) -> (Vec<String>, Vec<bool>) {
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut out_chunks: Vec<bool> = Vec::with_capacity(lines.len());
    // Whether the last line went on from the one before, and the length
    // of the last physical line.
    let mut joining = false;
    let mut last_len = 0;
    for (line, chunk) in lines.into_iter().zip(chunks) {
        let go_on = match out.last() {
            _ if chunk || out_chunks.last() == Some(&true) => false,
            Some(prev) if out.len() > 1 && prev.len() < 20_000 => {
                let tail = prev.rsplit(' ').next().unwrap_or("").to_lowercase();
                prev.ends_with(|c: char| c.is_alphabetic() || c == ',')
                    && prev.contains(' ')
                    && line.contains(' ')
                    // A byline under a headline is not its continuation.
                    && !line.to_lowercase().starts_with("by ")
                    && !is_foreign_byline(&line)
                    && explicit_byline(&line).is_none()
                    && !is_date_line(&line)
                    && (line.starts_with(|c: char| c.is_lowercase())
                        || (line.split_whitespace().count() >= 3
                            && (((prev.ends_with(',') || has(&phrases().all.continuing_words, &tail)) && last_len >= 25)
                                || (joining && (50..=100).contains(&last_len)))))
            }
            _ => false,
        };
        last_len = line.chars().count();
        if let (true, Some(prev)) = (go_on, out.last_mut()) {
            prev.push(' ');
            prev.push_str(&line);
            joining = true;
        } else {
            out.push(line);
            out_chunks.push(chunk);
            joining = false;
        }
    }
    (out, out_chunks)
}

/// Splits a huge single line into paragraphs of about five sentences.
pub(super) fn split_long_line(line: &str) -> Vec<String> {
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

/// The lines of picture galleries and carousels: a short label repeated
/// eight times or more at a regular step (`UK news in pictures` / date /
/// caption / credit, fifty times), with everything between its first and
/// last copy; a copy more than two steps from the next is a gallery of its
/// own (a menu entry at the top of the page with the gallery's label does
/// not make the whole article part of the gallery). A gallery
/// inside an article is furniture that does not split the article.
pub(super) fn gallery_lines(lines: &[String]) -> Vec<usize> {
    let mut at: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (i, l) in lines.iter().enumerate() {
        if crate::text::chars_at_most(l, 60) && !l.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_punctuation()) {
            at.entry(l.as_str()).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for idx in at.values().filter(|v| v.len() >= 8) {
        // The step between copies: the same (3 to 6 lines: label, caption,
        // credit and more; an advertising label every other line is not a
        // gallery) for at least four in five of them.
        let steps: Vec<usize> = idx.windows(2).map(|w| w[1] - w[0]).collect();
        let mut counts = [0usize; 7];
        for &st in &steps {
            if let Some(c) = counts.get_mut(st) {
                *c += 1;
            }
        }
        let (step, n) = counts.iter().enumerate().skip(3).max_by_key(|(_, c)| **c).map_or((0, 0), |(st, c)| (st, *c));
        // A button repeated after every entry of a numbered list (`3. Sunday
        // Sauce` / description / `GET THE RECIPE`, `#20 of 21` / ... /
        // `Website Call`) is no gallery: the list is the article.
        let numbered = idx.windows(2).filter(|w| lines[w[0] + 1..w[1]].iter().any(|l| numbered_entry(l))).count();
        if n * 5 >= steps.len() * 4 && numbered * 2 < steps.len() {
            // A copy far from the others (the label in a menu at the top
            // of the page, the gallery at the bottom) is no part of the
            // gallery: what stands between is not furniture.
            let mut from = 0;
            for k in 1..=idx.len() {
                if k == idx.len() || idx[k] - idx[k - 1] > 2 * step {
                    let end = if k - from >= 2 { idx[k - 1] + step } else { idx[from] + 1 };
                    out.extend(idx[from]..end.min(lines.len()));
                    from = k;
                }
            }
        }
    }
    out
}

/// An entry of a numbered list: `3. Sunday Sauce`, `12) Pier`, `#20 of 21
/// Best Movers`.
pub(super) fn numbered_entry(line: &str) -> bool {
    let rest = line.strip_prefix('#').unwrap_or(line);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let after = &rest[digits..];
    (1..=3).contains(&digits)
        && (after.starts_with(". ") || after.starts_with(") ") || (line.starts_with('#') && after.starts_with(' ')))
}

/// The cleaned lines of a page (see the module docs), with a mark on the
/// pieces of huge lines (paragraphs whose repeats are text, not a page's
/// furniture printed twice); `Err` when it has none. Warnings (a huge line
/// split) go to `warnings`.
pub(super) fn page_lines(text: &str, warnings: &mut Vec<String>) -> Result<(Vec<String>, Vec<bool>), String> {
    let mut lines: Vec<String> = Vec::new();
    let mut chunks: Vec<bool> = Vec::new();
    for raw in text.lines() {
        let l = clean_line(raw);
        if l.is_empty() {
            continue;
        }
        if l.len() > 20_000 {
            warnings.push(format!("a single line of {} bytes was split into paragraphs at sentence ends", l.len()));
            let pieces = split_long_line(&l);
            chunks.extend(pieces.iter().map(|_| true));
            lines.extend(pieces);
        } else {
            lines.push(l);
            chunks.push(false);
        }
    }
    if lines.is_empty() {
        return Err("no text lines".into());
    }
    let (mut lines, mut chunks) = unwrap_lines(lines, chunks);
    // A page title wrapped onto a second line that starts with its
    // separator ("Site" / "| Headline") is one line.
    if lines.len() > 1
        && ["| ", "- ", "– ", "— ", ": "].iter().any(|s| lines[1].starts_with(s))
        && !ends_sentence(&lines[0])
        && explicit_byline(&lines[1]).is_none()
        && lines[0].chars().count() + lines[1].chars().count() <= 250
    {
        let second = lines.remove(1);
        lines[0] = format!("{} {second}", lines[0]);
        chunks.remove(1);
    }
    Ok((lines, chunks))
}

/// The kind of every line of a page (`lines` is not empty): [`classify`],
/// then the rules that look at neighbours: a `Source:` or `Video:` line at
/// the very top is a headline, picture galleries are furniture, a label
/// alone above a date line is part of the date.
pub(super) fn classify_lines(lines: &[String], outlet: Option<&OutletEntry>) -> Vec<LineKind> {
    let mut kinds: Vec<LineKind> = lines.iter().map(|l| classify(l, outlet)).collect();
    // A "Source: ..." or "Video: ..." line at the very top is a headline, not
    // a credit or a caption.
    let top = lines[0].to_lowercase();
    if (kinds[0] == LineKind::Caption || top.starts_with("source:") || top.starts_with("sources:"))
        && is_title_like(&lines[0])
    {
        kinds[0] = LineKind::Text;
    }
    for i in gallery_lines(lines) {
        kinds[i] = LineKind::Junk;
    }
    // A label alone above a date line ("Release Date:", "Published:") is
    // part of the date, not text.
    for i in 0..lines.len().saturating_sub(1) {
        if kinds[i] == LineKind::Text
            && kinds[i + 1] == LineKind::DateLine
            && lines[i].ends_with(':')
            && lines[i].split_whitespace().count() <= 3
        {
            kinds[i] = LineKind::Junk;
        }
    }
    kinds
}

/// A short heading opening the page's tail with a `tail_heads` phrase
/// (`Related Resources`, `More from Example Blog:`): at most five words,
/// not a sentence, no figures (`Related: 4 Best Robot Vacuums`). Unless
/// it is a tail marker of its own (`Related posts`), it is also a promo
/// box heading ([`super::main_text::is_promo_box`]): inside the main
/// text, a box the article goes on after (`Related Story` / a headline /
/// more prose). WCXB body F1 (text path, tuning / checking): 0.9204 /
/// 0.9173 -> 0.9210 / 0.9178; as a tail marker only, 0.9207 / 0.9172.
pub fn is_tail_head(line: &str, k: &str) -> bool {
    let words = k.split(' ').count();
    words <= 5
        && crate::text::chars_at_most(line, 50)
        && !line.trim_end().ends_with(['.', '?', '!'])
        && !line.chars().any(|c| c.is_ascii_digit())
        && phrases()
            .tail_head_keys
            .iter()
            .any(|h| k.strip_prefix(h.as_str()).is_some_and(|r| r.is_empty() || r.starts_with(' ')))
}

/// A [`is_tail_head`] heading that is not a tail marker of its own
/// (`Related Story`, not `Related posts`): it may head a box inside the
/// article as well as the tail. `k` is the line's [`key`].
pub fn is_box_tail_head(line: &str, k: &str) -> bool {
    is_tail_head(line, k) && !phrases().tail_marker_keys.iter().any(|m| m == k)
}
