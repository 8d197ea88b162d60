// Browser benchmark for Dateline (not a test: it prints figures).
//
//   node e2e/bench.mjs <dist folder> <queries.json> [label]
//
// Also types 20 of the single-term queries a key every 80 ms with a
// long-task observer and prints the tasks over 50 ms (frames the typist
// sees stall).
//
// Serves the built app on 127.0.0.1, loads it in headless Chromium and
// measures, five loads each:
//   - time to first result: navigation start -> first `.result` in the DOM
//   - query latency: input event dispatched -> the first DOM change (the
//     result list), that frame painted, and all panels settled (see
//     timeQueries), for the query sets written
//     by `bench_search --emit-queries`: single terms, phrases, prefixes, and
//     terms with an outlet and a one-year date filter (set through the URL)
//   - wasm and JS bytes, raw and gzip
//   - memory: wasm linear memory and JS heap after the queries
//   - the single terms a second time at the end (`single again`): the
//     steady state once the wasm has tiered up
// Prints medians and p50/p95. BENCH_LOADS=N sets the loads timed (5);
// BENCH_DUMP=<file> writes every query's figures as JSON.

import { chromium } from 'playwright-core';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { CHROME_ARGS, startServer } from './serve.mjs';

const [dist, queriesFile, label = ''] = process.argv.slice(2);
if (!dist || !queriesFile) {
  console.error('usage: node e2e/bench.mjs <dist folder> <queries.json> [label]');
  process.exit(2);
}
const queries = JSON.parse(await readFile(queriesFile, 'utf8'));
const CHROME = process.env.CHROME_BIN || '/usr/bin/chromium';
const LOADS = Number(process.env.BENCH_LOADS || 5);

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.round((s.length - 1) * p))];
};
const f = (x) => x.toFixed(1);

// Sizes.
let wasmRaw = 0, wasmGz = 0, jsRaw = 0, jsGz = 0;
// Only the app's own files: a split build's data/ folder (and dateline.html)
// are neither, and reading a folder as a file failed with EISDIR.
for (const entry of await readdir(dist, { withFileTypes: true })) {
  const name = entry.name;
  if (!entry.isFile() || !(name.endsWith('.wasm') || name.endsWith('.js'))) continue;
  const bytes = await readFile(path.join(dist, name));
  const gz = zlib.gzipSync(bytes, { level: 9 }).length;
  if (name.endsWith('.wasm')) { wasmRaw += bytes.length; wasmGz += gz; }
  if (name.endsWith('.js')) { jsRaw += bytes.length; jsGz += gz; }
}

const server = await startServer({ root: path.resolve(dist), prefix: '/' });
const base = `http://127.0.0.1:${server.port}/`;
const browser = await chromium.launch({
  executablePath: CHROME,
  // BENCH_CHROME_ARGS: more flags, space-separated (experiments such as
  // `--js-flags=--no-liftoff`, every wasm function optimised up front).
  args: [...CHROME_ARGS, '--enable-precise-memory-info', ...(process.env.BENCH_CHROME_ARGS || '').split(' ').filter(Boolean)],
});

const INIT = () => {
  window.__bench = { firstResult: null, memory: null };
  addEventListener('TrunkApplicationStarted', (e) => { window.__bench.memory = e.detail?.wasm?.memory || null; });
  new MutationObserver((_, obs) => {
    if (document.querySelector('#results .result')) {
      window.__bench.firstResult = performance.now();
      obs.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
};

const firstResults = [];
for (let i = 0; i < LOADS; i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(INIT);
  await page.goto(base, { waitUntil: 'load', timeout: 300_000 });
  await page.waitForFunction(() => window.__bench.firstResult !== null, null, { timeout: 300_000 });
  firstResults.push(await page.evaluate(() => window.__bench.firstResult));
  await context.close();
}

// Runs queries in the page: dispatch an input event and record, from the
// dispatch,
//   first: the first change inside the result list (#results),
//   paint: the next frame after that change has been painted
//          (requestAnimationFrame, then a message task after the frame),
//   settled: the last DOM change before 150 ms pass without one (the
//          outlet counts, timeline and events lane have caught up).
async function timeQueries(page, list) {
  return page.evaluate(async (list) => {
    const input = document.getElementById('search');
    const quiet = () => new Promise((resolve) => {
      let timer;
      const done = () => { obs.disconnect(); resolve(); };
      const obs = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, 150); });
      obs.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
      timer = setTimeout(done, 150);
    });
    const out = { first: [], paint: [], settled: [], query: [] };
    for (const q of list) {
      // Reset to a different state first so every query changes the DOM.
      input.value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await quiet();
      let first = null, last = null, paint = null;
      const settled = new Promise((resolve) => {
        let timer;
        const results = document.getElementById('results');
        const obs = new MutationObserver((records) => {
          last = performance.now();
          // The result list's own change (a panel's change before it
          // would not be the list reaching the DOM).
          if (first === null && records.some((r) => results && results.contains(r.target))) {
            first = last;
            requestAnimationFrame(() => {
              const ch = new MessageChannel();
              ch.port1.onmessage = () => { paint = performance.now(); };
              ch.port2.postMessage(0);
            });
          }
          clearTimeout(timer);
          timer = setTimeout(() => { obs.disconnect(); resolve(); }, 150);
        });
        obs.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
        timer = setTimeout(() => { obs.disconnect(); resolve(); }, 5000);
      });
      const t0 = performance.now();
      input.value = q;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await settled;
      if (first !== null) {
        out.first.push(first - t0);
        out.query.push(q);
        out.settled.push(last - t0);
        if (paint !== null) out.paint.push(paint - t0);
      }
    }
    return out;
  }, list);
}

