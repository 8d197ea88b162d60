// Lighthouse benchmark for Dateline (not a test: it prints figures).
//
//   node e2e/lighthouse.mjs [dist folder=dist] [--runs N=3] [--gzip]
//
// Serves the built app with e2e/serve.mjs (under /sub/dateline/, with the
// app's Content Security Policy as a header) and runs Lighthouse in system
// Chromium (CHROME_PATH, default /usr/bin/chromium) N times with the mobile
// preset (Lighthouse's default: a mid-range phone, simulated slow 4G and a
// 4x slower CPU) and N times with the desktop preset. Prints, per preset,
// the median score of each of the four categories (performance,
// accessibility, best practices, SEO), every run's scores, and the median
// of the performance metrics (first and largest contentful paint, total
// blocking time, cumulative layout shift, speed index), plus any audit of
// the last run that scored below 0.9.
//
// `--gzip` serves compressed responses (gzip, as static hosts do) instead
// of the identity encoding the e2e server uses by default.
//
// Lighthouse itself is not an e2e dependency: the first run installs the
// pinned version with npm into .tools/lighthouse (gitignored).

import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startServer } from './serve.mjs';

const LIGHTHOUSE_VERSION = '12.8.2';
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.join(HERE, '..');
const TOOLS = path.join(ROOT, '.tools', 'lighthouse');
const CLI = path.join(TOOLS, 'node_modules', 'lighthouse', 'cli', 'index.js');

const args = process.argv.slice(2);
let dist = path.join(ROOT, 'dist');
let runs = 3;
let gzip = false;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--runs') runs = Number(args[++i]);
  else if (a === '--gzip') gzip = true;
  else if (a === '-h' || a === '--help') {
    console.log('usage: node e2e/lighthouse.mjs [dist folder=dist] [--runs N=3] [--gzip]');
    process.exit(0);
  } else if (a.startsWith('-')) {
    console.error(`lighthouse.mjs: unknown flag ${a}`);
    process.exit(2);
  } else dist = path.resolve(a);
}
if (!Number.isInteger(runs) || runs < 1) {
  console.error('lighthouse.mjs: --runs needs a positive whole number');
  process.exit(2);
}
if (!existsSync(path.join(dist, 'index.html'))) {
  console.error(`lighthouse.mjs: ${dist}/index.html not found (build with trunk first)`);
  process.exit(1);
}
const chrome = process.env.CHROME_PATH || process.env.CHROME_BIN || '/usr/bin/chromium';

async function installed() {
  const pkg = path.join(TOOLS, 'node_modules', 'lighthouse', 'package.json');
  const version = existsSync(pkg) ? JSON.parse(await readFile(pkg, 'utf8')).version : null;
  if (version === LIGHTHOUSE_VERSION) return;
  console.log(`installing lighthouse@${LIGHTHOUSE_VERSION} into ${path.relative(ROOT, TOOLS)}/ ...`);
  await mkdir(TOOLS, { recursive: true });
  execFileSync('npm', ['install', '--prefix', TOOLS, '--no-audit', '--no-fund', `lighthouse@${LIGHTHOUSE_VERSION}`], {
    stdio: 'inherit',
  });
}

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const METRICS = [
  ['first-contentful-paint', 'FCP', 'ms'],
  ['largest-contentful-paint', 'LCP', 'ms'],
  ['total-blocking-time', 'TBT', 'ms'],
  ['cumulative-layout-shift', 'CLS', ''],
  ['speed-index', 'SI', 'ms'],
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function lighthouse(url, preset, out) {
  const flags = [
    CLI,
    url,
    '--output=json',
    `--output-path=${out}`,
    '--quiet',
    `--only-categories=${CATEGORIES.join(',')}`,
    '--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking',
  ];
  if (preset === 'desktop') flags.push('--preset=desktop');
  await promisify(execFile)(process.execPath, flags, {
    env: { ...process.env, CHROME_PATH: chrome },
    maxBuffer: 64 << 20,
  });
  return JSON.parse(await readFile(out, 'utf8'));
}

await installed();
const tmp = await mkdtemp(path.join(os.tmpdir(), 'dateline-lh-'));
const server = await startServer({ root: dist, gzip });
try {
  console.log(`Lighthouse ${LIGHTHOUSE_VERSION}, ${chrome}, ${runs} run(s) per preset, ${server.url}` +
    (gzip ? ' (gzip)' : ' (uncompressed)'));
  for (const preset of ['desktop', 'mobile']) {
    const reports = [];
    for (let i = 0; i < runs; i++) reports.push(await lighthouse(server.url, preset, path.join(tmp, `${preset}-${i}.json`)));
    const score = (r, c) => Math.round((r.categories[c]?.score ?? NaN) * 100);
    const med = Object.fromEntries(CATEGORIES.map((c) => [c, median(reports.map((r) => score(r, c)))]));
    console.log(`\n${preset}: ` + CATEGORIES.map((c) => `${c} ${med[c]}`).join(', ') + '   (medians)');
    reports.forEach((r, i) => console.log(`  run ${i + 1}: ` + CATEGORIES.map((c) => score(r, c)).join(' / ')));
    console.log('  metrics: ' + METRICS.map(([id, name, unit]) => {
      const v = median(reports.map((r) => r.audits[id]?.numericValue ?? NaN));
      return `${name} ${unit ? Math.round(v) + ' ' + unit : v.toFixed(3)}`;
    }).join(', '));
    const last = reports.at(-1);
    const weak = Object.values(last.audits)
      .filter((a) => typeof a.score === 'number' && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual')
      .map((a) => `${a.id} (${a.score})${a.displayValue ? ': ' + a.displayValue : ''}`);
    if (weak.length) console.log(`  below 0.9 in run ${runs}: ${weak.join('; ')}`);
  }
} finally {
  await server.close();
  await rm(tmp, { recursive: true, force: true });
}
