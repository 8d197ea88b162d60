// The split layout (dateline_core::split): the corpus as content-named
// files under data/, fetched only as views need them. scripts/test.sh
// builds the default corpus in this layout into target/dist-split (and
// runs explorer, features and timeline tests against it too); this file
// checks what is particular to it:
// * the first screen fetches the columns and one fragment, not the index,
//   and the events lane's file only after the rows' fragments;
// * a query fetches dictionary and posting chunks, and only those;
// * a missing file shows an error with a retry button, never a silently
//   incomplete result, and the retry recovers;
// * opened from file:// it explains that it needs a server.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, recordCspViolations, startServer } from './serve.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SPLIT = path.join(HERE, '..', 'target', 'dist-split');
const CHROME = process.env.CHROME_BIN || '/usr/bin/chromium';

let browser;
let built = false;
before(async () => {
  built = Boolean(await stat(path.join(SPLIT, 'data')).catch(() => null));
  browser = await chromium.launch({ executablePath: CHROME, args: CHROME_ARGS });
});
after(async () => browser?.close());

/** Holds back the requests of `page` whose URL matches `pattern` until the
 * returned function is called. */
async function holdBack(page, pattern) {
  let release;
  const held = new Promise((r) => (release = r));
  await page.route(pattern, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

test('the first screen and a query fetch only what they need', async (t) => {
  if (!built) return t.skip(`${SPLIT} not built (scripts/test.sh builds it)`);
  const server = await startServer({ root: SPLIT });
  try {
    const context = await browser.newContext();
    const csp = [];
    await recordCspViolations(context, csp);
    const page = await context.newPage();
    const fetched = [];
    page.on('request', (r) => {
      const m = /\/data\/([^/?#]+)$/.exec(r.url());
      if (m) fetched.push(m[1]);
    });
    await page.goto(server.url);
    await page.waitForSelector('#results .result:not(.loading)');
    // The events lane waits for the rows: its file is asked for once the
    // first screen's fragments are in, not beside them.
    for (let i = 0; i < 100 && !fetched.some((f) => f.startsWith('events-')); i++) await page.waitForTimeout(50);
    const ev = fetched.findIndex((f) => f.startsWith('events-'));
    assert.ok(ev > 0, `the events file is fetched: ${fetched}`);
    assert.ok(fetched.slice(0, ev).some((f) => f.startsWith('f-')), `events after the rows' fragments: ${fetched}`);
    const all = await readdir(path.join(SPLIT, 'data'));
    const first = [...fetched];
    assert.ok(first.some((f) => f.startsWith('columns-')), first.join(' '));
    assert.ok(!first.some((f) => f.startsWith('dict-') || f.startsWith('p-')), `no index before a query: ${first}`);
    await page.fill('#search', 'Pashinyan');
    await page.waitForFunction(() => document.querySelectorAll('#results .result mark').length > 0);
    const afterQuery = fetched.slice(first.length);
    assert.ok(afterQuery.some((f) => f.startsWith('dict-')), afterQuery.join(' '));
    assert.ok(afterQuery.some((f) => f.startsWith('p-')), afterQuery.join(' '));
    assert.ok(!afterQuery.some((f) => f.startsWith('q-')), 'no positions for a one-word query');
    assert.ok(new Set(fetched).size < all.length, `${new Set(fetched).size} of ${all.length} files fetched`);
    assert.equal(new Set(fetched).size, fetched.length, 'no file fetched twice');
    assert.match(await page.textContent('#result-count'), /^3 articles/);
    assert.deepEqual(csp, []);
    await context.close();
  } finally {
    await server.close();
  }
});

test('the events lane says it is loading until its file is in, not "no mentioned dates"', async (t) => {
  if (!built) return t.skip(`${SPLIT} not built (scripts/test.sh builds it)`);
  const server = await startServer({ root: SPLIT });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    // Hold the events file back until the rows are on screen.
    const release = await holdBack(page, /\/data\/events-[^/]*$/);
    await page.goto(server.url);
    await page.waitForSelector('#results .result:not(.loading)');
    await page.waitForFunction(() => /Loading mentioned dates/.test(document.querySelector('#events-lane')?.textContent ?? ''));
    assert.doesNotMatch(await page.textContent('#events'), /mention no date/);
    release();
    await page.waitForSelector('#events-lane .event-marker');
    assert.doesNotMatch(await page.textContent('#events-lane'), /Loading/);
    await context.close();
  } finally {
    await server.close();
  }
});

test('"Searching…" floats under the bar: the page does not move while a query fetches', async (t) => {
  if (!built) return t.skip(`${SPLIT} not built (scripts/test.sh builds it)`);
  const server = await startServer({ root: SPLIT });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForSelector('#results .result:not(.loading)');
    await page.waitForFunction(() => !document.querySelector('.fetch-status'));
    const top = () => page.evaluate(() => Math.round(document.getElementById('results').getBoundingClientRect().top));
    const idle = await top();
    // Hold the query's index files back while the note shows.
    const release = await holdBack(page, /\/data\/(dict|p)-[^/]*$/);
    await page.fill('#search', 'ceasefire');
    await page.waitForSelector('.fetch-status');
    assert.equal(await page.textContent('.fetch-status'), 'Searching…');
    // The note is on screen, in the live region, and the list has not moved.
    assert.equal(await page.evaluate(() => document.querySelector('.fetch-status').closest('[role=status]')?.getAttribute('aria-live')), 'polite');
    const box = await page.locator('.fetch-status').boundingBox();
    assert.ok(box && box.height > 0 && box.y > 0, `the note is visible: ${JSON.stringify(box)}`);
    assert.equal(await top(), idle, 'the result list stays where it was');
    release();
    await page.waitForFunction(() => !document.querySelector('.fetch-status') && /article/.test(document.querySelector('#result-count')?.textContent ?? ''));
    assert.equal(await top(), idle);
    await context.close();
  } finally {
    await server.close();
  }
});

test('a file that cannot be fetched is an error with a retry, not a wrong result', async (t) => {
  if (!built) return t.skip(`${SPLIT} not built`);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dateline-split-'));
  await cp(SPLIT, dir, { recursive: true });
  const data = path.join(dir, 'data');
  const postings = (await readdir(data)).filter((f) => f.startsWith('p-'));
  const server = await startServer({ root: dir });
  try {
    for (const f of postings) await rename(path.join(data, f), path.join(data, `${f}.gone`));
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.waitForSelector('#results .result[data-id]');
    await page.fill('#search', 'Pashinyan');
    await page.waitForSelector('.fetch-error', { timeout: 20_000 });
    assert.match(await page.textContent('.fetch-error'), /could not be loaded.*HTTP 404/);
    // The list still shows the previous results, not a partial answer.
    assert.match(await page.textContent('#result-count'), /^5 articles/);
    for (const f of postings) await rename(path.join(data, `${f}.gone`), path.join(data, f));
    await page.click('#retry');
    await page.waitForFunction(() => /^3 articles/.test(document.querySelector('#result-count')?.textContent ?? ''));
    assert.equal(await page.$('.fetch-error'), null);
    await page.close();
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('opened from file:// it says it needs a server', async (t) => {
  if (!built) return t.skip(`${SPLIT} not built`);
  assert.equal(await stat(path.join(SPLIT, 'dateline.html')).catch(() => null), null, 'no single file for the split layout');
  const page = await browser.newPage();
  await page.goto(pathToFileURL(path.join(SPLIT, 'index.html')).href);
  // The module script is refused from file:// in Chromium: the static page explains.
  await page.waitForFunction(() => {
    const failed = document.querySelector('.boot-failed');
    const needs = document.querySelector('#needs-server');
    return needs || (failed && getComputedStyle(failed).visibility === 'visible');
  }, null, { timeout: 20_000 });
  assert.match(await page.textContent('body'), /server/);
  await page.close();
});
