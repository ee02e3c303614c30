/* DER decoder: real certificates (whole, and cut at every byte), and every malformed form the
 * decoder must reject, each with its exact error code. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gmtls/pem.h"
#include "pki/der.h"
#include "test.h"

static size_t hx(const char *hex, uint8_t *out)
{
    return test_unhex(hex, out, 4096);
}

/* Decode one element from hex, and require the whole input to be consumed. */
static int any_hex(const char *hex)
{
    uint8_t b[4096];
    size_t n = hx(hex, b);
    gmtls_der d;
    gmtls_der_init(&d, b, n);
    int e = gmtls_der_any(&d, NULL, NULL, NULL, NULL, NULL);
    return e ? e : gmtls_der_end(&d);
}

/* The certificate's SubjectPublicKeyInfo, reached with enter/expect (RFC 5280 4.1). */
static int walk_cert(const uint8_t *p, size_t n, const uint8_t **spki, size_t *spki_len)
{
    gmtls_der d, cert, tbs, alg, inner;
    const uint8_t *v;
    size_t vl;
    uint64_t ver;
    int present, e;
    int64_t t1, t2;
    gmtls_der_init(&d, p, n);
    if ((e = gmtls_der_enter(&d, GMTLS_DER_SEQUENCE, &cert)) != 0) return e;
    if ((e = gmtls_der_enter(&cert, GMTLS_DER_SEQUENCE, &tbs)) != 0) return e;
    if ((e = gmtls_der_enter_optional(&tbs, GMTLS_DER_CONTEXT(0), &inner, &present)) != 0) return e;
    if (present) {
        if ((e = gmtls_der_small_uint(&inner, &ver)) != 0) return e;
        if ((e = gmtls_der_end(&inner)) != 0) return e;
    }
    int neg;
    if ((e = gmtls_der_integer(&tbs, &v, &vl, &neg)) != 0) return e;       /* serial */
    if ((e = gmtls_der_enter(&tbs, GMTLS_DER_SEQUENCE, &alg)) != 0) return e;
    if ((e = gmtls_der_oid(&alg, &v, &vl)) != 0) return e;
    if ((e = gmtls_der_expect(&tbs, GMTLS_DER_SEQUENCE, &v, &vl)) != 0) return e;  /* issuer */
    if ((e = gmtls_der_enter(&tbs, GMTLS_DER_SEQUENCE, &inner)) != 0) return e;   /* validity */
    if ((e = gmtls_der_time(&inner, &t1)) != 0) return e;
    if ((e = gmtls_der_time(&inner, &t2)) != 0) return e;
    if ((e = gmtls_der_end(&inner)) != 0) return e;
    if ((e = gmtls_der_expect(&tbs, GMTLS_DER_SEQUENCE, &v, &vl)) != 0) return e;  /* subject */
    if ((e = gmtls_der_any(&tbs, NULL, NULL, NULL, spki, spki_len)) != 0) return e;
    if ((e = gmtls_der_expect_optional(&tbs, GMTLS_DER_CONTEXT(3), &v, &vl, &present)) != 0) return e;
    if ((e = gmtls_der_end(&tbs)) != 0) return e;
    if ((e = gmtls_der_enter(&cert, GMTLS_DER_SEQUENCE, &alg)) != 0) return e;
    unsigned unused;
    if ((e = gmtls_der_bit_string(&cert, &v, &vl, &unused)) != 0) return e;
    if ((e = gmtls_der_end(&cert)) != 0) return e;
    return gmtls_der_end(&d);
}

