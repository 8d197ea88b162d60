// "Did you mean" (issue 17 part 5), on the default corpus: a misspelt name
// finding few articles offers the corpus's spelling; one click searches it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { closeSession, openSession } from './harness.mjs';

let session, page, base;

before(async () => ({ page, base } = session = await openSession({ consoleErrors: true })));

after(() => closeSession(session));

test('a misspelt word offers the common spelling; clicking it searches that', async () => {
  await page.goto(`${base}#/?q=Pashinian%20Kremlin`);
  await page.waitForSelector('#did-you-mean', { timeout: 30_000 });
  const offer = await page.textContent('#did-you-mean');
  assert.match(offer, /Did you mean\s+pashinyan kremlin\s*\?/i, offer);
  await page.click('#did-you-mean button');
  await page.waitForFunction(() => new URLSearchParams(location.hash.split('?')[1] ?? '').get('q') === 'pashinyan Kremlin');
  assert.equal(await page.inputValue('#search'), 'pashinyan Kremlin');
  await page.waitForFunction(() => !document.querySelector('#did-you-mean'));
  // A query spelt as the corpus spells it gets no offer.
  await page.goto(`${base}#/?q=Pashinyan`);
  await page.waitForSelector('#result-count');
  await page.waitForTimeout(200);
  assert.equal(await page.$('#did-you-mean'), null);
});
