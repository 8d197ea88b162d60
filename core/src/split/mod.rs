//! The split layout: a corpus as many small static files, fetched only as
//! a query needs them.
//!
//! The embedded layout ([`crate::bundle`]) puts the whole corpus inside the
//! wasm; fine for a few thousand articles, hopeless for a research corpus
//! (40,000 articles made a 185 MB download). The split layout keeps in the
//! wasm only a small [`Manifest`] and writes everything else as
//! content-named, immutable files under `dist/data/`, read with plain GET
//! requests (no range requests, no server logic, relative URLs), so any
//! static host or CDN serves it and browsers cache it forever.
//!
//! ## What a search needs, and when it is fetched
//!
//! | file (`data/…`)        | holds                                              | fetched |
//! |------------------------|----------------------------------------------------|---------|
//! | `columns-<h>.bin`      | per article: outlet, source, language, day, title and text length; articles per fragment | at start (the page preloads it beside the wasm) |
//! | `events-<h>.bin`       | per article: the days it mentions, with counts      | at start (after the first results) |
//! | `authors-<h>.bin`      | per article: the author's words                     | on the first `author:` query |
//! | `dict-<h>.bin` × n      | the term dictionary, sorted, in chunks; the manifest has each chunk's first term | for the terms a query looks up |
//! | `typos-<h>.bin` × n     | the dictionary's entries again, of the terms of 4 characters or more, by first character, length and term ([`typo_key`]) | for each word with typo variants |
//! | `stems-<h>.bin` × n     | variant group key → its dictionary terms, sorted by key ([`crate::index`]'s variant groups: stems by language, names across scripts) | for each word of a query |
//! | `p-<tag>-<k>.bin`      | posting lists, documents part (doc, tf in text, tf in title), in term order; a tiered list's head ([`tiers`], off by default) | for the variants a query ranks |
//! | `t-<tag>-<k>.bin`      | the tails of tiered lists: the body frequencies left out of their heads, in term order (none by default) | when the first rows ranked are not proven without them, or a phrase reads the word's positions |
//! | `q-<tag>-<k>.bin`      | posting lists, positions part, in term order       | for phrases of words that are not common |
//! | `pairs-<tag>-<k>.bin`  | pair blocks: pairs of words side by side, one of them common (`crate::index::pair_lists`), each with its lists | for phrases with a common word |
//! | `f-<tag>-<k>.bin`      | whole articles (metadata and text), two per file, newest first | for the rows, reader and exports shown; kept in a bounded cache (`articles.rs`) |
//! | `ids-<h>.bin` × n       | article ids in corpus order                         | to open a shared link (`open=<id>`) |
//! | `a-<tag>-<i>.bin`      | the stored answer of the `i`-th common word being typed ([`AnswerFiles`]): its matches as a set, its best hits with their scores | instead of the lists, for that word typed alone |
//! | `d-<tag>-<i>.bin`      | the `i`-th answer's deeper hits ([`Deeper`]): the next few thousand, with their scores | with the answer, for that word typed alone under filters that keep little of the corpus |
//!
//! Outlet counts, the timeline and the events lane are computed over **all**
//! matches from the columns, exactly as in the embedded layout. The search
//! itself is the embedded search run over an [`crate::index::Index`] that
//! holds only the dictionary entries and postings fetched so far:
//! [`SplitStore::missing`] says which files a query still needs (the
//! dictionary range of each word, its stem group, every completion of a
//! prefix, every term a typo could reach, the postings of the variants that
//! will be ranked), and once they are loaded [`SplitStore::index`] gives an
//! index on which the query has exactly the answers it has on the whole
//! index: same hits, same order, same counts (a property test checks it).
//!
//! ## Stored answers of common words being typed
//! The app searches as the user types, and a word being typed reads the
//! lists of all its variants (stems, other scripts, completions, typos):
//! for a common word, most of a cold query's bytes, although all the app
//! shows of them is which articles match and the first rows. The writer
//! therefore stores, for each word typed alone whose query reads lists of
//! [`WriteOptions::answer_min_bytes`] or more, the search's outcome on the
//! whole index: the set of matches and the best
//! [`WriteOptions::answer_top`] hits with their exact scores (`answers`
//! module; which requests one answers, and when it serves them exactly, is
//! in [`crate::search::Stored`]'s module). [`SplitStore::need`] asks for
//! that one file instead of the dictionary and the lists, and
//! [`SplitStore::search`] answers from it: counts, timeline and events
//! lane from the set, the first rows from the best hits, filtered. When it
//! cannot (a filter keeps fewer of the best than the rows asked for, or a
//! list is ranked past them) the lists are fetched as without answers; a
//! filtered request fetches the answer first only when its filters keep
//! enough of the corpus for it to serve as a rule (`read/answer.rs`).
//!
//! ## Phrases with a common word
//! A phrase is matched on its words' positions, and a common word's
//! positions are its longest list (`trump`: 486 KB at 40k articles). So the
//! writer also stores, for the words whose positions take at least
//! [`WriteOptions::pair_positions_bytes`] (and those as frequent), the
//! lists of every pair of adjacent words one of which is common, in
//! blocks of their own ([`PairFiles`]), so that a word's prefix or typo
//! scan never reads them. A block is a dictionary chunk whose entries hold
//! their lists inline; the manifest has each block's first key, so a
//! phrase with a common word fetches its pairs' blocks in the query's
//! first round ([`crate::index::Index::phrase_plan`]) and never that
//! word's positions: same answers (the property test runs with and without
//! pairs). At 40k articles the phrases' bytes per cold query at p95 fell
//! from 797 to about 150 KB, for about 95 MB more on the host
//! (`bench_split --pair-bytes`, `--pair-block`). Version 5 kept the pairs'
//! lists in files of their own, found from the pair's dictionary entry:
//! one more round for every such phrase.
//!
//! ## Frequent words in tiers (off by default)
//! A common word's documents part is mostly body term frequencies, which
//! the counts, the timeline and the events lane never read, and which the
//! first rows need only for the documents that can rank there. With
//! [`WriteOptions::tier_min_docs`] set, the writer cuts the lists of the
//! words with pair lists (see above) in more than that many articles in
//! two ([`tiers`]): the head (every document with its title frequency,
//! and the body frequencies of the [`WriteOptions::tier_head`] documents
//! that weigh most) in the postings files, the other body frequencies in
//! tail files. Without its tail the store gives the index the list with
//! each left-out frequency replaced by the largest its bounds allow, so
//! the search matches and counts exactly and scores those documents at
//! least as high as they are; when none of the first rows is such a
//! document, those rows are proven ([`SplitStore::unproven`], the app's
//! first 32 rows), else the tails come in one more round and the search
//! runs again. Ranking further (scrolling, exports, grouping by outlet)
//! asks for them the same way ([`SplitStore::proven_rows`]). Phrases with
//! a common word read its pairs, so no phrase waits for a tail.
//!
//! It is off because it did not pay: a word's typo and stem variants are
//! common words too, tiered apart, and a top document is often in the
//! tail of one of them, so most first rows were not proven (measured in
//! `write.rs`'s defaults). Proving more needs bounds per document and a
//! proof over score intervals, not "no bounded document on top".
//!
//! ## Network rounds
//! Each round of requests costs at least one round trip, so a cold query
//! is planned to need as few as possible:
//! 1. the dictionary chunks, typo chunks and stem groups of its words **and**, at the
//!    same time, the postings file of each word (lists are written in term
//!    order and the manifest has a separator term for every postings and
//!    positions file, so a word's file is known before its dictionary entry;
//!    a phrase's words that have no common word beside them also get their
//!    positions file, and a phrase with a common word its pairs' blocks
//!    (the manifest lists the common words); a long word also gets the
//!    chunk of its first half and the pair block of its halves, for its
//!    phrase alternative (`ceasefire`: "cease fire"); a word being typed gets the
//!    files of its completions, and a word its stem's files, when they are
//!    at most four);
//! 2. the lists of the variants found in round 1 that are in other files,
//!    and the second half's chunk of a long word whose entry says both
//!    halves are terms (`government`: "ment"):
//!    often none (short lists, such as a rare word's or a typo's, are
//!    stored inside their dictionary entry, see [`WriteOptions`]); typo
//!    variants of a common word and completions spread over more than four
//!    files still need this round, as do stem siblings in another
//!    dictionary chunk (at 44k articles, 171 of bench_split's 238 queries
//!    are ready after one round, 63 after two, 4 after three);
//! 3. the articles of the first rows. When round 2 is needed, it also
//!    asks for the fragments of the first rows of what round 1 brought
//!    ([`SplitStore::early_articles`]): a variant's hits usually rank
//!    below the word's own, so those rows usually stay first, and round 3
//!    is then not needed. At 44k articles (`bench_split --early`), single
//!    words needing three rounds or more went from 104 to 46 of 200, for
//!    3.5 KB more at the median and 10.6 KB at the 95th percentile; a guess
//!    the last lists overturn costs round 3 as before, never a wrong row.
//!    A word that is no term (being typed) gets no guess.
//!
//! A guess in round 1 can be wasted (the word is not in the corpus, or its
//! list is inline): one postings file, about 12 KB.
//!
//! ## The index over what is fetched
//! [`SplitStore::index`] is an [`crate::index::Index`] whose lists are not
//! copied: each term's parts are ranges of the fetched postings and
//! positions files and of the dictionary chunks that hold short lists
//! inline ([`crate::index::SharedBytes`], reference-counted), so bringing
//! it up to date after an arrival costs a pass over the terms, not over
//! the bytes of every list fetched so far (at a million articles late in a
//! session, 150 MB and more were copied on every arrival, and every list
//! was held twice). When only postings or positions files arrived (a
//! query's second round: its variants' lists), the terms waiting for
//! them get their lists in place and nothing is rebuilt; a dictionary
//! chunk or a stem group arriving rebuilds the terms (new terms change the
//! ids), and a pair block the pair lists.
//!
//! ## Typo variants
//! A word of five letters or more also matches the terms one or two edits
//! away with its first letter ([`crate::search`]), so the store must know
//! every such term before it searches. In dictionary order they are
//! spread over every chunk of the first letter (eight chunks, 80 KB, for
//! `serious` at 44,000 articles). The writer therefore writes the entries
//! a second time, ordered by first character, then length, then term
//! ([`typo_key`]), and chunked the same way; a typo of a word of `n`
//! characters has `n - d` to `n + d` characters (`d` its edit distance),
//! so it is in one range of these chunks ([`typo_chunks`]), which also
//! holds the word's own entry. At 44,000 articles (`bench_split --early`,
//! 200 single words typed) `serious` reads one dictionary chunk and four
//! typo chunks instead of eight dictionary chunks (81 -> 62 KB), and single
//! words' bytes p50 / p95 went from 119.2 / 199.5 to 109.7 / 192.5 KB, for
//! 672 KB more on the host (65 files). A manifest without typo chunks (a
//! corpus written before them) makes the store read the first letter's
//! dictionary chunks, as before.
//!
//! ## How many files
//! Static hosts limit a site's file count (Cloudflare Pages 20,000 on its
//! free plan). [`fit_file_budget`] chooses chunk sizes whose files fit a
//! limit, widening fragments and posting chunks where that costs a cold
//! query the fewest bytes (see the `budget` module); the reader needs no
//! change, since the columns record each fragment's articles and the
//! manifest each file's first term.
//!
//! ## Formats
//! Every data file is a payload compressed with Brotli (RFC 7932; window
//! 2^22, quality by how often the file is read: see [`Effort`]). Payloads start
//! with four magic bytes and a little-endian `u32` version
//! ([`SPLIT_VERSION`]); numbers are LEB128 varints, strings a varint length
//! and UTF-8 bytes:
//!
//! ```text
//! columns  "DLCO" v | docs | outlet column | source column | language column | day column (delta-coded) | title_len column | len column (a byte each: the length's code, `crate::norm`) | articles per fragment (see the `columns` module)
//! events   "DLEV" v | docs | per doc: n | n × (day zigzag, mentions)
//! authors  "DLAU" v | docs | per doc: n | n × string
//! dict     "DLDI" v | n | per term: shared prefix len | suffix | df | docs list | positions list | tail | k | k × group key | c | c × cut
//!          (a list: 0 | length | bytes, stored inline; or file + 1 | item, the list's number in its p- or q- file;
//!          tail: 0 for a list not in tiers, else file + 1 | item in a t- file, and the docs list is its head)
//! tails    "DLPO" v | per tail, in term order: length | bytes (as [`tiers`] writes them)
//! stems    "DLST" v | n | per group: key | m | m × term
//! postings "DLPO" v | per list, in term order: its documents part in columns, or as in the index blob (see the `packed` module)
//! positions "DLPO" v | per list, in term order: length | its positions part as in the index blob
//! fragment "DLFR" v | n | per article: doc | JSON of the [`crate::model::Article`] with its texts
//! ids      "DLID" v | first doc | n | n × id
//! pairs    as dict (keys `a b`, no group keys), every list inline: a pair block
//! typos    as dict, the entries ordered by typo key (front coding restarts at each chunk)
//! answer   "DLAN" v | articles | the matches (gaps or a bitmap) | the best hits: docs, typo and inexact counts, scores | highlighted terms, phrases, other scripts' spellings (see the `answers` module)
//! deeper   "DLAD" v | articles | the answer's next hits, as its best hits (see the `answers` module)
//! ```
//!
//! A dictionary entry lists the keys of the variant groups its term is in
//! that [`crate::index::query_keys`] cannot compute from the folded term
//! (a Turkish word stemmed as written with `ı`, a Russian case form whose
//! stem romanises to a name key): usually none. Then the byte offsets at
//! which the word cuts into two halves that are both terms
//! ([`crate::search::cuts`]; `government`: 6, "govern" and "ment"), which
//! the search reads as a phrase alternative: usually none, and then a
//! query for the word needs no half's chunk.
//!
//! The [`Manifest`] (JSON, in the wasm's custom section
//! [`MANIFEST_SECTION`]) names every file and carries what every view needs
//! at once: corpus name and counts, outlets, the first term of each
//! dictionary chunk. Readers check magic, version and every length; a
//! damaged, truncated or mismatched file is a [`SplitError`] naming the
//! file, never a panic.

