//! Compound words, both ways: two plain words side by side also ask for
//! their joined form (`cease fire`: `ceasefire`), and a long word also asks
//! for the phrase of its two halves (`ceasefire`: "cease fire"). Both are
//! alternatives added to the parsed query when the dictionary has the
//! terms; the split layout's planner fetches the dictionary chunks that
//! would hold them. Hyphenated words are joined at indexing time
//! ([`crate::text::compound`]), so with these `cease-fire`, `ceasefire`
//! and `cease fire` find each other.

use super::Searcher;
use crate::query::{Atom, Field, Query};

impl Searcher<'_> {
    /// `query` with the joined form of two plain words side by side as an
    /// alternative of each (see [`joined_pairs`]) when the dictionary has
    /// it: `cease fire` is `(cease OR ceasefire) (fire OR ceasefire)`,
    /// which is `(cease fire) OR ceasefire`. The alternative goes first
    /// in its group, so the word being typed stays the last one.
    ///
    /// The other way round, a long word whose two halves are both in the
    /// dictionary (see [`split_words`]) gets the phrase of the halves as an
    /// alternative: `ceasefire` is `ceasefire OR "cease fire"`.
    pub fn with_joined_pairs(&self, mut query: Query) -> Query {
        let adds: Vec<(usize, String)> =
            joined_pairs(&query).into_iter().filter(|(_, t)| self.index.term_id(t).is_some()).collect();
        let known = |t: &str| self.index.term_id(t).is_some();
        let splits: Vec<(usize, Atom)> = split_words(&query)
            .into_iter()
            .filter(|(_, _, a, b)| known(a) && known(b))
            .map(|(g, field, a, b)| (g, Atom::Phrase { field, terms: vec![a, b] }))
            .collect();
        for (g, term) in adds {
            for group in [g, g + 1] {
                if let Some(atoms) = query.groups.get_mut(group) {
                    atoms.insert(0, Atom::Term { field: Field::Any, term: term.clone(), prefix: false });
                }
            }
        }
        for (g, phrase) in splits.into_iter().rev() {
            if let Some(atoms) = query.groups.get_mut(g) {
                atoms.insert(0, phrase);
            }
        }
        query
    }
}

/// Two plain words side by side (each a group of its own: no field,
/// quotes, prefix or OR; letters only) and their joined form, as (index of
/// the first word's group, joined term): `cease fire` gives `(0,
/// "ceasefire")`. The search adds the joined form as an alternative when
/// the dictionary has it ([`Searcher::with_joined_pairs`]); the split
/// layout fetches the dictionary chunks that would hold them.
pub fn joined_pairs(query: &Query) -> Vec<(usize, String)> {
    fn plain(g: &[Atom]) -> Option<&str> {
        match g {
            [Atom::Term { field: Field::Any, term, prefix: false }] if crate::text::is_compound_part(term) => {
                Some(term.as_str())
            }
            _ => None,
        }
    }
    query
        .groups
        .windows(2)
        .enumerate()
        .filter_map(|(g, w)| Some((g, format!("{}{}", plain(&w[0])?, plain(&w[1])?))))
        .collect()
}

/// Shortest half of a word that [`split_words`] splits.
pub const SPLIT_PART_CHARS: usize = 4;

/// The ways to cut each plain word of a query (a group of its own: no
/// quotes, prefix or OR; `title:` allowed; letters only) into two halves
/// of at least [`SPLIT_PART_CHARS`] letters, as (group, field, first half,
/// second half): `ceasefire` gives `cease`+`fire` (and `ceas`+`efire`).
/// The search adds the phrase of the halves as an alternative when the
/// dictionary has both ([`Searcher::with_joined_pairs`]), so `ceasefire`
/// finds "cease fire"; the split layout fetches the dictionary chunks
/// that would hold them. Four letters keep short function words out
/// (`nowhere` is not "now here", `therapist` not "the rapist").
pub fn split_words(query: &Query) -> Vec<(usize, Field, String, String)> {
    let mut out = Vec::new();
    for (g, group) in query.groups.iter().enumerate() {
        let [Atom::Term { field: field @ (Field::Any | Field::Title), term, prefix: false }] = group.as_slice() else {
            continue;
        };
        for cut in cuts(term) {
            out.push((g, *field, term[..cut].to_string(), term[cut..].to_string()));
        }
    }
    out
}

/// Where [`split_words`] cuts a word: the byte offsets that leave at least
/// [`SPLIT_PART_CHARS`] letters on each side (none for a word that is not
/// letters only). The split layout stores, with each word of its
/// dictionary, those whose halves are both terms.
pub fn cuts(term: &str) -> Vec<usize> {
    if !crate::text::is_compound_part(term) {
        return Vec::new();
    }
    let starts: Vec<usize> = term.char_indices().map(|(i, _)| i).collect();
    if starts.len() < 2 * SPLIT_PART_CHARS {
        return Vec::new();
    }
    starts[SPLIT_PART_CHARS..=starts.len() - SPLIT_PART_CHARS].to_vec()
}
