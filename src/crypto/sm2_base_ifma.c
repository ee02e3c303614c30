/* SM2 fixed-base multiplication with AVX-512 IFMA, eight lanes per instruction (see sm2_ifma.h).
 *
 * Field elements: five 52-bit limbs per lane, Montgomery form with R' = 2^260 (x R' mod p), kept
 * "normalized": every limb below 2^52 (IFMA reads only 52 bits of each multiplicand) and the value
 * below 2^257, not necessarily below p. The conversions to and from the 4 x 64-bit form with R = 2^256
 * are at the ends: x R' = 16 (x R), and a Montgomery product with the constant 2^256 maps x R' to x R.
 *
 * Montgomery reduction: p = -1 mod 2^52, so each round's quotient digit m is the low limb itself, and in
 * radix 2^52 the limbs p0, p2 and p3 of p are all ones (2^52 - 1). Their share of m p telescopes to
 * m (2^52 - 1) + m (2^208 - 2^104): -m, +m, -m and +m on limbs i, i+1, i+2, i+4. Only p1 and p4 need
 * multiplications: 4 IFMA per round instead of 10. Limbs are signed 64-bit integers in between (the
 * -m terms), and carries use arithmetic shifts.
 *
 * Everything is constant time: no branch or address depends on a scalar; table entries are chosen
 * with masked loads over every entry. */
#if defined(__x86_64__)
#include <immintrin.h>
#include <pthread.h>
#include <string.h>

#include "core/cpu.h"
#include "crypto/sm2_ifma.h"
#include "crypto/sm2_point_impl.h"
#include "gmtls/util.h"

#define M52 0xfffffffffffffULL

typedef struct {
    __m512i v[5];
} fe8;

/* homogeneous projective (X : Y : Z), x = X / Z, y = Y / Z; infinity is (0 : 1 : 0) */
typedef struct {
    fe8 X, Y, Z;
} pt8;

static inline __m512i bc(uint64_t x)
{
    return _mm512_set1_epi64((long long)x);
}

/* p in radix 2^52: limbs 1 and 4 (the others are 2^52 - 1) */
#define P1 0xff00000000fffULL
#define P4 0xfffffffeffffULL
/* 4p with limbs 0..3 borrowing 2^52 from the next: each limb >= 2^52 and the top >= 2^49, so
 * a + Q4P - b has non-negative limbs for any normalized a, b (subtraction). */
static const uint64_t q4p[5] = {0x1ffffffffffffcULL, 0x1fc00000003ffeULL, 0x1ffffffffffffeULL, 0x1ffffffffffffeULL,
                                0x3fffffffbfffeULL};
/* b R' mod p (the curve coefficient) and 2^256 mod p (multiplying by it maps x R' to x R) */
static const uint64_t b_r[5] = {0x30632bc0dd422ULL, 0xb09b537ab70d2ULL, 0xa51c3c71cf379ULL, 0x2c8527981505eULL,
                                0x40fe188da20eULL};
static const uint64_t c256[5] = {0x1ULL, 0xffffffff000ULL, 0x0ULL, 0x0ULL, 0x10000ULL};
static const uint64_t one_r[5] = {0x10ULL, 0xffffffff0000ULL, 0x0ULL, 0x0ULL, 0x100000ULL};
static const uint64_t p52[5] = {M52, P1, M52, M52, P4};

static inline void fe8_const(fe8 *r, const uint64_t c[5])
{
#pragma GCC unroll 10
    for (int i = 0; i < 5; i++)
        r->v[i] = bc(c[i]);
}

/* Montgomery reduction of the 10-limb product t: r = (t + m p) / 2^260, normalized. For inputs below
 * 2^258 the result is below 2^256 + p < 2^257. */
