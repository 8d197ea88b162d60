//! Reading a split corpus as its files arrive (see the module docs of
//! [`crate::split`]). No I/O here: the app fetches the files the store
//! asks for and hands their bytes to [`SplitStore::add`].

use super::articles::Articles;
use super::{chunk_of, cursor, open, tiers, unzigzag, Manifest, SplitError};
use crate::events::{EventIndex, EventsFile, Mention, Resolution, EVENTS_VERSION};
use crate::index::{DocMeta, Index, Parts, SharedBytes, TermData};
use crate::model::{Article, Date};
use crate::query::{parse, Atom, Field};
use crate::search::{Request, Results};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

mod answer;
mod plan;

/// Most files guessed for the lists of one prefix (see
/// `SplitStore::list_guesses`).
const GUESS_FILES: usize = 4;

/// Bytes held by a [`SplitStore`], by part ([`SplitStore::held`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Held {
    /// Fragment files kept as fetched (compressed).
    pub fragments: usize,
    /// Decoded articles (their JSON).
    pub articles: usize,
    /// Postings files.
    pub postings: usize,
    /// Positions files.
    pub positions: usize,
    /// Tail files of tiered lists, and the lists made from them or
    /// bounded without them.
    pub tails: usize,
    /// Dictionary entries, their inline lists included (about).
    pub dictionary: usize,
    /// Pair block entries (about).
    pub pairs: usize,
    /// The index built over what is loaded ([`Index::heap_bytes`]).
    pub index: usize,
    /// Stored answers: their files as fetched, and the few kept decoded.
    pub answers: usize,
}

/// Articles not here yet ([`SplitStore::missing_articles`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Missing {
    /// Articles whose fragment is not here.
    pub articles: usize,
    /// The fragment files holding them.
    pub files: usize,
}

/// What a view needs before it can be shown exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Need {
    /// Everything is here.
    Ready,
    /// These files (under [`super::DATA_DIR`]) must be fetched first.
    Files(Vec<String>),
}

impl Need {
    fn of(files: Vec<String>) -> Need {
        if files.is_empty() {
            Need::Ready
        } else {
            Need::Files(files)
        }
    }
}

/// One dictionary entry: where a term's lists are, and the keys of the
/// variant groups it is in that its query keys do not give.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    df: u32,
    docs: List,
    positions: List,
    /// For a tiered list ([`tiers`]; `docs` is then its head): where
    /// its tail is, file and item.
    tail: Option<(u32, u32)>,
    extra: Vec<String>,
    /// Where the term cuts into two halves that are both terms
    /// ([`crate::search::cuts`], byte offsets).
    cuts: Vec<u32>,
}

/// Where one list of a term is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum List {
    /// In the dictionary entry (a range of the dictionary chunk, which
    /// the index shares).
    Inline(SharedBytes),
    /// In a postings or positions file: the file's number and the
    /// list's number in it.
    In(u32, u32),
}

impl List {
    /// The file it is in, when it is not inline.
    fn chunk(&self) -> Option<u32> {
        match self {
            List::Inline(_) => None,
            List::In(k, _) => Some(*k),
        }
    }
}

/// What kind of file a name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Columns,
    Events,
    Authors,
    Dict(usize),
    Typos(usize),
    Stems(usize),
    Ids(usize),
    Postings(u32),
    Positions(u32),
    Tails(u32),
    Fragment(u32),
    PairDict(usize),
    Answer(u32),
    Deeper(u32),
}

/// A split corpus, as far as it has been fetched.
#[derive(Debug)]
pub struct SplitStore {
    manifest: Manifest,
    kinds: HashMap<String, Kind>,
    /// Per document, from the columns file (authors filled in later).
    docs: Vec<DocMeta>,
    /// The languages a query term is stemmed in (from the columns).
    stem_languages: Vec<String>,
    fragment_of: Vec<u32>,
    columns: bool,
    authors: bool,
    events: Option<EventIndex>,
    dict: Vec<bool>,
    /// Which typo chunks ([`Manifest::typos`]) are here (their entries
    /// join `entries`).
    typos: Vec<bool>,
    entries: BTreeMap<String, Entry>,
    stems: Vec<bool>,
    groups: HashMap<String, Vec<String>>,
    /// Postings and positions files by number (shared with the index).
    postings: ListFiles,
    positions: ListFiles,
    /// Tail files of tiered lists.
    tails: ListFiles,
    /// Per tiered list whose tail is not here (by term): its bounded
    /// documents, ascending ([`tiers::bounded`]), as the index reads it.
    bounded: HashMap<String, Vec<u32>>,
    /// The documents' text and title norms ([`Index::norms`]), which
    /// bound a tiered list's frequencies (empty when the corpus has
    /// none); made again when the columns change.
    norms: Option<Arc<[[f32; 2]]>>,
    /// The pair blocks loaded and their entries, lists inline
    /// ([`Manifest::pairs`]).
    pair_dict: Vec<bool>,
    pair_entries: BTreeMap<String, Entry>,
    /// The fragments and articles kept (`articles.rs`).
    articles: Articles,
    ids: Vec<Option<(u32, Vec<String>)>>,
    /// The index over what is loaded (see [`SplitStore::index`]).
    index: Option<Index>,
    /// What the index lacks: nothing, lists that arrived since, the
    /// terms that arrived since it was built, or everything (the
    /// documents changed).
    stale: Stale,
    /// For the index as built: per postings file (`false`) and positions
    /// file (`true`) not loaded then, the ids of the terms whose list is in
    /// it. When only such files arrive, their terms get their lists in
    /// place: a round that brings a query's variants' lists costs no
    /// rebuild of every term.
    /// (Indexed by file number, `[postings, positions, tails]`.)
    waiting: [Vec<Vec<u32>>; 3],
    /// The postings, positions and tail files that arrived since the
    /// index was brought up to date (kind as in `waiting`, number).
    arrived: Vec<(usize, u32)>,
    /// Whether a pair block arrived since the index was built (else its
    /// pair lists are kept as they are).
    pairs_stale: bool,
    /// Counts the arrivals that change what a search reads at the
    /// dictionary level (columns, authors, dictionary, stems).
    dictionary_generation: u64,
    /// The lists the last request reads. Postings arriving do not change
    /// them, so the index is not rebuilt to list them again.
    reads: Option<Reads>,
    /// The last request whose rows were guessed ([`SplitStore::early_articles`]).
    early: Option<Request>,
    /// The stored answers here, by number, as fetched (`split/answers.rs`;
    /// checked when they arrived).
    answers: HashMap<u32, Arc<[u8]>>,
    /// Their deeper hits here, by number, as fetched (checked alone when
    /// they arrived, and against their answer once both are here).
    pub(super) deeper: HashMap<u32, Arc<[u8]>>,
    /// The last few answers used, decoded, most recent last (a decoded
    /// answer at a million articles is up to 4 MB: a session of common
    /// words would hold hundreds of them).
    pub(super) decoded: Vec<(u32, Arc<crate::search::Stored>)>,
    /// The filters last asked about and how many articles they keep
    /// (whether an answer is worth fetching for a filtered request).
    kept: Option<(crate::search::Filters, usize)>,
}

