/* Bounds-checked writer (see writer.h). */
#include "core/writer.h"

#include <string.h>

#include "core/bytes.h"
#include "gmtls/error.h"

void gmtls_writer_init(gmtls_writer *w, uint8_t *buf, size_t cap)
{
    w->buf = buf;
    w->cap = buf ? cap : SIZE_MAX;
    w->len = 0;
    w->err = 0;
}

uint8_t *gmtls_writer_alloc(gmtls_writer *w, size_t n)
{
    if (w->err)
        return NULL;
    if (n > w->cap - w->len) {
        w->err = GMTLS_ERR_BUFFER_TOO_SMALL;
        return NULL;
    }
    uint8_t *p = w->buf ? w->buf + w->len : NULL;
    w->len += n;
    return p;
}

int gmtls_writer_bytes(gmtls_writer *w, const void *p, size_t n)
{
    uint8_t *d = gmtls_writer_alloc(w, n);
    if (w->err)
        return w->err;
    if (d && n)
        memcpy(d, p, n);
    return 0;
}

int gmtls_writer_u8(gmtls_writer *w, uint8_t v)
{
    return gmtls_writer_bytes(w, &v, 1);
}

int gmtls_writer_u16(gmtls_writer *w, uint16_t v)
{
    uint8_t b[2];
    gmtls_store_be16(b, v);
    return gmtls_writer_bytes(w, b, 2);
}

int gmtls_writer_u24(gmtls_writer *w, uint32_t v)
{
    uint8_t b[3];
    if (v > 0xFFFFFFu) {
        if (!w->err)
            w->err = GMTLS_ERR_BAD_LENGTH;
        return w->err;
    }
    gmtls_store_be24(b, v);
    return gmtls_writer_bytes(w, b, 3);
}

int gmtls_writer_u32(gmtls_writer *w, uint32_t v)
{
    uint8_t b[4];
    gmtls_store_be32(b, v);
    return gmtls_writer_bytes(w, b, 4);
}

int gmtls_writer_begin(gmtls_writer *w, size_t width, gmtls_writer_mark *m)
{
    m->at = w->len;
    m->width = width;
    if (width < 1 || width > 3) {
        if (!w->err)
            w->err = GMTLS_ERR_INVALID_ARG;
        return w->err;
    }
    (void)gmtls_writer_alloc(w, width);
    return w->err;
}

int gmtls_writer_end(gmtls_writer *w, const gmtls_writer_mark *m)
{
    if (w->err)
        return w->err;
    size_t n = w->len - m->at - m->width;
    size_t max = m->width == 1 ? 0xFFu : m->width == 2 ? 0xFFFFu : 0xFFFFFFu;
    if (n > max) {
        w->err = GMTLS_ERR_BAD_LENGTH;
        return w->err;
    }
    if (w->buf) {
        uint8_t *p = w->buf + m->at;
        for (size_t i = 0; i < m->width; i++)
            p[i] = (uint8_t)(n >> (8 * (m->width - 1 - i)));
    }
    return 0;
}

int gmtls_writer_finish(const gmtls_writer *w, size_t *len)
{
    if (w->err)
        return w->err;
    if (len)
        *len = w->len;
    return 0;
}
