/* Randomness: the OS source, the per-thread buffer for small requests (distinct bytes across calls,
 * threads and fork), an installed source, failure handling. */
#include <pthread.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gmtls/rand.h"
#include "test.h"

static int failing_source(void *ctx, void *buf, size_t len)
{
    (void)ctx;
    memset(buf, 0xaa, len); /* partial garbage the library must wipe */
    return GMTLS_ERR_RANDOM;
}

static void *thread_draw(void *out)
{
    return gmtls_random(out, 32) == 0 ? out : NULL;
}

/* Small draws are served from a buffer: no two may repeat, in one thread, in two threads, or in a
 * parent and its child after fork (both hold the same buffer contents at the fork). */
static void small_draws(void)
{
    enum { N = 200 };
    static uint8_t d[N][32];
    for (int i = 0; i < N; i++)
        CHECK_OK(gmtls_random(d[i], i % 2 ? 32 : 17));
    int dup = 0;
    for (int i = 0; i < N; i++)
        for (int j = i + 1; j < N; j++)
            dup += memcmp(d[i], d[j], 17) == 0;
    CHECK_EQ(dup, 0);

    uint8_t t1[32], t2[32];
    pthread_t a, b;
    void *ra = NULL, *rb = NULL;
    CHECK(pthread_create(&a, NULL, thread_draw, t1) == 0);
    CHECK(pthread_create(&b, NULL, thread_draw, t2) == 0);
    CHECK(pthread_join(a, &ra) == 0 && pthread_join(b, &rb) == 0);
    CHECK(ra == t1 && rb == t2);
    CHECK(memcmp(t1, t2, 32) != 0);

    uint8_t mine[32], childs[32];
    int fds[2];
    CHECK_OK(gmtls_random(mine, 8)); /* the buffer holds unused bytes at the fork */
    CHECK(pipe(fds) == 0);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        uint8_t c[32];
        int ok = gmtls_random(c, 32) == 0 && write(fds[1], c, 32) == 32;
        _exit(ok ? 0 : 1);
    }
    CHECK_OK(gmtls_random(mine, 32));
    CHECK(read(fds[0], childs, 32) == 32);
    int status = 0;
    CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK(memcmp(mine, childs, 32) != 0);
    close(fds[0]);
    close(fds[1]);
}

int main(void)
{
    small_draws();
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
    /* small requests also come from the installed source, not from the buffer */
    gmtls_drbg_test_init(&d1, "seed", 4);
    gmtls_rand_set_source(gmtls_drbg_test_fill, &d1);
    CHECK_OK(gmtls_random(a, 16));
    CHECK_MEM(a, b, 16);

    gmtls_rand_set_source(failing_source, NULL);
    memset(a, 0x55, 16);
    CHECK_ERR(gmtls_random(a, 16), GMTLS_ERR_RANDOM);
    CHECK_MEM(a, zero, 16);
    gmtls_rand_set_source(NULL, NULL);
    CHECK_OK(gmtls_random(a, 16));
    return test_report();
}
