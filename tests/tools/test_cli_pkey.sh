#!/usr/bin/env bash
# gmtls keygen / gmtls pkey against the openssl command line: keys made by each are read by the
# other with the same public key; GmSSL's encrypted keys; password sources; file modes; errors.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
G=$(cd "$(dirname "$G")" && pwd)/$(basename "$G")
S=${GMTLS_SHARED:?}
cd "$T"
# same public key according to openssl and gmtls
same_pub() { # file [gmtls pkey args...]
    local f=$1; shift
    local a b
    a=$(openssl pkey -in "$f" -pubout 2>/dev/null) || { bad "openssl cannot read $f"; return; }
    b=$("$G" pkey -in "$f" -pubout "$@" 2>&1) || { bad "gmtls cannot read $f: $b"; return; }
    if [ "$a" = "$b" ]; then ok; else bad "public keys differ for $f"; fi
}

# --- keygen ---
check '"$G" keygen -out k8.pem'
check '[ "$(stat -c %a k8.pem)" = 600 ]'
check 'head -1 k8.pem | grep -q "^-----BEGIN PRIVATE KEY-----$"'
check '! "$G" keygen -out k8.pem 2>err.txt'
check 'grep -q "already exists" err.txt'
check '"$G" keygen -out k8.pem -force'
check '"$G" keygen -format sec1 -out ksec1.pem'
check 'head -1 ksec1.pem | grep -q "^-----BEGIN EC PRIVATE KEY-----$"'
check '"$G" keygen -pass pass:s3cret -out kenc.pem'
check 'head -1 kenc.pem | grep -q "^-----BEGIN ENCRYPTED PRIVATE KEY-----$"'
check '[ "$(stat -c %a kenc.pem)" = 600 ]'
check '! "$G" keygen -format sec1 -pass pass:x -out x.pem 2>/dev/null'
check '! "$G" keygen -format der 2>/dev/null'
check '"$G" keygen | grep -q "BEGIN PRIVATE KEY"'
# what gmtls writes, openssl reads (same public key; full text parse too)
for f in k8.pem ksec1.pem; do
    check 'openssl pkey -in $f -noout -text >/dev/null 2>&1'
    same_pub $f
done
# OpenSSL 3.0 cannot decrypt hmacWithSM3-keyed PBES2; when this openssl can, check it too
if openssl pkey -in kenc.pem -passin pass:s3cret -noout 2>/dev/null; then
    check '[ "$(openssl pkey -in kenc.pem -passin pass:s3cret -pubout)" = "$("$G" pkey -in kenc.pem -passin pass:s3cret -pubout)" ]'
fi
check '[ "$("$G" pkey -in kenc.pem -passin pass:s3cret -pubout)" = "$("$G" pkey -in kenc.pem -passin pass:s3cret | openssl pkey -pubout)" ]'
# PBKDF2-HMAC-SHA256 + SM4-CBC, which OpenSSL 3.0 decrypts itself
check '"$G" keygen -pass pass:s3cret -v2prf hmacWithSHA256 -iter 20000 -out k256.pem'
check 'openssl asn1parse -in k256.pem | grep -q hmacWithSHA256'
check 'openssl pkey -in k256.pem -passin pass:s3cret -noout -text >/dev/null 2>&1'
check '[ "$(openssl pkey -in k256.pem -passin pass:s3cret -pubout 2>/dev/null)" = "$("$G" pkey -in k256.pem -passin pass:s3cret -pubout)" ]'
check '"$G" pkey -in kenc.pem -passin pass:s3cret -passout pass:other -v2prf hmacWithSHA256 -out k256b.pem'
check '[ "$(openssl pkey -in k256b.pem -passin pass:other -pubout 2>/dev/null)" = "$("$G" pkey -in kenc.pem -passin pass:s3cret -pubout)" ]'
check '! "$G" keygen -v2prf hmacWithSHA256 2>/dev/null'
check '! "$G" keygen -pass pass:x -v2prf md5 2>err.txt' && check 'grep -q "unknown PRF" err.txt'
check '! "$G" keygen -pass pass:x -iter 10 2>/dev/null'

