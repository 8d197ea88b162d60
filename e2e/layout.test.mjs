// Browser tests of the responsive layout on the default corpus, at the four
// widths of issue 17 (1440, 1024, 768 and 390 px), light and dark:
//   - the results are the first thing after the search box (the first
//     result is on the first screen, above every panel's body);
//   - the search box stays on screen when the page scrolls (sticky);
//   - the reader is a side panel from 1100 px up and a full-screen sheet
//     (a modal dialog) below, and Escape gives the focus back to the result
//     that opened it;
//   - panels (timeline, mentioned dates, compare, outlets) can be collapsed
//     and the browser remembers it (localStorage), per wide/narrow layout;
//   - the page loads one stylesheet.
// Screenshots of every width and scheme go to e2e/artifacts/layout-*.png
// (home with a query, the reader open, and the compare panel open).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ARTIFACTS, closeSession, newPage as open, openSession } from './harness.mjs';

const SIZES = [
  [1440, 900],
  [1024, 768],
  [768, 1024],
  [390, 844],
];

let session, base;

before(async () => ({ base } = session = await openSession({ prefix: '/sub/dateline/', page: false })));

after(() => closeSession(session));

const newPage = (width, height, colorScheme = 'light') => open(session, { viewport: { width, height }, colorScheme });

const rect = (page, selector) =>
  page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height };
  });

test('the results come first after the search box at every width; the search box stays on screen', async () => {
  for (const [width, height] of SIZES) {
    const page = await newPage(width, height);
    await page.goto(`${base}#/?q=Karabakh`);
    await page.waitForSelector('#results .result[data-id]');
    const first = await rect(page, '#results .result');
    const search = await rect(page, '#search');
    assert.ok(first.top > search.bottom, `${width}: the first result is below the search box`);
    // On the first screen, with most of its card visible.
    assert.ok(first.top + first.height / 2 < height, `${width}: first result at ${first.top} px of ${height}`);
    // No panel's body stands between the search box and the results.
    const between = await page.$$eval('.panel-body', (bodies, top) =>
      bodies.filter((b) => {
        const r = b.getBoundingClientRect();
        return r.height > 0 && r.top < top && r.left < innerWidth && r.right > 0 && r.bottom > 0 &&
          // Beside the results (a column) is fine; above them is not.
          r.bottom <= top;
      }).length, first.top);
    assert.equal(between, 0, `${width}: a panel body above the results`);
    // A long outlet name, author or date in a row's first line ends in
    // "…": only a block's text can (a flex box's is cut mid-letter, as
    // the outlet chip's was at 390 px on a corpus of long site names).
    const cut = await page.$$eval('#results .result-meta > *', (els) =>
      els.map((e) => getComputedStyle(e)).filter((s) => /flex|grid/.test(s.display) || s.textOverflow !== 'ellipsis').length);
    assert.equal(cut, 0, `${width}: a row's first line has parts that cannot end in an ellipsis`);
    // The page scrolled far down: the search box is still at the top.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForFunction(() => window.scrollY > 0);
    const after = await rect(page, '#search');
    assert.ok(after.top >= 0 && after.bottom <= 120, `${width}: search box at ${after.top}..${after.bottom} after scrolling`);
    await page.context().close();
  }
});

test('the reader is a side panel from 1100 px and a full-screen sheet below; Escape returns the focus', async () => {
  for (const [width, height] of SIZES) {
    const page = await newPage(width, height);
    await page.goto(`${base}#/?q=trilateral`);
    await page.waitForSelector('#results .result[data-id]');
    const id = await page.$eval('#results .result:nth-child(2)', (r) => r.dataset.id);
    await page.focus(`#results .result[data-id="${id}"] .result-button`);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#reader .reader-title');
    const pane = await rect(page, '#reader-pane');
    const role = await page.getAttribute('#reader-pane', 'role');
    if (width >= 1100) {
      const list = await rect(page, '#results');
      assert.ok(pane.left >= list.right, `${width}: the reader is beside the results`);
      assert.equal(role, 'region', `${width}: a region, not a dialog`);
      assert.ok(await page.isVisible('#search'), `${width}: search box visible with the reader open`);
    } else {
      // The whole viewport, the rest of the page inert.
      assert.deepEqual([pane.left, pane.top, Math.round(pane.width), Math.round(pane.height)], [0, 0, width, height], `${width}: sheet`);
      assert.equal(role, 'dialog');
      assert.equal(await page.getAttribute('#reader-pane', 'aria-modal'), 'true');
      assert.equal(await page.$eval('.main', (m) => m.inert), true, `${width}: the page behind the sheet is inert`);
      // The close button is reachable and at least 24 px tall.
      const close = await rect(page, '#close-reader');
      assert.ok(close.top >= 0 && close.height >= 24, `${width}: close button`);
    }
    await page.keyboard.press('Escape');
    await page.waitForSelector('#reader', { state: 'detached' });
    await page.waitForFunction((id) => document.activeElement?.closest('.result')?.dataset.id === id, id);
    await page.context().close();
  }
});

