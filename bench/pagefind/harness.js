// Pagefind's side of the browser benchmark (e2e/bench-split.mjs): its
// default JS API, driven the way a search page drives it. `runQuery(q,
// filters)` searches, loads the data of the first ROWS results (as
// Dateline's list loads the rows on screen) and puts the result list, the
// count and the outlet counts into the DOM; it returns the time from the
// call to the list being in the DOM. A query in the URL
// (`#q=…&outlet=…&year=…`) is run at start, for the time to the first result.
// Everything from the index goes in as text, never as HTML.

const ROWS = 8;
window.__bench = { ready: null, firstResult: null, error: null };

function render(search, rows) {
  document.getElementById('result-count').textContent = `${search.results.length} articles`;
  const outlets = document.getElementById('outlets');
  outlets.replaceChildren(...Object.entries(search.filters?.outlet ?? {}).map(([name, n]) => {
    const li = document.createElement('li');
    li.textContent = `${name} ${n}`;
    return li;
  }));
  const list = document.getElementById('results');
  list.replaceChildren(...rows.map((r) => {
    const li = document.createElement('li');
    li.className = 'result';
    const title = document.createElement('strong');
    title.textContent = r.meta?.title ?? r.url;
    const meta = document.createElement('span');
    meta.textContent = ` ${(r.filters?.outlet ?? []).join(', ')} ${r.meta?.date ?? ''}`;
    const excerpt = document.createElement('p');
    excerpt.textContent = (r.excerpt ?? '').replace(/<\/?mark>/g, '');
    li.append(title, meta, excerpt);
    return li;
  }));
}

// Pagefind 1.5 searches in a web worker by default; the harness keeps it
// on the main thread (`noWorker`), like Dateline's search, so that the
// page's CDP session throttles and counts its requests and the benchmark
// sees its wasm memory (a worker's requests and heap are another target's).
// `init()` only creates the instance; loading the filters (which the
// result counts per outlet need) loads the wasm, the entry and the meta
// index, as a search page that shows filters does at start.
const pagefind = await import('./pagefind/pagefind.js');
await pagefind.options({ excerptLength: 30, noWorker: true });
await pagefind.init();
await pagefind.filters();
window.__bench.ready = performance.now();

window.runQuery = async (q, filters = {}) => {
  const t0 = performance.now();
  const search = await pagefind.search(q, { filters });
  const t1 = performance.now();
  const rows = await Promise.all(search.results.slice(0, ROWS).map((r) => r.data()));
  render(search, rows);
  return { ms: performance.now() - t0, searchMs: t1 - t0, count: search.results.length };
};

const params = new URLSearchParams(location.hash.slice(1));
if (params.get('q')) {
  const filters = {};
  if (params.get('outlet')) filters.outlet = params.get('outlet');
  if (params.get('year')) filters.year = params.get('year');
  try {
    await window.runQuery(params.get('q'), filters);
    window.__bench.firstResult = performance.now();
  } catch (e) {
    window.__bench.error = String(e);
  }
}
