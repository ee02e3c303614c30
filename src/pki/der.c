/* DER decoding (ITU-T X.690 8 and 10). Every read goes through the core reader, so no length taken
 * from the input is ever used for pointer arithmetic before it has been checked against the bytes
 * that are really there. The first error is kept in the reader and returned by every later call. */
#include "pki/der.h"

#include "gmtls/error.h"

/* Lengths above this are rejected as GMTLS_ERR_DER_LENGTH rather than "truncated": no structure
 * gmtls reads comes anywhere near 2 GiB, and it keeps lengths within 31 bits everywhere. */
#define DER_MAX_LEN 0x7fffffffu

void gmtls_der_init(gmtls_der *d, const uint8_t *p, size_t len)
{
    gmtls_reader_init(&d->r, p, len);
    d->depth = 0;
}

int gmtls_der_at_end(const gmtls_der *d)
{
    return d->r.err == 0 && gmtls_reader_left(&d->r) == 0;
}

/* Record the first error. The reader itself marks a short read as GMTLS_ERR_DECODE; that is
 * replaced by the DER-specific code. */
static int fail(gmtls_der *d, int err)
{
    if (d->r.err == 0 || d->r.err == GMTLS_ERR_DECODE)
        d->r.err = err;
    return d->r.err;
}

int gmtls_der_peek_tag(const gmtls_der *d, uint8_t *tag)
{
    if (d->r.err)
        return d->r.err;
    if (gmtls_reader_peek(&d->r, tag) != 0)
        return GMTLS_ERR_DER_TRUNCATED;
    return 0;
}

/* X.690 8.1.2 (identifier), 8.1.3 and 10.1 (definite length, minimum number of octets). */
int gmtls_der_any(gmtls_der *d, uint8_t *tag, const uint8_t **val, size_t *len, const uint8_t **tlv,
                  size_t *tlv_len)
{
    if (d->r.err)
        return d->r.err;
    size_t start = d->r.off;
    const uint8_t *tlv_p = gmtls_reader_ptr(&d->r);
    uint8_t t, l0;
    if (gmtls_reader_u8(&d->r, &t) != 0)
        return fail(d, GMTLS_ERR_DER_TRUNCATED);
    /* 8.1.2.4: tag number 31 announces the multi-octet high-tag-number form; nothing gmtls
     * reads uses it. */
    if ((t & 0x1f) == 0x1f)
        return fail(d, GMTLS_ERR_DER_TAG);
    if (gmtls_reader_u8(&d->r, &l0) != 0)
        return fail(d, GMTLS_ERR_DER_TRUNCATED);
    size_t n;
    if (l0 < 0x80) {
        n = l0;
    } else {
        /* 0x80 is the indefinite form (BER only, 10.1); 0xff is reserved (8.1.3.5 c). */
        unsigned nbytes = l0 & 0x7fu;
        if (nbytes == 0 || nbytes > 4 || l0 == 0xff)
            return fail(d, GMTLS_ERR_DER_LENGTH);
        uint32_t v = 0;
        for (unsigned i = 0; i < nbytes; i++) {
            uint8_t b;
            if (gmtls_reader_u8(&d->r, &b) != 0)
                return fail(d, GMTLS_ERR_DER_TRUNCATED);
            if (i == 0 && b == 0)
                return fail(d, GMTLS_ERR_DER_LENGTH); /* leading zero octet: not minimal */
            v = (v << 8) | b;
        }
        if (v < 0x80 || v > DER_MAX_LEN)
            return fail(d, GMTLS_ERR_DER_LENGTH); /* short form was required, or absurdly large */
        n = v;
    }
    const uint8_t *p;
    if (gmtls_reader_bytes(&d->r, n, &p) != 0)
        return fail(d, GMTLS_ERR_DER_TRUNCATED);
    if (tag)
        *tag = t;
    if (val)
        *val = p;
    if (len)
        *len = n;
    if (tlv)
        *tlv = tlv_p;
    if (tlv_len)
        *tlv_len = d->r.off - start;
    return 0;
}

int gmtls_der_expect(gmtls_der *d, uint8_t tag, const uint8_t **val, size_t *len)
{
    uint8_t t;
    int e = gmtls_der_peek_tag(d, &t);
    if (e)
        return fail(d, e);
    if (t != tag)
        return fail(d, GMTLS_ERR_DER_TAG);
    return gmtls_der_any(d, NULL, val, len, NULL, NULL);
}

int gmtls_der_enter(gmtls_der *d, uint8_t tag, gmtls_der *inner)
{
    const uint8_t *p = NULL;
    size_t n = 0;
    gmtls_der_init(inner, NULL, 0);
    if (d->depth >= GMTLS_DER_MAX_DEPTH) {
        inner->r.err = fail(d, GMTLS_ERR_DER_DEPTH);
        return inner->r.err;
    }
    int e = gmtls_der_expect(d, tag, &p, &n);
    if (e) {
        inner->r.err = e;
        return e;
    }
    gmtls_der_init(inner, p, n);
    inner->depth = d->depth + 1;
    return 0;
}

