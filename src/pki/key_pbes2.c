/* Password-based encryption of private keys: EncryptedPrivateKeyInfo (RFC 5958 3) with PBES2
 * (RFC 8018 6.2, A.4): PBKDF2 (A.2) with HMAC-SM3 (OID 1.2.156.10197.1.401.2, as GmSSL writes) or
 * HMAC-SHA256, and SM4-CBC (OID 1.2.156.10197.1.104.2) or AES-128/192/256-CBC (RFC 8018 B.2.5,
 * OIDs 2.16.840.1.101.3.4.1.2/.22/.42, what OpenSSL 3 writes by default) with PKCS #5 padding
 * (RFC 8018 6.1.1 step 4).
 *
 *   EncryptedPrivateKeyInfo ::= SEQUENCE { AlgorithmIdentifier {PBES2, PBES2-params}, OCTET STRING }
 *   PBES2-params ::= SEQUENCE { keyDerivationFunc {PBKDF2, PBKDF2-params}, encryptionScheme {SM4-CBC, IV} }
 *   PBKDF2-params ::= SEQUENCE { salt OCTET STRING, iterationCount INTEGER, keyLength INTEGER OPTIONAL,
 *                                prf AlgorithmIdentifier DEFAULT hmacWithSHA1 } */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ct.h"
#include "gmtls/error.h"
#include "gmtls/rand.h"
#include "gmtls/sm4.h"
#include "gmtls/util.h"
#include "pki/aes.h"
#include "pki/der.h"
#include "pki/der_write.h"
#include "pki/key_internal.h"
#include "pki/oid.h"

/* Name an unsupported algorithm for the caller's error message: "name (dotted)" or the dotted form. */
static int unsupported(const uint8_t *oid, size_t n, char *what, size_t cap)
{
    if (what && cap) {
        char dotted[128];
        if (gmtls_oid_to_text(oid, n, dotted, sizeof(dotted)) < 0)
            snprintf(dotted, sizeof(dotted), "malformed OID");
        int id = gmtls_oid_lookup(oid, n);
        if (id != GMTLS_OID_UNKNOWN)
            snprintf(what, cap, "%s (%s)", gmtls_oid_name(id), dotted);
        else
            snprintf(what, cap, "%s", dotted);
    }
    return GMTLS_ERR_UNKNOWN_ALGORITHM;
}

/* The algorithm OID of an AlgorithmIdentifier, and a decoder positioned at its parameters. */
static int alg_oid(gmtls_der *d, gmtls_der *alg, const uint8_t **oid, size_t *n)
{
    int e = gmtls_der_enter(d, GMTLS_DER_SEQUENCE, alg);
    return e ? e : gmtls_der_oid(alg, oid, n);
}

/* Absent or NULL parameters (RFC 8018 B.1.2: hmacWithSHA256 parameters are NULL; GmSSL omits
 * them for hmacWithSM3). */
static int null_params(gmtls_der *alg)
{
    if (!gmtls_der_at_end(alg)) {
        int e = gmtls_der_null(alg);
        if (e)
            return e;
    }
    return gmtls_der_end(alg);
}

/* Key length of a supported encryptionScheme (SM4 and AES have a 16-byte block and IV), 0 if the
 * scheme is not supported. */
static size_t cipher_key_len(int id)
{
    switch (id) {
    case GMTLS_OID_SM4_CBC:
    case GMTLS_OID_AES128_CBC:
        return 16;
    case GMTLS_OID_AES192_CBC:
        return 24;
    case GMTLS_OID_AES256_CBC:
        return 32;
    default:
        return 0;
    }
}

/* CBC over len bytes (a multiple of 16) with the scheme's block cipher; iv is consumed. The key
 * schedule is wiped before returning. */