/// The lists a request reads ([`crate::search::Searcher::lists_read`]) on
/// the dictionary as it was.
#[derive(Debug)]
struct Reads {
    query: String,
    typing: bool,
    /// [`SplitStore::dictionary_generation`] when they were listed.
    generation: u64,
    /// Per list: its term, and whether its positions are read.
    terms: Vec<(String, bool)>,
}

/// What a [`SplitStore`]'s index lacks, least first (the greater of two
/// is what a rebuild must cover).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stale {
    /// Up to date.
    No,
    /// Only postings or positions files arrived: the terms waiting for
    /// them get their lists ([`SplitStore::waiting`]); nothing is rebuilt.
    Lists,
    /// Terms or groups arrived: rebuild the terms only.
    Terms,
    /// The documents changed (columns, authors): rebuild everything.
    All,
}

fn file_name(prefix: &str, name: &str) -> Option<u32> {
    name.strip_prefix(prefix)?.strip_prefix('-')?.strip_suffix(".bin")?.parse().ok()
}

impl SplitStore {
    /// A store that has fetched nothing yet.
    pub fn new(manifest: Manifest) -> SplitStore {
        let mut kinds = HashMap::new();
        kinds.insert(manifest.columns.clone(), Kind::Columns);
        kinds.insert(manifest.events.clone(), Kind::Events);
        kinds.insert(manifest.authors.clone(), Kind::Authors);
        for (k, c) in manifest.dict.iter().enumerate() {
            kinds.insert(c.file.clone(), Kind::Dict(k));
        }
        for (k, c) in manifest.typos.iter().enumerate() {
            kinds.insert(c.file.clone(), Kind::Typos(k));
        }
        for (k, c) in manifest.stems.iter().enumerate() {
            kinds.insert(c.file.clone(), Kind::Stems(k));
        }
        for (k, c) in manifest.ids.iter().enumerate() {
            kinds.insert(c.file.clone(), Kind::Ids(k));
        }
        SplitStore {
            pair_dict: vec![false; manifest.pairs.as_ref().map_or(0, |p| p.dict.count as usize)],
            pair_entries: BTreeMap::new(),
            dict: vec![false; manifest.dict.len()],
            typos: vec![false; manifest.typos.len()],
            stems: vec![false; manifest.stems.len()],
            ids: vec![None; manifest.ids.len()],
            manifest,
            kinds,
            docs: Vec::new(),
            stem_languages: Vec::new(),
            fragment_of: Vec::new(),
            columns: false,
            authors: false,
            events: None,
            entries: BTreeMap::new(),
            groups: HashMap::new(),
            postings: ListFiles::default(),
            positions: ListFiles::default(),
            tails: ListFiles::default(),
            bounded: HashMap::new(),
            norms: None,
            articles: Articles::default(),
            index: None,
            stale: Stale::All,
            waiting: [Vec::new(), Vec::new(), Vec::new()],
            arrived: Vec::new(),
            pairs_stale: true,
            dictionary_generation: 0,
            reads: None,
            early: None,
            answers: HashMap::new(),
            deeper: HashMap::new(),
            decoded: Vec::new(),
            kept: None,
        }
    }

