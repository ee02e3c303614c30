#!/usr/bin/env bash
# `gmtls sm3` and `gmtls hmac-sm3` against `openssl dgst -sm3` and `openssl mac ... HMAC` on files
# of many sizes and keys of many lengths, stdin handling, and the error exits and messages.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ossl_sm3() { openssl dgst -sm3 -r "$1" | cut -d' ' -f1; }
ossl_hmac() { openssl mac -digest SM3 -macopt "hexkey:$1" -in "$2" HMAC | tr 'A-F' 'a-f'; }

# files of sizes around the block and padding boundaries, and a large one
for n in 0 1 3 55 56 63 64 65 119 120 128 1000 65535 65536 65537 200000; do
  f="$T/m$n"
  head -c "$n" /dev/urandom >"$f"
  want=$(ossl_sm3 "$f")
  expect_eq "$("$G" sm3 "$f")" "$want  $f" "sm3 of $n bytes"
  expect_eq "$("$G" sm3 <"$f")" "$want  -" "sm3 of $n bytes on stdin"
done

# several files: one line each, in order; "-" is stdin
out=$(printf abc | "$G" sm3 "$T/m1" - "$T/m64")
want=$(printf '%s  %s\n%s  -\n%s  %s' "$(ossl_sm3 "$T/m1")" "$T/m1" \
  66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0 "$(ossl_sm3 "$T/m64")" "$T/m64")
expect_eq "$out" "$want" "sm3 of three files"

# HMAC: key lengths 0..100 and 200 (longer than a block is hashed first), several messages
for klen in 1 16 32 63 64 65 100 200; do
  key=$(head -c "$klen" /dev/urandom | od -An -tx1 | tr -d ' \n')
  for n in 0 55 64 1000 65537; do
    f="$T/m$n"
    expect_eq "$("$G" hmac-sm3 -key "$key" "$f")" "$(ossl_hmac "$key" "$f")" "hmac-sm3 key $klen msg $n"
  done
  expect_eq "$("$G" hmac-sm3 -key "$key" <"$T/m1000")" "$(ossl_hmac "$key" "$T/m1000")" "hmac-sm3 stdin key $klen"
done
# upper-case hex keys are accepted
expect_eq "$("$G" hmac-sm3 -key 2E11D9BC94370E356225DC628CC061FA "$T/m0")" \
  "$(ossl_hmac 2e11d9bc94370e356225dc628cc061fa "$T/m0")" "hmac-sm3 upper-case key"
# empty key (OpenSSL cannot take an empty hexkey; the known answer is from shared/vectors/hmac_sm3.txt)
expect_eq "$("$G" hmac-sm3 -key "" </dev/null)" 0d23f72ba15e9c189a879aefc70996b06091de6e64d31b7a84004356dd915261 \
  "hmac-sm3 empty key, empty message"

# errors: exit status 1 and a message naming the problem
check_err() { # expected-substring command...
  local want=$1
  shift
  local err rc
  err=$("$@" 2>&1 >/dev/null)
  rc=$?
  if [ "$rc" -eq 1 ]; then ok; else bad "'$*' exited $rc, want 1"; fi
  case "$err" in
    *"$want"*) ok ;;
    *) bad "'$*' said '$err', want it to mention '$want'" ;;
  esac
}
check_err "/nonexistent/x: No such file or directory" "$G" sm3 /nonexistent/x
check_err "$T: read error" "$G" sm3 "$T"
check_err "unknown option -x" "$G" sm3 -x
check_err "character 'z' at position 3" "$G" hmac-sm3 -key 00zz "$T/m1"
check_err "odd number of digits (3)" "$G" hmac-sm3 -key abc "$T/m1"
check_err "missing -key" "$G" hmac-sm3 "$T/m1"
check_err "-key needs a hex value" "$G" hmac-sm3 -key
check_err "/nonexistent/y: No such file or directory" "$G" hmac-sm3 -key 00 /nonexistent/y
check_err "only one FILE" "$G" hmac-sm3 -key 00 "$T/m1" "$T/m3"
check_err "unknown option -q" "$G" hmac-sm3 -q
# a bad file among good ones: the good ones are still hashed, the status is 1
out=$("$G" sm3 "$T/m3" /nonexistent/z "$T/m1" 2>/dev/null)
rc=$?
expect_eq "$rc" 1 "sm3 with one unreadable file: exit status"
expect_eq "$out" "$(ossl_sm3 "$T/m3")  $T/m3
$(ossl_sm3 "$T/m1")  $T/m1" "sm3 with one unreadable file: other digests"
# -h works and exits 0
"$G" sm3 -h | grep -q "usage: gmtls sm3" && ok || bad "sm3 -h"
"$G" hmac-sm3 -h | grep -q "usage: gmtls hmac-sm3" && ok || bad "hmac-sm3 -h"

report
