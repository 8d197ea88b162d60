//! The corpus as the views see it, in either layout.
//!
//! * **Embedded**: the build's last step (`tools/src/bin/dist.rs`) appends
//!   the corpus bundle ([`dateline_core::bundle`]) to the finished `.wasm`
//!   as a custom section; [`Data::load`] reads it back with
//!   `WebAssembly.Module.customSections` and everything is at hand.
//! * **Split**: the wasm carries only a manifest ([`dateline_core::split`]);
//!   the corpus is in content-named files under `data/`, fetched as views
//!   need them ([`crate::fetch`]). A view asks for what it shows
//!   ([`Data::full`], [`Data::search_top`], …); what is not here yet comes back
//!   as "pending" and is fetched, and when a file arrives the app renders
//!   again (the [`DataVersion`] context changes).
//!
//! The app's code never depends on the corpus, so a new corpus never
//! recompiles it.

use dateline_core::bundle::Bundle;
use dateline_core::events::{extended_axis, Event, EventIndex, EventsFile, Lane};
use dateline_core::index::{DocMeta, Index};
use dateline_core::model::{Article, Corpus, Date, Outlet};
use dateline_core::search::{Request, Results, Searcher};
use dateline_core::split::{Manifest, Need, SplitStore};
use dateline_core::store::TextStore;
use dateline_core::timeline::Axis;
use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;

/// Changes whenever fetched data arrives (split layout): components that
/// show fetched data read it with `use_context` so they render again.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DataVersion(pub u32);

/// The corpus attached to this wasm module: the embedded bundle or the
/// split layout's manifest.
#[cfg(target_arch = "wasm32")]
fn attached() -> Result<Attached, String> {
    use wasm_bindgen::JsCast;
    let module: js_sys::WebAssembly::Module =
        wasm_bindgen::module().dyn_into().map_err(|_| "the WebAssembly module is not reachable".to_string())?;
    let section = |name: &str| {
        let sections = js_sys::WebAssembly::Module::custom_sections(&module, name);
        (sections.length() > 0).then(|| js_sys::Uint8Array::new(&sections.get(0)).to_vec())
    };
    if let Some(bytes) = section(dateline_core::bundle::SECTION_NAME) {
        return Ok(Attached::Bundle(bytes));
    }
    if let Some(bytes) = section(dateline_core::split::MANIFEST_SECTION) {
        return Ok(Attached::Manifest(String::from_utf8(bytes).map_err(|e| format!("corpus manifest: {e}"))?));
    }
    Err("this build carries no corpus: build it with Trunk, whose post-build step (tools/src/bin/dist.rs) \
         attaches the corpus"
        .into())
}

/// Native unit tests read the default corpus through the same bundle.
#[cfg(all(not(target_arch = "wasm32"), test))]
fn attached() -> Result<Attached, String> {
    let dir = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"));
    let (corpus, _) = dateline_tools::ingest_paths(&[dir], None).map_err(|e| e.to_string())?;
    Ok(Attached::Bundle(dateline_core::bundle::build(&corpus).map_err(|e| e.to_string())?.0))
}

#[cfg(all(not(target_arch = "wasm32"), not(test)))]
fn attached() -> Result<Attached, String> {
    Err("the corpus is only attached to the browser build".into())
}

/// What the build attached (natively, in unit tests, only a bundle).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub enum Attached {
    /// The embedded layout's bundle.
    Bundle(Vec<u8>),
    /// The split layout's manifest (JSON).
    Manifest(String),
}

/// Everything the views read, in either layout.
pub struct Data {
    /// Corpus name.
    pub name: String,
    /// Outlets in slot order.
    pub outlets: Vec<Outlet>,
    /// Language codes of the articles in slot order (the search's
    /// language slots; one past the end is unknown).
    pub languages: Vec<String>,
    /// Number of articles.
    pub articles: usize,
    /// Words in all texts (counted at build time).
    pub total_words: u64,
    outlet_slots: HashMap<String, usize>,
    source: Source,
    /// Computed once the per-article columns are here.
    derived: RefCell<Option<Rc<Derived>>>,
    /// The last results ranked further on demand ([`Data::ranked_to`]):
    /// (as searched, ranked copy).
    ranked: RefCell<Option<(Rc<Results>, Rc<Results>)>>,
    /// The events lane's totals, for the events file they were made from
    /// ([`Data::event_days`]).
    lane: RefCell<Option<(Rc<EventIndex>, Rc<Lane>)>>,
}