int gmtls_der_enter_optional(gmtls_der *d, uint8_t tag, gmtls_der *inner, int *present)
{
    uint8_t t;
    *present = 0;
    gmtls_der_init(inner, NULL, 0);
    if (d->r.err)
        return d->r.err;
    if (gmtls_reader_left(&d->r) == 0 || gmtls_der_peek_tag(d, &t) != 0 || t != tag)
        return 0;
    int e = gmtls_der_enter(d, tag, inner);
    if (e == 0)
        *present = 1;
    return e;
}

int gmtls_der_expect_optional(gmtls_der *d, uint8_t tag, const uint8_t **val, size_t *len, int *present)
{
    uint8_t t;
    *present = 0;
    if (d->r.err)
        return d->r.err;
    if (gmtls_reader_left(&d->r) == 0 || gmtls_der_peek_tag(d, &t) != 0 || t != tag)
        return 0;
    int e = gmtls_der_expect(d, tag, val, len);
    if (e == 0)
        *present = 1;
    return e;
}

/* X.690 8.3.2: the first nine bits of a multi-octet INTEGER are not all ones nor all zeros. */
int gmtls_der_integer(gmtls_der *d, const uint8_t **mag, size_t *len, int *neg)
{
    const uint8_t *p;
    size_t n;
    int e = gmtls_der_expect(d, GMTLS_DER_INTEGER, &p, &n);
    if (e)
        return e;
    if (n == 0)
        return fail(d, GMTLS_ERR_DER_VALUE);
    if (n > 1 && ((p[0] == 0x00 && (p[1] & 0x80) == 0) || (p[0] == 0xff && (p[1] & 0x80) != 0)))
        return fail(d, GMTLS_ERR_DER_VALUE);
    int negative = (p[0] & 0x80) != 0;
    if (negative && neg == NULL)
        return fail(d, GMTLS_ERR_DER_VALUE);
    if (!negative && n > 1 && p[0] == 0x00) {
        p++;
        n--;
    }
    if (neg)
        *neg = negative;
    *mag = p;
    *len = n;
    return 0;
}

int gmtls_der_small_uint(gmtls_der *d, uint64_t *v)
{
    const uint8_t *p;
    size_t n;
    int negative;
    int e = gmtls_der_integer(d, &p, &n, &negative);
    if (e)
        return e;
    if (negative || n > 8 || (n == 8 && (p[0] & 0x80)))
        return fail(d, GMTLS_ERR_DER_VALUE);
    uint64_t x = 0;
    for (size_t i = 0; i < n; i++)
        x = (x << 8) | p[i];
    *v = x;
    return 0;
}

/* X.690 11.1: TRUE is 0xff in DER. */
int gmtls_der_boolean(gmtls_der *d, int *v)
{
    const uint8_t *p;
    size_t n;
    int e = gmtls_der_expect(d, GMTLS_DER_BOOLEAN, &p, &n);
    if (e)
        return e;
    if (n != 1 || (p[0] != 0x00 && p[0] != 0xff))
        return fail(d, GMTLS_ERR_DER_VALUE);
    *v = p[0] == 0xff;
    return 0;
}

int gmtls_der_null(gmtls_der *d)
{
    const uint8_t *p;
    size_t n;
    int e = gmtls_der_expect(d, GMTLS_DER_NULL, &p, &n);
    if (e)
        return e;
    if (n != 0)
        return fail(d, GMTLS_ERR_DER_VALUE);
    return 0;
}

/* X.690 8.19.2: each subidentifier in as few octets as possible (no leading 0x80), the last octet of
 * each with bit 8 clear. */
static int oid_valid(const uint8_t *p, size_t n)
{
    if (n == 0)
        return 0;
    int arc_start = 1;
    for (size_t i = 0; i < n; i++) {
        if (arc_start && p[i] == 0x80)
            return 0;
        arc_start = (p[i] & 0x80) == 0;
    }
    return arc_start; /* the last arc must be terminated */
}

int gmtls_der_oid(gmtls_der *d, const uint8_t **oid, size_t *len)
{
    const uint8_t *p;
    size_t n;
    int e = gmtls_der_expect(d, GMTLS_DER_OID, &p, &n);
    if (e)
        return e;
    if (!oid_valid(p, n))
        return fail(d, GMTLS_ERR_OID);
    *oid = p;
    *len = n;
    return 0;
}

/* X.690 8.6.2 and 11.2: initial octet 0..7, 0 for an empty string, unused bits set to zero. */
int gmtls_der_bit_string(gmtls_der *d, const uint8_t **bits, size_t *len, unsigned *unused)
{
    const uint8_t *p;
    size_t n;
    int e = gmtls_der_expect(d, GMTLS_DER_BIT_STRING, &p, &n);
    if (e)
        return e;
    if (n == 0 || p[0] > 7 || (n == 1 && p[0] != 0))
        return fail(d, GMTLS_ERR_DER_VALUE);
    if (n > 1 && (p[n - 1] & ((1u << p[0]) - 1u)) != 0)
        return fail(d, GMTLS_ERR_DER_VALUE);
    *unused = p[0];
    *bits = p + 1;
    *len = n - 1;
    return 0;
}

