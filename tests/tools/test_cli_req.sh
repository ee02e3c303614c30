#!/usr/bin/env bash
# `gmtls req` and `gmtls ca`: requests checked by OpenSSL 3 (`openssl req -verify` with the SM2
# distinguishing ID), requests made by OpenSSL parsed and verified by gmtls, certificates issued
# from requests and from bare public keys verified by OpenSSL and by gmtls, and the error exits.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ID=distid:1234567812345678
cd "$T" || exit 1

# keys made by OpenSSL (PKCS#8), read by gmtls
for k in ca node enc ossl other; do openssl genpkey -algorithm SM2 -out $k.key 2>/dev/null || bad "genpkey $k"; done

# --- a root ---
check_cmd "selfsign" "$G" ca -selfsign -key ca.key -subj "/C=CN/O=Org1/CN=Org1 Root" -days 3650 -pathlen 0 -out ca.crt
check_cmd "openssl x509 root" openssl x509 -in ca.crt -noout -text
file_contains "root is a CA" "$T/out" "CA:TRUE, pathlen:0"
file_contains "root subject" "$T/out" "Subject: C = CN, O = Org1, CN = Org1 Root"
check_cmd "gmtls verify root" "$G" verify -CAfile ca.crt -purpose ca ca.crt

# --- gmtls request -> OpenSSL ---
check_cmd "req" "$G" req -key node.key -subj "/C=CN/O=Org1/OU=a\\/b/CN=peer0.org1.example.com" \
  -san "DNS:peer0.org1.example.com,DNS:peer0,IP:127.0.0.1,IP:::1,email:ops@org1.example.com,URI:spiffe://org1/peer0" -out node.csr
grep -q -- "-----BEGIN CERTIFICATE REQUEST-----" node.csr && ok || bad "req output is not PEM"
check_cmd "openssl req -verify" openssl req -in node.csr -verify -noout -vfyopt $ID
file_contains "openssl req -verify" "$T/out" "verify OK"
check_cmd "openssl req -text" openssl req -in node.csr -noout -text
file_contains "csr subject" "$T/out" "Subject: C = CN, O = Org1, OU = a/b, CN = peer0.org1.example.com"
file_contains "csr SAN" "$T/out" "DNS:peer0.org1.example.com, DNS:peer0, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, email:ops@org1.example.com, URI:spiffe://org1/peer0"
check_cmd "gmtls req -verify" "$G" req -in node.csr -verify -noout
file_contains "gmtls req -verify" "$T/out" "verify OK"
check_cmd "gmtls req -text" "$G" req -in node.csr -text -noout
file_contains "gmtls req -text" "$T/out" "Subject: /C=CN/O=Org1/OU=a\\/b/CN=peer0.org1.example.com"
file_contains "gmtls req -text" "$T/out" "IP:::1"
check_cmd "req -outform der" "$G" req -key node.key -subj /CN=der -outform der -out node.der
check_cmd "openssl req der" openssl req -in node.der -inform DER -verify -noout -vfyopt $ID
check_cmd "gmtls req der" "$G" req -in node.der -verify -noout

# tampered request: the last byte of the signature
openssl req -in node.csr -outform DER -out t.der
printf '%s' "$(xxd -p t.der | tr -d '\n')" | sed 's/..$/00/' | xxd -r -p >t2.der
cmp -s t.der t2.der && printf '%s' "$(xxd -p t.der | tr -d '\n')" | sed 's/..$/01/' | xxd -r -p >t2.der
check_fails "tampered request" "$G" req -in t2.der -verify -noout
file_contains "tampered request" "$T/out" "signature verification failed"
head -c 100 t.der >t3.der
check_fails "truncated request" "$G" req -in t3.der -verify
file_contains "truncated request" "$T/out" "not a valid certification request"

# --- OpenSSL request -> gmtls ---
openssl req -new -key ossl.key -subj "/C=CN/O=Org2/CN=openssl.example.com" -sm3 -sigopt $ID \
  -addext "subjectAltName=DNS:openssl.example.com,IP:10.0.0.1" -out ossl.csr 2>/dev/null || bad "openssl req -new"
