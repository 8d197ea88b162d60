//! Pass 3: the headline. The first title-like line is the page title; the
//! headline is the line nearest above the main text that prints a part of
//! it (not the page's own entry in a menu, not a three-word slide caption
//! below the sentence-long first part), else a line sharing most of its
//! words, else the headline of the header block above the text (walking up
//! over share bars, dates, bylines and standfirsts to the menu). A headline
//! keeps a suffix that names no site for sure. See [`find_headline`].

use super::byline::{explicit_byline, is_foreign_byline, name_only};
use super::lines::{ends_sentence, has_key, has_sentence_break, is_prose, key, key_at_most, LineKind};
use super::phrases::{has, phrases};
use super::title::{
    is_cjk, is_title_like, names_a_site, strip_date_parts, strip_known_site_suffix, strip_site_suffix, title_parts,
    title_phrases, TitleWords, TITLE_SEPARATORS,
};
use crate::ingest::registry::Registry;

/// The headline of a page whose page title is line `t0`: returns the line
/// index (when a line of the text prints it) and the title text.
///
/// 0. A wiki page name for a page title (`BeginnersGuide/Download`,
///    printed again alone in the menus): the title-like line among the
///    three right above the main text, when there is one.
/// 1. The line nearest before the main text (`main.0`, or its first line)
///    that prints a part of the page title minus its site suffix
///    (`Headline` of `Headline - Site`), else one that prints all of it
///    plus a suffix that names no site for sure
///    (`How to Grow a Lemon Tree | Step-by-Step Guide`). A one-word part
///    counts only when it starts the title or every other part is the
///    site's name, printed alone on two lines or more
///    (`A.Word.A.Day --maudlin`). When the line before prints
///    another part (a kicker, or the headline above a subtitle), the longer
///    line is the headline. A line going on after that part past a
///    separator, within three lines of it, is the whole H1 the page title
///    shortens (`Part 49` / `Part 49 – The Ferry`). A line ending with a
///    dash is a dateline (`Bergstadt -`), never the headline; a date
///    line printing a part after its date (`23.01.2022 - Headline`)
///    prints that part.
/// 2. Else the line before the text (or among its first lines) that goes
///    on after the page title minus its suffix past a separator
///    (`Lemon Cake: easy and quick!`), when what follows names no site;
///    else a part of four words or more printed after a kicker or a
///    breadcrumb glued to it without a separator (`Home News Headline`);
///    else the title-like line before the main text that shares most words
///    with the page title minus its suffix.
/// 3. Else the headline of the header above the main text
///    ([`header_headline`]): pages whose H1 differs from the page title,
///    when it shares a word (four letters or more) with the page title or
///    no part of the page title has four words (`About Us - Site`). A
///    header line unrelated to a headline-long page title heads a box or
///    a section (`No customer service on the weekends`): the steps below
///    give the headline's text, its line still marks where the article
///    starts.
/// 4. Else a line inside the main text printing a part of the title.
/// 5. Else the page title minus its site suffix.
pub(super) fn find_headline(
    lines: &[String],
    kinds: &[LineKind],
    t0: usize,
    main: (usize, usize),
    registry: &Registry,
) -> (Option<usize>, String) {
    let raw = super::title::without_dangling_separator(&lines[t0]);
    let head = strip_site_suffix(raw, registry);
    let head_key = key(&head);
    let raw_key = key(raw);
    let known_head_key = key(&strip_known_site_suffix(raw, registry));
    let (main_start, main_end) = main;
    let parts: Vec<&str> =
        title_parts(raw, TITLE_SEPARATORS).into_iter().filter_map(|(a, b)| raw.get(a..b)).map(str::trim).collect();
    // Whether a text is printed alone on two lines or more (a site's
    // name in its logo and menus).
    let printed_alone = |p: &str| {
        let pk = key(p);
        !pk.is_empty() && lines.iter().filter(|l| has_key(l, &pk)).take(2).count() == 2
    };
    // A wiki's page title is its page name ("BeginnersGuide/Download"),
    // which its menus print again on a line of its own: the heading right
    // above the text is the title.
    if parts.first().is_some_and(|p| is_page_name(p) && printed_alone(p)) {
        let above = (main_start.saturating_sub(3).max(t0 + 1)..main_start).rev().find(|&i| {
            kinds[i] == LineKind::Text
                && is_title_like(&lines[i])
                && !ends_sentence(&lines[i])
                && !is_page_name(&lines[i])
        });
        if let Some(i) = above {
            return (Some(i), lines[i].clone());
        }
    }
    // A one-word part is a headline when every other part is the site's
    // name: "A.Word.A.Day --maudlin".
    let beside_site_name = |p: &str| parts.len() >= 2 && parts.iter().filter(|q| **q != p).all(|q| printed_alone(q));
    // Parts of the stripped title first, then the stripped title plus a
    // suffix that names no site for sure.
    let phrases: Vec<(String, &str, bool)> = title_phrases(raw)
        .into_iter()
        .map(|(p, first)| (key(p), p, first))
        .filter(|(k, p, first)| k.len() >= 3 && (*first || k.contains(' ') || beside_site_name(p)))
        .collect();
    // (A line whose key is longer than every phrase's prints none of them.)
    let longest_phrase = phrases.iter().map(|(k, _, _)| k.len()).max().unwrap_or(0);
    // (Most lines differ from every phrase in their first word: they are
    // read that far only, when the phrases are few enough to ask at once.)
    let phrase_keys: Vec<&str> = phrases.iter().map(|(k, _, _)| k.as_str()).collect();
    let may_print_phrase = |text: &str| phrase_keys.len() > 64 || crate::text::terms_in(text, &phrase_keys);
    let tiers: [&dyn Fn(&str) -> bool; 2] =
        [&|k: &str| head_key.contains(k), &|k: &str| k.contains(head_key.as_str()) && known_head_key.contains(k)];
    let phrase_of = |i: usize, tier: &dyn Fn(&str) -> bool| -> Option<&str> {
        // A place name ending with a dash opens the text (`Bergstadt -`):
        // a dateline, not a headline.
        if !crate::text::chars_at_most(&lines[i], 300) || lines[i].ends_with(['-', '–', '—']) {
            return None;
        }
        // A headline printed after its date (`23.01.2022 - Headline`)
        // reads like a date line: the headline is the rest.
        let text = match kinds[i] {
            LineKind::Text => lines[i].as_str(),
            LineKind::DateLine => Some(strip_date_parts(&lines[i])).filter(|t| t.len() < lines[i].len())?,
            _ => return None,
        };
        if !may_print_phrase(text) {
            return None;
        }
        let k = key_at_most(text, longest_phrase)?;
        phrases.iter().find(|(pk, _, _)| *pk == k && tier(pk)).map(|(_, p, _)| *p)
    };
    // A shortened form of another part ("Product 15 for Mac" above "Run
    // Windows on Mac" for the title "Run Windows on Mac - Product 15
    // Virtual Machine for Mac"): three words or more, all of them words of
    // that part.
    let variant_of_part = |a: usize, p: &str, tier: &dyn Fn(&str) -> bool| -> Option<String> {
        let line = &lines[a];
        let k = key(line);
        let words: Vec<&str> = k.split(' ').collect();
        let fits = |q: &str| {
            let qk = key(q);
            let qw: std::collections::HashSet<&str> = qk.split(' ').collect();
            words.iter().all(|w| qw.contains(w))
        };
        (kinds[a] == LineKind::Text
            && is_title_like(line)
            && words.len() >= 3
            && phrases.iter().any(|(pk, q, _)| *q != p && tier(pk) && fits(q)))
        .then(|| line.clone())
    };
    // A kicker or a subtitle next to the headline prints another part of
    // the title, or a shortened form of one ("Open Progress" / "Why ...",
    // "Title" / "Subtitle"): the longer of the two lines is the headline.
    let longer_neighbour = |i: usize, p: &str, tier: &dyn Fn(&str) -> bool| -> (usize, String) {
        let prev = i.checked_sub(1).filter(|&a| a > t0);
        let other = prev.and_then(|a| {
            phrase_of(a, tier).map(str::to_string).or_else(|| variant_of_part(a, p, tier)).map(|q| (a, q))
        });
        match other {
            Some((a, q)) if q.chars().count() > p.chars().count() => (a, q),
            _ => (i, p.to_string()),
        }
    };
    // An entry of a menu (the page's own link among its neighbours: a
    // menu entry before it and three after it) is the headline only when
    // no headline stands in the dozen lines below it.
    let menu_entry = |i: usize| {
        let entry = |j: usize| {
            kinds[j] == LineKind::Junk
                || (kinds[j] == LineKind::Text && is_menu_like(&lines[j]) && !is_prose(&lines[j]))
        };
        i > t0 + 1 && i + 3 < main_start && is_menu_like(&lines[i]) && entry(i - 1) && (i + 1..=i + 3).all(entry)
    };
    // The headline may open the main text itself (a blog's description
    // was taken for the start of the text): the few lines before the
    // second paragraph of prose count too.
    let hi = (main_start + 1).min(lines.len());
    let head_hi = ((main_start + 1)..main_end.min(main_start + 7))
        .find(|&i| kinds[i] == LineKind::Text && is_prose(&lines[i]))
        .unwrap_or(main_end.min(main_start + 7))
        .max(hi)
        .min(lines.len());
    // An H1 going on after the page title's headline, past a separator
    // (`Lemon Cake` / `Lemon Cake: easy and quick!`, `Part 4` / `Part 4 –
    // The Ferry`): the page title shortens the H1.
    // `pk` is the folded key of the headline part.
    let extension_of = |j: usize, pk: &str| -> Option<String> {
        let line = &lines[j];
        // The rest is not a site name (`Headline | harbour.net`).
        let extends = || {
            title_parts(line, TITLE_SEPARATORS).windows(2).any(|w| {
                line.get(..w[0].1).is_some_and(|h| key(h) == pk)
                    && line.get(w[1].0..).is_some_and(|rest| !names_a_site(rest.trim(), registry))
            })
        };
        (kinds[j] == LineKind::Text
            && pk.contains(' ')
            && is_title_like(line)
            && crate::text::chars_at_most(line, 200)
            && !has_sentence_break(line)
            && extends())
        .then(|| line.clone())
    };
    let extended = |i: usize, p: &str| -> Option<(usize, String)> {
        let pk = key(p);
        (i.saturating_sub(3).max(t0 + 1)..(i + 4).min(head_hi)).find_map(|j| extension_of(j, &pk).map(|l| (j, l)))
    };
    let mut in_menu = None;
    for tier in tiers {
        let found = ((t0 + 1)..head_hi)
            .rev()
            .find_map(|i| phrase_of(i, tier).filter(|_| i < hi || is_title_like(&lines[i])).map(|p| (i, p)));
        if let Some((i, p)) = found {
            let (i, p) = longer_neighbour(i, p, tier);
            // A part of three words or fewer (a slide's caption, a section)
            // loses to the title's first part printed as a sentence-long
            // line a few lines above it.
            let first_part_above = || {
                (i.saturating_sub(6).max(t0 + 1)..i).rev().filter(|&j| kinds[j] == LineKind::Text).find_map(|j| {
                    if !may_print_phrase(&lines[j]) {
                        return None;
                    }
                    let k = key_at_most(&lines[j], longest_phrase)?;
                    phrases
                        .iter()
                        .find(|(pk, q, first)| *first && *pk == k && q.split_whitespace().count() >= 5 && tier(pk))
                        .map(|(_, q, _)| (j, q.to_string()))
                })
            };
            let (i, p) = if p.split_whitespace().count() <= 3 { first_part_above() } else { None }.unwrap_or((i, p));
            if !menu_entry(i) {
                return extended(i, &p).map_or((Some(i), p), |(j, l)| (Some(j), l));
            }
            in_menu = Some((i, p));
            break;
        }
    }
    if in_menu.is_none() {
        if let Some((j, l)) = ((t0 + 1)..head_hi).rev().find_map(|j| extension_of(j, &head_key).map(|l| (j, l))) {
            return (Some(j), l);
        }
        // A kicker or a breadcrumb glued before the headline without a
        // separator (`Home News Harbour plan approved by the council`): a
        // line ending with a part of the title of four words or more,
        // after at most four words that are not a part of their own
        // (`"Quote": Headline` keeps its kicker). The shortest such part
        // is the headline.
        let glued = ((t0 + 1)..head_hi).rev().find_map(|j| {
            let line = &lines[j];
            if kinds[j] != LineKind::Text || !crate::text::chars_at_most(line, 300) {
                return None;
            }
            let k = key(line);
            let first_part = title_parts(line, TITLE_SEPARATORS).first().and_then(|&(a, b)| line.get(a..b)).map(key);
            phrases
                .iter()
                .filter(|(pk, _, _)| pk.split(' ').count() >= 4 && head_key.contains(pk.as_str()))
                .filter(|(pk, _, _)| {
                    k.strip_suffix(pk.as_str()).and_then(|pre| pre.strip_suffix(' ')).is_some_and(|pre| {
                        (1..=4).contains(&pre.split(' ').count())
                            && first_part.as_ref().is_some_and(|f| f.starts_with(&format!("{pre} ")))
                    })
                })
                .min_by_key(|(pk, _, _)| pk.len())
                .map(|(_, p, _)| (j, p.to_string()))
        });
        if let Some((j, p)) = glued {
            return (Some(j), p);
        }
    }
    let lo = (t0 + 1).max(main_start.saturating_sub(40));
    let head_words = TitleWords::new(&head);
    let similar = (lo..main_start.max(lo))
        .rev()
        .filter(|&i| kinds[i] == LineKind::Text && is_title_like(&lines[i]) && !has_sentence_break(&lines[i]))
        .filter_map(|i| {
            let k = key(&lines[i]);
            // Not the site name printed from the stripped suffix.
            if raw_key.contains(&k) && !head_key.contains(&k) {
                return None;
            }
            // A contiguous part of the title beats a line sharing its words.
            let part = head_key.contains(&k);
            head_words.similarity_of_key(&k).map(|s| (s + f32::from(u8::from(part)), i))
        })
        .max_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let below_menu = |j: usize| in_menu.as_ref().is_none_or(|(i, _)| j > *i && j <= i + 12);
    // The page title minus its suffix printed whole on a line of the first
    // 40 of the main text beats a line before it that only shares words
    // with it, or the header of another block: the main text found began
    // with a list of other stories above the article (`You may also like...`).
    if head_key.split(' ').count() >= 3 && in_menu.is_none() && similar.is_none_or(|(_, i)| key(&lines[i]) != head_key)
    {
        let exact_inside = (hi..main_end.min(hi + 40).min(lines.len()))
            // (Lengths first: a key is costly to build.)
            .filter(|&i| kinds[i] == LineKind::Text && lines[i].len().abs_diff(head.len()) <= head.len() / 4 + 4)
            .find(|&i| is_title_like(&lines[i]) && key(&lines[i]) == head_key);
        if let Some(i) = exact_inside {
            return (Some(i), lines[i].clone());
        }
    }
    if let Some((_, i)) = similar.filter(|&(_, i)| below_menu(i)) {
        // An H1 rarely names the site: only a sure site name goes, unless
        // the line copies the page title.
        let strip = if key(&lines[i]) == raw_key { strip_site_suffix } else { strip_known_site_suffix };
        return (Some(i), strip(&lines[i], registry));
    }
    if in_menu.is_none() {
        if let Some(i) = dated_header(lines, kinds, t0, main_start, &head) {
            return (Some(i), lines[i].clone());
        }
    }
    // A header line that shares no word with a page title of four words
    // or more (in one part: not `About Us - Quay Trust`) is a section's
    // heading or a box's (`No customer service on the weekends` under
    // `Best Long-Distance Moving Companies 2026`): not the headline, but
    // its line stays where the article starts (its date and byline), and
    // the steps below give the headline's text.
    let mut unrelated_header = None;
    if let Some(i) = header_headline(lines, kinds, t0, main_start).filter(|&i| below_menu(i)) {
        if parts.iter().all(|p| key(p).split(' ').count() < 4) || shares_a_word(&lines[i], raw) {
            return (Some(i), lines[i].clone());
        }
        unrelated_header = Some(i);
    }
    if let Some((i, p)) = in_menu {
        return (unrelated_header.or(Some(i)), p.to_string());
    }
    let inside = (hi..main_end.min(lines.len())).find_map(|i| phrase_of(i, tiers[0]).map(|p| (i, p)));
    if let Some((i, p)) = inside.filter(|(_, p)| p.contains(' ')) {
        return (unrelated_header.or(Some(i)), p.to_string());
    }
    if let Some(i) = unrelated_header {
        return (Some(i), head);
    }
    // A headline with the text right below it is the article's own line
    // (a scraper's headline field, not a page title): only a sure site
    // name goes ("Truce holds - UN" keeps its source).
    if main_start <= t0 + 2 {
        return (Some(t0), strip_known_site_suffix(raw, registry));
    }
    (Some(t0), head)
}