/// What needs every article's date and outlet.
struct Derived {
    /// The timeline axis of the whole corpus: publication dates and nearby
    /// mentioned dates.
    axis: Option<Axis>,
    has_unknown_outlet: bool,
    /// Per outlet slot: whether the outlet publishes an article.
    publishes: Vec<bool>,
    /// Per outlet slot: whether articles group under the outlet when
    /// outlets are grouped by original source (it is the source of a
    /// reprint, or publishes an article that is not one).
    groups_by_source: Vec<bool>,
    /// Whether some article is a reprint (its original source is known).
    has_reprints: bool,
    /// Whether some article has neither a known outlet nor a known source.
    has_unknown_source: bool,
    first: Option<Date>,
    last: Option<Date>,
    undated: usize,
    /// Per document, its outlet slot (as [`Data::doc_slot`]): 4 bytes a
    /// document, where reading the slot from the documents' metadata
    /// missed the cache on every article of a large result (the events
    /// lane's grouping was the app's costliest function at 40k articles).
    slots: Vec<u32>,
}

enum Source {
    Embedded(Box<Embedded>),
    Split(Rc<crate::fetch::Split>),
}

struct Embedded {
    corpus: Corpus,
    texts: TextStore<'static>,
    index: Index,
    events: Rc<EventIndex>,
    by_id: HashMap<String, usize>,
    /// Articles read from the store most recently ([`Data::full`]).
    recent: RefCell<Recent>,
}

/// What a search gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Searched {
    /// The results.
    Done(Rc<Results>),
    /// Waiting for files (split layout); shown as "searching".
    Pending,
}

/// Articles read recently, most recent first: rows that stay on screen
/// while the user types (or scrolls back) are not inflated again.
struct Recent {
    cap: usize,
    items: VecDeque<(u32, Article)>,
}

impl Recent {
    fn new(cap: usize) -> Recent {
        Recent { cap, items: VecDeque::with_capacity(cap + 1) }
    }

    fn get(&mut self, doc: u32) -> Option<Article> {
        let at = self.items.iter().position(|(d, _)| *d == doc)?;
        let item = self.items.remove(at)?;
        let article = item.1.clone();
        self.items.push_front(item);
        Some(article)
    }

    fn put(&mut self, doc: u32, article: Article) {
        self.items.push_front((doc, article));
        self.items.truncate(self.cap);
    }
}

/// Articles kept by [`Recent`]: a few screens of result rows.
const RECENT_ARTICLES: usize = 48;

impl PartialEq for Data {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Data {
    /// Reads the corpus the build attached to the app.
    pub fn load() -> Result<Data, String> {
        match attached()? {
            // The bundle lives as long as the page: it is leaked once, so
            // the text store can read articles in place.
            Attached::Bundle(bytes) => Data::from_bundle(Box::leak(bytes.into_boxed_slice())),
            Attached::Manifest(json) => {
                let manifest = Manifest::from_json(&json).map_err(|e| e.to_string())?;
                Ok(Data::from_manifest(manifest, crate::fetch::base_url()))
            }
        }
    }

