// Browser test for Dateline: serves ../dist under a sub-path and drives it in
// headless system Chromium through playwright-core.
//
//   node --test e2e/                     (scripts/test.sh runs this after `trunk build`)
//
// Environment:
//   CHROME_BIN     browser executable (default /usr/bin/chromium)
//   DATELINE_DIST  folder to serve instead of ../dist (for debugging the harness)
//
// Screenshots go to e2e/artifacts/ (gitignored): explorer.png, search.png,
// reader.png, mobile.png, plus failure-<step>.png/.html when a step fails.
//
// DOM contract under test (the app implements it):
//   #search                      search input; results update as you type
//   #results .result             one per result: data-id, data-outlet, .result-title, .snippet (<mark> on hits)
//   #result-count                "5 articles" (number first)
//   #stats                       corpus stats, includes the article count
//   .outlet-filter               button per outlet: data-outlet, aria-pressed, .count (live count)
//   #timeline .bar               data-count, data-label;  #undated: data-count
//   #reader                      .reader-title, .reader-meta, .reader-body (paragraphs)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { recordCspViolations, startServer } from './serve.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DIST = process.env.DATELINE_DIST ? path.resolve(process.env.DATELINE_DIST) : path.join(HERE, '..', 'dist');
const ARTIFACTS = path.join(HERE, 'artifacts');
const CHROME = process.env.CHROME_BIN || '/usr/bin/chromium';
const PREFIX = '/sub/dateline/';

// The default corpus: one article per outlet; 4 dated, 1 undated (Hyetert).
const OUTLETS = ['commonspace', 'hyetert', 'rt', 'tass', 'telesur'];
const TOTAL = 5;
const DATED = 4;
const UNDATED = 1;
const QUERY = 'Pashinyan';

const LOAD_TIMEOUT = 60_000; // first paint incl. wasm download + compile + index build
const STEP_TIMEOUT = 15_000; // UI reaction to one interaction

let server;
let browser;
let context;
let page;
const pageErrors = [];
const consoleErrors = [];
const badResponses = [];
const cspViolations = [];
let aborted = null;

const isFavicon = (url) => /\/favicon\.ico(\?|$)/.test(url);

function watch(p, label) {
  p.on('pageerror', (err) => pageErrors.push(`[${label}] ${err?.stack || err}`));
  p.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const where = msg.location()?.url ?? '';
    if (isFavicon(where)) return;
    consoleErrors.push(`[${label}] ${msg.text()}${where ? ` (${where})` : ''}`);
  });
  p.on('response', (res) => {
    if (res.status() >= 400 && !isFavicon(res.url())) badResponses.push(`[${label}] HTTP ${res.status()} ${res.url()}`);
  });
  p.on('requestfailed', (req) => {
    if (!isFavicon(req.url())) badResponses.push(`[${label}] request failed: ${req.url()} (${req.failure()?.errorText})`);
  });
}

/** Everything the assertions need, read from the DOM in one go. */
function snapshot(p = page) {
  return p.evaluate(() => {
    const num = (s) => {
      const m = /-?\d[\d,\u00a0\u202f ]*/.exec(s ?? '');
      return m ? Number(m[0].replace(/[,\u00a0\u202f ]/g, '')) : NaN;
    };
    const text = (el) => (el ? el.textContent.replace(/\s+/g, ' ').trim() : null);
    const results = [...document.querySelectorAll('#results .result:not(.loading)')].map((r) => ({
      id: r.getAttribute('data-id'),
      outlet: r.getAttribute('data-outlet'),
      title: text(r.querySelector('.result-title')),
      snippet: text(r.querySelector('.snippet')),
      marks: [...r.querySelectorAll('.result-title mark, .snippet mark')].map((m) => m.textContent),
    }));
    const outlets = Object.fromEntries(
      [...document.querySelectorAll('.outlet-filter')].map((b) => [
        b.getAttribute('data-outlet'),
        { pressed: b.getAttribute('aria-pressed'), count: num(b.querySelector('.count')?.textContent) },
      ]),
    );
    const bars = [...document.querySelectorAll('#timeline .bar')].map((b) => ({
      label: b.getAttribute('data-label'),
      count: Number(b.getAttribute('data-count')),
    }));
    const undatedEl = document.querySelector('#undated');
    const resultCountText = text(document.querySelector('#result-count'));
    return {
      query: document.querySelector('#search')?.value ?? null,
      results,
      resultCountText,
      resultCount: num(resultCountText),
      stats: text(document.querySelector('#stats')),
      outlets,
      outletSum: Object.values(outlets).reduce((a, o) => a + o.count, 0),
      anyPressed: Object.values(outlets).some((o) => o.pressed === 'true'),
      bars,
      barSum: bars.reduce((a, b) => a + b.count, 0),
      undated: undatedEl ? Number(undatedEl.getAttribute('data-count')) : NaN,
      hasTimeline: !!document.querySelector('#timeline'),
    };
  });
}