/// The H1 of a page whose page title rewords it, above a main text found
/// further down (a buying guide whose longest run of prose is one of its
/// sections): the topmost title-like line before the main text that has
/// the header's byline or date within the five lines below it (`By`,
/// `By Jane Doe`, a date line; a standfirst may come between; not
/// `Updated`, which a section's kicker may stand above), is not a
/// breadcrumb trail, and shares two words or more, and a third of its words, with the page
/// title minus its suffix (`Our 6 Favorite Bread Machines Make Any Type of
/// Loaf` for `The 6 Best Bread Machines, Tested & Reviewed`).
pub(super) fn dated_header(
    lines: &[String],
    kinds: &[LineKind],
    t0: usize,
    main_start: usize,
    head: &str,
) -> Option<usize> {
    let head_key = key(head);
    let head_words: std::collections::HashSet<&str> = head_key.split(' ').filter(|w| !w.is_empty()).collect();
    let header_line = |j: usize| {
        let k = key(&lines[j]);
        kinds[j] == LineKind::DateLine
            || k == "by"
            || explicit_byline(&lines[j]).is_some()
            || is_foreign_byline(&lines[j])
    };
    ((t0 + 1)..main_start.min(lines.len())).find(|&i| {
        let line = &lines[i];
        if kinds[i] != LineKind::Text
            || !is_title_like(line)
            || line.split_whitespace().count() < 4
            || ends_sentence(line)
            || explicit_byline(line).is_some()
            || [" / ", " > ", " » ", " › "].iter().map(|s| line.matches(s).count()).sum::<usize>() >= 2
        {
            return false;
        }
        let k = key(line);
        let words: std::collections::HashSet<&str> = k.split(' ').collect();
        let common = words.intersection(&head_words).count();
        common >= 2
            && common * 3 >= words.len().min(head_words.len())
            && ((i + 1)..(i + 6).min(main_start + 1).min(lines.len())).any(header_line)
    })
}

