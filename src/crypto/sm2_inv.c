/* Constant-time inversion mod p and mod n for SM2 by Bernstein-Yang divsteps.
 *
 * Reference: D. J. Bernstein, B.-Y. Yang, "Fast constant-time gcd computation and modular inversion",
 * IACR TCHES 2019(3) (https://gcd.cr.yp.to/safegcd-20190413.pdf), sections 8-11.
 *
 * The algorithm. Start from f = M (the odd modulus), g = x (0 <= x < M), d = 0, e = e0 and keep
 *     f = d * x / e0  and  g = e * x / e0  (mod M).
 * A divstep with the state delta is
 *     if delta > 0 and g odd:  (delta, f, g) <- (1 - delta, g, (g - f) / 2)
 *     else:                    (delta, f, g) <- (1 + delta, f, (g + (g mod 2) f) / 2)
 * It keeps gcd(f, g), keeps f odd, and eventually reaches g = 0 with f = +-gcd(M, x) = +-1, so
 * sign(f) d = e0 x^-1 (mod M). We start at delta = 1/2 (the "half-delta" variant): for 0 <= g <= f < 2^256,
 * 590 divsteps always reach g = 0; this is the machine-checked bound of P. Wuille's safegcd-bounds
 * (https://github.com/sipa/safegcd-bounds, convex-hull method, with Coq proof). For comparison,
 * Theorem 11.2 of the paper bounds the original variant (delta = 1) at floor((49*256 + 57) / 17) = 741
 * divsteps. We always run exactly 590 = 10 rounds of 59 divsteps; once g = 0 further divsteps leave
 * f and d unchanged (g stays even), so running to the bound is harmless.
 *
 * Batching. The first k divsteps depend only on delta and on f, g mod 2^k. A round runs 59 divsteps on
 * the low 64 bits of f and g and records them as a 2x2 integer matrix T with
 *     2^59 (f', g') = T (f, g),   |T11| + |T12| <= 2^59, |T21| + |T22| <= 2^59
 * (each divstep at most doubles a row sum). The matrix is kept multiplied by 8, so one round divides
 * by 2^62, which is the limb size: f and g are then updated at full width with 62-bit limbs, exactly.
 * d and e get the same matrix modulo M: (T (d, e) + (md, me) M) / 2^62, where md, me in [-2^61, 2^61)
 * make the low 62 bits vanish (Montgomery-style). That keeps f = d x / e0 and g = e x / e0 mod M, and
 * bounds the growth: |d'| <= max(|d|, |e|) + M/2, so after ten rounds |d| < M + 5M = 6M. The end
 * multiplies by the sign of f and reduces into [0, M) with a fixed sequence of masked steps.
 *
 * Montgomery form (mod p): the input is x = a 2^256 mod p and we want a^-1 2^256. Starting with
 * e0 = 2^512 mod p gives e0 x^-1 = 2^512 / (a 2^256) = a^-1 2^256 (mod p) directly, with no extra
 * multiplication. Mod n the input is plain and e0 = 1.
 *
 * Constant time: the number of rounds and steps is fixed; every data-dependent choice in a divstep is
 * made with all-ones/all-zeros masks; the full-width updates are straight-line multiply-adds. */
#include <stdint.h>
#include <string.h>

#include "crypto/sm2_inv.h"
#include "gmtls/util.h"

__extension__ typedef __int128 sm2_inv_i128;

#define SM2_INV_M62 ((((uint64_t)1) << 62) - 1)
#define SM2_INV_STEPS 59  /* divsteps per round; the matrix is scaled by 2^(62 - 59) */
#define SM2_INV_ROUNDS 10 /* 10 * 59 = 590 divsteps, the bound for 256-bit inputs (see above) */

/* A signed integer in radix 2^62: sum v[i] 2^(62 i), v[0..3] in [0, 2^62), v[4] signed. Five limbs
 * hold 310 bits, enough for |value| < 6M < 2^259 and the intermediate sums. */
typedef struct {
    int64_t v[5];
} sm2_s62;

typedef struct {
    sm2_s62 m;          /* the modulus, in the canonical limb form above */
    uint64_t m_neg_inv; /* -M^-1 mod 2^62 */
    sm2_s62 e0;         /* the starting e */
} sm2_inv_modulus;

/* The transition matrix of one round, times 8: 2^62 (f', g') = (u f + v g, q f + r g). */
typedef struct {
    int64_t u, v, q, r;
} sm2_inv_trans;

/* p = 2^256 - 2^224 - 2^96 + 2^64 - 1 (GB/T 32918.5-2017); -p^-1 = 1 mod 2^62; e0 = 2^512 mod p. */
static const sm2_inv_modulus sm2_inv_p = {
    {{0x3fffffffffffffffLL, 0x3ffffffc00000003LL, 0x3fffffffffffffffLL, 0x3fffffbfffffffffLL, 0xffLL}},
    0x1ULL,
    {{0x200000003LL, 0xbfffffffcLL, 0x1000000010LL, 0x10000000080LL, 0}}};

