// Shared set-up of the Chromium browser tests: serve a built dist/ under a
// prefix, open one page in headless Chromium, and at the end assert that
// the page raised no error and violated no Content Security Policy rule.
//
//   let session, page, base;
//   before(async () => ({ page, base } = session = await openSession({ prefix: '/sub/dateline/' })));
//   after(() => closeSession(session));

import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
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
 * Serves `root` under `prefix` and opens a page of `viewport` in headless
 * Chromium, recording page errors and CSP violations:
 * `{ server, base, browser, context, page }`.
 */
export async function openSession({ root = DIST, prefix = '/', viewport = { width: 1280, height: 900 } } = {}) {
  await mkdir(ARTIFACTS, { recursive: true });
  const session = { pageErrors: [], cspViolations: [] };
  session.server = await startServer({ root, prefix });
  session.base = `http://127.0.0.1:${session.server.port}${prefix}`;
  session.browser = await chromium.launch({ executablePath: CHROME, args: CHROME_ARGS });
  session.context = await session.browser.newContext({ viewport });
  await recordCspViolations(session.context, session.cspViolations);
  session.page = await session.context.newPage();
  session.page.on('pageerror', (e) => session.pageErrors.push(String(e)));
  return session;
}

/** Closes a session and asserts the page raised no error and broke no CSP rule. */
export async function closeSession(session) {
  await session?.browser?.close();
  await session?.server?.close();
  assert.deepEqual(session?.pageErrors ?? [], [], 'no page errors');
  assert.deepEqual(session?.cspViolations ?? [], [], 'no Content Security Policy violation');
}