mod answers;
mod articles;
mod budget;
mod columns;
mod packed;
mod read;
pub mod tiers;
mod write;

pub use articles::{ARTICLE_BUDGET, FRAGMENT_BUDGET};
pub use budget::{count_files, fit_file_budget, BudgetError, FileCounts, Fit};
pub use read::{Held, Missing, Need, SplitStore};
pub use write::{write, write_prepared, write_to, Prepared, Sink, SplitFiles, WriteOptions};

use crate::model::Outlet;
use serde::{Deserialize, Serialize};

/// Version of the split layout's files and manifest (2: languages, variant
/// groups by language and name, a dictionary entry's extra group keys; 3:
/// the columns file stored column by column, see `split/columns.rs`; 4:
/// short lists inline in the dictionary, the first term of every postings
/// and positions file in the manifest; 5: pair lists for phrases; 6: pair
/// lists inside their dictionary entries, pair blocks; 7: document lengths
/// as one-byte codes in the columns file; 8: a word's cuts into two terms
/// in its dictionary entry; 9: Brotli instead of DEFLATE; 10: common
/// words' documents parts in tiers, the tail files, a tail in every
/// dictionary entry; 11: postings files in columns, see `split/packed.rs`,
/// and a list named by its number in its file instead of an offset and a
/// length; 12: stored answers of common words being typed, see
/// `split/answers.rs`; 13: their deeper hits, for filtered requests).
pub const SPLIT_VERSION: u32 = 13;
/// Name of the wasm custom section holding the [`Manifest`] (JSON).
pub const MANIFEST_SECTION: &str = "dateline-manifest";
/// Folder of the data files, relative to `index.html`.
pub const DATA_DIR: &str = "data";
/// Largest decompressed data file accepted (a guard against corrupt input).
const MAX_FILE_BYTES: usize = 512 << 20;

