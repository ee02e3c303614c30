/* Hex encoding for the command line, logs and tests. */
#ifndef GMTLS_CORE_HEX_H
#define GMTLS_CORE_HEX_H

#include <stddef.h>
#include <stdint.h>

/* Decode hex (upper or lower case, no separators) into out. GMTLS_ERR_HEX on an odd length or
 * a non-hex character, GMTLS_ERR_BUFFER_TOO_SMALL if it does not fit. */
int gmtls_hex_decode(const char *hex, size_t hexlen, uint8_t *out, size_t cap, size_t *outlen);
/* Lowercase hex of in, NUL-terminated; out must hold 2 * len + 1 bytes. */
void gmtls_hex_encode(const uint8_t *in, size_t len, char *out);

#endif
