//! The phrase tables of the text extractor: data, one table per language.
//!
//! Each `<lang>.toml` beside this file lists, in lower case, the phrases
//! sites print in that language for each job below. Adding a language (or
//! a phrase) means adding a table (or a line), not code: list the file in
//! [`TABLES`]. The tables are compiled in with `include_str!` and parsed
//! once ([`phrases`]); the extractor uses their union, since a page's
//! furniture is often in another language than its text (an English
//! article on a German site).
//!
//! | list | what it finds | how it is matched |
//! |---|---|---|
//! | `skip_links` | skip and back links (`Skip to content`) | line starts with it (folded or lower case) |
//! | `prompts` | share, subscribe, cookie and comment-form prompts | short line contains it |
//! | `disclosures` | affiliate, advertising and cookie notices | line (< 400 chars) contains it |
//! | `promo_markers` | a promo marker alone on its line (`RELATED:`) | whole line |
//! | `promo_prefixes` | a promo line (`Read more: Headline`) | line starts with it |
//! | `promo_boxes` | box headings inside an article (`Related`) | whole folded line |
//! | `tail_markers` | the start of the page's tail (`Related articles`, `Kommentare`) | whole folded line |
//! | `tail_heads` | the first words of a heading starting the page's tail (`Related Resources`, `More from Example Blog`) | folded short heading (at most five words, no sentence) starts with it |
//! | `prev_next` | links to the previous/next post | folded line starts with it |
//! | `caption_prefixes` / `caption_infixes` | picture captions and credits | starts with / contains |
//! | `credit_prefixes` / `credit_infixes` | source credits (`Source: EFE`, `teleSUR/ JF Source: EFE`) | short line starts with / contains it (unless a sentence follows: `Source: a senior official said`) |
//! | `credit_joiners` | words joining credited names (` with `, ` y `, ` und `) | inside a credit, any case |
//! | `credit_roles` | roles of a wire credit (`Reporting by`, `Editing by`) | each `;`-part of a credit starts with one |
//! | `credit_with` | a credit naming agencies only (`With AFP`, `Avec AFP`, `Con información de EFE`) | line starts with it, registry agencies follow |
//! | `published` / `updated` | labels of a publication date / of a later change (a revision) | last label before the date on its line, or ending the line before |
//! | `other_dates` | labels of a date that is not the article's (`Joined`, `Release:`, `as of`, `Termin:`) | last label before the date |
//! | `embeds` | the frame of a post embedded in the article (`A post shared by`, `View this post on Instagram`): a date on its line or the next is the post's | lower-case line contains it |
//! | `range_words` | words joining the two ends of a period (`to`, `bis`, `до`): neither end is a publication date | word before or after the date |
//! | `story_lists` | headings of lists of other stories (`Related articles`, `Das Neueste`): their dates are not the article's | short folded line contains it |
//! | `byline_prefixes` / `byline_markers` | `By Jane Doe` / `By` alone on a line | starts with / whole line |
//! | `name_connectors` / `name_particles` | words joining names / inside names | whole word |
//! | `not_name_words` | menu words, labels and section headings that never make up a person's name (`Subscribe`, `Updated`, `Key Takeaways`) | whole word |
//! | `name_never_first` | words that never open a person's name (articles, possessives, prepositions: `The`, `Our`, `Das`) on a line of its own | first lower-case word |
//! | `name_groups` | a newsroom's collective byline ending the names (`Great Day Editorial Team`, `Resy Staff`) | last lower-case word of a byline |
//! | `bio_roles` | roles in an author's bio (`columnist`) | whole word |
//! | `bio_openers` | words after the author's name opening a bio near the article's end (`is`, `has`, `writes`) | lower-case word after the name |
//! | `share_buttons` | share buttons around a header | whole folded line |
//! | `site_words` | words naming a site (`News`, `Zeitung`) | whole folded word |
//! | `continuing_words` | words after which a wrapped sentence goes on | last word |
//! | `function_words` | the language's commonest words (language guess) | whole word |
//! | `detect_words` | common words of the language that are rare in every other: when they are at least [`crate::lang::QUICK_SHARE`] of a text's first words, [`crate::lang::detect`] knows the language without its trigram detector | lower-case word |
//! | `comment_counts` / `comment_nouns` / `comment_links` | a comment section's heading (`12 comments on`, `Keine Kommentare zu`, `Kommentare (3)`) | folded words |
//! | `comment_openers` | a comment form's heading (`Leave a reply`) | folded line starts with it |
//! | `buttons` | buttons and navigation printed among the paragraphs (`Subscribe`, `Next`, `Table of contents`); with `share_buttons`, left out of the body | whole folded line |
//! | `site_menu` | entries of a site's own menus (`About us`, `Privacy policy`, `Impressum`): a run of short lines holding one is a menu, not a list of the article | whole folded line |
//! | `pager` | the links to the previous and the next post (`Previous` / headline / `Next` / headline): two different ones a few lines apart after the article are its tail | whole folded line |

