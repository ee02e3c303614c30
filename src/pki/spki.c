/* SubjectPublicKeyInfo for SM2 (RFC 5280 4.1.2.7, RFC 5480 2.1.1, GB/T 35275 / GM/T 0010):
 *   SEQUENCE { SEQUENCE { id-ecPublicKey, namedCurve sm2p256v1 }, BIT STRING (04 || x || y) }
 * On input id-sm2 (1.2.156.10197.1.301) is also accepted as the algorithm itself, with the curve
 * OID, NULL or nothing as its parameters, because some GM tools write it that way. */
#include "pki/spki.h"

#include <stdlib.h>
#include <string.h>

#include "gmtls/error.h"
#include "gmtls/pem.h"
#include "gmtls/pkey.h"
#include "pki/der.h"
#include "pki/der_write.h"
#include "pki/key_internal.h"
#include "pki/oid.h"

/* The AlgorithmIdentifier of an SM2 public key; shared with the PKCS#8 reader (key.c). */
int gmtls_spki_check_alg(gmtls_der *alg)
{
    const uint8_t *oid;
    size_t n;
    int e = gmtls_der_oid(alg, &oid, &n);
    if (e)
        return e;
    int id = gmtls_oid_lookup(oid, n);
    if (id == GMTLS_OID_EC_PUBLIC_KEY) {
        /* RFC 5480 2.1.1: ECParameters is a namedCurve OID here (implicitCurve and specifiedCurve
         * are not allowed by RFC 5480). */
        uint8_t tag;
        e = gmtls_der_peek_tag(alg, &tag);
        if (e)
            return e;
        if (tag != GMTLS_DER_OID)
            return GMTLS_ERR_UNKNOWN_ALGORITHM;
        e = gmtls_der_oid(alg, &oid, &n);
        if (e)
            return e;
        if (!gmtls_oid_is(oid, n, GMTLS_OID_SM2))
            return GMTLS_ERR_UNKNOWN_ALGORITHM;
    } else if (id == GMTLS_OID_SM2) {
        if (!gmtls_der_at_end(alg)) {
            uint8_t tag;
            e = gmtls_der_peek_tag(alg, &tag);
            if (e)
                return e;
            if (tag == GMTLS_DER_NULL) {
                e = gmtls_der_null(alg);
            } else {
                e = gmtls_der_oid(alg, &oid, &n);
                if (!e && !gmtls_oid_is(oid, n, GMTLS_OID_SM2))
                    e = GMTLS_ERR_UNKNOWN_ALGORITHM;
            }
            if (e)
                return e;
        }
    } else {
        return GMTLS_ERR_UNKNOWN_ALGORITHM;
    }
    return gmtls_der_end(alg);
}

int gmtls_spki_parse(gmtls_sm2_pubkey *pub, const uint8_t *der, size_t len)
{
    gmtls_der d, spki, alg;
    const uint8_t *bits;
    size_t n;
    unsigned unused;
    int e;
    if (!pub || (!der && len))
        return GMTLS_ERR_INVALID_ARG;
    gmtls_der_init(&d, der, len);
    if ((e = gmtls_der_enter(&d, GMTLS_DER_SEQUENCE, &spki)) != 0 ||
        (e = gmtls_der_enter(&spki, GMTLS_DER_SEQUENCE, &alg)) != 0 || (e = gmtls_spki_check_alg(&alg)) != 0 ||
        (e = gmtls_der_bit_string(&spki, &bits, &n, &unused)) != 0 || (e = gmtls_der_end(&spki)) != 0 ||
        (e = gmtls_der_end(&d)) != 0)
        return e;
    /* SEC 1 2.3.4 point in a BIT STRING with no unused bits (RFC 5480 2.2). */
    if (unused != 0)
        return GMTLS_ERR_DER_VALUE;
    return gmtls_sm2_pubkey_from_octets(pub, bits, n);
}

int gmtls_spki_encode(gmtls_writer *w, const gmtls_sm2_pubkey *pub)
{
    uint8_t pt[65];
    size_t pl;
    gmtls_derw_mark m, a;
    gmtls_sm2_pubkey_to_octets(pub, 0, pt, &pl);
    gmtls_derw_begin(w, GMTLS_DER_SEQUENCE, &m);
    gmtls_derw_begin(w, GMTLS_DER_SEQUENCE, &a);
    gmtls_derw_oid(w, GMTLS_OID_EC_PUBLIC_KEY);
    gmtls_derw_oid(w, GMTLS_OID_SM2);
    gmtls_derw_end(w, &a);
    gmtls_derw_bit_string(w, pt, pl, 0);
    return gmtls_derw_end(w, &m);
}

static int encode_spki(gmtls_writer *w, const void *pub)
{
    return gmtls_spki_encode(w, pub);
}

int gmtls_pubkey_to_der(const gmtls_sm2_pubkey *pub, uint8_t **out, size_t *out_len)
{
    return gmtls_derw_alloc(encode_spki, pub, out, out_len);
}

int gmtls_pubkey_to_pem(const gmtls_sm2_pubkey *pub, char **out, size_t *out_len)
{
    uint8_t *der;
    size_t n;
    *out = NULL;
    *out_len = 0;
    int e = gmtls_pubkey_to_der(pub, &der, &n);
    if (e)
        return e;
    e = gmtls_pem_encode("PUBLIC KEY", der, n, out, out_len);
    free(der);
    return e;
}

/* DER, or PEM with a "PUBLIC KEY" block (RFC 7468 13); other blocks (certificates, keys) are skipped. */
int gmtls_pubkey_parse(gmtls_sm2_pubkey *pub, const uint8_t *data, size_t len)
{
    if (!pub || !data)
        return GMTLS_ERR_INVALID_ARG;
    if (len > 0 && data[0] == 0x30)
        return gmtls_spki_parse(pub, data, len);
    uint8_t *der;
    size_t n;
    int e = gmtls_pem_find((const char *)data, len, "PUBLIC KEY", &der, &n);
    if (e == GMTLS_ERR_NOT_FOUND)
        return GMTLS_ERR_KEY_FORMAT;
    if (e)
        return e;
    e = gmtls_spki_parse(pub, der, n);
    free(der);
    return e;
}
