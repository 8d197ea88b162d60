// Stored answers (core/src/split/answers.rs): the 2,000-article scale
// corpus built by scripts/test.sh in the split layout with answers for
// every word being typed whose lists take 2 KB or more, each with its 48
// best hits (target/dist-scale-answers, `DATELINE_ANSWERS=2048:48`, so that
// a scrolled list soon ranks past an answer's top and needs the lists)
// shows the rows and counts of the embedded build of the same corpus
// (target/dist-scale): at the top, far down a scrolled list, sorted by
// date (never answered), for words, prefixes and a filter. A common word
// typed reads its answer and no posting list before its first rows; the
// lists come when the list is scrolled past the answer's top.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { HERE, closeSession, listSettled, openSession, renderedRows, scrollToRow } from './harness.mjs';

const PLAIN = path.resolve(process.env.DATELINE_DIST_SCALE || path.join(HERE, '..', 'target', 'dist-scale'));
const ANSWERS = path.resolve(process.env.DATELINE_DIST_ANSWERS || path.join(HERE, '..', 'target', 'dist-scale-answers'));
const has = (d) => stat(path.join(d, 'index.html')).then(() => true, () => false);
const skip = (await has(PLAIN)) && (await has(ANSWERS)) ? false : `no scale builds at ${PLAIN} and ${ANSWERS} (scripts/test.sh builds them)`;

let plain, answered;
/** Data files the answers build's page asked for, in order. */
let requested = [];

before(async () => {
  if (skip) return;
  plain = await openSession({ root: PLAIN });
  answered = await openSession({ root: ANSWERS });
  // Every page load fetches its files again (none from the HTTP cache).
  const cdp = await answered.page.context().newCDPSession(answered.page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  answered.page.on('request', (r) => {
    const m = /\/data\/([^/?#]+)$/.exec(r.url());
    if (m) requested.push(m[1]);
  });
});

after(async () => {
  if (skip) return;
  await closeSession(plain);
  await closeSession(answered);
});

/** Rows rendered (position:id) and the count at the top, the files asked
 * for until then, and the rows near row `far` once scrolled there. */
async function rows(session, hash, far) {
  const { page, base } = session;
  await page.goto('about:blank');
  requested = [];
  await page.goto(`${base}#/?${hash}`);
  await listSettled(page);
  const read = () => renderedRows(page);
  const count = await page.textContent('#result-count');
  const top = await read();
  const first = [...requested];
  await scrollToRow(page, far);
  await page.waitForSelector(`#results .result[aria-posinset="${far}"][data-id]`, { timeout: 30000 });
  await listSettled(page);
  return { count, top, first, far: await read(), all: [...requested] };
}

const kind = (name) => name.split('-')[0];

test('a split build with stored answers shows the rows of the embedded build', { skip }, async () => {
  for (const [hash, far] of [
    ['q=the', 400],
    ['q=said', 150],
    ['q=sai', 120],
    ['q=th', 300],
    ['q=the&sort=newest', 300],
    ['q=the%20', 200],
  ]) {
    const want = await rows(plain, hash, far);
    const got = await rows(answered, hash, far);
    assert.equal(got.count, want.count, `count of ${hash}`);
    assert.deepEqual(got.top, want.top, `first rows of ${hash}`);
    assert.deepEqual(got.far, want.far, `rows near ${far} of ${hash}`);
    const firstKinds = new Set(got.first.map(kind));
    if (['q=the', 'q=said', 'q=sai', 'q=th'].includes(hash)) {
      // Answered: one answer file, no dictionary, no posting list, until
      // the list is scrolled past the answer's 48 hits.
      assert.ok(firstKinds.has('a'), `${hash}: an answer among ${got.first}`);
      assert.ok(!firstKinds.has('p') && !firstKinds.has('dict'), `${hash}: no lists before the first rows: ${got.first}`);
      assert.ok(got.all.some((f) => kind(f) === 'p' || kind(f) === 'dict'), `${hash}: the lists for rows past the answer's top: ${got.all}`);
    } else {
      // By date, or a finished word (a space after it): not answered.
      assert.ok(!firstKinds.has('a'), `${hash}: no answer: ${got.first}`);
    }
  }
});
