//! Near-duplicate detection for syndicated copies.
//!
//! Each article's text (lead and body, folded) is cut into overlapping
//! 5-word shingles, hashed with FNV-1a (deterministic across runs). Two
//! articles are near-duplicates when the smaller one's shingles are at
//! least [`CONTAINMENT`] contained in the larger one's: a wire story
//! reprinted with a different headline, an added paragraph or a trimmed
//! ending still matches, while two stories quoting the same statement do
//! not. Candidates are found through an inverted index over a 1-in-4
//! sample of shingle hashes, so the cost grows with the number of shared
//! shingles, not with the square of the corpus.

use std::collections::HashMap;

/// Shingle length in words.
pub const SHINGLE: usize = 5;
/// Containment threshold (shared shingles / shingles of the smaller text).
pub const CONTAINMENT: f32 = 0.8;
/// Texts with fewer shingles than this are only deduplicated exactly.
pub const MIN_SHINGLES: usize = 12;

fn fnv1a(words: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for w in words {
        for b in w.bytes().chain(std::iter::once(b' ')) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// Sorted, deduplicated shingle hashes of a folded text.
pub fn shingles(folded: &str) -> Vec<u64> {
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let mut out: Vec<u64> = words.windows(SHINGLE).map(fnv1a).collect();
    out.sort_unstable();
    out.dedup();
    out
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

/// Index of the texts kept so far.
///
/// Memory: most sampled shingles belong to one kept text only, so the
/// inverted index keeps the first text of each shingle inline (`first`) and
/// a list only for shingles shared by several texts (`more`); a map of
/// vectors, one allocation per shingle, took about 2.8 times the corpus
/// text on a 200 MB corpus. Shingle sets are stored without spare capacity.
#[derive(Debug, Default)]
pub struct NearDuplicates {
    sets: Vec<Box<[u64]>>,
    first: HashMap<u64, u32>,
    more: HashMap<u64, Vec<u32>>,
}

impl NearDuplicates {
    /// The kept text (by insertion number) that `sh` nearly duplicates, with
    /// the containment ratio.
    pub fn find(&self, sh: &[u64]) -> Option<(usize, f32)> {
        if sh.len() < MIN_SHINGLES {
            return None;
        }
        let mut hits: HashMap<u32, usize> = HashMap::new();
        for h in sh.iter().filter(|h| *h % 4 == 0) {
            let more = self.more.get(h).map(Vec::as_slice).unwrap_or(&[]);
            for &k in self.first.get(h).into_iter().chain(more) {
                *hits.entry(k).or_default() += 1;
            }
        }
        let sample = sh.iter().filter(|h| *h % 4 == 0).count().max(1);
        let mut best: Option<(usize, f32)> = None;
        for (k, n) in hits {
            // Cheap filter on the sample before the exact count.
            if (n as f32) < 0.5 * CONTAINMENT * sample.min(self.sets[k as usize].len() / 4).max(1) as f32 {
                continue;
            }
            let other = &self.sets[k as usize];
            let smaller = sh.len().min(other.len());
            if smaller < MIN_SHINGLES {
                continue;
            }
            let ratio = shared(sh, other) as f32 / smaller as f32;
            // Ties go to the text kept first, whatever the map's order.
            if ratio >= CONTAINMENT && best.is_none_or(|b| ratio > b.1 || (ratio == b.1 && (k as usize) < b.0)) {
                best = Some((k as usize, ratio));
            }
        }
        best
    }

    /// Adds a kept text; returns its insertion number.
    pub fn add(&mut self, sh: Vec<u64>) -> usize {
        let k = self.sets.len();
        for h in sh.iter().filter(|h| *h % 4 == 0) {
            match self.first.entry(*h) {
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(k as u32);
                }
                std::collections::hash_map::Entry::Occupied(_) => self.more.entry(*h).or_default().push(k as u32),
            }
        }
        self.sets.push(sh.into_boxed_slice());
        k
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "russian president vladimir putin on monday hosted the leaders of armenia and azerbaijan at the kremlin in moscow for discussions on the implementation of the karabakh settlement envisaged in the 10 november trilateral statement which ended fighting in the second karabakh war the meeting lasted four hours after which a joint statement was signed";

    #[test]
    fn syndicated_copy_with_edits_is_found() {
        let mut nd = NearDuplicates::default();
        nd.add(shingles(STORY));
        let copy = format!("{STORY} this article first appeared elsewhere");
        assert!(nd.find(&shingles(&copy)).is_some());
        let trimmed: String = STORY.split(' ').take(50).collect::<Vec<_>>().join(" ");
        assert!(nd.find(&shingles(&trimmed)).is_some());
    }

    #[test]
    fn ties_go_to_the_text_kept_first() {
        let mut nd = NearDuplicates::default();
        for _ in 0..5 {
            nd.add(shingles(STORY));
        }
        for _ in 0..20 {
            assert_eq!(nd.find(&shingles(STORY)), Some((0, 1.0)));
        }
        // A text shares sampled shingles with the first and a later text.
        let mut nd = NearDuplicates::default();
        nd.add(shingles("one two three four five six seven eight nine ten eleven twelve thirteen fourteen"));
        nd.add(shingles(STORY));
        nd.add(shingles(STORY));
        assert_eq!(nd.find(&shingles(STORY)).map(|f| f.0), Some(1));
    }

    #[test]
    fn different_story_is_not_a_duplicate() {
        let mut nd = NearDuplicates::default();
        nd.add(shingles(STORY));
        let other = "president putin met the armenian prime minister in moscow on tuesday to discuss the situation in nagorno karabakh and the upcoming summit of the commonwealth of independent states";
        assert!(nd.find(&shingles(other)).is_none());
        assert!(nd.find(&shingles("too short to judge")).is_none());
    }
}
