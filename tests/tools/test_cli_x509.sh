#!/usr/bin/env bash
# `gmtls x509` and `gmtls verify` end to end on certificates made by OpenSSL 3
# (tests/pki/data/mkcerts_openssl.sh) and on the GmSSL / Tongsuo interop set: conversions agree
# with openssl byte for byte, the text dump shows every field, verification verdicts and exit codes.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SRC=${GMTLS_SOURCE_DIR:?}
SH=${GMTLS_SHARED:?}/interop/pki

bash "$SRC/tests/pki/data/mkcerts_openssl.sh" "$T/p" >"$T/gen.log" 2>&1 || { cat "$T/gen.log"; exit 1; }
cd "$T/p"

# --- x509: conversions agree with openssl ---
for c in root ca1 server enc client crit noncrit nc; do
  "$G" x509 -in $c.pem >"$T/$c.out" && cmp -s "$T/$c.out" <(openssl x509 -in $c.pem) && ok || bad "x509 PEM of $c"
  "$G" x509 -in $c.pem -outform der >"$T/$c.der" && cmp -s "$T/$c.der" $c.der && ok || bad "x509 DER of $c"
  "$G" x509 -in $c.der -outform pem >"$T/$c.pem2" && cmp -s "$T/$c.pem2" "$T/$c.out" && ok || bad "x509 DER in of $c"
  want=$(openssl x509 -in $c.pem -noout -fingerprint -sm3 | cut -d= -f2)
  expect_eq "$("$G" x509 -in $c.pem -noout -fingerprint | cut -d= -f2)" "$want" "fingerprint of $c"
  expect_eq "$("$G" x509 -in $c.pem -noout -serial)" "$(openssl x509 -in $c.pem -noout -serial)" "serial of $c"
done
"$G" x509 -in server.pem -noout -subject -issuer >"$T/si"
expect_eq "$(cat "$T/si")" "subject=/C=CN/O=gmtls test/CN=www.example.com
issuer=/C=CN/O=gmtls test/CN=Test CA1" "subject and issuer"
expect_eq "$("$G" x509 -in server.pem -noout | wc -c)" "0" "-noout alone prints nothing"

# --- x509 -text: every field and extension ---
t=$("$G" x509 -in server.pem -noout -text)
text_contains "$t" "Version: 3 (0x2)" "text version"
text_contains "$t" "10:01" "text serial"
text_contains "$t" "Signature Algorithm: SM2-with-SM3" "text sigalg"
text_contains "$t" "Issuer: /C=CN/O=gmtls test/CN=Test CA1" "text issuer"
text_contains "$t" "Not Before: " "text validity"
text_contains "$t" "Public-Key: (256 bit, SM2)" "text key"
text_contains "$t" "X509v3 Key Usage: critical" "text KU critical"
text_contains "$t" "Digital Signature" "text KU bits"
text_contains "$t" "serverAuth" "text EKU"
text_contains "$t" "DNS:www.example.com, DNS:*.example.org, IP Address:10.1.2.3, IP Address:2001:db8::1, email:ops@example.com, URI:https://example.com/" "text SAN"
text_contains "$t" "X509v3 Subject Key Identifier" "text SKI"
text_contains "$t" "Signature Value:" "text signature"
ski=$(openssl x509 -in server.pem -noout -ext subjectKeyIdentifier | tail -1 | tr -d ' ')
text_contains "$t" "$ski" "text SKI value equals openssl's"
t=$("$G" x509 -in crit.pem -noout -text)
text_contains "$t" "1.2.3.4: critical" "unknown critical extension shown"
t=$("$G" x509 -in noncrit.pem -noout -text)
text_contains "$t" "Policy: 1.2.156.1.2.3" "text policies"
text_contains "$t" "URI:http://crl.example.com/ca1.crl" "text CRL DP"
text_contains "$t" "OCSP - URI:http://ocsp.example.com/" "text AIA"
t=$("$G" x509 -in nc.pem -noout -text)
text_contains "$t" "IP Address:10.0.0.0/255.0.0.0" "text name constraints"
text_contains "$t" "CA:TRUE" "text basic constraints"
t=$("$G" x509 -in ca1.pem -noout -text)
text_contains "$t" "CA:TRUE, pathlen:0" "text pathlen"

# several certificates in one PEM file
expect_eq "$("$G" x509 -in "$SH/gmssl/server_certs.pem" | grep -c 'BEGIN CERTIFICATE')" "2" "two certificates"
expect_eq "$("$G" x509 -in "$SH/gmssl/server_certs.pem" -noout -subject | wc -l)" "2" "two subjects"
expect_eq "$("$G" x509 -in "$SH/tongsuo/root_cert.pem" -noout -text | grep -c 'Certificate Sign')" "1" "tongsuo root"
"$G" x509 -in server.pem < /dev/null >/dev/null && ok || bad "x509 -in"
"$G" x509 <server.pem | cmp -s - "$T/server.out" && ok || bad "x509 from stdin"

# malformed input: exit 1 and a message
head -c 100 server.der >"$T/trunc.der"
"$G" x509 -in "$T/trunc.der" >/dev/null 2>"$T/err"; expect_eq "$?" "1" "truncated DER exit"
text_contains "$(cat "$T/err")" "gmtls x509:" "truncated DER message"
echo "not a certificate" >"$T/junk"
"$G" x509 -in "$T/junk" >/dev/null 2>&1; expect_eq "$?" "1" "junk exit"
"$G" x509 -in "$T/nonexistent" >/dev/null 2>&1; expect_eq "$?" "1" "missing file exit"
"$G" x509 -outform xml -in server.pem >/dev/null 2>&1; expect_eq "$?" "1" "bad -outform"
"$G" x509 -h | grep -q "usage: gmtls x509" && ok || bad "x509 -h"

