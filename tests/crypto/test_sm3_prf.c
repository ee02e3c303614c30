/* The TLS 1.2 PRF with HMAC-SM3 (RFC 5246 5) that TLCP uses: known answers from
 * shared/vectors/tls_prf_sm3.txt, P_hash rebuilt from HMAC by hand, prefixes, and errors. */
#include <stdlib.h>

#include "gmtls/sm3.h"
#include "test.h"
#include "vectors.h"

static void test_kat(void)
{
    tv_file f;
    if (tv_load(&f, "tls_prf_sm3.txt") != 0)
        return;
    CHECK(f.n >= 11);
    for (size_t i = 0; i < f.n; i++) {
        const tv_case *c = &f.cases[i];
        size_t sl, ll, dl, ol;
        uint8_t *secret = tv_hex(c, "secret", &sl);
        uint8_t *label = tv_hex(c, "label", &ll);
        uint8_t *seed = tv_hex(c, "seed", &dl);
        uint8_t *want = tv_hex(c, "out", &ol);
        CHECK_EQ(tv_long(c, "length"), (long)ol);
        uint8_t *got = malloc(ol + 1);
        CHECK(got != NULL);
        if (got) {
            got[ol] = 0x5a;
            CHECK_OK(gmtls_prf_sm3(secret, sl, label, ll, seed, dl, got, ol));
            CHECK_MSG(memcmp(got, want, ol) == 0, "tls_prf_sm3.txt line %d", c->line);
            CHECK_EQ(got[ol], 0x5a);
        }
        free(got);
        free(secret);
        free(label);
        free(seed);
        free(want);
    }
    tv_free(&f);
}

/* P_SM3(s, x) = HMAC(s, A(1) || x) || HMAC(s, A(2) || x) || ...; A(0) = x, A(i) = HMAC(s, A(i-1)) */
static void test_construction(void)
{
    uint8_t secret[48], label[] = "test label", seed[64], x[10 + 64], want[160], a[32], out[160];
    test_rand_bytes(secret, sizeof(secret));
    test_rand_bytes(seed, sizeof(seed));
    memcpy(x, label, 10);
    memcpy(x + 10, seed, 64);
    gmtls_hmac_sm3(secret, sizeof(secret), x, sizeof(x), a);
    for (int i = 0; i < 5; i++) {
        uint8_t in[32 + sizeof(x)];
        memcpy(in, a, 32);
        memcpy(in + 32, x, sizeof(x));
        gmtls_hmac_sm3(secret, sizeof(secret), in, sizeof(in), want + 32 * i);
        gmtls_hmac_sm3(secret, sizeof(secret), a, 32, a);
    }
    CHECK_OK(gmtls_prf_sm3(secret, sizeof(secret), label, 10, seed, 64, out, 160));
    CHECK_MEM(out, want, 160);
    unsigned bad = 0;
    for (size_t n = 0; n <= 160; n++) {
        uint8_t o[160];
        memset(o, 0, sizeof(o));
        if (gmtls_prf_sm3(secret, sizeof(secret), label, 10, seed, 64, o, n) != 0)
            bad++;
        bad += memcmp(o, want, n) != 0;
    }
    CHECK_EQ(bad, 0);
    /* the PRF only sees label || seed: moving bytes between them changes nothing */
    CHECK_OK(gmtls_prf_sm3(secret, sizeof(secret), x, 20, x + 20, sizeof(x) - 20, out, 100));
    CHECK_MEM(out, want, 100);
}

static void test_errors(void)
{
    uint8_t s[8] = {1}, out[16];
    CHECK_ERR(gmtls_prf_sm3(NULL, 1, s, 1, s, 1, out, 16), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_prf_sm3(s, 1, NULL, 1, s, 1, out, 16), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_prf_sm3(s, 1, s, 1, NULL, 1, out, 16), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_prf_sm3(s, 1, s, 1, s, 1, NULL, 16), GMTLS_ERR_INVALID_ARG);
    CHECK_OK(gmtls_prf_sm3(NULL, 0, NULL, 0, NULL, 0, NULL, 0));
    CHECK_OK(gmtls_prf_sm3(NULL, 0, NULL, 0, NULL, 0, out, 16));
}

int main(void)
{
    test_rand_seed(17);
    test_kat();
    test_construction();
    test_errors();
    return test_report();
}