/// Whether two texts share a word of four letters or more (folded).
fn shares_a_word(a: &str, b: &str) -> bool {
    let (ka, kb) = (key(a), key(b));
    let long = |k: &str| k.split(' ').filter(|w| w.chars().count() >= 4).map(str::to_string).collect::<Vec<_>>();
    let wb = long(&kb);
    long(&ka).iter().any(|w| wb.contains(w))
}

/// A wiki page name used as a page title: one token joining words with
/// `/` or `_` or in CamelCase (`BeginnersGuide/Download`, `Main_Page`).
pub(super) fn is_page_name(text: &str) -> bool {
    let camel = text.chars().zip(text.chars().skip(1)).any(|(a, b)| a.is_lowercase() && b.is_uppercase());
    !crate::text::chars_at_most(text, 2)
        && !text.contains(char::is_whitespace)
        && text.chars().any(char::is_alphabetic)
        && (text.contains(['/', '_']) || camel)
}

/// A menu entry: a few words, no sentence, no byline.
pub(super) fn is_menu_like(line: &str) -> bool {
    line.split_whitespace().count() <= 4 && !ends_sentence(line) && explicit_byline(line).is_none()
}

/// The headline of the header block right above the main text: walking up
/// from the main text over date lines, bylines, captions, standfirsts,
/// share buttons and a few short lines, up to the menu (three menu entries in a row), the
/// topmost headline-like line (title-like, five words or more, starting
/// with a capital, not ending like a statement or a quoted sentence, not a
/// breadcrumb trail, not a byline) is the H1. A walk that reaches the page
/// title line finds none: the page title heads the text itself.
pub(super) fn header_headline(lines: &[String], kinds: &[LineKind], t0: usize, main_start: usize) -> Option<usize> {
    let mut menu_run = 0;
    let mut found = None;
    // Share bars and counters ("845 shares", "View", "comments") between
    // the header and the text are passed over until the first line of the
    // header (a date line, a byline, a caption, a standfirst) is reached.
    let mut in_header = false;
    let top = main_start.min(lines.len().saturating_sub(1));
    for (step, i) in (t0..=top).rev().take(30).enumerate() {
        if !in_header && step >= 12 {
            break;
        }
        if i == t0 {
            // No menu between the page title and the text: the page title
            // line is the headline of the header.
            return None;
        }
        let line = &lines[i];
        let words = line.split_whitespace().count();
        let crumbs = [" / ", " > ", " » ", " › "].iter().map(|s| line.matches(s).count()).sum::<usize>() >= 2;
        let capital = line.chars().find(|c| c.is_alphanumeric()).is_some_and(|c| c.is_uppercase() || c.is_numeric());
        let statement = line.trim_end_matches(['"', '”', '’', '»', ')', '\'']).ends_with(['.', ':', ';', ',']);
        // "... a follower of Jesus. In": prose wrapped mid-sentence.
        let wrapped = !line.ends_with(['?', '!']) && has_sentence_break(line);
        // A line whose next line goes on in lower case is wrapped prose.
        // A byline right below makes a shorter line the headline
        // (`Harbour Plan Approved` / `von Jane Doe`).
        let above_byline = lines.get(i + 1).is_some_and(|n| explicit_byline(n).is_some() || is_foreign_byline(n));
        let continued =
            !above_byline && lines.get(i + 1).and_then(|n| n.chars().next()).is_some_and(char::is_lowercase);
        let headline_like = kinds[i] == LineKind::Text
            && is_title_like(line)
            && capital
            && !statement
            && !wrapped
            && !continued
            && (words >= 5 || (above_byline && words >= 2))
            && !crumbs
            && explicit_byline(line).is_none()
            && name_only(line).is_none();
        if headline_like {
            found = Some(i);
            menu_run = 0;
            in_header = true;
            continue;
        }
        if i < top
            && (matches!(kinds[i], LineKind::DateLine | LineKind::Caption)
                || key(line) == "by"
                || explicit_byline(line).is_some()
                || is_foreign_byline(line)
                || (kinds[i] == LineKind::Text && !is_menu_like(line)))
        {
            in_header = true;
        }
        let menu = in_header
            && match kinds[i] {
                // Share buttons sit between the header and the text.
                LineKind::Text if has(&phrases().all.share_buttons, &key(line)) => false,
                LineKind::Text => is_menu_like(line),
                LineKind::TailMarker | LineKind::Junk | LineKind::PromoMarker => true,
                LineKind::DateLine | LineKind::Caption => false,
            };
        menu_run = if menu { menu_run + 1 } else { 0 };
        if menu_run >= 3 {
            break;
        }
    }
    found
}

