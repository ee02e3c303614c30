#!/usr/bin/env bash
# Run every unit test program of a build under valgrind memcheck: any invalid access, use of
# uninitialised memory or definite leak fails. The _ct tests already run under valgrind in ctest.
# Tests labelled slow (large oracle runs) are skipped here; they run in `make test`.
set -uo pipefail
build=${1:-build}
export GMTLS_SHARED=${GMTLS_SHARED:-$(cd "$(dirname "$0")/../.." && pwd)/shared}
export GMTLS_SOURCE_DIR=$(cd "$(dirname "$0")/.." && pwd)
export GMTLS_CLI=$(cd "$build" && pwd)/gmtls
# valgrind emulates a CPU without AVX-512 and GFNI; the accelerated paths are compared with the
# portable ones in the normal test run.
# A program that exits with 77 has nothing to test on this (emulated) CPU, e.g. the IFMA code: it is
# counted as skipped, as CTest does, never as passed.
pass=0 fail=0 skip=0
for t in "$build"/tests/test_*; do
  [ -x "$t" ] || continue
  name=$(basename "$t")
  case "$name" in *_ct|*_openssl*|*smcrypto*) continue ;; esac
  valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
    "$t" >"$build/valgrind-$name.log" 2>&1
  rc=$?
  if [ "$rc" -eq 0 ]; then
    pass=$((pass + 1))
  elif [ "$rc" -eq 77 ]; then
    skip=$((skip + 1))
    echo "valgrind: $name skipped ($(tail -1 "$build/valgrind-$name.log"))"
  else
    fail=$((fail + 1))
    echo "valgrind: $name FAILED"; tail -30 "$build/valgrind-$name.log"
  fi
done
echo "valgrind: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