static inline void fe8_redc(fe8 *r, __m512i t[10])
{
    const __m512i mask = bc(M52), p1 = bc(P1), p4 = bc(P4);
#pragma GCC unroll 10
    for (int i = 0; i < 5; i++) {
        __m512i m = _mm512_and_si512(t[i], mask);
        __m512i c = _mm512_srai_epi64(t[i], 52); /* (t_i - m) / 2^52: limb i becomes zero */
        t[i + 1] = _mm512_add_epi64(t[i + 1], _mm512_add_epi64(c, m));
        t[i + 1] = _mm512_madd52lo_epu64(t[i + 1], m, p1);
        t[i + 2] = _mm512_madd52hi_epu64(_mm512_sub_epi64(t[i + 2], m), m, p1);
        t[i + 4] = _mm512_madd52lo_epu64(_mm512_add_epi64(t[i + 4], m), m, p4);
        t[i + 5] = _mm512_madd52hi_epu64(t[i + 5], m, p4);
    }
#pragma GCC unroll 10
    for (int i = 5; i < 9; i++) {
        t[i + 1] = _mm512_add_epi64(t[i + 1], _mm512_srai_epi64(t[i], 52));
        r->v[i - 5] = _mm512_and_si512(t[i], mask);
    }
    r->v[4] = t[9];
}

/* The product in two halves (rows of even and odd i) summed at the end: each accumulator then sees
 * at most 5 dependent IFMA (latency 4) instead of 9. */
static inline void fe8_mul(fe8 *r, const fe8 *a, const fe8 *b)
{
    __m512i t[10], u[10];
#pragma GCC unroll 10
    for (int i = 0; i < 10; i++) {
        t[i] = _mm512_setzero_si512();
        u[i] = _mm512_setzero_si512();
    }
#pragma GCC unroll 10
    for (int j = 0; j < 5; j++) {
#pragma GCC unroll 10
        for (int i = 0; i < 5; i += 2) {
            t[i + j] = _mm512_madd52lo_epu64(t[i + j], a->v[i], b->v[j]);
            t[i + j + 1] = _mm512_madd52hi_epu64(t[i + j + 1], a->v[i], b->v[j]);
        }
#pragma GCC unroll 10
        for (int i = 1; i < 5; i += 2) {
            u[i + j] = _mm512_madd52lo_epu64(u[i + j], a->v[i], b->v[j]);
            u[i + j + 1] = _mm512_madd52hi_epu64(u[i + j + 1], a->v[i], b->v[j]);
        }
    }
#pragma GCC unroll 10
    for (int i = 1; i < 10; i++)
        t[i] = _mm512_add_epi64(t[i], u[i]);
    fe8_redc(r, t);
}

/* the ten cross products once, doubled, then the five squares */
static inline void fe8_sqr(fe8 *r, const fe8 *a)
{
    __m512i t[10];
#pragma GCC unroll 10
    for (int i = 0; i < 10; i++)
        t[i] = _mm512_setzero_si512();
#pragma GCC unroll 10
    for (int i = 0; i < 5; i++) {
#pragma GCC unroll 10
        for (int j = i + 1; j < 5; j++) {
            t[i + j] = _mm512_madd52lo_epu64(t[i + j], a->v[i], a->v[j]);
            t[i + j + 1] = _mm512_madd52hi_epu64(t[i + j + 1], a->v[i], a->v[j]);
        }
    }
#pragma GCC unroll 10
    for (int i = 1; i < 10; i++)
        t[i] = _mm512_add_epi64(t[i], t[i]);
#pragma GCC unroll 10
    for (int i = 0; i < 5; i++) {
        t[2 * i] = _mm512_madd52lo_epu64(t[2 * i], a->v[i], a->v[i]);
        t[2 * i + 1] = _mm512_madd52hi_epu64(t[2 * i + 1], a->v[i], a->v[i]);
    }
    fe8_redc(r, t);
}

/* Normalize non-negative limbs (each below 2^60, value below 2^261): fold the bits from 2^256 up with
 * 2^256 = 2^224 + 2^96 - 2^64 + 1 (mod p), then carry. The result is below 2^256 + 2^238. */
