#!/usr/bin/env python3
"""Generates core/data/news_outlets.toml, the registry of news outlets that
ships with Dateline, from the Article-Bias-Prediction data set
(github.com/ramybaly/Article-Bias-Prediction, Apache-2.0): 37,554 articles,
each labelled with its outlet (`source`, an AllSides name) and the outlet's
site (`source_url`).

usage: scripts/gen_news_outlets.py ABP [ABP...] > core/data/news_outlets.toml
  ABP is the repository as a git dir (data/jsons/*.json read with git), a
  folder of its JSON files, or a JSONL file with the same fields (e.g.
  ../shared/data/article_bias_prediction/russia_related.jsonl, a subset).

The generated file is committed; the data is not. How a site gets a name:
  * host names are lower-cased without `www.`; a host under another kept
    host with the same outlet (`money.cnn.com` under `cnn.com`) is covered
    by it (registry domains match sub-domains);
  * AllSides labels are cleaned (`CNN (Web News)` -> `CNN`, `New York Times -
    News` -> `New York Times`; the few renames are in RENAME below) and
    labels that name no outlet (guest writers, AllSides itself) are dropped;
  * a host takes the label most of its articles carry, and only when the
    label matches the host name (`The Verge` / `theverge.com`, `Christian
    Science Monitor` / `csmonitor.com`) or at least 3 articles, 80% of the
    host's, carry it. Single articles filed under a syndication partner or a
    columnist (`guns.com` labelled `Pew Research Center`, `creators.com`
    labelled `John Stossel`) are dropped: a wrong name is worse than none;
  * hosts with the same name become one outlet with several domains.
Country comes from a country-code domain or the short table COUNTRY below
(outlets whose home country is common knowledge); otherwise it is left out.
Language is `en`: every article of the data set is in English.
"""
import json, os, re, subprocess, sys, collections

GENERIC = {'the', 'news', 'online', 'web', 'magazine', 'daily', 'com', 'net', 'org', 'of', 'and', 'for', 'a', 'on',
           'times', 'post', 'report', 'media', 'journal', 'network', 'tv', 'uk', 'us', 'editorial', 'opinion'}
# AllSides labels that are categories or the aggregator itself, not outlets.
NOT_OUTLETS = re.compile(r'^(Guest Writer|AllSides|Center - Major Media|John Gable)', re.I)
# Labels whose cleaned form is not the outlet's usual name.
RENAME = {
    'Fox Online News': 'Fox News', 'NPR Online News': 'NPR', 'NPR Editorial': 'NPR', 'NBCNews.com': 'NBC News',
    'NBC': 'NBC News', 'TheBlaze.com': 'TheBlaze', 'RollingStone.com': 'Rolling Stone', 'Time Magazine': 'Time',
    'HotAir': 'Hot Air', 'CNSNews.com': 'CNS News', 'DesMoines Register': 'Des Moines Register',
    'The Telegraph - UK': 'The Telegraph', 'Yahoo! The 360': 'Yahoo News', 'Yahoo!': 'Yahoo News',
    'Yahoo! News': 'Yahoo News', 'Western Journal': 'The Western Journal', 'American Spectator': 'The American Spectator',
    'GQ.com': 'GQ', 'Deadline.com': 'Deadline', 'WND.com': 'WND', 'Heavy.com': 'Heavy', 'Bridgemi.com': 'Bridge Michigan',
    'MichelleMalkin.com': 'Michelle Malkin', 'KALW.org': 'KALW', 'FEE.org': 'FEE', 'City Lab': 'CityLab',
    'Cato Institute (blog)': 'Cato Institute', 'The Observer': 'Observer', 'Daily Beast': 'The Daily Beast',
    'New Republic': 'The New Republic', 'Boston Herald Editorial': 'Boston Herald',
    'The Observer (New York)': 'Observer', 'PRI (Public Radio International)': 'PRI',
}
# Home countries of outlets on generic top-level domains (ISO 3166 codes).
COUNTRY = {
    'bbc.com': 'GB', 'theguardian.com': 'GB', 'reuters.com': 'GB', 'economist.com': 'GB', 'telegraph.co.uk': 'GB',
    'aljazeera.com': 'QA', 'timesofisrael.com': 'IL', 'jpost.com': 'IL', 'dailysabah.com': 'TR',
    'koreaherald.com': 'KR', 'theglobeandmail.com': 'CA', 'thestar.com': 'CA', 'thepostmillennial.com': 'CA',
    'project-syndicate.org': 'CZ', 'thediplomat.com': 'US', 'nytimes.com': 'US', 'washingtonpost.com': 'US',
    'foxnews.com': 'US', 'cnn.com': 'US', 'npr.org': 'US', 'apnews.com': 'US', 'usatoday.com': 'US',
    'wsj.com': 'US', 'politico.com': 'US', 'thehill.com': 'US', 'washingtontimes.com': 'US', 'latimes.com': 'US',
    'cbsnews.com': 'US', 'abcnews.go.com': 'US', 'nbcnews.com': 'US', 'bloomberg.com': 'US', 'theatlantic.com': 'US',
}
CCTLD = {'uk': 'GB', 'ca': 'CA', 'au': 'AU', 'in': 'IN', 'ge': 'GE', 'il': 'IL', 'de': 'DE', 'fr': 'FR', 'ie': 'IE',
         'nz': 'NZ', 'za': 'ZA', 'us': 'US'}
