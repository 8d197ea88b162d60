//! Matching and scoring of one query clause: a term with its variants, a
//! phrase, or an outlet/author restriction. The rules are in the parent
//! module's docs; this module implements them over the index.

use super::{idf, saturate, Hit, Searcher, MAX_COMPLETIONS, TITLE_WEIGHT};
use crate::index::Index;
use crate::query::Field;
use std::collections::HashSet;

/// How close a dictionary term is to the query term it stands for, closest
/// first (the derived order is the ranking order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// The query term itself.
    Exact,
    /// Another term with the same stem in an article's language.
    Stem,
    /// The same name in another script (`карабах` for `karabakh`).
    Translit,
    /// A completion of the query term.
    Prefix,
    /// A term one or two edits away.
    Typo,
}

impl Class {
    /// The weight of this class's occurrences in the term frequency.
    pub fn weight(self) -> f32 {
        match self {
            Class::Exact => super::EXACT_WEIGHT,
            Class::Stem => super::STEM_WEIGHT,
            Class::Translit => super::TRANSLIT_WEIGHT,
            Class::Prefix => super::PREFIX_WEIGHT,
            Class::Typo => super::TYPO_WEIGHT,
        }
    }
}

/// Dense per-document accumulators of [`Searcher::term_entries`], kept
/// between searches: allocating and zeroing them for every term cost as
/// much as the scoring itself (fresh pages from the system, measured with
/// `perf`). Entries are reset as they are read, so the arrays are clean
/// between uses; `dirty` marks a use that did not finish. `touched` lists
/// the documents reached only when the variants' lists are short in all
/// (at most 1/16 of the corpus); otherwise the documents matched are
/// found afterwards, 64 at a time, as bit masks over `best`
/// ([`matched_mask`]), and no branch or push per match is paid.
#[derive(Default)]
struct Scratch {
    tf: Vec<f32>,
    best: Vec<u8>,
    touched: Vec<u32>,
    /// One bit per document of `best` that matched (dense case).
    masks: Vec<u64>,
    dirty: bool,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// The classes by `class as u8` (the closest one is kept in `best`).
const CLASSES: [Class; 5] = [Class::Exact, Class::Stem, Class::Translit, Class::Prefix, Class::Typo];

/// Documents per mask of the dense case.
const BLOCK: usize = 64;

/// A bit per byte of `best` (at most 64) that is not `u8::MAX`: the
/// documents of a block that matched. Eight bytes at a time: a byte's
/// high bit is set when the complement of the byte is non-zero, then the
/// eight high bits are gathered into one byte by a multiplication (each
/// bit lands in its own place, no carries).
#[inline]
fn matched_mask(best: &[u8]) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const GATHER: u64 = 0x0102_0408_1020_4080;
    let mut mask = 0u64;
    let mut words = best.chunks_exact(8);
    for (k, w) in words.by_ref().enumerate() {
        let x = !u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        let high = (((x & LOW7) + LOW7) | x) & !LOW7;
        mask |= ((high >> 7).wrapping_mul(GATHER) >> 56) << (8 * k);
    }
    let done = best.len() - words.remainder().len();
    for (j, &b) in words.remainder().iter().enumerate() {
        mask |= u64::from(b != u8::MAX) << (done + j);
    }
    mask
}

/// Which variants a query term gets, from how it was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Expand {
    /// `word`: exact, stem siblings, typos.
    Word,
    /// `word*`: exact and completions.
    Prefix,
    /// The word being typed: exact, stem siblings, completions, typos.
    Typing,
}

/// One document's match of a clause (or of a whole query, summed): a hit.
pub(super) type Entry = Hit;

impl Hit {
    /// A document's match of one query term through a variant of `class`.
    pub(super) fn of(doc: u32, score: f32, class: Class) -> Hit {
        Hit { doc, score, typos: u8::from(class == Class::Typo), inexact: u8::from(class != Class::Exact) }
    }

