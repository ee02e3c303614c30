#!/usr/bin/env bash
# `gmtls req` and `gmtls ca`: requests checked by OpenSSL 3 (`openssl req -verify` with the SM2
# distinguishing ID), requests made by OpenSSL parsed and verified by gmtls, certificates issued
# from requests and from bare public keys verified by OpenSSL and by gmtls, and the error exits.
set -uo pipefail
G=${GMTLS_CLI:?GMTLS_CLI must point at the gmtls command}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 pass=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
check() {
  local what=$1; shift
  if "$@" >"$tmp/out" 2>&1; then ok; else bad "$what"; cat "$tmp/out"; fi
}
check_fails() {
  local what=$1; shift
  "$@" >"$tmp/out" 2>&1
  local rc=$?
  if [ $rc -eq 1 ]; then ok; else bad "$what: exit $rc, want 1"; cat "$tmp/out"; fi
}
contains() {
  if grep -qF -- "$3" "$2"; then ok; else bad "$1: '$3' not in output"; cat "$2"; fi
}
ID=distid:1234567812345678
cd "$tmp" || exit 1

# keys made by OpenSSL (PKCS#8), read by gmtls
for k in ca node enc ossl other; do openssl genpkey -algorithm SM2 -out $k.key 2>/dev/null || bad "genpkey $k"; done

# --- a root ---
check "selfsign" "$G" ca -selfsign -key ca.key -subj "/C=CN/O=Org1/CN=Org1 Root" -days 3650 -pathlen 0 -out ca.crt
check "openssl x509 root" openssl x509 -in ca.crt -noout -text
contains "root is a CA" "$tmp/out" "CA:TRUE, pathlen:0"
contains "root subject" "$tmp/out" "Subject: C = CN, O = Org1, CN = Org1 Root"
check "gmtls verify root" "$G" verify -CAfile ca.crt -purpose ca ca.crt

# --- gmtls request -> OpenSSL ---
check "req" "$G" req -key node.key -subj "/C=CN/O=Org1/OU=a\\/b/CN=peer0.org1.example.com" \
  -san "DNS:peer0.org1.example.com,DNS:peer0,IP:127.0.0.1,IP:::1,email:ops@org1.example.com,URI:spiffe://org1/peer0" -out node.csr
grep -q -- "-----BEGIN CERTIFICATE REQUEST-----" node.csr && ok || bad "req output is not PEM"
check "openssl req -verify" openssl req -in node.csr -verify -noout -vfyopt $ID
contains "openssl req -verify" "$tmp/out" "verify OK"
check "openssl req -text" openssl req -in node.csr -noout -text
contains "csr subject" "$tmp/out" "Subject: C = CN, O = Org1, OU = a/b, CN = peer0.org1.example.com"
contains "csr SAN" "$tmp/out" "DNS:peer0.org1.example.com, DNS:peer0, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, email:ops@org1.example.com, URI:spiffe://org1/peer0"
check "gmtls req -verify" "$G" req -in node.csr -verify -noout
contains "gmtls req -verify" "$tmp/out" "verify OK"
check "gmtls req -text" "$G" req -in node.csr -text -noout
contains "gmtls req -text" "$tmp/out" "Subject: /C=CN/O=Org1/OU=a\\/b/CN=peer0.org1.example.com"
contains "gmtls req -text" "$tmp/out" "IP:::1"
check "req -outform der" "$G" req -key node.key -subj /CN=der -outform der -out node.der
check "openssl req der" openssl req -in node.der -inform DER -verify -noout -vfyopt $ID
check "gmtls req der" "$G" req -in node.der -verify -noout

# tampered request: the last byte of the signature
openssl req -in node.csr -outform DER -out t.der
printf '%s' "$(xxd -p t.der | tr -d '\n')" | sed 's/..$/00/' | xxd -r -p >t2.der
cmp -s t.der t2.der && printf '%s' "$(xxd -p t.der | tr -d '\n')" | sed 's/..$/01/' | xxd -r -p >t2.der
check_fails "tampered request" "$G" req -in t2.der -verify -noout
contains "tampered request" "$tmp/out" "signature verification failed"
head -c 100 t.der >t3.der
check_fails "truncated request" "$G" req -in t3.der -verify
contains "truncated request" "$tmp/out" "not a valid certification request"