SECOND_LEVEL = {'co', 'com', 'net', 'org', 'ac', 'gov'}


def rows(paths):
    for p in paths:
        if os.path.isdir(os.path.join(p, '.git')) or os.path.exists(os.path.join(p, 'HEAD')):
            names = subprocess.run(['git', '-C', p, 'ls-tree', '-r', '--name-only', 'HEAD', 'data/jsons/'],
                                   capture_output=True, text=True, check=True).stdout.split()
            proc = subprocess.Popen(['git', '-C', p, 'cat-file', '--batch'], stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE)
            import threading
            feed = ''.join(f'HEAD:{n}\n' for n in names).encode()
            threading.Thread(target=lambda: (proc.stdin.write(feed), proc.stdin.close())).start()
            while True:
                head = proc.stdout.readline()
                if not head:
                    break
                parts = head.split()
                if parts[1] == b'missing':
                    continue
                data = proc.stdout.read(int(parts[2]))
                proc.stdout.read(1)
                yield json.loads(data)
        elif os.path.isdir(p):
            for n in sorted(os.listdir(p)):
                if n.endswith('.json'):
                    with open(os.path.join(p, n), encoding='utf-8') as f:
                        yield json.load(f)
        else:
            with open(p, encoding='utf-8') as f:
                for line in f:
                    if line.strip():
                        yield json.loads(line)


def source_description(paths):
    out = []
    for p in paths:
        if os.path.isdir(os.path.join(p, '.git')) or os.path.exists(os.path.join(p, 'HEAD')):
            head = subprocess.run(['git', '-C', p, 'rev-parse', 'HEAD'], capture_output=True, text=True).stdout.strip()
            out.append(f'commit {head}, data/jsons')
        else:
            out.append(os.path.basename(os.path.normpath(p)))
    return '; '.join(out)


def host_of(r):
    h = (r.get('source_url') or '').strip().lower()
    if not h:
        m = re.match(r'https?://([^/?#]+)', r.get('url') or '')
        h = m.group(1).lower() if m else ''
    h = h.split(':')[0]
    return re.sub(r'^www\d?\.', '', h)


def clean(label):
    label = label.strip()
    if label in RENAME:
        return RENAME[label]
    label = re.sub(r'\s*\((Web News|Online News|Online|News|Opinion|blog)\)$', '', label)
    label = re.sub(r'\s+-\s+(News|Editorial|Opinion|Opinion/Editorial)$', '', label)
    return RENAME.get(label, label)


def letters(s):
    return re.sub(r'[^a-z0-9]', '', s.lower())


def matches_host(name, host):
    """Whether an outlet name matches its site's host name: a distinctive
    word of the name in the host, the name's letters or initials in it."""
    labels = host.split('.')
    body = ''.join(labels[:-1]) if len(labels) > 1 else host
    words = [letters(w) for w in re.split(r'[\s\-/&.]+', name) if letters(w)]
    if not words:
        return False
    whole = ''.join(words)
    initials = ''.join(w[0] for w in words if w not in ('the', 'of', 'and'))
    if whole in body or (len(body) >= 3 and body in whole):
        return True
    if len(initials) >= 2 and body.startswith(initials):
        return True
    return any(len(w) >= 3 and w not in GENERIC and w in body for w in words)


def primary(host):
    """The host without sub-domains a site adds (`edition.cnn.com` -> `cnn.com`),
    keeping country second levels (`dailymail.co.uk`)."""
    labels = host.split('.')
    n = 3 if len(labels) >= 3 and labels[-2] in SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return '.'.join(labels[-n:])


