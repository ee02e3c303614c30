#!/usr/bin/env bash
# `make demo` is the first thing a newcomer runs: run the same script against this build and check
# that every step it checks passed.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
if "$GMTLS_SOURCE_DIR/tools/demo.sh" "$(dirname "$GMTLS_CLI")" >"$T/demo.out" 2>&1; then ok; else bad "tools/demo.sh failed"; tail -20 "$T/demo.out"; fi
file_contains "demo end" "$T/demo.out" "demo finished: every step checked."
file_contains "SM3 step" "$T/demo.out" "matches the example in GB/T 32905"
file_contains "GCM forgery step" "$T/demo.out" "forged message rejected"
file_contains "PKI strict pair" "$T/demo.out" "enc.crt: OK"
report