/* n, the order of G (GB/T 32918.5-2017); -n^-1 mod 2^62; e0 = 1. */
static const sm2_inv_modulus sm2_inv_n = {
    {{0x13bbf40939d54123LL, 0x080f7dac871814adLL, 0x3ffffffffffffff7LL, 0x3fffffbfffffffffLL, 0xffLL}},
    0x327f9e8872350975ULL,
    {{1, 0, 0, 0, 0}}};

/* 59 divsteps on the low bits of f and g (both only mod 2^64; f odd). w encodes delta as
 * w = -delta - 1/2, so "delta > 0" is "w < 0" (its sign bit); a swap maps w to ~w - 1 and the other
 * cases to w - 1. Returns the new w and the scaled matrix in *t.
 *
 * One divstep with c = (delta > 0 mask), m = (g odd mask), s = c & m (swap mask):
 *     g += m & (c ? -f : f)          -> g + f, g - f, or g
 *     f += s & g                      -> on a swap f becomes the old g (f + (g - f))
 *     g >>= 1
 * and the rows (u, v) of f and (q, r) of g follow the same additions, with (u, v) doubled instead of
 * halving g, so that 2^i (f_i, g_i) = T (f_0, g_0) / 8 holds after i steps. Unsigned arithmetic
 * mod 2^64 throughout: the entries fit in 63 bits plus sign, the final casts recover them. */
static uint64_t sm2_inv_divsteps(uint64_t w, uint64_t f, uint64_t g, sm2_inv_trans *t)
{
    uint64_t u = 8, v = 0, q = 0, r = 8;
    for (int i = 0; i < SM2_INV_STEPS; i++) {
        uint64_t c = (uint64_t)((int64_t)w >> 63);
        uint64_t m = 0 - (g & 1);
        uint64_t s = c & m;
        g += ((f ^ c) - c) & m;
        q += ((u ^ c) - c) & m;
        r += ((v ^ c) - c) & m;
        w = (w ^ s) - 1;
        f += g & s;
        u += q & s;
        v += r & s;
        g >>= 1;
        u <<= 1;
        v <<= 1;
    }
    t->u = (int64_t)u;
    t->v = (int64_t)v;
    t->q = (int64_t)q;
    t->r = (int64_t)r;
    return w;
}

/* (f, g) <- T (f, g) / 2^62, exact (the divsteps made the low 62 bits of both sums zero).
 * Each column sum is below (|u| + |v|) 2^62 + carry <= 2^124 + 2^64 in magnitude. */
static void sm2_inv_update_fg(sm2_s62 *f, sm2_s62 *g, const sm2_inv_trans *t)
{
    const int64_t u = t->u, v = t->v, q = t->q, r = t->r;
    sm2_inv_i128 cf = (sm2_inv_i128)u * f->v[0] + (sm2_inv_i128)v * g->v[0];
    sm2_inv_i128 cg = (sm2_inv_i128)q * f->v[0] + (sm2_inv_i128)r * g->v[0];
    cf >>= 62;
    cg >>= 62;
    for (int i = 1; i < 5; i++) {
        cf += (sm2_inv_i128)u * f->v[i] + (sm2_inv_i128)v * g->v[i];
        cg += (sm2_inv_i128)q * f->v[i] + (sm2_inv_i128)r * g->v[i];
        f->v[i - 1] = (int64_t)((uint64_t)cf & SM2_INV_M62);
        g->v[i - 1] = (int64_t)((uint64_t)cg & SM2_INV_M62);
        cf >>= 62;
        cg >>= 62;
    }
    f->v[4] = (int64_t)cf;
    g->v[4] = (int64_t)cg;
}

/* (d, e) <- (T (d, e) + (md, me) M) / 2^62 with md, me in [-2^61, 2^61) chosen so the division is
 * exact; this multiplies (d, e) by 2^-62 mod M exactly as the divsteps divided (f, g) by 2^62. */
static void sm2_inv_update_de(sm2_s62 *d, sm2_s62 *e, const sm2_inv_trans *t, const sm2_inv_modulus *mod)
{
    const int64_t u = t->u, v = t->v, q = t->q, r = t->r;
    sm2_inv_i128 cd = (sm2_inv_i128)u * d->v[0] + (sm2_inv_i128)v * e->v[0];
    sm2_inv_i128 ce = (sm2_inv_i128)q * d->v[0] + (sm2_inv_i128)r * e->v[0];
    /* low 62 bits of -c M^-1, sign-extended from bit 61 */
    const int64_t md = (int64_t)(((uint64_t)cd * mod->m_neg_inv) << 2) >> 2;
    const int64_t me = (int64_t)(((uint64_t)ce * mod->m_neg_inv) << 2) >> 2;
    cd += (sm2_inv_i128)md * mod->m.v[0];
    ce += (sm2_inv_i128)me * mod->m.v[0];
    cd >>= 62;
    ce >>= 62;
    for (int i = 1; i < 5; i++) {
        cd += (sm2_inv_i128)u * d->v[i] + (sm2_inv_i128)v * e->v[i] + (sm2_inv_i128)md * mod->m.v[i];
        ce += (sm2_inv_i128)q * d->v[i] + (sm2_inv_i128)r * e->v[i] + (sm2_inv_i128)me * mod->m.v[i];
        d->v[i - 1] = (int64_t)((uint64_t)cd & SM2_INV_M62);
        e->v[i - 1] = (int64_t)((uint64_t)ce & SM2_INV_M62);
        cd >>= 62;
        ce >>= 62;
    }
    d->v[4] = (int64_t)cd;
    e->v[4] = (int64_t)ce;
}

