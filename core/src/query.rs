//! The query language.
//!
//! | syntax            | meaning                                              |
//! |-------------------|------------------------------------------------------|
//! | `putin aliyev`    | both terms (AND is the default)                      |
//! | `"peace treaty"`  | the exact phrase (consecutive terms)                 |
//! | `baku OR yerevan` | either term; `OR` binds adjacent clauses             |
//! | `-nato`           | exclude articles containing the term or phrase       |
//! | `negoti*`         | any term starting with the prefix                    |
//! | `title:ceasefire` | the term in the title; also `title:"peace treaty"`   |
//! | `outlet:rt`       | articles of an outlet (key, name or short name)      |
//! | `author:teslova`  | articles whose author contains the term              |
//! | `cease-fire`      | the phrase `cease fire` or the word `ceasefire`      |
//!
//! Case and diacritics never matter (the same tokenizer as the index is
//! used). Parsing never fails: an unbalanced quote runs to the end of the
//! query, a lone `-`, `OR` or `field:` is ignored, and an unknown `field:`
//! is read as ordinary words.

use crate::text::terms;

/// Where an atom must match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Title, lead and body (the default).
    Any,
    /// Title only.
    Title,
    /// The article's outlet.
    Outlet,
    /// The article's author.
    Author,
}

/// The smallest searchable unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Atom {
    /// One normalised term; `prefix` matches every term starting with it.
    Term {
        /// Field scope.
        field: Field,
        /// Normalised term.
        term: String,
        /// Prefix match (`term*`).
        prefix: bool,
    },
    /// Consecutive normalised terms.
    Phrase {
        /// Field scope.
        field: Field,
        /// Normalised terms in order.
        terms: Vec<String>,
    },
}

/// A parsed query: every group must match (AND), each group is an OR of
/// atoms, and no excluded atom may match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// AND of ORs.
    pub groups: Vec<Vec<Atom>>,
    /// Excluded atoms.
    pub excluded: Vec<Atom>,
}

impl Query {
    /// True when the query has nothing to match (the empty query lists all
    /// articles, subject to exclusions and filters).
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

#[derive(Debug)]
enum Lex {
    Word { neg: bool, field: Option<String>, text: String, quoted: bool },
    Or,
}

fn lex(input: &str) -> Vec<Lex> {
    let chars: Vec<char> = input.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let mut neg = false;
        if chars[i] == '-' {
            neg = true;
            i += 1;
        }
        // field:
        let mut field = None;
        let start = i;
        while i < chars.len() && chars[i].is_alphabetic() {
            i += 1;
        }
        if i < chars.len() && chars[i] == ':' && i > start {
            field = Some(chars[start..i].iter().collect::<String>().to_lowercase());
            i += 1;
        } else {
            i = start;
        }
        if i < chars.len() && (chars[i] == '"' || chars[i] == '“' || chars[i] == '”') {
            i += 1;
            let s = i;
            while i < chars.len() && !matches!(chars[i], '"' | '“' | '”') {
                i += 1;
            }
            let text: String = chars[s..i].iter().collect();
            i += 1; // closing quote (or past the end)
            out.push(Lex::Word { neg, field, text, quoted: true });
            continue;
        }
        let s = i;
        while i < chars.len() && !chars[i].is_whitespace() && !matches!(chars[i], '"' | '“' | '”') {
            i += 1;
        }
        let text: String = chars[s..i].iter().collect();
        if text == "OR" && !neg && field.is_none() {
            out.push(Lex::Or);
        } else {
            out.push(Lex::Word { neg, field, text, quoted: false });
        }
    }
    out
}

fn atoms_of(field: Field, text: &str, quoted: bool) -> Vec<Atom> {
    let prefix = !quoted && text.ends_with('*');
    let ts = terms(text);
    if ts.is_empty() {
        return vec![];
    }
    if ts.len() == 1 && !quoted {
        return vec![Atom::Term { field, term: ts[0].clone(), prefix }];
    }
    if quoted || ts.len() > 1 {
        if ts.len() == 1 {
            return vec![Atom::Term { field, term: ts[0].clone(), prefix: false }];
        }
        // A hyphenated word also asks for its joined form (`cease-fire`
        // finds `ceasefire`; see `text::compound`). The phrase stays last:
        // it is the alternative being typed.
        let joined = match field {
            Field::Any | Field::Title if !quoted => crate::text::compound(text.trim_end_matches('*')),
            _ => None,
        };
        let phrase = Atom::Phrase { field, terms: ts };
        return match joined {
            Some(term) => vec![Atom::Term { field, term, prefix: false }, phrase],
            None => vec![phrase],
        };
    }
    vec![]
}

