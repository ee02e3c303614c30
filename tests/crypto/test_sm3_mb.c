/* Multi-buffer SM3 and HMAC-SM3 against the single-stream code, for every multi-buffer kernel
 * the CPU allows (forced with gmtls_cpu_set_mask) and the portable path: n = 0..40 messages of
 * random, different lengths 0..2000 at unaligned addresses; contexts that already hold data;
 * the lane kernels and gmtls_sm3_compress_lanes directly. */
#include <stdlib.h>

#include "core/cpu.h"
#include "crypto/sm3_internal.h"
#include "gmtls/sm3.h"
#include "test.h"

#define MAXN 40
#define MAXLEN 2000

static uint8_t *pool; /* random bytes all messages are cut from */
static size_t pool_len;

/* n messages of random lengths (sometimes all equal, sometimes with one very long one). */
static void make_msgs(size_t n, const uint8_t *msgs[], size_t lens[], int shape)
{
    size_t same = test_rand_u32() % (MAXLEN + 1);
    for (size_t i = 0; i < n; i++) {
        size_t len = shape == 0 ? test_rand_u32() % (MAXLEN + 1) : same;
        if (shape == 2 && i == n / 2)
            len = 20000;
        lens[i] = len;
        /* any start offset, so most messages are unaligned */
        msgs[i] = pool + test_rand_u32() % (pool_len - len);
        if (len == 0 && (test_rand_u32() & 1))
            msgs[i] = NULL;
    }
}

static void test_mb(const char *label)
{
    const uint8_t *msgs[MAXN];
    size_t lens[MAXN];
    uint8_t out[MAXN][32], want[32];
    unsigned bad = 0, cases = 0;
    for (int shape = 0; shape < 3; shape++) {
        for (size_t n = 0; n <= MAXN; n++) {
            make_msgs(n, msgs, lens, shape);
            memset(out, 0xaa, sizeof(out));
            gmtls_sm3_mb(n, msgs, lens, out);
            for (size_t i = 0; i < n; i++) {
                gmtls_sm3(msgs[i], lens[i], want);
                bad += memcmp(out[i], want, 32) != 0;
                cases++;
            }
            /* entries past n are untouched */
            if (n < MAXN)
                CHECK(out[n][0] == 0xaa && out[MAXN - 1][31] == 0xaa);
        }
    }
    CHECK_MSG(bad == 0, "sm3_mb (%s): %u of %u digests wrong", label, bad, cases);
}

/* Contexts that already absorbed 0..130 bytes, continued with messages of random lengths. */
static void test_mb_final(const char *label)
{
    const uint8_t *msgs[MAXN];
    size_t lens[MAXN];
    uint8_t out[MAXN][32], want[32];
    gmtls_sm3_ctx ctxs[MAXN], refs[MAXN], zero;
    gmtls_sm3_ctx *ptrs[MAXN];
    memset(&zero, 0, sizeof(zero));
    unsigned bad = 0, notwiped = 0;
    for (size_t n = 0; n <= MAXN; n += 3) {
        make_msgs(n, msgs, lens, 0);
        for (size_t i = 0; i < n; i++) {
            size_t pre = test_rand_u32() % 131;
            if (i % 4 == 0)
                lens[i] = test_rand_u32() % 70; /* ends inside or just past the buffered block */
            gmtls_sm3_init(&ctxs[i]);
            gmtls_sm3_update(&ctxs[i], pool + 1, pre);
            refs[i] = ctxs[i];
            ptrs[i] = &ctxs[i];
        }
        gmtls_sm3_mb_final(n, ptrs, msgs, lens, out);
        for (size_t i = 0; i < n; i++) {
            gmtls_sm3_update(&refs[i], msgs[i], lens[i]);
            gmtls_sm3_final(&refs[i], want);
            bad += memcmp(out[i], want, 32) != 0;
            notwiped += memcmp(&ctxs[i], &zero, sizeof(zero)) != 0;
        }
    }
    CHECK_MSG(bad == 0, "sm3_mb_final (%s): %u digests wrong", label, bad);
    CHECK_MSG(notwiped == 0, "sm3_mb_final (%s): %u contexts not wiped", label, notwiped);
}

