#!/usr/bin/env python3
"""Renders the pages of trafilatura's evaluation set (tests/evaldata.json with
the HTML in tests/eval/ and tests/cache/) that are not in
../shared/data/trafilatura_eval to plain text the way that set is rendered
(page title on the first line, one text block per line), with labels in the
format `eval` reads. Most of these pages are German; they measure whether
extraction rules generalise beyond the English pages they were tuned on.

usage: scripts/trafilatura_other_languages.py TRAFILATURA_GIT_DIR OUT_DIR
then:  cargo run --release --bin eval -- OUT_DIR

Nothing it writes belongs in the repository (the texts are the publishers').
"""
import json, os, re, subprocess, sys
from html.parser import HTMLParser

REPO, OUT = sys.argv[1], sys.argv[2]
EN_LABELS = os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'data', 'trafilatura_eval', 'en_expected.jsonl')
BLOCK={'p','div','h1','h2','h3','h4','h5','h6','li','tr','section','article','header','footer','nav','ul','ol','table','blockquote','pre','figure','figcaption','dd','dt','main','aside','form','address','td','th','dl','hr','br','time','svg','img','input','button','label','select','option','iframe','textarea'}
SKIP={'script','style','noscript','template','svg'}
class R(HTMLParser):
    def __init__(s):
        super().__init__(convert_charrefs=True); s.out=[]; s.cur=[]; s.skip=0; s.title=None; s.intitle=False; s.pre=0
    def flush(s):
        t=' '.join(''.join(s.cur).split()) if not s.pre else ''.join(s.cur).strip()
        if t: s.out.append(t)
        s.cur=[]
    def handle_starttag(s,tag,a):
        if tag in SKIP: s.skip+=1
        elif tag=='title': s.intitle=True; s.tbuf=[]
        elif tag in BLOCK: s.flush()
        if tag=='pre': s.pre+=1
    def handle_endtag(s,tag):
        if tag in SKIP: s.skip=max(0,s.skip-1)
        elif tag=='title':
            s.intitle=False
            if s.title is None: s.title=' '.join(''.join(s.tbuf).split())
        elif tag in BLOCK: s.flush()
        if tag=='pre': s.pre=max(0,s.pre-1)
    def handle_data(s,d):
        if s.intitle: s.tbuf.append(d); return
        if s.skip: return
        s.cur.append(d)
def decode(b):
    m=re.search(rb'charset=["\']?([A-Za-z0-9_-]+)',b[:4000])
    for enc in ([m.group(1).decode()] if m else [])+['utf-8','cp1252']:
        try: return b.decode(enc)
        except Exception: pass
    return b.decode('utf-8','replace')
d=json.loads(subprocess.run(['git','-C',REPO,'show','HEAD:tests/evaldata.json'],capture_output=True,check=True).stdout)
en=set(json.loads(l)['url'] for l in open(EN_LABELS)) if os.path.exists(EN_LABELS) else set()
os.makedirs(os.path.join(OUT,'xx_text'),exist_ok=True)
out=open(os.path.join(OUT,'en_expected.jsonl'),'w'); n=0
for i,(url,e) in enumerate(d.items()):
    if url in en: continue
    f=e['file']; b=None
    for sub in ('tests/eval/','tests/cache/'):
        try:
            b=subprocess.run(['git','-C',REPO,'show','HEAD:'+sub+f],capture_output=True,check=True).stdout; break
        except subprocess.CalledProcessError: pass
    if not b or b.startswith(b'version https://git-lfs'): continue
    r=R(); 
    try: r.feed(decode(b)); r.flush()
    except Exception as ex: continue
    txt=(r.title or '')+'\n\n'+'\n\n'.join(r.out)+'\n'
    name=f"xx_text/{i:03d}_{re.sub(r'[^A-Za-z0-9._-]','_',f)[:60]}.txt"
    open(os.path.join(OUT,name),'w').write(txt)
    def lst(v):
        if isinstance(v,list): return v
        try: return eval(v) if v else []
        except Exception: return []
    out.write(json.dumps({'text_file':name,'url':url,'domain':'','html_file':f,'title':e.get('title'),'author':e.get('author'),'date':e.get('date'),'with':lst(e.get('with')),'without':lst(e.get('without')),'comments':lst(e.get('comments'))})+'\n'); n+=1
print(f'{n} pages written to {OUT}')