/// A chunk of a sorted sequence: its first key and its file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chunk {
    /// First key (term, stem or id) in the chunk.
    pub first: String,
    /// File name under [`DATA_DIR`].
    pub file: String,
}

/// Files named by a tag and a number (`p-<tag>-<k>.bin`), too many to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Numbered {
    /// Name prefix, e.g. `p-3f2a…`.
    pub prefix: String,
    /// Number of files.
    pub count: u32,
    /// For files in term order (postings and positions; empty for
    /// fragments), each file's separator: the shortest prefix of its first
    /// term that sorts after the previous file's last term. A word's file
    /// is then known before its dictionary entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub first: Vec<String>,
}

impl Numbered {
    /// File name of chunk `k`.
    pub fn file(&self, k: u32) -> String {
        format!("{}-{k}.bin", self.prefix)
    }

    /// The file that holds `term`'s list if it is stored in one (term-ordered
    /// files only).
    pub fn file_of(&self, term: &str) -> Option<u32> {
        let k = self.first.partition_point(|f| f.as_str() <= term).checked_sub(1)?;
        Some(k as u32)
    }

    /// The files that hold the lists of the terms starting with `prefix`,
    /// first to last.
    pub fn files_of_prefix(&self, prefix: &str) -> std::ops::Range<u32> {
        let from = self.file_of(prefix).unwrap_or(0) as usize;
        if from >= self.first.len() {
            return 0..0;
        }
        let more = self.first[from + 1..].iter().take_while(|f| f.starts_with(prefix)).count();
        from as u32..(from + more + 1) as u32
    }
}

