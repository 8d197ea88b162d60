//! Near-duplicate detection that never loses an article.
//!
//! Syndicated copies of one story (a wire story reprinted with a new
//! headline, a trimmed ending, a word changed here and there) are merged
//! into one article that lists its copies; two different articles are
//! never merged, whatever page furniture, quotes or wire leads they share.
//!
//! Texts are compared on their extracted paragraphs (lead and body,
//! furniture already removed by the extractor), without the short lines
//! that survive as furniture (fewer than [`MIN_WORDS`] words: "Related", a
//! section name, a share prompt). Each paragraph is cut into overlapping
//! [`SHINGLE`]-word shingles, hashed (FNV-1a of each word, combined and
//! mixed; deterministic across runs and platforms), kept in text order.
//!
//! A copy can be dropped only when it has **no distinctive content** of its
//! own, since that content would be lost:
//!
//! * at least [`CONTAINMENT`] of its distinct shingles are in the other text,
//! * no run of more than [`MAX_RUN`] consecutive shingles of it is missing
//!   from the other text (a run of 12 shingles is a passage of 16 words or
//!   more that only this copy prints; a word changed here and there makes
//!   runs of at most five), and
//! * no paragraph of it is mostly missing from the other text (half of its
//!   shingles and at least [`MIN_OWN`]): a short paragraph of its own, such
//!   as the one line of article between two blocks of furniture, is content
//!   too.
//!
//! When the new text passes this against a kept one it is merged into it;
//! when the kept one passes against the new text (the new copy is the
//! longer, fuller version) the new text replaces it and the old one is
//! merged into it ([`Verdict::ReplaceKept`]); when neither passes, both are
//! kept, even when most of one is in the other ([`Verdict::Distinct`], which
//! the caller reports). Two articles sharing their page furniture, the same
//! long quote or the same wire lead each have a body of their own, so they
//! are never merged.
//!
//! Candidates are found through an inverted index over a 1-in-4 sample of
//! shingle hashes, so the cost grows with the number of shared shingles,
//! not with the square of the corpus. The index keeps, per kept text, only
//! its sizes and its sampled hashes; a candidate's shingles are computed
//! again from the kept article by the caller (`find`'s `kept_text`), so the
//! table costs about 20 bytes a sampled shingle instead of the whole
//! shingle sequence of every article.

use std::collections::HashMap;

/// The hasher of the tables keyed by shingle hashes, which are mixed
/// already ([`shingle_hash`]; hashing them again with SipHash was a tenth
/// of the work of adding an article, and ingest adds articles one at a
/// time, so this part is not shared across cores), and by text numbers: a
/// `u64` key is taken as it is, its high half folded into the low one, a
/// `u32` key multiplied by 2^64 / phi.
#[derive(Default)]
struct Premixed(u64);

impl std::hash::Hasher for Premixed {
    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 32)
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only u64 keys are hashed (write_u64); any other key still hashes.
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }

    /// Text numbers (`u32` keys, not mixed): multiplied by 2^64 / phi.
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// Shingle length in words.
pub const SHINGLE: usize = 5;
/// Share of a copy's distinct shingles that must be in the other text.
pub const CONTAINMENT: f32 = 0.8;
/// Longest run of a copy's shingles missing from the other text that still
/// counts as an edit, not as content of its own.
pub const MAX_RUN: usize = 12;
/// Missing shingles that make a mostly missing paragraph content of its own.
pub const MIN_OWN: usize = 3;
/// Texts with fewer shingles than this are only deduplicated exactly.
pub const MIN_SHINGLES: usize = 12;
/// Most kept texts a new text is compared with exactly, those sharing the
/// most sampled shingles with it first. Without a bound, a corpus of many
/// copies that each share part of a story (a wire story reworked by every
/// outlet) compares each new copy with all earlier ones: at 200,000
/// generated articles ingest ran on one core for most of its time in
/// these comparisons. A duplicate ranked past the bound is kept as an
/// article of its own (and reported), never lost.
pub const MAX_COMPARED: usize = 16;
/// Lines with fewer words are left out of the comparison (furniture).
pub const MIN_WORDS: usize = 6;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// FNV-1a of one word's bytes.
pub fn word_hash(word: &str) -> u64 {
    word.bytes().fold(WORD_HASH_START, word_hash_byte)
}

/// [`word_hash`] of the empty word: a word's hash starts here and takes
/// its bytes one by one ([`word_hash_byte`]).
pub const WORD_HASH_START: u64 = FNV_OFFSET;

/// [`word_hash`] of a word so far, `h`, and one more byte.
pub fn word_hash_byte(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
}

