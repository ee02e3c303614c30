/* The signed-object envelope shared by certificates (RFC 5280 4.1) and CRLs (RFC 5280 5.1):
 * SEQUENCE { tbs SEQUENCE, signatureAlgorithm AlgorithmIdentifier, signatureValue BIT STRING },
 * and the private copy of the DER every decoded object keeps. */
#include <stdlib.h>
#include <string.h>

#include "gmtls/error.h"
#include "pki/der.h"
#include "pki/x509_internal.h"

int gmtls_x509_parse_signed(gmtls_x509_signed *s, uint8_t **copy, const uint8_t *der, size_t len, int bad_err)
{
    gmtls_der d, top;
    uint8_t tag;
    const uint8_t *body;
    size_t body_len;
    unsigned unused;
    int e;
    /* One byte for an empty input, so that a NULL pointer always means "no memory". */
    *copy = malloc(len ? len : 1);
    if (!*copy)
        return GMTLS_ERR_NO_MEMORY;
    if (len)
        memcpy(*copy, der, len);
    gmtls_der_init(&d, *copy, len);
    if ((e = gmtls_der_enter(&d, GMTLS_DER_SEQUENCE, &top)) != 0 || (e = gmtls_der_end(&d)) != 0)
        return e;
    if ((e = gmtls_der_any(&top, &tag, &body, &body_len, &s->tbs.p, &s->tbs.len)) != 0)
        return e;
    if (tag != GMTLS_DER_SEQUENCE)
        return GMTLS_ERR_DER_TAG;
    s->tbs_body.p = body;
    s->tbs_body.len = body_len;
    if ((e = gmtls_x509_parse_alg(&top, &s->sig_alg, &s->sig_alg_oid, &s->sig_alg_id)) != 0)
        return e == GMTLS_ERR_CERT_BAD ? bad_err : e;
    if ((e = gmtls_der_bit_string(&top, &s->sig.p, &s->sig.len, &unused)) != 0)
        return e;
    if (unused != 0)
        return bad_err;
    if ((e = gmtls_der_end(&top)) != 0)
        return e;
    s->body_depth = top.depth + 1;
    return 0;
}