check_cmd "gmtls verifies OpenSSL request" "$G" req -in ossl.csr -verify -text -noout
file_contains "OpenSSL request SAN" "$T/out" "DNS:openssl.example.com"
# signed with another ID: gmtls (default ID) refuses it
openssl req -new -key ossl.key -subj "/CN=otherid" -sm3 -sigopt distid:abc -out ossl2.csr 2>/dev/null || bad "openssl req -new distid:abc"
check_fails "request with another ID" "$G" req -in ossl2.csr -verify -noout

# --- issuing from requests ---
check_cmd "ca sign from gmtls csr" "$G" ca -cacert ca.crt -cakey ca.key -in node.csr -profile sign -days 30 -out sign.crt
# the encryption certificate: its own key, the same subject and SAN
check_cmd "enc req" "$G" req -key enc.key -subj "/C=CN/O=Org1/OU=a\\/b/CN=peer0.org1.example.com" \
  -san "DNS:peer0.org1.example.com,DNS:peer0,IP:127.0.0.1,IP:::1,email:ops@org1.example.com,URI:spiffe://org1/peer0" -out enc.csr
check_cmd "ca enc from csr" "$G" ca -cacert ca.crt -cakey ca.key -in enc.csr -profile enc -days 30 -out enc.crt
check_cmd "ca fabric from OpenSSL csr" "$G" ca -cacert ca.crt -cakey ca.key -in ossl.csr -profile fabric -out fab.crt
for c in sign.crt enc.crt fab.crt; do
  check_cmd "openssl verify $c" openssl verify -vfyopt $ID -CAfile ca.crt $c
done
check_cmd "openssl x509 fab" openssl x509 -in fab.crt -noout -subject -ext subjectAltName
file_contains "subject from the request" "$T/out" "subject=C = CN, O = Org2, CN = openssl.example.com"
file_contains "SAN from the request" "$T/out" "DNS:openssl.example.com, IP Address:10.0.0.1"
check_cmd "fabric validity default" openssl x509 -in fab.crt -noout -startdate -enddate
nb=$(date -d "$(openssl x509 -in fab.crt -noout -startdate | cut -d= -f2)" +%s)
na=$(date -d "$(openssl x509 -in fab.crt -noout -enddate | cut -d= -f2)" +%s)
[ $((na - nb)) -eq $((365 * 86400)) ] && ok || bad "default validity $((na - nb))"
check_cmd "gmtls pair" "$G" verify -CAfile ca.crt -strict -pair sign.crt enc.crt
# the same key for both roles is not a pair
check_cmd "ca enc, same key" "$G" ca -cacert ca.crt -cakey ca.key -in node.csr -profile enc -days 30 -out enc-same.crt
"$G" verify -CAfile ca.crt -strict -pair sign.crt enc-same.crt >"$T/out" 2>&1 && bad "pair with one key accepted" || ok
check_cmd "gmtls verify sign host" "$G" verify -CAfile ca.crt -strict -purpose tlcp-sign -host peer0 sign.crt
# -subj and -san override the request
check_cmd "ca overrides" "$G" ca -cacert ca.crt -cakey ca.key -in ossl.csr -subj /CN=override -san DNS:override.example -profile client-sign -out ov.crt
check_cmd "override x509" openssl x509 -in ov.crt -noout -subject -ext subjectAltName
file_contains "override subject" "$T/out" "subject=CN = override"
file_contains "override SAN" "$T/out" "DNS:override.example"
check_cmd "openssl verify override" openssl verify -vfyopt $ID -CAfile ca.crt ov.crt