/// A shingle's hash from its words' hashes (each word is hashed once, not
/// once per shingle it is in), finished with splitmix64's mixer so that
/// every bit, the low ones the sample is drawn on included, depends on
/// every word.
pub(crate) fn shingle_hash(words: &[u64]) -> u64 {
    let mut h = words.iter().fold(FNV_OFFSET, |h, &w| (h ^ w).wrapping_mul(FNV_PRIME));
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

fn sorted_set(seq: &[u64]) -> Vec<u64> {
    let mut s = seq.to_vec();
    s.sort_unstable();
    s.dedup();
    s
}

fn shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The shingles of a text in order, with where each paragraph starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shingles {
    seq: Vec<u64>,
    /// Start of each paragraph in `seq`.
    starts: Vec<usize>,
}

impl Shingles {
    /// Shingles of folded paragraphs (see `txt::line_key`); paragraphs of
    /// fewer than [`MIN_WORDS`] words are left out (furniture).
    pub fn of<'a>(folded_paragraphs: impl Iterator<Item = &'a str>) -> Shingles {
        let mut out = Shingles::default();
        let mut words = Vec::new();
        for p in folded_paragraphs {
            words.clear();
            words.extend(p.split(' ').filter(|w| !w.is_empty()).map(word_hash));
            out.push_paragraph(&words);
        }
        out
    }

    /// Adds a paragraph given by its words' hashes ([`word_hash`]); left
    /// out when it has fewer than [`MIN_WORDS`] words.
    pub fn push_paragraph(&mut self, words: &[u64]) {
        if words.len() >= MIN_WORDS {
            self.starts.push(self.seq.len());
            self.seq.extend(words.windows(SHINGLE).map(shingle_hash));
        }
    }

    fn paragraphs(&self) -> impl Iterator<Item = &[u64]> {
        let ends = self.starts.iter().skip(1).copied().chain(std::iter::once(self.seq.len()));
        self.starts.iter().zip(ends).map(|(&a, b)| &self.seq[a..b])
    }
}

/// How a copy compares with another text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Side {
    /// Share of its distinct shingles found in the other text.
    pub contained: f32,
    /// Longest run of its shingles missing from the other text.
    pub missing_run: usize,
    /// Whether a paragraph of it is mostly missing from the other text.
    pub own_paragraph: bool,
}

impl Side {
    /// Whether this copy has nothing the other text lacks (see the module docs).
    pub fn redundant(&self) -> bool {
        self.contained >= CONTAINMENT && self.missing_run <= MAX_RUN && !self.own_paragraph
    }

    /// Containment as a percentage.
    pub fn percent(&self) -> u8 {
        (self.contained * 100.0).round().clamp(0.0, 100.0) as u8
    }

    /// The side of a text identical to the other.
    pub fn same() -> Side {
        Side { contained: 1.0, missing_run: 0, own_paragraph: false }
    }
}

/// How text `a` (with its sorted set `sa`) compares with the sorted set `sb`
/// of the other text, which shares `n` shingles with it.
fn side(a: &Shingles, sa: &[u64], sb: &[u64], n: usize) -> Side {
    let missing = |h: &u64| sb.binary_search(h).is_err();
    let (mut run, mut missing_run) = (0, 0);
    for h in &a.seq {
        if missing(h) {
            run += 1;
            missing_run = missing_run.max(run);
        } else {
            run = 0;
        }
    }
    let own_paragraph = a.paragraphs().any(|p| {
        let m = p.iter().filter(|h| missing(h)).count();
        m >= MIN_OWN && m * 2 >= p.len()
    });
    Side { contained: if sa.is_empty() { 0.0 } else { n as f32 / sa.len() as f32 }, missing_run, own_paragraph }
}

/// What to do with a new text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Verdict {
    /// No kept text is close to it.
    New,
    /// It is a copy of the kept text `kept`: merge it there.
    MergeNew {
        /// Insertion number of the kept text.
        kept: usize,
        /// How the new text compares with it.
        new: Side,
    },
    /// The kept text `kept` is a copy of it (it is the fuller version):
    /// it replaces the kept one, which is merged into it.
    ReplaceKept {
        /// Insertion number of the kept text.
        kept: usize,
        /// How the kept text compares with the new one.
        old: Side,
    },
    /// Most of one is in the other, but each has content of its own: both
    /// are kept.
    Distinct {
        /// Insertion number of the kept text.
        kept: usize,
        /// How the new text compares with it.
        new: Side,
        /// How it compares with the new text.
        old: Side,
    },
}

/// A text ready for comparison: its shingles, their sorted set and its
/// sample (computed once per text).
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    text: Shingles,
    set: Vec<u64>,
    sample: Vec<u64>,
}

impl Prepared {
    /// Prepares the shingles of a text.
    pub fn new(text: Shingles) -> Prepared {
        let set = sorted_set(&text.seq);
        let sample: Vec<u64> = set.iter().copied().filter(|h| h % 4 == 0).collect();
        Prepared { text, set, sample }
    }
}

/// Whether `shared` sampled shingles, of a smaller sample of `smaller`,
/// may come from a text mostly (CONTAINMENT) in the other. The sample
/// draws each distinct shingle with probability 1/4, so the shared share
/// of a text that is 80% in the other is about 0.8 give or take
/// `sqrt(0.16 / smaller)`: the bound is four of those below 0.8, and never
/// above 0.4 of the sample (small samples are noisy). A copy that shares
/// half of its text with the other (a wire lead and a different story) is
/// no longer compared exactly with it: at a million generated articles
/// (each sharing half its text with hundreds of others), those comparisons
/// and the sorting of all candidates took most of ingest.
fn enough_shared(shared: usize, smaller: usize) -> bool {
    let s = smaller.max(1) as f32;
    let share = (CONTAINMENT - 4.0 * (CONTAINMENT * (1.0 - CONTAINMENT) / s).sqrt()).max(0.5 * CONTAINMENT);
    shared as f32 >= share * s
}

/// What is kept of a kept text: its sizes. Its shingles are not kept (at
/// 100,000 articles they and a list per sampled hash were most of
/// ingest's memory); the caller computes them again from the kept
/// article when a new text is compared with it exactly, which is rare.
#[derive(Debug, Default, Clone, Copy)]
struct Kept {
    distinct: u32,
    sample: u32,
}

