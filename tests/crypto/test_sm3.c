/* SM3: the known answers of shared/vectors/sm3.txt, streaming with every split point, and every
 * built-in implementation against the portable one (unaligned input, many lengths). */
#include <stdlib.h>

#include "core/cpu.h"
#include "crypto/sm3_internal.h"
#include "gmtls/sm3.h"
#include "test.h"
#include "vectors.h"

/* Known answers with the implementation currently selected. */
static void test_kat(const char *impl)
{
    tv_file f;
    if (tv_load(&f, "sm3.txt") != 0)
        return;
    CHECK(f.n >= 16);
    int saw_repeat = 0;
    for (size_t i = 0; i < f.n; i++) {
        const tv_case *c = &f.cases[i];
        uint8_t want[32], got[32];
        if (tv_hex_fixed(c, "digest", want, 32) != 0)
            continue;
        if (tv_get(c, "repeat_count")) {
            /* 1,000,000 x 'a', fed in uneven pieces to exercise the buffering */
            long count = tv_long(c, "repeat_count");
            size_t bl;
            uint8_t *b = tv_hex(c, "repeat_byte", &bl);
            CHECK_EQ(bl, 1);
            CHECK(count > 0);
            uint8_t chunk[1000];
            memset(chunk, b[0], sizeof(chunk));
            gmtls_sm3_ctx ctx;
            gmtls_sm3_init(&ctx);
            size_t left = (size_t)count, piece = 1;
            while (left) {
                size_t n = piece < left ? piece : left;
                gmtls_sm3_update(&ctx, chunk, n);
                left -= n;
                piece = piece % 997 + 1;
            }
            gmtls_sm3_final(&ctx, got);
            CHECK_MSG(memcmp(got, want, 32) == 0, "sm3.txt line %d (repeat) with %s", c->line, impl);
            free(b);
            saw_repeat = 1;
            continue;
        }
        size_t len;
        uint8_t *msg = tv_hex(c, "msg", &len);
        CHECK_EQ(tv_long(c, "len"), (long)len);
        gmtls_sm3(msg, len, got);
        CHECK_MSG(memcmp(got, want, 32) == 0, "sm3.txt line %d with %s", c->line, impl);
        free(msg);
    }
    CHECK(saw_repeat);
    tv_free(&f);
}

/* Every way of splitting a message into two or three updates gives the one-shot digest. */
static void test_streaming(void)
{
    static const size_t lens[] = {0, 1, 55, 56, 63, 64, 65, 127, 128, 129, 200, 300};
    uint8_t msg[300], want[32], got[32];
    test_rand_bytes(msg, sizeof(msg));
    for (size_t li = 0; li < sizeof(lens) / sizeof(lens[0]); li++) {
        size_t len = lens[li];
        gmtls_sm3(msg, len, want);
        unsigned bad = 0;
        for (size_t a = 0; a <= len; a++) {
            gmtls_sm3_ctx ctx;
            gmtls_sm3_init(&ctx);
            gmtls_sm3_update(&ctx, msg, a);
            gmtls_sm3_update(&ctx, msg + a, len - a);
            gmtls_sm3_final(&ctx, got);
            bad += memcmp(got, want, 32) != 0;
            /* three pieces: a, 0, then (b - a), then the rest */
            size_t b = a + (len - a) / 3;
            gmtls_sm3_init(&ctx);
            gmtls_sm3_update(&ctx, msg, a);
            gmtls_sm3_update(&ctx, msg + a, 0);
            gmtls_sm3_update(&ctx, msg + a, b - a);
            gmtls_sm3_update(&ctx, msg + b, len - b);
            gmtls_sm3_final(&ctx, got);
            bad += memcmp(got, want, 32) != 0;
        }
        CHECK_MSG(bad == 0, "streaming len %zu: %u split points disagree", len, bad);
        /* one byte at a time */
        gmtls_sm3_ctx ctx;
        gmtls_sm3_init(&ctx);
        for (size_t i = 0; i < len; i++)
            gmtls_sm3_update(&ctx, msg + i, 1);
        gmtls_sm3_final(&ctx, got);
        CHECK_MEM(got, want, 32);
    }
    /* final wipes the context */
    gmtls_sm3_ctx ctx, zero;
    memset(&zero, 0, sizeof(zero));
    gmtls_sm3_init(&ctx);
    gmtls_sm3_update(&ctx, msg, 100);
    gmtls_sm3_final(&ctx, got);
    CHECK_MEM(&ctx, &zero, sizeof(ctx));
    /* a NULL pointer with length 0 is allowed */
    gmtls_sm3(NULL, 0, got);
    gmtls_sm3("", 0, want);
    CHECK_MEM(got, want, 32);
}

/* The compression of every implementation the CPU allows equals the portable one, for block
 * counts 1..40 at every alignment offset 0..7, from random chaining values. */
