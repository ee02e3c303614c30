/* The AVX-512 IFMA fixed-base multiplication (src/crypto/sm2_base_ifma.c) against the portable
 * scalar code: one scalar and eight at once, on random scalars and
 * on scalars that reach every Booth digit extreme, the top window and the group order's neighbours.
 * Exits with 77 (skipped) on a CPU without IFMA. */
#include "core/cpu.h"
#include "crypto/sm2_arith.h"
#include "crypto/sm2_ifma.h"
#include "test.h"

static const char *const N_HEX = "fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123";

/* Same group element, and the Jacobian coordinates are fully reduced (below p). */
static int same_point(const gmtls_sm2_point *a, const gmtls_sm2_point *b)
{
    uint8_t ax[32], ay[32], bx[32], by[32];
    int ia = gmtls_sm2_point_is_infinity(a) != 0, ib = gmtls_sm2_point_is_infinity(b) != 0;
    if (ia || ib)
        return ia && ib;
    if (gmtls_sm2_point_to_affine(ax, ay, a) != 0 || gmtls_sm2_point_to_affine(bx, by, b) != 0)
        return 0;
    return memcmp(ax, bx, 32) == 0 && memcmp(ay, by, 32) == 0;
}

static int reduced(const gmtls_sm2_point *a)
{
    const gmtls_sm2_fe *f[3] = {&a->X, &a->Y, &a->Z};
    for (int i = 0; i < 3; i++) {
        uint8_t b[32];
        gmtls_sm2_fe t;
        /* from_bytes reports value < p; to_bytes of a Montgomery element below p round-trips */
        gmtls_sm2_fe_to_bytes(b, f[i]);
        if (gmtls_sm2_fe_from_bytes(&t, b) != ~0ULL || memcmp(&t, f[i], sizeof t) != 0)
            return 0;
    }
    return 1;
}

/* The scalar reference: the dispatcher with IFMA masked off. */
static void reference(gmtls_sm2_point *r, const gmtls_sm2_scalar *k)
{
    gmtls_cpu_set_mask(~(uint32_t)GMTLS_CPU_AVX512IFMA);
    gmtls_sm2_arith_impl_reset();
    gmtls_sm2_mul_base(r, k);
    gmtls_cpu_set_mask(0xffffffffu);
    gmtls_sm2_arith_impl_reset();
}

static void check_one(const gmtls_sm2_scalar *k)
{
    gmtls_sm2_point ref, ct;
    gmtls_sm2_fe num, den, inv;
    uint8_t want[32], got[32];
    reference(&ref, k);
    gmtls_sm2_mul_base_ifma(&ct, k);
    CHECK(same_point(&ct, &ref));
    CHECK(reduced(&ct));
    /* the x-only form: x = num / den, with den = 0 exactly for infinity */
    gmtls_sm2_mul_base_xz_ifma(&num, &den, k);
    CHECK_EQ(gmtls_sm2_fe_is_zero(&den) != 0, gmtls_sm2_point_is_infinity(&ref) != 0);
    if (!gmtls_sm2_point_is_infinity(&ref)) {
        gmtls_sm2_fe_inv(&inv, &den);
        gmtls_sm2_fe_mul(&num, &num, &inv);
        gmtls_sm2_fe_to_bytes(got, &num);
        CHECK_OK(gmtls_sm2_point_to_affine(want, NULL, &ref));
        CHECK_MEM(got, want, 32);
    }
}

/* Scalars whose Booth windows (6 bits here, 7 in the scalar code) hit 0, +-1 and their extremes,
 * everywhere or in one window. */
