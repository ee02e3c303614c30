/* SM2 field (mod p) and scalar (mod n) arithmetic against OpenSSL BIGNUM, an independent big-integer
 * model: random values and edge values (0, 1, p-1, n-1, p, n, 2^256-1, many all-ones limbs), for
 * every implementation this CPU offers (BMI2/ADX and portable), in place and out of place. */
#include <openssl/bn.h>
#include <openssl/err.h>

#include "core/cpu.h"
#include "crypto/sm2_arith.h"
#include "test.h"

static BN_CTX *ctx;
static BIGNUM *P, *N;

static const char *const EDGE_HEX[] = {
    "0000000000000000000000000000000000000000000000000000000000000000",
    "0000000000000000000000000000000000000000000000000000000000000001",
    "0000000000000000000000000000000000000000000000000000000000000002",
    "0000000000000000000000000000000000000000000000000000000000000003",
    "fffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffe", /* p - 1 */
    "fffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffd", /* p - 2 */
    "fffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffff", /* p */
    "fffffffeffffffffffffffffffffffffffffffff000000010000000000000000", /* p + 1 */
    "fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54122", /* n - 1 */
    "fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123", /* n */
    "fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54124", /* n + 1 */
    "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", /* 2^256 - 1 */
    "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe",
    "ffffffff00000000ffffffffffffffffffffffffffffffffffffffffffffffff",
    "8000000000000000000000000000000000000000000000000000000000000000", /* 2^255 */
    "7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    "0000000100000000000000000000000000000000000000000000000000000000", /* 2^224 */
    "00000000000000000000000000000000ffffffffffffffffffffffffffffffff",
    "ffffffffffffffffffffffffffffffff00000000000000000000000000000000",
    "0000000000000000ffffffffffffffff0000000000000000ffffffffffffffff",
    "ffffffff00000000ffffffff00000000ffffffff00000000ffffffff00000000",
    "00000000ffffffff00000000ffffffff00000000ffffffff00000000ffffffff",
    "fffffffeffffffffffffffffffffffffffffffff00000000fffffffeffffffff", /* p - 2^32 */
    "7fffffff7fffffffffffffffffffffffffffffff800000007fffffffffffffff", /* (p - 1) / 2 */
};
#define NEDGE (sizeof EDGE_HEX / sizeof EDGE_HEX[0])

static void edge_bytes(size_t i, uint8_t b[32])
{
    CHECK_EQ(test_unhex(EDGE_HEX[i], b, 32), 32);
}

static BIGNUM *bn32(const uint8_t b[32])
{
    BIGNUM *x = BN_bin2bn(b, 32, NULL);
    CHECK(x != NULL);
    return x;
}

static int bn_is_bytes(const BIGNUM *x, const uint8_t b[32])
{
    uint8_t t[32];
    if (BN_bn2binpad(x, t, 32) != 32)
        return 0;
    return memcmp(t, b, 32) == 0;
}

/* an input value: an edge value or random bytes */
static void input(size_t i, uint8_t b[32])
{
    if (i < NEDGE)
        edge_bytes(i, b);
    else
        test_rand_bytes(b, 32);
}

#define NIN (NEDGE + 300)

/* The checks the field (mod p, T = gmtls_sm2_fe) and the scalars (mod n, T = gmtls_sm2_scalar)
 * share, through gmtls_sm2_<PFX>_*: from_bytes (range mask, value mod M), to_bytes at aligned and
 * odd addresses, add, sub, neg and mul. Leaves *a, *b, am = a mod M, bm = b mod M and
 * e = a b mod M for the caller's further checks. */
