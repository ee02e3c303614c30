/* SM2 scalars mod n, the group order (GB/T 32918.5-2017). Plain integers < n at the API;
 * multiplication goes through Montgomery form internally. Everything is constant time. */
#include <string.h>

#include "core/bytes.h"
#include "crypto/sm2_arith.h"
#include "gmtls/util.h"

typedef unsigned __int128 sm2_u128;

static const uint64_t sm2_n[4] = {0x53bbf40939d54123ULL, 0x7203df6b21c6052bULL, 0xffffffffffffffffULL,
                                  0xfffffffeffffffffULL};
/* -n^-1 mod 2^64 */
#define SM2_N0 0x327f9e8872350975ULL
/* 2^512 mod n */
static const gmtls_sm2_scalar sm2_rr_n = {
    {0x901192af7c114f20ULL, 0x3464504ade6fa2faULL, 0x620fc84c3affe0d4ULL, 0x1eb5e412a22b3d3bULL}};

/* r = t - n if (hi | t >= n) else t; the value must be < 2n. */
static void sm2_n_final_sub(uint64_t r[4], const uint64_t t[4], uint64_t hi)
{
    uint64_t s[4], borrow = 0, keep;
    for (int i = 0; i < 4; i++) {
        sm2_u128 d = (sm2_u128)t[i] - sm2_n[i] - borrow;
        s[i] = (uint64_t)d;
        borrow = (uint64_t)(d >> 64) & 1;
    }
    keep = 0 - (borrow & (hi ^ 1));
    for (int i = 0; i < 4; i++)
        r[i] = (t[i] & keep) | (s[i] & ~keep);
}

#define SM2_N_MAC(acc, x, y, c) ((acc) = (sm2_u128)(x) * (y) + (c) + (uint64_t)((acc) >> 64))

/* One Montgomery round on the window (x0..x3): m = x0 * (-n^-1) mod 2^64, x = (x + m n) / 2^64.
 * For x < 2^256 the result is below 2^192 + n < 2^256, so it stays in four limbs. */
#define SM2_N_ROUND(x0, x1, x2, x3)                                                                \
    do {                                                                                           \
        uint64_t m_ = (x0) * SM2_N0;                                                               \
        sm2_u128 a_ = (sm2_u128)m_ * sm2_n[0] + (x0);                                              \
        SM2_N_MAC(a_, m_, sm2_n[1], (x1));                                                         \
        (x0) = (uint64_t)a_;                                                                       \
        SM2_N_MAC(a_, m_, sm2_n[2], (x2));                                                         \
        (x1) = (uint64_t)a_;                                                                       \
        SM2_N_MAC(a_, m_, sm2_n[3], (x3));                                                         \
        (x2) = (uint64_t)a_;                                                                       \
        (x3) = (uint64_t)(a_ >> 64);                                                               \
    } while (0)

/* Montgomery product a * b / 2^256 mod n, for a, b < n: the full product, the reduction of its
 * low half ((L + M n) / 2^256 < n + 1), plus the high half; the sum is below 2n. r may alias. */
