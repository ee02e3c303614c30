#!/usr/bin/env bash
# gmtls sm4: round trips for cbc (PKCS#7 and -nopad), ctr and gcm at many lengths; cbc and ctr
# output compared with `openssl enc -sm4-cbc/-sm4-ctr`; gcm against the RFC 8998 example in
# shared/vectors/sm4_gcm.txt; a failed GCM tag writes nothing and exits 1; errors for bad hex, wrong
# key and IV lengths, bad padding, bad options.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
S=${GMTLS_SHARED:?}
cd "$T"

K=0123456789abcdeffedcba9876543210
IV=00112233445566778899aabbccddeeff
head -c 70000 /dev/urandom > rand.bin

# --- cbc and ctr: same bytes as openssl enc, and round trips ---
for n in 0 1 15 16 17 31 32 33 100 1000 4096 65537; do
    head -c $n rand.bin > p$n
    "$G" sm4 -e -mode cbc -key $K -iv $IV < p$n > c$n || bad "cbc encrypt $n"
    openssl enc -sm4-cbc -K $K -iv $IV < p$n > o$n 2>/dev/null || bad "openssl cbc $n"
    check "cmp -s c$n o$n"
    check "\"$G\" sm4 -d -mode cbc -key $K -iv $IV < o$n | cmp -s - p$n"
    # counter near a 64-bit carry
    CIV=0011223344556677fffffffffffffffe
    "$G" sm4 -e -mode ctr -key $K -iv $CIV < p$n > t$n || bad "ctr encrypt $n"
    openssl enc -sm4-ctr -K $K -iv $CIV < p$n > u$n 2>/dev/null || bad "openssl ctr $n"
    check "cmp -s t$n u$n"
    check "\"$G\" sm4 -d -mode ctr -key $K -iv $CIV < t$n | cmp -s - p$n"
    check "[ \$(wc -c < t$n) -eq $n ]"
    # gcm round trip (ciphertext || 16-byte tag)
    "$G" sm4 -e -mode gcm -key $K -iv 0a0b0c0d0e0f101112131415 -aad cafe < p$n > g$n || bad "gcm encrypt $n"
    check "[ \$(wc -c < g$n) -eq $((n + 16)) ]"
    check "\"$G\" sm4 -d -mode gcm -key $K -iv 0a0b0c0d0e0f101112131415 -aad cafe < g$n | cmp -s - p$n"
done
# -nopad against openssl -nopad (multiples of 16 only)
for n in 0 16 32 4096; do
    check "\"$G\" sm4 -e -mode cbc -nopad -key $K -iv $IV < p$n | cmp -s - <(openssl enc -sm4-cbc -nopad -K $K -iv $IV < p$n 2>/dev/null)"
    check "\"$G\" sm4 -d -mode cbc -nopad -key $K -iv $IV < o$n | cmp -s - <(openssl enc -d -sm4-cbc -nopad -K $K -iv $IV < o$n 2>/dev/null)"
done
# -in FILE reads the file instead of stdin
check "\"$G\" sm4 -e -mode cbc -key $K -iv $IV -in p100 | cmp -s - c100"

# --- gcm: the RFC 8998 A.1 example from the shared vectors ---
case1=$(awk 'BEGIN{RS=""} /(^|\n)key = / && /\nresult = valid/ {print; exit}' "$S/vectors/sm4_gcm.txt")
get() { echo "$case1" | awk -v k="$1" -F' = ' '$1 == k {print $2}'; }
GK=$(get key); GIV=$(get iv); GAAD=$(get aad); GPT=$(get pt); GCT=$(get ct); GTAG=$(get tag)
check '[ -n "$GK" ] && [ -n "$GTAG" ]'
echo -n "$GPT" | xxd -r -p > gpt.bin
"$G" sm4 -e -mode gcm -key "$GK" -iv "$GIV" -aad "$GAAD" < gpt.bin > gct.bin || bad "gcm vector encrypt"
check '[ "$(xxd -p gct.bin | tr -d "\n")" = "$GCT$GTAG" ]'
check '"$G" sm4 -d -mode gcm -key "$GK" -iv "$GIV" -aad "$GAAD" < gct.bin | cmp -s - gpt.bin'

