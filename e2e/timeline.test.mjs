// Browser tests of the timeline and the events lane on the default corpus
// (five seeds: RT and commonspace.eu on 11 Jan 2021, TASS on 5 Oct 2023,
// teleSUR on 28 Aug 2024, Hyetert undated): click a bar to zoom in, drag
// across bars to select a range, zoom out, the date fields, and the dates
// the articles mention with their passages. Screenshots go to
// e2e/artifacts/ (timeline-zoom.png, timeline-drag.png, events.png).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ARTIFACTS, closeSession, openSession } from './harness.mjs';

let session, page, base;

before(async () => ({ page, base } = session = await openSession({ prefix: '/sub/dateline/' })));

after(() => closeSession(session));

const count = async () => Number((await page.textContent('#result-count')).match(/\d+/)[0]);
const resultIds = () => page.$$eval('#results .result', (rs) => rs.map((r) => r.dataset.id));
const bars = () => page.$$eval('#timeline .bar', (bs) => bs.map((b) => ({ label: b.dataset.label, count: Number(b.dataset.count) })));
// The bar width shown: the pressed button of the "Bars by" control.
const granularity = async () => `by ${await page.$eval('#timeline .grain-button[aria-pressed="true"]', (b) => b.dataset.grain)}`;
const outletCounts = () => page.$$eval('.outlet-filter', (fs) => Object.fromEntries(fs.map((f) => [f.dataset.outlet, Number(f.querySelector('.count').textContent)])));

test('click a bar to zoom in: the range filters and the axis re-buckets finer; zoom out and all dates', async () => {
  await page.goto(base);
  await page.waitForSelector('#results .result[data-id]');
  assert.equal(await granularity(), 'by month');
  await page.click('#timeline .bar[data-label="Jan 2021"]');
  await page.waitForFunction(() => /from=2021-01-01&to=2021-02-01/.test(location.hash));
  assert.equal(await count(), 2);
  assert.equal(await granularity(), 'by day');
  const days = await bars();
  assert.equal(days.length, 31, 'January in days');
  assert.deepEqual(days.filter((b) => b.count).map((b) => `${b.label}=${b.count}`), ['11 Jan 2021=2']);
  assert.equal(await page.getAttribute('#range-from', 'data-iso'), '2021-01-01');
  assert.equal(await page.getAttribute('#range-to', 'data-iso'), '2021-01-31');
  // The results mention four days of 2020: off this axis, counted at its edge.
  assert.match(await page.textContent('#events-off-axis'), /4 earlier/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'timeline-zoom.png') });
  // Clicking the day zooms further; the result set stays the same.
  await page.click('#timeline .bar[data-label="11 Jan 2021"]');
  await page.waitForFunction(() => /from=2021-01-11&to=2021-01-12/.test(location.hash));
  assert.equal(await count(), 2);
  // Zoom out triples the range around its centre.
  await page.click('#zoom-out');
  await page.waitForFunction(() => /from=2021-01-10&to=2021-01-13/.test(location.hash));
  // Back returns to the month view.
  await page.goBack();
  await page.goBack();
  await page.waitForFunction(() => /from=2021-01-01&to=2021-02-01/.test(location.hash));
  assert.equal(await granularity(), 'by day');
  await page.click('#all-dates');
  await page.waitForFunction(() => !location.hash.includes('from='));
  assert.equal(await count(), 5);
  assert.equal(await granularity(), 'by month');
});

