/* Base64 (RFC 4648 4) for PEM. Both directions run without table lookups or branches on the data,
 * because PEM files carry private keys. */
#ifndef GMTLS_PKI_BASE64_H
#define GMTLS_PKI_BASE64_H

#include <stddef.h>
#include <stdint.h>

/* Characters needed for n bytes (no line breaks, no NUL). */
size_t gmtls_base64_encoded_len(size_t n);
/* Encode n bytes into out (gmtls_base64_encoded_len(n) characters, padded with '='). */
void gmtls_base64_encode(const uint8_t *in, size_t n, char *out);
/* Strict decode (RFC 4648 3.3, 3.5): only the base64 alphabet, correct '=' padding at the very
 * end only, zero pad bits. When skip_ws is set, spaces, tabs, CR and LF are ignored (PEM line
 * breaks). out must hold at least (n / 4 + 1) * 3 bytes. GMTLS_ERR_BASE64 on any defect. */
int gmtls_base64_decode(const char *in, size_t n, int skip_ws, uint8_t *out, size_t cap, size_t *out_len);

#endif