# --- verify ---
v() { "$G" verify "$@" 2>&1; }
expect_eq "$(v -CAfile root.pem -untrusted ca1.pem -purpose server -host www.example.com server.pem)" \
  "server.pem: OK" "verify server"
expect_eq "$(v -CAfile root.pem -untrusted ca1.pem -purpose tlcp-sign -host 10.1.2.3 server.pem enc.pem)" \
  "server.pem: OK
enc.pem: error: certificate key usage does not allow this use" "verify two files"
v -CAfile root.pem -untrusted ca1.pem -purpose tlcp-sign server.pem enc.pem >/dev/null; expect_eq "$?" "2" "verify failure exit"
v -CAfile root.pem -untrusted ca1.pem server.pem >/dev/null; expect_eq "$?" "0" "verify success exit"
cat server.pem ca1.pem >"$T/chain.pem"
expect_eq "$(v -CAfile root.pem "$T/chain.pem" | cut -d: -f2-)" " OK" "verify a chain file"
expect_eq "$(v -CAfile root.pem server.pem)" "server.pem: error: certificate issuer unknown" "unknown issuer"
expect_eq "$(v -CAfile root.pem -untrusted ca1.pem -host example.com server.pem)" \
  "server.pem: error: certificate does not match the host name" "host mismatch"
expect_eq "$(v -CAfile root.pem -untrusted ca1.pem -purpose client server.pem)" \
  "server.pem: error: certificate extended key usage does not allow this use" "EKU"
expect_eq "$(v -CAfile root.pem -untrusted ca1.pem crit.pem)" \
  "crit.pem: error: certificate has an unknown critical extension" "critical extension"
expect_eq "$(v -CAfile root.pem -untrusted ca1.pem -crl ca1.crl revoked.pem server.pem)" \
  "revoked.pem: error: certificate revoked
server.pem: OK" "revocation"
expect_eq "$(v -CAfile root.pem -untrusted ca1.pem -untrusted ca2.pem deep.pem)" \
  "deep.pem: error: certificate path length constraint exceeded" "path length"
expect_eq "$(v -CAfile root.pem -untrusted ca1.pem -untrusted server.pem notca.pem)" \
  "notca.pem: error: issuer certificate is not a CA" "not a CA"
expect_eq "$(v -CAfile root.pem -untrusted cross.pem xleaf.pem)" \
  "xleaf.pem: error: certificate chain too long or looping" "loop"
expect_eq "$(v -CAfile root.pem -untrusted nc.pem ncgood.pem ncdns.pem)" \
  "ncgood.pem: OK
ncdns.pem: error: certificate violates name constraints" "name constraints"
nb=$(date -d "$(openssl x509 -in server.pem -noout -startdate | cut -d= -f2)" +%s)
expect_eq "$(v -CAfile root.pem -untrusted ca1.pem -attime $((nb - 86400)) server.pem)" \
  "server.pem: error: certificate not yet valid" "attime before"
expect_eq "$(v -CAfile root.pem -untrusted ca1.pem -attime $((nb + 20 * 365 * 86400)) server.pem)" \
  "server.pem: error: certificate expired" "attime after"
# tampered: one byte of the serial number changed
python3 - server.der "$T/tampered.der" <<'PY' || bad "tamper script"
import sys
d = bytearray(open(sys.argv[1], 'rb').read())
i = d.find(bytes([0x02, 0x02, 0x10, 0x01]))
d[i + 3] ^= 0x02
open(sys.argv[2], 'wb').write(d)
PY
expect_eq "$(v -CAfile root.pem -untrusted ca1.pem "$T/tampered.der" | cut -d: -f2-)" \
  " error: certificate signature does not verify" "tampered"

# pairs
expect_eq "$(v -CAfile root.pem -untrusted ca1.pem -strict -pair server.pem enc.pem)" "server.pem + enc.pem: OK" "pair"
expect_eq "$(v -CAfile root.pem -untrusted ca1.pem -pair enc.pem server.pem | cut -d: -f2-)" \
  " error: certificate key usage does not allow this use" "swapped pair"
expect_eq "$(v -CAfile root.pem -untrusted ca1.pem -pair server.pem client.pem | cut -d: -f2-)" \
  " error: certificate key usage does not allow this use" "pair with a signing cert as enc"
expect_eq "$(v -CAfile root.pem -untrusted ca1.pem -pair fabric.pem fabric.pem -fabric)" \
  "fabric.pem + fabric.pem: OK" "fabric pair"
expect_eq "$(v -CAfile root.pem -untrusted ca1.pem -pair fabric.pem fabric.pem | cut -d: -f2-)" \
  " error: signing and encryption certificates do not form a valid TLCP pair" "fabric cert without -fabric"
for vendor in gmssl tongsuo; do
  for side in server client; do
    at=$(( $(date -d "$(openssl x509 -in "$SH/$vendor/root_cert.pem" -noout -startdate | cut -d= -f2)" +%s) + 86400 ))
    v -CAfile "$SH/$vendor/root_cert.pem" -attime $at -strict -pair "$SH/$vendor/${side}_sign_cert.pem" \
      "$SH/$vendor/${side}_enc_cert.pem" | grep -q ": OK$" && ok || bad "$vendor $side pair (strict)"
  done
done

# usage errors
v >/dev/null; expect_eq "$?" "1" "verify without arguments"
v -CAfile root.pem >/dev/null; expect_eq "$?" "1" "verify without certificates"
v -CAfile root.pem -purpose nope server.pem >/dev/null; expect_eq "$?" "1" "bad purpose"
v -CAfile "$T/junk" server.pem >/dev/null; expect_eq "$?" "1" "bad CAfile"
"$G" verify -h | grep -q "usage: gmtls verify" && ok || bad "verify -h"

report
