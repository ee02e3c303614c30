/* Private key files: every key in the GmSSL and Tongsuo fixtures parses (the GmSSL encrypted ones
 * with their password) and matches its certificate's public key (read with an independent DER walk
 * of the certificate); round trips through every format; and the exact error for each defect. */
#include <stdlib.h>
#include <string.h>

#include "gmtls/pem.h"
#include "gmtls/pkey.h"
#include "gmtls/rand.h"
#include "pki/der.h"
#include "pki/der_write.h"
#include "pki/key_internal.h"
#include "pki/oid.h"
#include "pki/spki.h"
#include "test.h"

#define PASSWORD "P@ssw0rd"

static char *read_text(const char *rel, size_t *len)
{
    return (char *)test_read_file(test_shared_path(rel), len);
}

/* The certificate's SPKI TLV: Certificate.tbsCertificate's 7th field (6th without version). */
static int cert_pubkey(const char *rel, gmtls_sm2_pubkey *pub)
{
    size_t tl;
    char *text = read_text(rel, &tl);
    if (!text)
        return -1;
    gmtls_pem_block blk;
    size_t pos = 0;
    int e = gmtls_pem_next(text, tl, &pos, &blk);
    free(text);
    if (e)
        return e;
    gmtls_der d, cert, tbs;
    const uint8_t *tlv = NULL;
    size_t tlv_len = 0;
    uint8_t tag;
    gmtls_der_init(&d, blk.der, blk.der_len);
    e = gmtls_der_enter(&d, GMTLS_DER_SEQUENCE, &cert);
    if (!e)
        e = gmtls_der_enter(&cert, GMTLS_DER_SEQUENCE, &tbs);
    if (!e && gmtls_der_peek_tag(&tbs, &tag) == 0 && tag == GMTLS_DER_CONTEXT(0))
        e = gmtls_der_any(&tbs, NULL, NULL, NULL, NULL, NULL);
    for (int i = 0; i < 6 && !e; i++) /* serial, signature, issuer, validity, subject, SPKI */
        e = gmtls_der_any(&tbs, NULL, NULL, NULL, &tlv, &tlv_len);
    if (!e)
        e = gmtls_spki_parse(pub, tlv, tlv_len);
    gmtls_pem_block_free(&blk);
    return e;
}

static void test_fixtures(void)
{
    static const char *names[] = {"root", "server_sign", "server_enc", "client_sign", "client_enc"};
    static const char *dirs[] = {"gmssl", "tongsuo"};
    for (int di = 0; di < 2; di++) {
        for (int i = 0; i < 5; i++) {
            char path[256];
            gmtls_sm2_pubkey cpub;
            snprintf(path, sizeof(path), "interop/pki/%s/%s_cert.pem", dirs[di], names[i]);
            CHECK_OK(cert_pubkey(path, &cpub));
            snprintf(path, sizeof(path), "interop/pki/%s/%s_key.pem", dirs[di], names[i]);
            size_t len;
            char *text = read_text(path, &len);
            if (!text)
                continue;
            gmtls_sm2_key key, key2;
            gmtls_keyfmt fmt = GMTLS_KEYFMT_SEC1;
            CHECK_OK(gmtls_key_parse_ex(&key, (uint8_t *)text, len, NULL, &fmt, NULL, 0));
            CHECK_EQ(fmt, GMTLS_KEYFMT_PKCS8);
            CHECK_MSG(gmtls_sm2_pubkey_equal(&key.pub, &cpub), "%s: public key differs from the certificate's", path);
            free(text);
            if (di == 0) {
                snprintf(path, sizeof(path), "interop/pki/gmssl/%s_key.enc.pem", names[i]);
                text = read_text(path, &len);
                if (!text)
                    continue;
                CHECK(gmtls_key_is_encrypted((uint8_t *)text, len));
                CHECK_OK(gmtls_key_parse_ex(&key2, (uint8_t *)text, len, PASSWORD, &fmt, NULL, 0));
                CHECK_EQ(fmt, GMTLS_KEYFMT_PKCS8_ENCRYPTED);
                uint8_t d1[32], d2[32];
                gmtls_sm2_key_to_bytes(&key, d1);
                gmtls_sm2_key_to_bytes(&key2, d2);
                CHECK_MEM(d1, d2, 32);
                CHECK(gmtls_sm2_pubkey_equal(&key2.pub, &cpub));
                /* wrong and missing passwords */
                if (i < 2) {
                    CHECK_ERR(gmtls_key_parse(&key2, (uint8_t *)text, len, "P@ssw0rD"), GMTLS_ERR_BAD_PASSWORD);
                    CHECK_ERR(gmtls_key_parse(&key2, (uint8_t *)text, len, ""), GMTLS_ERR_BAD_PASSWORD);
                    CHECK_ERR(gmtls_key_parse(&key2, (uint8_t *)text, len, NULL), GMTLS_ERR_BAD_PASSWORD);
                }
                free(text);
            }
        }
    }
    /* The bundles: two encrypted keys each, matching the sign and enc certificates in order. */
    static const char *bundles[] = {"server", "client"};
    for (int b = 0; b < 2; b++) {
        char path[256];
        size_t len, pos = 0;
        snprintf(path, sizeof(path), "interop/pki/gmssl/%s_keys.enc.pem", bundles[b]);
        char *text = read_text(path, &len);
        if (!text)
            continue;
        gmtls_pem_block blk;
        int n = 0;
        while (gmtls_pem_next(text, len, &pos, &blk) == 0) {
            gmtls_sm2_key key;
            gmtls_sm2_pubkey cpub;
            snprintf(path, sizeof(path), "interop/pki/gmssl/%s_%s_cert.pem", bundles[b], n == 0 ? "sign" : "enc");
            CHECK_OK(cert_pubkey(path, &cpub));
            CHECK_OK(gmtls_key_parse(&key, blk.der, blk.der_len, PASSWORD));
            CHECK(gmtls_sm2_pubkey_equal(&key.pub, &cpub));
            gmtls_pem_block_free(&blk);
            n++;
        }
        CHECK_EQ(n, 2);
        free(text);
    }
}

