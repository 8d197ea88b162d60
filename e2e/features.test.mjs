// Browser tests of the explorer's research features on the default corpus:
// shareable URL state (reload, back/forward, hostile URLs), keyboard
// navigation, CSV/JSON export, outlet comparison, reader and accessibility.
// The timeline and events lane are in timeline.test.mjs.
// Served under a sub-path like explorer.test.mjs; screenshots go to
// e2e/artifacts/ (compare.png, reader-hits.png, reprint.png, dark.png).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ARTIFACTS, axeViolations, closeSession, forEachLook, listSettled, newPage, openSession } from './harness.mjs';

let session, page, base;

before(async () => {
  ({ page, base } = session = await openSession({ prefix: '/sub/dateline/', contextOptions: { acceptDownloads: true } }));
});

after(() => closeSession(session));

const resultIds = () => page.$$eval('#results .result', (rs) => rs.map((r) => r.dataset.id));
const count = async () => Number((await page.textContent('#result-count')).match(/\d+/)[0]);

test('URL holds query, outlets, date range, sort and open article; reload and back/forward restore it', async () => {
  await page.goto(base);
  await page.waitForSelector('#results .result[data-id]');
  await page.fill('#search', 'Putin');
  await page.click('.outlet-filter[data-outlet="rt"]');
  await page.waitForFunction(() => location.hash.includes('outlets=rt'));
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /q=Putin/);
  await page.reload();
  await page.waitForSelector('#results .result[data-id]');
  assert.equal(await page.inputValue('#search'), 'Putin');
  assert.equal(await page.getAttribute('.outlet-filter[data-outlet="rt"]', 'aria-pressed'), 'true');
  assert.deepEqual((await resultIds()).length, 1);
  // Back undoes the outlet toggle.
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('.outlet-filter[data-outlet="rt"]').getAttribute('aria-pressed') === 'false');
  assert.ok((await count()) > 1);
  // The entry the outlet click left holds the query typed just before it
  // (the query is written to the URL after a pause, or before any push).
  assert.equal(await page.inputValue('#search'), 'Putin');
  assert.match(await page.evaluate(() => location.hash), /q=Putin/);
  // Typing alone reaches the URL once the user pauses, in the same entry.
  const entries = await page.evaluate(() => history.length);
  await page.fill('#search', 'Karabakh');
  await page.waitForFunction(() => location.hash.includes('q=Karabakh'));
  assert.equal(await page.evaluate(() => history.length), entries);
  // A shared link with every field.
  await page.goto(`${base}#/?q=karabakh&outlets=tass,telesur&from=2023-01-01&to=2025-01-01&sort=oldest&open=000_cb703be335ef0dfb`);
  await page.waitForSelector('#reader .reader-title');
  assert.deepEqual(await resultIds(), ['000_cb703be335ef0dfb', '004_eb764ef8279581fd']);
  assert.equal(await page.inputValue('#sort'), 'oldest');
});

test('hostile URL state is ignored safely', async () => {
  await page.goto(`${base}#/?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&outlets=<script>&from=9999-99-99&open=../../etc/passwd&sort=%ZZ`);
  await page.waitForSelector('#result-count');
  assert.equal(await page.$('img[src="x"]'), null, 'query text is never HTML');
  assert.equal(await page.$('#reader'), null);
  assert.equal(await count(), 0);
  assert.equal(await page.inputValue('#search'), '<img src=x onerror=alert(1)>');
});

test('keyboard: / focuses search, arrows move through results, Enter opens, Esc closes', async () => {
  await page.goto(base);
  await page.waitForSelector('#results .result[data-id]');
  await page.click('h1');
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const second = (await resultIds())[1];
  assert.equal(await page.evaluate(() => document.activeElement.closest('.result')?.dataset.id), second);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#reader');
  assert.match(await page.evaluate(() => location.hash), new RegExp(`open=${second}`));
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('#reader'));
});

