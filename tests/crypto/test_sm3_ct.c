/* Constant time (run under valgrind): with keys, messages and secrets marked undefined, SM3,
 * HMAC-SM3 (including keys longer than a block), the SM2 KDF, the TLS PRF and the multi-buffer
 * HMAC must not branch on them or use them as addresses. Lengths stay public. Runs every
 * single-stream implementation and multi-buffer kernel the CPU (as valgrind emulates it) has;
 * valgrind lacks AVX-512. */
#include "core/cpu.h"
#include "crypto/sm3_internal.h"
#include "ctgrind.h"
#include "gmtls/sm3.h"
#include "test.h"

static void run_all(const char *label)
{
    uint8_t key[100], msg[300], out[8][32], kdf[100], prf[100];
    test_rand_bytes(key, sizeof(key));
    test_rand_bytes(msg, sizeof(msg));
    uint8_t ref[8][32];

    /* reference results with nothing marked */
    gmtls_sm3(msg, 300, ref[0]);
    gmtls_hmac_sm3(key, 32, msg, 300, ref[1]);
    gmtls_hmac_sm3(key, 100, msg, 77, ref[2]);
    uint8_t kref[100], pref[100];
    CHECK_OK(gmtls_sm3_kdf(key, 64, kref, 100));
    CHECK_OK(gmtls_prf_sm3(key, 48, msg, 13, msg + 13, 64, pref, 100));

    CT_SECRET(key, sizeof(key));
    CT_SECRET(msg, sizeof(msg));
    gmtls_sm3(msg, 300, out[0]);
    gmtls_hmac_sm3(key, 32, msg, 300, out[1]);
    gmtls_hmac_sm3(key, 100, msg, 77, out[2]);
    CHECK_OK(gmtls_sm3_kdf(key, 64, kdf, 100));
    CHECK_OK(gmtls_prf_sm3(key, 48, msg, 13, msg + 13, 64, prf, 100));

    /* multi-buffer HMAC over 20 records with one secret key */
    gmtls_hmac_sm3_ctx base, ctxs[20];
    gmtls_hmac_sm3_ctx *ptrs[20];
    const uint8_t *msgs[20];
    size_t lens[20];
    uint8_t mb[20][32];
    gmtls_hmac_sm3_init(&base, key, 32);
    for (int i = 0; i < 20; i++) {
        ctxs[i] = base;
        gmtls_hmac_sm3_update(&ctxs[i], msg + i, 13);
        ptrs[i] = &ctxs[i];
        msgs[i] = msg + 20;
        lens[i] = (size_t)(10 * i);
    }
    gmtls_hmac_sm3_mb(20, ptrs, msgs, lens, mb);

    CT_PUBLIC(key, sizeof(key));
    CT_PUBLIC(msg, sizeof(msg));
    CT_PUBLIC(out, sizeof(out));
    CT_PUBLIC(kdf, sizeof(kdf));
    CT_PUBLIC(prf, sizeof(prf));
    CT_PUBLIC(mb, sizeof(mb));
    CHECK_MSG(memcmp(out[0], ref[0], 32) == 0, "%s: SM3", label);
    CHECK_MSG(memcmp(out[1], ref[1], 32) == 0, "%s: HMAC", label);
    CHECK_MSG(memcmp(out[2], ref[2], 32) == 0, "%s: HMAC, long key", label);
    CHECK_MSG(memcmp(kdf, kref, 100) == 0, "%s: KDF", label);
    CHECK_MSG(memcmp(prf, pref, 100) == 0, "%s: PRF", label);
    unsigned bad = 0;
    for (int i = 0; i < 20; i++) {
        uint8_t want[32];
        gmtls_hmac_sm3_ctx c = base;
        CT_PUBLIC(&c, sizeof(c));
        gmtls_hmac_sm3_update(&c, msg + i, 13);
        gmtls_hmac_sm3_update(&c, msgs[i], lens[i]);
        gmtls_hmac_sm3_final(&c, want);
        bad += memcmp(mb[i], want, 32) != 0;
    }
    CHECK_MSG(bad == 0, "%s: multi-buffer HMAC, %u wrong", label, bad);
}

int main(void)
{
    test_rand_seed(29);
    for (const struct gmtls_sm3_impl_desc *d = gmtls_sm3_impls; d->name; d++) {
        if (gmtls_sm3_force_impl(d->name) != 0)
            continue;
        for (const struct gmtls_sm3_mb_kernel_desc *k = gmtls_sm3_mb_kernels; k->name; k++) {
            if (gmtls_sm3_mb_force_kernel(k->name) == 0)
                run_all(d->name);
        }
        CHECK_OK(gmtls_sm3_mb_force_kernel("portable"));
        run_all(d->name);
        CHECK_OK(gmtls_sm3_mb_force_kernel(NULL));
    }
    CHECK_OK(gmtls_sm3_force_impl(NULL));
    return test_report();
}