# --- OpenSSL request -> gmtls ---
openssl req -new -key ossl.key -subj "/C=CN/O=Org2/CN=openssl.example.com" -sm3 -sigopt $ID \
  -addext "subjectAltName=DNS:openssl.example.com,IP:10.0.0.1" -out ossl.csr 2>/dev/null || bad "openssl req -new"
check "gmtls verifies OpenSSL request" "$G" req -in ossl.csr -verify -text -noout
contains "OpenSSL request SAN" "$tmp/out" "DNS:openssl.example.com"
# signed with another ID: gmtls (default ID) refuses it
openssl req -new -key ossl.key -subj "/CN=otherid" -sm3 -sigopt distid:abc -out ossl2.csr 2>/dev/null || bad "openssl req -new distid:abc"
check_fails "request with another ID" "$G" req -in ossl2.csr -verify -noout

# --- issuing from requests ---
check "ca sign from gmtls csr" "$G" ca -cacert ca.crt -cakey ca.key -in node.csr -profile sign -days 30 -out sign.crt
# the encryption certificate: its own key, the same subject and SAN
check "enc req" "$G" req -key enc.key -subj "/C=CN/O=Org1/OU=a\\/b/CN=peer0.org1.example.com" \
  -san "DNS:peer0.org1.example.com,DNS:peer0,IP:127.0.0.1,IP:::1,email:ops@org1.example.com,URI:spiffe://org1/peer0" -out enc.csr
check "ca enc from csr" "$G" ca -cacert ca.crt -cakey ca.key -in enc.csr -profile enc -days 30 -out enc.crt
check "ca fabric from OpenSSL csr" "$G" ca -cacert ca.crt -cakey ca.key -in ossl.csr -profile fabric -out fab.crt
for c in sign.crt enc.crt fab.crt; do
  check "openssl verify $c" openssl verify -vfyopt $ID -CAfile ca.crt $c
done
check "openssl x509 fab" openssl x509 -in fab.crt -noout -subject -ext subjectAltName
contains "subject from the request" "$tmp/out" "subject=C = CN, O = Org2, CN = openssl.example.com"
contains "SAN from the request" "$tmp/out" "DNS:openssl.example.com, IP Address:10.0.0.1"
check "fabric validity default" openssl x509 -in fab.crt -noout -startdate -enddate
nb=$(date -d "$(openssl x509 -in fab.crt -noout -startdate | cut -d= -f2)" +%s)
na=$(date -d "$(openssl x509 -in fab.crt -noout -enddate | cut -d= -f2)" +%s)
[ $((na - nb)) -eq $((365 * 86400)) ] && ok || bad "default validity $((na - nb))"
check "gmtls pair" "$G" verify -CAfile ca.crt -strict -pair sign.crt enc.crt
# the same key for both roles is not a pair
check "ca enc, same key" "$G" ca -cacert ca.crt -cakey ca.key -in node.csr -profile enc -days 30 -out enc-same.crt
"$G" verify -CAfile ca.crt -strict -pair sign.crt enc-same.crt >"$tmp/out" 2>&1 && bad "pair with one key accepted" || ok
check "gmtls verify sign host" "$G" verify -CAfile ca.crt -strict -purpose tlcp-sign -host peer0 sign.crt
# -subj and -san override the request
check "ca overrides" "$G" ca -cacert ca.crt -cakey ca.key -in ossl.csr -subj /CN=override -san DNS:override.example -profile client-sign -out ov.crt
check "override x509" openssl x509 -in ov.crt -noout -subject -ext subjectAltName
contains "override subject" "$tmp/out" "subject=CN = override"
contains "override SAN" "$tmp/out" "DNS:override.example"
check "openssl verify override" openssl verify -vfyopt $ID -CAfile ca.crt ov.crt

