//! Fitting a split corpus into a static host's file limit.
//!
//! Static hosts limit the number of files a site may have: Cloudflare
//! Pages 20,000 on its free plan and 100,000 on paid ones, GitLab Pages
//! 200,000 (and 1 GB); GitHub Pages and Netlify set no file count but a
//! size (1 GB on GitHub). With the default [`WriteOptions`] a corpus is
//! about one file per two articles (the fragments) plus one postings and
//! one positions file per 32 KB of posting lists: 25,716 files at 44,000
//! generated news articles, about 110,000 at 200,000.
//!
//! [`fit_file_budget`] widens the two kinds of numbered files until the
//! count fits, one step at a time:
//!
//! * **fragments**: more articles per fragment (`fragment_articles`, with
//!   `fragment_bytes` growing alike). Every row a cold query shows fetches
//!   its whole fragment, so a step adds about `ROWS` × the step's extra
//!   articles × the corpus's mean article bytes to a cold query;
//! * **posting chunks**: larger postings and positions files
//!   (`postings_bytes`, +50% a step) and pair blocks (`pair_block_bytes`,
//!   +50% too). A cold query fetches about `POSTING_FILES` of them, so a
//!   step adds about that many times the step's extra postings bytes.
//!
//! Each step takes the widening that removes the most files per byte it
//! adds to a cold query (both in raw, uncompressed bytes: a heuristic that
//! compares like with like, not a measurement). The counts are exact: they
//! come from the writer itself run without encoding ([`count_files`]).
//! The dictionary, variant groups and ids are never widened: they are a
//! few hundred files even at a million articles.

use super::write::{write_with, Prepared, WriteOptions};
use super::Manifest;
use crate::events::EventsFile;
use crate::index::Index;
use crate::model::Corpus;

/// Rows of a result page whose fragments a cold query fetches (the list
/// shows about eight before the reader scrolls).
const ROWS: usize = 8;
/// Postings and positions files a typical cold query fetches.
const POSTING_FILES: usize = 2;
/// Widest fragment and posting chunk tried: past these a cold query
/// fetches megabytes, and the corpus belongs on an object store.
const MAX_FRAGMENT_ARTICLES: usize = 256;
const MAX_POSTINGS_BYTES: usize = 8 << 20;

/// How many files of each kind a split corpus is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FileCounts {
    /// Article fragments.
    pub fragments: usize,
    /// Postings (documents parts), positions and tier tail files, and pair blocks
    /// (widened alike).
    pub postings: usize,
    /// Dictionary, typo and variant-group chunks.
    pub dictionary: usize,
    /// Id chunks.
    pub ids: usize,
    /// Columns, events and authors.
    pub other: usize,
    /// Stored answers and their deeper hits (as many whatever the chunk
    /// sizes).
    pub answers: usize,
}

impl FileCounts {
    /// All files under `data/`.
    pub fn total(&self) -> usize {
        self.fragments + self.postings + self.dictionary + self.ids + self.other + self.answers
    }
}

impl From<&Manifest> for FileCounts {
    fn from(m: &Manifest) -> FileCounts {
        let pairs = m.pairs.as_ref();
        FileCounts {
            fragments: m.fragments.count as usize,
            postings: m.postings.count as usize
                + m.positions.count as usize
                + m.tails.count as usize
                + pairs.map_or(0, |p| p.dict.count as usize),
            dictionary: m.dict.len() + m.stems.len() + m.typos.len(),
            ids: m.ids.len(),
            other: 3,
            answers: m
                .answers
                .as_ref()
                .map_or(0, |a| a.files.count as usize + a.deeper.as_ref().map_or(0, |d| d.files.count as usize)),
        }
    }
}

/// The files [`super::write()`] would make with `opts`, counted without
/// encoding them (no compression, no content hashes).
pub fn count_files(
    corpus: &Corpus,
    index: &Index,
    events: &EventsFile,
    opts: &WriteOptions,
    prepared: &Prepared,
) -> FileCounts {
    let mut ignore = |_: String, _: Vec<u8>| {};
    FileCounts::from(&write_with(corpus, index, events, opts, prepared, &mut ignore, true))
}

/// What [`fit_file_budget`] chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fit {
    /// The options to write with.
    pub opts: WriteOptions,
    /// The files they give.
    pub counts: FileCounts,
    /// The files the options asked for would have given.
    pub asked: FileCounts,
}

impl Fit {
    /// Whether the options had to be widened.
    pub fn widened(&self) -> bool {
        self.counts != self.asked
    }
}

/// The corpus cannot be written in `budget` files, even with the widest
/// fragments and posting chunks tried.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "the split corpus needs at least {fewest} files ({counts:?}), more than the limit of {budget}: \
     raise the limit if the host allows, or serve the corpus from an object store"
)]
pub struct BudgetError {
    /// The limit.
    pub budget: usize,
    /// The fewest files reached.
    pub fewest: usize,
    /// Their kinds.
    pub counts: FileCounts,
}

/// The options nearest to `asked` whose files number at most `budget`
/// (see the module docs for the order in which they are widened).
pub fn fit_file_budget(
    corpus: &Corpus,
    index: &Index,
    events: &EventsFile,
    asked: WriteOptions,
    prepared: &Prepared,
    budget: usize,
) -> Result<Fit, BudgetError> {
    let count = |opts: &WriteOptions| count_files(corpus, index, events, opts, prepared);
    let first = count(&asked);
    let (mut opts, mut counts) = (asked, first);
    let n = corpus.articles.len().max(1);
    let article_bytes =
        corpus.articles.iter().map(|a| a.title.len() + a.texts().map(str::len).sum::<usize>()).sum::<usize>() / n;
    while counts.total() > budget {
        let wider_fragments = (opts.fragment_articles < MAX_FRAGMENT_ARTICLES).then(|| {
            let k = opts.fragment_articles.max(1);
            let step = (k / 4).max(1);
            let o = WriteOptions {
                fragment_articles: k + step,
                fragment_bytes: opts.fragment_bytes / k * (k + step),
                ..opts
            };
            (o, ROWS * step * article_bytes)
        });
        let wider_postings = (opts.postings_bytes < MAX_POSTINGS_BYTES).then(|| {
            let step = opts.postings_bytes / 2;
            let pair_block_bytes = opts.pair_block_bytes + opts.pair_block_bytes / 2;
            (
                WriteOptions { postings_bytes: opts.postings_bytes + step, pair_block_bytes, ..opts },
                POSTING_FILES * step,
            )
        });
        // The step saving the most files per byte added to a cold query;
        // when neither saves a file (fragments of 50 articles and of 62
        // can be as many), the cheaper one, so the next step may.
        let best = [wider_fragments, wider_postings]
            .into_iter()
            .flatten()
            .map(|(o, cost)| {
                let c = count(&o);
                let saved = counts.total().saturating_sub(c.total());
                (saved as f64 / cost.max(1) as f64, std::cmp::Reverse(cost), o, c)
            })
            .max_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        match best {
            Some((_, _, o, c)) => (opts, counts) = (o, c),
            // At the widest chunks, fewer stored answers (those of the
            // words reading least go first), down to none.
            None if counts.answers > 0 => {
                let (over, each) = (counts.total() - budget, opts.answer_files_each());
                let answers = counts.answers / each;
                opts = WriteOptions { answer_max: answers.saturating_sub(over.div_ceil(each)), ..opts };
                counts = count(&opts);
            }
            None => return Err(BudgetError { budget, fewest: counts.total(), counts }),
        }
    }
    Ok(Fit { opts, counts, asked: first })
}