test('export the current result set as CSV and JSON', async () => {
  // A new document: from the last test's page, only the hash would change,
  // and the count could be read before the query is (it read the whole
  // corpus's 5 once, on the split build, against 3 exported).
  await page.goto('about:blank');
  await page.goto(`${base}#/?q=Pashinyan`);
  await page.waitForSelector('#export-csv');
  await listSettled(page);
  const n = await count();
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const csvText = await readFile(await csv.path(), 'utf8');
  assert.match(csvText, /^id,title,outlet,date,precision,author,url,file,text,credit,sources,suggested_year\r\n/);
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  // The JSON export is { dateline: {corpus, query, filters, url_state, exported}, articles }.
  const doc = JSON.parse(await readFile(await json.path(), 'utf8'));
  assert.equal(doc.dateline.query, 'Pashinyan');
  const rows = doc.articles;
  assert.equal(rows.length, n);
  assert.ok(rows.every((r) => r.text.includes('Pashinyan')));
  // The file name records corpus, query and count (e2e/workflow.test.mjs checks filters).
  assert.match(csv.suggestedFilename(), new RegExp(`^dateline-[a-z0-9-]+-pashinyan-${n}\\.csv$`));
});

test('compare outlets: distinctive terms, keyword in context, shared quotes; lines and quotes open their article', async () => {
  await page.goto(base);
  await page.waitForSelector('#results .result[data-id]');
  // The panel starts closed; it opens in place.
  await page.click('#panel-compare .panel-toggle');
  await page.waitForSelector('#compare .outlet-terms');
  const groups = await page.$$eval('#compare .outlet-terms', (gs) => gs.length);
  assert.ok(groups >= 2, `${groups} outlets compared`);
  // RT and commonspace.eu both carry Putin's "trilateral agreements" quote.
  const quotes = await page.$$eval('#compare .quotes li', (ls) => ls.map((l) => l.textContent));
  assert.ok(quotes.some((q) => /trilateral agreements are being consistently implemented/i.test(q) && /RT/.test(q) && /commonspace/.test(q)), quotes.join('\n'));
  // The chosen term is marked (aria-pressed) and only it.
  await page.click('#compare .term >> nth=0');
  await page.waitForSelector('#kwic li mark');
  assert.deepEqual(await page.$$eval('#compare .term[aria-pressed="true"]', (ts) => ts.length), 1);
  assert.equal(await page.getAttribute('#compare .term >> nth=0', 'aria-pressed'), 'true');
  await page.screenshot({ path: path.join(ARTIFACTS, 'compare.png'), fullPage: true });
  // A line's text is the article's own: no space added before punctuation
  // ("population . Over"), and the words around the keyword are whole.
  const lines = await page.$$eval('#kwic .kwic-line', (ls) => ls.map((l) => l.textContent));
  assert.ok(lines.length > 0);
  for (const l of lines) assert.doesNotMatch(l, /\s[.,;:!?)]/, `stray space in ${JSON.stringify(l)}`);
  // Every line opens its article in the reader.
  const id = await page.getAttribute('#kwic .kwic-line >> nth=0', 'data-id');
  await page.click('#kwic .kwic-line >> nth=0');
  await page.waitForFunction((id) => location.hash.includes(`open=${id}`), id);
  await page.waitForSelector('#reader .reader-title');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#reader', { state: 'detached' });
  // A quote's outlets open the copy they carry.
  await page.waitForSelector('#compare .quote-source');
  await page.click('#compare .quote-source >> nth=0');
  await page.waitForSelector('#reader .reader-title');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#reader', { state: 'detached' });
});

