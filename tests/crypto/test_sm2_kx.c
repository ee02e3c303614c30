/* SM2 key exchange (GB/T 32918.3 6.1): known answers in both roles with the confirmation values
 * (shared/vectors/sm2_kx.txt), role mix-ups (k_swapped), the TLCP ECDHE helper, invalid peer points
 * (sm2_invalid.txt kx_responder), random exchanges, and state errors. On every arithmetic path. */
#include <stdlib.h>
#include <string.h>

#include "core/cpu.h"
#include "crypto/sm2_arith.h"
#include "crypto/sm2_internal.h"
#include "gmtls/sm2.h"
#include "test.h"
#include "vectors.h"

static int load_point(const tv_case *c, const char *kx, const char *ky, uint8_t out[65])
{
    out[0] = 4;
    return tv_hex_fixed(c, kx, out + 1, 32) | tv_hex_fixed(c, ky, out + 33, 32);
}

static void test_kat(void)
{
    tv_file f;
    if (tv_load(&f, "sm2_kx.txt") != 0)
        return;
    CHECK(f.n >= 9);
    size_t tlcp_cases = 0;
    for (size_t i = 0; i < f.n; i++) {
        const tv_case *c = &f.cases[i];
        uint8_t da[32], db[32], ra[32], rb[32], pa[65], pb[65], RA[65], RB[65], za[32], zb[32], sa[32], sb[32];
        size_t ida_len, idb_len, k_len, ks_len;
        uint8_t *ida = tv_hex(c, "id_a", &ida_len), *idb = tv_hex(c, "id_b", &idb_len);
        uint8_t *k = tv_hex(c, "k", &k_len), *ks = tv_hex(c, "k_swapped", &ks_len);
        long klen = tv_long(c, "klen");
        if (tv_hex_fixed(c, "da", da, 32) || tv_hex_fixed(c, "db", db, 32) || tv_hex_fixed(c, "ra", ra, 32) ||
            tv_hex_fixed(c, "rb", rb, 32) || load_point(c, "pa_x", "pa_y", pa) || load_point(c, "pb_x", "pb_y", pb) ||
            load_point(c, "ra_x", "ra_y", RA) || load_point(c, "rb_x", "rb_y", RB) || tv_hex_fixed(c, "za", za, 32) ||
            tv_hex_fixed(c, "zb", zb, 32) || tv_hex_fixed(c, "sa", sa, 32) || tv_hex_fixed(c, "sb", sb, 32) ||
            klen <= 0 || (size_t)klen != k_len || ks_len != k_len)
            goto next;
        gmtls_sm2_key ka, kb;
        gmtls_sm2_pubkey pubA, pubB;
        CHECK_OK(gmtls_sm2_key_from_bytes(&ka, da));
        CHECK_OK(gmtls_sm2_key_from_bytes(&kb, db));
        CHECK_MEM(ka.pub.x, pa + 1, 32);
        CHECK_MEM(kb.pub.y, pb + 33, 32);
        CHECK_OK(gmtls_sm2_pubkey_from_octets(&pubA, pa, 65));
        CHECK_OK(gmtls_sm2_pubkey_from_octets(&pubB, pb, 65));

        gmtls_sm2_kx A, B;
        uint8_t outA[65], outB[65], s[32];
        uint8_t *keyA = malloc(k_len), *keyB = malloc(k_len);
        CHECK_OK(gmtls_sm2_kx_init(&A, GMTLS_SM2_INITIATOR, &ka, ida, ida_len, &pubB, idb, idb_len));
        CHECK_OK(gmtls_sm2_kx_init(&B, GMTLS_SM2_RESPONDER, &kb, idb, idb_len, &pubA, ida, ida_len));
        CHECK_MEM(A.za, za, 32);
        CHECK_MEM(A.zb, zb, 32);
        CHECK_MEM(B.za, za, 32);
        CHECK_MEM(B.zb, zb, 32);
        CHECK_OK(gmtls_sm2_kx_set_ephemeral(&A, ra, outA));
        CHECK_OK(gmtls_sm2_kx_set_ephemeral(&B, rb, outB));
        CHECK_MEM(outA, RA, 65);
        CHECK_MEM(outB, RB, 65);
        /* B receives RA, sends RB and SB. */
        CHECK_OK(gmtls_sm2_kx_compute(&B, RA, 65, keyB, k_len));
        CHECK_MSG(memcmp(keyB, k, k_len) == 0, "responder key, sm2_kx.txt line %d", c->line);
        CHECK_OK(gmtls_sm2_kx_confirmation(&B, s));
        CHECK_MEM(s, sb, 32);
        /* A receives RB and SB, checks SB, sends SA. */
        CHECK_OK(gmtls_sm2_kx_compute(&A, RB, 65, keyA, k_len));
        CHECK_MSG(memcmp(keyA, k, k_len) == 0, "initiator key, sm2_kx.txt line %d", c->line);
        CHECK_OK(gmtls_sm2_kx_check(&A, sb));
        CHECK_ERR(gmtls_sm2_kx_check(&A, sa), GMTLS_ERR_KX_CONFIRM);
        CHECK_OK(gmtls_sm2_kx_confirmation(&A, s));
        CHECK_MEM(s, sa, 32);
        CHECK_OK(gmtls_sm2_kx_check(&B, sa));
        CHECK_ERR(gmtls_sm2_kx_check(&B, sb), GMTLS_ERR_KX_CONFIRM);
        s[31] ^= 1;
        CHECK_ERR(gmtls_sm2_kx_check(&B, s), GMTLS_ERR_KX_CONFIRM);
        /* The ephemeral key is single use. */
        CHECK_ERR(gmtls_sm2_kx_compute(&A, RB, 65, keyA, k_len), GMTLS_ERR_BAD_STATE);

        /* Role mix-up: each side runs the other role; both get k_swapped, not k. */
        CHECK_OK(gmtls_sm2_kx_init(&A, GMTLS_SM2_RESPONDER, &ka, ida, ida_len, &pubB, idb, idb_len));
        CHECK_OK(gmtls_sm2_kx_init(&B, GMTLS_SM2_INITIATOR, &kb, idb, idb_len, &pubA, ida, ida_len));
        CHECK_OK(gmtls_sm2_kx_set_ephemeral(&A, ra, NULL));
        CHECK_OK(gmtls_sm2_kx_set_ephemeral(&B, rb, NULL));
        CHECK_OK(gmtls_sm2_kx_compute(&A, RB, 65, keyA, k_len));
        CHECK_OK(gmtls_sm2_kx_compute(&B, RA, 65, keyB, k_len));
        CHECK_MSG(memcmp(keyA, ks, k_len) == 0 && memcmp(keyB, ks, k_len) == 0, "k_swapped, line %d", c->line);

        /* The TLCP form: server = A, client = B, default IDs, 48 bytes. */
        if (klen == 48 && ida_len == 16 && idb_len == 16 && memcmp(ida, GMTLS_SM2_DEFAULT_ID, 16) == 0 &&
            memcmp(idb, GMTLS_SM2_DEFAULT_ID, 16) == 0) {
            gmtls_sm2_key era, erb;
            gmtls_sm2_pubkey pra, prb;
            uint8_t pm[48];
            tlcp_cases++;
            CHECK_OK(gmtls_sm2_key_from_bytes(&era, ra));
            CHECK_OK(gmtls_sm2_key_from_bytes(&erb, rb));
            CHECK_OK(gmtls_sm2_pubkey_from_octets(&pra, RA, 65));
            CHECK_OK(gmtls_sm2_pubkey_from_octets(&prb, RB, 65));
            CHECK_OK(gmtls_sm2_kx_tlcp(1, &ka, &era, &pubB, &prb, pm));
            CHECK_MEM(pm, k, 48);
            CHECK_OK(gmtls_sm2_kx_tlcp(0, &kb, &erb, &pubA, &pra, pm));
            CHECK_MEM(pm, k, 48);
            /* Both sides claiming to be the server: k_swapped on one side, k on the other. */
            CHECK_OK(gmtls_sm2_kx_tlcp(1, &kb, &erb, &pubA, &pra, pm));
            CHECK_MEM(pm, ks, 48);
        }
        gmtls_sm2_kx_wipe(&A);
        gmtls_sm2_kx_wipe(&B);
        free(keyA);
        free(keyB);
    next:
        free(ida);
        free(idb);
        free(k);
        free(ks);
    }
    CHECK(tlcp_cases >= 3);
    tv_free(&f);
}

