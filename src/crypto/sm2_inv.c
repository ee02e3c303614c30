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
 * divsteps. We run exactly 590 divsteps, always; once g = 0 further divsteps leave f and d unchanged
 * (g stays even), so running to the bound is harmless.
 *
 * Batching. The first k divsteps depend only on delta and on f, g mod 2^k. Divsteps run in batches of
 * up to 19 on the low bits of f and g, each recorded as a 2x2 integer matrix B with 2^n (f', g') = B (f, g)
 * (packed beside f and g in two words; see sm2_inv_divsteps). A round is 3 batches of 19 (57 divsteps;
 * the last round 19 + 1 = 20): the product T of their matrices, kept multiplied by 2^(62 - 57) (or
 * 2^(62 - 20)), satisfies 2^62 (f', g') = T (f, g) with row sums |T11| + |T12|, |T21| + |T22| <= 2^62
 * (each divstep at most doubles a row sum). So a round divides by 2^62, the limb size: f and g are then
 * updated at full width with 62-bit limbs, exactly. 10 rounds of 57 and one of 20 make the 590.
 * d and e get the same matrix modulo M: (T (d, e) + (md, me) M) / 2^62, where md, me in [-2^61, 2^61)
 * make the low 62 bits vanish (Montgomery-style). That keeps f = d x / e0 and g = e x / e0 mod M, and
 * bounds the growth: |d'| <= max(|d|, |e|) + M/2, so after eleven rounds |d| < M + 5.5M < 8M. The last
 * round needs only d and the sign of f (f = +-1 is told apart by its low bits). The end multiplies d
 * by that sign and reduces into [0, M) with a fixed sequence of masked steps.
 *
 * Montgomery form (mod p): the input is x = a 2^256 mod p and we want a^-1 2^256. Starting with
 * e0 = 2^512 mod p gives e0 x^-1 = 2^512 / (a 2^256) = a^-1 2^256 (mod p) directly, with no extra
 * multiplication. Mod n the input is plain and e0 = 1.
 *
 * Constant time: the number of rounds and steps is fixed; every data-dependent choice in a divstep is
 * made with all-ones/all-zeros masks; the full-width updates are straight-line multiply-adds. */
#include <stdint.h>
#include <string.h>

#include "core/cpu.h"
#include "core/ct.h"
#include "crypto/sm2_inv.h"
#include "gmtls/util.h"

__extension__ typedef __int128 sm2_inv_i128;

#define SM2_INV_M62 ((((uint64_t)1) << 62) - 1)
/* The run is inlined into the two entry points, so the modulus constants fold into the updates and
 * the round's code is scheduled together with them (a few percent faster). */
#define SM2_INV_INLINE static inline __attribute__((always_inline))
#define SM2_INV_ROUNDS 11 /* 10 rounds of 3 * 19 divsteps and one of 19 + 1: 590 (see above) */

/* A signed integer in radix 2^62: sum v[i] 2^(62 i), v[0..3] in [0, 2^62), v[4] signed. Five limbs
 * hold 310 bits, enough for |value| < 8M < 2^259 and the intermediate sums. */
typedef struct {
    int64_t v[5];
} sm2_s62;

typedef struct {
    sm2_s62 m;          /* the modulus, in the canonical limb form above */
    uint64_t m_neg_inv; /* -M^-1 mod 2^62 */
    sm2_s62 e0;         /* the starting e */
} sm2_inv_modulus;

/* The transition matrix of one round, scaled so that 2^62 (f', g') = (u f + v g, q f + r g). */
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

