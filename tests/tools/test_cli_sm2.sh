#!/usr/bin/env bash
# gmtls sm2 against the openssl command line: signatures made by gmtls verified by
# `openssl pkeyutl -verify -rawin -digest sm3 -pkeyopt distid:1234567812345678` and the reverse,
# DER ciphertexts both ways, the key exchange in both roles, and the error exits.
# The OpenSSL key file is built from gmtls's hex key as an ASN.1 ECPrivateKey (RFC 5915) with
# the SM2 curve OID 1.2.156.10197.1.301, through `openssl asn1parse -genconf`.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# expect_fail STATUS PATTERN cmd...: the command exits with STATUS and stderr matches PATTERN
expect_fail() {
  local want=$1 pat=$2; shift 2
  "$@" >"$T/out" 2>"$T/err"; local rc=$?
  if [ "$rc" -eq "$want" ] && grep -qi -- "$pat" "$T/err"; then ok; else bad "$* -> exit $rc, stderr: $(head -c 300 "$T/err")"; fi
}

openssl_key() { # d hex, public hex -> $T/k.pem, $T/pub.pem
  cat >"$T/k.cnf" <<EOF
asn1=SEQUENCE:ec
[ec]
version=INTEGER:1
priv=FORMAT:HEX,OCTETSTRING:$1
params=EXPLICIT:0,OID:1.2.156.10197.1.301
pub=EXPLICIT:1,FORMAT:HEX,BITSTRING:$2
EOF
  openssl asn1parse -genconf "$T/k.cnf" -out "$T/k.der" -noout &&
    openssl pkey -inform DER -in "$T/k.der" -out "$T/k.pem" &&
    openssl pkey -in "$T/k.pem" -pubout -out "$T/pub.pem"
}

unhex() { xxd -r -p; }
ID=1234567812345678