test('compare outlets on a phone: whole context, wrapped, inside the screen', async () => {
  const phone = await newPage(session, { viewport: { width: 390, height: 844 } });
  await phone.goto(base);
  await phone.waitForSelector('#results .result[data-id]');
  await phone.click('#panel-compare .panel-toggle');
  await phone.waitForSelector('#compare .term');
  await phone.click('#compare .term >> nth=0');
  await phone.waitForSelector('#kwic .kwic-line');
  const lines = await phone.$$eval('#kwic .kwic-line', (ls) =>
    ls.map((l) => {
      const r = l.getBoundingClientRect();
      const clipped = [...l.children].some((c) => c.scrollWidth > c.clientWidth + 1);
      return { words: l.textContent.trim().split(/\s+/).length, right: r.right, height: r.height, clipped };
    }));
  for (const l of lines) {
    assert.ok(l.right <= 390, 'inside the screen');
    assert.ok(!l.clipped, 'nothing cut');
  }
  // Twelve words either side where the text has them: far more than the
  // three a fixed one-line layout showed on a phone.
  assert.ok(lines.some((l) => l.words >= 15), JSON.stringify(lines));
  await phone.screenshot({ path: path.join(ARTIFACTS, 'compare-phone.png'), fullPage: true });
  await phone.context().close();
});

test('a phrase query marks its words only where they stand together, in rows and the reader', async () => {
  // Article 002 names "Karabakh" seven times alone and "Nagorno-Karabakh"
  // three times: only the three are the phrase (regression: every
  // "Karabakh" was marked, as a term of its own).
  await page.goto(`${base}#/?q=%22nagorno%20karabakh%22&open=002_616a772ea8624ea7`);
  await page.waitForSelector('#reader .reader-body mark');
  const reader = await page.$$eval('#reader .reader-title mark, #reader .reader-lead mark, #reader .reader-body mark', (ms) => ms.map((m) => m.textContent));
  const text = await page.textContent('#reader');
  const lone = (text.match(/Karabakh/g) || []).length - (text.match(/Nagorno-Karabakh/g) || []).length;
  assert.ok(lone >= 1, `the article also names Karabakh alone (${lone})`);
  assert.ok(reader.length >= 1, 'the phrase is marked');
  for (const m of reader) assert.match(m, /^Nagorno.Karabakh$/i, JSON.stringify(reader));
  const rows = await page.$$eval('#results .result mark', (ms) => ms.map((m) => m.textContent));
  assert.ok(rows.length >= 1, 'result rows mark the phrase');
  for (const m of rows) assert.match(m, /^Nagorno.Karabakh$/i, JSON.stringify(rows));
  // Every card shows a mark inside the lines it does not clip (regression:
  // the TASS lead ends in the phrase, and the snippet reached back so far
  // that its only mark was past the card's last visible line).
  const hidden = await page.$$eval('#results .result', (rs) =>
    rs
      .filter((r) => {
        const inside = (m, box) => {
          const a = m.getBoundingClientRect();
          const b = box.getBoundingClientRect();
          return a.width > 0 && a.top >= b.top - 1 && a.bottom <= b.bottom + 1;
        };
        return ![...r.querySelectorAll('.result-title mark')].some((m) => inside(m, r.querySelector('.result-title')))
          && ![...r.querySelectorAll('.snippet mark')].some((m) => inside(m, r.querySelector('.snippet')));
      })
      .map((r) => r.dataset.id));
  assert.deepEqual(hidden, [], 'rows whose marks are all clipped');
});

test('reader: query terms highlighted with next/previous hit, provenance and related coverage', async () => {
  await page.goto(`${base}#/?q=trilateral&open=002_616a772ea8624ea7`);
  await page.waitForSelector('#reader .reader-body mark');
  const marks = await page.$$eval('#reader .reader-body mark', (ms) => ms.length);
  assert.ok(marks >= 2);
  await page.click('#next-hit');
  await page.click('#next-hit');
  assert.equal(await page.$$eval('#reader .reader-body mark', (ms) => ms.findIndex((m) => m.classList.contains('current'))), 1);
  await page.click('#prev-hit');
  assert.equal(await page.$$eval('#reader .reader-body mark', (ms) => ms.findIndex((m) => m.classList.contains('current'))), 0);
  await page.click('#reader .provenance summary');
  assert.match(await page.textContent('#reader .provenance'), /year 2021 inferred/);
  const related = await page.$$eval('#reader .related li', (ls) => ls.map((l) => l.textContent));
  assert.ok(related.length >= 1 && related.some((r) => /RT/.test(r)), related.join('\n'));
  await page.screenshot({ path: path.join(ARTIFACTS, 'reader-hits.png') });
});