    /// The manifest.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    fn kind(&self, name: &str) -> Option<Kind> {
        if let Some(k) = self.kinds.get(name) {
            return Some(*k);
        }
        let m = &self.manifest;
        file_name(&m.postings.prefix, name)
            .filter(|&k| k < m.postings.count)
            .map(Kind::Postings)
            .or_else(|| file_name(&m.positions.prefix, name).filter(|&k| k < m.positions.count).map(Kind::Positions))
            .or_else(|| file_name(&m.tails.prefix, name).filter(|&k| k < m.tails.count).map(Kind::Tails))
            .or_else(|| file_name(&m.fragments.prefix, name).filter(|&k| k < m.fragments.count).map(Kind::Fragment))
            .or_else(|| {
                let p = m.pairs.as_ref()?;
                file_name(&p.dict.prefix, name).filter(|&k| k < p.dict.count).map(|k| Kind::PairDict(k as usize))
            })
            .or_else(|| {
                let a = m.answers.as_ref()?;
                file_name(&a.files.prefix, name).filter(|&k| k < a.files.count).map(Kind::Answer)
            })
            .or_else(|| {
                let d = m.answers.as_ref()?.deeper.as_ref()?;
                file_name(&d.files.prefix, name).filter(|&k| k < d.files.count).map(Kind::Deeper)
            })
    }

    /// How many postings, positions and tail files the corpus has.
    fn list_files(&self) -> [u32; 3] {
        let m = &self.manifest;
        [m.postings.count, m.positions.count, m.tails.count]
    }

    /// Whether a file has been added.
    pub fn has(&self, name: &str) -> bool {
        match self.kind(name) {
            Some(Kind::Columns) => self.columns,
            Some(Kind::Events) => self.events.is_some(),
            Some(Kind::Authors) => self.authors,
            Some(Kind::Dict(k)) => self.dict[k],
            Some(Kind::Typos(k)) => self.typos[k],
            Some(Kind::Stems(k)) => self.stems[k],
            Some(Kind::Ids(k)) => self.ids[k].is_some(),
            Some(Kind::Postings(k)) => self.postings.has(k),
            Some(Kind::Positions(k)) => self.positions.has(k),
            Some(Kind::Tails(k)) => self.tails.has(k),
            Some(Kind::Fragment(k)) => self.articles.has_file(k),
            Some(Kind::PairDict(k)) => self.pair_dict[k],
            Some(Kind::Answer(k)) => self.answers.contains_key(&k),
            Some(Kind::Deeper(k)) => self.deeper.contains_key(&k),
            None => false,
        }
    }

    /// The files to fetch before the app can show anything: the columns.
    pub fn start(&self) -> Need {
        Need::of(if self.columns { vec![] } else { vec![self.manifest.columns.clone()] })
    }

    /// Every article's search metadata (outlet, day, lengths; authors once
    /// fetched); empty until the columns are here.
    pub fn docs(&self) -> &[DocMeta] {
        match &self.index {
            Some(index) if self.docs.is_empty() => &index.docs,
            _ => &self.docs,
        }
    }

    /// The documents' metadata to change: taken back from the index, which
    /// holds them once built (a million articles' metadata is 50-60 MB, not
    /// to be held twice); the index is then rebuilt.
    fn docs_mut(&mut self) -> &mut Vec<DocMeta> {
        if self.docs.is_empty() {
            if let Some(index) = self.index.as_mut() {
                self.docs = std::mem::take(&mut index.docs);
            }
        }
        self.stale = Stale::All;
        &mut self.docs
    }

    /// Whether the columns are loaded (counts, timeline and ranking work).
    pub fn ready(&self) -> bool {
        self.columns
    }

    /// Number of articles.
    pub fn len(&self) -> usize {
        self.manifest.articles as usize
    }

    /// True for an empty corpus.
    pub fn is_empty(&self) -> bool {
        self.manifest.articles == 0
    }

    /// Adds a fetched file. Unknown names and damaged files are errors
    /// naming the file; the store is unchanged then.
    pub fn add(&mut self, name: &str, data: &[u8]) -> Result<(), SplitError> {
        let kind = self.kind(name).ok_or_else(|| SplitError::Corrupt {
            file: name.to_string(),
            detail: "not a file of this corpus".into(),
        })?;
        if self.has(name) {
            return Ok(());
        }
        match kind {
            Kind::Columns => self.add_columns(name, data)?,
            Kind::Events => self.add_events(name, data)?,
            Kind::Authors => self.add_authors(name, data)?,
            Kind::Dict(k) => {
                let entries = parse_dict(name, data, self.list_files())?;
                self.entries.extend(entries);
                self.dict[k] = true;
            }
            Kind::Typos(k) => {
                // The same entries as the dictionary's: those already
                // here stay as they are.
                for (term, entry) in parse_dict(name, data, self.list_files())? {
                    self.entries.entry(term).or_insert(entry);
                }
                self.typos[k] = true;
            }
            Kind::PairDict(k) => {
                // Every list inline: no files for them to point into.
                let entries = parse_dict(name, data, [0; 3])?;
                self.pair_entries.extend(entries);
                self.pair_dict[k] = true;
                self.pairs_stale = true;
            }
            Kind::Stems(k) => self.add_stems(k, name, data)?,
            Kind::Ids(k) => self.add_ids(k, name, data)?,
            Kind::Postings(k) => self.postings.add(k, name, data, "postings", true)?,
            Kind::Positions(k) => self.positions.add(k, name, data, "positions", false)?,
            Kind::Tails(k) => self.tails.add(k, name, data, "tails", false)?,
            Kind::Fragment(k) => self.articles.add(k, name, data, self.manifest.articles)?,
            Kind::Answer(k) => {
                let stored = self.decode_answer(name, data, self.deeper.get(&k).map(|d| &d[..]))?;
                self.answers.insert(k, Arc::from(data));
                self.keep_decoded(k, Arc::new(stored));
            }
            Kind::Deeper(k) => {
                // Checked joined to its answer when that is here, else alone.
                if let Some(answer) = self.answers.get(&k) {
                    let joined = self.decode_answer(name, answer, Some(data))?;
                    self.keep_decoded(k, Arc::new(joined));
                } else {
                    super::answers::decode_deeper(name, data, self.manifest.articles)?;
                }
                self.deeper.insert(k, Arc::from(data));
            }
        }
        match kind {
            Kind::Columns | Kind::Authors => {
                self.stale = Stale::All;
                self.norms = None;
                self.dictionary_generation += 1;
            }
            Kind::Dict(_) | Kind::Typos(_) | Kind::Stems(_) | Kind::PairDict(_) => {
                self.stale = self.stale.max(Stale::Terms);
                self.dictionary_generation += 1;
            }
            Kind::Postings(k) => {
                self.stale = self.stale.max(Stale::Lists);
                self.arrived.push((0, k));
            }
            Kind::Positions(k) => {
                self.stale = self.stale.max(Stale::Lists);
                self.arrived.push((1, k));
            }
            Kind::Tails(k) => {
                self.stale = self.stale.max(Stale::Lists);
                self.arrived.push((2, k));
            }
            Kind::Events | Kind::Ids(_) | Kind::Fragment(_) | Kind::Answer(_) | Kind::Deeper(_) => {}
        }
        self.articles.arrived();
        Ok(())
    }

    fn check_docs(&self, name: &str, found: u64) -> Result<(), SplitError> {
        if found != u64::from(self.manifest.articles) {
            return Err(SplitError::Corrupt {
                file: name.to_string(),
                detail: format!("{found} articles, the manifest says {}", self.manifest.articles),
            });
        }
        Ok(())
    }

    fn add_columns(&mut self, name: &str, data: &[u8]) -> Result<(), SplitError> {
        let payload = open(name, data, b"DLCO", "columns")?;
        let mut c = cursor(name, &payload);
        let m = &self.manifest;
        let limits = super::columns::Limits {
            articles: u64::from(m.articles),
            outlets: m.outlets.len() as u32,
            languages: m.languages.len() as u32,
            fragments: m.fragments.count,
        };
        let super::columns::Columns { docs, fragment_of } = super::columns::decode(&mut c, &limits)?;
        self.stem_languages = crate::index::stem_languages(&docs, &self.manifest.languages);
        self.docs = docs;
        self.fragment_of = fragment_of;
        self.columns = true;
        Ok(())
    }

    fn add_authors(&mut self, name: &str, data: &[u8]) -> Result<(), SplitError> {
        if !self.columns {
            return Err(SplitError::Corrupt { file: name.into(), detail: "authors before columns".into() });
        }
        let payload = open(name, data, b"DLAU", "authors")?;
        let mut c = cursor(name, &payload);
        let n = c.count()?;
        self.check_docs(name, n as u64)?;
        let mut all = Vec::with_capacity(n);
        for _ in 0..n {
            let k = c.count()?;
            let mut words = Vec::with_capacity(k);
            for _ in 0..k {
                words.push(c.string()?.to_string());
            }
            all.push(words);
        }
        for (d, words) in self.docs_mut().iter_mut().zip(all) {
            d.author = words;
        }
        self.authors = true;
        Ok(())
    }

    fn add_events(&mut self, name: &str, data: &[u8]) -> Result<(), SplitError> {
        let payload = open(name, data, b"DLEV", "events")?;
        let mut c = cursor(name, &payload);
        let n = c.count()?;
        self.check_docs(name, n as u64)?;
        let mut mentions = Vec::new();
        for doc in 0..n as u32 {
            let k = c.count()?;
            for _ in 0..k {
                let day = unzigzag(c.varint()?);
                let count = c.varint()?;
                if !(-1_000_000..=1_000_000).contains(&day) || count > 1_000_000 {
                    return Err(SplitError::Corrupt { file: name.into(), detail: "mention out of range".into() });
                }
                let date = Date::from_days_since_epoch(day);
                // The lane counts mentions per day; their places in the
                // text are found again from the article when passages are
                // shown.
                for _ in 0..count {
                    mentions.push(Mention { doc, date, block: 0, start: 0, end: 0, resolution: Resolution::Printed });
                }
            }
        }
        self.events = Some(EventIndex::new(EventsFile { version: EVENTS_VERSION, mentions }, n));
        Ok(())
    }

    fn add_stems(&mut self, k: usize, name: &str, data: &[u8]) -> Result<(), SplitError> {
        let payload = open(name, data, b"DLST", "stems")?;
        let mut c = cursor(name, &payload);
        let n = c.count()?;
        let mut groups = Vec::with_capacity(n);
        for _ in 0..n {
            let stem = c.string()?.to_string();
            let m = c.count()?;
            let mut members = Vec::with_capacity(m);
            for _ in 0..m {
                members.push(c.string()?.to_string());
            }
            groups.push((stem, members));
        }
        self.groups.extend(groups);
        self.stems[k] = true;
        Ok(())
    }

    fn add_ids(&mut self, k: usize, name: &str, data: &[u8]) -> Result<(), SplitError> {
        let payload = open(name, data, b"DLID", "ids")?;
        let mut c = cursor(name, &payload);
        let first = c.u32v()?;
        let n = c.count()?;
        let mut ids = Vec::with_capacity(n);
        for _ in 0..n {
            ids.push(c.string()?.to_string());
        }
        if u64::from(first) + n as u64 > u64::from(self.manifest.articles) {
            return Err(SplitError::Corrupt { file: name.into(), detail: "ids past the last article".into() });
        }
        self.ids[k] = Some((first, ids));
        Ok(())
    }

    /// Sets the budgets of the article cache: bytes of fragment files
    /// kept as fetched, bytes of decoded articles
    /// ([`super::FRAGMENT_BUDGET`], [`super::ARTICLE_BUDGET`]).
    pub fn set_article_budgets(&mut self, files: usize, articles: usize) {
        self.articles.set_budgets(files, articles);
    }

    /// What the store holds, in bytes of its largest parts (for the
    /// memory figures of `split_memory`).
    pub fn held(&self) -> Held {
        let inline = |entries: &BTreeMap<String, Entry>| -> usize {
            entries
                .iter()
                .map(|(t, e)| {
                    let list = |l: &List| if let List::Inline(b) = l { b.bytes().len() } else { 0 };
                    t.len() + list(&e.docs) + list(&e.positions) + 64
                })
                .sum()
        };
        let (fragments, articles) = self.articles.bytes();
        Held {
            fragments,
            articles,
            postings: self.postings.bytes(),
            positions: self.positions.bytes(),
            tails: self.tails.bytes() + self.bounded.values().map(|d| d.len() * 4).sum::<usize>(),
            dictionary: inline(&self.entries),
            pairs: inline(&self.pair_entries),
            index: self.index.as_ref().map_or(0, Index::heap_bytes),
            answers: self.answers.values().chain(self.deeper.values()).map(|a| a.len()).sum::<usize>()
                + self.decoded.iter().map(|(_, a)| a.docs.len() * 4 + a.top.len() * 12).sum::<usize>(),
        }
    }

    // ---- what views need ----------------------------------------------------

    /// The fragment file of an article.
    pub fn fragment_file(&self, doc: u32) -> Option<String> {
        self.fragment_of.get(doc as usize).map(|&k| self.manifest.fragments.file(k))
    }

    /// A whole article (metadata and texts), when it or its fragment is
    /// kept (`articles.rs`).
    pub fn article(&self, doc: u32) -> Option<Article> {
        let k = *self.fragment_of.get(doc as usize)?;
        self.articles.get(k, doc)
    }

    /// How many of `docs` are not here, and the fragment files they are
    /// in: what showing or exporting them all would fetch first. Marks
    /// nothing read (unlike [`SplitStore::need_articles`]).
    pub fn missing_articles(&self, docs: impl IntoIterator<Item = u32>) -> Missing {
        let mut files = std::collections::HashSet::new();
        let mut articles = 0;
        for d in docs {
            let Some(&k) = self.fragment_of.get(d as usize) else { continue };
            if !self.articles.holds(k, d) {
                articles += 1;
                files.insert(k);
            }
        }
        Missing { articles, files: files.len() }
    }

    /// The fragments still missing for some articles. The others count as
    /// read: these articles are about to be shown.
    pub fn need_articles(&self, docs: impl IntoIterator<Item = u32>) -> Need {
        let mut files: Vec<String> = docs
            .into_iter()
            .filter_map(|d| self.fragment_of.get(d as usize).map(|&k| (k, d)))
            .filter(|&(k, d)| !self.articles.ready(k, d))
            .map(|(k, _)| self.manifest.fragments.file(k))
            .collect();
        files.sort();
        files.dedup();
        Need::of(files)
    }

    /// The tail files that ranking the first `k` hits of `results` still
    /// needs (see "When the first rows are proven" in [`tiers`]):
    /// [`Need::Ready`] when none of those hits is a bounded document of a
    /// list the search read (the index's answer is then exact), else the
    /// tails of the bounded lists it read. `results` must come from a
    /// search on [`SplitStore::index`] as it is now; ask again after the
    /// tails arrive and the search runs again.
    pub fn unproven(&mut self, results: &Results, k: usize) -> Need {
        if self.proven_rows(results) >= k.min(results.hits.len()) {
            return Need::Ready;
        }
        let read: Vec<&String> = results.highlight.iter().filter(|t| self.bounded.contains_key(*t)).collect();
        let mut files: Vec<String> = read
            .iter()
            .filter_map(|t| self.entries.get(*t)?.tail)
            .filter(|&(k, _)| !self.tails.has(k))
            .map(|(k, _)| self.manifest.tails.file(k))
            .collect();
        files.sort();
        files.dedup();
        Need::of(files)
    }

    /// The fragments of the rows a query will most likely show, asked for
    /// while its last lists are still out: once its dictionary entries are
    /// all here (so [`SplitStore::missing`] asks for lists only: typo
    /// variants, stems and completions whose lists are in files the first
    /// round could not guess), the best `k` hits of the lists already here.
    /// Fetched in the same round as those lists, they save the round that
    /// the rows take after ranking whenever the lists still out do not
    /// change the first rows, which is the usual case: a variant's hits
    /// rank below the word's own, unless it is rare. When they do, the
    /// rows that changed are fetched after ranking, as without the guess,
    /// and the answer is the same either way: this only asks for files.
    /// Once per request (the app asks on every arrival); nothing before the
    /// dictionary is in or when nothing matches yet.
    pub fn early_articles(&mut self, req: &Request, k: usize) -> Need {
        if !self.columns || self.early.as_ref() == Some(req) {
            return Need::Ready;
        }
        let mut files = Vec::new();
        self.dictionary_needs(req, &mut files);
        if !files.is_empty() || !self.own_lists_here(req) {
            return Need::Ready;
        }
        self.early = Some(req.clone());
        let results = crate::search::Searcher::with_axis(self.index(), None).search_top(req, k);
        self.need_articles(results.hits.iter().map(|h| h.doc))
    }

    /// Whether the lists of the query's words as typed are all here: files
    /// arrive one by one, and a guess made before a word's own list is in
    /// would rank without it. A word that is no term (a word being typed,
    /// `nego`) has only completions and variants, whose order the lists
    /// still out decide: no guess then.
    fn own_lists_here(&self, req: &Request) -> bool {
        let query = parse(&req.query);
        let mut terms = query.groups.iter().flatten().flat_map(|atom| match atom {
            Atom::Term { field: Field::Author | Field::Outlet, .. }
            | Atom::Phrase { field: Field::Author | Field::Outlet, .. } => Vec::new(),
            Atom::Term { term, .. } => vec![term],
            Atom::Phrase { terms, .. } => terms.iter().collect(),
        });
        terms.all(|t| self.entries.get(t.as_str()).is_some_and(|e| e.docs.chunk().is_none_or(|k| self.postings.has(k))))
    }

    /// The events file, when loaded.
    pub fn events(&self) -> Option<&EventIndex> {
        self.events.as_ref()
    }

    /// The position of an article by id: `Ok(None)` when no article has
    /// that id, `Err` with the file to fetch first.
    pub fn doc_of_id(&self, id: &str) -> Result<Option<u32>, Need> {
        let Some(k) = chunk_of(&self.manifest.ids, id) else { return Ok(None) };
        match &self.ids[k] {
            None => Err(Need::Files(vec![self.manifest.ids[k].file.clone()])),
            Some((first, ids)) => Ok(ids.binary_search_by(|x| x.as_str().cmp(id)).ok().map(|i| first + i as u32)),
        }
    }

    /// The index over everything loaded so far (see the module docs).
    /// Built once the columns are in; after that, arrivals of dictionary
    /// chunks, groups and lists rebuild only its terms
    /// ([`Index::with_terms`]), and only when it is asked for.
    pub fn index(&mut self) -> &Index {
        // Only a corpus with tiered lists reads the norms here (a pass
        // over every article, which the index makes again for itself).
        if self.norms.is_none() {
            let norms =
                if self.manifest.tails.count > 0 { crate::search::field_norms(self.docs()) } else { Vec::new() };
            self.norms = Some(norms.into());
        }
        let norms = self.norms.clone().unwrap_or_else(|| Arc::from(Vec::new()));
        if let (Stale::Lists, Some(index)) = (self.stale, self.index.as_mut()) {
            // Only lists arrived: the terms waiting for them get them.
            let files = [&self.postings, &self.positions, &self.tails];
            for file in std::mem::take(&mut self.arrived) {
                let ids = self.waiting[file.0].get_mut(file.1 as usize).map(std::mem::take);
                for id in ids.unwrap_or_default() {
                    let Some((term, e)) = index.terms.get(id as usize).and_then(|t| self.entries.get_key_value(t))
                    else {
                        continue;
                    };
                    let (docs, positions, bounded) = lists_of(files, e, &norms);
                    index.set_lists(id, docs, positions);
                    match bounded {
                        Some(b) => self.bounded.insert(term.clone(), b),
                        None => self.bounded.remove(term),
                    };
                }
            }
            self.stale = Stale::No;
        }
        if self.stale != Stale::No || self.index.is_none() {
            let files = [&self.postings, &self.positions, &self.tails];
            let norms_of_terms = norms.clone();
            let bounded_lists = &mut self.bounded;
            bounded_lists.clear();
            // The old index's terms (every one of them is still an entry,
            // in the same order) are moved, not copied again.
            let mut old_terms = self.index.as_mut().map(|ix| std::mem::take(&mut ix.terms)).unwrap_or_default();
            old_terms.reverse();
            // The terms whose lists are in files still out, by file,
            // noted in the same pass.
            let waiting = &mut self.waiting;
            waiting.iter_mut().flatten().for_each(Vec::clear);
            let mut wait = |kind: usize, k: u32, id: usize| {
                let files = &mut waiting[kind];
                if files.len() <= k as usize {
                    files.resize_with(k as usize + 1, Vec::new);
                }
                files[k as usize].push(id as u32);
            };
            let terms = self.entries.iter().enumerate().map(move |(id, entry)| {
                while old_terms.last().is_some_and(|t| t < entry.0) {
                    old_terms.pop();
                }
                let name = old_terms.pop_if(|t| t == entry.0);
                let e = entry.1;
                let (docs, positions, bounded) = lists_of(files, e, &norms_of_terms);
                if let (None, Some(k)) = (&docs, e.docs.chunk()) {
                    wait(0, k, id);
                }
                if let (None, Some(k)) = (&positions, e.positions.chunk()) {
                    wait(1, k, id);
                }
                if let Some((k, _)) = e.tail.filter(|t| !files[2].has(t.0)) {
                    wait(2, k, id);
                }
                if let Some(b) = bounded {
                    bounded_lists.insert(entry.0.clone(), b);
                }
                TermData { term: name.unwrap_or_else(|| entry.0.clone()), df: e.df, docs, positions }
            });
            let parts = Parts {
                avg_len: self.manifest.avg_len,
                outlet_terms: self.manifest.outlet_terms.clone(),
                languages: self.manifest.languages.clone(),
                groups: self.groups.iter().map(|(k, m)| (k.clone(), m.clone())).collect(),
            };
            // The pair lists change only when a pair block arrives.
            let old_pairs = if self.pairs_stale { None } else { self.index.as_mut().and_then(Index::take_pairs) };
            let mut index = match (self.stale, self.index.take()) {
                // (Lists alone were given in place above.)
                (Stale::Terms, Some(old)) => old.with_terms(terms, parts),
                // The documents move into the index (`docs` reads them there).
                (_, old) => {
                    let docs = match old {
                        Some(mut old) if self.docs.is_empty() => std::mem::take(&mut old.docs),
                        _ => std::mem::take(&mut self.docs),
                    };
                    Index::from_parts(docs, terms, parts)
                }
            };
            if let Some(p) = &self.manifest.pairs {
                let pairs = match old_pairs {
                    Some((_, pairs)) => pairs,
                    None => {
                        let none = ListFiles::default();
                        let pairs = self.pair_entries.iter().map(|(term, e)| {
                            let (docs, positions, _) = lists_of([&none, &none, &none], e, &norms);
                            TermData { term: term.clone(), df: e.df, docs, positions }
                        });
                        Index::from_parts(Vec::new(), pairs, Parts::default())
                    }
                };
                index = index.with_pairs(p.min_df, pairs);
            }
            self.arrived.clear();
            self.pairs_stale = false;
            self.index = Some(index);
            self.stale = Stale::No;
        }
        self.index.get_or_insert_with(|| {
            Index::from_parts(Vec::new(), std::iter::empty(), Parts { avg_len: 1.0, ..Parts::default() })
        })
    }

    /// Number of loaded files a search reads (columns, authors, dictionary,
    /// typo chunks, stems, postings, positions, pair blocks, answers): it changes
    /// exactly when a search may give another answer (the app searches
    /// again when it does).
    pub fn index_files(&self) -> usize {
        usize::from(self.columns)
            + usize::from(self.authors)
            + self.dict.iter().filter(|&&d| d).count()
            + self.typos.iter().filter(|&&d| d).count()
            + self.stems.iter().filter(|&&d| d).count()
            + self.postings.loaded
            + self.positions.loaded
            + self.tails.loaded
            + self.pair_dict.iter().filter(|&&d| d).count()
            + self.answers.len()
            + self.deeper.len()
    }

    /// How many of the first hits of `results` (a search on
    /// [`SplitStore::index`] as it is now) are in their true order: all
    /// but those from the first bounded document of a tiered list the
    /// search read ([`tiers::proven_prefix`]).
    pub fn proven_rows(&mut self, results: &Results) -> usize {
        self.index();
        let bounded: Vec<&[u32]> =
            results.highlight.iter().filter_map(|t| self.bounded.get(t)).map(Vec::as_slice).collect();
        tiers::proven_prefix(&results.hits, &bounded)
    }

    /// Tiered lists read bounded, without their tails (for tests and
    /// diagnostics).
    pub fn bounded_lists(&self) -> usize {
        self.bounded.len()
    }

    /// Every file the store has, for tests and diagnostics.
    pub fn loaded_files(&self) -> HashSet<String> {
        self.manifest.files().into_iter().filter(|f| self.has(f)).collect()
    }
}

