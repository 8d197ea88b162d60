// The single-file build (dist/dateline.html, written by the build's last
// step, tools/src/bin/dist.rs): one HTML file with the styles, the script
// and the wasm with the corpus inside. Opened from file:// (as a journalist
// opens an attachment), it must run without fetching anything and without
// breaking its own Content Security Policy. Screenshot: singlefile.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, recordCspViolations, startServer } from './serve.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DIST = process.env.DATELINE_DIST ? path.resolve(process.env.DATELINE_DIST) : path.join(HERE, '..', 'dist');
const ARTIFACTS = path.join(HERE, 'artifacts');
const CHROME = process.env.CHROME_BIN || '/usr/bin/chromium';
const SINGLE = path.join(DIST, 'dateline.html');

let browser;
before(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROME, args: CHROME_ARGS });
});
after(async () => browser?.close());

test('dateline.html opens from file:// with the whole corpus, fetching nothing', async () => {
  const html = await readFile(SINGLE, 'utf8');
  assert.doesNotMatch(html, /<link[^>]+href="\.\//, 'no stylesheet or preload from a file');
  assert.doesNotMatch(html, /<script[^>]+src=/, 'no external script');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const csp = [];
  await recordCspViolations(context, csp);
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(SINGLE).href);
  await page.waitForSelector('#results .result', { timeout: 30_000 });
  assert.match(await page.textContent('#result-count'), /^5 articles/);
  await page.fill('#search', 'Pashinyan');
  await page.waitForFunction(() => document.querySelectorAll('#results .result mark').length > 0);
  await page.click('#results .result-button');
  await page.waitForSelector('#reader .reader-body p');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  assert.match(await readFile(await download.path(), 'utf8'), /^id,title,outlet/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'singlefile.png') });
  assert.deepEqual(errors, [], 'no error');
  assert.deepEqual(csp, [], 'no Content Security Policy violation');
  const fetched = requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && u !== pathToFileURL(SINGLE).href);
  assert.deepEqual(fetched, [], 'nothing fetched besides the file itself');
  await context.close();
});

test('the served app links to the single file, and index.html from file:// explains itself', async () => {
  const server = await startServer({ root: DIST });
  try {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForSelector('#results .result[data-id]');
    assert.equal(await page.getAttribute('meta[name="dateline-single-file"]', 'content'), 'dateline.html');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-explorer')]);
    assert.equal(download.suggestedFilename(), 'dateline.html');
    assert.equal((await stat(await download.path())).size, (await stat(SINGLE)).size, 'the whole single file');
    await context.close();
  } finally {
    await server.close();
  }
  // index.html needs a server: from file:// the browser refuses its module
  // script, and the static page says what to do instead of staying blank.
  const page = await browser.newPage();
  await page.goto(pathToFileURL(path.join(DIST, 'index.html')).href);
  await page.waitForFunction(() => getComputedStyle(document.querySelector('.boot-failed')).visibility === 'visible', null, {
    timeout: 30_000,
  });
  assert.match(await page.textContent('.boot-failed'), /dateline\.html/);
  await page.close();
  assert.ok((await stat(SINGLE)).size > 0);
});
