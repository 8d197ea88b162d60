//! The corpus and its search index, both prepared at build time (see
//! `build.rs`) and embedded in the wasm module.

use dateline_core::events::{extended_axis, EventIndex, EventsFile};
use dateline_core::index::Index;
use dateline_core::model::{Article, Corpus, Date};
use dateline_core::store::TextStore;
use dateline_core::timeline::Axis;
use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};

static CORPUS_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/corpus.json"));
static INDEX_BIN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/index.bin"));
static TEXTS_BIN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/texts.bin"));
static EVENTS_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/events.json"));

/// Everything the views read: corpus, index and lookups.
pub struct Data {
    /// The cleaned corpus: metadata only; texts are in [`Data::texts`].
    pub corpus: Corpus,
    /// Article texts, read on demand ([`Data::full`]).
    pub texts: TextStore<'static>,
    /// Its inverted index.
    pub index: Index,
    /// Article id → position.
    pub by_id: HashMap<String, usize>,
    /// The timeline axis of the whole corpus (fixed while the user types):
    /// publication dates and nearby mentioned dates.
    pub axis: Option<Axis>,
    /// Whether some article has no known outlet.
    pub has_unknown_outlet: bool,
    /// Per outlet slot: whether the outlet publishes an article.
    pub publishes: Vec<bool>,
    /// Per outlet slot: whether articles group under the outlet when
    /// outlets are grouped by original source (it is the source of a
    /// reprint, or publishes an article that is not one).
    pub groups_by_source: Vec<bool>,
    /// Whether some article is a reprint (its original source is known).
    pub has_reprints: bool,
    /// Whether some article has neither a known outlet nor a known source.
    pub has_unknown_source: bool,
    /// Dates the articles mention (events lane).
    pub events: EventIndex,
    /// Articles read from the store most recently ([`Data::full`]).
    recent: RefCell<Recent>,
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
    /// Parses the embedded corpus and indexes it.
    pub fn load() -> Result<Data, String> {
        let corpus = Corpus::from_json(CORPUS_JSON).map_err(|e| e.to_string())?;
        // The index and the texts are written by the same build as the
        // corpus; a mismatch is a broken build, not something to repair.
        let index = Index::from_bytes(INDEX_BIN).map_err(|e| format!("search index: {e}"))?;
        let texts = TextStore::from_bytes(TEXTS_BIN).map_err(|e| e.to_string())?;
        if index.len() != corpus.articles.len() || texts.len() != corpus.articles.len() {
            return Err(format!(
                "corpus ({}), index ({}) and texts ({}) disagree on the number of articles; rebuild",
                corpus.articles.len(),
                index.len(),
                texts.len()
            ));
        }
        let by_id = corpus.articles.iter().enumerate().map(|(i, a)| (a.id.clone(), i)).collect();
        let has_unknown_outlet = index.docs.iter().any(|d| d.outlet.is_none());
        let n = corpus.outlets.len();
        let (mut publishes, mut groups_by_source) = (vec![false; n], vec![false; n]);
        for d in &index.docs {
            if let Some(o) = d.outlet.and_then(|o| publishes.get_mut(o as usize)) {
                *o = true;
            }
            if let Some(g) = d.source.or(d.outlet).and_then(|o| groups_by_source.get_mut(o as usize)) {
                *g = true;
            }
        }
        let has_reprints = index.docs.iter().any(|d| d.source.is_some());
        let has_unknown_source = index.docs.iter().any(|d| d.outlet.is_none() && d.source.is_none());
        let events =
            EventIndex::new(EventsFile::from_json(EVENTS_JSON).map_err(|e| e.to_string())?, corpus.articles.len());
        let published = index.docs.iter().filter_map(|d| d.day).map(|d| Date::from_days_since_epoch(i64::from(d)));
        let axis = extended_axis(published, events.dates());
        Ok(Data {
            corpus,
            texts,
            index,
            by_id,
            axis,
            has_unknown_outlet,
            publishes,
            groups_by_source,
            has_reprints,
            has_unknown_source,
            events,
            recent: RefCell::new(Recent::new(RECENT_ARTICLES)),
        })
    }

    /// The timeline axis for a selected range (zoomed) or the whole corpus.
    pub fn view_axis(&self, range: Option<(Date, Date)>) -> Option<Axis> {
        match range {
            Some((from, to)) => Axis::spanning(from, to),
            None => self.axis.clone(),
        }
    }

    /// `[first, end)` of the corpus axis.
    pub fn span(&self) -> Option<(Date, Date)> {
        self.axis.as_ref().map(|a| (a.starts[0], a.end))
    }

    /// Article metadata by id (no texts; see [`Data::full`]).
    pub fn article(&self, id: &str) -> Option<&Article> {
        self.by_id.get(id).map(|&i| &self.corpus.articles[i])
    }

    /// Position of an article by id.
    pub fn doc_of(&self, id: &str) -> Option<u32> {
        self.by_id.get(id).and_then(|&i| u32::try_from(i).ok())
    }

    /// The whole article `doc`, texts included (read from the store).
    pub fn full(&self, doc: u32) -> Option<Article> {
        if let Some(a) = self.recent.borrow_mut().get(doc) {
            return Some(a);
        }
        let meta = self.corpus.articles.get(doc as usize)?;
        let article = self.texts.fill(doc, meta).ok()?;
        self.recent.borrow_mut().put(doc, article.clone());
        Some(article)
    }

    /// [`Data::full`], or the metadata alone (no texts) should the store
    /// fail to read, for views that list several articles and would rather
    /// show a title than drop one.
    pub fn full_or_meta(&self, doc: u32) -> Article {
        self.full(doc).unwrap_or_else(|| self.corpus.articles[doc as usize].clone())
    }

    /// Outlet slot of an article (`outlets.len()` = unknown outlet).
    pub fn doc_slot(&self, doc: u32) -> usize {
        self.index.docs[doc as usize].outlet.map_or(self.corpus.outlets.len(), |o| o as usize)
    }

    /// Outlet slot of an outlet key (`outlets.len()` = unknown).
    pub fn slot_of(&self, key: &str) -> Option<usize> {
        if key == crate::state::UNKNOWN_OUTLET {
            return Some(self.corpus.outlets.len());
        }
        self.corpus.outlets.iter().position(|o| o.key == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str) -> Article {
        let mut a = Data::load().expect("embedded corpus").corpus.articles[0].clone();
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
        for doc in 0..data.corpus.articles.len() as u32 {
            let first = data.full(doc).expect("stored");
            assert!(!first.body.is_empty() || !first.lead.is_empty());
            assert_eq!(data.full(doc), Some(first));
        }
    }
}
