/* Constant-time memory helpers (see ct.h). */
#include "core/ct.h"

#include "gmtls/util.h"

void gmtls_ct_cmov(void *dst, const void *src, size_t len, uint32_t mask)
{
    uint8_t *d = dst;
    const uint8_t *s = src;
    uint8_t m = (uint8_t)gmtls_ct_barrier32(mask);
    for (size_t i = 0; i < len; i++)
        d[i] = (uint8_t)(d[i] ^ (m & (d[i] ^ s[i])));
}

void gmtls_ct_cswap(void *a, void *b, size_t len, uint32_t mask)
{
    uint8_t *x = a, *y = b;
    uint8_t m = (uint8_t)gmtls_ct_barrier32(mask);
    for (size_t i = 0; i < len; i++) {
        uint8_t t = (uint8_t)(m & (x[i] ^ y[i]));
        x[i] ^= t;
        y[i] ^= t;
    }
}

uint32_t gmtls_ct_memeq(const void *a, const void *b, size_t len)
{
    const uint8_t *x = a, *y = b;
    uint32_t acc = 0;
    for (size_t i = 0; i < len; i++)
        acc |= (uint32_t)(x[i] ^ y[i]);
    return gmtls_ct_iszero32(acc);
}

int gmtls_ct_memneq(const void *a, const void *b, size_t len)
{
    return (int)(gmtls_ct_memeq(a, b, len) + 1u);
}

void gmtls_ct_lookup(void *out, const void *table, size_t n, size_t len, size_t index)
{
    const uint8_t *t = table;
    uint8_t *o = out;
    for (size_t j = 0; j < len; j++)
        o[j] = 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t m = (uint8_t)gmtls_ct_eq64((uint64_t)i, (uint64_t)index);
        for (size_t j = 0; j < len; j++)
            o[j] |= (uint8_t)(m & t[i * len + j]);
    }
}