# --- issuing from a public key ---
openssl pkey -in other.key -pubout -out other.pub 2>/dev/null
check "ca -pubkey" "$G" ca -cacert ca.crt -cakey ca.key -pubkey other.pub -subj "/C=CN/CN=pub.example" -profile client-enc -days 10 -outform der -out pub.der
check "openssl verify pubkey cert" openssl verify -vfyopt $ID -CAfile ca.crt <(openssl x509 -inform DER -in pub.der)
# an intermediate CA and a leaf under it
check "ca intermediate" "$G" ca -cacert ca.crt -cakey ca.key -pubkey <(openssl pkey -in other.key -pubout) -subj "/CN=Intermediate" -profile ca -days 100 -out int.crt
check "openssl verify intermediate" openssl verify -vfyopt $ID -CAfile ca.crt int.crt

# --- a CA made by GmSSL (its password-encrypted PKCS#8 key) issues through gmtls ---
SH=${GMTLS_SHARED:-$GMTLS_SOURCE_DIR/../shared}
groot=$SH/interop/pki/gmssl/root_cert.pem
gkey=$SH/interop/pki/gmssl/root_key.enc.pem
if [ -f "$groot" ] && [ -f "$gkey" ]; then ok; else bad "GmSSL fixtures missing under $SH"; fi
check "ca with GmSSL root" "$G" ca -cacert "$groot" -cakey "$gkey" -passin pass:P@ssw0rd -in enc.csr -profile enc -days 3653 -out genc.crt
check "openssl verify under GmSSL root" openssl verify -vfyopt $ID -CAfile "$groot" genc.crt
check "gmtls verify under GmSSL root" "$G" verify -CAfile "$groot" -strict -purpose tlcp-enc genc.crt
check_fails "GmSSL key without password" "$G" ca -cacert "$groot" -cakey "$gkey" -in enc.csr -profile enc

# --- errors ---
check_fails "days too long" "$G" ca -cacert ca.crt -cakey ca.key -in node.csr -profile sign -days 3654
contains "days message" "$tmp/out" "at most 3653 days"
check_fails "days zero" "$G" ca -cacert ca.crt -cakey ca.key -in node.csr -profile sign -days 0
check_fails "selfsign too long" "$G" ca -selfsign -key ca.key -subj /CN=x -days 9999
check_fails "bad profile" "$G" ca -cacert ca.crt -cakey ca.key -in node.csr -profile server
check_fails "no profile" "$G" ca -cacert ca.crt -cakey ca.key -in node.csr
check_fails "wrong CA key" "$G" ca -cacert ca.crt -cakey other.key -in node.csr -profile sign
contains "wrong CA key" "$tmp/out" "does not belong"
check_fails "leaf as CA" "$G" ca -cacert sign.crt -cakey node.key -in ossl.csr -profile sign
contains "leaf as CA" "$tmp/out" "is not a CA certificate"
check_fails "tampered request to ca" "$G" ca -cacert ca.crt -cakey ca.key -in t2.der -profile sign
contains "tampered request to ca" "$tmp/out" "does not verify"
check_fails "-pubkey without -subj" "$G" ca -cacert ca.crt -cakey ca.key -pubkey other.pub -profile sign
check_fails "-in and -pubkey" "$G" ca -cacert ca.crt -cakey ca.key -in node.csr -pubkey other.pub -subj /CN=x -profile sign
check_fails "pathlen on a leaf" "$G" ca -cacert ca.crt -cakey ca.key -in node.csr -profile sign -pathlen 1
for s in "CN=x" "/C=CHN/CN=x" "/XX=y" "/CN=" "/CN=a\\" "/CN=a//O=b"; do
  check_fails "bad subject $s" "$G" req -key node.key -subj "$s"
  contains "bad subject message" "$tmp/out" "-subj"
done
for s in "DNS:" "FOO:x" "IP:1.2.3" "DNS:a,"; do
  check_fails "bad san $s" "$G" req -key node.key -subj /CN=x -san "$s"
done
check_fails "missing key file" "$G" req -key nosuch.key -subj /CN=x
check_fails "not a key" "$G" req -key ca.crt -subj /CN=x
check_fails "req without subject" "$G" req -key node.key
check_fails "unknown option" "$G" req -bogus
check "req -h" "$G" req -h
check "ca -h" "$G" ca -h
check "pki -h" "$G" pki -h

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