/// What the app knows of a split corpus before fetching anything.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Must equal [`SPLIT_VERSION`].
    pub version: u32,
    /// Must equal [`crate::model::SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Corpus name.
    pub name: String,
    /// Number of articles.
    pub articles: u32,
    /// Outlets, in slot order.
    pub outlets: Vec<Outlet>,
    /// Outlet keys, names and short names as term lists (`outlet:` queries).
    pub outlet_terms: Vec<Vec<String>>,
    /// Language codes of the articles, by slot (the columns' language).
    pub languages: Vec<String>,
    /// Average document length in tokens, exact ([`crate::index::Index::avg_len`]:
    /// not read by the ranking, whose averages are over the columns'
    /// decoded lengths).
    pub avg_len: f32,
    /// Words in all lead and body texts.
    pub total_words: u64,
    /// First and last day of the corpus timeline
    /// ([`crate::events::extended_span`]), so the axis is known before the
    /// mentioned dates are fetched.
    pub axis: Option<(crate::model::Date, crate::model::Date)>,
    /// The columns file.
    pub columns: String,
    /// The mentioned-days file.
    pub events: String,
    /// The authors file.
    pub authors: String,
    /// Dictionary chunks, by first term.
    pub dict: Vec<Chunk>,
    /// Variant-group chunks, by first key.
    pub stems: Vec<Chunk>,
    /// The dictionary again, for typo variants: the entries of the terms
    /// of [`TYPO_MIN_TERM_CHARS`] characters or more, ordered by
    /// [`typo_key`] (first character, length, term) and chunked, so that a
    /// word's typo scan reads only the terms of its first character and
    /// of lengths it can reach (see "Typo variants" in the module docs).
    /// Empty in corpora written before them: the scan then reads every
    /// dictionary chunk of the word's first character.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub typos: Vec<Chunk>,
    /// Posting lists, documents parts.
    pub postings: Numbered,
    /// Posting lists, positions parts.
    pub positions: Numbered,
    /// The tails of tiered documents parts ([`tiers`]): body frequencies
    /// fetched only when a ranking needs them.
    #[serde(default)]
    pub tails: Numbered,
    /// Article fragments.
    pub fragments: Numbered,
    /// Article ids, by first id.
    pub ids: Vec<Chunk>,
    /// The lists of the pairs of adjacent words one of which is common,
    /// for phrases (see `crate::index::pair_lists`); `None`: no pairs.
    #[serde(default)]
    pub pairs: Option<PairFiles>,
    /// The stored answers of common words being typed (`answers.rs`);
    /// `None`: none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answers: Option<AnswerFiles>,
}

