/* Constant time of the SM2 arithmetic under valgrind: the scalar (or field element) is marked
 * secret (undefined), so memcheck reports any branch or memory index that depends on it. Results
 * are marked public only after the operation, then compared with the same computation done on
 * public data through a different routine. Paths valgrind cannot run are skipped by the CPU
 * mask: the portable path always runs, BMI2/ADX when the (emulated) CPU reports it. */
#include "core/cpu.h"
#include "crypto/sm2_arith.h"
#include "ctgrind.h"
#include "test.h"

static int same_affine(const gmtls_sm2_point *a, const gmtls_sm2_point *b)
{
    uint8_t ax[32], ay[32], bx[32], by[32];
    int ra = gmtls_sm2_point_to_affine(ax, ay, a), rb = gmtls_sm2_point_to_affine(bx, by, b);
    return ra == 0 && rb == 0 && memcmp(ax, bx, 32) == 0 && memcmp(ay, by, 32) == 0;
}

static void run(void)
{
    for (int it = 0; it < 3; it++) {
        uint8_t kb[32], cb[32], out[32], out2[32];
        gmtls_sm2_scalar k, kpub, c, zero, r, rpub;
        gmtls_sm2_point g, p, res, ref;
        gmtls_sm2_fe f, fi, fpub;
        uint64_t mask;

        test_rand_bytes(kb, 32);
        test_rand_bytes(cb, 32);
        if (it == 1)
            memset(kb, 0xff, 32); /* >= n: from_bytes reduces */
        gmtls_sm2_scalar_from_bytes(&kpub, kb);
        gmtls_sm2_scalar_from_bytes(&c, cb);
        gmtls_sm2_scalar_set_u64(&zero, 0);
        gmtls_sm2_point_generator(&g);
        gmtls_sm2_mul_double_vartime(&p, &c, &zero, &g); /* public P = c*G */

        /* scalar decoding with a secret input */
        CT_SECRET(kb, 32);
        mask = gmtls_sm2_scalar_from_bytes(&k, kb);
        CT_PUBLIC(&mask, sizeof mask);
        CT_PUBLIC(kb, 32);
        CHECK(mask == (it == 1 ? 0 : ~0ULL));

        /* k*G */
        CT_SECRET(&k, sizeof k);
        gmtls_sm2_mul_base(&res, &k);
        CT_PUBLIC(&res, sizeof res);
        gmtls_sm2_mul_double_vartime(&ref, &kpub, &zero, &g);
        CHECK(same_affine(&res, &ref));

        /* k*P */
        gmtls_sm2_mul(&res, &k, &p);
        CT_PUBLIC(&res, sizeof res);
        gmtls_sm2_mul_double_vartime(&ref, &zero, &kpub, &p);
        CHECK(same_affine(&res, &ref));

        /* to_affine of a secret point */
        gmtls_sm2_mul_base(&res, &k);
        {
            int rc = gmtls_sm2_point_to_affine(out, out2, &res);
            CT_PUBLIC(&rc, sizeof rc);
            CT_PUBLIC(out, 32);
            CT_PUBLIC(out2, 32);
            CHECK_EQ(rc, 0);
        }
        gmtls_sm2_mul_double_vartime(&ref, &kpub, &zero, &g);
        CHECK_OK(gmtls_sm2_point_to_affine(kb, cb, &ref));
        CHECK_MEM(out, kb, 32);
        CHECK_MEM(out2, cb, 32);

        /* complete addition and doubling of secret points */
        {
            gmtls_sm2_point s1, s2, sum, sumref;
            gmtls_sm2_mul_base(&s1, &k);
            s2 = s1;
            gmtls_sm2_point_add(&sum, &s1, &s2); /* equal inputs: the doubling is selected */
            gmtls_sm2_point_double(&s2, &s2);
            gmtls_sm2_point_add(&s2, &s2, &sum);
            CT_PUBLIC(&sum, sizeof sum);
            CT_PUBLIC(&s2, sizeof s2);
            gmtls_sm2_point_double(&sumref, &ref);
            CHECK(same_affine(&sum, &sumref));
            gmtls_sm2_point_add(&sumref, &sumref, &sumref);
            CHECK(same_affine(&s2, &sumref));
        }

        /* scalar arithmetic: k*c, k^-1, k + c, k - c */
        gmtls_sm2_scalar_mul(&r, &k, &c);
        CT_PUBLIC(&r, sizeof r);
        gmtls_sm2_scalar_mul(&rpub, &kpub, &c);
        CHECK(memcmp(&r, &rpub, sizeof r) == 0);
        gmtls_sm2_scalar_inv(&r, &k);
        CT_PUBLIC(&r, sizeof r);
        gmtls_sm2_scalar_mul(&rpub, &r, &kpub);
        gmtls_sm2_scalar_to_bytes(out, &rpub);
        CHECK(out[31] == 1 && out[0] == 0);
        gmtls_sm2_scalar_add(&r, &k, &c);
        gmtls_sm2_scalar_sub(&r, &r, &c);
        mask = gmtls_sm2_scalar_eq(&r, &k) & ~gmtls_sm2_scalar_is_zero(&r);
        CT_PUBLIC(&mask, sizeof mask);
        CHECK(mask == ~0ULL);

        /* field inversion and multiplication of a secret element */
        gmtls_sm2_scalar_to_bytes(out, &kpub);
        out[0] &= 0x7f;
        gmtls_sm2_fe_from_bytes(&fpub, out);
        f = fpub;
        CT_SECRET(&f, sizeof f);
        gmtls_sm2_fe_inv(&fi, &f);
        gmtls_sm2_fe_mul(&fi, &fi, &f);
        gmtls_sm2_fe_sqr(&fi, &fi);
        CT_PUBLIC(&fi, sizeof fi);
        gmtls_sm2_fe_to_bytes(out, &fi);
        CHECK(out[31] == 1 && out[0] == 0 && out[16] == 0);
    }
}

