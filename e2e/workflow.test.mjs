// Browser tests of the researcher workflow (issue 17 part 6) on the
// default corpus (dist/, or DATELINE_DIST for the split layout):
// copy citation (Clipboard API, and the selection fallback when it is
// refused), every export (results as CSV, JSON, RIS, BibTeX, CSL-JSON; the
// compare and passages views as CSV and JSON) downloads under a name that
// records corpus, query and filters and parses; a saved search survives a
// reload and reopens the same results, and a damaged stored value is
// ignored; the citation box (cite.png); print media screenshots of the list and the reader
// (e2e/artifacts/print-list.png, print-reader.png, print-reader.pdf).
// On target/dist-hostile (scripts/test.sh builds it): the reader links to
// the original only for an http(s) URL, never `javascript:` or `data:`.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ARTIFACTS, HERE, closeSession, newPage, openSession } from './harness.mjs';
import { startServer } from './serve.mjs';

const HOSTILE_DIST = path.join(HERE, '..', 'target', 'dist-hostile');
const DOWNLOADS = { acceptDownloads: true };

let session, page, base;

before(async () => {
  ({ page, base } = session = await openSession({ consoleErrors: true, contextOptions: DOWNLOADS }));
  await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(base).origin });
});

after(() => closeSession(session));

/** Waits until the list shows the search's own results: in the split
 * layout the previous list stays on screen (the whole corpus after a
 * load) while the query's files arrive. */
async function settle(p = page) {
  // The URL's query has reached the search box (the state is applied, and
  // its search started in the same render).
  await p.waitForFunction(() => {
    const q = new URLSearchParams(location.hash.replace(/^#\/?\??/, '')).get('q') ?? '';
    return document.querySelector('#search')?.value === q;
  });
  await p.waitForSelector('#results .result[data-id]');
  await p.waitForFunction(() => !document.querySelector('.fetch-status'));
  await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

const count = async (p = page) => Number((await p.textContent('#result-count')).match(/\d+/)[0]);
const resultIds = (p = page) => p.$$eval('#results .result', (rs) => rs.map((r) => r.dataset.id));

/** Clicks `selector`, returns { name, text } of the download. */
async function download(selector, p = page) {
  const [d] = await Promise.all([p.waitForEvent('download'), p.click(selector)]);
  return { name: d.suggestedFilename(), text: await readFile(await d.path(), 'utf8') };
}

test('copy citation: APA and Chicago with the Clipboard API, selection when it is refused', async () => {
  await page.goto(`${base}#/?q=Pashinyan`);
  await page.waitForSelector('#results .result-button');
  await page.click('#results .result-button');
  await page.waitForSelector('#reader #cite');
  await page.click('#cite summary');
  const apa = await page.textContent('#citation-apa');
  assert.match(apa, /\(\d{4}, [A-Z][a-z]+ \d{1,2}\)|\(n\.d\.\)/, `APA date: ${apa}`);
  await page.click('#copy-apa');
  await page.waitForFunction(() => /Copied the APA 7 reference/.test(document.querySelector('#cite-status').textContent));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), apa);
  await page.click('#copy-chicago');
  await page.waitForFunction(() => /Copied the Chicago reference/.test(document.querySelector('#cite-status').textContent));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await page.textContent('#citation-chicago'));
  await page.screenshot({ path: path.join(ARTIFACTS, 'cite.png') });

  // A browser that refuses: the reference is selected for Ctrl+C.
  const p = await newPage(session, DOWNLOADS);
  const refused = p.context();
  await refused.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } });
  });
  await p.goto(`${base}#/?q=Pashinyan`);
  await p.waitForSelector('#results .result-button');
  await p.click('#results .result-button');
  await p.click('#cite summary');
  await p.click('#copy-chicago');
  await p.waitForFunction(() => /refused/.test(document.querySelector('#cite-status').textContent));
  assert.equal(await p.evaluate(() => String(getSelection())), await p.textContent('#citation-chicago'));
  await refused.close();
});

