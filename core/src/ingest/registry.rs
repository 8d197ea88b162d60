//! The outlet registry: which outlets exist and how to recognise them.
//!
//! A registry is TOML with one `[[outlet]]` table per outlet (fields in
//! [`OutletEntry`]). Dateline ships one ([`Registry::builtin`]): about 330
//! news outlets with their sites, generated from the Article-Bias-Prediction
//! data set (`core/data/news_outlets.toml`, see its header for the licence),
//! extended by the hand-curated `corpus/outlets.toml` (news agencies,
//! signatures, boilerplate, staff bylines). A corpus folder's own
//! `outlets.toml` extends that in turn ([`Registry::extend`]): an entry with
//! the key or a domain of a known outlet replaces it, any other is added.
//!
//! The registry answers lookups only; how an article's outlet is decided
//! from the evidence on the page is in [`super::outlet`]. Every lookup is a
//! hash-map access on folded names, so a registry of thousands of outlets
//! costs no more per article than one of five:
//!
//! * [`Registry::resolve_name`]: a whole name (key, name, short name, alias,
//!   or a domain), compared after folding case, accents and punctuation and
//!   without a leading "The" — never a word inside a longer text;
//! * [`Registry::resolve_url`] / [`Registry::resolve_host`]: a URL's host or
//!   any domain above it (`edition.cnn.com` finds `cnn.com`);
//! * [`Registry::signatures_in`]: case-sensitive signatures on word
//!   boundaries (`RT` is not found in "All rights reserved");
//! * [`Registry::staff_outlet`]: the outlet a byline's author works for.

use serde::Deserialize;
use std::collections::HashMap;

/// One outlet of the registry.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct OutletEntry {
    /// Stable key (`rt`): letters, digits, `-`, `_` and `.` only (keys go
    /// into the app's URL).
    pub key: String,
    /// Full name (`RT`).
    pub name: String,
    /// Short label; defaults to the name.
    #[serde(default)]
    pub short: Option<String>,
    /// Home page URL.
    #[serde(default)]
    pub home: Option<String>,
    /// Host names; a sub-domain matches too.
    #[serde(default)]
    pub domains: Vec<String>,
    /// Case-sensitive strings that identify the outlet in raw text, matched
    /// on word boundaries (`/TASS/`, `Also on rt.com`).
    #[serde(default)]
    pub signatures: Vec<String>,
    /// Other names the outlet goes by in bylines, CSV columns and credits.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Lines (prefixes, case-insensitive) that are boilerplate on this outlet.
    #[serde(default)]
    pub boilerplate: Vec<String>,
    /// Country (ISO 3166 code), when known.
    #[serde(default)]
    pub country: Option<String>,
    /// Main language (ISO 639-1 code), when known.
    #[serde(default)]
    pub language: Option<String>,
    /// A news agency: other outlets reprint its stories with a credit, so
    /// its credits and copyright lines name an article's original source,
    /// not its publisher.
    #[serde(default)]
    pub agency: bool,
    /// Correspondents whose byline on another outlet's page marks a reprint
    /// of this outlet's story.
    #[serde(default)]
    pub staff: Vec<String>,
}

impl OutletEntry {
    /// Short label, falling back to the name.
    pub fn short_label(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.name)
    }
}

/// The registry: outlets in display order and lookup tables over them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Registry {
    /// Outlets in display order. Read-only: build registries with
    /// [`Registry::from_toml`], [`Registry::new`] or [`Registry::extend`]
    /// so the lookup tables stay in step.
    pub outlets: Vec<OutletEntry>,
    lookup: Lookup,
}

/// Lookup tables: folded name, domain and staff name to outlet index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Lookup {
    by_key: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
    by_domain: HashMap<String, usize>,
    by_staff: HashMap<String, usize>,
    /// (signature, outlet index), longest first.
    signatures: Vec<(String, usize)>,
    /// Each outlet's name as a line key (`crate::ingest::text::lines::key`),
    /// in outlet order.
    name_keys: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegistryFile {
    #[serde(default, rename = "outlet")]
    outlets: Vec<OutletEntry>,
}