#define DEFINE_COMMON_CHECKS(PFX, T)                                                                 \
    static void common_##PFX(const uint8_t ab[32], const uint8_t bb[32], const BIGNUM *M, T *a, T *b, \
                             BIGNUM *am, BIGNUM *bm, BIGNUM *e)                                      \
    {                                                                                                \
        uint8_t out[32];                                                                             \
        T r;                                                                                         \
        BIGNUM *x = bn32(ab), *y = bn32(bb);                                                         \
        uint64_t mask = gmtls_sm2_##PFX##_from_bytes(a, ab);                                         \
        CHECK(mask == (BN_cmp(x, M) < 0 ? ~0ULL : 0));                                               \
        gmtls_sm2_##PFX##_from_bytes(b, bb);                                                         \
        BN_nnmod(am, x, M, ctx);                                                                     \
        BN_nnmod(bm, y, M, ctx);                                                                     \
        gmtls_sm2_##PFX##_to_bytes(out, a);                                                          \
        CHECK(bn_is_bytes(am, out));                                                                 \
        { /* byte buffers at odd addresses */                                                        \
            uint8_t buf[34];                                                                         \
            T u;                                                                                     \
            memcpy(buf + 1, ab, 32);                                                                 \
            CHECK(gmtls_sm2_##PFX##_from_bytes(&u, buf + 1) == mask);                                \
            CHECK(memcmp(&u, a, sizeof u) == 0);                                                     \
            gmtls_sm2_##PFX##_to_bytes(buf + 1, &u);                                                 \
            CHECK(bn_is_bytes(am, buf + 1));                                                         \
        }                                                                                            \
        gmtls_sm2_##PFX##_add(&r, a, b);                                                             \
        gmtls_sm2_##PFX##_to_bytes(out, &r);                                                         \
        BN_mod_add(e, am, bm, M, ctx);                                                               \
        CHECK(bn_is_bytes(e, out));                                                                  \
        gmtls_sm2_##PFX##_sub(&r, a, b);                                                             \
        gmtls_sm2_##PFX##_to_bytes(out, &r);                                                         \
        BN_mod_sub(e, am, bm, M, ctx);                                                               \
        CHECK(bn_is_bytes(e, out));                                                                  \
        gmtls_sm2_##PFX##_neg(&r, a);                                                                \
        gmtls_sm2_##PFX##_to_bytes(out, &r);                                                         \
        BN_mod_sub(e, M, am, M, ctx);                                                                \
        CHECK(bn_is_bytes(e, out));                                                                  \
        gmtls_sm2_##PFX##_mul(&r, a, b);                                                             \
        gmtls_sm2_##PFX##_to_bytes(out, &r);                                                         \
        BN_mod_mul(e, am, bm, M, ctx);                                                               \
        CHECK(bn_is_bytes(e, out));                                                                  \
        BN_free(x);                                                                                  \
        BN_free(y);                                                                                  \
    }

DEFINE_COMMON_CHECKS(fe, gmtls_sm2_fe)
DEFINE_COMMON_CHECKS(scalar, gmtls_sm2_scalar)

static void test_field(void)
{
    for (size_t i = 0; i < NIN; i++) {
        uint8_t ab[32], bb[32], out[32];
        gmtls_sm2_fe a, b, r;
        BIGNUM *am, *bm, *e = BN_new();
        input(i, ab);
        input((i * 7 + 3) % NIN, bb);
        if (i >= NEDGE && (i % 5) == 0)
            memset(bb, 0xff, 16); /* many all-ones limbs */
        am = BN_new();
        bm = BN_new();
        common_fe(ab, bb, P, &a, &b, am, bm, e);
        r = a; /* in place, both aliasings */
        gmtls_sm2_fe_mul(&r, &r, &b);
        gmtls_sm2_fe_to_bytes(out, &r);
        CHECK(bn_is_bytes(e, out));
        r = b;
        gmtls_sm2_fe_mul(&r, &a, &r);
        gmtls_sm2_fe_to_bytes(out, &r);
        CHECK(bn_is_bytes(e, out));

        gmtls_sm2_fe_sqr(&r, &a);
        gmtls_sm2_fe_to_bytes(out, &r);
        BN_mod_sqr(e, am, P, ctx);
        CHECK(bn_is_bytes(e, out));
        r = a;
        gmtls_sm2_fe_sqr(&r, &r);
        gmtls_sm2_fe_to_bytes(out, &r);
        CHECK(bn_is_bytes(e, out));

        if (i % 4 == 0 || i < NEDGE) {
            gmtls_sm2_fe_inv(&r, &a);
            gmtls_sm2_fe_to_bytes(out, &r);
            if (BN_is_zero(am))
                BN_zero(e);
            else
                CHECK(BN_mod_inverse(e, am, P, ctx) != NULL);
            CHECK(bn_is_bytes(e, out));

            /* sqrt: a square root exists iff OpenSSL finds one; the root squares back */
            {
                gmtls_sm2_fe s, s2;
                uint64_t ok = gmtls_sm2_fe_sqrt(&s, &a);
                BIGNUM *q = BN_new();
                int has = BN_mod_sqrt(q, am, P, ctx) != NULL;
                ERR_clear_error(); /* BN_mod_sqrt leaves an error for non-squares */
                CHECK((ok == ~0ULL) == (has != 0));
                gmtls_sm2_fe_sqr(&s2, &s);
                if (ok) {
                    gmtls_sm2_fe_to_bytes(out, &s2);
                    CHECK(bn_is_bytes(am, out));
                }
                BN_free(q);
            }
        }
        CHECK(gmtls_sm2_fe_is_zero(&a) == (BN_is_zero(am) ? ~0ULL : 0));
        BN_free(am);
        BN_free(bm);
        BN_free(e);
    }
}

#if defined(__x86_64__)
#include "crypto/sm2_field_bmi2.h"

/* a field element with the limbs of the 32 bytes reduced mod p (no Montgomery conversion: the
 * linear operations do not care, and this puts the edge values themselves into the limbs) */
static void raw_fe(gmtls_sm2_fe *r, BIGNUM *m, const uint8_t b[32])
{
    uint8_t t[32];
    BIGNUM *x = bn32(b);
    CHECK(BN_nnmod(m, x, P, ctx) == 1);
    CHECK(BN_bn2binpad(m, t, 32) == 32);
    for (int l = 0; l < 4; l++) {
        r->v[l] = 0;
        for (int j = 0; j < 8; j++)
            r->v[l] |= (uint64_t)t[31 - 8 * l - j] << (8 * j);
    }
    BN_free(x);
}

static int fe_is_bn(const gmtls_sm2_fe *a, const BIGNUM *e)
{
    uint8_t t[32];
    for (int l = 0; l < 4; l++)
        for (int j = 0; j < 8; j++)
            t[31 - 8 * l - j] = (uint8_t)(a->v[l] >> (8 * j));
    return bn_is_bytes(e, t);
}

/* The BMI2 asm linear operations that only the curve code calls (a + b, a - b, 2a, 3a, a - 2b,
 * a / 2, a - b / 2, a - 2b with b - (a - 2b)) against BIGNUM, out of place and in place (the result over either input). */
static void test_field_bmi2_linear(void)
{
    BIGNUM *am = BN_new(), *bm = BN_new(), *e = BN_new(), *inv2 = BN_new(), *two = BN_new();
    CHECK(BN_set_word(two, 2) == 1);
    CHECK(BN_mod_inverse(inv2, two, P, ctx) != NULL);
    for (size_t i = 0; i < NIN; i++) {
        uint8_t ab[32], bb[32];
        gmtls_sm2_fe a, b, r;
        input(i, ab);
        input((i * 13 + 1) % NIN, bb);
        raw_fe(&a, am, ab);
        raw_fe(&b, bm, bb);
#define CHECK_BIN(OP, EXPECT)                  \
    do {                                       \
        EXPECT;                                \
        OP(&r, &a, &b);                        \
        CHECK(fe_is_bn(&r, e));                \
        r = a;                                 \
        OP(&r, &r, &b);                        \
        CHECK(fe_is_bn(&r, e));                \
        r = b;                                 \
        OP(&r, &a, &r);                        \
        CHECK(fe_is_bn(&r, e));                \
    } while (0)
#define CHECK_UN(OP, EXPECT)                   \
    do {                                       \
        EXPECT;                                \
        OP(&r, &a);                            \
        CHECK(fe_is_bn(&r, e));                \
        r = a;                                 \
        OP(&r, &r);                            \
        CHECK(fe_is_bn(&r, e));                \
    } while (0)
        CHECK_BIN(sm2_fe_add_bmi2, BN_mod_add(e, am, bm, P, ctx));
        CHECK_BIN(sm2_fe_sub_bmi2, BN_mod_sub(e, am, bm, P, ctx));
        CHECK_BIN(sm2_fe_sub2_bmi2, (BN_mod_sub(e, am, bm, P, ctx), BN_mod_sub(e, e, bm, P, ctx)));
        CHECK_UN(sm2_fe_dbl_bmi2, BN_mod_add(e, am, am, P, ctx));
        CHECK_UN(sm2_fe_tpl_bmi2, (BN_mod_add(e, am, am, P, ctx), BN_mod_add(e, e, am, P, ctx)));
        CHECK_UN(sm2_fe_half_bmi2, BN_mod_mul(e, am, inv2, P, ctx));
        CHECK_BIN(sm2_fe_sub_half_bmi2, (BN_mod_mul(e, bm, inv2, P, ctx), BN_mod_sub(e, am, e, P, ctx)));
        { /* x = a - 2b and t = b - x, x over a, over b, or apart */
            gmtls_sm2_fe x, t;
            BIGNUM *et = BN_new();
            CHECK(BN_mod_sub(e, am, bm, P, ctx) == 1);
            CHECK(BN_mod_sub(e, e, bm, P, ctx) == 1);
            CHECK(BN_mod_sub(et, bm, e, P, ctx) == 1);
            sm2_fe_sub2_rsub_bmi2(&x, &t, &a, &b);
            CHECK(fe_is_bn(&x, e) && fe_is_bn(&t, et));
            x = a;
            sm2_fe_sub2_rsub_bmi2(&x, &t, &x, &b);
            CHECK(fe_is_bn(&x, e) && fe_is_bn(&t, et));
            x = b;
            sm2_fe_sub2_rsub_bmi2(&x, &t, &a, &x);
            CHECK(fe_is_bn(&x, e) && fe_is_bn(&t, et));
            BN_free(et);
        }
#undef CHECK_BIN
#undef CHECK_UN
    }
    BN_free(am);
    BN_free(bm);
    BN_free(e);
    BN_free(inv2);
    BN_free(two);
}
#endif

static void test_scalar(void)
{
    for (size_t i = 0; i < NIN; i++) {
        uint8_t ab[32], bb[32], out[32];
        gmtls_sm2_scalar a, b, r;
        BIGNUM *am, *bm, *e = BN_new();
        input(i, ab);
        input((i * 11 + 5) % NIN, bb);
        am = BN_new();
        bm = BN_new();
        common_scalar(ab, bb, N, &a, &b, am, bm, e);
        r = a;
        gmtls_sm2_scalar_mul(&r, &r, &r);
        gmtls_sm2_scalar_to_bytes(out, &r);
        BN_mod_sqr(e, am, N, ctx);
        CHECK(bn_is_bytes(e, out));
        if (i % 4 == 0 || i < NEDGE) {
            gmtls_sm2_scalar_inv(&r, &a);
            gmtls_sm2_scalar_to_bytes(out, &r);
            if (BN_is_zero(am))
                BN_zero(e);
            else
                CHECK(BN_mod_inverse(e, am, N, ctx) != NULL);
            CHECK(bn_is_bytes(e, out));
        }
        CHECK(gmtls_sm2_scalar_is_zero(&a) == (BN_is_zero(am) ? ~0ULL : 0));
        CHECK(gmtls_sm2_scalar_eq(&a, &b) == (BN_cmp(am, bm) == 0 ? ~0ULL : 0));
        CHECK(gmtls_sm2_scalar_eq(&a, &a) == ~0ULL);
        BN_free(am);
        BN_free(bm);
        BN_free(e);
    }
    {
        gmtls_sm2_scalar s;
        uint8_t out[32], want[32] = {0};
        gmtls_sm2_scalar_set_u64(&s, 0x0123456789abcdefULL);
        gmtls_sm2_scalar_to_bytes(out, &s);
        test_unhex("0123456789abcdef", want + 24, 8);
        CHECK_MEM(out, want, 32);
    }
}

int main(void)
{
    ctx = BN_CTX_new();
    P = NULL;
    N = NULL;
    CHECK(BN_hex2bn(&P, "fffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffff") == 64);
    CHECK(BN_hex2bn(&N, "fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123") == 64);
    if (gmtls_cpu_has(GMTLS_CPU_BMI2 | GMTLS_CPU_ADX)) {
        gmtls_sm2_arith_impl_reset();
        CHECK(strcmp(gmtls_sm2_arith_impl(), "bmi2-adx") == 0);
        test_rand_seed(11);
        test_field();
        test_scalar();
#if defined(__x86_64__)
        test_field_bmi2_linear();
#endif
    }
    gmtls_cpu_set_mask(~(uint32_t)(GMTLS_CPU_BMI2 | GMTLS_CPU_ADX));
    gmtls_sm2_arith_impl_reset();
    CHECK(strcmp(gmtls_sm2_arith_impl(), "portable") == 0);
    test_rand_seed(11);
    test_field();
    test_scalar();
    gmtls_cpu_set_mask(0xffffffffu);
    gmtls_sm2_arith_impl_reset();
    BN_free(P);
    BN_free(N);
    BN_CTX_free(ctx);
    return test_report();
}
