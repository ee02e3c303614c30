/* AES (src/pki/aes.c): FIPS 197 appendix C known answers and the appendix A.1 key expansion,
 * then random keys and data against OpenSSL 3 (EVP aes-*-ecb / aes-*-cbc) in both directions,
 * CBC in place and on unaligned buffers, and the argument checks. */
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

#include "gmtls/error.h"
#include "pki/aes.h"
#include "test.h"

/* FIPS 197 appendix C (example vectors): one plaintext, three keys. */
static void test_fips197(void)
{
    static const struct {
        const char *key, *ct;
    } v[] = {
        {"000102030405060708090a0b0c0d0e0f", "69c4e0d86a7b0430d8cdb78070b4c55a"},
        {"000102030405060708090a0b0c0d0e0f1011121314151617", "dda97ca4864cdfe06eaf70a0ec0d7191"},
        {"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "8ea2b7ca516745bfeafc49904b496089"},
    };
    uint8_t pt[16], key[32], ct[16], out[16];
    test_unhex("00112233445566778899aabbccddeeff", pt, sizeof(pt));
    for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
        size_t kl = test_unhex(v[i].key, key, sizeof(key));
        test_unhex(v[i].ct, ct, sizeof(ct));
        gmtls_aes_key k;
        CHECK_OK(gmtls_aes_set_key(&k, key, kl));
        CHECK_EQ(k.rounds, (unsigned)(kl / 4 + 6));
        gmtls_aes_encrypt_block(&k, pt, out);
        CHECK_MEM(out, ct, 16);
        gmtls_aes_decrypt_block(&k, ct, out);
        CHECK_MEM(out, pt, 16);
        /* in place */
        memcpy(out, pt, 16);
        gmtls_aes_encrypt_block(&k, out, out);
        CHECK_MEM(out, ct, 16);
        gmtls_aes_decrypt_block(&k, out, out);
        CHECK_MEM(out, pt, 16);
        gmtls_aes_key_wipe(&k);
        static const uint8_t zero[sizeof(k)];
        CHECK(memcmp(&k, zero, sizeof(k)) == 0);
    }
    /* FIPS 197 appendix A.1: the last round key words w[40..43] of the AES-128 expansion */
    uint8_t want[16];
    gmtls_aes_key k;
    test_unhex("2b7e151628aed2a6abf7158809cf4f3c", key, sizeof(key));
    test_unhex("d014f9a8c9ee2589e13f0cc8b6630ca6", want, sizeof(want));
    CHECK_OK(gmtls_aes_set_key(&k, key, 16));
    CHECK_MEM(k.rk + 160, want, 16);
}

static const EVP_CIPHER *ossl_cipher(size_t kl, int cbc)
{
    if (kl == 16)
        return cbc ? EVP_aes_128_cbc() : EVP_aes_128_ecb();
    if (kl == 24)
        return cbc ? EVP_aes_192_cbc() : EVP_aes_192_ecb();
    return cbc ? EVP_aes_256_cbc() : EVP_aes_256_ecb();
}

/* OpenSSL without padding; returns the output length or -1. */
static int ossl_run(size_t kl, int cbc, int enc, const uint8_t *key, const uint8_t *iv, const uint8_t *in, size_t len,
                    uint8_t *out)
{
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    int n1 = 0, n2 = 0, ok = c && EVP_CipherInit_ex(c, ossl_cipher(kl, cbc), NULL, key, cbc ? iv : NULL, enc) == 1 &&
                            EVP_CIPHER_CTX_set_padding(c, 0) == 1 &&
                            EVP_CipherUpdate(c, out, &n1, in, (int)len) == 1 &&
                            EVP_CipherFinal_ex(c, out + n1, &n2) == 1;
    EVP_CIPHER_CTX_free(c);
    return ok ? n1 + n2 : -1;
}

