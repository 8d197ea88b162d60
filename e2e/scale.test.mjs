// Browser tests at scale: a deterministic synthetic corpus of 2,000
// articles from 24 outlets (`gen_corpus`), built by scripts/test.sh into
// target/dist-scale. The result list is windowed (only rows near the
// viewport exist), scrolling and the arrow keys move the window, and the
// outlet list shows the top outlets until expanded.
// Screenshot: e2e/artifacts/scale.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ARTIFACTS, HERE, closeSession, newPage, openSession } from './harness.mjs';

const DIST = path.resolve(process.env.DATELINE_DIST_SCALE || path.join(HERE, '..', 'target', 'dist-scale'));
const present = await stat(path.join(DIST, 'index.html')).then(() => true, () => false);
const skip = present ? false : `no scale build at ${DIST} (scripts/test.sh builds it)`;

let session, page, base;

before(async () => {
  if (skip) return;
  ({ page, base } = session = await openSession({ root: DIST }));
});

after(() => !skip && closeSession(session));

const total = async () => Number((await page.textContent('#result-count')).replace(/\D/g, ''));
const rendered = () => page.$$eval('#results .result', (rs) => rs.map((r) => Number(r.getAttribute('aria-posinset'))));

test('the result list renders only the rows near the viewport', { skip }, async () => {
  await page.goto(base);
  await page.waitForSelector('#results .result[data-id]');
  const n = await total();
  assert.ok(n >= 1900, `${n} results`);
  let rows = await rendered();
  assert.ok(rows.length >= 8 && rows.length <= 30, `${rows.length} rows in the DOM`);
  assert.deepEqual(rows.slice(0, 3), [1, 2, 3]);
  assert.equal(await page.getAttribute('#results .result >> nth=0', 'aria-setsize'), String(n));
  // Scroll to row 1,000: the window follows.
  await page.evaluate(() => {
    const list = document.getElementById('results');
    const pitch = list.getBoundingClientRect().height / Number(list.firstElementChild.getAttribute('aria-setsize'));
    window.scrollTo(0, window.scrollY + list.getBoundingClientRect().top + 999 * pitch);
  });
  await page.waitForSelector('#results .result[aria-posinset="1000"]');
  rows = await rendered();
  assert.ok(rows.length <= 30 && !rows.includes(1), `rows ${rows[0]}..${rows.at(-1)}`);
  // The row at the top of the viewport (under the sticky search bar) is row 1,000.
  const top = await page.evaluate(() => {
    const el = document.elementFromPoint(640, document.querySelector('.search-bar').getBoundingClientRect().bottom + 10);
    return Number(el?.closest('.result')?.getAttribute('aria-posinset'));
  });
  assert.ok(Math.abs(top - 1000) <= 1, `row ${top} at the top`);
  await page.screenshot({ path: path.join(ARTIFACTS, 'scale.png') });
});

test('a new query fills the rows already on screen instead of building new ones', { skip }, async () => {
  // Rows are keyed by position (src/components/result_list.rs): the next
  // query's first row is the same element, showing another article.
  await page.goto(base);
  await page.waitForSelector('#results .result[data-id]');
  const before = await page.evaluate(() => {
    window.__firstRow = document.querySelector('#results .result');
    return window.__firstRow.dataset.id;
  });
  const titles = await page.$$eval('#results .result .result-title', (ts) => ts.map((t) => t.textContent));
  const word = titles.join(' ').split(/\W+/).find((w) => w.length > 6) ?? 'the';
  await page.fill('#search', word);
  await page.waitForFunction((id) => document.querySelector('#results .result')?.dataset.id !== id, before);
  const after = await page.evaluate(() => ({
    same: document.querySelector('#results .result') === window.__firstRow,
    id: window.__firstRow.dataset.id,
    pos: window.__firstRow.getAttribute('aria-posinset'),
  }));
  assert.ok(after.same, `the first row is the same element after searching "${word}"`);
  assert.notEqual(after.id, before, 'and shows the new first hit');
  assert.equal(after.pos, '1');
});

