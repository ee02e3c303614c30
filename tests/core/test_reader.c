/* Bounds-checked reader: every read at every truncation point, sub-readers, sticky errors. */
#include <stdlib.h>

#include "core/reader.h"
#include "test.h"

static void test_basic(void)
{
    static const uint8_t b[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a};
    gmtls_reader r;
    uint8_t u8;
    uint16_t u16;
    uint32_t u32;
    gmtls_reader_init(&r, b, sizeof b);
    CHECK_OK(gmtls_reader_u8(&r, &u8));
    CHECK_EQ(u8, 0x01);
    CHECK_OK(gmtls_reader_u16(&r, &u16));
    CHECK_EQ(u16, 0x0203);
    CHECK_OK(gmtls_reader_u24(&r, &u32));
    CHECK_EQ(u32, 0x040506);
    CHECK_OK(gmtls_reader_u32(&r, &u32));
    CHECK_EQ(u32, 0x0708090au);
    CHECK_EQ(gmtls_reader_left(&r), 0);
    CHECK_OK(gmtls_reader_end(&r));
    CHECK_ERR(gmtls_reader_u8(&r, &u8), GMTLS_ERR_DECODE);
}

/* Every fixed-width read on every buffer shorter than it fails with DECODE and leaves the
 * reader failed (sticky). */
static void test_truncation(void)
{
    static const uint8_t b[4] = {0xff, 0xff, 0xff, 0xff};
    for (size_t len = 0; len < 4; len++) {
        gmtls_reader r;
        uint16_t u16;
        uint32_t u32;
        uint8_t u8;
        if (len < 2) {
            gmtls_reader_init(&r, b, len);
            CHECK_ERR(gmtls_reader_u16(&r, &u16), GMTLS_ERR_DECODE);
            CHECK_ERR(gmtls_reader_u8(&r, &u8), GMTLS_ERR_DECODE); /* sticky */
            CHECK_EQ(gmtls_reader_left(&r), 0);
        }
        if (len < 3) {
            gmtls_reader_init(&r, b, len);
            CHECK_ERR(gmtls_reader_u24(&r, &u32), GMTLS_ERR_DECODE);
        }
        gmtls_reader_init(&r, b, len);
        CHECK_ERR(gmtls_reader_u32(&r, &u32), GMTLS_ERR_DECODE);
        CHECK_ERR(gmtls_reader_end(&r), GMTLS_ERR_DECODE);
        gmtls_reader_init(&r, b, len);
        CHECK_ERR(gmtls_reader_skip(&r, len + 1), GMTLS_ERR_DECODE);
    }
    /* a huge length must not wrap the bounds check */
    gmtls_reader r;
    const uint8_t *p;
    gmtls_reader_init(&r, b, 4);
    CHECK_OK(gmtls_reader_skip(&r, 1));
    CHECK_ERR(gmtls_reader_bytes(&r, SIZE_MAX, &p), GMTLS_ERR_DECODE);
    gmtls_reader_init(&r, b, 4);
    CHECK_OK(gmtls_reader_skip(&r, 2));
    CHECK_ERR(gmtls_reader_bytes(&r, SIZE_MAX - 1, &p), GMTLS_ERR_DECODE);
}

static void test_sub(void)
{
    /* u8-prefixed [aa bb], u16-prefixed [cc], u24-prefixed [], trailing dd */
    static const uint8_t b[] = {0x02, 0xaa, 0xbb, 0x00, 0x01, 0xcc, 0x00, 0x00, 0x00, 0xdd};
    gmtls_reader r, s;
    uint8_t v;
    gmtls_reader_init(&r, b, sizeof b);
    CHECK_OK(gmtls_reader_sub8(&r, &s));
    CHECK_EQ(gmtls_reader_left(&s), 2);
    CHECK_OK(gmtls_reader_u8(&s, &v));
    CHECK_EQ(v, 0xaa);
    CHECK_ERR(gmtls_reader_end(&s), GMTLS_ERR_TRAILING_DATA);
    CHECK_OK(gmtls_reader_sub16(&r, &s));
    CHECK_OK(gmtls_reader_u8(&s, &v));
    CHECK_EQ(v, 0xcc);
    CHECK_OK(gmtls_reader_end(&s));
    CHECK_ERR(gmtls_reader_u8(&s, &v), GMTLS_ERR_DECODE); /* sub-reader cannot see past its end */
    CHECK_OK(gmtls_reader_sub24(&r, &s));
    CHECK_OK(gmtls_reader_end(&s));
    CHECK_ERR(gmtls_reader_end(&r), GMTLS_ERR_TRAILING_DATA);

    /* prefixes that claim more than is there, at every truncation of the prefix itself */
    static const uint8_t lie8[] = {0x05, 0x01}, lie16[] = {0x00, 0x05, 0x01}, lie24[] = {0x00, 0x00, 0x05, 0x01};
    for (size_t n = 0; n <= sizeof lie8; n++) {
        gmtls_reader_init(&r, lie8, n);
        CHECK_ERR(gmtls_reader_sub8(&r, &s), GMTLS_ERR_DECODE);
        CHECK_EQ(gmtls_reader_left(&s), 0);
    }
    for (size_t n = 0; n <= sizeof lie16; n++) {
        gmtls_reader_init(&r, lie16, n);
        CHECK_ERR(gmtls_reader_sub16(&r, &s), GMTLS_ERR_DECODE);
    }
    for (size_t n = 0; n <= sizeof lie24; n++) {
        gmtls_reader_init(&r, lie24, n);
        CHECK_ERR(gmtls_reader_sub24(&r, &s), GMTLS_ERR_DECODE);
    }
}

static void test_copy_peek(void)
{
    static const uint8_t b[] = {1, 2, 3};
    uint8_t out[3] = {0}, v = 0;
    gmtls_reader r;
    gmtls_reader_init(&r, b, 3);
    CHECK_OK(gmtls_reader_peek(&r, &v));
    CHECK_EQ(v, 1);
    CHECK_EQ(gmtls_reader_left(&r), 3);
    CHECK_OK(gmtls_reader_copy(&r, out, 3));
    CHECK_MEM(out, b, 3);
    CHECK_ERR(gmtls_reader_peek(&r, &v), GMTLS_ERR_DECODE);
    gmtls_reader_init(&r, NULL, 0);
    CHECK_OK(gmtls_reader_end(&r));
}

int main(void)
{
    test_basic();
    test_truncation();
    test_sub();
    test_copy_peek();
    return test_report();
}
