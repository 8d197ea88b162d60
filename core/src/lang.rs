//! Languages: which language an article is in, and what that changes.
//!
//! * **Codes.** A language is named by its ISO 639-1 code (`ru`, `hy`, `az`,
//!   `zh`), as HTML's `lang` attribute expects; [`LANGUAGES`] lists every
//!   language Dateline can detect with its ISO 639-3 code, English and
//!   native names and writing direction. [`normalize`] reads a declared
//!   language (`ru-RU`, `rus`, `Russian`, `русский`) into a code.
//! * **Detection** ([`detect`], at ingest only) uses the `whatlang` crate
//!   (trigram profiles of 69 languages, pure Rust, small) on the title and
//!   the first few thousand bytes of the text; its confidence is kept as a
//!   percentage. Plain English and German are known before that by their
//!   common words ([`quick`], lists in the phrase tables), which saves
//!   whatlang's time on most pages of an English corpus and gives the
//!   answer whatlang gives there. A language the input declares (front matter `language:`,
//!   a `language` column, `<html lang>`) wins over detection.
//! * **Stemming** ([`stemmer`], [`stem_key`]): the Snowball stemmer of the
//!   article's language from `rust-stemmers` (Arabic, Danish, Dutch,
//!   English, Finnish, French, German, Greek, Hungarian, Italian,
//!   Norwegian, Portuguese, Romanian, Russian, Spanish, Swedish, Tamil,
//!   Turkish); other languages (Armenian, Azerbaijani, Persian, Ukrainian,
//!   Chinese ...) are not stemmed. A word is stemmed as written
//!   (lowercased, not folded: the Turkish stemmer needs `ı` and `ş`) and the
//!   stem is folded afterwards, so `Ülkeler` and `ülkelerin` share the key
//!   `tr:ulke`.
//! * **Names across scripts** ([`name_key`]): a word's spelling in Latin
//!   letters (the `any_ascii` crate at index time: `Карабах` → `karabakh`,
//!   `Ղարաբաղ` → `gharabagh`, `Əliyev` → `eliyev`), reduced by a few rules
//!   that absorb the usual differences between romanisations, so that the
//!   spellings of one name in several scripts share a key (see
//!   [`name_key_ascii`] for the rules). Only alphabets romanise well:
//!   Arabic and Persian write no short vowels and Chinese transliterates
//!   syllable by syllable, so their names rarely meet a Latin spelling.

use crate::text::fold;

/// One language Dateline can detect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language {
    /// ISO 639-1 code (`ru`), the code Dateline stores.
    pub code: &'static str,
    /// ISO 639-3 code (`rus`), as `whatlang` names it.
    pub code3: &'static str,
    /// English name.
    pub name: &'static str,
    /// Name in the language itself.
    pub native: &'static str,
    /// Written right to left.
    pub rtl: bool,
}

const fn l(code: &'static str, code3: &'static str, name: &'static str, native: &'static str) -> Language {
    Language { code, code3, name, native, rtl: false }
}

const fn rtl(code: &'static str, code3: &'static str, name: &'static str, native: &'static str) -> Language {
    Language { code, code3, name, native, rtl: true }
}