test('highlighted titles and snippets are text, mark, text, ..., text, so a reused row keeps its nodes', { skip }, async () => {
  // src/components/highlighted.rs: a mark always at an odd place (an
  // empty text node before a title that starts with the word), so the
  // next query's marks patch these nodes instead of replacing them.
  await page.goto(base);
  await page.waitForSelector('#results .result[data-id]');
  const first = await page.textContent('#results .result .result-title');
  const word = first.split(/[^\p{L}\p{N}]+/u).find((w) => w.length > 3);
  assert.ok(word, `a word starts the first title ("${first}")`);
  await page.fill('#search', word);
  await page.waitForSelector('#results .result .result-title mark');
  const shapes = await page.$$eval('#results .result .result-title, #results .result .snippet', (els) =>
    els.map((el) => [...el.childNodes].map((n) => (n.nodeName === 'MARK' ? 'm' : n.nodeType === 3 ? 't' : n.nodeName)).join('')),
  );
  assert.ok(shapes.length > 0);
  for (const shape of shapes) assert.match(shape, /^t(mt)*$/, `children of a highlighted text: ${shape}`);
  const startsWithMark = await page.$$eval('#results .result .result-title', (ts) =>
    ts.some((t) => t.firstChild?.nodeType === 3 && t.firstChild.nodeValue === '' && t.childNodes[1]?.nodeName === 'MARK'),
  );
  assert.ok(startsWithMark, `a title on screen starts with "${word}" (an empty text node, then its mark)`);
});

test('closing the reader after a new query does not focus the reused row that opened it', { skip }, async () => {
  // The row that opened the reader may show another article by then (rows
  // are reused): the focus goes to the article's own row, or the first.
  await page.goto(base);
  await page.waitForSelector('#results .result[aria-posinset="3"][data-id]');
  const third = '#results .result[aria-posinset="3"]';
  const opened = await page.getAttribute(third, 'data-id');
  await page.click(`${third} .result-button`);
  await page.waitForSelector('#reader-title');
  const title = await page.textContent('#reader-title');
  const word = (await page.textContent('#results .result[aria-posinset="5"] .result-title'))
    .toLowerCase()
    .split(/\W+/)
    .find((w) => w.length > 5 && !title.toLowerCase().includes(w));
  assert.ok(word, 'a word of the fifth title that is not in the opened one');
  await page.fill('#search', word);
  await page.waitForFunction(
    ([sel, id]) => document.querySelector(sel)?.dataset.id && document.querySelector(sel).dataset.id !== id,
    [third, opened],
  );
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.getElementById('reader-title'));
  const focus = await page.evaluate(() => {
    const row = document.activeElement?.closest('.result');
    return { id: row?.dataset.id ?? null, pos: row?.getAttribute('aria-posinset') ?? null };
  });
  const stillListed = await page.$(`#results .result[data-id="${opened}"]`);
  if (stillListed) assert.equal(focus.id, opened, 'the opened article\'s row has the focus');
  else assert.equal(focus.pos, '1', `the first row has the focus, not row ${focus.pos} (${focus.id})`);
});

test('the timeline bars keep their places while the user types', { skip }, async () => {
  // The count axis's gutter is sized for the corpus's busiest bar, not the
  // current results' (src/components/timeline.rs): a query with small
  // counts does not move every bar.
  await page.goto(base);
  await page.waitForSelector('#timeline .bar');
  const places = () =>
    page.$$eval('#timeline .bar', (bars) => bars.map((b) => `${b.dataset.i}:${b.querySelector('.hit').getAttribute('x')}`));
  const all = await places();
  const tops = async () => page.$$eval('#timeline .grid text', (ts) => ts.map((t) => t.textContent));
  const allTop = (await tops()).at(-1);
  // A word from the last row's title: a query with far fewer articles.
  const word = (await page.textContent('#results .result:last-child .result-title'))
    .split(/\W+/)
    .filter((w) => w.length > 6)
    .at(-1);
  await page.fill('#search', word);
  await page.waitForFunction((n) => Number(document.getElementById('result-count').textContent.replace(/\D/g, '')) < n, 1000);
  await page.waitForFunction((top) => [...document.querySelectorAll('#timeline .grid text')].at(-1)?.textContent !== top, allTop);
  assert.notEqual((await tops()).at(-1).length, allTop.length, 'the top count label is shorter for this query');
  assert.deepEqual(await places(), all, 'each bar is where it was');
});

