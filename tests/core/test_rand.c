/* Randomness: the OS source, an installed source, failure handling. */
#include <stdlib.h>

#include "gmtls/rand.h"
#include "test.h"

static int failing_source(void *ctx, void *buf, size_t len)
{
    (void)ctx;
    memset(buf, 0xaa, len); /* partial garbage the library must wipe */
    return GMTLS_ERR_RANDOM;
}

int main(void)
{
    uint8_t a[1000], b[1000];
    memset(a, 0, sizeof a);
    CHECK_OK(gmtls_random(a, sizeof a));
    CHECK_OK(gmtls_random(b, sizeof b));
    CHECK(memcmp(a, b, sizeof a) != 0);
    /* a 1000-byte zero output from a working source is (practically) impossible */
    static const uint8_t zero[1000];
    CHECK(memcmp(a, zero, sizeof a) != 0);
    /* large request: getrandom returns at most 32 MiB per call; check the loop */
    size_t big = (size_t)40 << 20;
    uint8_t *p = calloc(1, big);
    CHECK_OK(gmtls_random(p, big));
    CHECK(memcmp(p + big - sizeof zero, zero, sizeof zero) != 0);
    free(p);
    CHECK_OK(gmtls_random(NULL, 0));
    CHECK_ERR(gmtls_random(NULL, 1), GMTLS_ERR_INVALID_ARG);

    gmtls_drbg_test d1, d2;
    gmtls_drbg_test_init(&d1, "seed", 4);
    gmtls_rand_set_source(gmtls_drbg_test_fill, &d1);
    CHECK_OK(gmtls_random(a, 37));
    gmtls_drbg_test_init(&d2, "seed", 4);
    gmtls_rand_set_source(gmtls_drbg_test_fill, &d2);
    CHECK_OK(gmtls_random(b, 37));
    CHECK_MEM(a, b, 37);

    gmtls_rand_set_source(failing_source, NULL);
    memset(a, 0x55, 16);
    CHECK_ERR(gmtls_random(a, 16), GMTLS_ERR_RANDOM);
    CHECK_MEM(a, zero, 16);
    gmtls_rand_set_source(NULL, NULL);
    CHECK_OK(gmtls_random(a, 16));
    return test_report();
}