for round in 1 2 3 4 5; do
  "$G" sm2 keygen >"$T/kg" || { bad "keygen"; continue; }
  d=$(awk '/^private /{print $2}' "$T/kg")
  pub=$(awk '/^public /{print $2}' "$T/kg")
  check_quiet test ${#d} -eq 64
  check_quiet test ${#pub} -eq 130
  check_quiet test "$("$G" sm2 pub -key "$d")" = "$pub"
  openssl_key "$d" "$pub" || { bad "openssl key from hex"; continue; }
  # OpenSSL derives the same public key from d.
  check_quiet test "$(openssl pkey -in "$T/k.pem" -pubout -outform DER | tail -c 65 | xxd -p | tr -d '\n')" = "$pub"
  head -c $((round * 37)) /dev/urandom >"$T/msg"

  # gmtls signs (DER), openssl verifies
  "$G" sm2 sign -key "$d" -in "$T/msg" -der | unhex >"$T/sig.der"
  check_quiet openssl pkeyutl -verify -rawin -digest sm3 -pubin -inkey "$T/pub.pem" -in "$T/msg" \
    -sigfile "$T/sig.der" -pkeyopt distid:$ID
  # with another ID the signature is not valid for OpenSSL
  "$G" sm2 sign -key "$d" -id alice@example.com -in "$T/msg" -der | unhex >"$T/sig2.der"
  check_quiet openssl pkeyutl -verify -rawin -digest sm3 -pubin -inkey "$T/pub.pem" -in "$T/msg" \
    -sigfile "$T/sig2.der" -pkeyopt distid:alice@example.com
  if openssl pkeyutl -verify -rawin -digest sm3 -pubin -inkey "$T/pub.pem" -in "$T/msg" \
    -sigfile "$T/sig2.der" -pkeyopt distid:$ID >/dev/null 2>&1; then bad "wrong ID accepted"; else ok; fi

  # openssl signs, gmtls verifies (DER as hex), also with -hexid
  openssl pkeyutl -sign -rawin -digest sm3 -inkey "$T/k.pem" -in "$T/msg" -out "$T/osig.der" \
    -pkeyopt distid:$ID || bad "openssl sign"
  osig=$(xxd -p "$T/osig.der" | tr -d '\n')
  check_quiet "$G" sm2 verify -pub "$pub" -sig "$osig" -in "$T/msg"
  check_quiet "$G" sm2 verify -pub "$pub" -sig "$osig" -hexid 31323334353637383132333435363738 -in "$T/msg"
  # raw r||s from gmtls verifies through stdin
  rs=$("$G" sm2 sign -key "$d" -in "$T/msg")
  check_quiet test ${#rs} -eq 128
  check_quiet "$G" sm2 verify -pub "$pub" -sig "$rs" <"$T/msg"
  # a changed message: exit 1 with a clear message
  printf 'x' >>"$T/msg"
  expect_fail 1 "verification FAILED" "$G" sm2 verify -pub "$pub" -sig "$osig" -in "$T/msg"

  # gmtls encrypts (DER), openssl decrypts; openssl encrypts, gmtls decrypts
  "$G" sm2 encrypt -pub "$pub" -format der -in "$T/msg" >"$T/ct.der"
  openssl pkeyutl -decrypt -inkey "$T/k.pem" -in "$T/ct.der" -out "$T/pt" && check_quiet cmp -s "$T/pt" "$T/msg" ||
    bad "openssl decrypt of gmtls ciphertext"
  openssl pkeyutl -encrypt -pubin -inkey "$T/pub.pem" -in "$T/msg" -out "$T/oct.der" || bad "openssl encrypt"
  "$G" sm2 decrypt -key "$d" -format der -in "$T/oct.der" >"$T/pt2" && check_quiet cmp -s "$T/pt2" "$T/msg" ||
    bad "gmtls decrypt of openssl ciphertext"
  # raw formats round trip through pipes, and hex in/out
  for f in c1c3c2 c1c2c3; do
    "$G" sm2 encrypt -pub "$pub" -format $f <"$T/msg" | "$G" sm2 decrypt -key "$d" -format $f >"$T/pt3"
    check_quiet cmp -s "$T/pt3" "$T/msg"
  done
  "$G" sm2 encrypt -pub "$pub" -hex -in "$T/msg" | "$G" sm2 decrypt -key "$d" -hexin >"$T/pt4"
  check_quiet cmp -s "$T/pt4" "$T/msg"
  # a forged ciphertext: exit 1, nothing on stdout
  cp "$T/oct.der" "$T/forged"
  flip_byte "$T/forged" -1
  check '! cmp -s "$T/oct.der" "$T/forged"'
  expect_fail 1 "decrypt" "$G" sm2 decrypt -key "$d" -format der -in "$T/forged"
  check_quiet test ! -s "$T/out"
done

# Key exchange: the demonstration, and the two roles run separately with hex inputs.
check_quiet "$G" sm2 exchange
"$G" sm2 keygen >"$T/a" && "$G" sm2 keygen >"$T/b" && "$G" sm2 keygen >"$T/ra" && "$G" sm2 keygen >"$T/rb"
val() { awk -v k="$2" '$1 == k {print $2}' "$1"; }
da=$(val "$T/a" private) pa=$(val "$T/a" public) db=$(val "$T/b" private) pb=$(val "$T/b" public)
ra=$(val "$T/ra" private) RA=$(val "$T/ra" public) rb=$(val "$T/rb" private) RB=$(val "$T/rb" public)
"$G" sm2 exchange -role b -key "$db" -eph "$rb" -peer "$pa" -peer-eph "$RA" -len 32 >"$T/xb" || bad "exchange b"
SB=$(val "$T/xb" SB)
"$G" sm2 exchange -role a -key "$da" -eph "$ra" -peer "$pb" -peer-eph "$RB" -len 32 -confirm "$SB" >"$T/xa" ||
  bad "exchange a"
SA=$(val "$T/xa" SA)
check_quiet test "$(val "$T/xa" key)" = "$(val "$T/xb" key)"
check_quiet test "$(val "$T/xa" R)" = "$RA"
check_quiet test "$(val "$T/xb" R)" = "$RB"
check_quiet "$G" sm2 exchange -role b -key "$db" -eph "$rb" -peer "$pa" -peer-eph "$RA" -len 32 -confirm "$SA"
expect_fail 1 "confirmation value does not match" "$G" sm2 exchange -role b -key "$db" -eph "$rb" -peer "$pa" \
  -peer-eph "$RA" -confirm "$SB"
# An off-curve peer point.
badR=${RA:0:128}$(printf '%02x' $(((0x${RA:128:2} + 1) % 256)))
expect_fail 1 "not a valid point" "$G" sm2 exchange -role b -key "$db" -eph "$rb" -peer "$pa" -peer-eph "$badR"

# Error exits with clear messages.
expect_fail 1 "must be 32 bytes" "$G" sm2 sign -key 1234 -in /dev/null
expect_fail 1 "not valid hex" "$G" sm2 sign -key zz45208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8
expect_fail 1 "not a valid SM2 private key" "$G" sm2 pub -key 0000000000000000000000000000000000000000000000000000000000000000
expect_fail 1 "not a valid SM2 private key" "$G" sm2 pub -key fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54122
# y + 1 in its last byte (writing a fixed byte there left the key unchanged 1 time in 256)
badpub=${pa:0:128}$(printf '%02x' $(((0x${pa:128:2} + 1) % 256)))
expect_fail 1 "not a valid SM2 public key" "$G" sm2 verify -pub "$badpub" -sig "$rs" -in /dev/null
expect_fail 1 "-sig is required" "$G" sm2 verify -pub "$pa" -in /dev/null
expect_fail 1 "not a DER SM2 signature" "$G" sm2 verify -pub "$pa" -sig 3000 -in /dev/null
expect_fail 1 "format must be" "$G" sm2 encrypt -pub "$pa" -format xyz -in /dev/null
expect_fail 1 "input is empty" "$G" sm2 encrypt -pub "$pa" -in /dev/null
expect_fail 1 "unknown operation" "$G" sm2 frobnicate
expect_fail 1 "unknown option" "$G" sm2 sign -bogus
expect_fail 1 "needs a value" "$G" sm2 sign -key
expect_fail 1 "-role" "$G" sm2 exchange -key "$da"
expect_fail 1 "no such file" "$G" sm2 sign -key "$da" -in "$T/does-not-exist"
check_quiet "$G" sm2 -h
"$G" sm2 >/dev/null 2>&1 && bad "no operation should fail" || ok

# Key files and certificates in place of hex: a gmtls PKCS#8 key, an encrypted one (-passin), an
# OpenSSL-made key, public keys from a SubjectPublicKeyInfo file and from a certificate.
"$G" keygen -out "$T/f.key" >/dev/null 2>&1
"$G" pkey -in "$T/f.key" -pubout -out "$T/f.pub" >/dev/null 2>&1
printf 'file keys\n' >"$T/fm"
fsig=$("$G" sm2 sign -key "$T/f.key" -in "$T/fm" -der 2>"$T/err")
check '[ -n "$fsig" ]'
check_quiet "$G" sm2 verify -pub "$T/f.pub" -sig "$fsig" -in "$T/fm"
fpub_hex=$("$G" sm2 pub -key "$T/f.key" 2>/dev/null | awk '{print $NF}')
check_quiet "$G" sm2 verify -pub "$fpub_hex" -sig "$fsig" -in "$T/fm"
openssl pkey -in "$T/f.key" -pubout -out "$T/f.ossl.pub" 2>/dev/null
check 'openssl pkeyutl -verify -pubin -inkey "$T/f.ossl.pub" -rawin -digest sm3 -pkeyopt distid:1234567812345678 -in "$T/fm" -sigfile <(xxd -r -p <<<"$fsig") >/dev/null 2>&1'
"$G" keygen -out "$T/e.key" -pass pass:s3cret >/dev/null 2>&1
check_quiet "$G" sm2 sign -key "$T/e.key" -passin pass:s3cret -in "$T/fm"
expect_fail 1 "encrypted" "$G" sm2 sign -key "$T/e.key" -in "$T/fm"
expect_fail 1 "password" "$G" sm2 sign -key "$T/e.key" -passin pass:wrong -in "$T/fm"
# A password file with a NUL byte is refused (it would silently cut the password to "s3cret").
printf 's3cret\0more\n' >"$T/nul.pw"
expect_fail 1 "NUL byte" "$G" sm2 sign -key "$T/e.key" -passin "file:$T/nul.pw" -in "$T/fm"
expect_fail 1 "NUL byte" "$G" keygen -out "$T/nul.key" -pass "file:$T/nul.pw"
check '[ ! -e "$T/nul.key" ]'
openssl genpkey -algorithm SM2 -out "$T/o.key" 2>/dev/null
osig=$("$G" sm2 sign -key "$T/o.key" -in "$T/fm" -der 2>/dev/null)
openssl pkey -in "$T/o.key" -pubout -out "$T/o.pub" 2>/dev/null
check_quiet "$G" sm2 verify -pub "$T/o.pub" -sig "$osig" -in "$T/fm"
"$G" pki init "$T/pki" --org org1.example.com --nodes peer0 >/dev/null 2>&1
nd="$T/pki/nodes/peer0.org1.example.com"
printf 'premaster' >"$T/pm"
"$G" sm2 encrypt -pub "$nd/enc.crt" -format der -in "$T/pm" >"$T/pm.ct" 2>/dev/null
check_quiet "$G" sm2 decrypt -key "$nd/enc.key" -format der -in "$T/pm.ct"
check '[ "$("$G" sm2 decrypt -key "$nd/enc.key" -format der -in "$T/pm.ct")" = premaster ]'
expect_fail 1 "decrypt" "$G" sm2 decrypt -key "$nd/sign.key" -format der -in "$T/pm.ct"
expect_fail 1 "not an SM2 public key or certificate" "$G" sm2 verify -pub "$T/fm" -sig "$fsig" -in "$T/fm"
expect_fail 1 "not valid hex" "$G" sm2 sign -key "$T/missing.key" -in "$T/fm"

report
