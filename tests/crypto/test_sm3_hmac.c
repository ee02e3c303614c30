/* HMAC-SM3 (RFC 2104): the known answers of shared/vectors/hmac_sm3.txt with every SM3
 * implementation, streaming, context copies, long keys, and wiping. */
#include <stdlib.h>

#include "core/cpu.h"
#include "crypto/sm3_internal.h"
#include "gmtls/sm3.h"
#include "test.h"
#include "vectors.h"

static void test_kat(const char *impl)
{
    tv_file f;
    if (tv_load(&f, "hmac_sm3.txt") != 0)
        return;
    CHECK(f.n >= 18);
    for (size_t i = 0; i < f.n; i++) {
        const tv_case *c = &f.cases[i];
        size_t klen, mlen;
        uint8_t want[32], got[32];
        uint8_t *key = tv_hex(c, "key", &klen);
        uint8_t *msg = tv_hex(c, "msg", &mlen);
        if (tv_hex_fixed(c, "mac", want, 32) == 0) {
            gmtls_hmac_sm3(key, klen, msg, mlen, got);
            CHECK_MSG(memcmp(got, want, 32) == 0, "hmac_sm3.txt line %d (%s)", c->line, impl);
            /* streaming: the message in two pieces at every split point */
            unsigned bad = 0;
            for (size_t a = 0; a <= mlen; a++) {
                gmtls_hmac_sm3_ctx ctx;
                gmtls_hmac_sm3_init(&ctx, key, klen);
                gmtls_hmac_sm3_update(&ctx, msg, a);
                gmtls_hmac_sm3_update(&ctx, msg + a, mlen - a);
                gmtls_hmac_sm3_final(&ctx, got);
                bad += memcmp(got, want, 32) != 0;
            }
            CHECK_MSG(bad == 0, "hmac_sm3.txt line %d: %u split points wrong", c->line, bad);
        }
        free(key);
        free(msg);
    }
    tv_free(&f);
}

/* Properties that hold for any key and message. */
static void test_properties(void)
{
    uint8_t key[200], msg[300], a[32], b[32];
    test_rand_bytes(key, sizeof(key));
    test_rand_bytes(msg, sizeof(msg));

    /* RFC 2104 2: a key longer than 64 bytes acts as its SM3 digest */
    for (size_t klen = 65; klen <= 200; klen += 45) {
        uint8_t kd[32];
        gmtls_sm3(key, klen, kd);
        gmtls_hmac_sm3(key, klen, msg, 100, a);
        gmtls_hmac_sm3(kd, 32, msg, 100, b);
        CHECK_MEM(a, b, 32);
    }
    /* a key of exactly 64 bytes is used as is (not hashed) */
    uint8_t kd[32];
    gmtls_sm3(key, 64, kd);
    gmtls_hmac_sm3(key, 64, msg, 10, a);
    gmtls_hmac_sm3(kd, 32, msg, 10, b);
    CHECK(memcmp(a, b, 32) != 0);
    /* zero padding of short keys: key || 00 gives the same MAC (RFC 2104 2, step 1) */
    uint8_t k0[17];
    memcpy(k0, key, 16);
    k0[16] = 0;
    gmtls_hmac_sm3(key, 16, msg, 50, a);
    gmtls_hmac_sm3(k0, 17, msg, 50, b);
    CHECK_MEM(a, b, 32);
    /* NULL key and message with zero lengths equal the empty ones */
    gmtls_hmac_sm3(NULL, 0, NULL, 0, a);
    gmtls_hmac_sm3("", 0, "", 0, b);
    CHECK_MEM(a, b, 32);

    /* a keyed context can be copied and reused for many messages */
    gmtls_hmac_sm3_ctx keyed, c, zero;
    memset(&zero, 0, sizeof(zero));
    gmtls_hmac_sm3_init(&keyed, key, 32);
    for (size_t len = 0; len < 300; len += 37) {
        c = keyed;
        gmtls_hmac_sm3_update(&c, msg, len);
        gmtls_hmac_sm3_final(&c, a);
        CHECK_MEM(&c, &zero, sizeof(c)); /* final wipes the context */
        gmtls_hmac_sm3(key, 32, msg, len, b);
        CHECK_MEM(a, b, 32);
    }
    /* different keys, different MACs */
    gmtls_hmac_sm3(key, 32, msg, 32, a);
    gmtls_hmac_sm3(key + 1, 32, msg, 32, b);
    CHECK(memcmp(a, b, 32) != 0);
}

int main(void)
{
    test_rand_seed(11);
    test_properties();
    for (const struct gmtls_sm3_impl_desc *d = gmtls_sm3_impls; d->name; d++) {
        if (!gmtls_cpu_has(d->cpu))
            continue;
        CHECK_OK(gmtls_sm3_force_impl(d->name));
        test_kat(d->name);
    }
    CHECK_OK(gmtls_sm3_force_impl(NULL));
    return test_report();
}
