// The main flow (e2e/flow.mjs) in three engines, each against dist/ served
// over HTTP under a sub-path (with the app's Content Security Policy sent as
// a header, violations reported back to the test server) and against the
// single file dist/dateline.html opened from file://:
//
//   chromium  /usr/bin/chromium through playwright-core
//   firefox   /usr/bin/firefox-esr through puppeteer-core (WebDriver BiDi)
//   webkit    WebKitGTK's MiniBrowser through /usr/bin/WebKitWebDriver
//             (selenium-webdriver), in a private Xvfb
//
// Screenshots: e2e/artifacts/<browser>-<served|file>.png and -reader.png.
// A browser that is not installed is skipped with the reason; with
// DATELINE_REQUIRE_BROWSERS=1 (scripts/test.sh) it fails instead.
//
// Environment: DATELINE_BROWSERS=firefox,webkit runs a subset;
// CHROME_BIN, FIREFOX_BIN, WEBKIT_DRIVER_BIN, WEBKIT_BROWSER_BIN, DATELINE_DIST.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { find, launch } from './drivers.mjs';
import { runFlow } from './flow.mjs';
import { startServer } from './serve.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DIST = process.env.DATELINE_DIST ? path.resolve(process.env.DATELINE_DIST) : path.join(HERE, '..', 'dist');
const ARTIFACTS = path.join(HERE, 'artifacts');
const BROWSERS = (process.env.DATELINE_BROWSERS || 'chromium,firefox,webkit').split(',').map((s) => s.trim()).filter(Boolean);
const REQUIRE = process.env.DATELINE_REQUIRE_BROWSERS === '1';
const PROBE = path.join(HERE, 'fixtures', 'recorder-probe');
const isStyle = (v) => /^style-src/.test(v);

async function until(pred, desc, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  while (!pred()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${desc}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Drains `b` until `pred({ errors, csp })` holds on everything drained (10 s at most). */
async function collect(b, pred) {
  const got = { errors: [], csp: [] };
  const deadline = Date.now() + 10_000;
  for (;;) {
    const d = await b.drain();
    got.errors.push(...d.errors);
    got.csp.push(...d.csp);
    if (pred(got)) return got;
    if (Date.now() > deadline) assert.fail(`${b.name}: the recorders missed something; recorded: ${JSON.stringify(got)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

for (const name of BROWSERS) {
  describe(name, async () => {
    const found = await find(name);
    const skip = found.ok ? false : `${name} unavailable: ${found.why}`;
    if (!found.ok && REQUIRE) {
      test(`${name} is installed`, () => assert.fail(`${skip} (DATELINE_REQUIRE_BROWSERS=1)`));
      return;
    }
    let b = null;
    let server = null;
    const cspReports = [];

    before(async () => {
      if (skip) return;
      assert.ok((await stat(path.join(DIST, 'index.html')).catch(() => null))?.isFile(), `${DIST}/index.html missing: build first`);
      await mkdir(ARTIFACTS, { recursive: true });
      server = await startServer({ root: DIST, cspReports });
      b = await launch(name);
    });
    after(async () => {
      await b?.close();
      await server?.close();
    });

    test(`${name}: served over HTTP under a sub-path, with the CSP header`, { skip, timeout: 180_000 }, async (t) => {
      t.diagnostic(`${b.version}`);
      await runFlow(b, { url: server.url, label: `${name}-served`, artifacts: ARTIFACTS, extraCsp: cspReports, log: (m) => t.diagnostic(m) });
      const outside = server.requests.filter((r) => !r.path.startsWith('/sub/dateline/'));
      assert.deepEqual(outside, [], 'no request outside the sub-path');
      const failed = server.requests.filter((r) => r.status >= 400);
      assert.deepEqual(failed, [], 'no failed request');
    });

    test(`${name}: dateline.html opened from file://`, { skip, timeout: 180_000 }, async (t) => {
      const served = server.requests.length;
      await runFlow(b, { url: pathToFileURL(path.join(DIST, 'dateline.html')).href, label: `${name}-file`, artifacts: ARTIFACTS, log: (m) => t.diagnostic(m) });
      assert.equal(server.requests.length, served, 'the single file asked the test server for nothing');
    });

    // The two tests above pass only if nothing was recorded; this one shows
    // the recorders do see what they must fail on, in this browser.
    test(`${name}: the recorders catch page errors and policy violations`, { skip, timeout: 60_000 }, async (t) => {
      const reports = [];
      const probe = await startServer({ root: PROBE, cspReports: reports });
      try {
        const modes = [
          ['served', probe.url],
          ['file', pathToFileURL(path.join(PROBE, 'index.html')).href],
        ];
        for (const [mode, url] of modes) {
          await b.goto(url);
          // At load the policy refuses the page's inline style. Chromium and
          // Firefox record from before the page's first script; WebKit's
          // recorder starts after the load (see drivers.mjs), so there the
          // served page's load-time violation is caught by the report-uri.
          const atLoad = await collect(b, (g) => name === 'webkit' || g.csp.some(isStyle));
          if (mode === 'served') await until(() => reports.some(isStyle), 'the load-time violation reported to the server');
          const reported = reports.splice(0).length;
          await b.click('#misbehave');
          // WebKit mutes the details of errors from file:// scripts (they
          // count as cross-origin): "Script error." is still an uncaught error.
          const got = await collect(b, (g) =>
            g.errors.some((e) => e.includes('probe uncaught error') || (name === 'webkit' && mode === 'file' && e.startsWith('uncaught: Script error.'))) &&
            g.errors.some((e) => e.includes('probe console error')) &&
            g.csp.some(isStyle));
          t.diagnostic(`${mode}: at load ${atLoad.csp.length} violations recorded in the browser, ${reported} reported to the server; ` +
            `after the click ${got.csp.filter(isStyle).length} violations and ${got.errors.length} errors recorded`);
          reports.length = 0;
        }
      } finally {
        await probe.close();
        await new Promise((r) => setTimeout(r, 300));
        await b.drain();
      }
    });
  });
}
