#!/usr/bin/env bash
# `gmtls pki init` end to end: the files and their modes, OpenSSL 3 accepts every certificate
# (`openssl verify` with the SM2 distinguishing ID, `openssl x509 -text`) and key, gmtls verifies
# every chain for its TLCP purpose and every sign/enc pair under the strict rules, the issued
# certificates have the promised properties, and a second run never overwrites keys without --force.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

org=org1.example.com
d=$T/pki
check_cmd "pki init" "$G" pki init "$d" --org $org --nodes peer0,orderer0 --clients admin,user1 --days 400
file_contains "summary" "$T/out" "README.md"

# --- the files, modes, README ---
nodes="peer0 orderer0"
clients="admin user1"
expect_files="ca/ca.crt ca/ca.key README.md"
for n in $nodes; do
  for f in sign.crt sign.key enc.crt enc.key fabric.crt fabric.key ca.crt; do expect_files+=" nodes/$n.$org/$f"; done
done
for c in $clients; do
  for f in sign.crt sign.key enc.crt enc.key ca.crt; do expect_files+=" clients/$c@$org/$f"; done
done
for f in $expect_files; do
  if [ -f "$d/$f" ]; then ok; else bad "missing $f"; fi
done
nfiles=$(find "$d" -type f | wc -l)
[ "$nfiles" -eq "$(echo $expect_files | wc -w)" ] && ok || bad "unexpected files: $(find "$d" -type f)"
for k in $(find "$d" -name '*.key'); do
  mode=$(stat -c %a "$k")
  [ "$mode" = 600 ] && ok || bad "$k has mode $mode, want 600"
  grep -q -- "-----BEGIN PRIVATE KEY-----" "$k" && ok || bad "$k is not an unencrypted PKCS#8 PEM key"
  check_cmd "openssl pkey $k" openssl pkey -in "$k" -noout
done
for n in $nodes; do file_contains "README names $n" "$d/README.md" "nodes/$n.$org/fabric.crt"; done
for c in $clients; do file_contains "README names $c" "$d/README.md" "clients/$c@$org/sign.crt"; done
file_contains "README Fabric settings" "$d/README.md" "CORE_PEER_TLS_ROOTCERT_FILE"
for f in $(find "$d" -name ca.crt); do cmp -s "$f" "$d/ca/ca.crt" && ok || bad "$f differs from ca/ca.crt"; done

# --- OpenSSL accepts everything. OpenSSL 3.0 verifies SM2 certificate signatures with an empty ID
# unless told otherwise, so the standard ID is passed with -vfyopt distid:... ---
for c in $(find "$d" -name '*.crt' ! -name ca.crt); do
  check_cmd "openssl verify $c" openssl verify -vfyopt distid:1234567812345678 -CAfile "$d/ca/ca.crt" "$c"
  file_contains "openssl verify $c" "$T/out" ": OK"
  check_cmd "openssl x509 -text $c" openssl x509 -in "$c" -text -noout
  if grep -q "Basic Constraints" "$T/out"; then bad "$c has basicConstraints"; else ok; fi
  if grep -qE "Certificate Sign|CRL Sign" "$T/out"; then bad "$c may sign certificates"; else ok; fi
  # SubjectPublicKeyInfo with an uncompressed point is 91 bytes of DER (59 when compressed)
  spki_len=$(openssl x509 -in "$c" -noout -pubkey | openssl pkey -pubin -outform DER | wc -c)
  [ "$spki_len" -eq 91 ] && ok || bad "$c: SPKI is $spki_len bytes (compressed point?)"
  serial=$(openssl x509 -in "$c" -noout -serial | cut -d= -f2)
  [ ${#serial} -eq 32 ] && ok || bad "$c: serial $serial is not 16 bytes"
  case $serial in [0-7]*) ok ;; *) bad "$c: serial $serial is negative" ;; esac
  nb=$(date -d "$(openssl x509 -in "$c" -noout -startdate | cut -d= -f2)" +%s)
  na=$(date -d "$(openssl x509 -in "$c" -noout -enddate | cut -d= -f2)" +%s)
  [ $((na - nb)) -eq $((400 * 86400)) ] && ok || bad "$c: validity $((na - nb)) s, want 400 days"
  now=$(date +%s)
  [ "$nb" -le "$now" ] && [ "$nb" -ge $((now - 600)) ] && ok || bad "$c: notBefore $nb not just before now"
done
check_cmd "openssl x509 -text CA" openssl x509 -in "$d/ca/ca.crt" -text -noout
file_contains "CA basicConstraints" "$T/out" "CA:TRUE, pathlen:0"
file_contains "CA keyUsage" "$T/out" "Certificate Sign, CRL Sign"