# --- pkey conversions round trip ---
check '"$G" pkey -in k8.pem -format sec1 -out c1.pem && head -1 c1.pem | grep -q "EC PRIVATE KEY"'
check '"$G" pkey -in c1.pem -format pkcs8 -out c2.pem && cmp -s c2.pem k8.pem'
check '"$G" pkey -in k8.pem -passout pass:pw2 -out c3.pem && head -1 c3.pem | grep -q ENCRYPTED'
check '"$G" pkey -in c3.pem -passin pass:pw2 -out c4.pem && cmp -s c4.pem k8.pem'
check '! "$G" pkey -in k8.pem -format sec1 -passout pass:x 2>/dev/null'
check '"$G" pkey -in k8.pem -text -noout | grep -q "^priv:"'
# -text shows the same public key openssl prints
g_pub=$("$G" pkey -in k8.pem -text -noout | sed -n '/^pub:/,$p' | tail -n +2 | tr -d ' \n:')
o_pub=$(openssl pkey -in k8.pem -noout -text | sed -n '/^pub:/,/^[A-Z]/p' | grep '^ ' | tr -d ' \n:')
check '[ -n "$g_pub" ] && [ "$g_pub" = "$o_pub" ]'
# DER input
openssl pkey -in k8.pem -outform DER -out k8.der 2>/dev/null
check '[ "$("$G" pkey -in k8.der -pubout)" = "$("$G" pkey -in k8.pem -pubout)" ]'

# --- keys openssl makes ---
check 'openssl genpkey -algorithm SM2 -out o8.pem 2>/dev/null'
same_pub o8.pem
# SEC1 ("SM2 PRIVATE KEY" from OpenSSL 3.0 "openssl ec")
if openssl ec -in o8.pem -out oec.pem 2>/dev/null; then
    check 'grep -q "PRIVATE KEY-----" oec.pem'
    same_pub oec.pem
else
    bad "openssl ec could not write SEC1"
fi
# encrypted PKCS#8 with SM4-CBC (PRF hmacWithSHA256, OpenSSL's default)
check 'openssl pkcs8 -topk8 -v2 sm4-cbc -in o8.pem -passout pass:opw -out oenc.pem 2>/dev/null'
check '[ "$("$G" pkey -in oenc.pem -passin pass:opw -pubout)" = "$(openssl pkey -in o8.pem -pubout)" ]'
# with hmacWithSM3, when this openssl knows that PRF (OpenSSL 3.0 does not)
if openssl pkcs8 -topk8 -v2 sm4-cbc -v2prf hmacWithSM3 -in o8.pem -passout pass:opw -out osm3.pem 2>/dev/null; then
    check '[ "$("$G" pkey -in osm3.pem -passin pass:opw -pubout)" = "$(openssl pkey -in o8.pem -pubout)" ]'
else
    echo "note: this openssl has no hmacWithSM3 PRF; the GmSSL files below cover that form"
fi
# encrypted PKCS#8 with AES-CBC (OpenSSL 3's default: PBKDF2-HMAC-SHA256 + AES-256-CBC)
for c in aes-256-cbc aes-128-cbc aes-192-cbc; do
    check 'openssl pkcs8 -topk8 -v2 $c -in o8.pem -passout pass:opw -out o$c.pem 2>/dev/null'
    check 'openssl asn1parse -in o$c.pem | grep -qi "$c"'
    check '[ "$("$G" pkey -in o$c.pem -passin pass:opw -pubout)" = "$(openssl pkey -in o8.pem -pubout)" ]'
    check '! "$G" pkey -in o$c.pem -passin pass:opW -pubout 2>err.txt >/dev/null'
    check 'grep -q "wrong password" err.txt'
