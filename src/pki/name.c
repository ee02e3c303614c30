/* Distinguished names (RFC 5280 4.1.2.4): structure checks, comparison and the one-line text form.
 *
 * Name ::= SEQUENCE OF RelativeDistinguishedName; RDN ::= SET SIZE (1..MAX) OF
 * AttributeTypeAndValue; AttributeTypeAndValue ::= SEQUENCE { type OID, value ANY }. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "gmtls/error.h"
#include "gmtls/x509.h"
#include "pki/der.h"
#include "pki/oid.h"
#include "pki/x509_internal.h"

/* Walk every attribute of a Name, calling fn (when not NULL) for each. Returns the first error. */
typedef int (*attr_fn)(void *ctx, int first_in_rdn, const uint8_t *oid, size_t oid_len, uint8_t tag,
                       const uint8_t *val, size_t len);

static int walk(const uint8_t *der, size_t len, attr_fn fn, void *ctx)
{
    gmtls_der d, seq;
    int e;
    gmtls_der_init(&d, der, len);
    if ((e = gmtls_der_enter(&d, GMTLS_DER_SEQUENCE, &seq)) != 0)
        return e;
    if ((e = gmtls_der_end(&d)) != 0)
        return e;
    while (!gmtls_der_at_end(&seq)) {
        gmtls_der rdn;
        if ((e = gmtls_der_enter(&seq, GMTLS_DER_SET, &rdn)) != 0)
            return e;
        if (gmtls_der_at_end(&rdn))
            return GMTLS_ERR_CERT_BAD;
        for (int first = 1; !gmtls_der_at_end(&rdn); first = 0) {
            gmtls_der atv;
            const uint8_t *oid, *val;
            size_t oid_len, vlen;
            uint8_t tag;
            if ((e = gmtls_der_enter(&rdn, GMTLS_DER_SEQUENCE, &atv)) != 0)
                return e;
            if ((e = gmtls_der_oid(&atv, &oid, &oid_len)) != 0)
                return e;
            if ((e = gmtls_der_any(&atv, &tag, &val, &vlen, NULL, NULL)) != 0)
                return e;
            if ((e = gmtls_der_end(&atv)) != 0)
                return e;
            if (fn && (e = fn(ctx, first, oid, oid_len, tag, val, vlen)) != 0)
                return e;
        }
    }
    return 0;
}

int gmtls_name_check(const uint8_t *der, size_t len)
{
    return walk(der, len, NULL, NULL);
}

/* Chaining compares Names byte for byte. RFC 5280 7.1 allows a looser comparison (case folding,
 * whitespace), but every issuer gmtls meets copies its subject Name verbatim into the issuer
 * field, and an exact match never links two different CAs. */
int gmtls_name_equal(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
    return alen == blen && (alen == 0 || memcmp(a, b, alen) == 0);
}

struct find_cn {
    const uint8_t *p;
    size_t len;
    uint8_t tag;
    int found;
};

static int find_cn_fn(void *ctx, int first, const uint8_t *oid, size_t oid_len, uint8_t tag, const uint8_t *val,
                      size_t len)
{
    struct find_cn *f = ctx;
    (void)first;
    if (!f->found && gmtls_oid_lookup(oid, oid_len) == GMTLS_OID_AT_CN) {
        f->p = val;
        f->len = len;
        f->tag = tag;
        f->found = 1;
    }
    return 0;
}

int gmtls_name_find_cn(const uint8_t *der, size_t len, const uint8_t **cn, size_t *cn_len, uint8_t *tag)
{
    struct find_cn f = {NULL, 0, 0, 0};
    int e = walk(der, len, find_cn_fn, &f);
    if (e)
        return e;
    if (!f.found)
        return GMTLS_ERR_NOT_FOUND;
    *cn = f.p;
    *cn_len = f.len;
    *tag = f.tag;
    return 0;
}

/* ---- text form ---- */

struct out {
    char *buf;
    size_t cap, len;
    int overflow;
};

static void put(struct out *o, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (o->len + 1 < o->cap)
            o->buf[o->len] = s[i];
        else
            o->overflow = 1;
        if (!o->overflow)
            o->len++;
    }
}

