#!/usr/bin/env bash
# `make install` layout: headers, static and shared library, pkg-config file, the gmtls command;
# a program built against the installed copy with pkg-config runs; the shared library exports
# only gmtls_* symbols (everything else is hidden).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
build=$(dirname "$G")
prefix=$T # install prefix

cmake --install "$build" --prefix "$prefix" >/dev/null
libdir=$(ls -d "$prefix"/lib* | head -1)
check '[ -f "$prefix/include/gmtls/sm3.h" ] && [ -f "$prefix/include/gmtls/error.h" ]'
check '[ -f "$libdir/libgmtls.a" ] && [ -e "$libdir/libgmtls.so" ]'
check '[ -f "$libdir/pkgconfig/gmtls.pc" ]'
check '[ -x "$prefix/bin/gmtls" ]'

cat >"$prefix/t.c" <<'C'
#include <gmtls/gmtls.h>
#include <stdio.h>
int main(void)
{
    unsigned char d[32];
    gmtls_sm3("abc", 3, d);
    for (int i = 0; i < 32; i++)
        printf("%02x", d[i]);
    printf(" %s\n", gmtls_strerror(GMTLS_ERR_DECODE));
    return 0;
}
C
export PKG_CONFIG_PATH="$libdir/pkgconfig"
cflags=${GMTLS_TEST_CFLAGS:-}
check 'cc -std=c11 -Wall -Werror $cflags "$prefix/t.c" -o "$prefix/t" $(pkg-config --cflags --libs gmtls) -Wl,-rpath,"$libdir"'
check '[ "$("$prefix/t")" = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0 truncated or malformed input" ]'
check 'cc -std=c11 $cflags "$prefix/t.c" -o "$prefix/ts" $(pkg-config --cflags gmtls) "$libdir/libgmtls.a" -lpthread && "$prefix/ts" >/dev/null'
# exported dynamic symbols: gmtls_* only
bad=$(nm -D --defined-only "$libdir/libgmtls.so" | awk '$2 ~ /[TDBR]/ {print $3}' | grep -v '^gmtls_' | grep -v '^_' || true)
check '[ -z "$bad" ]' || echo "unexpected exports: $bad"
n=$(nm -D --defined-only "$libdir/libgmtls.so" | awk '$2 == "T"' | wc -l)
check '[ "$n" -gt 20 ]'
report
