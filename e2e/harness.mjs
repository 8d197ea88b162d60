// Shared set-up of the Chromium browser tests: serve a built dist/ under a
// prefix, open pages in headless Chromium that record page errors (and,
// when asked, console errors) and Content Security Policy violations, and
// at the end assert that none happened.
//
//   let session, page, base;
//   before(async () => ({ page, base } = session = await openSession({ prefix: '/sub/dateline/' })));
//   after(() => closeSession(session));
//
// Tests that need several viewports open the browser only (`page: false`)
// and call `newPage(session, { viewport, colorScheme })` per case; pages
// opened that way are checked by the same `closeSession`.

import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, recordCspViolations, startServer } from './serve.mjs';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The build under test: DATELINE_DIST, or dist/ of the checkout. */
export const DIST = process.env.DATELINE_DIST ? path.resolve(process.env.DATELINE_DIST) : path.join(HERE, '..', 'dist');
export const ARTIFACTS = path.join(HERE, 'artifacts');
export const CHROME = process.env.CHROME_BIN || '/usr/bin/chromium';

/**
 * Serves `root` under `prefix` and launches headless Chromium; unless
 * `page` is false, opens a page of `viewport` (with the extra browser
 * context options `contextOptions`, e.g. `acceptDownloads`):
 * `{ server, base, browser, context, page, pageErrors, cspViolations,
 * warnings }` (`warnings`: the console warnings of every page).
 * `consoleErrors` also counts console errors as page errors.
 */
export async function openSession({
  root = DIST,
  prefix = '/',
  viewport = { width: 1280, height: 900 },
  contextOptions = {},
  page = true,
  consoleErrors = false,
} = {}) {
  await mkdir(ARTIFACTS, { recursive: true });
  const session = { pageErrors: [], cspViolations: [], warnings: [], consoleErrors };
  session.server = await startServer({ root, prefix });
  session.base = `http://127.0.0.1:${session.server.port}${prefix}`;
  session.browser = await chromium.launch({ executablePath: CHROME, args: CHROME_ARGS });
  if (page) {
    session.page = await newPage(session, { viewport, ...contextOptions });
    session.context = session.page.context();
  }
  return session;
}

/**
 * A page in a new browser context of `session` (`contextOptions` as for
 * Playwright's `browser.newContext`), recording its errors and CSP
 * violations into the session. Close it with `page.context().close()`.
 */
export async function newPage(session, contextOptions = {}) {
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 }, ...contextOptions });
  await recordCspViolations(context, session.cspViolations);
  const page = await context.newPage();
  page.on('pageerror', (e) => session.pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && session.consoleErrors) session.pageErrors.push(`console: ${m.text()}`);
    if (m.type() === 'warning') session.warnings.push(m.text());
  });
  return page;
}

/** Waits until the result list has settled: rows shown, every row
 * loaded, no search pending ("Searching…"/"Loading…"). */
export async function listSettled(page) {
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('#results .result')];
    return rows.length > 0 && rows.every((r) => r.dataset.id) && !/Searching|Loading/.test(document.getElementById('result-count')?.textContent ?? '');
  }, null, { timeout: 30000 });
}

/** The result rows rendered with their article, as `position:id`. */
export function renderedRows(page) {
  return page.$$eval('#results .result[data-id]', (rs) => rs.map((r) => `${r.getAttribute('aria-posinset')}:${r.dataset.id}`));
}

/** Scrolls the (windowed) result list so that row `n` is on screen. */
export async function scrollToRow(page, n) {
  await page.evaluate((n) => {
    const list = document.getElementById('results');
    const pitch = list.getBoundingClientRect().height / Number(list.firstElementChild.getAttribute('aria-setsize'));
    window.scrollTo(0, window.scrollY + list.getBoundingClientRect().top + (n - 1) * pitch);
  }, n);
}

/** Closes a session and asserts the page raised no error and broke no CSP rule. */
export async function closeSession(session) {
  await session?.browser?.close();
  await session?.server?.close();
  assert.deepEqual(session?.pageErrors ?? [], [], 'no page errors');
  assert.deepEqual(session?.cspViolations ?? [], [], 'no Content Security Policy violation');
}

/** The wide and the phone viewport the accessibility checks run at. */
export const LOOKS = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
];

/**
 * Runs `each({ width, height, scheme })` at every viewport of `LOOKS` in
 * light and dark, then puts `page` back to 1280 px and light.
 */
export async function forEachLook(page, each) {
  for (const { width, height } of LOOKS) {
    await page.setViewportSize({ width, height });
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      await each({ width, height, scheme });
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
}

let axeSource = null;

/**
 * axe-core's WCAG 2.2 A/AA and best-practice violations on the page as it
 * is now, one line each: `<label>: <rule>: <targets>`. Checked from the
 * top of the page: axe counts a target scrolled under the sticky search
 * bar as obscured (it is, until scrolled back).
 */
export async function axeViolations(page, label) {
  axeSource ??= await readFile(path.join(HERE, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  await page.evaluate(() => window.scrollTo(0, 0));
  // evaluate, not a <script> tag: the page's policy refuses inline scripts.
  await page.evaluate(axeSource);
  const { violations } = await page.evaluate(() =>
    axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }));
  return violations.map((v) => `${label}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