test('drag across bars selects the span they cover; facets and list follow', async () => {
  await page.goto(base);
  await page.waitForSelector('#results .result[data-id]');
  const from = await page.locator('#timeline .bar[data-label="Jan 2021"] rect').boundingBox();
  const to = await page.locator('#timeline .bar[data-label="Oct 2023"] rect').boundingBox();
  const y = from.y + from.height / 2;
  await page.mouse.move(from.x + from.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, y, { steps: 8 });
  assert.ok(await page.$('#timeline .brush'), 'the brush is drawn while dragging');
  await page.screenshot({ path: path.join(ARTIFACTS, 'timeline-drag.png') });
  await page.mouse.up();
  await page.waitForFunction(() => /from=2021-01-01&to=2023-11-01/.test(location.hash));
  assert.deepEqual((await resultIds()).sort(), ['000_cb703be335ef0dfb', '001_40be989623ebc605', '002_616a772ea8624ea7']);
  const sum = (await bars()).reduce((a, b) => a + b.count, 0);
  assert.equal(sum, 3, 'the zoomed histogram holds the three dated results');
  assert.equal(await page.$('#timeline .brush'), null, 'the brush goes away');
  // The outlet facets count within the range: teleSUR (Aug 2024) drops to 0.
  assert.deepEqual(await outletCounts(), { tass: 1, rt: 1, commonspace: 1, hyetert: 0, telesur: 0 });
});

test('the date fields apply a typed date only when complete and valid, clamped to the corpus; Enter on a bar zooms', async () => {
  await page.goto(base);
  await page.waitForSelector('#results .result[data-id]');
  // The previous test's range is gone (no "All dates" button).
  await page.waitForFunction(() => !document.querySelector('#all-dates'));
  const before = await page.evaluate(() => location.hash);
  // Typing applies nothing until Enter (no range passes through year 0002).
  await page.fill('#range-from', '2');
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => location.hash), before);
  // An incomplete date is refused with a message, and nothing changes.
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('#range-from', 'aria-invalid'), 'true');
  assert.match(await page.textContent('#range-help'), /not a whole date/);
  assert.equal(await page.inputValue('#range-from'), '2', 'the refused text stays, to be corrected');
  assert.equal(await page.evaluate(() => location.hash), before);
  // A complete date (ISO or the locale's format) applies on Enter; the
  // range ends on the last publication date (28 Aug 2024).
  await page.fill('#range-from', '2023-01-01');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /from=2023-01-01&to=2024-08-29/.test(location.hash));
  assert.equal(await page.getAttribute('#range-from', 'aria-invalid'), null);
  assert.equal(await count(), 2);
  // Leaving the field applies it too.
  await page.fill('#range-to', '2023-12-31');
  await page.focus('#search');
  await page.waitForFunction(() => /from=2023-01-01&to=2024-01-01/.test(location.hash));
  assert.deepEqual(await resultIds(), ['000_cb703be335ef0dfb']);
  // Outside the corpus's dates: clamped to the first publication date.
  await page.fill('#range-from', '1999-05-01');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /from=2021-01-11&to=2024-01-01/.test(location.hash));
  assert.match(await page.textContent('#range-help'), /outside the corpus/);
  // One date format everywhere: the field shows the date as the results do.
  assert.equal(await page.inputValue('#range-from'), await page.evaluate(() =>
    new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(Date.UTC(2021, 0, 11)))));
  await page.focus('#timeline .bar[data-label="Oct 2023"]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /from=2023-10-01&to=2023-11-01/.test(location.hash));
  assert.equal(await granularity(), 'by day');
});

test('bar width control, count axis, legend, and the undated bar on its own scale', async () => {
  await page.goto(base);
  await page.waitForSelector('#timeline .bar');
  assert.equal(await granularity(), 'by month');
  await page.click('#timeline .grain-button[data-grain="year"]');
  await page.waitForFunction(() => /grain=year/.test(location.hash));
  assert.deepEqual((await bars()).map((b) => b.label), ['2020', '2021', '2022', '2023', '2024']);
  // Days over four years are too many bars: offered only when zoomed in.
  assert.equal(await page.$eval('#timeline .grain-button[data-grain="day"]', (b) => b.disabled), true);
  // The y-axis labels counts (0 and the top at least).
  const ys = await page.$$eval('#timeline .gridline text', (ts) => ts.map((t) => Number(t.textContent.replace(/\D/g, ''))));
  assert.ok(ys.includes(0) && Math.max(...ys) >= 2, JSON.stringify(ys));
  // The legend names every outlet with articles on the chart, and the undated bar.
  const legend = await page.$$eval('#timeline-legend li', (ls) => ls.map((l) => l.textContent));
  for (const name of ['TASS', 'RT', 'commonspace', 'teleSUR', 'undated']) assert.ok(legend.some((l) => l.includes(name)), `${name} in ${legend}`);
  // The undated bar is a share of the results: 1 of 5 is a fifth of the plot.
  const undated = await page.$eval('#undated rect', (r) => Number(r.getAttribute('height')));
  assert.ok(Math.abs(undated - 120 / 5) < 0.5, `undated bar ${undated}`);
  // A new range drops the chosen width.
  await page.click('#timeline .bar[data-label="2023"]');
  await page.waitForFunction(() => /from=2023-01-01&to=2024-01-01/.test(location.hash) && !/grain=/.test(location.hash));
});