static void make_key(gmtls_sm2_key *key, uint64_t seed)
{
    gmtls_drbg_test drbg;
    gmtls_drbg_test_init(&drbg, &seed, sizeof(seed));
    gmtls_rand_set_source(gmtls_drbg_test_fill, &drbg);
    if (gmtls_sm2_keygen(key) != 0)
        CHECK(0);
    gmtls_rand_set_source(NULL, NULL);
}

static int same_key(const gmtls_sm2_key *a, const gmtls_sm2_key *b)
{
    uint8_t da[32], db[32];
    gmtls_sm2_key_to_bytes(a, da);
    gmtls_sm2_key_to_bytes(b, db);
    return memcmp(da, db, 32) == 0 && gmtls_sm2_pubkey_equal(&a->pub, &b->pub);
}

static void test_roundtrip(void)
{
    static const gmtls_keyfmt fmts[] = {GMTLS_KEYFMT_SEC1, GMTLS_KEYFMT_PKCS8, GMTLS_KEYFMT_PKCS8_ENCRYPTED};
    static const char *labels[] = {"-----BEGIN EC PRIVATE KEY-----\n", "-----BEGIN PRIVATE KEY-----\n",
                                   "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"};
    for (int k = 0; k < 4; k++) {
        gmtls_sm2_key key, back;
        make_key(&key, (uint64_t)k + 1);
        for (int f = 0; f < 3; f++) {
            const char *pw = fmts[f] == GMTLS_KEYFMT_PKCS8_ENCRYPTED ? "secret pw" : NULL;
            uint8_t *der;
            size_t dl;
            char *pem;
            size_t pl;
            gmtls_keyfmt got;
            CHECK_OK(gmtls_key_to_der_iter(&key, fmts[f], pw, 1000, &der, &dl));
            CHECK_OK(gmtls_key_parse_ex(&back, der, dl, pw, &got, NULL, 0));
            CHECK_EQ(got, fmts[f]);
            CHECK(same_key(&key, &back));
            CHECK_OK(gmtls_der_validate(der, dl));
            gmtls_free_secret(der, dl);
            CHECK_OK(gmtls_key_to_pem_iter(&key, fmts[f], pw, 1000, &pem, &pl));
            CHECK(strncmp(pem, labels[f], strlen(labels[f])) == 0);
            CHECK_EQ(strlen(pem), pl);
            CHECK_OK(gmtls_key_parse_ex(&back, (uint8_t *)pem, pl, pw, &got, NULL, 0));
            CHECK_EQ(got, fmts[f]);
            CHECK(same_key(&key, &back));
            /* CRLF and surrounding text */
            size_t cap = pl * 2 + 64, o = 0;
            char *crlf = malloc(cap);
            o += (size_t)snprintf(crlf, cap, "Bag Attributes: junk\r\n");
            for (size_t i = 0; i < pl; i++) {
                if (pem[i] == '\n')
                    crlf[o++] = '\r';
                crlf[o++] = pem[i];
            }
            memcpy(crlf + o, "trailer\r\n", 9);
            o += 9;
            CHECK_OK(gmtls_key_parse(&back, (uint8_t *)crlf, o, pw));
            CHECK(same_key(&key, &back));
            free(crlf);
            gmtls_free_secret(pem, pl);
        }
        /* The encrypted form is different every time (random salt and IV). */
        uint8_t *a, *b;
        size_t al, bl;
        CHECK_OK(gmtls_key_to_der_iter(&key, GMTLS_KEYFMT_PKCS8_ENCRYPTED, "pw", 1, &a, &al));
        CHECK_OK(gmtls_key_to_der_iter(&key, GMTLS_KEYFMT_PKCS8_ENCRYPTED, "pw", 1, &b, &bl));
        CHECK(al == bl && memcmp(a, b, al) != 0);
        gmtls_free_secret(a, al);
        gmtls_free_secret(b, bl);
    }
    /* The default (public) writer: iteration count is GMTLS_PBKDF2_DEFAULT_ITER, >= 10000. */
    gmtls_sm2_key key, back;
    make_key(&key, 77);
    uint8_t *der;
    size_t dl;
    CHECK(GMTLS_PBKDF2_DEFAULT_ITER >= 10000);
    CHECK_OK(gmtls_key_to_der(&key, GMTLS_KEYFMT_PKCS8_ENCRYPTED, "pw", &der, &dl));
    CHECK_OK(gmtls_key_parse(&back, der, dl, "pw"));
    CHECK(same_key(&key, &back));
    gmtls_free_secret(der, dl);
    CHECK_ERR(gmtls_key_to_der(&key, GMTLS_KEYFMT_PKCS8_ENCRYPTED, NULL, &der, &dl), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_key_to_der(&key, GMTLS_KEYFMT_PKCS8_ENCRYPTED, "", &der, &dl), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_key_to_der(&key, (gmtls_keyfmt)7, NULL, &der, &dl), GMTLS_ERR_INVALID_ARG);
    /* PBKDF2-HMAC-SHA256 output reads back; PRF and iteration limits */
    gmtls_keyfmt got;
    CHECK_OK(gmtls_key_to_der_ex(&key, GMTLS_KEYFMT_PKCS8_ENCRYPTED, "pw", GMTLS_PBKDF2_HMAC_SHA256, 100, &der, &dl));
    CHECK_OK(gmtls_key_parse_ex(&back, der, dl, "pw", &got, NULL, 0));
    CHECK_EQ(got, GMTLS_KEYFMT_PKCS8_ENCRYPTED);
    CHECK(same_key(&key, &back));
    CHECK_ERR(gmtls_key_parse(&back, der, dl, "pW"), GMTLS_ERR_BAD_PASSWORD);
    gmtls_free_secret(der, dl);
    CHECK_ERR(gmtls_key_to_der_ex(&key, GMTLS_KEYFMT_PKCS8_ENCRYPTED, "pw", (gmtls_pbkdf2_prf)9, 100, &der, &dl),
              GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_key_to_der_ex(&key, GMTLS_KEYFMT_PKCS8_ENCRYPTED, "pw", GMTLS_PBKDF2_HMAC_SM3,
                                  GMTLS_PBKDF2_MAX_ITER + 1u, &der, &dl),
              GMTLS_ERR_INVALID_ARG);
    char *pem2;
    size_t pl2;
    CHECK_OK(gmtls_key_to_pem_ex(&key, GMTLS_KEYFMT_SEC1, NULL, GMTLS_PBKDF2_HMAC_SHA256, 0, &pem2, &pl2));
    CHECK_OK(gmtls_key_parse(&back, (uint8_t *)pem2, pl2, NULL));
    CHECK(same_key(&key, &back));
    gmtls_free_secret(pem2, pl2);
    /* public keys */
    char *pem;
    size_t pl;
    gmtls_sm2_pubkey pub;
    CHECK_OK(gmtls_pubkey_to_pem(&key.pub, &pem, &pl));
    CHECK(strncmp(pem, "-----BEGIN PUBLIC KEY-----\n", 27) == 0);
    CHECK_OK(gmtls_pubkey_parse(&pub, (uint8_t *)pem, pl));
    CHECK(gmtls_sm2_pubkey_equal(&pub, &key.pub));
    free(pem);
    CHECK_OK(gmtls_pubkey_to_der(&key.pub, &der, &dl));
    CHECK_EQ(dl, 91);
    CHECK_OK(gmtls_pubkey_parse(&pub, der, dl));
    CHECK(gmtls_sm2_pubkey_equal(&pub, &key.pub));
    free(der);
    CHECK_ERR(gmtls_pubkey_parse(&pub, (const uint8_t *)"nothing", 7), GMTLS_ERR_KEY_FORMAT);
}