static void sm2_n_mont_mul(uint64_t r[4], const uint64_t a[4], const uint64_t b[4])
{
    const uint64_t a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
    const uint64_t b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
    uint64_t t0, t1, t2, t3, t4, t5, t6, t7, u[4];
    sm2_u128 acc = 0;
    SM2_N_MAC(acc, a0, b0, 0);
    t0 = (uint64_t)acc;
    SM2_N_MAC(acc, a0, b1, 0);
    t1 = (uint64_t)acc;
    SM2_N_MAC(acc, a0, b2, 0);
    t2 = (uint64_t)acc;
    SM2_N_MAC(acc, a0, b3, 0);
    t3 = (uint64_t)acc;
    t4 = (uint64_t)(acc >> 64);
    acc = 0;
    SM2_N_MAC(acc, a1, b0, t1);
    t1 = (uint64_t)acc;
    SM2_N_MAC(acc, a1, b1, t2);
    t2 = (uint64_t)acc;
    SM2_N_MAC(acc, a1, b2, t3);
    t3 = (uint64_t)acc;
    SM2_N_MAC(acc, a1, b3, t4);
    t4 = (uint64_t)acc;
    t5 = (uint64_t)(acc >> 64);
    acc = 0;
    SM2_N_MAC(acc, a2, b0, t2);
    t2 = (uint64_t)acc;
    SM2_N_MAC(acc, a2, b1, t3);
    t3 = (uint64_t)acc;
    SM2_N_MAC(acc, a2, b2, t4);
    t4 = (uint64_t)acc;
    SM2_N_MAC(acc, a2, b3, t5);
    t5 = (uint64_t)acc;
    t6 = (uint64_t)(acc >> 64);
    acc = 0;
    SM2_N_MAC(acc, a3, b0, t3);
    t3 = (uint64_t)acc;
    SM2_N_MAC(acc, a3, b1, t4);
    t4 = (uint64_t)acc;
    SM2_N_MAC(acc, a3, b2, t5);
    t5 = (uint64_t)acc;
    SM2_N_MAC(acc, a3, b3, t6);
    t6 = (uint64_t)acc;
    t7 = (uint64_t)(acc >> 64);
    SM2_N_ROUND(t0, t1, t2, t3);
    SM2_N_ROUND(t0, t1, t2, t3);
    SM2_N_ROUND(t0, t1, t2, t3);
    SM2_N_ROUND(t0, t1, t2, t3);
    acc = (sm2_u128)t0 + t4;
    u[0] = (uint64_t)acc;
    acc = (sm2_u128)t1 + t5 + (uint64_t)(acc >> 64);
    u[1] = (uint64_t)acc;
    acc = (sm2_u128)t2 + t6 + (uint64_t)(acc >> 64);
    u[2] = (uint64_t)acc;
    acc = (sm2_u128)t3 + t7 + (uint64_t)(acc >> 64);
    u[3] = (uint64_t)acc;
    sm2_n_final_sub(r, u, (uint64_t)(acc >> 64));
}

uint64_t gmtls_sm2_scalar_from_bytes(gmtls_sm2_scalar *s, const uint8_t b[32])
{
    uint64_t v[4], d[4], borrow = 0, lt;
    for (int i = 0; i < 4; i++)
        v[i] = gmtls_load_be64(b + 8 * (3 - i));
    for (int i = 0; i < 4; i++) {
        sm2_u128 x = (sm2_u128)v[i] - sm2_n[i] - borrow;
        d[i] = (uint64_t)x;
        borrow = (uint64_t)(x >> 64) & 1;
    }
    lt = 0 - borrow;
    for (int i = 0; i < 4; i++)
        s->v[i] = (v[i] & lt) | (d[i] & ~lt); /* 2^256 < 2n: one subtraction reduces */
    gmtls_wipe(v, sizeof v);
    gmtls_wipe(d, sizeof d);
    return lt;
}

void gmtls_sm2_scalar_to_bytes(uint8_t b[32], const gmtls_sm2_scalar *s)
{
    for (int i = 0; i < 4; i++)
        gmtls_store_be64(b + 8 * (3 - i), s->v[i]);
}

void gmtls_sm2_scalar_add(gmtls_sm2_scalar *r, const gmtls_sm2_scalar *a, const gmtls_sm2_scalar *b)
{
    uint64_t t[4];
    sm2_u128 acc = 0;
    for (int i = 0; i < 4; i++) {
        acc = (sm2_u128)a->v[i] + b->v[i] + (acc >> 64);
        t[i] = (uint64_t)acc;
    }
    sm2_n_final_sub(r->v, t, (uint64_t)(acc >> 64));
}