int gmtls_der_octet_string(gmtls_der *d, const uint8_t **val, size_t *len)
{
    return gmtls_der_expect(d, GMTLS_DER_OCTET_STRING, val, len);
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar, counting in 400-year eras
 * that start on March 1 so that the leap day is the last day of an era year. */
int64_t gmtls_der_days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;                                    /* 0..399 */
    int64_t mp = (int64_t)m + (m > 2 ? -3 : 9);                     /* March = 0 */
    int64_t doy = (153 * mp + 2) / 5 + (int64_t)d - 1;              /* 0..365 */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;            /* 0..146096 */
    return era * 146097 + doe - 719468;                             /* 719468: 0000-03-01 .. 1970-01-01 */
}

void gmtls_der_civil_from_days(int64_t days, int64_t *y, unsigned *m, unsigned *d)
{
    days += 719468;
    int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    int64_t doe = days - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
    *m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static int digits(const uint8_t *p, size_t n, unsigned *v)
{
    unsigned x = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return 0;
        x = x * 10 + (unsigned)(p[i] - '0');
    }
    *v = x;
    return 1;
}

static int leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* RFC 5280 4.1.2.5.1 / 4.1.2.5.2: UTCTime YYMMDDHHMMSSZ (YY >= 50 is 19YY), GeneralizedTime
 * YYYYMMDDHHMMSSZ; seconds and Z are mandatory, fractions and offsets are not allowed. */
int gmtls_der_time(gmtls_der *d, int64_t *t)
{
    uint8_t tag;
    const uint8_t *p;
    size_t n;
    int e = gmtls_der_peek_tag(d, &tag);
    if (e)
        return fail(d, e);
    if (tag != GMTLS_DER_UTC_TIME && tag != GMTLS_DER_GENERALIZED_TIME)
        return fail(d, GMTLS_ERR_DER_TAG);
    e = gmtls_der_any(d, NULL, &p, &n, NULL, NULL);
    if (e)
        return e;
    size_t ylen = tag == GMTLS_DER_UTC_TIME ? 2 : 4;
    unsigned yy, mo, dd, hh, mi, ss;
    if (n != ylen + 11 || p[n - 1] != 'Z' || !digits(p, ylen, &yy) || !digits(p + ylen, 2, &mo) ||
        !digits(p + ylen + 2, 2, &dd) || !digits(p + ylen + 4, 2, &hh) || !digits(p + ylen + 6, 2, &mi) ||
        !digits(p + ylen + 8, 2, &ss))
        return fail(d, GMTLS_ERR_TIME_FORMAT);
    int64_t year = (int64_t)yy;
    if (tag == GMTLS_DER_UTC_TIME)
        year += yy >= 50 ? 1900 : 2000;
    static const unsigned mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (mo < 1 || mo > 12 || dd < 1 || hh > 23 || mi > 59 || ss > 59)
        return fail(d, GMTLS_ERR_TIME_FORMAT);
    if (dd > mdays[mo - 1] + (mo == 2 && leap(year) ? 1u : 0u))
        return fail(d, GMTLS_ERR_TIME_FORMAT);
    *t = gmtls_der_days_from_civil(year, mo, dd) * 86400 + (int64_t)hh * 3600 + (int64_t)mi * 60 + (int64_t)ss;
    return 0;
}

int gmtls_der_end(const gmtls_der *d)
{
    if (d->r.err)
        return d->r.err;
    if (gmtls_reader_left(&d->r) != 0)
        return GMTLS_ERR_DER_TRAILING;
    return 0;
}

/* Recursive structural check used by gmtls_der_validate: constructed elements (bit 6 of the tag)
 * are walked into; the depth limit bounds the recursion. */
static int walk(gmtls_der *d)
{
    while (!gmtls_der_at_end(d)) {
        uint8_t tag;
        const uint8_t *v;
        size_t n;
        int e = gmtls_der_any(d, &tag, &v, &n, NULL, NULL);
        if (e)
            return e;
        if (tag & 0x20) {
            if (d->depth >= GMTLS_DER_MAX_DEPTH)
                return GMTLS_ERR_DER_DEPTH;
            gmtls_der inner;
            gmtls_der_init(&inner, v, n);
            inner.depth = d->depth + 1;
            e = walk(&inner);
            if (e)
                return e;
        }
    }
    return gmtls_der_end(d);
}

int gmtls_der_validate(const uint8_t *p, size_t len)
{
    gmtls_der d;
    gmtls_der_init(&d, p, len);
    if (len == 0)
        return GMTLS_ERR_DER_TRUNCATED;
    return walk(&d);
}
