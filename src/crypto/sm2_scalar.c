/* SM2 scalars mod n, the group order (GB/T 32918.5-2017). Plain integers < n at the API;
 * multiplication goes through Montgomery form internally. Everything is constant time. */
#include <string.h>

#include "core/bytes.h"
#include "crypto/sm2_arith.h"
#include "crypto/sm2_mod4.h"
#include "gmtls/util.h"

static const uint64_t sm2_n[4] = {0x53bbf40939d54123ULL, 0x7203df6b21c6052bULL, 0xffffffffffffffffULL,
                                  0xfffffffeffffffffULL};
/* -n^-1 mod 2^64 */
#define SM2_N0 0x327f9e8872350975ULL
/* 2^512 mod n */
static const gmtls_sm2_scalar sm2_rr_n = {
    {0x901192af7c114f20ULL, 0x3464504ade6fa2faULL, 0x620fc84c3affe0d4ULL, 0x1eb5e412a22b3d3bULL}};

/* sm2_n_final_sub, sm2_n_add_impl, sm2_n_sub_impl, sm2_n_is_zero_impl, sm2_n_eq_impl */
#define SM2_MOD4_PREFIX sm2_n_
#define SM2_MOD4_TYPE gmtls_sm2_scalar
#define SM2_MOD4_M sm2_n
#include "crypto/sm2_mod4.h"

/* One Montgomery round on the window (x0..x3): m = x0 * (-n^-1) mod 2^64, x = (x + m n) / 2^64.
 * For x < 2^256 the result is below 2^192 + n < 2^256, so it stays in four limbs. */
#define SM2_N_ROUND(x0, x1, x2, x3)                                                            \
    do {                                                                                       \
        uint64_t m_ = (x0) * SM2_N0;                                                           \
        gmtls_u128 a_ = (gmtls_u128)m_ * sm2_n[0] + (x0);                                      \
        SM2_MAC(a_, m_, sm2_n[1], (x1));                                                       \
        (x0) = (uint64_t)a_;                                                                   \
        SM2_MAC(a_, m_, sm2_n[2], (x2));                                                       \
        (x1) = (uint64_t)a_;                                                                   \
        SM2_MAC(a_, m_, sm2_n[3], (x3));                                                       \
        (x2) = (uint64_t)a_;                                                                   \
        (x3) = (uint64_t)(a_ >> 64);                                                           \
    } while (0)

/* Montgomery product a * b / 2^256 mod n, for a, b < n: the full product, the reduction of its
 * low half ((L + M n) / 2^256 < n + 1), plus the high half; the sum is below 2n. r may alias. */
static void sm2_n_mont_mul(uint64_t r[4], const uint64_t a[4], const uint64_t b[4])
{
    const uint64_t a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
    const uint64_t b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
    uint64_t t0, t1, t2, t3, t4, t5, t6, t7;
    gmtls_u128 acc;
    SM2_MUL_4X4(acc, a0, a1, a2, a3, b0, b1, b2, b3, t0, t1, t2, t3, t4, t5, t6, t7);
    SM2_N_ROUND(t0, t1, t2, t3);
    SM2_N_ROUND(t0, t1, t2, t3);
    SM2_N_ROUND(t0, t1, t2, t3);
    SM2_N_ROUND(t0, t1, t2, t3);
    SM2_MOD4_ADD_HIGH(acc, r, t0, t1, t2, t3, t4, t5, t6, t7, sm2_n_final_sub);
}

uint64_t gmtls_sm2_scalar_from_bytes(gmtls_sm2_scalar *s, const uint8_t b[32])
{
    uint64_t v[4], d[4], borrow = 0, lt;
    for (int i = 0; i < 4; i++)
        v[i] = gmtls_load_be64(b + 8 * (3 - i));
    for (int i = 0; i < 4; i++) {
        gmtls_u128 x = (gmtls_u128)v[i] - sm2_n[i] - borrow;
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
    sm2_n_add_impl(r, a, b);
}

void gmtls_sm2_scalar_sub(gmtls_sm2_scalar *r, const gmtls_sm2_scalar *a, const gmtls_sm2_scalar *b)
{
    sm2_n_sub_impl(r, a, b);
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
    return sm2_n_is_zero_impl(a);
}

uint64_t gmtls_sm2_scalar_eq(const gmtls_sm2_scalar *a, const gmtls_sm2_scalar *b)
{
    return sm2_n_eq_impl(a, b);
}

void gmtls_sm2_scalar_set_u64(gmtls_sm2_scalar *r, uint64_t v)
{
    r->v[0] = v; /* any 64-bit value is < n */
    r->v[1] = 0;
    r->v[2] = 0;
    r->v[3] = 0;
}
