/* SM2 point arithmetic: group laws, k*G edge scalars, the three multiplication routines against
 * each other, the GB/T 32918 key pairs of sm2_sign.txt, public key decoding (sm2_invalid.txt),
 * decompression. Run once per implementation the CPU offers (BMI2/ADX and portable). */
#include <stdlib.h>

#include "core/cpu.h"
#include "crypto/sm2_arith.h"
#include "test.h"
#include "vectors.h"

static const char *const N_HEX = "fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123";

static void scalar_hex(gmtls_sm2_scalar *s, const char *hex)
{
    uint8_t b[32];
    test_unhex(hex, b, 32);
    gmtls_sm2_scalar_from_bytes(s, b);
}

static void scalar_rand(gmtls_sm2_scalar *s)
{
    uint8_t b[32];
    test_rand_bytes(b, 32);
    gmtls_sm2_scalar_from_bytes(s, b);
}

/* n - v for a small v */
static void scalar_n_minus(gmtls_sm2_scalar *s, uint64_t v)
{
    gmtls_sm2_scalar t;
    gmtls_sm2_scalar_set_u64(&t, v);
    gmtls_sm2_scalar_neg(s, &t);
}

/* Same group element (affine bytes, or both infinity). */
static int same_point(const gmtls_sm2_point *a, const gmtls_sm2_point *b)
{
    uint8_t ax[32], ay[32], bx[32], by[32];
    int ia = gmtls_sm2_point_is_infinity(a) != 0, ib = gmtls_sm2_point_is_infinity(b) != 0;
    if (ia || ib)
        return ia && ib;
    if (gmtls_sm2_point_to_affine(ax, ay, a) != 0 || gmtls_sm2_point_to_affine(bx, by, b) != 0)
        return 0;
    return memcmp(ax, bx, 32) == 0 && memcmp(ay, by, 32) == 0 && gmtls_sm2_point_eq(a, b) == ~0ULL;
}

static void test_group_laws(void)
{
    gmtls_sm2_point g, g2, g3, inf, t, u, ng, p;
    gmtls_sm2_scalar k;
    gmtls_sm2_point_generator(&g);
    gmtls_sm2_point_set_infinity(&inf);
    CHECK(gmtls_sm2_point_is_infinity(&inf) == ~0ULL);
    CHECK(gmtls_sm2_point_is_infinity(&g) == 0);
    gmtls_sm2_point_double(&g2, &g);
    gmtls_sm2_point_add(&t, &g, &g); /* a == b goes to doubling */
    CHECK(same_point(&t, &g2));
    gmtls_sm2_point_add(&g3, &g2, &g);
    gmtls_sm2_point_add(&u, &g, &g2);
    CHECK(same_point(&g3, &u));
    gmtls_sm2_scalar_set_u64(&k, 3);
    gmtls_sm2_mul_base(&t, &k);
    CHECK(same_point(&t, &g3));
    gmtls_sm2_point_add(&t, &g, &inf);
    CHECK(same_point(&t, &g));
    gmtls_sm2_point_add(&t, &inf, &g);
    CHECK(same_point(&t, &g));
    gmtls_sm2_point_add(&t, &inf, &inf);
    CHECK(gmtls_sm2_point_is_infinity(&t) == ~0ULL);
    gmtls_sm2_point_neg(&ng, &g);
    gmtls_sm2_point_add(&t, &g, &ng);
    CHECK(gmtls_sm2_point_is_infinity(&t) == ~0ULL);
    gmtls_sm2_point_double(&t, &inf);
    CHECK(gmtls_sm2_point_is_infinity(&t) == ~0ULL);
    CHECK_ERR(gmtls_sm2_point_to_affine(NULL, NULL, &inf), GMTLS_ERR_BAD_POINT);
    /* a non-normalised representative (Z != 1): 2G + G with 2G Jacobian */
    for (int i = 0; i < 8; i++) {
        scalar_rand(&k);
        gmtls_sm2_mul_base(&p, &k);
        gmtls_sm2_point_add(&t, &p, &p); /* doubling detected with Z != 1 */
        gmtls_sm2_point_double(&u, &p);
        CHECK(same_point(&t, &u));
        gmtls_sm2_point_neg(&u, &p);
        gmtls_sm2_point_add(&t, &p, &u);
        CHECK(gmtls_sm2_point_is_infinity(&t) == ~0ULL);
        gmtls_sm2_point_add(&t, &p, &g); /* in place */
        gmtls_sm2_point_add(&u, &g, &p);
        gmtls_sm2_point_add(&p, &p, &g);
        CHECK(same_point(&t, &u));
        CHECK(same_point(&t, &p));
        CHECK(gmtls_sm2_point_eq(&t, &g) == 0);
        CHECK(gmtls_sm2_point_eq(&t, &inf) == 0);
    }
}

