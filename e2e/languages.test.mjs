// Every language of the story (issue 16), in the browser: the app built on
// e2e/fixtures/multilingual-corpus (eight articles in Russian, Armenian,
// Azerbaijani, Turkish, Arabic, Persian, Chinese and English; scripts/test.sh
// builds it into target/dist-multilingual).
//
// Checks the language facet (counts, filter, clear), a search in each
// script, Latin names finding other scripts ("also matched"), words inside
// unspaced Chinese, and the right-to-left reader. Screenshots:
// languages.png, languages-reader-rtl.png (look at them).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ARTIFACTS, HERE, closeSession, openSession } from './harness.mjs';

const DIST = path.join(HERE, '..', 'target', 'dist-multilingual');
const LANGUAGES = ['ar', 'az', 'en', 'fa', 'hy', 'ru', 'tr', 'zh'];

let session, page, base;

const built = await stat(path.join(DIST, 'index.html')).then(() => true, () => false);

before(async () => {
  if (!built) return;
  ({ page, base } = session = await openSession({ root: DIST, viewport: { width: 1440, height: 900 }, consoleErrors: true }));
  await page.goto(base);
  await page.waitForSelector('#result-count', { timeout: 30_000 });
});

after(() => built && closeSession(session));

const count = () => page.evaluate(() => parseInt(document.querySelector('#result-count')?.textContent ?? '', 10));
const rows = () =>
  page.evaluate(() =>
    [...document.querySelectorAll('#results .result:not(.loading)')].map((r) => ({
      id: r.dataset.id,
      title: r.querySelector('.result-title')?.textContent ?? '',
      lang: r.querySelector('.result-title')?.getAttribute('lang') ?? '',
    })),
  );

async function search(q) {
  await page.goto(`${base}#/?q=${encodeURIComponent(q)}`);
  await page.waitForFunction(
    (q) => new URLSearchParams(location.hash.split('?')[1] ?? '').get('q') === q && document.querySelector('#result-count'),
    q,
  );
  await page.waitForTimeout(150);
}

test('the multilingual build exists (scripts/test.sh builds it)', { skip: built ? false : 'target/dist-multilingual not built' }, () => {
  assert.ok(built);
});

test('language facet: every language with its count; a language filters, "all languages" clears', { skip: !built }, async () => {
  await page.waitForFunction(() => document.querySelectorAll('.language-filter').length >= 8);
  const facet = await page.evaluate(() =>
    [...document.querySelectorAll('.language-filter')].map((b) => ({ code: b.dataset.language, text: b.textContent })),
  );
  assert.deepEqual(facet.map((f) => f.code).sort(), LANGUAGES, JSON.stringify(facet));
  assert.ok(facet.every((f) => /1/.test(f.text)), `one article each: ${JSON.stringify(facet)}`);
  assert.equal(await count(), 8);
  await page.click('.language-filter[data-language="ru"]');
  await page.waitForFunction(() => parseInt(document.querySelector('#result-count').textContent, 10) === 1);
  const [ru] = await rows();
  assert.equal(ru.lang, 'ru');
  assert.match(ru.title, /Путин/);
  assert.equal(await page.getAttribute('.language-filter[data-language="ru"]', 'aria-pressed'), 'true');
  await page.screenshot({ path: path.join(ARTIFACTS, 'languages.png'), fullPage: false });
  await page.click('section.languages .section-head button');
  await page.waitForFunction(() => parseInt(document.querySelector('#result-count').textContent, 10) === 8);
});

test('each script is searched in its own words; Chinese words inside unspaced text', { skip: !built }, async () => {
  const cases = [
    ['переговоры', 'ru'],
    ['Սոչիում', 'hy'],
    ['üçtərəfli', 'az'],
    ['görüşmelerin', 'tr'],
    ['محادثات', 'ar'],
    ['会见', 'zh'],
    ['阿利耶夫', 'zh'],
  ];
  for (const [q, lang] of cases) {
    await search(q);
    const got = await rows();
    assert.equal(got.length, 1, `${q}: ${JSON.stringify(got)}`);
    assert.equal(got[0].lang, lang, q);
  }
});

test('a Latin name also finds it in other scripts, shown as "also matched"', { skip: !built }, async () => {
  await search('karabakh');
  const got = await rows();
  assert.ok(got.length >= 4, `karabakh: ${JSON.stringify(got)}`);
  assert.equal(got[0].lang, 'en', 'the exact spelling first');
  const langs = new Set(got.map((r) => r.lang));
  for (const l of ['ru', 'hy', 'az']) assert.ok(langs.has(l), `karabakh finds ${l}: ${[...langs]}`);
  const also = await page.textContent('#also-matched');
  assert.match(also, /карабах/, also);
  assert.match(also, /ղարաբաղ/, also);
});

test('right-to-left articles read right to left in the reader', { skip: !built }, async () => {
  await search('محادثات');
  await page.click('#results .result:not(.loading)');
  await page.waitForSelector('#reader-title');
  const dir = await page.evaluate(() => {
    const title = document.querySelector('#reader-title');
    const para = document.querySelector('.reader-body p');
    return {
      lang: title.getAttribute('lang'),
      title: getComputedStyle(title).direction,
      para: para && getComputedStyle(para).direction,
    };
  });
  assert.deepEqual(dir, { lang: 'ar', title: 'rtl', para: 'rtl' });
  await page.screenshot({ path: path.join(ARTIFACTS, 'languages-reader-rtl.png'), fullPage: false });
});

test('no page error and no Content Security Policy violation', { skip: !built }, () => {
  assert.deepEqual(session.pageErrors, []);
  assert.deepEqual(session.cspViolations, []);
});
