//! Planning a query's files ([`SplitStore::missing`]): the dictionary
//! chunks, typo chunks and stem groups of its words, the pair blocks of
//! its phrases, and the postings and positions files guessed from the
//! manifest's separators, so that a cold query needs as few rounds as
//! possible (see "Network rounds" in the `split` module's docs).

use super::{Need, Reads, SplitStore, GUESS_FILES};
use crate::query::{parse, Atom, Field, Query};
use crate::search::Request;
use crate::split::chunk_of;

impl SplitStore {
    /// Dictionary chunks covering the terms `>= from` and `< to` (`to`
    /// `None`: to the end of what starts with `from`).
    fn dict_range(&self, from: &str, prefix: bool, out: &mut Vec<String>) {
        if !prefix && self.typo_known(from) {
            return;
        }
        let dict = &self.manifest.dict;
        let Some(first) = chunk_of(dict, from).or(if dict.is_empty() { None } else { Some(0) }) else { return };
        let mut k = first;
        loop {
            if !self.dict[k] {
                out.push(dict[k].file.clone());
            }
            k += 1;
            // The next chunk is needed when its terms can still match.
            if !prefix || k >= dict.len() || !dict[k].first.starts_with(from) {
                break;
            }
        }
    }

    /// Whether `term`'s entry, or its absence, is known from a typo chunk
    /// here (then its dictionary chunk is not needed to look it up).
    fn typo_known(&self, term: &str) -> bool {
        let typos = &self.manifest.typos;
        if typos.is_empty() || !crate::split::in_typo_chunks(term) {
            return false;
        }
        chunk_of(typos, &crate::split::typo_key(term)).is_some_and(|k| self.typos[k])
    }

    /// The chunks holding every term a typo of `term` can be: the typo
    /// chunks of its first letter and of the lengths within its edit
    /// distance ([`crate::search::typo_distance`]), or, in a corpus written
    /// without typo chunks, every dictionary chunk of its first letter.
    fn typo_range(&self, term: &str, out: &mut Vec<String>) {
        let first: String = term.chars().take(1).collect();
        if self.manifest.typos.is_empty() {
            self.dict_range(&first, true, out);
            return;
        }
        let n = term.chars().count();
        let max = crate::search::typo_distance(n);
        for k in crate::split::typo_chunks(&self.manifest.typos, &first, (n.saturating_sub(max), n + max)) {
            if !self.typos[k] {
                out.push(self.manifest.typos[k].file.clone());
            }
        }
    }

