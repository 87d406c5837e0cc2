#!/usr/bin/env bash
# Rebuilds crates/extract/data/attribution-gate.tsv, the tagger's learned gate (about a minute on
# two cores). For each tenth K of PolNeAR train it fits a sequence tagger on the other nine
# tenths, logs that tagger's candidates on tenth K labelled against the gold, then fits the gate
# on all ten logs (so the gate learns from candidates of a tagger that never saw their text) and
# prints the ten-fold table of what each threshold would add.
#
# usage: crates/eval/scripts/train-attribution-gate.sh [POLNEAR_DIR] [extra train options]
set -euo pipefail
polnear=${1:-../shared/data/attribution/polnear}
shift || true
bin=${NEWSGRAPH:-target/release/newsgraph}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
logs=()
for k in 0 1 2 3 4 5 6 7 8 9; do
  "$bin" train attribution --tagger --polnear "$polnear" --tagger-tenth "$k" \
    --tune-out "$work/tagger$k.tsv" --tagger-out "$work/all.tsv" >/dev/null 2>&1
  "$bin" eval attribution --polnear "$polnear" --split train --tenth "$k" \
    --tagger-model "$work/tagger$k.tsv" --gate-log "$work/candidates$k.tsv"
  logs+=("$work/candidates$k.tsv")
done
"$bin" train attribution --polnear "$polnear" --gate \
  --gate-logs "$(IFS=,; echo "${logs[*]}")" "$@"
