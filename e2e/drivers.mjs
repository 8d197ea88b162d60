// Thin browser adapters for the cross-browser flow (e2e/flow.mjs), one per
// engine, each over the protocol its browser speaks:
//
//   chromium  playwright-core (Chrome DevTools Protocol), /usr/bin/chromium
//   firefox   puppeteer-core over WebDriver BiDi, Debian's /usr/bin/firefox-esr
//   webkit    selenium-webdriver over classic WebDriver, Debian's
//             WebKitWebDriver driving WebKitGTK's MiniBrowser under Xvfb
//
// No tool ever downloads a browser: each adapter launches the system
// executable, and `find()` says why a browser is unavailable (the test then
// skips with that message, or fails under DATELINE_REQUIRE_BROWSERS=1).
//
// Every adapter offers the same small surface:
//   goto(url)                 navigate and wait for the load event
//   evaluate(fn, arg)         run fn(arg) in the page (fn may be async), return JSON
//   click(selector)           a real pointer click at the element's centre
//   fill(selector, text)      focus the field, select all, type `text` as keys
//   press(key)                one key ('Escape') to the focused element
//   back()                    the browser's back button
//   screenshot(file)          PNG of the viewport
//   download(selector)        click and return the file the browser saved, as
//                             { name, text }, or null where the driver cannot
//                             observe downloads
//   drain()                   { errors, csp } recorded since the last drain:
//                             uncaught exceptions, unhandled rejections and
//                             console errors; Content Security Policy violations
//   close()
//
// How errors and policy violations are recorded differs by driver:
//   chromium, firefox: the driver's page-error and console events, and a
//     `securitypolicyviolation` listener installed before any page script
//     (init/preload script), so nothing from the first byte is missed.
//   webkit: WebKitGTK's WebDriver has no console log, no BiDi and no way to
//     run a script before the page's own, so a recorder is installed right
//     after each load (window error, unhandledrejection,
//     securitypolicyviolation, console.error). What happens before it is
//     caught by the served test's CSP report-uri (e2e/serve.mjs cspReports)
//     and, from file://, by the flow's checks that the page's inline script
//     ran (the app started) and its inline style applied.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CHROME_ARGS, recordCspViolations } from './serve.mjs';

export const VIEWPORT = { width: 1280, height: 900 };
const CSP_TAG = '__dateline_csp__ ';

const CHROME = process.env.CHROME_BIN || '/usr/bin/chromium';
const FIREFOX = process.env.FIREFOX_BIN || '/usr/bin/firefox-esr';
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER_BIN || '/usr/bin/WebKitWebDriver';
// Debian's libwebkit2gtk-4.1-0 ships MiniBrowser here (multiarch path).
const MINIBROWSER_CANDIDATES = [
  process.env.WEBKIT_BROWSER_BIN,
  `/usr/lib/${process.arch === 'arm64' ? 'aarch64' : 'x86_64'}-linux-gnu/webkit2gtk-4.1/MiniBrowser`,
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/libexec/webkit2gtk-4.1/MiniBrowser',
].filter(Boolean);

async function importOr(name) {
  try {
    return await import(name);
  } catch (err) {
    return { missing: `npm package ${name} is not installed (${err.code ?? err.message}); run scripts/setup.sh --browser` };
  }
}

function onPath(cmd) {
  return (process.env.PATH ?? '').split(':').some((d) => d && existsSync(path.join(d, cmd)));
}

/**
 * Whether `name` can run here: { ok: true } or { ok: false, why }.
 */