/* ---- hand-built malformed keys ---- */

typedef struct {
    uint8_t buf[1024];
    size_t len;
} blob;

static void sec1(blob *b, const uint8_t *d, size_t dlen, int version, int params_id, const uint8_t *pub, size_t publen)
{
    gmtls_writer w;
    gmtls_derw_mark m, p;
    gmtls_writer_init(&w, b->buf, sizeof(b->buf));
    gmtls_derw_begin(&w, GMTLS_DER_SEQUENCE, &m);
    gmtls_derw_uint(&w, (uint64_t)version);
    gmtls_derw_octet_string(&w, d, dlen);
    if (params_id >= 0) {
        gmtls_derw_begin(&w, GMTLS_DER_CONTEXT(0), &p);
        if (params_id == 0) {
            static const uint8_t p256[] = {0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07};
            gmtls_derw_raw(&w, p256, sizeof(p256));
        } else {
            gmtls_derw_oid(&w, params_id);
        }
        gmtls_derw_end(&w, &p);
    }
    if (pub) {
        gmtls_derw_begin(&w, GMTLS_DER_CONTEXT(1), &p);
        gmtls_derw_bit_string(&w, pub, publen, 0);
        gmtls_derw_end(&w, &p);
    }
    gmtls_derw_end(&w, &m);
    if (gmtls_writer_finish(&w, &b->len) != 0)
        CHECK(0);
}

static void pkcs8(blob *b, const blob *inner, int version, const uint8_t *alg_tlv, size_t alg_len)
{
    gmtls_writer w;
    gmtls_derw_mark m;
    gmtls_writer_init(&w, b->buf, sizeof(b->buf));
    gmtls_derw_begin(&w, GMTLS_DER_SEQUENCE, &m);
    gmtls_derw_uint(&w, (uint64_t)version);
    gmtls_derw_raw(&w, alg_tlv, alg_len);
    gmtls_derw_octet_string(&w, inner->buf, inner->len);
    gmtls_derw_end(&w, &m);
    if (gmtls_writer_finish(&w, &b->len) != 0)
        CHECK(0);
}

