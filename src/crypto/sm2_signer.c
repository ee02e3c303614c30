/* SM2 signing with a pool of precomputed nonces (GB/T 32918.2-2016 6.1). A3-A4 (k and [k]G) do not
 * depend on the key or the message, so they are done ahead, GMTLS_SM2_SIGNER_POOL at a time: the
 * points come out of the comb in Jacobian form and their x coordinates are made affine together
 * with one field inversion (Montgomery's simultaneous inversion) instead of one each. */
#include <pthread.h>
#include <string.h>

#include "core/ct.h"
#include "crypto/sm2_internal.h"
#include "crypto/sm2_inv.h"
#include "gmtls/error.h"
#include "gmtls/rand.h"
#include "gmtls/util.h"

_Static_assert(sizeof(gmtls_sm2_signer) == 1296, "gmtls_sm2_signer size");
_Static_assert(GMTLS_SM2_SIGNER_POOL % 8 == 0, "the pool is filled in batches of eight");

/* A nonce must never be used twice. After fork() parent and child would hold the same pool, so
 * every fork bumps a generation counter in the child and a pool from another generation is dropped. */
static volatile uint32_t fork_generation = 1;
static pthread_once_t fork_once = PTHREAD_ONCE_INIT;

static void on_fork_child(void) { fork_generation++; }
static void register_fork_handler(void) { (void)pthread_atfork(NULL, NULL, on_fork_child); }

void gmtls_sm2_signer_init(gmtls_sm2_signer *sg, const gmtls_sm2_key *key)
{
    pthread_once(&fork_once, register_fork_handler);
    memset(sg, 0, sizeof *sg);
    gmtls_sm2_sign_key_init(&sg->sk, key);
}

void gmtls_sm2_signer_wipe(gmtls_sm2_signer *sg)
{
    if (sg)
        gmtls_wipe(sg, sizeof *sg);
}

/* Fill the pool: k_i random in [1, n - 1], P_i = [k_i]G, x_i = X_i / Z_i^2 mod n. The Z_i are
 * inverted together: with prefix products a_i = Z_0 ... Z_i, inv = a_{N-1}^-1, then walking back
 * Z_i^-1 = inv * a_{i-1} and inv *= Z_i. All of it is constant time (no Z_i is zero). */
static int refill(gmtls_sm2_signer *sg)
{
    gmtls_sm2_point p[GMTLS_SM2_SIGNER_POOL];
    gmtls_sm2_fe acc[GMTLS_SM2_SIGNER_POOL], inv, zi, t;
    gmtls_sm2_scalar k, ks[GMTLS_SM2_SIGNER_POOL];
    uint8_t xb[32], rnd[32 * GMTLS_SM2_SIGNER_POOL];
    int err = 0;

    /* One call to the randomness source for the whole pool; a candidate outside [1, n - 1]
     * (probability about 2^-32) is replaced by a fresh draw, so the branch reveals nothing about
     * the nonce that is kept. */
    err = gmtls_random(rnd, sizeof rnd);
    if (err)
        goto out;
    for (size_t i = 0; i < GMTLS_SM2_SIGNER_POOL; i++) {
        uint64_t ok = gmtls_sm2_scalar_from_bytes(&k, rnd + 32 * i) & ~gmtls_sm2_scalar_is_zero(&k);
        if (!gmtls_ct_barrier64(ok) && (err = gmtls_sm2_random_scalar(&k)) != 0)
            goto out;
        memcpy(sg->k[i], &k, sizeof k);
        ks[i] = k;
    }
    /* [k]G eight at a time where the CPU has a batched implementation (AVX-512 IFMA), else one by one */
    for (size_t i = 0; i < GMTLS_SM2_SIGNER_POOL; i += 8) {
        if (!gmtls_sm2_mul_base_batch(&p[i], &ks[i])) {
            for (size_t j = i; j < i + 8; j++)
                gmtls_sm2_mul_base(&p[j], &ks[j]);
        }
    }
    acc[0] = p[0].Z;
    for (size_t i = 1; i < GMTLS_SM2_SIGNER_POOL; i++)
        gmtls_sm2_fe_mul(&acc[i], &acc[i - 1], &p[i].Z);
    gmtls_sm2_fe_inv_ct(&inv, &acc[GMTLS_SM2_SIGNER_POOL - 1]);
    for (size_t i = GMTLS_SM2_SIGNER_POOL; i-- > 0;) {
        if (i > 0) {
            gmtls_sm2_fe_mul(&zi, &inv, &acc[i - 1]);
            gmtls_sm2_fe_mul(&inv, &inv, &p[i].Z);
        } else {
            zi = inv;
        }
        gmtls_sm2_fe_sqr(&t, &zi);
        gmtls_sm2_fe_mul(&t, &p[i].X, &t);
        gmtls_sm2_fe_to_bytes(xb, &t);
        gmtls_sm2_scalar x;
        (void)gmtls_sm2_scalar_from_bytes(&x, xb); /* x1 < p may exceed n: reduced mod n */
        memcpy(sg->x[i], &x, sizeof x);
        gmtls_wipe(&x, sizeof x);
    }
    sg->avail = GMTLS_SM2_SIGNER_POOL;
    sg->fork_gen = fork_generation;
out:
    if (err) {
        gmtls_wipe(sg->k, sizeof sg->k);
        gmtls_wipe(sg->x, sizeof sg->x);
        sg->avail = 0;
    }
    gmtls_wipe(p, sizeof p);
    gmtls_wipe(acc, sizeof acc);
    gmtls_wipe(&inv, sizeof inv);
    gmtls_wipe(&zi, sizeof zi);
    gmtls_wipe(&t, sizeof t);
    gmtls_wipe(&k, sizeof k);
    gmtls_wipe(ks, sizeof ks);
    gmtls_wipe(xb, sizeof xb);
    gmtls_wipe(rnd, sizeof rnd);
    return err;
}

