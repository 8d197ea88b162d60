//! The outlet registry: which outlets exist and how to recognise them.
//!
//! It is a TOML file (`corpus/outlets.toml`) with one `[[outlet]]` table per
//! outlet. Identification ([`Registry::identify`]) scores each outlet by the
//! evidence found in an article's raw text:
//!
//! * a **signature** (case-sensitive, e.g. `/TASS/`, `teleSUR`) counts 3,
//! * a **domain** (`rt.com`, matched case-insensitively as a whole host name)
//!   counts 2,
//! * the outlet's **name** standing alone on a credit line (`Source: X`,
//!   `© X`) counts 2.
//!
//! The highest score wins; a tie between different outlets, or no evidence
//! at all, leaves the outlet unknown and the caller reports it. The registry
//! never guesses.
//!
//! When that finds nothing, [`Registry::identify_credit`] reads the credits
//! printed with the article: an agency in a dateline (`MOSCOW (Reuters) -`,
//! `(AP) —`), a `Source: X` line, an agency between slashes (`/TASS/`) or
//! an outlet after a byline (`By Jane Doe, Reuters`). A credit naming a
//! registry outlet identifies it; other agency or source credits are
//! returned as unknown names for the caller to report.

use serde::Deserialize;

/// One outlet of the registry.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct OutletEntry {
    /// Stable key (`rt`).
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
    /// Case-sensitive strings that identify the outlet in raw text.
    #[serde(default)]
    pub signatures: Vec<String>,
    /// Other names the outlet goes by in bylines, CSV columns and credits.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Lines (prefixes, case-insensitive) that are boilerplate on this outlet.
    #[serde(default)]
    pub boilerplate: Vec<String>,
}

impl OutletEntry {
    /// Short label, falling back to the name.
    pub fn short_label(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.name)
    }
}

/// The whole registry.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
pub struct Registry {
    /// Outlets in display order.
    #[serde(default, rename = "outlet")]
    pub outlets: Vec<OutletEntry>,
}

/// A problem in the registry file.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    /// Not valid TOML or wrong field types.
    #[error("outlet registry is not valid: {0}")]
    Toml(#[from] toml::de::Error),
    /// Two outlets share a key.
    #[error("outlet registry: key `{0}` is used twice")]
    DuplicateKey(String),
}

/// How an outlet was identified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identification {
    /// Registry key.
    pub key: String,
    /// Human-readable evidence (`signature "/TASS/" in text`).
    pub evidence: String,
}

/// What the credits printed with an article say about its outlet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credit {
    /// A credit names a registry outlet.
    Known(Identification),
    /// Agency or source credits name outlets the registry does not know.
    Unknown(Vec<String>),
    /// No credit printed.
    None,
}

/// Outlet names credited on one line, with the form of the credit:
/// `(Reuters) -` agency, `Source: X`, `/TASS/`, `By Jane Doe, Reuters`.
/// Byline tails may be a second author: they only count when known.
fn line_credits(line: &str) -> Vec<(String, &'static str, bool)> {
    let mut out = Vec::new();
    let clean = |s: &str| s.trim().trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    // "MOSCOW (Reuters) - ...", "(AP) — ...".
    if let (Some(open), Some(close)) = (line.find('('), line.find(')')) {
        let after = line[close + 1..].trim_start();
        if open < 40 && close > open + 1 && close - open <= 40 && after.starts_with(['-', '—', '–']) {
            let name = clean(&line[open + 1..close]);
            if name.chars().next().is_some_and(char::is_uppercase) {
                out.push((name, "agency in the dateline", true));
            }
        }
    }
    let lower = line.to_lowercase();
    for p in ["source:", "sources:", "quelle:", "источник:"] {
        if let Some(at) = lower.find(p).filter(|&at| at == 0 || lower[..at].ends_with(' ')) {
            if let Some(rest) = line.get(at + p.len()..) {
                let name = clean(rest.split([',', ';', '(', '|']).next().unwrap_or(""));
                if !name.is_empty() && name.split_whitespace().count() <= 6 {
                    out.push((name, "source credit", true));
                }
            }
        }
    }
    // "/TASS/": a short name between slashes after a dateline.
    let parts: Vec<&str> = line.split('/').collect();
    for w in parts.windows(3) {
        let name = w[1].trim();
        if (2..=12).contains(&name.len()) && name.chars().all(|c| c.is_uppercase() || c == '-') {
            out.push((name.to_string(), "agency between slashes", true));
        }
    }
    // "By Jane Doe, Reuters", "By Jane Doe | Reuters", "By A For The Mail".
    if lower.starts_with("by ") && line.chars().count() <= 160 {
        let tail = [", ", " | ", " for ", " For ", " - ", " — "]
            .iter()
            .filter_map(|sep| line.rfind(sep).map(|i| &line[i + sep.len()..]))
            .min_by_key(|t| t.len());
        if let Some(t) = tail {
            let name = clean(t);
            if !name.is_empty() && name.split_whitespace().count() <= 6 {
                out.push((name, "byline", false));
            }
        }
    }
    out
}