static void test_bad_keys(void)
{
    gmtls_sm2_key key, other, back;
    make_key(&key, 5);
    make_key(&other, 6);
    uint8_t d[32], pt[65], opt[65];
    size_t pl;
    gmtls_sm2_key_to_bytes(&key, d);
    gmtls_sm2_pubkey_to_octets(&key.pub, 0, pt, &pl);
    gmtls_sm2_pubkey_to_octets(&other.pub, 0, opt, &pl);
    blob b, p8;
    sec1(&b, d, 32, 1, GMTLS_OID_SM2, pt, 65);
    CHECK_OK(gmtls_key_parse(&back, b.buf, b.len, NULL));
    CHECK(same_key(&key, &back));
    sec1(&b, d, 32, 1, -1, NULL, 0); /* minimal: no parameters, no public key */
    CHECK_OK(gmtls_key_parse(&back, b.buf, b.len, NULL));
    CHECK(same_key(&key, &back));
    uint8_t cpt[65];
    size_t cl;
    gmtls_sm2_pubkey_to_octets(&key.pub, 1, cpt, &cl);
    sec1(&b, d, 32, 1, GMTLS_OID_SM2, cpt, cl); /* compressed public key */
    CHECK_OK(gmtls_key_parse(&back, b.buf, b.len, NULL));
    sec1(&b, d, 32, 1, GMTLS_OID_SM2, opt, 65);
    CHECK_ERR(gmtls_key_parse(&back, b.buf, b.len, NULL), GMTLS_ERR_BAD_KEY);
    uint8_t badpt[65];
    memcpy(badpt, pt, 65);
    badpt[64] ^= 1;
    sec1(&b, d, 32, 1, GMTLS_OID_SM2, badpt, 65);
    CHECK_ERR(gmtls_key_parse(&back, b.buf, b.len, NULL), GMTLS_ERR_BAD_POINT);
    sec1(&b, d, 32, 2, GMTLS_OID_SM2, pt, 65);
    CHECK_ERR(gmtls_key_parse(&back, b.buf, b.len, NULL), GMTLS_ERR_KEY_FORMAT);
    sec1(&b, d, 32, 1, 0, pt, 65); /* prime256v1 */
    CHECK_ERR(gmtls_key_parse(&back, b.buf, b.len, NULL), GMTLS_ERR_UNKNOWN_ALGORITHM);
    sec1(&b, d, 32, 1, GMTLS_OID_SM3, NULL, 0);
    CHECK_ERR(gmtls_key_parse(&back, b.buf, b.len, NULL), GMTLS_ERR_UNKNOWN_ALGORITHM);
    uint8_t zero[32] = {0}, big[33];
    sec1(&b, zero, 32, 1, GMTLS_OID_SM2, NULL, 0);
    CHECK_ERR(gmtls_key_parse(&back, b.buf, b.len, NULL), GMTLS_ERR_BAD_KEY);
    memset(big, 0xff, sizeof(big));
    sec1(&b, big, 32, 1, GMTLS_OID_SM2, NULL, 0); /* d >= n */
    CHECK_ERR(gmtls_key_parse(&back, b.buf, b.len, NULL), GMTLS_ERR_BAD_KEY);
    sec1(&b, big, 33, 1, GMTLS_OID_SM2, NULL, 0);
    CHECK_ERR(gmtls_key_parse(&back, b.buf, b.len, NULL), GMTLS_ERR_KEY_FORMAT);
    sec1(&b, big, 0, 1, GMTLS_OID_SM2, NULL, 0);
    CHECK_ERR(gmtls_key_parse(&back, b.buf, b.len, NULL), GMTLS_ERR_KEY_FORMAT);
    /* a short d (leading zero dropped) is accepted */
    uint8_t small[32] = {0};
    small[31] = 7;
    sec1(&b, small + 1, 31, 1, GMTLS_OID_SM2, NULL, 0);
    CHECK_OK(gmtls_key_parse(&back, b.buf, b.len, NULL));

    /* PKCS#8 with various algorithm identifiers */
    sec1(&b, d, 32, 1, -1, pt, 65);
    blob alg;
    gmtls_writer w;
    gmtls_derw_mark m;
#define ALG(...)                                                                                 \
    do {                                                                                         \
        gmtls_writer_init(&w, alg.buf, sizeof(alg.buf));                                         \
        gmtls_derw_begin(&w, GMTLS_DER_SEQUENCE, &m);                                            \
        __VA_ARGS__;                                                                             \
        gmtls_derw_end(&w, &m);                                                                  \
        if (gmtls_writer_finish(&w, &alg.len) != 0)                                              \
            CHECK(0);                                                                            \
    } while (0)
    ALG(gmtls_derw_oid(&w, GMTLS_OID_EC_PUBLIC_KEY); gmtls_derw_oid(&w, GMTLS_OID_SM2));
    pkcs8(&p8, &b, 0, alg.buf, alg.len);
    CHECK_OK(gmtls_key_parse(&back, p8.buf, p8.len, NULL));
    CHECK(same_key(&key, &back));
    ALG(gmtls_derw_oid(&w, GMTLS_OID_SM2));
    pkcs8(&p8, &b, 0, alg.buf, alg.len);
    CHECK_OK(gmtls_key_parse(&back, p8.buf, p8.len, NULL)); /* id-sm2 as the algorithm */
    ALG(gmtls_derw_oid(&w, GMTLS_OID_SM2); gmtls_derw_null(&w));
    pkcs8(&p8, &b, 0, alg.buf, alg.len);
    CHECK_OK(gmtls_key_parse(&back, p8.buf, p8.len, NULL));
    ALG(gmtls_derw_oid(&w, GMTLS_OID_SM2); gmtls_derw_oid(&w, GMTLS_OID_SM2));
    pkcs8(&p8, &b, 0, alg.buf, alg.len);
    CHECK_OK(gmtls_key_parse(&back, p8.buf, p8.len, NULL));
    ALG(gmtls_derw_oid(&w, GMTLS_OID_EC_PUBLIC_KEY));
    pkcs8(&p8, &b, 0, alg.buf, alg.len);
    CHECK_ERR(gmtls_key_parse(&back, p8.buf, p8.len, NULL), GMTLS_ERR_DER_TRUNCATED); /* namedCurve missing */
    ALG(gmtls_derw_oid(&w, GMTLS_OID_EC_PUBLIC_KEY); gmtls_derw_null(&w));
    pkcs8(&p8, &b, 0, alg.buf, alg.len);
    CHECK_ERR(gmtls_key_parse(&back, p8.buf, p8.len, NULL), GMTLS_ERR_UNKNOWN_ALGORITHM);
    ALG(gmtls_derw_oid(&w, GMTLS_OID_EC_PUBLIC_KEY); gmtls_derw_oid(&w, GMTLS_OID_SM3));
    pkcs8(&p8, &b, 0, alg.buf, alg.len);
    CHECK_ERR(gmtls_key_parse(&back, p8.buf, p8.len, NULL), GMTLS_ERR_UNKNOWN_ALGORITHM);
    ALG(gmtls_derw_oid(&w, GMTLS_OID_AT_CN); gmtls_derw_null(&w)); /* not a key algorithm at all */
    pkcs8(&p8, &b, 0, alg.buf, alg.len);
    CHECK_ERR(gmtls_key_parse(&back, p8.buf, p8.len, NULL), GMTLS_ERR_UNKNOWN_ALGORITHM);
    ALG(gmtls_derw_oid(&w, GMTLS_OID_EC_PUBLIC_KEY); gmtls_derw_oid(&w, GMTLS_OID_SM2));
    pkcs8(&p8, &b, 2, alg.buf, alg.len);
    CHECK_ERR(gmtls_key_parse(&back, p8.buf, p8.len, NULL), GMTLS_ERR_KEY_FORMAT);
    /* inner ECPrivateKey with a wrong public key */
    sec1(&b, d, 32, 1, -1, opt, 65);
    pkcs8(&p8, &b, 0, alg.buf, alg.len);
    CHECK_ERR(gmtls_key_parse(&back, p8.buf, p8.len, NULL), GMTLS_ERR_BAD_KEY);

    /* Truncation at every byte of a real PKCS#8 key and trailing bytes. */
    sec1(&b, d, 32, 1, -1, pt, 65);
    ALG(gmtls_derw_oid(&w, GMTLS_OID_EC_PUBLIC_KEY); gmtls_derw_oid(&w, GMTLS_OID_SM2));
    pkcs8(&p8, &b, 0, alg.buf, alg.len);
    int bad = 0;
    for (size_t cut = 1; cut < p8.len; cut++)
        if (gmtls_key_parse(&back, p8.buf, cut, NULL) != GMTLS_ERR_DER_TRUNCATED)
            bad++;
    CHECK_EQ(bad, 0);
    p8.buf[p8.len] = 0;
    CHECK_ERR(gmtls_key_parse(&back, p8.buf, p8.len + 1, NULL), GMTLS_ERR_DER_TRAILING);
    /* Every single-byte change is rejected or yields a consistent key: never a crash. */
    int odd = 0;
    for (size_t i = 0; i < p8.len; i++) {
        uint8_t save = p8.buf[i];
        p8.buf[i] ^= 0x41;
        int e = gmtls_key_parse(&back, p8.buf, p8.len, NULL);
        if (e == 0 && !same_key(&key, &back))
            odd++; /* a change in d must be caught by the public key check */
        p8.buf[i] = save;
    }
    CHECK_EQ(odd, 0);
    CHECK_ERR(gmtls_key_parse(&back, (const uint8_t *)"", 0, NULL), GMTLS_ERR_KEY_FORMAT);
    CHECK_ERR(gmtls_key_parse(&back, NULL, 0, NULL), GMTLS_ERR_INVALID_ARG);
}