/// The stored answers of a split corpus (see [`Manifest::answers`] and
/// "Stored answers" above).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerFiles {
    /// The words answered, sorted: the `i`-th's answer is file `i`.
    pub words: Vec<String>,
    /// The answer files (`a-<tag>-<i>.bin`).
    pub files: Numbered,
    /// Hits ranked in each answer (fewer when fewer match).
    pub top: u32,
    /// The answers' deeper hits, for filtered requests (`answers.rs`,
    /// "Deeper hits"); `None`: none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deeper: Option<Deeper>,
}

/// The deeper hits of the stored answers ([`AnswerFiles::deeper`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deeper {
    /// The deeper-hits files (`d-<tag>-<i>.bin`): file `i` continues
    /// answer `i`'s top.
    pub files: Numbered,
    /// Hits ranked with them (the answer's top included).
    pub deep: u32,
}

/// The pair lists of a split corpus (see [`Manifest::pairs`]): pair
/// blocks, dictionary chunks in the words' format whose entries hold their
/// lists inline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairFiles {
    /// The document frequency from which a word is common.
    pub min_df: u32,
    /// The common words, sorted (a few hundred): a phrase of other words
    /// reads its words, not pairs, so the first round can fetch their
    /// lists.
    pub common: Vec<String>,
    /// The pair blocks (`pairs-<tag>-<k>.bin`), with their first keys
    /// (`a b`) as separators: numbered, not named by their hashes, to keep
    /// the manifest small.
    pub dict: Numbered,
}