/* k*G three ways and k*P for a few P, for scalars near 0 and near n (where ladders meet their
 * exceptional additions: e.g. n - 6 makes the last 5-bit window add a point to itself). */
static void check_scalar_three_ways(const gmtls_sm2_scalar *k, const gmtls_sm2_point *p, const gmtls_sm2_scalar *c)
{
    /* p = c*G */
    gmtls_sm2_point a, b, d, e;
    gmtls_sm2_scalar zero, kc;
    gmtls_sm2_point g;
    gmtls_sm2_point_generator(&g);
    gmtls_sm2_scalar_set_u64(&zero, 0);
    gmtls_sm2_mul_base(&a, k);
    gmtls_sm2_mul(&b, k, &g);
    gmtls_sm2_mul_double_vartime(&d, k, &zero, &g);
    gmtls_sm2_mul_double_vartime(&e, &zero, k, &g);
    CHECK(same_point(&a, &b));
    CHECK(same_point(&a, &d));
    CHECK(same_point(&a, &e));
    gmtls_sm2_scalar_mul(&kc, k, c);
    gmtls_sm2_mul_base(&a, &kc);
    gmtls_sm2_mul(&b, k, p);
    gmtls_sm2_mul_double_vartime(&d, &zero, k, p);
    CHECK(same_point(&a, &b));
    CHECK(same_point(&a, &d));
}

