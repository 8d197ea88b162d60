//! The date words of each language: data, one TOML table per language in
//! `tables/` beside this file, compiled in (as JSON: `core/build.rs`
//! converts them, so the app carries no TOML parser) and read once
//! ([`words`]).
//! Adding a language means adding a table (and a line to [`TABLES`]), not
//! code. Every entry is split into tokens as the text is
//! ([`super::lex::lex`]), so an entry may be several words (`تشرين الأول`,
//! `bazar ertəsi`, `星期四`) and matches whatever spacing and letter forms
//! the lexer makes one.
//!
//! | key | what it holds | example |
//! |---|---|---|
//! | `months` | 12 lists: the names of each month, all cases and abbreviations | `["октябрь", "октября", "окт"]` |
//! | `weekdays` | 7 lists, Monday first | `["пятница", "пятницу", "пт"]` |
//! | `bracket_weekdays` | weekdays read only in brackets right after a date | Japanese `(木)` |
//! | `fillers` | words that may stand between the parts of a date | `de`, `of`, `г`, `года`, `թ` |
//! | `year_words` | words after a year that may open a date (year first) | Armenian `թ.`, Azerbaijani `il` |
//! | `number_suffixes` | endings joined to a year by a hyphen | Azerbaijani `2023-cü` |
//! | `day_suffixes` | endings joined to a day by a hyphen or apostrophe | `5-го`, `5-ին`, `5-də` |
//! | `time_words` | words between a date and its clock time | `at`, `в`, `saat`, `ساعت` |
//! | `am_words` / `pm_words` | after a clock time: before / after noon | `am`, `p`, `ص`, `م` |
//! | `cjk_year` `cjk_month` `cjk_day` | the marks of `2023年10月5日` | `年` `月` `日` `号` |
//! | `cjk_hour` `cjk_minute` | the marks of `21時40分` | `时` `時` `分` |
//! | `cjk_am` / `cjk_pm` | before a clock time: before / after noon | `上午`, `晚` |
//! | `eras` | era names and the Gregorian year of their first year | `["令和", 2019]` |
//! | `first_year` | the word for an era's first year | `元` |
//! | `[solar_hijri] months` | the months of the Solar Hijri calendar | `["مهر"]` |
//!
//! Two tables giving one word different months or weekdays is a
//! conflict ([`Words::conflicts`], tested to be empty).

use super::lex::{lex, word_key, Lexed, Tok};
use super::Calendar;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Deserialize;
use std::sync::OnceLock;

/// The tables, by language code.
const TABLES: &[(&str, &str)] = &[
    ("en", include_str!(concat!(env!("OUT_DIR"), "/date/en.json"))),
    ("fr", include_str!(concat!(env!("OUT_DIR"), "/date/fr.json"))),
    ("es", include_str!(concat!(env!("OUT_DIR"), "/date/es.json"))),
    ("pt", include_str!(concat!(env!("OUT_DIR"), "/date/pt.json"))),
    ("it", include_str!(concat!(env!("OUT_DIR"), "/date/it.json"))),
    ("de", include_str!(concat!(env!("OUT_DIR"), "/date/de.json"))),
    ("nl", include_str!(concat!(env!("OUT_DIR"), "/date/nl.json"))),
    ("sv", include_str!(concat!(env!("OUT_DIR"), "/date/sv.json"))),
    ("pl", include_str!(concat!(env!("OUT_DIR"), "/date/pl.json"))),
    ("fi", include_str!(concat!(env!("OUT_DIR"), "/date/fi.json"))),
    ("ru", include_str!(concat!(env!("OUT_DIR"), "/date/ru.json"))),
    ("uk", include_str!(concat!(env!("OUT_DIR"), "/date/uk.json"))),
    ("tr", include_str!(concat!(env!("OUT_DIR"), "/date/tr.json"))),
    ("ro", include_str!(concat!(env!("OUT_DIR"), "/date/ro.json"))),
    ("hy", include_str!(concat!(env!("OUT_DIR"), "/date/hy.json"))),
    ("az", include_str!(concat!(env!("OUT_DIR"), "/date/az.json"))),
    ("fa", include_str!(concat!(env!("OUT_DIR"), "/date/fa.json"))),
    ("ar", include_str!(concat!(env!("OUT_DIR"), "/date/ar.json"))),
    ("zh", include_str!(concat!(env!("OUT_DIR"), "/date/zh.json"))),
    ("ja", include_str!(concat!(env!("OUT_DIR"), "/date/ja.json"))),
    ("ko", include_str!(concat!(env!("OUT_DIR"), "/date/ko.json"))),
];

/// The months of a calendar other than the Gregorian one.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct OtherCalendar {
    pub months: Vec<Vec<String>>,
}

