// Where one search's time goes in the browser, by kind of work (not a
// test: it prints figures). Runs single-term queries as e2e/bench.mjs does
// (empty box, wait until quiet, then the query, wait until quiet) with
// Chromium's trace on, and splits the main thread's time from the input
// event to the end of the last frame into
//   script:  the app's tasks (wasm and JS: search, Yew diff, DOM calls),
//   style:   style recalculation (UpdateLayoutTree),
//   layout:  Layout,
//   paint:   pre-paint, paint, layerize and commit of the frame,
// and prints p50/p95 over the queries of each, of the two tasks the app
// runs (the input event's, which renders the result list, and the
// zero-delay timer's, which renders the panels) and of the frames.
//
//   node e2e/trace.mjs <dist folder> <queries.json> [count=60]
import { chromium } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CHROME_ARGS, startServer } from './serve.mjs';

const [dist, qfile, countArg] = process.argv.slice(2);
if (!dist || !qfile) {
  console.error('usage: node e2e/trace.mjs <dist folder> <queries.json> [count]');
  process.exit(2);
}
const queries = JSON.parse(await readFile(qfile, 'utf8')).single.slice(0, Number(countArg || 60));
const server = await startServer({ root: path.resolve(dist), prefix: '/' });
const browser = await chromium.launch({ executablePath: process.env.CHROME_BIN || '/usr/bin/chromium', args: CHROME_ARGS });
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
await page.goto(`http://127.0.0.1:${server.port}/`, { timeout: 300_000 });
await page.waitForSelector('#results .result', { timeout: 300_000 });

await browser.startTracing(page, {
  categories: ['devtools.timeline', 'toplevel', 'blink.user_timing', 'disabled-by-default-devtools.timeline'],
});
await page.evaluate(async (list) => {
  const input = document.getElementById('search');
  const quiet = () => new Promise((resolve) => {
    let timer;
    const obs = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, 150); });
    const done = () => { obs.disconnect(); resolve(); };
    obs.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
    timer = setTimeout(done, 150);
  });
  for (const q of list) {
    input.value = '';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await quiet();
    performance.mark('q-start');
    input.value = q;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await quiet();
    performance.mark('q-end');
  }
}, queries);
const trace = JSON.parse((await browser.stopTracing()).toString());
await browser.close();
await server.close();

const events = trace.traceEvents;
const mainTid = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
const main = events.filter((e) => e.pid === mainTid.pid && e.tid === mainTid.tid);
const marks = (name) => main.filter((e) => e.name === name && e.cat.includes('blink.user_timing')).map((e) => e.ts).sort((a, b) => a - b);
const starts = marks('q-start');
const ends = marks('q-end');
const complete = main.filter((e) => e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
const tasks = complete.filter((e) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask');

const KIND = {
  UpdateLayoutTree: 'style', RecalculateStyles: 'style', 'Document::updateStyleAndLayoutTree': 'style',
  Layout: 'layout',
  PrePaint: 'paint', Paint: 'paint', Layerize: 'paint', UpdateLayer: 'paint', UpdateLayerTree: 'paint', Commit: 'paint', PaintImage: 'paint',
};
// Exclusive time by kind inside one task: an event's time minus its
// children's; what no known kind claims is script.
function split(task) {
  const inner = complete.filter((e) => e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && e !== task);
  const out = { script: 0, style: 0, layout: 0, paint: 0 };
  const kindOf = (e, parentKind) => KIND[e.name] || parentKind;
  // Walk as a tree: children are the events inside the parent's span.
  const stack = [{ e: task, kind: 'script', end: task.ts + task.dur, childTime: 0 }];
  const close = (frame) => { out[frame.kind] += frame.e.dur - frame.childTime; };
  for (const e of inner) {
    while (e.ts >= stack[stack.length - 1].end) close(stack.pop());
    const parent = stack[stack.length - 1];
    parent.childTime += e.dur;
    stack.push({ e, kind: kindOf(e, parent.kind), end: e.ts + e.dur, childTime: 0 });
  }
  while (stack.length) close(stack.pop());
  for (const k of Object.keys(out)) out[k] /= 1000;
  return out;
}

const rows = [];
for (let i = 0; i < starts.length; i++) {
  const t0 = starts[i];
  // The query's window: its tasks until the box was quiet (the quiet wait
  // adds 150 ms without DOM changes; the last frame falls inside it).
  const win = tasks.filter((t) => t.ts >= t0 && t.ts < ends[i]);
  const sums = { script: 0, style: 0, layout: 0, paint: 0 };
  const app = [];
  let lastWork = t0;
  for (const t of win) {
    const s = split(t);
    if (s.style + s.layout + s.paint + s.script < 0.2) continue;
    for (const k of Object.keys(sums)) sums[k] += s[k];
    const names = new Set(complete.filter((e) => e.ts >= t.ts && e.ts < t.ts + t.dur).map((e) => e.name));
    if (names.has('EventDispatch') || names.has('TimerFire') || names.has('FunctionCall')) app.push({ t, s });
    lastWork = Math.max(lastWork, t.ts + t.dur);
  }
  rows.push({
    inputTask: app[0] ? app[0].t.dur / 1000 : 0,
    panelTask: app[1] ? app[1].t.dur / 1000 : 0,
    total: (lastWork - t0) / 1000,
    ...sums,
  });
}
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.round((s.length - 1) * p))];
};
console.log(`${rows.length} single-term queries from ${dist}; ms on the main thread per query`);
console.log(`${'part'.padEnd(34)} ${'p50'.padStart(7)} ${'p95'.padStart(7)}`);
const line = (name, key) => console.log(`${name.padEnd(34)} ${pct(rows.map((r) => r[key]), 0.5).toFixed(1).padStart(7)} ${pct(rows.map((r) => r[key]), 0.95).toFixed(1).padStart(7)}`);
line('input task (search, result list)', 'inputTask');
line('timer task (panels)', 'panelTask');
line('script, all tasks', 'script');
line('style', 'style');
line('layout', 'layout');
line('paint, layerize, commit', 'paint');
line('input event to end of last work', 'total');