const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
await page.addInitScript(INIT);
await page.goto(base, { waitUntil: 'load', timeout: 300_000 });
await page.waitForFunction(() => window.__bench.firstResult !== null, null, { timeout: 300_000 });
const results = {};
for (const [name, list] of [['single term', queries.single], ['phrase', queries.phrase], ['prefix', queries.prefix]]) {
  results[name] = await timeQueries(page, list);
}
// Typing: words typed a key at a time (one key every 80 ms, a quick
// typist), with a long-task observer: every main-thread task over 50 ms
// while typing is a frame the user sees stall.
async function typeWords(page, words) {
  return page.evaluate(async (words) => {
    const input = document.getElementById('search');
    const long = [];
    const obs = new PerformanceObserver((list) => { for (const e of list.getEntries()) long.push(e.duration); });
    obs.observe({ type: 'longtask' });
    const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
    let keys = 0;
    const t0 = performance.now();
    for (const w of words) {
      input.value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await sleep(80);
      for (let i = 1; i <= w.length; i++) {
        input.value = w.slice(0, i);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        keys++;
        await sleep(80);
      }
    }
    await sleep(300);
    obs.disconnect();
    return { keys, seconds: (performance.now() - t0) / 1000, long };
  }, words);
}
const typing = await typeWords(page, queries.single.slice(0, 20));
// The single terms again, now that the wasm has tiered up and every code
// path has run: the steady state, apart from the first minutes after a
// load (the first pass above includes them).
results['single again'] = await timeQueries(page, queries.single);

// Filtered: outlet and date range through the URL, then the terms.
const flt = queries.filter;
await page.goto(`${base}#/?outlets=${encodeURIComponent(flt.outlet)}&from=${flt.from}&to=${flt.to}`, { timeout: 300_000 });
await page.waitForSelector('#search');
await page.waitForTimeout(200);
results['filtered'] = await timeQueries(page, queries.filtered);
const memory = await page.evaluate(() => ({
  wasm: window.__bench.memory ? window.__bench.memory.buffer.byteLength : null,
  heap: performance.memory ? performance.memory.usedJSHeapSize : null,
}));
await browser.close();
await server.close();
// BENCH_DUMP=<file>: every query's figures, to see where the tail is.
if (process.env.BENCH_DUMP) await writeFile(process.env.BENCH_DUMP, JSON.stringify({ queries, results }));

console.log(`browser benchmark ${label}`);
console.log(`bytes: wasm ${f(wasmRaw / 1e6)} MB raw, ${f(wasmGz / 1e6)} MB gzip; js ${f(jsRaw / 1e3)} KB raw, ${f(jsGz / 1e3)} KB gzip`);
console.log(`time to first result: median ${f(pct(firstResults, 0.5))} ms over ${LOADS} loads (min ${f(Math.min(...firstResults))}, max ${f(Math.max(...firstResults))})`);
console.log('query latency from the input event, ms (first = the result list (#results) changed; paint = that frame painted; settled = panels caught up)');
console.log(`${'queries'.padEnd(12)} ${'n'.padStart(5)} ${'first p50'.padStart(10)} ${'first p95'.padStart(10)} ${'paint p50'.padStart(10)} ${'paint p95'.padStart(10)} ${'settled p50'.padStart(12)} ${'settled p95'.padStart(12)}`);
for (const [name, t] of Object.entries(results)) {
  if (!t.first.length) { console.log(`${name.padEnd(12)} no DOM change observed`); continue; }
  const cell = (xs, p, w) => (xs.length ? f(pct(xs, p)) : 'n/a').padStart(w);
  console.log(`${name.padEnd(12)} ${String(t.first.length).padStart(5)} ${cell(t.first, 0.5, 10)} ${cell(t.first, 0.95, 10)} ${cell(t.paint, 0.5, 10)} ${cell(t.paint, 0.95, 10)} ${cell(t.settled, 0.5, 12)} ${cell(t.settled, 0.95, 12)}`);
}
console.log(`memory: wasm linear memory ${memory.wasm ? f(memory.wasm / 1e6) + ' MB' : 'n/a'}, JS heap ${memory.heap ? f(memory.heap / 1e6) + ' MB' : 'n/a'}`);
const longMax = typing.long.length ? Math.max(...typing.long) : 0;
console.log(`typing: ${typing.keys} keys in ${f(typing.seconds)} s (20 words, a key every 80 ms): ${typing.long.length} long tasks (> 50 ms), longest ${f(longMax)} ms`);
