/* Constant-time check of the SM2 operations under valgrind (ctgrind): the private key d, the
 * cached (1 + d)^-1, the nonce k and the ephemeral key exchange scalar r are marked undefined, so
 * memcheck reports any branch or memory index that depends on them. Runs signing with a fixed k,
 * decryption and key exchange computation on the known answers of shared/vectors; outputs are
 * marked defined again only before they are compared. */
#include <stdlib.h>
#include <string.h>

#include "core/cpu.h"
#include "crypto/sm2_arith.h"
#include "crypto/sm2_internal.h"
#include "ctgrind.h"
#include "gmtls/sm2.h"
#include "test.h"
#include "vectors.h"

static void ct_sign(void)
{
    tv_file f;
    if (tv_load(&f, "sm2_sign.txt") != 0)
        return;
    for (size_t i = 0; i < f.n && i < 6; i++) {
        const tv_case *c = &f.cases[i];
        uint8_t d[32], e[32], k[32], want[64], sig[64];
        if (tv_hex_fixed(c, "priv", d, 32) || tv_hex_fixed(c, "e", e, 32) || tv_hex_fixed(c, "k", k, 32) ||
            tv_hex_fixed(c, "r", want, 32) || tv_hex_fixed(c, "s", want + 32, 32))
            continue;
        gmtls_sm2_key key;
        CHECK_OK(gmtls_sm2_key_from_bytes(&key, d));
        CT_SECRET(key.d, sizeof key.d);
        CT_SECRET(k, sizeof k);
        int rc = gmtls_sm2_sign_digest_with_k(&key, e, k, sig);
        CT_PUBLIC(&rc, sizeof rc);
        CT_PUBLIC(sig, sizeof sig);
        CHECK_OK(rc);
        CHECK_MEM(sig, want, 64);
        /* Key loading and the public key derivation with a secret d. */
        CT_SECRET(d, sizeof d);
        gmtls_sm2_key key2;
        rc = gmtls_sm2_key_from_bytes(&key2, d);
        CT_PUBLIC(&rc, sizeof rc);
        CT_PUBLIC(&key2.pub, sizeof key2.pub);
        CHECK_OK(rc);
        CT_PUBLIC(&key, sizeof key);
        CHECK_MEM(key2.pub.x, key.pub.x, 32);
    }
    tv_free(&f);
}

static void ct_decrypt(void)
{
    tv_file f;
    if (tv_load(&f, "sm2_enc.txt") != 0)
        return;
    for (size_t i = 0; i < f.n && i < 6; i++) {
        const tv_case *c = &f.cases[i];
        uint8_t d[32];
        size_t msg_len, ct_len;
        if (tv_hex_fixed(c, "priv", d, 32))
            continue;
        uint8_t *msg = tv_hex(c, "msg", &msg_len);
        uint8_t *ct = tv_hex(c, "der", &ct_len);
        uint8_t *out = malloc(msg_len + 16);
        size_t out_len = 0;
        gmtls_sm2_key key;
        CHECK_OK(gmtls_sm2_key_from_bytes(&key, d));
        CT_SECRET(key.d, sizeof key.d);
        int rc = gmtls_sm2_decrypt(&key, GMTLS_SM2_DER, ct, ct_len, out, msg_len + 16, &out_len);
        CT_PUBLIC(&rc, sizeof rc);
        CT_PUBLIC(&out_len, sizeof out_len);
        CT_PUBLIC(out, msg_len + 16);
        CHECK_OK(rc);
        CHECK_EQ(out_len, msg_len);
        CHECK_MEM(out, msg, msg_len);
        /* A forged C3 takes the same path: the failure is not a branch on secrets either. */
        ct[ct_len - msg_len - 1] ^= 1;
        rc = gmtls_sm2_decrypt(&key, GMTLS_SM2_DER, ct, ct_len, out, msg_len + 16, &out_len);
        CT_PUBLIC(&rc, sizeof rc);
        CT_PUBLIC(&out_len, sizeof out_len);
        CT_PUBLIC(out, msg_len + 16);
        CHECK_ERR(rc, GMTLS_ERR_DECRYPT_FAILED);
        free(out);
        free(msg);
        free(ct);
    }
    tv_free(&f);
}