static void test_invalid_vectors(void)
{
    tv_file f;
    if (tv_load(&f, "sm2_invalid.txt") != 0)
        return;
    size_t n = 0, pos = 0;
    for (const tv_case *c; (c = tv_next_where(&f, &pos, "op", "kx_responder")) != NULL;) {
        n++;
        uint8_t db[32], rb[32], pa[65], RA[65], key[48];
        size_t ida_len, idb_len;
        uint8_t *ida = tv_hex(c, "id_a", &ida_len), *idb = tv_hex(c, "id_b", &idb_len);
        CHECK(tv_hex_fixed(c, "db", db, 32) == 0 && tv_hex_fixed(c, "rb", rb, 32) == 0);
        CHECK(load_point(c, "pa_x", "pa_y", pa) == 0 && load_point(c, "ra_x", "ra_y", RA) == 0);
        CHECK_EQ(tv_long(c, "klen"), 48);
        gmtls_sm2_key kb;
        gmtls_sm2_pubkey pubA;
        gmtls_sm2_kx B;
        CHECK_OK(gmtls_sm2_key_from_bytes(&kb, db));
        CHECK_OK(gmtls_sm2_pubkey_from_octets(&pubA, pa, 65));
        CHECK_OK(gmtls_sm2_kx_init(&B, GMTLS_SM2_RESPONDER, &kb, idb, idb_len, &pubA, ida, ida_len));
        CHECK_OK(gmtls_sm2_kx_set_ephemeral(&B, rb, NULL));
        memset(key, 0xaa, sizeof key);
        int want = strcmp(tv_get(c, "result"), "valid") == 0 ? 0 : GMTLS_ERR_BAD_POINT;
        int rc = gmtls_sm2_kx_compute(&B, RA, 65, key, sizeof key);
        CHECK_MSG(rc == want, "sm2_invalid.txt line %d: %s", c->line, gmtls_errname(rc));
        if (want) {
            uint8_t zero[48] = {0};
            CHECK_MEM(key, zero, 48);
            CHECK_ERR(gmtls_sm2_kx_confirmation(&B, key), GMTLS_ERR_BAD_STATE);
        }
        free(ida);
        free(idb);
    }
    CHECK(n >= 3);
    tv_free(&f);
}