/// One language's table (every list optional).
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct Table {
    pub months: Vec<Vec<String>>,
    pub weekdays: Vec<Vec<String>>,
    pub bracket_weekdays: Vec<Vec<String>>,
    pub fillers: Vec<String>,
    pub year_words: Vec<String>,
    pub number_suffixes: Vec<String>,
    pub day_suffixes: Vec<String>,
    pub time_words: Vec<String>,
    pub am_words: Vec<String>,
    pub pm_words: Vec<String>,
    pub cjk_year: Vec<String>,
    pub cjk_month: Vec<String>,
    pub cjk_day: Vec<String>,
    pub cjk_hour: Vec<String>,
    pub cjk_minute: Vec<String>,
    pub cjk_am: Vec<String>,
    pub cjk_pm: Vec<String>,
    pub eras: Vec<(String, i32)>,
    pub first_year: Vec<String>,
    pub solar_hijri: Option<OtherCalendar>,
}

/// Parses one table (its JSON, see `core/build.rs`); `Err` names the
/// problem.
pub(super) fn parse_table(src: &str) -> Result<Table, String> {
    let t: Table = serde_json::from_str(src).map_err(|e| e.to_string())?;
    let counts = [("months", t.months.len(), 12), ("weekdays", t.weekdays.len(), 7)];
    for (name, n, want) in counts {
        if n != 0 && n != want {
            return Err(format!("{name} has {n} lists, not {want}"));
        }
    }
    Ok(t)
}

/// The key a token is matched on (numbers match nothing), in `buf` for
/// punctuation.
fn tok_key<'a>(t: &'a Tok, buf: &'a mut [u8; 4]) -> Option<&'a str> {
    match t {
        Tok::Word(w) => Some(w),
        Tok::Punct(c) => Some(c.encode_utf8(buf)),
        Tok::Num { .. } => None,
    }
}

/// Phrases of one or more tokens and their values, looked up by their
/// first token; the longest phrase wins.
#[derive(Debug)]
pub(super) struct PhraseMap<V> {
    first: HashMap<String, Vec<(Vec<String>, V)>>,
}

impl<V> Default for PhraseMap<V> {
    fn default() -> Self {
        PhraseMap { first: HashMap::default() }
    }
}

impl<V: Copy + PartialEq + std::fmt::Debug> PhraseMap<V> {
    fn insert(&mut self, phrase: &str, v: V, conflicts: &mut Vec<String>) {
        let keys =
            lex(phrase).iter().map(|l| tok_key(&l.tok, &mut [0; 4]).map(str::to_string)).collect::<Option<Vec<_>>>();
        let Some(keys) = keys else {
            conflicts.push(format!("{phrase:?} holds a number"));
            return;
        };
        let Some((head, rest)) = keys.split_first() else { return };
        let list = self.first.entry(head.clone()).or_default();
        match list.iter().find(|(r, _)| r.as_slice() == rest) {
            Some((_, old)) if *old != v => conflicts.push(format!("{phrase:?} is {old:?} and {v:?}")),
            Some(_) => {}
            None => {
                list.push((rest.to_vec(), v));
                list.sort_by_key(|(r, _)| std::cmp::Reverse(r.len()));
            }
        }
    }

    /// The value of the longest phrase starting at token `i`, and how
    /// many tokens it takes.
    pub fn get(&self, toks: &[Lexed], i: usize) -> Option<(V, usize)> {
        let list = self.first.get(tok_key(&toks.get(i)?.tok, &mut [0; 4])?)?;
        list.iter().find_map(|(rest, v)| {
            let fits = rest.iter().enumerate().all(|(k, key)| {
                toks.get(i + 1 + k).and_then(|t| tok_key(&t.tok, &mut [0; 4]).map(|t| t == key)).unwrap_or(false)
            });
            fits.then_some((*v, 1 + rest.len()))
        })
    }

    /// The value of a one-word phrase.
    pub fn word(&self, key: &str) -> Option<V> {
        self.first.get(key)?.iter().find(|(rest, _)| rest.is_empty()).map(|(_, v)| *v)
    }
}

/// Every language's date words together.
#[derive(Debug, Default)]
pub(super) struct Words {
    /// Month names: month number and calendar.
    pub months: PhraseMap<(u8, Calendar)>,
    /// Weekday names (0 = Monday).
    pub weekdays: PhraseMap<u8>,
    /// Weekdays read only in brackets after a date.
    pub bracket_weekdays: PhraseMap<u8>,
    /// Era names: the Gregorian year of the era's first year.
    pub eras: PhraseMap<i32>,
    pub fillers: HashSet<String>,
    pub year_words: HashSet<String>,
    pub number_suffixes: HashSet<String>,
    pub day_suffixes: HashSet<String>,
    pub time_words: HashSet<String>,
    pub am_words: HashSet<String>,
    pub pm_words: HashSet<String>,
    pub cjk_year: HashSet<String>,
    pub cjk_month: HashSet<String>,
    pub cjk_day: HashSet<String>,
    pub cjk_hour: HashSet<String>,
    pub cjk_minute: HashSet<String>,
    pub cjk_am: PhraseMap<()>,
    pub cjk_pm: PhraseMap<()>,
    pub first_year: HashSet<String>,
    /// Problems found while building (a word with two meanings, a table
    /// that does not parse).
    pub conflicts: Vec<String>,
}