/** The counts shown in the header, outlet facets and timeline agree with the list. */
function consistent(s) {
  const n = s.results.length;
  return (
    s.resultCount === n &&
    s.barSum + s.undated === n &&
    (s.anyPressed || s.outletSum === n)
  );
}

/** Polls the DOM until pred(snapshot) holds; on timeout fails with the last snapshot. */
async function waitFor(desc, pred, timeout = STEP_TIMEOUT, p = page) {
  const deadline = Date.now() + timeout;
  let last;
  let lastErr;
  for (;;) {
    try {
      last = await snapshot(p);
      if (pred(last)) return last;
    } catch (err) {
      lastErr = err;
    }
    if (pageErrors.length) {
      assert.fail(`page error while waiting for ${desc}:\n${pageErrors.join('\n')}`);
    }
    if (badResponses.length) {
      assert.fail(`failed requests while waiting for ${desc}:\n${badResponses.join('\n')}`);
    }
    if (Date.now() > deadline) {
      assert.fail(
        `timed out after ${timeout} ms waiting for ${desc}\n` +
          `last DOM snapshot: ${JSON.stringify(last, null, 2)}` +
          (lastErr ? `\nlast evaluate error: ${lastErr}` : ''),
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function shot(name, p = page) {
  await p.screenshot({ path: path.join(ARTIFACTS, name) });
}

/** A test step; later steps are skipped once one fails (they depend on its state). */
function step(name, fn) {
  test(name, { timeout: LOAD_TIMEOUT + 30_000 }, async (t) => {
    if (aborted) {
      t.skip(`skipped: step "${aborted}" failed`);
      return;
    }
    try {
      await fn(t);
      assert.deepEqual(pageErrors, [], 'uncaught page errors');
    } catch (err) {
      aborted = name;
      const slug = name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
      if (page) {
        await shot(`failure-${slug}.png`).catch(() => {});
        await page
          .content()
          .then((html) => writeFile(path.join(ARTIFACTS, `failure-${slug}.html`), html))
          .catch(() => {});
      }
      throw err;
    }
  });
}

before(async () => {
  const index = await stat(path.join(DIST, 'index.html')).catch(() => null);
  assert.ok(index?.isFile(), `${DIST}/index.html not found: run \`trunk build --release --offline\` first`);
  // Only this file's failure dumps from an earlier run: other test files
  // (which may run before this one) keep their screenshots here.
  await mkdir(ARTIFACTS, { recursive: true });
  for (const f of await readdir(ARTIFACTS)) if (f.startsWith('failure-')) await rm(path.join(ARTIFACTS, f), { force: true });
  server = await startServer({ root: DIST, prefix: PREFIX });
  browser = await chromium.launch({
    executablePath: CHROME,
    headless: true,
    timeout: 60_000,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await recordCspViolations(context, cspViolations);
  context.setDefaultTimeout(STEP_TIMEOUT);
  page = await context.newPage();
  watch(page, 'desktop');
});

after(async () => {
  if (consoleErrors.length) console.log(`# browser console errors:\n${consoleErrors.map((e) => `#   ${e}`).join('\n')}`);
  await browser?.close().catch(() => {});
  await server?.close();
});

step('loads from a sub-path and shows the whole corpus', async (t) => {
  const started = Date.now();
  const res = await page.goto(server.url, { waitUntil: 'load', timeout: LOAD_TIMEOUT });
  assert.equal(res?.status(), 200, `GET ${server.url}`);

  const s = await waitFor(
    `${TOTAL} results, "${TOTAL}" in #stats and consistent counts`,
    (s) => s.results.length === TOTAL && /(^|\D)5(\D|$)/.test(s.stats ?? '') && consistent(s),
    LOAD_TIMEOUT,
  );
  t.diagnostic(`ready after ${Date.now() - started} ms; stats: ${s.stats}; result count: ${s.resultCountText}`);

  // Every asset came from under the sub-path (absolute /asset URLs would 404 here).
  assert.deepEqual(badResponses, [], 'failed requests (assets must resolve relative to the page)');
  const outside = server.requests.filter((r) => !r.path.startsWith(PREFIX) && !isFavicon(r.path));
  assert.deepEqual(outside, [], 'requests outside the sub-path');
  const wasm = server.requests.filter((r) => r.path.endsWith('.wasm') && r.status === 200);
  assert.ok(wasm.length >= 1, 'the .wasm module was fetched');

  assert.equal(s.resultCount, TOTAL, '#result-count');
  const ids = s.results.map((r) => r.id);
  assert.ok(ids.every((id) => id && id.length > 0), `every .result has data-id: ${ids}`);
  assert.equal(new Set(ids).size, ids.length, `data-id values are unique: ${ids}`);
  for (const r of s.results) {
    assert.ok(r.title, `result ${r.id} has a non-empty .result-title`);
    assert.notEqual(r.snippet, null, `result ${r.id} has a .snippet`);
  }
  assert.deepEqual(s.results.map((r) => r.outlet).sort(), OUTLETS, 'one result per outlet (data-outlet)');

  for (const key of OUTLETS) {
    assert.ok(s.outlets[key], `.outlet-filter[data-outlet="${key}"] exists`);
    assert.equal(s.outlets[key].pressed, 'false', `${key} starts unpressed`);
    assert.equal(s.outlets[key].count, 1, `${key} .count`);
  }
  for (const [key, o] of Object.entries(s.outlets)) {
    if (!OUTLETS.includes(key)) assert.equal(o.count, 0, `outlet ${key} has no articles in the default corpus`);
  }

  assert.ok(s.hasTimeline, '#timeline exists');
  assert.equal(s.barSum, DATED, 'sum of #timeline .bar data-count (dated articles)');
  assert.equal(s.undated, UNDATED, '#undated data-count');
  for (const b of s.bars) {
    assert.ok(Number.isFinite(b.count) && b.count >= 0, `bar ${b.label} has a numeric data-count`);
    assert.ok(b.label, 'every .bar has a data-label');
  }
  t.diagnostic(`bars: ${s.bars.filter((b) => b.count).map((b) => `${b.label}=${b.count}`).join(', ')}`);

  await shot('explorer.png');
});

step(`search "${QUERY}" narrows results and highlights hits`, async () => {
  await page.fill('#search', QUERY);
  const s = await waitFor(
    `results for "${QUERY}" (0 < n < ${TOTAL}) with consistent counts`,
    (s) => s.query === QUERY && s.results.length > 0 && s.results.length < TOTAL && consistent(s),
  );
  for (const r of s.results) {
    assert.ok(r.marks.length > 0, `result ${r.id} (${r.title}) has a <mark> in its title or snippet`);
    assert.ok(
      r.marks.some((m) => /pashinyan/i.test(m)),
      `result ${r.id} marks the query term; marks: ${JSON.stringify(r.marks)}`,
    );
  }
  assert.equal(s.resultCount, s.results.length, '#result-count');
  assert.equal(s.outletSum, s.results.length, 'outlet facet counts add up to the result count');
  assert.equal(s.barSum + s.undated, s.results.length, 'timeline (bars + undated) adds up to the result count');
  for (const r of s.results) {
    assert.ok(s.outlets[r.outlet]?.count >= 1, `outlet ${r.outlet} of result ${r.id} has a live count >= 1`);
  }
});

step('outlet filter restricts results to that outlet', async () => {
  const before = await snapshot();
  const rtCount = before.outlets.rt?.count;
  // The RT article's body names Pashinyan several times.
  assert.ok(rtCount >= 1, `rt has matches for "${QUERY}" (count ${rtCount})`);

  await page.click('.outlet-filter[data-outlet="rt"]');
  const s = await waitFor(
    'rt filter pressed and only rt results',
    (s) =>
      s.outlets.rt?.pressed === 'true' &&
      s.results.length === rtCount &&
      s.results.every((r) => r.outlet === 'rt') &&
      s.resultCount === s.results.length &&
      s.barSum + s.undated === s.results.length,
  );
  for (const [key, o] of Object.entries(s.outlets)) {
    if (key !== 'rt') assert.equal(o.pressed, 'false', `${key} stays unpressed`);
  }
  assert.equal(s.outlets.rt.count, s.results.length, 'rt .count equals the filtered result count');
  for (const r of s.results) assert.ok(r.marks.length > 0, `result ${r.id} keeps its <mark> highlights`);

  await shot('search.png');
});

step('a query without matches shows zero everywhere', async () => {
  await page.fill('#search', 'qzxjvwk');
  await waitFor(
    'no results for a nonsense query',
    (s) =>
      s.query === 'qzxjvwk' &&
      s.results.length === 0 &&
      (s.resultCount === 0 || Number.isNaN(s.resultCount)) &&
      s.barSum + s.undated === 0,
  );
});

step('clearing the query and filter restores the corpus; a result opens in the reader', async (t) => {
  await page.click('.outlet-filter[data-outlet="rt"]');
  await page.fill('#search', '');
  const s = await waitFor(
    `all ${TOTAL} results again with no filter pressed`,
    (s) => s.query === '' && !s.anyPressed && s.results.length === TOTAL && consistent(s),
  );
  assert.equal(s.barSum, DATED);
  assert.equal(s.undated, UNDATED);

  const first = page.locator('#results .result').first();
  const title = first.locator('.result-title');
  await ((await title.count()) ? title.first() : first).click();

  const readerTitle = page.locator('#reader .reader-title');
  await readerTitle.waitFor({ state: 'visible' });
  const reader = await page.evaluate(() => {
    const r = document.querySelector('#reader');
    const body = r.querySelector('.reader-body');
    return {
      title: r.querySelector('.reader-title')?.textContent.trim(),
      meta: r.querySelector('.reader-meta')?.textContent.trim() ?? null,
      paragraphs: body ? [...body.querySelectorAll('p')].map((p) => p.textContent.trim()).filter(Boolean) : null,
      bodyText: body?.textContent.trim() ?? null,
    };
  });
  assert.ok(reader.title, '#reader .reader-title is non-empty');
  assert.ok(reader.meta, '#reader .reader-meta is non-empty');
  assert.ok(reader.bodyText && reader.bodyText.length > 50, '#reader .reader-body has text');
  assert.ok(reader.paragraphs.length >= 1, '#reader .reader-body has <p> paragraphs');
  t.diagnostic(`reader: "${reader.title}" (${reader.paragraphs.length} paragraphs) | clicked "${s.results[0].title}"`);

  await shot('reader.png');
});

step('mobile layout (390x844) renders without horizontal scrolling', async (t) => {
  const mobile = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  try {
    const p = await mobile.newPage();
    watch(p, 'mobile');
    await p.goto(server.url, { waitUntil: 'load', timeout: LOAD_TIMEOUT });
    // On a phone the panels start closed (the results come first): the
    // counts agree once the outlet and timeline panels are opened.
    await waitFor(`${TOTAL} results on mobile`, (s) => s.results.length === TOTAL && s.resultCount === TOTAL, LOAD_TIMEOUT, p);
    assert.equal(await p.$('#timeline'), null, 'the timeline starts closed on a phone');
    await p.click('#panel-outlets .panel-toggle');
    await p.click('#panel-timeline .panel-toggle');
    await waitFor(`consistent counts on mobile`, (s) => s.results.length === TOTAL && consistent(s), LOAD_TIMEOUT, p);
    const widths = await p.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      inner: window.innerWidth,
    }));
    t.diagnostic(`mobile widths: ${JSON.stringify(widths)}`);
    await shot('mobile.png', p);
    assert.ok(widths.scroll <= widths.inner + 1, `page is ${widths.scroll}px wide in a ${widths.inner}px viewport`);
    assert.deepEqual(pageErrors, [], 'uncaught page errors (mobile)');
  } finally {
    await mobile.close();
  }
});

step('no failed requests, no Content Security Policy violation and no panics in the console', async () => {
  assert.deepEqual(cspViolations, [], 'the app runs under its Content Security Policy');
  assert.deepEqual(badResponses, [], 'failed requests');
  const panics = consoleErrors.filter((e) => /panicked at|RuntimeError|unreachable/i.test(e));
  assert.deepEqual(panics, [], 'Rust panics logged to the console');
});