export async function find(name) {
  if (name === 'chromium') {
    if (!existsSync(CHROME)) return { ok: false, why: `${CHROME} not found (apt-get install chromium, or set CHROME_BIN)` };
    const m = await importOr('playwright-core');
    return m.missing ? { ok: false, why: m.missing } : { ok: true };
  }
  if (name === 'firefox') {
    if (!existsSync(FIREFOX)) return { ok: false, why: `${FIREFOX} not found (apt-get install firefox-esr, or set FIREFOX_BIN)` };
    const m = await importOr('puppeteer-core');
    return m.missing ? { ok: false, why: m.missing } : { ok: true };
  }
  if (name === 'webkit') {
    if (!existsSync(WEBKIT_DRIVER)) {
      return { ok: false, why: `${WEBKIT_DRIVER} not found (apt-get install webkit2gtk-driver, or set WEBKIT_DRIVER_BIN)` };
    }
    if (!MINIBROWSER_CANDIDATES.some((p) => existsSync(p))) {
      return { ok: false, why: `WebKitGTK MiniBrowser not found in ${MINIBROWSER_CANDIDATES.join(', ')} (set WEBKIT_BROWSER_BIN)` };
    }
    if (!process.env.DISPLAY && !onPath('Xvfb')) {
      return { ok: false, why: 'WebKitGTK needs a display: no DISPLAY and no Xvfb (apt-get install xvfb)' };
    }
    const m = await importOr('selenium-webdriver');
    return m.missing ? { ok: false, why: m.missing } : { ok: true };
  }
  return { ok: false, why: `unknown browser ${name}` };
}

/** Launches `name` and returns its adapter. */
export function launch(name) {
  if (name === 'chromium') return launchChromium();
  if (name === 'firefox') return launchFirefox();
  if (name === 'webkit') return launchWebKit();
  throw new Error(`unknown browser ${name}`);
}

/**
 * Clicks via `click()` and waits for the browser to save a new
 * dateline-* export file in `dir` (complete: no partial file left, size
 * stable); returns { name, text }. Earlier exports are removed first.
 */
async function savedDownload(dir, click) {
  for (const f of await readdir(dir)) if (f.startsWith('dateline-')) await rm(path.join(dir, f), { force: true });
  await click();
  // Generous: WebKitGTK on a loaded 2-core machine can take seconds.
  const deadline = Date.now() + 45_000;
  let lastSize = -1;
  for (;;) {
    const files = await readdir(dir);
    const partial = files.some((f) => /\.(part|wkdownload|download)$/.test(f));
    const done = files.filter((f) => f.startsWith('dateline-') && !/\.(part|wkdownload|download)$/.test(f));
    if (done.length && !partial) {
      const size = (await stat(path.join(dir, done[0]))).size;
      if (size > 0 && size === lastSize) return { name: done[0], text: await readFile(path.join(dir, done[0]), 'utf8') };
      lastSize = size;
    }
    if (Date.now() > deadline) throw new Error(`no complete download in ${dir} within 45 s (files: ${files.join(', ') || 'none'})`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

const errorText = (e) => (e?.stack || e?.message || String(e)).split('\n').slice(0, 6).join('\n');

// --- chromium: playwright-core -------------------------------------------------

async function launchChromium() {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROME, args: CHROME_ARGS, timeout: 60_000 });
  const context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
  let errors = [];
  let csp = [];
  const cspSink = [];
  await recordCspViolations(context, cspSink);
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`uncaught: ${errorText(e)}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console.error: ${m.text()}`));
  return {
    name: 'chromium',
    version: browser.version(),
    goto: async (url) => void (await page.goto(url, { waitUntil: 'load', timeout: 60_000 })),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    click: (sel) => page.click(sel),
    fill: (sel, text) => page.fill(sel, text),
    press: (key) => page.keyboard.press(key),
    back: () => page.goBack(),
    screenshot: (file) => page.screenshot({ path: file }),
    async download(sel) {
      const [d] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), page.click(sel)]);
      return { name: d.suggestedFilename(), text: await readFile(await d.path(), 'utf8') };
    },
    drain() {
      csp.push(...cspSink.splice(0));
      const out = { errors, csp };
      errors = [];
      csp = [];
      return out;
    },
    close: () => browser.close(),
  };
}