impl Kept {
    fn new(p: &Prepared) -> Kept {
        let n = |len: usize| u32::try_from(len).unwrap_or(u32::MAX);
        Kept { distinct: n(p.set.len()), sample: n(p.sample.len()) }
    }
}

/// The kept texts of each sampled shingle hash. Most shingles are in one
/// text only, so a hash's only text is stored in the table itself. A hash
/// of several texts has instead a small node of up to three texts, which
/// most shared hashes need alone, then, for more, a chain of cache-line
/// nodes of fifteen; nodes live in two arrays shared by all hashes, and
/// `NODE` set in the table's value tells a node from a text.
///
/// The list per hash this replaced (`HashMap<u32, Vec<u32>>` beside the
/// table) cost a table entry of 33 bytes and a heap block of at least 16
/// per shared hash: on a 200 MB JSON Lines file of 30,000 articles that
/// reprint each other, the lists and their table took 60 MB, and ingest's
/// peak fell from 385-396 MB to 378-379 MB with the nodes (at 100,000
/// generated articles, 1,056 MB to 994 MB), in the same time. Chains of
/// small nodes only were smaller still (352-358 MB), but following a long
/// chain from node to node took 13% more of ingest's CPU time at 100,000
/// generated articles, whose wire passages are shared by hundreds of
/// texts; lists copied to a longer place when full left as much room
/// unused as they used.
///
/// A hash is stored as 32 bits ([`Sampled::key`]): the table is most of
/// ingest's memory beyond the articles themselves (at 30,000 articles
/// with 64-bit keys, 1.5 times their text, and twice that while it grows),
/// and it only finds candidates, which are then compared exactly on their
/// 64-bit shingles. Two shingles sharing a key (about one lookup in forty
/// at a million articles) add a hit to an unrelated text, far from the
/// share a candidate needs ([`enough_shared`]).
///
/// Text numbers and node indices are below 2^31 (`NODE`): a text numbered
/// past that (2 billion articles), or one needing a node past it, is not
/// listed, so it is never a candidate and is kept as an article of its
/// own, never lost.
#[derive(Debug, Default)]
struct Sampled {
    /// Per key: its only text, or `NODE |` the index of its small node.
    first: ByKey<u32>,
    /// Small nodes: up to three texts (unused slots are `EMPTY`), then the
    /// index of the first big node or `EMPTY`.
    small: Nodes<4>,
    /// Big nodes: up to fifteen texts, then the next big node or `EMPTY`.
    big: Nodes<16>,
}

/// An array of nodes of `N - 1` texts and a link, with the indices of the
/// freed ones, used again first.
#[derive(Debug, Default)]
struct Nodes<const N: usize> {
    nodes: Vec<[u32; N]>,
    free: Vec<u32>,
}

impl<const N: usize> Nodes<N> {
    /// A new node holding text `k`, then `next`; `None` past 2^31 nodes.
    fn add(&mut self, k: u32, next: u32) -> Option<u32> {
        let mut node = [EMPTY; N];
        node[0] = k;
        node[N - 1] = next;
        if let Some(i) = self.free.pop() {
            if let Some(n) = self.nodes.get_mut(i as usize) {
                *n = node;
                return Some(i);
            }
        }
        let i = u32::try_from(self.nodes.len()).ok().filter(|i| i & NODE == 0)?;
        self.nodes.push(node);
        Some(i)
    }

    /// Puts `k` in the first unused slot of node `at`; false when full.
    fn put(&mut self, at: u32, k: u32) -> bool {
        let slot = self.nodes.get_mut(at as usize).and_then(|n| n[..N - 1].iter_mut().find(|t| **t == EMPTY));
        slot.map(|t| *t = k).is_some()
    }

    /// The texts of node `at` and its link.
    fn get(&self, at: u32) -> Option<(&[u32], u32)> {
        self.nodes.get(at as usize).map(|n| (&n[..N - 1], n[N - 1]))
    }

    /// The link of node `at`, to set.
    fn link_mut(&mut self, at: u32) -> Option<&mut u32> {
        self.nodes.get_mut(at as usize).map(|n| &mut n[N - 1])
    }
}

/// Set in a [`Sampled`] table value that is a node index, not a text.
const NODE: u32 = 1 << 31;
/// An unused text slot of a node, or no next node.
const EMPTY: u32 = u32::MAX;

/// A map keyed by [`Sampled::key`]s.
type ByKey<V> = HashMap<u32, V, std::hash::BuildHasherDefault<Premixed>>;

impl Sampled {
    /// The table's key of a shingle hash: its two halves folded together.
    fn key(h: u64) -> u32 {
        (h ^ (h >> 32)) as u32
    }

