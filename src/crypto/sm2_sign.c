/* SM2 digital signatures: generation (GB/T 32918.2-2016 6.1), verification (7.1) and the DER
 * signature encoding (GM/T 0009-2012 7.3). */
#include <string.h>

#include "core/ct.h"
#include "crypto/sm2_internal.h"
#include "crypto/sm2_inv.h"
#include "gmtls/error.h"
#include "gmtls/sm3.h"
#include "gmtls/util.h"

/* GB/T 32918.2-2016 6.1 A4-A6 for one nonce k, without any branch on a secret (sign_core computes
 * x1; gmtls_sm2_sign_finish the rest, given x = x1 mod n):
 *   (x1, y1) = [k]G, r = (e + x1) mod n, s = (1 + d)^-1 (k - r d) mod n.
 * s is computed as (1 + d)^-1 (k + r) - r, which is the same value
 * ((1 + d)^-1 (k + r - r (1 + d)) = (1 + d)^-1 (k - r d)) and needs only the cached inverse.
 * Returns a mask that is all-ones when k must be discarded: r = 0, r + k = n or s = 0.
 * The condition r + k = n is tested as r + s = 0 (mod n): r + s = (1 + d)^-1 (k + r), which is
 * zero exactly when k + r is, so all three conditions are functions of the published r and s. */
uint64_t gmtls_sm2_sign_finish(const gmtls_sm2_scalar *dinv, const gmtls_sm2_scalar *e, const gmtls_sm2_scalar *k,
                               const gmtls_sm2_scalar *x, uint8_t sig[64])
{
    gmtls_sm2_scalar r, s, t;
    gmtls_sm2_scalar_add(&r, e, x);
    gmtls_sm2_scalar_add(&t, k, &r);
    gmtls_sm2_scalar_mul(&s, dinv, &t);
    gmtls_sm2_scalar_sub(&s, &s, &r);
    gmtls_sm2_scalar_add(&t, &r, &s);
    uint64_t retry = gmtls_sm2_scalar_is_zero(&r) | gmtls_sm2_scalar_is_zero(&s) | gmtls_sm2_scalar_is_zero(&t);
    gmtls_sm2_scalar_to_bytes(sig, &r);
    gmtls_sm2_scalar_to_bytes(sig + 32, &s);
    gmtls_wipe(&t, sizeof t);
    gmtls_wipe(&s, sizeof s);
    return retry;
}

static uint64_t sign_core(const gmtls_sm2_scalar *dinv, const gmtls_sm2_scalar *e, const gmtls_sm2_scalar *k,
                          uint8_t sig[64])
{
    gmtls_sm2_fe num, den, inv;
    gmtls_sm2_scalar x;
    uint8_t x1[32];

    /* k is in [1, n - 1], so [k]G is never infinity and den is invertible. */
    gmtls_sm2_mul_base_x(&num, &den, k);
    gmtls_sm2_fe_inv_secret(&inv, &den);
    gmtls_sm2_fe_mul(&num, &num, &inv);
    gmtls_sm2_fe_to_bytes(x1, &num);
    (void)gmtls_sm2_scalar_from_bytes(&x, x1); /* x1 < p may exceed n: reduced mod n */
    uint64_t retry = gmtls_sm2_sign_finish(dinv, e, k, &x, sig);
    gmtls_wipe(&num, sizeof num);
    gmtls_wipe(&den, sizeof den);
    gmtls_wipe(&inv, sizeof inv);
    gmtls_wipe(x1, sizeof x1);
    gmtls_wipe(&x, sizeof x);
    return retry;
}

/* GB/T 32918.2-2016 6.1 A3-A7 with fresh nonces from gmtls_random. */
static int sign_random(const gmtls_sm2_scalar *dinv, const uint8_t e_bytes[32], uint8_t sig[64])
{
    gmtls_sm2_scalar e, k;
    int err = GMTLS_ERR_RANDOM;
    (void)gmtls_sm2_scalar_from_bytes(&e, e_bytes);
    /* A retry happens with probability about 2^-255 per nonce; bound the loop anyway. */
    for (int tries = 0; tries < 16; tries++) {
        err = gmtls_sm2_random_scalar(&k);
        if (err)
            break;
        uint64_t retry = sign_core(dinv, &e, &k, sig);
        /* Branching here is safe: the retry conditions depend only on r and s, which are the
         * published signature, and a nonce that triggers one is discarded. */
        if (!gmtls_ct_barrier64(retry)) {
            gmtls_wipe(&k, sizeof k);
            return 0;
        }
        err = GMTLS_ERR_RANDOM;
    }
    gmtls_wipe(&k, sizeof k);
    memset(sig, 0, 64);
    return err;
}