/// Parses a query string (never fails; see the module docs).
pub fn parse(input: &str) -> Query {
    let mut q = Query::default();
    let mut pending_or = false;
    for lex in lex(input) {
        match lex {
            Lex::Or => pending_or = !q.groups.is_empty(),
            Lex::Word { neg, field, text, quoted } => {
                let (field, text) = match field.as_deref() {
                    None => (Field::Any, text),
                    Some("title") => (Field::Title, text),
                    Some("outlet" | "source") => (Field::Outlet, text),
                    Some("author" | "by") => (Field::Author, text),
                    Some(other) => (Field::Any, format!("{other} {text}")),
                };
                let atoms = atoms_of(field, &text, quoted);
                if atoms.is_empty() {
                    continue;
                }
                if neg {
                    q.excluded.extend(atoms);
                } else if std::mem::take(&mut pending_or) {
                    if let Some(last) = q.groups.last_mut() {
                        last.extend(atoms);
                    }
                } else {
                    q.groups.push(atoms);
                }
            }
        }
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(term: &str) -> Atom {
        Atom::Term { field: Field::Any, term: term.into(), prefix: false }
    }

    #[test]
    fn parse_table() {
        let p = |s: &str| parse(s);
        assert_eq!(p("Putin  Aliyev").groups, vec![vec![t("putin")], vec![t("aliyev")]]);
        assert_eq!(p("baku OR yerevan").groups, vec![vec![t("baku"), t("yerevan")]]);
        assert_eq!(p("-nato putin").excluded, vec![t("nato")]);
        assert_eq!(
            p("\"Peace Treaty\"").groups,
            vec![vec![Atom::Phrase { field: Field::Any, terms: vec!["peace".into(), "treaty".into()] }]]
        );
        assert_eq!(
            p("negoti*").groups,
            vec![vec![Atom::Term { field: Field::Any, term: "negoti".into(), prefix: true }]]
        );
        assert_eq!(
            p("title:Ceasefire").groups,
            vec![vec![Atom::Term { field: Field::Title, term: "ceasefire".into(), prefix: false }]]
        );
        assert_eq!(
            p("outlet:rt").groups,
            vec![vec![Atom::Term { field: Field::Outlet, term: "rt".into(), prefix: false }]]
        );
        // Hyphenated words are phrases, exactly as the index sees them,
        // or their joined form (the index stores it too).
        let phrase = Atom::Phrase { field: Field::Any, terms: vec!["nagorno".into(), "karabakh".into()] };
        assert_eq!(p("Nagorno-Karabakh").groups, vec![vec![t("nagornokarabakh"), phrase.clone()]]);
        // Not for quoted phrases, other separators, digits or other fields.
        assert_eq!(p("\"Nagorno Karabakh\"").groups, vec![vec![phrase]]);
        assert_eq!(p("commonspace.eu").groups.concat().len(), 1);
        assert_eq!(p("covid-19").groups.concat().len(), 1);
        assert_eq!(p("outlet:al-jazeera").groups.concat().len(), 1);
    }

    #[test]
    fn malformed_queries_still_search() {
        assert_eq!(parse("\"peace treaty").groups.len(), 1);
        assert!(parse("-").is_empty());
        assert!(parse("OR").is_empty());
        assert!(parse("title:").is_empty());
        assert!(parse("\"").is_empty());
        assert_eq!(parse("OR putin OR").groups, vec![vec![t("putin")]]);
        assert_eq!(
            parse("foo:bar").groups,
            vec![vec![Atom::Phrase { field: Field::Any, terms: vec!["foo".into(), "bar".into()] }]]
        );
        assert_eq!(parse("ÉLYSÉE").groups, vec![vec![t("elysee")]]);
    }
}
