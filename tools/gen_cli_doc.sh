#!/usr/bin/env bash
# Regenerate docs/cli.md from the gmtls command's own help texts, so the page cannot drift from
# the code: tools/gen_cli_doc.sh build/gmtls > docs/cli.md  (tests/tools/test_cli_doc.sh checks it).
set -euo pipefail
gmtls=${1:-build/gmtls}
cat <<'HEAD'
# The gmtls command

`gmtls <command> [options]`; `gmtls help` lists the commands and `gmtls <command> -h` prints the
text below. Every command exits 0 on success and 1 on an error, with a one-line message on stderr
that names the problem. Keys, certificates and requests are PEM or DER (detected); private keys can
be SEC1, PKCS#8 or encrypted PKCS#8, with passwords given as `pass:TEXT`, `file:PATH`, `env:NAME`, or
typed at a prompt.

This page is generated from the help texts by `tools/gen_cli_doc.sh`.
HEAD
for c in sm3 hmac-sm3 sm4 sm2 keygen pkey req ca pki x509 verify speed; do
  printf '\n## gmtls %s\n\n```\n' "$c"
  "$gmtls" "$c" -h 2>&1
  printf '```\n'
done
