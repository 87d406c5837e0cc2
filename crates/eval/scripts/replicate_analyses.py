#!/usr/bin/env python3
"""Grow a file of analyses (`analyze --json` / `bench search --analysis-cache` output) to N
articles for load tests of `newsgraph ingest --analyzed`.

Copy k of an article is the article with a marker paragraph "[replica k]" appended, exactly as
`newsgraph_eval::search::replica` makes them for `bench search --replicate-to`: every span keeps
its offsets, the text (and so the content-hash id) is new, and the analysis is the original's.
The originals come first, then copy 1 of each, copy 2, … until N lines are written.

    python3 crates/eval/scripts/replicate_analyses.py real.jsonl 100000 > 100k.jsonl
"""

import hashlib
import json
import sys


def replica(article, copy):
    a = dict(article)
    start = len(a["text"].encode("utf-8")) + 1
    a["text"] = a["text"] + f"\n[replica {copy}]"
    end = len(a["text"].encode("utf-8"))
    a["paragraphs"] = list(a["paragraphs"]) + [{"start": start, "end": end}]
    a["id"] = hashlib.sha256(a["text"].encode("utf-8")).hexdigest()
    return a


def main(path, n):
    originals = [line.rstrip("\n") for line in open(path, encoding="utf-8") if line.strip()]
    out = sys.stdout
    written = 0
    for line in originals[:n]:
        out.write(line + "\n")
        written += 1
    copy = 1
    while written < n:
        for line in originals:
            if written >= n:
                break
            out.write(json.dumps(replica(json.loads(line), copy), ensure_ascii=False) + "\n")
            written += 1
        copy += 1


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
