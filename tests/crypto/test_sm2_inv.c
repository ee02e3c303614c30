/* The safegcd inversions (gmtls_sm2_fe_inv_ct, gmtls_sm2_scalar_inv_ct, the variable-time
 * gmtls_sm2_fe_inv_vartime, gmtls_sm2_scalar_inv_vartime, and gmtls_sm2_fe_inv_blinded built on the
 * field one) against the Fermat versions (gmtls_sm2_fe_inv, gmtls_sm2_scalar_inv), which share no code
 * with them, on edge values and thousands of random values below p and n; plus a * inv(a) = 1,
 * inv(inv(a)) = a, inv(0) = 0 and in-place operation. The blinded inversion runs with a different
 * beta for every input: random ones and the edges 1, p - 1, R mod p (Montgomery 1), 2^k. The field inputs are raw limbs (the integer the algorithm actually sees is the
 * Montgomery representation), so the edge values hit the algorithm itself, not its Montgomery image.
 * Everything runs twice: with the CPU's features (the x86-64 assembly divsteps when BMI2 is there,
 * BMI2 and AVX for the variable-time ones, and the BMI2/ADX field arithmetic for Fermat) and with
 * BMI2/ADX masked off (the C divsteps, portable field arithmetic). */
#include "core/cpu.h"
#include "crypto/sm2_arith.h"
#include "crypto/sm2_inv.h"
#include "test.h"

static const uint64_t P[4] = {0xffffffffffffffffULL, 0xffffffff00000000ULL, 0xffffffffffffffffULL,
                              0xfffffffeffffffffULL};
static const uint64_t N[4] = {0x53bbf40939d54123ULL, 0x7203df6b21c6052bULL, 0xffffffffffffffffULL,
                              0xfffffffeffffffffULL};

/* ---- 256-bit helpers for building test values (little-endian 64-bit limbs) ---- */

static int lt256(const uint64_t a[4], const uint64_t b[4])
{
    for (int i = 3; i >= 0; i--)
        if (a[i] != b[i])
            return a[i] < b[i];
    return 0;
}

static void sub256(uint64_t r[4], const uint64_t a[4], const uint64_t b[4])
{
    uint64_t borrow = 0;
    for (int i = 0; i < 4; i++) {
        uint64_t d = a[i] - b[i] - borrow;
        borrow = (a[i] < b[i]) || (a[i] - b[i] < borrow);
        r[i] = d;
    }
}

static void set_u64(uint64_t r[4], uint64_t v)
{
    r[0] = v;
    r[1] = r[2] = r[3] = 0;
}

static void set_bit(uint64_t r[4], int k) { r[k / 64] |= 1ULL << (k % 64); }

/* r = the bits [lo, hi) set (a run of ones) */
static void set_run(uint64_t r[4], int lo, int hi)
{
    set_u64(r, 0);
    for (int k = lo; k < hi; k++)
        set_bit(r, k);
}

/* The edge values below the modulus m, in a fixed order; returns how many there are (idx beyond
 * that count gives nothing). Includes 0, small values, m - small, powers of two, 2^k - 1, m - 2^k,
 * runs of ones inside zeros and of zeros inside ones, alternating patterns and (m +- 1) / 2. */
static size_t edge_value(size_t idx, const uint64_t m[4], uint64_t out[4])
{
    uint64_t t[4];
    size_t i = idx;
    if (i < 16) { /* 0 .. 15 */
        set_u64(out, i);
        return 1;
    }
    i -= 16;
    if (i < 16) { /* m - 1 .. m - 16 */
        set_u64(t, i + 1);
        sub256(out, m, t);
        return 1;
    }
    i -= 16;
    if (i < 256) { /* 2^k */
        set_u64(out, 0);
        set_bit(out, (int)i);
        return (size_t)lt256(out, m);
    }
    i -= 256;
    if (i < 256) { /* 2^(k+1) - 1 */
        set_run(out, 0, (int)i + 1);
        return (size_t)lt256(out, m);
    }
    i -= 256;
    if (i < 256) { /* m - 2^k */
        set_u64(t, 0);
        set_bit(t, (int)i);
        if (!lt256(t, m))
            return 0;
        sub256(out, m, t);
        return 1;
    }
    i -= 256;
    if (i < 64) { /* a run of ones in zeros, and the complement run of zeros in m - 1 */
        int lo = (int)(i * 3) % 200, len = 17 + (int)(i * 11) % 50;
        set_run(out, lo, lo + len);
        if (i & 1) {
            sub256(t, m, out); /* m - run: long runs of ones with a run of zeros-ish */
            memcpy(out, t, sizeof t);
        }
        return (size_t)lt256(out, m);
    }
    i -= 64;
    if (i < 6) {
        static const uint64_t pat[3] = {0x5555555555555555ULL, 0xaaaaaaaaaaaaaaaaULL, 0xffffffff00000000ULL};
        for (int k = 0; k < 4; k++)
            out[k] = pat[i % 3];
        if (i >= 3)
            out[3] >>= 1;
        return (size_t)lt256(out, m);
    }
    i -= 6;
    if (i < 2) { /* (m - 1) / 2 and (m + 1) / 2 */
        for (int k = 0; k < 4; k++)
            out[k] = (m[k] >> 1) | (k < 3 ? m[k + 1] << 63 : 0);
        for (int k = 0; k < 4 && i == 1; k++) /* (m - 1) / 2 + 1 = (m + 1) / 2 */
            if (++out[k] != 0)
                break;
        return 1;
    }
    set_u64(out, 0);
    return 0;
}
#define EDGE_MAX 1000