/* r = (neg ? -a : a) + k M, canonical limbs. neg is a mask; |k| <= 8 and |a| < 8M keep it in range. */
static void sm2_inv_negadd(sm2_s62 *r, const sm2_s62 *a, uint64_t neg, int64_t k, const sm2_s62 *m)
{
    const int64_t sneg = (int64_t)neg;
    sm2_inv_i128 acc = 0;
    for (int i = 0; i < 5; i++) {
        acc += (sm2_inv_i128)((a->v[i] ^ sneg) - sneg) + (sm2_inv_i128)k * m->v[i];
        if (i < 4) {
            r->v[i] = (int64_t)((uint64_t)acc & SM2_INV_M62);
            acc >>= 62;
        } else {
            r->v[i] = (int64_t)acc;
        }
    }
}

/* Mask of a < 0 (the sign of the top limb; the lower limbs are non-negative). */
static uint64_t sm2_inv_negative(const sm2_s62 *a) { return (uint64_t)(a->v[4] >> 63); }

static void sm2_inv_run(uint64_t out[4], const uint64_t in[4], const sm2_inv_modulus *mod)
{
    struct {
        sm2_s62 f, g, d, e, t1, t2;
        sm2_inv_trans tr;
        uint64_t w, x[4];
    } s;

    memcpy(s.x, in, sizeof s.x);
    s.f = mod->m;
    s.g.v[0] = (int64_t)(s.x[0] & SM2_INV_M62);
    s.g.v[1] = (int64_t)(((s.x[0] >> 62) | (s.x[1] << 2)) & SM2_INV_M62);
    s.g.v[2] = (int64_t)(((s.x[1] >> 60) | (s.x[2] << 4)) & SM2_INV_M62);
    s.g.v[3] = (int64_t)(((s.x[2] >> 58) | (s.x[3] << 6)) & SM2_INV_M62);
    s.g.v[4] = (int64_t)(s.x[3] >> 56);
    memset(&s.d, 0, sizeof s.d);
    s.e = mod->e0;
    s.w = UINT64_MAX; /* w = -1: delta = 1/2 */

    for (int i = 0; i < SM2_INV_ROUNDS; i++) {
        s.w = sm2_inv_divsteps(s.w, (uint64_t)s.f.v[0] | ((uint64_t)s.f.v[1] << 62),
                               (uint64_t)s.g.v[0] | ((uint64_t)s.g.v[1] << 62), &s.tr);
        sm2_inv_update_fg(&s.f, &s.g, &s.tr);
        sm2_inv_update_de(&s.d, &s.e, &s.tr, mod);
    }

    /* Now g = 0 and f = +-1 (or f = M and d = 0 for x = 0): the inverse is sign(f) d, |d| < 6M.
     * Take t = sign(f) d, add 8M if negative (t in [0, 8M)), then subtract 4M, 2M and M when the
     * difference is not negative. */
    sm2_inv_negadd(&s.t1, &s.d, sm2_inv_negative(&s.f), 0, &mod->m);
    sm2_inv_negadd(&s.t1, &s.t1, 0, (int64_t)(sm2_inv_negative(&s.t1) & 8), &mod->m);
    for (int64_t k = 4; k >= 1; k >>= 1) {
        uint64_t keep;
        sm2_inv_negadd(&s.t2, &s.t1, 0, -k, &mod->m);
        keep = sm2_inv_negative(&s.t2); /* t - kM < 0: keep t */
        for (int i = 0; i < 5; i++)
            s.t1.v[i] = (int64_t)(((uint64_t)s.t1.v[i] & keep) | ((uint64_t)s.t2.v[i] & ~keep));
    }

    out[0] = (uint64_t)s.t1.v[0] | ((uint64_t)s.t1.v[1] << 62);
    out[1] = ((uint64_t)s.t1.v[1] >> 2) | ((uint64_t)s.t1.v[2] << 60);
    out[2] = ((uint64_t)s.t1.v[2] >> 4) | ((uint64_t)s.t1.v[3] << 58);
    out[3] = ((uint64_t)s.t1.v[3] >> 6) | ((uint64_t)s.t1.v[4] << 56);
    gmtls_wipe(&s, sizeof s);
}

void gmtls_sm2_fe_inv_ct(gmtls_sm2_fe *r, const gmtls_sm2_fe *a)
{
    sm2_inv_run(r->v, a->v, &sm2_inv_p);
}

void gmtls_sm2_scalar_inv_ct(gmtls_sm2_scalar *r, const gmtls_sm2_scalar *a)
{
    sm2_inv_run(r->v, a->v, &sm2_inv_n);
}
