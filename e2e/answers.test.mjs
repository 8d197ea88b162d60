// Stored answers (core/src/split/answers.rs): the 2,000-article scale
// corpus built by scripts/test.sh in the split layout with answers for
// every word being typed whose lists take 2 KB or more, each with its 48
// best hits and its deeper hits down to 1,000 (target/dist-scale-answers,
// `DATELINE_ANSWERS=2048:48:1000`, so that a scrolled list soon ranks past
// an answer's top, and past its deeper hits) shows the rows and counts of
// the build of the same corpus without answers (target/dist-scale, split
// too: 2,000 articles are above the layout's threshold): at the top,
// far down a scrolled list, sorted by date (never answered), for words,
// prefixes and a filter. A common word typed reads its answer and no
// posting list before its first rows; scrolled past the answer's top it
// reads the deeper hits, and past those the lists. Filtered by its largest
// outlet (a fifth of the corpus: 10 of the top expected, 219 of the deeper
// hits), it reads the answer and the deeper hits in one go, no list.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ARTIFACTS, HERE, axeViolations, closeSession, listSettled, newPage, openSession, renderedRows, scrollToRow } from './harness.mjs';

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

test('a split build with stored answers shows the rows of the build without them', { skip }, async () => {
  const lists = (files) => files.some((f) => kind(f) === 'p' || kind(f) === 'dict');
  for (const [hash, far, how] of [
    ['q=the', 400, 'deeper'],
    ['q=said', 150, 'deeper'],
    ['q=sai', 120, 'deeper'],
    ['q=th', 300, 'deeper'],
    ['q=the', 1200, 'lists'],
    ['q=the&outlets=named-outlet-a-news', 100, 'filtered'],
    ['q=the&sort=newest', 300, 'none'],
    ['q=the%20', 200, 'none'],
  ]) {
    const want = await rows(plain, hash, far);
    const got = await rows(answered, hash, far);
    assert.equal(got.count, want.count, `count of ${hash}`);
    assert.deepEqual(got.top, want.top, `first rows of ${hash}`);
    assert.deepEqual(got.far, want.far, `rows near ${far} of ${hash}`);
    const firstKinds = new Set(got.first.map(kind));
    if (how === 'none') {
      // By date, or a finished word (a space after it): not answered.
      assert.ok(!firstKinds.has('a'), `${hash}: no answer: ${got.first}`);
      continue;
    }
    // Answered: one answer file, no dictionary, no posting list before
    // the first rows.
    assert.ok(firstKinds.has('a'), `${hash}: an answer among ${got.first}`);
    assert.ok(!lists(got.first), `${hash}: no lists before the first rows: ${got.first}`);
    if (how === 'filtered') {
      // The filter keeps too few of the top: the deeper hits with it.
      assert.ok(firstKinds.has('d'), `${hash}: deeper hits before the first rows: ${got.first}`);
    } else {
      assert.ok(!firstKinds.has('d'), `${hash}: no deeper hits before the first rows: ${got.first}`);
    }
    if (how === 'lists') {
      assert.ok(lists(got.all), `${hash}: the lists for rows past the deeper hits: ${got.all}`);
    } else {
      // Scrolled past the top (48) but within the deeper hits (1,000).
      assert.ok(got.all.some((f) => kind(f) === 'd'), `${hash}: deeper hits for rows past the top: ${got.all}`);
      assert.ok(!lists(got.all), `${hash}: no lists within the deeper hits: ${got.all}`);
    }
  }
});

test('a large export from the split layout says what it will fetch first, and exports the same rows with or without answers', { skip }, async () => {
  const csvOf = async (download) => readFile(await download.path(), 'utf8');
  /** The CSV export of `q=the` from `session`, confirmed when asked;
   * checks the question first, and that cancelling it saves nothing. */
  const exported = async (session, shot) => {
    const page = await newPage(session, { acceptDownloads: true });
    await page.goto(`${session.base}#/?q=the`);
    await listSettled(page);
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.click('#export-csv');
    const ask = await page.textContent('#export-ask');
    assert.match(ask, /^This CSV export first downloads /, ask);
    const [, articles, files] = /downloads ([\d,]+) articles \(([\d,]+) files\)/.exec(ask) ?? [];
    assert.ok(Number(articles?.replace(/,/g, '')) > 1000 && Number(files?.replace(/,/g, '')) > 0, ask);
    if (shot) {
      await page.screenshot({ path: path.join(ARTIFACTS, shot) });
      assert.deepEqual(await axeViolations(page, 'the export question'), []);
    }
    await page.click('#export-cancel');
    await page.waitForSelector('#export-ask', { state: 'detached' });
    assert.equal(downloads, 0, 'cancelled: nothing saved');
    await page.click('#export-csv');
    const [got] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), page.click('#export-confirm')]);
    await page.waitForSelector('#export-progress', { state: 'detached' });
    const csv = await csvOf(got);
    const name = got.suggestedFilename();
    await page.context().close();
    return { csv, name };
  };
  const want = await exported(plain);
  const got = await exported(answered, 'export-ask.png');
  const rows = want.csv.trim().split('\r\n').length - 1;
  assert.ok(rows > 1000, `${rows} rows`);
  assert.equal(got.csv, want.csv);
  assert.equal(got.name, want.name);
});

test('an export waiting for its articles shows how many are here, and cancelled saves nothing', { skip }, async () => {
  const page = await newPage(answered, { acceptDownloads: true });
  await page.goto(`${answered.base}#/?q=the`);
  await listSettled(page);
  let downloads = 0;
  page.on('download', () => downloads++);
  // A slow network: the articles' files take seconds to come.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 200, downloadThroughput: 50_000, uploadThroughput: 50_000 });
  await page.click('#export-csv');
  await page.click('#export-confirm');
  const progress = await page.textContent('#export-progress');
  assert.match(progress, /^Preparing the export… [\d,]+ of 2,000 articles here\./, progress);
  await page.screenshot({ path: path.join(ARTIFACTS, 'export-progress.png') });
  await page.click('#export-cancel');
  await page.waitForSelector('#export-progress', { state: 'detached' });
  // The files still arriving change nothing: no download.
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await page.waitForTimeout(3000);
  assert.equal(downloads, 0);
  await page.context().close();
});
