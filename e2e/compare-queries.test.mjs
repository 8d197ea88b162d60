// Browser tests of the coverage views (issue 17, part 6): queries compared
// on one timeline, the timeline as a share of the outlets' output, and the
// results sorted and grouped by outlet. Every figure is checked against
// the app itself searching one query at a time: a compared line must be
// that query's own timeline, a share its count over the empty query's
// count (the outlets' output) in the same bar.
// Runs on dist/ (DATELINE_DIST=target/dist-split for the split layout, where
// each compared query fetches its own files) and, when built, on the
// 2,000-article target/dist-scale. Screenshots in e2e/artifacts/:
// compare-queries-{light,dark}.png, share-{light,dark}.png, grouped.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startServer } from './serve.mjs';
import { ARTIFACTS, DIST, HERE, axeViolations, closeSession, forEachLook, openSession } from './harness.mjs';

const SCALE = path.resolve(process.env.DATELINE_DIST_SCALE || path.join(HERE, '..', 'target', 'dist-scale'));
const LAYOUT = process.env.DATELINE_DIST ? path.basename(DIST) : 'dist';
const scalePresent = existsSync(path.join(SCALE, 'index.html'));
let session, scaleServer, page, base, scaleBase;
before(async () => {
  session = await openSession();
  ({ page, base } = session);
  if (scalePresent) {
    scaleServer = await startServer({ root: SCALE, prefix: '/' });
    scaleBase = `http://127.0.0.1:${scaleServer.port}/`;
  }
});
after(async () => {
  await scaleServer?.close();
  await closeSession(session);
});

/** Loads a hash and waits until the search is done (not "Searching…"). */
async function load(root, hash) {
  await page.goto(`${root}#/${hash}`);
  await settle();
}

async function settle() {
  await page.waitForSelector('#result-count');
  await page.waitForFunction(() => !document.querySelector('.fetch-status'));
  // The panels follow the list two frames late.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(r)))));
}

/** The timeline as drawn. */
const timeline = () =>
  page.evaluate(() => ({
    bars: [...document.querySelectorAll('#timeline .bar')].map((b) => ({
      label: b.dataset.label,
      count: Number(b.dataset.count),
      values: b.dataset.values?.split(',').map((v) => (v === '' ? null : Number(v))) ?? null,
      shares: b.dataset.shares?.split(',').map((v) => (v === '' ? null : Number(v))) ?? null,
    })),
    legend: [...document.querySelectorAll('#compare-legend li[data-query]')].map((li) => ({
      query: li.dataset.query,
      total: li.dataset.total === undefined ? null : Number(li.dataset.total),
    })),
    undated: Number(document.querySelector('#undated')?.dataset.count ?? NaN),
    results: Number(/\d[\d,]*/.exec(document.querySelector('#result-count').textContent)[0].replace(/,/g, '')),
  }));

/** One query searched alone (same filters): its bars by label, and its total. */
async function alone(root, query, extra = '') {
  await load(root, `?q=${encodeURIComponent(query)}${extra}`);
  const t = await timeline();
  return { bars: Object.fromEntries(t.bars.map((b) => [b.label, b.count])), total: t.results, undated: t.undated };
}

/** Asserts each line of the compared timeline equals its query alone. */
async function checkCompared(root, queries, extra = '') {
  const [main, ...vs] = queries;
  await load(root, `?q=${encodeURIComponent(main)}&vs=${vs.map(encodeURIComponent).join('|')}${extra}`);
  await page.waitForFunction((n) => document.querySelectorAll('#compare-legend li[data-total]').length === n, queries.length);
  const shown = await timeline();
  assert.equal(shown.legend.length, queries.length);
  for (const [k, q] of queries.entries()) {
    const solo = await alone(root, q, extra);
    assert.equal(shown.legend[k].query, q ? `“${q}”` : 'all articles');
    assert.equal(shown.legend[k].total, solo.total, `legend total of ${q}`);
    for (const bar of shown.bars) {
      assert.equal(bar.values[k], solo.bars[bar.label] ?? 0, `${q} in ${bar.label}`);
    }
  }
  return shown;
}