static inline void fe8_weak_reduce(fe8 *r, __m512i s0, __m512i s1, __m512i s2, __m512i s3, __m512i s4)
{
    const __m512i mask = bc(M52);
    __m512i c = _mm512_srli_epi64(s4, 48);
    s4 = _mm512_add_epi64(_mm512_and_si512(s4, bc((1ULL << 48) - 1)), _mm512_slli_epi64(c, 16));
    s0 = _mm512_add_epi64(s0, c);
    s1 = _mm512_add_epi64(s1, _mm512_sub_epi64(_mm512_slli_epi64(c, 44), _mm512_slli_epi64(c, 12)));
    s1 = _mm512_add_epi64(s1, _mm512_srli_epi64(s0, 52));
    s2 = _mm512_add_epi64(s2, _mm512_srli_epi64(s1, 52));
    s3 = _mm512_add_epi64(s3, _mm512_srli_epi64(s2, 52));
    s4 = _mm512_add_epi64(s4, _mm512_srli_epi64(s3, 52));
    r->v[0] = _mm512_and_si512(s0, mask);
    r->v[1] = _mm512_and_si512(s1, mask);
    r->v[2] = _mm512_and_si512(s2, mask);
    r->v[3] = _mm512_and_si512(s3, mask);
    r->v[4] = s4;
}

static inline void fe8_add(fe8 *r, const fe8 *a, const fe8 *b)
{
    fe8_weak_reduce(r, _mm512_add_epi64(a->v[0], b->v[0]), _mm512_add_epi64(a->v[1], b->v[1]),
                    _mm512_add_epi64(a->v[2], b->v[2]), _mm512_add_epi64(a->v[3], b->v[3]),
                    _mm512_add_epi64(a->v[4], b->v[4]));
}

static inline void fe8_sub(fe8 *r, const fe8 *a, const fe8 *b)
{
    __m512i s[5];
#pragma GCC unroll 10
    for (int i = 0; i < 5; i++)
        s[i] = _mm512_sub_epi64(_mm512_add_epi64(a->v[i], bc(q4p[i])), b->v[i]);
    fe8_weak_reduce(r, s[0], s[1], s[2], s[3], s[4]);
}

/* 3a, with a single reduction */
static inline void fe8_triple(fe8 *r, const fe8 *a)
{
    __m512i s[5];
#pragma GCC unroll 10
    for (int i = 0; i < 5; i++)
        s[i] = _mm512_add_epi64(_mm512_add_epi64(a->v[i], a->v[i]), a->v[i]);
    fe8_weak_reduce(r, s[0], s[1], s[2], s[3], s[4]);
}

static inline void fe8_select(fe8 *r, __mmask8 take, const fe8 *a)
{
#pragma GCC unroll 10
    for (int i = 0; i < 5; i++)
        r->v[i] = _mm512_mask_mov_epi64(r->v[i], take, a->v[i]);
}

/* Fully reduced value (< p) of a normalized element below 2p. */
static inline void fe8_canon(fe8 *r, const fe8 *a)
{
    __m512i d[5], borrow = _mm512_setzero_si512();
#pragma GCC unroll 10
    for (int i = 0; i < 5; i++) {
        d[i] = _mm512_add_epi64(_mm512_sub_epi64(a->v[i], bc(p52[i])), borrow);
        borrow = _mm512_srai_epi64(d[i], 52);
        if (i < 4)
            d[i] = _mm512_and_si512(d[i], bc(M52));
    }
    __mmask8 ge = _mm512_cmpge_epi64_mask(d[4], _mm512_setzero_si512()); /* a - p >= 0 */
#pragma GCC unroll 10
    for (int i = 0; i < 5; i++)
        r->v[i] = _mm512_mask_mov_epi64(a->v[i], ge, d[i]);
}

/* ---- Complete formulas (Renes-Costello-Batina 2016, a = -3) ---- */