static void test_vs_openssl(void)
{
    static const size_t kls[] = {16, 24, 32};
    for (size_t ki = 0; ki < 3; ki++) {
        size_t kl = kls[ki];
        for (int t = 0; t < 40; t++) {
            uint8_t key[32], iv[16], ivc[16], pt[16 * 6 + 1], ct[16 * 6], want[16 * 6], got[16 * 6 + 1];
            test_rand_bytes(key, kl);
            test_rand_bytes(iv, sizeof(iv));
            test_rand_bytes(pt, sizeof(pt));
            gmtls_aes_key k;
            CHECK_OK(gmtls_aes_set_key(&k, key, kl));
            /* ECB, one block each way */
            gmtls_aes_encrypt_block(&k, pt, got);
            CHECK_EQ(ossl_run(kl, 0, 1, key, NULL, pt, 16, want), 16);
            CHECK_MEM(got, want, 16);
            gmtls_aes_decrypt_block(&k, pt, got);
            CHECK_EQ(ossl_run(kl, 0, 0, key, NULL, pt, 16, want), 16);
            CHECK_MEM(got, want, 16);
            /* CBC over 1..6 blocks: gmtls encrypts, OpenSSL decrypts, and the other way round */
            size_t len = 16 * (size_t)(1 + t % 6);
            memcpy(ivc, iv, 16);
            CHECK_OK(gmtls_aes_cbc_encrypt(&k, ivc, pt, ct, len));
            CHECK_MEM(ivc, ct + len - 16, 16);
            CHECK_EQ(ossl_run(kl, 1, 1, key, iv, pt, len, want), (int)len);
            CHECK_MEM(ct, want, len);
            CHECK_EQ(ossl_run(kl, 1, 0, key, iv, ct, len, want), (int)len);
            CHECK_MEM(want, pt, len);
            memcpy(ivc, iv, 16);
            CHECK_OK(gmtls_aes_cbc_decrypt(&k, ivc, pt, got, len)); /* random "ciphertext" */
            CHECK_EQ(ossl_run(kl, 1, 0, key, iv, pt, len, want), (int)len);
            CHECK_MEM(got, want, len);
            CHECK_MEM(ivc, pt + len - 16, 16);
            /* in place, and unaligned (offset 1) */
            memcpy(got + 1, pt, len);
            memcpy(ivc, iv, 16);
            CHECK_OK(gmtls_aes_cbc_encrypt(&k, ivc, got + 1, got + 1, len));
            CHECK_MEM(got + 1, ct, len);
            memcpy(ivc, iv, 16);
            CHECK_OK(gmtls_aes_cbc_decrypt(&k, ivc, got + 1, got + 1, len));
            CHECK_MEM(got + 1, pt, len);
            /* two calls chain through the updated IV */
            memcpy(ivc, iv, 16);
            CHECK_OK(gmtls_aes_cbc_decrypt(&k, ivc, ct, got, 16));
            CHECK_OK(gmtls_aes_cbc_decrypt(&k, ivc, ct + 16, got + 16, len - 16));
            CHECK_MEM(got, pt, len);
            gmtls_aes_key_wipe(&k);
        }
    }
}

static void test_args(void)
{
    uint8_t key[33] = {0}, iv[16] = {0}, buf[32] = {0};
    gmtls_aes_key k;
    static const size_t bad[] = {0, 1, 15, 17, 20, 23, 25, 31, 33};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        CHECK_ERR(gmtls_aes_set_key(&k, key, bad[i]), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_aes_set_key(NULL, key, 16), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_aes_set_key(&k, NULL, 16), GMTLS_ERR_INVALID_ARG);
    CHECK_OK(gmtls_aes_set_key(&k, key, 16));
    CHECK_ERR(gmtls_aes_cbc_encrypt(&k, iv, buf, buf, 15), GMTLS_ERR_BAD_LENGTH);
    CHECK_ERR(gmtls_aes_cbc_decrypt(&k, iv, buf, buf, 17), GMTLS_ERR_BAD_LENGTH);
    /* a shifted overlap is refused (it would read blocks already overwritten) */
    CHECK_ERR(gmtls_aes_cbc_encrypt(&k, iv, buf, buf + 1, 16), GMTLS_ERR_INVALID_ARG);
    CHECK_OK(gmtls_aes_cbc_decrypt(&k, iv, buf + 16, buf, 16)); /* adjacent, not overlapping */
    CHECK_ERR(gmtls_aes_cbc_decrypt(&k, iv, buf + 1, buf, 16), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_aes_cbc_decrypt(&k, NULL, buf, buf, 16), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_aes_cbc_encrypt(&k, iv, NULL, buf, 16), GMTLS_ERR_INVALID_ARG);
    CHECK_OK(gmtls_aes_cbc_encrypt(&k, iv, NULL, NULL, 0));
    CHECK_OK(gmtls_aes_cbc_decrypt(&k, iv, NULL, NULL, 0));
    gmtls_aes_key_wipe(&k);
    gmtls_aes_key_wipe(NULL);
}

int main(void)
{
    test_fips197();
    test_vs_openssl();
    test_args();
    return test_report();
}
