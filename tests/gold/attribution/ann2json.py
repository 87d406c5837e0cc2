#!/usr/bin/env python3
"""Builds bbc-politics.attribution.json from the compact annotation file bbc-politics.ann.

usage: python3 ann2json.py [BBC_ROOT]   (BBC_ROOT defaults to ../../../../shared/data/news/bbc)
Each annotation line is `file|line|kind|cue|speaker|speaker_kind|response` (a bare file number
registers an article with no attributions); `# ---- dev split` /
`# ---- test split` comments set the split of the files that follow. The cue is checked to occur in
the stated line of the article file."""
import json, os, sys

here = os.path.dirname(os.path.abspath(__file__))
root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "../../../../shared/data/news/bbc")
split, articles, items, errors = None, {}, [], []
for raw in open(os.path.join(here, "bbc-politics.ann"), encoding="utf-8"):
    raw = raw.rstrip("\n")
    if raw.startswith("# ----"):
        split = raw.split()[2]
        continue
    if not raw.strip() or raw.startswith("#"):
        continue
    parts = raw.split("|")
    if len(parts) == 1:
        # An article with no attributions at all (it still counts for precision).
        articles.setdefault(f"politics/{parts[0].strip()}.txt", split)
        continue
    parts += [""] * (7 - len(parts))
    num, line, kind, cue, speaker, skind, resp = parts[:7]
    f = f"politics/{num}.txt"
    articles.setdefault(f, split)
    text = open(os.path.join(root, f), encoding="utf-8").read().split("\n")
    if cue not in text[int(line) - 1]:
        errors.append(f"{f}:{line}: cue not in line: {cue!r}")
    it = {"file": f, "line": int(line), "kind": kind, "cue": cue,
          "speaker": speaker or None, "speaker_kind": skind or None}
    if resp:
        it["response"] = resp
    items.append(it)
if errors:
    sys.exit("\n".join(errors))
out = {
    "about": "Hand-annotated attributions in BBC News politics articles (2004-05, research use; the text stays in "
             "shared/data/news/bbc). 'file' is relative to that folder; line 1 of a file is the title, 'line' counts "
             "file lines (1-based). 'cue' is a substring of the line inside the attribution's content. Annotation "
             "rules: GUIDE.md. split 'dev' articles were used for tuning; 'test' articles are held out.",
    "articles": [{"file": f, "split": s} for f, s in sorted(articles.items())],
    "attributions": items,
}
json.dump(out, open(os.path.join(here, "bbc-politics.attribution.json"), "w", encoding="utf-8"), ensure_ascii=False, indent=1)
print(f"{len(articles)} articles, {len(items)} items")