/* The part algorithms 4 and 5 share, from "Z3 = b t2" on: t0 = X1 X2, t1 = Y1 Y2, zz = Z1 Z2 (Z1 when
 * Z2 = 1), t3 = X1 Y2 + X2 Y1, t4 = Y1 Z2 + Y2 Z1, y3 = X1 Z2 + X2 Z1. */
static void rcb_finish(pt8 *r, fe8 *t0, fe8 *t1, const fe8 *zz, const fe8 *t3, const fe8 *t4, fe8 *y3,
                       const fe8 *bb)
{
    fe8 t2, x3, z3;
    fe8_mul(&z3, bb, zz);
    fe8_sub(&x3, y3, &z3);
    fe8_triple(&x3, &x3);
    fe8_sub(&z3, t1, &x3);
    fe8_add(&x3, t1, &x3);
    fe8_mul(y3, bb, y3);
    fe8_triple(&t2, zz);
    fe8_sub(y3, y3, &t2);
    fe8_sub(y3, y3, t0);
    fe8_triple(y3, y3);
    fe8_triple(t0, t0);
    fe8_sub(t0, t0, &t2);
    fe8_mul(t1, t4, y3);
    fe8_mul(&t2, t0, y3);
    fe8_mul(y3, &x3, &z3);
    fe8_add(&r->Y, y3, &t2);
    fe8_mul(&x3, t3, &x3);
    fe8_sub(&r->X, &x3, t1);
    fe8_mul(&z3, t4, &z3);
    fe8_mul(t1, t3, t0);
    fe8_add(&r->Z, &z3, t1);
}

/* r = a + b, a projective (any point, infinity included), b affine (not infinity): algorithm 5.
 * r may alias a (a is read only before rcb_finish writes r). */
static void pt8_madd(pt8 *r, const pt8 *a, const fe8 *bx, const fe8 *by, const fe8 *bb)
{
    fe8 t0, t1, t3, t4, y3;
    fe8_mul(&t0, &a->X, bx);
    fe8_mul(&t1, &a->Y, by);
    fe8_add(&t3, bx, by);
    fe8_add(&t4, &a->X, &a->Y);
    fe8_mul(&t3, &t3, &t4);
    fe8_add(&t4, &t0, &t1);
    fe8_sub(&t3, &t3, &t4);
    fe8_mul(&t4, by, &a->Z);
    fe8_add(&t4, &t4, &a->Y);
    fe8_mul(&y3, bx, &a->Z);
    fe8_add(&y3, &y3, &a->X);
    fe8 z1 = a->Z;
    rcb_finish(r, &t0, &t1, &z1, &t3, &t4, &y3, bb);
}

/* r = a + b for any projective a, b (infinity and a = b included): algorithm 4. r may alias a or b. */
static void pt8_add(pt8 *r, const pt8 *a, const pt8 *b, const fe8 *bb)
{
    fe8 t0, t1, t2, t3, t4, x3, y3;
    fe8_mul(&t0, &a->X, &b->X);
    fe8_mul(&t1, &a->Y, &b->Y);
    fe8_mul(&t2, &a->Z, &b->Z);
    fe8_add(&t3, &a->X, &a->Y);
    fe8_add(&t4, &b->X, &b->Y);
    fe8_mul(&t3, &t3, &t4);
    fe8_add(&t4, &t0, &t1);
    fe8_sub(&t3, &t3, &t4);
    fe8_add(&t4, &a->Y, &a->Z);
    fe8_add(&x3, &b->Y, &b->Z);
    fe8_mul(&t4, &t4, &x3);
    fe8_add(&x3, &t1, &t2);
    fe8_sub(&t4, &t4, &x3);
    fe8_add(&x3, &a->X, &a->Z);
    fe8_add(&y3, &b->X, &b->Z);
    fe8_mul(&x3, &x3, &y3);
    fe8_add(&y3, &t0, &t2);
    fe8_sub(&y3, &x3, &y3);
    rcb_finish(r, &t0, &t1, &t2, &t3, &t4, &y3, bb);
}

