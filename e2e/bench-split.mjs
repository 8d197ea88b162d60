// Browser benchmark of the split layout, side by side with Pagefind (not a
// test: it prints figures).
//
//   node e2e/bench-split.mjs <dist folder> <queries.json> [--pagefind <site folder>]
//       [--label L] [--loads N] [--cold N] [--warm N] [--pf-warm N] [--no-unthrottled] [--trace] [--http2]
//
// <dist folder> is a split build of a corpus, <queries.json> the query sets
// that `bench_search --emit-queries` writes for the same corpus, and
// <site folder> the Pagefind site of the same corpus (bench/pagefind/README.md:
// one page per article, indexed by `pagefind --site`, with its harness page).
// Each folder is served by e2e/serve.mjs with gzip on (as static hosts send
// .js, .wasm and .json; the split layout's .bin files and Pagefind's chunks
// are compressed already and go as they are), in headless Chromium with the
// HTTP cache disabled, throttled through CDP (Network.emulateNetworkConditions:
// 20 Mbit/s down, 5 Mbit/s up, 40 ms latency) and, unless --no-unthrottled,
// again on plain loopback. Bytes are what crossed the wire: the
// encodedDataLength of every response (compressed bodies and headers).
// With --http2 both sites are served over HTTP/2 with TLS (as static hosts
// serve them: one connection for all of a page's requests) instead of
// HTTP/1.1 (six connections per host, so a page's requests come in waves).
//
// Measured, for Dateline and for Pagefind:
//   - first result: a fresh page with a query in the URL (the middle one of
//     the single terms, which are ordered by document frequency) until its
//     result list is in the DOM, N loads (--loads, 5); for
//     Dateline also the first screen without a query (the newest articles);
//     bytes transferred until then, and the files fetched (--trace lists
//     them with their start and end times);
//   - cold queries: per query a fresh page (its start not timed: wait until
//     the network is idle), then the query is typed (one input event) and
//     timed until the final result list is in the DOM: for Dateline no
//     "Searching…"/"Loading…" status and no row still loading, for Pagefind
//     search() and the data of the first 8 results rendered; p50/p95 latency
//     and bytes per query; --cold N queries per set (8): single terms,
//     phrases, prefixes, and terms with an outlet and a one-year filter;
//   - warm queries: one page runs --warm N queries per set (30; --pf-warm, 8,
//     for Pagefind, whose search takes seconds on common words) once to
//     fetch their files, then again, timed (input event -> result list in
//     the DOM); Pagefind's time spent in search() alone is printed too;
//   - tab memory after the warm queries: JS heap used (CDP
//     Performance.getMetrics) plus the linear memory of every wasm instance
//     the page made (WebAssembly.instantiate* is wrapped to see them).
// Prints medians, p50/p95, spreads and the ratios Dateline/Pagefind.

import { chromium } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CHROME_ARGS, startServer } from './serve.mjs';

