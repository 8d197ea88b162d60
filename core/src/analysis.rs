//! Comparing outlets over a set of articles (usually the current results).
//!
//! ## Distinctive terms: weighted log-odds with an informative prior
//! For outlet `i` against all other outlets in the set (Monroe, Colaresi &
//! Quinn 2008, "Fightin' Words"), with `y_iw` the count of term `w` in
//! outlet `i`'s articles, `n_i` their total count, `y_jw`/`n_j` the same for
//! the other outlets, and a Dirichlet prior proportional to the term's
//! frequency in the whole set (`a_w = A * (y_iw + y_jw) / (n_i + n_j)`,
//! `a0 = A`, `A` = [`PRIOR_MASS`]):
//!
//! ```text
//! delta_w = ln((y_iw + a_w) / (n_i + a0 - y_iw - a_w)) - ln((y_jw + a_w) / (n_j + a0 - y_jw - a_w))
//! var_w   = 1 / (y_iw + a_w) + 1 / (y_jw + a_w)
//! z_w     = delta_w / sqrt(var_w)
//! ```
//!
//! Terms with the largest `z` are those the outlet uses far more than the
//! others, taking sampling noise into account (rare terms need more
//! evidence). Stop words, numbers and words under three letters are left
//! out.
//!
//! **One vocabulary per language.** A term is counted with the language of
//! the article it occurs in, and compared only within that language: for a
//! Russian word, `n_i` and `n_j` are the numbers of words in the Russian
//! articles of the outlet and of the others, so an outlet writing in
//! Russian is not "distinctive" for every Russian word against outlets
//! writing in English. Stop words are those of the article's language
//! (`core/data/stop_words.toml`, one table per language).
//!
//! ## Keyword in context and shared quotes
//! [`kwic`] lists every occurrence of a term with the words around it.
//! [`shared_quotes`] finds quoted passages (six words or more between
//! quotation marks) that articles of two or more outlets carry.

use crate::model::Article;
use crate::text::{for_each_token, tokenize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Prior mass `A` of the informative Dirichlet prior.
pub const PRIOR_MASS: f64 = 500.0;

/// Stop words, one table per language, folded ([`stop_words`]): the
/// TOML file as JSON (`core/build.rs`, so the app carries no TOML parser).
const STOP_WORDS: &str = include_str!(concat!(env!("OUT_DIR"), "/stop_words.json"));

/// The stop words of every language in `core/data/stop_words.toml`,
/// folded as the tokenizer folds words, by language code. A table that
/// does not parse is a build mistake caught by the tests; it gives no stop
/// words rather than a panic.
fn stop_words() -> &'static HashMap<String, HashSet<String>> {
    static WORDS: std::sync::OnceLock<HashMap<String, HashSet<String>>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        #[derive(serde::Deserialize)]
        struct Table {
            words: Vec<String>,
        }
        let tables: BTreeMap<String, Table> = serde_json::from_str(STOP_WORDS).unwrap_or_default();
        tables
            .into_iter()
            .map(|(lang, t)| (lang, t.words.iter().flat_map(|w| crate::text::terms(w)).collect()))
            .collect()
    })
}

/// Whether a folded term is a stop word of a language (articles of
/// unknown language use the English list).
pub fn is_stop_word(language: Option<&str>, term: &str) -> bool {
    stop_words().get(language.unwrap_or("en")).is_some_and(|s| s.contains(term))
}

/// A distinctive term of one outlet.
#[derive(Debug, Clone, PartialEq)]
pub struct Distinctive {
    /// The term.
    pub term: String,
    /// Its z-score.
    pub z: f64,
    /// Occurrences in the outlet's articles.
    pub count: u32,
}

/// A term in a language (the language of the articles it was counted in;
/// empty when unknown).
type LangTerm = (String, String);

