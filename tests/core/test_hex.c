/* Hex decoding: case, odd length, bad characters, capacity. */
#include "core/hex.h"
#include "test.h"

int main(void)
{
    uint8_t out[8];
    size_t n = 99;
    char txt[17];
    CHECK_OK(gmtls_hex_decode("00fFaB", 6, out, sizeof out, &n));
    CHECK_EQ(n, 3);
    CHECK_EQ(out[0], 0x00);
    CHECK_EQ(out[1], 0xff);
    CHECK_EQ(out[2], 0xab);
    gmtls_hex_encode(out, 3, txt);
    CHECK(strcmp(txt, "00ffab") == 0);
    CHECK_OK(gmtls_hex_decode("", 0, out, sizeof out, &n));
    CHECK_EQ(n, 0);
    CHECK_ERR(gmtls_hex_decode("abc", 3, out, sizeof out, &n), GMTLS_ERR_HEX);
    CHECK_ERR(gmtls_hex_decode("0g", 2, out, sizeof out, &n), GMTLS_ERR_HEX);
    CHECK_ERR(gmtls_hex_decode(" 0", 2, out, sizeof out, &n), GMTLS_ERR_HEX);
    CHECK_ERR(gmtls_hex_decode("000000000000000000", 18, out, sizeof out, &n), GMTLS_ERR_BUFFER_TOO_SMALL);
    return test_report();
}