/* n <= 19 divsteps on the low n bits of f and g (f odd), with the matrix packed beside them.
 *
 * w encodes delta as w = -delta - 1/2, so "delta > 0" is "w < 0" (its sign bit); a swap maps w to
 * ~w - 1 and the other cases to w - 1. One divstep, with c = (delta > 0 mask), m = (g odd mask) and
 * s = c & m (swap mask), is
 *     g' = (g + (m & (c ? -f : f))) / 2      (g + f, g - f or g, halved)
 *     f' = s ? g : f                          (on a swap f takes the old g)
 *
 * Packing. Every operation above is linear in (f, g) (additions, negation, halving of an even value,
 * selection), so it can run on words that carry the matrix too:
 *     F = f + 2^20 2^(n-i) u_i + 2^41 2^(n-i) v_i,   G = g + 2^20 2^(n-i) q_i + 2^41 2^(n-i) r_i
 * where after i steps 2^i (f_i, g_i) = (u_i f + v_i g, q_i f + r_i g). Start: (u, v, q, r) = (1, 0, 0, 1)
 * times 2^n, and each halving of G halves that scale, so after n steps the fields hold the matrix
 * itself, with |u| + |v| <= 2^n and |q| + |r| <= 2^n (each divstep at most doubles a row sum).
 * The low field then holds phi = (u f + v g) / 2^n for the n-bit f, g, so |phi| < 2^19; the u field
 * needs 21 bits (|u| <= 2^19, signed) and so does v, so 20 + 21 + 23 bits fit a 64-bit word (and the
 * words stay below 2^61 in magnitude, so G is halved exactly by an arithmetic shift). The fields at
 * 2^20 and up are even until the last halving, so the low bit of G is the low bit of g throughout.
 * 19 is the most steps this layout allows (3 * 19 + 5 <= 64).
 *
 * Latency: the loop keeps H = 2 g' before the halving (the next mask is its bit 1, read while the
 * halving runs beside it), and chooses the next f and c by masks among values prepared before s is
 * known (F or G; the sign bits of w - 1 and ~w - 1, which w' = (w ^ s) - 1 has in the two cases).
 * Unsigned arithmetic mod 2^64 except the arithmetic shifts. Returns the new w; t = (u, v, q, r). */
#define SM2_INV_SUB 19
#define SM2_INV_PA 20 /* bit position of the u (q) field */
#define SM2_INV_PB 41 /* bit position of the v (r) field */

/* The two coefficient fields of a packed word X = phi + 2^20 a + 2^41 b (|phi| < 2^19, |a| <= 2^19):
 * X + 2^19 has the non-negative phi + 2^19 < 2^20 below a, so bits 20..40 of it are a (21 bits,
 * signed); adding 2^40 as well makes a + 2^20 non-negative below b, so b = (X + 2^19 + 2^40) >> 41.
 * Both are read at once, without subtracting one field to get the other. */
static void sm2_inv_fields(uint64_t X, int64_t *a, int64_t *b)
{
    *a = (int64_t)((X + ((uint64_t)1 << 19)) << 23) >> 43;
    *b = (int64_t)(X + ((uint64_t)1 << 19) + ((uint64_t)1 << 40)) >> SM2_INV_PB;
}

static uint64_t sm2_inv_divsteps(uint64_t w, uint64_t f, uint64_t g, int n, int64_t t[4])
{
    const uint64_t low = ((uint64_t)1 << n) - 1;
    uint64_t F = (f & low) + ((uint64_t)1 << (SM2_INV_PA + n));
    uint64_t H = ((g & low) + ((uint64_t)1 << (SM2_INV_PB + n))) << 1;
    uint64_t G;
    uint64_t c = (uint64_t)((int64_t)w >> 63);
    uint64_t x = (F ^ c) - c; /* c ? -F : F */
    for (int i = 0; i < n; i++) {
        uint64_t m = (uint64_t)((int64_t)(H << 62) >> 63);  /* low bit of g */
        uint64_t s = c & m;
        uint64_t cn = (uint64_t)((int64_t)(w - 1) >> 63);  /* delta' > 0 without a swap */
        uint64_t cs = (uint64_t)((int64_t)(~w - 1) >> 63); /* delta' > 0 after a swap */
        G = (uint64_t)((int64_t)H >> 1);
        H = G + (x & m);
        F ^= (F ^ G) & s;
        c = cn ^ ((cn ^ cs) & s);
        w = (w ^ s) - 1;
        x = (F ^ c) - c;
    }
    G = (uint64_t)((int64_t)H >> 1);
    sm2_inv_fields(F, &t[0], &t[1]);
    sm2_inv_fields(G, &t[2], &t[3]);
    return w;
}

#if defined(__x86_64__) && defined(__GNUC__)
#define SM2_INV_HAVE_ASM 1
/* The same 19 divsteps in x86-64 assembly, with CMOV (constant time: no branch on data, the loop
 * count is fixed) and RORX (BMI2; call only when gmtls_cpu_has(GMTLS_CPU_BMI2)). Compilers turn the
 * masks above into about 28 instructions per divstep; here it is 15, and the chain through g is three
 * instructions (TEST, CMOVZ, SAR). One step, with inputs G, w and outputs Gn, wn (two steps swap the
 * two register sets, so no moves are needed); x = (w < 0 ? -F : F) is kept between steps:
 *     Gn = g odd ? G + x : G
 *     wn = w - 1, ws = ~w - 1          the next w without and with a swap
 *     SF = (g odd) & (w < 0)           bit 0 of G rotated to bit 63, ANDed with w: the swap s
 *     if s: F = G, wn = ws
 *     Gn >>= 1 (arithmetic)
 *     x = wn < 0 ? -F : F */