const args = process.argv.slice(2);
const opt = { loads: 5, cold: 8, warm: 30, pfWarm: 8, unthrottled: true, trace: false, label: '', pagefind: null, http2: false };
const pos = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--pagefind') opt.pagefind = args[++i];
  else if (a === '--label') opt.label = args[++i];
  else if (a === '--loads') opt.loads = Number(args[++i]);
  else if (a === '--cold') opt.cold = Number(args[++i]);
  else if (a === '--warm') opt.warm = Number(args[++i]);
  else if (a === '--pf-warm') opt.pfWarm = Number(args[++i]);
  else if (a === '--no-unthrottled') opt.unthrottled = false;
  else if (a === '--trace') opt.trace = true;
  else if (a === '--http2') opt.http2 = true;
  else pos.push(a);
}
const [dist, queriesFile] = pos;
if (!dist || !queriesFile) {
  console.error('usage: node e2e/bench-split.mjs <dist folder> <queries.json> [--pagefind <site folder>] [--label L] [--loads N] [--cold N] [--warm N] [--pf-warm N] [--no-unthrottled] [--trace]');
  process.exit(2);
}
const queries = JSON.parse(await readFile(queriesFile, 'utf8'));
const CHROME = process.env.CHROME_BIN || '/usr/bin/chromium';
const THROTTLE = { offline: false, latency: 40, downloadThroughput: 20e6 / 8, uploadThroughput: 5e6 / 8 };
const ROW_WAIT = 120_000;

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.round((s.length - 1) * p))] : NaN;
};
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const kb = (b) => (Number.isFinite(b) ? (b / 1e3).toFixed(1) : 'n/a');
const spread = (xs) => `median ${f1(pct(xs, 0.5))} (min ${f1(Math.min(...xs))}, max ${f1(Math.max(...xs))})`;
const spreadKb = (xs) => `median ${kb(pct(xs, 0.5))} KB (min ${kb(Math.min(...xs))}, max ${kb(Math.max(...xs))})`;
// Evenly spread sample of n items.
const sample = (list, n) => {
  if (!list?.length) return [];
  if (list.length <= n) return [...list];
  const step = list.length / n;
  return Array.from({ length: n }, (_, i) => list[Math.floor(i * step)]);
};

