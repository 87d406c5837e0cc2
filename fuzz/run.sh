#!/usr/bin/env bash
# Fuzzes every reader with libFuzzer. Needs a nightly toolchain (`rustup toolchain install nightly`);
# uses cargo-fuzz when it is installed and otherwise builds the targets with the flags cargo-fuzz
# passes (coverage instrumentation, no sanitizer: the readers are safe Rust, and without ASan the
# HTML target runs ~30x more inputs a second). Never run by CI.
#
# Usage: fuzz/run.sh [seconds-per-target] [target ...]
#   FUZZ_NO_BUILD=1    use the targets already built under fuzz/target
#   FUZZ_CONCURRENT=1  run the targets side by side at nice 19 and stop each one when it has had
#                      that many seconds of CPU: on a shared machine CPU time, not wall time, is
#                      the honest measure of how long a target was fuzzed.
# Seed the corpora first with fuzz/seed_corpora.py. Crashes land in fuzz/artifacts/<target>/; add each
# as a regression test in crates/ingest/tests/readers/hostile_inputs.rs once fixed.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-1800}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(text jsonl html warc feed)
fi
triple=x86_64-unknown-linux-gnu
bin_dir="target/$triple/release"

if [ "${FUZZ_NO_BUILD:-0}" = 1 ]; then
    : # targets already built
elif cargo +nightly fuzz --version >/dev/null 2>&1; then
    cargo +nightly fuzz build --release --sanitizer none --debug-assertions
else
    RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks" \
        cargo +nightly build --release --target "$triple" --bins
fi

# -malloc_limit_mb turns the memory budget into a failure: one allocation over 1 GB is a finding.
# -rss_limit_mb is higher because libFuzzer keeps its whole corpus in memory: with 1 MB inputs the
# warc corpus reached 839 MB after ~1,700 CPU seconds and tripped a 1,024 MB RSS limit on an input
# that needs 47 MB alone. -timeout is a hang detector only: libFuzzer measures wall time, and a
# starved process on a busy machine must not report a false timeout (the per-document time budget is
# pinned by crates/ingest/tests/readers/hostile_props.rs).
flags=(-malloc_limit_mb=1024 -rss_limit_mb=4096 -timeout="${FUZZ_TIMEOUT:-600}" -max_len=1048576
    -report_slow_units=10 -print_final_stats=1)

run_one() { # target max-wall-seconds nice-level; replaces the calling (sub)shell with libFuzzer
    mkdir -p "corpus/$1" "artifacts/$1" logs
    exec nice -n "$3" "$bin_dir/$1" "corpus/$1" -artifact_prefix="artifacts/$1/" \
        -max_total_time="$2" "${flags[@]}" >"logs/$1.log" 2>&1
}

cpu_seconds() { # pid -> user+system CPU seconds
    awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) / hz)}' "/proc/$1/stat" 2>/dev/null || echo 0
}

if [ "${FUZZ_CONCURRENT:-0}" = 1 ]; then
    declare -A pid
    for t in "${targets[@]}"; do
        # A generous wall limit: each target is stopped by its CPU time below. The subshell
        # becomes the fuzzer (exec), so $! is the process whose CPU time is read.
        (run_one "$t" $((seconds * 20)) 19) &
        pid[$t]=$!
    done
    while [ ${#pid[@]} -gt 0 ]; do
        sleep 30
        for t in "${!pid[@]}"; do
            p=${pid[$t]}
            # An exited child stays a zombie (state Z) until `wait`: kill -0 alone would miss it.
            if [ "$(awk '{print $3}' "/proc/$p/stat" 2>/dev/null || echo Z)" = Z ]; then
                echo "== $t ended by itself (see logs/$t.log)"; unset "pid[$t]"; continue
            fi
            if [ "$(cpu_seconds "$p")" -ge "$seconds" ]; then
                kill -INT "$p"; echo "== $t stopped after ${seconds}s of CPU"; unset "pid[$t]"
            fi
        done
    done
    wait
else
    for t in "${targets[@]}"; do
        echo "== fuzzing $t for ${seconds}s"
        (run_one "$t" "$seconds" 0) || true
    done
fi
for t in "${targets[@]}"; do
    echo "== $t: $(grep -E '^stat::number_of_executed_units' "logs/$t.log" | tail -1)," \
        "$(grep -E '^stat::peak_rss_mb' "logs/$t.log" | tail -1)," \
        "findings: $(find "artifacts/$t" -type f ! -name 'slow-unit-*' | wc -l)," \
        "slow-unit reports (time them alone: starvation looks the same): $(find "artifacts/$t" -name 'slow-unit-*' | wc -l)"
done