# --- issuing from a public key ---
openssl pkey -in other.key -pubout -out other.pub 2>/dev/null
check_cmd "ca -pubkey" "$G" ca -cacert ca.crt -cakey ca.key -pubkey other.pub -subj "/C=CN/CN=pub.example" -profile client-enc -days 10 -outform der -out pub.der
check_cmd "openssl verify pubkey cert" openssl verify -vfyopt $ID -CAfile ca.crt <(openssl x509 -inform DER -in pub.der)
# an intermediate CA and a leaf under it
check_cmd "ca intermediate" "$G" ca -cacert ca.crt -cakey ca.key -pubkey <(openssl pkey -in other.key -pubout) -subj "/CN=Intermediate" -profile ca -days 100 -out int.crt
check_cmd "openssl verify intermediate" openssl verify -vfyopt $ID -CAfile ca.crt int.crt

# --- a CA made by GmSSL (its password-encrypted PKCS#8 key) issues through gmtls ---
SH=${GMTLS_SHARED:-$GMTLS_SOURCE_DIR/../shared}
groot=$SH/interop/pki/gmssl/root_cert.pem
gkey=$SH/interop/pki/gmssl/root_key.enc.pem
if [ -f "$groot" ] && [ -f "$gkey" ]; then ok; else bad "GmSSL fixtures missing under $SH"; fi
check_cmd "ca with GmSSL root" "$G" ca -cacert "$groot" -cakey "$gkey" -passin pass:P@ssw0rd -in enc.csr -profile enc -days 3653 -out genc.crt
check_cmd "openssl verify under GmSSL root" openssl verify -vfyopt $ID -CAfile "$groot" genc.crt
check_cmd "gmtls verify under GmSSL root" "$G" verify -CAfile "$groot" -strict -purpose tlcp-enc genc.crt
check_fails "GmSSL key without password" "$G" ca -cacert "$groot" -cakey "$gkey" -in enc.csr -profile enc

# --- errors ---
check_fails "days too long" "$G" ca -cacert ca.crt -cakey ca.key -in node.csr -profile sign -days 3654
file_contains "days message" "$T/out" "at most 3653 days"
check_fails "days zero" "$G" ca -cacert ca.crt -cakey ca.key -in node.csr -profile sign -days 0
check_fails "selfsign too long" "$G" ca -selfsign -key ca.key -subj /CN=x -days 9999
check_fails "bad profile" "$G" ca -cacert ca.crt -cakey ca.key -in node.csr -profile server
check_fails "no profile" "$G" ca -cacert ca.crt -cakey ca.key -in node.csr
check_fails "wrong CA key" "$G" ca -cacert ca.crt -cakey other.key -in node.csr -profile sign
file_contains "wrong CA key" "$T/out" "does not belong"
check_fails "leaf as CA" "$G" ca -cacert sign.crt -cakey node.key -in ossl.csr -profile sign
file_contains "leaf as CA" "$T/out" "is not a CA certificate"
check_fails "tampered request to ca" "$G" ca -cacert ca.crt -cakey ca.key -in t2.der -profile sign
file_contains "tampered request to ca" "$T/out" "does not verify"
check_fails "-pubkey without -subj" "$G" ca -cacert ca.crt -cakey ca.key -pubkey other.pub -profile sign
check_fails "-in and -pubkey" "$G" ca -cacert ca.crt -cakey ca.key -in node.csr -pubkey other.pub -subj /CN=x -profile sign
check_fails "pathlen on a leaf" "$G" ca -cacert ca.crt -cakey ca.key -in node.csr -profile sign -pathlen 1
for s in "CN=x" "/C=CHN/CN=x" "/XX=y" "/CN=" "/CN=a\\" "/CN=a//O=b"; do
  check_fails "bad subject $s" "$G" req -key node.key -subj "$s"
  file_contains "bad subject message" "$T/out" "-subj"
done
for s in "DNS:" "FOO:x" "IP:1.2.3" "DNS:a,"; do
  check_fails "bad san $s" "$G" req -key node.key -subj /CN=x -san "$s"
done
check_fails "missing key file" "$G" req -key nosuch.key -subj /CN=x
check_fails "not a key" "$G" req -key ca.crt -subj /CN=x
check_fails "req without subject" "$G" req -key node.key
check_fails "unknown option" "$G" req -bogus
check_cmd "req -h" "$G" req -h
check_cmd "ca -h" "$G" ca -h
check_cmd "pki -h" "$G" pki -h

report