def main():
    by_host = collections.defaultdict(collections.Counter)
    total = 0
    for r in rows(sys.argv[1:]):
        total += 1
        h = host_of(r)
        label = (r.get('source') or '').strip()
        if h and label:
            by_host[h][label] += 1
    named = {}
    for h, labels in by_host.items():
        cleaned = collections.Counter()
        for label, n in labels.items():
            if not NOT_OUTLETS.match(label):
                cleaned[clean(label)] += n
        if not cleaned:
            continue
        name, n = cleaned.most_common(1)[0]
        share = n / sum(labels.values())
        if share >= 0.5 and (matches_host(name, h) or (n >= 3 and share >= 0.8)):
            named[h] = (name, sum(labels.values()))
    # A name carried by a matching host and by hosts that do not match it
    # (`Fox News` on foxnews.com and on foxbusiness.com) belongs to the first.
    matching_names = {name for h, (name, _) in named.items() if matches_host(name, h)}
    named = {h: v for h, v in named.items() if matches_host(v[0], h) or v[0] not in matching_names}
    outlets = collections.OrderedDict()
    for h, (name, n) in sorted(named.items(), key=lambda x: (-x[1][1], x[0])):
        o = outlets.setdefault(name, {'name': name, 'domains': [], 'articles': 0})
        # A second site under the same name (most articles first) is the
        # same outlet when it is a sub-domain or shares the site's domain or
        # first label (`newsmaxworld.com` for `newsmax.com`), or carries 3
        # articles or more; one article of a local affiliate (`fox40.com`)
        # or a namesake abroad (`abc.net.au`) is not enough.
        if o['domains']:
            main = o['domains'][0]
            same = (primary(h) == primary(main) or h.endswith('.' + main)
                    or h.split('.')[0].startswith(main.split('.')[0]))
            if not (same or n >= 3):
                continue
        o['articles'] += n
        o['domains'].append(h)
    lines = [
        '# News outlets known to Dateline, generated by scripts/gen_news_outlets.py from the',
        '# Article-Bias-Prediction data set (github.com/ramybaly/Article-Bias-Prediction,',
        f'# {source_description(sys.argv[1:])}: articles labelled with',
        '# their AllSides outlet name and site). Data set licence: Apache License 2.0',
        '# (https://www.apache.org/licenses/LICENSE-2.0); the list of names and domains below is',
        '# derived from it. Do not edit by hand: change the script and run it again. Hand-curated',
        '# outlets (signatures, boilerplate, agencies, staff) are in corpus/outlets.toml, which',
        '# extends and overrides this file; a corpus folder\'s own outlets.toml extends both.',
        f'# {total:,} articles read; {len(outlets)} outlets on {sum(len(o["domains"]) for o in outlets.values())} hosts.',
        '',
    ]
    keys = set()
    host_names = {h: v[0] for h, v in named.items()}

    def by_host_names(d):
        return {host_names[d]} if d in host_names else set()
    for o in outlets.values():
        # Sub-domains of a kept domain are covered by it.
        doms = set(o['domains'])
        # Several sub-domains of one site (`blogs.edweek.org`,
        # `mobile.edweek.org`) stand for the site.
        by_primary = collections.Counter(primary(d) for d in doms)
        doms |= {p for p, k in by_primary.items() if k >= 2 and p not in by_host_names(p)}
        doms = sorted(doms, key=lambda d: (d.count('.'), d))
        kept = []
        for d in doms:
            if not any(d.endswith('.' + k) for k in kept):
                kept.append(d)
        main = max(kept, key=lambda d: sum(sum(by_host[x].values()) for x in o['domains'] if x == d or x.endswith('.' + d)))
        p = primary(main)
        base = p.split('.')[0] if p.count('.') == 1 or p.split('.')[-2] in SECOND_LEVEL else p.rsplit('.', 1)[0]
        key = re.sub(r'[^a-z0-9]+', '-', base).strip('-')
        if main != p and not main.startswith(base):
            key = re.sub(r'[^a-z0-9]+', '-', main.rsplit('.', 1)[0]).strip('-')
        while key in keys:
            key += '-' + main.rsplit('.', 1)[-1]
        keys.add(key)
        tld = main.rsplit('.', 1)[-1]
        country = COUNTRY.get(main) or CCTLD.get(tld)
        lines.append('[[outlet]]')
        lines.append(f'key = {json.dumps(key)}')
        lines.append(f'name = {json.dumps(o["name"], ensure_ascii=False)}')
        lines.append(f'home = {json.dumps("https://" + ("www." + main if main.count(".") == 1 else main))}')
        lines.append('domains = [' + ', '.join(json.dumps(d) for d in kept) + ']')
        if country:
            lines.append(f'country = "{country}"')
        lines.append('language = "en"')
        lines.append('')
    sys.stdout.write('\n'.join(lines))


if __name__ == '__main__':
    main()
