/* SM4 known answers (shared/vectors/sm4.txt: GB/T 32907 examples, ECB, CBC, CTR with carries) on
 * every implementation the CPU has; CTR32 (GCM) counter wrap against ECB; exact error codes. */
#include <stdlib.h>
#include <time.h>

#include "gmtls/sm4.h"
#include "test.h"
#include "test_sm4_util.h"
#include "vectors.h"

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif
#ifndef RUNNING_ON_VALGRIND
#define RUNNING_ON_VALGRIND 0
#endif

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The 1,000,000-iteration case: run where it takes under ~2 s (estimated from 2000 blocks). */
static void check_iterations(const gmtls_sm4_key *k, const uint8_t *pt, const uint8_t *ct, long iters,
                             const char *impl)
{
    uint8_t b[16];
    memcpy(b, pt, 16);
    double t0 = now();
    long probe = iters < 2000 ? iters : 2000;
    for (long i = 0; i < probe; i++)
        gmtls_sm4_encrypt_block(k, b, b);
    double est = (now() - t0) * (double)iters / (double)probe;
    if (est > 2.0 || RUNNING_ON_VALGRIND) {
        printf("note: %ld-iteration case not run on %s (estimated %.1f s)\n", iters, impl, est);
        return;
    }
    for (long i = probe; i < iters; i++)
        gmtls_sm4_encrypt_block(k, b, b);
    CHECK_MEM(b, ct, 16);
    /* and back */
    for (long i = 0; i < iters; i++)
        gmtls_sm4_decrypt_block(k, b, b);
    CHECK_MEM(b, pt, 16);
}

static void run_case(const tv_case *c, const char *impl, int *ran_iterations)
{
    const char *mode = tv_get(c, "mode");
    uint8_t key[16], iv[16], ivc[16];
    size_t ptlen, ctlen;
    gmtls_sm4_key k;
    if (mode == NULL || tv_hex_fixed(c, "key", key, 16) != 0) {
        CHECK_MSG(0, "case at line %d: no mode or key", c->line);
        return;
    }
    uint8_t *pt = tv_hex(c, "pt", &ptlen), *ct = tv_hex(c, "ct", &ctlen);
    uint8_t *buf = malloc(ptlen + 1);
    CHECK_EQ(ptlen, ctlen);
    gmtls_sm4_set_key(&k, key);
    long iters = tv_long(c, "iterations");
    if (strcmp(mode, "ecb") == 0) {
        if (iters > 0) {
            if (!*ran_iterations)
                check_iterations(&k, pt, ct, iters, impl);
            *ran_iterations = 1;
        } else {
            gmtls_sm4_ecb_encrypt(&k, pt, buf, ptlen / 16);
            CHECK_MEM(buf, ct, ptlen);
            gmtls_sm4_ecb_decrypt(&k, buf, buf, ptlen / 16);
            CHECK_MEM(buf, pt, ptlen);
            for (size_t i = 0; i < ptlen; i += 16) {
                uint8_t b[16];
                gmtls_sm4_encrypt_block(&k, pt + i, b);
                CHECK_MEM(b, ct + i, 16);
                gmtls_sm4_decrypt_block(&k, b, b);
                CHECK_MEM(b, pt + i, 16);
            }
        }
    } else if (strcmp(mode, "cbc") == 0) {
        tv_hex_fixed(c, "iv", iv, 16);
        memcpy(ivc, iv, 16);
        CHECK_OK(gmtls_sm4_cbc_encrypt(&k, ivc, pt, buf, ptlen));
        CHECK_MEM(buf, ct, ptlen);
        CHECK_MEM(ivc, ct + ptlen - 16, 16);
        memcpy(ivc, iv, 16);
        CHECK_OK(gmtls_sm4_cbc_decrypt(&k, ivc, buf, buf, ptlen)); /* in place */
        CHECK_MEM(buf, pt, ptlen);
        CHECK_MEM(ivc, ct + ptlen - 16, 16);
        /* chained one block at a time, in place */
        memcpy(ivc, iv, 16);
        memcpy(buf, pt, ptlen);
        for (size_t i = 0; i < ptlen; i += 16)
            CHECK_OK(gmtls_sm4_cbc_encrypt(&k, ivc, buf + i, buf + i, 16));
        CHECK_MEM(buf, ct, ptlen);
        memcpy(ivc, iv, 16);
        for (size_t i = 0; i < ptlen; i += 16)
            CHECK_OK(gmtls_sm4_cbc_decrypt(&k, ivc, buf + i, buf + i, 16));
        CHECK_MEM(buf, pt, ptlen);
        /* the multi-message form with this one message */
        const uint8_t *ivs[1] = {iv}, *ins[1] = {pt};
        uint8_t *outs[1] = {buf};
        size_t lens[1] = {ptlen};
        CHECK_OK(gmtls_sm4_cbc_encrypt_mb(&k, 1, ivs, ins, outs, lens));
        CHECK_MEM(buf, ct, ptlen);
    } else if (strcmp(mode, "ctr") == 0) {
        tv_hex_fixed(c, "iv", iv, 16);
        memcpy(ivc, iv, 16);
        gmtls_sm4_ctr(&k, ivc, pt, buf, ptlen);
        CHECK_MEM(buf, ct, ptlen);
        /* the counter advanced by the number of blocks, a partial one included */
        uint8_t want[16];
        memcpy(want, iv, 16);
        gmtls_sm4_ctr_add(want, (ptlen + 15) / 16, GMTLS_SM4_CTR128);
        CHECK_MEM(ivc, want, 16);
        memcpy(ivc, iv, 16);
        gmtls_sm4_ctr(&k, ivc, buf, buf, ptlen); /* in place, decrypting */
        CHECK_MEM(buf, pt, ptlen);
        /* in pieces at block boundaries */
        memcpy(ivc, iv, 16);
        for (size_t i = 0; i < ptlen; i += 32)
            gmtls_sm4_ctr(&k, ivc, pt + i, buf + i, ptlen - i < 32 ? ptlen - i : 32);
        CHECK_MEM(buf, ct, ptlen);
    } else {
        CHECK_MSG(0, "case at line %d: unknown mode %s", c->line, mode);
    }
    gmtls_sm4_key_wipe(&k);
    free(pt);
    free(ct);
    free(buf);
}