done
check 'openssl pkcs8 -topk8 -in o8.pem -passout pass:opw -out odefault.pem 2>/dev/null'
check 'openssl asn1parse -in odefault.pem | grep -q "aes-256-cbc"'
check '[ "$("$G" pkey -in odefault.pem -passin pass:opw -pubout)" = "$(openssl pkey -in odefault.pem -passin pass:opw -pubout)" ]'
# openssl genpkey -aes256
check 'openssl genpkey -algorithm SM2 -aes256 -pass pass:gpw -out ogen.pem 2>/dev/null'
check 'head -1 ogen.pem | grep -q "^-----BEGIN ENCRYPTED PRIVATE KEY-----$"'
check '[ "$("$G" pkey -in ogen.pem -passin pass:gpw -pubout)" = "$(openssl pkey -in ogen.pem -passin pass:gpw -pubout)" ]'
check '! "$G" pkey -in ogen.pem -passin pass:gpx -pubout 2>err.txt >/dev/null'
check 'grep -q "wrong password" err.txt'
# gmtls re-encrypts it (SM4-CBC) and reads that back
check '"$G" pkey -in ogen.pem -passin pass:gpw -passout pass:new -out ogen2.pem'
check '[ "$("$G" pkey -in ogen2.pem -passin pass:new -pubout)" = "$(openssl pkey -in ogen.pem -passin pass:gpw -pubout)" ]'
# DES-EDE3-CBC is named as unsupported
check 'openssl pkcs8 -topk8 -v2 des3 -in o8.pem -passout pass:opw -out odes.pem 2>/dev/null'
check '! "$G" pkey -in odes.pem -passin pass:opw -pubout 2>err.txt >/dev/null'
check 'grep -q "unsupported algorithm: 1.2.840.113549.3.7" err.txt'

# --- GmSSL's encrypted keys (PBKDF2-HMAC-SM3, 65536 iterations, SM4-CBC) ---
for n in root server_sign client_enc; do
    check '[ "$("$G" pkey -in "$S/interop/pki/gmssl/${n}_key.enc.pem" -passin pass:P@ssw0rd -pubout)" = "$(openssl pkey -in "$S/interop/pki/gmssl/${n}_key.pem" -pubout)" ]'
    check '[ "$("$G" pkey -in "$S/interop/pki/gmssl/${n}_key.enc.pem" -passin pass:P@ssw0rd -pubout)" = "$(openssl x509 -in "$S/interop/pki/gmssl/${n}_cert.pem" -noout -pubkey)" ]'
done
for n in root server_enc client_sign; do
    check '[ "$("$G" pkey -in "$S/interop/pki/tongsuo/${n}_key.pem" -pubout)" = "$(openssl x509 -in "$S/interop/pki/tongsuo/${n}_cert.pem" -noout -pubkey)" ]'
done

# --- password sources and errors ---
printf 's3cret\r\nsecond line\n' >pw.txt
check '"$G" pkey -in kenc.pem -passin file:pw.txt -pubout >/dev/null'
check 'PW=s3cret "$G" pkey -in kenc.pem -passin env:PW -pubout >/dev/null'
check '! "$G" pkey -in kenc.pem -passin env:NOT_SET_ANYWHERE 2>err.txt' && check 'grep -q "not set" err.txt'
check '! "$G" pkey -in kenc.pem -passin pass:wrong 2>err.txt >/dev/null'
check 'grep -q "wrong password" err.txt'
check '! "$G" pkey -in kenc.pem -passin bogus:x 2>err.txt >/dev/null'
check 'grep -q "bad password source" err.txt'
# no -passin and no terminal: a clear error instead of a hang
if command -v setsid >/dev/null; then
    check '! setsid -w "$G" pkey -in kenc.pem </dev/null >/dev/null 2>err.txt'
    check 'grep -q "no terminal" err.txt'
fi
# the terminal prompt, through a pseudo-terminal: the password is read and not echoed
if command -v script >/dev/null; then
    (sleep 0.5; printf 's3cret\n') | timeout 20 script -qec "$G pkey -in kenc.pem -pubout" /dev/null >tty.txt 2>&1
    check 'grep -q "^Password for kenc.pem:" tty.txt'
    check 'grep -q "BEGIN PUBLIC KEY" tty.txt'
    check '! grep -q s3cret tty.txt'
    (sleep 0.5; printf 'nope\n') | timeout 20 script -qec "$G pkey -in kenc.pem -pubout" /dev/null >tty.txt 2>&1
    check 'grep -q "wrong password" tty.txt'
fi
check '! "$G" pkey -in /nonexistent.pem 2>/dev/null'
printf 'garbage\n' >junk.pem
check '! "$G" pkey -in junk.pem 2>err.txt'
check 'grep -q "gmtls pkey: junk.pem" err.txt'
check '! "$G" pkey 2>/dev/null'

report