static void test_real_certs(void)
{
    static const char *files[] = {"interop/pki/gmssl/root_cert.pem", "interop/pki/gmssl/server_sign_cert.pem",
                                  "interop/pki/tongsuo/root_cert.pem", "interop/pki/tongsuo/client_enc_cert.pem",
                                  "interop/pki/gmssl/server_certs.pem"};
    for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
        size_t tl;
        char *text = (char *)test_read_file(test_shared_path(files[f]), &tl);
        if (!text)
            continue;
        size_t pos = 0;
        gmtls_pem_block blk;
        int nblk = 0;
        while (gmtls_pem_next(text, tl, &pos, &blk) == 0) {
            nblk++;
            CHECK(strcmp(blk.label, "CERTIFICATE") == 0);
            const uint8_t *spki;
            size_t spki_len;
            CHECK_OK(gmtls_der_validate(blk.der, blk.der_len));
            CHECK_OK(walk_cert(blk.der, blk.der_len, &spki, &spki_len));
            /* Cut at every byte: always "truncated", never anything else. */
            int bad_walk = 0, bad_val = 0;
            for (size_t cut = 0; cut < blk.der_len; cut++) {
                uint8_t *copy = malloc(cut ? cut : 1); /* exact-size copy so ASan sees over-reads */
                memcpy(copy, blk.der, cut);
                if (walk_cert(copy, cut, &spki, &spki_len) != GMTLS_ERR_DER_TRUNCATED)
                    bad_walk++;
                if (gmtls_der_validate(copy, cut) != GMTLS_ERR_DER_TRUNCATED)
                    bad_val++;
                free(copy);
            }
            CHECK_EQ(bad_walk, 0);
            CHECK_EQ(bad_val, 0);
            /* One trailing byte after the certificate. */
            uint8_t *ext = malloc(blk.der_len + 1);
            memcpy(ext, blk.der, blk.der_len);
            ext[blk.der_len] = 0x00;
            CHECK_ERR(walk_cert(ext, blk.der_len + 1, &spki, &spki_len), GMTLS_ERR_DER_TRAILING);
            free(ext);
            gmtls_pem_block_free(&blk);
        }
        CHECK(nblk >= 1);
        free(text);
    }
}

static void test_lengths(void)
{
    CHECK_OK(any_hex("0400"));
    CHECK_OK(any_hex("04050102030405"));
    CHECK_ERR(any_hex("0481050102030405"), GMTLS_ERR_DER_LENGTH);   /* non-minimal long form */
    CHECK_ERR(any_hex("048200050102030405"), GMTLS_ERR_DER_LENGTH); /* leading zero octet */
    CHECK_ERR(any_hex("04820080"), GMTLS_ERR_DER_LENGTH);           /* 128 in two octets */
    CHECK_ERR(any_hex("04800000"), GMTLS_ERR_DER_LENGTH);           /* indefinite (BER) */
    CHECK_ERR(any_hex("30800201010000"), GMTLS_ERR_DER_LENGTH);
    CHECK_ERR(any_hex("0485000000000101"), GMTLS_ERR_DER_LENGTH);   /* 5 length octets */
    CHECK_ERR(any_hex("0484ffffffff00"), GMTLS_ERR_DER_LENGTH);     /* huge */
    CHECK_ERR(any_hex("048480000000"), GMTLS_ERR_DER_LENGTH);
    CHECK_ERR(any_hex("0484000000ff"), GMTLS_ERR_DER_LENGTH);       /* leading zero */
    CHECK_ERR(any_hex("04ff"), GMTLS_ERR_DER_LENGTH);               /* reserved */
    CHECK_ERR(any_hex("04050102"), GMTLS_ERR_DER_TRUNCATED);        /* beyond the buffer */
    CHECK_ERR(any_hex("048401000000"), GMTLS_ERR_DER_TRUNCATED);
    CHECK_ERR(any_hex("048201"), GMTLS_ERR_DER_TRUNCATED);          /* length octets cut */
    CHECK_ERR(any_hex("04"), GMTLS_ERR_DER_TRUNCATED);
    CHECK_ERR(any_hex(""), GMTLS_ERR_DER_TRUNCATED);
    CHECK_ERR(any_hex("040100ff"), GMTLS_ERR_DER_TRAILING);
    /* 128 and 256 bytes in minimal long form. */
    static uint8_t b[600];
    b[0] = 0x04; b[1] = 0x81; b[2] = 0x80;
    gmtls_der d;
    const uint8_t *v, *tlv;
    size_t vl, tl;
    uint8_t tag;
    gmtls_der_init(&d, b, 3 + 128);
    CHECK_OK(gmtls_der_any(&d, &tag, &v, &vl, &tlv, &tl));
    CHECK_EQ(tag, 4);
    CHECK_EQ(vl, 128);
    CHECK(v == b + 3 && tlv == b && tl == 131);
    b[1] = 0x82; b[2] = 0x01; b[3] = 0x00;
    gmtls_der_init(&d, b, 4 + 256);
    CHECK_OK(gmtls_der_any(&d, &tag, &v, &vl, &tlv, &tl));
    CHECK_EQ(vl, 256);
    CHECK_OK(gmtls_der_end(&d));
    /* Errors are sticky. */
    uint8_t bad[] = {0x04, 0x81, 0x05, 1, 2, 3, 4, 5, 0x05, 0x00};
    gmtls_der_init(&d, bad, sizeof(bad));
    CHECK_ERR(gmtls_der_any(&d, NULL, NULL, NULL, NULL, NULL), GMTLS_ERR_DER_LENGTH);
    CHECK_ERR(gmtls_der_null(&d), GMTLS_ERR_DER_LENGTH);
    CHECK_ERR(gmtls_der_end(&d), GMTLS_ERR_DER_LENGTH);
    CHECK(!gmtls_der_at_end(&d));
}

