//! The multilingual corpus of `e2e/fixtures/multilingual-corpus` (issue 16):
//! one story in eight languages, through the whole ingest, index and
//! search. Each article's language, title and date, and what a search in
//! each language and script finds.

use dateline_core::index::Index;
use dateline_core::model::Corpus;
use dateline_core::search::{snippet, Class, Filters, Marks, Request, Results, Searcher};
use std::collections::HashSet;
use std::path::PathBuf;

fn corpus() -> Corpus {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../e2e/fixtures/multilingual-corpus"));
    dateline_tools::ingest_paths(&[dir], None).expect("ingests").0
}

fn search(index: &Index, query: &str, filters: Filters) -> Results {
    Searcher::new(index).search(&Request { query: query.into(), filters, ..Request::default() })
}

/// The ids of the hits, in order.
fn ids(corpus: &Corpus, r: &Results) -> Vec<String> {
    r.hits.iter().map(|h| corpus.articles[h.doc as usize].id.clone()).collect()
}

#[test]
fn every_article_has_its_language_title_and_date() {
    let c = corpus();
    let cases = [
        ("ru-tass", "ru", "Путин, Алиев и Пашинян провели трехсторонние переговоры в Сочи"),
        ("hy-armenpress", "hy", "Սոչիում կայացել է Պուտինի, Ալիևի և Փաշինյանի եռակողմ հանդիպումը"),
        ("az-apa", "az", "Soçidə Əliyev, Putin və Paşinyan arasında üçtərəfli görüş keçirilib"),
        ("tr-anadolu", "tr", "Putin, Aliyev ve Paşinyan Soçi'de üçlü görüşme yaptı"),
        ("ar-rtarabic", "ar", "بوتين يستضيف علييف وباشينيان في سوتشي لمحادثات ثلاثية"),
        ("fa-irna", "fa", "نشست سه‌جانبه پوتین، علی‌اف و پاشینیان در سوچی برگزار شد"),
        ("zh-xinhua", "zh", "普京在索契会见阿利耶夫和帕希尼扬"),
        ("en-wire", "en", "Putin hosts Aliyev and Pashinyan for Karabakh talks in Sochi"),
    ];
    assert_eq!(c.articles.len(), cases.len());
    for (id, lang, title) in cases {
        let a = c.articles.iter().find(|a| a.id == id).unwrap_or_else(|| panic!("{id} ingested"));
        let l = a.language.as_ref().unwrap_or_else(|| panic!("{id} has a language"));
        assert_eq!((l.code.as_str(), l.source.as_str()), (lang, "detected"), "{id}");
        assert!(l.confidence >= 50, "{id}: confidence {}", l.confidence);
        assert_eq!(a.title, title, "{id}");
        assert_eq!(a.date.date.map(|d| d.iso()).as_deref(), Some("2021-11-26"), "{id}");
    }
}

#[test]
fn a_declared_language_wins_and_a_bad_one_is_reported() {
    use dateline_core::ingest::{ingest, registry::Registry, InputFile};
    let text = |lang: &str, body: &str| format!("---\nlanguage: {lang}\n---\nPutin met Aliyev in Sochi\n\n{body}\n");
    let files = vec![
        InputFile {
            path: "declared.txt".into(),
            bytes: text("ru-RU", "The leaders met in Sochi on Friday and talked for three hours about the border.")
                .into_bytes(),
        },
        InputFile {
            path: "unknown.txt".into(),
            bytes: text(
                "Klingon",
                "A ceasefire agreement was reached after the mediation of the peacekeeping mission.",
            )
            .into_bytes(),
        },
    ];
    let c = ingest(&files, &Registry::default(), "t");
    let declared = c.articles.iter().find(|a| a.id == "declared").and_then(|a| a.language.clone()).expect("lang");
    assert_eq!((declared.code.as_str(), declared.confidence), ("ru", 100));
    assert_eq!(declared.source, "front matter language: \"ru-RU\"");
    let unknown = c.articles.iter().find(|a| a.id == "unknown").and_then(|a| a.language.clone()).expect("lang");
    assert_eq!((unknown.code.as_str(), unknown.source.as_str()), ("en", "detected"));
    let warned = c.report.inputs.iter().find(|i| i.input == "unknown.txt").expect("reported");
    assert!(
        warned.warnings.iter().any(|w| w.contains("\"Klingon\" is not a language Dateline knows")),
        "{:?}",
        warned.warnings
    );
}

