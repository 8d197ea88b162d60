//! The articles of a split corpus as their fragments arrive: a cache with
//! two bounded tiers.
//!
//! Rows, the reader and exports need whole articles, which come in
//! fragment files (`f-<tag>-<k>.bin`, several articles each). Keeping every
//! fragment decoded made a tab grow by each one any query had shown: 611 MB
//! of wasm memory after 40 queries on a million articles, whose fragments
//! hold 78 articles each (`e2e/bench-split.mjs`, 2026-12-03). So the store
//! keeps
//!
//! * **fragment files as fetched** (compressed), up to [`FRAGMENT_BUDGET`]
//!   bytes: an article of a kept file is decoded again without the
//!   network;
//! * **decoded articles**, up to [`ARTICLE_BUDGET`] bytes of their JSON
//!   (about what they take decoded): what the views read, at no cost on the
//!   next render or when a query is run again.
//!
//! Past a budget the least recently read are dropped first; a dropped file
//! is fetched again when a view asks for one of its articles that is not
//! decoded (the browser has it cached under its content-hashed name).
//!
//! Reads are counted in *rounds*: a round begins at the first read after a
//! file arrived, which is when the app renders again and every view asks
//! for what it shows. Nothing read in the current round or the one before
//! is dropped, so a view that needs more than a budget at once (a
//! comparison or an export of many articles) gets all of it instead of
//! fetching forever; the budgets bound what is kept beyond that.

use super::{cursor, open, SplitError};
use crate::model::Article;
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};

/// Bytes of fragment files kept as fetched (compressed) besides those read
/// lately.
pub const FRAGMENT_BUDGET: usize = 32 << 20;

/// Bytes of decoded articles kept (their JSON) besides those read lately.
pub const ARTICLE_BUDGET: usize = 64 << 20;

/// A fragment file as fetched.
#[derive(Debug)]
struct File {
    name: String,
    data: Vec<u8>,
    /// The round one of its articles was last read or asked for in.
    used: Cell<u64>,
}

/// A decoded article.
#[derive(Debug)]
struct Decoded {
    article: Article,
    /// Bytes of its JSON, counted against [`ARTICLE_BUDGET`].
    bytes: usize,
    /// The round it was decoded or last read in.
    used: u64,
    /// Whether a view read it or asked for it: an article that came only
    /// because it shares a fragment with one asked for is dropped first.
    read: bool,
}

/// The fragment files and decoded articles of a store (see the module docs).
#[derive(Debug)]
pub(super) struct Articles {
    files: HashMap<u32, File>,
    file_bytes: usize,
    decoded: RefCell<HashMap<u32, Decoded>>,
    decoded_bytes: Cell<usize>,
    file_budget: usize,
    article_budget: usize,
    round: Cell<u64>,
    /// A file arrived since the last read: the next read starts a round.
    arrived: Cell<bool>,
    /// Articles asked for before their fragment arrived: they count as
    /// read when it does, even if the view that asked has moved on.
    wanted: RefCell<HashSet<u32>>,
}

impl Default for Articles {
    fn default() -> Articles {
        Articles {
            files: HashMap::new(),
            file_bytes: 0,
            decoded: RefCell::default(),
            decoded_bytes: Cell::new(0),
            file_budget: FRAGMENT_BUDGET,
            article_budget: ARTICLE_BUDGET,
            round: Cell::new(0),
            arrived: Cell::new(false),
            wanted: RefCell::default(),
        }
    }
}

/// Walks the articles of a fragment file: `(doc, its JSON)` to `f` until it
/// returns false. Errors name the file.
fn walk(name: &str, data: &[u8], mut f: impl FnMut(u32, &[u8]) -> Result<bool, SplitError>) -> Result<(), SplitError> {
    let payload = open(name, data, b"DLFR", "fragment")?;
    let mut c = cursor(name, &payload);
    let n = c.count()?;
    for _ in 0..n {
        let doc = c.u32v()?;
        let len = c.count()?;
        if !f(doc, c.bytes(len)?)? {
            break;
        }
    }
    Ok(())
}

fn parse(name: &str, json: &[u8]) -> Result<Article, SplitError> {
    serde_json::from_slice(json)
        .map_err(|e| SplitError::Corrupt { file: name.into(), detail: format!("article JSON: {e}") })
}

/// The keys to drop so that the entries used before `recent` (those not
/// read lately) take at most `budget` bytes: in the order of their ranks
/// (least recently used first, ties by key). Entries are `(key, rank,
/// round used, bytes)`.
fn oldest<K: Copy + Ord, R: Ord>(
    entries: impl Iterator<Item = (K, R, u64, usize)>,
    recent: u64,
    budget: usize,
) -> Vec<K> {
    let mut old: Vec<(R, K, usize)> = entries.filter(|e| e.2 < recent).map(|(k, r, _, b)| (r, k, b)).collect();
    let over = old.iter().map(|e| e.2).sum::<usize>().saturating_sub(budget);
    old.sort_unstable_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    let mut freed = 0;
    old.into_iter()
        .take_while(|e| {
            let go = freed < over;
            freed += e.2;
            go
        })
        .map(|e| e.1)
        .collect()
}

impl Articles {
    /// Notes that a file (of any kind) arrived: the next read starts a round.
    pub(super) fn arrived(&self) {
        self.arrived.set(true);
    }

