// Writes the Pagefind side of the browser benchmark (e2e/bench-split.mjs):
// one HTML page per article of an ingested Dateline corpus, Pagefind's
// harness page, and a small meta.json, into a site folder that
// `pagefind --site` then indexes.
//
//   node bench/pagefind/pages.mjs <corpus.json> <site folder>
//
// <corpus.json> is the corpus as Dateline ingests it (`ingest --out`, or
// `bench_search --cache DIR` which leaves DIR/corpus.json), so both sides
// index the same titles, outlets, dates and texts. Every page marks its
// text as the body Pagefind indexes (data-pagefind-body), the title as its
// title, and the outlet and the publication year as filters
// (data-pagefind-filter; a year, because Pagefind filters are exact values
// and the benchmark's filtered queries ask for one year), with the full
// date as metadata. Everything from an article is HTML-escaped.

import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const [corpusFile, site] = process.argv.slice(2);
if (!corpusFile || !site) {
  console.error('usage: node bench/pagefind/pages.mjs <corpus.json> <site folder>');
  process.exit(2);
}

const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const text = (b) => (typeof b === 'string' ? b : b?.text ?? '');
const day = (d) => {
  const x = d?.date;
  if (!x) return '';
  if (typeof x === 'string') return x;
  const p = (n, w) => String(n).padStart(w, '0');
  return `${p(x.year, 4)}-${p(x.month, 2)}-${p(x.day, 2)}`;
};

const corpus = JSON.parse(await readFile(corpusFile, 'utf8'));
const names = new Map(corpus.outlets.map((o) => [o.key, o.name]));
await mkdir(path.join(site, 'a'), { recursive: true });
let written = 0;
const BATCH = 256;
for (let i = 0; i < corpus.articles.length; i += BATCH) {
  await Promise.all(corpus.articles.slice(i, i + BATCH).map((a, k) => {
    const n = i + k;
    const outlet = a.outlet ? names.get(a.outlet) ?? a.outlet : 'Unknown outlet';
    const date = day(a.date);
    const body = [a.lead, ...(a.body ?? []).map(text)].filter(Boolean).map((t) => `<p>${esc(t)}</p>`).join('\n');
    const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(a.title)}</title></head>
<body><main data-pagefind-body>
<h1 data-pagefind-meta="title">${esc(a.title)}</h1>
<p><span data-pagefind-filter="outlet">${esc(outlet)}</span>${date ? ` · <time data-pagefind-meta="date">${esc(date)}</time><span hidden data-pagefind-filter="year">${esc(date.slice(0, 4))}</span>` : ''}</p>
${body}
</main></body></html>
`;
    written++;
    return writeFile(path.join(site, 'a', `${n}.html`), html);
  }));
}
await copyFile(path.join(HERE, 'harness.html'), path.join(site, 'harness.html'));
await copyFile(path.join(HERE, 'harness.js'), path.join(site, 'harness.js'));
await writeFile(path.join(site, 'meta.json'), JSON.stringify({ outlets: Object.fromEntries(names) }));
console.log(`${site}: ${written} pages`);