test(`compared queries: one line per query, each the query's own timeline (${LAYOUT})`, async () => {
  // Added from the "+ Compare a query" button, typed in place.
  await load(base, '?q=Pashinyan');
  assert.equal(await page.$('#compare-legend'), null, 'no lines without a compared query');
  await page.click('#add-compare');
  await page.waitForSelector('#compare-q1');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'compare-q1', 'the new field has the focus');
  await page.keyboard.type('Aliyev');
  await page.waitForFunction(() => decodeURIComponent(location.hash).includes('vs=Aliyev'));
  await page.waitForSelector('#compare-legend li[data-query="“Aliyev”"][data-total]');
  const typed = await timeline();
  assert.deepEqual(typed.legend.map((l) => l.query), ['“Pashinyan”', '“Aliyev”']);
  // Three queries from a URL, each equal to its search alone.
  const shown = await checkCompared(base, ['Pashinyan', 'Aliyev', 'Putin']);
  assert.ok(shown.bars.some((b) => b.values.every((v) => v > 0)), 'some bar has all three');
  // With an outlet filter: the lines follow it.
  await checkCompared(base, ['Putin', 'Karabakh'], '&outlets=rt,tass');
  // Removing a compared query drops its line and its URL part.
  await load(base, '?q=Pashinyan&vs=Aliyev|Putin');
  await page.click('button[aria-label="Remove compared query 1"]');
  await page.waitForFunction(() => !decodeURIComponent(location.hash).includes('Aliyev'));
  assert.equal(await page.inputValue('#compare-q1'), 'Putin');
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await load(base, '?q=Pashinyan&vs=Aliyev|Putin|treaty');
    await page.waitForFunction(() => document.querySelectorAll('#compare-legend li[data-total]').length === 4);
    await page.locator('#panel-timeline').screenshot({ path: path.join(ARTIFACTS, `compare-queries-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
});

/** Asserts every share drawn is the query's count over the output's in its bar. */
async function checkShares(root, queries, extra) {
  const all = await alone(root, '', extra);
  const counts = {};
  for (const q of queries) counts[q] = await alone(root, q, extra);
  const [main, ...vs] = queries;
  await load(root, `?q=${encodeURIComponent(main)}${vs.length ? `&vs=${vs.map(encodeURIComponent).join('|')}` : ''}${extra}`);
  if (!(await page.$('#show-share[aria-pressed="true"]'))) await page.click('#show-share');
  await page.waitForFunction(() => location.hash.includes('y=share'));
  await page.waitForSelector('#share-note');
  await page.waitForFunction(() => document.querySelector('#timeline .bar')?.hasAttribute('data-shares'));
  await settle();
  const shown = await timeline();
  let defined = 0;
  for (const bar of shown.bars) {
    const output = all.bars[bar.label] ?? 0;
    for (const [k, q] of queries.entries()) {
      const c = counts[q].bars[bar.label] ?? 0;
      if (output === 0) {
        assert.equal(bar.shares[k], null, `no output in ${bar.label}: no share`);
      } else {
        defined += 1;
        assert.ok(Math.abs(bar.shares[k] - (100 * c) / output) < 1e-3, `${q} ${bar.label}: ${bar.shares[k]} vs ${c}/${output}`);
      }
    }
  }
  assert.ok(defined > 0, 'some bar has a share');
  // The y-axis is in percent.
  const labels = await page.$$eval('#timeline .gridline text', (ts) => ts.map((t) => t.textContent));
  assert.ok(labels.every((l) => l.endsWith('%')), labels.join(' '));
}

test(`share of output: matches over all articles of the chosen outlets in each bar (${LAYOUT})`, async () => {
  await checkShares(base, ['Putin', 'Karabakh'], '');
  // Each outlet's share: the main query's dated matches from that outlet
  // over all its dated articles, as when that outlet alone is chosen.
  await page.$eval('#outlet-shares', (d) => { d.open = true; });
  const table = await page.$$eval('#outlet-shares tbody tr', (rs) =>
    rs.map((r) => ({ key: r.dataset.outlet, m: Number(r.dataset.matches), o: Number(r.dataset.output), share: Number(r.querySelector('[data-share]').dataset.share) })));
  assert.ok(table.length >= 3, `${table.length} outlets in the table`);
  const dated = (solo) => Object.values(solo.bars).reduce((a, b) => a + b, 0);
  for (const row of table) {
    assert.equal(row.m, dated(await alone(base, 'Putin', `&outlets=${row.key}`)), `${row.key} matches`);
    assert.equal(row.o, dated(await alone(base, '', `&outlets=${row.key}`)), `${row.key} output`);
    assert.ok(Math.abs(row.share - (100 * row.m) / row.o) < 1e-3);
  }
  assert.deepEqual(table.map((r) => r.share), table.map((r) => r.share).sort((a, b) => b - a), 'highest share first');
  await checkShares(base, ['Putin'], '&outlets=rt,tass');
  // Back to counts, from the URL too.
  await page.click('#show-count');
  await page.waitForFunction(() => !location.hash.includes('y=share'));
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await load(base, '?q=Putin&vs=Karabakh|treaty&y=share');
    await page.waitForFunction(() => document.querySelectorAll('#compare-legend li[data-total]').length === 3);
    await page.$eval('#outlet-shares', (d) => { d.open = true; });
    await page.locator('#panel-timeline').screenshot({ path: path.join(ARTIFACTS, `share-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
});

/** The rows in order: id, outlet name, group heading (if it starts one). */
const rows = () =>
  page.$$eval('#results .result', (rs) =>
    rs
      .map((r) => ({
        pos: Number(r.getAttribute('aria-posinset')),
        id: r.dataset.id,
        outlet: r.querySelector('.chip')?.getAttribute('title'),
        heading: r.querySelector('.group-head')?.textContent ?? null,
      }))
      .sort((a, b) => a.pos - b.pos));

test(`results sorted and grouped by outlet; the setting is in the URL (${LAYOUT})`, async () => {
  await load(base, '?sort=newest');
  await page.waitForSelector('#results .result[data-id]');
  const newest = await rows();
  // Sort by outlet: outlet names in order (unknown last), relevance within.
  await page.selectOption('#sort', 'outlet');
  await page.waitForFunction(() => location.hash.includes('sort=outlet'));
  await page.waitForSelector('#results .result[data-id]');
  const byOutlet = await rows();
  assert.equal(byOutlet.length, newest.length);
  const names = byOutlet.map((r) => r.outlet.toLowerCase());
  assert.deepEqual(names, [...names].sort(), 'outlets in name order');
  // Group by outlet, newest first within a group.
  await page.selectOption('#sort', 'newest');
  await page.check('#group-outlets');
  await page.waitForFunction(() => location.hash.includes('rows=outlet') && location.hash.includes('sort=newest'));
  await page.reload();
  await settle();
  await page.waitForSelector('#results .group-head');
  assert.equal(await page.isChecked('#group-outlets'), true, 'restored from the URL');
  const grouped = await rows();
  const groups = [];
  for (const r of grouped) {
    if (r.heading) groups.push({ heading: r.heading, rows: [] });
    groups.at(-1).rows.push(r);
  }
  assert.equal(groups.length, new Set(newest.map((r) => r.outlet)).size, 'one heading per outlet');
  for (const g of groups) {
    const outlet = g.rows[0].outlet;
    assert.ok(g.rows.every((r) => r.outlet === outlet), 'a group has one outlet');
    assert.match(g.heading, new RegExp(`${g.rows.length} articles?$`), g.heading);
    assert.ok(g.heading.startsWith(outlet), g.heading);
    // Within a group the chosen order (newest first) holds.
    assert.deepEqual(g.rows.map((r) => r.id), newest.filter((r) => r.outlet === outlet).map((r) => r.id));
  }
  // Rows do not overlap: each starts below the previous one's bottom.
  const boxes = await page.$$eval('#results .result', (rs) => rs.map((r) => r.getBoundingClientRect()).map((b) => [b.top, b.bottom]).sort((a, b) => a[0] - b[0]));
  for (let i = 1; i < boxes.length; i++) assert.ok(boxes[i][0] >= boxes[i - 1][1] - 0.5, `row ${i} overlaps`);
  // Keyboard: from the search box, the arrow keys walk the grouped order.
  await page.focus('#search');
  for (const want of grouped.slice(0, 3)) {
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction((id) => document.activeElement?.closest('.result')?.dataset.id === id, want.id);
  }
  await page.locator('#main').screenshot({ path: path.join(ARTIFACTS, 'grouped.png') });
  await page.uncheck('#group-outlets');
  await page.waitForFunction(() => !location.hash.includes('rows='));
  assert.equal(await page.$('#results .group-head'), null);
});

test(`axe-core (WCAG 2.2 AA) finds no violations in the coverage views, light and dark, wide and phone (${LAYOUT})`, async () => {
  const views = [
    ['compared', '?q=Putin&vs=Karabakh|treaty'],
    ['share', '?q=Putin&vs=Karabakh&y=share'],
    ['grouped', '?rows=outlet&sort=outlet'],
  ];
  const failures = [];
  await forEachLook(page, async ({ width, scheme }) => {
    for (const [name, hash] of views) {
      await load(base, hash);
      const toggle = '#panel-timeline .panel-toggle[aria-expanded="false"]';
      if (await page.$(toggle)) await page.click(toggle);
      await page.waitForSelector('#timeline .bar');
      if (name === 'share') await page.$eval('#outlet-shares', (d) => { d.open = true; });
      failures.push(...(await axeViolations(page, `${width}px ${scheme} ${name}`)));
    }
  });
  assert.deepEqual(failures, []);
});

test('at scale (2,000 articles): compared counts, shares and a grouped list that stays windowed', { skip: scalePresent ? false : `no scale build at ${SCALE}` }, async () => {
  await load(scaleBase, '');
  await page.waitForSelector('#results .result[data-id]');
  // Two words from the corpus itself: the first result's title.
  const words = (await page.textContent('#results .result .result-title')).toLowerCase().match(/\p{L}{5,}/gu);
  assert.ok(words && words.length >= 2, 'two words to compare');
  const [a, b] = words;
  const shown = await checkCompared(scaleBase, [a, b]);
  assert.ok(shown.legend.every((l) => l.total > 0));
  await load(scaleBase, `?q=${encodeURIComponent(a)}&vs=${encodeURIComponent(b)}`);
  await page.waitForSelector('#compare-legend li[data-total]');
  await page.locator('#panel-timeline').screenshot({ path: path.join(ARTIFACTS, 'compare-queries-scale.png') });
  await checkShares(scaleBase, [a, b], '');
  await page.locator('#panel-timeline').screenshot({ path: path.join(ARTIFACTS, 'share-scale.png') });
  // Grouped: the list stays windowed, and the last row is reachable.
  await load(scaleBase, '?rows=outlet');
  await page.waitForSelector('#results .group-head');
  const total = (await timeline()).results;
  const rendered = await page.$$eval('#results .result', (rs) => rs.length);
  assert.ok(rendered < 60 && total > 1000, `windowed: ${rendered} of ${total} rows in the DOM`);
  // The first group's heading counts what the outlet filter counts.
  const [key, heading] = await page.$eval('#results .result[aria-posinset="1"]', (r) => [r.dataset.outlet, r.querySelector('.group-head').textContent]);
  const facet = await page.$(`.outlet-filter[data-outlet="${key}"] .count`);
  if (facet) assert.equal(Number(/\d[\d,]*/.exec(heading)[0].replace(/,/g, '')), Number((await facet.textContent()).replace(/\D/g, '')), heading);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForSelector(`#results .result[aria-posinset="${total}"][data-id]`);
  const [listBottom, lastBottom] = await page.$eval('#results', (l) => [
    l.getBoundingClientRect().bottom,
    Math.max(...[...l.querySelectorAll('.result')].map((r) => r.getBoundingClientRect().bottom)),
  ]);
  assert.ok(Math.abs(listBottom - lastBottom) < 16, `the list ends with its last row (${listBottom} vs ${lastBottom})`);
});
