/* SM2 points: the portable instance of the curve code, run-time dispatch, and the point API
 * (GB/T 32918.1-2016 / .5-2017: y^2 = x^3 - 3x + b over GF(p)). */
#include <string.h>

#include "core/bytes.h"
#include "core/cpu.h"
#include "crypto/sm2_arith.h"
#include "crypto/sm2_inv.h"
#include "crypto/sm2_ifma.h"
#include "gmtls/error.h"
#include "gmtls/util.h"

#define SM2_IMPL(name) sm2_portable_##name
#define SM2_FMUL(r, a, b) sm2_fe_mul_portable(r, a, b)
#define SM2_FSQR(r, a) sm2_fe_sqr_portable(r, a)
#include "crypto/sm2_point_impl.h"

const gmtls_sm2_impl gmtls_sm2_impl_portable = {
    "portable",
    sm2_portable_fe_mul,
    sm2_portable_fe_sqr,
    sm2_portable_fe_inv,
    sm2_portable_point_add,
    sm2_portable_point_double,
    sm2_portable_mul_base,
    sm2_portable_mul,
    sm2_portable_mul_double_vartime,
    sm2_portable_mul_double_vartime_table,
    sm2_portable_point_table_init,
};

/* The chosen implementation; NULL until first use or after a reset. A pointer-sized atomic store:
 * concurrent first uses all compute the same answer. sm2_ifma: 0 unknown, 1 no, 2 yes (the IFMA
 * fixed-base multiplication, used beside either implementation). */
static const gmtls_sm2_impl *sm2_current;
static int sm2_ifma;

static int sm2_use_ifma(void)
{
#if defined(__x86_64__)
    int v = __atomic_load_n(&sm2_ifma, __ATOMIC_ACQUIRE);
    if (v == 0) {
        v = gmtls_sm2_ifma_usable() ? 2 : 1;
        __atomic_store_n(&sm2_ifma, v, __ATOMIC_RELEASE);
    }
    return v == 2;
#else
    return 0;
#endif
}

static const gmtls_sm2_impl *sm2_select(void)
{
#if defined(__x86_64__)
    if (gmtls_cpu_has(GMTLS_CPU_BMI2 | GMTLS_CPU_ADX))
        return &gmtls_sm2_impl_bmi2;
#endif
    return &gmtls_sm2_impl_portable;
}

const gmtls_sm2_impl *gmtls_sm2_impl_current(void)
{
    const gmtls_sm2_impl *i = __atomic_load_n(&sm2_current, __ATOMIC_ACQUIRE);
    if (i == NULL) {
        i = sm2_select();
        __atomic_store_n(&sm2_current, i, __ATOMIC_RELEASE);
    }
    return i;
}

const char *gmtls_sm2_arith_impl(void)
{
    return gmtls_sm2_impl_current()->name;
}

const char *gmtls_sm2_arith_impl_full(void)
{
    const char *name = gmtls_sm2_impl_current()->name;
    if (sm2_use_ifma())
        return strcmp(name, "bmi2-adx") == 0 ? "bmi2-adx+ifma" : "portable+ifma";
    return name;
}

void gmtls_sm2_arith_impl_reset(void)
{
    __atomic_store_n(&sm2_current, (const gmtls_sm2_impl *)NULL, __ATOMIC_RELEASE);
    __atomic_store_n(&sm2_ifma, 0, __ATOMIC_RELEASE);
}

int gmtls_sm2_mul_base_batch(gmtls_sm2_point r[8], const gmtls_sm2_scalar k[8])
{
#if defined(__x86_64__)
    if (sm2_use_ifma()) {
        gmtls_sm2_mul_base8_ifma(r, k);
        return 1;
    }
#else
    (void)r;
    (void)k;
#endif
    return 0;
}

/* ---- Point API ---- */

/* b in Montgomery form */
static const gmtls_sm2_fe sm2_b_m = {
    {0x90d230632bc0dd42ULL, 0x71cf379ae9b537abULL, 0x527981505ea51c3cULL, 0x240fe188ba20e2c8ULL}};
static const gmtls_sm2_point sm2_g_m = {
    {{0x61328990f418029eULL, 0x3e7981eddca6c050ULL, 0xd6a1ed99ac24c3c3ULL, 0x91167a5ee1c13b05ULL}},
    {{0xc1354e593c2d0dddULL, 0xc1f5e5788d3295faULL, 0x8d4cfb066e2a48f8ULL, 0x63cd65d481d735bdULL}},
    {{0x0000000000000001ULL, 0x00000000ffffffffULL, 0x0000000000000000ULL, 0x0000000100000000ULL}}};