/* CTR32 (SP 800-38D inc32) against a reference built from ECB, across the 2^32 wrap of the last
 * word (which must not carry into the rest of the block). */
static void check_ctr32_wrap(void)
{
    uint8_t key[16], ctr0[16], ctr[16], ks[80 * 16], in[80 * 16], out[80 * 16], want[80 * 16];
    gmtls_sm4_key k;
    test_rand_bytes(key, 16);
    test_rand_bytes(in, sizeof in);
    gmtls_sm4_set_key(&k, key);
    static const uint32_t starts[] = {0xffffffffu, 0xfffffff0u, 0xffffffc0u, 0xffffffb5u, 0x7fffffffu, 0};
    for (size_t s = 0; s < sizeof starts / sizeof starts[0]; s++) {
        for (size_t len = 0; len <= sizeof in; len += (len < 40 ? 1 : 37)) {
            test_rand_bytes(ctr0, 12);
            memset(ctr0 + 8, 0xff, 4); /* a carry out of the last word would change these */
            ctr0[12] = (uint8_t)(starts[s] >> 24);
            ctr0[13] = (uint8_t)(starts[s] >> 16);
            ctr0[14] = (uint8_t)(starts[s] >> 8);
            ctr0[15] = (uint8_t)starts[s];
            size_t nb = (len + 15) / 16;
            for (size_t i = 0; i < nb; i++) {
                uint32_t lo = starts[s] + (uint32_t)i;
                memcpy(ks + 16 * i, ctr0, 12);
                ks[16 * i + 12] = (uint8_t)(lo >> 24);
                ks[16 * i + 13] = (uint8_t)(lo >> 16);
                ks[16 * i + 14] = (uint8_t)(lo >> 8);
                ks[16 * i + 15] = (uint8_t)lo;
            }
            gmtls_sm4_ecb_encrypt(&k, ks, ks, nb);
            for (size_t i = 0; i < len; i++)
                want[i] = (uint8_t)(in[i] ^ ks[i]);
            memcpy(ctr, ctr0, 16);
            gmtls_sm4_ctr32(&k, ctr, in, out, len);
            CHECK_MEM(out, want, len);
            uint32_t end = starts[s] + (uint32_t)nb;
            CHECK_MEM(ctr, ctr0, 12);
            CHECK(ctr[12] == (uint8_t)(end >> 24) && ctr[13] == (uint8_t)(end >> 16) &&
                  ctr[14] == (uint8_t)(end >> 8) && ctr[15] == (uint8_t)end);
        }
    }
    gmtls_sm4_key_wipe(&k);
}

