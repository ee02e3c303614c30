/* SM4 ECB, CBC and CTR against OpenSSL 3 libcrypto (EVP_sm4_*, padding off), both directions, on
 * random keys, IVs and inputs: CTR at every length 0..300, ECB and CBC at every multiple of 16 up to
 * 304, and a few large inputs; on each implementation the CPU has. */
#include <openssl/evp.h>
#include <stdlib.h>

#include "gmtls/sm4.h"
#include "test.h"
#include "test_sm4_util.h"

static int ossl(const EVP_CIPHER *cipher, int enc, const uint8_t key[16], const uint8_t *iv, const uint8_t *in,
                uint8_t *out, size_t len)
{
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    int n1 = 0, n2 = 0, ok = c != NULL && EVP_CipherInit_ex(c, cipher, NULL, key, iv, enc) == 1 &&
                             EVP_CIPHER_CTX_set_padding(c, 0) == 1 &&
                             EVP_CipherUpdate(c, out, &n1, in, (int)len) == 1 &&
                             EVP_CipherFinal_ex(c, out + n1, &n2) == 1 && (size_t)(n1 + n2) == len;
    EVP_CIPHER_CTX_free(c);
    return ok ? 0 : -1;
}

enum { ECB, CBC, CTR };

static void check_one(int mode, size_t len, const char *impl)
{
    uint8_t key[16], iv[16], ivc[16];
    uint8_t *in = malloc(len + 1), *want = malloc(len + 1), *got = malloc(len + 1);
    gmtls_sm4_key k;
    test_rand_bytes(key, 16);
    test_rand_bytes(iv, 16);
    test_rand_bytes(in, len);
    if (mode == CTR && (len & 1)) /* odd lengths start near a 64-bit carry, as OpenSSL carries all 128 bits */
        memset(iv + 8, 0xff, 7);
    gmtls_sm4_set_key(&k, key);
    const EVP_CIPHER *cipher = mode == ECB ? EVP_sm4_ecb() : mode == CBC ? EVP_sm4_cbc() : EVP_sm4_ctr();
    for (int enc = 1; enc >= 0; enc--) {
        CHECK_OK(ossl(cipher, enc, key, mode == ECB ? NULL : iv, in, want, len));
        memcpy(ivc, iv, 16);
        if (mode == ECB && enc)
            gmtls_sm4_ecb_encrypt(&k, in, got, len / 16);
        else if (mode == ECB)
            gmtls_sm4_ecb_decrypt(&k, in, got, len / 16);
        else if (mode == CBC && enc)
            CHECK_OK(gmtls_sm4_cbc_encrypt(&k, ivc, in, got, len));
        else if (mode == CBC)
            CHECK_OK(gmtls_sm4_cbc_decrypt(&k, ivc, in, got, len));
        else
            gmtls_sm4_ctr(&k, ivc, in, got, len);
        CHECK_MSG(memcmp(got, want, len) == 0, "%s %s len %zu on %s differs from OpenSSL",
                  mode == ECB ? "ecb" : mode == CBC ? "cbc" : "ctr", enc ? "encrypt" : "decrypt", len, impl);
    }
    gmtls_sm4_key_wipe(&k);
    free(in);
    free(want);
    free(got);
}

int main(void)
{
    static const size_t large[] = {4096, 16384, 65536 + 48, 100000};
    test_rand_seed(0x6f70656e73736c34ull);
    for (size_t i = 0; i < SM4_TEST_NIMPLS; i++) {
        if (sm4_test_force(i) != 1)
            continue;
        const char *impl = sm4_test_impls[i].name;
        for (size_t len = 0; len <= 300; len++)
            check_one(CTR, len, impl);
        for (size_t len = 0; len <= 304; len += 16) {
            check_one(ECB, len, impl);
            check_one(CBC, len, impl);
        }
        for (size_t j = 0; j < sizeof large / sizeof large[0]; j++) {
            check_one(CTR, large[j], impl);
            check_one(ECB, large[j] & ~(size_t)15, impl);
            check_one(CBC, large[j] & ~(size_t)15, impl);
        }
    }
    sm4_test_unforce();
    return test_report();
}
