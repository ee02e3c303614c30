/* Constant time of the safegcd inversions under valgrind: the input is marked secret (undefined),
 * so memcheck reports any branch or memory index that depends on it inside gmtls_sm2_fe_inv_ct and
 * gmtls_sm2_scalar_inv_ct. The blinded inversion gmtls_sm2_fe_inv_blinded runs with both a and beta
 * secret: it passes because the only value its variable-time part branches on, a * beta, is
 * declassified (gmtls_ct_declassify) after the constant-time multiplication. The plain
 * gmtls_sm2_fe_inv_vartime on a secret is flagged: with the declassify call taken out of
 * gmtls_sm2_fe_inv_blinded (so the variable-time inversion sees the secret a * beta) this program
 * fails under valgrind with "Conditional jump or move depends on uninitialised value(s) at
 * sm2_inv_divsteps62_var ... by gmtls_sm2_fe_inv_vartime ... by gmtls_sm2_fe_inv_blinded" (checked
 * when this test was written; it cannot stay as a case here, since any memcheck error fails the run).
 * Results are marked public only afterwards and compared with the Fermat inversion of the same value
 * run on public data. Inputs: 0, 1, p - 1 / n - 1 and random values.
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

/* a and beta secret; beta != 0 */
static void blinded_case(const gmtls_sm2_fe *pub, const gmtls_sm2_fe *beta_pub)
{
    gmtls_sm2_fe a = *pub, beta = *beta_pub, r, ref;
    CT_SECRET(&a, sizeof a);
    CT_SECRET(&beta, sizeof beta);
    gmtls_sm2_fe_inv_blinded(&r, &a, &beta);
    CT_PUBLIC(&r, sizeof r);
    gmtls_sm2_fe_inv(&ref, pub);
    CHECK(memcmp(&r, &ref, sizeof r) == 0);
    r = a; /* in place */
    gmtls_sm2_fe_inv_blinded(&r, &r, &beta);
    CT_PUBLIC(&r, sizeof r);
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
        /* the edge values as a and as beta (beta = 1 and p - 1 in raw limbs) */
        blinded_case(&fe_edge[i], &fe_edge[1]);
        blinded_case(&fe_edge[i], &fe_edge[2]);
        if (i > 0)
            blinded_case(&fe_edge[1], &fe_edge[i]);
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
        { /* a random beta for this a (nonzero) */
            gmtls_sm2_fe beta;
            test_rand_bytes(b, 32);
            b[31] |= 1;
            b[0] &= 0x7f; /* below p, so nonzero after the reduction */
            gmtls_sm2_fe_from_bytes(&beta, b);
            blinded_case(&f, &beta);
        }
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
