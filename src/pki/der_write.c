/* DER encoding (ITU-T X.690 8 and 10) on the core writer.
 *
 * A constructed element is opened with one length octet reserved; when it is closed and its
 * content turns out to need the long form (X.690 8.1.3.5), the content is moved up to make room.
 * Reserving the minimum means a buffer sized by a measuring pass is never too small at any
 * intermediate step, since lengths only grow. */
#include "pki/der_write.h"

#include <stdlib.h>
#include <string.h>

#include "gmtls/error.h"
#include "gmtls/util.h"
#include "pki/der.h"
#include "pki/oid.h"

static int set_err(gmtls_writer *w, int err)
{
    if (!w->err)
        w->err = err;
    return w->err;
}

size_t gmtls_derw_length_size(size_t len)
{
    size_t n = 1;
    if (len >= 0x80)
        for (size_t v = len; v; v >>= 8)
            n++;
    return n;
}

static void put_length(uint8_t *p, size_t len, size_t size)
{
    if (size == 1) {
        p[0] = (uint8_t)len;
        return;
    }
    p[0] = (uint8_t)(0x80 | (size - 1));
    for (size_t i = 1; i < size; i++)
        p[i] = (uint8_t)(len >> (8 * (size - 1 - i)));
}

static int header(gmtls_writer *w, uint8_t tag, size_t len)
{
    size_t size = gmtls_derw_length_size(len);
    uint8_t *p = gmtls_writer_alloc(w, 1 + size);
    if (w->err)
        return w->err;
    if (p) {
        p[0] = tag;
        put_length(p + 1, len, size);
    }
    return 0;
}

int gmtls_derw_begin(gmtls_writer *w, uint8_t tag, gmtls_derw_mark *m)
{
    m->start = w->len;
    return header(w, tag, 0);
}

int gmtls_derw_end(gmtls_writer *w, const gmtls_derw_mark *m)
{
    if (w->err)
        return w->err;
    if (m->start + 2 > w->len)
        return set_err(w, GMTLS_ERR_INVALID_ARG);
    size_t content = w->len - m->start - 2;
    size_t size = gmtls_derw_length_size(content);
    if (size > 1) {
        size_t extra = size - 1;
        if (extra > w->cap - w->len)
            return set_err(w, GMTLS_ERR_BUFFER_TOO_SMALL);
        if (w->buf)
            memmove(w->buf + m->start + 2 + extra, w->buf + m->start + 2, content);
        w->len += extra;
    }
    if (w->buf)
        put_length(w->buf + m->start + 1, content, size);
    return 0;
}

int gmtls_derw_tlv(gmtls_writer *w, uint8_t tag, const void *val, size_t len)
{
    int e = header(w, tag, len);
    if (e)
        return e;
    return gmtls_writer_bytes(w, val, len);
}

/* X.690 8.3: two's complement in the fewest octets; a positive number whose top bit is set needs a
 * leading zero octet. */
int gmtls_derw_integer(gmtls_writer *w, const uint8_t *mag, size_t len)
{
    while (len > 0 && mag[0] == 0) {
        mag++;
        len--;
    }
    static const uint8_t zero = 0;
    if (len == 0)
        return gmtls_derw_tlv(w, GMTLS_DER_INTEGER, &zero, 1);
    int pad = (mag[0] & 0x80) != 0;
    int e = header(w, GMTLS_DER_INTEGER, len + (size_t)pad);
    if (e)
        return e;
    if (pad && gmtls_writer_u8(w, 0) != 0)
        return w->err;
    return gmtls_writer_bytes(w, mag, len);
}

int gmtls_derw_uint(gmtls_writer *w, uint64_t v)
{
    uint8_t b[8];
    for (int i = 0; i < 8; i++)
        b[i] = (uint8_t)(v >> (56 - 8 * i));
    return gmtls_derw_integer(w, b, 8);
}

int gmtls_derw_boolean(gmtls_writer *w, int v)
{
    uint8_t b = v ? 0xff : 0x00;
    return gmtls_derw_tlv(w, GMTLS_DER_BOOLEAN, &b, 1);
}

