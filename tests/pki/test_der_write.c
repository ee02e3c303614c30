/* DER encoder: exact bytes at the length-form boundaries, nested begin/end with content moves,
 * measuring writers, exact-size buffers, and round trips through the decoder. */
#include <stdlib.h>
#include <string.h>

#include "pki/der.h"
#include "pki/der_write.h"
#include "pki/oid.h"
#include "test.h"

/* SEQUENCE { [1] { val } } through nested begin/end marks, every step checked; the size written. */
static size_t write_nested(gmtls_writer *w, const uint8_t *val, size_t n)
{
    gmtls_derw_mark m, m2;
    size_t out = 0;
    CHECK_OK(gmtls_derw_begin(w, GMTLS_DER_SEQUENCE, &m));
    CHECK_OK(gmtls_derw_begin(w, GMTLS_DER_CONTEXT(1), &m2));
    CHECK_OK(gmtls_writer_bytes(w, val, n));
    CHECK_OK(gmtls_derw_end(w, &m2));
    CHECK_OK(gmtls_derw_end(w, &m));
    CHECK_OK(gmtls_writer_finish(w, &out));
    return out;
}

static void test_tlv_lengths(void)
{
    static const size_t lens[] = {0, 1, 127, 128, 255, 256, 65535, 65536, 70000};
    static const uint8_t want_hdr[][5] = {{0x00}, {0x01}, {0x7f}, {0x81, 0x80}, {0x81, 0xff}, {0x82, 0x01, 0x00},
                                          {0x82, 0xff, 0xff}, {0x83, 0x01, 0x00, 0x00}, {0x83, 0x01, 0x11, 0x70}};
    static const size_t hdr_len[] = {1, 1, 1, 2, 2, 3, 3, 4, 4};
    uint8_t *val = malloc(70000), *buf = malloc(70010);
    test_rand_bytes(val, 70000);
    for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
        size_t n = lens[i];
        gmtls_writer w;
        size_t out;
        /* measure */
        gmtls_writer_init(&w, NULL, 0);
        CHECK_OK(gmtls_derw_tlv(&w, GMTLS_DER_OCTET_STRING, val, n));
        CHECK_OK(gmtls_writer_finish(&w, &out));
        CHECK_EQ(out, 1 + hdr_len[i] + n);
        CHECK_EQ(gmtls_derw_length_size(n), hdr_len[i]);
        /* exact-size buffer */
        gmtls_writer_init(&w, buf, 1 + hdr_len[i] + n);
        CHECK_OK(gmtls_derw_tlv(&w, GMTLS_DER_OCTET_STRING, val, n));
        CHECK_OK(gmtls_writer_finish(&w, &out));
        CHECK_EQ(buf[0], 0x04);
        CHECK_MEM(buf + 1, want_hdr[i], hdr_len[i]);
        CHECK_MEM(buf + 1 + hdr_len[i], val, n);
        /* one byte short */
        gmtls_writer_init(&w, buf, hdr_len[i] + n);
        CHECK_ERR(gmtls_derw_tlv(&w, GMTLS_DER_OCTET_STRING, val, n), GMTLS_ERR_BUFFER_TOO_SMALL);
        /* decode back */
        gmtls_der d;
        const uint8_t *v;
        size_t vl;
        gmtls_der_init(&d, buf, out);
        CHECK_OK(gmtls_der_octet_string(&d, &v, &vl));
        CHECK_EQ(vl, n);
        CHECK_OK(gmtls_der_end(&d));

        /* The same content inside begin/end: the length is fixed up and content moved. */
        gmtls_derw_mark m, m2;
        size_t total = 1 + hdr_len[i] + n;
        size_t outer = 1 + gmtls_derw_length_size(total) + total;
        gmtls_writer_init(&w, NULL, 0);
        CHECK_EQ(write_nested(&w, val, n), outer);
        gmtls_writer_init(&w, buf, outer);
        out = write_nested(&w, val, n);
        CHECK_EQ(out, outer);
        gmtls_der in1, in2;
        gmtls_der_init(&d, buf, out);
        CHECK_OK(gmtls_der_enter(&d, GMTLS_DER_SEQUENCE, &in1));
        CHECK_OK(gmtls_der_enter(&in1, GMTLS_DER_CONTEXT(1), &in2));
        CHECK_EQ(gmtls_reader_left(&in2.r), n);
        CHECK_MEM(gmtls_reader_ptr(&in2.r), val, n);
        CHECK_OK(gmtls_der_end(&in1));
        CHECK_OK(gmtls_der_end(&d));
        /* too small by one: the move at end fails cleanly */
        gmtls_writer_init(&w, buf, outer - 1);
        (void)gmtls_derw_begin(&w, GMTLS_DER_SEQUENCE, &m);
        (void)gmtls_derw_begin(&w, GMTLS_DER_CONTEXT(1), &m2);
        (void)gmtls_writer_bytes(&w, val, n);
        (void)gmtls_derw_end(&w, &m2);
        CHECK_ERR(gmtls_derw_end(&w, &m), GMTLS_ERR_BUFFER_TOO_SMALL);
    }
    free(val);
    free(buf);
}