use serde::Deserialize;
use std::sync::OnceLock;

/// The tables, in the order their phrases are tried.
const TABLES: &[(&str, &str)] = &[
    ("en", include_str!("en.toml")),
    ("de", include_str!("de.toml")),
    ("fr", include_str!("fr.toml")),
    ("it", include_str!("it.toml")),
    ("es", include_str!("es.toml")),
    ("pt", include_str!("pt.toml")),
    ("nl", include_str!("nl.toml")),
    ("ru", include_str!("ru.toml")),
    ("tr", include_str!("tr.toml")),
    ("fi", include_str!("fi.toml")),
    ("pl", include_str!("pl.toml")),
    ("uk", include_str!("uk.toml")),
    ("ro", include_str!("ro.toml")),
    ("hy", include_str!("hy.toml")),
    ("az", include_str!("az.toml")),
    ("ar", include_str!("ar.toml")),
    ("fa", include_str!("fa.toml")),
    ("zh", include_str!("zh.toml")),
    ("ja", include_str!("ja.toml")),
    ("ko", include_str!("ko.toml")),
];

/// One language's table (every list optional).
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Table {
    pub skip_links: Vec<String>,
    pub prompts: Vec<String>,
    pub disclosures: Vec<String>,
    pub promo_markers: Vec<String>,
    pub promo_prefixes: Vec<String>,
    pub promo_boxes: Vec<String>,
    pub tail_markers: Vec<String>,
    pub tail_heads: Vec<String>,
    pub prev_next: Vec<String>,
    pub caption_prefixes: Vec<String>,
    pub caption_infixes: Vec<String>,
    pub credit_prefixes: Vec<String>,
    pub credit_infixes: Vec<String>,
    pub credit_joiners: Vec<String>,
    pub credit_roles: Vec<String>,
    pub credit_with: Vec<String>,
    pub published: Vec<String>,
    pub updated: Vec<String>,
    pub story_lists: Vec<String>,
    pub other_dates: Vec<String>,
    pub embeds: Vec<String>,
    pub range_words: Vec<String>,
    pub byline_prefixes: Vec<String>,
    pub byline_markers: Vec<String>,
    pub name_connectors: Vec<String>,
    pub name_particles: Vec<String>,
    pub not_name_words: Vec<String>,
    pub name_never_first: Vec<String>,
    pub name_groups: Vec<String>,
    pub bio_roles: Vec<String>,
    pub bio_openers: Vec<String>,
    pub share_buttons: Vec<String>,
    pub site_words: Vec<String>,
    pub continuing_words: Vec<String>,
    pub function_words: Vec<String>,
    pub detect_words: Vec<String>,
    pub comment_counts: Vec<String>,
    pub comment_nouns: Vec<String>,
    pub comment_links: Vec<String>,
    pub comment_openers: Vec<String>,
    pub buttons: Vec<String>,
    pub site_menu: Vec<String>,
    pub pager: Vec<String>,
}

