import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';
import { readFile } from 'node:fs/promises';
const server = await startServer({ root: process.argv[2], prefix: '/' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu','--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto(`http://127.0.0.1:${server.port}/`);
await page.waitForSelector('#results .result', { timeout: 120000 });
const qs = JSON.parse(process.argv[3]);
await browser.startTracing(page, { path: '/tmp/trace.json', categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
await page.evaluate(async (qs) => {
  const input = document.getElementById('search');
  for (const q of qs) {
    input.value = ''; input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
    input.value = q; input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  }
}, qs);
await browser.stopTracing();
const trace = JSON.parse(await readFile('/tmp/trace.json', 'utf8'));
const events = trace.traceEvents || trace;
const sum = new Map();
for (const e of events) {
  if (e.ph !== 'X' || !e.dur) continue;
  sum.set(e.name, (sum.get(e.name) || 0) + e.dur);
}
const top = [...sum.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25);
for (const [k, v] of top) console.log((v / 1000 / qs.length).toFixed(2).padStart(8), 'ms/query-pair', k);
await browser.close(); await server.close();