/// Term counts of a group of articles, per language, and the number of
/// words counted per language.
fn counts(articles: &[&Article]) -> (HashMap<LangTerm, u32>, HashMap<String, u64>) {
    let mut c: HashMap<LangTerm, u32> = HashMap::new();
    let mut n: HashMap<String, u64> = HashMap::new();
    for a in articles {
        let lang = a.language.as_ref().map(|l| l.code.as_str());
        let key = lang.unwrap_or("").to_string();
        let mut words = 0u64;
        for text in std::iter::once(a.title.as_str()).chain(a.texts()) {
            for_each_token(text, |t, _, _| {
                // Three letters for alphabets; a bigram of Chinese or
                // Japanese is a word.
                let short = t.chars().count() < 3 && !t.chars().all(crate::text::is_unspaced);
                if !short && !t.chars().all(char::is_numeric) && !is_stop_word(lang, t) {
                    words += 1;
                    let k = (key.clone(), t.to_string());
                    *c.entry(k).or_default() += 1;
                }
            });
        }
        *n.entry(key).or_default() += words;
    }
    (c, n)
}

/// The `top` most distinctive terms of each group (outlet) against the
/// other groups. Groups with no text get an empty list.
pub fn distinctive_terms(groups: &[Vec<&Article>], top: usize) -> Vec<Vec<Distinctive>> {
    let per: Vec<(HashMap<LangTerm, u32>, HashMap<String, u64>)> = groups.iter().map(|g| counts(g)).collect();
    let mut total: HashMap<&LangTerm, u64> = HashMap::new();
    let mut n_all: HashMap<&str, u64> = HashMap::new();
    for (c, n) in &per {
        for (lang, words) in n {
            *n_all.entry(lang.as_str()).or_default() += words;
        }
        for (t, k) in c {
            *total.entry(t).or_default() += u64::from(*k);
        }
    }
    per.iter()
        .map(|(c, n_own)| {
            let mut scored: Vec<Distinctive> = c
                .iter()
                .filter(|(_, &k)| k >= 2)
                .filter_map(|(t, &k)| {
                    // The language's words only (see the module docs).
                    let n_lang = n_all.get(t.0.as_str()).copied().unwrap_or(0) as f64;
                    let n_i = n_own.get(&t.0).copied().unwrap_or(0) as f64;
                    let n_j = n_lang - n_i;
                    if n_i == 0.0 || n_j <= 0.0 {
                        return None;
                    }
                    let all = total.get(t).copied().unwrap_or(0) as f64;
                    let y_i = f64::from(k);
                    let y_j = all - y_i;
                    let a_w = PRIOR_MASS * all / n_lang;
                    let a0 = PRIOR_MASS;
                    let delta =
                        ((y_i + a_w) / (n_i + a0 - y_i - a_w)).ln() - ((y_j + a_w) / (n_j + a0 - y_j - a_w)).ln();
                    let var = 1.0 / (y_i + a_w) + 1.0 / (y_j + a_w);
                    Some(Distinctive { term: t.1.clone(), z: delta / var.sqrt(), count: k })
                })
                .collect();
            scored.sort_by(|a, b| b.z.total_cmp(&a.z).then(a.term.cmp(&b.term)));
            // A spelling used in two languages (`putin` in English and
            // Turkish) is listed once, with its best score.
            let mut seen = HashSet::new();
            scored.retain(|d| seen.insert(d.term.clone()));
            scored.truncate(top);
            scored
        })
        .collect()
}

/// One keyword-in-context line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kwic {
    /// Index of the article in the slice given.
    pub article: usize,
    /// Words before the match.
    pub left: String,
    /// The matched word as printed.
    pub hit: String,
    /// Words after the match.
    pub right: String,
}

/// Every occurrence of the (normalised) `term` in the articles' lead and
/// body, with up to `width` words on each side; at most `limit` lines.
pub fn kwic(articles: &[&Article], term: &str, width: usize, limit: usize) -> Vec<Kwic> {
    let mut out = Vec::new();
    for (i, a) in articles.iter().enumerate() {
        for text in a.texts() {
            let toks = tokenize(text);
            for (k, t) in toks.iter().enumerate() {
                if t.term != term {
                    continue;
                }
                let l = toks[k.saturating_sub(width)..k].first().map_or(t.span.start, |f| f.span.start);
                let r = toks[k + 1..(k + 1 + width).min(toks.len())].last().map_or(t.span.end, |f| f.span.end);
                out.push(Kwic {
                    article: i,
                    left: text[l..t.span.start].trim_start().to_string(),
                    hit: text[t.span.clone()].to_string(),
                    right: text[t.span.end..r].to_string(),
                });
                if out.len() >= limit {
                    return out;
                }
            }
        }
    }
    out
}