/* (1 + d)^-1 mod n, in constant time; d <= n - 2 makes 1 + d non-zero. */
static void dinv_from_key(gmtls_sm2_scalar *dinv, const gmtls_sm2_key *key)
{
    gmtls_sm2_scalar d, one;
    gmtls_sm2_key_scalar(&d, key);
    gmtls_sm2_scalar_set_u64(&one, 1);
    gmtls_sm2_scalar_add(&d, &d, &one);
    gmtls_sm2_scalar_inv_ct(dinv, &d);
    gmtls_wipe(&d, sizeof d);
}

int gmtls_sm2_sign_digest(const gmtls_sm2_key *key, const uint8_t e[32], uint8_t sig[64])
{
    gmtls_sm2_scalar dinv;
    if (!key || !e || !sig)
        return GMTLS_ERR_INVALID_ARG;
    dinv_from_key(&dinv, key);
    int err = sign_random(&dinv, e, sig);
    gmtls_wipe(&dinv, sizeof dinv);
    return err;
}

int gmtls_sm2_sign(const gmtls_sm2_key *key, const uint8_t *id, size_t id_len, const uint8_t *msg, size_t msg_len,
                   uint8_t sig[64])
{
    uint8_t e[32];
    if (!key || !sig)
        return GMTLS_ERR_INVALID_ARG;
    int err = gmtls_sm2_compute_e(&key->pub, id, id_len, msg, msg_len, e);
    if (err)
        return err;
    return gmtls_sm2_sign_digest(key, e, sig);
}

int gmtls_sm2_sign_digest_with_k(const gmtls_sm2_key *key, const uint8_t e_bytes[32], const uint8_t k_bytes[32],
                                 uint8_t sig[64])
{
    gmtls_sm2_scalar dinv, e, k;
    dinv_from_key(&dinv, key);
    (void)gmtls_sm2_scalar_from_bytes(&e, e_bytes);
    uint64_t bad = ~gmtls_sm2_scalar_from_bytes(&k, k_bytes);
    bad |= gmtls_sm2_scalar_is_zero(&k);
    bad |= sign_core(&dinv, &e, &k, sig);
    gmtls_wipe(&dinv, sizeof dinv);
    gmtls_wipe(&k, sizeof k);
    /* No branch on the nonce: the status is selected with a mask. */
    return (int)gmtls_ct_select64(bad, (uint64_t)(int64_t)GMTLS_ERR_INVALID_ARG, 0);
}

void gmtls_sm2_sign_key_init(gmtls_sm2_sign_key *sk, const gmtls_sm2_key *key)
{
    memcpy(&sk->key, key, sizeof *key);
    gmtls_sm2_scalar dinv;
    dinv_from_key(&dinv, key);
    memcpy(sk->dinv, &dinv, sizeof dinv);
    gmtls_wipe(&dinv, sizeof dinv);
    int err = gmtls_sm2_compute_z(&key->pub, (const uint8_t *)GMTLS_SM2_DEFAULT_ID, GMTLS_SM2_DEFAULT_ID_LEN,
                                  sk->z_default);
    (void)err; /* the default ID always has a valid length */
}

int gmtls_sm2_sign_key_sign_digest(const gmtls_sm2_sign_key *sk, const uint8_t e[32], uint8_t sig[64])
{
    gmtls_sm2_scalar dinv;
    if (!sk || !e || !sig)
        return GMTLS_ERR_INVALID_ARG;
    memcpy(&dinv, sk->dinv, sizeof dinv);
    int err = sign_random(&dinv, e, sig);
    gmtls_wipe(&dinv, sizeof dinv);
    return err;
}

int gmtls_sm2_sign_key_e(const gmtls_sm2_sign_key *sk, const uint8_t *id, size_t id_len, const uint8_t *msg,
                         size_t msg_len, uint8_t e[32])
{
    if ((!msg && msg_len) || (!id && id_len))
        return GMTLS_ERR_INVALID_ARG;
    if (id_len == GMTLS_SM2_DEFAULT_ID_LEN && memcmp(id, GMTLS_SM2_DEFAULT_ID, GMTLS_SM2_DEFAULT_ID_LEN) == 0) {
        gmtls_sm3_ctx c;
        gmtls_sm3_init(&c);
        gmtls_sm3_update(&c, sk->z_default, 32);
        if (msg_len)
            gmtls_sm3_update(&c, msg, msg_len);
        gmtls_sm3_final(&c, e);
        return 0;
    }
    return gmtls_sm2_compute_e(&sk->key.pub, id, id_len, msg, msg_len, e);
}

