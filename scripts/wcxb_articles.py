#!/usr/bin/env python3
"""Builds a dev set with hand-checked article bodies from WCXB, the Web
Content eXtraction Benchmark (Murrough Foley, 2026, CC-BY-4.0: 2,008
human-reviewed pages with their HTML and a ground-truth JSON each). Only the
pages WCXB types as articles are kept; each is rendered to plain text with
scripts/render_html.py (as scripts/trafilatura_other_languages.py renders
trafilatura's pages), so what `eval` measures is Dateline's text path.

usage: scripts/wcxb_articles.py WCXB_GIT_DIR OUT_DIR
  (WCXB_GIT_DIR: a git directory of github:Murrough-Foley/web-content-extraction-benchmark)
then:  cargo run --release --bin eval -- --set OUT_DIR

OUT_DIR gets text/<id>.txt and en_expected.jsonl, one row per page in the
format `eval` reads: text_file, url, title, author, date, with, without, and
`body`, the benchmark's gold main content. Nothing it writes belongs in the
repository (the texts are the publishers').
"""
import gzip, json, os, subprocess, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from render_html import decode, render

REPO, OUT = sys.argv[1], sys.argv[2]


def show(path):
    return subprocess.run(['git', '-C', REPO, 'show', 'HEAD:' + path], capture_output=True, check=True).stdout


meta = json.loads(show('metadata.json'))['files']
os.makedirs(os.path.join(OUT, 'text'), exist_ok=True)
rows, skipped = [], 0
for fid, m in sorted(meta.items()):
    if m.get('page_type') != 'article':
        continue
    split = m.get('split', 'dev')
    try:
        gt = json.loads(show(f'{split}/ground-truth/{fid}.json'))
        html = gzip.decompress(show(f'{split}/html/{fid}.html.gz'))
    except (subprocess.CalledProcessError, OSError, ValueError):
        skipped += 1
        continue
    g = gt.get('ground_truth', {})
    txt = render(decode(html))
    if txt is None or not (g.get('main_content') or '').strip():
        skipped += 1
        continue
    name = f'text/{fid}.txt'
    with open(os.path.join(OUT, name), 'w') as f:
        f.write(txt)
    rows.append({'text_file': name, 'url': gt.get('url'), 'domain': m.get('domain', ''), 'wcxb_split': split,
                 'title': g.get('title'), 'author': g.get('author'), 'date': g.get('publish_date'),
                 'with': g.get('with') or [], 'without': g.get('without') or [], 'body': g.get('main_content')})
with open(os.path.join(OUT, 'en_expected.jsonl'), 'w') as out:
    for r in rows:
        out.write(json.dumps(r, ensure_ascii=False) + '\n')
with open(os.path.join(OUT, 'README.md'), 'w') as f:
    f.write('WCXB article pages (github:Murrough-Foley/web-content-extraction-benchmark, CC-BY-4.0, '
            '(c) 2026 Murrough Foley), rendered to text by Dateline\'s scripts/wcxb_articles.py. '
            'Local dev data: never commit.\n')
print(f'{len(rows)} article pages written to {OUT} ({skipped} skipped)')