    /// Opens a bundle's parts (see [`dateline_core::bundle`]).
    pub fn from_bundle(bytes: &'static [u8]) -> Result<Data, String> {
        let bundle = Bundle::parse(bytes).map_err(|e| e.to_string())?;
        let part = |name| bundle.part(name).map_err(|e| e.to_string());
        let corpus_json = std::str::from_utf8(part("corpus.json")?).map_err(|e| format!("corpus.json: {e}"))?;
        let corpus = Corpus::from_json(corpus_json).map_err(|e| e.to_string())?;
        // The index and the texts are written by the same build as the
        // corpus; a mismatch is a broken build, not something to repair.
        let index = Index::from_bytes(part("index.bin")?).map_err(|e| format!("search index: {e}"))?;
        let texts = TextStore::from_bytes(part("texts.bin")?).map_err(|e| e.to_string())?;
        if index.len() != corpus.articles.len() || texts.len() != corpus.articles.len() {
            return Err(format!(
                "corpus ({}), index ({}) and texts ({}) disagree on the number of articles; rebuild",
                corpus.articles.len(),
                index.len(),
                texts.len()
            ));
        }
        let events_json = std::str::from_utf8(part("events.json")?).map_err(|e| format!("events.json: {e}"))?;
        let events =
            EventIndex::new(EventsFile::from_json(events_json).map_err(|e| e.to_string())?, corpus.articles.len());
        let by_id = corpus.articles.iter().enumerate().map(|(i, a)| (a.id.clone(), i)).collect();
        let data = Data {
            name: corpus.name.clone(),
            outlets: corpus.outlets.clone(),
            languages: index.languages.clone(),
            articles: corpus.articles.len(),
            total_words: texts.total_words(),
            outlet_slots: slots_of(&corpus.outlets),
            derived: RefCell::new(None),
            ranked: RefCell::new(None),
            lane: RefCell::new(None),
            source: Source::Embedded(Box::new(Embedded {
                corpus,
                texts,
                index,
                events: Rc::new(events),
                by_id,
                recent: RefCell::new(Recent::new(RECENT_ARTICLES)),
            })),
        };
        Ok(data)
    }

    /// A split corpus: nothing fetched yet (the app calls [`Data::start`]).
    pub fn from_manifest(manifest: Manifest, base: String) -> Data {
        Data {
            name: manifest.name.clone(),
            outlets: manifest.outlets.clone(),
            languages: manifest.languages.clone(),
            articles: manifest.articles as usize,
            total_words: manifest.total_words,
            outlet_slots: slots_of(&manifest.outlets),
            derived: RefCell::new(None),
            ranked: RefCell::new(None),
            lane: RefCell::new(None),
            source: Source::Split(Rc::new(crate::fetch::Split::new(SplitStore::new(manifest), base))),
        }
    }

    /// Which layout this corpus came in (`embedded` or `split`).
    pub fn layout(&self) -> &'static str {
        match self.source {
            Source::Embedded(_) => "embedded",
            Source::Split(_) => "split",
        }
    }

    /// Calls `f` whenever fetched data arrives or a fetch fails.
    pub fn on_change(&self, f: impl Fn() + 'static) {
        if let Source::Split(s) = &self.source {
            s.set_notify(Rc::new(f));
        }
    }

    /// Changes when files that a search reads arrive (split layout): the
    /// columns, dictionary, stem, posting and author files; not article
    /// fragments, ids or mentioned days. A retry after a failed fetch
    /// changes it too, so the waiting search asks for its files again.
    pub fn index_version(&self) -> (usize, usize) {
        match &self.source {
            Source::Embedded(_) => (0, 0),
            Source::Split(s) => (s.store().index_files(), s.retries()),
        }
    }

    /// Starts fetching what every view needs (split layout).
    pub fn start(&self) {
        if let Source::Split(s) = &self.source {
            let need = s.store().start();
            s.request(need);
        }
    }

    /// Whether the views can be shown (the split layout's columns are here).
    pub fn ready(&self) -> bool {
        match &self.source {
            Source::Embedded(_) => true,
            Source::Split(s) => s.store().ready(),
        }
    }

    /// Files being fetched, and the first fetch error (split layout).
    pub fn status(&self) -> (usize, Option<String>) {
        match &self.source {
            Source::Embedded(_) => (0, None),
            Source::Split(s) => s.status(),
        }
    }

    /// Forgets failed fetches and tries again.
    pub fn retry(&self) {
        if let Source::Split(s) = &self.source {
            s.retry();
        }
    }

    /// Calls `f` with every article's search metadata (outlet, day,
    /// lengths); `None` while the split layout's columns are not here.
    fn with_docs<R>(&self, f: impl FnOnce(&[DocMeta]) -> R) -> Option<R> {
        match &self.source {
            Source::Embedded(e) => Some(f(&e.index.docs)),
            Source::Split(s) => {
                let store = s.store();
                store.ready().then(|| f(store.docs()))
            }
        }
    }

