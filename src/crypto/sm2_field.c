/* SM2 field mod p (GB/T 32918.5-2017): the field API used by the curve code and the tests.
 * Multiplication, squaring and inversion go through the implementation chosen at run time;
 * the rest is the portable code of sm2_field_impl.h. */
#include <string.h>

#include "core/bytes.h"
#include "crypto/sm2_point_impl.h"

/* R^2 mod p, to enter the Montgomery domain. */
static const gmtls_sm2_fe sm2_r2 = {
    {0x0000000200000003ULL, 0x00000002ffffffffULL, 0x0000000100000001ULL, 0x0000000400000002ULL}};

uint64_t gmtls_sm2_fe_from_bytes(gmtls_sm2_fe *r, const uint8_t b[32])
{
    uint64_t v[4], s[4], borrow = 0, lt;
    gmtls_sm2_fe t;
    for (int i = 0; i < 4; i++)
        v[i] = gmtls_load_be64(b + 8 * (3 - i));
    for (int i = 0; i < 4; i++) {
        gmtls_u128 d = (gmtls_u128)v[i] - gmtls_sm2_p[i] - borrow;
        s[i] = (uint64_t)d;
        borrow = (uint64_t)(d >> 64) & 1;
    }
    lt = 0 - borrow; /* value < p */
    for (int i = 0; i < 4; i++)
        t.v[i] = (v[i] & lt) | (s[i] & ~lt);
    sm2_fe_mul_portable(r, &t, &sm2_r2);
    return lt;
}

void gmtls_sm2_fe_to_bytes(uint8_t b[32], const gmtls_sm2_fe *a)
{
    static const gmtls_sm2_fe one = {{1, 0, 0, 0}};
    gmtls_sm2_fe t;
    sm2_fe_mul_portable(&t, a, &one); /* leave the Montgomery domain */
    for (int i = 0; i < 4; i++)
        gmtls_store_be64(b + 8 * (3 - i), t.v[i]);
}

void gmtls_sm2_fe_add(gmtls_sm2_fe *r, const gmtls_sm2_fe *a, const gmtls_sm2_fe *b)
{
    sm2_fe_add_impl(r, a, b);
}

void gmtls_sm2_fe_sub(gmtls_sm2_fe *r, const gmtls_sm2_fe *a, const gmtls_sm2_fe *b)
{
    sm2_fe_sub_impl(r, a, b);
}

void gmtls_sm2_fe_neg(gmtls_sm2_fe *r, const gmtls_sm2_fe *a)
{
    sm2_fe_neg_impl(r, a);
}

void gmtls_sm2_fe_mul(gmtls_sm2_fe *r, const gmtls_sm2_fe *a, const gmtls_sm2_fe *b)
{
    gmtls_sm2_impl_current()->fe_mul(r, a, b);
}

void gmtls_sm2_fe_sqr(gmtls_sm2_fe *r, const gmtls_sm2_fe *a)
{
    gmtls_sm2_impl_current()->fe_sqr(r, a);
}

void gmtls_sm2_fe_inv(gmtls_sm2_fe *r, const gmtls_sm2_fe *a)
{
    gmtls_sm2_impl_current()->fe_inv(r, a);
}

uint64_t gmtls_sm2_fe_is_zero(const gmtls_sm2_fe *a)
{
    return sm2_fe_is_zero_impl(a);
}

/* r = a^e for a public exponent e (4 limbs, little-endian): fixed 4-bit windows, so the sequence
 * of operations depends only on e; table reads are indexed by e, never by a. */
static void sm2_fe_pow_public(gmtls_sm2_fe *r, const gmtls_sm2_fe *a, const uint64_t e[4])
{
    gmtls_sm2_fe tbl[16], acc;
    tbl[0] = gmtls_sm2_fe_one_m;
    tbl[1] = *a;
    for (int i = 2; i < 16; i++)
        sm2_fe_mul_portable(&tbl[i], &tbl[i - 1], a);
    acc = gmtls_sm2_fe_one_m;
    for (int i = 63; i >= 0; i--) {
        unsigned nib = (unsigned)(e[i / 16] >> (4 * (i % 16))) & 15;
        for (int j = 0; j < 4; j++)
            sm2_fe_sqr_portable(&acc, &acc);
        sm2_fe_mul_portable(&acc, &acc, &tbl[nib]);
    }
    *r = acc;
}

uint64_t gmtls_sm2_fe_sqrt(gmtls_sm2_fe *r, const gmtls_sm2_fe *a)
{
    /* p = 3 mod 4: a^((p+1)/4) is a root exactly when a is a square (GB/T 32918.1 B.1.3) */
    static const uint64_t e[4] = {0x4000000000000000ULL, 0xffffffffc0000000ULL, 0xffffffffffffffffULL,
                                  0x3fffffffbfffffffULL};
    gmtls_sm2_fe s, c;
    sm2_fe_pow_public(&s, a, e);
    sm2_fe_sqr_portable(&c, &s);
    *r = s;
    return sm2_fe_eq_impl(&c, a);
}
