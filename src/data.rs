//! The corpus and its search index, both prepared at build time (see
//! `build.rs`) and embedded in the wasm module.

use dateline_core::events::{extended_axis, EventIndex, EventsFile};
use dateline_core::index::Index;
use dateline_core::model::{Article, Corpus, Date};
use dateline_core::store::TextStore;
use dateline_core::timeline::Axis;
use std::collections::HashMap;

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
    /// Dates the articles mention (events lane).
    pub events: EventIndex,
}

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
        let events =
            EventIndex::new(EventsFile::from_json(EVENTS_JSON).map_err(|e| e.to_string())?, corpus.articles.len());
        let published = index.docs.iter().filter_map(|d| d.day).map(|d| Date::from_days_since_epoch(i64::from(d)));
        let axis = extended_axis(published, events.dates());
        Ok(Data { corpus, texts, index, by_id, axis, has_unknown_outlet, events })
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
        let meta = self.corpus.articles.get(doc as usize)?;
        self.texts.fill(doc, meta).ok()
    }

    /// Outlet slot of an article (`outlets.len()` = unknown outlet).
    pub fn doc_slot(&self, doc: u32) -> usize {
        self.index.docs[doc as usize].outlet.map_or(self.corpus.outlets.len(), usize::from)
    }

    /// Outlet slot of an outlet key (`outlets.len()` = unknown).
    pub fn slot_of(&self, key: &str) -> Option<usize> {
        if key == crate::state::UNKNOWN_OUTLET {
            return Some(self.corpus.outlets.len());
        }
        self.corpus.outlets.iter().position(|o| o.key == key)
    }
}