static void test_tags(void)
{
    CHECK_ERR(any_hex("1f0100"), GMTLS_ERR_DER_TAG);       /* high tag number form */
    CHECK_ERR(any_hex("bf810000"), GMTLS_ERR_DER_TAG);
    uint8_t b[32];
    size_t n = hx("04020102", b);
    gmtls_der d;
    const uint8_t *v;
    size_t vl;
    gmtls_der_init(&d, b, n);
    CHECK_ERR(gmtls_der_expect(&d, GMTLS_DER_INTEGER, &v, &vl), GMTLS_ERR_DER_TAG);
    gmtls_der_init(&d, b, n);
    gmtls_der inner;
    CHECK_ERR(gmtls_der_enter(&d, GMTLS_DER_SEQUENCE, &inner), GMTLS_ERR_DER_TAG);
    int present = 7;
    gmtls_der_init(&d, b, n);
    CHECK_OK(gmtls_der_enter_optional(&d, GMTLS_DER_CONTEXT(0), &inner, &present));
    CHECK_EQ(present, 0);
    CHECK_OK(gmtls_der_expect_optional(&d, GMTLS_DER_CONTEXT_PRIM(1), &v, &vl, &present));
    CHECK_EQ(present, 0);
    CHECK_OK(gmtls_der_octet_string(&d, &v, &vl));
    CHECK_EQ(vl, 2);
    /* optional at the end: absent, not truncated */
    CHECK_OK(gmtls_der_expect_optional(&d, GMTLS_DER_CONTEXT_PRIM(1), &v, &vl, &present));
    CHECK_EQ(present, 0);
    CHECK(gmtls_der_at_end(&d));
    uint8_t t;
    CHECK_ERR(gmtls_der_peek_tag(&d, &t), GMTLS_ERR_DER_TRUNCATED);
    CHECK_ERR(gmtls_der_null(&d), GMTLS_ERR_DER_TRUNCATED);
    n = hx("a003020105", b);
    gmtls_der_init(&d, b, n);
    CHECK_OK(gmtls_der_enter_optional(&d, GMTLS_DER_CONTEXT(0), &inner, &present));
    CHECK_EQ(present, 1);
    uint64_t x;
    CHECK_OK(gmtls_der_small_uint(&inner, &x));
    CHECK_EQ(x, 5);
    CHECK_OK(gmtls_der_end(&inner));
    CHECK_OK(gmtls_der_end(&d));
    /* A present optional element with a broken length is an error, not "absent". */
    n = hx("a08103020105", b);
    gmtls_der_init(&d, b, n);
    CHECK_ERR(gmtls_der_enter_optional(&d, GMTLS_DER_CONTEXT(0), &inner, &present), GMTLS_ERR_DER_LENGTH);
}