/* a random value below m: random bytes, top limb masked into range and rejected if still >= m;
 * every seventh value has a long run of ones or zeros stamped in */
static void random_below(const uint64_t m[4], uint64_t out[4], int k)
{
    do {
        test_rand_bytes(out, 32);
        if (k % 7 == 3)
            out[(k / 7) % 4] = 0;
        else if (k % 7 == 5)
            out[(k / 7) % 3] = ~0ULL;
    } while (!lt256(out, m));
}

/* ---- field mod p ---- */

static int fe_eq(const gmtls_sm2_fe *a, const gmtls_sm2_fe *b) { return memcmp(a->v, b->v, 32) == 0; }

static unsigned long fe_cases, blind_cases;

/* The blinding factor for the k-th blinded inversion: every 8th one an edge value (raw limbs 1,
 * p - 1, Montgomery 1 = 2^256 mod p, a power of two), the others random in [1, p - 1]. */
static void next_beta(gmtls_sm2_fe *beta)
{
    static const uint8_t one_b[32] = {[31] = 1};
    const unsigned long k = blind_cases++;
    if (k % 8 == 0) {
        switch ((k / 8) % 4) {
        case 0:
            set_u64(beta->v, 1);
            break;
        case 1:
            set_u64(beta->v, 1);
            sub256(beta->v, P, beta->v);
            break;
        case 2:
            CHECK(gmtls_sm2_fe_from_bytes(beta, one_b) == ~0ULL);
            break;
        default:
            set_u64(beta->v, 0);
            set_bit(beta->v, (int)((k / 32) % 256));
            break;
        }
        return;
    }
    do
        test_rand_bytes(beta->v, 32);
    while (!lt256(beta->v, P) || (beta->v[0] | beta->v[1] | beta->v[2] | beta->v[3]) == 0);
}

/* the variable-time and blinded inversions of a, out of place and in place, against ref */
static void check_fe_var(const gmtls_sm2_fe *a, const gmtls_sm2_fe *ref)
{
    gmtls_sm2_fe r, beta, beta_copy;
    gmtls_sm2_fe_inv_vartime(&r, a);
    CHECK_MSG(fe_eq(&r, ref), "fe_inv_vartime != Fermat for %016llx%016llx%016llx%016llx",
              (unsigned long long)a->v[3], (unsigned long long)a->v[2], (unsigned long long)a->v[1],
              (unsigned long long)a->v[0]);
    r = *a;
    gmtls_sm2_fe_inv_vartime(&r, &r);
    CHECK(fe_eq(&r, ref));
    next_beta(&beta);
    beta_copy = beta;
    gmtls_sm2_fe_inv_blinded(&r, a, &beta);
    CHECK_MSG(fe_eq(&r, ref), "fe_inv_blinded != Fermat for %016llx%016llx%016llx%016llx",
              (unsigned long long)a->v[3], (unsigned long long)a->v[2], (unsigned long long)a->v[1],
              (unsigned long long)a->v[0]);
    CHECK(fe_eq(&beta, &beta_copy)); /* beta is only read */
    r = *a;
    gmtls_sm2_fe_inv_blinded(&r, &r, &beta);
    CHECK(fe_eq(&r, ref));
}

static void check_fe(const uint64_t x[4])
{
    gmtls_sm2_fe a, r, ref, back, one, prod;
    static const uint8_t one_b[32] = {[31] = 1};
    memcpy(a.v, x, 32);
    gmtls_sm2_fe_inv_ct(&r, &a);
    gmtls_sm2_fe_inv(&ref, &a);
    CHECK_MSG(fe_eq(&r, &ref), "fe_inv_ct != Fermat for %016llx%016llx%016llx%016llx",
              (unsigned long long)x[3], (unsigned long long)x[2], (unsigned long long)x[1],
              (unsigned long long)x[0]);
    CHECK(memcmp(r.v, P, 32) != 0 && lt256(r.v, P)); /* fully reduced */
    gmtls_sm2_fe_inv_ct(&back, &r);
    CHECK(fe_eq(&back, &a)); /* inv(inv(a)) = a */
    gmtls_sm2_fe_mul(&prod, &a, &r);
    gmtls_sm2_fe_from_bytes(&one, one_b);
    if (gmtls_sm2_fe_is_zero(&a))
        CHECK(gmtls_sm2_fe_is_zero(&r) == ~0ULL); /* inv(0) = 0 */
    else
        CHECK(fe_eq(&prod, &one)); /* a * inv(a) = 1 */
    back = a; /* in place */
    gmtls_sm2_fe_inv_ct(&back, &back);
    CHECK(fe_eq(&back, &ref));
    check_fe_var(&a, &ref);
    fe_cases++;
}