static void put_hex(struct out *o, uint8_t b)
{
    char t[5];
    snprintf(t, sizeof(t), "\\x%02X", b);
    put(o, t, 4);
}

/* One code point as UTF-8 (from a BMPString). */
static void put_cp(struct out *o, unsigned cp)
{
    char t[3];
    if (cp < 0x20 || cp == 0x7f) {
        put_hex(o, (uint8_t)cp);
    } else if (cp < 0x80) {
        if (cp == '/' || cp == '\\' || cp == '=' || cp == '+')
            put(o, "\\", 1);
        t[0] = (char)cp;
        put(o, t, 1);
    } else if (cp < 0x800) {
        t[0] = (char)(0xc0 | (cp >> 6));
        t[1] = (char)(0x80 | (cp & 0x3f));
        put(o, t, 2);
    } else {
        t[0] = (char)(0xe0 | (cp >> 12));
        t[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        t[2] = (char)(0x80 | (cp & 0x3f));
        put(o, t, 3);
    }
}

/* Length of a valid UTF-8 sequence at p (no overlongs, no surrogates, <= U+10FFFF), 0 if invalid. */
static size_t utf8_len(const uint8_t *p, size_t n)
{
    size_t k;
    unsigned cp;
    if (p[0] < 0x80)
        return 1;
    if (p[0] >= 0xc2 && p[0] <= 0xdf) {
        k = 2;
        cp = p[0] & 0x1fu;
    } else if (p[0] >= 0xe0 && p[0] <= 0xef) {
        k = 3;
        cp = p[0] & 0x0fu;
    } else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
        k = 4;
        cp = p[0] & 0x07u;
    } else {
        return 0;
    }
    if (n < k)
        return 0;
    for (size_t i = 1; i < k; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3fu);
    }
    if ((k == 3 && cp < 0x800) || (k == 4 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return k;
}

/* Append a string value with escaping; the string type decides how bytes >= 0x80 are read. */
static void put_value(struct out *o, uint8_t tag, const uint8_t *v, size_t n)
{
    if (tag == GMTLS_DER_BMP_STRING && n % 2 == 0) {
        for (size_t i = 0; i < n; i += 2)
            put_cp(o, (unsigned)v[i] << 8 | v[i + 1]);
        return;
    }
    for (size_t i = 0; i < n;) {
        uint8_t b = v[i];
        if (b < 0x80) {
            put_cp(o, b);
            i++;
            continue;
        }
        size_t k = tag == GMTLS_DER_UTF8_STRING ? utf8_len(v + i, n - i) : 0;
        if (k == 0) {
            put_hex(o, b);
            i++;
        } else {
            put(o, (const char *)v + i, k);
            i += k;
        }
    }
}

static int text_fn(void *ctx, int first, const uint8_t *oid, size_t oid_len, uint8_t tag, const uint8_t *val,
                   size_t len)
{
    struct out *o = ctx;
    put(o, first ? "/" : "+", 1);
    int id = gmtls_oid_lookup(oid, oid_len);
    if (id == GMTLS_OID_EMAIL_ADDRESS) {
        put(o, "emailAddress", 12);
    } else if (id != GMTLS_OID_UNKNOWN) {
        const char *nm = gmtls_oid_name(id);
        put(o, nm, strlen(nm));
    } else {
        char dotted[128];
        int n = gmtls_oid_to_text(oid, oid_len, dotted, sizeof(dotted));
        if (n < 0)
            put(o, "?", 1);
        else
            put(o, dotted, strlen(dotted));
    }
    put(o, "=", 1);
    put_value(o, tag, val, len);
    return 0;
}

int gmtls_name_to_text(const uint8_t *name_der, size_t len, char *buf, size_t cap)
{
    if (!buf || cap == 0 || (!name_der && len))
        return GMTLS_ERR_INVALID_ARG;
    struct out o = {buf, cap, 0, 0};
    buf[0] = 0;
    int e = walk(name_der, len, text_fn, &o);
    buf[o.len] = 0;
    if (e) {
        buf[0] = 0;
        return e;
    }
    if (o.overflow)
        return GMTLS_ERR_BUFFER_TOO_SMALL;
    return o.len > INT_MAX ? INT_MAX : (int)o.len;
}