// --- firefox: puppeteer-core over WebDriver BiDi --------------------------------

async function launchFirefox() {
  const { default: puppeteer } = await import('puppeteer-core');
  const downloads = await mkdtemp(path.join(os.tmpdir(), 'dateline-ff-downloads-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX,
    headless: true,
    timeout: 60_000,
    extraPrefsFirefox: {
      // Save downloads to our folder without asking.
      'browser.download.folderList': 2,
      'browser.download.dir': downloads,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.start_downloads_in_tmp_dir': false,
    },
  });
  const page = await browser.newPage();
  await page.setViewport(VIEWPORT);
  let errors = [];
  let csp = [];
  page.on('pageerror', (e) => errors.push(`uncaught: ${errorText(e)}`));
  page.on('console', (m) => {
    const text = m.text();
    if (text.startsWith(CSP_TAG)) csp.push(text.slice(CSP_TAG.length));
    else if (m.type() === 'error') errors.push(`console.error: ${text}`);
  });
  // Runs before any page script (BiDi script.addPreloadScript); reports
  // through the console, which the driver streams (log.entryAdded).
  await page.evaluateOnNewDocument((tag) => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.log(`${tag}${e.effectiveDirective}: ${e.blockedURI || 'inline'} (${e.sourceFile || ''}:${e.lineNumber || 0})`);
    });
  }, CSP_TAG);
  return {
    name: 'firefox',
    version: await browser.version(),
    goto: async (url) => void (await page.goto(url, { waitUntil: 'load', timeout: 60_000 })),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    click: (sel) => page.click(sel),
    async fill(sel, text) {
      await page.focus(sel);
      await page.$eval(sel, (el) => el.select());
      await page.keyboard.press('Backspace');
      if (text) await page.keyboard.type(text);
    },
    press: (key) => page.keyboard.press(key),
    back: () => page.goBack(),
    screenshot: (file) => page.screenshot({ path: file }),
    download: (sel) => savedDownload(downloads, () => page.click(sel)),
    drain() {
      const out = { errors, csp };
      errors = [];
      csp = [];
      return out;
    },
    async close() {
      await browser.close();
      await rm(downloads, { recursive: true, force: true });
    },
  };
}

