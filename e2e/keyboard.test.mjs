// The whole research flow driven from the keyboard alone (no mouse): the
// skip link, "/" to the search box (not typed into it), the arrow keys
// through the results, Enter to open one, Escape to close it with the focus
// back on the result that opened it; Tab to the timeline's bars, the arrow
// keys between bars, Enter to zoom; Tab to the mentioned dates' markers,
// the arrow keys between them, Enter to list a day's passages, Enter on a
// passage to read it, Escape back to that passage. Every Tab stop on the
// way shows a visible focus indicator (an outline of at least 2 px, or for
// the SVG bars a stroke of at least 2 px). Runs at 1280 px and on a phone
// (390 px, where the panels are opened from the keyboard first).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { closeSession, newPage, openSession } from './harness.mjs';

let session, base;

before(async () => ({ base } = session = await openSession({ prefix: '/sub/dateline/', page: false })));

after(() => closeSession(session));

/** What has the focus, and whether its focus indicator is visible. */
const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: 'BODY' };
    const cs = getComputedStyle(el);
    let indicator = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2;
    if (el.classList.contains('bar')) {
      const hit = getComputedStyle(el.querySelector('.hit'));
      indicator = hit.stroke !== 'none' && parseFloat(hit.strokeWidth) >= 2;
    }
    const r = el.getBoundingClientRect();
    return {
      tag: el.tagName,
      id: el.id,
      cls: typeof el.className === 'string' ? el.className : el.getAttribute('class'),
      result: el.closest('.result')?.dataset.id ?? null,
      passage: el.closest('.passage')?.dataset.id ?? null,
      panel: el.classList.contains('panel-toggle') ? el.closest('.panel')?.id : null,
      date: el.dataset.date ?? null,
      bar: el.classList.contains('bar') ? Number(el.dataset.i) : null,
      indicator,
      onScreen: r.bottom > 0 && r.top < innerHeight && r.width > 0,
    };
  });

/** Presses Tab until `pred(focused)` holds, checking every stop passed. */
async function tabTo(page, pred, what, seen) {
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    seen.push(f);
    if (pred(f)) return f;
  }
  throw new Error(`Tab never reached ${what}`);
}

async function flow(width, height) {
  const page = await newPage(session, { viewport: { width, height } });
  const seen = [];
  await page.goto(`${base}#/?q=Karabakh`);
  await page.waitForSelector('#results .result[data-id]');

  // The first Tab stop is the skip link, shown when focused; it leads to
  // the first result.
  await page.keyboard.press('Tab');
  let f = await focused(page);
  assert.match(f.cls, /skip-link/, 'the first Tab stop is the skip link');
  assert.ok(f.onScreen && f.indicator, 'the skip link shows when focused');
  await page.keyboard.press('Enter');
  f = await focused(page);
  const first = await page.$eval('#results .result', (r) => r.dataset.id);
  assert.equal(f.result, first, 'the skip link focuses the first result');

  // "/" focuses the search box and is not typed into it.
  await page.keyboard.press('/');
  f = await focused(page);
  assert.equal(f.id, 'search');
  assert.equal(await page.inputValue('#search'), 'Karabakh');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Putin');
  await page.waitForFunction(() => document.querySelector('#result-count').textContent.startsWith('5'));

  // Arrow keys through the results, Enter opens, Escape returns the focus.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  f = await focused(page);
  const second = await page.$eval('#results .result:nth-child(2)', (r) => r.dataset.id);
  assert.equal(f.result, second);
  assert.ok(f.indicator, 'a focused result shows it');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#reader .reader-title');
  assert.match(page.url(), new RegExp(`open=${second}`));
  await page.keyboard.press('Escape');
  await page.waitForSelector('#reader', { state: 'detached' });
  f = await focused(page);
  assert.equal(f.result, second, 'Escape gives the focus back to the result that opened the reader');

  // On a phone the timeline and mentioned dates start closed: open them
  // with the keyboard (their headings are buttons).
  if (width < 1100) {
    for (const id of ['timeline', 'events']) {
      await page.keyboard.press('/');
      await tabTo(page, (x) => x.panel === `panel-${id}`, `the ${id} panel's toggle`, seen);
      await page.keyboard.press('Enter');
      await page.waitForSelector(`#panel-${id} .panel-body`);
    }
  }
  await page.keyboard.press('/');

  // Tab to the bars: one Tab stop, the arrow keys move between the bars
  // that have articles, Enter zooms.
  f = await tabTo(page, (x) => x.bar !== null, 'a timeline bar', seen);
  const firstBar = f.bar;
  await page.keyboard.press('ArrowRight');
  f = await focused(page);
  assert.ok(f.bar > firstBar, `ArrowRight moves to a later bar (${firstBar} -> ${f.bar})`);
  await page.keyboard.press('ArrowLeft');
  assert.equal((await focused(page)).bar, firstBar);
  await page.keyboard.press('End');
  const lastBar = (await focused(page)).bar;
  assert.ok(lastBar > firstBar);
  const label = await page.$eval(`#timeline .bar[data-i="${lastBar}"]`, (b) => b.dataset.label);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /from=/.test(location.hash));
  assert.match(page.url(), /from=\d{4}-\d{2}-\d{2}/, `zoomed into ${label}`);
  // Back to every date from the keyboard: "All dates".
  await page.keyboard.press('/');
  await tabTo(page, (x) => x.id === 'all-dates', 'All dates', seen);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !/from=/.test(location.hash));

  // Tab to the mentioned dates' markers; arrows move between them; Enter
  // lists the day's passages.
  await page.keyboard.press('/');
  f = await tabTo(page, (x) => x.cls?.includes('event-marker'), 'an event marker', seen);
  const d0 = f.date;
  await page.keyboard.press('ArrowRight');
  f = await focused(page);
  assert.ok(f.date > d0, `ArrowRight moves to a later day (${d0} -> ${f.date})`);
  await page.keyboard.press('Enter');
  await page.waitForFunction((d) => location.hash.includes(`event=${d}`), f.date);
  await page.waitForSelector('#event-detail .passage');

  // Tab to a passage's title, Enter reads it, Escape comes back to it.
  f = await tabTo(page, (x) => x.passage !== null, 'a passage link', seen);
  const passage = f.passage;
  await page.keyboard.press('Enter');
  await page.waitForSelector('#reader .reader-title');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#reader', { state: 'detached' });
  // The focus comes back in the render after the reader closes: waited
  // for (a loaded CI machine once read it a moment too early), then
  // checked.
  await page
    .waitForFunction((p) => document.activeElement?.closest('.passage')?.dataset.id === p, passage, { timeout: 5000 })
    .catch(() => {});
  assert.equal(await page.evaluate(() => document.activeElement.closest('.passage')?.dataset.id), passage);

  // Every Tab stop passed showed where the focus was.
  const invisible = seen.filter((x) => x.tag !== 'BODY' && !x.indicator).map((x) => `${x.tag}#${x.id}.${x.cls}`);
  assert.deepEqual([...new Set(invisible)], [], `${width}px: Tab stops without a visible focus`);
  assert.ok(seen.length > 5);
  await page.context().close();
}

test('the whole flow from the keyboard at 1280 px', async () => {
  await flow(1280, 900);
});

test('the whole flow from the keyboard on a phone (390 px)', async () => {
  await flow(390, 844);
});
