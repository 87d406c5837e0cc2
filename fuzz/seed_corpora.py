#!/usr/bin/env python3
"""Seeds fuzz/corpus/<target>/ with real inputs so libFuzzer starts from news, not from empty bytes.

Coverage-guided fuzzing mutates what it has; a corpus of real pages, shards, archives and feeds
reaches the deep parser states (tables, scripts, chunked records, gzip members) in minutes instead of
hours. Sources: ../shared/data (the HTML benchmarks, BBC News text, the seed shard) and the hostile
inputs of fuzz/make_hostile.py in their small form. Nothing here is checked in: fuzz/corpus is ignored.

Usage: fuzz/seed_corpora.py [SHARED_DIR] [--per-target N]
"""
import gzip
import json
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
shared = next((a for a in sys.argv[1:] if not a.startswith("--") and not a.isdigit()),
              os.path.join(HERE, "..", "..", "shared"))
per_target = int(sys.argv[sys.argv.index("--per-target") + 1]) if "--per-target" in sys.argv else 200
MAX = 1 << 20  # the -max_len of run.sh: longer seeds are cut by libFuzzer anyway
rng = random.Random(12)


def files_under(root, suffixes):
    found = []
    for dirpath, _, names in os.walk(root):
        found += [os.path.join(dirpath, n) for n in sorted(names) if n.endswith(suffixes)]
    return sorted(found)


def sample(paths, n):
    return rng.sample(paths, min(n, len(paths)))


def write(target, name, data):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data[:MAX])


def warc_record(uri, body):
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n" % len(body)
    block = http + body
    head = ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\n"
            "Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n"
            % (uri, len(block))).encode()
    return head + block + b"\r\n\r\n"


def rss(items):
    body = "".join("<item><title>%s</title><link>http://ex.com/%d</link><pubDate>Mon, 0%d Mar 2025 10:00:00 GMT"
                   "</pubDate><description><![CDATA[%s]]></description></item>" % (t[:60], i, i % 9 + 1, t)
                   for i, t in enumerate(items))
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>f</title>%s</channel></rss>' % body).encode()


def atom(items):
    body = "".join("<entry><title>%s</title><id>urn:%d</id><updated>2025-03-0%dT10:00:00Z</updated>"
                   "<content type=\"html\">%s</content></entry>" % (t[:60], i, i % 9 + 1, t.replace("&", "&amp;").replace("<", "&lt;"))
                   for i, t in enumerate(items))
    return ('<feed xmlns="http://www.w3.org/2005/Atom"><title>f</title>%s</feed>' % body).encode()


def main():
    pages = files_under(os.path.join(shared, "data", "html"), (".html", ".htm", ".html.gz"))
    texts = files_under(os.path.join(shared, "data", "news", "bbc"), (".txt",))
    seed = os.path.join(shared, "samples", "seed-shard.txt")
    if not pages or not texts:
        sys.exit(f"seed_corpora: no pages or texts under {shared}/data")
    read = lambda p: gzip.open(p).read() if p.endswith(".gz") else open(p, "rb").read()

    for i, p in enumerate(sample(pages, per_target)):
        write("html", f"page-{i:04}", read(p))
    chosen = [read(p) for p in sample(texts, per_target)]
    for i, t in enumerate(chosen):
        write("text", f"bbc-{i:04}", t)
    if os.path.exists(seed):
        write("text", "seed-shard", read(seed))
    for i in range(0, len(chosen), 4):
        group = chosen[i:i + 4]
        lines = b"".join(json.dumps({"id": f"a{i + j}", "text": t.decode("utf-8", "replace")}).encode() + b"\n"
                         for j, t in enumerate(group))
        write("jsonl", f"bbc-{i:04}", lines)
        docs = [t.decode("utf-8", "replace") for t in group]
        write("feed", f"rss-{i:04}", rss(docs))
        write("feed", f"atom-{i:04}", atom(docs))
    for i in range(0, min(len(pages), per_target), 3):
        archive = b"".join(warc_record(f"http://ex.com/{i + j}", read(p)[:200_000])
                           for j, p in enumerate(pages[i:i + 3]))
        write("warc", f"plain-{i:04}", archive)
        write("warc", f"gzip-{i:04}", b"".join(gzip.compress(warc_record(f"http://ex.com/{i}", read(p)[:200_000]))
                                                  for p in pages[i:i + 3]))
    # The hostile inputs of issue 12, small versions, as seeds for every reader they fit.
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, os.path.join(HERE, "make_hostile.py"), tmp, "--small"], check=True)
        for name in sorted(os.listdir(tmp)):
            if not os.path.isfile(os.path.join(tmp, name)):
                continue  # the FIFO: opening it would block
            with open(os.path.join(tmp, name), "rb") as f:
                data = f.read(MAX)
            target = ("html" if ".htm" in name else "warc" if ".warc" in name else "feed"
                      if (".rss" in name or ".xml" in name or ".atom" in name) else "jsonl" if ".jsonl" in name else "text")
            write(target, "hostile-" + name, data)
    for target in ("text", "jsonl", "html", "warc", "feed"):
        d = os.path.join(HERE, "corpus", target)
        print(f"{target}: {len(os.listdir(d))} seeds")


main()
