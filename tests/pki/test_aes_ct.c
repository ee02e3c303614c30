/* Constant-time check of AES (src/pki/aes.c) under valgrind: with the key and the data marked
 * secret (undefined), key expansion, both block directions and CBC both ways must not branch on
 * or index memory by them. Results are compared with unmarked runs. */
#include <string.h>

#include "ctgrind.h"
#include "pki/aes.h"
#include "test.h"

int main(void)
{
    static const size_t kls[] = {16, 24, 32};
    for (size_t i = 0; i < 3; i++) {
        size_t kl = kls[i];
        uint8_t key[32], iv[16], ivc[16], data[48], want[48], got[48];
        test_rand_bytes(key, sizeof(key));
        test_rand_bytes(iv, sizeof(iv));
        test_rand_bytes(data, sizeof(data));
        gmtls_aes_key ref, k;
        CHECK_OK(gmtls_aes_set_key(&ref, key, kl));

        CT_SECRET(key, sizeof(key));
        CHECK_OK(gmtls_aes_set_key(&k, key, kl));
        CT_PUBLIC(key, sizeof(key));

        /* Cipher */
        gmtls_aes_encrypt_block(&ref, data, want);
        CT_SECRET(data, sizeof(data));
        gmtls_aes_encrypt_block(&k, data, got);
        CT_PUBLIC(got, 16);
        CT_PUBLIC(data, sizeof(data));
        CHECK_MEM(got, want, 16);
        /* InvCipher */
        gmtls_aes_decrypt_block(&ref, data, want);
        CT_SECRET(data, sizeof(data));
        gmtls_aes_decrypt_block(&k, data, got);
        CT_PUBLIC(got, 16);
        CT_PUBLIC(data, sizeof(data));
        CHECK_MEM(got, want, 16);
        /* CBC, secret IV too (the PBES2 IV is public, but nothing should depend on it either) */
        memcpy(ivc, iv, 16);
        CHECK_OK(gmtls_aes_cbc_encrypt(&ref, ivc, data, want, sizeof(data)));
        memcpy(ivc, iv, 16);
        CT_SECRET(data, sizeof(data));
        CT_SECRET(ivc, sizeof(ivc));
        CHECK_OK(gmtls_aes_cbc_encrypt(&k, ivc, data, got, sizeof(data)));
        CT_PUBLIC(got, sizeof(got));
        CT_PUBLIC(data, sizeof(data));
        CHECK_MEM(got, want, sizeof(got));
        memcpy(ivc, iv, 16);
        CHECK_OK(gmtls_aes_cbc_decrypt(&ref, ivc, data, want, sizeof(data)));
        memcpy(ivc, iv, 16);
        CT_SECRET(data, sizeof(data));
        CT_SECRET(ivc, sizeof(ivc));
        CHECK_OK(gmtls_aes_cbc_decrypt(&k, ivc, data, got, sizeof(data)));
        CT_PUBLIC(got, sizeof(got));
        CT_PUBLIC(data, sizeof(data));
        CHECK_MEM(got, want, sizeof(got));
        CT_PUBLIC(&k, sizeof(k));
        CHECK_EQ(k.rounds, ref.rounds);
        CHECK_MEM(k.rk, ref.rk, 16 * (ref.rounds + 1)); /* the rest of rk is unused for short keys */
        gmtls_aes_key_wipe(&k);
        gmtls_aes_key_wipe(&ref);
    }
    return test_report();
}
