/* Strict DER (X.690 10) for the two SM2 structures of GM/T 0009-2012: the signature
 * SEQUENCE { INTEGER r, INTEGER s } and the ciphertext SEQUENCE { INTEGER x, INTEGER y,
 * OCTET STRING C3, OCTET STRING C2 }. Everything is read through the bounds-checked core reader;
 * only minimal definite lengths and minimal non-negative INTEGERs are accepted. */
#include <string.h>

#include "crypto/sm2_internal.h"

/* Tag, then a definite length in its shortest form (X.690 10.1); *content covers the value. */
int gmtls_sm2_der_header(gmtls_reader *r, uint8_t tag, gmtls_reader *content)
{
    uint8_t t, b;
    if (gmtls_reader_u8(r, &t) != 0 || t != tag || gmtls_reader_u8(r, &b) != 0)
        return -1;
    size_t len = b;
    if (b & 0x80) {
        size_t n = b & 0x7f;
        /* 0x80 is the indefinite form (BER only); more than 4 length bytes is never needed here. */
        if (n == 0 || n > 4)
            return -1;
        len = 0;
        for (size_t i = 0; i < n; i++) {
            if (gmtls_reader_u8(r, &b) != 0)
                return -1;
            if (i == 0 && b == 0)
                return -1; /* leading zero length byte: not minimal */
            len = (len << 8) | b;
        }
        if (len < 0x80)
            return -1; /* the short form was required */
    }
    return gmtls_reader_sub(r, len, content) == 0 ? 0 : -1;
}

/* X.690 8.3: an INTEGER's first nine bits are never all equal; a leading 00 is allowed only
 * before a byte with its top bit set. Negative values are rejected. */
int gmtls_sm2_der_uint256(gmtls_reader *r, uint8_t out[32])
{
    gmtls_reader c;
    const uint8_t *p;
    if (gmtls_sm2_der_header(r, 0x02, &c) != 0)
        return -1;
    size_t n = gmtls_reader_left(&c);
    if (n == 0 || gmtls_reader_bytes(&c, n, &p) != 0)
        return -1;
    if (p[0] & 0x80)
        return -1;
    if (n > 1 && p[0] == 0) {
        if (!(p[1] & 0x80))
            return -1;
        p++;
        n--;
    }
    if (n > 32)
        return -1;
    memset(out, 0, 32 - n);
    memcpy(out + 32 - n, p, n);
    return 0;
}

size_t gmtls_sm2_der_header_size(size_t len)
{
    size_t n = 2;
    if (len >= 0x80)
        for (size_t l = len; l; l >>= 8)
            n++;
    return n;
}

size_t gmtls_sm2_der_put_header(uint8_t *out, uint8_t tag, size_t len)
{
    out[0] = tag;
    if (len < 0x80) {
        out[1] = (uint8_t)len;
        return 2;
    }
    size_t n = 0;
    for (size_t l = len; l; l >>= 8)
        n++;
    out[1] = (uint8_t)(0x80 | n);
    for (size_t i = 0; i < n; i++)
        out[2 + i] = (uint8_t)(len >> (8 * (n - 1 - i)));
    return 2 + n;
}

/* Content bytes of the minimal INTEGER encoding of v: significant bytes, plus 00 if the top bit is set. */
static size_t uint256_content(const uint8_t v[32], size_t *skip)
{
    size_t i = 0;
    while (i < 31 && v[i] == 0)
        i++;
    *skip = i;
    return (32 - i) + ((v[i] & 0x80) ? 1 : 0);
}

size_t gmtls_sm2_der_uint256_size(const uint8_t v[32])
{
    size_t skip;
    return 2 + uint256_content(v, &skip);
}

size_t gmtls_sm2_der_put_uint256(uint8_t *out, const uint8_t v[32])
{
    size_t skip, n = uint256_content(v, &skip);
    out[0] = 0x02;
    out[1] = (uint8_t)n;
    size_t o = 2;
    if (n > 32 - skip)
        out[o++] = 0;
    memcpy(out + o, v + skip, 32 - skip);
    return 2 + n;
}
