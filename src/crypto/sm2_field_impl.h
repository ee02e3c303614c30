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

#include "crypto/sm2_arith.h"

typedef unsigned __int128 gmtls_u128;

static const uint64_t gmtls_sm2_p[4] = {0xffffffffffffffffULL, 0xffffffff00000000ULL, 0xffffffffffffffffULL,
                                        0xfffffffeffffffffULL};

/* r = t - p if (hi | t >= p), else t. Requires the value hi*2^256 + t < 2p. */
static inline void sm2_fe_final_sub(uint64_t r[4], const uint64_t t[4], uint64_t hi)
{
    gmtls_u128 d;
    uint64_t s[4], borrow = 0, keep;
    for (int i = 0; i < 4; i++) {
        d = (gmtls_u128)t[i] - gmtls_sm2_p[i] - borrow;
        s[i] = (uint64_t)d;
        borrow = (uint64_t)(d >> 64) & 1;
    }
    /* keep t when the subtraction borrowed and no carry bit is set */
    keep = 0 - (borrow & (hi ^ 1));
    for (int i = 0; i < 4; i++)
        r[i] = (t[i] & keep) | (s[i] & ~keep);
}

/* Montgomery reduction of the 512-bit t: r = t / 2^256 mod p, for t < p * 2^256. */
static inline void sm2_fe_mont_reduce(uint64_t r[4], uint64_t t[8])
{
    uint64_t carry = 0;
    for (int i = 0; i < 4; i++) {
        uint64_t m = t[i], lo = m << 32, hi = m >> 32, d0, d1, d2, d3, b;
        gmtls_u128 acc;
        /* w = m + m*2^192 - m*2^32 - m*2^160, limbs (m, 0, 0, m) - (lo, hi, lo, hi); w >= 0 */
        d0 = m - lo;
        b = (uint64_t)(m < lo);
        d1 = 0 - hi - b;
        b = (uint64_t)((hi | b) != 0);
        d2 = 0 - lo - b;
        b = (uint64_t)((lo | b) != 0);
        d3 = m - hi - b;
        /* t[i] + m*p = m * 2^64 exactly (p0 = 2^64 - 1), so t[i] becomes 0 and w lands at i+1 */
        acc = (gmtls_u128)t[i + 1] + d0;
        t[i + 1] = (uint64_t)acc;
        acc = (acc >> 64) + t[i + 2] + d1;
        t[i + 2] = (uint64_t)acc;
        acc = (acc >> 64) + t[i + 3] + d2;
        t[i + 3] = (uint64_t)acc;
        acc = (acc >> 64) + t[i + 4] + d3 + carry;
        t[i + 4] = (uint64_t)acc;
        carry = (uint64_t)(acc >> 64);
    }
    sm2_fe_final_sub(r, t + 4, carry);
}

static inline void sm2_fe_mul_portable(gmtls_sm2_fe *r, const gmtls_sm2_fe *a, const gmtls_sm2_fe *b)
{
    uint64_t t[8] = {0};
    for (int i = 0; i < 4; i++) {
        gmtls_u128 acc = 0;
        for (int j = 0; j < 4; j++) {
            acc = (gmtls_u128)a->v[i] * b->v[j] + t[i + j] + (acc >> 64);
            t[i + j] = (uint64_t)acc;
        }
        t[i + 4] = (uint64_t)(acc >> 64);
    }
    sm2_fe_mont_reduce(r->v, t);
}

static inline void sm2_fe_sqr_portable(gmtls_sm2_fe *r, const gmtls_sm2_fe *a)
{
    uint64_t t[8] = {0}, c;
    gmtls_u128 acc;
    /* off-diagonal products once */
    for (int i = 0; i < 3; i++) {
        acc = 0;
        for (int j = i + 1; j < 4; j++) {
            acc = (gmtls_u128)a->v[i] * a->v[j] + t[i + j] + (acc >> 64);
            t[i + j] = (uint64_t)acc;
        }
        t[i + 4] = (uint64_t)(acc >> 64);
    }
    /* double them */
    t[7] = t[6] >> 63;
    for (int i = 6; i > 0; i--)
        t[i] = (t[i] << 1) | (t[i - 1] >> 63);
    /* add the squares */
    c = 0;
    for (int i = 0; i < 4; i++) {
        gmtls_u128 sq = (gmtls_u128)a->v[i] * a->v[i];
        acc = (gmtls_u128)t[2 * i] + (uint64_t)sq + c;
        t[2 * i] = (uint64_t)acc;
        acc = (acc >> 64) + t[2 * i + 1] + (uint64_t)(sq >> 64);
        t[2 * i + 1] = (uint64_t)acc;
        c = (uint64_t)(acc >> 64);
    }
    sm2_fe_mont_reduce(r->v, t);
}

static inline void sm2_fe_add_impl(gmtls_sm2_fe *r, const gmtls_sm2_fe *a, const gmtls_sm2_fe *b)
{
    uint64_t t[4];
    gmtls_u128 acc = 0;
    for (int i = 0; i < 4; i++) {
        acc = (gmtls_u128)a->v[i] + b->v[i] + (acc >> 64);
        t[i] = (uint64_t)acc;
    }
    sm2_fe_final_sub(r->v, t, (uint64_t)(acc >> 64));
}

static inline void sm2_fe_sub_impl(gmtls_sm2_fe *r, const gmtls_sm2_fe *a, const gmtls_sm2_fe *b)
{
    uint64_t t[4], borrow = 0, mask;
    gmtls_u128 d, acc = 0;
    for (int i = 0; i < 4; i++) {
        d = (gmtls_u128)a->v[i] - b->v[i] - borrow;
        t[i] = (uint64_t)d;
        borrow = (uint64_t)(d >> 64) & 1;
    }
    /* add p back when the subtraction went below zero */
    mask = 0 - borrow;
    for (int i = 0; i < 4; i++) {
        acc = (gmtls_u128)t[i] + (gmtls_sm2_p[i] & mask) + (acc >> 64);
        r->v[i] = (uint64_t)acc;
    }
}

static inline void sm2_fe_neg_impl(gmtls_sm2_fe *r, const gmtls_sm2_fe *a)
{
    static const gmtls_sm2_fe zero = {{0, 0, 0, 0}};
    sm2_fe_sub_impl(r, &zero, a);
}

static inline uint64_t sm2_fe_is_zero_impl(const gmtls_sm2_fe *a)
{
    uint64_t x = a->v[0] | a->v[1] | a->v[2] | a->v[3];
    return ((x | (0 - x)) >> 63) - 1;
}

static inline uint64_t sm2_fe_eq_impl(const gmtls_sm2_fe *a, const gmtls_sm2_fe *b)
{
    uint64_t x = (a->v[0] ^ b->v[0]) | (a->v[1] ^ b->v[1]) | (a->v[2] ^ b->v[2]) | (a->v[3] ^ b->v[3]);
    return ((x | (0 - x)) >> 63) - 1;
}

/* r = mask ? a : r */
static inline void sm2_fe_cmov(gmtls_sm2_fe *r, const gmtls_sm2_fe *a, uint64_t mask)
{
    for (int i = 0; i < 4; i++)
        r->v[i] ^= mask & (r->v[i] ^ a->v[i]);
}

#endif
