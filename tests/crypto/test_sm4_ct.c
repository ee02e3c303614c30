/* Constant time (run under valgrind): with the key and the data marked undefined, the key schedule,
 * single blocks, ECB (bitsliced), CBC both ways, multi-message CBC, CTR and CTR32 must not branch on
 * them or use them as addresses. Runs the portable path, and the AES-NI path when the CPU (as
 * valgrind emulates it) has it; valgrind lacks AVX-512 and GFNI. */
#include "gmtls/sm4.h"
#include "ctgrind.h"
#include "test.h"
#include "test_sm4_util.h"

#define NB 70 /* more than one 64-block bitsliced batch, and a partial one */

static void run_all(const uint8_t key[16], const uint8_t *pt, uint8_t out[8][NB * 16 + 16])
{
    gmtls_sm4_key k;
    uint8_t iv[16], ctr[16];
    const uint8_t *ivs[3], *ins[3];
    uint8_t *outs[3];
    size_t lens[3] = {16 * NB, 48, 0};

    gmtls_sm4_set_key(&k, key);
    gmtls_sm4_encrypt_block(&k, pt, out[0]);
    gmtls_sm4_decrypt_block(&k, pt, out[0] + 16);
    gmtls_sm4_ecb_encrypt(&k, pt, out[1], NB);
    gmtls_sm4_ecb_decrypt(&k, pt, out[2], 3);
    memset(iv, 0x11, 16);
    CHECK_OK(gmtls_sm4_cbc_encrypt(&k, iv, pt, out[3], 16 * 5));
    memset(iv, 0x11, 16);
    CHECK_OK(gmtls_sm4_cbc_decrypt(&k, iv, pt, out[4], 16 * NB));
    memset(ctr, 0xfe, 16);
    gmtls_sm4_ctr(&k, ctr, pt, out[5], 16 * NB - 5);
    memset(ctr, 0xfe, 16);
    gmtls_sm4_ctr32(&k, ctr, pt, out[6], 16 * NB - 5);
    for (int i = 0; i < 3; i++) {
        ivs[i] = iv;
        ins[i] = pt;
    }
    outs[0] = out[7];
    outs[1] = out[7] + 16 * NB;
    outs[2] = out[7];
    lens[1] = 16;
    CHECK_OK(gmtls_sm4_cbc_encrypt_mb(&k, 3, ivs, ins, outs, lens));
    gmtls_sm4_key_wipe(&k);
}

int main(void)
{
    static uint8_t key[16], pt[NB * 16], out[8][NB * 16 + 16], ref[8][NB * 16 + 16];
    test_rand_bytes(key, sizeof key);
    test_rand_bytes(pt, sizeof pt);

    /* reference outputs with public inputs on the portable path */
    sm4_test_force(0);
    run_all(key, pt, ref);

    for (size_t i = 0; i < 2; i++) { /* portable-ct, aesni-avx2 */
        if (sm4_test_force(i) != 1)
            continue;
        printf("checking %s\n", sm4_test_impls[i].name);
        memset(out, 0, sizeof out);
        CT_SECRET(key, sizeof key);
        CT_SECRET(pt, sizeof pt);
        run_all(key, pt, out);
        CT_PUBLIC(key, sizeof key);
        CT_PUBLIC(pt, sizeof pt);
        CT_PUBLIC(out, sizeof out);
        CHECK_MEM(out, ref, sizeof out);
    }
    sm4_test_unforce();
    return test_report();
}
