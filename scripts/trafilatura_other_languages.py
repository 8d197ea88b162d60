#!/usr/bin/env python3
"""Renders the pages of trafilatura's evaluation set (tests/evaldata.json with
the HTML in tests/eval/ and tests/cache/) that are not in
shared/data/trafilatura_eval to plain text (scripts/render_html.py: page title
on the first line, one text block per line), with labels in the format `eval`
reads. Most of these pages are German; they measure whether extraction rules
generalise beyond the English pages they were tuned on.

usage: scripts/trafilatura_other_languages.py TRAFILATURA_GIT_DIR OUT_DIR [EN_LABELS]
  EN_LABELS: the English set's en_expected.jsonl, whose pages are left out
  (default: ../shared/data/trafilatura_eval/en_expected.jsonl from the
  repository root, else /work/shared/data/trafilatura_eval/en_expected.jsonl)
then:  cargo run --release --bin eval -- OUT_DIR

Nothing it writes belongs in the repository (the texts are the publishers').
"""
import ast, json, os, re, subprocess, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from render_html import decode, render

REPO, OUT = sys.argv[1], sys.argv[2]
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
candidates = sys.argv[3:4] or [os.path.join(ROOT, '..', 'shared', 'data', 'trafilatura_eval', 'en_expected.jsonl'),
                               '/work/shared/data/trafilatura_eval/en_expected.jsonl']
EN_LABELS = next((c for c in candidates if os.path.exists(c)), None)
if EN_LABELS is None:
    sys.exit(f'English labels not found (tried {candidates}): pass the path of en_expected.jsonl')
d = json.loads(subprocess.run(['git', '-C', REPO, 'show', 'HEAD:tests/evaldata.json'],
                              capture_output=True, check=True).stdout)
en = set(json.loads(l)['url'] for l in open(EN_LABELS))
os.makedirs(os.path.join(OUT, 'xx_text'), exist_ok=True)
out = open(os.path.join(OUT, 'en_expected.jsonl'), 'w')
n = 0


def lst(v):
    """A snippet list, given as a list or as the text of a Python literal
    (parsed as a literal only, never evaluated)."""
    if isinstance(v, list):
        return v
    try:
        got = ast.literal_eval(v) if v else []
        return got if isinstance(got, list) else []
    except Exception:
        return []


for i, (url, e) in enumerate(d.items()):
    if url in en:
        continue
    f = e['file']
    b = None
    for sub in ('tests/eval/', 'tests/cache/'):
        try:
            b = subprocess.run(['git', '-C', REPO, 'show', 'HEAD:' + sub + f], capture_output=True, check=True).stdout
            break
        except subprocess.CalledProcessError:
            pass
    if not b or b.startswith(b'version https://git-lfs'):
        continue
    txt = render(decode(b))
    if txt is None:
        continue
    name = f"xx_text/{i:03d}_{re.sub(r'[^A-Za-z0-9._-]', '_', f)[:60]}.txt"
    open(os.path.join(OUT, name), 'w').write(txt)
    out.write(json.dumps({'text_file': name, 'url': url, 'domain': '', 'html_file': f, 'title': e.get('title'),
                          'author': e.get('author'), 'date': e.get('date'), 'with': lst(e.get('with')),
                          'without': lst(e.get('without')), 'comments': lst(e.get('comments'))}) + '\n')
    n += 1
print(f'{n} pages written to {OUT}')