int gmtls_derw_null(gmtls_writer *w)
{
    return gmtls_derw_tlv(w, GMTLS_DER_NULL, NULL, 0);
}

int gmtls_derw_oid(gmtls_writer *w, int oid_id)
{
    size_t n;
    const uint8_t *p = gmtls_oid_der(oid_id, &n);
    if (!p)
        return set_err(w, GMTLS_ERR_INVALID_ARG);
    return gmtls_derw_tlv(w, GMTLS_DER_OID, p, n);
}

int gmtls_derw_bit_string(gmtls_writer *w, const uint8_t *bits, size_t len, unsigned unused)
{
    if (unused > 7 || (len == 0 && unused != 0))
        return set_err(w, GMTLS_ERR_INVALID_ARG);
    int e = header(w, GMTLS_DER_BIT_STRING, len + 1);
    if (e)
        return e;
    if (gmtls_writer_u8(w, (uint8_t)unused) != 0)
        return w->err;
    if (len == 0)
        return 0;
    if (gmtls_writer_bytes(w, bits, len - 1) != 0)
        return w->err;
    return gmtls_writer_u8(w, (uint8_t)(bits[len - 1] & (0xffu << unused)));
}

int gmtls_derw_octet_string(gmtls_writer *w, const uint8_t *val, size_t len)
{
    return gmtls_derw_tlv(w, GMTLS_DER_OCTET_STRING, val, len);
}

static void put_digits(uint8_t *p, unsigned v, int n)
{
    for (int i = n - 1; i >= 0; i--) {
        p[i] = (uint8_t)('0' + v % 10);
        v /= 10;
    }
}

/* RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050, always in Zulu with seconds. */
int gmtls_derw_time(gmtls_writer *w, int64_t t)
{
    int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    int64_t secs = t - days * 86400;
    int64_t y;
    unsigned m, d;
    gmtls_der_civil_from_days(days, &y, &m, &d);
    if (y < 0 || y > 9999)
        return set_err(w, GMTLS_ERR_INVALID_ARG);
    uint8_t buf[15];
    int utc = y >= 1950 && y < 2050;
    int yl = utc ? 2 : 4;
    put_digits(buf, (unsigned)(utc ? y % 100 : y), yl);
    put_digits(buf + yl, m, 2);
    put_digits(buf + yl + 2, d, 2);
    put_digits(buf + yl + 4, (unsigned)(secs / 3600), 2);
    put_digits(buf + yl + 6, (unsigned)(secs / 60 % 60), 2);
    put_digits(buf + yl + 8, (unsigned)(secs % 60), 2);
    buf[yl + 10] = 'Z';
    return gmtls_derw_tlv(w, utc ? GMTLS_DER_UTC_TIME : GMTLS_DER_GENERALIZED_TIME, buf, (size_t)yl + 11);
}

int gmtls_derw_raw(gmtls_writer *w, const void *tlv, size_t len)
{
    return gmtls_writer_bytes(w, tlv, len);
}

int gmtls_derw_alloc(gmtls_derw_fn fn, const void *ctx, uint8_t **out, size_t *out_len)
{
    gmtls_writer w;
    size_t need, got;
    int e;
    *out = NULL;
    *out_len = 0;
    gmtls_writer_init(&w, NULL, 0);
    if ((e = fn(&w, ctx)) != 0 || (e = gmtls_writer_finish(&w, &need)) != 0)
        return e;
    uint8_t *buf = malloc(need ? need : 1);
    if (!buf)
        return GMTLS_ERR_NO_MEMORY;
    gmtls_writer_init(&w, buf, need);
    if ((e = fn(&w, ctx)) != 0 || (e = gmtls_writer_finish(&w, &got)) != 0 || got != need) {
        gmtls_wipe(buf, need);
        free(buf);
        return e ? e : GMTLS_ERR_INTERNAL;
    }
    *out = buf;
    *out_len = got;
    return 0;
}