    fn push(&mut self, h: u64, k: u32) {
        if k & NODE != 0 {
            return;
        }
        let Sampled { first, small, big } = self;
        match first.entry(Sampled::key(h)) {
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(k);
            }
            std::collections::hash_map::Entry::Occupied(mut e) => {
                let v = *e.get();
                if v & NODE == 0 {
                    if let Some(n) = small.add(v, EMPTY) {
                        small.put(n, k);
                        e.insert(NODE | n);
                    }
                    return;
                }
                let at = v & !NODE;
                if small.put(at, k) {
                    return;
                }
                // Into the first big node, or a new one before it.
                let Some(link) = small.link_mut(at) else {
                    return;
                };
                if *link == EMPTY || !big.put(*link, k) {
                    if let Some(n) = big.add(k, *link) {
                        *link = n;
                    }
                }
            }
        }
    }

    /// The texts with hash `h`, in no particular order.
    fn texts(&self, h: u64) -> impl Iterator<Item = u32> + '_ {
        let (only, head) = match self.first.get(&Sampled::key(h)) {
            Some(&v) if v & NODE != 0 => (None, self.small.get(v & !NODE)),
            v => (v.copied(), None),
        };
        let (texts, mut at) = head.unwrap_or((&[], EMPTY));
        let chain = std::iter::from_fn(move || {
            let (texts, next) = self.big.get(at)?;
            at = next;
            Some(texts)
        });
        let texts = std::iter::once(texts).chain(chain).flatten().copied().filter(|&t| t != EMPTY);
        only.into_iter().chain(texts)
    }

    /// Removes text `k` from hash `h`.
    fn remove(&mut self, h: u64, k: u32) {
        let key = Sampled::key(h);
        let Some(&v) = self.first.get(&key) else {
            return;
        };
        if v & NODE == 0 {
            if v == k {
                self.first.remove(&key);
            }
            return;
        }
        // The hash's nodes are freed and the texts left pushed again.
        let rest: Vec<u32> = self.texts(h).filter(|&t| t != k).collect();
        let at = v & !NODE;
        let mut next = self.small.get(at).map_or(EMPTY, |(_, next)| next);
        self.small.free.push(at);
        while let Some((_, link)) = self.big.get(next) {
            self.big.free.push(next);
            next = link;
        }
        self.first.remove(&key);
        for x in rest {
            self.push(h, x);
        }
    }
}

/// Index of the texts kept so far.
///
/// **Planning on several threads.** [`find`](Self::find) is the adder's
/// one costly step (at 100,000 generated articles 43% of ingest's CPU,
/// on one core: a candidate's shingles are computed again from its
/// article and compared exactly). It reads the table only, so a batch of
/// new texts can be [`plan`](Self::plan)ned at once on every core against
/// the table as it is; the texts are then added one by one, each with
/// [`find_planned`](Self::find_planned), which gives the verdict `find`
/// would give at that point, reusing the plan's comparisons. What the
/// batch's earlier texts changed is known exactly: every kept text carries
/// the generation that last added or replaced it, and since
/// [`begin_batch`](Self::begin_batch) the table also lists the sampled hashes added
/// since then (`recent`), so a text touched after the plan is looked up
/// there and compared again; nothing else the plan saw has changed.
#[derive(Debug, Default)]
pub struct NearDuplicates {
    texts: Vec<Kept>,
    sampled: Sampled,
    /// Bumped by every add and replace.
    generation: u64,
    /// Per kept text: the generation that added or last replaced it.
    touched: Vec<u64>,
    /// The sampled hashes of the texts added or replaced since
    /// [`begin_batch`](Self::begin_batch) (their current samples), within a batch.
    recent: Option<Sampled>,
    /// The generation of the last [`begin_batch`](Self::begin_batch).
    recent_since: u64,
}

/// What [`NearDuplicates::plan`] found for a new text: its candidates
/// in the table as it was and the comparisons made, for
/// [`NearDuplicates::find_planned`].
#[derive(Debug, Clone, Default)]
pub struct Plan {
    generation: u64,
    /// Kept texts sharing enough sampled shingles, most contained first.
    candidates: Vec<(u32, u64)>,
    /// The exact comparisons `find` made, in its order: kept text, how the
    /// new text compares with it, how it compares with the new text.
    compared: Vec<(u32, Side, Side)>,
}

/// Counts, per kept text accepted by `keep`, the sampled hashes of `new`
/// that `table` lists for it.
fn hits_in(
    table: &Sampled,
    new: &Prepared,
    keep: impl Fn(u32) -> bool,
) -> HashMap<u32, u32, std::hash::BuildHasherDefault<Premixed>> {
    let mut hits = HashMap::with_capacity_and_hasher(64, Default::default());
    for h in &new.sample {
        for k in table.texts(*h).filter(|&k| keep(k)) {
            *hits.entry(k).or_default() += 1;
        }
    }
    hits
}

/// Compares `new` exactly with kept text `k` (its shingles `other_text`):
/// how the new text compares with it, and how it compares with the new one.
fn compare(new: &Prepared, other_text: &Shingles) -> (Side, Side) {
    let other_set = sorted_set(&other_text.seq);
    let shared = shared(&new.set, &other_set);
    (side(&new.text, &new.set, &other_set, shared), side(other_text, &other_set, &new.set, shared))
}

/// The verdict from candidates sorted most contained first: the first
/// kept text one of the two is redundant against, among the first
/// [`MAX_COMPARED`]; else the first that is mostly in the other or holds
/// most of it (both kept); else new. `compared(k)` compares with `k`.
fn decide(candidates: &[(u32, u64)], compared: &mut dyn FnMut(u32) -> (Side, Side)) -> Verdict {
    let mut distinct: Option<Verdict> = None;
    // At most MAX_COMPARED exact comparisons.
    for &(k, _) in candidates.iter().take(MAX_COMPARED) {
        let (new_side, old) = compared(k);
        if new_side.redundant() {
            return Verdict::MergeNew { kept: k as usize, new: new_side };
        }
        if old.redundant() {
            return Verdict::ReplaceKept { kept: k as usize, old };
        }
        if distinct.is_none() && (new_side.contained >= CONTAINMENT || old.contained >= CONTAINMENT) {
            distinct = Some(Verdict::Distinct { kept: k as usize, new: new_side, old });
        }
    }
    distinct.unwrap_or(Verdict::New)
}