test('result exports: names record corpus, query and filters; CSV, JSON, RIS, BibTeX and CSL-JSON parse', async () => {
  await page.goto(`${base}#/?q=Putin&outlets=rt`);
  await page.waitForSelector('#export-ris');
  const n = await count();
  assert.ok(n >= 1, `${n} results`);
  const ids = (await resultIds()).sort();
  const name = (ext, view = '') => new RegExp(`^dateline-[a-z0-9-]+-putin-rt-${n}${view}\\.${ext}$`);

  const csv = await download('#export-csv');
  assert.match(csv.name, name('csv'));
  assert.match(csv.text, /^id,title,outlet,date,precision,author,url,file,text,credit,sources,suggested_year\r\n/);

  const json = await download('#export-json');
  assert.match(json.name, name('json'));
  const doc = JSON.parse(json.text);
  assert.equal(doc.dateline.query, 'Putin');
  assert.equal(doc.dateline.filters.outlets, 'rt');
  assert.match(doc.dateline.url_state, /q=Putin/);
  assert.ok(!Number.isNaN(Date.parse(doc.dateline.exported)), `time stamp ${doc.dateline.exported}`);
  assert.deepEqual(doc.articles.map((a) => a.id).sort(), ids);

  const ris = await download('#export-ris');
  assert.match(ris.name, name('ris', '-citations'));
  const lines = ris.text.split('\r\n').filter(Boolean);
  assert.ok(lines.every((l) => /^[A-Z][A-Z0-9]  - /.test(l)), 'every RIS line is a tag line');
  assert.equal(lines.filter((l) => l === 'TY  - NEWS').length, n);
  assert.equal(lines.filter((l) => l.startsWith('ER  - ')).length, n);
  assert.equal(lines.filter((l) => l === 'T2  - RT').length, n, 'outlet as the secondary title');

  const bib = await download('#export-bibtex');
  assert.match(bib.name, name('bib', '-citations'));
  const keys = [...bib.text.matchAll(/^@article\{([a-z0-9]+),$/gm)].map((m) => m[1]);
  assert.equal(keys.length, n);
  assert.equal(new Set(keys).size, n, 'unique citation keys');

  const csl = await download('#export-csl');
  assert.match(csl.name, name('json', '-csl'));
  const items = JSON.parse(csl.text);
  assert.ok(Array.isArray(items) && items.length === n);
  assert.ok(items.every((i) => i.type === 'article-newspaper' && i['container-title'] === 'RT' && i.title));

  // Exported right after typing, before the query reaches the URL (after a
  // pause): the name still records it.
  await page.fill('#search', 'Aliyev');
  await page.waitForFunction(() => /Aliyev/.test(document.querySelector('#results .result mark')?.textContent ?? ''));
  const typed = await download('#export-csv');
  assert.match(typed.name, /^dateline-[a-z0-9-]+-aliyev-rt-\d+\.csv$/);
});

test('compare and passages views export as CSV and JSON', async () => {
  await page.goto(base);
  await page.waitForSelector('#results .result[data-id]');
  if ((await page.getAttribute('#panel-compare', 'data-open')) !== 'true') await page.click('#panel-compare .panel-toggle');
  await page.waitForSelector('#compare .outlet-terms');
  await page.click('#compare .term >> nth=0');
  await page.waitForSelector('#kwic li');
  const csv = await download('#compare-export-csv');
  assert.match(csv.name, /^dateline-[a-z0-9-]+-all-\d+-compare\.csv$/);
  const rows = csv.text.split('\r\n').filter(Boolean);
  assert.equal(rows[0], 'section,outlet,term,z,count,id,title,date,left,keyword,right');
  assert.ok(rows.some((r) => r.startsWith('term,')) && rows.some((r) => r.startsWith('kwic,')), 'terms and lines in context');
  const json = JSON.parse((await download('#compare-export-json')).text);
  assert.ok(json.compare.terms.length > 0 && json.compare.kwic.length > 0 && json.compare.kwic_term);
  assert.equal(json.dateline.query, '');

  if ((await page.getAttribute('#panel-events', 'data-open')) !== 'true') await page.click('#panel-events .panel-toggle');
  await page.click('.event-chip >> nth=0');
  await page.waitForSelector('#passages-export-csv');
  const day = await page.getAttribute('.event-chip[aria-pressed="true"]', 'data-date');
  const pcsv = await download('#passages-export-csv');
  assert.match(pcsv.name, new RegExp(`^dateline-[a-z0-9-]+-all-${day}-\\d+-passages-${day}\\.csv$`));
  const prow = pcsv.text.split('\r\n').filter(Boolean);
  assert.equal(prow[0], 'mentioned,outlet,id,title,published,before,mention,after');
  assert.ok(prow.length >= 2);
  const pjson = JSON.parse((await download('#passages-export-json')).text);
  assert.equal(pjson.passages.length, prow.length - 1);
  assert.ok(pjson.passages.every((x) => x.mentioned === day && x.mention));
  assert.equal(pjson.dateline.filters.mentions, day);
});

test('saved searches: save, survive a reload, reopen the same results, rename, delete; a damaged value is ignored', async () => {
  await page.goto(`${base}#/?q=Putin&outlets=rt`);
  await settle();
  const ids = (await resultIds()).sort();
  await page.fill('#saved-name', 'Putin at RT <b>bold</b>');
  await page.click('#save-search');
  await page.waitForSelector('#saved-list .saved-open');
  // Another one, named after its query.
  await page.goto(`${base}#/?q=Aliyev`);
  await page.waitForFunction(() => /q=Aliyev/.test(location.hash));
  await page.waitForSelector('#results .result[data-id]');
  await page.click('#save-search');
  await page.waitForFunction(() => document.querySelectorAll('#saved-list .saved-open').length === 2);

  await page.goto(base);
  await page.reload();
  await page.waitForSelector('#saved-list .saved-open');
  const names = await page.$$eval('#saved-list .saved-open', (bs) => bs.map((b) => b.textContent));
  assert.deepEqual(names, ['Aliyev', 'Putin at RT <b>bold</b>'], 'names are text, newest first');
  assert.equal(await page.$$eval('#saved-list b', (b) => b.length), 0, 'no markup from a name');
  await page.click('#saved-list .saved-open >> text=Putin at RT');
  await page.waitForFunction(() => /q=Putin/.test(location.hash) && /outlets=rt/.test(location.hash));
  await page.waitForFunction((want) => {
    const got = [...document.querySelectorAll('#results .result')].map((r) => r.dataset.id).sort();
    return JSON.stringify(got) === JSON.stringify(want);
  }, ids);
  assert.equal(await page.inputValue('#search'), 'Putin');

  // Rename the first, delete the second.
  await page.click('#saved-list .saved-rename-button >> nth=0');
  await page.fill('.saved-rename-input', 'Aliyev everywhere');
  await page.press('.saved-rename-input', 'Enter');
  await page.waitForSelector('#saved-list .saved-open >> text=Aliyev everywhere');
  await page.click('#saved-list .saved-delete >> nth=1');
  await page.waitForFunction(() => document.querySelectorAll('#saved-list .saved-open').length === 1);
  await page.reload();
  await page.waitForSelector('#saved-list .saved-open');
  assert.deepEqual(await page.$$eval('#saved-list .saved-open', (bs) => bs.map((b) => b.textContent)), ['Aliyev everywhere']);

  // A damaged value: ignored with a warning, no error, nothing listed.
  const key = await page.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith('dateline.saved.v1.')));
  assert.ok(key, 'stored under dateline.saved.v1.<corpus>');
  await page.evaluate((k) => localStorage.setItem(k, '{"version":1,"searches":[{"name":'), key);
  await page.reload();
  await page.waitForSelector('#saved-searches');
  assert.equal(await page.$$eval('#saved-list .saved-open', (bs) => bs.length), 0);
  assert.ok(session.warnings.some((w) => /saved searches: not a saved-search list/.test(w)), session.warnings.join('\n'));
  await page.evaluate((k) => localStorage.removeItem(k), key);
});