/// The union of every language's table, with the folded keys of the lists
/// matched on folded lines.
#[derive(Debug, Default)]
pub struct Phrases {
    /// Every list, all languages together.
    pub all: Table,
    /// Folded keys of `skip_links`, in the same order.
    pub skip_link_keys: Vec<String>,
    /// Folded keys of `tail_markers`.
    pub tail_marker_keys: Vec<String>,
    /// Folded keys of `tail_heads`.
    pub tail_head_keys: Vec<String>,
    /// Folded keys of `prev_next`.
    pub prev_next_keys: Vec<String>,
    /// Folded keys of `promo_boxes`.
    pub promo_box_keys: Vec<String>,
    /// Folded keys of the comment-heading lists.
    pub comment_count_keys: Vec<String>,
    pub comment_noun_keys: Vec<String>,
    pub comment_link_keys: Vec<String>,
    pub comment_opener_keys: Vec<String>,
    /// Folded keys of `story_lists`.
    pub story_list_keys: Vec<String>,
    /// Folded keys of `buttons` and `share_buttons`.
    pub button_keys: std::collections::HashSet<String>,
    /// The length of the longest of `button_keys`.
    pub button_key_max: usize,
    /// The first word of each of `button_keys` (a line whose first word
    /// is none of these is no button).
    pub button_first_words: std::collections::HashSet<String>,
    /// Folded keys of `site_menu`.
    pub site_menu_keys: std::collections::HashSet<String>,
    /// Folded keys of `pager`.
    pub pager_keys: Vec<String>,
    /// English function words (`the`, `and` ...).
    pub english_words: Vec<String>,
    /// Function words of every other language.
    pub other_words: Vec<String>,
    /// The languages with `detect_words`, in table order (at most 32).
    pub detect_languages: Vec<&'static str>,
    /// Every `detect_words` word with the languages that list it (bit `i`
    /// for `detect_languages[i]`).
    pub detect_words: rustc_hash::FxHashMap<String, u32>,
    /// `prompts`, `disclosures`, `credit_infixes` and `caption_infixes`,
    /// looked for inside every line ([`super::lines::classify`]).
    pub prompt_finder: AnyOf,
    pub disclosure_finder: AnyOf,
    pub credit_infix_finder: AnyOf,
    pub caption_infix_finder: AnyOf,
}

/// Whether a text contains any phrase of a list: one Aho-Corasick automaton
/// for the list, one pass over the text (a search per phrase, for lists of
/// a hundred phrases and more, on every line of every page, was about a
/// twentieth of text ingest).
#[derive(Debug, Default)]
pub struct AnyOf {
    /// The automaton (`None` if it could not be built: then `phrases`
    /// are searched one by one).
    automaton: Option<aho_corasick::AhoCorasick>,
    phrases: Vec<String>,
}

impl AnyOf {
    /// The finder of the phrases of `list`.
    pub fn new(list: &[String]) -> AnyOf {
        AnyOf { automaton: aho_corasick::AhoCorasick::new(list).ok(), phrases: list.to_vec() }
    }

    /// Whether `text` contains one of the phrases (`phrases.iter().any(|p|
    /// text.contains(p))`).
    pub fn in_text(&self, text: &str) -> bool {
        match &self.automaton {
            Some(a) => a.is_match(text),
            None => self.phrases.iter().any(|p| text.contains(p.as_str())),
        }
    }
}

/// Parses one table; `Err` names the problem.
pub fn parse_table(src: &str) -> Result<Table, String> {
    toml::from_str(src).map_err(|e| e.to_string())
}