    /// Orders alternatives of an OR: fewer typos, fewer inexact terms,
    /// higher score.
    pub(super) fn better_than(&self, other: &Hit) -> bool {
        (self.typos, self.inexact, -self.score) < (other.typos, other.inexact, -other.score)
    }
}

/// Edit distance at most `max` between two ASCII words, without
/// allocating (a banded Levenshtein on the stack; words longer than 32
/// bytes fall back to [`crate::text::edit_distance_within`]).
fn ascii_within(a: &[u8], b: &[u8], max: usize) -> bool {
    if a.len().abs_diff(b.len()) > max {
        return false;
    }
    if a.len() > 32 || b.len() > 32 {
        return crate::text::edit_distance_within(
            std::str::from_utf8(a).unwrap_or_default(),
            std::str::from_utf8(b).unwrap_or_default(),
            max,
        )
        .is_some();
    }
    let mut prev = [0usize; 33];
    let mut cur = [0usize; 33];
    for (j, p) in prev.iter_mut().enumerate().take(b.len() + 1) {
        *p = j;
    }
    for (i, &ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > max {
            return false;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] <= max
}

/// Whether `cand` is a typo variant of `term` (`n` = its length in chars):
/// same first letter, edit distance within 1 (5-8 letters) or 2 (9+).
pub(super) fn is_typo_of(term: &str, n: usize, cand: &str) -> bool {
    let max = super::typo_distance(n);
    if term.is_ascii() && cand.is_ascii() {
        return ascii_within(term.as_bytes(), cand.as_bytes(), max);
    }
    cand.chars().count().abs_diff(n) <= max && crate::text::edit_distance_within(term, cand, max).is_some()
}

impl Searcher<'_> {
    /// The variants of a query term, each with its class; a dictionary
    /// term gets the closest class it qualifies for.
    pub(super) fn variants(&self, term: &str, expand: Expand, typos: bool) -> Vec<(u32, Class)> {
        let ix = self.index;
        let mut out: Vec<(u32, Class)> = Vec::new();
        let mut seen = HashSet::new();
        let exact = ix.term_id(term);
        if let Some(id) = exact {
            seen.insert(id);
            out.push((id, Class::Exact));
        }
        // A word being typed that occurs nowhere is taken as unfinished:
        // its stem siblings (`poly` for `poli`) are not what is meant.
        if expand == Expand::Word || (expand == Expand::Typing && exact.is_some()) {
            let (stems, names) = ix.variant_groups(term);
            for id in stems {
                if seen.insert(id) {
                    out.push((id, Class::Stem));
                }
            }
            for id in names {
                if seen.insert(id) {
                    out.push((id, Class::Translit));
                }
            }
        }
        if expand != Expand::Word {
            let mut completions: Vec<u32> = ix.prefix_ids(term).filter(|id| !seen.contains(id)).collect();
            // The most frequent completions (ties: dictionary order), found
            // without sorting every completion of a short prefix.
            let key = |id: &u32| (std::cmp::Reverse(ix.df[*id as usize]), *id);
            if completions.len() > MAX_COMPLETIONS {
                completions.select_nth_unstable_by_key(MAX_COMPLETIONS, key);
                completions.truncate(MAX_COMPLETIONS);
            }
            completions.sort_unstable_by_key(key);
            for id in completions {
                seen.insert(id);
                out.push((id, Class::Prefix));
            }
        }
        let n = term.chars().count();
        if typos && expand != Expand::Prefix && n >= super::TYPO_MIN_CHARS {
            let max = super::typo_distance(n);
            let first_len = term.chars().next().map_or(0, char::len_utf8);
            let mask = super::letter_set(term);
            let sets = ix.letter_sets();
            for id in ix.prefix_ids(&term[..first_len]) {
                // Cheap tests first: letters present (a dense array, read
                // before the term itself), length (bytes bound chars from
                // above).
                if (mask ^ sets[id as usize]).count_ones() as usize > 2 * max {
                    continue;
                }
                let cand = &ix.terms[id as usize];
                if cand.len() + max < n || seen.contains(&id) {
                    continue;
                }
                if is_typo_of(term, n, cand) {
                    seen.insert(id);
                    out.push((id, Class::Typo));
                }
            }
        }
        out
    }

    /// Documents matching a query term, in document order, scored as one
    /// term over all its variants (weighted term frequency, one IDF from
    /// the number of documents matched).
    pub(super) fn term_entries(
        &self,
        field: Field,
        term: &str,
        expand: Expand,
        typos: bool,
        used: &mut HashSet<u32>,
    ) -> Vec<Entry> {
        let ix = self.index;
        let n = ix.len();
        let variants = self.variants(term, expand, typos);
        let field_tf = |doc: u32, body: u32, title: u32| field_tf(ix, field, doc, body, title);
        if let [(id, class)] = variants[..] {
            // One variant: its list is already in document order.
            // The weighted frequency waits in `score` until the IDF is known.
            let w = class.weight();
            let mut out: Vec<Entry> = Vec::with_capacity(ix.docs_of(id).len());
            out.extend(ix.docs_of(id).filter_map(|(d, body, title)| {
                let tf = field_tf(d, body, title);
                (tf > 0.0).then(|| Entry::of(d, w * tf, class))
            }));
            if out.is_empty() {
                return out;
            }
            used.insert(id);
            let idf = idf(n, out.len());
            for e in &mut out {
                e.score = saturate(e.score, idf);
            }
            return out;
        }
        // Several variants: summed per document, then scored in order.
        self.variants_scored(field, &variants, used)
    }

    /// Scores a query term over its `variants`: sums their weighted term
    /// frequencies per document, keeping the closest class, then scores
    /// each document matched, in document order, with one IDF (from the
    /// number of documents matched). The sums are accumulated in dense
    /// arrays reused from one search to the next ([`Scratch`]). When the
    /// lists hold few postings in all, the documents touched are listed
    /// (and sorted at the end); otherwise they are found afterwards as bit
    /// masks, 64 documents at a time, and the accumulation is a loop with
    /// no branch per match. Each variant's sum is added in the order of
    /// `variants`, so a document's frequency (and score) is the same
    /// whichever way its documents are found.
    pub(super) fn variants_scored(
        &self,
        field: Field,
        variants: &[(u32, Class)],
        used: &mut HashSet<u32>,
    ) -> Vec<Entry> {
        let ix = self.index;
        let n = ix.len();
        let postings: usize = variants.iter().map(|&(id, _)| ix.docs_of(id).len()).sum();
        let sparse = postings <= n / 16;
        SCRATCH.with(|scratch| {
            let mut scratch = scratch.borrow_mut();
            let Scratch { tf, best, touched, masks, dirty } = &mut *scratch;
            if *dirty || tf.len() != n {
                // First use at this size, or an earlier search stopped
                // half-way: start from clean arrays.
                *tf = vec![0.0; n];
                *best = vec![u8::MAX; n];
            }
            *dirty = true;
            touched.clear();
            for &(id, class) in variants {
                let (list, w, c) = (ix.docs_of(id), class.weight(), class as u8);
                // One loop per case, so that none tests the field or the
                // density per posting.
                let title_tf = |d, _, title| field_tf(ix, Field::Title, d, 0, title);
                let any_tf = |d, body, title| field_tf(ix, Field::Any, d, body, title);
                let any = match (sparse, field == Field::Title) {
                    (true, true) => accumulate::<true>(list, w, c, tf, best, touched, title_tf),
                    (true, false) => accumulate::<true>(list, w, c, tf, best, touched, any_tf),
                    (false, true) => accumulate::<false>(list, w, c, tf, best, touched, title_tf),
                    (false, false) => accumulate::<false>(list, w, c, tf, best, touched, any_tf),
                };
                if any {
                    used.insert(id);
                }
            }
            let matched = if sparse {
                touched.sort_unstable();
                touched.len()
            } else {
                masks.clear();
                masks.extend(best.chunks(BLOCK).map(matched_mask));
                masks.iter().map(|m| m.count_ones() as usize).sum()
            };
            let idf = idf(n, matched);
            // Reads a matched document's entry, leaving it clean.
            let mut take = |i: usize| {
                let class = CLASSES[usize::from(std::mem::replace(&mut best[i], u8::MAX).min(4))];
                Entry::of(i as u32, saturate(std::mem::take(&mut tf[i]), idf), class)
            };
            let mut out: Vec<Entry> = Vec::with_capacity(matched);
            if sparse {
                out.extend(touched.iter().map(|&d| take(d as usize)));
            } else {
                for (k, &mask) in masks.iter().enumerate() {
                    let mut m = mask;
                    while m != 0 {
                        out.push(take(k * BLOCK + m.trailing_zeros() as usize));
                        m &= m - 1;
                    }
                }
            }
            *dirty = false;
            out
        })
    }

    /// Documents where `terms` occur at consecutive positions. The phrase
    /// is read from the lists of its [`crate::index::Index::phrase_plan`]
    /// (its words, or the pairs of words that stand for them where the
    /// index has pair lists): their document lists are intersected first
    /// (walking the shortest and searching the others forwards), and
    /// positions are decoded only for the documents in the intersection.
    pub(super) fn phrase_entries(&self, field: Field, terms: &[String]) -> Vec<Entry> {
        let ix = self.index;
        let Some(plan) = ix.phrase_plan(terms) else { return vec![] };
        let units: Vec<(&crate::index::Index, u32, u32)> =
            plan.units.iter().map(|u| (ix.unit_index(u), u.id, u.offset)).collect();
        let lists: Vec<Vec<(u32, u32, u32)>> = units.iter().map(|&(u, id, _)| u.doc_tfs(id)).collect();
        let Some(shortest) = (0..lists.len()).min_by_key(|&k| lists[k].len()) else { return vec![] };
        // The phrase's IDF is its words' (document frequencies of the whole
        // corpus, whichever lists are read).
        let idf_sum: f32 = plan.words.iter().map(|&w| idf(ix.len(), ix.df[w as usize] as usize)).sum();
        let mut readers: Vec<_> = units.iter().map(|&(u, id, _)| u.position_reader(id)).collect();
        let mut cursor = vec![0usize; lists.len()];
        let mut positions: Vec<Vec<u32>> = vec![Vec::new(); lists.len()];
        // At most one entry per document of the shortest list: reserved at
        // once, since growing it copied the entries again and again (a
        // tenth of `"white house"`'s time at a million articles, `perf`).
        let mut out = Vec::with_capacity(lists[shortest].len());
        let mut at = vec![0usize; lists.len()];
        'docs: for (i, &(doc, _, _)) in lists[shortest].iter().enumerate() {
            for (k, list) in lists.iter().enumerate() {
                cursor[k] = if k == shortest { i } else { gallop(list, cursor[k], doc) };
                if list.get(cursor[k]).is_none_or(|e| e.0 != doc) {
                    continue 'docs;
                }
            }
            for k in 0..lists.len() {
                if !readers[k].read(&lists[k], cursor[k], &mut positions[k]) {
                    continue 'docs;
                }
            }
            let meta = &ix.docs[doc as usize];
            let [text_norm, title_norm] = ix.norms()[doc as usize];
            let mut tf = 0.0;
            // Starts ascend, so each list's pointer only moves forwards.
            // The first unit is at offset 0: its positions are the starts.
            let in_field =
                |start: u32| field != Field::Title || start.saturating_add(terms.len() as u32) <= meta.title_len;
            let weight = |start: u32| if start < meta.title_len { TITLE_WEIGHT * title_norm } else { text_norm };
            if let [a, b] = &positions[..] {
                // Two lists (a phrase of two words, or a pair and a word):
                // one merge whose steps do not branch on the data, as
                // finding `start + offset` in `b` for each start of `a` is
                // a coin toss at every step. Adding 0.0 leaves `tf` as the
                // general loop below makes it.
                let offset = units[1].2;
                let (mut i, mut j) = (0, 0);
                while let (Some(&start), Some(&y)) = (a.get(i), b.get(j)) {
                    let want = start.saturating_add(offset);
                    let hit = want == y && in_field(start);
                    tf += if hit { weight(start) } else { 0.0 };
                    i += usize::from(want <= y);
                    j += usize::from(y <= want);
                }
                if tf > 0.0 {
                    out.push(Entry::of(doc, saturate(tf, idf_sum), Class::Exact));
                }
                continue;
            }
            at.iter_mut().for_each(|a| *a = 0);
            'starts: for &start in &positions[0] {
                // Saturating: damaged positions must not overflow.
                if !in_field(start) {
                    continue;
                }
                for k in 1..lists.len() {
                    let want = start.saturating_add(units[k].2);
                    let ps = &positions[k];
                    while at[k] < ps.len() && ps[at[k]] < want {
                        at[k] += 1;
                    }
                    if at[k] == ps.len() {
                        break 'starts;
                    }
                    if ps[at[k]] != want {
                        continue 'starts;
                    }
                }
                tf += weight(start);
            }
            if tf > 0.0 {
                out.push(Entry::of(doc, saturate(tf, idf_sum), Class::Exact));
            }
        }
        out
    }

    /// Documents of an outlet or author (score 0, exact).
    pub(super) fn meta_entries(&self, field: Field, terms: &[String], prefix: bool) -> Vec<Entry> {
        let ix = self.index;
        let Some(last) = terms.len().checked_sub(1) else { return Vec::new() };
        // The last word may be a prefix (`outlet:ana*`).
        let hit = |k: usize, t: &str| if prefix && k == last { t.starts_with(&terms[k]) } else { t == terms[k] };
        // An outlet matches when its key, name and short name hold every
        // word (`outlet:commonspace.eu`, `outlet:"Anadolu Agency"`, `outlet:aa`).
        let outlets: Vec<u32> = ix
            .outlet_terms
            .iter()
            .enumerate()
            .filter(|(_, ts)| (0..terms.len()).all(|k| ts.iter().any(|t| hit(k, t))))
            .map(|(i, _)| i as u32)
            .collect();
        // An author matches when the words stand together in its name.
        let by = |author: &[String]| author.windows(terms.len()).any(|w| w.iter().enumerate().all(|(k, t)| hit(k, t)));
        ix.docs
            .iter()
            .enumerate()
            .filter(|(_, d)| match field {
                Field::Outlet => d.outlet.is_some_and(|o| outlets.contains(&o)),
                _ => by(&d.author),
            })
            .map(|(i, _)| Entry::of(i as u32, 0.0, Class::Exact))
            .collect()
    }
}