test('events lane: mentioned dates resolved against publication dates; a marker lists its passages', async () => {
  await page.goto(base);
  await page.waitForSelector('#events-lane .event-marker');
  // 19 Sep 2023: TASS ("On September 19", published 5 Oct 2023) and
  // teleSUR ("On Sept. 19, 2023").
  const marker = page.locator('#events-lane .event-marker[data-date="2023-09-19"]');
  assert.equal(await marker.getAttribute('data-articles'), '2');
  assert.match(await marker.getAttribute('aria-label'), /TASS.*teleSUR|teleSUR.*TASS/);
  // The axis widens to take in nearby mentioned days: the 2020 war and the
  // 9 November ceasefire (RT and commonspace.eu) precede every publication.
  assert.equal(await page.getAttribute('#events-lane .event-marker[data-date="2020-11-09"]', 'data-articles'), '2');
  assert.equal(await page.$eval('#timeline .bar', (b) => b.dataset.label), 'Sep 2020');
  await marker.click();
  await page.waitForFunction(() => /event=2023-09-19/.test(location.hash));
  const passages = await page.$$eval('#event-detail .passage', (ps) => ps.map((p) => ({ id: p.dataset.id, mark: p.querySelector('mark').textContent, text: p.textContent })));
  assert.deepEqual(passages.map((p) => p.id).sort(), ['000_cb703be335ef0dfb', '004_eb764ef8279581fd']);
  assert.deepEqual(passages.map((p) => p.mark).sort(), ['Sept. 19, 2023', 'September 19']);
  assert.ok(passages.some((p) => /tensions flared up again/.test(p.text)), passages.map((p) => p.text).join('\n'));
  await page.screenshot({ path: path.join(ARTIFACTS, 'events.png'), fullPage: true });
  // The list names the days too: 9 Nov 2020, from RT and commonspace.eu.
  await page.click('#events .event-chip[data-date="2020-11-09"]');
  await page.waitForFunction(() => /event=2020-11-09/.test(location.hash));
  const ids = await page.$$eval('#event-detail .passage', (ps) => [...new Set(ps.map((p) => p.dataset.id))].sort());
  assert.deepEqual(ids, ['001_40be989623ebc605', '002_616a772ea8624ea7']);
  assert.match(await page.textContent('#event-detail'), /November 9 last year/);
  // A passage opens its article; the shared link restores the selection.
  await page.click('#event-detail .passage[data-id="001_40be989623ebc605"] .link');
  await page.waitForSelector('#reader .reader-title');
  await page.reload();
  // The reader takes the panels' column: the selection is there once it closes.
  await page.waitForSelector('#reader .reader-title');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#event-detail .passage');
  assert.equal(await page.getAttribute('#events .event-chip[data-date="2020-11-09"]', 'aria-pressed'), 'true');
  // A query that excludes the articles leaves the selection with a clear message.
  await page.fill('#search', 'Aliyev');
  await page.waitForFunction(() => /No current result mentions/.test(document.querySelector('#event-detail')?.textContent ?? '')
    || document.querySelectorAll('#event-detail .passage').length > 0);
});