    fn derived(&self) -> Option<Rc<Derived>> {
        if let Some(d) = self.derived.borrow().as_ref() {
            return Some(d.clone());
        }
        let published: Vec<Date> = self.with_docs(|docs| {
            docs.iter().filter_map(|d| d.day).map(|d| Date::from_days_since_epoch(i64::from(d))).collect()
        })?;
        let has_unknown_outlet = self.with_docs(|docs| docs.iter().any(|d| d.outlet.is_none()))?;
        let n = self.outlets.len();
        let slots = self.with_docs(|docs| {
            let unknown = u32::try_from(n).unwrap_or(u32::MAX);
            docs.iter().map(|d| d.outlet.unwrap_or(unknown)).collect()
        })?;
        let (publishes, groups_by_source, has_reprints, has_unknown_source) = self.with_docs(|docs| {
            let (mut publishes, mut groups) = (vec![false; n], vec![false; n]);
            for d in docs {
                if let Some(o) = d.outlet.and_then(|o| publishes.get_mut(o as usize)) {
                    *o = true;
                }
                if let Some(g) = d.source.or(d.outlet).and_then(|o| groups.get_mut(o as usize)) {
                    *g = true;
                }
            }
            let reprints = docs.iter().any(|d| d.source.is_some());
            let unknown_source = docs.iter().any(|d| d.outlet.is_none() && d.source.is_none());
            (publishes, groups, reprints, unknown_source)
        })?;
        let axis = match &self.source {
            Source::Embedded(e) => extended_axis(published.iter().copied(), e.events.dates()),
            // The build stored the same axis's ends (the mentioned dates
            // arrive later, and the axis must not move).
            Source::Split(s) => {
                let m = s.store().manifest().clone();
                m.axis.and_then(|(a, b)| Axis::new([a, b]))
            }
        };
        let d = Rc::new(Derived {
            axis,
            has_unknown_outlet,
            publishes,
            groups_by_source,
            has_reprints,
            has_unknown_source,
            first: published.iter().min().copied(),
            last: published.iter().max().copied(),
            undated: self.articles - published.len(),
            slots,
        });
        *self.derived.borrow_mut() = Some(d.clone());
        Some(d)
    }

    /// The timeline axis of the whole corpus.
    pub fn axis(&self) -> Option<Axis> {
        self.derived().and_then(|d| d.axis.clone())
    }

    /// Earliest and latest publication dates and the undated count.
    pub fn date_stats(&self) -> (Option<Date>, Option<Date>, usize) {
        self.derived().map_or((None, None, 0), |d| (d.first, d.last, d.undated))
    }

    /// Whether some article has no known outlet.
    pub fn has_unknown_outlet(&self) -> bool {
        self.derived().is_some_and(|d| d.has_unknown_outlet)
    }

    /// Whether outlet slot `slot` has articles in a grouping (by publisher,
    /// or by original source).
    pub fn in_grouping(&self, slot: usize, by_source: bool) -> bool {
        self.derived().is_some_and(|d| {
            let flags = if by_source { &d.groups_by_source } else { &d.publishes };
            flags.get(slot).copied().unwrap_or(false)
        })
    }

    /// Whether some article is a reprint of a known original source.
    pub fn has_reprints(&self) -> bool {
        self.derived().is_some_and(|d| d.has_reprints)
    }

    /// Whether some article has neither a known outlet nor a known source.
    pub fn has_unknown_source(&self) -> bool {
        self.derived().is_some_and(|d| d.has_unknown_source)
    }

    /// The timeline axis for a selected range (zoomed) or the whole corpus.
    pub fn view_axis(&self, range: Option<(Date, Date)>) -> Option<Axis> {
        match range {
            Some((from, to)) => Axis::spanning(from, to),
            None => self.axis(),
        }
    }

    /// `[first, end)` of the corpus axis.
    pub fn span(&self) -> Option<(Date, Date)> {
        self.axis().map(|a| (a.starts[0], a.end))
    }

