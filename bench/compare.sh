#!/usr/bin/env bash
# Side-by-side speed of gmtls and OpenSSL 3 in the same run, with ratios.
#   bench/compare.sh [path/to/gmtls] [seconds-per-measurement]
# Throughput is compared at 16 KiB (and 1 KiB), SM2 in operations per second. Both sides count
# CPU time (gmtls speed and the SM2 baseline use the process CPU clock, openssl speed its user time),
# so other load on the machine does not skew the ratios.
# OpenSSL 3.0 has no SM4-GCM: SM4-GCM is compared with OpenSSL's SM4-CTR, the cipher part of GCM.
set -euo pipefail
gmtls=${1:-build/gmtls}
secs=${2:-1}
# openssl speed takes whole seconds
osecs=$(awk -v s="$secs" 'BEGIN { n = int(s + 0.999); print (n < 1 ? 1 : n) }')
here=$(cd "$(dirname "$0")" && pwd)
bdir=$(cd "$(dirname "$gmtls")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
echo "# $("$gmtls" version), $(openssl version)"

# --- gmtls
# GMTLS_SPEED_ALGS limits the gmtls rows (default: all)
"$gmtls" speed -seconds "$secs" ${GMTLS_SPEED_ALGS:-} >"$tmp/gmtls.txt"
grep '^# cpu' "$tmp/gmtls.txt" || true

# --- OpenSSL, same run. -mr rows: +F:idx:name:v16:v64:v256:v1024:v8192:v16384 (bytes/s)
ossl_row() { # name, args...
  local name=$1; shift
  openssl speed -mr -seconds "$osecs" "$@" 2>/dev/null | awk -F: -v n="$name" '/^\+F:/ {print n, $4, $5, $6, $7, $8, $9}'
}
{
  ossl_row sm3 -evp sm3
  ossl_row hmac-sm3 -hmac sm3
  ossl_row sm4-ecb -evp sm4-ecb
  ossl_row sm4-cbc-enc -evp sm4-cbc
  ossl_row sm4-cbc-dec -decrypt -evp sm4-cbc
  ossl_row sm4-ctr -evp sm4-ctr
} >"$tmp/ossl.txt"
# `openssl speed sm2`: +F7:idx:bits:CurveSM2:sign/s:verify/s
openssl speed -mr -seconds "$osecs" sm2 2>/dev/null |
  awk -F: '/^\+F7:/ {print "speed-sm2-sign", $5; print "speed-sm2-verify", $6}' >"$tmp/ossl_speed_sm2.txt" || true
if [ -x "$bdir/bench/bench_openssl_sm2" ]; then
  "$bdir/bench/bench_openssl_sm2" "$secs" >"$tmp/ossl_sm2.txt"
else
  : >"$tmp/ossl_sm2.txt"
fi

# baseline for each gmtls throughput row
base_of() {
  case "$1" in
    sm3|sm3-mb) echo sm3 ;;
    hmac-sm3) echo hmac-sm3 ;;
    sm4|sm4-ecb) echo sm4-ecb ;;
    sm4-cbc-enc|sm4-cbc-enc-mb) echo sm4-cbc-enc ;;
    sm4-cbc-dec) echo sm4-cbc-dec ;;
    sm4-ctr|sm4-gcm) echo sm4-ctr ;;
    *) echo "" ;;
  esac
}

printf '\n%-18s %-20s %12s %12s %8s %12s %12s %8s\n' algorithm "gmtls impl" "gmtls 1K" "openssl 1K" ratio "gmtls 16K" "openssl 16K" ratio
{ grep -v '^#' "$tmp/gmtls.txt" | grep -v 'ops/s' || true; } | while read -r name impl v16 v64 v256 v1k v8k v16k; do
  b=$(base_of "$name")
  [ -n "$b" ] || continue
  read -r _ o16 o64 o256 o1k o8k o16k < <(grep "^$b " "$tmp/ossl.txt" || echo "x 0 0 0 0 0 0")
  awk -v n="$name" -v i="$impl" -v g1="$v1k" -v g16="$v16k" -v o1="$o1k" -v o16="$o16k" 'BEGIN {
    o1 /= 1e6; o16 /= 1e6;
    printf "%-18s %-20s %10.1f MB/s %7.1f MB/s %6.2fx %10.1f MB/s %7.1f MB/s %6.2fx\n", n, i, g1, o1, (o1 > 0 ? g1 / o1 : 0), g16, o16, (o16 > 0 ? g16 / o16 : 0) }'
done

if grep -q 'ops/s' "$tmp/gmtls.txt"; then
  printf '\n%-22s %-16s %14s %14s %8s %16s %8s\n' operation "gmtls impl" "gmtls ops/s" "openssl EVP" ratio "openssl speed" ratio
  grep 'ops/s' "$tmp/gmtls.txt" | while read -r name impl ops _; do
    case "$name" in
      *sign*) b=openssl-sm2-sign ;;
      *verify*) b=openssl-sm2-verify ;;
      *decrypt*) b=openssl-sm2-decrypt ;;
      *encrypt*) b=openssl-sm2-encrypt ;;
      *) b="" ;;
    esac
    o="" sp=""
    if [ -n "$b" ]; then
      o=$(awk -v b="$b" '$1 == b {print $2}' "$tmp/ossl_sm2.txt")
      sp=$(awk -v b="speed-${b#openssl-}" '$1 == b {print $2}' "$tmp/ossl_speed_sm2.txt")
    fi
    awk -v n="$name" -v i="$impl" -v g="$ops" -v o="${o:-0}" -v sp="${sp:-0}" 'BEGIN {
      printf "%-22s %-16s %14.1f", n, i, g;
      if (o > 0) printf " %14.1f %7.2fx", o, g / o; else printf " %14s %8s", "-", "-";
      if (sp > 0) printf " %16.1f %7.2fx\n", sp, g / sp; else printf " %16s %8s\n", "-", "-" }'
  done
fi

# The SM2 ratios again with gmtls and OpenSSL EVP taking turns in short windows in one process (the
# figures above are measured one after the other, and this machine's speed drifts between them):
# medians of 9 rounds, with the lowest and highest per-round ratio.
if [ -x "$bdir/bench/bench_sm2_interleaved" ] && grep -q 'ops/s' "$tmp/gmtls.txt"; then
  echo
  echo "# SM2, gmtls and OpenSSL EVP interleaved (median of 9 rounds of 0.2 s each)"
  "$bdir/bench/bench_sm2_interleaved" 9 0.2
fi