/* ---- scalars mod n ---- */

static unsigned long scalar_cases;

static void check_scalar(const uint64_t x[4])
{
    gmtls_sm2_scalar a, r, ref, back, one, prod;
    memcpy(a.v, x, 32);
    gmtls_sm2_scalar_inv_ct(&r, &a);
    gmtls_sm2_scalar_inv(&ref, &a);
    CHECK_MSG(memcmp(r.v, ref.v, 32) == 0, "scalar_inv_ct != Fermat for %016llx%016llx%016llx%016llx",
              (unsigned long long)x[3], (unsigned long long)x[2], (unsigned long long)x[1],
              (unsigned long long)x[0]);
    CHECK(lt256(r.v, N));
    gmtls_sm2_scalar_inv_ct(&back, &r);
    CHECK(memcmp(back.v, a.v, 32) == 0);
    gmtls_sm2_scalar_mul(&prod, &a, &r);
    gmtls_sm2_scalar_set_u64(&one, 1);
    if (gmtls_sm2_scalar_is_zero(&a))
        CHECK(gmtls_sm2_scalar_is_zero(&r) == ~0ULL);
    else
        CHECK(gmtls_sm2_scalar_eq(&prod, &one) == ~0ULL);
    back = a;
    gmtls_sm2_scalar_inv_ct(&back, &back);
    CHECK(memcmp(back.v, ref.v, 32) == 0);
    gmtls_sm2_scalar_inv_vartime(&back, &a);
    CHECK_MSG(memcmp(back.v, ref.v, 32) == 0, "scalar_inv_vartime != Fermat for %016llx%016llx%016llx%016llx",
              (unsigned long long)x[3], (unsigned long long)x[2], (unsigned long long)x[1],
              (unsigned long long)x[0]);
    back = a;
    gmtls_sm2_scalar_inv_vartime(&back, &back);
    CHECK(memcmp(back.v, ref.v, 32) == 0);
    scalar_cases++;
}

/* Montgomery form end to end: bytes -> field element -> inverse -> bytes is the plain inverse, so
 * the 2^512 start value really folds the conversion in (checked against a * a^-1 = 1 in bytes). */
static void check_fe_bytes(void)
{
    for (int k = 0; k < 200; k++) {
        uint8_t b[32], out[32], prod_b[32];
        gmtls_sm2_fe a, r, prod;
        test_rand_bytes(b, 32);
        b[0] &= 0x7f;
        b[31] |= 1; /* nonzero */
        gmtls_sm2_fe_from_bytes(&a, b);
        gmtls_sm2_fe_inv_ct(&r, &a);
        gmtls_sm2_fe_to_bytes(out, &r);
        gmtls_sm2_fe_mul(&prod, &a, &r);
        gmtls_sm2_fe_to_bytes(prod_b, &prod);
        CHECK(prod_b[31] == 1 && memcmp(prod_b, (const uint8_t[31]){0}, 31) == 0);
        gmtls_sm2_fe_inv(&prod, &a);
        gmtls_sm2_fe_to_bytes(prod_b, &prod);
        CHECK_MEM(out, prod_b, 32);
        gmtls_sm2_fe_inv_vartime(&r, &a);
        gmtls_sm2_fe_to_bytes(out, &r);
        CHECK_MEM(out, prod_b, 32);
    }
}

static void run_all(int random_count)
{
    uint64_t x[4];
    for (size_t i = 0; i < EDGE_MAX; i++) {
        if (edge_value(i, P, x))
            check_fe(x);
        if (edge_value(i, N, x))
            check_scalar(x);
    }
    for (int k = 0; k < random_count; k++) {
        random_below(P, x, k);
        check_fe(x);
        random_below(N, x, k);
        check_scalar(x);
    }
    check_fe_bytes();
}

int main(void)
{
    test_rand_seed(0x5a2);
    if (gmtls_cpu_has(GMTLS_CPU_BMI2 | GMTLS_CPU_ADX)) {
        gmtls_sm2_arith_impl_reset();
        run_all(3000);
    }
    gmtls_cpu_set_mask(~(uint32_t)(GMTLS_CPU_BMI2 | GMTLS_CPU_ADX));
    gmtls_sm2_arith_impl_reset();
    CHECK(strncmp(gmtls_sm2_arith_impl(), "portable", 8) == 0); /* "portable" or "portable+..." */
    run_all(1000);
    /* the edge list must really have produced its values (a guard against an empty loop) */
    CHECK(fe_cases > 800 && scalar_cases > 800 && blind_cases == fe_cases);
    printf("field inputs %lu, scalar inputs %lu, blinded inversions %lu\n", fe_cases, scalar_cases,
           blind_cases);
    return test_report();
}