/// The page title: the first title-like line (or the first line when the
/// text prints it again, or a CJK first line), `None` when no line looks
/// like a title.
pub(super) fn page_title(lines: &[String], kinds: &[LineKind]) -> Option<usize> {
    // The first text line may end with a period ("... State Dept.") and
    // still be the headline when it is short.
    // (Menu entries such as "Home" before it do not count.)
    let first_text = lines.iter().zip(kinds).position(|(l, k)| {
        *k == LineKind::Text
            && !(crate::text::chars_at_most(l, 19) && l.split_whitespace().count() <= 3 && !ends_sentence(l))
    });
    // A short first line is the page title when the text prints it again
    // on a line of its own (the headline repeating the page title).
    let short_title = kinds[0] == LineKind::Text
        && (3..=60).contains(&lines[0].chars().count())
        && !lines[0].split_whitespace().all(|w| has(&phrases().all.not_name_words, &w.to_lowercase()))
        && lines[1..].iter().take(400).any(|l| *l == lines[0]);
    // The first line is the page title even when it prints a date
    // (`Harbour plan approved : 31.10.2023, 10.19 Uhr`).
    lines.iter().zip(kinds).enumerate().position(|(i, (l, k))| {
        (*k == LineKind::Text || (i == 0 && *k == LineKind::DateLine))
            && ((i == 0 && short_title)
                // A CJK title has no spaces between its words.
                || (i == 0 && l.chars().filter(|&c| is_cjk(c)).count() >= 4 && crate::text::chars_at_most(l, 150))
                || is_title_like(l)
                || (Some(i) == first_text
                    && (2..=25).contains(&l.split_whitespace().count())
                    && (10..=200).contains(&l.chars().count())))
    })
}