test('print: the list with its query and filters, the article alone with its provenance', async () => {
  await page.goto(`${base}#/?q=Putin&outlets=rt`);
  await settle();
  const n = await count();
  await page.emulateMedia({ media: 'print' });
  await page.waitForSelector('#print-head');
  const list = await page.evaluate(() => ({
    head: document.querySelector('#print-head').innerText,
    chrome: ['.search-bar', '.sidebar', '.panels', '.results-head .export'].filter((s) => {
      const el = document.querySelector(s);
      return el && el.getClientRects().length > 0;
    }),
    rows: document.querySelectorAll('#results .result').length,
  }));
  assert.match(list.head, /Putin/);
  assert.match(list.head, /outlets: RT\b/, 'outlets by their displayed names');
  assert.deepEqual(list.chrome, [], 'no app chrome printed');
  assert.equal(list.rows, Math.min(n, 500), 'every result printed');
  await page.screenshot({ path: path.join(ARTIFACTS, 'print-list.png'), fullPage: true });

  await page.emulateMedia({ media: 'screen' });
  await page.click('#results .result-button');
  await page.waitForSelector('#reader .reader-body p');
  await page.emulateMedia({ media: 'print' });
  await page.waitForSelector('#reader details.provenance[open]');
  const reader = await page.evaluate(() => ({
    shown: ['#reader-title', '.reader-meta', '.reader-body', '.provenance dl', '.reader-bar .chip'].filter(
      (s) => document.querySelector(s)?.getClientRects().length > 0,
    ),
    hidden: ['.main', '.search-bar', '.sidebar', '#close-reader', '#cite'].filter(
      (s) => document.querySelector(s)?.getClientRects().length > 0,
    ),
  }));
  assert.deepEqual(reader.shown, ['#reader-title', '.reader-meta', '.reader-body', '.provenance dl', '.reader-bar .chip']);
  assert.deepEqual(reader.hidden, [], 'only the article is printed');
  await page.screenshot({ path: path.join(ARTIFACTS, 'print-reader.png'), fullPage: true });
  const pdf = await page.pdf({ path: path.join(ARTIFACTS, 'print-reader.pdf'), format: 'A4' });
  assert.ok(pdf.length > 1000, `${pdf.length} bytes of PDF`);
  await page.emulateMedia({ media: 'screen' });
});