fn is_host_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'.'
}

/// Whether `domain` occurs in `lower_text` as a whole host name or a
/// sub-domain of one (`www.rt.com` matches `rt.com`; `part.company` does not).
fn contains_domain(lower_text: &str, domain: &str) -> bool {
    let bytes = lower_text.as_bytes();
    let mut from = 0;
    while let Some(pos) = lower_text[from..].find(domain) {
        let start = from + pos;
        let end = start + domain.len();
        let before_ok = start == 0 || !is_host_char(bytes[start - 1]) || bytes[start - 1] == b'.';
        let after_ok = end == bytes.len() || !(bytes[end].is_ascii_alphanumeric() || bytes[end] == b'-');
        if before_ok && after_ok {
            return true;
        }
        from = end;
    }
    false
}

impl Registry {
    /// Parses the TOML registry and checks keys are unique.
    pub fn from_toml(text: &str) -> Result<Registry, RegistryError> {
        let reg: Registry = toml::from_str(text)?;
        let mut keys: Vec<&str> = reg.outlets.iter().map(|o| o.key.as_str()).collect();
        keys.sort_unstable();
        if let Some(w) = keys.windows(2).find(|w| w[0] == w[1]) {
            return Err(RegistryError::DuplicateKey(w[0].to_string()));
        }
        Ok(reg)
    }

    /// Looks an outlet up by key.
    pub fn get(&self, key: &str) -> Option<&OutletEntry> {
        self.outlets.iter().find(|o| o.key == key)
    }

    /// Resolves a name given by the input (a CSV `source` column, front
    /// matter `outlet:`) to a registry key: key, name, short name, alias or
    /// domain, compared after folding case and punctuation.
    pub fn resolve_name(&self, name: &str) -> Option<&OutletEntry> {
        let norm = |s: &str| crate::text::terms(s).join(" ");
        let wanted = norm(name);
        if wanted.is_empty() {
            return None;
        }
        let lower = name.trim().to_lowercase();
        self.outlets.iter().find(|o| {
            norm(&o.key) == wanted
                || norm(&o.name) == wanted
                || o.short.as_deref().is_some_and(|s| norm(s) == wanted)
                || o.aliases.iter().any(|a| norm(a) == wanted)
                || o.domains.iter().any(|d| contains_domain(&lower, d))
        })
    }

    /// Resolves a URL's host to an outlet.
    pub fn resolve_url(&self, url: &str) -> Option<&OutletEntry> {
        let lower = url.to_lowercase();
        let host = lower.split("://").nth(1).unwrap_or(&lower).split(['/', '?', '#']).next().unwrap_or("");
        self.outlets.iter().find(|o| o.domains.iter().any(|d| host == d || host.ends_with(&format!(".{d}"))))
    }

    /// Identifies the outlet from the credits printed near the top or the
    /// bottom of a text (see the module docs); never guesses.
    pub fn identify_credit(&self, text: &str) -> Credit {
        let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        let edge = lines.iter().take(40).chain(lines.iter().skip(lines.len().saturating_sub(15).max(40)));
        let mut unknown: Vec<String> = Vec::new();
        for line in edge.filter(|l| l.chars().count() <= 400) {
            for (name, form, report) in line_credits(line) {
                if let Some(o) = self.resolve_name(&name) {
                    return Credit::Known(Identification {
                        key: o.key.clone(),
                        evidence: format!("{form} \"{name}\" in text"),
                    });
                }
                if report && !unknown.contains(&name) {
                    unknown.push(name);
                }
            }
        }
        if unknown.is_empty() {
            Credit::None
        } else {
            Credit::Unknown(unknown)
        }
    }