int gmtls_sm2_sign_key_sign(const gmtls_sm2_sign_key *sk, const uint8_t *id, size_t id_len, const uint8_t *msg,
                            size_t msg_len, uint8_t sig[64])
{
    uint8_t e[32];
    if (!sk || !sig)
        return GMTLS_ERR_INVALID_ARG;
    int err = gmtls_sm2_sign_key_e(sk, id, id_len, msg, msg_len, e);
    if (err)
        return err;
    return gmtls_sm2_sign_key_sign_digest(sk, e, sig);
}

/* x1 mod n == c, for the point p = (X : Y : Z) with x1 = X / Z^2, without an inversion:
 * x1 < p < 2n, so x1 mod n = c means x1 = c or x1 = c + n (the latter only when c + n < p), and
 * x1 = v is tested as X = v Z^2. All values are public. */
int gmtls_sm2_x_matches(const gmtls_sm2_point *p, const gmtls_sm2_scalar *c)
{
    static const uint64_t n[4] = {0x53bbf40939d54123ull, 0x7203df6b21c6052bull, 0xffffffffffffffffull,
                                  0xfffffffeffffffffull};
    static const uint64_t pm[4] = {0xffffffffffffffffull, 0xffffffff00000000ull, 0xffffffffffffffffull,
                                   0xfffffffeffffffffull};
    gmtls_sm2_fe z2, v, t;
    uint8_t b[32];
    gmtls_sm2_fe_sqr(&z2, &p->Z);
    gmtls_sm2_scalar_to_bytes(b, c);
    (void)gmtls_sm2_fe_from_bytes(&v, b);
    gmtls_sm2_fe_mul(&t, &v, &z2);
    if (memcmp(&t, &p->X, sizeof t) == 0)
        return 1;
    /* c + n, if it is below p. */
    uint64_t w[4], carry = 0;
    for (int i = 0; i < 4; i++) {
        uint64_t a = c->v[i] + carry;
        carry = a < carry;
        w[i] = a + n[i];
        carry += w[i] < n[i];
    }
    if (carry)
        return 0;
    for (int i = 3; i >= 0; i--) {
        if (w[i] != pm[i]) {
            if (w[i] > pm[i])
                return 0;
            break;
        }
        if (i == 0)
            return 0; /* equal to p */
    }
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 8; j++)
            b[31 - 8 * i - j] = (uint8_t)(w[i] >> (8 * j));
    (void)gmtls_sm2_fe_from_bytes(&v, b);
    gmtls_sm2_fe_mul(&t, &v, &z2);
    return memcmp(&t, &p->X, sizeof t) == 0;
}

/* GB/T 32918.2-2016 7.1 B1-B7 with PA given as a point or as a table. Every value here is
 * public, so variable-time arithmetic is used. */
static int verify_core(const gmtls_sm2_pubkey *pub, const gmtls_sm2_point_table *tab, const uint8_t e_bytes[32],
                       const uint8_t sig[64])
{
    gmtls_sm2_scalar r, s, t, e, c;
    gmtls_sm2_point pa, p;
    /* B1, B2: r, s in [1, n - 1]. */
    uint64_t ok = gmtls_sm2_scalar_from_bytes(&r, sig) & ~gmtls_sm2_scalar_is_zero(&r);
    ok &= gmtls_sm2_scalar_from_bytes(&s, sig + 32) & ~gmtls_sm2_scalar_is_zero(&s);
    if (!ok)
        return GMTLS_ERR_BAD_SIGNATURE;
    /* B5: t = (r + s) mod n, t != 0. */
    gmtls_sm2_scalar_add(&t, &r, &s);
    if (gmtls_sm2_scalar_is_zero(&t))
        return GMTLS_ERR_BAD_SIGNATURE;
    /* B6: (x1', y1') = [s]G + [t]PA. */
    if (tab) {
        gmtls_sm2_mul_double_vartime_table(&p, &s, &t, tab);
    } else {
        gmtls_sm2_pub_point(&pa, pub);
        gmtls_sm2_mul_double_vartime(&p, &s, &t, &pa);
    }
    if (gmtls_sm2_point_is_infinity(&p))
        return GMTLS_ERR_VERIFY_FAILED;
    /* B7: R = (e' + x1') mod n, accept when R = r, i.e. when x1' = r - e' (mod n). */
    (void)gmtls_sm2_scalar_from_bytes(&e, e_bytes);
    gmtls_sm2_scalar_sub(&c, &r, &e);
    return gmtls_sm2_x_matches(&p, &c) ? 0 : GMTLS_ERR_VERIFY_FAILED;
}

