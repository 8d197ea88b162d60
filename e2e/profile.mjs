// Where the browser's time goes while a user searches (not a test: it
// prints a CPU profile). Types 100 single-term queries (a query, then the
// empty box, 250 ms apart) with the V8 sampling profiler on, and prints the
// functions by self time and by inclusive time.
//
//   node e2e/profile.mjs <dist folder> <queries.json from bench_search --emit-queries>
//   (PROFILE_MATCH=<regex> adds the inclusive time of every function matching it)
//
// Wasm functions have names only in a build that keeps them: add
// `data-keep-debug` to the rust <link> in index.html for that build and
// set DATELINE_WASM_OPT=0 (then restore index.html).
import { chromium } from 'playwright-core';
import { readFile, writeFile } from 'node:fs/promises';
import { startServer, CHROME_ARGS } from './serve.mjs';
const [dist, qfile] = process.argv.slice(2);
const queries = JSON.parse(await readFile(qfile, 'utf8'));
const server = await startServer({ root: dist, prefix: '/' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROME_ARGS });
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
await page.goto(`http://127.0.0.1:${server.port}/`, { timeout: 300000 });
await page.waitForSelector('#results .result', { timeout: 300000 });
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
await page.evaluate(async (words) => {
  const input = document.getElementById('search');
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  for (const w of words) {
    input.value = w; input.dispatchEvent(new Event('input', { bubbles: true }));
    await sleep(250);
    input.value = ''; input.dispatchEvent(new Event('input', { bubbles: true }));
    await sleep(250);
  }
}, queries.single.slice(0, 100));
const { profile } = await cdp.send('Profiler.stop');
// PROFILE_OUT=<file>: the raw profile (.cpuprofile, for DevTools or a script).
if (process.env.PROFILE_OUT) await writeFile(process.env.PROFILE_OUT, JSON.stringify(profile));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas;
let total = 0;
profile.samples.forEach((id, i) => {
  const n = byId.get(id); const name = n.callFrame.functionName || `(${n.callFrame.url.split('/').pop()})`;
  const d = dt[i] || 0; total += d;
  self.set(name, (self.get(name) || 0) + d);
});
const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 45);
for (const [n, t] of rows) console.log(`${(t / 1000).toFixed(1).padStart(8)} ms ${(100 * t / total).toFixed(1).padStart(5)}%  ${n.slice(0, 150)}`);
// inclusive time of a few roots
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
const incl = new Map();
profile.samples.forEach((id, i) => {
  const seen = new Set();
  for (let x = id; x !== undefined; x = parent.get(x)) {
    const n = byId.get(x); const name = n.callFrame.functionName;
    if (!name || seen.has(name)) continue; seen.add(name);
    incl.set(name, (incl.get(name) || 0) + (dt[i] || 0));
  }
});
console.log('--- inclusive (top 60) ---');
for (const [n, t] of [...incl.entries()].sort((a, b) => b[1] - a[1]).slice(0, 60)) console.log(`${(t / 1000).toFixed(1).padStart(8)} ms  ${n.slice(0, 150)}`);
// PROFILE_MATCH=<regex>: every function matching it, by inclusive time
// (e.g. `dateline::components` for the time of each component's view).
if (process.env.PROFILE_MATCH) {
  const re = new RegExp(process.env.PROFILE_MATCH);
  console.log(`--- inclusive, matching /${process.env.PROFILE_MATCH}/ ---`);
  for (const [n, t] of [...incl.entries()].filter(([n]) => re.test(n)).sort((a, b) => b[1] - a[1]).slice(0, 80)) console.log(`${(t / 1000).toFixed(1).padStart(8)} ms  ${n.slice(0, 150)}`);
}
await browser.close(); await server.close();