fn build() -> Phrases {
    let mut p = Phrases::default();
    for (lang, src) in TABLES {
        // The tables are part of the code and tested to parse
        // (`every_table_parses`); a broken one is left out, not a panic.
        let Ok(t) = parse_table(src) else { continue };
        let a = &mut p.all;
        macro_rules! join {
            ($($f:ident),*) => { $( a.$f.extend(t.$f.iter().cloned()); )* };
        }
        join!(
            skip_links,
            prompts,
            disclosures,
            promo_markers,
            promo_prefixes,
            promo_boxes,
            tail_markers,
            tail_heads,
            prev_next,
            caption_prefixes,
            caption_infixes,
            credit_prefixes,
            credit_infixes,
            credit_joiners,
            credit_roles,
            credit_with,
            published,
            updated,
            story_lists,
            other_dates,
            embeds,
            range_words,
            byline_prefixes,
            byline_markers,
            name_connectors,
            name_particles,
            not_name_words,
            name_never_first,
            name_groups,
            bio_roles,
            bio_openers,
            share_buttons,
            site_words,
            continuing_words,
            function_words,
            comment_counts,
            comment_nouns,
            comment_links,
            comment_openers,
            buttons,
            site_menu,
            pager
        );
        if !t.detect_words.is_empty() && p.detect_languages.len() < 32 {
            let bit = 1u32 << p.detect_languages.len();
            p.detect_languages.push(*lang);
            for w in &t.detect_words {
                *p.detect_words.entry(w.clone()).or_insert(0) |= bit;
            }
        }
        if *lang == "en" {
            p.english_words.extend(t.function_words.iter().cloned());
        } else {
            p.other_words.extend(t.function_words.iter().cloned());
        }
    }
    let keys = |l: &[String]| l.iter().map(|m| super::lines::key(m)).collect::<Vec<_>>();
    p.skip_link_keys = keys(&p.all.skip_links);
    p.tail_marker_keys = keys(&p.all.tail_markers);
    p.prev_next_keys = keys(&p.all.prev_next);
    p.tail_head_keys = keys(&p.all.tail_heads);
    p.promo_box_keys = keys(&p.all.promo_boxes);
    p.comment_count_keys = keys(&p.all.comment_counts);
    p.comment_noun_keys = keys(&p.all.comment_nouns);
    p.comment_link_keys = keys(&p.all.comment_links);
    p.comment_opener_keys = keys(&p.all.comment_openers);
    p.story_list_keys = keys(&p.all.story_lists);
    p.button_keys = p.all.buttons.iter().chain(&p.all.share_buttons).map(|m| super::lines::key(m)).collect();
    p.button_key_max = p.button_keys.iter().map(String::len).max().unwrap_or(0);
    p.button_first_words = p.button_keys.iter().map(|k| k.split(' ').next().unwrap_or_default().to_string()).collect();
    p.site_menu_keys = p.all.site_menu.iter().map(|m| super::lines::key(m)).collect();
    p.pager_keys = keys(&p.all.pager);
    p.prompt_finder = AnyOf::new(&p.all.prompts);
    p.disclosure_finder = AnyOf::new(&p.all.disclosures);
    p.credit_infix_finder = AnyOf::new(&p.all.credit_infixes);
    p.caption_infix_finder = AnyOf::new(&p.all.caption_infixes);
    p
}

/// The phrase tables, parsed on first use.
pub fn phrases() -> &'static Phrases {
    static PHRASES: OnceLock<Phrases> = OnceLock::new();
    PHRASES.get_or_init(build)
}

/// Whether `list` holds `word` (a lower-case word or phrase).
pub fn has(list: &[String], word: &str) -> bool {
    list.iter().any(|w| w == word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_parses_and_is_lower_case() {
        for (lang, src) in TABLES {
            let t = parse_table(src).unwrap_or_else(|e| panic!("{lang}.toml: {e}"));
            for w in t
                .prompts
                .iter()
                .chain(&t.tail_markers)
                .chain(&t.published)
                .chain(&t.not_name_words)
                .chain(&t.name_never_first)
                .chain(&t.name_groups)
                .chain(&t.detect_words)
            {
                assert_eq!(*w, w.to_lowercase(), "{lang}.toml: {w:?} is not lower case");
            }
        }
        let p = phrases();
        assert!(has(&p.all.tail_markers, "related articles"));
        assert!(has(&p.all.tail_markers, "kommentare"));
        assert!(p.tail_marker_keys.contains(&"ahnliche beitrage".to_string()));
    }

    #[test]
    fn any_of_finds_what_contains_finds() {
        let p = phrases();
        for line in ["share this article on facebook", "photo: getty images", "nothing here", "", "source: efe"] {
            for (finder, list) in [
                (&p.prompt_finder, &p.all.prompts),
                (&p.disclosure_finder, &p.all.disclosures),
                (&p.credit_infix_finder, &p.all.credit_infixes),
                (&p.caption_infix_finder, &p.all.caption_infixes),
            ] {
                assert_eq!(finder.in_text(line), list.iter().any(|w| line.contains(w.as_str())), "{line:?}");
                assert!(finder.automaton.is_some());
            }
        }
    }
}