/* Multi-buffer HMAC: distinct keys of 0..100 bytes, a shared key with per-message headers. */
static void test_hmac_mb(const char *label)
{
    const uint8_t *msgs[MAXN];
    size_t lens[MAXN];
    uint8_t out[MAXN][32], want[32];
    gmtls_hmac_sm3_ctx ctxs[MAXN], zero;
    gmtls_hmac_sm3_ctx *ptrs[MAXN];
    uint8_t keys[MAXN][100];
    size_t klens[MAXN];
    memset(&zero, 0, sizeof(zero));
    unsigned bad = 0, notwiped = 0;
    for (size_t n = 0; n <= MAXN; n += 5) {
        make_msgs(n, msgs, lens, 0);
        for (size_t i = 0; i < n; i++) {
            klens[i] = test_rand_u32() % 101;
            test_rand_bytes(keys[i], klens[i]);
            gmtls_hmac_sm3_init(&ctxs[i], keys[i], klens[i]);
            ptrs[i] = &ctxs[i];
        }
        gmtls_hmac_sm3_mb(n, ptrs, msgs, lens, out);
        for (size_t i = 0; i < n; i++) {
            gmtls_hmac_sm3(keys[i], klens[i], msgs[i], lens[i], want);
            bad += memcmp(out[i], want, 32) != 0;
            notwiped += memcmp(&ctxs[i], &zero, sizeof(zero)) != 0;
        }
    }
    /* the record-layer pattern: one key, a 13-byte header absorbed per message first */
    gmtls_hmac_sm3_ctx key;
    uint8_t hdr[MAXN][13];
    gmtls_hmac_sm3_init(&key, pool, 32);
    make_msgs(MAXN, msgs, lens, 1);
    for (size_t i = 0; i < MAXN; i++) {
        test_rand_bytes(hdr[i], 13);
        ctxs[i] = key;
        gmtls_hmac_sm3_update(&ctxs[i], hdr[i], 13);
        ptrs[i] = &ctxs[i];
    }
    gmtls_hmac_sm3_mb(MAXN, ptrs, msgs, lens, out);
    for (size_t i = 0; i < MAXN; i++) {
        gmtls_hmac_sm3_ctx c = key;
        gmtls_hmac_sm3_update(&c, hdr[i], 13);
        gmtls_hmac_sm3_update(&c, msgs[i], lens[i]);
        gmtls_hmac_sm3_final(&c, want);
        bad += memcmp(out[i], want, 32) != 0;
    }
    CHECK_MSG(bad == 0, "hmac_sm3_mb (%s): %u MACs wrong", label, bad);
    CHECK_MSG(notwiped == 0, "hmac_sm3_mb (%s): %u contexts not wiped", label, notwiped);
}

/* gmtls_sm3_compress_lanes from random chaining values equals one compression per lane. */
static void test_compress_lanes(const char *label)
{
    uint32_t st[MAXN][8], ref[MAXN][8];
    const uint8_t *data[MAXN];
    unsigned bad = 0;
    for (size_t n = 0; n <= MAXN; n++) {
        size_t nb = test_rand_u32() % 5;
        for (size_t i = 0; i < n; i++) {
            for (int w = 0; w < 8; w++)
                st[i][w] = ref[i][w] = test_rand_u32();
            data[i] = pool + 1 + test_rand_u32() % (pool_len - 64 * 5 - 1);
        }
        gmtls_sm3_compress_lanes(n, st, data, nb);
        for (size_t i = 0; i < n; i++) {
            gmtls_sm3_compress_portable(ref[i], data[i], nb);
            bad += memcmp(st[i], ref[i], 32) != 0;
        }
    }
    CHECK_MSG(bad == 0, "sm3_compress_lanes (%s): %u lanes wrong", label, bad);
}

/* A lane kernel on its own: every lane from a different state and address, 1..9 blocks. */
static void test_kernel(const struct gmtls_sm3_mb_kernel_desc *k)
{
    uint32_t st[8 * 16], ref[16][8];
    const uint8_t *p[16];
    unsigned bad = 0;
    for (size_t nb = 1; nb <= 9; nb++) {
        for (unsigned l = 0; l < k->lanes; l++) {
            for (unsigned w = 0; w < 8; w++)
                ref[l][w] = st[w * k->lanes + l] = test_rand_u32();
            p[l] = pool + test_rand_u32() % (pool_len - 64 * 9);
        }
        k->fn(st, p, nb);
        for (unsigned l = 0; l < k->lanes; l++) {
            gmtls_sm3_compress_portable(ref[l], p[l], nb);
            for (unsigned w = 0; w < 8; w++)
                bad += st[w * k->lanes + l] != ref[l][w];
        }
    }
    CHECK_MSG(bad == 0, "kernel %s: %u words wrong", k->name, bad);
}

static void run_all(const char *label)
{
    test_mb(label);
    test_mb_final(label);
    test_hmac_mb(label);
    test_compress_lanes(label);
}

int main(void)
{
    test_rand_seed(7);
    pool_len = 64 * 1024;
    pool = malloc(pool_len);
    CHECK(pool != NULL);
    if (!pool)
        return test_report();
    test_rand_bytes(pool, pool_len);

    uint32_t all = gmtls_cpu_features();
    int tested = 0;
    for (const struct gmtls_sm3_mb_kernel_desc *k = gmtls_sm3_mb_kernels; k->name; k++) {
        /* keep only this kernel's features, so no kernel listed before it can be chosen */
        gmtls_cpu_set_mask(k->cpu);
        if (!gmtls_cpu_has(k->cpu)) {
            printf("# %s: not available on this CPU, not tested\n", k->name);
            continue;
        }
        const struct gmtls_sm3_mb_kernel_desc *cur = gmtls_sm3_mb_kernel();
        CHECK(cur == k);
        CHECK(strcmp(gmtls_sm3_mb_impl(), k->name) == 0);
        test_kernel(k);
        run_all(k->name);
        tested++;
    }
    gmtls_cpu_set_mask(0);
    CHECK(gmtls_sm3_mb_kernel() == NULL);
    CHECK(strcmp(gmtls_sm3_mb_impl(), "portable") == 0);
    run_all("portable");
    gmtls_cpu_set_mask(0xffffffffu);
    CHECK(gmtls_cpu_features() == all);
    printf("# multi-buffer kernels tested: %d, default: %s\n", tested, gmtls_sm3_mb_impl());
    free(pool);
    return test_report();
}
