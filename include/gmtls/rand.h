/* gmtls: randomness. */
#ifndef GMTLS_RAND_H
#define GMTLS_RAND_H

#include "api.h"

/* Fill buf with len random bytes from the installed source (getrandom(2) by default).
 * Returns GMTLS_ERR_RANDOM when no randomness can be had; buf is then zeroed. */
GMTLS_API GMTLS_MUST_CHECK int gmtls_random(void *buf, size_t len);

/* A randomness source: fills buf, returns 0 or a negative GMTLS_ERR_* code. */
typedef int (*gmtls_rand_fn)(void *ctx, void *buf, size_t len);

/* Install a source for the whole process (NULL restores getrandom). For tests and for
 * hardware generators; not thread safe against concurrent gmtls_random calls. */
GMTLS_API void gmtls_rand_set_source(gmtls_rand_fn fn, void *ctx);

/* A deterministic generator for tests (splitmix64 over a seed): reproducible, NOT secure.
 * Install with gmtls_rand_set_source(gmtls_drbg_test_fill, &d). Never for real keys. */
typedef struct {
    uint64_t state;
} gmtls_drbg_test;
GMTLS_API void gmtls_drbg_test_init(gmtls_drbg_test *d, const void *seed, size_t seed_len);
GMTLS_API int gmtls_drbg_test_fill(void *ctx, void *buf, size_t len);

#endif