/// Every language `whatlang` detects, by ISO 639-1 code. Mandarin (`cmn`)
/// is stored as `zh`, Western Persian (`pes`) as `fa`, Norwegian Bokmål as
/// `nb`.
pub const LANGUAGES: &[Language] = &[
    l("af", "afr", "Afrikaans", "Afrikaans"),
    l("ak", "aka", "Akan", "Akan"),
    l("am", "amh", "Amharic", "አማርኛ"),
    rtl("ar", "ara", "Arabic", "العربية"),
    l("az", "aze", "Azerbaijani", "Azərbaycanca"),
    l("be", "bel", "Belarusian", "Беларуская"),
    l("bg", "bul", "Bulgarian", "Български"),
    l("bn", "ben", "Bengali", "বাংলা"),
    l("ca", "cat", "Catalan", "Català"),
    l("cs", "ces", "Czech", "Čeština"),
    l("cy", "cym", "Welsh", "Cymraeg"),
    l("da", "dan", "Danish", "Dansk"),
    l("de", "deu", "German", "Deutsch"),
    l("el", "ell", "Greek", "Ελληνικά"),
    l("en", "eng", "English", "English"),
    l("eo", "epo", "Esperanto", "Esperanto"),
    l("es", "spa", "Spanish", "Español"),
    l("et", "est", "Estonian", "Eesti"),
    rtl("fa", "pes", "Persian", "فارسی"),
    l("fi", "fin", "Finnish", "Suomi"),
    l("fr", "fra", "French", "Français"),
    l("gu", "guj", "Gujarati", "ગુજરાતી"),
    rtl("he", "heb", "Hebrew", "עברית"),
    l("hi", "hin", "Hindi", "हिन्दी"),
    l("hr", "hrv", "Croatian", "Hrvatski"),
    l("hu", "hun", "Hungarian", "Magyar"),
    l("hy", "hye", "Armenian", "Հայերեն"),
    l("id", "ind", "Indonesian", "Bahasa Indonesia"),
    l("it", "ita", "Italian", "Italiano"),
    l("ja", "jpn", "Japanese", "日本語"),
    l("jv", "jav", "Javanese", "Basa Jawa"),
    l("ka", "kat", "Georgian", "ქართული"),
    l("km", "khm", "Khmer", "ភាសាខ្មែរ"),
    l("kn", "kan", "Kannada", "ಕನ್ನಡ"),
    l("ko", "kor", "Korean", "한국어"),
    l("la", "lat", "Latin", "Lingua Latina"),
    l("lt", "lit", "Lithuanian", "Lietuvių"),
    l("lv", "lav", "Latvian", "Latviešu"),
    l("mk", "mkd", "Macedonian", "Македонски"),
    l("ml", "mal", "Malayalam", "മലയാളം"),
    l("mr", "mar", "Marathi", "मराठी"),
    l("my", "mya", "Burmese", "မြန်မာစာ"),
    l("nb", "nob", "Norwegian Bokmål", "Bokmål"),
    l("ne", "nep", "Nepali", "नेपाली"),
    l("nl", "nld", "Dutch", "Nederlands"),
    l("or", "ori", "Oriya", "ଓଡ଼ିଆ"),
    l("pa", "pan", "Punjabi", "ਪੰਜਾਬੀ"),
    l("pl", "pol", "Polish", "Polski"),
    l("pt", "por", "Portuguese", "Português"),
    l("ro", "ron", "Romanian", "Română"),
    l("ru", "rus", "Russian", "Русский"),
    l("si", "sin", "Sinhala", "සිංහල"),
    l("sk", "slk", "Slovak", "Slovenčina"),
    l("sl", "slv", "Slovenian", "Slovenščina"),
    l("sn", "sna", "Shona", "ChiShona"),
    l("sr", "srp", "Serbian", "Српски"),
    l("sv", "swe", "Swedish", "Svenska"),
    l("ta", "tam", "Tamil", "தமிழ்"),
    l("te", "tel", "Telugu", "తెలుగు"),
    l("th", "tha", "Thai", "ภาษาไทย"),
    l("tk", "tuk", "Turkmen", "Türkmençe"),
    l("tl", "tgl", "Tagalog", "Tagalog"),
    l("tr", "tur", "Turkish", "Türkçe"),
    l("uk", "ukr", "Ukrainian", "Українська"),
    rtl("ur", "urd", "Urdu", "اُردُو"),
    l("uz", "uzb", "Uzbek", "Oʻzbekcha"),
    l("vi", "vie", "Vietnamese", "Tiếng Việt"),
    rtl("yi", "yid", "Yiddish", "ייִדיש"),
    l("zh", "cmn", "Chinese", "中文"),
    l("zu", "zul", "Zulu", "IsiZulu"),
];

/// Other names of languages a declaration may use (codes of macrolanguages
/// and old codes, native names that differ from [`LANGUAGES`]').
const ALIASES: &[(&str, &str)] = &[
    ("zho", "zh"),
    ("chi", "zh"),
    ("中文", "zh"),
    ("汉语", "zh"),
    ("漢語", "zh"),
    ("mandarin", "zh"),
    ("per", "fa"),
    ("fas", "fa"),
    ("farsi", "fa"),
    ("no", "nb"),
    ("nor", "nb"),
    ("norwegian", "nb"),
    ("arm", "hy"),
    ("ger", "de"),
    ("fre", "fr"),
    ("gre", "el"),
    ("dut", "nl"),
    ("rum", "ro"),
    ("iw", "he"),
    ("in", "id"),
    ("ji", "yi"),
    ("azj", "az"),
    ("azb", "az"),
    ("arb", "ar"),
    ("русский", "ru"),
    ("türkçe", "tr"),
    ("turkce", "tr"),
];

/// The language of a code (`ru`).
pub fn by_code(code: &str) -> Option<&'static Language> {
    LANGUAGES.iter().find(|l| l.code == code)
}