static int cbc_crypt(int cipher, int encrypt, const uint8_t *key, size_t key_len, uint8_t iv[16], const uint8_t *in,
                     uint8_t *out, size_t len)
{
    int e;
    if (cipher == GMTLS_OID_SM4_CBC) {
        gmtls_sm4_key ks;
        gmtls_sm4_set_key(&ks, key);
        e = encrypt ? gmtls_sm4_cbc_encrypt(&ks, iv, in, out, len) : gmtls_sm4_cbc_decrypt(&ks, iv, in, out, len);
        gmtls_sm4_key_wipe(&ks);
        return e;
    }
    gmtls_aes_key ka;
    e = gmtls_aes_set_key(&ka, key, key_len);
    if (e == 0)
        e = encrypt ? gmtls_aes_cbc_encrypt(&ka, iv, in, out, len) : gmtls_aes_cbc_decrypt(&ka, iv, in, out, len);
    gmtls_aes_key_wipe(&ka);
    return e;
}

static int derive_key(int prf_id, const char *password, const uint8_t *salt, size_t salt_len, uint32_t iter,
                      uint8_t *key, size_t key_len)
{
    size_t pw_len = strlen(password);
    if (prf_id == GMTLS_OID_HMAC_SM3)
        return gmtls_pbkdf2_hmac_sm3((const uint8_t *)password, pw_len, salt, salt_len, iter, key, key_len);
    return gmtls_pbkdf2_hmac_sha256((const uint8_t *)password, pw_len, salt, salt_len, iter, key, key_len);
}

/* PKCS #5 padding check in constant time: the last byte p is 1..16 and the last p bytes equal p. */
static uint32_t padding_ok(const uint8_t *buf, size_t len, size_t *pad)
{
    uint32_t p = buf[len - 1];
    uint32_t ok = ~gmtls_ct_eq32(p, 0) & ~gmtls_ct_lt32(16, p);
    for (uint32_t i = 0; i < 16; i++) {
        uint32_t in_pad = gmtls_ct_lt32(i, p);
        ok &= ~in_pad | gmtls_ct_eq32(buf[len - 1 - i], p);
    }
    *pad = (size_t)(p & ok & 0xff);
    return ok;
}