void gmtls_sm2_scalar_sub(gmtls_sm2_scalar *r, const gmtls_sm2_scalar *a, const gmtls_sm2_scalar *b)
{
    uint64_t t[4], borrow = 0, mask;
    sm2_u128 acc = 0;
    for (int i = 0; i < 4; i++) {
        sm2_u128 d = (sm2_u128)a->v[i] - b->v[i] - borrow;
        t[i] = (uint64_t)d;
        borrow = (uint64_t)(d >> 64) & 1;
    }
    mask = 0 - borrow;
    for (int i = 0; i < 4; i++) {
        acc = (sm2_u128)t[i] + (sm2_n[i] & mask) + (acc >> 64);
        r->v[i] = (uint64_t)acc;
    }
}

void gmtls_sm2_scalar_neg(gmtls_sm2_scalar *r, const gmtls_sm2_scalar *a)
{
    static const gmtls_sm2_scalar zero = {{0, 0, 0, 0}};
    gmtls_sm2_scalar_sub(r, &zero, a);
}

void gmtls_sm2_scalar_mul(gmtls_sm2_scalar *r, const gmtls_sm2_scalar *a, const gmtls_sm2_scalar *b)
{
    uint64_t t[4];
    sm2_n_mont_mul(t, a->v, b->v);        /* a b / R */
    sm2_n_mont_mul(r->v, t, sm2_rr_n.v);  /* a b */
    gmtls_wipe(t, sizeof t);
}

void gmtls_sm2_scalar_inv(gmtls_sm2_scalar *r, const gmtls_sm2_scalar *a)
{
    /* a^(n-2) (Fermat; n is prime). Fixed 4-bit windows over the public exponent: the operation
     * sequence and the table indices depend only on n. inv(0) = 0. */
    static const uint64_t e[4] = {0x53bbf40939d54121ULL, 0x7203df6b21c6052bULL, 0xffffffffffffffffULL,
                                  0xfffffffeffffffffULL};
    static const uint64_t one[4] = {1, 0, 0, 0};
    uint64_t tbl[16][4], acc[4];
    sm2_n_mont_mul(tbl[1], a->v, sm2_rr_n.v); /* a R */
    sm2_n_mont_mul(tbl[0], one, sm2_rr_n.v);  /* R */
    for (int i = 2; i < 16; i++)
        sm2_n_mont_mul(tbl[i], tbl[i - 1], tbl[1]);
    memcpy(acc, tbl[0], sizeof acc);
    for (int i = 63; i >= 0; i--) {
        unsigned nib = (unsigned)(e[i / 16] >> (4 * (i % 16))) & 15;
        for (int j = 0; j < 4; j++)
            sm2_n_mont_mul(acc, acc, acc);
        sm2_n_mont_mul(acc, acc, tbl[nib]);
    }
    sm2_n_mont_mul(r->v, acc, one); /* leave the Montgomery domain */
    gmtls_wipe(tbl, sizeof tbl);
    gmtls_wipe(acc, sizeof acc);
}

uint64_t gmtls_sm2_scalar_is_zero(const gmtls_sm2_scalar *a)
{
    uint64_t x = a->v[0] | a->v[1] | a->v[2] | a->v[3];
    return ((x | (0 - x)) >> 63) - 1;
}

uint64_t gmtls_sm2_scalar_eq(const gmtls_sm2_scalar *a, const gmtls_sm2_scalar *b)
{
    uint64_t x = (a->v[0] ^ b->v[0]) | (a->v[1] ^ b->v[1]) | (a->v[2] ^ b->v[2]) | (a->v[3] ^ b->v[3]);
    return ((x | (0 - x)) >> 63) - 1;
}

void gmtls_sm2_scalar_set_u64(gmtls_sm2_scalar *r, uint64_t v)
{
    r->v[0] = v; /* any 64-bit value is < n */
    r->v[1] = 0;
    r->v[2] = 0;
    r->v[3] = 0;
}