test('reprints: the reader says "reprinted from", outlets group by publisher or original source', async () => {
  await page.goto(`${base}#/?open=003_7fa586ce3e554acf`);
  await page.waitForSelector('#reader .reader-title');
  assert.equal((await page.textContent('#reprint')).trim(), 'Hyetert reprinted this from Anadolu Agency');
  await page.click('#reader .provenance summary');
  const provenance = await page.textContent('#reader .provenance');
  assert.match(provenance, /disclaimer .*views of Hyetert.* — site name on the page/);
  assert.match(provenance, /Original source.*Elena Teslova/);
  // Below 1300 px the reader takes the filters' column: close it.
  await page.keyboard.press('Escape');
  await page.waitForSelector('#reader', { state: 'detached' });
  // By publisher: the five publishers, no agency.
  const shown = () => page.$$eval('.outlet-filter', (bs) => bs.map((b) => b.dataset.outlet).sort());
  assert.deepEqual(await shown(), ['commonspace', 'hyetert', 'rt', 'tass', 'telesur']);
  assert.equal(await page.getAttribute('#group-publisher', 'aria-pressed'), 'true');
  // By original source: the two reprints count under their agencies.
  await page.click('#group-source');
  await page.waitForFunction(() => document.querySelector('.outlet-filter[data-outlet="anadolu"]'));
  assert.deepEqual(await shown(), ['anadolu', 'commonspace', 'efe', 'rt', 'tass']);
  assert.match(page.url(), /group=source/);
  await page.click('.outlet-filter[data-outlet="anadolu"]');
  await page.waitForFunction(() => document.querySelectorAll('#results .result').length === 1);
  assert.deepEqual(await resultIds(), ['003_7fa586ce3e554acf']);
  await page.screenshot({ path: path.join(ARTIFACTS, 'reprint.png') });
  // Back to publishers: the selection (an agency) is cleared.
  await page.click('#group-publisher');
  await page.waitForFunction(() => document.querySelectorAll('#results .result').length === 5);
  assert.doesNotMatch(page.url(), /group=source|outlets=/);
});

test('accessibility: axe-core (WCAG 2.2 AA rules) finds no violations on every view, light and dark, wide and phone', async () => {
  // Each view: a URL, then what to open in it.
  const views = [
    ['home', '', []],
    ['reader', '#/?q=trilateral&open=002_616a772ea8624ea7', []],
    ['outlet filter', '#/?q=Pashinyan&outlets=rt', []],
    ['passages', '#/?event=2020-11-09&from=2020-09-01&to=2021-02-01', ['#panel-events']],
    ['reprint in reader', '#/?group=source&open=004_eb764ef8279581fd', []],
    ['compare with a term', '#/?q=Karabakh', ['#panel-compare', '#compare .term', '#panel-timeline', '#panel-events', '#panel-outlets']],
    ['help open', '#/?q=Putin', ['.syntax summary']],
  ];
  const failures = [];
  await forEachLook(page, async ({ width, scheme }) => {
    for (const [name, hash, opens] of views) {
      await page.goto(`${base}${hash}`);
      await page.waitForSelector('#results');
      for (const what of opens) {
        if (width < 760 && what === '.syntax summary') continue; // the phone layout has no syntax help
        const toggle = what.startsWith('#panel-') ? `${what} .panel-toggle[aria-expanded="false"]` : what;
        if (await page.$(toggle)) await page.click(toggle);
      }
      if (opens.includes('#compare .term')) await page.waitForSelector('#kwic .kwic-line');
      if (name === 'passages') await page.waitForSelector('#event-detail .passage');
      failures.push(...(await axeViolations(page, `${width}px ${scheme} ${name}`)));
    }
  });
  assert.deepEqual(failures, []);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(`${base}#/?q=trilateral`);
  await page.waitForSelector('#results .result[data-id]');
  await page.screenshot({ path: path.join(ARTIFACTS, 'dark.png') });
  await page.emulateMedia({ colorScheme: 'light' });
});