    /// An outlet by key.
    pub fn outlet(&self, key: &str) -> Option<&Outlet> {
        self.outlet_slots.get(key).and_then(|&i| self.outlets.get(i))
    }

    /// The name of an outlet slot ("Unknown outlet" past the last).
    pub fn outlet_name(&self, slot: usize) -> &str {
        self.outlets.get(slot).map_or("Unknown outlet", |o| o.name.as_str())
    }

    /// [`Data::doc_slot`] for many documents: one lookup in a table of
    /// every document's slot (built once), no borrow per document.
    pub fn doc_slots(&self) -> impl Fn(u32) -> usize + '_ {
        let (derived, n) = (self.derived(), self.outlets.len());
        move |doc| match &derived {
            Some(d) => d.slots.get(doc as usize).map_or(n, |&s| s as usize),
            None => self.doc_slot(doc),
        }
    }

    /// Outlet slot of an article (`outlets.len()` = unknown).
    pub fn doc_slot(&self, doc: u32) -> usize {
        let n = self.outlets.len();
        self.with_docs(|docs| docs.get(doc as usize).and_then(|d| d.outlet).map_or(n, |o| o as usize)).unwrap_or(n)
    }

    /// Language slot of a language code (`languages.len()` = unknown).
    pub fn language_slot(&self, code: &str) -> Option<usize> {
        if code == crate::state::UNKNOWN_LANGUAGE {
            return Some(self.languages.len());
        }
        self.languages.iter().position(|l| l == code)
    }

    /// Outlet slot of an outlet key (`outlets.len()` = unknown).
    pub fn slot_of(&self, key: &str) -> Option<usize> {
        if key == crate::state::UNKNOWN_OUTLET {
            return Some(self.outlets.len());
        }
        self.outlet_slots.get(key).copied()
    }

    /// Position of an article by id; `None` when unknown or, in the split
    /// layout, while its ids file is fetched (the view asks again).
    pub fn doc_of(&self, id: &str) -> Option<u32> {
        match &self.source {
            Source::Embedded(e) => e.by_id.get(id).and_then(|&i| u32::try_from(i).ok()),
            Source::Split(s) => {
                let found = s.store().doc_of_id(id);
                match found {
                    Ok(doc) => doc,
                    Err(need) => {
                        s.request(need);
                        None
                    }
                }
            }
        }
    }

    /// Whether a URL's article id can be kept: it exists (embedded), or
    /// may exist and is looked up when shown (split).
    pub fn may_have_id(&self, id: &str) -> bool {
        match &self.source {
            Source::Embedded(e) => e.by_id.contains_key(id),
            Source::Split(_) => !id.is_empty(),
        }
    }

    /// The whole article `doc`, texts included; `None` while the split
    /// layout fetches it (the view renders again when it arrives).
    pub fn full(&self, doc: u32) -> Option<Article> {
        match &self.source {
            Source::Embedded(e) => {
                if let Some(a) = e.recent.borrow_mut().get(doc) {
                    return Some(a);
                }
                let meta = e.corpus.articles.get(doc as usize)?;
                let article = e.texts.fill(doc, meta).ok()?;
                e.recent.borrow_mut().put(doc, article.clone());
                Some(article)
            }
            Source::Split(s) => {
                let found = s.store().article(doc);
                if found.is_none() {
                    let need = s.store().need_articles([doc]);
                    s.request(need);
                }
                found
            }
        }
    }

    /// Whether the articles come in fetched files (the split layout).
    pub fn is_split(&self) -> bool {
        matches!(self.source, Source::Split(_))
    }

    /// How many of `docs` are not here yet, and in how many files
    /// (none in the embedded layout); fetches nothing.
    pub fn missing_articles(&self, docs: &[u32]) -> dateline_core::split::Missing {
        match &self.source {
            Source::Embedded(_) => Default::default(),
            Source::Split(s) => s.store().missing_articles(docs.iter().copied()),
        }
    }

    /// Whether every article of `docs` can be read now; fetches the rest.
    pub fn have_articles(&self, docs: &[u32]) -> bool {
        match &self.source {
            Source::Embedded(_) => true,
            Source::Split(s) => {
                let need = s.store().need_articles(docs.iter().copied());
                let ready = need == Need::Ready;
                s.request(need);
                ready
            }
        }
    }

    /// In the split layout, fetches the mentioned dates once the network
    /// is idle (see [`crate::fetch::Split::fetch_events_when_idle`]).
    pub fn fetch_events_when_idle(&self) {
        if let Source::Split(s) = &self.source {
            s.fetch_events_when_idle();
        }
    }

    /// The dates the articles mention; `None` while fetched.
    pub fn events(&self) -> Option<Rc<EventIndex>> {
        match &self.source {
            Source::Embedded(e) => Some(e.events.clone()),
            Source::Split(s) => s.events(),
        }
    }

    /// The mentioned days of `docs` (the events lane), once the events
    /// file is here. The first call totals the whole corpus ([`Lane`]), so
    /// that a query matching most of it counts only the articles it leaves
    /// out.
    pub fn event_days(&self, docs: &[u32]) -> Option<Vec<Event>> {
        let events = self.events()?;
        let cached = self.lane.borrow().as_ref().filter(|(of, _)| Rc::ptr_eq(of, &events)).map(|(_, l)| l.clone());
        let lane = match cached {
            Some(lane) => lane,
            None => match self.derived() {
                Some(d) => {
                    let unknown = u32::try_from(self.outlets.len()).unwrap_or(u32::MAX);
                    let lane = Rc::new(Lane::new(&events, d.slots.clone(), unknown));
                    *self.lane.borrow_mut() = Some((events.clone(), lane.clone()));
                    lane
                }
                None => return Some(dateline_core::events::group(&events, docs, &self.doc_slots())),
            },
        };
        Some(lane.group(&events, docs))
    }

    /// Runs a search, counting the timeline on `axis` and ranking only the
    /// best `k` hits (`docs` has every hit; [`Data::ranked_to`] ranks more
    /// later). In the split layout it first fetches what the
    /// query needs ([`Searched::Pending`]).
    pub fn search_top(&self, req: &Request, axis: Option<Axis>, k: usize) -> Searched {
        self.run(req, axis, k)
    }

    /// Like [`Data::search_top`] but ranks no hit: for counts only (compared
    /// queries, the outlets' output), the same facets and histogram.
    pub fn count(&self, req: &Request, axis: Option<Axis>) -> Searched {
        self.run(req, axis, 0)
    }

    fn run(&self, req: &Request, axis: Option<Axis>, k: usize) -> Searched {
        match &self.source {
            Source::Embedded(e) => Searched::Done(Rc::new(Searcher::with_axis(&e.index, axis).search_top(req, k))),
            Source::Split(s) => {
                let mut store = s.store_mut();
                // A common word being typed is answered from its stored
                // answer when the corpus has one that serves the request
                // (`split/answers.rs`), else from the lists.
                match store.need(req, k) {
                    Need::Ready => {
                        let results = match store.answered(req, axis.clone(), k) {
                            Some(results) => results,
                            None => {
                                let results = Searcher::with_axis(store.index(), axis).search_top(req, k);
                                // Tiered lists (`split/tiers.rs`, when the
                                // build wrote any) come without most of
                                // their frequencies: when the first rows
                                // are not proven without them, their tails
                                // first (the rows may change, so their
                                // articles wait).
                                if let tails @ Need::Files(_) = store.unproven(&results, k) {
                                    drop(store);
                                    s.request(tails);
                                    return Searched::Pending;
                                }
                                results
                            }
                        };
                        // The first rows' articles are fetched now, not
                        // once the list has rendered them.
                        let top = results.hits.iter().take(FIRST_ROWS).map(|h| h.doc);
                        let need = store.need_articles(top);
                        drop(store);
                        s.request(need);
                        Searched::Done(Rc::new(results))
                    }
                    need => {
                        // With the query's last lists, the fragments of
                        // the rows they most likely leave first (once per
                        // request; see `SplitStore::early_articles`).
                        let early = store.early_articles(req, FIRST_ROWS);
                        drop(store);
                        s.request(need);
                        s.request(early);
                        Searched::Pending
                    }
                }
            }
        }
    }

    /// `results` with at least its first `n` hits ranked (all of them for
    /// `usize::MAX`): the results themselves when they are, else a copy
    /// ranked further, kept for the next call on the same results (a
    /// scrolled list ranks more as it goes: to twice as far each time).
    ///
    /// In the split layout, ranking past the first rows may need the tails
    /// of frequent words' lists (`split/tiers.rs`): until they arrive the
    /// copy holds only the hits whose order is proven (fewer than `n`;
    /// callers needing all wait for [`Results::fully_ranked`]), and when
    /// they do the search runs again (they change
    /// [`Data::index_version`]).
    pub fn ranked_to(&self, results: &Rc<Results>, n: usize) -> Rc<Results> {
        let n = n.min(results.len());
        if results.ranked() >= n {
            return results.clone();
        }
        let mut cache = self.ranked.borrow_mut();
        let mut copy = match cache.take() {
            Some((searched, copy)) if Rc::ptr_eq(&searched, results) => copy,
            _ => results.clone(),
        };
        if copy.ranked() < n {
            let to = n.max(copy.ranked().saturating_mul(2));
            let rank =
                |index: &dateline_core::index::Index, r: &mut Results| Searcher::with_axis(index, None).rank_to(r, to);
            match &self.source {
                Source::Embedded(e) => rank(&e.index, Rc::make_mut(&mut copy)),
                Source::Split(s) => {
                    let mut store = s.store_mut();
                    let ranked = Rc::make_mut(&mut copy);
                    if let Some(hits) = store.answered_hits(ranked, to) {
                        // Still within a stored answer's top.
                        ranked.hits = hits;
                    } else if let Some(deeper) = store.deeper_need(ranked, to) {
                        // Past its top: from its deeper hits (their
                        // arrival runs the search again).
                        drop(store);
                        s.request(deeper);
                    } else if let lists @ Need::Files(_) = store.missing(&ranked.request) {
                        // Answered from a stored answer, ranked as far as
                        // its top goes: the lists for the rest (their
                        // arrival runs the search again).
                        drop(store);
                        s.request(lists);
                    } else {
                        let before = ranked.hits.clone();
                        rank(store.index(), ranked);
                        if let tails @ Need::Files(_) = store.unproven(ranked, ranked.hits.len()) {
                            // Only the proven hits: those before the first
                            // one whose score is a bound; never fewer than
                            // were ranked already (a stored answer's exact
                            // hits, which needed no tails).
                            let proven = store.proven_rows(ranked);
                            ranked.hits.truncate(proven);
                            if ranked.hits.len() < before.len() {
                                ranked.hits = before;
                            }
                            drop(store);
                            s.request(tails);
                        }
                    }
                }
            }
        }
        *cache = Some((results.clone(), copy.clone()));
        copy
    }
}