/// A word in each language finds its article, inflected forms through
/// the stemmer of the article's language.
#[test]
fn each_language_is_searched_in_its_own_words() {
    let c = corpus();
    let index = Index::build(&c);
    let cases: &[(&str, &[&str])] = &[
        ("переговоры", &["ru-tass"]),
        // Not in the text: found through the Russian stem of переговоров.
        ("переговорах", &["ru-tass"]),
        ("Սոչիում", &["hy-armenpress"]),
        ("görüşmelerin", &["tr-anadolu"]),
        ("üçtərəfli", &["az-apa"]),
        ("محادثات", &["ar-rtarabic"]),
        // Persian letters typed with Arabic ones (ي for ی) still match.
        ("پاشينيان", &["fa-irna"]),
        // Chinese: a two-character word inside unspaced text, a longer one
        // as a phrase of bigrams; characters not written together do not
        // match.
        ("会见", &["zh-xinhua"]),
        ("阿利耶夫", &["zh-xinhua"]),
        ("普京会见", &[]),
    ];
    for (query, want) in cases {
        let r = search(&index, query, Filters::default());
        assert_eq!(ids(&c, &r), want.iter().map(|s| s.to_string()).collect::<Vec<_>>(), "{query}");
    }
}

/// A Latin name finds its spellings in other scripts, ranked below the
/// articles that spell it as typed, and says which spellings matched.
#[test]
fn latin_names_find_other_scripts_ranked_below_the_exact_spelling() {
    let c = corpus();
    let index = Index::build(&c);
    let cases: &[(&str, &[&str], &[&str])] = &[
        // (query, exact hits first, then at least these through other scripts)
        ("karabakh", &["en-wire"], &["ru-tass", "hy-armenpress", "az-apa"]),
        ("aliyev", &["en-wire", "tr-anadolu"], &["ru-tass", "hy-armenpress", "az-apa"]),
        ("putin", &["az-apa", "en-wire", "tr-anadolu"], &["ru-tass", "hy-armenpress"]),
        ("pashinyan", &["en-wire"], &["ru-tass", "hy-armenpress"]),
    ];
    for (query, exact, others) in cases {
        let r = search(&index, query, Filters::default());
        let got = ids(&c, &r);
        let head: HashSet<&str> = got[..exact.len()].iter().map(String::as_str).collect();
        assert_eq!(head, exact.iter().copied().collect(), "{query}: exact spellings first in {got:?}");
        assert!(r.hits[..exact.len()].iter().all(|h| h.inexact == 0), "{query}");
        for o in *others {
            let at = got.iter().position(|g| g == o).unwrap_or_else(|| panic!("{query} finds {o}: {got:?}"));
            assert!(at >= exact.len() && r.hits[at].inexact == 1, "{query}: {o} is a variant match");
        }
        let (_, also) = r.also.iter().find(|(t, _)| t == query).unwrap_or_else(|| panic!("{query}: also {:?}", r.also));
        assert!(!also.is_empty(), "{query}");
    }
    // Which spellings matched, as the app shows them.
    let r = search(&index, "karabakh", Filters::default());
    let also: HashSet<&str> = r.also[0].1.iter().map(String::as_str).collect();
    for spelling in ["карабахе", "ղարաբաղի", "qarabag"] {
        assert!(also.contains(spelling), "{spelling} in {also:?}");
    }
    // The other direction: a Cyrillic word of the dictionary finds the
    // Latin spelling.
    let r = search(&index, "Алиев", Filters::default());
    let got = ids(&c, &r);
    assert_eq!(got[0], "ru-tass");
    assert!(got.contains(&"en-wire".to_string()), "{got:?}");
    let searcher = Searcher::new(&index);
    let _ = searcher; // the class of such a variant:
    assert!(Class::Translit > Class::Stem && Class::Translit < Class::Prefix);
}

/// Snippets and highlights mark words inside unspaced Chinese text.
#[test]
fn chinese_snippets_highlight_the_word() {
    let c = corpus();
    let index = Index::build(&c);
    let r = search(&index, "会谈", Filters::default());
    let hit = r.hits.first().expect("a hit");
    let frags = snippet(&c.articles[hit.doc as usize], &Marks::of(&r), 30);
    let marked: Vec<&str> = frags.iter().filter(|f| f.hit).map(|f| f.text.as_str()).collect();
    assert!(marked.contains(&"会谈"), "{frags:?}");
    let text: String = frags.iter().map(|f| f.text.as_str()).collect();
    assert!(text.contains("三方会谈"), "{text}");
}

/// The language facet counts every match per language and filters.
#[test]
fn language_facet_counts_and_filters() {
    let c = corpus();
    let index = Index::build(&c);
    assert_eq!(index.languages.len(), 8);
    let r = search(&index, "", Filters::default());
    assert!(r.language_counts[..8].iter().all(|&n| n == 1), "{:?}", r.language_counts);
    assert_eq!(r.language_counts[8], 0, "unknown");
    let ru = index.languages.iter().position(|l| l == "ru").expect("ru slot");
    let hy = index.languages.iter().position(|l| l == "hy").expect("hy slot");
    let r = search(&index, "putin", Filters { languages: vec![ru, hy], ..Filters::default() });
    let mut got = ids(&c, &r);
    got.sort();
    assert_eq!(got, vec!["hy-armenpress", "ru-tass"]);
    // Counts apply the other filters, not their own.
    assert_eq!(r.language_counts.iter().sum::<u32>(), search(&index, "putin", Filters::default()).hits.len() as u32);
}