// In every page: the linear memory of every wasm instance, and for
// Dateline the first loaded result row and the first complete screen.
const INIT = () => {
  window.__bench = window.__bench || {};
  window.__wasmMemories = [];
  const keep = (r) => {
    const inst = r instanceof WebAssembly.Instance ? r : r?.instance;
    for (const v of Object.values(inst?.exports ?? {})) {
      if (v instanceof WebAssembly.Memory) window.__wasmMemories.push(v);
    }
    return r;
  };
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const orig = WebAssembly[name];
    if (orig) WebAssembly[name] = function (...a) { return orig.apply(this, a).then(keep); };
  }
  if (!location.pathname.endsWith('harness.html')) {
    new MutationObserver((_, obs) => {
      const b = window.__bench;
      if (b.firstRow == null && document.querySelector('#results .result:not(.loading)')) b.firstRow = performance.timeOrigin + performance.now();
      if (b.firstRow != null && !document.querySelector('#results .result.loading') && !document.querySelector('.fetch-status')
          && document.querySelector('#result-count')) {
        b.firstScreen = performance.timeOrigin + performance.now();
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  }
};

/** A page with a CDP session that disables the cache, throttles, and logs
 * every response (url, bytes over the wire, start and end wall time). */
async function openPage(browser, throttled) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ignoreHTTPSErrors: opt.http2 });
  const page = await context.newPage();
  await page.addInitScript(INIT);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (throttled) await cdp.send('Network.emulateNetworkConditions', THROTTLE);
  await cdp.send('Performance.enable');
  const net = { log: [], pending: new Map(), offset: null, bytes: 0, lastChange: Date.now() };
  cdp.on('Network.requestWillBeSent', (e) => {
    if (net.offset === null) net.offset = e.wallTime * 1000 - e.timestamp * 1000;
    if (e.request.url.startsWith('data:')) return;
    net.pending.set(e.requestId, { url: e.request.url, start: e.timestamp });
    net.lastChange = Date.now();
  });
  const end = (e, failed) => {
    const r = net.pending.get(e.requestId);
    if (!r) return;
    net.pending.delete(e.requestId);
    const bytes = failed ? 0 : e.encodedDataLength;
    net.bytes += bytes;
    net.log.push({ url: r.url, bytes, start: r.start * 1000 + net.offset, end: e.timestamp * 1000 + net.offset, failed });
    net.lastChange = Date.now();
  };
  cdp.on('Network.loadingFinished', (e) => end(e, false));
  cdp.on('Network.loadingFailed', (e) => end(e, true));
  const idle = async (quietMs = 300) => {
    for (;;) {
      if (net.pending.size === 0 && Date.now() - net.lastChange >= quietMs) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { context, page, cdp, net, idle, close: () => context.close() };
}

/** Files fetched until `until` (wall ms): count, bytes, and the list. */
function before(net, until) {
  const done = net.log.filter((r) => r.end <= until + 1);
  return { files: done.length, bytes: done.reduce((s, r) => s + r.bytes, 0), list: done };
}

function traceLines(list, t0) {
  return list.map((r) => `      ${f1(r.start - t0).padStart(8)} -> ${f1(r.end - t0).padStart(8)} ms ${kb(r.bytes).padStart(8)} KB  ${decodeURIComponent(r.url.replace(/^https?:\/\/[^/]+\//, ''))}`);
}

async function memory(p) {
  const { metrics } = await p.cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  const wasm = await p.page.evaluate(() => window.__wasmMemories.reduce((s, m) => s + m.buffer.byteLength, 0));
  return { heap: m.JSHeapUsedSize, wasm };
}

// ---- Dateline ---------------------------------------------------------

const dl = {
  // Fresh page at `hash`; waits for the first complete screen.
  async load(browser, base, throttled, hash = '') {
    const p = await openPage(browser, throttled);
    const t0 = Date.now();
    await p.page.goto(base + hash, { waitUntil: 'commit', timeout: ROW_WAIT });
    try {
      await p.page.waitForFunction(() => window.__bench.firstScreen != null, null, { timeout: ROW_WAIT, polling: 50 });
    } catch (e) {
      // Say what the page was waiting for (a status still shown, rows
      // still loading, requests that never finished) instead of only
      // "timeout"; the caller counts the load as failed.
      const state = await p.page.evaluate(() => ({
        bench: window.__bench,
        status: document.querySelector('.fetch-status')?.textContent ?? null,
        error: document.querySelector('.fetch-error')?.textContent ?? null,
        count: document.getElementById('result-count')?.textContent ?? null,
        loadingRows: document.querySelectorAll('#results .result.loading').length,
        rows: document.querySelectorAll('#results .result').length,
      })).catch((err) => ({ evaluate: String(err) }));
      const pending = [...p.net.pending.values()].map((r) => r.url.replace(/^https?:\/\/[^/]+\//, ''));
      await p.close();
      throw new Error(`no complete first screen for "${hash}" within ${ROW_WAIT} ms: ${JSON.stringify(state)}; requests not finished: ${JSON.stringify(pending)}`);
    }
    const b = await p.page.evaluate(() => ({ ...window.__bench, origin: performance.timeOrigin }));
    return { p, t0: b.origin, firstRow: b.firstRow, firstScreen: b.firstScreen, wall0: t0 };
  },
  // Types `q` (one input event) and waits for the final result list.
  async query(page, q) {
    return page.evaluate(async (q) => {
      const input = document.getElementById('search');
      const snap = () => [document.getElementById('result-count')?.textContent, document.querySelector('#results .result')?.getAttribute('data-id')].join('|');
      const done = (prev) => snap() !== prev && !document.querySelector('.fetch-status') && !document.querySelector('.fetch-error')
        && !document.querySelector('#results .result.loading');
      const run = (value) => new Promise((resolve) => {
        const prev = snap();
        const t0 = performance.now();
        let timer;
        const check = () => {
          if (done(prev)) {
            obs.disconnect();
            clearTimeout(timer);
            resolve({ ms: performance.now() - t0, t0: performance.timeOrigin + t0, count: document.getElementById('result-count')?.textContent });
          }
        };
        const obs = new MutationObserver(check);
        obs.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
        timer = setTimeout(() => { obs.disconnect(); resolve({ ms: null, error: document.querySelector('.fetch-error')?.textContent ?? 'timeout' }); }, 60_000);
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
      if (input.value === q) await run('');
      return run(q);
    }, q);
  },
  // Back to the empty query (not timed), so the next query changes the list.
  async reset(page) {
    await page.evaluate(async () => {
      const input = document.getElementById('search');
      if (input.value === '') return;
      input.value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      for (let i = 0; i < 600; i++) {
        await new Promise((r) => setTimeout(r, 25));
        if (!document.querySelector('.fetch-status') && !document.querySelector('#results .result.loading')) return;
      }
    });
  },
};

// ---- Pagefind ---------------------------------------------------------

const pf = {
  async load(browser, base, throttled, hash = '') {
    const p = await openPage(browser, throttled);
    await p.page.goto(`${base}harness.html${hash}`, { waitUntil: 'commit', timeout: ROW_WAIT });
    const want = hash ? 'firstResult' : 'ready';
    await p.page.waitForFunction((w) => window.__bench?.[w] != null || window.__bench?.error, want, { timeout: ROW_WAIT, polling: 50 });
    const b = await p.page.evaluate(() => ({ ...window.__bench, origin: performance.timeOrigin }));
    if (b.error) throw new Error(`pagefind: ${b.error}`);
    return { p, t0: b.origin, firstRow: b.firstResult == null ? null : b.origin + b.firstResult };
  },
  async query(page, q, filters) {
    return page.evaluate(async ([q, filters]) => window.runQuery(q, filters), [q, filters]);
  },
};

// ---- the run ----------------------------------------------------------

const dlServer = await startServer({ root: path.resolve(dist), prefix: '/', gzip: true, http2: opt.http2 });
const dlBase = dlServer.url;
let pfServer = null, pfBase = null, pfMeta = null;
if (opt.pagefind) {
  pfServer = await startServer({ root: path.resolve(opt.pagefind), prefix: '/', gzip: true, csp: false, http2: opt.http2 });
  pfBase = pfServer.url;
  pfMeta = JSON.parse(await readFile(path.join(opt.pagefind, 'meta.json'), 'utf8'));
}
const browser = await chromium.launch({
  executablePath: CHROME,
  // (--http2: the servers' certificates are self-signed.)
  args: [...CHROME_ARGS, '--enable-precise-memory-info', ...(opt.http2 ? ['--ignore-certificate-errors'] : [])],
});

const flt = queries.filter;
const sets = [
  ['single term', queries.single, null],
  ['phrase', queries.phrase, null],
  ['prefix', queries.prefix, null],
  ['filtered', queries.filtered, flt],
];
const dlHash = (q, filter) => {
  const parts = [];
  if (q) parts.push(`q=${encodeURIComponent(q)}`);
  if (filter) parts.push(`outlets=${encodeURIComponent(filter.outlet)}`, `from=${filter.from}`, `to=${filter.to}`);
  return parts.length ? `#/?${parts.join('&')}` : '';
};
const pfFilters = (filter) => (filter ? { outlet: pfMeta.outlets[filter.outlet] ?? filter.outlet, year: filter.from.slice(0, 4) } : {});
const pfHash = (q, filter) => {
  const p = new URLSearchParams({ q });
  if (filter) { const x = pfFilters(filter); p.set('outlet', x.outlet); p.set('year', x.year); }
  return `#${p}`;
};

// A load that never completes its first screen is reported (with what it
// waited for) and counted, not the end of the run.
const loadFailures = [];
async function tryLoad(base, throttled, hash) {
  try {
    return await dl.load(browser, base, throttled, hash);
  } catch (e) {
    loadFailures.push(e.message);
    say(`  Dateline load failed: ${e.message}`);
    return null;
  }
}

const firstQuery = queries.single[Math.floor(queries.single.length / 2)];
const report = [];
const say = (s) => { report.push(s); console.log(s); };

for (const throttled of opt.unthrottled ? [true, false] : [true]) {
  const net = throttled ? 'throttled (20 Mbit/s down, 40 ms latency)' : 'unthrottled (loopback)';
  say(`\n== ${opt.label} ${net}, ${opt.http2 ? 'HTTP/2 (TLS)' : 'HTTP/1.1'}`);
  const R = { dl: {}, pf: {} };

  // First result.
  const mk = () => ({ ms: [], bytes: [], files: [], screenMs: [], screenBytes: [] });
  const dlScreen = mk(), dlFirst = mk(), pfFirst = mk();
  const dlRecord = (x, r) => {
    const row = before(r.p.net, r.firstRow), screen = before(r.p.net, r.firstScreen);
    x.ms.push(r.firstRow - r.t0); x.bytes.push(row.bytes); x.files.push(row.files);
    x.screenMs.push(r.firstScreen - r.t0); x.screenBytes.push(screen.bytes);
    return screen;
  };
  for (let i = 0; i < opt.loads; i++) {
    {
      const r = await tryLoad(dlBase, throttled, '');
      if (!r) continue;
      const b = dlRecord(dlScreen, r);
      if (opt.trace && i === 0) say(`  trace: Dateline first screen (no query), files until the screen is complete:\n${traceLines(b.list, r.t0).join('\n')}`);
      await r.p.close();
    }
    {
      const r = await tryLoad(dlBase, throttled, dlHash(firstQuery));
      if (!r) continue;
      const b = dlRecord(dlFirst, r);
      if (opt.trace && i === 0) say(`  trace: Dateline first result for "${firstQuery}" in the URL, files until the screen is complete:\n${traceLines(b.list, r.t0).join('\n')}`);
      await r.p.close();
    }
    if (pfBase) {
      const r = await pf.load(browser, pfBase, throttled, pfHash(firstQuery));
      const b = before(r.p.net, r.firstRow);
      pfFirst.ms.push(r.firstRow - r.t0); pfFirst.bytes.push(b.bytes); pfFirst.files.push(b.files);
      if (opt.trace && i === 0) say(`  trace: Pagefind first result for "${firstQuery}":\n${traceLines(b.list, r.t0).join('\n')}`);
      await r.p.close();
    }
  }
  say(`first result (navigation -> first loaded result row in the DOM; "screen": every row on screen loaded and no file pending), ${opt.loads} loads, ms and bytes over the wire until then:`);
  say(`  Dateline, no query (newest articles): ${spread(dlScreen.ms)} ms, ${spreadKb(dlScreen.bytes)}, files ${pct(dlScreen.files, 0.5)}; screen ${spread(dlScreen.screenMs)} ms, ${spreadKb(dlScreen.screenBytes)}`);
  say(`  Dateline, "${firstQuery}" in the URL: ${spread(dlFirst.ms)} ms, ${spreadKb(dlFirst.bytes)}, files ${pct(dlFirst.files, 0.5)}; screen ${spread(dlFirst.screenMs)} ms, ${spreadKb(dlFirst.screenBytes)}`);
  if (pfBase) {
    say(`  Pagefind, "${firstQuery}" in the URL (list of 8 in the DOM): ${spread(pfFirst.ms)} ms, ${spreadKb(pfFirst.bytes)}, files ${pct(pfFirst.files, 0.5)}`);
    say(`  ratio Dateline/Pagefind ("${firstQuery}", first row; medians): time ${(pct(dlFirst.ms, 0.5) / pct(pfFirst.ms, 0.5)).toFixed(2)}, bytes ${(pct(dlFirst.bytes, 0.5) / pct(pfFirst.bytes, 0.5)).toFixed(2)}; to the complete screen: time ${(pct(dlFirst.screenMs, 0.5) / pct(pfFirst.ms, 0.5)).toFixed(2)}, bytes ${(pct(dlFirst.screenBytes, 0.5) / pct(pfFirst.bytes, 0.5)).toFixed(2)}`);
  }

  // Cold queries: a fresh page each.
  const cold = { dl: { ms: [], bytes: [], files: [], fail: 0 }, pf: { ms: [], bytes: [], files: [], fail: 0 } };
  const coldBy = {};
  for (const [name, list, filter] of sets) {
    coldBy[name] = { dl: { ms: [], bytes: [] }, pf: { ms: [], bytes: [] } };
    for (const q of sample(list, opt.cold)) {
      if (true) {
        const r = await tryLoad(dlBase, throttled, dlHash('', filter));
        if (!r) { cold.dl.fail++; continue; }
        await r.p.idle();
        const b0 = r.p.net.bytes, n0 = r.p.net.log.length;
        const got = await dl.query(r.p.page, q);
        await r.p.idle(100);
        if (got.ms == null) { cold.dl.fail++; say(`  Dateline cold "${q}": ${got.error}`); } else {
          const bytes = r.p.net.bytes - b0, files = r.p.net.log.length - n0;
          cold.dl.ms.push(got.ms); cold.dl.bytes.push(bytes); cold.dl.files.push(files);
          coldBy[name].dl.ms.push(got.ms); coldBy[name].dl.bytes.push(bytes);
          if (opt.trace) {
            say(`  trace: Dateline cold "${q}" ${f1(got.ms)} ms, ${kb(bytes)} KB, ${files} files (${got.count})`);
            if (q === sample(list, opt.cold)[0]) say(traceLines(r.p.net.log.slice(n0), got.t0).join('\n'));
          }
        }
        await r.p.close();
      }
      if (pfBase) {
        const r = await pf.load(browser, pfBase, throttled);
        await r.p.idle();
        const b0 = r.p.net.bytes, n0 = r.p.net.log.length;
        const got = await pf.query(r.p.page, q, pfFilters(filter));
        await r.p.idle(100);
        const bytes = r.p.net.bytes - b0, files = r.p.net.log.length - n0;
        cold.pf.ms.push(got.ms); cold.pf.bytes.push(bytes); cold.pf.files.push(files);
        coldBy[name].pf.ms.push(got.ms); coldBy[name].pf.bytes.push(bytes);
        if (opt.trace) say(`  trace: Pagefind cold "${q}" ${f1(got.ms)} ms, ${kb(bytes)} KB, ${files} files (${got.count} results)`);
        await r.p.close();
      }
    }
  }
  say(`cold queries (fresh page each, HTTP cache off; ${opt.cold} per set, ${sets.length} sets), input event -> final result list in the DOM:`);
  say(`  ${'set'.padEnd(12)} ${'who'.padEnd(9)} ${'n'.padStart(3)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p50 KB'.padStart(8)} ${'p95 KB'.padStart(8)}`);
  const row = (name, who, x) => say(`  ${name.padEnd(12)} ${who.padEnd(9)} ${String(x.ms.length).padStart(3)} ${f1(pct(x.ms, 0.5)).padStart(8)} ${f1(pct(x.ms, 0.95)).padStart(8)} ${kb(pct(x.bytes, 0.5)).padStart(8)} ${kb(pct(x.bytes, 0.95)).padStart(8)}`);
  for (const [name] of sets) {
    row(name, 'Dateline', coldBy[name].dl);
    if (pfBase) row(name, 'Pagefind', coldBy[name].pf);
  }
  row('all', 'Dateline', cold.dl);
  if (pfBase) {
    row('all', 'Pagefind', cold.pf);
    say(`  ratio Dateline/Pagefind (all): latency p50 ${(pct(cold.dl.ms, 0.5) / pct(cold.pf.ms, 0.5)).toFixed(2)}, p95 ${(pct(cold.dl.ms, 0.95) / pct(cold.pf.ms, 0.95)).toFixed(2)}; bytes p50 ${(pct(cold.dl.bytes, 0.5) / pct(cold.pf.bytes, 0.5)).toFixed(2)}, p95 ${(pct(cold.dl.bytes, 0.95) / pct(cold.pf.bytes, 0.95)).toFixed(2)}`);
  }
  say(`  files per cold query: Dateline median ${pct(cold.dl.files, 0.5)} (max ${Math.max(...cold.dl.files)})${pfBase ? `, Pagefind median ${pct(cold.pf.files, 0.5)} (max ${Math.max(...cold.pf.files)})` : ''}${cold.dl.fail ? `; Dateline failures ${cold.dl.fail}` : ''}`);

  // Warm queries: one page, every query once to fetch its files, then timed.
  if (throttled || !opt.unthrottled) {
    const warm = { dl: {}, pf: {}, pfSearch: [] };
    const mem = {};
    {
      const r = await dl.load(browser, dlBase, throttled);
      for (const [name, list, filter] of sets) {
        if (filter) {
          await r.p.page.goto(dlBase + dlHash('', filter), { timeout: ROW_WAIT });
          await r.p.page.waitForSelector('#results .result:not(.loading)', { timeout: ROW_WAIT });
          await r.p.idle();
        }
        const qs = sample(list, opt.warm);
        for (const q of qs) { await dl.reset(r.p.page); await dl.query(r.p.page, q); }
        const ms = [];
        for (const q of qs) {
          await dl.reset(r.p.page);
          const got = await dl.query(r.p.page, q);
          if (got.ms != null) ms.push(got.ms);
        }
        warm.dl[name] = ms;
      }
      await r.p.idle();
      mem.dl = await memory(r.p);
      await r.p.close();
    }
    if (pfBase) {
      const r = await pf.load(browser, pfBase, throttled);
      for (const [name, list, filter] of sets) {
        const qs = sample(list, opt.pfWarm);
        for (const q of qs) await pf.query(r.p.page, q, pfFilters(filter));
        const ms = [];
        for (const q of qs) {
          const got = await pf.query(r.p.page, q, pfFilters(filter));
          ms.push(got.ms);
          warm.pfSearch.push(got.searchMs);
        }
        warm.pf[name] = ms;
      }
      mem.pf = await memory(r.p);
      await r.p.close();
    }
    say(`warm queries (files already fetched; ${opt.warm} per set, Pagefind ${opt.pfWarm}), input event -> result list in the DOM, ms:`);
    say(`  ${'set'.padEnd(12)} ${'Dateline p50'.padStart(13)} ${'p95'.padStart(7)} ${'Pagefind p50'.padStart(13)} ${'p95'.padStart(7)}`);
    const all = { dl: [], pf: [] };
    for (const [name] of sets) {
      all.dl.push(...warm.dl[name]);
      if (pfBase) all.pf.push(...warm.pf[name]);
      say(`  ${name.padEnd(12)} ${f1(pct(warm.dl[name], 0.5)).padStart(13)} ${f1(pct(warm.dl[name], 0.95)).padStart(7)} ${(pfBase ? f1(pct(warm.pf[name], 0.5)) : '').padStart(13)} ${(pfBase ? f1(pct(warm.pf[name], 0.95)) : '').padStart(7)}`);
    }
    say(`  ${'all'.padEnd(12)} ${f1(pct(all.dl, 0.5)).padStart(13)} ${f1(pct(all.dl, 0.95)).padStart(7)} ${(pfBase ? f1(pct(all.pf, 0.5)) : '').padStart(13)} ${(pfBase ? f1(pct(all.pf, 0.95)) : '').padStart(7)}`);
    if (pfBase) say(`  Pagefind, time in search() alone: p50 ${f1(pct(warm.pfSearch, 0.5))}, p95 ${f1(pct(warm.pfSearch, 0.95))} ms`);
    if (pfBase) say(`  ratio Dateline/Pagefind (all): p50 ${(pct(all.dl, 0.5) / pct(all.pf, 0.5)).toFixed(3)}, p95 ${(pct(all.dl, 0.95) / pct(all.pf, 0.95)).toFixed(3)}`);
    const mb = (b) => (b / 1e6).toFixed(1);
    say(`tab memory after the warm queries: Dateline JS heap ${mb(mem.dl.heap)} MB + wasm ${mb(mem.dl.wasm)} MB = ${mb(mem.dl.heap + mem.dl.wasm)} MB` +
      (pfBase ? `; Pagefind JS heap ${mb(mem.pf.heap)} MB + wasm ${mb(mem.pf.wasm)} MB = ${mb(mem.pf.heap + mem.pf.wasm)} MB` : ''));
  }
}

if (loadFailures.length) say(`\nDateline loads that never completed their first screen: ${loadFailures.length}`);
await browser.close();
await dlServer.close();
await pfServer?.close();
