#!/usr/bin/env bash
# Run every fuzzer built in <build-dir>/fuzz for <seconds> seconds on a COPY of its seed corpus
# (fuzz/corpus/<name>/), so the repository is never modified. Runs up to $FUZZ_JOBS (default 2)
# fuzzers at once. Exits non-zero if any fuzzer finds a crash, leak, timeout or sanitizer report;
# the reproducer is kept in <build-dir>/fuzz-artifacts/.
set -uo pipefail
build=${1:?usage: fuzz/run.sh BUILD_DIR [SECONDS]}
secs=${2:-20}
jobs=${FUZZ_JOBS:-2}
src=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
art="$build/fuzz-artifacts"
mkdir -p "$art"

run_one() {
    local bin=$1 name corpus log
    name=$(basename "$bin")
    corpus="$work/${name#fuzz_}"
    mkdir -p "$corpus"
    if [ -d "$src/corpus/${name#fuzz_}" ]; then
        cp -r "$src/corpus/${name#fuzz_}/." "$corpus/"
    fi
    log="$work/$name.log"
    if "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$art/$name-" "$corpus" >"$log" 2>&1; then
        echo "$name: ok ($(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$') runs)"
        return 0
    fi
    echo "$name: FAILED"
    tail -n 40 "$log"
    return 1
}
export -f run_one
export work src secs art

bins=$(ls "$build"/fuzz/fuzz_* 2>/dev/null | grep -v '\.' || true)
if [ -z "$bins" ]; then
    echo "no fuzzers in $build/fuzz" >&2
    exit 1
fi
printf '%s\n' $bins | xargs -P "$jobs" -I{} bash -c 'run_one "$@"' _ {}
