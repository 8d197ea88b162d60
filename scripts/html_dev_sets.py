#!/usr/bin/env python3
"""Builds the HTML side of a text dev set: for every labelled page of a set
made by scripts/wcxb_articles.py or scripts/trafilatura_other_languages.py
(or shared/data/trafilatura_eval), the page's original HTML bytes, as
published in the benchmark's repository, next to the same labels.

usage: scripts/html_dev_sets.py TEXT_SET_DIR GIT_DIR OUT_DIR
  TEXT_SET_DIR: a text dev set (its en_expected.jsonl is read)
  GIT_DIR: a git directory of the benchmark the set came from
           (github:adbar/trafilatura or
            github:Murrough-Foley/web-content-extraction-benchmark)
then:  cargo run --release --bin eval -- --html --set OUT_DIR

OUT_DIR gets html/<name>.html and en_expected.jsonl: the text set's rows
unchanged (so `text_file`, which decides the tuning/checking half, is the
same, and a page is in the same half in both modes) plus `html_file`.
Pages whose HTML is not in the repository are left out and counted.
Nothing it writes belongs in the repository (the pages are the
publishers').
"""
import gzip, json, os, re, subprocess, sys

TEXT, REPO, OUT = sys.argv[1], sys.argv[2], sys.argv[3]


def show(path):
    try:
        return subprocess.run(['git', '-C', REPO, 'show', 'HEAD:' + path], capture_output=True, check=True).stdout
    except subprocess.CalledProcessError:
        return None


def html_of(row):
    """The page's HTML bytes, or None."""
    if row.get('wcxb_split'):
        fid = os.path.splitext(os.path.basename(row['text_file']))[0]
        raw = show(f"{row['wcxb_split']}/html/{fid}.html.gz")
        return gzip.decompress(raw) if raw else None
    f = row.get('html_file') or ''
    for path in ([f] if f.startswith('tests/') else []) + ['tests/eval/' + os.path.basename(f),
                                                              'tests/cache/' + os.path.basename(f)]:
        b = show(path)
        if b and not b.startswith(b'version https://git-lfs'):
            return b
    return None


os.makedirs(os.path.join(OUT, 'html'), exist_ok=True)
kept, missing = 0, 0
with open(os.path.join(TEXT, 'en_expected.jsonl')) as src, open(os.path.join(OUT, 'en_expected.jsonl'), 'w') as out:
    for line in src:
        if not line.strip():
            continue
        row = json.loads(line)
        b = html_of(row)
        if b is None:
            missing += 1
            continue
        stem = re.sub(r'[^A-Za-z0-9._-]', '_', os.path.splitext(os.path.basename(row['text_file']))[0])[:80]
        name = f'html/{stem}.html'
        with open(os.path.join(OUT, name), 'wb') as f:
            f.write(b)
        row['html_file'] = name
        out.write(json.dumps(row, ensure_ascii=False) + '\n')
        kept += 1
with open(os.path.join(OUT, 'README.md'), 'w') as f:
    f.write(f'HTML of the pages of {TEXT}, from {REPO}, by Dateline\'s scripts/html_dev_sets.py. '
            'Local dev data: never commit.\n')
print(f'{kept} pages written to {OUT} ({missing} without HTML in the repository)')