static void pt8_infinity(pt8 *r)
{
    for (int i = 0; i < 5; i++) {
        r->X.v[i] = _mm512_setzero_si512();
        r->Z.v[i] = _mm512_setzero_si512();
        r->Y.v[i] = bc(one_r[i]);
    }
}

/* ---- The table ----
 * Entries j G_i (j = 1..32) for the 43 windows of 6 bits, G_i = 2^(6i) G: 6-bit windows make 32
 * entries per window, a third of the bytes of the 7-bit table of the scalar code, and selection (which
 * reads every entry) is bound by those bytes. Built at first use (about 0.9 ms)
 * with the scalar curve code and stored as x R', y R' in four 64-bit words each.
 * tbl[r][j][c][l] is word c (0..3: x, 4..7: y) of entry j + 1 of window 8 r + l: one 64-byte load
 * gives that word for eight consecutive windows (one scalar, lane-parallel), and a broadcast of one
 * 64-bit word gives it to every lane (eight scalars at the same window). Windows 43..47 stay zero
 * and are never selected. */
#define IFMA_WBITS 6
#define IFMA_WINDOWS 43 /* 43 * 6 = 258 >= 257 bits of a Booth-recoded scalar below n */
#define IFMA_ENTRIES 32
#define IFMA_ROUNDS 6 /* ceil(43 / 8) */
#define IFMA_SLOTS (8 * IFMA_ROUNDS)
static uint64_t ifma_tbl[IFMA_ROUNDS][IFMA_ENTRIES][8][8] __attribute__((aligned(64)));
static pthread_once_t ifma_tbl_once = PTHREAD_ONCE_INIT;

/* x R -> x R' = 16 x R (mod p), as 64-bit words */
static void to_rprime(uint64_t out[4], const gmtls_sm2_fe *a)
{
    gmtls_sm2_fe t = *a;
    for (int i = 0; i < 4; i++)
        gmtls_sm2_fe_add(&t, &t, &t);
    memcpy(out, t.v, 32);
}

static void ifma_tbl_build(void)
{
    gmtls_sm2_point b, pts[IFMA_ENTRIES];
    gmtls_sm2_fe prod[IFMA_ENTRIES], inv, zi, zi2, t;
    gmtls_sm2_point_generator(&b);
    for (int w = 0; w < IFMA_WINDOWS; w++) {
        /* pts[j] = (j + 1) b, then all of them affine with one inversion (Montgomery's trick);
         * no multiple below n is infinity, so every Z is invertible */
        pts[0] = b;
        gmtls_sm2_point_double(&pts[1], &b);
        for (int j = 2; j < IFMA_ENTRIES; j++)
            gmtls_sm2_point_add(&pts[j], &pts[j - 1], &b);
        prod[0] = pts[0].Z;
        for (int j = 1; j < IFMA_ENTRIES; j++)
            gmtls_sm2_fe_mul(&prod[j], &prod[j - 1], &pts[j].Z);
        gmtls_sm2_fe_inv(&inv, &prod[IFMA_ENTRIES - 1]);
        for (int j = IFMA_ENTRIES - 1; j >= 0; j--) {
            uint64_t x[4], y[4];
            if (j > 0) {
                gmtls_sm2_fe_mul(&zi, &inv, &prod[j - 1]);
                gmtls_sm2_fe_mul(&inv, &inv, &pts[j].Z);
            } else {
                zi = inv;
            }
            gmtls_sm2_fe_sqr(&zi2, &zi);
            gmtls_sm2_fe_mul(&t, &pts[j].X, &zi2);
            to_rprime(x, &t);
            gmtls_sm2_fe_mul(&zi2, &zi2, &zi);
            gmtls_sm2_fe_mul(&t, &pts[j].Y, &zi2);
            to_rprime(y, &t);
            for (int c = 0; c < 4; c++) {
                ifma_tbl[w / 8][j][c][w % 8] = x[c];
                ifma_tbl[w / 8][j][4 + c][w % 8] = y[c];
            }
        }
        for (int d = 0; d < IFMA_WBITS; d++)
            gmtls_sm2_point_double(&b, &b);
    }
}

