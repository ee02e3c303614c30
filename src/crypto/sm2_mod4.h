/* Four-limb arithmetic modulo a 256-bit odd modulus M, shared by the SM2 field (mod p,
 * sm2_field_impl.h) and the scalars (mod n, sm2_scalar.c), GB/T 32918.5-2017. Only the
 * Montgomery reduction round differs between the two moduli (p = -1 mod 2^64 needs no
 * multiplication; n needs the usual quotient digit), so each keeps its own round and uses the
 * product, the end of the reduction, add, sub and the masks from here.
 *
 * Limbs are little-endian; values are fully reduced (< M). Everything is constant time: carries
 * and the final subtraction use masks, never branches.
 *
 * The first part (macros) is included once. The second part is a template: define
 * SM2_MOD4_PREFIX (a name prefix), SM2_MOD4_TYPE (a struct with uint64_t v[4]) and SM2_MOD4_M
 * (the modulus, a static const uint64_t[4]) and include this file to get static inline
 * <prefix>final_sub, add_impl, sub_impl, is_zero_impl and eq_impl. Written as a template, not as
 * functions taking the modulus, because the field path must compile exactly as before (measured:
 * an extra call level changes GCC's inlining and scheduling in the point code). */
#ifndef GMTLS_CRYPTO_SM2_MOD4_H
#define GMTLS_CRYPTO_SM2_MOD4_H

#include <stdint.h>

typedef unsigned __int128 gmtls_u128;

/* acc = a * b + c + d fits in 128 bits for 64-bit inputs */
#define SM2_MAC(acc, x, y, c) ((acc) = (gmtls_u128)(x) * (y) + (c) + (uint64_t)((acc) >> 64))

/* (t0..t7) = (a0..a3) * (b0..b3), row by row; acc is a gmtls_u128 scratch variable. */
#define SM2_MUL_4X4(acc, a0, a1, a2, a3, b0, b1, b2, b3, t0, t1, t2, t3, t4, t5, t6, t7) \
    do {                                                                                 \
        (acc) = 0;                                                                       \
        SM2_MAC(acc, a0, b0, 0);                                                         \
        t0 = (uint64_t)(acc);                                                            \
        SM2_MAC(acc, a0, b1, 0);                                                         \
        t1 = (uint64_t)(acc);                                                            \
        SM2_MAC(acc, a0, b2, 0);                                                         \
        t2 = (uint64_t)(acc);                                                            \
        SM2_MAC(acc, a0, b3, 0);                                                         \
        t3 = (uint64_t)(acc);                                                            \
        t4 = (uint64_t)((acc) >> 64);                                                    \
        (acc) = 0;                                                                       \
        SM2_MAC(acc, a1, b0, t1);                                                        \
        t1 = (uint64_t)(acc);                                                            \
        SM2_MAC(acc, a1, b1, t2);                                                        \
        t2 = (uint64_t)(acc);                                                            \
        SM2_MAC(acc, a1, b2, t3);                                                        \
        t3 = (uint64_t)(acc);                                                            \
        SM2_MAC(acc, a1, b3, t4);                                                        \
        t4 = (uint64_t)(acc);                                                            \
        t5 = (uint64_t)((acc) >> 64);                                                    \
        (acc) = 0;                                                                       \
        SM2_MAC(acc, a2, b0, t2);                                                        \
        t2 = (uint64_t)(acc);                                                            \
        SM2_MAC(acc, a2, b1, t3);                                                        \
        t3 = (uint64_t)(acc);                                                            \
        SM2_MAC(acc, a2, b2, t4);                                                        \
        t4 = (uint64_t)(acc);                                                            \
        SM2_MAC(acc, a2, b3, t5);                                                        \
        t5 = (uint64_t)(acc);                                                            \
        t6 = (uint64_t)((acc) >> 64);                                                    \
        (acc) = 0;                                                                       \
        SM2_MAC(acc, a3, b0, t3);                                                        \
        t3 = (uint64_t)(acc);                                                            \
        SM2_MAC(acc, a3, b1, t4);                                                        \
        t4 = (uint64_t)(acc);                                                            \
        SM2_MAC(acc, a3, b2, t5);                                                        \
        t5 = (uint64_t)(acc);                                                            \
        SM2_MAC(acc, a3, b3, t6);                                                        \
        t6 = (uint64_t)(acc);                                                            \
        t7 = (uint64_t)((acc) >> 64);                                                    \
    } while (0)

/* The end of a Montgomery reduction: (t0..t3) is the reduced low half, (L + Q M) / 2^256 < M + 1;
 * add the high half (t4..t7), the sum is below 2M, and FINAL_SUB(r, t0..t3, carry) it.
 * s is a gmtls_u128 scratch variable. */
#define SM2_MOD4_ADD_HIGH(s, r, t0, t1, t2, t3, t4, t5, t6, t7, FINAL_SUB) \
    do {                                                                   \
        (s) = (gmtls_u128)(t0) + (t4);                                     \
        (t0) = (uint64_t)(s);                                              \
        (s) = (gmtls_u128)(t1) + (t5) + (uint64_t)((s) >> 64);             \
        (t1) = (uint64_t)(s);                                              \
        (s) = (gmtls_u128)(t2) + (t6) + (uint64_t)((s) >> 64);             \
        (t2) = (uint64_t)(s);                                              \
        (s) = (gmtls_u128)(t3) + (t7) + (uint64_t)((s) >> 64);             \
        (t3) = (uint64_t)(s);                                              \
        FINAL_SUB(r, t0, t1, t2, t3, (uint64_t)((s) >> 64));               \
    } while (0)