// --- webkit: selenium-webdriver + WebKitWebDriver (WebKitGTK MiniBrowser) -----

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Starts a private Xvfb and resolves to { display, proc }. */
function startXvfb() {
  return new Promise((resolve, reject) => {
    // -displayfd: Xvfb picks a free display and writes its number to fd 3.
    const proc = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1400x1000x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      proc.kill();
      reject(new Error(`Xvfb did not start within 15 s: ${err}`));
    }, 15_000);
    proc.stderr.on('data', (d) => (err += d));
    proc.stdio[3].on('data', (d) => {
      out += d;
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve({ display: `:${out.trim()}`, proc });
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited with ${code}: ${err}`));
    });
  });
}

async function waitForDriver(url, proc, log) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`WebKitWebDriver exited with ${proc.exitCode}: ${log()}`);
    try {
      const res = await fetch(`${url}/status`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`WebKitWebDriver did not answer on ${url} within 20 s: ${log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Installed after each load in WebKit (see the header comment). */
function installRecorder() {
  if (window.__datelineRec) return;
  const rec = { errors: [], csp: [] };
  window.__datelineRec = rec;
  window.addEventListener('error', (e) => {
    if (e instanceof ErrorEvent) rec.errors.push(`uncaught: ${e.message} (${e.filename}:${e.lineno})`);
    else rec.errors.push(`failed to load: <${e.target?.localName}> ${e.target?.src || e.target?.href || ''}`);
  }, true);
  window.addEventListener('unhandledrejection', (e) => rec.errors.push(`unhandled rejection: ${e.reason?.stack || e.reason}`));
  document.addEventListener('securitypolicyviolation', (e) => {
    rec.csp.push(`${e.effectiveDirective}: ${e.blockedURI || 'inline'} (${e.sourceFile || ''}:${e.lineNumber || 0})`);
  });
  const consoleError = console.error;
  console.error = function (...args) {
    rec.errors.push(`console.error: ${args.map(String).join(' ')}`);
    return consoleError.apply(this, args);
  };
}

async function launchWebKit() {
  const { Builder, Key } = await import('selenium-webdriver');
  const browserBin = MINIBROWSER_CANDIDATES.find((p) => existsSync(p));
  let xvfb = null;
  // A private HOME: WebKitGTK's caches and data, and the downloads, stay in it.
  const home = await mkdtemp(path.join(os.tmpdir(), 'dateline-webkit-home-'));
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_CACHE_HOME: path.join(home, '.cache'), XDG_DATA_HOME: path.join(home, '.local/share') };
  if (onPath('Xvfb')) {
    xvfb = await startXvfb();
    env.DISPLAY = xvfb.display;
  }
  const port = await freePort();
  let driverLog = '';
  const proc = spawn(WEBKIT_DRIVER, [`--port=${port}`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (d) => (driverLog = (driverLog + d).slice(-4000));
  proc.stdout.on('data', keep);
  proc.stderr.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const stop = () => {
    proc.kill();
    xvfb?.proc.kill();
    return rm(home, { recursive: true, force: true });
  };
  let driver;
  try {
    await waitForDriver(url, proc, () => driverLog);
    driver = await new Builder()
      .disableEnvironmentOverrides() // never SELENIUM_REMOTE_URL: this driver only
      .usingServer(url)
      .withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: browserBin, args: ['--automation'] },
      })
      .build();
    await driver.manage().window().setRect({ width: VIEWPORT.width, height: VIEWPORT.height });
  } catch (err) {
    await stop();
    throw new Error(`WebKit session failed: ${err.message}\nWebKitWebDriver output: ${driverLog}`);
  }
  const caps = await driver.getCapabilities();
  const find = (sel) => driver.findElement({ css: sel });
  const KEYS = { Escape: Key.ESCAPE, Enter: Key.ENTER, Backspace: Key.BACK_SPACE };
  let errors = [];
  let csp = [];
  const drainPage = async () => {
    const got = await driver
      .executeScript('const r = window.__datelineRec; if (!r) return null; const o = { errors: r.errors.splice(0), csp: r.csp.splice(0) }; return o;')
      .catch(() => null);
    if (got) {
      errors.push(...got.errors);
      csp.push(...got.csp);
    }
  };
  const install = () => driver.executeScript(`(${installRecorder})()`);
  return {
    name: 'webkit',
    version: `WebKitGTK ${caps.get('browserVersion')}`,
    async goto(u) {
      await drainPage();
      await driver.get(u);
      await install();
    },
    evaluate: (fn, arg) => driver.executeScript(`return (${fn})(arguments[0]);`, arg === undefined ? null : arg),
    click: async (sel) => (await find(sel)).click(),
    async fill(sel, text) {
      const el = await find(sel);
      await el.click();
      await driver.executeScript('arguments[0].select();', el);
      await driver.actions().sendKeys(Key.BACK_SPACE).perform();
      if (text) await driver.actions().sendKeys(text).perform();
    },
    press: (key) => driver.actions().sendKeys(KEYS[key] ?? key).perform(),
    async back() {
      await driver.navigate().back();
      await install();
    },
    screenshot: async (file) => writeFile(file, await driver.takeScreenshot(), 'base64'),
    // MiniBrowser saves downloads without asking, into the user's download
    // folder, which is $HOME when none is configured: the private HOME.
    download: (sel) => savedDownload(home, async () => (await find(sel)).click()),
    async drain() {
      await drainPage();
      const out = { errors, csp };
      errors = [];
      csp = [];
      return out;
    },
    async close() {
      await driver.quit().catch(() => {});
      await stop();
    },
  };
}