test('panels can be collapsed and the browser remembers it; narrow screens start with them closed', async () => {
  // Wide: the timeline starts open; closing it is remembered across a reload.
  let page = await newPage(1440, 900);
  await page.goto(`${base}#/?q=Putin`);
  await page.waitForSelector('#timeline .bar');
  assert.equal(await page.getAttribute('#panel-timeline .panel-toggle', 'aria-expanded'), 'true');
  await page.click('#panel-timeline .panel-toggle');
  await page.waitForSelector('#timeline', { state: 'detached' });
  await page.reload();
  await page.waitForSelector('#results .result[data-id]');
  assert.equal(await page.getAttribute('#panel-timeline .panel-toggle', 'aria-expanded'), 'false');
  assert.equal(await page.$('#timeline'), null);
  await page.click('#panel-timeline .panel-toggle');
  await page.waitForSelector('#timeline .bar');
  await page.context().close();
  // Narrow: every panel starts closed (the results come first); opening
  // one opens it in place.
  page = await newPage(390, 844);
  await page.goto(`${base}#/?q=Putin`);
  await page.waitForSelector('#results .result[data-id]');
  const expanded = await page.$$eval('.panel-toggle', (ts) => ts.map((t) => t.getAttribute('aria-expanded')));
  // Outlets, saved searches, timeline, mentioned dates, compare.
  assert.deepEqual(expanded, ['false', 'false', 'false', 'false', 'false']);
  await page.click('#panel-timeline .panel-toggle');
  await page.waitForSelector('#timeline .bar');
  const timeline = await rect(page, '#timeline');
  assert.ok(timeline.width <= 390 && timeline.left >= 0, 'the timeline fits the phone');
  await page.reload();
  await page.waitForSelector('#timeline .bar');
  await page.context().close();
});

test('one stylesheet; hit targets of at least 24 px (event markers, bars, toggles)', async () => {
  const page = await newPage(390, 844);
  await page.goto(`${base}#/?q=Karabakh`);
  await page.waitForSelector('#results .result[data-id]');
  assert.equal(await page.$$eval('link[rel="stylesheet"]', (ls) => ls.length), 1);
  await page.click('#panel-timeline .panel-toggle');
  await page.waitForSelector('#events-lane .event-marker');
  const small = await page.$$eval('#events-lane .event-marker, .panel-toggle, .grain-button, .term, .event-chip', (els) =>
    els.map((el) => [el.className, el.getBoundingClientRect()]).filter(([, r]) => r.width < 24 || r.height < 24).map(([c]) => c));
  assert.deepEqual(small, []);
  // Markers never overlap: a tap always hits the marker drawn there.
  const boxes = await page.$$eval('#events-lane .event-marker', (ms) => ms.map((m) => m.getBoundingClientRect().toJSON()));
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      const overlap = a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
      assert.ok(!overlap, `markers ${i} and ${j} overlap`);
    }
  }
  await page.context().close();
});

test('screenshots at 1440, 1024, 768 and 390 px, light and dark', async () => {
  for (const scheme of ['light', 'dark']) {
    for (const [width, height] of SIZES) {
      const page = await newPage(width, height, scheme);
      await page.goto(`${base}#/?q=Putin`);
      await page.waitForSelector('#results .result[data-id]');
      await page.screenshot({ path: path.join(ARTIFACTS, `layout-${width}-${scheme}.png`) });
      await page.goto(`${base}#/?q=trilateral&open=002_616a772ea8624ea7`);
      await page.waitForSelector('#reader .reader-title');
      await page.screenshot({ path: path.join(ARTIFACTS, `layout-${width}-${scheme}-reader.png`) });
      await page.goto(`${base}#/?q=Karabakh`);
      await page.waitForSelector('#results .result[data-id]');
      if ((await page.getAttribute('#panel-compare .panel-toggle', 'aria-expanded')) === 'false') {
        await page.click('#panel-compare .panel-toggle');
      }
      await page.waitForSelector('#compare .term');
      await page.click('#compare .term');
      await page.waitForSelector('#kwic .kwic-line');
      await page.$eval('#panel-compare', (p) => p.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: path.join(ARTIFACTS, `layout-${width}-${scheme}-compare.png`) });
      await page.context().close();
    }
  }
});