test('arrow keys move through rows beyond the first window', { skip }, async () => {
  await page.goto(base);
  await page.waitForSelector('#results .result[data-id]');
  await page.focus('#search');
  for (let i = 0; i < 25; i++) await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.activeElement?.closest('.result')?.getAttribute('aria-posinset') === '25');
  const rows = await rendered();
  assert.ok(!rows.includes(1), 'the first rows left the DOM');
});

test('a list taller than the browser draws is paged, and every row can be reached', { skip }, async () => {
  // src/tall_list.rs: browsers cap an element's height (Chromium at about
  // 218,000 rows), so a longer list is drawn at most --list-max-px tall and
  // paged. Set low here, 2,000 rows (307,200 px) are drawn 60,000 px tall.
  const paged = await newPage(session);
  await paged.addInitScript(() =>
    document.addEventListener('DOMContentLoaded', () => document.documentElement.style.setProperty('--list-max-px', '60000px')));
  try {
    await paged.goto(base);
    await paged.waitForSelector('#results .result[data-id]');
    const n = Number((await paged.textContent('#result-count')).replace(/\D/g, ''));
    const drawn = await paged.$eval('#results', (l) => l.getBoundingClientRect().height);
    assert.equal(Math.round(drawn), 60000, `the list is drawn ${drawn} px tall`);
    const settle = () => paged.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 20)))));
    // The row just under the sticky search bar, and how far down it is.
    // (The last row starting above that line: the line may fall in a gap.)
    const topRow = () => paged.evaluate(() => {
      const y = document.querySelector('.search-bar').getBoundingClientRect().bottom + 10;
      const rows = [...document.querySelectorAll('#results .result')].map((r) => ({
        pos: Number(r.getAttribute('aria-posinset')), top: r.getBoundingClientRect().top }));
      return rows.filter((r) => r.top <= y).sort((a, b) => b.top - a.top)[0];
    });
    // Small scrolls move the rows 1:1, across page boundaries too (where
    // the window's scroll position jumps back and nothing on screen moves).
    await paged.evaluate(() => window.scrollTo(0, document.getElementById('results').getBoundingClientRect().top + window.scrollY));
    await settle();
    const pitch = await paged.evaluate(() => 9.6 * parseFloat(getComputedStyle(document.documentElement).fontSize));
    const start = await topRow();
    let jumps = 0;
    let moved = 0;
    for (let i = 0; i < 130; i++) {
      const before = await paged.evaluate(() => window.scrollY);
      await paged.evaluate(() => window.scrollBy(0, 480));
      await settle();
      moved += 480;
      if ((await paged.evaluate(() => window.scrollY)) < before) jumps += 1;
      const now = await topRow();
      // Where the start row's top would be now, in rows from the top row's.
      const expected = start.pos + (moved + now.top - start.top) / pitch;
      assert.ok(Math.abs(now.pos - expected) < 0.05, `after ${moved} px: row ${now.pos} at ${now.top}, wanted ${expected}`);
    }
    assert.ok(jumps >= 1, 'the scroll crossed a page (the window jumped back)');
    // The end of the scroll bar is the last row.
    await paged.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await paged.waitForSelector(`#results .result[aria-posinset="${n}"][data-id]`);
    const last = await paged.$eval(`#results .result[aria-posinset="${n}"]`, (r) => r.getBoundingClientRect().bottom);
    assert.ok(last > 0 && last <= 900, `the last row ends at ${last} px, in the viewport`);
    // The arrow keys go on from there.
    await paged.focus(`#results .result[aria-posinset="${n}"] .result-button`);
    for (let i = 0; i < 8; i++) await paged.keyboard.press('ArrowUp');
    await paged.waitForFunction((want) => document.activeElement?.closest('.result')?.getAttribute('aria-posinset') === want, String(n - 8));
    // And the top is the first row.
    await paged.evaluate(() => window.scrollTo(0, 0));
    await paged.waitForSelector('#results .result[aria-posinset="1"][data-id]');
    await paged.screenshot({ path: path.join(ARTIFACTS, 'scale-paged.png') });
    // Grouped by outlet (rows placed from a table of tops, headings in
    // between): paged the same way, the end is the last group's last row.
    await paged.check('#group-outlets');
    await paged.waitForSelector('#results .group-head');
    await paged.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await paged.waitForSelector(`#results .result[aria-posinset="${n}"][data-id]`);
    const end = await paged.$eval(`#results .result[aria-posinset="${n}"]`, (r) => r.getBoundingClientRect().bottom);
    assert.ok(end > 0 && end <= 900, `grouped, the last row ends at ${end} px, in the viewport`);
    assert.equal(Math.round(await paged.$eval('#results', (l) => l.getBoundingClientRect().height)), 60000);
  } finally {
    await paged.context().close();
  }
});

