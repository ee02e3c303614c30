/* Constant-time checks under valgrind: with the private key, the password and the data to encode
 * marked secret (undefined), writing a key file (SEC1 / PKCS#8 DER, base64/PEM encoding),
 * PBKDF2-HMAC-SM3 and PBKDF2-HMAC-SHA256 must not branch on or index memory by them. (Decoding
 * maps each base64 character without tables, but accepting or rejecting the text and skipping line
 * breaks are decisions on the text itself, so it is not run with secret input here.) */
#include <stdlib.h>
#include <string.h>

#include "ctgrind.h"
#include "gmtls/pem.h"
#include "gmtls/pkey.h"
#include "gmtls/rand.h"
#include "pki/base64.h"
#include "pki/der_write.h"
#include "pki/key_internal.h"
#include "test.h"

static void test_base64_encode(void)
{
    uint8_t data[100];
    char want[200], got[200];
    test_rand_bytes(data, sizeof(data));
    for (size_t n = 0; n <= sizeof(data); n += 7) {
        gmtls_base64_encode(data, n, want);
        CT_SECRET(data, n);
        gmtls_base64_encode(data, n, got);
        CT_PUBLIC(data, n);
        CT_PUBLIC(got, gmtls_base64_encoded_len(n));
        CHECK(memcmp(got, want, gmtls_base64_encoded_len(n)) == 0);
    }
}

static void test_key_encoding(void)
{
    gmtls_sm2_key key;
    uint64_t seed = 3;
    gmtls_drbg_test drbg;
    gmtls_drbg_test_init(&drbg, &seed, sizeof(seed));
    gmtls_rand_set_source(gmtls_drbg_test_fill, &drbg);
    CHECK_OK(gmtls_sm2_keygen(&key));
    gmtls_rand_set_source(NULL, NULL);
    static const gmtls_keyfmt fmts[] = {GMTLS_KEYFMT_SEC1, GMTLS_KEYFMT_PKCS8};
    for (int f = 0; f < 2; f++) {
        char *want, *got;
        size_t wl, gl;
        CHECK_OK(gmtls_key_to_pem(&key, fmts[f], NULL, &want, &wl));
        CT_SECRET(key.d, sizeof(key.d));
        int e = gmtls_key_to_pem(&key, fmts[f], NULL, &got, &gl);
        CT_PUBLIC(key.d, sizeof(key.d));
        CHECK_OK(e);
        CT_PUBLIC(got, gl);
        CHECK(gl == wl && memcmp(got, want, wl) == 0);
        gmtls_free_secret(want, wl);
        gmtls_free_secret(got, gl);
    }
    /* encrypted: secret key (the output is random, so only check it reads back; the password's
     * content is covered by test_pbkdf2 below: a C string's length is found by strlen, which
     * necessarily looks at every byte) */
    char pw[] = "a secret password";
    uint8_t *der;
    size_t dl;
    CT_SECRET(key.d, sizeof(key.d));
    int e = gmtls_key_to_der_iter(&key, GMTLS_KEYFMT_PKCS8_ENCRYPTED, pw, 50, &der, &dl);
    CT_PUBLIC(key.d, sizeof(key.d));
    CHECK_OK(e);
    CT_PUBLIC(der, dl);
    gmtls_sm2_key back;
    CHECK_OK(gmtls_key_parse(&back, der, dl, pw));
    CHECK(gmtls_sm2_pubkey_equal(&back.pub, &key.pub));
    gmtls_free_secret(der, dl);
}

static void test_pbkdf2(void)
{
    uint8_t pw[70], salt[16], a[48], b[48];
    test_rand_bytes(pw, sizeof(pw));
    test_rand_bytes(salt, sizeof(salt));
    for (int which = 0; which < 2; which++) {
        int (*fn)(const uint8_t *, size_t, const uint8_t *, size_t, uint32_t, uint8_t *, size_t) =
            which ? gmtls_pbkdf2_hmac_sha256 : gmtls_pbkdf2_hmac_sm3;
        for (size_t pl = 8; pl <= sizeof(pw); pl += 62) {
            CHECK_OK(fn(pw, pl, salt, sizeof(salt), 20, a, sizeof(a)));
            CT_SECRET(pw, pl);
            int e = fn(pw, pl, salt, sizeof(salt), 20, b, sizeof(b));
            CT_PUBLIC(pw, pl);
            CHECK_OK(e);
            CT_PUBLIC(b, sizeof(b));
            CHECK_MEM(a, b, sizeof(a));
        }
    }
}

int main(void)
{
    test_base64_encode();
    test_key_encoding();
    test_pbkdf2();
    return test_report();
}
