/* Constant time of the safegcd inversions under valgrind: the input is marked secret (undefined),
 * so memcheck reports any branch or memory index that depends on it inside gmtls_sm2_fe_inv_ct and
 * gmtls_sm2_scalar_inv_ct. The result is marked public only afterwards and compared with the Fermat
 * inversion of the same value run on public data. Inputs: 0, 1, p - 1 / n - 1 and random values.
 * Both divstep loops run: the x86-64 assembly one when the (emulated) CPU reports BMI2, and the C
 * one with BMI2 masked off. */
#include "core/cpu.h"
#include "crypto/sm2_arith.h"
#include "crypto/sm2_inv.h"
#include "ctgrind.h"
#include "test.h"

static void fe_case(const gmtls_sm2_fe *pub)
{
    gmtls_sm2_fe a = *pub, r, ref, r2;
    CT_SECRET(&a, sizeof a);
    gmtls_sm2_fe_inv_ct(&r, &a);
    r2 = a; /* in place too */
    gmtls_sm2_fe_inv_ct(&r2, &r2);
    CT_PUBLIC(&r, sizeof r);
    CT_PUBLIC(&r2, sizeof r2);
    gmtls_sm2_fe_inv(&ref, pub);
    CHECK(memcmp(&r, &ref, sizeof r) == 0);
    CHECK(memcmp(&r2, &ref, sizeof r2) == 0);
}

static void scalar_case(const gmtls_sm2_scalar *pub)
{
    gmtls_sm2_scalar a = *pub, r, ref;
    CT_SECRET(&a, sizeof a);
    gmtls_sm2_scalar_inv_ct(&r, &a);
    CT_PUBLIC(&r, sizeof r);
    gmtls_sm2_scalar_inv(&ref, pub);
    CHECK(memcmp(&r, &ref, sizeof r) == 0);
}

static void run(void)
{
    static const gmtls_sm2_fe fe_edge[] = {
        {{0, 0, 0, 0}},
        {{1, 0, 0, 0}},
        {{0xfffffffffffffffeULL, 0xffffffff00000000ULL, 0xffffffffffffffffULL, 0xfffffffeffffffffULL}}};
    static const gmtls_sm2_scalar sc_edge[] = {
        {{0, 0, 0, 0}},
        {{1, 0, 0, 0}},
        {{0x53bbf40939d54122ULL, 0x7203df6b21c6052bULL, 0xffffffffffffffffULL, 0xfffffffeffffffffULL}}};
    test_rand_seed(0xc7);
    for (size_t i = 0; i < 3; i++) {
        fe_case(&fe_edge[i]);
        scalar_case(&sc_edge[i]);
    }
    for (int k = 0; k < 16; k++) {
        uint8_t b[32];
        gmtls_sm2_fe f;
        gmtls_sm2_scalar s;
        test_rand_bytes(b, 32);
        gmtls_sm2_fe_from_bytes(&f, b); /* reduced mod p */
        gmtls_sm2_scalar_from_bytes(&s, b);
        fe_case(&f);
        scalar_case(&s);
    }
}

int main(void)
{
    printf("BMI2 %s\n", gmtls_cpu_has(GMTLS_CPU_BMI2) ? "available: assembly divsteps, then C" : "unavailable: C only");
    if (gmtls_cpu_has(GMTLS_CPU_BMI2))
        run();
    gmtls_cpu_set_mask(~(uint32_t)GMTLS_CPU_BMI2);
    gmtls_sm2_arith_impl_reset();
    run();
    return test_report();
}