/// Reads a declared language into its code: a BCP 47 tag (`ru`, `ru-RU`,
/// `zh_Hans`), an ISO 639-3 or 639-2 code (`rus`, `ger`), an English or
/// native name (`Russian`, `Русский`), case-insensitively. `None` for
/// anything else (the caller detects instead, and says so).
pub fn normalize(declared: &str) -> Option<&'static str> {
    let d = declared.trim().to_lowercase();
    let primary = d.split(['-', '_']).next().unwrap_or("");
    let find = |s: &str| {
        LANGUAGES
            .iter()
            .find(|l| l.code == s || l.code3 == s || l.name.to_lowercase() == s || l.native.to_lowercase() == s)
            .map(|l| l.code)
            .or_else(|| ALIASES.iter().find(|(a, _)| *a == s).map(|(_, c)| *c))
    };
    find(&d).or_else(|| find(primary))
}

/// A detected language with its confidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detected {
    /// ISO 639-1 code.
    pub code: &'static str,
    /// `whatlang`'s confidence, as a percentage.
    pub confidence: u8,
}

/// Bytes of text the detector reads at most (the title and the start of
/// the text): enough for a confident answer, and detection stays cheap on
/// long articles.
pub const DETECT_BYTES: usize = 4000;

/// Bytes of text the detector reads first. Most of whatlang's time goes
/// into counting and sorting the sample's trigrams, so a short sample is
/// the cheap one; only when whatlang is not confident on it (its own
/// `is_reliable`) does it read `DETECT_BYTES`. Measured on 4,077 pages
/// of the dev sets (12 languages): the same languages as the long sample
/// (11 confidences differ), and the text ingest 9% faster.
pub const QUICK_DETECT_BYTES: usize = 1000;

/// The quick check ([`quick`]) answers only when the sample has at least
/// this many words.
pub const QUICK_MIN_WORDS: usize = 40;

/// The share of a sample's words that must be its language's
/// `detect_words` (see the phrase tables) for [`quick`] to answer, ...
pub const QUICK_SHARE: f64 = 0.15;

/// ... spread through the sample: of its runs of [`QUICK_RUN_WORDS`]
/// words, at most one in [`QUICK_EMPTY_RUNS`] may lack them (a Polish
/// article quoting English sentences has English words in bursts; English
/// prose has some in almost every ten words) ...
pub const QUICK_RUN_WORDS: usize = 10;

/// See [`QUICK_RUN_WORDS`].
pub const QUICK_EMPTY_RUNS: usize = 8;

/// ... and the share no other language's `detect_words` may exceed.
pub const QUICK_OTHER_SHARE: f64 = 0.03;

/// The languages [`quick`] may answer. Each was checked against whatlang
/// on the dev sets' pages (`eval --dump` of the four text and HTML sets,
/// 4,749 articles, 3,124 of them English and 1,386 German): wherever the
/// quick check answered (1,805 English, 987 German articles), whatlang
/// named the same language at 100% (once at 98%). The `detect_words` of
/// the other tables (French, Spanish, Italian, Portuguese, Dutch) only
/// veto: too few dev pages in those languages checked them, and related
/// languages whatlang tells apart (Catalan, Galician, Afrikaans) would
/// share their words. Add a language here only after the same check.
/// The property tests below mix sentences of eleven languages: a quick
/// answer is always the language with the most of the sample's bytes.
pub const QUICK_LANGUAGES: &[&str] = &["en", "de"];

/// A detection below this confidence is unsure: the ingest then asks
/// the article's lead alone and keeps its answer if that one is sure (a mixed sample,
/// article and furniture in two languages, can make the trigram detector
/// name a third language).
pub const UNSURE: u8 = 50;

/// Detects the language of an article from its title and text. `None`
/// when the text has no letters the detector knows.
///
/// The sample (the title and the text's first [`QUICK_DETECT_BYTES`]) is
/// first given to [`quick`]: a page whose words are plainly English or
/// German is answered by counting common words, at 100%, without whatlang
/// (whose trigram profiles were a fifth of the text ingest's
/// instructions). Otherwise whatlang reads the sample, then
/// [`DETECT_BYTES`] if it is not confident.
pub fn detect(title: &str, text: &str) -> Option<Detected> {
    let mut sample = String::with_capacity(DETECT_BYTES + title.len() + 1);
    fill_sample(&mut sample, title, text, QUICK_DETECT_BYTES);
    if let Some(code) = quick(&sample) {
        return Some(Detected { code, confidence: 100 });
    }
    if text.len() > QUICK_DETECT_BYTES {
        if let Some(info) = whatlang::detect(&sample).filter(whatlang::Info::is_reliable) {
            return detected(info);
        }
        fill_sample(&mut sample, title, text, DETECT_BYTES);
    }
    detected(whatlang::detect(&sample)?)
}

