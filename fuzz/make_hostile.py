#!/usr/bin/env python3
"""Writes the hostile inputs of issue 12 into a directory, for measuring `newsgraph analyze` with
/usr/bin/time -v (the small versions live in crates/ingest/tests/readers/hostile_inputs.rs).

Usage: fuzz/make_hostile.py DIR [--small]
"""
import gzip
import itertools
import os
import random
import sys

out = sys.argv[1]
small = "--small" in sys.argv
GB = 1 << 30 if not small else 1 << 26
os.makedirs(out, exist_ok=True)


def path(name):
    return os.path.join(out, name)


def gzip_stream(name, blocks, level=6):
    """Writes an iterable of byte blocks as one gzip member, never holding it whole."""
    with gzip.open(path(name), "wb", compresslevel=level) as f:
        for b in blocks:
            f.write(b)


def repeat(block, total):
    n = 0
    while n < total:
        take = min(len(block), total - n)
        yield block[:take]
        n += take


# 1. 3 GB of zeros in ~3 MB of gzip.
gzip_stream("zeros-bomb.txt.gz", repeat(b"\0" * (1 << 20), 3 * GB))
# 2. Text that expands ~130x: a 30 KB block of random words repeated (inside deflate's window).
rng = random.Random(12)
words = [
    "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9)))
    for _ in range(3000)
]
block = []
size = 0
while size < 30_000:
    line = " ".join(rng.choice(words) for _ in range(rng.randint(8, 40))).capitalize() + ".\n"
    block.append(line)
    size += len(line)
block = "".join(block).encode()
gzip_stream("text-bomb.txt.gz", repeat(block, 3 * GB))
# 3. One JSON Lines record of 1 GB between two good ones.
with open(path("long-record.jsonl"), "wb") as f:
    f.write(b'{"text":"First record."}\n{"text":"')
    for b in repeat(b"x" * (1 << 20), GB):
        f.write(b)
    f.write(b'"}\n{"text":"Third record."}\n')
# 4. A NUL byte in line 2 of 3, after a bad line 1.
with open(path("nul.jsonl"), "wb") as f:
    f.write(b'{bad json\n{"text":"a \0 NUL"}\n{"text":"The council met on Tuesday."}\n')
# 5. A 40 MB line of text.
with open(path("long-line.txt"), "wb") as f:
    f.write(b"A first paragraph.\n" + b"word " * (8 << 20) + b"\nAfter.\n")
# 6. 20k nested divs; 100k nested divs; 100k attributes on one element.
para = b"<p>The council voted on Tuesday to approve the new budget, which officials said would fund schools, roads and the hospital expansion.</p>"
for n in (20_000, 100_000):
    with open(path(f"divs-{n // 1000}k.html"), "wb") as f:
        f.write(b"<html><body>" + b"<div>" * n + para * 4 + b"</div>" * n + b"</body></html>")
with open(path("attrs-100k.html"), "wb") as f:
    attrs = b"".join(b' data-a%d="%d"' % (i, i) for i in range(100_000))
    f.write(b"<html><body><div" + attrs + b">" + para * 4 + b"</div></body></html>")
# 7. An RSS bomb: the same item, 4 GB of it, in a few MB of gzip.
item = b"<item><title>x</title><description>The council met on Tuesday.</description></item>"
gzip_stream(
    "bomb.rss.gz",
    itertools.chain(
        [b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'],
        repeat(item * 10000, GB),
    ),
)
# 8. One 50 MB item.
with open(path("item-50mb.rss"), "wb") as f:
    f.write(b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>Big</title><description>')
    f.write(b"word " * (10 << 20))
    f.write(b"</description></item></channel></rss>")


# 9. A WARC with a good page and a 9 MB page.
def record(uri, body):
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(body) + body
    return (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\n"
        b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n" % (uri, len(http))
        + http
        + b"\r\n\r\n"
    )


good = b"<html><body><article>" + para * 8 + b"</article></body></html>"
with open(path("big-record.warc"), "wb") as f:
    f.write(record(b"http://ex.com/a", good))
    f.write(record(b"http://ex.com/huge", b"<html><body>" + b"<p>x</p>" * (9 << 17) + b"</body></html>"))
# 10. A FIFO.
fifo = path("pipe.txt")
if not os.path.exists(fifo):
    os.mkfifo(fifo)
print("written to", out)
