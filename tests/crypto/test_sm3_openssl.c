/* SM3, HMAC-SM3, the SM2 KDF and the TLS PRF against OpenSSL 3 libcrypto, an independent
 * implementation: random inputs of every length 0..300 and a few large ones, random keys of
 * 0..200 bytes, and multi-buffer output on the same inputs. */
#include <stdlib.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include "gmtls/sm3.h"
#include "test.h"

static int ossl_sm3(const uint8_t *m, size_t n, uint8_t out[32])
{
    unsigned int len = 0;
    return EVP_Digest(m, n, out, &len, EVP_sm3(), NULL) == 1 && len == 32;
}

static int ossl_hmac(const uint8_t *key, size_t klen, const uint8_t *m, size_t n, uint8_t out[32])
{
    EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
    EVP_MAC_CTX *ctx = mac ? EVP_MAC_CTX_new(mac) : NULL;
    char digest[] = "SM3";
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0), OSSL_PARAM_END};
    size_t outl = 0;
    static const uint8_t empty[1] = {0};
    int ok = ctx && EVP_MAC_init(ctx, klen ? key : empty, klen, params) == 1 && EVP_MAC_update(ctx, m, n) == 1 &&
             EVP_MAC_final(ctx, out, &outl, 32) == 1 && outl == 32;
    EVP_MAC_CTX_free(ctx);
    EVP_MAC_free(mac);
    return ok;
}

/* OpenSSL's X9.63 KDF with no shared info is the SM2 KDF construction. */
static int ossl_kdf(const char *name, OSSL_PARAM *params, uint8_t *out, size_t n)
{
    EVP_KDF *kdf = EVP_KDF_fetch(NULL, name, NULL);
    EVP_KDF_CTX *ctx = kdf ? EVP_KDF_CTX_new(kdf) : NULL;
    int ok = ctx && EVP_KDF_derive(ctx, out, n, params) == 1;
    EVP_KDF_CTX_free(ctx);
    EVP_KDF_free(kdf);
    return ok;
}

static void test_digest(void)
{
    uint8_t *m = malloc(100001);
    CHECK(m != NULL);
    if (!m)
        return;
    test_rand_bytes(m, 100001);
    unsigned bad = 0, err = 0;
    uint8_t a[32], b[32];
    for (size_t n = 0; n <= 300; n++) {
        test_rand_bytes(m, n);
        gmtls_sm3(m + 1, n, a); /* unaligned */
        err += !ossl_sm3(m + 1, n, b);
        bad += memcmp(a, b, 32) != 0;
    }
    static const size_t big[] = {1000, 4096, 16384, 65536 + 17, 100000};
    for (size_t i = 0; i < sizeof(big) / sizeof(big[0]); i++) {
        gmtls_sm3(m, big[i], a);
        err += !ossl_sm3(m, big[i], b);
        bad += memcmp(a, b, 32) != 0;
    }
    CHECK_EQ(err, 0);
    CHECK_MSG(bad == 0, "SM3 differs from OpenSSL for %u inputs", bad);

    /* multi-buffer on 301 messages of lengths 0..300 */
    const uint8_t *msgs[301];
    size_t lens[301];
    uint8_t(*out)[32] = malloc(301 * 32);
    CHECK(out != NULL);
    if (out) {
        for (size_t i = 0; i <= 300; i++) {
            msgs[i] = m + 3 * i;
            lens[i] = 300 - i;
        }
        gmtls_sm3_mb(301, msgs, lens, out);
        bad = 0;
        for (size_t i = 0; i <= 300; i++) {
            err += !ossl_sm3(msgs[i], lens[i], b);
            bad += memcmp(out[i], b, 32) != 0;
        }
        CHECK_EQ(err, 0);
        CHECK_MSG(bad == 0, "SM3 multi-buffer differs from OpenSSL for %u inputs", bad);
        free(out);
    }
    free(m);
}

static void test_hmac(void)
{
    uint8_t *m = malloc(100000);
    uint8_t key[200], a[32], b[32];
    CHECK(m != NULL);
    if (!m)
        return;
    test_rand_bytes(m, 100000);
    unsigned bad = 0, err = 0;
    for (size_t n = 0; n <= 300; n++) {
        size_t klen = test_rand_u32() % 201;
        test_rand_bytes(key, klen);
        gmtls_hmac_sm3(key, klen, m + 5, n, a);
        err += !ossl_hmac(key, klen, m + 5, n, b);
        bad += memcmp(a, b, 32) != 0;
    }
    /* every key length 0..200 with a fixed message */
    for (size_t klen = 0; klen <= 200; klen++) {
        test_rand_bytes(key, klen);
        gmtls_hmac_sm3(key, klen, m, 77, a);
        err += !ossl_hmac(key, klen, m, 77, b);
        bad += memcmp(a, b, 32) != 0;
    }
    gmtls_hmac_sm3(key, 32, m, 100000, a);
    err += !ossl_hmac(key, 32, m, 100000, b);
    bad += memcmp(a, b, 32) != 0;
    CHECK_EQ(err, 0);
    CHECK_MSG(bad == 0, "HMAC-SM3 differs from OpenSSL for %u inputs", bad);
    free(m);
}

static void test_kdf_prf(void)
{
    uint8_t z[130], secret[100], label[20], seed[80], a[300], b[300];
    char digest[] = "SM3";
    unsigned bad = 0, err = 0;
    for (int i = 0; i < 40; i++) {
        size_t zl = 1 + test_rand_u32() % 130, n = 1 + test_rand_u32() % 300;
        test_rand_bytes(z, zl);
        CHECK_OK(gmtls_sm3_kdf(z, zl, a, n));
        OSSL_PARAM p[] = {OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
                          OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, z, zl), OSSL_PARAM_END};
        err += !ossl_kdf("X963KDF", p, b, n);
        bad += memcmp(a, b, n) != 0;
    }
    for (int i = 0; i < 40; i++) {
        size_t sl = 1 + test_rand_u32() % 100, ll = 1 + test_rand_u32() % 20, dl = test_rand_u32() % 80;
        size_t n = 1 + test_rand_u32() % 300;
        test_rand_bytes(secret, sl);
        test_rand_bytes(label, ll);
        test_rand_bytes(seed, dl);
        CHECK_OK(gmtls_prf_sm3(secret, sl, label, ll, seed, dl, a, n));
        /* OpenSSL's TLS1-PRF seed parameter is label || seed */
        uint8_t ls[100];
        memcpy(ls, label, ll);
        memcpy(ls + ll, seed, dl);
        OSSL_PARAM p[] = {OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
                          OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SECRET, secret, sl),
                          OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SEED, ls, ll + dl), OSSL_PARAM_END};
        err += !ossl_kdf("TLS1-PRF", p, b, n);
        bad += memcmp(a, b, n) != 0;
    }
    CHECK_EQ(err, 0);
    CHECK_MSG(bad == 0, "KDF/PRF differs from OpenSSL for %u inputs", bad);
}

int main(void)
{
    test_rand_seed(19);
    test_digest();
    test_hmac();
    test_kdf_prf();
    return test_report();
}