/// A damaged, truncated or mismatched split corpus.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SplitError {
    /// The manifest is not valid JSON for this layout.
    #[error("the corpus manifest is not valid: {0}")]
    Manifest(String),
    /// Written by another version of Dateline.
    #[error("{file}: version {found}, this build reads version {expected}; rebuild the corpus")]
    Version {
        /// The file.
        file: String,
        /// Version found.
        found: u32,
        /// Version expected.
        expected: u32,
    },
    /// Not the kind of file expected.
    #[error("{file}: not a Dateline {kind} file (bad magic)")]
    Magic {
        /// The file.
        file: String,
        /// What it should have been.
        kind: &'static str,
    },
    /// Cut short, not decompressible, or inconsistent.
    #[error("{file}: truncated or corrupt ({detail})")]
    Corrupt {
        /// The file.
        file: String,
        /// What was wrong.
        detail: String,
    },
}

impl Manifest {
    /// Parses and checks a manifest.
    pub fn from_json(json: &str) -> Result<Manifest, SplitError> {
        let m: Manifest = serde_json::from_str(json).map_err(|e| SplitError::Manifest(e.to_string()))?;
        if m.version != SPLIT_VERSION {
            return Err(SplitError::Version { file: "manifest".into(), found: m.version, expected: SPLIT_VERSION });
        }
        if m.schema_version != crate::model::SCHEMA_VERSION {
            return Err(SplitError::Version {
                file: "manifest (schema)".into(),
                found: m.schema_version,
                expected: crate::model::SCHEMA_VERSION,
            });
        }
        for (what, n) in [("postings", &m.postings), ("positions", &m.positions)] {
            if n.first.len() != n.count as usize || n.first.windows(2).any(|w| w[0] > w[1]) {
                return Err(SplitError::Manifest(format!(
                    "{} first terms for {} {what} files, or not sorted",
                    n.first.len(),
                    n.count
                )));
            }
        }
        if let Some(a) = &m.answers {
            if a.words.len() != a.files.count as usize || a.words.windows(2).any(|w| w[0] >= w[1]) {
                return Err(SplitError::Manifest(format!(
                    "{} answered words for {} answer files, or not sorted",
                    a.words.len(),
                    a.files.count
                )));
            }
        }
        if let Some(p) = &m.pairs {
            if !p.common.is_sorted() || p.dict.first.len() != p.dict.count as usize || !p.dict.first.is_sorted() {
                return Err(SplitError::Manifest(
                    "pair blocks without sorted first keys, or common words not sorted".into(),
                ));
            }
        }
        Ok(m)
    }

    /// Serialises the manifest.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Every file the manifest names, for checks and copying.
    pub fn files(&self) -> Vec<String> {
        let mut out = vec![self.columns.clone(), self.events.clone(), self.authors.clone()];
        for list in [&self.dict, &self.typos, &self.stems, &self.ids] {
            out.extend(list.iter().map(|c| c.file.clone()));
        }
        for n in [&self.postings, &self.positions, &self.tails, &self.fragments] {
            out.extend((0..n.count).map(|k| n.file(k)));
        }
        if let Some(p) = &self.pairs {
            out.extend((0..p.dict.count).map(|k| p.dict.file(k)));
        }
        if let Some(a) = &self.answers {
            out.extend((0..a.files.count).map(|k| a.files.file(k)));
            if let Some(d) = &a.deeper {
                out.extend((0..d.files.count).map(|k| d.files.file(k)));
            }
        }
        out
    }
}