/// Adds one variant's postings (`list`, weight `w`, class `c`) into the
/// per-document sums `tf` and closest classes `best`, each posting's
/// frequency from `field_tf`; with `SPARSE`, a document reached for the
/// first time is listed in `touched`. Says whether any posting counted.
#[inline(always)]
fn accumulate<const SPARSE: bool>(
    list: crate::index::DocIter<'_>,
    w: f32,
    c: u8,
    tf: &mut [f32],
    best: &mut [u8],
    touched: &mut Vec<u32>,
    field_tf: impl Fn(u32, u32, u32) -> f32,
) -> bool {
    let mut any = false;
    // Internal iteration: the decoder's fast loop (`DocIter::fold`).
    list.for_each(|(d, body, title)| {
        let t = field_tf(d, body, title);
        if t <= 0.0 {
            return;
        }
        any = true;
        let i = d as usize;
        let b = best[i];
        if SPARSE && b == u8::MAX {
            touched.push(d);
        }
        best[i] = b.min(c);
        tf[i] += w * t;
    });
    any
}

/// Length-normalised, field-weighted term frequency of one posting. The
/// title norm is read only for title occurrences (without, the title's
/// part is 0 and adding it changes nothing).
#[inline]
fn field_tf(ix: &Index, field: Field, doc: u32, body: u32, title: u32) -> f32 {
    let title = if title == 0 { 0.0 } else { TITLE_WEIGHT * title as f32 * ix.norms()[doc as usize][1] };
    match field {
        Field::Title => title,
        _ => body as f32 * ix.text_norms()[doc as usize] + title,
    }
}

