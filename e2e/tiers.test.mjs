// Impact tiers (core/src/split/tiers.rs, off by default): the 2,000-article
// scale corpus built by scripts/test.sh in the split layout with tiers on
// (target/dist-scale-tiers, `DATELINE_TIERS=64:200`: heads of 200
// documents, so that the first rows are often proven and rows further down
// need the tails) shows the same rows as the scale
// build without tiers (target/dist-scale): the first rows, rows far down a
// scrolled list (ranked further), rows grouped or sorted by outlet, with the
// same counts, and the tiered build does fetch tails. Tails are held back
// for a while: rows shown before they arrive must already be right (rows
// whose order is not proven wait, they are never shown out of order).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { HERE, closeSession, listSettled, openSession, renderedRows, scrollToRow } from './harness.mjs';

const PLAIN = path.resolve(process.env.DATELINE_DIST_SCALE || path.join(HERE, '..', 'target', 'dist-scale'));
const TIERS = path.resolve(process.env.DATELINE_DIST_TIERS || path.join(HERE, '..', 'target', 'dist-scale-tiers'));
const has = (d) => stat(path.join(d, 'index.html')).then(() => true, () => false);
const skip = (await has(PLAIN)) && (await has(TIERS)) ? false : `no scale builds at ${PLAIN} and ${TIERS} (scripts/test.sh builds them)`;

let plain, tiered;
let tails = 0;
/** How long a tail file is held back. */
const HOLD_MS = 1500;

before(async () => {
  if (skip) return;
  plain = await openSession({ root: PLAIN });
  tiered = await openSession({ root: TIERS });
  // Every page load fetches its tails again (none from the HTTP cache).
  const cdp = await tiered.page.context().newCDPSession(tiered.page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await tiered.page.route(/\/data\/t-[^/]*\.bin$/, async (route) => {
    tails += 1;
    await new Promise((r) => setTimeout(r, HOLD_MS));
    await route.continue();
  });
});

after(async () => {
  if (skip) return;
  await closeSession(plain);
  await closeSession(tiered);
});

/** Rows rendered (id by position) and the count, at the top and at row
 * `far`; `early`: the rows with an id shown soon after the scroll (while
 * held tails are still on their way). */
async function rows(session, hash, far) {
  const { page, base } = session;
  await page.goto('about:blank');
  await page.goto(`${base}#/?${hash}`);
  await listSettled(page);
  const read = () => renderedRows(page);
  const count = await page.textContent('#result-count');
  const top = await read();
  await scrollToRow(page, far);
  await page.waitForTimeout(HOLD_MS / 3);
  const early = await read();
  await page.waitForSelector(`#results .result[aria-posinset="${far}"][data-id]`, { timeout: 30000 });
  await listSettled(page);
  return { count, top, early, far: await read() };
}

test('a split build with tiers shows the rows of a build without them', { skip }, async () => {
  for (const [hash, far] of [
    // A trailing space: the word is not being typed, so no completions
    // (whose lists are tiered apart) join it.
    ['q=the%20', 400],
    ['q=said%20', 150],
    ['q=the', 400],
    ['q=tinbumizer', 60],
    ['q=the%20said%20', 100],
    ['q=the%20&rows=outlet', 300],
    ['q=said%20&sort=outlet', 120],
    ['q=the%20&sort=newest', 300],
  ]) {
    const want = await rows(plain, hash, far);
    const got = await rows(tiered, hash, far);
    assert.equal(got.count, want.count, `count of ${hash}`);
    assert.deepEqual(got.top, want.top, `first rows of ${hash}`);
    assert.deepEqual(got.far, want.far, `rows near ${far} of ${hash}`);
    // Shown before the tails came: right where they are.
    const right = new Set(want.far);
    const wrong = got.early.filter((r) => Number(r.split(':')[0]) >= want.far.map((w) => Number(w.split(':')[0]))[0] && !right.has(r));
    assert.deepEqual(wrong, [], `rows shown near ${far} of ${hash} before the tails came`);
  }
  assert.ok(tails > 0, 'the tiered build fetched tails');
});
