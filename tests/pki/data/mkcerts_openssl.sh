#!/usr/bin/env bash
# Make a small SM2 PKI with the OpenSSL 3 command line, for the gmtls verification tests:
#   mkcerts_openssl.sh OUTDIR
# Every signature is SM2-with-SM3 with the default signer ID. File names describe what each
# certificate is for; the tests assert the exact gmtls result for each.
set -euo pipefail
out=$1
mkdir -p "$out"
cd "$out"
SIG=(-sm3 -sigopt distid:1234567812345678)

key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:SM2 -out "$1.key" 2>/dev/null; }

# selfsigned NAME SUBJECT EXTSECTION-TEXT
selfsigned() {
  key "$1"
  printf '%s\n' "$3" > "$1.ext"
  openssl req -x509 -new -key "$1.key" "${SIG[@]}" -subj "$2" -days 3650 -set_serial "$4" \
    -extensions v3 -config <(printf '[req]\ndistinguished_name=dn\n[dn]\n[v3]\n%s\n' "$3") -out "$1.pem"
}

# issue NAME SUBJECT ISSUER EXT-TEXT SERIAL [extra x509 options]
issue() {
  local name=$1 subj=$2 ca=$3 ext=$4 serial=$5
  shift 5
  [ -f "$name.key" ] || key "$name"
  openssl req -new -key "$name.key" "${SIG[@]}" -subj "$subj" -out "$name.csr" 2>/dev/null
  printf '%s\n' "$ext" > "$name.ext"
  openssl x509 -req -in "$name.csr" -vfyopt distid:1234567812345678 -CA "$ca.pem" -CAkey "$ca.key" "${SIG[@]}" -set_serial "$serial" \
    -days 3650 -extfile "$name.ext" -out "$name.pem" "$@" 2>/dev/null
}

CA='basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid'
CA0='basicConstraints=critical,CA:TRUE,pathlen:0
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid'
LEAF='basicConstraints=CA:FALSE
authorityKeyIdentifier=keyid
subjectKeyIdentifier=hash'

selfsigned root "/C=CN/O=gmtls test/CN=Test Root" "$CA" 1
issue ca1 "/C=CN/O=gmtls test/CN=Test CA1" root "$CA0" 2
issue server "/C=CN/O=gmtls test/CN=www.example.com" ca1 "$LEAF
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=DNS:www.example.com,DNS:*.example.org,IP:10.1.2.3,IP:2001:db8::1,email:ops@example.com,URI:https://example.com/" 0x1001
issue enc "/C=CN/O=gmtls test/CN=www.example.com" ca1 "$LEAF
keyUsage=critical,keyEncipherment,dataEncipherment
extendedKeyUsage=serverAuth
subjectAltName=DNS:www.example.com,DNS:*.example.org,IP:10.1.2.3,IP:2001:db8::1,email:ops@example.com,URI:https://example.com/" 0x1002
issue client "/C=CN/O=gmtls test/CN=client" ca1 "$LEAF
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth" 0x1003
issue fabric "/C=CN/O=gmtls test/CN=fabric peer" ca1 "$LEAF
keyUsage=critical,digitalSignature,keyEncipherment" 0x1004
issue crit "/C=CN/O=gmtls test/CN=critical" ca1 "$LEAF
keyUsage=critical,digitalSignature
1.2.3.4=critical,DER:0500" 0x1005
issue noncrit "/C=CN/O=gmtls test/CN=noncritical" ca1 "$LEAF
keyUsage=critical,digitalSignature
1.2.3.4=DER:0500
certificatePolicies=1.2.156.1.2.3
crlDistributionPoints=URI:http://crl.example.com/ca1.crl
authorityInfoAccess=OCSP;URI:http://ocsp.example.com/,caIssuers;URI:http://ca.example.com/ca1.crt
issuerAltName=email:ca@example.com" 0x1006
issue revoked "/C=CN/O=gmtls test/CN=revoked" ca1 "$LEAF
keyUsage=critical,digitalSignature" 0x1007
# Encryption certificates that pair with server.pem by default but not in strict mode.
SAN='subjectAltName=DNS:www.example.com,DNS:*.example.org,IP:10.1.2.3,IP:2001:db8::1,email:ops@example.com,URI:https://example.com/'
issue enc_de "/C=CN/O=gmtls test/CN=www.example.com" ca1 "$LEAF
keyUsage=critical,dataEncipherment
$SAN" 0x1101
issue enc_san "/C=CN/O=gmtls test/CN=www.example.com" ca1 "$LEAF
keyUsage=critical,keyEncipherment
subjectAltName=DNS:www.example.com" 0x1102
issue enc_noku "/C=CN/O=gmtls test/CN=www.example.com" ca1 "$LEAF
$SAN" 0x1103
issue enc_ca "/C=CN/O=gmtls test/CN=www.example.com" ca1 "basicConstraints=critical,CA:TRUE
keyUsage=critical,keyEncipherment,keyCertSign
$SAN" 0x1104
issue enc_root "/C=CN/O=gmtls test/CN=www.example.com" root "$LEAF
keyUsage=critical,keyEncipherment
$SAN" 0x1105
issue nosan "/C=CN/O=gmtls test/CN=nosan.example.net" ca1 "$LEAF
keyUsage=critical,digitalSignature" 0x1008

