import { chromium } from 'playwright-core';
import path from 'node:path';
import { startServer } from './serve.mjs';
const server = await startServer({ root: process.argv[2], prefix: '/' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu','--disable-background-networking'] });
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${server.port}/`);
await page.waitForSelector('#results .result', { timeout: 120000 });
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
await page.evaluate(async (qs) => {
  const input = document.getElementById('search');
  for (const q of qs) {
    input.value = q; input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise(r => setTimeout(r, 0));
  }
}, JSON.parse(process.argv[3]));
const { profile } = await cdp.send('Profiler.stop');
const self = new Map();
const byId = new Map(profile.nodes.map(n => [n.id, n]));
const dt = profile.timeDeltas; let total = 0;
profile.samples.forEach((id, i) => { const n = byId.get(id); const k = n.callFrame.functionName || n.callFrame.url.split('/').pop() || '(anon)'; self.set(k, (self.get(k)||0) + dt[i]); total += dt[i]; });
const top = [...self.entries()].sort((a,b)=>b[1]-a[1]).slice(0,25);
for (const [k,v] of top) console.log((v/1000).toFixed(1).padStart(8),'ms', k.slice(0,100));
console.log('total', (total/1000).toFixed(1));
await browser.close(); await server.close();
