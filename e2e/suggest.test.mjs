// "Did you mean" (issue 17 part 5), on the default corpus: a misspelt name
// finding few articles offers the corpus's spelling; one click searches it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, recordCspViolations, startServer } from './serve.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DIST = process.env.DATELINE_DIST ? path.resolve(process.env.DATELINE_DIST) : path.join(HERE, '..', 'dist');
const CHROME = process.env.CHROME_BIN || '/usr/bin/chromium';

let browser;
let server;
const errors = [];
const csp = [];

before(async () => {
  browser = await chromium.launch({ executablePath: CHROME, args: CHROME_ARGS });
  server = await startServer({ root: DIST });
});

after(async () => {
  await server?.close();
  await browser?.close();
});

test('a misspelt word offers the common spelling; clicking it searches that', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await recordCspViolations(context, csp);
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto(`${server.url}#/?q=Pashinian%20Kremlin`);
  await page.waitForSelector('#did-you-mean', { timeout: 30_000 });
  const offer = await page.textContent('#did-you-mean');
  assert.match(offer, /Did you mean\s+pashinyan kremlin\s*\?/i, offer);
  await page.click('#did-you-mean button');
  await page.waitForFunction(() => new URLSearchParams(location.hash.split('?')[1] ?? '').get('q') === 'pashinyan Kremlin');
  assert.equal(await page.inputValue('#search'), 'pashinyan Kremlin');
  await page.waitForFunction(() => !document.querySelector('#did-you-mean'));
  // A query spelt as the corpus spells it gets no offer.
  await page.goto(`${server.url}#/?q=Pashinyan`);
  await page.waitForSelector('#result-count');
  await page.waitForTimeout(200);
  assert.equal(await page.$('#did-you-mean'), null);
  assert.deepEqual(errors, []);
  assert.deepEqual(csp, []);
  await context.close();
});