test('a long outlet list shows the top outlets until expanded', { skip }, async () => {
  await page.goto(base);
  await page.waitForSelector('.outlet-filter');
  const short = await page.$$eval('.outlet-filter', (fs) => fs.map((f) => Number(f.querySelector('.count').textContent)));
  assert.equal(short.length, 12);
  assert.deepEqual(short, [...short].sort((a, b) => b - a), 'most matches first');
  const announced = Number((await page.textContent('#more-outlets')).replace(/\D/g, ''));
  await page.click('#more-outlets');
  const all = await page.$$eval('.outlet-filter', (fs) => fs.length);
  assert.ok(all > 12 && all === announced, `${all} outlets after expanding, button said ${announced}`);
  // A selected outlet stays visible when the list is short again.
  const last = await page.$eval('.outlet-filter >> nth=-1', (f) => f.dataset.outlet);
  await page.click(`.outlet-filter[data-outlet="${last}"]`);
  await page.click('#more-outlets');
  assert.equal(await page.getAttribute(`.outlet-filter[data-outlet="${last}"]`, 'aria-pressed'), 'true');
});

test('24 outlets: colour and pattern tell every one apart; the legend names every stack', { skip }, async () => {
  await page.goto(base);
  await page.waitForSelector('.outlet-filter');
  if (await page.$('#more-outlets[aria-expanded="false"]')) await page.click('#more-outlets');
  const swatches = await page.$$eval('.outlet-filter .swatch', (ss) =>
    ss.map((s) => { const cs = getComputedStyle(s); return `${cs.backgroundColor}|${cs.backgroundImage}`; }));
  assert.ok(swatches.length >= 20, `${swatches.length} outlets`);
  assert.equal(new Set(swatches).size, swatches.length, 'two outlets look the same');
  // Past eight outlets the colours come back with a pattern.
  assert.ok(swatches.filter((s) => s.endsWith('|none')).length <= 8, swatches.join('\n'));
  // The timeline stacks the ten outlets with the most results and groups
  // the rest as "other outlets" (chart::MAX_SERIES); the legend names each.
  const legend = await page.$$eval('#timeline-legend li[data-series]', (ls) => ls.map((l) => l.dataset.series));
  assert.equal(legend.length, new Set(legend).size);
  assert.equal(legend.length, 11, legend.join(', '));
  assert.match(legend.at(-1), /^\d+ other outlets$/);
  const stacks = await page.$$eval('#timeline .stack', (ss) => ss.map((s) => s.dataset.series));
  assert.deepEqual(stacks, legend, 'one stack per legend entry, in the same order');
  await page.screenshot({ path: path.join(ARTIFACTS, 'scale-palette.png') });
});
