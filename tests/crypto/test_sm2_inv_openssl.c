/* The safegcd inversions (constant time, and the variable-time ones on the same inputs) against
 * OpenSSL's BN_mod_inverse, an independent big-integer
 * implementation: random values below p and n (some with long runs of equal bits) and a few edge
 * values. The field inversion takes and returns Montgomery form, so it is checked twice: on raw
 * limbs x (expected 2^512 x^-1 mod p, computed with BIGNUM) and end to end through the byte
 * conversions (plain a in, plain a^-1 out). */
#include <openssl/bn.h>

#include "crypto/sm2_arith.h"
#include "crypto/sm2_inv.h"
#include "test.h"

static BN_CTX *ctx;
static BIGNUM *P, *N, *RR; /* RR = 2^512 mod p */

static BIGNUM *bn_from_limbs(const uint64_t v[4])
{
    uint8_t b[32];
    for (int i = 0; i < 32; i++)
        b[i] = (uint8_t)(v[3 - i / 8] >> (8 * (7 - i % 8)));
    return BN_bin2bn(b, 32, NULL);
}

static int bn_equals_limbs(const BIGNUM *x, const uint64_t v[4])
{
    BIGNUM *y = bn_from_limbs(v);
    int eq = y != NULL && BN_cmp(x, y) == 0;
    BN_free(y);
    return eq;
}

/* random limbs below m (BN_rand_range would do, but test_rand_bytes keeps the run reproducible) */
static void random_below(const BIGNUM *m, uint64_t v[4], int k)
{
    for (;;) {
        BIGNUM *x;
        int ok;
        test_rand_bytes(v, 32);
        if (k % 5 == 1)
            v[k % 4] = 0;
        else if (k % 5 == 2)
            v[k % 3] = ~0ULL; /* not the top limb: that would never be below m */
        else if (k % 5 == 3)
            v[0] = v[1] = 0; /* small low half */
        x = bn_from_limbs(v);
        ok = x != NULL && BN_cmp(x, m) < 0;
        BN_free(x);
        if (ok)
            return;
    }
}

/* expected inverse of x mod m times the factor f (NULL: 1), or 0 for x = 0 */
static BIGNUM *expected(const uint64_t v[4], const BIGNUM *m, const BIGNUM *f)
{
    BIGNUM *x = bn_from_limbs(v), *r = BN_new();
    CHECK(x != NULL && r != NULL);
    if (BN_is_zero(x)) {
        BN_zero(r);
    } else {
        CHECK(BN_mod_inverse(r, x, m, ctx) != NULL);
        if (f != NULL)
            CHECK(BN_mod_mul(r, r, f, m, ctx) == 1);
    }
    BN_free(x);
    return r;
}

static void check_scalar(const uint64_t v[4])
{
    gmtls_sm2_scalar a, r;
    BIGNUM *want = expected(v, N, NULL);
    memcpy(a.v, v, 32);
    gmtls_sm2_scalar_inv_ct(&r, &a);
    CHECK(bn_equals_limbs(want, r.v));
    gmtls_sm2_scalar_inv_vartime(&r, &a);
    CHECK(bn_equals_limbs(want, r.v));
    BN_free(want);
}

static void check_fe_raw(const uint64_t v[4])
{
    gmtls_sm2_fe a, r;
    BIGNUM *want = expected(v, P, RR);
    memcpy(a.v, v, 32);
    gmtls_sm2_fe_inv_ct(&r, &a);
    CHECK(bn_equals_limbs(want, r.v));
    gmtls_sm2_fe_inv_vartime(&r, &a);
    CHECK(bn_equals_limbs(want, r.v));
    BN_free(want);
}

/* plain a (bytes) -> Montgomery -> inverse -> plain bytes = a^-1 mod p */
static void check_fe_bytes(const uint64_t v[4])
{
    uint8_t b[32], out[32], want_b[32];
    gmtls_sm2_fe a, r;
    BIGNUM *want = expected(v, P, NULL);
    for (int i = 0; i < 32; i++)
        b[i] = (uint8_t)(v[3 - i / 8] >> (8 * (7 - i % 8)));
    CHECK(gmtls_sm2_fe_from_bytes(&a, b) == ~0ULL);
    gmtls_sm2_fe_inv_ct(&r, &a);
    gmtls_sm2_fe_to_bytes(out, &r);
    CHECK(BN_bn2binpad(want, want_b, 32) == 32);
    CHECK_MEM(out, want_b, 32);
    gmtls_sm2_fe_inv_vartime(&r, &a);
    gmtls_sm2_fe_to_bytes(out, &r);
    CHECK_MEM(out, want_b, 32);
    BN_free(want);
}

int main(void)
{
    static const uint64_t small[][4] = {{0, 0, 0, 0}, {1, 0, 0, 0}, {2, 0, 0, 0}, {0, 0, 0, 1ULL << 63}};
    uint64_t v[4];
    ctx = BN_CTX_new();
    P = BN_new();
    N = BN_new();
    RR = BN_new();
    CHECK(ctx && P && N && RR);
    CHECK(BN_hex2bn(&P, "FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF") == 64);
    CHECK(BN_hex2bn(&N, "FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123") == 64);
    BN_set_word(RR, 1);
    CHECK(BN_lshift(RR, RR, 512) == 1);
    CHECK(BN_mod(RR, RR, P, ctx) == 1);
    test_rand_seed(0x1a5);

    for (size_t i = 0; i < sizeof small / sizeof small[0]; i++) {
        check_scalar(small[i]);
        check_fe_raw(small[i]);
        check_fe_bytes(small[i]);
    }
    { /* p - 1 and n - 1 */
        uint64_t pm1[4] = {0xfffffffffffffffeULL, 0xffffffff00000000ULL, 0xffffffffffffffffULL,
                           0xfffffffeffffffffULL};
        uint64_t nm1[4] = {0x53bbf40939d54122ULL, 0x7203df6b21c6052bULL, 0xffffffffffffffffULL,
                           0xfffffffeffffffffULL};
        check_fe_raw(pm1);
        check_fe_bytes(pm1);
        check_scalar(nm1);
    }
    for (int k = 0; k < 2000; k++) {
        random_below(N, v, k);
        check_scalar(v);
        random_below(P, v, k);
        check_fe_raw(v);
        random_below(P, v, k + 1);
        check_fe_bytes(v);
    }

    BN_free(P);
    BN_free(N);
    BN_free(RR);
    BN_CTX_free(ctx);
    return test_report();
}