int gmtls_pbes2_decrypt(const uint8_t *der, size_t len, const char *password, uint8_t **plain, size_t *plain_len,
                        char *what, size_t what_cap)
{
    gmtls_der d, epki, alg, params, kdf, kdfp, prf, enc;
    const uint8_t *oid, *salt, *iv, *ct;
    size_t n, salt_len, iv_len, ct_len;
    uint64_t iter, keylen = 0;
    int present, keylen_present = 0, e;
    *plain = NULL;
    *plain_len = 0;
    if (!password)
        return GMTLS_ERR_BAD_PASSWORD;
    gmtls_der_init(&d, der, len);
    if ((e = gmtls_der_enter(&d, GMTLS_DER_SEQUENCE, &epki)) != 0 || (e = gmtls_der_end(&d)) != 0 ||
        (e = alg_oid(&epki, &alg, &oid, &n)) != 0)
        return e;
    if (!gmtls_oid_is(oid, n, GMTLS_OID_PBES2))
        return unsupported(oid, n, what, what_cap); /* PBES1 schemes (RFC 8018 6.1), PKCS #12 PBE */
    if ((e = gmtls_der_enter(&alg, GMTLS_DER_SEQUENCE, &params)) != 0 || (e = gmtls_der_end(&alg)) != 0 ||
        (e = gmtls_der_octet_string(&epki, &ct, &ct_len)) != 0 || (e = gmtls_der_end(&epki)) != 0)
        return e;
    /* keyDerivationFunc */
    if ((e = alg_oid(&params, &kdf, &oid, &n)) != 0)
        return e;
    if (!gmtls_oid_is(oid, n, GMTLS_OID_PBKDF2))
        return unsupported(oid, n, what, what_cap); /* e.g. scrypt (RFC 7914) */
    if ((e = gmtls_der_enter(&kdf, GMTLS_DER_SEQUENCE, &kdfp)) != 0 || (e = gmtls_der_end(&kdf)) != 0 ||
        (e = gmtls_der_octet_string(&kdfp, &salt, &salt_len)) != 0 || (e = gmtls_der_small_uint(&kdfp, &iter)) != 0)
        return e;
    uint8_t tag = 0;
    if (!gmtls_der_at_end(&kdfp) && (e = gmtls_der_peek_tag(&kdfp, &tag)) == 0 && tag == GMTLS_DER_INTEGER) {
        e = gmtls_der_small_uint(&kdfp, &keylen);
        keylen_present = 1;
    }
    if (e)
        return e;
    int prf_id = GMTLS_OID_HMAC_SHA1; /* RFC 8018 A.2: the DEFAULT */
    const uint8_t *prf_oid = gmtls_oid_der(GMTLS_OID_HMAC_SHA1, &n);
    if ((e = gmtls_der_enter_optional(&kdfp, GMTLS_DER_SEQUENCE, &prf, &present)) != 0)
        return e;
    if (present) {
        if ((e = gmtls_der_oid(&prf, &prf_oid, &n)) != 0 || (e = null_params(&prf)) != 0)
            return e;
        prf_id = gmtls_oid_lookup(prf_oid, n);
    }
    if ((e = gmtls_der_end(&kdfp)) != 0)
        return e;
    if (prf_id != GMTLS_OID_HMAC_SM3 && prf_id != GMTLS_OID_HMAC_SHA256)
        return unsupported(prf_oid, n, what, what_cap);
    /* encryptionScheme */
    if ((e = alg_oid(&params, &enc, &oid, &n)) != 0)
        return e;
    int cipher = gmtls_oid_lookup(oid, n);
    size_t key_len = cipher_key_len(cipher);
    if (key_len == 0)
        return unsupported(oid, n, what, what_cap); /* e.g. DES-EDE3-CBC, RC2 */
    if ((e = gmtls_der_octet_string(&enc, &iv, &iv_len)) != 0 || (e = gmtls_der_end(&enc)) != 0 ||
        (e = gmtls_der_end(&params)) != 0)
        return e;
    /* keyLength, when present, must be the cipher's (RFC 8018 A.2) */
    if (iv_len != 16 || (keylen_present && keylen != key_len) || salt_len == 0 || ct_len == 0 || ct_len % 16 != 0)
        return GMTLS_ERR_KEY_FORMAT;
    if (iter == 0 || iter > GMTLS_KEY_MAX_ITER) {
        if (what && what_cap)
            snprintf(what, what_cap, "PBKDF2 iteration count %llu (limit %lu)", (unsigned long long)iter,
                     (unsigned long)GMTLS_KEY_MAX_ITER);
        return GMTLS_ERR_KEY_FORMAT;
    }

    uint8_t key[32], ivc[16];
    uint8_t *out = malloc(ct_len);
    if (!out)
        return GMTLS_ERR_NO_MEMORY;
    e = derive_key(prf_id, password, salt, salt_len, (uint32_t)iter, key, key_len);
    if (e == 0) {
        memcpy(ivc, iv, 16);
        e = cbc_crypt(cipher, 0, key, key_len, ivc, ct, out, ct_len);
    }
    gmtls_wipe(key, sizeof(key));
    if (e) {
        gmtls_free_secret(out, ct_len);
        return e;
    }
    size_t pad;
    if (!padding_ok(out, ct_len, &pad)) {
        gmtls_free_secret(out, ct_len);
        return GMTLS_ERR_BAD_PASSWORD;
    }
    /* The padding bytes are left in the buffer (wiped with it); only the length shrinks. */
    *plain = out;
    *plain_len = ct_len - pad;
    /* gmtls_free_secret(*plain, *plain_len) must wipe the padding too: it is not secret, but the
     * caller frees with the shorter length, so clear it now. */
    gmtls_wipe(out + ct_len - pad, pad);
    return 0;
}

int gmtls_pbes2_encrypt(const uint8_t *plain, size_t len, const char *password, gmtls_pbkdf2_prf prf, uint32_t iter,
                        uint8_t **out, size_t *out_len)
{
    return gmtls_pbes2_encrypt_cipher(plain, len, password, prf, iter, GMTLS_OID_SM4_CBC, out, out_len);
}

