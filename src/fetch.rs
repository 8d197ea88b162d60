//! Fetching the split layout's files (see `dateline_core::split`).
//!
//! Views ask [`crate::data::Data`] for what they show; what the store does
//! not have yet becomes a [`Need`], and [`Split::request`] queues its files.
//! At most [`PARALLEL`] requests run at once (plain GETs of relative URLs
//! under `data/`, so the app works under any sub-path; the files are
//! content-named, so the browser may cache them forever). Each arrival is
//! handed to the store and the app is told to render again; a failure is
//! kept, shown with a retry button, and never turned into a silently
//! incomplete answer: a search that lacks a file stays "pending".
//! The mentioned dates (the events lane's file, 72 KB at 44,000 articles)
//! wait until nothing else is being fetched, [`IDLE_MS`] after the queue
//! ran empty, so they do not compete with the first rows or a query's
//! lists for the bandwidth.

use dateline_core::events::EventIndex;
use dateline_core::split::{Need, SplitStore, DATA_DIR};
use std::cell::{Ref, RefCell, RefMut};
use std::collections::{BTreeMap, HashSet, VecDeque};
use std::rc::Rc;

/// Requests in flight at most.
const PARALLEL: usize = 6;

/// Quiet time before the files fetched only when nothing else is start.
const IDLE_MS: u32 = 150;

/// The base URL of the data files, relative to the page.
pub fn base_url() -> String {
    format!("./{DATA_DIR}/")
}

/// Whether the page was opened from disk, where browsers refuse to fetch
/// files (the split layout then cannot work; the app says so).
pub fn from_disk() -> bool {
    web_sys::window().and_then(|w| w.location().protocol().ok()).is_some_and(|p| p == "file:")
}

/// A split corpus and its fetching.
pub struct Split {
    store: RefCell<SplitStore>,
    base: String,
    queue: RefCell<VecDeque<String>>,
    /// Files fetched only when nothing else is queued or in flight.
    later: RefCell<VecDeque<String>>,
    /// Whether a quiet-time check is pending ([`Split::when_idle`]).
    idle_wait: std::cell::Cell<bool>,
    inflight: RefCell<HashSet<String>>,
    failed: RefCell<BTreeMap<String, String>>,
    notify: RefCell<Option<Rc<dyn Fn()>>>,
    events: RefCell<Option<Rc<EventIndex>>>,
    /// Times the user asked to retry failed fetches.
    retries: std::cell::Cell<usize>,
}

impl Split {
    /// Nothing fetched yet.
    pub fn new(store: SplitStore, base: String) -> Split {
        Split {
            store: RefCell::new(store),
            base,
            queue: RefCell::default(),
            later: RefCell::default(),
            idle_wait: std::cell::Cell::new(false),
            inflight: RefCell::default(),
            failed: RefCell::default(),
            notify: RefCell::new(None),
            events: RefCell::new(None),
            retries: std::cell::Cell::new(0),
        }
    }

    /// Times [`Split::retry`] was called: a search waiting on a failed file
    /// runs again (and asks for the file again) after each.
    pub fn retries(&self) -> usize {
        self.retries.get()
    }

