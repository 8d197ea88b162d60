"""Renders an HTML page to the plain text Dateline's text extractor reads:
the page title on the first line, then one text block per line (a block
ends at every block-level tag), scripts, styles and SVG dropped, <pre>
kept as printed. Every dev-set script renders its pages with this one
function, so the text path is what gets evaluated.

This is a deliberately simple renderer (Python's html.parser, no layout):
it is how scraped pages reach Dateline, not an HTML extractor.
"""
import re
from html.parser import HTMLParser

BLOCK = {'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'tr', 'section', 'article', 'header', 'footer',
         'nav', 'ul', 'ol', 'table', 'blockquote', 'pre', 'figure', 'figcaption', 'dd', 'dt', 'main', 'aside',
         'form', 'address', 'td', 'th', 'dl', 'hr', 'br', 'time', 'svg', 'img', 'input', 'button', 'label',
         'select', 'option', 'iframe', 'textarea'}
SKIP = {'script', 'style', 'noscript', 'template', 'svg'}


class _Renderer(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.cur, self.skip, self.title, self.intitle, self.pre = [], [], 0, None, False, 0
        self.tbuf = []

    def flush(self):
        t = ' '.join(''.join(self.cur).split()) if not self.pre else ''.join(self.cur).strip()
        if t:
            self.out.append(t)
        self.cur = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip += 1
        elif tag == 'title':
            self.intitle = True
            self.tbuf = []
        elif tag in BLOCK:
            self.flush()
        if tag == 'pre':
            self.pre += 1

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == 'title':
            self.intitle = False
            if self.title is None:
                self.title = ' '.join(''.join(self.tbuf).split())
        elif tag in BLOCK:
            self.flush()
        if tag == 'pre':
            self.pre = max(0, self.pre - 1)

    def handle_data(self, data):
        if self.intitle:
            self.tbuf.append(data)
            return
        if self.skip:
            return
        self.cur.append(data)


def decode(raw):
    """Bytes to text: the charset the page declares, else UTF-8, else cp1252."""
    m = re.search(rb'charset=["\']?([A-Za-z0-9_-]+)', raw[:4000])
    for enc in ([m.group(1).decode()] if m else []) + ['utf-8', 'cp1252']:
        try:
            return raw.decode(enc)
        except Exception:
            pass
    return raw.decode('utf-8', 'replace')


def render(html):
    """The page text (title line, blank line, blocks separated by blank
    lines), or None when the parser gives up on the page."""
    r = _Renderer()
    try:
        r.feed(html)
        r.flush()
    except Exception:
        return None
    return (r.title or '') + '\n\n' + '\n\n'.join(r.out) + '\n'