/// The language of `sample` when its words make it plain, without the
/// trigram detector: at least [`QUICK_MIN_WORDS`] words (runs of
/// letters, lowercased), of which one language's `detect_words` are at
/// least [`QUICK_SHARE`], spread through it (see [`QUICK_RUN_WORDS`]),
/// while no other language's are above [`QUICK_OTHER_SHARE`];
/// and that language is one of [`QUICK_LANGUAGES`]. `None` leaves the
/// question to whatlang.
pub fn quick(sample: &str) -> Option<&'static str> {
    let p = crate::ingest::text::phrases::phrases();
    let langs = &p.detect_languages;
    if langs.is_empty() {
        return None;
    }
    // Each word's languages, as a bit set.
    let mut masks: Vec<u32> = Vec::with_capacity(sample.len() / 5);
    let mut lower = String::new();
    for word in sample.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
        let key = if word.bytes().all(|b| b.is_ascii_lowercase()) {
            word
        } else {
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            lower.as_str()
        };
        masks.push(p.detect_words.get(key).copied().unwrap_or(0));
    }
    let n = masks.len();
    if n < QUICK_MIN_WORDS {
        return None;
    }
    let hits = |words: &[u32], lang: usize| words.iter().filter(|&&m| m & (1 << lang) != 0).count();
    let counts: Vec<usize> = (0..langs.len()).map(|l| hits(&masks, l)).collect();
    let (best, &top) = counts.iter().enumerate().max_by_key(|&(l, c)| (*c, std::cmp::Reverse(l)))?;
    let share = |c: usize, of: usize| c as f64 / of as f64;
    if share(top, n) < QUICK_SHARE
        || counts.iter().enumerate().any(|(l, &c)| l != best && share(c, n) > QUICK_OTHER_SHARE)
    {
        return None;
    }
    // Whole runs only (a last run of a word or two says nothing), and the
    // sample's last words in a run of their own, overlapping the one before:
    // left out, a tail of nine words in another language went unseen
    // (regression `a_tail_in_another_language_is_seen`).
    let runs = masks.chunks_exact(QUICK_RUN_WORDS);
    let tail = (!n.is_multiple_of(QUICK_RUN_WORDS)).then(|| &masks[n - QUICK_RUN_WORDS..]);
    let empty = runs.clone().chain(tail).filter(|run| hits(run, best) == 0).count();
    let spread = empty * QUICK_EMPTY_RUNS <= runs.len() + usize::from(tail.is_some());
    let code = langs[best];
    (spread && QUICK_LANGUAGES.contains(&code)).then_some(code)
}

/// The title, a line break and the text's first `bytes` bytes (cut at a
/// character boundary), in `sample`.
fn fill_sample(sample: &mut String, title: &str, text: &str, bytes: usize) {
    sample.clear();
    sample.push_str(title);
    sample.push('\n');
    let mut end = text.len().min(bytes);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    sample.push_str(&text[..end]);
}

fn detected(info: whatlang::Info) -> Option<Detected> {
    let code = LANGUAGES.iter().find(|l| l.code3 == info.lang().code())?.code;
    Some(Detected { code, confidence: (info.confidence() * 100.0).round().clamp(0.0, 100.0) as u8 })
}

/// The Snowball stemmer of a language, if `rust-stemmers` has one.
pub fn stemmer(code: &str) -> Option<rust_stemmers::Algorithm> {
    use rust_stemmers::Algorithm::*;
    Some(match code {
        "ar" => Arabic,
        "da" => Danish,
        "nl" => Dutch,
        "en" => English,
        "fi" => Finnish,
        "fr" => French,
        "de" => German,
        "el" => Greek,
        "hu" => Hungarian,
        "it" => Italian,
        "nb" => Norwegian,
        "pt" => Portuguese,
        "ro" => Romanian,
        "ru" => Russian,
        "es" => Spanish,
        "sv" => Swedish,
        "ta" => Tamil,
        "tr" => Turkish,
        _ => return None,
    })
}