static void edge_scalars(void)
{
    static const uint8_t fill[] = {0x00, 0xff, 0x80, 0x7f, 0x40, 0xc0, 0x3f, 0x55, 0xaa, 0x01};
    gmtls_sm2_scalar k, one;
    uint8_t b[32];
    for (size_t f = 0; f < sizeof fill; f++) {
        memset(b, fill[f], 32);
        gmtls_sm2_scalar_from_bytes(&k, b); /* 0xff.. reduces mod n */
        check_one(&k);
    }
    for (unsigned bit = 0; bit < 256; bit += 5) { /* 2^bit and 2^bit - 1 */
        memset(b, 0, 32);
        b[31 - bit / 8] = (uint8_t)(1u << (bit % 8));
        gmtls_sm2_scalar_from_bytes(&k, b);
        check_one(&k);
        gmtls_sm2_scalar_set_u64(&one, 1);
        gmtls_sm2_scalar_sub(&k, &k, &one);
        check_one(&k);
    }
    for (uint64_t v = 1; v <= 3; v++) { /* n - v and v */
        gmtls_sm2_scalar_set_u64(&one, v);
        check_one(&one);
        gmtls_sm2_scalar_neg(&k, &one);
        check_one(&k);
    }
    /* the top Booth digit at its largest: k just below n */
    test_unhex(N_HEX, b, 32);
    b[31] ^= 0x24;
    gmtls_sm2_scalar_from_bytes(&k, b);
    check_one(&k);
}

static void random_scalars(void)
{
    for (int i = 0; i < 200; i++) {
        uint8_t b[32];
        gmtls_sm2_scalar k;
        test_rand_bytes(b, 32);
        if (i % 4 == 1)
            memset(b, 0, 16); /* short scalars leave high windows empty */
        gmtls_sm2_scalar_from_bytes(&k, b);
        check_one(&k);
    }
}

static void batches(void)
{
    for (int it = 0; it < 20; it++) {
        gmtls_sm2_scalar k[8];
        gmtls_sm2_point r[8], ref;
        for (int l = 0; l < 8; l++) {
            uint8_t b[32];
            test_rand_bytes(b, 32);
            gmtls_sm2_scalar_from_bytes(&k[l], b);
        }
        if (it == 0) {
            gmtls_sm2_scalar_set_u64(&k[2], 0); /* one lane at infinity */
            gmtls_sm2_scalar_set_u64(&k[5], 1);
            gmtls_sm2_scalar_neg(&k[7], &k[5]); /* n - 1 */
        }
        gmtls_sm2_mul_base8_ifma(r, k);
        for (int l = 0; l < 8; l++) {
            reference(&ref, &k[l]);
            CHECK(same_point(&r[l], &ref));
            CHECK(reduced(&r[l]));
        }
    }
}

/* The dispatcher uses IFMA when allowed and says so; the batch entry point follows the mask. */
static void dispatch(void)
{
    gmtls_sm2_scalar k[8];
    gmtls_sm2_point r[8], one;
    for (int l = 0; l < 8; l++)
        gmtls_sm2_scalar_set_u64(&k[l], (uint64_t)l + 5);
    gmtls_sm2_arith_impl_reset();
    CHECK(strstr(gmtls_sm2_arith_impl_full(), "+ifma") != NULL);
    CHECK_EQ(gmtls_sm2_mul_base_batch(r, k), 1);
    reference(&one, &k[3]);
    CHECK(same_point(&r[3], &one));
    gmtls_cpu_set_mask(~(uint32_t)GMTLS_CPU_AVX512IFMA);
    gmtls_sm2_arith_impl_reset();
    CHECK(strstr(gmtls_sm2_arith_impl_full(), "ifma") == NULL);
    CHECK_EQ(gmtls_sm2_mul_base_batch(r, k), 0);
    {
        /* the scalar fraction path: x = X / Z^2 */
        gmtls_sm2_fe num, den, inv;
        uint8_t want[32], got[32];
        gmtls_sm2_mul_base_x(&num, &den, &k[3]);
        gmtls_sm2_fe_inv(&inv, &den);
        gmtls_sm2_fe_mul(&num, &num, &inv);
        gmtls_sm2_fe_to_bytes(got, &num);
        CHECK_OK(gmtls_sm2_point_to_affine(want, NULL, &one));
        CHECK_MEM(got, want, 32);
    }
    gmtls_cpu_set_mask(0xffffffffu);
    gmtls_sm2_arith_impl_reset();
}

int main(void)
{
    if (!gmtls_sm2_ifma_usable()) {
        printf("this CPU has no AVX-512 IFMA: nothing to test (skipped)\n");
        return 77;
    }
    edge_scalars();
    random_scalars();
    batches();
    dispatch();
    return test_report();
}