/// A list's bytes where they are: inline, or a range of its loaded file
/// (`None` while that file is out). A list number past the file's lists
/// (a damaged entry) is an empty list, which matches nothing.
fn slice(files: &ListFiles, list: &List) -> Option<SharedBytes> {
    match list {
        List::Inline(bytes) => Some(bytes.clone()),
        &List::In(k, item) => {
            let file = files.get(k)?;
            let range = file.items.get(item as usize).cloned().unwrap_or(0..0);
            SharedBytes::new(file.bytes.clone(), range)
        }
    }
}

/// A term's documents and positions parts as the index reads them, from
/// the postings, positions and tail files loaded (`files`). A tiered list
/// ([`tiers`]) with its tail is joined back whole; without it, its tail's
/// body frequencies are bounds and its positions are withheld (they are
/// read by frequency), and its bounded documents come third. A tiered
/// list that does not read back matches nothing, as a damaged list reads
/// only up to its damage.
fn lists_of(
    files: [&ListFiles; 3],
    e: &Entry,
    norms: &[[f32; 2]],
) -> (Option<SharedBytes>, Option<SharedBytes>, Option<Vec<u32>>) {
    let (docs, positions) = (slice(files[0], &e.docs), slice(files[1], &e.positions));
    let (Some((k, item)), Some(head)) = (e.tail, docs.as_ref()) else { return (docs, positions, None) };
    let whole = |bytes: Vec<u8>| Some(SharedBytes::whole(bytes.into()));
    let nothing = || whole(vec![0]);
    match slice(files[2], &List::In(k, item)) {
        Some(tail) => match tiers::join(head.bytes(), tail.bytes(), norms.len()) {
            Ok(list) => (whole(list), positions, None),
            Err(_) => (nothing(), None, None),
        },
        None => match tiers::bounded(head.bytes(), norms) {
            Ok((list, bounded)) => (whole(list), None, Some(bounded)),
            Err(_) => (nothing(), None, None),
        },
    }
}