# key usages per profile, as OpenSSL prints them
ku() { openssl x509 -in "$1" -noout -ext keyUsage,extendedKeyUsage 2>/dev/null | tr -d '\n' | tr -s ' '; }
n0=$d/nodes/peer0.$org
[ "$(ku "$n0/sign.crt")" = "X509v3 Key Usage: critical Digital Signature, Non RepudiationX509v3 Extended Key Usage: TLS Web Server Authentication, TLS Web Client Authentication" ] && ok || bad "sign usages: $(ku "$n0/sign.crt")"
[ "$(ku "$n0/enc.crt")" = "X509v3 Key Usage: critical Key Encipherment, Data Encipherment, Key AgreementX509v3 Extended Key Usage: TLS Web Server Authentication, TLS Web Client Authentication" ] && ok || bad "enc usages: $(ku "$n0/enc.crt")"
[ "$(ku "$n0/fabric.crt")" = "X509v3 Key Usage: critical Digital Signature, Key EnciphermentX509v3 Extended Key Usage: TLS Web Server Authentication, TLS Web Client Authentication" ] && ok || bad "fabric usages: $(ku "$n0/fabric.crt")"
c0=$d/clients/admin@$org
[ "$(ku "$c0/sign.crt")" = "X509v3 Key Usage: critical Digital Signature, Non RepudiationX509v3 Extended Key Usage: TLS Web Client Authentication" ] && ok || bad "client sign usages: $(ku "$c0/sign.crt")"
[ "$(ku "$c0/enc.crt")" = "X509v3 Key Usage: critical Key Encipherment, Data Encipherment, Key AgreementX509v3 Extended Key Usage: TLS Web Client Authentication" ] && ok || bad "client enc usages: $(ku "$c0/enc.crt")"

# SANs and names
san() { openssl x509 -in "$1" -noout -ext subjectAltName | tail -n +2 | tr -d ' '; }
for n in $nodes; do
  nd=$d/nodes/$n.$org
  [ "$(san "$nd/sign.crt")" = "DNS:$n.$org,DNS:$n,DNS:localhost,IPAddress:127.0.0.1" ] && ok || bad "$n SAN: $(san "$nd/sign.crt")"
  for f in subject issuer; do
    a=$(openssl x509 -in "$nd/sign.crt" -noout -$f)
    [ "$a" = "$(openssl x509 -in "$nd/enc.crt" -noout -$f)" ] && [ "$a" = "$(openssl x509 -in "$nd/fabric.crt" -noout -$f)" ] && ok || bad "$n: $f differs"
  done
  [ "$(san "$nd/sign.crt")" = "$(san "$nd/enc.crt")" ] && ok || bad "$n: SAN differs"
  [ "$(openssl x509 -in "$nd/sign.crt" -noout -subject)" = "subject=C = CN, O = $org, CN = $n.$org" ] && ok || bad "$n subject"
done

# --- gmtls verifies its own chains and pairs ---
for n in $nodes; do
  nd=$d/nodes/$n.$org
  check_cmd "gmtls verify $n sign" "$G" verify -CAfile "$d/ca/ca.crt" -strict -purpose tlcp-sign -host "$n.$org" "$nd/sign.crt"
  check_cmd "gmtls verify $n enc" "$G" verify -CAfile "$d/ca/ca.crt" -strict -purpose tlcp-enc -host 127.0.0.1 "$nd/enc.crt"
  check_cmd "gmtls verify $n fabric" "$G" verify -CAfile "$d/ca/ca.crt" -strict -purpose server -host localhost "$nd/fabric.crt"
  check_cmd "gmtls verify $n fabric as client" "$G" verify -CAfile "$d/ca/ca.crt" -strict -purpose client "$nd/fabric.crt"
  check_cmd "gmtls pair $n" "$G" verify -CAfile "$d/ca/ca.crt" -strict -pair "$nd/sign.crt" "$nd/enc.crt"
  check_cmd "gmtls fabric pair $n" "$G" verify -CAfile "$nd/ca.crt" -pair "$nd/fabric.crt" "$nd/fabric.crt" -fabric
done
for c in $clients; do
  cd_=$d/clients/$c@$org
  check_cmd "gmtls verify $c sign" "$G" verify -CAfile "$cd_/ca.crt" -strict -purpose client "$cd_/sign.crt"
  check_cmd "gmtls pair $c" "$G" verify -CAfile "$cd_/ca.crt" -strict -pair "$cd_/sign.crt" "$cd_/enc.crt"