#if defined(__x86_64__)
#include "crypto/sm2_field_bmi2.h"

/* The BMI2 asm linear operations of the curve code (a + b, a - b, 2a, 3a, a - 2b, a / 2,
 * a - b / 2, a - 2b with b - (a - 2b)) on secret elements, odd and even (a / 2 adds p to odd
 * values with a mask), each result compared with the portable composition of add and sub. */
static void run_bmi2_linear(void)
{
    for (int it = 0; it < 4; it++) {
        uint8_t b1[32], b2[32];
        gmtls_sm2_fe a, b, r[9], e;
        test_rand_bytes(b1, 32);
        test_rand_bytes(b2, 32);
        b1[0] &= 0x7f;
        b2[0] &= 0x7f;
        b1[31] = (uint8_t)((b1[31] & 0xfe) | (it & 1));
        gmtls_sm2_fe_from_bytes(&a, b1);
        gmtls_sm2_fe_from_bytes(&b, b2);
        a.v[0] = (a.v[0] & ~1ULL) | (uint64_t)(it & 1);
        CT_SECRET(&a, sizeof a);
        CT_SECRET(&b, sizeof b);
        sm2_fe_add_bmi2(&r[0], &a, &b);
        sm2_fe_sub_bmi2(&r[1], &a, &b);
        sm2_fe_dbl_bmi2(&r[2], &a);
        sm2_fe_tpl_bmi2(&r[3], &a);
        sm2_fe_sub2_bmi2(&r[4], &a, &b);
        sm2_fe_half_bmi2(&r[5], &a);
        sm2_fe_sub_half_bmi2(&r[6], &b, &a);
        sm2_fe_sub2_rsub_bmi2(&r[7], &r[8], &a, &b);
        CT_PUBLIC(r, sizeof r);
        CT_PUBLIC(&a, sizeof a);
        CT_PUBLIC(&b, sizeof b);
        gmtls_sm2_fe_add(&e, &a, &b);
        CHECK_MEM(&r[0], &e, sizeof e);
        gmtls_sm2_fe_sub(&e, &a, &b);
        CHECK_MEM(&r[1], &e, sizeof e);
        gmtls_sm2_fe_add(&e, &a, &a);
        CHECK_MEM(&r[2], &e, sizeof e);
        gmtls_sm2_fe_add(&e, &e, &a);
        CHECK_MEM(&r[3], &e, sizeof e);
        gmtls_sm2_fe_sub(&e, &a, &b);
        gmtls_sm2_fe_sub(&e, &e, &b);
        CHECK_MEM(&r[4], &e, sizeof e);
        gmtls_sm2_fe_add(&e, &r[5], &r[5]);
        CHECK_MEM(&e, &a, sizeof e);
        gmtls_sm2_fe_sub(&e, &b, &r[5]);
        CHECK_MEM(&r[6], &e, sizeof e);
        CHECK_MEM(&r[7], &r[4], sizeof e);
        gmtls_sm2_fe_sub(&e, &b, &r[4]);
        CHECK_MEM(&r[8], &e, sizeof e);
    }
}
#endif

int main(void)
{
    if (gmtls_cpu_has(GMTLS_CPU_BMI2 | GMTLS_CPU_ADX)) {
        gmtls_sm2_arith_impl_reset();
        test_rand_seed(21);
        run();
#if defined(__x86_64__)
        run_bmi2_linear();
#endif
    }
    gmtls_cpu_set_mask(~(uint32_t)(GMTLS_CPU_BMI2 | GMTLS_CPU_ADX));
    gmtls_sm2_arith_impl_reset();
    CHECK(strcmp(gmtls_sm2_arith_impl(), "portable") == 0);
    test_rand_seed(21);
    run();
    return test_report();
}