static void test_random(void)
{
    for (int i = 0; i < 20; i++) {
        gmtls_sm2_key ka, kb;
        gmtls_sm2_pubkey pa, pb;
        gmtls_sm2_kx A, B;
        uint8_t RA[65], RB[65], s[32], ida[40], idb[40];
        size_t ida_len = test_rand_u32() % 40, idb_len = test_rand_u32() % 40;
        size_t klen = 1 + test_rand_u32() % 200;
        uint8_t keyA[200], keyB[200];
        test_rand_bytes(ida, sizeof ida);
        test_rand_bytes(idb, sizeof idb);
        CHECK_OK(gmtls_sm2_keygen(&ka));
        CHECK_OK(gmtls_sm2_keygen(&kb));
        gmtls_sm2_pubkey_from_key(&pa, &ka);
        gmtls_sm2_pubkey_from_key(&pb, &kb);
        CHECK_OK(gmtls_sm2_kx_init(&A, GMTLS_SM2_INITIATOR, &ka, ida, ida_len, &pb, idb, idb_len));
        CHECK_OK(gmtls_sm2_kx_init(&B, GMTLS_SM2_RESPONDER, &kb, idb, idb_len, &pa, ida, ida_len));
        CHECK_OK(gmtls_sm2_kx_generate(&A, RA));
        CHECK_OK(gmtls_sm2_kx_generate(&B, RB));
        /* Compressed encodings of R are accepted too. */
        uint8_t cra[33];
        cra[0] = (uint8_t)(2 | (RA[64] & 1));
        memcpy(cra + 1, RA + 1, 32);
        CHECK_OK(gmtls_sm2_kx_compute(&B, cra, 33, keyB, klen));
        CHECK_OK(gmtls_sm2_kx_compute(&A, RB, 65, keyA, klen));
        CHECK_MEM(keyA, keyB, klen);
        CHECK_OK(gmtls_sm2_kx_confirmation(&B, s));
        CHECK_OK(gmtls_sm2_kx_check(&A, s));
        CHECK_OK(gmtls_sm2_kx_confirmation(&A, s));
        CHECK_OK(gmtls_sm2_kx_check(&B, s));
        /* The TLCP helper with fresh ephemeral keys agrees with itself across roles. */
        gmtls_sm2_key ea, eb;
        gmtls_sm2_pubkey pea, peb;
        uint8_t p1[48], p2[48];
        CHECK_OK(gmtls_sm2_keygen(&ea));
        CHECK_OK(gmtls_sm2_keygen(&eb));
        gmtls_sm2_pubkey_from_key(&pea, &ea);
        gmtls_sm2_pubkey_from_key(&peb, &eb);
        CHECK_OK(gmtls_sm2_kx_tlcp(1, &ka, &ea, &pb, &peb, p1));
        CHECK_OK(gmtls_sm2_kx_tlcp(0, &kb, &eb, &pa, &pea, p2));
        CHECK_MEM(p1, p2, 48);
        /* A wrong peer static key gives a different key. */
        CHECK_OK(gmtls_sm2_kx_tlcp(0, &kb, &eb, &peb, &pea, p2));
        CHECK(memcmp(p1, p2, 48) != 0);
    }
}