int gmtls_sm2_ifma_usable(void)
{
    return gmtls_cpu_has(GMTLS_CPU_AVX512F | GMTLS_CPU_AVX512VL | GMTLS_CPU_AVX512IFMA);
}

/* ---- Booth digits (6-bit windows) ---- */

/* abs[i], neg[i] (all-ones when negative) of window i of k, for i < IFMA_SLOTS (zero past 43). */
static void booth_digits(uint64_t abs[IFMA_SLOTS], uint64_t neg[IFMA_SLOTS], const gmtls_sm2_scalar *k)
{
    uint64_t k2[5];
    k2[0] = k->v[0] << 1;
    for (int i = 1; i < 4; i++)
        k2[i] = (k->v[i] << 1) | (k->v[i - 1] >> 63);
    k2[4] = k->v[3] >> 63;
    for (unsigned i = 0; i < IFMA_SLOTS; i++) {
        uint32_t in = 0;
        if (i < IFMA_WINDOWS) {
            unsigned pos = IFMA_WBITS * i, limb = pos / 64, sh = pos % 64;
            uint64_t v = k2[limb] >> sh;
            if (sh + IFMA_WBITS + 1 > 64 && limb + 1 < 5)
                v |= k2[limb + 1] << (64 - sh);
            in = (uint32_t)(v & ((1u << (IFMA_WBITS + 1)) - 1));
        }
        /* digit = in[1..6] + in[0] - in[6] 2^6, in [-32, 32] */
        uint32_t s = in >> IFMA_WBITS, t = (in >> 1) + (in & 1), m = 0u - s, d = t - (s << IFMA_WBITS);
        abs[i] = (d ^ m) - m;
        neg[i] = 0 - (uint64_t)s;
    }
    gmtls_wipe(k2, sizeof k2);
}

/* Four 64-bit words per lane (a value below 2^256) to five 52-bit limbs. */
static inline void fe8_from_words(fe8 *r, const __m512i w[4])
{
    const __m512i mask = bc(M52);
    r->v[0] = _mm512_and_si512(w[0], mask);
    r->v[1] = _mm512_and_si512(_mm512_or_si512(_mm512_srli_epi64(w[0], 52), _mm512_slli_epi64(w[1], 12)), mask);
    r->v[2] = _mm512_and_si512(_mm512_or_si512(_mm512_srli_epi64(w[1], 40), _mm512_slli_epi64(w[2], 24)), mask);
    r->v[3] = _mm512_and_si512(_mm512_or_si512(_mm512_srli_epi64(w[2], 28), _mm512_slli_epi64(w[3], 36)), mask);
    r->v[4] = _mm512_srli_epi64(w[3], 16);
}

/* Table entries for a vector of indexes idx (1..32 per lane, 0 = none: lanes get zeros), where lane
 * l reads window 8 r + l: every entry is loaded, lanes take it where idx matches (constant time). */
static void select_lanes(fe8 *x, fe8 *y, int r, __m512i idx)
{
    __m512i w[8];
    for (int c = 0; c < 8; c++)
        w[c] = _mm512_setzero_si512();
    for (int j = 0; j < IFMA_ENTRIES; j++) {
        __mmask8 m = _mm512_cmpeq_epi64_mask(idx, bc((uint64_t)j + 1));
        const uint64_t *e = ifma_tbl[r][j][0];
#pragma GCC unroll 8
        for (int c = 0; c < 8; c++)
            w[c] = _mm512_mask_load_epi64(w[c], m, e + 8 * c);
    }
    fe8_from_words(x, w);
    fe8_from_words(y, w + 4);
}