#define SM2_INV_STEP(G, w, Gn, wn)                                                                       \
    "lea (%[" G "],%[x]), %[" Gn "]\n\t"                                                                \
    "test $1, %[" G "]\n\t"                                                                             \
    "cmovz %[" G "], %[" Gn "]\n\t"                                                                     \
    "lea -1(%[" w "]), %[" wn "]\n\t"                                                                   \
    "mov $-2, %[ws]\n\t"                                                                                \
    "sub %[" w "], %[ws]\n\t"                                                                           \
    "rorx $1, %[" G "], %[t]\n\t"                                                                       \
    "and %[" w "], %[t]\n\t"                                                                            \
    "cmovs %[" G "], %[F]\n\t"                                                                          \
    "cmovs %[ws], %[" wn "]\n\t"                                                                        \
    "sar $1, %[" Gn "]\n\t"                                                                             \
    "mov %[F], %[x]\n\t"                                                                                \
    "neg %[x]\n\t"                                                                                      \
    "test %[" wn "], %[" wn "]\n\t"                                                                     \
    "cmovns %[F], %[x]\n\t"

static uint64_t sm2_inv_divsteps19_asm(uint64_t w, uint64_t f, uint64_t g, int64_t t[4])
{
    const uint64_t low = ((uint64_t)1 << SM2_INV_SUB) - 1;
    uint64_t F = (f & low) + ((uint64_t)1 << (SM2_INV_PA + SM2_INV_SUB));
    uint64_t G = (g & low) + ((uint64_t)1 << (SM2_INV_PB + SM2_INV_SUB));
    uint64_t c = (uint64_t)((int64_t)w >> 63);
    uint64_t x = (F ^ c) - c;
    uint64_t G1, w1, tmp, ws, count = (SM2_INV_SUB - 1) / 2;
    __asm__("1:\n\t" SM2_INV_STEP("G", "w", "G1", "w1") SM2_INV_STEP("G1", "w1", "G", "w")
            "dec %[count]\n\t"
            "jnz 1b\n\t" SM2_INV_STEP("G", "w", "G1", "w1")
            : [F] "+r"(F), [G] "+r"(G), [w] "+r"(w), [x] "+r"(x), [G1] "=&r"(G1), [w1] "=&r"(w1),
              [t] "=&r"(tmp), [ws] "=&r"(ws), [count] "+r"(count)
            :
            : "cc");
    sm2_inv_fields(F, &t[0], &t[1]);
    sm2_inv_fields(G1, &t[2], &t[3]);
    return w1;
}
#else
#define SM2_INV_HAVE_ASM 0
#endif

/* One round: k packed batches of divsteps, 19 each except the last, of `last` (<= 19), in assembly
 * when use_asm (see sm2_inv_run) and the batch is 19 long; the product of their matrices scaled by
 * 2^(62 - steps) into *t, so that 2^62 (f', g') = T (f, g). Between batches
 * the low bits of f and g are advanced with the batch matrix mod 2^64 (64 - 19 j valid bits remain, at
 * least the 19 the next batch reads). Entries of the product stay below 2^steps <= 2^57. b is scratch
 * for the batch matrices, in the caller's state so that it is wiped with it. */
SM2_INV_INLINE uint64_t sm2_inv_round(uint64_t w, uint64_t f, uint64_t g, int k, int last, int use_asm, int64_t b[4],
                                     sm2_inv_trans *t)
{
    int64_t u = 1, v = 0, q = 0, r = 1;
    int steps = 0;
    for (int j = 0; j < k; j++) {
        const int n = j == k - 1 ? last : SM2_INV_SUB;
        int64_t nu, nv, nq, nr;
        uint64_t nf, ng;
#if SM2_INV_HAVE_ASM
        if (use_asm && n == SM2_INV_SUB) /* a CPU feature and a public count, not data */
            w = sm2_inv_divsteps19_asm(w, f, g, b);
        else
#endif
            w = sm2_inv_divsteps(w, f, g, n, b);
        nf = ((uint64_t)b[0] * f + (uint64_t)b[1] * g) >> n;
        ng = ((uint64_t)b[2] * f + (uint64_t)b[3] * g) >> n;
        f = nf;
        g = ng;
        nu = b[0] * u + b[1] * q;
        nv = b[0] * v + b[1] * r;
        nq = b[2] * u + b[3] * q;
        nr = b[2] * v + b[3] * r;
        u = nu;
        v = nv;
        q = nq;
        r = nr;
        steps += n;
    }
    {
        const int64_t scale = (int64_t)1 << (62 - steps);
        t->u = u * scale;
        t->v = v * scale;
        t->q = q * scale;
        t->r = r * scale;
    }
    return w;
}