/// A problem in a registry file.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    /// Not valid TOML or wrong field types.
    #[error("outlet registry is not valid: {0}")]
    Toml(#[from] toml::de::Error),
    /// Two outlets share a key.
    #[error("outlet registry: key `{0}` is used twice")]
    DuplicateKey(String),
    /// A key with characters that cannot go into a URL.
    #[error("outlet registry: key `{0}` may only hold letters, digits, `-`, `_` and `.`")]
    BadKey(String),
    /// An outlet without a name.
    #[error("outlet registry: outlet `{0}` has an empty name")]
    EmptyName(String),
}

/// The generated list of news outlets (see the module docs).
const NEWS_OUTLETS: &str = include_str!("../../data/news_outlets.toml");
/// The hand-curated outlets shipped with the default corpus.
const CURATED: &str = include_str!("../../../corpus/outlets.toml");

/// Folds a name for comparison: terms of the one tokenizer, joined.
pub fn fold_name(name: &str) -> String {
    crate::text::terms(name).join(" ")
}

/// A host name in lower case without a leading `www.`/`www2.` and port.
fn clean_host(host: &str) -> String {
    let host = host.trim().trim_end_matches('.').to_ascii_lowercase();
    let host = host.rsplit('@').next().unwrap_or(&host).to_string();
    let host = host.split(':').next().unwrap_or("").to_string();
    match host.split_once('.') {
        Some((first, rest))
            if first.starts_with("www") && first[3..].bytes().all(|b| b.is_ascii_digit()) && rest.contains('.') =>
        {
            rest.to_string()
        }
        _ => host,
    }
}

/// The host of a URL (`https://www.rt.com/news/1` -> `rt.com`); an archived
/// page (`web.archive.org/web/2020.../https://cnn.com/...`) gives the
/// archived URL's host. `None` when there is no plausible host.
pub fn url_host(url: &str) -> Option<String> {
    let lower = url.trim();
    let after_scheme = lower.split_once("://").map_or(lower, |(_, r)| r);
    let host = clean_host(after_scheme.split(['/', '?', '#']).next().unwrap_or(""));
    if host == "web.archive.org" || host == "archive.org" {
        if let Some(at) = after_scheme.find("/http") {
            return url_host(&after_scheme[at + 1..]);
        }
    }
    let plausible = host.contains('.')
        && host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
        && !host.starts_with('.')
        && !host.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    plausible.then_some(host)
}