/// Stemmers by language, created once per thread.
struct Stemmers(Vec<(&'static str, rust_stemmers::Stemmer)>);

impl Stemmers {
    fn get(&mut self, code: &str) -> Option<&rust_stemmers::Stemmer> {
        let i = match self.0.iter().position(|(c, _)| *c == code) {
            Some(i) => i,
            None => {
                let lang = by_code(code)?;
                self.0.push((lang.code, rust_stemmers::Stemmer::create(stemmer(code)?)));
                self.0.len() - 1
            }
        };
        Some(&self.0[i].1)
    }
}

thread_local! {
    static STEMMERS: std::cell::RefCell<Stemmers> = const { std::cell::RefCell::new(Stemmers(Vec::new())) };
}

/// Lowercases a word as its language does (Turkish and Azerbaijani `I` is
/// `ı`, `İ` is `i`), dropping apostrophes (the tokenizer's rule, see
/// [`crate::text::normalize_word`]), for a stemmer.
pub fn lower_word(word: &str, code: &str) -> String {
    let turkic = matches!(code, "tr" | "az");
    let mut out = String::with_capacity(word.len());
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' | '\u{2019}' => {
                // A possessive `'s` ends the word, as in the index.
                if chars.clone().collect::<String>().eq_ignore_ascii_case("s") {
                    break;
                }
            }
            'I' if turkic => out.push('ı'),
            'İ' => out.push('i'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The stem group key of a word in a language: `code:stem`, the stem of
/// the word as written ([`lower_word`]), folded. `None` when the language
/// has no stemmer or the word is not one it stems (English stems ASCII
/// words of three letters or more only; a number is never stemmed).
///
/// English keeps the rule of [`crate::text::stem`] on the folded term, so
/// an English corpus groups exactly as before languages were known.
pub fn stem_key(code: &str, word: &str, term: &str) -> Option<String> {
    if term.chars().all(|c| c.is_numeric()) {
        return None;
    }
    if code == "en" {
        return (term.len() >= 3 && term.bytes().all(|b| b.is_ascii_lowercase()))
            .then(|| format!("en:{}", crate::text::stem(term)));
    }
    let lower = lower_word(word, code);
    STEMMERS.with(|s| {
        let mut s = s.borrow_mut();
        let stemmer = s.get(code)?;
        Some(format!("{code}:{}", fold(&stemmer.stem(&lower))))
    })
}

/// Smallest name key worth matching across scripts: shorter keys join
/// unrelated short words.
pub const NAME_KEY_MIN: usize = 4;

/// Letters a word in another script may have after a name typed in
/// Latin letters: a case ending (`Ղարաբաղի`, `Ղարաբաղում`, `Алиевым`,
/// `Əliyevin`), for languages Dateline cannot stem. Only for name keys of
/// [`NAME_SUFFIX_FROM`] letters or more.
pub const NAME_SUFFIX_MAX: usize = 3;

/// Shortest name key that matches keys with a case ending.
pub const NAME_SUFFIX_FROM: usize = 5;

/// The cross-script name key of a folded term ([`name_key_ascii`] of its
/// romanisation by `any_ascii`), `None` when shorter than
/// [`NAME_KEY_MIN`]. Used when the index is built (the app never
/// romanises: it looks keys up in the index).
pub fn name_key(term: &str) -> Option<String> {
    if term.is_ascii() {
        return name_key_ascii(term);
    }
    // Armenian writes /u/ as the digraph `ու`, which `any_ascii`
    // romanises letter by letter (`ow`).
    let term = term.replace("ու", "u");
    name_key_ascii(&any_ascii::any_ascii(&term))
}

/// The name key of a romanised word: lowercase letters only, then rules
/// that absorb the usual differences between romanisations of one name:
///
/// | rule | so that |
/// |---|---|
/// | `kh`, `gh`, `q`, `g` → `k` | Karabakh, Qarabağ, Ղարաբաղ (Gharabagh) meet |
/// | `sh`, `ş` (→ `s`) → `s`; `zh`, `j` → `z`; `ts` → `c` | Pashinyan, Paşinyan meet |
/// | `y` before a vowel dropped | Aliyev, Алиев (Aliev) meet |
/// | `e` → `a`, `ı`/`y` → `i`, `w` → `v`, `ph`/`f` → `p`; doubled letters once | Əliyev (Eliyev), Aliyev meet |
///
/// The key is coarse on purpose: it is only looked up for a word of
/// another script than the query's (or with letters outside ASCII), and
/// such matches rank below the word as typed.
pub fn name_key_ascii(roman: &str) -> Option<String> {
    let s: Vec<char> = roman.chars().filter(char::is_ascii_alphabetic).map(|c| c.to_ascii_lowercase()).collect();
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u');
    let mut out: Vec<char> = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        let next = s.get(i + 1).copied();
        let (sym, used) = match (c, next) {
            ('k' | 'g', Some('h')) => ('k', 2),
            ('s' | 'c', Some('h')) => ('s', 2),
            ('z', Some('h')) => ('z', 2),
            ('t', Some('s')) => ('c', 2),
            ('p', Some('h')) => ('p', 2),
            ('d', Some('z')) if s.get(i + 2) == Some(&'h') => ('z', 3),
            ('q' | 'g', _) => ('k', 1),
            ('j', _) => ('z', 1),
            ('f', _) => ('p', 1),
            ('w', _) => ('v', 1),
            ('e', _) => ('a', 1),
            ('y', Some(n)) if vowel(n) => {
                i += 1;
                continue;
            }
            ('y', _) => ('i', 1),
            _ => (c, 1),
        };
        if out.last() != Some(&sym) {
            out.push(sym);
        }
        i += used;
    }
    (out.len() >= NAME_KEY_MIN).then(|| out.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_languages_normalise() {
        let cases = [
            ("ru", Some("ru")),
            ("ru-RU", Some("ru")),
            ("RUS", Some("ru")),
            ("Russian", Some("ru")),
            ("Русский", Some("ru")),
            ("zh_Hans", Some("zh")),
            ("zh-TW", Some("zh")),
            ("hye", Some("hy")),
            ("fa-IR", Some("fa")),
            ("farsi", Some("fa")),
            (" az ", Some("az")),
            ("xx", None),
            ("", None),
            ("klingon", None),
        ];
        for (declared, want) in cases {
            assert_eq!(normalize(declared), want, "{declared:?}");
        }
    }

    #[test]
    fn every_language_has_a_unique_code_and_detection_maps_to_it() {
        for (i, a) in LANGUAGES.iter().enumerate() {
            for b in &LANGUAGES[i + 1..] {
                assert!(a.code != b.code && a.code3 != b.code3, "{a:?} {b:?}");
            }
        }
        for lang in whatlang::Lang::all() {
            assert!(LANGUAGES.iter().any(|l| l.code3 == lang.code()), "{lang:?} has no entry");
        }
    }

    #[test]
    fn detects_the_languages_of_the_story() {
        let cases = [
            ("ru", "Путин провёл переговоры с Пашиняном и Алиевым", "Президент России Владимир Путин провёл в Сочи трёхсторонние переговоры с премьер-министром Армении и президентом Азербайджана."),
            ("hy", "Պուտինը բանակցություններ է վարել", "Ռուսաստանի նախագահ Վլադիմիր Պուտինը բանակցություններ է վարել Հայաստանի վարչապետ Նիկոլ Փաշինյանի հետ։"),
            ("az", "Putin Əliyev ilə görüşüb", "Rusiya Prezidenti Vladimir Putin Azərbaycan Prezidenti İlham Əliyev ilə danışıqlar aparıb."),
            ("tr", "Putin Aliyev ile görüştü", "Rusya Devlet Başkanı Vladimir Putin, Azerbaycan Cumhurbaşkanı İlham Aliyev ile telefonda görüştü."),
            ("ar", "بوتين يجري محادثات", "أجرى الرئيس الروسي فلاديمير بوتين محادثات مع رئيس وزراء أرمينيا نيكول باشينيان ورئيس أذربيجان إلهام علييف في سوتشي."),
            ("zh", "普京会见帕希尼扬", "俄罗斯总统普京与亚美尼亚总理帕希尼扬和阿塞拜疆总统阿利耶夫举行会谈。"),
        ];
        for (want, title, text) in cases {
            assert_eq!(detect(title, text).map(|d| d.code), Some(want), "{title}");
        }
        assert_eq!(detect("", "12345 ..."), None);
    }

    /// A quick sample without letters (a table of figures opening the
    /// text) is not conclusive: the detector reads on.
    #[test]
    fn a_text_is_read_past_an_inconclusive_quick_sample() {
        let figures = "2023 — 15:40 | 12.05 · ".repeat(60);
        let ru = "Президент России Владимир Путин провёл в Сочи трёхсторонние переговоры с премьер-министром Армении и президентом Азербайджана. ";
        let text = format!("{figures}{}", ru.repeat(4));
        assert!(figures.len() > QUICK_DETECT_BYTES && text.len() < DETECT_BYTES);
        assert_eq!(detect("", &text).map(|d| d.code), Some("ru"));
        // Long texts in the story's languages: the quick sample answers as the long one would.
        for (want, text) in [
            ("ru", ru),
            (
                "tr",
                "Rusya Devlet Başkanı Vladimir Putin, Azerbaycan Cumhurbaşkanı İlham Aliyev ile telefonda görüştü. ",
            ),
        ] {
            let long = text.repeat(20);
            let full = whatlang::detect(&format!("\n{}", &long[..long.floor_char_boundary(DETECT_BYTES)]));
            assert_eq!(detect("", &long).map(|d| d.code), Some(want));
            assert_eq!(full.map(|i| i.lang().code()), by_code(want).map(|l| l.code3));
        }
    }

    const ENGLISH: &str = "The president said that the talks with the two leaders had been useful, and that they would meet again after the summer. \
        His advisers, who spoke to reporters when the meeting was over, said there was more to do because some of the questions were not settled. \
        They added that their teams could draft an agreement, but that it should wait until the ministers have seen it. ";
    const GERMAN: &str = "Der Präsident sagte, die Gespräche mit den beiden Staatschefs seien nützlich gewesen, und sie wollen sich nach dem Sommer wieder treffen. \
        Seine Berater sprachen nach dem Treffen mit Journalisten und sagten, es gebe noch viel zu tun, weil einige Fragen nicht geklärt sind. \
        Die Teams könnten ein Abkommen entwerfen, aber das solle warten, bis die Minister es gesehen haben. ";

    /// Plain English and German answer without whatlang, and say what
    /// whatlang says (its confident answer, at 100%).
    #[test]
    fn plain_english_and_german_are_known_by_their_common_words() {
        for (want, text) in [("en", ENGLISH), ("de", GERMAN)] {
            let sample = format!("A title\n{text}");
            assert_eq!(quick(&sample), Some(want), "{text}");
            let info = whatlang::detect(&sample).expect("detected");
            assert_eq!(Some(info.lang().code()), by_code(want).map(|l| l.code3));
            assert_eq!(detect("A title", text), Some(Detected { code: want, confidence: 100 }));
        }
        let tables = &crate::ingest::text::phrases::phrases().detect_languages;
        assert!(QUICK_LANGUAGES.iter().all(|l| tables.contains(l)), "every quick language has detect_words");
        assert!(QUICK_LANGUAGES.iter().all(|l| by_code(l).is_some()), "every quick language is one Dateline knows");
    }

    /// The quick check leaves to whatlang what it cannot be sure of: a
    /// German text quoting an English sentence, a language whose words
    /// only veto (French), too few words, and scripts without lists.
    #[test]
    fn the_quick_check_answers_only_plain_cases() {
        let quote = "\"The first story is about connecting the dots, and you have to trust that they will connect in your future,\" he said. ";
        let mixed = format!("{}{quote}{quote}", &GERMAN[..GERMAN.floor_char_boundary(300)]);
        assert_eq!(quick(&mixed), None, "a German text quoting English");
        assert_eq!(detect("", &mixed).map(|d| d.code), Some("de"));
        // English after an opening in a language without a list: English
        // words are more than enough in all, but not spread through the sample.
        let opening = "Rozmowy prezydentów w Soczi trwały trzy godziny, poinformował Kreml w komunikacie. ".repeat(4);
        assert_eq!(quick(&format!("{opening}{ENGLISH}")), None);
        assert_eq!(quick(&format!("{ENGLISH}{opening}")), None);
        assert_eq!(quick(&format!("{ENGLISH}{}", &opening[..opening.floor_char_boundary(60)])), Some("en"));
        let french = "Le président a dit que les entretiens avec les deux dirigeants ont été utiles, et qu'ils se reverront après l'été. \
            Ses conseillers ont dit aux journalistes qu'il reste beaucoup à faire, car plusieurs questions ne sont pas réglées. \
            Les équipes pourraient rédiger un accord, mais il faut attendre que les ministres le voient. ";
        assert_eq!(quick(french), None, "French words only veto");
        assert_eq!(detect("", french).map(|d| d.code), Some("fr"));
        let short: String = ENGLISH.split(' ').take(QUICK_MIN_WORDS - 1).collect::<Vec<_>>().join(" ");
        assert_eq!(quick(&short), None, "too few words");
        assert_eq!(quick(&"Президент России провёл переговоры. ".repeat(20)), None);
        assert_eq!(quick(""), None);
    }

    /// Sentences of several languages, to mix: English and German may be
    /// answered by the quick check, the others never.
    const SENTENCES: &[(&str, &str)] = &[
        ("en", "The minister said that the new rules would come into force after the summer. "),
        ("en", "They have not yet decided which of the two plans they will support, but talks are going on. "),
        ("en", "Her office said there was no reason to believe that the figures had been changed. "),
        ("de", "Die Regierung hat angekündigt, dass die neuen Regeln nach dem Sommer gelten sollen. "),
        ("de", "Der Minister sagte, es gebe noch keine Einigung über die Finanzierung des Projekts. "),
        ("fr", "Le gouvernement a annoncé que les nouvelles règles entreront en vigueur après l'été. "),
        ("es", "El ministro dijo que las nuevas normas entrarán en vigor después del verano. "),
        ("nl", "De minister zei dat de nieuwe regels na de zomer van kracht worden. "),
        ("da", "Ministeren sagde, at de nye regler træder i kraft efter sommeren, og at der ikke er nogen aftale. "),
        ("pl", "Minister powiedział, że nowe przepisy wejdą w życie po wakacjach, ale nie ma jeszcze porozumienia. "),
        ("fi", "Ministri sanoi, että uudet säännöt tulevat voimaan kesän jälkeen, mutta sopimusta ei ole vielä. "),
    ];

    /// Regression: Finnish, English, Finnish, English, Finnish was
    /// answered English at 100% though most of its bytes are Finnish: the
    /// last Finnish sentence was nine words, short of a whole run, and
    /// not looked at.
    #[test]
    fn a_tail_in_another_language_is_seen() {
        let text: String = [10, 2, 0, 10, 1, 10].iter().map(|&i| SENTENCES[i].1).collect();
        assert_eq!(quick(&format!("\n{text}")), None);
    }

    proptest::proptest! {
        /// Whatever the mix of sentences, a quick answer is the language
        /// with the most of the sample's text, and at least a third of it
        /// (the oracle: each sentence's language is known).
        #[test]
        fn a_quick_answer_is_the_samples_main_language(
            picks in proptest::collection::vec(0..SENTENCES.len(), 1..40),
        ) {
            let text: String = picks.iter().map(|&i| SENTENCES[i].1).collect();
            let end = text.floor_char_boundary(QUICK_DETECT_BYTES);
            let sample = format!("\n{}", &text[..end]);
            if let Some(code) = quick(&sample) {
                // Bytes of each language in the sample.
                let mut bytes: std::collections::BTreeMap<&str, usize> = Default::default();
                let mut at = 0;
                for &i in &picks {
                    let (lang, sentence) = SENTENCES[i];
                    *bytes.entry(lang).or_default() += sentence.len().min(end.saturating_sub(at));
                    at += sentence.len();
                }
                let own = bytes[code];
                proptest::prop_assert!(
                    bytes.values().all(|&b| b <= own) && 3 * own >= end,
                    "{code} is {own} of {end} bytes ({bytes:?}): {sample}"
                );
            }
        }

        /// Text in one language: the quick check names it or leaves it to
        /// whatlang, and names only the languages it may.
        #[test]
        fn a_quick_answer_on_one_language_is_right(lang in 0..SENTENCES.len(), n in 1usize..30) {
            let code = SENTENCES[lang].0;
            let text: String = SENTENCES.iter().filter(|s| s.0 == code).map(|s| s.1).cycle().take(n).collect();
            let answer = quick(&format!("\n{}", &text[..text.floor_char_boundary(QUICK_DETECT_BYTES)]));
            proptest::prop_assert!(answer.is_none() || (answer == Some(code) && QUICK_LANGUAGES.contains(&code)));
        }
    }

    #[test]
    fn stem_keys_use_the_word_as_written() {
        // Turkish needs its dotless ı: folded first, these would not stem.
        assert_eq!(stem_key("tr", "Ülkelerin", "ulkelerin"), stem_key("tr", "ülkeler", "ulkeler"));
        assert_eq!(stem_key("tr", "görüşmeleri", "gorusmeleri").as_deref(), Some("tr:gorusme"));
        assert_eq!(stem_key("tr", "KIZLAR", "kizlar").as_deref(), Some("tr:kiz"));
        assert_eq!(stem_key("ru", "переговоры", "переговоры"), stem_key("ru", "переговорах", "переговорах"));
        assert_eq!(stem_key("en", "Talks", "talks"), stem_key("en", "talked", "talked"));
        assert_eq!(stem_key("en", "Ереван", "ереван"), None);
        assert_eq!(stem_key("hy", "Ղարաբաղ", "ղարաբաղ"), None);
        assert_eq!(stem_key("ru", "2023", "2023"), None);
    }

    #[test]
    fn name_keys_meet_across_scripts() {
        let groups: &[&[&str]] = &[
            &["karabakh", "карабах", "ղարաբաղ", "qarabag", "karabag"],
            &["aliyev", "алиев", "əliyev", "aliev"],
            &["pashinyan", "пашинян", "փաշինյան", "pasinyan"],
            &["stepanakert", "степанакерт", "ստեփանակերտ"],
            &["yerevan", "ереван", "երևան"],
            &["putin", "путин", "պուտին"],
        ];
        for group in groups {
            let keys: Vec<Option<String>> = group.iter().map(|w| name_key(w)).collect();
            assert!(keys[0].is_some(), "{group:?}");
            assert!(keys.iter().all(|k| k == &keys[0]), "{group:?}: {keys:?}");
        }
        // Different names stay apart; short words get no key.
        assert_ne!(name_key("putin"), name_key("пятно"));
        assert_ne!(name_key("baku"), name_key("bako"));
        assert_eq!(name_key("rt"), None);
    }
}