/* The same for eight scalars at one window wi: lane l takes entry idx_l of window wi (broadcasts). */
static void select_window(fe8 *x, fe8 *y, int wi, __m512i idx)
{
    __m512i w[8];
    for (int c = 0; c < 8; c++)
        w[c] = _mm512_setzero_si512();
    for (int j = 0; j < IFMA_ENTRIES; j++) {
        __mmask8 m = _mm512_cmpeq_epi64_mask(idx, bc((uint64_t)j + 1));
        const uint64_t *e = &ifma_tbl[wi / 8][j][0][wi % 8];
#pragma GCC unroll 8
        for (int c = 0; c < 8; c++)
            w[c] = _mm512_mask_set1_epi64(w[c], m, (long long)e[8 * c]);
    }
    fe8_from_words(x, w);
    fe8_from_words(y, w + 4);
}

/* acc += (x, -y if neg else y) in the lanes where idx != 0 */
static void accumulate(pt8 *acc, fe8 *x, fe8 *y, __m512i idx, __m512i neg, const fe8 *bb)
{
    fe8 ny, zero;
    pt8 s;
    for (int c = 0; c < 5; c++)
        zero.v[c] = _mm512_setzero_si512();
    fe8_sub(&ny, &zero, y);
    fe8_select(y, _mm512_test_epi64_mask(neg, neg), &ny);
    pt8_madd(&s, acc, x, y, bb);
    __mmask8 nz = _mm512_test_epi64_mask(idx, idx);
    fe8_select(&acc->X, nz, &s.X);
    fe8_select(&acc->Y, nz, &s.Y);
    fe8_select(&acc->Z, nz, &s.Z);
}

/* Lanes 0..lanes-1 of the normalized a (R', below 2p) as 64-bit words with R: a 2^256 / R' = a / 16 is a
 * Montgomery product with 2^256 mod p, then fully reduced. */
static void fe8_extract(gmtls_sm2_fe *out, size_t stride, const fe8 *a, int lanes)
{
    fe8 c, t;
    uint64_t l[5][8] __attribute__((aligned(64)));
    fe8_const(&c, c256);
    fe8_mul(&t, a, &c);
    fe8_canon(&t, &t);
    for (int i = 0; i < 5; i++)
        _mm512_store_si512((void *)l[i], t.v[i]);
    for (int n = 0; n < lanes; n++) {
        gmtls_sm2_fe *f = (gmtls_sm2_fe *)(void *)((unsigned char *)out + (size_t)n * stride);
        f->v[0] = l[0][n] | (l[1][n] << 52);
        f->v[1] = (l[1][n] >> 12) | (l[2][n] << 40);
        f->v[2] = (l[2][n] >> 24) | (l[3][n] << 28);
        f->v[3] = (l[3][n] >> 36) | (l[4][n] << 16);
    }
    gmtls_wipe(l, sizeof l);
    gmtls_wipe(&t, sizeof t);
}

/* Lanes of the projective a as Jacobian points: (X : Y : Z) -> (X Z, Y Z^2, Z). */
static void to_jacobian(gmtls_sm2_point *out, const pt8 *a, int lanes)
{
    fe8 z2, X, Y;
    fe8_sqr(&z2, &a->Z);
    fe8_mul(&X, &a->X, &a->Z);
    fe8_mul(&Y, &a->Y, &z2);
    fe8_extract(&out[0].X, sizeof *out, &X, lanes);
    fe8_extract(&out[0].Y, sizeof *out, &Y, lanes);
    fe8_extract(&out[0].Z, sizeof *out, &a->Z, lanes);
    gmtls_wipe(&z2, sizeof z2);
    gmtls_wipe(&X, sizeof X);
    gmtls_wipe(&Y, sizeof Y);
}