fn valid_key(key: &str) -> bool {
    !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// Whether `needle` occurs at `at` in `text` on word boundaries: the
/// characters around it are not letters or digits when the needle's own
/// edge characters are (so `/TASS/` may follow a letter, `RT` may not).
fn on_boundaries(text: &str, at: usize, needle: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let first_word = word(needle.chars().next());
    let last_word = word(needle.chars().next_back());
    let before = text[..at].chars().next_back();
    let after = text[at + needle.len()..].chars().next();
    !(first_word && word(before) || last_word && word(after))
}

/// Occurrences of `needle` in `text` on word boundaries.
pub fn count_on_boundaries(text: &str, needle: &str) -> usize {
    if needle.is_empty() {
        return 0;
    }
    text.match_indices(needle).filter(|(at, _)| on_boundaries(text, *at, needle)).count()
}

impl Registry {
    /// A registry of these outlets; `Err` on a duplicate or bad key.
    pub fn new(mut outlets: Vec<OutletEntry>) -> Result<Registry, RegistryError> {
        let mut seen: HashMap<&str, ()> = HashMap::new();
        for o in &outlets {
            if !valid_key(&o.key) {
                return Err(RegistryError::BadKey(o.key.clone()));
            }
            if o.name.trim().is_empty() {
                return Err(RegistryError::EmptyName(o.key.clone()));
            }
            if seen.insert(o.key.as_str(), ()).is_some() {
                return Err(RegistryError::DuplicateKey(o.key.clone()));
            }
        }
        for o in &mut outlets {
            o.domains = o.domains.iter().map(|d| clean_host(d)).filter(|d| d.contains('.')).collect();
        }
        let lookup = Lookup::build(&outlets);
        Ok(Registry { outlets, lookup })
    }

    /// Parses a TOML registry and checks its keys.
    pub fn from_toml(text: &str) -> Result<Registry, RegistryError> {
        let file: RegistryFile = toml::from_str(text)?;
        Registry::new(file.outlets)
    }

    /// The registry shipped with Dateline: the generated news outlets
    /// extended by the curated `corpus/outlets.toml`.
    pub fn builtin() -> Result<Registry, RegistryError> {
        let mut reg = Registry::from_toml(NEWS_OUTLETS)?;
        reg.extend(Registry::from_toml(CURATED)?);
        Ok(reg)
    }

    /// Adds `other`'s outlets: one with the key of a known outlet, or
    /// sharing a domain with one, replaces it (in its place); the others
    /// are appended. Extending with the same registry twice changes nothing.
    pub fn extend(&mut self, other: Registry) {
        let mut outlets = std::mem::take(&mut self.outlets);
        for new in other.outlets {
            let clashes: Vec<usize> = outlets
                .iter()
                .enumerate()
                .filter(|(_, e)| e.key == new.key || e.domains.iter().any(|d| new.domains.contains(d)))
                .map(|(i, _)| i)
                .collect();
            match clashes.split_first() {
                Some((&at, rest)) => {
                    for &i in rest.iter().rev() {
                        outlets.remove(i);
                    }
                    outlets[at] = new;
                }
                None => outlets.push(new),
            }
        }
        self.lookup = Lookup::build(&outlets);
        self.outlets = outlets;
    }

    /// Each outlet's name as a line key, in the order of `outlets`
    /// (made once: a title's suffix is checked against every name).
    pub(crate) fn name_keys(&self) -> &[String] {
        &self.lookup.name_keys
    }

    /// Looks an outlet up by key.
    pub fn get(&self, key: &str) -> Option<&OutletEntry> {
        self.lookup.by_key.get(key).map(|&i| &self.outlets[i])
    }

    /// Resolves a name the input gives (front matter `outlet:`, a CSV
    /// `source` column): a registry key, else as [`Registry::resolve_name`].
    pub fn resolve_given(&self, name: &str) -> Option<&OutletEntry> {
        self.get(name.trim()).or_else(|| self.resolve_name(name))
    }

    /// Resolves a name printed on the page (a credit, a title suffix, a
    /// copyright holder) to an outlet: name, short name, alias or domain,
    /// the whole name compared after folding case, accents and punctuation,
    /// with or without a leading "The".
    pub fn resolve_name(&self, name: &str) -> Option<&OutletEntry> {
        let folded = fold_name(name);
        if folded.is_empty() {
            return None;
        }
        let without_the = folded.strip_prefix("the ").unwrap_or(&folded);
        if let Some(&i) = self.lookup.by_name.get(without_the) {
            return Some(&self.outlets[i]);
        }
        // A bare domain (`commonspace.eu`, `RT.com`).
        let trimmed = name.trim().trim_matches(|c: char| !c.is_alphanumeric());
        if !trimmed.contains(' ') {
            if let Some(host) = url_host(trimmed) {
                return self.resolve_host(&host);
            }
        }
        None
    }

    /// Resolves a host name, or any domain above it, to an outlet
    /// (`edition.cnn.com` finds `cnn.com`).
    pub fn resolve_host(&self, host: &str) -> Option<&OutletEntry> {
        let host = clean_host(host);
        let mut rest = host.as_str();
        loop {
            if let Some(&i) = self.lookup.by_domain.get(rest) {
                return Some(&self.outlets[i]);
            }
            match rest.split_once('.') {
                Some((_, r)) if r.contains('.') => rest = r,
                _ => return None,
            }
        }
    }

    /// Resolves a URL's host to an outlet.
    pub fn resolve_url(&self, url: &str) -> Option<&OutletEntry> {
        url_host(url).and_then(|h| self.resolve_host(&h))
    }

    /// The outlet whose staff list names this author (whole name, folded).
    pub fn staff_outlet(&self, author: &str) -> Option<&OutletEntry> {
        self.lookup.by_staff.get(&fold_name(author)).map(|&i| &self.outlets[i])
    }

    /// Signatures found in `text` on word boundaries: (outlet, signature,
    /// occurrences), in registry order.
    pub fn signatures_in(&self, text: &str) -> Vec<(&OutletEntry, &str, usize)> {
        let mut out: Vec<(&OutletEntry, &str, usize)> = self
            .lookup
            .signatures
            .iter()
            .filter_map(|(s, i)| {
                let n = count_on_boundaries(text, s);
                (n > 0).then(|| (&self.outlets[*i], s.as_str(), n))
            })
            .collect();
        out.sort_by_key(|(o, _, _)| self.lookup.by_key.get(&o.key).copied());
        out
    }
}

impl Lookup {
    fn build(outlets: &[OutletEntry]) -> Lookup {
        let mut l = Lookup::default();
        for (i, o) in outlets.iter().enumerate() {
            l.by_key.insert(o.key.clone(), i);
            // Keys are not names (`independent` is the Independent
            // Institute's key, not The Independent's name).
            let names = std::iter::once(&o.name).chain(o.short.iter()).chain(o.aliases.iter());
            for n in names {
                let f = fold_name(n);
                let f = f.strip_prefix("the ").unwrap_or(&f).to_string();
                // The first outlet to claim a name keeps it.
                if !f.is_empty() {
                    l.by_name.entry(f).or_insert(i);
                }
            }
            for d in &o.domains {
                l.by_domain.entry(d.clone()).or_insert(i);
            }
            for s in &o.staff {
                l.by_staff.entry(fold_name(s)).or_insert(i);
            }
            for s in o.signatures.iter().filter(|s| !s.is_empty()) {
                l.signatures.push((s.clone(), i));
            }
        }
        l.signatures.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
        l.name_keys = outlets.iter().map(|o| crate::ingest::text::lines::key(&o.name)).collect();
        l
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REG: &str = r#"
[[outlet]]
key = "rt"
name = "RT"
domains = ["rt.com"]
signatures = ["Also on rt.com"]
aliases = ["Russia Today"]
[[outlet]]
key = "tass"
name = "TASS"
signatures = ["/TASS/"]
aliases = ["TASS Russian News Agency"]
[[outlet]]
key = "washingtontimes"
name = "Washington Times"
domains = ["washingtontimes.com"]
[[outlet]]
key = "anadolu"
name = "Anadolu Agency"
agency = true
staff = ["Elena Teslova"]
"#;

    #[test]
    fn names_resolve_as_whole_names_only() {
        let reg = Registry::from_toml(REG).expect("valid");
        let key = |n: &str| reg.resolve_name(n).map(|o| o.key.as_str());
        assert_eq!(reg.resolve_given("washingtontimes").map(|o| o.key.as_str()), Some("washingtontimes"));
        assert_eq!(key("washingtontimes"), None);
        assert_eq!(key("tass russian news agency"), Some("tass"));
        assert_eq!(key("RT"), Some("rt"));
        assert_eq!(key("  Russia  Today "), Some("rt"));
        assert_eq!(key("The Washington Times"), Some("washingtontimes"));
        assert_eq!(key("www.RT.com"), Some("rt"));
        assert_eq!(key("All rights reserved"), None);
        assert_eq!(key("RT reporting"), None);
        assert_eq!(key("Unknown Gazette"), None);
        assert_eq!(key(""), None);
    }

    #[test]
    fn urls_and_hosts_resolve_with_sub_domains() {
        let reg = Registry::from_toml(REG).expect("valid");
        let key = |u: &str| reg.resolve_url(u).map(|o| o.key.as_str());
        assert_eq!(key("https://www.rt.com/russia/1"), Some("rt"));
        assert_eq!(key("http://francais.RT.com:443/x"), Some("rt"));
        assert_eq!(key("https://web.archive.org/web/2021/https://www.rt.com/news/1"), Some("rt"));
        assert_eq!(key("https://notrt.com/x"), None);
        assert_eq!(key("https://rt.com.evil.example/x"), None);
        assert_eq!(url_host("https://user@www2.Example-News.com:8080/a?b"), Some("example-news.com".into()));
        assert_eq!(url_host("not a url"), None);
        assert_eq!(url_host("https://127.0.0.1/x"), None);
    }

    #[test]
    fn signatures_match_on_word_boundaries() {
        let reg = Registry::from_toml("[[outlet]]\nkey='rt'\nname='RT'\nsignatures=['RT']\n").expect("valid");
        // Regression: `RT` inside "All rights reserved" (after folding case)
        // or inside a word made RT the outlet of pages that are not RT's.
        assert!(reg.signatures_in("© 2020 Foo. All RIGHTS reserved. ARTS").is_empty());
        assert_eq!(reg.signatures_in("Watch RT. And (RT) again").first().map(|s| s.2), Some(2));
        let reg = Registry::from_toml(REG).expect("valid");
        assert_eq!(reg.signatures_in("SOCHI, October 5./TASS/. Putin").first().map(|s| s.0.key.as_str()), Some("tass"));
    }

    #[test]
    fn staff_bylines_name_their_outlet() {
        let reg = Registry::from_toml(REG).expect("valid");
        assert_eq!(reg.staff_outlet("Elena  TESLOVA").map(|o| o.key.as_str()), Some("anadolu"));
        assert!(reg.staff_outlet("Elena").is_none());
    }

    #[test]
    fn extending_adds_and_overrides_by_key_or_domain() {
        let mut reg = Registry::from_toml(REG).expect("valid");
        let user = Registry::from_toml(
            "[[outlet]]\nkey='wt'\nname='The Washington Times (user)'\ndomains=['washingtontimes.com']\n\
             [[outlet]]\nkey='tass'\nname='TASS agency'\n[[outlet]]\nkey='new'\nname='New Outlet'\n",
        )
        .expect("valid");
        reg.extend(user.clone());
        let keys: Vec<&str> = reg.outlets.iter().map(|o| o.key.as_str()).collect();
        assert_eq!(keys, ["rt", "tass", "wt", "anadolu", "new"]);
        assert_eq!(reg.resolve_url("https://washingtontimes.com/a").map(|o| o.key.as_str()), Some("wt"));
        assert_eq!(reg.get("tass").map(|o| o.name.as_str()), Some("TASS agency"));
        assert!(reg.get("washingtontimes").is_none());
        let again = reg.clone();
        reg.extend(user);
        assert_eq!(reg, again);
    }

    #[test]
    fn bad_registries_are_errors_naming_the_problem() {
        let dup = Registry::from_toml("[[outlet]]\nkey='a'\nname='A'\n[[outlet]]\nkey='a'\nname='B'\n").unwrap_err();
        assert!(dup.to_string().contains("`a`"));
        let bad = Registry::from_toml("[[outlet]]\nkey='a,b'\nname='A'\n").unwrap_err();
        assert!(bad.to_string().contains("`a,b`"));
        let typo = Registry::from_toml("[[outlet]]\nkey='a'\nname='A'\ndomain='a.com'\n").unwrap_err();
        assert!(typo.to_string().contains("domain"), "{typo}");
        assert!(Registry::from_toml("[[outlet]]\nkey='a'\nname=' '\n").is_err());
    }

    #[test]
    fn builtin_registry_loads_and_knows_news_sites() {
        let reg = Registry::builtin().expect("built-in registry parses");
        assert!(reg.outlets.len() > 300, "{}", reg.outlets.len());
        assert_eq!(reg.resolve_url("https://www.theverge.com/2019/x").map(|o| o.name.as_str()), Some("The Verge"));
        assert_eq!(reg.resolve_name("Thomson Reuters").map(|o| o.key.as_str()), Some("reuters"));
        assert!(reg.get("reuters").is_some_and(|o| o.agency));
        // The curated seed outlets keep their keys.
        for k in ["tass", "rt", "commonspace", "hyetert", "telesur", "anadolu"] {
            assert!(reg.get(k).is_some(), "{k}");
        }
    }
}
