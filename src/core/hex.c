/* Hex encoding (see hex.h). Not constant time: used for keys only at the command line, where
 * the key was already typed as text. */
#include "core/hex.h"

#include "gmtls/error.h"

static int nibble(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int gmtls_hex_decode(const char *hex, size_t hexlen, uint8_t *out, size_t cap, size_t *outlen)
{
    if (hexlen % 2)
        return GMTLS_ERR_HEX;
    if (hexlen / 2 > cap)
        return GMTLS_ERR_BUFFER_TOO_SMALL;
    for (size_t i = 0; i < hexlen; i += 2) {
        int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
        if (hi < 0 || lo < 0)
            return GMTLS_ERR_HEX;
        out[i / 2] = (uint8_t)(hi << 4 | lo);
    }
    *outlen = hexlen / 2;
    return 0;
}

void gmtls_hex_encode(const uint8_t *in, size_t len, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < len; i++) {
        out[2 * i] = digits[in[i] >> 4];
        out[2 * i + 1] = digits[in[i] & 15];
    }
    out[2 * len] = '\0';
}