static void enc_check(int (*fn)(gmtls_writer *), const char *want_hex)
{
    uint8_t buf[64], want[64];
    size_t wl = test_unhex(want_hex, want, sizeof(want)), out = 0;
    gmtls_writer w;
    gmtls_writer_init(&w, buf, sizeof(buf));
    CHECK_OK(fn(&w));
    CHECK_OK(gmtls_writer_finish(&w, &out));
    CHECK_EQ(out, wl);
    CHECK_MEM(buf, want, wl);
}

static int e_int_zero(gmtls_writer *w) { return gmtls_derw_integer(w, NULL, 0); }
static int e_int_zeros(gmtls_writer *w) { static const uint8_t z[3]; return gmtls_derw_integer(w, z, 3); }
static int e_int_80(gmtls_writer *w) { static const uint8_t v[] = {0, 0, 0x80}; return gmtls_derw_integer(w, v, 3); }
static int e_int_7f(gmtls_writer *w) { static const uint8_t v[] = {0x7f, 0xff}; return gmtls_derw_integer(w, v, 2); }
static int e_uint0(gmtls_writer *w) { return gmtls_derw_uint(w, 0); }
static int e_uint128(gmtls_writer *w) { return gmtls_derw_uint(w, 128); }
static int e_uintmax(gmtls_writer *w) { return gmtls_derw_uint(w, UINT64_MAX); }
static int e_true(gmtls_writer *w) { return gmtls_derw_boolean(w, 5); }
static int e_false(gmtls_writer *w) { return gmtls_derw_boolean(w, 0); }
static int e_null(gmtls_writer *w) { return gmtls_derw_null(w); }
static int e_oid(gmtls_writer *w) { return gmtls_derw_oid(w, GMTLS_OID_AT_CN); }
static int e_bits(gmtls_writer *w) { static const uint8_t v[] = {0xff, 0xff}; return gmtls_derw_bit_string(w, v, 2, 3); }
static int e_bits_empty(gmtls_writer *w) { return gmtls_derw_bit_string(w, NULL, 0, 0); }
static int e_raw(gmtls_writer *w) { static const uint8_t v[] = {0x05, 0x00}; return gmtls_derw_raw(w, v, 2); }