/// The first index `>= from` of `list` (ascending by document) whose
/// document is `>= doc`: an exponential search from `from`, cheap when the
/// answer is near, as it is when walking two lists of similar length.
pub(super) fn gallop(list: &[(u32, u32, u32)], from: usize, doc: u32) -> usize {
    let mut lo = from;
    let mut step = 1;
    let mut hi = from;
    while hi < list.len() && list[hi].0 < doc {
        lo = hi + 1;
        hi += step;
        step *= 2;
    }
    let hi = hi.min(list.len());
    lo + list[lo..hi].partition_point(|e| e.0 < doc)
}

/// Documents in both lists (ascending), their scores and counts summed.
pub(super) fn intersect(a: &[Entry], b: &[Entry]) -> Vec<Entry> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() && j < b.len() {
        match a[i].doc.cmp(&b[j].doc) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(Entry {
                    doc: a[i].doc,
                    score: a[i].score + b[j].score,
                    typos: a[i].typos.saturating_add(b[j].typos),
                    inexact: a[i].inexact.saturating_add(b[j].inexact),
                });
                i += 1;
                j += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{ascii_within, gallop, matched_mask};
    use crate::text::edit_distance_within;

    /// Galloping from any start finds what a linear scan finds.
    #[test]
    fn gallop_equals_linear_scan() {
        let list: Vec<(u32, u32, u32)> =
            [1u32, 2, 5, 9, 10, 11, 30, 31, 64, 100, 101].iter().map(|&d| (d, 1, 0)).collect();
        for from in 0..=list.len() {
            for doc in 0..110 {
                let want = from + list[from..].iter().take_while(|e| e.0 < doc).count();
                assert_eq!(gallop(&list, from, doc), want, "from {from} doc {doc}");
            }
        }
    }

    /// The eight-bytes-at-a-time mask of matched documents is the bytewise
    /// one, for every block length up to 64 and bytes next to `u8::MAX`,
    /// 0 and the high bit (where a carry could leak into the next byte).
    #[test]
    fn matched_mask_equals_bytewise_test() {
        let values = [0u8, 1, 4, 0x7f, 0x80, 0xfe, u8::MAX];
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for len in 0..=64 {
            for _ in 0..200 {
                let best: Vec<u8> = (0..len)
                    .map(|_| {
                        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                        // Mostly unmatched, as in a sparse block.
                        let r = (state >> 33) as usize;
                        if r.is_multiple_of(3) {
                            values[r / 3 % values.len()]
                        } else {
                            u8::MAX
                        }
                    })
                    .collect();
                let want = best.iter().enumerate().fold(0u64, |m, (j, &b)| m | u64::from(b != u8::MAX) << j);
                assert_eq!(matched_mask(&best), want, "{best:?}");
            }
        }
    }

    /// The allocation-free ASCII distance agrees with the general one on
    /// every pair of short words over a small alphabet.
    #[test]
    fn ascii_distance_equals_general_distance() {
        let words: Vec<String> = (0..3u32.pow(5))
            .flat_map(|i| {
                (1..=5).map(move |len| (0..len).map(|k| (b'a' + ((i / 3u32.pow(k)) % 3) as u8) as char).collect())
            })
            .collect::<std::collections::BTreeSet<String>>()
            .into_iter()
            .collect();
        for a in words.iter().step_by(7) {
            for b in &words {
                for max in 0..=2 {
                    assert_eq!(
                        ascii_within(a.as_bytes(), b.as_bytes(), max),
                        edit_distance_within(a, b, max).is_some(),
                        "{a} {b} {max}"
                    );
                }
            }
        }
    }
}