    /// The round a read now belongs to: a new one when a file arrived
    /// since the last read.
    fn read_round(&self) -> u64 {
        if self.arrived.replace(false) {
            self.round.set(self.round.get() + 1);
        }
        self.round.get()
    }

    /// Rounds before this one are past (the current and the previous one
    /// are kept whatever the budgets).
    fn recent(&self) -> u64 {
        self.round.get().saturating_sub(1)
    }

    /// Whether fragment file `k` is kept.
    pub(super) fn has_file(&self, k: u32) -> bool {
        self.files.contains_key(&k)
    }

    /// Adds fragment file `k`: every article is decoded (a damaged file is
    /// an error, and nothing of it is kept) and kept decoded until the
    /// budgets drop it. `articles` is the corpus's number of articles.
    pub(super) fn add(&mut self, k: u32, name: &str, data: &[u8], articles: u32) -> Result<(), SplitError> {
        let mut got = Vec::new();
        walk(name, data, |doc, json| {
            if doc >= articles {
                return Err(SplitError::Corrupt { file: name.into(), detail: "article out of range".into() });
            }
            got.push((doc, parse(name, json)?, json.len()));
            Ok(true)
        })?;
        let used = self.round.get();
        {
            let mut decoded = self.decoded.borrow_mut();
            let mut wanted = self.wanted.borrow_mut();
            for (doc, article, bytes) in got {
                let read = wanted.remove(&doc);
                match decoded.get_mut(&doc) {
                    // Still decoded from an earlier fetch of the file: it
                    // keeps its standing (a read article stays read).
                    Some(d) => d.read |= read,
                    None => {
                        decoded.insert(doc, Decoded { article, bytes, used, read });
                        self.decoded_bytes.set(self.decoded_bytes.get() + bytes);
                    }
                }
            }
        }
        self.file_bytes += data.len();
        self.files.insert(k, File { name: name.to_string(), data: data.to_vec(), used: Cell::new(used) });
        self.evict_files();
        self.evict_articles();
        Ok(())
    }

    fn evict_files(&mut self) {
        if self.file_bytes <= self.file_budget {
            return;
        }
        let files = self.files.iter().map(|(&k, f)| (k, f.used.get(), f.used.get(), f.data.len()));
        let drop = oldest(files, self.recent(), self.file_budget);
        for k in drop {
            if let Some(f) = self.files.remove(&k) {
                self.file_bytes -= f.data.len();
            }
        }
    }

    fn evict_articles(&self) {
        if self.decoded_bytes.get() <= self.article_budget {
            return;
        }
        let mut decoded = self.decoded.borrow_mut();
        // Articles never read (the rest of an arrived fragment) go first.
        let articles = decoded.iter().map(|(&d, a)| (d, (a.read, a.used), a.used, a.bytes));
        let drop = oldest(articles, self.recent(), self.article_budget);
        for d in drop {
            if let Some(a) = decoded.remove(&d) {
                self.decoded_bytes.set(self.decoded_bytes.get() - a.bytes);
            }
        }
    }

    /// Sets the budgets (bytes of fragment files, bytes of decoded
    /// articles) and applies them.
    pub(super) fn set_budgets(&mut self, files: usize, articles: usize) {
        (self.file_budget, self.article_budget) = (files, articles);
        self.evict_files();
        self.evict_articles();
    }

    /// Bytes kept: fragment files, decoded articles.
    pub(super) fn bytes(&self) -> (usize, usize) {
        (self.file_bytes, self.decoded_bytes.get())
    }

    /// Article `doc` of fragment `k`: decoded already, or decoded now from
    /// its kept file; `None` when neither is here. Marks both as read.
    pub(super) fn get(&self, k: u32, doc: u32) -> Option<Article> {
        let round = self.read_round();
        if let Some(file) = self.files.get(&k) {
            file.used.set(round);
        }
        if let Some(d) = self.decoded.borrow_mut().get_mut(&doc) {
            (d.used, d.read) = (round, true);
            return Some(d.article.clone());
        }
        let file = self.files.get(&k)?;
        let mut found = None;
        // The file was checked when it was added.
        let _ = walk(&file.name, &file.data, |d, json| {
            if d == doc {
                found = Some((parse(&file.name, json)?, json.len()));
            }
            Ok(found.is_none())
        });
        let (article, bytes) = found?;
        self.decoded.borrow_mut().insert(doc, Decoded { article: article.clone(), bytes, used: round, read: true });
        self.decoded_bytes.set(self.decoded_bytes.get() + bytes);
        self.evict_articles();
        Some(article)
    }

    /// Whether article `doc` (of fragment `k`) can be read now, without
    /// marking anything read (see [`Articles::ready`]).
    pub(super) fn holds(&self, k: u32, doc: u32) -> bool {
        self.decoded.borrow().contains_key(&doc) || self.files.contains_key(&k)
    }

    /// Whether article `doc` (of fragment `k`) can be read now; marks it
    /// (or its file) as read, since it is about to be shown.
    pub(super) fn ready(&self, k: u32, doc: u32) -> bool {
        let round = self.read_round();
        if let Some(d) = self.decoded.borrow_mut().get_mut(&doc) {
            (d.used, d.read) = (round, true);
            if let Some(file) = self.files.get(&k) {
                file.used.set(round);
            }
            return true;
        }
        match self.files.get(&k) {
            Some(file) => {
                file.used.set(round);
                true
            }
            None => {
                self.wanted.borrow_mut().insert(doc);
                false
            }
        }
    }
}