static void test_depth(void)
{
    /* k nested SEQUENCEs around NULL. */
    for (int k = 15; k <= 18; k++) {
        uint8_t b[64];
        size_t n = 0;
        for (int i = 0; i < k; i++) {
            b[n++] = 0x30;
            b[n++] = (uint8_t)(2 * (k - i - 1) + 2);
        }
        b[n++] = 0x05;
        b[n++] = 0x00;
        gmtls_der d, lvl[20];
        gmtls_der_init(&d, b, n);
        int e = 0;
        gmtls_der *cur = &d;
        for (int i = 0; i < k && !e; i++) {
            e = gmtls_der_enter(cur, GMTLS_DER_SEQUENCE, &lvl[i]);
            cur = &lvl[i];
        }
        if (!e)
            e = gmtls_der_null(cur);
        int want = k <= GMTLS_DER_MAX_DEPTH ? 0 : GMTLS_ERR_DER_DEPTH;
        CHECK_ERR(e, want);
        /* validate counts the NULL inside as depth k too: k constructed levels allowed up to the limit */
        CHECK_ERR(gmtls_der_validate(b, n), want);
    }
    /* A deep bomb with minimal lengths, built from the inside out: stops at the limit. */
    size_t depth = 3000, cap = depth * 4 + 2, at = cap;
    uint8_t *bomb = malloc(cap);
    bomb[--at] = 0x00;
    bomb[--at] = 0x05;
    for (size_t i = 0; i < depth; i++) {
        size_t inner = cap - at;
        if (inner < 0x80) {
            bomb[--at] = (uint8_t)inner;
        } else if (inner < 0x100) {
            bomb[--at] = (uint8_t)inner;
            bomb[--at] = 0x81;
        } else {
            bomb[--at] = (uint8_t)inner;
            bomb[--at] = (uint8_t)(inner >> 8);
            bomb[--at] = 0x82;
        }
        bomb[--at] = 0x30;
    }
    CHECK_OK(gmtls_der_validate(bomb + cap - 2, 2));
    CHECK_ERR(gmtls_der_validate(bomb + at, cap - at), GMTLS_ERR_DER_DEPTH);
    free(bomb);
}

static void test_integer(void)
{
    uint8_t b[64];
    size_t n;
    gmtls_der d;
    const uint8_t *m;
    size_t ml;
    int neg;
    uint64_t x;
#define INT_CASE(hex, want)                                                                      \
    do {                                                                                         \
        n = hx(hex, b);                                                                          \
        gmtls_der_init(&d, b, n);                                                                \
        CHECK_ERR(gmtls_der_integer(&d, &m, &ml, &neg), want);                                   \
    } while (0)
    INT_CASE("0200", GMTLS_ERR_DER_VALUE);
    INT_CASE("0202007f", GMTLS_ERR_DER_VALUE);
    INT_CASE("02020000", GMTLS_ERR_DER_VALUE);
    INT_CASE("0202ff80", GMTLS_ERR_DER_VALUE);
    INT_CASE("0202ffff", GMTLS_ERR_DER_VALUE);
    INT_CASE("020100", 0);
    CHECK(ml == 1 && m[0] == 0 && neg == 0);
    INT_CASE("02020080", 0);
    CHECK(ml == 1 && m[0] == 0x80 && neg == 0);
    INT_CASE("020180", 0);
    CHECK(neg == 1);
    INT_CASE("0202ff7f", 0);
    CHECK(neg == 1 && ml == 2);
    INT_CASE("0203010000", 0);
    CHECK(ml == 3 && neg == 0);
    /* negative refused when the caller cannot take a sign */
    n = hx("0201ff", b);
    gmtls_der_init(&d, b, n);
    CHECK_ERR(gmtls_der_integer(&d, &m, &ml, NULL), GMTLS_ERR_DER_VALUE);
    /* small_uint */
    n = hx("02087fffffffffffffff", b);
    gmtls_der_init(&d, b, n);
    CHECK_OK(gmtls_der_small_uint(&d, &x));
    CHECK(x == 0x7fffffffffffffffull);
    n = hx("0209008000000000000000", b);
    gmtls_der_init(&d, b, n);
    CHECK_ERR(gmtls_der_small_uint(&d, &x), GMTLS_ERR_DER_VALUE);
    n = hx("0201ff", b);
    gmtls_der_init(&d, b, n);
    CHECK_ERR(gmtls_der_small_uint(&d, &x), GMTLS_ERR_DER_VALUE);
    n = hx("020100", b);
    gmtls_der_init(&d, b, n);
    CHECK_OK(gmtls_der_small_uint(&d, &x));
    CHECK_EQ(x, 0);
}

