/* Writing SM2 private keys: SEC1 ECPrivateKey (RFC 5915 3) with the curve named and the public
 * key included, PKCS#8 PrivateKeyInfo (RFC 5208 5) with id-ecPublicKey + sm2p256v1 as
 * OpenSSL and GmSSL write it, and encrypted PKCS#8 (key_pbes2.c). Every buffer that held the key
 * is wiped before it is freed. */
#include <stdlib.h>
#include <string.h>

#include "gmtls/error.h"
#include "gmtls/pem.h"
#include "gmtls/pkey.h"
#include "gmtls/util.h"
#include "pki/der_write.h"
#include "pki/key_internal.h"
#include "pki/oid.h"

int gmtls_key_encode_sec1(gmtls_writer *w, const gmtls_sm2_key *key, int with_params)
{
    uint8_t d[32], pt[65];
    size_t pl;
    gmtls_derw_mark m, p, k;
    gmtls_sm2_key_to_bytes(key, d);
    gmtls_sm2_pubkey_to_octets(&key->pub, 0, pt, &pl);
    gmtls_derw_begin(w, GMTLS_DER_SEQUENCE, &m);
    gmtls_derw_uint(w, 1);
    gmtls_derw_octet_string(w, d, sizeof(d));
    if (with_params) {
        gmtls_derw_begin(w, GMTLS_DER_CONTEXT(0), &p);
        gmtls_derw_oid(w, GMTLS_OID_SM2);
        gmtls_derw_end(w, &p);
    }
    gmtls_derw_begin(w, GMTLS_DER_CONTEXT(1), &k);
    gmtls_derw_bit_string(w, pt, pl, 0);
    gmtls_derw_end(w, &k);
    int e = gmtls_derw_end(w, &m);
    gmtls_wipe(d, sizeof(d));
    return e;
}

/* RFC 5915 4: inside PKCS#8 the parameters are in the AlgorithmIdentifier, so the ECPrivateKey
 * omits them (as OpenSSL and GmSSL do). */
int gmtls_key_encode_pkcs8(gmtls_writer *w, const gmtls_sm2_key *key)
{
    gmtls_derw_mark m, a, o;
    gmtls_derw_begin(w, GMTLS_DER_SEQUENCE, &m);
    gmtls_derw_uint(w, 0);
    gmtls_derw_begin(w, GMTLS_DER_SEQUENCE, &a);
    gmtls_derw_oid(w, GMTLS_OID_EC_PUBLIC_KEY);
    gmtls_derw_oid(w, GMTLS_OID_SM2);
    gmtls_derw_end(w, &a);
    gmtls_derw_begin(w, GMTLS_DER_OCTET_STRING, &o);
    gmtls_key_encode_sec1(w, key, 0);
    gmtls_derw_end(w, &o);
    return gmtls_derw_end(w, &m);
}

struct key_der {
    const gmtls_sm2_key *key;
    gmtls_keyfmt fmt;
};

static int encode(gmtls_writer *w, const void *ctx)
{
    const struct key_der *k = ctx;
    return k->fmt == GMTLS_KEYFMT_SEC1 ? gmtls_key_encode_sec1(w, k->key, 1) : gmtls_key_encode_pkcs8(w, k->key);
}

/* Unencrypted DER into an exact-size malloc'd buffer (wiped if encoding fails). */
static int plain_der(const gmtls_sm2_key *key, gmtls_keyfmt fmt, uint8_t **out, size_t *out_len)
{
    struct key_der k = {key, fmt};
    return gmtls_derw_alloc(encode, &k, out, out_len);
}

int gmtls_key_to_der_ex(const gmtls_sm2_key *key, gmtls_keyfmt fmt, const char *password, gmtls_pbkdf2_prf prf,
                        uint32_t iter, uint8_t **out, size_t *out_len)
{
    if (!out || !out_len)
        return GMTLS_ERR_INVALID_ARG;
    *out = NULL;
    *out_len = 0;
    if (!key || (fmt != GMTLS_KEYFMT_SEC1 && fmt != GMTLS_KEYFMT_PKCS8 && fmt != GMTLS_KEYFMT_PKCS8_ENCRYPTED))
        return GMTLS_ERR_INVALID_ARG;
    if (fmt != GMTLS_KEYFMT_PKCS8_ENCRYPTED)
        return plain_der(key, fmt, out, out_len);
    if (iter == 0)
        iter = GMTLS_PBKDF2_DEFAULT_ITER;
    if (!password || !*password || iter > GMTLS_PBKDF2_MAX_ITER)
        return GMTLS_ERR_INVALID_ARG;
    uint8_t *p8;
    size_t p8_len;
    int e = plain_der(key, GMTLS_KEYFMT_PKCS8, &p8, &p8_len);
    if (e)
        return e;
    e = gmtls_pbes2_encrypt(p8, p8_len, password, prf, iter, out, out_len);
    gmtls_free_secret(p8, p8_len);
    return e;
}

int gmtls_key_to_pem_ex(const gmtls_sm2_key *key, gmtls_keyfmt fmt, const char *password, gmtls_pbkdf2_prf prf,
                        uint32_t iter, char **out, size_t *out_len)
{
    uint8_t *der;
    size_t n;
    if (!out || !out_len)
        return GMTLS_ERR_INVALID_ARG;
    *out = NULL;
    *out_len = 0;
    int e = gmtls_key_to_der_ex(key, fmt, password, prf, iter, &der, &n);
    if (e)
        return e;
    /* RFC 7468 10, 11 and RFC 5915 4 labels. */
    const char *label = fmt == GMTLS_KEYFMT_SEC1    ? "EC PRIVATE KEY"
                        : fmt == GMTLS_KEYFMT_PKCS8 ? "PRIVATE KEY"
                                                    : "ENCRYPTED PRIVATE KEY";
    e = gmtls_pem_encode(label, der, n, out, out_len);
    gmtls_free_secret(der, n);
    return e;
}

int gmtls_key_to_der_iter(const gmtls_sm2_key *key, gmtls_keyfmt fmt, const char *password, uint32_t iter,
                          uint8_t **out, size_t *out_len)
{
    if (fmt == GMTLS_KEYFMT_PKCS8_ENCRYPTED && iter == 0) {
        if (out)
            *out = NULL;
        return GMTLS_ERR_INVALID_ARG;
    }
    return gmtls_key_to_der_ex(key, fmt, password, GMTLS_PBKDF2_HMAC_SM3, iter, out, out_len);
}

int gmtls_key_to_der(const gmtls_sm2_key *key, gmtls_keyfmt fmt, const char *password, uint8_t **out,
                     size_t *out_len)
{
    return gmtls_key_to_der_ex(key, fmt, password, GMTLS_PBKDF2_HMAC_SM3, 0, out, out_len);
}

int gmtls_key_to_pem_iter(const gmtls_sm2_key *key, gmtls_keyfmt fmt, const char *password, uint32_t iter,
                          char **out, size_t *out_len)
{
    if (fmt == GMTLS_KEYFMT_PKCS8_ENCRYPTED && iter == 0) {
        if (out)
            *out = NULL;
        return GMTLS_ERR_INVALID_ARG;
    }
    return gmtls_key_to_pem_ex(key, fmt, password, GMTLS_PBKDF2_HMAC_SM3, iter, out, out_len);
}

int gmtls_key_to_pem(const gmtls_sm2_key *key, gmtls_keyfmt fmt, const char *password, char **out, size_t *out_len)
{
    return gmtls_key_to_pem_ex(key, fmt, password, GMTLS_PBKDF2_HMAC_SM3, 0, out, out_len);
}
