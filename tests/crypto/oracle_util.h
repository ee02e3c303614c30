/* Writing requests for the sm-crypto oracle scripts (the scripts in tests/oracle): byte strings as
 * lowercase hex, "-" for an empty one, arguments separated by single spaces. */
#ifndef GMTLS_TEST_ORACLE_UTIL_H
#define GMTLS_TEST_ORACLE_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

static inline void oracle_put_hex(FILE *f, const uint8_t *p, size_t n)
{
    if (n == 0) {
        fputc('-', f);
        return;
    }
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%02x", p[i]);
}

/* The next argument of a request line: a space, then the bytes as by oracle_put_hex. */
static inline void oracle_put_arg(FILE *f, const uint8_t *p, size_t n)
{
    fputc(' ', f);
    oracle_put_hex(f, p, n);
}

#endif