int gmtls_sm2_verify_digest(const gmtls_sm2_pubkey *pub, const uint8_t e_bytes[32], const uint8_t sig[64])
{
    if (!pub || !e_bytes || !sig)
        return GMTLS_ERR_INVALID_ARG;
    return verify_core(pub, NULL, e_bytes, sig);
}

_Static_assert(sizeof(gmtls_sm2_point_table) <= sizeof(((gmtls_sm2_verify_key *)0)->table),
               "gmtls_sm2_verify_key.table must hold a gmtls_sm2_point_table");
_Static_assert(sizeof(gmtls_sm2_verify_key) == 4352, "gmtls_sm2_verify_key size");

void gmtls_sm2_verify_key_init(gmtls_sm2_verify_key *vk, const gmtls_sm2_pubkey *pub)
{
    gmtls_sm2_point p;
    memset(vk, 0, sizeof *vk);
    memcpy(&vk->pub, pub, sizeof *pub);
    gmtls_sm2_pub_point(&p, pub);
    gmtls_sm2_point_table_init((gmtls_sm2_point_table *)(void *)vk->table, &p);
    int err = gmtls_sm2_compute_z(pub, (const uint8_t *)GMTLS_SM2_DEFAULT_ID, GMTLS_SM2_DEFAULT_ID_LEN,
                                  vk->z_default);
    (void)err; /* the default ID always has a valid length */
}

int gmtls_sm2_verify_key_verify_digest(const gmtls_sm2_verify_key *vk, const uint8_t e[32], const uint8_t sig[64])
{
    if (!vk || !e || !sig)
        return GMTLS_ERR_INVALID_ARG;
    return verify_core(NULL, (const gmtls_sm2_point_table *)(const void *)vk->table, e, sig);
}

int gmtls_sm2_verify_key_verify(const gmtls_sm2_verify_key *vk, const uint8_t *id, size_t id_len, const uint8_t *msg,
                                size_t msg_len, const uint8_t sig[64])
{
    uint8_t e[32];
    if (!vk || !sig || (!msg && msg_len) || (!id && id_len))
        return GMTLS_ERR_INVALID_ARG;
    if (id_len == GMTLS_SM2_DEFAULT_ID_LEN && memcmp(id, GMTLS_SM2_DEFAULT_ID, GMTLS_SM2_DEFAULT_ID_LEN) == 0) {
        gmtls_sm3_ctx c;
        gmtls_sm3_init(&c);
        gmtls_sm3_update(&c, vk->z_default, 32);
        if (msg_len)
            gmtls_sm3_update(&c, msg, msg_len);
        gmtls_sm3_final(&c, e);
    } else {
        int err = gmtls_sm2_compute_e(&vk->pub, id, id_len, msg, msg_len, e);
        if (err)
            return err;
    }
    return gmtls_sm2_verify_key_verify_digest(vk, e, sig);
}

int gmtls_sm2_verify(const gmtls_sm2_pubkey *pub, const uint8_t *id, size_t id_len, const uint8_t *msg,
                     size_t msg_len, const uint8_t sig[64])
{
    uint8_t e[32];
    if (!pub || !sig)
        return GMTLS_ERR_INVALID_ARG;
    int err = gmtls_sm2_compute_e(pub, id, id_len, msg, msg_len, e);
    if (err)
        return err;
    return gmtls_sm2_verify_digest(pub, e, sig);
}

int gmtls_sm2_sig_to_der(const uint8_t sig[64], uint8_t out[72], size_t *len)
{
    if (!sig || !out || !len)
        return GMTLS_ERR_INVALID_ARG;
    size_t body = gmtls_sm2_der_uint256_size(sig) + gmtls_sm2_der_uint256_size(sig + 32);
    size_t o = gmtls_sm2_der_put_header(out, 0x30, body); /* body <= 70: short form */
    o += gmtls_sm2_der_put_uint256(out + o, sig);
    o += gmtls_sm2_der_put_uint256(out + o, sig + 32);
    *len = o;
    return 0;
}

int gmtls_sm2_sig_from_der(const uint8_t *in, size_t len, uint8_t sig[64])
{
    gmtls_reader rd, seq;
    if (!sig || (!in && len))
        return GMTLS_ERR_INVALID_ARG;
    gmtls_reader_init(&rd, in, len);
    if (gmtls_sm2_der_header(&rd, 0x30, &seq) != 0 || gmtls_reader_end(&rd) != 0 ||
        gmtls_sm2_der_uint256(&seq, sig) != 0 || gmtls_sm2_der_uint256(&seq, sig + 32) != 0 ||
        gmtls_reader_end(&seq) != 0) {
        memset(sig, 0, 64);
        return GMTLS_ERR_BAD_SIGNATURE;
    }
    return 0;
}