/// A quoted passage carried by several articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedQuote {
    /// The quote as printed in the first article carrying it.
    pub text: String,
    /// Indices of the articles carrying it.
    pub articles: Vec<usize>,
}

fn quotes_of(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (c, open) {
            ('“' | '«', _) => open = Some(i + c.len_utf8()),
            ('"', None) => open = Some(i + 1),
            ('”' | '»' | '"', Some(s)) => {
                out.push(&text[s..i]);
                open = None;
            }
            _ => {}
        }
    }
    out
}

/// Quoted passages of six words or more that articles of at least two
/// different groups carry (`group_of[i]` is the group, usually the outlet,
/// of article `i`). Quotes need not be identical: the longest runs of
/// words shared between quotes of different outlets are reported, so
/// "the trilateral agreements are being consistently implemented" is found
/// inside a longer quote elsewhere. Sorted by the number of articles, then
/// text.
pub fn shared_quotes(articles: &[&Article], group_of: &[usize]) -> Vec<SharedQuote> {
    const N: usize = 6;
    // Every quote, tokenized.
    let mut quotes: Vec<(usize, &str, Vec<crate::text::Token>)> = Vec::new();
    for (i, a) in articles.iter().enumerate() {
        for text in a.texts() {
            for q in quotes_of(text) {
                let toks = tokenize(q);
                if toks.len() >= N {
                    quotes.push((i, q, toks));
                }
            }
        }
    }
    let key = |toks: &[crate::text::Token]| toks.iter().map(|t| t.term.as_str()).collect::<Vec<_>>().join(" ");
    // Which groups carry each 6-word run.
    let mut groups_of_run: HashMap<String, HashSet<usize>> = HashMap::new();
    for (i, _, toks) in &quotes {
        let g = group_of.get(*i).copied().unwrap_or(usize::MAX);
        for w in toks.windows(N) {
            groups_of_run.entry(key(w)).or_default().insert(g);
        }
    }
    // Maximal runs of words covered by shared 6-word runs.
    let mut passages: BTreeMap<String, String> = BTreeMap::new();
    for (_, q, toks) in &quotes {
        let mut covered = vec![false; toks.len()];
        for (k, w) in toks.windows(N).enumerate() {
            if groups_of_run.get(&key(w)).is_some_and(|g| g.len() >= 2) {
                covered[k..k + N].iter_mut().for_each(|c| *c = true);
            }
        }
        let mut k = 0;
        while k < toks.len() {
            if !covered[k] {
                k += 1;
                continue;
            }
            let s = k;
            while k < toks.len() && covered[k] {
                k += 1;
            }
            let text = q[toks[s].span.start..toks[k - 1].span.end].to_string();
            passages.entry(key(&toks[s..k])).or_insert(text);
        }
    }
    let mut out: Vec<SharedQuote> = passages
        .into_iter()
        .map(|(k, text)| {
            let needle = format!(" {k} ");
            let mut arts: Vec<usize> = quotes
                .iter()
                .filter(|(_, _, toks)| format!(" {} ", key(toks)).contains(&needle))
                .map(|(i, _, _)| *i)
                .collect();
            arts.dedup();
            SharedQuote { text, articles: arts }
        })
        .filter(|q| {
            q.articles.iter().map(|&i| group_of.get(i).copied().unwrap_or(usize::MAX)).collect::<HashSet<_>>().len()
                >= 2
        })
        .collect();
    out.sort_by(|a, b| b.articles.len().cmp(&a.articles.len()).then(a.text.cmp(&b.text)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, DateInfo, Provenance};

    fn art(title: &str, text: &str) -> Article {
        Article {
            id: title.into(),
            title: title.into(),
            outlet: None,
            date: DateInfo::unknown(""),
            author: None,
            dateline: None,
            lead: String::new(),
            body: vec![Block::Paragraph(text.into())],
            provenance: Provenance {
                file: String::new(),
                format: "txt".into(),
                record: None,
                url: None,
                outlet_source: String::new(),
                outlet_evidence: crate::model::EvidenceKind::None,
                source_evidence: None,
                page: None,
            },
            original_source: None,
            duplicates: vec![],
            language: None,
            credits: vec![],
            suggested_date: None,
        }
    }

    #[test]
    fn distinctive_terms_favour_each_outlets_own_words() {
        let a =
            art("a", "Liberation of Karabakh. The liberation of occupied lands. Occupation ended, liberation came.");
        let b =
            art("b", "Aggression against Artsakh. The aggression displaced Armenians. Artsakh aggression condemned.");
        let c = art("c", "Talks on Karabakh continued, talks on peace and talks on borders.");
        let groups = vec![vec![&a], vec![&b], vec![&c]];
        let d = distinctive_terms(&groups, 2);
        assert_eq!(d[0][0].term, "liberation");
        assert_eq!(d[1][0].term, "aggression");
        assert_eq!(d[2][0].term, "talks");
        assert!(d.iter().all(|g| g.iter().all(|x| x.z > 0.0)));
    }

    fn in_language(mut a: Article, code: &str) -> Article {
        a.language = Some(crate::model::LanguageInfo { code: code.into(), confidence: 100, source: "detected".into() });
        a
    }

    #[test]
    fn stop_words_are_read_for_every_language_and_folded() {
        let words = stop_words();
        for lang in ["en", "ru", "uk", "tr", "az", "hy", "ar", "fa", "de", "fr", "es"] {
            assert!(words.get(lang).is_some_and(|w| w.len() >= 20), "{lang}");
        }
        assert!(is_stop_word(Some("ru"), "что"));
        assert!(is_stop_word(Some("tr"), "icin"), "folded için");
        assert!(is_stop_word(Some("ar"), "الي"), "folded إلى");
        assert!(is_stop_word(None, "the") && !is_stop_word(Some("ru"), "the"));
    }

    /// Russian words are compared with other Russian texts only: an outlet
    /// writing Russian beside outlets writing English gets no distinctive
    /// Russian word for using Russian, and within Russian its own words win.
    #[test]
    fn distinctive_terms_compare_within_a_language() {
        let en = in_language(art("en", "Talks on Karabakh continued, talks on peace and talks on borders."), "en");
        let ru1 = in_language(art("ru1", "Переговоры о Карабахе. Переговоры о мире и переговоры о границе."), "ru");
        let ru2 = in_language(art("ru2", "Агрессия в Карабахе. Агрессия осуждена, агрессия продолжается."), "ru");
        let d = distinctive_terms(&[vec![&en], vec![&ru1]], 3);
        assert!(d[1].is_empty(), "no other outlet writes Russian: {:?}", d[1]);
        let d = distinctive_terms(&[vec![&en], vec![&ru1], vec![&ru2]], 1);
        assert_eq!(d[1][0].term, "переговоры");
        assert_eq!(d[2][0].term, "агрессия");
        assert!(d[0].is_empty(), "English has no other outlet: {:?}", d[0]);
    }

    #[test]
    fn kwic_lines_and_shared_quotes() {
        let a = art("a", "Putin said “Today we state that the trilateral agreements are being consistently implemented. More.” in Moscow.");
        let b = art("b", "“The trilateral agreements are being consistently implemented,” Putin noted.");
        let c = art("c", "He said \"short quote\" only.");
        let arts = vec![&a, &b, &c];
        let k = kwic(&arts, "putin", 2, 10);
        assert_eq!(k.len(), 2);
        assert_eq!((k[0].hit.as_str(), k[0].right.as_str()), ("Putin", " said “Today"));
        let q = shared_quotes(&arts, &[0, 1, 2]);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].articles, vec![0, 1]);
        assert_eq!(q[0].text, "the trilateral agreements are being consistently implemented");
        // The same quote twice in one outlet is not "shared".
        assert!(shared_quotes(&arts, &[0, 0, 2]).is_empty());
    }
}
