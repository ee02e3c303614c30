/* Randomness: getrandom(2) by default, replaceable by a caller-installed source. */
#include "gmtls/rand.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "gmtls/error.h"
#include "gmtls/util.h"

static gmtls_rand_fn source_fn;
static void *source_ctx;

void gmtls_rand_set_source(gmtls_rand_fn fn, void *ctx)
{
    source_ctx = ctx;
    source_fn = fn;
}

/* getrandom may return fewer bytes than asked (large requests, signals): loop until done,
 * retry on EINTR, and fail clearly when the kernel has no getrandom (ENOSYS) or other errors. */
static int os_random(void *buf, size_t len)
{
    uint8_t *p = buf;
    while (len > 0) {
        ssize_t n = getrandom(p, len, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return GMTLS_ERR_RANDOM;
        }
        if (n == 0)
            return GMTLS_ERR_RANDOM;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

int gmtls_random(void *buf, size_t len)
{
    if (len == 0)
        return 0;
    if (buf == NULL)
        return GMTLS_ERR_INVALID_ARG;
    int e = source_fn ? source_fn(source_ctx, buf, len) : os_random(buf, len);
    if (e) {
        gmtls_wipe(buf, len);
        return e < 0 ? e : GMTLS_ERR_RANDOM;
    }
    return 0;
}

void gmtls_drbg_test_init(gmtls_drbg_test *d, const void *seed, size_t seed_len)
{
    const uint8_t *s = seed;
    uint64_t h = 0x243F6A8885A308D3ull;
    for (size_t i = 0; i < seed_len; i++)
        h = (h ^ s[i]) * 0x100000001B3ull;
    d->state = h;
}

int gmtls_drbg_test_fill(void *ctx, void *buf, size_t len)
{
    gmtls_drbg_test *d = ctx;
    uint8_t *p = buf;
    while (len > 0) {
        /* splitmix64 */
        uint64_t z = (d->state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        z ^= z >> 31;
        size_t n = len < 8 ? len : 8;
        memcpy(p, &z, n);
        p += n;
        len -= n;
    }
    return 0;
}