/* x^3 - 3x + b (Montgomery form in and out). */
static void sm2_curve_rhs(gmtls_sm2_fe *r, const gmtls_sm2_fe *x)
{
    gmtls_sm2_fe t, x3;
    sm2_fe_sqr_portable(&t, x);
    sm2_fe_mul_portable(&x3, &t, x);
    sm2_fe_add_impl(&t, x, x);
    sm2_fe_add_impl(&t, &t, x);
    sm2_fe_sub_impl(&x3, &x3, &t);
    sm2_fe_add_impl(r, &x3, &sm2_b_m);
}

int gmtls_sm2_point_from_affine(gmtls_sm2_point *p, const uint8_t x[32], const uint8_t y[32])
{
    gmtls_sm2_fe fx, fy, lhs, rhs;
    uint64_t ok = gmtls_sm2_fe_from_bytes(&fx, x) & gmtls_sm2_fe_from_bytes(&fy, y);
    sm2_fe_sqr_portable(&lhs, &fy);
    sm2_curve_rhs(&rhs, &fx);
    ok &= sm2_fe_eq_impl(&lhs, &rhs);
    if (!ok) {
        gmtls_sm2_point_set_infinity(p);
        return GMTLS_ERR_BAD_POINT;
    }
    p->X = fx;
    p->Y = fy;
    p->Z = gmtls_sm2_fe_one_m;
    return 0;
}

int gmtls_sm2_point_decompress(uint8_t y[32], const uint8_t x[32], int y_is_odd)
{
    gmtls_sm2_fe fx, rhs, fy, ny;
    uint8_t out[32];
    uint64_t ok = gmtls_sm2_fe_from_bytes(&fx, x), odd;
    sm2_curve_rhs(&rhs, &fx);
    ok &= gmtls_sm2_fe_sqrt(&fy, &rhs);
    gmtls_sm2_fe_to_bytes(out, &fy);
    /* pick the root with the requested parity (the other root is p - y, of opposite parity) */
    odd = (uint64_t)(out[31] & 1) ^ (uint64_t)(y_is_odd != 0);
    sm2_fe_neg_impl(&ny, &fy);
    sm2_fe_cmov(&fy, &ny, 0 - odd);
    /* y = 0 has no odd twin: x with rhs = 0 has no point with an odd y (none exist on SM2 anyway) */
    ok &= ~(sm2_fe_is_zero_impl(&fy) & (0 - (uint64_t)(y_is_odd != 0)));
    if (!ok) {
        memset(y, 0, 32);
        return GMTLS_ERR_BAD_POINT;
    }
    gmtls_sm2_fe_to_bytes(y, &fy);
    return 0;
}

int gmtls_sm2_point_to_affine(uint8_t x[32], uint8_t y[32], const gmtls_sm2_point *p)
{
    /* No branch on the coordinates (the point may be secret, e.g. an ECDH result): infinity has
     * Z = 0, whose "inverse" is 0, so the outputs come out as zeros and only the return value,
     * computed with a mask, reports it. */
    const gmtls_sm2_impl *im = gmtls_sm2_impl_current();
    gmtls_sm2_fe zi, zi2, t;
    uint64_t inf = sm2_fe_is_zero_impl(&p->Z);
    gmtls_sm2_fe_inv_ct(&zi, &p->Z);
    im->fe_sqr(&zi2, &zi);
    if (x) {
        im->fe_mul(&t, &p->X, &zi2);
        gmtls_sm2_fe_to_bytes(x, &t);
    }
    if (y) {
        im->fe_mul(&zi2, &zi2, &zi);
        im->fe_mul(&t, &p->Y, &zi2);
        gmtls_sm2_fe_to_bytes(y, &t);
    }
    gmtls_wipe(&zi, sizeof zi);
    gmtls_wipe(&zi2, sizeof zi2);
    gmtls_wipe(&t, sizeof t);
    return (int)(int64_t)(inf & (uint64_t)(int64_t)GMTLS_ERR_BAD_POINT);
}

