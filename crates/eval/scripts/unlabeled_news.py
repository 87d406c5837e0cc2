#!/usr/bin/env python3
"""Writes the unlabelled news text under ../shared that the NER word clusters learn from, besides
BBC News and Reuters-21578 (which `newsgraph train ner --clusters-from` reads in place), as plain
text files, one paragraph a line, into an output folder outside the repo.

Sources (all read in place; nothing is copied into the repo):
  - PolNeAR train texts (political news, 2015-16; the dev split is left out)
  - the article-extraction benchmark's ground-truth article bodies (181 pages)
  - the WCXB dev pages' ground-truth main content (793 pages)
  - TBAQ-cleaned TimeBank and AQUAINT articles (the TimeML tags stripped)

CoNLL-2003 eng.testa/testb are never used; the training CoNLL text is added by the train command.

Usage: unlabeled_news.py [--shared ../shared] OUT_DIR
"""
import argparse
import html
import json
import re
from pathlib import Path


def paragraphs(text):
    """Non-empty lines, whitespace collapsed."""
    out = []
    for line in re.split(r"\n\s*\n|\n", text):
        line = " ".join(line.split())
        if line:
            out.append(line)
    return out


def polnear(shared):
    for f in sorted((shared / "data/attribution/polnear/data/train/text").glob("*.txt")):
        yield "polnear-" + f.stem, paragraphs(f.read_text(encoding="utf-8", errors="replace"))


def extraction_benchmark(shared):
    path = shared / "data/html/article-extraction-benchmark/ground-truth.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for key in sorted(data):
        yield "aeb-" + key[:16], paragraphs(data[key].get("articleBody") or "")


def wcxb(shared):
    for f in sorted((shared / "data/html/wcxb-dev-articles/ground-truth").glob("*.json")):
        gt = json.loads(f.read_text(encoding="utf-8")).get("ground_truth") or {}
        text = "\n".join(x for x in (gt.get("title"), gt.get("main_content")) if x)
        yield "wcxb-" + f.stem, paragraphs(text)


def timeml(shared):
    for f in sorted((shared / "data/temporal/tbaq-cleaned").glob("*/*.tml")):
        raw = f.read_text(encoding="utf-8", errors="replace")
        m = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
        if m:
            text = html.unescape(re.sub(r"<[^>]+>", "", m.group(1)))
            yield "tbaq-" + f.stem, paragraphs(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default="../shared", type=Path)
    ap.add_argument("out", type=Path)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    words = 0
    for source in (polnear, extraction_benchmark, wcxb, timeml):
        n = 0
        for name, paras in source(args.shared):
            if not paras:
                continue
            text = "\n".join(paras) + "\n"
            (args.out / (name + ".txt")).write_text(text, encoding="utf-8")
            n += 1
            words += len(text.split())
        print(f"{source.__name__}: {n} documents")
    print(f"{words} words in {args.out}")


if __name__ == "__main__":
    main()
