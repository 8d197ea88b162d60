#!/usr/bin/env python3
"""Generates core/data/common_words_en.txt, the English words that a page
prints in lower case inside its sentences: a name guessed from a line of
its own whose every word is one of them is a heading (`Provider Type`,
`Final Words`, `Contract Lengths`), not a person (see `plausible_name` in
core/src/ingest/text/byline.rs).

usage: scripts/gen_common_words.py ABP.jsonl > core/data/common_words_en.txt
  ABP.jsonl: articles with a `content_original` (or `content`) field, such as
  ../shared/data/article_bias_prediction/russia_related.jsonl (3,562 news
  articles from the Article-Bias-Prediction data set,
  github.com/ramybaly/Article-Bias-Prediction, Apache-2.0).

The generated list is committed; the data is not. A word is listed when,
inside sentences (not as a sentence's first word), it is printed in lower
case at least MIN_LOWER times and capitalised (`Hill`, `Mark`, `May`) in at
most MAX_CAPITAL of its occurrences: surnames and first names that are also
common nouns (`hill`, `mark`, `price`, `white`) are capitalised too often to
be listed. Words of fewer than three letters are left out, and so are
words with an apostrophe: they are read whole (`don't`), so that their
parts are not counted as words (read apart, `don't` would list `don`,
a first name).
"""
import collections
import json
import re
import sys

MIN_LOWER = 5
MAX_CAPITAL = 0.10

SENTENCES = re.compile(r'(?<=[.!?:"\u201c\u201d])\s+|\n+')
WORDS = re.compile(r"\b[A-Za-z][A-Za-z'\u2019]*\b")


def main(paths):
    lower, capital = collections.Counter(), collections.Counter()
    for path in paths:
        with open(path, encoding='utf-8') as f:
            for line in f:
                article = json.loads(line)
                text = article.get('content_original') or article.get('content') or ''
                for sentence in SENTENCES.split(text):
                    for i, word in enumerate(WORDS.findall(sentence)):
                        if i == 0:
                            continue
                        if word.islower():
                            lower[word] += 1
                        elif word[0].isupper() and word[1:].islower():
                            capital[word.lower()] += 1
    words = sorted(
        w for w, n in lower.items()
        if n >= MIN_LOWER and len(w) >= 3 and w.isalpha() and capital[w] <= MAX_CAPITAL * (n + capital[w])
    )
    print('# English words printed in lower case inside sentences (scripts/gen_common_words.py).')
    print('# Generated from the Article-Bias-Prediction data set (Apache-2.0); do not edit by hand.')
    for w in words:
        print(w)


if __name__ == '__main__':
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