#define SM2_MOD4_CAT2(a, b) a##b
#define SM2_MOD4_CAT(a, b) SM2_MOD4_CAT2(a, b)

#endif /* GMTLS_CRYPTO_SM2_MOD4_H */

#ifdef SM2_MOD4_PREFIX
#define SM2_MOD4_FN(name) SM2_MOD4_CAT(SM2_MOD4_PREFIX, name)

/* r = t - M if (hi | t >= M), else t. Requires the value hi*2^256 + t < 2M. */
static inline void SM2_MOD4_FN(final_sub)(uint64_t r[4], uint64_t t0, uint64_t t1, uint64_t t2, uint64_t t3,
                                          uint64_t hi)
{
    gmtls_u128 d;
    uint64_t s0, s1, s2, s3, borrow, keep;
    d = (gmtls_u128)t0 - SM2_MOD4_M[0];
    s0 = (uint64_t)d;
    borrow = (uint64_t)(d >> 64) & 1;
    d = (gmtls_u128)t1 - SM2_MOD4_M[1] - borrow;
    s1 = (uint64_t)d;
    borrow = (uint64_t)(d >> 64) & 1;
    d = (gmtls_u128)t2 - SM2_MOD4_M[2] - borrow;
    s2 = (uint64_t)d;
    borrow = (uint64_t)(d >> 64) & 1;
    d = (gmtls_u128)t3 - SM2_MOD4_M[3] - borrow;
    s3 = (uint64_t)d;
    borrow = (uint64_t)(d >> 64) & 1;
    /* keep t when the subtraction borrowed and no carry bit is set */
    keep = 0 - (borrow & (hi ^ 1));
    r[0] = (t0 & keep) | (s0 & ~keep);
    r[1] = (t1 & keep) | (s1 & ~keep);
    r[2] = (t2 & keep) | (s2 & ~keep);
    r[3] = (t3 & keep) | (s3 & ~keep);
}

/* r = a + b mod M (a, b < M) */
static inline void SM2_MOD4_FN(add_impl)(SM2_MOD4_TYPE *r, const SM2_MOD4_TYPE *a, const SM2_MOD4_TYPE *b)
{
    uint64_t t0, t1, t2, t3;
    gmtls_u128 acc;
    acc = (gmtls_u128)a->v[0] + b->v[0];
    t0 = (uint64_t)acc;
    acc = (gmtls_u128)a->v[1] + b->v[1] + (uint64_t)(acc >> 64);
    t1 = (uint64_t)acc;
    acc = (gmtls_u128)a->v[2] + b->v[2] + (uint64_t)(acc >> 64);
    t2 = (uint64_t)acc;
    acc = (gmtls_u128)a->v[3] + b->v[3] + (uint64_t)(acc >> 64);
    t3 = (uint64_t)acc;
    SM2_MOD4_FN(final_sub)(r->v, t0, t1, t2, t3, (uint64_t)(acc >> 64));
}

/* r = a - b mod M (a, b < M) */
static inline void SM2_MOD4_FN(sub_impl)(SM2_MOD4_TYPE *r, const SM2_MOD4_TYPE *a, const SM2_MOD4_TYPE *b)
{
    uint64_t t0, t1, t2, t3, borrow, mask;
    gmtls_u128 d, acc;
    d = (gmtls_u128)a->v[0] - b->v[0];
    t0 = (uint64_t)d;
    borrow = (uint64_t)(d >> 64) & 1;
    d = (gmtls_u128)a->v[1] - b->v[1] - borrow;
    t1 = (uint64_t)d;
    borrow = (uint64_t)(d >> 64) & 1;
    d = (gmtls_u128)a->v[2] - b->v[2] - borrow;
    t2 = (uint64_t)d;
    borrow = (uint64_t)(d >> 64) & 1;
    d = (gmtls_u128)a->v[3] - b->v[3] - borrow;
    t3 = (uint64_t)d;
    borrow = (uint64_t)(d >> 64) & 1;
    /* add M back when the subtraction went below zero */
    mask = 0 - borrow;
    acc = (gmtls_u128)t0 + (SM2_MOD4_M[0] & mask);
    r->v[0] = (uint64_t)acc;
    acc = (gmtls_u128)t1 + (SM2_MOD4_M[1] & mask) + (uint64_t)(acc >> 64);
    r->v[1] = (uint64_t)acc;
    acc = (gmtls_u128)t2 + (SM2_MOD4_M[2] & mask) + (uint64_t)(acc >> 64);
    r->v[2] = (uint64_t)acc;
    acc = (gmtls_u128)t3 + (SM2_MOD4_M[3] & mask) + (uint64_t)(acc >> 64);
    r->v[3] = (uint64_t)acc;
}

/* all-ones if a == 0, else 0 */
static inline uint64_t SM2_MOD4_FN(is_zero_impl)(const SM2_MOD4_TYPE *a)
{
    uint64_t x = a->v[0] | a->v[1] | a->v[2] | a->v[3];
    return ((x | (0 - x)) >> 63) - 1;
}

/* all-ones if a == b, else 0 */
static inline uint64_t SM2_MOD4_FN(eq_impl)(const SM2_MOD4_TYPE *a, const SM2_MOD4_TYPE *b)
{
    uint64_t x = (a->v[0] ^ b->v[0]) | (a->v[1] ^ b->v[1]) | (a->v[2] ^ b->v[2]) | (a->v[3] ^ b->v[3]);
    return ((x | (0 - x)) >> 63) - 1;
}

#undef SM2_MOD4_FN
#undef SM2_MOD4_PREFIX
#undef SM2_MOD4_TYPE
#undef SM2_MOD4_M
#endif /* SM2_MOD4_PREFIX */