/// The chunk of a sorted chunk list that holds `key` (the last chunk whose
/// first key is `<= key`), if any.
pub fn chunk_of(chunks: &[Chunk], key: &str) -> Option<usize> {
    chunks.partition_point(|c| c.first.as_str() <= key).checked_sub(1)
}

/// Shortest term, in characters, that the typo chunks hold: a typo of a
/// word of [`crate::search::TYPO_MIN_CHARS`] characters is one shorter at
/// the least.
pub const TYPO_MIN_TERM_CHARS: usize = crate::search::TYPO_MIN_CHARS - 1;

/// Whether the typo chunks hold `term` (it has [`TYPO_MIN_TERM_CHARS`]
/// characters or more).
pub fn in_typo_chunks(term: &str) -> bool {
    term.chars().nth(TYPO_MIN_TERM_CHARS - 1).is_some()
}

/// The key of a term in the typo chunks: its first character, its length
/// in characters (four digits) and the term, so that keys sort by first
/// character (a character's UTF-8 bytes are no prefix of another's), then
/// length, then term, and the terms a typo of a word can be are one range.
pub fn typo_key(term: &str) -> String {
    let first = term.chars().next().map_or(0, char::len_utf8);
    format!("{}{:04}{}", &term[..first], term.chars().count(), &term[first..])
}

/// The typo chunks holding every term whose first character is `first`
/// and whose length in characters is within `lengths` (inclusive).
pub fn typo_chunks(chunks: &[Chunk], first: &str, lengths: (usize, usize)) -> std::ops::Range<usize> {
    let from = format!("{first}{:04}", lengths.0);
    let to = format!("{first}{:04}", lengths.1 + 1);
    let start = chunk_of(chunks, &from).unwrap_or(0);
    let end = chunks.partition_point(|c| c.first.as_str() < to.as_str());
    start..end.max(start)
}

// ---- shared encoding -------------------------------------------------------

pub(crate) fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// The bytes [`put_varint`] writes for `v`.
pub(crate) fn varint_len(v: u64) -> usize {
    (64 - (v | 1).leading_zeros() as usize).div_ceil(7)
}

pub(crate) fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

pub(crate) fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

pub(crate) fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

/// How hard a file is compressed: Brotli's quality, by how often the
/// file is fetched and how many such files a build writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Effort {
    /// The many fragments, postings, positions and pair blocks (quality 5:
    /// 3-6% smaller than DEFLATE level 6 at 44k generated articles, for a
    /// quarter more time writing them; quality 10 and 11 would save 15-20%
    /// but write 1 MB/s, an hour more at a million articles).
    Bulk,
    /// One-off files fetched on demand (authors, ids; quality 9).
    Whole,
    /// The files every reader fetches first or every query reads (columns,
    /// events, word dictionary, stems; quality 11: 1 MB/s to write, a few
    /// seconds per build; 10-44% smaller than DEFLATE on these four kinds,
    /// stems least, columns most).
    Front,
}

impl Effort {
    fn quality(self) -> u32 {
        match self {
            Effort::Bulk => 5,
            Effort::Whole => 9,
            Effort::Front => 11,
        }
    }
}

/// Brotli's window (4 MiB): a larger one won under 0.1% on a million
/// articles' columns and would raise the reader's memory.
const WINDOW_BITS: u32 = 22;

/// A payload with its header, compressed with [`Effort::Bulk`].
pub(crate) fn seal(magic: &[u8; 4], body: &[u8]) -> Vec<u8> {
    seal_with(Effort::Bulk, magic, body)
}

/// A payload with its header, compressed with [`Effort::Whole`].
pub(crate) fn seal_whole(magic: &[u8; 4], body: &[u8]) -> Vec<u8> {
    seal_with(Effort::Whole, magic, body)
}

/// A payload with its header, compressed with [`Effort::Front`].
pub(crate) fn seal_front(magic: &[u8; 4], body: &[u8]) -> Vec<u8> {
    seal_with(Effort::Front, magic, body)
}

fn seal_with(effort: Effort, magic: &[u8; 4], body: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut out =
        brotli::CompressorWriter::new(Vec::with_capacity(body.len() / 3 + 64), 1 << 16, effort.quality(), WINDOW_BITS);
    // Writing to a Vec cannot fail.
    let _ = out.write_all(magic);
    let _ = out.write_all(&SPLIT_VERSION.to_le_bytes());
    let _ = out.write_all(body);
    out.into_inner()
}