    /// The store, to read.
    pub fn store(&self) -> Ref<'_, SplitStore> {
        self.store.borrow()
    }

    /// The store, to search (which may rebuild its index).
    pub fn store_mut(&self) -> RefMut<'_, SplitStore> {
        self.store.borrow_mut()
    }

    /// Sets what to call when a file arrives or fails.
    pub fn set_notify(&self, f: Rc<dyn Fn()>) {
        *self.notify.borrow_mut() = Some(f);
    }

    /// Files queued or in flight, and the first failure.
    pub fn status(&self) -> (usize, Option<String>) {
        let busy = self.queue.borrow().len() + self.later.borrow().len() + self.inflight.borrow().len();
        let failed = self.failed.borrow().iter().next().map(|(f, e)| format!("{f}: {e}"));
        (busy, failed)
    }

    /// Forgets the failures; the views ask again when they render.
    pub fn retry(&self) {
        self.retries.set(self.retries.get() + 1);
        self.failed.borrow_mut().clear();
        self.changed();
    }

    /// The mentioned dates, once fetched (asks for them otherwise).
    pub fn events(self: &Rc<Self>) -> Option<Rc<EventIndex>> {
        if let Some(e) = self.events.borrow().as_ref() {
            return Some(e.clone());
        }
        let loaded = self.store().events().cloned();
        match loaded {
            Some(e) => {
                let e = Rc::new(e);
                *self.events.borrow_mut() = Some(e.clone());
                Some(e)
            }
            None => {
                let file = self.store().manifest().events.clone();
                self.request_later(file);
                None
            }
        }
    }

    fn changed(&self) {
        let f = self.notify.borrow().clone();
        if let Some(f) = f {
            f();
        }
    }

    /// Queues the files of a need that are neither here, nor coming, nor
    /// failed, and starts what the parallel limit allows.
    pub fn request(self: &Rc<Self>, need: Need) {
        let Need::Files(files) = need else { return };
        {
            let store = self.store();
            let inflight = self.inflight.borrow();
            let failed = self.failed.borrow();
            let mut queue = self.queue.borrow_mut();
            let mut later = self.later.borrow_mut();
            for f in files {
                if !store.has(&f) && !inflight.contains(&f) && !failed.contains_key(&f) && !queue.contains(&f) {
                    // Asked for now: no longer only when idle.
                    later.retain(|l| *l != f);
                    queue.push_back(f);
                }
            }
        }
        self.pump();
    }

    /// Queues a file to fetch once nothing else is being fetched.
    fn request_later(self: &Rc<Self>, file: String) {
        let known = self.store().has(&file)
            || self.inflight.borrow().contains(&file)
            || self.failed.borrow().contains_key(&file)
            || self.queue.borrow().contains(&file)
            || self.later.borrow().contains(&file);
        if !known {
            self.later.borrow_mut().push_back(file);
        }
        self.pump();
    }

    /// Starts the files fetched only when nothing else is [`IDLE_MS`]
    /// after the queue ran empty, if it is empty then: an arrival leaves
    /// the queue empty for the moment the app takes to render and ask for
    /// what comes next (a query's lists after its dictionary, rows after
    /// the lists).
    fn when_idle(self: &Rc<Self>) {
        if self.idle_wait.replace(true) {
            return;
        }
        let this = self.clone();
        after_ms(IDLE_MS, move || {
            this.idle_wait.set(false);
            let idle = this.queue.borrow().is_empty() && this.inflight.borrow().is_empty();
            if !idle {
                // The next arrival looks again.
                return;
            }
            let next = this.later.borrow_mut().pop_front();
            if let Some(f) = next {
                this.queue.borrow_mut().push_back(f);
                this.pump();
            }
        });
    }

    fn pump(self: &Rc<Self>) {
        loop {
            let next = {
                let inflight = self.inflight.borrow().len();
                if inflight >= PARALLEL {
                    return;
                }
                let first = self.queue.borrow_mut().pop_front();
                match first {
                    Some(f) => f,
                    None if inflight == 0 && !self.later.borrow().is_empty() => {
                        self.when_idle();
                        return;
                    }
                    None => return,
                }
            };
            self.inflight.borrow_mut().insert(next.clone());
            let this = self.clone();
            let url = format!("{}{next}", self.base);
            spawn(async move {
                let got = get(&url).await;
                this.inflight.borrow_mut().remove(&next);
                match got.and_then(|bytes| this.store_mut().add(&next, &bytes).map_err(|e| e.to_string())) {
                    Ok(()) => {}
                    Err(e) => {
                        this.failed.borrow_mut().insert(next.clone(), e);
                    }
                }
                this.changed();
                this.pump();
            });
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn spawn(f: impl std::future::Future<Output = ()> + 'static) {
    yew::platform::spawn_local(f);
}

/// Natively (unit tests) nothing is fetched.
#[cfg(not(target_arch = "wasm32"))]
fn spawn(_f: impl std::future::Future<Output = ()> + 'static) {}

#[cfg(target_arch = "wasm32")]
async fn get(url: &str) -> Result<Vec<u8>, String> {
    let resp = gloo::net::http::Request::get(url).send().await.map_err(|e| format!("could not fetch: {e}"))?;
    if !resp.ok() {
        return Err(format!("HTTP {} {}", resp.status(), resp.status_text()));
    }
    resp.binary().await.map_err(|e| format!("could not read: {e}"))
}

#[cfg(target_arch = "wasm32")]
fn after_ms(ms: u32, f: impl FnOnce() + 'static) {
    gloo::timers::callback::Timeout::new(ms, f).forget();
}

/// Natively (unit tests) no time passes.
#[cfg(not(target_arch = "wasm32"))]
fn after_ms(_ms: u32, _f: impl FnOnce() + 'static) {}

#[cfg(not(target_arch = "wasm32"))]
async fn get(_url: &str) -> Result<Vec<u8>, String> {
    Err("no network in native builds".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_core::model::{Corpus, Report, SCHEMA_VERSION};

    fn split() -> (Rc<Split>, dateline_core::split::Manifest) {
        let corpus = Corpus {
            schema_version: SCHEMA_VERSION,
            name: "empty".into(),
            outlets: vec![],
            articles: vec![],
            report: Report::default(),
        };
        let index = dateline_core::index::Index::build(&corpus);
        let events = dateline_core::events::extract(&corpus).file;
        let m = dateline_core::split::write(&corpus, &index, &events, &Default::default()).manifest;
        (Rc::new(Split::new(SplitStore::new(m.clone()), base_url())), m)
    }

    // Natively nothing is fetched: a started file stays in flight.
    #[test]
    fn the_events_file_waits_until_nothing_else_is_fetched() {
        let (split, m) = split();
        split.request(Need::Files(vec![m.columns.clone()]));
        assert!(split.events().is_none());
        assert!(split.inflight.borrow().contains(&m.columns));
        assert!(!split.inflight.borrow().contains(&m.events), "the events file waits");
        assert_eq!(split.status().0, 2, "and counts as pending");
        // Asked for now by a view, it goes at once.
        split.request(Need::Files(vec![m.events.clone()]));
        assert!(split.inflight.borrow().contains(&m.events));
        assert!(split.later.borrow().is_empty());
        assert_eq!(split.status().0, 2);
    }

    #[test]
    fn the_events_file_waits_for_a_quiet_moment_when_nothing_else_is_fetched() {
        let (split, m) = split();
        assert!(split.events().is_none());
        // The quiet-time check is set (natively it never fires).
        assert!(split.idle_wait.get());
        assert!(split.inflight.borrow().is_empty());
        assert_eq!(split.later.borrow().iter().collect::<Vec<_>>(), vec![&m.events]);
        assert_eq!(split.status().0, 1);
    }
}
