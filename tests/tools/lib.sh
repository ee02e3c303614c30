# Helpers shared by tests/tools/test_*.sh (sourced by each; not a test itself, since the suite
# runs only files named test_*.sh). It gives:
#   T           a private temporary directory, removed when the script exits
#   G           the gmtls command under test ($GMTLS_CLI)
#   pass, fail  the counters, moved by ok and bad "message"
#   the checks below, and report, which prints "N passed, N failed" and is the script's exit
#   status (its last command): 0 only when nothing failed.
G=${GMTLS_CLI:?GMTLS_CLI must point at the gmtls command}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0

ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

# check 'shell expression': the expression (run by eval) succeeds.
check() { if eval "$1"; then ok; else bad "$1"; fi; }
# check_quiet cmd...: the command succeeds (its stdout is discarded).
check_quiet() { if "$@" >/dev/null; then ok; else bad "$*"; fi; }
# check_cmd what cmd...: the command succeeds; its output is kept in $T/out and shown on failure.
check_cmd() {
  local what=$1; shift
  if "$@" >"$T/out" 2>&1; then ok; else bad "$what"; cat "$T/out"; fi
}
# check_fails what cmd...: the command exits with status 1 (output in $T/out, shown otherwise).
check_fails() {
  local what=$1; shift
  "$@" >"$T/out" 2>&1
  local rc=$?
  if [ $rc -eq 1 ]; then ok; else bad "$what: exit $rc, want 1"; cat "$T/out"; fi
}
# file_contains what file text: the file holds the text (fixed string).
file_contains() {
  if grep -qF -- "$3" "$2"; then ok; else bad "$1: '$3' not in output"; cat "$2"; fi
}
# text_contains text needle what: the text holds the needle (fixed string).
text_contains() { if grep -qF -- "$2" <<<"$1"; then ok; else bad "$3: no '$2' in output"; fi; }
# expect_eq got want what
expect_eq() { if [ "$1" = "$2" ]; then ok; else bad "$3: got '$1', want '$2'"; fi; }

report() {
  echo "$pass passed, $fail failed"
  [ "$fail" -eq 0 ]
}
# flip_byte file offset: XOR the byte at offset (negative: from the end) with 0x01, so the file
# always changes (writing a fixed value would leave it unchanged 1 time in 256).
flip_byte() {
  local f=$1 off=$2 size
  size=$(stat -c %s "$f")
  [ "$off" -lt 0 ] && off=$((size + off))
  local b
  b=$(dd if="$f" bs=1 skip="$off" count=1 2>/dev/null | xxd -p)
  printf "\\x$(printf '%02x' $((0x$b ^ 1)))" | dd of="$f" bs=1 seek="$off" conv=notrunc 2>/dev/null
}