static void test_simple_types(void)
{
    uint8_t b[64];
    size_t n;
    gmtls_der d;
    int v;
    const uint8_t *p;
    size_t l;
    unsigned unused;
#define RUN(hex, call, want)                                                                     \
    do {                                                                                         \
        n = hx(hex, b);                                                                          \
        gmtls_der_init(&d, b, n);                                                                \
        CHECK_ERR(call, want);                                                                   \
    } while (0)
    RUN("010100", gmtls_der_boolean(&d, &v), 0);
    CHECK_EQ(v, 0);
    RUN("0101ff", gmtls_der_boolean(&d, &v), 0);
    CHECK_EQ(v, 1);
    RUN("010101", gmtls_der_boolean(&d, &v), GMTLS_ERR_DER_VALUE);
    RUN("01017f", gmtls_der_boolean(&d, &v), GMTLS_ERR_DER_VALUE);
    RUN("0100", gmtls_der_boolean(&d, &v), GMTLS_ERR_DER_VALUE);
    RUN("0102ffff", gmtls_der_boolean(&d, &v), GMTLS_ERR_DER_VALUE);
    RUN("0500", gmtls_der_null(&d), 0);
    RUN("050100", gmtls_der_null(&d), GMTLS_ERR_DER_VALUE);
    RUN("030100", gmtls_der_bit_string(&d, &p, &l, &unused), 0);
    CHECK(l == 0 && unused == 0);
    RUN("030101", gmtls_der_bit_string(&d, &p, &l, &unused), GMTLS_ERR_DER_VALUE);
    RUN("0300", gmtls_der_bit_string(&d, &p, &l, &unused), GMTLS_ERR_DER_VALUE);
    RUN("03020800", gmtls_der_bit_string(&d, &p, &l, &unused), GMTLS_ERR_DER_VALUE);
    RUN("03020780", gmtls_der_bit_string(&d, &p, &l, &unused), 0);
    CHECK(l == 1 && unused == 7 && p[0] == 0x80);
    RUN("03020781", gmtls_der_bit_string(&d, &p, &l, &unused), GMTLS_ERR_DER_VALUE);
    RUN("030201fe", gmtls_der_bit_string(&d, &p, &l, &unused), 0);
    RUN("030201ff", gmtls_der_bit_string(&d, &p, &l, &unused), GMTLS_ERR_DER_VALUE);
    RUN("030300ffff", gmtls_der_bit_string(&d, &p, &l, &unused), 0);
    CHECK(l == 2 && unused == 0);
    RUN("0600", gmtls_der_oid(&d, &p, &l), GMTLS_ERR_OID);
    RUN("06022a80", gmtls_der_oid(&d, &p, &l), GMTLS_ERR_OID);      /* unterminated arc */
    RUN("06032a8001", gmtls_der_oid(&d, &p, &l), GMTLS_ERR_OID);    /* leading 0x80 octet */
    RUN("0603802a01", gmtls_der_oid(&d, &p, &l), GMTLS_ERR_OID);
    RUN("06032a0301", gmtls_der_oid(&d, &p, &l), 0);
    CHECK_EQ(l, 3);
    RUN("0403010203", gmtls_der_octet_string(&d, &p, &l), 0);
    CHECK_EQ(l, 3);
}

static int time_hex(uint8_t tag, const char *s, int64_t *t)
{
    uint8_t b[64];
    size_t n = strlen(s);
    b[0] = tag;
    b[1] = (uint8_t)n;
    memcpy(b + 2, s, n);
    gmtls_der d;
    gmtls_der_init(&d, b, n + 2);
    int e = gmtls_der_time(&d, t);
    return e ? e : gmtls_der_end(&d);
}

static int64_t libc_timegm(int y, int mo, int d, int h, int mi, int s)
{
    struct tm tm;
    memset(&tm, 0, sizeof(tm));
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    return (int64_t)timegm(&tm);
}

