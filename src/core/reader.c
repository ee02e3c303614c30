/* Bounds-checked reader (see reader.h). */
#include "core/reader.h"

#include <string.h>

#include "core/bytes.h"
#include "gmtls/error.h"

void gmtls_reader_init(gmtls_reader *r, const uint8_t *p, size_t len)
{
    r->p = p;
    r->len = p ? len : 0;
    r->off = 0;
    r->err = 0;
}

size_t gmtls_reader_left(const gmtls_reader *r)
{
    return r->err ? 0 : r->len - r->off;
}

const uint8_t *gmtls_reader_ptr(const gmtls_reader *r)
{
    return r->p + r->off;
}

/* Check that n more bytes exist; on failure the reader becomes unusable. */
static int need(gmtls_reader *r, size_t n)
{
    if (r->err)
        return r->err;
    if (n > r->len - r->off) {
        r->err = GMTLS_ERR_DECODE;
        return r->err;
    }
    return 0;
}

int gmtls_reader_u8(gmtls_reader *r, uint8_t *v)
{
    int e = need(r, 1);
    if (e)
        return e;
    *v = r->p[r->off++];
    return 0;
}

int gmtls_reader_u16(gmtls_reader *r, uint16_t *v)
{
    int e = need(r, 2);
    if (e)
        return e;
    *v = gmtls_load_be16(r->p + r->off);
    r->off += 2;
    return 0;
}

int gmtls_reader_u24(gmtls_reader *r, uint32_t *v)
{
    int e = need(r, 3);
    if (e)
        return e;
    *v = gmtls_load_be24(r->p + r->off);
    r->off += 3;
    return 0;
}

int gmtls_reader_u32(gmtls_reader *r, uint32_t *v)
{
    int e = need(r, 4);
    if (e)
        return e;
    *v = gmtls_load_be32(r->p + r->off);
    r->off += 4;
    return 0;
}

int gmtls_reader_peek(const gmtls_reader *r, uint8_t *v)
{
    if (r->err)
        return r->err;
    if (r->off >= r->len)
        return GMTLS_ERR_DECODE;
    *v = r->p[r->off];
    return 0;
}

int gmtls_reader_bytes(gmtls_reader *r, size_t n, const uint8_t **out)
{
    int e = need(r, n);
    if (e)
        return e;
    *out = r->p + r->off;
    r->off += n;
    return 0;
}

int gmtls_reader_copy(gmtls_reader *r, void *dst, size_t n)
{
    const uint8_t *s;
    int e = gmtls_reader_bytes(r, n, &s);
    if (e)
        return e;
    if (n)
        memcpy(dst, s, n);
    return 0;
}

int gmtls_reader_skip(gmtls_reader *r, size_t n)
{
    const uint8_t *s;
    return gmtls_reader_bytes(r, n, &s);
}

int gmtls_reader_sub(gmtls_reader *r, size_t n, gmtls_reader *sub)
{
    const uint8_t *s;
    int e = gmtls_reader_bytes(r, n, &s);
    if (e) {
        gmtls_reader_init(sub, NULL, 0);
        sub->err = e;
        return e;
    }
    gmtls_reader_init(sub, s, n);
    return 0;
}

int gmtls_reader_sub8(gmtls_reader *r, gmtls_reader *sub)
{
    uint8_t n = 0;
    int e = gmtls_reader_u8(r, &n);
    if (e) {
        gmtls_reader_init(sub, NULL, 0);
        sub->err = e;
        return e;
    }
    return gmtls_reader_sub(r, n, sub);
}

int gmtls_reader_sub16(gmtls_reader *r, gmtls_reader *sub)
{
    uint16_t n = 0;
    int e = gmtls_reader_u16(r, &n);
    if (e) {
        gmtls_reader_init(sub, NULL, 0);
        sub->err = e;
        return e;
    }
    return gmtls_reader_sub(r, n, sub);
}

int gmtls_reader_sub24(gmtls_reader *r, gmtls_reader *sub)
{
    uint32_t n = 0;
    int e = gmtls_reader_u24(r, &n);
    if (e) {
        gmtls_reader_init(sub, NULL, 0);
        sub->err = e;
        return e;
    }
    return gmtls_reader_sub(r, n, sub);
}

int gmtls_reader_end(gmtls_reader *r)
{
    if (r->err)
        return r->err;
    if (r->off != r->len) {
        r->err = GMTLS_ERR_TRAILING_DATA;
        return r->err;
    }
    return 0;
}