/* EncryptedPrivateKeyInfo with chosen algorithm OIDs and parameters. */
static void epki(blob *out, int pbes, int kdf, const uint8_t *prf_tlv, size_t prf_len, int cipher, uint64_t iter,
                 size_t ivlen, int keylen, size_t ctlen)
{
    gmtls_writer w;
    gmtls_derw_mark m, a, p, k, kp, e;
    uint8_t salt[8] = {1, 2, 3, 4, 5, 6, 7, 8}, iv[32] = {0}, ct[64] = {0};
    gmtls_writer_init(&w, out->buf, sizeof(out->buf));
    gmtls_derw_begin(&w, GMTLS_DER_SEQUENCE, &m);
    gmtls_derw_begin(&w, GMTLS_DER_SEQUENCE, &a);
    gmtls_derw_oid(&w, pbes);
    gmtls_derw_begin(&w, GMTLS_DER_SEQUENCE, &p);
    gmtls_derw_begin(&w, GMTLS_DER_SEQUENCE, &k);
    gmtls_derw_oid(&w, kdf);
    gmtls_derw_begin(&w, GMTLS_DER_SEQUENCE, &kp);
    gmtls_derw_octet_string(&w, salt, sizeof(salt));
    gmtls_derw_uint(&w, iter);
    if (keylen >= 0)
        gmtls_derw_uint(&w, (uint64_t)keylen);
    if (prf_tlv)
        gmtls_derw_raw(&w, prf_tlv, prf_len);
    gmtls_derw_end(&w, &kp);
    gmtls_derw_end(&w, &k);
    gmtls_derw_begin(&w, GMTLS_DER_SEQUENCE, &e);
    gmtls_derw_oid(&w, cipher);
    gmtls_derw_octet_string(&w, iv, ivlen);
    gmtls_derw_end(&w, &e);
    gmtls_derw_end(&w, &p);
    gmtls_derw_end(&w, &a);
    gmtls_derw_octet_string(&w, ct, ctlen);
    gmtls_derw_end(&w, &m);
    if (gmtls_writer_finish(&w, &out->len) != 0)
        CHECK(0);
}

