// MiniSearch's top 10 for every query that `bench_relevance --emit` wrote,
// for `bench_relevance --peer <answer.json>`.
//
//   npm install --prefix bench/peers        (once; node_modules is not committed)
//   node bench/peers/minisearch.mjs <emitted.json> <answer.json> [default|typing]
//
// `typing` uses the options MiniSearch documents for search as you type
// (prefix and fuzzy matching, title boosted twice); `default` searches the
// words exactly. Both OR the words, MiniSearch's default.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';

const [input, output, mode = 'typing'] = process.argv.slice(2);
if (!input || !output || !['default', 'typing'].includes(mode)) {
  console.error('usage: node minisearch.mjs <emitted.json> <answer.json> [default|typing]');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const version = JSON.parse(readFileSync(join(here, 'node_modules/minisearch/package.json'), 'utf8')).version;
const e = JSON.parse(readFileSync(input, 'utf8'));
const ms = new MiniSearch({ fields: ['title', 'text'] });
ms.addAll(e.docs.map((d, id) => ({ id, title: d.title, text: d.text })));
const options = mode === 'typing' ? { prefix: true, fuzzy: 0.2, boost: { title: 2 } } : {};
const top10 = (q) => ms.search(q, options).slice(0, 10).map((r) => r.id);
const answer = {
  engine:
    mode === 'typing'
      ? `MiniSearch ${version} (as you type: prefix, fuzzy 0.2, title x2; OR)`
      : `MiniSearch ${version} (default: exact words; OR)`,
  known_item: e.known_item.map(top10),
  words: e.words.map(top10),
  prefixes: mode === 'typing' ? e.prefixes.map(top10) : null,
};
writeFileSync(output, JSON.stringify(answer));
console.error(`wrote ${output}`);