/* Lengths that are not whole blocks are refused with exactly GMTLS_ERR_BAD_LENGTH, output untouched. */
static void check_bad_lengths(void)
{
    uint8_t key[16] = {1}, iv[16] = {2}, iv0[16], in[64] = {3}, out[64];
    gmtls_sm4_key k;
    gmtls_sm4_set_key(&k, key);
    memcpy(iv0, iv, 16);
    static const size_t bad[] = {1, 15, 17, 31, 33, 63};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        memset(out, 0xaa, sizeof out);
        CHECK_ERR(gmtls_sm4_cbc_encrypt(&k, iv, in, out, bad[i]), GMTLS_ERR_BAD_LENGTH);
        CHECK_ERR(gmtls_sm4_cbc_decrypt(&k, iv, in, out, bad[i]), GMTLS_ERR_BAD_LENGTH);
        CHECK_MEM(iv, iv0, 16);
        CHECK(out[0] == 0xaa && out[63] == 0xaa);
        const uint8_t *ivs[3] = {iv, iv, iv}, *ins[3] = {in, in, in};
        uint8_t *outs[3] = {out, out + 16, out + 32};
        size_t lens[3] = {16, bad[i], 16};
        CHECK_ERR(gmtls_sm4_cbc_encrypt_mb(&k, 3, ivs, ins, outs, lens), GMTLS_ERR_BAD_LENGTH);
        CHECK(out[0] == 0xaa && out[63] == 0xaa);
    }
    /* empty input is fine and changes nothing */
    CHECK_OK(gmtls_sm4_cbc_encrypt(&k, iv, in, out, 0));
    CHECK_OK(gmtls_sm4_cbc_decrypt(&k, iv, in, out, 0));
    CHECK_MEM(iv, iv0, 16);
    CHECK_OK(gmtls_sm4_cbc_encrypt_mb(&k, 0, NULL, NULL, NULL, NULL));
    /* missing arrays */
    size_t one = 16;
    const uint8_t *ivs[1] = {iv}, *ins[1] = {in};
    uint8_t *outs[1] = {out};
    CHECK_ERR(gmtls_sm4_cbc_encrypt_mb(&k, 1, NULL, ins, outs, &one), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_sm4_cbc_encrypt_mb(NULL, 1, ivs, ins, outs, &one), GMTLS_ERR_INVALID_ARG);
    const uint8_t *nulls[1] = {NULL};
    CHECK_ERR(gmtls_sm4_cbc_encrypt_mb(&k, 1, ivs, nulls, outs, &one), GMTLS_ERR_INVALID_ARG);
    /* NULL pointers and shifted overlaps are refused, nothing written (a shifted overlap would
     * read blocks already overwritten); empty input may come without buffers. */
    uint8_t big[80];
    memset(big, 0x5c, sizeof big);
    memcpy(iv, iv0, 16);
    CHECK_ERR(gmtls_sm4_cbc_encrypt(NULL, iv, in, out, 16), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_sm4_cbc_decrypt(&k, NULL, in, out, 16), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_sm4_cbc_encrypt(&k, iv, NULL, out, 16), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_sm4_cbc_decrypt(&k, iv, in, NULL, 16), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_sm4_cbc_encrypt(&k, iv, big, big + 16, 64), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_sm4_cbc_decrypt(&k, iv, big + 16, big, 64), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_sm4_cbc_decrypt(&k, iv, big + 1, big, 64), GMTLS_ERR_INVALID_ARG);
    CHECK_MEM(iv, iv0, 16);
    CHECK(big[0] == 0x5c && big[79] == 0x5c && big[40] == 0x5c);
    CHECK_OK(gmtls_sm4_cbc_encrypt(&k, iv, NULL, NULL, 0));
    CHECK_OK(gmtls_sm4_cbc_encrypt(&k, iv, big, big + 64, 16)); /* adjacent */
    CHECK_OK(gmtls_sm4_cbc_decrypt(&k, iv0, big + 64, big + 48, 16));
    CHECK(big[48] == 0x5c && big[63] == 0x5c);
    gmtls_sm4_key_wipe(&k);
    for (size_t i = 0; i < sizeof k.rk / sizeof k.rk[0]; i++)
        CHECK_EQ(k.rk[i], 0);
}

int main(void)
{
    tv_file f;
    if (tv_load(&f, "sm4.txt") != 0)
        return test_report();
    CHECK(f.n >= 20);
    int ran_any = 0;
    for (size_t i = 0; i < SM4_TEST_NIMPLS; i++) {
        int r = sm4_test_force(i);
        if (r == 0)
            continue;
        CHECK_MSG(r == 1, "forcing %s gave %s", sm4_test_impls[i].name, gmtls_sm4_impl());
        ran_any++;
        /* the 1,000,000-iteration case on the portable path and the fastest one only */
        int ran_iterations = !(i == 0 || i + 1 == SM4_TEST_NIMPLS || sm4_test_force(i + 1) == 0);
        sm4_test_force(i);
        for (size_t j = 0; j < f.n; j++)
            run_case(&f.cases[j], sm4_test_impls[i].name, &ran_iterations);
        check_ctr32_wrap();
        check_bad_lengths();
    }
    CHECK(ran_any >= 1);
    sm4_test_unforce();
    tv_free(&f);
    return test_report();
}