static void test_bad_encrypted(void)
{
    static const uint8_t sm3prf[] = {0x30, 0x0b, 0x06, 0x09, 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x83, 0x11, 0x02};
    static const uint8_t sm3prf_null[] = {0x30, 0x0d, 0x06, 0x09, 0x2a, 0x81, 0x1c, 0xcf,
                                          0x55, 0x01, 0x83, 0x11, 0x02, 0x05, 0x00};
    static const uint8_t sha1prf[] = {0x30, 0x0c, 0x06, 0x08, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x07, 0x05, 0x00};
    static const uint8_t sha512prf[] = {0x30, 0x0c, 0x06, 0x08, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x0b, 0x05, 0x00};
    blob b;
    gmtls_sm2_key key;
    char what[128];
    gmtls_keyfmt fmt;
    /* structurally fine, zero ciphertext: wrong password (bad padding, or garbage inside) */
    epki(&b, GMTLS_OID_PBES2, GMTLS_OID_PBKDF2, sm3prf, sizeof(sm3prf), GMTLS_OID_SM4_CBC, 10, 16, 16, 48);
    CHECK_ERR(gmtls_key_parse(&key, b.buf, b.len, "x"), GMTLS_ERR_BAD_PASSWORD);
    CHECK_ERR(gmtls_key_parse(&key, b.buf, b.len, NULL), GMTLS_ERR_BAD_PASSWORD);
    epki(&b, GMTLS_OID_PBES2, GMTLS_OID_PBKDF2, sm3prf_null, sizeof(sm3prf_null), GMTLS_OID_SM4_CBC, 10, 16, -1, 48);
    CHECK_ERR(gmtls_key_parse(&key, b.buf, b.len, "x"), GMTLS_ERR_BAD_PASSWORD);
    /* unsupported algorithms are named */
    epki(&b, GMTLS_OID_PBES2, GMTLS_OID_PBKDF2, NULL, 0, GMTLS_OID_SM4_CBC, 10, 16, 16, 48);
    CHECK_ERR(gmtls_key_parse_ex(&key, b.buf, b.len, "x", &fmt, what, sizeof(what)), GMTLS_ERR_UNKNOWN_ALGORITHM);
    CHECK_MSG(strstr(what, "hmacWithSHA1") && strstr(what, "1.2.840.113549.2.7"), "what = %s", what);
    epki(&b, GMTLS_OID_PBES2, GMTLS_OID_PBKDF2, sha1prf, sizeof(sha1prf), GMTLS_OID_SM4_CBC, 10, 16, 16, 48);
    CHECK_ERR(gmtls_key_parse_ex(&key, b.buf, b.len, "x", &fmt, what, sizeof(what)), GMTLS_ERR_UNKNOWN_ALGORITHM);
    CHECK_MSG(strstr(what, "hmacWithSHA1") != NULL, "what = %s", what);
    epki(&b, GMTLS_OID_PBES2, GMTLS_OID_PBKDF2, sha512prf, sizeof(sha512prf), GMTLS_OID_SM4_CBC, 10, 16, 16, 48);
    CHECK_ERR(gmtls_key_parse_ex(&key, b.buf, b.len, "x", &fmt, what, sizeof(what)), GMTLS_ERR_UNKNOWN_ALGORITHM);
    CHECK_MSG(strcmp(what, "1.2.840.113549.2.11") == 0, "what = %s", what);
    /* AES-CBC is supported: a structurally fine file with a zero ciphertext is a wrong password,
     * and keyLength must match the AES key size */
    epki(&b, GMTLS_OID_PBES2, GMTLS_OID_PBKDF2, sm3prf, sizeof(sm3prf), GMTLS_OID_AES256_CBC, 10, 16, 32, 48);
    CHECK_ERR(gmtls_key_parse(&key, b.buf, b.len, "x"), GMTLS_ERR_BAD_PASSWORD);
    epki(&b, GMTLS_OID_PBES2, GMTLS_OID_PBKDF2, sm3prf, sizeof(sm3prf), GMTLS_OID_AES192_CBC, 10, 16, -1, 48);
    CHECK_ERR(gmtls_key_parse(&key, b.buf, b.len, "x"), GMTLS_ERR_BAD_PASSWORD);
    epki(&b, GMTLS_OID_PBES2, GMTLS_OID_PBKDF2, sm3prf, sizeof(sm3prf), GMTLS_OID_AES256_CBC, 10, 16, 16, 48);
    CHECK_ERR(gmtls_key_parse(&key, b.buf, b.len, "x"), GMTLS_ERR_KEY_FORMAT);
    epki(&b, GMTLS_OID_PBES2, GMTLS_OID_PBKDF2, sm3prf, sizeof(sm3prf), GMTLS_OID_AES128_CBC, 10, 16, 24, 48);
    CHECK_ERR(gmtls_key_parse(&key, b.buf, b.len, "x"), GMTLS_ERR_KEY_FORMAT);
    epki(&b, GMTLS_OID_PBES2, GMTLS_OID_PBKDF2, sm3prf, sizeof(sm3prf), GMTLS_OID_AES128_CBC, 10, 8, 16, 48);
    CHECK_ERR(gmtls_key_parse(&key, b.buf, b.len, "x"), GMTLS_ERR_KEY_FORMAT); /* IV size */
    /* a block cipher without a mode (SM4 alone) is not an encryption scheme gmtls knows */
    epki(&b, GMTLS_OID_PBES2, GMTLS_OID_PBKDF2, sm3prf, sizeof(sm3prf), GMTLS_OID_SM4, 10, 16, 16, 48);
    CHECK_ERR(gmtls_key_parse_ex(&key, b.buf, b.len, "x", &fmt, what, sizeof(what)), GMTLS_ERR_UNKNOWN_ALGORITHM);
    CHECK_MSG(strcmp(what, "SM4 (1.2.156.10197.1.104)") == 0, "what = %s", what);
    epki(&b, GMTLS_OID_PBES2, GMTLS_OID_HMAC_SM3, sm3prf, sizeof(sm3prf), GMTLS_OID_SM4_CBC, 10, 16, 16, 48);
    CHECK_ERR(gmtls_key_parse_ex(&key, b.buf, b.len, "x", &fmt, what, sizeof(what)), GMTLS_ERR_UNKNOWN_ALGORITHM);
    epki(&b, GMTLS_OID_PBKDF2, GMTLS_OID_PBKDF2, sm3prf, sizeof(sm3prf), GMTLS_OID_SM4_CBC, 10, 16, 16, 48);
    CHECK_ERR(gmtls_key_parse_ex(&key, b.buf, b.len, "x", &fmt, what, sizeof(what)), GMTLS_ERR_UNKNOWN_ALGORITHM);
    CHECK_MSG(strstr(what, "PBKDF2") != NULL, "what = %s", what);
    /* malformed parameters */
    epki(&b, GMTLS_OID_PBES2, GMTLS_OID_PBKDF2, sm3prf, sizeof(sm3prf), GMTLS_OID_SM4_CBC, 10, 8, 16, 48);
    CHECK_ERR(gmtls_key_parse(&key, b.buf, b.len, "x"), GMTLS_ERR_KEY_FORMAT); /* IV size */
    epki(&b, GMTLS_OID_PBES2, GMTLS_OID_PBKDF2, sm3prf, sizeof(sm3prf), GMTLS_OID_SM4_CBC, 10, 16, 32, 48);
    CHECK_ERR(gmtls_key_parse(&key, b.buf, b.len, "x"), GMTLS_ERR_KEY_FORMAT); /* key length */
    epki(&b, GMTLS_OID_PBES2, GMTLS_OID_PBKDF2, sm3prf, sizeof(sm3prf), GMTLS_OID_SM4_CBC, 10, 16, 16, 47);
    CHECK_ERR(gmtls_key_parse(&key, b.buf, b.len, "x"), GMTLS_ERR_KEY_FORMAT); /* not whole blocks */
    epki(&b, GMTLS_OID_PBES2, GMTLS_OID_PBKDF2, sm3prf, sizeof(sm3prf), GMTLS_OID_SM4_CBC, 10, 16, 16, 0);
    CHECK_ERR(gmtls_key_parse(&key, b.buf, b.len, "x"), GMTLS_ERR_KEY_FORMAT);
    epki(&b, GMTLS_OID_PBES2, GMTLS_OID_PBKDF2, sm3prf, sizeof(sm3prf), GMTLS_OID_SM4_CBC, 0, 16, 16, 48);
    CHECK_ERR(gmtls_key_parse(&key, b.buf, b.len, "x"), GMTLS_ERR_KEY_FORMAT); /* zero iterations */
    epki(&b, GMTLS_OID_PBES2, GMTLS_OID_PBKDF2, sm3prf, sizeof(sm3prf), GMTLS_OID_SM4_CBC,
         (uint64_t)GMTLS_KEY_MAX_ITER + 1, 16, 16, 48);
    CHECK_ERR(gmtls_key_parse_ex(&key, b.buf, b.len, "x", &fmt, what, sizeof(what)), GMTLS_ERR_KEY_FORMAT);
    CHECK_MSG(strstr(what, "iteration") != NULL, "what = %s", what);
    epki(&b, GMTLS_OID_PBES2, GMTLS_OID_PBKDF2, sm3prf, sizeof(sm3prf), GMTLS_OID_SM4_CBC, 0xffffffffffull, 16, 16, 48);
    CHECK_ERR(gmtls_key_parse(&key, b.buf, b.len, "x"), GMTLS_ERR_KEY_FORMAT);

    /* a real encrypted key whose inner key is altered: bad padding or bad structure -> BAD_PASSWORD */
    gmtls_sm2_key k;
    make_key(&k, 9);
    uint8_t *der;
    size_t dl;
    CHECK_OK(gmtls_key_to_der_iter(&k, GMTLS_KEYFMT_PKCS8_ENCRYPTED, "pw", 3, &der, &dl));
    int bad = 0;
    for (size_t i = dl - 16 * 9; i < dl; i += 5) {
        der[i] ^= 0x10;
        int e = gmtls_key_parse(&key, der, dl, "pw");
        if (e != GMTLS_ERR_BAD_PASSWORD && !(e == 0 && same_key(&key, &k)))
            bad++;
        der[i] ^= 0x10;
    }
    CHECK_EQ(bad, 0);
    CHECK_OK(gmtls_key_parse(&key, der, dl, "pw"));
    CHECK_ERR(gmtls_key_parse(&key, der, dl, "pW"), GMTLS_ERR_BAD_PASSWORD);
    gmtls_free_secret(der, dl);

    /* PEM label checks, legacy encryption, and a file without a key */
    char *pem;
    size_t pl;
    CHECK_OK(gmtls_key_to_pem_iter(&k, GMTLS_KEYFMT_PKCS8, NULL, 1, &pem, &pl));
    memcpy(pem + 11, "ENCRYPTED PRIVATE KEY", 0); /* no-op: keep the buffer */
    char *swapped = malloc(pl + 64);
    size_t sl = (size_t)snprintf(swapped, pl + 64, "-----BEGIN EC PRIVATE KEY-----\n%.*s-----END EC PRIVATE KEY-----\n",
                                 (int)(pl - 28 - 26), pem + 28);
    CHECK_ERR(gmtls_key_parse(&key, (uint8_t *)swapped, sl, NULL), GMTLS_ERR_KEY_FORMAT);
    sl = (size_t)snprintf(swapped, pl + 64, "-----BEGIN SM2 PRIVATE KEY-----\n%.*s-----END SM2 PRIVATE KEY-----\n",
                          (int)(pl - 28 - 26), pem + 28);
    CHECK_ERR(gmtls_key_parse(&key, (uint8_t *)swapped, sl, NULL), GMTLS_ERR_KEY_FORMAT);
    free(swapped);
    gmtls_free_secret(pem, pl);
    const char *legacy = "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\nZm9v\n-----END EC PRIVATE KEY-----\n";
    CHECK_ERR(gmtls_key_parse_ex(&key, (const uint8_t *)legacy, strlen(legacy), "x", &fmt, what, sizeof(what)),
              GMTLS_ERR_UNKNOWN_ALGORITHM);
    CHECK(strstr(what, "legacy") != NULL);
    CHECK(gmtls_key_is_encrypted((const uint8_t *)legacy, strlen(legacy)));
    const char *cert_only = "-----BEGIN CERTIFICATE-----\nZm9v\n-----END CERTIFICATE-----\n";
    CHECK_ERR(gmtls_key_parse(&key, (const uint8_t *)cert_only, strlen(cert_only), NULL), GMTLS_ERR_KEY_FORMAT);
    CHECK(!gmtls_key_is_encrypted((const uint8_t *)cert_only, strlen(cert_only)));
    /* SEC1 with the "SM2 PRIVATE KEY" label that OpenSSL 3.0 "openssl ec" writes */
    CHECK_OK(gmtls_key_to_pem_iter(&k, GMTLS_KEYFMT_SEC1, NULL, 1, &pem, &pl));
    swapped = malloc(pl + 64);
    sl = (size_t)snprintf(swapped, pl + 64, "-----BEGIN SM2 PRIVATE KEY-----\n%.*s-----END SM2 PRIVATE KEY-----\n",
                          (int)(pl - 31 - 29), pem + 31);
    CHECK_OK(gmtls_key_parse(&key, (uint8_t *)swapped, sl, NULL));
    CHECK(same_key(&key, &k));
    free(swapped);
    gmtls_free_secret(pem, pl);
}

int main(void)
{
    test_fixtures();
    test_roundtrip();
    test_bad_keys();
    test_bad_encrypted();
    return test_report();
}