static void test_primitives(void)
{
    enc_check(e_int_zero, "020100");
    enc_check(e_int_zeros, "020100");
    enc_check(e_int_80, "02020080");
    enc_check(e_int_7f, "02027fff");
    enc_check(e_uint0, "020100");
    enc_check(e_uint128, "02020080");
    enc_check(e_uintmax, "020900ffffffffffffffff");
    enc_check(e_true, "0101ff");
    enc_check(e_false, "010100");
    enc_check(e_null, "0500");
    enc_check(e_oid, "0603550403");
    enc_check(e_bits, "030303fff8");
    enc_check(e_bits_empty, "030100");
    enc_check(e_raw, "0500");
    uint8_t buf[32];
    gmtls_writer w;
    gmtls_writer_init(&w, buf, sizeof(buf));
    CHECK_ERR(gmtls_derw_oid(&w, GMTLS_OID_UNKNOWN), GMTLS_ERR_INVALID_ARG);
    gmtls_writer_init(&w, buf, sizeof(buf));
    CHECK_ERR(gmtls_derw_bit_string(&w, buf, 1, 8), GMTLS_ERR_INVALID_ARG);
    gmtls_writer_init(&w, buf, sizeof(buf));
    CHECK_ERR(gmtls_derw_bit_string(&w, NULL, 0, 1), GMTLS_ERR_INVALID_ARG);
    /* integers round trip through the strict decoder */
    test_rand_seed(11);
    int bad = 0;
    for (int i = 0; i < 500; i++) {
        uint8_t mag[40];
        size_t n = test_rand_u32() % 40;
        test_rand_bytes(mag, n);
        for (size_t k = 0; k < n && (test_rand_u32() & 1); k++)
            mag[k] = 0;
        uint8_t out[64];
        size_t ol;
        gmtls_writer_init(&w, out, sizeof(out));
        if (gmtls_derw_integer(&w, mag, n) != 0 || gmtls_writer_finish(&w, &ol) != 0) {
            bad++;
            continue;
        }
        gmtls_der d;
        const uint8_t *m;
        size_t ml;
        int neg;
        gmtls_der_init(&d, out, ol);
        if (gmtls_der_integer(&d, &m, &ml, &neg) != 0 || neg || gmtls_der_end(&d) != 0) {
            bad++;
            continue;
        }
        size_t skip = 0;
        while (skip < n && mag[skip] == 0)
            skip++;
        if (skip == n) {
            if (!(ml == 1 && m[0] == 0))
                bad++;
        } else if (ml != n - skip || memcmp(m, mag + skip, ml) != 0) {
            bad++;
        }
    }
    CHECK_EQ(bad, 0);
}

static void test_time_roundtrip(void)
{
    static const int64_t ts[] = {0, -631152000 /* 1950-01-01 */, 2524607999 /* 2049-12-31 23:59:59 */,
                                 2524608000 /* 2050-01-01 */, 253402300799 /* 9999-12-31 23:59:59 */,
                                 951782400 /* 2000-02-29 */, 1700000000, -631152001 /* 1949 */,
                                 -62167219200 /* 0000-01-01 */};
    for (size_t i = 0; i < sizeof(ts) / sizeof(ts[0]); i++) {
        uint8_t buf[32];
        size_t ol;
        gmtls_writer w;
        gmtls_writer_init(&w, buf, sizeof(buf));
        CHECK_OK(gmtls_derw_time(&w, ts[i]));
        CHECK_OK(gmtls_writer_finish(&w, &ol));
        int utc = ts[i] >= -631152000 && ts[i] < 2524608000;
        CHECK_EQ(buf[0], utc ? GMTLS_DER_UTC_TIME : GMTLS_DER_GENERALIZED_TIME);
        CHECK_EQ(ol, utc ? 15 : 17);
        gmtls_der d;
        int64_t t = 0;
        gmtls_der_init(&d, buf, ol);
        CHECK_OK(gmtls_der_time(&d, &t));
        CHECK_EQ(t, ts[i]);
    }
    uint8_t buf[32];
    gmtls_writer w;
    gmtls_writer_init(&w, buf, sizeof(buf));
    CHECK_ERR(gmtls_derw_time(&w, 253402300800), GMTLS_ERR_INVALID_ARG); /* year 10000 */
    gmtls_writer_init(&w, buf, sizeof(buf));
    CHECK_OK(gmtls_derw_time(&w, 2524607999));
    CHECK_MEM(buf, "\x17\x0d" "491231235959Z", 15);
    test_rand_seed(3);
    int bad = 0;
    for (int i = 0; i < 3000; i++) {
        int64_t t = (int64_t)(((uint64_t)test_rand_u32() << 32 | test_rand_u32()) % 253402300800ull);
        size_t ol;
        int64_t back;
        gmtls_der d;
        gmtls_writer_init(&w, buf, sizeof(buf));
        if (gmtls_derw_time(&w, t) || gmtls_writer_finish(&w, &ol)) {
            bad++;
            continue;
        }
        gmtls_der_init(&d, buf, ol);
        if (gmtls_der_time(&d, &back) || back != t)
            bad++;
    }
    CHECK_EQ(bad, 0);
}

int main(void)
{
    test_tlv_lengths();
    test_primitives();
    test_time_roundtrip();
    return test_report();
}