/* Sum of the eight lanes into every lane: pairs 4 apart, then 2, then 1 (complete additions). */
static void sum_lanes(pt8 *a, const fe8 *bb)
{
    for (int level = 0; level < 3; level++) {
        pt8 s;
        fe8 *src[3] = {&a->X, &a->Y, &a->Z}, *dst[3] = {&s.X, &s.Y, &s.Z};
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < 5; i++) {
                __m512i v = src[k]->v[i];
                if (level == 0)
                    v = _mm512_shuffle_i64x2(v, v, 0x4e); /* swap 256-bit halves */
                else if (level == 1)
                    v = _mm512_permutex_epi64(v, 0x4e); /* swap 128-bit pairs in each half */
                else
                    v = _mm512_shuffle_epi32(v, (_MM_PERM_ENUM)0x4e); /* swap neighbours */
                dst[k]->v[i] = v;
            }
        }
        pt8_add(a, a, &s, bb);
    }
}

/* k G for one scalar as a projective point in every lane of *acc. */
static void mul_base_lanes(pt8 *acc, const gmtls_sm2_scalar *k)
{
    uint64_t abs[IFMA_SLOTS], neg[IFMA_SLOTS];
    fe8 x, y, bb;
    pthread_once(&ifma_tbl_once, ifma_tbl_build);
    fe8_const(&bb, b_r);
    booth_digits(abs, neg, k);
    pt8_infinity(acc);
    for (int rd = 0; rd < IFMA_ROUNDS; rd++) {
        __m512i idx = _mm512_loadu_si512((const void *)(abs + 8 * rd));
        __m512i ng = _mm512_loadu_si512((const void *)(neg + 8 * rd));
        select_lanes(&x, &y, rd, idx);
        accumulate(acc, &x, &y, idx, ng, &bb);
    }
    sum_lanes(acc, &bb);
    gmtls_wipe(abs, sizeof abs);
    gmtls_wipe(neg, sizeof neg);
    gmtls_wipe(&x, sizeof x);
    gmtls_wipe(&y, sizeof y);
}

void gmtls_sm2_mul_base_ifma(gmtls_sm2_point *r, const gmtls_sm2_scalar *k)
{
    pt8 acc;
    mul_base_lanes(&acc, k);
    to_jacobian(r, &acc, 1);
    gmtls_wipe(&acc, sizeof acc);
}

void gmtls_sm2_mul_base_xz_ifma(gmtls_sm2_fe *x, gmtls_sm2_fe *z, const gmtls_sm2_scalar *k)
{
    pt8 acc;
    mul_base_lanes(&acc, k);
    fe8_extract(x, sizeof *x, &acc.X, 1);
    fe8_extract(z, sizeof *z, &acc.Z, 1);
    gmtls_wipe(&acc, sizeof acc);
}

void gmtls_sm2_mul_base8_ifma(gmtls_sm2_point r[8], const gmtls_sm2_scalar k[8])
{
    uint64_t abs[8][IFMA_SLOTS], neg[8][IFMA_SLOTS], ia[8] __attribute__((aligned(64))), in[8] __attribute__((aligned(64)));
    pt8 acc;
    fe8 x, y, bb;
    pthread_once(&ifma_tbl_once, ifma_tbl_build);
    fe8_const(&bb, b_r);
    for (int l = 0; l < 8; l++)
        booth_digits(abs[l], neg[l], &k[l]);
    pt8_infinity(&acc);
    for (int w = 0; w < IFMA_WINDOWS; w++) {
        for (int l = 0; l < 8; l++) {
            ia[l] = abs[l][w];
            in[l] = neg[l][w];
        }
        __m512i idx = _mm512_load_si512((const void *)ia), ng = _mm512_load_si512((const void *)in);
        select_window(&x, &y, w, idx);
        accumulate(&acc, &x, &y, idx, ng, &bb);
    }
    to_jacobian(r, &acc, 8);
    gmtls_wipe(abs, sizeof abs);
    gmtls_wipe(neg, sizeof neg);
    gmtls_wipe(ia, sizeof ia);
    gmtls_wipe(in, sizeof in);
    gmtls_wipe(&acc, sizeof acc);
    gmtls_wipe(&x, sizeof x);
    gmtls_wipe(&y, sizeof y);
}
#else
typedef int gmtls_sm2_base_ifma_unused; /* ISO C forbids an empty translation unit */
#endif