/// Rows whose articles a split search fetches as soon as it is ranked
/// (the result list's first window).
const FIRST_ROWS: usize = 8;

fn slots_of(outlets: &[Outlet]) -> HashMap<String, usize> {
    outlets.iter().enumerate().map(|(i, o)| (o.key.clone(), i)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str) -> Article {
        let mut a = Data::load().expect("embedded corpus").full(0).expect("article");
        a.id = id.into();
        a
    }

    #[test]
    fn recent_articles_keep_the_last_used_and_drop_the_oldest() {
        let mut r = Recent::new(2);
        r.put(1, article("a"));
        r.put(2, article("b"));
        // Reading 1 makes it the most recent, so 2 is dropped for 3.
        assert_eq!(r.get(1).map(|a| a.id), Some("a".to_string()));
        r.put(3, article("c"));
        assert!(r.get(2).is_none());
        assert_eq!(r.get(1).map(|a| a.id), Some("a".to_string()));
        assert_eq!(r.get(3).map(|a| a.id), Some("c".to_string()));
    }

    #[test]
    fn full_articles_are_the_same_from_the_store_and_from_the_cache() {
        let data = Data::load().expect("embedded corpus");
        for doc in 0..data.articles as u32 {
            let first = data.full(doc).expect("stored");
            assert!(!first.body.is_empty() || !first.lead.is_empty());
            assert_eq!(data.full(doc), Some(first));
        }
    }
}
