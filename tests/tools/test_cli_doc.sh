#!/usr/bin/env bash
# docs/cli.md is the help text of the gmtls command as built: regenerate it and compare.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
"$GMTLS_SOURCE_DIR/tools/gen_cli_doc.sh" "$GMTLS_CLI" >"$T/cli.md"
if cmp -s "$T/cli.md" "$GMTLS_SOURCE_DIR/docs/cli.md"; then
  ok
else
  bad "docs/cli.md is out of date: run tools/gen_cli_doc.sh build/gmtls > docs/cli.md"
  diff "$GMTLS_SOURCE_DIR/docs/cli.md" "$T/cli.md" | head -20
fi
# every command in `gmtls help` has a section
for c in $("$GMTLS_CLI" help | awk '/^  [a-z]/ {print $1}'); do
  if grep -q "^## gmtls $c\$" "$GMTLS_SOURCE_DIR/docs/cli.md"; then ok; else bad "no section for $c"; fi
done
report
