/* Bounds-checked writer: prefixes, overflow at every capacity, measuring mode. */
#include "core/writer.h"
#include "test.h"

/* Writes u8(1) [u16-prefixed: u16(0x0203) u24(0x040506) [u8-prefixed: u32(0x0708090a)]] */
static int build(gmtls_writer *w)
{
    gmtls_writer_mark a, b;
    gmtls_writer_u8(w, 1);
    gmtls_writer_begin(w, 2, &a);
    gmtls_writer_u16(w, 0x0203);
    gmtls_writer_u24(w, 0x040506);
    gmtls_writer_begin(w, 1, &b);
    gmtls_writer_u32(w, 0x0708090a);
    gmtls_writer_end(w, &b);
    return gmtls_writer_end(w, &a);
}

int main(void)
{
    static const uint8_t want[] = {0x01, 0x00, 0x0a, 0x02, 0x03, 0x04, 0x05, 0x06, 0x04, 0x07, 0x08, 0x09, 0x0a};
    uint8_t buf[32];
    gmtls_writer w;
    size_t len = 0;

    gmtls_writer_init(&w, buf, sizeof buf);
    CHECK_OK(build(&w));
    CHECK_OK(gmtls_writer_finish(&w, &len));
    CHECK_EQ(len, sizeof want);
    CHECK_MEM(buf, want, sizeof want);

    /* measuring */
    gmtls_writer_init(&w, NULL, 0);
    CHECK_OK(build(&w));
    CHECK_OK(gmtls_writer_finish(&w, &len));
    CHECK_EQ(len, sizeof want);

    /* every capacity short of the full length fails, and never writes past cap */
    for (size_t cap = 0; cap < sizeof want; cap++) {
        uint8_t small[sizeof want + 4];
        memset(small, 0xee, sizeof small);
        gmtls_writer_init(&w, small, cap);
        CHECK_ERR(build(&w), GMTLS_ERR_BUFFER_TOO_SMALL);
        CHECK_ERR(gmtls_writer_finish(&w, &len), GMTLS_ERR_BUFFER_TOO_SMALL);
        for (size_t i = cap; i < sizeof small; i++)
            CHECK_EQ(small[i], 0xee);
    }

    /* a vector longer than its prefix allows */
    static uint8_t big[300];
    uint8_t out[400];
    gmtls_writer_mark m;
    gmtls_writer_init(&w, out, sizeof out);
    gmtls_writer_begin(&w, 1, &m);
    gmtls_writer_bytes(&w, big, 256);
    CHECK_ERR(gmtls_writer_end(&w, &m), GMTLS_ERR_BAD_LENGTH);
    gmtls_writer_init(&w, out, sizeof out);
    gmtls_writer_begin(&w, 1, &m);
    gmtls_writer_bytes(&w, big, 255);
    CHECK_OK(gmtls_writer_end(&w, &m));
    CHECK_EQ(out[0], 255);
    gmtls_writer_init(&w, out, sizeof out);
    CHECK_ERR(gmtls_writer_u24(&w, 0x1000000u), GMTLS_ERR_BAD_LENGTH);
    gmtls_writer_init(&w, out, sizeof out);
    CHECK_ERR(gmtls_writer_begin(&w, 4, &m), GMTLS_ERR_INVALID_ARG);
    return test_report();
}