int gmtls_sm2_signer_sign_digest(gmtls_sm2_signer *sg, const uint8_t e_bytes[32], uint8_t sig[64])
{
    gmtls_sm2_scalar dinv, e, k, x;
    if (!sg || !e_bytes || !sig)
        return GMTLS_ERR_INVALID_ARG;
    if (sg->fork_gen != fork_generation) {
        /* Filled in another process (before a fork): never use those nonces here. */
        gmtls_wipe(sg->k, sizeof sg->k);
        gmtls_wipe(sg->x, sizeof sg->x);
        sg->avail = 0;
    }
    memcpy(&dinv, sg->sk.dinv, sizeof dinv);
    (void)gmtls_sm2_scalar_from_bytes(&e, e_bytes);
    int err = GMTLS_ERR_RANDOM;
    for (int tries = 0; tries < 16; tries++) {
        if (sg->avail == 0 && (err = refill(sg)) != 0)
            break;
        /* Take the last entry and erase it from the pool before using it. */
        uint32_t i = --sg->avail;
        memcpy(&k, sg->k[i], sizeof k);
        memcpy(&x, sg->x[i], sizeof x);
        gmtls_wipe(sg->k[i], sizeof sg->k[i]);
        gmtls_wipe(sg->x[i], sizeof sg->x[i]);
        uint64_t retry = gmtls_sm2_sign_finish(&dinv, &e, &k, &x, sig);
        /* As in sm2_sign.c: the retry conditions are functions of the published r and s. */
        if (!gmtls_ct_barrier64(retry)) {
            err = 0;
            break;
        }
        err = GMTLS_ERR_RANDOM;
    }
    if (err)
        memset(sig, 0, 64);
    gmtls_wipe(&dinv, sizeof dinv);
    gmtls_wipe(&k, sizeof k);
    gmtls_wipe(&x, sizeof x);
    return err;
}

int gmtls_sm2_signer_sign(gmtls_sm2_signer *sg, const uint8_t *id, size_t id_len, const uint8_t *msg,
                          size_t msg_len, uint8_t sig[64])
{
    uint8_t e[32];
    if (!sg || !sig)
        return GMTLS_ERR_INVALID_ARG;
    int err = gmtls_sm2_sign_key_e(&sg->sk, id, id_len, msg, msg_len, e);
    if (err)
        return err;
    return gmtls_sm2_signer_sign_digest(sg, e, sig);
}
