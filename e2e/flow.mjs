// The main e2e flow, written once and run in every browser through the
// adapters of e2e/drivers.mjs (e2e/browsers.test.mjs runs it in Chromium,
// Firefox ESR and WebKitGTK, against dist/ served over HTTP and against
// dist/dateline.html opened from file://).
//
// On the default corpus (five seed articles: RT and commonspace.eu on
// 11 Jan 2021, TASS on 5 Oct 2023, teleSUR on 28 Aug 2024, Hyetert undated)
// it loads the app, searches, filters by outlet, zooms the timeline by
// clicking bars and steps back with the browser's back button, opens the
// reader and closes it (Escape and the close button), and exports the result
// set as CSV. After every step it fails on any uncaught exception, unhandled
// rejection, console error or Content Security Policy violation.

import assert from 'node:assert/strict';
import path from 'node:path';

export const OUTLETS = ['commonspace', 'hyetert', 'rt', 'tass', 'telesur'];
const TOTAL = 5;
const DATED = 4;
const UNDATED = 1;
const QUERY = 'Pashinyan';
const CSV_HEADER = 'id,title,outlet,date,precision,author,url,file,text,credit,sources,suggested_year\r\n';

/** Everything the assertions need, read from the DOM in one go (runs in the page). */
function readDom() {
  const num = (s) => {
    const m = /\d[\d,]*/.exec(s ?? '');
    return m ? Number(m[0].replace(/,/g, '')) : NaN;
  };
  const text = (el) => (el ? el.textContent.replace(/\s+/g, ' ').trim() : null);
  const results = [...document.querySelectorAll('#results .result')].map((r) => ({
    id: r.getAttribute('data-id'),
    outlet: r.getAttribute('data-outlet'),
    title: text(r.querySelector('.result-title')),
    marks: [...r.querySelectorAll('.result-title mark, .snippet mark')].map((m) => m.textContent),
  }));
  const outlets = {};
  for (const b of document.querySelectorAll('.outlet-filter')) {
    outlets[b.getAttribute('data-outlet')] = { pressed: b.getAttribute('aria-pressed'), count: num(b.querySelector('.count')?.textContent) };
  }
  const bars = [...document.querySelectorAll('#timeline .bar')].map((b) => ({
    label: b.getAttribute('data-label'),
    count: Number(b.getAttribute('data-count')),
  }));
  const reader = document.querySelector('#reader');
  return {
    hash: location.hash,
    query: document.querySelector('#search')?.value ?? null,
    results,
    resultCount: num(text(document.querySelector('#result-count'))),
    outlets,
    bars,
    barSum: bars.reduce((a, b) => a + b.count, 0),
    undated: Number(document.querySelector('#undated')?.getAttribute('data-count') ?? NaN),
    // The bar width shown: the pressed button of the "Bars by" control.
    granularity: ((g) => (g ? `by ${g}` : null))(document.querySelector('#timeline .grain-button[aria-pressed="true"]')?.dataset.grain),
    reader: reader
      ? {
          title: text(reader.querySelector('.reader-title')),
          paragraphs: reader.querySelectorAll('.reader-body p').length,
        }
      : null,
    booting: !!document.querySelector('#boot'),
  };
}

/** The list, the header count, the outlet facets and the timeline agree. */
function consistent(s) {
  const n = s.results.length;
  const anyPressed = Object.values(s.outlets).some((o) => o.pressed === 'true');
  const outletSum = Object.values(s.outlets).reduce((a, o) => a + o.count, 0);
  return s.resultCount === n && s.barSum + s.undated === n && (anyPressed || outletSum === n);
}

/**
 * Runs the flow in `b` (an adapter from drivers.mjs) on `url`.
 * `label` names screenshots (<label>.png, <label>-reader.png in `artifacts`);
 * `extraCsp` is a list other recorders fill (the test server's CSP reports);
 * `log` receives diagnostics.
 */
