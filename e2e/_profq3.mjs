import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';
const server = await startServer({ root: process.argv[2], prefix: '/' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu','--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto(`http://127.0.0.1:${server.port}/`);
await page.waitForSelector('#results .result', { timeout: 120000 });
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
const qs = JSON.parse(process.argv[3]);
await page.evaluate(async (qs) => {
  const input = document.getElementById('search');
  for (const q of qs) {
    input.value = ''; input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise(r => setTimeout(r, 0));
    input.value = q; input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise(r => setTimeout(r, 0));
  }
}, qs);
const { profile } = await cdp.send('Profiler.stop');
const byId = new Map(profile.nodes.map(n => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of (n.children || [])) parent.set(c, n.id);
const name = (n) => n.callFrame.functionName || n.callFrame.url.split('/').pop() || '(anon)';
const incl = new Map(); const self = new Map();
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i];
  self.set(name(byId.get(id)), (self.get(name(byId.get(id)))||0)+dt);
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const nm = name(byId.get(cur));
    if (!seen.has(nm)) { seen.add(nm); incl.set(nm, (incl.get(nm) || 0) + dt); }
  }
});
const re = new RegExp(process.argv[4] || '.');
console.log('--- inclusive ms per query pair');
for (const [k, v] of [...incl.entries()].filter(([k]) => re.test(k)).sort((a,b)=>b[1]-a[1]).slice(0, 45)) console.log((v/1000/qs.length).toFixed(2).padStart(8), k.slice(0, 140));
await browser.close(); await server.close();
