#!/usr/bin/env bash
# Rebuilds crates/extract/data/attribution-gate.tsv, the tagger's learned gate (about a minute on
# two cores). For each tenth K of PolNeAR train it fits a sequence tagger on the other nine
# tenths, logs that tagger's candidates on tenth K labelled against the gold, then fits the gate
# on all ten logs (so the gate learns from candidates of a tagger that never saw their text) and
# prints the ten-fold table of what each threshold would add.
#
# FOLDS=dated cuts train into ten blocks of consecutive publication dates instead of every tenth
# article (the shipped gate): dev and the held-out split follow train in time, and tenths of
# every tenth article put follow-ups of one story on both sides. Use it to check a tagger change:
# features of the neighbouring words added 131 overlap matches to the interleaved table, 5 fewer
# to the dated one, and nothing on dev. A gate fitted on dated tenths left PolNeAR dev as it was
# (shared scorer: overlap 74.76 -> 74.74, exact 57.65 -> 57.54), so the shipped gate stays.
# Distributional word clusters as tagger features (PPMI + SVD + k-means over PolNeAR train,
# Reuters-21578 and CoNLL train text, 22k words in 512 clusters: "said", "insisted", "lamented"
# share one) did the same on 2026-12-07: the interleaved table at 0.5 went from 1303 kept / 886
# overlapping / 461 exact to 1427 / 961 / 503, and PolNeAR dev (shared scorer, tagger pruned at
# 1.5 to stay under 10 MB, gate refit) from overlap 75.21 to 74.95, exact 58.04 to 57.81, direct
# 85.91 to 86.20; not shipped.
#
# TAGGER_ARGS passes options to the fold taggers' training (say "--tagger-epochs 20", to weigh a
# tagger setting before refitting the shipped tagger with it).
#
# EVAL_ARGS passes options to the evaluations that log each tenth's candidates (say
# "--tagger-bias 16", to weigh another candidate bias; the shipped gate is fitted at the product's
# CANDIDATE_BIAS, 8).
#
# usage: crates/eval/scripts/train-attribution-gate.sh [POLNEAR_DIR] [extra train options]
set -euo pipefail
polnear=${1:-../shared/data/attribution/polnear}
shift || true
bin=${NEWSGRAPH:-target/release/newsgraph}
folds=${FOLDS:-interleaved}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
logs=()
for k in 0 1 2 3 4 5 6 7 8 9; do
  "$bin" train attribution --tagger --polnear "$polnear" --tagger-tenth "$k" --tagger-folds "$folds" ${TAGGER_ARGS:-} \
    --tune-out "$work/tagger$k.tsv" --tagger-out "$work/all.tsv" >/dev/null 2>&1
  "$bin" eval attribution --polnear "$polnear" --split train --tenth "$k" --folds "$folds" \
    --tagger-model "$work/tagger$k.tsv" ${EVAL_ARGS:-} --gate-log "$work/candidates$k.tsv"
  logs+=("$work/candidates$k.tsv")
done
"$bin" train attribution --polnear "$polnear" --gate \
  --gate-logs "$(IFS=,; echo "${logs[*]}")" "$@"