/// A headline without a site name or section after ` | ` that the page
/// prints alone on a line of its own (its logo, a menu entry):
/// `Car Maintenance Checklist | Bridgestone Tires` with `Bridgestone
/// Tires` in the menu, `Headline | Opinion` with the `Opinion` section
/// in the menu. The suffix has at most four words and fewer than the
/// headline before it; up to two are stripped.
pub(super) fn strip_printed_site(title: &str, lines: &[String]) -> String {
    let mut t = title.trim();
    for _ in 0..2 {
        let Some((head, tail)) = t.rsplit_once(" | ") else {
            break;
        };
        let (head, tail) = (head.trim(), tail.trim());
        let tail_words = tail.split_whitespace().count();
        let head_words = head.split_whitespace().count();
        if head_words < 2 || tail_words > 4 || tail_words >= head_words {
            break;
        }
        let tk = key(tail);
        // (Lengths first: a key is costly to build.)
        let alone = !tk.is_empty() && lines.iter().any(|l| l.len() <= tail.len() + 8 && has_key(l, &tk));
        if !alone {
            break;
        }
        t = head;
    }
    t.to_string()
}

/// The article's title.
#[derive(Debug, Clone)]
pub(super) struct Headline {
    /// The line printing it, when one does.
    pub idx: Option<usize>,
    /// The title, without site suffix.
    pub title: String,
    /// The title as printed (the hint, the headline line, or `title`).
    pub raw: String,
}

/// The headline: the hint (looked for in the text only to skip it there),
/// else [`find_headline`] from the page title. `Err` when no line looks
/// like a title.
pub(super) fn headline(
    lines: &[String],
    kinds: &[LineKind],
    hint: Option<&str>,
    page_title: Option<usize>,
    (main_start, main_end): (usize, usize),
    registry: &Registry,
) -> Result<Headline, String> {
    let (idx, title) = match hint {
        // A given title is looked for in the text only to skip it there.
        Some(t) => {
            let tk = key(t);
            (lines.iter().take(main_start.max(12)).position(|l| has_key(l, &tk)), strip_site_suffix(t, registry))
        }
        None => match page_title {
            Some(t0) => {
                let (idx, title) = find_headline(lines, kinds, t0, (main_start, main_end), registry);
                (idx, strip_printed_site(&title, lines))
            }
            None => return Err("no line looks like a title".into()),
        },
    };
    let raw = match (hint, idx) {
        (Some(t), _) => t.to_string(),
        (None, Some(i)) => lines[i].clone(),
        (None, None) => title.clone(),
    };
    Ok(Headline { idx, title, raw })
}