static void test_impl_vs_portable(const struct gmtls_sm3_impl_desc *d)
{
    uint8_t *buf = malloc(64 * 40 + 8);
    CHECK(buf != NULL);
    if (!buf)
        return;
    test_rand_bytes(buf, 64 * 40 + 8);
    unsigned bad = 0;
    for (size_t nb = 1; nb <= 40; nb++) {
        for (size_t off = 0; off < 8; off++) {
            uint32_t s1[8], s2[8];
            for (int i = 0; i < 8; i++)
                s1[i] = s2[i] = test_rand_u32();
            gmtls_sm3_compress_portable(s1, buf + off, nb);
            d->compress(s2, buf + off, nb);
            bad += memcmp(s1, s2, sizeof(s1)) != 0;
        }
    }
    CHECK_MSG(bad == 0, "%s disagrees with portable in %u cases", d->name, bad);
    /* the full hashing path with this implementation forced, lengths 0..1100 unaligned */
    CHECK_OK(gmtls_sm3_force_impl(d->name));
    CHECK(strcmp(gmtls_sm3_impl(), d->name) == 0);
    uint8_t *msg = malloc(1100 + 3);
    CHECK(msg != NULL);
    if (msg) {
        test_rand_bytes(msg, 1103);
        bad = 0;
        for (size_t len = 0; len <= 1100; len++) {
            uint8_t a[32], b[32];
            gmtls_sm3(msg + 3, len, a);
            CHECK_OK(gmtls_sm3_force_impl("portable"));
            gmtls_sm3(msg + 3, len, b);
            CHECK_OK(gmtls_sm3_force_impl(d->name));
            bad += memcmp(a, b, 32) != 0;
        }
        CHECK_MSG(bad == 0, "%s: %u message lengths disagree with portable", d->name, bad);
        free(msg);
    }
    test_kat(d->name);
    CHECK_OK(gmtls_sm3_force_impl(NULL));
    free(buf);
}

static void test_dispatch(void)
{
    /* with every feature masked off only the portable code may run */
    gmtls_cpu_set_mask(0);
    CHECK(strcmp(gmtls_sm3_impl(), "portable") == 0);
    for (const struct gmtls_sm3_impl_desc *d = gmtls_sm3_impls; d->name; d++)
        if (d->cpu)
            CHECK_ERR(gmtls_sm3_force_impl(d->name), GMTLS_ERR_NOT_SUPPORTED);
    test_kat("portable (cpu mask 0)");
    gmtls_cpu_set_mask(0xffffffffu);
    CHECK_ERR(gmtls_sm3_force_impl("no-such-impl"), GMTLS_ERR_NOT_SUPPORTED);
    /* masking the CPU down to each implementation's own features selects it (or one listed
     * before it that needs no more), and the result still matches the known answers */
    uint32_t all = gmtls_cpu_features();
    for (const struct gmtls_sm3_impl_desc *m = gmtls_sm3_impls; m->name; m++) {
        if ((all & m->cpu) != m->cpu)
            continue;
        gmtls_cpu_set_mask(m->cpu);
        const struct gmtls_sm3_impl_desc *e = gmtls_sm3_impls;
        while (e->name && !gmtls_cpu_has(e->cpu))
            e++;
        CHECK(e <= m);
        CHECK(strcmp(gmtls_sm3_impl(), e->name) == 0);
        uint8_t a[32], b[32], msg[200];
        test_rand_bytes(msg, sizeof(msg));
        gmtls_sm3(msg + 1, 199, a);
        CHECK_OK(gmtls_sm3_force_impl("portable"));
        gmtls_sm3(msg + 1, 199, b);
        CHECK_OK(gmtls_sm3_force_impl(NULL));
        CHECK_MSG(memcmp(a, b, 32) == 0, "cpu mask %#x (%s) disagrees with portable", m->cpu, gmtls_sm3_impl());
        test_kat(m->name);
    }
    gmtls_cpu_set_mask(0xffffffffu);
    /* the automatic choice is the first allowed entry */
    const struct gmtls_sm3_impl_desc *d = gmtls_sm3_impls;
    while (d->name && !gmtls_cpu_has(d->cpu))
        d++;
    CHECK(d->name != NULL);
    if (d->name)
        CHECK(strcmp(gmtls_sm3_impl(), d->name) == 0);
}

int main(void)
{
    test_rand_seed(3);
    test_kat("default");
    test_streaming();
    test_dispatch();
    int tested = 0;
    for (const struct gmtls_sm3_impl_desc *d = gmtls_sm3_impls; d->name; d++) {
        if (!gmtls_cpu_has(d->cpu)) {
            printf("# %s: not available on this CPU, not tested\n", d->name);
            continue;
        }
        test_impl_vs_portable(d);
        tested++;
    }
    CHECK(tested >= 1);
    return test_report();
}