static void test_states(void)
{
    gmtls_sm2_key ka, kb;
    gmtls_sm2_kx A;
    uint8_t R[65], key[16], s[32];
    CHECK_OK(gmtls_sm2_keygen(&ka));
    CHECK_OK(gmtls_sm2_keygen(&kb));
    CHECK_ERR(gmtls_sm2_kx_init(&A, (gmtls_sm2_kx_role)5, &ka, NULL, 0, &kb.pub, NULL, 0), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_sm2_kx_init(&A, GMTLS_SM2_INITIATOR, &ka, NULL, 8192, &kb.pub, NULL, 0), GMTLS_ERR_INVALID_ARG);
    uint8_t *big = calloc(1, 8192);
    CHECK_ERR(gmtls_sm2_kx_init(&A, GMTLS_SM2_INITIATOR, &ka, big, 8192, &kb.pub, NULL, 0), GMTLS_ERR_BAD_LENGTH);
    CHECK_ERR(gmtls_sm2_kx_init(&A, GMTLS_SM2_INITIATOR, &ka, NULL, 0, &kb.pub, big, 8192), GMTLS_ERR_BAD_LENGTH);
    free(big);
    CHECK_OK(gmtls_sm2_kx_init(&A, GMTLS_SM2_INITIATOR, &ka, NULL, 0, &kb.pub, NULL, 0));
    CHECK_ERR(gmtls_sm2_kx_compute(&A, R, 65, key, sizeof key), GMTLS_ERR_BAD_STATE);
    CHECK_ERR(gmtls_sm2_kx_confirmation(&A, s), GMTLS_ERR_BAD_STATE);
    CHECK_ERR(gmtls_sm2_kx_check(&A, s), GMTLS_ERR_BAD_STATE);
    CHECK_OK(gmtls_sm2_kx_generate(&A, R));
    CHECK_ERR(gmtls_sm2_kx_compute(&A, R, 65, key, 0), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_sm2_kx_compute(&A, R, 64, key, sizeof key), GMTLS_ERR_BAD_POINT);
    R[0] = 5;
    CHECK_ERR(gmtls_sm2_kx_compute(&A, R, 65, key, sizeof key), GMTLS_ERR_BAD_POINT);
    uint8_t zero[32] = {0};
    CHECK_ERR(gmtls_sm2_kx_set_ephemeral(&A, zero, R), GMTLS_ERR_INVALID_ARG);
}

int main(void)
{
    test_rand_seed(0x4b58);
    static const uint32_t masks[] = {0xffffffffu, 0};
    for (size_t m = 0; m < 2; m++) {
        gmtls_cpu_set_mask(masks[m]);
        gmtls_sm2_arith_impl_reset();
        test_kat();
        test_invalid_vectors();
    }
    gmtls_cpu_set_mask(0xffffffffu);
    gmtls_sm2_arith_impl_reset();
    test_random();
    test_states();
    return test_report();
}