    /// Identifies the outlet of a raw text from signatures, domains and
    /// credit lines (see the module docs for the scoring).
    pub fn identify(&self, text: &str) -> Option<Identification> {
        let lower = text.to_lowercase();
        let credit_lines: Vec<String> = text
            .lines()
            .map(str::trim)
            .filter(|l| {
                let ll = l.to_lowercase();
                l.len() < 160 && (ll.starts_with("source:") || ll.starts_with('©') || ll.starts_with("copyright"))
            })
            .map(str::to_lowercase)
            .collect();
        let mut best: Option<(u32, &OutletEntry, String)> = None;
        let mut tie = false;
        for o in &self.outlets {
            let mut score = 0;
            let mut evidence = Vec::new();
            for s in &o.signatures {
                if text.contains(s.as_str()) {
                    score += 3;
                    evidence.push(format!("signature \"{s}\""));
                }
            }
            for d in &o.domains {
                if contains_domain(&lower, d) {
                    score += 2;
                    evidence.push(format!("domain \"{d}\""));
                }
            }
            let name = o.name.to_lowercase();
            if credit_lines.iter().any(|l| l.contains(&name)) {
                score += 2;
                evidence.push(format!("credit line naming \"{}\"", o.name));
            }
            if score == 0 {
                continue;
            }
            match &best {
                Some((b, _, _)) if *b > score => {}
                Some((b, _, _)) if *b == score => tie = true,
                _ => {
                    tie = false;
                    best = Some((score, o, evidence.join(", ")));
                }
            }
        }
        if tie {
            return None;
        }
        best.map(|(_, o, ev)| Identification { key: o.key.clone(), evidence: format!("{ev} in text") })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_table() {
        let reg = Registry::from_toml(
            "[[outlet]]\nkey='reuters'\nname='Reuters'\n[[outlet]]\nkey='ap'\nname='Associated Press'\naliases=['AP']\n[[outlet]]\nkey='tass'\nname='TASS'\n",
        )
        .expect("valid");
        let known = |text: &str| match reg.identify_credit(text) {
            Credit::Known(i) => Some(i.key),
            _ => None,
        };
        assert_eq!(known("Title\nMOSCOW (Reuters) - Russia said on Monday"), Some("reuters".into()));
        assert_eq!(known("Title\n(AP) — The storm hit the coast"), Some("ap".into()));
        assert_eq!(known("Title\nBy Jane Doe, Reuters\nText."), Some("reuters".into()));
        assert_eq!(known("Title\nText.\nSource: TASS"), Some("tass".into()));
        assert_eq!(known("Title\nSOCHI, October 5. /TASS/. Putin said"), Some("tass".into()));
        assert_eq!(
            reg.identify_credit("Title\nPARIS (Agence Zed) — Text\n"),
            Credit::Unknown(vec!["Agence Zed".into()])
        );
        // A second author after a comma is not reported as an outlet.
        assert_eq!(reg.identify_credit("Title\nBy Jane Doe, John Roe\nText."), Credit::None);
    }

    const REG: &str = r#"
[[outlet]]
key = "rt"
name = "RT"
domains = ["rt.com"]
[[outlet]]
key = "tass"
name = "TASS"
signatures = ["/TASS/"]
aliases = ["TASS Russian News Agency"]
"#;

    #[test]
    fn identifies_by_signature_and_domain() {
        let reg = Registry::from_toml(REG).expect("valid");
        assert_eq!(reg.identify("SOCHI, October 5. /TASS/. Putin").map(|i| i.key), Some("tass".into()));
        assert_eq!(reg.identify("Also on rt.com Russia will").map(|i| i.key), Some("rt".into()));
        assert_eq!(reg.identify("see https://www.rt.com/news").map(|i| i.key), Some("rt".into()));
        assert_eq!(reg.identify("the part.company said"), None);
        assert_eq!(reg.identify("nothing here"), None);
    }

    #[test]
    fn resolves_names_and_urls() {
        let reg = Registry::from_toml(REG).expect("valid");
        assert_eq!(reg.resolve_name("tass russian news agency").map(|o| o.key.as_str()), Some("tass"));
        assert_eq!(reg.resolve_name("rt").map(|o| o.key.as_str()), Some("rt"));
        assert_eq!(reg.resolve_url("https://www.rt.com/russia/1").map(|o| o.key.as_str()), Some("rt"));
        assert!(reg.resolve_name("Unknown Gazette").is_none());
    }

    #[test]
    fn duplicate_keys_are_an_error() {
        let err = Registry::from_toml("[[outlet]]\nkey='a'\nname='A'\n[[outlet]]\nkey='a'\nname='B'\n").unwrap_err();
        assert!(err.to_string().contains("`a`"));
    }
}
