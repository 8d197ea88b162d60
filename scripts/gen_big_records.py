#!/usr/bin/env python3
"""Writes the big record files that ingest's memory is measured on.

Usage: scripts/gen_big_records.py SOURCE.jsonl OUT_DIR [MEGABYTES]

SOURCE is a JSON Lines file of articles in Article-Bias-Prediction's
shape (`../shared/data/article_bias_prediction/russia_related.jsonl`).
OUT_DIR gets `big.jsonl` (MEGABYTES of UTF-8 JSON Lines, 200 by default)
and `big_cp.csv`, the same records as a Windows-1252 CSV file (characters
Windows-1252 lacks written as `&#N;`). The records are the source's, over
and over; every copy after the first has a quarter of its words replaced
by words drawn from the source (a fixed seed), a numbered title and URL,
so the copies are distinct articles, not near-duplicates: the corpus and
the near-duplicate table are as big as such a file can make them.

Then: `/usr/bin/time -v target/release/ingest OUT_DIR/big.jsonl -o out.json`.
"""
import csv
import json
import random
import sys


def main():
    source, out_dir = sys.argv[1], sys.argv[2]
    limit = int(sys.argv[3]) * 1_000_000 if len(sys.argv) > 3 else 200_000_000
    with open(source, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    vocab = [w for r in records[:400] for w in r.get("content_original", "").split()[:200]]
    rnd = random.Random(7)
    keys = ["title", "source", "url", "date", "authors", "content_original"]
    size = n = copy = 0
    with open(f"{out_dir}/big.jsonl", "w", encoding="utf-8") as jsonl, open(
        f"{out_dir}/big_cp.csv", "w", encoding="cp1252", errors="xmlcharrefreplace", newline=""
    ) as cp:
        rows = csv.writer(cp)
        rows.writerow(keys)
        while size < limit:
            for r in records:
                r = {k: r.get(k, "") for k in keys}
                if copy:
                    words = r["content_original"].split(" ")
                    for i in range(len(words)):
                        if rnd.random() < 0.25:
                            words[i] = rnd.choice(vocab)
                    r["content_original"] = " ".join(words)
                    r["title"] = f"{r['title']} ({copy})"
                    r["url"] = f"{r['url']}?copy={copy}"
                line = json.dumps(r, ensure_ascii=False) + "\n"
                jsonl.write(line)
                rows.writerow([r[k] for k in keys])
                size += len(line.encode())
                n += 1
                if size >= limit:
                    break
            copy += 1
    print(f"{n} records, {size} bytes of JSON Lines")


if __name__ == "__main__":
    main()