void gmtls_sm2_point_set_infinity(gmtls_sm2_point *p)
{
    p->X = gmtls_sm2_fe_one_m;
    p->Y = gmtls_sm2_fe_one_m;
    memset(&p->Z, 0, sizeof p->Z);
}

uint64_t gmtls_sm2_point_is_infinity(const gmtls_sm2_point *p)
{
    return sm2_fe_is_zero_impl(&p->Z);
}

uint64_t gmtls_sm2_point_eq(const gmtls_sm2_point *a, const gmtls_sm2_point *b)
{
    /* X1 Z2^2 = X2 Z1^2 and Y1 Z2^3 = Y2 Z1^3, or both infinity */
    gmtls_sm2_fe z1z1, z2z2, u1, u2, s1, s2;
    uint64_t ainf = sm2_fe_is_zero_impl(&a->Z), binf = sm2_fe_is_zero_impl(&b->Z), same;
    sm2_fe_sqr_portable(&z1z1, &a->Z);
    sm2_fe_sqr_portable(&z2z2, &b->Z);
    sm2_fe_mul_portable(&u1, &a->X, &z2z2);
    sm2_fe_mul_portable(&u2, &b->X, &z1z1);
    sm2_fe_mul_portable(&s1, &a->Y, &z2z2);
    sm2_fe_mul_portable(&s1, &s1, &b->Z);
    sm2_fe_mul_portable(&s2, &b->Y, &z1z1);
    sm2_fe_mul_portable(&s2, &s2, &a->Z);
    same = sm2_fe_eq_impl(&u1, &u2) & sm2_fe_eq_impl(&s1, &s2);
    return (ainf & binf) | (~ainf & ~binf & same);
}

void gmtls_sm2_point_add(gmtls_sm2_point *r, const gmtls_sm2_point *a, const gmtls_sm2_point *b)
{
    gmtls_sm2_impl_current()->point_add(r, a, b);
}

void gmtls_sm2_point_double(gmtls_sm2_point *r, const gmtls_sm2_point *a)
{
    gmtls_sm2_impl_current()->point_double(r, a);
}

void gmtls_sm2_point_neg(gmtls_sm2_point *r, const gmtls_sm2_point *a)
{
    r->X = a->X;
    sm2_fe_neg_impl(&r->Y, &a->Y);
    r->Z = a->Z;
}

void gmtls_sm2_point_generator(gmtls_sm2_point *p)
{
    *p = sm2_g_m;
}

void gmtls_sm2_mul_base(gmtls_sm2_point *r, const gmtls_sm2_scalar *k)
{
#if defined(__x86_64__)
    if (sm2_use_ifma()) {
        gmtls_sm2_mul_base_ifma(r, k);
        return;
    }
#endif
    gmtls_sm2_impl_current()->mul_base(r, k);
}

void gmtls_sm2_mul_base_x(gmtls_sm2_fe *num, gmtls_sm2_fe *den, const gmtls_sm2_scalar *k)
{
    gmtls_sm2_point p;
#if defined(__x86_64__)
    if (sm2_use_ifma()) {
        gmtls_sm2_mul_base_xz_ifma(num, den, k); /* projective: x = X / Z */
        return;
    }
#endif
    gmtls_sm2_impl_current()->mul_base(&p, k); /* Jacobian: x = X / Z^2 */
    *num = p.X;
    gmtls_sm2_fe_sqr(den, &p.Z);
    gmtls_wipe(&p, sizeof p);
}

void gmtls_sm2_mul(gmtls_sm2_point *r, const gmtls_sm2_scalar *k, const gmtls_sm2_point *p)
{
    gmtls_sm2_impl_current()->mul(r, k, p);
}

void gmtls_sm2_mul_double_vartime(gmtls_sm2_point *r, const gmtls_sm2_scalar *a, const gmtls_sm2_scalar *b,
                                  const gmtls_sm2_point *p)
{
    gmtls_sm2_impl_current()->mul_double_vartime(r, a, b, p);
}

void gmtls_sm2_point_table_init(gmtls_sm2_point_table *t, const gmtls_sm2_point *p)
{
    gmtls_sm2_impl_current()->point_table_init(t, p);
}

void gmtls_sm2_mul_double_vartime_table(gmtls_sm2_point *r, const gmtls_sm2_scalar *a, const gmtls_sm2_scalar *b,
                                        const gmtls_sm2_point_table *t)
{
    gmtls_sm2_impl_current()->mul_double_vartime_table(r, a, b, t);
}