/* (f, g) <- T (f, g) / 2^62, exact (the divsteps made the low 62 bits of both sums zero).
 * Each column sum is below (|u| + |v|) 2^62 + carry <= 2^124 + 2^64 in magnitude. */
SM2_INV_INLINE void sm2_inv_update_fg(sm2_s62 *f, sm2_s62 *g, const sm2_inv_trans *t)
{
    const int64_t u = t->u, v = t->v, q = t->q, r = t->r;
    sm2_inv_i128 cf = (sm2_inv_i128)u * f->v[0] + (sm2_inv_i128)v * g->v[0];
    sm2_inv_i128 cg = (sm2_inv_i128)q * f->v[0] + (sm2_inv_i128)r * g->v[0];
    cf >>= 62;
    cg >>= 62;
#pragma GCC unroll 4
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
SM2_INV_INLINE void sm2_inv_update_de(sm2_s62 *d, sm2_s62 *e, const sm2_inv_trans *t, const sm2_inv_modulus *mod)
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
#pragma GCC unroll 4
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

/* The last round: d <- (u d + v e + md M) / 2^62 alone (e is not needed any more). */
static void sm2_inv_update_d(sm2_s62 *d, const sm2_s62 *e, const sm2_inv_trans *t, const sm2_inv_modulus *mod)
{
    const int64_t u = t->u, v = t->v;
    sm2_inv_i128 cd = (sm2_inv_i128)u * d->v[0] + (sm2_inv_i128)v * e->v[0];
    const int64_t md = (int64_t)(((uint64_t)cd * mod->m_neg_inv) << 2) >> 2;
    cd += (sm2_inv_i128)md * mod->m.v[0];
    cd >>= 62;
#pragma GCC unroll 4
    for (int i = 1; i < 5; i++) {
        cd += (sm2_inv_i128)u * d->v[i] + (sm2_inv_i128)v * e->v[i] + (sm2_inv_i128)md * mod->m.v[i];
        d->v[i - 1] = (int64_t)((uint64_t)cd & SM2_INV_M62);
        cd >>= 62;
    }
    d->v[4] = (int64_t)cd;
}

/* r = a + k M, canonical limbs; |k| <= 8 and |a| < 8M keep it in range. r may alias a. */
static void sm2_inv_addmul(sm2_s62 *r, const sm2_s62 *a, int64_t k, const sm2_s62 *m)
{
    sm2_inv_i128 acc = 0;
    for (int i = 0; i < 5; i++) {
        acc += (sm2_inv_i128)a->v[i] + (sm2_inv_i128)k * m->v[i];
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

SM2_INV_INLINE void sm2_inv_run(uint64_t out[4], const uint64_t in[4], const sm2_inv_modulus *mod)
{
    struct {
        sm2_s62 f, g, d, e, t1, t2;
        sm2_inv_trans tr;
        int64_t b[4];
        uint64_t w, fneg, x[4];
    } s;
    /* The assembly needs BMI2 (RORX); the C loop computes the same (tests force each path). */
    const int use_asm = SM2_INV_HAVE_ASM && gmtls_cpu_has(GMTLS_CPU_BMI2);

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

    for (int i = 0; i < SM2_INV_ROUNDS - 1; i++) {
        s.w = sm2_inv_round(s.w, (uint64_t)s.f.v[0] | ((uint64_t)s.f.v[1] << 62),
                            (uint64_t)s.g.v[0] | ((uint64_t)s.g.v[1] << 62), 3, SM2_INV_SUB, use_asm, s.b, &s.tr);
        sm2_inv_update_fg(&s.f, &s.g, &s.tr);
        sm2_inv_update_de(&s.d, &s.e, &s.tr, mod);
    }
    /* The last round: 19 + 1 divsteps. Afterwards g = 0 and f = +-1, so 2^62 f = u f + v g is +-2^62
     * and its low 64 bits (0x40.. or 0xc0..) give the sign: bit 63. Negating the row (u, v) by it makes
     * the new d the inverse, sign(f) d, still with |d| < 8M. (For x = 0, f = M and d = 0: any sign.) */
    {
        const uint64_t flo = (uint64_t)s.f.v[0] | ((uint64_t)s.f.v[1] << 62);
        const uint64_t glo = (uint64_t)s.g.v[0] | ((uint64_t)s.g.v[1] << 62);
        s.w = sm2_inv_round(s.w, flo, glo, 2, 1, use_asm, s.b, &s.tr);
        s.fneg = (uint64_t)((int64_t)((uint64_t)s.tr.u * flo + (uint64_t)s.tr.v * glo) >> 63);
        s.tr.u = (int64_t)(((uint64_t)s.tr.u ^ s.fneg) - s.fneg);
        s.tr.v = (int64_t)(((uint64_t)s.tr.v ^ s.fneg) - s.fneg);
        sm2_inv_update_d(&s.d, &s.e, &s.tr, mod);
    }

    /* Into [0, M): add 8M if negative (then t in [0, 8M)), then subtract 4M, 2M and M when the
     * difference is not negative. */
    sm2_inv_addmul(&s.t1, &s.d, (int64_t)(sm2_inv_negative(&s.d) & 8), &mod->m);
    for (int64_t k = 4; k >= 1; k >>= 1) {
        uint64_t keep;
        sm2_inv_addmul(&s.t2, &s.t1, -k, &mod->m);
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

/* ---- Variable time (public or blinded inputs only) ----
 *
 * The same divsteps from the same start (delta = 1/2), but each batch of 62 runs in a loop whose
 * length depends on the data, and the run stops after the first batch that leaves g = 0 (for random
 * inputs mod p that is after about 517 divsteps on average, so 9 batches; never more than 10, by the
 * 590-step bound above). The 62-bit limbs, the scaled transition matrix and the full-width updates
 * are the constant-time run's.
 *
 * Here delta is kept as the integer D = delta - 1/2 (start 0). A divstep is then
 *     if D >= 0 and g odd:  (D, f, g) <- (-D, g, (g - f) / 2)
 *     else:                 (D, f, g) <- (D + 1, f, (g + (g mod 2) f) / 2)
 * and one loop iteration takes a run of them:
 *   - z halvings of an even g (z = count of trailing zeros): g >>= z, D += z, and the f row of the
 *     matrix doubles z times;
 *   - then g is odd: if D >= 0, swap (f, g) <- (g, -f) and set D <- -D - 1 = ~D, after which D < 0
 *     and the step is the plain one: g <- g + f. Its halving (and its 1 added to D) is left to the
 *     next run of zeros, since g + f is even.
 * So an iteration is one odd step plus the run of zeros after it, about 2 divsteps on average.
 * The loop reads the low 64 bits of f and g: after j divsteps the low 64 - j bits are exact, and the
 * rest of the batch looks at no more than its remaining 62 - j of them.
 *
 * After each batch the full-width f and g are no larger than before (|f'|, |g'| <= max(|f|, |g|):
 * f' is f or g, |g'| <= (|f| + |g|) / 2), so their limb count is cut when both top limbs are only a
 * sign (0 or -1) and the update runs on fewer limbs.
 *
 * Cost (mod p, random inputs, AMD Zen 5): about 2,200 cycles against about 3,900 for the
 * constant-time run. About 260 loop iterations (one per odd step) at a 4-cycle dependency chain
 * each, plus a mispredicted exit per batch, make roughly 60% of it; the full-width updates of d and
 * e (about 50 cycles a batch) and of f and g most of the rest. */

/* Up to 62 divsteps on the low bits, variable time; returns the new D and sets *t to the matrix with
 * 2^62 (f', g') = T (f, g). The matrix is computed in unsigned words (exact mod 2^64; each row sum
 * stays within 2^62, so the final entries are the signed values). */
static int64_t sm2_inv_divsteps62_var(int64_t D, uint64_t f, uint64_t g, sm2_inv_trans *t)
{
    uint64_t u = 1, v = 0, q = 0, r = 1;
    int i = 62; /* divsteps left in the batch */
    for (;;) {
        const int z = g != 0 ? __builtin_ctzll(g) : 64;
        uint64_t s, nf, nu, nv;
        if (z >= i) { /* the rest of the batch is halvings */
            u <<= i;
            v <<= i;
            D += i;
            break;
        }
        g >>= z;
        u <<= z;
        v <<= z;
        D += z;
        i -= z;
        s = (uint64_t)(~D >> 63); /* D >= 0 (and g odd): swap */
        nf = f ^ ((f ^ g) & s);
        g += (f ^ s) - s; /* s ? g - f : g + f */
        f = nf;
        nu = u ^ ((u ^ q) & s);
        nv = v ^ ((v ^ r) & s);
        q += (u ^ s) - s;
        r += (v ^ s) - s;
        u = nu;
        v = nv;
        D ^= (int64_t)s;
    }
    t->u = (int64_t)u;
    t->v = (int64_t)v;
    t->q = (int64_t)q;
    t->r = (int64_t)r;
    return D;
}

#if SM2_INV_HAVE_ASM
/* The same loop in x86-64 assembly with TZCNT, SHRX (BMI1/BMI2) and 128-bit AVX; called only when
 * gmtls_cpu_has(GMTLS_CPU_BMI2 | GMTLS_CPU_AVX) (every CPU with BMI2 has BMI1). The loop is bound by
 * the latency of its chain through g: TZCNT, SHRX, SUB or LEA, CMOV (4 cycles), with both
 * candidates g - f and g + f computed before the swap is known (CMOVNS on the sign of D + z). The
 * compiler's version of the C loop takes about twice as long per batch: it derives the swap mask
 * with a chain of shifts and XORs. The matrix rows (u, v) and (q, r) live in two vector registers, (u, v) <- (u, v) << z and
 * the swap or add on whole rows (VPBLENDVB by the sign of D + z spread to a mask): off the integer
 * ports, that takes about 15% off a batch compared with the same updates in general registers.
 * TZCNT of 0 is 64, which ends the batch like any z >= i: the test closes each iteration (the borrow
 * or zero of i - z), and at the exit i gets its z back. Returns the new D; the rest of the batch is
 * halvings, so (u, v) take one more shift by the i steps left. */
typedef long long sm2_inv_v2di __attribute__((vector_size(16)));

SM2_INV_INLINE int64_t sm2_inv_divsteps62_var_asm(int64_t D, uint64_t f, uint64_t g, sm2_inv_trans *t)
{
    uint64_t i = 62, z, a, s;
    sm2_inv_v2di U = {1, 0}, Q = {0, 1}, X, Y, S, Z;
    __asm__("tzcnt %[g], %[z]\n\t"
            "sub %[z], %[i]\n\t"
            "jbe 2f\n"
            "1:\n\t"
            "shrx %[z], %[g], %[g]\n\t"
            "vmovq %[z], %[Z]\n\t"
            "mov %[g], %[a]\n\t"
            "sub %[f], %[a]\n\t"        /* a = g - f */
            "add %[z], %[D]\n\t"        /* D += z; SF clear: D >= 0, swap */
            "lea (%[g],%[f]), %[z]\n\t" /* z = g + f */
            "cmovns %[g], %[f]\n\t"
            "cmovns %[a], %[z]\n\t"
            "mov %[z], %[g]\n\t"
            "mov %[D], %[s]\n\t"
            "mov %[D], %[a]\n\t"
            "not %[a]\n\t"
            "cmovns %[a], %[D]\n\t" /* swap: D = ~D = -D - 1 */
            "sar $63, %[s]\n\t"     /* s = all ones: no swap */
            "vmovq %[s], %[S]\n\t"
            "vpsllq %[Z], %[U], %[U]\n\t"
            "vpunpcklqdq %[S], %[S], %[S]\n\t"
            "vpaddq %[U], %[Q], %[X]\n\t"             /* (q + u, r + v) */
            "vpsubq %[U], %[Q], %[Y]\n\t"             /* (q - u, r - v) */
            "vpblendvb %[S], %[U], %[Q], %[U]\n\t" /* no swap: (u, v), else (q, r) */
            "vpblendvb %[S], %[X], %[Y], %[Q]\n\t" /* no swap: (q + u, r + v), else (q - u, r - v) */
            "tzcnt %[g], %[z]\n\t"
            "sub %[z], %[i]\n\t"
            "ja 1b\n"
            "2:\n\t"
            "add %[z], %[i]\n\t"
            : [f] "+r"(f), [g] "+r"(g), [D] "+r"(D), [i] "+r"(i), [z] "=&r"(z), [a] "=&r"(a), [s] "=&r"(s),
              [U] "+x"(U), [Q] "+x"(Q), [X] "=&x"(X), [Y] "=&x"(Y), [S] "=&x"(S), [Z] "=&x"(Z)
            :
            : "cc");
    t->u = (int64_t)((uint64_t)U[0] << i);
    t->v = (int64_t)((uint64_t)U[1] << i);
    t->q = (int64_t)Q[0];
    t->r = (int64_t)Q[1];
    return D + (int64_t)i;
}
#endif

/* (f, g) <- T (f, g) / 2^62 on the low len limbs (the values and the results fit there). Inlined
 * with a constant len, so each length gets its own unrolled code. */
SM2_INV_INLINE void sm2_inv_update_fg_len(sm2_s62 *f, sm2_s62 *g, const sm2_inv_trans *t, int len)
{
    const int64_t u = t->u, v = t->v, q = t->q, r = t->r;
    sm2_inv_i128 cf = (sm2_inv_i128)u * f->v[0] + (sm2_inv_i128)v * g->v[0];
    sm2_inv_i128 cg = (sm2_inv_i128)q * f->v[0] + (sm2_inv_i128)r * g->v[0];
    cf >>= 62;
    cg >>= 62;
#pragma GCC unroll 4
    for (int i = 1; i < len; i++) {
        cf += (sm2_inv_i128)u * f->v[i] + (sm2_inv_i128)v * g->v[i];
        cg += (sm2_inv_i128)q * f->v[i] + (sm2_inv_i128)r * g->v[i];
        f->v[i - 1] = (int64_t)((uint64_t)cf & SM2_INV_M62);
        g->v[i - 1] = (int64_t)((uint64_t)cg & SM2_INV_M62);
        cf >>= 62;
        cg >>= 62;
    }
    f->v[len - 1] = (int64_t)cf;
    g->v[len - 1] = (int64_t)cg;
}

SM2_INV_INLINE void sm2_inv_update_fg_var(sm2_s62 *f, sm2_s62 *g, const sm2_inv_trans *t, int len)
{
    switch (len) {
    case 5:
        sm2_inv_update_fg_len(f, g, t, 5);
        break;
    case 4:
        sm2_inv_update_fg_len(f, g, t, 4);
        break;
    case 3:
        sm2_inv_update_fg_len(f, g, t, 3);
        break;
    case 2:
        sm2_inv_update_fg_len(f, g, t, 2);
        break;
    default:
        sm2_inv_update_fg_len(f, g, t, 1);
        break;
    }
}

/* a <- -a, canonical limbs. */
static void sm2_inv_neg(sm2_s62 *a)
{
    sm2_inv_i128 acc = 0;
    for (int i = 0; i < 4; i++) {
        acc -= a->v[i];
        a->v[i] = (int64_t)((uint64_t)acc & SM2_INV_M62);
        acc >>= 62;
    }
    a->v[4] = (int64_t)(acc - a->v[4]);
}

/* A limb that is only a sign: 0 or -1. */
static int sm2_inv_is_sign(int64_t x) { return x == 0 || x == -1; }

SM2_INV_INLINE void sm2_inv_run_var(uint64_t out[4], const uint64_t in[4], const sm2_inv_modulus *mod)
{
    sm2_s62 f = mod->m, g, d, e = mod->e0;
    sm2_inv_trans tr;
    int64_t D = 0; /* delta = 1/2 */
    int len = 5;   /* limbs of f and g in use */
    const int use_asm = SM2_INV_HAVE_ASM && gmtls_cpu_has(GMTLS_CPU_BMI2 | GMTLS_CPU_AVX);

    g.v[0] = (int64_t)(in[0] & SM2_INV_M62);
    g.v[1] = (int64_t)(((in[0] >> 62) | (in[1] << 2)) & SM2_INV_M62);
    g.v[2] = (int64_t)(((in[1] >> 60) | (in[2] << 4)) & SM2_INV_M62);
    g.v[3] = (int64_t)(((in[2] >> 58) | (in[3] << 6)) & SM2_INV_M62);
    g.v[4] = (int64_t)(in[3] >> 56);
    memset(&d, 0, sizeof d);

    /* At most 10 batches: 620 >= 590 divsteps reach g = 0 for every input below M (the cap only
     * keeps an input outside the contract from looping). Then |d| < M + 10 M/2 = 6M. */
    for (int round = 0; round < 10; round++) {
        uint64_t gz = 0;
        const uint64_t flo = (uint64_t)f.v[0] | (len > 1 ? (uint64_t)f.v[1] << 62 : 0);
        const uint64_t glo = (uint64_t)g.v[0] | (len > 1 ? (uint64_t)g.v[1] << 62 : 0);
#if SM2_INV_HAVE_ASM
        if (use_asm)
            D = sm2_inv_divsteps62_var_asm(D, flo, glo, &tr);
        else
#endif
            D = sm2_inv_divsteps62_var(D, flo, glo, &tr);
        sm2_inv_update_fg_var(&f, &g, &tr, len);
        for (int i = 0; i < len; i++)
            gz |= (uint64_t)g.v[i];
        if (gz == 0) { /* done: f = +-1 (or M for x = 0, with d = 0), and e is not needed */
            sm2_inv_update_d(&d, &e, &tr, mod);
            break;
        }
        sm2_inv_update_de(&d, &e, &tr, mod);
        /* a top limb that is only a sign in both f and g folds into the limb below, which then
         * holds the value's top bits signed (in [-2^62, 2^62)) */
        while (len > 1 && sm2_inv_is_sign(f.v[len - 1]) && sm2_inv_is_sign(g.v[len - 1])) {
            f.v[len - 2] = (int64_t)((uint64_t)f.v[len - 2] + ((uint64_t)f.v[len - 1] << 62));
            g.v[len - 2] = (int64_t)((uint64_t)g.v[len - 2] + ((uint64_t)g.v[len - 1] << 62));
            len--;
        }
    }

    /* The inverse is sign(f) d: negate d when f = -1 (f's top limb carries its sign). Then into
     * [0, M): d is in (-6M, 6M); with d = k 2^256 + rest (k = floor(d / 2^256), the top limb over
     * 2^8, |k| <= 6, 0 <= rest < 2^256), d - k M = rest + k (2^256 - M) is within 6 * 2^225 of rest
     * (2^256 - M < 2^225 for p and n), so in (-M, 2M): at most one more addition or subtraction of
     * M, which the loops do (they would also settle any other value). */
    if (f.v[len - 1] < 0)
        sm2_inv_neg(&d);
    sm2_inv_addmul(&d, &d, -(d.v[4] >> 8), &mod->m);
    while (sm2_inv_negative(&d))
        sm2_inv_addmul(&d, &d, 1, &mod->m);
    for (;;) {
        sm2_s62 t;
        sm2_inv_addmul(&t, &d, -1, &mod->m);
        if (sm2_inv_negative(&t))
            break;
        d = t;
    }
    out[0] = (uint64_t)d.v[0] | ((uint64_t)d.v[1] << 62);
    out[1] = ((uint64_t)d.v[1] >> 2) | ((uint64_t)d.v[2] << 60);
    out[2] = ((uint64_t)d.v[2] >> 4) | ((uint64_t)d.v[3] << 58);
    out[3] = ((uint64_t)d.v[3] >> 6) | ((uint64_t)d.v[4] << 56);
}

void gmtls_sm2_fe_inv_ct(gmtls_sm2_fe *r, const gmtls_sm2_fe *a)
{
    sm2_inv_run(r->v, a->v, &sm2_inv_p);
}

void gmtls_sm2_scalar_inv_ct(gmtls_sm2_scalar *r, const gmtls_sm2_scalar *a)
{
    sm2_inv_run(r->v, a->v, &sm2_inv_n);
}

void gmtls_sm2_fe_inv_vartime(gmtls_sm2_fe *r, const gmtls_sm2_fe *a)
{
    sm2_inv_run_var(r->v, a->v, &sm2_inv_p);
}

void gmtls_sm2_scalar_inv_vartime(gmtls_sm2_scalar *r, const gmtls_sm2_scalar *a)
{
    sm2_inv_run_var(r->v, a->v, &sm2_inv_n);
}

/* Blinding. For a != 0 and beta uniform in [1, p - 1], t = a beta is uniform in [1, p - 1] and
 * independent of a (multiplying by a permutes the nonzero residues), so nothing the variable-time
 * inversion of t reveals (its running time, its branches, t itself) says anything about a; hence the
 * declassification of t. Then a^-1 = t^-1 beta. Both multiplications are the constant-time field
 * ones. What remains visible is only whether a = 0 (t = 0 exactly then, since beta != 0; and
 * inv(0) = 0 as required). beta must not be reused: t1 / t2 = a1 / a2 for a shared beta.
 * In Montgomery form: (a R)(beta R) / R = t R, and (t^-1 R)(beta R) / R = a^-1 R. */
void gmtls_sm2_fe_inv_blinded(gmtls_sm2_fe *r, const gmtls_sm2_fe *a, const gmtls_sm2_fe *beta)
{
    gmtls_sm2_fe t;
    gmtls_sm2_fe_mul(&t, a, beta);
    gmtls_ct_declassify(&t, sizeof t);
    gmtls_sm2_fe_inv_vartime(&t, &t);
    gmtls_sm2_fe_mul(r, &t, beta);
    gmtls_wipe(&t, sizeof t);
}