/// Most contained first (the shared share of the smaller sample, not the
/// shared count, which put long texts sharing half first and used up
/// MAX_COMPARED on them), then oldest: deterministic.
fn sort_candidates(candidates: &mut [(u32, u64)]) {
    candidates.sort_unstable_by_key(|&(k, share)| (std::cmp::Reverse(share), k));
}

impl NearDuplicates {
    /// Compares a new text with the kept texts that share enough shingles
    /// with it, and says what to do with it. `kept_text(k)` gives the
    /// shingles of kept text `k` (as [`Shingles::of`] made them when it was
    /// added or last replaced).
    pub fn find(&self, new: &Prepared, kept_text: &mut dyn FnMut(usize) -> Shingles) -> Verdict {
        if new.set.len() < MIN_SHINGLES {
            return Verdict::New;
        }
        let candidates = self.candidates(new, hits_in(&self.sampled, new, |_| true));
        decide(&candidates, &mut |k| compare(new, &kept_text(k as usize)))
    }

    /// The kept texts among `hits` (text, shared sampled hashes) that pass
    /// the sample filter, sorted (see [`sort_candidates`]).
    fn candidates(&self, new: &Prepared, hits: impl IntoIterator<Item = (u32, u32)>) -> Vec<(u32, u64)> {
        // Cheap filter on the sample before the exact comparison: one of the
        // two must be mostly in the other, so the shared sample must be near
        // CONTAINMENT of the smaller sample (see `enough_shared`).
        let mut candidates: Vec<(u32, u64)> = hits
            .into_iter()
            .filter_map(|(k, n)| {
                let other = self.texts.get(k as usize)?;
                let smaller = new.sample.len().min(other.sample as usize).max(1);
                (other.distinct as usize >= MIN_SHINGLES && enough_shared(n as usize, smaller))
                    .then(|| (k, (u64::from(n) << 20) / smaller as u64))
            })
            .collect();
        sort_candidates(&mut candidates);
        candidates
    }

    /// What [`find`](Self::find) does now, kept for
    /// [`find_planned`](Self::find_planned): reads the table only, so a
    /// batch of texts can be planned on several threads at once.
    pub fn plan(&self, new: &Prepared, kept_text: &mut dyn FnMut(usize) -> Shingles) -> Plan {
        let mut plan = Plan { generation: self.generation, ..Plan::default() };
        if new.set.len() < MIN_SHINGLES {
            return plan;
        }
        plan.candidates = self.candidates(new, hits_in(&self.sampled, new, |_| true));
        let compared = &mut plan.compared;
        decide(&plan.candidates, &mut |k| {
            let (a, b) = compare(new, &kept_text(k as usize));
            compared.push((k, a, b));
            (a, b)
        });
        plan
    }

    /// The verdict [`find`](Self::find) gives now, from a [`plan`](Self::plan)
    /// made since the last [`begin_batch`](Self::begin_batch): the kept texts added or
    /// replaced since the plan are looked up and compared again, the plan's
    /// other candidates and comparisons are used as they are (they have not
    /// changed). A plan made before the batch began, or used after it
    /// ended, is not used: the verdict is `find`'s.
    pub fn find_planned(&self, new: &Prepared, plan: &Plan, kept_text: &mut dyn FnMut(usize) -> Shingles) -> Verdict {
        let recent = match &self.recent {
            Some(recent) if plan.generation >= self.recent_since => recent,
            _ => return self.find(new, kept_text),
        };
        if new.set.len() < MIN_SHINGLES {
            return Verdict::New;
        }
        let stale = |k: u32| self.touched.get(k as usize).is_none_or(|&g| g > plan.generation);
        let mut candidates = self.candidates(new, hits_in(recent, new, stale));
        candidates.extend(plan.candidates.iter().filter(|&&(k, _)| !stale(k)));
        sort_candidates(&mut candidates);
        decide(&candidates, &mut |k| match plan.compared.iter().find(|c| c.0 == k).filter(|_| !stale(k)) {
            Some(&(_, a, b)) => (a, b),
            None => compare(new, &kept_text(k as usize)),
        })
    }

    /// Starts a batch: from now on the table lists what is added or
    /// replaced (for [`find_planned`](Self::find_planned)), and forgets
    /// what the previous batch added.
    pub fn begin_batch(&mut self) {
        self.recent = Some(Sampled::default());
        self.recent_since = self.generation;
    }

    /// Ends a batch: the table stops listing what is added (plans are no
    /// longer used).
    pub fn end_batch(&mut self) {
        self.recent = None;
    }

    /// Marks kept text `k` as changed now.
    fn touch(&mut self, k: usize) {
        self.generation += 1;
        if let Some(t) = self.touched.get_mut(k) {
            *t = self.generation;
        } else {
            self.touched.push(self.generation);
        }
    }

    /// Adds a kept text; returns its insertion number.
    pub fn add(&mut self, text: &Prepared) -> usize {
        let k = self.texts.len();
        for &h in &text.sample {
            self.sampled.push(h, k as u32);
            if let Some(recent) = &mut self.recent {
                recent.push(h, k as u32);
            }
        }
        self.texts.push(Kept::new(text));
        self.touch(k);
        k
    }