# pathlen: ca1 has pathlen 0, so a CA below it cannot issue.
issue ca2 "/C=CN/O=gmtls test/CN=Test CA2" ca1 "$CA" 0x2001
issue deep "/C=CN/O=gmtls test/CN=deep" ca2 "$LEAF
keyUsage=critical,digitalSignature" 0x2002

# Issued by an end-entity certificate (not a CA).
issue notca "/C=CN/O=gmtls test/CN=under a leaf" server "$LEAF
keyUsage=critical,digitalSignature" 0x3001
# Issued by a CA certificate without keyCertSign.
issue casign "/C=CN/O=gmtls test/CN=CA without certsign" root "basicConstraints=critical,CA:TRUE
keyUsage=critical,digitalSignature,cRLSign
subjectKeyIdentifier=hash" 0x3002
issue underks "/C=CN/O=gmtls test/CN=under casign" casign "$LEAF
keyUsage=critical,digitalSignature" 0x3003

# Name constraints: example.com and 10.0.0.0/8 permitted, bad.example.com excluded.
issue nc "/C=CN/O=gmtls test/CN=Constrained CA" root "$CA
nameConstraints=critical,permitted;DNS:example.com,permitted;IP:10.0.0.0/255.0.0.0,excluded;DNS:bad.example.com" 0x4001
issue ncgood "/C=CN/O=gmtls test/CN=ncgood" nc "$LEAF
keyUsage=critical,digitalSignature
subjectAltName=DNS:www.example.com,IP:10.9.9.9" 0x4002
issue ncdns "/C=CN/O=gmtls test/CN=ncdns" nc "$LEAF
keyUsage=critical,digitalSignature
subjectAltName=DNS:www.example.net" 0x4003
issue ncip "/C=CN/O=gmtls test/CN=ncip" nc "$LEAF
keyUsage=critical,digitalSignature
subjectAltName=DNS:a.example.com,IP:192.168.1.1" 0x4004
issue ncexcl "/C=CN/O=gmtls test/CN=ncexcl" nc "$LEAF
keyUsage=critical,digitalSignature
subjectAltName=DNS:x.bad.example.com" 0x4005