static int load_point(const tv_case *c, const char *kx, const char *ky, uint8_t out[65])
{
    out[0] = 4;
    return tv_hex_fixed(c, kx, out + 1, 32) | tv_hex_fixed(c, ky, out + 33, 32);
}

static void ct_kx(void)
{
    tv_file f;
    if (tv_load(&f, "sm2_kx.txt") != 0)
        return;
    for (size_t i = 0; i < f.n && i < 4; i++) {
        const tv_case *c = &f.cases[i];
        uint8_t da[32], db[32], ra[32], rb[32], pa[65], pb[65], RA[65], RB[65], key[48], s[32];
        size_t ida_len, idb_len, k_len;
        uint8_t *ida = tv_hex(c, "id_a", &ida_len), *idb = tv_hex(c, "id_b", &idb_len), *k = tv_hex(c, "k", &k_len);
        if (tv_hex_fixed(c, "da", da, 32) || tv_hex_fixed(c, "db", db, 32) || tv_hex_fixed(c, "ra", ra, 32) ||
            tv_hex_fixed(c, "rb", rb, 32) || load_point(c, "pa_x", "pa_y", pa) || load_point(c, "pb_x", "pb_y", pb) ||
            load_point(c, "ra_x", "ra_y", RA) || load_point(c, "rb_x", "rb_y", RB) || k_len > sizeof key)
            goto next;
        gmtls_sm2_key ka, kb;
        gmtls_sm2_pubkey pubA, pubB;
        gmtls_sm2_kx A, B;
        CHECK_OK(gmtls_sm2_key_from_bytes(&ka, da));
        CHECK_OK(gmtls_sm2_key_from_bytes(&kb, db));
        CHECK_OK(gmtls_sm2_pubkey_from_octets(&pubA, pa, 65));
        CHECK_OK(gmtls_sm2_pubkey_from_octets(&pubB, pb, 65));
        CHECK_OK(gmtls_sm2_kx_init(&A, GMTLS_SM2_INITIATOR, &ka, ida, ida_len, &pubB, idb, idb_len));
        CHECK_OK(gmtls_sm2_kx_init(&B, GMTLS_SM2_RESPONDER, &kb, idb, idb_len, &pubA, ida, ida_len));
        CHECK_OK(gmtls_sm2_kx_set_ephemeral(&A, ra, NULL));
        CHECK_OK(gmtls_sm2_kx_set_ephemeral(&B, rb, NULL));
        CT_SECRET(A.own.d, sizeof A.own.d);
        CT_SECRET(A.r, sizeof A.r);
        CT_SECRET(B.own.d, sizeof B.own.d);
        CT_SECRET(B.r, sizeof B.r);
        int rc = gmtls_sm2_kx_compute(&A, RB, 65, key, k_len);
        CT_PUBLIC(&rc, sizeof rc);
        CT_PUBLIC(key, k_len);
        CHECK_OK(rc);
        CHECK_MEM(key, k, k_len);
        rc = gmtls_sm2_kx_compute(&B, RA, 65, key, k_len);
        CT_PUBLIC(&rc, sizeof rc);
        CT_PUBLIC(key, k_len);
        CHECK_OK(rc);
        CHECK_MEM(key, k, k_len);
        /* The confirmation values are published, so they are declassified before comparing. */
        CT_PUBLIC(&A, sizeof A);
        CT_PUBLIC(&B, sizeof B);
        CHECK_OK(gmtls_sm2_kx_confirmation(&B, s));
        CHECK_OK(gmtls_sm2_kx_check(&A, s));
    next:
        free(ida);
        free(idb);
        free(k);
    }
    tv_free(&f);
}

int main(void)
{
    /* Every arithmetic path valgrind can run (it emulates BMI2/ADX but not AVX-512). */
    static const uint32_t masks[] = {0xffffffffu, 0};
    for (size_t m = 0; m < 2; m++) {
        gmtls_cpu_set_mask(masks[m]);
        gmtls_sm2_arith_impl_reset();
        ct_sign();
        ct_decrypt();
        ct_kx();
    }
    return test_report();
}
