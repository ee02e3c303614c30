/* Buffer overlap tests for functions that take separate input and output buffers. */
#ifndef GMTLS_CORE_OVERLAP_H
#define GMTLS_CORE_OVERLAP_H

#include <stddef.h>
#include <stdint.h>

#include "gmtls/error.h"

/* 1 when [a, a + alen) and [b, b + blen) share a byte. */
static inline int gmtls_overlaps(const void *a, size_t alen, const void *b, size_t blen)
{
    uintptr_t x = (uintptr_t)a, y = (uintptr_t)b;
    return alen && blen && x < y + blen && y < x + alen;
}

/* 1 when in and out (len bytes each) overlap without being the same buffer: block modes
 * can work in place, but a shifted overlap would read input already overwritten. */
static inline int gmtls_overlaps_shifted(const void *in, const void *out, size_t len)
{
    return in != out && gmtls_overlaps(in, len, out, len);
}

/* The argument checks of a 16-byte-block CBC call, either direction (SM4, and AES for key files):
 * whole blocks (GMTLS_ERR_BAD_LENGTH), no NULL pointer, and in == out or no overlap at all
 * (GMTLS_ERR_INVALID_ARG; a shifted overlap would read blocks already overwritten). */
static inline int gmtls_cbc_args_check(const void *key, const void *iv, const void *in, const void *out,
                                       size_t len)
{
    if (len % 16 != 0)
        return GMTLS_ERR_BAD_LENGTH;
    if (!key || !iv || (len && (!in || !out)))
        return GMTLS_ERR_INVALID_ARG;
    if (gmtls_overlaps_shifted(in, out, len))
        return GMTLS_ERR_INVALID_ARG;
    return 0;
}

#endif