# Two CAs that certify each other (a loop), and a leaf under one of them.
key xa
key xb
openssl req -new -key xa.key "${SIG[@]}" -subj "/CN=Cross A" -out xa.csr
openssl req -new -key xb.key "${SIG[@]}" -subj "/CN=Cross B" -out xb.csr
# temporary self-signed versions, only to sign the cross certificates
openssl req -x509 -new -key xa.key "${SIG[@]}" -subj "/CN=Cross A" -days 10 -out xa_self.pem
openssl req -x509 -new -key xb.key "${SIG[@]}" -subj "/CN=Cross B" -days 10 -out xb_self.pem
printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign\n' > x.ext
openssl x509 -req -in xa.csr -vfyopt distid:1234567812345678 -CA xb_self.pem -CAkey xb.key "${SIG[@]}" -set_serial 0x5001 -days 3650 -extfile x.ext -out xa.pem 2>/dev/null
openssl x509 -req -in xb.csr -vfyopt distid:1234567812345678 -CA xa_self.pem -CAkey xa.key "${SIG[@]}" -set_serial 0x5002 -days 3650 -extfile x.ext -out xb.pem 2>/dev/null
issue xleaf "/CN=under cross A" xa "basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature" 0x5003
cat xa.pem xb.pem > cross.pem

# A CRL from ca1 revoking "revoked" (openssl ca needs a small database).
mkdir -p ca1db
: > ca1db/index.txt
echo 1000 > ca1db/crlnumber
# ca_cnf FILE SECTION CA-CERT CA-KEY [LINE...]: an `openssl ca` configuration over the ca1db
# database signing with that CA; the LINEs are appended (the CRL extension section).
ca_cnf() {
  local file=$1 sect=$2 cert=$3 cakey=$4
  shift 4
  {
    printf '[ca]\ndefault_ca = %s\n[%s]\ndir = %s\n' "$sect" "$sect" "$PWD/ca1db"
    printf 'database = $dir/index.txt\ncrlnumber = $dir/crlnumber\n'
    printf 'certificate = %s\nprivate_key = %s\ndefault_md = sm3\ndefault_crl_days = 30\n' "$cert" "$cakey"
    if [ $# -gt 0 ]; then printf '%s\n' "$@"; fi
  } >"$file"
}
# gencrl CONFIG OUT [openssl ca options...]
gencrl() {
  local cnf=$1 crl=$2
  shift 2
  openssl ca -config "$cnf" -gencrl "$@" -md sm3 -sigopt distid:1234567812345678 -out "$crl" 2>/dev/null
}
ca_cnf ca1db/ca.cnf ca1 "$PWD/ca1.pem" "$PWD/ca1.key" "crl_extensions = crl_ext" "[crl_ext]" \
  "authorityKeyIdentifier = keyid"
openssl ca -config ca1db/ca.cnf -revoke revoked.pem -crl_reason keyCompromise 2>/dev/null
gencrl ca1db/ca.cnf ca1.crl
# A CRL that expires one hour after it is made.
gencrl ca1db/ca.cnf ca1_short.crl -crlhours 1
# The same CRL signed by the root: wrong issuer for ca1's certificates.
ca_cnf ca1db/root.cnf r "$PWD/root.pem" "$PWD/root.key"
gencrl ca1db/root.cnf root.crl
# A CRL with an unknown critical extension, and one from a CA without cRLSign (Cross A).
ca_cnf ca1db/crit.cnf ca1 "$PWD/ca1.pem" "$PWD/ca1.key" "crl_extensions = crl_ext" "[crl_ext]" \
  "authorityKeyIdentifier = keyid" "1.2.3.4 = critical,DER:0500"
gencrl ca1db/crit.cnf ca1_crit.crl
ca_cnf ca1db/xa.cnf r "$PWD/xa.pem" "$PWD/xa.key"
gencrl ca1db/xa.cnf xa.crl
for f in *.pem; do openssl x509 -in "$f" -outform DER -out "${f%.pem}.der"; done
openssl crl -in ca1.crl -outform DER -out ca1.crl.der
openssl crl -in root.crl -outform DER -out root.crl.der
openssl crl -in ca1_crit.crl -outform DER -out ca1_crit.crl.der
openssl crl -in xa.crl -outform DER -out xa.crl.der
rm -f ./*.csr ./*.ext