# --- gcm: a failed tag prints a clear error, exits 1 and writes nothing ---
cp g1000 tampered; flip_byte tampered 10
for args in "-aad cafe < tampered" "-aad cafd < g1000" "< g1000" "-aad cafe < g1000.short"; do
    head -c 1010 g1000 > g1000.short
    eval "\"$G\" sm4 -d -mode gcm -key $K -iv 0a0b0c0d0e0f101112131415 $args > out.bin 2> err.txt"
    rc=$?
    check "[ $rc -eq 1 ]"
    check "[ ! -s out.bin ]"
    check "grep -q 'authentication failed' err.txt"
done
check "! \"$G\" sm4 -d -mode gcm -key $K -iv 0a0b0c0d0e0f101112131415 < p15 > out.bin 2> err.txt"
check "[ ! -s out.bin ] && grep -q 'shorter than the 16-byte GCM tag' err.txt"

# --- errors: exit 1, a clear message, nothing on stdout ---
err() { # expected-message args...
    local want=$1; shift
    "$G" sm4 "$@" < p100 > out.bin 2> err.txt
    local rc=$?
    if [ $rc -eq 1 ] && [ ! -s out.bin ] && grep -q -- "$want" err.txt; then ok; else
        bad "gmtls sm4 $* -> rc $rc, stderr: $(cat err.txt)"; fi
}
err "not valid hex" -e -mode cbc -key 0123456789abcdeffedcba987654321g -iv $IV
err "not valid hex" -e -mode cbc -key $K -iv 0011223344556677889
err "-key must be 16 bytes" -e -mode cbc -key 0123 -iv $IV
err "-key must be 16 bytes" -e -mode ctr -key ${K}00 -iv $IV
err "-iv must be 16 bytes" -e -mode cbc -key $K -iv 001122
err "-iv must be 16 bytes" -e -mode ctr -key $K -iv ${IV}00
err "-iv must not be empty" -e -mode gcm -key $K -iv ""
err "not valid hex" -e -mode gcm -key $K -iv 0a0b -aad xyz
err "unknown mode" -e -mode ecb -key $K -iv $IV
err "-aad is only for" -e -mode cbc -key $K -iv $IV -aad 00
err "-nopad is only for" -e -mode ctr -nopad -key $K -iv $IV
err "required" -mode cbc -key $K -iv $IV
err "exactly one of -e and -d" -e -d -mode cbc -key $K -iv $IV
err "unknown option" -e -mode cbc -key $K -iv $IV -x
err "multiple of 16" -e -mode cbc -nopad -key $K -iv $IV
err "multiple of 16" -d -mode cbc -key $K -iv $IV
# bad padding: decrypt with the wrong key
"$G" sm4 -d -mode cbc -key 00000000000000000000000000000000 -iv $IV < c1000 > out.bin 2> err.txt
rc=$?
check "[ $rc -eq 1 ] && [ ! -s out.bin ] && grep -q 'bad padding' err.txt"
# a valid-looking last block with a bad pad byte (last byte 0x11, and 0x00)
for last in 11 00 05; do
    head -c 31 rand.bin > pp; printf "\\x$last" >> pp
    "$G" sm4 -e -mode cbc -nopad -key $K -iv $IV < pp > cc
    "$G" sm4 -d -mode cbc -key $K -iv $IV < cc > out.bin 2> err.txt
    rc=$?
    check "[ $rc -eq 1 ] && [ ! -s out.bin ] && grep -q 'bad padding' err.txt"
done
# an exact full block of padding (16 x 0x10) is accepted and removed
head -c 16 rand.bin > pp; printf '\x10%.0s' $(seq 16) >> pp
"$G" sm4 -e -mode cbc -nopad -key $K -iv $IV < pp > cc
check "\"$G\" sm4 -d -mode cbc -key $K -iv $IV < cc | cmp -s - <(head -c 16 rand.bin)"
check '"$G" sm4 -h | grep -q PKCS#7'

report