    /// Replaces kept text `k`, whose shingles were `old`, with `text` (see
    /// [`Verdict::ReplaceKept`]).
    pub fn replace(&mut self, k: usize, old: Shingles, text: &Prepared) {
        let Some(kept) = self.texts.get_mut(k) else {
            return;
        };
        *kept = Kept::new(text);
        for h in Prepared::new(old).sample {
            self.sampled.remove(h, k as u32);
            if let Some(recent) = &mut self.recent {
                recent.remove(h, k as u32);
            }
        }
        for &h in &text.sample {
            self.sampled.push(h, k as u32);
            if let Some(recent) = &mut self.recent {
                recent.push(h, k as u32);
            }
        }
        self.touch(k);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "russian president vladimir putin on monday hosted the leaders of armenia and azerbaijan at the kremlin in moscow for discussions on the implementation of the karabakh settlement envisaged in the 10 november trilateral statement which ended fighting in the second karabakh war the meeting lasted four hours after which a joint statement was signed";
    const OTHER: &str = "the german government holds russia responsible for a cyberattack on german air traffic control and for targeted disinformation campaigns before the last federal election the foreign ministry summoned the russian ambassador on friday and said the attacks were carried out by a unit of the military intelligence service known as fancy bear";
    const FURNITURE: &str = "editors choice germany accuses russia of cyberattacks and disinformation campaign nato chief says war is on europes doorstep and warns against complacency popular stories this week sign up for our newsletter and follow us on social media for the latest news from the caucasus and the black sea region every day";

    /// A text of paragraphs separated by `\n`.
    fn prep(text: &str) -> Prepared {
        Prepared::new(Shingles::of(text.split('\n')))
    }

    fn verdict(kept: &[&str], new: &str) -> Verdict {
        let mut nd = NearDuplicates::default();
        for k in kept {
            nd.add(&prep(k));
        }
        nd.find(&prep(new), &mut |k| Shingles::of(kept[k].split('\n')))
    }

    #[test]
    fn copies_that_must_merge() {
        // The same text.
        assert!(matches!(verdict(&[STORY], STORY), Verdict::MergeNew { kept: 0, .. }));
        // A credit added at the end.
        let credited = format!("{STORY} this article first appeared elsewhere");
        assert!(matches!(verdict(&[STORY], &credited), Verdict::MergeNew { .. }));
        // A trimmed ending.
        let trimmed: String = STORY.split(' ').take(35).collect::<Vec<_>>().join(" ");
        assert!(matches!(verdict(&[STORY], &trimmed), Verdict::MergeNew { .. }));
        // A word changed here and there by the reprinting editor.
        let edited = STORY.replace("monday", "tuesday").replace("four hours", "three hours");
        match verdict(&[STORY], &edited) {
            Verdict::MergeNew { new, .. } => assert!(new.percent() < 100 && new.percent() >= 80, "{new:?}"),
            v => panic!("{v:?}"),
        }
        // The fuller version arriving second replaces the trimmed one.
        assert!(matches!(verdict(&[&trimmed], STORY), Verdict::ReplaceKept { kept: 0, .. }));
    }

    /// With more candidates than [`MAX_COMPARED`], the copy that holds all
    /// of the new text is still found: candidates sharing the most come
    /// first, whatever their age.
    #[test]
    fn the_fullest_copy_is_found_among_many_partial_ones() {
        let own = |i: usize| (0..60).map(|w| format!("w{i}x{w}")).collect::<Vec<_>>().join(" ");
        let partials: Vec<String> = (0..3 * MAX_COMPARED).map(|i| format!("{STORY}\n{}", own(i))).collect();
        let full = format!("{STORY}\n{OTHER}\n{}", own(999));
        let mut kept: Vec<&str> = partials.iter().map(String::as_str).collect();
        kept.push(&full);
        let new = format!("{STORY}\n{OTHER}");
        match verdict(&kept, &new) {
            Verdict::MergeNew { kept: k, .. } => assert_eq!(k, partials.len(), "merged into the full copy"),
            v => panic!("{v:?}"),
        }
    }

    #[test]
    fn different_articles_that_must_not_merge() {
        // Regression: two different articles sharing most of their page
        // furniture were merged and the second one's text was lost.
        let a = format!("{FURNITURE} {STORY} {FURNITURE}");
        let b = format!("{FURNITURE} {OTHER} {FURNITURE}");
        assert!(!matches!(verdict(&[&a], &b), Verdict::MergeNew { .. } | Verdict::ReplaceKept { .. }));
        // The same long quote in two stories.
        let quote = "i consider today's meeting extremely important and useful since we were able to come to an agreement and signed a joint statement on the development of the situation in the region";
        let a = format!("{STORY} {quote}");
        let b = format!("{OTHER} {quote}");
        assert_eq!(verdict(&[&a], &b), Verdict::New);
        // The same wire lead with different bodies.
        let lead = "moscow jan 11 the leaders of russia azerbaijan and armenia met in the kremlin on monday for the first time since the war";
        let a = format!("{lead} {STORY}");
        let b = format!("{lead} {OTHER}");
        assert_eq!(verdict(&[&a], &b), Verdict::New);
        // The story is never merged into its brief (the lead alone): the
        // story's body would be lost. (The brief, which has nothing of its
        // own, is merged into the story.)
        let brief = STORY.split(' ').take(30).collect::<Vec<_>>().join(" ");
        let full = format!("{STORY} {OTHER}");
        assert!(matches!(verdict(&[&brief], &full), Verdict::ReplaceKept { .. }));
        assert!(matches!(verdict(&[&full], &brief), Verdict::MergeNew { .. }));
        // A copy with a passage of its own is kept, and reported; one
        // without is replaced by the fuller copy.
        let base = format!("{STORY} {OTHER}");
        let words = |from: usize| FURNITURE.split(' ').skip(from).take(15).collect::<Vec<_>>().join(" ");
        let extended = format!("{base} {}", words(0));
        let trimmed: String = base.split(' ').skip(8).collect::<Vec<_>>().join(" ");
        assert!(matches!(verdict(&[&trimmed], &extended), Verdict::ReplaceKept { .. }));
        let own_start = format!("{} {base}", words(20));
        match verdict(&[&own_start], &extended) {
            Verdict::Distinct { new, old, .. } => assert!(new.missing_run > MAX_RUN && old.missing_run > MAX_RUN),
            v => panic!("{v:?}"),
        }
        assert_eq!(verdict(&[STORY], "too short to judge"), Verdict::New);
    }

    #[test]
    fn replaced_texts_are_found_under_their_new_shingles() {
        let mut nd = NearDuplicates::default();
        let k = nd.add(&prep(OTHER));
        nd.replace(k, Shingles::of(OTHER.split('\n')), &prep(STORY));
        let mut now = |_| Shingles::of(STORY.split('\n'));
        assert!(matches!(nd.find(&prep(STORY), &mut now), Verdict::MergeNew { kept: 0, .. }));
        assert_eq!(nd.find(&prep(OTHER), &mut now), Verdict::New);
    }

    /// The sample filter lets through a text 80% in the other however its
    /// sample falls (four standard deviations), and not one half in it.
    #[test]
    fn the_sample_filter_keeps_mostly_contained_texts_only() {
        for smaller in [1, 3, 10, 50, 200, 2000] {
            let at = |share: f32| (share * smaller as f32).round() as usize;
            assert!(enough_shared(smaller, smaller), "{smaller}");
            assert!(enough_shared(at(0.8), smaller), "80% of {smaller}");
            assert!(!enough_shared(at(0.3), smaller) || smaller < 4, "30% of {smaller}");
        }
        assert!(!enough_shared(100, 200), "half of a large sample");
        assert!(enough_shared(4, 10), "small samples keep the 0.4 floor");
        // Simulated: texts 80% in the other, shingles sampled 1 in 4.
        let mut x = 11u64;
        let mut rand = || {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            x >> 33
        };
        for distinct in [48, 100, 400, 1600] {
            for _ in 0..200 {
                let (mut sample, mut shared) = (0, 0);
                for i in 0..distinct {
                    if rand() % 4 == 0 {
                        sample += 1;
                        shared += usize::from(i * 5 < distinct * 4);
                    }
                }
                assert!(enough_shared(shared, sample), "{shared} of {sample} ({distinct} shingles)");
            }
        }
    }

    /// The compact table gives each hash's texts, through pushes and
    /// removals, as a list per hash would (in another order), and a node
    /// is never lost: each is in one chain or free.
    #[test]
    fn sampled_texts_are_a_list_per_hash() {
        let mut sampled = Sampled::default();
        let mut oracle: HashMap<u64, Vec<u32>> = HashMap::new();
        let sorted = |mut v: Vec<u32>| {
            v.sort_unstable();
            v
        };
        let mut x = 7u64;
        for step in 0..20_000u32 {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let h = (x >> 33) % 40;
            let k = ((x >> 20) % 9) as u32;
            if step % 3 == 0 {
                sampled.remove(h, k);
                oracle.entry(h).or_default().retain(|&y| y != k);
            } else {
                sampled.push(h, k);
                oracle.entry(h).or_default().push(k);
            }
            let got = sorted(sampled.texts(h).collect());
            assert_eq!(got, sorted(oracle[&h].clone()), "hash {h} after step {step}");
        }
        let (mut small, mut big) = (0, 0);
        for (h, want) in &oracle {
            assert_eq!(sorted(sampled.texts(*h).collect()), sorted(want.clone()));
            let value = sampled.first.get(&Sampled::key(*h)).copied();
            assert_eq!(value.is_some_and(|v| v & NODE != 0), want.len() > 1, "nodes only for a shared hash");
            let Some(v) = value.filter(|v| v & NODE != 0) else { continue };
            small += 1;
            let mut at = sampled.small.get(v & !NODE).map_or(EMPTY, |(_, next)| next);
            while let Some((_, next)) = sampled.big.get(at) {
                big += 1;
                at = next;
            }
        }
        assert!(big > 0, "long lists reach the big nodes");
        assert_eq!(small + sampled.small.free.len(), sampled.small.nodes.len());
        assert_eq!(big + sampled.big.free.len(), sampled.big.nodes.len());
    }

    /// One step of a deduplicating adder over `texts`, kept as text
    /// strings: what `verdict` says is done to the table.
    fn apply(nd: &mut NearDuplicates, kept: &mut Vec<String>, text: &str, verdict: Verdict) {
        match verdict {
            Verdict::New | Verdict::Distinct { .. } => {
                nd.add(&prep(text));
                kept.push(text.to_string());
            }
            Verdict::ReplaceKept { kept: k, .. } => {
                nd.replace(k, Shingles::of(kept[k].split('\n')), &prep(text));
                kept[k] = text.to_string();
            }
            Verdict::MergeNew { .. } => {}
        }
    }

    /// Texts made of a few stories: copies, trimmed and extended copies,
    /// edited words, stories joined, so that the adder merges, replaces
    /// and keeps.
    fn variants() -> impl proptest::strategy::Strategy<Value = Vec<String>> {
        use proptest::prelude::*;
        let story = |s: usize| -> Vec<String> {
            (0..3).map(|p| (0..20).map(|w| format!("s{s}p{p}w{w}")).collect::<Vec<_>>().join(" ")).collect()
        };
        proptest::collection::vec((0..4usize, 0..4usize, 0..3usize, 0..20usize, 0..5usize), 1..40).prop_map(
            move |specs| {
                specs
                    .into_iter()
                    .map(|(s, other, keep, edit_at, how)| {
                        let mut paragraphs = story(s);
                        match how {
                            0 => paragraphs.truncate(keep + 1),
                            1 => paragraphs.extend(story(other)),
                            2 => paragraphs[keep] = paragraphs[keep].replacen(&format!("w{edit_at} "), "changed ", 1),
                            3 => paragraphs
                                .push(format!("own words of this copy number {edit_at} {keep} {other} {s} here")),
                            _ => {}
                        }
                        paragraphs.join("\n")
                    })
                    .collect()
            },
        )
    }

    proptest::proptest! {
        /// Planning a batch at once and adding its texts with
        /// `find_planned` gives the verdicts `find` gives adding them one
        /// by one (the oracle), whatever the batch sizes, and also when a
        /// new batch begins or the batch ends between a plan and its use
        /// (the plan is then not used).
        #[test]
        fn planned_batches_give_the_verdicts_of_one_by_one(
            texts in variants(),
            batch in 1..9usize,
            rebegin in proptest::option::of(0..8usize),
            end in proptest::option::of(0..8usize),
        ) {
            let (mut nd, mut kept) = (NearDuplicates::default(), Vec::<String>::new());
            let mut want = Vec::new();
            for t in &texts {
                let v = nd.find(&prep(t), &mut |k| Shingles::of(kept[k].split('\n')));
                apply(&mut nd, &mut kept, t, v);
                want.push(v);
            }
            let (mut nd, mut kept) = (NearDuplicates::default(), Vec::<String>::new());
            let mut got = Vec::new();
            for chunk in texts.chunks(batch) {
                nd.begin_batch();
                let plans: Vec<Plan> =
                    chunk.iter().map(|t| nd.plan(&prep(t), &mut |k| Shingles::of(kept[k].split('\n')))).collect();
                for (i, (t, plan)) in chunk.iter().zip(&plans).enumerate() {
                    if rebegin == Some(i) {
                        nd.begin_batch();
                    }
                    if end == Some(i) {
                        nd.end_batch();
                    }
                    let v = nd.find_planned(&prep(t), plan, &mut |k| Shingles::of(kept[k].split('\n')));
                    apply(&mut nd, &mut kept, t, v);
                    got.push(v);
                }
            }
            proptest::prop_assert_eq!(got, want);
        }
    }

    /// A plan reuses its comparisons: a text whose candidates nothing
    /// changed is not compared again, one whose candidate was replaced
    /// since the plan is.
    #[test]
    fn a_plan_is_compared_again_only_where_the_table_changed() {
        let full = format!("{STORY}\n{OTHER}");
        let mut nd = NearDuplicates::default();
        nd.add(&prep(STORY));
        nd.begin_batch();
        let plan = nd.plan(&prep(STORY), &mut |_| Shingles::of(STORY.split('\n')));
        let mut compared = 0;
        let v = nd.find_planned(&prep(STORY), &plan, &mut |_| {
            compared += 1;
            Shingles::of(STORY.split('\n'))
        });
        assert_eq!((v, compared), (Verdict::MergeNew { kept: 0, new: Side::same() }, 0));
        nd.replace(0, Shingles::of(STORY.split('\n')), &prep(&full));
        let v = nd.find_planned(&prep(STORY), &plan, &mut |_| {
            compared += 1;
            Shingles::of(full.split('\n'))
        });
        assert!(matches!(v, Verdict::MergeNew { kept: 0, .. }), "{v:?}");
        assert_eq!(compared, 1, "the replaced text is compared again");
    }

    #[test]
    fn short_lines_are_left_out_of_the_comparison() {
        let s = Shingles::of(["related", "a b c d e f", "share this"].into_iter());
        assert_eq!((s.seq.len(), s.starts.as_slice()), (2, &[0][..]));
    }

    #[test]
    fn a_short_paragraph_of_its_own_between_shared_furniture_is_content() {
        // Regression: one line of article between two blocks of the same
        // furniture was merged into another page with that furniture.
        let page = |line: &str| format!("{FURNITURE}\n{line}\n{FURNITURE}");
        let a = page("the president spoke in moscow on monday");
        let b = page("floods closed the harbour road for a week");
        assert!(matches!(verdict(&[&a], &b), Verdict::New | Verdict::Distinct { .. }), "{:?}", verdict(&[&a], &b));
        // A word changed in a paragraph is an edit, not content of its own.
        let story = format!("{STORY}\n{OTHER}");
        let edited = format!("{}\n{OTHER}", STORY.replace("monday", "tuesday"));
        assert!(matches!(verdict(&[&story], &edited), Verdict::MergeNew { .. }));
    }
}
