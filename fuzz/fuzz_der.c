/* Fuzz the DER decoder: a generic walk of everything (tags, lengths, nesting), every typed
 * decoder on every element, and the canonical-form property: an element that decodes re-encodes
 * to exactly the same bytes. */
#include <stdlib.h>
#include <string.h>

#include "gmtls/error.h"
#include "pki/der.h"
#include "pki/der_write.h"
#include "pki/oid.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void typed(uint8_t tag, const uint8_t *tlv, size_t tlv_len)
{
    gmtls_der d;
    const uint8_t *p;
    size_t n;
    int v, neg;
    uint64_t u;
    int64_t t;
    unsigned unused;
    char text[1024];
    gmtls_der_init(&d, tlv, tlv_len);
    switch (tag) {
    case GMTLS_DER_BOOLEAN:
        if (gmtls_der_boolean(&d, &v) == 0 && v != 0 && v != 1)
            abort();
        break;
    case GMTLS_DER_INTEGER:
        if (gmtls_der_integer(&d, &p, &n, &neg) == 0) {
            gmtls_der_init(&d, tlv, tlv_len);
            (void)gmtls_der_small_uint(&d, &u);
            /* a non-negative INTEGER re-encodes identically */
            if (!neg) {
                uint8_t buf[4096];
                gmtls_writer w;
                size_t ol;
                gmtls_writer_init(&w, buf, sizeof(buf));
                if (n < 4000 && gmtls_derw_integer(&w, p, n) == 0 && gmtls_writer_finish(&w, &ol) == 0 &&
                    (ol != tlv_len || memcmp(buf, tlv, ol) != 0))
                    abort();
            }
        }
        break;
    case GMTLS_DER_NULL:
        (void)gmtls_der_null(&d);
        break;
    case GMTLS_DER_OID:
        if (gmtls_der_oid(&d, &p, &n) == 0) {
            int r = gmtls_oid_to_text(p, n, text, sizeof(text));
            if (r < 0 && r != GMTLS_ERR_OID && r != GMTLS_ERR_BUFFER_TOO_SMALL)
                abort();
            if (r >= 0 && strlen(text) != (size_t)r)
                abort();
            int id = gmtls_oid_lookup(p, n);
            if (id != GMTLS_OID_UNKNOWN && !gmtls_oid_is(p, n, id))
                abort();
        }
        break;
    case GMTLS_DER_BIT_STRING:
        if (gmtls_der_bit_string(&d, &p, &n, &unused) == 0 && unused > 7)
            abort();
        break;
    case GMTLS_DER_UTC_TIME:
    case GMTLS_DER_GENERALIZED_TIME:
        if (gmtls_der_time(&d, &t) == 0) {
            /* valid times re-encode to the same text when the type matches RFC 5280's choice */
            uint8_t buf[32];
            gmtls_writer w;
            size_t ol;
            gmtls_writer_init(&w, buf, sizeof(buf));
            if (gmtls_derw_time(&w, t) != 0 || gmtls_writer_finish(&w, &ol) != 0)
                abort();
            if (buf[0] == tag && (ol != tlv_len || memcmp(buf, tlv, ol) != 0))
                abort();
        }
        break;
    default:
        break;
    }
}

static void walk(gmtls_der *d, int depth)
{
    while (!gmtls_der_at_end(d)) {
        uint8_t tag;
        const uint8_t *val, *tlv;
        size_t len, tlv_len;
        if (gmtls_der_any(d, &tag, &val, &len, &tlv, &tlv_len) != 0)
            return;
        if (val < tlv || val + len != tlv + tlv_len)
            abort();
        /* canonical lengths: the minimal length field is exactly what was accepted */
        if (gmtls_derw_length_size(len) != (size_t)(val - tlv) - 1)
            abort();
        typed(tag, tlv, tlv_len);
        if ((tag & 0x20) && depth < GMTLS_DER_MAX_DEPTH) {
            gmtls_der inner;
            gmtls_der_init(&inner, val, len);
            inner.depth = depth + 1;
            walk(&inner, depth + 1);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gmtls_der d;
    int v = gmtls_der_validate(data, size);
    if (v > 0)
        abort();
    gmtls_der_init(&d, data, size);
    walk(&d, 0);
    /* enter/expect helpers on the top level */
    gmtls_der_init(&d, data, size);
    gmtls_der inner;
    int present;
    if (gmtls_der_enter_optional(&d, GMTLS_DER_SEQUENCE, &inner, &present) == 0 && present) {
        const uint8_t *p;
        size_t n;
        (void)gmtls_der_expect_optional(&inner, GMTLS_DER_CONTEXT(0), &p, &n, &present);
        (void)gmtls_der_end(&inner);
    }
    return 0;
}