export async function runFlow(b, { url, label, artifacts, extraCsp = [], log = () => {} }) {
  const problems = { errors: [], csp: [] };
  /** Fails on any error or policy violation recorded so far. */
  const check = async (where) => {
    const d = await b.drain();
    problems.errors.push(...d.errors);
    problems.csp.push(...d.csp, ...extraCsp.splice(0));
    assert.deepEqual(problems.errors, [], `page errors (${where})`);
    assert.deepEqual(problems.csp, [], `Content Security Policy violations (${where})`);
  };
  const snapshot = () => b.evaluate(readDom);
  const waitFor = async (desc, pred, timeout = 15_000) => {
    const deadline = Date.now() + timeout;
    let last;
    let lastErr;
    for (;;) {
      try {
        last = await snapshot();
        if (pred(last)) return last;
      } catch (err) {
        lastErr = err;
      }
      await check(`while waiting for ${desc}`);
      if (Date.now() > deadline) {
        assert.fail(
          `${b.name}: timed out after ${timeout} ms waiting for ${desc}\nlast DOM snapshot: ${JSON.stringify(last)}` +
            (lastErr ? `\nlast evaluate error: ${lastErr}` : ''),
        );
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const shot = (name) => b.screenshot(path.join(artifacts, name));

  // 1. Load: the whole corpus, counts consistent, every stylesheet applied.
  const started = Date.now();
  await b.goto(url);
  let s = await waitFor(`${TOTAL} results with consistent counts`, (s) => s.results.length === TOTAL && consistent(s), 60_000);
  log(`${b.name}: ready ${Date.now() - started} ms after navigation`);
  assert.equal(s.booting, false, 'the start-up note is gone');
  assert.deepEqual(s.results.map((r) => r.outlet).sort(), OUTLETS, 'one result per outlet');
  for (const key of OUTLETS) assert.deepEqual(s.outlets[key], { pressed: 'false', count: 1 }, `outlet ${key}`);
  assert.equal(s.barSum, DATED, 'dated articles on the timeline');
  assert.equal(s.undated, UNDATED, 'undated bar');
  assert.equal(s.granularity, 'by month');
  const styles = await b.evaluate(() => ({
    sheets: document.styleSheets.length,
    blocked: [...document.querySelectorAll('link[rel=stylesheet]')].filter((l) => !l.sheet).map((l) => l.href),
    bg: getComputedStyle(document.documentElement).getPropertyValue('--bg').trim(),
    resultBorder: getComputedStyle(document.querySelector('#results .result')).borderTopStyle,
  }));
  assert.ok(styles.sheets >= 1, 'at least one stylesheet');
  assert.deepEqual(styles.blocked, [], 'every linked stylesheet loaded');
  assert.match(styles.bg, /^#[0-9a-f]{6}$/i, 'the base stylesheet defines --bg (styles applied)');
  await check('load');
  await shot(`${label}.png`);

  // 2. Search: typed as keys; fewer results, every one marks the word.
  await b.fill('#search', QUERY);
  s = await waitFor(`results for "${QUERY}"`, (s) => s.query === QUERY && s.results.length > 0 && s.results.length < TOTAL && consistent(s));
  for (const r of s.results) {
    assert.ok(r.marks.some((m) => /pashinyan/i.test(m)), `result ${r.id} marks the query; marks: ${JSON.stringify(r.marks)}`);
  }
  const matched = s.results.length;
  const rtCount = s.outlets.rt?.count;
  assert.ok(rtCount >= 1, `RT matches "${QUERY}"`);
  await check('search');

  // 3. Outlet filter: only RT, its count equals the list.
  await b.click('.outlet-filter[data-outlet="rt"]');
  // (The URL is written just after the render: wait for it too.)
  s = await waitFor(
    'only RT results, the filter in the URL',
    (s) => s.outlets.rt?.pressed === 'true' && s.results.length === rtCount && s.results.every((r) => r.outlet === 'rt') && /outlets=rt/.test(s.hash),
  );
  assert.equal(s.resultCount, rtCount);
  assert.equal(s.barSum + s.undated, rtCount, 'the timeline follows the filter');
  await b.click('.outlet-filter[data-outlet="rt"]');
  await waitFor('the filter released', (s) => s.outlets.rt?.pressed === 'false' && s.results.length === matched);
  await b.fill('#search', '');
  await waitFor(`all ${TOTAL} results again`, (s) => s.query === '' && s.results.length === TOTAL && consistent(s));
  await check('outlet filter');

  // 4. Timeline: a click on a bar zooms into its month, then its day; the
  // back button steps back out; "All dates" clears the range.
  await b.click('#timeline .bar[data-label="Jan 2021"] rect.hit');
  s = await waitFor('January 2021 by day', (s) => /from=2021-01-01&to=2021-02-01/.test(s.hash) && s.granularity === 'by day' && s.results.length === 2);
  assert.equal(s.bars.length, 31, 'January in days');
  assert.deepEqual(s.bars.filter((x) => x.count).map((x) => `${x.label}=${x.count}`), ['11 Jan 2021=2']);
  assert.deepEqual(s.results.map((r) => r.outlet).sort(), ['commonspace', 'rt']);
  await b.click('#timeline .bar[data-label="11 Jan 2021"] rect.hit');
  await waitFor('11 January 2021', (s) => /from=2021-01-11&to=2021-01-12/.test(s.hash) && s.results.length === 2);
  await b.back();
  await waitFor('back to January 2021', (s) => /from=2021-01-01&to=2021-02-01/.test(s.hash) && s.granularity === 'by day' && s.bars.length === 31);
  await b.click('#all-dates');
  await waitFor('all dates again', (s) => !s.hash.includes('from=') && s.results.length === TOTAL && s.granularity === 'by month' && consistent(s));
  await check('timeline');

  // 5. Reader: open the first result, close it with Escape; open the next
  // one, close it with its close button.
  for (const [i, how] of [[0, 'Escape'], [1, 'close button']]) {
    s = await snapshot();
    const target = s.results[i];
    await b.click(`#results .result[data-id="${target.id}"] .result-button`);
    s = await waitFor(`the reader showing ${target.id}`, (s) => s.reader?.paragraphs > 0 && s.hash.includes(`open=${target.id}`));
    assert.equal(s.reader.title, target.title, 'the reader shows the clicked article');
    if (i === 0) await shot(`${label}-reader.png`);
    if (how === 'Escape') await b.press('Escape');
    else await b.click('#reader .close');
    await waitFor(`the reader closed (${how})`, (s) => s.reader === null && !s.hash.includes('open='));
  }
  await check('reader');

  // 6. CSV export of the current results: the Blob the app hands to the
  // browser (recorded in the page), and the file the browser saved where
  // the driver can observe downloads.
  await b.fill('#search', QUERY);
  s = await waitFor(`results for "${QUERY}" again`, (s) => s.query === QUERY && s.results.length === matched);
  await b.evaluate(() => {
    const seen = (window.__datelineExports = []);
    const blobs = new Map();
    const create = URL.createObjectURL;
    URL.createObjectURL = function (blob) {
      const u = create.call(URL, blob);
      blobs.set(u, blob);
      return u;
    };
    const click = HTMLElement.prototype.click;
    HTMLAnchorElement.prototype.click = function () {
      const blob = blobs.get(this.href);
      const entry = { name: this.download, type: blob?.type ?? null, text: null };
      seen.push(entry);
      blob?.text().then((t) => (entry.text = t));
      return click.call(this);
    };
  });
  const saved = await b.download('#export-csv');
  const exported = await waitForValue(b, () => {
    const e = window.__datelineExports;
    return e.length === 1 && e[0].text !== null ? e[0] : null;
  });
  assert.match(exported.name, /^dateline-[a-z0-9-]+\.csv$/);
  assert.equal(exported.type, 'text/csv');
  assert.ok(exported.text.startsWith(CSV_HEADER), `CSV header: ${JSON.stringify(exported.text.slice(0, 80))}`);
  const ids = [...exported.text.matchAll(/\r\n(\d{3}_[0-9a-f]{16}),/g)].map((m) => m[1]).sort();
  assert.deepEqual(ids, s.results.map((r) => r.id).sort(), 'one CSV record per result');
  if (saved) {
    assert.match(saved.name, /^dateline-.*\.csv$/, 'saved file name');
    assert.equal(saved.text, exported.text, 'the saved file is the exported CSV');
  }
  log(`${b.name}: CSV export ${exported.text.length} chars, ${ids.length} records; ${saved ? `saved as ${saved.name}` : 'download not observable with this driver'}`);
  // Let a report of anything the download did reach the recorders.
  await new Promise((r) => setTimeout(r, 300));
  await check('export');
}

async function waitForValue(b, fn, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await b.evaluate(fn);
    if (v) return v;
    if (Date.now() > deadline) assert.fail(`${b.name}: timed out waiting for ${fn}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