    /// The files a query needs at the dictionary level: the chunks of its
    /// words, of their stem groups' members, of every completion of a
    /// prefix, the typo chunks of every term a typo of a word could reach
    /// (same first letter, lengths within reach: see "Typo variants" in
    /// the module docs), and the authors for `author:`
    /// ([`crate::search::reach`] says which a word draws on).
    pub(super) fn dictionary_needs(&self, req: &Request, out: &mut Vec<String>) {
        let query = parse(&req.query);
        let typing = crate::search::typing_of(req, &query);
        // The joined form of two words side by side (`cease fire`:
        // `ceasefire`), which the search asks the dictionary for.
        for (_, joined) in crate::search::joined_pairs(&query) {
            self.dict_range(&joined, false, out);
        }
        // The halves of a long word (`ceasefire`: `cease` and `fire`): the
        // first half's chunk (next to the word's own), then, when the first
        // half is a term, the second half's. (Asking for both at once saved
        // long words a round, `government`: "govern ment", but cost 66 KB
        // more before the first result of `operatives` at 40k articles,
        // 929 -> 995 KB, against the 1 MB target.) The phrase of the halves
        // is read from its pair when a half is common: its pair block too
        // (without it the phrase matched nowhere).
        //
        // Once the word's own entry is in, it lists the cuts whose halves
        // are both terms: the others need neither half (at 40k articles 20
        // of the 31 single words that took a round for a second half's
        // chunk, `continue`: "cont" and "inue", have no such cut).
        for (_, _, first, second) in crate::search::split_words(&query) {
            let word = format!("{first}{second}");
            if let Some(e) = self.entries.get(word.as_str()) {
                if e.cuts.contains(&(first.len() as u32)) {
                    self.dict_range(&first, false, out);
                    self.dict_range(&second, false, out);
                    self.pair_blocks(&[first, second], out);
                }
                continue;
            }
            let before = out.len();
            self.dict_range(&first, false, out);
            if out.len() == before && self.entries.contains_key(first.as_str()) {
                self.dict_range(&second, false, out);
            }
            self.pair_blocks(&[first, second], out);
        }
        for (atom, typing) in atoms_of(&query, typing) {
            match atom {
                Atom::Term { field: Field::Author, .. } | Atom::Phrase { field: Field::Author, .. } => {
                    if !self.authors {
                        out.push(self.manifest.authors.clone());
                    }
                }
                Atom::Term { field: Field::Outlet, .. } | Atom::Phrase { field: Field::Outlet, .. } => {}
                Atom::Term { term, .. } => {
                    let (prefix, stems, typos) = crate::search::reach(atom, typing);
                    // A word's typo chunks hold its own entry too.
                    if prefix || !typos || self.manifest.typos.is_empty() {
                        self.dict_range(term, prefix, out);
                    }
                    if stems {
                        // The groups its query keys name and, once its
                        // dictionary entry is in, the others it is in.
                        let mut keys = crate::index::query_keys(&self.stem_languages, term);
                        keys.extend(self.entries.get(term.as_str()).into_iter().flat_map(|e| e.extra.iter().cloned()));
                        for key in keys {
                            match chunk_of(&self.manifest.stems, &key) {
                                Some(k) if !self.stems[k] => out.push(self.manifest.stems[k].file.clone()),
                                Some(_) => {
                                    for m in self.groups.get(&key).into_iter().flatten() {
                                        self.dict_range(m, false, out);
                                    }
                                }
                                None => {}
                            }
                        }
                        // Names with a case ending: every chunk that may
                        // hold a key starting with the prefix.
                        if let Some(prefix) = crate::index::name_prefix(term) {
                            let stems = &self.manifest.stems;
                            let mut k = chunk_of(stems, &prefix).unwrap_or(0);
                            let mut all_in = true;
                            while k < stems.len() {
                                if !self.stems[k] {
                                    out.push(stems[k].file.clone());
                                    all_in = false;
                                }
                                k += 1;
                                if k >= stems.len() || !stems[k].first.starts_with(&prefix) {
                                    break;
                                }
                            }
                            if all_in {
                                for (key, members) in &self.groups {
                                    if crate::index::with_case_ending(&prefix, key) {
                                        for m in members {
                                            self.dict_range(m, false, out);
                                        }
                                    }
                                }
                            }
                        }
                    }
                    if typos {
                        self.typo_range(term, out);
                    }
                }
                Atom::Phrase { terms, .. } => {
                    for t in terms {
                        self.dict_range(t, false, out);
                    }
                    self.pair_blocks(terms, out);
                }
            }
        }
    }

    /// The pair blocks a phrase of `terms` is read from: those of its
    /// pairs with a common word.
    fn pair_blocks(&self, terms: &[String], out: &mut Vec<String>) {
        let Some(pairs) = &self.manifest.pairs else { return };
        let common = |t: &String| pairs.common.binary_search(t).is_ok();
        for w in terms.windows(2).filter(|w| common(&w[0]) || common(&w[1])) {
            let key = crate::index::pair_key(&w[0], &w[1]);
            if let Some(k) = pairs.dict.file_of(&key).filter(|&k| !self.pair_dict[k as usize]) {
                out.push(pairs.dict.file(k));
            }
        }
    }

