#!/usr/bin/env bash
# Fuzzes every reader with cargo-fuzz (libFuzzer). Needs nightly Rust and cargo-fuzz:
#   rustup toolchain install nightly && cargo install cargo-fuzz
# Never run by CI. Usage: fuzz/run.sh [seconds-per-target] [target ...]
# Crashes land in fuzz/artifacts/<target>/; add each as a regression test in
# crates/ingest/tests/readers/hostile_inputs.rs once fixed.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-1800}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(text jsonl html warc feed)
fi
for target in "${targets[@]}"; do
    echo "== fuzzing $target for ${seconds}s"
    mkdir -p "corpus/$target"
    # -rss_limit_mb and -timeout turn the budgets into failures: a slow or memory-hungry input
    # is a finding, like a panic.
    cargo +nightly fuzz run "$target" "corpus/$target" -- \
        -max_total_time="$seconds" -rss_limit_mb=1024 -timeout=10 -max_len=1048576
done