/// The postings (or positions) files loaded, by number: read for every
/// term each time the index is brought up to date, so found by index, not
/// by hash.
#[derive(Debug, Default)]
struct ListFiles {
    files: Vec<Option<ListFile>>,
    /// How many are loaded.
    loaded: usize,
}

/// A loaded postings, positions or tail file: its lists in the index's
/// encoding, and where each is.
#[derive(Debug)]
struct ListFile {
    bytes: Arc<[u8]>,
    items: Vec<std::ops::Range<usize>>,
}

impl ListFiles {
    fn get(&self, k: u32) -> Option<&ListFile> {
        self.files.get(k as usize)?.as_ref()
    }

    fn has(&self, k: u32) -> bool {
        self.get(k).is_some()
    }

    /// Adds file `k` (a number below the manifest's count: the file's
    /// kind was found by it). Postings files store their lists in columns
    /// (`in_columns`), rebuilt into the index's encoding
    /// ([`super::packed`]); positions and tail files each list after its
    /// length.
    fn add(&mut self, k: u32, name: &str, data: &[u8], kind: &'static str, in_columns: bool) -> Result<(), SplitError> {
        let payload = open(name, data, b"DLPO", kind)?;
        let file = if in_columns {
            let (bytes, items) = super::packed::unpack(name, &payload[8..])?;
            ListFile { bytes: bytes.into(), items }
        } else {
            let bytes: Arc<[u8]> = Arc::from(&payload[8..]);
            let mut c = cursor(name, &payload[..]);
            let mut items = Vec::new();
            while c.at < payload.len() {
                let n = c.count()?;
                items.push(c.at - 8..c.at - 8 + n);
                c.bytes(n)?;
            }
            ListFile { bytes, items }
        };
        let k = k as usize;
        if self.files.len() <= k {
            self.files.resize_with(k + 1, || None);
        }
        if self.files[k].replace(file).is_none() {
            self.loaded += 1;
        }
        Ok(())
    }

