/* SM2 field arithmetic mod p = 2^256 - 2^224 - 2^96 + 2^64 - 1 (GB/T 32918.5-2017), portable C.
 * Static inline so the curve code in each translation unit (portable, BMI2) can inline it.
 *
 * Representation: Montgomery form with R = 2^256, limbs little-endian, always fully reduced (< p).
 * p = -1 mod 2^64, so the Montgomery factor -p^-1 mod 2^64 is 1: the quotient digit of each
 * reduction round is the low limb itself, and adding m*p needs no multiplication because
 * (m*p + m) / 2^64 = m * (2^192 - 2^160 - 2^32 + 1) is a few shifts and subtractions.
 * Every function is constant time: carries and the final subtraction use masks, never branches. */
#ifndef GMTLS_CRYPTO_SM2_FIELD_IMPL_H
#define GMTLS_CRYPTO_SM2_FIELD_IMPL_H

#include <stdint.h>

#include "core/ct.h"
#include "crypto/sm2_arith.h"
#include "crypto/sm2_mod4.h"

static const uint64_t gmtls_sm2_p[4] = {0xffffffffffffffffULL, 0xffffffff00000000ULL, 0xffffffffffffffffULL,
                                        0xfffffffeffffffffULL};

/* sm2_fe_final_sub, sm2_fe_add_impl, sm2_fe_sub_impl, sm2_fe_is_zero_impl, sm2_fe_eq_impl */
#define SM2_MOD4_PREFIX sm2_fe_
#define SM2_MOD4_TYPE gmtls_sm2_fe
#define SM2_MOD4_M gmtls_sm2_p
#include "crypto/sm2_mod4.h"

/* One Montgomery round on the 4-limb window (x0, x1, x2, x3) with m = x0:
 * (x + m p) / 2^64 = (x1, x2, x3, 0) + w, w = m (2^192 + 1) - m 2^32 (2^128 + 1) >= 0, and the
 * sum stays below 2^256, so no carry leaves the window. */
#define SM2_FE_REDUCE_ROUND(x0, x1, x2, x3)                                                        \
    do {                                                                                           \
        uint64_t m_ = (x0), lo_ = m_ << 32, hi_ = m_ >> 32, d0_, d1_, d2_, d3_, b_;                \
        gmtls_u128 s_;                                                                             \
        d0_ = m_ - lo_;                                                                            \
        b_ = (uint64_t)(m_ < lo_);                                                                 \
        d1_ = 0 - hi_ - b_;                                                                        \
        b_ = (uint64_t)((hi_ | b_) != 0);                                                          \
        d2_ = 0 - lo_ - b_;                                                                        \
        b_ = (uint64_t)((lo_ | b_) != 0);                                                          \
        d3_ = m_ - hi_ - b_;                                                                       \
        s_ = (gmtls_u128)(x1) + d0_;                                                               \
        (x0) = (uint64_t)s_;                                                                       \
        s_ = (gmtls_u128)(x2) + d1_ + (uint64_t)(s_ >> 64);                                        \
        (x1) = (uint64_t)s_;                                                                       \
        s_ = (gmtls_u128)(x3) + d2_ + (uint64_t)(s_ >> 64);                                        \
        (x2) = (uint64_t)s_;                                                                       \
        (x3) = d3_ + (uint64_t)(s_ >> 64);                                                         \
    } while (0)

/* Montgomery reduction of the 512-bit (t0..t7): (L + M p) / 2^256 < p + 1 for the low half L,
 * computed in four rounds, plus the high half H; the total is below 2p. */
static inline void sm2_fe_mont_reduce(uint64_t r[4], uint64_t t0, uint64_t t1, uint64_t t2, uint64_t t3,
                                      uint64_t t4, uint64_t t5, uint64_t t6, uint64_t t7)
{
    gmtls_u128 s;
    SM2_FE_REDUCE_ROUND(t0, t1, t2, t3);
    SM2_FE_REDUCE_ROUND(t0, t1, t2, t3);
    SM2_FE_REDUCE_ROUND(t0, t1, t2, t3);
    SM2_FE_REDUCE_ROUND(t0, t1, t2, t3);
    SM2_MOD4_ADD_HIGH(s, r, t0, t1, t2, t3, t4, t5, t6, t7, sm2_fe_final_sub);
}

static inline void sm2_fe_mul_portable(gmtls_sm2_fe *r, const gmtls_sm2_fe *a, const gmtls_sm2_fe *b)
{
    const uint64_t a0 = a->v[0], a1 = a->v[1], a2 = a->v[2], a3 = a->v[3];
    const uint64_t b0 = b->v[0], b1 = b->v[1], b2 = b->v[2], b3 = b->v[3];
    uint64_t t0, t1, t2, t3, t4, t5, t6, t7;
    gmtls_u128 acc;
    SM2_MUL_4X4(acc, a0, a1, a2, a3, b0, b1, b2, b3, t0, t1, t2, t3, t4, t5, t6, t7);
    sm2_fe_mont_reduce(r->v, t0, t1, t2, t3, t4, t5, t6, t7);
}

