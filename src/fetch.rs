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

use dateline_core::events::EventIndex;
use dateline_core::split::{Need, SplitStore, DATA_DIR};
use std::cell::{Ref, RefCell, RefMut};
use std::collections::{BTreeMap, HashSet, VecDeque};
use std::rc::Rc;

/// Requests in flight at most. A cold query asks for 12 files (median,
/// at most 24 at 40k articles) in two or three rounds; over HTTP/2, as
/// static hosts serve, they share one connection, and six at a time made
/// each round wait for a second wave (40k articles, throttled to 20 Mbit/s
/// and 40 ms: cold p50 254 -> 216 ms with 16). Over HTTP/1.1 the browser
/// queues beyond six per host itself.
const PARALLEL: usize = 16;

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
    inflight: RefCell<HashSet<String>>,
    failed: RefCell<BTreeMap<String, String>>,
    notify: RefCell<Option<Rc<dyn Fn()>>>,
    /// The calls of `notify`, one per batch of arrivals ([`Split::changed`]).
    notify_once: Rc<Coalesce>,
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
            inflight: RefCell::default(),
            failed: RefCell::default(),
            notify: RefCell::new(None),
            notify_once: Rc::default(),
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
        let busy = self.queue.borrow().len() + self.inflight.borrow().len();
        let failed = self.failed.borrow().iter().next().map(|(f, e)| format!("{f}: {e}"));
        (busy, failed)
    }

    /// Forgets the failures; the views ask again when they render.
    pub fn retry(self: &Rc<Self>) {
        self.retries.set(self.retries.get() + 1);
        self.failed.borrow_mut().clear();
        self.changed();
    }

    /// The mentioned dates, once fetched ([`Split::fetch_events_when_idle`]
    /// asks for them).
    pub fn events(&self) -> Option<Rc<EventIndex>> {
        if let Some(e) = self.events.borrow().as_ref() {
            return Some(e.clone());
        }
        let e = Rc::new(self.store().events().cloned()?);
        *self.events.borrow_mut() = Some(e.clone());
        Some(e)
    }

    /// Asks for the mentioned dates once nothing else is queued or in
    /// flight: the events lane can wait for the first rows, which it
    /// would otherwise share the bandwidth with (at 40k articles its file
    /// is 66 KB, a twelfth of what the first result needs). The app calls
    /// this after every render, when the rows on screen have asked for
    /// their fragments.
    pub fn fetch_events_when_idle(self: &Rc<Self>) {
        if self.status().0 > 0 || self.store().events().is_some() {
            return;
        }
        let file = self.store().manifest().events.clone();
        self.request(Need::Files(vec![file]));
    }

    /// Tells the app that files arrived or failed, once for the arrivals
    /// that come together: the call is made from a zero-delay timer, and
    /// arrivals before it fires join it. Each call renders the whole app
    /// again (4-8 ms at 44,000 articles); a query's eight article
    /// fragments land within a few milliseconds of each other, and
    /// rendering once per fragment kept the finished list waiting 25-40 ms
    /// behind renders whose output the next one replaced (Chromium
    /// traces of cold queries on the 40k build, stop 54).
    fn changed(self: &Rc<Self>) {
        let this = self.clone();
        self.notify_once.call(later, move || {
            let f = this.notify.borrow().clone();
            if let Some(f) = f {
                f();
            }
        });
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
            for f in files {
                if !store.has(&f) && !inflight.contains(&f) && !failed.contains_key(&f) && !queue.contains(&f) {
                    queue.push_back(f);
                }
            }
        }
        self.pump();
    }

    fn pump(self: &Rc<Self>) {
        loop {
            let next = {
                if self.inflight.borrow().len() >= PARALLEL {
                    return;
                }
                match self.queue.borrow_mut().pop_front() {
                    Some(f) => f,
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

/// One run for the calls made before it starts: [`Coalesce::call`]
/// schedules its function unless a run is already scheduled and not yet
/// started; a call made while the function runs schedules the next run.
#[derive(Default)]
pub struct Coalesce {
    pending: std::cell::Cell<bool>,
}

impl Coalesce {
    /// Schedules `f` with `schedule` (a zero-delay timer in the app),
    /// unless a run scheduled earlier has not started yet (that run
    /// stands for this call too).
    pub fn call(self: &Rc<Self>, schedule: impl FnOnce(Box<dyn FnOnce()>), f: impl FnOnce() + 'static) {
        if self.pending.replace(true) {
            return;
        }
        let this = self.clone();
        schedule(Box::new(move || {
            this.pending.set(false);
            f();
        }));
    }
}

/// Runs `f` from a zero-delay timer: after the tasks already queued.
#[cfg(target_arch = "wasm32")]
fn later(f: Box<dyn FnOnce()>) {
    gloo::timers::callback::Timeout::new(0, f).forget();
}

/// Natively (unit tests) at once.
#[cfg(not(target_arch = "wasm32"))]
fn later(f: Box<dyn FnOnce()>) {
    f();
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

#[cfg(not(target_arch = "wasm32"))]
async fn get(_url: &str) -> Result<Vec<u8>, String> {
    Err("no network in native builds".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::{Cell, RefCell};

    // Calls before the scheduled run are one run; a call once it has run
    // (or while it runs) schedules another. Without this, every file of a
    // batch rendered the whole app (stop 54).
    #[test]
    fn calls_before_the_scheduled_run_are_one_run() {
        let once = Rc::new(Coalesce::default());
        // The scheduled runs, run by hand (the app's timer).
        type Queue = Rc<RefCell<Vec<Box<dyn FnOnce()>>>>;
        let queued: Queue = Rc::default();
        let runs = Rc::new(Cell::new(0));
        let call = || {
            let (queued, runs) = (queued.clone(), runs.clone());
            once.call(move |f| queued.borrow_mut().push(f), move || runs.set(runs.get() + 1));
        };
        for _ in 0..8 {
            call();
        }
        assert_eq!(queued.borrow().len(), 1, "eight arrivals, one scheduled run");
        let run = queued.borrow_mut().pop().expect("scheduled");
        run();
        assert_eq!(runs.get(), 1);
        call();
        assert_eq!(queued.borrow().len(), 1, "an arrival after the run schedules the next");
        let run = queued.borrow_mut().pop().expect("scheduled");
        run();
        assert_eq!(runs.get(), 2);
    }
}
