/* GHASH: every implementation against a bit-by-bit model of NIST SP 800-38D Algorithm 1 and
 * against each other, on random H and data of every length from 0 to 2000 bytes, unaligned, and
 * split across calls. Only the implementations the CPU reports are run (valgrind has no AVX-512). */
#include <stdlib.h>

#include "core/cpu.h"
#include "crypto/sm4_ghash.h"
#include "gcm_model.h"
#include "test.h"

typedef struct {
    const char *name;
    gmtls_ghash_fn fn;
    uint32_t need;
} impl;

static const impl impls[] = {
    {"portable-ct", gmtls_ghash_portable, 0},
    {"pclmulqdq", gmtls_ghash_pclmul, GMTLS_GHASH_NEED_PCLMUL},
    {"vpclmulqdq-avx512", gmtls_ghash_vpclmul, GMTLS_GHASH_NEED_VPCLMUL},
};
#define NIMPL (sizeof impls / sizeof impls[0])

static void run(const impl *im, uint8_t out[16], const uint8_t y0[16], const uint64_t *htab, const uint8_t *in,
                size_t len)
{
    uint64_t y[2];
    gmtls_ghash_load(y, y0);
    im->fn(y, htab, in, len);
    gmtls_ghash_store(out, y);
}

int main(void)
{
    enum { MAXLEN = 2000 };
    uint8_t *buf = malloc(MAXLEN + 64);
    uint8_t h[16], y0[16], want[16], got[16];
    uint64_t htab[2 * GMTLS_GHASH_NPOW];
    int have[NIMPL];
    for (size_t i = 0; i < NIMPL; i++) {
        have[i] = gmtls_cpu_has(impls[i].need);
        fprintf(stderr, "%s: %s\n", impls[i].name, have[i] ? "tested" : "not supported by this CPU, skipped");
    }
    CHECK(buf != NULL);
    if (!buf)
        return test_report();

    /* The model, on special keys (H = 0, 1, x^127, all ones) and random ones. */
    for (int t = 0; t < 12; t++) {
        memset(h, 0, 16);
        if (t == 1)
            h[0] = 0x80; /* the field's 1 */
        else if (t == 2)
            h[15] = 0x01; /* x^127 */
        else if (t == 3)
            memset(h, 0xFF, 16);
        else if (t > 3)
            test_rand_bytes(h, 16);
        gmtls_ghash_make_table(htab, h);
        size_t lens[] = {0, 1, 15, 16, 17, 32, 100, 128, 255, 256, 257, 300, 513};
        for (size_t li = 0; li < sizeof lens / sizeof lens[0]; li++) {
            size_t len = lens[li];
            test_rand_bytes(buf, len);
            test_rand_bytes(y0, 16);
            memcpy(want, y0, 16);
            gcm_model_ghash(want, h, buf, len);
            for (size_t i = 0; i < NIMPL; i++) {
                if (!have[i])
                    continue;
                run(&impls[i], got, y0, htab, buf, len);
                CHECK_MSG(memcmp(got, want, 16) == 0, "%s vs model: key %d, len %zu", impls[i].name, t, len);
            }
        }
    }

    /* Every length 0..MAXLEN, random H and start value, at varying misalignment: each
     * accelerated implementation against the portable one. */
    for (size_t len = 0; len <= MAXLEN; len++) {
        size_t off = len % 61;
        test_rand_bytes(h, 16);
        test_rand_bytes(y0, 16);
        test_rand_bytes(buf + off, len);
        gmtls_ghash_make_table(htab, h);
        run(&impls[0], want, y0, htab, buf + off, len);
        for (size_t i = 1; i < NIMPL; i++) {
            if (!have[i])
                continue;
            run(&impls[i], got, y0, htab, buf + off, len);
            CHECK_MSG(memcmp(got, want, 16) == 0, "%s vs portable: len %zu", impls[i].name, len);
        }
    }

    /* Absorbing in pieces of whole blocks gives the same result as one call. */
    test_rand_bytes(h, 16);
    gmtls_ghash_make_table(htab, h);
    test_rand_bytes(buf, MAXLEN);
    memset(y0, 0, 16);
    run(&impls[0], want, y0, htab, buf, MAXLEN);
    for (size_t i = 0; i < NIMPL; i++) {
        if (!have[i])
            continue;
        for (size_t piece = 16; piece <= 400; piece += 48) {
            uint64_t y[2] = {0, 0};
            for (size_t at = 0; at < MAXLEN; at += piece)
                impls[i].fn(y, htab, buf + at, at + piece <= MAXLEN ? piece : MAXLEN - at);
            gmtls_ghash_store(got, y);
            CHECK_MSG(memcmp(got, want, 16) == 0, "%s in pieces of %zu", impls[i].name, piece);
        }
    }

    /* The dispatcher follows the CPU mask. */
    const char *name;
    gmtls_cpu_set_mask(0);
    CHECK(gmtls_ghash_select(&name) == gmtls_ghash_portable);
    CHECK(strcmp(name, "portable-ct") == 0 && strcmp(gmtls_ghash_impl(), "portable-ct") == 0);
    gmtls_cpu_set_mask(GMTLS_GHASH_NEED_PCLMUL);
    if (have[1]) {
        CHECK(gmtls_ghash_select(&name) == gmtls_ghash_pclmul);
        CHECK(strcmp(name, "pclmulqdq") == 0);
    }
    gmtls_cpu_set_mask(0xFFFFFFFFu);
    if (have[2])
        CHECK(gmtls_ghash_select(NULL) == gmtls_ghash_vpclmul);
    else if (have[1])
        CHECK(gmtls_ghash_select(NULL) == gmtls_ghash_pclmul);

    free(buf);
    return test_report();
}