static inline void sm2_fe_sqr_portable(gmtls_sm2_fe *r, const gmtls_sm2_fe *a)
{
    const uint64_t a0 = a->v[0], a1 = a->v[1], a2 = a->v[2], a3 = a->v[3];
    uint64_t t0, t1, t2, t3, t4, t5, t6, t7;
    gmtls_u128 acc = 0, sq;
    /* cross products a_i a_j, i < j, at limbs 1..6 */
    SM2_MAC(acc, a0, a1, 0);
    t1 = (uint64_t)acc;
    SM2_MAC(acc, a0, a2, 0);
    t2 = (uint64_t)acc;
    SM2_MAC(acc, a0, a3, 0);
    t3 = (uint64_t)acc;
    t4 = (uint64_t)(acc >> 64);
    acc = 0;
    SM2_MAC(acc, a1, a2, t3);
    t3 = (uint64_t)acc;
    SM2_MAC(acc, a1, a3, t4);
    t4 = (uint64_t)acc;
    t5 = (uint64_t)(acc >> 64);
    acc = 0;
    SM2_MAC(acc, a2, a3, t5);
    t5 = (uint64_t)acc;
    t6 = (uint64_t)(acc >> 64);
    /* double them */
    t7 = t6 >> 63;
    t6 = (t6 << 1) | (t5 >> 63);
    t5 = (t5 << 1) | (t4 >> 63);
    t4 = (t4 << 1) | (t3 >> 63);
    t3 = (t3 << 1) | (t2 >> 63);
    t2 = (t2 << 1) | (t1 >> 63);
    t1 = t1 << 1;
    /* add the squares a_i^2 at limbs 2i, 2i+1 */
    sq = (gmtls_u128)a0 * a0;
    t0 = (uint64_t)sq;
    acc = (gmtls_u128)t1 + (uint64_t)(sq >> 64);
    t1 = (uint64_t)acc;
    sq = (gmtls_u128)a1 * a1;
    acc = (gmtls_u128)t2 + (uint64_t)sq + (uint64_t)(acc >> 64);
    t2 = (uint64_t)acc;
    acc = (gmtls_u128)t3 + (uint64_t)(sq >> 64) + (uint64_t)(acc >> 64);
    t3 = (uint64_t)acc;
    sq = (gmtls_u128)a2 * a2;
    acc = (gmtls_u128)t4 + (uint64_t)sq + (uint64_t)(acc >> 64);
    t4 = (uint64_t)acc;
    acc = (gmtls_u128)t5 + (uint64_t)(sq >> 64) + (uint64_t)(acc >> 64);
    t5 = (uint64_t)acc;
    sq = (gmtls_u128)a3 * a3;
    acc = (gmtls_u128)t6 + (uint64_t)sq + (uint64_t)(acc >> 64);
    t6 = (uint64_t)acc;
    acc = (gmtls_u128)t7 + (uint64_t)(sq >> 64) + (uint64_t)(acc >> 64);
    t7 = (uint64_t)acc;
    sm2_fe_mont_reduce(r->v, t0, t1, t2, t3, t4, t5, t6, t7);
}

static inline void sm2_fe_neg_impl(gmtls_sm2_fe *r, const gmtls_sm2_fe *a)
{
    static const gmtls_sm2_fe zero = {{0, 0, 0, 0}};
    sm2_fe_sub_impl(r, &zero, a);
}

/* r = mask ? a : r. Limb by limb through general registers (the barrier keeps the compiler from
 * merging limbs into 16-byte vector loads: r and a are usually just written as 8-byte limbs by the
 * field routines, and a wider load cannot be forwarded from narrower stores; measured: such
 * stalls cost up to 20% of a point multiplication on Zen 5). */
static inline void sm2_fe_cmov(gmtls_sm2_fe *r, const gmtls_sm2_fe *a, uint64_t mask)
{
    for (int i = 0; i < 4; i++) {
        uint64_t x = gmtls_ct_barrier64(r->v[i]), y = gmtls_ct_barrier64(a->v[i]);
        r->v[i] = x ^ (mask & (x ^ y));
    }
}

/* r = a, limb by limb through general registers (see sm2_fe_cmov) */
static inline void sm2_fe_copy(gmtls_sm2_fe *r, const gmtls_sm2_fe *a)
{
    for (int i = 0; i < 4; i++)
        r->v[i] = gmtls_ct_barrier64(a->v[i]);
}

#endif
