/* TLCP certificate pairs: each TLCP endpoint owns a signing certificate and an encryption
 * certificate with separate keys (GB/T 38636-2020 6.4.5.3; GM/T 0015 key usage profile).
 *
 * Error choice: GMTLS_ERR_CERT_KEY_USAGE when the cause is a key usage bit that is missing or
 * forbidden on one certificate (the precise cause), GMTLS_ERR_CERT_PAIR when the two certificates
 * do not belong together (subject, issuer, SAN, shared key, or two certificates in FABRIC mode).
 * A missing keyUsage extension allows every usage (RFC 5280 4.2.1.3) except in STRICT mode. */
#include <string.h>

#include "gmtls/error.h"
#include "gmtls/x509.h"
#include "pki/x509_internal.h"

#define SIGN_BITS (GMTLS_KU_DIGITAL_SIGNATURE | GMTLS_KU_NON_REPUDIATION)
#define ENC_BITS (GMTLS_KU_KEY_ENCIPHERMENT | GMTLS_KU_DATA_ENCIPHERMENT | GMTLS_KU_KEY_AGREEMENT)

static int allows(unsigned ku, unsigned bits)
{
    return (ku & GMTLS_KU_ABSENT) || (ku & bits);
}

static int slice_eq(const gmtls_slice *a, const gmtls_slice *b)
{
    return a->len == b->len && (a->len == 0 || memcmp(a->p, b->p, a->len) == 0);
}

static int same_cert(const gmtls_cert *a, const gmtls_cert *b)
{
    return a == b || (a->der_len == b->der_len && memcmp(a->der, b->der, a->der_len) == 0);
}

/* A CA certificate must not serve as a TLCP end-entity certificate in strict mode. */
static int is_ca_like(const gmtls_cert *c)
{
    return c->is_ca || (!(c->key_usage & GMTLS_KU_ABSENT) && (c->key_usage & (GMTLS_KU_KEY_CERT_SIGN | GMTLS_KU_CRL_SIGN)));
}

int gmtls_tlcp_pair_check(const gmtls_cert *sign, const gmtls_cert *enc, gmtls_pair_mode mode)
{
    if (!sign || !enc)
        return GMTLS_ERR_INVALID_ARG;
    if (mode == GMTLS_PAIR_FABRIC) {
        /* Fabric's GM forks use one certificate and key for both roles. */
        if (!same_cert(sign, enc))
            return GMTLS_ERR_CERT_PAIR;
        unsigned ku = sign->key_usage;
        if (!(ku & GMTLS_KU_ABSENT) &&
            (!(ku & GMTLS_KU_DIGITAL_SIGNATURE) || !(ku & GMTLS_KU_KEY_ENCIPHERMENT)))
            return GMTLS_ERR_CERT_KEY_USAGE;
        return 0;
    }
    if (mode != GMTLS_PAIR_DEFAULT && mode != GMTLS_PAIR_STRICT)
        return GMTLS_ERR_INVALID_ARG;
    int strict = mode == GMTLS_PAIR_STRICT;
    if (strict && ((sign->key_usage & GMTLS_KU_ABSENT) || (enc->key_usage & GMTLS_KU_ABSENT)))
        return GMTLS_ERR_CERT_KEY_USAGE;
    if (!allows(sign->key_usage, SIGN_BITS))
        return GMTLS_ERR_CERT_KEY_USAGE;
    if (!allows(enc->key_usage, strict ? GMTLS_KU_KEY_ENCIPHERMENT : ENC_BITS))
        return GMTLS_ERR_CERT_KEY_USAGE;
    if (strict && (is_ca_like(sign) || is_ca_like(enc)))
        return GMTLS_ERR_CERT_KEY_USAGE;
    /* Two roles, two keys: the same certificate or key twice is not a pair. */
    if (same_cert(sign, enc))
        return GMTLS_ERR_CERT_PAIR;
    if (sign->has_key && enc->has_key && gmtls_sm2_pubkey_equal(&sign->pub, &enc->pub))
        return GMTLS_ERR_CERT_PAIR;
    if (!slice_eq(&sign->subject, &enc->subject))
        return GMTLS_ERR_CERT_PAIR;
    if (strict) {
        if (!slice_eq(&sign->issuer, &enc->issuer))
            return GMTLS_ERR_CERT_PAIR;
        int sa = (sign->ext_seen & GMTLS_X509_EXT_SAN) != 0, ea = (enc->ext_seen & GMTLS_X509_EXT_SAN) != 0;
        if (sa != ea || (sa && !slice_eq(&sign->san, &enc->san)))
            return GMTLS_ERR_CERT_PAIR;
    }
    return 0;
}
