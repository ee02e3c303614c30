/* Buffer overlap tests for functions that take separate input and output buffers. */
#ifndef GMTLS_CORE_OVERLAP_H
#define GMTLS_CORE_OVERLAP_H

#include <stddef.h>
#include <stdint.h>

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

#endif