/// Decompresses a data file, refusing more than [`MAX_FILE_BYTES`].
fn unseal(data: &[u8]) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let mut payload = Vec::with_capacity(data.len().saturating_mul(3).min(MAX_FILE_BYTES));
    brotli::Decompressor::new(data, 1 << 14)
        .take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut payload)
        .map_err(|e| e.to_string())?;
    if payload.len() > MAX_FILE_BYTES {
        return Err(format!("more than {MAX_FILE_BYTES} bytes"));
    }
    Ok(payload)
}

/// Bounds-checked reader of one decompressed payload.
pub(crate) struct Cursor<'a> {
    file: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn corrupt(&self, detail: impl Into<String>) -> SplitError {
        SplitError::Corrupt { file: self.file.to_string(), detail: format!("{} at byte {}", detail.into(), self.at) }
    }

    pub(crate) fn varint(&mut self) -> Result<u64, SplitError> {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let b = *self.bytes.get(self.at).ok_or_else(|| self.corrupt("varint past the end"))?;
            self.at += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
            shift += 7;
            if shift > 63 {
                return Err(self.corrupt("varint too long"));
            }
        }
    }

    pub(crate) fn u32v(&mut self) -> Result<u32, SplitError> {
        let v = self.varint()?;
        u32::try_from(v).map_err(|_| self.corrupt("number too large"))
    }

    /// A count of items that each take at least one byte: never more than
    /// the bytes left (so a corrupt count cannot ask for a huge allocation).
    pub(crate) fn count(&mut self) -> Result<usize, SplitError> {
        let n = self.varint()?;
        let left = (self.bytes.len() - self.at) as u64;
        if n > left {
            return Err(self.corrupt(format!("count {n} exceeds the {left} bytes left")));
        }
        Ok(n as usize)
    }

    pub(crate) fn bytes(&mut self, n: usize) -> Result<&'a [u8], SplitError> {
        let end =
            self.at.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or_else(|| self.corrupt("past the end"))?;
        let b = &self.bytes[self.at..end];
        self.at = end;
        Ok(b)
    }

    pub(crate) fn string(&mut self) -> Result<&'a str, SplitError> {
        let n = self.count()?;
        let b = self.bytes(n)?;
        std::str::from_utf8(b).map_err(|_| self.corrupt("invalid UTF-8"))
    }
}

/// Decompresses a data file and checks its header.
pub(crate) fn open(file: &str, data: &[u8], magic: &[u8; 4], kind: &'static str) -> Result<Vec<u8>, SplitError> {
    let payload = unseal(data).map_err(|e| {
        // Versions 1 to 8 were raw DEFLATE: name the version, as for any
        // file of another version, rather than call it corrupt.
        match deflated_version(data, magic) {
            Some(found) => SplitError::Version { file: file.to_string(), found, expected: SPLIT_VERSION },
            None => SplitError::Corrupt { file: file.to_string(), detail: format!("does not decompress: {e}") },
        }
    })?;
    if payload.len() < 8 || &payload[..4] != magic {
        return Err(SplitError::Magic { file: file.to_string(), kind });
    }
    let found = u32::from_le_bytes([payload[4], payload[5], payload[6], payload[7]]);
    if found != SPLIT_VERSION {
        return Err(SplitError::Version { file: file.to_string(), found, expected: SPLIT_VERSION });
    }
    Ok(payload)
}

/// The version in the header of a file written before version 9 (raw
/// DEFLATE), if `data` is one with the expected magic.
fn deflated_version(data: &[u8], magic: &[u8; 4]) -> Option<u32> {
    let head = match miniz_oxide::inflate::decompress_to_vec_with_limit(data, 8) {
        Ok(all) => all,
        Err(e) => e.output,
    };
    (head.len() >= 8 && &head[..4] == magic).then(|| u32::from_le_bytes([head[4], head[5], head[6], head[7]]))
}

/// A cursor after the header of an opened payload.
pub(crate) fn cursor<'a>(file: &'a str, payload: &'a [u8]) -> Cursor<'a> {
    Cursor { file, bytes: payload, at: 8 }
}

#[cfg(test)]
mod tests;