int gmtls_pbes2_encrypt_cipher(const uint8_t *plain, size_t len, const char *password, gmtls_pbkdf2_prf prf,
                               uint32_t iter, int cipher, uint8_t **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    size_t key_len = cipher_key_len(cipher);
    if (!password || !*password || iter == 0 || (!plain && len) || key_len == 0 ||
        (prf != GMTLS_PBKDF2_HMAC_SM3 && prf != GMTLS_PBKDF2_HMAC_SHA256))
        return GMTLS_ERR_INVALID_ARG;
    uint8_t salt[16], iv[16], ivc[16], key[32];
    size_t pad = 16 - len % 16, ct_len = len + pad;
    int e;
    if ((e = gmtls_random(salt, sizeof(salt))) != 0 || (e = gmtls_random(iv, sizeof(iv))) != 0)
        return e;
    uint8_t *buf = malloc(ct_len);
    if (!buf)
        return GMTLS_ERR_NO_MEMORY;
    if (len)
        memcpy(buf, plain, len);
    memset(buf + len, (int)pad, pad);
    e = derive_key(prf == GMTLS_PBKDF2_HMAC_SM3 ? GMTLS_OID_HMAC_SM3 : GMTLS_OID_HMAC_SHA256, password, salt,
                   sizeof(salt), iter, key, key_len);
    if (e == 0) {
        memcpy(ivc, iv, 16);
        e = cbc_crypt(cipher, 1, key, key_len, ivc, buf, buf, ct_len);
    }
    gmtls_wipe(key, sizeof(key));
    if (e) {
        gmtls_free_secret(buf, ct_len);
        return e;
    }
    /* Two passes: measure, then write into an exact buffer. */
    uint8_t *der = NULL;
    size_t total = 0;
    for (int pass = 0; pass < 2; pass++) {
        gmtls_writer w;
        gmtls_derw_mark m, a, p, k, kp, pm, enc;
        gmtls_writer_init(&w, der, total);
        gmtls_derw_begin(&w, GMTLS_DER_SEQUENCE, &m);
        gmtls_derw_begin(&w, GMTLS_DER_SEQUENCE, &a);
        gmtls_derw_oid(&w, GMTLS_OID_PBES2);
        gmtls_derw_begin(&w, GMTLS_DER_SEQUENCE, &p);
        gmtls_derw_begin(&w, GMTLS_DER_SEQUENCE, &k);
        gmtls_derw_oid(&w, GMTLS_OID_PBKDF2);
        gmtls_derw_begin(&w, GMTLS_DER_SEQUENCE, &kp);
        gmtls_derw_octet_string(&w, salt, sizeof(salt));
        gmtls_derw_uint(&w, iter);
        if (cipher == GMTLS_OID_SM4_CBC)
            gmtls_derw_uint(&w, 16); /* keyLength, as GmSSL writes it; OpenSSL omits it for AES */
        /* hmacWithSM3 without parameters, as GmSSL writes it; hmacWithSHA256 with NULL parameters
         * (RFC 8018 B.1.2) */
        gmtls_derw_begin(&w, GMTLS_DER_SEQUENCE, &pm);
        if (prf == GMTLS_PBKDF2_HMAC_SM3) {
            gmtls_derw_oid(&w, GMTLS_OID_HMAC_SM3);
        } else {
            gmtls_derw_oid(&w, GMTLS_OID_HMAC_SHA256);
            gmtls_derw_null(&w);
        }
        gmtls_derw_end(&w, &pm);
        gmtls_derw_end(&w, &kp);
        gmtls_derw_end(&w, &k);
        gmtls_derw_begin(&w, GMTLS_DER_SEQUENCE, &enc);
        gmtls_derw_oid(&w, cipher);
        gmtls_derw_octet_string(&w, iv, sizeof(iv));
        gmtls_derw_end(&w, &enc);
        gmtls_derw_end(&w, &p);
        gmtls_derw_end(&w, &a);
        gmtls_derw_octet_string(&w, buf, ct_len);
        gmtls_derw_end(&w, &m);
        e = gmtls_writer_finish(&w, &total);
        if (e)
            break;
        if (pass == 0 && (der = malloc(total)) == NULL) {
            e = GMTLS_ERR_NO_MEMORY;
            break;
        }
    }
    gmtls_free_secret(buf, ct_len);
    if (e) {
        free(der);
        return e;
    }
    *out = der;
    *out_len = total;
    return 0;
}
