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
// Top-level tasks only (a task runner's event can nest another's).
const tasks = [];
for (const e of complete) {
  if (e.name !== 'ThreadControllerImpl::RunTask' && e.name !== 'RunTask') continue;
  const last = tasks[tasks.length - 1];
  if (last && e.ts < last.ts + last.dur) continue;
  tasks.push(e);
}

const KIND = {
  UpdateLayoutTree: 'style', RecalculateStyles: 'style',
  Layout: 'layout',
  PrePaint: 'paint', Paint: 'paint', Layerize: 'paint', UpdateLayer: 'paint', UpdateLayerTree: 'paint', Commit: 'paint', PaintImage: 'paint',
};
// Exclusive time by kind inside one task from `from` on: an event's time
// minus its children's; what no known kind claims is script.
function split(task, from) {
  const out = { script: 0, style: 0, layout: 0, paint: 0 };
  const inner = complete.filter((e) => e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && e !== task);
  const stack = [{ e: task, kind: 'script', end: task.ts + task.dur, childTime: 0 }];
  const close = (frame) => {
    // Only the part after `from` counts (the query's input event starts
    // inside the harness's task).
    const s = Math.max(frame.e.ts, from);
    const whole = frame.e.dur;
    const share = whole > 0 ? Math.max(0, frame.e.ts + whole - s) / whole : 0;
    out[frame.kind] += (whole - frame.childTime) * share;
  };
  for (const e of inner) {
    while (e.ts >= stack[stack.length - 1].end) close(stack.pop());
    const parent = stack[stack.length - 1];
    parent.childTime += e.dur;
    stack.push({ e, kind: KIND[e.name] || parent.kind, end: e.ts + e.dur, childTime: 0 });
  }
  while (stack.length) close(stack.pop());
  for (const k of Object.keys(out)) out[k] /= 1000;
  return out;
}

// A query's work: from its input event to 120 ms later (the harness waits
// 150 ms without DOM changes before the next step, so nothing else runs).
const WINDOW = 120_000;
const rows = [];
for (let i = 0; i < starts.length; i++) {
  const t0 = starts[i];
  const win = tasks.filter((t) => t.ts + t.dur > t0 && t.ts < t0 + WINDOW);
  const sums = { script: 0, style: 0, layout: 0, paint: 0 };
  const scriptTasks = [];
  let lastWork = t0;
  let frames = 0;
  for (const t of win) {
    const s = split(t, t0);
    const busy = s.style + s.layout + s.paint + s.script;
    if (busy < 0.2) continue;
    for (const k of Object.keys(sums)) sums[k] += s[k];
    if (s.style + s.layout + s.paint > 0.5) frames++;
    if (s.script > 1) scriptTasks.push(busy);
    lastWork = Math.max(lastWork, t.ts + t.dur);
    if (process.env.TRACE_TASKS && i < 3) {
      const kids = complete.filter((e) => e.ts > t.ts && e.ts < t.ts + t.dur && e.dur > 300 && e.ts >= t0).map((e) => `${e.name} ${(e.dur / 1000).toFixed(1)}`).slice(0, 8);
      console.log(`q${i} +${((Math.max(t.ts, t0) - t0) / 1000).toFixed(1)} ms: ${busy.toFixed(1)} ms`, JSON.stringify(s, (k, v) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v)), kids.join(', '));
    }
  }
  rows.push({
    query: queries[i],
    inputTask: scriptTasks[0] || 0,
    panelTask: scriptTasks[1] || 0,
    scriptTasks: scriptTasks.length,
    frames,
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
line('tasks with script', 'scriptTasks');
line('frames (style, layout or paint)', 'frames');
const slow = [...rows].sort((a, b) => b.inputTask - a.inputTask).slice(0, 8);
console.log(`slowest input tasks: ${slow.map((r) => `${r.query} ${r.inputTask.toFixed(1)}`).join(', ')}`);