test('hostile corpus: the reader links to the original only for an http(s) URL', async (t) => {
  if (!(await stat(path.join(HOSTILE_DIST, 'index.html')).catch(() => null))) {
    t.skip(`${HOSTILE_DIST} not built (scripts/test.sh builds it)`);
    return;
  }
  const hostile = await startServer({ root: HOSTILE_DIST });
  const p = await newPage(session, DOWNLOADS);
  try {
    const open = async (q) => {
      await p.goto(`${hostile.url}#/?q=${encodeURIComponent(q)}`);
      await p.waitForSelector('#results .result-button');
      await p.click('#results .result-button');
      await p.waitForSelector('#reader .reader-body');
      return p.evaluate(() => ({
        link: document.querySelector('#original-link') && {
          href: document.querySelector('#original-link').getAttribute('href'),
          target: document.querySelector('#original-link').target,
          rel: document.querySelector('#original-link').rel,
        },
        unsafe: [...document.querySelectorAll('a[href]')].map((a) => a.protocol).filter((x) => !['http:', 'https:'].includes(x)),
        citation: document.querySelector('#citation-apa')?.textContent ?? '',
      }));
    };
    const good = await open('Zanzibar');
    assert.deepEqual(good.link, { href: 'https://example.org/news/zanzibar-harbour?id=7&ref={x}', target: '_blank', rel: 'noopener noreferrer' });
    for (const q of ['Timbuktu', 'spoofed']) {
      const bad = await open(q);
      assert.equal(bad.link, null, `${q}: no link to a data: or javascript: URL`);
      assert.deepEqual(bad.unsafe, [], `${q}: no link with another scheme`);
    }
    await p.click('#cite summary');
    assert.ok(!/javascript:|data:/.test(await p.textContent('#citation-apa')), 'the citation leaves the URL out');
  } finally {
    await p.context().close();
    await hostile.close();
  }
});
