/* Randomness: getrandom(2) by default, replaceable by a caller-installed source. */
#include "gmtls/rand.h"

#include <errno.h>
#include <pthread.h>
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

/* Small requests (nonces, ephemeral keys, blinding factors) come from a per-thread buffer refilled
 * from getrandom RAND_POOL_SIZE bytes at a time: one system call costs about 280 ns here, a twentieth
 * of an SM2 signature. The bytes are the kernel's, handed out once: each request takes bytes off the
 * end and wipes them in the buffer. A child process must never repeat its parent's bytes, so every
 * fork bumps a generation (pthread_atfork) and a buffer from an older generation is wiped unused. A
 * thread's buffer is wiped when the thread exits (a pthread key destructor) and the calling thread's
 * when the library is unloaded or the process exits (an ELF destructor). */
#define RAND_POOL_SIZE 512
#define RAND_POOL_MAX 64

struct rand_pool {
    uint8_t buf[RAND_POOL_SIZE];
    size_t avail;
    unsigned gen;
    int registered;
};

static __thread struct rand_pool rand_tls;
static unsigned rand_fork_gen = 1;
static pthread_once_t rand_once = PTHREAD_ONCE_INIT;
static pthread_key_t rand_key;
static int rand_key_ok;

static void rand_after_fork_child(void)
{
    __atomic_add_fetch(&rand_fork_gen, 1, __ATOMIC_SEQ_CST);
}

static void rand_pool_destroy(void *p)
{
    gmtls_wipe(p, sizeof(struct rand_pool));
}

static void rand_init_once(void)
{
    (void)pthread_atfork(NULL, NULL, rand_after_fork_child);
    rand_key_ok = pthread_key_create(&rand_key, rand_pool_destroy) == 0;
}

__attribute__((destructor)) static void rand_unload(void)
{
    if (rand_key_ok) {
        (void)pthread_key_delete(rand_key); /* no destructor may point into unloaded code */
        rand_key_ok = 0;
    }
    gmtls_wipe(&rand_tls, sizeof rand_tls);
}

static int pool_random(uint8_t *out, size_t len)
{
    struct rand_pool *p = &rand_tls;
    (void)pthread_once(&rand_once, rand_init_once);
    unsigned gen = __atomic_load_n(&rand_fork_gen, __ATOMIC_SEQ_CST);
    if (!p->registered) {
        if (rand_key_ok)
            (void)pthread_setspecific(rand_key, p);
        p->registered = 1;
    }
    if (p->gen != gen) {
        gmtls_wipe(p->buf, sizeof p->buf);
        p->avail = 0;
        p->gen = gen;
    }
    if (p->avail < len) {
        int e = os_random(p->buf, sizeof p->buf);
        if (e) {
            gmtls_wipe(p->buf, sizeof p->buf);
            p->avail = 0;
            return e;
        }
        p->avail = sizeof p->buf;
    }
    p->avail -= len;
    memcpy(out, p->buf + p->avail, len);
    gmtls_wipe(p->buf + p->avail, len);
    return 0;
}

int gmtls_random(void *buf, size_t len)
{
    if (len == 0)
        return 0;
    if (buf == NULL)
        return GMTLS_ERR_INVALID_ARG;
    int e;
    if (source_fn)
        e = source_fn(source_ctx, buf, len);
    else
        e = len <= RAND_POOL_MAX ? pool_random(buf, len) : os_random(buf, len);
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