static void test_time(void)
{
    int64_t t;
    const uint8_t U = GMTLS_DER_UTC_TIME, G = GMTLS_DER_GENERALIZED_TIME;
    CHECK_OK(time_hex(U, "700101000000Z", &t));
    CHECK_EQ(t, 0);
    CHECK_OK(time_hex(U, "491231235959Z", &t));
    CHECK_EQ(t, libc_timegm(2049, 12, 31, 23, 59, 59));
    CHECK_OK(time_hex(U, "500101000000Z", &t));
    CHECK_EQ(t, libc_timegm(1950, 1, 1, 0, 0, 0));
    CHECK_OK(time_hex(G, "20500101000000Z", &t));
    CHECK_EQ(t, libc_timegm(2050, 1, 1, 0, 0, 0));
    CHECK_OK(time_hex(G, "99991231235959Z", &t));
    CHECK_EQ(t, libc_timegm(9999, 12, 31, 23, 59, 59));
    CHECK_OK(time_hex(U, "240229120000Z", &t));
    CHECK_EQ(t, libc_timegm(2024, 2, 29, 12, 0, 0));
    CHECK_OK(time_hex(G, "20000229000000Z", &t));
    CHECK_ERR(time_hex(G, "21000229000000Z", &t), GMTLS_ERR_TIME_FORMAT);
    CHECK_ERR(time_hex(U, "230229000000Z", &t), GMTLS_ERR_TIME_FORMAT);
    CHECK_ERR(time_hex(U, "4912312359Z", &t), GMTLS_ERR_TIME_FORMAT);       /* no seconds */
    CHECK_ERR(time_hex(U, "491231235959", &t), GMTLS_ERR_TIME_FORMAT);      /* no Z */
    CHECK_ERR(time_hex(U, "491231235959+0000", &t), GMTLS_ERR_TIME_FORMAT);
    CHECK_ERR(time_hex(G, "20500101000000.5Z", &t), GMTLS_ERR_TIME_FORMAT);
    CHECK_ERR(time_hex(G, "205001010000Z", &t), GMTLS_ERR_TIME_FORMAT);
    CHECK_ERR(time_hex(U, "20500101000000Z", &t), GMTLS_ERR_TIME_FORMAT);   /* 4-digit year in UTCTime */
    CHECK_ERR(time_hex(U, "491331000000Z", &t), GMTLS_ERR_TIME_FORMAT);     /* month 13 */
    CHECK_ERR(time_hex(U, "490032000000Z", &t), GMTLS_ERR_TIME_FORMAT);
    CHECK_ERR(time_hex(U, "490100000000Z", &t), GMTLS_ERR_TIME_FORMAT);     /* day 0 */
    CHECK_ERR(time_hex(U, "490431000000Z", &t), GMTLS_ERR_TIME_FORMAT);     /* April 31 */
    CHECK_ERR(time_hex(U, "490101240000Z", &t), GMTLS_ERR_TIME_FORMAT);
    CHECK_ERR(time_hex(U, "490101006000Z", &t), GMTLS_ERR_TIME_FORMAT);
    CHECK_ERR(time_hex(U, "490101000060Z", &t), GMTLS_ERR_TIME_FORMAT);     /* no leap seconds */
    CHECK_ERR(time_hex(U, "49010100 000Z", &t), GMTLS_ERR_TIME_FORMAT);
    CHECK_ERR(time_hex(U, "4901010000-0Z", &t), GMTLS_ERR_TIME_FORMAT);
    CHECK_ERR(time_hex(U, "", &t), GMTLS_ERR_TIME_FORMAT);
    CHECK_ERR(time_hex(GMTLS_DER_OCTET_STRING, "491231235959Z", &t), GMTLS_ERR_DER_TAG);
    /* Random dates against libc timegm. */
    test_rand_seed(7);
    int bad = 0;
    for (int i = 0; i < 2000; i++) {
        int y = 1950 + (int)(test_rand_u32() % 8000), mo = 1 + (int)(test_rand_u32() % 12);
        int dd = 1 + (int)(test_rand_u32() % 28), h = (int)(test_rand_u32() % 24);
        int mi = (int)(test_rand_u32() % 60), s = (int)(test_rand_u32() % 60);
        char buf[32];
        if (y < 2050)
            snprintf(buf, sizeof(buf), "%02d%02d%02d%02d%02d%02dZ", y % 100, mo, dd, h, mi, s);
        else
            snprintf(buf, sizeof(buf), "%04d%02d%02d%02d%02d%02dZ", y, mo, dd, h, mi, s);
        if (time_hex(y < 2050 ? U : G, buf, &t) != 0 || t != libc_timegm(y, mo, dd, h, mi, s))
            bad++;
    }
    CHECK_EQ(bad, 0);
}

int main(void)
{
    test_real_certs();
    test_lengths();
    test_tags();
    test_depth();
    test_integer();
    test_simple_types();
    test_time();
    return test_report();
}