fn build() -> Words {
    let mut w = Words::default();
    let mut conflicts = Vec::new();
    for (lang, src) in TABLES {
        let t = match parse_table(src) {
            Ok(t) => t,
            Err(e) => {
                // Tested to parse (`every_table_parses`); never a panic.
                conflicts.push(format!("{lang}.toml: {e}"));
                continue;
            }
        };
        for (m, names) in (1u8..).zip(&t.months) {
            for n in names {
                w.months.insert(n, (m, Calendar::Gregorian), &mut conflicts);
            }
        }
        for (m, names) in (1u8..).zip(t.solar_hijri.iter().flat_map(|c| &c.months)) {
            for n in names {
                w.months.insert(n, (m, Calendar::SolarHijri), &mut conflicts);
            }
        }
        for (d, names) in (0u8..).zip(&t.weekdays) {
            for n in names {
                w.weekdays.insert(n, d, &mut conflicts);
            }
        }
        for (d, names) in (0u8..).zip(&t.bracket_weekdays) {
            for n in names {
                w.bracket_weekdays.insert(n, d, &mut conflicts);
            }
        }
        for (name, year) in &t.eras {
            w.eras.insert(name, *year, &mut conflicts);
        }
        for n in &t.cjk_am {
            w.cjk_am.insert(n, (), &mut conflicts);
        }
        for n in &t.cjk_pm {
            w.cjk_pm.insert(n, (), &mut conflicts);
        }
        let sets = [
            (&mut w.fillers, &t.fillers),
            (&mut w.year_words, &t.year_words),
            (&mut w.number_suffixes, &t.number_suffixes),
            (&mut w.day_suffixes, &t.day_suffixes),
            (&mut w.time_words, &t.time_words),
            (&mut w.am_words, &t.am_words),
            (&mut w.pm_words, &t.pm_words),
            (&mut w.cjk_year, &t.cjk_year),
            (&mut w.cjk_month, &t.cjk_month),
            (&mut w.cjk_day, &t.cjk_day),
            (&mut w.cjk_hour, &t.cjk_hour),
            (&mut w.cjk_minute, &t.cjk_minute),
            (&mut w.first_year, &t.first_year),
        ];
        for (set, list) in sets {
            set.extend(list.iter().map(|s| word_key(s)));
        }
    }
    w.conflicts = conflicts;
    w
}

/// The date words of every table, read on first use.
pub(super) fn words() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    WORDS.get_or_init(build)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_is_compiled_in_and_unknown_keys_are_refused() {
        // Every file of tables/ has its line in TABLES (build.rs converts
        // them all).
        let files = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/src/date/tables"))
            .expect("tables/")
            .filter(|e| e.as_ref().is_ok_and(|e| e.path().extension().is_some_and(|x| x == "toml")))
            .count();
        assert_eq!(files, TABLES.len());
        let err = parse_table(r#"{"monthz": []}"#).unwrap_err();
        assert!(err.contains("monthz"), "{err}");
    }

    #[test]
    fn every_table_parses_and_no_word_has_two_meanings() {
        for (lang, src) in TABLES {
            parse_table(src).unwrap_or_else(|e| panic!("{lang}.toml: {e}"));
        }
        assert_eq!(words().conflicts, Vec::<String>::new());
    }

    #[test]
    fn a_table_with_a_missing_month_is_refused() {
        let err = parse_table(r#"{"months": [["a"], ["b"]]}"#).unwrap_err();
        assert!(err.contains("months has 2 lists"), "{err}");
    }

    #[test]
    fn phrases_of_several_words_match_the_longest() {
        let w = words();
        let toks = lex("5 تشرين الأول 2023");
        assert_eq!(w.months.get(&toks, 1), Some(((10, Calendar::Gregorian), 2)));
        let toks = lex("تشرين الثاني");
        assert_eq!(w.months.get(&toks, 0), Some(((11, Calendar::Gregorian), 2)));
        assert_eq!(w.weekdays.get(&lex("星期四"), 0), Some((3, 3)));
        assert_eq!(w.months.get(&lex("مهر"), 0), Some(((7, Calendar::SolarHijri), 1)));
    }
}