    /// Bytes held.
    fn bytes(&self) -> usize {
        self.files.iter().flatten().map(|f| f.bytes.len() + f.items.len() * 16).sum()
    }
}

/// The entries of a dictionary chunk (the words', or a pair block), whose
/// lists are inline or in `postings` and `positions` files (none for a
/// pair block).
/// (`files`: how many postings, positions and tail files there are.)
fn parse_dict(name: &str, data: &[u8], files: [u32; 3]) -> Result<Vec<(String, Entry)>, SplitError> {
    // Shared: inline lists are ranges of it.
    let payload: Arc<[u8]> = open(name, data, b"DLDI", "dictionary")?.into();
    let mut c = cursor(name, &payload);
    let n = c.count()?;
    let mut prev = String::new();
    let mut entries = Vec::with_capacity(n);
    for _ in 0..n {
        // A prefix of the previous term, checked below (not a count of
        // bytes to come: a long shared prefix may exceed what is left).
        let shared = c.u32v()? as usize;
        let suffix = c.string()?;
        let Some(head) = prev.get(..shared) else {
            return Err(SplitError::Corrupt { file: name.into(), detail: "bad front coding".into() });
        };
        let term = format!("{head}{suffix}");
        let df = c.u32v()?;
        let mut list = |files: u32| -> Result<List, SplitError> {
            match c.u32v()? {
                0 => {
                    let n = c.count()?;
                    let from = c.at;
                    c.bytes(n)?;
                    SharedBytes::new(payload.clone(), from..from + n)
                        .map(List::Inline)
                        .ok_or_else(|| SplitError::Corrupt { file: name.into(), detail: "list out of range".into() })
                }
                k if k > files => {
                    Err(SplitError::Corrupt { file: name.into(), detail: "postings chunk out of range".into() })
                }
                k => Ok(List::In(k - 1, c.u32v()?)),
            }
        };
        let docs = list(files[0])?;
        let positions = list(files[1])?;
        // A tiered list's tail: 0 for none, else in a tail file.
        let tail = match c.u32v()? {
            0 => None,
            k if k > files[2] => {
                return Err(SplitError::Corrupt { file: name.into(), detail: "tail chunk out of range".into() });
            }
            k => Some((k - 1, c.u32v()?)),
        };
        if tail.is_some() && !matches!(docs, List::In(..)) {
            return Err(SplitError::Corrupt { file: name.into(), detail: "tiered list inline".into() });
        }
        let k = c.count()?;
        let mut extra = Vec::with_capacity(k);
        for _ in 0..k {
            extra.push(c.string()?.to_string());
        }
        let k = c.count()?;
        let mut cuts = Vec::with_capacity(k);
        for _ in 0..k {
            let cut = c.u32v()?;
            let inside = (cut as usize) < term.len() && cut > 0 && term.is_char_boundary(cut as usize);
            if !inside {
                return Err(SplitError::Corrupt { file: name.into(), detail: format!("cut {cut} outside {term:?}") });
            }
            cuts.push(cut);
        }
        entries.push((term.clone(), Entry { df, docs, positions, tail, extra, cuts }));
        prev = term;
    }
    Ok(entries)
}