static void test_edge_scalars(void)
{
    gmtls_sm2_point g, t, u, p;
    gmtls_sm2_scalar k, c;
    gmtls_sm2_point_generator(&g);
    scalar_rand(&c);
    gmtls_sm2_mul_base(&p, &c);

    gmtls_sm2_scalar_set_u64(&k, 0);
    gmtls_sm2_mul_base(&t, &k);
    CHECK(gmtls_sm2_point_is_infinity(&t) == ~0ULL);
    gmtls_sm2_mul(&t, &k, &g);
    CHECK(gmtls_sm2_point_is_infinity(&t) == ~0ULL);
    gmtls_sm2_mul_double_vartime(&t, &k, &k, &g);
    CHECK(gmtls_sm2_point_is_infinity(&t) == ~0ULL);
    gmtls_sm2_scalar_set_u64(&k, 1);
    gmtls_sm2_mul_base(&t, &k);
    CHECK(same_point(&t, &g));
    gmtls_sm2_scalar_set_u64(&k, 2);
    gmtls_sm2_mul_base(&t, &k);
    gmtls_sm2_point_double(&u, &g);
    CHECK(same_point(&t, &u));
    scalar_n_minus(&k, 1); /* -G */
    gmtls_sm2_mul_base(&t, &k);
    gmtls_sm2_point_neg(&u, &g);
    CHECK(same_point(&t, &u));
    scalar_n_minus(&k, 2); /* -2G */
    gmtls_sm2_mul_base(&t, &k);
    gmtls_sm2_point_double(&u, &g);
    gmtls_sm2_point_neg(&u, &u);
    CHECK(same_point(&t, &u));

    for (uint64_t v = 0; v < 70; v++) {
        gmtls_sm2_scalar_set_u64(&k, v);
        check_scalar_three_ways(&k, &p, &c);
        scalar_n_minus(&k, v + 1);
        check_scalar_three_ways(&k, &p, &c);
    }
    /* powers of two and their neighbours (window boundaries of every ladder) */
    for (int bit = 0; bit < 256; bit += 7) {
        uint8_t b[32] = {0};
        b[31 - bit / 8] = (uint8_t)(1u << (bit % 8));
        gmtls_sm2_scalar_from_bytes(&k, b);
        check_scalar_three_ways(&k, &p, &c);
    }
    /* all-ones runs 2^m - 1 (Booth digits mostly 0) and their complements n - 2^m */
    for (int m = 1; m < 256; m += 9) {
        uint8_t b[32] = {0};
        for (int bit = 0; bit < m; bit++)
            b[31 - bit / 8] |= (uint8_t)(1u << (bit % 8));
        gmtls_sm2_scalar_from_bytes(&k, b);
        check_scalar_three_ways(&k, &p, &c);
        gmtls_sm2_scalar_neg(&k, &k);
        check_scalar_three_ways(&k, &p, &c);
    }
    /* t * 2^252 + (2^256 - n) + {-1, 0, 1}: the top window of mul_base next to its only
     * conceivable collision (see the comment on mul_base) */
    for (unsigned top = 0; top < 16; top++) {
        for (int d = -1; d <= 1; d++) {
            uint8_t b[32];
            gmtls_sm2_scalar delta, one;
            test_unhex("0000000100000000000000000000000000000000000000000000000000000000", b, 32);
            b[0] = (uint8_t)(top << 4);
            gmtls_sm2_scalar_from_bytes(&k, b); /* top * 2^252 + 2^224 */
            test_unhex("00000000000000000000000000000000" "8dfc2094de39fad4ac440bf6c62abedd", b, 32);
            gmtls_sm2_scalar_from_bytes(&delta, b); /* 2^256 - n - 2^224 */
            gmtls_sm2_scalar_add(&k, &k, &delta);
            gmtls_sm2_scalar_set_u64(&one, 1);
            if (d < 0)
                gmtls_sm2_scalar_sub(&k, &k, &one);
            if (d > 0)
                gmtls_sm2_scalar_add(&k, &k, &one);
            check_scalar_three_ways(&k, &p, &c);
        }
    }
    scalar_hex(&k, "2000000000000000000000000000000000000000000000000000000000000000");
    check_scalar_three_ways(&k, &p, &c);
    scalar_hex(&k, "f000000000000000000000000000000000000000000000000000000000000000");
    check_scalar_three_ways(&k, &p, &c);
    scalar_hex(&k, "7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
    check_scalar_three_ways(&k, &p, &c);
    /* P = infinity */
    gmtls_sm2_point_set_infinity(&u);
    scalar_rand(&k);
    gmtls_sm2_mul(&t, &k, &u);
    CHECK(gmtls_sm2_point_is_infinity(&t) == ~0ULL);
    gmtls_sm2_mul_double_vartime(&t, &k, &k, &u);
    gmtls_sm2_mul_base(&u, &k);
    CHECK(same_point(&t, &u));
}

/* a*G + b*P computed as mul_base + mul, as mul_double_vartime, with a cached table, and as
 * (a + b c)*G where P = c*G. Includes sums that cancel (a = -b c) and collide (aG = bP). */
static void test_double_mul(void)
{
    for (int it = 0; it < 24; it++) {
        gmtls_sm2_scalar a, b, c, t;
        gmtls_sm2_point p, r1, r2, r3, r4, x;
        gmtls_sm2_point_table tbl;
        scalar_rand(&a);
        scalar_rand(&b);
        scalar_rand(&c);
        if (it == 1)
            gmtls_sm2_scalar_set_u64(&c, 1);
        gmtls_sm2_mul_base(&p, &c);
        if (it == 2) { /* a = -b c: the result is infinity */
            gmtls_sm2_scalar_mul(&t, &b, &c);
            gmtls_sm2_scalar_neg(&a, &t);
        }
        if (it == 3) { /* a = b c: both halves equal, the sum doubles */
            gmtls_sm2_scalar_mul(&a, &b, &c);
        }
        if (it == 4)
            gmtls_sm2_scalar_set_u64(&b, 0);
        if (it == 5)
            gmtls_sm2_scalar_set_u64(&a, 0);
        gmtls_sm2_mul_base(&r1, &a);
        gmtls_sm2_mul(&x, &b, &p);
        gmtls_sm2_point_add(&r1, &r1, &x);
        gmtls_sm2_mul_double_vartime(&r2, &a, &b, &p);
        gmtls_sm2_point_table_init(&tbl, &p);
        gmtls_sm2_mul_double_vartime_table(&r3, &a, &b, &tbl);
        gmtls_sm2_scalar_mul(&t, &b, &c);
        gmtls_sm2_scalar_add(&t, &t, &a);
        gmtls_sm2_mul_base(&r4, &t);
        CHECK(same_point(&r1, &r4));
        CHECK(same_point(&r2, &r4));
        CHECK(same_point(&r3, &r4));
        if (it == 2)
            CHECK(gmtls_sm2_point_is_infinity(&r2) == ~0ULL);
    }
    /* table of the point at infinity */
    {
        gmtls_sm2_point inf, r, e;
        gmtls_sm2_point_table tbl;
        gmtls_sm2_scalar a, b;
        gmtls_sm2_point_set_infinity(&inf);
        gmtls_sm2_point_table_init(&tbl, &inf);
        scalar_rand(&a);
        scalar_rand(&b);
        gmtls_sm2_mul_double_vartime_table(&r, &a, &b, &tbl);
        gmtls_sm2_mul_base(&e, &a);
        CHECK(same_point(&r, &e));
    }
}

/* priv -> pub from the GB/T 32918 signing vectors */
static void test_sign_vectors(void)
{
    tv_file f;
    if (tv_load(&f, "sm2_sign.txt") != 0)
        return;
    CHECK(f.n >= 20);
    for (size_t i = 0; i < f.n; i++) {
        uint8_t d[32], px[32], py[32], x[32], y[32];
        gmtls_sm2_scalar k;
        gmtls_sm2_point p, q, g;
        if (tv_hex_fixed(&f.cases[i], "priv", d, 32) || tv_hex_fixed(&f.cases[i], "pub_x", px, 32) ||
            tv_hex_fixed(&f.cases[i], "pub_y", py, 32))
            continue;
        CHECK(gmtls_sm2_scalar_from_bytes(&k, d) == ~0ULL);
        gmtls_sm2_mul_base(&p, &k);
        CHECK_OK(gmtls_sm2_point_to_affine(x, y, &p));
        CHECK_MEM(x, px, 32);
        CHECK_MEM(y, py, 32);
        gmtls_sm2_point_generator(&g);
        gmtls_sm2_mul(&q, &k, &g);
        CHECK_OK(gmtls_sm2_point_to_affine(x, NULL, &q));
        CHECK_MEM(x, px, 32);
        CHECK_OK(gmtls_sm2_point_to_affine(NULL, y, &q));
        CHECK_MEM(y, py, 32);
        CHECK_OK(gmtls_sm2_point_from_affine(&q, px, py));
        CHECK(same_point(&p, &q));
        /* the k*G of the signature: r = e + x1 mod n */
        {
            uint8_t kb[32], e[32], r[32], rr[32];
            gmtls_sm2_scalar ks, es, x1;
            if (tv_hex_fixed(&f.cases[i], "k", kb, 32) || tv_hex_fixed(&f.cases[i], "e", e, 32) ||
                tv_hex_fixed(&f.cases[i], "r", r, 32))
                continue;
            gmtls_sm2_scalar_from_bytes(&ks, kb);
            gmtls_sm2_mul_base(&p, &ks);
            CHECK_OK(gmtls_sm2_point_to_affine(x, NULL, &p));
            gmtls_sm2_scalar_from_bytes(&x1, x);
            gmtls_sm2_scalar_from_bytes(&es, e);
            gmtls_sm2_scalar_add(&x1, &x1, &es);
            gmtls_sm2_scalar_to_bytes(rr, &x1);
            CHECK_MEM(rr, r, 32);
        }
    }
    tv_free(&f);
}

/* SEC1 decoding done here in the test: 04 || x || y, or 02/03 || x. */
static int decode_sec1(gmtls_sm2_point *p, const uint8_t *b, size_t len)
{
    uint8_t y[32];
    int rc;
    if (len == 65 && b[0] == 4)
        return gmtls_sm2_point_from_affine(p, b + 1, b + 33);
    if (len == 33 && (b[0] == 2 || b[0] == 3)) {
        rc = gmtls_sm2_point_decompress(y, b + 1, b[0] == 3);
        if (rc != 0)
            return rc;
        return gmtls_sm2_point_from_affine(p, b + 1, y);
    }
    return GMTLS_ERR_BAD_POINT;
}

static void test_pubkey_vectors(void)
{
    tv_file f;
    int valid = 0, invalid = 0;
    if (tv_load(&f, "sm2_invalid.txt") != 0)
        return;
    for (size_t i = 0; i < f.n; i++) {
        const char *op = tv_get(&f.cases[i], "op"), *res = tv_get(&f.cases[i], "result");
        size_t len;
        uint8_t *pt;
        gmtls_sm2_point p;
        if (op == NULL || strcmp(op, "pubkey") != 0)
            continue;
        CHECK(res != NULL);
        if (res == NULL)
            continue;
        pt = tv_hex(&f.cases[i], "point", &len);
        if (strcmp(res, "valid") == 0) {
            CHECK_MSG(decode_sec1(&p, pt, len) == 0, "case at line %d should be valid", f.cases[i].line);
            valid++;
        } else {
            CHECK_MSG(decode_sec1(&p, pt, len) == GMTLS_ERR_BAD_POINT, "case at line %d should be invalid",
                      f.cases[i].line);
            invalid++;
        }
        free(pt);
    }
    CHECK(valid >= 2);
    CHECK(invalid >= 8);
    tv_free(&f);
}

static void test_decompress(void)
{
    uint8_t x[32], y[32], y2[32], big[32];
    int roots = 0, nonroots = 0;
    for (int i = 0; i < 16; i++) {
        gmtls_sm2_scalar k;
        gmtls_sm2_point p, q;
        scalar_rand(&k);
        gmtls_sm2_mul_base(&p, &k);
        CHECK_OK(gmtls_sm2_point_to_affine(x, y, &p));
        CHECK_OK(gmtls_sm2_point_decompress(y2, x, y[31] & 1));
        CHECK_MEM(y2, y, 32);
        CHECK_OK(gmtls_sm2_point_decompress(y2, x, !(y[31] & 1)));
        CHECK(y2[31] % 2 != y[31] % 2);
        CHECK_OK(gmtls_sm2_point_from_affine(&q, x, y2)); /* the other root: -P */
        gmtls_sm2_point_neg(&p, &p);
        CHECK(same_point(&p, &q));
    }
    /* small x: about half have no root; a found root must give a curve point */
    for (int v = 0; v < 40; v++) {
        gmtls_sm2_point q;
        memset(x, 0, 32);
        x[31] = (uint8_t)v;
        int rc = gmtls_sm2_point_decompress(y, x, v & 1);
        if (rc == 0) {
            roots++;
            CHECK_OK(gmtls_sm2_point_from_affine(&q, x, y));
            CHECK_EQ(y[31] & 1, v & 1);
        } else {
            nonroots++;
            CHECK_EQ(rc, GMTLS_ERR_BAD_POINT);
            CHECK_ERR(gmtls_sm2_point_decompress(y, x, !(v & 1)), GMTLS_ERR_BAD_POINT);
        }
    }
    CHECK(roots > 5);
    CHECK(nonroots > 5);
    /* x >= p: p itself (the representative of x = 0, which has a root) and 2^256 - 1 */
    test_unhex("fffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffff", big, 32);
    CHECK_ERR(gmtls_sm2_point_decompress(y, big, 0), GMTLS_ERR_BAD_POINT);
    CHECK_ERR(gmtls_sm2_point_decompress(y, big, 1), GMTLS_ERR_BAD_POINT);
    memset(big, 0xff, 32);
    CHECK_ERR(gmtls_sm2_point_decompress(y, big, 0), GMTLS_ERR_BAD_POINT);
    memset(x, 0, 32);
    CHECK_OK(gmtls_sm2_point_decompress(y, x, 0)); /* (0, sqrt(b)) */
    /* from_affine rejects y >= p and an off-curve y */
    {
        gmtls_sm2_point q, g;
        uint8_t gx[32], gy[32];
        gmtls_sm2_point_generator(&g);
        CHECK_OK(gmtls_sm2_point_to_affine(gx, gy, &g));
        memset(big, 0xff, 32);
        CHECK_ERR(gmtls_sm2_point_from_affine(&q, gx, big), GMTLS_ERR_BAD_POINT);
        gy[31] ^= 1;
        CHECK_ERR(gmtls_sm2_point_from_affine(&q, gx, gy), GMTLS_ERR_BAD_POINT);
    }
}

static void run_all(void)
{
    test_group_laws();
    test_edge_scalars();
    test_double_mul();
    test_sign_vectors();
    test_pubkey_vectors();
    test_decompress();
}

int main(void)
{
    uint8_t nb[32];
    gmtls_sm2_scalar n;
    test_unhex(N_HEX, nb, 32);
    CHECK(gmtls_sm2_scalar_from_bytes(&n, nb) == 0); /* n itself is not < n */
    CHECK(gmtls_sm2_scalar_is_zero(&n) == ~0ULL);

    if (gmtls_cpu_has(GMTLS_CPU_BMI2 | GMTLS_CPU_ADX)) {
        gmtls_sm2_arith_impl_reset();
        CHECK(strcmp(gmtls_sm2_arith_impl(), "bmi2-adx") == 0);
        test_rand_seed(1);
        run_all();
    }
    gmtls_cpu_set_mask(~(uint32_t)(GMTLS_CPU_BMI2 | GMTLS_CPU_ADX));
    gmtls_sm2_arith_impl_reset();
    CHECK(strcmp(gmtls_sm2_arith_impl(), "portable") == 0);
    test_rand_seed(2);
    run_all();
    gmtls_cpu_set_mask(0xffffffffu);
    gmtls_sm2_arith_impl_reset();
    return test_report();
}