done
check_cmd "gmtls verify CA" "$G" verify -CAfile "$d/ca/ca.crt" -purpose ca "$d/ca/ca.crt"
# the wrong role is refused
"$G" verify -CAfile "$d/ca/ca.crt" -strict -pair "$n0/enc.crt" "$n0/sign.crt" >"$T/out" 2>&1 && bad "swapped pair accepted" || ok
"$G" verify -CAfile "$d/ca/ca.crt" -purpose server "$c0/sign.crt" >"$T/out" 2>&1 && bad "client cert accepted as server" || ok

# --- a second run changes nothing ---
(cd "$d" && find . -type f | sort | xargs sha256sum) >"$T/before"
check_fails "second init" "$G" pki init "$d" --org $org --nodes peer0,orderer0 --clients admin,user1
file_contains "second init message" "$T/out" "already exists"
file_contains "second init message" "$T/out" "--force"
check_fails "second init, other nodes" "$G" pki init "$d" --org $org --nodes peer7
(cd "$d" && find . -type f | sort | xargs sha256sum) >"$T/after"
cmp -s "$T/before" "$T/after" && ok || bad "a refused init changed files"
[ ! -e "$d/nodes/peer7.$org" ] && ok || bad "a refused init created a directory"
check_cmd "init --force" "$G" pki init "$d" --org $org --nodes peer0,orderer0 --clients admin,user1 --force
(cd "$d" && sha256sum ca/ca.key nodes/peer0.$org/sign.key) >"$T/forced"
grep -qF "$(head -1 "$T/forced")" "$T/before" && bad "--force kept the old CA key" || ok
check_cmd "openssl verify after --force" openssl verify -vfyopt distid:1234567812345678 -CAfile "$d/ca/ca.crt" "$n0/sign.crt"

# --- options and errors ---
check_fails "--days too long" "$G" pki init "$T/x1" --org $org --nodes peer0 --days 3654
file_contains "--days message" "$T/out" "at most 3653 days"
[ ! -e "$T/x1" ] && ok || bad "failed init left files"
check_fails "--ca-days too long" "$G" pki init "$T/x1" --org $org --nodes peer0 --ca-days 4000
check_fails "bad org" "$G" pki init "$T/x1" --org "org1/../x" --nodes peer0
check_fails "org without dot" "$G" pki init "$T/x1" --org localhost --nodes peer0
check_fails "bad node" "$G" pki init "$T/x1" --org $org --nodes "peer0,pe/er1"
check_fails "duplicate node" "$G" pki init "$T/x1" --org $org --nodes peer0,peer0
check_fails "no nodes" "$G" pki init "$T/x1" --org $org
check_fails "unknown option" "$G" pki init "$T/x1" --org $org --nodes peer0 --bogus 1
check_fails "unknown subcommand" "$G" pki create "$T/x1"
check_cmd "3653 days" "$G" pki init "$T/max" --org $org --nodes peer0 --days 3653 --ca-days 3653
nb=$(date -d "$(openssl x509 -in "$T/max/nodes/peer0.$org/sign.crt" -noout -startdate | cut -d= -f2)" +%s)
na=$(date -d "$(openssl x509 -in "$T/max/nodes/peer0.$org/sign.crt" -noout -enddate | cut -d= -f2)" +%s)
[ $((na - nb)) -eq $((3653 * 86400)) ] && ok || bad "3653-day validity is $((na - nb)) s"

# encrypted keys
check_cmd "init --pass" "$G" pki init "$T/enc" --org $org --nodes peer0 --pass pass:s3cret
k=$T/enc/nodes/peer0.$org/sign.key
grep -q -- "-----BEGIN ENCRYPTED PRIVATE KEY-----" "$k" && ok || bad "--pass key not encrypted"
[ "$(stat -c %a "$k")" = 600 ] && ok || bad "encrypted key mode"
check_cmd "encrypted key with -passin" "$G" req -key "$k" -passin pass:s3cret -subj /CN=x -out "$T/x.csr"
check_fails "encrypted key without -passin" "$G" req -key "$k" -subj /CN=x
file_contains "encrypted key message" "$T/out" "-passin"
check_fails "encrypted key wrong password" "$G" req -key "$k" -passin pass:wrong -subj /CN=x
export P3_PASS=s3cret
check_cmd "-passin env:" "$G" req -key "$k" -passin env:P3_PASS -subj /CN=x -out "$T/x.csr"
printf 's3cret\n' >"$T/pw"
check_cmd "-passin file:" "$G" req -key "$k" -passin file:"$T/pw" -subj /CN=x -out "$T/x.csr"
check_fails "--pass empty" "$G" pki init "$T/x2" --org $org --nodes peer0 --pass pass:

report
