// Browser test of credit lines and inferred dates on the default corpus:
// teleSUR's "teleSUR/ JF Source: EFE – El Salto" shows as "Credit:
// teleSUR/JF" and "Sources: EFE, El Salto" (text only, the line verbatim
// under "Where this came from"), and Hyetert's undated reprint shows its
// suggested year labelled "inferred" in the result row and the reader.
// Screenshots: e2e/artifacts/credits-telesur.png, credits-inferred.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ARTIFACTS, closeSession, openSession } from './harness.mjs';

let session, page, base;
before(async () => {
  session = await openSession({ prefix: '/sub/dateline/', viewport: { width: 1440, height: 900 } });
  ({ page, base } = session);
});
after(() => closeSession(session));

/** The reader's metadata rows as [term, value] pairs. */
const metaRows = () =>
  page.$$eval('#reader .reader-meta dt', (dts) => dts.map((dt) => [dt.textContent.trim(), dt.nextElementSibling?.textContent.trim()]));

test('teleSUR: credit and sources in the reader, the credit line under "Where this came from", not in the body', async () => {
  await page.goto(`${base}#/?open=004_eb764ef8279581fd`);
  await page.waitForSelector('#reader .reader-title');
  const rows = await metaRows();
  assert.deepEqual(rows.filter(([k]) => /^(Credit|Sources?|Author)$/.test(k)), [
    ['Credit', 'teleSUR/JF'],
    ['Sources', 'EFE, El Salto'],
  ]);
  // Text only: no element inside the credit values.
  assert.equal(await page.$$eval('#reader .reader-credit', (ds) => ds.filter((d) => d.querySelector('bdi *')).length), 0);
  assert.doesNotMatch(await page.textContent('#reader .reader-body'), /teleSUR\/ JF|Source: EFE/);
  await page.click('#reader .provenance summary');
  assert.match(await page.textContent('#reader .provenance'), /Credit line\s*teleSUR\/ JF Source: EFE – El Salto/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'credits-telesur.png') });
});

test('commonspace.eu: its "Source:" line is a credit', async () => {
  await page.goto(`${base}#/?open=002_616a772ea8624ea7`);
  await page.waitForSelector('#reader .reader-title');
  const rows = await metaRows();
  assert.deepEqual(rows.filter(([k]) => /^(Credit|Sources?)$/.test(k)), [
    ['Sources', 'commonspace.eu, the press service of the President of Russia'],
  ]);
});

test('Hyetert: the undated reprint shows a suggested year, labelled inferred, with its evidence', async () => {
  await page.goto(`${base}#/?q=pashinyan`);
  await page.waitForSelector('#results .result[data-id="003_7fa586ce3e554acf"]');
  const row = page.locator('#results .result[data-id="003_7fa586ce3e554acf"] .date');
  assert.equal((await row.textContent()).trim(), 'undated · 2021? (inferred)');
  assert.match(await row.getAttribute('title'), /inferred from the text: "Sept\. 27 last year": 27 Sep 2020/);
  await page.click('#results .result[data-id="003_7fa586ce3e554acf"] .result-button');
  await page.waitForSelector('#reader #reader-inferred');
  const rows = await metaRows();
  const published = rows.find(([k]) => k === 'Published');
  assert.equal(published[1], 'no date found in the page');
  const suggested = rows.find(([k]) => k === 'Suggested date');
  assert.match(suggested[1], /^2021 — inferred from the text: "Sept\. 27 last year": 27 Sep 2020, a day 1 other article dates; "Jan\. 11 this year": 11 Jan 2021/);
  // It stays undated on the timeline.
  assert.ok(Number(await page.getAttribute('#undated', 'data-count')) >= 1);
  await page.screenshot({ path: path.join(ARTIFACTS, 'credits-inferred.png') });
});