    /// The first round's guesses (see the module docs): for each word whose
    /// dictionary chunk is not here yet, the postings file its list would
    /// be in (for a word being typed, the files of all its completions, and
    /// for a word with stem siblings, the files of the terms starting with
    /// its stem, when they are at most [`GUESS_FILES`]); for a phrase's
    /// words that are not read through a pair (see [`crate::split::PairFiles`]),
    /// their postings and positions files. Guesses only save a round: what
    /// the search reads is listed exactly once the dictionary is in.
    fn list_guesses(&self, req: &Request, out: &mut Vec<String>) {
        let m = &self.manifest;
        let query = parse(&req.query);
        let typing = crate::search::typing_of(req, &query);
        let here = |t: &str| chunk_of(&m.dict, t).is_none_or(|k| self.dict[k]);
        let mut want = |positions: bool, k: u32| {
            let (files, have) = if positions { (&m.positions, &self.positions) } else { (&m.postings, &self.postings) };
            if !have.has(k) {
                out.push(files.file(k));
            }
        };
        for (atom, typing) in atoms_of(&query, typing) {
            match atom {
                Atom::Term { field: Field::Author | Field::Outlet, .. }
                | Atom::Phrase { field: Field::Author | Field::Outlet, .. } => {}
                Atom::Term { term, .. } if !here(term) => {
                    let (prefix, stems, _) = crate::search::reach(atom, typing);
                    let range = m.postings.files_of_prefix(term);
                    if prefix && range.len() <= GUESS_FILES {
                        range.for_each(|k| want(false, k));
                    } else if let Some(k) = m.postings.file_of(term) {
                        want(false, k);
                    }
                    // Stem siblings mostly start with their stem
                    // (`believ`: `believe`, `believes`).
                    if stems {
                        for key in crate::index::query_keys(&self.stem_languages, term) {
                            // Stem keys are `<language>:<stem>`.
                            let Some((_, stem)) = key.split_once(':') else { continue };
                            let range = m.postings.files_of_prefix(stem);
                            if stem.len() < term.len() && term.starts_with(stem) && range.len() <= GUESS_FILES {
                                range.for_each(|k| want(false, k));
                            }
                        }
                    }
                }
                Atom::Term { .. } => {}
                Atom::Phrase { terms, .. } => {
                    // The words not read through a pair (no common word
                    // beside them): their postings and positions files.
                    // (Pairs' lists are found from their dictionary entry.)
                    let common = |t: &String| m.pairs.as_ref().is_some_and(|p| p.common.binary_search(t).is_ok());
                    let paired = |j: usize| {
                        let side = |i: usize| common(&terms[i]) || common(&terms[i + 1]);
                        (j > 0 && side(j - 1)) || (j + 1 < terms.len() && side(j))
                    };
                    for (_, t) in terms.iter().enumerate().filter(|&(j, t)| !paired(j) && !here(t)) {
                        if let Some(k) = m.postings.file_of(t) {
                            want(false, k);
                        }
                        if let Some(k) = m.positions.file_of(t) {
                            want(true, k);
                        }
                    }
                }
            }
        }
    }

    /// The files a search for `req` still needs, or [`Need::Ready`] when
    /// [`SplitStore::index`] answers it exactly. Dictionary files come
    /// first; once they are in, the postings of the terms the search will
    /// read.
    pub fn missing(&mut self, req: &Request) -> Need {
        if !self.columns {
            return self.start();
        }
        let mut files = Vec::new();
        self.dictionary_needs(req, &mut files);
        if !files.is_empty() {
            // In the same round: the lists the words most likely read.
            self.list_guesses(req, &mut files);
            files.sort();
            files.dedup();
            return Need::Files(files);
        }
        // The dictionary is in: which lists will the search read? (No
        // timeline axis: listing the lists needs none.) The same as last
        // time unless the query or the dictionary changed: postings
        // arriving one by one do not make the store rebuild its index to
        // ask again.
        let generation = self.dictionary_generation;
        let cached = self
            .reads
            .as_ref()
            .filter(|r| r.query == req.query && r.typing == req.typing && r.generation == generation)
            .map(|r| r.terms.clone());
        let terms = match cached {
            Some(terms) => terms,
            None => {
                let index = self.index();
                // Words only: a pair's lists are in its block, which the
                // dictionary stage fetched.
                let reads = crate::search::Searcher::with_axis(index, None).lists_read(req);
                let terms: Vec<(String, bool)> =
                    reads.into_iter().map(|(id, positions)| (index.terms[id as usize].clone(), positions)).collect();
                self.reads =
                    Some(Reads { query: req.query.clone(), typing: req.typing, generation, terms: terms.clone() });
                terms
            }
        };
        for (term, positions) in terms {
            let m = &self.manifest;
            let Some(e) = self.entries.get(&term) else { continue };
            if let Some(k) = e.docs.chunk().filter(|&k| !self.postings.has(k)) {
                files.push(m.postings.file(k));
            }
            if let Some(k) = e.positions.chunk().filter(|&k| !self.positions.has(k)) {
                if positions {
                    files.push(m.positions.file(k));
                }
            }
            // Positions are read by frequency: a tiered list's whole.
            if let Some((k, _)) = e.tail.filter(|t| positions && !self.tails.has(t.0)) {
                files.push(m.tails.file(k));
            }
        }
        files.sort();
        files.dedup();
        Need::of(files)
    }
}

/// Every atom of `query` (its groups' and the excluded ones), each with
/// whether it is the word being typed (`typing`, as
/// [`crate::search::typing_of`] gives it).
fn atoms_of(query: &Query, typing: Option<(usize, usize)>) -> Vec<(&Atom, bool)> {
    let mut atoms: Vec<(&Atom, bool)> = Vec::new();
    for (g, group) in query.groups.iter().enumerate() {
        atoms.extend(group.iter().enumerate().map(|(a, atom)| (atom, typing == Some((g, a)))));
    }
    atoms.extend(query.excluded.iter().map(|a| (a, false)));
    atoms
}
